"""Who took part: men/women counts, their percentages, and the age range or mean.

Counts come from explicit splits ("72 men and 98 women", "Sixty-five were men and thirty-one
were women", "45 were women"); percentages stay percentages. A study whose total is counted
in women only ("167 women with breast cancer") is all female; "women" used generally is not.
"""
from __future__ import annotations

import re

from pipeline.text.regex import compile_skipping
from pipeline.extract.counts import participant_nouns
from pipeline.text.numbers import NUMBER, parse_number, phrase_numbers_in
from pipeline.extract.segment import Segment
from pipeline.models import Fact, Span, StudyFacts

_MALE = r"(?:men|males?|boys)"
_FEMALE = r"(?:women|females?|girls)"
_PCT_PAREN = r"(?:\s{0,4}\(\s?\d{1,3}(?:\.\d+)?\s?%\s?\))?"
_WERE = r"(?:\s{1,4}(?:were|was))?"


def _pair(first: str, second: str) -> re.Pattern[str]:
    return compile_skipping(
        rf"(?P<a>{NUMBER}){_PCT_PAREN}{_WERE}\s{{1,4}}(?P<sa>{first})\b(?:\s{{1,4}}(?:participants|patients|subjects))?"
        rf"\s{{0,4}}(?:,|and|,\s?and|;)\s{{1,4}}(?P<b>{NUMBER}){_PCT_PAREN}{_WERE}\s{{1,4}}(?P<sb>{second})\b",
        re.I,
    )


_PAIRS = (_pair(_MALE, _FEMALE), _pair(_FEMALE, _MALE))
# "20 women and 7 men developed cancer", "... missed a meeting", "... a year": events or
# population statistics counted by sex, not who took part.
_EVENT_AFTER = compile_skipping(
    r"\s{0,4}(?:--|—|–|,)?\s{0,4}(?:(?:also|later|subsequently|eventually)\s{1,4})?(?:developed|died|missed|dropped|withdrew|"
    r"discontinued|experienced|relapsed|responded|were\s{1,4}(?:diagnosed|hospitali[sz]ed|excluded|lost)|"
    r"(?:each|per|every|a)\s{1,4}year\b|annually)",
    re.I,
)
_SINGLE = compile_skipping(rf"(?P<a>{NUMBER}){_PCT_PAREN}\s{{1,4}}(?:were|was)\s{{1,4}}(?P<sa>{_MALE}|{_FEMALE}|male|female)\b", re.I)
_PCT = compile_skipping(
    r"(?P<p>\d{1,3}(?:\.\d{1,2})?)\s?(?:%|percent|per\s?cent)\s{1,4}(?:of\s{1,4}(?:the\s{1,4})?"
    r"(?:participants|patients|subjects|sample|respondents|cohort)\s{1,4})?(?:were\s{1,4})?"
    rf"(?P<s>{_MALE}|{_FEMALE}|male|female)\b"
    rf"|\b(?P<s3>{_MALE}|{_FEMALE}|male|female)\s{{1,4}}(?:made\s{{1,4}}up|comprised|accounted\s{{1,4}}for|represented|were)\s{{1,4}}(?P<p3>\d{{1,3}}(?:\.\d{{1,2}})?)\s?(?:%|percent)"
    rf"|\b(?P<s2>{_MALE}|{_FEMALE}|male|female)\b[\s,:(]{{1,4}}(?:n\s?=\s?\d{{1,5}}\s?[,;]\s?)?(?P<p2>\d{{1,3}}(?:\.\d{{1,2}})?)\s?%",
    re.I,
)
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


def _sex(word: str) -> str:
    w = word.lower()
    return "male" if w.startswith(("men", "male", "boy")) else "female"


def _set_count(text: str, study: StudyFacts, sex: str, value: int, s: int, e: int, rule: str) -> None:
    fact = Fact[int](value=value, span=Span.of(text, s, e), rule=rule)
    if sex == "male":
        study.n_male = fact
    else:
        study.n_female = fact


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
            if other_sex != sex and len(gap) <= 25 and not re.search(r"[.;!?]\s", gap) and abs(other + pct - 100) > 1.5:
                return True
    return False


def fill(text: str, seg: Segment, study: StudyFacts) -> None:
    """Set the population fields of ``study`` from ``text[seg.span]``."""
    start, end = seg.span.char_start, seg.span.char_end
    nums = phrase_numbers_in(text, start, end)  # each pattern needs a space or "(" after the number
    for rx in _PAIRS:
        m = next((m for ns in nums if (m := rx.match(text, ns, end)) and not _EVENT_AFTER.match(text, m.end(), end)), None)
        if m:
            for g in ("a", "b"):
                value = parse_number(m.group(g))
                if value is not None:
                    _set_count(text, study, _sex(m.group("s" + g)), value, m.start(), m.end(), "population/sex-split")
            break
    if study.n_male is None and study.n_female is None:
        m = next((m for ns in nums if (m := _SINGLE.match(text, ns, end))), None)
        if m and not re.search(r"%\s?\)?\s*$", text[max(0, m.start() - 3):m.start()]):
            value = parse_number(m.group("a"))
            if value is not None:
                _set_count(text, study, _sex(m.group("sa")), value, m.start(), m.end(), "population/were-sex")
    if study.n_male is None and study.n_female is None and study.sample_size is not None:
        quote = study.sample_size.span.quote
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", quote)]
        sex = next((participant_nouns().get(w) for w in words[::-1] if w in participant_nouns()), None)
        sex = sex or next((w for w in words if w in ("male", "female")), None)  # "16 healthy male volunteers"
        after = text[study.sample_size.span.char_end:study.sample_size.span.char_end + 20]
        if sex and not re.match(r"\s{0,4}(?:and|or|,)\s{1,4}(?:\w+\s)?(?:men|women|males|females|boys|girls)\b", after, re.I):
            _set_count(text, study, sex, study.sample_size.value, study.sample_size.span.char_start,
                       study.sample_size.span.char_end, "population/single-sex-sample")
    pcts = list(_PCT.finditer(text, start, end))
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
    m = _AGE.search(text, start, end)
    if m:
        study.age = Fact[str](value=m.group(0).strip(), span=Span.of(text, m.start(), m.end()), rule="population/age")
