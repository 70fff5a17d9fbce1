"""Validation of the curated values: the rules run again once the curator's decisions are applied.

The rules read facts (``StudyFacts``), not rows, so the decisions are carried back onto a copy of
the extracted facts: every value a decision set, added or rejected replaces the fact's value and
keeps extraction's span (a value with no extracted span takes the span of the decision's quote).
Counts of the participant flow read from the same words as a corrected value take its new
value too. Then:

- a flag of the extracted facts that the curated facts no longer raise becomes ``resolved``, with
  the id of the decision that resolves it (the one that, applied alone, makes it go away);
- a flag they still raise is re-worded from the curated values (same id, same status);
- a flag only the curated values raise is added, open.

Flags of a rejected study keep the status the rejection gave them; ``stale-decision`` flags are
curation's own and are left alone.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pipeline.curate.decisions import Acknowledgement, DecisionFile, Located
from pipeline.curate.levels import split_terms
from pipeline.curate.rowset import RowSet
from pipeline.curate.rows import flag_rows
from pipeline.models import Article, ArticleFacts, Fact
from pipeline.models.fact import Span
from pipeline.models.facts import ConditionFact, DoseFact, InterventionFact, StudyFacts
from pipeline.models.rows import (
    AdverseEventRow, ConditionRow, DoseRow, FlagRow, InterventionRow, ResultRow, Row, StudyRow,
)

STUDY_FIELDS = ("sample_size", "randomized", "blinding", "placebo_controlled", "crossover", "n_male",
                "n_female", "period_start", "period_end", "n_enrolled", "n_completed", "pct_male",
                "pct_female", "age", "comparator", "duration")
_STALE = "K101"


class _Curator:
    """Builds the curated copy of one article's facts from its curated rows."""

    def __init__(self, article: Article, rs: RowSet, fact_ids: dict[str, str]):
        self.text = article.text
        self.rs = rs
        self.fact_ids = fact_ids

    def span_of(self, table: str, rid: str, field: str, default: Span | None, near: Span) -> Span:
        """Extraction's span; else the decision's quote; else an empty span where the study starts."""
        if default is not None:
            return default
        p = self.rs.prov(table, rid, field)
        if p is not None and p.char_start is not None and p.char_end is not None:
            return Span.of(self.text, p.char_start, p.char_end)
        return Span.of(self.text, near.char_start, near.char_start)

    def value(self, fact: Fact[Any] | None, value: Any, table: str, rid: str, field: str,
              near: Span) -> Fact[Any] | None:
        """``fact`` with the curated ``value`` (None: the value was rejected)."""
        if value is None:
            return None
        if fact is not None and fact.value == value:
            return fact
        p = self.rs.prov(table, rid, field)
        rule = f"decision/{p.decision_id}" if p is not None and p.decision_id else "decision"
        span = self.span_of(table, rid, field, fact.span if fact else None, near)
        return Fact[Any](value=value, span=span, rule=rule)

    def study(self, s: StudyFacts) -> StudyFacts | None:
        sid = self.fact_ids.get(f"s{s.ordinal}")
        row = self.rs.find(StudyRow, sid) if sid else None
        if sid is None or row is None:
            return None  # rejected, with everything under it
        update: dict[str, Any] = {}
        changed: list[tuple[Fact[Any], Any]] = []
        for name in STUDY_FIELDS:
            old = getattr(s, name)
            new = self.value(old, getattr(row, name), "studies", sid, name, s.span)
            if new is not old:
                update[name] = new
                if old is not None and new is not None:
                    changed.append((old, new.value))
        terms = split_terms(row.design_terms)
        kept = [f for f in s.design_terms if f.value in terms]
        seen = {f.value for f in kept}
        kept += [Fact[str](value=t, span=self.span_of("studies", sid, f"design_terms/{t}", None, s.span),
                           rule="decision") for t in terms if t not in seen]
        update["design_terms"] = kept
        update["conditions"] = self.conditions(s, sid)
        update["interventions"] = self.interventions(s, sid)
        update["results"] = self.items(s, sid, "results", ResultRow, "finding", s.results)
        update["adverse_events"] = self.items(s, sid, "adverse_events", AdverseEventRow, "event",
                                              s.adverse_events)
        update["flow"] = _flow(s, changed)
        return s.model_copy(update=update)

    def conditions(self, s: StudyFacts, sid: str) -> list[ConditionFact]:
        out, known = [], set()
        for i, c in enumerate(s.conditions):
            cid = self.fact_ids.get(f"s{s.ordinal}.conditions[{i}]", "")
            known.add(cid)
            row = self.rs.find(ConditionRow, cid)
            if row is None:
                continue
            name = self.value(c.name, row.condition, "study_conditions", cid, "condition", s.span)
            assert name is not None
            out.append(ConditionFact(name=name, n=self.value(c.n, row.n, "study_conditions", cid, "n", s.span)))
        for cid, row in self.rs.items(ConditionRow):
            if row.study_id == sid and cid not in known:  # added by a decision
                name = self.value(None, row.condition, "study_conditions", cid, "condition", s.span)
                assert name is not None
                out.append(ConditionFact(name=name, n=self.value(None, row.n, "study_conditions", cid, "n", s.span)))
        return out

    def interventions(self, s: StudyFacts, sid: str) -> list[InterventionFact]:
        out, known = [], set()
        pairs: list[tuple[str, InterventionFact | None]] = []
        for i, iv in enumerate(s.interventions):
            iid = self.fact_ids.get(f"s{s.ordinal}.interventions[{i}]", "")
            known.add(iid)
            pairs.append((iid, iv))
        pairs += [(iid, None) for iid, r in self.rs.items(InterventionRow) if r.study_id == sid and iid not in known]
        for iid, ivf in pairs:
            row = self.rs.find(InterventionRow, iid)
            if row is None:
                continue
            agent = self.value(ivf.agent if ivf else None, row.agent, "interventions", iid, "agent", s.span)
            assert agent is not None
            fields = {name: self.value(getattr(ivf, name) if ivf else None, getattr(row, name), "interventions",
                                       iid, name, s.span) for name in ("route", "frequency", "duration")}
            doses = []
            extracted = ivf.doses if ivf else []
            for d in sorted((r for _, r in self.rs.items(DoseRow) if r.intervention_id == iid), key=lambda r: r.seq):
                old = extracted[d.seq - 1] if d.seq <= len(extracted) else None
                amount = self.value(old.amount if old else None, d.amount, "doses", f"{iid}#{d.seq}", "amount",
                                    s.span)
                assert amount is not None
                doses.append(DoseFact(amount=amount, unit=d.unit))
            out.append(InterventionFact(agent=agent, doses=doses, **fields))
        return out

    def items(self, s: StudyFacts | None, parent: str, table: str, model: type[Row], column: str,
              facts: list[Fact[str]], prefix: str | None = None) -> list[Fact[str]]:
        prefix = prefix if prefix is not None else f"s{s.ordinal}." if s else ""
        near = s.span if s else Span.of(self.text, 0, 0)
        out, known = [], set()
        for i, f in enumerate(facts):
            rid = self.fact_ids.get(f"{prefix}{table}[{i}]", "")
            known.add(rid)
            row = self.rs.find(model, rid)
            if row is not None:
                new = self.value(f, getattr(row, column), table, rid, column, near)
                assert new is not None
                out.append(new)
        for rid, row in self.rs.items(model):
            if getattr(row, "study_id") == (parent if s else None) and rid not in known:
                if s is None and getattr(row, "source_id") != parent:
                    continue
                new = self.value(None, getattr(row, column), table, rid, column, near)
                assert new is not None
                out.append(new)
        return out


def _flow(s: StudyFacts, changed: list[tuple[Fact[Any], Any]]) -> list[Any]:
    """The flow with every count read from the words of a corrected value set to its new value."""
    if not changed:
        return s.flow
    out = []
    for fl in s.flow:
        for old, value in changed:
            if (isinstance(value, int) and not isinstance(value, bool) and fl.n.value == old.value
                    and fl.n.span.char_start < old.span.char_end and old.span.char_start < fl.n.span.char_end):
                fl = fl.model_copy(update={"n": fl.n.model_copy(update={"value": value})})
                break
        out.append(fl)
    return out


def curated_facts(article: Article, facts: ArticleFacts, rs: RowSet, fact_ids: dict[str, str]) -> ArticleFacts:
    """A copy of ``facts`` carrying the values of the curated rows ``rs`` (``fact_ids`` links the two)."""
    c = _Curator(article, rs, fact_ids)
    studies = [cs for s in facts.studies if (cs := c.study(s)) is not None]
    events = c.items(None, article.source_id, "adverse_events", AdverseEventRow, "event", facts.adverse_events,
                     prefix="")
    return facts.model_copy(update={"studies": studies, "adverse_events": events})


Validator = Callable[[Article, ArticleFacts], list[Any]]


def _flags(article: Article, facts: ArticleFacts, fact_ids: dict[str, str], validate: Validator) -> list[FlagRow]:
    study_ids = {int(k[1:]): v for k, v in fact_ids.items() if k.startswith("s") and k[1:].isdigit()}
    return flag_rows(article, validate(article, facts), study_ids, set())


def _match(old: dict[str, FlagRow], new: list[FlagRow]) -> dict[str, FlagRow]:
    """New flags by the id of the old flag they re-word. A flag with no span is named from its message,
    so a re-worded one is matched by its rule and study instead."""
    out: dict[str, FlagRow] = {}
    for f in new:
        if f.flag_id in old:
            out[f.flag_id] = f
    for f in new:
        if f.flag_id in old:
            continue
        same = [o for o in old.values() if o.code == f.code and o.study_id == f.study_id
                and o.char_start is None and o.flag_id not in out] if f.char_start is None else []
        key = same[0].flag_id if len(same) == 1 else f.flag_id
        out[key] = f.model_copy(update={"flag_id": key})
    return out


def recheck_flags(article: Article, facts: ArticleFacts, fact_ids: dict[str, str], extracted: RowSet,
                  rs: RowSet, dfile: DecisionFile, applied: Iterable[str], validate: Validator) -> None:
    """Re-validate the curated values of ``rs`` and update its flags (see the module docstring).

    ``extracted`` holds the rows before any decision, ``applied`` the ids of the decisions applied."""
    done = set(applied)
    changes = [loc for loc in dfile.decisions
               if loc.decision.id in done and not isinstance(loc.decision, Acknowledgement)]
    if not changes:
        return
    now = _match({f.flag_id: f for _, f in rs.items(FlagRow)},
                 _flags(article, curated_facts(article, facts, rs, fact_ids), fact_ids, validate))
    for fid, flag in rs.items(FlagRow):
        if flag.code == _STALE or (flag.study_id is not None and flag.study_id in rs.removed):
            continue
        if fid in now:
            f = now[fid]
            rs.put(flag.model_copy(update={k: getattr(f, k) for k in
                                           ("message", "char_start", "char_end", "line", "col", "severity")}))
        else:
            who = _resolver(article, facts, fact_ids, extracted, flag, changes, validate)
            rs.put(flag.model_copy(update={"status": "resolved", "decision_id": who}))
    old_ids = {fid for fid, _ in rs.items(FlagRow)}
    for fid, f in now.items():
        if fid not in old_ids:
            rs.put(f)


def _resolver(article: Article, facts: ArticleFacts, fact_ids: dict[str, str], extracted: RowSet,
              flag: FlagRow, changes: list[Located], validate: Validator) -> str:
    """The decision that resolves ``flag``: the first that, applied alone, makes it go away (else the
    first on the flag's study, else the first of the article)."""
    from pipeline.curate.apply import apply_decisions

    if len(changes) == 1:
        return changes[0].decision.id
    for loc in changes:
        alone = RowSet(extracted.to_rows())
        apply_decisions(alone, DecisionFile(path="", decisions=[loc]))
        now = _flags(article, curated_facts(article, facts, alone, fact_ids), fact_ids, validate)
        if flag.flag_id not in _match({flag.flag_id: flag}, now):
            return loc.decision.id
    own = [loc for loc in changes if flag.study_id and loc.decision.target_id.startswith(flag.study_id)]
    return (own or changes)[0].decision.id
