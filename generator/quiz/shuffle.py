"""The order options are shown in: stable between builds and processes, different per question and variant.

Today most banks list the right answer first (130 of 133 single-choice questions when this was written), so
every output that shows options (site, papers, exports) uses `option_order` instead of the YAML order.
"""

from __future__ import annotations

import hashlib

from .model import Question


def stable_key(*parts: str) -> bytes:
    """A SHA-256 digest of the parts (joined by U+001F): the same on every machine and in every process,
    unlike `hash(str)`, which Python salts per process."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()


def stable_shuffle(items: list, seed: str, key=str) -> list:
    """A new list: `items` sorted by the digest of (seed, key(item)). A given item's position depends only on
    the seed and the other items, never on the input order, so adding a question to a bank does not move
    the others. Ties (equal keys) keep their input order."""
    return sorted(items, key=lambda item: stable_key(seed, key(item)))


def option_order(question: Question, variant: str = "") -> list[str]:
    """The option texts of `question` in display order for a paper `variant` ("" for the site and exports).

    `shuffle: false` in the bank keeps the author's order (e.g. when the last option is "以上都对").
    Judge and fill questions have no options and return [].
    """
    if not question.shuffle:
        return list(question.options)
    return stable_shuffle(list(question.options), f"{question.id}\x1e{variant}")


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def answer_letters(question: Question, order: list[str]) -> str:
    """The right option letters in display order `order` ("B" for single, "ACD" for multiple)."""
    right = [question.answer] if question.type == "single" else list(question.answer)
    return "".join(LETTERS[index] for index, text in enumerate(order) if text in right)
