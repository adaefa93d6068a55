"""Option order (quiz.shuffle): the right answer is spread over the positions, and the order is stable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.errors import SourceErrors
from generator.quiz.bank import load_bank
from generator.quiz.model import Question
from generator.quiz.shuffle import option_order

ROOT = Path(__file__).resolve().parent.parent


def real_bank():
    return load_bank(ROOT / "quizzes")


def test_right_answer_is_no_longer_mostly_first():
    questions = [q for q in real_bank().questions if q.type == "single" and q.shuffle]
    positions = Counter(option_order(q).index(q.answer) for q in questions)
    shares = {position: count / len(questions) for position, count in positions.items()}
    # In the YAML 130 of 133 answers come first; shuffled, each of 4 positions gets about a quarter.
    assert len(questions) > 50
    assert shares[0] < 0.4, shares
    assert all(shares.get(position, 0) > 0.12 for position in range(4)), shares


def test_multiple_right_options_are_not_mostly_on_top():
    questions = [q for q in real_bank().questions if q.type == "multiple" and q.shuffle]
    on_top = 0
    for q in questions:
        order = option_order(q)
        on_top += set(order[:len(q.answer)]) == set(q.answer)
    assert on_top / len(questions) < 0.5


def test_order_depends_on_variant_and_keeps_every_option():
    q = Question("x-1", "single", "题干", ["甲", "乙", "丙", "丁", "戊"], "甲", [19], None, "解析", 1, "f", 1)
    orders = {tuple(option_order(q, variant)) for variant in "ABCDEFGH"}
    assert len(orders) > 1
    assert all(sorted(order) == sorted(q.options) for order in orders)
    # The order does not depend on how the author listed the options.
    reversed_q = Question("x-1", "single", "题干", q.options[::-1], "甲", [19], None, "解析", 1, "f", 1)
    assert option_order(reversed_q, "A") == option_order(q, "A")


def test_shuffle_false_keeps_the_authors_order(tmp_path):
    bank = [{"id": "t-all", "type": "single", "stem": "信访人一般应当采用（　）形式提出信访事项。",
             "options": ["书面", "口头", "电话", "以上都对"], "answer": "书面", "articles": [19],
             "explanation": "见第十九条。", "difficulty": 1, "shuffle": False}]
    (tmp_path / "chapter-3.yml").write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    (tmp_path / "exam.yml").write_text("title: t\nminutes: 1\nquota: {}\npoints: {}\n", encoding="utf-8")
    q = load_bank(tmp_path).questions[0]
    assert q.shuffle is False
    assert [option_order(q, v) for v in ("", "A", "B")] == [["书面", "口头", "电话", "以上都对"]] * 3


def test_shuffle_must_be_true_or_false(tmp_path):
    text = ("- id: t-bad\n  type: single\n  stem: 问？\n  options: [甲, 乙, 丙]\n  answer: 甲\n"
            "  articles: [19]\n  explanation: 见。\n  difficulty: 1\n  shuffle: 是\n")
    (tmp_path / "chapter-3.yml").write_text(text, encoding="utf-8")
    (tmp_path / "exam.yml").write_text("title: t\nminutes: 1\nquota: {}\npoints: {}\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as caught:
        load_bank(tmp_path)
    assert "chapter-3.yml:9: t-bad: shuffle 应为 true 或 false" in str(caught.value)


SCRIPT = """
import json, sys
from pathlib import Path
from generator.quiz.bank import load_bank
from generator.quiz.pages import render_bank_script
from generator.texts.regulation import parse_regulation
root = Path(sys.argv[1])
text = render_bank_script(load_bank(root / "quizzes"), parse_regulation(root / "sources/regulation-2022.md"))
data = json.loads(text[text.index("{"):text.rindex("}") + 1])
print(json.dumps({q["id"]: q["options"] for q in data["questions"]}, ensure_ascii=False))
"""


def test_site_bank_order_is_stable_between_builds():
    runs = []
    for salt in ("1", "2"):  # different str hashing per process must not matter
        env = dict(os.environ, PYTHONHASHSEED=salt)
        out = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT)], env=env, cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        runs.append(json.loads(out))
    assert runs[0] == runs[1]
    bank = {q.id: q for q in real_bank().questions}
    moved = [qid for qid, options in runs[0].items() if options and options != bank[qid].options]
    assert len(moved) > len(runs[0]) / 3  # the site really shows the shuffled order
