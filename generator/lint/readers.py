"""Read a question bank someone else wrote: our YAML, our JSON export, a CSV, or the common text format.

Every reader returns the same plain questions (answers as option texts, judge answers as bools, fill answers
as one text per blank). A file that cannot be read stops with SourceError(file, line, reason), in Chinese.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import SourceError, display_path
from ..texts.numerals import NUMERAL_CHARS, parse_chinese_number
from ..yamlfile import BOOL_TAG, compose_file, construct, line_of, scalar

TYPE_WORDS = {"single": ("单选", "单项选择"), "multiple": ("多选", "多项选择", "不定项"),
              "judge": ("判断", "是非"), "fill": ("填空",)}
TYPES = tuple(TYPE_WORDS)
TRUE_WORDS = {"对", "正确", "√", "✓", "✔", "t", "true", "是", "y", "yes", "right"}
FALSE_WORDS = {"错", "错误", "×", "✗", "✘", "x", "f", "false", "否", "n", "no", "wrong"}
LETTERS = "ABCDEFGH"
ARTICLE_RE = re.compile(rf"第([{NUMERAL_CHARS}\d]+)条")
NOTICE_RE = re.compile(rf"通知\s*([{NUMERAL_CHARS}]+(?:[（(][{NUMERAL_CHARS}]+[）)])?)")


@dataclass
class LintQuestion:
    label: str  # how the report names it: the id, or the number the file gave it
    path: str
    line: int
    type: str  # single | multiple | judge | fill
    stem: str
    options: list[str]
    answer: object  # single: str; multiple: list[str]; judge: bool; fill: list[str], one per blank
    articles: list[int] = field(default_factory=list)  # the citation the file gives, if any
    notice: str | None = None

    def keyed(self) -> set[str]:
        """The option texts the file marks as right (choice questions)."""
        if self.type == "single":
            return {self.answer}
        if self.type == "multiple":
            return set(self.answer)
        return set()


def read_bank(path: str | Path) -> list[LintQuestion]:
    """Read a bank by its extension (.yml/.yaml, .json, .csv; anything else as text).

    Raises SourceError (file, line, reason) when the file cannot be read as a bank."""
    path = Path(path)
    shown = display_path(path)
    if not path.is_file():
        raise SourceError(shown, None, "文件不存在")
    suffix = path.suffix.lower()
    if suffix in (".yml", ".yaml"):
        questions = _read_yaml(path, shown)
    elif suffix == ".json":
        questions = _read_json(decode(path.read_bytes(), shown), shown)
    elif suffix == ".csv":
        questions = _read_csv(decode(path.read_bytes(), shown), shown)
    else:
        questions = read_text_bank(decode(path.read_bytes(), shown), shown)
    if not questions:
        raise SourceError(shown, None, "没有读到任何题目（支持本站 YAML/JSON、CSV 和常见文本题库格式）")
    return questions


def decode(data: bytes, shown: str) -> str:
    """UTF-8 (with or without BOM) first; otherwise what charset-normalizer detects (GBK exports of Excel)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise SourceError(shown, None, "无法识别文件编码（请另存为 UTF-8 或 GBK）")
    encoding = best.encoding
    if encoding.replace("_", "").lower() in ("gb2312", "gbk"):
        encoding = "gb18030"  # a superset: Excel's "GBK" files may hold characters GB2312 lacks
    return data.decode(encoding, errors="replace")


# ---------- our YAML ----------

def _read_yaml(path: Path, shown: str) -> list[LintQuestion]:
    errors: list[SourceError] = []
    root = compose_file(path, errors)
    if errors:
        raise errors[0]
    if not isinstance(root, yaml.SequenceNode):
        raise SourceError(shown, line_of(root) if root else None, "题库文件应为题目列表（每题以“- id:”开头）")
    questions = []
    for index, node in enumerate(root.value, start=1):
        if not isinstance(node, yaml.MappingNode):
            raise SourceError(shown, line_of(node), f"第{index}题应为“字段: 值”的映射")
        fields = {key.value: value for key, value in node.value}
        record = {}
        for name, value in fields.items():
            if name == "answer" and value.tag == BOOL_TAG:
                record[name] = construct(value)
            elif isinstance(value, yaml.SequenceNode):
                record[name] = construct(value)
            else:
                record[name] = scalar(value)
        questions.append(_from_record(record, shown, line_of(node), index))
    return questions


# ---------- our JSON export ----------

def _read_json(text: str, shown: str) -> list[LintQuestion]:
    decoder = json.JSONDecoder()
    position = _skip(text, 0)
    if position >= len(text) or text[position] != "[":
        raise SourceError(shown, _line(text, position), "JSON 题库应为题目列表（以 [ 开头）")
    position = _skip(text, position + 1)
    questions = []
    while position < len(text) and text[position] != "]":
        start = position
        try:
            record, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            raise SourceError(shown, error.lineno, f"不是有效的 JSON：{error.msg}") from None
        if not isinstance(record, dict):
            raise SourceError(shown, _line(text, start), f"第{len(questions) + 1}题应为对象 {{…}}")
        questions.append(_from_record(record, shown, _line(text, start), len(questions) + 1))
        position = _skip(text, position)
        if position < len(text) and text[position] == ",":
            position = _skip(text, position + 1)
    return questions


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
    return LintQuestion(label, shown, line, qtype, stem, options, answer, list(articles),
                        str(notice) if notice else None)


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
        raise SourceError(shown, 1, f"不是有效的 CSV：{error}") from None
    names = [_plain(cell) for cell in header]
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
    questions = []
    try:
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            def cell(index, row=row):
                return row[index].strip() if index is not None and index < len(row) else ""

            qtype = _type_of(cell(columns["type"]))
            if qtype is None:
                raise SourceError(shown, line, f"第{len(questions) + 1}题: 题型“{cell(columns['type'])}”无法识别"
                                               "（应为 单选、多选、判断、填空）")
            options = {letter: cell(index) for letter, index in sorted(letters.items()) if cell(index)}
            source = cell(columns.get("source"))
            questions.append(_from_letters(f"第{len(questions) + 1}题", shown, line, qtype,
                                           cell(columns["stem"]), options, cell(columns["answer"]), source))
    except csv.Error as error:
        raise SourceError(shown, rows.line_num, f"不是有效的 CSV：{error}") from None
    return questions


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).strip("\ufeff")


def _type_of(text: str) -> str | None:
    text = _plain(text)
    for qtype, words in TYPE_WORDS.items():
        if any(word in text for word in words):
            return qtype
    return None


def _from_letters(label: str, shown: str, line: int, qtype: str | None, stem: str, options: dict[str, str],
                  answer: str, source: str = "") -> LintQuestion:
    """A question whose options are lettered and whose answer is given as letters (CSV and text banks)."""

    def fail(reason: str) -> SourceError:
        return SourceError(shown, line, f"{label}: {reason}")

    if not stem.strip():
        raise fail("缺少题干")
    plain = _plain(answer)
    if not plain:
        raise fail("缺少答案")
    judge = _judge_value(plain, options)
    if qtype is None:
        if options and judge is None:
            qtype = "multiple" if len(_letters(plain)) > 1 else "single"
        else:
            qtype = "judge" if judge is not None else "fill"
    articles, notice = parse_source(source)
    if qtype == "judge":
        if judge is None:
            raise fail(f"判断题的答案应为 对/错、正确/错误 或 √/×，实际为“{answer}”")
        return LintQuestion(label, shown, line, qtype, stem, [], judge, articles, notice)
    if qtype == "fill":
        blanks = [part.strip() for part in re.split(r"[；;|｜]", answer) if part.strip()]
        return LintQuestion(label, shown, line, qtype, stem, [], blanks, articles, notice)
    if len(options) < 2:
        raise fail("选择题至少应有两个选项（A、B 列）")
    letters = _letters(plain)
    if not letters:
        raise fail(f"答案“{answer}”应为选项字母，如 A 或 ABD")
    unknown = [letter for letter in letters if letter not in options]
    if unknown:
        raise fail(f"答案中的 {'、'.join(unknown)} 没有对应的选项")
    texts = list(options.values())
    chosen = [options[letter] for letter in letters]
    if qtype == "single":
        if len(chosen) != 1:
            raise fail(f"单选题只能有一个答案，实际为“{answer}”")
        return LintQuestion(label, shown, line, qtype, stem, texts, chosen[0], articles, notice)
    return LintQuestion(label, shown, line, qtype, stem, texts, chosen, articles, notice)


def _letters(plain: str) -> str:
    """'A、B、C' → 'ABC'; characters that are not option letters are left for the caller to reject."""
    cleaned = re.sub(r"[、,，;；\s()（）【】\[\]]", "", plain).upper()
    return "".join(dict.fromkeys(cleaned)) if all(ch in LETTERS for ch in cleaned) else ""


def _judge_value(plain: str, options: dict[str, str]) -> bool | None:
    word = plain.lower()
    if word.upper() in options and len(word) == 1:  # A/B judges whose options read 正确/错误
        word = _plain(options[word.upper()]).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def parse_source(text: str) -> tuple[list[int], str | None]:
    """'第二十二条、第23条' → [22, 23]; '通知二（四）' → notice key '二（四）'."""
    articles = []
    for number in ARTICLE_RE.findall(text or ""):
        try:
            articles.append(int(number) if number.isdigit() else parse_chinese_number(number))
        except ValueError:
            continue
    match = NOTICE_RE.search(text or "")
    notice = match.group(1).replace("(", "（").replace(")", "）") if match else None
    return articles, notice


# ---------- the common text format ----------

# 一、单项选择题（每题1分） / （二）多选题 / 第三部分 判断题 / 判断题：
SECTION_RE = re.compile(rf"^(?:[{NUMERAL_CHARS}]+\s*[、.．]|[（(][{NUMERAL_CHARS}]+[）)]"
                        rf"|第[{NUMERAL_CHARS}]+部分)?\s*"
                        r"(\S{0,4}(?:单项选择|单选|多项选择|多选|不定项|判断|是非|填空)题?.{0,24})$")
NUMBER_RE = re.compile(r"^(?:(\d{1,4})\s*[.．、)）]|[（(](\d{1,4})[)）]|第\s*(\d{1,4})\s*题[.．、:：]?)\s*(.*)$")
OPTION_RE = re.compile(r"(?:^|(?<=\s))([A-H])\s*[.．、:：)）]\s*")
# A.书面 B.口头, or, with nothing after the letters, A 书面  B 口头 (only when the line starts so).
BARE_OPTION_RE = re.compile(r"(?:^|(?<=\s))([A-H])\s+")
BLANK_IN_LINE_RE = re.compile(r"[（(]\s*[）)]|_{2,}")
ANSWER_RE = re.compile(r"^[【\[]?(?:参考答案|正确答案|标准答案|答案)[】\]]?\s*[:：]?\s*(.*)$")
NOTE_RE = re.compile(r"^[【\[]?(?:答案解析|解析|解释|说明|分析)[】\]]?\s*[:：]?")
SOURCE_RE = re.compile(r"^[【\[]?(?:出处|依据|条款|来源)[】\]]?\s*[:：]?\s*(.*)$")
# A key written inside the blank, a habit of many printed banks: 信访人一般应当采用（ A ）形式……
INLINE_ANSWER_RE = re.compile(r"[（(]\s*([A-H](?:\s*[、,，]?\s*[A-H])*|√|×|✓|✗|对|错|正确|错误)\s*[)）]")


def read_text_bank(text: str, shown: str) -> list[LintQuestion]:
    """The common Chinese text format: numbered stems, `A.` options, `答案：X`, optional `解析：` and `出处：`."""
    questions: list[LintQuestion] = []
    section_type: str | None = None
    current: dict | None = None

    def finish() -> None:
        if current is not None:
            questions.append(_text_question(current, shown))

    for index, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line:
            continue
        section = SECTION_RE.match(line)
        if section and not NUMBER_RE.match(line) and not BLANK_IN_LINE_RE.search(line):
            finish()
            current = None
            section_type = _type_of(section.group(1))
            continue
        number = NUMBER_RE.match(line)
        if number:
            finish()
            label = next(group for group in number.groups()[:3] if group)
            current = {"label": f"第{label}题", "line": index, "type": section_type, "stem": number.group(4),
                       "options": {}, "answer": None, "source": "", "note": False, "last": "stem"}
            continue
        if current is None:
            continue  # a title or a preface before the first question
        answer = ANSWER_RE.match(line)
        source = SOURCE_RE.match(line)
        if answer:
            current["answer"] = answer.group(1)
            current["last"] = "answer"
        elif source:
            current["source"] += source.group(1)
        elif NOTE_RE.match(line):
            current["note"] = True
            current["last"] = "note"
        elif current["note"]:
            continue
        elif OPTION_RE.match(line) or (re.match(r"^A\s+\S", line) and re.search(r"\sB\s+\S", line)):
            parts = (OPTION_RE if OPTION_RE.match(line) else BARE_OPTION_RE).split(line)
            for letter, body in zip(parts[1::2], parts[2::2]):
                current["options"][letter] = body.strip()
            current["last"] = "option"
        elif current["last"] == "stem":
            current["stem"] += line
        elif current["last"] == "option" and current["options"]:
            last = list(current["options"])[-1]
            current["options"][last] += line
    finish()
    return questions


def _text_question(current: dict, shown: str) -> LintQuestion:
    stem, answer = current["stem"].strip(), current["answer"]
    if answer is None:
        inline = INLINE_ANSWER_RE.search(stem)
        if inline:
            answer = inline.group(1)
            stem = stem[:inline.start()] + "（　）" + stem[inline.end():]
    if answer is None:
        raise SourceError(shown, current["line"], f"{current['label']}: 没有找到答案（应有“答案：X”一行）")
    source_articles, notice = parse_source(current["source"])
    question = _from_letters(current["label"], shown, current["line"], current["type"], stem,
                             current["options"], answer, current["source"])
    question.articles, question.notice = source_articles, notice
    return question
