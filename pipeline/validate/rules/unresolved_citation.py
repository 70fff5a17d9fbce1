"""A201 unresolved-citation."""
from __future__ import annotations

from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.validate.base import ArticleContext, Example, Rule


class UnresolvedCitation(Rule):
    """What it does: flags an article that carries citation markers (reference numbers after a
    sentence, "... at one time: 1 2 3", bracketed "[4]", superscripts) but has no reference list
    (a "References" or "Sources" section, or numbered entries with years) to resolve them.

    Why it matters: a claim backed by a reference that cannot be looked up is an unsupported
    claim; curators must not treat it as sourced.

    Example that fires: "Ketamine acts on NMDA receptors. 1 4 5" in an article without references.

    Example that does not fire: the same sentence followed by a "References" section with entries.
    """

    code, slug, severity, scope, category = "A201", "unresolved-citation", "warning", "article", "content"
    summary = "Citation markers with no reference list in the article."
    examples = (
        Example("Ketamine acts on NMDA receptors. 1 4 5\nIt may also act on AMPA receptors. 4 5\n", True),
        Example("Ketamine acts on NMDA receptors [1].\n\nReferences\n1. Doe J. Ketamine and the brain. "
                "J Psych 2019;1:1-9.\n", False),
    )

    def check(self, ctx: ArticleContext) -> Iterator[Finding]:
        # The markers and whether a reference list exists are found once per article, by the text index.
        found = ctx.memo.citation_markers
        bare = [m for m in found if m.bare]
        enough = len(found) - len(bare) >= 1 or len(bare) >= 2 or any(len(m.numbers) > 1 for m in bare)
        if not found or not enough or ctx.memo.has_references:
            return
        first = found[0]
        yield ctx.finding(self, f"{len(found)} citation marker{'s' if len(found) > 1 else ''} (first: "
                                f"'{first.text.strip()}') but no reference list in the article",
                          first.start, first.end)
