"""Themes: what the cooperation is about, where, when, and which themes go together."""

import streamlit as st

from dashboard import figures, queries, ui

options, filters = ui.page("Themes", "What the cooperation is about. A record with several themes counts once for each.")

counts = ui.aggregate("theme_counts", filters)
if counts.empty:
    ui.empty_state()
    st.stop()

labels = dict(options.themes)
HEATMAPS = {  # tab label -> (chart key, figure): only the open tab's chart is built, sent and drawn
    "By country": ("theme_country", lambda: figures.theme_country_heatmap(
        ui.aggregate("theme_country", filters), labels, dict(options.countries))),
    "By year": ("theme_year", lambda: figures.theme_year_heatmap(ui.aggregate("theme_year", filters), labels)),
    "Themes together": ("theme_pairs", lambda: figures.cooccurrence_heatmap(ui.aggregate("theme_pairs", filters), labels)),
}

left, right = st.columns(2)
left.plotly_chart(ui.figure("theme_bar", lambda: figures.theme_bar(counts, ui.load(queries.theme_table)), filters),
                  width="stretch", key="theme_bar")
with right:
    for tab, (key, build) in zip(st.tabs(list(HEATMAPS), key="themes_tab", on_change="rerun"), HEATMAPS.values()):
        if tab.open:
            with tab:
                st.plotly_chart(ui.figure(key, build, filters), width="stretch", key=key)
