"""Questions that ask which article holds words they quote: “信访工作是党的群众工作的重要组成部分”……见于《信访工作条例》
第（　）条. The quotation, found word for word in the 2022 regulation, names the article; the options are article
numbers (三, 第二十六条, 26). Also judge items that count an article's items (第二十六条……共有5项)."""

from __future__ import annotations

import re

from ..texts.grounding import quotations
from ..texts.numerals import parse_chinese_number, to_chinese_number
from .keys import BLANK, make_key, mark_blanks
from .locate import HEADNOTE, Corpus
from .questions import LintQuestion
from .verdicts import Verdict, agree, wrong

QUOTE_LEAST = 6  # key characters: a shorter quotation (“书面”) may stand in many articles
OPTION_RE = re.compile(r"^(?:第)?([0-9零〇一二三四五六七八九十百]+)(?:条)?$")
# The blank is an article number of the 2022 regulation: 第（　）条 after 信访工作条例 (or 本条例).
ASKS_RE = re.compile(r"(?:信访工作条例|本条例)[^" + BLANK + r"。；]{0,12}(?:第)?" + BLANK + r"(?:条)?")


def which_article(question: LintQuestion, corpus: Corpus) -> Verdict | None:
    """一致 or 与原文不符 for a single choice asking which 2022 article holds the words it quotes, when the
    quotation stands in exactly one article and every option is an article number; None for any other question."""
    if question.type != "single" or not ASKS_RE.search(make_key(mark_blanks(question.stem)).chars):
        return None
    numbers = {option: _article_number(option) for option in question.options}
    if None in numbers.values():
        return None
    holding = set()
    for quote in quotations(question.stem):
        chars = make_key(quote).chars
        if len(chars) >= QUOTE_LEAST:
            holding |= {p.article for p in corpus.passages
                        if p.article not in (None, HEADNOTE) and not p.edition and chars in p.key.chars}
    if len(holding) != 1:
        return None
    article = holding.pop()
    place = corpus.articles[article]
    right = [option for option, number in numbers.items() if number == article]
    if len(right) != 1:
        return None
    if right[0] == question.answer:
        return agree(question, place, "题目所引的话见于该条")
    return wrong(question, place, f"题目所引的话见于第{to_chinese_number(article)}条，答案写的是“{question.answer}”")


def _article_number(option: str) -> int | None:
    match = OPTION_RE.match(re.sub(r"\s+", "", option))
    if not match:
        return None
    value = match.group(1)
    try:
        return int(value) if value.isdigit() else parse_chinese_number(value)
    except ValueError:
        return None


COUNT_RE = re.compile(r"(?:共有|共|列举了?|列出了?|分为|包括)(\d+)(?:项|种|类)")


def item_count(question: LintQuestion, statement: str, corpus: Corpus) -> Verdict | None:
    """A judge item that counts the items of the one article it cites or names (第二十六条……共有5项): a number
    other than the article's count of items makes it false, whatever else it says (与原文不符 when keyed 正确,
    一致 when keyed 错误); None when it counts nothing or the count agrees (the rest is for the other checks).
    `statement` is the stem's key."""
    if question.type != "judge" or len(question.articles) != 1:
        return None
    match = COUNT_RE.search(statement)
    whole = corpus.articles.get(question.articles[0])
    if match is None or whole is None:
        return None
    leads = [p for p in corpus.passages if p.article == whole.article and p.lead and p.items]
    if len(leads) != 1 or int(match.group(1)) == len(leads[0].items):
        return None
    count = len(leads[0].items)
    where = f"第{to_chinese_number(whole.article)}条"
    if question.answer is False:
        return agree(question, leads[0], f"{where}列举的是{count}项，题目说{match.group(1)}项")
    return wrong(question, leads[0], f"{where}列举的是{count}项，题目说{match.group(1)}项，应判为“错误”")
