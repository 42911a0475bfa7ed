"""Plotly figures from DataFrames. Pure functions: no Streamlit, no database.

Every figure's title is the question it answers. Text from the data is escaped exactly once before it reaches
a hover label or an axis label: plotly renders a subset of HTML there and decodes only a few entities (`&amp;`,
`&lt;`, `&gt;` but not `&quot;`), so `<`, `>` and `&` are escaped and quotes are left as they are.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .vocab import COUNTRY_COLOURS, OTHER_COLOUR, RECORD_TYPES, country_names, kind_label, readable_date

PRECISION_SYMBOL_CODE = {"day": 0, "month": 2, "year": 1}  # plotly: circle, diamond, square; +100 = open marker
PRECISION_NOTE = {"day": "", "month": " (month only)", "year": " (year only)"}
MILESTONE_SYMBOLS = {"membership": "star", "world_heritage_inscription": "triangle-up", "intangible_heritage_inscription": "circle",
                    "category_2_centre": "square"}
MILESTONE_KEY = ("★ joins UNESCO · ▲ World Heritage inscription · ● intangible heritage inscription · ■ category 2 centre · "
                 "the colour is the country's.")
MARKER_KEY = ("Marker shape: circle = exact day · diamond = only the month is known · square = only the year is known · "
              "open marker = extracted from a press release, not yet confirmed.")
# Record types are not countries or themes: two greys (and a hatch for partnerships), distinct from every country's
# and theme's colour, legible on light and dark backgrounds.
TYPE_COLOURS = {"meeting": "#6E6E6E", "partnership": "#B4B4B4"}
TYPE_PATTERNS = {"meeting": "", "partnership": "/"}
# Viridis (perceptually uniform, colour-blind safe) from 0, with 0 itself transparent: an empty cell shows the
# page's background in light and dark themes, and the smallest count is already a colour.
HEATMAP_SCALE = [[0.0, "rgba(0,0,0,0)"], [1e-9, "#31688E"], [0.33, "#21918C"], [0.66, "#5EC962"], [1.0, "#FDE725"]]
# (Viridis without its darkest third, which would vanish on a dark background)
HEATMAP_TEXT_COLUMNS = 40  # numbers in the cells up to this many columns (they no longer fit beyond)


def esc(value) -> str:
    """Text from the data for plotly's hover and axis labels: `<`, `>` and `&` escaped, once."""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else html.escape(str(value), quote=False)


def plot_date(date_text: pd.Series, precision: pd.Series) -> pd.Series:
    """Partial ISO dates -> timestamps at the middle of what is known (a year -> 1 July, a month -> the 15th)."""
    padded = date_text.where(precision == "day", date_text.where(precision != "month", date_text + "-15"))
    padded = padded.where(precision != "year", date_text + "-07-01")
    return pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce")


def _layout(fig: go.Figure, title: str, **kwargs) -> go.Figure:
    """Title, margins and legend. No plotly template: Streamlit's theme styles the chart in the browser, so the
    default template's 7 kB would travel with every chart for nothing. Call it once the traces are in: the margins
    are reserved for the axis labels (fit_margins)."""
    fig.layout.template = None
    fig.update_layout(title={"text": title, "x": 0, "xanchor": "left"}, margin={"l": 10, "r": 30, "t": 50, "b": 10},
                      legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0}, **kwargs)
    # the legend sits at the foot of the chart's own box, under the axis title whatever the chart's height
    return fit_margins(fig)


# Advance widths (px) of Streamlit's tick font (Source Sans, 12 px) as Chromium measures them, rounded up; a character
# not listed counts as GLYPH_MAX, wider than any listed one.
_GLYPH_WIDTHS = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -–,.()&'",
    [6.1, 6.7, 5.5, 6.7, 6.0, 3.5, 6.1, 6.6, 3.0, 3.0, 6.0, 3.1, 10.0, 6.6, 6.5, 6.7, 6.7, 4.2, 5.1, 4.1, 6.6, 5.6, 8.7,
     5.4, 5.6, 5.1, 6.6, 7.1, 6.9, 7.4, 6.4, 6.0, 7.4, 7.9, 3.2, 5.8, 7.0, 5.9, 8.8, 7.8, 8.0, 6.8, 8.0, 6.9, 6.5, 6.5,
     7.8, 6.2, 9.5, 6.2, 5.8, 6.5] + [6.0] * 10 + [2.4, 3.8, 5.8, 3.0, 3.0, 3.7, 3.7, 7.4, 2.4], strict=True))
GLYPH_MAX = 10.0


def label_width(text: str) -> float:
    """About how wide (px) a tick label is drawn in the browser (text as given to plotly, entities escaped)."""
    return sum(_GLYPH_WIDTHS.get(ch, GLYPH_MAX) for ch in html.unescape(str(text)))


def _axis_labels(fig: go.Figure, axis: str) -> list[str]:
    """The category labels on the chart's first x or y axis (its category order when set, else the traces' text)."""
    order = fig.layout[axis + "axis"].categoryarray
    if order is not None:
        return [str(v) for v in order]
    labels: set[str] = set()
    for trace in fig.data:
        values = getattr(trace, axis, None)
        if values is not None and getattr(trace, axis + "axis", None) in (None, axis) and len(values):
            first = values[0]
            if isinstance(first, str) and not first.lstrip("-").replace(".", "", 1).isdigit():  # plotly reads "2005" as a number
                labels.update(str(v) for v in values)
    return sorted(labels)


def fit_margins(fig: go.Figure) -> go.Figure:
    """Margins wide enough for the axis labels and titles before the browser draws the chart. Streamlit's theme turns
    plotly's automargin on: plotly draws, measures the labels, pushes the margins and then draws the whole chart a
    second time whenever they did not fit. Reserving the room up front saves that second drawing on every filter
    change; when a label is wider than reckoned here (another font), automargin still makes room for it."""
    layout = fig.layout
    if not fig.data:
        return fig
    y_labels, x_labels = _axis_labels(fig, "y"), _axis_labels(fig, "x")
    left = max((label_width(t) for t in y_labels), default=24.0) + 32  # ticks and their padding
    if layout.yaxis.title.text:
        left += 34  # the axis title beside the labels
    heatmap = any(trace.type == "heatmap" for trace in fig.data)
    bottom = 40.0  # one row of tick labels
    if x_labels:  # categories side by side when they fit, else drawn at 30° (a few columns) or upright (many)
        widest = max(label_width(t) for t in x_labels)
        bottom += widest + 8 if len(x_labels) > 8 else 0.5 * widest + 4
    elif heatmap:  # years, drawn at 30° in a narrow chart
        bottom += 20
    if layout.xaxis.title.text:
        bottom += 28
    right = 30
    if heatmap:  # a rotated last category reaches past the plot; a colour key needs its own room
        right = 100 if any(trace.type == "heatmap" and trace.showscale for trace in fig.data) else 50
    margin = layout.margin
    fig.update_layout(margin={"l": max(margin.l or 0, int(left + 0.999)), "b": max(margin.b or 0, int(bottom + 0.999)),
                              "r": max(margin.r or 0, right)})
    return fig


def timeline_figure(points: pd.DataFrame, by: str, lane_labels: dict[str, str], lane_colours: dict[str, str],
                    names: dict[str, str] | None = None) -> go.Figure:
    """Meetings and milestones on a time axis, one lane per theme or country; customdata = (record_type, id, hover text).

    Per-point values travel as numpy arrays (hover text in customdata, numeric marker symbols) so that plotly's
    validation stays cheap for thousands of points; a lane's symbol is one number when all its points share it."""
    fig = go.Figure()
    if points.empty:
        return _layout(fig, "When did the cooperation happen?")
    extracted = (points["origin"] == "extracted").to_numpy()
    hover_of: dict = {}  # a record drawn in several lanes gets its hover text made once
    hover = []
    for rid, title, date, record_type, kind, codes, ext in zip(
            points["rid"].tolist(), points["title"].tolist(), points["date"].tolist(), points["record_type"].tolist(),
            points["kind"].tolist(), points["countries"].tolist(), extracted.tolist()):
        text = hover_of.get(rid)
        if text is None:
            text = hover_of[rid] = (
                f"{esc(title)}<br>{esc(readable_date(date))} · {RECORD_TYPES.get(record_type, record_type)} · "
                f"{esc(kind_label(kind, record_type))}<br>Countries: {esc(country_names(codes, names or {}))}"
                + ("<br><i>Extracted from a press release (unconfirmed)</i>" if ext else ""))
        hover.append(text)
    hover = np.array(hover, dtype=object)
    symbols = points["date_precision"].map(PRECISION_SYMBOL_CODE).to_numpy() + np.where(extracted, 100, 0)
    data = np.column_stack([points["record_type"].to_numpy(object), points["id"].to_numpy(object), hover])
    x = plot_date(points["date"], points["date_precision"]).to_numpy()
    lane_values = points["lane"].to_numpy()
    lanes = sorted(points["lane"].unique(), key=lambda lane: lane_labels.get(lane, lane))
    for lane in lanes:  # one trace per lane: the browser draws each trace as a layer of its own
        label = esc(lane_labels.get(lane, lane))
        colour = lane_colours.get(lane, OTHER_COLOUR)
        rows = lane_values == lane
        shapes = symbols[rows]
        fig.add_trace(go.Scatter(
            x=x[rows], y=np.full(int(rows.sum()), label, dtype=object), mode="markers", name=label,
            marker={"color": colour, "size": 11, "opacity": 0.85, "line": {"width": 1, "color": colour},
                    "symbol": int(shapes[0]) if (shapes == shapes[0]).all() else shapes.astype(int)},
            customdata=data[rows], hovertemplate="%{customdata[2]}<extra></extra>",
        ))
    fig.update_yaxes(categoryorder="array", categoryarray=[esc(lane_labels.get(lane, lane)) for lane in reversed(lanes)])
    return _layout(fig, "When did the cooperation happen, and on what?", height=max(320, 60 + 38 * len(lanes)),
                   xaxis_title="Date", yaxis_title="Country" if by == "country" else "Theme", showlegend=False)


PER_YEAR_KEY = "Bars per year: dark grey = meetings, light grey hatched = partnerships."
PER_YEAR_HEIGHT = 130  # px of the timeline given to the records-per-year strip above its lanes


def with_per_year(fig: go.Figure, counts: pd.DataFrame) -> go.Figure:
    """The timeline with records per year (meetings and partnerships stacked) in a strip above its lanes, on the same
    time axis: one chart to draw, not two. counts: year, record_type, records."""
    if counts.empty or not fig.data:
        return fig
    lanes_height = fig.layout.height or 320
    height = lanes_height + PER_YEAR_HEIGHT
    split = (lanes_height - 60) / (height - 60)  # the lanes keep their height; the strip sits above them
    for record_type, label in RECORD_TYPES.items():
        rows = counts[counts["record_type"] == record_type]
        fig.add_trace(go.Bar(
            x=pd.to_datetime(rows["year"].astype(str) + "-07-01").to_numpy(), y=rows["records"].to_numpy(), yaxis="y2",
            name=label + "s", legendgroup="per_year", showlegend=False, width=300 * 86_400_000,  # 300 days: a gap between the years
            marker={"color": TYPE_COLOURS[record_type],
                    "pattern": {"shape": TYPE_PATTERNS[record_type], "fillmode": "overlay", "fgcolor": "#3A3A3A"}},
            hovertemplate="%{x|%Y}: %{y} " + label.lower() + "(s)<extra></extra>"))  # no customdata: not a record
    fig.update_layout(height=height, barmode="stack",  # no legend (PER_YEAR_KEY says which bar is which): one less to draw
                      yaxis={"domain": [0, split - 0.04]},
                      yaxis2={"domain": [split, 1], "title": {"text": "Per year"}, "rangemode": "tozero", "fixedrange": True})
    return fig


def milestones_figure(membership: pd.DataFrame, inscriptions: pd.DataFrame, country_names: dict[str, str]) -> go.Figure:
    """UNESCO membership, World Heritage and intangible heritage inscriptions and category 2 centres per country.

    membership: country, date, date_precision, title; inscriptions: timeline points with lane = country."""
    title = "Since joining UNESCO: inscriptions and centres"
    rows = pd.concat([membership.assign(kind="membership"),
                      inscriptions.rename(columns={"lane": "country"})[["country", "date", "date_precision", "title", "kind"]]],
                     ignore_index=True)
    rows = rows[rows["country"].isin(country_names)]
    fig = go.Figure()
    if rows.empty:
        return _layout(fig, title)
    rows = rows.assign(x=plot_date(rows["date"], rows["date_precision"]))
    names = {"membership": "Joins UNESCO", "world_heritage_inscription": "World Heritage inscription",
             "intangible_heritage_inscription": "Intangible heritage inscription", "category_2_centre": "Category 2 centre"}
    for kind, name in reversed(names.items()):  # membership last: its stars are drawn over the inscriptions of that year
        part = rows[rows["kind"] == kind]
        if part.empty:
            continue
        countries = part["country"].tolist()
        hover = [[f"{name}: {esc(title)}<br>{esc(readable_date(date))} · {esc(country_names.get(c, c))} ({esc(c)})"]
                 for title, date, c in zip(part["title"].tolist(), part["date"].tolist(), countries)]
        fig.add_trace(go.Scatter(  # one trace per kind: the symbol is the kind, the colour the country
            x=part["x"].to_numpy(), y=np.array([esc(country_names.get(c, c)) for c in countries], dtype=object),
            mode="markers", name=name, customdata=np.array(hover, dtype=object),
            marker={"symbol": MILESTONE_SYMBOLS[kind], "size": 15 if kind == "membership" else 10, "line": {"width": 1, "color": "#333"},
                    "color": [COUNTRY_COLOURS.get(c, OTHER_COLOUR) for c in countries]},
            hovertemplate="%{customdata[0]}<extra></extra>",  # everything in one box: no side box to cut off
        ))
    fig.update_yaxes(categoryorder="array", categoryarray=sorted((esc(n) for n in country_names.values()), reverse=True))
    # no legend: its entries would take the first point's country colour, and drawing one costs the browser as much as
    # the points; MILESTONE_KEY, under the chart, names the shapes
    return _layout(fig, title, height=300, xaxis_title=None, yaxis_title=None, hoverlabel={"align": "left"}, showlegend=False)


def theme_bar(counts: pd.DataFrame, themes: pd.DataFrame) -> go.Figure:
    """Records per theme, each bar in its theme's colour (themes: id, label, colour)."""
    counts = counts.merge(themes, left_on="theme_id", right_on="id").sort_values("records")
    fig = go.Figure(go.Bar(
        x=counts["records"], y=counts["label"].map(esc), orientation="h", marker_color=counts["colour"].tolist(),
        text=counts["records"], textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{x} records<extra></extra>",
    ))
    return _layout(fig, "Which themes does the cooperation cover most?", height=max(300, 60 + 32 * len(counts)),
                   xaxis_title="Records (one per theme)", yaxis_title=None)


def _heatmap(matrix: pd.DataFrame, title: str, x_title: str, y_title: str, hover: str, height: int,
             numbers: np.ndarray | None = None) -> go.Figure:
    """Counts from 0 (an empty cell is blank), with the number in every non-empty cell while the cells are wide enough
    (numbers: which cells carry one, when not all); a colour key only when the cells are too narrow for numbers."""
    z = matrix.to_numpy(dtype=float)  # a masked cell (NaN) is left blank, uncoloured
    text = np.where((z > 0) & (numbers if numbers is not None else True), np.nan_to_num(z).astype(int).astype(str), "")
    fits = matrix.shape[1] <= HEATMAP_TEXT_COLUMNS
    fig = go.Figure(go.Heatmap(
        z=z, x=[esc(c) for c in matrix.columns], y=[esc(i) for i in matrix.index], colorscale=HEATMAP_SCALE, zmin=0,
        zmax=max(1, int(np.nanmax(z)) if z.size and not np.isnan(z).all() else 1), hovertemplate=hover, hoverongaps=False,
        showscale=not fits, colorbar={"title": {"text": "Records"}},  # with the numbers in the cells no colour key is needed
        xgap=1, ygap=1, text=text, texttemplate="%{text}" if fits else None, textfont={"size": 10 if matrix.shape[1] > 12 else 12},
    ))
    return _layout(fig, title, height=height, xaxis_title=x_title, yaxis_title=y_title)


def theme_year_heatmap(rows: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """Theme x year counts; every year of the span is a column, empty years included."""
    if rows.empty:
        return _layout(go.Figure(), "When was each theme active?")
    rows = rows.assign(label=rows["theme_id"].map(lambda t: labels.get(t, t)))
    years = range(int(rows["year"].min()), int(rows["year"].max()) + 1)
    matrix = rows.pivot_table(index="label", columns="year", values="records", aggfunc="sum", fill_value=0).reindex(
        columns=years, fill_value=0).sort_index(ascending=False)
    return _heatmap(matrix, "When was each theme active?", "Year", None, "%{y}, %{x}: %{z} records<extra></extra>",
                    max(320, 80 + 30 * len(matrix)))


def theme_country_heatmap(rows: pd.DataFrame, labels: dict[str, str], country_names: dict[str, str]) -> go.Figure:
    """Theme x country counts."""
    if rows.empty:
        return _layout(go.Figure(), "Which country works with UNESCO on which theme?")
    rows = rows.assign(label=rows["theme_id"].map(lambda t: labels.get(t, t)),
                       country=rows["country_iso3"].map(lambda c: country_names.get(c, c)))
    matrix = rows.pivot_table(index="label", columns="country", values="records", aggfunc="sum", fill_value=0).sort_index(ascending=False)
    return _heatmap(matrix, "Which country works with UNESCO on which theme?", None, None,
                    "%{y} in %{x}: %{z} records<extra></extra>", max(320, 80 + 30 * len(matrix)))


def cooccurrence_heatmap(pairs: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """Symmetric matrix: how many records carry both themes."""
    if pairs.empty:
        return _layout(go.Figure(), "Which themes go together?")
    themes = sorted(set(pairs["theme_a"]) | set(pairs["theme_b"]), key=lambda t: labels.get(t, t))
    matrix = pairs.pivot_table(index="theme_a", columns="theme_b", values="records", aggfunc="sum", fill_value=0).reindex(
        index=themes, columns=themes, fill_value=0)
    matrix.index = [labels.get(t, t) for t in matrix.index]
    matrix.columns = [labels.get(t, t) for t in matrix.columns]
    matrix = matrix.iloc[::-1]  # first theme at the top, as on the x axis from the left
    lower = np.tril(np.ones((len(themes), len(themes)), dtype=bool), -1)[::-1]  # rows are drawn reversed
    matrix = matrix.where(lower)  # the matrix is symmetric: each pair once, below the diagonal, the rest left blank
    return _heatmap(matrix, "Which themes go together? (records that carry both)", None, None,
                    "%{y} + %{x}: %{z} records<extra></extra>", max(380, 120 + 34 * len(themes)))


# ------------------------------------------------------------------------------------------- country and commitments


def theme_share_figure(shares: pd.DataFrame, country_name: str) -> go.Figure:
    """Share of records per theme, the country beside all five countries (shares: theme, country_share, region_share,
    country_records, region_records)."""
    title = "Which themes, compared with the region?"
    if shares.empty:
        return _layout(go.Figure(), title)
    shares = shares.iloc[::-1]
    fig = go.Figure()
    for column, count, name, colour in (("region_share", "region_records", "All five countries", OTHER_COLOUR),
                                        ("country_share", "country_records", country_name, TYPE_COLOURS["meeting"])):
        fig.add_trace(go.Bar(
            x=shares[column] * 100, y=shares["theme"].map(esc), orientation="h", name=esc(name), marker_color=colour,
            customdata=shares[[count]].to_numpy(), hovertemplate="%{y}: %{x:.0f}% (%{customdata[0]} records)<extra>" + esc(name)
            + "</extra>"))
    return _layout(fig, esc(title), barmode="group", height=max(320, 80 + 44 * len(shares)),
                   xaxis_title="Share of records with the theme (%)", yaxis_title=None)


def chain_lines(fig: go.Figure, stages: pd.DataFrame, lane_of: dict[tuple[str, str], str]) -> go.Figure:
    """Draw each commitment chain on a timeline as a dotted line through its stages (stages: chain_id, position,
    date, date_precision, record_type, record_id, chain_title, stage; lane_of: (record_type, id) -> the lane label the
    timeline drew the record in). Stages whose record is not drawn are skipped."""
    if stages.empty:
        return fig
    stages = stages.assign(x=plot_date(stages["date"], stages["date_precision"]))
    shown = False
    for chain_id, chain in stages.sort_values("position").groupby("chain_id", sort=True):
        keys = list(zip(chain["record_type"], chain["record_id"]))
        drawn = [(x, lane_of[k], s) for x, k, s in zip(chain["x"], keys, chain["stage"]) if k in lane_of]
        if len(drawn) < 2:
            continue
        title = esc(chain["chain_title"].iloc[0])
        fig.add_trace(go.Scatter(
            x=[d[0] for d in drawn], y=[d[1] for d in drawn], mode="lines", name="Commitment chain", legendgroup="chains",
            showlegend=not shown, line={"color": "#555555", "width": 1.5, "dash": "dot"}, hoverinfo="text",
            hovertext=title + "<br>" + " → ".join(esc(s.replace("_", " ")) for _x, _y, s in drawn)))
        shown = True
    if shown:  # the legend names the chain lines only: the lanes are named on the axis
        fig.for_each_trace(lambda trace: trace.update(showlegend=False) if trace.legendgroup != "chains" else None)
        fig.update_layout(showlegend=True)
    return fig


def lanes_of(points: pd.DataFrame, lane_labels: dict[str, str]) -> dict[tuple[str, str], str]:
    """(record_type, id) -> the label of the first lane the timeline drew the record in (for chain_lines)."""
    first = points.drop_duplicates(["record_type", "id"])
    return {(t, i): lane_labels.get(lane, lane) for t, i, lane in zip(first["record_type"], first["id"], first["lane"])}
