"""Confidence of extracted meetings and partnerships, calibrated on the dev part of the labelled set.

Each extracted fact has a signature (a meeting: how its date was found, whether everyone is a confirmed person named
by name, whether the verb is an encounter verb proper; a partnership: the rule that found it, its kind and whether the
sentence is Russian). On the dev part, `python -m etl eval --calibrate` counts for each signature how many of the facts
were right and writes (right + m p) / (found + m) into calibration.json next to this file. The rules were written
against the dev part, so a signature's dev record is optimistic; p is therefore not the dev rate but the precision
the extractor had on real releases it had never seen (UNSEEN_PRECISION, measured in issue 10 on 27 releases), and m
(PRIOR_WEIGHT) says how many dev facts that prior counts for: a rule that was right 60 times out of 60 on dev says
0.96, one seen twice says 0.82. A signature never seen on dev gets p itself. A meeting is right when a labelled
meeting has the same date and at least two of its participants (all of them when it has fewer); a partnership when a
labelled one has the same kind and a similar name (the eval's rule).
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


PRIOR_WEIGHT = 10  # how many facts the prior counts for in a signature's estimate
# precision on 27 real releases the extractor had never seen (issue 10): meeting dates 0.91 (participants 1.00),
# partnerships 0.78; the prior of every signature of that type
UNSEEN_PRECISION = {"meeting": 0.91, "partnership": 0.78}


def smoothed(right: int, found: int) -> float:
    """Laplace's rule of succession (kept for reports)."""
    return round((right + 1) / (found + 2), 2)


def shrunk(right: int, found: int, prior: float) -> float:
    """A signature's rate, drawn towards the prior when it has few facts; never certain."""
    return min(0.99, round((right + PRIOR_WEIGHT * prior) / (found + PRIOR_WEIGHT), 2))
