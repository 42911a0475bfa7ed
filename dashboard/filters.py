"""The filter model: what the user narrowed the data to, its URL form, and a plain-English sentence.

`Filters` is a frozen value (hashable, so cached loaders can take it). `Options` holds the values
the database allows; anything else arriving from a URL is dropped with a notice, never an exception.
queries.py turns a Filters into SQL with named parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence

from .vocab import MEETING_KINDS, PARTNERSHIP_KINDS, TYPE_KINDS, kind_label

MAX_PARAM_CHARS = 1000
MAX_TEXT_CHARS = 200


@dataclass(frozen=True)
class Options:
    """What the database holds: the allowed values of each filter, with their labels."""

    year_min: int | None = None
    year_max: int | None = None
    themes: Mapping[str, str] = field(default_factory=dict)  # id -> label
    countries: Mapping[str, str] = field(default_factory=dict)  # iso3 -> name
    kinds: Mapping[str, str] = field(default_factory=dict)  # kind (or record type) -> label
    extracted: int = 0  # records extracted from press releases

    @property
    def empty(self) -> bool:
        return self.year_min is None


@dataclass(frozen=True)
class Filters:
    year_from: int | None = None
    year_to: int | None = None
    themes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    text: str = ""
    extracted: bool = True  # include records extracted from press releases

    @property
    def date_from(self) -> str:
        """Lower bound for ISO date text of any precision ('2010' <= '2010-05-01')."""
        return f"{self.year_from:04d}" if self.year_from is not None else "0000"

    @property
    def date_to(self) -> str:
        """Exclusive upper bound ('2020-12-31' < '2021')."""
        return f"{self.year_to + 1:04d}" if self.year_to is not None else "9999"

    def is_default(self) -> bool:
        return self == Filters()

    # ---------------------------------------------------------------- URL

    def to_query(self) -> dict[str, str]:
        """The URL query string form: ?years=2010-2020&theme=education,youth&country=KAZ&kind=meeting&q=glacier"""
        out: dict[str, str] = {}
        if self.year_from is not None or self.year_to is not None:
            out["years"] = f"{self.year_from or ''}-{self.year_to or ''}"
        if self.themes:
            out["theme"] = ",".join(self.themes)
        if self.countries:
            out["country"] = ",".join(self.countries)
        if self.kinds:
            out["kind"] = ",".join(self.kinds)
        if self.text:
            out["q"] = self.text
        if not self.extracted:
            out["extracted"] = "no"
        return out

    @classmethod
    def from_query(cls, params: Mapping[str, str | Sequence[str]], options: Options) -> tuple["Filters", list[str]]:
        """Read and validate URL parameters. Unknown or malformed values are dropped and explained in the notices."""
        notices: list[str] = []

        def values(key: str) -> list[str]:
            raw = params.get(key)
            if raw is None:
                return []
            items = [raw] if isinstance(raw, str) else list(raw)
            out = []
            for item in items:
                if len(item) > MAX_PARAM_CHARS:
                    notices.append(f"Ignored the link's '{key}' value: it is {len(item):,} characters long.")
                    continue
                out += [v.strip() for v in item.split(",") if v.strip()]
            return out

        def allowed(key: str, what: str, choices: Mapping[str, str], normalise=lambda v: v) -> tuple[str, ...]:
            kept: list[str] = []
            for value in values(key):
                value = normalise(value)
                if value in choices and value not in kept:
                    kept.append(value)
                elif value not in choices:
                    notices.append(f"Ignored unknown {what} '{_printable(value)}' from the link.")
            return tuple(kept)

        year_from = year_to = None
        years = values("years")
        if years:
            match = re.fullmatch(r"(\d{4})?-(\d{4})?|(\d{4})", years[0])
            if not match or len(years) > 1:
                notices.append(f"Ignored the link's years '{_printable(','.join(years))}': write them as 2010-2020.")
            else:
                low, high, single = match.groups()
                year_from = int(single or low) if (single or low) else None
                year_to = int(single or high) if (single or high) else None
                if year_from is not None and year_to is not None and year_from > year_to:
                    year_from, year_to = year_to, year_from
                if not options.empty:
                    clamped = (_clamp(year_from, options), _clamp(year_to, options))
                    if clamped != (year_from, year_to):
                        notices.append(f"The data covers {options.year_min}–{options.year_max}; the link's years were adjusted.")
                    year_from, year_to = clamped
        text = _clean_text(_first(params.get("q")))
        if len(text) > MAX_TEXT_CHARS:
            notices.append(f"Shortened the link's search text to {MAX_TEXT_CHARS} characters.")
            text = text[:MAX_TEXT_CHARS].strip()
        extracted = _first(params.get("extracted")).strip().lower()
        if extracted not in ("", "yes", "no"):
            notices.append(f"Ignored the link's extracted='{_printable(extracted)}': use extracted=no to hide extracted records.")
        filters = cls(
            year_from=year_from,
            year_to=year_to,
            themes=allowed("theme", "theme", options.themes),
            countries=allowed("country", "country", options.countries, str.upper),
            kinds=allowed("kind", "record kind", options.kinds),
            text=text,
            extracted=extracted != "no",
        )
        return filters.normalised(options), notices

    def normalised(self, options: Options) -> "Filters":
        """Drop a year bound equal to the data's own bound, so the URL stays short and 'all years' stays all."""
        year_from = None if self.year_from == options.year_min else self.year_from
        year_to = None if self.year_to == options.year_max else self.year_to
        return replace(self, year_from=year_from, year_to=year_to)

    # ---------------------------------------------------------------- words

    def describe(self, options: Options, table: str | None = None) -> str:
        """'Meetings and partnerships from 2010 to 2020 on education or youth, in Kazakhstan or Kyrgyzstan, matching "glacier".'

        table: the sentence for one table only — "meetings", "partnerships", "places" or "documents" — saying what
        applies to it and what does not."""
        if table == "places":
            return self._describe_places(options)
        if table == "documents":
            return self._describe_documents(options)
        kinds = [k for k in self.kinds if table is None or _kind_type(k, options) in (None, table[:-1])]
        if self.kinds and not kinds:
            return (f"No {table}: the record kinds chosen ({_join([_kind_phrase(k, options) for k in self.kinds], 'and')}) "
                    f"are not {table}.")
        if kinds:
            subject = _join([_kind_phrase(k, options) for k in kinds], "or")
        else:
            subject = {"meetings": "Meetings", "partnerships": "Partnerships and milestones"}.get(table or "", "Meetings and partnerships")
        parts = [subject[0].upper() + subject[1:]]
        if self.year_from is not None and self.year_to is not None:
            parts.append(f"in {self.year_from}" if self.year_from == self.year_to else f"from {self.year_from} to {self.year_to}")
        elif self.year_from is not None:
            parts.append(f"from {self.year_from} on")
        elif self.year_to is not None:
            parts.append(f"up to {self.year_to}")
        elif not options.empty:
            parts.append(f"from {options.year_min} to {options.year_max}")
        sentence = " ".join(parts)
        if self.themes:
            sentence += " on " + _join([options.themes.get(t, t).lower() for t in self.themes], "or")
        if self.countries:
            sentence += ", in " + _join([options.countries.get(c, c) for c in self.countries], "or")
        if self.text:
            sentence += f', matching "{self.text}"'
        if not self.extracted:
            sentence += " (curated records only)"
        return sentence + "."

    def _where(self, options: Options) -> str:
        return (", in " + _join([options.countries.get(c, c) for c in self.countries], "or")) if self.countries else ""

    def _describe_places(self, options: Options) -> str:
        when = f" existing by {self.year_to}" if self.year_to is not None else ""
        sentence = "World Heritage properties, biosphere reserves, geoparks, UNESCO offices and centres" + when + self._where(options)
        if self.text:
            sentence += f', matching "{self.text}"'
        ignored = [name for name, used in (("themes", self.themes), ("record kinds", self.kinds),
                                           ("the first year", self.year_from is not None)) if used]
        return sentence + "." + (f" The filters on {_join(ignored, 'and')} do not apply to places." if ignored else "")

    def _describe_documents(self, options: Options) -> str:
        sentence = "Press releases"
        if self.year_from is not None or self.year_to is not None:
            sentence += f" published {self.year_from or options.year_min or ''}–{self.year_to or options.year_max or ''}".rstrip("–")
        if self.countries:
            sentence += " about " + _join([options.countries.get(c, c) for c in self.countries], "or")
        if self.text:
            sentence += f', matching "{self.text}"'
        ignored = [name for name, used in (("themes", self.themes), ("record kinds", self.kinds)) if used]
        return sentence + "." + (f" The filters on {_join(ignored, 'and')} do not apply to press releases." if ignored else "")

    def slug(self) -> str:
        """A short file-name part: '2010-2020_water_KAZ'."""
        parts = []
        if self.year_from is not None or self.year_to is not None:
            parts.append(f"{self.year_from or 'start'}-{self.year_to or 'now'}")
        if self.themes:
            parts.append("+".join(_short_theme(t) for t in self.themes[:3]) + ("+more" if len(self.themes) > 3 else ""))
        if self.countries:
            parts.append("+".join(self.countries))
        if self.kinds:
            parts.append("+".join(k.replace("_", "-") for k in self.kinds[:2]) + ("+more" if len(self.kinds) > 2 else ""))
        if self.text:
            words = re.sub(r"[^a-z0-9]+", "-", self.text.lower()).strip("-")[:20]
            if words:
                parts.append(words)
        if not self.extracted:
            parts.append("curated")
        return "_".join(parts) or "all"


def _first(raw: str | Sequence[str] | None) -> str:
    if raw is None:
        return ""
    return raw if isinstance(raw, str) else (raw[0] if raw else "")


def _clamp(year: int | None, options: Options) -> int | None:
    if year is None:
        return None
    return max(options.year_min, min(options.year_max, year))


def _clean_text(value: str) -> str:
    return " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())


def _printable(value: str, limit: int = 40) -> str:
    value = _clean_text(value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _short_theme(theme_id: str) -> str:
    return {"natural_sciences_water": "water", "climate_glaciology": "glaciers", "culture_heritage": "heritage"}.get(
        theme_id, theme_id.split("_")[0])


def _kind_type(kind: str, options: Options) -> str | None:
    """'meeting' or 'partnership' for a kind of one record type only; None when it could be either ('other')."""
    if kind in TYPE_KINDS:
        return kind
    in_meetings, in_partnerships = kind in MEETING_KINDS, kind in PARTNERSHIP_KINDS
    return None if in_meetings == in_partnerships else ("meeting" if in_meetings else "partnership")


def _kind_phrase(kind: str, options: Options) -> str:
    if kind in TYPE_KINDS:
        return {"meeting": "meetings", "partnership": "partnerships"}[kind]
    label = options.kinds.get(kind) or kind_label(kind)
    if not label.startswith(("World", "UNESCO")):
        label = label[0].lower() + label[1:]
    return label if label.endswith("s") else label + "s"


def _join(items: list[str], word: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]
