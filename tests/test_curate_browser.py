"""The review flow in a real browser (Debian's Chromium) on a temporary copy of data/: upload our own fixture release
(and hostile files, each refused with a message), edit and accept a meeting (first refused: its host is not a known
publisher; the reviewer adds the publisher), merge a partnership into its curated twin, reject one fact; then the
public app shows the accepted meeting and not the rejected fact, and a build from scratch gives the same rows.
Screenshots of the review screen go to docs/screenshots/."""

import csv
import io
import shutil
import sqlite3
import time

import pytest

from etl.load import build

from .browser import SCREENSHOTS, browser_page, chromium_path, streamlit_server, wait_for_app
from .conftest import DATA
from .test_review import MISSING, RELEASE, SUMMARY, without_meeting

pytestmark = pytest.mark.browser


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def settle(page, text: str, timeout: float = 90_000) -> None:
    page.get_by_text(text).first.wait_for(timeout=timeout)
    wait_for_app(page, timeout)


def form_with(page, button: str):
    return page.locator("[data-testid='stForm']").filter(has=page.get_by_role("button", name=button, exact=True))


def choose(page, scope, label: str, option: str) -> None:
    scope.get_by_label(label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()


def pick_fact(page, text: str) -> None:
    page.locator("[data-testid='stRadio'] label").filter(has_text=text).first.click()
    wait_for_app(page)


@pytest.fixture
def workspace(tmp_path):
    chromium_path()
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.db", "*.db-*", "releases", ".*"))
    without_meeting(data, MISSING)  # as before that meeting was curated
    db = tmp_path / "cooperation.db"
    assert build(data, db).written
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    (hostile / "latin-1.txt").write_bytes("Caf\xe9\n\n3 April 2017\n\nBody.\n".encode("latin-1"))
    (hostile / "script.html").write_text("<html><head><title>T</title></head><body><h1>T</h1><time datetime='2024-01-02'></time>"
                                         "<p>Body <a href='javascript:alert(1)'>x</a></p><script>alert(2)</script></body></html>")
    (hostile / "empty.txt").write_bytes(b"")
    return data, db, hostile


def test_a_release_becomes_sourced_curated_records_in_the_browser(workspace):
    data, db, hostile = workspace
    env = {"COOPERATION_DATA": str(data), "COOPERATION_REVIEWER": "Browser Reviewer"}
    with streamlit_server(db, "curate.py", env) as url, browser_page(height=1500) as page:
        page.goto(url)
        wait_for_app(page)
        page.get_by_role("tab", name="Upload releases").click()
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
            [str(RELEASE), str(hostile / "latin-1.txt"), str(hostile / "script.html"), str(hostile / "empty.txt")])
        started = time.monotonic()
        page.get_by_role("button", name="Ingest the uploaded releases").click()
        settle(page, "1 new and 0 replaced release(s)")
        body = page.locator("[data-testid='stMain']").inner_text()
        assert "latin-1.txt: not UTF-8 text" in body and "script.html: the HTML holds active content" in body
        assert "empty.txt: the file is empty" in body
        assert sorted(p.suffix for p in (data / "releases").iterdir()) == [".json", ".txt"]  # only our release was kept

        page.get_by_role("tab", name="Queue").click()
        settle(page, "fact(s) waiting")
        shoot(page, "curate_queue")
        pick_fact(page, "Meeting · Sadyr Japarov meets Audrey Azoulay")
        settle(page, "Meeting: Sadyr Japarov meets Audrey Azoulay")
        assert page.locator("[data-testid='stMarkdownContainer'] span").filter(has_text="video conference").count() >= 1
        shoot(page, "curate_fact_evidence")

        accept = form_with(page, "Accept")
        choose(page, accept, "Kind", "Video conference")
        accept.get_by_label("Summary, in your own words").fill(SUMMARY)
        accept.get_by_role("button", name="Accept").click()
        settle(page, "Not written:")
        assert "example.org, which is not in publishers.yaml" in page.locator("[data-testid='stAlert']").first.inner_text()
        shoot(page, "curate_refused_accept")
        assert "kgz-2021-04" not in (data / "meetings" / "kgz.yaml").read_text()

        page.get_by_label("Publisher, as people cite it").fill("Example test press office")
        choose(page, form_with(page, "Add publisher"), "Kind", "Newspaper or news site")
        page.get_by_role("button", name="Add publisher").click()
        settle(page, "added to data/publishers.yaml")
        form_with(page, "Accept").get_by_role("button", name="Accept").click()
        settle(page, "accepted as kgz-2021-04-japarov-azoulay in data/meetings/kgz.yaml")
        print(f"\nupload to accepted record, with the refused accept and the publisher added: {time.monotonic() - started:.1f} s")

        pick_fact(page, "Issyk-Kul Biosphere Reserve")
        page.get_by_role("tab", name="Merge into…").click()
        form_with(page, "Merge").get_by_role("button", name="Merge").click()
        settle(page, "merged into br-")

        pick_fact(page, "membership of UNESCO")
        page.get_by_role("tab", name="Reject").click()
        reject = form_with(page, "Reject")
        reject.get_by_label("Why is it rejected?").fill("Membership is a country fact (countries.csv), not a partnership")
        reject.get_by_role("button", name="Reject").click()
        settle(page, "rejected; it will not be proposed again")
        page.get_by_role("tab", name="Decisions").click()
        wait_for_app(page)

    kgz = (data / "meetings" / "kgz.yaml").read_text()
    assert "- id: kgz-2021-04-japarov-azoulay\n" in kgz and "  kind: video_conference\n" in kgz and SUMMARY in kgz
    conn = sqlite3.connect(db)
    accepted = conn.execute("SELECT origin, publisher, source_url FROM meetings_detailed WHERE id = 'kgz-2021-04-japarov-azoulay'"
                            ).fetchone()
    assert accepted == ("curated", "Example test press office", "https://example.org/press/06-zhaparov-azoulay-video")
    assert conn.execute("SELECT count(*) FROM partnerships WHERE name LIKE '%membership of UNESCO%'").fetchone() == (0,)
    assert conn.execute("SELECT record_id FROM sources WHERE url LIKE 'https://example.org/%' AND record_table = 'partnerships'"
                        ).fetchone()[0].startswith("br-")
    rows = conn.execute("SELECT * FROM records ORDER BY rid").fetchall()
    conn.close()

    with streamlit_server(db) as url, browser_page(height=1200) as page:
        page.goto(url + "/Explorer?q=Japarov")
        wait_for_app(page)
        page.wait_for_selector("[data-testid='stDataFrame']")
        with page.expect_download() as download:
            page.get_by_role("button", name="⬇ CSV").first.click()
        table = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
        shown = {r["title"]: r for r in table}
        assert shown["Sadyr Japarov meets Audrey Azoulay"]["origin"] == "curated"
        assert shown["Sadyr Japarov meets Audrey Azoulay"]["source_url"] == "https://example.org/press/06-zhaparov-azoulay-video"
        page.goto(url + "/Explorer?q=membership")
        wait_for_app(page)
        assert "membership of UNESCO" not in page.locator("[data-testid='stMain']").inner_text()

    db.unlink()  # the database is a build artefact: everything above lives in files
    assert build(data, db).written
    assert sqlite3.connect(db).execute("SELECT * FROM records ORDER BY rid").fetchall() == rows


def test_the_review_screen_at_a_phone_width(workspace):
    data, db, _ = workspace
    from etl.ingest import ingest

    ingest([RELEASE], data, db)
    with streamlit_server(db, "curate.py", {"COOPERATION_DATA": str(data)}) as url, browser_page(width=420, height=1600) as page:
        page.goto(url)
        settle(page, "fact(s) waiting")
        shoot(page, "curate_queue_narrow")


def test_the_public_app_says_when_it_serves_the_last_good_database(workspace):
    data, db, _ = workspace
    (data / "meetings" / "kaz.yaml").unlink()
    assert build(data, db).refused
    with streamlit_server(db) as url:
        for width, name in ((1400, "last_good_database"), (420, "last_good_database_narrow")):
            with browser_page(width=width, height=900) as page:
                page.goto(url)
                settle(page, "Showing the last good database")
                shoot(page, name)
