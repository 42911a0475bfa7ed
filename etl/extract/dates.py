"""Dates in a sentence, with their precision, resolved against the publication date where the year is missing.

'29 March 2017' / 'March 29, 2017' / '29.03.2017' -> day; 'on 10 September' -> the nearest 10 September
the sentence's tense allows (future tense: on or after publication; past tense: on or before);
'on Tuesday', 'yesterday', 'today' likewise; 'in June 2016' -> month; 'in 2016' -> year;
'2013-2022' -> a range (year precision).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..articles import MONTHS, month_number
from .text import by_first_letter, guarded, holds_any_case

# (a pattern that opens with a lookahead of characters: those its matches can start with, which let the scan skip the other
# positions; the same matches, 1.2-4x faster)
MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
DAY_MONTH_YEAR = re.compile(r"(?=\d)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r",?\s+(\d{4})\b")
MONTH_DAY_YEAR = re.compile(r"(?=[JFMASOND])\b" + MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}(?!\d))(?!\.\d)|\b(\d{4})-(\d{2})-(\d{2})\b")
RU_MONTH = r"(январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])"
RU_DAY_MONTH = re.compile(r"(?=\d)(?<![\d.])(\d{1,2})(?:-?го)?(?:\s*[-–—]\s*(\d{1,2})(?:-?го)?)?\s+" + RU_MONTH + r"(?:\s+(\d{4})(?:\s*(?:года|г\.))?)?", re.I)
RU_MONTHS_IN = r"январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре"
RU_MONTH_YEAR = re.compile(r"(?<!\d\s)\b(?:в|во|с|до|к|на)?\s*(" + RU_MONTHS_IN + r")(?:\s+(\d{4}))?", re.I)
RU_MONTH_IN = re.compile(by_first_letter(RU_MONTHS_IN))  # RU_MONTH_YEAR's guard, in any case (text.holds_any_case)
RU_WEEKDAYS = ["понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"]
RU_RELATIVES = "вчера|сегодня|завтра|позавчера"
RU_RELATIVE = re.compile(r"(?<![\w-])(" + RU_RELATIVES + r")(?![\w-])", re.I)
# 'в понедельник', 'во вторник', 'в минувшую пятницу': a weekday, resolved as in English
RU_WEEKDAY = re.compile(r"(?<![\w-])(?:в|во)\s+(?:(?:минувш|прошл|эт|следующ|ближайш)\w*\s+)?(" + "|".join(RU_WEEKDAYS) +
                        r")(?![\w-])", re.I)
# the words without which RU_DAY_MONTH, RU_WEEKDAY and RU_RELATIVE find nothing (in any case: text.holds_any_case); the
# month stems are those of RU_MONTH
RU_MONTH_WORDS = re.compile(by_first_letter("январ|феврал|март|апрел|май|мая|июн|июл|август|сентябр|октябр|ноябр|декабр"))
RU_WEEKDAY_WORDS = re.compile(by_first_letter("|".join(RU_WEEKDAYS)))
RU_RELATIVE_WORDS = re.compile(by_first_letter(RU_RELATIVES))
RU_YEAR = re.compile(r"(?=[12])(?<![\d.])((?:19|20)\d{2})(?:\s*году|\s*года|\s*г\.)")
# '7 to 10 September 2006', '20-21 August', 'from 14 to 16 September': a stay of several days; what happened
# during it is known to the month only
DAY_RANGE = re.compile(r"\b(?:from\s+)?(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|—|to|until|and)\s*(\d{1,2})(?:st|nd|rd|th)?\s+" + MONTH +
                       r"(?:,?\s+(\d{4}))?")
DAY_MONTH = re.compile(r"(?=\d)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r"(?![\w.]*\s*,?\s*\d{4})")
MONTH_DAY = re.compile(r"(?=[JFMASOND])\b" + MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{4})(?!\d)")
MONTH_YEAR = re.compile(r"(?=[JFMASOND])(?<!\d\s)(?<!\d)\b" + MONTH + r",?\s+(\d{4})\b")
MONTH_ONLY = re.compile(r"\b(?:in|during|since|until|by|early|late|mid-?|from|of|last|this|next)\s+" + MONTH + r"(?![\w.]*\s*,?\s*\d)")
THIS_MONTH = re.compile(r"\b(earlier this|later this|this|last|next|previous|the previous|the following) month\b", re.I)
RANGE = re.compile(r"(?=[12])\b((?:19|20)\d{2})\s*[-–—/]\s*((?:19|20)\d{2})\b")
YEAR = re.compile(r"(?=[isfubyoelmd])\b(?:in|since|from|until|by|of|for|year|early|late|mid-?|during|end of)\s+((?:19|20)\d{2})\b", re.I)
WEEKDAY = re.compile(r"\b(?:on\s+|last\s+|next\s+|this\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
RELATIVE = re.compile(r"\b(the day before yesterday|the day after tomorrow|yesterday|today|tomorrow)\b", re.I)
# 'last week', 'at the end of last week', 'earlier this week', 'на прошлой неделе', 'в конце прошлой недели': the week's month
WEEK = re.compile(r"\b(?:(at the (?:end|close) of|at the (?:start|beginning) of|earlier|later|early|late)\s+)?(last|this|the previous|"
                  r"the past)\s+week\b|(?<![\w-])(?:(в конце|в начале|в середине)\s+)?(?:на\s+)?(прошл|минувш|эт|текущ)\w*\s+"
                  r"недел[еиюя](?![\w-])", re.I)
# 'two days ago', 'a week ago', 'три дня назад', 'неделю назад': that many days before publication
AGO = re.compile(r"\b(a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(days?|weeks?)\s+ago\b|(?<![\w-])"
                 r"(\d{1,2}|один|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)?\s*(д[не]\w*|недел\w*)\s+назад(?![\w-])",
                 re.I)
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "один": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
                "девять": 9, "десять": 10}
RU_FUTURE = guarded(r"[бспн]",
                    r"(?<![\w-])(будет|будут|состоится|пройдет|планируется|предстоящ\w*|пригласил\w*|приглашени\w*|"
                    r"намерен\w*)(?![\w-])", re.I)
RU_PAST = re.compile(r"(?<![\w-])(\w+(?:ил|ал|ял|ел|ыл)(?:а|и|ся|ась|ись)?|был\w*|состоялся|состоялась|прошл\w*)(?![\w-])", re.I)
FUTURE = guarded(r"[wsiatufnpc]",
                 r"\b(will|shall|is to|are to|to be held|is scheduled|are scheduled|scheduled|upcoming|forthcoming|next|plans? to|"
                 r"is expected|are expected|to take place|would|is going to|are going to|confirmed (?:her|his|their) attendance|"
                 r"invited|invitation|ahead of)\b", re.I)
PAST = guarded(r"[whmrsvtaidnole]",
               r"\b(was|were|had|has been|have been|held|met|received|signed|visited|took place|adopted|inscribed|"
               r"discussed|noted|recalled|said|stressed|attended|opened|launched|welcomed|hosted|established|ago|last)\b", re.I)
ANY_CYRILLIC = re.compile(r"[а-яА-ЯёЁ\u1c80-\u1c86]")  # [а-яё] under re.I, spelt out (as text.CYRILLIC): a faster scan
RANGE_HINT = re.compile(r"\d(?:st|nd|rd|th)?\s*(?:-|–|—|to|until|and)\s*\d")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass(frozen=True)
class Found:
    date: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day, month, year
    start: int  # offset in the sentence
    end: int
    end_year: int | None = None  # for ranges

    @property
    def year(self) -> int:
        return int(self.date[:4])


def tense(sentence: str) -> str:
    """'future', 'past' or 'unknown', from the auxiliaries and verbs the sentence uses."""
    if ANY_CYRILLIC.search(sentence):
        future, past = bool(RU_FUTURE.search(sentence)), bool(RU_PAST.search(sentence))
    else:
        future, past = bool(FUTURE.search(sentence)), bool(PAST.search(sentence))
    if future and not past:
        return "future"
    if past and not future:
        return "past"
    return "unknown"


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower().rstrip(".")[:3]] \
        if name.lower().rstrip(".") not in MONTHS else MONTHS[name.lower().rstrip(".")]


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_without_year(month: int, day: int, published: dt.date, when: str) -> dt.date | None:
    """The 10 September nearest to publication that the tense allows."""
    candidates = [d for d in (_day(published.year + k, month, day) for k in (-1, 0, 1)) if d]
    if when == "future":
        candidates = [d for d in candidates if d >= published] or candidates
    elif when == "past":
        candidates = [d for d in candidates if d <= published] or candidates
    return min(candidates, key=lambda d: abs((d - published).days)) if candidates else None


# whether a sentence may state a date: a digit, or one of these words (Russian, English); each a scan that skips every
# position where none can start, 3x faster than one alternation with the digit
DIGIT = re.compile(r"\d")
RU_ANY_DATE_WORD = re.compile(by_first_letter(
    r"Вчера|вчера|Сегодня|сегодня|Завтра|завтра|Позавчера|позавчера|недельник|вторник|сред|четверг|пятниц|суббот|воскресень|"
    r"январ|феврал|март|апрел|мае|июн|июл|август|сентябр|октябр|ноябр|декабр|Январ|Феврал|Март|Апрел|Мае|Июн|Июл|Август|"
    r"Сентябр|Октябр|Ноябр|Декабр|день|дня|месяц"))
ANY_DATE_WORD = re.compile(by_first_letter(r"January|February|March|April|May|June|July|August|September|October|November|December|"
                                           r"Jan\b|Feb\b|Mar\b|Apr\b|Jun\b|Jul\b|Aug\b|Sept?\b|Oct\b|Nov\b|Dec\b|Day\b|day\b|"
                                           r"Month\b|month\b|Yesterday|yesterday|Today|today|Tomorrow|tomorrow|DAY|MONTH"))
YEAR_HINT = re.compile(r"(?:19|20)\d\d")
MONTH_HINT = re.compile(by_first_letter(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"))
NUMERIC_HINT = re.compile(r"\d[.-]\d")


def numeric_date(first: int, second: int, year: int, published: dt.date | None) -> dt.date | None:
    """'29.03.2017' (day first) or '03.29.2017' (month first): day first unless impossible, or unless it falls after
    the publication while month first does not ('03.12.2025' in a release of 13 March 2025 is 12 March)."""
    if year < 100:
        year += 2000
    day_first, month_first = _day(year, second, first), _day(year, first, second)
    if day_first and month_first and published and day_first > published >= month_first:
        return month_first
    return day_first or month_first


def in_quotation(sentence: str, position: int) -> bool:
    """Whether a position lies inside quoted speech (an opening mark before it that is not closed)."""
    before = sentence[:position]
    return before.rfind("“") > before.rfind("”") or before.rfind("«") > before.rfind("»") or before.count('"') % 2 == 1


def find_dates(sentence: str, published: dt.date | None) -> list[Found]:
    """Every date the sentence states, most precise first where they overlap."""
    russian = ANY_CYRILLIC.search(sentence) is not None
    if not (DIGIT.search(sentence) or (RU_ANY_DATE_WORD if russian else ANY_DATE_WORD).search(sentence)) and not (
            "week" in sentence or " ago" in sentence or "недел" in sentence or "назад" in sentence):  # WEEK, AGO
        return []
    found: list[Found] = []
    taken: list[tuple[int, int]] = []

    def add(date: dt.date | str | None, precision: str, span: tuple[int, int], end_year: int | None = None) -> None:
        if date is None or any(s < span[1] and span[0] < e for s, e in taken):
            return
        text = date.isoformat() if isinstance(date, dt.date) else date
        found.append(Found(text, precision, span[0], span[1], end_year))
        taken.append(span)

    for m in DAY_RANGE.finditer(sentence) if RANGE_HINT.search(sentence) else ():
        if m.group(4) or published:
            year = int(m.group(4)) if m.group(4) else published.year
            add(f"{year:04d}-{_month(m.group(3)):02d}", "month", m.span())
    months = MONTH_HINT.search(sentence) is not None  # cheap guards: most patterns need a month name
    for m in DAY_MONTH_YEAR.finditer(sentence) if months else ():
        add(_day(int(m.group(3)), _month(m.group(2)), int(m.group(1))), "day", m.span())
    for m in MONTH_DAY_YEAR.finditer(sentence) if months else ():
        add(_day(int(m.group(3)), _month(m.group(1)), int(m.group(2))), "day", m.span())
    for m in NUMERIC.finditer(sentence) if NUMERIC_HINT.search(sentence) else ():
        if m.group(1):
            add(numeric_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), published), "day", m.span())
        else:
            add(_day(int(m.group(4)), int(m.group(5)), int(m.group(6))), "day", m.span())
    known: list[str] = []

    def tense_of() -> str:  # worked out only when a date needs it (a day without a year, a weekday, a month alone)
        if not known:
            known.append(tense(sentence))
        return known[0]
    years = YEAR_HINT.search(sentence) is not None
    if russian:
        for m in RU_DAY_MONTH.finditer(sentence) if holds_any_case(RU_MONTH_WORDS, sentence) else ():
            month = month_number(m.group(3))
            if m.group(2):  # '20–21 августа': a stay of two days
                if m.group(4) or published:
                    add(f"{int(m.group(4) or published.year):04d}-{month:02d}", "month", m.span())
            elif m.group(4):
                add(_day(int(m.group(4)), month, int(m.group(1))), "day", m.span())
            elif published:
                add(resolve_without_year(month, int(m.group(1)), published, tense_of()), "day", m.span())
        if published:
            for m in RU_WEEKDAY.finditer(sentence) if holds_any_case(RU_WEEKDAY_WORDS, sentence) else ():
                target = RU_WEEKDAYS.index(m.group(1).lower())
                if tense_of() == "future" or re.match(r"\S+\s+(?:следующ|ближайш)", m.group(0)):
                    day = published + dt.timedelta(days=((target - published.weekday()) % 7) or 7)
                else:
                    day = published - dt.timedelta(days=(published.weekday() - target) % 7)
                add(day, "day", m.span())
            for m in RU_RELATIVE.finditer(sentence) if holds_any_case(RU_RELATIVE_WORDS, sentence) else ():
                if m.group(1).lower() == "сегодня" and in_quotation(sentence, m.start()):
                    continue  # '«Сегодня как никогда ...», – подчеркнул он': nowadays
                shift = {"вчера": -1, "сегодня": 0, "завтра": 1, "позавчера": -2}[m.group(1).lower()]
                add(published + dt.timedelta(days=shift), "day", m.span())
        for m in RU_MONTH_YEAR.finditer(sentence) if holds_any_case(RU_MONTH_IN, sentence) else ():
            month = month_number(m.group(1)[:-1] if m.group(1).lower().endswith("е") else m.group(1))
            month = month or {"мае": 5}.get(m.group(1).lower())
            if month and (m.group(2) or published):
                if m.group(2):
                    add(f"{int(m.group(2)):04d}-{month:02d}", "month", m.span())
                else:
                    day = resolve_without_year(month, 1, published.replace(day=1), tense_of())
                    add(day.isoformat()[:7] if day else None, "month", m.span())
        for m in RU_YEAR.finditer(sentence) if years else ():
            add(m.group(1), "year", m.span(1))
    if published:
        for m in DAY_MONTH.finditer(sentence) if months else ():
            add(resolve_without_year(_month(m.group(2)), int(m.group(1)), published, tense_of()), "day", m.span())
        for m in MONTH_DAY.finditer(sentence) if months else ():
            add(resolve_without_year(_month(m.group(1)), int(m.group(2)), published, tense_of()), "day", m.span())
        for m in WEEKDAY.finditer(sentence) if "day" in sentence else ():
            target = WEEKDAYS.index(m.group(1).lower())
            ahead = (target - published.weekday()) % 7
            if tense_of() == "future" or m.group(0).lower().startswith("next"):
                day = published + dt.timedelta(days=ahead or 7)
            else:
                day = published - dt.timedelta(days=(published.weekday() - target) % 7)
            add(day, "day", m.span())
        for m in RELATIVE.finditer(sentence) if ("day" in sentence or "orrow" in sentence) else ():
            if sentence[max(0, m.start() - 4) : m.start()] == "ago ":  # 'Thirty years ago today, on 22 May 1992': an anniversary
                continue
            if m.group(1).lower() == "today" and in_quotation(sentence, m.start()):
                continue  # '"... the Organization needs this especially today," she said': nowadays, not a date
            shift = {"yesterday": -1, "today": 0, "tomorrow": 1, "the day before yesterday": -2,
                     "the day after tomorrow": 2}[m.group(1).lower()]
            add(published + dt.timedelta(days=shift), "day", m.span())
    if published and ("ago" in sentence or "назад" in sentence):
        for m in AGO.finditer(sentence):
            count, unit = (m.group(1), m.group(2)) if m.group(2) else (m.group(3) or "1", m.group(4))
            weeks = unit.lower().startswith(("week", "недел"))
            days = (int(count) if count.isdigit() else NUMBER_WORDS[count.lower()]) * (7 if weeks else 1)
            add(published - dt.timedelta(days=days), "day", m.span())
    if published and ("week" in sentence or "недел" in sentence) and not any(f.precision == "day" for f in found):
        for m in WEEK.finditer(sentence):  # a stated day (a weekday 'of last week') is more precise
            which = (m.group(2) or m.group(4)).lower()
            day = published
            if which not in ("this", "эт", "текущ"):
                monday = published - dt.timedelta(days=published.weekday() + 7)
                end = (m.group(1) or m.group(3) or "").lower() in ("at the end of", "at the close of", "в конце")
                day = monday + dt.timedelta(days=4 if end else 2)  # its Friday, else its Wednesday
            add(day.isoformat()[:7], "month", m.span())
    for m in MONTH_YEAR.finditer(sentence) if months else ():
        add(f"{int(m.group(2)):04d}-{_month(m.group(1)):02d}", "month", m.span())
    if published:
        for m in MONTH_ONLY.finditer(sentence) if months else ():
            day = resolve_without_year(_month(m.group(1)), 1, published.replace(day=1), tense_of())
            if day is not None:
                add(day.isoformat()[:7], "month", m.span())
        for m in THIS_MONTH.finditer(sentence) if "onth" in sentence else ():
            shift = {"last": -1, "previous": -1, "the previous": -1, "next": 1, "the following": 1}.get(m.group(1).lower(), 0)
            month_index = published.year * 12 + published.month - 1 + shift
            add(f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month", m.span())
    for m in RANGE.finditer(sentence) if years else ():
        low, high = int(m.group(1)), int(m.group(2))
        if low <= high:
            add(str(low), "year", m.span(), end_year=high)
    for m in YEAR.finditer(sentence) if years else ():
        add(m.group(1), "year", m.span(1))
    found.sort(key=lambda f: f.start)
    return found
