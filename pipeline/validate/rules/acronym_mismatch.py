"""A203 acronym-mismatch."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from pipeline import vocab
from pipeline.models import Finding
from pipeline.text.index import TextIndex
from pipeline.text.numbers import matches_at
from pipeline.validate.base import ArticleContext, Example, Rule

_STOP = {"and", "of", "on", "in", "the", "for", "&", "with", "a", "an", "us", "u"}
_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "Δ": "delta", "å": "a", "æ": "e"}
_TOKEN = re.compile(r"[^\s\-‐‑–—/]+")


def _tokens(s: str) -> list[str]:
    return _TOKEN.findall(s)


def normalise(s: str) -> str:
    """Spelling-insensitive key: case, hyphens, spaces, stop words, plural -s, British spelling."""
    s = "".join(_GREEK.get(ch, ch) for ch in s).lower()
    s = s.replace("ae", "e").replace("our", "or").replace("z", "s").replace("re-uptake", "reuptake")
    out = []
    for tok in _tokens(s):
        tok = re.sub(r"[^\w]", "", tok)
        if not tok or tok in _STOP:
            continue
        if len(tok) > 3 and tok.endswith("s") and not tok.endswith("ss"):
            tok = tok[:-1]
        out.append(tok)
    return "".join(out)


def _initials(tokens: list[str]) -> str:
    return "".join(t[0].lower() for t in tokens if t and t[0].isalnum() and t.lower() not in _STOP)


def _covers(acr: str, initials: str) -> bool:
    """The acronym's letters appear in order among the initials, at most one missing."""
    acr = acr.lower()
    if not initials or initials[0] != acr[0]:
        return False
    i = 0
    for ch in initials:
        if i < len(acr) and ch == acr[i]:
            i += 1
    return i >= len(acr) - (1 if len(acr) >= 3 else 0)


def _words(s: str) -> set[str]:
    return {normalise(t) for t in _tokens(s)} - {""}


def _shares_word(expansion: str, acr: str) -> bool:
    """A wrong expansion still shares a word with the right one; none shared means another meaning."""
    std = vocab.load("acronyms")
    words = set().union(*(_words(x) for e in std["acronym"] if e["abbr"] == acr for x in e["expansions"]))
    return bool(_words(expansion) & words)


def _stems(s: str) -> list[str]:
    return [w[:5] for w in (normalise(t) for t in _tokens(s)) if w]


def _variant(expansion: str, acr: str) -> bool:
    """The standard words in order with qualifiers added or an ending changed ("randomized,
    placebo-controlled trials", "major depression disorder"): a variant, not another expansion."""
    got = _stems(expansion)
    for e in vocab.load("acronyms")["acronym"]:
        if e["abbr"] != acr:
            continue
        for x in e["expansions"]:
            it = iter(got)
            if all(any(w == g for g in it) for w in _stems(x)):
                return True
    return False


@functools.cache
def _table() -> dict[str, list[str]]:
    return {e["abbr"]: [normalise(x) for x in e["expansions"]] for e in vocab.load("acronyms").get("acronym", [])}


@functools.cache
def _after_re() -> re.Pattern:
    alts = "|".join(sorted(map(re.escape, _table()), key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])(?P<a>{alts})(?:s|'s|’s)?\s*\((?P<x>[^()\n]{{3,120}})\)")


@functools.cache
def _acronym_words() -> tuple[str, ...] | None:
    """The acronyms of the table in lower case: every match of _after_re and every acronym of a
    match of _before_re begins at an index hit of one of them (None when an acronym has other
    characters than ASCII letters, for which the lower-case hits are not known to be complete)."""
    if not all(a.isascii() and a.isalpha() for a in _table()):
        return None
    return tuple(sorted({a.lower() for a in _table()}))


def _after_matches(index: TextIndex) -> Iterator[re.Match]:
    """``_after_re().finditer(text)``, tried only where an acronym starts (another acronym inside
    a match has a letter before it, which the look-behind of _after_re rejects)."""
    words = _acronym_words()
    if words is None:
        return _after_re().finditer(index.text)
    return index.anchored(_after_re(), words, 0, len(index.text))


def _before_matches(index: TextIndex) -> Iterator[re.Match]:
    """``_before_re().finditer(text)``, tried only at a "(" that white space alone separates from
    where an acronym starts (the acronym follows "(\\s*" in every match)."""
    words, text = _acronym_words(), index.text
    if words is None:
        return _before_re().finditer(text)
    opens = set()
    for at in index.keyword_starts(words):
        q = at - 1
        while q >= 0 and text[q].isspace():  # \s is exactly str.isspace()
            q -= 1
        if q >= 0 and text[q] == "(":
            opens.add(q)
    return matches_at(_before_re(), text, sorted(opens), 0, len(text))


@functools.cache
def _before_re() -> re.Pattern:
    alts = "|".join(sorted(map(re.escape, _table()), key=len, reverse=True))
    return re.compile(rf"\(\s*(?P<a>{alts})(?:s|'s|’s)?\s*[),;]")


class AcronymMismatch(Rule):
    """What it does: checks "ACRONYM (expansion)" and "expansion (ACRONYM)" against the standard
    expansions in ``pipeline/vocab/acronyms.toml`` and flags one spelled out differently (a
    missing or wrong word). Case, hyphens and spaces, "and", plural and British spelling do not
    matter; a parenthesis that is not an attempt at the expansion ("SSRIs (such as sertraline)")
    is ignored, and so is an expansion sharing no word with the standard one (another meaning
    of the same letters, e.g. DBT for "double-blind treatment").

    Why it matters: a wrong expansion names a different thing (an "obsessive-compulsive
    disease" is not the disorder OCD names), which misleads readers and signals careless sourcing.

    Example that fires: "Untreated OCD (obsessive-compulsive disease) tends to persist."

    Example that does not fire: "Untreated OCD (obsessive-compulsive disorder) tends to persist."
    """

    code, slug, severity, scope, category = "A203", "acronym-mismatch", "warning", "article", "content"
    summary = "An acronym is expanded differently from its standard expansion."
    examples = (
        Example("Untreated OCD (obsessive-compulsive disease) tends to persist.", True),
        Example("Untreated OCD (obsessive-compulsive disorder) tends to persist.", False),
        Example("Generalised anxiety disorder (GAD) is common.", False),
        Example("Post-traumatic stress syndrome (PTSD) is common.", True),
        Example("SSRIs (such as sertraline) are first-line.", False),
    )

    def check(self, ctx: ArticleContext) -> Iterator[Finding]:
        seen: set[tuple[str, str]] = set()
        for f in self._check(ctx):
            key = (f.message, "")
            if key not in seen:
                seen.add(key)
                yield f

    def _check(self, ctx: ArticleContext) -> Iterator[Finding]:
        table = _table()
        for m in _after_matches(ctx.memo):
            acr, exp = m.group("a"), m.group("x").strip()
            toks = _tokens(exp)
            if not toks or not _covers(acr, _initials(toks)) or len(toks) > 2 * len(acr) + 3:
                continue
            key = normalise(exp)
            if not any(std in key for std in table[acr]) and _shares_word(exp, acr) and not _variant(exp, acr):
                yield self._finding(ctx, acr, exp, m.start("x"), m.end("x"))
        for m in _before_matches(ctx.memo):
            acr = m.group("a")
            got = self._expansion_before(ctx.text, m.start(), acr, table[acr])
            if got:
                yield self._finding(ctx, acr, *got)

    @staticmethod
    def _expansion_before(text: str, paren: int, acr: str, standards: list[str]):
        """(expansion, start, end) of a wrong expansion right before "(ACR)", or None."""
        line_start = text.rfind("\n", 0, paren) + 1
        toks = list(_TOKEN.finditer(text, line_start, paren))[-(2 * len(acr) + 3):]
        if not toks:
            return None
        end = toks[-1].end()
        for k in range(1, len(toks) + 1):
            if normalise(text[toks[-k].start():end]) in standards:
                return None
        for k in range(max(1, len(acr) - 1), len(toks) + 1):
            words = [t.group(0) for t in toks[-k:]]
            if re.search(r"[.;:!?]", text[toks[-k].start():end]) and k > 1:
                break
            if _covers(acr, _initials(words)):
                start = toks[-k].start()
                if not _shares_word(text[start:end], acr) or _variant(text[start:end], acr):
                    return None
                return text[start:end], start, end
        return None

    def _finding(self, ctx: ArticleContext, acr: str, exp: str, start: int, end: int) -> Finding:
        std = vocab.load("acronyms")
        wanted = next(e["expansions"][0] for e in std["acronym"] if e["abbr"] == acr)
        return ctx.finding(self, f"{acr} is expanded as '{exp}'; the standard expansion is '{wanted}'", start, end)
