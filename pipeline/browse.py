"""What `pipeline studies`, `pipeline show` and `pipeline decisions` read: ids, values with their
evidence, flags and the decisions that touched them, from the published database (read-only) and
the decisions file."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from pipeline.curate.decisions import EDITABLE, DecisionFile, Located, load_decisions
from pipeline.curate.edit import remove_decision as remove_text
from pipeline.curate.rows import line_col
from pipeline.errors import InputError, WriteError
from pipeline.models import ids
from pipeline.models.rows import FlagRow, ProvenanceRow, Row
from pipeline.store.atomic import atomic_write_text
from pipeline.store.connect import open_read
from pipeline.store import queries


class StudyLine(BaseModel):
    """One line of `pipeline studies`."""

    study_id: str
    source_id: str
    ordinal: int
    label: str | None
    sample_size: int | None
    evidence_level: int | None
    randomized: bool | None
    blinding: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    conditions: int
    interventions: int
    open_flags: int


def list_studies(db: Path, source_id: str | None = None) -> list[StudyLine]:
    """Every study of the database (or of one article), with its id and key values."""
    with open_read(db) as con:
        if source_id is not None and source_id not in {r["source_id"] for r in queries.source_list(con)}:
            raise InputError(f"no article {source_id!r} in {db} (see `pipeline studies` for the articles)")
        return [StudyLine.model_validate(r) for r in queries.study_list(con, source_id)]


class Value(BaseModel):
    """One curated value with its evidence."""

    table: str
    row_id: str
    field: str
    value: Any = None
    quote: str | None = None
    line: int | None = None
    col: int | None = None
    rule: str | None = None
    origin: Literal["extracted", "corrected", "added"] | None = Field(
        default=None, description="None: no evidence (the text does not say, or the value is derived).")
    decision_id: str | None = None


class Item(BaseModel):
    """A row under a study (condition, intervention, dose, result, adverse event) and its values."""

    table: str
    row_id: str
    values: list[Value]


class DecisionLine(BaseModel):
    id: str
    kind: str
    target: str
    field: str | None = None
    value: Any = None
    reason: str
    reviewer: str | None = None
    where: str = Field(description="path:line of the decision in the decisions file.")
    status: Literal["applied", "stale", "pending", "unknown"] = Field(
        default="unknown", description="applied or stale in the database; pending: not yet run; unknown: "
                                       "no database to tell.")


class StudyShown(BaseModel):
    study_id: str
    source_id: str
    ordinal: int
    label: str | None
    path: str
    line: int
    col: int
    values: list[Value]
    items: list[Item]
    flags: list[FlagRow]


class Shown(BaseModel):
    """What `pipeline show ID` prints."""

    kind: Literal["article", "study", "row", "flag"]
    id: str
    source_id: str
    path: str = Field(description="The article file, relative to the raw folder.")
    title: str | None = None
    studies: list[StudyShown] = Field(default_factory=list)
    flags: list[FlagRow] = Field(default_factory=list, description="Flags outside any study (or the flag shown).")
    decisions: list[DecisionLine] = Field(default_factory=list)
    focus: str | None = Field(default=None, description="The row or flag id asked for, inside its study.")


def _value(table: str, rid: str, field: str, value: Any, prov: dict[tuple[str, str], ProvenanceRow],
           text: str) -> Value:
    p = prov.get((rid, field))
    if p is None:
        return Value(table=table, row_id=rid, field=field, value=value)
    line, col = line_col(text, p.char_start) if p.char_start is not None else (None, None)
    return Value(table=table, row_id=rid, field=field, value=value, quote=p.quote, line=line, col=col, rule=p.rule,
                 origin=p.origin, decision_id=p.decision_id)


def _item(table: str, row: Row, prov: dict[tuple[str, str], ProvenanceRow], text: str) -> Item:
    rid = str(ids.row_id(row))
    fields = EDITABLE[table]
    return Item(table=table, row_id=rid, values=[_value(table, rid, f, getattr(row, f), prov, text) for f in fields])


def _study(con: Any, study_id: str, text: str, path: str) -> StudyShown:
    rows = queries.study_rows(con, study_id)
    assert rows is not None
    prov = {(p.row_id, p.field): p for p in rows.provenance if isinstance(p, ProvenanceRow)}
    s = rows.study
    line, col = line_col(text, getattr(s, "char_start"))
    values = [_value("studies", study_id, f, getattr(s, f), prov, text) for f in EDITABLE["studies"]]
    items = [_item(t, r, prov, text) for t in ("study_conditions", "interventions", "doses", "results",
                                                 "adverse_events") for r in rows.children.get(t, [])]
    flags = [f for f in rows.flags if isinstance(f, FlagRow)]
    return StudyShown(study_id=study_id, source_id=getattr(s, "source_id"), ordinal=getattr(s, "ordinal"),
                      label=getattr(s, "label"), path=path, line=line, col=col, values=values, items=items,
                      flags=flags)


def _touches(d: Located, ids_: set[str], prefixes: tuple[str, ...]) -> bool:
    t = d.decision.target_id
    return t in ids_ or t.startswith(prefixes)


def show(db: Path, target: str, decisions: Path) -> Shown:
    """An article, study, row (condition, intervention, dose, result, adverse event) or flag, with
    every value, its quote, its flags and the decisions that touched it."""
    with open_read(db) as con:
        sources = {r["source_id"]: r for r in queries.source_list(con)}
        sid = target if target in sources else ids.source_of(target, sources)
        if sid is None:
            raise InputError(f"unknown id {target!r}: it names no article of {db} (see `pipeline studies`)")
        text = queries.source_text(con, sid)
        src, study_ids, article_flags = queries.article_rows(con, sid)
        assert src is not None
        path = str(src["path"])
        shown = Shown(kind="article", id=target, source_id=sid, path=path, title=src["title"])
        if target == sid:
            shown.studies = [_study(con, s, text, path) for s in study_ids]
            shown.flags = [f for f in article_flags if isinstance(f, FlagRow)]
        else:
            flag = queries.flag_row(con, target)
            if flag is not None:
                shown.kind, shown.flags, shown.focus = "flag", [flag], target
                if flag.study_id:
                    shown.studies = [_study(con, flag.study_id, text, path)]
            else:
                table, _ = queries.get_row(con, target)
                # Child ids are "<study id>/...", dose ids "<intervention id>#<seq>".
                study_id = target if table == "studies" else next(
                    (s for s in study_ids if target.startswith(s + "/")), None)
                shown.kind = "study" if table == "studies" else "row"
                shown.focus = None if table == "studies" else target
                if study_id:
                    shown.studies = [_study(con, study_id, text, path)]
        flag_ids = {f.flag_id for f in shown.flags} | {f.flag_id for s in shown.studies for f in s.flags}
        prefixes = tuple(s.study_id for s in shown.studies) if shown.kind != "article" else (sid,)
        statuses = _statuses(con)
    dfile = load_decisions(decisions)
    shown.decisions = [_line(d, statuses) for d in dfile.decisions
                       if _touches(d, flag_ids | {target}, tuple(p for p in prefixes))]
    return shown


def _statuses(con: Any) -> dict[str, str]:
    """decision id -> applied or stale, from the database's provenance and flags."""
    out: dict[str, str] = {did: "applied" for did in queries.decision_ids(con)}
    for _, message in queries.stale_messages(con):
        did = message.split(": decision ", 1)[-1].split(" ", 1)[0] if ": decision " in message else None
        if did:
            out[did] = "stale"
    return out


def _line(loc: Located, statuses: dict[str, str] | None) -> DecisionLine:
    d = loc.decision
    status = "unknown" if statuses is None else statuses.get(d.id, "pending")
    return DecisionLine(id=d.id, kind=d.kind, target=d.target_id, field=d.field_name, value=getattr(d, "value", None),
                        reason=d.reason, reviewer=d.reviewer, where=loc.where, status=status)  # type: ignore[arg-type]


def list_decisions(decisions: Path, db: Path | None) -> list[DecisionLine]:
    """The decisions of the file, each with its status in ``db`` when the database can be read."""
    dfile: DecisionFile = load_decisions(decisions, required=True)
    statuses = None
    if db is not None and db.is_file():
        with open_read(db) as con:
            statuses = _statuses(con)
    return [_line(d, statuses) for d in dfile.decisions]


def remove_decision(decisions: Path, decision_id: str) -> dict[str, Any]:
    """Remove one decision from the file (replaced atomically); returns what it said."""
    try:
        text = decisions.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{decisions}: no such decisions file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{decisions}: cannot read decisions: {e}") from None
    removed, out = remove_text(text, str(decisions), decision_id)
    try:
        atomic_write_text(decisions, out)
    except WriteError as e:
        raise WriteError(e.path, f"{e.cause}; the decisions file is unchanged") from None
    return removed

