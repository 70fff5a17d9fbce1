"""Deterministic text export of the curated tables: one JSON Lines file per table.

Rows are sorted by the table's key, keys come in column order, nothing depends on time or on
the machine, so the same raw/ and decisions give byte-identical files and a curation change
shows up as a reviewable diff. ``sources.text`` is left out: it is raw/ itself, and
``sources.sha256`` stands for it.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, Field

from pipeline.models.rows import TABLES, Row

OMIT = {"sources": ("text",)}
SUFFIX = ".jsonl"


def _sort_key(row: Row) -> tuple:
    return tuple((v is None, v) for v in (getattr(row, k) for k in row.__key__))


def render_table(model: type[Row], rows: list[Row]) -> str:
    omit = OMIT.get(model.__table__, ())
    lines = []
    for r in sorted(rows, key=_sort_key):
        data = {k: v for k, v in r.model_dump(mode="json").items() if k not in omit}
        lines.append(json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False))
    return "".join(line + "\n" for line in lines)


def render(rows_by_table: dict[str, list[Row]]) -> dict[str, str]:
    """``{file name: contents}`` for every contract table (empty tables give empty files)."""
    return {m.__table__ + SUFFIX: render_table(m, rows_by_table.get(m.__table__, [])) for m in TABLES}


def write_export(export_dir: Path, files: dict[str, str]) -> None:
    """Write each file atomically (temp + rename); drop .jsonl files of tables that no longer exist."""
    export_dir.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = export_dir / name
        if target.is_file() and target.read_bytes() == content.encode("utf-8"):
            continue
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=export_dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(content)
            os.replace(tmp, target)
        finally:
            Path(tmp).unlink(missing_ok=True)
    for old in export_dir.glob(f"*{SUFFIX}"):
        if old.name not in files:
            old.unlink()


class TableDiff(BaseModel):
    table: str
    added: int = 0
    removed: int = 0
    changed: int = 0
    note: str | None = None

    def __str__(self) -> str:
        if self.note:
            return f"{self.table}: {self.note}"
        return f"{self.table}: {self.added} added, {self.removed} removed, {self.changed} changed"


class ExportDiff(BaseModel):
    tables: list[TableDiff] = Field(default_factory=list)

    @property
    def up_to_date(self) -> bool:
        return not self.tables

    def summary(self) -> str:
        return "; ".join(str(t) for t in self.tables)


def _keyed(model: type[Row], text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            key = json.dumps([data.get(k) for k in model.__key__])
        except (json.JSONDecodeError, AttributeError):
            key = line
        out[key] = line
    return out


def compare(export_dir: Path, files: dict[str, str]) -> ExportDiff:
    """What differs between the export on disk and ``files`` (reads only)."""
    diff = ExportDiff()
    models = {m.__table__ + SUFFIX: m for m in TABLES}
    for name, content in files.items():
        path = export_dir / name
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if old == content:
            continue
        model = models[name]
        new_rows, old_rows = _keyed(model, content), _keyed(model, old or "")
        td = TableDiff(
            table=model.__table__,
            added=sum(1 for k in new_rows if k not in old_rows),
            removed=sum(1 for k in old_rows if k not in new_rows),
            changed=sum(1 for k, v in new_rows.items() if k in old_rows and old_rows[k] != v),
        )
        if old is None:
            td.note = f"missing file ({td.added} rows)"
        elif not (td.added or td.removed or td.changed):
            td.note = "same rows, different bytes (order or formatting)"
        diff.tables.append(td)
    if export_dir.is_dir():
        for extra in sorted(export_dir.glob(f"*{SUFFIX}")):
            if extra.name not in files:
                diff.tables.append(TableDiff(table=extra.stem, note="file of no contract table"))
    return diff
