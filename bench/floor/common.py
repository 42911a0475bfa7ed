"""What both pages of the floor draw: one filter, one plotly chart, one pydeck map, one dataframe (as the dashboard's
pages share dashboard/ui.py)."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st


def draw(title: str) -> None:
    st.set_page_config(page_title="Floor", layout="wide")
    with st.sidebar:
        st.page_link("app.py", label="First")
        st.page_link("pages/2_Second.py", label="Second")
        countries = st.multiselect("Countries", ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"],
                                   key="countries")

    rng = np.random.default_rng(len(countries))
    rows = pd.DataFrame({"year": np.arange(1993, 2027), "records": rng.integers(0, 20, 34)})
    points = pd.DataFrame({"lat": rng.uniform(36, 55, 70), "lon": rng.uniform(47, 87, 70), "name": [f"Place {i}" for i in range(70)]})
    table = pd.DataFrame({"date": pd.date_range("2000-01-01", periods=100, freq="MS").strftime("%Y-%m-%d"),
                          "title": [f"Record {i}" for i in range(100)], "countries": (countries or ["Kazakhstan"])[0]})

    st.title(title)
    st.plotly_chart(go.Figure(go.Bar(x=rows["year"], y=rows["records"])), key="chart")
    st.pydeck_chart(pdk.Deck(layers=[pdk.Layer("ScatterplotLayer", data=points, get_position=["lon", "lat"], get_radius=20000,
                                               get_fill_color=[200, 30, 0, 200], pickable=True)],
                             initial_view_state=pdk.ViewState(latitude=44, longitude=64.5, zoom=3.4), map_provider=None,
                             tooltip={"text": "{name}"}), key="map")
    st.dataframe(table, hide_index=True)
