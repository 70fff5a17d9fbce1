"""The progress bar of `run` and `validate`: tqdm, on standard error, only when it is a terminal.

tqdm estimates the remaining time from a smoothed rate of the articles actually processed (those
a run reuses from its cache are its ``initial`` count, excluded from the rate), and it is
thread-safe, which matters here: the counts arrive from a thread that hears each worker process
finish each article (``pipeline.parallel``).
"""
from __future__ import annotations

import sys
from types import TracebackType

from pipeline.commands.options import level


class Bar:
    """``start(todo, done)`` once the work is known, then ``advance(n)`` per article finished."""

    def __init__(self, label: str = "articles"):
        self.label = label
        self.enabled = sys.stderr.isatty() and level() >= 0
        self._bar = None

    def start(self, todo: int, done: int = 0) -> None:
        if not self.enabled or todo <= 0:
            return
        from tqdm import tqdm

        # delay: a run that ends within a second shows no bar at all.
        self._bar = tqdm(total=todo + done, initial=done, unit=" article", desc=self.label, file=sys.stderr,
                         delay=1.0, dynamic_ncols=True, leave=False)

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def __enter__(self) -> "Bar":
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
