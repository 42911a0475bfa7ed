"""`make bench`: how long one country's briefing takes to build, as .docx and as PDF, on the bundled data (the
target is under 3 s per document). Measured in a child process, so that the first document pays the imports
(python-docx, fpdf2, matplotlib) as the command line does, then repeated warm as the app does.

    .venv/bin/python -m bench.briefing_speed [--repeats N] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from .timing import summary

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
TARGET_SECONDS = 3.0


def _child(db: Path, repeats: int) -> dict:
    """In this process: cold (first) and warm build times per country and format."""
    started = time.perf_counter()
    from dashboard import briefing, queries, store
    from dashboard.cube import Cube
    from dashboard.filters import Filters

    imports = time.perf_counter() - started
    conn = store.connect(db)
    options = queries.options(conn)
    cube = Cube.from_database(conn)
    out: dict = {"imports_seconds": imports, "documents": {}}
    for fmt in ("docx", "pdf"):
        for iso3 in COUNTRIES:
            filters = Filters(countries=(iso3,))
            times, size = [], 0
            for _ in range(repeats + 1):
                start = time.perf_counter()
                size = len(briefing.build(conn, cube, filters, options, fmt))
                times.append(time.perf_counter() - start)
            out["documents"][f"{iso3}.{fmt}"] = {"first": times[0], "warm": summary(times[1:]), "bytes": size}
    conn.close()
    return out


def measure(work: Path, repeats: int, log=print) -> dict:
    """Build the bundled database under work/, time the briefings in a child process, log and return the figures."""
    work.mkdir(parents=True, exist_ok=True)
    db = work / "bundled-briefing.db"
    build = subprocess.run([sys.executable, "-m", "etl", "build", "--data", str(ROOT / "data"), "--db", str(db)], cwd=ROOT,
                           capture_output=True, text=True)
    if build.returncode != 0:
        return {"error": "etl build failed: " + (build.stderr.strip().splitlines() or ["?"])[-1]}
    child = subprocess.run([sys.executable, "-m", "bench.briefing_speed", "--child", str(db), "--repeats", str(repeats)],
                           cwd=ROOT, capture_output=True, text=True, timeout=1800)
    if child.returncode != 0:
        return {"error": "briefing child failed: " + (child.stderr.strip().splitlines() or ["?"])[-1]}
    result = json.loads(child.stdout.strip().splitlines()[-1])
    worst = max(max(d["first"], d["warm"]["max"]) for d in result["documents"].values())
    result.update(target_seconds=TARGET_SECONDS, worst_seconds=worst, within_target=worst < TARGET_SECONDS)
    for name, d in result["documents"].items():
        log(f"briefing {name}: first {d['first']:.2f} s, warm median {d['warm']['median']:.2f} s "
            f"(max {d['warm']['max']:.2f} s), {d['bytes'] / 1024:.0f} KB")
    log(f"briefing: worst {worst:.2f} s per document (target < {TARGET_SECONDS:.0f} s); imports {result['imports_seconds']:.2f} s")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.briefing_speed", description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", metavar="DB", help=argparse.SUPPRESS)
    parser.add_argument("--out", help="write the figures as JSON here")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(Path(args.child), max(1, args.repeats))))
        return 0
    result = measure(ROOT / "bench" / "work", max(1, args.repeats))
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=1))
    return 0 if result.get("within_target") else 1


if __name__ == "__main__":
    sys.exit(main())
