"""The participant flow of a study: every count of people, read by its role, as a CONSORT
diagram reads a trial.

A number counts people when a participant noun follows it ("18 adults", "52 new mothers",
"a 150-patient trial"), when a flow verb takes it as subject or object ("120 were randomised",
"we enrolled 120", "18 completed"), or in "n = 42", "a total of 96", "14 of the 17". Its role
comes from the clause around it, not from its place in the text: the verb that governs it
(screened, randomised, received, completed, dropped out, had), the construction that holds it
("a trial of", "of the N", "N to X and M to Y", "(n = 20)" after an arm) and the words that
qualify it ("will", "each group"). Look-alikes are not people: years, ages, doses, percentages,
scale names ("SF-36", "type 2", "week 16"), numbers needed to treat, population statistics.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field, replace

from pipeline.models import Fact, FlowFact, Span
from pipeline.text.index import index_of
from pipeline.text.numbers import NUMBER, NUMBER_RE, NUMBER_WORDS, number_spans, parse_number, space_grouped
from pipeline.text.people import population_noun, sex_of
from pipeline.text.regex import compile_skipping
from pipeline.text.sentences import sentence_at, sentences

# Strength of the evidence that a count is what its role says: an explicit flow word, a size
# construction ("a trial of 64"), or only a participant noun.
CUED, SIZE, PLAIN = 3, 2, 1

_I = re.I
_Q = (r"(?:(?:a\s+total\s+of|a\s+sample\s+of|a\s+group\s+of|a\s+cohort\s+of|a\s+total|the|all|some|about|"
      r"approximately|around|nearly|almost|over|more\s+than|fewer\s+than|only|just|roughly|exactly|an?\s+"
      r"additional|another|these|those|our|its|their)\s{1,4}){0,3}")
_AUX = r"(?:(?:were|was|had\s+been|have\s+been|has\s+been|are|is|been|be|will\s+be|would\s+be|to\s+be)\s{1,4})?"
_ADV = r"(?:(?:subsequently|then|eventually|ultimately|successfully|initially|finally|also|later|still|all|each|"
_ADV += r"randomly|further|actually)\s{1,4}){0,2}"

# Verbs that tell a count's role when the count is their subject ("120 were randomised").
_SUBJECT_VERBS: tuple[tuple[str, str], ...] = (
    ("screened", r"(?:screened|pre-?screened|assessed\s+for\s+(?:eligibility|inclusion)|evaluated\s+for\s+"
                 r"(?:eligibility|inclusion)|approached|invited|sent\s+(?:an?\s+)?invitations?|contacted|identified|"
                 r"registered|referred|responded\s+to\s+(?:the\s+)?(?:advert\w*|invitations?))\b"),
    ("eligible", r"(?:(?:deemed|found|judged)\s+)?(?:eligible|met\s+(?:all\s+)?(?:the\s+)?(?:inclusion|eligibility|entry|study)"
                 r"\s+criteria(?!\s+for)|qualified)\b"),
    ("excluded", r"(?:excluded|ineligible|not\s+eligible|did\s+not\s+meet|declined|refused|not\s+randomi[sz]ed|"
                 r"did\s+not\s+consent|did\s+not\s+wish)\b"),
    ("analysed", r"(?:analy[sz]ed|included\s+in\s+(?:the\s+)?(?:final\s+|primary\s+|main\s+)?analys[ie]s|evaluable|"
                 r"available\s+for\s+(?:the\s+)?(?:analys[ie]s|evaluation)|provided\s+(?:complete\s+|usable\s+)?data)\b"),
    ("randomized", r"(?:randomi[sz]ed|randomly\s+(?:assigned|allocated|divided|distributed|selected|split)|"
                   r"underwent\s+randomi[sz]ation|(?:sequentially\s+|alternately\s+)?(?:allocated|allotted|assigned))\b"),
    ("withdrawn", r"(?:withdr[ae]w|withdrawn|dropped\s+out|dropped|discontinued|stopped|quit|left\s+the\s+(?:study|trial)|"
                  r"lost\s+to\s+follow[- ]?up|lost|did\s+not\s+(?:complete|finish|return)|failed\s+to\s+(?:complete|return))\b"),
    ("completed", r"(?:completed|finished|remained|stayed|were\s+retained|continued\s+(?:in|to\s+the\s+end))\b"),
    ("enrolled", r"(?:enrol(?:l?ed)|recruited|included|took\s+part|participated|entered|joined|consented|studied|"
                 r"examined|followed|surveyed|interviewed|tested|evaluated|observed|signed\s+up|volunteered|treated(?!\s+with)|"
                 r"agreed\s+to\s+(?:take\s+part|participate))\b"),
    ("received", r"(?:received|receiving|given|got|took|taking|treated\s+with|fed|consumed|inhaled|applied|put\s+on|placed\s+on|used|drank|ate|wore|"
                 r"underwent|offered|assigned\s+to|started|began|continued\s+(?:on|with)|"
                 r"had\s+(?:(?:a|an|the)\s+)?(?=(?:sham|placebo|active|real|usual|standard)\b))"),
    ("subgroup", r"(?:had|have|has|having|reported|responded|developed|experienced|achieved|improved|showed|diagnosed|"
                 r"suffered|met\s+(?:the\s+)?criteria\s+for|relapsed|became|said|felt|rated|preferred|needed|required|"
                 r"answered|returned\s+(?:the\s+)?(?:questionnaires?|surveys?|forms?)|filled\s+(?:in|out)|"
                 r"chose|scored|gained|died|remitted|recovered|stopped\s+smoking|quit\s+smoking|were\s+(?:women|men|"
                 r"female|male|girls|boys|aged|over|under|older|younger|smokers|abstinent|free))\b"),
)
_SUBJECT_RES = tuple((role, compile_skipping(rf"{_AUX}{_ADV}(?:{rx})", _I)) for role, rx in _SUBJECT_VERBS)
_RANDOMIZED_SUBJECT_RE = dict(_SUBJECT_RES)["randomized"]
_AND_THEN = compile_skipping(r",?\s{1,4}and\s{1,4}(?=(?:were|was|then|subsequently|later|randomi|randomly|allocat|assign))", _I)

# Verbs and constructions that tell a count's role when the count is their object ("we
# enrolled 120", "a trial of 64 adults"), right before the count (quantifiers aside).
_OBJECT_CUES: tuple[tuple[str, int, str], ...] = (
    ("screened", CUED, r"(?:screened|pre-?screened|approached|contacted|invited|identified)"),
    # "In a small crossover study, 33 adults ...": the people of the study the sentence introduces
    ("enrolled", CUED, r"(?:^|[.;:]\s*|\n)\s*(?:in|for)\s+an?\s+(?:[\w-]+\s+){0,4}?(?:study|trial|experiment|pilot|rct)\s*,"),
    ("randomized", CUED, r"(?:randomi[sz]e[sd]?|randomi[sz]ing|randomly\s+(?:assign|allocat)(?:ed|e|ing)?|allocat(?:ed|e|ing)|"
                         r"assign(?:ed|ing)?)"),
    ("analysed", CUED, r"(?:analy[sz]ed|analy[sz]ing)(?:\s+(?:data|records|information)\s+(?:from|on|of))?"),
    ("enrolled", CUED, r"(?:enrol(?:l?ed|ling|ls|l)?|recruit(?:ed|ing|s)?|includ(?:ed|es|e)|involv(?:ed|ing|es|e)|"
                       r"compris(?:ed|ing|es|e)|consist(?:ed|ing|s)\s+of|studied|studying|examined|followed|surveyed|"
                       r"interviewed|tested|treated|observed|evaluated|tracked|(?:data|records|information)\s+(?:from|on|of)|"
                       r"(?:study|trial|survey|analysis|experiments?|review|series|audit|cohort|sample|rct|investigation|"
                       r"project|pilot|program(?:me)?|evaluation)\s+(?:(?!(?:participants?|patients?|subjects|people)\b)\w+\s+){0,2}?"
                       r"(?:of|in|on|with|among|involving|"
                       r"including|enrolling|recruiting|that\s+(?:included|enrolled|involved|recruited|followed)))"),
    ("enrolled", SIZE, r"(?:(?:a\s+)?total\s+of|in\s+total,?|overall,?|altogether,?|in\s+all,?)"),
    ("enrolled", SIZE, r"(?:(?:looked|focused)\s+on|looked\s+at|gave|offered|asked|taught|guided|had|got|led|paired|"
                       r"matched|divided|split|grouped|placed|put|sent|brought|monitored|measured|scanned|recruited\s+from|"
                       r"among(?:st)?|across|on)"),
)
_OBJECT_RES = tuple((role, strength, compile_skipping(rf"\b{rx}\s{{1,4}}{_Q}$", _I))
                    for role, strength, rx in _OBJECT_CUES)

_STOP_MOD = (r"of|in|on|at|by|the|a|an|to|and|or|were|was|are|is|with|per|from|for|than|each|who|which|that|"
             r"mg|g|kg|ml|mcg|years?|months?|weeks?|days?|hours?|minutes?|percent|per\s?cent|million|billion|thousand|"
             r"times|more|fewer|less|after|before|during|then|also|all|both|had|have|has|received|took|got|these|those|"
             r"their|its|other|such|further|additional|remaining|extra|another|most|many|some|studies|trials|sites|"
             r"centres|centers|hospitals|clinics|practices|schools|sessions|visits|doses|samples|lesions|events|"
             r"episodes|items|questions|cycles|injections|infusions|tablets|capsules|pills|phase|period|round|occasion")
_ADJECTIVE = (rf"(?!(?:{_STOP_MOD})\b)(?!(?i:{NUMBER_WORDS})\b)(?![A-Za-z][\w\u2010\u2011-]*[^\Wsiu]s\b)"
              r"[A-Za-z][\w\u2010\u2011-]{0,30}")
# Modifiers between a number and its noun: "64 T2DM patients", "49 type 2 diabetes patients",
# "481 low-income, female participants", "65 vitamin D-deficient (25(OH)D < 50 nmol/L) adults".
_MOD = (rf"(?:\s{{1,4}}(?:(?:type|grade|stage|class)\s{{1,2}}(?:[1-4]|I{{1,3}}V?|IV)\b|"
        rf"\((?:[^()\n]|\([^()\n]{{0,20}}\)){{1,70}}\)|(?!(?:{_STOP_MOD})\b)[A-Za-z][\w'/\u2010\u2011-]{{0,30}},?"
        # "75 full-term and near-term infants": two modifiers joined
        # (adjectives: no plural noun, no number word: "35 vaccinees and five recipients" is two counts)
        rf"|{_ADJECTIVE}\s{{1,4}}(?:and|or)\s{{1,4}}{_ADJECTIVE}))")
_PCT_PAREN = r"(?:\s{0,4}\(\s{0,4}\d{1,3}(?:\.\d{1,2})?\s{0,4}(?:%|percent)\s{0,4}\))?"


@functools.cache
def _noun_re() -> re.Pattern[str]:
    """A count phrase: number, an optional "(x%)", modifiers and a participant noun."""
    return re.compile(rf"(?P<num>{NUMBER}){_PCT_PAREN}(?P<mods>{_MOD}{{0,6}}?)\s{{1,4}}(?P<noun>{population_noun()})\b", _I)


@functools.cache
def _person_after_sex_re() -> re.Pattern[str]:
    return re.compile(rf"\s{{1,4}}(?:(?!(?:and|or|of|with|to|in|were|was)\b)[A-Za-z][\w-]{{0,20}}\s{{1,4}}){{0,2}}?"
                      rf"(?P<noun>{population_noun()})\b", _I)


_COMPOUND_RE = compile_skipping(
    rf"(?P<num>{NUMBER})[-\u2010\u2011 ](?P<noun>patient|person|participant|subject|adult|woman|man|child|volunteer|"
    r"member|people|individual|infant|student|family|couple|mother|veteran|athlete|smoker)\b(?!s)", _I)
# "ten to fifteen minutes", "3 or 4 days": the first number of a range of time or amount.
_RANGE_WITH_UNIT = compile_skipping(
    rf"\s{{1,3}}(?:to|or|and|[-\u2010\u2011\u2013])\s{{0,3}}{NUMBER}\s{{0,2}}(?:years?|months?|weeks?|days?|nights?|"
    r"hours?|minutes?|seconds?|%|percent|mg|g|kg|ml|times)\b", _I)
_N_EQUALS_RE = compile_skipping(r"(?<![A-Za-z])(?P<n>[nN])\s{0,4}[=:]\s{0,4}(?P<num>\d{1,3}(?:,\d{3})+|\d{1,7})(?![\d.,]\d)")
# Right after the number: what it counts when that is not people.
_NOT_PEOPLE_AFTER = compile_skipping(
    r"\s{0,4}(?:%|percent|per\s?cent|[.,]\d|±|\+/-|[-\u2010\u2011]?\s?(?:years?|yrs?|months?|weeks?|wks?|days?|nights?|hours?|hrs?|"
    r"minutes?|mins?|seconds?|secs?)\b(?![-\u2010\u2011](?:shifts?|care|time|hospital|school)\b)|[-\u2010\u2011](?:fold|point|item|question|year|month|week|day|hour|minute)|"
    r"(?:mg|g|kg|µg|mcg|ml|mL|l|IU|units?|mmol|nmol|mmHg|cm|mm|kcal|cal|km|m|steps?|times|fold|x|grams?|milligrams?|"
    r"micrograms?|kilograms?|lit(?:re|er)s?|millilit(?:re|er)s?|ounces?|oz|cups?|servings?|calories|pounds|lbs?|"
    r"inches|feet|metres?|meters?|miles?|beats|breaths|recordings?|measurements?)\b|:\s?\d|/\d|"
    r"\s(?:million|billion|thousand)|\s(?:studies|trials|sites|centres|centers|hospitals|clinics|practices|"
    r"schools|countries|states|cities|sessions|visits|doses|samples|specimens|lesions|teeth|items|questions|events|"
    r"episodes|cycles|injections|infusions|tablets|capsules|pills|servings|drinks|cigarettes|papers|articles|"
    r"reports|records|observations|measurements|tests|scans|procedures|operations|surgeries|beds|points|groups?|arms?|"
    r"conditions|clusters|wards|blocks|strata|phases|periods|parts|rounds|waves|categories|levels|domains|"
    r"homes|facilities|institutions|villages|communities|households|districts|departments|regions|provinces|"
    r"counties|municipalities|neighbou?rhoods|workplaces|companies|pharmacies|churches|kindergartens|classrooms|"
    r"dimensions|subscales|weeks|stages|steps|classes|meals|nights)\b|[-\u2010\u2011](?:groups?|arms?|way|fold|phase|stage|level|"
    r"armed|step|part|centre|center|site))", _I)
# Right before the number: what makes it a label, a rank or a measure rather than a count.
_NOT_PEOPLE_BEFORE = compile_skipping(
    r"(?:\b(?:type|grade|stage|class|phase|step|level|week|day|month|year|visit|session|cycle|dose|item|question|"
    r"version|figure|fig|table|group|arm|cohort|part|wave|round|site|centre|center|no|number|aged?|ages|"
    r"age\s+(?:was|is|were|of|=|:)|age\s+of|scores?|scored|score\s+of|than|over|under|above|below|least|most|top|bottom|every|per|one\s+in|"
    r"1\s+in|out\s+of\s+every|rank(?:ed)?|rated|ratio|between|by|up\s+to|since|until|in\s+(?:19|20)\d\d|"
    r"CI|OR|HR|RR|SD|SE|IQR|range|p|P|"
    # a date ("meeting Feb. 22", "on March 3") and the journal "PLOS One"
    r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.|january|february|march|april|june|july|august|september|"
    r"october|november|december|plos)"
    r"\s{0,4}|[$£€#/.\-\u2010\u2011\u2212–:x×+]|[≥≤<>=±]\s{0,2})$", _I)
# "this one", "each one": a pronoun, not a count.
_PRONOUN_ONE_BEFORE = compile_skipping(r"\b(?:this|that|which|each|any|no|every|the\s+other|another|the\s+same)\s{1,4}$", _I)
# "Study 2 enrolled": a label, unless a count of people follows ("a crossover study 14 healthy men").
_LABEL_BEFORE = compile_skipping(r"\b(?:study|trial|experiment|analysis)\s{0,4}$", _I)
_YEAR_LIKE = re.compile(r"(?:1[89]|20)\d\d")
# The second number of a range: "between 20 and 30", "from 20 to 30", "20 to 30", "2 or 3".
_RANGE_BEFORE = compile_skipping(rf"(?:\b(?:between|from)\s{{1,4}})?\b{NUMBER}\s{{0,4}}(?:to|and|or|-|–|—)\s{{0,4}}$", _I)
_NNT_BEFORE = compile_skipping(r"\b(?:number\s+needed\s+to\s+(?:treat|harm)|NNT|NNH)\b[^.;\d]{0,20}$", _I)
# "one in ten adults", "1 in 5 people": a rate, not a count.
_RATE_AFTER = compile_skipping(rf"\s{{1,4}}(?:in\s{{1,4}}(?:every\s{{1,4}})?|out\s+of\s{{1,4}}every\s{{1,4}}){NUMBER}\b", _I)
_POPULATION_STAT = compile_skipping(
    r"[^.;!?]{0,60}?\b(?:(?:each|per|every|a)\s+year|annually|worldwide|nationwide|in\s+the\s+(?:US|U\.S\.|UK|"
    r"United\s+States|world|country)|around\s+the\s+world|globally)\b", _I)
# "Of the 120 (patients) screened, ...", "Among 40 adults": the opening of a clause about a group.
_OF_OPENING = compile_skipping(r"(?:^|[.!?;:]\s{1,4}|\n\s{0,4}|,\s{1,4})(?:Of|Among(?:st)?|From|In)\s{1,4}"
                               r"(?:the\s{1,4}|these\s{1,4}|those\s{1,4}|all\s{1,4}|our\s{1,4})?$", _I)
_OF_BEFORE = compile_skipping(r"\b(?:out\s+of|of|among(?:st)?)\s{1,4}(?:the\s{1,4}|these\s{1,4}|those\s{1,4}|all\s{1,4}|"
                              r"our\s{1,4}|its\s{1,4}|their\s{1,4})?(?:original\s{1,4}|remaining\s{1,4}|total\s{1,4})?$", _I)
_DENOMINATOR_BEFORE = compile_skipping(rf"\b{NUMBER}\s{{0,4}}(?:[(\[]\s{{0,4}}\d{{1,3}}(?:\.\d+)?\s{{0,4}}%\s{{0,4}}[)\]]\s{{0,4}})?"
                                      rf"(?:out\s+of|of)\s{{1,4}}(?:the\s{{1,4}}|these\s{{1,4}}|those\s{{1,4}}|all\s{{1,4}})?$", _I)
# "one of three daily treatment groups": a count of groups, things, not people.
_NON_PEOPLE_AHEAD = compile_skipping(r"\s{1,4}(?:[a-z][\w-]*\s{1,4}){0,2}(?:groups?|arms?|conditions|sessions|visits|"
                                     r"doses|sites|centres|centers|studies|trials|options|treatments|regimens|phases|"
                                     r"periods|parts|categories|items|questions)\b", _I)
_OF_AFTER = compile_skipping(rf"(?:\s{{0,4}}[(\[]\s{{0,4}}\d{{1,3}}(?:\.\d+)?\s{{0,4}}%\s{{0,4}}[)\]])?\s{{1,4}}(?:out\s+of|of)\s{{1,4}}(?:the\s{{1,4}}|these\s{{1,4}}|those\s{{1,4}}|all\s{{1,4}}|"
                             rf"our\s{{1,4}}|its\s{{1,4}}|their\s{{1,4}})?(?:original\s{{1,4}}|remaining\s{{1,4}})?"
                             rf"(?P<of>{NUMBER})(?!\d|[\d.,]\d|\s{{0,4}}%|[ \u00a0\u202f]\d{{3}}\b)", _I)
_OF_THEM_AFTER = compile_skipping(r"\s{1,4}(?:of|among)\s{1,4}(?:them|these|those|whom|the\s+latter)\b", _I)
_EXTRA_GROUP_BEFORE = compile_skipping(r"\b(?:another|an\s+additional|additional|a\s+further|further|an\s+extra)\s{1,4}$", _I)
_NESTED_BEFORE = compile_skipping(r"(?:\b(?:of|among)\s{1,4}(?:those|these|them|whom)\s{0,4},?|\bincluding)\s{0,4}$", _I)
_REMAINING_BEFORE = compile_skipping(r"\b(?:the\s{1,4})?(?:other|remaining|rest\s+of\s+the)\s{1,4}$", _I)
_PLANNED = compile_skipping(
    r"\b(?:will|shall|would|plan(?:s|ned)?\s+to|aim(?:s|ed)?\s+to|intend(?:s|ed)?\s+to|expect(?:s|ed)?\s+to|"
    r"target(?:ed|ing)?|goal\s+(?:is|was)\s+to|to\s+be\s+(?:randomi[sz]ed|enrol+ed|recruited|included)|"
    r"(?:are|is)\s+(?:being|currently)\s+(?:recruited|enrol+ed|randomi[sz]ed|recruiting|enrol+ing)|"
    r"(?:is|are)\s+recruiting|(?:sample|study)\s+size\s+(?:of|was|is|will)|powered|needed\s+to\s+detect|"
    r"required\s+to\s+detect|would\s+be\s+needed|anticipated|projected|planned\s+(?:sample|enrol\w*))\b", _I)
_THEIR_OWN_PLAN = compile_skipping(r"\b(?:they|he|she|who)\s+(?:\w+\s+)?$", _I)
# A sentence about another study than the one described ("an earlier trial of 120 adults").
_OTHER_STUDY = compile_skipping(
    r"\b(?:an?\s+|the\s+)?(?:earlier|previous|prior|another|other|separate|older|past|former|similar|"
    r"larger|smaller)\s+(?:[\w-]+\s+){0,2}?(?:study|trial|analysis|review|survey|experiment|report)\b"
    r"|\bthe\s+(?:first|second|third|latter|former)\s+of\s+(?:these|those|the\s+\w+)\b"
    r"|\b(?:previous|prior|earlier|other|past)\s+(?:research|work|studies|trials)\b"
    r"|\b(?:her|his|their)\s+(?:(?:19|20)\d\d\s+|own\s+|earlier\s+|previous\s+)?(?:study|trial|research|work|analysis)\b"
    r"|\bet\s+al\b|\[\d{1,3}(?:[,\u2013-]\d{1,3})*\]\s*(?:found|showed|reported|demonstrated)", _I)
_THIS_STUDY = compile_skipping(r"\b(?:this|the\s+present|the\s+current|our|the\s+new)\s+(?:[\w-]+\s+){0,2}?"
                               r"(?:study|trial|analysis|review|survey|experiment)\b|\b(?:we|our)\b", _I)
# Clause ends for the words that govern a count.
_CLAUSE_BREAK = compile_skipping(r";|:\s|\s(?:but|whereas|while|although|though|yet)\s|,\s(?:but|whereas|while)\s", _I)
_PER_ARM_AFTER = compile_skipping(
    r"\s{1,4}each\b(?!\s+(?:of|had|received|took|got|came|were|was|completed))|\s{0,4}(?:[\w-]+\s{1,4})?(?:(?:in|for|to)\s{1,4}(?:each|every|both|either)(?:\s{1,4}of\s{1,4}the)?|per)"
    r"\s{1,4}(?:\w+\s{1,4})?(?:groups?|arms?|conditions?|sites?|centres?|centers?)\b", _I)
_EACH_GROUP_BEFORE = compile_skipping(
    r"\b(?:(?:each|every|both)\s{1,4}(?:of\s{1,4}the\s{1,4})?(?:\w+\s{1,4})?(?:groups?|arms?)|(?:groups|arms)\s{1,4}(?:each|both))"
    r"\s{1,4}(?:had|included|comprised|consisted\s+of|enrolled|received|contained|of)\s{1,4}$", _I)
_GROUPS_OF_BEFORE = compile_skipping(
    rf"\b(?P<k>{NUMBER})\s{{1,4}}(?:[\w-]+\s{{1,4}})?(?:groups?|arms?|cohorts?)\s{{1,4}}of\s{{1,4}}$", _I)
_ARM_TAIL = compile_skipping(
    r"\s{1,4}(?:were\s{1,4}|was\s{1,4})?(?:(?:randomi[sz]ed|randomly\s+assigned|assigned|allocated)\s{1,4})?"
    r"(?:(?P<prep>to|into)\s{1,4}(?P<label>[A-Za-z][^,;.()]{0,80})"
    r"|(?P<prep2>in|on|from|out\s+of|for)\s{1,4}(?P<label2>(?:the\s{1,4})?[A-Za-z][^,;.()]{0,60}?\s(?:groups?|arms?|conditions?|cohorts?)\b))",
    _I)
_RESPECTIVELY = compile_skipping(r"\brespectively\b", _I)
_REASON_AFTER = compile_skipping(
    r"[^.;]{0,40}?\b(?:because\s+of|due\s+to|owing\s+to|as\s+a\s+result\s+of|after|for|citing)\s{1,4}"
    r"(?P<reason>[^.;,()]{3,60}?)(?=\s+(?:and|but|while|whereas|so)\s|[.;,()]|$)", _I)
_WHO_CLAUSE = compile_skipping(r"\s{0,4},?\s{0,4}(?:who|whom|whose|that|with|without|aged|from|at|in|on|of|having|"
                               r"undergoing|receiving|taking|scheduled|diagnosed|suffering|living|treated|recruited|"
                               r"enrolled|admitted|hospitali[sz]ed|referred|attending|presenting|lasting|between|"
                               r"[a-z]+ing)\b", _I)
_SEXES = {"men": "male", "man": "male", "males": "male", "male": "male", "boys": "male", "boy": "male",
          "women": "female", "woman": "female", "females": "female", "female": "female", "girls": "female",
          "girl": "female"}
_SEX_WORD = r"(?:men|women|males?|females?|boys|girls)"
_SEX_NOUN_RE = compile_skipping(rf"{_PCT_PAREN}\s{{1,4}}(?:were\s{{1,4}})?(?P<sex>{_SEX_WORD})\b", _I)
_ARM_LABEL_STOP = compile_skipping(
    r"\s(?:and|or|versus|vs\.?|compared|while|whereas|but|who|which|with\s+(?:a|an|the)\s+\w+\s+of|for\s+\d|"
    r"during|until|after|before|at\s+a\s+dose|daily|weekly|twice|once|over|throughout|respectively|on\s+(?:the|a)\s|"
    r"at\s+(?:the|a)\s|in\s+(?:the|a|each)\s|for\s+(?:the|a|\w+\s+(?:weeks?|days?|months?|years?))\b|by\s|from\s|"
    r"because|due\s+to|instead)\b|\s\d|[.!?:]", _I)
_GENERIC_OBJECTS = compile_skipping(
    r"(?:the\s+)?(?:study|trial|programme|program|treatment|intervention|protocol|course|follow-?up|questionnaires?|"
    r"study\s+(?:treatment|drug|medication|intervention|product|arms?|groups?)|treatment\s+(?:arms?|groups?)|"
    r"surveys?|assessments?|all|both|every|each|it|them|their|the\s+\w+\s+(?:visit|assessment|session|week)s?|"
    r"\d|one|two|three|four|five|six|seven|eight|nine|ten|at\s+least)\b", _I)
_CONTROL_LABEL = compile_skipping(r"\b(?:placebo|sham|control|usual\s+care|standard\s+care|waitlist|wait-list|"
                                  r"waiting\s+list|no\s+treatment|dummy|vehicle)\b", _I)


@dataclass
class Count:
    """A count of people found in the text, with what the clause says about it."""

    n: int
    num_start: int
    num_end: int
    start: int  # the counted phrase ("150 pregnant women"), offsets into the text
    end: int
    noun: str | None
    sex: str | None
    role: str | None = None  # a FlowRole, "received" (an arm or everyone) or None (plain)
    strength: int = PLAIN
    rule: str = "flow/count-noun"
    arm: str | None = None
    label: str | None = None
    of_n: int | None = None
    reason: str | None = None
    planned: bool = False
    per_arm: bool = False
    groups: int | None = None  # "four groups of 24": the number of arms of that size
    aside: bool = False  # inside a parenthesis right after another count
    inherited: bool = False
    extras: dict = field(default_factory=dict)


def _integer_tokens(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, value) of every whole number of text[start:end]; parts of decimals left out."""
    tokens = index_of(text).memo("flow/integer-tokens", lambda: _all_integer_tokens(text))
    return tokens[bisect.bisect_left(tokens, (start,)):bisect.bisect_left(tokens, (end,))]


def _all_integer_tokens(text: str) -> list[tuple[int, int, int]]:
    out = []
    for s, e in number_spans(text):
        if s and text[s].isdigit() and (text[s - 1] in ".," and s >= 2 and text[s - 2].isdigit()):
            continue  # "1.5", "2,5"
        if e < len(text) - 1 and text[e] in ".," and text[e + 1].isdigit() and text[s].isdigit():
            continue
        if space_grouped(text, s, e):
            continue  # "41 512 of the 41 900": thousands grouped by spaces
        value = parse_number(text[s:e])
        if value is not None:
            out.append((s, e, value))
    return out


def _clause_left(text: str, sent_start: int, pos: int) -> int:
    """Where the clause holding ``pos`` begins (after a ';', ' but ', ...), inside its sentence."""
    lo = sent_start
    for m in _CLAUSE_BREAK.finditer(text, max(sent_start, pos - 200), pos):
        lo = m.end()
    return lo


def _clause_right(text: str, pos: int, sent_end: int) -> int:
    m = _CLAUSE_BREAK.search(text, pos, sent_end)
    return m.start() if m else sent_end


def _skip_aside(text: str, pos: int, end: int) -> int:
    """Past a parenthesis (or a who/with clause) that follows a counted phrase."""
    m = re.match(r"\s{0,4}\(", text[pos:pos + 6])
    if m:
        depth, i = 0, pos + m.start()
        while i < end:
            if text[i] == "(":
                depth += 1
            elif text[i] == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
    return pos


_UNIT_AFTER_NOUN = compile_skipping(r"\s{1,4}(?:groups?|arms?|teams?|cohorts|units|wards|sites)\b", _I)


def _person_count(text: str, ns: int, ne: int, value: int, s0: int, s1: int) -> Count | None:
    """The count of people that the number at ``text[ns:ne]`` makes, or None when it counts none."""
    c = _count_at(text, ns, ne, value, s0, s1)
    if c is not None and _REMAINING_BEFORE.search(text, max(s0, ns - 30), ns):
        c.extras["remaining"] = True  # "the other 48": the complement of an arm counted before
    if c is not None and _EXTRA_GROUP_BEFORE.search(text, max(s0, ns - 30), ns):
        c.extras["extra"] = True  # "another 20 patients": a further group beside the study's total
    return c


def _count_at(text: str, ns: int, ne: int, value: int, s0: int, s1: int) -> Count | None:
    before = text[max(s0, ns - 40):ns]
    if _NOT_PEOPLE_AFTER.match(text, ne, min(s1, ne + 40)) or _RANGE_WITH_UNIT.match(text, ne, min(s1, ne + 40)):
        return None
    if ns > 0 and (text[ns - 1].isalpha() or text[ns - 1] in ")]"):
        return None  # "(CUSES)14 was used": a reference marker glued to the word, not a count
    if _NNT_BEFORE.search(text, max(s0, ns - 50), ns) or _RATE_AFTER.match(text, ne, s1):
        return None
    if _YEAR_LIKE.fullmatch(text[ns:ne]) and (
            re.search(r"\b(?:in|since|from|by|until|till|during|of|between|before|after|early|late|mid)\s{1,4}$",
                      before, _I) or not _noun_re().match(text, ns, s1)):
        return None  # a year ("in 2012 patients were ..."), unless a count of people plainly follows
    rng = _RANGE_BEFORE.search(before)
    if rng and (rng.group(0).lower().startswith(("between", "from")) or re.search(r"[-–—]\s*$|\bor\s*$", rng.group(0))
                or not re.search(r"\band\s*$", rng.group(0))):
        return None
    bad_before = _NOT_PEOPLE_BEFORE.search(before)
    of_before = _OF_BEFORE.search(before)
    remaining = _REMAINING_BEFORE.search(before)
    if bad_before and not of_before and not remaining:
        # "n = 42" and "aged 30" share the '=' and the word before: only n = keeps the number.
        return None
    noun = _noun_re().match(text, ns, s1)
    bare_mods = re.sub(r"\([^()]*\)", "", noun.group("mods") or "") if noun else ""
    if re.search(r"\s(?:and|or)\s", bare_mods) and len(bare_mods.split()) > 4:
        noun = None  # joined modifiers stay short: "four new disease and clinical research teams targeting adult ..."
    if noun and _UNIT_AFTER_NOUN.match(text, noun.end(), s1):
        return None  # "two control groups", "three patient cohorts": units named after people
    if noun is None and _LABEL_BEFORE.search(before):
        return None
    if noun and _POPULATION_STAT.match(text, noun.end(), s1):
        return None  # "790,000 people have a stroke each year"
    if noun and noun.group("noun").lower() in ("cases", "case") and re.match(r"\s{1,4}of\b", text[noun.end():noun.end() + 5]):
        return None  # "35 cases of breast cancer": events
    if noun:
        end, noun_word, sex = noun.end(), noun.group("noun").lower(), sex_of(noun.group("noun"))
        if noun_word in ("male", "female"):
            person = _person_after_sex_re().match(text, end, s1)
            if person:  # "52 female students were ...": the students are the noun, "female" their sex
                end, noun_word = person.end(), person.group("noun").lower()
        c = Count(value, ns, ne, ns, end, noun_word, sex)
        participle = _PARTICIPLE_MOD.search(noun.group("mods") or "")
        role_noun = _ROLE_NOUNS.get(c.noun or "")
        if role_noun:
            c.role, c.strength, c.rule = role_noun, CUED, f"flow/{c.noun}"
            if role_noun == "arm":
                c.arm = "control"
        elif participle:
            c.role, c.strength, c.rule = _PARTICIPLE_ROLES[participle.group(1).lower()[:5]], CUED, "flow/participle"
        if not c.sex:
            sexed = re.search(rf"\b{_SEX_WORD}\b", noun.group("mods") or "", _I)
            if sexed:
                c.sex = _SEXES[sexed.group(0).lower()]  # "16 healthy male volunteers"
        return c
    compound = _COMPOUND_RE.match(text, ns, s1)
    if compound:
        c = Count(value, ns, ne, ns, compound.end(), compound.group("noun").lower(), sex_of(compound.group("noun")),
                  role="enrolled", strength=CUED, rule="flow/n-person-study")
        if re.match(r"\s{1,3}(?:groups?|arms?|cohorts?)\b", text[compound.end():compound.end() + 12], _I):
            c.role, c.rule = "arm", "flow/n-person-group"  # "two 20-subject groups": the size of each arm
        return c
    unknown = _UNKNOWN_NOUN_VERB.match(text, ne, s1)
    if unknown and not _NON_PEOPLE_AHEAD.match(text, ne, s1) and not _STUDIES_AHEAD.match(text, ne, s1) \
            and any(rx.match(text, unknown.end("noun") + 1, s1) for role, rx in _SUBJECT_RES if role != "subgroup"):
        # "52 walkers received ...": a plural noun the vocabulary lacks, then a flow verb
        return Count(value, ns, ne, ns, unknown.end("noun"), unknown.group("noun").lower(), None)
    sexed = _SEX_NOUN_RE.match(text, ne, s1)
    if sexed:
        return Count(value, ns, ne, ns, sexed.end(), sexed.group("sex").lower(), _SEXES[sexed.group("sex").lower()])
    if text[ns:ne].lower() == "one" and _PRONOUN_ONE_BEFORE.search(before):
        return None
    if value == 1 and not text[ns:ne].isdigit():
        # "one" without a participant noun is mostly a pronoun ("one of those nights")
        after = _skip_aside(text, ne, s1)
        if not any(rx.match(text, _ws(text, after), s1) for role, rx in _SUBJECT_RES if role not in ("subgroup", "received")):
            return None
    # No noun: the count is people when a flow verb governs it, or in "14 of the 17", "n = 42".
    after = _skip_aside(text, ne, s1)
    if _ADJECTIVAL_AFTER.match(text, ne, s1) or _STUDIES_AHEAD.match(text, ne, s1):
        return None  # "11 randomized controlled trials", "five completed clinical trials": not people
    if any(rx.match(text, _ws(text, after), s1) for role, rx in _SUBJECT_RES if role != "subgroup"):
        return Count(value, ns, ne, ns, ne, None, None)
    of = _OF_AFTER.match(text, ne, s1)
    if of and (_NOT_PEOPLE_AFTER.match(text, of.end(), min(s1, of.end() + 40)) or _things_follow(text, of.end(), s1)):
        of = None  # "2 of 15 recordings", "9 of 20 schools": things, not people
    if of or _OF_THEM_AFTER.match(text, ne, s1):
        return Count(value, ns, ne, ns, ne, None, None)
    # "14 of the 17" (a denominator) and "Of the 120, 104 completed" count people; "consisted of 12
    # weekly classes" and "the bigger of the two" do not.
    denominator = _DENOMINATOR_BEFORE.search(before)
    # ("Of the 90 who finished, ...": the relative clause says who the 90 are)
    opening = _OF_OPENING.search(before) and re.match(r"\s{0,4}[,:]|\s{1,4}(?:who|whom)\b", text[ne:ne + 10])
    if (denominator and not _NON_PEOPLE_AHEAD.match(text, ne, s1) and not _things_follow(text, ne, s1)) or opening or remaining:
        return Count(value, ns, ne, ns, ne, None, None)
    if _STUDIES_AHEAD.match(text, ne, s1):
        return None  # "five completed randomized clinical trials": a count of studies
    if any(rx.search(before) for role, strength, rx in _OBJECT_RES if strength == CUED) and \
            _BARE_END.match(text, ne, s1) and not _things_follow(text, _skip_aside(text, ne, s1), s1):
        return Count(value, ns, ne, ns, ne, None, None)
    pair = _PAIR_NEXT.match(text, ne, s1)
    if _ARM_TAIL.match(text, ne, s1) or _PER_ARM_AFTER.match(text, ne, s1) or (pair and _ARM_TAIL.match(text, pair.end(), s1)):
        return Count(value, ns, ne, ns, ne, None, None)  # "30 to A and 33 to B", "30 in each group"
    if any(rx.match(text, _ws(text, after), s1) for role, rx in _SUBJECT_RES if role == "subgroup"):
        return Count(value, ns, ne, ns, ne, None, None)
    return None


_PLURAL_AHEAD = re.compile(r"\s{1,4}(?:\(\s?\d{1,3}(?:\.\d+)?\s?%\s?\)\s{1,4})?(?:[a-z][\w-]*\s{1,4})?([a-z][\w-]*s)\b")
_NOT_NOUNS = {"was", "has", "is", "does", "reports", "shows", "remains", "needs", "this", "was", "gets"}


def _things_follow(text: str, pos: int, end: int) -> bool:
    """A plural noun that is not a participant noun follows ("of 15 recordings", "of 20 schools")."""
    m = _PLURAL_AHEAD.match(text, pos, end)
    if not m:
        return False
    word = m.group(1).lower()
    return word not in _NOT_NOUNS and not re.fullmatch(population_noun(), word, _I)


def _ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\u00a0,":
        pos += 1
    return pos


_SHARE_BEFORE_N = re.compile(r"\d\s{0,2}%\s{0,4}[;,]\s{0,4}$")


def _n_equals(text: str, s0: int, s1: int) -> list[Count]:
    out = []
    for m in _N_EQUALS_RE.finditer(text, s0, s1):
        value = parse_number(m.group("num"))
        if value is None or value < 1:
            continue
        c = Count(value, m.start("num"), m.end("num"), m.start(), m.end(), None, None, rule="flow/n-equals")
        c.extras["n_equals"] = m.group("n")
        if _SHARE_BEFORE_N.search(text, max(s0, m.start() - 20), m.start()):
            # "(67%; n = 16)": the people behind a share, a part of some group
            c.role, c.strength, c.rule = "subgroup", CUED, "flow/share-n"
        out.append(c)
    return out


_SECTION_MARKER = re.compile(r"(?m)^[ \t]*(?:ABSTRACT\s?-\s?)?(?P<name>[A-Z][A-Za-z ]{2,30}?)\s{0,2}:{1,2}\s")
_BACKGROUND_NAMES = re.compile(r"(?:background|introduction|context|rationale)(?:\s+and\s+\w+)?$", re.I)


@functools.lru_cache(maxsize=8)
def _background_sections(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of a structured abstract's BACKGROUND / INTRODUCTION sections."""
    # The marker opens a line: only line starts are tried.
    marks = [(m.start(), m.group("name")) for m in index_of(text).line_matches(_SECTION_MARKER, 0, len(text))]
    out = []
    for i, (pos, name) in enumerate(marks):
        if _BACKGROUND_NAMES.match(name.strip()):
            out.append((pos, marks[i + 1][0] if i + 1 < len(marks) else len(text)))
    return tuple(out)


def read_counts(text: str, start: int, end: int) -> list[Count]:
    """Every count of people in ``text[start:end]``, in order, each with its role from its clause."""
    out: list[Count] = []
    background = _background_sections(text)
    number_starts = index_of(text).number_starts
    for k, (s0, s1) in enumerate(sentences(text, start, end)):
        i = bisect.bisect_left(number_starts, s0)
        if i == len(number_starts) or number_starts[i] >= s1:
            continue  # no number (every count below, "n = 40" too, starts where one can): no count
        if k > 0 and _OTHER_STUDY.search(text, s0, s1) and not _THIS_STUDY.search(text, s0, s1):
            # "An earlier trial recruited 120 adults": another study's people (unless the sentence opens
            # this study: "In a separate, smaller experiment, the team randomly assigned 96 adults ...")
            continue
        if any(a <= s0 < b for a, b in background):
            continue  # an abstract's background gives the field's numbers, not this study's flow
        found: list[Count] = []
        taken: set[int] = set()
        for c in _n_equals(text, s0, s1):
            found.append(c)
            taken.add(c.num_start)
        for ns, ne, value in _integer_tokens(text, s0, s1):
            if ns in taken or (value < 1 and not _SEX_NOUN_RE.match(text, ne, s1)):
                continue  # "0 men and 12 women" still is a split
            c = _person_count(text, ns, ne, value, s0, s1)
            if c is not None:
                found.append(c)
        found.sort(key=lambda c: c.num_start)
        _read_clauses(text, found, s0, s1)
        found += _gapped_arms(text, found, s0, s1)
        found = [c for c in found if not c.extras.get("drop")]
        found.sort(key=lambda c: c.num_start)
        _of_group_opening(text, found, s0)
        out.extend(found)
    return out


# After a bare count that an object verb takes: the end of the phrase, not a noun of its own
# ("enrolled 120." but not "in the two intervention groups").
_STUDIES_AHEAD = compile_skipping(r"(?:\s{1,4}[\w/-]+){0,5}?\s{1,4}(?:studies|trials|RCTs|papers|articles|reports|"
                                  r"cohorts|registries|databases|villages|schools|hospitals|clinics|practices|"
                                  r"households|communities|countries)\b", _I)
_BARE_END = compile_skipping(r"\s{0,4}(?:[,.;:)(]|$|(?:of|to|in|into|were|was|and|or|who|with|from|at|for|during|"
                             r"between|over|across|people|participants|patients)\b)", _I)
_ASSIGNED_TO_AFTER = compile_skipping(r"\s{1,4}(?:who\s+were\s+)?(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s{1,4}"
                                      r"(?:to|into)\s{1,4}(?:receive\s{1,4})?(?P<label>[^,;.()]{1,60})", _I)
_ADJECTIVAL_AFTER = compile_skipping(
    r"\s{1,4}(?:randomi[sz]ed|enrolled|screened|included|eligible|allocated|analy[sz]ed|controlled|"
    r"published|pooled|selected|matched)\s{1,4}(?!(?:to|into|in|on|at|and|or|with|from|for|by|patients|participants|"
    r"subjects|the|a|an|was|were|because|due|after|before|during|between|over|per|each|both)\b)[a-z][\w-]+", _I)
_UNKNOWN_NOUN_VERB = compile_skipping(r"\s{1,4}(?:[a-z][\w-]*\s{1,4})?(?P<noun>[a-z][a-z-]{2,}s)(?=\s)", _I)
_PAIR_NEXT = compile_skipping(rf"\s{{0,4}}(?:,|and|,\s{{0,4}}and)\s{{1,4}}{NUMBER}", _I)
_GAP_BEFORE = compile_skipping(r"(?:\band|,|\bor|\bwhile|\bwhereas|\bversus|\bvs\.?)\s{1,4}(?:the\s{1,4}(?:other|remaining)\s{1,4})?$", _I)
_GAP_AFTER = compile_skipping(r"\s{1,4}(?:(?:a|an|the)\s{1,4}(?=\d))?(?:(?:a|an|the)\s{1,4})?(?!(?:for|to|on|with|in|at|by|from|of|"
                              r"were|was|had|who|and|or|among|amongst|out|per|each|times|more|less|fewer|than|events?|"
                              r"cases?|patients|participants|people|subjects|percent|vs|versus)\b)(?P<label>[A-Za-z0-9][^,;()]{1,60}?)(?=[,;()]|\.\s|\.$|$|\s+and\s|\s+or\s)", _I)


def _of_group_opening(text: str, counts: list[Count], s0: int) -> None:
    """ "Of the 2,000 patients on blood thinners, 1,649 were taking aspirin, 428 warfarin": what the
    members of a group received are subgroups of that group, not arms of the study."""
    # (the window reaches back past the sentence's start: the opening is told by the stop before "Of")
    if not counts or not _OF_OPENING.search(text, max(0, min(s0 - 4, counts[0].num_start - 30)), counts[0].num_start):
        return
    head = counts[0]
    if re.match(r"\s{0,4}(?:\([^()]{0,20}\)\s{0,4})?(?:of|out\s+of)\b", text[head.num_end:head.num_end + 30], _I) \
            or (len(counts) > 1 and "," not in text[head.num_end:counts[1].num_start]):
        return  # "In 7 of 18 patients ...": a share, not a group opening the sentence ("Of the 90 who finished, 70 ...")
    if len(counts) > 1:
        opening = text[head.end:text.find(",", head.num_end, counts[1].num_start)]
        if re.match(r"\s+(?:the|a|an|this|his|her|their|its)\s", opening, _I) or (
                re.search(r"\b(?:was|were|is|are|had|has|have|could|did|would|will)\b", opening, _I)
                and not re.search(r"\b(?:who|whom|that|which)\b", opening, _I)):
            return  # "In one patient the scan failed, and in the other five ...": a clause, not an opening group
    if head.role in ("screened", "eligible", "excluded"):
        return  # "Of 212 people screened, 96 were randomised": the stages of a flow, not a breakdown
    if not re.search(r"\b(?:almost|nearly|about|approximately|over|some)?\s*$", text[max(s0, head.num_start - 20):head.num_start]):
        return
    if len(counts) > 1 and re.search(r"\b(?:and|or)\s*$", text[head.end:counts[1].num_start], re.I):
        return  # "In 1 patient from group A and 2 from group B": a list of groups, not a breakdown of the 1
    first_clause_end = text.find(";", head.end)
    for c in counts[1:]:
        if 0 <= first_clause_end < c.num_start or _in_parenthesis(text, s0, c.num_start):
            break  # only the list that the opening governs
        if c.role in ("received", "arm") and c.rule not in ("flow/arm-coordinated", "flow/arm-randomized-to"):
            # allocation is the next stage of the flow ("Of 300 enrolled, 98 and 101 were randomised")
            c.role, c.rule, c.of_n, c.strength = "subgroup", "flow/subgroup-of-group", head.n, PLAIN
        elif c.role in (None, "subgroup") and c.of_n is None:
            c.of_n = head.n  # "Of the 90 who finished, 70 said ...": counted among the 90


# "or four weekly injections": the number counts the things its plural noun names, not people
# (nor does "or 9 units/day", a rate).
_COUNTED_THINGS = re.compile(r"(?:[a-z][\w-]*\s{1,4})?[a-z][\w-]*[^\Wsiu]s\b", re.I)


def _gapped_arms(text: str, counts: list[Count], s0: int, s1: int) -> list[Count]:
    """ "31 received the patch and 29 a placebo patch": a bare count after an arm shares its verb."""
    arms = [c for c in counts if c.role in ("received", "arm")]
    if not arms:
        return []
    known = {c.num_start for c in counts}
    out = []
    for ns, ne, value in _integer_tokens(text, arms[0].end, s1):
        if ns in known or value < 2 or _NOT_PEOPLE_AFTER.match(text, ne, min(s1, ne + 40)):
            continue
        if not _GAP_BEFORE.search(text, max(s0, ns - 30), ns):
            continue
        m = _GAP_AFTER.match(text, ne, s1)
        if not m:
            continue
        label = _label_from(text, m.start("label"), m.end("label"))
        if label is None or _COUNTED_THINGS.match(m.group("label")) or re.match(r"[^\s/]{1,12}/", m.group("label")) \
                or re.search(r"\b(?:groups|arms)\b", m.group("label"), _I):
            continue
        out.append(Count(value, ns, ne, ns, ne, None, None, role="arm", strength=CUED, rule="flow/arm-gapped",
                         arm=label, inherited=True))
    return out


def _label_from(text: str, start: int, end: int) -> str | None:
    """An arm's label: the short noun phrase at ``text[start:end]``, cut at the next clause word."""
    lead = re.match(r"\s*(?:(?:the|a|an|receive|receiving|get|getting|take|taking|be\s+given|either|both|"
                    r"group|arm)\s+)+", text[start:end], _I)
    if lead:
        start += lead.end()
    stop = _ARM_LABEL_STOP.search(text, start + 1, end)
    piece = text[start:stop.start() if stop else end]
    piece = re.sub(r"\s+(?:group|arm|condition|cohort)s?\s*$", "", piece.strip(" ,:-.;"), flags=_I)
    words = piece.split()
    if not re.search(r"[A-Za-z]{3}|[A-Z]{2}", piece):
        return None
    if not words or len(words) > 8 or _GENERIC_OBJECTS.fullmatch(piece) or _DESIGN_LABEL.match(piece):
        return None
    return " ".join(words)


# "completed this randomized, placebo-controlled study": the study itself, described, is no arm
_DESIGN_LABEL = compile_skipping(
    r"(?:(?:this|our|that|the)\s+)?(?:(?:randomi[sz]ed|open-label|controlled|crossover|cross-over|pilot|clinical|"
    r"prospective|parallel-group|multicent(?:er|re)|[\w]+-(?:controlled|blind|blinded|masked|site|centre|center|"
    r"subjects|group|arm))[\s,]*)+(?:study|trial)?$", _I)


_LABEL_DELIMITER = re.compile(r"(?:\b(?:to|or|and|versus|vs\.?|received?|receiving|either|with|of|the|a|an)\b|[,:;])\s*", re.I)


def _group_label_before(text: str, lo: int, pos: int) -> str | None:
    """'the placebo group (n = 20)', 'to the app (858 people)': the arm named right before a count."""
    m = re.search(r"\b(?:the\s+)?([\w-]+(?:\s+[\w-]+)?)\s+(?:group|arm)\s*(?:\(|,|:)?\s*(?:had|included|comprised|of|with)?\s*$",
                  text[lo:pos], _I)
    if m:
        return _label_from(text, lo + m.start(1), lo + m.end(1))
    piece = text[lo:pos].rstrip()
    if not piece.endswith("("):
        return None
    piece = piece[:-1]
    first_space = piece.find(" ")
    cut = first_space + 1 if lo > 0 and text[lo - 1].isalnum() and first_space >= 0 else 0
    for d in _LABEL_DELIMITER.finditer(piece):
        if d.end() < len(piece.rstrip()):
            cut = d.end()
    return _label_from(text, lo + cut, lo + len(piece))


def _read_clauses(text: str, counts: list[Count], s0: int, s1: int) -> None:
    """Give every count of one sentence its role from the words around it."""
    for i, c in enumerate(counts):
        aside_end = _skip_aside(text, c.end, s1)
        nxt = next((o.num_start for o in counts[i + 1:] if o.num_start >= aside_end), s1)
        lo = _clause_left(text, s0, c.num_start)
        hi = min(_clause_right(text, c.end, s1), s1)
        if _in_parenthesis(text, s0, c.num_start) and _whole_group_paren(text, c, s0, s1) is None:
            close = text.find(")", c.end, s1)
            hi = min(hi, close) if close >= 0 else hi  # "(82 subjects in group A) participated": not the 82's verb
        before = text[max(lo, c.num_start - 90):c.num_start]
        plan = _PLANNED.search(text, lo, min(hi, c.end + 80))
        if plan and not _THEIR_OWN_PLAN.search(text, max(lo, plan.start() - 20), plan.start()):
            c.planned = True  # (not "..., 50 said they planned to go on": the participants' intention)
        if i and text.rfind("(", counts[i - 1].end, c.num_start) > text.rfind(")", counts[i - 1].end, c.num_start):
            c.aside = counts[i - 1].num_start < c.num_start and "(" in text[counts[i - 1].end:c.num_start]
        if "n_equals" in c.extras and not _in_parenthesis(text, s0, c.start) \
                and _WHOLE_BEFORE_N.search(text, max(s0, c.start - 60), c.start):
            _role_from_object(text, c, before)
            if c.role is None:
                _role_from_subject(text, c, min(hi, s1), nxt)
            if c.role in (None, "subgroup"):
                c.role, c.strength, c.rule = "enrolled", CUED, "flow/n-equals"
            continue
        whole_paren = _whole_group_paren(text, c, s0, s1)
        if whole_paren is not None:
            c.extras["whole"] = True
            _role_from_subject(text, c, min(hi, s1), nxt, whole_paren)
            if c.role == "subgroup" and "n_equals" not in c.extras and not _AUX_NEXT.match(text, whole_paren):
                c.role = None  # "149 eyes (149 patients) diagnosed with X": a description, not an event
            if c.role is None:
                c.role, c.strength, c.rule = "enrolled", SIZE, "flow/n-equals-group"
            continue
        if c.role is None:
            _role_from_object(text, c, before)
        of = _OF_AFTER.match(text, c.num_end, s1)
        if of and c.noun is None or (of and of.start("of") <= c.end + 20):
            c.of_n = parse_number(of.group("of"))
        elif _OF_THEM_AFTER.match(text, c.num_end, s1) or (i and _NESTED_BEFORE.search(text, max(s0, c.num_start - 30),
                                                                                        c.num_start)):
            c.label = c.label or "of them"  # "three withdrew, two of them ...", "of those, 35 received ..."
            if c.role in ("enrolled", "randomized") and c.strength < CUED:
                c.role, c.strength, c.rule = None, PLAIN, "flow/count-noun"  # "a total of 6,456 of these patients died"
        groups = _GROUPS_OF_BEFORE.search(text, max(lo, c.num_start - 40), c.num_start)
        if groups:
            c.per_arm, c.groups, c.role, c.strength, c.rule = True, parse_number(groups.group("k")), "arm", CUED, "flow/groups-of"
            c.arm = "each"
        denominator = next((o for o in counts[i + 1:] if of and o.num_start == of.start("of")), None)
        if denominator is not None:
            denominator.extras["denominator"] = True
        if c.extras.get("denominator"):
            pass  # "14 of the 17 responded": the verb is the 14's
        elif c.role is None or c.role == "received" or c.strength < CUED:
            verb_from = denominator.end if denominator is not None else c.end
            nxt2 = counts[i + 2].num_start if denominator is not None and i + 2 < len(counts) else nxt
            _role_from_subject(text, c, min(hi, s1), nxt2, verb_from)
        elif c.role == "enrolled" and c.rule in ("flow/enrolled-object", "flow/size-statement"):
            # "In a cohort study, 60 adults with X were screened and 48 were enrolled": the count's
            # own verb names an earlier stage than the study phrase before it suggests.
            probe = replace(c, role=None, strength=PLAIN, extras=dict(c.extras))
            _role_from_subject(text, probe, min(hi, s1), nxt, c.end)
            # only a plain "were screened" of the count itself: "60 patients who met the inclusion
            # criteria" or "20 patients, identified as anxious" are still the participants
            if probe.role == "screened" and _WERE_SCREENED.match(text, c.end, min(hi, s1, c.end + 80)):
                c.role, c.strength, c.rule = probe.role, probe.strength, probe.rule
        if _PER_ARM_AFTER.match(text, c.end, s1) or _PER_ARM_AFTER.match(text, c.num_end, s1) or \
                _EACH_GROUP_BEFORE.search(text, max(s0, c.num_start - 40), c.num_start):
            c.per_arm, c.role, c.arm, c.rule = True, "arm", "each", "flow/per-arm"
            c.strength = CUED
        if c.role == "withdrawn" and c.reason is None:
            r = _REASON_AFTER.match(text, c.end, hi)
            if r:
                c.reason = " ".join(r.group("reason").split()).rstrip(" ,")
        if c.sex and c.role in (None, "subgroup") and not c.label:
            c.label = "male" if c.sex == "male" else "female"
        if c.label == "of them" and c.role in (None, "subgroup"):
            sexed = _SEX_OF_THEM.match(text, c.num_end, min(hi, s1))
            if sexed:  # "of whom 81 were female", "27 of them men": the sex of part of the group
                c.label = _SEXES[sexed.group("s").lower()]
    counts.extend(_sex_pairs(text, counts))
    counts.extend(_coordinated_randomized(text, counts))
    counts.sort(key=lambda c: (c.num_start, c.end))
    _ellipsis(text, counts, s0, s1)
    _group_counts(text, counts, s0, s1)


_SEX_OF_THEM = compile_skipping(r"(?:\s{1,4}of\s{1,4}(?:them|whom|these|those))?\s{1,4}(?:(?:were|was)\s{1,4})?"
                                r"(?P<s>men|women|males?|females?|boys|girls)\b", _I)
_WERE_SCREENED = compile_skipping(r"[^,;.()]{0,60}?\b(?:were|was)\s+(?:screened|assessed\s+for\s+eligibility)\b", _I)
_PARALLEL_GAP = re.compile(r"[^.;:]{0,80}?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|versus|vs\.?|compared\s+(?:with|to))\s+)$", re.I)
_COMPARED_GAP = re.compile(r"[^.;:]{0,80}?\s(?:versus|vs\.?|compared\s+(?:with|to))\s+$", re.I)
_NEXT_WORD = re.compile(r"\s*(?:\(\s*[^)]{0,20}\))?\s*([A-Za-z]+)")
_PARALLEL_LABEL = re.compile(r"\s*[A-Za-z]+\s+([^.;,()]{1,60}?)(?=\s*(?:\(|,|;|\.|\band\b|\bor\b|$))", re.I)


def _parallel(text: str, counts: list[Count]) -> None:
    """ "including 71 receiving A and 78 receiving B": a count built like the one before it in the
    same list is the same kind of group (here both arms), not a new total."""
    for a, b in zip(counts, counts[1:]):
        # a plain count compared with an arm is the other arm: "73 patients in group A were
        # compared with 72 patients in group B"
        compared = a.role == "arm" and b.role is None and bool(_COMPARED_GAP.match(text, a.num_end, b.num_start))
        if a.role not in ("arm", "subgroup") or (b.role not in ("enrolled", "randomized") and not compared) \
                or (b.strength >= CUED and b.rule != "flow/received-treatment") \
                or not _PARALLEL_GAP.match(text, a.num_end, b.num_start):
            continue
        wa, wb = _NEXT_WORD.match(text, a.num_end), _NEXT_WORD.match(text, b.num_end)
        if not (wa and wb and wa.group(1).lower() == wb.group(1).lower()):
            continue
        b.role, b.strength, b.rule, b.label, b.of_n = a.role, a.strength, a.rule + "/parallel", a.label, a.of_n
        if a.arm:
            lab = _PARALLEL_LABEL.match(text, b.num_end)
            b.arm = " ".join(lab.group(1).split()) if lab else None


# "Twenty-eight women in the yoga group and 27 in the control group completed ...": one verb for both arms
_IN_THE_ARM = r"\s+in\s+the\s+(?P<label>[\w\s/-]{1,40}?)\s+(?:group|arm)"
_ARM_THEN_NEXT = compile_skipping(_IN_THE_ARM + r"\s*,?\s+and\s+$", _I)
_IN_ARM_AFTER = compile_skipping(_IN_THE_ARM + r"\b", _I)


def _shared_verb(text: str, counts: list[Count]) -> None:
    """A plain count of one arm coordinated with a count whose verb follows takes that verb's role."""
    for a, b in zip(counts, counts[1:]):
        if a.role is not None or b.role not in ("completed", "analysed", "withdrawn", "lost"):
            continue
        gap = _ARM_THEN_NEXT.fullmatch(text, a.end, b.num_start)
        if gap is None:
            continue
        a.role, a.strength, a.rule = b.role, b.strength, b.rule + "/shared-verb"
        a.arm = " ".join(gap.group("label").split())
        own = _IN_ARM_AFTER.match(text, b.end)
        if b.arm is None and own:
            b.arm = " ".join(own.group("label").split())


_SEX_GAP = re.compile(r"\s*(?:\(\s*\d{1,3}(?:\.\d+)?\s*%\s*\)\s*)?(?:,|and|,\s*and|;|/|\+|or)\s*(?:(?:were|was)\s+)?", re.I)


_EVENT_AFTER = compile_skipping(
    r"\s{0,4}(?:--|—|–|,)?\s{0,4}(?:(?:also|later|subsequently|eventually)\s{1,4})?(?:developed|died|missed|relapsed|"
    r"experienced|suffered|reported|responded|had\s+(?:a|an)\b|were\s{1,4}(?:diagnosed|hospitali[sz]ed|admitted|"
    r"killed|infected)|(?:each|per|every|a)\s{1,4}year\b|annually)[^.;]{0,40}", _I)


def _sex_pairs(text: str, counts: list[Count]) -> list[Count]:
    """ "591 women and 112 men": a sex split, both subgroups; with a flow verb ("40 men and 40 women
    were randomised") the pair also states the total, added as one more count of that role."""
    added = []
    for a, b in zip(counts, counts[1:]):
        if not (a.sex and b.sex and a.sex != b.sex) or a.extras.get("paired") or b.extras.get("paired"):
            continue
        if not _SEX_GAP.fullmatch(text, a.end, b.num_start):
            continue
        verb = next((c for c in (a, b) if c.role not in (None, "subgroup") and c.strength >= SIZE), None)
        event = _EVENT_AFTER.match(text, b.end)
        if event:
            # "31 women and 12 men developed dementia": an outcome counted by sex, not who took part.
            for c in (a, b):
                c.extras["paired"] = True
                c.role, c.rule, c.strength = "subgroup", "flow/outcome-by-sex", PLAIN
                c.label = " ".join(event.group(0).split())
            continue
        for c in (a, b):
            c.extras["paired"] = True
            if c.role not in (None, "subgroup"):
                c.extras["verb_role"] = c.role
            c.role, c.rule, c.strength, c.label, c.arm = "subgroup", "flow/sex-split", PLAIN, c.sex, None
        if verb is not None and verb.extras.get("verb_role") not in ("received",):
            role = verb.extras["verb_role"]
            added.append(Count(a.n + b.n, a.num_start, a.num_end, a.start, b.end, None, None, role=role,
                               strength=SIZE, rule="flow/sex-sum", planned=verb.planned,
                               extras={"sum_of": (a.n, b.n)}))
    return added


# "140 and 151 were randomised", "30, 31 and 29 patients were allocated": numbers coordinated
# right before the count that the allocation verb follows.
_COORDINATED_BEFORE = compile_skipping(
    rf"(?<![\w.,%])(?P<list>(?:{NUMBER}\s{{0,4}},\s{{0,4}})*{NUMBER})\s{{0,4}},?\s{{0,4}}and\s{{1,4}}$", _I)
_ALLOCATED_TO = compile_skipping(
    r"[^.;:()]{0,40}?\b(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|allocated|assigned)\s{1,4}(?:to|into|between)"
    r"\s{1,4}(?:receive\s{1,4}|either\s{1,4})*(?P<targets>[^.;:()]{3,160})", _I)
_TARGET_SPLIT = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|versus|vs\.?)\s+)(?:to\s+)?", re.I)


def _coordinated_randomized(text: str, counts: list[Count]) -> list[Count]:
    """ "140 and 151 were randomised to A or B", "30, 31 and 29 were allocated to ...": numbers
    coordinated as the subject of the allocation verb are its arms, and together the total."""
    added = []
    by_start = {c.num_start: c for c in counts}
    for last in list(counts):
        if last.sex or "sum_of" in last.extras or not (
                last.role == "randomized" and last.strength >= CUED or last.rule == "flow/arm-randomized-to"):
            continue
        lo = max(0, last.num_start - 80)
        m = _COORDINATED_BEFORE.search(text, lo, last.num_start)
        if not m or _NOT_PEOPLE_BEFORE.search(text, max(0, m.start() - 30), m.start()) \
                or _RANGE_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue
        chain = []
        for t in NUMBER_RE.finditer(text, m.start("list"), m.end("list")):
            c = by_start.get(t.start())
            if c is None:
                c = Count(parse_number(t.group(0)), t.start(), t.end(), t.start(), t.end(), None, None)
                added.append(c)
            elif c.role not in (None, "subgroup") or c.sex or c.of_n or c.per_arm:
                chain = []
                break
            chain.append(c)
        if not chain:
            continue
        chain.append(last)
        allocated = _ALLOCATED_TO.match(text, last.end)
        labels: list[str | None] = [None] * len(chain)
        if allocated:
            t0 = allocated.start("targets")
            body = re.split(r",?\s+respectively\b", allocated.group("targets"), maxsplit=1, flags=_I)[0]
            cuts = [0] + [x for sep in _TARGET_SPLIT.finditer(body) for x in (sep.start(), sep.end())] + [len(body)]
            parts = [_label_from(text, t0 + cuts[k], t0 + cuts[k + 1]) for k in range(0, len(cuts), 2)]
            if len(parts) == len(chain) and all(parts):
                labels = list(parts)
        for c, label in zip(chain, labels):
            c.role, c.strength, c.rule, c.arm, c.planned = "arm", CUED, "flow/arm-coordinated", label, last.planned
        added.append(Count(sum(c.n for c in chain), chain[0].num_start, chain[0].num_end, chain[0].start, last.end,
                           None, None, role="randomized", strength=CUED, rule="flow/randomized-sum",
                           planned=last.planned, extras={"sum_of": tuple(c.n for c in chain)}))
    return added


# "the trial, n = 48 adults", "It enrolled n = 48": the n = of the whole study, not of an arm.
_WHOLE_BEFORE_N = compile_skipping(r"(?:\b(?:trial|study|sample|cohort|survey|analysis|enrol\w*|recruit\w*|randomi[sz]\w*|"
                                   r"included|involv\w*|total)|^|[.;]\s*)[\s,:]{0,4}(?:of\s{1,4})?$", _I)


def _in_parenthesis(text: str, s0: int, pos: int) -> bool:
    """Whether ``pos`` sits inside a parenthesis opened in its sentence."""
    return text.count("(", s0, pos) > text.count(")", s0, pos)


_PAREN_LEAD = re.compile(r"\s{0,4}(?:[^();,]{1,20};\s{0,4})?")
_COUNT_BEFORE_PAREN = compile_skipping(rf"\b{NUMBER}\s{{1,4}}(?:[\w-]+\s{{1,4}})?[\w-]+\s{{0,4}}$", _I)


_AUX_NEXT = re.compile(r"\s{0,4},?\s{0,4}(?:were|was|have|had|has)\b", re.I)


def _alone_in_parenthesis(text: str, c: Count, after_units: bool = False) -> bool:
    """ "the app (58 patients)", "dexamethasone (Dex; 58 patients)": the parenthesis holds only the
    count and its noun, after a label (``after_units``: after a count of units, "149 eyes (149 patients)")."""
    opening = text.rfind("(", max(0, c.num_start - 30), c.num_start)
    if opening < 0 or not _PAREN_LEAD.fullmatch(text, opening + 1, c.num_start):
        return False
    if bool(_COUNT_BEFORE_PAREN.search(text, max(0, opening - 40), opening)) != after_units:
        return False
    return bool(re.match(r"\s{0,4}\)", text[c.end:c.end + 6]))


_AUX_FLOW_VERB = compile_skipping(r"\s{0,4}(?:were|was)\s{1,4}(?:(?:randomly|then|subsequently)\s{1,4})?"
                                  r"(?:randomi[sz]ed|allocated|assigned|enrolled|recruited|included)\b", _I)


def _whole_group_paren(text: str, c: Count, s0: int, s1: int) -> int | None:
    """ "adult subjects (n = 60) were randomised": n = N after a participant noun counts that
    whole group; returns where the parenthesis closes (the verb after it governs the count).
    So does "149 eyes (149 patients)", "twelve care homes (150 residents)": the people of the units."""
    if c.noun and not c.sex and _alone_in_parenthesis(text, c, after_units=True):
        return text.find(")", c.end) + 1
    if "n_equals" not in c.extras:
        return None
    people_parens = [m for m in re.finditer(r"\(\s{0,4}[^()]{0,40}?(?<![A-Za-z])[nN]\s{0,4}[=:]", text[s0:min(s1, c.start + 300)])
                     if re.search(rf"\b{population_noun()}\b[^()]{{0,60}}$", text[max(s0, s0 + m.start() - 80):s0 + m.start()], _I)]
    if len(people_parens) > 1:
        return None  # "patients with pain (n = 36) and healthy controls (n = 12)": groups, not the whole
    open_at = text.rfind("(", max(s0, c.start - 12), c.start + 1)
    if open_at < 0 or ")" in text[open_at:c.start]:
        return None
    pre = text[max(s0, open_at - 80):open_at]
    close = text.find(")", c.end)
    # "... related disorders (n = 24) were randomly allocated": the subject of the allocation verb
    subject_of_flow_verb = close >= 0 and _AUX_FLOW_VERB.match(text, close + 1) and not people_parens[1:] \
        and not re.search(r"(?<![A-Za-z])[nN]\s{0,4}[=:]", text[s0:open_at])  # "A (n = 32) or B (n = 8) were ...": arms
    if not subject_of_flow_verb and not re.search(rf"\b(?:{population_noun()}|trial|study|sample|cohort|survey|analysis)\b"
                                                  rf"(?:\s+(?:with|who|aged|from|in)\b[^()]{{0,60}})?\s*$", pre, _I):
        return None
    if close < 0:
        return None
    inside = text[open_at + 1:close]
    if len(re.findall(r"(?<![A-Za-z])[nN]\s{0,4}[=:]", inside)) > 1 or re.match(r"\s{0,3}[A-Za-z]", text[c.end:close]):
        return None  # "(n = 14 NGI, n = 14 HGI)": the sizes of two arms
    return close + 1


_BREAKDOWN_NEXT = compile_skipping(rf"[^.;:()]{{0,60}}?,\s{{0,4}}{NUMBER}\s{{1,4}}[^.;]{{0,60}}?(?:,\s{{0,4}}|\s)and\s{{1,4}}{NUMBER}\b", _I)


def _role_from_object(text: str, c: Count, before: str) -> None:
    before = re.sub(r"\b[nN]\s{0,4}[=:]\s{0,4}$", "", before)
    for role, strength, rx in _OBJECT_RES:
        m = rx.search(before)
        if m:
            if role == "enrolled" and strength == SIZE and m.group(0).lower().startswith(("with", "among", "across", "on")):
                everyone = re.search(r"\b(?:all|across\s+(?:all\s+)?the)\s{1,4}$", before, _I)
                if (_OF_OPENING.search(before) and not everyone) or c.noun is None:
                    return  # "Among 40 adults, ..." opens a clause about a group; "in 30" alone is no size
            c.role, c.strength = role, strength
            c.rule = f"flow/{role}-object" if strength == CUED else "flow/size-statement"
            if strength == SIZE and _TOTAL_MARKER.search(before):
                c.extras["total_marker"] = True  # "a total of 24 ... were enrolled": a statement of the whole
            if strength == SIZE and _RESTATING.search(before):
                c.rule = "flow/restated"  # "Across the 40 participants", "Overall, 40 adults": everyone again
            if role == "enrolled" and re.search(r"\b(?:includ\w*|compris\w*|consist\w*\s+of)\s{1,4}$", before, _I) \
                    and _BREAKDOWN_NEXT.match(text, c.end) and not c.sex \
                    and not re.match(rf"[^.;]{{0,60}}?,\s{{0,4}}{NUMBER}\s{{1,4}}(?:{_SEX_WORD})\b", text[c.end:c.end + 80], _I):
                c.role, c.strength, c.rule = "subgroup", PLAIN, "flow/breakdown"
                c.extras["breakdown"] = True  # "included 305 under 70, 448 aged 70 to 79 and 330 over 80"
                return
            assigned = _ASSIGNED_TO_AFTER.match(text, c.end) if role == "enrolled" else None
            if assigned and not _to_several(assigned.group("label")) \
                    and not _ALTERNATIVE_AFTER_ASIDE.match(text, assigned.end("label")):
                c.role, c.strength, c.rule = "arm", CUED, "flow/arm-assigned-to"
                c.arm = _label_from(text, assigned.start("label"), assigned.end("label"))
                return
            tail = _ARM_TAIL.match(text, c.end)
            if tail and tail.group("prep2") and not _to_several(tail.group("label2")):
                c.role, c.strength, c.rule = "arm", CUED, "flow/arm-in-group"
                c.arm = _label_from(text, tail.start("label2"), tail.end("label2"))
            group = re.search(r"\b([\w-]+(?:\s+[\w-]+)?)\s+(?:group|arm)\s+(?:had|included|comprised|consisted\s+of|enrolled)\s{1,4}"
                              + _Q + r"$", before, _I)
            named = re.search(r"\b(?:group|arm|cohort)\s+([A-Z0-9]{1,3}|I{1,3}V?|IV)\s+(?:had|included|comprised|consisted\s+of|"
                              r"enrolled)\s{1,4}" + _Q + r"$", before)
            if named:
                c.role, c.arm, c.rule = "arm", named.group(0).split()[0] + " " + named.group(1), "flow/arm-group-had"
            elif group and not re.fullmatch(r"(?:the|this|our|whole|entire|study|trial|each)(?:\s+\w+)?", group.group(1), _I):
                c.role, c.arm, c.rule = "arm", re.sub(r"^(?:the|a)\s+", "", group.group(1), flags=_I), "flow/arm-group-had"
            if role == "randomized":
                tail = _ARM_TAIL.match(text, c.end)
                if tail and tail.group("prep") and not _to_several(tail.group("label")) \
                        and not _ALTERNATIVE_AFTER_ASIDE.match(text, tail.end("label")):
                    c.role, c.arm = "arm", _label_from(text, tail.start("label"), tail.end("label"))
                    c.rule = "flow/arm-object"
            return


# A count opening the next arm of an ellipsis: "... to A and 85 to B", "and sixteen to the control".
_COUNT_WORD = (r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|"
               r"fifty|sixty|seventy|eighty|ninety|hundred)\b)")


# "to vitamin D3 (1,200 IU a day) or placebo": the list goes on after the first arm's parenthesis
_ALTERNATIVE_AFTER_ASIDE = re.compile(r"\s*\([^()]{0,80}\)\s*,?\s*(?:or|versus|vs\.?|and)\b", re.I)


def _to_several(label: str) -> bool:
    """ "to one of three groups", "to receive either A or B", "to A or B": the whole sample, not an arm."""
    if re.search(r"\b(?:and|or)\b[^,;.]{0,40}\b(?:groups|arms)\b", label, _I):
        return True  # "to clopidogrel and aspirin groups"
    ellipsis = re.search(rf"(?:\band|\bor|,)\s+(?:to\s+)?{_COUNT_WORD}", label, _I)
    if not ellipsis and (re.search(r"\b(?:group|arm)\b[^;]{0,80}?\b(?:and|or)\s[^;]{0,80}?\b(?:group|arm)\b", label, _I)
                         or len(re.findall(r"\(\s*n\s*=", label, _I)) >= 2):
        return True  # "into an A group (n = 30) and a B group (n = 30)": every arm, so the whole sample
    return bool(re.match(r"\s*(?:one\s+of|either|each\s+of|two|three|four|five|\d+|both|the\s+(?:two|three|four)|"
                         r"(?:\w+\s+){0,2}(?:groups|arms|conditions)\b|receive\s+either)", label, _I)
                or re.search(r"\b(?:or|versus|vs\.?)\b", label, _I))


_RELATIVE_BEFORE = compile_skipping(r"\b(?:who|whom|that|which)\s{1,4}(?:[\w-]+\s{1,4}){0,3}$", _I)
_TOTAL_MARKER = compile_skipping(r"\b(?:(?:a\s+)?total\s+of|in\s+total|overall|altogether|in\s+all)\s{0,4},?\s{0,4}"
                                 r"(?:(?:all|the|these|our|some|about|approximately|nearly)\s{1,4}){0,2}$", _I)
_RESTATING = compile_skipping(r"\b(?:across|among(?:st)?|in\s+all|overall|altogether|in\s+total)\s{1,4},?\s{0,4}"
                              r"(?:(?:all|the|these|our)\s{1,4}){0,2}$", _I)
_ANOTHER_COUNT_BETWEEN = compile_skipping(r",\s{1,4}(?:about\s+|nearly\s+|almost\s+|over\s+)?\d[\d,.]*\s?(?:%|percent|per\s?cent)"
                                          r"?\s+(?:of\s+(?:them|these|those)\s+)?(?=\w)", _I)
_DEFINITE_BEFORE = compile_skipping(r"\b(?:the|all(?:\s+the)?|these|our)\s{1,4}$", _I)
_ASSESSMENT_OBJECT = compile_skipping(
    r"\s{1,4}(?:(?:the|a|an|all|both|each|every|their|at\s+least\s+(?:one|two|some))\s{1,4})?(?:[\w-]+\s{1,4}){0,3}?"
    r"(?:questionnaires?|surveys?|assessments?|tests?|testing|interviews?|forms?|diar(?:y|ies)|measures?|scales?|tasks?|"
    r"baseline|screening|evaluations?|visits?|readings?|recordings?|scans?|logs?|inventor(?:y|ies)|ratings?|"
    r"parts?\s+of|sessions?\s+of\s+the\s+(?:assessment|testing)|follow-?up\s+(?:questionnaire|survey|assessment|visit))\b"
    r"(?!\s+(?:study|trial|program|programme|intervention|course))", _I)
_VERB_SEARCH = re.compile("|".join(rf"(?P<{role}>\b(?:{rx}))" for role, rx in _SUBJECT_VERBS), re.I)


# "278 of the 468 eligible were enrolled", "96 of 130 screened adults were randomised": the
# pool is an earlier stage of the flow, the count the next one (not a subgroup).
_EARLIER_STAGE = compile_skipping(r"\b(?:screened|eligible|assessed|approached|invited|original|potential|contacted|"
                                  r"referred|interested|identified)\b", _I)


def _role_from_subject(text: str, c: Count, hi: int, nxt: int, verb_from: int | None = None) -> None:
    """The verb after the counted phrase ("... adults with X were randomised") names the role."""
    pos = _ws(text, _skip_aside(text, c.end if verb_from is None else verb_from, hi))
    if pos >= hi:
        return
    limit = min(hi, nxt if nxt > pos else hi)
    found: tuple[str, re.Match[str]] | None = None
    for role, rx in _SUBJECT_RES:
        m = rx.match(text, pos, hi)
        if m:
            found = (role, m)
            break
    if found is None and _WHO_CLAUSE.match(text, pos, limit):
        # "80 adults with migraine who were referred by their doctors took part": the verb after
        # the qualifying words governs the count, not one inside them (the last flow verb wins).
        hits = [(m.lastgroup, m) for m in _VERB_SEARCH.finditer(text, pos, limit)
                if text.count("(", pos, m.start()) <= text.count(")", pos, m.start())]
        main = [h for h in hits if not _RELATIVE_BEFORE.search(text, max(pos, h[1].start() - 20), h[1].start())]
        # A flow verb inside the clause still counts ("Of 212 people who were screened, ...");
        # a state inside it does not ("12 patients who have depression" is no subgroup by itself).
        fallback = next((h for h in hits if h[0] != "subgroup"), None)
        found = main[0] if main else fallback
    if found is None:
        return
    role, m = found
    if _ANOTHER_COUNT_BETWEEN.search(text, pos, m.start()):
        return  # "Of the 1,000 participants, 45 percent were female": the verb has its own subject
    if role in ("eligible", "enrolled"):
        # "1,200 were eligible and were randomly split": the later flow step of the same people
        then = _AND_THEN.match(text, m.end(), hi)
        later = then and _RANDOMIZED_SUBJECT_RE.match(text, then.end(), hi)
        if later:
            role, m = "randomized", later
    whole_gap = m.start() == pos or re.fullmatch(r"(?:in|of|from)\s+(?:the|this|our)\s+(?:study|trial|sample|cohort|"
                                                 r"programme|program)\s*,?\s*", text[pos:m.start()], _I)
    if role == "subgroup" and c.noun and whole_gap and _DEFINITE_BEFORE.search(text, max(0, c.start - 12), c.start):
        c.role, c.strength, c.rule = "enrolled", SIZE, "flow/definite-total"
        return  # "The 351 participants in the study had high cholesterol": everyone, restated
    if role == "subgroup" and c.role is not None and c.strength == CUED:
        return  # an object verb already named the role: "enrolled 30 adults who had ..."
    if c.role is not None and c.strength == CUED and role in ("received", "enrolled"):
        return
    if role == "completed" and _ASSESSMENT_OBJECT.match(text, m.end(), hi):
        # "1,183 completed the baseline questionnaire": answered an assessment, not the whole study
        role = "subgroup"
        c.label = " ".join(text[m.start():_ASSESSMENT_OBJECT.match(text, m.end(), hi).end()].split())
    c.role, c.rule, c.strength = role, f"flow/{role}", CUED if role != "subgroup" else PLAIN
    if role == "subgroup" and not c.label:
        obj = _label_from(text, m.end(), hi)
        verb = " ".join(text[m.start():m.end()].split())
        c.label = f"{verb} {obj}" if obj else verb
    if role in ("randomized", "received", "completed", "withdrawn", "analysed"):
        _arm_after_verb(text, c, role, m.end(), hi)
    earlier_stage = c.role in ("randomized", "enrolled") and bool(_EARLIER_STAGE.search(text, c.num_end, m.start()))
    if earlier_stage:
        c.extras["earlier_stage"] = True
    if ((c.of_n is not None and c.role in ("received", "arm", "randomized", "enrolled")) or
            (c.label == "of them" and c.role in ("received", "enrolled"))) and not earlier_stage:
        c.role, c.rule, c.strength = "subgroup", "flow/subgroup-of-arm", PLAIN  # "24 of 52 given psilocybin"


_NEXT_CLAUSE = re.compile(rf",\s{{0,4}}(?:{NUMBER}\s{{0,4}}(?:\([^()]{{0,20}}\)\s{{0,4}})?(?:[a-z]+\s{{1,4}}){{0,2}}(?:were|was|had|did)\b|"
                          r"(?:but|while|whereas|which|who|of\s+whom)\b)", re.I)


def _arm_after_verb(text: str, c: Count, role: str, pos: int, hi: int) -> None:
    after = text[pos:hi]
    if role == "randomized":
        # the targets of the verb run to the next clause ("..., 117 were transferred to A or B" is not one)
        clause = _NEXT_CLAUSE.search(after)
        m = re.match(r"\s{1,4}(?:(?:to|into)\s{1,4}(?:receive\s{1,4})?|(?=(?:the|a|an)\s))([^;]{1,160})",
                     after[:clause.start()] if clause else after, _I | re.S)
        if m and not _to_several(m.group(1)):
            label = _label_from(text, pos + m.start(1), pos + m.end(1))
            if label:
                c.role, c.arm, c.rule = "arm", label, "flow/arm-randomized-to"
        return
    if role == "received":
        label = _label_from(text, pos, hi)
        c.arm = label
        return
    m = re.match(r"\s{1,4}(?:out\s+of|from|in|of)\s{1,4}(?:the\s{1,4})?([^,;.()]{1,60}?)\s{1,4}(?:group|arm)\b", after, _I)
    if m:
        c.arm = _label_from(text, pos + m.start(1), pos + m.end(1))
    elif role == "completed":
        m = re.match(r"\s{1,4}([^,;.()]{1,60})", after)
        if m and not _GENERIC_OBJECTS.match(m.group(1).strip()):
            label = _label_from(text, pos + m.start(1), pos + m.end(1))
            if label and not re.match(r"(?:the|a|an|all|both|every|each|their|his|her)\b", m.group(1).strip(), _I):
                c.arm = label  # "11 completed MET and 14 completed yoga"


def _ellipsis(text: str, counts: list[Count], s0: int, s1: int) -> None:
    """ "59 were randomised, 30 to A and 33 to B": bare counts that share the verb before them."""
    for i, c in enumerate(counts):
        if c.role is not None or c.noun is not None or i == 0:
            continue
        prev = next((p for p in reversed(counts[:i]) if p.role is not None), None)
        if prev is None:
            continue
        gap = text[prev.end:c.num_start]
        if len(gap) > 160 or ";" in gap:
            continue
        tail = _ARM_TAIL.match(text, c.num_end, s1)
        base = prev.role if prev.role not in ("arm",) else prev.extras.get("verb_role", "randomized")
        if tail:
            g = "label" if tail.group("label") else "label2"
            label = _label_from(text, tail.start(g), tail.end(g))
            if base in ("randomized", "received", "enrolled"):
                c.role, c.arm = "arm", label
                prev.extras.setdefault("verb_role", base)
                if prev.role in ("received",) and prev.arm:
                    prev.role = "arm"
            elif base in ("withdrawn", "completed", "analysed", "excluded"):
                c.role, c.arm = base, label
            else:
                continue
            c.strength, c.inherited, c.rule = CUED, True, f"flow/{c.role}-ellipsis"
            c.planned = prev.planned


_ALLOCATION = compile_skipping(
    r"\b(?:randomi[sz]\w*|randomly|assigned|allocated|allotted|divided|split|received?|receiving|given|treated\s+with|"
    r"(?:groups?|arms?)\s*:|versus|vs\.?|compared\s+with)\b", _I)
_NOT_PEOPLE_IN_PAREN = compile_skipping(
    r"%|\b(?:treatments|events|samples|episodes|visits|sites|lesions|measurements|procedures|sessions|observations|"
    r"cycles|injections|infusions|eyes|teeth|number\s+of|cases\s+of)\b", _I)


def _group_counts(text: str, counts: list[Count], s0: int, s1: int) -> None:
    """Arms in parentheses after their labels ("placebo (n = 20)", "the app (858 people)") and
    "221 and 113 in the vaccine and control arms, respectively"."""
    # Arm sizes in parentheses belong to a sentence that assigns people to groups.
    allocation = _ALLOCATION.search(text, s0, s1)
    for c in counts:
        if c.role not in (None, "enrolled") or c.strength == CUED and c.role == "enrolled" or "sum_of" in c.extras:
            continue
        alone = _alone_in_parenthesis(text, c)
        if (c.sex and not alone) or (c.noun and _in_parenthesis(text, s0, c.num_start) and "n_equals" not in c.extras
                                     and not alone):
            continue  # "32 children (25 males, ...)": who the total is, not an arm
        paren_open = text.rfind("(", max(s0, c.num_start - 40), c.num_start)
        if paren_open >= 0 and ")" not in text[paren_open:c.num_start]:
            named_group = re.search(r"\b[\w-]+\s+(?:group|arm)\s*$", text[max(s0, paren_open - 40):paren_open], _I)
            if named_group and not re.match(r"(?:the|this|whole|study|each)\s", named_group.group(0), _I):
                label = _group_label_before(text, max(s0, paren_open - 70), paren_open + 1)
                c.role, c.arm, c.strength, c.rule = "arm", label, CUED, "flow/arm-parenthesised"
                continue  # "the exercise group (n = 21)": an arm, whatever the sentence says
        if not allocation:
            continue
        if paren_open >= 0 and ")" not in text[paren_open:c.num_start]:
            if _NOT_PEOPLE_IN_PAREN.search(text, paren_open, c.num_start):
                c.role, c.rule = None, "flow/not-people"  # "(17.7%, N = 2085)", "(number of treatments n = 817)"
                c.extras["drop"] = True
                continue
            label = _group_label_before(text, max(s0, paren_open - 70), paren_open + 1)
            if label is None or not _WHOLE_LABEL.fullmatch(label):
                c.role, c.arm, c.strength, c.rule = "arm", label, CUED, "flow/arm-parenthesised"
                continue
        m = re.search(r"\b(?:the\s+)?([\w-]+(?:\s+[\w-]+)?)\s+(?:group|arm)\s+(?:had|included|comprised|consisted\s+of|of|with)\s+$",
                      text[max(s0, c.num_start - 60):c.num_start], _I)
        label = " ".join(m.group(1).split()) if m else ""
        if m and not re.fullmatch(r"(?:(?:the|this|that|our|each|whole|entire|study|trial|same|one|first|second|"
                                  r"overall|total)\s*)+", label, _I):
            c.role, c.arm, c.strength, c.rule = "arm", label, CUED, "flow/arm-group-had"
    resp = _RESPECTIVELY.search(text, s0, s1) if allocation else None
    if resp:
        bare = [c for c in counts if c.role in (None, "arm") and c.num_start < resp.start()]
        lo = bare[-1].end if bare else s0
        m = re.search(r"\b(?:in|to)\s+(?:the\s+)?(.{3,80}?)\s+(?:groups?|arms?)\b", text[lo:resp.start()], _I)
        if len(bare) >= 2 and m:
            labels = [x.strip() for x in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", m.group(1)) if x.strip()]
            if len(labels) == len(bare):
                for c, label in zip(bare, labels):
                    c.role, c.arm, c.strength, c.rule = "arm", label, CUED, "flow/arm-respectively"


# "the 96 randomised patients", "212 screened adults": the modifier names the role.
_PARTICIPLE_MOD = re.compile(r"\b(randomi[sz]ed|enrolled|screened|eligible|included|evaluable|analy[sz]ed|"
                             r"recruited|completers?|allocated)\b", re.I)
_PARTICIPLE_ROLES = {"rando": "randomized", "enrol": "enrolled", "scree": "screened", "eligi": "eligible",
                     "inclu": "enrolled", "evalu": "analysed", "analy": "analysed", "recru": "enrolled",
                     "compl": "completed", "alloc": "randomized"}
# Participant nouns that name a place in the flow.
_ROLE_NOUNS = {"completers": "completed", "completer": "completed", "dropouts": "withdrawn", "drop-outs": "withdrawn",
               "controls": "arm", "non-completers": "withdrawn"}
_WHOLE_LABEL = re.compile(r"(?:all|total|overall|everyone|the\s+whole\s+\w+|whole\s+\w+|participants|patients|subjects)",
                          re.I)


@dataclass(frozen=True)
class Totals:
    """What the flow says about a study's size."""

    sample_size: Count | None
    sample_rule: str | None
    arm_sum: tuple[int, int, int, list[Count]] | None  # total, start, end, the arms
    enrolled: Count | None
    completed: Count | None
    completed_sum: tuple[int, int, int] | None


def resolve(text: str, counts: list[Count]) -> list[Count]:
    """Study-level reading: arms versus everyone for 'N received X'; plain counts become the
    enrolled total (the first, before any other total) or a subgroup."""
    out = [replace(c) for c in counts]
    sentence_of = {c.num_start: sentence_at(text, c.num_start) for c in out}
    for c in out:
        if c.role != "received" or c.per_arm:
            continue
        # An arm when another arm is counted beside it (same sentence, or "the other 48" next),
        # or when what it received is a control; otherwise everyone received the treatment.
        here = sentence_of[c.num_start]
        beside = [o for o in out if o is not c and o.role in ("received", "arm") and sentence_of[o.num_start] == here]
        complement = any(o.num_start > c.num_start and o.extras.get("remaining") for o in out)
        others = [o for o in out if o is not c and o.role in ("received", "arm")]
        if c.arm and (beside or complement or c.extras.get("remaining") or (others and _CONTROL_LABEL.search(c.arm))):
            c.role, c.rule = "arm", "flow/arm-received"
        else:
            c.role, c.rule, c.arm = "enrolled", "flow/received-treatment", None
    _parallel(text, out)
    _shared_verb(text, out)
    for c in out:
        if c.of_n is not None and c.role in ("randomized", "enrolled") and not c.extras.get("earlier_stage"):
            c.role, c.rule, c.strength = "subgroup", "flow/subgroup-of", PLAIN
        if c.extras.get("extra") and c.role in ("randomized", "enrolled"):
            c.role, c.rule, c.strength = "subgroup", "flow/extra-group", PLAIN
    total_seen = False
    first_plain_taken = False
    for c in out:
        if c.role is not None:
            if c.role in ("randomized", "enrolled"):
                total_seen = True
            continue
        if c.of_n is not None or c.label == "of them":
            c.role, c.rule = "subgroup", "flow/subgroup-of"
            continue
        if c.extras.get("denominator"):
            if not total_seen and not first_plain_taken and not c.aside \
                    and not any(o.role in ("arm", "completed", "analysed") for o in out if o.num_start < c.num_start) \
                    and re.search(r"\bof\s{1,4}the\s{1,4}$", text[max(0, c.num_start - 12):c.num_start], _I):
                # "six of the 12 volunteers" before any total: the 12 are everyone
                c.role, c.rule = "enrolled", "flow/denominator-total"
                first_plain_taken = True
                continue
            c.role, c.rule = "subgroup", "flow/denominator"  # "8 of the 30 people still waiting": a group counted in
            continue
        if c.extras.get("remaining"):
            c.role, c.rule = "subgroup", "flow/remaining"  # "the other six": the rest of a group, never everyone
            continue
        if c.sex and _has_sex_partner(c, out):
            c.role, c.rule = "subgroup", "flow/sex-split"
            continue
        if not total_seen and not first_plain_taken and not c.aside \
                and not any(o.role in ("completed", "analysed") and o.num_start < c.num_start for o in out):
            # (a plain count after the completers is no total: "12 in the active group and 14 in the placebo
            # group completed ... three adverse events in the active group and four in the placebo group")
            c.role, c.rule = "enrolled", "flow/count-noun"
            first_plain_taken = True
            continue
        c.role, c.rule = "subgroup", "flow/count-noun"
    return _coordinated_groups(text, out)


# A group's description, up to where the next coordinated count begins (a comma inside "1,800" is none).
_GROUP_TAIL = compile_skipping(r"[^,;.:()]{0,120}?(?=\s*(?<!\d),\s*(?:and\s+)?\d|\s+and\s+\d)", _I)
# The first group's description says what sets it apart, as the next ones do ("28 boys with autism
# and 28 without"); "361 patients in the trial, 240 with X" counts a part of the 361.
_GROUP_CUE = compile_skipping(
    r"\s+(?:(?:were|was)\s+)?(?:with|without|who|given|treated|received|receiving|taking|had|having)\b", _I)
# The next group of the list: "..., 210 who had X", "and 418 a placebo", "and 28 boys without autism"
_GROUP_NEXT = compile_skipping(
    r"\s*(?:(?<!\d),\s*(?:and\s+)?|and\s+)(?P<n>\d{1,3}(?:,\d{3})+|\d{1,6})\s+(?:(?P<noun>[a-z]+)\s+)?"
    r"(?P<cue>with|without|who\s+(?:had|have|were|are)|an?|the|"
    # "... and 5 patients drank a placebo drink", "and 40 received usual care": the control group
    r"(?:drank|took|received|got|were\s+given|used|ate)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:placebo|sham|dummy|usual\s+care|no\s+treatment|nothing|control))\b", _I)
# A description that makes the next count part of the first group or an outcome, not a new group.
_NOT_A_GROUP_LIST = compile_skipping(
    r"\b(?:of\s+whom|including|among|of\s+them|dropped|withdr[ae]w\w*|died|left|discontinued|completed|"
    r"developed|lost)\b", _I)
# "between the ages of 18 and 65 who ...", "between 1998 and 2006 with ...": a range, not two groups
# (only a range introduced as one: _RANGE_BEFORE's bare "2 and" would also end "with grade 2 and 35 with grade 3")
_GROUP_RANGE_BEFORE = compile_skipping(r"\b(?:between|from|ages?|aged)\s+(?:the\s+ages?\s+of\s+)?\d[\d,.]*$", _I)


def _coordinated_groups(text: str, counts: list[Count]) -> list[Count]:
    """ "in 120 adults with normal memory, 210 who had MCI and 95 with Alzheimer's", "420 women were
    given the drug and 418 a placebo": bare counts coordinated with the first total are the other
    groups of one list, so the total is their sum (the first count becomes one group)."""
    for i, c in enumerate(counts):
        if c.role != "enrolled" or c.planned or "sum_of" in c.extras:
            continue
        sent = sentence_at(text, c.num_start)
        stop = sent[1] if sent else len(text)
        if not _GROUP_CUE.match(text, c.end, stop):
            continue
        parts, pos, last = [c.n], c.end, c.end
        members: list[int] = []
        while True:
            tail = _GROUP_TAIL.match(text, pos, stop)
            if tail is None or _NOT_A_GROUP_LIST.search(text, pos, tail.end()) \
                    or _GROUP_RANGE_BEFORE.search(text, max(pos, tail.end() - 40), tail.end()):
                break
            nxt = _GROUP_NEXT.match(text, tail.end(), stop)
            if nxt is None or (nxt.group("noun") and (c.noun is None or nxt.group("noun").lower() != c.noun.lower())):
                break
            parts.append(int(nxt.group("n").replace(",", "")))
            members.append(nxt.start("n"))
            pos, last = nxt.end(), nxt.end("n")
        if len(parts) < 2:
            continue
        c.role, c.rule = "subgroup", "flow/group-list"
        for o in counts:  # the other groups of the list, where they were read as counts of their own
            if o.num_start in members and o.role in ("enrolled", "randomized", "arm", None):
                o.role, o.rule, o.strength = "subgroup", "flow/group-list", PLAIN
        total = Count(sum(parts), c.num_start, c.num_end, c.start, last, c.noun, None, role="enrolled",
                      strength=SIZE, rule="flow/group-sum", extras={"sum_of": tuple(parts)})
        return [*counts[:i + 1], total, *counts[i + 1:]]
    return counts


def _has_sex_partner(c: Count, counts: list[Count]) -> bool:
    return any(o is not c and o.sex and o.sex != c.sex and abs(o.num_start - c.num_start) < 60 for o in counts)


def totals(text: str, flow: list[Count]) -> Totals:
    """The sample size in the order of the guideline: randomised > enrolled > sum of the arms >
    completed or analysed (only when nothing earlier is stated)."""
    actual = [c for c in flow if not c.planned]
    pool = actual if any(c.role in ("randomized", "enrolled", "arm", "completed", "analysed") for c in actual) else flow
    rand = [c for c in pool if c.role == "randomized" and c.strength == CUED]
    enrolled_cued = [c for c in pool if c.role == "enrolled" and c.strength == CUED]
    sums = [c for c in pool if c.role in ("randomized", "enrolled") and "sum_of" in c.extras]
    enrolled_size = [c for c in pool if c.role == "enrolled" and c.strength == SIZE and "sum_of" not in c.extras]
    enrolled_plain = [c for c in pool if c.role == "enrolled" and c.strength == PLAIN]
    arm_sum = _arm_sum(pool)
    completed = [c for c in pool if c.role in ("completed", "analysed") and c.arm is None and not c.per_arm]
    completed_sum = _completed_sum(pool)
    sample, rule = None, None
    if rand:
        sample, rule = rand[0], rand[0].rule
    elif enrolled_cued:
        sample, rule = enrolled_cued[0], enrolled_cued[0].rule
    elif enrolled_size:
        sample, rule = enrolled_size[0], enrolled_size[0].rule
    elif sums:
        sample, rule = sums[0], sums[0].rule
    elif arm_sum is not None and not (enrolled_plain and arm_sum[0] > max(c.n for c in enrolled_plain)):
        rule = "sample-size/arm-sum"  # arms adding up to more than everyone stated are not all arms
    elif enrolled_plain:
        sample, rule = enrolled_plain[0], enrolled_plain[0].rule
    elif completed:
        sample, rule = completed[0], completed[0].rule
    elif completed_sum is not None:
        rule = "sample-size/completed-sum"
    enrolled = (enrolled_cued or enrolled_size or rand or [None])[0]
    return Totals(sample, rule, arm_sum, enrolled, completed[0] if completed else None, completed_sum)


def _arm_sum(flow: list[Count]) -> tuple[int, int, int, list[Count]] | None:
    """Sum of the first list of arms (arms of one sentence or of consecutive sentences), or
    the size of equal arms times their number ("four groups of 24")."""
    arms = [c for c in flow if c.role == "arm" and not c.planned]
    per = [c for c in arms if c.per_arm and c.groups]
    if per and not [c for c in arms if not c.per_arm]:
        c = per[0]
        return c.n * c.groups, c.start, c.end, [c]
    arms = [c for c in arms if not c.per_arm]
    if len(arms) < 2:
        return None
    seen: dict[str, Count] = {}
    for c in arms:
        key = (c.arm or f"#{c.num_start}").lower()
        if key in seen:
            break  # a second mention of an arm: the list is over
        seen[key] = c
    group = list(seen.values())
    if len(group) < 2:
        return None
    return sum(c.n for c in group), group[0].start, group[-1].end, group


def _completed_sum(flow: list[Count]) -> tuple[int, int, int] | None:
    parts = [c for c in flow if c.role in ("completed", "analysed") and c.arm and not c.per_arm]
    labels = {c.arm.lower() for c in parts if c.arm}
    if len(parts) >= 2 and len(labels) == len(parts):
        return sum(c.n for c in parts), parts[0].start, parts[-1].end
    return None


def to_facts(text: str, flow: list[Count]) -> list[FlowFact]:
    """The flow as facts with spans; subgroups keep their label and denominator."""
    out = []
    for c in flow:
        if c.role is None:
            continue
        if c.extras.get("total_marker") and c.role in ("enrolled", "randomized") and not c.rule.endswith("/total"):
            c = replace(c, rule=c.rule + "/total")
        span = Span.of(text, c.start, c.end)
        out.append(FlowFact(role=c.role, n=Fact[int](value=c.n, span=span, rule=c.rule), arm=c.arm,
                            label=c.label if c.role == "subgroup" else None, of_n=c.of_n, reason=c.reason,
                            planned=c.planned))
    return out


def study_flow(text: str, start: int, end: int) -> list[Count]:
    """The resolved flow of the study whose description is ``text[start:end]``."""
    return resolve(text, read_counts(text, start, end))
