"""The bank as JSON: every field survives the round trip, and the records can be graded as they are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.quiz.bank import load_bank
from generator.exports.formats import RECORD_FIELDS, export_json, question_record
from generator.quiz.grading import grade
from generator.texts.regulation import parse_regulation

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "bank"


@pytest.fixture(scope="module")
def regulation():
    return parse_regulation(ROOT / "sources" / "regulation-2022.md")


def own_answer(record: dict):
    """What a perfect candidate would answer: the first accepted variant of each blank for fill."""
    if record["type"] == "fill":
        return [variants[0] for variants in record["answer"]]
    return record["answer"]


def test_round_trip_keeps_every_field(regulation):
    bank = load_bank(FIXTURE)
    records = json.loads(export_json(bank, regulation))
    assert len(records) == len(bank.questions)
    for question, record in zip(bank.questions, records, strict=True):
        assert list(record) == list(RECORD_FIELDS)
        assert record == {name: getattr(question, name) for name in RECORD_FIELDS}


def test_answer_shapes_in_json(regulation):
    text = export_json(load_bank(FIXTURE), regulation)
    records = {record["id"]: record for record in json.loads(text)}
    assert records["c3-a19-written"]["answer"] == "书面"
    assert records["c3-a17-forms"]["answer"] == ["信息网络", "书信", "传真"]
    assert records["c3-a22-15-days"]["answer"] is True and records["c3-a22-15-days"]["options"] == []
    assert records["c3-a22-days-fill"]["answer"] == [["15", "十五"]]
    assert records["n-2-4-principle"]["notice"] == "二（四）" and records["n-2-4-principle"]["articles"] == []
    assert records["c3-a19-written"]["notice"] is None
    assert '"answer": true' in text and "十五" in text  # JSON booleans, and Chinese kept readable


def test_record_is_a_copy(regulation):
    question = load_bank(FIXTURE).questions[1]
    record = question_record(question)
    record["answer"].append("传真")
    assert question.answer == ["信息网络", "书信", "传真"]


def test_unknown_article_is_refused(regulation):
    bank = load_bank(FIXTURE)
    bank.questions[0].articles = [99]
    with pytest.raises(ValueError, match="c3-a19-written"):
        export_json(bank, regulation)


def test_real_bank_exports_and_grades_its_own_answers(regulation):
    bank = load_bank(ROOT / "quizzes")
    records = json.loads(export_json(bank, regulation))
    assert [record["id"] for record in records] == [question.id for question in bank.questions]
    wrong = [record["id"] for record in records
             if grade(record, own_answer(record)) != {"correct": True, "score": 1.0}]
    assert wrong == []
