"""Eleventh round: what real pages print that the reader and the extractor did not read yet."""

from .conftest import extract_json, partnership_pairs


def test_date_lines_with_ordinals_iso_stamps_and_a_second_updated_date():
    from etl.articles import parse_date_line
    cases = {"7th June 2023": "2023-06-07", "June 7th, 2023": "2023-06-07", "1st March 2021": "2021-03-01",
             "2023-06-07T12:45:00Z": "2023-06-07", "Last updated: 7 June 2023": "2023-06-07",
             "7 June 2023 | Last updated: 8 June 2023": "2023-06-07", "07.06.2023, обновлено 08.06.2023": "2023-06-07",
             "ASTANA, June 7 (Kazinform)": None, "Updated guidance": None}
    assert {line: parse_date_line(line) and str(parse_date_line(line)) for line in cases} == cases


def test_a_russian_unesco_chair_without_a_title_is_a_chair_as_in_english(ref):
    ru = partnership_pairs(extract_json(ref, "Стороны обсудили открытие кафедры ЮНЕСКО в Казахском национальном "
                                             "университете.", "2023-06-07"))
    en = partnership_pairs(extract_json(ref, "The sides discussed opening a UNESCO Chair at the Kazakh National "
                                             "University.", "2023-06-07"))
    assert ru == {("other", "Кафедра ЮНЕСКО")} and en == {("other", "UNESCO Chair")}
    titled = partnership_pairs(extract_json(ref, "В университете открыта кафедра ЮНЕСКО по водным ресурсам.", "2023-06-07"))
    assert titled == {("other", "Кафедра ЮНЕСКО по водным ресурсам")}


def test_a_countrys_sites_in_russian_are_no_site_name(ref):
    for phrase in ("объектов Таджикистана", "новых казахстанских объектов", "памятников нашей страны"):
        out = extract_json(ref, f"Стороны обсудили вопросы включения {phrase} в Список всемирного наследия.", "2025-06-07")
        assert partnership_pairs(out) == set(), phrase
    out = extract_json(ref, "Сарытаг включен в Список всемирного наследия в 2024 году.", "2025-06-07")
    assert partnership_pairs(out) == {("world_heritage_inscription", "Сарытаг")}


def test_plural_genitive_adjectives_share_the_stem_of_the_other_cases():
    from etl.extract.text import ru_stem
    assert ru_stem("казахстанских") == ru_stem("казахстанские") == ru_stem("казахстанский")
    assert ru_stem("биосферных") == ru_stem("биосферный")
