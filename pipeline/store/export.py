"""Deterministic text export of the curated tables: one JSON Lines file per table.

Rows are sorted by the table's key, keys come in column order, nothing depends on time or on
the machine, so the same raw/ and decisions give byte-identical files and a curation change
shows up as a reviewable diff. ``sources.text`` is left out: it is raw/ itself, and
``sources.sha256`` stands for it.

``stage_export`` writes the files of a database beside their targets (``publish`` puts them in
place with the database); ``compare_database`` is `pipeline run --check`'s comparison.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
from pipeline.models.rows import TABLES, Row
from pipeline.store.atomic import AtomicFile, Staged, identity
from pipeline.store.diff import ExportDiff, TableDiff
from pipeline.store.connect import open_checked
from pipeline.store.ddl import columns
from pipeline.store.queries import rows_of_sources
from pipeline.store.sql import ident

OMIT = {"sources": ("text",)}
SUFFIX = ".jsonl"
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


# DuckDB escapes control characters as \u001F, json.dumps as \u001f; an escaped backslash
# (an even run of backslashes) before "u" is text, not an escape.
_CONTROL_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})")


def _lower_escape(m: re.Match[str]) -> str:
    return f"{m.group(1)}\\u{m.group(2).lower()}"


def _has_float(model: type[Row], names: list[str]) -> bool:
    return any(typ is float for name, typ, _ in columns(model) if name in names)


def _numbered(con: duckdb.DuckDBPyConnection, model: type[Row], batch: int,
              where: str | None) -> Iterator[tuple[int, str]]:
    """``(position, line)`` of the export's lines of ``model``'s table in key order; with ``where``
    (an SQL condition on the table's columns) only the rows it selects, at their place among all."""
    omit = OMIT.get(model.__table__, ())
    names = [n for n in model.model_fields if n not in omit]
    # DuckDB compares strings byte-wise in UTF-8, which is Python's code point order.
    order = " ORDER BY " + ", ".join(ident(k) + " ASC NULLS LAST" for k in model.__key__)
    as_json = not _has_float(model, names)
    # DuckDB's to_json writes strings, integers, booleans and dates byte for byte as
    # json.dumps does (tests/curate/test_export_json.py) and is several times faster.
    # Floats differ (1e-05 vs 0.00001), so tables with DOUBLE columns go through Python.
    projection = ("to_json(struct_pack(" + ", ".join(f"{ident(n)} := {ident(n)}" for n in names) + "))"
                  if as_json else ", ".join(ident(n) for n in names))
    table = ident(model.__table__)
    if where is None:
        query = f"SELECT {projection} FROM {table}{order}"
    else:  # the positions are numbered over the key columns only: the sort carries nothing else
        keys = ", ".join(ident(k) for k in model.__key__)
        query = (f"SELECT _line, {projection} FROM (SELECT row_number() OVER ({order}) - 1 AS _line, {keys}, "
                 f"({where}) AS _selected FROM {table}) JOIN {table} USING ({keys}) WHERE _selected ORDER BY _line")
    first = 0 if where is None else 1
    n = 0
    for rb in con.sql(query).to_arrow_reader(batch):  # streamed: never the whole table at once
        places = rb.column(0).to_pylist() if where is not None else range(n, n + rb.num_rows)
        n += rb.num_rows
        if as_json:
            for place, line in zip(places, rb.column(first).to_pylist()):
                if "\\u" in line:
                    line = _CONTROL_ESCAPE.sub(_lower_escape, line)
                yield place, line + "\n"
            continue
        columns = [c.to_pylist() for c in rb.columns[first:]]
        for i, col in enumerate(columns):
            if col and any(isinstance(v, dt.date) for v in col):
                columns[i] = [v.isoformat() if isinstance(v, dt.date) else v for v in col]
        for place, values in zip(places, zip(*columns)):
            yield place, _encode(dict(zip(names, values))) + "\n"


def table_lines(con: duckdb.DuckDBPyConnection, model: type[Row], batch: int = 4096) -> Iterator[str]:
    """The export's lines of ``model``'s table: one JSON object per row, in key order, read in batches."""
    for _, line in _numbered(con, model, batch, None):
        yield line


Numbered = list[tuple[int, str]]  # (position in key order, line) of some rows of a table


@dataclass
class ExportPatch:
    """What an incremental build changed in the published database, so that each export file is
    patched (the lines of the changed articles taken out and put in at their place in key order)
    instead of written again from the whole table.

    ``published_rows``: per table, how many rows the published database had; ``dropped``: per
    table, the lines of the published rows the build deleted, with their positions; ``sources``:
    every article whose rows were deleted or inserted."""

    published_rows: dict[str, int]
    dropped: dict[str, Numbered] = field(default_factory=dict)
    sources: set[str] = field(default_factory=set)


def lines_of_sources(con: duckdb.DuckDBPyConnection, source_ids: set[str]) -> dict[str, Numbered]:
    """Per table, the export's lines of the rows of these articles, with their positions among all."""
    con.register("gone", pa.table({"source_id": pa.array(sorted(source_ids), pa.string())}))
    try:
        out = {}
        for model in TABLES:
            where = rows_of_sources(model)
            if where is not None and source_ids and (found := list(_numbered(con, model, 4096, where))):
                out[model.__table__] = found
        return out
    finally:
        con.unregister("gone")


def _write_whole(con: duckdb.DuckDBPyConnection, model: type[Row], f: AtomicFile) -> None:
    buf: list[str] = []
    for line in table_lines(con, model):
        buf.append(line)
        if len(buf) >= 4096:
            f.write_text("".join(buf))
            buf.clear()
    f.write_text("".join(buf))


def _published_lines(target: Path, expected: list[int], rows: int, dropped: Numbered) -> list[bytes] | None:
    """The lines of the export file ``target`` if it is still the file of identity ``expected``
    (checked on the open file), with one line per row of the published table and the lines
    ``dropped`` at their positions; None otherwise."""
    try:
        with target.open("rb") as f:
            if identity(f.fileno()) != expected:
                return None
            data = f.read()
    except OSError:
        return None
    if data.count(b"\n") != rows or (data and not data.endswith(b"\n")):
        return None
    old = data.split(b"\n")[:-1]
    return old if all(old[at] + b"\n" == line.encode() for at, line in dropped) else None


def _write_patched(old: list[bytes], dropped: list[int], added: Numbered, f: AtomicFile) -> None:
    """The published lines ``old`` without the positions ``dropped``, with ``added`` at theirs:
    the rows kept stay in key order, so the result is the table's export, written in runs of lines."""
    gone = sorted(dropped)
    src = di = 0  # next line of ``old``; next position of ``gone``

    def keep(count: int) -> None:  # the next ``count`` lines of ``old`` that were not dropped
        nonlocal src, di
        while count > 0:
            while di < len(gone) and gone[di] == src:
                src, di = src + 1, di + 1
            stop = min(src + count, gone[di] if di < len(gone) else len(old))
            if stop == src:
                raise RuntimeError("export patch: fewer published lines than positions")
            f.write(b"\n".join(old[src:stop]) + b"\n")
            count -= stop - src
            src = stop

    place = 0
    for at, line in added:
        keep(at - place)
        f.write_text(line)
        place = at + 1
    keep(len(old) - len(gone) - (place - len(added)))


def _patch_file(con: duckdb.DuckDBPyConnection, model: type[Row], target: Path, expected: list[int],
                patch: ExportPatch, added: Numbered, group: Staged) -> list[int] | None:
    """Stage ``target`` with the lines ``added`` in place of ``patch``'s dropped ones; the identity it
    will have, or None when it cannot be patched (it is not the file the published database wrote)
    and must be written whole."""
    table = model.__table__
    dropped = patch.dropped.get(table, [])
    if dropped == added:  # the changed articles' rows came out the same (or there are none)
        try:
            return expected if identity(target) == expected else None
        except OSError:
            return None
    rows = int(con.execute(f"SELECT count(*) FROM {ident(table)}").fetchall()[0][0])
    old = _published_lines(target, expected, patch.published_rows.get(table, -1), dropped)
    if old is None or len(old) - len(dropped) + len(added) != rows:
        return None
    f = group.open(target)
    _write_patched(old, [at for at, _ in dropped], added, f)
    f.close()
    return f.identity


def stage_export(con: duckdb.DuckDBPyConnection, export_dir: Path, group: Staged,
                 patch: ExportPatch | None = None, published: dict[str, list[int]] | None = None,
                 ) -> dict[str, list[int]]:
    """Write the export of the database open in ``con`` beside the files of ``export_dir``, one table
    at a time, into ``group``; files of no contract table are marked for removal. Returns the
    identity each export file will have once the group is committed (an unchanged file keeps its own).

    With ``patch`` (``con`` is an incremental build) an export file whose identity is the one in
    ``published`` (it is the export of the published database) is patched, not written whole."""
    out: dict[str, list[int]] = {}
    names = set()
    added = lines_of_sources(con, patch.sources) if patch is not None else {}
    for model in TABLES:
        name = model.__table__ + SUFFIX
        names.add(name)
        expected = (published or {}).get(name)
        if patch is not None and expected:
            kept = _patch_file(con, model, export_dir / name, expected, patch, added.get(model.__table__, []), group)
            if kept is not None:
                out[name] = kept
                continue
        f = group.open(export_dir / name, keep_if_same=True)
        _write_whole(con, model, f)
        f.close()
        out[name] = f.identity
    if export_dir.is_dir():
        for old in sorted(export_dir.glob(f"*{SUFFIX}")):
            if old.name not in names:
                group.remove(old)
    return dict(sorted(out.items()))


def compare_database(con: duckdb.DuckDBPyConnection, export_dir: Path) -> ExportDiff:
    """``compare`` for the database open in ``con``, holding one table's text at a time."""
    diff = ExportDiff()
    for model in TABLES:
        diff.tables += _compare(export_dir, {model.__table__ + SUFFIX: "".join(table_lines(con, model))},
                               extra=False).tables
    diff.tables += _extra_files(export_dir, {m.__table__ + SUFFIX for m in TABLES})
    return diff


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


def _compare(export_dir: Path, files: dict[str, str], extra: bool = True) -> ExportDiff:
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


def compare_export(database: Path, export_dir: Path, spill: Path) -> ExportDiff:
    """``compare_database`` for the finished database file ``database`` (opened read-only)."""
    con = open_checked(database, spill=spill)
    try:
        return compare_database(con, export_dir)
    finally:
        con.close()
