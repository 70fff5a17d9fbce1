"""K101 stale-decision: written by curation (``pipeline.curate.apply``), not by a text check."""
from __future__ import annotations

from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.validate.base import ArticleContext, Rule


class StaleDecision(Rule):
    """What it does: reports a curator decision that was not applied because the evidence it
    pinned no longer holds: its quote is no longer in the article, or the article's sha256
    changed. `pipeline run` writes it in place of the decision; it never fires on extracted facts.

    Why it matters: the decision was made on text that has changed; applying it blindly could
    put a wrong value in the database, and dropping it silently would lose the curator's work.

    Example that fires: a correction pinned with the quote "40 nurses" after the article was
    edited to read "42 nurses".

    Example that does not fire: a decision whose quote is still in the article.
    """

    code, slug, severity, scope, category = "K101", "stale-decision", "error", "article", "curation"
    summary = "A curator decision was not applied: the evidence it pinned changed."

    def check(self, ctx: ArticleContext) -> Iterator[Finding]:
        return iter(())
