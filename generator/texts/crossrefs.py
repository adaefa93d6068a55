"""Cross-references inside a regulation: 本条例第三十一条第六项, 本条例第二十条、第二十六条 …

前款/前条 style references stay plain text: they point inside the same article or to its neighbour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import NUMERAL_CHARS, parse_chinese_number
from .regulation import Regulation

_ONE = rf"第[{NUMERAL_CHARS}]+条(?:第[{NUMERAL_CHARS}]+[款项])?(?:第[{NUMERAL_CHARS}]+项)?"
REFERENCE_RE = re.compile(rf"本条例({_ONE}(?:、{_ONE})*)")
TARGET_RE = re.compile(rf"第([{NUMERAL_CHARS}]+)条(?:第([{NUMERAL_CHARS}]+)款)?(?:第([{NUMERAL_CHARS}]+)项)?")


@dataclass(frozen=True)
class CrossReference:
    source: int  # citing article
    target: int  # cited article
    item: int | None  # cited item (项), if any
    text: str  # the words as they stand, e.g. 第三十一条第六项
    start: int  # offset of `text` in the line it stands in
    line: str  # the source line


def find_references(regulation: Regulation) -> list[CrossReference]:
    references = []
    for article in regulation.articles:
        for line in article.source_lines():
            for match in REFERENCE_RE.finditer(line):
                offset = match.start(1)
                for target in TARGET_RE.finditer(match.group(1)):
                    item = parse_chinese_number(target.group(3)) if target.group(3) else None
                    references.append(CrossReference(
                        article.number, parse_chinese_number(target.group(1)), item,
                        target.group(0), offset + target.start(), line))
    return references


def cited_by(references: list[CrossReference]) -> dict[int, list[int]]:
    """Article number -> the articles that cite it, in order, without repeats."""
    result: dict[int, list[int]] = {}
    for reference in references:
        sources = result.setdefault(reference.target, [])
        if reference.source not in sources and reference.source != reference.target:
            sources.append(reference.source)
    return result
