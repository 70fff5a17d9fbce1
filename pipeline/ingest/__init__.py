"""Ingest: files in the raw folder -> ``Article`` models (or ``SourceError`` for bad input)."""
from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from pipeline.models import Article, SourceError
from pipeline.settings import ARTICLE_SUFFIX, META_SUFFIX

_KINDS = {"blog", "news", "abstract", "fulltext", "other"}


def list_sources(raw: Path) -> list[Path]:
    """Article files under ``raw`` in a stable order (sidecars and hidden files excluded)."""
    return sorted(
        p for p in raw.rglob(f"*{ARTICLE_SUFFIX}")
        if not any(part.startswith(".") for part in p.relative_to(raw).parts)
    )


def source_id_of(path: Path) -> str:
    return path.name[: -len(ARTICLE_SUFFIX)] if path.name.endswith(ARTICLE_SUFFIX) else path.stem


def decode(data: bytes, rel: str) -> str | SourceError:
    """UTF-8 text with line endings normalised to ``\\n``, or the reason it is not an article."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a byte-order mark carries no text; offsets count from after it
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return SourceError(path=rel, code="not-utf8",
                           message=f"{rel}: byte {e.start}: not UTF-8 ({e.reason}); save the file as UTF-8")
    if "\x00" in text:
        at = data.index(b"\0")
        return SourceError(path=rel, code="nul-byte",
                           message=f"{rel}: byte {at}: NUL byte; this looks like a binary file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return SourceError(path=rel, code="empty", message=f"{rel}: empty or whitespace-only article")
    return text


def _guess_kind(text: str) -> str:
    head = text[:3000]
    if any(k in head for k in ("BACKGROUND:", "METHODS:", "Background:", "Methods:", "OBJECTIVE:", "RESULTS:")):
        return "abstract"
    return "other"


def read_meta(path: Path) -> dict:
    meta_path = path.with_name(source_id_of(path) + META_SUFFIX)
    if not meta_path.is_file():
        return {}
    with meta_path.open("rb") as f:
        return tomllib.load(f)


def read_article(path: Path, raw: Path) -> Article | SourceError:
    """Read one file. Never raises for bad content: returns a ``SourceError`` instead."""
    rel = path.relative_to(raw).as_posix()
    try:
        data = path.read_bytes()
    except OSError as e:
        return SourceError(path=rel, code="unreadable", message=f"{rel}: cannot read: {e.strerror}")
    text = decode(data, rel)
    if isinstance(text, SourceError):
        return text
    try:
        meta = read_meta(path)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        return SourceError(path=rel, code="bad-meta", message=f"{rel}: metadata sidecar: {e}")
    title = meta.get("title") or text.lstrip().split("\n", 1)[0].strip()[:300] or None
    kind = meta.get("kind") if meta.get("kind") in _KINDS else _guess_kind(text)
    try:
        return Article(source_id=source_id_of(path), path=rel, sha256=hashlib.sha256(data).hexdigest(),
                       title=title, kind=kind, url=meta.get("url") or meta.get("origin"), text=text)
    except ValidationError as e:
        return SourceError(path=rel, code="bad-meta", message=f"{rel}: {e.errors()[0]['msg']}")


def read_corpus(raw: Path) -> Iterator[Article | SourceError]:
    """Stream the articles of ``raw`` one at a time."""
    seen: dict[str, str] = {}
    for path in list_sources(raw):
        rel = path.relative_to(raw).as_posix()
        if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(raw.resolve()):
            yield SourceError(path=rel, code="symlink-outside", message=f"{rel}: symlink points outside the raw folder; refused")
            continue
        sid = source_id_of(path)
        if sid in seen:
            yield SourceError(path=rel, code="duplicate-id",
                              message=f"{rel}: source id '{sid}' is already used by {seen[sid]}; rename one of them")
            continue
        seen[sid] = rel
        yield read_article(path, raw)
