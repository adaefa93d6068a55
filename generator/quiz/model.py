"""The question bank's model: questions, exam settings, and the schema constants every quiz module shares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..texts.regulation import Regulation

TYPES = ("single", "multiple", "judge", "fill")
TYPE_NAMES = {"single": "单选", "multiple": "多选", "judge": "判断", "fill": "填空"}
FIELDS = ("id", "type", "stem", "options", "answer", "articles", "notice", "explanation", "difficulty",
          "tags", "unordered", "front_matter", "shuffle")
REQUIRED = ("id", "type", "stem", "answer", "explanation", "difficulty")
CHOICE_TYPES = ("single", "multiple")
MIN_OPTIONS = 3
DIFFICULTIES = (1, 2, 3)
# Optional `tags` (practice pages filter by them; the bank report counts them). The documented list:
TAGS = {
    "情景": "情景题：一个简短案例，问由谁受理、属于哪一类、适用哪个期限、工作人员该怎么做",
    "新旧对照": "2005《信访条例》与2022《信访工作条例》的差别，依据本站“新旧对照”页",
    "数字": "期限、人数、日期等数字",
    "通知": "县通知的要求和表述",
    "制定": "条例如何制定：发布机关、审议批准、印发和施行日期",
}
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
    tags: list[str] = field(default_factory=list)  # from TAGS
    unordered: bool = False  # fill only: blanks joined by 或者/和 may be given in any order
    # Also cites the regulation's front matter (issuer, approval, issue and in-force dates), which has no
    # article number: the grounding check adds it to the cited text.
    front_matter: bool = False
    shuffle: bool = True  # false: options are shown in the bank's order (quiz.shuffle.option_order)

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
    # Not wrong, but probably not meant: a bank file with no questions (check warns, check --strict fails).
    warnings: list = field(default_factory=list)


def question_chapter(question: Question, regulation: Regulation) -> str:
    """Practice scope: "chapter-3" for the chapter of the first cited article; a question that cites only the
    front matter (issuer, approval, dates) goes with the last chapter (附则, where 施行 stands); "notice"
    otherwise."""
    if question.articles:
        return f"chapter-{regulation.article(question.articles[0]).chapter}"
    if question.front_matter and question.notice is None:
        return f"chapter-{regulation.chapters[-1].number}"
    return "notice"
