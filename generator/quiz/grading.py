"""Grade one response to one question. The same rules live in assets/core.js (window.XF.grade); both are
held to tests/grading_vectors.json, so change the rules in both places and add a vector.

single/judge: exact. multiple: all or nothing; with partial credit (a competition or exam round may set
it), a non-empty subset of the right options with no wrong one scores 0.5 (少选得一半) and any wrong option
scores 0 (错选不得分). fill: every blank must match one accepted variant after normalise_fill (so 15天 counts as
15日: the law writes 日, people write 天 for the same day count); a question with `unordered: true` (blanks
joined by 或者/和, such as 书面 … 口头) accepts the blanks in any order, each answer used once.
Unanswered is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import permutations

PARTIAL_SCORE = 0.5


def grade(question: dict, response, partial: bool = False) -> dict:
    """`question` has type/options/answer as in the bank; returns {"correct": bool, "score": float}."""
    qtype, answer = question["type"], question["answer"]
    if qtype == "single":
        return _result(isinstance(response, str) and response == answer)
    if qtype == "judge":
        # bool only: 1 == True in Python, but a 1 from a form is not an answer to a 判断题.
        return _result(isinstance(response, bool) and response == answer)
    if qtype == "multiple":
        return _grade_multiple(answer, response, partial)
    if qtype == "fill":
        return _result(_fill_correct(answer, response, bool(question.get("unordered"))))
    raise ValueError(f"unknown question type: {qtype!r}")


# A count of days written with 天 is the same count the law writes with 日 (15天 = 15日, 十五天 = 十五日).
_DAYS_RE = re.compile(r"([0-9零〇一二两三四五六七八九十百]+)天")


def normalise_fill(text) -> str:
    """NFKC (full-width → half-width), then no whitespace, punctuation (P*) or symbols (S*), lower case, and
    a number of 天 written as 日."""
    text = unicodedata.normalize("NFKC", str(text))
    kept = (char for char in text if not char.isspace() and unicodedata.category(char)[0] not in "PS")
    return _DAYS_RE.sub(r"\1日", "".join(kept).lower())


def _result(correct: bool, score: float | None = None) -> dict:
    return {"correct": correct, "score": float(score if score is not None else (1.0 if correct else 0.0))}


def _grade_multiple(answer: list[str], response, partial: bool) -> dict:
    if not isinstance(response, list) or not response:
        return _result(False)
    chosen, right = set(response), set(answer)
    if chosen == right:
        return _result(True)
    if partial and chosen < right:
        return _result(False, PARTIAL_SCORE)
    return _result(False)


def _fill_correct(answer: list[list], response, unordered: bool = False) -> bool:
    if not isinstance(response, list) or len(response) != len(answer):
        return False
    if unordered:
        # Each blank's answer used once, in any order (a bank question has two or three blanks).
        return any(all(_blank_correct(variants, given) for variants, given in zip(order, response, strict=True))
                   for order in permutations(answer))
    return all(_blank_correct(variants, given) for variants, given in zip(answer, response, strict=True))


def _blank_correct(variants: list, given) -> bool:
    if not isinstance(given, str):
        return False
    given = normalise_fill(given)
    return bool(given) and any(given == normalise_fill(variant) for variant in variants)
