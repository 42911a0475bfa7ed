"""Only the Map's two slow browser figures, quickly, next to the floor in the same run: the switch into the Map (from
About the data) and a filter change on the Map (Kyrgyzstan chosen), with the CPU time each action cost Chromium's GPU
process, its renderers and the Streamlit server (CPU time is steadier than wall time on a shared machine).

The floor (bench/floor/) and the dashboard are served side by side and measured alternately in one browser, with
bench.browser's Probe and its ready rule, so a change of load hits both.

    python -m bench.mapfast --db bench/work/bundled.db --repeats 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from contextlib import ExitStack
from pathlib import Path

from .browser import BENCH, CHROMIUM, CHROMIUM_FLAGS, COUNTRY, COUNTRY_LABEL, ROOT, VIEWPORT, Probe, streamlit_app

TICK = os.sysconf("SC_CLK_TCK")
# Draw calls per animation frame on each WebGL canvas (after bench.browser's FRAMES_JS, which counts the frames): to see
# whether the frame that made the page ready drew every layer (a picture decoded late is drawn in a later frame).
CALLS_JS = """(() => {
  if (window.__calls !== undefined) return;
  window.__calls = {};
  for (const type of [self.WebGLRenderingContext, self.WebGL2RenderingContext]) {
    if (!type) continue;
    for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced']) {
      const draw = type.prototype[name];
      if (!draw) continue;
      type.prototype[name] = function (...args) {
        window.__calls[window.__frames] = (window.__calls[window.__frames] || 0) + 1;
        return draw.apply(this, args);
      };
    }
  }
})();"""
LAST_DRAW_JS = """() => { const frames = Object.keys(window.__calls || {}).map(Number);
  if (!frames.length) return null; const last = Math.max(...frames);
  return {frame: last, calls: window.__calls[last], now: window.__frames}; }"""


def _processes() -> dict[int, tuple[int, str, float]]:
    """pid -> (parent pid, command line, CPU seconds) of every process we can read."""
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        out[int(entry)] = (int(fields[1]), cmd, (int(fields[11]) + int(fields[12])) / TICK)
    return out


def cpu_by_role(ports: dict[str, str]) -> dict[str, float]:
    """CPU seconds so far of our descendants, by role: gpu, renderer, browser (Chromium's other processes) and one
    entry per Streamlit server (named by `ports`: port -> name)."""
    procs = _processes()
    ours, todo = set(), [os.getpid()]
    while todo:
        pid = todo.pop()
        children = [p for p, (ppid, _, _) in procs.items() if ppid == pid]
        ours.update(children)
        todo.extend(children)
    roles: dict[str, float] = {}
    for pid in ours:
        _, cmd, cpu = procs[pid]
        if "--type=gpu-process" in cmd:
            role = "gpu"
        elif "--type=renderer" in cmd:
            role = "renderer"
        elif "streamlit" in cmd:
            role = next((name for port, name in ports.items() if f"--server.port {port}" in cmd), "streamlit")
        elif "chrom" in cmd:
            role = "browser"
        else:
            continue
        roles[role] = roles.get(role, 0.0) + cpu
    return roles


def measured(probe: Probe, ports: dict[str, str], action) -> dict:
    """The action timed to ready, the CPU time it cost, and whether anything was drawn after ready (within a second:
    `late`) with the draw calls of the last drawing frame before and after that second."""
    before = cpu_by_role(ports)
    m = action()
    after = cpu_by_role(ports)
    m["cpu"] = {role: round(after.get(role, 0.0) - before.get(role, 0.0), 3) for role in after}
    at_ready = probe.page.evaluate(LAST_DRAW_JS)
    probe.page.wait_for_timeout(1000)
    later = probe.page.evaluate(LAST_DRAW_JS)
    m["late"] = bool(at_ready and later and later["frame"] != at_ready["frame"])
    m["calls"] = [at_ready and at_ready["calls"], later and later["calls"]]
    return m


def new_tab(browser) -> Probe:
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(CALLS_JS)
    return Probe(context)


def run(db: Path, repeats: int, work: Path, baseline: Path | None = None) -> dict:
    """The floor and the dashboard (and, with `baseline`, the dashboard of another checkout: another commit's code
    in the same run, e.g. `git archive <commit> | tar -x -C /tmp/base`), each repeat measuring them in turn."""
    from playwright.sync_api import sync_playwright

    logs = work / "logs"
    apps = [("floor", BENCH / "floor" / "app.py"), ("map", ROOT / "app.py")]
    if baseline is not None:
        apps.append(("baseline_map", baseline / "app.py"))
    rows: dict[str, list[dict]] = {f"{name}_{what}": [] for name, _ in apps for what in ("switch", "filter")}
    with sync_playwright() as p, ExitStack() as stack:
        bases = {name: stack.enter_context(streamlit_app(script, db, logs / f"mapfast-{name}.log")) for name, script in apps}
        ports = {base.rsplit(":", 1)[1]: f"{name}_server" for name, base in bases.items()}
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        stack.callback(browser.close)
        # warm every server and a tab of each that has loaded every kind of element once
        tabs = {}
        for name, base in bases.items():
            tabs[name] = new_tab(browser)
            for path in (["/", "/Second"] if name == "floor" else ["/About_the_data", "/Map"]):
                tabs[name].open(base + path)
        for _ in range(repeats):
            for name, base in bases.items():
                tab = tabs[name]
                origin, target = ("Second", "First") if name == "floor" else ("About the data", "Map")
                tab.click_link(origin)
                rows[f"{name}_switch"].append(measured(tab, ports, lambda: tab.click_link(target)))
                fresh = new_tab(browser)
                fresh.open(base + ("/" if name == "floor" else "/Map"))
                label = COUNTRY_LABEL["floor" if name == "floor" else "dashboard"]
                rows[f"{name}_filter"].append(measured(fresh, ports, lambda: fresh.choose(label, COUNTRY)))
                fresh.page.context.close()
    return {key: summarise(values) for key, values in rows.items()} | {"load": os.getloadavg()}


def summarise(values: list[dict]) -> dict:
    roles = sorted({r for v in values for r in v["cpu"]})
    return {"seconds": round(statistics.median(v["seconds"] for v in values), 3),
            "all_seconds": [round(v["seconds"], 3) for v in values],
            "bytes": int(statistics.median(v["bytes"] for v in values)),
            "late": sum(v["late"] for v in values), "calls": [v["calls"] for v in values],
            "cpu": {r: round(statistics.median(v["cpu"].get(r, 0.0) for v in values), 3) for r in roles}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.mapfast")
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--work", default=str(BENCH / "work"))
    parser.add_argument("--out", default="")
    parser.add_argument("--baseline", default="", help="a checkout of other code to measure alongside (its app.py)")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    result = run(Path(args.db).resolve(), args.repeats, Path(args.work), Path(args.baseline).resolve() if args.baseline else None)
    result["load_before"] = load_before
    for key in [k for k in result if k.endswith(("_switch", "_filter")) and not k.startswith("floor")]:
        floor, ours = result["floor_" + key.rsplit("_", 1)[1]], result[key]
        ours["ratio_to_floor"] = round(ours["seconds"] / floor["seconds"], 2)
        name = key.rsplit("_", 1)[0]

        def own(m: dict, server: str) -> float:  # Chromium's processes and the app's own server
            return sum(m["cpu"].get(role, 0.0) for role in ("gpu", "renderer", "browser", server))

        ours["cpu_seconds"] = round(own(ours, f"{name}_server"), 3)
        ours["cpu_ratio_to_floor"] = round(ours["cpu_seconds"] / own(floor, "floor_server"), 2)
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        Path(args.out).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
