"""Statistics a study's text states, as typed facts with spans (``pipeline.models.stats``).

- effect estimates: ``HR 0.72 (95% CI 0.60-0.86; p<0.001)``, ``odds ratio = 1.8, 95% CI: 1.2 to
  2.7, P = .004``, ``MD −2.1 [−3.0, −1.2]``, with the words "significant" / "not significant"
  written next to them;
- test statistics: ``t(48) = 2.31, p = .025``, ``F(2, 97) = 4.12``, ``χ2(1) = 6.3``, ``z = 2.1``;
- means of whole-number items with their SD and n: ``mean number of relapses 1.47 (SD 0.9; n = 19)``;
- percentages with their counts (``18 of 24 (75%)``), of a stated number of people (``71% of 18
  patients``), of the participants or of an arm (``60% of the patients``, ``40% of the placebo
  group``), and the arm sizes those need (``the placebo group (n = 30)``).

Every parser is anchored: keywords are found once per text with ``str.find`` (or number starts
from ``numbers.number_spans``) and a pattern is matched only at those places.
"""
from __future__ import annotations

import bisect
import functools
import re

from pipeline.text.sentences import sentences
from pipeline.text.numbers import APPROX_BEFORE, NUMBER, number_spans, parse_number
from pipeline.extract.segment import Segment
from pipeline.text.index import index_of
from pipeline.models import Fact, Span, StudyFacts
from pipeline.models.stats import (
    RATIO_MEASURES,
    EffectEstimate,
    MeanValue,
    PercentOfCount,
    PercentOfGroup,
    PValue,
    TestStatistic,
)

MAX_RATIO = 50.0
# Parametrised once: pydantic generics are slow to look up per call.
_Float, _Int, _Str, _Bool = Fact[float], Fact[int], Fact[str], Fact[bool]

# A signed decimal as written: "0.72", ".004", "0·79" (Lancet's middle dot), "−2.1" (minus sign).
_NUM = r"(?:[-−–‒]\s?)?(?:\d+(?:[.·∙]\d+)?|[.·∙]\d+)"
_UNSIGNED = r"(?:\d+(?:[.·∙]\d+)?|[.·∙]\d+)"
# p-values also come in scientific notation: "2 × 10−5", "1.2x10^-4", "3e-6".
_PNUM = rf"{_UNSIGNED}(?:\s*[×x*]\s*10\s*\^?\s*[-−–]\s*\d+|[eE][-−]\d+)?"


def to_float(quote: str) -> float:
    """The value of a number as written (``0·79``, ``−2.1``, ``2 × 10−5``)."""
    s = quote.replace("·", ".").replace("∙", ".").replace(" ", "").replace("\u00a0", "")
    for ch in "−–‒":
        s = s.replace(ch, "-")
    m = re.fullmatch(r"(-?[\d.]+)(?:[×x*]10\^?(-\d+)|[eE](-\d+))?", s)
    if not m:
        raise ValueError(f"not a number: {quote!r}")
    base = float(m.group(1))
    exp = m.group(2) or m.group(3)
    return base * 10.0 ** int(exp) if exp else base


def _fact(text: str, m: re.Match, group: str, rule: str) -> Fact[float]:
    return _Float(value=to_float(m.group(group)), span=Span.of(text, *m.span(group)), rule=rule)


# --- where the keywords are -------------------------------------------------------------------

def _find_all(haystack: str, word: str) -> list[int]:
    out, at = [], haystack.find(word)
    while at >= 0:
        out.append(at)
        at = haystack.find(word, at + 1)
    return out


def _find_cased(text: str, word: str) -> list[int]:
    """Offsets of ``word`` with its first letter in either case ("ratio", "Ratio"): cheaper than
    lower-casing every text, and these keywords are rarely written in capitals."""
    return sorted(_find_all(text, word) + _find_all(text, word[0].upper() + word[1:]))


# Estimates and test statistics are only of use with a p-value or an interval, so they are looked
# for only in windows around one: a p-value ("p = .02", "P<0·001", "p-value of 0.03") or "CI" /
# "confidence" / "credible". The first character of _P_MARK is a plain set, which the regex engine
# scans for in C.
_P_MARK = re.compile(r"[pP](?<![A-Za-z][pP])(?:\s?[-‐]?\s?values?)?\s*(?:[=<>≤≥]|of\s)")
_BEFORE_MARK, _AFTER_MARK = 170, 60
_EST_START = re.compile(
    r"(?<![\w-])(?:(?:a|adj\.?\s?)?(?:OR|HR)|a?RR|IRR|S?MD|WMD|RD)(?![\w-])"
    r"|(?i:(?<![\w-])(?:(?:adjusted|pooled|crude)\s+)?(?:odds|hazards?|risk|rate|incidence\s+rate|prevalence)\s+ratio"
    r"|relative\s+risk|(?:(?:standardi[sz]ed|weighted)\s+)?mean\s+difference|risk\s+difference)")
_TEST_START = re.compile(r"(?<![A-Za-z0-9_.'’])(?:[tFzZ]\s{0,2}[(\[=]|χ|X[2²]|(?i:chi)(?:[- ]?squ|\s?\^?[2²]))")


def _has_p_sign(text: str) -> bool:
    """Whether a p-value is possible at all (a few ``in`` tests skip the scan in most news texts)."""
    return any(c in text for c in "=<>≤≥") or "value of" in text or "values of" in text


@functools.lru_cache(maxsize=4)
def _mark_windows(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Merged windows around every p-value, and around every p-value or interval word."""
    p_marks = [m.start() for m in index_of(text).matches(_P_MARK, 0, len(text))] if _has_p_sign(text) else []
    ci_marks = _find_all(text, "CI") + _find_cased(text, "confidence") + _find_cased(text, "credible")
    return _merge(p_marks, len(text)), _merge(sorted(p_marks + ci_marks), len(text))


def _merge(marks: list[int], n: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i in marks:
        lo, hi = max(0, i - _BEFORE_MARK), min(n, i + _AFTER_MARK)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


@functools.lru_cache(maxsize=4)
def _estimate_anchors(text: str) -> list[int]:
    return [m.start() for lo, hi in _mark_windows(text)[1] for m in _EST_START.finditer(text, lo, hi)]


@functools.lru_cache(maxsize=4)
def _test_anchors(text: str) -> list[int]:
    return [m.start() for lo, hi in _mark_windows(text)[0] for m in _TEST_START.finditer(text, lo, hi)]


@functools.lru_cache(maxsize=4)
def _anchors(text: str) -> dict[str, list[int]]:
    """Sorted offsets where each kind of statement may start (keywords found with ``str.find``)."""
    return {"estimate": _estimate_anchors(text), "test": _test_anchors(text), "mean": _find_cased(text, "mean"),
            "percent": sorted(set(_find_all(text, "%") + _find_cased(text, "percent") + _find_cased(text, "per cent")))}


@functools.lru_cache(maxsize=4)
def _level_anchors(text: str) -> list[int]:
    return sorted(_find_all(text, "% CI") + _find_all(text, "%CI") + _find_cased(text, "% confidence"))


def _between(found: list[int], start: int, end: int) -> list[int]:
    return found[bisect.bisect_left(found, start):bisect.bisect_left(found, end)]


# --- effect estimates ---------------------------------------------------------------------------

_LABEL = re.compile(
    r"(?P<label>(?:a|adj\.?\s?)?(?:OR|HR)|a?RR|IRR|S?MD|WMD|RD"
    r"|(?i:(?:(?:adjusted|pooled|crude)\s+)?(?:odds|hazards?|risk|rate|incidence\s+rate|prevalence)\s+ratios?"
    r"|relative\s+risk|(?:(?:standardi[sz]ed|weighted)\s+)?mean\s+differences?|risk\s+differences?))(?![\w-])")
_MEASURE_OF = [("standardi", "SMD"), ("smd", "SMD"), ("odds", "OR"), ("or", "OR"), ("hazard", "HR"),
               ("hr", "HR"), ("incidence", "IRR"), ("irr", "IRR"), ("rate", "IRR"), ("risk ratio", "RR"),
               ("relative risk", "RR"), ("prevalence", "RR"), ("rr", "RR"), ("risk diff", "RD"), ("rd", "RD"),
               ("md", "MD"), ("wmd", "MD"), ("weighted", "MD"), ("mean", "MD")]
_TO_ESTIMATE = re.compile(
    r"(?:\s*[(\[]\s*(?:a|adj\.?\s?)?[A-Z]{2,4}\s*[)\]])?"             # hazard ratio [HR]
    r"(?:\s*[(\[]\s*95\s?%\s?CI\s*[)\]])?"                              # HR (95% CI) 0.72 (...)
    r"(?:\s+(?:for|of|in|between|among|comparing)\s+[^\d()\[\];.=:<>%]{1,60}?)??"  # hazard ratio for death
    r"\s*(?:,|:|=|≈|\bof\b|\bwas\b|\bwere\b|\bis\b)?\s*"
    rf"(?P<est>{_NUM})(?![\d.·,]\d|\s*[-–]\s*fold|\s?%\s?(?:CI|C\.I\.|(?i:confidence|credible)))")
_UNIT_AFTER = re.compile(r"\s?%|\s+(?!(?:CI|CrI|to|and|or|vs|versus|p|P|with|in|for|of)\b)[A-Za-zµμ][\w/·.]{0,9}(?=[\s,;(\[])")
_LEVEL = r"(?P<lv>\d{2}(?:[.·]\d+)?)\s?%\s?"
_CI = re.compile(
    r"\s*[,;]?\s*(?:[(\[]\s*)?"
    rf"(?:{_LEVEL})?"
    r"(?P<lab>CIs?(?![A-Za-z])|CrI\b|C\.I\.|(?i:confidence\s+intervals?|credible\s+intervals?|uncertainty\s+intervals?))"
    r"(?:\s?(?P<lv2>\d{2})\s?%)?(?:\s*[(\[]\s*CI\s*[)\]])?"
    r"\s*(?:[:=,]|\bof\b|\bwas\b|\bfrom\b)?\s*[(\[]?\s*"
    rf"(?P<lo>{_NUM})\s?%?\s*(?:to|[-–—‑‒]|,|;|and)\s*(?P<hi>{_NUM})(?![\d.·]\d)\s?%?\s*[)\]]?")
_BARE_CI = re.compile(rf"\s*[(\[]\s*(?P<lo>{_NUM})\s?%?\s*(?:to|[-–—‑‒]|,|;)\s*(?P<hi>{_NUM})(?![\d.·]\d)\s?%?\s*[)\]]")
_P = re.compile(
    r"[\s,;:]*(?:[)\]]\s*[,;:]?\s*)?(?:(?:and|with)\s+)?"
    r"(?:(?!(?:interaction|trend|heterogeneity|for|one-sided|one-tailed)\b)[A-Za-z][\w-]*\s+){0,3}?"
    r"(?P<stmt>(?<![A-Za-z])[pP](?:\s?[-‐]?\s?values?)?\s*"
    r"(?P<cmp><=|>=|=<|=>|[=<>≤≥]|\bof\b|\bwas\b)\s*"
    rf"(?P<p>{_PNUM}))(?!\d|[.·]\d)")
_CMP = {"=": "=", "of": "=", "was": "=", "<": "<", ">": ">", "<=": "<=", "=<": "<=", "≤": "<=", ">=": ">=",
        "=>": ">=", "≥": ">="}

_SIGNIFICANT = re.compile(r"\b(?:non-?\s?|in)?significan(?:t|tly|ce)\b", re.I)
# A negation up to four words before "significant": "did not differ significantly", "no statistically
# significant", "was not significantly different".
_NEGATED = re.compile(r"(?:\b(?:not|no|nor|never|without|neither|failed|fail|lack)|n't)\b(?:\W+\w+){0,4}?\W+$", re.I)
_HEDGED = re.compile(r"\b(?:marginal|borderline|trend|nearly|approach|almost|clinically)|\bsignificance\s+(?:level|was\s+set|"
                     r"threshold)|\blevel\s+of\s+significance", re.I)


def _measure(label: str) -> str:
    """OR, RR, HR, IRR, MD, RD or SMD for a label as written ("aHR", "adjusted odds ratio", "WMD")."""
    if re.fullmatch(r"(?:a|adj\.?\s?)[A-Z]{2,3}", label):
        label = re.sub(r"^(?:a|adj\.?\s?)", "", label)
    low = re.sub(r"^(?:adjusted|pooled|crude)\s+", "", label.lower())
    return next((measure for key, measure in _MEASURE_OF if low.startswith(key)), "OR")


def _estimates(text: str, start: int, end: int) -> list[EffectEstimate]:
    out: list[EffectEstimate] = []
    levels_cache: list = []
    taken_to = -1
    sents = None
    for a in _between(_anchors(text)["estimate"], start, end):
        if a < taken_to:
            continue
        lab = _LABEL.match(text, a, end)
        if not lab:
            continue
        em = _TO_ESTIMATE.match(text, lab.end(), end)
        if not em:
            continue
        pos = em.end()
        um = _UNIT_AFTER.match(text, pos, end)
        if um:
            pos = um.end()
        cm = _CI.match(text, pos, end)
        bare = False
        if not cm:
            cm = _BARE_CI.match(text, pos, end)
            bare = cm is not None
            if bare and to_float(cm.group("lo")) > to_float(cm.group("hi")):
                cm = None  # two numbers in brackets, not an interval
        level = None
        if cm:
            pos = cm.end()
            lv = "lv" if not bare and cm.group("lv") else ("lv2" if not bare and cm.group("lv2") else None)
            if lv:
                level = _Float(value=to_float(cm.group(lv)), span=Span.of(text, *cm.span(lv)), rule="statistics/ci-level")
            elif len({v for v, _, _ in _declared(levels_cache, text, start, end)}) == 1:
                levels = levels_cache[0]
                v, s, e = levels[0]  # the level the study declares for its intervals ("95% CI" elsewhere)
                level = _Float(value=v, span=Span.of(text, s, e), rule="statistics/ci-level-declared")
        pm = _P.match(text, pos, min(end, pos + 60))
        p = None
        if pm:
            p = PValue(value=_fact(text, pm, "p", "statistics/p-value"), comparator=_CMP[pm.group("cmp")],
                       span=Span.of(text, *pm.span("stmt")))
            pos = pm.end()
        if not cm and not p:
            continue  # an estimate alone: nothing to check it against
        rule = "statistics/estimate"
        measure = _measure(lab.group("label"))
        if measure in RATIO_MEASURES and not (0 < to_float(em.group("est")) <= MAX_RATIO and (
                not cm or min(to_float(cm.group("lo")), to_float(cm.group("hi"))) > 0)):
            continue  # "HR 72 (65-80)" is a heart rate: ratios are positive and rarely large
        if sents is None:
            sents = sentences(text, start, end)
        stmt_end = max(pos, cm.end() if cm else 0)
        est = EffectEstimate(
            measure=_Str(value=measure, span=Span.of(text, *lab.span("label")), rule=rule),
            estimate=_fact(text, em, "est", rule),
            ci_level=level,
            ci_low=_fact(text, cm, "lo", "statistics/ci") if cm else None,
            ci_high=_fact(text, cm, "hi", "statistics/ci") if cm else None,
            p=p,
            significance=_significance(text, sents, a, stmt_end, out[-1].span.char_end if out else start),
            span=Span.of(text, a, stmt_end))
        out.append(est)
        taken_to = stmt_end
    return out


def _significance(text: str, sents, start: int, end: int, previous_end: int) -> Fact[bool] | None:
    """What "significant" / "not significant" next to the statement says: in its clause before it
    (after any earlier statement, p-value or "but"/"while"), or right after it ("..., which was
    not significant")."""
    i = bisect.bisect_right([s for s, _ in sents], start) - 1
    if i < 0:
        return None
    s0, s1 = sents[i]
    lo = max(s0, previous_end, start - 100)
    for brk in _CLAUSE_BREAK.finditer(text, lo, start):
        lo = brk.end()
    after = _SIGNIFICANCE_AFTER.match(text, end, min(s1, end + 60))
    found = None
    if after:
        found = after.start("word"), after.end("word")
    elif not _HEDGED.search(text, lo, start):
        for m in _SIGNIFICANT.finditer(text, lo, start):
            found = m.span()
    if found is None:
        return None
    a, b = found
    word = text[a:b].lower()
    negation = _NEGATED.search(text, max(s0, a - 40), a)
    if negation:  # the span quotes the whole negated phrase: "did not differ significantly"
        return _Bool(value=False, span=Span.of(text, negation.start(), b), rule="statistics/significance")
    return _Bool(value=not word.startswith(("non", "in")), span=Span.of(text, a, b), rule="statistics/significance")


_CLAUSE_BREAK = re.compile(r";|\b(?:but|while|whereas|although|though|except|however)\b|(?<![A-Za-z])[pP]\s*[=<>≤≥]\s*[\d.·]+",
                           re.I)
_SIGNIFICANCE_AFTER = re.compile(r"[\s,;)\]]*(?:(?:which|this|that|and|the\s+difference)\s+)?(?:was|were|is|are|being)\s+"
                                 r"(?:(?:not|also|statistically|highly)\s+){0,3}"
                                 r"(?P<word>(?:non-?\s?|in)?significant(?:ly)?)\b", re.I)


_LEVEL_BACK = re.compile(r"(?<![\d.·])(\d{2}(?:[.·]\d+)?)\s?$")


def _declared(cache: list, text: str, start: int, end: int) -> list[tuple[float, int, int]]:
    """The study's declared levels, found on first use (most studies state their levels inline)."""
    if not cache:
        cache.append(_declared_levels(text, start, end))
    return cache[0]


def _declared_levels(text: str, start: int, end: int) -> list[tuple[float, int, int]]:
    out = []
    for i in _between(_level_anchors(text), start, end):
        m = _LEVEL_BACK.search(text, max(0, i - 6), i)
        if m:
            out.append((to_float(m.group(1)), m.start(1), m.end(1)))
    return out


# --- test statistics -----------------------------------------------------------------------------

_TEST = re.compile(
    r"(?P<test>[tFzZ]|χ\s?\^?[2²]|(?i:chi[- ]?squared?|chi\s?\^?[2²])|X[2²])"
    r"(?:\s?[(\[]\s*(?P<df1>\d+(?:\.\d+)?)(?:\s*,\s*(?P<df2>\d+(?:\.\d+)?))?"
    r"(?:\s*,\s*(?:[Nn]|n\s?=)\s*=?\s*\d[\d,]*)?\s*[)\]])?"
    r"(?:\s+(?:value|statistic|test))?\s*(?:=|:)\s*"
    rf"(?P<val>{_NUM})(?!\d|[.·]\d|,\d{{3}}\b)"
    r"(?:\s*,\s*(?:df|d\.f\.)\s*=\s*(?P<df1b>\d+(?:\.\d+)?)(?:\s*,\s*(?P<df2b>\d+(?:\.\d+)?))?)?")
# A comma, semicolon or bracket before the p: in flattened tables a p merely next to a statistic
# often belongs to another column.
_TEST_P = re.compile(
    r"\s*(?:[,;]|\()\s*(?:(?:two|one)[- ](?:sided|tailed)\s+)?"
    r"(?P<stmt>(?<![A-Za-z])[pP]\s*(?P<cmp><=|>=|=<|=>|[=<>≤≥])\s*"
    rf"(?P<p>{_PNUM}))(?!\d|[.·]\d)")
_ONE_SIDED = re.compile(r"\bone[- ](?:sided|tailed)|\bdirectional\b", re.I)


def _tests(text: str, start: int, end: int) -> list[TestStatistic]:
    out: list[TestStatistic] = []
    taken_to = -1
    for a in _between(_anchors(text)["test"], start, end):
        if a < taken_to:
            continue
        m = _TEST.match(text, a, end)
        if not m:
            continue
        name = m.group("test")
        test = name if name in ("t", "F") else ("z" if name in "zZ" else "chi2")
        d1, d2 = ("df1", "df2") if m.group("df1") else ("df1b", "df2b")
        if test == "F" and not m.group(d2) or test in ("t", "chi2") and (not m.group(d1) or m.group(d2)):
            continue  # F needs two degrees of freedom, t and chi-square one
        if test == "z" and m.group("df1"):
            continue
        pm = _TEST_P.match(text, m.end(), end)
        rule = f"statistics/{test}"
        one_sided = bool(_ONE_SIDED.search(text, max(start, a - 200), min(end, m.end() + 100)))
        out.append(TestStatistic(
            test=test,
            df1=_fact(text, m, d1, rule) if m.group(d1) else None,
            df2=_fact(text, m, d2, rule) if m.group(d2) else None,
            value=_fact(text, m, "val", rule),
            p=PValue(value=_fact(text, pm, "p", "statistics/p-value"), comparator=_CMP[pm.group("cmp")],
                     span=Span.of(text, *pm.span("stmt"))) if pm else None,
            one_sided=one_sided,
            span=Span.of(text, a, pm.end() if pm else m.end())))
        taken_to = pm.end() if pm else m.end()
    return out


# --- means of whole-number items (GRIM) ------------------------------------------------------------

_TIME_OR_RATE = re.compile(r"\b(?:per|a|each)\s+(?:day|week|month|year|night|hour|session|visit)\b|/\s*(?:day|d|wk|"
                           r"week|month|mo|year|yr)\b|\b(?:daily|weekly|monthly|hours?|minutes?|mins?|seconds?|"
                           r"days?|weeks?|months?|years?|kg|mg|ml|cm|mm|percent|%)\b|\b(?:score|scale|total|index|sum|"
                           r"subscale|composite|points?)\b", re.I)
_MEAN = re.compile(
    r"(?i:mean|average)\s+(?P<what>(?:(?:number|count)\s+of\s+[a-z][a-z -]{1,40}?"
    r"|[a-z -]{0,40}?\b(?:single|one)[- ]item\b[a-z -]{0,40}?|[a-z -]{0,40}?\blikert[- ]item\b[a-z -]{0,30}?))"
    r"\s*(?:\((?:SD|s\.d\.)\)\s*)?(?:,|:|=|\bwas\b|\bwere\b|\bof\b)?\s*"
    r"(?P<mean>\d+[.·]\d+)(?!\d|[.·]\d)"
    r"(?:\s*(?:\(\s*(?:(?:SD|s\.d\.)\s*[=:]?\s*)?(?P<sd>\d+(?:[.·]\d+)?)(?:\s*[;,]\s*[nN]\s*=\s*(?P<n>\d+))?\s*\)"
    r"|±\s*(?P<sd2>\d+(?:[.·]\d+)?)))?"
    r"(?:\s*(?:\(\s*[nN]\s*=\s*(?P<n2>\d+)\s*\)|,?\s+(?:in|among|for|across)\s+(?:the|these|all)\s+(?P<n3>\d+)\s+"
    r"(?:patients|participants|subjects|people|respondents|children|adults|women|men)\b))?")


def _means(text: str, start: int, end: int) -> list[MeanValue]:
    out = []
    for a in _between(_anchors(text)["mean"], start, end):
        if a > 0 and text[a - 1].isalpha():
            continue
        m = _MEAN.match(text, a, end)
        if not m:
            continue
        what = m.group("what")
        n_group = next((g for g in ("n", "n2", "n3") if m.group(g)), None)
        sd_group = "sd" if m.group("sd") else ("sd2" if m.group("sd2") else None)
        rule = "statistics/mean"
        whole = not _TIME_OR_RATE.search(what) and not _TIME_OR_RATE.match(text, m.end("mean"))
        out.append(MeanValue(
            mean=_fact(text, m, "mean", rule),
            sd=_fact(text, m, sd_group, rule) if sd_group else None,
            n=_Int(value=int(m.group(n_group)), span=Span.of(text, *m.span(n_group)), rule=rule) if n_group else None,
            integer_item=_Str(value=" ".join(what.split()), span=Span.of(text, *m.span("what")), rule=rule)
            if whole else None,
            span=Span.of(text, a, m.end())))
    return out


# --- percentages and arms ----------------------------------------------------------------------------

_POP = (r"(?:patients?|participants?|subjects?|adults?|people|persons?|individuals?|volunteers?|children|"
        r"child|adolescents?|teens?|teenagers?|youths?|women|men|males?|females?|boys?|girls?|veterans?|"
        r"outpatients?|inpatients?|cases?|respondents?|students?|nurses?|workers?|residents?|mothers?|"
        r"infants?|smokers?|users?|survivors?|employees?|athletes?|recruits?|soldiers?|couples?|families|"
        r"pairs?|twins?|responders?|completers?|mice|rats?|eyes?|members?|clients?|caregivers?|parents?|"
        r"elderly|seniors?|retirees?|pregnant women|healthy volunteers?)")
N = NUMBER
P = r"(?P<p>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)(?!\s*(?:CI|confidence|credible|interval|PI)\b)"
_OF = r"(?:out\s+of|of)\s+(?:the\s+|these\s+|all\s+)?"
# Every form begins with a number (a count or a percentage), so it is tried only where one starts.
_COUNT_FORMS = [
    # 18 of 24 (80%) / 18 of the 24 patients (80%) / 18 of 24 patients, or 80%,
    re.compile(rf"(?<![\d.,])\b(?P<x>{N})\s+{_OF}(?P<y>{N})(?:(?:\s+[a-z-]+){{0,3}}?\s*\(|,\s*(?:or|i\.e\.,?)\s+)"
               rf"\s*{P}", re.I),
    # 14/17 (82%)
    re.compile(rf"(?<![\d.,/])\b(?P<x>\d+)\s*/\s*(?P<y>\d+)\b(?:\s+[a-z-]+){{0,2}}?\s*\(\s*{P}", re.I),
    # 80% (18/24), 80% (18 of 24), 80% (n = 18/24)
    re.compile(rf"(?<![\d.])\b{P}\s*\(\s*(?:n\s*=\s*)?(?P<x>{N})\s*(?:/|{_OF})\s*(?P<y>{N})\s*\)", re.I),
    # 90% of patients (18 out of 20)
    re.compile(rf"(?<![\d.])\b{P}\s+of\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?\(\s*(?P<x>{N})\s+(?:out\s+of|of)\s+"
               rf"(?:the\s+)?(?P<y>{N})\b", re.I),
    # 12 (66.7%) of 18
    re.compile(rf"(?<![\d.,])\b(?P<x>{N})\s*\(\s*{P}\s*\)\s*{_OF}(?P<y>{N})\b", re.I),
]
# 71% of 18 patients
_PCT_OF_N = re.compile(rf"(?<![\d.])\b{P}\s+of\s+(?:the\s+|these\s+|all\s+)?(?P<y>{N})\s+(?:[a-z-]+\s+)?{_POP}\b", re.I)
# 60% of the patients (had ...): the participants, when nothing narrows them down
_PCT_OF_ALL = re.compile(rf"(?<![\d.])\b{P}\s+of\s+(?:the|these|all(?:\s+the)?|our)\s+(?P<noun>{_POP})\b"
                         r"(?!\s*(?:(?:who|whom|that|with|without|in|on|from|aged|under|over|receiving|taking|treated|"
                         r"given|assigned|allocated|randomi[sz]ed|enrolled|at|after|before|during|of)\b|[(,'’]))", re.I)
# 40% of the placebo group (relapsed)
_PCT_OF_ARM = re.compile(rf"(?<![\d.])\b{P}\s+of\s+the\s+(?P<arm>[a-z][\w-]*)\s+(?:group|arm)\b"
                         r"(?!\s*(?:who|whom|that|with|and|or|versus|vs|[(,'’])\b)", re.I)
# Their antecedents: "24 patients", "the placebo group (n = 18)".
_N_NOUN = re.compile(rf"(?<![\d.,])\b(?P<n>{N})\s+(?:[A-Za-z-]+\s+)?(?P<noun>{_POP})\b", re.I)
_ARM_N = re.compile(r"\b(?P<arm>[a-z][\w-]*)\s+(?:group|arm)\s*\(\s*[nN]\s*=\s*(?P<n>\d+)\s*\)", re.I)
# A change of a measure, not a share of people: "decreased by 2.2% in the placebo group".
_CHANGE_BEFORE = re.compile(r"\b(?:(?:reduced|decreased|increased|fell|rose|dropped|improved|declined|lower|higher|changed|"
                            r"grew|went\s+(?:up|down))\s+by|lost|gained|reductions?|increases?|decreases?|changes?|"
                            r"loss|gain|declines?)(?:\s+of)?\s*$", re.I)
_NOT_ARM = {"a", "an", "the", "each", "one", "two", "three", "either", "both", "this", "that", "study", "treatment",
            "same", "other", "whole", "entire", "total", "age", "control-", "which", "every", "all"}
_PLURAL = re.compile(r"(?:s|es)$")


def singular(noun: str) -> str:
    """ "patients" -> "patient", "women" -> "woman": so that "24 patients" names "the patients"."""
    noun = noun.lower()
    irregular = {"women": "woman", "men": "man", "children": "child", "people": "person", "families": "family",
                 "mice": "mouse"}
    return irregular.get(noun, _PLURAL.sub("", noun) if noun.endswith("s") and not noun.endswith("ss") else noun)


def _number_starts(text: str, start: int, end: int) -> list[int]:
    spans = number_spans(text)
    lo = bisect.bisect_left(spans, (start, -1))
    hi = bisect.bisect_left(spans, (end, -1))
    return [s for s, _ in spans[lo:hi]]


def _matches(rx: re.Pattern, text: str, starts: list[int], end: int):
    pos = -1
    for s in starts:
        if s < pos:
            continue
        m = rx.match(text, s, end)
        if m:
            yield m
            pos = m.end()


def _approx(text: str, m: re.Match) -> bool:
    return bool(APPROX_BEFORE.search(text, max(0, m.start("p") - 14), m.start("p")))


def _windows(found: list[int], start: int, end: int, before: int, after: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i in _between(found, start, end):
        lo, hi = max(start, i - before), min(end, i + after)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _percentages(text: str, start: int, end: int) -> list:
    spans = _windows(_anchors(text)["percent"], start, end, 90, 60)
    if not spans:
        return []
    out: list = []
    taken: list[tuple[int, int]] = []
    starts = [(lo, hi, _number_starts(text, lo, hi)) for lo, hi in spans]
    for rx in _COUNT_FORMS:
        for m in (m for lo, hi, st in starts for m in _matches(rx, text, st, hi)):
            if any(s <= m.start() < e for s, e in taken) or _approx(text, m):
                continue
            x, y = parse_number(m.group("x")), parse_number(m.group("y"))
            if x is None or not y or x > y:
                continue  # x > y is count-exceeds-total
            taken.append((m.start(), m.end()))
            rule = "statistics/percent-count"
            out.append(PercentOfCount(count=_Int(value=x, span=Span.of(text, *m.span("x")), rule=rule),
                                      total=_Int(value=y, span=Span.of(text, *m.span("y")), rule=rule),
                                      percent=_fact(text, m, "p", rule), span=Span.of(text, *m.span())))
    for m in (m for lo, hi, st in starts for m in _matches(_PCT_OF_N, text, st, hi)):
        if any(s <= m.start() < e for s, e in taken) or _approx(text, m) or float(m.group("p")) > 100:
            continue
        y = parse_number(m.group("y"))
        if y:
            taken.append((m.start(), m.end()))
            out.append(PercentOfGroup(percent=_fact(text, m, "p", "statistics/percent-of-n"),
                                      total=_Int(value=y, span=Span.of(text, *m.span("y")), rule="statistics/percent-of-n"),
                                      span=Span.of(text, *m.span())))
    sents = None
    for rx, kind in ((_PCT_OF_ALL, "noun"), (_PCT_OF_ARM, "arm")):
        for m in (m for lo, hi, st in starts for m in _matches(rx, text, st, hi)):
            if (any(s <= m.start() < e for s, e in taken) or _approx(text, m) or float(m.group("p")) > 100
                    or _CHANGE_BEFORE.search(text, max(0, m.start() - 15), m.start())):
                continue
            if kind == "arm" and m.group("arm").lower() in _NOT_ARM:
                continue
            sents = sentences(text, start, end) if sents is None else sents
            total = _antecedent(text, sents, start, m, kind)
            if total is None:
                continue
            rule = f"statistics/percent-of-{kind}"
            taken.append((m.start(), m.end()))
            out.append(PercentOfGroup(percent=_fact(text, m, "p", rule), total=total,
                                      group=_Str(value=m.group(kind).lower(), span=Span.of(text, *m.span(kind)), rule=rule),
                                      span=Span.of(text, *m.span())))
    return out


def _antecedent(text: str, sents, start: int, m: re.Match, kind: str) -> Fact[int] | None:
    """The number that "the patients" / "the placebo group" refers to: the last number of people
    (of that arm) stated in the same or the previous sentence, when it names the same people and
    no other number of people comes between."""
    i = bisect.bisect_right([s for s, _ in sents], m.start()) - 1
    lo = sents[max(i - 1, 0)][0] if i >= 0 else start
    if kind == "noun":
        found = [a for a in _matches(_N_NOUN, text, _number_starts(text, lo, m.start()), m.start())]
        if not found or singular(found[-1].group("noun")) != singular(m.group("noun")):
            return None
        last = found[-1]
        n = parse_number(last.group("n"))
    else:
        found = [a for a in _ARM_N.finditer(text, lo, m.start()) if a.group("arm").lower() == m.group("arm").lower()]
        if not found or len({a.group("n") for a in found}) != 1:
            return None
        last = found[-1]
        n = int(last.group("n"))
    if not n:
        return None
    return _Int(value=n, span=Span.of(text, *last.span("n")), rule=f"statistics/percent-of-{kind}")


# --- entry points ------------------------------------------------------------------------------------------

def statistics_in(text: str, start: int, end: int) -> list:
    """Every statistic stated in ``text[start:end]``, in text order."""
    found = _estimates(text, start, end) + _tests(text, start, end)
    found += _means(text, start, end) + _percentages(text, start, end)
    found.sort(key=lambda s: (s.span.char_start, s.span.char_end))
    return found


def fill(text: str, seg: Segment, study: StudyFacts) -> None:
    """Set ``study.statistics`` from ``text[seg.span]``."""
    study.statistics = statistics_in(text, seg.span.char_start, seg.span.char_end)
