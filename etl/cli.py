"""`python -m etl ...`: parse arguments, call the library, turn its errors into clear messages."""

from __future__ import annotations

from pathlib import Path

import click

from . import default_db_path
from .load import BuildError, build
from .schema import schema_markdown


@click.group(help="Build and maintain the Central Asia – UNESCO cooperation database.")
def cli() -> None:
    pass


@cli.command("build", help="Validate the curated records in --data and (re)build the database atomically.")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"), show_default=True,
              help="folder of curated records")
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=None,
              help="database file [default: $COOPERATION_DB or data/cooperation.db]")
@click.option("--strict", is_flag=True, help="refuse to write the database if any record is refused; exit 1")
def build_command(data_dir: Path, db_path: Path | None, strict: bool) -> None:
    db_path = db_path or default_db_path()
    try:
        report = build(data_dir, db_path, strict=strict)
    except BuildError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(report.summary())
    if strict and report.rejects:
        raise click.ClickException(f"--strict: {len(report.rejects)} record(s) refused; the database was not changed")


@cli.command("schema-doc", help="Print docs/schema.md, generated from etl/schema.py (or --check it).")
@click.option("--check", "check_path", type=click.Path(path_type=Path), default=None,
              help="compare with this file instead of printing; exit 1 when it is out of date")
def schema_doc(check_path: Path | None) -> None:
    text = schema_markdown() + "\n"
    if check_path is None:
        click.echo(text, nl=False)
        return
    if not check_path.exists() or check_path.read_text(encoding="utf-8") != text:
        raise click.ClickException(f"{check_path} is out of date; run: python -m etl schema-doc > {check_path}")
    click.echo(f"{check_path} is up to date")
