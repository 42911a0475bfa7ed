"""Synthetic databases for benchmarks: the real schema, realistic distributions, every row marked synthetic.

Written only to the path given (never to data/cooperation.db). Deterministic for a seed. The reference
tables (countries, themes) are the real ones from data/; people, places, meetings and partnerships are
invented, their titles start with "[synthetic]" and their origin is 'synthetic'.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path

import sqlite_utils

from .records import read_data
from .schema import ensure_schema, refresh_records

FOCUS = ["KAZ", "UZB", "KGZ", "TJK", "TKM"]
COUNTRY_WEIGHTS = [0.32, 0.28, 0.16, 0.13, 0.11]
MEETING_KINDS = ["bilateral_meeting", "official_visit", "video_conference", "conference", "signing_ceremony", "other"]
MEETING_WEIGHTS = [0.55, 0.15, 0.08, 0.12, 0.05, 0.05]
PARTNERSHIP_KINDS = ["agreement", "programme", "event", "world_heritage_inscription", "intangible_heritage_inscription",
                     "category_2_centre", "resolution", "other"]
PARTNERSHIP_WEIGHTS = [0.3, 0.2, 0.2, 0.05, 0.1, 0.03, 0.07, 0.05]
WORDS = ("cooperation heritage education water glacier science culture youth dialogue peace forum agreement programme "
         "museum university capacity training conference ministry delegation expedition manuscript desert river steppe "
         "library digital climate monitoring school teachers girls women innovation research silk roads").split()


def _text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def synth(db_path: Path, meetings: int, seed: int = 1, data_dir: Path = Path("data")) -> dict[str, int]:
    """Build a synthetic database at db_path (replacing it). Returns rows per table."""
    db_path = Path(db_path)
    if db_path.resolve() == (Path("data") / "cooperation.db").resolve():
        raise ValueError("refusing to write synthetic data to data/cooperation.db; give another --db path")
    rng = random.Random(seed)
    reference = read_data(Path(data_dir))
    db_path.unlink(missing_ok=True)
    db = sqlite_utils.Database(db_path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    ensure_schema(db)
    conn: sqlite3.Connection = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")  # rows are generated consistent; checking 10M links one by one is slow
    db["countries"].insert_all(reference.rows["countries"])
    db["themes"].insert_all(reference.rows["themes"])
    themes = [t["id"] for t in reference.rows["themes"]]
    theme_weights = [0.30, 0.12, 0.10, 0.09, 0.08, 0.08, 0.06, 0.05, 0.05, 0.04, 0.03][: len(themes)]

    n_people = max(50, meetings // 20)
    n_places = max(30, meetings // 200)
    n_partnerships = max(20, meetings // 4)
    with conn:
        conn.executemany("INSERT INTO people (id, name, source_url, flags, origin, confidence) VALUES (?, ?, ?, 'synthetic', "
                         "'synthetic', 1.0)",
                         ((f"syn-person-{i}", f"[synthetic] Person {i}", "https://example.org/synthetic") for i in range(n_people)))
        conn.executemany("INSERT INTO places (id, name, kind, lat, lon, coord_precision, source_url, flags, origin, confidence) "
                         "VALUES (?, ?, 'city', ?, ?, 'city', 'https://example.org/synthetic', 'synthetic', 'synthetic', 1.0)",
                         ((f"syn-place-{i}", f"[synthetic] Venue {i}", round(rng.uniform(36, 55), 4), round(rng.uniform(47, 87), 4))
                          for i in range(n_places)))
        conn.executemany("INSERT INTO place_countries (place_id, country_iso3) VALUES (?, ?)",
                         ((f"syn-place-{i}", rng.choices(FOCUS, COUNTRY_WEIGHTS)[0]) for i in range(n_places)))

    start = dt.date(1992, 5, 22).toordinal()
    span = dt.date(2026, 11, 1).toordinal() - start

    def day() -> tuple[str, str, int]:
        # more cooperation in later years: skew towards the end of the period
        ordinal = start + int(span * (rng.random() ** 0.6))
        d = dt.date.fromordinal(ordinal)
        precision = rng.choices(["day", "month", "year"], [0.85, 0.1, 0.05])[0]
        text = d.isoformat() if precision == "day" else d.isoformat()[:7] if precision == "month" else str(d.year)
        return text, precision, d.year

    def links(table: str, key: str, ids, countries_k=(1, 2, 3), themes_k=(1, 2, 3)) -> None:
        country_rows, theme_rows = [], []
        for record_id in ids:
            for c in set(rng.choices(FOCUS, COUNTRY_WEIGHTS, k=rng.choices(countries_k, [0.7, 0.22, 0.08])[0])):
                country_rows.append((record_id, c))
            for t in set(rng.choices(themes, theme_weights, k=rng.choices(themes_k, [0.45, 0.4, 0.15])[0])):
                theme_rows.append((record_id, t))
        conn.executemany(f"INSERT INTO {table}_countries ({key}, country_iso3) VALUES (?, ?)", country_rows)  # noqa: S608
        conn.executemany(f"INSERT INTO {table}_themes ({key}, theme_id) VALUES (?, ?)", theme_rows)  # noqa: S608

    batch = 50_000
    with conn:
        for first in range(0, meetings, batch):
            ids = [f"syn-m-{i}" for i in range(first, min(meetings, first + batch))]
            rows, participants = [], []
            for record_id in ids:
                date, precision, year = day()
                rows.append((record_id, date, precision, year, f"[synthetic] Meeting on {_text(rng, 2, 6)}",
                             rng.choices(MEETING_KINDS, MEETING_WEIGHTS)[0],
                             f"syn-place-{rng.randrange(n_places)}" if rng.random() < 0.8 else None,
                             "[synthetic] " + _text(rng, 12, 45), "https://example.org/synthetic"))
                for person in set(rng.randrange(n_people) for _ in range(rng.choice((2, 2, 3, 4)))):
                    participants.append((record_id, f"syn-person-{person}", "[synthetic] role"))
            conn.executemany("INSERT INTO meetings (id, date, date_precision, year, title, kind, place_id, summary, source_url, "
                             "flags, origin, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'synthetic', 'synthetic', 1.0)", rows)
            conn.executemany("INSERT INTO meeting_participants (meeting_id, person_id, role) VALUES (?, ?, ?)", participants)
            links("meeting", "meeting_id", ids)
        for first in range(0, n_partnerships, batch):
            ids = [f"syn-p-{i}" for i in range(first, min(n_partnerships, first + batch))]
            rows = []
            for record_id in ids:
                date, precision, year = day()
                rows.append((record_id, f"[synthetic] Partnership on {_text(rng, 2, 5)}",
                             rng.choices(PARTNERSHIP_KINDS, PARTNERSHIP_WEIGHTS)[0], date, precision, year,
                             rng.choice(["active", "completed", "unknown"]),
                             f"syn-place-{rng.randrange(n_places)}" if rng.random() < 0.3 else None,
                             "[synthetic] " + _text(rng, 10, 35), "https://example.org/synthetic"))
            conn.executemany("INSERT INTO partnerships (id, name, kind, date, date_precision, year, status, place_id, summary, "
                             "source_url, flags, origin, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'synthetic', "
                             "'synthetic', 1.0)", rows)
            links("partnership", "partnership_id", ids)
    refresh_records(db)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    db["etl_runs"].insert({"id": 1, "started_at": now, "finished_at": now, "status": "synthetic",
                           "data_dir": f"synthetic: {meetings} meetings, seed {seed}", "files_read": 0, "rows_loaded": meetings,
                           "rows_rejected": 0, "etl_version": "synthetic"})
    db.execute("ANALYZE")
    counts = {t: db[t].count for t in ("meetings", "partnerships", "meeting_themes", "meeting_countries", "meeting_participants",
                                       "records", "record_themes", "record_countries")}
    db.close()
    return counts
