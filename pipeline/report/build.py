"""The evidence report: one self-contained HTML page built from the database."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pydantic import BaseModel

from pipeline.report.data import load_rows
from pipeline.report.render import render_html
from pipeline.report.view import build_view
from pipeline.settings import DEFAULT_REPORT


class ReportSummary(BaseModel):
    out: Path
    n_bytes: int
    totals: dict[str, int]


def build_report(db: Path, out: Path = DEFAULT_REPORT) -> ReportSummary:
    """Read ``db`` read-only and write the report page to ``out`` (atomically replaced)."""
    view = build_view(load_rows(db))
    data = render_html(view, db_name=db.name).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return ReportSummary(out=out, n_bytes=len(data), totals=view.totals)
