"""The classroom's paper: drawn with papers.draw (the same rules as `exam`), kept as plain data in the store
so that a restarted server serves exactly the same paper, and the three views of it:

- the phone's view (`phone_questions`): stems and options in the variant's order, never an answer or an
  explanation;
- the key (`grading_key`): grading.answers.Key, so scores, results.csv and report.html come from `grade`'s
  code;
- the review (`review_items`): key, explanation and the cited articles' text, for a trainee after submitting.
"""

from __future__ import annotations

from ..grading.answers import Key, KeyItem
from ..papers.draw import draw_questions, make_paper, paper_quota
from ..papers.keys import key_items
from ..quiz.model import TYPES, Bank
from ..texts.regulation import Regulation

JUDGE_OPTIONS = ["正确", "错误"]  # what the phone shows; the response is true / false


def draw_classroom_paper(
    bank: Bank,
    regulation: Regulation,
    *,
    seed: str,
    variants: list[str],
    count: int | None = None,
    title: str | None = None,
) -> dict:
    """The paper as stored: {"title", "minutes", "seed", "total", "variants": {variant: [item, …]}}, each
    item the key.json item (papers.keys.key_items) plus "stem", "blanks", "explanation", "unordered" and
    "sources" (the cited articles' full text). PaperError (papers.draw) when the bank cannot make it."""
    available = {qtype: sum(q.type == qtype for q in bank.questions) for qtype in TYPES}
    questions = draw_questions(bank, paper_quota(bank.exam, available, count), seed)
    title = title or bank.exam.title
    papers = [make_paper(questions, bank.exam, seed, variant, title) for variant in variants]
    by_id = {question.id: question for question in questions}
    stored = {}
    for paper in papers:
        items = []
        for item in key_items(paper, regulation):
            question = by_id[item["id"]]
            item.update(
                {
                    "stem": question.stem,
                    "blanks": len(question.answer) if question.type == "fill" else 0,
                    "explanation": question.explanation,
                    "unordered": question.unordered,
                    "sources": [
                        {"label": regulation.article(n).label, "text": regulation.article(n).text}
                        for n in question.articles
                    ],
                }
            )
            items.append(item)
        stored[paper.variant] = items
    return {
        "title": title,
        "minutes": bank.exam.minutes,
        "seed": seed,
        "total": papers[0].total,
        "variants": stored,
    }


def phone_questions(items: list[dict]) -> list[dict]:
    """What a phone receives before submitting: number, id, type, stem, options (display order; 正确/错误
    for judge), blank count, points. Nothing else, so no answer or explanation can leak."""
    return [
        {
            "number": item["number"],
            "id": item["id"],
            "type": item["type"],
            "stem": item["stem"],
            "options": JUDGE_OPTIONS if item["type"] == "judge" else list(item["options"]),
            "blanks": item["blanks"],
            "points": item["points"],
        }
        for item in items
    ]


def grading_key(paper: dict) -> Key:
    """The paper as grading.answers.Key (what `grade` reads from key.json)."""
    fields = ("number", "id", "type", "answer", "options", "points", "articles", "chapter")
    return Key(
        paper["title"],
        {
            variant: [KeyItem(**{name: item[name] for name in fields}, stem=item.get("stem", ""),
                              unordered=bool(item.get("unordered"))) for item in items]
            for variant, items in paper["variants"].items()
        },
    )


def grade_question(item: dict) -> dict:
    """One stored item as quiz.grading.grade wants it (answers as option texts, judge as a bool)."""
    return grading_key({"title": "", "variants": {"A": [item]}}).variants["A"][0].question()


def review_items(items: list[dict], answers: dict, scores: dict) -> list[dict]:
    """After submitting: per question the phone's view plus the trainee's answer, the right answer (as
    option texts, 正确/错误, or the accepted fill variants), points scored, explanation and sources."""
    review = []
    for question, item in zip(phone_questions(items), items, strict=True):
        right = grade_question(item)["answer"]
        if item["type"] == "judge":
            right = JUDGE_OPTIONS[0] if right else JUDGE_OPTIONS[1]
        question.update(
            {
                "answer": right,
                "response": answers.get(item["id"]),
                "score": scores.get(item["id"], 0.0),
                "explanation": item["explanation"],
                "articles": item["articles"],
                "sources": item["sources"],
            }
        )
        review.append(question)
    return review


def valid_response(item: dict, response) -> bool:
    """Whether `response` has the shape of an answer to `item` (None clears an answer): single → one of its
    options, multiple → distinct options, judge → a bool, fill → one string (≤ 100 characters) per blank."""
    if response is None:
        return True
    qtype = item["type"]
    if qtype == "single":
        return isinstance(response, str) and response in item["options"]
    if qtype == "multiple":
        return (
            isinstance(response, list)
            and len(set(map(str, response))) == len(response)
            and all(isinstance(r, str) and r in item["options"] for r in response)
        )
    if qtype == "judge":
        return isinstance(response, bool)
    return (
        isinstance(response, list)
        and len(response) == item["blanks"]
        and all(isinstance(r, str) and len(r) <= 100 for r in response)
    )
