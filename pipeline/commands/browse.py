"""`pipeline studies`, `pipeline show` and `pipeline decisions`: every id a curator needs, without SQL."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from pipeline.commands.options import (
    Paths, echo_json, fail, format_option, location, path_option, paths_from, plural, quote, say,
    verbosity_options,
)
from pipeline.errors import PipelineError

_db = path_option("db", "Database to read (read-only).", dir_okay=False)


def _yes_no(v: bool | None) -> str:
    return "" if v is None else ("randomized" if v else "non-randomized")


@click.command("studies")
@_db
@click.option("--source", "source", default=None, metavar="ARTICLE_ID", help="Only the studies of this article.")
@format_option()
@verbosity_options
@click.pass_context
def studies_cmd(ctx: click.Context, db: Path | None, source: str | None, fmt: str) -> None:
    """List the studies with their ids (the ids `pipeline set`, `reject` and `show` take) and key values.

    \b
    Example:
        pipeline studies
        pipeline studies --source ketamine-treatment-for-anxiety --format json
        pipeline show STUDY_ID
    """
    from pipeline.browse import list_studies

    paths = paths_from(ctx, db=db)
    try:
        rows = list_studies(paths.db, source)
    except PipelineError as e:
        fail(e)
    if fmt == "json":
        echo_json([r.model_dump(mode="json") for r in rows])
        return
    for r in rows:
        design = ", ".join(x for x in (_yes_no(r.randomized), r.blinding or "", r.evidence_level and
                                       f"level {r.evidence_level}" or "") if x) or "design not stated"
        n = f"n={r.sample_size}" if r.sample_size is not None else "n not stated"
        label = f" {r.label!r}" if r.label else ""
        click.echo(f"{r.study_id}  study {r.ordinal}{label}: {n}; {design}; {plural(r.conditions, 'condition')}, "
                   f"{plural(r.interventions, 'intervention')}, {plural(r.open_flags, 'open flag')}")
    say(plural(len(rows), "study") + (f" in {source}" if source else "")
        + (f"; see one with `{paths.command('show', 'STUDY_ID')}`" if rows else ""))


def _shown_value(v: Any) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def _arg(v: Any) -> str:
    """A value as `pipeline set` reads it back."""
    if isinstance(v, bool):
        return "yes" if v else "no"
    return quote(_shown_value(v)) if v is not None else "VALUE"


def _set_line(paths: Paths, row_id: str, field: str, value: Any, q: str | None) -> str:
    pin = f" --quote {quote(q)}" if q else ""
    return paths.command("set", quote(row_id), field, _arg(value)) + pin + " --reason '...'"


def _value_lines(paths: Paths, values: list[Any], path: str) -> list[str]:
    out = []
    for v in values:
        where = f" at {location(paths.raw, path, v.line, v.col)}" if v.line else ""
        origin = ""
        if v.origin and v.origin != "extracted":
            origin = f" [{v.origin} by {v.decision_id}]"
        evidence = f" {v.quote!r}{where} ({v.rule or 'no rule'})" if v.quote else ""
        out.append(f"    {v.field} = {_shown_value(v.value)}{origin}{evidence}")
        if v.value is not None or v.origin:
            out.append(f"        {_set_line(paths, v.row_id, v.field, v.value, v.quote)}")
    return out


def _flag_lines(paths: Paths, flags: list[Any], path: str) -> list[str]:
    out = []
    for f in flags:
        state = f" [{f.status}{f' by {f.decision_id}' if f.decision_id else ''}]" if f.status != "open" else ""
        out.append(f"  flag {f.flag_id}{state}")
        out.append(f"    {location(paths.raw, path, f.line, f.col)}: {f.severity} {f.code} {f.rule}: {f.message}")
        if f.status == "open":
            out.append(f"        {paths.command('ack', quote(f.flag_id))} --reason '...'")
    return out


def render_shown(paths: Paths, shown: Any) -> str:
    out = [f"article {shown.source_id}: {shown.title or '(no title)'} ({(paths.raw / shown.path).as_posix()})"]
    for s in shown.studies:
        label = f" {s.label!r}" if s.label else ""
        out.append(f"study {s.study_id} (study {s.ordinal}{label}, at {location(paths.raw, s.path, s.line, s.col)})")
        out.append(f"    {paths.command('reject', quote(s.study_id))} --reason '...'")
        out += _value_lines(paths, s.values, s.path)
        for item in s.items:
            mark = "  <-" if item.row_id == shown.focus else ""
            out.append(f"  {item.table} {item.row_id}{mark}")
            out += _value_lines(paths, item.values, s.path)
            out.append(f"        {paths.command('reject', quote(item.row_id))} --reason '...'")
        out += _flag_lines(paths, s.flags, s.path)
    if shown.kind == "article" and shown.flags:
        out.append("article flags")
    out += _flag_lines(paths, [f for f in shown.flags if shown.kind == "article" or not shown.studies], shown.path)
    if shown.decisions:
        out.append("decisions")
        for d in shown.decisions:
            what = f" {d.field}" if d.field else ""
            value = f" = {_shown_value(d.value)}" if d.value is not None else ""
            out.append(f"  {d.id} {d.kind} of {d.target}{what}{value} [{d.status}] at {d.where}: {d.reason}")
    return "\n".join(out)


@click.command("show")
@click.argument("target", metavar="ID")
@_db
@path_option("raw", "Folder of the articles, for path:line:col locations.")
@path_option("decisions", "Decisions file, for the decisions that touched the values.", dir_okay=False)
@format_option()
@verbosity_options
@click.pass_context
def show_cmd(ctx: click.Context, target: str, db: Path | None, raw: Path | None, decisions: Path | None,
             fmt: str) -> None:
    """Show an article, a study, a row (condition, intervention, dose, result, adverse event) or a flag:
    every value with its quote and place, its flags, the decisions that touched it, and the exact
    `pipeline set`, `reject` and `ack` command lines that change it.

    \b
    Example:
        pipeline show ketamine-treatment-for-anxiety
        pipeline show 'ketamine-treatment-for-anxiety:sd5c48e'
        pipeline show 'ketamine-treatment-for-anxiety:subgroup-exceeds-total:abeabad5'
    """
    from pipeline.browse import show

    paths = paths_from(ctx, db=db, raw=raw, decisions=decisions)
    try:
        shown = show(paths.db, target, paths.decisions)
    except PipelineError as e:
        fail(e)
    if fmt == "json":
        data = shown.model_dump(mode="json")
        for s, sd in zip(shown.studies, data["studies"]):
            sd["reject"] = paths.command("reject", quote(s.study_id)) + " --reason '...'"
            for v, vd in zip(s.values + [x for i in s.items for x in i.values],
                             sd["values"] + [x for i in sd["items"] for x in i["values"]]):
                vd["set"] = _set_line(paths, v.row_id, v.field, v.value, v.quote)
            for f, fd in zip(s.flags, sd["flags"]):
                fd["ack"] = paths.command("ack", quote(f.flag_id)) + " --reason '...'"
        echo_json(data)
        return
    click.echo(render_shown(paths, shown))


@click.command("decisions")
@path_option("decisions", "Decisions file.", dir_okay=False)
@_db
@click.option("--remove", "remove", default=None, metavar="DECISION_ID",
              help="Remove this decision from the file (the next `pipeline run` undoes it).")
@format_option()
@verbosity_options
@click.pass_context
def decisions_cmd(ctx: click.Context, decisions: Path | None, db: Path | None, remove: str | None, fmt: str) -> None:
    """List the curator's decisions, with where each is written and whether the database shows it
    applied, stale or not yet run; or remove one by id.

    \b
    Example:
        pipeline decisions
        pipeline decisions --remove D003
    """
    from pipeline.browse import list_decisions, remove_decision

    paths = paths_from(ctx, db=db, decisions=decisions)
    try:
        if remove is not None:
            removed = remove_decision(paths.decisions, remove)
            if fmt == "json":
                echo_json({"removed": removed, "decisions": str(paths.decisions)})
            else:
                say(paths.hint(f"{remove} ({removed.get('kind')} of {removed.get('target') or removed.get('flag')}) "
                               f"removed from {paths.decisions}; run `pipeline run` to apply the change"))
            return
        lines = list_decisions(paths.decisions, paths.db)
    except PipelineError as e:
        fail(e)
    if fmt == "json":
        echo_json([d.model_dump(mode="json") for d in lines])
        return
    for d in lines:
        what = f" {d.field}" if d.field else ""
        value = f" = {_shown_value(d.value)}" if d.value is not None else ""
        click.echo(f"{d.id}  {d.kind} of {d.target}{what}{value} [{d.status}]\n    {d.where}: {d.reason}")
    say(f"{plural(len(lines), 'decision')} in {paths.decisions}")
    if not paths.db.is_file():
        click.echo(paths.hint(f"no database at {paths.db} to tell which are applied: run `pipeline run`"), err=True)
        sys.exit(0)


def register(cli: click.Group) -> None:
    for command in (studies_cmd, show_cmd, decisions_cmd):
        cli.add_command(command)
