"""A run killed just after the new database is renamed into place (before its export files and
the "nothing changed" stamp are) must not make the next run skip its work."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.reliability.helpers import GOOD, ROOT, assert_sound, invoke, source_ids, write_good

# `pipeline run` that SIGKILLs itself right after it renames the new database over the old one.
KILLED_AFTER_RENAME = """
import os, signal, sys
from pathlib import Path
db = Path(sys.argv[1]).resolve()
real_replace = os.replace
def replace(src, dst):
    real_replace(src, dst)
    if Path(dst).resolve() == db:
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
from pipeline.cli import cli
cli(["run", "--raw", sys.argv[2], "--db", sys.argv[1]], prog_name="pipeline")
"""


def test_next_run_rebuilds_after_a_kill_right_after_publish(raw, db):
    write_good(raw)
    assert invoke(raw, db).exit_code in (0, 1)
    stamp = db.with_name(f".{db.name}.run.json")
    assert stamp.exists()
    extra = raw / "extra.txt"
    extra.write_text("An open-label study of 9 patients with gout.\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-c", KILLED_AFTER_RENAME, str(db), str(raw)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -9, proc.stderr
    assert source_ids(db) == set(GOOD) | {"extra"}
    assert not stamp.exists(), "the stamp is removed before the rename"
    extra.unlink()
    result = invoke(raw, db)
    assert result.exit_code in (0, 1), result.output
    assert source_ids(db) == set(GOOD), "the run after the kill must republish, not say 'nothing changed'"
    assert_sound(db)
    leftovers = [p.name for p in db.parent.rglob(".*.tmp")]
    assert not leftovers, f"the next run removes what the killed one left: {leftovers}"
