"""Rule-based extraction from one press release: dates, people, places, countries, themes, meetings, partnerships.

`extract(document, reference)` returns an `Extraction`; `Extraction.as_json()` is the stable output of
`python -m etl extract` (documented in docs/extract.md). Every fact keeps its evidence: the sentence and
its character offsets in the document text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from ..articles import Document
from .dates import Found, find_dates, tense
from .calibration import load_calibration
from .partnerships import Partnership, find_partnerships
from .people import Mention, PeopleFinder
from .reference import FOCUS, Place, Reference, load_reference, theme_stem
from .text import (CYRILLIC, TRANSLIT, Sentence, by_first_letter, first_letters, fold, guarded, key_words, ru_stem, sentences,
                   tokens)

__all__ = ["extract", "load_reference", "Extraction"]

MEETING_VERBS = (
    r"met|meets|meet|meeting|meetings|received|receives|receive|receiving|held talks|hold talks|holds talks|talks with|"
    r"talked|video ?conference|videoconference|video call|phone call|telephone (?:call|conversation)|visited|paid (?:a|an) "
    r"(?:official |working |courtesy )?visit|hosted|hosts|welcomed|audience|bilateral|sat down with|conversation with|"
    r"discussed|discussions with|consultations|was received|were received|will meet|to meet|signed|sign|opened|open|"
    r"launched|attended|co-chaired|chaired|presented|handed|awarded|in the presence of|together with|joined by|"
    r"accompanied by|participants|took part|participated|among the guests|was opened by|were opened by|opened by|"
    r"meetings? with|delegation|interlocutors|gathered|brought together|bringing together|the talks|their talks|"
    r"beg(?:an|ins) (?:his|her|their) (?:official |working |state )?visit|start(?:ed|s) (?:his|her|their) (?:official |working |state )?visit")
# (grouped by first letter behind a lookahead for those letters: the same matches, a faster scan)
MEETING = re.compile(first_letters(MEETING_VERBS) + r"\b(" + by_first_letter(MEETING_VERBS, any_case=True) + r")\b", re.I)
MEETING_LOWER = re.compile(MEETING.pattern)  # the same verbs, on lower-cased text
# Russian: met, received, talks, a meeting, handed, signed, opened, took part (any ending)
RU_MEETING = guarded(r"[вплбоуз]",
    r"(?<![\w-])(?:встрети\w*|встреч\w+|приня(?:[лв]\w*|т[аоы]?)|принима\w*|переговор\w*|бесед\w*|вручи\w*|подписа\w*|"
    r"откры[лв]\w*|участвова\w*|провел\w* (?:встреч|переговор)\w*|обсуди\w*|"
    # a session chaired by the people named ('под председательством X и Y состоялось заседание комиссии')
    r"под председательством|заседани\w*)(?![\w-])", re.I)
SAME_DAY = guarded(r"[laeotвт]",
                   r"\b(?:(?:later|also|earlier)\s+(?:on\s+)?(?:that|the same)\s+day|that day|the same day|on that occasion|"
                   r"at the same time)\b|(?<![\w-])(?:в тот же день|в этот же день|в тот день|в этот день)(?![\w-])", re.I)
THAT_VISIT = guarded(r"[tdв]",
                     r"\b(?:that (?:trip|visit|stay)|during (?:the|that|this|his|her|their) (?:visit|trip|stay))\b|"
                     r"(?<![\w-])(?:в ходе|во время|в рамках) (?:этого |своего |его |ее |её )?(?:визита|поездки|пребывания)"
                     r"(?![\w-])", re.I)
# held online: no city, whatever the dateline says
ONLINE = re.compile(r"\bonline\b(?![\s-]+(?:education|learning|teaching|courses?|platforms?|tools?|resources?|and\b))|"
                    r"\bvirtual(?:ly)?\s+(?:meeting|session|conference|format|event)|\bvideo ?(?:conference|call|link)|"
                    r"\bvideoconference|(?<![\w-])(?:(?:в|режиме|формате)\s+онлайн|онлайн-(?:формат|режим)\w*|видеоконференц\w*|"
                    r"видеосвяз\w*)", re.I)
STAY = re.compile(r"\d\s*(?:-|–|—|to|until|till|по|до)\s*\d")  # a stay of several days
# a sentence that speaks of a visit: its stay is the visit's date ('visited ... from 8 to 10 October', 'с визитом 4-5 мая')
VISIT_WORD = re.compile(r"\b(?:visit|visits|visited|visiting|trip|stay)\b|(?<![\w-])(?:визит\w*|поездк\w*|пребывани\w*)(?![\w-])",
                        re.I)
ANOTHER_ENCOUNTER = guarded(r"[laeвп]",
                            r"\b(?:later|also|earlier)\s+(?:on\s+)?(?:that|the same)\s+day\b|(?<![\w-])(?:в тот же день|"
                            r"позднее в тот же день)(?![\w-])", re.I)
NEXT_DAY = guarded(r"[tн]",
                   r"\b(?:the (?:following|next) day|the day after)\b|(?<![\w-])(?:на следующий день|на другой день)(?![\w-])",
                   re.I)
PRONOUN_SUBJECT = re.compile(r"(?:^|[,;]\s*|\band\s+)(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Оо]н|[Оо]на)\b|"
                             r"\b(?:he|she)\s+(?:(?:also|later|then|first|again)\s+)?(?:met|received|held|visited|signed|discussed)\b|\b(?:[Ii]n|[Dd]uring)\s+(?:his|her)\s+"
                             r"(?:talks|meeting|meetings|conversation)\b")
ABSENT = guarded(r"[iglmcrwoпо]",
                 r"\b(?:invitation|invitations|greetings|message|letter|congratulations|regards|wishes)\s+(?:of|from)\s+"
                 r"(?:[\w'’.-]+\s+){0,12}$|\bon behalf of\s+(?:[\w'’.-]+\s+){0,8}$|"
                 r"(?<![\w-])(?:приглашени\w*|приветстви\w*|послани\w*|поздравлени\w*|от имени|по поручению)\s+(?:[\w'’.-]+\s+){0,8}$", re.I)
HERITAGE_ANAPHOR = re.compile(r"^(?:The|This|That)\s+(?:\w+\s+)?(?:monument|property|site|mausoleum|complex|ensemble|park|corridor|"
                              r"fortress|fortresses|city|town)\b|\bwhen it was inscribed\b|^It\s+(?:was|has been)\b")
JOINED = guarded(r"[tpwajвуп]",
                 r"\b(?:(?:took part|participated|was present|were present) in the (?:meeting|talks)|(?:also )?attended the "
                 r"(?:meeting|talks)|joined the (?:meeting|talks))\b|(?<![\w-])(?:во встрече|в переговорах|в беседе)\s+"
                 r"(?:также\s+)?(?:участвовал\w*|принял\w* участие)|участвовал\w* (?:во встрече|в переговорах)", re.I)
# a sentence that names the other side of a meeting the previous sentence announced with one person ('... hosted a meeting
# with X.' + 'The Turkmen side was represented by Y.')
OTHER_SIDE = guarded(r"[sdhсв]",
                     r"\b(?:side|delegation|host country|hosts?)\s+(?:was|were)\s+(?:represented|led)\s+by\b|(?<![\w-])"
                     r"(?:с\s+\w+\s+стороны|стороны)\s+(?:\w+\s+)?(?:представлял\w*|возглавлял\w*)", re.I)
# a sentence listing more people of the meeting the previous sentence stated ('The delegation included X and Y.',
# 'Среди участников была Z.', 'В состав делегации вошли X и Y.')
JOIN_LIST = guarded(r"[amtсвч]",
                    r"\b(?:among (?:the )?(?:participants|those present)|the delegation (?:also )?(?:included|comprised)|"
                    r"members of the delegation)\b|(?<![\w-])(?:среди участников|в числе участников|в состав\w* делегации)"
                    r"(?![\w-])", re.I)
GEONAMES_CUE = re.compile(r"(?:\b(?:in|at|from|to|near|via|visit(?:ed|ing|s)?|city of|town of|capital,?|between)\s+(?:the\s+)?|\band\s+|"
                          r"(?<![\w-])(?:в|во|из|до|через|около|посетил\w*|город\w*|столиц\w*|и)\s+)$")
LIST_NEXT = re.compile(r",\s*|,?\s+(?:and|и)\s+")  # between two items of one list
FOCUS_ISO3 = set(FOCUS.values())
# an encounter named without who had it ('Talks with X followed.', 'Встреча с X прошла ...'): the last meeting's first person
SUBJECTLESS = re.compile(r"\b(?:[Tt]alks|[Mm]eetings?|[Cc]onsultations|[Dd]iscussions)\s+with\s|(?<![\w-])(?:[Пп]ереговор\w*|[Вв]стреч[аиу]|"
                         r"[Бб]есед[аыу])\s+со?\s")
# one more person at the meeting of the sentence before ('X also took part in the opening.', 'Также присутствовал X.')
ALSO_PRESENT = guarded(r"[aтпу]",
                       r"\balso (?:took part|participated|attended|joined|was present|were present)\b|(?<![\w-])(?:также "
                       r"(?:принял\w* участие|участвовал\w*|присутствовал\w*)|(?:принял\w* участие|участвовал\w*|"
                       r"присутствовал\w*) также)(?![\w-])", re.I)  # 'В открытии приняли участие также X и Y'
# the head of a delegation ('A delegation led by X visited ...') is at what 'The delegation' does later ('The delegation met Y')
HEADED_BY = guarded(r"[lhв]", r"\b(?:led|headed) by\s|(?<![\w-])во главе со?\s", re.I)
# ... or its members, when the release lists them ('A delegation consisting of A, B and C visited ...'): all of them
DELEGATION_MEMBERS = guarded(r"[ciвс]", r"\b(?:consisting of|comprising|composed of|including)\s|(?<![\w-])(?:в составе|в состав\w* "
                             r"(?:которой|делегации)\s+вошли)\s", re.I)
# ... or what 'X and the guests' do ('Deputy Minister X and the guests discussed ...', 'X с гостями обсудил ...')
DELEGATION_SUBJECT = re.compile(r"^(?:The|This|That|Its|Our|Their) delegation\b|^Делегаци\w*(?![\w-])|"
                                r"\b(?:the\s+)?(?:[A-Z][\w-]*\s+)?delegation\s+(?:held|had|conducted|met|discussed)\b|"
                                r"\b(?:and|with) the (?:guests|visitors|delegation)\b|"
                                r"(?<![\w-])(?:и|с) (?:гостями|гости|делегацией)(?![\w-])")
# a dateline before the body ('TASHKENT, Uzbekistan, October 30.', 'ТАШКЕНТ, 30 октября –', 'Душанбе - 30 декабря'): its date is
# the day the report was filed, which the publication date already gives; a meeting it dates is known to the month only
DATELINE_BEFORE = re.compile(r"^(?:[A-ZА-ЯЁ][A-ZА-ЯЁ'’.-]+(?:[ -][A-ZА-ЯЁ'’.-]+){0,2}(?:\s*\([^)]{1,40}\))?\s*[,–—-]|"
                             r"[A-ZА-ЯЁ][a-zа-яё'’-]+(?:\s*\([^)]{1,40}\))?\s+[–—-])\s*(?:[A-ZА-ЯЁ][\w'’ -]{2,30},\s*)?$")
# a relative clause after the encounter ('met X, who was invited to a forum in June 2026'): its date is another event's
DIGIT = re.compile(r"\d")
RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which|where|whom|когда|где|котор\w+)(?![\w-])", re.I)
EMPTY = re.compile("")  # an empty match at the sentence start: a meeting carried on from the previous sentence
STRONG_MEETING = guarded(r"[mrhtvpaibsвпб]",
                         r"\b(?:met|meets|meeting|received|receives|held talks|holds talks|talks with|video ?conference|video call|"
                         r"phone call|telephone|hosted|audience|bilateral|sat down with|interlocutors)\b|(?<![\w-])(?:встрети\w*|"
                         r"встреч\w+|приня[лв]\w*|переговор\w*|бесед\w*)(?![\w-])", re.I)


@dataclass
class Meeting:
    date: Found | None
    location: str | None
    participants: list[Mention]
    evidence: Sentence
    separate: bool = False  # 'later that day ...': another encounter, even with the same people
    date_source: str | None = None  # stated, same day, next day, visit, earlier sentence, publication
    strong: bool = False  # an encounter verb proper (met, received, held talks), not only 'signed', 'attended'
    confidence: float | None = None  # how often a meeting like this was right on the dev part (calibration.json)
    countries: list[str] = field(default_factory=list)  # the countries of its own sentences (or paragraph)
    themes: list[str] = field(default_factory=list)  # the themes of its own paragraph

    @property
    def signature(self) -> str:
        """The features its confidence is looked up by: how the date was found, who is named, which verb."""
        people = "unconfirmed" if any(not p.confirmed for p in self.participants) else \
            "by role" if any(p.by_role for p in self.participants) else "named"
        date = self.date_source or "none"
        if date in ("same day", "next day", "visit"):
            date = "referred"
        return f"meeting|date:{date}|people:{people}|verb:{'strong' if self.strong else 'weak'}"

    def keys(self) -> set[str]:
        return {m.person.id if m.person else fold(m.name) for m in self.participants}


@dataclass
class Extraction:
    document: Document
    meetings: list[Meeting] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    places: list[tuple[Place, Sentence]] = field(default_factory=list)
    themes: dict[str, list[Sentence]] = field(default_factory=dict)
    partnerships: list[Partnership] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def as_json(self) -> dict:
        """The output contract of `python -m etl extract` (docs/extract.md)."""
        doc = self.document
        return {
            "source": doc.source_file, "title": doc.title, "published": doc.published, "url": doc.url,
            "meetings": [{
                "date": _full_date(m.date), "date_precision": m.date.precision if m.date else None, "location": m.location,
                "participants": [{"name": p.name, "role": p.role, "organisation": p.organisation, "country": p.country}
                                 for p in m.participants],
                "evidence": m.evidence.text, "confidence": m.confidence, "countries": m.countries, "themes": m.themes,
            } for m in self.meetings],
            "countries": self.countries,
            "places": [{"name": p.name, "kind": p.kind, "country": p.country, "lat": p.lat, "lon": p.lon} for p, _ in self.places],
            "themes": [{"id": t, "evidence": [s.text for s in ss]} for t, ss in self.themes.items()],
            "partnerships": [{"name": p.name, "kind": p.kind, "year": p.year, "evidence": p.evidence, "confidence": p.confidence,
                              "countries": p.countries, "themes": p.themes} for p in self.partnerships],
        }


def _full_date(found: Found | None) -> str | None:
    """The contract's YYYY-MM-DD: a month or a year is written as its first day; date_precision says which."""
    if found is None:
        return None
    return found.date + {"day": "", "month": "-01", "year": "-01-01"}[found.precision]


# ------------------------------------------------------------------------------------------- countries and places


def _lookup(sentence: str, words: list[tuple[str, int, int]], folded: list[str], table: dict, first_words: dict[str, int],
            max_words: int, accept, fallback=None, lower_starts=frozenset(), fallback_keys=frozenset()) -> list[tuple[object, int, int]]:
    """Longest n-gram matches of capitalised word runs against a folded-name table.
    first_words: the first word of each key -> the most words of a key starting with it (a token is one word or more,
    so no longer run can match). accept(key, value, start, end) decides whether a match counts; fallback(key, i, size)
    may offer a value the table does not hold."""
    out = []
    count = len(words)
    get = first_words.get
    # the tokens a key may start at (a key's first word is one word: a token key of several words by its first)
    starts = [i for i, key in enumerate(folded) if get(key) or (" " in key and get(key.split(" ", 1)[0]))]
    free = 0  # the first token after the last match
    for i in starts:
        if i < free:
            continue
        first = folded[i]
        if " " in first:
            first = first.split(" ", 1)[0]
        if words[i][0][0].isupper() or first in lower_starts:
            for size in range(min(max_words, first_words[first], count - i), 0, -1):
                key = " ".join(folded[i : i + size])
                value = table.get(key)
                if fallback is not None and key in fallback_keys:
                    value = fallback(key, i, size) or value
                if value is not None and accept(key, value, words[i][1], words[i + size - 1][2]):
                    out.append((value, words[i][1], words[i + size - 1][2]))
                    free = i + size
                    break
    return out


_TOKEN_KEYS: dict[str, str] = {}  # token -> its lookup key (token_key), kept across documents: words repeat


def _token_key(w: str) -> str:
    base = w[:-6] if w.endswith("-based") and len(w) > 8 else w  # 'the Almaty-based centre' names Almaty
    key = (fold(base[:-2] if base.endswith(("'s", "’s")) else base) if base.isascii() else key_words(fold(base))) or w.lower()
    if len(_TOKEN_KEYS) < 200_000:
        _TOKEN_KEYS[w] = key
    return key


def _folded(sentence: str) -> tuple[list[tuple[str, int, int]], list[str]]:
    words = tokens(sentence)
    keys = _TOKEN_KEYS  # token_key through a plain dictionary: this runs for every sentence
    return words, [keys.get(w) or _token_key(w) for w, _, _ in words]  # (a key is never empty)


COUNTRY_AFTER = re.compile(r",\s*((?:the\s+)?[A-ZА-ЯЁ][\w'’-]+(?:\s+(?:of\s+)?[A-ZА-ЯЁ][\w'’-]+){0,3})")


def _country_after(sentence: str, end: int, ref: Reference) -> bool:
    """'(30 November - 4 December 2015, Windhoek, Namibia)': a city followed by its country."""
    m = COUNTRY_AFTER.match(sentence, end)
    return m is not None and any(iso3 for iso3, _, _ in find_countries(m.group(1), ref))


def find_countries(sentence: str, ref: Reference, words=None) -> list[tuple[str, int, int]]:
    words, folded = words or _folded(sentence)
    found = _lookup(sentence, words, folded, ref.countries, ref.country_first_words, 6, lambda key, value, s, e: True,
                    lower_starts=ref.country_lower_starts)
    if "-" in sentence:  # 'a German-funded project', 'Kazakh-Chinese talks', 'российско-таджикские переговоры'
        known = ref.hyphenated
        for word, start, _ in words:
            if "-" in word:
                pieces = known.get(word)
                if pieces is None:
                    pieces = _hyphenated_countries(word, ref)
                if pieces and not any(s <= start < e for _, s, e in found):
                    found += [(iso3, start + s, start + e) for iso3, s, e in pieces]
    return found


def _hyphenated_countries(word: str, ref: Reference) -> list[tuple[str, int, int]]:
    out, offset = [], 0
    for piece in word.split("-"):
        key = key_words(fold(piece))
        if len(piece) >= 4 and (piece[0].isupper() or key in ref.country_lower_starts) and key in ref.countries:
            out.append((ref.countries[key], offset, offset + len(piece)))
        offset += len(piece) + 1
    if len(ref.hyphenated) < 100_000:
        ref.hyphenated[word] = out
    return out


NAME_HEAD = re.compile(r"(?:\s+(?:International|Regional|Global|World|High-Level|Ministerial|Youth|Economic|Investment|Cultural))*"
                       r"\s+(?:Process|Forum|Declaration|Prize|Initiative|Summit|Conference|Charter|Games|Festival|Programme|"
                       r"Principles|Appeal|Agenda|Club|Dialogue|Format|Marathon)\b")
PRESS_AFTER = re.compile(r"(?:['’]s)?\s+(?:press\s+(?:service|office|secretary)|information\s+service)\b", re.I)
PRESS_BEFORE = re.compile(r"(?:(?<![\w-])(?:[Пп]ресс-служб\w*|[Пп]ресс-секретар\w*)|\bpress\s+(?:service|office)\s+of(?:\s+the)?)\s+$")
NAMED_AFTER_KINDS = {"city", "river", "lake", "sea", "desert", "mountains", "glacier"}  # places forums and processes are named after
STOP_PLACE_CONTEXT = re.compile(r"(?:\bin|\bcity of|\bof)\s+$")
# a city's name before a region or valley word, in either case, is the region ('in Mary and Akhal velayats', 'Almaty Region',
# 'the Fergana Valley'; 'Самаркандской области' is an adjective)
REGION_AFTER = re.compile(r"(?:\s+and\s+[A-Z][\w'’-]+)?\s+(?i:velayats?|regions?|provinces?|oblasts?|viloyats?|districts?|valleys?)\b")
# a protected area or lake the gazetteer does not hold, named by its head word: 'the Badhyz State Nature Reserve',
# 'Lake Zorkul'
NAMED_AREA = re.compile(r"\b((?:[A-Z][\w'’-]+\s+){1,3}?)(State\s+(?:Nature\s+|Natural\s+)?Reserve|(?:Strict\s+)?Nature\s+Reserve|"
                        r"National\s+(?:Nature\s+)?Park|[Gg]lacier|River(?!\s+[Vv]alley))\b|\bLake\s+([A-Z][\w'’-]+)\b(?!\s+[A-Z])|"
                        r"\bthe\s+([A-Z][\w'’-]+)\s+river\b(?!\s+valley)")
# a UNESCO field office written in lower case after its owner or before its city's name: 'the UNESCO office in Almaty',
# "the Organization's cluster office in Almaty", 'the Almaty office', 'бюро ЮНЕСКО в Ташкенте' (the offices of places.csv),
# or by the one country it is in: 'the UNESCO Office in Uzbekistan', 'Head of Office in Uzbekistan'
LOWER_OFFICE = re.compile(r"\b(?:UNESCO(?:['’]s)?|[Oo]rgani[sz]ation['’]s|[Ii]ts|[Tt]he|Head of)\s+(?:(?:[Rr]egional|[Cc]luster|"
                          r"[Mm]ultisectoral|[Cc]ountry|[Nn]ational|[Ff]ield)\s+)*[Oo]ffice\s+(?:in|for)\s+([A-Z][\w-]+)|\b[Tt]he\s+((?!UNESCO)[A-Z][\w-]+)\s+"
                          r"(?:(?:[Rr]egional|[Cc]luster|[Mm]ultisectoral)\s+)*office\b|(?<![\w-])(?:[а-яё]+\s+)?бюро\s+ЮНЕСКО\s+в\s+"
                          r"([А-ЯЁ][\w-]+)")
# a Russian state nature reserve the gazetteer does not hold, named by its adjective: 'Бадхызский государственный
# природный заповедник', 'Амударьинского заповедника' -> 'Badkhyz State Nature Reserve', 'Amudarya State Nature Reserve'
RU_NAMED_RESERVE = re.compile(r"(?<![\w-])([А-ЯЁ][а-яё-]{2,}?)(?:ск|цк)(?:ий|ого|ому|им|ом)\s+(?:государственн[а-яё]+\s+)?"
                              r"(?:природн[а-яё]+\s+)?заповедник[а-яё]*")
AREA_KIND = {"Park": "national_park", "Reserve": "nature_reserve", "Glacier": "glacier", "River": "river"}
AREA_NOT_START = {"The", "A", "An", "Its", "This", "In", "On", "At", "Of", "And", "UNESCO", "Ministry"}


def find_places(sentence: str, ref: Reference, skip: list[tuple[int, int]], words=None) -> list[tuple[Place, int, int]]:
    words, folded = words or _folded(sentence)
    last_end = -1  # where the last place accepted ends: 'in Termez, Kokand and Margilan' is one list of cities

    def accept(key: str, place: Place, start: int, end: int) -> bool:
        nonlocal last_end
        if _accept(key, place, start, end):
            last_end = end
            return True
        return False

    def _accept(key: str, place: Place, start: int, end: int) -> bool:
        if any(s < end and start < e for s, e in skip):
            return False
        if ref.demonym_nouns.match(sentence[end:]):
            return False  # 'the Turan tigers', 'Bukhara deer': a kind of animal or craft, not the place
        if place.kind == "venue" and (PRESS_AFTER.match(sentence, end) or PRESS_BEFORE.search(sentence, max(0, start - 30), start)):
            return False  # 'the Akorda press service', 'пресс-служба Акорды': the office that reports, not where it happened
        if place.kind in NAMED_AFTER_KINDS and NAME_HEAD.match(sentence[end:]):
            return False  # 'the Khiva Process', 'Astana International Forum', 'Issyk-Kul Forum', 'Caspian Economic Forum': a name
        if place.kind == "city" and REGION_AFTER.match(sentence[end:]):
            return False  # 'Mary and Akhal velayats': regions, not the city
        if place.id.startswith("geonames-") and (not (GEONAMES_CUE.search(sentence, max(0, start - 24), start)
                                                      or (last_end >= 0 and LIST_NEXT.fullmatch(sentence, last_end, start))
                                                      or _country_after(sentence, end, ref))
                                                 or re.match(r"\s+[A-Z]", sentence[end:])):
            return False  # a GeoNames-only city needs a cue ('in Karakol'): 'Manas epic', 'Beruniy Prize' are not places
        return key not in ref.not_places or bool(STOP_PLACE_CONTEXT.search(sentence[:start]))

    def feature(key: str, i: int, size: int) -> Place | None:
        """'the Naryn and the Chui rivers', 'Lake Sarez', 'река Нарын': a name that is also a city, as a feature."""
        place = ref.feature_only.get(key)
        if place is None:
            return None
        after = folded[i + size : i + size + 6]
        before = folded[i - 1] if i else ""
        if before in ref.feature_words or any(w in ref.feature_words for w in after[:1]) or \
                (len(after) >= 3 and after[0] in ("and", "и") and any(w in ref.feature_words for w in after[1:5])):
            return place
        return None

    found = _lookup(sentence, words, folded, ref.places, ref.place_first_words, ref.place_max_words, accept, feature,
                    ref.lower_starts, ref.feature_only)
    if "(" in sentence:
        found = _without_components(sentence, found)
    if "Reserve" in sentence or "Park" in sentence or "Lake " in sentence or "lacier" in sentence or "iver" in sentence:
        found += _named_areas(sentence, found, skip, ref)
    if "аповедник" in sentence:
        found += _ru_named_reserves(sentence, found, skip, ref)
    if " office " in sentence or " Office in " in sentence or "бюро ЮНЕСКО" in sentence:
        found += _lower_offices(sentence, found, ref)
    return found


COMPONENTS_OPEN = re.compile(r"[»\"”’']?\s*\(")


def _without_components(sentence: str, found: list) -> list:
    """A World Heritage property followed by a bracket lists its components there ('Zarafshon-Karakum (monuments of
    ancient Panjakent, the fortress Hisorak, …)'): the cities and features in the bracket are not places of the release."""
    spans = []
    for place, _, end in found:
        if place.kind == "world_heritage_site" and (m := COMPONENTS_OPEN.match(sentence, end)):
            close = sentence.find(")", m.end())
            spans.append((m.end(), close if close >= 0 else len(sentence)))
    if not spans:
        return found
    return [(p, s, e) for p, s, e in found if p.kind == "world_heritage_site" or not any(a <= s < b for a, b in spans)]


def _ru_named_reserves(sentence: str, found: list, skip: list[tuple[int, int]], ref: Reference) -> list[tuple[Place, int, int]]:
    """RU_NAMED_RESERVE: the adjective's base transliterated ('Амударьин' from 'Амударья' is 'Amudarya'), unless the
    gazetteer already found a place over it (a reserve it holds, 'Репетекский заповедник') or a country names it."""
    out = []
    for m in RU_NAMED_RESERVE.finditer(sentence):
        if any(s < m.end() and m.start() < e for _, s, e in found) or any(s < m.end() and m.start() < e for s, e in skip):
            continue
        base = m.group(1)
        if key_words(fold(m.group(0).split()[0])) in ref.countries:
            continue  # 'Казахстанский заповедник': a country's adjective, not a name
        base = base[:-3] + "ья" if base.endswith("ьин") else base  # 'Амударьинский' -> 'Амударья'
        name = base.lower().translate(TRANSLIT).capitalize() + " State Nature Reserve"
        out.append((Place(name, "nature_reserve", None, None, None, "named-" + "-".join(fold(name).split())), m.start(), m.end()))
    return out


def _lower_offices(sentence: str, found: list, ref: Reference) -> list[tuple[Place, int, int]]:
    """A field office of places.csv written in lower case (LOWER_OFFICE), not already found under its name."""
    out = []
    for m in LOWER_OFFICE.finditer(sentence):
        word = m.group(1) or m.group(2) or m.group(3)
        city = ref.places.get(fold(word)) or (ref.places.get(key_words(fold(word))) if CYRILLIC.search(word) else None)
        office = ref.offices.get(city.name) if city is not None and city.kind == "city" else None
        if office is None and (country := ref.countries.get(key_words(fold(word)))):
            in_country = [o for o in ref.offices.values() if o.country == country]
            office = in_country[0] if len(in_country) == 1 else None
        if office is not None and not any(p is office or (s < m.end() and m.start() < e and p.kind == "field_office")
                                          for p, s, e in found + out):
            out.append((office, m.start(), m.end()))
    return out


def _named_areas(sentence: str, found: list, skip: list[tuple[int, int]], ref: Reference) -> list[tuple[Place, int, int]]:
    """Protected areas, glaciers, rivers and lakes named by their head word that no reference file holds (NAMED_AREA):
    'the Badhyz State Nature Reserve', 'the Adygine glacier', 'the Kafirnigan River', 'Lake Zorkul'."""
    out = []
    for m in NAMED_AREA.finditer(sentence):
        if m.group(3):
            name, kind, start = f"Lake {m.group(3)}", "lake", m.start()
        elif m.group(4):
            name, kind, start = f"{m.group(4)} River", "river", m.start(4)
        else:
            names = m.group(1).split()
            while names and names[0] in AREA_NOT_START:
                names.pop(0)
            if not names:
                continue
            head = " ".join(m.group(2).split())
            head = head[0].upper() + head[1:]
            name, kind = " ".join(names + [head]), AREA_KIND[head.rsplit(" ", 1)[-1]]
            start = m.end() - len(name) if sentence[m.end() - len(name):m.end()].lower() == name.lower() else m.start()
        first = key_words(fold(name.split()[0] if kind != "lake" else name.split()[-1]))
        if first in ref.countries or (kind in ("glacier", "river") and len(name.split()) > 3):
            continue  # 'the Kyrgyz glacier': an adjective, not a name
        if kind in ("glacier", "river") and first in ref.places and ref.places[first].kind == "city":
            continue  # 'the Almaty River' is rare; 'Almaty glacier research' names the city
        if any(s < m.end() and start < e for _, s, e in found) or any(s < m.end() and start < e for s, e in skip):
            continue  # a reserve, park or lake of the gazetteer, or part of a person's name
        out.append((Place(name, kind, None, None, None, "named-" + "-".join(fold(name).split())), start, m.end()))
    return out


# ------------------------------------------------------------------------------------------- themes


AGENDA_EN = (r"discuss\w*|talks? (?:on|about|focused on)|focus\w* on|projects? on|cooperation (?:in|on)|agreed|priorit\w*|"
             r"devoted to|dedicated to|about|exchanged views")
AGENDA_RU = r"обсуди\w*|обсужд\w*|договорил\w*|сотрудничеств\w* в|приоритет\w*|посвящ\w*|речь шла"
AGENDA = re.compile(first_letters(AGENDA_EN + "|" + AGENDA_RU) + r"(?:\b(?:" + by_first_letter(AGENDA_EN, any_case=True) + r")\b|"
                    r"(?<![\w-])(?:" + by_first_letter(AGENDA_RU, any_case=True) + r")(?![\w-]))", re.I)
AGENDA_LOWER = re.compile(AGENDA.pattern)  # the same cues, on lower-cased text (faster than re.I; the same answers)


THEME_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[а-яёқғңөұүһҳӣӯҷә]+")  # a hyphenated Russian word is its parts ('онлайн-образование')


THEME_POINTS, SHORT_POINTS, SHORT = 4, 2, 5
# points of a phrase: a phrase of several words ('water security', 'rapprochement of cultures') says more than one word
# ('water', 'culture'); a weak phrase ('lake', 'training') only supports a theme named otherwise
PHRASE_POINTS, WORD_POINTS, WEAK_POINTS = 3, 2, 1
SENTENCE_CAP = 4  # at most this much per theme from one sentence that is not about what was discussed or agreed
LIST_THEMES = 4  # a sentence naming this many themes is a list: each of its phrases counts as a weak one
# a theme word inside the name of an office, a ministry or an institution ('Assistant Director-General for Education',
# 'Ministry of Culture', 'Art and Culture Development Foundation', 'министр образования') is not what the release is about
_ORGANISATION_RU = "|".join(f"{c}{rest}" for word in ("министерств", "министр", "институт", "фонд", "университет", "агентств",
                                                    "академи", "союз", "комисси", "директор", "отдел", "сектор", "ассоциаци",
                                                    "федераци", "председател", "ректор", "дворец", "дворц", "департамент", "колледж",
                                                    "факультет", "секретар")
                            for rest in [word[1:]] for c in (word[0].upper(), word[0]))
ORGANISATION_HEAD = re.compile(  # the words grouped by first letter (by_first_letter): the same matches, a faster scan
    r"\b(?:" + by_first_letter("Ministry|Ministers|Minister|Institute|Foundation|University|Office|Directors-General|"
                               "Director-General|Director|Department|Agency|Commission|Fund|College|Faculty|Archives|Library|"
                               "Academy|Union|Division|Section|Sector|Unit|Society|Association|Federation|Chairman|"
                               "Chairwoman|Chairperson|Rector|Secretary|Palace|House") +
    r"|Cent(?:re|er)(?<!istoric Centre)(?<!istoric Center)(?<!istorical Centre)(?<!istorical Center))\b|"  # a centre, not
    # the Historic Centre of Bukhara (a property)
    r"(?<![\w-])(?:" + by_first_letter(_ORGANISATION_RU + "|Обществ") + r"|Дом(?=\w{0,2}\s)|[Цц]ентр(?!ал)|"
    r"Национальн\w+\s+(?:архив|библиотек))\w*")
# a unit of an organisation written in lower case after its owner ('UNESCO's section on hydrological systems', 'the
# Organization's division for ...'): its name, like a capitalised one
LOWER_UNIT = re.compile(r"\b(?:UNESCO|[Oo]rgani[sz]ation|[Mm]inistry|[Uu]niversity|[Oo]ffice|[Cc]entre|[Ii]nstitute)['’]s\s+"
                        r"(?:division|section|department|unit|sector|office|bureau|laboratory)\s+(?:of|on|for)\s+[\w'’-]+"
                        r"(?:\s+(?:and\s+)?(?!(?:in|at|on|with|and|which|who|also|was|were|is|are|to)\b)[\w'’-]+){0,2}")
ORGANISATION_RIGHT = re.compile(r"(?:\s+(?:(?:of|for|and|the|on|in)\s+)*[A-Z][\w'’-]*)*")
# the words after a Russian head are its name until a verb ('Университет был основан ...', 'Центр изучает ледники' name
# no institution)
ORGANISATION_RIGHT_RU = re.compile(r"(?:\s+(?!(?:и|в|на|по|с|о|был\w*|будет|стал\w*|является)(?![\w-]))"
                                   r"(?![а-яё]+(?:ал|ил|ел|ла|ло|ли|лся|лась|лись|ан|ана|ано|аны|ен|ена|ено|ены|[аяуе]ет|[аяуе]ют|[аяуе]ется|[аяуе]ются)(?![\w-]))[а-яё]+){1,3}"
                                   r"(?:\s+и\s+[а-яё]+)?")
# the ministers of several ministries in one list ('the Ministers of Education and Science, Culture and Information,
# Sport and Physical Culture'): every ministry's name, past the commas
MINISTERS_MORE = re.compile(r"(?:,\s+(?:and\s+)?[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|the|on|in)\s+)*[A-Z][\w'’-]*)*)*")
CONNECTOR_WORDS = {"of", "for", "and", "the", "on"}


def _run_back(words: list[str]) -> tuple[int, bool]:
    """How many of the last words are a capitalised name (connectors inside it), and whether a word that is neither
    ended it before the first word."""
    taken = 0
    for k in range(len(words) - 1, -1, -1):
        word = words[k]
        if word[:1].isupper() and word[-1:] not in ",;:":
            taken = len(words) - k
        elif word not in CONNECTOR_WORDS:
            return taken, True
    return taken, False


# a centre or institute that is itself the subject ('a ceremony to establish the Regional Glaciological Centre', 'discussed
# the activities of the International Centre for ...'): its field is what the release is about, so its name is no
# institution's name to pass over
CENTRE_AS_SUBJECT = re.compile(r"\b(?:establish(?:es|ed|ing)?|establishment\s+of|creation\s+of|opening\s+of|launch(?:es|ed|ing)?"
                               r"(?:\s+of)?|activities\s+of|work\s+of)\s+(?:(?:the|a|an|new)\s+)*$")


def _organisation_names(text: str) -> list[tuple[int, int]]:
    """Spans of names of offices, ministries and institutions: 'Deputy Minister of Culture', 'UNESCO Institute for
    Lifelong Learning', 'Art and Culture Development Foundation', 'министр образования и науки'; not a centre or an
    institute being established or whose activities are discussed (CENTRE_AS_SUBJECT)."""
    out = []
    for m in ORGANISATION_HEAD.finditer(text):
        start, end = m.start(), m.end()
        if m.group(0)[0] < "А":  # English: capitalised words (and connectors between them) on both sides
            # the words before the head: those of a window (its first word may be cut, so it is left out), all when needed
            words = text[start - 160:start].split(" ")[1:-1] if start > 160 else text[:start].split(" ")[:-1]
            taken, stopped = _run_back(words)
            if not stopped and start > 160:  # the name runs back beyond the window: read the whole prefix
                words = text[:start].split(" ")[:-1]
                taken, _ = _run_back(words)
            start -= sum(len(w) + 1 for w in words[len(words) - taken:]) if taken else 0
            end = ORGANISATION_RIGHT.match(text, end).end()
            if m.group(0) == "Ministers" and text.startswith(" of ", m.end()):
                end = MINISTERS_MORE.match(text, end).end()
            if m.group(0)[:4] in ("Cent", "Inst") and CENTRE_AS_SUBJECT.search(text, max(0, start - 40), start):
                continue
        else:
            end = ORGANISATION_RIGHT_RU.match(text, end).end() if ORGANISATION_RIGHT_RU.match(text, end) else end
        if end - start > len(m.group(0)):
            out.append((start, end))
    return out


ORGANISATION_HINT = re.compile(by_first_letter(r"Minist|Institut|Foundation|Universit|Office|Department|Director|Agency|Commission|Fund|College|"
                               r"Faculty|Archives|Library|Academy|Union|Division|Section|Sector|Unit|Society|Association|Federation|инистр|нститут|онд|"
                               r"ниверситет|гентств|омисси|иректор|Национальн|кадеми|оюз|тдел|ектор|ссоциаци|едераци|Обществ|Chair|Rector|"
                               r"Secretary|Palace|House|Centre|Center|редседател|Дворец|Дворц|дворец|дворц|Дом|епартамент|олледж|акультет|"
                               r"екретар") +
                               r"|ентр(?!ал)")  # a centre, not 'Центральная Азия'
COORDINATED = re.compile(r"(?<![\w-])(?:for|для)\s+(?:[\w'’-]+(?:\s+[\w'’-]+){0,2},\s+){1,6}[\w'’-]+(?:\s+[\w'’-]+){0,2},?\s+(?:and|и)\s+[\w'’-]+"
                         r"(?:\s+[\w'’-]+){0,2}")
# a designation whose definition names the theme: 'biosphere reserves reconcile conservation with sustainable development',
# 'Биосферные резерваты призваны сочетать ... с устойчивым развитием' describes what a reserve or geopark is, in passing
DEFINED_BY = {"sustainable_development": ("biosphere reserve", "биосферн", "geopark", "геопарк")}
# where the people taking part came from ('About 40 specialists from the Ministry of Culture, the State Library and several
# universities took part'): who they are, not what the release is about
CAME_FROM = re.compile(r"\b(?:specialists|experts|representatives|participants|staff|officials|delegates|people|professionals)\s+"
                       r"(?:[a-z]+\s+){0,2}from\s+([^.;:]{3,240}?)(?=\s+(?:took part|attended|participated|joined|were|came|gathered|"
                       r"met|discussed|learned|shared)\b|[.;:]|$)|(?<![\w-])(?:специалист|эксперт|представител|участник|сотрудник)\w*\s+"
                       r"из\s+([^.;:]{3,240}?)(?=\s+(?:приняли|приняло|участвовали|собрались|обсудили)(?![\w-])|[.;:]|$)")
# the topic in the name of an event ('the Organization of Islamic Cooperation Summit on Science and Technology', 'World
# Conference on Early Childhood Care and Education'): the event's name, not what the release is about
EVENT_NAME_HINT = re.compile(r"(?:Summit|Conference|Forum|Congress|Symposium|Festival) (?:on|of|for) ")
EVENT_NAME = re.compile(r"\b(?:Summit|Conference|Forum|Congress|Symposium|Festival)\s+(?:on|of|for)\s+((?:the\s+)?[A-Z][\w'’-]*"
                        r"(?:\s+(?:(?:of|for|the|on|and|in)\s+)*[A-Z][\w'’-]*)*)")
QUOTE = re.compile(r"[«“\"][^»”\"]{3,200}[»”\"]")
# in passing: the event on whose sidelines something happened ('signed on the sidelines of a forum on sustainable
# development', 'на полях конференции по водным ресурсам'), and what UNESCO is or does in general ('UNESCO works for peace
# and sustainable development', "the Organization's mandate covers ...", 'ЮНЕСКО призвана ...'): neither says what this
# release is about, so a phrase inside counts as a weak one
IN_PASSING_HINT = re.compile(by_first_letter(r"sidelines|margins|на полях|seeks|works|aims|strives|contributes|mission|mandate|goal|purpose|"
                             r"призвана|стремится"))
IN_PASSING = re.compile(r"\b(?:on|at|in) the (?:sidelines|margins) of\s+[^.;:]{3,160}|(?<![\w-])на полях\s+[^.;:]{3,160}|"
                        r"\b(?:UNESCO|the Organi[sz]ation)(?:['’]s\s+(?:mission|mandate|goal|aim|purpose)\s+(?:is|covers|includes|"
                        r"spans)|\s+(?:works|seeks|aims|strives)\s+(?:for|to|towards)|\s+contributes\s+to)\b[^.;:]{3,200}|"
                        r"(?<![\w-])(?:ЮНЕСКО|Организация)\s+(?:стремится|призвана)(?![\w-])"
                        r"[^.;:]{3,200}")
FIELD_THEMES = {"education", "science_technology", "culture_heritage", "communication_information"}
MEANS_OF_TEACHING = {"education", "communication_information"}  # a sentence's strong themes when `education_means` applies
# UNESCO described by its field ('the UN's cultural agency', 'the UN culture body', 'the UN agency for culture',
# 'культурная организация ООН', 'агентство ООН по культуре'): what UNESCO is, not what the release is about
AGENCY_DESCRIPTION = re.compile(
    r"\b(?:UN|U\.N\.|United\s+Nations)(?:['’]s)?\s+(?:[a-z][\w-]*\s+){1,3}?(?:agency|organi[sz]ation|body|arm)\b|"
    r"\b(?:UN|U\.N\.|United\s+Nations)(?:['’]s)?\s+(?:agency|organi[sz]ation|body)\s+(?:for|of|in\s+charge\s+of|"
    r"responsible\s+for)\s+(?:the\s+)?[a-z][\w-]*(?:\s+(?:and\s+)?[a-z][\w-]*){0,2}")
AGENCY_DESCRIPTION_RU = re.compile(
    r"(?<![\w-])[а-яё]+(?:ая|ое|ого|ой|ую|ым)\s+(?:агентств|организаци|учреждени)[а-яё]*\s+ООН(?![\w-])|"
    r"(?<![\w-])(?:[Аа]гентств|[Оо]рганизаци|[Уу]чреждени)[а-яё]*\s+ООН\s+по\s+(?:вопросам\s+)?[а-яё]+(?:\s+и\s+[а-яё]+)?")


# the World Heritage Convention's own pair ('cultural and natural heritage sites', 'объекты культурного и природного
# наследия'): both halves of the register, not a release about nature; its 'natural' counts as a weak phrase
# ('cultural, tangible, intangible and natural heritage', 'культурного материального, нематериального и природного наследия')
BOTH_HERITAGES = re.compile(r"\bcultural(?:,?\s+[a-z-]+){0,3}?,?\s+and\s+(natural)\s+heritage|"
                            r"(?<![\w-])культурн[а-яё]*(?:,?\s+[а-яё-]+){0,3}?,?\s+и\s+(природн[а-яё]*)\s+наследи")


def _theme_words(text: str) -> list[str]:
    """The words of a text as theme phrases compare them: lower case, a Russian word by its `theme_stem`."""
    lowered = text.lower()
    words = THEME_WORD.findall(lowered)
    if lowered.isascii():
        return words
    return [theme_stem(w) if w[0] >= "а" else w.replace("’", "'") for w in words]


def _one_per_words(kept: list[tuple[int, str, int, str]]) -> list[tuple[int, str, int, str]]:
    """Two phrases of one theme over the same words count once ('World Heritage List': 'world heritage' and 'heritage
    list'; 'памятных дат' written in two forms): the longer one, then the first one, is kept."""
    out: list[tuple[int, str, int, str]] = []
    taken: dict[str, set[int]] = {}
    for i, theme, points, phrase in sorted(kept, key=lambda k: (-k[3].count(" "), -k[2], k[0])):
        positions = set(range(i, i + phrase.count(" ") + 1))
        seen = taken.setdefault(theme, set())
        if positions & seen:
            continue
        seen |= positions
        out.append((i, theme, points, phrase))
    return out


def _numbered_goals(text: str, lowered: str, words: list[str], found: list, ref: Reference) -> list:
    """A Sustainable Development Goal named by its number ('SDG 4', 'the fourth Sustainable Development Goal', 'ЦУР 6')
    is the goal's own field: the sustainable development phrases inside its name do not count, and the name counts as a
    phrase of the goal's theme (gazetteer `numbered_goals`; none for a goal not listed there, which keeps its phrases)."""
    spans = []
    for m in ref.numbered_goal.finditer(text):
        number = next((int(g) for g in m.groups()[:3] if g), None)
        if number is None:
            ordinal = next(g for g in m.groups()[3:] if g).lower().replace("ё", "е")
            number = ref.goal_ordinals.get(ordinal) or next((n for w, n in ref.goal_ordinals.items() if ordinal.startswith(w)), None)
        theme = ref.goal_themes.get(number)
        if theme is not None:
            spans.append((m.start(), m.end(), theme))
    if not spans:
        return found
    positions = [m.start() for m in THEME_WORD.finditer(lowered)]
    kept = [k for k in found if not (k[1] == "sustainable_development" and any(a <= positions[k[0]] < b for a, b, _ in spans))]
    for a, b, theme in spans:
        inside = [i for i, p in enumerate(positions) if a <= p < b]
        if inside:
            kept.append((inside[0], theme, 2, " ".join(words[inside[0]:inside[-1] + 1])))
    return kept


def _sentence_themes(s: Sentence, ref: Reference, register: frozenset = frozenset()) -> tuple[int, set[tuple[str, int, str]]]:
    """(agenda factor, {(theme, points, phrase)}) of one sentence: points as PHRASE_POINTS, WORD_POINTS, WEAK_POINTS; a
    phrase inside a longer one ('development' in 'sustainable development') does not count again; a phrase inside a
    quoted name (the Decade «Вода для устойчивого развития») and every phrase of a list sentence count as weak ones; a
    phrase inside the stock formula of UNESCO's fields ('the UN agency for education, science and culture') does not
    count at all; `register`: culture phrases that only name the heritage register in a release about a natural
    property (weak ones)."""
    lowered = s.text.lower()
    words = _theme_words(lowered)
    found = list(ref.themes.matches(words))
    if not found:
        return 1, set()
    if ref.numbered_goal is not None and ("sdg" in lowered or "цур" in lowered or "development goal" in lowered or
                                          ("устойчив" in lowered and "цел" in lowered)):
        found = _numbered_goals(s.text, lowered, words, found, ref)
    agenda = 2 if AGENDA_LOWER.search(lowered) else 1
    covered = {(i + k) for i, _, _, ph in found if " " in ph for k in range(ph.count(" ") + 1)}
    quoted = [(q.start(), q.end()) for q in QUOTE.finditer(s.text)] if ("«" in s.text or "“" in s.text or '"' in s.text) else []
    if ORGANISATION_HINT.search(s.text):
        quoted += _organisation_names(s.text)
    if "'s " in s.text or "’s " in s.text:
        quoted += [m.span() for m in LOWER_UNIT.finditer(s.text)]
    if "UN " in s.text or "UN'" in s.text or "UN’" in s.text or "U.N." in s.text or "United Nations" in s.text:
        quoted += [m.span() for m in AGENCY_DESCRIPTION.finditer(s.text)]
    if "ООН" in s.text:
        quoted += [m.span() for m in AGENCY_DESCRIPTION_RU.finditer(s.text)]
    if EVENT_NAME_HINT.search(s.text):
        quoted += [(m.start(1), m.end(1)) for m in EVENT_NAME.finditer(s.text)]
    if IN_PASSING_HINT.search(s.text):
        quoted += [m.span() for m in IN_PASSING.finditer(s.text)]
    if "and natural" in lowered or "и природн" in lowered:
        quoted += [m.span(1) if m.group(1) else m.span(2) for m in BOTH_HERITAGES.finditer(lowered)]
    if " from " in s.text or " из " in s.text:
        quoted += [m.span(1) if m.group(1) else m.span(2) for m in CAME_FROM.finditer(s.text)]
    kept = [(i, t, p, ph) for i, t, p, ph in found if " " in ph or i not in covered]
    if ref.field_formula is not None and "," in s.text and len({k[1] for k in kept} & FIELD_THEMES) >= 2:
        formula = [m.span() for m in ref.field_formula.finditer(s.text)]
        if formula:  # the stock formula of UNESCO's fields names them, it says nothing about any of them
            positions = [m.start() for m in THEME_WORD.finditer(lowered)]
            kept = [k for k in kept if not any(a <= positions[k[0]] < b for a, b in formula)]
            if not kept:
                return 1, set()
    if ref.institutions is not None and len({k[1] for k in kept}) >= 2 and \
            sum(1 for w in ref.institution_hints if w in lowered) >= 2:
        lists = [m.span() for m in ref.institutions.finditer(s.text)]
        if lists:  # institutions of two fields or more named together: where or who, not what
            positions = [m.start() for m in THEME_WORD.finditer(lowered)]
            for a, b in lists:
                if len({k[1] for k in kept if a <= positions[k[0]] < b}) >= 2:
                    quoted.append((a, b))
    if len(kept) > 1:
        multi = [k[1] for k in kept if " " in k[3]]
        if len(multi) > 1 and len(set(multi)) < len(multi):  # two phrases of several words of one theme
            kept = _one_per_words(kept)
    strong = {t for _, t, p, _ in kept if p == 2}
    listed = len(strong) >= LIST_THEMES
    starts = [m.start() for m in THEME_WORD.finditer(lowered)] if quoted or (agenda == 1 and len(strong) >= 2 and "," in s.text) \
        else []
    if agenda == 1 and len(strong) >= 2 and not listed and "," in s.text and ("for " in s.text or "для " in s.text):
        # 'the importance of UNESCO for peace, security and sustainable development': what something matters for, a list
        # of three or more items in passing with two themes or more in it, each of its phrases a weak one (a list of what
        # was discussed, or of the fields of the cooperation, still counts)
        for m in COORDINATED.finditer(s.text):
            if len({t for i, t, p, _ in kept if p == 2 and m.start() <= starts[i] < m.end()}) >= 2:
                quoted.append((m.start(), m.end()))
    means: set[str] = set()
    if strong == MEANS_OF_TEACHING and ref.education_means:
        # 'train lecturers to use digital tools in higher education', 'digitalisation and the financing of education':
        # the communication words of a sentence about education alone are the means of teaching, not a field of their own
        ci = [k[3] for k in kept if k[1] == "communication_information" and k[2] == 2]
        if all(phrase.startswith(ref.education_means) for phrase in ci):
            means = set(ci)
    out = set()
    defined = {theme for theme, words in DEFINED_BY.items() if theme in strong and any(w in lowered for w in words)}
    for i, theme, points, phrase in kept:
        inside = bool(quoted) and any(a <= starts[i] < b for a, b in quoted)
        if points == 2 and not listed and not inside and theme not in defined and phrase not in means and not (register and theme == "culture_heritage"
                                                                                     and phrase in register):
            points = PHRASE_POINTS if " " in phrase else WORD_POINTS
        else:
            points = WEAK_POINTS if points == 2 else points
        out.add((theme, points, phrase))
    return agenda, out


def find_themes(sents: list[Sentence], ref: Reference, title: str = "", threshold: int | None = None,
                cache: dict | None = None, register: frozenset = frozenset()) -> dict[str, list[Sentence]]:
    """A theme needs 4 points (THEME_POINTS; 2 in a release of at most SHORT sentences, where a topic is named once):
    a phrase of several words counts 3, a single word 2, a weak phrase 1 (so does any phrase of a list sentence or of a
    quoted name); a phrase in a sentence saying what the parties discussed or agreed on counts double (that is what
    the cooperation was about), as does a phrase that the title repeats. One sentence gives a theme at most
    SENTENCE_CAP points unless it says what was discussed. A theme needs at least one phrase that is not weak. `cache`
    keeps each sentence's phrases for the next call on the same document."""
    scores: dict[str, int] = {}
    evidence: dict[str, list[Sentence]] = {}
    in_title = {t for _, t, p, _ in ref.themes.matches(_theme_words(title)) if p == 2} if title else set()
    cache = {} if cache is None else cache
    for s in sents:
        if s.index not in cache:
            agenda, found = _sentence_themes(s, ref, register)
            totals: dict[str, list[int]] = {}  # theme -> [strong points, weak points] of the sentence
            for theme, points, _phrase in found:
                totals.setdefault(theme, [0, 0])[0 if points > WEAK_POINTS else 1] += points
            cache[s.index] = (agenda, totals)
        agenda, totals = cache[s.index]
        for theme, (strong, weak) in totals.items():
            points = strong * agenda * (2 if theme in in_title else 1) + weak
            scores[theme] = scores.get(theme, 0) + (points if agenda > 1 else min(points, SENTENCE_CAP))
            if strong and s not in evidence.setdefault(theme, []):
                evidence[theme].append(s)
    needed = threshold or (SHORT_POINTS if len(sents) <= SHORT else THEME_POINTS)
    chosen = {t for t, score in scores.items() if score >= needed and t in evidence}
    return {t: evidence[t][:3] for t in sorted(chosen, key=lambda t: (-scores[t], t))}  # ties by id: the same order every run


# ------------------------------------------------------------------------------------------- people in context


# what may stand between an office and the name it belongs to: 'Minister of Culture, Mr ...', '... (the Minister)'
OFFICE_BEFORE_NAME = re.compile(r"[\s,]*(?:(?:of|of the)\s+[\w\s'’]+?,?\s*)?(?:(?:Mr|Mrs|Ms|Dr|H\.E\.|Prof\.?)\.?\s*)?")
OFFICE_AFTER_NAME = re.compile(r"[\s,(]*(?:the\s+)?")
THE_MINISTER = re.compile(r"\b[Tt]he Minister\b(?!\s+of)")  # the minister named last


class _People:
    """Names and offices in each sentence, with the role each person holds, resolved in document order."""

    def __init__(self, ref: Reference, finder: PeopleFinder, focus: str | None):
        self.ref, self.finder, self.focus = ref, finder, focus
        self.last_minister: Mention | None = None

    def in_sentence(self, s: Sentence, day: dt.date | None, country_spans: list[tuple[str, int, int]]) -> list[Mention]:
        text = s.text
        names = self.finder.names(text, day)
        offices = self.finder.offices(text)
        used: set[int] = set()
        for m in names:
            for k, (role, start, end) in enumerate(offices):
                before = 0 <= m.start - end <= 40 and OFFICE_BEFORE_NAME.fullmatch(text[end : m.start])
                after = 0 <= start - m.end <= 6 and OFFICE_AFTER_NAME.fullmatch(text[m.end : start])
                if before or after:
                    m.role = role
                    used.add(k)
                    m.country = self._country_near(text, start, end, country_spans) if role != "Director-General" else None
                    break
            self._complete(m, day)
        mentions = list(names)
        for k, (role, start, end) in enumerate(offices):
            if k in used or any(n.start <= start < n.end for n in names):
                continue
            country = None if role == "Director-General" else self._country_near(text, start, end, country_spans) or self.focus
            holders = self.ref.holders(role, day, country if role != "Director-General" else None)
            if role == "Director-General":
                holders = [p for p in holders if any(r.organisation == "UNESCO" for r in p.roles)]
            if len(holders) == 1:
                mention = Mention(holders[0], holders[0].name, start, end, role=role, by_role=True)
                self._complete(mention, day)
                mentions.append(mention)
        for match in THE_MINISTER.finditer(text) if "he Minister" in text else ():
            if self.last_minister and not any(m.start <= match.start() < m.end for m in mentions):
                previous = self.last_minister
                mentions.append(Mention(previous.person, previous.name, match.start(), match.end(), previous.role,
                                        previous.organisation, previous.country, previous.confirmed, by_role=True))
        for m in mentions:
            if m.role and "minister" in m.role.lower():
                self.last_minister = m
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _country_near(self, text: str, start: int, end: int, spans: list[tuple[str, int, int]]) -> str | None:
        for iso3, s, e in spans:
            if 0 <= start - e <= 3 and iso3 in FOCUS_ISO3:  # 'Kazakh President', "Kazakhstan's Foreign Minister"
                return iso3
            if 0 <= s - end <= 8 and re.match(r"\s+of\s+(?:the\s+)?", text[end:s] + " "):  # 'President of Uzbekistan'
                return iso3
        return None

    def _complete(self, m: Mention, day: dt.date | None) -> None:
        if m.person is None:
            return
        held = m.person.role_on(day)
        if held is None:
            return
        if m.role is None or m.role.lower() == held.role.lower():
            m.role = held.role
        m.organisation = m.organisation or ("UNESCO" if (held.organisation or "").upper().startswith("UNESCO") else held.organisation)
        if m.country is None and held.country:
            m.country = held.country
        if m.organisation == "UNESCO":
            m.country = None


# ------------------------------------------------------------------------------------------- the document


def extract(document: Document, ref: Reference) -> Extraction:
    result = Extraction(document)
    published = document.published_date
    sents = sentences(document.text)
    result.sentences = sents
    per_sentence = []
    country_counts: Counter = Counter()
    for s in sents:
        words = _folded(s.text)
        countries = find_countries(s.text, ref, words)
        dates = find_dates(s.text, published)
        if s.index <= 1 and dates and dates[0].precision == "day" and DIGIT.search(s.text, dates[0].start, dates[0].end) and \
                DATELINE_BEFORE.match(s.text[: dates[0].start]):
            dates[0] = Found(dates[0].date[:7], "month", dates[0].start, dates[0].end)  # a dateline's day: the month
        if countries:
            country_counts.update(c for c, _, _ in countries)
        per_sentence.append((countries, dates, words))
    title_countries = [c for c, _, _ in find_countries(document.title, ref)]
    country_counts.update(title_countries * 2)
    focus = next((c for c, _ in country_counts.most_common() if c in FOCUS_ISO3), None)

    people = _People(ref, _finder(ref), focus)
    candidates: list[Meeting] = []
    seen_places: dict[str, tuple[Place, Sentence]] = {}
    last_day: Found | None = None  # the last day-precise date stated so far: 'later that day' refers to it
    last_date: Found | None = None
    visit_date: Found | None = None  # the date of the last sentence that spoke of a visit: 'during the visit' refers to it
    date_sentence = visit_sentence = None  # the sentence (text, places) that gave last_date, and the visit's sentence
    last_named: list[Mention] = []  # people named in the previous sentences, most recent last: 'he' refers to them
    subjects: list[Mention] = []  # the first person named in the last sentence that named someone
    subject_index = -1  # that sentence's index
    delegation: list[Mention] = []  # the head (or the members) of the delegation the release spoke of ('a delegation led by X')
    lonely: list[Mention] = []  # the one person of the previous sentence's meeting verb, when no meeting came of it
    previous_heritage: list[str] = []  # World Heritage properties of the previous sentence: 'it', 'the monument' refer to them
    heritage_list = None  # the list the release last spoke of ('wh' or 'ich'): 'was inscribed in 2005' refers to it
    lowered = document.text.lower()
    context = {"anniversaries": any(phrase in lowered for phrase in ref.anniversary_lists), "last_body": {},
               "tentative": "tentative list" in lowered or "предварительн" in lowered,
               "intangible": "нематериальн" in lowered,  # a Russian release about intangible heritage
               "world_heritage": "world heritage" in lowered or "всемирного наследия" in lowered}
    paragraphs = lowered.split("\n\n")
    for s, (countries, dates, words) in zip(sents, per_sentence):
        day_dates = [d for d in dates if d.precision == "day"]
        day = dt.date.fromisoformat(day_dates[0].date) if day_dates else published
        mentions = people.in_sentence(s, day, countries)
        person_spans = [(m.start, m.end) for m in mentions if not m.by_role]
        places = find_places(s.text, ref, person_spans, words)
        for place, start, end in places:
            seen_places.setdefault(place.name, (place, s))
            if place.kind == "field_office":  # 'UNESCO Tehran Cluster Office', 'UNESCO Office in Tashkent': the city too
                for word in re.findall(r"[A-ZА-ЯЁ][\w-]+", s.text[start:end]):  # 'Бюро ЮНЕСКО в Алматы' too
                    city = ref.places.get(fold(word)) or (ref.places.get(key_words(fold(word))) if CYRILLIC.search(word) else None)
                    if city is not None and city.kind == "city":
                        seen_places.setdefault(city.name, (city, s))
        heritage_list = _heritage_list(s.text) or heritage_list
        heritage = [p.name for p, _, _ in places if p.kind == "world_heritage_site"]
        if not heritage and previous_heritage and "inscri" in s.text and HERITAGE_ANAPHOR.search(s.text):
            heritage = previous_heritage  # 'The Timurid monument became ... when it was inscribed in 2003'
        previous_heritage = [p.name for p, _, _ in places if p.kind == "world_heritage_site"]
        context["places"] = places
        context["paragraph"] = paragraphs[s.paragraph]
        result.partnerships += find_partnerships(s.text, s.index, dates, ref, heritage, heritage_list, countries, focus, words,
                                                 context)
        russian = CYRILLIC.search(s.text) is not None
        if russian:
            trigger = RU_MEETING.search(s.text)
        else:  # the English verbs are all lower case: a case-sensitive scan of the lowered text is 2-3x faster than re.I
            low = s.text.lower()
            trigger = MEETING_LOWER.search(low) if len(low) == len(s.text) else MEETING.search(s.text)
        carried: list[Mention] = []
        if not trigger and lonely:  # the previous sentence's meeting verb had one person: this sentence may give the other
            side = OTHER_SIDE.search(s.text)  # 'The Turkmen side was represented by Y'
            keys = {_key(m) for m in mentions if not m.by_role}  # 'X received the Director of ...' + 'X and Y reviewed ...'
            if side or (_key(lonely[0]) in keys and len(keys) >= 2):
                carried, trigger = lonely, side or EMPTY.match(s.text)
        if candidates and candidates[-1].evidence.index == s.index - 1 and (JOIN_LIST.search(s.text) or (
                ("lso " in s.text or "акже" in s.text) and ALSO_PRESENT.search(s.text)
                and not ANOTHER_ENCOUNTER.search(s.text))):  # 'X also took part', 'приняли участие также X и Y'
            known = candidates[-1].keys()
            candidates[-1].participants += [m for m in _unique(mentions) if not m.by_role and _key(m) not in known]
            trigger = None  # more people of the last meeting, not another meeting
        previous_lonely, lonely = lonely, []
        if trigger:
            # someone whose greetings, message or invitation is passed on is not at the meeting
            participants = [m for m in _unique(mentions) if not ABSENT.search(s.text[max(0, m.start - 60) : m.start])]
            if carried and participants:
                participants = carried + [m for m in participants if _key(m) not in {_key(c) for c in carried}]
            elif len(participants) == 1:
                lonely = participants
            if participants and PRONOUN_SUBJECT.search(s.text[: trigger.end()]):
                keys = {_key(m) for m in participants}
                # 'he', 'she': the first person named in the last sentence that named someone (its subject), else the latest
                other = next((m for m in subjects if _key(m) not in keys), None) or \
                    next((m for m in reversed(last_named) if _key(m) not in keys), None)
                if other is not None and (len(participants) == 1 or re.match(r"\s*(?:[Hh]is|[Hh]er)\b", s.text)):
                    participants.insert(0, other)
            if participants and delegation and DELEGATION_SUBJECT.search(s.text):
                keys = {_key(m) for m in participants}
                participants[:0] = [m for m in delegation if _key(m) not in keys]
            if len(participants) == 1 and candidates and s.index - candidates[-1].evidence.index <= 3 and \
                    SUBJECTLESS.search(s.text) and _key(candidates[-1].participants[0]) != _key(participants[0]) and \
                    not PRONOUN_SUBJECT.search(s.text[: trigger.end()]):
                # 'Talks with X followed.', 'The programme of the visit includes talks with X': the visitor again
                participants.insert(0, candidates[-1].participants[0])
            elif len(participants) == 1 and subjects and subject_index == s.index - 1 and SUBJECTLESS.search(s.text) and \
                    _key(subjects[0]) != _key(participants[0]) and not PRONOUN_SUBJECT.search(s.text[: trigger.end()]):
                # 'X held a series of bilateral meetings ...' + 'During the meeting with Y ...': X is the one who met Y
                participants.insert(0, (previous_lonely or subjects)[0])
            if len(participants) == 1 and candidates and JOINED.search(s.text):
                known = candidates[-1].keys()  # 'Also present at the meeting was X': a participant of the last meeting
                if _key(participants[0]) not in known:
                    candidates[-1].participants.append(participants[0])
            if len(participants) >= 2:
                # a later date inside a relative clause after the encounter is another event's
                own = [d for d in dates if not (published and d.date > published.isoformat()[: len(d.date)] and
                                                RELATIVE_CLAUSE.search(s.text, trigger.end(), d.start))]
                own_days = [d for d in own if d.precision == "day"]
                month_dates = [d for d in own if d.precision == "month"]
                date = own_days[0] if own_days else month_dates[0] if month_dates else None
                source = "stated" if date is not None else None
                previous_meeting = candidates[-1].date if candidates else None
                if date is None and SAME_DAY.search(s.text):
                    date, source = previous_meeting or last_day, "same day"
                elif date is None and THAT_VISIT.search(s.text):
                    date, source = visit_date or last_date, "visit"  # a meeting within a visit: the stay's month
                elif date is None and NEXT_DAY.search(s.text) and (previous_meeting or last_day):
                    base = previous_meeting or last_day
                    if base.precision == "day":
                        date = Found((dt.date.fromisoformat(base.date) + dt.timedelta(days=1)).isoformat(), "day", 0, 0)
                        source = "next day"
                if date is None and last_date is not None and last_date.precision in ("day", "month"):
                    date, source = last_date, "earlier sentence"  # 'In his talks with ...' after 'a visit from 7 to 10 September'
                elif date is None and published is not None and tense(s.text) != "future":
                    date, source = Found(published.isoformat()[:7], "month", 0, 0), "publication"  # no date: the month published
                location = _venue(s.text, ref, places) or _city_near(s.text, places, trigger.start())
                if location is None and source in ("earlier sentence", "visit") and not ONLINE.search(s.text):
                    # 'В работе конференции приняли участие X и Y' after 'Вчера в штаб-квартире ЮНЕСКО в Париже прошла
                    # конференция': where the sentence that gave the date says it happened
                    location = _where(visit_sentence if source == "visit" and date is visit_date else date_sentence, ref)
                strong = bool(STRONG_MEETING.search(s.text))
                candidates.append(Meeting(date, location, participants, s, bool(ANOTHER_ENCOUNTER.search(s.text)),
                                          date_source=source, strong=strong))
        if day_dates:
            last_day = day_dates[-1]
        if dates:
            last_date = next((d for d in reversed(dates) if d.end_year is None), last_date)
            date_sentence = (s.text, places)  # where it happened, for a meeting it dates that names no place (_where)
            # 'during the visit' later: the stay of a visit ('visited ... from 8 to 10 October', 'с визитом 4-5 мая')
            stay = next((d for d in dates if d.precision == "month" and STAY.search(s.text, d.start, d.end)), None)
            if stay is not None and VISIT_WORD.search(s.text):
                visit_date, visit_sentence = stay, date_sentence
        named = [m for m in mentions if not m.by_role]
        if named and ("elegation" in s.text or "елегаци" in s.text):
            led, members = HEADED_BY.search(s.text), DELEGATION_MEMBERS.search(s.text)
            if members:
                delegation = [m for m in named if m.start >= members.end()] or delegation
            elif led:
                delegation = [m for m in named if m.start >= led.end()][:1] or delegation
        if named:
            last_named = (last_named + named)[-6:]
            subjects, subject_index = named[:1], s.index
    result.meetings = _merge(candidates)
    for p in result.partnerships:  # reserves named in a list ('the Issyk-Kul and Sary-Chelek biosphere reserves') are places too
        place = ref.places.get(fold(p.name)) if p.kind == "biosphere_reserve" else None
        if place is not None:
            seen_places.setdefault(place.name, (place, sents[p.sentence_index]))
    reserves = {(fold(p.name), p.sentence_index) for p in result.partnerships if p.kind == "biosphere_reserve"}
    for name, (place, s) in list(seen_places.items()):
        if place.id.startswith("feature-") and any(r.startswith(fold(name) + " ") and i == s.index for r, i in reserves):
            del seen_places[name]  # 'the Issyk-Kul and Sary-Chelek biosphere reserves': the reserve, not the lake
    result.countries = sorted({c for c in country_counts if country_counts[c] and c not in ("",)} - {None})
    result.places = list(seen_places.values())
    theme_cache: dict = {}
    register = _register_phrases(lowered, result.places, ref)
    result.themes = find_themes(sents, ref, document.title, cache=theme_cache, register=register)
    result.partnerships = _merge_partnerships(result.partnerships)
    _scope(result, sents, per_sentence, ref, theme_cache)
    calibration = load_calibration()
    for m in result.meetings:
        m.confidence = calibration.get(m.signature, calibration.get("meeting", 0.5))
    for p in result.partnerships:
        p.confidence = calibration.get(p.signature, calibration.get("partnership", 0.5))
    return result


NATURAL_PLACE_KINDS = {"nature_reserve", "national_park"}


def _register_phrases(lowered: str, places: list, ref: Reference) -> frozenset:
    """The culture phrases that only name the heritage register ('the World Heritage List', 'inscribed on the'), when the
    release's heritage property is natural: a World Heritage site of places.csv with category natural, a nature reserve
    or national park named, or the text calling it natural ('natural site', criterion (ix)), and nothing marking a
    cultural or mixed one. Empty otherwise (and in a release that names no World Heritage or Tentative List)."""
    cues = ref.natural_heritage
    if not cues or not ("heritage" in lowered or "наслед" in lowered or "tentative" in lowered):
        return frozenset()
    if any(c in lowered for c in cues.get("cultural", ())):
        return frozenset()
    sites = [p for p, _ in places if p.kind == "world_heritage_site"]
    if any(p.category and p.category != "natural" for p in sites):
        return frozenset()
    natural = any(p.category == "natural" for p in sites) or any(p.kind in NATURAL_PLACE_KINDS for p, _ in places) or \
        any(c in lowered for c in cues.get("natural", ()))
    if not natural:
        return frozenset()
    if "register_keys" not in cues:  # the phrases as the theme index holds them (Russian words without their ending)
        cues["register_keys"] = frozenset(" ".join(_theme_words(p)) for p in cues.get("register_phrases", ()))
    return cues["register_keys"]


def _scope(result: Extraction, sents: list[Sentence], per_sentence: list, ref: Reference, cache: dict) -> None:
    """Each meeting and partnership gets the countries and themes of its own sentences, and of its paragraph where
    the sentence names none: not every country and theme the release names."""
    paragraph_of = {s.index: s.paragraph for s in sents}
    countries_in = [{c for c, _, _ in countries} for countries, _, _ in per_sentence]
    by_paragraph: dict[int, list[Sentence]] = {}
    for s in sents:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    themes_of: dict[int, list[str]] = {}

    def paragraph_themes(paragraph: int) -> list[str]:
        if paragraph not in themes_of:
            found = find_themes(by_paragraph[paragraph], ref, "", threshold=SHORT_POINTS, cache=cache)
            themes_of[paragraph] = [t for t in found if t in result.themes] or [t for t in found][:2]
        return themes_of[paragraph]

    def countries(indexes: list[int], people: list[Mention]) -> list[str]:
        own = set().union(*(countries_in[i] for i in indexes)) | {p.country for p in people if p.country}
        if not own:
            own = set().union(*(countries_in[s.index] for i in indexes for s in by_paragraph[paragraph_of[i]]))
        return sorted(c for c in own if c)

    starts = sorted({m.evidence.paragraph for m in result.meetings})
    for m in result.meetings:
        m.countries = countries([m.evidence.index], m.participants)
        # the meeting's paragraph; where it names no theme (a dateline paragraph), those after it up to the next meeting
        m.themes = paragraph_themes(m.evidence.paragraph)
        if not m.themes:
            until = next((p for p in starts if p > m.evidence.paragraph), max(by_paragraph) + 1)
            span = [s for p in range(m.evidence.paragraph, until) for s in by_paragraph.get(p, [])]
            found = find_themes(span, ref, "", threshold=THEME_POINTS if len(span) > SHORT else SHORT_POINTS, cache=cache)
            m.themes = [t for t in found if t in result.themes]
    for p in result.partnerships:
        p.countries = countries([p.sentence_index], [])
        p.themes = paragraph_themes(paragraph_of[p.sentence_index])


_FINDERS: dict[int, PeopleFinder] = {}


def _finder(ref: Reference) -> PeopleFinder:
    """One PeopleFinder (compiled patterns, surname cache) per reference."""
    if id(ref) not in _FINDERS:
        _FINDERS.clear()
        _FINDERS[id(ref)] = PeopleFinder(ref)
    return _FINDERS[id(ref)]


def _key(m: Mention) -> str:
    return m.person.id if m.person else fold(m.name)


def _heritage_list(text: str) -> str | None:
    if "eritage" not in text and "ERITAGE" not in text and "List" not in text and "ntangible" not in text and \
            "NTANGIBLE" not in text and "afeguarding" not in text:
        return None  # (the patterns below are English: a Russian sentence names no list here)
    if ICH_LIST.search(text):
        return "ich"
    if "World Heritage" in text:
        return "wh"
    return None


ICH_LIST = re.compile(r"intangible|Representative List|Urgent Safeguarding|living heritage", re.I)


def _city_near(text: str, places: list[tuple[Place, int, int]], anchor: int) -> str | None:
    """The city given as 'in <City>' nearest to the meeting verb (not 'the Office in Tehran' far before it)."""
    cities = [(abs(start - anchor) + (0 if re.search(r"\b(?:in|at)\s+$", text[:start]) else 1000), place.name)
              for place, start, _ in places if place.kind == "city"]
    return min(cities)[1] if cities else None


def _unique(mentions: list[Mention]) -> list[Mention]:
    out: dict[str, Mention] = {}
    for m in mentions:
        key = _key(m)
        if key not in out or (out[key].by_role and not m.by_role):
            out[key] = m
    return list(out.values())


def _where(sentence: tuple[str, list] | None, ref: Reference) -> str | None:
    """The venue's city or the city a sentence names ('in <City>' first), unless it was held online."""
    if sentence is None or ONLINE.search(sentence[0]):
        return None
    return _venue(sentence[0], ref, sentence[1]) or _city_near(sentence[0], sentence[1], 0)


def _venue(text: str, ref: Reference, places: list[tuple[Place, int, int]] = ()) -> str | None:
    """'at UNESCO Headquarters' -> Paris; a venue the gazetteer found in any case ('в штаб-квартире ЮНЕСКО') too."""
    folded = fold(text)
    for phrase, city in ref.venue_cities.items():
        if phrase in folded:
            return city
    for place, _, _ in places:
        city = ref.venue_cities.get(key_words(fold(place.name))) if place.kind == "venue" else None
        if city is not None:
            return city
    return None


def _compatible(a: Found | None, b: Found | None) -> bool:
    return a is None or b is None or a.date == b.date or a.date.startswith(b.date) or b.date.startswith(a.date)


def _merge(candidates: list[Meeting]) -> list[Meeting]:
    """One meeting per encounter: sentences about the same people on a compatible date are one meeting."""
    merged: list[Meeting] = []
    for meeting in candidates:
        for existing in ([] if meeting.separate else merged):
            a, b = existing.keys(), meeting.keys()
            if _compatible(existing.date, meeting.date) and (a <= b or b <= a or len(a & b) >= 2):
                known = existing.keys()
                existing.participants += [p for p in meeting.participants
                                          if (p.person.id if p.person else fold(p.name)) not in known]
                if existing.date is None or (meeting.date and meeting.date.precision == "day" and existing.date.precision != "day"):
                    existing.date = meeting.date or existing.date
                existing.location = existing.location or meeting.location
                break
        else:
            merged.append(meeting)
    return merged


def _same_partnership(a: Partnership, b: Partnership) -> bool:
    ka, kb = fold(a.name), fold(b.name)
    if a.kind != b.kind:
        return False
    numbers_a, numbers_b = set(re.findall(r"\d{3,}", ka)), set(re.findall(r"\d{3,}", kb))
    if a.kind == "resolution" and numbers_a and numbers_a == numbers_b:
        return True
    if a.kind == "committee_membership" and ((a.year and b.year and a.year != b.year) or
                                             ka.startswith(("bureau", "бюро")) != kb.startswith(("bureau", "бюро"))):
        return False  # two terms on the same body; a seat on a body's Bureau and one on the body
    return ka in kb or kb in ka


def _merge_partnerships(found: list[Partnership]) -> list[Partnership]:
    out: list[Partnership] = []
    for p in found:
        twin = next((q for q in out if _same_partnership(p, q)), None)
        if twin is None:
            out.append(p)
        elif len(p.name) > len(twin.name):
            twin.name = p.name
            twin.year = twin.year or p.year
        else:
            twin.year = twin.year or p.year
    return out
