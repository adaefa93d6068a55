"""Is a statement the text, or a change of it? Align it with a provision and classify every difference.

A change the checker recognises (and so may call a statement false): a number changed (15日 → 10日), a
negation added or dropped, an absolute word added (一律, 只, 无论 …), a modal verb of another kind (可以 → 应当,
应当 → 不得), or a short phrase replaced by another term of the text (复核 → 复查, 上一级 → 本级). Anything else the statement
leaves out is an elision, and a difference it cannot classify makes the decision unsure: never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .keys import BLANK, Key, bigrams, make_key
from .locate import Corpus, Passage, in_scope
from .numbers import number_conflict
from .words import (
    ABSOLUTES,
    ALTERNATIVES,
    COMPARATIVES,
    CONNECTIVES,
    FILLERS,
    GENERIC,
    INSERTED,
    INSTANCES,
    LEVELS,
    MODALS,
    MODAL_KINDS,
    NEGATIONS,
    QUALIFIERS,
    QUANTITY_RE,
    RECEIVING,
    REGULATION_NAME_RE,
    UNIVERSALS,
    UPPER_LIMITS,
    is_body,
    single_char_swap,
)

TEXT, CHANGED, UNSURE = "text", "changed", "unsure"
# Marks a change that confirms a false statement but is not enough to fault a true one.
WEAK = "\ue001"
# Key characters: matches further apart than this belong to different places in the text.
GAP_LIMIT = 60
STRAY_GAP = 6  # key characters of text between two words that follow each other in a statement



@dataclass
class Finding:
    decision: str  # TEXT | CHANGED | UNSURE
    passage: Passage | None = None
    coverage: float = 0.0
    strong: bool = False  # TEXT: verbatim; CHANGED: a clean alignment around the change
    changes: list[str] = field(default_factory=list)  # what the statement changed, in words for the report
    quote: str = ""  # the sentence(s) of the provision the statement was compared with


def judge_statement(statement: Key, corpus: Corpus, scope: set[str] | None = None) -> Finding:
    """Decide whether `statement` (a key) is the official text or a change of it.

    `scope` limits the search to "regulation" and/or "notice" passages. A statement found verbatim anywhere is
    TEXT; otherwise the closest provision decides, and two close provisions that disagree make it UNSURE.
    """
    chars = statement.chars
    if len(chars) < 6 or BLANK in chars:
        return Finding(UNSURE)
    candidates = _candidates(chars, corpus, scope)
    for passage in candidates:
        position = passage.key.chars.find(chars)
        if position >= 0:
            # 县级党委和政府应当建立…… out of 市、县级党委和政府应当建立……: true, but one item of a list cut out
            # may be meant as a trap, so it confirms a 正确 without faulting a 错误.
            whole = not ({position, position + len(chars)} & passage.key.lists)
            return Finding(TEXT, passage, 1.0, strong=whole,
                           quote=sentence_of(passage, position, position + len(chars)))
    best = _closest(statement, candidates, corpus)
    if best.decision == TEXT and best.strong:
        return best
    # A number the text gives otherwise for the statement's matter decides, however the rest is worded.
    conflict = number_conflict(statement, corpus, [p for p in corpus.passages if in_scope(p, scope)])
    if best.decision == CHANGED and best.strong and (conflict is None or any(
            f"“{conflict.stated_key}”" in change for change in best.changes)):
        return best  # the alignment found the change (the same number, or no number at all)
    if conflict is not None:
        return Finding(CHANGED, conflict.passage, 1.0, strong=True, changes=[conflict.describe()],
                       quote=conflict.quote)
    return best


def _closest(statement: Key, candidates: list[Passage], corpus: Corpus) -> Finding:
    """The finding of the provision the statement aligns with best; UNSURE when two disagree."""
    chars = statement.chars
    findings = [_align(statement, passage, corpus) for passage in candidates]
    findings = [finding for finding in findings if finding.coverage >= 0.5]
    if not findings:
        return Finding(UNSURE)
    findings.sort(key=lambda finding: -finding.coverage)
    best = findings[0]
    for other in findings[1:]:
        if other.coverage >= best.coverage - 0.05 and other.decision != best.decision:
            return Finding(UNSURE, best.passage, best.coverage)
    if best.decision == CHANGED and _reworded_elsewhere(chars, best.passage, candidates):
        return Finding(UNSURE, best.passage, best.coverage)
    return best


# A statement whose character bigrams nearly all stand in another provision, more of them than in the one
# it was aligned with, may be that provision in another word order (信访人提出信访事项，一般应当采用书面形式
# ← 第十九条): no evidence of a change.
REWORDED_SHARE = 0.85


def _reworded_elsewhere(chars: str, best: Passage, candidates: list[Passage]) -> bool:
    wanted = bigrams(chars)
    if not wanted:
        return False

    def share(passage: Passage) -> float:
        return len(wanted & bigrams(passage.key.chars)) / len(wanted)

    aligned = share(best)
    return any(passage is not best and share(passage) >= max(REWORDED_SHARE, aligned + 0.05)
               for passage in candidates)


def _candidates(statement: str, corpus: Corpus, scope: set[str] | None) -> list[Passage]:
    ranked = corpus.rank(statement, limit=10)
    seen, out = set(), []
    for score, passage in ranked:
        if not in_scope(passage, scope):
            continue
        whole = corpus.whole(passage)
        if id(whole) not in seen and score >= corpus.least_share(0.3):
            seen.add(id(whole))
            out.append(whole)
    out = out[:4]
    # An item said with its lead-in (……对收到的信访事项不按照规定登记的，由其上级机关、单位责令改正).
    composed = [sentence for whole in out if whole.article is not None
                for sentence in corpus.item_sentences(whole.article)]
    return out + composed


@dataclass
class _Op:
    """One difference: text[ta:tb] in the provision where the statement has statement[sa:sb]."""

    ta: int
    tb: int
    sa: int
    sb: int
    anchored: bool | None  # True inside the alignment; False at an edge paired up to a clause break; None
    t_gap: str = ""
    s_gap: str = ""
    t_ctx: str = ""  # the gaps with one shared character either side, so that a word the alignment cut
    s_ctx: str = ""  # (一般 → 一律 aligns as 般 → 律) is seen whole
    # The text's side runs over a clause break: an elided clause, not a swapped word.
    crosses_break: bool = False
    # The text's side has a 、 inside, not at its edges: the statement joins the head of one member of a list to
    # the end of another (信访工作联席会议推动 out of 信访工作联席会议协调、信访部门推动).
    joins_members: bool = False
    # The text's side ends a conditional clause (造成严重后果的，): leaving it out makes the rule unconditional.
    drops_condition: bool = False
    # The text's side is a member of a list: it begins after or ends before a 、, with none inside.
    replaces_member: bool = False
    t_after: str = ""  # the text's two characters after its side
    trailing: bool = False  # the statement's last words, paired with the text's up to a clause break


def _align(statement: Key, passage: Passage, corpus: Corpus) -> Finding:
    text, chars = passage.key.chars, statement.chars
    blocks = _main_cluster([b for b in SequenceMatcher(None, text, chars, autojunk=False)
                            .get_matching_blocks() if b.size >= 2], chars)
    if not blocks:
        return Finding(UNSURE, passage)
    coverage = sum(block.size for block in blocks) / len(chars)
    changes: list[str] = []
    unsure = 0
    span_start, span_end = blocks[0].a, blocks[-1].a + blocks[-1].size
    unmatched_text = _unmatched(text, blocks)
    ops = _ops(passage, chars, blocks)
    swapped = _swapped_pair(ops)
    if swapped:
        changes.append(f"把原文的“{swapped[0]}”和“{swapped[1]}”对调了")
    subjects = _subjects(passage)
    leads = [make_key(line).chars for line in passage.text.split("\n") if line.rstrip().endswith("：")]
    for op in ops:
        if swapped and {op.t_gap, op.s_gap} == set(swapped):
            continue
        if op.sa == 0 and not op.anchored and not op.t_gap and REGULATION_NAME_RE.fullmatch(op.s_gap):
            continue  # 《信访工作条例》于……: the regulation's name before its 题注 or its own words
        if op.sa == 0 and not op.anchored and _is_subject(op, subjects):
            coverage += len(op.s_gap) / len(chars)
            continue  # the provision's own subject, said before the item that the statement quotes
        if op.anchored and not op.t_gap and is_body(op.s_gap) and any(op.s_gap in lead for lead in leads):
            coverage += len(op.s_gap) / len(chars)
            continue  # ……的信访事项，有权处理的机关、单位可以举行听证: the lead-in's subject said with its item
        if op.sa == 0 and not op.anchored and op.s_gap in INSERTED and (not op.t_gap or op.t_gap in CONNECTIVES):
            coverage += len(op.s_gap) / len(chars)
            continue  # 须经本机关、单位负责人批准 for ……，经本机关、单位负责人批准: the duty said as one
        kind = _classify(op, unmatched_text, chars, corpus)
        if kind is None:
            if not op.t_gap and op.anchored and op.s_gap in INSERTED:
                coverage += len(op.s_gap) / len(chars)
            continue
        if kind == "unsure":
            unsure += 1
        else:
            # Show whole words: 15日 rather than 15, 一般 rather than 般.
            left = 1 if max(len(op.t_gap), len(op.s_gap)) <= 1 and op.ta > 0 and op.sa > 0 else 0
            right = 1 if (op.t_gap + op.s_gap).isdigit() else 0
            if (single_char_swap(op.t_gap, op.s_gap) and op.t_gap in "上下本同") or op.t_gap == "副":
                left, right = 0, 1 if op.s_gap else 0  # 本级 → 上级, 副 (the word after would read as dropped)
            if not op.s_gap and op.t_gap in NEGATIONS:
                left = right = 0  # 不 dropped from 听证所需时间不计算: the negation alone, not 间不
            words_t = passage.key.original(op.ta - left, op.tb + right).strip("，。；：、,.;: ")
            words_s = statement.original(op.sa - left, op.sb + right).strip("，。；：、,.;: ")
            changes.append(kind.format(t=words_t, s=words_s))
    quote = sentence_of(passage, span_start, span_end)
    # Only a 的 or a 和 left out: still the text word for word.
    verbatim = all(not op.s_gap and len(op.t_gap) <= 2 and all(char in "的之了和与及等其所并" for char in op.t_gap)
                   for op in ops)
    if verbatim and coverage >= 0.95:
        return Finding(TEXT, passage, coverage, strong=True, quote=quote)
    if changes and coverage >= 0.6:
        weak = any(change.startswith(WEAK) for change in changes)
        changes = [change.removeprefix(WEAK) for change in changes]
        return Finding(CHANGED, passage, coverage, strong=coverage >= 0.7 and not weak, changes=changes,
                       quote=quote)
    if not changes and not unsure and coverage >= 0.85 and span_end - span_start <= 3 * len(chars):
        return Finding(TEXT, passage, coverage, quote=quote)
    return Finding(UNSURE, passage, coverage, quote=quote)


def _swapped_pair(ops: list[_Op]) -> tuple[str, str] | None:
    """Two terms of the text said in each other's place (信访工作联席会议协调、信访部门推动 → 联席会议推动、
    信访部门协调), or None."""
    inner = [op for op in ops if op.anchored and op.t_gap and op.s_gap and len(op.t_gap) <= 6]
    for first in inner:
        for second in inner:
            if first is not second and first.t_gap == second.s_gap and first.s_gap == second.t_gap:
                return first.t_gap, first.s_gap
    return None


def _subjects(passage: Passage) -> list[str]:
    """The first clause of an article and of each of its lead-in lines (……是专门机构，履行下列职责：): whose
    duties the items are."""
    out = []
    lines = passage.text.split("\n")
    for index, line in enumerate(lines):
        if index == 0 or line.rstrip().endswith("："):
            key = make_key(line)
            end = next((p for p in range(1, len(key.chars)) if key.is_break(p)), len(key.chars))
            out.append(key.chars[:end])
    return out


def _is_subject(op: _Op, subjects: list[str]) -> bool:
    """The statement starts with words the provision's subject has, where the text starts an item (（四） →
    the key's 4) or nothing."""
    return len(op.s_gap) >= 2 and (not op.t_gap or op.t_gap.isdigit()) and any(
        op.s_gap in subject for subject in subjects)


def sentence_of(passage: Passage, start: int, end: int) -> str:
    """The whole sentence(s) of `passage` around key positions [start, end), in the text's own words."""
    key = passage.key
    while start > 0 and not key.is_stop(start):
        start -= 1
    while end < len(key.chars) and not key.is_stop(end):
        end += 1
    words = key.original(start, end).strip()
    if key.chars and end > start:
        after = key.source[key.origin[end - 1] + 1:]
        words += after[:len(after) - len(after.lstrip("。；：！？”"))]
    return words


def _main_cluster(blocks, statement: str):
    """The run of matches that sit close together in the text; stray bigrams elsewhere are coincidences."""
    clusters, current = [], []
    for block in blocks:
        if current and block.a - (current[-1].a + current[-1].size) > GAP_LIMIT:
            clusters.append(current)
            current = []
        current.append(block)
    if current:
        clusters.append(current)
    cluster = max(clusters, key=lambda cluster: sum(b.size for b in cluster)) if clusters else []
    # 应当告知信访人延期理由 matched 应当 to the 应当 of ……应当自受理之日起 fifty characters before 告知: a duty word at
    # the statement's edge, next to the rest of it there but far from it in the text, is a coincidence.
    def duty(block) -> bool:
        return block.size <= 2 and statement[block.b:block.b + block.size] in INSERTED

    while len(cluster) > 1 and duty(cluster[0]) and cluster[0].b + cluster[0].size == cluster[1].b \
            and cluster[1].a - (cluster[0].a + cluster[0].size) > STRAY_GAP:
        cluster = cluster[1:]
    while len(cluster) > 1 and duty(cluster[-1]) and cluster[-2].b + cluster[-2].size == cluster[-1].b \
            and cluster[-1].a - (cluster[-2].a + cluster[-2].size) > STRAY_GAP:
        cluster = cluster[:-1]
    return cluster


def _ops(passage: Passage, statement: str, blocks) -> list[_Op]:
    """Every difference between the statement and the provision. Words at the statement's edges are compared
    with as many words of the text up to a clause break, or, when no break is near, with nothing."""
    text = passage.key.chars
    ops: list[_Op] = []
    first, last = blocks[0], blocks[-1]
    if first.b > 0:
        start = next((p for p in range(first.a, max(-1, first.a - first.b - 6), -1)
                      if passage.key.is_break(p)), None)
        ops.append(_Op(start, first.a, 0, first.b, False) if start is not None
                   else _Op(first.a, first.a, 0, first.b, None))
    for before, after in zip(blocks, blocks[1:]):
        ta, sa, tb, sb = before.a + before.size, before.b + before.size, after.a, after.b
        if any(char.isdigit() for char in text[ta:tb] + statement[sa:sb]):
            # 15 → 10 aligns as 1 + (5 → 0): compare whole numbers.
            while ta > before.a and text[ta - 1].isdigit():
                ta, sa = ta - 1, sa - 1
            while tb < after.a + after.size and text[tb].isdigit():
                tb, sb = tb + 1, sb + 1
        if ta < tb or sa < sb:
            ops.append(_Op(ta, tb, sa, sb, True))
    end_a, end_b = last.a + last.size, last.b + last.size
    if end_b < len(statement):
        trail = len(statement) - end_b
        stop = next((p for p in range(end_a, min(len(text), end_a + trail + 6) + 1)
                     if passage.key.is_break(p)), None)
        ops.append(_Op(end_a, stop, end_b, len(statement), False, trailing=True) if stop is not None
                   else _Op(end_a, end_a, end_b, len(statement), None))
    for op in ops:
        if op.anchored:  # 经本 → 须经上1级: the shared 经 is no part of the difference
            while op.ta < op.tb and op.sa < op.sb and text[op.ta] == statement[op.sa]:
                op.ta, op.sa = op.ta + 1, op.sa + 1
            while op.ta < op.tb and op.sa < op.sb and text[op.tb - 1] == statement[op.sb - 1]:
                op.tb, op.sb = op.tb - 1, op.sb - 1
        op.t_gap, op.s_gap = text[op.ta:op.tb], statement[op.sa:op.sb]
        op.t_ctx = text[max(0, op.ta - 1):op.tb + 1]
        op.t_after = text[op.tb:op.tb + 2]
        op.s_ctx = statement[max(0, op.sa - 1):op.sb + 1]
        op.crosses_break = any(passage.key.is_break(p) for p in range(op.ta + 1, op.tb))
        op.drops_condition = op.t_gap.endswith("的") and passage.key.is_break(op.tb) and op.tb < len(text)
        op.replaces_member = bool(op.t_gap) and not op.crosses_break and not any(
            p in passage.key.lists for p in range(op.ta + 1, op.tb)) and (
            op.ta in passage.key.lists or op.tb in passage.key.lists)
        clause_start = next((p for p in range(op.ta, -1, -1) if passage.key.is_break(p)), 0)
        op.joins_members = any(p in passage.key.lists for p in range(op.ta + 1, op.tb)) and not any(
            p in passage.key.lists or passage.key.is_break(p) for p in (op.ta, op.tb)) and any(
            p in passage.key.lists for p in range(clause_start, op.ta))  # the gap starts inside a list's member
    return ops


def _unmatched(text: str, blocks) -> str:
    """The words of the text the alignment skipped, with a few words either side of the matched span."""
    parts, position = [text[max(0, blocks[0].a - 12):blocks[0].a]], blocks[0].a
    for block in blocks:
        parts.append(text[position:block.a])
        position = block.a + block.size
    parts.append(text[position:position + 12])
    return "|".join(parts)


def _has(words: tuple[str, ...], text: str) -> str | None:
    return next((word for word in words if word in text), None)


def _classify(op: _Op, unmatched_text: str, statement: str, corpus: Corpus) -> str | None:
    """None for a harmless difference, "unsure" for one that cannot be classified, else the change in words
    ({t} and {s} stand for the text's and the statement's words)."""
    t_gap, s_gap, anchored = op.t_gap, op.s_gap, op.anchored
    if not s_gap:
        if _has(NEGATIONS, t_gap) and anchored and len(t_gap) <= 3:
            return "删去了原文的“{t}”"
        modal_t = next((m for m in MODALS if t_gap.endswith(m)), None)
        modal_s = next((m for m in MODALS if statement[:op.sa].endswith(m)), None)
        if anchored and modal_t and modal_s and MODAL_KINDS[modal_t] != MODAL_KINDS[modal_s]:
            # 复核机关、单位应当按照……举行听证 matched 应当 to 第一款 and left out 第二款's 复核机关、单位可以: the
            # statement's modal verb stands where the text has another.
            return f"把原文的“{modal_t}”改成了“{modal_s}”"
        if _has(QUALIFIERS, op.t_ctx) and anchored and len(t_gap) <= 4:
            return "unsure"
        if anchored and op.drops_condition:
            # ……登记的，对直接负责的主管人员……严肃处理 leaves out 造成严重后果的: false, unless the statement
            # says the condition in other words, so never enough to fault a 正确.
            return WEAK + "去掉了原文的条件（“{t}”）"
        if anchored and op.joins_members and not op.crosses_break and not t_gap.endswith(ALTERNATIVES) \
                and not t_gap.startswith(ALTERNATIVES):
            return "unsure"
        if anchored and t_gap == "副":
            return "删去了原文的“{t}”"  # 副秘书长 → 秘书长 (第十六条): another office, not a shorter name
        if anchored and not op.crosses_break and (t_gap.startswith(("且", "并且")) or (
                t_gap.endswith(("或者", "或")) and len(t_gap) <= 6 and _has(LEVELS, t_gap))):
            # 受理有争议的 for 受理有争议且没有共同的上一级机关、单位的 (第二十四条), 上一级 for 本级或者上一级
            # (第二十条): a condition or an alternative gone, unless the statement says it in other words.
            return WEAK + "去掉了原文的“{t}”"
        return None  # an elision: the statement leaves part of the provision out
    quantities_s, quantities_t = set(QUANTITY_RE.findall(op.s_ctx)), set(QUANTITY_RE.findall(op.t_ctx))
    if quantities_s - quantities_t and quantities_t and anchored is not None:
        return "把原文的“" + "、".join(sorted(quantities_t - quantities_s)) + "”改成了“" + "、".join(
            sorted(quantities_s - quantities_t)) + "”"
    if anchored and single_char_swap(t_gap, s_gap):
        return "把原文的“{t}”改成了“{s}”"  # 列入上级预算 for 列入本级预算 (第十六条): 上 is no filler here
    if s_gap in FILLERS or all(char in "的之了和与及或等其所并" for char in s_gap):
        return None
    if t_gap == "本" and s_gap == "信访工作" and op.t_after == "条例":
        return None  # 《信访工作条例》第二十条 for 本条例第二十条
    if not t_gap and anchored and s_gap in INSERTED:
        return None  # 第四条要求……, 各级政府应当贯彻落实……: the provision's duty said as one
    if anchored and t_gap and s_gap in ("后", "之后", "时") and statement[max(0, op.sa - 2):op.sa] in RECEIVING \
            and not op.crosses_break:
        return None  # 信访部门接到后: what it received, which the stem names, left out (第二十五条第二款)
    if not t_gap and anchored and s_gap in CONNECTIVES and not op.crosses_break:
        return None  # 应当推选代表，且代表人数不超过5人: two duties of one sentence joined
    if t_gap in COMPARATIVES and s_gap in COMPARATIVES and t_gap != s_gap:
        return "把原文的“{t}”改成了“{s}”"
    if anchored is not True and s_gap in unmatched_text:
        return None  # words at the edge that the text has just before or after: context, not a change
    if anchored is None or (not anchored and not t_gap):
        return "unsure"
    if t_gap in UPPER_LIMITS and s_gap in UPPER_LIMITS:
        return None  # 最多为5人, 至多5人 for 不得超过5人: the same limit in other words
    universal = any(word in statement[:op.sa] for word in UNIVERSALS)
    if (universal and s_gap in ("都", "均") and not t_gap) or (t_gap and {s_gap, t_gap} <= set(UNIVERSALS)):
        return None  # 任何组织和个人都不得……, 所有组织和个人均不得……: the text's 任何 said again
    negation_s, negation_t = _has(NEGATIONS, op.s_ctx), _has(NEGATIONS, op.t_ctx)
    # A negation only counts when it replaces or is replaced by a few words: a long gap is an elided clause,
    # and a negation the text has just before or after the matched words was moved, not added.
    if negation_s and not negation_t and len(s_gap) <= 4 and negation_s not in unmatched_text:
        return "把原文的“{t}”改成了“{s}”" if t_gap else "加入了否定的“{s}”"
    if negation_t and not negation_s and len(t_gap) <= 4 and negation_t not in statement:
        return "把原文的“{t}”改成了“{s}”"
    if anchored and len(t_gap) <= 2 and not _has(NEGATIONS, op.t_ctx) and not _has(NEGATIONS, unmatched_text) \
            and any(s_gap.endswith(word) for word in ("不", "不予", "不得", "未", "无须")):
        # ……的，不由其上级机关、单位责令改正: a condition of the statement's own with the text's consequence
        # negated. Enough to confirm a 错误, never to fault a 正确 (the added condition may be the text's).
        return WEAK + "加了原文没有的条件并否定了原文的规定（“{s}”）"
    absolute = _has(ABSOLUTES, op.s_ctx)
    if absolute and not _has(ABSOLUTES, op.t_ctx) and len(s_gap) <= 4 and absolute not in unmatched_text:
        return "加入了绝对化的“{s}”" if len(t_gap) > 4 or not t_gap else "把原文的“{t}”改成了“{s}”"
    modal_s, modal_t = _has(MODALS, op.s_ctx), _has(MODALS, op.t_ctx)
    if modal_s and modal_t and MODAL_KINDS[modal_s] != MODAL_KINDS[modal_t] and len(s_gap) <= 3 \
            and len(t_gap) <= 3:
        return "把原文的“{t}”改成了“{s}”"
    if s_gap in MODAL_KINDS and t_gap in MODAL_KINDS and MODAL_KINDS[s_gap] == MODAL_KINDS[t_gap]:
        return None  # 方可 for 可以, 必须 for 应当: the same modal in other words
    if t_gap and not op.crosses_break and _is_swap(op, unmatched_text, statement, corpus):
        return "把原文的“{t}”改成了“{s}”"
    if anchored and op.replaces_member and len(t_gap) >= 2 and len(s_gap) >= 2:
        # 政治参与、权利保障、社会治理 for ……、民主监督: false, unless the member is said in other words.
        return WEAK + "把原文列举的“{t}”换成了“{s}”"
    return "unsure"


def _is_swap(op: _Op, unmatched_text: str, statement: str, corpus: Corpus) -> bool:
    """A short phrase of the text replaced by another term the text uses elsewhere, or one body by another
    (not a moved clause, not a rewording)."""
    t_gap, s_gap, anchored = op.t_gap, op.s_gap, op.anchored
    if len(s_gap) > 12 or len(t_gap) > 8 or "或者" in t_gap or "以及" in t_gap:
        return False  # a long phrase or alternatives narrowed to one (涉及乡镇的 for 涉及下级机关、单位或者……)
    if s_gap.startswith(INSTANCES) and not t_gap.startswith(INSTANCES):
        return False  # a case names the body the provision describes (县人社局 for 原办理机关、单位)
    bodies = is_body(t_gap) and is_body(s_gap) and not any(word in t_gap for word in GENERIC)
    if not anchored and (len(s_gap) > 2 or len(t_gap) > 2) and not (op.trailing and bodies):
        return False  # at the statement's edge only a word-for-word swap or a body for a body is clear enough
    s_gap = s_gap.strip("的之并应当可以须")
    while s_gap and t_gap and s_gap[0] == t_gap[0]:  # 经上1级 for 经本: 上1级 for 本
        s_gap, t_gap = s_gap[1:], t_gap[1:]
    if not s_gap or t_gap in FILLERS or t_gap in CONNECTIVES or t_gap in MODALS or s_gap in CONNECTIVES \
            or s_gap in MODALS:
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
    if len(s_gap) < 2:
        return single_char_swap(t_gap, s_gap)
    lines = corpus.every if corpus.every is not None else corpus.passages  # a term of the whole text
    return bodies or any(s_gap in passage.key.chars for passage in lines)

