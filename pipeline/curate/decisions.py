"""Curator decisions kept in ``curated/decisions.toml``: models, loading, file:line errors.

Each ``[[decision]]`` table has a ``kind``: ``correction`` (set a field), ``addition`` (a value
the extractor missed, with the quote it is read from), ``rejection`` (a spurious row or value)
or ``acknowledgement`` (of a flag). Each pins the evidence it relied on: a ``quote`` that must
still be found in the article, or the article's ``sha256``.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator
from pydantic_core import ErrorDetails

from pipeline.errors import InputError
from pipeline.models.ids import table_of
from pipeline.models.rows import MODELS
# Fields a decision may set, per table (ids, positions and foreign keys are not curated values).
EDITABLE: dict[str, tuple[str, ...]] = {
    "studies": tuple(f for f in MODELS["studies"].model_fields
                     if f not in ("study_id", "source_id", "ordinal", "char_start", "char_end",
                                  *MODELS["studies"].__derived__)),
    "study_conditions": ("condition", "n", "icd10"),
    "interventions": ("agent", "route", "frequency", "duration"),
    "doses": ("amount", "unit"),
    "results": ("finding",),
    "adverse_events": ("event",),
}
# Additions of a new item to a list of a study (or of an intervention, for doses).
LIST_FIELDS: dict[str, dict[str, str]] = {
    "studies": {"conditions": "study_conditions", "interventions": "interventions", "results": "results",
                "adverse_events": "adverse_events", "design_terms": "studies"},
    "interventions": {"doses": "doses"},
}
TABLE_NOUN = {"studies": "study", "study_conditions": "condition", "interventions": "intervention",
              "doses": "dose", "results": "result", "adverse_events": "adverse event"}


class DoseValue(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    amount: float
    unit: str = Field(min_length=1)


def field_adapter(table: str, field: str) -> TypeAdapter[Any]:
    """Validator for a value of ``table.field``: the row model's type and constraints, strict but for dates."""
    info = MODELS[table].model_fields[field]
    ann: Any = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    return TypeAdapter(ann)


def check_value(table: str, field: str, value: Any) -> Any:
    """``value`` validated for ``table.field`` (raises ``ValueError`` with pydantic's message)."""
    if table in LIST_FIELDS and field in LIST_FIELDS[table]:
        if field == "doses":
            try:
                return DoseValue.model_validate(value).model_dump()
            except ValidationError as e:
                raise ValueError(f"[value] a dose is {{amount = <number>, unit = \"mg\"}}: {e.errors()[0]['msg']}") from None
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"[value] an item of {field} is a non-empty string")
        return value
    if (table, field) == ("studies", "design_terms") and isinstance(value, str):
        value = [t for t in dict.fromkeys(t.strip() for t in value.split(";")) if t] or None  # "a; b"
    if (table, field) == ("studies", "evidence_level") and isinstance(value, str) and value.isdigit():
        value = int(value)  # the text form of contract v1
    ann = MODELS[table].model_fields[field].annotation
    strict = dt.date not in getattr(ann, "__args__", (ann,))  # dates may be written as strings
    try:
        return field_adapter(table, field).validate_python(value, strict=strict)
    except ValidationError as e:
        raise ValueError(f"[value] {field} = {value!r}: {e.errors()[0]['msg']}") from None


class _Decision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", description="Unique decision id, e.g. 'D001'.")
    reason: str = Field(min_length=1)
    reviewer: str | None = None
    quote: str | None = Field(default=None, min_length=1, description="Evidence that must be in the article.")
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$", description="The article it was read in.")

    @property
    def target_id(self) -> str:
        return getattr(self, "target", None) or getattr(self, "flag")

    @property
    def field_name(self) -> str | None:
        return getattr(self, "field", None)

    def _require_pin(self) -> None:
        if self.quote is None and self.sha256 is None:
            raise ValueError("[quote] pin the evidence: give `quote` (text of the article) or `sha256` (of the article)")


def _check_field(target: str, field: str, lists: bool) -> str:
    table = table_of(target)
    allowed = EDITABLE[table] + (tuple(LIST_FIELDS.get(table, {})) if lists else ())
    if field not in allowed:
        raise ValueError(f"[field] unknown field {field!r} for a {TABLE_NOUN[table]}; one of: {', '.join(allowed)}")
    return table


class Correction(_Decision):
    """Set a field of a row to a value."""

    kind: Literal["correction"]
    target: str
    field: str
    value: Any

    @model_validator(mode="after")
    def _valid(self) -> "Correction":
        self._require_pin()
        table = _check_field(self.target, self.field, lists=False)
        self.value = check_value(table, self.field, self.value)
        return self


class Addition(_Decision):
    """A value the extractor missed; its quote must be found in the article."""

    kind: Literal["addition"]
    target: str
    field: str
    value: Any
    quote: str = Field(min_length=1)

    @model_validator(mode="after")
    def _valid(self) -> "Addition":
        table = _check_field(self.target, self.field, lists=True)
        self.value = check_value(table, self.field, self.value)
        return self


class Rejection(_Decision):
    """A spurious row (with everything under it) or, with ``field``, a spurious value (set to NULL)."""

    kind: Literal["rejection"]
    target: str
    field: str | None = None

    @model_validator(mode="after")
    def _valid(self) -> "Rejection":
        self._require_pin()
        if self.field is not None:
            table = _check_field(self.target, self.field, lists=False)
            check_value(table, self.field, None)  # the field must admit NULL
        return self


class Acknowledgement(_Decision):
    """A flag looked at and accepted: its status becomes 'acknowledged'."""

    kind: Literal["acknowledgement"]
    flag: str

    @model_validator(mode="after")
    def _valid(self) -> "Acknowledgement":
        self._require_pin()
        return self


Decision = Annotated[Union[Correction, Addition, Rejection, Acknowledgement], Field(discriminator="kind")]
_ADAPTER: TypeAdapter[Any] = TypeAdapter(Decision)
KINDS = ("correction", "addition", "rejection", "acknowledgement")


class Located(BaseModel):
    """A decision and where it is written."""

    decision: Decision
    path: str
    line: int = Field(description="Line of the [[decision]] header.")
    key_lines: dict[str, int] = Field(default_factory=dict, description="Line of each key of the table.")

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def at(self, key: str) -> str:
        return f"{self.path}:{self.key_lines.get(key, self.line)}"


class DecisionFile(BaseModel):
    path: str
    decisions: list[Located] = Field(default_factory=list)


_HEADER = re.compile(r"^\s*\[\[\s*decision\s*\]\]")


def header_lines(text: str) -> list[int]:
    """1-based line of each ``[[decision]]`` header, in order."""
    return [i for i, line in enumerate(text.splitlines(), 1) if _HEADER.match(line)]


def key_line(text: str, start: int, key: str) -> int:
    """Line of ``key = ...`` in the table whose header is line ``start`` (else ``start``)."""
    lines = text.splitlines()
    rx = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for i in range(start - 1, len(lines)):
        if i > start - 1 and lines[i].lstrip().startswith("["):
            break
        if rx.match(lines[i]):
            return i + 1
    return start


def _id_line(text: str, decision_id: str, default: int) -> int:
    for i, line in enumerate(text.splitlines(), 1):
        if f'"{decision_id}"' in line or f"'{decision_id}'" in line:
            return i
    return default


_KEY_TAG = re.compile(r"^\[(\w+)\] ")


def _error_key(err: ErrorDetails) -> str | None:
    """The key of the decision table an error is about: from its loc, or a ``[key]`` tag in the message."""
    loc = [p for p in err.get("loc", ()) if isinstance(p, str) and p not in KINDS]
    if loc:
        return loc[0]
    m = _KEY_TAG.match(err["msg"].removeprefix("Value error, "))
    return m.group(1) if m else None


def parse_decisions(text: str, path: str) -> DecisionFile:
    """Parse and validate decisions text; every problem is reported as ``path:line: message``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        where = f"{path}:{m.group(1)}:{m.group(2)}" if m else path
        raise InputError(f"{where}: TOML syntax error: {str(e).split(' (at line')[0]}") from None
    errors: list[str] = []
    for top in data:  # "version" is reserved for a future format change
        if top not in ("decision", "version"):
            errors.append(f"{path}:{key_line(text, 1, top)}: unknown top-level key {top!r} "
                          "(decisions are [[decision]] tables)")
    raw = data.get("decision", [])
    if not isinstance(raw, list):
        raise InputError(f"{path}:{key_line(text, 1, 'decision')}: `decision` must be an array of tables")
    heads = header_lines(text)
    out = DecisionFile(path=path)
    seen_ids: dict[str, int] = {}
    seen_targets: dict[str, int] = {}
    for i, entry in enumerate(raw):
        line = heads[i] if i < len(heads) else _id_line(text, str(entry.get("id", "")), 1)
        try:
            d = _ADAPTER.validate_python(entry)
        except ValidationError as e:
            for err in e.errors():
                key = _error_key(err) or ("kind" if err["type"].startswith("union_tag") else None)
                at = key_line(text, line, key) if key else line
                label = f"decision {entry.get('id')!r}" if entry.get("id") else f"decision #{i + 1}"
                msg = _KEY_TAG.sub("", err["msg"].removeprefix("Value error, "))
                errors.append(f"{path}:{at}: {label}: {f'{key}: ' if key else ''}{msg}")
            continue
        if d.id in seen_ids:
            errors.append(f"{path}:{key_line(text, line, 'id')}: decision id {d.id!r} is used twice "
                          f"(first at line {seen_ids[d.id]})")
            continue
        seen_ids[d.id] = line
        slot = (d.kind, d.target_id, d.field_name, d.value if d.kind == "addition" else None)
        slot_key = repr(slot)
        if slot_key in seen_targets:
            errors.append(f"{path}:{line}: decision {d.id!r} repeats the {d.kind} at line "
                          f"{seen_targets[slot_key]} on {d.target_id}{f' {d.field_name}' if d.field_name else ''}")
            continue
        seen_targets[slot_key] = line
        out.decisions.append(Located(decision=d, path=path, line=line,
                                     key_lines={k: key_line(text, line, k) for k in entry}))
    if errors:
        raise InputError("invalid decisions file:\n  " + "\n  ".join(errors))
    return out


def load_decisions(path: Path, required: bool = False) -> DecisionFile:
    """The decisions of ``path``; a missing file means no decisions unless ``required``."""
    if not path.is_file():
        if required:
            raise InputError(f"{path}: no such decisions file")
        return DecisionFile(path=str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read decisions: {e}") from None
    return parse_decisions(text, str(path))
