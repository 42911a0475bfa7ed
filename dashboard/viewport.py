"""The width the main column is drawn at, told by the browser: the map fits its view to it.

A deck.gl view has an absolute zoom, so framing Kazakhstan needs the map's width in pixels, which the server
cannot know. A tiny inline component (st.components.v2: no iframe, no file, no network) measures its own width,
which is the main column's, and reports it only when it differs by more than SLACK pixels from the width the
server already used, so a page switch costs no extra run. The last width is kept in the session.
"""

from __future__ import annotations

import streamlit as st

STATE = "viewport_width"
SLACK = 24  # px: smaller changes do not refit the map

_JS = """
export default function (component) {
  const { setStateValue, parentElement, data } = component;
  const host = parentElement.host || parentElement;
  const known = Number((data && data.known) || 0);
  let last = known;
  const report = () => {
    const width = Math.round(host.getBoundingClientRect().width);
    if (width > 0 && Math.abs(width - last) > %d) { last = width; setStateValue("width", width); }
  };
  report();
  const observer = new ResizeObserver(() => report());
  observer.observe(host);
  return () => observer.disconnect();
}
""" % SLACK

_component = st.components.v2.component("ca_dashboard_viewport", js=_JS)


def main_width(default: int) -> int:
    """The main column's width in px: the browser's last report, or `default` before there is one (and in AppTest)."""
    known = st.session_state.get(STATE)
    result = _component(key="viewport_probe", data={"known": known or 0}, on_width_change=lambda: None, height="content")
    width = getattr(result, "width", None)
    if isinstance(width, (int, float)) and 200 <= width <= 10_000 and abs(width - (known or 0)) > SLACK:
        st.session_state[STATE] = known = int(width)
    return int(known or default)
