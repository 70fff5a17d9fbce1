"""agent_ids: the DrugBank and MeSH ids of an agent, read from pipeline/vocab/agents.toml."""
import pytest

from pipeline.curate.vocab import agent_ids


@pytest.mark.parametrize(
    "agent, expected",
    [
        ("sertraline", ("DB01104", "D020280")),  # a drug has both
        ("Sertraline", ("DB01104", "D020280")),  # names are matched case-insensitively
        ("Zoloft", ("DB01104", "D020280")),  # a brand gives its entry's ids
        ("esketamine", ("DB11823", None)),  # MeSH has no descriptor of its own for it
        ("yoga", (None, "D015013")),  # a therapy gets a MeSH descriptor, never a DrugBank id
        ("placebo", (None, "D010919")),  # comparators are looked up too
        ("olanzapine/samidorphan", (None, None)),  # a combination has no single-drug id
        ("waitlist", (None, None)),  # a known agent without ids
    ],
)
def test_ids_of_known_agents(agent, expected):
    assert agent_ids(agent) == expected


@pytest.mark.parametrize("agent", ["XY-4567", "sertraline extended release", "", "   "])
def test_unknown_agents_and_longer_names_get_no_ids(agent):
    # No part of a longer name is guessed at: the caller normalises first.
    assert agent_ids(agent) == (None, None)
