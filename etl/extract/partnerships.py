"""Partnerships and milestones named in a sentence, with the kind names of the data model.

A 'named span' is a run of capitalised words that may contain lower-case connectors ('International
Decade for the Rapprochement of Cultures', 'Security Council Resolution 2347'); its head word and the
sentence around it decide the kind. World Heritage and intangible heritage inscriptions are found from an
inscription verb plus a World Heritage property from the gazetteer, or a quoted name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import Found
from .reference import Reference
from .text import fold

CONNECTORS = r"(?:of|for|the|on|and|to|de|du|des|la|'s)"
CAPWORD = r"(?:[A-Z][\w'’.\-]*|\d+(?:st|nd|rd|th)?|EXPO-\d{4}|Expo-\d{4})"
SPAN = re.compile(rf"{CAPWORD}(?:\s+(?:{CONNECTORS}\s+)*{CAPWORD})*")
QUOTED = re.compile(r"[“\"«]([^”\"»]{3,120})[”\"»]")

HEADS = [  # (pattern on the span, kind) in order of precedence
    (re.compile(r"\bResolution\b", re.I), "resolution"),
    (re.compile(r"\bDecade\b|\bInternational Year\b|\bYear of\b|\bProgramme\b|\bProgram\b|\bInitiative\b|\bRoadmap\b|\bAction Plan\b"),
     "programme"),
    (re.compile(r"\bConvention\b"), "convention"),
    (re.compile(r"\bBiosphere Reserve\b", re.I), "biosphere_reserve"),
    (re.compile(r"\bGeopark\b", re.I), "geopark"),
    (re.compile(r"\bAgreement\b|\bMemorandum\b|\bTreaty\b"), "agreement"),
    (re.compile(r"\bSummit\b|\bConference\b|\bForum\b|\bCongress\b|\bFestival\b|\bEXPO\b|\bExpo\b|\bSymposium\b|\bGames\b|"
                r"\bExhibition\b|\bWorld Conference\b|\bAssembly\b|\bSession\b|\bCelebration\b|\bDialogue\b"), "event"),
    (re.compile(r"\bCentre\b|\bCenter\b|\bInstitute\b"), "category_2_centre"),
]
C2C_CONTEXT = re.compile(r"category\s*(?:2|II|two)\b|under the auspices of UNESCO", re.I)
WH_LIST = re.compile(r"World Heritage (?:List|site|sites|property|properties|status)", re.I)
INSCRIBE = re.compile(r"\b(inscri\w*|added to|entered|included in|listed|joined the|became|recogni[sz]ed|designat\w*)\b", re.I)
NOMINATE = re.compile(r"\b(nominat\w*|nomination|Tentative List|candidacy|dossier)\b", re.I)
ICH = re.compile(r"intangible (?:cultural )?heritage|Representative List", re.I)
MEMORANDUM = re.compile(r"\b(memorandum of understanding|memorandum|agreement|action plan|roadmap|road map)\b", re.I)
SIGN = re.compile(r"\b(sign\w*|conclu\w*|ratif\w*|adopt\w*)\b", re.I)
GENERIC_NAMES = {"unesco", "united nations", "the united nations", "un", "general conference", "executive board", "security council",
                 "the organization", "conference", "forum", "centre", "center", "institute", "session", "assembly", "programme"}
TRIM_LEADING = re.compile(r"^(?:The|This|A|An|Its|Their|In|On|At|During|Under|As|By|For|With|UNESCO's|UNESCO)\s+")


@dataclass
class Partnership:
    name: str
    kind: str
    year: int | None
    evidence: str
    sentence_index: int


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


def find_partnerships(sentence: str, index: int, dates: list[Found], ref: Reference, heritage_names: list[str]) -> list[Partnership]:
    """Partnerships named in one sentence. heritage_names: World Heritage properties found in it by the gazetteer."""
    found: list[Partnership] = []
    seen: set[str] = set()

    def add(name: str, kind: str, year: int | None) -> None:
        name = _clean(name)
        key = fold(name)
        if len(key) < 4 or key in GENERIC_NAMES or key in seen or key in ref.countries:
            return
        seen.add(key)
        found.append(Partnership(name, kind, year, sentence, index))

    year_here = next((d.year for d in dates if d.end_year is None), None)
    if WH_LIST.search(sentence) or re.search(r"\bWorld Heritage\b", sentence):
        kind = "world_heritage_nomination" if NOMINATE.search(sentence) and not re.search(r"\binscribed\b", sentence, re.I) \
            else "world_heritage_inscription" if INSCRIBE.search(sentence) or WH_LIST.search(sentence) else None
        names = heritage_names or [q for q in QUOTED.findall(sentence)]
        if kind:
            for name in names:
                add(name, kind, year_here)
    if ICH.search(sentence) and INSCRIBE.search(sentence):
        for quoted in QUOTED.findall(sentence):
            add(quoted, "intangible_heritage_inscription", year_here)
        if not QUOTED.search(sentence):
            match = re.search(r"(?:inscription of|inscribed|inscribing)\s+(?:the\s+)?([^,;]+?)\s+(?:on|onto|in|to)\s+(?:the\s+)?"
                              r"(?:UNESCO\s+)?(?:Representative List|List)", sentence)
            subject = match.group(1) if match else None
            if not subject:
                match = re.search(r"^(?:.*?,\s*)?((?:the\s+)?[A-Za-z][\w'’\- ]{3,80}?)\s+(?:was|were|has been|have been)\s+(?:officially\s+)?"
                                  r"inscribed", sentence)
                subject = match.group(1) if match else None
            if subject and len(subject.split()) <= 10:
                add(subject, "intangible_heritage_inscription", year_here)
    for match in SPAN.finditer(sentence):
        span = match.group(0)
        words = span.split()
        if len(words) < 2 and not re.match(r"EXPO|Expo", span):
            continue
        for pattern, kind in HEADS:
            if pattern.search(span):
                if kind == "category_2_centre" and not C2C_CONTEXT.search(sentence):
                    break
                if kind == "event" and re.fullmatch(r"(?:the\s+)?(?:UNESCO\s+)?General Conference", span, re.I):
                    break
                add(span, kind, _year(span, match.start(), match.end(), dates, sentence))
                break
    if not any(p.kind == "agreement" for p in found) and SIGN.search(sentence):
        match = MEMORANDUM.search(sentence)
        if match:
            tail = re.match(r"\s+(?:on|of|for|between|in the field of)\s+([^,;.]{3,80}?)(?=\s+(?:on|in)\s+\d|\s+(?:on|in)\s+"
                            r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|"
                            r"[,;.]|$)", sentence[match.end():])
            name = match.group(1) + (" on " + tail.group(1) if tail else "")
            add(name[0].upper() + name[1:], "agreement", year_here)
    return found
