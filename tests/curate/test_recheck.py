"""Validation of the curated values (``pipeline.curate.recheck``): a correction resolves a flag,
re-words it, or raises a new one; the resolving decision is named; acknowledgements keep working."""
from __future__ import annotations

from pipeline.curate.decisions import parse_decisions
from pipeline.curate.recheck import curated_facts
from pipeline.curate.rows import curate_article
from pipeline.curate.rowset import RowSet
from pipeline.extract import extract
from pipeline.models import Article
from pipeline.models.rows import FlagRow, StudyRow
from pipeline.process import curate_with_decisions
from pipeline.validate import validate

# Written for these tests. 17 + 21 = 38 people in a trial of 36.
SPLIT = ("Breathing exercise trial\n\nA randomized trial enrolled 36 adults with asthma: 17 men and 21 women. "
         "Participants practised breathing exercises twice daily for 8 weeks.\n")


def article(text: str = SPLIT, sid: str = "breath") -> Article:
    import hashlib

    return Article(source_id=sid, path=f"{sid}.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(),
                   n_chars=len(text), title=None, kind="abstract")


def study_id(a: Article) -> str:
    rows = curate_with_decisions(a, None).rows
    [study] = [r for r in rows["studies"] if isinstance(r, StudyRow)]
    return study.study_id


def decisions(*entries: str):
    return parse_decisions("\n".join(entries), "curated/decisions.toml")


def entry(did: str, **kv: object) -> str:
    lines = ["[[decision]]", f'id = "{did}"', 'reason = "checked"']
    lines += [f"{k} = {v}" if isinstance(v, int) else f'{k} = "{v}"' for k, v in kv.items()]
    return "\n".join(lines) + "\n"


def flags(rows: dict) -> dict[str, FlagRow]:
    return {f.flag_id: f for f in rows.get("flags", []) if isinstance(f, FlagRow)}


def the_split_flag(rows: dict) -> FlagRow:
    [f] = [f for f in flags(rows).values() if f.rule == "sex-split-mismatch"]
    return f


def test_without_decisions_the_flag_is_open() -> None:
    f = the_split_flag(curate_with_decisions(article(), None).rows)
    assert f.status == "open" and f.message == "17 men + 21 women = 38, but the study has 36 adults (2 more)"


def test_a_correction_that_removes_the_cause_resolves_the_flag_with_its_decision() -> None:
    a = article()
    before = the_split_flag(curate_with_decisions(a, None).rows)
    done = curate_with_decisions(a, decisions(entry("D1", kind="correction", target=study_id(a), field="n_male",
                                                    value=15, quote="17 men")))
    after = flags(done.rows)[before.flag_id]
    assert (after.status, after.decision_id) == ("resolved", "D1")
    assert after.message == before.message  # what was flagged, kept as the record
    assert done.applied == 1 and not done.errors


def test_correcting_the_total_flows_into_the_counts_read_from_the_same_words() -> None:
    a = article()
    done = curate_with_decisions(a, decisions(entry("D1", kind="correction", target=study_id(a),
                                                    field="sample_size", value=38, quote="36 adults"),
                                              entry("D2", kind="correction", target=study_id(a),
                                                    field="n_enrolled", value=38, quote="36 adults")))
    f = the_split_flag(done.rows)
    assert f.status == "resolved" and f.decision_id in ("D1", "D2")


def test_a_correction_that_leaves_the_cause_rewords_the_flag_and_keeps_its_id() -> None:
    a = article()
    before = the_split_flag(curate_with_decisions(a, None).rows)
    done = curate_with_decisions(a, decisions(entry("D1", kind="correction", target=study_id(a), field="n_male",
                                                    value=16, quote="17 men")))
    f = flags(done.rows)[before.flag_id]
    assert f.status == "open" and f.message == "16 men + 21 women = 37, but the study has 36 adults (1 more)"


def test_rejecting_the_value_resolves_the_flag() -> None:
    a = article()
    done = curate_with_decisions(a, decisions(entry("D1", kind="rejection", target=study_id(a), field="n_female",
                                                    quote="21 women")))
    assert the_split_flag(done.rows).status == "resolved"


def test_the_resolver_is_the_decision_that_alone_removes_the_cause() -> None:
    a = article()
    sid = study_id(a)
    done = curate_with_decisions(a, decisions(
        entry("D1", kind="correction", target=sid, field="duration", value="6 weeks", quote="8 weeks"),
        entry("D2", kind="correction", target=sid, field="n_female", value=19, quote="21 women")))
    f = the_split_flag(done.rows)
    assert (f.status, f.decision_id) == ("resolved", "D2")


def test_an_acknowledgement_of_a_resolved_flag_leaves_it_resolved() -> None:
    a = article()
    flag = the_split_flag(curate_with_decisions(a, None).rows)
    done = curate_with_decisions(a, decisions(
        entry("D1", kind="correction", target=study_id(a), field="n_male", value=15, quote="17 men"),
        entry("D2", kind="acknowledgement", flag=flag.flag_id, quote="17 men and 21 women")))
    f = flags(done.rows)[flag.flag_id]
    assert (f.status, f.decision_id) == ("resolved", "D1") and done.applied == 2


def test_an_acknowledgement_alone_still_acknowledges() -> None:
    a = article()
    flag = the_split_flag(curate_with_decisions(a, None).rows)
    done = curate_with_decisions(a, decisions(entry("D1", kind="acknowledgement", flag=flag.flag_id,
                                                    quote="17 men and 21 women")))
    assert (flags(done.rows)[flag.flag_id].status, flags(done.rows)[flag.flag_id].decision_id) == \
        ("acknowledged", "D1")


def test_a_correction_can_raise_a_new_flag() -> None:
    ok = SPLIT.replace("17 men", "15 men")
    a = article(ok)
    assert not [f for f in flags(curate_with_decisions(a, None).rows).values() if f.rule == "sex-split-mismatch"]
    done = curate_with_decisions(a, decisions(entry("D1", kind="correction", target=study_id(a), field="n_male",
                                                    value=18, quote="15 men")))
    f = the_split_flag(done.rows)
    assert f.status == "open" and f.message.startswith("18 men + 21 women = 39")


def test_curated_facts_keep_extraction_spans() -> None:
    a = article()
    facts = extract(a)
    curated = curate_article(a, facts, validate(a, facts))
    rs = RowSet(curated.rows)
    sid = curated.fact_ids["s1"]
    rs.set_field(rs.find(StudyRow, sid), "n_male", 15)
    new = curated_facts(a, facts, rs, curated.fact_ids).studies[0]
    old = facts.studies[0]
    assert new.n_male.value == 15 and new.n_male.span == old.n_male.span
    assert new.n_female is old.n_female  # untouched values are the extracted facts themselves
