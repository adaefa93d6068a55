"""Load the question banks (quizzes/*.yml) and the exam settings, refusing schema errors.

`load_bank` refuses schema errors (the shape of each question); `quiz.validate.validate_bank` checks grounding
(what a question says is really in the article or notice section it cites). Both report every problem at once
as SourceError(path, line, "question id: reason"), so an author can fix a whole file in one pass.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from ..errors import SourceError, SourceErrors, display_path
from ..texts.grounding import normalise
from ..yamlfile import BOOL_TAG, INT_TAG, NULL_TAG, compose_file, construct, line_of, scalar, shown
from .exam import load_exam
from .grading import normalise_fill
from .model import (
    BLANK,
    BLANK_RUN_RE,
    CHOICE_TYPES,
    DIFFICULTIES,
    EXAM_FILE,
    FIELDS,
    ID_RE,
    MIN_OPTIONS,
    NOT_BANKS,
    REQUIRED,
    TAGS,
    TYPE_NAMES,
    TYPES,
    Bank,
    Question,
)


def load_bank(folder: str | Path) -> Bank:
    """Read every bank file in `folder` and its exam.yml; raise SourceErrors listing all schema problems."""
    folder = Path(folder)
    errors: list[SourceError] = []
    warnings: list[SourceError] = []
    questions: list[Question] = []
    for path in bank_files(folder):
        found = _load_file(path, errors)
        if not found and not any(error.path == display_path(path) for error in errors):
            warnings.append(SourceError(display_path(path), None, "题库文件中没有题目（空文件、只有注释或 []），"
                                                                  "网站上不会出现它的题"))
        questions += found
    for path in sorted(Path(folder).glob("*.yaml")):
        if path.with_suffix(".yml").name in NOT_BANKS:
            errors.append(SourceError(display_path(path), None,
                                      f"设置文件应命名为 {path.with_suffix('.yml').name}（扩展名 .yml），否则不会被读取"))
    _check_unique(questions, errors)
    # Refused questions are missing from `questions`, so a quota can only be checked against a clean bank.
    exam = load_exam(folder / EXAM_FILE, None if errors else questions, errors)
    if errors:
        raise SourceErrors(errors)
    return Bank(questions, exam, warnings)


def bank_files(folder: str | Path) -> list[Path]:
    """quizzes/*.yml and *.yaml (both are YAML; authors use either), except the settings files."""
    paths = [*Path(folder).glob("*.yml"), *Path(folder).glob("*.yaml")]
    return sorted(path for path in paths if path.with_suffix(".yml").name not in NOT_BANKS)


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
        front = self._flag("front_matter")
        if not articles and notice is None and not front:
            self.fail("缺少出处：articles、notice 和 front_matter 至少要有一个")
        explanation = self._text("explanation")
        if "explanation" in self.nodes and not explanation.strip():
            self.fail("解析（explanation）不能为空", "explanation")
        difficulty = self._difficulty()
        tags = self._tags()
        unordered = self._flag("unordered")
        if unordered and qtype != "fill":
            self.fail("unordered 只用于填空题", "unordered")
        shuffle = self._shuffle()
        if not self.ok:
            return None
        return Question(qid, qtype, stem, options, answer, articles, notice, explanation, difficulty,
                        self.path, line_of(self.node), dict(self.lines), tags=tags, unordered=unordered,
                        front_matter=front, shuffle=shuffle)

    def _peek_id(self) -> str | None:
        """The id as written, so that every message about this question names it, even one about a field
        that comes before `id:`."""
        for key_node, value_node in self.node.value:
            if key_node.value == "id" and (qid := scalar(value_node)):
                return qid.strip()
        return None

    def _collect_fields(self) -> None:
        for key_node, value_node in self.node.value:
            name = key_node.value
            if name not in FIELDS:  # a repeated field is refused when the file is read (yamlfile)
                self.fail(f"未知字段“{name}”（允许：{'、'.join(FIELDS)}）", key_node)
            else:
                self.nodes[name] = value_node
                self.lines[name] = line_of(key_node)

    def _text(self, name: str) -> str:
        node = self.nodes.get(name)
        if node is None:
            return ""
        text = scalar(node)
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
        texts = [scalar(item) for item in node.value]
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
            # YAML 1.1 also reads yes/no/on/off as booleans: an author writing `yes` may mean the option
            # text "是", so only the unambiguous spellings are accepted.
            if node.tag != BOOL_TAG or node.value.lower() not in ("true", "false"):
                self.fail(f"判断题的答案应为 true 或 false，实际为“{shown(node)}”", "answer")
                return None
            return construct(node)
        return self._fill_answer(node, stem)

    def _single_answer(self, node: yaml.Node, options: list[str]) -> str | None:
        answer = scalar(node)
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
            for variant in variants:
                if not normalise_fill(variant):
                    # Grading drops punctuation and symbols, so such a blank could never be answered right.
                    self.fail(f"填空题答案“{variant}”只有标点或空白，无法作答：应为条文中的字词或数字", "answer")
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
                not isinstance(item, yaml.ScalarNode) or item.tag != INT_TAG for item in node.value):
            self.fail("articles 应为条号（整数）列表，如 [19] 或 [17, 26]", "articles")
            return []
        return [construct(item) for item in node.value]

    def _notice(self) -> str | None:
        node = self.nodes.get("notice")
        if node is None or node.tag == NULL_TAG:
            return None
        text = scalar(node)
        if text is None or not text.strip():
            self.fail("notice 应为通知的一个部分，如 \"二（四）\"", "notice")
            return None
        return text

    def _tags(self) -> list[str]:
        node = self.nodes.get("tags")
        if node is None:
            return []
        tags = self._texts("tags", node) or []
        for tag in tags:
            if tag not in TAGS:
                self.fail(f"未知标签“{tag}”（允许：{'、'.join(TAGS)}）", "tags")
        if len(set(tags)) < len(tags):
            self.fail("标签重复", "tags")
        return tags

    def _flag(self, name: str) -> bool:
        node = self.nodes.get(name)
        if node is None:
            return False
        if node.tag != BOOL_TAG:
            self.fail(f"{name} 应为 true 或 false，实际为“{shown(node)}”", name)
            return False
        return construct(node)

    def _difficulty(self) -> int:
        node = self.nodes.get("difficulty")
        if node is None:
            return 0
        value = construct(node) if node.tag == INT_TAG else None
        if value not in DIFFICULTIES:
            self.fail(f"难度应为 1、2 或 3，实际为“{shown(node)}”", "difficulty")
            return 0
        return value

    def _shuffle(self) -> bool:
        node = self.nodes.get("shuffle")
        if node is None:
            return True
        if node.tag != BOOL_TAG:
            self.fail(f"shuffle 应为 true 或 false，实际为“{shown(node)}”", "shuffle")
            return True
        return construct(node)


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
