"""Theme rules of the tenth extractor round (issue 10), from the errors of the extractor on real releases (kept outside
the repository, never committed) whose address falls into the real-dev part. Sentences written for these tests, not the
releases'; each test fails on main as the round started (cba3415)."""

from .conftest import extract_json, theme_ids


def test_research_activity_written_as_one_hyphenated_russian_word_is_science(ref):
    out = extract_json(ref, "Министр и представитель ЮНЕСКО обсудили поддержку научно-исследовательской работы "
                            "в горных районах страны.", "2022-03-04")
    assert "science_technology" in theme_ids(out)


def test_educators_are_a_word_of_education(ref):
    out = extract_json(ref, "The minister and the UNESCO representative discussed a programme for educators "
                            "in remote districts.", "2022-03-04")
    assert "education" in theme_ids(out)


def test_the_field_formula_may_end_with_as_well_as(ref):
    out = extract_json(ref, "The delegations discussed cooperation in the field of education, science, as well as in the "
                            "field of culture, and the calendar of the coming year.", "2022-03-04")
    assert theme_ids(out) == set()


def test_a_centre_whose_activities_are_discussed_gives_its_field(ref):
    out = extract_json(ref, "The two sides discussed the activities of the Regional Glaciological Centre in Almaty.",
                       "2022-03-04")
    assert "climate_glaciology" in theme_ids(out)


def test_a_centre_named_in_passing_still_gives_nothing(ref):
    out = extract_json(ref, "The meeting took place at the Regional Glaciological Centre in Almaty.", "2022-03-04")
    assert "climate_glaciology" not in theme_ids(out)


def test_cultural_and_natural_heritage_is_the_register_not_nature(ref):
    out = extract_json(ref, "The minister spoke about the nomination of cultural and natural heritage sites to the World "
                            "Heritage List of UNESCO.", "2022-03-04")
    assert theme_ids(out) == {"culture_heritage"}


def test_the_ministers_of_several_ministries_in_one_list_are_names(ref):
    out = extract_json(ref, "The review was attended by the Ministers of Finance and Economy, Culture and Tourism, Energy, "
                            "and the mayor of the city. The delegations then discussed water management.", "2022-03-04")
    assert "culture_heritage" not in theme_ids(out)


def test_cultural_tangible_intangible_and_natural_heritage_in_russian_is_the_register(ref):
    out = extract_json(ref, "Министр рассказал о планах по включению культурного материального, нематериального и "
                            "природного наследия республики в Список всемирного наследия.", "2022-03-04")
    assert "natural_sciences_water" not in theme_ids(out)
