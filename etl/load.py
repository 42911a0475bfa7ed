"""Write validated records into SQLite with sqlite-utils, atomically.

The database is built in a temporary file next to the target and swapped in with one
`os.replace`; until that rename the previous database is untouched, so a crash, an error or a
Ctrl-C at any point leaves it intact and readable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import sqlite_utils

from .records import Dataset, Reject, read_data
from .index import write_index
from .schema import DERIVED_TABLES, SCHEMA_VERSION, TABLES, drop_indexes, ensure_schema, refresh_records

FACT_TABLES = tuple(t.name for t in TABLES if t.name not in ("etl_runs", "rejects") + DERIVED_TABLES)


class BuildError(Exception):
    """The build did not produce a database; the message says why, for a person."""


@dataclass
class BuildReport:
    db_path: Path
    counts: dict[str, int]
    rejects: list[Reject]
    run_id: int
    seconds: float
    written: bool

    def summary(self) -> str:
        lines = [f"Built {self.db_path} (run {self.run_id}, {self.seconds:.2f} s)." if self.written
                 else f"Did not write {self.db_path}."]
        lines.append("Rows per table: " + ", ".join(f"{t} {n}" for t, n in self.counts.items() if n))
        if self.rejects:
            lines.append(f"{len(self.rejects)} record(s) refused (also in the 'rejects' table):")
            lines += [f"  - {r}" for r in self.rejects]
        else:
            lines.append("No records refused.")
        return "\n".join(lines)


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def input_digest(files: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _sort_key(table_name: str) -> Callable[[dict[str, Any]], tuple]:
    pk = next(t.pk for t in TABLES if t.name == table_name)
    cols = (pk,) if isinstance(pk, str) else pk
    return lambda row: tuple(str(row[c]) for c in cols)  # key columns are never missing (read_data checks them)


def insert_sql(table: str) -> str:
    """The prepared INSERT of a table, over its declared columns (etl/schema.py)."""
    columns = list(next(t.columns for t in TABLES if t.name == table))
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})")


def save_dataset(db: sqlite_utils.Database, dataset: Dataset) -> None:
    """Insert every row, table by table in dependency order, sorted by key so builds are identical: one prepared
    statement per table and executemany over tuples (several times faster than building a statement per batch)."""
    for table in FACT_TABLES:
        rows = sorted(dataset.rows.get(table, []), key=_sort_key(table))
        if rows:
            unknown = set().union(*map(set, rows[:1])) - set(next(t.columns for t in TABLES if t.name == table))
            if unknown:
                raise ValueError(f"{table}: columns not in the schema: {sorted(unknown)}")
            columns = list(next(t.columns for t in TABLES if t.name == table))
            db.conn.executemany(insert_sql(table), ([row.get(c) for c in columns] for row in rows))


def bulk_load(db: sqlite_utils.Database, dataset: Dataset) -> None:
    """Create the schema and insert every row of the dataset, fast: secondary indexes are made after the load, and
    foreign keys are not enforced row by row (read_data checked every reference; the build runs foreign_key_check)."""
    db.execute("PRAGMA cache_size = -200000")
    ensure_schema(db)
    db.execute("PRAGMA foreign_keys = OFF")
    drop_indexes(db)
    save_dataset(db, dataset)
    ensure_schema(db)  # the indexes again; foreign keys enforced again for what follows


def save_rejects(db: sqlite_utils.Database, rejects: list[Reject]) -> None:
    db["rejects"].insert_all(
        [{"id": i, "file": r.file, "line": r.line, "record_id": r.record_id, "field": r.field, "value": r.value,
          "reason": r.reason} for i, r in enumerate(rejects, start=1)]
    )


PREVIOUS_RUNS_SQL = "SELECT * FROM etl_runs ORDER BY id"
PREVIOUS_DOCUMENTS_SQL = "SELECT * FROM documents ORDER BY id"


def read_previous(db_path: Path, sql: str) -> list[dict[str, Any]]:
    """Rows of the database being replaced (empty if there is none or it is unreadable): its etl_runs history,
    and the ingested press releases a build re-applies."""
    if not db_path.exists():
        return []
    try:
        conn = sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute(sql)]
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def build(data_dir: Path, db_path: Path, strict: bool = False) -> BuildReport:
    """Read data_dir, validate, and atomically replace db_path with a freshly built database."""
    data_dir, db_path = Path(data_dir), Path(db_path)
    started = dt.datetime.now(dt.timezone.utc)
    if not data_dir.is_dir():
        raise BuildError(f"the data folder {data_dir} does not exist")
    dataset = read_data(data_dir)
    counts = {t: dataset.count(t) for t in FACT_TABLES}
    if strict and dataset.rejects:
        return BuildReport(db_path, counts, dataset.rejects, 0, _elapsed(started), written=False)

    db_path.parent.mkdir(parents=True, exist_ok=True)
    history = read_previous(db_path, PREVIOUS_RUNS_SQL)
    documents = read_previous(db_path, PREVIOUS_DOCUMENTS_SQL)
    run_id = max((r["id"] for r in history), default=0) + 1
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.building")
    try:
        tmp.unlink(missing_ok=True)
        db = sqlite_utils.Database(tmp)
        db.execute("PRAGMA journal_mode = OFF")  # a scratch file: durability comes from fsync + rename below
        db.execute("PRAGMA synchronous = OFF")
        bulk_load(db, dataset)
        if documents:
            from .extract import load_reference
            from .ingest import reapply_documents

            reapply_documents(db, documents, load_reference(data_dir))
        refresh_records(db)
        save_rejects(db, dataset.rejects)
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise BuildError(f"foreign key check failed on {len(problems)} row(s), first: {problems[0]}")
        if history:
            db["etl_runs"].insert_all(history)
        db["etl_runs"].insert({
            "id": run_id, "started_at": started.replace(microsecond=0).isoformat(), "finished_at": utc_now(),
            "status": "ok_with_rejects" if dataset.rejects else "ok", "data_dir": str(data_dir),
            "input_digest": input_digest(dataset.files, data_dir), "files_read": len(dataset.files),
            "rows_loaded": sum(counts.values()), "rows_rejected": len(dataset.rejects),
            "table_counts": json.dumps(counts), "etl_version": str(SCHEMA_VERSION),
        })
        db.execute("PRAGMA analysis_limit = 1000")
        db.execute("ANALYZE")
        db.conn.commit()
        db.close()
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, db_path)
        _fsync_dir(db_path.parent)
        write_index(db_path)  # the dashboard's filter index, next to the database (etl/index.py)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BuildReport(db_path, counts, dataset.rejects, run_id, _elapsed(started), written=True)


def _elapsed(started: dt.datetime) -> float:
    return (dt.datetime.now(dt.timezone.utc) - started).total_seconds()


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
