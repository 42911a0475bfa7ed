"""Overview: the home page of the Central Asia – UNESCO cooperation dashboard."""

from dataclasses import replace

import streamlit as st

from dashboard import figures, queries, ui
from dashboard.vocab import readable_date

MILESTONE_KINDS = ("world_heritage_inscription", "intangible_heritage_inscription", "category_2_centre")

options, filters = ui.page(
    "Central Asia – UNESCO cooperation",
    "Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan with UNESCO, from membership (1992–1993) to today. "
    "Every record links to the public page that states it.",
)

numbers = ui.aggregate("headline", filters)
cols = st.columns(5)
cols[0].metric("Meetings", f"{numbers['meetings']:,}")
cols[1].metric("Partnerships and milestones", f"{numbers['partnerships']:,}")
cols[2].metric("Sites and reserves", ui.load(queries.site_count, filters.year_to, filters.countries),
               help="World Heritage properties, biosphere reserves and geoparks in the chosen countries that existed "
                    "by the end of the period")
cols[3].metric("Countries involved", numbers["countries"])
cols[4].metric("Years covered", "–" if numbers["first_year"] is None else f"{numbers['first_year']}–{numbers['last_year']}")

st.markdown("**Country profiles:** " + " · ".join(ui.country_link(code) for code in options.countries))

if numbers["meetings"] + numbers["partnerships"] == 0:
    ui.empty_state()
else:
    left, right = st.columns([1, 1])
    with left:
        st.subheader("Latest meetings")
        latest = ui.load(queries.record_rows, ui.select(filters, "meeting", limit=8))
        if latest.empty:
            ui.empty_state("meetings")
        else:  # one element for the eight lines (a paragraph each): a filter change updates one element, not eight
            st.markdown("\n\n".join(
                f"**{ui.md(readable_date(row.date))}** · {ui.md(row.title)} · {ui.country_links(row.countries)} · "
                + ui.source_link(row.source_url, row.publisher) for row in latest.iloc[::-1].itertuples()))
    with right:
        chosen = {c: n for c, n in options.countries.items() if not filters.countries or c in filters.countries}
        membership = ui.load(queries.membership)
        st.plotly_chart(ui.figure("milestones", lambda: figures.milestones_figure(membership, ui.load(
            queries.timeline_points, ui.select(replace(filters, kinds=MILESTONE_KINDS), limit=600), "country", filters.countries),
            chosen), filters), width="stretch", key="milestones")
        st.caption(figures.MILESTONE_KEY)
        ui.membership_table(membership, chosen)

build = ui.load(queries.last_build)
if build:
    refused = int(build["rows_rejected"] or 0)
    st.caption(f"Data built {readable_date(build['finished_at'])} (build {build['id']}); "
               + ("no input record refused." if not refused else ui.count(refused, "input record") + " refused — see About the data."))
