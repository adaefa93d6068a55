"""Candidate questions derived from any regulation in our layout, for an author to review.

Three kinds, each grounded in one article by construction:
- a time limit or count (15日, 5个工作日, 5人) → single choice, the text's other numbers of the same kind as
  distractors;
- an enumeration （一）…（N） → a multiple choice of its items, and a "which is not" single choice with one item
  from another list;
- a sentence with a term from the search dictionary → a fill-in blank.
Nothing here is shipped: `suggest` writes YAML that an author moves into quizzes/ after checking it.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from ..errors import read_text
from ..texts.regulation import Article, Regulation

# Not the day or month of a date (2022年5月1日): those are facts, not limits to choose among.
NUMBER_RE = re.compile(r"(?<![年月\d])(\d+)(个工作日|日|人|个月|年)(?!\d)")
ITEM_LABEL_RE = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
SENTENCE_RE = re.compile(r"[^。；]+[。；]")


def _sentences(article: Article) -> list[str]:
    return [s for line in article.text.splitlines() for s in SENTENCE_RE.findall(line)]


def _quote(article: Article, sentence: str) -> str:
    return f"{article.label}规定：“{sentence.rstrip('。；')}”。"


def number_questions(regulation: Regulation) -> list[dict]:
    phrases_by_unit: dict[str, set[str]] = {}
    for article in regulation.articles:
        for number, unit in NUMBER_RE.findall(article.text):
            phrases_by_unit.setdefault(unit, set()).add(number + unit)
    questions = []
    for article in regulation.articles:
        for index, sentence in enumerate(_sentences(article)):
            for match in NUMBER_RE.finditer(sentence):
                right = match.group(0)
                others = sorted(phrases_by_unit[match.group(2)] - {right}, key=_numeric)
                if len(others) < 2:
                    others = sorted(set().union(*phrases_by_unit.values()) - {right}, key=_numeric)
                if len(others) < 2:
                    continue
                stem = sentence[:match.start()] + "（　）" + sentence[match.end():]
                questions.append({
                    "id": f"suggest-a{article.number}-number-{index + 1}-{match.group(1)}",
                    "type": "single",
                    "stem": f"根据{article.label}，{stem}",
                    "options": sorted([right, *others[:3]], key=_numeric),
                    "answer": right,
                    "articles": [article.number],
                    "explanation": _quote(article, sentence),
                    "difficulty": 1,
                })
    return questions


def _numeric(phrase: str) -> tuple[int, str]:
    return (int(re.match(r"\d+", phrase).group(0)), phrase)


def _item_text(text: str) -> str:
    """An item's first clause, without its label: 坚持党的全面领导。把党的领导… → 坚持党的全面领导"""
    return re.split(r"[。；;]", ITEM_LABEL_RE.sub("", text))[0]


def list_questions(regulation: Regulation, seed: int = 0) -> list[dict]:
    lists = [(article, [_item_text(item.text) for item in article.items])
             for article in regulation.articles if len(article.items) >= 3]
    rng = random.Random(seed)
    questions = []
    for article, items in lists:
        intro = [p.text for p in article.paragraphs if p.line < article.items[0].line][-1]
        intro = intro[len(article.label) + 1:] if intro.startswith(article.label) else intro
        foreign = [text for other, texts in lists if other is not article for text in texts]
        if not foreign:
            continue
        right = items[:4]
        wrong = rng.sample(foreign, k=min(2, len(foreign)))
        questions.append({
            "id": f"suggest-a{article.number}-list",
            "type": "multiple",
            "stem": f"根据{article.label}，下列属于“{intro.rstrip('：:')}”所列内容的有（　）。",
            "options": right + wrong,
            "answer": right,
            "articles": [article.number],
            "explanation": f"{article.label}列举了{len(items)}项，见原文。",
            "difficulty": 2,
        })
        intruder = rng.choice(foreign)
        questions.append({
            "id": f"suggest-a{article.number}-not-in-list",
            "type": "single",
            "stem": f"下列各项中，不属于{article.label}所列内容的是（　）。",
            "options": items[:3] + [intruder],
            "answer": intruder,
            "articles": [article.number],
            "explanation": f"{article.label}列举了{len(items)}项，不包括该项。",
            "difficulty": 2,
        })
    return questions


def fill_questions(regulation: Regulation, terms: list[str]) -> list[dict]:
    terms = sorted({t for t in terms if len(t) >= 2}, key=len, reverse=True)
    questions, used = [], set()
    for article in regulation.articles:
        for index, sentence in enumerate(_sentences(article)):
            if "应当" not in sentence and "不得" not in sentence:
                continue
            term = next((t for t in terms if t in sentence and (article.number, t) not in used), None)
            if not term:
                continue
            used.add((article.number, term))
            questions.append({
                "id": f"suggest-a{article.number}-fill-{index + 1}",
                "type": "fill",
                "stem": sentence.replace(term, "____", 1),
                "answer": [[term]],
                "articles": [article.number],
                "explanation": _quote(article, sentence),
                "difficulty": 1,
            })
    return questions


def suggest_questions(regulation: Regulation, terms: list[str], seed: int = 0) -> list[dict]:
    return number_questions(regulation) + list_questions(regulation, seed) + fill_questions(regulation, terms)


def read_terms(dictionary: Path) -> list[str]:
    """Words of a jieba user dictionary (first column); SourceError if it is missing or not UTF-8."""
    return [line.split()[0] for line in read_text(dictionary).splitlines() if line.strip()]


def to_yaml(questions: list[dict], source: str) -> str:
    header = (f"# 由 python -m generator suggest 从 {source} 自动生成的候选题，共 {len(questions)} 道。\n"
              "# 未经审核，不会发布：逐题核对原文、改写题干和干扰项后，再移入 quizzes/ 的题库文件。\n")
    return header + yaml.safe_dump(questions, allow_unicode=True, sort_keys=False, width=1000)
