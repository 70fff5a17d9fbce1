"""`pipeline validate` and `pipeline rules`: the linter face of pipeline.validate."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.errors import PipelineError
from pipeline.settings import DEFAULT_RAW, EXIT_USAGE


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@click.command("validate")
@click.option("--raw", "raw", type=click.Path(path_type=Path), default=DEFAULT_RAW, show_default=True,
              help="Folder of article .txt files.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="text for people, json for tools, github for workflow annotations.")
@click.option("--select", "selected", multiple=True, metavar="CODES",
              help="Only these rules: codes, code prefixes or slugs, comma-separated or repeated.")
@click.option("--ignore", "ignored", multiple=True, metavar="CODES", help="Skip these rules (same forms as --select).")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
def validate_cmd(raw: Path, fmt: str, selected: tuple[str, ...], ignored: tuple[str, ...], strict: bool) -> None:
    """Check every article of RAW for internal inconsistencies, without writing the database.

    Exit code: 0 when no error-severity finding (no warning either with --strict), 1 when
    there is one, 2 on usage or input errors.

    Example:

        pipeline validate --raw raw --format github --ignore A2 --strict
    """
    from pipeline.validate.report import render_github, render_json, render_text
    from pipeline.validate.runner import validate_folder

    try:
        report, texts = validate_folder(raw, _split(selected), _split(ignored), strict)
    except PipelineError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)
    if fmt == "json":
        click.echo(render_json(report))
    elif fmt == "github":
        out = render_github(report)
        if out:
            click.echo(out)
    else:
        click.echo(render_text(report, texts))
    sys.exit(report.exit_code)


@click.command("rules")
@click.argument("code_or_slug", required=False)
@click.option("--markdown", is_flag=True, help="Print docs/rules.md (the generated rule reference).")
def rules_cmd(code_or_slug: str | None, markdown: bool) -> None:
    """List the validation rules, or explain one by CODE or slug.

    Example:

        pipeline rules subgroup-exceeds-total
    """
    from pipeline.validate.docs import explain, rules_markdown, table_line
    from pipeline.validate.registry import all_rules, lookup

    if markdown:
        click.echo(rules_markdown(), nl=False)
        return
    if code_or_slug:
        rule = lookup(code_or_slug)
        if rule is None:
            click.echo(f"error: no rule with code or slug '{code_or_slug}' (see `pipeline rules`)", err=True)
            sys.exit(EXIT_USAGE)
        click.echo(explain(rule), nl=False)
        return
    for rule in all_rules():
        click.echo(table_line(rule))


def register(cli: click.Group) -> None:
    cli.add_command(validate_cmd)
    cli.add_command(rules_cmd)
