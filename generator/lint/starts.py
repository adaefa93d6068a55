"""When a period starts: a judge item saying a matter's period runs 自X之日起 (信访人请求复查的30日期限，自其收到信访处理
意见的书面答复之日起计算), checked against the sentence of the text that gives that matter's period (第三十五条：……可以
自收到书面答复之日起30日内请求……复查). The matter is found by its bigrams, as numbers.py finds a number's."""

from __future__ import annotations

import re

from .keys import Key, make_key
from .locate import HEADNOTE, Corpus, Passage
from .questions import LintQuestion
from .verdicts import Verdict, agree, wrong

# In key characters: 第31条第6项规定的信访事项的办理期限自受理之日起计算.
CLAIM_RE = re.compile(r"^(.{4,40}?)的(?:(\d+(?:个工作日|日))的?)?(?:办理|办结|答复|告知)?期限(?:应当)?(?:自|从)(.{2,20}?)"
                      r"之日(?:起)?(?:开始)?(?:计算|起算)$")
START_RE = re.compile(r"自(.{2,16}?)之日起(\d+(?:个工作日|日))?")
MATTER_SHARE = 0.75  # of the matter's characters found in order in the text's sentence
FAULT_SHARE = 0.9  # enough to call a 正确 wrong
MARGIN = 0.1  # ahead of any sentence that starts the period otherwise


def period_start(question: LintQuestion, statement: Key, corpus: Corpus) -> Verdict | None:
    """The verdict on a judge item that only says from when a matter's period runs, against the 2022 sentence
    whose words are that matter (MATTER_SHARE of its characters in order, MARGIN ahead of any sentence with another start;
    the stated number, if any, must be that sentence's). The stated start is the text's when the text's words
    are in it in order and its other words are in that sentence (其收到信访处理意见的书面答复 for 收到书面答复).
    A start that differs, and is another start the text gives (自受理之日起 for 自收到之日起), confirms a 错误, and faults a
    正确 when the sentence holds FAULT_SHARE of the matter and no other sentence comes close.
    None for anything else."""
    claim = CLAIM_RE.match(statement.chars)
    if question.type != "judge" or claim is None or "2005" in question.stem:
        return None
    matter, number, start = claim.groups()
    matter = re.sub(r"^(?:信访工作条例|本条例|条例)", "", matter)  # the text's 本条例第三十一条第六项 says it as 本条例
    places = []
    for passage in corpus.passages:
        if passage.edition or passage.article in (None, HEADNOTE):
            continue
        for sentence in re.split(r"(?<=[。；])", passage.text):
            chars = make_key(sentence).chars
            for found in START_RE.finditer(chars):
                if number and found.group(2) != number:
                    continue
                share = _in_order(matter, chars) / len(matter)
                places.append((share, found.group(1), chars, passage))
    places.sort(key=lambda place: -place[0])
    starts = {found.group(1) for p in corpus.passages if not p.edition and p.article not in (None, HEADNOTE)
              for found in START_RE.finditer(p.key.chars)}
    if not places or places[0][0] < MATTER_SHARE:
        return None
    share, text_start, sentence, passage = places[0]
    close = [place for place in places[1:] if place[0] > share - MARGIN]
    same = _same_start(start, text_start, sentence)
    # 复查's and 复核's periods both run 自收到书面答复之日起: a sentence as close as the best one must read alike.
    if any(_same_start(start, other, words) != same for _, other, words, _ in close):
        return None
    if not same and start not in starts:
        return None  # 自收到复查意见之日起 for 自收到书面答复之日起: other words, not another of the text's starts
    reason = f"{passage.where}规定自{text_start}之日起" + ("" if same else f"，不是自{start}之日起")
    if same == question.answer:
        return agree(question, passage, reason)
    if question.answer is True and (share < FAULT_SHARE or close):
        return None  # a 正确 is faulted only where one sentence clearly is the matter
    return wrong(question, passage, f"{reason}，应判为“{'正确' if same else '错误'}”")


def _in_order(words: str, text: str) -> int:
    """How many characters of `words` `text` has in the same order (the longest common subsequence): 信访人请求复查
    is all in ……信访人对信访处理意见不服的，可以自……请求原办理机关、单位的上一级机关、单位复查, 请求复核 is not."""
    row = [0] * (len(text) + 1)
    for char in words:
        previous = 0
        for index, other in enumerate(text, 1):
            previous, row[index] = row[index], previous + 1 if char == other else max(row[index], row[index - 1])
    return row[-1]


def _same_start(stated: str, text: str, sentence: str) -> bool:
    """The text's start words in order within the stated ones, every other stated word (其, 信访处理意见的) in the
    sentence."""
    position, extra = 0, []
    for char in stated:
        if position < len(text) and char == text[position]:
            position += 1
        else:
            extra.append(char)
    if position < len(text):
        return False
    leftover = "".join(extra).strip("其的")
    return all(part in sentence for part in re.split(r"[其的]", leftover) if part)
