"""Partnerships and milestones named in a sentence, with the kind names of the data model.

A 'named span' is a run of capitalised words that may contain lower-case connectors ('International
Decade for the Rapprochement of Cultures', 'Security Council Resolution 2347'); its head word and the
sentence around it decide the kind. World Heritage and intangible heritage inscriptions are found from an
inscription verb plus a World Heritage property from the gazetteer, or a quoted name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import Found
from .reference import Reference
from .text import CYRILLIC, fold, key_words

CONNECTORS = r"(?:of|for|the|on|and|to|de|du|des|la|'s)"
CAPWORD = r"(?:[A-Z][\w'’.\-]*|\d+(?:st|nd|rd|th)?|EXPO-\d{4}|Expo-\d{4}|\d{4}[-–]\d{4}|[“\"][A-Z][^”\"]{2,80}[”\"])"
SPAN = re.compile(rf"{CAPWORD}(?:\s+(?:{CONNECTORS}\s+)*{CAPWORD})*")
QUOTED = re.compile(r"[“\"«]([^”\"»]{3,120})[”\"»]")

HEADS = [  # (head words, kind): the head word that comes first in a span decides; this order breaks ties
    (re.compile(r"\bResolution\b", re.I), "resolution"),
    (re.compile(r"\bDecade\b|\bInternational Year\b|\bYear of\b|\bProgramme\b|\bProgram\b|\bInitiative\b|\bRoadmap\b|\bAction Plan\b"),
     "programme"),
    (re.compile(r"\bConvention\b"), "convention"),
    (re.compile(r"\bBiosphere Reserve\b", re.I), "biosphere_reserve"),
    (re.compile(r"\bGeopark\b", re.I), "geopark"),
    (re.compile(r"\bAgreement\b|\bMemorandum\b|\bTreaty\b"), "agreement"),
    (re.compile(r"\bSummit\b|\bConference\b|\bForum\b|\bCongress\b|\bFestival\b|\bEXPO\b|\bExpo\b|\bSymposium\b|\bGames\b|"
                r"\bExhibition\b|\bWorld Conference\b|\bAssembly\b|\bSession\b|\bCelebration\b"), "event"),
    (re.compile(r"\bCentre\b|\bCenter\b|\bInstitute\b"), "category_2_centre"),
    (re.compile(r"\bPrize\b|\bAward\b|\bMedal\b|\bDeclaration\b|\bCharter\b"), "other"),
]
NESTED_PROGRAMME = re.compile(r"\b(International (?:Decade|Year)\b.*)$")
C2C_CONTEXT = re.compile(r"category\s*(?:2|II|two)\b|under the auspices of UNESCO", re.I)
WH_LIST = re.compile(r"World Heritage (?:List|site|sites|property|properties|status)", re.I)
INSCRIBE = re.compile(r"\b(inscri\w*|added to|entered|included in|listed|joined the|became|recogni[sz]ed|designat\w*|proclaimed|"
                      r"incorporated)\b", re.I)
NOMINATE = re.compile(r"\b(nominat\w*|nomination|Tentative List|candidacy|dossier)\b", re.I)
ICH = re.compile(r"intangible (?:cultural )?heritage|Representative List", re.I)
MEMORANDUM = re.compile(r"\b(memorandum of understanding|memorandum|agreement|action plan|roadmap|road map)\b", re.I)
SIGN = re.compile(r"\b(sign\w*|conclu\w*|ratif\w*|adopt\w*|agreed (?:on|to|upon)|approv\w*|(?:agreed that [^.;]{0,60}?)?(?:prepare|draw up|"
                  r"drew up|drawn up|draft)\s+(?:an?|the)?\s*(?:\w+\s+){0,2}(?:action plan|roadmap|road map|memorandum|agreement))\b", re.I)
GENERIC_NAMES = {"unesco", "united nations", "the united nations", "un", "general conference", "executive board", "security council",
                 "the organization", "conference", "forum", "centre", "center", "institute", "session", "assembly", "programme",
                 "global geopark", "unesco global geopark", "unesco global geoparks", "world network of biosphere reserves",
                 "united nations general assembly", "general assembly", "world heritage committee"}
TRIM_LEADING = re.compile(r"^(?:The|This|A|An|Its|Their|In|On|At|During|Under|As|By|For|With|UNESCO's|UNESCO)\s+")


@dataclass
class Partnership:
    name: str
    kind: str
    year: int | None
    evidence: str
    sentence_index: int
    rule: str = "span"  # which rule found it: the key of its confidence in calibration.json
    confidence: float | None = None  # how often a partnership found by this rule was right on the dev part
    countries: list[str] = field(default_factory=list)  # the countries of its own sentence (or paragraph)
    themes: list[str] = field(default_factory=list)  # the themes of its own paragraph

    @property
    def signature(self) -> str:
        """The features its confidence is looked up by: the rule that found it and the kind."""
        return f"partnership|rule:{self.rule}|kind:{self.kind}"


def _year(span: str, start: int, end: int, dates: list[Found], sentence: str) -> int | None:
    """The year a named span states, else the first date after it (within 150 characters), else the nearest date
    before it in the same clause (no comma between)."""
    match = re.search(r"\b((?:19|20)\d{2})\b", span)
    if match:
        return int(match.group(1))
    after = [d for d in dates if 0 <= d.start - end <= 150]
    if after:
        return after[0].year
    before = [d for d in dates if 0 <= start - d.end <= 100 and "," not in sentence[d.end : start]]
    return before[-1].year if before else None


def _clean(name: str) -> str:
    name = TRIM_LEADING.sub("", name.strip(" ,.;:")).strip()
    name = re.sub(r"\s+(of|for|the|on|and|in|to|at)$", "", name)
    return name


ORDINAL_WORDS = ("first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|"
                 "fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth")
# 'the 45th session of the World Heritage Committee', 'the fifteenth session of the Intergovernmental Committee ...',
# 'The World Heritage Committee, at its 38th session', '37-й сессии Комитета всемирного наследия'
BODY = r"(?:UNESCO\s+)?((?:[A-Z][\w'’-]*)(?:\s+(?:(?:of|for|the|on|and)\s+)*[A-Z][\w'’-]*)*)"
SESSION_OF = re.compile(r"\b(\d{1,3}(?:st|nd|rd|th)|(?i:" + ORDINAL_WORDS + r"))\s+(?:\(?(?:extended|ordinary|extraordinary|special)\)?\s+)?"
                        r"[Ss]ession\s+of\s+(?:the\s+)?" + BODY)
SESSION_ITS = re.compile(r"\b(?:its|his|her|their)\s+(?:\(?(?:extended|ordinary|extraordinary|special)\)?\s+)?(\d{1,3}(?:st|nd|rd|th)|(?i:"
                         + ORDINAL_WORDS + r"))\s+(?:\(?(?:extended|ordinary|extraordinary|special)\)?\s+)?session\b")
BODY_BEFORE = re.compile(r"(?:the\s+)?(?:UNESCO\s+)?((?:[A-Z][\w'’-]*)(?:\s+(?:(?:of|for|the|on|and)\s+)*[A-Z][\w'’-]*)*\s+"
                         r"(?:Committee|Conference|Board|Council|Assembly)(?:\s+(?:(?:of|for|the|on|and)\s+)*[A-Z][\w'’-]*)*)")
RU_STOP = r"(?:в|во|на|и|по|с|со|к|о|об|а|что|как|для|при|из|от|до|за|у|который|которая|которое|которые)"
RU_NOT_STOP = r"(?!" + RU_STOP + r"(?![\w-]))"
RU_SESSION = re.compile(r"(\d{1,3})(?:-?(?:я|й|ой|ая|ом|ю|ий))?\s+((?:внеочередн\w+\s+|расширенн\w+\s+)?сесси\w+)"
                        r"((?:\s+[А-ЯЁ][\w-]*(?:\s+" + RU_NOT_STOP + r"[а-яё][\w-]*){0,3})(?:\s+(?:ЮНЕСКО|ООН))?)?(?=[\s,.;:)]|$)")
RU_BODY_BEFORE = re.compile(r"([А-ЯЁ][а-яё]+(?:\s+[а-яё]+){0,3}\s+(?:комитет|совет|конференци|ассамбле)\w*(?:\s+" + RU_NOT_STOP +
                            r"[а-яё]+){0,3}|(?:Комитет|Совет|Конференци|Ассамбле)\w*(?:\s+" + RU_NOT_STOP + r"[а-яё]+){0,3})")
SESSION = re.compile(r"\b(\d{1,2}(?:st|nd|rd|th))\s+session\s+of\s+(?:the\s+)?(?:UNESCO\s+)?(General Conference|Executive Board|"
                     r"World Heritage Committee|Intergovernmental Committee[^,.;]*)", re.I)
MEMBERSHIP = re.compile(r"\b(?:joined (?:UNESCO|the Organi[sz]ation)|(?:became|becoming|is|has been|was|been) (?:a )?(?:Member State|member) "
                        r"of (?:UNESCO|the Organi[sz]ation)|membership (?:of|in) (?:UNESCO|the Organi[sz]ation))", re.I)
BODIES = {"executive board": "UNESCO Executive Board", "world heritage committee": "World Heritage Committee",
          "intergovernmental committee": "Intergovernmental Committee for the Safeguarding of the Intangible Cultural Heritage"}
ELECTED = re.compile(r"\b(?:re-?)?elected (?:to|as a member of) (?:the\s+)?(?:Organi[sz]ation['’]s\s+|UNESCO\s+)?"
                     r"(Executive Board|World Heritage Committee|Intergovernmental Committee)", re.I)
NUMBERED_RESOLUTION = re.compile(r"\b(?:(General Assembly|Security Council)\s+)?[Rr]esolution\s+((?:A/RES/)?\d+(?:/\d+)?)\b")
PROCLAIMING = re.compile(r"\bresolution\s+(?:proclaiming|declaring|establishing|on)\b[^.;]*?\b(International (?:Day|Year|Decade) "
                         r"(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of|for|the|and|[A-Z][\w'’-]*))*)")
LOWER_CENTRE = re.compile(r"\b((?:UNESCO|a UNESCO|an? UNESCO)\s+(?:(?:regional|international|national)\s+)?(?:centre|center|institute)"
                          r"\s+(?:for|of|on)\s+[a-z][^,.;()]{3,70}?)(?=\s+(?:in|at|and|which|that|to|was|will|with)\s|[,.;()]|$)")
PARTICIPLE = re.compile(r"(?:\bincludes?|\bincluding|,\s+and|\band)\s+(?:the\s+)?([A-Za-z][^,;:]{1,60}?),\s+(?:the\s+[^,]{2,80},\s+)?"
                        r"(?:inscribed|proclaimed) (?:in|on)\b")
INSCRIBED_VERB = re.compile(r"\s+(?:was|were|has been|have been|had been)\s+(?:\w+ly\s+)?(?:also\s+)?(?:\w+ly\s+)?"
                            r"(?:inscribed|proclaimed|added|included)\b")
QUANTITY = re.compile(r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|several|many|some|all|both|these|those|its|their|"
                      r"the three|the two|\d+)\b", re.I)
LOWER_EVENT = re.compile(r"\b((?:(?:international|regional|high-level|world|global|anniversary|Central Asian|Asian|annual)\s+)+"
                         r"(?:conference|forum|symposium|summit|festival)\s+(?:on|of|for)\s+[^,.;()]{3,90}?)"
                         r"(?=\s+(?:in|at|and|which|that|to|was|will|with|together)\s|[,.;()]|$)")
QUOTED_PROJECT = re.compile(r"\b(?:project|programme|program|initiative)\s+[“\"]([^”\"]{3,120})[”\"]|[“\"]([^”\"]{3,120})[”\"]\s+"
                            r"(?:project|programme|program|initiative)\b", re.I)
BIOSPHERE_LIST = re.compile(r"((?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)(?:(?:,\s*|\s+and\s+)(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*))*)"
                            r"\s+(?:[Bb]iosphere [Rr]eserves?\b|(?:now\s+)?(?:belong|belongs|joined|join|joins)\s+(?:to\s+)?"
                            r"(?:UNESCO's\s+)?the\s+World Network of Biosphere Reserves)")
NOT_ELEMENTS = {"the committee", "committee", "the list", "list", "unesco", "the element", "the representative list", "it", "they",
                "the nomination", "the file", "the tradition", "this", "the decision", "the epic", "the art"}


def find_partnerships(sentence: str, index: int, dates: list[Found], ref: Reference, heritage_names: list[str],
                      heritage_list: str | None = None, countries: list[tuple[str, int, int]] = (),
                      focus: str | None = None, folded=None) -> list[Partnership]:
    """Partnerships named in one sentence. heritage_names: World Heritage properties the gazetteer found in it;
    heritage_list: 'wh' or 'ich', the list the release last spoke of (for 'X was inscribed in 2005')."""
    found: list[Partnership] = []
    rule = "span"  # set before each rule below; add() reads it when called
    seen: set[str] = set()

    def add(name: str, kind: str, year: int | None, exact: bool = False) -> None:
        name = name if exact else _clean(name)
        key = fold(name)
        if key in seen or (not exact and (len(key) < 3 or key in GENERIC_NAMES or key in ref.countries or key in NOT_ELEMENTS)):
            return
        seen.add(key)
        found.append(Partnership(name, kind, year, sentence, index, rule))

    def year_at(position: int) -> int | None:
        after = [d for d in dates if d.end_year is None and 0 <= d.start - position <= 150]
        if after:
            return after[0].year
        before = [d for d in dates if d.end_year is None and d.end <= position]
        if before:
            return before[-1].year
        ranges = [d for d in dates if d.end_year is not None]  # '(2025–2029)': a term takes its first year
        return ranges[0].year if ranges else None

    year_here = next((d.year for d in dates if d.end_year is None), None)
    lowered = sentence.lower()
    inscribes = INSCRIBE.search(sentence)
    listed = "wh" if re.search(r"World Heritage", sentence) else ("ich" if ICH.search(sentence) else heritage_list)

    # World Heritage: a property from the gazetteer (or a quoted name) and an inscription word
    rule = "wh-inscription"
    if listed == "wh" and (inscribes or WH_LIST.search(sentence) or NOMINATE.search(sentence)):
        nominated = NOMINATE.search(sentence) and not re.search(r"\binscri", sentence, re.I)
        kind = "world_heritage_nomination" if nominated else "world_heritage_inscription"
        for name in heritage_names or QUOTED.findall(sentence):
            position = sentence.find(name.split(":")[-1].strip().split()[0]) if name else 0
            add(name, kind, year_at(max(position, 0)))
    # intangible heritage: the element named as subject or object of the inscription
    rule = "ich-inscription"
    if listed == "ich" and (inscribes or re.search(r"\bcertificates? for\b|\bnomination of\b", sentence)):
        kind = "intangible_heritage_inscription" if inscribes else "other"
        for name, end in _inscribed_elements(sentence):
            if fold(name) in ref.countries or any(fold(name) == fold(h) for h in heritage_names) or QUANTITY.match(name):
                continue
            add(name, kind, year_at(end))
    # heritage elements and register entries that data/ records, named in a sentence about a list or a certificate
    rule = "known-element"
    if ref.elements and (listed == "ich" or (any(w in lowered for w in HERITAGE_HINTS) and HERITAGE_CONTEXT.search(sentence))):
        # 'wished the nomination of X success': still a nomination ('nominated jointly with' says who, not when)
        nominated_only = re.search(r"\b(?:nomination|candidacy|dossier|Tentative List)\b", sentence, re.I) and \
            not re.search(r"inscri|proclaim", sentence, re.I)
        for name, kind, end in _known_elements(sentence, ref, folded):
            add(name, "other" if nominated_only and kind == "intangible_heritage_inscription" else kind, year_at(end), exact=True)
    # Memory of the World: the entry named as subject of the inscription
    rule = "mow"
    if "Memory of the World" in sentence and inscribes:
        for name, end in _inscribed_elements(sentence):
            if not QUANTITY.match(name) and fold(name) not in ref.countries:
                add(name, "other", year_at(end))
    rule = "creative-city"
    for m in CREATIVE_CITY.finditer(sentence) if "Creative Cities" in sentence else ():
        add(f"{m.group(1)} in the UNESCO Creative Cities Network", "other", year_at(m.end()) or year_here, exact=True)
    # named spans classified by their head word
    rule = "span"
    for match in _spans(sentence):
        span = match.group(0)
        if " the " in span and TITLE_HINT.search(span):
            span = TITLE_IN_SPAN.sub("", span)  # 'Advisor to the President and ... for the Issyk-Kul Forum' -> the forum
        words = span.split()
        if len(words) < 2 and not re.match(r"EXPO|Expo", span):
            continue
        if re.match(r"International Day\b", span):
            add(span, "resolution" if re.search(r"\bresolution\b", sentence, re.I) else "other", _year(span, match.start(), match.end(), dates, sentence))
            continue
        heads = sorted((m.start(), order, kind) for order, (pattern, kind) in enumerate(HEADS) for m in [pattern.search(span)] if m)
        if not heads:
            continue
        kind = heads[0][2]  # the head word that comes first: 'Conference on the ... Decade' is a conference
        if kind == "category_2_centre" and not C2C_CONTEXT.search(sentence):
            continue
        if kind == "event" and re.fullmatch(r"(?:the\s+)?(?:UNESCO\s+)?(?:General Conference|Executive Board|World Heritage "
                                            r"Committee|United Nations General Assembly|General Assembly|Security Council)", span, re.I):
            continue
        add(span, kind, _year(span, match.start(), match.end(), dates, sentence))
        nested = NESTED_PROGRAMME.search(span)
        if nested and kind != "programme" and nested.start() > 0:
            add(nested.group(1), "programme", _year(nested.group(1), match.start(), match.end(), dates, sentence))
    rule = "session"
    for name, position in _sessions(sentence) if ("session" in lowered or "сесси" in lowered) else ():
        add(name, "event", year_at(position) or year_here, exact=True)
    rule = "russian"
    if CYRILLIC.search(sentence):
        for name, kind, end in find_ru_inscriptions(sentence, ref):
            add(name, kind, year_at(end), exact=True)
        for m in RU_NOMINATION.finditer(sentence):
            add(m.group(1)[0].upper() + m.group(1)[1:], "other", year_at(m.end()), exact=True)
        proclaimed = RU_PROCLAIMED.search(sentence)
        for name, kind, start, end in find_ru_partnerships(sentence):
            if proclaimed and kind == "programme" and re.match(r"(?i:международн\w*\s+(?:год|десятилети|дн))", name):
                kind = "resolution"  # a year or decade proclaimed by a resolution, as in English
            if re.search(r"сесси", name, re.I) or any(fold(name) in fold(p.name) for p in found):
                continue
            place = next((ref.places[k] for k in [key_words(fold(name))] if k in ref.places), None)
            add(place.name if place is not None and kind == "category_2_centre" else name, kind, year_at(end) or
                (year_here if kind in ("agreement", "resolution") else None))
    rule = "elected"
    for m in ELECTED.finditer(sentence) if "elected" in lowered else ():
        add(BODIES[m.group(1).lower()], "committee_membership", year_at(m.end()) or year_here, exact=True)
    rule = "numbered-resolution"
    for m in NUMBERED_RESOLUTION.finditer(sentence) if "resolution" in lowered else ():
        body = m.group(1) or ("General Assembly" if "General Assembly" in sentence else "Security Council" if "Security Council" in sentence else None)
        name = f"{body} resolution {m.group(2)}" if body else f"Resolution {m.group(2)}"
        if not any(_same_number(name, p.name) for p in found):
            add(name, "resolution", year_at(m.end()))
    rule = "proclaiming-resolution"
    for m in PROCLAIMING.finditer(sentence) if "resolution" in lowered else ():
        add(m.group(1), "resolution", year_at(m.end()))
    rule = "lower-centre"
    for m in LOWER_CENTRE.finditer(sentence) if "unesco" in lowered else ():
        name = re.sub(r"^an?\s+", "", m.group(1))
        add(name, "category_2_centre", year_at(m.end()))
    rule = "lower-event"
    for m in (LOWER_EVENT.finditer(sentence) if re.search(r"conference|forum|symposium|summit|festival", lowered) else ()):
        if len(m.group(1).split()) >= 4:
            name = m.group(1)
            add(name[0].upper() + name[1:], "event", year_at(m.end()))
    rule = "quoted-project"
    for m in QUOTED_PROJECT.finditer(sentence) if ('"' in sentence or "“" in sentence) else ():
        add(m.group(1) or m.group(2), "programme", year_at(m.end()))
    rule = "biosphere-list"
    for m in BIOSPHERE_LIST.finditer(sentence) if "biosphere" in lowered else ():
        for name in re.split(r",\s*|\s+and\s+", m.group(1)):
            name = TRIM_LEADING.sub("", name).strip()
            if name and fold(name) not in ref.countries:
                add(name + " Biosphere Reserve", "biosphere_reserve", year_at(m.end()))
    rule = "biosphere-list"
    for m in NAMED_LIST.finditer(sentence) if "biosphere" in lowered else ():
        # 'the Charyn and Zhongar-Alatau national parks became biosphere reserves': each name that is a reserve
        for name in re.split(r",\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?", m.group(1)):
            reserve = ref.places.get(fold(TRIM_LEADING.sub("", name).strip() + " Biosphere Reserve"))
            if reserve is not None:
                add(reserve.name, "biosphere_reserve", year_at(m.end()), exact=True)
    rule = "elected"
    for m in RU_ELECTED.finditer(sentence) if CYRILLIC.search(sentence) else ():
        body = m.group(1).lower()
        name = "UNESCO Executive Board" if "исполнительн" in body else "World Heritage Committee" if "всемирного" in body else \
            BODIES["intergovernmental committee"]
        add(name, "committee_membership", year_at(m.start()) or year_here, exact=True)
    rule = "membership"
    rule = "seat"
    for m in SEAT.finditer(sentence) if ("seat" in lowered or "term" in lowered or "member of" in lowered) else ():
        add(BODIES[m.group(1).lower().split(" for ")[0]], "committee_membership", year_at(m.end()) or year_here, exact=True)
    rule = "resolution-on"
    for m in RESOLUTION_ON.finditer(sentence) if "resolution" in lowered else ():
        name = re.sub(r"\s+(?:in|of|for)\s+(?:19|20)\d{2}$", "", m.group(1))
        name = name[0].upper() + name[1:] if name[0].isdigit() else "Resolution on " + name if name[0].islower() else name
        add(name, "resolution", year_at(m.start()) or year_here)
    rule = "described-event"
    for m in DESCRIBED_EVENT.finditer(sentence) if any(w in lowered for w in EVENT_WORDS) else ():
        name = m.group(1) or m.group(2) or f"{m.group(3)} {m.group(4)} {m.group(5)}"
        name = re.sub(r"^(?:an?|the|this|that)\s+", "", name, flags=re.I)
        if len(name.split()) >= 2 and not any(fold(name) in fold(p.name) or fold(p.name) in fold(name) for p in found):
            add(name[0].upper() + name[1:], "event", year_at(m.end()) or year_here)
    rule = "membership"
    if ("member" in lowered or "joined" in lowered) and MEMBERSHIP.search(sentence):
        country = next((iso3 for iso3, _, _ in countries if iso3 in ("KAZ", "KGZ", "TJK", "TKM", "UZB")), focus)
        if country:
            name = ref.country_names.get(country, country)
            add(f"{name}'s membership of UNESCO", "other", year_at(MEMBERSHIP.search(sentence).end()))
    rule = "signed-agreement"
    if not any(p.kind == "agreement" for p in found) and re.search(r"memorand|agreement|action plan|road ?map", lowered) \
            and SIGN.search(sentence):
        match = MEMORANDUM.search(sentence)
        if match:
            tail = re.match(r"\s+(on|of|for|between|in the field of)\s+([^,;.]{3,80}?)(?=\s+(?:on|in)\s+\d|\s+(?:on|in)\s+"
                            r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|"
                            r"[,;.]|$)", sentence[match.end():])
            name = match.group(1) + (f" {tail.group(1)} {tail.group(2)}" if tail else "")
            add(name[0].upper() + name[1:], "agreement", year_here or year_at(match.end()))
    return found


# Russian partnerships by their head word (any case): the name runs from a capitalised word just before the head (or
# the head itself) to the end of its phrase (punctuation, a verb, a conjunction)
RU_HEADS = [
    (re.compile(r"(?i:конференци|форум|саммит|конгресс|фестивал|симпозиум|выставк|игр[ыа]?(?=\s+кочевник))"), "event"),
    (re.compile(r"(?i:соглашени|меморандум|план\w*\s+действий|дорожн\w*\s+карт|рамочн\w*\s+соглашени)"), "agreement"),
    (re.compile(r"(?i:резолюци)"), "resolution"),
    (re.compile(r"(?i:десятилети|международн\w*\s+год(?:а|у|ом)?\b|программ|инициатив|проект)"), "programme"),
    (re.compile(r"(?i:центр)(?=\w*\s+(?:[^.;]*?)(?:категории\s*(?:2|II)|под\s+эгидой))"), "category_2_centre"),
    (re.compile(r"(?i:преми[яиюей]|медал|деклараци|хартия|хартии|всемирн\w*\s+дн)"), "other"),
]
RU_HEAD_ANY = re.compile(r"(?i:конференци|форум|саммит|конгресс|фестивал|симпозиум|игр|соглашени|меморандум|действий|карт|"
                         r"резолюци|десятилети|год|программ|инициатив|проект|центр|преми|медал|деклараци|харти|дн)")
RU_WORD = re.compile(r"«[^»]{1,80}»|\d{4}\s*[–-]\s*\d{4}(?:\s+годы)?|[А-ЯЁа-яё][\w-]*|[A-Z][\w-]*|\d+(?:-?[а-я]{1,3})?")
RU_END = re.compile(r"(?:который|которая|которое|которые|которую|что|а|но|в рамках|и|где|когда|после|перед|при)$")
RU_NOMINATION = re.compile(r"(?i:номинаци\w*)\s+((?:[а-яё]+\s+){0,3}«[^»]{2,80}»|[А-ЯЁ][^,.;]{2,80}?)(?=[,.;]|\s+(?:которую|которая|который|в|на)\s|$)")
RU_PROCLAIMED = re.compile(r"(?i:резолюци|провозгла|объяв)")
RU_SIGN = re.compile(r"(?i:подписа|заключ|ратифиц|утверд|одобр|принял|приняла|приняли)")


def find_ru_partnerships(sentence: str) -> list[tuple[str, str, int, int]]:
    """(name, kind, start, end) for each partnership a Russian sentence names by its head word."""
    out = []
    taken: list[tuple[int, int]] = []
    words = list(RU_WORD.finditer(sentence))
    for k, w in enumerate(words):
        for pattern, kind in RU_HEADS:
            m = pattern.match(sentence, w.start())
            if not m:
                continue
            # start: up to two capitalised or adjective words before the head ('Третья Душанбинская конференция')
            start = k
            while start > 0 and k - start < 3 and re.match(r"[А-ЯЁA-Z«\d]|\w+(?:ый|ий|ой|ая|ое|ую|ом|ым|ем|ых|ого|его|ому|ему|ые|ие|ью|ей)$",
                                                        words[start - 1].group(0)) and \
                    not re.match(r"(?i:в|во|на|и|о|об|по|с|к)$", words[start - 1].group(0)) and \
                    not (start > 1 and re.match(r"(?i:в|во|на|из)$", words[start - 2].group(0))
                         and words[start - 1].group(0)[0].isupper()
                         and not re.search(r"(?:ый|ий|ой|ая|ое|ую|ом|ым|ем|ых|ого|его|ому|ему|ые|ие)$", words[start - 1].group(0))) and \
                    sentence[words[start - 1].end() : words[start].start()].strip() == "":
                start -= 1
            while start < k and not re.match(r"[А-ЯЁA-Z«\d]", words[start].group(0)):
                start += 1  # 'вручение Премии Беруни': the name starts at its first capital
            first = words[start].group(0)
            numbered = kind == "resolution" and re.match(r"\s+\d", sentence[m.end() + len(re.match(r"\w*", sentence[m.end():]).group(0)):])
            if not re.match(r"[А-ЯЁA-Z«\d]", first) and kind not in ("agreement", "category_2_centre") and not numbered:
                break  # an ordinary noun ('конференция'): a name starts with a capital
            if kind == "agreement" and not first[0].isupper() and not RU_SIGN.search(sentence):
                break
            end = k
            while end + 1 < len(words) and end - k < 9:
                gap = sentence[words[end].end() : words[end + 1].start()]
                if gap.strip() not in ("", "«", "»") or RU_END.match(words[end + 1].group(0)) or \
                        re.match(r"\w+(?:ил|ал|ял|ел|ыл)(?:а|и|о|ся|ась|ись)?$|\w+(?:ет|ют|ит|ят)$", words[end + 1].group(0)):
                    break
                end += 1
            span = (words[start].start(), words[end].end())
            if any(s0 < span[1] and span[0] < e0 for s0, e0 in taken):
                break
            name = sentence[span[0] : span[1]]
            if start == end and start == 0:
                break  # 'Конференция ...' at the start of a sentence: the word alone is no name
            name = name[0].upper() + name[1:]
            taken.append(span)
            out.append((name, kind, span[0], span[1]))
            break
    return out


RU_LISTS = [(re.compile(r"(?i:репрезентативн\w+ спис|спис\w* нематериального|нематериального культурного наследия)"),
             "intangible_heritage_inscription"),
            (re.compile(r"(?i:спис\w* всемирного наследия)"), "world_heritage_inscription"),
            (re.compile(r"(?i:биосферн\w+ резерват)"), "biosphere_reserve"),
            (re.compile(r"(?i:«?память мира»?|реестр\w* «?памят)"), "other")]
RU_INCLUDED = re.compile(r"(?i:включ\w*|внесени\w*|внес\w*)\s+(?!в\s)(.{2,120}?)\s+(?:в|во)\s+((?:[А-ЯЁа-яё«»]+\s+){0,2}"
                         r"(?i:список|списка|сеть|реестр)\w*(?:\s+[а-яё«»]+){0,6})")
RU_ELEMENTS = re.compile(r"(?i:элемент\w*|объект\w*):\s*(.+?)(?:\.|$)")


def find_ru_inscriptions(sentence: str, ref: Reference) -> list[tuple[str, str, int]]:
    """'о включении Ортеке в Репрезентативный список ...', '... трех элементов: A, B, а также C' -> (name, kind, end)."""
    out = []
    for m in RU_INCLUDED.finditer(sentence):
        kind = next((k for pattern, k in RU_LISTS if pattern.search(m.group(2) + " " + sentence[m.end():m.end() + 60])), None)
        if kind is None:
            continue
        names = [m.group(1)]
        parts = re.split(r",\s*|\s+и\s+", m.group(1))
        if len(parts) > 1 and all(key_words(fold(p)) in ref.places for p in parts):
            names = parts  # 'Бурабая и Маркаколя': two reserves
        for name in names:
            place = ref.places.get(key_words(fold(name)))
            out.append((place.name if place is not None else name[0].upper() + name[1:], kind, m.end()))
    if RU_LISTS[0][0].search(sentence):
        for m in RU_ELEMENTS.finditer(sentence):
            for name in re.split(r",\s*(?:а\s+также\s+)?|\s+а\s+также\s+", m.group(1)):
                name = name.strip()
                if name:
                    out.append((name[0].upper() + name[1:], "intangible_heritage_inscription", m.end()))
    return out


CREATIVE_CITY = re.compile(r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:has\s+)?(?:become|became|joined|joins|is now|was (?:admitted|designated))"
                           r"\b[^.;]{0,60}?\bCreative Cities Network")
TITLE_HINT = re.compile(r"Advis|Represent|Envoy|Minister|Ambassador|Director|President|Chair|Secretary|Head|Coordinator|Rector|"
                        r"Governor")
TITLE_IN_SPAN = re.compile(r"^.*\b(?:Advis[eo]r|Representative|Envoy|Minister|Ambassador|Director|President|Chair\w*|Secretary|Head|"
                           r"Coordinator|Rector|Governor)\b.*?\b(?:for|of|to)\s+the\s+")
NAMED_LIST = re.compile(r"\b((?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)(?:(?:,\s*|,?\s+and\s+)(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)+)"
                        r"\s+(?:national parks|nature reserves|reserves|parks|biosphere reserves)\b")
RU_ELECTED = re.compile(r"(?i:избра\w*)[^.;]{0,40}?\s(?:в|во)\s+((?:Исполнительн\w+ совет\w*|Комитет\w* всемирного наследия|"
                        r"Межправительственн\w+ комитет\w*)[^.;,]{0,40})")
SEAT = re.compile(r"\b(?:seat|term|membership|place)\s+(?:as a member\s+)?(?:on|of|in)\s+(?:the\s+)?(?:UNESCO\s+)?(Executive Board|"
                  r"World Heritage Committee|Intergovernmental Committee)|\bmember of the (Executive Board|World Heritage Committee)\b")
RESOLUTION_ON = re.compile(r"\bresolutions?\s+(?:(?:initiated|proposed|put forward|sponsored)\s+by\s+[A-Z]\w+\s+)?(?:\w+\s+){0,3}?"
                           r"(?:on|associating the Organi[sz]ation with|marking|celebrating|to celebrate|for)\s+(?:the\s+)?"
                           r"((?:universal\s+)?[a-z][\w'’-]*(?:\s+(?!and\b|which\b|that\b)[\w'’-]+){1,7}|\d+(?:st|nd|rd|th)\s+anniversary\s+of\s+"
                           r"(?:the\s+)?(?:birth\s+of\s+)?[A-Z][^,.;]{2,60})")
EVENT_WORDS = ("forum", "conference", "summit", "symposium", "festival", "biennale", "congress", "exhibition", "workshop")
DESCRIBED_EVENT = re.compile(r"\b((?i:an?|the)\s+(?:(?:first|second|third|new|international|regional|high-level|anniversary|glacier|"
                             r"sub-regional|ministerial|youth|\d+(?:st|nd|rd|th))\s+)+(?:forum|conference|summit|symposium|festival|"
                             r"biennale|congress|exhibition|workshop)(?:\s+(?:on|of|for|to mark|dedicated to|devoted to)\s+[^,.;()]{3,80}?)?)"
                             r"(?=\s+(?:to be held|held|was held|will be held|in|at|on|which|that|will|was|opened|hosted|brought)\b|[,.;()]|$)"
                             r"|\b((?i:an?)\s+(?:forum|conference|summit|symposium|biennale)\s+(?:on|of|for|to mark|dedicated to|devoted to)"
                             r"\s+[^,.;()]{3,80}?)(?=\s+(?:to be held|held|in|at|which|that|will|was)\b|[,.;()]|$)"
                             r"|\b((?i:an?)\s+(?:forum|conference|summit|symposium|biennale))\s+(?:to be held|will be held|was held|held)\b"
                             r"[^,.;]{0,60}?\s+(to mark|on|dedicated to|devoted to|for)\s+([^,.;()]{3,80})")
HERITAGE_HINTS = ("inscri", "list", "intangible", "certificat", "nominat", "element", "memory of", "register", "список", "нематериальн",
                  "сертификат", "элемент", "реестр", "памят")
HERITAGE_CONTEXT = re.compile(r"inscri|Representative List|Urgent Safeguarding|intangible|certificate|nominat|element|Memory of the World|"
                              r"Register|список|нематериальн|сертификат|элемент|реестр|«Память мира»", re.I)
ELEMENT_WORD = re.compile(r"[\w'’-]+")


def _known_elements(sentence: str, ref: Reference, folded=None) -> list[tuple[str, str, int]]:
    """Elements of data/ named in the sentence; `folded` is the sentence's (tokens, keys) when already computed."""
    if folded is None:
        tokens = [(m.group(0), m.start(), m.end()) for m in ELEMENT_WORD.finditer(sentence)]
        folded = (tokens, [key_words(fold(w)) for w, _, _ in tokens])
    words, keys = folded
    out, i = [], 0
    while i < len(words):
        if keys[i].split(" ", 1)[0] not in ref.element_first_words:
            i += 1
            continue
        for size in range(min(ref.element_max_words, len(words) - i), 0, -1):
            hit = ref.elements.get(" ".join(k for k in keys[i : i + size] if k))
            if hit and (words[i][0][0].isupper() or size >= 2):
                out.append((hit[0], hit[1], words[i + size - 1][2]))
                i += size - 1
                break
        i += 1
    return out


class _Part:
    """A part of a named span, with the span's interface (group, start, end)."""

    def __init__(self, text: str, start: int):
        self.text, self._start = text, start

    def group(self, _index: int = 0) -> str:
        return self.text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._start + len(self.text)


JOINED_NAMES = re.compile(r"\s+and\s+(?:to|for|of|with|in)\s+(?:the\s+)?")


def _spans(sentence: str):
    """Named spans; 'the 6th World Nomad Games and to the Chingiz Aitmatov Issyk-Kul Forum' is two of them."""
    for match in SPAN.finditer(sentence):
        text = match.group(0)
        if " and " not in text or not JOINED_NAMES.search(text):
            yield match
            continue
        position = match.start()
        for piece in JOINED_NAMES.split(text):
            offset = sentence.index(piece, position)
            yield _Part(piece, offset)
            position = offset + len(piece)


def _ordinal(text: str) -> str:
    return text[0].upper() + text[1:] if text[0].isalpha() else text


def _sessions(sentence: str) -> list[tuple[str, int]]:
    """Sessions of a body named by their ordinal: ('45th session of the World Heritage Committee', end offset)."""
    out = []
    for m in SESSION_OF.finditer(sentence):
        body = re.sub(r"\s+(?:in|at|on|of|for|and|the)$", "", m.group(2))
        if re.search(r"Committee|Conference|Board|Council|Assembly|Commission|Congress", body):
            out.append((f"{_ordinal(m.group(1))} session of the {body}", m.end()))
    for m in SESSION_ITS.finditer(sentence):
        bodies = [b for b in BODY_BEFORE.finditer(sentence[: m.start()])] or \
            [b for b in BODY_BEFORE.finditer(sentence[m.end():])][:1]  # 'On the last day of its 40th session, the Committee'
        if bodies:
            body = re.sub(r"^(?:The|This|UNESCO)\s+", "", bodies[-1].group(1))
            out.append((f"{_ordinal(m.group(1))} session of the {body}", m.end()))
    for m in RU_SESSION.finditer(sentence):
        body = (m.group(3) or "").strip()
        if not body:
            before = list(RU_BODY_BEFORE.finditer(sentence[: m.start()]))
            body = before[-1].group(1) if before else ""
        if body:
            out.append((f"{m.group(1)}-я {m.group(2)} {body}", m.end()))
    return out


def _first_capital(text: str) -> str:
    """'the epic trilogy Manas, Semetey, Seytek' -> 'Manas, Semetey, Seytek'."""
    match = re.search(r"[A-ZА-ЯЁ«\"“]", text)
    return text[match.start():] if match else ""


def _without_apposition(text: str) -> str:
    """'Falak, a genre of Tajik folk song' -> 'Falak'; 'Manas, Semetey, Seytek' stays whole."""
    head, sep, rest = text.partition(", ")
    return head if sep and re.match(r"(?:a|an|the)\s", rest) else text


def _inscribed_elements(sentence: str) -> list[tuple[str, int]]:
    """Names of heritage elements the sentence says were inscribed: 'X was inscribed', 'inscribed X,',
    'the certificate for X, which', 'includes X, inscribed in 2009'."""
    out = []
    for verb in INSCRIBED_VERB.finditer(sentence):
        clause = re.split(r"[.;:]\s+|\swhile\s|,\s+and\s+", sentence[: verb.start()])[-1].strip().rstrip(",")
        clause = _without_apposition(_first_capital(clause))
        if re.match(r"(?:The|This|That|A|An|Its)\s+[a-z]", clause):
            continue  # 'The traditional wedding ritual was inscribed': a description, the name is elsewhere
        if clause and len(clause.split()) <= 10:
            out.append((clause, verb.end()))
    for m in re.finditer(r"\b(?:inscribed|inscription of|certificates? for|nomination of)\s+(?!(?:on|onto|in|to|as|at|by|for)\s)"
                         r"([^,;.]{2,90})", sentence):
        name = re.split(r"\s+(?:on|onto|in|to|which|was|follows|as)\s", m.group(1))[0]
        name = _first_capital(re.sub(r"^(?:the|a|an)\s+", "", name))
        if name and name[0].isupper() and len(name.split()) <= 8:
            out.append((name, m.end()))
    for m in PARTICIPLE.finditer(sentence):
        out.append((m.group(1), m.end()))
    return out


def _same_number(a: str, b: str) -> bool:
    numbers_a, numbers_b = set(re.findall(r"\d{3,}", a)), set(re.findall(r"\d{3,}", b))
    return bool(numbers_a) and numbers_a == numbers_b
