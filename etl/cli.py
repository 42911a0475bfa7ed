"""`python -m etl ...`: parse arguments, call the library, turn its errors into clear messages."""

from __future__ import annotations

import sys
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


@cli.command("extract", help="Print, as JSON, what each press release says (meetings, people, places, countries, themes, "
                               "partnerships) without writing anything. Output contract: docs/extract.md.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"), show_default=True,
              help="folder of curated records used as reference (people, places, themes, gazetteer)")
def extract_command(files: tuple[Path, ...], data_dir: Path) -> None:
    import json

    from .articles import ArticleError, read_article
    from .extract import extract, load_reference

    ref = load_reference(data_dir)
    out, problems = [], []
    for path in files:
        try:
            out.append(extract(read_article(path), ref).as_json())
        except ArticleError as exc:
            problems.append(str(exc))
    click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    for problem in problems:
        click.echo(f"refused: {problem}", err=True)
    if problems:
        raise SystemExit(1)


@cli.command("ingest", help="Store press releases (files or folders, recursively) and the records extracted from them. "
                            "Re-ingesting the same files changes nothing; an edited file replaces its older version.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=None,
              help="database file [default: $COOPERATION_DB or data/cooperation.db]")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"), show_default=True,
              help="folder of curated records used as reference")
def ingest_command(paths: tuple[Path, ...], db_path: Path | None, data_dir: Path) -> None:
    from contextlib import contextmanager

    from .extract import load_reference
    from .ingest import ingest

    @contextmanager
    def bar(items):
        with click.progressbar(items, label="Reading press releases", file=sys.stderr,
                               item_show_func=lambda item: item[1] if item else "") as wrapped:
            yield wrapped

    def progress(items):
        with bar(items) as wrapped:
            yield from wrapped

    try:
        report = ingest(list(paths), db_path or default_db_path(), load_reference(data_dir), progress=progress)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(report.summary())


@cli.command("eval", help="Precision, recall and F1 of the extractor on a labelled folder (NAME.txt + NAME.expected.json).")
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--article", "articles", multiple=True, type=click.Path(path_type=Path, exists=True),
              help="an article kept outside the folder whose expected output is in it (e.g. the seed)")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"), show_default=True)
@click.option("--verbose", is_flag=True, help="list every miss and every extra fact (of the dev part only)")
@click.option("--part", "parts", multiple=True, type=click.Choice(["all", "dev", "test", "test (Russian)", "dev (Russian)"]),
              help="which parts to score (default: dev, test and Russian test; the split rule is in the fixture README)")
@click.option("--calibrate", is_flag=True, help="recount the confidence of each kind of extracted fact on the dev part "
                                               "(writes etl/extract/calibration.json) and print how well it holds")
def eval_command(folder: Path, articles: tuple[Path, ...], data_dir: Path, verbose: bool, parts: tuple[str, ...],
                 calibrate: bool) -> None:
    from .evaluate import PARTS, calibrate as recount, evaluate, outcomes, reliability, table
    from .extract import load_reference

    ref = load_reference(data_dir)
    if calibrate:
        counted = recount(folder, ref, list(articles))
        click.echo(f"calibration.json: {len(counted)} signatures")
        for name in ("dev", "test"):
            click.echo(f"{name}: stated confidence and how often right")
            click.echo(reliability(outcomes(folder, ref, list(articles), PARTS[name])))
            click.echo("")
        return
    for name in parts or ("dev", "test", "test (Russian)"):
        scores = evaluate(folder, ref, list(articles), None if name == "all" else PARTS[name])
        click.echo(f"{name}: {_articles(scores)}")
        click.echo(table(scores))
        click.echo("")
        if verbose and "test" not in name:  # misses of the test part are not listed: only its scores are read
            for score in scores.values():
                for line in score.misses:
                    click.echo("  " + line)


def _articles(scores) -> str:
    count = next(iter(scores.values())).articles
    return f"{count} article{'s' if count != 1 else ''}"


@cli.command("synth", help="Write a SYNTHETIC database for benchmarks (every row marked synthetic) to --db; "
                           "never to data/cooperation.db.")
@click.option("--meetings", type=click.IntRange(1, 20_000_000), required=True, help="number of meetings")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--db", "db_path", type=click.Path(path_type=Path), required=True)
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"), show_default=True,
              help="where the real countries and themes are read from")
def synth_command(meetings: int, seed: int, db_path: Path, data_dir: Path) -> None:
    import time

    from .synth import synth

    started = time.perf_counter()
    try:
        counts = synth(db_path, meetings, seed, data_dir)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Synthetic database {db_path} in {time.perf_counter() - started:.1f} s: "
               + ", ".join(f"{t} {n:,}" for t, n in counts.items()))


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
