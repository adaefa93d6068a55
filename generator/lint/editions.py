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

from .keys import make_key
from .locate import Corpus, Passage
from .numbers import number_conflict, number_support
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
    """A part without the names of the texts and without its comparison clause (……，这一期限是沿用下来的)."""
    clauses = [c for c in re.split(r"[，,]", words) if c.strip()]
    kept = [c for c in clauses if not (SAME_RE.search(c) or NEW_RULE_RE.search(c))] or clauses
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
    return Check(UNSURE)


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
            checks.append(holds(part.words, older if part.edition == "old" else corpus))
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
