"""The bank as Moodle GIFT (`python -m generator export --format gift`), UTF-8, one category per chapter.

Format: https://docs.moodle.org/en/GIFT_format. Multiple-choice weights must be one of the fractions Moodle's
question bank accepts (question/engine/bank.php, `fraction_options_full`: 1/k for k ≤ 10, p/q for q ≤ 6, …);
for k right options each gets 100/k % (three → 33.33333), and every wrong option −100 %, so choosing all
options scores 0.

GIFT has no form for a question with several gaps (Moodle's embedded-answers/cloze type has its own import
format, not GIFT), so fill questions with two or more blanks are left out and reported as file:line: id.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..quiz.model import BLANK, Bank, Question, question_chapter
from ..quiz.shuffle import option_order
from ..texts.regulation import Regulation

SPECIAL = "~=#{}:"
ROOT_CATEGORY = "信访工作条例"
NOTICE_CATEGORY = "县通知"
# Moodle's accepted fractions (bank.php), as percentages written with 5 decimals.
MOODLE_FRACTIONS = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25,
                    0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)


@dataclass
class Skipped:
    question: Question
    reason: str

    def __str__(self) -> str:
        return f"{self.question.path}:{self.question.line}: {self.question.id}: {self.reason}"


def escape(text: str) -> str:
    """GIFT text: a backslash before each of ~ = # { } : and line breaks written as \\n."""
    text = str(text).replace("\\", "\\\\")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def weight(right: int) -> str:
    """The percentage for each of `right` correct options ("33.33333" for 3), checked against Moodle's list."""
    fraction = 1 / right
    if not any(abs(fraction - allowed) < 1e-6 for allowed in MOODLE_FRACTIONS):
        raise ValueError(f"Moodle 不接受 1/{right} 的分值")
    return f"{100 * fraction:.5f}".rstrip("0").rstrip(".")


def export_gift(bank: Bank, regulation: Regulation) -> tuple[str, list[Skipped]]:
    """(GIFT text, questions left out with the reason). Questions are grouped under `$CATEGORY:` lines by
    chapter, chapters in regulation order, the notice last; options in the site's display order."""
    titles = {f"chapter-{chapter.number}": chapter.heading for chapter in regulation.chapters}
    titles["notice"] = NOTICE_CATEGORY
    grouped: dict[str, list[Question]] = {key: [] for key in titles}
    for question in bank.questions:
        grouped[question_chapter(question, regulation)].append(question)
    lines = ["// 《信访工作条例》学习平台题库（GIFT 格式，UTF-8），由 python -m generator export --format gift 生成。", ""]
    skipped: list[Skipped] = []
    for key, questions in grouped.items():
        if not questions:
            continue
        lines += [f"$CATEGORY: {ROOT_CATEGORY}/{titles[key]}", ""]
        for question in questions:
            text = gift_question(question)
            if text is None:
                skipped.append(Skipped(question, f"有 {len(question.answer)} 个空，GIFT 无法表示多空填空题，已跳过"))
                continue
            lines += [text, ""]
    return "\n".join(lines), skipped


def gift_question(question: Question) -> str | None:
    """One question as GIFT, or None for a fill question with several blanks."""
    name = f"::{escape(question.id)}::"
    feedback = f" ####{escape(question.explanation)}"
    if question.type == "fill":
        if len(question.answer) != 1:
            return None
        before, _, after = question.stem.partition(BLANK)
        variants = " ".join(f"={escape(variant)}" for variant in question.answer[0])
        return f"{name}{escape(before)}{{{variants}{feedback}}}{escape(after)}"
    stem = escape(question.stem)
    if question.type == "judge":
        return f"{name}{stem}{{{'T' if question.answer else 'F'}{feedback}}}"
    order = option_order(question)
    if question.type == "single":
        answers = [("=" if text == question.answer else "~") + escape(text) for text in order]
    else:
        share = weight(len(question.answer))
        answers = [f"~%{share if text in question.answer else '-100'}%{escape(text)}" for text in order]
    body = "\n".join(f"\t{answer}" for answer in answers)
    return f"{name}{stem}{{\n{body}\n\t{feedback.strip()}\n}}"
