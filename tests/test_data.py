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


# ---------------------------------------------------------------- issue 8: every fact citable in a briefing

# Hosts of copies, mirrors, leaked documents and spam seen in earlier versions of the data: none may be a publisher.
NEVER_PUBLISHERS = ("wiki.1209k.com", "no.m.wikipedia.org", "piglix.com", "gateway.ipfs.io", "findatwiki.com", "de.wiki.li",
                    "self.gutenberg.org", "docslib.org", "fayllar.org", "einpresswire.com", "marketscreener.com", "menafn.com",
                    "the-uncensored-wiki.com", "dnhewrhegkli.shop", "341605.710819.cn", "indiaeducationdiary.in", "paperzz.com")
MIRROR_WORDS = ("wikileaks", "wiki.", ".wiki", "ipfs", "gutenberg", "docslib", "mirror.", ".shop", "academic.ru", "paperzz")


def test_no_source_is_a_copy_a_mirror_or_an_unvetted_host(bundled_db):
    conn = sqlite3.connect(bundled_db)
    assert conn.execute("SELECT count(*) FROM publishers WHERE kind = 'unvetted'").fetchone() == (0,)
    hosts = [h.strip() for (row,) in conn.execute("SELECT hosts FROM publishers") for h in row.split(",")]
    assert [h for h in hosts if h.lstrip("*.") in NEVER_PUBLISHERS] == []
    wikis = [h for h in hosts if any(w in h for w in MIRROR_WORDS) and not h.endswith(".wikipedia.org")]
    assert wikis == []
    assert [h for h in hosts if h.endswith(".wikipedia.org") and h.count(".") != 2] == []  # no m.wikipedia or mirrors


def test_encyclopedias_support_only_people_and_roles_and_few_rows(bundled_db):
    conn = sqlite3.connect(bundled_db)
    by_table = dict(conn.execute("SELECT s.record_table, count(*) FROM sources s JOIN publishers p ON p.id = s.publisher_id "
                                 "WHERE p.kind = 'encyclopedia' GROUP BY 1"))
    assert set(by_table) <= {"people", "roles"}
    rows = conn.execute("SELECT count(*) FROM sources WHERE position = 0").fetchone()[0]
    assert sum(by_table.values()) <= 0.05 * rows


def test_the_dataset_reaches_its_size_without_inventing(bundled_db):
    conn = sqlite3.connect(bundled_db)
    assert conn.execute("SELECT count(*) FROM meetings WHERE origin = 'curated'").fetchone()[0] >= 130
    assert conn.execute("SELECT count(*) FROM partnerships WHERE origin = 'curated'").fetchone()[0] >= 220


def test_every_heritage_site_and_reserve_has_its_record_and_an_honest_point(bundled_db):
    conn = sqlite3.connect(bundled_db)
    without = conn.execute(
        "SELECT pl.id FROM places pl WHERE pl.kind = 'world_heritage_site' AND NOT EXISTS ("
        "SELECT 1 FROM partnerships p WHERE p.place_id = pl.id AND p.kind = 'world_heritage_inscription')").fetchall()
    assert without == []
    # a reserve without a designation record says why in its note (no publisher's page gives the year)
    undesignated = conn.execute(
        "SELECT pl.id, pl.note FROM places pl WHERE pl.kind = 'biosphere_reserve' AND NOT EXISTS ("
        "SELECT 1 FROM partnerships p WHERE p.place_id = pl.id AND p.kind = 'biosphere_reserve')").fetchall()
    assert all(note for _, note in undesignated), undesignated
    # a site without its official point is flagged, never placed at a guessed one
    unmapped = conn.execute(
        "SELECT id, flags FROM places WHERE kind IN ('world_heritage_site', 'biosphere_reserve') AND lat IS NULL "
        "AND id NOT IN (SELECT place_id FROM place_components)").fetchall()
    assert all("coordinates_missing" in (flags or "") for _, flags in unmapped)
    assert conn.execute("SELECT count(*) FROM places WHERE kind IN ('world_heritage_site', 'biosphere_reserve') "
                        "AND lat IS NOT NULL AND coord_precision <> 'site'").fetchone() == (0,)


def test_every_site_point_and_component_point_is_published_by_unesco(bundled_db):
    """A heritage site's or reserve's point comes from a UNESCO page: the page cited for its coordinates when there
    is one (places.csv `sources`: coordinates=URL), otherwise its own source; a component's from its source."""
    conn = sqlite3.connect(bundled_db)
    points = conn.execute(
        "SELECT pl.id, coalesce((SELECT pb.kind FROM sources s JOIN publishers pb ON pb.id = s.publisher_id "
        "WHERE s.record_table = 'places' AND s.record_id = pl.id AND s.position > 0 AND ', ' || s.supports || ',' "
        "LIKE '%, coordinates,%'), own.kind) FROM places pl JOIN publishers own ON own.id = pl.publisher_id "
        "WHERE pl.kind IN ('world_heritage_site', 'biosphere_reserve') AND pl.lat IS NOT NULL").fetchall()
    assert len(points) >= 20
    assert [p for p in points if p[1] != "unesco"] == []
    parts = conn.execute("SELECT c.id, pb.kind, c.coord_precision FROM place_components c "
                         "JOIN publishers pb ON pb.id = c.publisher_id").fetchall()
    assert parts and [p for p in parts if p[1:] != ("unesco", "site")] == []


def test_every_register_reaches_its_official_count_or_says_what_is_missing(bundled_db):
    conn = sqlite3.connect(bundled_db)
    counted = conn.execute("SELECT register, country_iso3, official_count, recorded FROM register_completeness").fetchall()
    registers = {r for r, *_ in counted}
    assert {"world_heritage", "intangible_heritage", "memory_of_the_world", "biosphere_reserves"} <= registers
    # where the official count is not reached, the note names what is missing and why
    short = conn.execute("SELECT register, country_iso3, note FROM register_completeness WHERE recorded < official_count").fetchall()
    assert [row for row in short if "Gap" not in (row[2] or "")] == []
