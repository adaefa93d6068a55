"""`python -m generator exam`: draw the paper, write every variant, the answer sheet, the keys and the font
subset into one folder."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..exports.wjx import export_paper_wjx
from ..quiz.model import TYPES, Bank
from ..texts.regulation import Regulation
from .draw import draw_questions, make_paper, paper_quota
from .keys import render_key_csv, render_key_json
from .printing import font_css, subset_fonts
from .render import document, render_answer_sheet_body, render_paper_body
from .template import render_template_csv, render_template_xlsx


def write_exam(bank: Bank, regulation: Regulation, out: Path, *, seed: str, variants: list[str],
               count: int | None = None, title: str | None = None) -> list[Path]:
    """Write paper-X.html and paper-X-wjx.txt (问卷星 text import) per variant, answer-sheet.html, key.json,
    key.csv, answers-template.xlsx/.csv and fonts/ into `out`; returns the HTML papers (for printing to
    PDF). PaperError for impossible arguments."""
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
        path.write_text(document(page_title, css, body), encoding="utf-8")
        if name.startswith("paper-"):
            written.append(path)
    (out / "key.json").write_text(render_key_json(papers, regulation), encoding="utf-8")
    (out / "key.csv").write_text(render_key_csv(papers), encoding="utf-8-sig", newline="")
    for paper in papers:
        text = export_paper_wjx([(item.question, item.options) for item in paper.items])
        (out / f"paper-{paper.variant}-wjx.txt").write_text(text, encoding="utf-8")
    (out / "answers-template.csv").write_text(render_template_csv(papers), encoding="utf-8", newline="")
    (out / "answers-template.xlsx").write_bytes(render_template_xlsx(papers))
    return written
