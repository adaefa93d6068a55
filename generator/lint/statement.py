"""Is a statement the text, or a change of it? Align it with a provision and classify every difference.

A change the checker recognises (and so may call a statement false): a number changed or added, a negation
added or dropped, an absolute word added (一律, 只, 必须 …), a modal verb swapped (应当 ↔ 可以 ↔ 不得), or a
short phrase replaced by another term of the text (复核 → 复查, 上一级 → 本级). Anything else the statement
leaves out is an elision, and a difference it cannot classify makes the decision unsure: never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .keys import BLANK, bigrams, make_key
from .locate import Corpus, Passage

TEXT, CHANGED, UNSURE = "text", "changed", "unsure"

NEGATIONS = ("不得", "不予", "不再", "不能", "不必", "不要", "无需", "无须", "没有", "禁止", "严禁", "不", "未", "无", "非",
             "勿", "免")
ABSOLUTES = ("一律", "只有", "只能", "只", "仅", "所有", "全部", "必须", "任何", "无论", "均", "都", "一切", "总是",
             "完全", "绝对", "唯一", "凡是", "一概", "务必", "全都", "统统", "凡", "始终")
MODALS = ("应当", "可以", "不得", "必须", "应", "可", "须", "得", "要")
# Differences that never change what a provision says.
FILLERS = {"的", "之", "了", "和", "与", "及", "或", "或者", "以及", "等", "其", "所", "并", "是", "应", "规定",
           "条例", "本条例", "的是", "有关", "相关", "中", "对", "在", "由", "为", "上", "即", "予以"}
QUALIFIERS = ("一般", "原则上", "可以", "适当", "依法", "按照规定", "及时")
GAP_LIMIT = 40
# A quantity (15日, 5个工作日, 5人, 30日): a digit run before a unit. 之一 → 之1 or 第4条 are not quantities.
QUANTITY_RE = re.compile(r"(?<![第\d])\d+(?=日|个|人|年|月|天|次|名|小时|周|倍|%|万|元)")
CONNECTIVES = {"并", "并且", "而", "且", "则", "就", "也", "还", "又", "以", "从而", "进而"}  # key characters: matches further apart than this belong to different places in the text


def _keyed(words):
    """Word lists in key form, as the statements are compared (一律 → 1律, see keys.py)."""
    converted = [make_key(word).chars for word in words]
    return type(words)(converted) if not isinstance(words, set) else set(converted)


NEGATIONS, ABSOLUTES, MODALS, QUALIFIERS = map(_keyed, (NEGATIONS, ABSOLUTES, MODALS, QUALIFIERS))
FILLERS = _keyed(FILLERS)


@dataclass
class Finding:
    decision: str  # TEXT | CHANGED | UNSURE
    passage: Passage | None = None
    coverage: float = 0.0
    strong: bool = False  # TEXT: verbatim; CHANGED: a clean alignment around the change
    changes: list[str] = field(default_factory=list)  # what the statement changed, in words for the report


def judge_statement(statement: str, corpus: Corpus, scope: set[str] | None = None) -> Finding:
    """Decide whether `statement` (a key string) is the official text or a change of it.

    `scope` limits the search to "regulation" and/or "notice" passages. A statement found verbatim anywhere is
    TEXT; otherwise the closest provision decides, and two close provisions that disagree make it UNSURE.
    """
    statement = statement.replace(BLANK, "")
    if len(statement) < 6:
        return Finding(UNSURE)
    candidates = _candidates(statement, corpus, scope)
    for passage in candidates:
        if statement in passage.key.chars:
            return Finding(TEXT, passage, 1.0, strong=True)
    findings = [_align(statement, passage, corpus) for passage in candidates]
    findings = [finding for finding in findings if finding.coverage >= 0.5]
    if not findings:
        return Finding(UNSURE)
    findings.sort(key=lambda finding: -finding.coverage)
    best = findings[0]
    for other in findings[1:]:
        if other.coverage >= best.coverage - 0.05 and other.decision != best.decision:
            return Finding(UNSURE, best.passage, best.coverage)
    return best


def _candidates(statement: str, corpus: Corpus, scope: set[str] | None) -> list[Passage]:
    ranked = corpus.rank(statement, limit=10)
    seen, out = set(), []
    for score, passage in ranked:
        if scope and ("notice" if passage.article is None else "regulation") not in scope:
            continue
        whole = corpus.whole(passage)
        if id(whole) not in seen and score >= 0.3:
            seen.add(id(whole))
            out.append(whole)
    return out[:4]


def _align(statement: str, passage: Passage, corpus: Corpus) -> Finding:
    text = passage.key.chars
    blocks = _main_cluster([b for b in SequenceMatcher(None, text, statement, autojunk=False)
                            .get_matching_blocks() if b.size >= 2])
    if not blocks:
        return Finding(UNSURE, passage)
    matched = sum(block.size for block in blocks)
    coverage = matched / len(statement)
    changes: list[str] = []
    unsure = 0
    ops = _ops(passage, statement, blocks)
    span_start, span_end = blocks[0].a, blocks[-1].a + blocks[-1].size
    unmatched_text = _unmatched(text, blocks)
    for t_gap, s_gap, anchored, context in ops:
        kind = _classify(t_gap, s_gap, anchored, context, unmatched_text, statement, corpus)
        if kind is None:
            continue
        if kind == "unsure":
            unsure += 1
        else:
            changes.append(kind)
    if changes and coverage >= 0.6:
        return Finding(CHANGED, passage, coverage, strong=coverage >= 0.7, changes=changes)
    if not changes and not unsure and coverage >= 0.85 and span_end - span_start <= 3 * len(statement):
        return Finding(TEXT, passage, coverage)
    return Finding(UNSURE, passage, coverage)


def _main_cluster(blocks):
    """The run of matches that sit close together in the text; stray bigrams elsewhere are coincidences."""
    clusters, current = [], []
    for block in blocks:
        if current and block.a - (current[-1].a + current[-1].size) > GAP_LIMIT:
            clusters.append(current)
            current = []
        current.append(block)
    if current:
        clusters.append(current)
    return max(clusters, key=lambda cluster: sum(b.size for b in cluster)) if clusters else []


def _ops(passage: Passage, statement: str, blocks) -> list[tuple[str, str, bool | None]]:
    """(text gap, statement gap, anchored) for every difference. Inner gaps are anchored (True); words at the
    statement's edges are compared with as many words of the text up to a clause break (False), or, when no
    break is there, cannot be paired with any words of the text (None)."""
    text = passage.key.chars
    ops = []
    contexts = []
    first, last = blocks[0], blocks[-1]
    if first.b > 0:
        lead = statement[:first.b]
        start = next((p for p in range(first.a, max(-1, first.a - len(lead) - 6), -1)
                      if passage.key.is_break(p)), None)
        ops.append((text[start:first.a], lead, False) if start is not None else ("", lead, None))
        contexts.append((ops[-1][0] + text[first.a:first.a + 1], lead + statement[first.b:first.b + 1]))
    for before, after in zip(blocks, blocks[1:]):
        ta, sa, tb, sb = before.a + before.size, before.b + before.size, after.a, after.b
        if any(char.isdigit() for char in text[ta:tb] + statement[sa:sb]):
            # 15 → 10 aligns as 1 + (5 → 0): compare whole numbers.
            while ta > before.a and text[ta - 1].isdigit():
                ta, sa = ta - 1, sa - 1
            while tb < after.a + after.size and text[tb].isdigit():
                tb, sb = tb + 1, sb + 1
        if ta < tb or sa < sb:
            ops.append((text[ta:tb], statement[sa:sb], True))
            # One shared character either side, so a word cut by the alignment (一般 → 一律 aligns as 般 → 律)
            # is seen whole when looking for negations, absolutes and modal verbs.
            contexts.append((text[ta - 1:tb + 1], statement[max(0, sa - 1):sb + 1]))
    end_b = last.b + last.size
    if end_b < len(statement):
        trail = statement[end_b:]
        end_a = last.a + last.size
        stop = next((p for p in range(end_a, min(len(text), end_a + len(trail) + 6) + 1)
                     if passage.key.is_break(p)), None)
        ops.append((text[end_a:stop], trail, False) if stop is not None else ("", trail, None))
        contexts.append((text[end_a - 1:end_a] + ops[-1][0], statement[end_b - 1:end_b] + trail))
    return [(*op, context) for op, context in zip(ops, contexts)]


def _unmatched(text: str, blocks) -> str:
    parts, position = [], blocks[0].a
    for block in blocks:
        parts.append(text[position:block.a])
        position = block.a + block.size
    return "|".join(parts)


def _has(words: tuple[str, ...], text: str) -> str | None:
    return next((word for word in words if word in text), None)


def _classify(t_gap: str, s_gap: str, anchored: bool | None, context: tuple[str, str], unmatched_text: str,
              statement: str, corpus: Corpus) -> str | None:
    """None for a harmless difference, 'unsure' for one that cannot be classified, else the change in words."""
    if not s_gap:
        negation = _has(NEGATIONS, t_gap)
        if negation and anchored and len(t_gap) <= 3:
            return f"删去了原文的“{t_gap}”"
        if _has(QUALIFIERS, t_gap) and anchored and len(t_gap) <= 4:
            return "unsure"
        return None  # an elision: the statement leaves part of the provision out
    digits_s, digits_t = QUANTITY_RE.findall(s_gap), QUANTITY_RE.findall(t_gap)
    if digits_s and digits_t and digits_s != digits_t and anchored is not None:
        return f"把原文的“{t_gap}”改成了“{s_gap}”"
    if s_gap in FILLERS or all(char in "的之了和与及或等其所并" for char in s_gap):
        return None
    if anchored is None or (not anchored and not t_gap):
        return "unsure"
    t_ctx, s_ctx = context
    negation_s, negation_t = _has(NEGATIONS, s_ctx), _has(NEGATIONS, t_ctx)
    if bool(negation_s) != bool(negation_t) and (anchored or len(s_gap) <= 3):
        return f"把原文的“{t_gap}”改成了“{s_gap}”" if t_gap else f"加入了否定词“{negation_s}”"
    absolute = _has(ABSOLUTES, s_ctx)
    if absolute and not _has(ABSOLUTES, t_ctx) and (anchored or len(s_gap) <= 3):
        return f"加入了绝对化的“{absolute}”"
    modal_s, modal_t = _has(MODALS, s_ctx), _has(MODALS, t_ctx)
    if modal_s and modal_t and modal_s != modal_t and len(s_gap) <= 3 and len(t_gap) <= 3:
        return f"把原文的“{t_gap}”改成了“{s_gap}”"
    if t_gap and _is_swap(t_gap, s_gap, anchored, unmatched_text, statement, corpus):
        return f"把原文的“{t_gap}”改成了“{s_gap}”"
    return "unsure"


def _is_swap(t_gap: str, s_gap: str, anchored: bool | None, unmatched_text: str, statement: str,
             corpus: Corpus) -> bool:
    """A short phrase of the text replaced by another term the text uses elsewhere (not a moved clause)."""
    if len(s_gap) > 12 or len(t_gap) > 16:
        return False
    if not anchored and (len(s_gap) > 2 or len(t_gap) > 2):
        return False  # at the statement's edge only a word-for-word swap is clear enough
    if t_gap in FILLERS or t_gap in CONNECTIVES or s_gap in CONNECTIVES or s_gap in MODALS:
        return False
    if s_gap in t_gap or t_gap in s_gap:
        return False  # words left out or added around the same phrase
    if len(t_gap) >= 2 and t_gap in statement:
        return False  # the statement says it elsewhere: a reordering
    grams_s, grams_t = bigrams(s_gap), bigrams(t_gap)
    if grams_s and grams_t and 2 * len(grams_s & grams_t) / (len(grams_s) + len(grams_t)) >= 0.5:
        return False  # a rewording of the same words
    if len(s_gap) >= 2 and s_gap in unmatched_text:
        return False  # a clause the statement moved, not a new term
    term = s_gap if len(s_gap) >= 2 else None
    if term is None:
        return _single_char_swap(t_gap, s_gap)
    return any(term in passage.key.chars for passage in corpus.passages)


# One-character swaps worth reporting: pairs the text itself contrasts (复查/复核, 上级/下级, 书面/口头 …).
_CONTRASTS = [set("查核"), set("上下本同"), set("书口"), set("县市省乡"), set("受办"), set("前后"), set("内外"),
              set("多少"), set("长短"), set("增减")]


def _single_char_swap(t_gap: str, s_gap: str) -> bool:
    return len(t_gap) == 1 and any({t_gap, s_gap} <= pair for pair in _CONTRASTS)
