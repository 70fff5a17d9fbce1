"""The decision-recording API: what `pipeline flags | ack | set | add | reject` do.

Each helper checks its target in the published database (opened read-only, contract version
checked), pins the evidence (a quote of the article, or its sha256), and writes the decision
into the decisions file (kept comments and order; replaced atomically, or left as it was).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from pipeline.curate.decisions import EDITABLE, LIST_FIELDS, TABLE_NOUN, check_value
from pipeline.curate.edit import upsert_decision as edit_text
from pipeline.curate.quotes import find_quote
from pipeline.errors import InputError, WriteError
from pipeline.models.rows import MODELS, FlagRow
from pipeline.store.atomic import atomic_write_text
from pipeline.store.connect import open_read
from pipeline.store.queries import flags, get_prov, get_row, get_source, source_paths

_MAIN_COLUMN = {"study_conditions": "condition", "interventions": "agent", "results": "finding",
                "adverse_events": "event", "doses": "amount"}
QUOTE_MAX = 200


def parse_value(table: str, field: str, text: str) -> Any:
    """A command-line VALUE as the field's type ("18" -> 18, "yes" -> True, "0.5 mg/kg" for a dose)."""
    if field == "doses":
        m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*(\S.*?)\s*", text)
        if not m:
            raise InputError(f"a dose is '<amount> <unit>', e.g. '0.5 mg/kg', not {text!r}")
        return {"amount": float(m.group(1)), "unit": m.group(2)}
    if field in LIST_FIELDS.get(table, {}):
        return text
    ann: Any = MODELS[table].model_fields[field].annotation
    try:
        value = TypeAdapter(ann).validate_python(text)
    except ValidationError as e:
        raise InputError(f"{field} = {text!r}: {e.errors()[0]['msg']}") from None
    try:
        return check_value(table, field, value)
    except ValueError as e:
        raise InputError(str(e).removeprefix("[value] ")) from None


def _check_field(table: str, field: str, lists: bool) -> None:
    allowed = EDITABLE[table] + (tuple(LIST_FIELDS.get(table, {})) if lists else ())
    if field not in allowed:
        raise InputError(f"unknown field {field!r} for a {TABLE_NOUN[table]}; one of: {', '.join(allowed)}")


def _checked_quote(source: dict[str, Any], quote: str) -> str:
    if find_quote(source["text"], quote) is None:
        raise InputError(f"the quote {quote!r} is not in the article {source['source_id']}")
    return quote


def _span_quote(text: str, start: int | None, end: int | None) -> str | None:
    if start is None or end is None:
        return None
    q = text[start:end].strip()
    if len(q) > QUOTE_MAX:  # a shorter piece of the same evidence pins it as well
        q = q[:QUOTE_MAX].rsplit(" ", 1)[0]
    return q or None


def _pin(source: dict[str, Any], quote: str | None) -> dict[str, Any]:
    return {"quote": quote} if quote else {"sha256": source["sha256"]}


def upsert_decision(decisions: Path, new: dict[str, Any]) -> str:
    """Add ``new`` to the decisions file (or update the decision on the same slot); its id.

    The file is replaced in one step; on any error it is left as it was."""
    try:
        text = decisions.read_text(encoding="utf-8") if decisions.is_file() else None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{decisions}: cannot read decisions: {e}") from None
    did, out = edit_text(text, str(decisions), new)
    try:
        atomic_write_text(decisions, out)
    except WriteError as e:
        raise WriteError(e.path, f"{e.cause}; the decisions file is unchanged") from None
    return did


def list_flags(db: Path, include_all: bool = False) -> list[FlagRow]:
    """Flags in a stable order (open ones only unless ``include_all``)."""
    with open_read(db) as con:
        return flags(con, include_all)


def list_flags_with_paths(db: Path, include_all: bool = False) -> list[tuple[FlagRow, str]]:
    """``list_flags`` with each flag's article file (relative to the raw folder)."""
    with open_read(db) as con:
        where = source_paths(con)
        return [(f, where.get(f.source_id, f.source_id)) for f in flags(con, include_all)]


def ack(db: Path, decisions: Path, flag_id: str, reason: str, reviewer: str | None) -> str:
    with open_read(db) as con:
        _, flag = get_row(con, flag_id, "flags")
        source = get_source(con, flag_id)
    quote = _span_quote(source["text"], flag["char_start"], flag["char_end"])
    return upsert_decision(decisions, {"kind": "acknowledgement", "flag": flag_id, **_pin(source, quote),
                                       "reason": reason, "reviewer": reviewer})


def set_value(db: Path, decisions: Path, target: str, field: str, value: str, reason: str,
              quote: str | None, reviewer: str | None, addition: bool = False) -> str:
    with open_read(db) as con:
        table, _ = get_row(con, target)
        source = get_source(con, target)
    _check_field(table, field, lists=addition)
    parsed = parse_value(table, field, value)
    if addition and not quote:
        raise InputError("an addition needs --quote: the text of the article the value is read from")
    pin = _pin(source, _checked_quote(source, quote) if quote else None)
    return upsert_decision(decisions, {"kind": "addition" if addition else "correction", "target": target,
                                       "field": field, "value": parsed, **pin, "reason": reason,
                                       "reviewer": reviewer})


def reject(db: Path, decisions: Path, target: str, field: str | None, reason: str, quote: str | None,
           reviewer: str | None) -> str:
    with open_read(db) as con:
        table, row = get_row(con, target)
        source = get_source(con, target)
        if field is not None:
            _check_field(table, field, lists=False)
        if quote:
            quote = _checked_quote(source, quote)
        elif field is not None or table != "studies":
            p = get_prov(con, table, target, field or _MAIN_COLUMN[table])
            quote = _span_quote(source["text"], p["char_start"], p["char_end"]) if p else None
        else:  # a study: its opening words
            quote = _span_quote(source["text"], row["char_start"], min(row["char_end"], row["char_start"] + 80))
    return upsert_decision(decisions, {"kind": "rejection", "target": target, "field": field,
                                       **_pin(source, quote), "reason": reason, "reviewer": reviewer})
