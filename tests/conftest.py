import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini"
DATA = ROOT / "data"


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A writable copy of the small fixture data folder."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def mini_db(tmp_path_factory) -> Path:
    """A database built once from the fixture data."""
    from etl.load import build

    path = tmp_path_factory.mktemp("mini") / "mini.db"
    report = build(MINI, path)
    assert report.rejects == []
    return path


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory) -> Path:
    """A database built once from the curated data in data/ (not the one the app may be reading)."""
    from etl.load import build

    path = tmp_path_factory.mktemp("bundled") / "cooperation.db"
    build(DATA, path)
    return path


@pytest.fixture(scope="module")
def ref():
    """The extractor's reference data (gazetteer, people, themes …) from data/, loaded once per test module."""
    from etl.extract import load_reference

    return load_reference(DATA)


def extract_json(ref, text: str, published: str, title: str = "Test release") -> dict:
    """What the extractor finds in a release written for a test, as the JSON of `etl extract`."""
    from etl.articles import Document
    from etl.extract import extract

    return extract(Document("doc-test", title, published, None, text, "h", "t.txt"), ref).as_json()


def theme_ids(out: dict) -> set[str]:
    """The theme ids of an `extract_json` answer."""
    return {t["id"] for t in out["themes"]}


def partnership_pairs(out: dict) -> set[tuple[str, str]]:
    """The (kind, name) of each partnership of an `extract_json` answer."""
    return {(p["kind"], p["name"]) for p in out["partnerships"]}


def place_pairs(out: dict) -> set[tuple[str, str]]:
    """The (name, kind) of each place of an `extract_json` answer."""
    return {(p["name"], p["kind"]) for p in out["places"]}


def sentence_partnerships(ref, sentence: str, published=None) -> set[tuple[str, str]]:
    """The (kind, name) of each partnership the partnership finder sees in one sentence, with its dates."""
    from etl.extract.dates import find_dates
    from etl.extract.partnerships import find_partnerships

    return {(p.kind, p.name) for p in find_partnerships(sentence, 0, find_dates(sentence, published), ref, [])}
