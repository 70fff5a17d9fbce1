"""Human-readable view of extracted facts with their quoted evidence."""
from __future__ import annotations

from pipeline.models import Article, ArticleFacts, Span

_SPAN_WORDS = 6  # words shown at each end of a study's span


def span_ends(span: Span, words: int = _SPAN_WORDS) -> str:
    """A study's span as its first and last words: "A 2020 trial of 64 …" … "… the treadmill.\""""
    tokens = span.quote.split()
    if len(tokens) <= 2 * words:
        return f"\"{' '.join(tokens)}\""
    return f"\"{' '.join(tokens[:words])} …\" … \"… {' '.join(tokens[-words:])}\""


def render_text(article: Article, facts: ArticleFacts) -> str:
    lines = [f"{article.path}: {len(facts.studies)} studies"]
    by_study: dict[int | None, list[str]] = {}
    for ordinal, field, fact in facts.iter_facts():
        quote = " ".join(fact.span.quote.split())
        by_study.setdefault(ordinal, []).append(
            f"  {field} = {fact.value!r}  <- \"{quote[:100]}\" [{fact.span.char_start}:{fact.span.char_end}] ({fact.rule})")
    if None in by_study:
        lines += ["article:", *by_study[None]]
    for s in facts.studies:
        lines.append(f"study {s.ordinal} [{s.span.char_start}:{s.span.char_end}] {s.label or ''}".rstrip())
        lines.append(f"  span: {span_ends(s.span)}")
        lines += by_study.get(s.ordinal, [])
    return "\n".join(lines)
