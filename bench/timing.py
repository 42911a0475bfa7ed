"""Small helpers shared by the benchmark: a clock, summaries of repeated runs, and child processes whose peak
memory is read from the kernel.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    """(seconds, value) of one call."""
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def repeat(fn, times: int, warmup: int = 0) -> list[float]:
    """Seconds of `times` calls of fn(), after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    return [timed(fn)[0] for _ in range(times)]


def summary(values: list[float]) -> dict:
    """Median and spread of repeated measurements (min–max and the quartiles)."""
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    quartiles = statistics.quantiles(ordered, n=4, method="inclusive") if len(ordered) > 1 else [ordered[0]] * 3
    return {"n": len(ordered), "median": statistics.median(ordered), "min": ordered[0], "max": ordered[-1],
            "p25": quartiles[0], "p75": quartiles[2], "values": values}


@dataclass
class ChildRun:
    returncode: int
    seconds: float
    peak_rss_bytes: int  # ru_maxrss of this child (and the children it waited for), from wait4
    stdout: str
    stderr: str


def run_child(cmd: list[str], cwd: Path, log_dir: Path, name: str, env: dict | None = None,
              timeout: float = 3600) -> ChildRun:
    """Run a command to completion and read its own peak resident memory with os.wait4.

    wait4 returns the rusage of that one child (the same ru_maxrss that getrusage(RUSAGE_CHILDREN) reports, but
    without mixing in the other children this process started before it). Output goes to files in log_dir, so a
    chatty child can never block on a full pipe.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log_dir / f"{name}.out", log_dir / f"{name}.err"
    with open(out_path, "w") as out, open(err_path, "w") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.kill(proc.pid, signal.SIGKILL)
            time.sleep(0.02)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: tell Popen, so it does not wait again
    return ChildRun(proc.returncode, seconds, usage.ru_maxrss * 1024, out_path.read_text(errors="replace"),
                    err_path.read_text(errors="replace"))
