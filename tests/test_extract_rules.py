"""The generalised extraction rules, on sentences written for these tests (not taken from the labelled set):
datelines, numeric dates decided by range, natural features, named buildings, lists, ordinal sessions, people
listed by organisation, initials, record scope and confidence; plus the fixed dev/test split."""

import datetime as dt
import json

import pytest

from etl.evaluate import PARTS, part, similar
from etl.extract.calibration import load_calibration
from etl.extract.dates import find_dates, numeric_date

from .conftest import DATA, FIXTURES, extract_json


def run(ref, text, published="2019-06-20", title="Test release"):
    return extract_json(ref, text, published, title)


def names(items):
    return {item["name"] for item in items}


@pytest.mark.parametrize("first, second, year, published, expected", [
    (3, 12, 2025, "2025-03-13", "2025-03-12"),  # 3 December would be after publication: month first
    (3, 12, 2025, "2025-12-20", "2025-12-03"),  # both possible and both past: day first
    (6, 13, 2023, "2023-06-14", "2023-06-13"),  # day first impossible (month 13)
    (21, 9, 22, "2022-09-22", "2022-09-21"),  # two-digit year
])
def test_numeric_dates_are_decided_by_range_and_publication(first, second, year, published, expected):
    assert numeric_date(first, second, year, dt.date.fromisoformat(published)).isoformat() == expected


def test_a_stay_of_several_days_gives_the_month_and_a_meeting_in_it_takes_that_month(ref):
    found = find_dates("The minister stayed in Paris from 4 to 6 March 2019.", dt.date(2019, 3, 8))
    assert [(f.date, f.precision) for f in found] == [("2019-03", "month")]
    out = run(ref, "Director-General Audrey Azoulay visited Tashkent from 4 to 6 March 2019.\n\n"
                   "In her talks with President Shavkat Mirziyoyev she discussed education.", "2019-03-08")
    assert [(m["date"], m["date_precision"]) for m in out["meetings"]] == [("2019-03-01", "month")]


def test_an_undated_meeting_takes_the_month_of_publication(ref):
    out = run(ref, "President Sadyr Japarov met Director-General Audrey Azoulay on the margins of the Assembly.", "2022-09-21")
    assert [(m["date"], m["date_precision"]) for m in out["meetings"]] == [("2022-09-01", "month")]


def test_a_dateline_city_and_country_count_and_the_agency_is_not_a_name(ref):
    out = run(ref, "BISHKEK, Kyrgyzstan (Kabar) – Foreign Minister Jeenbek Kulubaev received Audrey Azoulay on 3 May.",
              "2023-05-04")
    assert "Bishkek" in names(out["places"]) and "KGZ" in out["countries"]
    assert {p["name"] for p in out["meetings"][0]["participants"]} == {"Jeenbek Kulubaev", "Audrey Azoulay"}


def test_natural_features_and_buildings_are_places_and_a_city_inside_a_name_is_not(ref):
    out = run(ref, "Experts met at the Palace of Independence to discuss the Syrdarya, Lake Balkhash, the Kyzylkum desert "
                   "and the glaciers of the Tian Shan. The Khiva Process and the Tashkent Forum were also on the agenda.")
    assert {"Syr Darya", "Lake Balkhash", "Kyzylkum", "Tien Shan", "Independence Palace"} <= names(out["places"])
    assert not {"Khiva", "Tashkent"} & names(out["places"])


def test_a_city_named_as_a_river_needs_a_river_word(ref):
    assert "Naryn River" in names(run(ref, "Glaciers feed the Naryn and the Talas rivers.")["places"])
    assert "Naryn River" not in names(run(ref, "The delegation travelled to Naryn by road.")["places"])


def test_misspelt_and_plural_country_names(ref):
    assert run(ref, "Delegates from Saudia Arabia and the Kyrgyzstans attended.")["countries"] == ["KGZ", "SAU"]


def test_two_reserves_joined_by_and_are_two_reserves(ref):
    out = run(ref, "The Issyk-Kul and Sary-Chelek biosphere reserves host researchers every summer.")
    assert {("biosphere_reserve", "Issyk-Kul Biosphere Reserve"), ("biosphere_reserve", "Sary-Chelek Biosphere Reserve")} <= \
        {(p["kind"], p["name"]) for p in out["partnerships"]}
    assert "Issyk-Kul" not in names(out["places"])  # the reserve, not the lake


def test_ordinal_sessions_of_any_statutory_body_are_events(ref):
    out = run(ref, "Meeting in Baku for its 43rd session, the World Heritage Committee examined the files. "
                   "Kazakhstan spoke at the twelfth session of the General Assembly of the States Parties.")
    events = {p["name"] for p in out["partnerships"] if p["kind"] == "event"}
    assert "43rd session of the World Heritage Committee" in events
    assert any(e.startswith("Twelfth session of the General Assembly") for e in events)


def test_people_listed_by_organisation_and_initials(ref):
    out = run(ref, "The talks brought together: UNESCO – Xing Qu, Deputy Director-General; Uzbekistan – A. Abdukhakimov, "
                   "Deputy Prime Minister, and K. Akilova, Deputy Minister of Culture.", "2018-08-24")
    assert {p["name"] for m in out["meetings"] for p in m["participants"]} == {"Xing Qu", "Aziz Abdukhakimov", "Kamola Akilova"}


def test_a_record_gets_the_countries_and_themes_of_its_own_paragraph(ref):
    out = run(ref, "Foreign Minister Abdulaziz Kamilov met Director-General Audrey Azoulay on 3 May 2019. They discussed "
                   "education and teacher training.\n\nSeparately, the Tajik and Turkmen delegations presented their heritage "
                   "sites and museums to the World Heritage Committee.", "2019-05-04")
    [meeting] = out["meetings"]
    assert meeting["countries"] == ["UZB"] and meeting["themes"] == ["education"]  # the minister's country, its own theme
    assert out["countries"] == ["TJK", "TKM"]  # the release names these two; Uzbekistan only through the minister


def test_every_meeting_and_partnership_has_a_calibrated_confidence(ref):
    out = run(ref, "Foreign Minister Abdulaziz Kamilov met Director-General Audrey Azoulay on 3 May 2019 and signed a "
                   "memorandum of understanding on youth cooperation.", "2019-05-04")
    values = [m["confidence"] for m in out["meetings"]] + [p["confidence"] for p in out["partnerships"]]
    assert values and all(0 < v < 1 for v in values)
    table = json.loads((DATA.parent / "etl" / "extract" / "calibration.json").read_text())
    assert load_calibration() == {k: v["confidence"] for k, v in table.items()}
    assert all(v["right"] <= v["found"] for v in table.values())


def test_the_split_is_fixed_by_the_file_name():
    assert part("05_umarov-piric-astana") == "dev"  # the articles the rules were first written against
    stems = [p.name.removesuffix(".expected.json") for p in (FIXTURES / "articles").glob("*.expected.json")]
    test = [s for s in stems if PARTS["test"](s)]
    assert len(test) >= 20 and len([s for s in test if "_ru-" in s]) >= 5
    assert len([s for s in stems if "_ru-" in s]) >= 12
    assert all(part(s) == part(s) for s in stems) and set(test) == {s for s in stems if part(s) == "test"}


def test_russian_names_are_compared_by_stem():
    assert similar("43-я сессия Генеральной конференции", "43-й сессии Генеральной конференции ЮНЕСКО")
    assert not similar("Премия Беруни", "Международный год водного сотрудничества")
