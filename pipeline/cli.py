"""The `pipeline` command: a thin click layer over the library."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pipeline")
def cli() -> None:
    """Turn article text in raw/ into a schema-checked DuckDB evidence database.

    Paths (raw, db, decisions, export, report) come from each command's flag, else the
    environment (PIPELINE_RAW, PIPELINE_DB, ...), else [tool.pipeline] of pyproject.toml, else
    the defaults: `pipeline config` shows the ones in effect.
    """


@cli.group()
def schema() -> None:
    """The contract's JSON Schema and SQL DDL in schemas/."""


@schema.command("export")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"), show_default=True)
@click.option("--check", is_flag=True, help="Do not write; exit 1 when the files differ from the code.")
def schema_export(out: Path, check: bool) -> None:
    """Write the JSON Schema and DDL of the current contract version.

    \b
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
COMMAND_MODULES = ("run", "validation", "curation", "browse", "config", "database", "report", "bench")


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
