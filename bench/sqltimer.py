"""Time spent inside SQLite while the dashboard runs.

dashboard/store.py is the only module that connects (DESIGN.md, section 1), with `sqlite3.connect(...)`.
`install()` replaces the `sqlite3` name inside dashboard.store with a stand-in whose connect() returns a
connection subclass; its cursors add the time of every execute and fetch to one clock. pandas.read_sql_query,
conn.execute(...).fetchall() and iteration over a cursor all go through these methods, so whatever
queries.py or cube.py do with the connection is counted, however they are written. Building DataFrames,
numpy work and Streamlit are not counted: the clock measures SQLite (and the sqlite3 module's row building).
"""

from __future__ import annotations

import sqlite3
import time


class Clock:
    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls = 0

    def reset(self) -> None:
        self.seconds, self.calls = 0.0, 0


CLOCK = Clock()


def _clocked(method):
    def wrapper(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return method(self, *args, **kwargs)
        finally:
            CLOCK.seconds += time.perf_counter() - start
            CLOCK.calls += 1

    wrapper.__name__ = method.__name__
    return wrapper


class TimedCursor(sqlite3.Cursor):
    execute = _clocked(sqlite3.Cursor.execute)
    executemany = _clocked(sqlite3.Cursor.executemany)
    executescript = _clocked(sqlite3.Cursor.executescript)
    fetchone = _clocked(sqlite3.Cursor.fetchone)
    fetchmany = _clocked(sqlite3.Cursor.fetchmany)
    fetchall = _clocked(sqlite3.Cursor.fetchall)

    def __next__(self):
        start = time.perf_counter()
        try:
            return sqlite3.Cursor.__next__(self)
        finally:
            CLOCK.seconds += time.perf_counter() - start


class TimedConnection(sqlite3.Connection):
    """Connection.execute is a C shortcut that would bypass a cursor subclass, so it is rebuilt on cursor()."""

    def cursor(self, factory=TimedCursor):
        return super().cursor(factory)

    def execute(self, sql, parameters=()):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, parameters):
        return self.cursor().executemany(sql, parameters)


class _Sqlite3WithTimer:
    """The sqlite3 module, except that connect() makes TimedConnections."""

    def __getattr__(self, name):
        return getattr(sqlite3, name)

    @staticmethod
    def connect(*args, **kwargs):
        kwargs.setdefault("factory", TimedConnection)
        return sqlite3.connect(*args, **kwargs)


def install() -> Clock:
    """Count SQLite time of every connection dashboard.store opens from now on; returns the clock."""
    from dashboard import store

    store.sqlite3 = _Sqlite3WithTimer()
    return CLOCK
