"""Apply curator decisions to the rows of a run.

Order: additions, corrections, rejections, then (once the values are final, and the flags checked
again against them by the caller's ``recheck``) acknowledgements; within a kind, file order.
A decision whose pinned evidence (quote or sha256) no longer matches its article is not applied:
it becomes an open error flag ``stale-decision`` (category ``curation``) naming the decisions
file and line. A decision on an id that does not exist while its evidence still matches is an
input error (the database is not published). Applying the same decisions twice changes nothing.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, Field

from pipeline.curate.decisions import (
    TABLE_NOUN, Acknowledgement, Addition, Correction, DecisionFile, Located, Rejection,
)
from pipeline.curate.levels import split_terms
from pipeline.curate.quotes import find_quote
from pipeline.curate.rowset import PROV, RowSet, derive_level
from pipeline.curate.vocab import icd10_of
from pipeline.models import ids
from pipeline.models.ids import row_id
from pipeline.models.rows import (
    AdverseEventRow, ConditionRow, DoseRow, FlagRow, InterventionRow, Origin, ProvenanceRow, ResultRow,
    Row, SourceRow, StudyRow,
)
_PHASES = (Addition, Correction, Rejection, Acknowledgement)


class Outcome(BaseModel):
    applied: int = 0
    stale: int = 0
    errors: list[str] = Field(default_factory=list)
    error_ids: list[str] = Field(default_factory=list, description="The decision of each error, in order.")
    applied_ids: list[str] = Field(default_factory=list, description="The decisions applied, in order.")

    def error(self, decision_id: str, message: str) -> None:
        self.errors.append(message)
        self.error_ids.append(decision_id)


def pin_problem(d: Any, source: SourceRow) -> str | None:
    """Why the evidence a decision pinned no longer holds, or None when it does."""
    if d.sha256 is not None and d.sha256 != source.sha256:
        return f"the article changed (sha256 pinned {d.sha256[:12]}, now {source.sha256[:12]})"
    if d.quote is not None and find_quote(source.text, d.quote) is None:
        return f"the quote {d.quote!r} is no longer in the article"
    return None


def _target_key(d: Any) -> str:
    return "flag" if isinstance(d, Acknowledgement) else "target"


def unknown_source(loc: Located) -> str:
    d = loc.decision
    return f"{loc.at(_target_key(d))}: decision {d.id}: unknown id {d.target_id!r}: no article of the raw folder has this id"


def group_by_source(dfile: DecisionFile, source_ids: set[str]) -> tuple[dict[str, DecisionFile], Outcome]:
    """The decisions of each article (ids begin with its source id), and those that name no article."""
    groups: dict[str, DecisionFile] = {}
    out = Outcome()
    for loc in dfile.decisions:
        src = ids.source_of(loc.decision.target_id, source_ids)
        if src is None:
            out.error(loc.decision.id, unknown_source(loc))
        else:
            groups.setdefault(src, DecisionFile(path=dfile.path)).decisions.append(loc)
    return groups, out


def error_order(dfile: DecisionFile) -> dict[str, tuple[int, int]]:
    """Sort key of each decision's errors: the order in which ``apply_decisions`` meets them."""
    return {loc.decision.id: (next(i for i, k in enumerate(_PHASES) if isinstance(loc.decision, k)), n)
            for n, loc in enumerate(dfile.decisions)}


def _study_of(rs: RowSet, table: str, row: Row | None) -> StudyRow | None:
    if row is None:
        return None
    if isinstance(row, StudyRow):
        return row
    if isinstance(row, DoseRow):
        row = rs.get("interventions", row.intervention_id)
    sid = getattr(row, "study_id", None)
    return rs.find(StudyRow, sid) if sid else None


Recheck = Callable[[RowSet, list[str]], None]


class _Applier:
    def __init__(self, rs: RowSet, dfile: DecisionFile, recheck: Recheck | None = None):
        self.rs = rs
        self.dfile = dfile
        self.recheck = recheck
        self.out = Outcome()
        self.touched: set[str] = set()
        self.level_set: set[str] = set()

    def run(self) -> Outcome:
        for kind in _PHASES:
            if kind is Acknowledgement:
                self.derive_levels()
                # The values are final: flags are checked against them before acknowledgements apply.
                if self.recheck is not None:
                    self.recheck(self.rs, list(self.out.applied_ids))
            for loc in self.dfile.decisions:
                if isinstance(loc.decision, kind):
                    self.one(loc)
        return self.out

    def derive_levels(self) -> None:
        for sid in sorted(self.touched - self.level_set):
            study = self.rs.find(StudyRow, sid)
            if study is not None:
                derive_level(self.rs, study)

    # -- resolution ---------------------------------------------------------------------------
    def one(self, loc: Located) -> None:
        d = loc.decision
        target = d.target_id
        sources = self.rs.tables["sources"]
        src = ids.source_of(target, sources)
        if src is None:
            self.out.error(d.id, unknown_source(loc))
            return
        source = self.rs.find(SourceRow, src)
        assert source is not None
        table = "flags" if isinstance(d, Acknowledgement) else ids.table_of(target)
        row = self.rs.get(table, target)
        problem = pin_problem(d, source)
        if problem:
            self.stale(loc, source, _study_of(self.rs, table, row), problem)
            return
        if row is None:
            if target in self.rs.removed:
                return  # its row (or the study above it) was rejected by a decision: nothing to do
            what = "flag" if table == "flags" else TABLE_NOUN[table]
            self.out.error(
                d.id, f"{loc.at(_target_key(d))}: decision {d.id}: unknown id {target!r}: no such {what} in {src} "
                "(ids come from `pipeline flags` or curated/export/; fix or delete the decision)")
            return
        study = _study_of(self.rs, table, row)
        near = (study.char_start, study.char_end) if study else None
        if isinstance(d, Acknowledgement):
            assert isinstance(row, FlagRow)
            self.ack(row, d)
        elif isinstance(d, Rejection):
            self.reject(table, row, d, source, near)
        else:
            self.set_or_add(table, row, d, source, near)
        self.out.applied += 1
        self.out.applied_ids.append(d.id)

    def stale(self, loc: Located, source: SourceRow, study: StudyRow | None, problem: str) -> None:
        # The rule's code, slug and severity are in the rule table; imported here because loading
        # validation at import time would make every run (even one with nothing to do) load extraction.
        from pipeline.validate.rules.stale_decision import StaleDecision as K

        d = loc.decision
        sid = study.study_id if study else None
        self.rs.put(FlagRow(
            flag_id=ids.flag_id(K.slug, source.source_id, sid, d.id), code=K.code,
            rule=K.slug, severity=K.severity, source_id=source.source_id, study_id=sid,
            message=(f"{loc.where}: decision {d.id} ({d.kind} of {d.target_id}"
                     f"{f' {d.field_name}' if d.field_name else ''}) was not applied: {problem}; "
                     "re-read the article and update or delete the decision"),
            char_start=None, char_end=None, line=None, col=None, category=K.category,
        ))
        self.out.stale += 1

    # -- provenance ---------------------------------------------------------------------------
    def prov(self, table: str, rid: str, field: str, source: SourceRow, d: Any, origin: Origin,
             near: tuple[int, int] | None, rule: str | None = None) -> None:
        at = find_quote(source.text, d.quote, near) if d.quote else None
        self.rs.put(ProvenanceRow(
            table_name=table, row_id=rid, field=field, source_id=source.source_id,
            char_start=at[0] if at else None, char_end=at[1] if at else None,
            quote=source.text[at[0]:at[1]] if at else None, rule=rule, origin=origin, decision_id=d.id,
        ))

    # -- kinds --------------------------------------------------------------------------------
    def ack(self, flag: FlagRow, d: Acknowledgement) -> None:
        if flag.status == "resolved":
            return  # a correction removed its cause: nothing left to acknowledge
        if flag.status != "acknowledged" or flag.decision_id != d.id:
            self.rs.put(flag.model_copy(update={"status": "acknowledged", "decision_id": d.id}))

    def set_or_add(self, table: str, row: Row, d: Correction | Addition, source: SourceRow,
                   near: tuple[int, int] | None) -> None:
        rid = row_id(row)
        origin: Origin = "added" if isinstance(d, Addition) else "corrected"
        if isinstance(d, Addition) and d.field in ("conditions", "interventions", "results",
                                                   "adverse_events", "doses"):
            self.add_item(row, d, source, near)
            return
        if table == "studies":
            self.touched.add(rid)
            if d.field == "evidence_level":
                self.level_set.add(rid)
        if d.field == "design_terms":
            assert isinstance(row, StudyRow)
            self.set_terms(row, d, source, near, origin)
            return
        self.rs.set_field(row, d.field, d.value)
        self.prov(table, rid, d.field, source, d, origin, near)

    def set_terms(self, study: StudyRow, d: Correction | Addition, source: SourceRow,
                  near: tuple[int, int] | None, origin: Origin) -> None:
        old = split_terms(study.design_terms)
        if isinstance(d, Addition):
            if d.value in old and (p := self.rs.prov("studies", study.study_id, f"design_terms/{d.value}")) \
                    and p.decision_id is None:
                return  # the extractor found it too
            new = old + [d.value] if d.value not in old else old
            changed = [d.value]
        else:
            value = d.value if isinstance(d.value, list) else str(d.value or "").split(";")
            new = [t for t in dict.fromkeys(str(t).strip() for t in value) if t]
            changed = [t for t in new if t not in old]
            for t in old:
                if t not in new:
                    self.rs.drop(PROV, ("studies", study.study_id, f"design_terms/{t}"))
        self.rs.set_field(study, "design_terms", new or None)
        for t in changed:
            self.prov("studies", study.study_id, f"design_terms/{t}", source, d, origin, near)

    def add_item(self, parent: Row, d: Addition, source: SourceRow, near: tuple[int, int] | None) -> None:
        rs, v = self.rs, d.value
        if d.field == "doses":
            iid = getattr(parent, "intervention_id")
            doses = [r for _, r in rs.items(DoseRow) if r.intervention_id == iid]
            if any(r.amount == v["amount"] and r.unit == v["unit"] for r in doses):
                return
            seq = max((r.seq for r in doses), default=0) + 1
            rs.put(DoseRow(intervention_id=iid, seq=seq, amount=v["amount"], unit=v["unit"]))
            self.prov("doses", f"{iid}#{seq}", "amount", source, d, "added", near)
            return
        study_id = getattr(parent, "study_id")
        table, col, kind, make = _ITEMS[d.field]
        if any(getattr(r, "study_id") == study_id and getattr(r, col) == v for r in rs.tables[table].values()):
            return  # already there (found by the extractor, or added before)
        rid = ids.child_id(study_id, kind, v if kind != "r" else d.quote[:30], set(rs.tables[table]))
        rs.put(make(rid, study_id, source.source_id, v))
        self.prov(table, rid, col, source, d, "added", near)
        if table == "study_conditions" and icd10_of(v):
            self.prov(table, rid, "icd10", source, d, "added", near, rule="vocab/conditions.icd10")

    def reject(self, table: str, row: Row, d: Rejection, source: SourceRow,
               near: tuple[int, int] | None) -> None:
        rid = row_id(row)
        if d.field is not None:
            if table == "studies":
                self.touched.add(rid)
            if d.field == "design_terms":
                for t in split_terms(getattr(row, "design_terms")):
                    self.rs.drop(PROV, ("studies", rid, f"design_terms/{t}"))
            self.rs.set_field(row, d.field, None)
            self.prov(table, rid, d.field, source, d, "corrected", near)
            return
        self.remove(table, rid, d.id)

    def remove(self, table: str, rid: str, decision_id: str) -> None:
        """Drop a row and every row under it, their provenance; flags on a dropped study are acknowledged."""
        rs = self.rs
        gone: list[tuple[str, str]] = [(table, rid)]
        if table == "studies":
            for t in ("study_conditions", "interventions", "results", "adverse_events", "participant_flow"):
                gone += [(t, k) for k, r in rs.tables[t].items() if getattr(r, "study_id") == rid]
            for k, f in rs.items(FlagRow):
                if f.study_id == rid and f.status == "open":
                    rs.put(f.model_copy(update={"status": "acknowledged", "decision_id": decision_id}))
        ivs = {k for t, k in gone if t == "interventions"}
        gone += [("doses", k) for k, r in rs.items(DoseRow) if r.intervention_id in ivs]
        gone_ids = {k for _, k in gone}
        for t, k in gone:
            rs.drop(t, k)
            rs.removed[k] = decision_id
        for key in [k for k in rs.tables[PROV] if k[1] in gone_ids]:
            rs.drop(PROV, key)


_ITEMS = {
    "conditions": ("study_conditions", "condition", "c",
                   lambda rid, st, src, v: ConditionRow(condition_id=rid, study_id=st, condition=v, icd10=icd10_of(v))),
    "interventions": ("interventions", "agent", "i",
                      lambda rid, st, src, v: InterventionRow(intervention_id=rid, study_id=st, agent=v)),
    "results": ("results", "finding", "r",
                lambda rid, st, src, v: ResultRow(result_id=rid, source_id=src, study_id=st, finding=v)),
    "adverse_events": ("adverse_events", "event", "ae",
                       lambda rid, st, src, v: AdverseEventRow(adverse_event_id=rid, source_id=src, study_id=st,
                                                               event=v)),
}


def apply_decisions(rs: RowSet, dfile: DecisionFile, recheck: Recheck | None = None) -> Outcome:
    """Apply every decision of ``dfile`` to ``rs`` in place; see the module docstring for the rules.

    ``recheck(rs, applied_ids)`` is called once the values are final, before acknowledgements
    (``pipeline.curate.recheck`` re-validates the curated values there)."""
    return _Applier(rs, dfile, recheck).run()
