"""The app in a real browser (Debian's Chromium): every page draws, downloads hold exactly the filtered rows,
a copied URL reproduces the view, and text from the data is never run as HTML. Screenshots go to docs/screenshots/."""

import csv
import io
import json
import re
import shutil
import sqlite3

import openpyxl
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.browser import FRAMES_JS
from dashboard import maps, queries
from dashboard.cube import Cube
from dashboard.filters import Filters
from dashboard.store import connect
from etl.load import build

from .browser import CHROMIUM_FLAGS, SCREENSHOTS, browser_page, chromium_path, streamlit_server, wait_for_app
from .conftest import MINI

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(bundled_db):
    chromium_path()
    with streamlit_server(bundled_db) as url:
        yield url


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


# per chart: its title, and whether plotly drew it in the margins the figure reserved (figures.fit_margins); when
# automargin had to push them, plotly drew the whole chart a second time
DRAWN_MARGINS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(g => g._fullLayout).map(g => {
  const drawn = g._fullLayout._size, reserved = g._fullLayout.margin;
  return [g._fullLayout.title.text, ['l', 'r', 't', 'b'].every(side => drawn[side] === reserved[side])]; })"""


def assert_drawn_once(page) -> None:
    charts = page.evaluate(DRAWN_MARGINS_JS)
    assert charts and all(fits for _title, fits in charts), charts


def caption_count(page, what: str) -> int:
    """The number in a caption such as '72 meetings'."""
    text = page.get_by_text(re.compile(r"^[\d,]+" + what + "$")).first.inner_text()
    return int(text.split()[0].replace(",", ""))


def test_home_page_shows_the_record_counts_from_the_database(server, bundled_db):
    conn = sqlite3.connect(bundled_db)
    meetings = conn.execute("SELECT count(*) FROM meetings").fetchone()[0]
    partnerships = conn.execute("SELECT count(*) FROM partnerships").fetchone()[0]
    with browser_page(height=1300) as page:
        open_page(page, server)
        page.wait_for_selector(".js-plotly-plot")
        metrics = page.locator("[data-testid='stMetric']").all_inner_texts()
        wait_for_app(page)
        assert_drawn_once(page)
        shoot(page, "overview")
    assert any(text.startswith("Meetings") and text.strip().endswith(str(meetings)) for text in metrics), metrics
    assert any(text.startswith("Partnerships") and text.strip().endswith(str(partnerships)) for text in metrics), metrics


def test_timeline_draws_and_a_click_shows_the_record(server):
    with browser_page(height=1400) as page:
        open_page(page, server + "/Timeline?country=KAZ")
        page.wait_for_selector(".js-plotly-plot .scatterlayer .point")
        points = page.locator(".js-plotly-plot").first.locator(".scatterlayer .point")
        assert points.count() > 10
        box = points.last.bounding_box()  # plotly listens on its drag layer: click where the point is drawn
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(300)
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_selector("text=Source:", timeout=20_000)
        assert page.locator("a", has_text="↗").count() >= 1  # the source reads with its publisher
        wait_for_app(page)
        assert_drawn_once(page)
        shoot(page, "timeline")
        assert page.get_by_text("Countries:").count() >= 1


def map_view(db, width: int, height: int, countries: tuple[str, ...] = ()):
    """The drawn points and the view the Map page computes for a map of this size (dashboard.maps, same data)."""
    conn = connect(db)
    try:
        cube = Cube.from_database(conn)
        f = Filters(countries=countries)
        places = maps.visible_places(queries.map_places(conn), cube.place_counts(cube.mask(f)), None, countries)
        points = maps.mapped(maps.map_points(places, queries.place_components(conn), countries), list(maps.MAP_LAYERS))
        return points, maps.fit_view(maps.region_bounds(queries.country_outlines(conn), points, countries), width, height)
    finally:
        conn.close()


MAP_DRAWN = """() => { const c = document.querySelector("[data-testid='stDeckGlJsonChart'] canvas");
  return !!c && c.__drawnAt !== undefined && window.__frames >= c.__drawnAt + 2; }"""


def open_map(page, url: str):
    """Open a Map view and wait until the deck has drawn and that drawing is on screen (bench.browser's frame counter:
    without a GPU the first drawing takes seconds, more on a busy machine); return the canvas box."""
    page.add_init_script(FRAMES_JS)
    open_page(page, url)
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    canvas.wait_for(timeout=30_000)
    page.wait_for_function(MAP_DRAWN, polling="raf", timeout=90_000)
    page.wait_for_timeout(300)
    wait_for_app(page)
    return canvas.bounding_box()


def hover(page, box, view, lat, lon) -> str:
    x, y = maps.pixel(view, round(box["width"]), round(box["height"]), lat, lon)
    page.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    return tooltip.inner_text()


def canvas_image(page):
    """What the map's canvas shows, as a Pillow image of the canvas's size in CSS pixels."""
    from PIL import Image

    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    return Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")


def outside_requests(requests, server):
    return [u for u in requests if not u.startswith(server) and not u.startswith("data:") and not u.startswith("blob:")]


def test_map_draws_offline_with_its_layers_and_names_the_water(server, bundled_db):
    with browser_page(height=1400) as page:
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        box = open_map(page, server + "/Map")
        _points, view = map_view(bundled_db, round(box["width"]), round(box["height"]))
        drawn = canvas_image(page)  # the countries and the water, drawn where the map's projection puts them
        for lat, lon in ((42.0, 51.0), (42.4, 77.3)):  # the Caspian Sea, Issyk-Kul: water blue
            r, g, b = drawn.getpixel(tuple(round(v) for v in maps.pixel(view, drawn.width, drawn.height, lat, lon)))[:3]
            assert b > r + 40, (lat, lon, (r, g, b))
        r, g, b = drawn.getpixel(tuple(round(v) for v in maps.pixel(view, drawn.width, drawn.height, 49.0, 61.0)))[:3]
        assert b > r and abs(b - r) < 80  # the steppe: Kazakhstan's light blue-grey, not the water's blue
        inside = _points[(_points["lon"] < 85) & (_points["lat"] < 50)]
        east = inside.loc[inside["lon"].idxmax()]  # the marker nearest the right edge: a tooltip there used to be cut off
        assert hover(page, box, view, east["lat"], east["lon"]).startswith(str(east["name"]))
        tip = page.locator(".deck-tooltip").bounding_box()
        assert box["x"] <= tip["x"] and tip["x"] + tip["width"] <= box["x"] + box["width"]  # inside the map's frame
        assert box["y"] <= tip["y"] and tip["y"] + tip["height"] <= box["y"] + box["height"]
        assert page.get_by_text("Kazakhstan", exact=True).count() >= 1  # the countries are named above the map
        shoot(page, "map")
        assert page.get_by_text("World Heritage: cultural").count() >= 1
        assert page.get_by_text("Paris (France)").count() == 1  # listed: outside the view
    assert outside_requests(requests, server) == [], outside_requests(requests, server)[:5]
    assert not [e for e in errors if "deck" in e.lower()], errors[:3]  # every layer initialised


def test_places_sharing_a_point_can_each_be_picked(server, bundled_db):
    with browser_page(height=1600) as page:
        box = open_map(page, server + "/Map")
        points, view = map_view(bundled_db, round(box["width"]), round(box["height"]))
        here = maps.same_point(points, 43.25249, 76.9115)  # Almaty: the city, the UNESCO office, two centres
        assert len(here) >= 3
        assert "at this point: click to choose" in hover(page, box, view, 43.25249, 76.9115)
        x, y = maps.pixel(view, round(box["width"]), round(box["height"]), 43.25249, 76.9115)
        page.mouse.click(box["x"] + x, box["y"] + y)
        page.get_by_text(f"{len(here)} places at this point").wait_for(timeout=20_000)
        wait_for_app(page)
        shown = set()
        for name in here["name"]:
            page.get_by_role("radiogroup").get_by_text(name, exact=False).first.click()
            try:  # the rerun can take seconds on a busy machine: wait for it, then let the assertion below judge
                page.wait_for_function("name => document.querySelector('h3')?.innerText === name", arg=name, timeout=20_000)
            except PlaywrightTimeout:
                pass
            wait_for_app(page)
            shown.add(page.locator("h3").first.inner_text())
        shoot(page, "map_same_point")
    assert shown == set(here["name"])


MAP_VIEWS = ["", "KAZ", "KGZ", "TJK", "TKM", "UZB"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1400, 420])
def test_map_screenshots_for_every_country(server, bundled_db, width, scheme):
    """docs/screenshots/map_<country or all>_<width>_<light|dark>.png; each view frames its country, offline."""
    with browser_page(width=width, height=1500, color_scheme=scheme) as page:
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        for country in MAP_VIEWS:
            box = open_map(page, server + "/Map" + (f"?country={country}" if country else ""))
            assert box["x"] >= 0 and box["x"] + box["width"] <= width  # the map fits the window
            shoot(page, f"map_{country or 'all'}_{width}_{scheme}")
            if country:  # the view stays on the region, framed on the chosen country
                points, view = map_view(bundled_db, round(box["width"]), round(box["height"]), (country,))
                west, south, east, north = maps.view_bounds(view, round(box["width"]), round(box["height"]))
                assert west < 80 and east > 50
    assert outside_requests(requests, server) == []


def test_themes_draws_the_bar_and_each_heatmap_when_its_tab_is_opened(server):
    """The bar and the open tab's heatmap are drawn; the other heatmaps are drawn when their tab is opened (a filter
    change redraws two charts, not four)."""
    def titles(page) -> set[str]:
        return {t.text_content() for t in page.locator(".gtitle").all()}

    with browser_page(height=1400) as page:
        open_page(page, server + "/Themes")
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .gtitle').length >= 2")
        shoot(page, "themes")
        first = titles(page)
        assert {"Which themes does the cooperation cover most?", "Which country works with UNESCO on which theme?"} <= first
        assert page.locator(".js-plotly-plot").count() == 2  # the closed tabs' charts are neither sent nor drawn
        wait_for_app(page)
        assert_drawn_once(page)
        for tab, title in (("By year", "When was each theme active?"),
                           ("Themes together", "Which themes go together? (records that carry both)")):
            page.get_by_role("tab", name=tab).click()
            page.wait_for_function("t => [...document.querySelectorAll('.gtitle')].some(e => e.textContent === t)", arg=title)
            wait_for_app(page)
            assert "Which themes does the cooperation cover most?" in titles(page)
            assert_drawn_once(page)
        shoot(page, "themes_together")


def test_about_page_shows_the_build(server):
    with browser_page(height=1600) as page:
        open_page(page, server + "/About_the_data")
        page.wait_for_selector("[data-testid='stMetric']")
        wait_for_app(page)
        shoot(page, "about")
        assert page.get_by_text("The last build refused no record.").count() == 1


def test_downloads_hold_exactly_the_filtered_rows(server, bundled_db):
    conn = sqlite3.connect(bundled_db)
    expected = sorted(r[0] for r in conn.execute(
        "SELECT m.id FROM meetings m JOIN meeting_countries c ON c.meeting_id = m.id WHERE c.country_iso3 = 'UZB' AND m.year >= 2015"))
    with browser_page(height=1200) as page:
        open_page(page, server + "/Explorer?country=UZB&years=2015-")
        assert caption_count(page, " meetings") == len(expected)
        shoot(page, "explorer")
        with page.expect_download() as info:
            page.get_by_role("button", name="⬇ CSV").first.click()
        download = info.value
        assert download.suggested_filename == "meetings_2015-now_UZB.csv"
        rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8-sig").read())))
        assert sorted(r["id"] for r in rows) == expected
        publishers = dict(conn.execute("SELECT m.id, p.name FROM meetings m JOIN publishers p ON p.id = m.publisher_id"))
        assert all(r["publisher"] == publishers[r["id"]] and r["publisher_kind"] for r in rows)
        with page.expect_download() as info:
            page.get_by_role("button", name="⬇ Excel").first.click()
        book = openpyxl.load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
        assert book.sheetnames == ["meetings", "About"]
        sheet = list(book["meetings"].values)
        assert sorted(r[-1] for r in sheet[1:]) == expected
        assert {"publisher", "publisher_kind"} <= set(sheet[0])
        assert "in Uzbekistan" in dict(book["About"].values)["Filters"]
        with page.expect_download() as info:
            page.get_by_role("button", name="⬇ JSON").first.click()
        data = json.loads(open(info.value.path(), encoding="utf-8").read())
        assert sorted(r["id"] for r in data["rows"]) == expected
        assert all(r["publisher"] == publishers[r["id"]] for r in data["rows"])


def test_a_copied_url_reproduces_the_view(server):
    with browser_page(height=1200) as page:
        open_page(page, server + "/Explorer")
        everything = caption_count(page, " meetings")
        search = page.get_by_label("Search titles and summaries")
        search.fill("Samarkand")
        search.press("Enter")
        page.wait_for_function("location.search.includes('q=Samarkand')")
        wait_for_app(page)
        narrowed = caption_count(page, " meetings")
        copied = page.url
    assert 0 < narrowed < everything
    with browser_page(height=1200) as fresh:
        open_page(fresh, copied)
        assert caption_count(fresh, " meetings") == narrowed
        box = fresh.get_by_label("Search titles and summaries")
        fresh.wait_for_function("el => el.value === 'Samarkand'", arg=box.element_handle(), timeout=10_000)


def test_a_narrow_window_still_reads(server):
    with browser_page(width=420, height=1500) as page:
        open_page(page, server)
        page.wait_for_selector("[data-testid='stMetric']")
        shoot(page, "overview_narrow")
        assert page.locator("[data-testid='stMetric']").count() == 5


HOSTILE = '<img src=x onerror="window.__pwned=1">Evil & Co'


def test_text_from_the_data_is_never_run_as_html(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    places = data / "places.csv"
    spot = (42.9, 71.4)  # a fixture point in Kazakhstan, apart from the fixture's Almaty centre
    places.write_text(places.read_text() + f'office-evil,"{HOSTILE.replace(chr(34), chr(34) * 2)}",field_office,KAZ,Almaty,'
                      f"{spot[0]},{spot[1]},city,,,,,https://example.org/evil,,Written by the tests\n")
    meetings = data / "meetings" / "seed.yaml"
    meetings.write_text(meetings.read_text().replace("title: Foreign Minister Abdrakhmanov meets Director-General Bokova",
                                                     "title: '" + HOSTILE + "'"))
    db = tmp_path / "evil.db"
    assert build(data, db).rejects == []
    chromium_path()
    with streamlit_server(db) as url, browser_page(height=1200) as page:
        box = open_map(page, url + "/Map")
        _points, view = map_view(db, round(box["width"]), round(box["height"]))
        text = hover(page, box, view, *spot)
        assert text.split("\n")[0] == HOSTILE  # shown literally: escaped once, by the browser's text rendering
        assert "&quot;" not in text and "&amp;" not in text and "&lt;" not in text
        shoot(page, "map_tooltip_escaped")
        x, y = maps.pixel(view, round(box["width"]), round(box["height"]), *spot)
        page.mouse.click(box["x"] + x, box["y"] + y)
        page.locator("h3", has_text="Evil & Co").wait_for(timeout=20_000)
        assert page.locator("h3").first.inner_text() == HOSTILE
        open_page(page, url)
        assert page.get_by_text("Evil & Co").count() >= 1
        assert page.evaluate("window.__pwned === undefined")
        assert page.locator("img[src='x']").count() == 0


def test_one_back_press_leaves_a_page_and_the_address_keeps_the_filters(server):
    with browser_page(height=1000) as page:
        open_page(page, server + "/Explorer?country=KAZ")
        entries = page.evaluate("history.length")
        for label, path in (("Timeline", "/Timeline"), ("Themes", "/Themes")):
            page.locator("[data-testid='stSidebar'] a").filter(has_text=label).first.click()
            page.wait_for_function(f"location.pathname === '{path}'")
            wait_for_app(page)
            assert "country=KAZ" in page.url  # the address reproduces the view
        assert page.evaluate("history.length") == entries + 2  # one entry per view
        page.go_back()
        page.wait_for_function("location.pathname === '/Timeline'")
        wait_for_app(page)
        page.go_back()
        page.wait_for_function("location.pathname === '/Explorer'")
        wait_for_app(page)
        assert "country=KAZ" in page.url


def test_back_restores_the_filters_of_the_address(server):
    with browser_page(height=1000) as page:
        open_page(page, server + "/Explorer?country=KAZ")
        kaz = caption_count(page, " meetings")
        search = page.get_by_label("Search titles and summaries")
        search.fill("Samarkand")
        search.press("Enter")
        page.wait_for_function("location.search.includes('q=Samarkand')")
        wait_for_app(page)
        page.go_back()
        page.wait_for_function("!location.search.includes('q=Samarkand')")
        wait_for_app(page)
        assert caption_count(page, " meetings") == kaz
        assert page.get_by_label("Search titles and summaries").input_value() == ""
        # the next page carries the filters of the address, not the ones Back undid
        page.locator("[data-testid='stSidebar'] a").filter(has_text="Timeline").first.click()
        page.wait_for_function("location.pathname === '/Timeline'")
        wait_for_app(page)
        assert "country=KAZ" in page.url and "Samarkand" not in page.url
        assert "matching" not in page.get_by_text("Showing:").first.inner_text()


OWN_PAGES = {"overview": "/", "timeline": "/Timeline", "themes": "/Themes", "explorer": "/Explorer", "about": "/About_the_data",
             "country": "/Country?country=KGZ"}


def raw_pattern(db) -> re.Pattern:
    """An escaped entity, a None, or any theme or record-kind id of the database written with an underscore (the ids
    that read as words, such as `education` or `event`, are words on the page too)."""
    conn = sqlite3.connect(db)
    try:
        ids = {r[0] for r in conn.execute("SELECT id FROM themes UNION SELECT DISTINCT kind FROM records")}
    finally:
        conn.close()
    codes = sorted((i for i in ids if i and "_" in i), key=len, reverse=True)
    assert codes, "no ids to look for"
    return re.compile(r"&(quot|amp|lt|gt|#\d+);|\bNone\b|\b(" + "|".join(map(re.escape, codes)) + r")\b")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1400, 420])
def test_every_page_reads_without_codes_or_escaped_entities(server, bundled_db, width, scheme):
    """Every page at a wide and a narrow width, in light and dark themes: screenshots for a person to look at, and the
    page's text (chart labels included) shows no escaped entity, no None and no internal code."""
    from playwright.sync_api import sync_playwright

    raw = raw_pattern(bundled_db)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_context(viewport={"width": width, "height": 1000}, color_scheme=scheme).new_page()
            for name, path in OWN_PAGES.items():
                open_page(page, server + path)
                page.wait_for_timeout(800)
                shoot(page, f"{name}_{width}_{scheme}")
                text = page.locator("[data-testid='stMain']").inner_text()
                svg = " ".join(page.locator(".js-plotly-plot text").all_text_contents())
                found = raw.search(text + " " + svg)
                assert found is None, (name, found.group(0) if found else None)
        finally:
            browser.close()


def test_the_overview_hover_box_stays_inside_the_chart_and_shows_quotes(server):
    with browser_page(height=1200) as page:
        open_page(page, server)
        chart = page.locator("[data-testid='stPlotlyChart']").first
        chart.locator(".scatterlayer .point").first.wait_for()
        frame = chart.bounding_box()
        points = chart.locator(".scatterlayer .point")
        leftmost = min((points.nth(i).bounding_box() for i in range(points.count())), key=lambda b: b["x"])
        page.mouse.move(leftmost["x"] + leftmost["width"] / 2, leftmost["y"] + leftmost["height"] / 2)
        label = chart.locator(".hoverlayer .hovertext").first
        label.wait_for(timeout=10_000)
        box = label.bounding_box()
        assert box["x"] >= frame["x"] - 1 and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1  # not cut off
        assert chart.locator(".hoverlayer .hovertext").count() == 1  # one box: no side box for the trace name
        assert "&quot;" not in label.text_content() and "&amp;" not in label.text_content()
