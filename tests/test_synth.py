"""The synthetic benchmark database: the real schema, deterministic, marked synthetic, never the real file."""

import sqlite3

from click.testing import CliRunner

from etl.cli import cli
from etl.synth import synth

from .conftest import DATA, ROOT


def rows(path, table):
    return sqlite3.connect(path).execute(f"SELECT * FROM [{table}] ORDER BY 1, 2").fetchall()  # noqa: S608 - fixed names


def test_synthetic_databases_are_deterministic_and_marked(tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    counts = synth(a, 2000, seed=7, data_dir=DATA)
    synth(b, 2000, seed=7, data_dir=DATA)
    assert counts["meetings"] == 2000 and counts["records"] == 2000 + counts["partnerships"]
    for table in ("meetings", "meeting_themes", "meeting_countries", "partnerships", "records", "record_themes"):
        assert rows(a, table) == rows(b, table), table
    conn = sqlite3.connect(a)
    assert conn.execute("SELECT count(*) FROM meetings WHERE origin <> 'synthetic' OR title NOT LIKE '[synthetic]%'").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM records WHERE origin <> 'synthetic'").fetchone() == (0,)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert synth(tmp_path / "c.db", 2000, seed=8, data_dir=DATA) and rows(tmp_path / "c.db", "meetings") != rows(a, "meetings")


def test_synth_refuses_the_real_database(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["synth", "--meetings", "10", "--db", "data/cooperation.db"])
    assert result.exit_code == 1 and "refusing to write synthetic data to data/cooperation.db" in result.output
