"""The review screen under AppTest: the queue on loopback, and nothing at all off loopback without the secret."""

import shutil

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from .conftest import ROOT
from .test_review import base  # noqa: F401 - the shared setting: a copy of data/ with one release ingested

CURATE = str(ROOT / "curate.py")


@pytest.fixture
def screen(base, tmp_path, monkeypatch):  # noqa: F811
    shutil.copytree(base, tmp_path / "s")
    monkeypatch.setenv("COOPERATION_DATA", str(tmp_path / "s" / "data"))
    monkeypatch.setenv("COOPERATION_DB", str(tmp_path / "s" / "cooperation.db"))
    monkeypatch.delenv("COOPERATION_CURATE_SECRET", raising=False)
    previous = config.get_option("server.address")
    yield lambda address: (config.set_option("server.address", address), AppTest.from_file(CURATE, default_timeout=60))[1]
    config.set_option("server.address", previous)


def test_on_loopback_the_queue_shows_each_fact_with_its_release(screen):
    at = screen("127.0.0.1").run()
    assert not at.exception
    assert any("fact(s) waiting" in m.value and "1 release(s)" in m.value for m in at.markdown)
    labels = at.radio(key="fact").options
    confidences = [float(label.rsplit(" · ", 1)[1]) for label in labels]
    assert confidences == sorted(confidences, reverse=True) and len(labels) >= 4  # the most confident first
    assert any("Meeting · Sadyr Japarov meets Audrey Azoulay" in label for label in labels)
    first_type, first_title = labels[0].split(" · ")[1:3]
    assert at.subheader[0].value.startswith(first_type) and first_title in at.subheader[0].value  # the first fact is shown
    assert {"Queue", "Upload releases", "Decisions"} <= {t.label for t in at.tabs}
    at.radio(key="fact").set_value(at.radio(key="fact").options[-1]).run()
    assert not at.exception and at.subheader[0].value.startswith("Partnership: ")


@pytest.mark.parametrize("address", ["0.0.0.0", "", "192.168.1.20"])
def test_off_loopback_without_a_secret_it_shows_nothing(screen, address):
    at = screen(address).run()
    assert not at.exception
    assert len(at.error) == 1 and "COOPERATION_CURATE_SECRET" in at.error[0].value
    assert not at.tabs and not at.radio and not at.title


def test_off_loopback_it_asks_for_the_secret_first(screen, monkeypatch):
    monkeypatch.setenv("COOPERATION_CURATE_SECRET", "correct horse battery staple")
    at = screen("0.0.0.0").run()
    assert not at.tabs and at.text_input[0].label == "Secret"
    at.text_input[0].input("wrong").run()
    assert not at.tabs and at.error[0].value == "That is not the secret."
    at.text_input[0].input("correct horse battery staple").run()
    assert not at.exception and {"Queue", "Upload releases", "Decisions"} <= {t.label for t in at.tabs}
