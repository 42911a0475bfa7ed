"""Lists, registers, bodies and programmes side by side, and theme vocabulary, on sentences written for these tests
(not taken from the labelled set): seats on UNESCO bodies, city networks, anniversaries on UNESCO's list, funded
projects, the Tentative List, Russian inscriptions and reserves, standing programmes, theme points and confidence."""

from etl.extract.calibration import UNSEEN_PRECISION, shrunk

from .conftest import extract_json


def run(ref, text, published="2023-11-20", title="Test release"):
    return extract_json(ref, text, published, title)


def found(out):
    return {(p["kind"], p["name"]) for p in out["partnerships"]}


def test_each_term_on_a_body_is_a_seat_and_a_session_is_not(ref):
    out = run(ref, "On 8 November the General Conference re-elected Uzbekistan to the Executive Board for 2025–2029. The "
                   "country first sat on the Board in 2009–2013 and also served on the World Heritage Committee (2013–2017).",
              "2025-11-10")
    seats = sorted((p["name"], p["year"]) for p in out["partnerships"] if p["kind"] == "committee_membership")
    assert seats == [("UNESCO Executive Board", 2009), ("UNESCO Executive Board", 2025), ("World Heritage Committee", 2013)]
    out = run(ref, "The delegation attended the 216th session of the Executive Board in Paris.")
    assert not [p for p in out["partnerships"] if p["kind"] == "committee_membership"]
    out = run(ref, "Таджикистан избран в Межправительственный совет Международной гидрологической программы на 2023–2027 годы.")
    assert ("committee_membership", "Межправительственный совет Международной гидрологической программы") in found(out)
    assert not [p for p in out["partnerships"] if p["kind"] == "programme"]  # the programme itself is no partnership


def test_a_city_joining_a_network_in_english_and_russian(ref):
    out = run(ref, "Tashkent and Samarkand have become members of the UNESCO Creative Cities Network.")
    assert {("other", "Tashkent in the UNESCO Creative Cities Network"),
            ("other", "Samarkand in the UNESCO Creative Cities Network")} <= found(out)
    out = run(ref, "В этом году Хива вошла в Глобальную сеть обучающихся городов ЮНЕСКО.")
    assert any(k == "other" and n.startswith("Хива в Глобальной сети") for k, n in found(out))
    assert not [p for p in run(ref, "The Creative Cities Network met in Braga.")["partnerships"] if "Network" in p["name"]]


def test_anniversaries_need_unesco_s_list_and_a_name(ref):
    listed = "UNESCO's list of anniversaries for 2026-2027 includes the 1000th anniversary of the birth of Ibn Sina."
    assert ("resolution", "1000th anniversary of the birth of Ibn Sina") in found(run(ref, listed))
    assert not found(run(ref, "The city celebrated the 2700th anniversary of Kulob with a festival."))
    assert not [p for p in run(ref, "The country marks the 30th anniversary of its independence. " + listed)["partnerships"]
                if "independence" in p["name"]]
    out = run(ref, "В перечень памятных дат ЮНЕСКО вошли 150-летие Ахмета Байтурсынулы и 100-летие певицы Розы Баглановой.")
    assert {("resolution", "150-летие Ахмета Байтурсынулы"), ("resolution", "100-летие певицы Розы Баглановой")} <= found(out)


def test_a_project_named_by_its_funders_is_a_programme_and_an_unnamed_one_is_not(ref):
    out = run(ref, "The UNESCO/Korea Funds-in-Trust project for heritage safeguarding in Central Asia was launched in 2020.")
    assert any(k == "programme" and n.startswith("UNESCO/Korea Funds-in-Trust project") for k, n in found(out))
    assert not found(run(ref, "Experts discussed a UNESCO project on glacial lakes in the Pamirs."))
    out = run(ref, "Эксперты обсудили проект ГЭФ и ЮНЕСКО по снижению рисков, а также проект ЮНЕСКО по охране озер.")
    assert [n for k, n in found(out) if k == "programme"] == ["Проект ГЭФ и ЮНЕСКО по снижению рисков"]


def test_a_property_on_the_tentative_list(ref):
    out = run(ref, "Sarazm had been on Tajikistan's Tentative List since 2001.")
    assert ("tentative_list", "Proto-urban Site of Sarazm") in found(out)


def test_russian_inscriptions_with_the_list_first_the_name_first_or_a_list_in_dashes(ref):
    out = run(ref, "Комитет включил в Репрезентативный список элемент «Искусство изготовления дутара».")
    assert ("intangible_heritage_inscription", "Искусство изготовления дутара") in found(out)
    out = run(ref, "В апреле собрание писем Абая было внесено в реестр «Память мира».")
    assert found(out) == {("other", "Собрание писем Абая")}  # the entry, not the register
    out = run(ref, "Два элемента – айтыс и казахская борьба – включены в Репрезентативный список нематериального наследия.")
    assert {("intangible_heritage_inscription", "Айтыс"), ("intangible_heritage_inscription", "Казахская борьба")} <= found(out)
    out = run(ref, "Мавзолей Ходжи Ахмеда Ясави был включен в Список всемирного наследия в 2003 году.")
    assert ("world_heritage_inscription", "Mausoleum of Khoja Ahmed Yasawi") in found(out)


def test_russian_reserves_named_by_their_adjectives(ref):
    out = run(ref, "Иссык-Кульский и Сары-Челекский биосферные резерваты принимают ученых каждое лето.")
    assert {("biosphere_reserve", "Issyk-Kul Biosphere Reserve"), ("biosphere_reserve", "Sary-Chelek Biosphere Reserve")} <= \
        found(out)


def test_a_span_loses_dates_and_words_around_its_name(ref):
    # (round 8: the MAB Programme's Lima Action Plan, first used here, is a standing programme now, as the fixture convention
    # of article 160 has it; any other named plan shows the same trimming)
    out = run(ref, "Kazakhstan on the Astana Action Plan reported progress. On 11 November 2021 the 41st General Conference "
                   "Tajikistan welcomed closed.", "2021-11-12")
    names = {n for _, n in found(out)}
    assert "Astana Action Plan" in names and not any(n.startswith(("Kazakhstan", "On ", "11 ")) for n in names)


def test_a_theme_word_in_an_office_or_a_list_is_not_the_topic(ref):
    text = ("Assistant Director-General for Education Stefania Giannini and the Deputy Minister of Culture visited the "
            "hydrological station on the Syr Darya. They saw how groundwater is measured.")  # short: one phrase would do
    themes = [t["id"] for t in run(ref, text)["themes"]]
    assert "natural_sciences_water" in themes and "education" not in themes and "culture_heritage" not in themes
    listing = "The forum covered culture, education, science, peace, gender equality and youth. The delegates met in Astana."
    assert not run(ref, listing)["themes"]  # six themes named in passing in one list (a short release: one phrase would do)
    assert [t["id"] for t in run(ref, "The forum covered education. The delegates met in Astana.")["themes"]] == ["education"]


def test_russian_theme_words_are_matched_by_their_stem(ref):
    out = run(ref, "Учёные изучают сохранение экосистем и биоразнообразия в низовьях реки.")
    assert "natural_sciences_water" in [t["id"] for t in out["themes"]]


def test_confidence_is_drawn_towards_the_unseen_precision():
    p = UNSEEN_PRECISION["partnership"]
    assert shrunk(2, 2, p) < shrunk(20, 20, p) < shrunk(200, 200, p) <= 0.99
    assert shrunk(0, 5, p) < p < shrunk(5, 5, p)
