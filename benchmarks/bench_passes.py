#!/usr/bin/env python3
"""Count the full-text scans each article gets: regex passes and Aho-Corasick passes (not a test).

Usage:  python benchmarks/bench_passes.py [--shared ../shared] [--limit N] [--min-share 0.5] [--top 25]

Wraps every regular expression that ``pipeline`` compiles (``re.compile``, ``re.search`` ...)
and every ``ahocorasick.Automaton`` it builds, then extracts, validates and curates up to N
articles of each bulk file. A *full-text pass* is one scanning call (``search``, ``finditer``,
``findall``, ``sub``, ``subn``, ``split``; an automaton's ``iter``) over a string or range at
least ``--min-share`` of the article's length; anchored ``match``/``fullmatch`` calls are not
passes. Prints passes per article (mean, max) and the callers that make them. The project's
target is at most 8 full-text passes per article (issue 18).
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The shared folder beside the checkout (or beside the folder of worktrees).
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()), ROOT.parent / "shared")
PKG = str(ROOT / "pipeline")
SCANS = ("search", "finditer", "findall", "sub", "subn", "split")


class Tally:
    article_len = 0
    min_share = 0.5
    passes = 0  # in the current article
    callers: Counter[tuple[str, str]] = Counter()

    @classmethod
    def record(cls, kind: str, covered: int, pattern: str) -> None:
        if cls.article_len and covered >= cls.min_share * cls.article_len:
            cls.passes += 1
            cls.callers[(kind, _caller(), pattern)] += 1


def _caller() -> str:
    """The innermost pipeline frame (file:line function) outside this module and the re module,
    and the nearest frame of another pipeline file that called it."""
    f = sys._getframe(3)
    while f is not None and not f.f_code.co_filename.startswith(PKG):
        f = f.f_back
    if f is None:
        return "?"
    inner = f.f_code.co_filename
    out = f"{Path(inner).relative_to(ROOT)}:{f.f_lineno} {f.f_code.co_name}"
    g = f.f_back
    while g is not None and g.f_code.co_filename == inner:
        g = g.f_back
    if g is not None and g.f_code.co_filename.startswith(PKG):
        out += f" <- {Path(g.f_code.co_filename).relative_to(ROOT)}:{g.f_lineno} {g.f_code.co_name}"
    return out


class CountedPattern:
    """A compiled pattern that reports its scans over most of the article to ``Tally``."""

    def __init__(self, real: re.Pattern):
        self._real = real
        self._label = real.pattern[:50] if isinstance(real.pattern, str) else repr(real.pattern[:50])

    def __getattr__(self, name):
        return getattr(self._real, name)

    def _scan(self, name: str, string, *args, **kw):
        if name == "split":
            covered = len(string)
        else:
            pos = args[0] if args else kw.get("pos", 0)
            end = args[1] if len(args) > 1 else kw.get("endpos", len(string))
            covered = min(end, len(string)) - pos
        Tally.record(f"re.{name}", covered, self._label)
        return getattr(self._real, name)(string, *args, **kw)

    def search(self, string, *a, **kw):
        return self._scan("search", string, *a, **kw)

    def finditer(self, string, *a, **kw):
        return self._scan("finditer", string, *a, **kw)

    def findall(self, string, *a, **kw):
        return self._scan("findall", string, *a, **kw)

    def split(self, string, *a, **kw):
        return self._scan("split", string, *a, **kw)

    def sub(self, repl, string, *a, **kw):
        Tally.record("re.sub", len(string), self._label)
        return self._real.sub(repl, string, *a, **kw)

    def subn(self, repl, string, *a, **kw):
        Tally.record("re.subn", len(string), self._label)
        return self._real.subn(repl, string, *a, **kw)

    def match(self, *a, **kw):
        return self._real.match(*a, **kw)

    def fullmatch(self, *a, **kw):
        return self._real.fullmatch(*a, **kw)

    def __hash__(self):
        return hash(self._real)

    def __eq__(self, other):
        return self._real == getattr(other, "_real", other)


def install() -> None:
    """Wrap patterns compiled by pipeline code (other libraries keep real ones: some check types)."""
    real_compile = re._compile  # type: ignore[attr-defined]

    def _compile(pattern, flags):
        if isinstance(pattern, CountedPattern):
            return pattern
        compiled = real_compile(pattern, flags)
        f = sys._getframe(1)
        for _ in range(3):
            f = f.f_back
            if f is None:
                break
            if f.f_code.co_filename.startswith(PKG):
                return CountedPattern(compiled)
        return compiled

    re._compile = _compile  # type: ignore[attr-defined]

    import ahocorasick

    real_automaton = ahocorasick.Automaton

    class CountedAutomaton:
        def __init__(self, *a, **kw):
            self._real = real_automaton(*a, **kw)

        def __getattr__(self, name):
            return getattr(self._real, name)

        def __contains__(self, key):
            return key in self._real

        def __len__(self):
            return len(self._real)

        def iter(self, string, *a, **kw):
            start = a[0] if a else kw.get("start", 0)
            end = a[1] if len(a) > 1 else kw.get("end", len(string))
            Tally.record("ahocorasick.iter", end - start, "<automaton>")
            return self._real.iter(string, *a, **kw)

    ahocorasick.Automaton = CountedAutomaton  # type: ignore[misc,assignment]


def load(shared: Path, limit: int) -> list[tuple[str, str]]:
    out = []
    for name in ("abstracts", "fulltext", "news"):
        with gzip.open(shared / "corpus" / "bulk" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i >= limit:
                    break
                d = json.loads(line)
                out.append((f"{name}-{d['id']}", d["text"].replace("\r\n", "\n")))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--limit", type=int, default=100, help="articles per bulk file")
    ap.add_argument("--min-share", type=float, default=0.5, help="share of the article a scan must cover")
    ap.add_argument("--top", type=int, default=25)
    a = ap.parse_args()
    Tally.min_share = a.min_share
    install()
    sys.path.insert(0, str(ROOT))
    from pipeline.models import Article
    from pipeline.process import curate_with_decisions

    per: list[tuple[int, str]] = []
    for source_id, text in load(a.shared, a.limit):
        article = Article(source_id=source_id, path=f"{source_id}.txt", sha256="0" * 64, text=text)
        Tally.article_len, Tally.passes = len(text), 0
        curate_with_decisions(article, None)
        per.append((Tally.passes, source_id))
    Tally.article_len = 0
    n = len(per)
    total = sum(p for p, _ in per)
    worst = max(per)
    print(f"{n} articles: {total / n:.1f} full-text passes per article (mean), max {worst[0]} ({worst[1]}); "
          f"a pass scans >= {a.min_share:.0%} of the article; target <= 8")
    by_kind: Counter[str] = Counter()
    for (kind, _, _), c in Tally.callers.items():
        by_kind[kind] += c
    print("by kind: " + ", ".join(f"{k} {c / n:.1f}" for k, c in by_kind.most_common()))
    by_file: Counter[str] = Counter()
    for (_, caller, _), c in Tally.callers.items():
        # A shared helper's passes count for the module that called it.
        inner = caller.split(" ", 1)[0].rsplit(":", 1)[0]
        outer = caller.split(" <- ")[1].split(":", 1)[0] if " <- " in caller else ""
        by_file[outer if inner.startswith(("pipeline/vocab/", "pipeline/extract/_")) and outer else inner] += c
    print("by file: " + ", ".join(f"{f.removeprefix('pipeline/')} {c / n:.1f}" for f, c in by_file.most_common()))
    print("passes/article  caller  pattern")
    for (kind, caller, pattern), c in Tally.callers.most_common(a.top):
        print(f"{c / n:6.2f}  {kind:<17} {caller:<100} {pattern[:30]!r}")


if __name__ == "__main__":
    main()
