"""Review decisions are files: `etl review list / accept / merge / reject / add-publisher` on a copy of data/.

The setting: a copy of data/ in which the curated record of one real meeting (Japarov and Azoulay by video link,
April 2021) has not been written yet, and our own fixture release retelling it has been ingested. Every refused
decision is one line, exit status 1, and leaves data/ byte-identical.
"""

import csv
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from etl import review
from etl.cli import cli
from etl.ingest import ingest
from etl.load import build
from etl.records import read_data, split_records

from .conftest import DATA, FIXTURES, ROOT

RELEASE = FIXTURES / "articles" / "06_zhaparov-azoulay-video.txt"
MISSING = "kgz-2021-04-japarov-azoulay-video"
PUBLISHER = "- id: example-test-press\n  name: Example test press office\n  kind: news\n  hosts: [example.org]\n"
SUMMARY = ("By video link the two discussed distance schooling during the pandemic, the creative economy, snow leopards and "
           "an Issyk-Kul geopark bid; the Director-General agreed to visit.")


def without_meeting(data: Path, meeting_id: str) -> None:
    """The copy of data/ before that meeting was curated."""
    path = data / "meetings" / f"{meeting_id[:3]}.yaml"
    preamble, chunks = split_records(path.read_bytes())
    kept = [c.raw for c in chunks if not c.raw.startswith(f"- id: {meeting_id}\n".encode())]
    assert len(kept) == len(chunks) - 1
    path.write_bytes(preamble + b"".join(kept))


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("review-base")
    data = root / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.db", "*.db-*", "releases", ".*"))
    without_meeting(data, MISSING)
    with open(data / "publishers.yaml", "a", encoding="utf-8") as handle:
        handle.write(PUBLISHER)
    report = ingest([RELEASE], data, root / "cooperation.db")
    assert report.build.written and report.meetings == 1
    return root


@pytest.fixture
def setting(base, tmp_path, monkeypatch):
    """(data folder, database) copied from the base, and the CLI's arguments for them."""
    shutil.copytree(base, tmp_path / "s")
    monkeypatch.setenv("COOPERATION_REVIEWER", "Test Reviewer")
    monkeypatch.delenv("COOPERATION_RELEASES", raising=False)
    data, db = tmp_path / "s" / "data", tmp_path / "s" / "cooperation.db"
    return data, db, ["--data", str(data), "--db", str(db)]


def run(*args: str):
    return CliRunner().invoke(cli, ["review", *args])


def facts(args) -> list[dict]:
    result = run("list", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def fact(args, kind: str, title: str | None = None) -> dict:
    return next(f for f in facts(args) if f["type"] == kind and (title is None or title in f["title"]))


def snapshot(data: Path) -> dict[str, str]:
    return {p.relative_to(data).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(data.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def test_list_gives_every_pending_fact_with_its_release_evidence_and_likely_duplicate(setting):
    data, db, args = setting
    listed = facts(args)
    assert {"id", "type", "date", "title", "release", "evidence", "duplicate"} <= set(listed[0])
    meeting = next(f for f in listed if f["type"] == "meeting")
    assert (meeting["date"], meeting["title"]) == ("2021-04", "Sadyr Japarov meets Audrey Azoulay")
    assert meeting["release_url"] == "https://example.org/press/06-zhaparov-azoulay-video"
    assert "video conference" in meeting["evidence"]
    issyk_kul = fact(args, "partnership", "Issyk-Kul Biosphere")
    twin = sqlite3.connect(db).execute("SELECT name, kind, origin FROM partnerships WHERE id = ?", [issyk_kul["duplicate"]]).fetchone()
    assert "Issyk-Kul" in twin[0] and twin[1:] == ("biosphere_reserve", "curated")
    assert [f["confidence"] for f in listed] == sorted((f["confidence"] for f in listed), reverse=True)  # one release
    text = run("list", *args)
    assert text.exit_code == 0 and meeting["id"] in text.output and f"probably duplicates {issyk_kul['duplicate']}" in text.output


def test_accept_writes_one_record_into_the_right_file_keeping_every_other_byte(setting):
    data, db, args = setting
    meeting = fact(args, "meeting")
    before = {p: (data / p).read_bytes() for p in ("meetings/kgz.yaml", "publishers.yaml", "people/leaders.yaml")}
    files = snapshot(data)
    result = run("accept", meeting["id"], "--set", "kind=video_conference", "--set", "themes=education,culture_heritage",
                 "--set", "id=kgz-2021-04-japarov-azoulay-video", "--summary", SUMMARY, *args)
    assert result.exit_code == 0, result.output
    assert f"{meeting['id']}: accepted as kgz-2021-04-japarov-azoulay-video in data/meetings/kgz.yaml" in result.output
    after = (data / "meetings" / "kgz.yaml").read_bytes()
    assert after.startswith(before["meetings/kgz.yaml"])  # byte-identical apart from the appended record
    added = after[len(before["meetings/kgz.yaml"]):].decode()
    assert added == (
        "\n- id: kgz-2021-04-japarov-azoulay-video\n  date: \"2021-04\"\n  title: Sadyr Japarov meets Audrey Azoulay\n"
        "  kind: video_conference\n  place:\n  countries: [KGZ]\n  themes: [education, culture_heritage]\n  participants:\n"
        "    - person: sadyr-japarov\n      role: President\n    - person: audrey-azoulay\n      role: Director-General\n"
        f"  summary: {SUMMARY}\n  source_url: https://example.org/press/06-zhaparov-azoulay-video\n  flags: []\n  note:\n")
    changed = {k for k, v in snapshot(data).items() if files.get(k) != v}
    assert changed == {"meetings/kgz.yaml", "review/decisions.yaml"}
    log = yaml.safe_load((data / "review" / "decisions.yaml").read_text())
    assert [(d["fact"], d["decision"], d["record"], d["reviewer"]) for d in log] == [
        (meeting["id"], "accept", "kgz-2021-04-japarov-azoulay-video", "Test Reviewer")]
    conn = sqlite3.connect(db)
    row = conn.execute("SELECT m.origin, m.source_url, p.name FROM meetings m JOIN publishers p ON p.id = m.publisher_id "
                       "WHERE m.id = 'kgz-2021-04-japarov-azoulay-video'").fetchone()
    assert row == ("curated", "https://example.org/press/06-zhaparov-azoulay-video", "Example test press office")
    assert conn.execute("SELECT count(*) FROM meetings WHERE id = ?", [meeting["id"]]).fetchone() == (0,)
    assert meeting["id"] not in {f["id"] for f in facts(args)}
    # the database is a build artefact: from scratch, the same rows
    rows = conn.execute("SELECT * FROM records ORDER BY rid").fetchall()
    conn.close()
    db.unlink()
    assert build(data, db).written
    assert sqlite3.connect(db).execute("SELECT * FROM records ORDER BY rid").fetchall() == rows


def test_merge_adds_the_release_as_a_further_source_of_the_curated_twin(setting):
    data, db, args = setting
    issyk_kul = fact(args, "partnership", "Issyk-Kul Biosphere")
    twin = issyk_kul["duplicate"]
    rel, _ = review._record_file(data, "partnerships", twin)
    files = snapshot(data)
    before = (data / rel).read_text()
    result = run("merge", issyk_kul["id"], "--into", twin, *args)
    assert result.exit_code == 0, result.output
    assert {k for k, v in snapshot(data).items() if files.get(k) != v} == {rel.as_posix(), "review/decisions.yaml"}
    after = (data / rel).read_text()
    added = [line for line in review.diff(before, after).splitlines() if line.startswith(("+", "-")) and line[:3] not in ("+++", "---")]
    assert added == ["+  sources:", "+    - url: https://example.org/press/06-zhaparov-azoulay-video", "+      supports: [name, kind]"]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT url, supports, publisher_id FROM sources WHERE record_id = ? AND url LIKE 'https://example.org/%'",
                        [twin]).fetchone() == ("https://example.org/press/06-zhaparov-azoulay-video", "name, kind", "example-test-press")
    assert conn.execute("SELECT count(*) FROM evidence WHERE record_id = ? AND field = 'confirmation'", [twin]).fetchone() == (1,)


def test_reject_logs_the_reason_and_the_fact_is_never_proposed_again(setting):
    data, db, args = setting
    board = fact(args, "partnership", "membership of UNESCO")
    result = run("reject", board["id"], "--reason", "Already recorded from a better source", *args)
    assert result.exit_code == 0, result.output
    (entry,) = yaml.safe_load((data / "review" / "decisions.yaml").read_text())
    assert (entry["decision"], entry["reason"], entry["reviewer"]) == (
        "reject", "Already recorded from a better source", "Test Reviewer")
    assert entry["decided_at"].endswith("+00:00") and entry["release"] == board["release"]
    db.unlink()
    build(data, db)
    assert board["id"] not in {f["id"] for f in facts(args)}
    assert sqlite3.connect(db).execute("SELECT count(*) FROM partnerships WHERE id = ?", [board["id"]]).fetchone() == (0,)


def drop_test_publisher(data: Path) -> None:
    path = data / "publishers.yaml"
    path.write_text(path.read_text().replace(PUBLISHER, ""), encoding="utf-8")


REFUSALS = [  # (case, arguments with {meeting} / {partnership} / {decided}, words of the one-line reason)
    ("unknown-fact", ["accept", "x-0000000000-m-00000000", "--summary", SUMMARY], "no pending fact x-0000000000-m-00000000"),
    ("malformed-id", ["accept", "../../etc/passwd", "--summary", SUMMARY], "is not a fact id"),
    ("no-summary", ["accept", "{meeting}"], "write a summary in your own words"),
    ("copied-summary", ["accept", "{meeting}", "--summary", "Mr Zhaparov thanked UNESCO for helping the education ministry "
                        "move schooling to distance learning during the COVID-19 pandemic"], "repeats the release word for word"),
    ("set-without-equals", ["accept", "{meeting}", "--set", "themes", "--summary", SUMMARY], "--set takes FIELD=VALUE"),
    ("set-unknown-field", ["accept", "{meeting}", "--set", "venue=Paris", "--summary", SUMMARY], "unknown field 'venue'"),
    ("set-source", ["accept", "{meeting}", "--set", "source_url=https://example.com/x", "--summary", SUMMARY],
     "'source_url' cannot be set"),
    ("impossible-date", ["accept", "{meeting}", "--set", "date=2021-02-30", "--summary", SUMMARY], "is not a real date"),
    ("unknown-theme", ["accept", "{meeting}", "--set", "themes=water", "--summary", SUMMARY], "'water' is not defined in themes.yaml"),
    ("no-themes", ["accept", "{meeting}", "--set", "themes=", "--summary", SUMMARY], "'themes' must list at least one value"),
    ("unknown-person", ["accept", "{meeting}", "--set", "participants=nobody-known", "--summary", SUMMARY],
     "'nobody-known' is not defined in people/*.yaml"),
    ("bad-yaml-value", ["accept", "{meeting}", "--set", "participants=[{person: a", "--summary", SUMMARY],
     "the value of 'participants' cannot be read"),
    ("unregistered-host", ["accept", "{meeting}", "--summary", SUMMARY], "example.org, which is not in publishers.yaml"),
    ("already-decided", ["accept", "{decided}", "--summary", SUMMARY], "was already decided: reject by Test Reviewer"),
    ("merge-into-missing", ["merge", "{partnership}", "--into", "br-atlantis"], "no curated partnership 'br-atlantis'"),
    ("merge-into-other-type", ["merge", "{meeting}", "--into", "{twin}"], "no curated meeting '"),
    ("merge-bad-supports", ["merge", "{partnership}", "--into", "{twin}", "--supports", "colour"], "--supports names colour"),
    ("merge-already-cited", ["merge", "{partnership}", "--into", "{twin}"], "already cites this release"),
    ("reject-without-reason", ["reject", "{meeting}", "--reason", "  "], "say why the fact is rejected"),
    ("publisher-bad-host", ["add-publisher", "not a host", "--name", "X", "--kind", "news"], "is not a host name"),
    ("publisher-known-host", ["add-publisher", "https://www.akorda.kz/en/x", "--name", "Akorda again", "--kind", "government"],
     "akorda.kz is already in publishers.yaml"),
]


@pytest.mark.parametrize("arguments, reason", [c[1:] for c in REFUSALS], ids=[c[0] for c in REFUSALS])
def test_every_refused_decision_is_one_line_exit_1_and_changes_nothing(setting, arguments, reason):
    data, db, args = setting
    listed = facts(args)
    meeting = next(f["id"] for f in listed if f["type"] == "meeting")
    partnership, twin = next((f["id"], f["duplicate"]) for f in listed if "Issyk-Kul Biosphere" in f["title"])
    decided = next(f["id"] for f in listed if "membership of UNESCO" in f["title"])
    if "{decided}" in arguments:
        assert run("reject", decided, "--reason", "Recorded already", *args).exit_code == 0
    if reason == "already cites this release":
        rel, raw = review._record_file(data, "partnerships", twin)
        (data / rel).write_bytes(review.rewrite_record((data / rel).read_bytes(), raw.line, lambda item: item.update(
            source_url="https://example.org/press/06-zhaparov-azoulay-video")))
    if "publishers.yaml" in reason and "already" not in reason:
        drop_test_publisher(data)
    files, database = snapshot(data), db.read_bytes()
    given = [a.replace("{meeting}", meeting).replace("{partnership}", partnership).replace("{decided}", decided)
             .replace("{twin}", twin) for a in arguments]
    result = run(*given, *args)
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and reason in lines[0], result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, (KeyError, ValueError, TypeError))
    assert snapshot(data) == files and db.read_bytes() == database


def test_no_database_and_no_data_folder_are_messages(tmp_path, monkeypatch):
    monkeypatch.setenv("COOPERATION_REVIEWER", "Test Reviewer")
    for arguments in (["list", "--db", str(tmp_path / "none.db")], ["accept", "x-1", "--data", str(tmp_path / "nowhere")],
                      ["reject", "x-1", "--reason", "r", "--db", str(tmp_path / "none.db")]):
        result = run(*arguments)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "no database at" in result.output or "the data folder" in result.output


def test_a_new_person_and_a_new_place_are_accepted_into_people_and_places(tmp_path, monkeypatch):
    monkeypatch.setenv("COOPERATION_REVIEWER", "Test Reviewer")
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.db", "*.db-*", "releases", ".*"))
    with open(data / "publishers.yaml", "a", encoding="utf-8") as handle:
        handle.write(PUBLISHER)
    release = tmp_path / "naryn.txt"
    release.write_text("Director-General Visits Naryn\n\n4 March 2024\n\nWritten by the project for its tests. Minister "
                       "Altynbek Maksutov of Kyrgyzstan met Director-General Audrey Azoulay in Naryn on 3 March 2024.\n\n"
                       "Permanent link: https://example.org/press/tests/naryn\n", encoding="utf-8")
    db = tmp_path / "c.db"
    ingest([release], data, db)
    args = ["--data", str(data), "--db", str(db)]
    person = fact(args, "person")
    place = fact(args, "place")
    meeting = fact(args, "meeting")
    refused = run("accept", meeting["id"], "--summary", SUMMARY, *args)
    assert refused.exit_code == 1 and f"participant Altynbek Maksutov ({person['id']}) is not in the people registry" in refused.output
    places_before = (data / "places.csv").read_bytes()
    assert run("accept", place["id"], *args).exit_code == 0
    row = (data / "places.csv").read_bytes()[len(places_before):].decode()
    header = places_before.decode().splitlines()[0].split(",")
    cells = dict(zip(header, next(csv.reader([row]))))
    assert len(next(csv.reader([row]))) == len(header) and row.endswith("\n")
    assert (cells["id"], cells["name"], cells["kind"], cells["countries"], cells["coord_precision"]) == (
        "city-naryn", "Naryn", "city", "KGZ", "city")
    assert run("accept", person["id"], "--set", "id=altynbek-maksutov", *args).exit_code == 0
    assert "- id: altynbek-maksutov\n  name: Altynbek Maksutov\n" in (data / "people" / "kgz.yaml").read_text()
    again = fact(args, "meeting")  # extracted again, now with the accepted person and place
    assert {p["person"] for p in again["values"]["participants"]} == {"altynbek-maksutov", "audrey-azoulay"}
    assert again["values"]["place"] == "city-naryn"
    assert run("accept", again["id"], "--summary", SUMMARY, "--set", "themes=culture_heritage", *args).exit_code == 0
    dataset = read_data(data)
    assert dataset.rejects == [] and any(m["place_id"] == "city-naryn" for m in dataset.rows["meetings"])


# ------------------------------------------------------------------------------------------- writing


def test_every_record_of_data_rewrites_to_the_same_bytes():
    """The per-record round trip a merge uses keeps comments, order and quoting of each record it touches."""
    checked = 0
    for path in sorted(DATA.rglob("*.yaml")):
        if path.parent.name in ("meetings", "partnerships", "people"):
            raw = path.read_bytes()
            split = split_records(raw)
            if split is None:
                continue
            for chunk in split[1]:
                assert review.rewrite_record(raw, chunk.first_line, lambda item: None) == raw, f"{path}:{chunk.first_line}"
                checked += 1
    assert checked > 200


def test_appending_keeps_a_commented_file_byte_identical_before_the_new_record(tmp_path):
    original = (b"# A header comment\n\n- id: a-1  # trailing comment\n  title: 'quoted'\n  list: [x, y]\n"
                b"  # a comment inside\n  note: >-\n    folded\n    text\n")
    new = review.append_yaml(original, {"id": "b-2", "date": "2021-04", "title": "Two", "countries": ["KAZ"], "note": None})
    assert new.startswith(original)
    assert new[len(original):] == b'\n- id: b-2\n  date: "2021-04"\n  title: Two\n  countries: [KAZ]\n  note:\n'
    assert review.append_yaml(b"# none yet\n[]\n", {"id": "c"}) == b"# none yet\n- id: c\n"
    csv_before = b"id,name,countries\r\na,\"A, with comma\",KAZ\r\n"
    assert review.append_csv(csv_before, {"countries": ["KAZ", "UZB"], "name": "B, too", "id": "b"}) == \
        csv_before + b'b,"B, too",KAZ;UZB\r\n'


def test_two_accepts_at_once_do_not_corrupt_a_file(setting):
    data, db, args = setting
    listed = facts(args)
    sary, board = (next(f["id"] for f in listed if word in f["title"]) for word in ("Sary-Chelek", "membership of UNESCO"))
    before = (data / "partnerships" / "kgz.yaml").read_bytes()
    refused_before = {str(r) for r in read_data(data).rejects}  # (links.yaml cites the meeting this setting leaves out)
    commands = [[sys.executable, "-m", "etl", "review", "accept", key, "--set", f"id=test-{n}", "--set", "themes=culture_heritage",
                 "--summary", f"Our own summary number {n} of what the release says about this partnership.", *args]
                for n, key in enumerate((sary, board))]
    procs = [subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**__import__("os").environ, "COOPERATION_REVIEWER": "Test Reviewer"}) for c in commands]
    outputs = [p.communicate(timeout=600)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    after = (data / "partnerships" / "kgz.yaml").read_bytes()
    assert after.startswith(before) and after.count(b"\n- id: test-") == 2
    dataset = read_data(data)
    assert {str(r) for r in dataset.rejects} == refused_before
    assert {"test-0", "test-1"} <= {p["id"] for p in dataset.rows["partnerships"]}
    assert len(yaml.safe_load((data / "review" / "decisions.yaml").read_text())) == 2


def test_a_write_waits_for_the_lock_and_gives_up_with_a_message(setting, monkeypatch):
    data, db, args = setting
    monkeypatch.setattr(review, "LOCK_TIMEOUT", 0.2)
    board = fact(args, "partnership", "membership of UNESCO")
    outcome: dict = {}
    with review.write_lock(data):
        worker = threading.Thread(target=lambda: outcome.setdefault("r", run("reject", board["id"], "--reason", "x", *args)))
        worker.start()
        worker.join(timeout=60)
    assert outcome["r"].exit_code == 1 and "another write to data/ is still in progress" in outcome["r"].output
    assert not (data / "review" / "decisions.yaml").exists()


# ------------------------------------------------------------------------------------------- hostile uploads


HOSTILE = [
    ("latin-1.txt", "Caf\xe9 Title\n\n3 April 2017\n\nBody text.\n".encode("latin-1"), "not UTF-8 text"),
    ("huge.txt", b"Title\n\n3 April 2017\n\n" + b"x" * (20 * 1024 * 1024), "press releases over 2048 KB are refused"),
    ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "not UTF-8 text"),
    ("script.html", b"<html><head><title>T</title><link rel='canonical' href='javascript:alert(1)'></head><body><h1>Title</h1>"
                    b"<time datetime='2024-01-02'>2 January 2024</time><p>Body <a href='javascript:alert(2)'>x</a></p>"
                    b"<script>alert(3)</script></body></html>", "the HTML holds active content"),
    ("empty.txt", b"", "the file is empty"),
    ("controls.txt", b"Title\n\n3 April 2017\n\nBody \x07\x08 with control characters.\n", "holds control characters"),
]


@pytest.mark.parametrize("name, content, reason", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_upload_gets_a_clear_message_and_changes_nothing(setting, tmp_path, name, content, reason):
    data, db, args = setting
    path = tmp_path / name
    path.write_bytes(content)
    files, database = snapshot(data), db.read_bytes()
    report = ingest([path], data, db, names=[name])
    assert len(report.refused) == 1 and report.refused[0].startswith(name) and reason in report.refused[0], report.refused
    assert report.build is None and snapshot(data) == files and db.read_bytes() == database
