"""Chinese paragraphs for the terminal. rich wraps at spaces, so a CJK sentence with a number in it
("0.7 以上较可靠") broke at the number and left lines half empty; here a line may break between any two CJK
characters, ASCII words stay whole, and no line starts with closing punctuation (the usual 避头 rule)."""

from __future__ import annotations

import re

from rich.cells import cell_len

UNIT_RE = re.compile(r"[A-Za-z0-9.+\-=/%_]+|\s+|.", re.S)
NO_LINE_START = set("，。、；：？！）】》」』”’%…")
NO_LINE_END = set("（【《「『“‘")


def wrap(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` terminal cells (a CJK character is 2); a single unit wider than
    `width` (a very long ASCII word) stands on a line of its own."""
    lines: list[list[str]] = [[]]
    for unit in UNIT_RE.findall(text):
        line = lines[-1]
        if line and cell_len("".join(line) + unit.rstrip()) > width:
            if unit.isspace():
                continue  # a space at the break is dropped
            carried: list[str] = []
            if unit in NO_LINE_START:  # take back units until the new line starts with one that may
                while len(line) > 1 and (not carried or carried[0] in NO_LINE_START):
                    carried.insert(0, line.pop())
            while len(line) > 1 and line[-1] in NO_LINE_END:  # 避尾: an opening mark goes down with its word
                carried.insert(0, line.pop())
            lines.append(carried)
        lines[-1].append(unit)
    return ["".join(line).strip() for line in lines if "".join(line).strip()]


def print_paragraph(console, text: str, indent: int = 2, style: str = "dim") -> None:
    """`text` wrapped to `console`'s width, each line indented by `indent` spaces."""
    from rich.text import Text

    lines = wrap(text, max(console.width - indent, 10))
    console.print(Text("\n".join(" " * indent + line for line in lines), style=style), no_wrap=True,
                  overflow="ignore", crop=False)
