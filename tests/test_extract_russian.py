"""Russian releases, on sentences written for these tests: date lines and dates, people through their Cyrillic
aliases in any case, offices, countries and places by Russian names, themes by Russian phrases, partnerships by
their Russian head words."""

import datetime as dt

import pytest

from etl.articles import Document, parse_date_line
from etl.extract import extract
from etl.extract.dates import find_dates
from etl.extract.text import fold, name_key, ru_stem, sentences


def run(ref, text, published="2019-06-20"):
    return extract(Document("doc-ru", "Заголовок", published, None, text, "h", "ru.txt"), ref).as_json()


@pytest.mark.parametrize("line, expected", [
    ("6 ноября 2015 года", "2015-11-06"), ("09 декабря 2017", "2017-12-09"), ("Сентябрь 29, 2014", "2014-09-29"),
    ("21.09.22", "2022-09-21"), ("1 мая 2020 г.", "2020-05-01"), ("Март 3, 2019", "2019-03-03"), ("32 мая 2020", None),
])
def test_russian_date_lines(line, expected):
    found = parse_date_line(line)
    assert (found.isoformat() if found else None) == expected


@pytest.mark.parametrize("sentence, published, expected", [
    ("Встреча состоялась 29 марта 2017 года в Астане.", "2017-04-03", ("2017-03-29", "day")),
    ("Министр 25 июня подписал соглашение.", "2019-06-26", ("2019-06-25", "day")),
    ("Вчера Президент принял делегацию.", "2019-06-26", ("2019-06-25", "day")),
    ("Конференция прошла 20–21 августа.", "2013-08-22", ("2013-08", "month")),
    ("Форум пройдет в октябре.", "2019-06-26", ("2019-10", "month")),
])
def test_russian_dates_in_text(sentence, published, expected):
    found = find_dates(sentence, dt.date.fromisoformat(published))
    assert (found[0].date, found[0].precision) == expected


def test_case_endings_and_cyrillic_folding():
    assert ru_stem("Астану") == ru_stem("Астана") == ru_stem("Астане")
    assert name_key("Ириной Боковой") == name_key("Ирина Бокова")
    assert fold("Мирзиёев") == "мирзиеев"
    assert [s.text for s in sentences("Встреча прошла в г. Астане. Ш. Мирзиёев принял гостей.")] == [
        "Встреча прошла в г. Астане.", "Ш. Мирзиёев принял гостей."]


def test_people_and_offices_in_any_case(ref):
    out = run(ref, "Президент Казахстана Касым-Жомарт Токаев 7 июня 2023 года принял в Акорде Генерального директора ЮНЕСКО "
                   "Одре Азуле.", "2023-06-08")
    [meeting] = out["meetings"]
    assert [p["name"] for p in meeting["participants"]] == ["Kassym-Jomart Tokayev", "Audrey Azoulay"]
    assert (meeting["date"], meeting["location"]) == ("2023-06-07", "Astana")
    out = run(ref, "Президент Казахстана выступил на сессии.\n\nГлава государства встретился с Генеральным директором ЮНЕСКО "
                   "в тот же день.", "2015-11-06")
    assert {p["name"] for p in out["meetings"][0]["participants"]} == {"Nursultan Nazarbayev", "Irina Bokova"}


def test_countries_places_and_themes_by_russian_names(ref):
    out = run(ref, "Делегации Узбекистана и Кыргызской Республики обсудили в Душанбе таяние ледников Памира, водные ресурсы "
                   "Амударьи и сохранение культурного наследия.")
    assert out["countries"] == ["KGZ", "UZB"]
    assert {"Dushanbe", "Pamirs", "Amu Darya"} <= {p["name"] for p in out["places"]}
    assert {"climate_glaciology", "natural_sciences_water", "culture_heritage"} <= {t["id"] for t in out["themes"]}


def test_partnerships_by_russian_head_words(ref):
    out = run(ref, "Стороны подписали соглашение о сотрудничестве в области образования. Комитет всемирного наследия на "
                   "44-й сессии включил Западный Тянь-Шань в Список всемирного наследия. Министр принял участие в "
                   "Международном форуме молодых ученых.", "2021-07-30")
    found = {(p["kind"], p["name"]) for p in out["partnerships"]}
    assert ("world_heritage_inscription", "Western Tien-Shan") in found
    assert any(k == "agreement" and n.startswith("Соглашение о сотрудничестве") for k, n in found)
    assert any(k == "event" and "сесси" in n for k, n in found)
    assert any(k == "event" and "форум" in n.lower() for k, n in found)
