"""The filter index, written next to the database by `etl build` (and `etl ingest`, `etl synth`): FILE.index.npz.

Every record's filter columns as numpy arrays — the fields of dashboard.cube.Cube, under the same names — so that
an app process loads them in milliseconds instead of reading every record and link through pandas (1.4 s at 200,000
meetings). The file also holds the key of the database it was made from (record count, last rid, last ETL run);
the dashboard uses the file only when the key matches the database it opened, and otherwise builds the index from
SQL as before. The file is written to a temporary name and renamed, like the database.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import numpy as np

# The same statement as dashboard.queries.INDEX_KEY_SQL (a test checks that they are equal).
KEY_SQL = ("SELECT (SELECT count(*) FROM records) || ':' || coalesce((SELECT max(rid) FROM records), 0) || ':' || "
           "coalesce((SELECT max(id) || '@' || max(finished_at) FROM etl_runs), '')")
RECORDS_SQL = "SELECT rid, year, record_type = 'meeting', kind, origin = 'extracted', place_id FROM records ORDER BY rid"
THEMES_SQL = "SELECT id FROM themes ORDER BY label"
COUNTRIES_SQL = "SELECT iso3 FROM countries WHERE focus = 1 ORDER BY name"
# Each record's themes (countries) as one bit mask, summed in SQLite (a record has a theme once: sum = OR), with the bit
# numbers given as a JSON list of ids: one row per record instead of one per link through Python.
THEME_BITS_SQL = ("SELECT t.rid, sum(1 << c.key) FROM record_themes t JOIN json_each(:ids) c ON c.value = t.theme_id "
                  "GROUP BY t.rid")
COUNTRY_BITS_SQL = ("SELECT t.rid, sum(1 << c.key) FROM record_countries t JOIN json_each(:ids) c ON c.value = t.country_iso3 "
                    "GROUP BY t.rid")


def index_path(db_path: Path) -> Path:
    return Path(str(db_path) + ".index.npz")


class _Categories:
    """Codes of a text column read chunk by chunk: numbered as first seen, renumbered in sorted order at the end
    (None is -1), so that no list of every value is held."""

    def __init__(self, size: int, dtype):
        self.codes = np.empty(size, dtype=dtype)
        self.seen: dict[str, int] = {}

    def add(self, start: int, values: tuple) -> None:
        seen = self.seen
        codes = [-1 if v is None else seen.setdefault(v, len(seen)) for v in values]
        self.codes[start:start + len(codes)] = codes

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        categories = sorted(self.seen)
        renumber = np.empty(len(categories) + 1, dtype=self.codes.dtype)
        renumber[-1] = -1  # index -1: no value
        for code, value in enumerate(categories):
            renumber[self.seen[value]] = code
        return renumber[self.codes], np.array(categories, dtype=str)


CHUNK = 65_536


def _bits(conn: sqlite3.Connection, sql: str, ids: list[str], rid: np.ndarray, dtype) -> np.ndarray:
    out = np.zeros(len(rid), dtype=dtype)
    cursor = conn.execute(sql, {"ids": json.dumps(ids)})
    while rows := cursor.fetchmany(CHUNK):
        masks = np.array(rows, dtype=np.int64)
        out[np.searchsorted(rid, masks[:, 0])] = masks[:, 1].astype(dtype)
    return out


def arrays(conn: sqlite3.Connection) -> dict[str, np.ndarray]:
    """The index of an open database: the fields of dashboard.cube.Cube, plus its key."""
    size = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    rid = np.empty(size, dtype=np.int64)
    year = np.empty(size, dtype=np.int16)
    is_meeting = np.empty(size, dtype=bool)
    extracted = np.empty(size, dtype=bool)
    kind, place = _Categories(size, np.int16), _Categories(size, np.int32)
    cursor = conn.execute(RECORDS_SQL)
    done = 0
    while chunk := cursor.fetchmany(CHUNK):  # a chunk of rows at a time: a million records are never all in Python
        end = done + len(chunk)
        if end > size:
            raise RuntimeError("the records table changed while its index was read")
        columns = list(zip(*chunk))
        rid[done:end], year[done:end], is_meeting[done:end], extracted[done:end] = (columns[0], columns[1], columns[2],
                                                                                    columns[4])
        kind.add(done, columns[3])
        place.add(done, columns[5])
        done = end
    if done != size:
        raise RuntimeError("the records table changed while its index was read")
    kinds, places = kind.result(), place.result()
    themes = [r[0] for r in conn.execute(THEMES_SQL)]
    countries = [r[0] for r in conn.execute(COUNTRIES_SQL)]
    return {
        "key": np.array(conn.execute(KEY_SQL).fetchone()[0]),
        "rid": rid,
        "year": year,
        "is_meeting": is_meeting,
        "kind": kinds[0], "kinds": kinds[1],
        "extracted": extracted,
        "place": places[0], "places": places[1],
        "theme_bits": _bits(conn, THEME_BITS_SQL, themes, rid, np.uint32), "themes": np.array(themes, dtype=str),
        "country_bits": _bits(conn, COUNTRY_BITS_SQL, countries, rid, np.uint8), "countries": np.array(countries, dtype=str),
    }


def write_index(db_path: Path) -> Path:
    """Write FILE.index.npz for the database at db_path (atomically); returns its path."""
    db_path = Path(db_path)
    target = index_path(db_path)
    conn = sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        data = arrays(conn)
    finally:
        conn.close()
    temporary = target.with_name(target.name + ".tmp.npz")
    np.savez(temporary, **data)
    os.replace(temporary, target)
    return target
