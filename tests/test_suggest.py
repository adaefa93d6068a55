"""`suggest` works on any regulation in our layout: run on the 2005 text, its questions pass the bank's own
schema and grounding checks (so an author starts from something correct, not from guesses)."""

import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml

from generator.quiz.bank import load_bank
from generator.quiz.validate import validate_bank
from generator.texts.notice import parse_notice
from generator.texts.regulation import parse_regulation

ROOT = Path(__file__).resolve().parent.parent


def test_suggest_on_the_2005_text_gives_valid_grounded_questions(tmp_path):
    out = tmp_path / "quizzes" / "suggested.yml"
    out.parent.mkdir()
    result = subprocess.run([sys.executable, "-m", "generator", "suggest",
                             "--regulation", "sources/regulation-2005.md", "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    questions = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert result.stdout.startswith(f"已写出 {len(questions)} 道候选题")
    kinds = Counter(question["id"].split("-")[2] for question in questions)
    assert kinds["number"] >= 10 and kinds["list"] >= 5 and kinds["not"] >= 5 and kinds["fill"] >= 20
    # 第二十一条 of 2005: 15日内 with the text's other day limits as distractors.
    deadline = next(q for q in questions if q["id"].startswith("suggest-a21-number"))
    assert deadline["answer"] == "15日" and "（　）" in deadline["stem"]
    assert deadline["options"] == ["15日", "30日", "60日"]  # the only day limits the 2005 text has

    counts = Counter(question["type"] for question in questions)
    (out.parent / "exam.yml").write_text(
        "title: 候选题\nminutes: 10\n"
        f"quota: {{single: {counts['single']}, multiple: {counts['multiple']}, judge: 0, fill: {counts['fill']}}}\n"
        "points: {single: 1, multiple: 1, judge: 1, fill: 1}\n", encoding="utf-8")
    bank = load_bank(out.parent)  # raises SourceErrors on any schema problem
    problems = validate_bank(bank, parse_regulation(ROOT / "sources/regulation-2005.md"),
                             parse_notice(ROOT / "sources/county-notice-2022.txt"))
    assert problems == []


def test_suggestions_are_not_shipped():
    assert not list((ROOT / "quizzes").glob("suggest*"))
    assert "suggested.yml" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
