"""Questions about whether an article lists a word: 《信访工作条例》第十七条列举的信访形式中仍有电子邮件 (判断), and
……第十七条列举的形式中新出现的是（　） (单选, against the 2005 text). The cited or named article decides by its
words alone; a word it lacks confirms a 错误 but never faults a 正确 (the statement may say it in other words).
"""

from __future__ import annotations

import re

from ..texts.numerals import to_chinese_number
from .blanks import key_of
from .editions import NEW_RULE_RE
from .keys import Key
from .locate import Corpus
from .questions import LintQuestion
from .verdicts import Verdict, agree

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
    old = [p.key.chars for p in corpus.older.passages]
    new = [option for option in question.options
           if any(key_of(option) in p.key.chars for p in cited) and not any(key_of(option) in o for o in old)]
    if new != [question.answer]:
        return None
    return agree(question, cited[0], f"“{question.answer}”见于该条，2005年《信访条例》没有")
