"""Read the curated files in data/ and validate every record.

Reading (`read_csv`, `read_yaml`) turns a file into raw records that remember their line numbers.
Validating (`validate`) turns raw records into rows for the database, or into `Reject`s that say
file, line, field, value and reason in words meant for the person who edits data/.
Nothing here writes to a database.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import yaml

from . import links
from .sources import PUBLISHER_KINDS, Publisher, Registry, SourceProblem, publisher_host

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 20  # nesting levels of YAML a record may use (a record needs 4)
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")
ISO3 = re.compile(r"^[A-Z]{3}$")
THEME_ID = re.compile(r"^[a-z][a-z_]{1,40}$")
FLAG = re.compile(r"^[a-z][a-z0-9_]{1,60}$")
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")

MEETING_KINDS = ("bilateral_meeting", "official_visit", "video_conference", "conference", "signing_ceremony", "other")
PARTNERSHIP_KINDS = (
    "category_2_centre", "world_heritage_inscription", "world_heritage_nomination", "world_heritage_danger_listing",
    "tentative_list", "intangible_heritage_inscription", "memory_of_the_world_inscription", "agreement", "programme",
    "resolution", "event", "convention", "committee_membership", "biosphere_reserve", "geopark", "other",
)
# The UNESCO list, register or governing body a partnership record belongs to (its `register`); `entry` is the
# register's own id for the item (WHC property number, ICH element number, MoW entry, reserve, term).
REGISTERS = (
    "world_heritage", "world_heritage_in_danger", "tentative_list", "ich_representative", "ich_urgent_safeguarding",
    "ich_good_practices", "memory_of_the_world", "biosphere_reserves", "category_2_centres", "geoparks",
    "executive_board", "world_heritage_committee", "intangible_heritage_committee",
)
# What data/registers.yaml counts: a register and the lists its entries are counted over.
COUNTED_REGISTERS = {
    **{r: (r,) for r in REGISTERS},
    "intangible_heritage": ("ich_representative", "ich_urgent_safeguarding", "ich_good_practices"),
}
SUPPORTS = {  # the facts a further source may support, per table
    "meetings": ("date", "place", "participants", "title", "kind", "countries", "themes", "summary"),
    "partnerships": ("start", "end", "status", "place", "name", "kind", "countries", "themes", "summary", "entry", "register"),
    "places": ("coordinates", "year", "name", "kind", "countries", "category", "city"),
    "roles": ("role", "organisation", "country", "office", "start", "end"),
}
PLACE_KINDS = ("city", "world_heritage_site", "biosphere_reserve", "geopark", "category_2_centre",
               "international_institute", "field_office", "venue")
# What office a role is, for "who is in office on a date" (the role text stays as the source words it).
OFFICES = (
    "head_of_state", "head_of_government", "foreign_minister", "culture_minister", "education_minister",
    "permanent_delegate", "national_commission_chair", "national_commission_secretary",
    "director_general", "deputy_director_general", "assistant_director_general", "unesco_office_head",
)
STATUSES = ("active", "completed", "proposed", "in_progress", "unknown")
COORD_PRECISIONS = ("site", "building", "city")


# --------------------------------------------------------------------------- rejects


@dataclass(frozen=True)
class Reject:
    file: str
    line: int | None
    record_id: str | None
    field: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f" record '{self.record_id}'" if self.record_id else ""
        fld = f" field '{self.field}'" if self.field else ""
        val = f" (value: {self.value!r})" if self.value not in (None, "") else ""
        return f"{where}{what}{fld}: {self.reason}{val}"


class Invalid(ValueError):
    """A value failed a rule; the message is shown to the person who edits data/.

    `line` points inside a nested value (a role of a person) when the rule knows it.
    """

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def _without_marks(value: Any) -> Any:
    """Nested YAML mappings carry their line numbers under '__line__'/'__lines__'; hide them from people."""
    if isinstance(value, dict):
        return {k: _without_marks(v) for k, v in value.items() if k not in ("__line__", "__lines__")}
    if isinstance(value, list):
        return [_without_marks(v) for v in value]
    return value


def _short(value: Any) -> str | None:
    if value is None:
        return None
    value = _without_marks(value)
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


# --------------------------------------------------------------------------- raw records


@dataclass
class RawRecord:
    """One record as read from a file, with the line of the record and of each field."""

    file: str
    line: int
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        return self.lines.get(name, self.line)

    def reject(self, name: str | None, value: Any, reason: str, record_id: str | None = None) -> Reject:
        rid = record_id if record_id is not None else self.data.get("id") if isinstance(self.data.get("id"), str) else None
        return Reject(self.file, self.line_of(name) if name else self.line, rid, name, _short(value), reason)


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader that keeps line numbers and refuses duplicate keys, aliases and deep nesting.

    Dates stay text (the timestamp resolver is removed) so that one impossible date rejects one
    record with a clear message instead of failing the whole file. `line_offset` is added to every
    line number, so that one record of a file can be read on its own and still report the file's lines.
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    line_offset = 0

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"it uses the alias *{event.anchor}; aliases (&name / *name) are not allowed in data files, "
                "write the value out", event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"it is nested more than {MAX_DEPTH} levels deep; records are flat lists of fields",
                    self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):  # noqa: D401 - PyYAML hook
        seen: dict[Any, int] = {}
        for key_node, _value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1 + self.line_offset
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' appears twice in one record (lines {seen[key]} and {line})",
                    key_node.start_mark,
                )
            seen[key] = line
        mapping = super().construct_mapping(node, deep=True)
        mapping["__line__"] = node.start_mark.line + 1 + self.line_offset
        mapping["__lines__"] = {k.value: v.start_mark.line + 1 + self.line_offset for k, v in node.value if isinstance(k.value, str)}
        return mapping


def _too_large(path: Path, rel: str) -> Reject | None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        return Reject(rel, None, None, None, None, f"cannot read the file: {exc.strerror}")
    if size > MAX_FILE_BYTES:
        return Reject(rel, None, None, None, None,
                      f"the file is {size // (1024 * 1024)} MB; files in data/ must be under {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return None


def _decode_bytes(raw: bytes, rel: str, first_line: int, what: str) -> tuple[str | None, Reject | None]:
    """Bytes of a file, or of one record of it starting at first_line -> text, or a reject for that part."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + raw[: exc.start].count(b"\n")
        return None, Reject(rel, line, None, None, None,
                            f"{what} is not UTF-8 text (byte 0x{raw[exc.start]:02x} at line {line}); save the file with UTF-8 encoding")
    if "\x00" in text:
        return None, Reject(rel, first_line + text[: text.index("\x00")].count("\n"), None, None, None,
                            f"{what} contains a NUL character; it is probably not a text file")
    return text, None


def _decode(path: Path, rel: str) -> tuple[str | None, Reject | None]:
    problem = _too_large(path, rel)
    if problem:
        return None, problem
    raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    text, problem = _decode_bytes(raw, rel, 1, "the file")
    if problem:
        return None, problem
    if not text.strip():
        return None, Reject(rel, None, None, None, None, "the file is empty; remove it or add records")
    return text, None


RECORD_START = re.compile(rb"^-(?:[ \t]|\r?$)")  # a top-level list item: '- id: ...' at the start of a line
PREAMBLE_LINE = re.compile(rb"^\s*(?:#.*)?$|^---\s*$|^%")  # comments, blank lines, a document start or a directive
ID_LINE = re.compile(r"^(?:-[ \t]+|[ \t]+)id:[ \t]*[\"']?([A-Za-z0-9_.:-]+)", re.M)


@dataclass(frozen=True)
class Chunk:
    """The lines of one top-level record of a YAML list file (with the comments and blank lines that follow it)."""

    first_line: int  # 1-based
    last_line: int
    raw: bytes


def split_records(raw: bytes) -> tuple[bytes, list[Chunk]] | None:
    """A YAML file written as a list of '- id: ...' records -> its preamble and one chunk per record;
    None when the file is written some other way (then it is read as a whole)."""
    lines = raw.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if RECORD_START.match(line)]
    if not starts or any(not PREAMBLE_LINE.match(line) for line in lines[: starts[0]]):
        return None
    preamble = b"".join(lines[: starts[0]])
    chunks = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        chunks.append(Chunk(start + 1, end, b"".join(lines[start:end])))
    return preamble, chunks


def _yaml_problem(exc: Exception, rel: str, offset: int, record_id: str | None, alone: bool) -> Reject:
    tail = "this record was not loaded" if alone else "nothing in this file was loaded"
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        return Reject(rel, line, record_id, None, None, f"the YAML cannot be read: {exc.problem or exc.context}; {tail}")
    if isinstance(exc, yaml.reader.ReaderError):
        return Reject(rel, None, record_id, None, None,
                      f"the YAML cannot be read: it contains the character #x{exc.character:04x}, which is not allowed; {tail}")
    return Reject(rel, None, record_id, None, None, f"the YAML cannot be read: {exc}; {tail}")


def _load_yaml_text(text: str, offset: int):
    loader = _LineLoader(text)
    loader.line_offset = offset
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _records_of(data: Any, rel: str, first_index: int = 1) -> tuple[list[RawRecord], list[Reject]]:
    records, rejects = [], []
    for index, item in enumerate(data, start=first_index):
        if not isinstance(item, dict):
            rejects.append(Reject(rel, None, None, None, _short(item), f"record {index} is not a set of 'field: value' lines"))
            continue
        line = item.pop("__line__")
        lines = item.pop("__lines__")
        records.append(RawRecord(rel, line, item, lines))
    return records, rejects


def read_yaml(path: Path, rel: str) -> tuple[list[RawRecord], list[Reject]]:
    """A YAML file holding a list of records -> raw records, read record by record: a record that cannot be read
    (a syntax error, a duplicated key, a bad byte, an alias, deep nesting) is refused alone, with its line."""
    problem = _too_large(path, rel)
    if problem:
        return [], [problem]
    raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    split = split_records(raw)
    if split is None:
        return _read_yaml_whole(raw, rel)
    _preamble, chunks = split
    records, rejects = [], []
    for index, chunk in enumerate(chunks, start=1):
        text, problem = _decode_bytes(chunk.raw, rel, chunk.first_line, "this record")
        record_id = _chunk_id(chunk.raw)
        if problem:
            rejects.append(Reject(problem.file, problem.line, record_id, None, None, problem.reason + "; this record was not loaded"))
            continue
        try:
            data = _load_yaml_text(text, chunk.first_line - 1)
        except (yaml.YAMLError, RecursionError) as exc:
            rejects.append(_yaml_problem(exc, rel, chunk.first_line - 1, record_id, alone=True))
            continue
        if not isinstance(data, list) or len(data) != 1:  # cannot happen for a '- ' chunk, but never trust input
            rejects.append(Reject(rel, chunk.first_line, record_id, None, None, "this record is not one list item"))
            continue
        got, problems = _records_of(data, rel, index)
        records += got
        rejects += problems
    return records, rejects


def _chunk_id(raw: bytes) -> str | None:
    match = ID_LINE.search(raw.decode("utf-8", errors="replace")[:2000])
    return match.group(1) if match else None


def _read_yaml_whole(raw: bytes, rel: str) -> tuple[list[RawRecord], list[Reject]]:
    text, problem = _decode_bytes(raw, rel, 1, "the file")
    if problem:
        return [], [problem]
    if not text.strip():
        return [], [Reject(rel, None, None, None, None, "the file is empty; remove it or add records")]
    try:
        data = _load_yaml_text(text, 0)
    except (yaml.YAMLError, RecursionError) as exc:
        return [], [_yaml_problem(exc, rel, 0, None, alone=False)]
    if data is None:
        return [], [Reject(rel, None, None, None, None, "the file holds no records (only comments or blank lines)")]
    if not isinstance(data, list):
        return [], [Reject(rel, 1, None, None, None, "the file must be a list of records, each starting with '- id: ...'")]
    return _records_of(data, rel)


def _csv_rows(raw: bytes, rel: str, width: int, first_line: int):
    """Physical lines after the header -> (line, cells) for each row, or (line, Reject) for a row that cannot be read.

    A row may span lines (a quoted value with a line break in it). A NUL byte, a bad byte or a broken quote
    refuses that row alone; the next line starts a new row."""
    lines = raw.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        line_no = first_line + i
        end = i + 1
        if lines[i].count(b'"') % 2:  # an open quote: the row goes on until the quotes balance
            quotes = lines[i].count(b'"')
            while end < len(lines) and quotes % 2:
                quotes += lines[end].count(b'"')
                end += 1
        block = b"".join(lines[i:end])
        row, problem = _csv_row(block, rel, line_no, width)
        if problem is not None and end > i + 1:
            row, problem = _csv_row(lines[i], rel, line_no, width)  # the quote did not close: refuse this line alone
            end = i + 1
        elif row is not None and end > i + 1 and any(_whole_row(line, width) for line in lines[i + 1:end]):
            row, problem = _csv_row(lines[i], rel, line_no, width)  # a quote swallowed whole rows: refuse the first line
            end = i + 1
        yield line_no, (problem if problem is not None else row)
        i = end


def _whole_row(line: bytes, width: int) -> bool:
    try:
        rows = list(csv.reader(io.StringIO(line.decode("utf-8"), newline=""), strict=True))
    except (csv.Error, UnicodeDecodeError):
        return False
    return len(rows) == 1 and len(rows[0]) == width and bool(rows[0][0].strip())


def _csv_row(block: bytes, rel: str, line: int, width: int) -> tuple[list[str] | None, Reject | None]:
    text, problem = _decode_bytes(block, rel, line, "this row")
    first = _first_cell(block)
    if problem:
        return None, Reject(problem.file, problem.line, first, None, None, problem.reason + "; the row was not loaded")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        return None, Reject(rel, line, first, None, None, f"this row is not valid CSV ({exc}); check the quotes")
    if len(rows) > 1:
        return None, Reject(rel, line, first, None, None, "this row is not valid CSV (a quote is not closed); check the quotes")
    return (rows[0] if rows else []), None


def _first_cell(block: bytes) -> str | None:
    cell = block.decode("utf-8", errors="replace").split(",", 1)[0].strip().strip('"')
    return cell if SLUG.match(cell) or ISO3.match(cell) else None


def read_csv(path: Path, rel: str, columns: Iterable[str], required: Iterable[str]) -> tuple[list[RawRecord], list[Reject]]:
    """A CSV file with a header row -> raw records, row by row; the header must name known columns."""
    problem = _too_large(path, rel)
    if problem:
        return [], [problem]
    raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    if not raw.strip():
        return [], [Reject(rel, None, None, None, None, "the file is empty; remove it or add records")]
    columns, required = list(columns), list(required)
    header_raw, _, body = raw.partition(b"\n")
    header_text, problem = _decode_bytes(header_raw, rel, 1, "the header row")
    if problem:
        return [], [problem]
    try:
        header = next(csv.reader(io.StringIO(header_text, newline=""), strict=True))
    except (csv.Error, StopIteration) as exc:
        return [], [Reject(rel, 1, None, None, None, f"the CSV header cannot be read: {exc}")]
    header = [h.strip() for h in header]
    unknown = [h for h in header if h not in columns]
    missing = [c for c in required if c not in header]
    if unknown or missing or len(set(header)) != len(header):
        parts = []
        if missing:
            parts.append("missing column(s) " + ", ".join(missing))
        if unknown:
            parts.append("unknown column(s) " + ", ".join(unknown))
        if len(set(header)) != len(header):
            parts.append("a column name appears twice")
        return [], [Reject(rel, 1, None, None, ",".join(header),
                           "the header row is wrong: " + "; ".join(parts) + ". Expected columns: " + ", ".join(columns))]
    records, rejects = [], []
    for line, row in _csv_rows(body, rel, len(header), 2):
        if isinstance(row, Reject):
            rejects.append(row)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            rejects.append(Reject(rel, line, row[0] if row else None, None, _short(",".join(row)),
                                  f"this row has {len(row)} values but the header has {len(header)} columns; "
                                  "a value containing a comma must be in double quotes"))
            continue
        data = {h: (cell.strip() or None) for h, cell in zip(header, row)}
        records.append(RawRecord(rel, line, data, {h: line for h in header}))
    if not records and not rejects:
        rejects.append(Reject(rel, None, None, None, None, "the file has a header but no records"))
    return records, rejects


# --------------------------------------------------------------------------- value rules


def text(max_len: int) -> Callable[[Any], str]:
    def rule(value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise Invalid(f"must be text, not {_kind(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise Invalid("must be text")
        value = str(value).strip()
        if len(value) > max_len:
            raise Invalid(f"is {len(value)} characters long; the limit is {max_len}")
        if any(ord(c) < 32 and c not in "\n\t" for c in value):
            raise Invalid("contains control characters")
        return value

    return rule


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return "text"


def slug(value: Any) -> str:
    if not isinstance(value, str) or not SLUG.match(value):
        raise Invalid("must be a lower-case id of letters, digits and hyphens (e.g. kaz-2017-03-29-minister-dg), at most 120 characters")
    return value


def iso3(value: Any) -> str:
    if not isinstance(value, str) or not ISO3.match(value.strip()):
        raise Invalid("must be a three-letter ISO 3166 country code in capitals, e.g. KAZ")
    return value.strip()


def url(value: Any) -> str:
    value = text(2000)(value)
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value):
        raise Invalid("must be a web address starting with http:// or https://")
    return value


def colour(value: Any) -> str:
    if not isinstance(value, str) or not COLOUR.match(value):
        raise Invalid("must be a hex colour like #CC6677")
    return value.upper()


def one_of(*choices: str) -> Callable[[Any], str]:
    def rule(value: Any) -> str:
        if value not in choices:
            raise Invalid("must be one of " + ", ".join(choices))
        return value

    return rule


def integer(low: int, high: int) -> Callable[[Any], int]:
    def rule(value: Any) -> int:
        if isinstance(value, bool):
            raise Invalid("must be a whole number")
        try:
            number = int(str(value).strip())
        except ValueError:
            raise Invalid("must be a whole number") from None
        if not low <= number <= high:
            raise Invalid(f"must be between {low} and {high}")
        return number

    return rule


def coordinate(limit: float) -> Callable[[Any], float]:
    def rule(value: Any) -> float:
        if isinstance(value, bool):
            raise Invalid("must be a decimal number")
        try:
            number = float(str(value).strip())
        except ValueError:
            raise Invalid("must be a decimal number in degrees (WGS84); leave it empty if unknown and flag coordinates_missing") from None
        if not math.isfinite(number) or not -limit <= number <= limit:
            raise Invalid(f"must be between -{limit:g} and {limit:g} degrees")
        return number

    return rule


def date(value: Any) -> tuple[str, str]:
    """'2017-03-29' -> day, '2017-03' -> month, 2017 / '2017' -> year; the date must exist."""
    if isinstance(value, bool):
        raise Invalid("must be a date written YYYY-MM-DD, YYYY-MM or YYYY")
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()[:10]
    value = str(value).strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not match:
        raise Invalid("must be a date written YYYY-MM-DD, YYYY-MM or YYYY (as precise as the source)")
    year, month, day = (int(g) if g else None for g in match.groups())
    if not 1900 <= year <= 2100:
        raise Invalid("has a year outside 1900-2100")
    if month is not None and not 1 <= month <= 12:
        raise Invalid(f"has month {month:02d}, which does not exist")
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise Invalid(f"is not a real date ({value} does not exist)") from None
    return value, "day" if day else "month" if month else "year"


def list_of(rule: Callable[[Any], Any], allow_empty: bool = True) -> Callable[[Any], list]:
    def wrapped(value: Any) -> list:
        if value is None:
            value = []
        if not isinstance(value, list):
            raise Invalid("must be a list, written [A, B] or as '- ' lines")
        if not value and not allow_empty:
            raise Invalid("must list at least one value")
        out = []
        for item in value:
            try:
                out.append(rule(item))
            except Invalid as exc:
                raise Invalid(f"has an entry {item!r} that {exc}") from None
        if len(set(map(str, out))) != len(out):
            raise Invalid("lists the same value twice")
        return out

    wrapped.empty = ()  # an absent optional list is an empty list
    return wrapped


def split_list(rule: Callable[[Any], Any]) -> Callable[[Any], list]:
    """A CSV cell holding values separated by ';'."""

    def wrapped(value: Any) -> list:
        return list_of(rule)([v.strip() for v in str(value).split(";") if v.strip()] if value else [])

    wrapped.empty = ()
    return wrapped


def flag(value: Any) -> str:
    if not isinstance(value, str) or not FLAG.match(value):
        raise Invalid("must be a lower-case word with underscores, e.g. sources_disagree")
    return value


def theme_id(value: Any) -> str:
    if not isinstance(value, str) or not THEME_ID.match(value):
        raise Invalid("must be a theme id such as culture_heritage")
    return value


def participants(value: Any) -> list[dict[str, str | None]]:
    """'- person: <id>' entries with an optional role at the time."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise Invalid("must be a list of '- person: <id>' entries")
    out, seen = [], set()
    for item in value:
        if isinstance(item, str):
            item = {"person": item}
        if not isinstance(item, dict) or "person" not in item:
            raise Invalid(f"has an entry {item!r} without 'person: <id>'")
        extra = set(item) - {"person", "role", "__line__", "__lines__"}
        if extra:
            raise Invalid(f"has an entry with unknown field(s) {', '.join(sorted(extra))}; use person and role")
        person = slug(item["person"])
        if person in seen:
            raise Invalid(f"lists {person} twice")
        seen.add(person)
        role = text(200)(item["role"]) if item.get("role") is not None else None
        out.append({"person": person, "role": role or None})
    return out


def nested_fields(item: dict[str, Any], index: int, noun: str, fields: "Fields") -> dict[str, Any]:
    """One entry of a nested list (a person's role, a chain's stage) checked field by field with the rules of `fields`;
    a problem says which entry and points at its line."""
    line, lines = item.get("__line__"), item.get("__lines__", {})
    row: dict[str, Any] = {}
    for name, (rule, required) in fields.items():
        raw = item.get(name)
        if raw in (None, ""):
            if required:
                raise Invalid(f"{noun} {index} has no {name}", line)
            row[name] = None
            continue
        try:
            row[name] = rule(raw)
        except Invalid as exc:
            raise Invalid(f"{noun} {index}: {name} {exc}", lines.get(name, line)) from None
    return row


def person_roles(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise Invalid("must be a list of roles, each with role, organisation, start, end, source_url")
    out = []
    for index, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise Invalid(f"role {index} is not a set of fields")
        lines = item.get("__lines__", {})
        line = item.get("__line__")
        extra = set(item) - set(ROLE_FIELDS) - {"__line__", "__lines__"}
        if extra:
            raise Invalid(f"role {index} has unknown field(s) {', '.join(sorted(extra))}", line)
        row = nested_fields(item, index, "role", ROLE_FIELDS)
        if row["start"] and row["end"] and row["end"][0] < row["start"][0]:
            raise Invalid(f"role {index} ends ({row['end'][0]}) before it starts ({row['start'][0]})", lines.get("end", line))
        row["line"] = lines.get("source_url", line)
        out.append(row)
    return out


def further_sources(table: str) -> Callable[[Any], list[dict[str, Any]]]:
    """'- url: ...' entries, each with 'supports: [fact, ...]': the facts of the record that page states."""
    allowed = SUPPORTS[table]

    def rule(value: Any) -> list[dict[str, Any]]:
        if not isinstance(value, list):
            raise Invalid("must be a list of '- url: ...' entries, each with 'supports: [date, place ...]'")
        out = []
        for index, item in enumerate(value, start=1):
            if not isinstance(item, dict):
                raise Invalid(f"source {index} is not a set of fields (url, supports)")
            line = item.get("__line__")
            extra = set(item) - {"url", "supports", "note", "__line__", "__lines__"}
            if extra:
                raise Invalid(f"source {index} has unknown field(s) {', '.join(sorted(extra))}; use url, supports and note", line)
            try:
                address = url(item.get("url"))
            except Invalid as exc:
                raise Invalid(f"source {index}: url {exc}", line) from None
            supports = item.get("supports")
            if not isinstance(supports, list) or not supports or any(s not in allowed for s in supports):
                raise Invalid(f"source {index}: supports must list what the page states, from: {', '.join(allowed)}", line)
            out.append({"url": address, "supports": list(dict.fromkeys(supports)), "line": line})
        return out

    rule.empty = ()
    return rule


CSV_SOURCE = re.compile(r"^(?P<supports>[a-z_]+(?:\s*,\s*[a-z_]+)*)\s*=\s*(?P<url>https?://\S+)$")


def csv_sources(table: str) -> Callable[[Any], list[dict[str, Any]]]:
    """A CSV cell of further sources: 'coordinates=https://... | year,name=https://...'."""
    allowed = SUPPORTS[table]

    def rule(value: Any) -> list[dict[str, Any]]:
        out = []
        for part in str(value).split(" | "):
            match = CSV_SOURCE.match(part.strip())
            if not match:
                raise Invalid(f"has '{part.strip()}'; write each further source as FACT=URL (e.g. coordinates=https://...), "
                              "separated by ' | '")
            supports = [s.strip() for s in match.group("supports").split(",")]
            bad = [s for s in supports if s not in allowed]
            if bad:
                raise Invalid(f"names {', '.join(bad)}; a further source supports one of: {', '.join(allowed)}")
            out.append({"url": url(match.group("url")), "supports": supports, "line": None})
        return out

    rule.empty = ()
    return rule


participants.empty = ()
person_roles.empty = ()

ROLE_FIELDS: dict[str, tuple[Callable[[Any], Any], bool]] = {
    "role": (text(200), True),
    "organisation": (text(300), False),
    "country": (iso3, False),
    "office": (one_of(*OFFICES), False),
    "place": (slug, False),       # for a UNESCO office's head: the office (a field_office place)
    "start": (date, False),
    "end": (date, False),
    "source_url": (url, True),
    "sources": (further_sources("roles"), False),
    "flags": (list_of(flag), False),
    "note": (text(2000), False),
}


# --------------------------------------------------------------------------- record types

Fields = dict[str, tuple[Callable[[Any], Any], bool]]  # field -> (rule, required)

COUNTRY_FIELDS: Fields = {
    "iso3": (iso3, True),
    "name": (text(100), True),
    "focus": (integer(0, 1), True),
    "unesco_member_since": (date, False),
    "region": (text(100), False),
    "source_url": (url, True),
    "flags": (split_list(flag), False),
    "note": (text(4000), False),
}
THEME_FIELDS: Fields = {
    "id": (theme_id, True),
    "label": (text(80), True),
    "sector": (text(100), False),
    "sdg": (integer(1, 17), False),
    "colour": (colour, True),
    "source_url": (url, True),
    "description": (text(2000), False),
    "rationale": (text(1000), False),
    "phrases": (list_of(text(200)), False),  # used by the article extractor
    "weak_phrases": (list_of(text(200)), False),
}
PLACE_FIELDS: Fields = {
    "id": (slug, True),
    "name": (text(300), True),
    "kind": (one_of(*PLACE_KINDS), True),
    "countries": (split_list(iso3), True),
    "city": (text(100), False),
    "lat": (coordinate(90), False),
    "lon": (coordinate(180), False),
    "coord_precision": (one_of(*COORD_PRECISIONS), False),
    "year": (integer(1900, 2100), False),
    "whc_id": (text(20), False),
    "category": (one_of("cultural", "natural", "mixed"), False),
    "official_url": (url, False),
    "source_url": (url, True),
    "sources": (csv_sources("places"), False),
    "flags": (split_list(flag), False),
    "note": (text(4000), False),
}
COMPONENT_FIELDS: Fields = {  # data/place_components.csv: the parts of a serial property inside the region
    "id": (slug, True),
    "place": (slug, True),
    "name": (text(300), True),
    "country": (iso3, True),
    "lat": (coordinate(90), True),
    "lon": (coordinate(180), True),
    "coord_precision": (one_of(*COORD_PRECISIONS), True),
    "source_url": (url, True),
    "note": (text(2000), False),
}
PUBLISHER_FIELDS: Fields = {
    "id": (slug, True),
    "name": (text(200), True),
    "kind": (one_of(*PUBLISHER_KINDS), True),
    "hosts": (list_of(publisher_host, allow_empty=False), True),
    "note": (text(1000), False),
}
REGISTER_COUNT_FIELDS: Fields = {  # data/registers.yaml: the official size of each register, to compare with
    "register": (one_of(*COUNTED_REGISTERS), True),
    "country": (iso3, True),
    "count": (integer(0, 10000), True),
    "as_of": (date, True),        # the state of the official list the count describes
    "checked": (date, True),      # when a person read the count off the page
    "source_url": (url, True),
    "note": (text(2000), False),
}
PERSON_FIELDS: Fields = {
    "id": (slug, True),
    "name": (text(200), True),
    "aliases": (list_of(text(200)), False),
    "source_url": (url, False),
    "roles": (person_roles, False),
    "flags": (list_of(flag), False),
    "note": (text(4000), False),
}
MEETING_FIELDS: Fields = {
    "id": (slug, True),
    "date": (date, True),
    "title": (text(300), True),
    "kind": (one_of(*MEETING_KINDS), True),
    "place": (slug, False),
    "countries": (list_of(iso3, allow_empty=False), True),
    "themes": (list_of(theme_id, allow_empty=False), True),
    "participants": (participants, False),
    "summary": (text(4000), False),
    "source_url": (url, True),
    "sources": (further_sources("meetings"), False),
    "flags": (list_of(flag), False),
    "note": (text(4000), False),
}
PARTNERSHIP_FIELDS: Fields = {
    "id": (slug, True),
    "name": (text(300), True),
    "kind": (one_of(*PARTNERSHIP_KINDS), True),
    "start": (date, True),
    "end": (date, False),
    "status": (one_of(*STATUSES), False),
    "place": (slug, False),
    "countries": (list_of(iso3, allow_empty=False), True),
    "themes": (list_of(theme_id, allow_empty=False), True),
    "meetings": (list_of(slug), False),
    "register": (one_of(*REGISTERS), False),
    "entry": (text(100), False),
    "summary": (text(4000), False),
    "source_url": (url, True),
    "sources": (further_sources("partnerships"), False),
    "flags": (list_of(flag), False),
    "note": (text(4000), False),
}


def check_fields(raw: RawRecord, fields: Fields) -> tuple[dict[str, Any] | None, Reject | None]:
    """Apply each field's rule; the first problem rejects the record."""
    unknown = [k for k in raw.data if k not in fields]
    if unknown:
        name = unknown[0]
        return None, raw.reject(name, raw.data[name],
                                f"unknown field '{name}'; the fields of this file are: " + ", ".join(fields))
    out: dict[str, Any] = {}
    for name, (rule, required) in fields.items():
        value = raw.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                return None, raw.reject(name, None, f"'{name}' is required and is empty")
            empty = getattr(rule, "empty", None)
            out[name] = list(empty) if empty is not None else None
            continue
        try:
            out[name] = rule(value)
        except Invalid as exc:
            problem = raw.reject(name, value, f"'{name}' {exc}")
            if exc.line:
                problem = Reject(problem.file, exc.line, problem.record_id, problem.field, problem.value, problem.reason)
            return None, problem
    return out, None


# --------------------------------------------------------------------------- the whole data folder

CURATED = {"origin": "curated", "confidence": 1.0, "document_id": None}


@dataclass
class Dataset:
    """Rows ready for the database (table -> list of rows), what was refused, and what was read."""

    rows: dict[str, list[dict[str, Any]]]
    rejects: list[Reject]
    files: list[Path]
    warnings: list[Reject] = field(default_factory=list)  # loaded, but a reference to a refused record was dropped

    def count(self, table: str) -> int:
        return len(self.rows.get(table, []))


# The tables that grow with the number of records: streamed in batches (the other tables are a few thousand rows at
# most and are given whole at the end). BATCH_RECORDS meetings or partnerships per batch, and a batch never spans
# two files.
STREAMED_TABLES = ("meetings", "meeting_participants", "meeting_countries", "meeting_themes", "partnerships",
                   "partnership_countries", "partnership_themes", "partnership_meetings", "sources")
BATCH_RECORDS = 5000


@dataclass
class DataStream:
    """Validated rows as (table, rows) batches, in an order that keeps every reference after what it points to;
    what was refused, the warnings and the files read are filled in while the batches are consumed (complete once
    the iterator is exhausted). Iterate it once."""

    batches: Iterator[tuple[str, list[dict[str, Any]]]]
    rejects: list[Reject]
    files: list[Path]
    warnings: list[Reject] = field(default_factory=list)

    def __iter__(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        return self.batches


def _flags(*groups: Iterable[str] | None) -> str | None:
    merged = sorted({f for group in groups if group for f in group})
    return ";".join(merged) or None


class _Registry:
    """Ids seen so far in one kind of record, to refuse duplicates and dangling references."""

    def __init__(self, what: str, where: str):
        self.what, self.where = what, where
        # id -> where it is defined, as one int (file number << 32 | line): a million ids stay a few tens of MB
        self.seen: dict[str, int] = {}
        self._files: dict[str, int] = {}
        self._names: list[str] = []
        self.refused: dict[str, str] = {}  # ids of records that were refused -> where they are

    def _where(self, raw: RawRecord) -> int:
        number = self._files.get(raw.file)
        if number is None:
            number = self._files[raw.file] = len(self._names)
            self._names.append(raw.file)
        return number << 32 | (raw.line or 0)

    def defined_at(self, key: str) -> str:
        """file:line of a known id."""
        packed = self.seen[key]
        return f"{self._names[packed >> 32]}:{packed & 0xFFFFFFFF}"

    def refuse(self, key: Any, where: str) -> None:
        """A record with this id was refused: references to it are dropped with a warning, not fatal."""
        if isinstance(key, str) and key and key not in self.seen:
            self.refused.setdefault(key, where)

    def drop(self, key: str, raw: RawRecord) -> None:
        """A record that was added is refused after all."""
        self.seen.pop(key, None)
        self.refuse(key, f"{raw.file}:{raw.line}")

    def add(self, raw: RawRecord, key: str, rejects: list[Reject], field_name: str = "id") -> bool:
        if key in self.seen:
            rejects.append(raw.reject(field_name, key, f"duplicate {self.what} '{key}': already defined at {self.defined_at(key)}",
                                      record_id=key))
            return False
        self.seen[key] = self._where(raw)
        return True

    def missing(self, keys: Iterable[str]) -> list[str]:
        return [k for k in keys if k and k not in self.seen]

    def explain(self, keys: list[str]) -> str:
        listed = ", ".join(f"'{k}'" for k in keys)
        return f"{listed} {'is' if len(keys) == 1 else 'are'} not defined in {self.where} (or was refused: see the other rejects)"


def _files(data_dir: Path, pattern: str) -> list[Path]:
    return sorted(p for p in data_dir.glob(pattern) if p.is_file())


def read_data(data_dir: Path) -> Dataset:
    """Read and validate every curated file in data_dir, in dependency order, into one Dataset held in memory
    (fine for curated data; `etl build` uses stream_data and writes each batch as it comes)."""
    stream = stream_data(data_dir)
    rows: dict[str, list[dict[str, Any]]] = {}
    for table, batch in stream:
        rows.setdefault(table, []).extend(batch)
    return Dataset(rows, stream.rejects, stream.files, stream.warnings)


def stream_data(data_dir: Path, batch_records: int = BATCH_RECORDS) -> DataStream:
    """Read and validate every curated file in data_dir, in dependency order, as a stream of (table, rows) batches:
    meetings and partnerships (with their links and sources) file by file, at most batch_records records per batch,
    so that only the current batch's rows are held; the cross-record checks keep compact structures (the ids seen,
    each record's dates for links.yaml). The small tables come whole, at the end."""
    stream = DataStream(iter(()), [], [], [])
    stream.batches = _stream(Path(data_dir), stream, batch_records)
    return stream


def _stream(data_dir: Path, stream: DataStream, batch_records: int) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    rows: dict[str, list[dict[str, Any]]] = {}
    rejects, warnings, files = stream.rejects, stream.warnings, stream.files
    # what links.yaml needs of each record: its date (and a partnership's end date), not the row
    known: dict[str, dict[str, Any]] = {"meeting": {}, "partnership": {}}

    ready: list[tuple[str, list[dict[str, Any]]]] = []  # batches complete, to be handed over

    def flush() -> None:
        """Close the batch: the rows of the streamed tables gathered so far are ready to go."""
        for table in STREAMED_TABLES:
            if rows.get(table):
                ready.append((table, rows[table]))
                rows[table] = []

    def batched(raws: Iterable[RawRecord]) -> Iterator[RawRecord]:
        """Raw records, closing the batch before a record of another file and every batch_records records (before
        the record is validated: a record refused late takes its sources rows out of the open batch)."""
        current, count = None, 0
        for raw in raws:
            if raw.file != current or count >= batch_records:
                flush()
                current, count = raw.file, 0
            count += 1
            yield raw

    def rel(path: Path) -> str:
        return path.relative_to(data_dir).as_posix()

    def load_csv(name: str, fields: Fields, registry_: _Registry | None = None) -> list[RawRecord]:
        path = data_dir / name
        if not path.exists():
            rejects.append(Reject(name, None, None, None, None, f"{name} is missing from the data folder"))
            return []
        files.append(path)
        required = [k for k, (_r, req) in fields.items() if req]
        records, problems = read_csv(path, name, fields, required)
        rejects.extend(problems)
        for problem in problems if registry_ else ():
            registry_.refuse(problem.record_id, f"{problem.file}:{problem.line}")
        return records

    def load_yaml(pattern: str, registry_: _Registry | None = None) -> Iterator[RawRecord]:
        """The raw records of every file matching pattern, one file read at a time."""
        paths = _files(data_dir, pattern)
        if not paths:
            rejects.append(Reject(pattern, None, None, None, None, f"no file matches {pattern} in the data folder"))
        for path in paths:
            files.append(path)
            records, problems = read_yaml(path, rel(path))
            rejects.extend(problems)
            for problem in problems if registry_ else ():
                registry_.refuse(problem.record_id, f"{problem.file}:{problem.line}")
            yield from records
            del records

    def refs(raw: RawRecord, r: dict[str, Any], checks: list[tuple[str, _Registry]]) -> Reject | None:
        """Check a record's references. An id that is defined nowhere is the record's own mistake: it is refused.
        An id whose record was refused is dropped from this record, which loads without it, with a warning."""
        for name, registry_ in checks:
            value = r[name]
            keys = [p["person"] for p in value] if name == "participants" else value if isinstance(value, list) else [value]
            bad = registry_.missing(keys)
            unknown = [k for k in bad if k not in registry_.refused]
            if unknown:
                return raw.reject(name, ", ".join(unknown), registry_.explain(unknown))
            for key in bad:
                warnings.append(raw.reject(name, key, f"{registry_.what} '{key}' was refused (see the reject at "
                                                      f"{registry_.refused[key]}); this record is loaded without it"))
            if bad and name == "participants":
                r[name] = [p for p in value if p["person"] not in bad]
            elif bad and isinstance(value, list):
                r[name] = [k for k in value if k not in bad]
            elif bad:
                r[name] = None
        return None

    def cite(raw: RawRecord, table: str, key: str, address: str, further=(), line: int | None = None) -> str | None:
        """The publisher of a row's source (and sources rows for it and its further sources); None, with a reject,
        when the registry refuses one of them."""
        entries = [("source_url", address, None, line or raw.line_of("source_url"))]
        entries += [("sources", f["url"], f["supports"], f["line"] or raw.line_of("sources")) for f in further]
        found = []
        for name, address_, supports, where in entries:
            try:
                found.append((registry.resolve(address_, table), supports))
            except SourceProblem as exc:
                problem = raw.reject(name, address_, f"'{name}' {exc}")
                rejects.append(Reject(problem.file, where, problem.record_id, name, problem.value, problem.reason))
                return None
        rows["sources"].extend(
            {"record_table": table, "record_id": key, "position": position, "url": c.url, "publisher_id": c.publisher.id,
             "original_url": c.original_url, "archived": int(c.archived), "supports": ", ".join(supports) if supports else None}
            for position, (c, supports) in enumerate(found))
        return found[0][0].publisher.id

    def valid(raw_records: Iterable[RawRecord], fields: Fields, registry_: _Registry, key: str = "id", table: str | None = None):
        for raw in raw_records:
            record, problem = check_fields(raw, fields)
            if problem:
                rejects.append(problem)
                registry_.refuse(raw.data.get(key), f"{raw.file}:{raw.line}")
                continue
            if registry_.add(raw, record[key], rejects, key):
                if table:
                    record["publisher_id"] = cite(raw, table, record[key], record["source_url"], record.get("sources") or ())
                    if record["publisher_id"] is None:
                        registry_.drop(record[key], raw)
                        continue
                yield raw, record

    # publishers: every source below must be on a host they list
    rows["publishers"], rows["sources"] = [], []
    publisher_ids = _Registry("publisher", "publishers.yaml")
    hosts: dict[str, str] = {}
    publishers: list[Publisher] = []
    for raw, r in valid(load_yaml("publishers.yaml", publisher_ids), PUBLISHER_FIELDS, publisher_ids):
        taken = [h for h in r["hosts"] if h in hosts]
        if taken:
            publisher_ids.drop(r["id"], raw)
            rejects.append(raw.reject("hosts", taken[0], f"host '{taken[0]}' is already listed for publisher '{hosts[taken[0]]}'"))
            continue
        hosts.update({h: r["id"] for h in r["hosts"]})
        publishers.append(Publisher(r["id"], r["name"], r["kind"], tuple(r["hosts"])))
        rows["publishers"].append({"id": r["id"], "name": r["name"], "kind": r["kind"], "hosts": ", ".join(r["hosts"]),
                                   "note": r["note"]})
    registry = Registry(publishers)

    # countries
    countries = _Registry("country", "countries.csv")
    rows["countries"] = []
    for raw, r in valid(load_csv("countries.csv", COUNTRY_FIELDS, countries), COUNTRY_FIELDS, countries, "iso3", "countries"):
        since, precision = r["unesco_member_since"] or (None, None)
        rows["countries"].append({
            "iso3": r["iso3"], "name": r["name"], "focus": r["focus"], "unesco_member_since": since,
            "member_since_precision": precision, "region": r["region"], "outline": None, "source_url": r["source_url"],
            "publisher_id": r["publisher_id"],
            "flags": _flags(r["flags"], [] if since or not r["focus"] else ["membership_date_missing"]), "note": r["note"],
        })

    outlines = data_dir / "geo" / "countries.geojson"
    if outlines.exists():
        files.append(outlines)
        shapes, problems = read_outlines(outlines, rel(outlines), countries)
        rejects.extend(problems)
        for row in rows["countries"]:
            row["outline"] = shapes.get(row["iso3"])

    # seas, lakes and rivers drawn under the map (etl/geo.py)
    from .geo import read_water, water_path  # imported here: etl.geo builds on this module
    water = water_path(data_dir)
    rows["water"] = []
    if water.exists():
        files.append(water)
        rows["water"], problems = read_water(water, rel(water))
        rejects.extend(problems)

    # themes
    themes = _Registry("theme", "themes.yaml")
    rows["themes"] = []
    for raw, r in valid(load_yaml("themes.yaml", themes), THEME_FIELDS, themes, table="themes"):
        rows["themes"].append({k: r[k] for k in ("id", "label", "sector", "sdg", "colour", "source_url", "publisher_id")})

    # places
    places = _Registry("place", "places.csv")
    rows["places"], rows["place_countries"] = [], []
    for raw in load_csv("places.csv", PLACE_FIELDS, places):
        r, problem = check_fields(raw, PLACE_FIELDS)
        problem = problem or refs(raw, r, [("countries", countries)]) or _place_problem(raw, r)
        if problem:
            rejects.append(problem)
            places.refuse(raw.data.get("id"), f"{raw.file}:{raw.line}")
            continue
        if not places.add(raw, r["id"], rejects):
            continue
        publisher = cite(raw, "places", r["id"], r["source_url"], r["sources"])
        if publisher is None:
            places.drop(r["id"], raw)
            continue
        extra = [] if r["lat"] is not None else ["coordinates_missing"]
        rows["places"].append({
            **{k: r[k] for k in ("id", "name", "kind", "city", "lat", "lon", "coord_precision", "year", "whc_id",
                                 "category", "official_url", "source_url", "note")},
            "publisher_id": publisher, "flags": _flags(r["flags"], extra), **CURATED,
        })
        rows["place_countries"] += [{"place_id": r["id"], "country_iso3": c} for c in r["countries"]]
    place_countries = {}
    for row in rows["place_countries"]:
        place_countries.setdefault(row["place_id"], set()).add(row["country_iso3"])

    # components of serial and transboundary properties, inside the region
    components = _Registry("component", "place_components.csv")
    rows["place_components"] = []
    raw_components = load_csv("place_components.csv", COMPONENT_FIELDS, components) if (data_dir / "place_components.csv").exists() else []
    for raw, r in valid(raw_components, COMPONENT_FIELDS, components, table="place_components"):
        if r["place"] in places.refused:
            problem = raw.reject("place", r["place"], f"place '{r['place']}' was refused (see the reject at "
                                                      f"{places.refused[r['place']]}); a component needs its property")
        elif r["place"] not in places.seen:
            problem = raw.reject("place", r["place"], places.explain([r["place"]]))
        elif r["country"] not in place_countries.get(r["place"], ()):
            problem = raw.reject("country", r["country"], f"'{r['country']}' is not one of the countries of place '{r['place']}'")
        else:
            problem = None
        if problem:
            rejects.append(problem)
            components.drop(r["id"], raw)
            continue
        rows["place_components"].append({
            "id": r["id"], "place_id": r["place"], "name": r["name"], "country_iso3": r["country"], "lat": r["lat"],
            "lon": r["lon"], "coord_precision": r["coord_precision"], "source_url": r["source_url"],
            "publisher_id": r["publisher_id"], "note": r["note"]})

    # people
    people = _Registry("person", "people/*.yaml")
    rows["people"], rows["person_aliases"], rows["roles"] = [], [], []
    for raw, r in valid(load_yaml("people/*.yaml", people), PERSON_FIELDS, people):
        problem = None
        for role in r["roles"]:
            role_raw = RawRecord(raw.file, role["line"] or raw.line, role, {})
            problem = problem or refs(role_raw, role, [("country", countries), ("place", places)])
        if problem:
            people.drop(r["id"], raw)
            rejects.append(Reject(problem.file, problem.line, r["id"], "roles", problem.value, "a role's " + problem.field
                                  + " " + problem.reason))
            continue
        source = r["source_url"] or _first_role_source(r)
        mark = len(rows["sources"])
        publisher = cite(raw, "people", r["id"], source) if source else None
        role_publishers = [cite(raw, "roles", _role_id(r["id"], role), role["source_url"], role["sources"] or (), line=role["line"])
                           for role in r["roles"]]
        if (source and publisher is None) or None in role_publishers:
            del rows["sources"][mark:]
            people.drop(r["id"], raw)
            continue
        rows["people"].append({"id": r["id"], "name": r["name"], "source_url": source, "publisher_id": publisher,
                               "flags": _flags(r["flags"]), "note": r["note"], **CURATED})
        aliases = sorted({r["name"], *r["aliases"]})
        rows["person_aliases"] += [{"person_id": r["id"], "alias": a} for a in aliases]
        for role, role_publisher in zip(r["roles"], role_publishers):
            start, start_p = role["start"] or (None, None)
            end, end_p = role["end"] or (None, None)
            rows["roles"].append({
                "id": _role_id(r["id"], role), "person_id": r["id"], "role": role["role"],
                "organisation": role["organisation"], "country_iso3": role["country"], "office": role["office"],
                "place_id": role["place"], "start_date": start,
                "start_precision": start_p, "end_date": end, "end_precision": end_p, "source_url": role["source_url"],
                "publisher_id": role_publisher,
                "flags": _flags(role["flags"]), "note": role["note"],
            })
    _drop_duplicate_roles(rows["roles"], rejects)

    # meetings
    meetings = _Registry("meeting", "meetings/*.yaml")
    for table in ("meetings", "meeting_participants", "meeting_countries", "meeting_themes"):
        rows[table] = []
    for raw, r in valid(batched(load_yaml("meetings/*.yaml", meetings)), MEETING_FIELDS, meetings, table="meetings"):
        yield from ready
        ready.clear()
        mark = len(warnings)
        problem = refs(raw, r, [("place", places), ("countries", countries), ("themes", themes), ("participants", people)])
        if problem:
            del warnings[mark:]
            meetings.drop(r["id"], raw)
            _drop_sources(rows["sources"], "meetings", r["id"])
            rejects.append(problem)
            continue
        day, precision = r["date"]
        rows["meetings"].append({
            "id": r["id"], "date": day, "date_precision": precision, "year": int(day[:4]), "title": r["title"],
            "kind": r["kind"], "place_id": r["place"], "summary": r["summary"], "source_url": r["source_url"],
            "publisher_id": r["publisher_id"],
            "flags": _flags(r["flags"], [] if r["place"] else ["place_unknown"]), "note": r["note"], **CURATED,
        })
        rows["meeting_participants"] += [{"meeting_id": r["id"], "person_id": p["person"], "role": p["role"]}
                                         for p in r["participants"]]
        rows["meeting_countries"] += [{"meeting_id": r["id"], "country_iso3": c} for c in r["countries"]]
        rows["meeting_themes"] += [{"meeting_id": r["id"], "theme_id": t} for t in r["themes"]]
        known["meeting"][r["id"]] = day
    flush()
    yield from ready
    ready.clear()

    # partnerships
    partnerships = _Registry("partnership", "partnerships/*.yaml")
    for table in ("partnerships", "partnership_countries", "partnership_themes", "partnership_meetings"):
        rows[table] = []
    for raw, r in valid(batched(load_yaml("partnerships/*.yaml", partnerships)), PARTNERSHIP_FIELDS, partnerships,
                        table="partnerships"):
        yield from ready
        ready.clear()
        mark = len(warnings)
        problem = refs(raw, r, [("place", places), ("countries", countries), ("themes", themes), ("meetings", meetings)])
        start, precision = r["start"]
        end, end_precision = r["end"] or (None, None)
        if not problem and end and end < start[: len(end)]:
            problem = raw.reject("end", end, f"'end' ({end}) is before 'start' ({start})")
        if problem:
            del warnings[mark:]
            partnerships.drop(r["id"], raw)
            _drop_sources(rows["sources"], "partnerships", r["id"])
            rejects.append(problem)
            continue
        rows["partnerships"].append({
            "id": r["id"], "name": r["name"], "kind": r["kind"], "date": start, "date_precision": precision,
            "year": int(start[:4]), "end_date": end, "end_precision": end_precision, "end_year": int(end[:4]) if end else None,
            "status": r["status"] or "unknown", "place_id": r["place"], "register": r["register"], "entry": r["entry"],
            "summary": r["summary"], "source_url": r["source_url"], "publisher_id": r["publisher_id"],
            "flags": _flags(r["flags"]), "note": r["note"], **CURATED,
        })
        rows["partnership_countries"] += [{"partnership_id": r["id"], "country_iso3": c} for c in r["countries"]]
        rows["partnership_themes"] += [{"partnership_id": r["id"], "theme_id": t} for t in r["themes"]]
        rows["partnership_meetings"] += [{"partnership_id": r["id"], "meeting_id": m} for m in r["meetings"]]
        known["partnership"][r["id"]] = (start, end)
    flush()
    yield from ready
    ready.clear()

    # the official size of each register, for the completeness checks
    counted = _Registry("register count", "registers.yaml")
    rows["registers"] = []
    rows["register_lists"] = [{"register": register, "list": name} for register, names in COUNTED_REGISTERS.items()
                              for name in names]
    raw_counts = load_yaml("registers.yaml") if (data_dir / "registers.yaml").exists() else []
    for raw in raw_counts:
        r, problem = check_fields(raw, REGISTER_COUNT_FIELDS)
        if not problem and r["country"] not in countries.seen:
            problem = raw.reject("country", r["country"], countries.explain([r["country"]]))
        if problem:
            rejects.append(problem)
            continue
        key = f"{r['register']}-{r['country'].lower()}"
        if not counted.add(raw, key, rejects, "register"):
            continue
        publisher = cite(raw, "registers", key, r["source_url"])
        if publisher is None:
            continue
        rows["registers"].append({
            "id": key, "register": r["register"], "country_iso3": r["country"], "official_count": r["count"],
            "as_of": r["as_of"][0], "checked": r["checked"][0], "source_url": r["source_url"], "publisher_id": publisher,
            "note": r["note"]})

    # commitment chains and national bodies (etl/links.py), checked against the dates of the records seen above
    links.read_into(data_dir, rows, rejects, files, registry, known)
    del known
    yield from rows.items()


def read_outlines(path: Path, rel: str, countries: _Registry) -> tuple[dict[str, str], list[Reject]]:
    """A GeoJSON FeatureCollection of country outlines -> {iso3: geometry as JSON text}."""
    text_, problem = _decode(path, rel)
    if problem:
        return {}, [problem]
    try:
        data = json.loads(text_)
    except json.JSONDecodeError as exc:
        return {}, [Reject(rel, exc.lineno, None, None, None, f"the GeoJSON cannot be read: {exc.msg}")]
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        return {}, [Reject(rel, 1, None, None, None, "the file must be a GeoJSON FeatureCollection")]
    shapes, rejects = {}, []
    for index, feature in enumerate(data["features"], start=1):
        props = feature.get("properties") or {} if isinstance(feature, dict) else {}
        code = props.get("iso3")
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if code not in countries.seen:
            rejects.append(Reject(rel, None, str(code), "iso3", _short(code),
                                  f"feature {index}: its iso3 property is not a country in countries.csv"))
        elif not _valid_geometry(geometry):
            rejects.append(Reject(rel, None, code, "geometry", None,
                                  f"feature {index}: the geometry must be a Polygon or MultiPolygon in longitude/latitude degrees"))
        else:
            shapes[code] = json.dumps(geometry, separators=(",", ":"))
    return shapes, rejects


def _valid_geometry(geometry: Any) -> bool:
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return False
    polygons = geometry.get("coordinates")
    if not isinstance(polygons, list):
        return False
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    try:
        return all(
            len(ring) >= 4 and all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
            for polygon in polygons for ring in polygon
        )
    except (TypeError, ValueError):
        return False


def _place_problem(raw: RawRecord, r: dict[str, Any]) -> Reject | None:
    if (r["lat"] is None) != (r["lon"] is None):
        return raw.reject("lat" if r["lat"] is None else "lon", None, "give both lat and lon, or neither")
    if r["lat"] is not None and not r["coord_precision"]:
        return raw.reject("coord_precision", None, "coordinates need a coord_precision: site, building or city")
    if r["lat"] is None and r["coord_precision"]:
        return raw.reject("coord_precision", r["coord_precision"], "coord_precision is set but there are no coordinates")
    return None


def _drop_sources(sources: list[dict[str, Any]], table: str, record_id: str) -> None:
    """The sources rows of a record refused after its sources were resolved."""
    sources[:] = [s for s in sources if not (s["record_table"] == table and s["record_id"] == record_id)]


def _first_role_source(record: dict[str, Any]) -> str | None:
    return next((role["source_url"] for role in record["roles"]), None)


def _role_id(person_id: str, role: dict[str, Any]) -> str:
    start = role["start"][0] if role["start"] else "undated"
    return f"{person_id}:{_slugify(role['role'])}:{start}"


def _slugify(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def _drop_duplicate_roles(roles: list[dict[str, Any]], rejects: list[Reject]) -> None:
    seen: set[str] = set()
    kept = []
    for role in roles:
        if role["id"] in seen:
            rejects.append(Reject("people/*.yaml", None, role["person_id"], "roles", role["id"],
                                  "the same role with the same start date is listed twice for this person"))
            continue
        seen.add(role["id"])
        kept.append(role)
    roles[:] = kept
