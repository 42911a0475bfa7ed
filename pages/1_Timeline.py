"""Timeline: meetings and milestones on a time axis, records per year above them; click a point for its details."""

import streamlit as st

from dashboard import figures, queries, ui
from dashboard.vocab import COUNTRY_COLOURS

LIMIT = 1000

options, filters = ui.page("Timeline", "Meetings and partnership milestones over time. Click a point to see the record, "
                           "its participants and its source.")

numbers = ui.aggregate("headline", filters)
total = numbers["meetings"] + numbers["partnerships"]
if total == 0:
    ui.empty_state()
    st.stop()
if total > LIMIT:
    st.caption(f"Showing the {LIMIT:,} most recent of {total:,} records; narrow the filters to see the rest.")


@st.fragment
def timeline() -> None:
    """The grouping, the chart and the selected record's details: a click or a new grouping reruns only this part."""
    by = st.segmented_control("Colour and group by", ["theme", "country"], format_func=str.capitalize, default="theme",
                              key="timeline_by") or "theme"
    if by == "theme":
        labels, colours = dict(options.themes), ui.theme_colours()
    else:
        labels, colours = dict(options.countries), COUNTRY_COLOURS
    lanes = filters.themes if by == "theme" else filters.countries
    show_chains = st.toggle("Draw commitment chains (announced → held, nominated → inscribed, signed → renewed)",
                            key="timeline_chains")

    def build():
        points = ui.load(queries.timeline_points, ui.select(filters, limit=LIMIT), by, lanes)
        figure = figures.timeline_figure(points, by, labels, colours, ui.names())
        if show_chains:
            figure = figures.chain_lines(figure, ui.load(queries.chain_stages), figures.lanes_of(points, labels))
        return figures.with_per_year(figure, ui.aggregate("per_year", filters))

    figure = ui.figure("timeline", build, filters, by, show_chains)
    event = st.plotly_chart(figure, width="stretch", on_select="rerun", selection_mode=("points", "box"), key="timeline")
    st.caption(figures.PER_YEAR_KEY + " " + figures.MARKER_KEY)
    selected = [p for p in event.selection.points if p.get("customdata")] if event and event.selection else []
    if selected:
        record_type, record_id = selected[0]["customdata"][:2]
        ui.record_details(record_type, record_id)
    else:
        st.caption("Select a point (click, or drag a box) to see its details here.")


timeline()
