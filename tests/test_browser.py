"""The app in a real browser: pages draw, and they show what the database holds."""

import sqlite3

import pytest

from .browser import SCREENSHOTS, browser_page, chromium_path, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(bundled_db):
    chromium_path()
    with streamlit_server(bundled_db) as url:
        yield url


def test_home_page_shows_the_record_counts_from_the_database(server, bundled_db):
    conn = sqlite3.connect(bundled_db)
    meetings = conn.execute("SELECT count(*) FROM meetings").fetchone()[0]
    partnerships = conn.execute("SELECT count(*) FROM partnerships").fetchone()[0]
    with browser_page() as page:
        page.goto(server)
        wait_for_app(page)
        metrics = page.locator("[data-testid='stMetric']").all_inner_texts()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "overview.png"), full_page=True)
    assert any(text.startswith("Meetings") and text.strip().endswith(str(meetings)) for text in metrics), metrics
    assert any(text.startswith("Partnerships") and text.strip().endswith(str(partnerships)) for text in metrics), metrics
