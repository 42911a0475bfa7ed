"""Map: World Heritage properties, biosphere reserves, UNESCO offices and centres, and meeting venues."""

import html

import streamlit as st

from dashboard import maps, queries, ui
from dashboard.vocab import MAP_LAYERS

options, filters = ui.page(
    "Map", "Sites, centres and meeting venues. Sites are filtered by country and by existence at the end of the period; "
    "venues count the meetings that match all filters. Works offline: no basemap is fetched.")

layers = st.pills("Layers", list(MAP_LAYERS), selection_mode="multi", default=list(MAP_LAYERS),
                  format_func=lambda k: MAP_LAYERS[k][0], key="map_layers") or []
legend = " ".join(
    f'<span style="white-space:nowrap;margin-right:1.2em"><span style="display:inline-block;width:0.9em;height:0.9em;'
    f'border-radius:50%;background:{colour};border:1px solid #333;vertical-align:middle"></span> {html.escape(label)}</span>'
    for key, (label, colour) in MAP_LAYERS.items() if key in layers)
st.markdown(legend, unsafe_allow_html=True)  # built only from the constant layer names and colours above

places = maps.visible_places(ui.load(queries.places), ui.aggregate("place_counts", filters), filters.year_to, filters.countries)
numbers = ui.aggregate("headline", filters)
if numbers["meetings"] + numbers["partnerships"] == 0:
    st.info("No meetings or partnerships match these filters; the map still shows the sites of the chosen countries "
            "and period.")
outlines = ui.load(queries.country_outlines)
event = st.pydeck_chart(maps.deck(places, outlines, layers, filters.countries), height=560, on_select="rerun",
                        selection_mode="single-object", key="map")
st.caption("Country outlines are generalised and imply no position on borders. Cities are marked at their centre "
           "(GeoNames); World Heritage properties at the World Heritage Centre's representative point.")

picked = [obj for objs in (event.selection.objects.values() if event and event.selection else []) for obj in objs]
if picked:
    place = places[places["id"] == picked[0].get("id")]
    if not place.empty:
        row = place.iloc[0]
        st.subheader(ui.md(row["name"]))
        st.markdown(f"{ui.md(ui.place_kind_label(row['kind']))} · {ui.md(row['countries'])}"
                    + (f" · {int(row['year'])}" if row["year"] == row["year"] and row["year"] is not None else ""))
        linked = ui.load(queries.record_rows, ui.select(filters, place=row["id"], limit=200))
        if linked.empty:
            st.caption("No meeting or partnership in the selection is linked to this place.")
        else:
            st.dataframe(linked.iloc[::-1][["date", "record_type", "title", "kind", "source_url"]], hide_index=True,
                         width="stretch", column_config=ui.COLUMNS)
        st.link_button("Open the source", row["source_url"])
else:
    st.caption("Click a marker to list the meetings and partnerships linked to it.")

missing = maps.unmapped(places, layers)
if not missing.empty:
    with st.expander(f"{len(missing)} place(s) not on the map: coordinates unknown"):
        st.dataframe(missing, hide_index=True, width="stretch", column_config=ui.COLUMNS)
