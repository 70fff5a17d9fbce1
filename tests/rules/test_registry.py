"""The rule table: one line per code, every rule class listed, every code the tool writes in it."""
import importlib
import inspect
from pathlib import Path

import pytest

from pipeline.validate import registry
from pipeline.validate.base import Rule

RULES_DIR = Path(registry.__file__).parent / "rules"


def rule_classes() -> dict[str, type[Rule]]:
    """Every Rule subclass defined in a module of pipeline/validate/rules/."""
    out = {}
    for path in sorted(RULES_DIR.glob("*.py")):
        module = importlib.import_module(f"pipeline.validate.rules.{path.stem}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Rule) and cls is not Rule and cls.__module__ == module.__name__:
                out[f"{path.stem}:{cls.__name__}"] = cls
    return out


def test_every_rule_class_is_in_the_table_under_its_code():
    found = rule_classes()
    assert sorted(registry.RULES.values()) == sorted(found), "add each rule to RULES in registry.py"
    for code, where in registry.RULES.items():
        assert found[where].code == code


def test_a_wrong_entry_is_refused():
    with pytest.raises(ValueError, match="is not the rule with code S999"):
        registry.resolve("S999", "missing_sample_size:MissingSampleSize")


def test_codes_written_outside_the_rules_are_in_the_table():
    import pipeline.curate.apply
    import pipeline.validate.engine

    # Curation writes K101 and the engine M399 with the attributes of the rule classes in the table.
    assert "StaleDecision as K" in Path(pipeline.curate.apply.__file__).read_text()
    assert "InternalError as E" in Path(pipeline.validate.engine.__file__).read_text()
    assert registry.lookup("K101").slug == "stale-decision" and registry.lookup("M399").slug == "internal-error"
    assert [r.code for r in registry.all_rules() if r.code.startswith("M3")] == ["M301", "M302", "M303", "M304",
                                                                                  "M399"]


def test_rules_do_not_import_the_registry():
    """The registry imports the rules (by name); a rule importing it back would make a circle."""
    for path in RULES_DIR.glob("*.py"):
        assert "validate.registry" not in path.read_text(encoding="utf-8"), path.name
