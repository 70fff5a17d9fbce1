"""One writer at a time: a second `pipeline run` waits for the lock or exits 2 naming the holder."""
from __future__ import annotations

import os
import signal
import time
from contextlib import contextmanager

from pipeline.store.lock import pid_path, run_lock
from tests.reliability.helpers import assert_sound, source_ids, spawn, write_generated, write_good


def wait_for(path, proc, timeout=60.0) -> None:
    start = time.monotonic()
    while not path.exists():
        assert proc.poll() is None, "the first run ended before it was seen holding the lock"
        assert time.monotonic() - start < timeout
        time.sleep(0.005)


def test_held_lock_gives_exit_2_with_the_holders_pid(raw, db):
    write_good(raw)
    with run_lock(db, timeout=0):
        proc = spawn(raw, db, "--lock-timeout", "0")
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2, err
    assert f"(pid {os.getpid()})" in err and "another `pipeline run`" in err
    assert "Traceback" not in err
    assert not db.exists()


@contextmanager
def first_run_holding_the_lock(raw, db):
    """A real `pipeline run` stopped (SIGSTOP) while it holds the lock, so the race is not left to timing."""
    first = spawn(raw, db)
    try:
        wait_for(pid_path(db), first)
        first.send_signal(signal.SIGSTOP)
        yield first
    finally:
        first.send_signal(signal.SIGCONT)


def test_two_runs_at_once_second_fails_cleanly(tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "evidence.duckdb"
    write_generated(raw, 20)
    with first_run_holding_the_lock(raw, db) as first:
        second = spawn(raw, db, "--lock-timeout", "0")
        _, err2 = second.communicate(timeout=60)
    _, err1 = first.communicate(timeout=60)
    assert first.returncode in (0, 1), err1
    assert second.returncode == 2, err2
    assert f"(pid {first.pid})" in err2 and "Traceback" not in err2
    assert len(source_ids(db)) == 20
    assert_sound(db)


def test_two_runs_at_once_second_waits(tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "evidence.duckdb"
    write_generated(raw, 20)
    with first_run_holding_the_lock(raw, db) as first:
        second = spawn(raw, db, "--lock-timeout", "120")
        time.sleep(1.5)
        assert second.poll() is None, "the second run should wait for the lock"
    for proc in (first, second):
        _, err = proc.communicate(timeout=60)
        assert proc.returncode in (0, 1) and "Traceback" not in err, err
    assert len(source_ids(db)) == 20
    assert not pid_path(db).exists()
    assert_sound(db)
