"""Facts and findings of one article -> its contract rows, with stable ids and provenance."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from pipeline.curate.levels import evidence_level
from pipeline.curate.typed import with_typed_values
from pipeline.curate.vocab import icd10_of
from pipeline.models import Article, ArticleFacts, Fact, Finding, ids
from pipeline.models.rows import (
    AdverseEventRow, ConditionRow, DoseRow, FlagRow, FlowRow, InterventionRow, ProvenanceRow, ResultRow,
    Row, SourceRow, StudyRow,
)


class CuratedArticle(BaseModel):
    """All rows one article contributes to the database."""

    source_id: str
    rows: dict[str, list[Row]] = Field(default_factory=dict)
    fact_ids: dict[str, str] = Field(
        default_factory=dict, description="Path of each fact item ('s1', 's1.conditions[0]', ...) -> its row id, "
                                          "so decisions on rows can be applied back to the facts.")

    def add(self, row: Row) -> None:
        self.rows.setdefault(row.__table__, []).append(row)


def _val(f: Fact | None) -> Any:
    return None if f is None else f.value


def _prov(out: CuratedArticle, table: str, row_id: str, field: str, f: Fact | None, source_id: str,
          rule: str | None = None) -> None:
    if f is None:
        return
    out.add(ProvenanceRow(table_name=table, row_id=row_id, field=field, source_id=source_id,
                          char_start=f.span.char_start, char_end=f.span.char_end, quote=f.span.quote,
                          rule=rule or f.rule))


_STUDY_FIELDS = ("sample_size", "randomized", "blinding", "placebo_controlled", "crossover", "n_male",
                 "n_female", "period_start", "period_end", "n_enrolled", "n_completed", "pct_male",
                 "pct_female", "age", "comparator", "duration")


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def curate_article(article: Article, facts: ArticleFacts, findings: list[Finding]) -> CuratedArticle:
    """All rows of one article: its source, studies and their children, flags, and provenance."""
    sid = article.source_id
    out = CuratedArticle(source_id=sid)
    out.add(SourceRow(source_id=sid, path=article.path, sha256=article.sha256, title=article.title,
                      kind=article.kind, n_chars=article.n_chars, url=article.url, text=article.text))
    taken: set[str] = set()
    study_ids: dict[int, str] = {}
    for s in facts.studies:
        study_id = ids.study_id(sid, ids.study_key(s.label, s.span.quote), taken)
        study_ids[s.ordinal] = study_id
        out.fact_ids[f"s{s.ordinal}"] = study_id
        first_term: dict[str, Fact] = {}
        for f in s.design_terms:
            first_term.setdefault(f.value, f)
        study = StudyRow(
            study_id=study_id, source_id=sid, ordinal=s.ordinal, label=s.label,
            char_start=s.span.char_start, char_end=s.span.char_end,
            design_terms=list(first_term) or None,
            **{name: _val(getattr(s, name)) for name in _STUDY_FIELDS},
        )
        for name in _STUDY_FIELDS:
            _prov(out, "studies", study_id, name, getattr(s, name), sid)
        # One provenance row per design term: the value is a list, each item has its own span.
        for term, f in first_term.items():
            _prov(out, "studies", study_id, f"design_terms/{term}", f, sid)
        match = evidence_level(study)
        if match:
            study.evidence_level = match.level
            basis = s if match.basis in _STUDY_FIELDS else None
            f = getattr(basis, match.basis) if basis else first_term[match.basis.split("/", 1)[1]]
            _prov(out, "studies", study_id, "evidence_level", f, sid, rule=f"evidence-level/{match.rule}")
        out.add(study)
        for i, c in enumerate(s.conditions):
            cid = ids.child_id(study_id, "c", c.name.value, taken)
            out.fact_ids[f"s{s.ordinal}.conditions[{i}]"] = cid
            code = icd10_of(c.name.value)
            out.add(ConditionRow(condition_id=cid, study_id=study_id, condition=c.name.value, n=_val(c.n),
                                 icd10=code))
            _prov(out, "study_conditions", cid, "condition", c.name, sid)
            _prov(out, "study_conditions", cid, "n", c.n, sid)
            if code:
                _prov(out, "study_conditions", cid, "icd10", c.name, sid, rule="vocab/conditions.icd10")
        for i, iv in enumerate(s.interventions):
            iid = ids.child_id(study_id, "i", iv.agent.value, taken)
            out.fact_ids[f"s{s.ordinal}.interventions[{i}]"] = iid
            out.add(InterventionRow(intervention_id=iid, study_id=study_id, agent=iv.agent.value,
                                    route=_val(iv.route), frequency=_val(iv.frequency), duration=_val(iv.duration)))
            for name in ("agent", "route", "frequency", "duration"):
                _prov(out, "interventions", iid, name, getattr(iv, name), sid)
            for seq, d in enumerate(iv.doses, 1):
                out.add(DoseRow(intervention_id=iid, seq=seq, amount=d.amount.value, unit=d.unit))
                _prov(out, "doses", f"{iid}#{seq}", "amount", d.amount, sid)
        for i, f in enumerate(s.results):
            rid = ids.child_id(study_id, "r", f.span.quote[:30], taken)
            out.fact_ids[f"s{s.ordinal}.results[{i}]"] = rid
            out.add(ResultRow(result_id=rid, source_id=sid, study_id=study_id, finding=f.value))
            _prov(out, "results", rid, "finding", f, sid)
        for i, f in enumerate(s.adverse_events):
            aid = ids.child_id(study_id, "ae", f.value, taken)
            out.fact_ids[f"s{s.ordinal}.adverse_events[{i}]"] = aid
            out.add(AdverseEventRow(adverse_event_id=aid, source_id=sid, study_id=study_id, event=f.value))
            _prov(out, "adverse_events", aid, "event", f, sid)
        for seq, fl in enumerate(s.flow, 1):
            out.add(FlowRow(study_id=study_id, seq=seq, role=fl.role, n=fl.n.value, arm=fl.arm, label=fl.label,
                            of_n=fl.of_n, reason=fl.reason, planned=fl.planned, char_start=fl.n.span.char_start,
                            char_end=fl.n.span.char_end, rule=fl.n.rule))
    for i, f in enumerate(facts.adverse_events):
        aid = ids.child_id(sid, "ae", f.value, taken)
        out.fact_ids[f"adverse_events[{i}]"] = aid
        out.add(AdverseEventRow(adverse_event_id=aid, source_id=sid, study_id=None, event=f.value))
        _prov(out, "adverse_events", aid, "event", f, sid)
    for row in flag_rows(article, findings, study_ids, taken):
        out.add(row)
    out.rows = with_typed_values(out.rows)
    return out



def flag_rows(article: Article, findings: list[Finding], study_ids: dict[int, str],
              taken: set[str]) -> list[FlagRow]:
    """The flag rows of ``findings``; a flag's id comes from its rule, study and the words it points at."""
    sid = article.source_id
    out = []
    for fd in findings:
        st = study_ids.get(fd.study_ordinal) if fd.study_ordinal else None
        quote = article.text[fd.char_start:fd.char_end] if fd.char_start is not None else fd.message
        fid = ids.flag_id(fd.rule, sid, st, quote)
        while fid in taken:
            fid += "+"
        taken.add(fid)
        line, col = (fd.line, fd.col)
        if line is None and fd.char_start is not None:
            line, col = line_col(article.text, fd.char_start)
        out.append(FlagRow(flag_id=fid, code=fd.code, rule=fd.rule, severity=fd.severity, source_id=sid,
                           study_id=st, message=fd.message, char_start=fd.char_start, char_end=fd.char_end,
                           line=line, col=col, category=fd.category))
    return out
