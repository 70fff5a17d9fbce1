"""Database rows -> what the page shows: articles cut into highlighted segments, studies, flags."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from pydantic import BaseModel, Field

from pipeline.curate.typed import date_precision
from pipeline.models.rows import DoseRow, FlagRow, ProvenanceRow, Row, SourceRow, StudyRow
from pipeline.report.data import EvidenceRows
from pipeline.report.segments import Mark, Segment, placeable, segment


class FlagView(BaseModel):
    anchor: str
    row: FlagRow
    article_anchor: str
    article_title: str
    target: str = Field(description="Anchor the flag list links to: its place in the text, else its article.")
    placed: bool


class ValueLine(BaseModel):
    """One value in an article's list: its id, field, value, evidence and the command that changes it."""

    kind: str
    row_id: str
    field: str
    value: str
    quote: str | None
    decision_id: str | None
    command: str


class UnplacedValue(BaseModel):
    tip: str
    reason: str


class StudyView(BaseModel):
    anchor: str
    row: StudyRow
    article_anchor: str
    article_title: str
    design: str
    design_group: str
    conditions: list[str]
    condition_names: list[str]
    interventions: list[str]
    agents: list[str]
    period: str
    open_flags: int
    worst_severity: str | None


class ArticleView(BaseModel):
    anchor: str
    source: SourceRow
    title: str
    segments: list[Segment]
    studies: list[StudyView] = Field(default_factory=list)
    flags: list[FlagView] = Field(default_factory=list)
    unplaced: list[UnplacedValue] = Field(default_factory=list)
    n_values: int = 0
    values: list["ValueLine"] = Field(default_factory=list)


class ReportView(BaseModel):
    articles: list[ArticleView]
    studies: list[StudyView]
    open_flags: list[FlagView]
    flags_by_rule: list[tuple[str, str, dict[str, int]]] = Field(
        description="(code, rule, status -> count, and 'severity:<s>' -> count)")
    totals: dict[str, int]


SEVERITIES = ("error", "warning", "info")


def show(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _row_index(rows: EvidenceRows) -> dict[str, dict[str, Row]]:
    """table -> provenance row_id -> row (doses are `<intervention_id>#<seq>`, as curate writes them)."""
    index: dict[str, dict[str, Row]] = {}
    for table in ("studies", "study_conditions", "interventions", "results", "adverse_events"):
        for r in getattr(rows, table):
            index.setdefault(table, {})[getattr(r, type(r).__key__[0])] = r
    index["doses"] = {f"{d.intervention_id}#{d.seq}": d for d in rows.doses}
    return index


# The kind of each value, one colour each in the page (flags have their own).
_KINDS = {
    "counts": {("studies", "sample_size"), ("studies", "n_enrolled"), ("studies", "n_completed"),
               ("study_conditions", "n")},
    "population": {("studies", "n_male"), ("studies", "n_female"), ("studies", "pct_male"),
                   ("studies", "pct_female"), ("studies", "age"), ("study_conditions", "condition"),
                   ("study_conditions", "icd10")},
    "interventions": {("interventions", f) for f in ("agent", "route", "frequency", "duration")},
    "doses": {("doses", "amount")},
    "outcomes": {("results", "finding"), ("adverse_events", "event")},
}


def value_kind(p: ProvenanceRow) -> str:
    """counts, population, interventions, doses, outcomes, or design (the study's design and period)."""
    key = (p.table_name, p.field)
    return next((k for k, fields in _KINDS.items() if key in fields), "design")


def value_text(p: ProvenanceRow, index: dict[str, dict[str, Row]]) -> str:
    row = index.get(p.table_name, {}).get(p.row_id)
    if row is None:
        return repr(p.quote) if p.quote is not None else "(row not found)"
    if isinstance(row, DoseRow) and p.field == "amount":
        return f"{show(row.amount)} {row.unit}"
    if p.field.startswith("design_terms/"):
        return p.field.split("/", 1)[1]
    return show(getattr(row, p.field, p.quote))


def value_tip(p: ProvenanceRow, index: dict[str, dict[str, Row]]) -> str:
    value = value_text(p, index)
    how = f"{p.origin} by {p.decision_id}" if p.origin != "extracted" and p.decision_id else \
        f"rule {p.rule}" if p.rule else "derived"
    return f"{p.table_name}.{p.field} = {value} ({how}) [{p.row_id}]"


def set_command(p: ProvenanceRow, index: dict[str, dict[str, Row]]) -> str:
    """The `pipeline set` line that changes this value (the quote pins it)."""
    from pipeline.words import shell_word

    field = p.field.split("/", 1)[0]
    table_field = "amount" if p.table_name == "doses" else field
    row = index.get(p.table_name, {}).get(p.row_id)
    value = getattr(row, table_field, None) if row is not None else None
    if p.field.startswith("design_terms/") and row is not None:
        value = "; ".join(getattr(row, "design_terms", None) or []) or None
    shown = "VALUE" if value is None else shell_word(show(value) if not isinstance(value, bool) else
                                                      ("yes" if value else "no"))
    pin = f" --quote {shell_word(p.quote.strip())}" if p.quote and p.quote.strip() else ""
    return f"pipeline set {shell_word(p.row_id)} {table_field} {shown}{pin} --reason '...'"


def flag_tip(f: FlagRow) -> str:
    state = "" if f.status == "open" else f" ({f.status})"
    return f"[{f.severity}] {f.code} {f.rule}: {f.message}{state}"


def design_label(s: StudyRow) -> str:
    parts = []
    if s.randomized is not None:
        parts.append("randomized" if s.randomized else "non-randomized")
    if s.blinding:
        parts.append(s.blinding)
    if s.placebo_controlled is not None:
        parts.append("placebo-controlled" if s.placebo_controlled else "no placebo")
    if s.crossover:
        parts.append("crossover")
    if s.design_terms:
        parts.extend(t for t in s.design_terms if t not in parts)
    return ", ".join(parts) or "not stated"


def design_group(s: StudyRow) -> str:
    """Coarse design for the chart: the evidence level when derived, else randomization."""
    if s.evidence_level:
        return f"evidence level {s.evidence_level}"
    if s.randomized is None:
        return "design not stated"
    return "randomized" if s.randomized else "non-randomized"


def at_precision(d: dt.date | None, quote: str | None) -> str:
    """A period's date as precisely as the text gave it: 2019, 2019-03 or 2019-03-14."""
    if d is None:
        return "?"
    precision = date_precision(quote, d) or "day"
    return {"day": d.isoformat(), "month": d.strftime("%Y-%m"), "year": str(d.year)}[precision]


def _period(s: StudyRow, prov: dict[tuple[str, str], ProvenanceRow] | None = None) -> str:
    if s.period_start is None and s.period_end is None:
        return ""
    prov = prov or {}
    quotes = [getattr(prov.get((s.study_id, f)), "quote", None) for f in ("period_start", "period_end")]
    start, end = (at_precision(d, q) for d, q in zip((s.period_start, s.period_end), quotes))
    return f"{start} – {end}"


def build_view(rows: EvidenceRows) -> ReportView:
    index = _row_index(rows)
    prov_by_source: dict[str, list[ProvenanceRow]] = defaultdict(list)
    for p in rows.provenance:
        prov_by_source[p.source_id].append(p)
    flags_by_source: dict[str, list[FlagRow]] = defaultdict(list)
    for f in rows.flags:
        flags_by_source[f.source_id].append(f)
    conds: dict[str, list[str]] = defaultdict(list)
    cond_names: dict[str, list[str]] = defaultdict(list)
    for c in rows.study_conditions:
        cond_names[c.study_id].append(c.condition)
        conds[c.study_id].append(c.condition if c.n is None else f"{c.condition} (n={c.n})")
    doses: dict[str, list[str]] = defaultdict(list)
    for d in rows.doses:
        doses[d.intervention_id].append(f"{show(d.amount)} {d.unit}")
    ivs: dict[str, list[str]] = defaultdict(list)
    agents: dict[str, list[str]] = defaultdict(list)
    for i in rows.interventions:
        agents[i.study_id].append(i.agent)
        bits = [i.agent] + [x for x in (i.route, i.frequency, i.duration) if x]
        text = " ".join(bits[:2]) + "".join(f", {x}" for x in bits[2:])
        if doses[i.intervention_id]:
            text += ": " + ", ".join(doses[i.intervention_id])
        ivs[i.study_id].append(text)
    prov_index = {(p.row_id, p.field): p for p in rows.provenance if p.table_name == "studies"}
    studies_by_source: dict[str, list[StudyRow]] = defaultdict(list)
    for s in rows.studies:
        studies_by_source[s.source_id].append(s)

    articles: list[ArticleView] = []
    all_studies: list[StudyView] = []
    all_flags: list[FlagView] = []
    n_marks = 0
    for a_i, src in enumerate(rows.sources, 1):
        a_anchor = f"a{a_i}"
        title = src.title or src.path or src.source_id
        marks: list[Mark] = []
        unplaced: list[UnplacedValue] = []
        value_lines: list[ValueLine] = []
        for p in prov_by_source.get(src.source_id, []):
            tip = value_tip(p, index)
            value_lines.append(ValueLine(kind=value_kind(p), row_id=p.row_id, field=p.field,
                                         value=value_text(p, index), quote=p.quote,
                                         decision_id=p.decision_id if p.origin != "extracted" else None,
                                         command=set_command(p, index)))
            if p.char_start is None or p.char_end is None:
                unplaced.append(UnplacedValue(tip=tip, reason=f"no span ({p.origin})"))
                continue
            m = Mark(kind="value", anchor=f"v{a_i}-{len(marks)}", char_start=p.char_start,
                     char_end=p.char_end, tip=tip, value_kind=value_kind(p),
                     decision_id=p.decision_id if p.origin != "extracted" else None)
            if placeable(m, len(src.text)):
                marks.append(m)
            else:
                reason = f"span {p.char_start}-{p.char_end} outside the text"
                unplaced.append(UnplacedValue(tip=tip, reason=reason))
        flag_views: list[FlagView] = []
        for f in flags_by_source.get(src.source_id, []):
            f_anchor = f"f{len(all_flags) + len(flag_views) + 1}"
            placed = False
            if f.char_start is not None:
                end = f.char_end if f.char_end is not None else f.char_start
                m = Mark(kind="flag", anchor=f_anchor, char_start=f.char_start, char_end=end, tip=flag_tip(f),
                         severity=f.severity, open=f.status == "open")
                placed = placeable(m, len(src.text))
                if placed:
                    marks.append(m)
            flag_views.append(FlagView(anchor=f_anchor, row=f, article_anchor=a_anchor, article_title=title,
                                       target=f_anchor if placed else a_anchor, placed=placed))
        n_marks += len(marks)
        own_flags = flags_by_source.get(src.source_id, [])
        open_by_study = Counter(f.study_id for f in own_flags if f.status == "open")
        worst: dict[str | None, str] = {}
        for f in flags_by_source.get(src.source_id, []):
            seen = worst.get(f.study_id)
            if f.status == "open" and (seen is None or SEVERITIES.index(f.severity) < SEVERITIES.index(seen)):
                worst[f.study_id] = f.severity
        study_views = [
            StudyView(anchor=f"s{len(all_studies) + k}", row=s, article_anchor=a_anchor, article_title=title,
                      design=design_label(s), design_group=design_group(s), conditions=conds[s.study_id],
                      condition_names=cond_names[s.study_id], interventions=ivs[s.study_id],
                      agents=agents[s.study_id], period=_period(s, prov_index), open_flags=open_by_study[s.study_id],
                      worst_severity=worst.get(s.study_id))
            for k, s in enumerate(sorted(studies_by_source[src.source_id], key=lambda s: s.ordinal), 1)
        ]
        all_studies.extend(study_views)
        all_flags.extend(flag_views)
        articles.append(ArticleView(anchor=a_anchor, source=src, title=title,
                                    segments=segment(src.text, marks),
                                    studies=study_views, flags=flag_views, unplaced=unplaced,
                                    n_values=sum(m.kind == "value" for m in marks), values=value_lines))

    by_rule: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for f in rows.flags:
        by_rule[(f.code, f.rule)][f.status] += 1
        by_rule[(f.code, f.rule)]["severity:" + f.severity] += 1
    open_flags = sorted((f for f in all_flags if f.row.status == "open"),
                        key=lambda f: SEVERITIES.index(f.row.severity))
    totals = {
        "articles": len(rows.sources), "studies": len(rows.studies), "interventions": len(rows.interventions),
        "doses": len(rows.doses), "values": len(rows.provenance), "highlights": n_marks,
        "flags": len(rows.flags), "open_flags": len(open_flags),
        "acknowledged": sum(f.status == "acknowledged" for f in rows.flags),
        "resolved": sum(f.status == "resolved" for f in rows.flags),
        "curated": sum(p.origin != "extracted" for p in rows.provenance),
    }
    return ReportView(articles=articles, studies=all_studies, open_flags=open_flags,
                      flags_by_rule=[(c, r, dict(n)) for (c, r), n in sorted(by_rule.items())], totals=totals)
