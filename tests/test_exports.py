"""Exports (exports.formats, gift, wjx, txt): every question survives a GIFT parse, 问卷星 text has no doubled
numbers or stray tags, and the text format carries the right letters."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.quiz.bank import load_bank
from generator.exports.gift import MOODLE_FRACTIONS, escape, export_gift, weight
from generator.quiz.model import Bank, ExamConfig, Question
from generator.quiz.shuffle import LETTERS, option_order
from generator.exports.txt import export_txt
from generator.exports.wjx import export_wjx
from generator.texts.regulation import parse_regulation

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def regulation():
    return parse_regulation(ROOT / "sources" / "regulation-2022.md")


@pytest.fixture(scope="module")
def bank():
    return load_bank(ROOT / "quizzes")


# ---- a small GIFT reader, written from https://docs.moodle.org/en/GIFT_format --------------------------

def _split_unescaped(text: str, marks: str) -> list[tuple[str, str]]:
    """[(mark, raw chunk)]: text cut before each unescaped char in `marks`; the first mark is ""."""
    parts, current, mark, i = [], [], "", 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            current.append(text[i:i + 2])
            i += 2
            continue
        if char in marks:
            parts.append((mark, "".join(current)))
            current, mark = [], char
        else:
            current.append(char)
        i += 1
    parts.append((mark, "".join(current)))
    return parts


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def parse_gift(text: str) -> list[dict]:
    """Questions as {name, category, stem, kind, answers: [(weight %, text)], feedback}."""
    questions, category = [], None
    lines = [line for line in text.split("\n") if not line.lstrip().startswith("//")]
    for block in "\n".join(lines).split("\n\n"):
        block = block.strip()
        if not block:
            continue
        if block.startswith("$CATEGORY:"):
            category = block[len("$CATEGORY:"):].strip()
            continue
        match = re.match(r"::((?:\\.|[^:\\])*)::", block)
        assert match, block
        rest = block[match.end():]
        pieces = _split_unescaped(rest, "{}")
        assert [mark for mark, _ in pieces] == ["", "{", "}"], f"one answer block expected: {block}"
        before, inside, after = (chunk for _, chunk in pieces)
        body, _, feedback = inside.partition("####")  # "#" is escaped everywhere else
        body = body.strip()
        question = {"name": unescape(match.group(1)), "category": category, "feedback": unescape(feedback.strip()),
                    "stem": unescape(before) + ("____" + unescape(after) if after.strip() else "")}
        if body in ("T", "F", "TRUE", "FALSE"):
            question.update(kind="truefalse", answers=[(100.0, body[0])])
        else:
            answers = []
            for mark, chunk in _split_unescaped(body, "=~")[1:]:
                chunk = chunk.strip()
                share = 100.0 if mark == "=" else 0.0
                if m := re.match(r"%(-?[\d.]+)%", chunk):
                    share, chunk = float(m.group(1)), chunk[m.end():]
                answers.append((share, unescape(chunk)))
            kind = "shortanswer" if all(mark == "=" for mark, _ in _split_unescaped(body, "=~")[1:]) else "mc"
            question.update(kind=kind, answers=answers)
        questions.append(question)
    return questions


def test_every_question_round_trips_through_gift(bank, regulation):
    text, skipped = export_gift(bank, regulation)
    parsed = {q["name"]: q for q in parse_gift(text)}
    skipped_ids = {item.question.id for item in skipped}
    assert skipped_ids == {q.id for q in bank.questions if q.type == "fill" and len(q.answer) > 1}
    assert set(parsed) == {q.id for q in bank.questions} - skipped_ids
    for question in bank.questions:
        if question.id in skipped_ids:
            continue
        got = parsed[question.id]
        assert got["feedback"] == question.explanation
        assert got["category"].startswith("信访工作条例/")
        if question.type == "judge":
            assert got["answers"] == [(100.0, "T" if question.answer else "F")]
        elif question.type == "fill":
            assert got["stem"] == question.stem
            assert got["kind"] == "shortanswer"
            assert [answer for _, answer in got["answers"]] == question.answer[0]
        else:
            assert got["stem"] == question.stem
            assert [answer for _, answer in got["answers"]] == option_order(question)
            right = [answer for share, answer in got["answers"] if share > 0]
            expected = [question.answer] if question.type == "single" else question.answer
            assert sorted(right) == sorted(expected)
            if question.type == "multiple":
                assert abs(sum(share for share, _ in got["answers"] if share > 0) - 100) < 0.001
                assert all(share == -100 for share, answer in got["answers"] if answer not in expected)


def test_special_characters_are_escaped_and_come_back(regulation):
    nasty = "a~b=c#d{e}f:g\\h"
    questions = [
        Question("x-single", "single", f"题干 {nasty}（　）", [f"甲{nasty}", "乙=", "丙}"], f"甲{nasty}", [19],
                 None, f"解析 ####{nasty}", 1, "x.yml", 1),
        Question("x-fill", "fill", "时限为____日{}：", [], [["15", "十五=15"]], [22], None, "见：第二十二条", 1,
                 "x.yml", 9),
    ]
    text, skipped = export_gift(Bank(questions, ExamConfig("t", 1, {}, {})), regulation)
    assert not skipped
    assert "\\~" in text and "\\{" in text and "\\:" in text and "\\#\\#\\#\\#" in text
    parsed = {q["name"]: q for q in parse_gift(text)}
    assert parsed["x-single"]["stem"] == f"题干 {nasty}（　）"
    assert parsed["x-single"]["feedback"] == f"解析 ####{nasty}"
    assert (100.0, f"甲{nasty}") in parsed["x-single"]["answers"]
    assert parsed["x-fill"]["stem"] == "时限为____日{}："
    assert [a for _, a in parsed["x-fill"]["answers"]] == ["15", "十五=15"]


def test_weights_are_on_moodles_list():
    assert weight(2) == "50" and weight(3) == "33.33333" and weight(4) == "25"
    for right in range(2, 11):
        assert any(abs(float(weight(right)) / 100 - f) < 1e-6 for f in MOODLE_FRACTIONS)
    with pytest.raises(ValueError):
        weight(11)
    assert escape("a:b") == "a\\:b"


def test_wjx_text_numbers_tags_and_key(bank):
    text, key = export_wjx(bank)
    blocks = text.strip().split("\n\n")
    assert len(blocks) == len(bank.questions)
    tag = re.compile(r"\[(单选题|多选题|判断题|填空题)\]$")
    for number, (block, question) in enumerate(zip(blocks, bank.questions), start=1):
        first, *options = block.split("\n")
        assert first.startswith(f"{number}.") and not re.match(rf"{number}\.\d+[.、]", first)
        assert tag.search(first) and len(re.findall(r"\[", first)) == 1
        if question.type in ("single", "multiple"):
            assert options == option_order(question)
        assert not any(re.match(r"\d+[.．、]", line) for line in options)
    rows = list(csv.reader(io.StringIO(key.lstrip("\ufeff"))))
    assert rows[0] == ["题号", "题型", "正确答案", "题目ID"] and key.startswith("\ufeff")
    by_id = {q.id: q for q in bank.questions}
    for number, qtype, answer, qid in rows[1:]:
        question = by_id[qid]
        if question.type == "single":
            assert option_order(question)[LETTERS.index(answer)] == question.answer


def test_wjx_stems_that_look_like_numbers_or_tags():
    question = Question("x", "single", "2022.2.25 起施行的条例见[2022]号文（　）", ["1.一", "二", "三"], "二",
                        [1], None, "解析", 1, "x.yml", 1)
    text, _ = export_wjx(Bank([question], ExamConfig("t", 1, {}, {})))
    first, *options = text.strip().split("\n")
    assert first.startswith("1.2022．2.25") and "［2022］" in first and first.endswith("[单选题]")
    assert "1．一" in options


def test_txt_format_letters_and_answers(bank):
    text = export_txt(bank)
    blocks = [b for b in text.strip().split("\n\n") if not b.startswith("【")]
    assert len(blocks) == len(bank.questions)
    by_stem = {q.stem: q for q in bank.questions}
    for block in blocks:
        lines = block.split("\n")
        question = by_stem[lines[0].split(".", 1)[1]]
        answer = next(line for line in lines if line.startswith("答案："))[3:]
        assert lines[-1] == f"解析：{question.explanation}"
        if question.type == "single":
            options = [line[2:] for line in lines if re.match(r"[A-Z]\.", line)]
            assert options[LETTERS.index(answer)] == question.answer
        elif question.type == "multiple":
            options = [line[2:] for line in lines if re.match(r"[A-Z]\.", line)]
            assert sorted(options[LETTERS.index(letter)] for letter in answer) == sorted(question.answer)
        elif question.type == "judge":
            assert answer == ("正确" if question.answer else "错误")


def test_cli_writes_wjx_with_key_beside_and_reports_gift_skips(tmp_path, capsys):
    assert main(["export", "--format", "wjx", "--out", str(tmp_path / "bank.txt")]) == 0
    assert (tmp_path / "bank.txt").is_file() and (tmp_path / "bank-答案.csv").is_file()
    assert main(["export", "--format", "gift", "--out", str(tmp_path / "bank.gift")]) == 0
    err = capsys.readouterr().err
    assert re.search(r"quizzes/chapter-\d\.yml:\d+: c\S+: 有 2 个空，GIFT 无法表示多空填空题，已跳过", err)
