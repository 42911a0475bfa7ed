"""Ninth round, meetings: sentences written for these tests (none copied from a release)."""

from etl.articles import Document
from etl.extract import extract, load_reference

REF = load_reference()


def _run(body: str, published: str = "2024-03-15", title: str = "A test release"):
    doc = Document(id="t", content_hash="t", title=title, published=published, url=None, text=body, source_file="t.txt")
    return extract(doc, REF)


def test_dateline_day_dates_the_meeting_to_the_month():
    r = _run("ASTANA, Kazakhstan, March 15. President Kassym-Jomart Tokayev met UNESCO Director-General Audrey Azoulay "
             "to talk about schools.")
    assert [(m.date.date, m.date.precision) for m in r.meetings] == [("2024-03", "month")]


def test_today_in_quoted_speech_is_no_date():
    r = _run('Irina Bokova opened the talks. "Dialogue matters more than ever today," she said. '
             "Irina Bokova also met with Foreign Minister Yerzhan Kazykhanov.", published="2012-05-29")
    assert all(m.date.precision == "month" for m in r.meetings)


def test_later_date_in_relative_clause_is_not_the_meeting():
    r = _run("On 4 March, Audrey Azoulay spoke. On the same day, President Kassym-Jomart Tokayev met Audrey Azoulay, "
             "who was invited to a forum in June 2025.")
    assert [m.date.date for m in r.meetings] == ["2024-03-04"]


def test_russian_organisation_name_is_no_participant():
    r = _run("28 февраля под председательством Сироджиддина Мухриддина, Министра иностранных дел Республики Таджикистан, "
             "и Абдуджаббора Рахмонзода состоялось заседание Национальной комиссии.")
    names = {p.name for m in r.meetings for p in m.participants}
    assert names == {"Sirojiddin Muhriddin", "Abdujabbor Rahmonzoda"}
