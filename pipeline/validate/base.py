"""The rule base class and the contexts rules read: one article, or one study of it."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar, Literal

from pipeline.models import Article, ArticleFacts, Finding, StudyFacts
from pipeline.models.finding import Severity
from pipeline.text.index import TextIndex, index_of
from pipeline.text.people import population_noun, population_noun_re

Scope = Literal["study", "article"]
Category = Literal["consistency", "schema", "provenance", "content", "curation"]
Lifecycle = Literal["stable", "preview", "deprecated", "removed"]


@dataclass(frozen=True)
class Example:
    """A documented example; the docs test runs it through the rule.

    ``study`` holds StudyFacts values the example assumes (e.g. ``{"sample_size": 20}``).
    """

    text: str
    fires: bool
    study: dict = field(default_factory=dict)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@dataclass
class ArticleContext:
    article: Article
    facts: ArticleFacts
    # The article's text index, shared by extraction, every rule and every study.
    memo: TextIndex = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.memo is None:
            self.memo = index_of(self.article.text)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def body_end(self) -> int:
        """Where the reference list starts (scans of the body stop there)."""
        return self.memo.body_end

    def finding(self, rule: "Rule", message: str, start: int | None = None, end: int | None = None,
                study: int | None = None) -> Finding:
        line = col = None
        if start is not None and 0 <= start <= len(self.text):
            line, col = line_col(self.text, start)
        else:
            start = end = None
        return Finding(code=rule.code, rule=rule.slug, severity=rule.severity, category=rule.category,
                       message=message, source_id=self.article.source_id, study_ordinal=study,
                       char_start=start, char_end=end, line=line, col=col)


@dataclass
class StudyContext(ArticleContext):
    study: StudyFacts = None  # type: ignore[assignment]

    @cached_property
    def start(self) -> int:
        return max(0, min(self.study.span.char_start, len(self.text)))

    @cached_property
    def end(self) -> int:
        end = max(self.start, min(self.study.span.char_end, len(self.text)))
        return min(end, self.body_end) if self.body_end > self.start else end

    @property
    def window(self) -> str:
        return self.text[self.start:self.end]

    def sentences(self) -> tuple[tuple[int, int], ...]:
        return self.memo.sentences(self.start, self.end)

    def finditer(self, pattern: re.Pattern) -> Iterator[re.Match]:
        """Matches of ``pattern`` inside the study's span, with offsets into the article text."""
        return pattern.finditer(self.text, self.start, self.end)

    def number_matches(self, pattern: re.Pattern, start: int | None = None,
                       end: int | None = None) -> Iterator[re.Match]:
        """Same as ``finditer`` (or ``pattern.finditer(text, start, end)``), for a pattern whose matches
        all begin with a number: only the places where a number starts are tried."""
        return self.memo.number_matches(pattern, self.start if start is None else start,
                                        self.end if end is None else end)

    def has_any(self, *words: str) -> bool:
        """Whether one of the lower-case keywords occurs, in any case, in the study's span: a gate
        before a case-insensitive pattern that cannot match without one of them."""
        return self.memo.has_any(words, self.start, self.end)

    @cached_property
    def totals(self) -> list[int]:
        """Every stated size of the study (sample size, enrolled, completed), most general first."""
        out = []
        for name in ("sample_size", "n_enrolled", "n_completed"):
            f = getattr(self.study, name)
            if f is not None and isinstance(f.value, int) and f.value > 0 and f.value not in out:
                out.append(f.value)
        return out

    @property
    def total(self) -> int | None:
        """The study's sample size (enrolled when no sample size is stated)."""
        s = self.study
        for f in (s.sample_size, s.n_enrolled):
            if f is not None and isinstance(f.value, int) and f.value > 0:
                return f.value
        return None

    @property
    def total_noun(self) -> str:
        f = self.study.sample_size or self.study.n_enrolled
        if f is None:
            return "participants"
        m = population_noun_re().search(f.span.quote)
        if not m and f.span.char_end <= len(self.text):
            after = self.text[f.span.char_end:f.span.char_end + 30]
            m = re.match(rf"\s+(?:[\w-]+\s+)?({population_noun()})\b", after, re.I)
            return m.group(1).lower() if m else "participants"
        return m.group(0).lower() if m else "participants"

    def finding(self, rule: "Rule", message: str, start: int | None = None, end: int | None = None,
                study: int | None = None) -> Finding:
        return super().finding(rule, message, start, end, self.study.ordinal if study is None else study)


class Rule:
    """Base of every rule. Subclasses set the class attributes and implement ``check``.

    The docstring of a subclass holds the sections ``What it does``, ``Why it matters``,
    ``Example that fires`` and ``Example that does not fire``; ``examples`` hold the same
    examples as data so that the documentation is tested.
    """

    code: ClassVar[str]
    slug: ClassVar[str]
    severity: ClassVar[Severity]
    scope: ClassVar[Scope]
    category: ClassVar[Category] = "consistency"
    summary: ClassVar[str]
    lifecycle: ClassVar[Lifecycle] = "stable"
    examples: ClassVar[tuple[Example, ...]] = ()

    def check(self, ctx) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield
