"""Sentences with their character offsets, and the name normalisation used for matching."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                 "sept", "oct", "nov", "dec", "e.g", "i.e", "etc", "vs", "h.e", "u.n", "u.s", "gen", "col", "lt", "sr", "jr",
                 "approx", "art", "para", "vol", "inc", "ltd", "co"}
ABBREVIATIONS |= {"г", "гг", "т.е", "т.д", "т.п", "им", "ул", "см", "англ", "рус", "млн", "млрд", "тыс"}  # Russian
BOUNDARY = re.compile(r"""[.!?]["'”’»)\]]*\s+(?=["'“‘«(\[]?[A-ZА-ЯЁ0-9])""")
# an initial: one capital, or a Latin transliteration of one Cyrillic letter ('Ch. Rustemova', 'Sh. Mirziyoyev', 'Zh. Ismailova')
INITIAL = re.compile(r"[A-ZА-ЯЁ]|Ch|Sh|Zh|Kh|Ts|Yu|Ya|Yo|Gh")
# a Cyrillic letter: [а-яёіїәғқңөұүһҳӣӯҷ] under re.I, spelt out as the characters that matches (both cases, and the old
# letter forms U+1C80-U+1C86 that fold to в д о с т ъ): a case-sensitive class, about 3x faster to scan
CYRILLIC = re.compile(r"[а-яА-ЯёЁіІїЇәӘғҒқҚңҢөӨұҰүҮһҺҳҲӣӢӯӮҷҶ\u1c80-\u1c86]")
TRAILING_RUN = re.compile(r"[\w.]*")  # the word characters and stops a text ends with, read on the reversed text


def alternatives_of(pattern: str) -> list[str]:
    """'a|b(?:c|d)|[|]e' split at each '|' outside groups and classes: ['a', 'b(?:c|d)', '[|]e']."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += pattern[i + 1 : i + 2] == "^"
            i += pattern[i + 1 : i + 2] == "]"  # a ']' right after '[' (or '[^') is a member
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def by_first_letter(alternatives: str, any_case: bool = False) -> str:
    """'permanent|inscri|program|...' as 'p(?:ermanent|rogram)|i(?:nscri)|...': the same matches (alternatives that start
    with different letters never match at one position, and the order within a letter is kept), but the scan tries one
    letter per position instead of every alternative: about 5x faster on a sentence with no cue. Each alternative starts
    with a letter that no quantifier follows; after it, non-capturing groups, classes and escapes may follow.
    any_case: for a pattern matched with re.I, where 'к' and 'К' start at the same position: the first letters must
    then be lower case."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives_of(alternatives):
        assert alternative[:1].isalpha() and alternative[1:2] not in ("?", "*", "+", "{"), alternative
        assert re.compile(alternative).groups == 0, alternative  # no capturing group: the numbering stays the same
        assert not any_case or alternative[0] == alternative[0].lower(), alternative
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())


def first_letters(alternatives: str) -> str:
    """A lookahead for the letters the alternatives start with ('(?=[pir])' for 'permanent|inscri|program'): written
    before a pattern that starts with \\b, a lookbehind or (?i:...), the scan tests one class per position and tries the
    alternatives only where it holds, 2-4x faster; the matches are the same (each starts with one of those letters).
    Under re.I (or inside (?i:...)) the class matches either case, as the alternatives do."""
    letters = "".join(dict.fromkeys(a[0] for a in alternatives_of(alternatives)))
    assert letters.isalpha(), alternatives
    return f"(?=[{letters}])"


def holds_any_case(pattern: re.Pattern, text: str) -> bool:
    """Whether the text holds a match of a lower-case Russian pattern in any letter case, as (?i:...) would find: the
    pattern is searched, case-sensitive, in text.casefold(), where every character that re.I matches to a letter а-я or ё
    is that letter (checked over all of Unicode: 'Д' and 'ᲁ' casefold to 'д' ...); the scan then skips every position
    where no alternative starts, 2-4x faster. Not for Latin letters ('İ' casefolds to two characters), nor for offsets."""
    global _FOLDED
    last = _FOLDED
    if last[0] is not text:  # (the same sentence is tested several times in a row: casefolded once)
        last = _FOLDED = (text, text.casefold())
    return pattern.search(last[1]) is not None


_FOLDED = ("", "")  # the last text holds_any_case casefolded, and its casefold


def guarded(first: str, pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags) behind a lookahead for the characters its matches can start with ('[iaelj]', or
    '\\d|(?i:[fst])'): for a pattern that opens with \\b, a lookbehind or re.I alternatives, the scan then tests one class
    per position and tries the pattern only where it holds, 1.5-3x faster. The matches are the same as long as `first`
    holds for every first character (under the same flags): list the first letter of every alternative."""
    return re.compile(f"(?={first})(?:{pattern})", flags)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the document text
    end: int
    paragraph: int
    index: int


def sentences(text: str) -> list[Sentence]:
    """Split the body into sentences; paragraph breaks always split; 'Mr.' and initials ('A.', 'Ch.') do not."""
    out: list[Sentence] = []
    offset = 0
    for p_index, paragraph in enumerate(text.split("\n\n")):
        start = 0
        for match in BOUNDARY.finditer(paragraph):
            before = paragraph[start : match.start() + 1]
            # the word before the full stop: what r"([\w.]+)\.$" finds, read backwards from the end (the [\w.] characters
            # the text ends with, less the stop) instead of tried at every position
            tail = TRAILING_RUN.match(before[::-1]).group(0)[::-1]
            word = tail[:-1] if len(tail) >= 2 and tail[-1] == "." else None
            if word and (word.lower().rstrip(".") in ABBREVIATIONS or INITIAL.fullmatch(word)):
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
_NOT_KEY = re.compile(r"[^a-z0-9а-яіәғқңөұүһҳӣӯҷ]+")


@lru_cache(maxsize=200_000)
def fold(value: str) -> str:
    """Lower case, no diacritics, no punctuation: 'Türkiye' -> 'turkiye', 'El-Enany' -> 'el enany'.
    Cyrillic letters stay (ё -> е; й keeps its breve): 'Астану' -> 'астану'."""
    lowered = value.lower()
    if _SIMPLE.fullmatch(lowered):
        return lowered
    lowered = lowered.replace("ё", "е").replace("й", "\x00")
    value = unicodedata.normalize("NFKD", lowered)
    value = "".join(c for c in value if not unicodedata.combining(c)).replace("\x00", "й")
    value = re.sub(r"[’'`ʼ‘]", "", value)
    return " ".join(_NOT_KEY.sub(" ", value).split())


RU_ENDINGS = ("ами", "ями", "ых", "их", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее", "ую",
              "юю", "ом", "ем", "ым", "им", "ах", "ях", "ов", "ев", "ам", "ям", "а", "я", "о", "е", "у", "ю", "ы", "и", "ь", "й")
RU_FINAL = set("аяоеуюыиьй")


@lru_cache(maxsize=100_000)
def ru_stem(word: str) -> str:
    """A Russian word without its case ending, the same for every case of a name: 'Астану', 'Астана' -> 'астан';
    'Боковой', 'Бокова' -> 'боков'; 'Бурабая', 'Бурабай' -> 'бураб'; 'ледников', 'ледники' -> 'ледник'.
    One ending from RU_ENDINGS (longest first), then one more final vowel, keeping at least three letters."""
    word = word.lower().replace("ё", "е")
    if word.endswith("ец") and len(word) > 4:  # the fleeting vowel: 'дворец', 'дворца', 'дворце' -> 'дворц'
        word = word[:-2] + "ц"
    for ending in RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= (3 if len(ending) > 1 or len(word) > 3 else 2):
            word = word[: -len(ending)]
            break
    if len(word) > 3 and word[-1] in RU_FINAL:
        word = word[:-1]
    return word


@lru_cache(maxsize=100_000)
def key_words(folded: str) -> str:
    """A folded phrase with each Cyrillic word reduced to its stem: the key gazetteer and theme lookups use."""
    if not CYRILLIC.search(folded):
        return folded
    return " ".join(ru_stem(w) if CYRILLIC.search(w) else w for w in folded.split())


TRANSLIT = str.maketrans({"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
                          "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
                          "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
                          "э": "e", "ю": "yu", "я": "ya", "қ": "k", "ғ": "g", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
                          "һ": "h", "і": "i", "ә": "a", "ҳ": "h", "ӣ": "i", "ӯ": "u", "ҷ": "j"})


@lru_cache(maxsize=50_000)
def name_key(value: str) -> str:
    """A transliteration-tolerant key: Kairat/Qairat, Azoulay/Azulay, Berdimuhamedov/Berdymukhamedov agree.
    A Cyrillic name is taken without its case ending and transliterated: 'Ириной Боковой' -> 'irin bokov'."""
    key = fold(value)
    if CYRILLIC.search(key):
        key = " ".join(ru_stem(w) for w in key.split()).translate(TRANSLIT)
    for old, new in (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("q", "k"), ("ou", "u"), ("yo", "o"), ("y", "i"),
                     ("ee", "i"), ("ey", "ei"), ("w", "v"), ("dj", "j")):
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-žА-яЁёІіӘәҒғҚқҢңӨөҰұҮүҺһҲҳӢӣӮӯҶҷ][\w'’\-]*|\d+")


def tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m[0], m.start(), m.end()) for m in WORD.finditer(text)]


def token_key(word: str) -> str:
    """The lookup key of one token: folded ('El-Enany' -> 'el enany', "UNESCO's" -> 'unesco'), a Cyrillic word without its
    case ending ('Астану' -> 'астан')."""
    return (fold(word[:-2] if word.endswith(("'s", "’s")) else word) if word.isascii() else key_words(fold(word))) or word.lower()


class PhraseTable:
    """Phrases (English or Russian, any case) looked up in a sentence's tokens, longest first: value, start, end."""

    def __init__(self) -> None:
        self.keys: dict[str, object] = {}
        self.first: set[str] = set()
        self.max_words = 1
        self.cache: dict = {}  # for callers that look the same names up again

    def add(self, phrase: str, value) -> None:
        words = [token_key(w) for w, _, _ in tokens(phrase)]
        if words:
            self.keys.setdefault(" ".join(words), value)
            self.first.add(words[0].split(" ", 1)[0])
            self.max_words = max(self.max_words, len(words))

    def __contains__(self, phrase: str) -> bool:
        return " ".join(token_key(w) for w, _, _ in tokens(phrase)) in self.keys

    def find(self, words: list[tuple[str, int, int]], keys: list[str]) -> list[tuple[object, int, int]]:
        out, i = [], 0
        while i < len(words):
            size_found = 0
            if keys[i].split(" ", 1)[0] in self.first:
                for size in range(min(self.max_words, len(words) - i), 0, -1):
                    value = self.keys.get(" ".join(keys[i : i + size]))
                    if value is not None:
                        out.append((value, words[i][1], words[i + size - 1][2]))
                        size_found = size
                        break
            i += size_found or 1
        return out
