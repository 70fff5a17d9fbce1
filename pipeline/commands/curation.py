"""Curation commands: list flags, and write decisions into curated/decisions.toml."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NoReturn

import click

from pipeline.errors import PipelineError
from pipeline.settings import DEFAULT_DB

_db = click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
                   show_default=True, help="Database to read (read-only).")
_decisions = click.option("--decisions", "decisions", type=click.Path(dir_okay=False, path_type=Path),
                          default=None, help="Decisions file [default: decisions.toml beside the database].")
_reason = click.option("--reason", required=True, help="Why: kept in the decisions file for reviewers.")
_reviewer = click.option("--reviewer", default=None, help="Who decided.")


def _fail(e: PipelineError) -> NoReturn:
    click.echo(f"error: {e}", err=True)
    sys.exit(e.exit_code)


def _done(did: str, decisions: Path) -> None:
    click.echo(f"{did} written to {decisions}; run `pipeline run` to apply it")


def _path(db: Path, decisions: Path | None) -> Path:
    return decisions if decisions is not None else db.parent / "decisions.toml"


@click.command("flags")
@_db
@click.option("--all", "include_all", is_flag=True, help="Acknowledged flags too.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines, for machines.")
def flags_cmd(db: Path, include_all: bool, as_json: bool) -> None:
    """List open flags with their ids (the ids `pipeline ack` takes).

    Example:

        pipeline flags
        pipeline ack <FLAG_ID> --reason "counts overlap: patients had both diagnoses"
    """
    from pipeline.curation import list_flags

    try:
        rows = list_flags(db, include_all)
    except PipelineError as e:
        _fail(e)
    for f in rows:
        if as_json:
            click.echo(json.dumps(f.model_dump(mode="json"), ensure_ascii=False))
            continue
        where = f"{f.source_id}:{f.line}:{f.col}" if f.line else f.source_id
        status = f" [{f.status} {f.decision_id}]" if f.status != "open" else ""
        click.echo(f"{f.flag_id}\n    {f.severity} {f.rule} at {where}{status}: {f.message}")
    if not as_json:
        click.echo(f"{len(rows)} {'flags' if include_all else 'open flags'}")


@click.command("ack")
@click.argument("flag_id")
@_reason
@_reviewer
@_db
@_decisions
def ack_cmd(flag_id: str, reason: str, reviewer: str | None, db: Path, decisions: Path | None) -> None:
    """Acknowledge a flag: its status becomes 'acknowledged' from the next run on.

    The decision pins the flagged text; if the article changes there, the run reports it stale.

    Example:

        pipeline ack 'my-article:subgroup-exceeds-total:1a2b3c4d' --reason "patients had both diagnoses"
    """
    from pipeline.curation import ack

    path = _path(db, decisions)
    try:
        _done(ack(db, path, flag_id, reason, reviewer), path)
    except PipelineError as e:
        _fail(e)


@click.command("set")
@click.argument("target")
@click.argument("field")
@click.argument("value")
@_reason
@click.option("--quote", default=None, help="Text of the article that supports the value (pins it).")
@_reviewer
@_db
@_decisions
def set_cmd(target: str, field: str, value: str, reason: str, quote: str | None, reviewer: str | None,
            db: Path, decisions: Path | None) -> None:
    """Correct a field of a study (or of a condition, intervention, dose, result, adverse event).

    Without --quote the decision pins the article's sha256: any edit of the article makes it stale.

    Example:

        pipeline set 'my-article:s1a2b3c' sample_size 18 --quote "18 adults" --reason "the total"
    """
    from pipeline.curation import set_value

    path = _path(db, decisions)
    try:
        _done(set_value(db, path, target, field, value, reason, quote, reviewer), path)
    except PipelineError as e:
        _fail(e)


@click.command("add")
@click.argument("target")
@click.argument("field")
@click.argument("value")
@click.option("--quote", required=True, help="Text of the article the value is read from.")
@_reason
@_reviewer
@_db
@_decisions
def add_cmd(target: str, field: str, value: str, quote: str, reason: str, reviewer: str | None,
            db: Path, decisions: Path | None) -> None:
    """Add a value the extractor missed: a field, or an item of conditions, interventions, results,
    adverse_events, design_terms (of a study) or doses (of an intervention, VALUE like '0.5 mg/kg').

    Example:

        pipeline add 'my-article:s1a2b3c' conditions "panic disorder" --quote "panic disorder" --reason "missed"
    """
    from pipeline.curation import set_value

    path = _path(db, decisions)
    try:
        _done(set_value(db, path, target, field, value, reason, quote, reviewer, addition=True), path)
    except PipelineError as e:
        _fail(e)


@click.command("reject")
@click.argument("target")
@click.option("--field", default=None, help="Reject only this value (it becomes NULL), not the row.")
@_reason
@click.option("--quote", default=None, help="Text of the article the decision relies on.")
@_reviewer
@_db
@_decisions
def reject_cmd(target: str, field: str | None, reason: str, quote: str | None, reviewer: str | None,
               db: Path, decisions: Path | None) -> None:
    """Reject a spurious study or row (with everything under it), or with --field one value.

    Example:

        pipeline reject 'my-article:s1a2b3c' --reason "a product advertisement, not a study"
    """
    from pipeline.curation import reject

    path = _path(db, decisions)
    try:
        _done(reject(db, path, target, field, reason, quote, reviewer), path)
    except PipelineError as e:
        _fail(e)


def register(cli: click.Group) -> None:
    for command in (flags_cmd, ack_cmd, set_cmd, add_cmd, reject_cmd):
        cli.add_command(command)
