"""Rules of the fifth extractor round (issue 10), on sentences written for these tests (not taken from the labelled
set): each rule both where it applies and, where it matters, where it must not."""

from etl.extract.dates import find_dates

from .conftest import extract_json, theme_ids as themes, partnership_pairs as partnerships
from .conftest import place_pairs as places, sentence_partnerships as found

import datetime as dt


def run(ref, text, published="2023-06-10", title="Test release"):
    return extract_json(ref, text, published, title)


# ------------------------------------------------------------------------------------------- themes


def test_science_named_as_a_field_of_cooperation_is_the_science_theme(ref):
    out = run(ref, "The two ministers reviewed joint projects in education and science.")
    assert {"education", "science_technology"} <= themes(out)
    # an academy's or a ministry's name is still no theme of its own
    assert "science_technology" not in themes(run(ref, "A delegation of the Ministry of Education and Science arrived in Paris."))


def test_geological_and_natural_heritage_are_natural_sciences_not_culture(ref):
    out = run(ref, "The experts proposed an atlas of the geological heritage of the region. They visited an aspiring geopark.")
    assert "natural_sciences_water" in themes(out) and "culture_heritage" not in themes(out)
    assert "culture_heritage" in themes(run(ref, "The experts proposed an atlas of the cultural heritage of the region."))


def test_geoscience_words_name_the_science_theme(ref):
    out = run(ref, "Geologists met for the anniversary of the International Geoscience Programme and discussed geological mapping.")
    assert "science_technology" in themes(out)


def test_a_glacial_lake_alone_is_no_climate_theme(ref):
    assert "climate_glaciology" not in themes(run(ref, "The reserve surrounds a glacial lake on the border."))
    assert "climate_glaciology" in themes(run(ref, "The reserve surrounds a lake fed by retreating glaciers on the border."))


def test_a_russian_institution_name_stops_at_a_verb(ref):
    # 'Университет был основан ...' names no institution: 'университет' is what the sentence is about
    out = run(ref, "Университет был основан в 2018 году. Кафедра ЮНЕСКО займется подготовкой специалистов.")
    assert "education" in themes(out)


def test_theme_order_is_the_same_for_equal_scores(ref):
    text = "The sides discussed water security and press freedom."
    orders = {tuple(t["id"] for t in run(ref, text)["themes"]) for _ in range(3)}
    assert len(orders) == 1 and list(next(iter(orders))) == sorted(next(iter(orders)))


# ------------------------------------------------------------------------------------------- places


def test_a_city_before_a_region_word_is_the_region(ref):
    out = run(ref, "The reserve lies in Mary and Akhal velayats.")
    assert not any(name == "Mary" for name, _ in places(out))
    assert ("Mary", "city") in places(run(ref, "The delegation arrived in Mary on Monday."))


def test_protected_areas_glaciers_rivers_and_lakes_by_their_head_word(ref):
    out = run(ref, "Rangers of the Kaplankyr State Nature Reserve measured the Adygine glacier, the Kafirnigan River and Lake Kulikol.")
    assert {("Kaplankyr State Nature Reserve", "nature_reserve"), ("Adygine Glacier", "glacier"),
            ("Kafirnigan River", "river"), ("Lake Kulikol", "lake")} <= places(out)
    # a feature of the gazetteer keeps its own entry: 'Lake Karakul' is the lake Karakul, once
    assert [name for name, kind in places(run(ref, "They camped by Lake Karakul.")) if kind == "lake"] == ["Karakul"]
    # an adjective of a country before the head word names no feature
    assert not any(kind == "glacier" for _, kind in places(run(ref, "Kyrgyz glacier research was presented.")))


def test_russian_city_names_after_a_preposition(ref):
    out = run(ref, "Сессия комитета прошла в Нью-Дели, а предыдущая – в Боготе.")
    assert {("New Delhi", "city"), ("Bogotá", "city")} <= places(out)


def test_a_city_before_based_is_named(ref):
    assert ("Almaty", "city") in places(run(ref, "The Almaty-based centre works under the auspices of UNESCO."))


# ------------------------------------------------------------------------------------------- people


def test_an_unknown_person_after_a_title_and_its_portfolio(ref):
    out = run(ref, "Minister of Higher Education Bakhtiyor Rashidov met Sara Noshadi in Tashkent on 8 June.")
    assert [{p["name"] for p in m["participants"]} for m in out["meetings"]] == [{"Bakhtiyor Rashidov", "Sara Noshadi"}]
    ru = run(ref, "8 июня министр образования и науки Таджикистана Рахим Саидзода встретился с Амиром Пиричем.")
    assert [{p["name"] for p in m["participants"]} for m in ru["meetings"]] == [{"Рахим Саидзода", "Amir Piric"}]


# ------------------------------------------------------------------------------------------- partnerships


def test_an_event_with_a_quoted_title(ref):
    assert ("event", 'International conference "Dialogue of generations"') in found(
        ref, 'He came for the international conference "Dialogue of generations" in Ashgabat.')


def test_an_action_plan_named_by_its_years_without_a_signing_verb(ref):
    assert ("agreement", "Joint action plan for 2024-2026") in found(
        ref, "The memorandum builds on the joint action plan for 2024-2026 that the commission reviewed.")


def test_a_russian_unesco_chair(ref):
    got = found(ref, "Университет и ЮНЕСКО подписали соглашение об открытии кафедры ЮНЕСКО «Вода и общество» в Ташкенте.")
    assert ("other", "Кафедра ЮНЕСКО «Вода и общество»") in got
    assert any(kind == "agreement" and name.startswith("Соглашение об открытии кафедры ЮНЕСКО") for kind, name in got)
    assert ("other", "Кафедра ЮНЕСКО по гидрологии") in found(ref, "Обсуждалось открытие кафедры ЮНЕСКО по гидрологии в Душанбе.")


def test_a_tentative_list_entry_of_data_where_the_release_speaks_of_tentative_lists(ref):
    text = ("Several sites of the region are on the Tentative Lists of their countries.\n\n"
            "Turkmenistan added the Hazar State Nature Reserve on the Caspian coast in 2009.")
    assert ("tentative_list", "Hazar State Nature Reserve") in partnerships(run(ref, text))
    # without the Tentative List in the release, the reserve is no entry
    assert not any(kind == "tentative_list" for kind, _ in partnerships(run(
        ref, "Turkmenistan added the Hazar State Nature Reserve to its tourist routes in 2009.")))


def test_a_tentative_list_entry_named_next_to_the_list(ref):
    assert ("tentative_list", "Fann Mountains") in found(ref, "A Tentative List submission for the Fann Mountains was announced.")
    assert ("tentative_list", "Ulytau") in found(ref, "Kazakhstan added Ulytau to its Tentative List.")


def test_russian_elements_written_as_common_nouns_after_the_verb(ref):
    text = ("Комитет по охране нематериального культурного наследия продолжил работу.\n\n"
            "Это не первый элемент страны в списке: в 2019 году в него вошло искусство резьбы по дереву, а в 2021 году – "
            "мастерство изготовления войлока и традиции его украшения.")
    got = partnerships(run(ref, text))
    assert ("intangible_heritage_inscription", "Искусство резьбы по дереву") in got
    assert ("intangible_heritage_inscription", "Мастерство изготовления войлока и традиции его украшения") in got


def test_a_russian_nomination_is_a_nomination_of_the_quoted_name(ref):
    got = found(ref, "Таджикистан готовит номинацию «Фанские горы» для включения в Список всемирного наследия.")
    assert got == {("world_heritage_nomination", "Фанские горы")}
    done = found(ref, "В 2003 году мавзолей Ходжи Ахмеда Ясави был включен в Список всемирного наследия.")
    assert ("world_heritage_inscription", "Mausoleum of Khoja Ahmed Yasawi") in done


def test_a_russian_reserve_name_takes_the_reserve_of_places(ref):
    got = found(ref, "Биосферный заповедник Алаколь был включен во Всемирную сеть биосферных резерватов в 2013 году.")
    assert got == {("biosphere_reserve", "Alakol Biosphere Reserve")}


def test_an_agreement_name_stops_before_what_it_sets_up_as(ref):
    got = found(ref, "The Government and UNESCO signed an agreement on the establishment of the International Centre for "
                     "Mountain Studies in Dushanbe as a category 2 centre under the auspices of UNESCO.")
    assert ("agreement", "Agreement on the establishment of the International Centre for Mountain Studies in Dushanbe") in got


def test_a_russian_name_keeps_a_last_pair_of_nouns(ref):
    got = found(ref, "Стороны подписали меморандум о взаимопонимании в области науки и образования.")
    assert ("agreement", "Меморандум о взаимопонимании в области науки и образования") in got
    # a verb after 'и' ends the name
    assert not any("отметила" in name for _, name in found(
        ref, "Она выступила на сессии Генеральной конференции ЮНЕСКО и отметила успехи."))


# ------------------------------------------------------------------------------------------- dates


def test_russian_weekdays_and_ordinal_days():
    published = dt.date(2023, 6, 10)  # a Saturday
    assert [f.date for f in find_dates("В понедельник министр встретился с послом.", published)] == ["2023-06-05"]
    assert [f.date for f in find_dates("В следующий вторник министр встретится с послом.", published)] == ["2023-06-13"]
    assert [f.date for f in find_dates("Министр встретился с послом 8-го июня.", published)] == ["2023-06-08"]
