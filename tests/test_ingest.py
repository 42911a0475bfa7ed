"""Ingesting press releases: stored, searchable, marked as extracted, repeatable, and kept by a rebuild."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from etl.cli import cli
from etl.extract import load_reference
from etl.ingest import ingest
from etl.load import build

from .conftest import DATA, FIXTURES

RELEASE = """Kyrgyzstan and UNESCO Talk About Nomad Heritage

{published}

Written by the project for its tests. President Sadyr Japarov received Director-General Audrey Azoulay in Bishkek on {day}.
They discussed the protection of the Manas epic and the World Nomad Games, and agreed to strengthen cooperation in education.

Permanent link: https://example.org/press/tests/kyrgyz-talks
"""


def tables(db: Path) -> dict:
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")]
    return {n: sorted(map(repr, conn.execute(f"SELECT * FROM [{n}]"))) for n in names}  # noqa: S608 - names from the schema


@pytest.fixture
def setting(tmp_path, bundled_db):
    db = tmp_path / "live.db"
    shutil.copy(bundled_db, db)
    folder = tmp_path / "releases"
    (folder / "sub").mkdir(parents=True)
    (folder / "kyrgyz.txt").write_text(RELEASE.format(published="9 November 2023", day="8 November 2023"), encoding="utf-8")
    shutil.copy(FIXTURES / "layouts" / "release.html", folder / "sub" / "tajik.html")
    (folder / "broken.txt").write_text("Just a line without a date\n\nand text\n\nmore text\n", encoding="utf-8")
    return db, folder


def test_ingest_stores_documents_and_extracted_records(setting):
    db, folder = setting
    report = ingest([folder], db, load_reference(DATA))
    assert sorted(report.added) == ["kyrgyz.txt", "sub/tajik.html"]
    assert len(report.refused) == 1 and "broken.txt" in report.refused[0] and "is not a date" in report.refused[0]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone() == (2,)
    assert conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'Manas'").fetchall() != []
    extracted = conn.execute("SELECT id, date, origin, flags, document_id IS NOT NULL FROM meetings WHERE origin = 'extracted' "
                             "ORDER BY date").fetchall()
    assert [(d, o, doc) for _, d, o, _, doc in extracted] == [("2023-11-08", "extracted", 1)]
    # the Tajik release repeats the curated meeting of 10 June 2024: evidence for it, not a duplicate
    assert report.confirmations >= 1 and conn.execute(
        "SELECT record_id FROM evidence WHERE field = 'confirmation' AND record_table = 'meetings'").fetchall() == [
        ("tjk-2024-06-10-rahmon-azoulay",)]
    participants = conn.execute("SELECT person_id FROM meeting_participants WHERE meeting_id = ? ORDER BY 1", [extracted[0][0]]).fetchall()
    assert participants == [("audrey-azoulay",), ("sadyr-japarov",)]
    evidence = conn.execute("SELECT sentence FROM evidence WHERE record_id = ?", [extracted[0][0]]).fetchone()[0]
    assert evidence == "President Sadyr Japarov received Director-General Audrey Azoulay in Bishkek on 8 November 2023."
    # the derived tables include the extracted records, marked
    assert conn.execute("SELECT count(*) FROM records WHERE origin = 'extracted' AND record_type = 'meeting'").fetchone() == (1,)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_ingesting_twice_changes_nothing(setting):
    db, folder = setting
    ingest([folder], db, load_reference(DATA))
    before = tables(db)
    report = ingest([folder], db, load_reference(DATA))
    assert sorted(report.unchanged) == ["kyrgyz.txt", "sub/tajik.html"] and not report.added
    assert tables(db) == before


def test_an_edited_release_replaces_its_older_version(setting):
    db, folder = setting
    ingest([folder], db, load_reference(DATA))
    (folder / "kyrgyz.txt").write_text(RELEASE.format(published="10 November 2023", day="9 November 2023"), encoding="utf-8")
    report = ingest([folder], db, load_reference(DATA))
    assert report.replaced == ["kyrgyz.txt"]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents WHERE url = 'https://example.org/press/tests/kyrgyz-talks'").fetchone() == (1,)
    assert [r[0] for r in conn.execute("SELECT date FROM meetings WHERE origin = 'extracted' ORDER BY date")] == ["2023-11-09"]


def test_a_rebuild_keeps_the_ingested_records(setting):
    db, folder = setting
    ingest([folder], db, load_reference(DATA))
    conn = sqlite3.connect(db)
    before = conn.execute("SELECT id, date FROM meetings WHERE origin = 'extracted' ORDER BY id").fetchall()
    conn.close()
    build(DATA, db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT id, date FROM meetings WHERE origin = 'extracted' ORDER BY id").fetchall() == before
    assert conn.execute("SELECT count(*) FROM documents").fetchone() == (2,)


def test_a_release_that_repeats_a_curated_meeting_confirms_it(tmp_path, bundled_db):
    db = tmp_path / "live.db"
    shutil.copy(bundled_db, db)
    release = tmp_path / "seed-like.txt"
    release.write_text("Minister and Director-General Meet\n\n3 April 2017\n\nWritten by the project for its tests. Foreign Minister "
                       "Kairat Abdrakhmanov met Director-General Irina Bokova on 29 March 2017.\n\nPermanent link: "
                       "https://example.org/press/tests/seed-like\n", encoding="utf-8")
    report = ingest([release], db, load_reference(DATA))
    assert (report.meetings, report.confirmations) == (0, 1)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT record_id FROM evidence WHERE field = 'confirmation'").fetchall() == [
        ("kaz-2017-03-29-abdrakhmanov-bokova",)]


def test_the_ingest_command_reports_and_needs_a_database(setting, tmp_path):
    db, folder = setting
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 new, 0 replaced, 0 unchanged, 1 refused" in result.output
    missing = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "build it first" in missing.output
