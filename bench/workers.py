"""Measurements that run in a child process of bench.run, one command each; each writes a JSON file.

    python -m bench.workers etl     --meetings N --db PATH --out FILE
    python -m bench.workers pages   --db DB --repeats R --slow-repeats S --out FILE
    python -m bench.workers queries --db DB --repeats R --slow-repeats S --out FILE
    python -m bench.workers extract --repeats R --out FILE

A child per section keeps Streamlit's caches, the SQL timer's patch and memory of one section out of the
others, and lets bench.run read the peak memory of the ETL load from the kernel.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import shutil
import sqlite3
import sys
import time
import traceback
from pathlib import Path

from .timing import repeat, summary, timed

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("app.py", "pages/1_Timeline.py", "pages/2_Map.py", "pages/3_Themes.py", "pages/4_Explorer.py",
         "pages/5_About_the_data.py")
OTHER_COUNTRIES = ("TJK", "TKM", "UZB", "KAZ")  # reruns beyond the first few: one of these instead of KGZ
APPTEST_TIMEOUT = 900  # seconds for one script run; generous so that 1M meetings never times out
EXPORT_ROWS = 60_000
EXPORT_FROM_YEAR = 2005

# The rows the export benchmark writes: meetings with their countries and themes (from records), the most recent
# EXPORT_ROWS meetings from 2005 on. bench.run sends the same statement to Datasette.
EXPORT_SQL = f"""
SELECT m.id, m.date, m.date_precision, m.year, m.title, m.kind, m.place_id, m.summary, m.source_url, m.flags, m.note,
       m.origin, m.confidence, m.document_id, r.countries, r.themes
FROM records r JOIN meetings m ON m.id = r.id
WHERE r.record_type = 'meeting' AND r.year >= {EXPORT_FROM_YEAR}
ORDER BY r.date DESC, r.id
LIMIT {EXPORT_ROWS}
"""


# ============================================================================================ ETL


def synthetic_stream(meetings: int, seed: int = 1, batch: int = 5000):
    """An etl.records.DataStream shaped like stream_data's, generated as it is consumed: the real countries and
    themes from data/, invented places, people, meetings and partnerships (every row marked synthetic), with the same
    proportions as etl/synth.py (a person per 20 meetings, a place per 200, a partnership per 4), `batch` meetings
    or partnerships (with their links) per batch. Only the current batch and the small tables are ever held."""
    from etl.records import DataStream

    return DataStream(_synthetic_batches(meetings, seed, batch), [], [], [])


def _synthetic_batches(meetings: int, seed: int, batch: int):
    from etl.records import read_data

    reference = read_data(ROOT / "data")  # in the generator: its time is the source's, not the build's
    rng = random.Random(seed)
    themes = [t["id"] for t in reference.rows["themes"]]
    focus = [c["iso3"] for c in reference.rows["countries"] if c["focus"]]
    # every column of its table in every row, as stream_data gives them (the example.org source has no publisher)
    marks = {"flags": "synthetic", "note": None, "origin": "synthetic", "confidence": 1.0, "document_id": None,
             "publisher_id": None}
    source = "https://example.org/synthetic"
    n_people, n_places, n_partnerships = max(50, meetings // 20), max(30, meetings // 200), max(20, meetings // 4)
    for table in ("publishers", "countries", "themes"):  # the real reference tables (themes cite publishers)
        yield table, reference.rows[table]
    places = [{"id": f"syn-place-{i}", "name": f"[synthetic] Venue {i}", "kind": "city", "city": None,
               "lat": round(rng.uniform(36, 55), 4), "lon": round(rng.uniform(47, 87), 4), "coord_precision": "city",
               "year": None, "whc_id": None, "category": None, "official_url": None, "source_url": source, **marks}
              for i in range(n_places)]
    place_countries = [{"place_id": p["id"], "country_iso3": rng.choice(focus)} for p in places]
    yield "places", places
    yield "place_countries", place_countries
    yield "people", [{"id": f"syn-person-{i}", "name": f"[synthetic] Person {i}", "source_url": source, **marks}
                     for i in range(n_people)]
    del places, place_countries

    def day() -> tuple[str, int]:
        year = rng.randint(1993, 2026)
        return f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", year

    def links(rows, table: str, key: str, record_id: str) -> None:
        for country in set(rng.choices(focus, k=rng.choice((1, 1, 1, 2, 3)))):
            rows[f"{table}_countries"].append({key: record_id, "country_iso3": country})
        for theme in set(rng.choices(themes, k=rng.choice((1, 1, 2, 2, 3)))):
            rows[f"{table}_themes"].append({key: record_id, "theme_id": theme})

    for first in range(0, meetings, batch):
        rows = {t: [] for t in ("meetings", "meeting_participants", "meeting_countries", "meeting_themes")}
        for i in range(first, min(first + batch, meetings)):
            record_id = f"syn-m-{i}"
            date, year = day()
            rows["meetings"].append({"id": record_id, "date": date, "date_precision": "day", "year": year,
                                     "title": f"[synthetic] Meeting {i}", "kind": "bilateral_meeting",
                                     "place_id": f"syn-place-{rng.randrange(n_places)}",
                                     "summary": "[synthetic] " + "word " * 20, "source_url": source, **marks})
            for person in set(rng.randrange(n_people) for _ in range(rng.choice((2, 2, 3, 4)))):
                rows["meeting_participants"].append({"meeting_id": record_id, "person_id": f"syn-person-{person}",
                                                     "role": None})
            links(rows, "meeting", "meeting_id", record_id)
        yield from rows.items()
    for first in range(0, n_partnerships, batch):
        rows = {t: [] for t in ("partnerships", "partnership_countries", "partnership_themes")}
        for i in range(first, min(first + batch, n_partnerships)):
            record_id = f"syn-p-{i}"
            date, year = day()
            rows["partnerships"].append({"id": record_id, "name": f"[synthetic] Partnership {i}", "kind": "agreement",
                                         "date": date, "date_precision": "day", "year": year, "end_date": None,
                                         "end_precision": None, "end_year": None, "status": "unknown", "place_id": None,
                                         "register": None, "entry": None,
                                         "summary": "[synthetic] " + "word " * 15, "source_url": source, **marks})
            links(rows, "partnership", "partnership_id", record_id)
        yield from rows.items()


class _Counted:
    """The batches of a stream, counting records and rows, and the CPU time spent making them (the generator's
    own work, which a real build spends reading and validating files)."""

    def __init__(self, stream):
        self.stream, self.batches = stream, iter(stream.batches)
        self.records = self.rows = 0
        self.cpu = 0.0
        stream.batches = self

    def __iter__(self):
        return self

    def __next__(self):
        started = time.process_time()
        try:
            table, rows = next(self.batches)
        finally:
            self.cpu += time.process_time() - started
        self.rows += len(rows)
        if table in ("meetings", "partnerships"):
            self.records += len(rows)
        return table, rows


def etl_worker(args) -> dict:
    """One `etl build` of a streamed synthetic data set into a new SQLite file: etl.load.build itself, with its
    stream_data (reading and validating data/) replaced by the synthetic stream, generated while the build consumes
    it. One build per process, so that the process's peak memory is that of one build."""
    from etl import load

    db_path = Path(args.db)
    db_path.unlink(missing_ok=True)
    made: list[_Counted] = []

    def stream(data_dir):
        made.append(_Counted(synthetic_stream(args.meetings, args.seed)))
        return made[-1].stream

    load.stream_data = stream
    cpu = time.process_time()
    load_seconds, build = timed(load.build, ROOT / "data", db_path)
    cpu = time.process_time() - cpu  # the build's own CPU time: comparable between runs on a busy machine
    counted = made[0]
    db_bytes = db_path.stat().st_size
    db_path.unlink()
    Path(str(db_path) + ".index.npz").unlink(missing_ok=True)
    # The generator's work is not the build's: its CPU time is taken out of both figures (it is pure Python on one
    # core, so its CPU time is its wall time too); the raw figures are kept alongside.
    return {"meetings": args.meetings, "records": counted.records, "rows": counted.rows,
            "generate_cpu_seconds": counted.cpu, "load_seconds": load_seconds - counted.cpu,
            "load_cpu_seconds": cpu - counted.cpu, "load_seconds_with_generation": load_seconds,
            "load_cpu_seconds_with_generation": cpu, "written": build.written, "rejects": len(build.rejects),
            "db_bytes": db_bytes}


# ============================================================================================ pages


def touch(db: Path) -> None:
    """Give the database file a new modification time: the dashboard's caches are keyed on it (store.db_version),
    so the next run computes everything again, as after a rebuild."""
    now = time.time_ns()
    os.utime(db, ns=(now, max(now, db.stat().st_mtime_ns + 1_000_000)))


def pages_worker(args) -> dict:
    """Every page under AppTest: the first run with cold caches, then reruns after two filter changes.

    For each page and repeat: a new AppTest session opens the home page (untimed), switches to the page, the
    database file is touched so that no cache holds anything for it, then the page's first run is timed; then
    countries := ["KGZ"] and years := (2005, 2015) are set one after the other, each rerun timed. SQL time is what
    sqlite3 spent inside those runs (bench/sqltimer.py).
    """
    db = Path(args.db)
    os.environ["COOPERATION_DB"] = str(db)
    from streamlit.testing.v1 import AppTest

    import streamlit as st

    from . import sqltimer

    clock = sqltimer.install()
    out: dict = {"pages": {}, "floor": None}
    for page in PAGES:  # warm the process once, as a running server is: imports and first-use costs are not timed
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APPTEST_TIMEOUT).run()
        if page != "app.py":
            at.switch_page(page).run()
    # what AppTest itself costs for a script that does almost nothing: a new session's first run, and a rerun
    fresh, rerun = [], []
    for _ in range(args.repeats):
        at = AppTest.from_string("import streamlit as st\nst.write('x')", default_timeout=APPTEST_TIMEOUT)
        fresh.append(timed(at.run)[0])
        rerun.append(timed(at.run)[0])
    out["floor"], out["floor_rerun"] = summary(fresh), summary(rerun)

    for page in PAGES:
        result = {key: [] for key in ("first", "first_sql", "rerun_country", "rerun_country_sql", "rerun_years",
                                      "rerun_years_sql", "rerun_plain", "rerun_plain_sql", "errors")}

        def timed_run(at, key: str) -> None:
            """Run the page, adding its time and its SQL time under key, and its exception if it raised one."""
            clock.reset()
            seconds, _ = timed(at.run)
            result[key].append(seconds)
            result[key + "_sql"].append(clock.seconds)
            if at.exception:
                result["errors"].append(f"{key}: {at.exception[0].value}")

        has_filters = True
        for _ in range(args.slow_repeats):
            st.cache_data.clear()
            st.cache_resource.clear()
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APPTEST_TIMEOUT)
            at.run()  # untimed: opens the session (AppTest's set-up of a new session is not the page's cost)
            if page != "app.py":
                at.switch_page(page)
            touch(db)
            timed_run(at, "first")
            try:  # widgets are looked up again before each change: AppTest rebuilds its element tree on every run
                at.multiselect(key="flt_countries").set_value(["KGZ"])
            except (KeyError, IndexError):  # a page without the filters: time plain reruns instead
                has_filters = False
                timed_run(at, "rerun_plain")
                timed_run(at, "rerun_plain")
                continue
            timed_run(at, "rerun_country")
            at.slider(key="flt_years").set_value((2005, 2015))
            timed_run(at, "rerun_years")
        # more reruns when fast repeats outnumber slow ones (in the last session): another country, then other years,
        # each a combination not seen before, so nothing is cached for it
        for k in range(args.repeats - args.slow_repeats if has_filters else 0):
            at.multiselect(key="flt_countries").set_value([OTHER_COUNTRIES[k % len(OTHER_COUNTRIES)]])
            timed_run(at, "rerun_country")
            at.slider(key="flt_years").set_value((2006 + k, 2016 + k))
            timed_run(at, "rerun_years")
        out["pages"][page] = {key: summary(values) for key, values in result.items() if key != "errors"}
        out["pages"][page].update(filters=has_filters, errors=sorted(set(result["errors"])))
    return out


# ============================================================================================ queries, exports


# The lower bound: each chart question asked of raw SQLite in its most direct form, with covering indexes made for
# it on a copy of the database, rows fetched as tuples (no DataFrame). Questions over the KGZ records are also asked
# with the join order forced (CROSS JOIN: start from KGZ's links), since the planner does not always find that order;
# the faster form is the lower bound.
LOWER_BOUND_INDEXES = (
    "CREATE INDEX IF NOT EXISTS lb_records_year_type ON records (year, record_type)",
    "CREATE INDEX IF NOT EXISTS lb_records_rid_year_type ON records (rid, year, record_type)",
    "CREATE INDEX IF NOT EXISTS lb_themes_theme_year ON record_themes (theme_id, substr(date, 1, 4))",
    "CREATE INDEX IF NOT EXISTS lb_themes_rid_theme ON record_themes (rid, theme_id, date)",
    "CREATE INDEX IF NOT EXISTS lb_countries_rid_country ON record_countries (rid, country_iso3)",
    "CREATE INDEX IF NOT EXISTS lb_countries_country_rid ON record_countries (country_iso3, rid)",
)
KGZ = "rc.country_iso3 = 'KGZ'"
LOWER_BOUND_SQL = {
    ("theme_counts", "all"): ["SELECT theme_id, count(*) FROM record_themes GROUP BY theme_id"],
    ("theme_counts", "KGZ"): [f"SELECT rt.theme_id, count(*) FROM record_countries rc {join} record_themes rt ON rt.rid = rc.rid "
                              f"WHERE {KGZ} GROUP BY rt.theme_id" for join in ("JOIN", "CROSS JOIN")],
    ("theme_year", "all"): ["SELECT theme_id, substr(date, 1, 4), count(*) FROM record_themes GROUP BY 1, 2"],
    ("theme_year", "KGZ"): [f"SELECT rt.theme_id, substr(rt.date, 1, 4), count(*) FROM record_countries rc {join} record_themes rt "
                            f"ON rt.rid = rc.rid WHERE {KGZ} GROUP BY 1, 2" for join in ("JOIN", "CROSS JOIN")],
    ("theme_country", "all"): [f"SELECT rt.theme_id, rc.country_iso3, count(*) FROM record_themes rt {join} record_countries rc "
                               "ON rc.rid = rt.rid GROUP BY 1, 2" for join in ("JOIN", "CROSS JOIN")],
    ("theme_country", "KGZ"): [f"SELECT rt.theme_id, rc.country_iso3, count(*) FROM record_countries rc {join} record_themes rt "
                               f"ON rt.rid = rc.rid WHERE {KGZ} GROUP BY 1, 2" for join in ("JOIN", "CROSS JOIN")],
    ("theme_pairs", "all"): ["SELECT a.theme_id, b.theme_id, count(*) FROM record_themes a "
                             "JOIN record_themes b ON b.rid = a.rid AND b.theme_id <> a.theme_id GROUP BY 1, 2"],
    ("theme_pairs", "KGZ"): [f"SELECT a.theme_id, b.theme_id, count(*) FROM record_countries rc {join} record_themes a ON a.rid = rc.rid "
                             f"{join} record_themes b ON b.rid = a.rid AND b.theme_id <> a.theme_id WHERE {KGZ} GROUP BY 1, 2"
                             for join in ("JOIN", "CROSS JOIN")],
    ("per_year", "all"): ["SELECT year, record_type, count(*) FROM records GROUP BY 1, 2"],
    ("per_year", "KGZ"): [f"SELECT r.year, r.record_type, count(*) FROM record_countries rc {join} records r ON r.rid = rc.rid "
                          f"WHERE {KGZ} GROUP BY 1, 2" for join in ("JOIN", "CROSS JOIN")],
}
QUESTIONS = {"theme_counts": "records per theme", "theme_year": "theme × year", "theme_country": "theme × country",
             "theme_pairs": "theme co-occurrence", "per_year": "records per year"}


def lower_bounds(db: Path, work: Path, repeats: int) -> dict:
    copy = work / f"{db.stem}.lowerbound.db"
    shutil.copyfile(db, copy)
    try:
        conn = sqlite3.connect(copy)
        start = time.perf_counter()
        for sql in LOWER_BOUND_INDEXES + ("ANALYZE",):
            conn.execute(sql)
        conn.commit()
        index_seconds = time.perf_counter() - start
        out = {"index_seconds": index_seconds, "answers": {}}
        for (name, filt), forms in LOWER_BOUND_SQL.items():
            best = None
            for sql in forms:
                times = summary(repeat(lambda: conn.execute(sql).fetchall(), repeats, 1))
                if best is None or times["median"] < best["seconds"]["median"]:
                    rows = conn.execute(sql).fetchall()
                    best = {"seconds": times, "total": sum(r[-1] for r in rows), "sql": sql, "plan": _plan(conn, sql)}
            out["answers"][f"{name}/{filt}"] = best
        conn.close()
        return out
    finally:
        copy.unlink(missing_ok=True)


def _plan(conn: sqlite3.Connection, sql: str) -> str:
    return "; ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))


def queries_worker(args) -> dict:
    """Chart aggregates (dashboard vs raw SQLite), exports of 60k rows, and the dashboard's side of the faceted question
    that bench.run also asks Datasette."""
    db = Path(args.db)
    os.environ["COOPERATION_DB"] = str(db)
    from dashboard import export
    from dashboard.filters import Filters

    from .dashboard_api import AGGREGATES, Dashboard

    import pandas as pd

    dash = Dashboard(db)
    filters = {"all": Filters(), "KGZ": Filters(countries=("KGZ",))}
    out: dict = {"api": dash.api, "aggregates": {}, "exports": {}, "facets": {}}

    # the first question on a new database file pays for loading whatever in-memory index the dashboard keeps
    first = dash.aggregate_function("theme_counts")
    if first is not None:
        cold = []
        for _ in range(args.slow_repeats):
            dash.forget_everything()
            cold.append(timed(first, filters["all"])[0])
        out["first_call"] = summary(cold)

    for name in AGGREGATES:
        fn = dash.aggregate_function(name)
        for label, f in filters.items():
            key = f"{name}/{label}"
            if fn is None:
                out["aggregates"][key] = None
                continue
            try:
                fn(f)  # warm: index loaded
                times = []
                for _ in range(args.repeats):
                    dash.forget_results()
                    seconds, frame = timed(fn, f)
                    times.append(seconds)
                out["aggregates"][key] = {"seconds": summary(times), "total": Dashboard.total(frame)}
            except Exception as exc:  # noqa: BLE001 - report and go on
                out["aggregates"][key] = {"error": f"{type(exc).__name__}: {exc}"}
    out["lower_bound"] = lower_bounds(db, Path(args.work), args.repeats)

    # exports: our own SQL for the rows, dashboard.export for the bytes
    conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
    read = repeat(lambda: pd.read_sql_query(EXPORT_SQL, conn), args.repeats, 1)
    frame = pd.read_sql_query(EXPORT_SQL, conn)
    build = conn.execute("SELECT finished_at FROM etl_runs ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    info = export.about(f"Meetings from {EXPORT_FROM_YEAR} on (benchmark, synthetic data).", len(frame), "meetings",
                        build[0] if build else None)
    out["exports"] = {"rows": len(frame), "columns": len(frame.columns), "read": summary(read)}
    for fmt, fn, times in (("csv", lambda: export.to_csv(frame), args.repeats),
                           ("json", lambda: export.to_json(frame, info), args.repeats),
                           ("xlsx", lambda: export.to_xlsx(frame, info, "meetings"), args.slow_repeats)):
        size = len(fn())
        out["exports"][fmt] = {"seconds": summary(repeat(fn, times)), "bytes": size}
    out["exports"]["xlsx_writers"] = xlsx_writers(frame, info, args.slow_repeats)

    # the faceted question (years 2005–2015): count, facets, first rows
    answer, parts, has_kinds = dash.facet_function()
    out["facets"] = {"covers": parts, "kind_facet": has_kinds}
    if answer is not None:
        f = Filters(year_from=2005, year_to=2015)
        try:
            result = answer(f)
            times = []
            for _ in range(args.repeats):
                dash.forget_results()
                times.append(timed(answer, f)[0])
            out["facets"]["seconds"] = summary(times)
            head = result["headline"]
            out["facets"]["count"] = int(head["meetings"]) + int(head["partnerships"])
        except Exception as exc:  # noqa: BLE001
            out["facets"]["error"] = f"{type(exc).__name__}: {exc}"
    return out


def xlsx_writers(frame, info: dict, repeats: int) -> dict:
    """Every Excel writer of bench/xlsx.py on the same rows (a writer whose library is not installed says so)."""
    import importlib.util

    from .xlsx import WRITERS

    out = {}
    for name, (module, writer) in WRITERS.items():
        if module and importlib.util.find_spec(module) is None:
            out[name] = {"error": f"{module} is not installed"}
            continue
        try:
            size = len(writer(frame, info, "meetings"))
            out[name] = {"seconds": summary(repeat(lambda: writer(frame, info, "meetings"), repeats)), "bytes": size}
        except Exception as exc:  # noqa: BLE001
            out[name] = {"error": f"{type(exc).__name__}: {exc}"}
    return out


# ============================================================================================ extract


def articles(target_bytes: int = 2048) -> list:
    """The labelled articles, each body padded with its own paragraphs (or trimmed) to about target_bytes."""
    from etl.articles import read_article

    docs = []
    for path in sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt")):
        doc = read_article(path)
        paragraphs = doc.text.split("\n\n")
        text, k = doc.text, 0
        while len(text.encode()) < target_bytes:
            text += "\n\n" + paragraphs[k % len(paragraphs)]
            k += 1
        if len(text.encode()) > target_bytes:
            text = text.encode()[:target_bytes].decode(errors="ignore")
        docs.append(dataclasses.replace(doc, text=text))
    return docs


def extract_worker(args) -> dict:
    """Articles per second of etl.extract.extract on one core."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from etl.extract import extract, load_reference

    reference = load_reference(ROOT / "data")
    base = articles()
    documents = (base * (200 // len(base) + 1))[: max(200, len(base))]
    for doc in base:  # warm: compiled patterns and finders
        extract(doc, reference)
    times = repeat(lambda: [extract(doc, reference) for doc in documents], args.repeats)
    return {"documents": len(documents), "distinct": len(base),
            "bytes_each": sorted({len(d.text.encode()) for d in base}), "seconds": summary(times),
            "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None}


# ============================================================================================ main


def quiet_streamlit() -> None:
    """Streamlit warns on every cached call made outside `streamlit run` ("No runtime found"); keep the logs readable."""
    from streamlit import logger

    logger.set_log_level("error")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.workers")
    parser.add_argument("command", choices=("etl", "pages", "queries", "extract"))
    parser.add_argument("--db")
    parser.add_argument("--meetings", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--slow-repeats", type=int, default=3)
    parser.add_argument("--work", default=str(ROOT / "bench" / "work"))
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    quiet_streamlit()
    worker = {"etl": etl_worker, "pages": pages_worker, "queries": queries_worker, "extract": extract_worker}[args.command]
    try:
        result = worker(args)
    except Exception as exc:  # noqa: BLE001 - the report shows the failure; the other sections still run
        traceback.print_exc()
        result = {"error": f"{type(exc).__name__}: {exc}"}
    Path(args.out).write_text(json.dumps(result, indent=1, default=str))
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    sys.exit(main())
