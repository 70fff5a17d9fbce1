"""The report page: highlights at their spans, escaping of hostile text, no network, links resolve."""
import base64
import hashlib
import re

import pytest

from pipeline.report import build_report
from tests.report.factory import HOSTILE_TEXT, TRIALS_TEXT, hostile_rows, make_db, merge, trials_rows
from tests.report.htmlscan import Scan


@pytest.fixture
def page(tmp_path):
    db = make_db(tmp_path / "e.duckdb", merge(trials_rows(), hostile_rows()))
    summary = build_report(db, tmp_path / "out" / "report.html")
    html = summary.out.read_text(encoding="utf-8")
    return html, Scan(html)


def test_article_texts_render_verbatim(page):
    _, scan = page
    assert sorted(scan.texts) == sorted([TRIALS_TEXT, HOSTILE_TEXT])


def test_every_highlight_is_focusable_and_explained(page):
    _, scan = page
    assert scan.marks
    for m in scan.marks:
        assert m.attrs.get("tabindex") == "0" and m.attrs.get("title"), m.attrs


def test_study_2_flag_is_highlighted_at_its_span_and_linked(page):
    _, scan = page
    links = {e.attrs.get("href") for e in scan.elements if e.tag == "a"}
    flagged = [m for m in scan.marks if "subgroup-exceeds-total" in m.attrs["title"]]
    assert "".join(m.text for m in flagged) == "9 had bipolar depression and 8 had PTSD"
    assert all("f-error" in m.classes for m in flagged)
    assert "#" + flagged[0].attrs["id"] in links


def test_doses_and_nested_values_are_highlighted(page):
    _, scan = page
    doses = {m.text: m.attrs["title"] for m in scan.marks if "doses.amount" in m.attrs["title"]}
    # The tip ends with the row id, the one `pipeline set` takes.
    assert {k: v.rsplit(" [", 1)[0] for k, v in doses.items()} == {
        "56 mg": "doses.amount = 56 mg (rule treatment/dose)", "0.5 mg/kg": "doses.amount = 0.5 mg/kg (rule treatment/dose)"}
    assert all(v.endswith("#1]") for v in doses.values())
    nested = [m for m in scan.marks if m.text == "double-blind"]
    assert "d2" in nested[0].classes and "studies.randomized" in nested[0].attrs["title"]


def test_hostile_text_is_inert(page):
    html, scan = page
    assert len(scan.scripts) == 1 and "PWNED" not in scan.scripts[0]
    tags = {e.tag for e in scan.elements}
    assert not tags & {"img", "iframe", "textarea", "object", "embed", "link", "base", "form"}
    assert not [e for e in scan.elements if any(k.startswith("on") for k in e.attrs)]
    assert "<script>document" not in html and "<img src" not in html


def test_nothing_is_fetched(page):
    html, scan = page
    for e in scan.elements:
        for key in ("src", "href", "srcset", "action", "poster", "data", "xlink:href"):
            value = e.attrs.get(key)
            assert value is None or value.startswith("#"), (e.tag, key, value)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "@import" not in html and "url(" not in html


def test_csp_forbids_fetches_and_allows_only_our_script(page):
    _, scan = page
    csp = [e.attrs["content"] for e in scan.elements
           if e.tag == "meta" and (e.attrs.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(csp) == 1
    policy = dict(p.strip().split(" ", 1) for p in csp[0].split(";"))
    assert policy["default-src"] == "'none'" and policy["img-src"] == "data:"
    digest = base64.b64encode(hashlib.sha256(scan.scripts[0].encode()).digest()).decode()
    assert policy["script-src"] == f"'sha256-{digest}'"


def test_internal_links_resolve_and_ids_are_unique(page):
    _, scan = page
    ids = [e.attrs["id"] for e in scan.elements if e.attrs.get("id")]
    assert len(ids) == len(set(ids))
    for e in scan.elements:
        href = e.attrs.get("href")
        if href:
            assert href[1:] in ids, href


def test_values_without_a_place_are_listed(page):
    html, _ = page
    assert "1 value without a place" in html
    assert "span 5-10000 outside the text" in html


def test_empty_database_renders(tmp_path):
    db = make_db(tmp_path / "empty.duckdb", {})
    html = build_report(db, tmp_path / "r.html").out.read_text(encoding="utf-8")
    assert "No studies" in html and "No open flags" in html
