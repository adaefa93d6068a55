"""Reading text back out of the built HTML, the way a reader sees it (tags and whitespace aside)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"br", "img", "input", "hr", "meta", "link", "wbr", "source"}


class _Sections(HTMLParser):
    """Splits a page's <article> at each heading of `level`, collecting text per heading id,
    skipping elements whose class is in `skip_classes`."""

    def __init__(self, level: str, skip_classes: set[str]):
        super().__init__(convert_charrefs=True)
        self.level, self.skip_classes = level, skip_classes
        self.sections: dict[str, list[str]] = {}
        self.headings: dict[str, list[str]] = {}
        self.current: str | None = None
        self.in_heading = False
        self.stack: list[bool] = []  # per open element: is it skipped?
        self.in_article = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.in_article += 1
        if tag == self.level and attrs.get("id"):
            self.current = attrs["id"]
            self.sections[self.current] = []
            self.headings[self.current] = []
            self.in_heading = True
        if tag in VOID:
            return
        classes = set((attrs.get("class") or "").split())
        self.stack.append(bool(classes & self.skip_classes))

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
            self.current = None
        if tag == self.level:
            self.in_heading = False
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.current is None or any(self.stack):
            return
        (self.headings if self.in_heading else self.sections)[self.current].append(data)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def sections_by_heading(html: str, level: str = "h2", skip_classes=("xf-article-meta", "headerlink")):
    """{heading id: (heading text, body text)} for every `level` heading with an id, whitespace removed."""
    parser = _Sections(level, set(skip_classes))
    parser.feed(html)
    return {key: (squash("".join(parser.headings[key])), squash("".join(parser.sections[key])))
            for key in parser.sections}


class _ClassText(HTMLParser):
    def __init__(self, cls: str):
        super().__init__(convert_charrefs=True)
        self.cls, self.depth, self.parts = cls, 0, []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if self.depth:
            self.depth += 1
        elif self.cls in (dict(attrs).get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag):
        if tag not in VOID and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def text_of_class(html: str, cls: str) -> str:
    """All text inside the first element with class `cls`, whitespace removed."""
    parser = _ClassText(cls)
    parser.feed(html)
    return squash("".join(parser.parts))
