"""The width the main column is drawn at, told by the browser: the map fits its view to it.

A deck.gl view has an absolute zoom, so framing Kazakhstan needs the map's width in pixels, which the server
cannot know. A tiny inline component (st.components.v2: no iframe, no file, no network) measures its own width,
which is the main column's. Each report costs a rerun, so it reports only when the width would change the view:
widths above `enough` (past which the map's height, not its width, limits the zoom) count as `enough`, and a
difference of SLACK pixels or less does not count. Until the browser has reported once, `widest` (the largest
`enough` any choice of the filters could need) stands in for `enough`: the first view reports the width whenever
some filter choice would use it, so that a later filter change never waits for a second run (the report interrupts
the first view's run instead, early, since the probe mounts high on the page). Only a screen wider than `widest`
needs no report at all, and a page switch never does (the last width is kept in the session). Put it high on the
page: the earlier it mounts, the earlier the report interrupts the first run.
"""

from __future__ import annotations

import streamlit as st

STATE = "viewport_width"
SLACK = 24  # px: smaller changes do not refit the map

_JS = """
export default function (component) {
  const { setStateValue, parentElement, data } = component;
  const host = parentElement.host || parentElement;
  const enough = Number((data && data.enough) || 1e9);
  const seen = (w) => Math.min(w, enough);
  let last = Number((data && data.known) || 0);
  const report = () => {
    const width = Math.round(host.getBoundingClientRect().width);
    if (width > 0 && Math.abs(seen(width) - seen(last)) > %d) { last = width; setStateValue("width", width); }
  };
  report();
  const observer = new ResizeObserver(() => report());
  observer.observe(host);
  return () => observer.disconnect();
}
""" % SLACK

_component = st.components.v2.component("ca_dashboard_viewport", js=_JS)


def main_width(default: int, enough: int | None = None, widest: int | None = None) -> int:
    """The main column's width in px: the browser's last report, or `default` before there is one (and in AppTest).
    `enough`: the width past which a wider column would not change what the page draws now; `widest`: the largest
    such width of any choice the page offers (used until the first report)."""
    known = st.session_state.get(STATE)
    used = int(known or default)
    limit = enough if known or not widest else max(widest, enough or 0)
    result = _component(key="viewport_probe", data={"known": used, "enough": limit or 0},
                        on_width_change=lambda: None, height="content")
    width = getattr(result, "width", None)
    if isinstance(width, (int, float)) and 200 <= width <= 10_000 and int(width) != known:
        st.session_state[STATE] = used = int(width)
    return used
