"""Charts reserve the room of their axis labels before the browser draws them, so that plotly's automargin (which
Streamlit's theme turns on) does not draw each chart a second time on every filter change (issue 11). The browser
side, that the drawn margins are the reserved ones, is checked in test_browser.py."""

import pandas as pd

from dashboard import figures

from .test_polish import timeline_points

THEMES = {"a": "Youth", "b": "Communication and information"}


def test_label_width_follows_the_text_and_counts_unknown_letters_wide():
    assert figures.label_width("") == 0
    assert figures.label_width("Youth") < figures.label_width("Communication and information")
    # Chromium draws "Communication and information" 164 px wide in Streamlit's 12 px tick font
    assert 160 <= figures.label_width("Communication and information") <= 180
    assert figures.label_width("Қазақстан") == 9 * figures.GLYPH_MAX  # letters not measured count as the widest
    assert figures.label_width("A &amp; B") == figures.label_width("A & B")  # what is drawn, not the escaped text


def test_the_left_margin_holds_the_widest_lane_label_and_the_axis_title():
    points = timeline_points(title="x").assign(lane="b")
    theme = figures.timeline_figure(points, "theme", THEMES, {})
    short = figures.timeline_figure(points.assign(lane="a"), "theme", THEMES, {})
    assert theme.layout.margin.l >= figures.label_width(THEMES["b"]) + 30  # labels, ticks and the title "Theme"
    assert short.layout.margin.l < theme.layout.margin.l
    assert theme.layout.margin.b > short.layout.margin.b - 1 and theme.layout.margin.b >= 60  # dates and "Date"
    # the per-year strip on the same chart keeps the margins
    per_year = figures.with_per_year(theme, pd.DataFrame({"year": [2017], "record_type": ["meeting"], "records": [1]}))
    assert per_year.layout.margin.l == theme.layout.margin.l


def test_bars_and_heatmaps_reserve_room_for_their_labels():
    themes = pd.DataFrame({"id": ["a", "b"], "label": ["Youth", "Communication and information"], "colour": ["#111", "#222"]})
    bar = figures.theme_bar(pd.DataFrame({"theme_id": ["a", "b"], "records": [3, 4]}), themes)
    assert bar.layout.margin.l >= figures.label_width("Communication and information")
    countries = {"KAZ": "Kazakhstan", "TKM": "Turkmenistan"}
    rows = pd.DataFrame({"theme_id": ["a", "b"], "country_iso3": ["KAZ", "TKM"], "records": [1, 2]})
    heat = figures.theme_country_heatmap(rows, THEMES, countries)
    assert heat.layout.margin.l >= figures.label_width("Communication and information")
    assert heat.layout.margin.b >= 40 + figures.label_width("Turkmenistan") / 2  # country names may be drawn at 30°
    pairs = figures.cooccurrence_heatmap(pd.DataFrame({"theme_a": ["a"], "theme_b": ["b"], "records": [2]}), THEMES)
    assert pairs.layout.margin.b >= 40  # two columns: side by side or at 30°
    many = {f"t{i}": f"Theme number {i}" for i in range(10)}
    wide = figures.cooccurrence_heatmap(pd.DataFrame({"theme_a": ["t0"] * 9, "theme_b": [f"t{i}" for i in range(1, 10)],
                                                      "records": [1] * 9}), many)
    assert wide.layout.margin.b >= 40 + figures.label_width("Theme number 9")  # many columns: labels upright


def test_an_empty_chart_keeps_the_plain_margins():
    empty = figures.theme_year_heatmap(pd.DataFrame(columns=["theme_id", "year", "records"]), THEMES)
    assert (empty.layout.margin.l, empty.layout.margin.b) == (10, 10)
