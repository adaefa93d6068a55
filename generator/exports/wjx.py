"""The bank in 问卷星's text import format (`python -m generator export --format wjx`), with its answer key.

问卷星's 批量导入/文本导入 reads `N.题干[单选题]`, then one option per line, and a blank line between
questions; `[多选题]`, `[判断题]` and `[填空题]` likewise. We found no public documentation of how an exam
(考试) questionnaire's right answers can be written into that text, so the key goes into a CSV beside it
(题号, 题型, 正确答案 as letters or texts, 题目ID) for setting the answers in 问卷星's editor and for
`python -m generator grade`.

What the importer would misread: a line that starts with a number and a dot is a new question, and text in
ASCII square brackets is a type tag. So brackets become full-width ［］ and a leading "12." in a stem or an
option gets a full-width dot.
"""

from __future__ import annotations

import io
import re

from .. import csvsafe
from ..quiz.model import BLANK, Bank, Question
from ..quiz.shuffle import answer_letters, option_order

TAGS = {"single": "[单选题]", "multiple": "[多选题]", "judge": "[判断题]", "fill": "[填空题]"}
JUDGE_OPTIONS = ("对", "错")
_NUMBERED = re.compile(r"^(\s*\d+)[.．、]")


def safe_text(text: str) -> str:
    """Text 问卷星 reads as plain text: no ASCII brackets, no leading "N." and no line breaks."""
    text = str(text).replace("[", "［").replace("]", "］")
    text = " ".join(text.split("\n"))
    return _NUMBERED.sub(lambda match: match.group(1) + "．", text, count=1)


def export_wjx(bank: Bank) -> tuple[str, str]:
    """(questionnaire text, answer key CSV with a UTF-8 BOM so Excel opens it). Questions are numbered
    from 1 in bank order; options in the site's display order."""
    blocks, rows = [], []
    for number, question in enumerate(bank.questions, start=1):
        lines, answer = wjx_question(number, question)
        blocks.append("\n".join(lines))
        rows.append([number, TAGS[question.type].strip("[]"), answer, question.id])
    key = io.StringIO()
    writer = csvsafe.writer(key, lineterminator="\r\n")
    writer.writerow(["题号", "题型", "正确答案", "题目ID"])
    writer.writerows(rows)
    return "\n\n".join(blocks) + "\n", "\ufeff" + key.getvalue()


IDENTITY_QUESTIONS = ("姓名", "单位", "工号")


def export_paper_wjx(items: list[tuple[Question, list[str]]]) -> str:
    """One drawn paper as 问卷星 text import: 姓名, 单位 and 工号 as fill questions first (grade reads them
    as identity columns), then the paper's questions in its order, each (question, options in the
    paper's order; [] for judge and fill). A 问卷星 export of it (按选项文本 or 按选项序号) grades with
    `grade key.json export.csv --variant A`."""
    blocks = [f"{number}.{name}[填空题]" for number, name in enumerate(IDENTITY_QUESTIONS, start=1)]
    for number, (question, options) in enumerate(items, start=len(IDENTITY_QUESTIONS) + 1):
        lines, _ = wjx_question(number, question, options or None)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def wjx_question(number: int, question: Question, order: list[str] | None = None) -> tuple[list[str], str]:
    """(lines of one question, its answer as written in the key); options in `order` when given (a drawn
    paper's), else the site's display order."""
    stem = safe_text(question.stem)
    if question.type == "fill":
        # 问卷星 draws a blank for each run of underscores (多项填空); keep ours as they are.
        stem = stem.replace(BLANK, "______")
    lines = [f"{number}.{stem}{TAGS[question.type]}"]
    if question.type == "judge":
        lines += JUDGE_OPTIONS
        return lines, JUDGE_OPTIONS[0] if question.answer else JUDGE_OPTIONS[1]
    if question.type == "fill":
        return lines, "|".join("/".join(variants) for variants in question.answer)
    order = order or option_order(question)
    lines += [safe_text(text) for text in order]
    return lines, answer_letters(question, order)
