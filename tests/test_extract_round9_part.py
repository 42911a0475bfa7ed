"""Partnership rules of the ninth extractor round (issue 10), one test per class of misses found on the real-dev releases,
on sentences written for these tests (no sentence of a release; other records, other wording). Every test here but the
ones marked 'guard' fails on the extractor of the round's start (main at cf3dd33)."""

from .conftest import extract_json


def run(ref, text, published="2019-06-20", title="Test release"):
    return extract_json(ref, text, published, title)


def names_of(out: dict, kind: str) -> list[str]:
    return [p["name"] for p in out["partnerships"] if p["kind"] == kind]


def years_of(out: dict, kind: str) -> dict[str, int | None]:
    return {p["name"]: p["year"] for p in out["partnerships"] if p["kind"] == kind}


# ------------------------------------------------------------------------------------------ reserves in a list


def test_reserves_listed_with_their_years_in_brackets(ref):
    out = run(ref, "Today the country counts several biosphere reserves: Karatau (2017), Barsakelmes (2016) and "
                   "Katon-Karagay (2014).")
    years = years_of(out, "biosphere_reserve")
    assert years == {"Karatau Biosphere Reserve": 2017, "Barsakelmes Biosphere Reserve": 2016,
                     "Katon-Karagay Biosphere Reserve": 2014}


def test_a_reserve_by_the_other_name_in_its_brackets_and_after_as_well_as(ref):
    out = run(ref, "Its biosphere reserves now include these sites: Akzhaik (2014), Korgalzhyn (2012), as well as one "
                   "(shared and managed jointly) transboundary biosphere reserve Great Altai (2017) with Russia.")
    names = set(names_of(out, "biosphere_reserve"))
    assert {"Ak-Zhaiyk (Akzhaik) Biosphere Reserve", "Korgalzhyn Biosphere Reserve",
            "Great Altai Transboundary Biosphere Reserve"} <= names


def test_a_country_before_the_listed_parks_is_no_part_of_the_first_name(ref):
    out = run(ref, "Kazakhstans Karatau and Barsakelmes nature reserves became biosphere reserves of UNESCO.")
    assert {"Karatau Biosphere Reserve", "Barsakelmes Biosphere Reserve"} <= set(names_of(out, "biosphere_reserve"))


def test_the_world_network_written_without_an_apostrophe_is_no_programme(ref):
    out = run(ref, "Romit has been designated a biosphere reserve and joins UNESCOs World Network of Biosphere Reserves.")
    assert not [n for n in names_of(out, "programme") if "World Network" in n]


# ------------------------------------------------------------------------------------ properties in a list


def test_properties_listed_after_a_colon_in_a_release_about_the_list(ref):
    out = run(ref, "The World Heritage List now counts more than a thousand properties.\n\nOnly a few of these sites lie "
                   "in the region. The sites are: Itchan Kala, Kunya-Urgench (Turkmenistan) and Historic Centre of Bukhara.")
    assert {"Itchan Kala", "Kunya-Urgench", "Historic Centre of Bukhara"} <= set(names_of(out, "world_heritage_inscription"))


def test_a_property_presented_for_inscription_is_a_nomination(ref):
    out = run(ref, "At the coming World Heritage Committee session, Uzbekistan will present a property, Itchan Kala, "
                   "for inscription on the World Heritage List.")
    assert "Itchan Kala" in names_of(out, "world_heritage_nomination")
    assert "Itchan Kala" not in names_of(out, "world_heritage_inscription")


def test_an_inscribed_property_stays_an_inscription(ref):  # guard
    out = run(ref, "Itchan Kala was inscribed on the World Heritage List in 1990.")
    assert "Itchan Kala" in names_of(out, "world_heritage_inscription")


# --------------------------------------------------------------------------------------------- anniversaries


def test_anniversaries_added_to_the_calendar_of_memorable_dates(ref):
    out = run(ref, "The minister thanked UNESCO for adding the 900th anniversary of the birth of Khoja Ahmed Yasawi to "
                   "the UNESCO calendar of memorable dates for the coming biennium.")
    assert any("900th anniversary of the birth of Khoja Ahmed Yasawi" in n for n in names_of(out, "resolution"))


# ----------------------------------------------------------------------------------------------- precision


def test_a_count_of_elements_after_in_all_is_no_element(ref):
    out = run(ref, "In all, 40 cultural elements were inscribed on the Representative List of the Intangible Cultural "
                   "Heritage of Humanity this year.")
    assert not [n for n in names_of(out, "intangible_heritage_inscription") if "elements" in n]


# ------------------------------------------------------------------------------------------------ in Russian


def test_a_russian_determiner_referring_back_starts_no_programme(ref):
    out = run(ref, "Данная инициатива поможет сохранить наследие региона. Эта программа была одобрена правительством.")
    assert not names_of(out, "programme")


def test_a_property_added_to_the_list_of_world_cultural_heritage(ref):
    out = run(ref, "В 2014 году Древнее поселение Саразм было добавлено в список Всемирного культурного наследия ЮНЕСКО.")
    assert "Proto-urban Site of Sarazm" in names_of(out, "world_heritage_inscription")


def test_a_russian_name_of_a_property_comes_out_under_its_english_name(ref):
    out = run(ref, "Объект «Зарафшан-Каракум» был включён в Список всемирного наследия ЮНЕСКО.")
    assert "Silk Roads: Zarafshan-Karakum Corridor" in names_of(out, "world_heritage_inscription")


def test_a_property_recommended_for_inscription_is_a_nomination(ref):
    out = run(ref, "Заповедник «Тигровая Балка» был рекомендован для внесения в Список всемирного наследия.")
    assert "Tugay Forests of the Tigrovaya Balka Nature Reserve" in names_of(out, "world_heritage_nomination")
    assert not names_of(out, "world_heritage_inscription")
