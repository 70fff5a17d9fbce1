"""Incremental runs: per-article results cached by content hash and code version.

The key of an article is its source id, path and SHA-256 plus a fingerprint of the code and
vocabularies in ``pipeline/`` (so any change of a rule or vocabulary invalidates everything).
A run whose inputs, decisions and code all match the last published run does nothing.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from pathlib import Path

from pipeline.curate import CuratedArticle
from pipeline.models import Article

_PACKAGE = Path(__file__).resolve().parent
_CODE_SUFFIXES = {".py", ".toml", ".txt", ".j2", ".html", ".css", ".js"}


@cache
def code_fingerprint() -> str:
    """Hash of every source and vocabulary file of the package."""
    h = hashlib.sha256()
    for p in sorted(_PACKAGE.rglob("*")):
        if p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts:
            h.update(p.relative_to(_PACKAGE).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def article_key(article: Article) -> str:
    h = hashlib.sha256("\x1f".join((article.source_id, article.path, article.sha256, article.title or "",
                                    article.kind, article.url or "", code_fingerprint())).encode())
    return h.hexdigest()


class ArticleCache:
    """A folder of pickled ``CuratedArticle`` results, one file per key."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pkl"

    def get(self, key: str) -> CuratedArticle | None:
        try:
            with self._path(key).open("rb") as f:
                value = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None  # a missing or unreadable entry is just a miss
        return value if isinstance(value, CuratedArticle) else None

    def put(self, key: str, value: CuratedArticle) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)


def run_fingerprint(keys: list[str], decisions: Path) -> str:
    h = hashlib.sha256(code_fingerprint().encode())
    for k in keys:
        h.update(k.encode())
    h.update(decisions.read_bytes() if decisions.is_file() else b"")
    return h.hexdigest()
