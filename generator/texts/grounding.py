"""Checks that what a note or a question says is really in the text it cites."""

from __future__ import annotations

import re
import unicodedata

# Chinese quotation marks; the law nests “…” inside its own sentences, so only the outermost pair counts.
# ASCII "…" (typed on a keyboard without a Chinese input method) is a quotation too; it cannot nest.
_QUOTE_PAIRS = {"“": "”", "「": "」", '"': '"'}


def normalise(text: str) -> str:
    """Full-width → half-width (NFKC), whitespace dropped: how a citation is compared with the text."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def quotations(text: str) -> list[str]:
    """The outermost “…” / 「…」 / "…" quotations in `text`."""
    found, depth, start, closer = [], 0, 0, ""
    for index, char in enumerate(text):
        if depth == 0 and char in _QUOTE_PAIRS:
            depth, start, closer = 1, index + 1, _QUOTE_PAIRS[char]
        elif depth and char == text[start - 1] and char != closer:
            depth += 1
        elif depth and char == closer:
            depth -= 1
            if depth == 0:
                found.append(text[start:index])
    return found


def appears_in(phrase: str, text: str) -> bool:
    return normalise(phrase) in normalise(text)


def numbers(text: str) -> list[str]:
    """Digit runs (after width normalisation): 15, 30, 2022 …"""
    return re.findall(r"\d+", unicodedata.normalize("NFKC", str(text)))
