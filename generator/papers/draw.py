"""Drawing a paper: exam.yml's quota (or scaled to --count), the seeded question set, and one variant's order
of questions and options. `exam` and the classroom server draw with these same rules.

Same arguments → the same paper: every order comes from quiz.shuffle (SHA-256 of the seed, variant and
question id), and nothing carries a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..quiz.model import TYPE_NAMES, TYPES, Bank, ExamConfig, Question
from ..quiz.shuffle import answer_letters, option_order, stable_shuffle

JUDGE_MARKS = {True: "对", False: "错"}
VARIANT_RE = re.compile(r"^[A-Z]$")


class PaperError(Exception):
    """Arguments that cannot make a paper; the message is for the user, in Chinese."""


@dataclass
class PaperItem:
    number: int
    question: Question
    options: list[str]  # display order on this variant ([] for judge and fill)
    answer: object  # "B" / "ACD" for choices, "对"/"错" for judge, [[variants], …] for fill
    points: float


@dataclass
class Paper:
    title: str
    minutes: int
    seed: str
    variant: str
    items: list[PaperItem]

    @property
    def total(self) -> float:
        return sum(item.points for item in self.items)


def parse_variants(text: str) -> list[str]:
    """"A,B" → ["A", "B"]; PaperError for an empty list, a repeat or anything but one capital letter."""
    variants = [part.strip().upper() for part in text.split(",") if part.strip()]
    if not variants or any(not VARIANT_RE.match(v) for v in variants) or len(set(variants)) != len(variants):
        raise PaperError(f"--variants 应为不重复的大写字母，用逗号分隔，如 A,B（实际为“{text}”）")
    return variants


def paper_quota(exam: ExamConfig, available: dict[str, int], count: int | None) -> dict[str, int]:
    """Questions per type: exam.yml's quota, or scaled to `count` keeping its proportions (largest
    remainder, ties in TYPES order). PaperError when the bank has too few of a type."""
    quota = {qtype: exam.quota.get(qtype, 0) for qtype in TYPES}
    total = sum(quota.values())
    if count is not None:
        if count < 1 or total == 0:
            raise PaperError(f"--count 应为正整数，且 exam.yml 的 quota 不能全为 0（实际 --count {count}）")
        exact = {qtype: quota[qtype] * count / total for qtype in TYPES}
        quota = {qtype: int(exact[qtype]) for qtype in TYPES}
        by_remainder = sorted(TYPES, key=lambda t: (-(exact[t] - quota[t]), TYPES.index(t)))
        for qtype in by_remainder[:count - sum(quota.values())]:
            quota[qtype] += 1
    if not sum(quota.values()):
        raise PaperError("exam.yml 的 quota 全为 0：试卷会没有题目。请在 quota 中写每种题型抽几道，或用 --count 指定题数")
    for qtype, wanted in quota.items():
        if wanted > available.get(qtype, 0):
            raise PaperError(f"要抽 {wanted} 道{TYPE_NAMES[qtype]}题，题库只有 {available.get(qtype, 0)} 道")
    return quota


def draw_questions(bank: Bank, quota: dict[str, int], seed: str) -> list[Question]:
    """The paper's question set, by type in TYPES order; which questions depends only on the seed."""
    drawn = []
    for qtype in TYPES:
        pool = [question for question in bank.questions if question.type == qtype]
        drawn += stable_shuffle(pool, f"{seed}\x1edraw\x1e{qtype}", key=lambda q: q.id)[:quota[qtype]]
    return drawn


def make_paper(questions: list[Question], exam: ExamConfig, seed: str, variant: str, title: str) -> Paper:
    """One variant: sections in TYPES order, questions within a section and options shuffled per variant."""
    items: list[PaperItem] = []
    shuffle_seed = f"{seed}\x1e{variant}"
    for qtype in TYPES:
        section = [question for question in questions if question.type == qtype]
        for question in stable_shuffle(section, shuffle_seed, key=lambda q: q.id):
            options = option_order(question, shuffle_seed) if qtype in ("single", "multiple") else []
            if options:
                answer: object = answer_letters(question, options)
            elif qtype == "judge":
                answer = JUDGE_MARKS[question.answer]
            else:
                answer = [list(variants) for variants in question.answer]
            items.append(PaperItem(len(items) + 1, question, options, answer, exam.points.get(qtype, 0)))
    return Paper(title, exam.minutes, seed, variant, items)


def number_text(value: float) -> str:
    """Points as people write them: 2 → "2", 1.5 → "1.5"."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
