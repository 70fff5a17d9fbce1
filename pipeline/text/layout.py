"""The block structure of an article: paragraphs, headings, list items, table rows, section labels.

An article's text is read once into ``Block``s, in order, each with the offsets of its text
proper (markup, bullet marks, "Q:" and "METHODS:" labels excluded). Single line breaks inside
a paragraph are wrapping; blank lines separate paragraphs; a line is a heading when it stands
alone and is short, or when its markup says so ("## ...", "**...**", "Q: ...?"). Nothing here
knows about studies: segmentation and the field rules decide what a heading means.

Kinds: ``title`` (the first line, when it stands alone), ``heading``, ``paragraph``,
``item`` (a bullet or numbered list entry, a reference-list line), ``table`` (a row of a
plain-text or Markdown table).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_MAX_HEADING_CHARS = 110
_MAX_HEADING_WORDS = 16
_MAX_TITLE_CHARS = 300


@dataclass(frozen=True)
class Block:
    """One block of the article. Offsets index the article text; ``body..body_end`` is the text
    without markup; ``para`` numbers the blank-line separated paragraph the block came from."""

    kind: str
    start: int
    end: int
    body: int
    body_end: int
    para: int
    marker: str | None = None  # "#", "**", "Q", "A", "•", "1.", "II.", "[3]", a section label "METHODS"
    number: str | None = None  # a heading's enumerator: "2" ("2. ..."), "II", "B"

    def text(self, article: str) -> str:
        return article[self.body:self.body_end]


_TABLE_ROW = re.compile(r"[^\n]*\|[^\n]*\|[^\n]*|[^\n]*\t[^\n]*\t[^\n]*|[ \t]*\|[^\n]*")
_BULLET = re.compile(r"[ \t]*(?P<m>[•·▪►✓◦‣○■□➢➤→]|[*+\-–—](?=[ \t]))[ \t]*")
_ENUM_ITEM = re.compile(r"[ \t]*(?P<m>\[\d{1,3}\]|\(\d{1,2}\)|\d{1,2}[.)](?=[ \t])|[¹²³⁴⁵⁶⁷⁸⁹⁰]+(?=[ \t]))[ \t]*")
_MD_HEADING = re.compile(r"[ \t]*(?P<m>#{1,6})[ \t]+")
_BOLD_LINE = re.compile(r"[ \t]*(?P<m>\*\*|__)(?P<t>[^*_\n]{1,150})(?:\*\*|__)[ \t:]*$")
_QA = re.compile(r"[ \t]*(?P<m>Q|A|Question|Answer)[ \t]*:[ \t]+|[ \t]*(?P<q>Q)\.[ \t]+", re.I)
# A heading's own enumerator: "2. ", "II. ", "B) ", "4 - ", "#3 "; a letter only before ". " or ") ";
# or a word and its number: "Part B", "Study 2:", "Trial #3 -", "Section IV".
_HEAD_ENUM = re.compile(
    r"(?:#?(?P<d>\d{1,2})(?:[.):]|\s[-–—])|(?P<r>[IVX]{1,5})[.):]|(?P<l>[A-H])[.)])(?=\s)"
    r"|[A-Z][a-z]{1,12}\s{1,3}(?:#\s?)?(?P<wn>\d{1,2}|[IVX]{1,5}|[A-H]|one|two|three|four|five|six)"
    r"(?=\s{0,2}(?:[:.)\-–—]|$))"
)
# Abstract section labels at a paragraph start: "METHODS:", "Results:", "PATIENTS AND METHODS::".
_SECTION_NAMES = (
    r"background|introduction|objectives?|aims?|purpose|context|rationale|importance|design|setting|settings|"
    r"participants|patients|subjects|interventions?|methods?|materials\s+and\s+methods|patients\s+and\s+methods|"
    r"main\s+outcome\s+measures?|outcome\s+measures?|measurements|analysis|results|findings|conclusions?|"
    r"interpretation|discussion|limitations|implications|significance|trial\s+registration|registration|"
    r"funding|keywords|abstract"
)
# Known names in any case, or any label in capitals ("TRIAL REGISTRATION:").
_SECTION_LABEL = re.compile(
    rf"[ \t]*(?:ABSTRACT\s?[-–.]\s?)?(?P<m>(?i:(?:{_SECTION_NAMES})(?:\s+and\s+\w+)?)|[A-Z][A-Z&/, -]{{2,40}}[A-Z])"
    r"[ \t]{0,2}:{1,2}[ \t]*"
)
_SENTENCE_END = re.compile(r"[.!;,]['\"”’)\]]*$")


def title_end(text: str, longest: int) -> int | None:
    """Where the article's first line ends, when it can be a title: not empty, at most ``longest``
    characters, followed by more text."""
    stop = text.find("\n")
    return stop if 0 < stop <= longest else None


def title_case_line(text: str, pos: int, share: float, shortest: int = 1) -> bool:
    """Is the line around ``pos`` written in title case: at least three words of ``shortest`` letters
    or more, and at least ``share`` of them capitalised ("Effects of Green Tea on Sleep")?"""
    lo, hi = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    words = [w for w in text[lo:hi if hi >= 0 else len(text)].split() if w[:1].isalpha() and len(w) >= shortest]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= share * len(words)


def lower_common(name: str) -> str:
    """Capitalised words in lower case, letters and codes kept: "Vitamin D" -> "vitamin D"."""
    return re.sub(r"\b[A-Z][a-z]+\b", lambda w: w.group(0).lower(), name)


def _line_spans(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\r\u00a0":
        s += 1
    while e > s and text[e - 1] in " \t\r\u00a0":
        e -= 1
    return s, e


def _heading_like(body: str) -> bool:
    return 0 < len(body) <= _MAX_HEADING_CHARS and len(body.split()) <= _MAX_HEADING_WORDS


def heading_number(label: str) -> str | None:
    """The enumerator a heading opens with ("2", "II", "B"), or None."""
    m = _HEAD_ENUM.match(label)
    if m is None:
        return None
    return m.group("d") or m.group("r") or m.group("l") or m.group("wn")


def _line_kind(text: str, s: int, e: int) -> tuple[str, int, str | None]:
    """(kind, body start, marker) of one non-blank line, before paragraph context is known."""
    line = text[s:e]
    if _TABLE_ROW.fullmatch(line.rstrip("\r")):
        return "table", s, "|"
    if (m := _MD_HEADING.match(line)) is not None:
        return "md", s + m.end(), m.group("m")
    if (m := _BOLD_LINE.match(line)) is not None:
        return "bold", s + m.start("t"), m.group("m")
    if (m := _BULLET.match(line)) is not None and m.end() < len(line.rstrip()):
        return "item", s + m.end(), m.group("m")
    if (m := _ENUM_ITEM.match(line)) is not None and m.end() < len(line.rstrip()):
        return "enum", s + m.end(), m.group("m")
    if (m := _QA.match(line)) is not None:
        return "qa", s + m.end(), (m.group("m") or m.group("q"))[0].upper()
    return "text", s, None


def blocks(text: str) -> list[Block]:
    """The article's blocks in order (see the module docstring)."""
    lines = _line_spans(text)
    out: list[Block] = []
    para = -1
    group: list[tuple[int, int]] = []
    for s, e in [*lines, (len(text), len(text))]:
        if text[s:e].strip():
            group.append((s, e))
            continue
        if group:
            para += 1
            _read_group(text, group, para, out)
            group = []
    # The first line standing alone is the title, even when it ends like a sentence.
    if len(out) > 1 and out[0].para == 0 and out[1].para > 0 and out[0].kind in ("heading", "paragraph") \
            and out[0].end - out[0].start <= _MAX_TITLE_CHARS and "\n" not in text[out[0].start:out[0].end]:
        first = out[0]
        out[0] = Block("title", first.start, first.end, first.body, first.body_end, first.para, first.marker,
                       first.number)
    return out


def _read_group(text: str, group: list[tuple[int, int]], para: int, out: list[Block]) -> None:
    """Split one blank-line separated group of lines into blocks."""
    kinds = [_line_kind(text, s, e) for s, e in group]
    alone = len(group) == 1
    i = 0
    while i < len(group):
        s, e = group[i]
        kind, body, marker = kinds[i]
        s, e = _strip(text, s, e)
        body = max(body, s)
        if kind == "table":
            out.append(Block("table", s, e, body, e, para, marker))
            i += 1
            continue
        if kind in ("md", "bold"):
            bs, be = _strip(text, body, e)
            be = _strip_markup(text, bs, be)
            out.append(Block("heading", s, e, bs, be, para, marker, heading_number(text[bs:be])))
            i += 1
            continue
        if kind in ("item", "enum"):
            # A numbered line standing alone and short is a section heading ("2. Sea swimming ...").
            j = _continuation(text, group, kinds, i)
            bs, be = _strip(text, body, group[j - 1][1])
            if kind == "enum" and alone and _heading_like(text[s:be]) and marker and marker[0].isdigit():
                out.append(Block("heading", s, be, s, be, para, marker, heading_number(text[s:be])))
            else:
                out.append(Block("item", s, be, bs, be, para, marker))
            i = j
            continue
        if kind == "qa" and marker == "Q":
            j = _continuation(text, group, kinds, i)
            bs, be = _strip(text, body, group[j - 1][1])
            out.append(Block("heading", s, be, bs, be, para, "Q"))
            i = j
            continue
        # Plain text lines: a leading short line is a heading when the group says so.
        if i + 1 < len(group) and kinds[i + 1][0] in ("text", "qa") and _leading_heading(text, s, e, group[i + 1]):
            out.append(Block("heading", s, e, s, _strip_markup(text, s, e), para, None,
                             heading_number(text[s:e])))
            i += 1
            continue
        j = _continuation(text, group, kinds, i)
        pe = _strip(text, s, group[j - 1][1])[1]
        if kind == "text" and (alone and _standalone_heading(text, s, pe) or _list_label(text, s, pe, j == i + 1 and j < len(group)
                                                                                          and kinds[j][0] in ("item", "enum"))):
            out.append(Block("heading", s, pe, s, _strip_markup(text, s, pe), para, None,
                             heading_number(text[s:pe])))
        else:
            label = _SECTION_LABEL.match(text, body, pe) if kind in ("text", "qa") else None
            if label is not None and label.end() < pe:
                out.append(Block("paragraph", s, pe, label.end(), pe, para, label.group("m").upper()))
            else:
                out.append(Block("paragraph", s, pe, body, pe, para, marker))
        i = j


def _continuation(text: str, group: list[tuple[int, int]], kinds: list[tuple[str, int, str | None]], i: int) -> int:
    """Index after the last line that continues line ``i`` (wrapped text of a paragraph or item)."""
    j = i + 1
    item = kinds[i][0] in ("item", "enum", "qa")
    while j < len(group) and kinds[j][0] == "text":
        s, e = group[j]
        line = text[s:e]
        if item and not (line[:1] in " \t" or line.lstrip()[:1].islower()):
            break  # a new sentence at the margin after a list item is a paragraph of its own
        j += 1
    return j


def _strip_markup(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in "*_#: \t\r":
        e -= 1
    return e


def _leading_heading(text: str, s: int, e: int, nxt: tuple[int, int]) -> bool:
    """Is the first line of a multi-line group a heading above its text ("Study 2: Spray B")?"""
    line = text[s:e].strip()
    if not _heading_like(line) or not line[0].isupper() and not line[0].isdigit():
        return False
    following = text[nxt[0]:nxt[1]].lstrip()
    if not following[:1].isupper() and not following[:1].isdigit() and following[:1] not in "\"“(":
        return False  # a wrapped sentence continues in lower case
    if line.endswith(":") or heading_number(line) is not None or line.endswith("?"):
        return True
    return line.isupper() and len(line) > 3


def _list_label(text: str, s: int, e: int, before_list: bool) -> bool:
    """A short label line right above a list: "What happened:", "References"."""
    line = text[s:e]
    return before_list and len(line.split()) <= 8 and ". " not in line and not line.endswith(".") and line[:1].isupper()


def _standalone_heading(text: str, s: int, e: int) -> bool:
    """Is a one-line paragraph a heading? Short, and not a sentence unless numbered or a question."""
    line = text[s:e]
    if not _heading_like(line):
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"“'‘"):
        return False
    if heading_number(line) is not None:
        return True
    return not _SENTENCE_END.search(line) and not line.endswith("...")


def paragraph_blocks(bs: list[Block]) -> dict[int, list[Block]]:
    """Blocks grouped by the paragraph they came from."""
    out: dict[int, list[Block]] = {}
    for b in bs:
        out.setdefault(b.para, []).append(b)
    return out


def section_labels(bs: list[Block]) -> list[str]:
    """The abstract-style section labels ("METHODS", "RESULTS") of the blocks that carry one."""
    return [b.marker for b in bs if b.kind == "paragraph" and b.marker and b.marker[0].isalpha()
            and b.marker not in ("A", "Q")]
