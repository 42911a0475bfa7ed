"""Write validated records into SQLite (schema by sqlite-utils, rows by prepared executemany), atomically.

The records come as a stream of batches (etl.records.stream_data validates file by file): each batch is written as
it comes and dropped, so a build holds one batch, not the data set; every table still ends up in key order.

The database is a build artefact: everything in it comes from files (the curated records in data/, the
ingested press releases in the releases folder, the review decisions in data/review/), so deleting it and
building again gives the same rows. It is built in a temporary file next to the target and swapped in with
one `os.replace`; until that rename the previous database is untouched, so a crash, an error or a Ctrl-C at
any point leaves it intact and readable. A build that would drop more than SHRINK_LIMIT of the curated
records of any table of the previous database is not swapped in (unless allow_shrink): the last good
database stays, with a row in its `refused_builds` that says what would have been dropped and why.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from operator import itemgetter
from typing import Any, Callable, Iterable, Iterator

import sqlite_utils

from .records import Dataset, Reject, stream_data
from .index import write_index
from .schema import DERIVED_TABLES, SCHEMA_VERSION, TABLES, TABLES_BY_NAME, drop_indexes, ensure_schema, refresh_records

FACT_TABLES = tuple(t.name for t in TABLES if t.name not in ("etl_runs", "rejects", "warnings", "refused_builds")
                    + DERIVED_TABLES)
# Tables whose rows a build may not silently lose: one id per row. Curated rows only where a table has an origin
# (extracted records come and go as releases are reviewed); every ingested release.
SHRINK_TABLES = tuple(t.name for t in TABLES if isinstance(t.pk, str) and t.name in FACT_TABLES and t.name != "evidence")
SHRINK_LIMIT = 0.05


class BuildError(Exception):
    """The build did not produce a database; the message says why, for a person."""


@dataclass
class Shrink:
    """Rows of one table of the previous database that a build would drop, and why each one goes."""

    table: str
    before: int
    dropped: dict[str, str]  # id -> reason

    @property
    def share(self) -> float:
        return len(self.dropped) / self.before if self.before else 0.0

    def describe(self, limit: int = 12) -> str:
        items = sorted(self.dropped.items())
        lines = [f"{self.table}: {len(self.dropped)} of {self.before} ({self.share:.0%}) would be dropped:"]
        lines += [f"    {key}: {why}" for key, why in items[:limit]]
        if len(items) > limit:
            lines.append(f"    … and {len(items) - limit} more")
        return "\n".join(lines)


@dataclass
class BuildReport:
    db_path: Path
    counts: dict[str, int]
    rejects: list[Reject]
    run_id: int
    seconds: float
    written: bool
    warnings: list[Reject] = field(default_factory=list)
    shrinks: list[Shrink] = field(default_factory=list)  # tables that would lose more than SHRINK_LIMIT (not written)

    @property
    def refused(self) -> bool:
        """The build was refused because it would have dropped too many records (the last good database stays)."""
        return bool(self.shrinks) and not self.written

    def summary(self) -> str:
        if self.written:
            lines = [f"Built {self.db_path} (run {self.run_id}, {self.seconds:.2f} s)."]
        elif self.refused:
            lines = [f"Did not replace {self.db_path}: this build would drop more than {SHRINK_LIMIT:.0%} of a table's "
                     "records. The last good database is kept (and served with a notice)."]
            lines += [s.describe() for s in self.shrinks]
            lines.append("Fix the refused records below, or run again with --allow-shrink if the deletion is deliberate.")
        else:
            lines = [f"Did not write {self.db_path}."]
        lines.append("Rows per table: " + ", ".join(f"{t} {n}" for t, n in self.counts.items() if n))
        if self.rejects:
            lines.append(f"{len(self.rejects)} record(s) refused (also in the 'rejects' table):")
            lines += [f"  - {r}" for r in self.rejects]
        else:
            lines.append("No records refused.")
        if self.warnings:
            lines.append(f"{len(self.warnings)} record(s) loaded without a reference to a refused record (table 'warnings'):")
            lines += [f"  - warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def input_digest(files: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _sort_key(table_name: str) -> Callable[[dict[str, Any]], Any]:
    """The order rows are written in: by primary key, compared as text, so that builds are identical. Where every key
    column is declared text (stream_data's ids are validated strings) the key is read by itemgetter, in C."""
    table = TABLES_BY_NAME[table_name]
    cols = (table.pk,) if isinstance(table.pk, str) else table.pk
    if all(table.columns[c][0] is str for c in cols):
        return itemgetter(*cols)
    return lambda row: tuple(str(row[c]) for c in cols)  # key columns are never missing (stream_data checks them)


def insert_sql(table: str, into: str | None = None) -> str:
    """The prepared INSERT of a table (or of `into`, a table of the same columns), over its declared columns
    (etl/schema.py)."""
    columns = list(TABLES_BY_NAME[table].columns)
    return (f"INSERT INTO {into or table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})")


def _tuples(table: str, rows: list[dict[str, Any]]) -> Iterator[tuple]:
    """Each row as a tuple in the INSERT's column order (a column a row does not have is NULL)."""
    columns = list(TABLES_BY_NAME[table].columns)
    unknown = set(rows[0]) - set(columns)
    if unknown:
        raise ValueError(f"{table}: columns not in the schema: {sorted(unknown)}")
    if min(map(len, rows)) == len(columns):  # every row has every column: read them in C
        getter = itemgetter(*columns)
        try:
            yield from map(getter, rows)
        except KeyError as exc:  # a row with as many keys, one of them unknown
            raise ValueError(f"{table}: a row has a column not in the schema instead of {exc}") from None
    else:
        yield from (tuple(map(row.get, columns)) for row in rows)


def _order_by(table: str) -> str:
    """The ORDER BY of _sort_key in SQL: key columns compared as text (SQLite's BINARY collation on UTF-8 orders
    as Python orders str)."""
    t = TABLES_BY_NAME[table]
    cols = (t.pk,) if isinstance(t.pk, str) else t.pk
    return ", ".join(f"[{c}]" if t.columns[c][0] is str else f"CAST([{c}] AS TEXT)" for c in cols)


class _Writer:
    """Writes (table, rows) batches as they come, so that every table ends up in key order (builds are identical
    whatever the order of the files and of the records in them) without holding a table in memory.

    Each batch is sorted by key. While a table's batches come in key order (each one after the last key written),
    they go straight into the table with its prepared INSERT (executemany over tuples made in C). From the first
    batch out of order on, the table's rows go to an unindexed TEMP table instead (the rows already written move
    there once), and `finish` fills the table from it with one INSERT ... SELECT ... ORDER BY key inside SQLite."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.last: dict[str, Any] = {}  # table -> key of the last row written straight
        self.staged: set[str] = set()

    def add(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows or table not in FACT_TABLE_SET:
            return
        if table not in self.staged:
            key = _sort_key(table)
            rows = sorted(rows, key=key)
            last = self.last.get(table)
            if last is None or key(rows[0]) > last:
                self.db.conn.executemany(insert_sql(table), _tuples(table, rows))
                self.last[table] = key(rows[-1])
                return
            self._stage(table)
        self.db.conn.executemany(insert_sql(table, f"temp.{STAGE}{table}"), _tuples(table, rows))

    def _stage(self, table: str) -> None:
        conn = self.db.conn
        conn.execute(f"CREATE TEMP TABLE {STAGE}{table} AS SELECT * FROM main.[{table}] WHERE 0")
        conn.execute(f"INSERT INTO temp.{STAGE}{table} SELECT * FROM main.[{table}]")
        conn.execute(f"DELETE FROM main.[{table}]")
        self.staged.add(table)

    def finish(self) -> None:
        conn = self.db.conn
        for table in FACT_TABLES:
            if table in self.staged:
                columns = ", ".join(f"[{c}]" for c in TABLES_BY_NAME[table].columns)
                conn.execute(f"INSERT INTO main.[{table}] ({columns}) SELECT {columns} FROM temp.{STAGE}{table} "
                             f"ORDER BY {_order_by(table)}")
                conn.execute(f"DROP TABLE temp.{STAGE}{table}")
        self.staged.clear()


STAGE = "_stage_"
FACT_TABLE_SET = frozenset(FACT_TABLES)


Batches = Iterable[tuple[str, list[dict[str, Any]]]]  # (table, rows), as etl.records.stream_data gives them


def save_stream(db: sqlite_utils.Database, batches: Batches) -> None:
    """Insert every (table, rows) batch as it comes (see _Writer): each table in key order, so builds are
    identical. Batches must come in dependency order only for the foreign-key check at the end, not here."""
    writer = _Writer(db)
    for table, rows in batches:
        writer.add(table, rows)
        del rows
    writer.finish()


def save_dataset(db: sqlite_utils.Database, dataset: Dataset) -> None:
    """Insert every row of a dataset held in memory (see save_stream)."""
    save_stream(db, ((table, dataset.rows.get(table) or []) for table in FACT_TABLES))


def bulk_load(db: sqlite_utils.Database, batches: Batches) -> None:
    """Create the schema and insert every batch, fast: secondary indexes are made after the load, and foreign keys
    are not enforced row by row (stream_data checked every reference; the build runs foreign_key_check)."""
    ensure_schema(db)
    db.execute("PRAGMA foreign_keys = OFF")
    drop_indexes(db)
    save_stream(db, batches)
    ensure_schema(db)  # the indexes again; foreign keys enforced again for what follows


def save_rejects(db: sqlite_utils.Database, rejects: list[Reject], table: str = "rejects") -> None:
    db[table].insert_all(
        [{"id": i, "file": r.file, "line": r.line, "record_id": r.record_id, "field": r.field, "value": r.value,
          "reason": r.reason} for i, r in enumerate(rejects, start=1)]
    )


PREVIOUS_RUNS_SQL = "SELECT * FROM etl_runs ORDER BY id"
PREVIOUS_DOCUMENTS_SQL = "SELECT * FROM documents ORDER BY id"
TABLE_HAS_ORIGIN = {t.name: "origin" in t.columns for t in TABLES}


def _ids_sql(table: str) -> str:
    """The ids a build may not silently lose: curated rows where the table has an origin; releases by their permanent
    link (a newer version of a release replaces the older one)."""
    if table == "documents":
        return "SELECT coalesce(url, source_file) FROM documents"
    pk = next(t.pk for t in TABLES if t.name == table)
    where = " WHERE origin = 'curated'" if TABLE_HAS_ORIGIN[table] else ""
    return f"SELECT [{pk}] FROM [{table}]{where}"  # noqa: S608 - names from the schema declarations


SHRINK_SQL = {t: _ids_sql(t) for t in SHRINK_TABLES}


def read_previous(db_path: Path, sql: str) -> list[dict[str, Any]]:
    """Rows of the database being replaced (empty if there is none or it is unreadable): its etl_runs history,
    and (once, to move them into the releases folder) the press releases an older version kept only there."""
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


def _ids(conn: sqlite3.Connection, table: str) -> set[str]:
    try:
        return {row[0] for row in conn.execute(SHRINK_SQL[table])}
    except sqlite3.Error:  # an older database without this table
        return set()


def shrinks(previous: Path, new: sqlite_utils.Database, rejects: list[Reject], limit: float = SHRINK_LIMIT) -> list[Shrink]:
    """The tables of the previous database that the new one would lose more than `limit` of, with the reason for
    each dropped row (its reject, or that it is no longer in the files)."""
    if not previous.exists():
        return []
    try:
        old = sqlite3.connect(previous.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    why: dict[str, str] = {}
    for r in rejects:
        if r.record_id:
            why.setdefault(r.record_id, f"refused: {r}")
    out = []
    try:
        for table in SHRINK_TABLES:
            before = _ids(old, table)
            dropped = before - _ids(new.conn, table)
            if before and len(dropped) > limit * len(before):
                reason = "no longer in the releases folder" if table == "documents" else "no longer in the files of data/"
                out.append(Shrink(table, len(before), {key: why.get(key, reason) for key in dropped}))
    finally:
        old.close()
    return out


def _temporary(db_path: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{db_path.name}.", suffix=".building", dir=db_path.parent)
    os.close(handle)
    return Path(name)


def _swap_in(tmp: Path, db_path: Path) -> None:
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, db_path)
    _fsync_dir(db_path.parent)


def note_refused(db_path: Path, run: dict[str, Any]) -> None:
    """Record a refused build in the last good database, atomically (a copy with one more refused_builds row, swapped
    in): the database's rows stay as they were, and the app sees the notice on its next rerun."""
    tmp = _temporary(db_path)
    try:
        shutil.copyfile(db_path, tmp)
        db = sqlite_utils.Database(tmp)
        db["refused_builds"].insert(run, pk="id", replace=True, alter=True)
        db.conn.commit()
        db.close()
        _swap_in(tmp, db_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _scratch_pragmas(db: sqlite_utils.Database) -> None:
    """A build writes a scratch file that is renamed over the database only when complete: no journal, no syncs
    until the fsync before the rename, a page cache for the index builds (temporary tables and sorts stay in files:
    a large build's staged rows are not held in memory), and 16 KB pages: fewer, fuller B-tree pages to write and
    split (about 11-20 % less CPU per build at 100,000 meetings than 4 KB; readers see the same rows)."""
    db.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # before the first table: the file is new and empty
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute(f"PRAGMA cache_size = -{CACHE_KB}")
    db.execute(f"PRAGMA temp.cache_size = -{CACHE_KB}")  # the staged rows (see _Writer)


CACHE_KB = 64_000  # 64 MB: appends and index sorts need no more
PAGE_SIZE = 16_384


def build(data_dir: Path, db_path: Path, strict: bool = False, allow_shrink: bool = False,
          releases: Path | None = None) -> BuildReport:
    """Read data_dir (and the releases folder, and the review decisions), validate, and atomically replace db_path
    with a freshly built database; keep the previous one if the new one would drop too many records."""
    from .ingest import apply_releases, migrate_documents, read_releases, releases_dir
    from .review import read_decisions

    data_dir, db_path = Path(data_dir), Path(db_path)
    started = dt.datetime.now(dt.timezone.utc)
    if not data_dir.is_dir():
        raise BuildError(f"the data folder {data_dir} does not exist")
    releases = Path(releases) if releases else releases_dir(data_dir)
    dataset = stream_data(data_dir)  # validated while it is written: the rejects are complete once it is consumed
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(db_path)
    try:
        db = sqlite_utils.Database(tmp)
        _scratch_pragmas(db)
        bulk_load(db, dataset)
        decisions, problems = read_decisions(data_dir)
        dataset.rejects.extend(problems)
        if strict and dataset.rejects:  # nothing is swapped in: the old database stays as it was
            counts = {t: db[t].count for t in FACT_TABLES}
            db.close()
            tmp.unlink(missing_ok=True)
            return BuildReport(db_path, counts, dataset.rejects, 0, _elapsed(started), written=False,
                               warnings=dataset.warnings)
        history = read_previous(db_path, PREVIOUS_RUNS_SQL)
        if not releases.exists():  # an older version kept releases only in the database: move them into files, once
            migrate_documents(read_previous(db_path, PREVIOUS_DOCUMENTS_SQL), releases)
        documents, problems = read_releases(releases)
        dataset.rejects.extend(problems)
        run_id = max((r["id"] for r in history), default=0) + 1
        if documents:
            from .extract import load_reference

            apply_releases(db, documents, load_reference(data_dir), decisions)
        refresh_records(db)
        save_rejects(db, dataset.rejects)
        save_rejects(db, dataset.warnings, "warnings")
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise BuildError(f"foreign key check failed on {len(problems)} row(s), first: {problems[0]}")
        counts = {t: db[t].count for t in FACT_TABLES}
        run = {
            "id": run_id, "started_at": started.replace(microsecond=0).isoformat(), "finished_at": utc_now(),
            "status": "ok_with_rejects" if dataset.rejects else "ok", "data_dir": str(data_dir),
            "input_digest": input_digest(dataset.files, data_dir), "files_read": len(dataset.files) + len(documents),
            "rows_loaded": sum(counts.values()), "rows_rejected": len(dataset.rejects),
            "table_counts": json.dumps(counts), "etl_version": str(SCHEMA_VERSION),
        }
        lost = [] if allow_shrink else shrinks(db_path, db, dataset.rejects)
        if lost:
            db.close()
            tmp.unlink(missing_ok=True)
            report = BuildReport(db_path, counts, dataset.rejects, run_id, _elapsed(started), written=False,
                                 warnings=dataset.warnings, shrinks=lost)
            note_refused(db_path, {k: run[k] for k in ("id", "started_at", "finished_at", "data_dir", "table_counts")}
                         | {"message": report.summary()[:20000]})
            return report
        if history:
            db["etl_runs"].insert_all(history)
        db["etl_runs"].insert(run)
        db.execute("PRAGMA analysis_limit = 1000")
        db.execute("ANALYZE")
        db.conn.commit()
        db.close()
        _swap_in(tmp, db_path)
        write_index(db_path)  # the dashboard's filter index, next to the database (etl/index.py)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BuildReport(db_path, counts, dataset.rejects, run_id, _elapsed(started), written=True, warnings=dataset.warnings)


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
