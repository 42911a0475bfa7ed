"""Precision, recall and F1 of the extractor against a labelled set (`make eval`).

Each article `NAME.txt` (or .md/.html) in the folder has `NAME.expected.json` in the output contract
of `python -m etl extract`. Facts are compared per document and summed over the set (micro-average):
meeting dates as a multiset of days, participants as the set of standard names, countries and themes as
sets, places and partnerships by name (a match when one folded name contains the other or they share
most words, Russian words compared without their case ending; partnerships must also agree on kind).

The folder is split once by a fixed rule (`part()`, written in tests/fixtures/articles/README.md) into a
**dev** part, on which the rules may be tuned, and a **test** part that is only scored. Russian articles
(`_ru-` in the name) are also reported on their own. An article the reader refuses counts every expected fact
as missed.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .articles import ArticleError, read_article
from .extract import extract
from .extract.reference import Reference
from .extract.text import fold, key_words

FIELDS = ("meeting dates", "participants", "countries", "places", "themes", "partnerships")
STOP = {"the", "of", "for", "and", "on", "in", "a", "an", "unesco", "s"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    articles: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def similar(a: str, b: str) -> bool:
    """One folded name contains the other, or they share most words (Russian words compared by their stem)."""
    fa, fb = key_words(fold(a)), key_words(fold(b))
    if not fa or not fb:
        return False
    if fa in fb or fb in fa:
        return True
    wa, wb = set(fa.split()) - STOP, set(fb.split()) - STOP
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.6


def _count(score: Score, expected: list, found: list, same, label: str, source: str) -> None:
    """Pair expected and found facts: identical ones first, then similar ones; the rest are misses and extras."""
    remaining, unmatched = list(found), []
    for item in expected:
        if item in remaining:
            remaining.remove(item)
            score.tp += 1
        else:
            unmatched.append(item)
    for item in unmatched:
        match = next((f for f in remaining if same(item, f)), None)
        if match is None:
            score.fn += 1
            score.misses.append(f"{source}: missed {label} {item!r}")
        else:
            score.tp += 1
            remaining.remove(match)
    score.fp += len(remaining)
    score.misses += [f"{source}: extra {label} {f!r}" for f in remaining]


def compare(expected: dict, found: dict, scores: dict[str, Score]) -> None:
    source = expected.get("source", "?")
    eq = lambda a, b: a == b  # noqa: E731
    _count(scores["meeting dates"], [m["date"] for m in expected["meetings"]], [m["date"] for m in found["meetings"]], eq,
           "meeting date", source)
    names = lambda doc: sorted({fold(p["name"]) for m in doc["meetings"] for p in m["participants"]})  # noqa: E731
    _count(scores["participants"], names(expected), names(found), eq, "participant", source)
    _count(scores["countries"], sorted(set(expected["countries"])), sorted(set(found["countries"])), eq, "country", source)
    _count(scores["places"], [p["name"] for p in expected["places"]], [p["name"] for p in found["places"]], similar, "place",
           source)
    _count(scores["themes"], sorted({t["id"] for t in expected["themes"]}), sorted({t["id"] for t in found["themes"]}), eq,
           "theme", source)
    _count(scores["partnerships"], [(p["kind"], p["name"]) for p in expected["partnerships"]],
           [(p["kind"], p["name"]) for p in found["partnerships"]], lambda a, b: a[0] == b[0] and similar(a[1], b[1]),
           "partnership", source)


def part(stem: str) -> str:
    """'dev' or 'test' for a labelled article, by the fixed rule of the fixture README: articles numbered
    below 21 (the ones the rules were first written against, and the seed) are dev; a later one is test when
    sha1 of its file name without suffix, read as a number, leaves 0, 1 or 2 divided by 5."""
    number = re.match(r"(\d+)_", stem)
    if number is None or int(number.group(1)) < 21:
        return "dev"
    return "test" if int(hashlib.sha1(stem.encode()).hexdigest(), 16) % 5 < 3 else "dev"


def is_russian(stem: str) -> bool:
    return "_ru-" in stem


PARTS = {"dev": lambda stem: part(stem) == "dev", "test": lambda stem: part(stem) == "test",
         "test (Russian)": lambda stem: part(stem) == "test" and is_russian(stem),
         "dev (Russian)": lambda stem: part(stem) == "dev" and is_russian(stem)}


def evaluate(folder: Path, ref: Reference, articles: list[Path] | None = None, select=None) -> dict[str, Score]:
    """Scores over the labelled articles of `folder` whose name (without suffix) `select` accepts (all by default)."""
    scores = {name: Score() for name in FIELDS}
    for expected_path in sorted(Path(folder).glob("*.expected.json")):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        stem = expected_path.name.removesuffix(".expected.json")
        if select is not None and not select(stem):
            continue
        candidates = [p for p in expected_path.parent.glob(stem + ".*") if not p.name.endswith(".expected.json")]
        candidates += [p for p in (articles or []) if p.name == expected.get("source")]
        if not candidates:
            continue
        try:
            found = extract(read_article(candidates[0]), ref).as_json()
        except ArticleError as exc:
            found = {"meetings": [], "countries": [], "places": [], "themes": [], "partnerships": []}
            for score in scores.values():
                score.misses.append(f"{expected.get('source')}: refused ({exc})")
        found["source"] = expected.get("source", candidates[0].name)
        compare(expected, found, scores)
        for score in scores.values():
            score.articles += 1
    return scores


def agreement(folder: Path, second: Path) -> dict[str, Score]:
    """How well a second, independent labelling (`second`/NAME.expected.json) agrees with the first one (`folder`), scored
    as the extractor is (the first labels as expected, the second as found): the ceiling a careful reader reaches under
    the written conventions. A second label without a first one is an error."""
    scores = {name: Score() for name in FIELDS}
    for path in sorted(Path(second).glob("*.expected.json")):
        first = Path(folder) / path.name
        if not first.exists():
            raise FileNotFoundError(f"{path}: no first label {first}")
        expected = json.loads(first.read_text(encoding="utf-8"))
        found = json.loads(path.read_text(encoding="utf-8"))
        found["source"] = expected.get("source", path.name)
        compare(expected, found, scores)
        for score in scores.values():
            score.articles += 1
    return scores


def labelled(folder: Path) -> set[str]:
    """The article names (without suffix) that `folder` holds labels for."""
    return {p.name.removesuffix(".expected.json") for p in Path(folder).glob("*.expected.json")}


def table(scores: dict[str, Score]) -> str:
    lines = [f"{'field':<15} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7} {'F1':>6}"]
    for name, s in scores.items():
        lines.append(f"{name:<15} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------- calibration


def _meeting_right(found: dict, expected: list[dict]) -> bool:
    names = {fold(p["name"]) for p in found["participants"]}
    for m in expected:
        wanted = {fold(p["name"]) for p in m["participants"]}
        if m["date"] == found["date"] and len(names & wanted) >= min(2, len(wanted)):
            return True
    return False


def _partnership_right(found: dict, expected: list[dict]) -> bool:
    return any(p["kind"] == found["kind"] and similar(p["name"], found["name"]) for p in expected)


def outcomes(folder: Path, ref: Reference, articles: list[Path] | None = None, select=None):
    """(signature, confidence, right) for every meeting and partnership extracted from the selected articles."""
    out = []
    for expected_path in sorted(Path(folder).glob("*.expected.json")):
        stem = expected_path.name.removesuffix(".expected.json")
        if select is not None and not select(stem):
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        candidates = [p for p in expected_path.parent.glob(stem + ".*") if not p.name.endswith(".expected.json")]
        candidates += [p for p in (articles or []) if p.name == expected.get("source")]
        if not candidates:
            continue
        try:
            extraction = extract(read_article(candidates[0]), ref)
        except ArticleError:
            continue
        found = extraction.as_json()
        for meeting, data in zip(extraction.meetings, found["meetings"]):
            out.append((meeting.signature, meeting.confidence, _meeting_right(data, expected["meetings"])))
        for partnership, data in zip(extraction.partnerships, found["partnerships"]):
            out.append((partnership.signature, partnership.confidence, _partnership_right(data, expected["partnerships"])))
    return out


def calibrate(folder: Path, ref: Reference, articles: list[Path] | None = None) -> dict[str, dict]:
    """Count, on the dev part, how often facts of each signature were right; write etl/extract/calibration.json."""
    from .extract.calibration import PATH, UNSEEN_PRECISION, load_calibration, shrunk

    counts: dict[str, list[int]] = {}
    for signature, _confidence, right in outcomes(folder, ref, articles, PARTS["dev"]):
        for key in (signature, signature.split("|", 1)[0]):
            found_right = counts.setdefault(key, [0, 0])
            found_right[0] += 1
            found_right[1] += int(right)
    # (right + m p) / (found + m), p the precision on unseen releases; a type's own line (the fallback for a signature
    # never seen on dev) is p itself
    table = {key: {"found": n, "right": r,
                   "confidence": UNSEEN_PRECISION[key] if "|" not in key else shrunk(r, n, UNSEEN_PRECISION[key.split("|", 1)[0]])}
             for key, (n, r) in sorted(counts.items())}
    PATH.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    load_calibration.cache_clear()
    return table


BINS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def reliability(rows) -> str:
    """Stated confidence against how often the facts were right, by confidence band."""
    lines = [f"{'confidence':<12} {'facts':>5} {'mean stated':>11} {'right':>6}"]
    for low, high in BINS:
        band = [(c, r) for _s, c, r in rows if c is not None and low <= c < high]
        if band:
            lines.append(f"{low:.1f}–{min(high, 1.0):.1f}{'':<5} {len(band):>5} {sum(c for c, _ in band) / len(band):>11.2f} "
                         f"{sum(r for _, r in band) / len(band):>6.2f}")
    return "\n".join(lines)
