"""The browser side of `make bench`: how long a person waits, in Debian's Chromium driven by Playwright.

For one database: the dashboard served by `streamlit run app.py`, the framework's floor (bench/floor/, a minimal
Streamlit app with one plotly chart, one pydeck map and one dataframe) and Datasette on the same file, each on
loopback. For every page:

- **cold**: a new browser context (nothing cached by the browser; the server warm), navigation to the page's URL
  until it is *ready*;
- **switch**: in a tab that has been through every page once, from a plain page (About the data; for that page, the
  Overview) a click on the page's link in the menu until the page is ready; **leave**: from the page back to that
  plain page (what taking the page down costs: a map, many charts);
- **filter**: on the ready page, a country chosen in the sidebar's multiselect until the page is ready again;
- **bytes**: what the server sent over the WebSocket for that run (Streamlit's ForwardMsgs, as framed).

*Ready* means: the server said the script finished (a `script_finished` ForwardMsg after the action), and in the
page no Streamlit placeholder (`stSkeleton`), spinner or stale element is left, every visible plotly chart has drawn
its SVG, every visible data grid has its canvas, every visible deck.gl map has drawn on its canvas and a frame has
begun since (FRAMES_JS); checked on every animation frame, and true on STEADY_FRAMES frames in a row. Datasette's pages
are ready at the `load` event of the navigation (its pages are server-rendered HTML).

    python -m bench.browser --db data/cooperation.db --repeats 3 --out /tmp/browser.json
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from .timing import summary

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
VIEWPORT = {"width": 1400, "height": 1000}
TIMEOUT_MS = 120_000

# (label in the menu, URL path, has the shared filters)
DASHBOARD_PAGES = (("Overview", "/", True), ("Timeline", "/Timeline", True), ("Map", "/Map", True),
                   ("Themes", "/Themes", True), ("Explorer", "/Explorer", True), ("About the data", "/About_the_data", False))
FLOOR_PAGES = (("First", "/", True), ("Second", "/Second", True))
COUNTRY_LABEL = {"dashboard": "Countries (any of)", "floor": "Countries"}
COUNTRY = "Kyrgyzstan"

READY_JS = """() => {
  if (!document.querySelector('[data-testid="stApp"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stSpinner"], [data-stale="true"]')) return false;
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  if (!main || main.querySelectorAll('*').length < 6) return false;
  const shown = el => { const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && !el.closest('details:not([open])'); };
  for (const el of document.querySelectorAll('[data-testid="stPlotlyChart"]'))
    if (shown(el) && !el.querySelector('.main-svg')) return false;
  for (const el of document.querySelectorAll('[data-testid="stDataFrame"]'))
    if (shown(el) && !el.querySelector('canvas')) return false;
  for (const el of document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')) {
    if (!shown(el)) continue;
    const canvas = el.querySelector('canvas');
    if (!canvas || canvas.__drawnAt === undefined || window.__frames < canvas.__drawnAt + 2) return false;
  }
  return true;
}"""
# Ready must hold on this many animation frames in a row: a map that redraws after its new data has arrived (a filter
# change) resets the count, and so does anything else the last messages change a frame later.
STEADY_FRAMES = 3
STEADY_JS = ("() => { const ok = (" + READY_JS + ")(); window.__steady = ok ? (window.__steady || 0) + 1 : 0; "
             f"return window.__steady >= {STEADY_FRAMES}; }}")
# In every page before its scripts: a frame counter, and on each WebGL canvas the frame of its last draw call. A deck.gl
# map has its canvas long before anything is drawn on it (device set-up, then its own animation frame), and with
# --disable-gpu the frame that first shows a drawing waits for SwiftShader to compile and run the draw calls (the
# compositor reads the canvas back), seconds for a map: the map is drawn once a frame has begun after the one that drew.
FRAMES_JS = """(() => {
  if (window.__frames !== undefined) return;  // added twice to one page: counted once
  window.__frames = 0;
  const tick = () => { window.__frames += 1; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  for (const type of [self.WebGLRenderingContext, self.WebGL2RenderingContext]) {
    if (!type) continue;
    for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced', 'drawRangeElements']) {
      const draw = type.prototype[name];
      if (!draw) continue;
      type.prototype[name] = function (...args) {
        if (this.canvas) this.canvas.__drawnAt = window.__frames;
        return draw.apply(this, args);
      };
    }
  }
})();"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, what: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer within {seconds:.0f} s")


@contextmanager
def process(cmd: list[str], cwd: Path, env: dict, health: str, what: str, log: Path):
    """A server on loopback, stopped by its process id afterwards."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_http(health, proc, what)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def streamlit_cmd(script: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(script), "--server.address", "127.0.0.1", "--server.port", str(port),
            "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
            "--client.showSidebarNavigation", "false", "--client.toolbarMode", "minimal"]


@contextmanager
def streamlit_app(script: Path, db: Path, log: Path):
    port = free_port()
    env = {**os.environ, "COOPERATION_DB": str(db)}
    with process(streamlit_cmd(script, port), script.parent, env, f"http://127.0.0.1:{port}/_stcore/health", script.name, log):
        yield f"http://127.0.0.1:{port}"


class Probe:
    """A browser tab that counts what arrives over Streamlit's WebSocket: bytes, and finished script runs."""

    def __init__(self, context):
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._message = ForwardMsg
        self.finished = 0
        self.received = 0
        context.add_init_script(FRAMES_JS)
        self.page = context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("websocket", self._socket)

    def _socket(self, ws) -> None:
        ws.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode()
        self.received += len(data)
        msg = self._message()
        try:
            msg.ParseFromString(data)
        except Exception:  # noqa: BLE001 - not a ForwardMsg: counted as bytes only
            return
        if msg.WhichOneof("type") == "script_finished":
            self.finished += 1

    def timed(self, action) -> dict:
        """Seconds from the action to ready, and the bytes received meanwhile."""
        finished, received = self.finished, self.received
        start = time.perf_counter()
        action()
        deadline = start + TIMEOUT_MS / 1000
        while self.finished == finished:
            if time.perf_counter() > deadline:
                raise TimeoutError("no script_finished message")
            self.page.wait_for_timeout(5)
        self.page.evaluate("() => { window.__steady = 0; }")
        self.page.wait_for_function(STEADY_JS, polling="raf", timeout=TIMEOUT_MS)
        return {"seconds": time.perf_counter() - start, "bytes": self.received - received}

    def open(self, url: str) -> dict:
        return self.timed(lambda: self.page.goto(url, wait_until="commit"))

    def click_link(self, label: str) -> dict:
        link = self.page.locator('[data-testid="stSidebar"] a').filter(has_text=label).first
        return self.timed(link.click)

    def choose(self, multiselect: str, option: str) -> dict:
        box = self.page.get_by_label(multiselect, exact=False).first
        box.click()
        entry = self.page.get_by_role("option", name=option).first
        entry.wait_for()
        measured = self.timed(entry.click)
        self.page.keyboard.press("Escape")
        return measured


def measure_app(browser, base: str, pages: tuple, country_label: str, repeats: int) -> dict:
    """cold / switch / filter for every page of one Streamlit app."""
    out = {path: {"label": label, "cold": [], "cold_bytes": [], "switch": [], "switch_bytes": [], "leave": [], "filter": [],
                  "filter_bytes": []} for label, path, _ in pages}
    # warm the server: every page once (imports, caches, the filter index), untimed
    context = browser.new_context(viewport=VIEWPORT)
    probe = Probe(context)
    for _label, path, _ in pages:
        probe.open(base + path)
    context.close()
    for _ in range(repeats):
        for label, path, has_filters in pages:
            context = browser.new_context(viewport=VIEWPORT)
            probe = Probe(context)
            m = probe.open(base + path)
            out[path]["cold"].append(m["seconds"])
            out[path]["cold_bytes"].append(m["bytes"])
            if has_filters:
                m = probe.choose(country_label, COUNTRY)
                out[path]["filter"].append(m["seconds"])
                out[path]["filter_bytes"].append(m["bytes"])
            context.close()
        # page switches in one tab: each page from the one before it in the menu (the first from the last)
        # (the tab has been through every page once, so the JavaScript of every kind of element is loaded: what a
        # switch costs, not what a first visit costs)
        context = browser.new_context(viewport=VIEWPORT)
        probe = Probe(context)
        probe.open(base + pages[-1][1])
        for label, _path, _ in pages:
            probe.click_link(label)
        # each page from the same plain origin (the last page in the menu; for that one, the first), then back to the
        # origin: "leave" is what leaving the page costs (a map or many charts to take down)
        for label, path, _ in pages:
            origin = pages[-1][0] if label != pages[-1][0] else pages[0][0]
            probe.click_link(origin)
            m = probe.click_link(label)
            out[path]["switch"].append(m["seconds"])
            out[path]["switch_bytes"].append(m["bytes"])
            out[path]["leave"].append(probe.click_link(origin)["seconds"])
        context.close()
    return {path: {key: (summary(v) if isinstance(v, list) else v) for key, v in p.items()} for path, p in out.items()}


def measure_datasette(browser, binary: Path, db: Path, repeats: int, log: Path) -> dict:
    """Datasette's table pages in the same browser: a cold open, a switch (a click on the next table's link on the
    database page), a filter (a facet value's link)."""
    port = free_port()
    name = db.stem
    base = f"http://127.0.0.1:{port}"
    cmd = [str(binary), "serve", str(db), "-p", str(port), "-h", "127.0.0.1", "--setting", "sql_time_limit_ms", "60000",
           "--setting", "facet_time_limit_ms", "60000", "--setting", "suggest_facets", "off"]
    out = {key: [] for key in ("cold", "switch", "filter")}
    with process(cmd, ROOT, dict(os.environ), base + "/-/versions.json", "datasette", log):
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.goto(f"{base}/{name}/meetings", wait_until="load")  # warm
        context.close()
        for _ in range(repeats):
            context = browser.new_context(viewport=VIEWPORT)
            page = context.new_page()
            start = time.perf_counter()
            page.goto(f"{base}/{name}/meetings", wait_until="load", timeout=TIMEOUT_MS)
            out["cold"].append(time.perf_counter() - start)
            start = time.perf_counter()
            with page.expect_navigation(wait_until="load", timeout=TIMEOUT_MS):
                page.locator(f'a[href$="/{name}"]').first.click()
            with page.expect_navigation(wait_until="load", timeout=TIMEOUT_MS):
                page.locator(f'a[href$="/{name}/partnerships"]').first.click()
            out["switch"].append((time.perf_counter() - start) / 2)  # two page loads: database page, then the table
            start = time.perf_counter()
            page.goto(f"{base}/{name}/meeting_countries?country_iso3=KGZ", wait_until="load", timeout=TIMEOUT_MS)
            out["filter"].append(time.perf_counter() - start)
            context.close()
    return {key: summary(v) for key, v in out.items()}


def run(db: Path, repeats: int, work: Path, datasette_binary: Path | None) -> dict:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        return {"error": f"no Chromium at {CHROMIUM}"}
    result: dict = {"db": str(db)}
    logs = work / "logs"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            with streamlit_app(BENCH / "floor" / "app.py", db, logs / f"browser-floor-{db.stem}.log") as base:
                result["floor"] = measure_app(browser, base, FLOOR_PAGES, COUNTRY_LABEL["floor"], repeats)
            with streamlit_app(ROOT / "app.py", db, logs / f"browser-app-{db.stem}.log") as base:
                result["dashboard"] = measure_app(browser, base, DASHBOARD_PAGES, COUNTRY_LABEL["dashboard"], repeats)
            if datasette_binary is not None:
                try:
                    result["datasette"] = measure_datasette(browser, datasette_binary, db, repeats,
                                                            logs / f"browser-datasette-{db.stem}.log")
                except Exception as exc:  # noqa: BLE001 - reported; the rest stands
                    result["datasette"] = {"error": f"{type(exc).__name__}: {exc}"}
        finally:
            browser.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser")
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--work", default=str(BENCH / "work"))
    parser.add_argument("--datasette", default="", help="the datasette executable (none: Datasette is left out)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    try:
        result = run(Path(args.db).resolve(), args.repeats, Path(args.work), Path(args.datasette) if args.datasette else None)
    except Exception as exc:  # noqa: BLE001
        import traceback

        traceback.print_exc()
        result = {"error": f"{type(exc).__name__}: {exc}"}
    Path(args.out).write_text(json.dumps(result, indent=1, default=str))
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    sys.exit(main())
