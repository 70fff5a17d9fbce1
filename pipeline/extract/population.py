"""Who took part: men/women counts, their percentages, and the age range or mean.

Counts come from the flow's sex subgroups ("72 men and 98 women", "Sixty-five were men and
thirty-one were women"), preferring the split that adds up to one of the study's totals and
leaving out splits of an arm or of the completers. A stated share of the stated sample size
gives a count when it gives exactly one ("60% of the 40 were women" -> 24; "two-thirds were
women" of 120 -> 80; "the rest were men" -> the remainder). A study whose participants are all
named by one sex ("167 women with breast cancer", "pregnant women") has that many of that sex
and none of the other; "women" used generally, or both sexes named, is not a sample of one sex.
"""
from __future__ import annotations

import re
from fractions import Fraction

from pipeline.extract.segment import Segment
from pipeline.models import Fact, FlowFact, Span, StudyFacts
from pipeline.text.index import index_of
from pipeline.text.numbers import APPROX_BEFORE, matches_at
from pipeline.text.regex import compile_skipping

_MALE = r"(?:men|males?|boys)"
_FEMALE = r"(?:women|females?|girls)"
_SEX_RE = compile_skipping(rf"\b(?:{_MALE}|{_FEMALE}|fathers|mothers|male|female)\b", re.I)
_PCT = compile_skipping(
    r"(?P<p>\d{1,3}(?:\.\d{1,2})?)\s?(?:%|percent|per\s?cent)\s{1,4}(?:of\s{1,4}(?:the\s{1,4})?(?:\w+\s{1,4})?"
    r"(?:participants|patients|subjects|sample|respondents|cohort|volunteers|adults|children|group)\s{1,4})?"
    rf"(?:(?:were|was)\s{{1,4}})?(?P<s>{_MALE}|{_FEMALE}|male|female)\b"
    rf"|\b(?P<s3>{_MALE}|{_FEMALE}|males?|females?)\s{{1,4}}(?:made\s{{1,4}}up|comprised|accounted\s{{1,4}}for|"
    r"represented|were|constituted|formed)\s{1,4}(?:about\s{1,4}|approximately\s{1,4})?(?P<p3>\d{1,3}(?:\.\d{1,2})?)\s?(?:%|percent)"
    rf"|\b(?P<s2>{_MALE}|{_FEMALE}|male|female)\b[\s,:(]{{1,4}}(?:n\s?=\s?\d{{1,5}}\s?[,;]\s?)?(?P<p2>\d{{1,3}}(?:\.\d{{1,2}})?)\s?%",
    re.I,
)
# "Two-thirds of the participants were women", "half were men", "three-quarters ... women".
_FRACTION_WORDS = {"half": Fraction(1, 2), "one-half": Fraction(1, 2), "a third": Fraction(1, 3),
                   "one-third": Fraction(1, 3), "one third": Fraction(1, 3), "two-thirds": Fraction(2, 3),
                   "two thirds": Fraction(2, 3), "a quarter": Fraction(1, 4), "one-quarter": Fraction(1, 4),
                   "one quarter": Fraction(1, 4), "three-quarters": Fraction(3, 4), "three quarters": Fraction(3, 4),
                   "a fifth": Fraction(1, 5), "one-fifth": Fraction(1, 5), "two-fifths": Fraction(2, 5),
                   "three-fifths": Fraction(3, 5), "four-fifths": Fraction(4, 5)}
_FRACTION = compile_skipping(
    r"\b(?P<f>" + "|".join(sorted((re.escape(w).replace(r"\-", "[-\u2010\u2011 ]").replace(r"\ ", "[-\u2010\u2011 ]")
                                   for w in _FRACTION_WORDS), key=len, reverse=True)) + r")\s{1,4}"
    r"(?:of\s{1,4}(?:the\s{1,4}|all\s{1,4})?(?:\w+\s{1,4})?(?:participants|patients|subjects|sample|group|volunteers|"
    rf"adults|respondents)\s{{1,4}})?(?:were|was)\s{{1,4}}(?P<s>{_MALE}|{_FEMALE}|male|female)\b",
    re.I,
)
# "... and the rest were men", "the remaining 37.5% women": the other sex is what is left.
_REST = compile_skipping(rf"\b(?:the\s{{1,4}})?(?:rest|remainder|remaining|others?)\b[^.;]{{0,25}}?\b(?P<s>{_MALE}|{_FEMALE})\b",
                         re.I)
_PART_CONTEXT = compile_skipping(
    r"\b(?:groups|arms?|each|respectively|completers?|completed|remaining|remained|finished|withdr\w*|dropp\w*|"
    r"analy[sz]\w*|evaluable|responders?|subgroups?|subset|per-?protocol)\b"
    r"|\b(?!(?:the|this|that|whole|entire|study|our|trial|same|full)\b)[\w-]+\s+group\b|\bgroup\s+(?:[A-Z0-9]{1,3}|I{1,3}V?)\b",
    re.I)
_AGE = compile_skipping(
    r"\b(?:aged|ages?)\s{1,4}(?:of\s{1,4})?(?:between\s{1,4})?\d{1,3}(?:\.\d+)?"
    r"(?:\s{0,4}(?:to|-|–|and)\s{0,4}\d{1,3}(?:\.\d+)?)?(?:\s{1,4}(?:years?|yrs?)(?:\s{1,4}old)?)?"
    r"(?:\s{1,4}(?:and|or)\s{1,4}(?:over|older|above|up|younger|under))?"
    r"|\b(?:mean|median|average)\s{1,4}(?:\(\s?SD\s?\)\s{1,4})?age\s{0,3}(?:of|was|were|=|:|,)?\s{0,3}\d{1,3}(?:\.\d+)?"
    r"(?:\s{0,4}(?:±|\+/-|\(SD\)?)\s{0,4}\d{1,3}(?:\.\d+)?)?(?:\s{1,4}(?:years?|yrs?))?"
    r"|\bbetween\s{1,4}the\s{1,4}ages\s{1,4}of\s{1,4}\d{1,3}\s{1,4}and\s{1,4}\d{1,3}"
    r"|\b\d{1,3}\s{1,4}(?:years\s{1,4})?(?:or|and)\s{1,4}(?:older|over|above)\b"
    r"|\b\d{1,3}\s{0,4}(?:to|-|–)\s{0,4}\d{1,3}\s{1,4}years?\s{1,4}(?:old|of\s+age)\b",
    re.I,
)
# Words that name people of one sex explicitly, for single-sex samples.
_ONE_SEX_WORDS = {
    "female": compile_skipping(r"\b(?:women|woman|females?|girls?|mothers?|wives|pregnant|postmenopausal|"
                               r"premenopausal|menopausal|breastfeeding|lactating|nulliparous|primiparous|"
                               r"gravid\w*|postpartum\s+women)\b", re.I),
    "male": compile_skipping(r"\b(?:men|man|males?|boys?|fathers?|husbands)\b", re.I),
}

# What every match of those patterns begins with (the index tries only these places).
_AGE_FIRST_WORDS = ("age", "mean", "median", "average", "between")  # or a number
_ONE_SEX_FIRST = {
    "female": ("wom", "female", "girl", "mother", "wives", "pregnant", "postmenopausal", "premenopausal",
               "menopausal", "breastfeeding", "lactating", "nulliparous", "primiparous", "gravid", "postpartum"),
    "male": ("men", "man", "male", "boy", "father", "husband"),
}


def _sex(word: str) -> str:
    return "male" if word.lower().startswith(("men", "man", "male", "boy", "father")) else "female"


def _fact(text: str, value: int, s: int, e: int, rule: str) -> Fact[int]:
    return Fact[int](value=value, span=Span.of(text, s, e), rule=rule)


def _totals(study: StudyFacts) -> set[int]:
    out = {f.n.value for f in study.flow if f.role in ("randomized", "enrolled", "completed", "analysed")
           and not f.planned and f.arm is None and f.n.rule != "flow/sex-sum"}
    if study.sample_size is not None:
        out.add(study.sample_size.value)
    return out


def _pairs(text: str, flow: list[FlowFact]) -> list[tuple[FlowFact, FlowFact]]:
    sexed = [f for f in flow if f.role == "subgroup" and f.label in ("male", "female")]
    out = []
    used: set[int] = set()
    for i, (a, b) in enumerate(zip(sexed, sexed[1:])):
        gap = text[a.n.span.char_end:b.n.span.char_start]
        if i not in used and a.label != b.label and len(gap) <= 20 and not re.search(r"[.;!?]\s", gap):
            out.append((a, b) if a.label == "male" else (b, a))
            used.add(i + 1)  # each count belongs to one pair
    return out


def _is_part(text: str, seg_start: int, f: FlowFact) -> bool:
    """The split belongs to an arm or to the completers, not to everyone."""
    s = max(seg_start, text.rfind(".", 0, f.n.span.char_start) + 1, f.n.span.char_start - 60)
    left = text[s:f.n.span.char_start]
    right = text[f.n.span.char_end:f.n.span.char_end + 40]
    if re.search(r"\(\s*$", left):
        # "19 (13 men and 6 women) completed": the count before the parenthesis says whose split it is
        before_paren = left[:left.rfind("(")]
        return bool(re.search(r"\b(?:complet\w*|finish\w*|remain\w*|analy[sz]\w*|group|arm)\b[^.;]*$", before_paren, re.I)
                    or re.match(r"[^)]*\)\s*(?:completed|finished|remained|were\s+analy[sz]ed)", right, re.I))
    return bool(_PART_CONTEXT.search(left) or re.match(r"[^.;]{0,20}?\b(?:each|respectively|completed|finished|"
                                                       r"remained|were\s+analy[sz]ed)\b", right, re.I))


def _exact_share(pct: Fraction, total: int, decimals: int | None) -> int | None:
    """The whole number of ``total`` that the stated share gives exactly ("60% of 40" -> 24), or None."""
    k = pct * total
    return int(k) if k.denominator == 1 else None  # a rounded share gives no exact count


def fill(text: str, seg: Segment, study: StudyFacts) -> None:
    """Set the population fields of ``study`` from its flow and ``text[seg.span]``."""
    start, end = seg.span.char_start, seg.span.char_end
    totals = _totals(study)
    pairs = _pairs(text, study.flow)
    chosen = next(((m, f) for m, f in pairs if m.n.value + f.n.value in totals), None)
    if chosen is None and len(pairs) >= 2:
        # One split per arm ("group A: 8 male, 3 female; group B: 7 male, 3 female"): their sums
        # are the study's split when they add up to its total.
        men, women = sum(m.n.value for m, _ in pairs), sum(f.n.value for _, f in pairs)
        if men + women in totals:
            m0, f0 = pairs[0]
            study.n_male = _fact(text, men, m0.n.span.char_start, m0.n.span.char_end, "population/sex-split-sum")
            study.n_female = _fact(text, women, f0.n.span.char_start, f0.n.span.char_end, "population/sex-split-sum")
            chosen = pairs[0]
            pairs = []
    if chosen is None:
        chosen = next(((m, f) for m, f in pairs if not _is_part(text, start, m) and not _is_part(text, start, f)), None)
    if chosen is not None and study.n_male is None:
        m, f = chosen
        study.n_male = _fact(text, m.n.value, m.n.span.char_start, m.n.span.char_end, "population/sex-split")
        study.n_female = _fact(text, f.n.value, f.n.span.char_start, f.n.span.char_end, "population/sex-split")
    _percentages(text, start, end, study)
    total = study.sample_size.value if study.sample_size is not None else None
    if study.n_male is None and study.n_female is None:
        _single_stated(text, start, end, study, total)
    if study.n_male is None and study.n_female is None and total:
        _shares(text, start, end, study, total)
    if study.n_male is None and study.n_female is None:
        _one_sex(text, start, end, study, total)
    m = next(index_of(text).anchored(_AGE, _AGE_FIRST_WORDS, start, end, with_numbers=True), None)
    if m:
        study.age = Fact[str](value=m.group(0).strip(), span=Span.of(text, m.start(), m.end()), rule="population/age")


# Every match of _PCT begins with a sex word or with a digit at most 7 characters before "%",
# "percent" or "per cent" ("37.5 %"): it is tried only at those places.
_PCT_SEX_FIRST = ("men", "male", "boy", "wom", "fem", "girl")
_PCT_MARKS = ("%", "per")
_PCT_DIGIT_BEFORE = 7  # "\d{1,3}(?:\.\d{1,2})?\s?" before the mark
_DIGIT = re.compile(r"\d")


def _pct_starts(text: str) -> list[int]:
    index = index_of(text)

    def compute() -> list[int]:
        places = set(index.keyword_starts(_PCT_SEX_FIRST))
        for at in index.keyword_starts(_PCT_MARKS):
            places.update(p for p in range(max(0, at - _PCT_DIGIT_BEFORE), at) if _DIGIT.match(text, p))
        return sorted(places)

    return index.memo("population/percent-starts", compute)


def _percentages(text: str, start: int, end: int, study: StudyFacts) -> None:
    pcts = list(matches_at(_PCT, text, _pct_starts(text), start, end))
    for i, m in enumerate(pcts):
        pct = float(m.group("p") or m.group("p2") or m.group("p3"))
        sex = _sex(m.group("s") or m.group("s2") or m.group("s3"))
        if pct > 100 or _rate_by_sex(text, pcts, i, pct, sex):
            continue
        fact = Fact[float](value=pct, span=Span.of(text, m.start(), m.end()), rule="population/percent-sex")
        if sex == "male" and study.pct_male is None:
            study.pct_male = fact
        elif sex == "female" and study.pct_female is None:
            study.pct_female = fact


def _pct_of(m: re.Match[str]) -> tuple[float, str]:
    return float(m.group("p") or m.group("p2") or m.group("p3")), _sex(m.group("s") or m.group("s2") or m.group("s3"))


def _rate_by_sex(text: str, pcts: list[re.Match[str]], i: int, pct: float, sex: str) -> bool:
    """ "71% boys and 74% girls liked it", "women (23%) vs men (17%)": an outcome rate per sex,
    told by a neighbouring percentage of the other sex that does not make 100 with it."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(pcts):
            a, b = (pcts[j], pcts[i]) if j < i else (pcts[i], pcts[j])
            other, other_sex = _pct_of(pcts[j])
            gap = text[a.end():b.start()]
            # "(men: 25%; women: 13%)": a short list inside one clause may be split by a semicolon
            split = re.search(r"[.!?]\s", gap) or (";" in gap and len(gap) > 12)
            if other_sex != sex and len(gap) <= 25 and not split and abs(other + pct - 100) > 1.5:
                return True
    return False


def _single_stated(text: str, start: int, end: int, study: StudyFacts, total: int | None) -> None:
    """ "45 were women" alone; with "the rest were men" the other sex is the remainder of the total."""
    sexed = [f for f in study.flow if f.role == "subgroup" and f.label in ("male", "female")
             and not _is_part(text, start, f)]
    if len(sexed) != 1:
        return
    f = sexed[0]
    if total is not None and f.n.value >= total:
        return
    if re.search(r"\b(?:among|amongst|of|in)\s{1,4}(?:the\s{1,4}|these\s{1,4})?$",
                 text[max(start, f.n.span.char_start - 16):f.n.span.char_start], re.I):
        return  # "Among 23 girls who reported X, ...": a group the sentence goes on to count in
    fact = _fact(text, f.n.value, f.n.span.char_start, f.n.span.char_end, "population/sex-count")
    setattr(study, "n_male" if f.label == "male" else "n_female", fact)
    rest = _REST.search(text, f.n.span.char_end, min(end, f.n.span.char_end + 80))
    if rest and total is not None and _sex(rest.group("s")) != f.label:
        other = _fact(text, total - f.n.value, rest.start(), rest.end(), "population/sex-rest")
        setattr(study, "n_female" if f.label == "male" else "n_male", other)


def _shares(text: str, start: int, end: int, study: StudyFacts, total: int) -> None:
    """Counts that a stated percentage or fraction of the sample size gives exactly."""
    got: dict[str, Fact[int]] = {}
    for name, sex in (("pct_male", "male"), ("pct_female", "female")):
        pf = getattr(study, name)
        if pf is None or APPROX_BEFORE.search(text, max(0, pf.span.char_start - 14), pf.span.char_start):
            continue  # "About 60% of the volunteers were women": no exact count follows
        decimals = len(re.search(r"\d+(?:\.(\d+))?", pf.span.quote).group(1) or "")
        n = _exact_share(Fraction(str(pf.value)) / 100, total, decimals)
        if n is not None:
            got[sex] = _fact(text, n, pf.span.char_start, pf.span.char_end, "population/percent-of-sample")
    for m in index_of(text).matches(_FRACTION, start, end):
        word = re.sub(r"[-\u2010\u2011 ]", "-", m.group("f").lower()).replace("a-", "a ")
        frac = _FRACTION_WORDS.get(word) or _FRACTION_WORDS.get(word.replace("-", " "))
        if frac is None:
            continue
        n = _exact_share(frac, total, None)
        sex = _sex(m.group("s"))
        if n is not None and sex not in got:
            got[sex] = _fact(text, n, m.start(), m.end(), "population/fraction-of-sample")
    if len(got) == 1:
        (sex, fact), = got.items()
        rest = _REST.search(text, fact.span.char_end, min(end, fact.span.char_end + 80))
        other_word = re.search(_FEMALE if sex == "male" else _MALE, text[fact.span.char_end:fact.span.char_end + 60], re.I)
        if (rest and _sex(rest.group("s")) != sex) or (other_word and re.search(
                r"\b(?:rest|remain\w*|other|one-third|one-quarter|a\s+third|a\s+quarter)\b",
                text[fact.span.char_end:fact.span.char_end + 60], re.I)):
            s, e = (rest.start(), rest.end()) if rest else (fact.span.char_start, fact.span.char_end)
            got["female" if sex == "male" else "male"] = _fact(text, total - fact.value, s, e, "population/sex-rest")
    for sex, fact in got.items():
        setattr(study, "n_male" if sex == "male" else "n_female", fact)


def _one_sex(text: str, start: int, end: int, study: StudyFacts, total: int | None) -> None:
    """A sample named by one sex only: all of that sex, none of the other."""
    if study.pct_male is not None or study.pct_female is not None:
        return  # a share of one sex: both took part
    index = index_of(text)
    named = {sex: list(index.anchored(rx, _ONE_SEX_FIRST[sex], start, end)) for sex, rx in _ONE_SEX_WORDS.items()}
    sample = study.sample_size
    sex = None
    if sample is not None:
        words = _SEX_RE.findall(sample.span.quote)
        sexes = {_sex(w) for w in words}
        if len(sexes) == 1 and not re.match(r"\s{0,4}(?:and|or|,)\s{1,4}(?:\w+\s)?(?:men|women|males|females|boys|girls)\b",
                                            text[sample.span.char_end:sample.span.char_end + 25], re.I):
            sex = sexes.pop()
    if sex is None:
        # "women who were to have a caesarean section": the participants are named by one sex.
        people = [m for m in named["female"] if _names_participants(text, m)]
        if people and not named["male"]:
            sex = "female"
        else:
            people = [m for m in named["male"] if _names_participants(text, m)]
            if people and not named["female"]:
                sex = "male"
        if sex is None:
            return
    other = "female" if sex == "male" else "male"
    if named[other] and sample is None:
        return
    anchor = sample.span if sample is not None and _SEX_RE.search(sample.span.quote) else None
    if anchor is None:
        m = next(m for m in named[sex] if _names_participants(text, m) or sample is not None)
        anchor = Span.of(text, m.start(), m.end())
    if total is not None:
        setattr(study, "n_male" if sex == "male" else "n_female",
                _fact(text, total, anchor.char_start, anchor.char_end, "population/single-sex-sample"))
    setattr(study, "n_female" if sex == "male" else "n_male",
            _fact(text, 0, anchor.char_start, anchor.char_end, "population/single-sex-sample"))


_PARTICIPANT_CONTEXT = compile_skipping(
    r"\b(?:enrol\w*|recruit\w*|randomi[sz]\w*|included|studied|participants?|patients?|subjects|volunteers|"
    r"took\s+part|were\s+(?:assigned|allocated|given|treated)|received|underwent|candidates?|scheduled|\d)\b", re.I)


def _names_participants(text: str, m: re.Match[str]) -> bool:
    """The sex word names the study's participants: it heads a noun phrase ("women who...",
    "pregnant women", "female patients") in a sentence about who took part, not "were women"."""
    if re.search(r"\b(?:were|was|are|is|being)\s+(?:\w+\s+)?$", text[max(0, m.start() - 20):m.start()], re.I):
        return False
    s = max(0, text.rfind(".", 0, m.start()) + 1)
    e = text.find(".", m.end())
    e = len(text) if e < 0 else e
    return bool(_PARTICIPANT_CONTEXT.search(text, s, e))
