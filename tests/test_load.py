"""The loader: repeatable, atomic, and honest about what it refused."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils

from etl import load
from etl.load import FACT_TABLES, build
from etl.schema import DERIVED_TABLES, TABLES, ensure_schema

from .conftest import ROOT


def dump(path: Path, tables=FACT_TABLES + DERIVED_TABLES + ("rejects",)) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM [{t}]").fetchall() for t in tables}  # noqa: S608 - fixed table names
    finally:
        conn.close()


def test_ensure_schema_is_idempotent_and_creates_everything():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    ensure_schema(db)
    names = set(db.table_names())
    assert {t.name for t in TABLES} <= names
    assert {"records_fts", "documents_fts", "places_fts", "people_fts"} <= names
    assert {"meetings_detailed", "partnerships_detailed", "places_detailed", "office_holders"} <= set(db.view_names())
    assert ("theme_id", "date", "rid") in {tuple(i.columns) for i in db["record_themes"].indexes}
    assert ("country_iso3", "date", "rid") in {tuple(i.columns) for i in db["record_countries"].indexes}
    assert ("record_type", "id") in {tuple(i.columns) for i in db["records"].indexes}
    assert ("date",) in {tuple(i.columns) for i in db["meetings"].indexes}


def test_building_twice_gives_identical_tables(mini_data, tmp_path):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    build(mini_data, first)
    build(mini_data, second)
    build(mini_data, second)  # and again over an existing file
    assert dump(first) == dump(second)
    assert dump(first)["meetings"]  # not trivially equal


def test_ids_do_not_depend_on_file_order(mini_data, tmp_path):
    build(mini_data, tmp_path / "a.db")
    seed = mini_data / "partnerships" / "seed.yaml"
    records = seed.read_text().split("\n- id: ")
    seed.write_text("- id: " + records[1].rstrip("\n") + "\n" + records[0] + "\n")  # swap the two records
    build(mini_data, tmp_path / "b.db")
    assert dump(tmp_path / "a.db") == dump(tmp_path / "b.db")


def test_the_run_is_recorded_and_history_is_kept(mini_data, tmp_path):
    db = tmp_path / "a.db"
    build(mini_data, db)
    report = build(mini_data, db)
    runs = sqlite_utils.Database(db)["etl_runs"].rows
    rows = list(runs)
    assert [r["id"] for r in rows] == [1, 2] and report.run_id == 2
    assert rows[0]["input_digest"] == rows[1]["input_digest"]
    assert rows[1]["rows_rejected"] == 0 and rows[1]["status"] == "ok"


def test_foreign_keys_hold(mini_db):
    conn = sqlite3.connect(mini_db)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_rejects_are_stored_with_file_line_field_and_reason(mini_data, tmp_path):
    (mini_data / "meetings" / "x.yaml").write_text(
        "- id: kaz-2019-x\n  date: 2019\n  title: X\n  kind: other\n  countries: [KAZ]\n  themes: [water]\n  source_url: https://example.org\n")
    build(mini_data, tmp_path / "a.db")
    rows = list(sqlite_utils.Database(tmp_path / "a.db")["rejects"].rows)
    assert rows == [{"id": 1, "file": "meetings/x.yaml", "line": 6, "record_id": "kaz-2019-x", "field": "themes", "value": "water",
                     "reason": "'water' is not defined in themes.yaml (or was refused: see the other rejects)"}]


@pytest.mark.parametrize("error", [RuntimeError("disk on fire"), KeyboardInterrupt()])
def test_a_build_failing_midway_leaves_the_old_database_byte_identical(mini_data, tmp_path, monkeypatch, error):
    db = tmp_path / "a.db"
    build(mini_data, db)
    before = db.read_bytes()
    (mini_data / "meetings" / "seed.yaml").write_text((mini_data / "meetings" / "seed.yaml").read_text().replace("Fixture", "Changed"))
    original = load.save_rejects

    def explode(*args, **kwargs):
        original(*args, **kwargs)
        raise error

    monkeypatch.setattr(load, "save_rejects", explode)
    with pytest.raises(type(error)):
        build(mini_data, db)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.db", "a.db.index.npz", "data"]  # no temporary file left


KILL_SCRIPT = """
import sys, time
from pathlib import Path
from etl import load
original = load.save_stream
def slow(*args, **kwargs):
    original(*args, **kwargs)
    Path(sys.argv[3]).write_text("loading")
    time.sleep(60)
load.save_stream = slow
load.build(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_killing_the_build_midway_leaves_the_old_database_readable(mini_data, tmp_path):
    db = tmp_path / "a.db"
    build(mini_data, db)
    before = db.read_bytes()
    marker = tmp_path / "marker"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(mini_data), str(db), str(marker)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert proc.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert db.read_bytes() == before
    conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
    assert conn.execute("SELECT count(*) FROM meetings").fetchone() == (1,)


def test_the_derived_records_tables_mirror_meetings_and_partnerships(mini_db):
    conn = sqlite3.connect(mini_db)
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    assert one("SELECT count(*) FROM records") == one("SELECT count(*) FROM meetings") + one("SELECT count(*) FROM partnerships") == 3
    assert one("SELECT count(*) FROM record_themes") == one("SELECT count(*) FROM meeting_themes") + one("SELECT count(*) FROM partnership_themes")
    assert conn.execute("SELECT rid, record_type, id, date, countries, themes FROM records ORDER BY rid").fetchall() == [
        (1, "partnership", "c2c-cargc", "2012", "KAZ", "climate_glaciology"),
        (2, "partnership", "whs-western-tien-shan", "2016", "KAZ, KGZ, UZB", "culture_heritage, natural_sciences_water"),
        (3, "meeting", "kaz-2017-03-29-abdrakhmanov-bokova", "2017-03-29", "KAZ", "intercultural_dialogue, peace_security"),
    ]
    assert conn.execute("SELECT rowid FROM records_fts WHERE records_fts MATCH 'Bokova'").fetchall() == [(3,)]


def _people_db():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    return db


PERSON = {"id": "b", "name": "B", "source_url": None, "publisher_id": None, "flags": None, "note": None,
          "origin": "curated", "confidence": 1.0, "document_id": None}


def test_rows_are_written_in_key_order_with_every_column_or_nulls_for_the_missing_ones():
    full = [PERSON | {"id": "b", "name": "B"}, PERSON | {"id": "a", "name": "A", "note": "n"}]
    db = _people_db()
    load.save_dataset(db, load.Dataset(rows={"people": full}, rejects=[], files=[]))
    assert db.execute("SELECT rowid, id, name, note, origin FROM people").fetchall() == [
        (1, "a", "A", "n", "curated"), (2, "b", "B", None, "curated")]
    partial = [{"id": "b", "name": "B"}, PERSON | {"id": "a", "name": "A"}]  # one row without most columns
    db = _people_db()
    load.save_dataset(db, load.Dataset(rows={"people": partial}, rejects=[], files=[]))
    assert db.execute("SELECT rowid, id, name, origin FROM people").fetchall() == [(1, "a", "A", "curated"), (2, "b", "B", None)]


@pytest.mark.parametrize("rows", [
    [PERSON | {"nickname": "x"}],  # an unknown column in the first row
    [PERSON | {"id": "a"}, {**{k: v for k, v in PERSON.items() if k != "note"}, "nickname": "x"}],  # in place of a known one
])
def test_a_row_with_a_column_not_in_the_schema_is_refused(rows):
    with pytest.raises(ValueError, match="not in the schema"):
        load.save_dataset(_people_db(), load.Dataset(rows={"people": rows}, rejects=[], files=[]))


def test_records_on_the_same_date_are_ordered_by_type_then_id_and_list_links_in_code_order(tmp_path):
    db = sqlite_utils.Database(tmp_path / "t.db")
    ensure_schema(db)
    db["publishers"].insert({"id": "p", "name": "P", "kind": "unesco"})
    db["countries"].insert_all([{"iso3": c, "name": c, "focus": 1, "source_url": "u"} for c in ("UZB", "KAZ", "KGZ")])
    db["themes"].insert_all([{"id": t, "label": t, "colour": "#000000"} for t in ("water", "culture")])
    common = {"date": "2020-05", "date_precision": "month", "year": 2020, "source_url": "u"}
    db["meetings"].insert_all([{"id": i, "title": i, **common} for i in ("m-b", "m-a")])
    db["partnerships"].insert({"id": "p-z", "name": "p-z", "kind": "agreement", **common})
    db["meetings"].insert({"id": "m-0", "title": "earlier", **common, "date": "2019"})
    db["meeting_countries"].insert_all([{"meeting_id": "m-a", "country_iso3": c} for c in ("UZB", "KAZ", "KGZ")])
    db["meeting_themes"].insert_all([{"meeting_id": "m-a", "theme_id": t} for t in ("water", "culture")])
    db["partnership_countries"].insert({"partnership_id": "p-z", "country_iso3": "KGZ"})
    from etl.schema import refresh_records

    refresh_records(db)
    assert db.execute("SELECT rid, record_type, id, countries, themes FROM records ORDER BY rid").fetchall() == [
        (1, "meeting", "m-0", None, None), (2, "meeting", "m-a", "KAZ, KGZ, UZB", "culture, water"),
        (3, "meeting", "m-b", None, None), (4, "partnership", "p-z", "KGZ", None)]
    assert db.execute("SELECT rowid, rid, country_iso3 FROM record_countries").fetchall() == [
        (1, 2, "KAZ"), (2, 2, "KGZ"), (3, 2, "UZB"), (4, 4, "KGZ")]
    assert db.execute("SELECT rid, theme_id FROM record_themes ORDER BY rowid").fetchall() == [(2, "culture"), (2, "water")]


# ------------------------------------------------------------------------------------------- the last good database


@pytest.fixture
def real_copy(tmp_path):
    import shutil

    from .conftest import DATA

    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.db", "*.db-*", "releases", ".*"))
    db = tmp_path / "live.db"
    assert build(data, db).written
    return data, db


def meeting_count(db: Path) -> int:
    return sqlite3.connect(db).execute("SELECT count(*) FROM meetings").fetchone()[0]


def test_a_build_that_would_drop_more_than_5_percent_keeps_the_last_good_database(real_copy):
    data, db = real_copy
    before = dump(db)
    kaz = (data / "meetings" / "kaz.yaml").read_text()
    (data / "meetings" / "kaz.yaml").unlink()
    report = build(data, db)
    assert not report.written and report.refused
    shrink = next(s for s in report.shrinks if s.table == "meetings")  # (partnerships that cited them are refused too)
    lost = kaz.count("\n- id: ") + kaz.startswith("- id: ")
    before_meetings = len(before["meetings"])
    assert (shrink.table, len(shrink.dropped), shrink.before) == ("meetings", lost, before_meetings)
    assert set(shrink.dropped.values()) == {"no longer in the files of data/"}
    assert f"meetings: {lost} of {before_meetings} (" in report.summary() and "--allow-shrink" in report.summary()
    assert dump(db) == before  # the rows the app reads are the last good ones
    notice = sqlite3.connect(db).execute("SELECT message FROM refused_builds").fetchall()
    assert len(notice) == 1 and "would be dropped" in notice[0][0]
    # a deliberate deletion is accepted with --allow-shrink, and the notice goes with the old database
    assert build(data, db, allow_shrink=True).written
    assert meeting_count(db) == before_meetings - lost
    assert sqlite3.connect(db).execute("SELECT count(*) FROM refused_builds").fetchone() == (0,)


def test_a_refused_build_says_which_records_were_refused_and_why(real_copy):
    data, db = real_copy
    path = data / "partnerships" / "uzb.yaml"
    text = path.read_text()
    broken = text.replace("\n  kind: ", "\n  kind: not_a_kind_", 12)
    path.write_text(broken)
    report = build(data, db)
    (shrink,) = report.shrinks
    assert shrink.table == "partnerships" and len(shrink.dropped) == 12
    assert all(why.startswith("refused: partnerships/uzb.yaml:") and "'kind' must be one of" in why for why in shrink.dropped.values())


def test_the_cli_exits_non_zero_when_the_build_is_refused(real_copy):
    from click.testing import CliRunner

    from etl.cli import cli

    data, db = real_copy
    (data / "meetings" / "uzb.yaml").unlink()
    result = CliRunner().invoke(cli, ["build", "--data", str(data), "--db", str(db)])
    assert result.exit_code == 1 and "Did not replace" in result.output and "the last good database was kept" in result.output
    assert "Traceback" not in result.output
    assert CliRunner().invoke(cli, ["build", "--data", str(data), "--db", str(db), "--allow-shrink"]).exit_code == 0


def test_the_public_app_says_it_is_serving_the_last_good_database(real_copy, monkeypatch):
    from streamlit.testing.v1 import AppTest

    data, db = real_copy
    (data / "meetings" / "kaz.yaml").unlink()
    build(data, db)
    monkeypatch.setenv("COOPERATION_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    for page in ("app.py", "pages/5_About_the_data.py"):
        at = at if page == "app.py" else at.switch_page(page).run()
        assert not at.exception
        assert any("Showing the last good database" in w.value for w in at.warning), [w.value for w in at.warning]


def test_make_clean_never_deletes_releases_or_decisions():
    result = subprocess.run(["make", "-n", "clean"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "rm " in result.stdout
    for kept in ("releases", "review", "data ", "data/*", "data/\n"):
        assert kept not in result.stdout, result.stdout
