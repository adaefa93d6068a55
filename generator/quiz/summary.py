"""The bank's summary for `check`: counts per file, type and difficulty, and coverage per article."""

from __future__ import annotations

from collections import Counter

from ..texts.numerals import to_chinese_number
from ..texts.regulation import Regulation
from .model import DIFFICULTIES, THIN_ARTICLE, TYPE_NAMES, TYPES, Bank, Question


def bank_summary(bank: Bank, regulation: Regulation) -> list[str]:
    """Printable lines: per file and overall counts by type and difficulty, then coverage per article."""
    lines = []
    by_file: dict[str, list[Question]] = {}
    for question in bank.questions:
        by_file.setdefault(question.path, []).append(question)
    for path, questions in by_file.items():
        lines.append(f"{path}: {_counts(questions)}")
    total = len(bank.questions)
    lines.append(f"合计: {_counts(bank.questions)}")
    if total:
        shares = Counter(question.type for question in bank.questions)
        lines.append("题型占比: " + "、".join(
            f"{TYPE_NAMES[qtype]} {shares[qtype] * 100 / total:.0f}%" for qtype in TYPES))
    lines += _article_coverage(bank, regulation)
    return lines


def _counts(questions: list[Question]) -> str:
    return f"{len(questions)} 题（{_type_counts(questions)}；{_difficulty_counts(questions)}）"


def _type_counts(questions: list[Question]) -> str:
    counts = Counter(question.type for question in questions)
    return "、".join(f"{TYPE_NAMES[qtype]} {counts[qtype]}" for qtype in TYPES)


def _difficulty_counts(questions: list[Question]) -> str:
    counts = Counter(question.difficulty for question in questions)
    return "、".join(f"难度{level} {counts[level]}" for level in DIFFICULTIES)


def _article_coverage(bank: Bank, regulation: Regulation) -> list[str]:
    # A question citing [17, 26] counts for both articles: it appears on both articles' practice lists.
    counts = Counter(number for question in bank.questions for number in set(question.articles))
    per_article = {article.number: counts[article.number] for article in regulation.articles}
    if not per_article:
        return []
    low, high = min(per_article.values()), max(per_article.values())
    thin = [n for n, count in per_article.items() if count < THIN_ARTICLE]
    return [
        f"每条题数: 最少 {low} 题（{_labels(n for n, c in per_article.items() if c == low)}），"
        f"最多 {high} 题（{_labels(n for n, c in per_article.items() if c == high)}）",
        f"少于 {THIN_ARTICLE} 题的条: " + (
            "、".join(f"第{to_chinese_number(n)}条({per_article[n]})" for n in thin) if thin else "无"),
    ]


def _labels(article_numbers) -> str:
    return "、".join(f"第{to_chinese_number(n)}条" for n in article_numbers)
