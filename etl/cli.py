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
@click.option("--allow-shrink", is_flag=True,
              help="replace the database even if more than 5 % of a table's records would be dropped (after a deliberate "
                   "deletion)")
@click.option("--releases", "releases", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="folder of ingested press releases [default: $COOPERATION_RELEASES or DATA/releases]")
def build_command(data_dir: Path, db_path: Path | None, strict: bool, allow_shrink: bool, releases: Path | None) -> None:
    db_path = db_path or default_db_path()
    try:
        report = build(data_dir, db_path, strict=strict, allow_shrink=allow_shrink, releases=releases)
    except BuildError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(report.summary())
    if strict and report.rejects:
        raise click.ClickException(f"--strict: {len(report.rejects)} record(s) refused; the database was not changed")
    if report.refused:
        raise click.ClickException("the build would drop too many records; the last good database was kept "
                                   "(fix the refused records, or --allow-shrink)")


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


@cli.command("ingest", help="Keep press releases (files or folders, recursively) in the releases folder, then rebuild the "
                            "database with the records extracted from them. Re-ingesting the same files changes nothing; "
                            "an edited release (same permanent link) replaces its older version.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=None,
              help="database file [default: $COOPERATION_DB or data/cooperation.db]")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"), show_default=True,
              help="folder of curated records")
@click.option("--releases", "releases", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="folder of ingested press releases [default: $COOPERATION_RELEASES or DATA/releases]")
def ingest_command(paths: tuple[Path, ...], db_path: Path | None, data_dir: Path, releases: Path | None) -> None:
    from contextlib import contextmanager

    from .ingest import ingest
    from .review import ReviewError

    @contextmanager
    def bar(items):
        with click.progressbar(items, label="Reading press releases", file=sys.stderr,
                               item_show_func=lambda item: item[1] if item else "") as wrapped:
            yield wrapped

    def progress(items):
        with bar(items) as wrapped:
            yield from wrapped

    if not data_dir.is_dir():
        raise click.ClickException(f"the data folder {data_dir} does not exist")
    try:
        report = ingest(list(paths), data_dir, db_path or default_db_path(), releases=releases, progress=progress)
    except (BuildError, ReviewError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(report.summary())
    if report.build is not None:
        click.echo(report.build.summary().splitlines()[0])
        if report.build.refused:
            raise click.ClickException("the releases were kept, but the build would drop too many records; the last good "
                                       "database was kept (see above)")


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
@click.option("--second-labels", "second", type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="a second, independent labelling of some dev articles: print how well it agrees with the first "
                   "labels, next to the extractor's score on the same articles")
def eval_command(folder: Path, articles: tuple[Path, ...], data_dir: Path, verbose: bool, parts: tuple[str, ...],
                 calibrate: bool, second: Path | None) -> None:
    from .evaluate import PARTS, agreement, calibrate as recount, evaluate, labelled, outcomes, part, reliability, table
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
    if second is not None:
        names = labelled(second)
        if any(part(name) == "test" for name in names):  # a test label is never opened to be compared
            raise click.ClickException(f"{second}: second labels are for dev articles only")
        try:
            agreed = agreement(folder, second)
        except FileNotFoundError as exc:
            raise click.ClickException(str(exc)) from None
        runs = [("second labelling against the first", agreed),
                ("the extractor on the same articles", evaluate(folder, ref, list(articles), names.__contains__))]
    else:
        runs = [(name, evaluate(folder, ref, list(articles), None if name == "all" else PARTS[name]))
                for name in parts or ("dev", "test", "test (Russian)")]
    for name, scores in runs:
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


# ------------------------------------------------------------------------------------------- review

DB_OPTION = click.option("--db", "db_path", type=click.Path(path_type=Path), default=None,
                         help="database file [default: $COOPERATION_DB or data/cooperation.db]")
DATA_OPTION = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"), show_default=True,
                           help="folder of curated records (the only place decisions are written)")
REVIEWER_OPTION = click.option("--reviewer", default=None, help="who decides [default: $COOPERATION_REVIEWER, else $USER]")
RELEASES_OPTION = click.option("--releases", "releases", type=click.Path(path_type=Path, file_okay=False), default=None,
                               help="folder of ingested press releases [default: $COOPERATION_RELEASES or DATA/releases]")


class ReviewGroup(click.Group):
    """Any refused decision or bad argument is one line and exit status 1, never a traceback."""

    def invoke(self, ctx):
        from .review import ReviewError

        try:
            return super().invoke(ctx)
        except (ReviewError, BuildError) as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            raise click.ClickException(f"cannot read or write {exc.filename or 'a file'}: {exc.strerror}") from None
        except (ValueError, TypeError) as exc:  # a value no rule foresaw: still one line, never a traceback
            raise click.ClickException(f"cannot use that value: {str(exc)[:200]}") from None


@cli.group("review", cls=ReviewGroup, help="Decide on the facts extracted from press releases: accept (with edits), merge "
                                           "into a curated record, or reject. Decisions are written into data/, then the "
                                           "database is rebuilt.")
def review_group() -> None:
    pass


def _data(data_dir: Path) -> Path:
    if not data_dir.is_dir():
        raise click.ClickException(f"the data folder {data_dir} does not exist")
    return data_dir


@review_group.command("list", help="The facts waiting for a decision, newest release first (most confident first within).")
@DB_OPTION
@DATA_OPTION
@click.option("--json", "as_json", is_flag=True, help="one JSON array of objects (id, type, date, title, release, evidence, "
                                                      "duplicate, ...)")
def review_list(db_path: Path | None, data_dir: Path, as_json: bool) -> None:
    from . import review

    facts = review.pending(db_path or default_db_path(), _data(data_dir))
    if as_json:
        click.echo(review.as_json(facts))
        return
    if not facts:
        click.echo("No facts are waiting for a decision.")
        return
    release = None
    for f in facts:
        if f.release != release:
            release = f.release
            click.echo(f"\n{f.release_published or '?'}  {f.release_title}  ({f.release}; {f.release_url or 'no permanent link'})")
        dup = f"  probably duplicates {f.duplicate}" if f.duplicate else ""
        click.echo(f"  {f.id}  {f.type:<11} {f.date or '':<10}  {f.title}  [confidence {f.confidence:.1f}]{dup}")
        if f.evidence:
            click.echo(f"      \u201c{f.evidence[:300]}\u201d")
    counts = {t: sum(f.type == t for f in facts) for t in review.FACT_TYPES}
    click.echo(f"\n{len(facts)} pending: " + ", ".join(f"{n} {t}(s)" for t, n in counts.items() if n))


@review_group.command("accept", help="Write the fact as a curated record in data/ (with edits), then rebuild.")
@click.argument("fact_id")
@click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE",
              help="change a field before writing (repeatable): date=2021-04-05, countries=KGZ,UZB, themes=education, "
                   "place=city-bishkek, participants=sadyr-japarov,audrey-azoulay, id=...")
@click.option("--summary", default=None, help="the summary, in your own words (required for meetings and partnerships)")
@DB_OPTION
@DATA_OPTION
@REVIEWER_OPTION
@RELEASES_OPTION
def review_accept(fact_id: str, sets: tuple[str, ...], summary: str | None, db_path: Path | None, data_dir: Path,
                  reviewer: str | None, releases: Path | None) -> None:
    from . import review

    db_path = db_path or default_db_path()
    fact = review.get_fact(db_path, fact_id, _data(data_dir))
    outcome = review.accept(data_dir, db_path, fact_id, review.parse_sets(sets, fact.type), summary, reviewer, releases)
    _done(outcome)


@review_group.command("merge", help="Add the fact's release as a further source of a curated record (a person: the spelling "
                                    "as an alias), then rebuild.")
@click.argument("fact_id")
@click.option("--into", "into", required=True, metavar="RECORD_ID", help="the curated record it duplicates")
@click.option("--supports", default=None, help="what the release states of it, comma-separated (default: the facts on "
                                                "which the two agree), e.g. date,participants")
@DB_OPTION
@DATA_OPTION
@REVIEWER_OPTION
@RELEASES_OPTION
def review_merge(fact_id: str, into: str, supports: str | None, db_path: Path | None, data_dir: Path, reviewer: str | None,
                 releases: Path | None) -> None:
    from . import review

    facts = [s.strip() for s in supports.split(",") if s.strip()] if supports else None
    _done(review.merge(_data(data_dir), db_path or default_db_path(), fact_id, into, facts, reviewer, releases))


@review_group.command("reject", help="Log the fact as rejected, with the reason; it is never proposed again.")
@click.argument("fact_id")
@click.option("--reason", required=True, help="why (e.g. 'not a partnership: a speech title')")
@DB_OPTION
@DATA_OPTION
@REVIEWER_OPTION
@RELEASES_OPTION
def review_reject(fact_id: str, reason: str, db_path: Path | None, data_dir: Path, reviewer: str | None,
                  releases: Path | None) -> None:
    from . import review

    _done(review.reject(_data(data_dir), db_path or default_db_path(), fact_id, reason, reviewer, releases))


@review_group.command("add-publisher", help="Add a publisher to data/publishers.yaml so that releases on its host can be "
                                            "cited (only for a body that publishes facts itself).")
@click.argument("host")
@click.option("--name", required=True, help="the publisher as people cite it")
@click.option("--kind", required=True, type=click.Choice(["unesco", "government", "intergovernmental", "news_agency", "news",
                                                          "encyclopedia", "archive", "gazetteer"]))
@click.option("--id", "publisher_id", default=None, help="a lower-case id [default: from the name]")
@DB_OPTION
@DATA_OPTION
@REVIEWER_OPTION
@RELEASES_OPTION
def review_add_publisher(host: str, name: str, kind: str, publisher_id: str | None, db_path: Path | None, data_dir: Path,
                         reviewer: str | None, releases: Path | None) -> None:
    from . import review

    _done(review.add_publisher(_data(data_dir), db_path or default_db_path(), host, name, kind, publisher_id, reviewer,
                               releases=releases))


def _done(outcome) -> None:
    click.echo(outcome.summary())
    if outcome.build is not None and not outcome.build.written:
        raise click.ClickException("the decision was written to data/, but the rebuild was refused (see above); the last "
                                   "good database is still served")
