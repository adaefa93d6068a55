"""Read a question bank someone else wrote: our YAML, our JSON export, a CSV, or the common text format.

Every reader returns the same plain questions (answers as option texts, judge answers as bools, fill answers
as one text per blank). A file that cannot be read stops with SourceError(file, line, reason), in Chinese.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import yaml

from ..errors import SourceError, collect, csv_reason, display_path, raise_collected, read_bytes
from ..textfile import decode
from ..texts.grounding import quotations
from ..yamlfile import BOOL_TAG, compose_file, construct, line_of, scalar
from .questions import TYPES, LintQuestion, from_letters, parse_provisions, plain, type_of
from .textbank import read_text_bank


def read_bank(path: str | Path) -> list[LintQuestion]:
    """Read a bank by its extension (.yml/.yaml, .json, .csv; anything else as text).

    Raises SourceError (file, line, reason) when the file cannot be read as a bank."""
    path = Path(path)
    shown = display_path(path)
    suffix = path.suffix.lower()
    if suffix in (".yml", ".yaml"):
        questions = _read_yaml(path, shown)
    elif suffix == ".json":
        questions = _read_json(_text(path, shown), shown)
    elif suffix == ".csv":
        questions = _read_csv(_text(path, shown), shown)
    else:
        questions = read_text_bank(_text(path, shown), shown)
    if not questions:
        raise SourceError(shown, None, "没有读到任何题目（支持本站 YAML/JSON、CSV 和常见文本题库格式）")
    return questions


def _text(path: Path, shown: str) -> str:
    """A bank in UTF-8, UTF-16 or GBK/GB18030 (Excel's exports), decoded strictly by textfile.decode."""
    text, _encoding = decode(read_bytes(path), shown)
    return text


# ---------- our YAML ----------

def _read_yaml(path: Path, shown: str) -> list[LintQuestion]:
    errors: list[SourceError] = []
    root = compose_file(path, errors)
    if errors:
        raise errors[0]
    if not isinstance(root, yaml.SequenceNode):
        raise SourceError(shown, line_of(root) if root else None, "题库文件应为题目列表（每题以“- id:”开头）")
    questions, errors = [], []
    for index, node in enumerate(root.value, start=1):
        if not isinstance(node, yaml.MappingNode):
            errors.append(SourceError(shown, line_of(node), f"第{index}题应为“字段: 值”的映射"))
            continue
        fields = {key.value: value for key, value in node.value}
        record = {}
        for name, value in fields.items():
            if name == "answer" and value.tag == BOOL_TAG:
                record[name] = construct(value)
            elif isinstance(value, yaml.SequenceNode):
                record[name] = construct(value)
            else:
                record[name] = scalar(value)
        collect(questions, errors, _from_record, record, shown, line_of(node), index)
    raise_collected(errors)
    return questions


# ---------- our JSON export ----------

def _read_json(text: str, shown: str) -> list[LintQuestion]:
    decoder = json.JSONDecoder()
    position = _skip(text, 0)
    if position >= len(text) or text[position] != "[":
        raise SourceError(shown, _line(text, position), "JSON 题库应为题目列表（以 [ 开头）")
    position = _skip(text, position + 1)
    questions, errors, index = [], [], 0
    while position < len(text) and text[position] != "]":
        start = position
        try:
            record, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            raise SourceError(shown, error.lineno, f"不是有效的 JSON：{_json_reason(error.msg)}") from None
        except RecursionError:  # Python's decoder recurses once per level of [ or {
            raise SourceError(shown, _line(text, start), "JSON 的方括号或花括号嵌套过深：文件结构不正常") from None
        index += 1
        if isinstance(record, dict):
            collect(questions, errors, _from_record, record, shown, _line(text, start), index)
        else:
            errors.append(SourceError(shown, _line(text, start), f"第{index}题应为对象 {{…}}"))
        position = _skip(text, position)
        if position < len(text) and text[position] == ",":
            position = _skip(text, position + 1)
    raise_collected(errors)
    return questions


_JSON_PROBLEMS = [
    ("Expecting value", "这里缺少值（多余的逗号，或缺少引号？）"),
    ("delimiter", "缺少逗号或冒号"),
    ("Expecting property name", "键名应使用英文双引号"),
    ("Unterminated string", "引号没有闭合"),
    ("Invalid control character", "引号中有换行或控制字符：换行应写成 \\n"),
    ("Invalid \\escape", "无法识别的反斜杠转义：反斜杠应写成 \\\\"),
    ("Invalid \\u", "无法识别的 \\u 转义"),
]


def _json_reason(message: str) -> str:
    """json's English message in Chinese."""
    return next((reason for words, reason in _JSON_PROBLEMS if words in message), "这一行的写法无法识别")


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _from_record(record: dict, shown: str, line: int, index: int) -> LintQuestion:
    """A YAML or JSON question in our schema (answers are option texts, see DESIGN.md §4)."""
    label = str(record.get("id") or f"第{index}题")

    def fail(reason: str) -> SourceError:
        return SourceError(shown, line, f"{label}: {reason}")

    qtype = record.get("type")
    if qtype not in TYPES:
        raise fail(f"题型应为 {'、'.join(TYPES)} 之一，实际为“{qtype}”")
    stem = record.get("stem")
    if not isinstance(stem, str) or not stem.strip():
        raise fail("缺少题干（stem）")
    options = record.get("options") or []
    if qtype in ("single", "multiple"):
        if not isinstance(options, list) or len(options) < 2:
            raise fail("选择题应有选项列表（options）")
        options = [str(option) for option in options]
    answer = record.get("answer")
    if answer is None or answer == "" or answer == []:
        raise fail("缺少答案（answer）")
    if qtype == "single":
        if str(answer) not in options:
            raise fail(f"答案“{answer}”不在选项中")
        answer = str(answer)
    elif qtype == "multiple":
        if not isinstance(answer, list) or any(str(a) not in options for a in answer):
            raise fail("多选题的答案应为选项原文的列表")
        answer = [str(a) for a in answer]
    elif qtype == "judge":
        if not isinstance(answer, bool):
            raise fail(f"判断题的答案应为 true 或 false，实际为“{answer}”")
    else:
        if not isinstance(answer, list) or not answer:
            raise fail("填空题的答案应为每空一个列表")
        answer = [str(blank[0] if isinstance(blank, list) and blank else blank) for blank in answer]
    articles = record.get("articles") or []
    if not isinstance(articles, list) or not all(isinstance(a, int) for a in articles):
        raise fail("articles 应为条号（整数）列表")
    notice = record.get("notice")
    explanation = record.get("explanation")
    provisions = parse_provisions(explanation) if isinstance(explanation, str) else []
    quotes = quotations(explanation) if isinstance(explanation, str) else []
    return LintQuestion(label, shown, line, qtype, stem, options, answer, list(articles),
                        str(notice) if notice else None, provisions, quotes)


# ---------- CSV: 题型,题干,A,B,C,D,E,答案[,出处] ----------

COLUMN_NAMES = {"type": ("题型", "类型", "题目类型"), "stem": ("题干", "题目", "试题", "题目内容"),
                "answer": ("答案", "正确答案", "参考答案", "标准答案"), "source": ("出处", "依据", "条款", "来源")}


def _read_csv(text: str, shown: str) -> list[LintQuestion]:
    rows = csv.reader(io.StringIO(text))
    try:
        header = next(rows)
    except StopIteration:
        raise SourceError(shown, 1, "CSV 文件是空的") from None
    except csv.Error as error:
        raise SourceError(shown, 1, csv_reason(error)) from None
    names = [plain(cell) for cell in header]
    columns: dict[str, int] = {}
    for name, words in COLUMN_NAMES.items():
        for index, cell in enumerate(names):
            if cell in words:
                columns[name] = index
                break
    missing = [COLUMN_NAMES[n][0] for n in ("type", "stem", "answer") if n not in columns]
    if missing:
        raise SourceError(shown, 1, f"表头缺少列：{'、'.join(missing)}（应为 题型,题干,A,B,C,D,E,答案,出处）")
    letters = {}
    for index, cell in enumerate(names):
        letter = re.fullmatch(r"(?:选项)?([A-Ha-h])(?:选项)?", cell)
        if letter:
            letters[letter.group(1).upper()] = index
    questions, errors, number = [], [], 0
    line = rows.line_num + 1  # where the next row starts
    try:
        for row in rows:
            start, line = line, rows.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            def cell(index, row=row):
                return row[index].strip() if index is not None and index < len(row) else ""

            number += 1
            qtype = type_of(cell(columns["type"]))
            if qtype is None:
                errors.append(SourceError(shown, start, f"第{number}题: 题型“{cell(columns['type'])}”无法识别"
                                                        "（应为 单选、多选、判断、填空）"))
                continue
            options = {letter: cell(index) for letter, index in sorted(letters.items()) if cell(index)}
            source = cell(columns.get("source"))
            collect(questions, errors, from_letters, f"第{number}题", shown, start, qtype,
                     cell(columns["stem"]), options, cell(columns["answer"]), source)
    except csv.Error as error:  # at the row being read: where an unclosed quote begins
        errors.append(SourceError(shown, line, csv_reason(error)))
    raise_collected(errors)
    return questions
