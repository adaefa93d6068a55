"""The A4 paper of one variant and the answer sheet shared by all variants, as HTML (print CSS in
templates/paper.css)."""

from __future__ import annotations

from html import escape

from ..quiz.model import BLANK
from ..quiz.shuffle import LETTERS
from ..texts.numerals import to_chinese_number
from .draw import Paper, PaperItem, number_text as _number

SECTION_NAMES = {"single": "单项选择题", "multiple": "多项选择题", "judge": "判断题", "fill": "填空题"}
INSTRUCTIONS = {
    "single": "每题只有一个选项符合题意，请将其字母填在括号内或答题卡上。",
    "multiple": "每题有两个或两个以上选项符合题意，请将其字母填在括号内或答题卡上；多选、少选、错选均不得分。",
    "judge": "正确的填“√”，错误的填“×”。",
    "fill": "请在横线上填写正确答案。",
}


def document(title: str, css: str, body: str) -> str:
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
