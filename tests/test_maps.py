"""The Map's pure parts (dashboard/maps.py) and its data (etl/geo.py): water loaded and refused, components drawn
instead of a property's point abroad, the view fitted to the chosen countries and the map's width, the places it
leaves out listed, places that share a point each reachable, tooltips that show text from the data literally."""

import json
import shutil

import pandas as pd
import pytest

from dashboard import maps, queries
from dashboard.cube import Cube
from dashboard.filters import Filters
from dashboard.vocab import MAP_LAYERS, hex_to_rgb
from dashboard.store import connect
from etl.geo import read_water
from etl.load import build

from .conftest import DATA

ALL = list(maps.MAP_LAYERS)
NAMES = {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "CHN": "China", "FRA": "France", "TJK": "Tajikistan"}
# Fixture rows written for the tests (not real component points): two components of the Chang'an–Tianshan property.
COMPONENTS_CSV = (
    "id,place,name,country,lat,lon,coord_precision,source_url,note\n"
    "whc-1442-test-kaz,whc-1442,Test component in Kazakhstan,KAZ,43.1,74.9,site,https://whc.unesco.org/en/list/1442/,"
    "Fixture row written by the tests\n"
    "whc-1442-test-kgz,whc-1442,Test component in Kyrgyzstan,KGZ,42.6,75.2,site,https://whc.unesco.org/en/list/1442/,"
    "Fixture row written by the tests\n")


def place(id_, name, kind, countries, lat, lon, meetings=0, category=None, year=None):
    return {"id": id_, "name": name, "kind": kind, "category": category, "lat": lat, "lon": lon, "countries": countries,
            "meetings": meetings, "partnerships": 0, "extracted": 0, "year": year, "flags": None, "source_url": "https://e.org"}


PLACES = pd.DataFrame([
    place("whc-1442", "Silk Roads: Chang'an-Tianshan Corridor", "world_heritage_site", "CHN, KAZ, KGZ", 34.3, 108.86,
          category="cultural", year=2014),
    place("office-almaty", "UNESCO Almaty Office", "field_office", "KAZ", 43.25249, 76.9115, meetings=2),
    place("c2c-cargc", "Glaciological Centre", "category_2_centre", "KAZ", 43.25249, 76.9115),
    place("city-almaty", "Almaty", "city", "KAZ", 43.25249, 76.9115, meetings=3),
    place("city-paris", "Paris", "city", "FRA", 48.85341, 2.3488, meetings=5),
    place("whc-tjk", "A site in Tajikistan", "world_heritage_site", "TJK", 38.5, 68.8, category="cultural"),
])
COMPONENTS = pd.DataFrame([
    {"id": "part-kaz", "place_id": "whc-1442", "name": "Component A", "country_iso3": "KAZ", "lat": 43.1, "lon": 74.9},
    {"id": "part-kgz", "place_id": "whc-1442", "name": "Component B", "country_iso3": "KGZ", "lat": 42.6, "lon": 75.2},
])


@pytest.fixture(scope="module")
def outlines(bundled_db):
    conn = connect(bundled_db)
    yield queries.country_outlines(conn)
    conn.close()


def box_of(outlines, iso3):
    return maps.geometry_bounds(json.loads(outlines.set_index("iso3").loc[iso3, "outline"]))


def contains(outer, inner) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2] and outer[3] >= inner[3]


# ------------------------------------------------------------------ components


def test_components_replace_the_point_abroad_and_tooltips_name_component_and_property():
    points = maps.map_points(PLACES, COMPONENTS)
    corridor = points[points["id"] == "whc-1442"]
    assert sorted(corridor["point"]) == ["part-kaz", "part-kgz"]
    assert (corridor["lon"] < 80).all()  # the point in China (108.86 E) is gone
    assert set(corridor["property"]) == {"Silk Roads: Chang'an-Tianshan Corridor"}
    tips = maps.tooltips(maps.mapped(points, ALL), NAMES)
    tip = tips[maps.mapped(points, ALL)["point"] == "part-kgz"].iloc[0]
    assert tip.startswith("Component B\nWorld Heritage property · 2014 · Kyrgyzstan\n")
    assert "Component of Silk Roads: Chang'an-Tianshan Corridor" in tip
    # a property without components keeps its own point
    assert maps.map_points(PLACES, COMPONENTS.iloc[0:0])["lon"].max() == pytest.approx(108.86)


def test_a_country_filter_draws_only_that_countrys_components():
    points = maps.map_points(PLACES, COMPONENTS, ("KGZ",))
    assert list(points[points["id"] == "whc-1442"]["point"]) == ["part-kgz"]
    unmapped = pd.DataFrame([place("whc-x", "No point of its own", "world_heritage_site", "KAZ", None, None, category="natural")])
    parts = pd.DataFrame([{"id": "x-1", "place_id": "whc-x", "name": "Part", "country_iso3": "KAZ", "lat": 42.0, "lon": 70.0}])
    assert maps.unmapped(unmapped, ALL, parts).empty  # drawn by its component: not 'coordinates unknown'
    assert list(maps.unmapped(unmapped, ALL)["name"]) == ["No point of its own"]
    assert len(maps.mapped(maps.map_points(unmapped, parts), ALL)) == 1


def test_the_build_loads_components_and_the_map_draws_them_instead_of_the_point_in_china(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.db", "*.db-*"))
    (data / "place_components.csv").write_text(COMPONENTS_CSV, encoding="utf-8")
    db = tmp_path / "components.db"
    assert build(data, db).rejects == []
    conn = connect(db)
    cube = Cube.from_database(conn)
    places = maps.visible_places(queries.map_places(conn), cube.place_counts(cube.mask(Filters())), None, ())
    points = maps.mapped(maps.map_points(places, queries.place_components(conn)), ALL)
    corridor = points[points["id"] == "whc-1442"]
    assert sorted(corridor["name"]) == ["Test component in Kazakhstan", "Test component in Kyrgyzstan"]
    view = maps.fit_view(maps.region_bounds(queries.country_outlines(conn), points, ()), 1000, 560)
    assert "whc-1442" not in set(maps.outside(points, view, 1000, 560)["id"])  # nothing of it is left outside the view
    spec = json.loads(maps.deck(points, queries.country_outlines(conn), ALL, (), None, queries.country_names(conn), view).to_json())
    drawn = [o for o in markers(spec, "heritage_cultural") if o["id"] == "whc-1442"]
    assert sorted(o["point"] for o in drawn) == ["whc-1442-test-kaz", "whc-1442-test-kgz"]
    assert all("Component of Silk Roads" in o["tip"] for o in drawn)
    conn.close()


def markers(spec: dict, layer: str | None = None) -> list[dict]:
    """The marker objects of a deck's JSON (its one scatter layer), or those of one map layer (by that layer's colour)."""
    objects = next(l for l in spec["layers"] if l["id"] == "places")["data"]
    return [o for o in objects if layer is None or o["c"] == hex_to_rgb(MAP_LAYERS[layer][1], 210)]


# ------------------------------------------------------------------ the view


def test_a_country_filter_changes_the_view_bounds_to_frame_that_country(outlines):
    points = maps.mapped(maps.map_points(PLACES, COMPONENTS), ALL)
    views = {c: maps.fit_view(maps.region_bounds(outlines, points, c), 1000, 560) for c in [(), ("KAZ",), ("TJK",)]}
    bounds = {c: maps.view_bounds(v, 1000, 560) for c, v in views.items()}
    assert len({(v.latitude, v.longitude, v.zoom) for v in views.values()}) == 3
    for iso3 in ("KAZ", "KGZ", "TJK", "TKM", "UZB"):
        assert contains(bounds[()], box_of(outlines, iso3))  # all five whole when none is chosen
    assert contains(bounds[("TJK",)], box_of(outlines, "TJK"))
    assert not contains(bounds[("TJK",)], box_of(outlines, "KAZ"))  # choosing Tajikistan zooms in on it
    assert views[("TJK",)].zoom > views[()].zoom + 1


@pytest.mark.parametrize("width", [388, 700, 1040, 1800])
def test_kazakhstan_is_whole_at_every_width(outlines, width):
    points = maps.mapped(maps.map_points(PLACES, COMPONENTS), ALL)
    height = maps.map_height(width)
    view = maps.fit_view(maps.region_bounds(outlines, points, ("KAZ",)), width, height)
    west, south, east, north = box_of(outlines, "KAZ")
    left, top = maps.pixel(view, width, height, north, west)
    right, bottom = maps.pixel(view, width, height, south, east)
    assert 0 <= left < right <= width and 0 <= top < bottom <= height  # not cut at either edge
    assert (right - left) > 0.8 * (width - 2 * maps.PADDING) or (bottom - top) > 0.8 * (height - 2 * maps.PADDING)  # and fills it


def test_places_outside_the_view_are_listed_and_a_point_abroad_does_not_stretch_the_frame(outlines):
    points = maps.mapped(maps.map_points(PLACES, COMPONENTS.iloc[0:0]), ALL)  # no components: the point in China stays
    view = maps.fit_view(maps.region_bounds(outlines, points, ()), 1000, 560)
    away = maps.outside(points, view, 1000, 560)
    assert list(away["id"]) == ["city-paris", "whc-1442"]  # most meetings first
    assert maps.point_label(away.iloc[0], NAMES) == "Paris (France)"
    assert maps.view_bounds(view, 1000, 560)[2] < 100  # the frame ends well before 108.86 E
    centred = maps.centred_view(away.iloc[0]["lat"], away.iloc[0]["lon"])
    assert maps.outside(points[points["id"] == "city-paris"], centred, 1000, 560).empty


def test_every_place_sharing_a_point_can_be_reached():
    points = maps.mapped(maps.map_points(PLACES, COMPONENTS), ALL)
    here = maps.same_point(points, 43.25249, 76.9115)
    assert sorted(here["id"]) == ["c2c-cargc", "city-almaty", "office-almaty"]  # once each, though two are in two layers
    spec = json.loads(maps.deck(points, pd.DataFrame(columns=["iso3", "name", "outline"]), ALL, names=NAMES).to_json())
    pickable = {o["id"] for layer in spec["layers"] if layer.get("pickable") for o in layer["data"] if isinstance(o, dict)}
    assert {"c2c-cargc", "city-almaty", "office-almaty"} <= pickable  # each its own object in a pickable layer
    rings = {o["id"]: o["w"] for o in markers(spec)}
    assert {i for i, w in rings.items() if w == maps.SHARED_RING} == {"c2c-cargc", "city-almaty", "office-almaty"}
    assert set(rings.values()) == {1, maps.SHARED_RING}  # a thick ring marks the shared point, and only it
    tip = maps.tooltips(points, NAMES)[points["id"] == "office-almaty"].iloc[0]
    assert tip.endswith("2 more places at this point: click to choose")
    picked = maps.picked_point(points, {"id": "c2c-cargc", "tip": "…"})
    assert picked["name"] == "Glaciological Centre"
    assert maps.picked_point(points, {"tip": "Aral Sea\nLake"}) is None  # water is not a place


# ------------------------------------------------------------------ text and size


def test_tooltips_show_text_from_the_data_literally_in_one_field():
    hostile = '<img src=x onerror="alert(1)">{tip} & "Merv"'
    points = maps.mapped(maps.map_points(pd.DataFrame([place("whc-evil", hostile, "world_heritage_site", "TJK", 38.5, 68.8,
                                                                  category="cultural")]), None), ALL)
    spec = json.loads(maps.deck(points, pd.DataFrame(columns=["iso3", "name", "outline"]), ALL, names=NAMES).to_json())
    assert spec["layers"][0]["data"][0]["tip"].split("\n")[0] == hostile  # not escaped here: the browser shows it as text
    assert maps.TOOLTIP["text"] == "{tip}" and set(maps.TOOLTIP) == {"text", "style"}  # plain text, one field
    assert "&quot;" not in json.dumps(spec) and "&lt;" not in json.dumps(spec)


def test_the_deck_json_is_compact():
    points = maps.mapped(maps.map_points(PLACES, COMPONENTS), ALL)
    deck = maps.deck(points, pd.DataFrame(columns=["iso3", "name", "outline"]), ALL, names=NAMES)
    compact = deck.to_json()
    assert "\n  " not in compact and json.loads(compact)["layers"]
    assert len(compact) < 0.75 * len(json.dumps(json.loads(compact), indent=2, sort_keys=True))
    kept = {key for layer in json.loads(compact)["layers"] for o in layer["data"] if isinstance(o, dict) and "tip" in o for key in o}
    assert kept <= {"id", "point", "lon", "lat", "tip", "r", "c", "w"}  # only what the browser uses


# ------------------------------------------------------------------ water: read, checked, loaded


def test_the_bundled_water_has_the_seas_lakes_and_rivers_with_names():
    rows, rejects = read_water(DATA / "geo" / "water.geojson", "geo/water.geojson")
    assert rejects == []
    names = {r["name"]: r["kind"] for r in rows}
    assert names["Caspian Sea"] == "sea" and names["Aral Sea"] == "lake" and names["Syr Darya"] == "river"
    assert {"Lake Balkhash", "Issyk-Kul", "Lake Alakol", "Amu Darya", "Irtysh", "Naryn", "Panj"} <= set(names)
    assert sum(len(r["geometry"]) for r in rows) < 60_000  # small enough to send with every map


def test_bad_water_features_are_refused_with_the_reason_and_the_rest_loads(tmp_path):
    good = {"type": "Feature", "id": "lake-a", "properties": {"name": "Lake A", "kind": "lake"},
            "geometry": {"type": "Polygon", "coordinates": [[[70, 40], [71, 40], [71, 41], [70, 40]]]}}
    features = [
        good,
        {**good, "id": "lake-b", "properties": {"name": "Lake B", "kind": "pond"}},
        {**good, "id": "lake-c", "properties": {"kind": "lake"}},
        {**good, "id": "river-d", "properties": {"name": "River D", "kind": "river"}},
        {**good, "id": "lake-e", "geometry": {"type": "Polygon", "coordinates": [[[700, 40], [71, 40], [71, 41], [700, 40]]]}},
        {**good, "id": "lake-a"},
        {**good, "id": "Bad Id"},
    ]
    path = tmp_path / "water.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    rows, rejects = read_water(path, "geo/water.geojson")
    assert [r["id"] for r in rows] == ["lake-a"]
    reasons = {(r.record_id, r.field): r.reason for r in rejects}
    assert reasons[("lake-b", "kind")].startswith("feature 2: kind must be one of sea, lake")
    assert "needs a name" in reasons[("lake-c", "name")]
    assert reasons[("river-d", "geometry")] == "feature 4: a river must be a LineString or MultiLineString"
    assert "longitude, latitude" in reasons[("lake-e", "geometry")]
    assert "used by an earlier feature" in reasons[("lake-a", "id")]
    assert "lower-case slug" in reasons[("Bad Id", "id")]
    assert all(r.file == "geo/water.geojson" for r in rejects)
    path.write_text("{not json", encoding="utf-8")
    rows, rejects = read_water(path, "geo/water.geojson")
    assert rows == [] and "cannot be read" in rejects[0].reason


def test_the_build_puts_the_water_in_the_database(tmp_path, mini_data):
    (mini_data / "geo").mkdir()
    shutil.copy(DATA / "geo" / "water.geojson", mini_data / "geo" / "water.geojson")
    db = tmp_path / "water.db"
    assert build(mini_data, db).rejects == []
    conn = connect(db)
    water = queries.water(conn)
    assert "Caspian Sea" in set(water["name"]) and water["kind"].iloc[-1] == "river"  # rivers last: drawn on top
    conn.close()


@pytest.mark.parametrize("countries", [(), ("KAZ",), ("TJK",)])
def test_past_enough_width_a_wider_map_shows_the_same_view(outlines, countries):
    """So the browser need not report (and cost a rerun) a width above it."""
    enough = maps.enough_width(outlines, countries)
    bounds = maps.region_bounds(outlines, maps.map_points(PLACES, COMPONENTS).iloc[0:0], countries)
    same = {(v.latitude, v.longitude, v.zoom) for v in (maps.fit_view(bounds, w, maps.HEIGHT) for w in (enough, enough + 300, 2500))}
    assert len(same) == 1
    assert maps.fit_view(bounds, enough - 100, maps.map_height(enough - 100)).zoom < min(z for _, _, z in same)


def test_widest_enough_covers_every_choice_of_countries(outlines):
    """Until the browser reports, the probe uses it: no choice of countries may need a wider map than it says."""
    from itertools import combinations

    codes = sorted(outlines["iso3"])
    choices = [()] + [combo for n in range(1, len(codes) + 1) for combo in combinations(codes, n)]
    widest = maps.widest_enough(outlines)
    assert widest == max(maps.enough_width(outlines, choice) for choice in choices)
    assert widest > maps.enough_width(outlines, ())  # some single country is framed wider than all five together
    assert maps.widest_enough(outlines.iloc[0:0]) is None


# ------------------------------------------------------------------ the background picture


@pytest.fixture(scope="module")
def water(bundled_db):
    conn = connect(bundled_db)
    yield queries.water(conn)
    conn.close()


def picture(outlines, water, highlight=(), layer="background"):
    """The decoded PNG of one background layer, its bounds, and the world width in pixels it was drawn for."""
    import base64
    import io

    from PIL import Image

    found = next(l for l in maps.background_layers(outlines, water, highlight) if l.id == layer)
    image = Image.open(io.BytesIO(base64.b64decode(str(found.image).split(",", 1)[1]))).convert("RGBA")
    bounds = tuple(found.bounds)
    west, _south, east, _north = bounds
    return image, bounds, image.width / ((east - west) / 360.0)


def colour_at(image, bounds, scale, lat, lon):
    x, y = maps.background_pixel(bounds, scale, lat, lon)
    assert 0 <= x < image.width and 0 <= y < image.height, (lat, lon)
    return image.getpixel((int(x), int(y)))


def test_the_background_lines_up_with_the_map_in_web_mercator(outlines, water):
    image, bounds, scale = picture(outlines, water)
    caspian, issyk_kul = colour_at(image, bounds, scale, 42.0, 51.0), colour_at(image, bounds, scale, 42.4, 77.3)
    for r, g, b, a in (caspian, issyk_kul):  # water: blue over whatever is under it
        assert b > r + 60 and a >= 140
    kazakhstan = colour_at(image, bounds, scale, 49.0, 61.0)  # the steppe: Kazakhstan's colour, light
    assert all(abs(a - b) <= 4 for a, b in zip(kazakhstan, hex_to_rgb("#4477AA")[:3])) and 40 < kazakhstan[3] < 110
    assert colour_at(image, bounds, scale, 35.0, 88.0)[3] == 0  # Tibet: not one of the five, nothing drawn
    # a border vertex: Kyrgyzstan's easternmost point (on the border with China, drawn by no other country)
    ring = max((p for p in json.loads(outlines.set_index("iso3").loc["KGZ", "outline"])["coordinates"][0]), key=lambda p: p[0])
    x, y = maps.background_pixel(bounds, scale, ring[1], ring[0])
    near = [image.getpixel((int(x) + dx, int(y) + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    assert any(abs(p[0] - 0xEE) < 40 and abs(p[1] - 0x66) < 40 and p[3] > 120 for p in near)  # KGZ's line colour
    # the picture's pixels are the map's: the pixel the deck draws a point at, from the picture's corner
    view = maps.fit_view(maps.region_bounds(outlines, PLACES.iloc[0:0], ()), 1000, 560)
    corner = maps.pixel(view, 1000, 560, bounds[3], bounds[0])
    for lat, lon in ((42.0, 51.0), (49.0, 61.0), (ring[1], ring[0])):
        on_map = maps.pixel(view, 1000, 560, lat, lon)
        in_picture = maps.background_pixel(bounds, maps.TILE * 2 ** view.zoom, lat, lon)
        assert on_map[0] - corner[0] == pytest.approx(in_picture[0], abs=0.01)
        assert on_map[1] - corner[1] == pytest.approx(in_picture[1], abs=0.01)


def test_the_chosen_country_stands_out_and_is_drawn_sharp_for_its_view(outlines, water):
    image, bounds, scale = picture(outlines, water, ("KGZ",), "background_detail")
    kgz, uzb = colour_at(image, bounds, scale, 41.5, 75.0), colour_at(image, bounds, scale, 40.12, 67.84)  # Jizzakh
    assert kgz[3] > 2 * uzb[3] and uzb[3] > 0
    region = maps.background_bounds(outlines, water)
    assert region[0] < bounds[0] < box_of(outlines, "KGZ")[0] and bounds[2] < region[2]  # around Kyrgyzstan
    # at the sharpest view the page fits Kyrgyzstan to, one pixel of the picture is one pixel of the map
    frame = maps.region_bounds(outlines, PLACES.iloc[0:0], ("KGZ",))
    view = maps.fit_view(frame, maps.enough_width(outlines, ("KGZ",)), maps.HEIGHT)
    assert scale == pytest.approx(maps.TILE * 2 ** view.zoom, rel=0.01)
    # the region's picture (drawn for the view of all five) leaves the detail's rectangle empty: translucent pictures
    # laid over each other would show the blurred one through the sharp one
    whole, whole_bounds, whole_scale = picture(outlines, water, ("KGZ",))
    assert whole_bounds == region and whole_scale < scale / 2
    assert colour_at(whole, whole_bounds, whole_scale, 41.5, 75.0)[3] == 0  # inside the detail: empty
    assert colour_at(whole, whole_bounds, whole_scale, 49.0, 61.0)[3] > 0  # outside it: drawn, and not highlighted
    assert colour_at(whole, whole_bounds, whole_scale, 49.0, 61.0)[3] < picture(outlines, water)[0].getpixel(
        tuple(int(v) for v in maps.background_pixel(region, whole_scale, 49.0, 61.0)))[3]
    exact = maps.TILE * 2 ** maps.sharpest_zoom(outlines, ())  # the scale the region's picture is drawn at
    assert whole_scale == pytest.approx(exact, rel=0.002)
    left, top = maps.background_pixel(region, exact, bounds[3], bounds[0])  # the detail starts on a pixel edge
    assert left == pytest.approx(round(left), abs=0.01) and top == pytest.approx(round(top), abs=0.01)
    assert colour_at(whole, whole_bounds, whole_scale, bounds[3] - 0.05, bounds[0] + 0.05)[3] == 0
    assert [l.id for l in maps.background_layers(outlines, water, ())] == ["background"]  # all five: one picture
    assert max(i.size[0] for i in (image, whole)) <= maps.MAX_IMAGE_SIDE


def test_a_rerun_with_other_years_or_themes_sends_the_same_background(outlines, water):
    points = maps.mapped(maps.map_points(PLACES, COMPONENTS), ALL)
    fewer = points[points["meetings"] > 0]  # what another period might leave
    specs = [json.loads(maps.deck(p, outlines, ALL, ("TJK",), water, NAMES).to_json()) for p in (points, fewer)]
    backgrounds = [[l for l in s["layers"] if l["id"].startswith("background")] for s in specs]
    assert backgrounds[0] == backgrounds[1] and len(backgrounds[0]) == 2  # identical: deck.gl keeps the textures
    assert all(l["@@type"] == "BitmapLayer" and not l.get("pickable") for l in backgrounds[0])
    assert markers(specs[0]) != markers(specs[1])  # only the markers change
    assert next(l for l in specs[0]["layers"] if l["id"] == "places")["pickable"]
    other = json.loads(maps.deck(points, outlines, ALL, ("UZB",), water, NAMES).to_json())
    assert [l for l in other["layers"] if l["id"] == "background"] != backgrounds[0][:1]  # another country: redrawn


def test_the_legend_names_layers_water_and_countries_escaped_once(outlines):
    names = {"KAZ": 'Kazakh <b>"steppe"</b> & co', "KGZ": "Kyrgyzstan"}
    legend = maps.legend_html(["venues"], True, outlines, names)
    assert "Kazakh &lt;b&gt;&quot;steppe&quot;&lt;/b&gt; &amp; co" in legend and "<b>" not in legend
    assert "Meeting venues" in legend and "World Heritage" not in legend  # only the chosen layers
    assert "Seas, lakes and rivers" in legend and "Seas" not in maps.legend_html(["venues"], False, outlines, names)
    assert "Kyrgyzstan" in legend and "TJK" in legend  # a country without a name keeps its code
