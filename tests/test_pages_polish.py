"""The pages as a new user reads them (issue 11), under AppTest: names not codes, readable dates, '—' for empty,
the membership table, honest sentences per table, evidence marked and escaped once."""

import re
import sqlite3

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard import figures, ui
from dashboard.filters import Filters, Options

from .test_pages import app, on

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:")
FOCUS = ("KAZ", "KGZ", "TJK", "TKM", "UZB")


def texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


def test_the_overview_names_countries_and_reads_dates(monkeypatch, bundled_db):
    at = app(monkeypatch, bundled_db)
    blocks = [m.value for m in at.markdown if "↗](" in m.value]
    assert len(blocks) == 1  # the latest meetings are one element: a filter change updates one, not eight
    latest = blocks[0].split("\n\n")
    assert len(latest) == 8 and all("↗](" in line for line in latest)
    for line in latest:
        shown = re.sub(r"\]\([^)]*\)", "]", line.split("↗](")[0])  # what a reader sees: link targets left out
        assert not any(re.search(rf"\b{code}\b", shown) for code in FOCUS), line  # names, not ISO codes
        assert not ISO_DATE.search(shown), line
    built = next(c.value for c in at.caption if c.value.startswith("Data built"))
    assert not ISO_TIME.search(built) and " UTC" in built


def test_the_overview_lists_membership_with_exact_dates(monkeypatch, bundled_db):
    conn = sqlite3.connect(bundled_db)
    joined = dict(conn.execute("SELECT name, unesco_member_since FROM countries WHERE focus = 1").fetchall())
    at = app(monkeypatch, bundled_db)
    table = next(t.value for t in at.table if "Joined UNESCO" in t.value.columns)
    assert dict(zip(table["Country"], table["Joined UNESCO"])) == {ui.md(name): ui.md(ui.readable_date(date))
                                                                    for name, date in joined.items()}
    assert ui.md("22 May 1992") in set(table["Joined UNESCO"])
    assert all(cell.startswith("[") and "↗](http" in cell for cell in table["Source"])  # each row links its source
    at.multiselect(key="flt_countries").set_value(["UZB"]).run()
    table = next(t.value for t in at.table if "Joined UNESCO" in t.value.columns)
    assert list(table["Country"]) == ["Uzbekistan"]


def test_explorer_tables_show_no_none_and_no_ids(monkeypatch, bundled_db):
    at = on(app(monkeypatch, bundled_db), "pages/4_Explorer.py")
    assert not at.exception
    frames = []
    for tab in ("Meetings", "Partnerships and milestones", "Sites, offices and centres"):
        at.session_state["explorer_tab"] = tab  # only the open tab is built
        frames.append(at.run().dataframe[0])
    meetings = frames[0].value
    for frame in frames:
        shown = list(frame.proto.column_order)
        assert shown and "id" not in shown
        values = frame.value[[c for c in shown if c not in ui.LINK_COLUMNS]]  # a link's gap is an empty cell
        assert not values.isna().any().any()
        assert not (values.astype(str) == "None").any().any()
    assert "—" in set(meetings["flags"])  # an empty cell reads as a dash
    assert not meetings["countries"].str.contains(r"\bKAZ\b").any() and meetings["countries"].str.contains("Kazakhstan").any()


def test_explorer_says_per_table_which_filters_apply(monkeypatch, bundled_db):
    at = on(app(monkeypatch, bundled_db, {"theme": "education"}), "pages/4_Explorer.py")
    captions = [c.value.replace("\\", "") for c in at.caption]
    at.session_state["explorer_tab"] = "Sites, offices and centres"
    captions += [c.value.replace("\\", "") for c in at.run().caption]
    assert any(c.startswith("Meetings from") and "on education" in c for c in captions)
    assert any("do not apply to places" in c and "themes" in c for c in captions)
    assert not any(c.startswith("Meetings and partnerships") for c in captions)


def test_a_meetings_download_describes_meetings_only():
    options = Options(1992, 2026, {"education": "Education"}, {"KAZ": "Kazakhstan"}, {"meeting": "All meetings"})
    f = Filters(countries=("KAZ",))
    assert f.describe(options, "meetings") == "Meetings from 1992 to 2026, in Kazakhstan."
    assert f.describe(options, "partnerships").startswith("Partnerships and milestones")
    assert Filters(kinds=("partnership",)).describe(options, "meetings").startswith("No meetings")


def test_record_details_show_labels_names_and_readable_dates(monkeypatch, bundled_db):
    conn = sqlite3.connect(bundled_db)
    record_id, themes = conn.execute("SELECT id, themes FROM records WHERE record_type = 'meeting' AND themes LIKE '%,%' "
                                     "AND date_precision = 'day' LIMIT 1").fetchone()
    monkeypatch.setenv("COOPERATION_DB", str(bundled_db))

    def details(record_id):
        from dashboard import figures, ui

        ui.record_details("meeting", record_id)

    at = AppTest.from_function(details, args=(record_id,), default_timeout=60).run()
    assert not at.exception
    text = re.sub(r"\]\([^)]*\)", "]", "\n".join(m.value for m in at.markdown).replace("\\", ""))  # link targets left out
    for theme in themes.split(", "):
        assert theme not in text  # an id such as culture_heritage never shows
    labels = dict(conn.execute("SELECT id, label FROM themes").fetchall())
    assert all(labels[t] in text for t in themes.split(", "))
    assert not ISO_DATE.search(text) and "**Date:**" in text
    assert not re.search(r"\b(KAZ|KGZ|TJK|TKM|UZB)\b", text)


def test_evidence_is_marked_and_escaped_exactly_once():
    text = 'Hostile <img src=x onerror="alert(1)"> & *bold* in "Chang\'an" — met UNESCO.'
    start = text.index("met")
    out = ui.highlighted(text, [(start, start + 3)])
    assert out.count("<mark") == 1 and out.count("</mark>") == 1
    assert "<img" not in out and "&lt;img" in out  # HTML from the data never becomes a tag
    assert "&amp;amp;" not in out and "&quot;" not in out and "\\*bold\\*" in out  # escaped once, for HTML then Markdown
    assert 'background:#FFD54F' in ui.MARK and "color:#1A1A1A" in ui.MARK


def test_tables_read_dashes_not_none():
    frame = pd.DataFrame({"title": ["a", None], "year": [2001.0, None], "lat": [41.5, None], "source_url": ["https://x", None],
                          "record_type": ["meeting", "partnership"], "kind": ["bilateral_meeting", "world_heritage_inscription"]})
    out = ui.readable(frame)
    assert list(out["title"]) == ["a", "—"] and list(out["year"]) == ["2001", "—"] and list(out["lat"]) == ["41.5000", "—"]
    assert pd.isna(out["source_url"].iloc[1])  # a link column keeps its gap (a dash would become a link)
    assert list(out["record_type"]) == ["Meeting", "Partnership"]
    assert list(out["kind"]) == ["Bilateral meeting", "World Heritage inscription"]


def test_the_timeline_is_one_chart_with_records_per_year_above_the_lanes(monkeypatch, bundled_db):
    """One chart to draw on a filter change: the per-year bars share the timeline's time axis."""
    import json

    at = on(app(monkeypatch, bundled_db), "pages/1_Timeline.py")
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    assert [t["name"] for t in bars] == ["Meetings", "Partnerships"] and {t["yaxis"] for t in bars} == {"y2"}
    assert all("customdata" not in t for t in bars)  # a bar in a box selection is not taken for a record
    assert spec["layout"]["showlegend"] is False  # lanes are named on their axis; the caption says which bar is which
    assert any(c.value.startswith(figures.PER_YEAR_KEY) for c in at.caption)


def test_themes_builds_only_the_open_tabs_heatmap(monkeypatch, bundled_db):
    at = on(app(monkeypatch, bundled_db), "pages/3_Themes.py")
    assert not at.exception
    titles = [c.proto.spec for c in at.get("plotly_chart")]
    assert len(titles) == 2 and "Which themes does the cooperation cover most?" in titles[0]
    assert "Which country works with UNESCO on which theme?" in titles[1]
