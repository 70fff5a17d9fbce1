"""The report in headless Chromium: highlights exist after load, hostile text runs nothing, links open articles."""
import re
import shutil

import duckdb
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.report import build_report
from tests.report.browser import dump_dom, needs_chromium, screenshot
from tests.report.factory import TRIALS_TEXT, hostile_rows, make_db, merge, source, trials_rows
from tests.report.htmlscan import Scan

pytestmark = needs_chromium


def test_study_2_flag_and_doses_are_highlighted_after_load(tmp_path):
    page = build_report(make_db(tmp_path / "e.duckdb", trials_rows()), tmp_path / "report.html").out
    dom = dump_dom(page, tmp_path)
    assert 'data-js="ready"' in dom  # our script ran under the CSP
    scan = Scan(dom)
    assert scan.texts == [TRIALS_TEXT]
    flagged = [m for m in scan.marks if "subgroup-exceeds-total" in m.attrs["title"]]
    assert "".join(m.text for m in flagged) == "9 had bipolar depression and 8 had PTSD"
    assert {m.text for m in scan.marks if "doses.amount" in m.attrs["title"]} == {"56 mg", "0.5 mg/kg"}
    screenshot(page, tmp_path, "report-trials.png")


def test_hostile_article_runs_no_script(tmp_path):
    page = build_report(make_db(tmp_path / "h.duckdb", hostile_rows()), tmp_path / "report.html").out
    dom = dump_dom(page, tmp_path)
    assert 'data-js="ready"' in dom
    assert not re.search(r"""id=["']?pwned""", dom)
    title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert title.startswith("Evidence report") and "PWNED" not in title
    tags = {e.tag for e in Scan(dom).elements}
    assert not tags & {"img", "iframe", "textarea", "object", "embed"}


def test_flag_link_opens_its_collapsed_article(tmp_path):
    fillers = [source(f"filler-{i}", f"Filler article {i} with no studies.\n", f"Filler {i}") for i in range(6)]
    rows = merge({"sources": fillers}, trials_rows(sid="two-trials"))
    page = build_report(make_db(tmp_path / "e.duckdb", rows), tmp_path / "report.html").out
    html = Scan(page.read_text(encoding="utf-8"))
    assert not [e for e in html.elements if e.tag == "details" and "open" in e.attrs]
    flag = next(m for m in html.marks if m.attrs.get("id"))
    dom = Scan(dump_dom(page, tmp_path, fragment=flag.attrs["id"]))
    opened = [e.attrs.get("id") for e in dom.elements if e.tag == "details" and "open" in e.attrs]
    assert opened == ["a7"]


def test_table_sorts_by_sample_size(tmp_path):
    rows = trials_rows()
    page = build_report(make_db(tmp_path / "e.duckdb", rows), tmp_path / "report.html").out
    harness = tmp_path / "harness.html"
    # The harness clicks the "N" heading twice inside the report and copies the row order out.
    harness.write_text(f"""<!DOCTYPE html><body><iframe src="{page.name}" id="r"></iframe><pre id="out"></pre>
<script>
document.getElementById("r").addEventListener("load", function () {{
  var d = this.contentDocument, out = [];
  var b = Array.from(d.querySelectorAll("#studies-table th button")).find(x => x.textContent === "N");
  function order() {{ return Array.from(d.querySelectorAll("#studies-table tbody tr td:nth-child(5)"))
    .map(td => td.textContent).join(","); }}
  b.click(); out.push(order() + " " + b.parentElement.getAttribute("aria-sort"));
  b.click(); out.push(order() + " " + b.parentElement.getAttribute("aria-sort"));
  document.getElementById("out").textContent = out.join("|");
}});
</script>""", encoding="utf-8")
    dom = dump_dom(harness, tmp_path, extra=["--allow-file-access-from-files"])
    assert re.search(r'<pre id="out">(.*?)</pre>', dom).group(1) == "12,64 ascending|64,12 descending"


def test_real_pipeline_output_highlights_study_2_flag_and_doses(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(shutil.os.path.join(shutil.os.path.dirname(__file__), "..", "..", "raw"), raw)
    db = tmp_path / "evidence.duckdb"
    run = CliRunner().invoke(cli, ["run", "--raw", str(raw), "--db", str(db)], catch_exceptions=False)
    assert run.exit_code in (0, 1), run.output
    out = tmp_path / "report.html"
    rep = CliRunner().invoke(cli, ["report", "--db", str(db), "--out", str(out)], catch_exceptions=False)
    assert rep.exit_code == 0, rep.output
    dom = dump_dom(out, tmp_path)
    assert 'data-js="ready"' in dom
    screenshot(out, tmp_path, "report-raw.png")
    con = duckdb.connect(str(db), read_only=True)
    try:
        n_flags = con.execute("select count(*) from flags where rule = 'subgroup-exceeds-total'").fetchone()[0]
        n_doses = con.execute("select count(*) from provenance where table_name = 'doses'").fetchone()[0]
    finally:
        con.close()
    missing = [what for what, n in (("a subgroup-exceeds-total flag", n_flags), ("dose values", n_doses)) if not n]
    if missing:
        pytest.skip(f"extraction/validation does not produce {' or '.join(missing)} for raw/ yet")
    scan = Scan(dom)
    assert [m for m in scan.marks if "subgroup-exceeds-total" in m.attrs["title"] and "f-error" in m.classes]
    assert len([m for m in scan.marks if "doses.amount" in m.attrs["title"]]) >= n_doses


def test_curated_loop_report_marks_kinds_decisions_and_statuses(tmp_path, monkeypatch):
    """Three articles through the real pipeline, one value corrected: its highlight carries the
    decision id, the flag it resolved is counted as resolved, every kind of value has its colour."""
    from tests.test_cli_curator import TEXT

    monkeypatch.chdir(tmp_path)
    shutil.copytree(shutil.os.path.join(shutil.os.path.dirname(__file__), "..", "..", "raw"), tmp_path / "raw")
    (tmp_path / "curated").mkdir()
    shutil.copy(shutil.os.path.join(shutil.os.path.dirname(__file__), "..", "..", "curated", "decisions.toml"),
                tmp_path / "curated" / "decisions.toml")
    (tmp_path / "raw" / "asthma-trial.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "raw" / "vitamin-d.txt").write_text(
        "Vitamin D and falls\n\nBetween March 2018 and 2020, a double-blind, placebo-controlled trial randomized "
        "120 older adults with osteoporosis to oral vitamin D 2000 IU daily or placebo for 12 months.\n",
        encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["run"], catch_exceptions=False).exit_code == 1
    import json

    sid = next(s["study_id"] for s in json.loads(runner.invoke(cli, ["studies", "--format", "json"]).output)
               if s["source_id"] == "asthma-trial")
    runner.invoke(cli, ["set", sid, "n_male", "15", "--quote", "17 men", "--reason", "table 1"],
                  catch_exceptions=False)
    assert runner.invoke(cli, ["run"], catch_exceptions=False).exit_code == 0
    assert runner.invoke(cli, ["report", "--out", "report.html"], catch_exceptions=False).exit_code == 0
    page = tmp_path / "report.html"
    dom = dump_dom(page, tmp_path)
    scan = Scan(dom)
    curated = [m for m in scan.marks if "cur" in m.attrs["class"].split()]
    by_text = {m.text: m.attrs["title"] for m in curated}
    assert "corrected by D006" in by_text["17 men"]  # also the shipped rejection D002 of the ketamine article
    assert "corrected by D002" in by_text["again daily for 14 days"]
    assert re.search(r'<sup class="dec">D006</sup>', dom)
    kinds = {c for m in scan.marks for c in m.attrs["class"].split() if c.startswith("k-")}
    assert {"k-counts", "k-design", "k-population", "k-interventions", "k-doses"} <= kinds
    assert re.search(r'id="card-resolved"><b>1</b>', dom) and re.search(r'id="card-open_flags"><b>0</b>', dom)
    assert "2018-03 – 2020" in dom  # the period as precisely as the text gave it
    assert f"pipeline set {sid} n_male 15 --quote '17 men' --reason '...'" in dom
    screenshot(page, tmp_path, "report-curated-loop.png")
