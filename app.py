"""Overview: the home page of the Central Asia – UNESCO cooperation dashboard."""

import streamlit as st

from dashboard import figures, queries, ui

options, filters = ui.page(
    "Central Asia – UNESCO cooperation",
    "Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan with UNESCO, from membership (1992–1993) to today. "
    "Every record links to the public page that states it.",
)

numbers = ui.load(queries.headline, filters)
cols = st.columns(5)
cols[0].metric("Meetings", numbers["meetings"])
cols[1].metric("Partnerships and milestones", numbers["partnerships"])
cols[2].metric("Heritage sites and reserves", numbers["sites"], help="World Heritage properties, biosphere reserves and "
               "geoparks in the chosen countries that existed by the end of the period")
cols[3].metric("Countries involved", numbers["countries"])
cols[4].metric("Years covered", "–" if numbers["first_year"] is None else f"{int(numbers['first_year'])}–{int(numbers['last_year'])}")

if numbers["meetings"] + numbers["partnerships"] == 0:
    ui.empty_state()
else:
    left, right = st.columns([1, 1])
    with left:
        st.subheader("Latest meetings")
        latest = ui.load(queries.latest_meetings, filters)
        if latest.empty:
            ui.empty_state("meetings")
        for row in latest.itertuples():
            st.markdown(f"**{ui.md(row.date)}** · {ui.md(row.title)} · {ui.md(row.countries)} · [source]({ui.link(row.source_url)})")
    with right:
        st.plotly_chart(figures.milestones_figure(ui.load(queries.milestones, filters), options.countries),
                        width="stretch", key="milestones")

build = ui.load(queries.last_build)
if build:
    st.caption(f"Data built {build['finished_at']} (build {build['id']}); {build['rows_rejected']} input record(s) refused — "
               "see About the data.")
