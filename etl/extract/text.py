"""Sentences with their character offsets, and the name normalisation used for matching."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                 "sept", "oct", "nov", "dec", "e.g", "i.e", "etc", "vs", "h.e", "u.n", "u.s", "gen", "col", "lt", "sr", "jr",
                 "approx", "art", "para", "vol", "inc", "ltd", "co"}
BOUNDARY = re.compile(r"""[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])""")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the document text
    end: int
    paragraph: int
    index: int


def sentences(text: str) -> list[Sentence]:
    """Split the body into sentences; paragraph breaks always split; 'Mr.' and initials do not."""
    out: list[Sentence] = []
    offset = 0
    for p_index, paragraph in enumerate(text.split("\n\n")):
        start = 0
        for match in BOUNDARY.finditer(paragraph):
            before = paragraph[start : match.start() + 1]
            word = re.search(r"([\w.]+)\.$", before)
            if word and (word.group(1).lower().rstrip(".") in ABBREVIATIONS or re.fullmatch(r"[A-Z]", word.group(1))):
                continue
            _add(out, paragraph, start, match.start() + 1, offset, p_index)
            start = match.end()
        _add(out, paragraph, start, len(paragraph), offset, p_index)
        offset += len(paragraph) + 2
    return out


def _add(out: list[Sentence], paragraph: str, start: int, end: int, offset: int, p_index: int) -> None:
    chunk = paragraph[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        begin = offset + start + lead
        out.append(Sentence(stripped, begin, begin + len(stripped), p_index, len(out)))


_SIMPLE = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=200_000)
def fold(value: str) -> str:
    """Lower case, no diacritics, no punctuation: 'Türkiye' -> 'turkiye', 'El-Enany' -> 'el enany'."""
    lowered = value.lower()
    if _SIMPLE.fullmatch(lowered):
        return lowered
    value = unicodedata.normalize("NFKD", value)
    value = "".join(c for c in value if not unicodedata.combining(c))
    value = re.sub(r"[’'`ʼ‘]", "", value.lower())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", value).split())


@lru_cache(maxsize=50_000)
def name_key(value: str) -> str:
    """A transliteration-tolerant key: Kairat/Qairat, Azoulay/Azulay, Berdimuhamedov/Berdymukhamedov agree."""
    key = fold(value)
    for old, new in (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("q", "k"), ("ou", "u"), ("yo", "o"), ("y", "i"),
                     ("ee", "i"), ("ey", "ei"), ("w", "v"), ("dj", "j")):
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, stopping early once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž][\w'’\-]*|\d+")


def tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in WORD.finditer(text)]
