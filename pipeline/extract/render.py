"""Human-readable view of extracted facts with their quoted evidence."""
from __future__ import annotations

from pipeline.models import Article, ArticleFacts


def render_text(article: Article, facts: ArticleFacts) -> str:
    lines = [f"{article.path}: {len(facts.studies)} studies"]
    current = object()
    for ordinal, field, fact in facts.iter_facts():
        if ordinal != current:
            current = ordinal
            if ordinal is None:
                lines.append("article:")
            else:
                s = facts.studies[ordinal - 1]
                lines.append(f"study {ordinal} [{s.span.char_start}:{s.span.char_end}] {s.label or ''}".rstrip())
        quote = " ".join(fact.span.quote.split())
        lines.append(f"  {field} = {fact.value!r}  <- \"{quote[:100]}\" [{fact.span.char_start}:{fact.span.char_end}] ({fact.rule})")
    return "\n".join(lines)
