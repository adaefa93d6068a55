"""The whole bank as JSON (`python -m generator export --format json`), for other tools and for backups."""

from __future__ import annotations

import json

from ..texts.regulation import Regulation
from .model import Bank, Question

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
