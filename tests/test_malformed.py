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


# ------------------------------------------------------------------------------------------- a typo loses only itself
# The three cases of issue 9, on a copy of the real data/, and the pathological inputs.

from etl.records import read_data  # noqa: E402

from .conftest import DATA  # noqa: E402


@pytest.fixture(scope="module")
def real_counts():
    dataset = read_data(DATA)
    assert dataset.rejects == [] and dataset.warnings == []
    return {t: dataset.count(t) for t in ("meetings", "partnerships", "places", "people")}


@pytest.fixture
def real_data(tmp_path):
    import shutil

    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("*.db", "*.db-*", "releases", ".*"))
    return target


def test_a_duplicated_key_in_one_meeting_refuses_that_meeting_only(real_data, real_counts):
    path = real_data / "meetings" / "kaz.yaml"
    text = path.read_text(encoding="utf-8")
    assert "- id: kaz-2006-09-11-nazarbayev-matsuura\n  date: 2006-09-11\n" in text
    path.write_text(text.replace("- id: kaz-2006-09-11-nazarbayev-matsuura\n  date: 2006-09-11\n",
                                 "- id: kaz-2006-09-11-nazarbayev-matsuura\n  date: 2006-09-11\n  date: 2006-09-12\n"), encoding="utf-8")
    line = text[: text.index("- id: kaz-2006-09-11-nazarbayev-matsuura")].count("\n") + 3
    dataset = read_data(real_data)
    assert [(r.file, r.line, r.record_id) for r in dataset.rejects] == [("meetings/kaz.yaml", line, "kaz-2006-09-11-nazarbayev-matsuura")]
    assert "the key 'date' appears twice in one record" in dataset.rejects[0].reason
    assert dataset.count("meetings") == real_counts["meetings"] - 1
    assert dataset.count("partnerships") == real_counts["partnerships"]  # those that mention it keep their own data
    for warning in dataset.warnings:
        assert (warning.field, warning.value) == ("meetings", "kaz-2006-09-11-nazarbayev-matsuura") and warning.line


def test_a_nul_byte_in_one_row_of_places_refuses_that_place_only(real_data, real_counts):
    path = real_data / "places.csv"
    lines = path.read_bytes().split(b"\n")
    row = next(i for i, line in enumerate(lines) if line.startswith(b"city-almaty,"))
    lines[row] = lines[row].replace(b"Almaty", b"Alm\x00aty", 1)
    path.write_bytes(b"\n".join(lines))
    dataset = read_data(real_data)
    assert [(r.file, r.line, r.record_id) for r in dataset.rejects] == [("places.csv", row + 1, "city-almaty")]
    assert "NUL character" in dataset.rejects[0].reason
    assert dataset.count("places") == real_counts["places"] - 1
    assert (dataset.count("meetings"), dataset.count("partnerships")) == (real_counts["meetings"], real_counts["partnerships"])
    assert dataset.warnings and all(w.value == "city-almaty" and w.field == "place" and w.line for w in dataset.warnings)
    almaty_meetings = [w.record_id for w in dataset.warnings if w.file.startswith("meetings/")]
    assert all(m["place_id"] is None for m in dataset.rows["meetings"] if m["id"] in almaty_meetings)


def test_yaml_nested_5000_levels_is_a_message_not_a_traceback(real_data, real_counts):
    (real_data / "meetings" / "deep.yaml").write_text("- id: kaz-2019-deep\n  note: " + "[" * 5000 + "]" * 5000 + "\n",
                                                      encoding="utf-8")
    (real_data / "meetings" / "deeper.yaml").write_text("- " * 5000 + "x\n", encoding="utf-8")
    dataset = read_data(real_data)
    deep = [r for r in dataset.rejects if r.file in ("meetings/deep.yaml", "meetings/deeper.yaml")]
    assert len(deep) == 2 and all("nested more than 20 levels deep" in r.reason for r in deep), [str(r) for r in deep]
    assert dataset.count("meetings") == real_counts["meetings"]


def test_an_alias_bomb_is_refused_with_a_message(real_data):
    bomb = "- id: kaz-2019-bomb\n  a: &a [x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
           "  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    (real_data / "meetings" / "bomb.yaml").write_text(bomb, encoding="utf-8")
    dataset = read_data(real_data)
    (reject,) = [r for r in dataset.rejects if r.file == "meetings/bomb.yaml"]
    assert (reject.line, reject.record_id) == (3, "kaz-2019-bomb") and "aliases (&name / *name) are not allowed" in reject.reason


def test_a_bad_byte_or_a_syntax_error_in_one_record_keeps_the_others(real_data, real_counts):
    path = real_data / "partnerships" / "uzb.yaml"
    raw = path.read_bytes()
    first = raw.index(b"\n- id: ") + 1
    second = raw.index(b"\n- id: ", first) + 1
    third = raw.index(b"\n- id: ", second) + 1
    broken = raw[:first] + raw[first:second].replace(b"summary: ", b"summary: \xe9", 1) + \
        raw[second:third].replace(b"\n  kind: ", b"\n  kind: [unclosed\n  x: ", 1) + raw[third:]
    path.write_bytes(broken)
    dataset = read_data(real_data)
    mine = [r for r in dataset.rejects if r.file == "partnerships/uzb.yaml"]
    assert len(mine) == 2 and "not UTF-8" in mine[0].reason and "the YAML cannot be read" in mine[1].reason
    assert mine[0].record_id and mine[1].record_id and mine[0].line < mine[1].line
    assert dataset.count("partnerships") == real_counts["partnerships"] - 2


def test_a_bad_quote_or_a_bad_byte_in_one_csv_row_keeps_the_rows_after_it(real_data, real_counts):
    path = real_data / "places.csv"
    lines = path.read_bytes().split(b"\n")
    lines[5] = lines[5].replace(b",", b',"', 1)  # an opening quote that never closes
    lines[9] = lines[9] + b"\xff"
    path.write_bytes(b"\n".join(lines))
    dataset = read_data(real_data)
    mine = [(r.line, r.reason.split(" (")[0]) for r in dataset.rejects if r.file == "places.csv"]
    assert mine == [(6, "this row is not valid CSV"), (10, "this row is not UTF-8 text")]
    assert dataset.count("places") == real_counts["places"] - 2


def test_a_huge_file_is_refused_with_a_message(real_data):
    (real_data / "people" / "huge.yaml").write_bytes(b"- id: x\n  name: " + b"y" * (21 * 1024 * 1024) + b"\n")
    dataset = read_data(real_data)
    assert [r.reason for r in dataset.rejects] == ["the file is 21 MB; files in data/ must be under 20 MB"]
