"""The bank report for `check`: the cues a test-wise learner could use to guess, and where the bank stands.

Printed after the bank summary. Each measure below is compared with what honest chance gives; past the
threshold the report adds a line starting “警告”, so an author sees which cue to remove. Thresholds:

- 单选答案位置: the right option's position as shown. The share of any position must stay within
  POSITION_SLACK of chance (1 / number of options, averaged over the questions) — a bank whose answers sit
  mostly at A is guessable.
- 多选正确项数: how many of the options are right. No single count (e.g. 3 of 5) may cover more than
  MULTIPLE_COUNT_MAX of the multiple-choice questions, and at least two different counts must occur.
- 判断对错比例: the share of true items must lie within JUDGE_TRUE_RANGE.
- 判断绝对词: false items that add an absolute word (ABSOLUTE_WORDS: 一律, 只, 无论 …) while true ones do not
  teach "absolute = false". The share of false items with such a word may exceed the share of true items by
  at most ABSOLUTE_GAP.
- 正确项最长: how often the single right option is the unique longest one. Chance is about 1 / options;
  the share must stay at most LONGEST_MAX.
- Counts by tag (model.TAGS) and by difficulty are listed without a threshold.

Positions are those the site shows (quiz.shuffle.option_order), not the YAML order.
"""

from __future__ import annotations

from collections import Counter

from .model import DIFFICULTIES, TAGS, Bank, Question
from .shuffle import option_order

POSITION_SLACK = 0.12
MULTIPLE_COUNT_MAX = 0.50
JUDGE_TRUE_RANGE = (0.40, 0.60)
ABSOLUTE_GAP = 0.15
LONGEST_MAX = 0.40
# Words that make a statement absolute. 任何/所有 also stand in the law (任何组织和个人不得打击报复信访人),
# which is why the measure is a comparison of true against false items, not a ban.
ABSOLUTE_WORDS = ("一律", "只", "仅", "无论", "所有", "必须", "一概", "全部", "任何", "一切", "绝对", "完全",
                  "都", "均")
LETTERS = "ABCDEFGH"


def absolute_words(text: str) -> list[str]:
    """The ABSOLUTE_WORDS in `text`, in list order."""
    return [word for word in ABSOLUTE_WORDS if word in text]


def bank_report(bank: Bank) -> tuple[list[str], list[str]]:
    """(report lines, warning lines) for `check`. Warnings start with “警告：” and name the threshold."""
    order, how = option_order, "按网站显示的顺序计（quiz/shuffle.option_order）"
    questions = bank.questions
    lines, warnings = ["题库体检：" + how], []
    for part in (_single_positions, _multiple_counts, _judge_balance, _absolute, _longest):
        part_lines, part_warnings = part(questions, order)
        lines += part_lines
        warnings += part_warnings
    lines += _tags_and_difficulty(questions)
    return lines, warnings


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _single_positions(questions: list[Question], order) -> tuple[list[str], list[str]]:
    singles = [q for q in questions if q.type == "single"]
    if not singles:
        return [], []
    positions = Counter(order(q).index(q.answer) for q in singles)
    chance = sum(1 / len(q.options) for q in singles) / len(singles)
    shown = "、".join(f"{LETTERS[i]} {positions[i]}（{_percent(_share(positions[i], len(singles)))}）"
                      for i in range(max(len(q.options) for q in singles)))
    warnings = [f"警告：单选答案在 {LETTERS[i]} 的占 {_percent(_share(n, len(singles)))}，偏离随机"
                f"（约 {_percent(chance)}）超过 {_percent(POSITION_SLACK)}"
                for i, n in sorted(positions.items()) if abs(_share(n, len(singles)) - chance) > POSITION_SLACK]
    return [f"单选答案位置（{len(singles)} 题）：{shown}"], warnings


def _multiple_counts(questions: list[Question], order) -> tuple[list[str], list[str]]:
    multiples = [q for q in questions if q.type == "multiple"]
    if not multiples:
        return [], []
    counts = Counter((len(q.answer), len(q.options)) for q in multiples)
    shown = "、".join(f"{right}/{total} 选 {n} 题" for (right, total), n in sorted(counts.items()))
    by_right = Counter(len(q.answer) for q in multiples)
    warnings = []
    (common, common_n), = counts.most_common(1)
    if _share(common_n, len(multiples)) > MULTIPLE_COUNT_MAX:
        warnings.append(f"警告：多选题中 {common[1]} 选 {common[0]} 的占 {_percent(_share(common_n, len(multiples)))}"
                        f"，超过 {_percent(MULTIPLE_COUNT_MAX)}")
    if len(by_right) < 2:
        warnings.append("警告：多选题的正确项数全都相同")
    positions = Counter(i for q in multiples for i, text in enumerate(order(q)) if text in q.answer)
    places = "、".join(f"{LETTERS[i]} {positions[i]}" for i in sorted(positions))
    return [f"多选正确项数（{len(multiples)} 题）：{shown}", f"多选正确项所在位置：{places}"], warnings


def _judge_balance(questions: list[Question], order) -> tuple[list[str], list[str]]:
    judges = [q for q in questions if q.type == "judge"]
    if not judges:
        return [], []
    true = sum(1 for q in judges if q.answer is True)
    share = _share(true, len(judges))
    low, high = JUDGE_TRUE_RANGE
    warnings = [] if low <= share <= high else [
        f"警告：判断题“正确”占 {_percent(share)}，不在 {_percent(low)}–{_percent(high)} 之内"]
    return [f"判断对错：正确 {true}、错误 {len(judges) - true}（正确占 {_percent(share)}）"], warnings


def _absolute(questions: list[Question], order) -> tuple[list[str], list[str]]:
    judges = [q for q in questions if q.type == "judge"]
    true = [q for q in judges if q.answer is True]
    false = [q for q in judges if q.answer is False]
    if not true or not false:
        return [], []
    true_abs = [q for q in true if absolute_words(q.stem)]
    false_abs = [q for q in false if absolute_words(q.stem)]
    gap = _share(len(false_abs), len(false)) - _share(len(true_abs), len(true))
    words = Counter(word for q in judges for word in absolute_words(q.stem))
    line = (f"判断绝对词（{'、'.join(ABSOLUTE_WORDS)}）：正确题 {len(true_abs)}/{len(true)}"
            f"（{_percent(_share(len(true_abs), len(true)))}），错误题 {len(false_abs)}/{len(false)}"
            f"（{_percent(_share(len(false_abs), len(false)))}）；出现最多："
            + ("、".join(f"{word} {n}" for word, n in words.most_common(5)) or "无"))
    warnings = [f"警告：含绝对词的错误题比正确题多 {_percent(gap)}，超过 {_percent(ABSOLUTE_GAP)}"
                f"（{'、'.join(q.id for q in false_abs[:8])}…）"] if gap > ABSOLUTE_GAP else []
    return [line], warnings


def _longest(questions: list[Question], order) -> tuple[list[str], list[str]]:
    singles = [q for q in questions if q.type == "single"]
    if not singles:
        return [], []
    longest = []
    for q in singles:
        lengths = sorted((len(option) for option in q.options), reverse=True)
        if len(q.answer) == lengths[0] and lengths[0] > lengths[1]:
            longest.append(q)
    share = _share(len(longest), len(singles))
    chance = sum(1 / len(q.options) for q in singles) / len(singles)
    multiples = [q for q in questions if q.type == "multiple"]
    multiple_longest = sum(1 for q in multiples if max(q.options, key=len) in q.answer)
    lines = [f"正确项最长：单选 {len(longest)}/{len(singles)}（{_percent(share)}，随机约 {_percent(chance)}）；"
             f"多选中最长选项是正确项的 {multiple_longest}/{len(multiples)}"]
    warnings = [f"警告：单选正确项是唯一最长选项的占 {_percent(share)}，超过 {_percent(LONGEST_MAX)}"] \
        if share > LONGEST_MAX else []
    return lines, warnings


def _tags_and_difficulty(questions: list[Question]) -> list[str]:
    tags = Counter(tag for q in questions for tag in q.tags)
    untagged = sum(1 for q in questions if not q.tags)
    difficulty = Counter(q.difficulty for q in questions)
    return [
        "按标签：" + "、".join(f"{tag} {tags[tag]}" for tag in TAGS) + f"；无标签 {untagged}",
        "按难度：" + "、".join(f"难度{level} {difficulty[level]}" for level in DIFFICULTIES),
    ]
