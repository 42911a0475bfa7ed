"""What a new user trips over (issue 11): labels not codes, text escaped exactly once, honest charts and sentences.
Figures and queries without Streamlit; the pages under AppTest are in test_pages_polish.py."""

import numpy as np
import pandas as pd
import yaml

from dashboard import figures, queries
from dashboard.vocab import COUNTRY_COLOURS

from .conftest import DATA, ROOT

TRICKY = 'State Park "Ancient Merv" & <b>Co</b>'


def timeline_points(title: str = TRICKY, countries: str = "KAZ, UZB") -> pd.DataFrame:
    return pd.DataFrame({"rid": [1], "record_type": ["meeting"], "id": ["x"], "date": ["2017-03-29"], "date_precision": ["day"],
                         "year": [2017], "title": [title], "kind": ["bilateral_meeting"], "countries": [countries],
                         "themes": ["education"], "origin": ["curated"], "source_url": ["https://e.org"], "lane": ["KAZ"]})


def assert_escaped_once(text: str) -> None:
    assert '"Ancient Merv"' in text  # plotly does not decode &quot;: quotes stay quotes
    assert "&quot;" not in text and "&amp;amp;" not in text and "&amp;lt;" not in text
    assert "&amp; &lt;b&gt;Co&lt;/b&gt;" in text and "<b>Co" not in text  # still safe: no tag from the data


def test_timeline_hover_is_escaped_exactly_once_and_names_the_countries():
    fig = figures.timeline_figure(timeline_points(), "country", {"KAZ": "Kazakhstan"}, {"KAZ": "#4477AA"},
                                  {"KAZ": "Kazakhstan", "UZB": "Uzbekistan"})
    hover = fig.data[0].customdata[0][2]
    assert_escaped_once(hover)
    assert "Countries: Kazakhstan, Uzbekistan" in hover and "KAZ" not in hover
    assert "Bilateral meeting" in hover and "bilateral_meeting" not in hover


def test_lane_and_axis_labels_from_the_data_are_escaped_once():
    points = timeline_points().assign(lane=["a"])
    fig = figures.timeline_figure(points, "theme", {"a": "Water & <i>ice</i>"}, {})
    assert list(fig.data[0].y) == ["Water &amp; &lt;i&gt;ice&lt;/i&gt;"]
    bar = figures.theme_bar(pd.DataFrame({"theme_id": ["a"], "records": [3]}),
                            pd.DataFrame({"id": ["a"], "label": ["Water & <i>ice</i>"], "colour": ["#000000"]}))
    assert list(bar.data[0].y) == ["Water &amp; &lt;i&gt;ice&lt;/i&gt;"]


def milestones():
    membership = pd.DataFrame({"country": ["UZB", "KAZ"], "date": ["1993-10-26", "1992-05-22"], "date_precision": ["day", "day"],
                               "title": ["Joins UNESCO", "Joins UNESCO"], "kind": ["membership", "membership"]})
    inscriptions = pd.DataFrame({"lane": ["UZB"], "date": ["1993"], "date_precision": ["year"], "title": [TRICKY],
                                 "kind": ["world_heritage_inscription"]})
    return figures.milestones_figure(membership, inscriptions, {"KAZ": "Kazakhstan", "UZB": "Uzbekistan"})


def test_membership_stars_are_drawn_over_the_inscriptions_of_the_same_year():
    fig = milestones()
    drawn = [t for t in fig.data if t.x is not None and t.x[0] is not None]  # legend-only traces have no points
    kinds = [t.name for t in drawn]
    assert kinds.index("Joins UNESCO") > kinds.index("World Heritage inscription")  # later traces are drawn on top
    assert fig.layout.showlegend is False and len(fig.data) == 2  # no legend-only traces: the key under the chart names
    assert figures.MILESTONE_KEY.startswith("★ joins UNESCO")    # the shapes, and a legend entry would wear a country's colour


def test_milestone_hover_is_one_box_escaped_once_with_name_and_code():
    fig = milestones()
    inscription = next(t for t in fig.data if t.name == "World Heritage inscription" and t.customdata is not None)
    assert inscription.hovertemplate.endswith("<extra></extra>")  # no side box (it was cut off at the chart's left edge)
    hover = inscription.customdata[0][0]
    assert_escaped_once(hover)
    assert "World Heritage inscription" in hover and "Uzbekistan (UZB)" in hover


def test_heatmaps_start_at_zero_and_show_numbers():
    rows = pd.DataFrame({"theme_id": ["a", "a", "b"], "year": [2000, 2010, 2010], "records": [5, 40, 7]})
    fig = figures.theme_year_heatmap(rows, {"a": "Alpha", "b": "Beta"})
    trace = fig.data[0]
    assert trace.zmin == 0  # a 5 does not look like a 0
    assert trace.colorscale[0][1] == "rgba(0,0,0,0)"  # an empty cell is blank, not the darkest colour
    assert trace.texttemplate == "%{text}" and trace.showscale is False  # the numbers are in the cells: no colour key needed
    text = np.asarray(trace.text)
    assert "40" in text and "5" in text and "0" not in text  # empty cells carry no number
    country = figures.theme_country_heatmap(pd.DataFrame({"theme_id": ["a"], "country_iso3": ["KAZ"], "records": [3]}),
                                            {"a": "Alpha"}, {"KAZ": "Kazakhstan"})
    assert country.data[0].zmin == 0 and list(country.data[0].x) == ["Kazakhstan"]


def test_a_heatmap_too_wide_for_numbers_keeps_its_colour_key():
    rows = pd.DataFrame({"theme_id": ["a", "a"], "year": [1960, 1960 + figures.HEATMAP_TEXT_COLUMNS], "records": [1, 2]})
    trace = figures.theme_year_heatmap(rows, {"a": "Alpha"}).data[0]
    assert trace.texttemplate is None and trace.showscale is True


def _rgb(colour: str) -> np.ndarray:
    colour = colour.lstrip("#")
    return np.array([int(colour[i:i + 2], 16) for i in (0, 2, 4)])


def test_series_that_are_not_countries_or_themes_have_colours_of_their_own():
    themes = [t["colour"] for t in yaml.safe_load((DATA / "themes.yaml").read_text(encoding="utf-8"))]
    lanes = figures.timeline_figure(timeline_points(), "country", {"KAZ": "Kazakhstan"}, {"KAZ": COUNTRY_COLOURS["KAZ"]})
    fig = figures.with_per_year(lanes, pd.DataFrame({"year": [2000, 2000], "record_type": ["meeting", "partnership"],
                                                     "records": [3, 2]}))
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == ["Meetings", "Partnerships"] and all(t.yaxis == "y2" for t in bars)
    for trace in bars:
        for other in list(COUNTRY_COLOURS.values()) + themes:
            assert np.abs(_rgb(trace.marker.color) - _rgb(other)).sum() > 90, (trace.name, trace.marker.color, other)


# ------------------------------------------------------------------ full-text search


def _index(texts: list[str]):
    import sqlite3

    from etl.schema import FTS_TOKENIZE

    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, tokenize='{FTS_TOKENIZE}')")
    conn.executemany("INSERT INTO t (rowid, body) VALUES (?, ?)", list(enumerate(texts, start=1)))
    return lambda text: [r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid",
                                                    (queries.fts_query(text),))]


def test_search_keeps_apostrophes_and_diacritics_inside_words_and_matches_prefixes():
    search = _index(["Silk Roads: Chang'an–Tianshan Corridor", "Talks on climate change and glaciers",
                     "Central Asian Regional Glaciological Centre", "Türkmenbaşy port", "Meeting with Sher-Niyaz",
                     "Chang’an with a typographic apostrophe"])
    assert search("Chang'an") == [1, 6]  # not "climate change and"
    assert search("chang’an") == [1, 6]
    assert search("glaciol") == [3]  # a prefix
    assert search("Turkmenbasy") == [4] and search("Türkmenbaşy") == [4]  # diacritics folded, both ways
    assert search("Sher-Niyaz") == [5]
    assert search('"; DROP TABLE t; --') == []  # quotes never reach the query


def test_meetings_and_partnerships_have_full_text_indexes_datasette_finds(bundled_db):
    import sqlite3

    conn = sqlite3.connect(bundled_db)
    for table, column in (("meetings", "title"), ("partnerships", "name")):
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (f"{table}_fts",)).fetchone()[0]
        assert "USING FTS5" in sql.upper() and f"content=\"{table}\"" in sql  # what Datasette's detect_fts looks for
        word = conn.execute(f"SELECT {column} FROM {table} WHERE {column} LIKE '%Samarkand%' LIMIT 1").fetchone()
        found = conn.execute(f"SELECT count(*) FROM {table} WHERE rowid IN (SELECT rowid FROM {table}_fts "
                             f"WHERE {table}_fts MATCH 'samarkand')").fetchone()[0]
        expected = conn.execute(f"SELECT count(*) FROM {table} WHERE title_or_name LIKE '%samarkand%' OR summary LIKE "
                                "'%samarkand%'".replace("title_or_name", column)).fetchone()[0]
        assert word is None or found == expected > 0


def test_excel_from_the_library_keeps_control_characters_out_and_names_the_sheet_safely():
    import io

    import openpyxl

    from dashboard import export

    frame = pd.DataFrame({"title": ["bell\x07 and tab\there", "@SUM(A1)", "Chang'an & <b>"], "year": [2017, 2018, None]})
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frame, export.about("x", 3, "t", None), "a/b:c*" + "x" * 40)))
    assert len(book.sheetnames[0]) <= 31 and not set("/:*") & set(book.sheetnames[0]) and book.sheetnames[1] == "About"
    values = [r for r in book[book.sheetnames[0]].values]
    assert values[0] == ("title", "year") and values[2][0] == "'@SUM(A1)" and values[3] == ("Chang'an & <b>", None)
    assert book[book.sheetnames[0]].freeze_panes == "A2"
    assert all(cell.data_type != "f" for row in book[book.sheetnames[0]].iter_rows() for cell in row)


# ------------------------------------------------------------------ the filter index file


def test_the_build_writes_the_filter_index_the_dashboard_loads_and_refuses_a_stale_one(tmp_path, mini_data):
    import sqlite3

    from dashboard.cube import Cube
    from etl import index
    from etl.load import build

    db = tmp_path / "c.db"
    build(mini_data, db)
    path = index.index_path(db)
    assert path.exists()
    conn = sqlite3.connect(db)
    from_sql = Cube.from_database(conn)
    from_file = Cube.from_file(path, queries.index_key(conn))
    assert from_file is not None
    for name in Cube.__dataclass_fields__:
        a, b = getattr(from_sql, name), getattr(from_file, name)
        assert (tuple(a) == tuple(b)) if isinstance(a, tuple) else np.array_equal(a, b), name
    themes, countries = queries.labels(conn)
    assert from_file.options(themes, countries) == queries.options(conn)  # the same filters without scanning records
    assert Cube.from_file(path, "another database") is None  # a stale index is never used
    assert index.KEY_SQL == queries.INDEX_KEY_SQL


def test_the_cooccurrence_heatmap_numbers_each_pair_once():
    pairs = pd.DataFrame([(a, b, 3 if {a, b} == {"a", "b"} else 1) for a in "abc" for b in "abc" if a != b],
                         columns=["theme_a", "theme_b", "records"])
    trace = figures.cooccurrence_heatmap(pairs, {"a": "A", "b": "B", "c": "C"}).data[0]
    text = np.asarray(trace.text)
    assert (text != "").sum() == 3 and sorted(text[text != ""]) == ["1", "1", "3"]  # 3 pairs, each once
    z = np.asarray(trace.z, dtype=float)[::-1]  # drawn top-down
    assert np.isnan(z[np.triu_indices(3)]).all() and not np.isnan(z[np.tril_indices(3, -1)]).any()  # above the diagonal: blank


def test_a_search_in_cyrillic_also_finds_the_english_spelling():
    search = _index(["Samarkand conference on tourism", "Bukhara crafts festival", "Khiva and Samarkand",
                     "Статья о Самарканде"])
    assert search("Самарканд") == [1, 3, 4]  # the transliteration, and the Cyrillic word itself (prefix)
    assert search("Бухара") == [2]
    assert search("Хива Самарканд") == [3]  # every word still required
    assert search("Türkmenbaşy") == search("Turkmenbasy")  # Latin with diacritics is not doubled


def test_a_long_paste_into_the_search_box_is_shortened_with_a_notice(monkeypatch, bundled_db):
    from streamlit.testing.v1 import AppTest

    from dashboard.filters import MAX_TEXT_CHARS

    monkeypatch.setenv("COOPERATION_DB", str(bundled_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.text_input(key="flt_text").set_value("Samarkand " * 50).run()
    assert not at.exception
    assert 0 < len(at.text_input(key="flt_text").value) <= MAX_TEXT_CHARS
    assert any("Shortened the search text" in w.value for w in at.warning)
