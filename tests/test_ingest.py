"""Ingesting press releases: kept as files in the releases folder, extracted into the database, repeatable, and
rebuilt from the files alone (deleting the database loses nothing)."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from etl.cli import cli
from etl.ingest import ingest, read_releases, release_text
from etl.load import build

from .conftest import DATA, FIXTURES

RELEASE = """Kyrgyzstan and UNESCO Talk About Nomad Heritage

{published}

Written by the project for its tests. President Sadyr Japarov received Director-General Audrey Azoulay in Bishkek on {day}.
They discussed the protection of the Manas epic and the World Nomad Games, and agreed to strengthen cooperation in education.

Permanent link: https://example.org/press/tests/kyrgyz-talks
"""
DB_TABLES_SQL = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%' AND name != 'etl_runs'"


def tables(db: Path) -> dict:
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute(DB_TABLES_SQL)]
    return {n: sorted(map(repr, conn.execute(f"SELECT * FROM [{n}]"))) for n in names}  # noqa: S608 - names from the schema


def copy_data(tmp_path: Path) -> Path:
    """A writable copy of data/ without its database or releases."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("*.db", "*.db-*", "releases", ".*"))
    return target


@pytest.fixture
def setting(tmp_path):
    data = copy_data(tmp_path)
    db = tmp_path / "live.db"
    build(data, db)
    folder = tmp_path / "incoming"
    (folder / "sub").mkdir(parents=True)
    (folder / "kyrgyz.txt").write_text(RELEASE.format(published="9 November 2023", day="8 November 2023"), encoding="utf-8")
    shutil.copy(FIXTURES / "layouts" / "release.html", folder / "sub" / "tajik.html")
    (folder / "broken.txt").write_text("Just a line without a date\n\nand text\n\nmore text\n", encoding="utf-8")
    return data, db, folder


def test_ingest_keeps_the_releases_as_files_and_extracts_their_records(setting):
    data, db, folder = setting
    report = ingest([folder], data, db)
    assert sorted(report.added) == ["kyrgyz.txt", "sub/tajik.html"] and report.build.written
    assert len(report.refused) == 1 and "broken.txt" in report.refused[0] and "is not a date" in report.refused[0]
    kept = sorted(p.name for p in (data / "releases").iterdir())
    assert len(kept) == 4 and all(name.startswith("doc-") for name in kept)  # <content id>.txt and .json each
    meta = [json.loads(p.read_text()) for p in (data / "releases").glob("*.json")]
    assert {m["url"] for m in meta} == {"https://example.org/press/tests/kyrgyz-talks", "https://example.org/press/tests/layout-release"}
    assert all(m["ingested_at"].endswith("+00:00") and m["id"] + ".txt" in kept for m in meta)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone() == (2,)
    assert conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'Manas'").fetchall() != []
    extracted = conn.execute("SELECT id, date, origin, document_id IS NOT NULL FROM meetings WHERE origin = 'extracted'").fetchall()
    assert [(d, o, doc) for _, d, o, doc in extracted] == [("2023-11-08", "extracted", 1)]
    assert extracted[0][0].startswith("x-") and "-m-" in extracted[0][0]
    # the Tajik release repeats the curated meeting of 10 June 2024: evidence for it, not a duplicate
    assert report.confirmations >= 1 and conn.execute(
        "SELECT record_id FROM evidence WHERE field = 'confirmation' AND record_table = 'meetings'").fetchall() == [
        ("tjk-2024-06-10-rahmon-azoulay",)]
    participants = conn.execute("SELECT person_id FROM meeting_participants WHERE meeting_id = ? ORDER BY 1", [extracted[0][0]]).fetchall()
    assert participants == [("audrey-azoulay",), ("sadyr-japarov",)]
    evidence = conn.execute("SELECT sentence FROM evidence WHERE record_id = ?", [extracted[0][0]]).fetchone()[0]
    assert evidence == "President Sadyr Japarov received Director-General Audrey Azoulay in Bishkek on 8 November 2023."
    assert conn.execute("SELECT count(*) FROM records WHERE origin = 'extracted' AND record_type = 'meeting'").fetchone() == (1,)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_ingesting_twice_changes_nothing(setting):
    data, db, folder = setting
    ingest([folder], data, db)
    before, files = tables(db), sorted((data / "releases").iterdir())
    report = ingest([folder], data, db)
    assert sorted(report.unchanged) == ["kyrgyz.txt", "sub/tajik.html"] and not report.added and report.build is None
    assert tables(db) == before and sorted((data / "releases").iterdir()) == files


def test_an_edited_release_replaces_its_older_version(setting):
    data, db, folder = setting
    ingest([folder], data, db)
    (folder / "kyrgyz.txt").write_text(RELEASE.format(published="10 November 2023", day="9 November 2023"), encoding="utf-8")
    report = ingest([folder], data, db)
    assert report.replaced == ["kyrgyz.txt"]
    assert len(list((data / "releases").glob("*.txt"))) == 2
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents WHERE url = 'https://example.org/press/tests/kyrgyz-talks'").fetchone() == (1,)
    assert [r[0] for r in conn.execute("SELECT date FROM meetings WHERE origin = 'extracted' ORDER BY date")] == ["2023-11-09"]


def test_deleting_the_database_and_building_again_gives_the_same_rows(setting):
    data, db, folder = setting
    ingest([folder], data, db)
    before = tables(db)
    db.unlink()
    report = build(data, db)
    assert report.written and tables(db) == before
    assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone() == (2,)


def test_the_releases_folder_can_live_elsewhere(setting, tmp_path, monkeypatch):
    data, db, folder = setting
    elsewhere = tmp_path / "backed-up-releases"
    monkeypatch.setenv("COOPERATION_RELEASES", str(elsewhere))
    ingest([folder], data, db)
    assert len(list(elsewhere.glob("*.txt"))) == 2 and not (data / "releases").exists()
    db.unlink()
    build(data, db)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone() == (2,)


def test_an_older_database_that_held_the_only_copy_hands_its_releases_to_the_folder(setting):
    data, db, folder = setting
    ingest([folder], data, db)
    before = tables(db)
    shutil.rmtree(data / "releases")  # as an older version kept them: only inside the database
    build(data, db)
    assert len(list((data / "releases").glob("*.txt"))) == 2
    assert tables(db) == before


def test_a_release_file_edited_after_ingestion_is_refused_with_a_reason(setting):
    data, db, folder = setting
    ingest([folder], data, db)
    path = next(p for p in (data / "releases").glob("*.txt") if "Kyrgyzstan" in p.read_text())
    path.write_text(path.read_text().replace("Bishkek", "Osh"), encoding="utf-8")
    report = build(data, db, allow_shrink=True)
    assert [(r.file, r.reason.split(" (")[0]) for r in report.rejects] == [
        (f"releases/{path.name}", "the release was changed after it was ingested")]


def test_a_stored_release_reads_back_as_the_same_document():
    from etl.articles import read_article

    for path in sorted((FIXTURES / "articles").glob("*.txt")) + sorted((FIXTURES / "layouts").glob("release.*")):
        doc = read_article(path)
        copy = Path("/tmp") / f"roundtrip-{doc.id}.txt"
        copy.write_text(release_text(doc), encoding="utf-8")
        try:
            assert read_article(copy).id == doc.id, path.name
        finally:
            copy.unlink()


def test_read_releases_ignores_nothing_silently(tmp_path):
    (tmp_path / "notes.txt").write_text("a stray file\n", encoding="utf-8")
    rows, problems = read_releases(tmp_path)
    assert rows == [] and [p.file for p in problems] == ["releases/notes.txt"] and "not a release file" in problems[0].reason


def test_a_release_that_repeats_a_curated_meeting_confirms_it(tmp_path):
    data = copy_data(tmp_path)
    db = tmp_path / "live.db"
    release = tmp_path / "seed-like.txt"
    release.write_text("Minister and Director-General Meet\n\n3 April 2017\n\nWritten by the project for its tests. Foreign Minister "
                       "Kairat Abdrakhmanov met Director-General Irina Bokova on 29 March 2017.\n\nPermanent link: "
                       "https://example.org/press/tests/seed-like\n", encoding="utf-8")
    report = ingest([release], data, db)
    assert (report.meetings, report.confirmations) == (0, 1)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT record_id FROM evidence WHERE field = 'confirmation'").fetchall() == [
        ("kaz-2017-03-29-abdrakhmanov-bokova",)]


def test_the_ingest_command_reports_what_it_kept_and_built(setting, tmp_path):
    data, db, folder = setting
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--data", str(data), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 new, 0 replaced, 0 unchanged, 1 refused" in result.output and f"Built {db}" in result.output
    missing = CliRunner().invoke(cli, ["ingest", str(folder), "--data", str(tmp_path / "nowhere"), "--db", str(db)])
    assert missing.exit_code == 1 and "the data folder" in missing.output and "Traceback" not in missing.output


SCOPED_RELEASE = """Kyrgyz minister meets UNESCO's Director-General

12 March 2024

Written by the project for its tests. On 11 March 2024 in Paris, Foreign Minister Jeenbek Kulubaev met Director-General
Audrey Azoulay. They discussed teacher training and schools in rural areas of Kyrgyzstan.

Separately, an exhibition at UNESCO Headquarters presented the Aral Sea, the glaciers of Tajikistan and the Silk Roads
heritage of Uzbekistan.

Permanent link: https://example.org/press/tests/scoped
"""


def test_an_extracted_meeting_gets_the_countries_and_themes_of_its_own_paragraph(tmp_path):
    data = copy_data(tmp_path)
    db = tmp_path / "live.db"
    build(data, db)
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "scoped.txt").write_text(SCOPED_RELEASE, encoding="utf-8")
    ingest([folder], data, db, releases=tmp_path / "releases")
    conn = sqlite3.connect(db)
    meetings = conn.execute("SELECT id FROM meetings WHERE origin = 'extracted'").fetchall()
    assert len(meetings) == 1
    countries = [c for (c,) in conn.execute("SELECT country_iso3 FROM meeting_countries WHERE meeting_id = ?", meetings[0])]
    themes = {t for (t,) in conn.execute("SELECT theme_id FROM meeting_themes WHERE meeting_id = ?", meetings[0])}
    assert countries == ["KGZ"]
    assert "education" in themes and not themes & {"climate_glaciology", "natural_sciences_water", "culture_heritage"}
