"""Geometry of the overview's inline SVG charts (the template draws them; labels stay escaped)."""
from __future__ import annotations

import math
from collections import Counter, defaultdict

from pydantic import BaseModel

from pipeline.report.view import StudyView

LEFT, RIGHT, TOP, BAND = 190, 20, 20, 34
MAP_CELL, MAP_MAX = 26, 15


class Dot(BaseModel):
    x: float
    y: float
    title: str
    href: str


class Band(BaseModel):
    label: str
    y: float
    n: int
    n_missing: int


class Tick(BaseModel):
    x: float
    label: str


class SampleChart(BaseModel):
    """Sample size (log scale) of every study, one band per design group."""

    width: int
    height: int
    plot_left: int
    plot_right: int
    bands: list[Band]
    dots: list[Dot]
    ticks: list[Tick]


def sample_chart(studies: list[StudyView], width: int = 760) -> SampleChart:
    groups: dict[str, list[StudyView]] = defaultdict(list)
    for s in studies:
        groups[s.design_group].append(s)
    order = sorted(groups, key=lambda g: (-len(groups[g]), g))
    sizes = [s.row.sample_size for s in studies if s.row.sample_size]
    decades = max(1, math.ceil(math.log10(max(sizes)))) if sizes else 3
    plot_w = width - LEFT - RIGHT

    def x_of(n: int) -> float:
        return LEFT + plot_w * math.log10(max(n, 1)) / decades

    bands, dots = [], []
    for b, g in enumerate(order):
        y = TOP + BAND * b + BAND / 2
        members = groups[g]
        missing = sum(s.row.sample_size is None for s in members)
        bands.append(Band(label=g, y=y, n=len(members), n_missing=missing))
        sized = [(m, m.row.sample_size) for m in members if m.row.sample_size is not None]
        for k, (s, n) in enumerate(sized):
            jitter = ((k * 7) % 9 - 4) * BAND / 12  # spread equal sizes vertically, deterministically
            name = s.row.label or f"study {s.row.ordinal}"
            dots.append(Dot(x=round(x_of(n), 1), y=round(y + jitter, 1),
                            title=f"{s.article_title} – {name}: n={s.row.sample_size}",
                            href=f"#{s.anchor}"))
    ticks = [Tick(x=round(x_of(10**d), 1), label=f"{10**d:,}") for d in range(decades + 1)]
    return SampleChart(width=width, height=TOP + BAND * max(len(order), 1) + 30, plot_left=LEFT,
                       plot_right=width - RIGHT, bands=bands, dots=dots, ticks=ticks)


class Cell(BaseModel):
    x: float
    y: float
    r: float
    count: int
    title: str


class EvidenceMap(BaseModel):
    """How many studies tested each intervention (column) in each condition (row)."""

    width: int
    height: int
    rows: list[tuple[float, str]]
    cols: list[tuple[float, str]]
    cells: list[Cell]
    more_rows: int
    more_cols: int


def evidence_map(studies: list[StudyView]) -> EvidenceMap:
    pairs: Counter[tuple[str, str]] = Counter()
    for s in studies:
        for c in set(s.condition_names):
            for a in set(s.agents):
                pairs[(c, a)] += 1
    by_cond: Counter[str] = Counter()
    by_agent: Counter[str] = Counter()
    for (c, a), n in pairs.items():
        by_cond[c] += n
        by_agent[a] += n
    conds = [c for c, _ in sorted(by_cond.items(), key=lambda kv: (-kv[1], kv[0]))[:MAP_MAX]]
    agents = [a for a, _ in sorted(by_agent.items(), key=lambda kv: (-kv[1], kv[0]))[:MAP_MAX]]
    top = 120  # room for the rotated column labels
    rows = [(top + MAP_CELL * i + MAP_CELL / 2, c) for i, c in enumerate(conds)]
    cols = [(LEFT + MAP_CELL * j + MAP_CELL / 2, a) for j, a in enumerate(agents)]
    biggest = max(pairs.values(), default=1)
    cells = [
        Cell(x=x, y=y, r=round(5 + (MAP_CELL / 2 - 6) * math.sqrt(pairs[(c, a)] / biggest), 1),
             count=pairs[(c, a)],
             title=f"{c} × {a}: {pairs[(c, a)]} stud{'y' if pairs[(c, a)] == 1 else 'ies'}")
        for y, c in rows for x, a in cols if pairs[(c, a)]
    ]
    # Room on the right for the last column's label, which is rotated up and to the right.
    return EvidenceMap(width=LEFT + MAP_CELL * max(len(agents), 1) + RIGHT + 80,
                       height=top + MAP_CELL * max(len(conds), 1) + 10, rows=rows, cols=cols, cells=cells,
                       more_rows=len(by_cond) - len(conds), more_cols=len(by_agent) - len(agents))
