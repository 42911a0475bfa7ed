"""Overview: the home page of the Central Asia – UNESCO cooperation dashboard."""

import streamlit as st

from dashboard import queries, store

st.set_page_config(page_title="Central Asia – UNESCO cooperation", page_icon="🌐", layout="wide")
st.title("Central Asia – UNESCO cooperation")
st.caption("Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan with UNESCO, from membership (1992–1993) to today.")

try:
    conn = store.connect(store.db_path())
except store.DatabaseUnavailable as exc:
    st.warning(str(exc))
    st.stop()

counts = queries.record_counts(conn)
cols = st.columns(5)
cols[0].metric("Meetings", counts["meetings"])
cols[1].metric("Partnerships and milestones", counts["partnerships"])
cols[2].metric("World Heritage properties", counts["world_heritage_sites"])
cols[3].metric("Places", counts["places"])
cols[4].metric("People", counts["people"])
build = queries.last_build(conn)
if build:
    st.caption(f"Data built {build['finished_at']} (run {build['id']}); {build['rows_rejected']} record(s) refused.")
