"""pydeck decks from DataFrames. Pure functions (memoised where they draw): no Streamlit, no database, no network.

The map needs no internet and no token: `map_provider=None` turns the basemap off; the five countries' outlines
and the seas, lakes and rivers (Natural Earth, table `water`) from the database are drawn here, with Pillow, into
one picture in Web Mercator that the deck lays under the markers (a data URL: nothing is fetched). Only the markers
answer the pointer; the legend above the map names the countries. Tooltips use deck.gl's plain-text mode with one field per object, so text from the data is shown literally (never as HTML) and is
escaped by nobody but the browser's text rendering.

A place is drawn at its own point, or, for a serial or transboundary property with components inside the region
(table place_components), at each of those components instead. The view is fitted to the selected countries (or
all five) for the width the map is drawn at; the points it leaves out are listed by `outside`.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import itertools
import json
import math

import pandas as pd
import pydeck as pdk
from PIL import Image, ImageDraw
from pydeck.bindings.json_tools import default_serialize

from .vocab import COUNTRY_COLOURS, MAP_LAYERS, OTHER_COLOUR, PLACE_KINDS, hex_to_rgb

VIEW = pdk.ViewState(latitude=44.0, longitude=64.5, zoom=3.4, min_zoom=1, max_zoom=12)  # when nothing can be fitted
# One field: a name that contains "{...}" cannot pull in another field. deck.gl puts its tooltip at the pointer, to the
# right of and below it, so near the map's right or bottom edge it was cut off; the style (applied after deck.gl's own
# placement) pins it to the map's top left corner instead, where it always stays inside the map, at any width.
TOOLTIP = {"text": "{tip}", "style": {"transform": "none", "top": "8px", "left": "8px", "maxWidth": "min(340px, 75%)",
                                      "fontSize": "13px", "lineHeight": "1.35", "padding": "6px 9px", "borderRadius": "4px",
                                      "whiteSpace": "pre-line", "overflowWrap": "anywhere"}}
HEIGHT, NARROW_MIN_HEIGHT, NARROW = 560, 300, 640  # the map's height (px); below NARROW px wide it is shorter
DEFAULT_WIDTH = 1000  # the map's width before the browser has told it (AppTest, the very first run)
PADDING = 18  # px kept free around the fitted places
MAX_FIT_ZOOM, FOCUS_ZOOM = 6.5, 5.5
NEAR = 1.0  # degrees: how far outside an outline a country's point may lie and still be framed
TILE = 512  # deck.gl's MapView: the world is 512 px wide at zoom 0
SHARED_RING = 3  # px: the ring of a marker that several places share
WATER_FILL, WATER_LINE = [70, 140, 200, 150], [45, 115, 185, 230]
LAYER_KINDS = {
    "heritage_cultural": lambda p: (p["kind"] == "world_heritage_site") & (p["category"] != "natural"),
    "heritage_natural": lambda p: (p["kind"] == "world_heritage_site") & (p["category"] == "natural"),
    "biosphere": lambda p: p["kind"].isin(["biosphere_reserve", "geopark"]),
    "unesco": lambda p: p["kind"].isin(["field_office", "category_2_centre", "international_institute"]),
    "venues": lambda p: p["meetings"] > 0,
}
POINT_COLUMNS = ["id", "point", "name", "property", "kind", "category", "lat", "lon", "countries", "meetings",
                 "partnerships", "extracted", "year"]


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation (pydeck indents by 2): the same spec in about half the bytes."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


# ------------------------------------------------------------------------------------------- what is drawn


def visible_places(places: pd.DataFrame, counts: pd.DataFrame, year_to: int | None, countries: tuple[str, ...]) -> pd.DataFrame:
    """Places that exist by the end of the period, in the chosen countries or where a selected record took place,
    with the number of selected meetings and partnerships at each (counts: id, meetings, partnerships)."""
    places = places.merge(counts, on="id", how="left").fillna({"meetings": 0, "partnerships": 0, "extracted": 0})
    keep = places["year"].isna() | (places["year"] <= (year_to or 9999))
    if countries:
        in_country = places["countries"].fillna("").map(lambda text: any(c in text.split(", ") for c in countries))
        keep &= in_country | (places["meetings"] + places["partnerships"] > 0)
    return places[keep].reset_index(drop=True)


def map_points(places: pd.DataFrame, components: pd.DataFrame, countries: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per point to draw: a place at its own point, or a property with components at each component
    (only those in the chosen countries, when there are any there) instead of its own point. `point` is the
    component's id ('' for a place's own point), `property` the name of the property a component belongs to."""
    own = places.assign(point="", property="")
    if components is not None and not components.empty:
        parts = components[components["place_id"].isin(places["id"])]
        if countries:
            chosen = parts[parts["country_iso3"].isin(countries)]
            parts = pd.concat([chosen, parts[~parts["place_id"].isin(chosen["place_id"])]])
        if not parts.empty:
            base = places.set_index("id").loc[parts["place_id"]].reset_index()
            drawn = base.assign(point=parts["id"].to_numpy(), property=base["name"], name=parts["name"].to_numpy(),
                                lat=parts["lat"].to_numpy(), lon=parts["lon"].to_numpy(),
                                countries=parts["country_iso3"].to_numpy())
            own = pd.concat([own[~own["id"].isin(parts["place_id"])], drawn], ignore_index=True)
    return own.reindex(columns=POINT_COLUMNS).reset_index(drop=True)


def layer_mask(points: pd.DataFrame, layers_on: list[str]) -> pd.Series:
    """The points that at least one of the chosen layers shows (with or without coordinates)."""
    mask = pd.Series(False, index=points.index)
    for key in layers_on:
        mask |= LAYER_KINDS[key](points)
    return mask


def mapped(points: pd.DataFrame, layers_on: list[str]) -> pd.DataFrame:
    """The points the chosen layers draw: those with coordinates, each once."""
    rows = points[layer_mask(points, layers_on) & points["lat"].notna() & points["lon"].notna()]
    return rows.drop_duplicates(["id", "point"]).reset_index(drop=True)


def unmapped(places: pd.DataFrame, layers_on: list[str], components: pd.DataFrame | None = None) -> pd.DataFrame:
    """Places a chosen layer would show but cannot: no coordinates of their own and no component with a point."""
    drawn_by_parts = set(components["place_id"]) if components is not None and not components.empty else set()
    missing = layer_mask(places, layers_on) & (places["lat"].isna() | places["lon"].isna()) & ~places["id"].isin(drawn_by_parts)
    columns = ["name", "kind", "countries", "flags", "source_url"] + (["publisher"] if "publisher" in places else [])
    return places[missing][columns]


def same_point(points: pd.DataFrame, lat: float, lon: float) -> pd.DataFrame:
    """The drawn points at (about) the given point: within ~100 m, so that places sharing a city centre come together."""
    near = (points["lat"].sub(lat).abs() < 0.001) & (points["lon"].sub(lon).abs() < 0.001)
    return points[near].drop_duplicates(["id", "point"])


# ------------------------------------------------------------------------------------------- the view


def sources_note(components: pd.DataFrame) -> str:
    """Where the map's shapes and points come from; serial properties are said to be drawn at their components only
    when the data holds components."""
    serial = ("serial properties at each of their components in the region" if len(components) else
              "a serial or transboundary property at its one representative point")
    return ("Country outlines (generalised; they imply no position on borders) and water: Natural Earth (public domain). "
            "Cities are marked at their centre (GeoNames); World Heritage properties at the World Heritage Centre's "
            f"representative point, {serial}.")


def water_note(water: pd.DataFrame, escape=str) -> str:
    """The water drawn, by name (each through `escape`): the map itself carries no text and names nothing on hover
    but the markers."""
    if water.empty:
        return ""
    rivers = water["kind"].eq("river")
    still, flowing = (sorted(map(escape, water.loc[part, "name"])) for part in (~rivers, rivers))
    parts = ([f"seas, lakes and reservoirs: {', '.join(still)}"] if still else []) + (
        [f"rivers: {', '.join(flowing)}"] if flowing else [])
    return "Water drawn: " + "; ".join(parts) + "."


def map_height(width: int) -> int:
    """560 px; on a narrow screen less, since the width then limits the zoom and more height would stay empty."""
    return HEIGHT if width >= NARROW else max(NARROW_MIN_HEIGHT, min(HEIGHT, round(width * 0.8)))


def _mercator_y(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _latitude(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def geometry_bounds(geometry: dict) -> tuple[float, float, float, float]:
    """West, south, east, north of a GeoJSON geometry."""
    def positions(coords):
        if coords and isinstance(coords[0], (int, float)):
            yield coords
        else:
            for item in coords:
                yield from positions(item)
    xs, ys = zip(*((p[0], p[1]) for p in positions(geometry["coordinates"])))
    return min(xs), min(ys), max(xs), max(ys)


def _union(boxes) -> tuple[float, float, float, float] | None:
    boxes = list(boxes)
    if not boxes:
        return None
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def _in_countries(points: pd.DataFrame, countries) -> pd.Series:
    codes = set(countries)
    return points["countries"].fillna("").map(lambda text: bool(codes & set(text.split(", ")))).astype(bool)


def region_bounds(outlines: pd.DataFrame, points: pd.DataFrame, countries: tuple[str, ...]) -> tuple[float, float, float, float] | None:
    """The box to frame: the chosen countries' outlines (all five when none is chosen), and their points that lie
    near them (a site just outside a generalised outline). A point of a transboundary property drawn abroad (the
    Chang'an–Tianshan point in China) does not stretch the frame. Without outlines: the points in those countries;
    failing that, every point."""
    focus = tuple(countries) or tuple(COUNTRY_COLOURS)
    boxes = [geometry_bounds(json.loads(row.outline)) for row in outlines.itertuples() if row.iso3 in focus]
    located = points[points["lat"].notna() & points["lon"].notna()]
    inside = located[_in_countries(located, focus)]
    frame = _union(boxes)
    if frame is not None:
        west, south, east, north = frame
        near = inside["lon"].between(west - NEAR, east + NEAR) & inside["lat"].between(south - NEAR, north + NEAR)
        inside = inside[near]
    elif inside.empty:
        inside = located
    return _union(boxes + [(r.lon, r.lat, r.lon, r.lat) for r in inside.itertuples()])


def fit_view(bounds: tuple[float, float, float, float] | None, width: int, height: int) -> pdk.ViewState:
    """The Web-Mercator view that shows the box whole in a map of width x height pixels."""
    if bounds is None:
        return VIEW
    west, south, east, north = bounds
    x_span = max(east - west, 1e-6) / 360.0
    y_span = max(_mercator_y(north) - _mercator_y(south), 1e-6) / (2 * math.pi)
    usable_w, usable_h = max(width - 2 * PADDING, 50), max(height - 2 * PADDING, 50)
    zoom = min(math.log2(usable_w / (TILE * x_span)), math.log2(usable_h / (TILE * y_span)), MAX_FIT_ZOOM)
    latitude = _latitude((_mercator_y(north) + _mercator_y(south)) / 2)
    return pdk.ViewState(latitude=round(latitude, 4), longitude=round((west + east) / 2, 4), zoom=round(max(zoom, 0.5), 3),
                         min_zoom=1, max_zoom=12)


def enough_width(outlines: pd.DataFrame, countries: tuple[str, ...]) -> int | None:
    """The width past which a wider map shows the chosen countries no differently: there the map's height limits
    the zoom. None when there is nothing to frame."""
    bounds = region_bounds(outlines, pd.DataFrame(columns=["lat", "lon", "countries"]), countries)
    return None if bounds is None else _enough_for(bounds)


def widest_enough(outlines: pd.DataFrame) -> int | None:
    """The largest `enough_width` of any choice of countries (none, one, or several of the outlines' countries):
    below it, some choice would draw the map differently at another width. None when there are no outlines."""
    boxes = {row.iso3: geometry_bounds(json.loads(row.outline)) for row in outlines.itertuples()}
    widths = [_enough_for(_union(boxes[c] for c in combo)) for n in range(1, len(boxes) + 1)
              for combo in itertools.combinations(sorted(boxes), n)]
    return max(widths, default=None)


def _enough_for(bounds: tuple[float, float, float, float]) -> int:
    west, south, east, north = bounds
    y_span = max(_mercator_y(north) - _mercator_y(south), 1e-6) / (2 * math.pi)
    zoom = min(math.log2((HEIGHT - 2 * PADDING) / (TILE * y_span)), MAX_FIT_ZOOM)
    needed = TILE * 2 ** zoom * max(east - west, 1e-6) / 360.0 + 2 * PADDING
    return max(NARROW, math.ceil(needed / 10) * 10 + 20)


def centred_view(lat: float, lon: float) -> pdk.ViewState:
    return pdk.ViewState(latitude=float(lat), longitude=float(lon), zoom=FOCUS_ZOOM, min_zoom=1, max_zoom=12)


def view_bounds(view: pdk.ViewState, width: int, height: int) -> tuple[float, float, float, float]:
    """West, south, east, north of what a view shows in a map of width x height pixels."""
    scale = TILE * 2 ** view.zoom
    half_x = width / 2 / scale * 360.0
    centre_y = _mercator_y(view.latitude)
    half_y = height / 2 / scale * 2 * math.pi
    return view.longitude - half_x, _latitude(centre_y - half_y), view.longitude + half_x, _latitude(centre_y + half_y)


def pixel(view: pdk.ViewState, width: int, height: int, lat: float, lon: float) -> tuple[float, float]:
    """Where a point is drawn, in pixels from the map's top left corner."""
    scale = TILE * 2 ** view.zoom
    x = width / 2 + (lon - view.longitude) / 360.0 * scale
    y = height / 2 - (_mercator_y(lat) - _mercator_y(view.latitude)) / (2 * math.pi) * scale
    return x, y


def outside(points: pd.DataFrame, view: pdk.ViewState, width: int, height: int) -> pd.DataFrame:
    """The drawn points that the view leaves out (Paris, New York …), most meetings first; one row per point."""
    west, south, east, north = view_bounds(view, width, height)
    out = points[(points["lon"] < west) | (points["lon"] > east) | (points["lat"] < south) | (points["lat"] > north)]
    return out.sort_values(["meetings", "partnerships", "name"], ascending=[False, False, True]).reset_index(drop=True)


AWAY_LISTED = 30  # the most a list of places outside the view shows: beyond that a list is not read, and costs a rerun


def outside_label(total: int, listed: int) -> str:
    """The heading of the list of places outside the view; says when only the busiest are listed."""
    which = f"; the {listed} with most records listed" if total > listed else ""
    return f"Outside this view ({total}{which}): choose one to centre the map on it, again to come back"


# ------------------------------------------------------------------------------------------- tooltips and layers


def country_list(codes, names: dict[str, str]) -> str:
    """'KAZ, KGZ' -> 'Kazakhstan, Kyrgyzstan' (a code without a name stays as it is)."""
    if not isinstance(codes, str) or not codes:
        return ""
    return ", ".join(names.get(code, code) for code in codes.split(", "))


def _count(n: int, what: str) -> str:
    return f"{n} {what}" + ("" if n == 1 else "s")


def tooltips(points: pd.DataFrame, names: dict[str, str]) -> pd.Series:
    """The hover text of each point: what it is, where, what the selection holds there, and who else is there."""
    if points.empty:
        return pd.Series([], dtype=object)
    lines = []
    for row, here in zip(points.itertuples(), shared(points)):
        kind = PLACE_KINDS.get(row.kind, str(row.kind).replace("_", " "))
        year = "" if pd.isna(row.year) else f" · {int(row.year)}"
        text = [str(row.name), f"{kind}{year} · {country_list(row.countries, names)}".rstrip(" ·")]
        if row.property:
            text.append(f"Component of {row.property}")
        detail = f"{_count(int(row.meetings), 'meeting')}, {_count(int(row.partnerships), 'partnership')} in the selection"
        if row.extracted:
            detail += f" ({int(row.extracted)} extracted from press releases)"
        text.append(detail)
        if here > 1:
            text.append(f"{here - 1} more place{'s' if here > 2 else ''} at this point: click to choose")
        lines.append("\n".join(text))
    return pd.Series(lines, index=points.index)


def _rounded(value: float) -> float:
    return round(float(value), 4)


def shared(points: pd.DataFrame) -> pd.Series:
    """How many drawn places share each point's position (to ~100 m)."""
    key = list(zip(points["lat"].round(3), points["lon"].round(3)))
    return pd.Series(key, index=points.index).map(pd.Series(key).value_counts())


def point_rows(points: pd.DataFrame, layers_on: list[str], names: dict[str, str], tips: pd.Series | None = None) -> list[dict]:
    """The objects of the one marker layer, layer by layer in the order of `layers_on` (a point in two layers is drawn
    twice, the later on top): only what the browser needs (position, the ids, the tooltip, colour, radius, ring)."""
    if points.empty:
        return []
    tips = tooltips(points, names) if tips is None else tips
    together = shared(points)
    out = []
    for key in layers_on:
        rows = points[LAYER_KINDS[key](points)]
        colour = hex_to_rgb(MAP_LAYERS[key][1], 210)
        for index, row in zip(rows.index, rows.itertuples()):
            item = {"id": row.id, "lon": _rounded(row.lon), "lat": _rounded(row.lat), "tip": tips[index], "c": colour,
                    "r": 9000 + 4000 * min(int(row.meetings), 10) if key == "venues" else 14000}
            if row.point:
                item["point"] = row.point
            item["w"] = SHARED_RING if together[index] > 1 else 1  # a thick ring: several places here, a click chooses
            out.append(item)
    return out


# The countries and the water as one picture, drawn here in Web Mercator (the map's projection) and laid under the
# markers as a BitmapLayer: Chromium without a GPU (SwiftShader) then fills one textured rectangle per frame instead of
# tessellated polygons, their outlines and a picking pass, which cost it most of the time of every switch into the Map.
SUPERSAMPLE_UP_TO = 3_000_000  # pixels: a picture up to this size is drawn at twice the size and reduced (smooth edges)
MAX_IMAGE_SIDE = 4096  # pixels: the largest texture every WebGL device takes (many phones stop there)
BACKGROUND_MARGIN = 1.0  # degrees around the countries and the water
PALETTE = 64  # colours of the PNG
COUNTRY_LINE, WATER_LINE_WIDTH = 1.5, 1.2  # px at the sharpest view, as the outlines were drawn by deck.gl


def _rings(geometry: dict) -> list[list]:
    """The rings (polygons) or lines (line strings) of a GeoJSON geometry, each a list of [lon, lat]."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind in ("Polygon", "MultiLineString"):
        return list(coords)
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon]
    if kind == "LineString":
        return [coords]
    return []


def background_bounds(outlines: pd.DataFrame, water: pd.DataFrame | None) -> tuple[float, float, float, float] | None:
    """West, south, east, north of the background picture: the countries and the water, with a margin."""
    shapes = list(outlines["outline"]) + (list(water["geometry"]) if water is not None else [])
    box = _union(geometry_bounds(json.loads(shape)) for shape in shapes)
    if box is None:
        return None
    west, south, east, north = box
    return (west - BACKGROUND_MARGIN, max(south - BACKGROUND_MARGIN, -84.0), east + BACKGROUND_MARGIN,
            min(north + BACKGROUND_MARGIN, 84.0))


def sharpest_zoom(outlines: pd.DataFrame, highlight: tuple[str, ...]) -> float:
    """The zoom of the sharpest view the page fits to the highlighted countries (all five when none): at the width
    where the map's height limits the zoom."""
    frame = region_bounds(outlines, pd.DataFrame(columns=["lat", "lon", "countries"]), highlight)
    return fit_view(frame, _enough_for(frame), HEIGHT).zoom if frame is not None else VIEW.zoom


def _capped(scale: float, bounds: tuple[float, float, float, float]) -> float:
    west, south, east, north = bounds
    widest = max((east - west) / 360.0, (_mercator_y(north) - _mercator_y(south)) / (2 * math.pi))
    return min(scale, MAX_IMAGE_SIDE / widest)


def background_pixel(bounds: tuple[float, float, float, float], scale: float, lat: float, lon: float) -> tuple[float, float]:
    """Where a point lies in the background picture drawn for these bounds at this scale (pixels from its top left)."""
    west, _south, _east, north = bounds
    return (lon - west) / 360.0 * scale, (_mercator_y(north) - _mercator_y(lat)) / (2 * math.pi) * scale


def background_image(outlines: pd.DataFrame, water: pd.DataFrame | None, highlight: tuple[str, ...],
                     bounds: tuple[float, float, float, float], scale: float,
                     hole: tuple[int, int, int, int] | None = None) -> bytes:
    """The countries (fills in their colours, the highlighted ones stronger, and outlines) and the water (seas and
    lakes filled, rivers as lines) within west, south, east, north `bounds` as a transparent PNG in Web Mercator,
    for a world `scale` pixels wide, with the pixels of `hole` (left, top, right, bottom) left empty: another picture
    fills them. Memoised: drawn once per choice of countries."""
    codes = set(outlines["iso3"])
    highlight = tuple(sorted(c for c in highlight if c in codes))
    countries = tuple(zip(outlines["iso3"], outlines["outline"]))
    waters = tuple(zip(water["kind"], water["geometry"])) if water is not None else ()
    return _background_png(countries, waters, highlight, round(scale, 3), tuple(round(v, 4) for v in bounds), hole)


def _over(top: list[int], under: list[int]) -> tuple[int, int, int, int]:
    """`top` drawn over `under` (straight RGBA, 0-255), as the browser blends a translucent layer."""
    ta, ua = top[3] / 255, under[3] / 255
    alpha = ta + ua * (1 - ta)
    if alpha == 0:
        return 0, 0, 0, 0
    rgb = [round((t * ta + u * ua * (1 - ta)) / alpha) for t, u in zip(top[:3], under[:3])]
    return (*rgb, round(alpha * 255))


@functools.lru_cache(maxsize=12)
def _background_png(countries: tuple, waters: tuple, highlight: tuple, scale: float,
                    bounds: tuple[float, float, float, float], hole: tuple[int, int, int, int] | None) -> bytes:
    """Drawn with palette indices on one byte per pixel (every colour is known beforehand, the water over each
    country's fill blended here), so that a picture of 4096 px costs a fraction of a second; a small one is drawn
    at twice the size and reduced, for smooth edges."""
    width, height = (math.ceil(v) for v in background_pixel(bounds, scale, bounds[1], bounds[2]))
    ss = 2 if width * height <= SUPERSAMPLE_UP_TO else 1
    size = (width * ss, height * ss)

    def xy(ring):
        return [(x * ss, y * ss) for x, y in (background_pixel(bounds, scale, lat, lon) for lon, lat in ring)]

    palette: list[tuple[int, int, int, int]] = [(0, 0, 0, 0)]  # index 0: nothing drawn

    def index(colour) -> int:
        colour = tuple(colour)
        if colour not in palette:
            palette.append(colour)
        return palette.index(colour)

    water_over = list(range(256))  # what each index becomes under a sea or a lake
    water_over[0] = index(WATER_FILL)
    picture, water_mask = Image.new("L", size, 0), Image.new("L", size, 0)
    draw, draw_water = ImageDraw.Draw(picture), ImageDraw.Draw(water_mask)
    styles = {}
    for iso3, _outline in countries:
        colour = COUNTRY_COLOURS.get(iso3, OTHER_COLOUR)
        selected = not highlight or iso3 in highlight
        fill = hex_to_rgb(colour, 70 if selected else 18)
        styles[iso3] = index(fill), index(hex_to_rgb(colour, 230 if selected else 90))
        water_over[styles[iso3][0]] = index(_over(WATER_FILL, fill))
    for iso3, outline in countries:
        geometry = json.loads(outline)
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            draw.polygon(xy(polygon[0]), fill=styles[iso3][0])
            for inner in polygon[1:]:
                draw.polygon(xy(inner), fill=0)
    shapes = [(json.loads(shape)) for _kind, shape in waters]
    for geometry in shapes:
        if geometry["type"] in ("Polygon", "MultiPolygon"):
            for ring in _rings(geometry):
                draw_water.polygon(xy(ring), fill=255)
    picture.paste(picture.point(water_over), mask=water_mask)  # seas and lakes over the countries' fills
    line = index(WATER_LINE)
    for geometry in shapes:
        for ring in _rings(geometry):
            draw.line(xy(ring), fill=line, width=max(1, round(WATER_LINE_WIDTH * ss)), joint="curve")
    for iso3, outline in countries:  # borders over the water's edges, as deck.gl drew the countries' lines last
        for ring in _rings(json.loads(outline)):
            draw.line(xy(ring), fill=styles[iso3][1], width=max(1, round(COUNTRY_LINE * ss)), joint="curve")
    if hole and ss == 1:
        picture.paste(0, hole)
    picture = Image.frombytes("P", size, picture.tobytes())
    picture.putpalette([v for colour in palette for v in colour], "RGBA")
    if ss > 1:  # smooth edges: reduced in RGBA, then back to a small palette
        picture = picture.convert("RGBA").reduce(ss)
        if hole:
            picture.paste((0, 0, 0, 0), hole)
        picture = picture.quantize(colors=PALETTE, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    return out.getvalue()


DETAIL_FROM = 1.3  # a sharper picture of the framed countries when their view is this much closer than all five's
DETAIL_MARGIN = 0.3, 0.15  # of the frame's width and height, on each side: what a map wider than `enough` shows more


def background_layers(outlines: pd.DataFrame, water: pd.DataFrame | None, highlight: tuple[str, ...]) -> list[pdk.Layer]:
    """The countries and the water as pictures (background_image) in BitmapLayers, not pickable (the countries are
    named in the legend above the map, the markers on hover): the whole region drawn for the view of all five
    (`background`), and, when the highlighted countries are framed closer, their frame and its surroundings drawn
    for the sharpest view of them (`background_detail`), left empty in the region's picture. The pictures are
    translucent (the theme shows through), so they must not overlap; one big sharp picture of the whole region
    instead would be a texture of up to 4096 × 2900 px for the browser to decode and upload at every such choice."""
    codes = set(outlines["iso3"])
    highlight = tuple(sorted(c for c in highlight if c in codes))
    countries = tuple(zip(outlines["iso3"], outlines["outline"]))
    waters = tuple(zip(water["kind"], water["geometry"])) if water is not None else ()
    return [pdk.Layer("BitmapLayer", id=name, bounds=list(bounds), pickable=False, image=pdk.types.String(url))
            for name, bounds, url in _pictures(countries, waters, highlight)]


def _from_pixel(bounds: tuple[float, float, float, float], scale: float, x: float, y: float) -> tuple[float, float]:
    """The latitude and longitude of a pixel of the picture drawn for these bounds at this scale (background_pixel
    inverted)."""
    west, _south, _east, north = bounds
    return _latitude(_mercator_y(north) - y / scale * 2 * math.pi), west + x / scale * 360.0


@functools.lru_cache(maxsize=12)
def _pictures(countries: tuple, waters: tuple, highlight: tuple) -> tuple:
    """(layer id, bounds, PNG data URL) of each background picture; memoised on the shapes and the highlight."""
    outlines = pd.DataFrame(list(countries), columns=["iso3", "outline"])
    water = pd.DataFrame(list(waters), columns=["kind", "geometry"])
    region = background_bounds(outlines, water)
    if region is None:
        return ()
    base = _capped(TILE * 2 ** sharpest_zoom(outlines, ()), region)
    frame = region_bounds(outlines, pd.DataFrame(columns=["lat", "lon", "countries"]), highlight) if highlight else None
    sharp = TILE * 2 ** sharpest_zoom(outlines, highlight) if frame is not None else base
    hole = detail = None
    if sharp > base * DETAIL_FROM:
        west, south, east, north = frame
        dx, dy = (east - west) * DETAIL_MARGIN[0], (north - south) * DETAIL_MARGIN[1]
        # the detail's edges on the region picture's pixel grid, so that the hole and the detail meet exactly
        left, top = background_pixel(region, base, min(north + dy, region[3]), max(west - dx, region[0]))
        right, bottom = background_pixel(region, base, max(south - dy, region[1]), min(east + dx, region[2]))
        hole = math.floor(left), math.floor(top), math.ceil(right), math.ceil(bottom)
        north_, west_ = _from_pixel(region, base, hole[0], hole[1])
        south_, east_ = _from_pixel(region, base, hole[2], hole[3])
        detail = (west_, south_, east_, north_)
    pictures = [("background", region, background_image(outlines, water, highlight, region, base, hole))]
    if detail is not None:
        pictures.append(("background_detail", detail, background_image(outlines, water, highlight, detail,
                                                                        _capped(sharp, detail))))
    return tuple((name, bounds, "data:image/png;base64," + base64.b64encode(png).decode()) for name, bounds, png in pictures)


def deck(points: pd.DataFrame, outlines: pd.DataFrame, layers_on: list[str], highlight: tuple[str, ...] = (),
         water: pd.DataFrame | None = None, names: dict[str, str] | None = None,
         view: pdk.ViewState | None = None) -> pdk.Deck:
    """The countries and the water as pictures (`background`, and `background_detail` when countries are chosen:
    background_layers), then every marker of the chosen map layers (`places`, a colour per marker). Each kind of deck.gl layer is a shader program that
    Chromium without a GPU (SwiftShader) compiles and runs in software each time the map is drawn anew: the map had
    seven kinds, then three (polygons, lines, circles, and a picking pass over the polygons); now two (textured
    rectangles and circles), and only the circles are picked. `points` are the drawn points (map_points, then mapped)."""
    names = names or {}
    layers = background_layers(outlines, water, highlight)
    shown = mapped(points, layers_on) if "point" in points else points
    data = point_rows(shown, layers_on, names, tooltips(shown, names))
    if data:
        layers.append(pdk.Layer(
            "ScatterplotLayer", id="places", data=data, get_position=["lon", "lat"], get_radius="r", get_fill_color="c",
            get_line_color=[40, 40, 40, 220], get_line_width="w", line_width_units=pdk.types.String("pixels"),
            stroked=True, radius_min_pixels=5, radius_max_pixels=16, pickable=True, auto_highlight=True,
        ))
    return CompactDeck(layers=layers, initial_view_state=view or VIEW, map_provider=None, tooltip=TOOLTIP)  # keep the
    # default map_style: with map_provider=None it stays pydeck's "no style" sentinel; an explicit None makes
    # Streamlit fetch a Carto basemap


def picked_point(points: pd.DataFrame, obj: dict) -> pd.Series | None:
    """The drawn point a selected map object stands for (by its place id and component id), if it is still drawn."""
    if not isinstance(obj, dict) or "id" not in obj:
        return None
    match = points[(points["id"] == obj.get("id")) & (points["point"] == (obj.get("point") or ""))]
    return None if match.empty else match.iloc[0]


def point_key(row) -> str:
    """A drawn point's key: the place id, or place id/component id."""
    return f"{row['id']}/{row['point']}" if row["point"] else str(row["id"])



# ------------------------------------------------------------------------------------------- for the page


def legend_html(layers_on: list[str], has_water: bool, outlines: pd.DataFrame, names: dict[str, str]) -> str:
    """The legend above the map: a dot per chosen layer, the water, and a swatch per country with its name (the map
    itself carries no text). HTML from constants; every text from the data is escaped here, once."""
    def swatch(style: str, label: str, gap: str = "margin-right:1.2em") -> str:
        return (f'<span style="white-space:nowrap;{gap}"><span style="display:inline-block;vertical-align:middle;{style}">'
                f'</span> {html.escape(label)}</span>')

    parts = [swatch(f"width:0.9em;height:0.9em;border-radius:50%;background:{colour};border:1px solid #333", label)
             for key, (label, colour) in MAP_LAYERS.items() if key in layers_on]
    if has_water:
        parts.append(swatch(f"width:1.4em;height:0.6em;background:rgb({','.join(map(str, WATER_FILL[:3]))})",
                            "Seas, lakes and rivers", ""))
    drawn = set(outlines["iso3"])
    countries = [swatch(f"width:1.1em;height:0.8em;background:{colour}66;border:1.5px solid {colour}", names.get(iso3, iso3))
                 for iso3, colour in COUNTRY_COLOURS.items() if iso3 in drawn]
    return " ".join(parts) + "<br>" + " ".join(countries)


def point_label(row, names: dict[str, str]) -> str:
    """A drawn point as a person names it in a list: 'Paris (France)', 'Component (Property)'."""
    where = row["property"] if row["point"] else country_list(row["countries"], names)
    return f"{row['name']} ({where})" if where else str(row["name"])


def what_line(row, names: dict[str, str]) -> str:
    """'World Heritage property · 2014 · Kazakhstan, Kyrgyzstan'."""
    kind = PLACE_KINDS.get(row["kind"], str(row["kind"]).replace("_", " "))
    year = "" if pd.isna(row["year"]) else f" · {int(row['year'])}"
    return f"{kind}{year} · {country_list(row['countries'], names)}".rstrip(" ·")


def labelled(places: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """A table of places with kinds as words and countries by name."""
    out = places.copy()
    out["kind"] = out["kind"].map(lambda k: PLACE_KINDS.get(k, str(k).replace("_", " ")))
    out["countries"] = out["countries"].map(lambda c: country_list(c, names))
    return out
