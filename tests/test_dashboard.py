"""The read side without Streamlit: filters, queries, figures, maps and exports."""

import io
import json
import sqlite3

import openpyxl
import numpy as np
import pandas as pd
import pytest

from dashboard import export, figures, maps, queries
from dashboard.cube import Cube
from dashboard.filters import Filters, Options
from dashboard.store import DatabaseUnavailable, connect

OPTIONS = Options(1992, 2026, {"natural_sciences_water": "Water and natural sciences", "climate_glaciology": "Climate and glaciers",
                               "education": "Education"},
                  {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan"}, {"meeting": "All meetings", "agreement": "Agreement"})


# ------------------------------------------------------------------ filters


def test_filters_round_trip_through_the_url():
    f = Filters(2010, 2020, ("natural_sciences_water", "climate_glaciology"), ("KAZ", "KGZ"), ("meeting",), "glacier centre")
    assert f.to_query() == {"years": "2010-2020", "theme": "natural_sciences_water,climate_glaciology", "country": "KAZ,KGZ",
                            "kind": "meeting", "q": "glacier centre"}
    assert Filters.from_query(f.to_query(), OPTIONS) == (f, [])


def test_the_filters_sentence_reads_as_english():
    f = Filters(2010, 2020, ("natural_sciences_water", "climate_glaciology"), ("KAZ", "KGZ"))
    assert f.describe(OPTIONS) == ("Meetings and partnerships from 2010 to 2020 on water and natural sciences or climate and glaciers, "
                                   "in Kazakhstan or Kyrgyzstan.")
    assert Filters().describe(OPTIONS) == "Meetings and partnerships from 1992 to 2026."
    assert Filters(year_from=2015, kinds=("meeting",), text="Samarkand").describe(OPTIONS) == (
        'Meetings from 2015 on, matching "Samarkand".')
    assert Filters(2017, 2017, kinds=("agreement",)).describe(OPTIONS) == "Agreements in 2017."


@pytest.mark.parametrize("params, expected, notice", [
    ({"years": "abc"}, Filters(), "Ignored the link's years 'abc'"),
    ({"theme": "' OR 1=1 --"}, Filters(), "Ignored unknown theme '' OR 1=1 --'"),
    ({"country": "kaz,XYZ"}, Filters(countries=("KAZ",)), "Ignored unknown country 'XYZ'"),
    ({"theme": "x" * 10_000}, Filters(), "it is 10,000 characters long"),
    ({"q": "y" * 10_000}, Filters(text="y" * 200), "Shortened the link's search text"),
    ({"years": "1800-3000"}, Filters(), "The data covers 1992–2026"),
    ({"years": "2020-2010"}, Filters(2010, 2020), None),
    ({"kind": "meeting,<script>"}, Filters(kinds=("meeting",)), "Ignored unknown record kind '<script>'"),
])
def test_hostile_or_odd_url_values_are_dropped_with_a_notice(params, expected, notice):
    filters, notices = Filters.from_query(params, OPTIONS)
    assert filters == expected
    if notice:
        assert any(notice in n for n in notices), notices
    else:
        assert notices == []


def test_file_name_slug_says_what_is_in_the_file():
    f = Filters(2010, 2020, ("natural_sciences_water",), ("KAZ",))
    assert export.file_name("meetings", f.slug(), "csv") == "meetings_2010-2020_water_KAZ.csv"
    assert Filters().slug() == "all"


def test_fts_query_quotes_every_word():
    assert queries.fts_query('glacier "centre" OR 1=1; --') == '"glacier"* AND "centre"* AND "OR"* AND "1"* AND "1"*'
    assert queries.fts_query("' -- ;") == ""


# ------------------------------------------------------------------ queries


@pytest.fixture
def conn(mini_db):
    connection = connect(mini_db)
    yield connection
    connection.close()


def test_the_store_opens_read_only(conn):
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM meetings")


def test_the_store_explains_a_missing_database(tmp_path):
    with pytest.raises(DatabaseUnavailable, match="No database at"):
        connect(tmp_path / "none.db")


def test_options_come_from_the_database(conn):
    o = queries.options(conn)
    assert (o.year_min, o.year_max) == (2012, 2017)
    assert list(o.countries) == ["KAZ", "KGZ", "UZB"]
    assert o.kinds == {"meeting": "All meetings", "partnership": "All partnerships", "bilateral_meeting": "Bilateral meeting",
                       "category_2_centre": "Category 2 centre", "world_heritage_inscription": "World Heritage inscription"}


@pytest.fixture
def cube(conn):
    return Cube.from_database(conn)


def selected(cube, conn, f):
    return cube.mask(f, queries.text_rids(conn, f.text) if f.text else None)


@pytest.mark.parametrize("filters, meetings, partnerships", [
    (Filters(), 1, 2),
    (Filters(year_from=2015), 1, 1),
    (Filters(year_to=2013), 0, 1),
    (Filters(themes=("climate_glaciology",)), 0, 1),
    (Filters(themes=("climate_glaciology", "peace_security")), 1, 1),
    (Filters(countries=("KGZ",)), 0, 1),
    (Filters(kinds=("meeting",)), 1, 0),
    (Filters(kinds=("category_2_centre",)), 0, 1),
    (Filters(text="Bokova"), 1, 0),
    (Filters(text="glaciolog"), 0, 1),
    (Filters(text="' OR 1=1 --"), 0, 0),
    (Filters(extracted=False), 1, 2),
])
def test_headline_counts_follow_the_filters(cube, conn, filters, meetings, partnerships):
    numbers = cube.headline(selected(cube, conn, filters), filters)
    assert (numbers["meetings"], numbers["partnerships"]) == (meetings, partnerships)


def test_the_cube_agrees_with_sql_on_the_bundled_data(bundled_db):
    """An independent oracle: the same counts computed by SQL joins on the normalised tables."""
    connection = connect(bundled_db)
    cube = Cube.from_database(connection)
    for f, sql in [
        (Filters(countries=("KGZ", "TJK")), "SELECT count(DISTINCT meeting_id) FROM meeting_countries WHERE country_iso3 IN ('KGZ', 'TJK')"),
        (Filters(2010, 2020, themes=("education",)), "SELECT count(*) FROM meetings m WHERE m.year BETWEEN 2010 AND 2020 AND m.id IN "
                                                     "(SELECT meeting_id FROM meeting_themes WHERE theme_id = 'education')"),
    ]:
        assert cube.headline(cube.mask(f), f)["meetings"] == connection.execute(sql).fetchone()[0]
    theme_country = cube.theme_country(cube.mask(Filters()), Filters())
    expected = dict(((t, c), n) for t, c, n in connection.execute(
        "SELECT t.theme_id, c.country_iso3, count(*) FROM (SELECT meeting_id AS id, theme_id FROM meeting_themes UNION ALL "
        "SELECT partnership_id, theme_id FROM partnership_themes) t JOIN (SELECT meeting_id AS id, country_iso3 FROM meeting_countries "
        "UNION ALL SELECT partnership_id, country_iso3 FROM partnership_countries) c ON c.id = t.id GROUP BY 1, 2"))
    assert dict(zip(zip(theme_country["theme_id"], theme_country["country_iso3"]), theme_country["records"])) == expected


def test_selection_is_date_ordered_and_limited(cube):
    everything = cube.mask(Filters())
    assert cube.select(everything) == [1, 2, 3]  # oldest first
    assert cube.select(everything, limit=1) == [3]
    assert cube.select(everything, record_type="partnership") == [1, 2]
    assert cube.select(everything, place="c2c-cargc") == [1]


def test_timeline_points_have_one_row_per_record_and_lane(conn, cube):
    rids = cube.select(cube.mask(Filters()))
    by_theme = queries.timeline_points(conn, rids, "theme")
    assert sorted(zip(by_theme["id"], by_theme["lane"])) == [
        ("c2c-cargc", "climate_glaciology"), ("kaz-2017-03-29-abdrakhmanov-bokova", "intercultural_dialogue"),
        ("kaz-2017-03-29-abdrakhmanov-bokova", "peace_security"), ("whs-western-tien-shan", "culture_heritage"),
        ("whs-western-tien-shan", "natural_sciences_water")]
    kgz = Filters(countries=("KGZ",))
    by_country = queries.timeline_points(conn, cube.select(cube.mask(kgz)), "country", kgz.countries)
    assert list(zip(by_country["id"], by_country["lane"])) == [("whs-western-tien-shan", "KGZ")]


def test_theme_aggregates(cube):
    everything = Filters()
    counts = cube.theme_counts(cube.mask(everything), everything)
    assert dict(zip(counts["theme_id"], counts["records"])) == {
        "climate_glaciology": 1, "culture_heritage": 1, "intercultural_dialogue": 1, "natural_sciences_water": 1, "peace_security": 1}
    only = Filters(themes=("culture_heritage",))
    assert cube.theme_counts(cube.mask(only), only)["theme_id"].tolist() == ["culture_heritage"]
    pairs = cube.theme_pairs(cube.mask(everything), everything)
    assert sorted(zip(pairs["theme_a"], pairs["theme_b"], pairs["records"])) == [
        ("culture_heritage", "natural_sciences_water", 1), ("intercultural_dialogue", "peace_security", 1),
        ("natural_sciences_water", "culture_heritage", 1), ("peace_security", "intercultural_dialogue", 1)]
    uzb = Filters(countries=("UZB",))
    by_country = cube.theme_country(cube.mask(uzb), uzb)
    assert sorted(zip(by_country["theme_id"], by_country["country_iso3"])) == [("culture_heritage", "UZB"), ("natural_sciences_water", "UZB")]
    by_year = cube.theme_year(cube.mask(everything), everything)
    assert sorted(zip(by_year["theme_id"], by_year["year"])) == [
        ("climate_glaciology", 2012), ("culture_heritage", 2016), ("intercultural_dialogue", 2017),
        ("natural_sciences_water", 2016), ("peace_security", 2017)]
    assert cube.per_year(cube.mask(everything)).values.tolist() == [[2012, "partnership", 1], [2016, "partnership", 1],
                                                                     [2017, "meeting", 1]]


def test_map_places_honour_country_and_period(conn, cube):
    def visible(f):
        return set(maps.visible_places(queries.places(conn), cube.place_counts(cube.mask(f)), f.year_to, f.countries)["id"])

    assert visible(Filters()) == {"whc-1490", "c2c-cargc", "city-paris"}
    assert visible(Filters(year_to=2013)) == {"c2c-cargc", "city-paris"}  # the 2016 inscription did not exist yet
    assert visible(Filters(countries=("KGZ",))) == {"whc-1490"}
    counts = cube.place_counts(cube.mask(Filters())).set_index("id")
    assert (counts.loc["c2c-cargc", "partnerships"], counts.loc["c2c-cargc", "meetings"]) == (1, 0)


def test_record_detail_has_participants_and_links(conn):
    detail = queries.record_detail(conn, "meeting", "kaz-2017-03-29-abdrakhmanov-bokova")
    assert list(detail["participants"]["name"]) == ["Irina Bokova", "Kairat Abdrakhmanov"]
    assert list(detail["linked"]["id"]) == ["whs-western-tien-shan"]
    assert queries.record_detail(conn, "meeting", "nope") is None


def test_records_carry_their_publisher_wherever_they_are_listed(conn, cube):
    detail = queries.record_detail(conn, "meeting", "kaz-2017-03-29-abdrakhmanov-bokova")
    assert (detail["publisher"], detail["publisher_kind"]) == ("UNESCO Almaty Office", "unesco")
    assert list(detail["sources"]["publisher"]) == ["UNESCO Almaty Office"]
    assert list(detail["linked"]["publisher"]) == ["UNESCO World Heritage Centre"]
    rids = cube.select(cube.mask(Filters()))
    assert set(queries.record_rows(conn, rids)["publisher"]) == {"UNESCO Almaty Office", "UNESCO World Heritage Centre",
                                                                 "Example Ministry (fixture)"}
    meetings = queries.meetings_table(conn, cube.select(cube.mask(Filters()), "meeting"))
    assert list(meetings[["publisher", "publisher_kind"]].iloc[0]) == ["UNESCO Almaty Office", "UNESCO"]
    places = queries.places_table(conn, None, (), "")
    assert set(places["publisher"]) == {"UNESCO World Heritage Centre", "Example Ministry (fixture)"}


def test_a_source_reads_with_its_publisher_and_stays_escaped():
    from dashboard import ui

    assert ui.source_link("https://whc.unesco.org/en/list/1490/", "UNESCO World Heritage Centre") == \
        "[UNESCO World Heritage Centre ↗](https://whc.unesco.org/en/list/1490/)"
    assert ui.source_link("https://www.kabar.kg/news/1", None) == "[kabar\\.kg ↗](https://www.kabar.kg/news/1)"
    assert ui.source_link("https://x.org/a)b", "[evil](javascript:alert(1))") == \
        "[\\[evil\\]\\(javascript\\:alert\\(1\\)\\) ↗](https://x.org/a%29b)"
    assert ui.source_link(None) == "—"


def test_explorer_tables_give_exactly_the_selected_rows(conn, cube):
    meetings = queries.meetings_table(conn, cube.select(cube.mask(Filters()), "meeting"))
    assert list(meetings["id"]) == ["kaz-2017-03-29-abdrakhmanov-bokova"]
    assert meetings.iloc[0]["participants"].count(";") == 1
    partnerships = queries.partnerships_table(conn, cube.select(cube.mask(Filters(year_to=2014)), "partnership"))
    assert list(partnerships["id"]) == ["c2c-cargc"] and list(partnerships["kind"]) == ["Category 2 centre"]
    assert list(queries.places_table(conn, None, (), "Tien")["id"]) == ["whc-1490"]


# ------------------------------------------------------------------ figures and maps


def test_timeline_figure_has_a_trace_per_lane_and_record_keys(conn, cube):
    points = queries.timeline_points(conn, cube.select(cube.mask(Filters())), "theme")
    fig = figures.timeline_figure(points, "theme", {"culture_heritage": "Culture"}, {"culture_heritage": "#CC6677"})
    assert len(fig.data) == points["lane"].nunique() == 5
    culture = next(t for t in fig.data if t.name == "Culture")
    assert culture.marker.color == "#CC6677"
    assert [tuple(c[:2]) for c in culture.customdata] == [("partnership", "whs-western-tien-shan")]
    assert culture.marker.symbol == 1  # square: year precision


def test_hover_text_from_the_data_is_escaped():
    points = pd.DataFrame({"rid": [1], "record_type": ["meeting"], "id": ["x"], "date": ["2017-03"], "date_precision": ["month"],
                           "year": [2017], "title": ["<img src=x onerror=alert(1)>"], "kind": ["other"], "countries": ["KAZ"],
                           "themes": ["education"], "origin": ["extracted"], "source_url": ["https://e.org"], "lane": ["education"]})
    fig = figures.timeline_figure(points, "theme", {}, {})
    hover = fig.data[0].customdata[0][2]
    assert "<img" not in hover and "&lt;img" in hover and "Extracted from a press release" in hover
    assert fig.data[0].marker.symbol == 102  # diamond (month precision), open (extracted)


def test_plot_dates_sit_in_the_middle_of_what_is_known():
    dates = figures.plot_date(pd.Series(["2017-03-29", "2017-03", "2017"]), pd.Series(["day", "month", "year"]))
    assert [d.strftime("%Y-%m-%d") for d in dates] == ["2017-03-29", "2017-03-15", "2017-07-01"]


def test_heatmaps_hold_the_counts(cube):
    everything = Filters()
    fig = figures.theme_year_heatmap(cube.theme_year(cube.mask(everything), everything), {})
    assert fig.data[0].z.sum() == 5 and list(fig.data[0].x) == [str(y) for y in range(2012, 2018)]
    pairs = figures.cooccurrence_heatmap(cube.theme_pairs(cube.mask(everything)), {})
    z = np.asarray(pairs.data[0].z, dtype=float)[::-1]  # rows are drawn top-down; undo that to compare with the columns
    assert np.nansum(z) == 2 and np.isnan(z[np.triu_indices(len(z))]).all()  # each pair once, below the diagonal
    assert list(pairs.data[0].x) == list(pairs.data[0].y[::-1])


def test_the_map_needs_no_basemap_and_tooltips_are_plain_text(conn, cube):
    places = maps.visible_places(queries.map_places(conn), cube.place_counts(cube.mask(Filters())), None, ())
    layers = ["heritage_natural", "unesco", "venues"]
    points = maps.mapped(maps.map_points(places, queries.place_components(conn)), layers)
    deck = maps.deck(points, queries.country_outlines(conn), layers, water=queries.water(conn))
    spec = json.loads(deck.to_json())
    assert deck.map_provider is None and "://" not in str(spec.get("mapStyle"))  # no basemap style to fetch
    assert deck._tooltip["text"] == "{tip}" and "html" not in deck._tooltip  # text mode, one field
    layer_ids = [layer["id"] for layer in spec["layers"]]
    assert layer_ids == ["places"]  # the fixture has no outlines or water
    assert "Western Tien-Shan" not in json.dumps(spec)  # it has no coordinates
    missing = maps.unmapped(places, ["heritage_natural"])
    assert list(missing["name"]) == ["Western Tien-Shan"]


# ------------------------------------------------------------------ exports


FRAME = pd.DataFrame({"title": ["=HYPERLINK(\"http://evil\")", "Plain", "+1", "@SUM(A1)", "-2", "Café"],
                      "year": [2017, 2018, 2019, 2020, 2021, 2022]})


def test_csv_has_exactly_the_rows_and_no_live_formulas():
    back = pd.read_csv(io.BytesIO(export.to_csv(FRAME)), encoding="utf-8-sig")
    assert list(back["year"]) == list(FRAME["year"])
    assert list(back["title"]) == ["'=HYPERLINK(\"http://evil\")", "Plain", "'+1", "'@SUM(A1)", "'-2", "Café"]


def test_xlsx_has_the_rows_and_an_about_sheet():
    info = export.about("Meetings and partnerships from 2010 to 2020.", len(FRAME), "meetings", "2026-11-27T00:00:00+00:00")
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(FRAME, info, "meetings")))
    assert book.sheetnames == ["meetings", "About"]
    rows = list(book["meetings"].values)
    assert rows[0] == ("title", "year") and len(rows) == len(FRAME) + 1
    assert [r[0] for r in rows[1:]][0] == "'=HYPERLINK(\"http://evil\")" and rows[1][1] == 2017
    about = dict(book["About"].values)
    assert about["Filters"] == "Meetings and partnerships from 2010 to 2020." and about["Rows"] == "6"
    assert about["Data build"] == "2026-11-27T00:00:00+00:00" and "cite" in about["How to cite"].lower()
    assert all(cell.data_type != "f" for row in book["meetings"].iter_rows() for cell in row)


def test_json_has_the_rows_and_the_about_block():
    data = json.loads(export.to_json(FRAME, {"Filters": "all"}))
    assert data["about"] == {"Filters": "all"} and [r["year"] for r in data["rows"]] == list(FRAME["year"])


def test_a_year_with_gaps_is_written_as_a_whole_number_in_every_download():
    frame = pd.DataFrame({"name": ["a", "b"], "year": [2014.0, None], "lat": [41.5, None]})
    assert export.to_csv(frame).decode("utf-8-sig").splitlines() == ['"name","year","lat"', '"a",2014,41.5', '"b",,']
    assert [r["year"] for r in json.loads(export.to_json(frame, {}))["rows"]] == [2014, None]
    assert b'"year":2014.0' not in export.to_json(frame, {})


def test_the_bundled_map_draws_outlines_water_and_layers(bundled_db):
    conn = connect(bundled_db)
    cube = Cube.from_database(conn)
    places = maps.visible_places(queries.map_places(conn), cube.place_counts(cube.mask(Filters())), None, ())
    layers = ["heritage_cultural", "venues"]
    points = maps.mapped(maps.map_points(places, queries.place_components(conn)), layers)
    deck = maps.deck(points, queries.country_outlines(conn), layers, ("KAZ",), queries.water(conn), queries.country_names(conn))
    # the countries and the water as pictures (the region, and Kazakhstan sharper), then one marker layer: two kinds
    # of layer, two shader programs
    assert [layer.id for layer in deck.layers] == ["background", "background_detail", "places"]
    spec = json.loads(deck.to_json())
    assert all(l["@@type"] == "BitmapLayer" and str(l["image"]).startswith("data:image/png;base64,")
               for l in spec["layers"][:2])  # drawn here: nothing fetched
    west, south, east, north = spec["layers"][0]["bounds"]
    assert west < 47 and east > 87 and south < 35.5 and north > 55  # the five countries and their water, whole
    colours = {tuple(o["c"]) for o in deck.layers[-1].data}
    assert len(colours) == 2  # one marker layer, a colour per map layer
    conn.close()


def test_the_about_page_sums_rows_by_the_kind_of_publisher(conn):
    kinds = queries.source_kinds(conn).set_index("publisher_kind")
    assert kinds.loc["UNESCO", "Meetings"] == 1 and kinds.loc["Gazetteer", "Places"] == 1
    assert kinds["All rows"].sum() == conn.execute("SELECT count(*) FROM sources WHERE position = 0").fetchone()[0]
    assert set(kinds.index) <= {"UNESCO", "Government", "Gazetteer", "Encyclopedia"}  # labels, not codes
    flags = queries.flag_counts(conn)
    assert ("Coordinates missing", "Places", 1) in set(flags.itertuples(index=False, name=None))  # words, not codes


def test_a_timeline_with_chains_names_only_the_chain_lines_in_its_legend():
    import plotly.graph_objects as go

    fig = go.Figure([go.Scatter(x=["2019-01-01"], y=["Kazakhstan"], name="Kazakhstan", mode="markers"),
                     go.Scatter(x=["2020-01-01"], y=["Kazakhstan"], name="Kazakhstan", mode="markers")])
    fig.update_layout(showlegend=False)
    stages = pd.DataFrame({"chain_id": ["c", "c"], "position": [1, 2], "date": ["2019-01-01", "2020-01-01"],
                           "date_precision": ["day", "day"], "record_type": ["partnership", "partnership"],
                           "record_id": ["a", "b"], "chain_title": ["A chain", "A chain"], "stage": ["signed", "renewed"]})
    figures.chain_lines(fig, stages, {("partnership", "a"): "Kazakhstan", ("partnership", "b"): "Kazakhstan"})
    assert fig.layout.showlegend is True
    assert [t.name for t in fig.data if t.showlegend is not False] == ["Commitment chain"]
