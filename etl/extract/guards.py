"""A check of the lookaheads that let the extractor's patterns skip positions.

Many patterns open with a lookahead of the characters their matches can start with (`text.guarded`,
`text.first_letters`, or a hand-written `(?=[...])`): the scan then tries the pattern only where the lookahead holds.
That is only a refactor while every character a match can start with satisfies the lookahead; a rule that adds an
alternative with another first letter and forgets the lookahead loses its matches without a sign.

`python -m etl.extract.guards [DATA_DIR]` checks every such pattern of etl.extract (the people finder's built from the
reference data in DATA_DIR, default data/) and lists, for each lookahead that misses some, the characters it misses
(exit status 1). It reads the pattern with the standard library's parser (`re._parser`, Python 3.11) and tries every
code point, a few seconds in all.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from re import _constants as C  # noqa: the parser's opcodes
from re import _parser as P

_EVERY = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)


def leading_lookahead(source: str) -> str | None:
    """The lookahead a pattern opens with ('(?=[ab])' of '(?=[ab])\\b(?:a|b)'; '(?i:(?=[ab]))' of '(?i:(?=[ab])...)'),
    or None."""
    prefix = ""
    if source.startswith("(?i:(?="):
        prefix, source = "(?i:", source[4:]
    if not source.startswith("(?="):
        return None
    depth, escaped, in_class = 0, False, False
    for i, c in enumerate(source):
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return prefix + source[: i + 1] + (")" if prefix else "")
    return None


def _first_items(items, flags: int) -> tuple[list, bool]:
    """The items (with their flags) that can consume a match's first character, and whether the items can match empty."""
    out = []
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero-width
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            out.append(((op, av), flags))
            return out, False
        if op is C.BRANCH:
            empty = False
            for branch in av[1]:
                found, can_be_empty = _first_items(branch.data, flags)
                out += found
                empty |= can_be_empty
            if not empty:
                return out, False
            continue
        if op is C.SUBPATTERN:
            _group, add, remove, sub = av
            found, empty = _first_items(sub.data, (flags | add) & ~remove)
            out += found
            if not empty:
                return out, False
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, _high, sub = av
            found, empty = _first_items(sub.data, flags)
            out += found
            if low > 0 and not empty:
                return out, False
            continue
        raise ValueError(f"cannot read {op} at a pattern's start")
    return out, True


def _characters(item, flags: int) -> frozenset[str]:
    """Every character one first item (a literal, a class, any) matches under its flags, tried over every code point."""
    key = (repr(item), flags)
    if key not in _SEEN:
        sub = P.SubPattern(P.State(), [item])
        _SEEN[key] = frozenset(re._compiler.compile(sub, flags).findall(_EVERY))
    return _SEEN[key]


_SEEN: dict = {}


def missed(pattern: re.Pattern) -> set[str] | None:
    """The characters a match of the pattern can start with that its leading lookahead refuses (None: no lookahead)."""
    guard = leading_lookahead(pattern.pattern)
    if guard is None:
        return None
    tree = P.parse(pattern.pattern, pattern.flags)
    items, empty = _first_items(tree.data, tree.state.flags)
    if empty:
        raise ValueError("the pattern can match an empty string")
    lookahead = re.compile(guard, pattern.flags)
    return {c for item, flags in items for c in _characters(item, flags) if not lookahead.match(c)}


def guarded_patterns(data_dir: Path = Path("data")) -> dict[str, re.Pattern]:
    """Every compiled pattern of etl.extract that opens with a lookahead, by name."""
    from . import _finder, dates, load_reference, partnerships, people, reference, text
    from . import __name__ as package
    modules = [sys.modules[package], partnerships, dates, people, text, reference]
    out = {f"{m.__name__}.{name}": value for m in modules for name, value in vars(m).items()
           if isinstance(value, re.Pattern) and leading_lookahead(value.pattern)}
    finder = _finder(load_reference(data_dir))
    out.update({f"PeopleFinder.{name}": value for name, value in vars(finder).items()
                if isinstance(value, re.Pattern) and leading_lookahead(value.pattern)})
    out.update({f"PeopleFinder.role_patterns[{role!r}]": value for role, value in finder.role_patterns.items()
                if leading_lookahead(value.pattern)})
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    patterns = guarded_patterns(Path(argv[0]) if argv else Path("data"))
    bad = 0
    for name, pattern in sorted(patterns.items()):
        lost = missed(pattern)
        if lost:
            bad += 1
            shown = "".join(sorted(lost)[:40])
            print(f"{name}: its lookahead {leading_lookahead(pattern.pattern)} misses {len(lost)} first characters: {shown}")
    print(f"{len(patterns)} patterns with a leading lookahead checked, {bad} missing first characters")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
