"""Deterministic text export of the curated tables: one JSON Lines file per table.

Rows are sorted by the table's key, keys come in column order, nothing depends on time or on
the machine, so the same raw/ and decisions give byte-identical files and a curation change
shows up as a reviewable diff. ``sources.text`` is left out: it is raw/ itself, and
``sources.sha256`` stands for it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
from pydantic import BaseModel, Field

from pipeline.models.rows import TABLES, Row
from pipeline.store.sql import ident

OMIT = {"sources": ("text",)}
SUFFIX = ".jsonl"
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def _sort_key(row: Row) -> tuple:
    return tuple((v is None, v) for v in (getattr(row, k) for k in row.__key__))


def render_table(model: type[Row], rows: list[Row]) -> str:
    omit = OMIT.get(model.__table__, ())
    lines = []
    for r in sorted(rows, key=_sort_key):
        data = {k: v for k, v in r.model_dump(mode="json").items() if k not in omit}
        lines.append(_encode(data))
    return "".join(line + "\n" for line in lines)


# DuckDB escapes control characters as \u001F, json.dumps as \u001f; an escaped backslash
# (an even run of backslashes) before "u" is text, not an escape.
_CONTROL_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})")


def _lower_escape(m: re.Match) -> str:
    return f"{m.group(1)}\\u{m.group(2).lower()}"


def _has_float(model: type[Row], names: list[str]) -> bool:
    from pipeline.store.ddl import columns

    return any(typ is float for name, typ, _ in columns(model) if name in names)


def table_lines(con: duckdb.DuckDBPyConnection, model: type[Row], batch: int = 4096) -> Iterator[str]:
    """The lines of ``render_table`` for the rows in the database, read in sorted batches."""
    omit = OMIT.get(model.__table__, ())
    names = [n for n in model.model_fields if n not in omit]
    # DuckDB compares strings byte-wise in UTF-8, which is Python's code point order.
    order = " ORDER BY " + ", ".join(ident(k) + " ASC NULLS LAST" for k in model.__key__)
    if not _has_float(model, names):
        # DuckDB's to_json writes strings, integers, booleans and dates byte for byte as
        # json.dumps does (tests/curate/test_export_json.py) and is several times faster.
        # Floats differ (1e-05 vs 0.00001), so tables with DOUBLE columns go through Python.
        query = ("SELECT to_json(struct_pack(" + ", ".join(f"{ident(n)} := {ident(n)}" for n in names)
                 + ")) FROM " + ident(model.__table__) + order)
        for rb in con.sql(query).to_arrow_reader(batch):  # streamed: never the whole table at once
            for line in rb.column(0).to_pylist():
                if "\\u" in line:
                    line = _CONTROL_ESCAPE.sub(_lower_escape, line)
                yield line + "\n"
        return
    query = "SELECT " + ", ".join(ident(n) for n in names) + " FROM " + ident(model.__table__) + order
    reader = con.sql(query).to_arrow_reader(batch)
    for rb in reader:
        columns = [c.to_pylist() for c in rb.columns]
        for i, col in enumerate(columns):
            if col and any(isinstance(v, dt.date) for v in col):
                columns[i] = [v.isoformat() if isinstance(v, dt.date) else v for v in col]
        for values in zip(*columns):
            yield _encode(dict(zip(names, values))) + "\n"


def write_table_file(export_dir: Path, name: str, lines: Iterator[str]) -> bool:
    """Stream ``lines`` into ``export_dir/name`` atomically; leave the file alone when its bytes
    are the same. Returns whether it was rewritten."""
    target = export_dir / name
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=export_dir)
    h = hashlib.sha256()
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            buf: list[str] = []
            for line in lines:
                buf.append(line)
                if len(buf) >= 4096:
                    chunk = "".join(buf)
                    h.update(chunk.encode("utf-8"))
                    fh.write(chunk)
                    buf.clear()
            chunk = "".join(buf)
            h.update(chunk.encode("utf-8"))
            fh.write(chunk)
            size = fh.tell()
        if target.is_file() and target.stat().st_size == size and _sha256(target) == h.digest():
            return False
        os.replace(tmp, target)
        return True
    finally:
        Path(tmp).unlink(missing_ok=True)


def _sha256(path: Path) -> bytes:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.digest()


def export_database(con: duckdb.DuckDBPyConnection, export_dir: Path) -> None:
    """Write the export of the database open in ``con``, one table at a time."""
    export_dir.mkdir(parents=True, exist_ok=True)
    names = set()
    for model in TABLES:
        names.add(model.__table__ + SUFFIX)
        write_table_file(export_dir, model.__table__ + SUFFIX, table_lines(con, model))
    for old in export_dir.glob(f"*{SUFFIX}"):
        if old.name not in names:
            old.unlink()


def compare_database(con: duckdb.DuckDBPyConnection, export_dir: Path) -> ExportDiff:
    """``compare`` for the database open in ``con``, holding one table's text at a time."""
    diff = ExportDiff()
    for model in TABLES:
        diff.tables += compare(export_dir, {model.__table__ + SUFFIX: "".join(table_lines(con, model))},
                               extra=False).tables
    diff.tables += _extra_files(export_dir, {m.__table__ + SUFFIX for m in TABLES})
    return diff


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


def compare(export_dir: Path, files: dict[str, str], extra: bool = True) -> ExportDiff:
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
    if extra:
        diff.tables += _extra_files(export_dir, set(files))
    return diff


def _extra_files(export_dir: Path, names: set[str]) -> list[TableDiff]:
    if not export_dir.is_dir():
        return []
    return [TableDiff(table=p.stem, note="file of no contract table")
            for p in sorted(export_dir.glob(f"*{SUFFIX}")) if p.name not in names]
