"""Articles of our own for the contract v2 tests (typed values, migration, exports), and a build of them."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import cli

# Articles of our own: a phase 3 trial with a daily dose, a route in plain words and a dated
# period; and an open-label cohort with a weekly schedule and a flow of participants.
ARTICLES = {
    "lozenges": """Lozenges for mouth ulcers

A Phase 3 randomized, double-blind, placebo-controlled trial enrolled 84 adults with recurrent aphthous \
stomatitis between March 2018 and 14 June 2019. Participants were randomized to dexamethasone lozenges or \
placebo lozenges, dissolved under the tongue twice daily for eight weeks. The dexamethasone dose was 2 mg/day. \
Of the 84 adults, 80 completed the study.
""",
    "walking": """A walking group for knee pain

In an open-label cohort study, 60 adults with knee osteoarthritis were screened and 48 were enrolled. They \
took ibuprofen orally at 400 mg weekly for 3 months while walking in a group. Five participants withdrew; 43 \
completed the study, which ran for 18 months.
""",
}



def build(work: Path, decisions: str = "") -> Path:
    """A database of ARTICLES built by `pipeline run` in ``work`` (with ``decisions`` as the decisions file)."""
    raw = work / "raw"
    raw.mkdir(exist_ok=True)
    for name, text in ARTICLES.items():
        (raw / f"{name}.txt").write_text(text, encoding="utf-8")
    db, dfile = work / "evidence.duckdb", work / "decisions.toml"
    dfile.write_text(decisions, encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--raw", str(raw), "--db", str(db), "--export", str(work / "export"),
                                      "--decisions", str(dfile)], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return db
