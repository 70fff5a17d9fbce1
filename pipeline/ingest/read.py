"""Reading the raw folder: which files are articles, and each file -> ``Article`` (or ``SourceError``)."""
from __future__ import annotations

import hashlib
import tomllib
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

from pydantic import ValidationError

from pipeline.ingest.decode import decode
from pipeline.ingest.files import display, name_problem, outside, read_capped
from pipeline.models import Article, SourceError
from pipeline.models.article import Kind
from pipeline.settings import ARTICLE_SUFFIX, META_SUFFIX

_KINDS: dict[str, Kind] = {k: k for k in get_args(Kind)}


def list_sources(raw: Path) -> list[Path]:
    """Article files under ``raw`` in a stable order (sidecars and hidden files excluded)."""
    return sorted(
        p for p in raw.rglob(f"*{ARTICLE_SUFFIX}")
        if not any(part.startswith(".") for part in p.relative_to(raw).parts)
    )


def source_id_of(path: Path) -> str:
    """File name without its extension, in Unicode NFC so that look-alike names collide visibly."""
    sid = path.name[: -len(ARTICLE_SUFFIX)] if path.name.endswith(ARTICLE_SUFFIX) else path.stem
    return unicodedata.normalize("NFC", sid)


def _guess_kind(text: str) -> Kind:
    head = text[:3000]
    if any(k in head for k in ("BACKGROUND:", "METHODS:", "Background:", "Methods:", "OBJECTIVE:", "RESULTS:")):
        return "abstract"
    return "other"


_MAX_META_BYTES = 1 << 20


def read_meta(path: Path) -> dict:
    """The TOML sidecar beside ``path`` (``{}`` when there is none). Raises ``ValueError`` when bad."""
    stem = path.name[: -len(ARTICLE_SUFFIX)] if path.name.endswith(ARTICLE_SUFFIX) else path.stem
    meta_path = path.with_name(stem + META_SUFFIX)
    if not meta_path.is_file():
        return {}
    if outside(meta_path, path.parent.resolve()):
        raise ValueError("symlink points outside the raw folder; refused")
    data = read_capped(meta_path, meta_path.name, _MAX_META_BYTES)
    if isinstance(data, SourceError):
        raise ValueError(data.message)
    return tomllib.loads(data.decode("utf-8"))


def read_article(path: Path, raw: Path) -> Article | SourceError:
    """Read one file. Never raises for bad content: returns a ``SourceError`` instead."""
    rel = path.relative_to(raw).as_posix()
    shown = display(rel)
    problem = name_problem(rel)
    if problem:
        return SourceError(path=shown, code="bad-name", message=f"{shown}: {problem}")
    data = read_capped(path, rel)
    if isinstance(data, SourceError):
        return data
    text = decode(data, shown)
    if isinstance(text, SourceError):
        return text
    try:
        meta = read_meta(path)
    except (OSError, ValueError) as e:  # TOMLDecodeError and UnicodeDecodeError are ValueErrors
        return SourceError(path=shown, code="bad-meta", message=f"{shown}: metadata sidecar: {_one_line(e)}")
    title = meta.get("title") or text.lstrip().split("\n", 1)[0].strip()[:300] or None
    given = meta.get("kind")
    kind = _KINDS[given] if isinstance(given, str) and given in _KINDS else _guess_kind(text)
    try:
        return Article(source_id=source_id_of(path), path=rel, sha256=hashlib.sha256(data).hexdigest(),
                       title=title, kind=kind, url=meta.get("url") or meta.get("origin"), text=text)
    except ValidationError as e:
        return SourceError(path=shown, code="bad-meta",
                           message=f"{shown}: metadata sidecar: {_one_line(e.errors()[0]['msg'])}")


def _one_line(e: object) -> str:
    return " ".join(str(e).split())


def read_corpus(raw: Path) -> Iterator[Article | SourceError]:
    """Stream the articles of ``raw`` one at a time; bad files come out as ``SourceError``."""
    raw_real = raw.resolve()
    seen: dict[str, str] = {}
    for path in list_sources(raw):
        rel = path.relative_to(raw).as_posix()
        shown = display(rel)
        if outside(path, raw_real):
            yield SourceError(path=shown, code="symlink-outside",
                              message=f"{shown}: symlink points outside the raw folder; refused")
            continue
        sid = source_id_of(path)
        if sid in seen:
            yield SourceError(path=shown, code="duplicate-id",
                              message=f"{shown}: source id '{display(sid)}' is already used by "
                                      f"{display(seen[sid])}; rename one of them")
            continue
        seen[sid] = rel
        yield read_article(path, raw)
