"""Themes: what the cooperation is about, when, where, and which themes go together."""

import streamlit as st

from dashboard import figures, queries, ui

options, filters = ui.page("Themes", "What the cooperation is about. A record with several themes counts once for each.")

counts = ui.load(queries.theme_counts, filters)
if counts.empty:
    ui.empty_state()
    st.stop()

left, right = st.columns(2)
left.plotly_chart(figures.theme_bar(counts), width="stretch", key="theme_bar")
right.plotly_chart(figures.theme_country_heatmap(ui.load(queries.theme_country, filters)), width="stretch",
                   key="theme_country")
st.plotly_chart(figures.theme_year_heatmap(ui.load(queries.theme_year, filters)), width="stretch", key="theme_year")
st.plotly_chart(figures.cooccurrence_heatmap(ui.load(queries.theme_pairs, filters), dict(options.themes)),
                width="stretch", key="theme_pairs")
