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
from dataclasses import dataclass, field

from .answers import Key, KeyItem, Response
from .grading import grade

TYPE_LABELS = {"single": "单选", "multiple": "多选", "judge": "判断", "fill": "填空"}
UNANSWERED = "未作答"
EASY, HARD, LOW_DISCRIMINATION = 0.9, 0.2, 0.3


@dataclass
class PersonResult:
    response: Response
    score: float
    subtotals: dict[str, float]  # type → points
    item_scores: dict[str, float]  # question id → points
    answers: dict[str, object]  # question id → the response as graded (None when unanswered)
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
    flags: list[str] = field(default_factory=list)


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


def score_people(key: Key, responses: list[Response], partial: bool = False) -> list[PersonResult]:
    """Each response graded item by item; ranks set (ties share a rank: 1, 2, 2, 4); sorted by rank."""
    cache: dict[tuple, float] = {}
    questions = {item.id: item.question() for items in key.variants.values() for item in items}
    people = []
    for response in responses:
        item_scores, subtotals, answers = {}, {}, {}
        for item, answer in zip(key.variants[response.variant], response.answers, strict=False):
            memo = (item.id, _hashable(answer))
            fraction = cache.get(memo)
            if fraction is None:
                fraction = cache[memo] = grade(questions[item.id], answer, partial=partial)["score"]
            points = fraction * item.points
            answers[item.id] = answer
            item_scores[item.id] = points
            subtotals[item.type] = subtotals.get(item.type, 0.0) + points
        people.append(PersonResult(response, round(sum(item_scores.values()), 6), subtotals, item_scores,
                                   answers))
    people.sort(key=lambda person: -person.score)
    for index, person in enumerate(people):
        ahead = people[index - 1]
        person.rank = ahead.rank if index and ahead.score == person.score else index + 1
    return people


def analyse(key: Key, people: list[PersonResult]) -> Results:
    """Item statistics, test statistics, flags and the weakness tables for scored people."""
    first = next(iter(key.variants.values()))
    numbers = {item.id: {v: i.number for v, items in key.variants.items() for i in items if i.id == item.id}
               for item in first}
    items = [ItemStats(item.id, item.type, numbers[item.id], item.points, item.articles, item.chapter)
             for item in first]
    totals = [person.score for person in people]
    n = len(people)
    variances = []
    dichotomous = True
    for stats, item in zip(items, first, strict=True):
        scores = [person.item_scores.get(item.id, 0.0) for person in people]
        dichotomous &= all(score in (0.0, item.points) for score in scores)
        variances.append(_variance(scores))
        if not n:
            continue
        stats.facility = sum(scores) / n / item.points if item.points else None
        rest = [total - score for total, score in zip(totals, scores, strict=True)]
        stats.discrimination = _correlation(scores, rest)
        cov = _covariance(scores, rest)
        best = _covariance(sorted(scores), sorted(rest))
        stats.efficiency = cov / best if best > 1e-12 else None
        stats.shares = _shares(item, people)
        stats.flags = _flags(stats)
    total_variance = _variance(totals)
    k = len(items)
    alpha = (k / (k - 1) * (1 - sum(variances) / total_variance)) if k > 1 and total_variance > 1e-12 else None
    mean = sum(totals) / n if n else 0.0
    sd = math.sqrt(sum((t - mean) ** 2 for t in totals) / (n - 1)) if n > 1 else 0.0
    test = TestStats(n, sum(item.points for item in first), mean, sd, alpha, "KR-20" if dichotomous else "Cronbach α")
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


def _flags(stats: ItemStats) -> list[str]:
    flags = []
    if stats.facility is not None and stats.facility > EASY:
        flags.append("过易")
    if stats.facility is not None and stats.facility < HARD:
        flags.append("过难")
    if stats.discrimination is not None and stats.discrimination < 0:
        where = "、".join(stats.articles) or "出处"
        flags.append(f"区分度为负：答案可能有误或题意含糊，请核对{where}")
    elif stats.discrimination is not None and stats.discrimination < LOW_DISCRIMINATION:
        flags.append("区分度低")
    return flags


def _shares(item: KeyItem, people: list[PersonResult]) -> dict[str, float]:
    counts: dict[str, int] = {}
    if item.type in ("single", "multiple"):
        counts = {text: 0 for text in item.options}
    n = 0
    for person in people:
        answer = person.answers.get(item.id)
        n += 1
        if answer is None:
            counts[UNANSWERED] = counts.get(UNANSWERED, 0) + 1
        elif item.type == "single":
            counts[answer] = counts.get(answer, 0) + 1
        elif item.type == "multiple":
            for text in answer:
                counts[text] = counts.get(text, 0) + 1
        elif item.type == "judge":
            label = "对" if answer else "错"
            counts[label] = counts.get(label, 0) + 1
        else:
            label = "答对" if person.item_scores.get(item.id, 0) >= item.points else "答错"
            counts[label] = counts.get(label, 0) + 1
    return {label: count / n for label, count in counts.items()} if n else {}


def _hashable(answer):
    return tuple(answer) if isinstance(answer, list) else answer


def _variance(values: list[float]) -> float:
    n = len(values)
    if n < 2:
        return 0.0
    mean = sum(values) / n
    return sum((v - mean) ** 2 for v in values) / n


def _covariance(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / n


def _correlation(xs: list[float], ys: list[float]) -> float | None:
    vx, vy = _variance(xs), _variance(ys)
    if vx < 1e-12 or vy < 1e-12:
        return None
    return _covariance(xs, ys) / math.sqrt(vx * vy)
