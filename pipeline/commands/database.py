"""Database commands: `pipeline check-db`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pipeline.settings import DEFAULT_DB


@click.command("check-db")
@click.argument("path", type=click.Path(path_type=Path), default=DEFAULT_DB, required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check_db(path: Path, as_json: bool) -> None:
    """Verify a database against the contract: tables, columns, types, version, references, spans.

    Exit code: 0 when it follows the contract, 1 when problems are listed, 2 when the file is
    missing, not a DuckDB database, or written by another contract version than can be read.

    Example:

        pipeline check-db curated/evidence.duckdb
    """
    from pipeline.store.check import check_database

    report = check_database(path)
    if as_json:
        data = {**report.model_dump(), "exit_code": report.exit_code}
        click.echo(json.dumps(data, indent=1, ensure_ascii=False))
    else:
        for problem in report.problems:
            click.echo(f"problem: {problem}" if report.usable else f"error: {problem}", err=True)
        if report.usable:
            total = sum(report.rows.values())
            verdict = "ok" if not report.problems else f"{len(report.problems)} problem(s)"
            click.echo(f"{path}: contract v{report.contract_version}, {len(report.rows)} tables, "
                       f"{total} rows: {verdict}")
    sys.exit(report.exit_code)


def register(cli: click.Group) -> None:
    cli.add_command(check_db)
