"""Country: one country's cooperation with UNESCO — membership, national bodies, people in office, lists, governing
bodies, what is open, commitment chains, latest meetings, themes against the region and a small timeline."""

import datetime as dt
from dataclasses import replace

import streamlit as st

from dashboard import briefing, commitments, figures, queries, ui
from dashboard.vocab import COUNTRY_COLOURS, readable_date

ui.adopt_url_country()
options, filters = ui.page("Country", "One country's cooperation with UNESCO. Every item links to its record's source "
                           "and names its publisher.", briefing=False)
filters = ui.one_country(options, filters)
iso3 = filters.countries[0]
name = options.countries[iso3]
chosen_day = st.date_input("People in office, lists and open commitments on", value=dt.date.today(), key="country_on",
                           min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31), format="YYYY-MM-DD")
on = chosen_day.isoformat()

profile = ui.load(queries.country_profile, iso3)
st.header(ui.md(name))
member = (f"UNESCO member since **{ui.md(readable_date(profile['unesco_member_since']))}** · [source]({ui.link(profile['source_url'])}) "
          f"({ui.md(profile['publisher'])})" if profile and profile.get("unesco_member_since") else
          "UNESCO membership date not recorded.")
st.markdown(member)
ui.briefing_downloads(filters, options, on, key="country_briefing")

numbers = ui.aggregate("headline", filters)
registers = ui.load(queries.country_registers, iso3, on)
on_list = registers[registers["on_list"]]
open_items = ui.load(queries.open_commitments, iso3, on, filters.year_from, filters.year_to)
headline = briefing.headline_numbers(numbers, on_list, open_items)
for row in (headline[:4], headline[4:]):
    for col, (label, value) in zip(st.columns(4), row):
        col.metric(label, value)

st.subheader("National Commission and Permanent Delegation")
bodies = profile["bodies"] if profile else None
if bodies is None or bodies.empty:
    st.caption("Not recorded yet for this country.")
else:
    ui.table(bodies[["body_label", "name", "established", "website", "source_url", "publisher"]])

st.subheader(f"In office on {readable_date(on)}")
people = ui.load(queries.in_office, iso3, on)
if people.empty:
    st.caption("No office holder with dates is recorded for this day.")
else:
    ui.table(people[["office_label", "name", "role", "start_date", "until", "source_url", "publisher"]])

st.subheader("What is open")
if open_items.empty:
    st.caption("Nothing open: no nomination without an outcome, no agreement ending in the next 24 months and no "
               "announced visit still to be held is recorded.")
else:
    ui.table(open_items[["open_kind", "what", "status", "since", "open_for", "due", "source_url", "publisher"]])

chains = ui.load(queries.country_chains, iso3, filters.year_from, filters.year_to)
st.subheader("Commitments and outcomes")
if chains.empty:
    st.caption("No commitment chain involves this country in the chosen years.")
for chain in commitments.chains(chains):
    with st.expander(f"{chain['title']} — {chain['stages']['stage_label'].iloc[-1]}"):
        st.markdown("  \n".join(ui.chain_line(s) for s in chain["stages"].itertuples()))

st.subheader("UNESCO lists and governing bodies")
counts = ui.load(queries.official_counts, iso3)
groups = [g for g in commitments.REGISTER_LABELS if (on_list["group"] == g).any()]
if not groups:
    st.caption(f"No entry on UNESCO's lists is recorded for {ui.md(name)} on {readable_date(on)}.")
for tab, group in zip(st.tabs([commitments.REGISTER_LABELS[g] for g in groups]) if groups else [], groups):
    with tab:
        part = on_list[on_list["group"] == group]
        official = counts[counts["register"] == group]
        if len(official):
            row = official.iloc[0]
            st.caption(f"{len(part)} recorded here; the official list gives {int(row['official_count'])} "
                       f"(as of {ui.md(row['as_of'])}, [source]({ui.link(row['source_url'])})).")
        danger = ["in_danger", "danger_since"] if group == "world_heritage" else []
        ui.table(part[["name", "date", "end_date", *danger, "source_url", "publisher"]])

st.subheader("Latest meetings")
meeting_rids = ui.select(filters, "meeting")
meetings = ui.load(queries.latest_meetings, meeting_rids[-briefing.LATEST_MEETINGS:])
if meetings.empty:
    ui.empty_state("meetings")
else:
    st.caption(f"The {len(meetings)} most recent of {len(meeting_rids)} meetings matching the filters."
               if len(meeting_rids) > len(meetings) else
               f"{ui.count(len(meeting_rids), 'meeting')} match{'es' * (len(meeting_rids) == 1)} the filters.")
    ui.table(meetings[["date", "participants", "title", "place", "source_url", "publisher"]])

themes_col, timeline_col = st.columns(2)
region = replace(filters, countries=())
with themes_col:
    shares = commitments.theme_shares(ui.aggregate("theme_counts", filters), numbers["meetings"] + numbers["partnerships"],
                                      ui.aggregate("theme_counts", region), sum(ui.aggregate("headline", region)[k]
                                                                                for k in ("meetings", "partnerships")),
                                      dict(options.themes))
    st.plotly_chart(figures.theme_share_figure(shares, name), width="stretch", key="country_themes")
with timeline_col:
    points = ui.load(queries.timeline_points, ui.select(filters, limit=300), "country", (iso3,))
    if points.empty:
        ui.empty_state()
    else:
        st.plotly_chart(figures.timeline_figure(points, "country", {iso3: name}, COUNTRY_COLOURS), width="stretch",
                        key="country_timeline")
