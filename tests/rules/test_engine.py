from collections.abc import Iterator

from pipeline.models import ArticleFacts, Finding
from pipeline.validate import validate
from pipeline.validate.base import Rule
from pipeline.validate.examples import article_of, study_from
from pipeline.validate.registry import all_rules, lookup, select, unknown_selectors

TEXT = "We enrolled 20 adults; 31 of the 30 adults improved."


class Boom(Rule):
    code, slug, severity, scope, summary = "S999", "boom", "error", "study", "Always crashes."

    def check(self, ctx) -> Iterator[Finding]:
        yield ctx.finding(self, "before the crash", 0, 2)
        raise ZeroDivisionError("bad rule")


def _facts(text=TEXT, **values):
    return ArticleFacts(source_id="example", studies=[study_from(text, values)])


def test_crash_becomes_internal_error_finding_and_others_still_run():
    got = validate(article_of(TEXT), _facts(sample_size=20), [Boom, lookup("count-exceeds-total")])
    rules = [f.rule for f in got]
    assert "internal-error" in rules and "count-exceeds-total" in rules
    internal = next(f for f in got if f.rule == "internal-error")
    assert "ZeroDivisionError" in internal.message and internal.code == "M399"


def test_findings_have_line_and_column():
    text = "Intro line.\nWe saw 31 of the 30 adults."
    (f,) = validate(article_of(text), _facts(text), [lookup("S102")])
    assert (f.line, f.col) == (2, 8) and text[f.char_start:f.char_end] == "31 of the 30 adults"


def test_overlapping_studies_report_evidence_once():
    facts = ArticleFacts(source_id="example", studies=[study_from(TEXT, {}, 1), study_from(TEXT, {}, 2)])
    got = [f for f in validate(article_of(TEXT), facts) if f.rule == "count-exceeds-total"]
    assert len(got) == 1


def test_select_and_ignore():
    assert {r.code for r in select(["S1"])} == {r.code for r in all_rules() if r.code.startswith("S1")}
    assert "S104" not in {r.code for r in select(["S1"], ["percent-count-mismatch"])}
    assert [r.slug for r in select(["a203"])] == ["acronym-mismatch"]
    assert unknown_selectors(["S1", "nonsense-rule"]) == ["nonsense-rule"]


def test_codes_and_slugs_are_unique_and_prefixed_by_scope():
    rules = all_rules(include_removed=True)
    assert len({r.code for r in rules}) == len(rules) == len({r.slug for r in rules})
    for r in rules:
        assert r.code[0] in "SAMK"
        assert (r.code[0] == "S") == (r.scope == "study")


def test_validate_never_raises_on_empty_article():
    assert validate(article_of(" "), ArticleFacts(source_id="example")) == []
