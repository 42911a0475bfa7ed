"""Readers and validators, on files written by the tests."""

from pathlib import Path

import pytest

from etl import records
from etl.records import Invalid, read_csv, read_data, read_yaml


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_read_yaml_keeps_record_and_field_lines(tmp_path):
    path = write(tmp_path, "m.yaml", "# comment\n- id: a\n  title: First\n\n- id: b\n  title: Second\n  date: 2017-03-29\n")
    raws, rejects = read_yaml(path, "m.yaml")
    assert rejects == []
    assert [(r.line, r.data) for r in raws] == [
        (2, {"id": "a", "title": "First"}),
        (5, {"id": "b", "title": "Second", "date": "2017-03-29"}),  # dates stay text
    ]
    assert raws[1].line_of("date") == 7


def test_read_csv_reports_the_line_of_each_row(tmp_path):
    path = write(tmp_path, "c.csv", 'a,b\n1,x\n\n2,"multi\nline"\n3,y\n')
    raws, rejects = read_csv(path, "c.csv", ["a", "b"], ["a"])
    assert rejects == []
    assert [(r.line, r.data) for r in raws] == [(2, {"a": "1", "b": "x"}), (4, {"a": "2", "b": "multi\nline"}), (6, {"a": "3", "b": "y"})]


@pytest.mark.parametrize(
    "value, expected",
    [("2017-03-29", ("2017-03-29", "day")), ("2017-03", ("2017-03", "month")), (2017, ("2017", "year")), ("1992", ("1992", "year"))],
)
def test_date_precision_comes_from_what_is_written(value, expected):
    assert records.date(value) == expected


@pytest.mark.parametrize(
    "value, message",
    [("2017-02-30", "is not a real date"), ("2017-13", "month 13"), ("29/03/2017", "YYYY-MM-DD"), ("1850", "outside 1900-2100"),
     (True, "YYYY-MM-DD")],
)
def test_bad_dates_say_why(value, message):
    with pytest.raises(Invalid, match=message):
        records.date(value)


def test_list_rules_refuse_scalars_and_repeats():
    rule = records.list_of(records.iso3)
    assert rule(["KAZ", "UZB"]) == ["KAZ", "UZB"]
    with pytest.raises(Invalid, match="must be a list"):
        rule("KAZ")
    with pytest.raises(Invalid, match="same value twice"):
        rule(["KAZ", "KAZ"])
    with pytest.raises(Invalid, match="'kaz' that must be a three-letter"):
        rule(["kaz"])


def test_read_data_on_the_fixture_gives_rows_for_every_table(mini_data):
    dataset = read_data(mini_data)
    assert dataset.rejects == []
    assert dataset.rows["meetings"] == [{
        "id": "kaz-2017-03-29-abdrakhmanov-bokova", "date": "2017-03-29", "date_precision": "day", "year": 2017,
        "title": "Foreign Minister Abdrakhmanov meets Director-General Bokova", "kind": "bilateral_meeting", "place_id": None,
        "summary": "Fixture meeting for the tests.",
        "source_url": "http://en.unesco.kz/kazakhstan-places-priority-on-partnership-with-unesco-for-peace-and-security",
        "publisher_id": "unesco-almaty", "flags": "place_unknown", "note": None, "origin": "curated", "confidence": 1.0,
        "document_id": None,
    }]
    assert sorted((r["partnership_id"], r["country_iso3"]) for r in dataset.rows["partnership_countries"]) == [
        ("c2c-cargc", "KAZ"), ("whs-western-tien-shan", "KAZ"), ("whs-western-tien-shan", "KGZ"), ("whs-western-tien-shan", "UZB")]
    # a place without coordinates is flagged, not guessed
    tien_shan = next(p for p in dataset.rows["places"] if p["id"] == "whc-1490")
    assert (tien_shan["lat"], tien_shan["lon"], tien_shan["flags"]) == (None, None, "coordinates_missing")
    # names are their own aliases, so extraction can resolve them
    assert {"person_id": "kairat-abdrakhmanov", "alias": "Kaiarat Abdrakhmanov"} in dataset.rows["person_aliases"]
    assert {"person_id": "kairat-abdrakhmanov", "alias": "Kairat Abdrakhmanov"} in dataset.rows["person_aliases"]


def test_one_bad_record_does_not_cost_its_neighbours(mini_data):
    meetings = mini_data / "meetings" / "more.yaml"
    meetings.write_text(
        "- id: kaz-2019-01-01-good-one\n  date: 2019\n  title: Good one\n  kind: other\n  countries: [KAZ]\n"
        "  themes: [education]\n  source_url: https://example.org/a\n"
        "- id: kaz-2019-01-02-bad-one\n  date: 2019-02-30\n  title: Bad one\n  kind: other\n  countries: [KAZ]\n"
        "  themes: [education]\n  source_url: https://example.org/b\n"
        "- id: kaz-2019-01-03-good-two\n  date: 2019-05\n  title: Good two\n  kind: other\n  countries: [KGZ]\n"
        "  themes: [youth]\n  source_url: https://example.org/c\n",
        encoding="utf-8",
    )
    dataset = read_data(mini_data)
    assert sorted(m["id"] for m in dataset.rows["meetings"]) == [
        "kaz-2017-03-29-abdrakhmanov-bokova", "kaz-2019-01-01-good-one", "kaz-2019-01-03-good-two"]
    assert [str(r) for r in dataset.rejects] == [
        "meetings/more.yaml:9 record 'kaz-2019-01-02-bad-one' field 'date': 'date' is not a real date "
        "(2019-02-30 does not exist) (value: '2019-02-30')"]


def test_a_refused_place_costs_its_dependants_only_the_reference_and_says_so(mini_data):
    places = mini_data / "places.csv"
    places.write_text(places.read_text().replace("whc-1490,Western Tien-Shan,world_heritage_site,KAZ;KGZ;UZB,,,,",
                                                 "whc-1490,Western Tien-Shan,world_heritage_site,KAZ;KGZ;UZB,,95,70,site"))
    dataset = read_data(mini_data)
    assert [(r.file, r.record_id, r.field) for r in dataset.rejects] == [("places.csv", "whc-1490", "lat")]
    # the partnership keeps its own data and loses only the place, with a warning that says where and why
    tien_shan = next(p for p in dataset.rows["partnerships"] if p["id"] == "whs-western-tien-shan")
    assert tien_shan["place_id"] is None and tien_shan["name"] == "Western Tien-Shan inscribed on the World Heritage List"
    assert [str(w) for w in dataset.warnings] == [
        "partnerships/seed.yaml:6 record 'whs-western-tien-shan' field 'place': place 'whc-1490' was refused "
        "(see the reject at places.csv:2); this record is loaded without it (value: 'whc-1490')"]


def test_a_reference_to_an_id_defined_nowhere_still_refuses_the_record(mini_data):
    seed = mini_data / "partnerships" / "seed.yaml"
    seed.write_text(seed.read_text().replace("place: whc-1490", "place: whc-1409"))
    dataset = read_data(mini_data)
    assert [(r.file, r.record_id, r.field) for r in dataset.rejects] == [
        ("partnerships/seed.yaml", "whs-western-tien-shan", "place")]
    assert dataset.warnings == []
