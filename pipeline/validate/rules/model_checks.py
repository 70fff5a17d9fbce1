"""M3xx: checks of the extracted models themselves (values and spans), as findings not crashes."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.validate.base import ArticleContext, Example, Rule

_COUNT_FIELDS = ("sample_size", "n_enrolled", "n_completed", "n_male", "n_female")


def _span_ok(ctx: ArticleContext, fact) -> bool:
    sp = getattr(fact, "span", None)
    return (sp is not None and 0 <= sp.char_start <= sp.char_end <= len(ctx.text)
            and ctx.text[sp.char_start:sp.char_end] == sp.quote)


def _at(ctx: ArticleContext, fact) -> tuple[int | None, int | None]:
    return (fact.span.char_start, fact.span.char_end) if _span_ok(ctx, fact) else (None, None)


def _counts(ctx: ArticleContext):
    for s in ctx.facts.studies:
        for name in _COUNT_FIELDS:
            f = getattr(s, name)
            if f is not None:
                yield s.ordinal, name, f
        for i, c in enumerate(s.conditions):
            if c.n is not None:
                yield s.ordinal, f"conditions[{i}].n ({c.name.value})", c.n
        for i, iv in enumerate(s.interventions):
            for j, d in enumerate(iv.doses):
                yield s.ordinal, f"interventions[{i}].doses[{j}].amount", d.amount


class NegativeCount(Rule):
    """What it does: flags a count, dose or percentage of the extracted facts that cannot be
    (a negative count or dose, a percentage outside 0-100).

    Why it matters: such a value is an extraction bug or a typo in the source; stored as is it
    would poison every sum and average computed from the database.

    Example that fires: a study whose extracted ``sample_size`` is -4.

    Example that does not fire: a study of 20 patients (``sample_size`` 20).
    """

    code, slug, severity, scope, category = "M301", "negative-count", "error", "article", "schema"
    summary = "A count or dose is negative, or a percentage lies outside 0-100."

    def check(self, ctx: ArticleContext) -> Iterator[Finding]:
        for ordinal, name, f in _counts(ctx):
            if isinstance(f.value, (int, float)) and f.value < 0:
                yield ctx.finding(self, f"{name} is {f.value}: a count or dose cannot be negative",
                                  *_at(ctx, f), study=ordinal)
        for s in ctx.facts.studies:
            for name in ("pct_male", "pct_female"):
                f = getattr(s, name)
                if f is not None and not 0 <= f.value <= 100:
                    yield ctx.finding(self, f"{name} is {f.value}%: a percentage must lie between 0 and 100",
                                      *_at(ctx, f), study=s.ordinal)


class PeriodReversed(Rule):
    """What it does: flags a study period whose extracted end date lies before its start date.

    Why it matters: a reversed period is either a typo in the article ("from 2019 to 2017") or a
    mix-up in extraction; either way the dates cannot both be right.

    Example that fires: ``period_start`` 2019-06, ``period_end`` 2017-01.

    Example that does not fire: ``period_start`` 2015-12, ``period_end`` 2017-06.
    """

    code, slug, severity, scope, category = "M302", "period-reversed", "error", "article", "schema"
    summary = "A study period ends before it starts."

    def check(self, ctx: ArticleContext) -> Iterator[Finding]:
        for s in ctx.facts.studies:
            a, b = s.period_start, s.period_end
            if a is not None and b is not None and isinstance(a.value, dt.date) and b.value < a.value:
                yield ctx.finding(self, f"the study period ends ({b.value:%B %Y}) before it starts "
                                        f"({a.value:%B %Y})", *_at(ctx, a), study=s.ordinal)


class SpanOutsideText(Rule):
    """What it does: flags a fact or study whose span does not lie inside the article text.

    Why it matters: every stored value must point at the words it came from; a span past the end
    of the text cannot be shown to a curator and breaks provenance.

    Example that fires: a fact with ``char_start`` 9000 in an article of 5,000 characters.

    Example that does not fire: a fact whose span is inside the text.
    """

    code, slug, severity, scope, category = "M303", "span-outside-text", "error", "article", "provenance"
    summary = "A span of a fact or study lies outside the article text."

    def check(self, ctx: ArticleContext) -> Iterator[Finding]:
        n = len(ctx.text)
        items = [(s.ordinal, "study span", s) for s in ctx.facts.studies]
        items += [(o, name, f) for o, name, f in ctx.facts.iter_facts()]
        for ordinal, name, f in items:
            sp = f.span
            if not (0 <= sp.char_start <= sp.char_end <= n):
                yield ctx.finding(self, f"{name}: span {sp.char_start}-{sp.char_end} lies outside the "
                                        f"article text of {n} characters", study=ordinal)


class SpanQuoteMismatch(Rule):
    """What it does: flags a fact whose quote is not the article text at its span.

    Why it matters: the quote is the evidence a curator reads; if it differs from the text at the
    offsets, the stored provenance points at the wrong words.

    Example that fires: a fact quoting "20 patients" whose span covers "18 patients".

    Example that does not fire: a fact built with ``Span.of(text, start, end)``.
    """

    code, slug, severity, scope, category = "M304", "span-quote-mismatch", "error", "article", "provenance"
    summary = "The quote of a span is not the article text at its offsets."
    examples = ()

    def check(self, ctx: ArticleContext) -> Iterator[Finding]:
        n = len(ctx.text)
        items = [(s.ordinal, "study span", s) for s in ctx.facts.studies]
        items += [(o, name, f) for o, name, f in ctx.facts.iter_facts()]
        for ordinal, name, f in items:
            sp = f.span
            if 0 <= sp.char_start <= sp.char_end <= n and ctx.text[sp.char_start:sp.char_end] != sp.quote:
                got = ctx.text[sp.char_start:sp.char_end]
                yield ctx.finding(self, f"{name}: quote {sp.quote[:60]!r} but the text there reads "
                                        f"{got[:60]!r}", sp.char_start, sp.char_end, study=ordinal)


_ = Example  # model checks are documented with fact examples, not text


class InternalError(Rule):
    """What it does: reports that a rule crashed on an article; the engine emits it in place of
    the rule's findings, so one faulty rule never stops a run. It never fires on its own.

    Why it matters: the article was not fully checked; the message names the rule and the
    exception so the rule can be fixed.

    Example that fires: a rule raising ``ZeroDivisionError`` on an odd article.

    Example that does not fire: every rule finishing normally.
    """

    code, slug, severity, scope, category = "M399", "internal-error", "warning", "article", "schema"
    summary = "A rule crashed on this article; its checks were skipped."

    def check(self, ctx: ArticleContext) -> Iterator[Finding]:
        return iter(())
