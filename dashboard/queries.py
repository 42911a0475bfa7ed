"""Every SQL statement the app runs. Named parameters only; each function returns a DataFrame or plain values.

Filtering and aggregation run in dashboard/cube.py on the filter columns of every record, which
`record_index` loads once per database file. SQL here fetches rows: the records a filter selected (by
their rids, passed as a JSON list and expanded by `json_each`), details, places, documents, the build log.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata

import pandas as pd
from anyascii import anyascii

from .filters import Options
from .vocab import PLACE_KINDS, PUBLISHER_KINDS, REGISTER_LABELS, TABLE_LABELS, TYPE_KINDS, kind_label


WORD = re.compile(r"[\w\u0300-\u036f'’ʼ‘-]+")  # letters, digits and marks, with apostrophes and hyphens inside a word


def fts_query(text: str) -> str:
    """User text -> a safe FTS5 query: every word required, each as a quoted phrase of its parts with the last part
    prefix-matched: 'glacier centre' -> '"glacier"* AND "centre"*'; "Chang'an" -> '"chang an"*' (the index splits a word at
    its apostrophe, so the phrase keeps the parts together: "climate change and" does not match); "glaciol" matches
    "glaciology". Diacritics are folded by the index's tokenizer on both sides. A word in another script (the
    records are written in English) also matches its Latin transliteration (anyascii): 'Самарканд' ->
    '("самарканд"* OR "Samarkand"*)'."""
    words = WORD.findall(unicodedata.normalize("NFC", text))[:12]
    phrases = []
    for word in words:
        parts = [p for p in re.findall(r"[^\W_]+", word) if p]
        if not parts:
            continue
        phrase = " ".join(parts)
        latin = " ".join(re.findall(r"[A-Za-z0-9]+", anyascii(phrase)))
        if latin and latin.lower() != _folded(phrase).lower():
            phrases.append(f'("{phrase}"* OR "{latin}"*)')
        else:
            phrases.append(f'"{phrase}"*')
    return " AND ".join(phrases)  # explicit: FTS5 takes no implicit AND next to a bracket


def _folded(text: str) -> str:
    """Without diacritics ('Köneürgenç' -> 'Koneurgenc'), as the index's tokenizer folds them."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _frame(conn: sqlite3.Connection, sql: str, params: dict | None = None) -> pd.DataFrame:
    return pd.read_sql_query(sql, conn, params=params or {})


def _rids(rids) -> str:
    return json.dumps([int(r) for r in rids])


# ------------------------------------------------------------------------------------------- the filter index

INDEX_RECORDS_SQL = "SELECT rid, year, record_type, kind, origin, place_id FROM records ORDER BY rid"
INDEX_THEMES_SQL = "SELECT rid, theme_id FROM record_themes"
INDEX_COUNTRIES_SQL = "SELECT rid, country_iso3 FROM record_countries"
TEXT_SQL = "SELECT rowid AS rid FROM records_fts WHERE records_fts MATCH :match ORDER BY rowid"


# The key of a database's filter index file (etl/index.py writes the same statement's answer into the file).
INDEX_KEY_SQL = ("SELECT (SELECT count(*) FROM records) || ':' || coalesce((SELECT max(rid) FROM records), 0) || ':' || "
                 "coalesce((SELECT max(id) || '@' || max(finished_at) FROM etl_runs), '')")


def index_key(conn: sqlite3.Connection) -> str:
    return conn.execute(INDEX_KEY_SQL).fetchone()[0]


def labels(conn: sqlite3.Connection) -> tuple[dict[str, str], dict[str, str]]:
    """Theme id -> label and focus country ISO3 -> name, in the order the filters list them."""
    return (dict(conn.execute("SELECT id, label FROM themes ORDER BY label").fetchall()),
            dict(conn.execute("SELECT iso3, name FROM countries WHERE focus = 1 ORDER BY name").fetchall()))


def record_index(conn: sqlite3.Connection) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The filter columns of every record, and their theme and country links (for dashboard.cube)."""
    return _frame(conn, INDEX_RECORDS_SQL), _frame(conn, INDEX_THEMES_SQL), _frame(conn, INDEX_COUNTRIES_SQL)


def text_rids(conn: sqlite3.Connection, text: str) -> list[int]:
    """The records whose title or summary holds every word of the search text (prefix match)."""
    match = fts_query(text)
    return _frame(conn, TEXT_SQL, {"match": match})["rid"].tolist() if match else []


# ------------------------------------------------------------------------------------------- options


def options(conn: sqlite3.Connection) -> Options:
    """The values the filters may take, from the database itself."""
    years = conn.execute("SELECT min(year), max(year) FROM records").fetchone()
    themes = dict(conn.execute("SELECT id, label FROM themes ORDER BY label").fetchall())
    countries = dict(conn.execute("SELECT iso3, name FROM countries WHERE focus = 1 ORDER BY name").fetchall())
    kinds: dict[str, str] = {}
    present = conn.execute("SELECT 'meeting', kind FROM (SELECT DISTINCT kind FROM meetings) UNION "
                           "SELECT 'partnership', kind FROM (SELECT DISTINCT kind FROM partnerships) ORDER BY 1, 2").fetchall()
    for record_type in sorted({t for t, _ in present}):
        kinds[record_type] = TYPE_KINDS.get(record_type, record_type)
    for record_type, kind in present:
        kinds.setdefault(kind, kind_label(kind, None if kind == "other" else record_type))
    extracted = conn.execute("SELECT (SELECT count(*) FROM meetings WHERE origin = 'extracted') + "
                             "(SELECT count(*) FROM partnerships WHERE origin = 'extracted')").fetchone()[0]
    return Options(years[0], years[1], themes, countries, kinds, extracted)


def country_names(conn: sqlite3.Connection) -> dict[str, str]:
    """ISO3 -> name of every country in the database (the five and those places refer to)."""
    return dict(conn.execute("SELECT iso3, name FROM countries ORDER BY name").fetchall())


def theme_table(conn: sqlite3.Connection) -> pd.DataFrame:
    """Theme ids, labels and colours (the one colour mapping of every chart)."""
    return _frame(conn, "SELECT id, label, sector, sdg, colour, source_url FROM themes ORDER BY label")


SITES_SQL = """
SELECT count(*) AS sites FROM places p
WHERE p.kind IN ('world_heritage_site', 'biosphere_reserve', 'geopark')
  AND (p.year IS NULL OR p.year <= :year_to)
  AND (:any_country = 0 OR p.id IN (SELECT place_id FROM place_countries WHERE country_iso3 IN (SELECT value FROM json_each(:countries))))
"""


def site_count(conn: sqlite3.Connection, year_to: int | None, countries: tuple[str, ...]) -> int:
    """World Heritage properties, biosphere reserves and geoparks in the countries that existed by year_to."""
    params = {"year_to": year_to or 9999, "any_country": 1 if countries else 0, "countries": json.dumps(list(countries))}
    return int(_frame(conn, SITES_SQL, params).iloc[0]["sites"])


# ------------------------------------------------------------------------------------------- rows of selected records

ROWS_SQL = """
SELECT r.rid, r.record_type, r.id, r.date, r.date_precision, r.year, r.title, r.kind, r.countries, r.themes, r.origin,
       r.source_url, pub.name AS publisher, r.place_id
FROM records r LEFT JOIN publishers pub ON pub.id = r.publisher_id
WHERE r.rid IN (SELECT value FROM json_each(:rids)) ORDER BY r.rid
"""
LANES_SQL = """
SELECT rid, theme_id AS lane FROM record_themes WHERE :by = 'theme' AND rid IN (SELECT value FROM json_each(:rids))
UNION ALL
SELECT rid, country_iso3 FROM record_countries WHERE :by = 'country' AND rid IN (SELECT value FROM json_each(:rids))
"""


def record_rows(conn: sqlite3.Connection, rids: list[int]) -> pd.DataFrame:
    """The selected records, oldest first."""
    return _frame(conn, ROWS_SQL, {"rids": _rids(rids)})


def timeline_points(conn: sqlite3.Connection, rids: list[int], by: str = "theme", lanes: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per record and lane (theme or country); only the given lanes when some are given."""
    if by not in ("theme", "country"):
        raise ValueError("by must be 'theme' or 'country'")
    rows = record_rows(conn, rids)
    links = _frame(conn, LANES_SQL, {"by": by, "rids": _rids(rids)})
    if lanes:
        links = links[links["lane"].isin(lanes)]
    return rows.merge(links, on="rid").sort_values(["rid", "lane"], ignore_index=True)


MEMBERSHIP_SQL = """
SELECT c.iso3 AS country, c.unesco_member_since AS date, c.member_since_precision AS date_precision,
       'Joins UNESCO' AS title, 'membership' AS kind, c.source_url
FROM countries c WHERE c.focus = 1 AND c.unesco_member_since IS NOT NULL ORDER BY c.iso3
"""


def membership(conn: sqlite3.Connection) -> pd.DataFrame:
    """When each of the five countries joined UNESCO."""
    return _frame(conn, MEMBERSHIP_SQL)


# ------------------------------------------------------------------------------------------- details

RECORD_SQL = """
SELECT r.record_type, r.id, r.date, r.date_precision, r.title, r.kind, r.countries, r.themes, r.summary,
       r.source_url, pub.name AS publisher, pub.kind AS publisher_kind, r.origin, r.flags, pl.name AS place,
       pl.id AS place_id, coalesce(m.note, p.note) AS note, p.status, p.end_date
FROM records r
LEFT JOIN publishers pub ON pub.id = r.publisher_id
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
SELECT 'partnership' AS record_type, p.id, p.date, p.name AS title, p.kind, pub.name AS publisher, p.source_url
FROM partnership_meetings pm JOIN partnerships p ON p.id = pm.partnership_id LEFT JOIN publishers pub ON pub.id = p.publisher_id
WHERE :record_type = 'meeting' AND pm.meeting_id = :id
UNION ALL
SELECT 'meeting', m.id, m.date, m.title, m.kind, pub.name, m.source_url
FROM partnership_meetings pm JOIN meetings m ON m.id = pm.meeting_id LEFT JOIN publishers pub ON pub.id = m.publisher_id
WHERE :record_type = 'partnership' AND pm.partnership_id = :id
ORDER BY 3
"""
SOURCES_SQL = """
SELECT s.position, s.url, pub.name AS publisher, pub.kind AS publisher_kind, s.supports, s.archived, s.original_url
FROM sources s LEFT JOIN publishers pub ON pub.id = s.publisher_id
WHERE s.record_table = :table AND s.record_id = :id ORDER BY s.position
"""


def record_sources(conn: sqlite3.Connection, table: str, record_id: str) -> pd.DataFrame:
    """Every page a row cites (its source_url first, then further sources with the facts each supports)."""
    return _frame(conn, SOURCES_SQL, {"table": table, "id": record_id})


def record_detail(conn: sqlite3.Connection, record_type: str, record_id: str) -> dict | None:
    """One record with its participants and the records linked to it."""
    params = {"record_type": record_type, "id": record_id}
    frame = _frame(conn, RECORD_SQL, params)
    if frame.empty:
        return None
    detail = frame.iloc[0].to_dict()
    detail["participants"] = _frame(conn, PARTICIPANTS_SQL, params) if record_type == "meeting" else pd.DataFrame()
    detail["linked"] = _frame(conn, LINKED_SQL, params)
    detail["sources"] = record_sources(conn, record_type + "s", record_id)
    return detail


OUTLINES_SQL = "SELECT iso3, name, outline FROM countries WHERE focus = 1 AND outline IS NOT NULL ORDER BY iso3"


def country_outlines(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, OUTLINES_SQL)


PLACES_SQL = """
SELECT p.id, p.name, p.kind, p.category, p.city, p.lat, p.lon, p.coord_precision, p.year, p.official_url, p.source_url,
       p.flags, p.origin,
       (SELECT group_concat(country_iso3, ', ') FROM (SELECT country_iso3 FROM place_countries WHERE place_id = p.id ORDER BY 1)) AS countries
FROM places p ORDER BY p.kind, p.name
"""


def places(conn: sqlite3.Connection) -> pd.DataFrame:
    """Every place with its countries (a few hundred rows; the map filters them in memory)."""
    return _frame(conn, PLACES_SQL)


# ------------------------------------------------------------------------------------------- explorer

MEETINGS_TABLE_SQL = """
WITH chosen AS (SELECT r.rid, r.id, r.countries, r.themes FROM records r
                WHERE r.rid IN (SELECT value FROM json_each(:rids)) AND r.record_type = 'meeting'),
     who AS (SELECT chosen.id AS meeting_id, group_concat(pe.name || coalesce(' (' || mp.role || ')', ''), '; ') AS participants
             FROM chosen CROSS JOIN meeting_participants mp ON mp.meeting_id = chosen.id  -- CROSS JOIN: start from the chosen
             JOIN people pe ON pe.id = mp.person_id GROUP BY chosen.id)
SELECT m.date, m.date_precision, m.title, m.kind, pl.name AS place, chosen.countries, chosen.themes, who.participants,
       m.summary, pub.name AS publisher, pub.kind AS publisher_kind, m.source_url, m.origin, m.flags, m.id
FROM chosen JOIN meetings m ON m.id = chosen.id LEFT JOIN places pl ON pl.id = m.place_id
LEFT JOIN publishers pub ON pub.id = m.publisher_id
LEFT JOIN who ON who.meeting_id = m.id
ORDER BY chosen.rid DESC
"""
PARTNERSHIPS_TABLE_SQL = """
SELECT p.date, p.date_precision, p.name, p.kind, p.status, p.end_date, pl.name AS place, r.countries, r.themes,
       p.summary, pub.name AS publisher, pub.kind AS publisher_kind, p.source_url, p.origin, p.flags, p.id
FROM records r JOIN partnerships p ON p.id = r.id LEFT JOIN places pl ON pl.id = p.place_id
LEFT JOIN publishers pub ON pub.id = p.publisher_id
WHERE r.rid IN (SELECT value FROM json_each(:rids)) AND r.record_type = 'partnership'
ORDER BY r.rid DESC
"""
PLACES_TABLE_SQL = """
SELECT p.name, p.kind, p.category, p.countries, p.city, p.year, p.lat, p.lon, p.coord_precision, p.official_url,
       p.publisher, p.publisher_kind, p.source_url, p.flags, p.note, p.id
FROM places_detailed p
WHERE p.kind <> 'city'
  AND (p.year IS NULL OR p.year <= :year_to)
  AND (:any_country = 0 OR p.id IN (SELECT place_id FROM place_countries WHERE country_iso3 IN (SELECT value FROM json_each(:countries))))
  AND (:match = '' OR p.id IN (SELECT id FROM places WHERE rowid IN (SELECT rowid FROM places_fts WHERE places_fts MATCH :match)))
ORDER BY p.kind, p.name
"""


def _labelled(frame: pd.DataFrame, labels, conn: sqlite3.Connection | None = None) -> pd.DataFrame:
    """Kinds and themes as people read them ('world_heritage_inscription' -> 'World Heritage inscription',
    'culture_heritage, education' -> 'Culture and heritage, Education'), publisher kinds as words."""
    frame["kind"] = frame["kind"].map(labels)
    if "publisher_kind" in frame:
        frame["publisher_kind"] = frame["publisher_kind"].map(lambda k: PUBLISHER_KINDS.get(k, k) if isinstance(k, str) else k)
    if conn is not None and "themes" in frame:
        names = dict(conn.execute("SELECT id, label FROM themes").fetchall())
        frame["themes"] = frame["themes"].map(
            lambda text: ", ".join(names.get(t, t) for t in text.split(", ")) if isinstance(text, str) else text)
    return frame


def meetings_table(conn: sqlite3.Connection, rids: list[int]) -> pd.DataFrame:
    """The given meetings, most recent first, with place, countries, themes and participants as text."""
    return _labelled(_frame(conn, MEETINGS_TABLE_SQL, {"rids": _rids(rids)}), lambda k: kind_label(k, "meeting"), conn)


def partnerships_table(conn: sqlite3.Connection, rids: list[int]) -> pd.DataFrame:
    return _labelled(_frame(conn, PARTNERSHIPS_TABLE_SQL, {"rids": _rids(rids)}), lambda k: kind_label(k, "partnership"), conn)


def places_table(conn: sqlite3.Connection, year_to: int | None, countries: tuple[str, ...], text: str) -> pd.DataFrame:
    """World Heritage properties, reserves, offices and centres (cities are venues, not listed), in the countries,
    existing by year_to, matching the search text."""
    params = {"year_to": year_to or 9999, "any_country": 1 if countries else 0, "countries": json.dumps(list(countries)),
              "match": fts_query(text)}
    return _labelled(_frame(conn, PLACES_TABLE_SQL, params), lambda k: PLACE_KINDS.get(k, k))


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


def documents_table(conn: sqlite3.Connection, date_from: str, date_to: str, countries: tuple[str, ...], text: str) -> pd.DataFrame:
    """Ingested press releases in the period (and about a chosen country), with a search excerpt («match» marked)."""
    return _frame(conn, DOCUMENTS_SQL, {"date_from": date_from, "date_to": date_to, "match": fts_query(text),
                                        "any_country": 1 if countries else 0, "countries": json.dumps(list(countries))})


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


def refused_build(conn: sqlite3.Connection) -> dict | None:
    """The last build that was refused because it would have dropped too many records (this database is the last
    good one), or None. Older databases have no refused_builds table."""
    try:
        frame = _frame(conn, "SELECT id, finished_at, message FROM refused_builds ORDER BY id DESC LIMIT 1")
    except (sqlite3.Error, pd.errors.DatabaseError):
        return None
    return None if frame.empty else frame.iloc[0].to_dict()


def builds(conn: sqlite3.Connection, limit: int = 20) -> pd.DataFrame:
    return _frame(conn, "SELECT id AS build, started_at, finished_at, status, files_read, rows_loaded, rows_rejected, input_digest "
                        "FROM etl_runs ORDER BY id DESC LIMIT :limit", {"limit": limit})


def rejects(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, "SELECT file, line, record_id, field, value, reason FROM rejects ORDER BY id")


PUBLISHER_CITATIONS_SQL = """
SELECT pub.name AS publisher, pub.kind AS publisher_kind, count(*) AS rows_citing
FROM sources s JOIN publishers pub ON pub.id = s.publisher_id
GROUP BY pub.id ORDER BY rows_citing DESC, pub.name
"""
SOURCE_KINDS_SQL = """
SELECT pub.kind AS publisher_kind, s.record_table, count(*) AS rows_citing
FROM sources s JOIN publishers pub ON pub.id = s.publisher_id
WHERE s.position = 0 GROUP BY 1, 2
"""
FLAGS_SQL = """
WITH RECURSIVE flagged(record_table, rest, flag) AS (
  SELECT t, flags || ';', NULL FROM (SELECT 'meetings' AS t, flags FROM meetings WHERE origin = 'curated'
                                     UNION ALL SELECT 'partnerships', flags FROM partnerships WHERE origin = 'curated'
                                     UNION ALL SELECT 'places', flags FROM places WHERE origin = 'curated') WHERE flags IS NOT NULL
  UNION ALL
  SELECT record_table, substr(rest, instr(rest, ';') + 1), substr(rest, 1, instr(rest, ';') - 1) FROM flagged WHERE rest <> '')
SELECT flag, record_table, count(*) AS records FROM flagged WHERE flag IS NOT NULL AND flag <> '' GROUP BY 1, 2 ORDER BY 3 DESC, 1
"""
COMPLETENESS_SQL = """
SELECT g.register, c.name AS country, g.official_count, g.recorded, g.as_of, g.checked, g.source_url
FROM register_completeness g JOIN countries c ON c.iso3 = g.country_iso3 ORDER BY g.register, c.name
"""


def publisher_citations(conn: sqlite3.Connection) -> pd.DataFrame:
    """Each publisher with the number of rows (and further sources) that cite it."""
    return _labelled_kinds(_frame(conn, PUBLISHER_CITATIONS_SQL))


def source_kinds(conn: sqlite3.Connection) -> pd.DataFrame:
    """Rows per kind of publisher (of their source_url) and table: publisher kinds down, tables across."""
    frame = _frame(conn, SOURCE_KINDS_SQL)
    if frame.empty:
        return frame
    frame["record_table"] = frame["record_table"].map(lambda t: TABLE_LABELS.get(t, t))
    table = frame.pivot_table(index="publisher_kind", columns="record_table", values="rows_citing", aggfunc="sum", fill_value=0)
    table["All rows"] = table.sum(axis=1)
    table["Share"] = (100 * table["All rows"] / table["All rows"].sum()).round(1).map(lambda v: f"{v:g} %")
    table = table.sort_values("All rows", ascending=False).reset_index()
    table.columns.name = None
    return _labelled_kinds(table)


def _labelled_kinds(frame: pd.DataFrame) -> pd.DataFrame:
    frame["publisher_kind"] = frame["publisher_kind"].map(lambda k: PUBLISHER_KINDS.get(k, k))
    return frame


def flag_counts(conn: sqlite3.Connection) -> pd.DataFrame:
    """Curated records carrying each flag (coordinates_missing, sources_disagree …), per table."""
    frame = _frame(conn, FLAGS_SQL)
    frame["flag"] = frame["flag"].map(lambda f: f.replace("_", " ").capitalize())
    frame["record_table"] = frame["record_table"].map(lambda t: TABLE_LABELS.get(t, t))
    return frame


def register_completeness(conn: sqlite3.Connection) -> pd.DataFrame:
    """Each register's official count per country next to the entries recorded here."""
    frame = _frame(conn, COMPLETENESS_SQL)
    frame["register"] = frame["register"].map(lambda r: REGISTER_LABELS.get(r, r))
    return frame


# =========================================================================================== country and commitments
# The Country page and the briefing (dashboard/briefing.py) read these; both show the same numbers because they
# call the same functions. `on` is an ISO date (YYYY-MM-DD): who is in office, what is on a list, what is open.

from . import commitments  # noqa: E402 - pure helpers for chains and open items (no SQL)

OFFICE_ORDER = ("head_of_state", "head_of_government", "foreign_minister", "culture_minister", "education_minister",
                "permanent_delegate", "national_commission_chair", "national_commission_secretary", "director_general",
                "unesco_office_head")
REGISTER_OF_KIND = {  # until a record has its `register`, its kind says which list it is on
    "world_heritage_inscription": "world_heritage", "intangible_heritage_inscription": "intangible_heritage",
    "memory_of_the_world_inscription": "memory_of_the_world", "biosphere_reserve": "biosphere_reserves",
    "category_2_centre": "category_2_centres", "world_heritage_danger_listing": "world_heritage_in_danger",
    "tentative_list": "tentative_list", "committee_membership": "governing_body",
}
REGISTER_GROUP = {"ich_representative": "intangible_heritage", "ich_urgent_safeguarding": "intangible_heritage",
                  "ich_good_practices": "intangible_heritage", "executive_board": "governing_body",
                  "world_heritage_committee": "governing_body", "intangible_heritage_committee": "governing_body"}


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = :name",
                        {"name": name}).fetchone() is not None


COUNTRY_SQL = """
SELECT c.iso3, c.name, c.unesco_member_since, c.member_since_precision, c.source_url, pub.name AS publisher
FROM countries c LEFT JOIN publishers pub ON pub.id = c.publisher_id WHERE c.iso3 = :iso3
"""
BODIES_SQL = """
SELECT b.body, b.name, b.established, b.address, b.website, b.source_url, pub.name AS publisher, b.note
FROM national_bodies b LEFT JOIN publishers pub ON pub.id = b.publisher_id WHERE b.country_iso3 = :iso3 ORDER BY b.body
"""


def country_profile(conn: sqlite3.Connection, iso3: str) -> dict | None:
    """Name, UNESCO membership date with its source and publisher, and the national bodies (National Commission,
    Permanent Delegation) of one country."""
    frame = _frame(conn, COUNTRY_SQL, {"iso3": iso3})
    if frame.empty:
        return None
    profile = frame.iloc[0].to_dict()
    bodies = (_frame(conn, BODIES_SQL, {"iso3": iso3}) if _has_table(conn, "national_bodies")
              else pd.DataFrame(columns=["body", "name", "established", "address", "website", "source_url", "publisher", "note"]))
    bodies.insert(0, "body_label", bodies["body"].map({"national_commission": "National Commission",
                                                       "permanent_delegation": "Permanent Delegation"}))
    profile["bodies"] = bodies
    return profile


IN_OFFICE_SQL = """
SELECT r.office, pe.name, r.role, r.organisation, r.start_date, r.end_date, r.flags,
       (SELECT max(m.date) FROM meeting_participants mp JOIN meetings m ON m.id = mp.meeting_id
        WHERE mp.person_id = r.person_id AND m.date <= :on) AS last_meeting,
       r.source_url, pub.name AS publisher, r.person_id, pl.name AS place
FROM roles r JOIN people pe ON pe.id = r.person_id
LEFT JOIN publishers pub ON pub.id = r.publisher_id LEFT JOIN places pl ON pl.id = r.place_id
WHERE r.office IS NOT NULL
  AND (r.start_date IS NOT NULL OR r.end_date IS NOT NULL)
  AND (r.start_date IS NULL OR r.start_date <= :on)
  AND (r.end_date IS NULL OR substr(:on, 1, length(r.end_date)) <= r.end_date)
  AND ((r.country_iso3 = :iso3 AND r.office NOT IN ('director_general', 'deputy_director_general',
                                                     'assistant_director_general', 'unesco_office_head'))
       OR r.office = 'director_general'
       OR (r.office = 'unesco_office_head' AND r.place_id IN (SELECT place_id FROM place_countries WHERE country_iso3 = :iso3)))
  -- a holder with no recorded end is no longer in office once a successor in the same office has started
  AND NOT (r.end_date IS NULL AND EXISTS (
        SELECT 1 FROM roles later WHERE later.office = r.office AND later.person_id <> r.person_id
          AND coalesce(later.country_iso3, '') = coalesce(r.country_iso3, '') AND coalesce(later.place_id, '') = coalesce(r.place_id, '')
          AND later.start_date > r.start_date AND later.start_date <= :on))
ORDER BY r.start_date DESC
"""


STALE_YEARS = 3  # a holder with no recorded end, last seen in office this long before the day, is not called current


def _until(row, on: str) -> str:
    """How long a role lasts as far as the records know: its end; 'in office'; or, with no end, when the records last
    show the person (the role's start or their latest meeting) if that is more than STALE_YEARS before the day."""
    if isinstance(row.end_date, str):
        return row.end_date
    seen = max(d for d in (row.start_date, row.last_meeting) if isinstance(d, str)) if (
        isinstance(row.start_date, str) or isinstance(row.last_meeting, str)) else None
    if seen and int(on[:4]) - int(seen[:4]) > STALE_YEARS:
        return f"not confirmed since {seen[:4]}"
    return "end not recorded" if isinstance(row.flags, str) and "tenure_dates_unknown" in row.flags else "in office"


def in_office(conn: sqlite3.Connection, iso3: str, on: str) -> pd.DataFrame:
    """Who held each office on a date (from roles.office): the country's head of state, foreign minister, ambassador
    to UNESCO, National Commission chair and secretary, UNESCO's Director-General and the head of the UNESCO office
    that serves the country. A role with no dates at all is left out (it cannot be placed in time); one with no end
    ends when a successor in the same office starts; `until` gives its end, 'in office', 'end not recorded', or 'not
    confirmed since YEAR' when the records last show the person long before the day."""
    frame = _frame(conn, IN_OFFICE_SQL, {"iso3": iso3, "on": on})
    frame["until"] = [_until(row, on) for row in frame.itertuples()]
    frame = frame.drop(columns=["flags", "last_meeting"])
    frame["order"] = frame["office"].map({o: i for i, o in enumerate(OFFICE_ORDER)}).fillna(len(OFFICE_ORDER))
    frame = frame.sort_values(["order", "start_date"], ascending=[True, False], kind="stable").drop(columns="order")
    frame.insert(0, "office_label", frame["office"].map(commitments.OFFICE_LABELS).fillna(frame["office"]))
    return frame.reset_index(drop=True)


REGISTER_ROWS_SQL = """
SELECT p.id, p.name, p.kind, p.register, p.entry, p.date, p.end_date, p.status, p.source_url, pub.name AS publisher,
       p.place_id
FROM partnerships p JOIN partnership_countries pc ON pc.partnership_id = p.id
LEFT JOIN publishers pub ON pub.id = p.publisher_id
WHERE pc.country_iso3 = :iso3 AND p.origin = 'curated' AND p.date <= :on
  AND (p.register IS NOT NULL OR p.kind IN (SELECT value FROM json_each(:kinds)))
ORDER BY p.date, p.id
"""
UNRECORDED_SITES_SQL = """
SELECT 'place:' || pl.id AS id, pl.name, CASE pl.kind WHEN 'world_heritage_site' THEN 'world_heritage_inscription'
       ELSE 'biosphere_reserve' END AS kind, NULL AS register, NULL AS entry, CAST(pl.year AS TEXT) AS date,
       NULL AS end_date, 'active' AS status, pl.source_url, pub.name AS publisher, pl.id AS place_id
FROM places pl JOIN place_countries pc ON pc.place_id = pl.id LEFT JOIN publishers pub ON pub.id = pl.publisher_id
WHERE pc.country_iso3 = :iso3 AND pl.kind IN ('world_heritage_site', 'biosphere_reserve') AND pl.origin = 'curated'
  AND (pl.year IS NULL OR CAST(pl.year AS TEXT) <= substr(:on, 1, 4))
  AND NOT EXISTS (SELECT 1 FROM partnerships p WHERE p.place_id = pl.id AND p.origin = 'curated'
                  AND p.kind IN ('world_heritage_inscription', 'biosphere_reserve'))
"""
OFFICIAL_COUNTS_SQL = """
SELECT register, official_count, recorded, as_of, checked, source_url FROM register_completeness WHERE country_iso3 = :iso3
"""


def country_registers(conn: sqlite3.Connection, iso3: str, on: str) -> pd.DataFrame:
    """The country's entries on UNESCO's lists as of a date, one row per entry (the register's own id, else the
    record): group (world_heritage, intangible_heritage, memory_of_the_world, biosphere_reserves, category_2_centres,
    tentative_list, governing_body), name, first date, end, the Danger List status of World Heritage properties,
    source and publisher. Entries that left the list before the date are kept with on_list = False. A World Heritage
    property or biosphere reserve in places.csv without its inscription or designation record is listed from its place,
    so that the counts agree with the Overview and the Map."""
    rows = _frame(conn, REGISTER_ROWS_SQL, {"iso3": iso3, "on": on, "kinds": json.dumps(list(REGISTER_OF_KIND))})
    # a property or reserve on the map whose inscription or designation record is not found still counts (as its place)
    unrecorded = _frame(conn, UNRECORDED_SITES_SQL, {"iso3": iso3, "on": on})
    rows = pd.concat([rows, unrecorded], ignore_index=True) if len(unrecorded) else rows
    rows["group"] = rows["register"].map(lambda r: REGISTER_GROUP.get(r, r) if isinstance(r, str) else None)
    rows["group"] = rows["group"].fillna(rows["kind"].map(REGISTER_OF_KIND))
    # a nomination, a Tentative List entry or a Danger listing is not an entry on the list it concerns
    rows.loc[rows["kind"] == "world_heritage_nomination", "group"] = "nominations"
    rows.loc[rows["kind"] == "tentative_list", "group"] = "tentative_list"
    rows.loc[rows["kind"] == "world_heritage_danger_listing", "group"] = "world_heritage_in_danger"
    rows["key"] = rows["entry"].where(rows["entry"].notna(), rows["place_id"]).fillna(rows["id"])
    danger = rows[rows["group"] == "world_heritage_in_danger"]
    rows = rows[rows["group"] != "world_heritage_in_danger"]
    rows = rows.assign(on_list=rows["end_date"].map(lambda end: not isinstance(end, str) or end >= on[: len(end)]))
    first = rows.sort_values(["date", "id"]).groupby(["group", "key"], sort=False, as_index=False).first()
    first["on_list"] = first.set_index(["group", "key"]).index.map(rows.groupby(["group", "key"])["on_list"].any())
    listed = {key: row for key, row in zip(danger["key"], danger.itertuples()) if not isinstance(row.end_date, str)
              or row.end_date >= on[: len(row.end_date)]}
    first["in_danger"] = first["key"].map(lambda k: k in listed) & (first["group"] == "world_heritage")
    first["danger_since"] = first["key"].map(lambda k: listed[k].date if k in listed else None)
    order = {g: i for i, g in enumerate(commitments.REGISTER_LABELS)}
    first["order"] = first["group"].map(order).fillna(len(order))
    first = first.sort_values(["order", "date", "name"], kind="stable").drop(columns="order").reset_index(drop=True)
    return first[["group", "key", "name", "kind", "register", "entry", "date", "end_date", "on_list", "in_danger",
                  "danger_since", "status", "id", "source_url", "publisher"]]


def official_counts(conn: sqlite3.Connection, iso3: str) -> pd.DataFrame:
    """The official size of each register for the country (data/registers.yaml), to show beside ours."""
    if not _has_table(conn, "register_completeness"):
        return pd.DataFrame(columns=["register", "official_count", "recorded", "as_of", "checked", "source_url"])
    return _frame(conn, OFFICIAL_COUNTS_SQL, {"iso3": iso3})


COUNTRY_MEETINGS_SQL = """
WITH chosen AS (SELECT r.rid, r.id FROM records r
                WHERE r.rid IN (SELECT value FROM json_each(:rids)) AND r.record_type = 'meeting')
SELECT m.date, m.date_precision, m.title, m.kind, pl.name AS place,
       (SELECT group_concat(label, '; ') FROM (
            SELECT pe.name || coalesce(' (' || mp.role || ')', '') AS label FROM meeting_participants mp
            JOIN people pe ON pe.id = mp.person_id WHERE mp.meeting_id = m.id ORDER BY pe.name)) AS participants,
       m.summary, m.source_url, pub.name AS publisher, m.origin, m.id
FROM chosen JOIN meetings m ON m.id = chosen.id LEFT JOIN places pl ON pl.id = m.place_id
LEFT JOIN publishers pub ON pub.id = m.publisher_id
ORDER BY chosen.rid DESC
"""


def latest_meetings(conn: sqlite3.Connection, rids: list[int]) -> pd.DataFrame:
    """The given meetings, most recent first: date, who took part, what, where, source and its publisher."""
    return _frame(conn, COUNTRY_MEETINGS_SQL, {"rids": _rids(rids)})


CHAINS_SQL = """
SELECT l.chain_id, l.position, l.process, l.chain_title, l.stage, l.record_type, l.record_id, l.date, l.date_precision,
       l.ends, l.source_url, pub.name AS publisher, l.note, l.chain_note,
       coalesce(m.title, p.name) AS record_title, coalesce(m.source_url, p.source_url) AS record_source_url,
       coalesce(mpub.name, ppub.name) AS record_publisher,
       (SELECT group_concat(country_iso3, ', ') FROM (
            SELECT country_iso3 FROM meeting_countries WHERE l.record_type = 'meeting' AND meeting_id = l.record_id
            UNION SELECT country_iso3 FROM partnership_countries WHERE l.record_type = 'partnership'
                  AND partnership_id = l.record_id ORDER BY 1)) AS countries
FROM links l
LEFT JOIN publishers pub ON pub.id = l.publisher_id
LEFT JOIN meetings m ON l.record_type = 'meeting' AND m.id = l.record_id
LEFT JOIN publishers mpub ON mpub.id = m.publisher_id
LEFT JOIN partnerships p ON l.record_type = 'partnership' AND p.id = l.record_id
LEFT JOIN publishers ppub ON ppub.id = p.publisher_id
WHERE l.chain_id IN (SELECT chain_id FROM links WHERE (:record_type = '' OR (record_type = :record_type AND record_id = :id)))
ORDER BY l.chain_id, l.position
"""


def chain_stages(conn: sqlite3.Connection, record_type: str = "", record_id: str = "") -> pd.DataFrame:
    """Every stage of every commitment chain (or of the chains a record is a stage of), with the record's title,
    countries, source and publisher and the link's own source and publisher."""
    if not _has_table(conn, "links"):
        return pd.DataFrame(columns=["chain_id", "position", "process", "chain_title", "stage", "record_type", "record_id",
                                     "date", "date_precision", "ends", "source_url", "publisher", "note", "chain_note",
                                     "record_title", "record_source_url", "record_publisher", "countries"])
    return _frame(conn, CHAINS_SQL, {"record_type": record_type, "id": record_id})


def country_chains(conn: sqlite3.Connection, iso3: str, year_from: int | None = None, year_to: int | None = None) -> pd.DataFrame:
    """The stages of the chains one of whose records concerns the country (and, with years, has a stage in them)."""
    stages = chain_stages(conn)
    return commitments.for_country(stages, iso3, year_from, year_to)


# A Tentative List entry or a nomination that no chain in data/links.yaml follows yet is still an open step: it
# counts as a chain of one stage ('record:' + its id), read off the partnership itself.
UNCHAINED_NOMINATIONS_SQL = """
SELECT 'record:' || p.id AS chain_id, 1 AS position, 'nomination' AS process, p.name AS chain_title,
       CASE p.kind WHEN 'tentative_list' THEN 'tentative' ELSE 'nominated' END AS stage, 'partnership' AS record_type,
       p.id AS record_id, p.date, p.date_precision, p.end_date AS ends, p.source_url, pub.name AS publisher,
       NULL AS note, NULL AS chain_note, p.name AS record_title, p.source_url AS record_source_url,
       pub.name AS record_publisher,
       (SELECT group_concat(country_iso3, ', ') FROM (SELECT country_iso3 FROM partnership_countries
            WHERE partnership_id = p.id ORDER BY 1)) AS countries
FROM partnerships p LEFT JOIN publishers pub ON pub.id = p.publisher_id
WHERE p.kind IN ('tentative_list', 'world_heritage_nomination') AND coalesce(p.status, '') <> 'completed'
  AND p.end_date IS NULL AND p.id NOT IN (SELECT record_id FROM links WHERE record_type = 'partnership')
ORDER BY p.id
"""


def open_commitments(conn: sqlite3.Connection, iso3: str, on: str, year_from: int | None = None,
                     year_to: int | None = None) -> pd.DataFrame:
    """What is open for the country on a date: entries on the Tentative List not yet nominated, nominations without
    an outcome, agreements whose term ends within the next 24 months, visits announced or invited and not yet held,
    with how long each has been open. Chains come from data/links.yaml; a Tentative List entry or nomination that no
    chain follows yet counts as a chain of its own record."""
    stages = chain_stages(conn)
    if _has_table(conn, "links"):
        stages = pd.concat([stages, _frame(conn, UNCHAINED_NOMINATIONS_SQL)], ignore_index=True)
    return commitments.open_items(commitments.for_country(stages, iso3, year_from, year_to), on)


# ------------------------------------------------------------------------------------------- map (dashboard/maps.py)
# The Map page's own statements: places with their publisher, the components of serial properties, the water drawn
# under the markers, country names for labels, and the records linked to one place.

MAP_PLACES_SQL = """
SELECT p.id, p.name, p.kind, p.category, p.lat, p.lon, p.coord_precision, p.year, p.source_url, pub.name AS publisher,
       p.flags,
       (SELECT group_concat(country_iso3, ', ') FROM (SELECT country_iso3 FROM place_countries WHERE place_id = p.id ORDER BY 1)) AS countries
FROM places p LEFT JOIN publishers pub ON pub.id = p.publisher_id ORDER BY p.kind, p.name
"""
MAP_COMPONENTS_SQL = """
SELECT c.id, c.place_id, c.name, c.country_iso3, c.lat, c.lon, c.coord_precision, c.source_url, pub.name AS publisher
FROM place_components c LEFT JOIN publishers pub ON pub.id = c.publisher_id ORDER BY c.place_id, c.id
"""
MAP_WATER_SQL = "SELECT id, name, kind, geometry FROM water ORDER BY CASE kind WHEN 'river' THEN 1 ELSE 0 END, id"
COUNTRY_NAMES_SQL = "SELECT iso3, name FROM countries ORDER BY iso3"
PLACE_RECORDS_SQL = """
SELECT r.date, r.record_type, r.title, r.kind, pub.name AS publisher, r.source_url, r.id
FROM records r LEFT JOIN publishers pub ON pub.id = r.publisher_id
WHERE r.rid IN (SELECT value FROM json_each(:rids)) ORDER BY r.rid DESC
"""


def map_places(conn: sqlite3.Connection) -> pd.DataFrame:
    """Every place with its countries (ISO3, comma-separated) and the name of its source's publisher."""
    return _frame(conn, MAP_PLACES_SQL)


def place_components(conn: sqlite3.Connection) -> pd.DataFrame:
    """The components of serial and transboundary properties inside the region, each at its own point."""
    return _frame(conn, MAP_COMPONENTS_SQL)


def water(conn: sqlite3.Connection) -> pd.DataFrame:
    """Seas, lakes and rivers (GeoJSON geometry as text); water bodies first, so rivers draw on top."""
    return _frame(conn, MAP_WATER_SQL)


def country_names(conn: sqlite3.Connection) -> dict[str, str]:
    """ISO3 -> name, for every country a place refers to (not only the five)."""
    return dict(conn.execute(COUNTRY_NAMES_SQL).fetchall())


def place_records(conn: sqlite3.Connection, rids: list[int]) -> pd.DataFrame:
    """The given records, most recent first, with their kinds as words and their source's publisher."""
    frame = _frame(conn, PLACE_RECORDS_SQL, {"rids": _rids(rids)})
    frame["kind"] = [kind_label(k, t) for k, t in zip(frame["kind"], frame["record_type"])]
    frame["record_type"] = frame["record_type"].map({"meeting": "Meeting", "partnership": "Partnership"})
    return frame
