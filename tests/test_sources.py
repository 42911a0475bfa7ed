"""Sources as data: the publisher registry, and the rules it enforces on every cited page."""

import sqlite3

import pytest

from etl.records import read_data
from etl.sources import Publisher, Registry, SourceProblem, normalise_host

REGISTRY = Registry([
    Publisher("unesco", "UNESCO", "unesco", ("unesco.org", "*.unesco.org")),
    Publisher("unesco-whc", "UNESCO World Heritage Centre", "unesco", ("whc.unesco.org",)),
    Publisher("wayback", "Internet Archive", "archive", ("web.archive.org",)),
    Publisher("wikipedia", "Wikipedia", "encyclopedia", ("en.wikipedia.org",)),
    Publisher("geonames", "GeoNames", "gazetteer", ("geonames.org",)),
])


@pytest.mark.parametrize("host, expected", [("WWW.UNESCO.ORG", "unesco.org"), ("baigenews.kz.", "baigenews.kz"),
                                            ("the-uncensored-wiki.com:20072", "the-uncensored-wiki.com")])
def test_hosts_are_compared_without_case_www_port_or_trailing_dot(host, expected):
    assert normalise_host(host) == expected


def test_exact_hosts_win_over_patterns_and_patterns_match_sub_domains():
    assert REGISTRY.resolve("https://whc.unesco.org/en/list/1490/", "places").publisher.id == "unesco-whc"
    assert REGISTRY.resolve("http://portal.unesco.org/en/ev.php", "meetings").publisher.id == "unesco"
    assert REGISTRY.resolve("https://www.unesco.org/en/articles/x", "meetings").publisher.id == "unesco"


def test_an_unknown_host_is_refused_with_its_name():
    with pytest.raises(SourceProblem, match="dnhewrhegkli.shop, which is not in publishers.yaml"):
        REGISTRY.resolve("https://dnhewrhegkli.shop/wiki/Someone", "people")
    with pytest.raises(SourceProblem, match="not in publishers.yaml"):
        REGISTRY.resolve("https://unesco.org.evil.example/x", "meetings")  # a suffix is not a sub-domain


def test_an_archived_copy_is_credited_to_the_original_publisher():
    citation = REGISTRY.resolve("https://web.archive.org/web/20160301000000/http://whc.unesco.org/en/news/1", "meetings")
    assert (citation.publisher.id, citation.original_url, citation.archived) == ("unesco-whc", "http://whc.unesco.org/en/news/1", True)
    with pytest.raises(SourceProblem, match="without the original address"):
        REGISTRY.resolve("https://web.archive.org/save", "meetings")
    with pytest.raises(SourceProblem, match="copy of a page on piglix.com"):
        REGISTRY.resolve("https://web.archive.org/web/2016/https://piglix.com/x", "people")


def test_encyclopedias_only_for_people_and_gazetteers_only_for_places():
    assert REGISTRY.resolve("https://en.wikipedia.org/wiki/Irina_Bokova", "roles").publisher.kind == "encyclopedia"
    with pytest.raises(SourceProblem, match="only for people and their roles"):
        REGISTRY.resolve("https://en.wikipedia.org/wiki/Something", "meetings")
    with pytest.raises(SourceProblem, match="only for a place's coordinates"):
        REGISTRY.resolve("https://www.geonames.org/1526384", "partnerships")


def test_the_build_refuses_a_record_on_an_unknown_host_with_file_line_and_field(mini_data):
    path = mini_data / "meetings" / "seed.yaml"
    path.write_text(path.read_text().replace("http://en.unesco.kz/kazakhstan", "https://mirror.example.net/kazakhstan"))
    dataset = read_data(mini_data)
    assert [(r.file, r.line, r.record_id, r.field) for r in dataset.rejects][:1] == [
        ("meetings/seed.yaml", 13, "kaz-2017-03-29-abdrakhmanov-bokova", "source_url")]
    assert "mirror.example.net, which is not in publishers.yaml" in dataset.rejects[0].reason


def test_further_sources_say_what_they_support_and_are_checked_too(mini_data):
    path = mini_data / "meetings" / "seed.yaml"
    text = path.read_text()
    path.write_text(text + "  sources:\n    - url: https://whc.unesco.org/en/news/1\n      supports: [place, date]\n")
    dataset = read_data(mini_data)
    assert dataset.rejects == []
    rows = [r for r in dataset.rows["sources"] if r["record_id"] == "kaz-2017-03-29-abdrakhmanov-bokova"]
    assert [(r["position"], r["publisher_id"], r["supports"]) for r in rows] == [(0, "unesco-almaty", None),
                                                                                 (1, "unesco-whc", "place, date")]
    path.write_text(text + "  sources:\n    - url: https://whc.unesco.org/en/news/1\n      supports: [weather]\n")
    assert "supports must list what the page states" in read_data(mini_data).rejects[0].reason
    path.write_text(text + "  sources:\n    - url: https://piglix.com/x\n      supports: [place]\n")
    problem = read_data(mini_data).rejects[0]
    assert (problem.field, problem.line) == ("sources", 15) and "piglix.com" in problem.reason


def test_publishers_and_each_rows_publisher_are_in_the_database(mini_db):
    conn = sqlite3.connect(mini_db)
    assert conn.execute("SELECT p.name FROM meetings m JOIN publishers p ON p.id = m.publisher_id").fetchall() == [
        ("UNESCO Almaty Office",)]
    for table in ("meetings", "partnerships", "places", "roles", "countries", "themes"):
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE publisher_id IS NULL").fetchone() == (0,), table


def test_a_role_can_cite_further_sources_for_its_start_and_end(mini_data):
    path = mini_data / "people" / "people.yaml"
    text = path.read_text()
    first_role_source = next(line for line in text.splitlines() if line.startswith("      source_url:"))
    path.write_text(text.replace(first_role_source, first_role_source + "\n      sources:\n"
                                 "        - url: https://en.wikipedia.org/wiki/Someone\n          supports: [end]", 1))
    dataset = read_data(mini_data)
    assert dataset.rejects == []
    further = [r for r in dataset.rows["sources"] if r["record_table"] == "roles" and r["position"] == 1]
    assert [(r["publisher_id"], r["supports"]) for r in further] == [("wikipedia", "end")]
    path.write_text(text.replace(first_role_source, first_role_source + "\n      sources:\n"
                                 "        - url: https://piglix.com/Someone\n          supports: [end]", 1))
    problem = read_data(mini_data).rejects[0]
    assert problem.field == "sources" and "piglix.com" in problem.reason
