"""The home page under AppTest: counts come from the database; a missing or broken one is a message."""

import sqlite3

from streamlit.testing.v1 import AppTest

from .conftest import ROOT

APP = str(ROOT / "app.py")


def run(monkeypatch, db):
    monkeypatch.setenv("COOPERATION_DB", str(db))
    return AppTest.from_file(APP, default_timeout=30).run()


def test_home_shows_the_counts_of_the_database(monkeypatch, mini_db):
    at = run(monkeypatch, mini_db)
    assert not at.exception
    shown = {m.label: m.value for m in at.metric}
    conn = sqlite3.connect(mini_db)
    assert shown["Meetings"] == str(conn.execute("SELECT count(*) FROM meetings").fetchone()[0]) == "1"
    assert shown["Partnerships and milestones"] == "2"


def test_missing_database_is_a_message(monkeypatch, tmp_path):
    at = run(monkeypatch, tmp_path / "nothing.db")
    assert not at.exception
    assert "No database at" in at.warning[0].value and "make db" in at.warning[0].value


def test_a_file_that_is_not_a_database_is_a_message(monkeypatch, tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_text("this is not sqlite")
    at = run(monkeypatch, bogus)
    assert not at.exception
    assert "is not a cooperation database" in at.warning[0].value
