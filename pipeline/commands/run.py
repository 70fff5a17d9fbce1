"""`pipeline run` and `pipeline extract`: the pipeline itself."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pipeline.commands.options import (
    detail, echo_json, fail, format_option, path_option, paths_from, plural, say, verbosity_options,
)
from pipeline.commands.progress import Bar
from pipeline.errors import PipelineError
from pipeline.settings import DEFAULT_LOCK_TIMEOUT


@click.command("run")
@path_option("raw", "Folder of article .txt files.")
@path_option("db", "Database to publish.", dir_okay=False)
@path_option("decisions", "Curator decisions.", dir_okay=False)
@path_option("export", "Text export folder.", file_okay=False)
@click.option("--lock-timeout", type=float, default=DEFAULT_LOCK_TIMEOUT, show_default=True,
              help="Seconds to wait for another run to finish.")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 when the export differs from what this run would write.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for extraction and validation [default: the number of cores].")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Send batches to an existing Dask cluster (needs `pip install .[dask]`).")
@click.option("--no-cache", is_flag=True, help="Re-process every article instead of reusing cached results.")
@format_option()
@verbosity_options
@click.pass_context
def run_cmd(ctx: click.Context, raw: Path | None, db: Path | None, decisions: Path | None, export: Path | None,
            lock_timeout: float, check: bool, jobs: int | None, scheduler: str | None, no_cache: bool,
            fmt: str) -> None:
    """Extract, validate and curate every article of RAW, apply the curator's decisions, validate the
    curated values again, publish the database and write its text export (one sorted JSON Lines file
    per table).

    Exit code: 0 when no open error-severity flag remains, 1 when one does, 2 on usage or input
    errors (an invalid decisions file publishes nothing) or when a file was skipped (the others are
    published). With --check: 0 when the committed export is up to date, 1 when it is not (with
    what differs), 2 on input errors.

    \b
    Example:
        pipeline run
        pipeline run --raw raw --db curated/evidence.duckdb
        pipeline run --check     # in CI: is the export what raw/ and the decisions give?
    """
    from pipeline.runner import run as run_pipeline

    paths = paths_from(ctx, raw=raw, db=db, decisions=decisions, export=export)
    try:
        with Bar() as bar:
            report = run_pipeline(paths.raw, paths.db, progress=bar, lock_timeout=lock_timeout,
                                  decisions=paths.decisions, export=paths.export, check=check,
                                  decisions_required=paths.explicit("decisions"), jobs=jobs,
                                  scheduler=scheduler, use_cache=not no_cache)
    except PipelineError as e:
        fail(e)
    for err in report.source_errors:
        click.echo(f"skipped: {err.message}", err=True)
    if fmt == "json":
        echo_json({**report.model_dump(mode="json"), "exit_code": report.exit_code})
        sys.exit(report.exit_code)
    if check:
        diff = report.export_diff
        if diff is not None and not diff.up_to_date:
            click.echo(f"export out of date in {report.export}: {diff.summary()}", err=True)
            click.echo(paths.hint(f"run `pipeline run` and commit {paths.export} and {paths.decisions}"), err=True)
        else:
            say(f"export up to date: {report.export} ({plural(report.articles, 'article')}, "
                f"{plural(report.decisions_applied, 'decision')} applied)")
        sys.exit(report.exit_code)
    stale = f", {plural(report.stale_decisions, 'stale decision')}" if report.stale_decisions else ""
    skipped = f", {plural(len(report.source_errors), 'file')} skipped" if report.source_errors else ""
    say(("nothing changed since the last run: " if report.unchanged else "")
        + f"{plural(report.articles, 'article')}, {plural(report.studies, 'study')}; "
        f"{plural(report.open_flags, 'open flag')} ({plural(report.open_errors, 'error')}), "
        f"{report.acknowledged:,} acknowledged, {report.resolved:,} resolved{skipped}; {plural(report.decisions_applied, 'decision')} applied{stale} -> {paths.db}, {report.export}")
    if report.open_flags:
        detail(paths.hint("open flags: `pipeline flags`; one flag with its study and the commands that "
                          "change it: `pipeline show FLAG_ID`"))
    sev = report.flags_by_severity
    detail(f"all flags by severity: {sev.get('error', 0):,} error, {sev.get('warning', 0):,} warning, "
           f"{sev.get('info', 0):,} info")
    if report.seconds:
        detail("seconds: " + ", ".join(f"{k} {v:g}" for k, v in report.seconds.items()))
    sys.exit(report.exit_code)


@click.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@format_option()
def extract_cmd(file: Path, fmt: str) -> None:
    """Show what extraction finds in one article, with the quoted evidence.

    \b
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


def register(cli: click.Group) -> None:
    cli.add_command(run_cmd)
    cli.add_command(extract_cmd)
