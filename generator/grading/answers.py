"""Read what `grade` scores: the key written by `exam` (key.json) and a sheet of answers (CSV or XLSX).

Two layouts of answers are read, both mapped to the key by question number/order:
- plain: a header `姓名,单位,卷型,1,2,…,N` (any other non-number column, such as 工号, is kept as text);
  single choice as the letter printed on that variant, multiple as letters (ACD; order, case, spaces and
  separators ignored), judge as 对/错 (√/×, T/F, 正确/错误), fill as text with blanks separated by `|`.
- 问卷星 result export: first columns 序号, 提交答卷时间, 所用时间, 来源 …, then one column per question
  ("1、题干"); 按选项文本 (options as text, a multiple choice's joined by `┋`) or 按选项序号 (1-based
  option numbers in the order on the paper, also joined by `┋`). Questions whose title holds 姓名/单位/
  工号/部门/卷型 are identity columns, not answers.
Encodings: UTF-8 (with or without BOM), else whatever charset-normalizer finds among GB18030/GBK/Big5.
Problems with one row are returned as SourceError(file, line, reason) and the row is skipped; a file that
cannot be read at all raises one SourceError.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError, csv_reason, display_path
from ..quiz.model import TYPES
from ..quiz.shuffle import LETTERS

WJX_META = ("序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "来自 IP", "总分", "开始答题时间",
            "结束答题时间", "答题时长", "IP", "提交时间")
IDENTITY_WORDS = ("姓名", "单位", "部门", "工号", "卷型", "手机", "身份证", "职务", "学号")
QUESTION_RE = re.compile(r"^\s*(?:第\s*)?(\d+)\s*(?:题)?\s*(?:[、.．:：)）]|$)")
JUDGE_WORDS = {"对": True, "√": True, "✓": True, "✔": True, "t": True, "true": True, "正确": True, "是": True,
               "y": True, "错": False, "×": False, "✗": False, "✘": False, "x": False, "f": False,
               "false": False, "错误": False, "否": False, "n": False}
EMPTY_WORDS = {"", "(跳过)", "（跳过）", "(空)", "（空）", "-", "—"}
WJX_JOIN = "┋"
BLANK_SPLIT = re.compile(r"[|｜┋^]")
_MISSING = object()


@dataclass
class KeyItem:
    number: int
    id: str
    type: str
    answer: object  # letters, "对"/"错", or [[variants], …]
    options: list[str]
    points: float
    articles: list[str]
    chapter: str

    def question(self) -> dict:
        """The item as quiz.grading.grade wants it: answers as option texts, judge as a bool."""
        if self.type == "single":
            answer: object = self.options[LETTERS.index(self.answer)]
        elif self.type == "multiple":
            answer = [self.options[LETTERS.index(letter)] for letter in self.answer]
        elif self.type == "judge":
            answer = self.answer == "对"
        else:
            answer = self.answer
        return {"type": self.type, "options": self.options, "answer": answer}


@dataclass
class Key:
    title: str
    variants: dict[str, list[KeyItem]]


@dataclass
class Response:
    line: int
    fields: dict[str, str]  # identity columns (姓名, 单位, 工号 …) as text
    variant: str
    answers: list  # one grade()-shaped response per key item; None when unanswered


@dataclass
class AnswerSheet:
    layout: str  # "plain" | "wjx-text" | "wjx-number"
    field_names: list[str]
    responses: list[Response] = field(default_factory=list)
    problems: list[SourceError] = field(default_factory=list)


def load_key(path: Path) -> Key:
    """key.json as written by `exam`; SourceError when it is missing or not such a key."""
    shown = display_path(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        variants = {name: [KeyItem(item["number"], item["id"], item["type"], item["answer"],
                                   list(item["options"]), float(item["points"]), list(item["articles"]),
                                   item["chapter"]) for item in items]
                    for name, items in data["variants"].items()}
        if not variants or any(item.type not in TYPES for items in variants.values() for item in items):
            raise ValueError
        return Key(data.get("title", ""), variants)
    except FileNotFoundError:
        raise SourceError(shown, None, "找不到答案文件（key.json，由 python -m generator exam 生成）") from None
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        raise SourceError(shown, None, "不是 python -m generator exam 生成的答案文件（key.json）") from None


def read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, cells as text) for every row of a CSV or XLSX file; SourceError when unreadable."""
    shown = display_path(path)
    if not Path(path).is_file():
        raise SourceError(shown, None, "找不到作答文件")
    if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_rows(Path(path), shown)
    data = Path(path).read_bytes()
    text = decode(data, shown)
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        rows, line = [], 1
        for cells in reader:
            rows.append((line, [cell.strip() for cell in cells]))
            line = reader.line_num + 1
        return rows
    except csv.Error as error:  # reported at the row being read: where an unclosed quote begins
        raise SourceError(shown, line, csv_reason(error)) from None


def decode(data: bytes, shown: str) -> str:
    """UTF-8 (BOM or not) when it decodes; else the best of GB18030/GBK/Big5 by charset-normalizer."""
    if not data.strip():
        raise SourceError(shown, None, "作答文件是空的")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "gbk", "big5", "utf_16"]).best()
    if best is None:
        raise SourceError(shown, None, "无法识别文件编码（支持 UTF-8、GBK/GB18030），请另存为 UTF-8 的 CSV")
    encoding = "gb18030" if best.encoding in ("gbk", "gb2312") else best.encoding
    return data.decode(encoding, errors="strict")


def _xlsx_rows(path: Path, shown: str) -> list[tuple[int, list[str]]]:
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many types for a damaged or mislabelled file
        raise SourceError(shown, None, f"无法读取 Excel 文件（{type(error).__name__}），请确认是 .xlsx 格式") from None
    try:
        sheet = workbook.worksheets[0]
        return [(index, [_cell_text(value) for value in row])
                for index, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_answers(path: Path, key: Key) -> AnswerSheet:
    """Every row of `path` as a Response for `key`; rows with problems go to `problems`, skipped."""
    shown = display_path(path)
    rows = [(line, cells) for line, cells in read_rows(path) if any(cells)]
    if not rows:
        raise SourceError(shown, None, "作答文件是空的")
    header_line, header = rows[0]
    if header and header[0] == "序号" and any("提交答卷时间" in cell or "所用时间" in cell for cell in header):
        columns, names = _wjx_columns(header, shown, header_line)
        layout = "wjx"
    else:
        columns, names = _plain_columns(header, shown, header_line)
        layout = "plain"
    count = max(len(items) for items in key.variants.values())
    if len(columns) < count:
        raise SourceError(shown, header_line, f"作答表只有 {len(columns)} 道题的列，答案有 {count} 道")
    sheet = AnswerSheet(layout, [name for name, _ in names if name != "卷型"])
    if layout == "wjx":
        sheet.layout = "wjx-number" if _numbered(rows[1:], columns, key) else "wjx-text"
    cache: dict = {}  # (variant, number, cell) → parsed answer or ValueError: a class repeats its answers
    for line, cells in rows[1:]:
        try:
            sheet.responses.append(_read_row(line, cells, header, columns, names, key, sheet.layout, cache))
        except ValueError as error:
            sheet.problems.append(SourceError(shown, line, f"{error}，本行未计分"))
    return sheet


def _plain_columns(header: list[str], shown: str, line: int):
    columns = [index for index, name in enumerate(header) if name.isdigit()]
    numbers = [int(header[index]) for index in columns]
    if not columns:
        raise SourceError(shown, line, "表头应为“姓名,单位,卷型,1,2,…,N”（题号列为数字），或为问卷星导出的结果")
    if numbers != list(range(1, len(numbers) + 1)):
        raise SourceError(shown, line, f"题号列应为 1 到 {len(numbers)} 依次排列，实际为 {','.join(map(str, numbers))}")
    names = [(name, index) for index, name in enumerate(header) if index not in columns and name]
    return columns, names


def _wjx_columns(header: list[str], shown: str, line: int):
    columns, names = [], []
    for index, title in enumerate(header):
        if title in WJX_META or not title:
            continue
        word = _identity_word(title)
        if word is not None:
            names.append((word, index))
        elif QUESTION_RE.match(title):
            columns.append(index)
    if not columns:
        raise SourceError(shown, line, "问卷星导出中没有找到题目列（如“1、题干”）")
    return columns, names


def _identity_word(title: str) -> str | None:
    """姓名 for "1、您的姓名：": only short titles count, so a stem mentioning 信访部门 stays a question."""
    bare = re.sub(r"[\s:：*（）()]|您的|请填写|请输入", "", QUESTION_RE.sub("", title, count=1))
    if len(bare) > 6:
        return None
    return next((word for word in IDENTITY_WORDS if word in bare), None)


def _numbered(rows, columns: list[int], key: Key) -> bool:
    """按选项序号 when every answered choice cell is option numbers ("2", "1┋3") and not every one is a
    digit-only option text of the paper."""
    items = next(iter(key.variants.values()))
    seen = False
    for _, cells in rows:
        for item, column in zip(items, columns):
            if item.type not in ("single", "multiple", "judge") or column >= len(cells):
                continue
            cell = cells[column]
            if cell in EMPTY_WORDS:
                continue
            if not all(part.strip().isdigit() for part in cell.split(WJX_JOIN)):
                return False
            seen = True
    return seen


def _read_row(line, cells, header, columns, names, key: Key, layout: str, cache: dict) -> Response:
    if len(cells) > len(header) and any(cells[len(header):]):
        raise ValueError(f"有 {len(cells)} 个单元格，比表头多出作答")
    cells = cells + [""] * (len(header) - len(cells))
    fields = {name: cells[index] for name, index in names}
    variant = fields.pop("卷型", "").strip().upper()
    if not variant and len(key.variants) == 1:
        variant = next(iter(key.variants))
    if variant not in key.variants:
        raise ValueError(f"卷型“{variant}”不在答案中（有 {'、'.join(key.variants)}）" if variant
                         else f"缺少卷型（答案有 {'、'.join(key.variants)} 卷）")
    items = key.variants[variant]
    extra = [header[c] for c in columns[len(items):] if cells[c] not in EMPTY_WORDS]
    if extra:
        raise ValueError(f"{variant} 卷只有 {len(items)} 题，却答了第 {extra[0]} 题")
    answers = []
    get = cache.get
    for item, column in zip(items, columns):
        cell = cells[column]
        parsed = get((variant, item.number, cell), _MISSING)
        if parsed is _MISSING:
            try:
                parsed = parse_cell(cell, item, layout)
            except ValueError as error:
                parsed = ValueError(f"第 {item.number} 题（第 {column + 1} 列）“{cell}”无法识别：{error}")
            cache[(variant, item.number, cell)] = parsed
        if parsed.__class__ is ValueError:
            raise parsed
        answers.append(parsed)
    return Response(line, fields, variant, answers)


def parse_cell(cell: str, item: KeyItem, layout: str = "plain"):
    """One cell as a grade() response: option text, list of texts, bool, or list of blanks; None when empty.
    ValueError (reason in Chinese) when the cell cannot be read for this item."""
    text = unicodedata.normalize("NFKC", cell).strip()
    if text in EMPTY_WORDS:
        return None
    if item.type == "fill":
        return [part.strip() for part in BLANK_SPLIT.split(cell)]
    if layout == "wjx-text" and item.type != "judge":
        parts = [part.strip() for part in cell.split(WJX_JOIN)]
        unknown = [part for part in parts if part not in item.options]
        if unknown:
            raise ValueError("不是本题的选项")
        if item.type == "single":
            if len(parts) != 1:
                raise ValueError("单选题只能选一个")
            return parts[0]
        return parts
    if item.type == "judge":
        if layout == "wjx-number" and text in ("1", "2"):
            return text == "1"
        value = JUDGE_WORDS.get(text.lower())
        if value is None:
            raise ValueError("判断题应填 对/错（或 √/×、T/F、正确/错误）")
        return value
    if layout == "wjx-number":
        indexes = [int(part) - 1 for part in text.split(WJX_JOIN) if part.strip().isdigit()]
        if not indexes or any(not 0 <= i < len(item.options) for i in indexes):
            raise ValueError(f"选项序号应在 1 到 {len(item.options)} 之间")
        letters = [LETTERS[i] for i in indexes]
    else:
        letters = [char for char in text.upper() if not char.isspace() and char not in ",，、;；/|"]
        valid = LETTERS[:len(item.options)]
        if not letters or any(letter not in valid for letter in letters):
            raise ValueError(f"应为 {valid[0]}–{valid[-1]} 的字母")
    texts = [item.options[LETTERS.index(letter)] for letter in letters]
    if item.type == "single":
        if len(set(texts)) != 1:
            raise ValueError("单选题只能选一个")
        return texts[0]
    return sorted(set(texts), key=texts.index)
