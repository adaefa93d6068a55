"""Rows of an answer sheet file, streamed: (line number, cells as text) from a CSV in UTF-8, Big5/UTF-16 or
GB18030 (decoded strictly, never guessed into garbled text), or from the first sheet of an XLSX read by the
cells' own coordinates (a stale <dimension> cuts nothing off; a formula without a stored result is reported by
cell). Limits stop a damaged or hostile file at once with a reason."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from ..errors import SourceError, csv_reason, display_path
from ..textfile import encoding_of_file

# Limits: far above any class (a 100-question paper has about 110 columns), low enough that a damaged or
# hostile file stops at once with a reason instead of running for minutes or exhausting memory.
MAX_ROWS = 2_000_000
MAX_COLUMNS = 1_000
MAX_CELL_CHARS = 10_000
MAX_XLSX_UNZIPPED = 500 * 1024 * 1024  # the worksheets and shared strings, uncompressed


def iter_rows(path: Path):
    """(line number, cells as text) row by row, never the whole file in memory. SourceError when the file
    cannot be read, is not a known encoding, or exceeds MAX_ROWS, MAX_COLUMNS or MAX_CELL_CHARS; an XLSX
    formula cell without a stored result stops with its row and column."""
    path = Path(path)
    shown = display_path(path)
    if not path.is_file():
        raise SourceError(shown, None, "不是普通文件（是文件夹或设备），请给出作答表（CSV 或 XLSX）的文件名"
                          if path.exists() else "找不到作答文件")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path, shown)
    else:
        rows = _csv_rows(path, shown)
    for count, (line, cells) in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise SourceError(shown, line, f"作答文件超过 {MAX_ROWS:,} 行，请分成几个文件分别计分")
        if len(cells) > MAX_COLUMNS:
            raise SourceError(shown, line, f"有 {len(cells):,} 列，超过上限 {MAX_COLUMNS:,} 列：不像是作答表")
        if cells and max(map(len, cells)) > MAX_CELL_CHARS:
            column = next(i for i, cell in enumerate(cells) if len(cell) > MAX_CELL_CHARS) + 1
            raise SourceError(shown, line, f"第 {column} 列的单元格超过 {MAX_CELL_CHARS:,} 个字符：不像是作答")
        yield line, cells


def _csv_rows(path: Path, shown: str):
    encoding = encoding_of_file(path, shown)
    line = 1
    try:
        with open(path, encoding=encoding, newline="", errors="strict") as handle:
            reader = csv.reader(handle)
            for cells in reader:
                yield line, [cell.strip() for cell in cells]
                line = reader.line_num + 1
    except csv.Error as error:
        raise SourceError(shown, line, csv_reason(error)) from None
    except UnicodeDecodeError:
        raise SourceError(shown, line, f"从这一行起不是有效的 {encoding} 编码") from None


def _xlsx_rows(path: Path, shown: str):
    try:
        with zipfile.ZipFile(path) as archive:
            unzipped = sum(info.file_size for info in archive.infolist()
                           if info.filename.startswith("xl/worksheets/") or info.filename == "xl/sharedStrings.xml")
    except (zipfile.BadZipFile, OSError):
        raise SourceError(shown, None, "无法读取 Excel 文件（不是有效的 .xlsx），请确认是 .xlsx 格式") from None
    if unzipped > MAX_XLSX_UNZIPPED:
        raise SourceError(shown, None, f"Excel 文件解压后有 {unzipped / 1024 / 1024:,.0f} MB，超过上限 "
                                       f"{MAX_XLSX_UNZIPPED // 1024 // 1024} MB：不像是作答表")
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as error:  # noqa: BLE001 - openpyxl raises many types for a damaged or mislabelled file
        raise SourceError(shown, None, f"无法读取 Excel 文件（{type(error).__name__}），请确认是 .xlsx 格式") from None
    try:
        yield from _sheet_rows(workbook, sheet, shown)
    finally:
        workbook.close()


def _sheet_rows(workbook, sheet, shown: str):
    """Rows of a read-only worksheet by the cells' own coordinates: the stored <dimension> (often stale in
    files other programs write) is not used, so no row or column is cut off. Uses openpyxl's streaming
    worksheet parser directly (openpyxl 3.1) because its public read-only rows turn a formula without a
    stored result into an empty cell, which would be graded as unanswered."""
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, VALUE_TAG, WorkSheetParser

    text_tag = INLINE_STRING[:-2] + "t"
    run_tag = INLINE_STRING[:-2] + "r"

    class Parser(WorkSheetParser):
        def parse_cell(self, element):
            """openpyxl's parse_cell for the cells an answer sheet holds (shared, inline and formula
            strings, numbers, booleans), about four times faster; dates and anything else go to openpyxl.
            A formula without a stored result is marked instead of read as an empty cell."""
            data_type = element.get("t", "n")
            coordinate = element.get("r")
            if coordinate:
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            if data_type == "inlineStr":
                inline = element.find(INLINE_STRING)
                value = None if inline is None else "".join(
                    node.text or "" for node in inline if node.tag == text_tag) + "".join(
                    node.findtext(text_tag) or "" for node in inline if node.tag == run_tag)
                return {"row": row, "column": column, "value": value, "data_type": "s"}
            value = element.findtext(VALUE_TAG) or None
            if value is None:
                kind = "formula-without-value" if element.find(FORMULA_TAG) is not None else data_type
                return {"row": row, "column": column, "value": None, "data_type": kind}
            if data_type == "s":
                return {"row": row, "column": column, "value": self.shared_strings[int(value)], "data_type": "s"}
            if data_type == "str":
                return {"row": row, "column": column, "value": value, "data_type": "s"}
            if data_type == "n" and not (element.get("s") and int(element.get("s")) in self.date_formats):
                number = float(value)
                return {"row": row, "column": column, "value": number, "data_type": "n"}
            cell = super().parse_cell(element)
            return cell

    try:
        with sheet._get_source() as source:
            parser = Parser(source, sheet._shared_strings, data_only=True, epoch=workbook.epoch,
                            date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats)
            for row_number, cells in parser.parse():
                width = max((cell["column"] for cell in cells), default=0)
                if width > MAX_COLUMNS:
                    raise SourceError(shown, row_number, f"有 {width:,} 列，超过上限 {MAX_COLUMNS:,} 列：不像是作答表")
                row = [""] * width
                for cell in cells:
                    if cell["data_type"] == "formula-without-value":
                        raise SourceError(shown, None, f"第 {row_number} 行 {get_column_letter(cell['column'])} 列："
                                                       "公式没有计算结果，请在 Excel 中打开并保存后再试")
                    row[cell["column"] - 1] = _cell_text(cell["value"])
                yield row_number, row
    except SourceError:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged sheet XML
        raise SourceError(shown, None, f"无法读取 Excel 文件（{type(error).__name__}），请确认是 .xlsx 格式") from None


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value).strip()
