"""Numbers stated for a matter: a deadline, a count or a date that the text gives for the same matter.

A statement such as 复核机关应当在收到复核请求后60日内提出复核意见 is no word-for-word copy of 第三十六条, but
the words around its number (收到复核请求, 提出复核意见) are the words around the text's 30日. The matter is
found by the character bigrams of the clause that holds the number, then of the sentence; a number is only
called wrong when one place in the text clearly is that matter and gives another number of the same unit,
and no place that is as close gives the stated number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .keys import Key, bigrams
from .locate import Corpus, Passage

# A date first (2022年5月1日 is one number), then a quantity: digits before a unit. 第4条 is no quantity.
NUMBER_RE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|(?<![第\d])\d+(?:个工作日|个月|日|人|章|条|项|"
                       r"名|次|小时|周|年)")
UNIT_RE = re.compile(r"\d+")
# How close the matter must be: the share of the statement clause's bigrams found in the text's clause.
CLAUSE_SHARE = 0.6
SENTENCE_SHARE = 0.5
MARGIN = 0.15


@dataclass
class Conflict:
    passage: Passage
    stated: str  # the statement's number, in its own words (六十日)
    text: str  # the text's number for the same matter, in the text's words (30日)
    quote: str  # the text's clause that gives it
    stated_key: str = ""  # both numbers in key form (15日), to compare
    text_key: str = ""

    def describe(self) -> str:
        """'把原文的“30日”改成了“60日”' (a report prefixes 题目 and names the provision)."""
        return f"把原文的“{self.text_key}”改成了“{self.stated_key}”"


@dataclass
class _Place:
    passage: Passage
    start: int
    end: int
    value: str


# Periods are compared with one another: a matter the text gives 5个工作日 for is not one of 15日.
PERIODS = {"日": "period", "个工作日": "period", "个月": "period", "小时": "period", "周": "period"}


def unit_of(number: str) -> str:
    """'15日' → 'period', '5个工作日' → 'period', '2022年5月1日' → 'date', '5人' → '人'."""
    if re.fullmatch(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{4}年", number):
        return "date"
    unit = UNIT_RE.sub("", number, count=1)
    return PERIODS.get(unit, unit)


def is_number(chars: str) -> bool:
    """True when a key string is one number with or without its unit (15日, 15, 2022年5月1日)."""
    return bool(re.fullmatch(r"\d+", chars) or NUMBER_RE.fullmatch(chars))


def _span(key: Key, start: int, end: int, stops) -> tuple[int, int]:
    """The clause (stops=is_break) or sentence (stops=is_stop) around key positions [start, end)."""
    while start > 0 and not stops(start):
        start -= 1
    while end < len(key.chars) and not stops(end):
        end += 1
    return start, end


TITLE_RE = re.compile(r"信访工作条例|本条例|条例")


def _matter(key: Key, start: int, end: int, stops) -> set[str]:
    """The bigrams of the clause or sentence around a number: the number itself stands as §, other numbers
    as #, and the regulation's name is left out (《信访工作条例》共6章 = 共6章)."""
    first, last = _span(key, start, end, stops)
    chars = key.chars

    def general(words: str) -> str:
        return re.sub(r"\d+", "#", TITLE_RE.sub("", words))

    return bigrams(general(chars[first:start]) + "§" + general(chars[end:last]))


def _share(wanted: set[str], have: set[str]) -> float:
    return len(wanted & have) / len(wanted) if wanted else 0.0


def number_conflict(statement: Key, corpus: Corpus, passages: list[Passage] | None = None) -> Conflict | None:
    """The first number of `statement` that the text gives differently for the same matter, or None.

    `passages` limits the search (default: every line of the corpus). Never a guess: the text's place must
    share most of the statement's clause (CLAUSE_SHARE) and sentence (SENTENCE_SHARE) words, and no place
    nearly as close (MARGIN) may give the stated number."""
    for found in _matters(statement, corpus, passages):
        if found.text_key != found.stated_key:
            return found
    return None


def number_support(statement: Key, corpus: Corpus, passages: list[Passage] | None = None) -> Conflict | None:
    """The place that gives a number of `statement` for the same matter, when every number of it that the
    text decides agrees (a Conflict whose numbers are equal), or None."""
    found = list(_matters(statement, corpus, passages))
    if found and all(f.text_key == f.stated_key for f in found):
        return found[0]
    return None


def _matters(statement: Key, corpus: Corpus, passages: list[Passage] | None):
    """For every number of `statement` whose matter the text clearly names: that place, as a Conflict (whose
    numbers may be equal)."""
    places = [
        _Place(p, m.start(), m.end(), m.group(0))
        for p in (passages if passages is not None else corpus.passages)
        for m in NUMBER_RE.finditer(p.key.chars)
    ]
    for match in NUMBER_RE.finditer(statement.chars):
        stated, unit = match.group(0), unit_of(match.group(0))
        clause = _matter(statement, match.start(), match.end(), statement.is_break)
        sentence = _matter(statement, match.start(), match.end(), statement.is_stop)
        if len(clause) < 3 or len(sentence) < 3:
            continue
        scored = []
        for place in places:
            if unit_of(place.value) != unit:
                continue
            key = place.passage.key
            # The statement's clause in the text's, or the text's (代表人数不超过5人) in the statement's.
            around = _matter(key, place.start, place.end, key.is_break)
            near = max(_share(clause, around), _share(around, clause) if len(around) >= 4 else 0.0)
            far = _share(sentence, _matter(key, place.start, place.end, key.is_stop))
            scored.append((near + far, near, far, place))
        if not scored:
            continue
        scored.sort(key=lambda entry: -entry[0])
        total, near, far, best = scored[0]
        if near < CLAUSE_SHARE or far < SENTENCE_SHARE:
            continue
        if best.value != stated and any(place.value == stated and score >= total - MARGIN
                                        for score, _, _, place in scored):
            continue  # another place as close gives the stated number: which matter is meant is unclear
        if any(place.value != best.value and score >= total - MARGIN for score, _, _, place in scored[1:]):
            continue  # two close places give two numbers
        key = best.passage.key
        first, last = _span(key, best.start, best.end, key.is_break)
        yield Conflict(best.passage, statement.original(match.start(), match.end()),
                       key.original(best.start, best.end), key.original(first, last).strip("，。；：、 "),
                       stated, best.value)
