"""The Country page in a real browser: it draws for two countries at two widths, its country links lead to it,
and 'Download briefing' gives a PDF and a Word file holding the page's numbers. Screenshots go to docs/screenshots/,
with the PDF's first page rendered to PNG."""

import io
import shutil
import subprocess

import docx
import pypdf
import pytest

from .browser import SCREENSHOTS, browser_page, chromium_path, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(bundled_db):
    chromium_path()
    with streamlit_server(bundled_db) as url:
        yield url


def metrics(page) -> dict[str, str]:
    out = {}
    for text in page.locator("[data-testid='stMetric']").all_inner_texts():
        label, value = [t.strip() for t in text.strip().split("\n") if t.strip()][:2]
        out[label] = value
    return out


def test_country_page_and_its_briefing(server, tmp_path):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with browser_page(height=2600) as page:
        page.goto(server + "/Country?country=KAZ")
        wait_for_app(page)
        page.wait_for_selector(".js-plotly-plot")
        page.wait_for_timeout(1000)
        assert page.get_by_role("heading", name="Kazakhstan").count() >= 1
        shown = metrics(page)
        assert shown["Meetings"].isdigit() and "Open commitments" in shown
        assert page.get_by_text("Commitments and outcomes").count() == 1
        page.screenshot(path=str(SCREENSHOTS / "country_kaz.png"), full_page=True)
        with page.expect_download() as info:
            page.get_by_role("button", name="⬇ PDF").first.click()
        pdf = open(info.value.path(), "rb").read()
        assert info.value.suggested_filename == "briefing_KAZ.pdf"
        with page.expect_download() as info:
            page.get_by_role("button", name="⬇ Word").first.click()
        word = docx.Document(io.BytesIO(open(info.value.path(), "rb").read()))
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages).split())
    for label, value in shown.items():
        assert f"{label} {value}" in text
    headline = {row.cells[0].text: row.cells[1].text for row in word.tables[0].rows[1:]}
    assert headline == shown
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: the PDF's first page was not rendered")
    (tmp_path / "briefing.pdf").write_bytes(pdf)
    subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(tmp_path / "briefing.pdf"),
                    str(SCREENSHOTS / "briefing_kaz_page1")], check=True, timeout=60)
    assert (SCREENSHOTS / "briefing_kaz_page1.png").stat().st_size > 10_000


def test_country_page_reads_on_a_narrow_screen(server):
    with browser_page(width=420, height=3000) as page:
        page.goto(server + "/Country?country=TKM")
        wait_for_app(page)
        page.wait_for_selector(".js-plotly-plot")
        page.wait_for_timeout(1000)
        assert page.get_by_role("heading", name="Turkmenistan").count() >= 1
        page.screenshot(path=str(SCREENSHOTS / "country_tkm_narrow.png"), full_page=True)


def test_a_country_name_in_the_details_leads_to_its_page(server):
    with browser_page(height=1400) as page:
        page.goto(server + "/Timeline?country=UZB")
        wait_for_app(page)
        page.wait_for_selector(".js-plotly-plot .scatterlayer .point")
        point = page.locator(".js-plotly-plot").first.locator(".scatterlayer .point").last.bounding_box()
        page.mouse.move(point["x"] + point["width"] / 2, point["y"] + point["height"] / 2)
        page.wait_for_timeout(300)
        page.mouse.click(point["x"] + point["width"] / 2, point["y"] + point["height"] / 2)
        page.wait_for_selector("text=Source:", timeout=20_000)
        link = page.locator("[data-testid='stMain'] a[href*='Country?country=UZB']").first  # the menu's links carry the query too
        assert link.inner_text() == "Uzbekistan"
        page.goto(server + "/" + link.get_attribute("href").lstrip("./"))
        wait_for_app(page)
        assert page.get_by_role("heading", name="Uzbekistan").count() >= 1
