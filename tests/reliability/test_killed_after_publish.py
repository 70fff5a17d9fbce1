"""A run killed just after the new database is renamed into place (before the export and the
"nothing changed" stamp are written) must not make the next run skip its work."""
from __future__ import annotations

import pytest

import pipeline.store.publish as pub
from tests.reliability.helpers import GOOD, assert_sound, invoke, source_ids, write_good


class Killed(Exception):
    pass


def test_next_run_rebuilds_after_a_kill_right_after_publish(raw, db, monkeypatch):
    write_good(raw)
    assert invoke(raw, db).exit_code in (0, 1)
    extra = raw / "extra.txt"
    extra.write_text("An open-label study of 9 patients with gout.\n")

    def killed(folder):
        raise Killed  # stands in for SIGKILL between the rename and the end of the run
    with monkeypatch.context() as m:
        m.setattr(pub, "fsync_dir", killed)
        with pytest.raises(Killed):
            invoke(raw, db)
    assert source_ids(db) == set(GOOD) | {"extra"}
    extra.unlink()
    result = invoke(raw, db)
    assert result.exit_code in (0, 1), result.output
    assert source_ids(db) == set(GOOD), "the run after the kill must republish, not say 'nothing changed'"
    assert_sound(db)
