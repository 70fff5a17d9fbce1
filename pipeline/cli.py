"""The `pipeline` command: a thin click layer over the library."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import click

from pipeline import __version__
from pipeline.errors import PipelineError
from pipeline.settings import DEFAULT_DB, DEFAULT_LOCK_TIMEOUT, DEFAULT_RAW


@click.group()
@click.version_option(__version__, prog_name="pipeline")
def cli() -> None:
    """Turn article text in raw/ into a schema-checked DuckDB evidence database."""


def fail(e: PipelineError) -> NoReturn:
    click.echo(f"error: {e}", err=True)
    sys.exit(e.exit_code)


@cli.command()
@click.option("--raw", "raw", type=click.Path(path_type=Path), default=DEFAULT_RAW, show_default=True,
              help="Folder of article .txt files.")
@click.option("--db", "db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True,
              help="Database to publish.")
@click.option("--lock-timeout", type=float, default=DEFAULT_LOCK_TIMEOUT, show_default=True,
              help="Seconds to wait for another run to finish.")
@click.option("--decisions", "decisions", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Curator decisions [default: decisions.toml beside the database, i.e. curated/decisions.toml].")
@click.option("--export", "export", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Text export folder [default: export/ beside the database, i.e. curated/export].")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 when the export differs from what this run would write.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for extraction and validation [default: the number of cores].")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Send batches to an existing Dask cluster (needs `pip install .[dask]`).")
@click.option("--no-cache", is_flag=True, help="Re-process every article instead of reusing cached results.")
def run(raw: Path, db: Path, lock_timeout: float, decisions: Path | None, export: Path | None,
        check: bool, jobs: int | None, scheduler: str | None, no_cache: bool) -> None:
    """Extract, validate and curate every article of RAW, apply the curator's decisions, publish the
    database and write its text export (one sorted JSON Lines file per table).

    Exit code: 0 when no open error-severity flag remains, 1 when one does, 2 on usage or input
    errors (an invalid decisions file publishes nothing) or when a file was skipped (the
    others are published). With --check: 0 when the committed
    export is up to date, 1 when it is not (with what differs), 2 on input errors.

    Example:

        pipeline run --raw raw --db curated/evidence.duckdb
        pipeline run --check     # in CI: is curated/export/ what raw/ and decisions.toml give?
    """
    from pipeline.runner import count_sources
    from pipeline.runner import RunReport
    from pipeline.runner import run as run_pipeline

    total = count_sources(raw)
    show_bar = sys.stderr.isatty() and total >= 20

    def go(on_article: Callable[[], None] | None = None) -> RunReport:
        return run_pipeline(raw, db, on_article=on_article, lock_timeout=lock_timeout, decisions=decisions,
                            export=export, check=check, decisions_required=decisions is not None, jobs=jobs,
                            scheduler=scheduler, use_cache=not no_cache)
    try:
        if show_bar:
            with click.progressbar(length=total, label="articles", file=sys.stderr) as bar:
                report = go(lambda: bar.update(1))
        else:
            report = go()
    except PipelineError as e:
        fail(e)
    for err in report.source_errors:
        click.echo(f"skipped: {err.message}", err=True)
    if check:
        diff = report.export_diff
        if diff is not None and not diff.up_to_date:
            click.echo(f"export out of date in {report.export}: {diff.summary()}", err=True)
            click.echo("run `pipeline run` and commit curated/", err=True)
        else:
            click.echo(f"export up to date: {report.export} ({report.articles} articles, "
                       f"{report.decisions_applied} decisions applied)")
        sys.exit(report.exit_code)
    if report.unchanged:
        click.echo("nothing changed since the last run: ", nl=False)
    sev = report.flags_by_severity
    stale = f", {report.stale_decisions} stale decisions" if report.stale_decisions else ""
    click.echo(
        f"{report.articles} articles, {report.studies} studies, "
        f"flags: {sev.get('error', 0)} error, {sev.get('warning', 0)} warning, {sev.get('info', 0)} info"
        f" ({report.open_errors} open errors, {report.acknowledged} acknowledged)"
        f"{f', {len(report.source_errors)} files skipped' if report.source_errors else ''}, "
        f"{report.decisions_applied} decisions applied{stale} -> {db}, {report.export}"
    )
    sys.exit(report.exit_code)


@cli.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def extract_cmd(file: Path, fmt: str) -> None:
    """Show what extraction finds in one article, with the quoted evidence.

    Example:

        pipeline extract raw/ketamine-treatment-for-anxiety.txt --format json
    """
    from pipeline.extract import extract
    from pipeline.extract.render import render_text
    from pipeline.ingest import read_article
    from pipeline.models import SourceError

    article = read_article(file, file.parent)
    if isinstance(article, SourceError):
        click.echo(f"error: {article.message}", err=True)
        sys.exit(2)
    facts = extract(article)
    if fmt == "json":
        click.echo(json.dumps(facts.model_dump(mode="json"), indent=1, ensure_ascii=False))
    else:
        click.echo(render_text(article, facts))


@cli.group()
def schema() -> None:
    """The contract's JSON Schema and SQL DDL in schemas/."""


@schema.command("export")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"), show_default=True)
@click.option("--check", is_flag=True, help="Do not write; exit 1 when the files differ from the code.")
def schema_export(out: Path, check: bool) -> None:
    """Write the JSON Schema and DDL of the current contract version.

    Example:

        pipeline schema export --check
    """
    from pipeline.schema_export import export_schemas

    stale = export_schemas(out, check=check)
    if check and stale:
        click.echo("out of date: " + ", ".join(stale) + " (run `pipeline schema export`)", err=True)
        sys.exit(1)
    click.echo("schemas up to date" if check else f"wrote {out}")


# Commands of other areas live in pipeline/commands/<area>.py, each with register(cli).
COMMAND_MODULES = ("validation", "curation", "database", "report", "bench")


def _register_commands() -> None:
    import importlib

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"pipeline.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"pipeline.commands.{name}":
                raise
            continue
        module.register(cli)


_register_commands()


def main() -> None:
    cli(prog_name="pipeline")
