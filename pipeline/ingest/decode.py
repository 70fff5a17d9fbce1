"""Bytes of one file -> article text, or the reason the bytes are not an article."""
from __future__ import annotations

from pipeline.models import SourceError

BOM = b"\xef\xbb\xbf"

# Leading bytes of file types people drop into raw/ by mistake (also under a .txt name).
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program (ELF)"),
    (b"\xff\xfe", "UTF-16 text"),
    (b"\xfe\xff", "UTF-16 text"),
)


def _line_of(data: bytes, at: int) -> int:
    return data.count(b"\n", 0, at) + 1


def sniff(data: bytes) -> str | None:
    """A description of the file type when the leading bytes say it is not plain text."""
    return next((what for magic, what in _SIGNATURES if data.startswith(magic)), None)


def decode(data: bytes, rel: str) -> str | SourceError:
    """UTF-8 text with line endings normalised to ``\\n``, or the reason it is not an article.

    A byte-order mark is dropped: character offsets count from after it. Byte positions in
    messages count from the start of the file, as an editor or ``xxd`` shows them.
    """
    what = sniff(data)
    if what:
        return SourceError(path=rel, code="binary",
                           message=f"{rel}: byte 0: this is {what}, not plain text; convert it to UTF-8 text")
    skip = len(BOM) if data.startswith(BOM) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as e:
        at = e.start + skip
        return SourceError(path=rel, code="not-utf8",
                           message=f"{rel}: byte {at} (line {_line_of(data, at)}): not UTF-8 ({e.reason}); "
                                   "save the file as UTF-8")
    if "\x00" in text:
        at = data.index(b"\0")
        return SourceError(path=rel, code="nul-byte",
                           message=f"{rel}: byte {at} (line {_line_of(data, at)}): NUL byte; "
                                   "this looks like a binary file, not article text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return SourceError(path=rel, code="empty", message=f"{rel}: empty or whitespace-only article")
    return text
