"""Database commands: `pipeline check-db`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.commands.options import echo_json, format_option, paths_from, plural, say, verbosity_options


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


def register(cli: click.Group) -> None:
    cli.add_command(check_db)
