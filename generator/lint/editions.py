"""Statements about the 2005 《信访条例》, or comparing it with the 2022 《信访工作条例》: each part is checked
against the text it speaks of.

A stem is cut into sentences (at 。；). A sentence that names only the 2005 regulation is about that text, one
that names only the 2022 regulation about this one, one that names neither about the text of the sentence
before (the 2022 one at the start). A sentence naming both, or saying that a rule is 新增 / 沿用 / 相同, is a
comparison: its content is looked up in both texts. A part is decided only when the text decides it (the
words, or a number stated for the same matter); anything less leaves the question 无法核对.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..texts.numerals import parse_chinese_number, to_chinese_number
from .keys import bigrams, make_key
from .locate import Corpus, Passage
from .numbers import NUMBER_RE, number_conflict, number_support, unit_of
from .statement import CHANGED, TEXT, judge_statement

OLD_RE = re.compile(r"2005|二〇〇五|旧条例|原《信访条例》|国务院《信访条例》|(?<!工作)《信访条例》|原条例")
NEW_RE = re.compile(r"信访工作条例|新条例|2022|二〇二二|现行")
# The comparison a sentence makes: the rule is the same in both texts, or new in 2022.
SAME_RE = re.compile(r"沿用|相同|一致|不变|未变|没有变化|保留|延续|照搬")
NEW_RULE_RE = re.compile(r"新增|新出现|首次|新写入|增加了|没有这一表述|没有这样的表述|没有此|未作规定|没有规定|没有这一规定")
QUOTED_RE = re.compile(r"[“\"「]([^”\"」]{4,})[”\"」]")
# The names of the texts and what introduces their words, dropped before a part is compared with a text.
MENTION_RE = re.compile(
    r"(?:与|和|同|较|比)?(?:2005年|二〇〇五年)?(?:原)?(?:国务院)?《?(?:信访工作条例|信访条例|条例)》?"
    r"(?:第[一二三四五六七八九十百零〇\d]+条)?(?:第[一二三四五六七八九十\d]+款)?(?:第[一二三四五六七八九十\d]+项)?"
    r"(?:的规定|规定|要求|明确|指出|中|讲的是|的表述是|的)?(?:相比)?[，,：:]?"
    r"|^(?:根据|按照|依据|依照)")

YES, NO, UNSURE = "yes", "no", "unsure"


@dataclass
class Part:
    words: str  # the sentence as written
    edition: str  # "old" | "new" | "both"


@dataclass
class Check:
    """Whether a part holds in the text: YES / NO / UNSURE, with the provision and what it says."""

    result: str
    passage: Passage | None = None
    reason: str = ""
    quote: str = ""
    weak: bool = False  # a NO that confirms a 错误 but is not enough to fault a 正确 (words may be said otherwise)


def mentions_old(stem: str) -> bool:
    return bool(OLD_RE.search(stem))


def is_comparison(stem: str, qtype: str) -> bool:
    """True when the stem speaks of the 2005 regulation, or is a statement calling a rule of the 2022 one new
    (……是《信访工作条例》新增的规定)."""
    return mentions_old(stem) or bool(qtype == "judge" and NEW_RE.search(stem) and NEW_RULE_RE.search(stem))


def parts(stem: str) -> list[Part]:
    """The stem cut at 。；, each sentence with the text it speaks of: "old", "new", "both", or "unclear" for
    one that names neither after one about 2005, or names only 《条例》 (either text may be meant)."""
    out: list[Part] = []
    previous = "new"
    for words in re.split(r"(?<=[。；;])", stem):
        if not words.strip():
            continue
        old, new = bool(OLD_RE.search(words)), bool(NEW_RE.search(words))
        claim = (SAME_RE.search(words) and old) or NEW_RULE_RE.search(words)
        if (old and new) or (claim and (old or new)):
            edition = "both"
        elif old or new:
            edition = "old" if old else "new"
        else:
            edition = "unclear" if previous == "old" or GENERIC_RE.search(words) else previous
        out.append(Part(words, edition))
        if edition in ("old", "new"):
            previous = edition
    return out


# 《条例》 alone, in a stem that also speaks of the 2005 《信访条例》: which one is meant is not said.
GENERIC_RE = re.compile(r"(?<!信访)(?<!工作)条例")


def content(words: str) -> str:
    """A part without the names of the texts and without its comparison clause (……，这一期限是沿用下来的); a
    comparison that introduces the rule (保留了原《信访条例》的规定：……) keeps what follows its colon."""
    clauses = [c for c in re.split(r"[，,]", words) if c.strip()]
    kept = [re.split(r"[：:]", c, maxsplit=1)[1] if (SAME_RE.search(c) or NEW_RULE_RE.search(c)) and re.search(
        r"[：:].", c) else c for c in clauses]
    kept = [c for c in kept if not (SAME_RE.search(c) or NEW_RULE_RE.search(c))] or clauses
    text = "，".join(kept)
    text = MENTION_RE.sub("", text)
    return re.sub(r"^(?:是|为|了|在)", "", text.strip("，,。；; "))


def holds(words: str, corpus: Corpus) -> Check:
    """Does the statement `words` hold in `corpus` (one regulation)? YES on its words or on a number stated
    for the same matter, NO on a clean change of the words or another number for the same matter."""
    key = make_key(content(words))
    finding = judge_statement(key, corpus, {"regulation"})
    if finding.decision == TEXT:
        return Check(YES, finding.passage, "", finding.quote)
    if finding.decision == CHANGED and finding.strong:
        return Check(NO, finding.passage, "；".join(finding.changes), finding.quote)
    support = number_support(key, corpus, [p for p in corpus.passages if p.article is not None])
    if support is not None:
        return Check(YES, support.passage, "", support.quote)
    return Check(UNSURE, finding.passage)


def comparison(words: str, corpus: Corpus, older: Corpus) -> Check:
    """A sentence that compares the texts: 新增 is false when the 2005 text has the rule (or the quoted words),
    true when the quoted words are in the 2022 text and not in the 2005 one; 沿用/相同 is true when the rule
    holds in both, false when a number differs in one."""
    quoted = [make_key(q).chars for q in QUOTED_RE.findall(words)]
    if NEW_RULE_RE.search(words):
        for phrase in quoted:
            place = next((p for p in older.passages if phrase in p.key.chars), None)
            if place is not None:
                return Check(NO, place, f"{place.where}已有“{place.key.original(*_span(place, phrase))}”",
                             place.text)
        if quoted and all(any(q in p.key.chars for p in corpus.passages) for q in quoted):
            place = next(p for p in corpus.passages if quoted[0] in p.key.chars)
            return Check(YES, place, "2005年《信访条例》没有这一表述", place.text)
        if not quoted:
            old = holds(words, older)
            if old.result == YES:
                return Check(NO, old.passage, f"{old.passage.where}已有此规定", old.quote)
        return Check(UNSURE)
    if SAME_RE.search(words):
        key = make_key(content(words))
        for text in (corpus, older):
            conflict = number_conflict(key, text, [p for p in text.passages if p.article is not None])
            if conflict is not None:
                return Check(NO, conflict.passage, conflict.describe(), conflict.quote)
        new, old = holds(words, corpus), holds(words, older)
        if new.result == YES and old.result == YES:
            return Check(YES, new.passage, f"两部条例均如此规定（另见{old.passage.where}）", new.quote)
        if old.result == YES and new.result != YES:
            gone = _missing_clause(content(words), cited_articles(words, corpus))
            if gone is not None:
                return gone
        return same_number(key, corpus, older)
    return Check(UNSURE)


# A clause of a rule said to be kept that the cited 2022 article has less than this share of (by bigrams).
KEPT_SHARE = 0.5


def cited_articles(words: str, corpus: Corpus) -> list[Passage]:
    """The whole articles of `corpus` that `words` name (第四十七条, 第47条)."""
    out = []
    for number in re.findall(r"第([一二三四五六七八九十百零〇\d]+)条", words):
        try:
            value = int(number) if number.isdigit() else parse_chinese_number(number)
        except ValueError:
            continue
        if value in corpus.articles:
            out.append(corpus.articles[value])
    return out


def _missing_clause(rule: str, articles: list[Passage]) -> Check | None:
    """A weak NO naming the first clause (of 6 key characters or more) of a rule said to be kept that the
    cited article neither has nor nearly has: 由公安机关予以警告、训诫或者制止 against 2022 第四十七条."""
    if len(articles) != 1:
        return None
    article = articles[0]
    key = make_key(rule)
    starts = [0, *[p for p in range(1, len(key.chars)) if key.is_break(p)], len(key.chars)]
    for start, end in zip(starts, starts[1:]):
        clause = key.chars[start:end]
        grams = bigrams(clause)
        if len(clause) < 6 or clause in article.key.chars:
            continue
        if len(grams & article.grams) / len(grams) < KEPT_SHARE:
            shown = key.original(start, end).strip("，。；：、 ")
            return Check(NO, article, f"{article.source}没有“{shown}”", article.text, weak=True)
    return None


# How clearly one line must lead when a kept deadline is looked up in each text by its words alone.
NUMBER_PLACE_LEAST = 0.5
NUMBER_PLACE_MARGIN = 0.1


def same_number(key, corpus: Corpus, older: Corpus) -> Check:
    """A number said to be kept (这一期限是沿用下来的): YES when the line of each text that clearly holds the
    statement's words gives that number, a weak NO when such a line gives only another number of its unit."""
    found = NUMBER_RE.findall(key.chars)
    if len(found) != 1:
        return Check(UNSURE)
    stated, unit = found[0], unit_of(found[0])
    places = []
    for text in (corpus, older):
        ranked = [(score, p) for score, p in text.rank(key.chars, limit=3) if p.article is not None]
        if not ranked or ranked[0][0] < NUMBER_PLACE_LEAST or (
                len(ranked) > 1 and ranked[0][0] - ranked[1][0] < NUMBER_PLACE_MARGIN):
            return Check(UNSURE)
        place = ranked[0][1]
        numbers = [n for n in NUMBER_RE.findall(place.key.chars) if unit_of(n) == unit]
        if stated not in numbers:
            if numbers:
                return Check(NO, place, f"{place.where}规定的是“{numbers[0]}”", place.text, weak=True)
            return Check(UNSURE)
        places.append(place)
    return Check(YES, places[0], f"两部条例均为“{stated}”（另见{places[1].where}）", places[0].text)


# 第十八条要求公布的事项中不再列电子信箱，而列出网络信访渠道: a word a cited article no longer has, or has.
GONE_RE = re.compile(r"(?:不再(?:列出|列有|列|包括|有|写)|删去了?|删除了?|去掉了?)([^，,。；;、]{2,12}?)(?=[，,。；;]|而|$)")
LISTED_RE = re.compile(r"(?:列出了?|列有|增加了?|增列了?|写入了?)([^，,。；;、]{2,12}?)(?=[，,。；;]|$)")


def listed(words: str, corpus: Corpus) -> Check:
    """A part saying what one article it names has (列出网络信访渠道) and no longer has (不再列电子信箱): YES when
    the article has each word said to be there and none said to be gone, NO on the first that fails; UNSURE
    when the part names no one article or says no such word."""
    gone, there = GONE_RE.findall(words), LISTED_RE.findall(words)
    articles = cited_articles(words, corpus)
    if not (gone or there) or len(articles) != 1:
        return Check(UNSURE)
    article = articles[0]
    for word in gone:
        if make_key(word).chars in article.key.chars:
            return Check(NO, article, f"{article.source}仍有“{word}”", article.text)
    for word in there:
        if make_key(word).chars not in article.key.chars:
            return Check(NO, article, f"{article.source}没有“{word}”", article.text, weak=True)
    return Check(YES, article, f"{article.source}" + "，".join(
        [*(f"没有“{w}”" for w in gone), *(f"有“{w}”" for w in there)]), article.text)


def _span(passage: Passage, phrase: str) -> tuple[int, int]:
    start = passage.key.chars.find(phrase)
    return start, start + len(phrase)


def check_parts(stem_parts: list[Part], corpus: Corpus, older: Corpus) -> Check:
    """All parts of a statement together: NO when one part is decided false, YES when every part holds."""
    checks = []
    for part in stem_parts:
        if part.edition == "unclear":
            checks.append(Check(UNSURE))
        elif part.edition == "both":
            checks.append(comparison(part.words, corpus, older))
        else:
            text = older if part.edition == "old" else corpus
            check = listed(part.words, text)
            checks.append(check if check.result != UNSURE else holds(part.words, text))
    for check in checks:
        if check.result == NO:
            return check
    if checks and all(check.result == YES for check in checks):
        return checks[-1]
    return Check(UNSURE, next((c.passage for c in checks if c.passage), None))


def premise_number(part: Part, corpus: Corpus, older: Corpus):
    """A number a premise of the stem (a sentence without the blank) states for a matter its text gives
    another number for, as a numbers.Conflict, or None."""
    text = older if part.edition == "old" else corpus
    return number_conflict(make_key(content(part.words)), text,
                           [p for p in text.passages if p.article is not None])
