"""Every rule is documented, its documented examples behave as documented, docs/rules.md is in sync."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.validate.docs import SECTIONS, missing_sections, rules_markdown
from pipeline.validate.examples import run_example
from pipeline.validate.registry import all_rules

ROOT = Path(__file__).resolve().parents[1]
RULES = all_rules(include_removed=True)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_is_documented(rule):
    assert not missing_sections(rule), f"{rule.code} docstring lacks {missing_sections(rule)} (need {SECTIONS})"
    assert rule.summary and rule.summary.endswith(".")
    assert rule.severity in ("error", "warning", "info") and rule.scope in ("study", "article")


# M3xx check the extracted models and K1xx are written by curation: neither reads the text.
CONSISTENCY_AND_CONTENT = [r for r in RULES if not r.code.startswith(("M", "K"))]


@pytest.mark.parametrize("rule", CONSISTENCY_AND_CONTENT, ids=[r.code for r in CONSISTENCY_AND_CONTENT])
def test_documented_examples_behave_as_documented(rule):
    assert any(e.fires for e in rule.examples) and any(not e.fires for e in rule.examples)
    for ex in rule.examples:
        got = [f for f in run_example(rule, ex) if f.rule == rule.slug]
        assert bool(got) == ex.fires, (ex.text, [f.message for f in got])


def test_docs_rules_md_is_generated_from_the_registry():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run `python -m pipeline rules --markdown > docs/rules.md`")


def test_findings_schema_is_exported():
    from pipeline.schema_export import export_schemas

    assert "findings-v1.schema.json" not in export_schemas(ROOT / "schemas", check=True), (
        "run `python -m pipeline schema export`")


def test_rules_command_lists_and_explains():
    r = CliRunner().invoke(cli, ["rules"], catch_exceptions=False)
    assert r.exit_code == 0 and all(rule.code in r.output for rule in all_rules())
    r = CliRunner().invoke(cli, ["rules", "subgroup-exceeds-total"], catch_exceptions=False)
    assert r.exit_code == 0 and r.output.startswith("S101 subgroup-exceeds-total") and "Why it matters" in r.output
    assert CliRunner().invoke(cli, ["rules", "s104"]).output.startswith("S104")
    r = CliRunner().invoke(cli, ["rules", "no-such-rule"])
    assert r.exit_code == 2


def test_commands_have_help_with_example():
    for cmd in ("validate", "rules"):
        r = CliRunner().invoke(cli, [cmd, "--help"], catch_exceptions=False)
        assert r.exit_code == 0 and "Example:" in r.output
