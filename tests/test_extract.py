"""The extractor on sentences written for these tests, and on the seed press release when it is available."""

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from etl.articles import Document
from etl.cli import cli
from etl.extract import extract
from etl.extract.dates import find_dates

from .conftest import ROOT

SEED = ROOT.parent / "shared" / "seeds" / "000_bb4e954e9fb0595a.txt"


def doc(text: str, published: str = "2019-06-20", title: str = "Test release") -> Document:
    return Document("doc-test", title, published, "https://example.org/t", text, "h", "t.txt")


def run(ref, text, published="2019-06-20", title="Test release"):
    return extract(doc(text, published, title), ref).as_json()


@pytest.mark.parametrize("sentence, published, expected", [
    ("The talks were held on 28 December.", "2020-01-03", ("2019-12-28", "day")),
    ("The conference will open on 10 January.", "2019-12-27", ("2020-01-10", "day")),
    ("They met on Tuesday.", "2019-06-20", ("2019-06-18", "day")),  # 20 June 2019 was a Thursday
    ("The forum was held in June 2016.", "2019-06-20", ("2016-06", "month")),
    ("It was founded in 1995.", "2019-06-20", ("1995", "year")),
    ("They met on 29.03.2017 and again on March 30, 2017.", "2019-06-20", ("2017-03-29", "day")),
])
def test_dates_and_their_precision(sentence, published, expected):
    found = find_dates(sentence, dt.date.fromisoformat(published))
    assert (found[0].date, found[0].precision) == expected


def test_spelling_variants_resolve_to_the_standard_name(ref):
    out = run(ref, "Foreign Minister Kaiarat Abdrakhmanov met Director-General Irina Bokova at UNESCO Headquarters on 29 March 2017.",
              "2017-04-03")
    [meeting] = out["meetings"]
    assert [p["name"] for p in meeting["participants"]] == ["Kairat Abdrakhmanov", "Irina Bokova"]
    assert (meeting["date"], meeting["location"]) == ("2017-03-29", "Paris")
    assert meeting["participants"][1] == {"name": "Irina Bokova", "role": "Director-General", "organisation": "UNESCO", "country": None}
    out = run(ref, "On 7 June 2023 President Tokaev received Audrey Azulay in Astana.", "2023-06-08")
    assert [p["name"] for p in out["meetings"][0]["participants"]] == ["Kassym-Jomart Tokayev", "Audrey Azoulay"]


def test_an_office_means_whoever_held_it_on_the_date(ref):
    text = "The Kazakh President held talks with the Director-General on 12 May {year}."
    for year, president, dg in [(2017, "Nursultan Nazarbayev", "Irina Bokova"), (2021, "Kassym-Jomart Tokayev", "Audrey Azoulay")]:
        out = run(ref, text.format(year=year), f"{year}-05-13")
        assert {p["name"] for p in out["meetings"][0]["participants"]} == {president, dg}


def test_the_minister_refers_back_and_a_title_marks_a_new_person(ref):
    out = run(ref, "Ambassador Nurlan Testov of Kazakhstan arrived in Paris on 3 May 2019.\n\n"
                   "The same day, Mr Kairat Umarov met with the Director-General Audrey Azoulay. The Minister thanked her.")
    names = {p["name"] for m in out["meetings"] for p in m["participants"]}
    assert names == {"Kairat Umarov", "Audrey Azoulay"}
    out = run(ref, "Ambassador Nurlan Testov held talks with Director-General Audrey Azoulay on 3 May 2019.")
    assert [p["name"] for p in out["meetings"][0]["participants"]] == ["Nurlan Testov", "Audrey Azoulay"]


def test_one_meeting_per_encounter_and_none_without_one(ref):
    text = ("President Shavkat Mirziyoyev received Audrey Azoulay in Tashkent on 26 August 2019. "
            "During the meeting, Mr Mirziyoyev and Ms Azoulay discussed education.\n\n"
            "On 27 August 2019, the Director-General met Foreign Minister Abdulaziz Kamilov in Samarkand.")
    out = run(ref, text, "2019-08-28")
    assert [(m["date"], m["location"], sorted(p["name"] for p in m["participants"])) for m in out["meetings"]] == [
        ("2019-08-26", "Tashkent", ["Audrey Azoulay", "Shavkat Mirziyoyev"]),
        ("2019-08-27", "Samarkand", ["Abdulaziz Kamilov", "Audrey Azoulay"]),
    ]
    none = run(ref, "The Tajik National Park was inscribed on the World Heritage List on 21 June 2013 in Phnom Penh.", "2013-06-22")
    assert none["meetings"] == []
    assert [(p["kind"], p["name"], p["year"]) for p in none["partnerships"]] == [
        ("world_heritage_inscription", "Tajik National Park (Mountains of the Pamirs)", 2013)]
    assert {p["name"] for p in none["places"]} == {"Tajik National Park (Mountains of the Pamirs)", "Phnom Penh"}


def test_places_countries_and_former_names(ref):
    out = run(ref, "The Uzbek and Kyrgyz delegations met experts in Nur-Sultan and Alma-Ata, then flew to Paris.", "2020-02-01")
    assert out["countries"] == ["KGZ", "UZB"]
    assert [p["name"] for p in out["places"]] == ["Astana", "Almaty", "Paris"]


def test_partnership_kinds(ref):
    out = run(ref, "Kazakhstan and UNESCO signed a memorandum of understanding on youth cooperation on 3 May 2019. "
                   "The country supports the International Decade for the Rapprochement of Cultures (2013-2022). "
                   "The Central Asian Regional Glaciological Centre in Almaty works as a category 2 centre under the auspices of UNESCO.")
    assert {(p["kind"], p["name"], p["year"]) for p in out["partnerships"]} == {
        ("agreement", "Memorandum of understanding on youth cooperation", 2019),
        ("programme", "International Decade for the Rapprochement of Cultures", 2013),
        ("category_2_centre", "Central Asian Regional Glaciological Centre", None)}


@pytest.mark.skipif(not SEED.exists(), reason="the seed press release (../shared/seeds) is not next to this checkout")
def test_the_seed_release(ref):
    result = CliRunner().invoke(cli, ["extract", str(SEED)])
    assert result.exit_code == 0, result.output
    [out] = json.loads(result.output)
    [meeting] = out["meetings"]
    assert (meeting["date"], meeting["date_precision"]) == ("2017-03-29", "day")
    assert {p["name"] for p in meeting["participants"]} == {"Kairat Abdrakhmanov", "Irina Bokova"}
    assert {"KAZ", "KGZ", "UZB", "SYR", "AFG"} <= set(out["countries"])
    assert {"Almaty", "Astana", "New York", "Western Tien-Shan"} <= {p["name"] for p in out["places"]}
    assert {"peace_security", "intercultural_dialogue", "sustainable_development"} <= {t["id"] for t in out["themes"]}
    kinds = {(p["kind"], p["name"]) for p in out["partnerships"]}
    assert kinds >= {("programme", "International Decade for the Rapprochement of Cultures"),
                     ("resolution", "Security Council Resolution 2347"), ("world_heritage_inscription", "Western Tien-Shan"),
                     ("category_2_centre", "Central Asian Regional Glaciological Centre"), ("event", "EXPO-2017"),
                     ("event", "Organization of Islamic Cooperation Summit on Science and Technology")}
    assert all(p["evidence"] for p in out["partnerships"]) and all(t["evidence"] for t in out["themes"])
