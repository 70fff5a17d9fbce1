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
        if field.startswith("flow["):
            continue  # shown in the study's flow section
        quote = " ".join(fact.span.quote.split())
        by_study.setdefault(ordinal, []).append(
            f"  {field} = {fact.value!r}  <- \"{quote[:100]}\" [{fact.span.char_start}:{fact.span.char_end}] ({fact.rule})")
    if None in by_study:
        lines += ["article:", *by_study[None]]
    for s in facts.studies:
        lines.append(f"study {s.ordinal} [{s.span.char_start}:{s.span.char_end}] {s.label or ''}".rstrip())
        lines.append(f"  span: {span_ends(s.span)}")
        lines += by_study.get(s.ordinal, [])
        if s.flow:
            lines.append("  flow:")
            lines += [f"    {flow_line(f)}" for f in s.flow]
    return "\n".join(lines)


def flow_line(f) -> str:
    """One count of the participant flow: role, n, arm or subgroup, and the words it was read from."""
    parts = [f"{f.role:<10}", f"{f.n.value:>6}"]
    if f.arm:
        parts.append(f"arm={f.arm!r}")
    if f.label:
        parts.append(f"label={f.label!r}")
    if f.of_n is not None:
        parts.append(f"of {f.of_n}")
    if f.reason:
        parts.append(f"reason={f.reason!r}")
    if f.planned:
        parts.append("planned")
    quote = " ".join(f.n.span.quote.split())
    parts.append(f"<- \"{quote[:80]}\" [{f.n.span.char_start}:{f.n.span.char_end}] ({f.n.rule})")
    return " ".join(parts)
