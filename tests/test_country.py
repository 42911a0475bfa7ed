"""The Country page, the briefing and `python -m dashboard briefing`: the documents hold what the page shows for
the same filters, and odd inputs (no meetings, an empty year range, a name with markup) still give valid files."""

import datetime as dt
import io
import sqlite3
import re

import docx
import pypdf
import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from dashboard import briefing, queries, store
from dashboard.__main__ import cli
from dashboard.cube import Cube
from dashboard.filters import Filters
from dashboard.vocab import readable_date
from etl.load import build

from .conftest import ROOT

TODAY = dt.date.today().isoformat()


def country_page(monkeypatch, db, query) -> AppTest:
    monkeypatch.setenv("COOPERATION_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("pages/6_Country.py").run()


def document(db, query: dict, fmt: str, on: str = TODAY) -> bytes:
    conn = store.connect(db)
    try:
        options = queries.options(conn)
        filters, notices = Filters.from_query(query, options)
        assert notices == []
        return briefing.build(conn, Cube.from_database(conn), filters, options, fmt, on)
    finally:
        conn.close()


def docx_tables(data: bytes) -> dict[str, list[list[str]]]:
    """Each table of the .docx under the heading before it."""
    doc = docx.Document(io.BytesIO(data))
    out, heading = {}, None
    body = doc.element.body
    tables = iter(doc.tables)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p" and child.xpath("string(.)") and "Heading" in (child.xpath("string(./w:pPr/w:pStyle/@w:val)") or ""):
            heading = child.xpath("string(.)")
        elif tag == "tbl":
            table = next(tables)
            out[heading] = [[cell.text for cell in row.cells] for row in table.rows][1:]
    return out


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("query", [{"country": "KAZ"}, {"country": "UZB", "years": "2015-2025"},
                                   {"country": "TJK", "theme": "climate_glaciology"}])
def test_the_briefing_holds_what_the_country_page_shows(monkeypatch, bundled_db, query):
    at = country_page(monkeypatch, bundled_db, query)
    assert not at.exception, at.exception
    assert dict(at.query_params)["country"] == query["country"]
    shown = {m.label: m.value for m in at.metric}
    page_meetings = next((d.value for d in at.dataframe if "participants" in d.value.columns), None)
    word = docx_tables(document(bundled_db, query, "docx"))
    assert dict(map(tuple, word["Headline numbers"])) == shown
    if page_meetings is None:
        assert "Latest meetings" not in word
    else:
        assert [row[:3] for row in word["Latest meetings"]] == [
            [readable_date(d), p if isinstance(p, str) else "", t]
            for d, p, t in zip(page_meetings["date"], page_meetings["participants"], page_meetings["title"])]
    text = pdf_text(document(bundled_db, query, "pdf"))
    for label, value in shown.items():
        assert f"{label} {value}" in " ".join(text.split())
    if page_meetings is not None:
        flat = " ".join(text.split())
        assert all(" ".join(title.split()[:3]) in flat for title in page_meetings["title"])


def test_the_briefing_lists_its_sources_with_publishers_and_the_citation(bundled_db):
    data = document(bundled_db, {"country": "KAZ"}, "docx")
    tables = docx_tables(data)
    sources = tables["Sources"]
    assert len(sources) >= 10 and all(publisher and url.startswith("http") for publisher, url in sources)
    conn = sqlite3.connect(bundled_db)
    meeting_sources = {r[0] for r in conn.execute(
        "SELECT m.source_url FROM meetings m JOIN meeting_countries c ON c.meeting_id = m.id WHERE c.country_iso3 = 'KAZ' "
        "ORDER BY m.date DESC LIMIT 3")}
    assert meeting_sources <= {url for _publisher, url in sources}
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "How to cite" in text and "Central Asia – UNESCO cooperation dashboard, curated dataset, build" in text
    assert len(docx.Document(io.BytesIO(data)).inline_shapes) >= 2  # the charts


def test_the_briefing_links_each_publisher_to_the_page_it_cites_and_reads_like_prose(bundled_db):
    query = {"country": "KAZ,TKM"}
    data = document(bundled_db, query, "docx")
    doc = docx.Document(io.BytesIO(data))
    linked = {rel.target_ref for rel in doc.part.rels.values() if rel.reltype.endswith("/hyperlink")}
    sources = {url for _publisher, url in docx_tables(data)["Sources"]}
    assert sources and sources <= linked
    assert doc.core_properties.title == "Kazakhstan, Turkmenistan and UNESCO"
    reader = pypdf.PdfReader(io.BytesIO(document(bundled_db, query, "pdf")))
    pdf_links = {a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots", [])
                 if "/A" in a.get_object()}
    assert sources <= pdf_links
    prose = [p.text for p in doc.paragraphs] + [cell for heading, rows in docx_tables(data).items()
                                                if heading != "Sources" for row in rows for cell in row]
    iso = [t for t in prose if re.search(r"\b(19|20)\d\d-\d\d(-\d\d)?\b", t) and "http" not in t]
    assert not iso, "dates read as words, not ISO"
    for page in reader.pages[:-1]:  # no page ends on a heading (a page of charts has its heading as only text)
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        # the charts are images, not text: "Charts" may be the last text of a page that draws its charts below it
        charts_below = lines[-1:] == ["Charts"] and bool(page["/Resources"].get("/XObject"))
        assert len(lines) == 1 or charts_below or lines[-1] not in {
            "Sources", "Charts", "What is open", "Latest meetings", "People in office", "Registers and governing bodies",
            "Commitments and outcomes", "How to cite"}


@pytest.fixture(scope="module")
def odd_db(tmp_path_factory):
    """The fixture data with a country whose name carries markup and that has no meetings (KGZ)."""
    import shutil

    from .conftest import MINI

    folder = tmp_path_factory.mktemp("odd") / "data"
    shutil.copytree(MINI, folder)
    countries = folder / "countries.csv"
    countries.write_text(countries.read_text().replace("KGZ,Kyrgyzstan,", "KGZ,Kyrgyzstan <script>alert(1)</script>,"))
    db = folder.parent / "odd.db"
    assert build(folder, db).rejects == []
    return db


@pytest.mark.parametrize("query", [{"country": "KGZ"}, {"country": "KAZ", "years": "2012-2012", "kind": "meeting"},
                                   {"country": "KAZ", "q": "zzzznotaword"}])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_odd_inputs_still_give_valid_documents(odd_db, query, fmt):
    data = document(odd_db, query, fmt)
    if fmt == "docx":
        doc = docx.Document(io.BytesIO(data))
        text = "\n".join(p.text for p in doc.paragraphs)
        assert "No meeting matches these filters." in text
        if query["country"] == "KGZ":
            assert doc.paragraphs[0].text == "Kyrgyzstan <script>alert(1)</script> and UNESCO"
    else:
        text = pdf_text(data)
        assert "No meeting matches these filters." in " ".join(text.split())
        if query["country"] == "KGZ":
            assert "Kyrgyzstan <script>alert(1)</script> and UNESCO" in " ".join(text.split())


def test_the_country_page_escapes_a_name_with_markup(monkeypatch, odd_db):
    at = country_page(monkeypatch, odd_db, {"country": "KGZ"})
    assert not at.exception
    assert any("Kyrgyzstan \\<script\\>alert\\(1\\)\\</script\\>" in h.value for h in at.header)


def test_the_country_page_follows_the_chosen_country_and_date(monkeypatch, bundled_db):
    at = country_page(monkeypatch, bundled_db, {"country": "KAZ"})
    at.selectbox(key="country_choice").set_value("TKM").run()
    assert dict(at.query_params)["country"] == "TKM"
    assert at.header[0].value == "Turkmenistan"
    assert at.multiselect(key="flt_countries").value == ["TKM"]
    conn = sqlite3.connect(bundled_db)
    meetings = conn.execute("SELECT count(*) FROM meeting_countries WHERE country_iso3 = 'TKM'").fetchone()[0]
    assert {m.label: m.value for m in at.metric}["Meetings"] == str(meetings)
    at.date_input(key="country_on").set_value(dt.date(2000, 1, 1)).run()
    assert any(s.value.startswith("In office on 1 January 2000") for s in at.subheader)
    assert not at.exception


def test_several_countries_in_the_url_become_one(monkeypatch, bundled_db):
    at = country_page(monkeypatch, bundled_db, {"country": "UZB,KAZ"})
    assert not at.exception
    assert dict(at.query_params)["country"] == "UZB"
    assert any("one country at a time" in w.value and "Uzbekistan" in w.value and "2 chosen" in w.value for w in at.warning)


def test_an_unknown_country_in_the_url_is_named_not_silently_replaced(monkeypatch, bundled_db):
    monkeypatch.setenv("COOPERATION_DB", str(bundled_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run().switch_page("pages/6_Country.py")
    at.query_params["country"] = "XXX"  # a link followed into the page
    at.run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any("Ignored unknown country 'XXX'" in w for w in warnings), warnings
    assert [s.value for s in at.selectbox if s.label == "Country"] == ["KAZ"]


def test_people_in_office_come_from_roles_office(tmp_path):
    from .conftest import MINI
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    people = folder / "people" / "people.yaml"
    people.write_text(people.read_text().replace(
        "      start: 2016-09-28\n      end: 2018-12-26\n", "      office: foreign_minister\n      start: 2016-09-28\n      end: 2018-12-26\n")
        .replace("      start: 2009-11-15\n      end: 2017-11-15\n",
                 "      office: director_general\n      start: 2009-11-15\n      end: 2017-11-15\n"))
    db = tmp_path / "office.db"
    assert build(folder, db).rejects == []
    conn = store.connect(db)
    try:
        on_day = queries.in_office(conn, "KAZ", "2017-03-29")
        assert list(zip(on_day["office"], on_day["name"])) == [("foreign_minister", "Kairat Abdrakhmanov"),
                                                                ("director_general", "Irina Bokova")]
        assert list(queries.in_office(conn, "KAZ", "2018-01-01")["name"]) == ["Kairat Abdrakhmanov"]
        assert queries.in_office(conn, "KAZ", "2019-01-01").empty
        assert queries.in_office(conn, "UZB", "2017-03-29")["name"].tolist() == ["Irina Bokova"]
        assert list(on_day["until"]) == ["2018-12-26", "2017-11-15"]
    finally:
        conn.close()


def test_a_holder_without_an_end_gives_way_to_the_successor(tmp_path):
    from .conftest import MINI
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    people = folder / "people" / "people.yaml"
    text = people.read_text().replace("      start: 2016-09-28\n      end: 2018-12-26\n",
                                      "      office: foreign_minister\n      start: 2016-09-28\n      end:\n")
    people.write_text(text + """
- id: beibut-atamkulov
  name: Beibut Atamkulov
  roles:
    - role: Minister of Foreign Affairs
      organisation: Ministry of Foreign Affairs of Kazakhstan
      country: KAZ
      office: foreign_minister
      start: 2018-12-26
      source_url: https://example.org/atamkulov
""")
    db = tmp_path / "office.db"
    assert build(folder, db).rejects == []
    conn = store.connect(db)
    try:
        assert list(queries.in_office(conn, "KAZ", "2017-03-29")["name"]) == ["Kairat Abdrakhmanov"]
        later = queries.in_office(conn, "KAZ", "2019-06-01")
        assert list(zip(later["name"], later["until"])) == [("Beibut Atamkulov", "in office")]
        # with no end and nothing later in the records, the role is not called current years on
        stale = queries.in_office(conn, "KAZ", "2026-12-01")
        assert list(zip(stale["name"], stale["until"])) == [("Beibut Atamkulov", "not confirmed since 2018")]
    finally:
        conn.close()


def test_the_command_line_writes_both_formats(bundled_db, tmp_path):
    runner = CliRunner()
    for fmt in ("docx", "pdf"):
        out = tmp_path / f"kaz.{fmt}"
        result = runner.invoke(cli, ["briefing", "--country", "KAZ", "--years", "2015-2025", "--format", fmt, "--out", str(out),
                                     "--db", str(bundled_db)])
        assert result.exit_code == 0, result.output
        assert "from 2015 to 2025, in Kazakhstan" in result.output
        assert out.read_bytes()[:4] == (b"PK\x03\x04" if fmt == "docx" else b"%PDF")
    bad = runner.invoke(cli, ["briefing", "--country", "ATL", "--format", "pdf", "--out", str(tmp_path / "x.pdf"),
                              "--db", str(bundled_db)])
    assert bad.exit_code != 0 and "none of the countries given" in bad.output
    missing = runner.invoke(cli, ["briefing", "--format", "pdf", "--out", str(tmp_path / "y.pdf"), "--db", str(tmp_path / "no.db")])
    assert missing.exit_code != 0 and "No database at" in missing.output


def test_the_command_line_opens_the_database_read_only(bundled_db, tmp_path, monkeypatch):
    opened = []
    real = store.connect
    monkeypatch.setattr(store, "connect", lambda path: opened.append(path) or real(path))
    result = CliRunner().invoke(cli, ["briefing", "--country", "KGZ", "--format", "docx", "--out", str(tmp_path / "k.docx"),
                                      "--db", str(bundled_db)])
    assert result.exit_code == 0 and opened == [bundled_db]


def test_the_timeline_draws_the_chains(monkeypatch, bundled_db):
    monkeypatch.setenv("COOPERATION_DB", str(bundled_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    assert any("Country profiles:" in m.value and "Country?country=KAZ" in m.value for m in at.markdown)
    at = at.switch_page("pages/1_Timeline.py").run()
    at.toggle(key="timeline_chains").set_value(True).run()
    assert not at.exception
    chart = next(c for c in at.get("plotly_chart") if "Commitment chain" in c.proto.spec)
    assert chart.proto.spec.count('"name":"Commitment chain"') >= 3


def test_a_reserve_without_its_designation_record_still_counts_as_on_the_map(tmp_path):
    from .conftest import MINI
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    places = folder / "places.csv"
    places.write_text(places.read_text() + "br-test,Test Reserve,biosphere_reserve,KAZ,,,,,2015,,,,"
                      "https://whc.unesco.org/en/test,,Written for the tests\n")
    db = tmp_path / "reserve.db"
    assert build(folder, db).rejects == []
    conn = store.connect(db)
    try:
        entries = queries.country_registers(conn, "KAZ", "2026-12-01")
        reserves = entries[entries["group"] == "biosphere_reserves"]
        assert list(reserves["name"]) == ["Test Reserve"] and list(reserves["date"]) == ["2015"]
        assert queries.country_registers(conn, "KAZ", "2014-12-31").query("group == 'biosphere_reserves'").empty
    finally:
        conn.close()
