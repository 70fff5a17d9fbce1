"""Build small evidence databases for report tests (own wording, not from any shared text)."""
from __future__ import annotations

from pathlib import Path

from pipeline.models.rows import (
    ConditionRow, DoseRow, FlagRow, InterventionRow, ProvenanceRow, Row, SourceRow, StudyRow,
)
from tests.dbfiles import write_database

TRIALS_TEXT = """Two small trials of dissociative anaesthetics

Trial A: nasal spray in hard-to-treat depression

In this randomized, double-blind trial, 64 adults with treatment-resistant depression received esketamine 56 mg or a placebo spray twice weekly for four weeks.

Trial B: open-label infusion series

An open-label series enrolled 12 patients (7 women and 5 men); 9 had bipolar depression and 8 had PTSD. Each received 0.5 mg/kg intravenous ketamine over 40 minutes.
"""

HOSTILE_TEXT = """A page that tries to break out <script>document.title='PWNED';document.body.appendChild(Object.assign(document.createElement('div'),{id:'pwned'}))</script>

Quote: "><img src=x onerror="document.body.appendChild(Object.assign(document.createElement('div'),{id:'pwned-img'}))">
Also </textarea><svg onload="document.title='PWNED2'"> and <a href="https://example.org/x">a link</a> and <iframe src="http://example.org/"></iframe>
{{ 7*7 }} {% raw %} &amp; &lt;b&gt;
A trial of 30 patients took 100 mg of something.
"""


def at(text: str, quote: str, after: str = "") -> tuple[int, int]:
    start = text.index(quote, text.index(after) if after else 0)
    return start, start + len(quote)


def prov(text: str, sid: str, table: str, row_id: str, field: str, quote: str, rule: str,
         after: str = "") -> ProvenanceRow:
    a, b = at(text, quote, after)
    return ProvenanceRow(table_name=table, row_id=row_id, field=field, source_id=sid, char_start=a, char_end=b,
                         quote=quote, rule=rule)


def source(sid: str, text: str, title: str | None) -> SourceRow:
    return SourceRow(source_id=sid, path=f"{sid}.txt", sha256="0" * 64, title=title, kind="blog",
                     n_chars=len(text), text=text)


def trials_rows(sid: str = "two-trials", text: str = TRIALS_TEXT) -> dict[str, list[Row]]:
    """Two studies; study 2 has a subgroup-exceeds-total flag; nested and overlapping spans."""
    s1, s2 = f"{sid}:s1", f"{sid}:s2"
    a1, b1 = at(text, "Trial A")
    a2, _ = at(text, "Trial B")
    i1, i2 = f"{s1}/i-esketamine", f"{s2}/i-ketamine"
    fa, fb = at(text, "9 had bipolar depression and 8 had PTSD")
    rows: dict[str, list[Row]] = {
        "sources": [source(sid, text, "Two small trials")],
        "studies": [
            StudyRow(study_id=s1, source_id=sid, ordinal=1, label="Trial A", sample_size=64, randomized=True,
                     blinding="double-blind", placebo_controlled=True, char_start=a1, char_end=a2),
            StudyRow(study_id=s2, source_id=sid, ordinal=2, label="Trial B", sample_size=12, blinding="open-label",
                     n_male=5, n_female=7, char_start=a2, char_end=len(text)),
        ],
        "study_conditions": [
            ConditionRow(condition_id=f"{s1}/c-trd", study_id=s1, condition="treatment-resistant depression"),
            ConditionRow(condition_id=f"{s2}/c-bd", study_id=s2, condition="bipolar depression", n=9),
            ConditionRow(condition_id=f"{s2}/c-ptsd", study_id=s2, condition="post-traumatic stress disorder", n=8),
        ],
        "interventions": [
            InterventionRow(intervention_id=i1, study_id=s1, agent="esketamine", route="intranasal"),
            InterventionRow(intervention_id=i2, study_id=s2, agent="ketamine", route="intravenous"),
        ],
        "doses": [DoseRow(intervention_id=i1, seq=1, amount=56, unit="mg"),
                  DoseRow(intervention_id=i2, seq=1, amount=0.5, unit="mg/kg")],
        "flags": [FlagRow(flag_id="subgroup-exceeds-total:abc", code="S101", rule="subgroup-exceeds-total",
                          severity="error", source_id=sid, study_id=s2,
                          message="subgroups 9 + 8 = 17 exceed the total of 12", char_start=fa, char_end=fb,
                          line=text.count("\n", 0, fa) + 1, col=1)],
        "provenance": [
            # randomized > blinding: nested spans.
            prov(text, sid, "studies", s1, "randomized", "randomized, double-blind trial", "design/randomized"),
            prov(text, sid, "studies", s1, "blinding", "double-blind", "design/blinding"),
            prov(text, sid, "studies", s1, "sample_size", "64 adults", "sample-size/count-noun"),
            prov(text, sid, "study_conditions", f"{s1}/c-trd", "condition", "treatment-resistant depression",
                 "conditions/vocab"),
            prov(text, sid, "interventions", i1, "agent", "esketamine", "treatment/agent"),
            prov(text, sid, "doses", f"{i1}#1", "amount", "56 mg", "treatment/dose"),
            prov(text, sid, "studies", s2, "sample_size", "12 patients", "sample-size/count-noun"),
            # Condition values inside the flag's span, and one crossing its end.
            prov(text, sid, "study_conditions", f"{s2}/c-bd", "n", "9 had bipolar depression", "conditions/n"),
            prov(text, sid, "study_conditions", f"{s2}/c-ptsd", "n", "8 had PTSD. Each", "conditions/n"),
            prov(text, sid, "interventions", i2, "route", "intravenous", "treatment/route"),
            prov(text, sid, "doses", f"{i2}#1", "amount", "0.5 mg/kg", "treatment/dose"),
        ],
    }
    return rows


def hostile_rows(sid: str = "hostile") -> dict[str, list[Row]]:
    text = HOSTILE_TEXT
    st = f"{sid}:s1"
    a, b = at(text, "<script>")
    return {
        "sources": [source(sid, text, "<script>document.title='PWNED3'</script> \"><img src=x>")],
        "studies": [StudyRow(study_id=st, source_id=sid, ordinal=1, label="<b>bold</b> \"><img src=x>",
                             sample_size=30, char_start=0, char_end=len(text))],
        "study_conditions": [ConditionRow(condition_id=f"{st}/c-x", study_id=st,
                                          condition="<svg onload=alert(1)>")],
        "interventions": [InterventionRow(intervention_id=f"{st}/i-x", study_id=st, agent="\"><script>x</script>")],
        "flags": [FlagRow(flag_id="odd:1", code="X1", rule="odd-markup", severity="warning", source_id=sid,
                          study_id=st, message="<img src=x onerror=alert(1)> in text", char_start=a, char_end=b,
                          line=1, col=1)],
        "provenance": [
            prov(text, sid, "studies", st, "sample_size", "30 patients", "sample-size/count-noun"),
            ProvenanceRow(table_name="studies", row_id=st, field="label", source_id=sid, char_start=5,
                          char_end=10_000, quote="<x>", rule="<rule>"),
        ],
    }


def merge(*parts: dict[str, list[Row]]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for p in parts:
        for k, v in p.items():
            out.setdefault(k, []).extend(v)
    return out


def make_db(path: Path, rows: dict[str, list[Row]]) -> Path:
    write_database(path, rows)
    return path
