"""`pipeline report` through click's runner."""
from click.testing import CliRunner

from pipeline.cli import cli
from tests.report.factory import make_db, trials_rows


def test_report_writes_the_page_and_says_what_it_holds(tmp_path):
    db = make_db(tmp_path / "e.duckdb", trials_rows())
    out = tmp_path / "sub" / "report.html"
    result = CliRunner().invoke(cli, ["report", "--db", str(db), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 article, 2 studies, ") and "flags: 1 open, 0 acknowledged, 0 resolved" in result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not [p for p in out.parent.iterdir() if p.name != "report.html"]  # no temp file left


def test_missing_database_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["report", "--db", str(tmp_path / "nope.duckdb"), "--out",
                                      str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert "pipeline run" in result.output and not (tmp_path / "r.html").exists()


def test_database_without_the_contract_is_refused(tmp_path):
    import duckdb

    db = tmp_path / "other.duckdb"
    duckdb.connect(str(db)).close()
    result = CliRunner().invoke(cli, ["report", "--db", str(db), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and "not an evidence database" in result.output
