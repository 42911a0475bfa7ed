"""`make bench`: speed of the dashboard, the ETL and the extractor at scale, on synthetic data, next to Datasette.

    .venv/bin/python -m bench.run [--sizes 10000,100000,200000] [--with-1m] [--repeats N] [--out bench/results.md]

For each size: a synthetic database (`python -m etl synth`, written under bench/work/, never data/), then in
child processes the ETL load, every page under AppTest, the chart aggregates against raw SQLite, the exports,
and the same questions asked of Datasette on loopback. Then the extractor once. bench/README.md says what
each figure means; the raw numbers go to bench/work/results.json, the table to --out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from . import briefing_speed, datasette, report, workers
from .timing import ChildRun, run_child, summary

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
SEED = 1


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def worker(command: str, name: str, *options: str) -> tuple[dict, ChildRun]:
    """Run `python -m bench.workers COMMAND ...` in a child; (its JSON result, the ChildRun)."""
    out = WORK / "logs" / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    child = run_child([sys.executable, "-m", "bench.workers", command, *options, "--out", str(out)], ROOT, WORK / "logs",
                      name, timeout=4 * 3600)
    if out.exists():
        return json.loads(out.read_text()), child
    tail = (child.stderr.strip().splitlines() or ["no output"])[-1]
    return {"error": f"worker {command} exited with {child.returncode}: {tail}"}, child


def code_fingerprint() -> str:
    """A digest of the code under test (app.py, pages/, dashboard/, etl/): the report warns when it changed mid-run."""
    digest = hashlib.sha256()
    for path in sorted([ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("dashboard/*.py"), *ROOT.glob("etl/**/*.py")]):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def measure_size(meetings: int, repeats: int, slow: int, datasette_binary: Path | None, datasette_note: str) -> dict:
    result: dict = {"meetings": meetings, "code": code_fingerprint()}
    db = WORK / f"synth-{meetings}.db"

    log(f"{meetings:,}: synthetic database {db.relative_to(ROOT)} (python -m etl synth)")
    child = run_child([sys.executable, "-m", "etl", "synth", "--meetings", str(meetings), "--seed", str(SEED), "--db", str(db)],
                      ROOT, WORK / "logs", f"synth-{meetings}", timeout=4 * 3600)
    if child.returncode != 0:
        result["error"] = f"etl synth failed: {(child.stderr.strip().splitlines() or ['?'])[-1]}"
        return result
    conn = sqlite3.connect(db)
    records = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    conn.close()
    result["synth"] = {"seconds": child.seconds, "peak_rss_bytes": child.peak_rss_bytes, "records": records,
                       "db_bytes": db.stat().st_size, "output": child.stdout.strip()}

    result["etl"] = measure_etl(meetings, slow)

    common = ["--db", str(db), "--repeats", str(repeats), "--slow-repeats", str(slow), "--work", str(WORK)]
    log(f"{meetings:,}: pages under AppTest")
    result["pages"], _ = worker("pages", f"pages-{meetings}", *common)
    log(f"{meetings:,}: chart aggregates, raw SQLite lower bound, exports, faceted answer")
    result["queries"], _ = worker("queries", f"queries-{meetings}", *common)

    if datasette_binary is None:
        result["datasette"] = {"error": datasette_note}
    else:
        log(f"{meetings:,}: Datasette on loopback")
        try:
            result["datasette"] = datasette.measure(datasette_binary, db, workers.EXPORT_SQL, workers.EXPORT_FROM_YEAR, repeats,
                                                    WORK / "logs")
        except Exception as exc:  # noqa: BLE001 - report it; the other sections stand
            result["datasette"] = {"error": f"{type(exc).__name__}: {exc}"}
    return result


def measure_etl(meetings: int, slow: int) -> dict:
    """`slow` streamed builds of `meetings` synthetic meetings, each in its own child (bench.workers etl)."""
    log(f"{meetings:,}: etl build of a streamed synthetic data set × {slow}")
    loads = []
    for i in range(slow):
        data, child = worker("etl", f"etl-{meetings}-{i}", "--meetings", str(meetings), "--seed", str(SEED),
                             "--db", str(WORK / f"etl-{meetings}.db"))
        if "error" in data:
            return data
        loads.append({**data, "peak_rss_bytes": child.peak_rss_bytes})
    return {"records": loads[0]["records"], "rows": loads[0]["rows"],
            "load_seconds": summary([x["load_seconds"] for x in loads]),
            "load_cpu_seconds": summary([x["load_cpu_seconds"] for x in loads]),
            "generate_cpu_seconds": summary([x["generate_cpu_seconds"] for x in loads]),
            "peak_rss_bytes": summary([x["peak_rss_bytes"] for x in loads]),
            "rejects": max(x["rejects"] for x in loads), "written": all(x["written"] for x in loads)}


def etl_only(sizes: list[int], slow: int) -> int:
    """--etl-only: the ETL builds alone, a line per size, raw figures to bench/work/results-etl.json (the report
    needs every section, so bench/results.md is not written)."""
    results = {"started": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
               "load_before": os.getloadavg(), "code": code_fingerprint(), "sizes": {}}
    for meetings in sizes:
        etl = results["sizes"][str(meetings)] = measure_etl(meetings, slow)
        if "error" in etl:
            log(f"{meetings:,}: {etl['error']}")
            continue
        wall, cpu = etl["load_seconds"]["median"], etl["load_cpu_seconds"]["median"]
        log(f"{meetings:,} meetings: {etl['records'] / wall:,.0f} records/s wall, {etl['records'] / cpu:,.0f} per CPU-second, "
            f"peak {etl['peak_rss_bytes']['median'] / 1e6:,.0f} MB (median of {slow}; load average {os.getloadavg()[0]:.1f})")
    results["load_after"] = os.getloadavg()
    (WORK / "results-etl.json").write_text(json.dumps(results, indent=1, default=str))
    log(f"wrote {(WORK / 'results-etl.json').relative_to(ROOT)}")
    return 0


def synthetic_db(meetings: int) -> Path:
    """bench/work/synth-N.db, made when missing (a full run makes it anew in measure_size)."""
    db = WORK / f"synth-{meetings}.db"
    if not db.exists():
        log(f"{meetings:,}: synthetic database {db.relative_to(ROOT)} (python -m etl synth)")
        run_child([sys.executable, "-m", "etl", "synth", "--meetings", str(meetings), "--seed", str(SEED), "--db", str(db)],
                  ROOT, WORK / "logs", f"synth-{meetings}", timeout=4 * 3600)
    return db


def measure_browser(meetings: int, repeats: int, datasette_binary: Path | None) -> dict:
    """bench/browser.py on the bundled data (built from data/ into bench/work/bundled.db) and on the synthetic database
    of `meetings`, each in a child process."""
    out: dict = {}
    bundled = WORK / "bundled.db"
    child = run_child([sys.executable, "-m", "etl", "build", "--data", "data", "--db", str(bundled)], ROOT, WORK / "logs",
                      "bundled-build", timeout=600)
    targets = [("bundled", bundled)] if child.returncode == 0 else []
    if child.returncode != 0:
        out["bundled"] = {"error": f"etl build failed: {(child.stderr.strip().splitlines() or ['?'])[-1]}"}
    if meetings:
        targets.append((str(meetings), synthetic_db(meetings)))
    for key, db in targets:
        log(f"browser: {key} ({db.name})")
        result = WORK / "logs" / f"browser-{key}.json"
        result.unlink(missing_ok=True)
        cmd = [sys.executable, "-m", "bench.browser", "--db", str(db), "--repeats", str(repeats), "--work", str(WORK),
               "--out", str(result)] + (["--datasette", str(datasette_binary)] if datasette_binary else [])
        child = run_child(cmd, ROOT, WORK / "logs", f"browser-{key}", timeout=3 * 3600)
        out[key] = json.loads(result.read_text()) if result.exists() else {
            "error": f"bench.browser exited with {child.returncode}: {(child.stderr.strip().splitlines() or ['?'])[-1]}"}
    return out


def machine() -> dict:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        except (subprocess.SubprocessError, OSError):
            return ""

    memory = ""
    try:
        total_kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        memory = f"{total_kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return {"cores": os.cpu_count(), "memory": memory, "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(), "commit": git("rev-parse", "--short", "HEAD"),
            "dirty": bool(git("status", "--porcelain"))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,200000",
                        help="meetings per synthetic database, comma-separated (default: 10000,100000,200000)")
    parser.add_argument("--with-1m", action="store_true", help="add 1,000,000 meetings (also when BENCH_1M=1)")
    parser.add_argument("--repeats", type=int, default=5,
                        help="runs of each fast measurement (default 5); slow ones (ETL loads, cold page runs, XLSX) "
                             "run min(N, 3) times")
    parser.add_argument("--out", default=str(BENCH / "results.md"), help="the Markdown report (default bench/results.md)")
    parser.add_argument("--render", metavar="JSON", help="measure nothing: write --out from a results.json of an earlier run")
    parser.add_argument("--browser-only", action="store_true",
                        help="only the browser section (bundled data and the largest --sizes), into --out")
    parser.add_argument("--no-browser", action="store_true", help="leave out the browser section")
    parser.add_argument("--etl-only", action="store_true",
                        help="only the ETL builds of --sizes (and 1M with --with-1m); raw figures to bench/work/results-etl.json")
    parser.add_argument("--browser-repeats", type=int, default=3, help="runs of each browser measurement (default 3)")
    args = parser.parse_args(argv)
    if args.render:
        Path(args.out).write_text(report.render(json.loads(Path(args.render).read_text())))
        log(f"wrote {args.out} from {args.render}")
        return 0
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    if args.with_1m or os.environ.get("BENCH_1M") == "1":
        sizes = sorted(set(sizes) | {1_000_000})
    repeats, slow = max(1, args.repeats), max(1, min(args.repeats, 3))
    WORK.mkdir(parents=True, exist_ok=True)
    if args.etl_only:
        return etl_only(sizes, slow)
    started, started_at = time.perf_counter(), dt.datetime.now(dt.timezone.utc).replace(microsecond=0)

    binary, note = datasette.ensure_installed(log)
    log(note if binary is None else f"yardstick: {note}")
    results: dict = {"meta": {"started": started_at.isoformat(), "command": " ".join(["python -m bench.run", *(argv or sys.argv[1:])]),
                              "sizes": sizes, "repeats": repeats, "slow_repeats": slow, "seed": SEED, "datasette": note,
                              "machine": machine(), "load_before": os.getloadavg()},
                     "sizes": {}}
    if args.browser_only:
        results["browser"] = measure_browser(max(sizes), max(1, args.browser_repeats), binary)
        results["meta"]["load_after"] = os.getloadavg()
        Path(args.out).write_text(report.render(results))
        (WORK / "results-browser.json").write_text(json.dumps(results, indent=1, default=str))
        log(f"wrote {args.out}")
        return 0
    for meetings in sizes:
        results["sizes"][str(meetings)] = measure_size(meetings, repeats, slow, binary, note)
        (WORK / "results.json").write_text(json.dumps(results, indent=1, default=str))
    log("extractor: articles per second on one core")
    results["extract"], _ = worker("extract", "extract", "--repeats", str(repeats))
    results["briefing"] = briefing_speed.measure(WORK, repeats, log)  # one country's briefing, bundled data (< 3 s)
    if not args.no_browser:
        results["browser"] = measure_browser(max(s for s in sizes if s <= 200_000) if any(s <= 200_000 for s in sizes) else 0,
                                             max(1, args.browser_repeats), binary)
    results["meta"]["wall_seconds"] = time.perf_counter() - started
    results["meta"]["load_after"] = os.getloadavg()
    results["meta"]["code_after"] = code_fingerprint()
    (WORK / "results.json").write_text(json.dumps(results, indent=1, default=str))
    out = Path(args.out)
    out.write_text(report.render(results))
    log(f"wrote {out} and {(WORK / 'results.json').relative_to(ROOT)} in {results['meta']['wall_seconds'] / 60:.1f} min")
    (WORK / "extract_speed.json").write_text(json.dumps(__import__("bench.extract_speed", fromlist=["run"]).run(log), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
