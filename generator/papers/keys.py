"""The answer keys of a drawn paper: key.json (what `grade` reads) and key.csv (for people)."""

from __future__ import annotations

import io
import json

from .. import csvsafe
from ..quiz.model import TYPE_NAMES, question_chapter
from ..texts.numerals import to_chinese_number
from ..texts.regulation import Regulation
from .draw import Paper, number_text as _number

KEY_VERSION = 1


def key_items(paper: Paper, regulation: Regulation) -> list[dict]:
    """The key of one variant as plain data (what `grade` reads)."""
    chapters = {f"chapter-{c.number}": f"{c.label} {c.title}" for c in regulation.chapters}
    chapters["notice"] = "县通知"
    rows = []
    for item in paper.items:
        question = item.question
        scope = question_chapter(question, regulation)
        rows.append({
            "number": item.number, "id": question.id, "type": question.type, "stem": question.stem,
            "answer": item.answer,
            "options": item.options, "points": item.points,
            "articles": [f"第{to_chinese_number(n)}条" for n in question.articles]
            + ([f"县通知·{question.notice}"] if question.notice else []),
            "chapter": chapters[scope],
            **({"unordered": True} if question.unordered else {}),
        })
    return rows


def render_key_json(papers: list[Paper], regulation: Regulation) -> str:
    data = {"version": KEY_VERSION, "title": papers[0].title, "seed": papers[0].seed,
            "total": papers[0].total, "variants": {p.variant: key_items(p, regulation) for p in papers}}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def render_key_csv(papers: list[Paper]) -> str:
    """卷型,题号,题目ID,题型,答案,分值 — fill answers as variants joined by "/", blanks by "|"."""
    buffer = io.StringIO()
    writer = csvsafe.writer(buffer, lineterminator="\r\n")
    writer.writerow(["卷型", "题号", "题目ID", "题型", "答案", "分值"])
    for paper in papers:
        for item in paper.items:
            answer = item.answer if isinstance(item.answer, str) else "|".join("/".join(v) for v in item.answer)
            writer.writerow([paper.variant, item.number, item.question.id, TYPE_NAMES[item.question.type],
                             answer, _number(item.points)])
    return buffer.getvalue()
