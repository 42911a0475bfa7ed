"""Confidence of extracted meetings and partnerships, calibrated on the dev part of the labelled set.

Each extracted fact has a signature (a meeting: how its date was found, whether everyone is a confirmed person named
by name, whether the verb is an encounter verb proper; a partnership: the rule that found it and its kind). On the
dev part, `python -m etl eval --calibrate` counts for each signature how many of the facts were right and writes
(right + 2 p) / (found + 2) into calibration.json next to this file, where p = (right + 1) / (found + 2) over all
facts of the type; the type's p is also the fallback for a signature never seen. A meeting is right when a labelled meeting has the same date and at least two of its participants (all of
them when it has fewer); a partnership when a labelled one has the same kind and a similar name (the eval's rule).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).with_name("calibration.json")


@lru_cache(maxsize=1)
def load_calibration() -> dict[str, float]:
    if not PATH.exists():
        return {}
    return {key: value["confidence"] for key, value in json.loads(PATH.read_text(encoding="utf-8")).items()}


PRIOR_WEIGHT = 2  # how many facts the type's rate counts for in a signature's estimate


def smoothed(right: int, found: int) -> float:
    """Laplace's rule of succession: the type-level rate (a meeting, a partnership)."""
    return round((right + 1) / (found + 2), 2)


def shrunk(right: int, found: int, prior: float) -> float:
    """A signature's rate, drawn towards its type's rate when it has few facts (empirical Bayes shrinkage)."""
    return min(0.99, round((right + PRIOR_WEIGHT * prior) / (found + PRIOR_WEIGHT), 2))  # never certain
