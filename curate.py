"""The curators' review screen (`make curate`): press releases in, confirmed and sourced records out.

The only part of the product that writes, and only to data/ (through etl.review and etl.ingest, the library the
`python -m etl review` commands use): upload releases, go through the facts extracted from them — newest release
first, the most confident first — and accept each (after editing it), merge it into the curated record it
repeats, or reject it with a reason. Every decision is validated by the build's own reader before it is written,
then the database is rebuilt; the public app shows it on its next rerun. Served on loopback; anywhere else it
asks for the secret in $COOPERATION_CURATE_SECRET before showing anything.
"""

from __future__ import annotations

import hmac
import os
import re
import tempfile
from pathlib import Path

import streamlit as st

from dashboard.ui import md
from dashboard.vocab import MEETING_KINDS, PARTNERSHIP_KINDS, PUBLISHER_KINDS, REGISTER_LABELS
from etl import default_db_path
from etl.articles import MAX_BYTES, SUFFIXES
from etl.ingest import ingest, releases_dir
from etl.records import COORD_PRECISIONS, PLACE_KINDS, REGISTERS, STATUSES, SUPPORTS
from etl.review import ReviewError, REVIEWER_ENV, TABLE_OF, Fact
from etl import review

SECRET_ENV = "COOPERATION_CURATE_SECRET"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
DATA = Path(os.environ.get("COOPERATION_DATA") or "data")
DB = default_db_path()
RELEASES = releases_dir(DATA)
TYPE_LABELS = {"meeting": "Meeting", "partnership": "Partnership", "person": "New person", "place": "New place"}
PRECISIONS = {"day": 10, "month": 7, "year": 4}

st.set_page_config(page_title="Review press releases · Central Asia – UNESCO", layout="wide")


# ------------------------------------------------------------------------------------------- the gate


def gate() -> None:
    """On loopback the screen is open to this machine's user; anywhere else it needs the secret first."""
    address = (st.get_option("server.address") or "").strip()
    if address in LOOPBACK:
        return
    secret = os.environ.get(SECRET_ENV, "")
    if not secret:
        st.error(f"This review screen listens on {address or 'every interface'}, so it needs a secret: set {SECRET_ENV} "
                 "and restart it (or serve it on 127.0.0.1).")
        st.stop()
    if st.session_state.get("unlocked"):
        return
    given = st.text_input("Secret", type="password", help=f"The value of {SECRET_ENV} on the server")
    if given and hmac.compare_digest(given.encode(), secret.encode()):
        st.session_state["unlocked"] = True
        st.rerun()
    if given:
        st.error("That is not the secret.")
    st.stop()


# ------------------------------------------------------------------------------------------- decisions


def decide(action, *args, about: str | None = None, **kwargs) -> None:
    """Run a decision; keep its outcome (or its refusal, for the fact it was about) and rerun so the queue is fresh."""
    try:
        outcome = action(*args, **kwargs)
    except ReviewError as exc:
        st.session_state["refused"] = (about, str(exc))
        st.session_state.pop("done", None)
        st.rerun()
    st.session_state.pop("refused", None)
    st.session_state["done"] = outcome.summary()
    st.rerun()


def outcome_messages(fact: Fact | None = None) -> None:
    if st.session_state.get("done"):
        st.success(md(st.session_state["done"]), icon=":material/check_circle:")
    about, refused = st.session_state.get("refused") or (None, None)
    if refused and about == (fact.id if fact else None):
        st.error("Not written: " + md(refused), icon=":material/block:")
        if fact is not None and "publishers.yaml" in refused and fact.release_url:
            publisher_form(fact)


def publisher_form(fact: Fact) -> None:
    """The deliberate step for a release on a host the registry does not know yet."""
    host = review.host_of(fact.release_url)
    with st.expander(f"Add the publisher of {host} to publishers.yaml", expanded=True):
        st.caption("Only for a body that publishes facts itself (UNESCO, a government, an intergovernmental body, a news "
                   "agency, an established newspaper) — never a copy, a mirror or an aggregator. The addition is logged "
                   "with your name.")
        with st.form(f"publisher:{fact.id}"):
            name = st.text_input("Publisher, as people cite it", key=f"{fact.id}:pub_name")
            kind = st.selectbox("Kind", ["government", "news_agency", "news", "unesco", "intergovernmental"],
                                format_func=lambda k: PUBLISHER_KINDS.get(k, k), key=f"{fact.id}:pub_kind")
            if st.form_submit_button("Add publisher"):
                decide(review.add_publisher, DATA, DB, host, name, kind, reviewer=reviewer(), release=fact.release,
                       releases=RELEASES, about=fact.id)


def reviewer() -> str | None:
    return st.session_state.get("reviewer") or None


# ------------------------------------------------------------------------------------------- the fact panel


def highlighted(text: str, spans: list[tuple[int, int]]) -> str:
    """Markdown of the release, every character escaped, with the fact's evidence in bold on a highlighted background."""
    out, position = [], 0
    for start, end in spans:
        if start < position:
            continue
        out += [md(text[position:start]), ":orange-background[**" + md(text[start:end]) + "**]"]
        position = end
    return "".join(out + [md(text[position:])])


def date_input(fact: Fact, key: str, label: str = "Date") -> str:
    cols = st.columns([2, 1])
    value = cols[0].text_input(label, fact.date or "", key=f"{fact.id}:{key}", help="YYYY-MM-DD, YYYY-MM or YYYY: "
                               "only as precise as the release")
    options = list(PRECISIONS)
    precision = cols[1].selectbox("Precision", options, index=options.index(fact.precision or "day")
                                  if (fact.precision or "day") in options else 0, key=f"{fact.id}:{key}_precision")
    return value.strip()[: PRECISIONS[precision]]


def place_input(fact: Fact, choices: dict[str, str]) -> str | None:
    current = fact.values.get("place") if fact.values.get("place") in choices else None
    keys = [""] + list(choices)
    if fact.values.get("place") and current is None:
        st.caption(f"The release names a place that is not in the registry yet ({md(fact.values['place'])}): accept it "
                   "from the queue first, or choose one here.")
    chosen = st.selectbox("Place", keys, index=keys.index(current) if current else 0, key=f"{fact.id}:place",
                          format_func=lambda k: choices.get(k, "— unknown —"))
    return chosen or None


def multi(fact: Fact, label: str, key: str, choices: dict[str, str], default: list[str]) -> list[str]:
    return st.multiselect(label, list(choices), default=[d for d in default if d in choices], key=f"{fact.id}:{key}",
                          format_func=lambda k: choices.get(k, k))


def summary_input(fact: Fact) -> str:
    return st.text_area("Summary, in your own words", key=f"{fact.id}:summary", height=90,
                        placeholder="What happened, in one or two sentences of your own; the release's sentences may not "
                                    "be copied.")


def accept_form(fact: Fact, choices: dict[str, dict[str, str]]) -> None:
    draft = review.draft(fact)
    with st.form(f"accept:{fact.id}"):
        edits: dict = {}
        if fact.type == "meeting":
            edits["title"] = st.text_input("Title", draft["title"], key=f"{fact.id}:title")
            edits["date"] = date_input(fact, "date")
            kinds = list(MEETING_KINDS)
            edits["kind"] = st.selectbox("Kind", kinds, index=kinds.index(draft["kind"]) if draft["kind"] in kinds else 0,
                                         format_func=MEETING_KINDS.get, key=f"{fact.id}:kind")
            people = choices["people"]
            known = [p["person"] for p in draft["participants"] if p["person"] in people]
            chosen = multi(fact, "Participants (from the people registry, with the role held on the date)", "participants",
                           people, known)
            new = [p for p in fact.values.get("participants", []) if p["person"].startswith("x-")]
            added = []
            for p in new:
                if st.checkbox(f"Add {p['name']} as a new person ({p['role'] or 'role not stated'})", key=f"{fact.id}:new:{p['person']}"):
                    added.append(p)
            roles = {p["person"]: p["role"] for p in draft["participants"]}
            edits["participants"] = [{"person": p, "role": roles.get(p)} for p in chosen]
            edits["place"] = place_input(fact, choices["places"])
            edits["countries"] = multi(fact, "Countries", "countries", choices["countries"], draft["countries"])
            edits["themes"] = multi(fact, "Themes", "themes", choices["themes"], draft["themes"])
        elif fact.type == "partnership":
            added = []
            edits["name"] = st.text_input("Name", draft["name"], key=f"{fact.id}:name")
            kinds = list(PARTNERSHIP_KINDS)
            edits["kind"] = st.selectbox("Kind", kinds, index=kinds.index(draft["kind"]) if draft["kind"] in kinds else 0,
                                         format_func=PARTNERSHIP_KINDS.get, key=f"{fact.id}:kind")
            edits["start"] = date_input(fact, "start", "Start (signature, inscription …)")
            edits["status"] = st.selectbox("Status", list(STATUSES), index=list(STATUSES).index("unknown"), key=f"{fact.id}:status")
            edits["place"] = place_input(fact, choices["places"])
            edits["countries"] = multi(fact, "Countries", "countries", choices["countries"], draft["countries"])
            edits["themes"] = multi(fact, "Themes", "themes", choices["themes"], draft["themes"])
            register = st.selectbox("Register (optional)", [""] + list(REGISTERS), key=f"{fact.id}:register",
                                    format_func=lambda k: REGISTER_LABELS.get(k, k) if k else "— none —")
            edits["register"] = register or None
            edits["entry"] = st.text_input("Entry in the register (optional)", key=f"{fact.id}:entry").strip() or None
        elif fact.type == "person":
            added = []
            edits["name"] = st.text_input("Name (usual English spelling)", draft["name"], key=f"{fact.id}:name")
            edits["id"] = st.text_input("Id", draft["id"], key=f"{fact.id}:id")
            aliases = st.text_input("Other spellings (comma-separated)", ", ".join(draft["aliases"]), key=f"{fact.id}:aliases")
            edits["aliases"] = [a.strip() for a in aliases.split(",") if a.strip()]
            role = st.text_input("Role, as the release gives it", fact.values.get("role") or "", key=f"{fact.id}:role")
            organisation = st.text_input("Organisation", key=f"{fact.id}:organisation")
            countries = [""] + list(choices["countries"])
            default_country = fact.values.get("country") if fact.values.get("country") in choices["countries"] else ""
            country = st.selectbox("Country of the role", countries, index=countries.index(default_country),
                                   format_func=lambda k: choices["countries"].get(k, "— none (international) —"),
                                   key=f"{fact.id}:country")
            edits["roles"] = [{"role": role.strip(), "organisation": organisation.strip() or None, "country": country or None,
                               "start": None, "end": None, "source_url": fact.release_url}] if role.strip() else []
        else:
            added = []
            edits["name"] = st.text_input("Name", draft["name"], key=f"{fact.id}:name")
            edits["id"] = st.text_input("Id", draft["id"], key=f"{fact.id}:id")
            kinds = list(PLACE_KINDS)
            edits["kind"] = st.selectbox("Kind", kinds, index=kinds.index(draft["kind"]) if draft["kind"] in kinds else 0,
                                         key=f"{fact.id}:kind")
            edits["countries"] = multi(fact, "Countries", "countries", choices["countries"], draft["countries"])
            cols = st.columns(3)
            lat = cols[0].text_input("Latitude", "" if draft["lat"] is None else str(draft["lat"]), key=f"{fact.id}:lat")
            lon = cols[1].text_input("Longitude", "" if draft["lon"] is None else str(draft["lon"]), key=f"{fact.id}:lon")
            precisions = [""] + list(COORD_PRECISIONS)
            precision = cols[2].selectbox("Coordinates are", precisions, index=precisions.index(draft["coord_precision"] or ""),
                                          key=f"{fact.id}:coord_precision")
            edits.update({"lat": lat.strip() or None, "lon": lon.strip() or None, "coord_precision": precision or None})
        summary = summary_input(fact) if fact.type in ("meeting", "partnership") else None
        if fact.type in ("meeting", "partnership"):
            edits["note"] = st.text_input("Note (optional): what the release does not say, disagreements", key=f"{fact.id}:note"
                                          ).strip() or None
        st.caption(f"Will be written to data/{md(review.target_file({**draft, **edits}, fact.type, DATA, fact.values.get('country')).as_posix())} with "
                   f"source {md(fact.release_url or '(none)')}, after the build's own checks.")
        if st.form_submit_button("Accept", type="primary"):
            accept_with_new_people(fact, edits, summary, added)


def accept_with_new_people(fact: Fact, edits: dict, summary: str | None, added: list[dict]) -> None:
    """New participants first (each a person record of its own), then the meeting that names them."""
    for person in added:
        try:
            outcome = review.accept(DATA, DB, person["person"], reviewer=reviewer(), releases=RELEASES, rebuild=False)
        except ReviewError as exc:
            st.session_state["refused"] = (fact.id, f"{person['name']}: {exc}")
            st.rerun()
        edits["participants"] = edits["participants"] + [{"person": outcome.record, "role": person["role"]}]
    decide(review.accept, DATA, DB, fact.id, edits, summary, reviewer(), RELEASES, about=fact.id)


def merge_form(fact: Fact) -> None:
    if fact.type == "place":
        st.info("A new place is accepted or rejected; when accepting a meeting, choose the registered place instead.")
        return
    candidates = {c["id"]: c for c in fact.duplicates}
    if not candidates:
        st.info("There is no curated record of this kind to merge into.")
        return

    def label(key: str) -> str:
        c = candidates[key]
        return ("★ likely · " if c["likely"] else "") + f"{c['title']} · {c['date'] or ''} · {key}"

    with st.form(f"merge:{fact.id}"):
        into = st.selectbox("Merge into … (likely duplicates first; type to search)", list(candidates), format_func=label,
                            key=f"{fact.id}:into")
        supports = None
        if fact.type != "person":
            table = TABLE_OF[fact.type]
            supports = st.multiselect("What the release states of that record", list(SUPPORTS[table]),
                                      default=["date", "participants"] if fact.type == "meeting" else ["name", "kind"],
                                      key=f"{fact.id}:supports")
            st.caption("The release becomes a further source of the record (`sources:` with what it supports).")
        else:
            st.caption("The spelling in the release becomes an alias of that person.")
        if st.form_submit_button("Merge"):
            decide(review.merge, DATA, DB, fact.id, into, supports or None, reviewer(), RELEASES, about=fact.id)


def reject_form(fact: Fact) -> None:
    with st.form(f"reject:{fact.id}"):
        reason = st.text_area("Why is it rejected?", key=f"{fact.id}:reason", height=80,
                              placeholder="e.g. not a partnership: the name of a speech; the release misdates it")
        if st.form_submit_button("Reject"):
            decide(review.reject, DATA, DB, fact.id, reason, reviewer(), RELEASES, about=fact.id)


def fact_panel(fact: Fact) -> None:
    st.subheader(f"{TYPE_LABELS[fact.type]}: {md(fact.title)}")
    likely = f" · probably duplicates **{md(fact.duplicate)}**" if fact.duplicate else ""
    st.markdown(f"From **{md(fact.release_title)}** ({md(fact.release_published)}) · confidence {fact.confidence:.2f}{likely}")
    if fact.release_url:
        st.caption(f"Permanent link: {md(fact.release_url)} · fact {md(fact.id)}")
    document = review.release_text(DB, fact.release)
    if document:
        with st.container(height=320, border=True):
            st.markdown(highlighted(document["text"], fact.spans))
    if fact.evidence:
        st.caption("Evidence: " + md(fact.evidence))
    outcome_messages(fact)
    accept_tab, merge_tab, reject_tab = st.tabs(["Accept (edit first)", "Merge into…", "Reject"])
    choices = review.registry(DB, fact.date)
    with accept_tab:
        accept_form(fact, choices)
    with merge_tab:
        merge_form(fact)
    with reject_tab:
        reject_form(fact)


# ------------------------------------------------------------------------------------------- upload


def upload_section() -> None:
    st.markdown(f"One or several press releases as `.txt`, `.md` or `.html` (at most {MAX_BYTES // 1024 // 1024} MB each), "
                "in the usual layout: title, date line, body, `Permanent link: URL`. They are kept in the releases folder "
                f"({md(RELEASES)}), then the database is rebuilt.")
    ingest_messages()
    files = st.file_uploader("Press releases", type=[s.lstrip(".") for s in SUFFIXES], accept_multiple_files=True,
                             key="uploads")
    if st.button("Ingest the uploaded releases", disabled=not files):
        with tempfile.TemporaryDirectory() as folder:
            paths, names, refused = [], [], []
            for n, upload in enumerate(files):
                name = Path(upload.name).name[:200]
                if upload.size > MAX_BYTES:
                    refused.append(f"{name}: the file is {upload.size // 1024} KB; press releases over "
                                   f"{MAX_BYTES // 1024} KB are refused")
                    continue
                safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name) or "release.txt"
                path = Path(folder) / f"{n:03d}-{safe}"
                path.write_bytes(upload.getvalue())
                paths.append(path)
                names.append(name)
            report_ingest(paths, names, refused)
    with st.expander("…or paste a release"):
        with st.form("paste"):
            title = st.text_input("Title")
            published = st.text_input("Publication date", placeholder="2024-06-10")
            url = st.text_input("Permanent link", placeholder="https://…")
            body = st.text_area("Text", height=200)
            if st.form_submit_button("Ingest the pasted release"):
                text = "\n\n".join([title.strip(), published.strip(), body.strip()] + ([f"Permanent link: {url.strip()}"]
                                                                                         if url.strip() else [])) + "\n"
                with tempfile.TemporaryDirectory() as folder:
                    name = f"pasted-{re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')[:60] or 'release'}.txt"
                    path = Path(folder) / name
                    path.write_text(text, encoding="utf-8")
                    report_ingest([path], [name], [])


def report_ingest(paths: list[Path], names: list[str], refused: list[str]) -> None:
    """Ingest, and keep what happened to each file for the next run (the queue is refreshed by a rerun)."""
    try:
        report = ingest(paths, DATA, DB, releases=RELEASES, names=names) if paths else None
    except ReviewError as exc:
        st.session_state["ingested"] = [("error", str(exc))]
        st.rerun()
    messages = [("error", "Refused, nothing stored: " + problem) for problem in refused + (report.refused if report else [])]
    if report and report.unchanged:
        messages.append(("info", "Already ingested, nothing changed: " + ", ".join(report.unchanged)))
    if report and (report.added or report.replaced):
        messages.insert(0, ("success", f"{len(report.added)} new and {len(report.replaced)} replaced release(s): "
                                       f"{report.meetings} meeting(s) and {report.partnerships} partnership(s) extracted, "
                                       f"{report.confirmations} fact(s) matched curated records. See the queue."))
    st.session_state["ingested"] = messages
    st.rerun()


def ingest_messages() -> None:
    for level, text in st.session_state.get("ingested", []):
        getattr(st, level)(md(text))


# ------------------------------------------------------------------------------------------- the screen


gate()
st.title("Review press releases")
st.caption("Facts found in press releases wait here until a person accepts, merges or rejects them. Decisions are written "
           "into data/ as ordinary curated records (or to the review log) and the public dashboard shows them on its next "
           "rerun.")
with st.sidebar:
    st.text_input("Reviewer (recorded with each decision)", value=os.environ.get(REVIEWER_ENV, ""), key="reviewer")
    st.caption(f"Data: {md(DATA)} · database: {md(DB)}")

queue_tab, upload_tab, log_tab = st.tabs(["Queue", "Upload releases", "Decisions"])
with upload_tab:
    upload_section()
with queue_tab:
    try:
        facts = review.pending(DB, DATA)
    except ReviewError as exc:
        st.warning(md(exc))
        st.stop()
    releases = {f.release for f in facts}
    counts = {t: sum(f.type == t for f in facts) for t in TYPE_LABELS}
    if not facts:
        outcome_messages()
        st.info("No facts are waiting for a decision. Upload releases in the next tab.", icon=":material/inbox:")
    else:
        st.markdown(f"**{len(facts)} fact(s) waiting** from {len(releases)} release(s): "
                    + ", ".join(f"{n} {TYPE_LABELS[t].lower()}(s)" for t, n in counts.items() if n))
        left, right = st.columns([2, 5])
        by_id = {f.id: f for f in facts}
        if st.session_state.get("fact") not in by_id:
            st.session_state.pop("fact", None)
        with left:
            chosen = st.radio("Pending facts, newest release first", list(by_id), key="fact",
                              format_func=lambda k: f"{by_id[k].release_published or ''} · {TYPE_LABELS[by_id[k].type]} · "
                                                    f"{by_id[k].title[:70]} · {by_id[k].confidence:.2f}")
        with right:
            fact_panel(by_id[chosen])
with log_tab:
    decisions = review.history(DATA)
    if decisions:
        st.dataframe(decisions, hide_index=True, width="stretch",
                     column_config={"decided_at": "When (UTC)", "reviewer": "Who", "decision": "Decision", "fact": "Fact",
                                    "title": "What", "record": "Record", "file": "File", "reason": "Reason"})
    else:
        st.info("No decisions yet.")
