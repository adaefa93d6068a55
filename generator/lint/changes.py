"""A statement that is the cited text with one word put for another: a level, a body, a modal verb (可以采纳 where
the text has 应当采纳; 由本级信访部门责令改正 where it has 由其上级机关、单位责令改正). Found, it makes a statement
false or an option a changed one; used only among the provisions a question cites, and only to confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .keys import bigrams, make_key
from .locate import Corpus, Passage
from .questions import plain
from .statement import TEXT, judge_statement
from .words import is_body

# A level, a body or a modal verb put for another: the distractor a bank makes of the text's words
# (通报上一级信访工作联席会议办公室 for 本级…, 政府主要负责同志 for 党委主要负责同志, 应当举行听证 for 可以).
LEVEL_WORDS = ("上一级", "本级", "同级", "下级", "省级", "市、县级", "县级", "市级", "乡镇")
SWAPS = tuple((said, text) for said in LEVEL_WORDS for text in LEVEL_WORDS if said != text) + (
    ("党委", "政府"), ("政府", "党委"), ("应当", "可以"), ("可以", "应当"), ("必须", "可以"), ("不得", "可以"),
    ("可以", "不得"),
    ("复查", "复核"), ("复核", "复查"), ("不予", ""), ("不得", ""), ("不再", ""), ("不", ""), ("未", ""), ("没有", ""))
# A word put back as nothing (a negation the statement added) is checked against the whole text only: the words
# around it are the statement's own either way.
SWAP_ANCHOR = 6  # key characters on one side of a swapped word that must read alike in the text
BODY_ANCHOR = 4  # the least words after a body (责令改正, 负责解释), to the end of the clause
CLAUSE_RE = re.compile(r"[，。；：！？,;:]")


@dataclass
class Change:
    said: str  # the statement's word
    text: str  # the text's word in its place
    passage: Passage
    quote: str = ""

    def describe(self) -> str:
        if not self.text and self.quote and self.said:
            return f"把所引条文的规定归给了“{self.said}”"
        if not self.text:
            return f"加了原文没有的“{self.said}”"
        if self.said.startswith("没有"):
            return f"去掉了原文的条件“{self.text}”"
        if self.said.startswith("不经"):
            return f"跳过了原文作为前提的“{self.text}”"
        return f"把原文的“{self.text}”改成了“{self.said}”"


def swapped_word(statement: str, cited: Corpus) -> Change | None:
    """`statement` (key characters) with one of SWAPS where the cited text has the other word: the statement with
    the text's word put back is the text word for word, or the SWAP_ANCHOR characters on one side of the word
    (4 at the statement's very end or start) read in the text with the other word. None when the statement
    itself is the text."""
    if len(statement) < 6 or judge_statement(make_key(statement), cited).decision == TEXT:
        return None
    for said, text in SWAPS:
        start = statement.find(said)
        while start >= 0:
            end = start + len(said)
            other = statement[:start] + text + statement[end:]
            finding = judge_statement(make_key(other), cited)
            if finding.decision == TEXT and finding.strong:
                return Change(said, text, finding.passage, finding.quote)
            right, left = statement[end:end + SWAP_ANCHOR], statement[max(0, start - SWAP_ANCHOR):start]
            # Fewer anchor characters will do where they reach the statement's end (……可以举行听证).
            sides = [(text + right, len(right) == SWAP_ANCHOR or (len(right) >= 4 and end + len(right) == len(
                statement))), (left + text, len(left) == SWAP_ANCHOR or (len(left) >= 4 and start == len(left)))]
            for anchored, long_enough in sides:
                if not text or not long_enough or anchored in statement:
                    continue
                place = next((p for p in cited.passages if anchored in p.key.chars), None)
                if place is not None:
                    return Change(said, text, place)
            start = statement.find(said, start + 1)
    return None


def other_body(statement: str, cited: Corpus) -> Change | None:
    """One clause of `statement` (its words as written), 由A做某事, that stands in the cited text as 由B做某事 with a
    wholly other body (由中央信访工作联席会议负责解释 where the text has 由国家信访局负责解释). The words after the
    body must end a clause of the text too, the bodies must share next to nothing (a body written shorter is no
    other body), and the text must give one body only for those words and nowhere the statement's own clause."""
    text_clauses = [clause for p in cited.passages for clause in CLAUSE_RE.split(plain(p.text))]
    for clause in CLAUSE_RE.split(plain(statement)):
        start = clause.find("由")
        while start >= 0:
            rest = clause[start + 1:]
            for size in range(2, min(16, len(rest) - BODY_ANCHOR) + 1):
                body, after = rest[:size], rest[size:]
                pattern = re.compile("由([^由]{1,16})" + re.escape(after) + "$")
                found = {m.group(1) for m in (pattern.search(c) for c in text_clauses) if m}
                if body in found:
                    return None  # the statement's own clause is the text's
                others = {o for o in found if o not in body and body not in o
                          and _dice(bigrams(o), bigrams(body)) < 0.3}
                if len(found) == 1 and others:
                    other = others.pop()
                    place = next(p for p in cited.passages if "由" + other + after in plain(p.text))
                    return Change("由" + body, "由" + other, place)
            start = clause.find("由", start + 1)
    return None


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


# 即使没有造成严重后果，也应当……: the statement drops a condition the text sets (造成严重后果的，……).
DROPPED_RE = re.compile(r"(?:即使|即便|哪怕|尽管|虽然|虽)?(?:没有|未|不)([^，,。；;]{4,16}?)(?:的)?[，,](?:也|仍然|仍|同样|依然|照样)"
                        r"([^。；;]+)")
CONSEQUENCE_ANCHOR = 6


def dropped_condition(statement: str, cited: Corpus) -> Change | None:
    """A statement (its words as written) saying that without X something still follows, where a cited line
    sets X as the condition of that very thing (X的，……): the text's condition in one sentence, followed (before
    the sentence ends) by CONSEQUENCE_ANCHOR or more characters of the statement's consequence."""
    for match in DROPPED_RE.finditer(plain(statement)):
        condition = match.group(1).rstrip("的")
        consequence = make_key(match.group(2)).chars
        for passage in cited.passages:
            for sentence in re.split(r"[。；;]", plain(passage.text)):
                at = sentence.find(condition + "的")
                if at < 0:
                    continue
                after = make_key(sentence[at + len(condition):]).chars
                if any(consequence[i:i + CONSEQUENCE_ANCHOR] in after
                       for i in range(0, max(1, len(consequence) - CONSEQUENCE_ANCHOR + 1))
                       if len(consequence[i:i + CONSEQUENCE_ANCHOR]) == CONSEQUENCE_ANCHOR):
                    return Change(f"没有{condition}也", f"{condition}的", passage, sentence)
    return None


ATTRIBUTED_LEAST = 6  # key characters of the provision's words the statement must quote to be about that line
TERM_LEAST = 4


def misattributed(statement: str, cited: Corpus) -> Change | None:
    """`statement` (key characters) quotes a cited line's words but gives them to another owner: a body the text
    names elsewhere (制定信访工作方针政策是中央信访工作联席会议的职责, where 第八条 gives it to 党中央) or another
    item's heading (坚持以人民为中心原则要求把党的领导贯彻到……, which is 坚持党的全面领导). The owner of a line is
    the line itself, its item's lead-in and the article's first line; a term of the statement outside the quoted
    words that is none of these, but is another item's heading or a body some line of the text begins with (an
    owner of provisions) that the statement makes the owner (……是T的职责, 主体是T, 由T), is the change. Enough to confirm
    a 错误, never to fault a 正确 (the statement may name the owner in other words)."""
    lines = cited.every if cited.every is not None else cited.passages
    best = None
    for passage in cited.passages:
        if passage.lead:
            continue
        match = SequenceMatcher(None, statement, passage.key.chars, autojunk=False).find_longest_match(
            0, len(statement), 0, len(passage.key.chars))
        if match.size >= ATTRIBUTED_LEAST and (best is None or match.size > best[0].size):
            best = (match, passage)
    if best is None:
        return None
    match, line = best
    rest = statement[:match.a] + "|" + statement[match.a + match.size:]
    index = next(i for i, p in enumerate(lines) if p is line)
    owners = [line.key.chars, *(p.key.chars for p in lines if p.lead and index in p.items)]
    if line.article is not None and line.article in cited.articles:
        owners.append(cited.articles[line.article].key.chars.split("\n")[0][:40])
    siblings = [p for p in lines if p.article == line.article and p is not line and p.article is not None]
    headings = [_heading(p) for p in siblings if p.where.endswith("项")]
    starts = [p.key.chars.lstrip("0123456789") for p in lines if p.article is not None]
    for term in _terms(rest, lines):
        term = term.lstrip("对由向经在将把与和及是")  # 对党委和政府信访部门: the body without its preposition
        if len(term) < TERM_LEAST or any(term in owner for owner in owners):
            continue
        # A body some line begins with, which the statement makes the owner: ……是T的职责, 主体是T, 由T…….
        owns = is_body(term) and any(start.startswith(term) for start in starts) and bool(
            re.search(f"(?:主体是|由){re.escape(term)}|{re.escape(term)}的(?:职责|职能|任务)", rest))
        if owns or term in headings:
            return Change(term, "", line, line.text.strip())
    return None


def _heading(item: Passage) -> str:
    """An item's first sentence without its label: 坚持以人民为中心 of （二）坚持以人民为中心。践行……"""
    return re.sub(r"^\d+", "", item.key.chars[:next((p for p in sorted(item.key.stops) if p > 0),
                                                    len(item.key.chars))])


def _terms(rest: str, lines: list[Passage]) -> list[str]:
    """The longest pieces (TERM_LEAST characters or more) of `rest` that stand in the text, longest first."""
    found = []
    for start in range(len(rest)):
        for end in range(len(rest), start + TERM_LEAST - 1, -1):
            piece = rest[start:end]
            if "|" in piece:
                continue
            if any(piece in p.key.chars for p in lines):
                if not any(piece in other for other in found):
                    found.append(piece)
                break
    return sorted(found, key=len, reverse=True)


# 群众来信和网上信访由本机关、单位信访部门阅办: what is done (X), by whom (由B), the verb (阅办) last.
DOER_RE = re.compile(r"^(.{4,24}?)由([^由]{2,16})(..)$")
HEAD_NOUN = 4  # key characters that name the kind of doer: 领导干部, 信访部门


def other_doer(statement: str, cited: Corpus) -> Change | None:
    """A clause of `statement` (its words as written) X由B做 where the cited text has A应当做X with another kind of
    doer: 群众来信和网上信访由本机关、单位信访部门阅办 where 第十八条第二款 has 各级机关、单位领导干部应当阅办群众来信和网上信访.
    The doers differ in their last HEAD_NOUN key characters, neither holding the other's."""
    for clause in CLAUSE_RE.split(plain(statement)):
        match = DOER_RE.match(clause)
        if match is None:
            continue
        done, body, verb = (make_key(part).chars for part in match.groups())
        for passage in cited.passages:
            at = passage.key.chars.find(verb + done)
            if at < 0 or len(verb) != 2:
                continue
            start = max((p for p in range(at) if passage.key.is_break(p)), default=0)
            doer = re.sub(r"(?:应当|应|须|必须|可以)$", "", passage.key.chars[start:at])
            if len(doer) < 2 or doer[-HEAD_NOUN:] in body or body[-HEAD_NOUN:] in doer:
                continue
            written = passage.key.original(start, start + len(doer)).strip("，。；：、 ")
            return Change("由" + match.group(2), written, passage, passage.text)
    return None


# 信访人违反……规定的，……应当报请公安机关给予治安管理处罚: one 款's case (……的，) with another 款's consequence.
CASE_RE = re.compile(r"^(.{6,}?的)[，,](.{6,})$")
CROSSED_SHARE = 0.5  # of the consequence's bigrams in the other line, and at most half of that in the case's own


def crossed_provision(statement: str, cited: Corpus) -> Change | None:
    """`statement` (its words as written) joins the case of one cited line (its words, ending 的) with the consequence
    of another line of the same article: its consequence shares CROSSED_SHARE of its bigrams with that line and at
    most half as many with the case's own line after the case. Confirms a 错误 only: the case may imply the other."""
    match = CASE_RE.match(plain(statement).replace("《信访工作条例》", "本条例").rstrip("。"))
    if match is None:
        return None
    # What follows: the predicate after its modal verb (the subject, 有关机关、单位工作人员, is often the case's own).
    predicate = re.split(r"应当|必须|可以|须|应", make_key(match.group(2)).chars)[-1]
    case, consequence = make_key(match.group(1)).chars, bigrams(predicate)
    for own in cited.passages:
        at = own.key.chars.find(case)
        if at < 0 or not consequence:
            continue
        own_share = len(consequence & bigrams(own.key.chars[at + len(case):])) / len(consequence)
        for other in cited.passages:
            if other is own or other.article != own.article:
                continue
            share = len(consequence & other.grams) / len(consequence)
            if share >= CROSSED_SHARE and own_share <= share / 2:
                said = match.group(2)
                return Change(said, plain(own.text)[plain(own.text).find(match.group(1)[-4:]) + 4:].strip("，,。"),
                              own, own.text)
    return None


# 不经复查，……直接向上一级机关、单位请求复核 / 没有请求复查，直接……请求复核: a step of the text skipped.
SKIPPED_RE = re.compile(r"(?:不经|未经|没有经过|没有)(?:请求)?([\u4e00-\u9fa5]{2,8}?)[，,][^。；;]{0,30}?直接([^。；;，,]{4,30})")
STEP_SHARE = 0.6  # of the skipping clause's bigrams in the line that sets the step as its condition


def skipped_step(statement: str, cited: Corpus) -> Change | None:
    """`statement` (its words as written) doing Y directly without X (不经复查……直接……请求复核) where a cited line
    makes X its condition before Y (第三十六条：信访人对复查意见不服的，可以……请求复核): Y's words (STEP_SHARE of their
    bigrams) stand in the line after X. Confirms a 错误 only (the text may allow Y otherwise elsewhere)."""
    for match in SKIPPED_RE.finditer(plain(statement)):
        step, done = make_key(match.group(1)).chars, make_key(match.group(2)).chars
        wanted = bigrams(done)
        for passage in cited.passages:
            at = passage.key.chars.find(step)
            if at < 0 or not wanted:
                continue
            after = bigrams(passage.key.chars[at + len(step):])
            if len(wanted & after) / len(wanted) >= STEP_SHARE:
                return Change(f"不经{match.group(1)}直接", f"{match.group(1)}", passage, passage.text)
    return None
