"""Render the report page with jinja2 (autoescaped: article text is untrusted)."""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from pipeline import __version__
from pipeline.report.chart import evidence_map, sample_chart
from pipeline.report.view import SEVERITIES, ReportView
from pipeline.words import plural  # the templates' filter: "1,000 articles", "1 study"

TEMPLATES = Path(__file__).parent / "templates"
OPEN_ARTICLES_UP_TO = 5  # more than this and articles start collapsed, so the page stays light




def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["plural"] = plural
    return env


def csp(script: str) -> str:
    """No fetches at all; only our own inline script (by hash) may run."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")


def render_html(view: ReportView, db_name: str) -> str:
    script = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    if "</script" in script.lower():
        raise AssertionError("report.js must not contain a closing script tag")
    return _env().get_template("report.html.j2").render(
        view=view, db_name=db_name, version=__version__, csp=csp(script),
        # Our own files, inlined verbatim (escaping would break them and the script's hash).
        script=Markup(script), css=Markup((TEMPLATES / "report.css").read_text(encoding="utf-8")),
        severities=list(SEVERITIES),
        sample=sample_chart(view.studies), emap=evidence_map(view.studies),
        a_open=len(view.articles) <= OPEN_ARTICLES_UP_TO,
    )
