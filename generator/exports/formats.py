"""`python -m generator export`: the whole bank as JSON (for other tools and for backups), Moodle GIFT
(gift.py), 问卷星's text import (wjx.py) or the common 题库 text format (txt.py)."""

from __future__ import annotations

import json

from ..quiz.model import Bank, Question
from ..texts.regulation import Regulation

FORMATS = ("json", "gift", "wjx", "txt")

RECORD_FIELDS = ("id", "type", "stem", "options", "answer", "articles", "notice", "explanation", "difficulty")


def question_record(question: Question) -> dict:
    """One question as plain JSON data: answers as option texts, judge as true/false, fill as lists of lists.

    Source positions (path, line) stay out: they describe the YAML, not the question.
    """
    return {name: _plain(getattr(question, name)) for name in RECORD_FIELDS}


def export_json(bank: Bank, regulation: Regulation) -> str:
    """The bank as a JSON list, in bank order; every cited article must exist in `regulation`."""
    for question in bank.questions:
        missing = [n for n in question.articles if n not in {a.number for a in regulation.articles}]
        if missing:  # the bank was not validated against this regulation
            raise ValueError(f"{question.id}: 条例中没有第 {missing} 条")
    records = [question_record(question) for question in bank.questions]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _plain(value):
    # Copies, so a caller editing the record cannot change the loaded bank.
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def export_bank(bank: Bank, regulation: Regulation, fmt: str) -> tuple[dict[str, str], list[str]]:
    """({file suffix: text}, notes). The main file's suffix is "" ; wjx adds "-答案.csv" (the key).
    Notes are questions left out, as "file:line: id: reason" (GIFT cannot hold multi-blank fills)."""
    if fmt == "json":
        return {"": export_json(bank, regulation)}, []
    if fmt == "gift":
        from .gift import export_gift
        text, skipped = export_gift(bank, regulation)
        return {"": text}, [str(item) for item in skipped]
    if fmt == "wjx":
        from .wjx import export_wjx
        text, key = export_wjx(bank)
        return {"": text, "-答案.csv": key}, []
    if fmt == "txt":
        from .txt import export_txt
        return {"": export_txt(bank)}, []
    raise ValueError(f"未知的导出格式“{fmt}”（允许：{'、'.join(FORMATS)}）")
