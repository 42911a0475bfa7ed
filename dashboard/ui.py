"""The few Streamlit helpers every page shares: page frame, shared filters, cached loaders, details, downloads.

Filters live in st.session_state under a non-widget key ("filters") so they survive page changes, and
are mirrored to st.query_params so a copied link reproduces the view. Loaders are cached on the
database file's path and modification time: a rebuild shows up without restarting the app.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote
from typing import Callable

import pandas as pd
import streamlit as st

from . import commitments, export, queries, store
from .cube import Cube
from .filters import MAX_TEXT_CHARS, Filters, Options
from .vocab import EMPTY, ORIGINS, PLACE_KINDS, RECORD_TYPES, STATUSES, country_names, kind_label, readable_date

STATE, NOTICES, SHOWN, WRITTEN = "filters", "filter_notices", "filter_notices_shown", "filter_query_written"
WIDGETS = {"years": "flt_years", "themes": "flt_themes", "countries": "flt_countries", "kinds": "flt_kinds", "text": "flt_text",
           "extracted": "flt_extracted"}
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")  # & too: an entity in the data shows as written


def md(text) -> str:
    """Escape text from the data (or the URL) so Markdown shows it literally: no links, images or HTML."""
    return "" if text is None or (isinstance(text, float) and pd.isna(text)) else MD_SPECIAL.sub(r"\\\1", str(text))


def link(url: str) -> str:
    """A URL from the data made safe inside Markdown's (...) link target."""
    return quote(str(url), safe=":/?#&=%~+,;@!*'")


def count(n: int, singular: str, plural: str | None = None) -> str:
    """'1 meeting', '12 meetings', '1,204 press releases'."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def publisher_label(publisher, url) -> str:
    """How a source reads: its publisher's name ('UNESCO World Heritage Centre'), or the web site for a source
    without one (an ingested press release)."""
    if isinstance(publisher, str) and publisher:
        return publisher
    host = re.sub(r"^www\.", "", str(url).split("/")[2]) if isinstance(url, str) and "://" in url else ""
    return host or "source"


def source_link(url, publisher=None) -> str:
    """Markdown link to a source that reads with its publisher: '[UNESCO World Heritage Centre ↗](…)'."""
    if not isinstance(url, str) or not url:
        return "—"
    return f"[{md(publisher_label(publisher, url))} ↗]({link(url)})"


def source_button(url, publisher=None, key: str | None = None) -> None:
    """A button that opens a record's source, labelled with its publisher."""
    if isinstance(url, str) and url:
        st.link_button(f"{publisher_label(publisher, url)} ↗", url, key=key)


def further_sources(sources: pd.DataFrame) -> None:
    """The further sources of a record (position > 0), each with the facts it supports."""
    further = sources[sources["position"] > 0] if len(sources) else sources
    if len(further):
        lines = [f"- {source_link(r.url, r.publisher)} — states: {md(r.supports or 'the record')}"
                 + (" (archived copy)" if r.archived else "") for r in further.itertuples()]
        st.markdown("**Further sources**  \n" + "\n".join(lines))


# ------------------------------------------------------------------------------------------- loading


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(name: str, path: str, version: str, args: tuple):
    conn = store.connect(Path(path))
    try:
        return getattr(queries, name)(conn, *args)
    finally:
        conn.close()


def load(query: Callable, *args):
    """Run a function of dashboard.queries, cached on (database file, its modification time, arguments)."""
    path = store.db_path()
    return _cached(query.__name__, str(path), store.db_version(path), args)


@st.cache_resource(max_entries=2, show_spinner="Loading the records…")
def _cube(path: str, version: str) -> Cube:
    """The index etl build wrote next to the database when it matches the database, else built from SQL."""
    conn = store.connect(Path(path))
    try:
        return Cube.from_file(path + ".index.npz", queries.index_key(conn)) or Cube.from_database(conn)
    finally:
        conn.close()


@st.cache_resource(max_entries=2, show_spinner=False)
def _options(path: str, version: str) -> Options:
    conn = store.connect(Path(path))
    try:
        themes, countries = queries.labels(conn)
    finally:
        conn.close()
    return _cube(path, version).options(themes, countries)


def filter_options() -> Options:
    """What the filters may take: themes and countries from the database, years, kinds and extracted records from
    the filter index (no scan of the records); once per database file."""
    path = store.db_path()
    return _options(str(path), store.db_version(path))


def cube() -> Cube:
    """The filter index of the current database file, shared by every session (read-only)."""
    path = store.db_path()
    return _cube(str(path), store.db_version(path))


@st.cache_data(max_entries=64, show_spinner=False)
def _mask(path: str, version: str, filters: Filters):
    text_rids = load(queries.text_rids, filters.text) if filters.text else None
    return _cube(path, version).mask(filters, text_rids)


def _current_mask(filters: Filters):
    path = store.db_path()
    return _mask(str(path), store.db_version(path), filters)


@st.cache_data(max_entries=512, show_spinner=False)
def _aggregate(name: str, path: str, version: str, filters: Filters):
    return getattr(_cube(path, version), name)(_mask(path, version, filters), filters)


def aggregate(name: str, filters: Filters):
    """A chart aggregate of dashboard.cube (headline, per_year, theme_counts …), cached on the database and the filters."""
    if name not in Cube.AGGREGATES:
        raise ValueError(name)
    path = store.db_path()
    return _aggregate(name, str(path), store.db_version(path), filters)


def select(filters: Filters, record_type: str | None = None, limit: int | None = None, place: str | None = None) -> list[int]:
    """The rids of the filtered records (of one type, at one place), oldest first; the most recent `limit` with a limit."""
    return cube().select(_current_mask(filters), record_type, limit, place)


def fetch(query: Callable, *args):
    """Run a query uncached on a connection of its own: for downloads, built in a thread when clicked."""
    conn = store.connect(store.db_path())
    try:
        return query(conn, *args)
    finally:
        conn.close()


@st.cache_resource(max_entries=256, show_spinner=False)
def _figure(path: str, version: str, name: str, key: tuple, _build: Callable):
    return _build()


def figure(name: str, build: Callable, *key):
    """A figure built once per database file and key (the filters and whatever else it depends on) and shared by every
    session: a page switch or a return to earlier filters sends the figure without building it again. `build` is
    called only when nothing is cached; the figure is never changed after it is built."""
    path = store.db_path()
    return _figure(str(path), store.db_version(path), name, key, build)


def theme_colours() -> dict[str, str]:
    themes = load(queries.theme_table)
    return dict(zip(themes["id"], themes["colour"]))


# ------------------------------------------------------------------------------------------- labels


def names() -> dict[str, str]:
    """ISO3 -> country name, every country of the database."""
    return load(queries.country_names)


def countries_text(codes) -> str:
    """'KAZ, UZB' -> 'Kazakhstan, Uzbekistan'; empty -> '—'."""
    return country_names(codes, names())


def themes_text(ids) -> str:
    """'culture_heritage, education' -> 'Culture and heritage, Education'; empty -> '—'."""
    if not isinstance(ids, str) or not ids.strip():
        return EMPTY
    themes = load(queries.theme_table)
    labels = dict(zip(themes["id"], themes["label"]))
    return ", ".join(labels.get(t.strip(), t.strip()) for t in ids.split(","))


def flags_text(flags) -> str:
    """'sources_disagree, place_unknown' -> 'sources disagree, place unknown'."""
    return EMPTY if not isinstance(flags, str) or not flags.strip() else flags.replace("_", " ")


LINK_COLUMNS = ("source_url", "official_url", "url")
HIDDEN = ("id", "rid", "place_id", "person_id", "document_id", "record_id")  # keys: kept for selection, never shown


def shown_columns(frame: pd.DataFrame) -> list[str]:
    """The columns a table shows: every column but the keys."""
    return [c for c in frame.columns if c not in HIDDEN]


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as people read it: record types and kinds by their labels, country codes by names, dates of build runs
    readable, and every empty cell '—' (never a grey None)."""
    out = frame.copy()
    if "record_type" in out:
        out["record_type"] = out["record_type"].map(lambda t: RECORD_TYPES.get(t, t))
    if "kind" in out and "record_type" in frame:
        out["kind"] = [kind_label(k, t) if isinstance(k, str) else k for k, t in zip(frame["kind"], frame["record_type"])]
    if "countries" in out:
        known = names()
        out["countries"] = out["countries"].map(lambda codes: country_names(codes, known))
    for column, labels in (("status", STATUSES), ("origin", ORIGINS)):
        if column in out:
            out[column] = out[column].map(lambda v: labels.get(v, v) if isinstance(v, str) else v)
    if "flags" in out:
        out["flags"] = out["flags"].map(lambda f: flags_text(f) if isinstance(f, str) else f)
    for column in ("started_at", "finished_at", "ingested_at"):
        if column in out:
            out[column] = out[column].map(readable_date)
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            if values.isna().any():  # a number column with gaps becomes text, so that a gap can read '—'
                present = values.dropna()
                whole = bool(((present % 1) == 0).all())
                pattern = "{:.4f}" if column in ("lat", "lon") else ("{:.0f}" if whole else "{:g}")
                out[column] = [EMPTY if pd.isna(v) else pattern.format(v) for v in values]
        elif column not in LINK_COLUMNS:  # a link column's gap stays empty (a dash would become a link)
            out[column] = [EMPTY if v is None or v != v or (isinstance(v, str) and not v.strip()) else v for v in values]
    return out


# ------------------------------------------------------------------------------------------- page frame


PAGES = (("app.py", "Overview", ":material/dashboard:"), ("pages/1_Timeline.py", "Timeline", ":material/timeline:"),
         ("pages/2_Map.py", "Map", ":material/map:"), ("pages/3_Themes.py", "Themes", ":material/label:"),
         ("pages/4_Explorer.py", "Explorer", ":material/table_view:"),
         ("pages/6_Country.py", "Country", ":material/flag:"),
         ("pages/5_About_the_data.py", "About the data", ":material/info:"))


def frame(title: str, caption: str, links: bool = True):
    """Page config, the menu, the title and its caption. With links=False the menu's place is kept (returned) for the
    caller to fill once the filters are known, so that its links carry the filters of this view."""
    st.set_page_config(page_title=f"{title} · Central Asia – UNESCO", layout="wide")  # default favicon: served locally
    menu = st.sidebar.container()
    if links:
        nav_links(menu)
    st.title(title)
    st.caption(caption)
    try:  # a refused build kept this database: say so on every page
        refused = load(queries.refused_build)
    except store.DatabaseUnavailable:
        refused = None
    if refused:
        st.warning(f"Showing the last good database: the build of {md(str(refused['finished_at'])[:16].replace('T', ' '))} UTC "
                   "was refused because it "
                   "would have dropped too many records. Curators: run `python -m etl build` to see why.",
                   icon=":material/warning:")
    return menu


def nav_links(menu) -> None:
    """The menu. Each link carries the filters' query string, so a page switch opens the new page's address with the
    filters in it: one history entry per view, and the address always reproduces the view."""
    state = st.session_state
    query = state[STATE].to_query() if STATE in state else _query_params()
    with menu:
        for path, label, page_icon in PAGES:
            st.page_link(path, label=label, icon=page_icon, query_params=query or None)


def page(title: str, caption: str, briefing: bool = True) -> tuple[Options, Filters]:
    """The frame, the database check, the shared sidebar filters (with the briefing downloads unless the page draws
    its own) and the active-filters sentence."""
    menu = frame(title, caption, links=False)
    try:
        options = filter_options()
    except store.DatabaseUnavailable as exc:
        nav_links(menu)
        st.warning(str(exc), icon=":material/warning:")
        st.stop()
    if options.empty:
        nav_links(menu)
        st.info("The database holds no meetings or partnerships yet. Add records to data/ and run `make db` "
                "(or `python -m etl build`).", icon=":material/info:")
        st.stop()
    filters = sidebar_filters(options)
    nav_links(menu)  # after the filters: after Back, the address's filters (not the ones undone) go with the links
    if briefing:
        with st.sidebar:
            briefing_downloads(filters, options)
    st.markdown("**Showing:** " + md(filters.describe(options)))
    return options, filters


def sidebar_filters(options: Options) -> Filters:
    """Draw the shared filters; return the active Filters (also written to the URL).

    The kept Filters drive the widgets on every run (a page change forgets widget state); a widget's
    change is copied back into the kept Filters by its on_change callback, before the page reruns.
    """
    state = st.session_state
    address = _query_params()
    if STATE not in state or (address and address != state.get(WRITTEN)):  # a new session, Back/Forward, or a link
        state[STATE], state[NOTICES] = Filters.from_query(address, options)  # with other filters: the address rules
    for key, value in _widget_values(state[STATE], options).items():
        state[key] = value
    sync = {"on_change": _sync, "args": (options,)}
    with st.sidebar:
        st.header("Filters")
        if options.year_min < options.year_max:
            st.slider("Years", options.year_min, options.year_max, key=WIDGETS["years"], **sync)
        st.multiselect("Themes (any of)", list(options.themes), format_func=lambda t: options.themes[t], key=WIDGETS["themes"],
                       placeholder="All themes", **sync)
        st.multiselect("Countries (any of)", list(options.countries), format_func=lambda c: options.countries[c],
                       key=WIDGETS["countries"], placeholder="All five countries", **sync)
        st.multiselect("Record kinds", list(options.kinds), format_func=lambda k: options.kinds[k], key=WIDGETS["kinds"],
                       placeholder="Meetings and partnerships", **sync)
        st.text_input("Search titles and summaries", key=WIDGETS["text"], placeholder="e.g. glacier, Silk Roads",
                      **sync)  # no max_chars: the browser would drop a longer paste whole; it is shortened below
        if options.extracted:
            st.checkbox(f"Include {options.extracted:,} records extracted from press releases", key=WIDGETS["extracted"],
                        help="Found automatically in ingested press releases and not yet confirmed by a person; "
                             "marked 'extracted' in tables and drawn as open markers on the timeline.", **sync)
        st.button("Reset filters", on_click=_reset, width="stretch", disabled=state[STATE].is_default())
    filters: Filters = state[STATE]
    if address != filters.to_query():  # the menu's links carry the query, so a page switch needs no write (which would
        st.query_params.from_dict(filters.to_query())  # push a second history entry for the same view)
    state[WRITTEN] = filters.to_query()
    state[SHOWN] = state.pop(NOTICES, [])
    for notice in state[SHOWN]:
        st.warning(md(notice), icon=":material/warning:")
    return filters


def _query_params() -> dict[str, str]:
    return {k: st.query_params.get(k) for k in st.query_params.keys() if st.query_params.get(k) is not None}


def _widget_values(f: Filters, options: Options) -> dict:
    return {
        WIDGETS["years"]: (f.year_from if f.year_from is not None else options.year_min,
                           f.year_to if f.year_to is not None else options.year_max),
        WIDGETS["themes"]: list(f.themes), WIDGETS["countries"]: list(f.countries), WIDGETS["kinds"]: list(f.kinds),
        WIDGETS["text"]: f.text, WIDGETS["extracted"]: f.extracted,
    }


def _from_widgets(options: Options) -> Filters:
    state = st.session_state
    year_from, year_to = state.get(WIDGETS["years"], (options.year_min, options.year_max))
    text = " ".join(str(state.get(WIDGETS["text"], "")).split())
    if len(text) > MAX_TEXT_CHARS:
        state[NOTICES] = [f"Shortened the search text to its first {MAX_TEXT_CHARS} characters."]
        text = text[:MAX_TEXT_CHARS].strip()
    return Filters(year_from, year_to, tuple(state[WIDGETS["themes"]]), tuple(state[WIDGETS["countries"]]),
                   tuple(state[WIDGETS["kinds"]]), text, bool(state.get(WIDGETS["extracted"], True))).normalised(options)


def _sync(options: Options) -> None:
    st.session_state[STATE] = _from_widgets(options)


def _reset() -> None:
    st.session_state[STATE] = Filters()


# ------------------------------------------------------------------------------------------- shared pieces


def document_view(document_id: str) -> None:
    """A press release with the sentences that gave records highlighted, and the records they gave."""
    detail = load(queries.document_detail, document_id)
    if detail is None:
        st.info("That document is not in the database any more.")
        return
    st.subheader(md(detail["title"]))
    st.caption(f"Published {md(readable_date(detail['published']))} · file {md(detail['source_file'])} · "
               f"ingested {md(readable_date(detail['ingested_at']))}")
    evidence = detail["evidence"]
    spans = sorted({(int(s), int(e)) for s, e in zip(evidence["start"], evidence["end"])})
    st.markdown(highlighted(detail["text"], spans), unsafe_allow_html=True)  # every character from the data escaped
    records = evidence[evidence["record_table"].isin(["meetings", "partnerships"])]
    if len(records):
        st.markdown("**Records from this release** (confirmation: the release repeats a curated record)")
        shown = records[["record_table", "record_title", "field", "origin", "sentence"]].assign(
            record_table=records["record_table"].map({"meetings": "Meeting", "partnerships": "Partnership"}),
            field=records["field"].map(lambda f: str(f).replace("_", " ").capitalize()))
        st.dataframe(readable(shown), hide_index=True, width="stretch", column_config=COLUMNS)
    if isinstance(detail.get("url"), str):
        st.link_button("Open the original", detail["url"])


MARK = ('<mark style="background:#FFD54F;color:#1A1A1A;padding:0 0.15em;border-radius:0.2em;'
        'box-shadow:0 0 0 1px #B8860B">')  # dark text on amber, outlined: visible in light and dark themes


def highlighted(text: str, spans: list[tuple[int, int]]) -> str:
    """Markdown (with HTML) of the text, every character escaped exactly once — HTML-escaped, then Markdown-escaped —
    with the given spans marked. The only tags are our own <mark> elements."""
    def plain(part: str) -> str:
        return md(html.escape(part, quote=False))

    out, position = [], 0
    for start, end in spans:
        if start < position:
            continue
        out.append(plain(text[position:start]))
        out.append(MARK + plain(text[start:end]) + "</mark>")
        position = end
    out.append(plain(text[position:]))
    return "".join(out)


def membership_table(membership: pd.DataFrame, countries: dict[str, str]) -> None:
    """When each chosen country joined UNESCO, with the exact date and its source: a static table (a few rows need no
    data grid, and a static table costs the browser a fraction of one to draw)."""
    rows = membership[membership["country"].isin(countries)].sort_values("date")
    if rows.empty:
        return
    table = pd.DataFrame({"Country": [md(countries[c]) for c in rows["country"]],
                          "Joined UNESCO": [md(readable_date(d)) for d in rows["date"]],
                          "Source": [source_link(u) for u in rows["source_url"]]})
    st.table(table, hide_index=True, border="horizontal")


def empty_state(what: str = "records") -> None:
    text = getattr(st.session_state.get(STATE), "text", "")
    if text:
        st.info(f"No {what} match these filters with the search “{md(text)}”. The search reads titles and summaries "
                "(written in English): try fewer or other words, widen the years, or reset the filters.",
                icon=":material/search_off:")
    else:
        st.info(f"No {what} match these filters. Widen the years, remove a theme or country, or reset the filters.",
                icon=":material/search_off:")


def record_details(record_type: str, record_id: str) -> None:
    """The details panel of one meeting or partnership: what, when, where, who, linked records and source."""
    detail = load(queries.record_detail, record_type, record_id)
    if detail is None:
        st.info("That record is not in the database any more.")
        return
    st.subheader(md(detail["title"]))
    precision = "" if detail["date_precision"] == "day" else f" ({detail['date_precision']} only)"
    lines = [
        f"**{RECORD_TYPES[record_type]}** · {md(kind_label(detail['kind'], record_type))}",
        f"**Date:** {md(readable_date(detail['date']))}{precision}",
        f"**Countries:** {country_links(detail['countries'])}   **Themes:** {md(themes_text(detail['themes']))}",
    ]
    if detail.get("place"):
        lines.append(f"**Place:** {md(detail['place'])}")
    if record_type == "partnership" and detail.get("status"):
        lines.append(f"**Status:** {md(STATUSES.get(detail['status'], detail['status']))}")
    if detail.get("flags"):
        lines.append(f"**Flags:** {md(flags_text(detail['flags']))}")
    st.markdown("  \n".join(lines))
    if detail.get("summary"):
        st.markdown(md(detail["summary"]))
    participants = detail["participants"]
    if len(participants):
        st.markdown("**Participants**")
        table(participants[["name", "role"]])
    if len(detail["linked"]):
        st.markdown("**Linked records**")
        table(detail["linked"].drop(columns=["id"], errors="ignore"))
    commitment_chains(record_type, record_id)
    if detail.get("note"):
        st.caption("Curator's note: " + md(detail["note"]))
    st.markdown("**Source:** " + source_link(detail["source_url"], detail.get("publisher")))
    further_sources(detail["sources"])
    if detail.get("origin") == "extracted":
        st.caption("Extracted automatically from a press release; not yet confirmed by a person.")


COLUMNS = {
    "source_url": st.column_config.LinkColumn("Source", display_text="open ↗", help="the page that states the record"),
    "publisher": st.column_config.TextColumn("Publisher", help="who published the source"),
    "publisher_kind": st.column_config.TextColumn("Publisher kind", help="UNESCO, government, news agency …"),
    "title": st.column_config.TextColumn("Title", width="large"),
    "name": st.column_config.TextColumn("Name"),
    "place": "Place",
    "countries": "Countries",
    "themes": "Themes",
    "participants": st.column_config.TextColumn("Participants", width="medium"),
    "summary": st.column_config.TextColumn("Summary", width="medium"),
    "status": "Status",
    "end_date": "Ended",
    "category": "Category",
    "city": "City",
    "coord_precision": st.column_config.TextColumn("Coordinates", help="site: official point; city: city centre"),
    "flags": st.column_config.TextColumn("Flags", help="Warnings from the curators, e.g. sources_disagree, place_unknown"),
    "note": st.column_config.TextColumn("Note", width="medium"),
    "origin": st.column_config.TextColumn("Origin", help="curated by a person, or extracted from a press release"),
    "record_type": "Type",
    "published": st.column_config.TextColumn("Published"),
    "url": st.column_config.LinkColumn("Original", display_text="open"),
    "source_file": "File",
    "meetings": st.column_config.NumberColumn("Meetings"),
    "partnerships": st.column_config.NumberColumn("Partnerships"),
    "excerpt": st.column_config.TextColumn("Excerpt («search match»)", width="large"),
    "record_table": "Table",
    "record_title": st.column_config.TextColumn("Record", width="medium"),
    "field": "Fact",
    "sentence": st.column_config.TextColumn("Sentence", width="large"),
    "official_url": st.column_config.LinkColumn("Official page", display_text="open"),
    "date": st.column_config.TextColumn("Date", help="As precise as the source: YYYY-MM-DD, YYYY-MM or YYYY"),
    "date_precision": st.column_config.TextColumn("Precision"),
    "kind": st.column_config.TextColumn("Kind"),
    "year": st.column_config.NumberColumn("Year", format="%d"),
    "lat": st.column_config.NumberColumn("Lat", format="%.4f"),
    "lon": st.column_config.NumberColumn("Lon", format="%.4f"),
    "id": st.column_config.TextColumn("Id"),
    # the Country page
    "publisher": st.column_config.TextColumn("Publisher", help="Who published the source page"),
    "body_label": "Body",
    "established": "Established",
    "website": st.column_config.LinkColumn("Web site", display_text="open"),
    "office_label": "Office",
    "role": st.column_config.TextColumn("Role, as the source gives it", width="medium"),
    "start_date": "Since",
    "until": "Until",
    "open_kind": "What is open",
    "what": st.column_config.TextColumn("Commitment"),
    "since": "Open since",
    "open_for": "Open for",
    "due": "Term ends",
    "in_danger": st.column_config.CheckboxColumn("In danger"),
    "danger_since": "In danger since",
    # About the data: builds, refusals, flags, publishers
    "build": st.column_config.NumberColumn("Build"),
    "started_at": "Started", "finished_at": "Finished",
    "files_read": st.column_config.NumberColumn("Files read"),
    "rows_loaded": st.column_config.NumberColumn("Rows loaded"),
    "rows_rejected": st.column_config.NumberColumn("Records refused"),
    "input_digest": st.column_config.TextColumn("Inputs digest", help="equal digests mean equal inputs"),
    "file": "File", "line": st.column_config.NumberColumn("Line"), "record_id": "Record", "value": "Value",
    "reason": st.column_config.TextColumn("Why", width="large"),
    "flag": "Flag", "records": st.column_config.NumberColumn("Records"),
    "rows_citing": st.column_config.NumberColumn("Rows citing it", help="as main or further source"),
}


NUMBER_COLUMNS = {"year": "Year", "lat": "Lat", "lon": "Lon"}


def column_config(frame: pd.DataFrame) -> dict:
    """COLUMNS for a table made by readable(): number columns that became text (they had gaps) as text columns."""
    config = dict(COLUMNS)
    for column, label in NUMBER_COLUMNS.items():
        if column in frame and not pd.api.types.is_numeric_dtype(frame[column]):
            config[column] = st.column_config.TextColumn(label)
    return config


def table(frame: pd.DataFrame, **options):
    """A table as people read it (readable(): labels, names, '—' for empty) with the shared column labels."""
    shown = readable(frame)
    return st.dataframe(shown, hide_index=True, width="stretch", column_config=column_config(shown), **options)


def place_kind_label(kind: str) -> str:
    return PLACE_KINDS.get(kind, kind)


def downloads(rows: Callable[[], pd.DataFrame], count: int, table: str, filters: Filters, options: Options, key: str) -> None:
    """CSV, Excel and JSON of exactly the filtered rows (`rows()` fetches them all), built only when a button is clicked."""
    build = load(queries.last_build)
    info = export.about(filters.describe(options, table), count, table, build["finished_at"] if build else None)
    slug = filters.slug()
    cols = st.columns(3)
    cols[0].download_button("⬇ CSV", lambda: export.to_csv(rows()), export.file_name(table, slug, "csv"), "text/csv",
                            key=f"{key}_csv", on_click="ignore", width="stretch")
    cols[1].download_button("⬇ Excel", lambda: export.to_xlsx(rows(), info, table), export.file_name(table, slug, "xlsx"),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{key}_xlsx",
                            on_click="ignore", width="stretch")
    cols[2].download_button("⬇ JSON", lambda: export.to_json(rows(), info), export.file_name(table, slug, "json"),
                            "application/json", key=f"{key}_json", on_click="ignore", width="stretch")


SCHEMA_DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"


@st.cache_data(show_spinner=False)
def schema_markdown() -> str:
    """The data dictionary, docs/schema.md (generated from etl/schema.py)."""
    try:
        return SCHEMA_DOC.read_text(encoding="utf-8")
    except OSError:
        return "The data dictionary (docs/schema.md) is not available here."


# ------------------------------------------------------------------------------------------- countries and commitments

COUNTRY_PAGE = "pages/6_Country.py"


def country_link(iso3: str, name: str | None = None) -> str:
    """Markdown: the country's name linking to its Country page (with the country chosen in the URL)."""
    names = load(queries.labels)[1]  # focus countries (no scan of the records)
    label = name or names.get(iso3, iso3)
    if iso3 not in names:
        return md(label)
    return f"[{md(label)}](Country?country={link(iso3)})"


def country_links(codes) -> str:
    """'KAZ, UZB' -> 'Kazakhstan, Uzbekistan' in Markdown, each linking to its Country page."""
    if not isinstance(codes, str) or not codes:
        return ""
    return ", ".join(country_link(code.strip()) for code in codes.split(",") if code.strip())


def adopt_url_country() -> None:
    """Arriving from a country link (?country=KAZ), make that the chosen country before the filters are drawn."""
    wanted = st.query_params.get("country")
    state = st.session_state
    if not wanted or "," in wanted or STATE not in state or state.get("country_url_seen") == wanted:
        return  # no link followed: a URL the filters have not rewritten yet is not a new choice
    state["country_url_seen"] = wanted
    try:
        names = load(queries.labels)[1]  # focus countries (no scan of the records)
    except store.DatabaseUnavailable:
        return
    code = wanted.strip().upper()
    if code in names and state[STATE].countries != (code,):
        state[STATE] = replace(state[STATE], countries=(code,))


def commitment_chains(record_type: str, record_id: str) -> None:
    """The commitment chains a record is a stage of, each as its stages in order with the source of every link."""
    stages = load(queries.chain_stages, record_type, record_id)
    for chain in commitments.chains(stages):
        st.markdown(f"**{md(chain['process_label'].split(':')[0])}:** {md(chain['title'])}")
        st.markdown("  \n".join(chain_line(s, s.record_type == record_type and s.record_id == record_id)
                                 for s in chain["stages"].itertuples()))


def chain_line(stage, current: bool = False) -> str:
    """One stage as Markdown: '① Nominated · 2022-01 · <record> · link source (publisher)'."""
    mark = "▶ " if current else ""
    return (f"{mark}{stage.position}. **{md(stage.stage_label)}** · {md(readable_date(stage.date))} · {md(stage.record_title)} · "
            f"[source]({link(stage.source_url)}) ({md(stage.publisher)})")


def briefing_downloads(filters: Filters, options: Options, on: str | None = None, key: str = "briefing") -> None:
    """'Download briefing' as Word and PDF for the filters, built only when clicked."""
    from . import briefing

    on = on or dt.date.today().isoformat()
    text_rids = load(queries.text_rids, filters.text) if filters.text else None
    index = cube()

    def document(fmt: str):
        return lambda: fetch(briefing.build, index, filters, options, fmt, on, text_rids)

    st.markdown("**Download briefing**")
    cols = st.columns(2)
    for col, fmt, label in zip(cols, ("docx", "pdf"), ("⬇ Word", "⬇ PDF")):
        col.download_button(label, document(fmt), briefing.file_name(filters, fmt), briefing.FORMATS[fmt], key=f"{key}_{fmt}",
                            on_click="ignore", width="stretch", help="The briefing for these filters: numbers, people in "
                            "office, open commitments, latest meetings, lists, charts and every source")


def one_country(options: Options, filters: Filters) -> Filters:
    """A selector of one country, kept in the shared filters (and so in the URL); returns the filters with it."""
    state = st.session_state
    codes = list(options.countries)
    if len(filters.countries) != 1:
        chosen_code = filters.countries[0] if filters.countries else codes[0]
        state[STATE] = replace(filters, countries=(chosen_code,))
        several = [f"This page shows one country at a time: showing {options.countries[chosen_code]}, the first of "
                   f"the {len(filters.countries)} chosen."] if filters.countries else []
        state[NOTICES] = state.get(SHOWN, []) + several  # the rerun would drop the notices shown on this run
        st.rerun()  # the sidebar drew the filters before: draw them again with the one country
    state["country_choice"] = filters.countries[0]

    def chosen() -> None:
        state[STATE] = replace(state[STATE], countries=(state["country_choice"],))

    st.selectbox("Country", codes, format_func=lambda c: options.countries[c], key="country_choice", on_change=chosen)
    return filters
