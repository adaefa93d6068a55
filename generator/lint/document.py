"""Questions about the county notice as a document rather than its words: who issued it (发文机关, its 落款) and
its number (文号, in its 文头). A single choice is decided by the option that is that field, a fill by its blank."""

from __future__ import annotations

import re

from .blanks import key_of
from .locate import Corpus, Passage
from .questions import LintQuestion
from .verdicts import Verdict, agree, wrong

# 柞信联发〔2022〕3号: a document number, whatever brackets a bank writes.
NUMBER_RE = re.compile(r"[\u4e00-\u9fa5]{2,8}[〔\[［（(【]\d{4}[〕\]］）)】]\d+号")
ASKS = (("文号", re.compile(r"文号|发文字号")), ("发文机关", re.compile(r"发文机关|发文单位|制发机关")))


def notice_field(question: LintQuestion, corpus: Corpus) -> Verdict | None:
    """一致 or 与原文不符 for a single choice or fill asking the notice's 文号 or 发文机关 (the 落款's first line,
    which the 文头 names too: 柞水县信访工作联席会议文件); None for any other question or when the notice lacks
    the field. 文号 are compared without their brackets (〔2022〕 = [2022] = （2022）)."""
    asked = [name for name, pattern in ASKS if pattern.search(question.stem)]
    if len(asked) != 1 or question.type not in ("single", "fill") or "通知" not in question.stem:
        return None
    place = _field(asked[0], corpus)
    if place is None:
        return None
    value = _plain(place.text)
    if question.type == "fill":
        if len(question.answer) != 1:
            return None
        if _plain(question.answer[0]) == value:
            return agree(question, place, f"通知的{asked[0]}为“{place.text}”")
        return wrong(question, place, f"通知的{asked[0]}为“{place.text}”，答案写的是“{question.answer[0]}”")
    right = [option for option in question.options if _plain(option) == value]
    if right == [question.answer]:
        return agree(question, place, f"通知的{asked[0]}为“{place.text}”")
    if len(right) == 1:
        return wrong(question, place, f"通知的{asked[0]}为“{place.text}”，答案写的是“{question.answer}”")
    return None


def _field(name: str, corpus: Corpus) -> Passage | None:
    lines = corpus.every if corpus.every is not None else corpus.passages
    if name == "文号":
        found = [p for p in lines if p.notice == "文头" and NUMBER_RE.fullmatch(p.text.strip())]
    else:
        found = [p for p in lines if p.notice == "落款"][:1]
    return found[0] if len(found) == 1 else None


def _plain(words: str) -> str:
    """Key characters with a number's brackets dropped (柞信联发2022 3号 for every bracket style)."""
    return re.sub(r"[〔〕\[\]［］（）()【】]", "", key_of(words))
