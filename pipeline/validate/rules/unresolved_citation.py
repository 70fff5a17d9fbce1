"""A201 unresolved-citation."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.text.references import has_reference_list
from pipeline.validate.base import ArticleContext, Example, Rule

# ". 1 2 3" / "at one time: 1 2 3" at the end of a line: bare reference numbers.
_BARE = re.compile(r"(?P<p>[.!?:;)\]”\"’])[ \t]+(?P<m>\d{1,3}(?:[ \t,]+\d{1,3})*)[ \t]*$", re.M)
_BRACKET = re.compile(r"\[(?P<m>\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]")
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_SUPER = re.compile(rf"(?<=[a-z.,)])(?P<m>[{_SUPERSCRIPTS}]+)")
# A numbered entry with a year: "1. Smith J. ... 2019" or "[3] Doe A, ... (2020)".
_ENTRY = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)])\s+\S.*\b(?:19|20)\d\d\b", re.M)


def _numbers(s: str) -> list[int]:
    return [int(x) for x in re.findall(r"\d+", s)]


def markers(text: str) -> list[re.Match]:
    """Citation markers of ``text``, in order."""
    out = []
    for m in _BARE.finditer(text):
        nums = _numbers(m.group("m"))
        if all(1 <= n <= 300 for n in nums) and nums == sorted(nums) and (m.group("p") != ":" or len(nums) > 1):
            out.append(m)
    out += [m for m in _BRACKET.finditer(text) if all(1 <= n <= 300 for n in _numbers(m.group("m")))]
    if any(ch in text for ch in _SUPERSCRIPTS):  # rare; the pattern is slow to try everywhere
        out += _SUPER.finditer(text)
    return sorted(out, key=lambda m: m.start("m"))


def has_references(text: str) -> bool:
    return has_reference_list(text) or bool(_ENTRY.search(text))


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
        found = markers(ctx.text[:ctx.body_end])
        bare = [m for m in found if m.re is _BARE]
        enough = len(found) - len(bare) >= 1 or len(bare) >= 2 or any(len(_numbers(m.group("m"))) > 1 for m in bare)
        if not found or not enough or has_references(ctx.text):
            return
        first = found[0]
        yield ctx.finding(self, f"{len(found)} citation marker{'s' if len(found) > 1 else ''} (first: "
                                f"'{first.group('m').strip()}') but no reference list in the article",
                          first.start("m"), first.end("m"))
