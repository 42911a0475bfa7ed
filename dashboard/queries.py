"""Every SQL statement the app runs. Named parameters only; each function returns a DataFrame or plain values.

A `Filters` becomes a WHERE clause over the derived `records` table (alias `r`) by `filter_clause`:
the clause is assembled from the constant fragments below, and every value travels as a named
parameter (lists as JSON, expanded by `json_each`). Aggregation happens in SQLite.
"""

from __future__ import annotations

import json
import re
import sqlite3

import pandas as pd

from .filters import Filters, Options
from .vocab import PLACE_KINDS, TYPE_KINDS, kind_label

# ------------------------------------------------------------------------------------------- filters

YEAR_FRAGMENT = "r.date >= :date_from AND r.date < :date_to"
THEME_FRAGMENT = ("r.rid IN (SELECT rid FROM record_themes WHERE theme_id IN (SELECT value FROM json_each(:themes))"
                  " AND date >= :date_from AND date < :date_to)")
COUNTRY_FRAGMENT = ("r.rid IN (SELECT rid FROM record_countries WHERE country_iso3 IN (SELECT value FROM json_each(:countries))"
                    " AND date >= :date_from AND date < :date_to)")
KIND_FRAGMENT = ("(r.record_type IN (SELECT value FROM json_each(:kinds))"
                 " OR r.kind IN (SELECT value FROM json_each(:kinds)))")
TEXT_FRAGMENT = "r.rid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH :match)"
CURATED_FRAGMENT = "r.origin <> 'extracted'"


def fts_query(text: str) -> str:
    """User text -> a safe FTS5 query: each word quoted, prefix-matched, all required ('glacier centre' -> '"glacier"* "centre"*')."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)[:12]
    return " ".join(f'"{w}"*' for w in words)


def filter_clause(f: Filters) -> tuple[str, dict]:
    """The WHERE clause of a Filters over `records r`, and its named parameters."""
    clauses = [YEAR_FRAGMENT]
    params: dict = {"date_from": f.date_from, "date_to": f.date_to}
    if f.themes:
        clauses.append(THEME_FRAGMENT)
        params["themes"] = json.dumps(list(f.themes))
    if f.countries:
        clauses.append(COUNTRY_FRAGMENT)
        params["countries"] = json.dumps(list(f.countries))
    if f.kinds:
        clauses.append(KIND_FRAGMENT)
        params["kinds"] = json.dumps(list(f.kinds))
    match = fts_query(f.text)
    if match:
        clauses.append(TEXT_FRAGMENT)
        params["match"] = match
    elif f.text:
        clauses.append("0")  # text with no searchable word matches nothing
    if not f.extracted:
        clauses.append(CURATED_FRAGMENT)
    return " AND ".join(clauses), params


def _frame(conn: sqlite3.Connection, sql: str, params: dict | None = None) -> pd.DataFrame:
    return pd.read_sql_query(sql, conn, params=params or {})


def _filtered(conn: sqlite3.Connection, template: str, f: Filters, **extra) -> pd.DataFrame:
    """Run a statement whose WHERE clause is the marker /*FILTER*/ (a constant placeholder, replaced by constant fragments)."""
    where, params = filter_clause(f)
    return _frame(conn, template.replace("/*FILTER*/", where), {**params, **extra})


# ------------------------------------------------------------------------------------------- options


def options(conn: sqlite3.Connection) -> Options:
    """The values the filters may take, from the database itself."""
    years = conn.execute("SELECT min(year), max(year) FROM records").fetchone()
    themes = dict(conn.execute("SELECT id, label FROM themes ORDER BY label").fetchall())
    countries = dict(conn.execute("SELECT iso3, name FROM countries WHERE focus = 1 ORDER BY name").fetchall())
    kinds: dict[str, str] = {}
    present = conn.execute("SELECT DISTINCT record_type, kind FROM records ORDER BY record_type, kind").fetchall()
    for record_type in sorted({t for t, _ in present}):
        kinds[record_type] = TYPE_KINDS.get(record_type, record_type)
    for record_type, kind in present:
        kinds.setdefault(kind, kind_label(kind, None if kind == "other" else record_type))
    extracted = conn.execute("SELECT count(*) FROM records WHERE origin = 'extracted'").fetchone()[0]
    return Options(years[0], years[1], themes, countries, kinds, extracted)


def theme_colours(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT id, colour FROM themes").fetchall())


def theme_table(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, "SELECT id, label, sector, sdg, colour, source_url FROM themes ORDER BY label")


# ------------------------------------------------------------------------------------------- overview

HEADLINE_SQL = """
SELECT count(*) FILTER (WHERE r.record_type = 'meeting') AS meetings,
       count(*) FILTER (WHERE r.record_type = 'partnership') AS partnerships,
       min(r.year) AS first_year, max(r.year) AS last_year,
       (SELECT count(DISTINCT rc.country_iso3) FROM record_countries rc
         WHERE rc.rid IN (SELECT r.rid FROM records r WHERE /*FILTER*/)
           AND (:any_country = 0 OR rc.country_iso3 IN (SELECT value FROM json_each(:countries)))) AS countries
FROM records r WHERE /*FILTER*/
"""

SITES_SQL = """
SELECT count(*) AS sites FROM places p
WHERE p.kind IN ('world_heritage_site', 'biosphere_reserve', 'geopark')
  AND (p.year IS NULL OR p.year < :year_to_excl)
  AND (:any_country = 0 OR p.id IN (SELECT place_id FROM place_countries WHERE country_iso3 IN (SELECT value FROM json_each(:countries))))
"""


def headline(conn: sqlite3.Connection, f: Filters) -> dict:
    """Headline numbers of the filtered set."""
    params = _place_params(f)
    row = _filtered(conn, HEADLINE_SQL, f, any_country=params["any_country"], countries=params["countries"]).iloc[0].to_dict()
    sites = _frame(conn, SITES_SQL, params).iloc[0]["sites"]
    return {**row, "sites": int(sites)}


def _place_params(f: Filters) -> dict:
    return {"year_to_excl": int(f.date_to) if f.year_to is not None else 9999,
            "any_country": 1 if f.countries else 0, "countries": json.dumps(list(f.countries))}


LATEST_SQL = """
SELECT r.date, r.date_precision, r.title, r.countries, r.themes, r.source_url, r.id
FROM records r WHERE /*FILTER*/ AND r.record_type = 'meeting'
ORDER BY r.date DESC, r.id LIMIT :limit
"""


def latest_meetings(conn: sqlite3.Connection, f: Filters, limit: int = 8) -> pd.DataFrame:
    return _filtered(conn, LATEST_SQL, f, limit=limit)


MILESTONES_SQL = """
SELECT c.iso3 AS country, c.name, c.unesco_member_since AS date, c.member_since_precision AS date_precision,
       'Joins UNESCO' AS title, 'membership' AS kind, c.source_url
FROM countries c WHERE c.focus = 1 AND c.unesco_member_since IS NOT NULL
  AND (:any_country = 0 OR c.iso3 IN (SELECT value FROM json_each(:countries)))
UNION ALL
SELECT rc.country_iso3, c.name, r.date, r.date_precision, r.title, r.kind, r.source_url
FROM records r JOIN record_countries rc ON rc.rid = r.rid JOIN countries c ON c.iso3 = rc.country_iso3
WHERE /*FILTER*/ AND r.kind IN ('world_heritage_inscription', 'category_2_centre', 'intangible_heritage_inscription')
  AND c.focus = 1 AND (:any_country = 0 OR rc.country_iso3 IN (SELECT value FROM json_each(:countries)))
ORDER BY 3
"""


def milestones(conn: sqlite3.Connection, f: Filters) -> pd.DataFrame:
    """UNESCO membership of each country, and its inscriptions and centres (for the compact overview timeline)."""
    return _filtered(conn, MILESTONES_SQL, f, any_country=1 if f.countries else 0, countries=json.dumps(list(f.countries)))


# ------------------------------------------------------------------------------------------- timeline

TIMELINE_SQL = """
SELECT r.rid, r.record_type, r.id, r.date, r.date_precision, r.year, r.title, r.kind, r.countries, r.themes,
       r.origin, r.source_url, l.lane
FROM records r JOIN (
    SELECT rid, theme_id AS lane FROM record_themes WHERE :by = 'theme'
    UNION ALL
    SELECT rid, country_iso3 FROM record_countries WHERE :by = 'country'
) l ON l.rid = r.rid
WHERE /*FILTER*/
  AND (:by <> 'theme' OR :any_theme = 0 OR l.lane IN (SELECT value FROM json_each(:themes)))
  AND (:by <> 'country' OR :any_country = 0 OR l.lane IN (SELECT value FROM json_each(:countries)))
  AND r.rid IN (SELECT r.rid FROM records r WHERE /*FILTER*/ ORDER BY r.date DESC LIMIT :limit)
ORDER BY r.date, r.rid
"""


def timeline_points(conn: sqlite3.Connection, f: Filters, by: str = "theme", limit: int = 3000) -> pd.DataFrame:
    """One row per record and lane (theme or country), for the most recent `limit` filtered records."""
    if by not in ("theme", "country"):
        raise ValueError("by must be 'theme' or 'country'")
    return _filtered(conn, TIMELINE_SQL, f, by=by, limit=limit, any_theme=1 if f.themes else 0,
                     any_country=1 if f.countries else 0, themes=json.dumps(list(f.themes)),
                     countries=json.dumps(list(f.countries)))


PER_YEAR_SQL = """
SELECT r.year, r.record_type, count(*) AS records FROM records r WHERE /*FILTER*/
GROUP BY r.year, r.record_type ORDER BY r.year
"""


def per_year(conn: sqlite3.Connection, f: Filters) -> pd.DataFrame:
    return _filtered(conn, PER_YEAR_SQL, f)


COUNT_SQL = "SELECT count(*) AS n FROM records r WHERE /*FILTER*/"


def record_count(conn: sqlite3.Connection, f: Filters) -> int:
    return int(_filtered(conn, COUNT_SQL, f).iloc[0]["n"])


# ------------------------------------------------------------------------------------------- details

RECORD_SQL = """
SELECT r.record_type, r.id, r.date, r.date_precision, r.title, r.kind, r.countries, r.themes, r.summary,
       r.source_url, r.origin, r.flags, pl.name AS place, pl.id AS place_id,
       coalesce(m.note, p.note) AS note, p.status, p.end_date
FROM records r
LEFT JOIN places pl ON pl.id = r.place_id
LEFT JOIN meetings m ON r.record_type = 'meeting' AND m.id = r.id
LEFT JOIN partnerships p ON r.record_type = 'partnership' AND p.id = r.id
WHERE r.record_type = :record_type AND r.id = :id
"""
PARTICIPANTS_SQL = """
SELECT pe.name, mp.role, pe.id AS person_id FROM meeting_participants mp JOIN people pe ON pe.id = mp.person_id
WHERE mp.meeting_id = :id ORDER BY pe.name
"""
LINKED_SQL = """
SELECT 'partnership' AS record_type, p.id, p.date, p.name AS title, p.kind, p.source_url
FROM partnership_meetings pm JOIN partnerships p ON p.id = pm.partnership_id
WHERE :record_type = 'meeting' AND pm.meeting_id = :id
UNION ALL
SELECT 'meeting', m.id, m.date, m.title, m.kind, m.source_url
FROM partnership_meetings pm JOIN meetings m ON m.id = pm.meeting_id
WHERE :record_type = 'partnership' AND pm.partnership_id = :id
ORDER BY 3
"""


def record_detail(conn: sqlite3.Connection, record_type: str, record_id: str) -> dict | None:
    """One record with its participants and the records linked to it."""
    params = {"record_type": record_type, "id": record_id}
    frame = _frame(conn, RECORD_SQL, params)
    if frame.empty:
        return None
    detail = frame.iloc[0].to_dict()
    detail["participants"] = _frame(conn, PARTICIPANTS_SQL, params) if record_type == "meeting" else pd.DataFrame()
    detail["linked"] = _frame(conn, LINKED_SQL, params)
    return detail


# ------------------------------------------------------------------------------------------- themes

THEME_COUNTS_SQL = """
SELECT rt.theme_id, t.label, t.colour, count(*) AS records
FROM record_themes rt JOIN themes t ON t.id = rt.theme_id
WHERE rt.rid IN (SELECT r.rid FROM records r WHERE /*FILTER*/)
  AND (:any_theme = 0 OR rt.theme_id IN (SELECT value FROM json_each(:themes)))
GROUP BY rt.theme_id ORDER BY records DESC, t.label
"""
THEME_YEAR_SQL = """
SELECT rt.theme_id, t.label, substr(rt.date, 1, 4) + 0 AS year, count(*) AS records
FROM record_themes rt JOIN themes t ON t.id = rt.theme_id
WHERE rt.rid IN (SELECT r.rid FROM records r WHERE /*FILTER*/)
  AND (:any_theme = 0 OR rt.theme_id IN (SELECT value FROM json_each(:themes)))
GROUP BY rt.theme_id, year ORDER BY t.label, year
"""
THEME_COUNTRY_SQL = """
SELECT rt.theme_id, t.label, rc.country_iso3, c.name AS country, count(*) AS records
FROM record_themes rt
JOIN record_countries rc ON rc.rid = rt.rid
JOIN themes t ON t.id = rt.theme_id JOIN countries c ON c.iso3 = rc.country_iso3 AND c.focus = 1
WHERE rt.rid IN (SELECT r.rid FROM records r WHERE /*FILTER*/)
  AND (:any_theme = 0 OR rt.theme_id IN (SELECT value FROM json_each(:themes)))
  AND (:any_country = 0 OR rc.country_iso3 IN (SELECT value FROM json_each(:countries)))
GROUP BY rt.theme_id, rc.country_iso3 ORDER BY t.label, c.name
"""
THEME_PAIRS_SQL = """
SELECT a.theme_id AS theme_a, b.theme_id AS theme_b, count(*) AS records
FROM record_themes a JOIN record_themes b ON b.rid = a.rid AND b.theme_id <> a.theme_id
WHERE a.rid IN (SELECT r.rid FROM records r WHERE /*FILTER*/)
GROUP BY a.theme_id, b.theme_id
"""


def _theme_params(f: Filters) -> dict:
    return {"any_theme": 1 if f.themes else 0, "themes": json.dumps(list(f.themes)),
            "any_country": 1 if f.countries else 0, "countries": json.dumps(list(f.countries))}


def theme_counts(conn: sqlite3.Connection, f: Filters) -> pd.DataFrame:
    """Records per theme (a record with two themes counts for both); only the chosen themes when some are chosen."""
    return _filtered(conn, THEME_COUNTS_SQL, f, **_theme_params(f))


def theme_year(conn: sqlite3.Connection, f: Filters) -> pd.DataFrame:
    return _filtered(conn, THEME_YEAR_SQL, f, **_theme_params(f))


def theme_country(conn: sqlite3.Connection, f: Filters) -> pd.DataFrame:
    return _filtered(conn, THEME_COUNTRY_SQL, f, **_theme_params(f))


def theme_pairs(conn: sqlite3.Connection, f: Filters) -> pd.DataFrame:
    """How often two themes are given to the same record (both directions), over the filtered records."""
    return _filtered(conn, THEME_PAIRS_SQL, f)


# ------------------------------------------------------------------------------------------- map

PLACES_SQL = """
SELECT p.id, p.name, p.kind, p.category, p.city, p.lat, p.lon, p.coord_precision, p.year, p.official_url, p.source_url,
       p.flags, p.origin,
       (SELECT group_concat(country_iso3, ', ') FROM (SELECT country_iso3 FROM place_countries WHERE place_id = p.id ORDER BY 1)) AS countries,
       (SELECT count(*) FROM records r WHERE r.place_id = p.id AND r.record_type = 'meeting' AND /*FILTER*/) AS meetings,
       (SELECT count(*) FROM records r WHERE r.place_id = p.id AND r.record_type = 'partnership' AND /*FILTER*/) AS partnerships
FROM places p
WHERE (p.year IS NULL OR p.year < :year_to_excl)
  AND (:any_country = 0 OR p.id IN (SELECT place_id FROM place_countries WHERE country_iso3 IN (SELECT value FROM json_each(:countries)))
       OR p.id IN (SELECT r.place_id FROM records r WHERE r.place_id IS NOT NULL AND /*FILTER*/))
ORDER BY p.kind, p.name
"""


def map_places(conn: sqlite3.Connection, f: Filters) -> pd.DataFrame:
    """Places that exist by the end of the period, in the chosen countries (or where a filtered record took place),
    with the number of filtered meetings and partnerships linked to each."""
    return _filtered(conn, PLACES_SQL, f, **_place_params(f))


OUTLINES_SQL = "SELECT iso3, name, outline FROM countries WHERE focus = 1 AND outline IS NOT NULL ORDER BY iso3"


def country_outlines(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, OUTLINES_SQL)


PLACE_RECORDS_SQL = """
SELECT r.record_type, r.id, r.date, r.title, r.kind, r.source_url FROM records r
WHERE r.place_id = :place_id AND /*FILTER*/ ORDER BY r.date DESC
"""


def place_records(conn: sqlite3.Connection, f: Filters, place_id: str) -> pd.DataFrame:
    return _filtered(conn, PLACE_RECORDS_SQL, f, place_id=place_id)


# ------------------------------------------------------------------------------------------- explorer

MEETINGS_TABLE_SQL = """
SELECT m.date, m.date_precision, m.title, m.kind, md.place, r.countries, r.themes, md.participants, m.summary,
       m.source_url, m.origin, m.flags, m.id
FROM records r JOIN meetings m ON m.id = r.id JOIN meetings_detailed md ON md.id = m.id
WHERE r.record_type = 'meeting' AND /*FILTER*/
ORDER BY m.date DESC, m.id
"""
PARTNERSHIPS_TABLE_SQL = """
SELECT p.date, p.date_precision, p.name, p.kind, p.status, p.end_date, pl.name AS place, r.countries, r.themes,
       p.summary, p.source_url, p.origin, p.flags, p.id
FROM records r JOIN partnerships p ON p.id = r.id LEFT JOIN places pl ON pl.id = p.place_id
WHERE r.record_type = 'partnership' AND /*FILTER*/
ORDER BY p.date DESC, p.id
"""
PLACES_TABLE_SQL = """
SELECT p.name, p.kind, p.category, p.countries, p.city, p.year, p.lat, p.lon, p.coord_precision, p.official_url,
       p.source_url, p.flags, p.note, p.id
FROM places_detailed p
WHERE p.kind <> 'city'
  AND (p.year IS NULL OR p.year < :year_to_excl)
  AND (:any_country = 0 OR p.id IN (SELECT place_id FROM place_countries WHERE country_iso3 IN (SELECT value FROM json_each(:countries))))
  AND (:match = '' OR p.id IN (SELECT id FROM places WHERE rowid IN (SELECT rowid FROM places_fts WHERE places_fts MATCH :match)))
ORDER BY p.kind, p.name
"""


def _labelled(frame: pd.DataFrame, labels) -> pd.DataFrame:
    """Kinds as people read them ('world_heritage_inscription' -> 'World Heritage inscription')."""
    frame["kind"] = frame["kind"].map(labels)
    return frame


def meetings_table(conn: sqlite3.Connection, f: Filters) -> pd.DataFrame:
    return _labelled(_filtered(conn, MEETINGS_TABLE_SQL, f), lambda k: kind_label(k, "meeting"))


def partnerships_table(conn: sqlite3.Connection, f: Filters) -> pd.DataFrame:
    return _labelled(_filtered(conn, PARTNERSHIPS_TABLE_SQL, f), lambda k: kind_label(k, "partnership"))


def places_table(conn: sqlite3.Connection, f: Filters) -> pd.DataFrame:
    """World Heritage properties, reserves, offices and centres (cities are venues, not listed), filtered by country,
    by existence at the end of the period, and by the search text."""
    return _labelled(_frame(conn, PLACES_TABLE_SQL, {**_place_params(f), "match": fts_query(f.text)}),
                     lambda k: PLACE_KINDS.get(k, k))


DOCUMENTS_SQL = """
SELECT d.published, d.title, d.url, d.source_file,
       (SELECT count(*) FROM meetings m WHERE m.document_id = d.id) AS meetings,
       (SELECT count(*) FROM partnerships p WHERE p.document_id = d.id) AS partnerships,
       CASE WHEN :match = '' THEN substr(d.text, 1, 220) ELSE (SELECT snippet(documents_fts, 1, '«', '»', '…', 24)
            FROM documents_fts WHERE documents_fts MATCH :match AND documents_fts.rowid = d.rowid) END AS excerpt,
       d.id
FROM documents d
WHERE d.published >= :date_from AND d.published < :date_to
  AND (:match = '' OR d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH :match))
  AND (:any_country = 0 OR d.id IN (SELECT r.document_id FROM meetings r JOIN meeting_countries c ON c.meeting_id = r.id
                                     WHERE c.country_iso3 IN (SELECT value FROM json_each(:countries))
                                     UNION SELECT p.document_id FROM partnerships p JOIN partnership_countries c
                                     ON c.partnership_id = p.id WHERE c.country_iso3 IN (SELECT value FROM json_each(:countries))
                                     UNION SELECT e.document_id FROM evidence e JOIN meeting_countries c ON c.meeting_id = e.record_id
                                     WHERE e.record_table = 'meetings'
                                       AND c.country_iso3 IN (SELECT value FROM json_each(:countries))))
ORDER BY d.published DESC, d.id
"""


def documents_table(conn: sqlite3.Connection, f: Filters) -> pd.DataFrame:
    """Ingested press releases in the period (and naming a chosen country), with a search excerpt («match» marked)."""
    return _frame(conn, DOCUMENTS_SQL, {"date_from": f.date_from, "date_to": f.date_to, "match": fts_query(f.text),
                                        **{k: v for k, v in _place_params(f).items() if k != "year_to_excl"}})


DOCUMENT_SQL = "SELECT id, title, published, url, text, source_file, ingested_at FROM documents WHERE id = :id"
EVIDENCE_SQL = """
SELECT e.record_table, e.record_id, e.field, e.value, e.sentence, e.start, e."end",
       coalesce(m.title, p.name) AS record_title, coalesce(m.origin, p.origin) AS origin
FROM evidence e
LEFT JOIN meetings m ON e.record_table = 'meetings' AND m.id = e.record_id
LEFT JOIN partnerships p ON e.record_table = 'partnerships' AND p.id = e.record_id
WHERE e.document_id = :id ORDER BY e.start, e.record_table
"""


def document_detail(conn: sqlite3.Connection, document_id: str) -> dict | None:
    """A press release with the evidence that ties its sentences to records."""
    frame = _frame(conn, DOCUMENT_SQL, {"id": document_id})
    if frame.empty:
        return None
    detail = frame.iloc[0].to_dict()
    detail["evidence"] = _frame(conn, EVIDENCE_SQL, {"id": document_id})
    return detail


# ------------------------------------------------------------------------------------------- about


def record_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in the main tables of the whole database."""
    sql = """
    SELECT (SELECT count(*) FROM meetings) AS meetings, (SELECT count(*) FROM partnerships) AS partnerships,
           (SELECT count(*) FROM places WHERE kind = 'world_heritage_site') AS world_heritage_sites,
           (SELECT count(*) FROM places) AS places, (SELECT count(*) FROM people) AS people,
           (SELECT count(*) FROM countries WHERE focus = 1) AS countries, (SELECT count(*) FROM rejects) AS rejects,
           (SELECT count(*) FROM documents) AS documents
    """
    return {k: int(v) for k, v in _frame(conn, sql).iloc[0].to_dict().items()}


def last_build(conn: sqlite3.Connection) -> dict | None:
    frame = _frame(conn, "SELECT * FROM etl_runs ORDER BY id DESC LIMIT 1")
    return None if frame.empty else frame.iloc[0].to_dict()


def builds(conn: sqlite3.Connection, limit: int = 20) -> pd.DataFrame:
    return _frame(conn, "SELECT id, started_at, finished_at, status, files_read, rows_loaded, rows_rejected, input_digest "
                        "FROM etl_runs ORDER BY id DESC LIMIT :limit", {"limit": limit})


def rejects(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, "SELECT file, line, record_id, field, value, reason FROM rejects ORDER BY id")


SOURCES_SQL = """
SELECT source_url, 'meetings' AS table_name FROM meetings
UNION ALL SELECT source_url, 'partnerships' FROM partnerships
UNION ALL SELECT source_url, 'places' FROM places
UNION ALL SELECT source_url, 'people' FROM people WHERE source_url IS NOT NULL
UNION ALL SELECT source_url, 'roles' FROM roles
UNION ALL SELECT source_url, 'countries' FROM countries
"""


def source_urls(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, SOURCES_SQL)
