"""Explorer: the filtered tables, searchable, with a details panel and downloads."""

import streamlit as st

from dashboard import queries, ui

options, filters = ui.page("Explorer", "The rows behind every chart. Sort by clicking a column; select a row for its details; "
                           "download exactly the rows shown.")

TABLES = {
    "meetings": ("Meetings", queries.meetings_table, "meeting"),
    "partnerships": ("Partnerships and milestones", queries.partnerships_table, "partnership"),
    "places": ("Sites, offices and centres", queries.places_table, None),
}
if ui.load(queries.record_counts)["documents"]:
    TABLES["documents"] = ("Press releases", queries.documents_table, "document")
tabs = st.tabs([label for label, _query, _type in TABLES.values()])
for tab, (name, (label, query, record_type)) in zip(tabs, TABLES.items()):
    with tab:
        frame = ui.load(query, filters)
        st.caption(f"{len(frame):,} {label.lower()}")
        if frame.empty:
            ui.empty_state(label.lower())
            continue
        event = st.dataframe(frame, hide_index=True, width="stretch", column_config=ui.COLUMNS,
                             on_select="rerun", selection_mode="single-row", key=f"table_{name}",
                             height=min(420, 40 + 35 * len(frame)))
        ui.downloads(frame, name, filters, options, key=f"dl_{name}")
        rows = event.selection.rows if event and event.selection else []
        if rows and record_type == "document":
            ui.document_view(frame.iloc[rows[0]]["id"])
        elif rows and record_type:
            ui.record_details(record_type, frame.iloc[rows[0]]["id"])
        elif rows:
            place = frame.iloc[rows[0]]
            st.subheader(ui.md(place["name"]))
            st.write(place["note"] if isinstance(place["note"], str) else "")
            st.link_button("Open the source", place["source_url"])
        else:
            st.caption("Select a row to see its details.")
