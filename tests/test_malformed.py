"""A corpus of malformed inputs: each gives its own message, with file, line and field, and no traceback."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from etl.cli import cli
from etl.load import build

GOOD_MEETING = """- id: kaz-2019-05-01-extra
  date: 2019-05-01
  title: An extra meeting
  kind: bilateral_meeting
  countries: [KAZ]
  themes: [education]
  source_url: https://example.org/extra
"""


def meeting(**changes: str) -> str:
    """GOOD_MEETING with some 'field: value' lines replaced (value None removes the line)."""
    lines = GOOD_MEETING.splitlines()
    for field, value in changes.items():
        index = next((i for i, line in enumerate(lines) if line.strip(" -").startswith(field + ":")), None)
        new = None if value is None else ("- " if index == 0 else "  ") + f"{field}: {value}"
        if index is None:
            lines.append("  " + f"{field}: {value}")
        elif new is None:
            del lines[index]
        else:
            lines[index] = new
    return "\n".join(lines) + "\n"


def replace_in(name: str, old: str, new: str):
    def change(data: Path) -> None:
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return change


def put(name: str, content: str | bytes):
    def change(data: Path) -> None:
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

    return change


def remove(name: str):
    return lambda data: (data / name).unlink()


# (case id, change to the fixture folder, expected (file, line, field), words the reason must contain)
CASES = [
    ("broken-yaml", put("meetings/x.yaml", "- id: a\n  title: [unclosed\n  date: 2019\n"), ("meetings/x.yaml", 3, None),
     "the YAML cannot be read"),
    ("yaml-not-a-list", put("meetings/x.yaml", "id: a\ntitle: b\n"), ("meetings/x.yaml", 1, None), "must be a list of records"),
    ("yaml-item-not-mapping", put("meetings/x.yaml", "- just a sentence\n"), ("meetings/x.yaml", None, None),
     "record 1 is not a set of 'field: value' lines"),
    ("yaml-duplicate-key", put("meetings/x.yaml", GOOD_MEETING + "  title: Again\n"), ("meetings/x.yaml", 8, None),
     "the key 'title' appears twice in one record (lines 3 and 8)"),
    ("empty-file", put("meetings/x.yaml", ""), ("meetings/x.yaml", None, None), "the file is empty"),
    ("comments-only", put("meetings/x.yaml", "# nothing yet\n"), ("meetings/x.yaml", None, None), "holds no records"),
    ("latin-1-encoding", put("meetings/x.yaml", GOOD_MEETING.replace("An extra", "Caf\xe9").encode("latin-1")),
     ("meetings/x.yaml", 3, None), "not UTF-8 text (byte 0xe9 at line 3)"),
    ("nul-byte", put("meetings/x.yaml", GOOD_MEETING.replace("An extra", "A\x00")), ("meetings/x.yaml", 3, None), "NUL character"),
    ("csv-missing-column", replace_in("places.csv", ",source_url,", ",src,"), ("places.csv", 1, None),
     "missing column(s) source_url; unknown column(s) src"),
    ("csv-too-many-values", replace_in("places.csv", "city-paris,Paris,", "city-paris,Paris,extra,"), ("places.csv", 4, None),
     "this row has 16 values but the header has 15 columns"),
    ("csv-broken-quotes", replace_in("places.csv", "\"Fixture row, written for the tests\"", "\"Fixture row"),
     ("places.csv", 3, None), "not valid CSV"),
    ("unknown-theme", put("meetings/x.yaml", meeting(themes="[water]")), ("meetings/x.yaml", 6, "themes"),
     "'water' is not defined in themes.yaml"),
    ("unknown-country", put("meetings/x.yaml", meeting(countries="[KAZ, XYZ]")), ("meetings/x.yaml", 5, "countries"),
     "'XYZ' is not defined in countries.csv"),
    ("lower-case-country", put("meetings/x.yaml", meeting(countries="[kaz]")), ("meetings/x.yaml", 5, "countries"),
     "three-letter ISO 3166 country code"),
    ("impossible-date", put("meetings/x.yaml", meeting(date="2019-02-30")), ("meetings/x.yaml", 2, "date"), "is not a real date"),
    ("month-13", put("meetings/x.yaml", meeting(date="2019-13")), ("meetings/x.yaml", 2, "date"), "month 13, which does not exist"),
    ("date-wrong-format", put("meetings/x.yaml", meeting(date="29/03/2017")), ("meetings/x.yaml", 2, "date"),
     "YYYY-MM-DD, YYYY-MM or YYYY"),
    ("latitude-out-of-range", replace_in("places.csv", "43.25249,76.9115", "143.25249,76.9115"), ("places.csv", 3, "lat"),
     "between -90 and 90 degrees"),
    ("longitude-not-a-number", replace_in("places.csv", "43.25249,76.9115", "43.25249,76.9115?"), ("places.csv", 3, "lon"),
     "must be a decimal number"),
    ("latitude-without-longitude", replace_in("places.csv", "43.25249,76.9115", "43.25249,"), ("places.csv", 3, "lon"),
     "give both lat and lon"),
    ("dangling-place", put("meetings/x.yaml", meeting(place="city-atlantis")), ("meetings/x.yaml", 8, "place"),
     "'city-atlantis' is not defined in places.csv"),
    ("dangling-person", put("meetings/x.yaml", GOOD_MEETING + "  participants:\n    - person: nobody-known\n"),
     ("meetings/x.yaml", 9, "participants"), "'nobody-known' is not defined in people/*.yaml"),
    ("dangling-meeting", replace_in("partnerships/seed.yaml", "meetings: [kaz-2017-03-29-abdrakhmanov-bokova]", "meetings: [kaz-1999-nothing]"),
     ("partnerships/seed.yaml", 9, "meetings"), "'kaz-1999-nothing' is not defined in meetings/*.yaml"),
    ("duplicate-id", put("meetings/x.yaml", meeting(id="kaz-2017-03-29-abdrakhmanov-bokova")), ("meetings/x.yaml", 1, "id"),
     "duplicate meeting 'kaz-2017-03-29-abdrakhmanov-bokova': already defined at meetings/seed.yaml:1"),
    ("duplicate-place-id", replace_in("places.csv", "city-paris,Paris,", "c2c-cargc,Paris,"), ("places.csv", 4, "id"),
     "duplicate place 'c2c-cargc'"),
    ("missing-source", put("meetings/x.yaml", meeting(source_url=None)), ("meetings/x.yaml", 1, "source_url"),
     "'source_url' is required and is empty"),
    ("source-not-a-url", put("meetings/x.yaml", meeting(source_url="www.unesco.org")), ("meetings/x.yaml", 7, "source_url"),
     "must be a web address"),
    ("unknown-field", put("meetings/x.yaml", meeting(source_url=None, soruce_url="https://example.org")),
     ("meetings/x.yaml", 7, "soruce_url"), "unknown field 'soruce_url'"),
    ("huge-title", put("meetings/x.yaml", meeting(title="x" * 10000)), ("meetings/x.yaml", 3, "title"),
     "is 10000 characters long; the limit is 300"),
    ("countries-not-a-list", put("meetings/x.yaml", meeting(countries="KAZ")), ("meetings/x.yaml", 5, "countries"),
     "must be a list"),
    ("title-is-a-list", put("meetings/x.yaml", meeting(title="[a, b]")), ("meetings/x.yaml", 3, "title"), "must be text, not a list"),
    ("unknown-kind", put("meetings/x.yaml", meeting(kind="summit")), ("meetings/x.yaml", 4, "kind"), "must be one of bilateral_meeting"),
    ("end-before-start", replace_in("partnerships/seed.yaml", "  start: 2012\n", "  start: 2012\n  end: 2010\n"),
     ("partnerships/seed.yaml", 16, "end"), "'end' (2010) is before 'start' (2012)"),
    ("role-ends-before-start", replace_in("people/people.yaml", "end: 2017-11-15", "end: 2001-11-15"),
     ("people/people.yaml", 8, "roles"), "ends (2001-11-15) before it starts (2009-11-15)"),
    ("bad-colour", replace_in("themes.yaml", '"#332288"', '"navy"'), ("themes.yaml", 15, "colour"), "hex colour"),
    ("participant-twice", put("meetings/x.yaml", GOOD_MEETING + "  participants: [irina-bokova, irina-bokova]\n"),
     ("meetings/x.yaml", 8, "participants"), "lists irina-bokova twice"),
    ("year-out-of-range", put("meetings/x.yaml", meeting(date="1850")), ("meetings/x.yaml", 2, "date"), "outside 1900-2100"),
    ("missing-countries-file", remove("countries.csv"), ("countries.csv", None, None), "countries.csv is missing"),
    ("too-large", put("meetings/x.yaml", "# " + "x" * (21 * 1024 * 1024) + "\n"), ("meetings/x.yaml", None, None),
     "files in data/ must be under 20 MB"),
]


@pytest.mark.parametrize("change, where, reason", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_malformed_input_is_refused_with_its_own_message(mini_data, tmp_path, change, where, reason):
    change(mini_data)
    report = build(mini_data, tmp_path / "out.db")
    located = [(r.file, r.line, r.field) for r in report.rejects]
    assert where in located, f"{where} not in {[str(r) for r in report.rejects]}"
    reject = report.rejects[located.index(where)]
    assert reason in reject.reason, str(reject)
    assert report.written  # the good records around it still load


def test_the_corpus_is_large_and_every_message_is_distinct():
    assert len(CASES) >= 25
    assert len({c[3] for c in CASES}) == len(CASES)


def test_cli_lists_rejects_and_strict_exits_non_zero_without_touching_the_database(mini_data, tmp_path):
    db = tmp_path / "out.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["build", "--data", str(mini_data), "--db", str(db)])
    assert first.exit_code == 0, first.output
    before = db.read_bytes()
    (mini_data / "meetings" / "x.yaml").write_text(meeting(themes="[water]"), encoding="utf-8")

    lenient = runner.invoke(cli, ["build", "--data", str(mini_data), "--db", str(tmp_path / "other.db")])
    assert lenient.exit_code == 0
    assert "1 record(s) refused" in lenient.output
    assert "meetings/x.yaml:6 record 'kaz-2019-05-01-extra' field 'themes': 'water' is not defined in themes.yaml" in lenient.output

    strict = runner.invoke(cli, ["build", "--data", str(mini_data), "--db", str(db), "--strict"])
    assert strict.exit_code == 1
    assert "--strict: 1 record(s) refused; the database was not changed" in strict.output
    assert strict.exception is None or isinstance(strict.exception, SystemExit)
    assert db.read_bytes() == before


def test_cli_missing_data_folder_is_a_message_not_a_traceback(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--data", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "Error: the data folder" in result.output and "does not exist" in result.output
    assert "Traceback" not in result.output
