"""Publish: a finished build, its text export and its run stamp put in place together.

Everything is written and flushed before anything is renamed: the export is staged beside its
files (read from the new database), then one ``Staged`` commit renames the database over the
published one, the export files over theirs and the new stamp into place. A full disk or a
read-only folder therefore fails before the published files change; a failed rename puts back
what was already replaced. Readers that have the old database open keep reading it.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import WriteError
from pipeline.store.atomic import Staged, identity, temp_folder

if TYPE_CHECKING:  # publish() loads DuckDB; the run lock's clean-up and the stamp's name need neither
    from pipeline.store.build import Build

# The run stamp of a database, from the database's identity and its export files' identities.
StampText = Callable[[list[int], dict[str, list[int]]], str]


def temp_glob(db: Path) -> list[str]:
    """Patterns of the files a writer of ``db`` leaves behind when it is killed mid-build."""
    return [f".{db.name}.*.tmp", f".{db.name}.*.tmp.wal"]


def stamp_path(db: Path) -> Path:
    """The runner's record of what the published ``db`` was built from (``.<name>.run.json``)."""
    return db.with_name(f".{db.name}.run.json")


def clean_stale(db: Path, export: Path | None = None) -> list[Path]:
    """Remove temporary files of killed writers (of ``db``, its stamp and its export files).
    Call only while holding the run lock."""
    patterns = [(db.parent, p) for p in temp_glob(db)] + [(db.parent, f".{stamp_path(db).name}.*.tmp")]
    if export is not None:
        patterns.append((export, ".*.jsonl.*.tmp"))
    removed = []
    for folder, pattern in patterns:
        for p in folder.glob(pattern):
            if p.is_file() and not p.is_symlink():
                p.unlink(missing_ok=True)
                removed.append(p)
    return removed


def publish(build: Build, export: Path, stamp: StampText, published: dict[str, list[int]] | None = None) -> None:
    """Put the finished, closed ``build`` in place of ``build.db`` with its export in ``export`` and
    the stamp ``stamp`` writes, or raise ``PublishError`` leaving every file as it was.

    ``published``: the identities of the export files of the published database (from its stamp);
    those of an incremental build are patched, not written whole."""
    import duckdb

    from pipeline.store.build import PublishError, build_error
    from pipeline.store.connect import open_checked
    from pipeline.store.export import stage_export

    db = build.db
    try:
        with Staged() as group:
            # A stamp says "the published file is the result of these inputs": it goes first, so a
            # run killed after the database's rename is never taken as up to date.
            group.remove(stamp_path(db))
            # A .wal beside the published file belongs to the old content; DuckDB must not replay
            # it into the new file.
            group.remove(Path(f"{db}.wal"))
            group.add(build.path, db)
            with temp_folder(beside=db) as spill:
                con = open_checked(build.path, spill=spill)
                try:
                    exported = stage_export(con, export, group, build.patch, published)
                finally:
                    con.close()
            # The rename keeps inode, size and modification time: the identities are final.
            group.open(stamp_path(db)).write_text(stamp(identity(build.path), exported))
            group.commit()
    except WriteError as e:
        outcome = ("the published database and export are unchanged" if e.restored else
                   "the database or export may be partly replaced; run `pipeline run` again")
        raise PublishError(f"{e}; nothing was published: {outcome}") from None
    except duckdb.Error as e:
        raise build_error(db, e) from None
