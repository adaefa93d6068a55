"""Load the question banks (quizzes/*.yml) and the exam settings (quizzes/exam.yml), and check them.

`load_bank` refuses schema errors (the shape of each question); `validate_bank` checks grounding (what a
question says is really in the article or notice section it cites). Both report every problem at once as
SourceError(path, line, "question id: reason"), so an author can fix a whole file in one pass.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from ..errors import SourceError, SourceErrors, display_path
from ..texts.grounding import appears_in, normalise, numbers, quotations
from ..texts.notice import Notice
from ..texts.numerals import to_chinese_number
from ..texts.regulation import Regulation
from ..yamlfile import compose_file, line_of

TYPES = ("single", "multiple", "judge", "fill")
TYPE_NAMES = {"single": "单选", "multiple": "多选", "judge": "判断", "fill": "填空"}
FIELDS = ("id", "type", "stem", "options", "answer", "articles", "notice", "explanation", "difficulty")
REQUIRED = ("id", "type", "stem", "answer", "explanation", "difficulty")
CHOICE_TYPES = ("single", "multiple")
MIN_OPTIONS = 3
DIFFICULTIES = (1, 2, 3)
# Files in quizzes/ that are settings, not banks.
EXAM_FILE = "exam.yml"
NOT_BANKS = {EXAM_FILE, "competition.yml"}
EXAM_KEYS = ("title", "minutes", "quota", "points")
# A fill blank is exactly four ASCII underscores; any other run of underscores is a typo.
BLANK_RUN_RE = re.compile(r"_+")
BLANK = "____"
# Ids end up in localStorage keys, URLs and data-question-id attributes.
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
# Summary: articles with fewer questions than this are listed so authors know where to write next.
THIN_ARTICLE = 3

_BOOL_TAG = "tag:yaml.org,2002:bool"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_NULL_TAG = "tag:yaml.org,2002:null"


@dataclass
class Question:
    id: str
    type: str
    stem: str
    options: list[str]
    answer: object  # str | list[str] | bool | list[list[str]]
    articles: list[int]
    notice: str | None
    explanation: str
    difficulty: int
    path: str  # file, as shown in messages
    line: int  # 1-based line of the question's `- id:` item
    # 1-based line of each field, so a grounding error can point at the answer or the explanation itself.
    field_lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.line)


@dataclass
class ExamConfig:
    title: str
    minutes: int
    quota: dict[str, int]
    points: dict[str, float]


@dataclass
class Bank:
    questions: list[Question]
    exam: ExamConfig


# ---------------------------------------------------------------- loading


def load_bank(folder: str | Path) -> Bank:
    """Read every bank file in `folder` and its exam.yml; raise SourceErrors listing all schema problems."""
    folder = Path(folder)
    errors: list[SourceError] = []
    questions: list[Question] = []
    for path in bank_files(folder):
        questions += _load_file(path, errors)
    _check_unique(questions, errors)
    # Refused questions are missing from `questions`, so a quota can only be checked against a clean bank.
    exam = _load_exam(folder / EXAM_FILE, None if errors else questions, errors)
    if errors:
        raise SourceErrors(errors)
    return Bank(questions, exam)


def bank_files(folder: str | Path) -> list[Path]:
    return sorted(path for path in Path(folder).glob("*.yml") if path.name not in NOT_BANKS)


def _load_file(path: Path, errors: list[SourceError]) -> list[Question]:
    shown = display_path(path)
    root = compose_file(path, errors)
    if root is None:  # empty file (an author just created it) or a YAML error already reported
        return []
    if not isinstance(root, yaml.SequenceNode):
        errors.append(SourceError(shown, line_of(root), "题库文件应为题目列表（每题以“- id:”开头）"))
        return []
    questions = []
    for index, node in enumerate(root.value, start=1):
        question = _QuestionReader(shown, index, node, errors).read()
        if question is not None:
            questions.append(question)
    return questions


def _construct(node: yaml.Node):
    return SafeConstructor().construct_object(node, deep=True)


def _scalar(node: yaml.Node) -> str | None:
    """The scalar as written (`15` stays "15", not 15), or None for a list, a mapping or null."""
    if isinstance(node, yaml.ScalarNode) and node.tag != _NULL_TAG:
        return node.value
    return None


def _shown(node: yaml.Node) -> str:
    """How a wrong value is quoted back to the author."""
    return node.value if isinstance(node, yaml.ScalarNode) else "列表或映射"


class _QuestionReader:
    """Turns one `- id: …` mapping node into a Question, recording every problem it finds."""

    def __init__(self, path: str, index: int, node: yaml.Node, errors: list[SourceError]):
        self.path, self.node, self.errors = path, node, errors
        self.label = f"第{index}题"  # until the id is known
        self.ok = True
        self.nodes: dict[str, yaml.Node] = {}
        self.lines: dict[str, int] = {}  # field → line of its key, where an author looks for it

    def fail(self, reason: str, at: str | yaml.Node | None = None) -> None:
        """Record a problem at a field (by name), at a node, or at the question's `- id:` line."""
        self.ok = False
        line = self.lines[at] if isinstance(at, str) else line_of(at or self.node)
        self.errors.append(SourceError(self.path, line, f"{self.label}: {reason}"))

    def read(self) -> Question | None:
        if not isinstance(self.node, yaml.MappingNode):
            self.fail("每题应为“字段: 值”的映射，以“- id:”开头")
            return None
        self.label = self._peek_id() or self.label
        self._collect_fields()
        qid = self._id()
        qtype = self._type()
        for name in REQUIRED:
            if name not in self.nodes:
                self.fail(f"缺少字段 {name}")
        if qtype in CHOICE_TYPES and "options" not in self.nodes:
            self.fail(f"{TYPE_NAMES[qtype]}题缺少字段 options")
        if qtype in ("judge", "fill") and "options" in self.nodes:
            self.fail(f"{TYPE_NAMES[qtype]}题不应有 options 字段", "options")
        stem = self._text("stem")
        options = self._options() if qtype in CHOICE_TYPES else []
        answer = self._answer(qtype, stem, options)
        articles = self._articles()
        notice = self._notice()
        if not articles and notice is None:
            self.fail("缺少出处：articles 和 notice 至少要有一个")
        explanation = self._text("explanation")
        if "explanation" in self.nodes and not explanation.strip():
            self.fail("解析（explanation）不能为空", "explanation")
        difficulty = self._difficulty()
        if not self.ok:
            return None
        return Question(qid, qtype, stem, options, answer, articles, notice, explanation, difficulty,
                        self.path, line_of(self.node), dict(self.lines))

    def _peek_id(self) -> str | None:
        """The id as written, so that every message about this question names it, even one about a field
        that comes before `id:`."""
        for key_node, value_node in self.node.value:
            if key_node.value == "id" and (qid := _scalar(value_node)):
                return qid.strip()
        return None

    def _collect_fields(self) -> None:
        for key_node, value_node in self.node.value:
            name = key_node.value
            if name not in FIELDS:
                self.fail(f"未知字段“{name}”（允许：{'、'.join(FIELDS)}）", key_node)
            elif name in self.nodes:
                self.fail(f"字段 {name} 重复", key_node)
            else:
                self.nodes[name] = value_node
                self.lines[name] = line_of(key_node)

    def _text(self, name: str) -> str:
        node = self.nodes.get(name)
        if node is None:
            return ""
        text = _scalar(node)
        if text is None:
            self.fail(f"{name} 应为一段文字", name)
            return ""
        return text

    def _id(self) -> str:
        qid = self._text("id")
        if qid and not ID_RE.match(qid):
            self.fail(f"id“{qid}”只能用英文字母、数字、-、_（如 c3-a19-written）", "id")
        return qid

    def _type(self) -> str:
        qtype = self._text("type")
        if "type" in self.nodes and qtype not in TYPES:
            self.fail(f"未知题型“{qtype}”（允许：{'、'.join(TYPES)}）", "type")
            return ""
        return qtype

    def _texts(self, name: str, node: yaml.Node) -> list[str] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(f"{name} 应为列表，如 [书面, 口头, 电话]", name)
            return None
        texts = [_scalar(item) for item in node.value]
        if any(text is None or not text.strip() for text in texts):
            self.fail(f"{name} 的每一项都应为非空文字", name)
            return None
        return texts

    def _options(self) -> list[str]:
        node = self.nodes.get("options")
        if node is None:
            return []
        options = self._texts("options", node) or []
        if options and len(options) < MIN_OPTIONS:
            self.fail(f"选项只有 {len(options)} 个，至少需要 {MIN_OPTIONS} 个", "options")
        for text, count in Counter(normalise(option) for option in options).items():
            if count > 1:
                self.fail(f"选项“{text}”重复", "options")
        return options

    def _answer(self, qtype: str, stem: str, options: list[str]):
        node = self.nodes.get("answer")
        if node is None or not qtype:
            return None
        if qtype == "single":
            return self._single_answer(node, options)
        if qtype == "multiple":
            return self._multiple_answer(node, options)
        if qtype == "judge":
            if node.tag != _BOOL_TAG:
                self.fail(f"判断题的答案应为 true 或 false，实际为“{_shown(node)}”", "answer")
                return None
            return _construct(node)
        return self._fill_answer(node, stem)

    def _single_answer(self, node: yaml.Node, options: list[str]) -> str | None:
        answer = _scalar(node)
        if answer is None:
            self.fail("单选题的答案应为一个选项的文字", "answer")
        elif options and answer not in options:
            self.fail(f"答案“{answer}”不在选项中", "answer")
        return answer

    def _multiple_answer(self, node: yaml.Node, options: list[str]) -> list[str] | None:
        answer = self._texts("answer", node)
        if answer is None:
            return None
        if len(set(answer)) < 2:
            self.fail(f"多选题至少要有 2 个正确答案，实际 {len(set(answer))} 个", "answer")
        for text, count in Counter(answer).items():
            if count > 1:
                self.fail(f"答案“{text}”重复", "answer")
        for text in answer:
            if options and text not in options:
                self.fail(f"答案“{text}”不在选项中", "answer")
        return answer

    def _fill_answer(self, node: yaml.Node, stem: str) -> list[list[str]] | None:
        example = "[[15, 十五]] 或 [[书面], [口头]]"
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.fail(f"填空题的答案应为每空一个列表，如 {example}", "answer")
            return None
        blanks = []
        for blank in node.value:
            if not isinstance(blank, yaml.SequenceNode):
                self.fail(f"填空题的答案应为每空一个列表，如 {example}", "answer")
                return None
            if not blank.value:
                self.fail("填空题的每一空至少要有一个答案", "answer")
                return None
            variants = self._texts("answer", blank)
            if variants is None:
                return None
            blanks.append(variants)
        if "stem" in self.nodes:  # a missing stem is already reported; there are no blanks to count
            self._check_blanks(stem, len(blanks))
        return blanks

    def _check_blanks(self, stem: str, answers: int) -> None:
        runs = BLANK_RUN_RE.findall(stem)
        if any(run != BLANK for run in runs):
            self.fail("填空处应为四个半角下划线 ____", "stem")
        elif len(runs) != answers:
            self.fail(f"题干有 {len(runs)} 个空（____），答案有 {answers} 组", "answer")

    def _articles(self) -> list[int]:
        node = self.nodes.get("articles")
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode) or any(
                not isinstance(item, yaml.ScalarNode) or item.tag != _INT_TAG for item in node.value):
            self.fail("articles 应为条号（整数）列表，如 [19] 或 [17, 26]", "articles")
            return []
        return [_construct(item) for item in node.value]

    def _notice(self) -> str | None:
        node = self.nodes.get("notice")
        if node is None or node.tag == _NULL_TAG:
            return None
        text = _scalar(node)
        if text is None or not text.strip():
            self.fail("notice 应为通知的一个部分，如 \"二（四）\"", "notice")
            return None
        return text

    def _difficulty(self) -> int:
        node = self.nodes.get("difficulty")
        if node is None:
            return 0
        value = _construct(node) if node.tag == _INT_TAG else None
        if value not in DIFFICULTIES:
            self.fail(f"难度应为 1、2 或 3，实际为“{_shown(node)}”", "difficulty")
            return 0
        return value


def _check_unique(questions: list[Question], errors: list[SourceError]) -> None:
    """Ids and stems are unique across files: an id is a localStorage key, a stem is what users see."""
    first_id: dict[str, Question] = {}
    first_stem: dict[str, Question] = {}
    for question in questions:
        earlier = first_id.setdefault(question.id, question)
        if earlier is not question:
            errors.append(SourceError(question.path, question.line,
                                      f"{question.id}: id 重复（首次出现在 {earlier.path}:{earlier.line}）"))
        earlier = first_stem.setdefault(normalise(question.stem), question)
        if earlier is not question:
            errors.append(SourceError(
                question.path, question.line_of("stem"),
                f"{question.id}: 题干与 {earlier.id}（{earlier.path}:{earlier.line}）重复"))


def _load_exam(path: Path, questions: list[Question] | None, errors: list[SourceError]) -> ExamConfig:
    exam = ExamConfig("", 0, {}, {})
    shown = display_path(path)
    if not path.is_file():
        errors.append(SourceError(shown, None, "缺少模拟考试设置文件"))
        return exam
    root = compose_file(path, errors)
    if root is None:
        if not any(error.path == shown for error in errors):
            errors.append(SourceError(shown, 1, f"考试设置应包含 {'、'.join(EXAM_KEYS)}"))
        return exam
    if not isinstance(root, yaml.MappingNode):
        errors.append(SourceError(shown, line_of(root), f"考试设置应为“键: 值”映射（{'、'.join(EXAM_KEYS)}）"))
        return exam

    def fail(node: yaml.Node, reason: str) -> None:
        errors.append(SourceError(shown, line_of(node), reason))

    values = {}
    for key_node, value_node in root.value:
        if key_node.value not in EXAM_KEYS:
            fail(key_node, f"未知的考试设置“{key_node.value}”（允许：{'、'.join(EXAM_KEYS)}）")
        else:
            values[key_node.value] = value_node
    for key in EXAM_KEYS:
        if key not in values:
            fail(root, f"考试设置缺少 {key}")
    if "title" in values:
        exam.title = _exam_title(values["title"], fail)
    if "minutes" in values:
        exam.minutes = _exam_number(values["minutes"], "minutes", fail, whole=True, zero=False)
    if "quota" in values:
        exam.quota = _exam_per_type(values["quota"], "quota", fail, whole=True, zero=True)
        if questions is not None and isinstance(values["quota"], yaml.MappingNode):
            _check_quota(values["quota"], exam.quota, questions, fail)
    if "points" in values:
        exam.points = _exam_per_type(values["points"], "points", fail, whole=False, zero=False)
        for qtype, count in exam.quota.items():
            if count and qtype not in exam.points:
                fail(values["points"], f"points 缺少 {qtype}（quota 抽 {count} 道{TYPE_NAMES[qtype]}题）")
    return exam


def _exam_title(node: yaml.Node, fail) -> str:
    if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
        fail(node, "title 应为非空文字")
        return ""
    return node.value


def _exam_number(node: yaml.Node, name: str, fail, whole: bool, zero: bool):
    """minutes: a positive whole number; quota: whole, zero allowed; points: any positive number."""
    tags = (_INT_TAG,) if whole else (_INT_TAG, _FLOAT_TAG)
    value = _construct(node) if isinstance(node, yaml.ScalarNode) and node.tag in tags else None
    if value is None or value < 0 or (value == 0 and not zero):
        kind = ("非负" if zero else "正") + ("整数" if whole else "数")
        fail(node, f"{name} 应为{kind}，实际为“{_shown(node)}”")
        return 0
    return value


def _exam_per_type(node: yaml.Node, name: str, fail, whole: bool, zero: bool) -> dict:
    if not isinstance(node, yaml.MappingNode):
        fail(node, f"{name} 应为按题型的映射，如 {{single: 20, multiple: 10, judge: 10, fill: 5}}")
        return {}
    result = {}
    for key_node, value_node in node.value:
        if key_node.value not in TYPES:
            fail(key_node, f"{name} 中的未知题型“{key_node.value}”（允许：{'、'.join(TYPES)}）")
            continue
        result[key_node.value] = _exam_number(value_node, name, fail, whole, zero)
    return result


def _check_quota(node: yaml.MappingNode, quota: dict[str, int], questions: list[Question], fail) -> None:
    available = Counter(question.type for question in questions)
    for key_node, _ in node.value:
        qtype = key_node.value
        if quota.get(qtype, 0) > available[qtype]:
            name = TYPE_NAMES[qtype]
            fail(key_node, f"quota 要抽 {quota[qtype]} 道{name}题，题库只有 {available[qtype]} 道")


# ---------------------------------------------------------------- grounding


def validate_bank(bank: Bank, regulation: Regulation, notice: Notice) -> list[SourceError]:
    """Grounding: every citation exists, and what a question quotes or asks for is in the cited text."""
    errors: list[SourceError] = []
    for question in bank.questions:
        errors += _validate_question(question, regulation, notice)
    return errors


def _validate_question(question: Question, regulation: Regulation, notice: Notice) -> list[SourceError]:
    errors: list[SourceError] = []

    def fail(name: str, reason: str) -> None:
        errors.append(SourceError(question.path, question.line_of(name), f"{question.id}: {reason}"))

    total = len(regulation.articles)
    for number in question.articles:
        if not _has_article(regulation, number):
            fail("articles", f"第{_chinese(number)}条不存在（条例共{to_chinese_number(total)}条）")
    if question.notice is not None and question.notice not in notice.section_keys():
        fail("notice", f"通知中没有“{question.notice}”部分（可用：{'、'.join(notice.section_keys())}）")
    if errors:
        return errors  # without a valid citation there is no text to check against

    cited = cited_text(question, regulation, notice)
    for problem in _grounding_problems(question, cited):
        fail(*problem)
    return errors


def cited_text(question: Question, regulation: Regulation, notice: Notice) -> str:
    """The text a question is grounded in: its articles' wording, then its notice section."""
    parts = [regulation.article(number).text for number in question.articles]
    if question.notice is not None:
        parts.append(notice.section_text(question.notice))
    return "\n".join(parts)


def _grounding_problems(question: Question, cited: str) -> list[tuple[str, str]]:
    problems = []
    if question.type == "fill":
        for index, variants in enumerate(question.answer, start=1):
            if not appears_in(variants[0], cited):
                problems.append(("answer", f"第{index}空的答案“{variants[0]}”在所引原文中找不到"))
    digit_sources = {"judge": ("stem", question.stem), "single": ("answer", question.answer)}
    if question.type in digit_sources:
        name, text = digit_sources[question.type]
        cited_numbers = set(numbers(cited))
        for number in dict.fromkeys(numbers(text)):
            if number not in cited_numbers:
                where = "题干" if name == "stem" else "答案"
                problems.append((name, f"{where}中的数字“{number}”在所引原文中找不到"))
    for name in ("stem", "explanation"):
        for quote in quotations(getattr(question, name)):
            if not appears_in(quote, cited):
                where = "题干" if name == "stem" else "解析"
                problems.append((name, f"{where}引号内的“{quote}”不是所引原文的原话"))
    return problems


def _has_article(regulation: Regulation, number: int) -> bool:
    try:
        regulation.article(number)
    except KeyError:
        return False
    return True


def _chinese(number: int) -> str:
    return to_chinese_number(number) if 0 < number < 1000 else str(number)


# ---------------------------------------------------------------- summary and scopes


def question_chapter(question: Question, regulation: Regulation) -> str:
    """Practice scope: "chapter-3" for the chapter of the first cited article, "notice" otherwise."""
    if question.articles:
        return f"chapter-{regulation.article(question.articles[0]).chapter}"
    return "notice"


def bank_summary(bank: Bank, regulation: Regulation) -> list[str]:
    """Printable lines: per file and overall counts by type and difficulty, then coverage per article."""
    lines = []
    by_file: dict[str, list[Question]] = {}
    for question in bank.questions:
        by_file.setdefault(question.path, []).append(question)
    for path, questions in by_file.items():
        lines.append(f"{path}: {_counts(questions)}")
    total = len(bank.questions)
    lines.append(f"合计: {_counts(bank.questions)}")
    if total:
        shares = Counter(question.type for question in bank.questions)
        lines.append("题型占比: " + "、".join(
            f"{TYPE_NAMES[qtype]} {shares[qtype] * 100 / total:.0f}%" for qtype in TYPES))
    lines += _article_coverage(bank, regulation)
    return lines


def _counts(questions: list[Question]) -> str:
    return f"{len(questions)} 题（{_type_counts(questions)}；{_difficulty_counts(questions)}）"


def _type_counts(questions: list[Question]) -> str:
    counts = Counter(question.type for question in questions)
    return "、".join(f"{TYPE_NAMES[qtype]} {counts[qtype]}" for qtype in TYPES)


def _difficulty_counts(questions: list[Question]) -> str:
    counts = Counter(question.difficulty for question in questions)
    return "、".join(f"难度{level} {counts[level]}" for level in DIFFICULTIES)


def _article_coverage(bank: Bank, regulation: Regulation) -> list[str]:
    # A question citing [17, 26] counts for both articles: it appears on both articles' practice lists.
    counts = Counter(number for question in bank.questions for number in set(question.articles))
    per_article = {article.number: counts[article.number] for article in regulation.articles}
    if not per_article:
        return []
    low, high = min(per_article.values()), max(per_article.values())
    thin = [n for n, count in per_article.items() if count < THIN_ARTICLE]
    return [
        f"每条题数: 最少 {low} 题（{_labels(n for n, c in per_article.items() if c == low)}），"
        f"最多 {high} 题（{_labels(n for n, c in per_article.items() if c == high)}）",
        f"少于 {THIN_ARTICLE} 题的条: " + (
            "、".join(f"第{to_chinese_number(n)}条({per_article[n]})" for n in thin) if thin else "无"),
    ]


def _labels(article_numbers) -> str:
    return "、".join(f"第{to_chinese_number(n)}条" for n in article_numbers)
