"""Where an article's reference list starts: scans of the body stop there."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

_REF_HEADING = re.compile(
    r"^[ \t#*]*(?:references?|sources?|bibliography|works cited|citations|literature cited|"
    r"reference list|further reading)[ \t]*:?[ \t*]*$",
    re.I | re.M,
)


def _line_heads(text: str) -> Iterator[re.Match[str]]:
    """``_REF_HEADING.finditer(text)``, trying only line starts (where "^" lets a match begin; a
    match never holds a line break, so the next one can begin only on a later line)."""
    at = 0
    while True:
        m = _REF_HEADING.match(text, at)
        if m is not None:
            yield m
        at = text.find("\n", at if m is None else m.end())
        if at < 0:
            return
        at += 1


@functools.lru_cache(maxsize=8)
def reference_section_start(text: str) -> int:
    """Offset of a reference-list heading followed by entries, or ``len(text)``."""
    for m in _line_heads(text):
        rest = text[m.end():m.end() + 3000]
        entries = [ln for ln in rest.split("\n") if ln.strip()]
        if entries and len(entries[0]) > 15:
            return m.start()
    return len(text)


def has_reference_list(text: str) -> bool:
    return reference_section_start(text) < len(text)
