"""The evidence report: one self-contained HTML page built from the database."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from pipeline.report.data import load_rows
from pipeline.report.render import render_html
from pipeline.report.view import build_view
from pipeline.settings import DEFAULT_REPORT
from pipeline.store.atomic import atomic_write_bytes


class ReportSummary(BaseModel):
    out: Path
    n_bytes: int
    totals: dict[str, int]


def render_report(db: Path) -> tuple[str, dict[str, int]]:
    """The report page of ``db`` (read read-only) and its totals, without writing anything."""
    view = build_view(load_rows(db))
    return render_html(view, db_name=db.name), view.totals


def build_report(db: Path, out: Path = DEFAULT_REPORT) -> ReportSummary:
    """Read ``db`` read-only and write the report page to ``out`` (atomically replaced)."""
    html, totals = render_report(db)
    data = html.encode("utf-8")
    atomic_write_bytes(out, data)
    return ReportSummary(out=out, n_bytes=len(data), totals=totals)
