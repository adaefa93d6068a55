"""Verdicts and what the checks of every question type share: candidate passages, quotations, citations."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations

from ..texts.numerals import to_chinese_number
from .blanks import fit, is_strong
from .keys import BLANK
from .locate import HEADNOTE, Corpus, Passage, in_scope
from .questions import LintQuestion

OK, WRONG, UNKNOWN = "一致", "与原文不符", "无法核对"
STATUSES = (OK, WRONG, UNKNOWN)


@dataclass
class Verdict:
    question: LintQuestion
    status: str
    where: str = ""  # the provision: 第二十二条第一款, 通知二（四）
    reason: str = ""
    text: str = ""  # the provision's words


def question_scope(question: LintQuestion) -> set[str] | None:
    """Which texts a question is about: "regulation" and/or "notice" by what it names or cites; None: both."""
    scope = set()
    if "通知" in question.stem or question.notice:
        scope.add("notice")
    if "条例" in question.stem or question.articles:
        scope.add("regulation")
    return scope or None


def ranked_passages(key: str, corpus: Corpus, scope: set[str] | None, question: LintQuestion | None = None,
            limit: int = 6) -> list[Passage]:
    """Passages about `key`, best first; a passage the question cites gets a small bonus (a tie-breaker
    between parallel provisions such as 复查 and 复核, never enough to outweigh the words)."""
    ranked = []
    for score, passage in corpus.rank(key.replace(BLANK, ""), limit=limit * 4):
        if not in_scope(passage, scope):
            continue
        if question is not None and cites(question, passage):
            score += 0.1
        ranked.append((score, passage))
    ranked.sort(key=lambda pair: -pair[0])
    if not ranked or ranked[0][0] < corpus.least_share(0.4):
        return []
    if corpus.cited:  # a few provisions only: every line of them that shares words with the question
        return [p for _, p in ranked][:limit * 2]
    top = ranked[0][0]
    return [p for score, p in ranked if score >= top * 0.6][:limit]


def cites(question: LintQuestion, place: Passage) -> bool:
    """True when the question's citation (articles, notice section) covers `place`."""
    if place.article is not None:
        return place.article in question.articles
    return bool(place.notice and question.notice and (place.notice.startswith(question.notice)
                                                       or question.notice.startswith(place.notice)))


def passage_words(passage: Passage | None) -> str:
    """The passage's text for a report ("" for none)."""
    return passage.text.strip() if passage else ""


def unknown(question: LintQuestion, reason: str, passage: Passage | None = None) -> Verdict:
    """无法核对, with the reason and, when one was found, the closest passage."""
    return Verdict(question, UNKNOWN, passage.where if passage else "", reason, passage_words(passage))


def agree(question: LintQuestion, passage: Passage, reason: str = "", words: str = "") -> Verdict:
    """一致, at `passage`; `words` quotes the sentence compared (default: the whole passage)."""
    words = whole_sentence(passage, words)
    return Verdict(question, OK, precise_where(passage, words), reason, words or passage_words(passage))


def wrong(question: LintQuestion, passage: Passage, reason: str, words: str = "") -> Verdict:
    """与原文不符: `reason` says what the text requires; `words` quotes it (default: the whole passage)."""
    words = whole_sentence(passage, words)
    return Verdict(question, WRONG, precise_where(passage, words), reason, words or passage_words(passage))


SENTENCE_ENDS = "。！？\n"


def whole_sentence(passage: Passage, words: str) -> str:
    """The sentence of `passage` that holds the clause `words`, from 。 to 。, so a quote keeps the condition
    that decides it (第二十三条第三款: 对…转送、交办的信访事项，…；不属于本机关、单位…职权范围的，…5个工作日内
    提出异议), even one before a ；;
    `words` itself when it is empty or not verbatim in the passage."""
    clause = words.strip()
    at = passage.text.find(clause) if clause else -1
    if at < 0:
        return words
    start = max(passage.text.rfind(end, 0, at) for end in SENTENCE_ENDS) + 1
    stops = [i for i in (passage.text.find(end, at + len(clause) - 1) for end in SENTENCE_ENDS) if i >= 0]
    stop = min(stops, default=len(passage.text))
    return passage.text[start:stop + (passage.text[stop:stop + 1] == "。")].strip()


def precise_where(passage: Passage, words: str) -> str:
    """第二十三条第二款 rather than 第二十三条 when the quoted sentence lies within one line of the article."""
    return passage.where_of(words)


def check_citation(question: LintQuestion, places: list[Passage], verdict: Verdict) -> Verdict:
    """A question that reads exactly as the text in places none of which it cites has the wrong 出处."""
    if verdict.status != OK or not places or not (question.articles or question.notice):
        return verdict
    if any(cites(question, place) for place in places):
        return verdict
    if all(place.article == HEADNOTE for place in places):
        verdict.reason = "；".join(part for part in (verdict.reason, "该内容见题注") if part)
        return verdict  # a bank cites 第五十条 for the 题注's dates: no article holds them
    names = [f"第{to_chinese_number(n)}条" for n in question.articles if 0 < n < 1000]
    if question.notice:
        names.append(f"通知{question.notice}")
    cited = "、".join(names)
    found = "、".join(dict.fromkeys(place.source for place in places))
    return wrong(question, places[0], f"出处有误：题目注明{cited}，该内容见{found}")


def group_fits(group: tuple[str, list[int], str], values: list[str], passage: Passage, least: int = 6) -> bool:
    """The values of a group of adjacent blanks, in any order (a bank may mark them unordered), fit."""
    return group_score(group, values, passage, least) is not None


def group_score(group: tuple[str, list[int], str], values: list[str], passage: Passage,
                least: int = 6) -> int | None:
    """How much context matched around the group's values (best order), or None when they do not fit
    (`least`: the context characters that make a fit sure, see blanks.is_strong)."""
    left, members, right = group
    orders = permutations(members) if len(members) <= 4 else [members]
    scores = []
    for order in orders:
        found = fit(left, "".join(values[i] for i in order), right, passage)
        if is_strong(found, left, right, least):
            scores.append(found.score)
    return max(scores) if scores else None
