"""Themes: what the cooperation is about, when, where, and which themes go together."""

import streamlit as st

from dashboard import figures, queries, ui

options, filters = ui.page("Themes", "What the cooperation is about. A record with several themes counts once for each.")

counts = ui.aggregate("theme_counts", filters)
if counts.empty:
    ui.empty_state()
    st.stop()

labels = dict(options.themes)
left, right = st.columns(2)
left.plotly_chart(ui.figure("theme_bar", lambda: figures.theme_bar(counts, ui.load(queries.theme_table)), filters),
                  width="stretch", key="theme_bar")
right.plotly_chart(ui.figure("theme_country", lambda: figures.theme_country_heatmap(
    ui.aggregate("theme_country", filters), labels, dict(options.countries)), filters), width="stretch", key="theme_country")
st.plotly_chart(ui.figure("theme_year", lambda: figures.theme_year_heatmap(ui.aggregate("theme_year", filters), labels), filters),
                width="stretch", key="theme_year")
st.plotly_chart(ui.figure("theme_pairs", lambda: figures.cooccurrence_heatmap(ui.aggregate("theme_pairs", filters), labels),
                          filters), width="stretch", key="theme_pairs")
