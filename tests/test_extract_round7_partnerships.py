"""Partnership rules of the seventh extractor round (issue 10), on sentences written for these tests (not taken from
the labelled set): each rule where it applies and, where it matters, where it must not. Every test here but the guard
test_the_danger_list_itself_is_no_partnership fails on the extractor of the round's start (commit c2dcb55)."""

from .conftest import extract_json, partnership_pairs as partnerships


def run(ref, text, published="2024-05-10", title="Test release"):
    return extract_json(ref, text, published, title)


def kinds_of(out: dict, name_part: str) -> set[str]:
    return {kind for kind, name in partnerships(out) if name_part.lower() in name.lower()}


# --------------------------------------------------------------- a register entry of its own kind: the Danger List


def test_a_property_on_the_danger_list_is_a_danger_listing_not_an_inscription(ref):
    out = run(ref, "In 2016 the Committee moved the Historic Centre of Shakhrisyabz onto the List of World Heritage in Danger.")
    assert kinds_of(out, "Shakhrisyabz") == {"world_heritage_danger_listing"}
    out = run(ref, "Уже несколько лет исторический центр Шахрисабза остаётся в Списке всемирного наследия, находящегося под угрозой.")
    assert kinds_of(out, "Shakhrisyabz") == {"world_heritage_danger_listing"}


def test_the_inscription_and_the_danger_listing_of_one_property_are_two_records(ref):
    out = run(ref, "Шахрисабз, внесённый в Список всемирного наследия в 2000 году, позднее попал в Список всемирного наследия, "
                   "находящегося под угрозой.")
    assert kinds_of(out, "Shakhrisyabz") == {"world_heritage_inscription", "world_heritage_danger_listing"}


def test_the_danger_list_itself_is_no_partnership(ref):
    out = run(ref, "The List of World Heritage in Danger draws the attention of the international community to threats.")
    assert partnerships(out) == set()


# ------------------------------------------------------------------------- kind from the gazetteer: a category 2 centre


def test_a_category_2_centre_of_places_csv_is_the_centre_wherever_it_is_named(ref):
    out = run(ref, "Researchers of the Central Asian Regional Glaciological Centre presented new measurements of snow cover.")
    assert ("category_2_centre", "Central Asian Regional Glaciological Centre") in partnerships(out)
    # in Russian, in the genitive and spelt with a hyphen
    out = run(ref, "Сотрудники Центрально-Азиатского регионального гляциологического центра провели полевые измерения.")
    assert ("category_2_centre", "Central Asian Regional Glaciological Centre") in partnerships(out)
    assert not any(CYRILLIC_NAME(name) for kind, name in partnerships(out) if kind == "category_2_centre")


def CYRILLIC_NAME(name: str) -> bool:
    return any("а" <= ch.lower() <= "я" for ch in name)


def test_a_proposed_unesco_centre_in_a_city(ref):
    out = run(ref, "The minister proposed to host a UNESCO regional centre in Bishkek for teacher training.")
    assert ("category_2_centre", "UNESCO regional centre in Bishkek") in partnerships(out)
    out = run(ref, "The delegation visited a UNESCO regional centre in Bishkek.")
    assert not kinds_of(out, "centre in Bishkek")


# ------------------------------------------------------------------------------------- a short form refers back


def test_a_tentative_list_sentence_that_refers_back_takes_the_property_named_before(ref):
    text = ("Эксперты трёх стран обсудили объект «Холодные зимние пустыни Турана».\n\n"
            "Узбекистан внёс свою часть объекта в предварительный список в январе 2021 года.")
    out = run(ref, text, published="2021-03-01")
    assert "tentative_list" in kinds_of(out, "Cold Winter Deserts of Turan")
    # with no property named before, the sentence names none
    out = run(ref, "Узбекистан внёс свою часть объекта в предварительный список в январе 2021 года.", published="2021-03-01")
    assert not any(kind == "tentative_list" for kind, _ in partnerships(out))


def test_a_nomination_that_refers_back_is_the_nomination_of_that_property(ref):
    text = ("The Western Tien-Shan spans Kazakhstan, Kyrgyzstan and Uzbekistan and has been on the World Heritage List since 2016.\n\n"
            "Работа над номинацией заняла несколько лет.")
    out = run(ref, text, published="2016-09-01")
    assert "world_heritage_nomination" in kinds_of(out, "Western Tien-Shan")


# ---------------------------------------------------------------------------------------- names written in other ways


def test_a_quoted_dossier_in_a_release_about_world_heritage_is_a_nomination(ref):
    text = ('The ministry sent the dossier "Steppe Petroglyphs of Kazakhstan" to Paris. '
            "The World Heritage Centre will review it.")
    out = run(ref, text)
    assert ("world_heritage_nomination", "Steppe Petroglyphs of Kazakhstan") in partnerships(out)
    out = run(ref, 'The ministry sent the dossier "Annual Report on Schools" to parliament.')
    assert not any(kind == "world_heritage_nomination" for kind, _ in partnerships(out))


def test_an_aspiring_geopark_proposed_for_an_area(ref):
    out = run(ref, "The meeting proposed an aspiring UNESCO Global Geopark in the Naryn region.")
    assert ("geopark", "Naryn geopark") in partnerships(out)
    out = run(ref, "The participants walked through an aspiring UNESCO Global Geopark in the Naryn region.")
    assert not any(kind == "geopark" for kind, _ in partnerships(out))


def test_a_russian_document_needs_what_it_is_about_and_its_bare_head_is_a_short_form(ref):
    text = ("Соглашение между Кыргызстаном и ЮНЕСКО о сохранении памятников Чуйской долины подписано в 2003 году.\n\n"
            "Соглашением предусматривается реставрация трёх памятников.")
    out = run(ref, text, published="2003-11-01")
    agreements = {name for kind, name in partnerships(out) if kind == "agreement"}
    assert len(agreements) == 1 and next(iter(agreements)).startswith("Соглашение между Кыргызстаном")
    # a lower-case head with its complement names a document even without a signing verb
    out = run(ref, "Номинацию направили в ЮНЕСКО вместе с меморандумом о совместном управлении объектом.")
    assert any(kind == "agreement" and "меморандум" in name.lower() for kind, name in partnerships(out))


# ------------------------------------------------------------------------- Russian register entries and networks


def test_a_russian_register_entry_named_after_the_list_and_the_verb(ref):
    out = run(ref, "В 2003 году в реестр «Память мира» было включено Собрание рукописей Ходжи Ахмеда Ясави – около 1400 страниц.")
    assert any(kind == "other" and name.startswith("Собрание рукописей") for kind, name in partnerships(out))


def test_a_russian_register_entry_whose_clause_before_the_verb_only_says_when(ref):
    out = run(ref, "Коллекция фотографий Арала, более трёх тысяч снимков из архива, в прошлом году внесена в реестр «Память мира».")
    assert ("other", "Коллекция фотографий Арала") in partnerships(out)
    assert not any("году" in name.lower() for _, name in partnerships(out))


def test_a_named_russian_network_is_a_programme_a_standing_one_is_not(ref):
    out = run(ref, "В Нур-Султане создана Евразийская сеть университетов.")
    assert ("programme", "Евразийская сеть университетов") in partnerships(out)
    out = run(ref, "Два заповедника приняты во Всемирную сеть биосферных резерватов два года назад.")
    assert not any(kind == "programme" for kind, _ in partnerships(out))


# ------------------------------------------------------------------- name boundaries and things that are not partnerships


def test_a_document_name_ends_at_its_verb(ref):
    out = run(ref, "The signing of the Memorandum of Understanding between Tajikistan and UNESCO took place in Dushanbe.")
    assert ("agreement", "Memorandum of Understanding between Tajikistan and UNESCO") in partnerships(out)
    out = run(ref, "The agreement on the protection of the Chuy valley monuments was ratified by parliament.")
    assert ("agreement", "Agreement on the protection of the Chuy valley monuments") in partnerships(out)


def test_a_russian_signing_is_not_part_of_the_name_and_the_head_is_in_the_nominative(ref):
    out = run(ref, "Подписание меморандума о сотрудничестве между Министерством культуры Таджикистана и ЮНЕСКО состоялось в Душанбе.")
    assert ("agreement", "Меморандум о сотрудничестве между Министерством культуры Таджикистана и ЮНЕСКО") in partnerships(out)


def test_an_unnamed_russian_centre_is_none(ref):
    out = run(ref, "Работа центра категории 2 под эгидой ЮНЕСКО в Алматы получила высокую оценку.")
    assert not any(kind == "category_2_centre" for kind, _ in partnerships(out))


def test_a_countrys_own_plan_is_no_partnership(ref):
    out = run(ref, "The ministry adopted a national action plan on museums.")
    assert not any(kind == "agreement" for kind, _ in partnerships(out))
    out = run(ref, "The ministry and UNESCO adopted an action plan on museums.")
    assert any(kind == "agreement" for kind, _ in partnerships(out))


def test_a_russian_convention_a_country_joins_but_not_the_one_in_an_assemblys_name(ref):
    out = run(ref, "Туркменистан ратифицировал Конвенцию об охране нематериального культурного наследия в 2011 году.")
    assert ("convention", "Конвенция об охране нематериального культурного наследия") in partnerships(out)
    out = run(ref, "Решение приняла Генеральная ассамблея государств – участников Конвенции об охране нематериального "
                   "культурного наследия.")
    assert not any(kind == "convention" for kind, _ in partnerships(out))


def test_the_word_element_before_a_quoted_name_is_not_part_of_it(ref):
    out = run(ref, "Элемент «Искусство вышивки» внесён в Репрезентативный список нематериального культурного наследия человечества.")
    assert ("intangible_heritage_inscription", "Искусство вышивки") in partnerships(out)


# ------------------------------------------------------------------------- the head words are reference data


def test_head_words_and_danger_phrases_come_from_the_gazetteer(tmp_path):
    import shutil

    import yaml

    from etl.extract import load_reference
    from .conftest import DATA

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    gazetteer = yaml.safe_load((data / "gazetteer.yaml").read_text(encoding="utf-8"))
    text = "The Tashkent International Biennale of Crafts opened in the historic centre of Bukhara."
    assert not any(kind == "event" for kind, _ in partnerships(run(load_reference(data), text)))
    next(h for h in gazetteer["partnership_heads"] if h["kind"] == "event")["words"].append("Biennale")
    gazetteer["danger_lists"] = ["Watch List"]
    (data / "gazetteer.yaml").write_text(yaml.safe_dump(gazetteer, allow_unicode=True), encoding="utf-8")
    edited = load_reference(data)
    assert ("event", "Tashkent International Biennale of Crafts") in partnerships(run(edited, text))
    out = run(edited, "The World Heritage Committee put the Historic Centre of Bukhara on its Watch List.")
    assert "world_heritage_danger_listing" in kinds_of(out, "Bukhara")


# ------------------------------------------------------------------------- more ways of writing the same kinds


def test_the_nomination_of_a_named_property(ref):
    out = run(ref, "The nomination file of the Silk Roads: Fergana-Syrdarya Corridor was sent to the World Heritage Centre.")
    assert ("world_heritage_nomination", "Silk Roads: Fergana-Syrdarya Corridor") in partnerships(out)


def test_a_reserve_designated_in_the_active_voice(ref):
    out = run(ref, "UNESCO designated Kolsai Kolderi a biosphere reserve in 2021.")
    assert ("biosphere_reserve", "Kolsai Kolderi Biosphere Reserve") in partnerships(out)


def test_a_document_named_by_its_parties_needs_no_signing_verb_a_bare_one_does(ref):
    out = run(ref, "The Agreement between the Government of Turkmenistan and UNESCO on the trust fund remains in force.")
    assert ("agreement", "Agreement between the Government of Turkmenistan and UNESCO on the trust fund") in partnerships(out)
    out = run(ref, "The agreement remains in force.")
    assert not any(kind == "agreement" for kind, _ in partnerships(out))


def test_a_russian_short_participle_ends_a_name(ref):
    out = run(ref, "В рамках соглашения о создании целевого фонда реализовано пять проектов.")
    assert ("agreement", "Соглашение о создании целевого фонда") in partnerships(out)
