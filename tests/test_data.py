"""The curated data in data/: sourced, complete enough, and loading without a single reject."""

import csv
import sqlite3

import yaml

from .conftest import DATA


def yaml_records(pattern):
    for path in sorted(DATA.glob(pattern)):
        for record in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            yield path.relative_to(DATA).as_posix(), record


def test_every_curated_record_has_a_source_url():
    missing = []
    for pattern in ("meetings/*.yaml", "partnerships/*.yaml"):
        missing += [(f, r["id"]) for f, r in yaml_records(pattern) if not (r.get("source_url") or "").strip()]
    for f, person in yaml_records("people/*.yaml"):
        if not (person.get("source_url") or "").strip() and not person.get("roles"):
            missing.append((f, person["id"]))
        missing += [(f, person["id"], role["role"]) for role in person.get("roles") or [] if not (role.get("source_url") or "").strip()]
    for name in ("countries.csv", "places.csv"):
        with open(DATA / name, encoding="utf-8", newline="") as handle:
            missing += [(name, row.get("id") or row.get("iso3")) for row in csv.DictReader(handle) if not (row["source_url"] or "").strip()]
    for f, theme in yaml_records("themes.yaml"):
        if not theme.get("source_url"):
            missing.append((f, theme["id"]))
    assert missing == []


def test_the_bundled_data_builds_without_rejects_and_with_intact_keys(bundled_db):
    conn = sqlite3.connect(bundled_db)
    assert conn.execute("SELECT file, line, field, reason FROM rejects").fetchall() == []
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for table in ("meetings", "partnerships", "places", "people", "roles", "countries"):
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE source_url IS NULL OR source_url = ''").fetchone() == (0,), table


def test_the_bundled_data_covers_what_the_foundation_promised(bundled_db):
    conn = sqlite3.connect(bundled_db)
    records = conn.execute("SELECT (SELECT count(*) FROM meetings) + (SELECT count(*) FROM partnerships)").fetchone()[0]
    assert records >= 80
    assert conn.execute("SELECT count(*) FROM places WHERE kind = 'world_heritage_site'").fetchone()[0] >= 18
    focus = conn.execute("SELECT iso3, unesco_member_since FROM countries WHERE focus = 1 ORDER BY iso3").fetchall()
    assert [c for c, _ in focus] == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert all(since for _, since in focus)
    # every focus country and most themes are covered by records
    covered = {c for (c,) in conn.execute("SELECT DISTINCT country_iso3 FROM meeting_countries UNION SELECT country_iso3 FROM partnership_countries")}
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB"} <= covered
    themes = {t for (t,) in conn.execute("SELECT theme_id FROM meeting_themes UNION SELECT theme_id FROM partnership_themes")}
    assert len(themes) >= 9


def test_the_seed_meeting_and_its_facts_are_there(bundled_db):
    conn = sqlite3.connect(bundled_db)
    meeting = conn.execute("SELECT date, date_precision, participants FROM meetings_detailed WHERE id = 'kaz-2017-03-29-abdrakhmanov-bokova'").fetchone()
    assert meeting[:2] == ("2017-03-29", "day")
    assert "Kairat Abdrakhmanov" in meeting[2] and "Irina Bokova" in meeting[2]
    who = conn.execute(
        "SELECT name FROM office_holders WHERE role = 'Director-General' AND organisation = 'UNESCO'"
        " AND start_date <= '2017-03-29' AND (end_date IS NULL OR end_date >= '2017-03-29')").fetchall()
    assert who == [("Irina Bokova",)]
    kinds = dict(conn.execute("SELECT id, kind FROM partnerships WHERE id IN ('whs-western-tien-shan', 'c2c-cargc', 'resolution-unsc-2347', "
                              "'programme-decade-rapprochement-cultures')").fetchall())
    assert kinds == {"whs-western-tien-shan": "world_heritage_inscription", "c2c-cargc": "category_2_centre",
                     "resolution-unsc-2347": "resolution", "programme-decade-rapprochement-cultures": "programme"}
