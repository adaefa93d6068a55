"""The answer-entry template `exam` writes beside the papers: answers-template.xlsx and answers-template.csv.

A trainer types (or pastes) each person's answers into it and hands it to `grade` unchanged. The header is
what grading.answers reads as the plain layout: 姓名, 单位, 工号, 卷型, 1…N. In the XLSX every entry cell is
formatted as text (so 工号 0012345 and a phone number stay as typed), each column checks what it accepts
(卷型: the variants; 单选: one of its letters; 多选: its letters; 判断: 对/错), the header row is frozen and
40 rows are ready.
"""

from __future__ import annotations

import io

from .. import csvsafe
from ..quiz.shuffle import LETTERS
from .draw import Paper

IDENTITY = ("姓名", "单位", "工号", "卷型")
ROWS = 40
TEXT_FORMAT = "@"


def template_header(papers: list[Paper]) -> list[str]:
    """姓名, 单位, 工号, 卷型, then the question numbers 1…N as text."""
    return [*IDENTITY, *(str(item.number) for item in papers[0].items)]


def render_template_csv(papers: list[Paper]) -> str:
    """The header and ROWS empty rows, UTF-8 with a BOM so Excel opens it as Chinese."""
    buffer = io.StringIO()
    writer = csvsafe.writer(buffer, lineterminator="\r\n")
    header = template_header(papers)
    writer.writerow(header)
    for _ in range(ROWS):
        writer.writerow([""] * len(header))
    return "\ufeff" + buffer.getvalue()


def render_template_xlsx(papers: list[Paper]) -> bytes:
    """The XLSX template's bytes (deterministic for the same papers: fixed document dates)."""
    import datetime

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "作答"
    header = template_header(papers)
    sheet.append(header)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="EEEEEE")
    for column, _ in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=column)
        cell.font, cell.fill, cell.number_format = bold, fill, TEXT_FORMAT
        cell.alignment = Alignment(horizontal="center")
        for row in range(2, ROWS + 2):
            sheet.cell(row=row, column=column).number_format = TEXT_FORMAT
        sheet.column_dimensions[get_column_letter(column)].width = (
            {"姓名": 10, "单位": 18, "工号": 14, "卷型": 6}.get(header[column - 1], 7))
    sheet.freeze_panes = "A2"

    def validate(column: int, rule: DataValidation, prompt: str) -> None:
        letter = get_column_letter(column)
        rule.sqref = f"{letter}2:{letter}{ROWS + 1}"
        rule.allow_blank = True
        rule.showErrorMessage = True
        rule.errorTitle, rule.error = "输入有误", prompt
        rule.promptTitle, rule.prompt, rule.showInputMessage = f"第 {header[column - 1]} 列", prompt, True
        sheet.add_data_validation(rule)

    variants = [paper.variant for paper in papers]
    validate(IDENTITY.index("卷型") + 1, DataValidation(type="list", formula1=f'"{",".join(variants)}"'),
             f"填卷型：{'、'.join(variants)}")
    for index, item in enumerate(papers[0].items):
        column = len(IDENTITY) + index + 1
        qtype = item.question.type
        options = max(len(paper.items[index].options) for paper in papers)
        letters = LETTERS[:options]
        cell = f"{get_column_letter(column)}2"
        if qtype == "single":
            validate(column, DataValidation(type="list", formula1=f'"{",".join(letters)}"'),
                     f"单选题：填一个字母 {letters[0]}–{letters[-1]}")
        elif qtype == "multiple":
            # Every character of the cell is one of the letters (and at most as many as there are options).
            formula = (f'AND(LEN({cell})<={options},SUMPRODUCT(--ISNUMBER(FIND(MID({cell},'
                       f'ROW(INDIRECT("1:"&LEN({cell}))),1),"{letters}")))=LEN({cell}))')
            validate(column, DataValidation(type="custom", formula1=formula),
                     f"多选题：填选中的字母，如 {letters[0]}{letters[2] if options > 2 else letters[1]}（{letters[0]}–{letters[-1]}，不加空格）")
        elif qtype == "judge":
            validate(column, DataValidation(type="list", formula1='"对,错"'), "判断题：填 对 或 错")
        else:
            blanks = len(item.answer) if isinstance(item.answer, list) else 1
            validate(column, DataValidation(type="textLength", operator="lessThanOrEqual", formula1="200"),
                     "填空题：填答案文字" + ("，几个空之间用 | 分隔" if blanks > 1 else ""))
    book.properties.created = datetime.datetime(2000, 1, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_dates(buffer.getvalue())


def _fixed_dates(data: bytes) -> bytes:
    """The XLSX with its zip entries' times and docProps/core.xml's modified date fixed, so the same paper
    gives the same bytes (openpyxl stamps both with the current time)."""
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0)), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
