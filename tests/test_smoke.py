"""End-to-end smoke test through click's runner (seed values are checked in test_seed.py)."""
import duckdb
from click.testing import CliRunner

from pipeline.cli import cli


def test_run_writes_database(tmp_path, seed_text):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(seed_text, encoding="utf-8")
    db = tmp_path / "out.duckdb"
    result = CliRunner().invoke(cli, ["run", "--raw", str(raw), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from sources").fetchone()[0] == 1
    con.close()
