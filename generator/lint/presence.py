"""Questions about what the text has: whether an article lists a word: 《信访工作条例》第十七条列举的信访形式中仍有电子邮件 (判断), and
……第十七条列举的形式中新出现的是（　） (单选, against the 2005 text), which matters it gives a
quantity (规定为“30日内”的有). The cited or named article decides by its
words alone; a word it lacks confirms a 错误 but never faults a 正确 (the statement may say it in other words).
"""

from __future__ import annotations

import re

from ..texts.numerals import to_chinese_number
from .blanks import key_of
from .editions import NEW_RULE_RE
from .grounding import NEGATIVE_RE
from .keys import Key, bigrams, make_key
from .numbers import NUMBER_RE, unit_of
from .locate import HEADNOTE, Corpus, Passage
from .questions import LintQuestion
from .verdicts import Verdict, agree, wrong

# 列举的信访形式中仍有电子邮件 (after 《信访工作条例》第十七条, the citation): the word after 有/包括/列有 at the end.
HAS_RE = re.compile(r"^[^\d]{0,16}?(?:中|里)(?:仍然|仍|还|也)?(?:有|包括|列有|列出了?|列明了?)(.{2,12})$")


def article_has(question: LintQuestion, statement: Key, corpus: Corpus) -> Verdict | None:
    """一致 for a judge item that only says the one article it cites (仍)有 a word: keyed 正确 when the article has
    it word for word, keyed 错误 when the article lacks it; None otherwise. `statement` is the stem's key
    without its citation (……第十七条): one clause, nothing else claimed."""
    match = HAS_RE.match(statement.chars)
    if question.type != "judge" or match is None or len(question.articles) != 1 or any(
            0 < p < len(statement.chars) for p in statement.breaks):
        return None
    whole = corpus.articles.get(question.articles[0])
    if whole is None or whole.edition:
        return None
    word = match.group(1)
    where = f"第{to_chinese_number(whole.article)}条"
    if word in whole.key.chars and question.answer is True:
        return agree(question, whole, f"{where}有“{word}”")
    if word not in whole.key.chars and question.answer is False:
        return agree(question, whole, f"{where}没有“{word}”")
    return None


def new_member(question: LintQuestion, corpus: Corpus) -> Verdict | None:
    """一致 for a single choice asking which word of a cited 2022 article is new (新出现, 新增) when the key is the
    one option the article has that the 2005 text nowhere has, and every other option is either in the 2005
    text or not in the article; None otherwise."""
    if question.type != "single" or corpus.older is None or not NEW_RULE_RE.search(question.stem):
        return None
    cited = [corpus.articles[n] for n in question.articles if n in corpus.articles]
    if not cited:
        return None
    in_cited = [option for option in question.options if any(key_of(option) in p.key.chars for p in cited)]
    # 电话传真 is two members of the cited list, each looked up alone (2005 has 传真、电话).
    members = {make_key(m).chars for p in cited for m in re.split(r"[、，,；;：:\n]", p.text)} - {""}
    parts = {option: _as_members(key_of(option), members) for option in in_cited}
    old = [p.key.chars for p in corpus.older.passages]
    new = [option for option in in_cited if any(not any(part in o for o in old) for part in parts[option])]
    if new == [question.answer]:
        return agree(question, cited[0], f"“{question.answer}”见于该条，2005年《信访条例》没有")
    counterpart = _counterpart(cited, corpus.older) if len(cited) == 1 else None
    if counterpart is None:
        return None
    # 信息网络 stands in 2005 第十一条 (政务信息网络资源) but not among the forms of 2005 第二条.
    new = [option for option in in_cited if any(part not in counterpart.key.chars for part in parts[option])]
    if new != [question.answer]:
        return None
    return agree(question, cited[0], f"“{question.answer}”见于该条，相应的{counterpart.where}没有")


def _as_members(option: str, members: set[str]) -> list[str]:
    """An option that joins two members of the article's list (电话传真), as those members; else itself."""
    for cut in range(2, len(option) - 1):
        if any(m.endswith(option[:cut]) for m in members) and option[cut:] in members:
            return [option[:cut], option[cut:]]
    return [option]


COUNTERPART_LEAST = 0.5  # of a 2022 article's bigrams found in its 2005 counterpart line
COUNTERPART_MARGIN = 0.1


def _counterpart(articles: list[Passage], older: Corpus) -> Passage | None:
    """The line of the 2005 text that clearly is the counterpart of the 2022 article's first line (2005 第二条第一款
    for 第十七条第一款): the one holding most of its bigrams, COUNTERPART_MARGIN ahead of any other."""
    ranked = older.rank(make_key(articles[0].text.split("\n")[0]).chars, limit=2)
    if not ranked or ranked[0][0] < COUNTERPART_LEAST or (
            len(ranked) > 1 and ranked[0][0] - ranked[1][0] < COUNTERPART_MARGIN):
        return None
    return ranked[0][1]


# 《信访工作条例》自公布之日起施行 (the statement's key): when it takes effect, and nothing else claimed.
IN_FORCE_RE = re.compile(r"^(?:信访工作条例|本条例|条例)?(?:于)?自(.{2,20}?)起(?:正式)?施行$")


def in_force(question: LintQuestion, statement: Key, corpus: Corpus) -> Verdict | None:
    """The verdict on a judge item that only says the regulation is in force from an event (自公布之日起施行,
    自印发之日起施行): false, as the text fixes one day (第五十条：本条例自2022年5月1日起施行). A date is left to
    statement.py, which compares it with the text's. None when the statement says anything else or the text has
    no one such line."""
    match = IN_FORCE_RE.match(statement.chars)
    if question.type != "judge" or match is None or not match.group(1).endswith("之日") or "2005" in question.stem:
        return None
    places = [(p, found) for p in corpus.passages if not p.edition and p.article not in (None, HEADNOTE)
              for found in [IN_FORCE_RE.match(p.key.chars.replace("本条例", ""))] if found]
    if len(places) != 1:
        return None
    place, day = places[0][0], places[0][1].group(1)
    reason = f"{place.where}规定自{day}起施行，不是自{match.group(1)}起施行"
    if question.answer is False:
        return agree(question, place, reason)
    return wrong(question, place, f"{reason}，应判为“错误”")


# “了解社情民意的窗口”是《信访工作条例》第三条原文…: a quotation said to be the words of the cited article.
QUOTED_AS_TEXT_RE = re.compile(r"^[“\"]([^”\"]{2,40})[”\"](?:是|为|属于|出自)[^，。；]{0,16}第[^条]{1,4}条(?:的)?原文")
NOT_RE = re.compile(r"不是|并非|不属于|没有|未|非")


def quoted_as_text(question: LintQuestion, corpus: Corpus) -> Verdict | None:
    """The verdict on a judge item saying a quotation is the cited article's own words, when the article lacks
    those words: false (原文 means word for word). A quotation the article has decides nothing (the item may
    claim more about it). None otherwise."""
    match = QUOTED_AS_TEXT_RE.match(question.stem.strip())
    if question.type != "judge" or match is None or len(question.articles) != 1 or NOT_RE.search(question.stem):
        return None
    whole = corpus.articles.get(question.articles[0])
    words = make_key(match.group(1)).chars
    if whole is None or whole.edition or not words or words in whole.key.chars:
        return None
    reason = f"{whole.source}没有“{match.group(1)}”"
    if question.answer is False:
        return agree(question, whole, reason)
    return wrong(question, whole, f"{reason}，应判为“错误”")


MATTER_SHARE = 0.6  # of an option's bigrams in the sentence that gives the number
MATTER_MARGIN = 0.15


def stated_quantity(question: LintQuestion, stem: Key, corpus: Corpus) -> Verdict | None:
    """一致 for a choice asking which matters the text gives one quantity (规定为“30日内”的有) when the keyed
    options are exactly those, 与原文不符 (naming an option and the text's number for it) when they are not. An option (复查机关、单位提出复查意见的期限) is the matter of the sentence of the text
    that holds most of its words and a number of the stem's unit, clearly (MATTER_SHARE, and MATTER_MARGIN ahead
    of any sentence giving another number). None when the stem asks for something else, is negative, or an
    option's matter is not clearly one sentence of the text."""
    found = NUMBER_RE.findall(stem.chars)
    if question.type not in ("single", "multiple") or len(found) != 1 or NEGATIVE_RE.search(question.stem):
        return None
    if any(NUMBER_RE.search(key_of(option)) for option in question.options):
        return None
    lines = corpus.every if corpus.every is not None else corpus.passages
    places = [(p, m) for p in lines if not p.edition for m in NUMBER_RE.finditer(p.key.chars)
              if unit_of(m.group(0)) == unit_of(found[0])]
    right, shown, numbers = set(), None, {}
    for option in question.options:
        wanted = bigrams(key_of(option).replace("期限", ""))
        scored = sorted(((len(wanted & bigrams(_sentence(p.key, m.start()))) / max(1, len(wanted)), m.group(0), p)
                         for p, m in places), key=lambda entry: -entry[0])
        if not scored or scored[0][0] < MATTER_SHARE or any(
                value != scored[0][1] and share > scored[0][0] - MATTER_MARGIN for share, value, _ in scored[1:]):
            return None
        numbers[option] = scored[0][1:]
        if scored[0][1] == found[0]:
            right.add(option)
            shown = shown or scored[0][2]
    if shown is None:
        return None
    if right == question.keyed():
        return agree(question, shown, f"所选各项原文规定为{found[0]}，其余各项原文规定为其他期限或数目")
    option = sorted(right ^ question.keyed())[0]
    value, place = numbers[option]
    said = "答案选了" if option in question.keyed() else "答案没有选"
    return wrong(question, place, f"{said}“{option}”，原文对此规定的是{value}")


def _sentence(key: Key, position: int) -> str:
    """The key characters of the number's matter: from the start of its sentence (or of the part after a ；)
    to the end of its clause (对……第6项规定的信访事项应当自受理之日起60日内办结, not ……但延长期限不得超过30日)."""
    parts = set(key.stops) | {p for p in key.breaks if 0 < p < len(key.chars)
                              and "；" in key.source[key.origin[p - 1] + 1:key.origin[p]]}
    start = max((p for p in parts if p <= position), default=0)
    end = min((p for p in key.breaks if p > position), default=len(key.chars))
    return key.chars[start:end]


# 法人不能成为信访人, 村（社区）“两委”不承担这一职能: a member of the text's list said to be outside the rule.
MEMBER_NOT_RE = re.compile(r"不能|不承担|不属于|不包括|不适用|不是|并非|无权|不在")
MEMBER_SPLIT_RE = re.compile(r"以及|或者|、")
MEMBER_LEAST = 3  # members in a clause: fewer make a phrase (党委和政府), not a list
MEMBER_LONGEST = 8  # key characters of a member
MEMBER_CONTEXT = 4  # bigrams the rest of the statement shares with the member's line


def member_excluded(question: LintQuestion, statement: Key, corpus: Corpus) -> Verdict | None:
    """一致 for a judge item keyed 错误 that says a member of a list in the one article it cites is outside the
    rule with a negation the article does not use: 法人不能成为信访人 (第十七条 lists 公民、法人或者其他组织),
    村（社区）“两委”不承担这一职能 (第十五条第三款). The rest of the statement must share MEMBER_CONTEXT bigrams with
    the member's line. Never confirms a 正确 nor faults a question; None otherwise."""
    if question.type != "judge" or question.answer is not False or len(question.articles) != 1:
        return None
    whole = corpus.articles.get(question.articles[0])
    if whole is None or whole.edition:
        return None
    chars = statement.chars
    found = [(member, line) for line in whole.text.split("\n") for member in _members(line, chars)]
    for member, line in sorted(found, key=lambda pair: -len(pair[0])):
        rest = chars.replace(member, "")
        negation = MEMBER_NOT_RE.search(rest)
        if negation is None or negation.group(0) in whole.key.chars:
            return None
        if len(bigrams(rest) & bigrams(make_key(line).chars)) >= MEMBER_CONTEXT:
            at = chars.find(member)
            return agree(question, whole, f"{whole.where_of(line)}列有“{statement.original(at, at + len(member))}”，"
                                          f"题目却说“{negation.group(0)}”")
    return None


def _members(line: str, chars: str) -> list[str]:
    """The members of the line's lists (a clause of MEMBER_LEAST or more parts split at 、, 或者, 以及) that the
    statement (`chars`) names, in key characters. A list's first and last parts run into the clause around it
    (村（社区）“两委”应当全面发挥职能作用): what of them the statement names, from the list's side."""
    found = []
    for clause in re.split(r"[，。；：]", line):
        parts = [make_key(part).chars for part in MEMBER_SPLIT_RE.split(clause)]
        parts = [part for part in parts if part]
        if len(parts) < MEMBER_LEAST:
            continue
        for index, part in enumerate(parts):
            if len(part) <= MEMBER_LONGEST:
                candidates = [part]
            elif index == len(parts) - 1:
                candidates = [part[:end] for end in range(MEMBER_LONGEST, 1, -1)]
            elif index == 0:
                candidates = [part[-size:] for size in range(MEMBER_LONGEST, 1, -1)]
            else:
                continue
            named = next((c for c in candidates if len(c) >= 2 and c in chars), None)
            if named:
                found.append(named)
    return found
