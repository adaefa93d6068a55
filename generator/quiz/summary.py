"""The bank's summary for `check`: counts per practice scope, type and difficulty, and coverage per article."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..texts.numerals import to_chinese_number
from ..texts.regulation import Regulation
from .model import DIFFICULTIES, THIN_ARTICLE, TYPE_NAMES, TYPES, Bank, Question, question_chapter

SCOPE_RULE = ("题数按分章练习统计，与网站一致：每题归入所引第一条所在的章，"
              "只引县通知的题归入“县通知”（与题目写在哪个文件无关）")


def bank_summary(bank: Bank, regulation: Regulation) -> list[str]:
    """Printable lines: counts by type and difficulty per practice scope (the site's grouping, see
    model.question_chapter) and overall, then coverage per article."""
    lines = [SCOPE_RULE]
    by_scope: dict[str, list[Question]] = {f"chapter-{chapter.number}": [] for chapter in regulation.chapters}
    by_scope["notice"] = []
    for question in bank.questions:
        by_scope[question_chapter(question, regulation)].append(question)
    names = {f"chapter-{chapter.number}": chapter.heading for chapter in regulation.chapters}
    for scope, questions in by_scope.items():
        files = Counter(Path(question.path).name for question in questions)
        origin = ("，写在 " + "、".join(f"{name} {count} 题" for name, count in files.items())
                  if len(files) > 1 else "")
        lines.append(f"分章练习·{names.get(scope, '县通知')}: {_counts(questions)}{origin}")
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
