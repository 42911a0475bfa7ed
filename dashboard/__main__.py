"""The read side's command line: `python -m dashboard briefing --country KAZ [--years 2015-2025] [--theme ...]
--format docx|pdf --out FILE`. Opens the database read-only through dashboard/store.py, like the app."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from . import briefing, queries, store
from .cube import Cube
from .filters import Filters


@click.group()
def cli() -> None:
    """Central Asia – UNESCO cooperation dashboard: read-side commands."""


@cli.command("briefing")
@click.option("--country", "countries", multiple=True, help="ISO3 code (KAZ, KGZ, TJK, TKM, UZB); repeat or comma-separate "
              "for several; none: all five")
@click.option("--years", help="years as in the app's URL: 2015-2025, 2015-, -2020 or 2019")
@click.option("--theme", "themes", multiple=True, help="theme id (e.g. culture_heritage); repeat or comma-separate")
@click.option("--kind", "kinds", multiple=True, help="record kind (meeting, partnership, world_heritage_inscription …)")
@click.option("--q", "text", default="", help="search text, as in the app")
@click.option("--on", "on", help="the day for people in office, lists and open commitments (YYYY-MM-DD; default today)")
@click.option("--format", "fmt", type=click.Choice(sorted(briefing.FORMATS)), required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="file to write")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help="database (default $COOPERATION_DB or "
              "data/cooperation.db)")
def briefing_command(countries, years, themes, kinds, text, on, fmt, out, db) -> None:
    """Write the briefing for the filters as a Word or PDF document."""
    if on:
        try:
            on = dt.date.fromisoformat(on).isoformat()
        except ValueError:
            raise click.BadParameter("write the day as YYYY-MM-DD", param_hint="--on") from None
    path = db or store.db_path()
    try:
        conn = store.connect(path)
    except store.DatabaseUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    try:
        options = queries.options(conn)
        if options.empty:
            raise click.ClickException(f"{path} holds no meetings or partnerships yet; build it with `make db`.")
        params = {key: ",".join(values) for key, values in (("country", countries), ("theme", themes), ("kind", kinds))
                  if values}
        if years:
            params["years"] = years
        if text:
            params["q"] = text
        filters, notices = Filters.from_query(params, options)
        for notice in notices:
            click.echo("warning: " + notice, err=True)
        if countries and not filters.countries:
            raise click.ClickException("none of the countries given is one of: " + ", ".join(options.countries))
        text_rids = queries.text_rids(conn, filters.text) if filters.text else None
        data = briefing.build(conn, Cube.from_database(conn), filters, options, fmt, on, text_rids)
    finally:
        conn.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    click.echo(f"wrote {out} ({len(data):,} bytes): {filters.describe(options)}")


if __name__ == "__main__":
    sys.exit(cli())
