"""Fault injection for the I/O tests: the n-th file-system call of the tool fails, as a full disk or
a read-only folder would make it fail (SQLite's I/O error tests do the same)."""
from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

# The calls the tool writes files with, and the error each gets on a full disk or a read-only folder.
ENOSPC = OSError(errno.ENOSPC, "No space left on device")
EROFS = OSError(errno.EROFS, "Read-only file system")
CALLS = {"mkstemp": EROFS, "write": ENOSPC, "fsync": ENOSPC, "fchmod": EROFS, "chmod": EROFS, "link": EROFS,
         "replace": EROFS}


class Injector:
    """Counts the calls in ``CALLS``; the ``fail_at``-th one (1-based) raises its error."""

    def __init__(self, fail_at: int):
        self.fail_at = fail_at
        self.calls = 0
        self.fired: str | None = None

    def hit(self, name: str, target: object = "") -> None:
        self.calls += 1
        if self.calls == self.fail_at:
            self.fired = f"{name}({target})"
            err = CALLS[name]
            raise OSError(err.errno, err.strerror, str(target) if target else None)


class _FaultyFile:
    """A file object whose writes go through the injector."""

    def __init__(self, f: Any, injector: Injector):
        self._f, self._inj = f, injector

    def write(self, data: bytes) -> int:
        self._inj.hit("write", getattr(self._f, "name", ""))
        return self._f.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._f, name)

    def __enter__(self) -> _FaultyFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._f.close()


@contextmanager
def inject(monkeypatch: pytest.MonkeyPatch, fail_at: int) -> Iterator[Injector]:
    """Within the block, the ``fail_at``-th file-system call of ``CALLS`` fails."""
    inj = Injector(fail_at)
    real = {name: getattr(os, name) for name in ("fsync", "fchmod", "chmod", "link", "replace", "fdopen")}
    real_mkstemp = tempfile.mkstemp

    def wrap(name: str):  # noqa: ANN202
        def call(*args: Any, **kw: Any) -> Any:
            inj.hit(name, args[0] if args and not isinstance(args[0], int) else "")
            return real[name](*args, **kw)
        return call

    def mkstemp(*args: Any, **kw: Any) -> Any:
        inj.hit("mkstemp", kw.get("dir", ""))
        return real_mkstemp(*args, **kw)

    def fdopen(fd: int, mode: str = "r", *args: Any, **kw: Any) -> Any:
        f = real["fdopen"](fd, mode, *args, **kw)
        return _FaultyFile(f, inj) if "w" in mode else f

    with monkeypatch.context() as m:
        for name in ("fsync", "fchmod", "chmod", "link", "replace"):
            m.setattr(os, name, wrap(name))
        m.setattr(os, "fdopen", fdopen)
        m.setattr(tempfile, "mkstemp", mkstemp)
        yield inj


def temp_files(folder: Path) -> list[str]:
    """Temporary files and folders the writers leave (``.<name>.<random>.tmp``, DuckDB's spill folder
    ``.<db>.<random>``), anywhere under ``folder``: every hidden entry but the lock and the run stamp."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob(".*")
                  if not p.name.endswith((".lock", ".run.json")))


def snapshot(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes (but the lock file and ``skip``)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock") and p.name not in skip}
