"""Rules of the seventh extractor round for meetings, people and dates (issue 10), from the errors of the unchanged
extractor on articles 176-187 that fell into dev. Sentences written for these tests; each test fails on main (538b1a2)."""

from .conftest import extract_json


def _meetings(out: dict) -> list[tuple[str, set[str]]]:
    return [(m["date"], {p["name"] for p in m["participants"]}) for m in out["meetings"]]


def test_a_date_line_may_start_with_the_city_of_the_release(tmp_path):
    from etl.articles import parse_date_line, read_article

    assert str(parse_date_line("ТАШКЕНТ, 12 марта 2024 г.")) == "2024-03-12"
    assert str(parse_date_line("BISHKEK, 5 June 2022")) == "2022-06-05"
    assert str(parse_date_line("Wednesday, 5 June 2024")) == "2024-06-05"  # a weekday is no city
    path = tmp_path / "a.txt"
    path.write_text("A title\n\nТАШКЕНТ, 12 марта 2024 г.\n\nВчера министр встретился с послом.\n\n"
                    "Permanent link: https://example.org/a\n", encoding="utf-8")
    document = read_article(path)
    assert document.published == "2024-03-12"
    assert document.text.startswith("ТАШКЕНТ")  # the date line's city is the release's dateline


def test_years_ago_today_is_an_anniversary_and_the_stated_date_is_the_meetings(ref):
    out = extract_json(ref, "Twenty years ago today, on 3 March 2004, Islam Karimov received Koïchiro Matsuura in Tashkent.",
                       "2024-03-03")
    assert [d for d, _ in _meetings(out)] == ["2004-03-03"]


def test_an_office_inside_a_russian_post_name_is_no_person_and_the_registry_name_ends_the_run(ref):
    out = extract_json(ref, "Вчера в Ташкенте Ерлан Карин провел встречу с Руководителем Администрации Президента "
                            "Узбекистана Саидой Мирзиёевой.", "2025-10-20")
    (_, names), = _meetings(out)
    assert names == {"Erlan Karin", "Saida Mirziyoyeva"}


def test_a_meeting_announced_by_offices_takes_the_names_of_the_next_sentence(ref):
    out = extract_json(ref, "On Tuesday, the Foreign Minister of Turkmenistan received the head of the UNESCO office in Almaty. "
                            "Rashid Meredov and Amir Piric spoke about the Magtymguly celebrations.", "2024-05-22")
    assert ("2024-05-21", {"Rashid Meredov", "Amir Piric"}) in _meetings(out)
    out = extract_json(ref, "On Tuesday, the Foreign Minister of Turkmenistan received a group of students. "
                            "Rashid Meredov spoke about the Magtymguly celebrations.", "2024-05-22")
    assert not out["meetings"]


def test_people_listed_in_the_next_sentence_join_the_meeting(ref):
    out = extract_json(ref, "20 марта в Париже Ирина Бокова провела переговоры с министром иностранных дел Таджикистана "
                            "Сироджиддином Асловым. Среди участников был также Постоянный представитель Таджикистана при ЮНЕСКО "
                            "Рустамджон Солиев.", "2014-03-21")
    (_, names), = _meetings(out)
    assert "Rustamjon Soliev" in names and "Irina Bokova" in names
    out = extract_json(ref, "Irina Bokova met Imangali Tasmagambetov in Paris on 10 June 2016. The delegation included "
                            "Ambassador Nurlan Danenov.", "2016-06-11")
    (_, names), = _meetings(out)
    assert "Nurlan Danenov" in names


def test_a_visit_narrated_meeting_by_meeting(ref):
    out = extract_json(ref, "Irina Bokova began her visit to Tajikistan with a meeting with Emomali Rahmon. "
                            "She later met Sirojiddin Muhriddin. Talks with Shamsiddin Orumbekzoda followed.", "2015-06-10")
    pairs = [names for _, names in _meetings(out)]
    assert {"Irina Bokova", "Emomali Rahmon"} in pairs
    assert {"Irina Bokova", "Sirojiddin Muhriddin"} in pairs  # 'she' is the last sentence's subject, not its last name
    assert {"Irina Bokova", "Shamsiddin Orumbekzoda"} in pairs  # 'Talks with X followed': the visitor again


def test_a_new_person_after_a_russian_title_in_the_instrumental_case_is_named_in_the_nominative(ref):
    out = extract_json(ref, "Меморандум был подписан 5 мая 2022 года министром просвещения Асланом Бекмуратовым и "
                            "Генеральным директором ЮНЕСКО Одри Азуле.", "2022-05-06")
    (date, names), = _meetings(out)
    assert date == "2022-05-05" and names == {"Аслан Бекмуратов", "Audrey Azoulay"}


def test_someone_who_also_took_part_joins_the_meeting_of_the_sentence_before(ref):
    out = extract_json(ref, "On 4 May 2023 Audrey Azoulay opened an exhibition in Paris together with Gayane Umerova. "
                            "Kamola Akilova, Deputy Minister of Culture, also attended.", "2023-05-05")
    (_, names), = _meetings(out)
    assert names == {"Audrey Azoulay", "Gayane Umerova", "Kamola Akilova"}


def test_talks_named_as_part_of_a_visit_are_the_visitors(ref):
    out = extract_json(ref, "On 12 April 2022 Audrey Azoulay met Gayane Umerova in Tashkent. Her visit lasts three days. "
                            "The programme of the visit includes talks with President Shavkat Mirziyoyev.", "2022-04-12")
    assert {"Audrey Azoulay", "Shavkat Mirziyoyev"} in [names for _, names in _meetings(out)]


def test_he_after_an_opening_phrase_is_the_subject_of_the_last_sentence(ref):
    out = extract_json(ref, "Irina Bokova first came to Tajikistan in June 2011. During that trip she met Emomali Rahmon.",
                       "2015-06-10")
    assert ("2011-06", {"Irina Bokova", "Emomali Rahmon"}) in [(d[:7], names) for d, names in _meetings(out)]


def test_the_head_of_a_delegation_is_at_what_the_delegation_does_later(ref):
    out = extract_json(ref, "A delegation of Kazakhstan led by Erlan Karin arrived in Paris on 7 November 2023. The delegation "
                            "met Audrey Azoulay at UNESCO Headquarters.", "2023-11-08")
    assert {"Erlan Karin", "Audrey Azoulay"} in [names for _, names in _meetings(out)]


def test_the_city_inside_a_russian_office_name_is_a_place(ref):
    from .conftest import place_pairs

    out = extract_json(ref, "Семинар организовало Бюро ЮНЕСКО в Ташкенте.", "2023-05-05")
    assert ("Tashkent", "city") in place_pairs(out)
