"""Reading press releases: the seed's layout as .txt, .md and .html; clear refusals for anything else."""


import pytest

from etl.articles import ArticleError, find_articles, parse_date_line, read_article

from .conftest import FIXTURES

LAYOUTS = FIXTURES / "layouts"


@pytest.mark.parametrize("name", ["release.txt", "release.md", "release.html"])
def test_the_three_formats_give_the_same_document(name):
    doc = read_article(LAYOUTS / name)
    assert (doc.title, doc.published, doc.url) == (
        "Tajikistan and UNESCO Discuss Glacier Monitoring", "2024-06-14", "https://example.org/press/tests/layout-release")
    assert doc.text.startswith("Written by the project for its tests. President Emomali Rahmon received")
    assert doc.text.endswith("glacier monitoring in the Pamirs.")
    assert doc.id == read_article(LAYOUTS / "release.txt").id  # the id comes from the content, not the file


@pytest.mark.parametrize("line, expected", [
    ("3 April 2017", "2017-04-03"), ("April 3, 2017", "2017-04-03"), ("2017-04-03", "2017-04-03"), ("03.04.2017", "2017-04-03"),
    ("Monday, 3 April 2017", "2017-04-03"), ("3 Sept 2017", "2017-09-03"), ("31 February 2017", None), ("Kazakhstan", None),
])
def test_date_lines(line, expected):
    found = parse_date_line(line)
    assert (found.isoformat() if found else None) == expected


@pytest.mark.parametrize("content, reason", [
    (b"", "the file is empty"),
    (b"Only a title\n\nand some text without a date\n\nmore\n", "is not a date such as '3 April 2017'"),
    (b"Title\n\n3 April 2017\n\n", "expected a title line, a date line and a body"),
    ("Title\n\n3 April 2017\n\nCaf\xe9 society".encode("latin-1"), "not UTF-8 text (byte 0xe9 at line 5)"),
    (b"Title\n\n3 April 2017\n\nBody\x00\n", "contains NUL bytes"),
])
def test_malformed_files_are_refused_with_a_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_article(path)


def test_other_file_types_and_html_without_a_date_are_refused(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(ArticleError, match="unsupported file type .pdf"):
        read_article(tmp_path / "x.pdf")
    (tmp_path / "x.html").write_text("<html><h1>Title</h1><p>No date here.</p></html>")
    with pytest.raises(ArticleError, match="no publication date found"):
        read_article(tmp_path / "x.html")


def test_folders_are_searched_recursively_for_press_releases(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ["a/one.txt", "a/b/two.html", "a/README.md", "a/b/image.png", "a/.hidden.txt"]:
        (tmp_path / name).write_text("x")
    assert [name for _, name in find_articles([tmp_path])] == ["a/b/two.html", "a/one.txt"]
