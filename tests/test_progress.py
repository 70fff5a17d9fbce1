"""Progress is counted per article as the worker processes finish them, and the bar (tqdm) shows
only on a terminal, counting reused articles apart from the work of this run."""
from __future__ import annotations

import io
import threading

from pipeline.commands.progress import Bar
from pipeline.parallel import ordered_map


def square(x: int) -> int:
    return x * x


def test_pool_reports_every_article_one_at_a_time() -> None:
    heard: list[int] = []
    lock = threading.Lock()

    def progress(n: int) -> None:
        with lock:
            heard.append(n)

    out = list(ordered_map(square, range(150), jobs=2, batch=64, progress=progress))
    assert out == [x * x for x in range(150)]
    assert heard == [1] * 150  # per article, not per batch of 64


def test_in_process_progress_is_per_article_too() -> None:
    heard: list[int] = []
    assert list(ordered_map(square, range(5), jobs=1, progress=heard.append)) == [0, 1, 4, 9, 16]
    assert heard == [1] * 5


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_on_a_terminal_counts_reused_articles_as_done(monkeypatch) -> None:
    term = Terminal()
    monkeypatch.setattr("sys.stderr", term)
    with Bar() as bar:
        bar.start(todo=3, done=7)
        assert bar._bar is not None and bar._bar.n == 7 and bar._bar.total == 10
        bar._bar.delay = 0  # show it now (it waits a second so that short runs show none)
        bar.advance(3)
        bar._bar.refresh()
    assert "10/10" in term.getvalue()


def test_no_bar_when_standard_error_is_not_a_terminal(monkeypatch) -> None:
    monkeypatch.setattr("sys.stderr", io.StringIO())
    with Bar() as bar:
        bar.start(todo=3)
        bar.advance(3)
        assert bar._bar is None
