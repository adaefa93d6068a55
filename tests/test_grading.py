"""The shared grading vectors against the Python rules (tests/test_quiz_browser.py runs them in core.js)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.quiz.grading import grade, normalise_fill

VECTORS = json.loads((Path(__file__).parent / "grading_vectors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("vector", VECTORS, ids=[vector["name"] for vector in VECTORS])
def test_vector(vector):
    result = grade(vector["question"], vector["response"], partial=vector["partial"])
    assert result == vector["expected"]
    assert type(result["score"]) is float


def test_vectors_cover_every_type_and_partial_credit():
    types = {vector["question"]["type"] for vector in VECTORS}
    assert types == {"single", "multiple", "judge", "fill"}
    assert len(VECTORS) >= 25
    assert {vector["expected"]["score"] for vector in VECTORS} == {0.0, 0.5, 1.0}
    assert len({vector["name"] for vector in VECTORS}) == len(VECTORS)


@pytest.mark.parametrize("text, expected", [
    ("１５日", "15日"),
    (" 依规\u3000依法\n", "依规依法"),
    ("柞信联发〔2022〕3号", "柞信联发20223号"),
    ("“枫桥经验”。", "枫桥经验"),
    ("ＡＰＰ", "app"),
    (15, "15"),
    ("15天", "15日"),
    ("１５ 天", "15日"),
    ("三十天内", "三十日内"),
    ("天安门", "天安门"),
])
def test_normalise_fill(text, expected):
    assert normalise_fill(text) == expected


def test_unknown_type_is_a_programming_error():
    with pytest.raises(ValueError):
        grade({"type": "essay", "options": [], "answer": ""}, "x")


def test_judge_needs_a_bool_not_a_number():
    assert grade({"type": "judge", "options": [], "answer": True}, 1) == {"correct": False, "score": 0.0}


def test_vectors_cover_days_and_unordered_blanks():
    # The client grades with the same vectors: these rules must be exercised there too.
    names = " ".join(vector["name"] for vector in VECTORS)
    assert "15天" in names
    unordered = [v for v in VECTORS if v["question"].get("unordered")]
    assert {v["expected"]["correct"] for v in unordered} == {True, False}
