"""Databases for tests, written by the product's own build and publish path."""
from __future__ import annotations

from pathlib import Path

from pipeline.models.rows import Row
from pipeline.store.build import Build
from pipeline.store.publish import publish
from pipeline.store.write import as_tuples


def write_database(db: Path, rows: dict[str, list[Row]], export: Path | None = None) -> None:
    """Publish a database of ``rows`` at ``db`` (its export in ``export``, default ``db``'s folder/export).

    The build writes ``schema_info`` itself, so a ``schema_info`` entry of ``rows`` is left out.
    """
    with Build(db) as build:
        build.start()
        build.add(as_tuples({t: r for t, r in rows.items() if t != "schema_info"}))
        build.finish()
        # A stamp no run takes as its own (it names no code): the next run rebuilds everything.
        publish(build, export if export is not None else db.parent / "export", lambda db_id, files: "{}")
