"""Commitment chains and what is open, as pure functions of DataFrames (no SQL, no Streamlit).

A chain is the stages of one process (etl/links.py says which processes and stages there are); queries.py reads
them from the `links` table, the Country page, the record details and the briefing show them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from etl.links import OUTCOMES, PROCESSES, STAGE_LABELS

OFFICE_LABELS = {
    "head_of_state": "Head of state", "head_of_government": "Head of government", "foreign_minister": "Foreign minister",
    "culture_minister": "Culture minister", "education_minister": "Education minister",
    "permanent_delegate": "Ambassador / Permanent Delegate to UNESCO",
    "national_commission_chair": "Chair of the National Commission", "national_commission_secretary":
        "Secretary-General of the National Commission", "director_general": "UNESCO Director-General",
    "unesco_office_head": "Head of the UNESCO office",
}
REGISTER_LABELS = {
    "world_heritage": "World Heritage properties", "intangible_heritage": "Intangible cultural heritage elements",
    "memory_of_the_world": "Memory of the World entries", "biosphere_reserves": "Biosphere reserves",
    "category_2_centres": "Category 2 centres", "geoparks": "UNESCO Global Geoparks",
    "tentative_list": "World Heritage Tentative List", "governing_body": "Governing bodies",
}
PROCESS_LABELS = {name: spec["label"] for name, spec in PROCESSES.items()}
OPEN_KINDS = {
    "tentative": "On the Tentative List, not yet nominated",
    "nomination": "Nomination without an outcome",
    "visit": "Announced or invited, not yet held",
    "agreement": "Agreement term ending within 24 months",
    "agreement_unsigned": "Agreement proposed, not yet signed",
    "danger": "On the List of World Heritage in Danger",
}
HORIZON_MONTHS = 24
OPEN_COLUMNS = ["open_kind", "chain_id", "process", "what", "status", "since", "open_for", "due", "countries",
                "record_type", "record_id", "source_url", "publisher"]


def stage_label(stage: str) -> str:
    return STAGE_LABELS.get(stage, stage.replace("_", " ").capitalize())


def as_date(value: str | None) -> dt.date | None:
    """'2019' -> 2019-01-01, '2019-05' -> 2019-05-01, '2019-05-07' -> itself; None stays None."""
    if not isinstance(value, str) or not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def period_end(value: str | None) -> dt.date | None:
    """The last day a date of any precision covers: '2026' -> 2026-12-31, '2026-02' -> 2026-02-28."""
    start = as_date(value)
    if start is None or len(value) == 10:
        return start
    return add_months(start, 12 if len(value) == 4 else 1) - dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def duration(since: str, on: str) -> str:
    """How long from a date (of any precision) to a day, as precisely as the start is known: '3 years 2 months',
    '6 years' (year precision), 'less than a month'."""
    start, end = as_date(since), as_date(on)
    if start is None or end is None or end < start:
        return ""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day and len(since) > 7)
    years, rest = divmod(max(months, 0), 12)
    if len(since) == 4:
        return "under a year" if years == 0 else f"about {years} year{'s' * (years != 1)}"
    parts = ([f"{years} year{'s' * (years != 1)}"] if years else []) + ([f"{rest} month{'s' * (rest != 1)}"] if rest else [])
    return " ".join(parts) or "less than a month"


def for_country(stages: pd.DataFrame, iso3: str, year_from: int | None = None, year_to: int | None = None) -> pd.DataFrame:
    """The stages of the chains that start with a record of the country (the commitment is the country's: a chain
    of Uzbekistan's Tentative List entry is not Kazakhstan's although the joint nomination it leads to is); with
    years, only chains with a stage in them."""
    if stages.empty:
        return stages
    first = stages.sort_values(["chain_id", "position"]).drop_duplicates("chain_id")
    concerns = first["countries"].fillna("").str.split(", ").map(lambda cs: iso3 in cs)
    chains = set(first.loc[concerns, "chain_id"])
    if year_from is not None or year_to is not None:
        years = stages["date"].str[:4].astype(int)
        inside = (years >= (year_from or 0)) & (years <= (year_to or 9999))
        chains &= set(stages.loc[inside, "chain_id"])
    return stages[stages["chain_id"].isin(chains)].reset_index(drop=True)


def open_items(stages: pd.DataFrame, on: str) -> pd.DataFrame:
    """One row per open chain on the date `on` (YYYY-MM-DD), longest open first (agreements: soonest due first).
    Stages dated after `on` are not known yet on that date and are ignored."""
    rows = []
    today = as_date(on)
    horizon = add_months(today, HORIZON_MONTHS)
    known = stages[stages["date"].map(lambda d: d[: len(on)] <= on[: len(d)])] if not stages.empty else stages
    for chain_id, chain in known.groupby("chain_id", sort=True):
        chain = chain.sort_values("position")
        last, first = chain.iloc[-1], chain.iloc[0]
        process = last["process"]
        due = None
        if process == "agreement" and last["stage"] in ("proposed", "approved"):
            process, due = "agreement_unsigned", None
            since = first["date"]
        elif process == "agreement":
            ends = [e for e in chain["ends"] if isinstance(e, str)]
            due = ends[-1] if ends else None
            ending = period_end(due)
            if last["stage"] in OUTCOMES[process] or ending is None or not (today <= ending <= horizon):
                continue
            since = last["date"]
        elif last["stage"] in OUTCOMES[process] or process not in OPEN_KINDS:
            continue
        elif process == "nomination" and last["stage"] == "tentative":
            process, since = "tentative", first["date"]
        else:
            since = first["date"] if process != "danger" else last["date"]
        rows.append({
            "open_kind": OPEN_KINDS[process], "chain_id": chain_id, "process": last["process"], "what": last["chain_title"],
            "status": stage_label(last["stage"]), "since": since, "open_for": duration(since, on), "due": due,
            "countries": ", ".join(sorted({c for cs in chain["countries"].dropna() for c in cs.split(", ")})),
            "record_type": last["record_type"], "record_id": last["record_id"], "source_url": last["source_url"],
            "publisher": last["publisher"],
        })
    frame = pd.DataFrame(rows, columns=OPEN_COLUMNS)
    order = {k: i for i, k in enumerate(OPEN_KINDS.values())}
    frame["order"] = frame["open_kind"].map(order)
    frame["sort_date"] = frame["due"].where(frame["process"] == "agreement", frame["since"])
    return frame.sort_values(["order", "sort_date", "chain_id"], kind="stable").drop(columns=["order", "sort_date"]) \
        .reset_index(drop=True)


def chains(stages: pd.DataFrame) -> list[dict]:
    """The stages grouped by chain, in order: [{chain_id, title, process, process_label, note, stages: DataFrame}]."""
    out = []
    for chain_id, chain in stages.groupby("chain_id", sort=False):
        chain = chain.sort_values("position").reset_index(drop=True)
        chain = chain.assign(stage_label=chain["stage"].map(stage_label))
        first = chain.iloc[0]
        out.append({"chain_id": chain_id, "title": first["chain_title"], "process": first["process"],
                    "process_label": PROCESS_LABELS.get(first["process"], first["process"]), "note": first["chain_note"],
                    "stages": chain})
    return sorted(out, key=lambda c: (c["stages"]["date"].iloc[-1], c["chain_id"]), reverse=True)


def theme_shares(country: pd.DataFrame, country_total: int, region: pd.DataFrame, region_total: int,
                 labels: dict[str, str]) -> pd.DataFrame:
    """Share of records per theme, the country beside the region (theme counts: theme_id, records)."""
    merged = pd.merge(country.rename(columns={"records": "country_records"}),
                      region.rename(columns={"records": "region_records"}), on="theme_id", how="outer").fillna(0)
    merged["country_share"] = merged["country_records"] / country_total if country_total else 0.0
    merged["region_share"] = merged["region_records"] / region_total if region_total else 0.0
    merged["theme"] = merged["theme_id"].map(lambda t: labels.get(t, t))
    merged[["country_records", "region_records"]] = merged[["country_records", "region_records"]].astype(int)
    return merged.sort_values(["country_share", "region_share", "theme"], ascending=[False, False, True]) \
        .reset_index(drop=True)[["theme_id", "theme", "country_records", "country_share", "region_records", "region_share"]]
