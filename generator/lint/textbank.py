"""The common Chinese text format of 题库: numbered stems, lettered options, `答案：X` lines or an answer key.

    一、单项选择题
    1.信访人一般应当采用（ ）形式提出信访事项。
    A.书面  B.口头  C.电话  D.网络
    答案：A
    解析：……

Also read: 1、/1)/（1）/第1题 numbering, A、/A．/A) options on one line or several, 【答案】, a key written inside the
blank （A） or after a judge item （√）, and a 参考答案 block at the end (1.A 2.C 3.√ or 1-5 ABCDA).
"""

from __future__ import annotations

import re
from collections import Counter

from ..errors import SourceError, collect, raise_collected
from ..texts.numerals import NUMERAL_CHARS
from .questions import LintQuestion, from_letters, parse_source, type_of

PART_NUMBER = rf"[{NUMERAL_CHARS}]+\s*[、.．]|[（(][{NUMERAL_CHARS}]+[）)]"  # 一、 or （二）
PART = rf"(?:{PART_NUMBER}|第[{NUMERAL_CHARS}]+部分)"
TYPE_WORD = r"\S{0,4}(?:单项选择|单选|多项选择|多选|不定项|判断|是非|填空)题?"
# 一、单项选择题（每题1分） / （二）多选题 / 第三部分 判断题 / 判断题：
SECTION_RE = re.compile(rf"^{PART}?\s*({TYPE_WORD}.{{0,24}})$")
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


SECTION_NAMES = {"single": "单选", "multiple": "多选", "judge": "判断", "fill": "填空"}
KEY_HEADER_RE = re.compile(r"^[【\[]?(?:参考答案|标准答案|答案)(?:及解析|汇总)?[】\]]?\s*[:：]?\s*$")
KEY_RANGE_RE = re.compile(r"(\d{1,4})\s*[-~～—–]+\s*(\d{1,4})\s*[:：.．、]?\s*([A-H√×]+)")
KEY_PAIR_RE = re.compile(r"(\d{1,4})\s*[.．、:：)）]?\s*([A-H]{1,8}|√|×|✓|✗|正确|错误|对|错)")
# In the key a heading may carry entries and a note: 二、判断题：4.√ 5.√（每题1分，共3分）
KEY_SECTION_RE = re.compile(rf"^{PART}?\s*({TYPE_WORD})\s*(?:参考答案|答案)?\s*[:：]?")
KEY_NUMBERED_RE = re.compile(rf"^(?:{PART_NUMBER})")
KEY_SEPARATOR_RE = re.compile(r"[\s,，、;；。]*")
KEY_NOTE_RE = re.compile(r"[（(][^）)]*[\u4e00-\u9fff][^）)]*[）)]")  # （每题1分）, not （1）


def read_text_bank(text: str, shown: str) -> list[LintQuestion]:
    """The common Chinese text format: numbered stems, `A.` options, `答案：X`, optional `解析：` and `出处：`,
    or an answer key (参考答案) after the questions. SourceError names the line of a question without answer."""
    pending: list[dict] = []
    keys: dict[tuple[str | None, int], str] = {}
    key_lines: dict[tuple[str | None, int], int] = {}  # (section of the key, number) → line, for unused entries
    section_type: str | None = None
    current: dict | None = None
    in_key = False
    for index, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line:
            continue
        section = SECTION_RE.match(line)
        if section and not NUMBER_RE.match(line) and not BLANK_IN_LINE_RE.search(line):
            current, section_type = None, type_of(section.group(1))
            if "答案" in line and (KEY_PAIR_RE.search(line) or KEY_RANGE_RE.search(line)):
                in_key = True  # 单选题答案：1-5 ABCDA: a key split by section, with no 参考答案 line
            if not in_key:
                continue
        answer = ANSWER_RE.match(line)
        if KEY_HEADER_RE.match(line) or (answer and len(KEY_PAIR_RE.findall(answer.group(1))) >= 2):
            if not in_key:
                section_type = None  # the key's own headings say which section; the last question's does not
            in_key, current = True, None
        if in_key:
            heading = KEY_SECTION_RE.match(line)
            if heading:
                section_type, line = type_of(heading.group(1)), line[heading.end():]
            elif answer:
                line = answer.group(1)
            for number in _read_key(line, section_type, keys):
                key_lines.setdefault((section_type, number), index)
            continue
        number = NUMBER_RE.match(line)
        if number:
            label = next(group for group in number.groups()[:3] if group)
            current = {"label": f"第{label}题", "number": int(label), "line": index, "type": section_type,
                       "stem": number.group(4), "options": {}, "answer": None, "source": "", "note": False,
                       "last": "stem"}
            pending.append(current)
            continue
        if current is not None:
            _read_line(current, line, answer)
    labels = Counter(current["label"] for current in pending)
    for current in pending:
        if current["answer"] is None:
            number = current["number"]
            current["answer"] = keys.get((current["type"], number), keys.get((None, number)))
        if labels[current["label"]] > 1 and current["type"]:  # numbering starts again in every section
            current["label"] = SECTION_NAMES[current["type"]] + current["label"]
    questions, errors = [], []
    for current in pending:
        collect(questions, errors, _text_question, current, shown)
    numbered = {(current["type"], current["number"]) for current in pending}
    for (section, number), line in key_lines.items():
        if not any(number == n and (section is None or kind in (None, section)) for kind, n in numbered):
            where = f"{SECTION_NAMES[section]}第{number}题" if section else f"第{number}题"
            errors.append(SourceError(shown, line, f"参考答案中有{where}的答案，题目中却没有{where}："
                                                   "题号可能写错，或有题目缺失"))
    raise_collected(sorted(errors, key=lambda error: error.line or 0))
    return questions


def _read_line(current: dict, line: str, answer) -> None:
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
        return
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


def _read_key(line: str, section_type: str | None, keys: dict) -> list[int]:
    """1.A 2.C 3.√ or 1-5 ABCDA (one letter per question in a range: a range of multiples cannot be read),
    read from the start of the line and stopping at the first text that is not an entry, so an explanation
    (【解析】…(2)对属于下级的…) is never read as answers. Returns the question numbers found."""
    found = []
    text = KEY_NOTE_RE.sub(" ", line)
    position = numbered.end() if (numbered := KEY_NUMBERED_RE.match(text)) else 0  # 一、1.B 2.C
    while True:
        position = KEY_SEPARATOR_RE.match(text, position).end()
        entry = KEY_RANGE_RE.match(text, position) or KEY_PAIR_RE.match(text, position)
        if entry is None or not _entry_ends(text, entry.end()):
            return found
        if entry.re is KEY_RANGE_RE:
            start, end, letters = entry.groups()
            if int(end) - int(start) + 1 != len(letters):
                return found
            pairs = list(zip(range(int(start), int(end) + 1), letters))
        else:
            pairs = [(int(entry.group(1)), entry.group(2))]
        for number, written in pairs:
            keys.setdefault((section_type, number), written)
            keys.setdefault((None, number), written)
            found.append(number)
        position = entry.end()


def _entry_ends(text: str, position: int) -> bool:
    """An entry ends at the end of the line, a separator or the next number: 1.B 2.√3.× but not 1)对依照…"""
    return position == len(text) or text[position].isdigit() or KEY_SEPARATOR_RE.match(text, position).end() > position


def _text_question(current: dict, shown: str) -> LintQuestion:
    stem, answer = current["stem"].strip(), current["answer"]
    if answer is None:
        inline = INLINE_ANSWER_RE.search(stem)
        if inline:
            answer = inline.group(1)
            stem = stem[:inline.start()] + "（　）" + stem[inline.end():]
    if answer is None:
        raise SourceError(shown, current["line"], f"{current['label']}: 没有找到答案（应有“答案：X”一行或文末的参考答案）")
    source_articles, notice = parse_source(current["source"])
    question = from_letters(current["label"], shown, current["line"], current["type"], stem,
                            current["options"], answer, current["source"])
    question.articles, question.notice = source_articles, notice
    return question
