"""Synthetic databases for benchmarks: the real schema, realistic distributions, every row marked synthetic.

Written only to the path given (never to data/cooperation.db). Deterministic for a seed. The reference
tables (countries, themes) are the real ones from data/; people, places, meetings and partnerships are
invented, their titles start with "[synthetic]" and their origin is 'synthetic'.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import numpy as np
import sqlite_utils

from .records import read_data
from .index import write_index
from .schema import drop_indexes, ensure_schema, refresh_records

FOCUS = ["KAZ", "UZB", "KGZ", "TJK", "TKM"]
COUNTRY_WEIGHTS = [0.32, 0.28, 0.16, 0.13, 0.11]
LINK_SQL = {
    ("meeting", "country_iso3"): "INSERT INTO meeting_countries (meeting_id, country_iso3) VALUES (?, ?)",
    ("meeting", "theme_id"): "INSERT INTO meeting_themes (meeting_id, theme_id) VALUES (?, ?)",
    ("partnership", "country_iso3"): "INSERT INTO partnership_countries (partnership_id, country_iso3) VALUES (?, ?)",
    ("partnership", "theme_id"): "INSERT INTO partnership_themes (partnership_id, theme_id) VALUES (?, ?)",
}
THEME_WEIGHTS = [0.30, 0.12, 0.10, 0.09, 0.08, 0.08, 0.06, 0.05, 0.05, 0.04, 0.03]
MEETING_KINDS = ["bilateral_meeting", "official_visit", "video_conference", "conference", "signing_ceremony", "other"]
MEETING_WEIGHTS = [0.55, 0.15, 0.08, 0.12, 0.05, 0.05]
PARTNERSHIP_KINDS = ["agreement", "programme", "event", "world_heritage_inscription", "intangible_heritage_inscription",
                     "category_2_centre", "resolution", "other"]
PARTNERSHIP_WEIGHTS = [0.3, 0.2, 0.2, 0.05, 0.1, 0.03, 0.07, 0.05]
WORDS = ("cooperation heritage education water glacier science culture youth dialogue peace forum agreement programme "
         "museum university capacity training conference ministry delegation expedition manuscript desert river steppe "
         "library digital climate monitoring school teachers girls women innovation research silk roads").split()


def _phrases(rng: np.random.Generator, count: int, low: int, high: int) -> np.ndarray:
    """A pool of synthetic phrases; records draw from it (realistic lengths, cheap to generate)."""
    vocabulary = np.array(WORDS)
    lengths = rng.integers(low, high + 1, size=count)
    return np.array([" ".join(vocabulary[rng.integers(0, len(vocabulary), size=n)]) for n in lengths], dtype=object)


def synth(db_path: Path, meetings: int, seed: int = 1, data_dir: Path = Path("data")) -> dict[str, int]:
    """Build a synthetic database at db_path (replacing it). Returns rows per table."""
    db_path = Path(db_path)
    if db_path.resolve() == (Path("data") / "cooperation.db").resolve():
        raise ValueError("refusing to write synthetic data to data/cooperation.db; give another --db path")
    rng = np.random.default_rng(seed)
    reference = read_data(Path(data_dir))
    db_path.unlink(missing_ok=True)
    db = sqlite_utils.Database(db_path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -400000")  # 400 MB of page cache while loading
    db.execute("PRAGMA temp_store = MEMORY")
    ensure_schema(db)
    conn: sqlite3.Connection = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")  # rows are generated consistent; checking 10M links one by one is slow
    drop_indexes(db)  # load first, index after: much faster than keeping indexes up to date row by row
    db["publishers"].insert_all(reference.rows["publishers"])
    db["countries"].insert_all(reference.rows["countries"])
    db["themes"].insert_all(reference.rows["themes"])
    themes = np.array([t["id"] for t in reference.rows["themes"]], dtype=object)
    theme_p = np.array(THEME_WEIGHTS[: len(themes)])
    theme_p = theme_p / theme_p.sum()
    focus = np.array(FOCUS, dtype=object)

    n_people = max(50, meetings // 20)
    n_places = max(30, meetings // 200)
    n_partnerships = max(20, meetings // 4)
    with conn:
        conn.executemany("INSERT INTO people (id, name, source_url, flags, origin, confidence) VALUES (?, ?, ?, 'synthetic', "
                         "'synthetic', 1.0)",
                         ((f"syn-person-{i}", f"[synthetic] Person {i}", "https://example.org/synthetic") for i in range(n_people)))
        lats, lons = rng.uniform(36, 55, n_places).round(4), rng.uniform(47, 87, n_places).round(4)
        conn.executemany("INSERT INTO places (id, name, kind, lat, lon, coord_precision, source_url, flags, origin, confidence) "
                         "VALUES (?, ?, 'city', ?, ?, 'city', 'https://example.org/synthetic', 'synthetic', 'synthetic', 1.0)",
                         ((f"syn-place-{i}", f"[synthetic] Venue {i}", float(lats[i]), float(lons[i])) for i in range(n_places)))
        conn.executemany("INSERT INTO place_countries (place_id, country_iso3) VALUES (?, ?)",
                         zip((f"syn-place-{i}" for i in range(n_places)), rng.choice(focus, size=n_places, p=COUNTRY_WEIGHTS)))

    titles, summaries = _phrases(rng, 4000, 2, 6), _phrases(rng, 4000, 12, 45)
    start = dt.date(1992, 5, 22).toordinal()
    span = dt.date(2026, 11, 1).toordinal() - start

    def all_ordinals(n: int) -> np.ndarray:
        # more cooperation in later years: skew towards the end of the period. Sorted, so that ids follow dates and
        # the derived tables are filled by reading the base tables in order (much faster at a million rows).
        return np.sort(start + (span * rng.random(n) ** 0.6).astype(int))

    def dates(ordinals: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
        n = len(ordinals)
        days = [dt.date.fromordinal(int(o)) for o in ordinals]
        precision = rng.choice(np.array(["day", "month", "year"], dtype=object), size=n, p=[0.85, 0.1, 0.05])
        text = [d.isoformat() if p == "day" else d.isoformat()[:7] if p == "month" else str(d.year) for d, p in zip(days, precision)]
        return text, precision, np.array([d.year for d in days])

    def links(table: str, ids: list[str]) -> None:
        n = len(ids)
        ids_array = np.array(ids, dtype=object)
        for column, values, p, sizes, size_p in (("country_iso3", focus, COUNTRY_WEIGHTS, (1, 2, 3), (0.7, 0.22, 0.08)),
                                                  ("theme_id", themes, theme_p, (1, 2, 3), (0.45, 0.4, 0.15))):
            k = rng.choice(sizes, size=n, p=size_p)
            owners = np.repeat(ids_array, k)
            picks = rng.choice(values, size=len(owners), p=p)
            pairs = dict.fromkeys(zip(owners, picks))  # drop repeated picks, keep order
            conn.executemany(LINK_SQL[table, column], pairs)

    def fields(prefix: str, days: np.ndarray, first: int, n: int, place_share: float):
        """What meetings and partnerships have in common: ids (in date order), dates, place, title and summary."""
        ids = [f"syn-{prefix}-{i:08d}" for i in range(first, first + n)]
        text, precision, years = dates(days[first : first + n])
        has_place = rng.random(n) < place_share
        place = rng.integers(0, n_places, size=n)
        places = [f"syn-place-{p}" if h else None for p, h in zip(place.tolist(), has_place.tolist())]
        title = titles[rng.integers(0, len(titles), size=n)]
        summary = ["[synthetic] " + t for t in summaries[rng.integers(0, len(summaries), size=n)]]
        return ids, text, precision, years.tolist(), places, title, summary

    batch = 100_000
    meeting_days, partnership_days = all_ordinals(meetings), all_ordinals(n_partnerships)
    with conn:
        for first in range(0, meetings, batch):
            n = min(meetings, first + batch) - first
            ids, text, precision, years, places, title, summary = fields("m", meeting_days, first, n, 0.8)
            kinds = rng.choice(np.array(MEETING_KINDS, dtype=object), size=n, p=MEETING_WEIGHTS)
            conn.executemany(
                "INSERT INTO meetings (id, date, date_precision, year, title, kind, place_id, summary, source_url, flags, origin, "
                "confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'https://example.org/synthetic', 'synthetic', 'synthetic', 1.0)",
                zip(ids, text, precision, years, ("[synthetic] Meeting on " + t for t in title), kinds, places, summary))
            counts = rng.choice([2, 2, 3, 4], size=n)
            owners = np.repeat(np.array(ids, dtype=object), counts)
            people = rng.integers(0, n_people, size=len(owners))
            pairs = dict.fromkeys(zip(owners, (f"syn-person-{p}" for p in people.tolist())))
            conn.executemany("INSERT INTO meeting_participants (meeting_id, person_id, role) VALUES (?, ?, '[synthetic] role')", pairs)
            links("meeting", ids)
        for first in range(0, n_partnerships, batch):
            n = min(n_partnerships, first + batch) - first
            ids, text, precision, years, places, title, summary = fields("p", partnership_days, first, n, 0.3)
            kinds = rng.choice(np.array(PARTNERSHIP_KINDS, dtype=object), size=n, p=PARTNERSHIP_WEIGHTS)
            status = rng.choice(np.array(["active", "completed", "unknown"], dtype=object), size=n)
            conn.executemany(
                "INSERT INTO partnerships (id, name, kind, date, date_precision, year, status, place_id, summary, source_url, flags, "
                "origin, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'https://example.org/synthetic', 'synthetic', 'synthetic', 1.0)",
                zip(ids, ("[synthetic] Partnership on " + t for t in title), kinds, text, precision, years, status, places, summary))
            links("partnership", ids)
    ensure_schema(db)  # the indexes again
    refresh_records(db)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    db["etl_runs"].insert({"id": 1, "started_at": now, "finished_at": now, "status": "synthetic",
                           "data_dir": f"synthetic: {meetings} meetings, seed {seed}", "files_read": 0, "rows_loaded": meetings,
                           "rows_rejected": 0, "etl_version": "synthetic"})
    db.execute("PRAGMA analysis_limit = 1000")  # approximate statistics: enough for the planner, fast at any size
    db.execute("ANALYZE")
    counts = {t: db[t].count for t in ("meetings", "partnerships", "meeting_themes", "meeting_countries", "meeting_participants",
                                       "records", "record_themes", "record_countries")}
    db.close()
    write_index(db_path)  # the dashboard's filter index, next to the database (etl/index.py)
    return counts
