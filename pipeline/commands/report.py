"""`pipeline report`: the evidence report page."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.errors import PipelineError
from pipeline.settings import DEFAULT_DB, DEFAULT_REPORT


def register(cli: click.Group) -> None:
    @cli.command("report")
    @click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
                  show_default=True, help="Database to read (opened read-only).")
    @click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_REPORT,
                  show_default=True, help="HTML file to write.")
    def report(db: Path, out: Path) -> None:
        """Write a self-contained HTML evidence report: overview, evidence table, flags and
        every article with its extracted values and flags highlighted in the text.

        The page needs no network: open it straight from disk.

        Example:

            pipeline report --db curated/evidence.duckdb --out curated/report.html
        """
        from pipeline.report import build_report

        try:
            summary = build_report(db, out)
        except PipelineError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(e.exit_code)
        t = summary.totals
        click.echo(f"{t['articles']} articles, {t['studies']} studies, {t['highlights']} highlights, "
                   f"{t['open_flags']} open flags -> {out} ({summary.n_bytes / 1024:.0f} kB)")
