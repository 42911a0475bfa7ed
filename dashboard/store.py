"""Opening the database, read-only. The only module that connects."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

DEFAULT_DB = "data/cooperation.db"


class DatabaseUnavailable(Exception):
    """The database file is missing or is not a database this app can read; the message says what to do."""


def db_path() -> Path:
    """$COOPERATION_DB, else data/cooperation.db."""
    return Path(os.environ.get("COOPERATION_DB") or DEFAULT_DB)


def db_version(path: Path) -> str:
    """The file's inode and modification time: cache keys change when a build swaps in a new file."""
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    return f"{stat.st_ino}:{stat.st_mtime_ns}"


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection (`mode=ro`): the app can never change the database."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseUnavailable(f"No database at {path}. Build it with `make db` (or `python -m etl build`).")
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT 1 FROM meetings LIMIT 1")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseUnavailable(
            f"{path} is not a cooperation database ({exc}). Rebuild it with `make db` (or `python -m etl build`)."
        ) from None
    return conn
