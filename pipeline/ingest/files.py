"""Reading one file of raw/ safely: no hangs on FIFOs, bounded memory, nothing outside raw/."""
from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

from pipeline.models import SourceError

# Larger files are skipped, not truncated: a cut article would give spans into text that is
# not the file. Real articles are far below this (the largest full text seen: ~100 kB), and
# extraction time grows with length (about 3-7 s per MB).
MAX_ARTICLE_BYTES = 2 * 1024 * 1024


def display(rel: str) -> str:
    """The path as it can be printed on one line: undecodable bytes and control characters escaped."""
    out = []
    for ch in rel:
        if 0xDC80 <= ord(ch) <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif unicodedata.category(ch) == "Cc":
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def name_problem(rel: str) -> str | None:
    """Why a file name cannot serve as a source id (shown to the user), or None."""
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in rel):
        return "file name is not valid UTF-8; rename the file"
    if any(unicodedata.category(ch) == "Cc" for ch in rel):
        return "file name contains a control character (such as a line break); rename the file"
    return None


def outside(path: Path, raw_real: Path) -> bool:
    """Whether ``path`` resolves (through any symlink) to a place outside the raw folder."""
    return not Path(os.path.realpath(path)).is_relative_to(raw_real)


def read_capped(path: Path, rel: str, limit: int = MAX_ARTICLE_BYTES) -> bytes | SourceError:
    """The bytes of a regular file of at most ``limit`` bytes, or why it cannot be read."""
    def err(code: str, why: str) -> SourceError:
        return SourceError(path=rel, code=code, message=f"{display(rel)}: {why}")

    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer that never comes.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        return err("unreadable", "is a folder, not a file")
    except FileNotFoundError:
        return err("unreadable", "cannot read: the file (or the target of its symlink) does not exist")
    except OSError as e:
        return err("unreadable", f"cannot read: {e.strerror}")
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return err("unreadable", "is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            return err("unreadable", "not a regular file (a FIFO, socket or device); refused")
        if st.st_size > limit:
            return err("too-large", f"{st.st_size / 2**20:.1f} MB is above the {limit / 2**20:g} MB limit "
                                    "for one article; split the file")
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # grew while we read it
            return err("too-large", f"above the {limit / 2**20:g} MB limit for one article; split the file")
        return b"".join(chunks)
    except OSError as e:
        return err("unreadable", f"cannot read: {e.strerror}")
    finally:
        os.close(fd)
