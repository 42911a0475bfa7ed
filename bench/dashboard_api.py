"""The dashboard's answers to the benchmark's questions, through whichever API this version of the dashboard has.

The read side is being reworked (dashboard/cube.py), so nothing here assumes one shape:

- the "cube" API: `ui.aggregate(name, filters)` computes a chart aggregate from the in-memory filter index
  (dashboard.cube.Cube, kept in st.cache_resource) and `ui.select(filters, record_type, limit)` lists the
  selected records; results are memoised in st.cache_data, which `forget_results()` clears before each
  timed call, so every call computes its answer (the index stays loaded, as in a running app);
- the "SQL" API: `queries.<name>(conn, filters)` runs one SQL statement per aggregate.

Anything missing is reported as None ("n/a" in the results), never as an error. Outside a Streamlit run,
st.cache_data and st.cache_resource still work (in memory), which is what makes the cube API callable here.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

AGGREGATES = ("theme_counts", "theme_year", "theme_country", "theme_pairs", "per_year")
KIND_FACET_NAMES = ("kind_counts", "kinds", "facets", "facet_counts")


class Dashboard:
    def __init__(self, db: Path):
        import streamlit as st

        from dashboard import queries, store

        self.st, self.queries = st, queries
        self.conn = store.connect(db)
        try:
            from dashboard import ui
        except Exception:  # noqa: BLE001 - a broken ui module leaves the SQL API
            ui = None
        self.ui = ui if ui is not None and hasattr(ui, "aggregate") and hasattr(ui, "select") else None
        self.api = "cube (ui.aggregate / ui.select)" if self.ui else "SQL (queries.<name>(conn, filters))"

    # ------------------------------------------------------------------ caches

    def forget_results(self) -> None:
        """Forget memoised answers (st.cache_data) but keep the loaded filter index (st.cache_resource)."""
        self.st.cache_data.clear()

    def forget_everything(self) -> None:
        """As after a server start or a rebuild: the filter index is loaded again on the next call."""
        self.st.cache_data.clear()
        self.st.cache_resource.clear()

    # ------------------------------------------------------------------ questions

    def aggregate_function(self, name: str):
        """A function Filters -> DataFrame answering a chart question, or None when this dashboard has none."""
        if self.ui is not None:
            from dashboard.cube import Cube

            if name not in getattr(Cube, "AGGREGATES", ()):
                return None
            return lambda f: self.ui.aggregate(name, f)
        query = getattr(self.queries, name, None)
        return None if query is None else (lambda f: query(self.conn, f))

    def facet_function(self):
        """A function Filters -> dict answering Datasette's faceted question: the count, the count per record type
        (and per kind when the dashboard computes it), and the first 100 rows. Also says what it covers."""
        if self.ui is not None:
            from dashboard.cube import Cube

            kind_name = next((n for n in KIND_FACET_NAMES if n in getattr(Cube, "AGGREGATES", ())), None)
            record_rows = getattr(self.queries, "record_rows", None)

            def answer(f) -> dict:
                out = {"headline": self.ui.aggregate("headline", f)}
                if kind_name:
                    out["kinds"] = self.ui.aggregate(kind_name, f)
                rids = self.ui.select(f, None, 100)
                out["rows"] = record_rows(self.conn, rids) if record_rows else rids
                return out

            parts = ["ui.aggregate('headline') (count per record type)"]
            parts += [f"ui.aggregate('{kind_name}') (count per kind)"] if kind_name else []
            parts += ["ui.select(limit=100)" + (" + queries.record_rows" if record_rows else "") + " (first rows)"]
            return answer, parts, kind_name is not None
        needed = [getattr(self.queries, n, None) for n in ("record_count", "headline", "latest_meetings")]
        if not all(needed):
            return None, ["n/a: neither ui.aggregate nor queries.record_count/headline/latest_meetings exist"], False
        record_count, headline, latest = needed
        kind_query = next((getattr(self.queries, n) for n in KIND_FACET_NAMES if hasattr(self.queries, n)), None)

        def answer(f) -> dict:
            out = {"count": record_count(self.conn, f), "headline": headline(self.conn, f),
                   "rows": latest(self.conn, f, limit=100)}
            if kind_query:
                out["kinds"] = kind_query(self.conn, f)
            return out

        parts = ["queries.record_count", "queries.headline (count per record type)", "queries.latest_meetings(limit=100)"]
        return answer, parts + (["kind facet"] if kind_query else []), kind_query is not None

    @staticmethod
    def total(frame) -> int | None:
        """Sum of the 'records' column of an aggregate (to check it against raw SQLite's answer)."""
        if isinstance(frame, pd.DataFrame) and "records" in frame.columns:
            return int(frame["records"].sum())
        return None
