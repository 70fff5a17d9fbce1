"""The one way the tool writes a file: beside the target, flushed to disk, then renamed over it.

Readers see the old content or the new, never a half-written file. New files get the mode the
user's umask gives (``0666 & ~umask``), replaced files keep theirs. ``Staged`` puts several
files in place together: everything is written and flushed first, so a full disk or a
read-only folder fails before any target changes; if a rename fails after all, the targets
already replaced are put back from hard links of their old content.

Every error is a ``WriteError`` naming the file and the cause; the temporary files are removed.
This is the only module that creates temporary files (``tempfile.mkstemp``).
"""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from pipeline.errors import WriteError

# A folder where hard links cannot be made: replaced files then cannot be put back on a failed rename.
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS, errno.EXDEV}


def cause(e: OSError) -> str:
    """The one-line reason of an OSError ("No space left on device")."""
    return e.strerror or " ".join(str(e).split()) or type(e).__name__


def umask() -> int:
    """The process umask, read without changing it where the system allows (threads may be creating files)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a power cut after it must not undo it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some filesystems do not let folders be opened; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise WriteError(folder, cause(e)) from None


def _mkstemp(target: Path) -> tuple[int, Path]:
    _make_folder(target.parent)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise WriteError(target, cause(e)) from None
    return fd, Path(name)


def temp_name(target: Path) -> Path:
    """A fresh name beside ``target`` (``.<name>.<random>.tmp``) for a file another program creates
    (DuckDB); the file does not exist. Under the run lock the random name stays ours."""
    fd, tmp = _mkstemp(target)
    os.close(fd)
    tmp.unlink()
    return tmp


@contextmanager
def temp_folder(beside: Path | None = None) -> Iterator[Path]:
    """A temporary folder (beside ``beside``, or in the system's temporary folder), removed on exit."""
    if beside is not None:
        _make_folder(beside.parent)
    try:
        folder = tempfile.mkdtemp(prefix=f".{beside.name}." if beside else "pipeline-",
                                  dir=beside.parent if beside else None)
    except OSError as e:
        raise WriteError(beside.parent if beside else tempfile.gettempdir(), cause(e)) from None
    try:
        yield Path(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _new_mode(target: Path) -> int:
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        return 0o666 & ~umask()


def identity(path: Path | int) -> list[int]:
    """What tells one version of a file from another: inode, size and modification time."""
    st = os.fstat(path) if isinstance(path, int) else os.stat(path)
    return [st.st_ino, st.st_size, st.st_mtime_ns]


class AtomicFile:
    """A new version of ``target`` being written to a temporary file beside it.

    ``close()`` flushes it to disk; the rename is done by the ``Staged`` group it belongs to.
    With ``keep_if_same`` a file whose bytes equal the target's is not renamed at all, so an
    unchanged export file keeps its identity.
    """

    def __init__(self, target: Path, keep_if_same: bool = False):
        self.target = Path(target)
        fd, self.tmp = _mkstemp(self.target)
        self._file = os.fdopen(fd, "wb")
        self._hash = hashlib.sha256() if keep_if_same else None
        self.size = 0
        self.unchanged = False
        self.identity: list[int] = []  # of the file the target will be after the commit

    def write(self, data: bytes) -> None:
        try:
            self._file.write(data)
        except OSError as e:
            self.discard()
            raise WriteError(self.target, cause(e)) from None
        if self._hash is not None:
            self._hash.update(data)
        self.size += len(data)

    def write_text(self, text: str) -> None:
        self.write(text.encode("utf-8"))

    def close(self) -> None:
        """Flush to disk and give the file its mode (the target's, or the umask's for a new file)."""
        if self._file.closed:
            return
        try:
            self._file.flush()
            if self._hash is not None and self._same_as_target():
                # Nothing to put in place: no need to flush it to disk first.
                self.unchanged = True
                self.identity = identity(self.target)
                self.discard()
                return
            os.fchmod(self._file.fileno(), _new_mode(self.target))
            os.fsync(self._file.fileno())
            self.identity = identity(self._file.fileno())
            self._file.close()
        except OSError as e:
            self.discard()
            raise WriteError(self.target, cause(e)) from None

    def _same_as_target(self) -> bool:
        assert self._hash is not None
        try:
            if os.stat(self.target).st_size != self.size:
                return False
            h = hashlib.sha256()
            with open(self.target, "rb") as f:
                while chunk := f.read(1 << 20):
                    h.update(chunk)
        except OSError:
            return False
        return h.digest() == self._hash.digest()

    def discard(self) -> None:
        try:
            self._file.close()
        except OSError:
            pass
        self.tmp.unlink(missing_ok=True)


@dataclass
class _Op:
    target: Path
    source: Path | None  # None: remove the target
    file: AtomicFile | None = None


@dataclass
class _Done:
    target: Path
    existed: bool
    backup: Path | None  # a hard link to the old content; None when it did not exist or cannot be kept


class Staged:
    """Files put in place together: ``commit()`` renames every staged file over its target and
    removes the files marked for removal, in the order they were added; on any failure the
    targets are put back as they were. Use as a context manager: leftovers are removed on exit.
    """

    def __init__(self) -> None:
        self._ops: list[_Op] = []
        self._files: list[AtomicFile] = []
        self._extra: list[Path] = []  # staged files written by others (a DuckDB database)

    def __enter__(self) -> Staged:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.discard()

    def open(self, target: Path, keep_if_same: bool = False) -> AtomicFile:
        f = AtomicFile(target, keep_if_same)
        self._files.append(f)
        self._ops.append(_Op(f.target, f.tmp, f))
        return f

    def add(self, source: Path, target: Path) -> None:
        """Stage a finished file written by someone else (flushed to disk here) to replace ``target``."""
        source, target = Path(source), Path(target)
        self._extra.append(source)
        try:
            if target.exists():
                os.chmod(source, _new_mode(target))
            fsync_file(source)
        except OSError as e:
            raise WriteError(target, cause(e)) from None
        self._ops.append(_Op(target, source))

    def remove(self, target: Path) -> None:
        self._ops.append(_Op(Path(target), None))

    def commit(self) -> None:
        """Put every staged file in place, or (raising ``WriteError``) none of them."""
        for f in self._files:
            f.close()
        done: list[_Done] = []
        folders: dict[Path, None] = {}
        target: Path | None = None
        try:
            for op in self._ops:
                target = op.target
                if op.file is not None and op.file.unchanged:
                    continue
                existed = os.path.lexists(target)
                if op.source is None and not existed:
                    continue
                backup = _backup(target) if existed else None
                try:
                    if op.source is None:
                        target.unlink()
                    else:
                        os.replace(op.source, target)
                except BaseException:
                    _drop(backup)
                    raise
                done.append(_Done(target, existed, backup))
                folders[target.parent] = None
            for folder in folders:
                fsync_dir(folder)
            for d in done:
                _drop(d.backup)
        except BaseException as e:
            restored = _roll_back(done)
            if isinstance(e, WriteError):
                e.restored = restored
            elif isinstance(e, OSError):
                raise WriteError(target or "", cause(e), restored) from None
            raise
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove every staged file that was not put in place."""
        for f in self._files:
            f.discard()
        for p in self._extra:
            p.unlink(missing_ok=True)


def _backup(target: Path) -> Path | None:
    """A hard link to the target's current content (no data is copied), or None where links cannot be made."""
    link = temp_name(target)
    try:
        os.link(target, link)
    except OSError as e:
        if e.errno in _NO_LINKS:
            return None
        raise WriteError(target, cause(e)) from None
    return link


def _drop(backup: Path | None) -> None:
    if backup is not None:
        backup.unlink(missing_ok=True)


def _roll_back(done: list[_Done]) -> bool:
    """Put back what ``commit`` changed, newest first; whether every target is as it was.

    A backup that cannot be put back is left in place (it is the only copy of the old content;
    the next run of the lock holder removes it)."""
    ok = True
    for d in reversed(done):
        try:
            if d.backup is not None:
                os.replace(d.backup, d.target)
            elif not d.existed:
                d.target.unlink(missing_ok=True)
            else:
                ok = False  # replaced where no hard link could keep the old content
        except OSError:
            ok = False
    return ok


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step (see the module docstring)."""
    with Staged() as group:
        group.open(Path(path)).write(data)
        group.commit()


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """``atomic_write_bytes`` for text; line endings are written as given (no translation)."""
    atomic_write_bytes(path, text.encode(encoding))
