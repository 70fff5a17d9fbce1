"""A small HTML scan for report tests: elements, attributes, script bodies and article texts."""
from __future__ import annotations

from html.parser import HTMLParser


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None]):
        self.tag, self.attrs = tag, attrs
        self.text = ""

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


class Scan(HTMLParser):
    """Collects every element; the text of each `div.text` (article body) and of each mark in it."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.scripts: list[str] = []
        self.texts: list[str] = []
        self.marks: list[Element] = []
        self._in_script = False
        self._text_depth = 0  # >0 while inside an article body
        self._open_marks: list[Element] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        el = Element(tag, dict(attrs))
        self.elements.append(el)
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if self._text_depth:
            self._text_depth += 1
            if tag == "mark":
                self.marks.append(el)
                self._open_marks.append(el)
        elif tag == "div" and "text" in el.classes:
            self._text_depth = 1
            self.texts.append("")

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if self._text_depth:
            self._text_depth -= 1
            if tag == "mark" and self._open_marks:
                self._open_marks.pop()

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        elif self._text_depth:
            self.texts[-1] += data
            for m in self._open_marks:
                m.text += data

    def by_id(self, id_: str) -> Element:
        found = [e for e in self.elements if e.attrs.get("id") == id_]
        assert len(found) == 1, f"{len(found)} elements with id {id_!r}"
        return found[0]
