"""Every page under AppTest: runs on the bundled, an empty and a missing database; filters change what is shown;
the URL round-trips; hostile query strings are handled."""

import sqlite3

import pytest
import sqlite_utils
from streamlit.testing.v1 import AppTest

from etl.schema import ensure_schema

from .conftest import ROOT

PAGES = ["app.py", "pages/1_Timeline.py", "pages/2_Map.py", "pages/3_Themes.py", "pages/4_Explorer.py", "pages/5_About_the_data.py",
         "pages/6_Country.py"]


def app(monkeypatch, db, query=None) -> AppTest:
    monkeypatch.setenv("COOPERATION_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def on(at: AppTest, page: str) -> AppTest:
    return at if page == "app.py" else at.switch_page(page).run()


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("empty") / "empty.db"
    db = sqlite_utils.Database(path)
    ensure_schema(db)
    db.close()
    return path


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_bundled_database(monkeypatch, bundled_db, page):
    at = on(app(monkeypatch, bundled_db), page)
    assert not at.exception, at.exception
    assert not at.warning


@pytest.mark.parametrize("page", PAGES)
def test_every_page_explains_an_empty_database(monkeypatch, empty_db, page):
    at = on(app(monkeypatch, empty_db), page)
    assert not at.exception
    if page.endswith("About_the_data.py"):
        assert [m.value for m in at.metric if m.label == "Meetings"] == ["0"]
    else:
        assert "holds no meetings or partnerships yet" in at.info[0].value


@pytest.mark.parametrize("page", PAGES)
def test_every_page_explains_a_missing_database(monkeypatch, tmp_path, page):
    at = on(app(monkeypatch, tmp_path / "gone.db"), page)
    assert not at.exception
    assert "No database at" in at.warning[0].value


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_changing_a_filter_changes_the_numbers(monkeypatch, bundled_db):
    conn = sqlite3.connect(bundled_db)
    at = app(monkeypatch, bundled_db)
    assert metrics(at)["Meetings"] == str(conn.execute("SELECT count(*) FROM meetings").fetchone()[0])
    at.multiselect(key="flt_countries").set_value(["KGZ"]).run()
    kgz_meetings = conn.execute("SELECT count(*) FROM meeting_countries WHERE country_iso3 = 'KGZ'").fetchone()[0]
    kgz_partnerships = conn.execute("SELECT count(*) FROM partnership_countries WHERE country_iso3 = 'KGZ'").fetchone()[0]
    assert (metrics(at)["Meetings"], metrics(at)["Partnerships and milestones"]) == (str(kgz_meetings), str(kgz_partnerships))
    assert metrics(at)["Countries involved"] == "1"
    at.slider(key="flt_years").set_value((2010, 2020)).run()
    expected = conn.execute("SELECT count(*) FROM meetings m JOIN meeting_countries c ON c.meeting_id = m.id "
                            "WHERE c.country_iso3 = 'KGZ' AND m.year BETWEEN 2010 AND 2020").fetchone()[0]
    assert metrics(at)["Meetings"] == str(expected)
    assert "from 2010 to 2020, in Kyrgyzstan" in at.markdown[0].value


def test_the_explorer_lists_exactly_the_filtered_rows(monkeypatch, bundled_db):
    conn = sqlite3.connect(bundled_db)
    at = on(app(monkeypatch, bundled_db, {"theme": "climate_glaciology"}), "pages/4_Explorer.py")
    expected = conn.execute("SELECT count(*) FROM meeting_themes WHERE theme_id = 'climate_glaciology'").fetchone()[0]
    assert at.caption[1].value == f"{expected:,} meetings"
    assert len(at.dataframe[0].value) == expected


def test_the_url_round_trips_through_the_widgets(monkeypatch, bundled_db):
    at = app(monkeypatch, bundled_db, {"years": "2010-2020", "theme": "education,youth", "country": "KAZ", "kind": "meeting",
                                       "q": "forum"})
    assert at.slider(key="flt_years").value == (2010, 2020)
    assert at.multiselect(key="flt_themes").value == ["education", "youth"]
    assert at.multiselect(key="flt_countries").value == ["KAZ"]
    assert at.multiselect(key="flt_kinds").value == ["meeting"]
    assert at.text_input(key="flt_text").value == "forum"
    at.multiselect(key="flt_countries").set_value(["KAZ", "UZB"]).run()
    assert dict(at.query_params) == {"years": "2010-2020", "theme": "education,youth", "country": "KAZ,UZB", "kind": "meeting",
                                     "q": "forum"}
    at = on(at, "pages/3_Themes.py")  # the filters survive a page change
    assert at.multiselect(key="flt_countries").value == ["KAZ", "UZB"]
    assert dict(at.query_params)["country"] == "KAZ,UZB"
    next(b for b in at.button if b.label == "Reset filters").click().run()
    assert dict(at.query_params) == {} and at.multiselect(key="flt_countries").value == []


@pytest.mark.parametrize("query, notice", [
    ({"years": "abc"}, "Ignored the link's years"),
    ({"theme": "' OR 1=1 --"}, "Ignored unknown theme"),
    ({"country": "ATLANTIS"}, "Ignored unknown country"),
    ({"q": "z" * 10_000}, "Shortened the link's search text"),
    ({"kind": "k" * 10_000}, "characters long"),
])
@pytest.mark.parametrize("page", ["app.py", "pages/2_Map.py", "pages/4_Explorer.py"])
def test_hostile_query_strings_become_notices(monkeypatch, bundled_db, query, notice, page):
    at = app(monkeypatch, bundled_db, query)
    assert not at.exception
    assert any(notice in w.value.replace("\\", "") for w in at.warning), [w.value for w in at.warning]
    at = on(at, page)
    assert not at.exception


def test_a_search_with_no_match_shows_the_empty_state(monkeypatch, bundled_db):
    at = app(monkeypatch, bundled_db, {"q": "zzzznotaword"})
    assert metrics(at)["Meetings"] == "0"
    assert "No records match these filters with the search “zzzznotaword”" in at.info[0].value
    for page in PAGES[1:5]:
        at = on(at, page)
        assert not at.exception
        assert any("match these filters" in i.value for i in at.info), page


def test_a_rebuild_shows_up_without_restarting(monkeypatch, mini_data, tmp_path):
    from etl.load import build

    db = tmp_path / "live.db"
    build(mini_data, db)
    at = app(monkeypatch, db)
    assert metrics(at)["Meetings"] == "1"
    (mini_data / "meetings" / "more.yaml").write_text(
        "- id: kgz-2019-01-01-extra\n  date: 2019\n  title: Extra\n  kind: other\n  countries: [KGZ]\n  themes: [youth]\n"
        "  source_url: https://example.org/extra\n", encoding="utf-8")
    build(mini_data, db)
    at.run()
    assert metrics(at)["Meetings"] == "2"


@pytest.fixture(scope="module")
def ingested_db(tmp_path_factory):
    from etl.ingest import ingest

    from .test_ingest import RELEASE, copy_data

    folder = tmp_path_factory.mktemp("releases")
    (folder / "kyrgyz.txt").write_text(RELEASE.format(published="9 November 2023", day="8 November 2023"), encoding="utf-8")
    data = copy_data(folder.parent)
    db = folder.parent / "ingested.db"
    report = ingest([folder], data, db)
    assert report.meetings == 1
    return db


def test_extracted_records_can_be_left_out_and_documents_are_listed(monkeypatch, ingested_db):
    at = app(monkeypatch, ingested_db)
    with_extracted = int(metrics(at)["Meetings"])
    checkbox = at.checkbox(key="flt_extracted")
    extracted = sqlite3.connect(ingested_db).execute("SELECT count(*) FROM records WHERE origin = 'extracted'").fetchone()[0]
    assert checkbox.value is True and f"Include {extracted} records extracted" in checkbox.label
    checkbox.uncheck().run()
    assert int(metrics(at)["Meetings"]) == with_extracted - 1
    assert dict(at.query_params) == {"extracted": "no"}
    assert "(curated records only)" in at.markdown[0].value.replace("\\", "")
    at = on(at, "pages/4_Explorer.py")
    assert [t.label for t in at.tabs][-1] == "Press releases"
    at.session_state["explorer_tab"] = "Press releases"  # only the open tab is built
    at.run()
    assert any(c.value == "1 press release" for c in at.caption)
    assert not at.exception
    at = on(at, "pages/5_About_the_data.py")  # the last run is the build that followed the ingest
    assert not at.exception and any("(ok)" in c.value and "inputs digest" in c.value for c in at.caption)


# ------------------------------------------------------------------ the map


def deck_spec(at: AppTest) -> dict:
    import json

    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def outside_pills(at: AppTest):
    return next(b for b in at.button_group if b.label.startswith("Outside this view"))


def test_choosing_a_country_frames_it_on_the_map(monkeypatch, bundled_db):
    every = deck_spec(on(app(monkeypatch, bundled_db), "pages/2_Map.py"))["initialViewState"]
    tajik = deck_spec(on(app(monkeypatch, bundled_db, {"country": "TJK"}), "pages/2_Map.py"))["initialViewState"]
    assert tajik["zoom"] > every["zoom"] + 1
    assert 36.5 < tajik["latitude"] < 41.0 and 67.0 < tajik["longitude"] < 75.5  # Tajikistan's middle
    assert 38 < every["latitude"] < 50 and 60 < every["longitude"] < 72  # the five countries' middle


def test_a_place_outside_the_view_is_listed_and_can_be_centred_on(monkeypatch, bundled_db):
    at = on(app(monkeypatch, bundled_db), "pages/2_Map.py")
    pills = outside_pills(at)
    assert "Paris (France)" in pills.options  # AppTest gives the options as shown
    assert not any(m.value.startswith("**Source of this place") for m in at.markdown)
    pills.set_value("city-paris").run()
    assert not at.exception
    view = deck_spec(at)["initialViewState"]
    assert (round(view["latitude"], 2), round(view["longitude"], 2)) == (48.85, 2.35)
    assert at.subheader[0].value == "Paris"
    source = next(m.value for m in at.markdown if m.value.startswith("**Source of this place"))
    assert "GeoNames ↗" in source  # the place's source reads with its publisher
    outside_pills(at).set_value(None).run()
    assert deck_spec(at)["initialViewState"] == deck_spec(on(app(monkeypatch, bundled_db), "pages/2_Map.py"))["initialViewState"]


def test_the_map_draws_components_not_the_point_abroad(monkeypatch, tmp_path):
    import json
    import shutil

    from etl.load import build

    from .conftest import DATA
    from .test_maps import COMPONENTS_CSV

    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.db", "*.db-*"))
    (data / "place_components.csv").write_text(COMPONENTS_CSV, encoding="utf-8")
    db = tmp_path / "components.db"
    assert build(data, db).rejects == []
    at = on(app(monkeypatch, db, {"country": "KGZ"}), "pages/2_Map.py")
    assert not at.exception
    objects = [o for layer in deck_spec(at)["layers"] for o in layer.get("data") or [] if isinstance(o, dict)]
    corridor = [o for o in objects if o.get("id") == "whc-1442"]
    assert [o["point"] for o in corridor] == ["whc-1442-test-kgz"]  # in Kyrgyzstan only, when Kyrgyzstan is chosen
    assert corridor[0]["tip"].startswith("Test component in Kyrgyzstan\n")
    pills = [b for b in at.button_group if b.label.startswith("Outside this view")]
    assert not pills or not any("Chang'an" in label for label in pills[0].options)
    assert json.dumps(objects).count("108.8") == 0  # the property's point in China is not sent


def test_the_map_promises_hover_only_where_it_answers(monkeypatch, bundled_db):
    """The countries and the water are a picture (not pickable): the page names the countries above the map and
    asks the reader to point at markers only."""
    at = on(app(monkeypatch, bundled_db), "pages/2_Map.py")
    layers = deck_spec(at)["layers"]
    assert [l["id"] for l in layers if l.get("pickable")] == ["places"]
    captions = " ".join(c.value for c in at.caption)
    assert "Point at a marker for its name" in captions and "a country or a lake" not in captions
    assert "The countries are named above the map" in captions
    legend = next(m.value for m in at.markdown if "Seas, lakes and rivers" in m.value)
    assert all(name in legend for name in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"))


def test_the_map_names_the_water_it_draws(monkeypatch, bundled_db):
    """Nothing on the picture can be pointed at, so the page lists the water by name: every sea, lake and river of
    the database, rivers apart."""
    at = on(app(monkeypatch, bundled_db), "pages/2_Map.py")
    note = next(c.value for c in at.caption if c.value.startswith("Water drawn:"))
    from dashboard import ui

    with sqlite3.connect(bundled_db) as conn:
        water = dict(conn.execute("SELECT name, kind FROM water").fetchall())
    assert water and all(ui.md(name) in note for name in water)
    rivers = note.split("rivers: ", 1)[1]
    assert all((ui.md(name) in rivers) == (kind == "river") for name, kind in water.items())


def test_a_long_list_of_places_outside_the_view_shows_the_busiest_and_says_how_many(monkeypatch, tmp_path):
    """Many places outside the framed country (a synthetic database scatters its venues over the whole region): the
    list stops at maps.AWAY_LISTED, the busiest first, and its heading gives the whole number."""
    from dashboard import maps
    from etl.synth import synth

    from .conftest import DATA

    db = tmp_path / "synth.db"
    synth(db, 20_000, seed=3, data_dir=DATA)
    at = on(app(monkeypatch, db, {"country": "KGZ"}), "pages/2_Map.py")
    pills = outside_pills(at)
    total = int(pills.label.split("(", 1)[1].split(";", 1)[0])
    assert total > maps.AWAY_LISTED and len(pills.options) == maps.AWAY_LISTED
    assert f"the {maps.AWAY_LISTED} with most records listed" in pills.label
