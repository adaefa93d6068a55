"""Read the exam settings (quizzes/exam.yml): title, minutes, quota and points per question type."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import yaml

from ..errors import SourceError, display_path
from ..yamlfile import FLOAT_TAG, INT_TAG, compose_file, construct, line_of, shown
from .model import EXAM_KEYS, TYPE_NAMES, TYPES, ExamConfig, Question

# The most one question may be worth (exam.yml points, key.json points): far above any real paper, and low
# enough that a class's totals, mean and variance stay finite (1e308 points made the mean inf).
MAX_POINTS = 1000


def load_exam(path: Path, questions: list[Question] | None, errors: list[SourceError]) -> ExamConfig:
    """The settings in `path`; problems are appended to `errors`. A quota is checked only against `questions`."""
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
        # An explicit all-zero quota draws empty papers; `quota: {}` is how a bank without a mock exam says so.
        if exam.quota and not any(exam.quota.values()):
            fail(values["quota"], "quota 至少要抽 1 道题（现在各题型都是 0，试卷会是空的）")
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
    """minutes: a positive whole number; quota: whole, zero allowed; points: any finite positive number."""
    tags = (INT_TAG,) if whole else (INT_TAG, FLOAT_TAG)
    value = construct(node) if isinstance(node, yaml.ScalarNode) and node.tag in tags else None
    # .nan and .inf are YAML floats too: a paper cannot be scored with them.
    if value is None or not math.isfinite(value) or value < 0 or (value == 0 and not zero):
        kind = ("非负" if zero else "正") + ("整数" if whole else "数")
        fail(node, f"{name} 应为{kind}，实际为“{shown(node)}”")
        return 0
    if name == "points" and value > MAX_POINTS:
        fail(node, f"points 不能超过 {MAX_POINTS}，实际为“{shown(node)}”")
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
