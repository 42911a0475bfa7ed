"""Datasette as a yardstick: its own virtual environment, a server on loopback, and timed HTTP requests.

Datasette is a benchmark-only dependency, installed into bench/.venv-bench from bench/requirements-bench.txt,
never into the project's .venv. The server listens on 127.0.0.1 only, on a free port, and is stopped by its
process id when the measurement ends.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

BENCH = Path(__file__).resolve().parent
VENV = BENCH / ".venv-bench"
REQUIREMENTS = BENCH / "requirements-bench.txt"
BINARY = VENV / "bin" / "datasette"


def ensure_installed(log) -> tuple[Path | None, str]:
    """Create bench/.venv-bench and install the pinned requirements when missing or changed.
    Returns (the datasette executable or None, a version or the reason it is missing)."""
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    stamp = VENV / ".installed"
    try:
        if not (stamp.exists() and stamp.read_text() == digest and BINARY.exists()):
            log(f"installing Datasette into {VENV.relative_to(BENCH.parent)} from {REQUIREMENTS.name} …")
            if not (VENV / "bin" / "python").exists():
                subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, capture_output=True, text=True)
            subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                            "-r", str(REQUIREMENTS)], check=True, capture_output=True, text=True, timeout=900)
            stamp.write_text(digest)
        version = subprocess.run([str(BINARY), "--version"], check=True, capture_output=True, text=True).stdout.strip()
        return BINARY, version
    except (subprocess.SubprocessError, OSError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        return None, f"Datasette could not be installed: {detail.strip().splitlines()[-1] if detail.strip() else exc}"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`datasette serve FILE` on 127.0.0.1, as a context manager."""

    def __init__(self, binary: Path, db: Path, log_path: Path, suggest_facets: bool):
        self.binary, self.db, self.log_path, self.suggest_facets = binary, db, log_path, suggest_facets
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.name = db.stem  # Datasette names a database after its file
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        settings = {
            "sql_time_limit_ms": 60000,
            "max_returned_rows": 100000,
            "suggest_facets": "on" if self.suggest_facets else "off",
            # facets and suggestions give up after 200 ms by default; a fair comparison lets them finish
            "facet_time_limit_ms": 60000,
            "facet_suggest_time_limit_ms": 60000,
            "max_csv_mb": 0,  # no cap on a streamed CSV
        }
        cmd = [str(self.binary), "serve", str(self.db), "-p", str(self.port), "-h", "127.0.0.1"]
        for key, value in settings.items():
            cmd += ["--setting", key, str(value)]
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"datasette exited with {self.proc.returncode}; see {self.log_path}")
            try:
                self.get("/-/versions.json")
                return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        raise RuntimeError(f"datasette did not answer on {self.base} within 60 s; see {self.log_path}")

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.base + path, timeout=600) as response:
            return response.read()

    def timed_get(self, path: str, repeats: int) -> tuple[list[float], bytes]:
        """Seconds until the last byte of the answer, `repeats` times, after one untimed request."""
        body = self.get(path)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            body = self.get(path)
            times.append(time.perf_counter() - start)
        return times, body


def facet_path(name: str) -> str:
    """The faceted question: records of 2005–2015, their count, the facets kind and record_type, the first rows."""
    return f"/{name}/records.json?" + urlencode([("year__gte", 2005), ("year__lte", 2015), ("_facet", "kind"),
                                                 ("_facet", "record_type")])


def csv_sql_path(name: str, sql: str) -> str:
    """The export question as a Datasette query: the same SQL, so the same rows and columns, as CSV."""
    return f"/{name}.csv?" + urlencode({"sql": " ".join(sql.split()), "_size": "max"})


def csv_stream_path(name: str, from_year: int) -> str:
    """Datasette's own way to download every matching row of a table: a streamed CSV of the records table."""
    return f"/{name}/records.csv?" + urlencode({"record_type": "meeting", "year__gte": from_year, "_sort_desc": "date",
                                                "_stream": "on", "_size": "max"})


def facet_check(body: bytes) -> dict:
    """What the faceted answer held: the filtered count, the facets returned, whether any timed out."""
    data = json.loads(body)
    facets = data.get("facet_results") or {}
    if isinstance(facets, dict) and "results" in facets:  # newer layouts nest the facets
        facets = facets["results"]
    return {"count": data.get("filtered_table_rows_count"), "rows": len(data.get("rows") or []),
            "facets": sorted(facets) if isinstance(facets, dict) else [],
            "facets_timed_out": data.get("facets_timed_out") or [], "suggested_facets": len(data.get("suggested_facets") or [])}


def csv_rows(body: bytes) -> int:
    return max(0, sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8-sig")))) - 1)


def measure(binary: Path, db: Path, export_sql: str, export_from_year: int, repeats: int, work: Path) -> dict:
    """Datasette's times for the faceted question (suggested facets off, then on) and the CSV export."""
    out: dict = {}
    with Server(binary, db, work / f"datasette-{db.stem}-off.log", suggest_facets=False) as server:
        times, body = server.timed_get(facet_path(server.name), repeats)
        out["facets_off"] = {"seconds": times, **facet_check(body)}
        times, body = server.timed_get(csv_sql_path(server.name, export_sql), repeats)
        out["csv_sql"] = {"seconds": times, "rows": csv_rows(body), "bytes": len(body)}
        times, body = server.timed_get(csv_stream_path(server.name, export_from_year), max(1, min(repeats, 3)))
        out["csv_stream"] = {"seconds": times, "rows": csv_rows(body), "bytes": len(body)}
    with Server(binary, db, work / f"datasette-{db.stem}-on.log", suggest_facets=True) as server:
        times, body = server.timed_get(facet_path(server.name), repeats)
        out["facets_on"] = {"seconds": times, **facet_check(body)}
    return out
