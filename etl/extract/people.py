"""People in a sentence: names (with transliteration variants) and offices named instead of a person.

'Mr Kaiarat Abdrakhmanov' -> kairat-abdrakhmanov; 'the Director-General' -> whoever held that office on
the date; 'the Minister' -> the minister last named in the document; 'Title Firstname Lastname' of
someone not in the registry -> a new, unconfirmed person.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .reference import Person, Reference
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .text import CYRILLIC, fold, guarded, key_words, name_key, ru_stem

CAP = r"(?:[A-Z][a-zà-öø-ÿā-ž'’]+(?:-[A-Z]?[a-zà-öø-ÿā-ž'’]+)*|El-[A-Z][a-z]+|Al-[A-Z][a-z]+)"
NAME_RUN = re.compile(rf"{CAP}(?:\s+(?:{CAP}|[A-Z]\.))*")
# a Russian title and its portfolio right before a name: 'министр образования и науки Таджикистана ', 'посол Японии '
# (each pattern of this file that opens with a lookahead of letters: the first letters of its alternatives, which let the scan
# skip the other positions; the same matches)
RU_TITLE_BEFORE = re.compile(r"(?=[МмПпДдРрЗзСсХхГгАа])(?<![\w-])(?:[Мм](?:инистр|эр)|[Пп](?:осо?л|редседател|резидент|омощник|"
                             r"редставител|осланник)|[Дд]иректор|[Рр](?:ектор|уководител)|[Зз]аместител|[Сс](?:оветник|екретар|пикер)|"
                             r"[Хх]оким|[Гг]убернатор|[Аа]ким)\w*"
                             # the portfolio: lower-case words, ЮНЕСКО, ООН or an acronym ('генеральный секретарь ТЮРКСОЙ ')
                             r"(?:\s+(?:[а-яё]+|ЮНЕСКО|ООН|[А-ЯЁ]{2,}))*(?:\s+[А-ЯЁ][а-яё-]+){0,2}\s+$")
RU_CAP = r"(?:[А-ЯЁҚҒҲӘӨҰҮ][а-яёқғңөұүһҳӣӯҷә]+(?:-[А-ЯЁ]?[а-яёқғңөұүһҳӣӯҷә]+)*)"
RU_NAME_RUN = re.compile(rf"(?=[A-ZА-ЯЁҚҒҲӘӨҰҮ])(?:{CAP}|{RU_CAP})(?:\s+(?:{CAP}|{RU_CAP}|[A-ZА-ЯЁ]\.))*")
NOT_NAMES = {"the", "unesco", "minister", "president", "director", "general", "director-general", "foreign", "affairs",
             "ambassador", "deputy", "chairman", "chairwoman", "prime", "secretary", "republic", "state", "national",
             "commission", "mr", "mrs", "ms", "dr", "prof", "he", "she", "his", "her", "they", "in", "on", "at", "during",
             "as", "with", "and", "of", "for", "a", "an", "this", "that", "both", "while", "after", "before", "following",
             "speaking", "according", "thanking", "stating", "h.e", "excellency", "his excellency", "her excellency",
             "queen", "king", "prince", "princess", "sheikh", "governor", "mayor", "senator", "rector", "chair", "speaker",
             "head", "chief", "counsellor", "counselor", "permanent", "delegate", "representative", "assistant", "vice",
             "first", "lady", "officials", "delegation", "it", "its", "their", "we", "our", "directors", "directors-general",
             "counsellor", "councillor", "state", "secretary-general", "envoy", "special", "executive", "dr", "mr", "ambassadors",
             "among", "both", "today", "yesterday", "later", "earlier",
             # Russian titles and words that start a sentence (compared without case endings)
             "президент", "президента", "президенту", "президентом", "глава", "главы", "главе", "главой", "министр", "министра",
             "министру", "министром", "генеральный", "генерального", "генеральным", "генеральному", "директор", "директора",
             "директором", "заместитель", "заместителя", "вице-спикер", "посол", "постоянный", "председатель", "премьер-министра",
             "премьер-министр", "государства", "государственный", "советник", "помощник", "руководитель", "вчера", "сегодня",
             "стороны", "гостья", "гость", "посла", "в", "на", "во", "с", "и"}


ORGANISATION_WORDS = {"office", "ministry", "centre", "center", "university", "commission", "council", "committee", "agency",
                      "institute", "foundation", "department", "administration", "forum", "conference", "programme", "program",
                      "board", "bank", "organization", "organisation", "academy", "museum", "school", "library", "cluster",
                      "delegation", "government", "parliament", "senate", "assembly", "service", "fund", "park", "reserve",
                      "list", "heritage", "site", "year", "decade", "day", "prize", "award", "network", "region", "republic",
                      # words of organisations' full names ('the United Nations Educational, Scientific and Cultural Organization')
                      "nations", "educational", "scientific", "cultural", "international"}
# the same in Russian, as stems (text.ru_stem): 'Республики Таджикистан', 'Организации Объединенных Наций' are no people
RU_ORGANISATION_STEMS = {"республик", "организац", "нац", "объединенн", "министерств", "правительств", "комисс", "администрац",
                         "университет", "институт", "фонд", "центр", "агентств", "академ", "совет", "союз", "федерац",
                         "ассоциац", "департамент", "управлен", "палат", "меджлис", "сенат", "парламент", "комитет",
                         "бюр", "посольств", "делегац", "конференц", "форум", "сесс", "ассамбле", "программ", "юнеско"}
# An office named as part of someone else's title, or not as a person: 'Deputy Director-General', 'Advisor to the
# President', 'a deputy of the UNESCO Director-General', 'on behalf of the Director-General', 'nominee for the post of
# Director-General', 'the former President'.
OFFICE_NOT_A_PERSON = guarded(r"[davftnioacserhpаспзк]",
    r"(?:\b(?:Deputy|Assistant|Vice|former|then|acting|next|new|future|incoming|outgoing|(?:newly[-\s]+)?(?:elected|appointed))[-\s]+|"
    r"\b(?:Advis[eo]r|Aide|Assistant|Counsell?or|Spokesperson|Secretary|Envoy|Representative|Office|Administration|Staff|"
    r"Chief|Head|Executive Office|Deputy|Deputies)\s+(?:to|of)\s+(?:the\s+)?(?:UNESCO\s+)?|\bon behalf of\s+the\s+(?:UNESCO\s+)?|"
    r"\bpost of\s+|\b(?:nominee|candidate|candidacy|nomination)\s+for\s+(?:the\s+)?(?:post of\s+)?|"
    r"\belection of\s+(?:the\s+|a\s+new\s+)?|"
    # in Russian, an office in the genitive after the head of a post or an organisation: 'Руководителем Администрации
    # Президента', 'помощником Президента', 'заместитель Генерального директора'
    r"(?<![\w-])(?:администраци|аппарат|помощник|советник|заместител|пресс-служб|канцеляри|представител)\w*\s+)$", re.I)


def _titles_by_first_letter(titles: set[str]) -> tuple[str, list[str]]:
    """The titles as written and with each word's first letter in lower case ('Deputy Director', 'deputy director'), longest
    first, grouped by their first letter ('D(?:eputy\\ Director|...)|d(?:...)'): literal alternatives, one letter tried per
    position, which keeps the search as fast as the capitalised list alone."""
    lower = lambda title: re.sub(r"(?<![\w.])[A-ZА-ЯЁ](?=[a-zа-яё])", lambda m: m.group(0).lower(), title)  # noqa: E731
    variants = {t for title in titles for t in (title, lower(title))}
    groups: dict[str, list[str]] = {}
    for title in sorted(variants, key=lambda t: (-len(t), t)):
        groups.setdefault(title[0], []).append(re.escape(title[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items()), sorted(variants)


def _before(sentence: str, end: int) -> str:
    """The text before a name that a title and its portfolio can fill: the patterns end at the name, so 160 characters
    are enough, and searching only them keeps the title patterns cheap in long sentences."""
    return sentence[max(0, end - 160) : end]


RU_INSTRUMENTAL = re.compile(r"(?:ом|ым|ой|ей)$")


def _ru_nominative(name: str) -> str:
    """A new Russian name in the instrumental case (after 'министром', 'с'), in the nominative: 'Саясатом Нурбеком' ->
    'Саясат Нурбек', 'Асланом Бекмуратовым' -> 'Аслан Бекмуратов', 'Саидой Каримовой' -> 'Саида Каримова'. Only when every word has an instrumental ending."""
    words = name.split()
    if not all(RU_INSTRUMENTAL.search(w) and len(w) > 4 for w in words):
        return name
    out = []
    for w in words:
        if w.endswith(("ом", "ым")):
            out.append(w[:-2])
        elif w.endswith("ой"):
            out.append(w[:-2] + "а")
        else:  # 'ей': 'Марией' -> 'Мария'
            out.append(w[:-2] + "я")
    return " ".join(out)


@dataclass
class Mention:
    person: Person | None  # None: someone not in the registry
    name: str  # standard spelling, or as written
    start: int
    end: int
    role: str | None = None  # as the text gives it, or the registry's role on the date
    organisation: str | None = None
    country: str | None = None
    confirmed: bool = True  # False for a new person found by a 'Title Firstname Lastname' pattern
    by_role: bool = False  # named only by office ('the Director-General')


SHORT_ENDINGS = ("ем", "ом", "ей", "ой", "ым", "им")


def _short_stem_key(name: str) -> str:
    """name_key with the case ending of a short word taken off too ('Цуем' -> 'цу', as 'Цуй'), which ru_stem keeps
    (it leaves at least three letters)."""
    words = []
    for w in fold(name).split():
        if len(w) == 4 and CYRILLIC.search(w) and w.endswith(SHORT_ENDINGS) and ru_stem(w) == w.replace("ё", "е"):
            w = w[:-2]
        words.append(w)
    return name_key(" ".join(words))


def _phrase_pattern(phrase: str) -> str:
    """An English phrase as written; a Russian one in any case and capitalisation ('Генеральным директором')."""
    if not CYRILLIC.search(phrase):
        return re.escape(phrase)
    return "(?i:" + r"\s+".join(re.escape(ru_stem(w)) + r"\w*" for w in phrase.split()) + ")"


def _first_letters(patterns: list[str]) -> str:
    """A lookahead for the letters the phrase patterns start with, a Russian one (?i:...) in either case: the scan tests
    one class per position and tries the alternatives only where it holds (the same matches, a faster scan)."""
    exact = {p[0] for p in patterns if not p.startswith("(?i:")}
    any_case = {p[4] for p in patterns if p.startswith("(?i:")}
    if not all(c.isalpha() for c in exact | any_case):
        return ""
    return "(?=[" + "".join(sorted(exact)) + "]" + (f"|(?i:[{''.join(sorted(any_case))}])" if any_case else "") + ")"


def _role_alternation(ref: Reference) -> dict[str, re.Pattern]:
    out = {}
    for role, phrases in ref.role_phrases.items():
        patterns = [_phrase_pattern(p) for p in sorted(phrases, key=len, reverse=True)]
        out[role] = re.compile(_first_letters(patterns) + r"(?<![\w-])(" + "|".join(patterns) + r")(?![\w-])")
    return out


def _any_office(ref: Reference, english: bool) -> re.Pattern:
    """One search for any office phrase (english: only those of an English phrase, for a sentence with no Cyrillic
    letter, which no Russian phrase matches in any case): a sentence without one needs none of the office patterns."""
    if english:  # literal phrases: grouped by first letter, each group opening with its letter (the look back at the
        # character before it follows), so that the scan skips every position where no phrase starts
        groups: dict[str, list[str]] = {}
        for phrase in sorted({p for phrases in ref.role_phrases.values() for p in phrases if not CYRILLIC.search(p)}):
            groups.setdefault(phrase[0], []).append(re.escape(phrase[1:]))
        return re.compile("|".join(rf"{re.escape(c)}(?<![\w-]{re.escape(c)})(?:{'|'.join(rest)})(?![\w-])"
                                   for c, rest in groups.items()))
    patterns = [_phrase_pattern(p) for phrases in ref.role_phrases.values() for p in phrases]
    return re.compile(_first_letters(patterns) + r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])")


class PeopleFinder:
    def __init__(self, ref: Reference):
        self.ref = ref
        self.role_patterns = _role_alternation(ref)
        self.any_office, self.any_office_english = _any_office(ref, False), _any_office(ref, True)
        # a title as written or with its words in lower case ('led by its deputy director X')
        titles, variants = _titles_by_first_letter(ref.titles | {p for phrases in ref.role_phrases.values() for p in phrases})
        # 'Ambassador ', 'Prime Minister of Uzbekistan, ', 'Deputy Minister of Culture ' right before a name
        self.title_before = re.compile(_first_letters(variants) + r"(?<![\w-])(?:" + titles +
                                       r")(?:\s+(?:of|for|to)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s*){1,5})?,?\s*(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?$")
        self.surname_keys = list(ref.surnames)
        self._cache: dict[str, set[str]] = {}
        self._leading: dict[str, bool] = {}  # word -> whether a name run drops it at its start (_not_leading)
        self._organisation: dict[str, bool] = {}  # word -> whether it is an organisation word (ORGANISATION_WORDS)

    # ------------------------------------------------------------------ names

    def _candidates(self, surname: str) -> set[str]:
        if surname not in self._cache:
            self._cache[surname] = self._search(name_key(surname))
        return self._cache[surname]

    def _search(self, key: str) -> set[str]:
        if key in self.ref.surnames:
            return set(self.ref.surnames[key])
        if len(key) < 6:
            return set()
        limit = 2 if len(key) >= 8 else 1
        # rapidfuzz's C Levenshtein over every registry surname: about 60x the pure-Python loop it replaced
        out: set[str] = set()
        for other, _distance, _index in process.extract(key, self.surname_keys, scorer=Levenshtein.distance,
                                                        score_cutoff=limit, limit=None):
            if other[0] == key[0]:
                out |= self.ref.surnames[other]
        return out

    def _pick(self, ids: set[str], first: str | None, day: dt.date | None) -> Person | None:
        people = [self.ref.people[i] for i in sorted(ids)]  # sorted: the same choice in every run
        if first:
            key = name_key(first).split()[0] if name_key(first) else ""
            if re.fullmatch(r"[A-ZА-ЯЁ]\.", first):  # an initial: 'S. Safoyev'
                people = [p for p in people if not p.first_keys or any(k[:1] == key[:1] for k in p.first_keys)]
            else:
                people = [p for p in people if not p.first_keys or any(Levenshtein.distance(key, k, score_cutoff=2) <= 2 for k in p.first_keys)]
        if len(people) > 1 and day is not None:
            holding = [p for p in people if any(r.held_on(day) for r in p.roles)]
            people = holding or people
        return people[0] if people else None

    def names(self, sentence: str, day: dt.date | None) -> list[Mention]:
        found: list[Mention] = []
        russian = CYRILLIC.search(sentence) is not None  # (a sentence without a Cyrillic letter has no Russian title)
        leading, organisation = self._leading, self._organisation
        for run in (RU_NAME_RUN if russian else NAME_RUN).finditer(sentence):
            words = run.group(0).split()
            # drop leading words that are titles or ordinary capitalised words ('The', 'Minister', 'Mr'), countries and
            # their adjectives ("Kazakhstan's"), and the name of an office before its head ('Almaty Regional Office Amir
            # Piric'): the name is what follows the last such word
            while words and (leading[words[0]] if words[0] in leading else self._not_leading(words[0])):
                words = words[1:]
            last_org = -1
            for k in range(len(words) - 1):
                w = words[k]
                if organisation[w] if w in organisation else self._organisation_word(w):
                    last_org = k
            words = words[last_org + 1 :]
            if not words:
                continue
            start = run.start() + run.group(0).index(words[0])
            text = " ".join(words)
            full = self.ref.full_names.get(name_key(text))
            if not full and russian and len(words) >= 2:
                full = self.ref.full_names.get(_short_stem_key(text))  # 'Син Цуем': a short surname in the instrumental
            person = None
            if full:
                person = self._pick(full, None, day)
            for size in range(min(4, len(words) - 1), 1, -1) if person is None and len(words) > 2 else ():
                # a registry name at the end of a longer run ('Assistant Director-General for Culture Ernesto Ottone Ramirez')
                full = self.ref.full_names.get(name_key(" ".join(words[-size:])))
                if full:
                    person = self._pick(full, None, day)
                    start = run.start() + run.group(0).rindex(" ".join(words[-size:]))
                    break
            if person is None and len(words) <= 4:
                surname = fold(words[-1])
                ids = self._candidates(surname.split()[-1] if surname else words[-1])
                if ids:
                    person = self._pick(ids, words[-2] if len(words) >= 2 else None, day)
                    if person is None and len(words) >= 2:
                        # a different first name: someone else with a registry surname ('Deputy Minister of Education
                        # Azat Atayev': the name after the portfolio)
                        found.append(self._after_title(words, run, sentence) or self._new(text, start, sentence))
                        continue
            if person is not None:
                found.append(Mention(person, person.name, start, run.end()))
            elif len(words) >= 2 and (self.title_before.search(_before(sentence, start)) or
                                      (russian and len(words) <= 3 and RU_TITLE_BEFORE.search(_before(sentence, start)))):
                found.append(self._new(text, start, sentence))
            elif len(words) >= 3:
                # 'Minister of Higher Education Kongratbay Sharipov', 'министр образования и науки Таджикистана Рахим
                # Саидзода': the portfolio runs into the name; the name is the last two or three words after the title
                for size in (2, 3):
                    tail = words[-size:]
                    tail_start = run.start() + run.group(0).rindex(" ".join(tail))
                    before = _before(sentence, tail_start)
                    if self.title_before.search(before) or (russian and RU_TITLE_BEFORE.search(before)):
                        # a registry person at the end of the run ('... Администрации Президента Узбекистана Саидой
                        # Мирзиёевой'), else someone new
                        ids = self.ref.full_names.get(name_key(" ".join(tail))) or self._candidates(fold(tail[-1]))
                        known = self._pick(ids, None if ids is self.ref.full_names.get(name_key(" ".join(tail))) else tail[-2],
                                           day) if ids else None
                        found.append(Mention(known, known.name, tail_start, run.end()) if known else
                                     self._new(" ".join(tail), tail_start, sentence))
                        break
        return [m for m in found if m is not None]

    def _after_title(self, words: list[str], run: re.Match, sentence: str) -> Mention | None:
        """The last two or three words of a longer run as someone new, when a title and its portfolio come before them."""
        for size in (2, 3):
            if len(words) <= size:
                break
            tail = " ".join(words[-size:])
            tail_start = run.start() + run.group(0).rindex(tail)
            before = _before(sentence, tail_start)
            if self.title_before.search(before) or RU_TITLE_BEFORE.search(before):
                return self._new(tail, tail_start, sentence)
        return None

    def _not_leading(self, word: str) -> bool:
        """A title or ordinary capitalised word ('The', 'Minister', 'Mr'), a country or place: not the start of a name."""
        dropped = fold(word) in NOT_NAMES or word.lower() in NOT_NAMES or self._not_a_name(word)
        if len(self._leading) < 200_000:
            self._leading[word] = dropped
        return dropped

    def _organisation_word(self, word: str) -> bool:
        found = fold(word) in ORGANISATION_WORDS
        if len(self._organisation) < 200_000:
            self._organisation[word] = found
        return found

    def _not_a_name(self, word: str) -> bool:
        key = key_words(fold(word[:-2] if word.endswith(("'s", "’s")) else word))
        return key in self.ref.countries or (key in self.ref.places and key not in self.ref.surnames)

    def _new(self, text: str, start: int, sentence: str) -> Mention | None:
        words = text.split()
        if len(words) < 2 or len(words) > 4 or any(fold(w) in NOT_NAMES or fold(w) in ORGANISATION_WORDS for w in words):
            return None
        if CYRILLIC.search(text) and any(ru_stem(fold(w)) in RU_ORGANISATION_STEMS for w in words):
            return None
        if any(fold(text) in key for key in (self.ref.countries,)) or fold(text) in self.ref.places:
            return None
        return Mention(None, _ru_nominative(text) if CYRILLIC.search(text) else text, start, start + len(text), confirmed=False)

    # ------------------------------------------------------------------ offices

    def offices(self, sentence: str) -> list[tuple[str, int, int]]:
        """('Director-General', start, end) for each office named in the sentence."""
        out = []
        if not (self.any_office if CYRILLIC.search(sentence) else self.any_office_english).search(sentence):
            return out
        for role, pattern in self.role_patterns.items():
            for m in pattern.finditer(sentence):
                if OFFICE_NOT_A_PERSON.search(sentence[: m.start()]):
                    continue
                if role == "President" and re.match(r"\s+of\s+the\s+(General Conference|Executive Board|Senate|Assembly)",
                                                    sentence[m.end():]):
                    continue
                out.append((role, m.start(), m.end()))
        out.sort(key=lambda r: r[1])
        # 'Minister of Foreign Affairs' inside 'Deputy Prime Minister and Minister of Foreign Affairs' is fine;
        # drop overlaps keeping the longer
        kept: list[tuple[str, int, int]] = []
        for item in out:
            if kept and item[1] < kept[-1][2]:
                if item[2] - item[1] > kept[-1][2] - kept[-1][1]:
                    kept[-1] = item
                continue
            kept.append(item)
        return kept
