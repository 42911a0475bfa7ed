"""The streamed build: records are validated and written file by file and batch by batch, the cross-record checks
still hold across batches and files, and the result is the same database as a build of the whole data set."""

import sqlite3
from functools import partial
from pathlib import Path

import numpy as np
import pytest
import sqlite_utils

from etl import load
from etl.load import build
from etl.records import DataStream, read_data, stream_data
from etl.schema import ensure_schema

from .conftest import DATA

SOURCE = "http://en.unesco.kz/kazakhstan-places-priority-on-partnership-with-unesco-for-peace-and-security"


def meeting(key: str, day: int, date: str | None = None) -> str:
    """One meeting record of 8 lines (its date on the second)."""
    return (f"- id: kaz-2018-05-{day:02d}-{key}\n"
            f"  date: {date or f'2018-05-{day:02d}'}\n"
            f"  title: Streaming test meeting {key} {day}\n"
            "  kind: bilateral_meeting\n"
            "  countries: [KAZ]\n"
            "  themes: [peace_security]\n"
            "  summary: Written for the streaming tests.\n"
            f"  source_url: {SOURCE}\n")


def write_meetings(data: Path, name: str, records: list[str]) -> Path:
    path = data / "meetings" / name
    path.write_text("".join(records), encoding="utf-8")
    return path


def small_batches(monkeypatch, size: int = 1) -> None:
    """Make `etl build` stream `size` records per batch."""
    monkeypatch.setattr(load, "stream_data", partial(stream_data, batch_records=size))


def sql_dump(path: Path) -> list[str]:
    """The database as SQL statements, in rowid order, without the ETL run log (its timestamps differ)."""
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if "etl_runs" not in line]
    finally:
        conn.close()


def test_meetings_come_in_batches_of_one_file_each_before_the_later_files_are_read(mini_data):
    write_meetings(mini_data, "a.yaml", [meeting("a", d) for d in range(1, 6)])
    write_meetings(mini_data, "b.yaml", [meeting("b", d) for d in range(1, 4)])
    stream = stream_data(mini_data, batch_records=2)
    batches = []
    for table, rows in stream:
        if table == "meetings" and rows:  # (the stream ends with every table's last rows, maybe none)
            read = {p.relative_to(mini_data).as_posix() for p in stream.files}
            batches.append(([r["id"].rsplit("-", 1)[-1] for r in rows], read))
    sizes = [(len(ids), ids[0]) for ids, _read in batches]
    assert sizes == [(2, "a"), (2, "a"), (1, "a"), (2, "b"), (1, "b"), (1, "bokova")]  # seed.yaml's meeting last
    assert all(len(set(ids)) == 1 for ids, _read in batches)  # a batch never spans two files
    first_ids, read_then = batches[0]
    assert "meetings/a.yaml" in read_then
    assert "meetings/b.yaml" not in read_then and not any(f.startswith("partnerships/") for f in read_then)
    assert stream.rejects == []


def test_a_bad_record_in_a_later_file_and_batch_is_refused_with_its_file_line_and_field(mini_data, tmp_path, monkeypatch):
    write_meetings(mini_data, "a.yaml", [meeting("a", d) for d in range(1, 4)])
    write_meetings(mini_data, "b.yaml", [meeting("b", 1), meeting("b", 2, date="2018-13-40"), meeting("b", 3)])
    small_batches(monkeypatch)
    report = build(mini_data, tmp_path / "a.db")
    assert report.written
    assert [(r.file, r.line, r.record_id, r.field) for r in report.rejects] == [
        ("meetings/b.yaml", 10, "kaz-2018-05-02-b", "date")]
    conn = sqlite3.connect(tmp_path / "a.db")
    ids = [row[0] for row in conn.execute("SELECT id FROM meetings WHERE id LIKE 'kaz-2018-05-%' ORDER BY id")]
    assert ids == ["kaz-2018-05-01-a", "kaz-2018-05-01-b", "kaz-2018-05-02-a", "kaz-2018-05-03-a", "kaz-2018-05-03-b"]
    assert conn.execute("SELECT file, line, field FROM rejects").fetchall() == [("meetings/b.yaml", 10, "date")]


def test_a_duplicate_id_across_two_files_is_refused_and_says_where_the_first_one_is(mini_data, tmp_path, monkeypatch):
    write_meetings(mini_data, "a.yaml", [meeting("x", d) for d in range(1, 4)])
    write_meetings(mini_data, "b.yaml", [meeting("y", 1), meeting("x", 2)])  # the second one repeats a.yaml's line 9
    small_batches(monkeypatch)
    report = build(mini_data, tmp_path / "a.db")
    assert [(r.file, r.line, r.record_id) for r in report.rejects] == [("meetings/b.yaml", 9, "kaz-2018-05-02-x")]
    assert "already defined at meetings/a.yaml:9" in report.rejects[0].reason
    conn = sqlite3.connect(tmp_path / "a.db")
    title = conn.execute("SELECT title FROM meetings WHERE id = 'kaz-2018-05-02-x'").fetchall()
    assert title == [("Streaming test meeting x 2",)]  # the first definition is the one kept


def test_a_partnership_may_point_at_a_meeting_written_in_an_earlier_batch(mini_data, tmp_path, monkeypatch):
    write_meetings(mini_data, "a.yaml", [meeting("a", d) for d in range(1, 4)])
    seed = mini_data / "partnerships" / "seed.yaml"
    text = seed.read_text(encoding="utf-8")
    linked = "meetings: [kaz-2017-03-29-abdrakhmanov-bokova]"
    assert text.count(linked) == 1
    seed.write_text(text.replace(linked, "meetings: [kaz-2017-03-29-abdrakhmanov-bokova, kaz-2018-05-01-a]"), encoding="utf-8")
    small_batches(monkeypatch)
    report = build(mini_data, tmp_path / "a.db")
    assert report.rejects == []
    conn = sqlite3.connect(tmp_path / "a.db")
    assert conn.execute("SELECT meeting_id FROM partnership_meetings ORDER BY rowid").fetchall() == [
        ("kaz-2017-03-29-abdrakhmanov-bokova",), ("kaz-2018-05-01-a",)]


def test_a_build_that_fails_in_a_later_batch_leaves_the_old_database_untouched(mini_data, tmp_path, monkeypatch):
    db = tmp_path / "a.db"
    build(mini_data, db)
    before = db.read_bytes()
    write_meetings(mini_data, "a.yaml", [meeting("a", d) for d in range(1, 6)])

    def failing(data_dir):
        stream = stream_data(data_dir, batch_records=1)

        def batches():
            meetings = 0
            for table, rows in stream.batches:
                meetings += table == "meetings"
                if meetings == 3:
                    raise OSError("the disk went away while the third batch was written")
                yield table, rows
        return DataStream(batches(), stream.rejects, stream.files, stream.warnings)

    monkeypatch.setattr(load, "stream_data", failing)
    with pytest.raises(OSError, match="third batch"):
        build(mini_data, db)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.db", "a.db.index.npz", "data"]  # no temporary file left


def test_strict_refuses_after_streaming_and_keeps_the_old_database(mini_data, tmp_path, monkeypatch):
    db = tmp_path / "a.db"
    build(mini_data, db)
    before = db.read_bytes()
    write_meetings(mini_data, "a.yaml", [meeting("a", 1), meeting("a", 2, date="not a date")])
    small_batches(monkeypatch)
    report = build(mini_data, db, strict=True)
    assert not report.written and [r.file for r in report.rejects] == ["meetings/a.yaml"]
    assert report.counts["meetings"] == 2  # what would have been loaded: the fixture's meeting and a.yaml's first
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.db", "a.db.index.npz", "data"]


def test_batches_out_of_key_order_still_give_each_table_in_key_order():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    person = {"source_url": None, "publisher_id": None, "flags": None, "note": None, "origin": "curated",
              "confidence": 1.0, "document_id": None}
    batches = [("people", [person | {"id": "c", "name": "C"}, person | {"id": "b", "name": "B"}]),  # sorted: written
               ("people", [person | {"id": "d", "name": "D"}]),  # after the last key: written straight
               ("people", [person | {"id": "a", "name": "A"}])]  # before it: the table goes through a staging table
    load.save_stream(db, iter(batches))
    assert db.execute("SELECT rowid, id FROM people").fetchall() == [(1, "a"), (2, "b"), (3, "c"), (4, "d")]
    assert db.execute("SELECT name FROM temp.sqlite_master").fetchall() == []  # the staging table is gone


def test_the_streamed_build_of_the_bundled_data_is_the_build_of_the_whole_data_set(tmp_path, monkeypatch):
    streamed, one_by_one, whole = tmp_path / "streamed.db", tmp_path / "one.db", tmp_path / "whole.db"
    assert build(DATA, streamed).rejects == []
    small_batches(monkeypatch)
    build(DATA, one_by_one)
    dataset = read_data(DATA)  # every table whole, in one batch each: what the build did before it streamed
    monkeypatch.setattr(load, "stream_data", lambda data_dir: DataStream(iter(dataset.rows.items()), dataset.rejects,
                                                                         dataset.files, dataset.warnings))
    build(DATA, whole)
    reference = sql_dump(whole)
    assert sum(line.startswith('INSERT INTO "meetings"') for line in reference) == len(dataset.rows["meetings"]) > 100
    assert sql_dump(streamed) == reference
    assert sql_dump(one_by_one) == reference
    arrays = [np.load(f"{path}.index.npz") for path in (whole, streamed, one_by_one)]
    for name in arrays[0].files:
        if name != "key":  # the key names the ETL run, whose time differs
            assert all(np.array_equal(arrays[0][name], other[name]) for other in arrays[1:]), name


def test_the_benchmark_source_streams_batches_that_build_a_clean_database(tmp_path, monkeypatch):
    from bench.workers import synthetic_stream

    sizes: dict[str, list[int]] = {}
    stream = synthetic_stream(230, seed=3, batch=100)
    original = stream.batches

    def watched():
        for table, rows in original:
            sizes.setdefault(table, []).append(len(rows))
            yield table, rows

    stream.batches = watched()
    monkeypatch.setattr(load, "stream_data", lambda data_dir: stream)
    report = build(DATA, tmp_path / "synth.db")
    assert report.written and report.rejects == []
    assert sizes["meetings"] == [100, 100, 30] and sizes["partnerships"] == [57]  # a partnership per 4 meetings
    assert report.counts["meetings"] == 230 and report.counts["partnerships"] == 57
    conn = sqlite3.connect(tmp_path / "synth.db")
    assert conn.execute("SELECT count(*) FROM records WHERE origin = 'synthetic'").fetchone() == (287,)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
