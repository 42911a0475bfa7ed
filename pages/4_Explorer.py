"""Explorer: the filtered tables, searchable, with a details panel and downloads of every filtered row."""

import streamlit as st

from dashboard import queries, ui

SHOWN = 500

options, filters = ui.page("Explorer", "The rows behind every chart. Sort by clicking a column; select a row for its details; "
                           "download exactly the rows of the filters.")

tables = {"meetings": "Meetings", "partnerships": "Partnerships and milestones", "places": "Sites, offices and centres"}
if ui.load(queries.record_counts)["documents"]:
    tables["documents"] = "Press releases"
ONE = {"meetings": ("meeting", "meetings"), "partnerships": ("partnership or milestone", "partnerships and milestones"),
       "places": ("site, office or centre", "sites, offices and centres"), "documents": ("press release", "press releases")}


@st.fragment
def table(name: str, label: str) -> None:
    """One tab: its count and sentence, the table, downloads and the selected row's details. Selecting a row reruns
    only this tab."""
    if name in ("meetings", "partnerships"):
        query = queries.meetings_table if name == "meetings" else queries.partnerships_table
        rids = ui.select(filters, name[:-1])
        frame = ui.load(query, rids[-SHOWN:])
        more = f" (showing the {SHOWN:,} most recent; downloads hold all {len(rids):,})" if len(rids) > SHOWN else ""
        st.caption(ui.count(len(rids), *ONE[name]) + more)
        rows, count = (lambda: ui.fetch(query, rids)), len(rids)
    elif name == "places":
        frame = ui.load(queries.places_table, filters.year_to, filters.countries, filters.text)
        st.caption(ui.count(len(frame), *ONE[name]))
        rows, count = (lambda: frame), len(frame)
    else:
        frame = ui.load(queries.documents_table, filters.date_from, filters.date_to, filters.countries, filters.text)
        st.caption(ui.count(len(frame), *ONE[name]))
        rows, count = (lambda: frame), len(frame)
    st.caption(ui.md(filters.describe(options, name)))
    if frame.empty:
        ui.empty_state(label.lower())
        return
    shown = ui.readable(frame)
    event = st.dataframe(shown, hide_index=True, width="stretch", column_config=ui.column_config(shown), on_select="rerun",
                         selection_mode="single-row", key=f"table_{name}", height=min(420, 40 + 35 * len(frame)),
                         column_order=ui.shown_columns(frame))
    ui.downloads(rows, count, name, filters, options, key=f"dl_{name}")
    picked = event.selection.rows if event and event.selection else []
    if not picked:
        st.caption("Select a row to see its details.")
    elif name == "documents":
        ui.document_view(frame.iloc[picked[0]]["id"])
    elif name == "places":
        place = frame.iloc[picked[0]]
        st.subheader(ui.md(place["name"]))
        st.markdown(ui.md(place["note"]) if isinstance(place["note"], str) else "")
        st.markdown("**Source:** " + ui.source_link(place["source_url"], place["publisher"]))
    else:
        ui.record_details(name[:-1], frame.iloc[picked[0]]["id"])


# Only the open tab is built and sent (a tab switch reruns the page): the first view carries one table, not four.
for tab, (name, label) in zip(st.tabs(list(tables.values()), key="explorer_tab", on_change="rerun"), tables.items()):
    if tab.open:
        with tab:
            table(name, label)
