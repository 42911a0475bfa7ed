"""Read press releases -> documents.

The layout is the seed's: a title line, a blank line, a date line ("3 April 2017"), the body in
paragraphs, an optional "Related link" line and a last line "Permanent link: URL". The same content
as Markdown (`# Title`) or simple HTML (<title>/<h1>, <time datetime> or a date line, <p> paragraphs,
<link rel="canonical">) is read too. Anything else is an ArticleError with a reason a person can act on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 2 * 1024 * 1024
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
# Russian month names in the nominative and genitive ('Сентябрь 29, 2014', '6 ноября 2015 года'), by their stem
RU_MONTHS = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8, "сентябр": 9,
             "октябр": 10, "ноябр": 11, "декабр": 12}


def month_number(name: str) -> int | None:
    """'April', 'Apr', 'Sept', 'ноября', 'Сентябрь', 'мая' -> the month's number (or None)."""
    name = name.lower().rstrip(".")
    if name in MONTHS:
        return MONTHS[name]
    if name[:3] in MONTHS and name[:4] != "sept" and re.fullmatch(r"[a-z]+", name) and any(
            m.startswith(name) for m in MONTHS if len(m) > 3):
        return MONTHS[name[:3]]
    if name[:4] == "sept":
        return 9
    stem = re.sub(r"(?:ь|я|а|е|й)$", "", name)
    return RU_MONTHS.get(stem)


class ArticleError(ValueError):
    """The file is not a press release this reader understands; the message says why."""


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    published: str | None  # YYYY-MM-DD
    url: str | None
    text: str  # the body: paragraphs separated by blank lines
    content_hash: str
    source_file: str

    @property
    def published_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.published) if self.published else None


# a city before the date, as agencies write their date lines: 'ПАРИЖ, 4 ноября 2015 г.', 'ASTANA, 9 September 2023'
DATELINE_CITY = re.compile(r"^(?!(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|(?i:понедельник|вторник|среда|четверг|пятница|суббота|"
                           r"воскресенье)(?![\w-]))(?:[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё'’-]+\s+){0,2}[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё'’-]+,\s+(?=\d|[A-ZА-ЯЁ][a-zа-яё]+\s+\d)")


def dateline_city(line: str) -> str | None:
    """The city a date line starts with ('ПАРИЖ, 4 ноября 2015 г.' -> 'ПАРИЖ'), or None."""
    match = DATELINE_CITY.match(line.strip())
    return match.group(0).rstrip(", ") if match else None


# what a page prints around its date: a label ('Published:', 'Опубликовано:'), the time ('14:05', '12:30 PM GMT+5'),
# an ISO timestamp's time part ('2022-11-22T10:00:00+05:00')
DATE_LABEL = re.compile(r"^(?:published|posted|(?:last\s+)?updated?|date|дата(?:\s+публикации)?|опубликовано|обновлено)(?:\s+on)?\s*:?\s*", re.I)
TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC)?\s*[+-]\d{1,2}(?::?\d{2})?|\s*(?:GMT|UTC)|Z)?"
# a second date the page prints after the first: '7 June 2023 | Last updated: 8 June 2023' keeps the first
LATER_LABEL = re.compile(r"\s*[|,–—-]?\s*(?:(?:last\s+)?(?:updated?|modified)|обновлено)\b.*$", re.I)
TIME_AROUND = re.compile(rf"^{TIME}\s*[,|–—-]?\s*|\s*[,|–—-]?\s*(?:в\s+|at\s+)?{TIME}$|(?<=\d)T{TIME}$", re.I)


def parse_date_line(line: str) -> dt.date | None:
    """'3 April 2017', 'April 3, 2017', '2017-04-03', '03.04.2017', 'Monday, 3 April 2017', '6 ноября 2015 года',
    'Сентябрь 29, 2014', '21.09.22', '22/11 2022', '2022/11/22', 'Published: 22 November 2022, 14:05' -> a date (or
    None). A numeric date is read day first ('03.04.2017' is 3 April); month first only when day first is impossible
    ('06.14.2023' is 14 June)."""
    line = DATE_LABEL.sub("", line.strip())
    line = LATER_LABEL.sub("", line)
    line = TIME_AROUND.sub("", line).strip()
    line = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", line)  # '7th June 2023', 'June 7th, 2023'
    line = DATELINE_CITY.sub("", line).rstrip(".")
    line = re.sub(r"^(mon|tues|wednes|thurs|fri|satur|sun)day,?\s+|^(?:понедельник|вторник|среда|четверг|пятница|суббота|"
                  r"воскресенье),?\s+", "", line, flags=re.I)
    line = re.sub(r"\s*(?:года|г\.?|год)$", "", line)
    word = r"([A-Za-zА-Яа-яЁё]+)"
    day_first = lambda d, m, y: (y, m, d)  # noqa: E731
    patterns = [
        (r"(\d{1,2})\s+" + word + r"\.?,?\s+(\d{4})", day_first, False),
        (word + r"\.?\s+(\d{1,2}),?\s+(\d{4})", lambda m, d, y: (y, m, d), False),
        (r"(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})", lambda y, m, d: (y, m, d), False),
        # '03.04.2017', '06/09/2023', '22/11 2022', '21.09.22': day and month may change places
        (r"(\d{1,2})\s*[./-]\s*(\d{1,2})(?:\s*[./-]\s*|\s+)(\d{4}|\d{2})", day_first, True),
    ]
    for pattern, order, either in patterns:
        match = re.fullmatch(pattern, line)
        if not match:
            continue
        year, month, day = order(*match.groups())
        if len(year) == 2:
            year = "20" + year
        month = month_number(month) if not month.isdigit() else int(month)
        if not month:
            return None
        for m, d in ((month, day), (day, month)) if either else ((month, day),):
            try:
                return dt.date(int(year), int(m), int(d))
            except ValueError:
                continue
        return None
    return None


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _from_lines(lines: list[str], rel: str) -> tuple[str, dt.date, str | None, str]:
    """Title, date, URL and body from the seed's line layout (shared by .txt and .md)."""
    lines = [line.rstrip() for line in lines]
    content = [i for i, line in enumerate(lines) if line.strip()]
    if not content:
        raise ArticleError(f"{rel}: the file is empty")
    title = lines[content[0]].strip().lstrip("#").strip()
    if len(content) < 3:
        raise ArticleError(f"{rel}: expected a title line, a date line and a body")
    date_line = lines[content[1]].strip().strip("*_")
    published, at = parse_date_line(date_line), content[1]
    if published is None and len(content) > 3 and len(date_line) <= 80:
        # a short line between the title and the date (a byline, a rubric): the date may be the next line; that line is
        # left out of the body
        published, at = parse_date_line(lines[content[2]].strip().strip("*_")), content[2]
        if published is not None:
            date_line = lines[at].strip().strip("*_")
    if published is None:
        raise ArticleError(f"{rel}: the second line ({date_line[:60]!r}) is not a date such as '3 April 2017'; "
                           "expected the layout: title, blank line, date, blank line, body")
    url = None
    body_lines = lines[at + 1:]
    for i in range(len(body_lines) - 1, -1, -1):
        stripped = body_lines[i].strip()
        if not stripped:
            continue
        match = re.match(r"^(?:\*\*)?Permanent link:?(?:\*\*)?\s*(?:<)?(https?://\S+?)(?:>)?$", stripped, flags=re.I) or \
            re.match(r"^\[?Permanent link\]?\((https?://\S+)\)$", stripped, flags=re.I)
        if match:
            url = match.group(1)
            body_lines = body_lines[:i]
        break
    while body_lines and (not body_lines[-1].strip() or body_lines[-1].strip().strip("*_#").lower() == "related link"):
        body_lines.pop()
    body = _normalise("\n".join(body_lines))
    if not body:
        raise ArticleError(f"{rel}: there is no body text after the date line")
    city = dateline_city(date_line)
    if city:  # the date line's city is the release's dateline: it opens the body, as 'ASTANA –' does
        body = city + " –\n\n" + body
    return title, published, url, body


class _HTMLArticle(HTMLParser):
    BLOCKS = {"p", "li", "h2", "h3", "h4", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = self.h1 = self.canonical = self.datetime = None
        self.paragraphs: list[str] = []
        self._capture: str | None = None
        self._buffer: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "nav", "footer", "header"):
            self._skip += 1
        elif tag == "link" and (attrs.get("rel") or "").lower() == "canonical":
            self.canonical = attrs.get("href")
        elif tag == "meta" and (attrs.get("property") or attrs.get("name") or "") in ("og:url",) and not self.canonical:
            self.canonical = attrs.get("content")
        elif tag == "meta" and (attrs.get("property") or attrs.get("name") or "") in ("article:published_time", "date"):
            self.datetime = self.datetime or attrs.get("content")
        elif tag == "time" and attrs.get("datetime"):
            self.datetime = self.datetime or attrs.get("datetime")
        if tag in ("title", "h1") or tag in self.BLOCKS or tag == "time":
            self._capture, self._buffer = tag, []

    def handle_endtag(self, tag):
        if tag in ("script", "style", "nav", "footer", "header"):
            self._skip = max(0, self._skip - 1)
            return
        if tag != self._capture:
            return
        text = " ".join("".join(self._buffer).split())
        if tag == "title":
            self.title = text
        elif tag == "h1":
            self.h1 = text
        elif tag == "time":
            self.datetime = self.datetime or text
        elif text and not self._skip:
            self.paragraphs.append(text)
        self._capture = None

    def handle_data(self, data):
        if self._capture:
            self._buffer.append(data)


def _from_html(text: str, rel: str) -> tuple[str, dt.date, str | None, str]:
    parser = _HTMLArticle()
    parser.feed(text)
    title = parser.h1 or parser.title
    if not title:
        raise ArticleError(f"{rel}: the HTML has no <h1> or <title>")
    published = None
    if parser.datetime:
        published = parse_date_line(parser.datetime[:10]) or parse_date_line(parser.datetime)
    paragraphs = list(parser.paragraphs)
    if published is None and paragraphs:
        published = parse_date_line(paragraphs[0])
        if published:
            paragraphs = paragraphs[1:]
    if published is None:
        raise ArticleError(f"{rel}: no publication date found (<time datetime>, article:published_time, or a first "
                           "paragraph such as '3 April 2017')")
    url = parser.canonical
    kept = []
    for p in paragraphs:
        match = re.match(r"^Permanent link:?\s*(https?://\S+)$", p, flags=re.I)
        if match:
            url = url or match.group(1)
        elif p.lower() != "related link":
            kept.append(p)
    body = _normalise("\n\n".join(kept))
    if not body:
        raise ArticleError(f"{rel}: the HTML has no paragraphs of body text")
    return html.unescape(title), published, url, body


def read_article(path: Path, rel: str | None = None) -> Document:
    """One press release file -> a Document, or ArticleError."""
    path = Path(path)
    rel = rel or path.name
    if path.suffix.lower() not in SUFFIXES:
        raise ArticleError(f"{rel}: unsupported file type {path.suffix or '(none)'}; use .txt, .md or .html")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{rel}: cannot read the file ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise ArticleError(f"{rel}: the file is {len(raw) // 1024} KB; press releases over {MAX_BYTES // 1024} KB are refused")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ArticleError(f"{rel}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at line {line}); save it as UTF-8") from None
    if "\x00" in text:
        raise ArticleError(f"{rel}: contains NUL bytes; it is not a text file")
    if path.suffix.lower() in (".html", ".htm"):
        title, published, url, body = _from_html(text, rel)
    else:
        title, published, url, body = _from_lines(text.splitlines(), rel)
    if len(title) > 500:
        raise ArticleError(f"{rel}: the title line is {len(title)} characters long; is the layout right?")
    digest = hashlib.sha256("\n".join([title, published.isoformat(), url or "", body]).encode()).hexdigest()
    return Document(id="doc-" + digest[:16], title=title, published=published.isoformat(), url=url, text=body,
                    content_hash=digest, source_file=rel)


def find_articles(paths: list[Path]) -> list[tuple[Path, str]]:
    """Files and folders (recursively) -> (path, name to report), sorted, press-release suffixes only for folders."""
    found: list[tuple[Path, str]] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += [(p, p.relative_to(path).as_posix()) for p in sorted(path.rglob("*"))
                      if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
                      and p.name.lower() != "readme.md"]
        else:
            found.append((path, path.name))
    return found
