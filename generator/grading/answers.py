"""Read what `grade` scores: the key written by `exam` (key.json) and a sheet of answers (CSV or XLSX).

Two layouts of answers are read, both mapped to the key by question number/order:
- plain: a header `姓名,单位,工号,卷型,1,2,…,N` (any other non-number column is kept as text; the template
  `exam` writes has exactly this header); single choice as the letter printed on that variant, multiple
  as letters (ACD; order, case, spaces and separators ignored), judge as 对/错 (√/×, T/F, 正确/错误), fill
  as text with blanks separated by `|`.
- 问卷星 result export: first columns 序号, 提交答卷时间, 所用时间, 来源 …, then one column per question
  ("1、题干"); 按选项文本 (options as text, a multiple choice's joined by `┋`) or 按选项序号 (1-based
  option numbers in the order on the paper, also joined by `┋`). Questions whose title holds 姓名/单位/
  工号/部门/卷型 are identity columns, not answers.
Rows come streamed from sheets.iter_rows (encodings, XLSX, limits): a sheet is never held in memory whole;
each person keeps a few bytes per question (an index into the distinct answers of that question), see
AnswerTable. 问卷星's `┋` (U+250B) is in GBK, so GBK exports of multiple choices read too.
Problems with one row are returned as SourceError(file, line, reason) and the row is skipped; a file that
cannot be read at all, or that exceeds the limits in sheets.py, raises one SourceError.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError, display_path
from ..quiz.model import TYPES
from ..quiz.exam import MAX_POINTS
from ..quiz.shuffle import LETTERS
from .repeats import drop_repeated_rows, row_hash
from .sheets import iter_rows

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
MAX_PROBLEMS = 200  # rows with problems listed one by one; beyond that only counted
FIELD_SEPARATOR = "\x1f"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


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
    stem: str = ""  # the question's text (fill blanks as ____); keys written before it was added have none
    unordered: bool = False  # fill: blanks may be given in any order (the bank's `unordered`)

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
        return {"type": self.type, "options": self.options, "answer": answer, "unordered": self.unordered}


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
    problem_count: int = 0  # rows skipped; problems lists the first MAX_PROBLEMS


def plain_text(value: object) -> str:
    """Text from a candidate's file made safe to show: control characters (ANSI escapes start with one)
    and bidirectional overrides removed. Rich markup is not interpreted where we print it (rich Text)."""
    return _CONTROL.sub("", str(value))


# ---- key.json ----------------------------------------------------------------------------------------------

def load_key(path: Path) -> Key:
    """key.json as written by `exam`. SourceError(file, None, reason) when it is missing, not JSON, or not
    such a key: every item's type, options, answer (letters among the options, 对/错, blanks), finite
    positive points; the variants hold the same questions."""
    shown = display_path(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise SourceError(shown, None, "找不到答案文件（key.json，由 python -m generator exam 生成）") from None
    except (ValueError, RecursionError, OSError):
        raise SourceError(shown, None, "不是 python -m generator exam 生成的答案文件（key.json）：不是有效的 JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("variants"), dict) or not data["variants"]:
        raise SourceError(shown, None, "不是 python -m generator exam 生成的答案文件（key.json）：缺少 variants")
    variants = {}
    for name, items in data["variants"].items():
        if not isinstance(items, list) or not items:
            raise SourceError(shown, None, f"{name} 卷没有题目")
        variants[str(name)] = [_key_item(item, f"{name} 卷第 {index} 题", shown)
                               for index, item in enumerate(items, start=1)]
    first_name, first = next(iter(variants.items()))
    ids = sorted(item.id for item in first)
    if len(set(ids)) != len(ids):
        raise SourceError(shown, None, f"{first_name} 卷有重复的题目ID")
    for name, items in variants.items():
        if sorted(item.id for item in items) != ids:
            raise SourceError(shown, None, f"{name} 卷与 {first_name} 卷的题目不同，无法对照计分")
        if [item.number for item in items] != list(range(1, len(items) + 1)):
            raise SourceError(shown, None, f"{name} 卷的题号应为 1 到 {len(items)} 依次排列")
    title = data.get("title", "")
    return Key(title if isinstance(title, str) else "", variants)


def _key_item(item, where: str, shown: str) -> KeyItem:
    def fail(reason: str):
        raise SourceError(shown, None, f"{where}：{reason}")

    if not isinstance(item, dict):
        fail("应为一个题目对象")
    number, qid, qtype = item.get("number"), item.get("id"), item.get("type")
    if not isinstance(number, int) or isinstance(number, bool):
        fail("缺少题号（number）")
    if not isinstance(qid, str) or not qid:
        fail("缺少题目ID（id）")
    if qtype not in TYPES:
        fail(f"题型“{qtype}”无效（应为 {'、'.join(TYPES)} 之一）")
    options = item.get("options", [])
    if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
        fail("选项（options）应为文字列表")
    points = item.get("points")
    if isinstance(points, bool) or not isinstance(points, (int, float)) or not math.isfinite(points) or points <= 0:
        fail(f"分值（points）应为有限的正数，实际为“{points}”")
    elif points > MAX_POINTS:
        fail(f"分值（points）不能超过 {MAX_POINTS}，实际为“{points}”")
    answer = item.get("answer")
    if qtype in ("single", "multiple"):
        if len(options) < 2 or len(options) > len(LETTERS):
            fail("选择题应有 2 个以上选项")
        valid = LETTERS[:len(options)]
        if (not isinstance(answer, str) or not answer or any(c not in valid for c in answer)
                or len(set(answer)) != len(answer) or (qtype == "single" and len(answer) != 1)):
            fail(f"答案“{answer}”无效（应为 {valid[0]}–{valid[-1]} 中的{'一个字母' if qtype == 'single' else '字母'}）")
    elif qtype == "judge":
        if answer not in ("对", "错"):
            fail(f"判断题答案“{answer}”无效（应为 对 或 错）")
    elif (not isinstance(answer, list) or not answer
          or not all(isinstance(v, list) and v and all(isinstance(s, str) and s for s in v) for v in answer)):
        fail("填空题答案应为每个空的可接受答案列表，如 [[\"15\", \"十五\"]]")
    articles, chapter, stem = item.get("articles", []), item.get("chapter", ""), item.get("stem", "")
    if not isinstance(articles, list) or not all(isinstance(a, str) for a in articles):
        fail("出处（articles）应为文字列表")
    if not isinstance(chapter, str) or not isinstance(stem, str):
        fail("章（chapter）和题干（stem）应为文字")
    unordered = item.get("unordered", False)
    if not isinstance(unordered, bool):
        fail("unordered 应为 true 或 false")
    return KeyItem(number, qid, qtype, answer, list(options), float(points), list(articles), chapter, stem,
                   unordered)


# ---- answers -------------------------------------------------------------------------------------------------

class AnswerTable:
    """Every graded row of a sheet, column by column: per question (in the first variant's order) one
    small integer per person, an index into `values[question]`, the distinct answers given to it (index 0
    is unanswered, None). A class of a million people × 100 questions takes about 100 MB this way.

    lines, variants and fields are per person: sheet line, variant name, identity texts (field_names)."""

    separator = FIELD_SEPARATOR

    def __init__(self, key: Key, layout: str, field_names: list[str]):
        self.key = key
        self.layout = layout
        self.field_names = field_names
        self.variant_names = list(key.variants)
        first = next(iter(key.variants.values()))
        self.ids = [item.id for item in first]
        self.values: list[list] = [[None] for _ in first]
        self.codes: list = [bytearray() for _ in first]
        self.lines = array("q")
        self.variants = bytearray()
        self.fields: list[str] = []
        self.problems: list[SourceError] = []
        self.problem_count = 0
        position = {qid: index for index, qid in enumerate(self.ids)}
        self.positions = {name: [position[item.id] for item in items] for name, items in key.variants.items()}
        self._interned: list[dict] = [{_hashable(None): 0} for _ in first]
        self.row_hashes = array("q")  # see repeats.py

    def __len__(self) -> int:
        return len(self.lines)

    def intern(self, position: int, answer) -> int:
        """The code of `answer` for the question at `position` (new answers get the next code)."""
        interned = self._interned[position]
        marker = _hashable(answer)
        code = interned.get(marker)
        if code is None:
            code = interned[marker] = len(self.values[position])
            self.values[position].append(answer)
            column = self.codes[position]
            if code == 256 and isinstance(column, bytearray):
                self.codes[position] = array("H", column)
            elif code == 65536 and column.typecode == "H":
                self.codes[position] = array("I", column)
        return code

    def add(self, line: int, variant: int, fields: list[str], codes: list[int]) -> None:
        self.lines.append(line)
        self.variants.append(variant)
        self.fields.append(FIELD_SEPARATOR.join(fields))
        self.row_hashes.append(row_hash(variant, self.fields[-1], codes))
        for column, code in zip(self.codes, codes, strict=True):
            column.append(code)

    def problem(self, error: SourceError) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(error)

    def response(self, index: int) -> Response:
        """Person `index` (sheet order) as a Response; answers in the order of their variant's paper."""
        variant = self.variant_names[self.variants[index]]
        fields = dict(zip(self.field_names, self.fields[index].split(FIELD_SEPARATOR), strict=True))
        answers = [self.values[p][self.codes[p][index]] for p in self.positions[variant]]
        return Response(self.lines[index], fields, variant, answers)


def _hashable(answer):
    return ("list", tuple(answer)) if isinstance(answer, list) else (type(answer).__name__, answer)


def read_answers(path: Path, key: Key, variant: str | None = None) -> AnswerSheet:
    """Every row of `path` as a Response for `key`; rows with problems go to `problems`, skipped.
    For large classes use read_table, which keeps a few bytes per answer instead of objects."""
    table = read_table(path, key, variant)
    sheet = AnswerSheet(table.layout, table.field_names, [table.response(i) for i in range(len(table))],
                        table.problems, table.problem_count)
    return sheet


def read_table(path: Path, key: Key, variant: str | None = None) -> AnswerTable:
    """Every row of `path` graded into an AnswerTable, streaming; rows with problems are skipped and
    listed (the first MAX_PROBLEMS) with their line. `variant` is the variant of rows without one (a
    问卷星 questionnaire holds one variant). SourceError when the file cannot be read at all."""
    shown = display_path(path)
    rows = ((line, cells) for line, cells in iter_rows(path) if any(cells))
    first = next(rows, None)
    if first is None:
        raise SourceError(shown, None, "作答文件是空的")
    header_line, header = first
    if header and header[0] == "序号" and any("提交答卷时间" in cell or "所用时间" in cell for cell in header):
        columns, names = _wjx_columns(header, shown, header_line)
        layout = "wjx"
    else:
        columns, names = _plain_columns(header, shown, header_line)
        layout = "plain"
    count = max(len(items) for items in key.variants.values())
    if len(columns) < count:
        raise SourceError(shown, header_line, f"作答表只有 {len(columns)} 道题的列，答案有 {count} 道")
    field_names = [name for name, _ in names if name != "卷型"]
    if layout == "wjx":
        # 按选项序号 or 按选项文本 is decided on the first rows (a class answers in one layout).
        head = [next(rows, None) for _ in range(200)]
        head = [row for row in head if row is not None]
        layout = "wjx-number" if _numbered(head, columns, key) else "wjx-text"
        rows = itertools.chain(head, rows)
    table = AnswerTable(key, layout, field_names)
    plans = _plans(key, table, columns)
    default = variant.strip().upper() if variant else (next(iter(key.variants)) if len(key.variants) == 1 else "")
    if not default and all(name != "卷型" for name, _ in names):
        # Every row would fail alike: say it once, with what to do.
        raise SourceError(shown, header_line, f"作答表没有“卷型”一列，而答案有 {'、'.join(key.variants)} 卷：请加一列“卷型”，"
                          f"或在全表同一卷型时用 --variant {next(iter(key.variants))} 指定")
    for line, cells in rows:
        try:
            variant_index, fields, codes = _read_row(cells, header, columns, names, key, plans, default)
        except ValueError as error:
            table.problem(SourceError(shown, line, f"{error}，本行未计分"))
            continue
        table.add(line, variant_index, fields, codes)
    for line, earlier in drop_repeated_rows(table):
        table.problem(SourceError(shown, line, f"与第 {earlier} 行的身份、卷型和作答完全相同（重复提交），本行未计分"))
    table.problems.sort(key=lambda error: error.line or 0)
    return table


def _plans(key: Key, table: AnswerTable, columns: list[int]) -> dict:
    """Per variant: its index, the total number of questions, and per question (position in the first
    variant's order, sheet column, item, cache of cell text → code or ValueError)."""
    plans = {}
    for index, (name, items) in enumerate(key.variants.items()):
        steps = [(position, column, item, {}) for position, column, item
                 in zip(table.positions[name], columns, items)]
        plans[name] = (index, len(items), steps, table)
    return plans


def _plain_columns(header: list[str], shown: str, line: int):
    columns = [index for index, name in enumerate(header) if name.isdigit()]
    numbers = [int(header[index]) for index in columns]
    if not columns:
        raise SourceError(shown, line, "表头应为“姓名,单位,卷型,1,2,…,N”（题号列为数字），或为问卷星导出的结果")
    if numbers != list(range(1, len(numbers) + 1)):
        shown_numbers = ",".join(map(str, numbers[:20])) + ("…" if len(numbers) > 20 else "")
        raise SourceError(shown, line, f"题号列应为 1 到 {len(numbers)} 依次排列，实际为 {shown_numbers}")
    answer_columns = set(columns)
    names = [(name, index) for index, name in enumerate(header) if index not in answer_columns and name]
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


def _read_row(cells, header, columns, names, key: Key, plans: dict, default: str):
    """(variant index, identity texts, code per question in the first variant's order); ValueError with
    the reason when the row cannot be graded."""
    if len(cells) > len(header) and any(cells[len(header):]):
        raise ValueError(f"有 {len(cells)} 个单元格，比表头多出作答")
    if len(cells) < len(header):
        cells = cells + [""] * (len(header) - len(cells))
    fields, variant = [], ""
    for name, index in names:
        if name == "卷型":
            variant = cells[index].strip().upper().removesuffix("卷")
        else:
            fields.append(cells[index].replace(FIELD_SEPARATOR, " "))
    variant = variant or default
    plan = plans.get(variant)
    if plan is None:
        raise ValueError(f"卷型“{plain_text(variant)[:20]}”不在答案中（有 {'、'.join(key.variants)}）" if variant
                         else f"缺少卷型（答案有 {'、'.join(key.variants)} 卷；全表同一卷型时可用 --variant 指定）")
    variant_index, size, steps, table = plan
    extra = [header[c] for c in columns[size:] if cells[c] not in EMPTY_WORDS]
    if extra:
        raise ValueError(f"{variant} 卷只有 {size} 题，却答了第 {extra[0]} 题")
    codes = [0] * len(steps)
    unreadable = []
    for position, column, item, cache in steps:
        cell = cells[column]
        code = cache.get(cell)
        if code is None:
            try:
                code = table.intern(position, parse_cell(cell, item, table.layout))
            except ValueError as error:
                code = ValueError(f"第 {item.number} 题（第 {column + 1} 列）“{plain_text(cell)[:40]}”无法识别：{error}")
            cache[cell] = code
        if code.__class__ is ValueError:
            unreadable.append(str(code))
        else:
            codes[position] = code
    if unreadable:  # every unreadable cell of the row at once, so one look at the sheet fixes them all
        more = f"；另有 {len(unreadable) - 3} 格无法识别" if len(unreadable) > 3 else ""
        raise ValueError("；".join(unreadable[:3]) + more)
    return variant_index, fields, codes


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
        return sorted(set(parts), key=item.options.index)
    if item.type == "judge":
        if layout == "wjx-number" and text in ("1", "2"):
            return text == "1"
        value = JUDGE_WORDS.get(text.lower())
        if value is None:
            raise ValueError("判断题应填 对/错（或 √/×、T/F、正确/错误）")
        return value
    if layout == "wjx-number":
        parts = [part.strip() for part in text.split(WJX_JOIN)]
        indexes = [int(part) - 1 if part.isdigit() else -1 for part in parts]
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
    return sorted(set(texts), key=item.options.index)  # A C B is A B C: one answer, interned once
