"""Every SQL statement the app runs. Named parameters only; each function returns a DataFrame."""

from __future__ import annotations

import sqlite3

import pandas as pd


def _frame(conn: sqlite3.Connection, sql: str, params: dict | None = None) -> pd.DataFrame:
    return pd.read_sql_query(sql, conn, params=params or {})


COUNTS_SQL = """
SELECT
  (SELECT count(*) FROM meetings) AS meetings,
  (SELECT count(*) FROM partnerships) AS partnerships,
  (SELECT count(*) FROM places WHERE kind = 'world_heritage_site') AS world_heritage_sites,
  (SELECT count(*) FROM places) AS places,
  (SELECT count(*) FROM people) AS people,
  (SELECT count(*) FROM countries WHERE focus = 1) AS countries,
  (SELECT count(*) FROM rejects) AS rejects
"""


def record_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in the main tables of the whole database."""
    return _frame(conn, COUNTS_SQL).iloc[0].to_dict()


def last_build(conn: sqlite3.Connection) -> dict | None:
    frame = _frame(conn, "SELECT * FROM etl_runs ORDER BY id DESC LIMIT 1")
    return None if frame.empty else frame.iloc[0].to_dict()
