"""Printed papers (`python -m generator exam`): the same questions in every variant, in a different order,
options shuffled per variant; A4 HTML per variant, one answer sheet, the keys as JSON and CSV.

Same arguments → byte-identical files: every order comes from quiz.shuffle (SHA-256 of the seed, variant and
question id), and nothing carries a date.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path

from ..texts.numerals import to_chinese_number
from ..texts.regulation import Regulation
from .model import BLANK, TYPE_NAMES, TYPES, Bank, ExamConfig, Question, question_chapter
from .printing import font_css, subset_fonts
from .shuffle import LETTERS, answer_letters, option_order, stable_shuffle

KEY_VERSION = 1
SECTION_NAMES = {"single": "单项选择题", "multiple": "多项选择题", "judge": "判断题", "fill": "填空题"}
INSTRUCTIONS = {
    "single": "每题只有一个选项符合题意，请将其字母填在括号内或答题卡上。",
    "multiple": "每题有两个或两个以上选项符合题意，请将其字母填在括号内或答题卡上；多选、少选、错选均不得分。",
    "judge": "正确的填“√”，错误的填“×”。",
    "fill": "请在横线上填写正确答案。",
}
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


def write_exam(bank: Bank, regulation: Regulation, out: Path, *, seed: str, variants: list[str],
               count: int | None = None, title: str | None = None) -> list[Path]:
    """Write paper-X.html per variant, answer-sheet.html, key.json, key.csv and fonts/ into `out`;
    returns the HTML papers (for printing to PDF). PaperError for impossible arguments."""
    available = {qtype: sum(q.type == qtype for q in bank.questions) for qtype in TYPES}
    questions = draw_questions(bank, paper_quota(bank.exam, available, count), seed)
    papers = [make_paper(questions, bank.exam, seed, variant, title or bank.exam.title) for variant in variants]
    bodies = {f"paper-{paper.variant}.html": render_paper_body(paper) for paper in papers}
    bodies["answer-sheet.html"] = render_answer_sheet_body(papers)
    fonts = subset_fonts("".join(title + body for title, body in bodies.values()) + "第页共")
    css = font_css(fonts) + resources.files(__package__).joinpath("templates/paper.css").read_text("utf-8")
    out.mkdir(parents=True, exist_ok=True)
    if fonts:
        (out / "fonts").mkdir(exist_ok=True)
        for font in fonts:
            (out / "fonts" / font.name).write_bytes(font.data)
    written = []
    for name, (page_title, body) in bodies.items():
        path = out / name
        path.write_text(_document(page_title, css, body), encoding="utf-8")
        if name.startswith("paper-"):
            written.append(path)
    (out / "key.json").write_text(render_key_json(papers, regulation), encoding="utf-8")
    (out / "key.csv").write_text(render_key_csv(papers), encoding="utf-8-sig", newline="")
    return written


def _document(title: str, css: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
            f"<style>\n{css}</style>\n</head>\n<body>\n{body}</body>\n</html>\n")


def render_paper_body(paper: Paper) -> tuple[str, str]:
    """(page title, body HTML) of one variant."""
    parts = [
        '<header class="paper-head">',
        f"<h1>{escape(paper.title)}</h1>",
        f'<p class="paper-meta">考试时间 {paper.minutes} 分钟　满分 {_number(paper.total)} 分　'
        f'卷型 <span class="variant" data-variant="{paper.variant}">{paper.variant}</span></p>',
        '<table class="paper-fields"><tr><th>姓名</th><td></td><th>单位</th><td class="wide"></td>'
        "<th>得分</th><td></td></tr></table>",
        '<p class="screen-note">打印时请选择 A4 纸、不缩放；页码“第 N 页 共 M 页”由浏览器打印时生成。</p>',
        "</header>",
    ]
    for index, (qtype, items) in enumerate(_sections(paper.items)):
        points = items[0].points
        heading = (f"{to_chinese_number(index + 1)}、{SECTION_NAMES[qtype]}（共 {len(items)} 题，每题 "
                   f"{_number(points)} 分，共 {_number(points * len(items))} 分）")
        parts.append(f'<section class="paper-section" data-type="{qtype}">')
        parts.append(f'<div class="keep"><h2>{escape(heading)}</h2>')
        parts.append(f'<p class="instructions">{escape(INSTRUCTIONS[qtype])}</p>')
        for position, item in enumerate(items):
            parts.append(_render_item(item))
            if position == 0:
                parts.append("</div>")
        parts.append("</section>")
    return f"{paper.title}（{paper.variant} 卷）", "\n".join(parts) + "\n"


def _render_item(item: PaperItem) -> str:
    question = item.question
    number = f'<span class="number">{item.number}.</span> '
    if question.type == "fill":
        stem = '<span class="blank">　</span>'.join(escape(part) for part in question.stem.split(BLANK))
    else:
        stem = escape(question.stem) + ("（　　）" if question.type == "judge" else "")
    lines = [f'<div class="question" data-question-id="{escape(question.id)}" data-number="{item.number}">',
             f'<p class="stem">{number}{stem}</p>']
    if item.options:
        width = max(_display_width(text) for text in item.options) + 2
        columns = 4 if width <= 18 else 2 if width <= 40 else 1
        lines.append(f'<ol class="options cols-{columns}">')
        lines += [f"<li>{LETTERS[i]}. {escape(text)}</li>" for i, text in enumerate(item.options)]
        lines.append("</ol>")
    lines.append("</div>")
    return "\n".join(lines)


def render_answer_sheet_body(papers: list[Paper]) -> tuple[str, str]:
    """(page title, body HTML): boxes by question number, valid for every variant (same sections)."""
    paper = papers[0]
    variants = "".join(f'<span class="box">{v}</span>' for v in (p.variant for p in papers))
    parts = [f"<h1>{escape(paper.title)} 答题卡</h1>",
             f'<p class="paper-meta">卷型（请勾选）{variants}</p>',
             '<table class="paper-fields"><tr><th>姓名</th><td></td><th>单位</th><td class="wide"></td>'
             "<th>得分</th><td></td></tr></table>"]
    for index, (qtype, items) in enumerate(_sections(paper.items)):
        parts.append(f"<h2>{to_chinese_number(index + 1)}、{SECTION_NAMES[qtype]}</h2>")
        if qtype == "fill":
            parts.append('<div class="sheet-fill">')
            parts += [f'<div class="sheet-row"><span class="sheet-number">{item.number}.</span>'
                      '<span class="line">　</span></div>' for item in items]
        else:
            marks = ["√", "×"] if qtype == "judge" else LETTERS[:max(
                len(p.items[item.number - 1].options) for p in papers for item in items)]
            boxes = "".join(f'<span class="box">{mark}</span>' for mark in marks)
            parts.append('<div class="sheet-block">')
            parts += [f'<div class="sheet-row"><span class="sheet-number">{item.number}</span>{boxes}</div>'
                      for item in items]
        parts.append("</div>")
    return f"{paper.title} 答题卡", "\n".join(parts) + "\n"


def key_items(paper: Paper, regulation: Regulation) -> list[dict]:
    """The key of one variant as plain data (what `grade` reads)."""
    chapters = {f"chapter-{c.number}": f"{c.label} {c.title}" for c in regulation.chapters}
    chapters["notice"] = "县通知"
    rows = []
    for item in paper.items:
        question = item.question
        scope = question_chapter(question, regulation)
        rows.append({
            "number": item.number, "id": question.id, "type": question.type, "answer": item.answer,
            "options": item.options, "points": item.points,
            "articles": [f"第{to_chinese_number(n)}条" for n in question.articles]
            + ([f"县通知·{question.notice}"] if question.notice else []),
            "chapter": chapters[scope],
        })
    return rows


def render_key_json(papers: list[Paper], regulation: Regulation) -> str:
    data = {"version": KEY_VERSION, "title": papers[0].title, "seed": papers[0].seed,
            "total": papers[0].total, "variants": {p.variant: key_items(p, regulation) for p in papers}}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def render_key_csv(papers: list[Paper]) -> str:
    """卷型,题号,题目ID,题型,答案,分值 — fill answers as variants joined by "/", blanks by "|"."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["卷型", "题号", "题目ID", "题型", "答案", "分值"])
    for paper in papers:
        for item in paper.items:
            answer = item.answer if isinstance(item.answer, str) else "|".join("/".join(v) for v in item.answer)
            writer.writerow([paper.variant, item.number, item.question.id, TYPE_NAMES[item.question.type],
                             answer, _number(item.points)])
    return buffer.getvalue()


def _sections(items: list[PaperItem]) -> list[tuple[str, list[PaperItem]]]:
    sections: list[tuple[str, list[PaperItem]]] = []
    for item in items:
        if not sections or sections[-1][0] != item.question.type:
            sections.append((item.question.type, []))
        sections[-1][1].append(item)
    return sections


def _display_width(text: str) -> int:
    """Width in ASCII columns: a CJK character counts two."""
    return sum(1 if ord(char) < 0x1100 else 2 for char in text)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
