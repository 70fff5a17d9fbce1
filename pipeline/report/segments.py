"""Split an article's text into non-overlapping segments, each knowing which marks cover it.

Marks (extracted values, flags) may nest or overlap; HTML elements may only nest, so the text is
cut at every mark boundary and each piece is rendered once with the set of marks covering it.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from pipeline.models.finding import Severity

MarkKind = Literal["value", "flag"]


class Mark(BaseModel):
    """One highlight: a value's evidence span or a flag's span, with what to show about it."""

    kind: MarkKind
    anchor: str = Field(description="HTML id of the mark's first segment (generated, never from the text).")
    char_start: int
    char_end: int
    tip: str = Field(description="Plain text shown on hover and focus.")
    severity: Severity | None = None
    open: bool = True
    value_kind: str | None = Field(default=None, description="counts, design, population, ... (values only).")
    decision_id: str | None = Field(default=None, description="The decision that set or added the value.")


class Segment(BaseModel):
    start: int
    end: int
    text: str
    marks: list[Mark] = Field(default_factory=list, description="Marks covering this piece, outermost first.")
    starts: list[Mark] = Field(default_factory=list, description="Marks whose first piece this is.")

    @property
    def empty_pin(self) -> bool:
        """A zero-length mark: shown as a pin at its position."""
        return self.start == self.end

    @property
    def tip(self) -> str:
        return "\n".join(m.tip for m in self.marks)

    @property
    def decisions(self) -> list[str]:
        """Decisions of the curated values that start here (shown as a badge after the piece)."""
        return sorted({m.decision_id for m in self.starts if m.kind == "value" and m.decision_id})

    @property
    def anchors(self) -> list[str]:
        """Ids of the flags starting here: only flags are linked to."""
        return [m.anchor for m in self.starts if m.kind == "flag"]

    @property
    def css_class(self) -> str:
        values = sum(m.kind == "value" for m in self.marks)
        flags = [m for m in self.marks if m.kind == "flag"]
        open_flags = [m.severity for m in flags if m.open]
        classes = ["pin"] if self.empty_pin else []
        if values:
            inner = [m for m in self.marks if m.kind == "value"][-1]
            classes += ["v", f"k-{inner.value_kind or 'design'}"] + ([f"d{min(values, 3)}"] if values > 1 else [])
            if any(m.decision_id for m in self.marks if m.kind == "value"):
                classes.append("cur")
        for sev in ("error", "warning", "info"):
            if sev in open_flags:
                classes.append(f"f-{sev}")
                break
        else:
            if flags:
                classes.append("ack")
        return " ".join(classes)


def placeable(mark: Mark, n_chars: int) -> bool:
    return 0 <= mark.char_start <= mark.char_end <= n_chars


def segment(text: str, marks: list[Mark]) -> list[Segment]:
    """Cover ``text`` exactly with segments in order; unplaceable marks are left out (callers list them)."""
    marks = [m for m in marks if placeable(m, len(text))]
    cuts = sorted({0, len(text), *(m.char_start for m in marks), *(m.char_end for m in marks)})
    # Longer marks first, so the outer one is listed (and styled) before the inner one.
    ordered = sorted(marks, key=lambda m: (m.char_start, -m.char_end))
    pins: dict[int, list[Mark]] = {}
    for m in ordered:
        if m.char_start == m.char_end:
            pins.setdefault(m.char_start, []).append(m)
    spanning = [m for m in ordered if m.char_start < m.char_end]
    out: list[Segment] = []
    started: set[int] = set()
    j = 0
    active: list[Mark] = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        if a in pins:
            out.append(Segment(start=a, end=a, text="", marks=pins[a], starts=pins[a]))
        if b is None:
            break
        while j < len(spanning) and spanning[j].char_start <= a:
            active.append(spanning[j])
            j += 1
        active = [m for m in active if m.char_end > a]
        covering = [m for m in active if m.char_start <= a and m.char_end >= b]
        firsts = [m for m in covering if id(m) not in started]
        started.update(id(m) for m in firsts)
        out.append(Segment(start=a, end=b, text=text[a:b], marks=covering, starts=firsts))
    return out
