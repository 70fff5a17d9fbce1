"""Incremental runs: what the published database was built from, per article.

Each article gets a key made of its path, the SHA-256 of its bytes and of its metadata sidecar,
the decisions that target it (with their place in the file) and a fingerprint of the code and
vocabularies in ``pipeline/`` (so any change of a rule or vocabulary invalidates everything).
The keys of the published database are kept in a stamp beside it, with the file's identity; a
run reuses the rows of every article whose key is unchanged and re-processes only the others.
``Plan`` is what a run decides from the scan, the decisions and the stamp.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, Field

from pipeline.curate.apply import Outcome, group_by_source
from pipeline.curate.decisions import DecisionFile
from pipeline.ingest import display, list_sources, source_id_of
from pipeline.ingest.files import outside, read_capped
from pipeline.models import SourceError
from pipeline.settings import ARTICLE_SUFFIX, META_SUFFIX
from pipeline.store.atomic import identity

_PACKAGE = Path(__file__).resolve().parent
_CODE_SUFFIXES = {".py", ".toml", ".txt", ".j2", ".html", ".css", ".js"}
INDEX_VERSION = 2


@cache
def code_fingerprint() -> str:
    """Hash of every source and vocabulary file of the package."""
    h = hashlib.sha256()
    for p in sorted(_PACKAGE.rglob("*")):
        if p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts:
            h.update(p.relative_to(_PACKAGE).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


@dataclass
class Entry:
    """One article file found by the scan: enough to decide whether it must be read again."""

    path: Path
    rel: str
    source_id: str
    sha256: str | None  # None: the scan could not read it; ingest will report why
    file_key: str


def _sidecar_digest(path: Path) -> str:
    # Plain strings, not Path methods: this runs for every file of every scan.
    name = str(path)
    meta_name = (name[: -len(ARTICLE_SUFFIX)] if name.endswith(ARTICLE_SUFFIX) else os.path.splitext(name)[0]) + META_SUFFIX
    if not os.path.exists(meta_name):
        return ""
    meta = Path(meta_name)
    data = read_capped(meta, meta.name, 1 << 20)
    return data.message if isinstance(data, SourceError) else hashlib.sha256(data).hexdigest()


# A file whose last change (mtime or ctime) is this close to the scan that hashed it is hashed
# again by the next scan: a write in the same clock tick as that scan leaves the same identity
# (git's "racily clean" entries). Two seconds cover file systems with coarse timestamps.
RACY_NS = 2_000_000_000


class FileStamp(NamedTuple):
    """What a scan saw of one article file: its identity (``os.stat``) and the SHA-256 of its bytes."""

    ino: int
    size: int
    mtime_ns: int
    ctime_ns: int
    sha256: str


@dataclass
class Scan:
    """The result of ``scan``: the entries, and what the next scan may trust without reading."""

    entries: list[Entry | SourceError]
    files: dict[str, FileStamp]
    started_ns: int


def _plain_inside(path: Path, rel: str, raw: Path, plain_dirs: dict[str, bool]) -> os.stat_result | None:
    """The ``lstat`` of ``path`` when it is a regular file reached through no symlink below ``raw``
    (then it cannot lead outside the folder); None when ``outside`` must decide."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    parent = rel.rpartition("/")[0]
    while parent:
        if parent not in plain_dirs:
            try:
                plain_dirs[parent] = not stat.S_ISLNK(os.lstat(raw / parent).st_mode)
            except OSError:
                plain_dirs[parent] = False
        if not plain_dirs[parent]:
            return None
        parent = parent.rpartition("/")[0]
    return st


def _sha256_of(path: Path, rel: str, st: os.stat_result | None, known: dict[str, FileStamp],
               trusted_before: int, files: dict[str, FileStamp]) -> str | None:
    """The file's SHA-256: the last scan's when the file has the identity it had then and had not
    changed just before it, else read and hashed (None: unreadable)."""
    if st is not None:
        last = known.get(rel)
        if (last is not None and last[:4] == (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
                and max(last.mtime_ns, last.ctime_ns) < trusted_before):
            files[rel] = last
            return last.sha256
    data = read_capped(path, rel)
    if isinstance(data, SourceError):
        return None
    sha = hashlib.sha256(data).hexdigest()
    if st is not None and len(data) == st.st_size:
        files[rel] = FileStamp(st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, sha)
    return sha


def scan(raw: Path, known: dict[str, FileStamp] | None = None, known_since: int = 0) -> Scan:
    """Every article file of ``raw`` with a key of its content, in ingest order; hashes bytes only.

    Mirrors ``pipeline.ingest.read_corpus``: the same files, and the same refusals of symlinks
    out of the folder and of a second file with the same source id. ``known`` is the last scan's
    record (started at ``known_since``): a plain file whose identity (inode, size, mtime, ctime) it
    records is not read again, unless it had changed within ``RACY_NS`` of that scan. Rewriting
    a file changes its ctime, which no program can set back, so an edit is always seen.
    """
    started = time.time_ns()
    known = known or {}
    trusted_before = known_since - RACY_NS
    raw_real = raw.resolve()
    seen: dict[str, str] = {}
    plain_dirs: dict[str, bool] = {}
    files: dict[str, FileStamp] = {}
    out: list[Entry | SourceError] = []
    prefix = os.path.join(str(raw), "")
    for path in list_sources(raw):
        name = str(path)
        rel = name[len(prefix):] if os.sep == "/" and name.startswith(prefix) else path.relative_to(raw).as_posix()
        st = _plain_inside(path, rel, raw, plain_dirs)
        if st is None and outside(path, raw_real):
            shown = display(rel)
            out.append(SourceError(path=shown, code="symlink-outside",
                                   message=f"{shown}: symlink points outside the raw folder; refused"))
            continue
        sid = source_id_of(path)
        if sid in seen:
            shown = display(rel)
            out.append(SourceError(path=shown, code="duplicate-id",
                                   message=f"{shown}: source id '{display(sid)}' is already used by "
                                           f"{display(seen[sid])}; rename one of them"))
            continue
        seen[sid] = rel
        sha = _sha256_of(path, rel, st, known, trusted_before, files)
        out.append(Entry(path, rel, sid, sha, _digest(rel, sha or "unreadable", _sidecar_digest(path))))
    return Scan(out, files, started)


def article_key(entry: Entry, decisions_digest: str) -> str:
    return _digest(entry.file_key, decisions_digest, code_fingerprint())


def run_fingerprint(entries: list[Entry | SourceError], decisions: Path) -> str:
    """Changes whenever anything a run reads changes: files, decisions file, code."""
    h = hashlib.sha256(code_fingerprint().encode())
    for e in entries:
        h.update((e.file_key if isinstance(e, Entry) else e.message).encode("utf-8", "surrogateescape"))
    h.update(decisions.read_bytes() if decisions.is_file() else b"")
    return h.hexdigest()


class SourceState(BaseModel):
    key: str
    applied: int = 0
    stale: int = 0


class RunIndex(BaseModel):
    """The stamp beside a published database: what it was built from."""

    version: int = INDEX_VERSION
    code: str = ""
    fingerprint: str = ""
    db_identity: list[int] = Field(default_factory=list)
    export: dict[str, list[int]] = Field(default_factory=dict, description="Export file -> identity.")
    sources: dict[str, SourceState] = Field(default_factory=dict)
    report: dict[str, Any] = Field(default_factory=dict)
    scanned_ns: int = Field(default=0, description="When the scan of the raw folder began (time.time_ns).")
    files: dict[str, FileStamp] = Field(default_factory=dict, description="Article file -> what the scan saw.")

    @classmethod
    def load(cls, stamp: Path) -> RunIndex | None:
        """The stamp, or None when it is missing, unreadable or from other code."""
        try:
            index = cls.model_validate(json.loads(stamp.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return None
        return index if index.version == INDEX_VERSION and index.code == code_fingerprint() else None


def export_identity(folder: Path) -> dict[str, list[int]]:
    if not folder.is_dir():
        return {}
    return {p.name: identity(p) for p in sorted(folder.glob("*.jsonl"))}


def _group_digest(group: DecisionFile | None) -> str:
    return hashlib.sha256(group.model_dump_json().encode()).hexdigest() if group else ""


@dataclass
class Plan:
    """What a run must do: the articles of the raw folder, the decisions on each, the key each will
    have, and what the last run's stamp (``index``) lets it reuse."""

    raw: Path
    entries: list[Entry | SourceError]
    decisions: DecisionFile
    fingerprint: str
    index: RunIndex | None
    groups: dict[str, DecisionFile]
    unknown: Outcome  # decisions that name no article of the raw folder
    keys: dict[str, str]
    sha: dict[str, str | None]
    scanned: Scan

    @classmethod
    def make(cls, raw: Path, decisions_path: Path, decisions: DecisionFile, index: RunIndex | None) -> Plan:
        scanned = scan(raw, index.files, index.scanned_ns) if index else scan(raw)
        entries = scanned.entries
        found = {e.source_id for e in entries if isinstance(e, Entry)}
        groups, unknown = group_by_source(decisions, found)
        keys = {e.source_id: article_key(e, _group_digest(groups.get(e.source_id)))
                for e in entries if isinstance(e, Entry) and e.sha256 is not None}
        return cls(raw, entries, decisions, run_fingerprint(entries, decisions_path), index, groups, unknown,
                   keys, {e.source_id: e.sha256 for e in entries if isinstance(e, Entry)}, scanned)

    def unchanged(self, db: Path, export: Path) -> bool:
        """Nothing the run reads changed since the stamp, and the database and export are the stamp's."""
        index = self.index
        try:
            return (index is not None and index.fingerprint == self.fingerprint
                    and identity(db) == index.db_identity and bool(index.export)
                    and export_identity(export) == index.export)
        except OSError:
            return False

    def reusable(self) -> dict[str, SourceState]:
        """The articles whose rows in the stamp's database are still current."""
        if self.index is None:
            return {}
        return {sid: st for sid, st in self.index.sources.items() if self.keys.get(sid) == st.key}

    def state(self, source_id: str, sha256: str, applied: int, stale: int) -> SourceState:
        """The state of an article processed by this run; a file edited while we ran gets no key
        (the next run reads it again)."""
        key = self.keys.get(source_id, "") if sha256 == self.sha.get(source_id) else ""
        return SourceState(key=key, applied=applied, stale=stale)

    def stamp(self, db_identity: list[int], export: dict[str, list[int]], sources: dict[str, SourceState],
              report: dict[str, Any]) -> str:
        """The text of the stamp that says the published database is this plan's result."""
        return RunIndex(code=code_fingerprint(), fingerprint=self.fingerprint, db_identity=db_identity,
                        export=export, sources=sources, report=report, scanned_ns=self.scanned.started_ns,
                        files=self.scanned.files).model_dump_json()
