"""Map: World Heritage properties, biosphere reserves, UNESCO offices and centres, meeting venues, and the water."""

import streamlit as st

from dashboard import maps, queries, ui, viewport
from dashboard.vocab import MAP_LAYERS

FOCUS, DETAIL = "map_focus", "map_detail"


def _picked() -> None:
    st.session_state[DETAIL] = "pick"


def _focused() -> None:
    st.session_state[DETAIL] = "focus"


options, filters = ui.page(
    "Map", "Sites, centres and meeting venues, over the region's seas, lakes and rivers. Sites are filtered by country "
    "and by existence at the end of the period; venues count the meetings that match all filters. Works offline: no "
    "basemap is fetched.")
outlines = ui.load(queries.country_outlines)
enough = maps.enough_width(outlines, filters.countries)
width = viewport.main_width(maps.DEFAULT_WIDTH, enough, maps.widest_enough(outlines))  # high on the page: the width
# arrives early

layers = st.pills("Layers", list(MAP_LAYERS), selection_mode="multi", default=list(MAP_LAYERS),
                  format_func=lambda k: MAP_LAYERS[k][0], key="map_layers") or []
water = ui.load(queries.water)
names = ui.load(queries.country_names)
st.markdown(maps.legend_html(layers, not water.empty, outlines, names), unsafe_allow_html=True)  # escaped by maps
places = maps.visible_places(ui.load(queries.map_places), ui.aggregate("place_counts", filters), filters.year_to, filters.countries)
components = ui.load(queries.place_components)
points = maps.mapped(maps.map_points(places, components, filters.countries), layers)
numbers = ui.aggregate("headline", filters)
if numbers["meetings"] + numbers["partnerships"] == 0:
    st.info("No meetings or partnerships match these filters; the map still shows the sites of the chosen countries "
            "and period.")

height = maps.map_height(width)
fitted = maps.fit_view(maps.region_bounds(outlines, points, filters.countries), width, height)
away = maps.outside(points, fitted, min(width, enough or width), height)  # what even the narrowest such map leaves out
away_keys = {maps.point_key(row): row for _, row in away.head(maps.AWAY_LISTED).iterrows()}
focus_key = st.session_state.get(FOCUS) if st.session_state.get(FOCUS) in away_keys else None
focus = away_keys.get(focus_key)
view = maps.centred_view(focus["lat"], focus["lon"]) if focus is not None else fitted
event = st.pydeck_chart(maps.deck(points, outlines, layers, filters.countries, water, names, view),
                        height=height, on_select=_picked, selection_mode="single-object",
                        key="map" if focus_key is None else f"map_at_{focus_key}")  # a new focus clears the selection
st.caption(maps.sources_note(components))
if not water.empty:
    st.caption(maps.water_note(water, ui.md))

if len(away):
    st.pills(maps.outside_label(len(away), len(away_keys)), list(away_keys),
             format_func=lambda key: maps.point_label(away_keys[key], names), key=FOCUS, on_change=_focused)

picked = [obj for objs in (event.selection.objects.values() if event and event.selection else []) for obj in objs]
row = maps.picked_point(points, picked[0]) if picked else None
if st.session_state.get(DETAIL) == "focus" and focus is not None:
    row = focus
if row is None:
    st.caption("Point at a marker for its name; click it to list the meetings and partnerships linked to it. A marker "
               "with a thick ring stands for several places at one point: a click lets you choose. The countries are "
               "named above the map.")
else:
    here = maps.same_point(points, row["lat"], row["lon"])
    if len(here) > 1:
        keys = [maps.point_key(r) for _, r in here.iterrows()]
        chosen = st.radio(f"{len(here)} places at this point", keys, index=keys.index(maps.point_key(row)),
                          format_func=lambda key: maps.point_label(here.iloc[keys.index(key)], names),
                          key=f"map_here_{row['lat']:.3f}_{row['lon']:.3f}")
        row = here.iloc[keys.index(chosen)]
    st.subheader(ui.md(row["name"]))
    place = places[places["id"] == row["id"]].iloc[0]
    lines = [ui.md(maps.what_line(row, names))]
    if row["point"]:
        lines.append("Component of **" + ui.md(row["property"]) + "**; the records below are the whole property's.")
    st.markdown("  \n".join(lines))
    linked = ui.load(queries.place_records, ui.select(filters, place=row["id"], limit=200))
    if linked.empty:
        st.caption("No meeting or partnership in the selection is linked to this place.")
    else:
        st.dataframe(linked[["date", "record_type", "title", "kind", "publisher", "source_url"]], hide_index=True,
                     width="stretch", column_config=ui.COLUMNS)
    part = components[components["id"] == row["point"]] if row["point"] else None
    source = part.iloc[0] if part is not None and len(part) else place
    st.markdown("**Source of this place:** " + ui.source_link(source["source_url"], source["publisher"]))

missing = maps.unmapped(places, layers, components)
if not missing.empty:  # a plain list, not a table: the first view loads no table code
    with st.expander(ui.count(len(missing), "place") + " not on the map: no official point found"):
        st.markdown("\n".join(f"- **{ui.md(r.name)}** · {ui.md(r.kind)} · {ui.md(r.countries)} · "
                               f"{ui.source_link(r.source_url, r.publisher)}" for r in maps.labelled(missing, names).itertuples()))
