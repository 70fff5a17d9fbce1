"""The evidence report: one self-contained HTML page built from the database.

``data.py`` reads the rows (through ``pipeline.store``), ``view.py`` shapes them for the page,
``segments.py`` cuts overlapping highlights, ``chart.py`` draws the SVG charts, ``render.py``
fills the jinja2 templates, ``build.py`` puts it together and writes the file.
"""
from pipeline.report.build import ReportSummary, build_report, render_report

__all__ = ["ReportSummary", "build_report", "render_report"]
