"""`pipeline report`: the evidence report page."""
from __future__ import annotations

from pathlib import Path

import click

from pipeline.commands.options import (
    echo_json, fail, format_option, path_option, paths_from, plural, say, verbosity_options,
)
from pipeline.errors import PipelineError


def register(cli: click.Group) -> None:
    @cli.command("report")
    @path_option("db", "Database to read (opened read-only).", dir_okay=False)
    @path_option("report", "HTML file to write; - for standard output.", dir_okay=False, allow_dash=True)
    @format_option()
    @verbosity_options
    @click.pass_context
    def report(ctx: click.Context, db: Path | None, report: Path | None, fmt: str) -> None:
        """Write a self-contained HTML evidence report: overview, evidence table, flags and
        every article with its extracted values and flags highlighted in the text.

        The page needs no network: open it straight from disk.

        \b
        Example:
            pipeline report
            pipeline report --db curated/evidence.duckdb --out curated/report.html
            pipeline report --out - > /tmp/report.html
        """
        from pipeline.report import build_report, render_report

        paths = paths_from(ctx, db=db, report=report)
        out = paths.report
        try:
            if str(out) == "-":
                html, totals = render_report(paths.db)
                click.echo(html, nl=False)
                return
            summary = build_report(paths.db, out)
        except PipelineError as e:
            fail(e)
        t = summary.totals
        if fmt == "json":
            echo_json({"out": str(out), "bytes": summary.n_bytes, "totals": t})
            return
        say(f"{plural(t['articles'], 'article')}, {plural(t['studies'], 'study')}, "
            f"{plural(t['highlights'], 'highlight')}; flags: {t['open_flags']:,} open, "
            f"{t.get('acknowledged', 0):,} acknowledged, {t.get('resolved', 0):,} resolved "
            f"-> {out} ({summary.n_bytes / 1024:,.0f} kB)")
