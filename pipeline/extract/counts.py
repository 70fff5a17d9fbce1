"""Counts of people ("18 adults", "n = 42", "a total of 120 participants were randomized").

Shared by segmentation (does a passage describe a specific study?) and the sample-size,
population fields. Look-alike numbers (years, percentages, doses, ages, subsets "14 of the
17", arms "(24 patients)", population statistics "29 million people") are dropped or ranked low.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline.text.regex import compile_skipping
from pipeline.text.sentences import sentence_at
from pipeline.text.numbers import NUMBER, NUMBER_SCAN, parse_number, phrase_numbers_in
from pipeline.vocab import VOCAB_DIR

# Ranks: lower is stronger evidence that the count is the study's total.
STRONG, PLAIN, WEAK = 1, 2, 3


@dataclass(frozen=True)
class Count:
    value: int
    start: int  # span of the whole phrase ("150 pregnant women"), offsets into the text
    end: int
    num_start: int
    num_end: int
    noun: str
    rank: int
    rule: str


@functools.cache
def participant_nouns() -> dict[str, str | None]:
    """Noun -> 'male' / 'female' / None, from vocab/participants.txt."""
    nouns: dict[str, str | None] = {}
    for line in (VOCAB_DIR / "participants.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            parts = line.split()
            nouns[parts[0].lower()] = parts[1] if len(parts) > 1 else None
    return nouns


# Words that cannot sit between a number and its noun ("24 of the 40 patients", "5 mg").
_STOP = (r"of|in|on|at|by|the|a|an|to|and|or|were|was|are|is|with|per|from|for|than|each|"
         r"mg|g|kg|ml|mcg|years?|months?|weeks?|days?|hours?|minutes?|percent|per\s?cent|"
         r"million|billion|thousand|times|more|fewer|less|who|which|that|where|when|while|but|after|before|"
         r"during|then|also|all|both|had|have|has|received|took|got|these|those|their|its|other|such|further|"
         r"additional|remaining|extra|another|fewer|most|many|some")
# Modifiers may hold digits ("64 T2DM patients", "49 type 2 diabetes patients").
_MOD = (rf"(?:\s{{1,4}}(?:(?:type|grade|stage|class)\s{{1,2}}(?:[1-4]|I{{1,3}}V?|IV)\b|"
        rf"(?!(?:{_STOP})\b)[A-Za-z][A-Za-z0-9'-]{{0,24}}))")


@functools.cache
def _count_re() -> re.Pattern[str]:
    nouns = "|".join(sorted((re.escape(n) for n in participant_nouns()), key=len, reverse=True))
    return compile_skipping(rf"(?P<num>{NUMBER})(?P<mods>{_MOD}{{0,4}}?)\s{{1,4}}(?P<noun>{nouns})\b", re.I)


_N_EQUALS = compile_skipping(r"(?<![A-Za-z])(?P<n>[nN])\s{0,4}[=:]\s{0,4}(?P<num>\d{1,3}(?:,\d{3})+|\d{1,6})(?![\d.,]\d)")
_TOTAL_OF = compile_skipping(rf"\btotal\s+of\s+(?P<num>{NUMBER})\b", re.I)
_BEFORE_STRONG = compile_skipping(
    r"(?:enrol(?:l?ed|ling)|recruit(?:ed|ing)|randomi[sz]ed|randomly\s+assigned|included|includes|"
    r"involv(?:ed|ing)|studied|examined|compris(?:ed|ing)|consisted\s+of|sample\s+of|cohort\s+of|"
    r"(?:trial|study|series|survey)\s+(?:of|in|on|with|involving|using)|followed|assessed|treated|"
    r"evaluated|tested|screened|observed|asked)\s{1,4}(?:(?:a|an|the|some|about|approximately|"
    r"around|nearly|almost|over|only|just)\s{1,4})?$",
    re.I,
)
_AFTER_STRONG = compile_skipping(
    r"^[^.;:()]{0,80}?\b(?:were|was|had\s+been|have\s+been)\s{1,4}(?:\w+\s{1,4})?(?:enrol(?:l?ed)|"
    r"recruited|randomi[sz]ed|randomly|allocated|assigned|included|studied|involved|"
    r"sequentially|participated|treated)|^[^.;:()]{0,80}?\b(?:took\s+part|participated|"
    r"were\s+enrolled|completed\s+the)",
    re.I,
)
# "Of 131 women screened, 118 were randomized": the first count is who was looked at, not the sample.
_SCREENED_AFTER = compile_skipping(
    r"\s{0,4}(?:who\s{1,4})?(?:were\s{1,4})?(?:screened|assessed\s{1,4}for\s{1,4}eligibility|approached|"
    r"invited|contacted)\b",
    re.I,
)
# "..., 118 were randomized, 59 to ...": a bare count that is enrolled (not one arm: "60 were randomized to X").
_BARE_ENROLLED = compile_skipping(
    rf"(?<![\w.,])(?P<num>{NUMBER_SCAN})\s{{1,4}}(?:were|was)\s{{1,4}}(?:subsequently\s{{1,4}}|then\s{{1,4}}|eventually\s{{1,4}})?"
    r"(?:randomi[sz]ed|randomly\s{1,4}assigned|enrolled|allocated)\b"
    r"(?!\s{1,4}(?:to|into)\b|\s{1,4}in\s{1,4}the\s{1,4}\w+(?:\s{1,4}\w+)?\s{1,4}(?:group|arm)s?\b)",
    re.I,
)
# "a score >= 13 were randomly assigned": a threshold, not a count.
_THRESHOLD_BEFORE = compile_skipping(r"(?:[≥≤<>=]|\bscores?|\bof\s{1,4}at\s{1,4}least|\bover|\babove|\bbelow)\s{0,4}$", re.I)
# Text just before a number that makes it something other than a total.
_BAD_BEFORE = compile_skipping(
    r"(?:(?:\baged?|\bages|\bage\s+of|\bgroups?\s+of|\barms?\s+of|\bremaining|\bother|\banother|"
    r"\badditional|\bfurther|\bmillion|\bbillion|\bthousand|\b(?:one|1)\s+in|\d|\b(?:groups?|arms?|phase|stage|grade|type|class|visit|day|week|table|figure|fig)\.?|"
    r"\b(?:19|20)\d\d)\s{0,4}|[$£€#/.\-–:x×])$",
    re.I,
)
_OF_BEFORE = compile_skipping(r"\b(?:out\s+)?of\s{1,4}(?:the\s{1,4}|these\s{1,4}|those\s{1,4}|all\s{1,4})?$", re.I)
_BAD_AFTER = compile_skipping(r"^\s{0,4}(?:%|percent|per\s?cent|million|billion|[.,]\d|-?\s?(?:year|month|week|day|hour|minute))",
                        re.I)
# "17 patients in each group", "(58 percent)" right after: an arm or a subset, not the total.
_PART_AFTER = compile_skipping(
    r"\s{0,4}(?:(?:in|for)\s{1,4}(?:each|every|both)(?:\s{1,4}of\s{1,4}the)?|per)\s{1,4}(?:\w+\s{1,4})?(?:groups?|arms?)\b"
    r"|\s{0,4}\(\s{0,4}\d{1,3}(?:\.\d{1,2})?\s{0,4}(?:%|percent|per\s?cent)\s{0,4}\)",
    re.I,
)
# "500,000 patients worldwide ... each year": a population statistic, not a study's group.
_RATE_AFTER = compile_skipping(r"[^.;!?]{0,60}?\b(?:(?:each|per|every)\s{1,4}year|annually|worldwide)\b", re.I)
_SEX_PAIR_AFTER = compile_skipping(r"\s{1,4}(?:and|,)\s{1,4}" + NUMBER + r"\s{1,4}(?:were\s{1,4})?(?:men|women|males|females|boys|girls)\b",
                             re.I)
_SEX_PAIR_BEFORE = compile_skipping(r"\b(?:men|women|males|females|boys|girls)\s{1,4}(?:and|,)\s{1,4}$", re.I)


_SEXES = r"(?:men|women|males?|females?|boys|girls)"


@functools.cache
def _sex_sum_re() -> re.Pattern[str]:
    """ "40 males and 40 females were randomized", "12 female and ten male volunteers": the sum."""
    nouns = "|".join(sorted((re.escape(n) for n in participant_nouns()), key=len, reverse=True))
    return compile_skipping(
        rf"(?P<a>{NUMBER})\s{{1,4}}(?P<sa>{_SEXES})\s{{0,4}}(?:,\s{{0,4}}and|and|,)\s{{1,4}}(?P<b>{NUMBER})\s{{1,4}}"
        rf"(?P<sb>{_SEXES})\b(?:(?:{_MOD}){{0,3}}?\s{{1,4}}(?P<noun>{nouns})\b)?",
        re.I,
    )


def _sex_sums(text: str, ns: int, end: int) -> Count | None:
    m = _sex_sum_re().match(text, ns, end)
    if m is None or m.group("sa")[0].lower() == m.group("sb")[0].lower():
        return None
    a, b = parse_number(m.group("a")), parse_number(m.group("b"))
    if a is None or b is None or _BAD_BEFORE.search(text[max(0, ns - 30):ns]):
        return None
    strong = _BEFORE_STRONG.search(text[max(0, ns - 40):ns]) or re.search(r"\btotal\s+of\s+$", text[max(0, ns - 12):ns], re.I)
    # "12 men and 10 women took part" after a stated total is that total's split, so only plain.
    if not strong and not m.group("noun") and not _AFTER_STRONG.match(text[m.end():m.end() + 120]):
        return None  # "72 men and 98 women" alone: a split, which population reads
    return Count(a + b, ns, m.end(), ns, m.end("a"), (m.group("noun") or "").lower(), STRONG if strong else PLAIN,
                 "sample-size/sex-sum")


_OF_OPENING = compile_skipping(r"(?:^|[.!?;:]\s{1,4}|\n\s{0,4})(?:Of|Among|From)\s{1,4}(?:the\s{1,4}|these\s{1,4}|all\s{1,4})?$")


@functools.cache
def _noun_before_paren() -> re.Pattern[str]:
    nouns = "|".join(sorted((re.escape(n) for n in participant_nouns()), key=len, reverse=True))
    gap = (r"(?:\s{1,4}(?!(?:were|was|to|into|in|assigned|randomi\w*|received|allocated|given|or|and|versus|vs|"
           r"group|groups|arm|arms|condition)\b)[\w'-]{1,30}){0,4}")
    return compile_skipping(rf"\b(?:{nouns}){gap}\s{{0,4}}\(\s{{0,4}}$", re.I)


def _paren_depth_open(text: str, pos: int, window: int = 60) -> bool:
    """Is ``pos`` inside an open parenthesis that started shortly before?"""
    chunk = text[max(0, pos - window):pos]
    return chunk.rfind("(") > chunk.rfind(")")


def find_counts(text: str, start: int = 0, end: int | None = None) -> list[Count]:
    """People counts in ``text[start:end]``, left to right, look-alikes dropped."""
    end = len(text) if end is None else end
    found: list[Count] = []
    nouns = participant_nouns()
    count_re = _count_re()
    sums: list[Count] = []
    for ns0 in phrase_numbers_in(text, start, end):  # the pattern needs a space after the number
        if (summed := _sex_sums(text, ns0, end)) is not None:
            sums.append(summed)
        m = count_re.match(text, ns0, end)
        if m is None:
            continue
        value = parse_number(m.group("num"))
        if value is None or value < 2:
            continue
        ns, ne = m.span("num")
        before = text[max(0, ns - 30):ns]
        after = text[ne:ne + 12]
        if _BAD_BEFORE.search(before) or _BAD_AFTER.match(after):
            continue
        if 1900 <= value <= 2100 and "," not in m.group("num"):
            continue
        noun = m.group("noun").lower()
        if nouns.get(noun) and (_SEX_PAIR_AFTER.match(text, m.end()) or _SEX_PAIR_BEFORE.search(before)):
            continue  # "72 men and 98 women" is a split, read by population
        if _RATE_AFTER.match(text, m.end(), min(end, m.end() + 60)):
            continue
        rank, rule = PLAIN, "sample-size/count-noun"
        strong_before = _BEFORE_STRONG.search(text[max(0, ns - 40):ns])
        if _paren_depth_open(text, ns):
            rank, rule = WEAK, "sample-size/parenthesised"
        elif strong_before and strong_before.group().lower().startswith("screen"):
            rank, rule = WEAK, "sample-size/screened"  # "we screened 300 patients; 120 were enrolled"
        elif strong_before:
            rank, rule = STRONG, "sample-size/enrolled"
        elif _OF_OPENING.search(before):
            rank, rule = PLAIN, "sample-size/of-total"  # "Of the 120 patients, 104 finished"
        elif _OF_BEFORE.search(before):
            rank, rule = WEAK, "sample-size/of-total"
        elif _AFTER_STRONG.match(text[m.end():m.end() + 120]):
            rank, rule = STRONG, "sample-size/enrolled"
        if _PART_AFTER.match(text, m.end(), min(end, m.end() + 40)):
            rank, rule = WEAK, "sample-size/part"
        elif _SCREENED_AFTER.match(text, m.end(), min(end, m.end() + 40)):
            rank, rule = WEAK, "sample-size/screened"
        found.append(Count(value, m.start(), m.end(), ns, ne, noun, rank, rule))
    for m in _BARE_ENROLLED.finditer(text, start, end):
        value = parse_number(m.group("num"))
        if value is None or value < 2 or (1900 <= value <= 2100 and "," not in m.group("num")):
            continue  # "... and December 2014 were randomized": a year
        before = text[max(0, m.start() - 30):m.start()]
        if _BAD_BEFORE.search(before) or _THRESHOLD_BEFORE.search(before):
            continue
        found.append(Count(value, m.start(), m.end(), *m.span("num"), "", STRONG, "sample-size/were-enrolled"))
    for m in _N_EQUALS.finditer(text, start, end):
        value = parse_number(m.group("num"))
        if value is None or value < 2:
            continue
        paren = _paren_depth_open(text, m.start())
        rank = STRONG if m.group("n") == "N" or not paren else WEAK
        if rank == WEAK and _noun_before_paren().search(text, max(0, m.start() - 50), m.start()):
            rank = PLAIN  # "adults with insomnia (n = 40)" names the whole group, unlike "the drug group (n = 20)"
        nm = _count_re().match(text, m.start("num"))
        phrase_end = nm.end() if nm else m.end()
        noun = nm.group("noun").lower() if nm else ""
        found.append(Count(value, m.start(), phrase_end, *m.span("num"), noun, rank, "sample-size/n-equals"))
    for m in _TOTAL_OF.finditer(text, start, end):
        value = parse_number(m.group("num"))
        if value is None or value < 2 or _BAD_AFTER.match(text[m.end():m.end() + 12]):
            continue
        nm = _count_re().match(text, m.start("num"))
        if nm is None and not _AFTER_STRONG.match(text[m.end():m.end() + 120]):
            continue  # "a total of 12 sessions"
        phrase_end = nm.end() if nm else m.end()
        found.append(Count(value, m.start(), phrase_end, *m.span("num"), nm.group("noun").lower() if nm else "",
                           STRONG, "sample-size/total-of"))
    # One count per number position: the strongest reading; a sex sum hides its two parts.
    inside = [(c.start, c.end) for c in sums]
    found = sums + [c for c in found if not any(s <= c.num_start < e for s, e in inside)]
    best: dict[int, Count] = {}
    for c in found:
        if c.num_start not in best or c.rank < best[c.num_start].rank:
            best[c.num_start] = c
    return sorted(best.values(), key=lambda c: c.num_start)


_STUDY_CUE = compile_skipping(
    r"\b(?:study|trial|researchers|investigators|scientists|team|enrol\w*|recruit\w*|random\w*|"
    r"assigned|placebo|participa\w*|volunteer\w*|took\s+part|sample|cohort|experiment\w*)\b",
    re.I,
)


# A sentence ends at . ! ? before white space or at a blank line; a single newline may be wrapping.


def sentence_bounds(text: str, start: int, end: int, lo: int = 0, hi: int | None = None,
                    reach: int = 400) -> tuple[int, int]:
    """The sentence around ``text[start:end]`` (the text layer's split), kept inside ``[lo, hi)``
    and ``reach`` chars."""
    hi = len(text) if hi is None else hi
    s = sentence_at(text, start)[0]
    e = sentence_at(text, max(start, end - 1))[1]
    return max(lo, s, start - reach), min(hi, e, end + reach)


def _in_study_sentence(text: str, c: Count) -> bool:
    return bool(_STUDY_CUE.search(text, *sentence_bounds(text, c.start, c.end, reach=300)))


def study_total(counts: list[Count], text: str | None = None) -> Count | None:
    """The count most likely to be the study's enrolled total: first strong, else the first
    plain one in a sentence about the study (when ``text`` is given), else the first plain."""
    for c in counts:
        if c.rank == STRONG:
            return c
    plain = [c for c in counts if c.rank == PLAIN]
    if text is not None:
        for c in plain:
            if _in_study_sentence(text, c):
                return c
    return plain[0] if plain else None
