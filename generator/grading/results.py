"""Scores and item statistics over (key, responses): plain functions a classroom mode can call as well.

Scoring follows quiz.grading (DESIGN §4), points per item from the key (exam.yml's points). Statistics
follow Moodle's quiz statistics report (https://docs.moodle.org/en/Quiz_statistics_calculations):
- facility (答对率): mean score on the item / its points;
- discrimination index: the correlation between the item's score and the rest of the test (total minus
  the item), so an item does not correlate with itself;
- discriminative efficiency: cov(item, rest) / the largest covariance possible with the same two score
  distributions (both sorted), i.e. how much of the reachable discrimination the item achieves;
- test: mean, SD (n−1), Cronbach's alpha, which for items scored 0/1 is KR-20.
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from dataclasses import dataclass, field
from array import array
from collections.abc import Sequence
from itertools import compress

from ..quiz.grading import grade
from ..quiz.shuffle import LETTERS
from .answers import AnswerTable, Key, KeyItem, Response

TYPE_LABELS = {"single": "单选", "multiple": "多选", "judge": "判断", "fill": "填空"}
UNANSWERED = "未作答"
EASY, HARD, LOW_DISCRIMINATION = 0.9, 0.2, 0.3


@dataclass
class PersonResult:
    response: Response
    score: float
    subtotals: dict[str, float]  # type → points
    item_scores: list[float]  # points per question, in Results.items order (the first variant's)
    answers: list  # the responses as graded, same order (None when unanswered)
    rank: int = 0


@dataclass
class ItemStats:
    id: str
    type: str
    numbers: dict[str, int]  # variant → number on that paper
    points: float
    articles: list[str]
    chapter: str
    facility: float | None = None
    discrimination: float | None = None
    efficiency: float | None = None
    shares: dict[str, float] = field(default_factory=dict)  # option text (or 对/错/答对/答错) → share
    correct: list[str] = field(default_factory=list)  # the keys of `shares` that are right answers
    flags: list[str] = field(default_factory=list)
    stem: str = ""  # the question's text from the key ("" for keys written without it)


@dataclass
class TestStats:
    count: int
    max_score: float
    mean: float
    sd: float
    alpha: float | None
    alpha_name: str  # "KR-20" when every item scored 0 or full marks, else "Cronbach α"


@dataclass
class WeakSpot:
    label: str
    questions: int
    facility: float


@dataclass
class Results:
    people: list[PersonResult]  # by rank
    items: list[ItemStats]  # in the order of the first variant
    test: TestStats
    articles: list[WeakSpot]  # weakest first
    chapters: list[WeakSpot]


def item_order(key: Key) -> list[KeyItem]:
    """The questions in the first variant's order: the order of PersonResult lists and Results.items."""
    return list(next(iter(key.variants.values())))


def score_people(key: Key, responses: list[Response], partial: bool = False) -> list[PersonResult]:
    """Each response graded item by item; ranks set (ties share a rank: 1, 2, 2, 4); sorted by rank, ties
    in sheet order."""
    position = {item.id: index for index, item in enumerate(item_order(key))}
    plans = {variant: [(position[item.id], item, item.question()) for item in items]
             for variant, items in key.variants.items()}
    # Keyed by the answer object's id: read_answers hands out one object per distinct cell, so a class's
    # million answers are a few hundred keys. Safe because every answer stays alive (in `responses`)
    # for the whole call, so no id is reused.
    cache: dict[tuple, float] = {}
    count = len(position)
    people = []
    for response in responses:
        scores, answers, subtotals = [0.0] * count, [None] * count, {}
        for (index, item, question), answer in zip(plans[response.variant], response.answers, strict=False):
            memo = (index, id(answer))
            fraction = cache.get(memo)
            if fraction is None:
                fraction = cache[memo] = grade(question, answer, partial=partial)["score"]
            points = fraction * item.points
            scores[index], answers[index] = points, answer
            subtotals[item.type] = subtotals.get(item.type, 0.0) + points
        people.append(PersonResult(response, round(sum(scores), 6), subtotals, scores, answers))
    people.sort(key=lambda person: -person.score)
    for index, person in enumerate(people):
        ahead = people[index - 1]
        person.rank = ahead.rank if index and ahead.score == person.score else index + 1
    return people


def analyse(key: Key, people: list[PersonResult]) -> Results:
    """Item statistics, test statistics, flags and the weakness tables for scored people."""
    order = item_order(key)
    # Columns: one tuple per question across people (zip(*rows) transposes in C).
    score_columns = list(zip(*(person.item_scores for person in people))) or [()] * len(order)
    answer_columns = list(zip(*(person.answers for person in people))) or [()] * len(order)

    def column(index: int):
        scores = score_columns[index]
        return scores, ((answer, score, 1) for answer, score in zip(answer_columns[index], scores, strict=True))

    return _analyse(key, people, [person.score for person in people], column)


def grade_table(key: Key, table: AnswerTable, partial: bool = False) -> Results:
    """score_people and analyse for an AnswerTable (read_table) without an object per person: scores are
    computed once per distinct answer and kept as one float per person; Results.people builds each
    PersonResult when it is read (in rank order)."""
    order = item_order(key)
    n = len(table)
    score_tables = []
    for item, values in zip(order, table.values, strict=True):
        question = item.question()
        score_tables.append([grade(question, value, partial=partial)["score"] * item.points for value in values])
    totals = [0.0] * n
    for scores, codes in zip(score_tables, table.codes, strict=True):
        totals = list(map(operator.add, totals, map(scores.__getitem__, codes)))
    totals = [round(total, 6) for total in totals]
    people = RankedPeople(table, score_tables, totals)

    def column(index: int):
        scores, codes = score_tables[index], table.codes[index]
        counts = Counter(codes)
        return (list(map(scores.__getitem__, codes)),
                ((table.values[index][code], scores[code], count) for code, count in counts.items()))

    return _analyse(key, people, totals, column)


class RankedPeople(Sequence):
    """Results.people for an AnswerTable: PersonResult objects made on access, by rank (ties in sheet
    order share a rank). `totals` are the scores in rank order."""

    def __init__(self, table: AnswerTable, score_tables: list[list[float]], totals: list[float]):
        self.table, self.score_tables = table, score_tables
        self.order = sorted(range(len(totals)), key=lambda i: -totals[i])
        self.totals = [totals[i] for i in self.order]
        ranks, previous = array("q"), None
        for position, total in enumerate(self.totals):
            ranks.append(ranks[-1] if position and total == previous else position + 1)
            previous = total
        self.ranks = ranks
        self.types = [item.type for item in item_order(table.key)]

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        row = self.order[index]
        table = self.table
        codes = [column[row] for column in table.codes]
        scores = [table_[code] for table_, code in zip(self.score_tables, codes, strict=True)]
        subtotals: dict[str, float] = {}
        for qtype, points in zip(self.types, scores, strict=True):
            subtotals[qtype] = subtotals.get(qtype, 0.0) + points
        answers = [values[code] for values, code in zip(table.values, codes, strict=True)]
        return PersonResult(table.response(row), self.totals[index], subtotals, scores, answers, self.ranks[index])


def _analyse(key: Key, people, totals, column) -> Results:
    """The statistics over `totals` (per person) and column(i) → (scores of question i per person,
    iterable of (answer, score, count)) for each question in the first variant's order."""
    order = item_order(key)
    numbers = {item.id: {} for item in order}
    for variant, items in key.variants.items():
        for item in items:
            numbers[item.id][variant] = item.number
    items = [ItemStats(item.id, item.type, numbers[item.id], item.points, item.articles, item.chapter,
                       stem=item.stem) for item in order]
    n = len(totals)
    variances = []
    dichotomous = True
    # Sums over people, so each item costs four passes however many statistics we derive (rest = T − x).
    sum_t, sum_tt = sum(totals), sum(map(operator.mul, totals, totals))
    for index, (stats, item) in enumerate(zip(items, order, strict=True)):
        if not n:
            variances.append(0.0)
            continue
        scores, answer_counts = column(index)
        # list.count compares in C; most items score 0 or full marks, which saves two passes below.
        zero_or_full = scores.count(0.0) + scores.count(item.points) == n
        dichotomous = dichotomous and zero_or_full
        sx = sum(scores)
        if zero_or_full:
            sxx, sxt = item.points * sx, item.points * sum(compress(totals, scores))
        else:
            sxx, sxt = sum(map(operator.mul, scores, scores)), sum(map(operator.mul, scores, totals))
        mx, mr = sx / n, (sum_t - sx) / n
        var_x = max(sxx / n - mx * mx, 0.0)
        var_r = max((sum_tt - 2 * sxt + sxx) / n - mr * mr, 0.0)
        cov = (sxt - sxx) / n - mx * mr
        variances.append(var_x)
        stats.facility = mx / item.points if item.points else None
        stats.discrimination = cov / math.sqrt(var_x * var_r) if var_x > 1e-12 and var_r > 1e-12 else None
        rest = sorted(map(operator.sub, totals, scores))
        best = sum(map(operator.mul, sorted(scores), rest)) / n - mx * mr
        stats.efficiency = cov / best if best > 1e-12 else None
        stats.shares = _shares(item, answer_counts, n)
        stats.correct = _correct(item)
        stats.flags = _flags(stats)
    total_variance = _variance(totals)
    k = len(items)
    alpha = (k / (k - 1) * (1 - sum(variances) / total_variance)) if k > 1 and total_variance > 1e-12 else None
    mean = sum(totals) / n if n else 0.0
    sd = math.sqrt(_variance(totals) * n / (n - 1)) if n > 1 else 0.0
    test = TestStats(n, sum(item.points for item in order), mean, sd, alpha,
                     "KR-20" if dichotomous else "Cronbach α")
    return Results(people, items, test, weak_spots(items, "articles"), weak_spots(items, "chapter"))


def weak_spots(items: list[ItemStats], by: str) -> list[WeakSpot]:
    """Mean facility per article (by="articles") or chapter (by="chapter"), lowest first (下次培训重点)."""
    groups: dict[str, list[float]] = {}
    for item in items:
        if item.facility is None:
            continue
        for label in (item.articles if by == "articles" else [item.chapter]):
            groups.setdefault(label, []).append(item.facility)
    spots = [WeakSpot(label, len(values), sum(values) / len(values)) for label, values in groups.items()]
    return sorted(spots, key=lambda spot: (spot.facility, -spot.questions, spot.label))


def shown(value: float | None) -> float | None:
    """A statistic as the report and the terminal show it (2 decimals); flags are decided on this value,
    so a figure shown as 0.30 is never flagged as below 0.3."""
    return None if value is None else round(value, 2) + 0.0


def _flags(stats: ItemStats) -> list[str]:
    flags = []
    facility, discrimination = shown(stats.facility), shown(stats.discrimination)
    if facility is not None and facility > EASY:
        flags.append("过易")
    if facility is not None and facility < HARD:
        flags.append("过难")
    if discrimination is not None and discrimination < 0:
        where = "、".join(stats.articles) or "出处"
        flags.append(f"区分度为负：答案可能有误或题意含糊，请核对{where}")
    elif discrimination is not None and discrimination < LOW_DISCRIMINATION:
        flags.append("区分度低")
    return flags


def _shares(item: KeyItem, answer_counts, n: int) -> dict[str, float]:
    """Share of people per option (a multiple choice counts each option picked), 对/错, or 答对/答错 for a
    fill question, and 未作答; answer_counts yields (answer, score, how many people gave it)."""
    if not n:
        return {}
    counts: Counter = Counter()
    if item.type in ("single", "multiple"):
        counts.update({text: 0 for text in item.options})
    for answer, score, count in answer_counts:
        if item.type == "multiple" and answer is not None:
            for text in answer:
                counts[text] += count
        elif item.type == "fill" and answer is not None:
            counts["答对" if score >= item.points else "答错"] += count
        else:
            counts[answer] += count
    named = {}
    for label, count in counts.items():
        text = UNANSWERED if label is None else ("对" if label else "错") if isinstance(label, bool) else label
        named[text] = count / n
    return named


def _correct(item: KeyItem) -> list[str]:
    """The labels of `_shares` that are right: the correct option texts, or 对 or 错 (none for a fill question,
    whose labels 答对/答错 say it already)."""
    if item.type == "single":
        return [item.options[LETTERS.index(item.answer)]]
    if item.type == "multiple":
        return [item.options[LETTERS.index(letter)] for letter in item.answer]
    if item.type == "judge":
        return [item.answer]
    return []


def _variance(values) -> float:
    """Population variance (the n in the denominator cancels in correlations and in alpha)."""
    n = len(values)
    if n < 2:
        return 0.0
    mean = sum(values) / n
    return max(sum(map(operator.mul, values, values)) / n - mean * mean, 0.0)
