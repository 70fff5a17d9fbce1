"""Run rules over one article: study-scope rules once per study, article-scope rules once."""
from __future__ import annotations

from collections.abc import Iterator

from pipeline.models import Article, ArticleFacts, Finding
from pipeline.validate.base import ArticleContext, Rule, StudyContext
from pipeline.text.index import index_of


def _internal(ctx: ArticleContext, rule: type[Rule], exc: BaseException, study: int | None) -> Finding:
    from pipeline.validate.rules.model_checks import InternalError as E

    return Finding(code=E.code, rule=E.slug, severity=E.severity, category=E.category,
                   message=f"rule {rule.code} {rule.slug} failed on this article "
                           f"({type(exc).__name__}: {exc}); its checks were skipped",
                   source_id=ctx.article.source_id, study_ordinal=study)


def _safe(rule: type[Rule], ctx: ArticleContext, study: int | None) -> Iterator[Finding]:
    try:
        for f in rule().check(ctx):
            yield f
    except Exception as e:  # a crash in one rule must not take the run down
        yield _internal(ctx, rule, e, study)


def run_rules(article: Article, facts: ArticleFacts, rules: list[type[Rule]]) -> list[Finding]:
    out: list[Finding] = []
    seen: set[tuple] = set()
    memo = index_of(article.text)  # the article's scans, shared with extraction and every rule
    article_ctx = ArticleContext(article, facts, memo)
    study_ctxs = [StudyContext(article, facts, memo, study=study) for study in facts.studies]
    for rule in rules:
        if rule.scope == "article":
            found = list(_safe(rule, article_ctx, None))
        else:
            found = []
            for ctx in study_ctxs:
                found += _safe(rule, ctx, ctx.study.ordinal)
        for f in found:
            # Overlapping study spans must not report one piece of evidence twice.
            key = ((f.code, f.char_start, f.char_end) if f.char_start is not None
                   else (f.code, f.study_ordinal, f.message))
            if key in seen:
                continue
            seen.add(key)
            out.append(f)
    out.sort(key=lambda f: (f.char_start if f.char_start is not None else -1, f.code))
    return out
