"""Properties of segmentation: the number of studies found does not depend on line wrapping,
heading markup or the order of independent paragraphs."""
from __future__ import annotations

import textwrap

from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.segment import find_studies

TITLE = "Herbal Remedies for Sleep: What the Trials Show"
GENERAL = [
    "Herbal sleep aids are sold in most pharmacies, and many people try them before asking a doctor for help with "
    "insomnia that has lasted for weeks.",
    "Sleep problems become more common with age, and they often come with worry, pain or a busy mind at night.",
]
CLOSING = "If poor sleep lasts for more than a month, talk to your doctor before trying any of these remedies."

# Each study: a heading name, an opening sentence with its own count, and a sentence that continues it.
STUDIES = [
    ("Valerian", "In a randomized trial, {n} adults with insomnia took valerian root or a placebo tablet every night "
                 "for four weeks.", "The researchers found that sleep quality improved slightly more with valerian."),
    ("Chamomile", "A double-blind study gave chamomile extract or a dummy capsule to {n} older women for a month.",
                  "Participants on chamomile reported waking less often during the night."),
    ("Lavender", "Researchers in Austria enrolled {n} patients with anxiety and poor sleep in a placebo-controlled "
                 "trial of lavender oil capsules.", "The trial lasted ten weeks and side effects were mild."),
]
COUNTS = [48, 112, 221]
MARKUPS = ["Study {i}: {name}", "## Study {i}: {name}", "**Study {i}: {name}**", "Study {i} - {name}",
           "{roman}. {name}", "Trial #{i} - {name}"]
ROMAN = ["I", "II", "III"]


def _wrap(paragraph: str, width: int) -> str:
    return textwrap.fill(paragraph, width, break_on_hyphens=False, break_long_words=False)


@st.composite
def articles(draw):
    k = draw(st.integers(1, 3))
    chosen = draw(st.permutations(range(3)))[:k]
    sections = []
    for i, s in enumerate(chosen):
        name, opener, follow = STUDIES[s]
        sections.append((name, f"{opener.format(n=COUNTS[s])} {follow}"))
    return k, sections


def _render(sections, markup: str | None, width: int | None, general_first: bool) -> str:
    parts = [TITLE]
    generals = GENERAL if general_first else GENERAL[::-1]
    parts += [_wrap(g, width) if width else g for g in generals]
    for i, (name, body) in enumerate(sections, 1):
        if markup is not None:
            parts.append(markup.format(i=i, name=name, roman=ROMAN[i - 1]))
        parts.append(_wrap(body, width) if width else body)
    parts.append(CLOSING)
    return "\n\n".join(parts) + "\n"


@given(articles(), st.sampled_from(MARKUPS), st.sampled_from(MARKUPS), st.integers(30, 100), st.booleans())
def test_markup_and_wrapping_do_not_change_the_number_of_studies(article, markup_a, markup_b, width, order):
    k, sections = article
    plain = find_studies(_render(sections, markup_a, None, True))
    assert len(plain) == k
    assert len(find_studies(_render(sections, markup_b, width, order))) == k


@given(articles(), st.integers(30, 100), st.booleans())
def test_prose_studies_survive_wrapping_and_reordering(article, width, order):
    """Without headings, each study is a paragraph introduced in running prose."""
    k, sections = article
    text = _render(sections, None, None, True)
    assert len(find_studies(text)) == k
    reordered = _render(sections[::-1], None, width, order)
    assert len(find_studies(reordered)) == k


@given(articles(), st.sampled_from(MARKUPS))
def test_spans_are_ordered_and_never_overlap(article, markup):
    _, sections = article
    text = _render(sections, markup, 60, True)
    segs = find_studies(text)
    for seg in segs:
        assert text[seg.span.char_start:seg.span.char_end] == seg.span.quote
        for extra in seg.extra:
            assert text[extra.char_start:extra.char_end] == extra.quote
    pieces = sorted((p.char_start, p.char_end) for seg in segs for p in (seg.span, *seg.extra))
    for (_, end), (start, _) in zip(pieces, pieces[1:]):
        assert end <= start
