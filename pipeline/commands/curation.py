"""Curation commands: list flags, and write decisions into the decisions file."""
from __future__ import annotations

from pathlib import Path

import click

from pipeline.commands.options import (
    Paths, echo_json, fail, format_option, location, path_option, paths_from, plural, say, verbosity_options,
)
from pipeline.errors import PipelineError

_db = path_option("db", "Database to read (read-only).", dir_okay=False)
_decisions = path_option("decisions", "Decisions file to write.", dir_okay=False)
_reason = click.option("--reason", required=True, help="Why: kept in the decisions file for reviewers.")
_reviewer = click.option("--reviewer", default=None, help="Who decided.")


def _done(paths: Paths, did: str, fmt: str) -> None:
    if fmt == "json":
        echo_json({"decision_id": did, "decisions": str(paths.decisions)})
        return
    say(paths.hint(f"{did} written to {paths.decisions}; run `pipeline run` to apply it"))


@click.command("flags")
@_db
@path_option("raw", "Folder of the articles, for path:line:col locations.")
@click.option("--all", "include_all", is_flag=True, help="Acknowledged and resolved flags too.")
@format_option()
@click.option("--json", "as_json", is_flag=True, hidden=True, help="Same as --format json (JSON lines).")
@verbosity_options
@click.pass_context
def flags_cmd(ctx: click.Context, db: Path | None, raw: Path | None, include_all: bool, fmt: str,
              as_json: bool) -> None:
    """List open flags with their ids (the ids `pipeline ack` and `pipeline show` take).

    \b
    Example:
        pipeline flags
        pipeline show FLAG_ID
        pipeline ack FLAG_ID --reason "counts overlap: patients had both diagnoses"
    """
    from pipeline.curation import list_flags_with_paths

    paths = paths_from(ctx, db=db, raw=raw)
    try:
        rows = list_flags_with_paths(paths.db, include_all)
    except PipelineError as e:
        fail(e)
    if fmt == "json" or as_json:
        for f, _ in rows:
            echo_json_line(f.model_dump(mode="json"))
        return
    for f, path in rows:
        status = f" [{f.status} {f.decision_id}]" if f.status != "open" else ""
        click.echo(f"{f.flag_id}\n    {location(paths.raw, path, f.line, f.col)}: {f.severity} {f.code} {f.rule}"
                   f"{status}: {f.message}")
    say(plural(len(rows), "flag" if include_all else "open flag"))


def echo_json_line(data: object) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False))


@click.command("ack")
@click.argument("flag_id")
@_reason
@_reviewer
@_db
@_decisions
@format_option()
@verbosity_options
@click.pass_context
def ack_cmd(ctx: click.Context, flag_id: str, reason: str, reviewer: str | None, db: Path | None,
            decisions: Path | None, fmt: str) -> None:
    """Acknowledge a flag: its status becomes 'acknowledged' from the next run on.

    The decision pins the flagged text; if the article changes there, the run reports it stale.

    \b
    Example:
        pipeline ack 'my-article:subgroup-exceeds-total:1a2b3c4d' --reason "patients had both diagnoses"
    """
    from pipeline.curation import ack

    paths = paths_from(ctx, db=db, decisions=decisions)
    try:
        _done(paths, ack(paths.db, paths.decisions, flag_id, reason, reviewer), fmt)
    except PipelineError as e:
        fail(e)


@click.command("set")
@click.argument("target")
@click.argument("field")
@click.argument("value")
@_reason
@click.option("--quote", default=None, help="Text of the article that supports the value (pins it).")
@_reviewer
@_db
@_decisions
@format_option()
@verbosity_options
@click.pass_context
def set_cmd(ctx: click.Context, target: str, field: str, value: str, reason: str, quote: str | None,
            reviewer: str | None, db: Path | None, decisions: Path | None, fmt: str) -> None:
    """Correct a field of a study (or of a condition, intervention, dose, result, adverse event).

    Without --quote the decision pins the article's sha256: any edit of the article makes it stale.
    The next `pipeline run` checks the flags again against the corrected value: a flag whose cause
    is gone becomes 'resolved'. `pipeline show TARGET` prints the ids and the current values.

    \b
    Example:
        pipeline studies
        pipeline set 'my-article:s1a2b3c' sample_size 18 --quote "18 adults" --reason "the total"
    """
    from pipeline.curation import set_value

    paths = paths_from(ctx, db=db, decisions=decisions)
    try:
        _done(paths, set_value(paths.db, paths.decisions, target, field, value, reason, quote, reviewer), fmt)
    except PipelineError as e:
        fail(e)


@click.command("add")
@click.argument("target")
@click.argument("field")
@click.argument("value")
@click.option("--quote", required=True, help="Text of the article the value is read from.")
@_reason
@_reviewer
@_db
@_decisions
@format_option()
@verbosity_options
@click.pass_context
def add_cmd(ctx: click.Context, target: str, field: str, value: str, quote: str, reason: str,
            reviewer: str | None, db: Path | None, decisions: Path | None, fmt: str) -> None:
    """Add a value the extractor missed: a field, or an item of conditions, interventions, results,
    adverse_events, design_terms (of a study) or doses (of an intervention, VALUE like '0.5 mg/kg').

    \b
    Example:
        pipeline add 'my-article:s1a2b3c' conditions "panic disorder" --quote "panic disorder" --reason "missed"
    """
    from pipeline.curation import set_value

    paths = paths_from(ctx, db=db, decisions=decisions)
    try:
        _done(paths, set_value(paths.db, paths.decisions, target, field, value, reason, quote, reviewer,
                               addition=True), fmt)
    except PipelineError as e:
        fail(e)


@click.command("reject")
@click.argument("target")
@click.option("--field", default=None, help="Reject only this value (it becomes NULL), not the row.")
@_reason
@click.option("--quote", default=None, help="Text of the article the decision relies on.")
@_reviewer
@_db
@_decisions
@format_option()
@verbosity_options
@click.pass_context
def reject_cmd(ctx: click.Context, target: str, field: str | None, reason: str, quote: str | None,
               reviewer: str | None, db: Path | None, decisions: Path | None, fmt: str) -> None:
    """Reject a spurious study or row (with everything under it), or with --field one value.

    \b
    Example:
        pipeline reject 'my-article:s1a2b3c' --reason "a product advertisement, not a study"
        pipeline reject 'my-article:s1a2b3c' --field duration --reason "the follow-up, not the study"
    """
    from pipeline.curation import reject

    paths = paths_from(ctx, db=db, decisions=decisions)
    try:
        _done(paths, reject(paths.db, paths.decisions, target, field, reason, quote, reviewer), fmt)
    except PipelineError as e:
        fail(e)


def register(cli: click.Group) -> None:
    for command in (flags_cmd, ack_cmd, set_cmd, add_cmd, reject_cmd):
        cli.add_command(command)
