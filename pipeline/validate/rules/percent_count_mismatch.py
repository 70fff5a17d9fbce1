"""S104 percent-count-mismatch."""
from __future__ import annotations

import math
import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.text.memo import windows
from pipeline.text.numbers import NUMBER, parse_number
from pipeline.text.people import population_noun
from pipeline.validate.base import Example, Rule, StudyContext

N = NUMBER
P = r"(?P<p>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)(?!\s*(?:CI|confidence|credible|interval|PI)\b)"
# "nine out of 10 people": natural frequencies are rounded on purpose.
_ROUND_DENOMINATORS = {10, 100, 1000}
_OF = r"(?:out\s+of|of)\s+(?:the\s+|these\s+|all\s+)?"
_APPROX_BEFORE = re.compile(r"(?:about|around|approximately|approx\.?|nearly|almost|roughly|over|under|more\s+than|"
                            r"less\s+than|fewer\s+than|at\s+least|up\s+to|some|~|<|>|≈|≥|≤|[-–]|to)\s*\(?\s*$", re.I)
# Every form begins with a number (count or percentage): rules try them only where one starts.
_FORMS = [
    # 18 of 24 (80%) / 18 of the 24 patients (80%) / 18 of 24 patients, or 80%,
    re.compile(rf"(?<![\d.,])\b(?P<x>{N})\s+{_OF}(?P<y>{N})(?:(?:\s+[a-z-]+){{0,3}}?\s*\(|,\s*(?:or|i\.e\.,?)\s+)"
               rf"\s*{P}", re.I),
    # 14/17 (82%)
    re.compile(rf"(?<![\d.,/])\b(?P<x>\d+)\s*/\s*(?P<y>\d+)\b(?:\s+[a-z-]+){{0,2}}?\s*\(\s*{P}", re.I),
    # 80% (18/24), 80% (18 of 24), 80% (n = 18/24)
    re.compile(rf"(?<![\d.])\b{P}\s*\(\s*(?:n\s*=\s*)?(?P<x>{N})\s*(?:/|{_OF})\s*(?P<y>{N})\s*\)", re.I),
    # 90% of patients (18 out of 20)
    re.compile(rf"(?<![\d.])\b{P}\s+of\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?\(\s*(?P<x>{N})\s+(?:out\s+of|of)\s+"
               rf"(?:the\s+)?(?P<y>{N})\b", re.I),
    # 12 (66.7%) of 18
    re.compile(rf"(?<![\d.,])\b(?P<x>{N})\s*\(\s*{P}\s*\)\s*{_OF}(?P<y>{N})\b", re.I),
]
# 71% of 18 patients: no whole count of 18 gives 71%
_PCT_OF_N = re.compile(rf"(?<![\d.])\b{P}\s+of\s+(?:the\s+|these\s+|all\s+)?(?P<y>{N})\s+(?:[a-z-]+\s+)?"
                       rf"{population_noun()}\b", re.I)


_HAS_PERCENT = re.compile(r"%|percent|per\s+cent", re.I)


def _tolerance(p_text: str) -> tuple[float, float]:
    """Rounded (half a unit of the last digit) or truncated (one unit) to the stated precision."""
    decimals = len(p_text.split(".")[1]) if "." in p_text else 0
    unit = 10.0 ** -decimals
    return unit / 2 + unit / 100, unit  # a hair over half: 33.495 is still written 34 by some


def fits(x: int, y: int, p_text: str) -> bool:
    """True when ``x/y`` could be written as ``p_text`` percent (rounding or truncation)."""
    p = float(p_text)
    below, above = _tolerance(p_text)
    true = 100.0 * x / y
    return p - below - 1e-9 <= true < p + above - 1e-9 or abs(true - p) <= below + 1e-9


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".") if abs(v - round(v)) > 1e-9 else str(int(round(v)))


class PercentCountMismatch(Rule):
    """What it does: checks every percentage stated with its count and denominator ("18 of 24
    (80%)", "14/17 (82%)", "80% (18/24)", "12 (66.7%) of 18") and every percentage of a stated
    number of people ("71% of 18 patients"), allowing for the rounding the text uses: a whole
    percent may be off by half a point (or a point, when truncated), one decimal by 0.05.

    Why it matters: a percentage that cannot come from its count is a typo in the count, the
    denominator or the percentage; readers quote the percentage.

    Example that fires: "18 of 24 patients (80%) responded." (18 of 24 is 75%)

    Example that does not fire: "14 of 17 patients (82%) responded." (82.4% rounds to 82%)
    """

    code, slug, severity, scope = "S104", "percent-count-mismatch", "warning", "study"
    summary = "A percentage does not match its count and denominator."
    examples = (
        Example("18 of 24 patients (80%) responded.", True),
        Example("14 of 17 patients (82%) responded.", False),
        Example("Only 71% of 18 patients finished the course.", True),
        Example("Nine of the 24 finishers (37.5%) stayed abstinent.", False),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        spans = windows(ctx.text, ctx.start, ctx.end, _HAS_PERCENT, 90, 60)
        taken: list[tuple[int, int]] = []
        for rx in _FORMS:
            for m in (m for lo, hi in spans for m in ctx.number_matches(rx, lo, hi)):
                if any(s <= m.start() < e for s, e in taken) or self._approx(ctx.text, m):
                    continue
                x, y = parse_number(m.group("x")), parse_number(m.group("y"))
                if x is None or not y or x > y or y in _ROUND_DENOMINATORS:
                    continue  # x > y is count-exceeds-total
                taken.append((m.start(), m.end()))
                p = m.group("p")
                if not fits(x, y, p):
                    true = 100.0 * x / y
                    yield ctx.finding(self, f"{x} of {y} is {_fmt(round(true, 1))}%, not {p}% "
                                            f"({p}% of {y} would be {_fmt(round(float(p) * y / 100, 1))})",
                                      m.start(), m.end())
        for m in (m for lo, hi in spans for m in ctx.number_matches(_PCT_OF_N, lo, hi)):
            if any(s <= m.start() < e for s, e in taken) or self._approx(ctx.text, m):
                continue
            y, p = parse_number(m.group("y")), m.group("p")
            if not y or y > 1000 or float(p) > 100:
                continue
            lo = math.floor(float(p) * y / 100)
            if not any(fits(k, y, p) for k in (lo - 1, lo, lo + 1, lo + 2) if 0 <= k <= y):
                a, b = max(lo, 0), min(lo + 1, y)
                yield ctx.finding(self, f"{p}% of {y} is {_fmt(round(float(p) * y / 100, 1))}: no whole number of "
                                        f"{y} gives {p}% ({a}/{y} = {_fmt(round(100 * a / y, 1))}%, "
                                        f"{b}/{y} = {_fmt(round(100 * b / y, 1))}%)", m.start(), m.end())

    @staticmethod
    def _approx(text: str, m: re.Match) -> bool:
        return bool(_APPROX_BEFORE.search(text, max(0, m.start("p") - 14), m.start("p")))
