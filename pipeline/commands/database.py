"""Database commands: `pipeline check-db`, `pipeline migrate`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.commands.options import echo_json, fail, format_option, paths_from, plural, say, verbosity_options
from pipeline.errors import InputError, PipelineError
from pipeline.settings import DEFAULT_LOCK_TIMEOUT


@click.command("check-db")
@click.argument("path", type=click.Path(path_type=Path), default=None, required=False)
@format_option()
@click.option("--json", "as_json", is_flag=True, hidden=True, help="Same as --format json.")
@verbosity_options
@click.pass_context
def check_db(ctx: click.Context, path: Path | None, fmt: str, as_json: bool) -> None:
    """Verify a database (default: the one in effect, see `pipeline config`) against the contract:
    tables, columns, types, version, references, spans, typed values and views.

    Exit code: 0 when it follows the contract, 1 when problems are listed, 2 when the file is
    missing, not a DuckDB database, or written by another contract version than can be read.

    \b
    Example:
        pipeline check-db
        pipeline check-db curated/evidence.duckdb --format json
    """
    from pipeline.store.check import check_database

    path = path if path is not None else paths_from(ctx).db
    report = check_database(path)
    if fmt == "json" or as_json:
        echo_json({**report.model_dump(), "exit_code": report.exit_code})
    else:
        for problem in report.problems:
            click.echo(f"problem: {problem}" if report.usable else f"error: {problem}", err=True)
        if report.usable:
            total = sum(report.rows.values())
            verdict = "ok" if not report.problems else plural(len(report.problems), "problem")
            say(f"{path}: contract v{report.contract_version}, {plural(len(report.rows), 'table')}, "
                f"{plural(total, 'row')}, {plural(len(report.views), 'view')}: {verdict}")
    sys.exit(report.exit_code)


@click.command("migrate")
@click.argument("path", type=click.Path(path_type=Path), default=None, required=False)
@format_option()
@verbosity_options
@click.pass_context
def migrate_cmd(ctx: click.Context, path: Path | None, fmt: str) -> None:
    """Upgrade a database of an older contract version (default: the one in effect) to this
    pipeline's, in place and in one transaction: on any failure the file is left as it was.
    The typed columns are derived from the stored values and quotes as a build derives them;
    participant_flow is read again from the article texts the file holds. Stop other readers
    and writers of the file first (`pipeline run` rebuilds from raw/ instead).

    Exit code: 0 when the file is at the current version (upgraded or already), 2 when it is
    missing, not an evidence database, newer than this pipeline, or the migration failed.

    \b
    Example:
        pipeline migrate curated/evidence.duckdb
    """
    from pipeline.store.lock import run_lock
    from pipeline.store.migrate import migrate

    path = path if path is not None else paths_from(ctx).db
    try:
        if not path.is_file():
            raise InputError(f"{path}: no such database file")
        with run_lock(path, DEFAULT_LOCK_TIMEOUT):  # no `pipeline run` may publish meanwhile
            result = migrate(path)
    except PipelineError as e:
        fail(e)
    if fmt == "json":
        echo_json({**result.model_dump(), "exit_code": 0})
    elif not result.migrated:
        say(f"{path}: already at contract v{result.to_version}; nothing to do")
    else:
        unmatched = (f"; {plural(result.studies_without_flow, 'study')} the extractor now cuts differently "
                     "got no flow rows") if result.studies_without_flow else ""
        say(f"{path}: migrated from contract v{result.from_version} to v{result.to_version} "
            f"({plural(result.flow_rows, 'participant-flow row')}{unmatched})")


@click.command("export")
@click.option("--db", "db", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Database to export [default: the one in effect, see `pipeline config`].")
@click.option("--format", "out_format", type=click.Choice(["parquet", "csv", "sqlite", "jsonl"]), default="parquet",
              show_default=True, help="File format.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder to write [default: export-FORMAT beside the database].")
@click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON.")
@verbosity_options
@click.pass_context
def export_cmd(ctx: click.Context, db: Path | None, out_format: str, out: Path | None, as_json: bool) -> None:
    """Write every table and view of the database as Parquet or CSV files (one per table and
    view), one SQLite file (views included: open it with Datasette or any SQLite tool), or JSON
    Lines. The same database always gives the same bytes.

    Exit code: 0 when written, 2 when the database is missing or of another contract version,
    or the folder cannot be written (then nothing in it changed).

    \b
    Example:
        pipeline export --format parquet --out analysis/
        pipeline export --format sqlite && datasette curated/export-sqlite/evidence.sqlite
    """
    from pipeline.store.formats import export_database

    db = db if db is not None else paths_from(ctx, db=db).db
    out = out if out is not None else db.parent / f"export-{out_format}"
    if not db.is_file():
        fail(InputError(f"{db}: no database; run `pipeline run` first"))
    try:
        result = export_database(db, out_format, out)
    except PipelineError as e:
        fail(e)
    if as_json:
        echo_json(result.model_dump())
    else:
        say(f"{plural(len(result.files), 'file')} ({plural(sum(result.files.values()), 'row')}) -> {out}")


def register(cli: click.Group) -> None:
    cli.add_command(check_db)
    cli.add_command(migrate_cmd)
    cli.add_command(export_cmd)
