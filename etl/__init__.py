"""The write side: curated records and press releases in, one SQLite database out."""

import os
from pathlib import Path

DEFAULT_DB = "data/cooperation.db"


def default_db_path() -> Path:
    """The database every command and the app use: $COOPERATION_DB, else data/cooperation.db."""
    return Path(os.environ.get("COOPERATION_DB") or DEFAULT_DB)
