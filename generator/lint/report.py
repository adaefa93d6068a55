"""The lint report: a Chinese table for the terminal (rich when installed), or a CSV for a spreadsheet."""

from __future__ import annotations

import io
from collections import Counter

from .. import csvsafe
from .questions import LintQuestion
from .verdicts import OK, STATUSES, UNKNOWN, WRONG, Verdict

TYPE_NAMES = {"single": "单选", "multiple": "多选", "judge": "判断", "fill": "填空"}
CSV_COLUMNS = ("题号", "行号", "题型", "题干", "答案", "结论", "条文", "说明", "原文")
STEM_WIDTH = 40


def answer_text(question: LintQuestion) -> str:
    """The answer as a person reads it: option texts joined by ；, 正确/错误, blanks joined by ；."""
    if question.type == "judge":
        return "正确" if question.answer else "错误"
    if question.type == "single":
        return str(question.answer)
    return "；".join(str(item) for item in question.answer)


def summary(verdicts: list[Verdict]) -> str:
    """共 N 题：一致 a，与原文不符 b，无法核对 c."""
    counts = Counter(verdict.status for verdict in verdicts)
    parts = "，".join(f"{status} {counts[status]}" for status in STATUSES)
    return f"共 {len(verdicts)} 题：{parts}"


def render_csv(verdicts: list[Verdict]) -> str:
    """One row per question (columns CSV_COLUMNS); write it with encoding utf-8-sig so Excel reads it."""
    out = io.StringIO()
    writer = csvsafe.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for verdict in verdicts:
        question = verdict.question
        writer.writerow([question.label, question.line, TYPE_NAMES[question.type], question.stem,
                         answer_text(question), verdict.status, verdict.where, verdict.reason, verdict.text])
    return out.getvalue()


def render_plain(verdicts: list[Verdict], path: str) -> str:
    """The terminal report without colours: problems first in full, then one line per other question."""
    lines = [f"题库校对：{path}（依据《信访工作条例》和县通知原文）", ""]
    for verdict in verdicts:
        question = verdict.question
        head = f"[{verdict.status}] {question.label}（第{question.line}行，{TYPE_NAMES[question.type]}）"
        lines.append(f"{head} {_short(question.stem, STEM_WIDTH)}")
        if verdict.status != OK or verdict.reason:
            detail = "；".join(part for part in (verdict.where, verdict.reason) if part)
            if detail:
                lines.append(f"    {detail}")
        if verdict.status == WRONG and verdict.text:
            lines.append(f"    原文：{_one_line(verdict.text)}")
    lines += ["", summary(verdicts)]
    return "\n".join(lines)


def print_report(verdicts: list[Verdict], path: str) -> None:
    """Print the report to the terminal: one rich table for the questions that disagree with the text, one for
    those that could not be checked (一致 ones are counted, not listed: `--format text` lists every question).
    Plain text when rich is missing."""
    try:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        from ..terminal import print_paragraph
    except ImportError:  # rich is a dependency, but the report must not depend on a pretty printer
        print(render_plain(verdicts, path))
        return
    console = Console()
    print_paragraph(console, f"题库校对：{path}（依据《信访工作条例》和县通知原文）", indent=0, style="bold")
    for status, style in ((WRONG, "bold red"), (UNKNOWN, "yellow")):
        rows = [verdict for verdict in verdicts if verdict.status == status]
        if not rows:
            continue
        table = Table(title=Text(f"{status}（{len(rows)} 题）", style=style), show_lines=True,
                      title_justify="left", expand=True)
        # 题型 has a fixed width: two CJK characters (four cells) never broken, even in a narrow terminal.
        table.add_column("题号", overflow="fold", ratio=2)
        table.add_column("题型", width=4, no_wrap=True)
        for name, ratio in (("题干", 6), ("答案", 2), ("条文与说明", 7)):
            table.add_column(name, overflow="fold", ratio=ratio)
        for verdict in rows:
            question = verdict.question
            detail = "；".join(part for part in (verdict.where, verdict.reason) if part)
            if status == WRONG and verdict.text:
                detail += f"\n原文：{_one_line(verdict.text)}"  # whole: the quote is the evidence
            # Text cells: bank text is never read as rich markup ([…] is common in 题库).
            table.add_row(Text(f"{question.label}\n第{question.line}行"), Text(TYPE_NAMES[question.type]),
                          Text(_short(question.stem, STEM_WIDTH * 2)), Text(_short(answer_text(question), 40)),
                          Text(detail))
        console.print(table)
    console.print(Text(summary(verdicts), style="bold"))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _short(text: str, width: int) -> str:
    text = _one_line(text)
    return text if len(text) <= width else text[:width - 1] + "…"
