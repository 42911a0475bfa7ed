"""Commitments and outcomes: records linked as the stages of one process (data/links.yaml), and each focus
country's standing bodies for UNESCO (data/national_bodies.yaml). Reader and validator; nothing here writes.

A chain follows one process, stage by stage, and every stage points at a meeting or a partnership that is in the
data and cites a page that states that the record is that stage of that process:

    visit       invited / announced -> accepted -> held                (visits, conferences, forums)
    nomination  tentative -> nominated -> referred / deferred -> ... -> inscribed   (World Heritage, ICH, MoW)
    danger      inscribed -> danger_listed -> danger_removed                          (List of World Heritage in Danger)
    agreement   proposed -> approved -> signed -> ratified -> in_force -> renewed -> expired

A chain that skips a stage (inscribed straight after tentative), runs backwards in time, or points at a record
that is missing or was refused is refused as a whole, with file, line, field and reason. `read_into` is called
once at the end of etl.records.stream_data, after meetings and partnerships are known: it is given their dates
(id -> date of each meeting, id -> (start, end) of each partnership), not their rows, which are already written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .sources import Registry, SourceProblem

# process -> the stages a chain may start with, and for each stage the stages that may come right after it.
PROCESSES: dict[str, dict[str, Any]] = {
    "visit": {
        "label": "Visit or conference: announced → held",
        "start": ("invited", "announced"),
        "next": {"invited": ("announced", "accepted", "held"), "announced": ("accepted", "held"), "accepted": ("held",),
                 "held": ()},
    },
    "nomination": {
        "label": "Nomination: tentative list → nominated → inscribed",
        "start": ("tentative", "nominated"),
        "next": {"tentative": ("nominated",), "nominated": ("referred", "deferred", "inscribed"),
                 "referred": ("nominated", "inscribed"), "deferred": ("nominated",), "inscribed": ()},
    },
    "danger": {
        "label": "List of World Heritage in Danger: inscribed → listed → removed",
        "start": ("inscribed",),
        "next": {"inscribed": ("danger_listed",), "danger_listed": ("danger_removed",), "danger_removed": ("danger_listed",)},
    },
    "agreement": {
        "label": "Agreement: signed → ratified → in force → renewed → expired",
        "start": ("proposed", "approved", "signed"),
        "next": {"proposed": ("approved", "signed"), "approved": ("signed",),
                 "signed": ("ratified", "in_force", "renewed", "expired"), "ratified": ("in_force", "renewed", "expired"),
                 "in_force": ("renewed", "expired"), "renewed": ("ratified", "in_force", "renewed", "expired"),
                 "expired": ("renewed",)},
    },
}
STAGE_LABELS = {
    "invited": "Invited", "announced": "Announced", "accepted": "Accepted", "held": "Held",
    "tentative": "On the Tentative List", "nominated": "Nominated", "referred": "Referred back", "deferred": "Deferred",
    "inscribed": "Inscribed", "danger_listed": "Put on the Danger List", "danger_removed": "Removed from the Danger List",
    "proposed": "Proposed", "approved": "Approved", "signed": "Signed", "ratified": "Ratified", "in_force": "In force",
    "renewed": "Renewed", "expired": "Expired",
}
# The stages that close a process: a chain whose last stage is one of them is not open.
OUTCOMES = {"visit": ("held",), "nomination": ("inscribed",), "danger": ("danger_removed",), "agreement": ("expired",)}
BODIES = {"national_commission": "National Commission for UNESCO", "permanent_delegation": "Permanent Delegation to UNESCO"}
STAGE_FIELDS = ("stage", "meeting", "partnership", "date", "ends", "source_url", "note")


def _rules():
    from .records import date, iso3, list_of, one_of, slug, text, url

    chain: dict = {
        "id": (slug, True),
        "process": (one_of(*PROCESSES), True),
        "title": (text(300), True),
        "stages": (_stages, True),
        "note": (text(2000), False),
    }
    body: dict = {
        "country": (iso3, True),
        "body": (one_of(*BODIES), True),
        "name": (text(300), True),
        "established": (date, False),
        "address": (text(300), False),
        "website": (url, False),
        "source_url": (url, True),
        "sources": (list_of(url), False),
        "note": (text(2000), False),
    }
    return chain, body


def _stages(value: Any) -> list[dict[str, Any]]:
    """'- stage: ...' entries, each with one record (meeting or partnership) and a source_url."""
    from .records import Invalid, date, nested_fields, slug, text, url

    if not isinstance(value, list) or not value:
        raise Invalid("must list the stages, each '- stage: <stage>' with a meeting or partnership and a source_url")
    out = []
    for index, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise Invalid(f"stage {index} is not a set of fields ({', '.join(STAGE_FIELDS)})")
        line, lines = item.get("__line__"), item.get("__lines__", {})
        extra = set(item) - set(STAGE_FIELDS) - {"__line__", "__lines__"}
        if extra:
            raise Invalid(f"stage {index} has unknown field(s) {', '.join(sorted(extra))}; use {', '.join(STAGE_FIELDS)}", line)
        records = [k for k in ("meeting", "partnership") if item.get(k)]
        if len(records) != 1:
            raise Invalid(f"stage {index} must name exactly one record: 'meeting: <id>' or 'partnership: <id>'", line)
        fields = {"stage": (_stage_name, True), records[0]: (slug, True), "date": (date, False), "ends": (date, False),
                  "source_url": (url, True), "note": (text(2000), False)}
        row = nested_fields(item, index, "stage", fields)
        row.update({"index": index, "line": line, "lines": lines, "record_type": records[0], "record_id": row.pop(records[0])})
        out.append(row)
    return out


_stages.empty = ()


def _stage_name(value: Any) -> str:
    from .records import Invalid

    if not isinstance(value, str) or value not in STAGE_LABELS:
        raise Invalid("must be one of " + ", ".join(STAGE_LABELS))
    return value


def _before(a: str, b: str) -> bool:
    """Is date a strictly before date b, at the precision both share ('2019' is not before '2019-05')?"""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def read_into(data_dir: Path, rows: dict[str, list[dict[str, Any]]], rejects: list, files: list[Path],
              registry: Registry, known: dict[str, dict[str, Any]]) -> None:
    """Read data/links.yaml and data/national_bodies.yaml (both optional) into rows['links'] and
    rows['national_bodies'] (and their sources into rows['sources']); refusals go to rejects. known: the dates of
    the records a stage may point at, {"meeting": {id: date}, "partnership": {id: (start, end)}}."""
    from .records import check_fields, read_yaml

    chain_fields, body_fields = _rules()
    rows["links"], rows["national_bodies"] = [], []

    def load(name: str):
        path = Path(data_dir) / name
        if not path.exists():
            return []
        files.append(path)
        records, problems = read_yaml(path, name)
        rejects.extend(problems)
        return records

    def source(raw, table: str, key: str, address: str, line: int, position: int = 0, name: str = "source_url"):
        try:
            citation = registry.resolve(address, table)
        except SourceProblem as exc:
            problem = raw.reject(name, address, f"'{name}' {exc}")
            rejects.append(type(problem)(problem.file, line, problem.record_id, problem.field, problem.value, problem.reason))
            return None
        return {"record_table": table, "record_id": key, "position": position, "url": citation.url,
                "publisher_id": citation.publisher.id, "original_url": citation.original_url,
                "archived": int(citation.archived), "supports": None}

    seen: dict[str, str] = {}
    for raw in load("links.yaml"):
        r, problem = check_fields(raw, chain_fields)
        if problem is None and r["id"] in seen:
            problem = raw.reject("id", r["id"], f"duplicate chain '{r['id']}': already defined at {seen[r['id']]}")
        if problem is None:
            problem = _chain_problem(raw, r, known)
        if problem:
            rejects.append(problem)
            continue
        sourced = [source(raw, "links", f"{r['id']}:{s['index']}", s["source_url"], s["lines"].get("source_url", s["line"]))
                   for s in r["stages"]]
        if None in sourced:
            continue
        seen[r["id"]] = f"{raw.file}:{raw.line}"
        rows["sources"].extend(sourced)
        for s, cited in zip(r["stages"], sourced):
            rows["links"].append({
                "chain_id": r["id"], "position": s["index"], "process": r["process"], "chain_title": r["title"],
                "stage": s["stage"], "record_type": s["record_type"], "record_id": s["record_id"],
                "date": s["effective_date"], "date_precision": _precision(s["effective_date"]), "ends": s["ends_date"],
                "source_url": s["source_url"], "publisher_id": cited["publisher_id"], "note": s["note"],
                "chain_note": r["note"],
            })

    countries = {r["iso3"] for r in rows.get("countries", []) if r.get("focus")}
    bodies: dict[str, str] = {}
    for raw in load("national_bodies.yaml"):
        r, problem = check_fields(raw, body_fields)
        if problem is None and r["country"] not in countries:
            problem = raw.reject("country", r["country"], "must be one of the five focus countries in countries.csv")
        key = f"{r['body']}-{r['country'].lower()}" if r else None
        if problem is None and key in bodies:
            problem = raw.reject("body", r["body"], f"{r['country']} already has a {r['body']} at {bodies[key]}")
        if problem:
            rejects.append(problem)
            continue
        cited = [source(raw, "national_bodies", key, u, raw.line_of("source_url" if i == 0 else "sources"), i,
                        "source_url" if i == 0 else "sources")
                 for i, u in enumerate([r["source_url"], *r["sources"]])]
        if None in cited:
            continue
        bodies[key] = f"{raw.file}:{raw.line}"
        rows["sources"].extend(cited)
        established, precision = r["established"] or (None, None)
        rows["national_bodies"].append({
            "id": key, "country_iso3": r["country"], "body": r["body"], "name": r["name"], "established": established,
            "established_precision": precision, "address": r["address"], "website": r["website"],
            "source_url": r["source_url"], "publisher_id": cited[0]["publisher_id"], "note": r["note"]})


def _precision(value: str | None) -> str | None:
    return None if not value else {4: "year", 7: "month"}.get(len(value), "day")


def _chain_problem(raw, r: dict[str, Any], known: dict[str, dict[str, Any]]):
    """The first reason to refuse the chain (a Reject at the stage's line), or None. Fills each stage's
    effective_date (its own date, else the record's: the end date for 'expired') and ends_date."""
    from .records import Reject

    process = PROCESSES[r["process"]]
    previous = None
    for s in r["stages"]:
        where = s["lines"]

        def reject(field: str, value, reason: str):
            line = where.get(field, s["line"]) or raw.line
            return Reject(raw.file, line, r["id"], f"stages[{s['index']}].{field}", None if value is None else str(value)[:200],
                          reason)

        stage = s["stage"]
        if stage not in process["next"]:
            return reject("stage", stage, f"stage {s['index']}: '{stage}' is not a stage of a {r['process']} chain; "
                                          f"use one of {', '.join(process['next'])}")
        allowed = process["start"] if previous is None else process["next"][previous["stage"]]
        if stage not in allowed:
            if previous is None:
                reason = (f"stage 1: a {r['process']} chain starts with {' or '.join(process['start'])}, not '{stage}' "
                          "(a stage before it is missing)")
            else:
                reason = (f"stage {s['index']}: '{stage}' cannot follow '{previous['stage']}': the chain skips a stage"
                          + (f"; after '{previous['stage']}' comes {' or '.join(allowed)}" if allowed
                             else f"; '{previous['stage']}' ends a {r['process']} chain"))
            return reject("stage", stage, reason)
        dates = known[s["record_type"]].get(s["record_id"])
        if dates is None:
            table = s["record_type"] + "s"
            return reject(s["record_type"], s["record_id"], f"stage {s['index']}: {s['record_type']} '{s['record_id']}' is not "
                                                             f"defined in {table}/*.yaml (or was refused: see the other rejects)")
        own_date, own_end = dates if s["record_type"] == "partnership" else (dates, None)
        if s["date"]:
            s["effective_date"] = s["date"][0]
        elif stage == "expired":
            if not own_end:
                return reject("date", None, f"stage {s['index']}: an 'expired' stage needs a date: the partnership "
                                            f"'{s['record_id']}' has no end date")
            s["effective_date"] = own_end
        else:
            s["effective_date"] = own_date
        s["ends_date"] = s["ends"][0] if s["ends"] else (own_end if stage != "expired" else None)
        if previous is not None and _before(s["effective_date"], previous["effective_date"]):
            return reject("date", s["effective_date"], f"stage {s['index']} ('{stage}', {s['effective_date']}) is dated before "
                                                       f"stage {previous['index']} ('{previous['stage']}', "
                                                       f"{previous['effective_date']}); stages follow each other in time")
        previous = s
    return None
