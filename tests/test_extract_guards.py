"""The lookaheads that let the extractor's patterns skip positions admit every character a match can start with."""

import re

from etl.extract import guards


def test_every_guarded_pattern_of_the_extractor_admits_its_first_characters(capsys):
    patterns = guards.guarded_patterns()
    assert len(patterns) > 40
    assert guards.main([]) == 0, capsys.readouterr().out


def test_a_lookahead_that_forgets_an_alternative_is_reported():
    assert guards.missed(re.compile(r"(?=[ab])(?:apple|banana|cherry)")) == {"c"}
    assert guards.missed(re.compile(r"(?=[abc])\b(?:apple|banana|cherry)")) == set()
    # a case-insensitive part: its upper-case first letters count too (the lookahead itself is case-sensitive)
    assert guards.missed(re.compile(r"(?=[ab])(?i:apple|banana)")) == {"A", "B"}
    assert guards.missed(re.compile(r"(?=[ab])(?:apple|banana)", re.I)) == set()
    assert guards.missed(re.compile(r"\b(?:apple)")) is None
