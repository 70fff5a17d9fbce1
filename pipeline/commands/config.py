"""`pipeline config`: the paths in effect and where each comes from."""
from __future__ import annotations

from pathlib import Path

import click

from pipeline.commands.options import KEYS, echo_json, format_option, path_option, paths_from


@click.command("config")
@path_option("raw", "Folder of article .txt files.")
@path_option("db", "The evidence database.", dir_okay=False)
@path_option("decisions", "The curator's decisions.", dir_okay=False)
@path_option("export", "Text export folder.", file_okay=False)
@format_option()
@click.pass_context
def config_cmd(ctx: click.Context, raw: Path | None, db: Path | None, decisions: Path | None,
               export: Path | None, fmt: str) -> None:
    """Show the paths in effect and where each comes from: a flag, an environment variable,
    [tool.pipeline] of pyproject.toml, or the default.

    \b
    Example:
        pipeline config
        PIPELINE_DB=/data/evidence.duckdb pipeline config --format json
    """
    paths = paths_from(ctx, raw=raw, db=db, decisions=decisions, export=export)
    if fmt == "json":
        echo_json({k: {"path": str(s.value), "from": s.source} for k, s in paths.settings.items()})
        return
    width = max(len(str(s.value)) for s in paths.settings.values())
    for key, s in paths.settings.items():
        flag, env, what = KEYS[key]
        click.echo(f"{key:<10} {str(s.value):<{width}}  from {s.source}  ({what}; {flag}, ${env})")


def register(cli: click.Group) -> None:
    cli.add_command(config_cmd)
