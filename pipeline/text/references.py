"""Where an article's reference list starts: scans of the body stop there."""
from __future__ import annotations

import functools
import re

_REF_HEADING = re.compile(
    r"^[ \t#*]*(?:references?|sources?|bibliography|works cited|citations|literature cited|"
    r"reference list|further reading)[ \t]*:?[ \t*]*$",
    re.I | re.M,
)


@functools.lru_cache(maxsize=8)
def reference_section_start(text: str) -> int:
    """Offset of a reference-list heading followed by entries, or ``len(text)``."""
    for m in _REF_HEADING.finditer(text):
        rest = text[m.end():m.end() + 3000]
        entries = [ln for ln in rest.split("\n") if ln.strip()]
        if entries and len(entries[0]) > 15:
            return m.start()
    return len(text)


def has_reference_list(text: str) -> bool:
    return reference_section_start(text) < len(text)
