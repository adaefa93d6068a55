"""The bank in the common Chinese 题库 text format (`python -m generator export --format txt`).

The layout most quiz mini-programs and exam platforms import: the numbered stem, options as `A.` lines,
`答案：` and `解析：`, a blank line between questions. The type follows from the answer: one letter 单选,
several letters 多选, 正确/错误 判断, anything else 填空 (blanks separated by `|`, variants by `/`).
"""

from __future__ import annotations

from ..quiz.model import Bank, Question
from ..quiz.shuffle import LETTERS, answer_letters, option_order

TYPE_HEADINGS = {"single": "单选题", "multiple": "多选题", "judge": "判断题", "fill": "填空题"}


def export_txt(bank: Bank) -> str:
    """All questions grouped by type (单选, 多选, 判断, 填空), numbered from 1 across the file."""
    lines: list[str] = []
    number = 0
    for qtype, heading in TYPE_HEADINGS.items():
        questions = [question for question in bank.questions if question.type == qtype]
        if not questions:
            continue
        lines += [f"【{heading}】", ""]
        for question in questions:
            number += 1
            lines += txt_question(number, question) + [""]
    return "\n".join(lines)


def txt_question(number: int, question: Question) -> list[str]:
    """The lines of one question."""
    lines = [f"{number}.{_one_line(question.stem)}"]
    if question.type in ("single", "multiple"):
        order = option_order(question)
        lines += [f"{LETTERS[index]}.{_one_line(text)}" for index, text in enumerate(order)]
        answer = answer_letters(question, order)
    elif question.type == "judge":
        answer = "正确" if question.answer else "错误"
    else:
        answer = "|".join("/".join(variants) for variants in question.answer)
    return lines + [f"答案：{answer}", f"解析：{_one_line(question.explanation)}"]


def _one_line(text: str) -> str:
    return " ".join(str(text).split("\n")).strip()
