"""The filter engine: every record's filter columns in memory, filtered and aggregated with numpy.

Loaded once per database file (dashboard.queries.record_index) and shared by all sessions. A filter
change then costs a few vectorised passes over arrays of a few bytes per record, whatever the number of
records, instead of a round of SQL joins. Records are numbered by date (rid = 1 is the oldest; see
etl/schema.py refresh_records), so "the most recent N" is the end of the selection.

Themes and countries are bit sets per record (11 themes, 5 countries); "any of" filters test bits.
Pure functions of arrays and Filters: no Streamlit, no database.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .filters import Filters


@dataclass(frozen=True)
class Cube:
    rid: np.ndarray  # int64, ascending (date order)
    year: np.ndarray  # int16
    is_meeting: np.ndarray  # bool
    kind: np.ndarray  # int16 codes into kinds
    kinds: tuple[str, ...]
    extracted: np.ndarray  # bool
    place: np.ndarray  # int32 codes into places, -1 for none
    places: tuple[str, ...]
    theme_bits: np.ndarray  # uint32, bit i = themes[i]
    themes: tuple[str, ...]
    country_bits: np.ndarray  # uint8, bit i = countries[i]
    countries: tuple[str, ...]

    @classmethod
    def build(cls, records: pd.DataFrame, themes: pd.DataFrame, countries: pd.DataFrame, theme_ids: list[str],
              country_ids: list[str]) -> "Cube":
        """records: rid, year, record_type, kind, origin, place_id (ordered by rid); themes: rid, theme_id;
        countries: rid, country_iso3."""
        rid = records["rid"].to_numpy(dtype=np.int64)
        position = pd.Series(np.arange(len(rid)), index=rid)
        kinds = pd.Categorical(records["kind"])
        places = pd.Categorical(records["place_id"])
        return cls(
            rid=rid, year=records["year"].to_numpy(dtype=np.int16), is_meeting=(records["record_type"] == "meeting").to_numpy(),
            kind=kinds.codes.astype(np.int16), kinds=tuple(kinds.categories),
            extracted=(records["origin"] == "extracted").to_numpy(),
            place=places.codes.astype(np.int32), places=tuple(places.categories),
            theme_bits=_bits(themes, "theme_id", theme_ids, position, len(rid), np.uint32), themes=tuple(theme_ids),
            country_bits=_bits(countries, "country_iso3", country_ids, position, len(rid), np.uint8),
            countries=tuple(country_ids),
        )

    @classmethod
    def from_database(cls, conn) -> "Cube":
        """Load the index of a database (through dashboard.queries; no SQL here)."""
        from . import queries

        records, themes, countries = queries.record_index(conn)
        theme_labels, country_names = queries.labels(conn)
        return cls.build(records, themes, countries, list(theme_labels), list(country_names))

    @classmethod
    def from_file(cls, path, key: str) -> "Cube | None":
        """The index etl build wrote next to the database (etl/index.py), if it is there and was made from a database
        with this key; None otherwise (then the index is built from SQL)."""
        try:
            with np.load(path, allow_pickle=False) as data:
                if str(data["key"]) != key:
                    return None
                fields = {name: data[name] for name in cls.__dataclass_fields__}
        except (OSError, KeyError, ValueError):
            return None
        for name in ("kinds", "places", "themes", "countries"):
            fields[name] = tuple(str(v) for v in fields[name])
        return cls(**fields)

    def options(self, themes: dict[str, str], countries: dict[str, str]):
        """The filters' allowed values: the database's themes and countries (id -> label) and, from the index, the
        years, the record kinds present and the number of extracted records."""
        from .filters import Options
        from .vocab import TYPE_KINDS, kind_label

        if not self.size:
            return Options(None, None, themes, countries, {}, 0)
        present = sorted({("meeting" if m else "partnership", self.kinds[k])
                          for k, m in np.unique(np.stack([self.kind, self.is_meeting]), axis=1).T if k >= 0})
        kinds: dict[str, str] = {}
        for record_type in sorted({t for t, _ in present}):
            kinds[record_type] = TYPE_KINDS.get(record_type, record_type)
        for record_type, kind in present:
            kinds.setdefault(kind, kind_label(kind, None if kind == "other" else record_type))
        return Options(int(self.year.min()), int(self.year.max()), themes, countries, kinds, int(self.extracted.sum()))

    AGGREGATES = ("headline", "per_year", "theme_counts", "theme_year", "theme_country", "theme_pairs", "place_counts")

    @property
    def size(self) -> int:
        return len(self.rid)

    # ------------------------------------------------------------------ filtering

    def mask(self, f: Filters, text_rids: np.ndarray | None = None) -> np.ndarray:
        """Which records pass the filters (text_rids: the records the full-text search found, when there is text)."""
        m = np.ones(self.size, dtype=bool)
        if f.year_from is not None:
            m &= self.year >= f.year_from
        if f.year_to is not None:
            m &= self.year <= f.year_to
        if f.themes:
            m &= (self.theme_bits & _select(self.themes, f.themes)) != 0
        if f.countries:
            m &= (self.country_bits & _select(self.countries, f.countries)) != 0
        if f.kinds:
            wanted = np.isin(self.kind, [i for i, k in enumerate(self.kinds) if k in f.kinds])
            if "meeting" in f.kinds:
                wanted |= self.is_meeting
            if "partnership" in f.kinds:
                wanted |= ~self.is_meeting
            m &= wanted
        if not f.extracted:
            m &= ~self.extracted
        if f.text:
            found = np.zeros(self.size, dtype=bool)
            if text_rids is not None and len(text_rids):
                found[np.searchsorted(self.rid, text_rids)] = True
            m &= found
        return m

    def select(self, m: np.ndarray, record_type: str | None = None, limit: int | None = None,
               place: str | None = None) -> list[int]:
        """The rids of the selected records, oldest first; with a limit, the most recent `limit` of them."""
        if record_type == "meeting":
            m = m & self.is_meeting
        elif record_type == "partnership":
            m = m & ~self.is_meeting
        if place is not None:
            code = self.places.index(place) if place in self.places else -2
            m = m & (self.place == code)
        rids = self.rid[m]
        return (rids[-limit:] if limit else rids).tolist()

    # ------------------------------------------------------------------ aggregates

    def headline(self, m: np.ndarray, f: Filters) -> dict:
        years = self.year[m]
        countries = self.countries if not f.countries else [c for c in self.countries if c in f.countries]
        bits = np.bitwise_or.reduce(self.country_bits[m]) if m.any() else 0
        return {"meetings": int((m & self.is_meeting).sum()), "partnerships": int((m & ~self.is_meeting).sum()),
                "first_year": int(years.min()) if len(years) else None, "last_year": int(years.max()) if len(years) else None,
                "countries": sum(1 for c in countries if bits & (1 << self.countries.index(c)))}

    def per_year(self, m: np.ndarray, f: Filters | None = None) -> pd.DataFrame:
        frames = []
        for record_type, which in (("meeting", self.is_meeting), ("partnership", ~self.is_meeting)):
            years, counts = np.unique(self.year[m & which], return_counts=True)
            frames.append(pd.DataFrame({"year": years.astype(int), "record_type": record_type, "records": counts}))
        return pd.concat(frames, ignore_index=True).sort_values(["year", "record_type"], ignore_index=True)

    def _theme_columns(self, m: np.ndarray, f: Filters) -> list[tuple[str, np.ndarray]]:
        """(theme, mask of selected records carrying it) for every theme, or only the chosen ones."""
        chosen = [t for t in self.themes if not f.themes or t in f.themes]
        bits = self.theme_bits[m]
        return [(t, (bits & np.uint32(1 << self.themes.index(t))) != 0) for t in chosen]

    def theme_counts(self, m: np.ndarray, f: Filters) -> pd.DataFrame:
        rows = [(t, int(has.sum())) for t, has in self._theme_columns(m, f)]
        return pd.DataFrame([r for r in rows if r[1]], columns=["theme_id", "records"])

    def theme_year(self, m: np.ndarray, f: Filters) -> pd.DataFrame:
        years = self.year[m]
        out = []
        for t, has in self._theme_columns(m, f):
            values, counts = np.unique(years[has], return_counts=True)
            out += [(t, int(y), int(n)) for y, n in zip(values, counts)]
        return pd.DataFrame(out, columns=["theme_id", "year", "records"])

    def theme_country(self, m: np.ndarray, f: Filters) -> pd.DataFrame:
        countries = [c for c in self.countries if not f.countries or c in f.countries]
        bits = self.country_bits[m]
        has_country = {c: (bits & np.uint8(1 << self.countries.index(c))) != 0 for c in countries}
        out = [(t, c, int((has & has_country[c]).sum())) for t, has in self._theme_columns(m, f) for c in countries]
        return pd.DataFrame([r for r in out if r[2]], columns=["theme_id", "country_iso3", "records"])

    def theme_pairs(self, m: np.ndarray, f: Filters | None = None) -> pd.DataFrame:
        """Records carrying both themes, for every ordered pair of different themes."""
        bits = self.theme_bits[m]
        matrix = np.stack([((bits >> i) & 1).astype(np.int32) for i in range(len(self.themes))], axis=1)
        together = matrix.T @ matrix
        out = [(a, b, int(together[i, j])) for i, a in enumerate(self.themes) for j, b in enumerate(self.themes)
               if i != j and together[i, j]]
        return pd.DataFrame(out, columns=["theme_a", "theme_b", "records"])

    def place_counts(self, m: np.ndarray, f: Filters | None = None) -> pd.DataFrame:
        """Meetings and partnerships in the selection at each place."""
        with_place = m & (self.place >= 0)
        meetings = np.bincount(self.place[with_place & self.is_meeting], minlength=len(self.places))
        partnerships = np.bincount(self.place[with_place & ~self.is_meeting], minlength=len(self.places))
        extracted = np.bincount(self.place[with_place & self.extracted], minlength=len(self.places))
        frame = pd.DataFrame({"id": list(self.places), "meetings": meetings, "partnerships": partnerships, "extracted": extracted})
        return frame[(frame["meetings"] > 0) | (frame["partnerships"] > 0)]


def _bits(links: pd.DataFrame, column: str, ids: list[str], position: pd.Series, size: int, dtype) -> np.ndarray:
    out = np.zeros(size, dtype=dtype)
    codes = {value: i for i, value in enumerate(ids)}
    links = links[links[column].isin(codes)]
    if len(links):
        where = position.reindex(links["rid"]).to_numpy()
        np.bitwise_or.at(out, where, (np.ones(len(links), dtype=dtype) << links[column].map(codes).to_numpy().astype(dtype)))
    return out


def _select(ids: tuple[str, ...], chosen: tuple[str, ...]):
    bits = 0
    for value in chosen:
        if value in ids:
            bits |= 1 << ids.index(value)
    return bits
