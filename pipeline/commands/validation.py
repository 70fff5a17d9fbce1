"""`pipeline validate` and `pipeline rules`: the linter face of pipeline.validate."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.commands.options import (
    detail, echo_json, fail, format_option, level, path_option, paths_from, plural, verbosity_options,
)
from pipeline.commands.progress import Bar
from pipeline.errors import InputError, PipelineError


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@click.command("validate")
@path_option("raw", "Folder of article .txt files.")
@path_option("decisions", "Curator decisions, applied as `pipeline run` applies them.", dir_okay=False)
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None, hidden=True,
              help="Only to find decisions.toml beside it.")
@format_option("text", "json", "github")
@click.option("--select", "selected", multiple=True, metavar="CODES",
              help="Only these rules: codes, code prefixes or slugs, comma-separated or repeated.")
@click.option("--ignore", "ignored", multiple=True, metavar="CODES", help="Skip these rules (same forms as --select).")
@click.option("--strict", is_flag=True, help="Open warnings fail too (exit 1).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: the number of cores].")
@verbosity_options
@click.pass_context
def validate_cmd(ctx: click.Context, raw: Path | None, decisions: Path | None, db: Path | None, fmt: str,
                 selected: tuple[str, ...], ignored: tuple[str, ...], strict: bool, jobs: int | None) -> None:
    """Check every article of RAW for internal inconsistencies, without writing the database.

    The curator's decisions are applied as `pipeline run` applies them, and the curated values are
    checked again: every finding carries its flag id and its status (open, acknowledged, or
    resolved by a correction), the same as in the database `run` writes.

    Exit code: 0 when no open error-severity finding (no open warning either with --strict), 1 when
    there is one, 2 on usage or input errors.

    \b
    Example:
        pipeline validate
        pipeline validate --raw raw --format github --ignore A2 --strict
    """
    from pipeline.lint import validate_folder
    from pipeline.validate.report import render_github, render_json, render_text

    paths = paths_from(ctx, raw=raw, db=db, decisions=decisions)
    try:
        with Bar("validating") as bar:
            report, texts = validate_folder(paths.raw, paths.decisions, _split(selected), _split(ignored), strict,
                                            jobs=jobs, progress=bar, decisions_required=paths.explicit("decisions"))
    except PipelineError as e:
        fail(e)
    if report.decisions_elsewhere and fmt == "text" and level() >= 0:
        click.echo(f"note: {plural(report.decisions_elsewhere, 'decision')} of {paths.decisions} "
                   f"name no article of {paths.raw}: not applied", err=True)
    if fmt == "json":
        click.echo(render_json(report))
    elif fmt == "github":
        out = render_github(report)
        if out:
            click.echo(out)
    else:
        click.echo(render_text(report, texts, quiet=level() < 0))
        if report.statuses.get("open"):
            detail(paths.hint("acknowledge a flag: `pipeline ack FLAG_ID --reason '...'`; see its study and "
                              "the commands that change it: `pipeline show FLAG_ID`"))
    sys.exit(report.exit_code)


@click.command("rules")
@click.argument("code_or_slug", required=False)
@format_option("text", "json", "markdown")
@click.option("--markdown", is_flag=True, hidden=True, help="Same as --format markdown.")
def rules_cmd(code_or_slug: str | None, fmt: str, markdown: bool) -> None:
    """List the validation rules (every code the tool writes), or explain one by CODE or slug.

    \b
    Example:
        pipeline rules
        pipeline rules subgroup-exceeds-total
        pipeline rules --format markdown > docs/rules.md
    """
    from pipeline.validate.docs import explain, rule_record, rules_markdown, table_line
    from pipeline.validate.registry import all_rules, lookup

    if markdown or fmt == "markdown":
        click.echo(rules_markdown(), nl=False)
        return
    rules = all_rules()
    if code_or_slug:
        rule = lookup(code_or_slug)
        if rule is None:
            fail(InputError(f"no rule with code or slug '{code_or_slug}' (see `pipeline rules`)"))
        rules = [rule]
        if fmt == "text":
            click.echo(explain(rule), nl=False)
            return
    if fmt == "json":
        echo_json([rule_record(r) for r in rules])
        return
    for rule in rules:
        click.echo(table_line(rule))


def register(cli: click.Group) -> None:
    cli.add_command(validate_cmd)
    cli.add_command(rules_cmd)
