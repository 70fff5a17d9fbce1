"""A202 promotional-content."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from pipeline import vocab
from pipeline.models import Finding
from pipeline.text.index import TextIndex
from pipeline.validate.base import ArticleContext, Example, Rule

_PRICE = re.compile(r"(?:[$£€]\s?\d{1,5}(?:[.,]\d{2})?\b|\b\d{1,5}(?:[.,]\d{2})?\s?(?:USD|EUR|GBP|dollars)\b)")
_PCT_OFF = re.compile(r"\b\d{1,2}\s?(?:%|percent)\s+off\b", re.I)
# Strings every match of the two patterns above contains: most articles have none, and a plain
# substring test is far cheaper than the patterns. _PCT_OFF is tested on the case-folded text.
_PRICE_MARKS = ("$", "£", "€", "USD", "EUR", "GBP", "dollars")
_PCT_OFF_MARKS = [("%", "percent"), ("off",)]
# Where a match of _PRICE begins: a currency sign, or a digit after a word boundary (a number start
# of the text index); every match of _PCT_OFF begins with a number.
_CURRENCY_SIGNS = ("$", "£", "€")


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def _strong_words() -> tuple[str, ...] | None:
    """The strong signals in lower case, to test the case-folded text before the pattern runs
    (None when one is not ASCII: folding is only known to agree with the pattern on ASCII)."""
    words = vocab.load("promotional")["strong"]
    return tuple(w.lower() for w in words) if all(w.isascii() for w in words) else None


@functools.cache
def _imperatives() -> tuple[str, ...]:
    return tuple(vocab.load("promotional")["imperatives"])


@functools.cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, int]:
    v = vocab.load("promotional")
    strong = re.compile(rf"(?<!\w)(?:{_alt(v['strong'])})(?!\w)", re.I)
    weak = re.compile(rf"(?<!\w)(?:{_alt(v['weak'])})(?!\w)", re.I)
    # "Order Calmwave Tea": an imperative at the start of a line or sentence, then a capitalised name.
    imperative = re.compile(rf"(?:^|(?<=[.!?]\s))[ \t]*(?:{_alt(v['imperatives'])})\s+[A-Z][\w-]+", re.M)
    return strong, weak, imperative, int(v.get("near_chars", 200))


@functools.cache
def _product_line() -> re.Pattern:
    """An imperative line naming a brand ("Get SleepEase ...", "Shop Dream Drops + Mask", a ™ sign)."""
    v = vocab.load("promotional")
    return re.compile(rf"^[ \t]*(?:{_alt(v['imperatives'])})\s+(?:[A-Z][a-z]+[A-Z][\w-]*\b|[A-Z][^\n]{{0,60}}?[+™®])"
                      rf"[^\n]{{0,80}}$", re.M)


def _named_once(text: str, cta: re.Match) -> bool:
    """ "Try Newsweek for only $1.25 per week" naming something the article never names again:
    the page's own advertisement inserted into the text, not a plug of what the article is about."""
    name = cta.group(0).split()[-1]
    for m in re.finditer(rf"\b{re.escape(name)}\b", text):
        lo, hi = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
        line = text[lo:hi if hi >= 0 else len(text)]
        if not cta.start() <= m.start() < cta.end() and len(line.split()) >= 8:
            return False  # named in running text too ("Follow X" page links do not count)
    return True


# The whole-text scans of the rule. Each pattern is tried only where its matches can begin, at a
# hit of the text index (a strong word, a currency sign, a number, a line start), and only when
# the strings every match holds occur at all.

def _strong_matches(index: TextIndex) -> Iterator[re.Match]:
    """``strong.finditer(text)``: the strong calls to action."""
    strong, words, end = _patterns()[0], _strong_words(), len(index.text)
    if words is None:
        return strong.finditer(index.text)
    return index.anchored(strong, words, 0, end) if index.has_any(words, 0, end) else iter(())


def _prices(index: TextIndex) -> list[re.Match]:
    """``_PRICE.finditer(text)``, then ``_PCT_OFF.finditer(text)``: the prices and discounts."""
    text, end = index.text, len(index.text)
    prices = (list(index.anchored(_PRICE, _CURRENCY_SIGNS, 0, end, with_numbers=True))
              if any(s in text for s in _PRICE_MARKS) else [])
    if index.has_all(_PCT_OFF_MARKS, 0, end):
        prices += index.number_matches(_PCT_OFF, 0, end)
    return prices


def _product_lines(index: TextIndex) -> Iterator[re.Match]:
    """``_product_line().finditer(text)``: the imperative lines naming a brand."""
    if not any(w in index.text for w in _imperatives()):
        return iter(())
    return index.line_matches(_product_line(), 0, len(index.text))


class PromotionalContent(Rule):
    """What it does: flags a product plug in the article: a discount or promo code or a strong
    call to action ("buy now", "add to cart"), or a price ("$14.95") or a discount ("10% off")
    next to a call to action or an imperative product line ("Try Xyz ..."). Signals are kept in
    ``pipeline/vocab/promotional.toml``. A price discussed on its own ("an infusion costs about
    $500") is not a plug.

    Why it matters: a plug marks a commercial interest of the publisher, which weighs on how far
    the article's claims can be trusted.

    Example that fires: "Calm Leaf Drops helped me sleep through the night. Try Calm Leaf Drops today for
    $19.99!"

    Example that does not fire: "A course of six infusions costs about $2,400 and is rarely insured."
    """

    code, slug, severity, scope, category = "A202", "promotional-content", "warning", "article", "content"
    summary = "A product plug (price with a call to action, discount code) marks a commercial interest."
    examples = (
        Example("Calm Leaf Drops helped me sleep through the night. Try Calm Leaf Drops today for $19.99!", True),
        Example("The trial was small.\n\nTry Weekly Digest for only $2 a month\n\nIts results were mixed.", False),
        Example("Take 15% off any bundle this week with promo code SNOOZE15.", True),
        Example("A course of six infusions costs about $2,400 and is rarely insured.", False),
    )

    def check(self, ctx: ArticleContext) -> Iterator[Finding]:
        strong, weak, imperative, near = _patterns()
        text = ctx.text
        evidence: list[tuple[int, int, str]] = []
        for m in _strong_matches(ctx.memo):
            evidence.append((m.start(), m.end(), f"'{m.group(0)}'"))
        for m in _prices(ctx.memo):
            lo, hi = max(0, m.start() - near), min(len(text), m.end() + near)
            cta = next((c for rx in (imperative, weak, strong, _PCT_OFF) for c in rx.finditer(text, lo, hi)
                        if not (c.start() <= m.start() < c.end())
                        and not (rx is imperative and _named_once(text, c))), None)
            if cta:
                evidence.append((min(m.start(), cta.start()), max(m.end(), cta.end()),
                                 f"'{m.group(0).strip()}' with '{cta.group(0).strip()}'"))
        for m in _product_lines(ctx.memo):
            evidence.append((m.start(), m.end(), f"'{m.group(0).strip()}'"))
        if not evidence:
            return
        evidence.sort()
        shown = "; ".join(dict.fromkeys(e[2] for e in evidence[:3]))
        s, e, _ = evidence[0]
        yield ctx.finding(self, f"product plug ({shown}): the article carries a commercial interest", s, e)
