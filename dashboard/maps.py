"""pydeck decks from DataFrames. Pure functions: no Streamlit, no database, no network.

The map needs no internet and no token: `map_provider=None` turns the basemap off, and the five
countries are drawn from the generalised outlines stored in the database. Tooltips use deck.gl's
plain-text mode, so names from the data are never interpreted as HTML.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pydeck as pdk

from .vocab import COUNTRY_COLOURS, MAP_LAYERS, OTHER_COLOUR, PLACE_KINDS, hex_to_rgb

VIEW = pdk.ViewState(latitude=44.0, longitude=64.5, zoom=3.4, min_zoom=1, max_zoom=12)
TOOLTIP = {"text": "{name}\n{what}\n{detail}"}
LAYER_KINDS = {
    "heritage_cultural": lambda p: (p["kind"] == "world_heritage_site") & (p["category"] != "natural"),
    "heritage_natural": lambda p: (p["kind"] == "world_heritage_site") & (p["category"] == "natural"),
    "biosphere": lambda p: p["kind"].isin(["biosphere_reserve", "geopark"]),
    "unesco": lambda p: p["kind"].isin(["field_office", "category_2_centre", "international_institute"]),
    "venues": lambda p: p["meetings"] > 0,
}


def visible_places(places: pd.DataFrame, counts: pd.DataFrame, year_to: int | None, countries: tuple[str, ...]) -> pd.DataFrame:
    """Places that exist by the end of the period, in the chosen countries or where a selected record took place,
    with the number of selected meetings and partnerships at each (counts: id, meetings, partnerships)."""
    places = places.merge(counts, on="id", how="left").fillna({"meetings": 0, "partnerships": 0, "extracted": 0})
    keep = places["year"].isna() | (places["year"] <= (year_to or 9999))
    if countries:
        in_country = places["countries"].fillna("").map(lambda text: any(c in text.split(", ") for c in countries))
        keep &= in_country | (places["meetings"] + places["partnerships"] > 0)
    return places[keep].reset_index(drop=True)


def layer_rows(places: pd.DataFrame, layer: str) -> pd.DataFrame:
    """The places one layer shows: those with coordinates, with the tooltip's lines."""
    rows = places[LAYER_KINDS[layer](places) & places["lat"].notna() & places["lon"].notna()].copy()
    if rows.empty:
        return rows
    year = rows["year"].map(lambda y: "" if pd.isna(y) else f" · {int(y)}")
    rows["what"] = rows["kind"].map(lambda k: PLACE_KINDS.get(k, k)) + year + " · " + rows["countries"].fillna("")
    if layer == "venues":
        rows["what"] = "Meeting venue · " + rows["countries"].fillna("")
    extracted = rows["extracted"].astype(int)
    rows["detail"] = (rows["meetings"].astype(int).astype(str) + " meeting(s), " + rows["partnerships"].astype(int).astype(str)
                      + " partnership(s) in the selection"
                      + np.where(extracted > 0, " (" + extracted.astype(str) + " extracted from press releases)", ""))
    rows["radius"] = 9000 + 4000 * rows["meetings"].clip(upper=10) if layer == "venues" else 14000
    return rows[["id", "name", "what", "detail", "lat", "lon", "radius"]]


def outline_layer(outlines: pd.DataFrame, highlight: tuple[str, ...]) -> pdk.Layer:
    features = []
    for row in outlines.itertuples():
        colour = COUNTRY_COLOURS.get(row.iso3, OTHER_COLOUR)
        selected = not highlight or row.iso3 in highlight
        features.append({
            "type": "Feature", "geometry": json.loads(row.outline),
            "properties": {"name": row.name, "what": "Country", "detail": "", "iso3": row.iso3,
                           "fill": hex_to_rgb(colour, 70 if selected else 18), "line": hex_to_rgb(colour, 230 if selected else 90)},
        })
    return pdk.Layer(
        "GeoJsonLayer", id="countries", data={"type": "FeatureCollection", "features": features},
        get_fill_color="properties.fill", get_line_color="properties.line", line_width_min_pixels=1.5,
        stroked=True, filled=True, pickable=False,
    )


def label_layer(outlines: pd.DataFrame) -> pdk.Layer:
    """Country names at the mean of each outline's vertices (drawn on the canvas as text, never as HTML)."""
    labels = []
    for row in outlines.itertuples():
        geometry = json.loads(row.outline)
        rings = geometry["coordinates"] if geometry["type"] == "Polygon" else max(geometry["coordinates"], key=lambda p: len(p[0]))
        outer = rings[0]
        labels.append({"name": row.name, "lon": sum(x for x, _ in outer) / len(outer), "lat": sum(y for _, y in outer) / len(outer)})
    return pdk.Layer("TextLayer", id="country-names", data=labels, get_position=["lon", "lat"], get_text="name", get_size=13,
                     get_color=[40, 40, 40, 255], background=True, get_background_color=[255, 255, 255, 150],  # legible on
                     background_padding=[4, 2], pickable=False)  # light and dark


def deck(places: pd.DataFrame, outlines: pd.DataFrame, layers_on: list[str], highlight: tuple[str, ...] = ()) -> pdk.Deck:
    """Country outlines and names, then one scatter layer per chosen map layer (ids are the layer keys, for selection)."""
    layers = [outline_layer(outlines, highlight), label_layer(outlines)] if not outlines.empty else []
    for key in layers_on:
        rows = layer_rows(places, key)
        if rows.empty:
            continue
        _label, colour = MAP_LAYERS[key]
        layers.append(pdk.Layer(
            "ScatterplotLayer", id=key, data=rows, get_position=["lon", "lat"], get_radius="radius",
            get_fill_color=hex_to_rgb(colour, 210), get_line_color=[40, 40, 40, 220], line_width_min_pixels=1,
            stroked=True, radius_min_pixels=5, radius_max_pixels=16, pickable=True, auto_highlight=True,
        ))
    return pdk.Deck(layers=layers, initial_view_state=VIEW, map_provider=None, tooltip=TOOLTIP)  # keep the default map_style:
    # with map_provider=None it stays pydeck's "no style" sentinel; an explicit None makes Streamlit fetch a Carto basemap


def unmapped(places: pd.DataFrame, layers_on: list[str]) -> pd.DataFrame:
    """Places a chosen layer would show but cannot, because their coordinates are unknown."""
    mask = pd.Series(False, index=places.index)
    for key in layers_on:
        mask |= LAYER_KINDS[key](places)
    return places[mask & (places["lat"].isna() | places["lon"].isna())][["name", "kind", "countries", "flags", "source_url"]]
