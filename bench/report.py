"""bench/results.md from the raw results of bench.run: medians with their spread, targets, and met/missed."""

from __future__ import annotations

from .timing import summary
from .workers import EXPORT_ROWS, PAGES, QUESTIONS

TARGET_SIZE = 200_000
MEMORY_SIZE = 1_000_000
RERUN = 0.100  # s, each page, each rerun after a filter change
AGGREGATE_RATIO = 3.0  # × the raw-SQLite lower bound
FACET_RATIO = 0.25  # × Datasette
CSV_SECONDS, CSV_RATIO = 0.5, 0.2
XLSX_SECONDS, JSON_SECONDS = 4.0, 0.5
ETL_RATE = 50_000  # records/s
PEAK_MEMORY = 1e9  # bytes, at 1M meetings
EXTRACT_RATE = 200  # articles/s
PAGE_NAMES = {"app.py": "Overview (app.py)", "pages/1_Timeline.py": "Timeline", "pages/2_Map.py": "Map",
              "pages/3_Themes.py": "Themes", "pages/4_Explorer.py": "Explorer", "pages/5_About_the_data.py": "About the data"}


# ------------------------------------------------------------------------------------------- formatting


def _unit(seconds: float) -> tuple[float, str]:
    return (1000.0, "ms") if seconds < 1 else (1.0, "s")


def _num(value: float) -> str:
    return f"{value:.3g}" if value < 100 else f"{value:,.0f}"


def duration(s: dict | None) -> str:
    """'134 ms (120–150)': the median, and min–max over the runs, in the median's unit."""
    if not s or not s.get("n"):
        return "n/a"
    factor, unit = _unit(s["median"])
    spread = f" ({_num(s['min'] * factor)}–{_num(s['max'] * factor)})" if s["n"] > 1 else ""
    return f"{_num(s['median'] * factor)} {unit}{spread}"


def seconds(value: float | None) -> str:
    if value is None:
        return "n/a"
    factor, unit = _unit(value)
    return f"{_num(value * factor)} {unit}"


def rate(count: int, s: dict | None, unit: str = "/s") -> str:
    """'15,700/s (14,900–16,200)': count per second at the median, and at the slowest and fastest run."""
    if not s or not s.get("n"):
        return "n/a"
    spread = f" ({count / s['max']:,.0f}–{count / s['min']:,.0f})" if s["n"] > 1 else ""
    return f"{count / s['median']:,.0f}{unit}{spread}"


def megabytes(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value / 1e6:.1f} MB" if value < 10e6 else f"{value / 1e6:,.0f} MB"


def ratio(ours: float | None, theirs: float | None) -> str:
    return "n/a" if not ours or not theirs else f"{ours / theirs:.2f}×"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def median(s: dict | None) -> float | None:
    return s["median"] if s and s.get("n") else None


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows] + [""]


def size_label(n: int) -> str:
    return f"{n:,}"


# ------------------------------------------------------------------------------------------- the figures


def rerun_figures(pages: dict) -> list[tuple[str, str, dict]]:
    """(page, which rerun, summary) for every rerun the pages worker timed."""
    out = []
    for page in PAGES:
        p = pages.get(page) or {}
        if p.get("filters"):
            out += [(page, "countries → KGZ", p.get("rerun_country")), (page, "years → 2005–2015", p.get("rerun_years"))]
        else:
            out.append((page, "plain rerun (no filters on this page)", p.get("rerun_plain")))
    return out


def aggregate_rows(q: dict) -> list[tuple[str, str, dict | None, dict | None, object, object]]:
    """(question, filter, dashboard summary, lower-bound summary, dashboard total, lower-bound total)."""
    out = []
    lower = (q.get("lower_bound") or {}).get("answers", {})
    for name in QUESTIONS:
        for filt in ("all", "KGZ"):
            key = f"{name}/{filt}"
            ours, theirs = (q.get("aggregates") or {}).get(key), lower.get(key) or {}
            out.append((name, filt, ours, theirs.get("seconds"), (ours or {}).get("total"), theirs.get("total")))
    return out


def csv_total(q: dict) -> float | None:
    """Reading the rows and writing the CSV: what a click on the dashboard's CSV button costs."""
    e = q.get("exports") or {}
    read, csv = median(e.get("read")), median((e.get("csv") or {}).get("seconds"))
    return read + csv if read is not None and csv is not None else None


# ------------------------------------------------------------------------------------------- the report


def render(results: dict) -> str:
    meta, sizes = results["meta"], results["sizes"]
    ns = [int(n) for n in sizes]
    if not ns:  # a browser-only run
        return "\n".join(["# Benchmark results (browser only)", "",
                          f"Generated {meta['started']} by `{meta['command']}`; load average (1 min) "
                          f"{meta['load_before'][0]:.2f} before, {meta.get('load_after', [0])[0]:.2f} after.", "",
                          "## Targets", ""] + table(["target", "measured", "verdict"], browser_targets(results))
                         + browser_section(results))
    judged = TARGET_SIZE if TARGET_SIZE in ns else max(ns)
    judged_note = "" if judged == TARGET_SIZE else f" — judged at {judged:,}: {TARGET_SIZE:,} was not run"
    J = sizes[str(judged)]
    m = meta["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Generated {meta['started']} by `{meta['command']}` in {meta.get('wall_seconds', 0) / 60:.1f} min of wall time, on "
        f"{m['cores']} cores, {m['memory']}, Python {m['python']}, SQLite {m['sqlite']}, commit {m['commit']}"
        + (" with uncommitted changes" if m["dirty"] else "") + "."
        + (f" Load average (1 min) {meta['load_before'][0]:.2f} before, {meta['load_after'][0]:.2f} after: other work on the "
           "machine shows up as spread." if meta.get("load_after") else ""),
        f"Synthetic databases (`python -m etl synth`, seed {meta['seed']}, every row marked synthetic) of "
        + ", ".join(f"{n:,}" for n in ns) + " meetings (plus a partnership per 4 meetings). "
        f"Yardstick: {meta['datasette']}.",
        f"Each figure: median (min–max) over n runs — {meta['repeats']} for fast measurements, {meta['slow_repeats']} for slow "
        "ones (ETL loads, cold page runs, XLSX). Ratios are ratios of medians. Targets apply at "
        f"{TARGET_SIZE:,} meetings (peak memory at {MEMORY_SIZE:,}); met/missed is judged on the median. "
        "How each figure is taken: bench/README.md.",
        "",
    ]

    # ---------------------------------------------------------------- summary
    rows = []
    pages_j = (J.get("pages") or {}).get("pages") or {}
    reruns = [(p, w, s) for p, w, s in rerun_figures(pages_j) if median(s) is not None]
    if reruns:
        page, which, worst = max(reruns, key=lambda r: median(r[2]))
        over = sum(1 for _, _, s in reruns if median(s) > RERUN)
        rows.append([f"page rerun after a filter change ≤ {seconds(RERUN)}, every page",
                     f"{over} of {len(reruns)} reruns over; slowest: {PAGE_NAMES[page]}, {which}: {duration(worst)}",
                     verdict(median(worst) <= RERUN)])
    else:
        rows.append([f"page rerun ≤ {seconds(RERUN)}", "n/a", "n/a"])
    q = J.get("queries") or {}
    ratios = [(f"{QUESTIONS[n]} ({f})", median(o.get("seconds")) / median(lb)) for n, f, o, lb, _, _ in aggregate_rows(q)
              if o and median(o.get("seconds")) and median(lb)]
    if ratios:
        label, worst_ratio = max(ratios, key=lambda r: r[1])
        rows.append([f"chart aggregates ≤ {AGGREGATE_RATIO:g}× the raw-SQLite lower bound",
                     f"worst: {label}: {worst_ratio:.2f}×", verdict(worst_ratio <= AGGREGATE_RATIO)])
    else:
        rows.append([f"chart aggregates ≤ {AGGREGATE_RATIO:g}× the raw-SQLite lower bound", "n/a", "n/a"])
    d = J.get("datasette") or {}
    ours_f = median((q.get("facets") or {}).get("seconds"))
    theirs_f = median(summary((d.get("facets_off") or {}).get("seconds", [])))
    rows.append([f"faceted answer ≤ {FACET_RATIO:g}× Datasette (suggested facets off)",
                 f"{seconds(ours_f)} vs {seconds(theirs_f)}: {ratio(ours_f, theirs_f)}",
                 verdict(None if not ours_f or not theirs_f else ours_f / theirs_f <= FACET_RATIO)])
    e = q.get("exports") or {}
    n_rows = e.get("rows")
    for fmt, limit in (("csv", CSV_SECONDS), ("xlsx", XLSX_SECONDS), ("json", JSON_SECONDS)):
        value = median((e.get(fmt) or {}).get("seconds"))
        rows.append([f"{fmt.upper()} of {EXPORT_ROWS:,} rows ≤ {seconds(limit)}",
                     f"{seconds(value)} ({n_rows:,} rows)" if n_rows else "n/a",
                     verdict(None if value is None else value <= limit)])
    ours_c, theirs_c = csv_total(q), median(summary((d.get("csv_sql") or {}).get("seconds", [])))
    rows.append([f"CSV (read + write) ≤ {CSV_RATIO:g}× Datasette (same SQL, same rows)",
                 f"{seconds(ours_c)} vs {seconds(theirs_c)}: {ratio(ours_c, theirs_c)}",
                 verdict(None if not ours_c or not theirs_c else ours_c / theirs_c <= CSV_RATIO)])
    etl = J.get("etl") or {}
    load = median(etl.get("load_seconds"))
    rows.append([f"ETL ≥ {ETL_RATE:,} records/s (build-style load)",
                 rate(etl["records"], etl.get("load_seconds")) if load else "n/a",
                 verdict(None if not load else etl["records"] / load >= ETL_RATE)])
    big = sizes.get(str(MEMORY_SIZE))
    big_peak = median(((big or {}).get("etl") or {}).get("peak_rss_bytes"))
    if big:
        peak = big_peak
        synth_peak = (big.get("synth") or {}).get("peak_rss_bytes")
        rows.append([f"ETL peak memory ≤ {megabytes(PEAK_MEMORY)} at {MEMORY_SIZE:,}",
                     f"build-style load {megabytes(peak)}; etl synth {megabytes(synth_peak)}",
                     verdict(None if peak is None else peak <= PEAK_MEMORY)])
    else:
        largest = sizes[str(max(ns))]
        rows.append([f"ETL peak memory ≤ {megabytes(PEAK_MEMORY)} at {MEMORY_SIZE:,}",
                     f"not run at {MEMORY_SIZE:,} (at {max(ns):,}: build-style load "
                     f"{megabytes(median((largest.get('etl') or {}).get('peak_rss_bytes')))})", "n/a"])
    x = results.get("extract") or {}
    xs = median(x.get("seconds"))
    rows.append([f"extract ≥ {EXTRACT_RATE} articles/s, one core", rate(x["documents"], x.get("seconds")) if xs else "n/a",
                 verdict(None if not xs else x["documents"] / xs >= EXTRACT_RATE)])
    rows += xlsx_targets(e)
    rows += browser_targets(results)
    lines += [f"## Targets at {TARGET_SIZE:,} meetings{judged_note}", ""]
    lines += table(["target", "measured", "verdict"], rows)

    codes = {n: sizes[n].get("code") for n in sizes} | ({"end": meta["code_after"]} if meta.get("code_after") else {})
    if len(set(codes.values()) - {None}) > 1:
        lines += ["**The code under test changed during this run** (digest of app.py, pages/, dashboard/, etl/ when each "
                  "size started, and at the end: " + ", ".join(f"{k if k == 'end' else size_label(int(k))} {v}"
                                                               for k, v in codes.items())
                  + "). Whatever ran after the change measured the new code; for figures that compare, run it again.", ""]
    problems = _problems(results)
    if problems:
        lines += ["### Problems seen while measuring", ""] + [f"- {p}" for p in problems] + [""]

    # ---------------------------------------------------------------- ETL
    head = ["measure"] + [size_label(n) for n in ns] + ["target", f"verdict at {judged:,}"]
    rows = []

    def etl_of(n):
        return sizes[str(n)].get("etl") or {}

    def synth_of(n):
        return sizes[str(n)].get("synth") or {}

    rows.append(["build-style load: records/s (meetings + partnerships)"]
                + [rate(etl_of(n)["records"], etl_of(n).get("load_seconds")) if etl_of(n).get("records") else
                   etl_of(n).get("error", "n/a") for n in ns]
                + [f"≥ {ETL_RATE:,}/s", verdict(None if not load else etl["records"] / load >= ETL_RATE)])
    rows.append(["build-style load: rows/s (all tables)"]
                + [rate(etl_of(n)["rows"], etl_of(n).get("load_seconds")) if etl_of(n).get("rows") else "n/a" for n in ns]
                + ["", ""])
    rows.append(["build-style load: records per CPU-second"]
                + [rate(etl_of(n)["records"], etl_of(n).get("load_cpu_seconds"))
                   if etl_of(n).get("records") and etl_of(n).get("load_cpu_seconds") else "n/a" for n in ns]
                + ["", ""])
    rows.append(["build-style load: time"] + [duration(etl_of(n).get("load_seconds")) for n in ns] + ["", ""])
    rows.append(["build-style load: peak memory (whole child process)"]
                + [megabytes(median(etl_of(n).get("peak_rss_bytes"))) for n in ns]
                + [f"≤ {megabytes(PEAK_MEMORY)} at {MEMORY_SIZE:,}",
                   verdict(None if big_peak is None else big_peak <= PEAK_MEMORY)])
    rows.append(["`etl synth` (1 run): time"] + [seconds(synth_of(n).get("seconds")) for n in ns] + ["", ""])
    rows.append(["`etl synth`: records/s"]
                + [f"{synth_of(n)['records'] / synth_of(n)['seconds']:,.0f}/s" if synth_of(n).get("seconds") else "n/a"
                   for n in ns] + ["", ""])
    rows.append(["`etl synth`: peak memory"] + [megabytes(synth_of(n).get("peak_rss_bytes")) for n in ns] + ["", ""])
    rows.append(["database file"] + [megabytes(synth_of(n).get("db_bytes")) for n in ns] + ["", ""])
    lines += ["## ETL", "",
              "Build-style load: `etl.load.build` itself, writing a new database, with its `stream_data` (reading and "
              "validating data/ file by file) replaced by a generator of synthetic batches that the build consumes as "
              "it writes; the generator's own CPU time is taken out of the time and CPU figures. Peak memory is the "
              "child's `ru_maxrss`: the build with the batch in hand, as `etl build` runs.", ""]
    lines += table(head, rows)

    # ---------------------------------------------------------------- pages
    rows = []
    for page in PAGES:
        for label, key, target in (("first run (cold caches)", "first", None), ("rerun: countries → KGZ", "rerun_country", RERUN),
                                   ("rerun: years → 2005–2015", "rerun_years", RERUN),
                                   ("rerun (no filters on this page)", "rerun_plain", RERUN)):
            cells = []
            for n in ns:
                p = ((sizes[str(n)].get("pages") or {}).get("pages") or {}).get(page) or {}
                s = p.get(key)
                cells.append("n/a" if not s or not s.get("n") else f"{duration(s)}; SQL {seconds(median(p.get(key + '_sql')))}")
            if all(c == "n/a" for c in cells):
                continue
            p_j = pages_j.get(page) or {}
            ok = None if target is None or median(p_j.get(key)) is None else median(p_j.get(key)) <= target
            rows.append([PAGE_NAMES[page], label] + cells + [f"≤ {seconds(target)}" if target else "—", verdict(ok) if target else ""])
    floors = [f"{duration(p.get('floor'))} for a new session's first run and {duration(p.get('floor_rerun'))} for a rerun "
              f"at {size_label(n)}" for n in ns for p in [sizes[str(n)].get("pages") or {}]]
    lines += ["## Pages (AppTest, server side)", "",
              "Time of `AppTest.run()` for each page: the first run with nothing cached for the database file (as after a "
              "server start or a rebuild), then reruns after setting countries to KGZ, then years to 2005–2015 (new values, "
              "so nothing is cached for them). \"SQL\" is the time spent inside sqlite3 during that run (median). Every "
              "timed run is a run of an open session (the session's own set-up is not counted). AppTest's own cost for a "
              "one-line script: " + "; ".join(floors) + ".", ""]
    lines += table(["page", "measure"] + [size_label(n) for n in ns] + ["target", f"verdict at {judged:,}"], rows)

    lines += browser_section(results)

    # ---------------------------------------------------------------- aggregates
    lines += ["## Chart aggregates vs the raw-SQLite lower bound", "",
              "The dashboard's answer (through " + (q.get("api") or "n/a") + "; memoised results cleared before each call, "
              "in-memory index kept) next to the same question asked of SQLite directly, with covering indexes made for it "
              "on a copy of the database and rows fetched as tuples. \"agree\" compares the summed counts of both answers.", ""]
    for n in ns:
        qn = sizes[str(n)].get("queries") or {}
        if "error" in qn:
            lines += [f"### {n:,} meetings", "", f"Not measured: {qn['error']}", ""]
            continue
        first = qn.get("first_call")
        rows = []
        for name, filt, ours, lb, total_ours, total_lb in aggregate_rows(qn):
            o = (ours or {}).get("seconds")
            r = median(o) / median(lb) if median(o) and median(lb) else None
            agree = "n/a" if total_ours is None or total_lb is None else ("yes" if total_ours == total_lb else
                                                                          f"**no** ({total_ours:,} vs {total_lb:,})")
            ours_cell = "n/a (no such function)" if ours is None else (ours.get("error") or duration(o))
            rows.append([QUESTIONS[name], "all records" if filt == "all" else "country KGZ", ours_cell, duration(lb),
                         "n/a" if r is None else f"{r:.2f}×", agree, f"≤ {AGGREGATE_RATIO:g}×"]
                        + ([verdict(None if r is None else r <= AGGREGATE_RATIO)] if n == judged else []))
        lines += [f"### {n:,} meetings", "",
                  f"First question on a new database file (loads the dashboard's in-memory index): {duration(first)}. "
                  f"Making the lower-bound indexes took {seconds((qn.get('lower_bound') or {}).get('index_seconds'))}.", ""]
        lines += table(["question", "filter", "dashboard", "SQLite lower bound", "ratio", "agree", "target"]
                       + (["verdict"] if n == judged else []), rows)

    # ---------------------------------------------------------------- exports
    rows = []
    for label, fmt, limit in (("CSV (`export.to_csv`)", "csv", CSV_SECONDS), ("JSON (`export.to_json`)", "json", JSON_SECONDS),
                              ("XLSX (`export.to_xlsx`)", "xlsx", XLSX_SECONDS)):
        cells = [duration(((sizes[str(n)].get("queries") or {}).get("exports") or {}).get(fmt, {}).get("seconds")) for n in ns]
        value = median((e.get(fmt) or {}).get("seconds"))
        rows.append([label] + cells + [f"≤ {seconds(limit)}", verdict(None if value is None else value <= limit)])
    rows.append(["reading the rows (SQL → DataFrame)"]
                + [duration(((sizes[str(n)].get("queries") or {}).get("exports") or {}).get("read")) for n in ns] + ["", ""])
    rows.append(["rows × columns"] + [
        (lambda ex: f"{ex['rows']:,} × {ex['columns']}" if ex.get("rows") is not None else "n/a")(
            ((sizes[str(n)].get("queries") or {}).get("exports") or {})) for n in ns] + ["", ""])
    rows.append(["file sizes CSV / JSON / XLSX"] + [
        " / ".join(megabytes(((sizes[str(n)].get("queries") or {}).get("exports") or {}).get(f, {}).get("bytes"))
                   for f in ("csv", "json", "xlsx")) for n in ns] + ["", ""])
    lines += ["## Exports", "",
              f"The most recent meetings from 2005 on (at most {EXPORT_ROWS:,}; fewer where the database has fewer), read by the "
              "benchmark's own SQL (meetings joined with records for countries and themes), written by dashboard.export.", ""]
    lines += table(["measure"] + [size_label(n) for n in ns] + ["target", f"verdict at {judged:,}"], rows)

    # ---------------------------------------------------------------- Datasette
    rows = []

    def ds(n, key):
        return summary(((sizes[str(n)].get("datasette") or {}).get(key) or {}).get("seconds", []))

    def ours_facets(n):
        return ((sizes[str(n)].get("queries") or {}).get("facets") or {}).get("seconds")

    rows.append(["faceted: dashboard"] + [duration(ours_facets(n)) for n in ns] + ["", ""])
    rows.append(["faceted: Datasette, suggested facets off"] + [duration(ds(n, "facets_off")) for n in ns] + ["", ""])
    rows.append(["faceted: ratio (off)"] + [ratio(median(ours_facets(n)), median(ds(n, "facets_off"))) for n in ns]
                + [f"≤ {FACET_RATIO:g}×", verdict(None if not ours_f or not theirs_f else ours_f / theirs_f <= FACET_RATIO)])
    rows.append(["faceted: Datasette, suggested facets on"] + [duration(ds(n, "facets_on")) for n in ns] + ["", ""])
    rows.append(["faceted: ratio (on)"] + [ratio(median(ours_facets(n)), median(ds(n, "facets_on"))) for n in ns] + ["", ""])
    rows.append(["CSV: dashboard (read + `to_csv`)"] + [seconds(csv_total(sizes[str(n)].get("queries") or {})) for n in ns]
                + ["", ""])
    rows.append(["CSV: Datasette, same SQL (`/db.csv?sql=`)"] + [duration(ds(n, "csv_sql")) for n in ns] + ["", ""])
    rows.append(["CSV: ratio"] + [ratio(csv_total(sizes[str(n)].get("queries") or {}), median(ds(n, "csv_sql"))) for n in ns]
                + [f"≤ {CSV_RATIO:g}×", verdict(None if not ours_c or not theirs_c else ours_c / theirs_c <= CSV_RATIO)])
    rows.append(["CSV: ratio, `to_csv` alone (the rows already read)"]
                + [ratio(median((((sizes[str(n)].get("queries") or {}).get("exports") or {}).get("csv") or {}).get("seconds")),
                         median(ds(n, "csv_sql"))) for n in ns] + ["", ""])
    rows.append(["CSV: Datasette streamed table (`records.csv?…&_stream=on`, rows)"]
                + [f"{duration(ds(n, 'csv_stream'))}, {((sizes[str(n)].get('datasette') or {}).get('csv_stream') or {}).get('rows', 0):,} rows"
                   if ds(n, "csv_stream").get("n") else "n/a" for n in ns] + ["", ""])
    covers = (q.get("facets") or {}).get("covers") or []
    lines += ["## Next to Datasette", "",
              "The same file served by `datasette serve` on 127.0.0.1 (settings in bench/README.md), timed to the last byte "
              "of the answer over HTTP, after one untimed request. Faceted question: records of 2005–2015, their count, "
              "facets `kind` and `record_type`, the first rows (`/DB/records.json?year__gte=2005&year__lte=2015&_facet=kind"
              "&_facet=record_type`). The dashboard's side, in process: " + "; ".join(covers) + "."
              + ("" if (q.get("facets") or {}).get("kind_facet") else
                 " The dashboard computes no count per kind, so its side of the question is smaller than Datasette's.")
              + " CSV: the export's SQL sent as a Datasette query, so both sides write the same rows and columns.", ""]
    lines += table(["measure"] + [size_label(n) for n in ns] + ["target", f"verdict at {judged:,}"], rows)

    # ---------------------------------------------------------------- extract
    lines += ["## Extractor", ""]
    if xs:
        lines += [f"`etl.extract.extract` over {x['documents']} documents ({x['distinct']} labelled articles from "
                  f"tests/fixtures/articles, bodies padded with their own paragraphs to {', '.join(map(str, x['bytes_each']))} "
                  f"bytes, repeated), pinned to {x['cores']} core: **{rate(x['documents'], x['seconds'], ' articles/s')}** "
                  f"({duration(x['seconds'])} per pass); target ≥ {EXTRACT_RATE} articles/s: "
                  f"{verdict(x['documents'] / xs >= EXTRACT_RATE)}.", ""]
    else:
        lines += [f"Not measured: {x.get('error', 'n/a')}", ""]
    return "\n".join(lines)


def _problems(results: dict) -> list[str]:
    out = []
    for n, r in results["sizes"].items():
        at = f"at {int(n):,}"
        for section in ("etl", "pages", "queries", "datasette"):
            if isinstance(r.get(section), dict) and "error" in r[section]:
                out.append(f"{section} {at}: {r[section]['error']}")
        if "error" in r:
            out.append(f"{at}: {r['error']}")
        for page, p in ((r.get("pages") or {}).get("pages") or {}).items():
            for error in p.get("errors") or []:
                out.append(f"{PAGE_NAMES.get(page, page)} {at} raised an exception ({error}); its times are those of the failing run.")
        for key, value in ((r.get("queries") or {}).get("aggregates") or {}).items():
            if isinstance(value, dict) and "error" in value:
                out.append(f"dashboard aggregate {key} {at}: {value['error']}")
        etl = r.get("etl") or {}
        if etl.get("rejects") or etl.get("written") is False:
            out.append(f"ETL build {at}: {etl.get('rejects')} rejects, database written: {etl.get('written')}")
        for key in ("facets_off", "facets_on"):
            d = (r.get("datasette") or {}).get(key) or {}
            if d.get("facets_timed_out"):
                out.append(f"Datasette {key} {at}: facets timed out: {d['facets_timed_out']}")
        ours = ((r.get("queries") or {}).get("facets") or {}).get("count")
        theirs = ((r.get("datasette") or {}).get("facets_off") or {}).get("count")
        if ours is not None and theirs is not None and ours != theirs:
            out.append(f"faceted count {at}: dashboard {ours:,}, Datasette {theirs:,}")
    x = results.get("extract") or {}
    if "error" in x:
        out.append(f"extract: {x['error']}")
    return out


# ------------------------------------------------------------------------------------------- the browser

BROWSER_RATIO = 1.5  # × the floor: first view, page switch, filter change
MAP_SWITCH = 1.5  # s
TIMELINE_VS_MAP = 1.2  # the Timeline's server rerun ÷ the Map's
FIRST_PAGE = 0.5  # s, the first page after a build, at 200,000 meetings (server side)
MEASURES = (("cold", "first view (new browser context)"), ("switch", "page switch (menu link)"),
            ("filter", "filter change (a country)"), ("leave", "leaving the page (menu link to a plain page)"))


def _floor(b: dict, measure: str) -> dict | None:
    """The floor's figure for a measure: all its pages' runs together."""
    values = [v for p in (b.get("floor") or {}).values() for v in ((p.get(measure) or {}).get("values") or [])]
    return summary(values) if values else None


def _kb(s: dict | None) -> str:
    return "n/a" if not s or not s.get("n") else f"{s['median'] / 1000:,.0f} kB"


def browser_targets(results: dict) -> list[list[str]]:
    """The browser targets (judged on the bundled data) and the server leftovers of issue 11."""
    rows = []
    b = (results.get("browser") or {}).get("bundled") or {}
    dash = b.get("dashboard") or {}
    if dash:
        for measure, label in MEASURES[:3]:
            floor = median(_floor(b, measure))
            figures = [(p["label"], median(p.get(measure))) for p in dash.values() if median(p.get(measure)) is not None]
            if not figures or not floor:
                continue
            worst_label, worst = max(figures, key=lambda f: f[1])
            over = [f"{name} {value / floor:.2f}×" for name, value in figures if value > BROWSER_RATIO * floor]
            rows.append([f"browser, bundled data: {label} ≤ {BROWSER_RATIO:g}× the floor, every page",
                         f"floor {seconds(floor)}; slowest: {worst_label} {seconds(worst)} ({worst / floor:.2f}×)"
                         + (f"; over: {', '.join(over)}" if over else ""), verdict(not over)])
        m = median((next((p for p in dash.values() if p["label"] == "Map"), {})).get("switch"))
        rows.append([f"browser, bundled data: Map page switch ≤ {seconds(MAP_SWITCH)}", seconds(m),
                     verdict(None if m is None else m <= MAP_SWITCH)])
    elif b.get("error"):
        rows.append(["browser, bundled data", f"not measured: {b['error']}", "n/a"])
    sizes = results.get("sizes") or {}
    if sizes:
        n = str(TARGET_SIZE) if str(TARGET_SIZE) in sizes else str(max(int(k) for k in sizes))
        pages = (sizes[n].get("pages") or {}).get("pages") or {}
        timeline, map_ = pages.get("pages/1_Timeline.py") or {}, pages.get("pages/2_Map.py") or {}
        t = [median(timeline.get(k)) for k in ("rerun_country", "rerun_years")]
        m = [median(map_.get(k)) for k in ("rerun_country", "rerun_years")]
        if None not in t + m:
            worst = max(a / b_ for a, b_ in zip(t, m))
            rows.append([f"Timeline's server rerun ≤ {TIMELINE_VS_MAP:g}× the Map's (at {int(n):,})",
                         f"countries: {seconds(t[0])} vs {seconds(m[0])}; years: {seconds(t[1])} vs {seconds(m[1])}; "
                         f"worst {worst:.2f}×", verdict(worst <= TIMELINE_VS_MAP)])
        firsts = [(PAGE_NAMES[p], median((pages.get(p) or {}).get("first"))) for p in PAGES]
        firsts = [(name, value) for name, value in firsts if value is not None]
        if firsts:
            name, worst = max(firsts, key=lambda f: f[1])
            rows.append([f"first page after a build ≤ {seconds(FIRST_PAGE)} (server side, at {int(n):,})",
                         f"slowest: {name} {seconds(worst)}", verdict(worst <= FIRST_PAGE)])
    return rows


def browser_section(results: dict) -> list[str]:
    browser = results.get("browser") or {}
    if not browser:
        return []
    runs = [(key, browser[key]) for key in browser if isinstance(browser[key], dict)]
    lines = ["## In the browser (Chromium, Playwright)", "",
             "Time from the action until the page is *ready*: the server has said the script finished and no Streamlit "
             "placeholder, spinner or stale element is left, every visible plotly chart has drawn, every visible data grid "
             "has its canvas and every visible map has drawn on its canvas (bench/browser.py, bench/README.md). *First view*: a new browser context opens the page's URL "
             "(server warm). *Switch*: in a tab that has seen every page once, a click on the page's menu link from a plain "
             "page (About the data; for that page, the Overview; the floor: its other page). *Leaving it*: from the page "
             "back to that plain page. *Filter*: Kyrgyzstan chosen in the sidebar's country filter. *Bytes*: what the "
             "server sent over the WebSocket for that run. The *floor* is bench/floor/: a minimal Streamlit app with one plotly chart, one pydeck map, "
             "one dataframe and one filter, run by the same browser in the same run; ratios are ours ÷ the floor's. "
             "Datasette serves the same file: its table page opened, a switch from one table to another (the database "
             "page and the table, halved), a filter (a table page with `?country_iso3=KGZ`).", ""]
    for key, b in runs:
        title = "bundled data" if key == "bundled" else f"{int(key):,} synthetic meetings"
        lines += [f"### {title}", ""]
        if b.get("error"):
            lines += [f"Not measured: {b['error']}", ""]
            continue
        rows = []
        floors = {m: _floor(b, m) for m, _ in MEASURES}
        for p in (b.get("dashboard") or {}).values():
            row = [p["label"]]
            for m, _ in MEASURES:
                s, f = p.get(m), floors[m]
                row.append("—" if not s or not s.get("n") else
                           f"{duration(s)} · {ratio(median(s), median(f))}"
                           + (f" · {_kb(p.get(m + '_bytes'))}" if m != "leave" else ""))
            rows.append(row)
        fl = b.get("floor") or {}
        rows.append(["**floor** (Streamlit, 1 chart + 1 map + 1 table)"]
                    + [f"{duration(floors[m])}" + (f" · {_kb(summary([v for p in fl.values() for v in (p.get(m + '_bytes') or {}).get('values', [])]))}"
                                                   if m != "leave" else "") if floors[m] else "n/a" for m, _ in MEASURES])
        d = b.get("datasette") or {}
        if d.get("error"):
            rows.append(["Datasette", d["error"], "", "", ""])
        elif d:
            rows.append(["Datasette (table pages)"] + [f"{duration(d.get(m))} · {ratio(median(d.get(m)), median(floors[m]))}"
                                                       if d.get(m) else "—" for m, _ in MEASURES])
        lines += table(["page", "first view · ÷ floor · bytes", "page switch · ÷ floor · bytes",
                        "filter change · ÷ floor · bytes", "leaving it · ÷ floor"], rows)
    return lines


# ------------------------------------------------------------------------------------------- Excel writers

XLSX_LIBRARY_RATIO = 2.0  # a maintained library unless it is more than 2x slower than the hand-written writer
REFERENCE, LIBRARY = "hand-written OOXML (until issue 11)", "rustpy-xlsxwriter (dashboard.export.to_xlsx)"


def xlsx_targets(exports: dict) -> list[list[str]]:
    writers = exports.get("xlsx_writers") or {}
    ref, lib = median((writers.get(REFERENCE) or {}).get("seconds")), median((writers.get(LIBRARY) or {}).get("seconds"))
    if not writers:
        return []
    others = "; ".join(f"{name} {seconds(median(w.get('seconds')))}" if w.get("seconds") else f"{name}: {w.get('error')}"
                       for name, w in writers.items() if name not in (REFERENCE, LIBRARY))
    return [[f"Excel by a maintained library, ≤ {XLSX_LIBRARY_RATIO:g}× the hand-written writer ({exports.get('rows', 0):,} rows)",
             f"{LIBRARY}: {seconds(lib)} vs hand-written {seconds(ref)} ({ratio(lib, ref)}); others: {others}",
             verdict(None if not lib or not ref else lib / ref <= XLSX_LIBRARY_RATIO)]]
