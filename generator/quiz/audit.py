"""The bank report for `check`: the cues a test-wise learner could use to guess, per bank file and for the
whole bank, and where the bank stands.

Printed after the bank summary. Each measure is compared with what honest chance gives; past a threshold the
report adds a line starting “警告”, naming the file (or 全库) and the questions, so an author sees which cue to
remove. The measures and thresholds (issue 19):

- 单选答案位置: the right option's position as shown (quiz.shuffle.option_order, not the YAML order). The
  share of any position must stay within POSITION_SLACK of chance (1 / number of options, averaged).
- 正确项最长: how often the single right option is the unique longest one (chance is about 1 / options);
  at most LONGEST_MAX.
- 答案呼应题干: how often the single right option repeats words of the stem that no wrong option repeats
  (ECHO_MIN or more two-character pieces, leaving out the pieces found in COMMON_SHARE of all stems) — the
  stem names what the key repeats; at most ECHO_MAX.
- 多选正确项数: how many options are right. No count (2, 3, 4 …, and "all but one" counted too) may cover
  more than MULTIPLE_COUNT_MAX of the multiple-choice questions, and at least MULTIPLE_KINDS different
  counts must occur.
- 判断对错比例: the share of true items lies within JUDGE_TRUE_RANGE.
- 绝对词: absolute words and exclusions (ABSOLUTE_WORDS: 一律, 仅, 无论, 无须, 但不 …) teach "absolute =
  false" when only false statements and wrong options carry them. For judge items the share among false
  items may exceed the share among true items by at most ABSOLUTE_GAP. Of the options that carry one, at
  least ABSOLUTE_RIGHT_MIN must be right options (the law's own 一律, 仅, 不得 … quoted in a right option),
  once ABSOLUTE_MIN options carry one.
- 情景题干条号: scenario stems (tag 情景) that name an article (第X条) — the trainee should decide what
  applies from the facts; none allowed.
- 引用他题: stems that refer to another question (上题, 前一题 …) cannot stand alone when drawn into a paper,
  the mock exam or a competition; none allowed.
- Counts by tag (model.TAGS) and by difficulty are listed without a threshold.

Per file the same figures are listed; the per-file warnings apply where a file has at least FILE_MIN
questions of the kind (a file with three multiples says nothing about a habit), the bank-wide ones always.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePath

from .model import DIFFICULTIES, TAGS, Bank, Question
from .shuffle import option_order

POSITION_SLACK = 0.12
LONGEST_MAX = 0.30
ECHO_MIN = 1
ECHO_MAX = 0.08
COMMON_SHARE = 0.02
COMMON_MIN = 5  # a small bank's few stems make no vocabulary
MULTIPLE_COUNT_MAX = 0.45
MULTIPLE_KINDS = 3
JUDGE_TRUE_RANGE = (0.40, 0.60)
ABSOLUTE_GAP = 0.15
ABSOLUTE_RIGHT_MIN = 0.25
ABSOLUTE_MIN = 6
FILE_MIN = 8
# Words that make a statement absolute. 任何/所有 also stand in the law (任何组织和个人不得打击报复信访人),
# which is why the measure is a comparison of true against false items, not a ban.
ABSOLUTE_WORDS = ("一律", "只", "仅", "无论", "所有", "必须", "一概", "全部", "任何", "一切", "绝对", "完全",
                  "都", "均", "无须", "但不", "不必")
ARTICLE_RE = re.compile(r"第[一二三四五六七八九十百零〇0-9]+条")
REFERENCE_RE = re.compile(r"上题|上一题|前题|前一题|下题|下一题|上述题|本题组|同上")
LETTERS = "ABCDEFGH"


def absolute_words(text: str) -> list[str]:
    """The ABSOLUTE_WORDS in `text`, in list order."""
    return [word for word in ABSOLUTE_WORDS if word in text]


def _pieces(text: str) -> set[str]:
    """Two-character pieces of `text` made of letters or digits (the Chinese words it is built from)."""
    return {text[i:i + 2] for i in range(len(text) - 1) if text[i].isalnum() and text[i + 1].isalnum()}


def common_pieces(questions: list[Question]) -> frozenset[str]:
    """Pieces standing in at least COMMON_SHARE of the stems (信访, 机关, 单位, 工作 …): the law's everyday
    vocabulary, which tells a trainee nothing when stem and key share it."""
    counts = Counter(piece for q in questions for piece in _pieces(q.stem))
    return frozenset(piece for piece, n in counts.items() if n >= max(COMMON_MIN, COMMON_SHARE * len(questions)))


def echoes_stem(question: Question, common: frozenset[str] = frozenset()) -> bool:
    """True when the single right option repeats ECHO_MIN or more two-character pieces of the stem that no
    wrong option repeats (pieces in `common` aside): a trainee who matches words between stem and options
    finds the key — the stem names the trigger the key repeats."""
    stem = _pieces(question.stem) - common
    wrong = set().union(*(_pieces(o) & stem for o in question.options if o != question.answer))
    return len((_pieces(question.answer) & stem) - wrong) >= ECHO_MIN


def uniquely_longest(question: Question) -> bool:
    """True when the single right option is longer than every other option."""
    lengths = sorted((len(option) for option in question.options), reverse=True)
    return len(question.answer) == lengths[0] and lengths[0] > lengths[1]


def refers_to_another(question: Question) -> bool:
    return bool(REFERENCE_RE.search(question.stem))


def names_article(question: Question) -> bool:
    return "情景" in question.tags and bool(ARTICLE_RE.search(question.stem))


def count_kind(question: Question) -> str:
    """A multiple's number of right options as the report names it: "全选", "缺1" (all but one) or "N 项"."""
    right, total = len(question.answer), len(question.options)
    if right == total:
        return "全选"
    if right == total - 1:
        return "缺1"
    return f"{right} 项"


def bank_report(bank: Bank) -> tuple[list[str], list[str]]:
    """(report lines, warning lines) for `check`. Warnings start with “警告：” and name the file or 全库, the
    threshold and up to eight question ids."""
    questions = bank.questions
    lines = ["题库体检：按网站显示的顺序计（quiz/shuffle.option_order）"]
    warnings: list[str] = []
    lines += _single_positions(questions, warnings)
    common = common_pieces(questions)
    figures, bank_warnings = _cues(questions, "全库", always=True, common=common)
    lines += ["全库：" + figures]
    warnings += bank_warnings
    for path in sorted({q.path for q in questions}):
        part = [q for q in questions if q.path == path]
        name = PurePath(path).name
        figures, file_warnings = _cues(part, name, always=False, common=common)
        lines.append(f"{name}：" + figures)
        warnings += file_warnings
    lines += _tags_and_difficulty(questions)
    return lines, warnings


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _ids(questions: list[Question]) -> str:
    shown = "、".join(q.id for q in questions[:8])
    return shown + ("…" if len(questions) > 8 else "")


def _single_positions(questions: list[Question], warnings: list[str]) -> list[str]:
    singles = [q for q in questions if q.type == "single"]
    if not singles:
        return []
    positions = Counter(option_order(q).index(q.answer) for q in singles)
    chance = sum(1 / len(q.options) for q in singles) / len(singles)
    shown = "、".join(f"{LETTERS[i]} {positions[i]}（{_percent(_share(positions[i], len(singles)))}）"
                      for i in range(max(len(q.options) for q in singles)))
    warnings += [f"警告：单选答案在 {LETTERS[i]} 的占 {_percent(_share(n, len(singles)))}，偏离随机"
                 f"（约 {_percent(chance)}）超过 {_percent(POSITION_SLACK)}"
                 for i, n in sorted(positions.items()) if abs(_share(n, len(singles)) - chance) > POSITION_SLACK]
    multiples = [q for q in questions if q.type == "multiple"]
    places = Counter(i for q in multiples for i, text in enumerate(option_order(q)) if text in q.answer)
    lines = [f"单选答案位置（{len(singles)} 题）：{shown}"]
    if multiples:
        lines.append("多选正确项所在位置：" + "、".join(f"{LETTERS[i]} {places[i]}" for i in sorted(places)))
    return lines


def _cues(questions: list[Question], where: str, always: bool,
          common: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """One line of figures for `questions` and the warnings past the thresholds. `always` applies every
    threshold (the whole bank); otherwise the share thresholds apply from FILE_MIN questions of the kind."""
    figures, warnings = [], []

    def judged(n: int) -> bool:
        return always or n >= FILE_MIN

    singles = [q for q in questions if q.type == "single"]
    if singles:
        longest = [q for q in singles if uniquely_longest(q)]
        echo = [q for q in singles if echoes_stem(q, common)]
        figures.append(f"单选 {len(singles)} 题，正确项唯一最长 {len(longest)}（{_percent(_share(len(longest), len(singles)))}）"
                       f"，答案呼应题干 {len(echo)}（{_percent(_share(len(echo), len(singles)))}）")
        if judged(len(singles)) and _share(len(longest), len(singles)) > LONGEST_MAX:
            warnings.append(f"警告：{where} 单选正确项是唯一最长选项的占 {_percent(_share(len(longest), len(singles)))}"
                            f"，超过 {_percent(LONGEST_MAX)}（{_ids(longest)}）")
        if judged(len(singles)) and _share(len(echo), len(singles)) > ECHO_MAX:
            warnings.append(f"警告：{where} 单选只有正确项重复题干用语的占 {_percent(_share(len(echo), len(singles)))}"
                            f"，超过 {_percent(ECHO_MAX)}（{_ids(echo)}）")

    multiples = [q for q in questions if q.type == "multiple"]
    if multiples:
        by_right = Counter(len(q.answer) for q in multiples)
        by_kind = Counter(count_kind(q) for q in multiples)
        figures.append(f"多选 {len(multiples)} 题，正确项数 " + "、".join(
            f"{n} 项 {by_right[n]}（{_percent(_share(by_right[n], len(multiples)))}）" for n in sorted(by_right))
            + f"，其中缺1 {by_kind['缺1']}、全选 {by_kind['全选']}")
        if judged(len(multiples)):
            for name, counter in (("正确项数为", by_right), ("", by_kind)):
                for kind, n in counter.items():
                    if kind in ("缺1", "全选") or name:
                        label = f"{name}{kind}" + (" 项" if name else "")
                        if _share(n, len(multiples)) > MULTIPLE_COUNT_MAX:
                            warnings.append(f"警告：{where} 多选{label}的占 {_percent(_share(n, len(multiples)))}"
                                            f"，超过 {_percent(MULTIPLE_COUNT_MAX)}")
        if always and len(by_right) < MULTIPLE_KINDS:
            warnings.append(f"警告：{where} 多选正确项数只有 {len(by_right)} 种，少于 {MULTIPLE_KINDS} 种")

    judges = [q for q in questions if q.type == "judge"]
    true = [q for q in judges if q.answer is True]
    false = [q for q in judges if q.answer is False]
    if judges:
        share = _share(len(true), len(judges))
        true_abs = [q for q in true if absolute_words(q.stem)]
        false_abs = [q for q in false if absolute_words(q.stem)]
        figures.append(f"判断 {len(judges)} 题，正确 {len(true)}（{_percent(share)}），绝对词 正确题 "
                       f"{len(true_abs)}/{len(true)}、错误题 {len(false_abs)}/{len(false)}")
        low, high = JUDGE_TRUE_RANGE
        if judged(len(judges)) and not low <= share <= high:
            warnings.append(f"警告：{where} 判断题“正确”占 {_percent(share)}，不在 {_percent(low)}–{_percent(high)} 之内")
        gap = _share(len(false_abs), len(false)) - _share(len(true_abs), len(true))
        if judged(len(judges)) and true and false and gap > ABSOLUTE_GAP:
            warnings.append(f"警告：{where} 含绝对词的错误判断题比正确题多 {_percent(gap)}，超过 "
                            f"{_percent(ABSOLUTE_GAP)}（{_ids(false_abs)}）")

    choices = singles + multiples
    if choices:
        right = [o for q in choices for o in q.options if o == q.answer or (q.type == "multiple" and o in q.answer)]
        wrong = [o for q in choices for o in q.options if not (o == q.answer or (q.type == "multiple" and o in q.answer))]
        right_abs = [o for o in right if absolute_words(o)]
        wrong_abs = [o for o in wrong if absolute_words(o)]
        figures.append(f"选项绝对词 正确项 {len(right_abs)}/{len(right)}（{_percent(_share(len(right_abs), len(right)))}）"
                       f"、错误项 {len(wrong_abs)}/{len(wrong)}（{_percent(_share(len(wrong_abs), len(wrong)))}）")
        carrying = len(right_abs) + len(wrong_abs)
        if carrying >= ABSOLUTE_MIN and _share(len(right_abs), carrying) < ABSOLUTE_RIGHT_MIN:
            warnings.append(f"警告：{where} 含绝对词的选项中正确项只占 {_percent(_share(len(right_abs), carrying))}"
                            f"（{len(right_abs)}/{carrying}），低于 {_percent(ABSOLUTE_RIGHT_MIN)}：绝对词成了错项的记号")

    scenario = [q for q in questions if "情景" in q.tags]
    numbered = [q for q in scenario if names_article(q)]
    referring = [q for q in questions if refers_to_another(q)]
    if scenario:
        figures.append(f"情景题 {len(scenario)} 题，题干写出条号 {len(numbered)}")
    figures.append(f"引用他题 {len(referring)}")
    if numbered:
        warnings.append(f"警告：{where} 情景题题干写出条号 {len(numbered)} 题（{_ids(numbered)}），应只给事实")
    if referring:
        warnings.append(f"警告：{where} 题干引用其他题目 {len(referring)} 题（{_ids(referring)}），抽题时不能单独成立")
    return "；".join(figures), warnings


def _tags_and_difficulty(questions: list[Question]) -> list[str]:
    tags = Counter(tag for q in questions for tag in q.tags)
    untagged = sum(1 for q in questions if not q.tags)
    difficulty = Counter(q.difficulty for q in questions)
    return [
        "按标签：" + "、".join(f"{tag} {tags[tag]}" for tag in TAGS) + f"；无标签 {untagged}",
        "按难度：" + "、".join(f"难度{level} {difficulty[level]}" for level in DIFFICULTIES),
    ]
