"""The one place where text becomes Markdown: escaping body text, headings and page front matter.

Every title, heading or note that reaches a page goes through here, so that a title such as
`模拟考试: 第一期`, `[测试] 模拟考试` or `<img src=x onerror=…>` shows as written and never breaks a page
or runs as HTML.
"""

from __future__ import annotations

import html
import json
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")
# What opens a list when it starts a line: "- ", "+ ", "1. " (`*` and `#` are escaped everywhere already).
_LINE_START = re.compile(r"^(\s*)(?:([-+])|(\d+)([.)]))", re.M)


def escape(text: str) -> str:
    """Text → Markdown that renders to exactly that text (HTML entities, then Markdown's specials, then
    list markers at the start of a line)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2)
                                                     else f"{m.group(3)}\\{m.group(4)}"), text)


def text(value: str) -> str:
    """A note written by an author (glossary definition, guide point, flow note…) → Markdown for one line
    that shows exactly that text: escaped, its line breaks kept as <br>, so that no line of it can start a
    Markdown block (a list, a code block, an admonition such as `!!! danger`). Notes are plain text."""
    lines = [escape(line.strip()) for line in value.strip().splitlines()]
    return "<br>".join(line for line in lines if line)


def heading(level: int, text: str, attrs: str = "") -> str:
    """`# text {: attrs }` with `text` escaped; `attrs` is attr_list syntax written by our own code."""
    line = f"{'#' * level} {escape(text)}"
    return f"{line} {{: {attrs} }}" if attrs else line


def front_matter(title: str | None = None, **fields: object) -> list[str]:
    """YAML front matter lines (with the closing blank line) for a generated page.

    Every value is written as JSON, which YAML reads as a quoted scalar or a flow collection, so no
    value can open a YAML structure (`: `, `[`, `'`, `*`, `!`). The title is also HTML-escaped: MkDocs and
    the theme insert page titles into the nav, the header and <h1> without escaping them.
    Example: front_matter("错题本", quiz="review", hide=["toc"]).
    """
    values = dict(fields)
    if title is not None:
        values = {"title": html.escape(title, quote=False), **values}
    lines = ["---"]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()]
    return lines + ["---", ""]
