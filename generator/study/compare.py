"""新旧对照: the 2005《信访条例》 beside the 2022《信访工作条例》, article to article, with what changed.

Articles are aligned automatically by text similarity and the pairs can be confirmed or overridden in
study/compare.yml. How it works, with the thresholds (shown on the page too):

1. Text is normalised (NFKC, whitespace and punctuation dropped) and every old/new pair is compared with
   difflib.SequenceMatcher: ratio = 2·matched/(len old + len new); coverage = the share of one side's
   characters that match in runs of COVER_RUN or more.
2. Pairs from compare.yml are fixed first; their articles take no further part.
3. The remaining articles are paired one-to-one, greedily by ratio, while ratio ≥ PAIR_MIN. Unrelated
   articles of these two texts score about 0.15–0.25 (shared boilerplate such as 机关、单位), related
   ones 0.3 and more.
4. An article still alone joins the automatic pair whose other side covers at least ATTACH_MIN of its text
   (one-to-many: an old article split over two new ones, or two old ones merged into one new one).
5. A group is 基本沿用 when the ratio of its joined texts is ≥ KEPT_MIN, else 修改; an article left alone is
   新增 (2022 only) or 删除 (2005 only). compare.yml may set the status of its pairs explicitly.
6. A row is article to article, but a paragraph (or one sentence of it) may have moved to another article:
   compare.yml lists such moves on the row of the old article (`moves`), and the page shows them on both
   sides (“第三款移至 2022 第十八条第四款” / “第四款来自 2005 第三条第三款”). A new article that only partly
   stems from the moved text is listed in the move's `part` and says so (“本条部分内容来自 2005 第十四条第二款”).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from ..errors import SourceError, display_path
from ..texts.regulation import Regulation
from ..yamlfile import YamlMap, load_yaml

PAGE = "aids/compare.md"
PAIR_MIN = 0.30
ATTACH_MIN = 0.60
# Coverage counts matched runs of at least this many characters: scattered 的、机关、信访 shared by any two
# articles would otherwise make a short article (本条例由国家信访局负责解释) look covered by anything.
COVER_RUN = 3
KEPT_MIN = 0.85
# Equal runs this short between two changes are folded into the change: a lone 的 or 、 kept in the middle
# of a rewritten sentence reads as noise, not as a kept word.
MIN_EQUAL_RUN = 2

KEPT, MODIFIED, ADDED, REMOVED = "基本沿用", "修改", "新增", "删除"
STATUSES = (KEPT, MODIFIED, ADDED, REMOVED)
SLUGS = {KEPT: "kept", MODIFIED: "modified", ADDED: "added", REMOVED: "removed"}


@dataclass(frozen=True)
class Move:
    """A paragraph of an old article (or one sentence of it, `phrase`) that now stands in other articles."""

    old: int
    paragraph: int  # 1-based paragraph (款) of the old article
    to: tuple[tuple[int, int], ...]  # (new article, its paragraph) pairs
    phrase: str = ""  # the part of the old paragraph that moved, word for word; "" for the whole paragraph
    part: tuple[int, ...] = ()  # new articles (of `to`) whose target paragraph only partly stems from this text


@dataclass(frozen=True)
class Pair:
    """One row of the comparison: old articles beside the new articles they became."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    ratio: float  # similarity of the joined normalised texts (0 when one side is empty)
    status: str
    confirmed: bool = False  # set in compare.yml rather than found automatically
    note: str = ""
    moves: tuple[Move, ...] = ()  # paragraphs of this row's old articles that went elsewhere


@dataclass(frozen=True)
class Override:
    old: tuple[int, ...]
    new: tuple[int, ...]
    status: str | None
    note: str
    line: int
    moves: tuple[Move, ...] = ()


@dataclass(frozen=True)
class Comparison:
    old: Regulation
    new: Regulation
    pairs: tuple[Pair, ...]

    def counts(self) -> dict[str, int]:
        """Rows per status, in STATUSES order."""
        return {status: sum(1 for pair in self.pairs if pair.status == status) for status in STATUSES}

    @property
    def moves(self) -> list[Move]:
        return [move for pair in self.pairs for move in pair.moves]


def normalise(text: str) -> str:
    """What similarity is measured on: NFKC, without whitespace and punctuation."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text))


def similarity(old_text: str, new_text: str) -> float:
    """difflib ratio of two texts after normalise()."""
    return SequenceMatcher(None, normalise(old_text), normalise(new_text), autojunk=False).ratio()


def align(old: Regulation, new: Regulation, overrides: list[Override] | None = None) -> Comparison:
    """Pair the articles of `old` and `new`: overrides first, then greedy by similarity (see module doc)."""
    overrides = overrides or []
    pairs = [_override_pair(old, new, o) for o in overrides]
    taken_old = {n for o in overrides for n in o.old}
    taken_new = {n for o in overrides for n in o.new}
    old_texts = {a.number: normalise(a.text) for a in old.articles if a.number not in taken_old}
    new_texts = {a.number: normalise(a.text) for a in new.articles if a.number not in taken_new}

    matched: dict[tuple[int, int], int] = {}
    shared: dict[tuple[int, int], int] = {}  # matched characters in runs of COVER_RUN or more
    old_chars = {o: Counter(text) for o, text in old_texts.items()}
    for n, new_text in new_texts.items():
        matcher = SequenceMatcher(None, "", new_text, autojunk=False)  # indexes new_text once
        new_chars = Counter(new_text)
        for o, old_text in old_texts.items():
            # Characters in common bound what difflib can match: skip pairs that could pass no threshold.
            bound = (old_chars[o] & new_chars).total()
            if (2 * bound / (len(old_text) + len(new_text)) < PAIR_MIN
                    and bound < ATTACH_MIN * min(len(old_text), len(new_text))):
                matched[o, n] = shared[o, n] = 0
                continue
            matcher.set_seq1(old_text)
            blocks = matcher.get_matching_blocks()
            matched[o, n] = sum(block.size for block in blocks)
            shared[o, n] = sum(block.size for block in blocks if block.size >= COVER_RUN)

    def ratio(key: tuple[int, int]) -> float:
        return 2 * matched[key] / (len(old_texts[key[0]]) + len(new_texts[key[1]]))

    groups: list[tuple[list[int], list[int]]] = []
    group_of_old: dict[int, int] = {}
    group_of_new: dict[int, int] = {}
    for o, n in sorted(matched, key=lambda key: (-ratio(key), key)):
        if ratio((o, n)) < PAIR_MIN:
            break
        if o not in group_of_old and n not in group_of_new:
            group_of_old[o] = group_of_new[n] = len(groups)
            groups.append(([o], [n]))
    joined_old = _attach([o for o in old_texts if o not in group_of_old], group_of_new,
                         lambda o, n: shared[o, n] / len(old_texts[o]))
    joined_new = _attach([n for n in new_texts if n not in group_of_new], group_of_old,
                         lambda n, o: shared[o, n] / len(new_texts[n]))
    for o, group in joined_old.items():
        groups[group][0].append(o)
    for n, group in joined_new.items():
        groups[group][1].append(n)
    group_of_old.update(joined_old)
    group_of_new.update(joined_new)

    for olds, news in groups:
        pairs.append(_pair(old, new, tuple(sorted(olds)), tuple(sorted(news))))
    pairs += [Pair((), (n,), 0.0, ADDED) for n in new_texts if n not in group_of_new]
    pairs += [Pair((o,), (), 0.0, REMOVED) for o in old_texts if o not in group_of_old]
    return Comparison(old, new, tuple(sorted(pairs, key=_order)))


def _attach(loners: list[int], partners: dict[int, int], coverage) -> dict[int, int]:
    """Loner → group of the paired article (other side) that covers most of it, if at least ATTACH_MIN."""
    joined = {}
    for loner in loners:
        best = max(partners, key=lambda partner: (coverage(loner, partner), -partner), default=None)
        if best is not None and coverage(loner, best) >= ATTACH_MIN:
            joined[loner] = partners[best]
    return joined


def _pair(old: Regulation, new: Regulation, olds: tuple[int, ...], news: tuple[int, ...],
          status: str | None = None, note: str = "", confirmed: bool = False) -> Pair:
    if not olds or not news:
        return Pair(olds, news, 0.0, status or (ADDED if news else REMOVED), confirmed, note)
    score = similarity(_joined(old, olds), _joined(new, news))
    return Pair(olds, news, score, status or (KEPT if score >= KEPT_MIN else MODIFIED), confirmed, note)


def _override_pair(old: Regulation, new: Regulation, override: Override) -> Pair:
    pair = _pair(old, new, override.old, override.new, override.status, override.note, confirmed=True)
    return Pair(pair.old, pair.new, pair.ratio, pair.status, pair.confirmed, pair.note, override.moves)


def _order(pair: Pair) -> tuple[int, int, int]:
    # 2022 order; rows without a 2022 article go last, in 2005 order.
    return (0, pair.new[0], 0) if pair.new else (1, 0, pair.old[0])


def _joined(regulation: Regulation, numbers: tuple[int, ...]) -> str:
    return "\n".join(regulation.article(n).text for n in numbers)


def check_overrides(path: str | Path, old: Regulation,
                    new: Regulation) -> tuple[list[Override], list[SourceError]]:
    """Read compare.yml (a list of {old, new, status, note}); return the overrides and every problem found."""
    shown = display_path(path)
    data = load_yaml(path)
    errors: list[SourceError] = []
    overrides: list[Override] = []
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [SourceError(shown, 1, "文件应为对照列表，如 - {old: 34, new: 35}")]
    seen: dict[tuple[str, int], int] = {}
    for entry in data:
        if not isinstance(entry, YamlMap):
            errors.append(SourceError(shown, None, f"每一项应为键值对，实际为 {entry!r}"))
            continue
        reasons = []
        for key in entry:
            if key not in {"old", "new", "status", "note", "moves"}:
                reasons.append(f"不认识的键“{key}”（允许：old、new、status、note、moves）")
        olds = _numbers(entry.get("old"), old, "old", reasons)
        news = _numbers(entry.get("new"), new, "new", reasons)
        moves = _moves(entry.get("moves"), olds, news, old, new, reasons)
        status = entry.get("status")
        note = entry.get("note", "")
        if status is not None and status not in STATUSES:
            reasons.append(f"status 应为 {'/'.join(STATUSES)} 之一，实际为 {status!r}")
        if not isinstance(note, str):
            reasons.append("note 应为文字")
        if not reasons:
            reasons += _side_problems(olds, news, status)
        for side, numbers in (("old", olds), ("new", news)):
            for number in numbers:
                if (side, number) in seen:
                    reasons.append(f"{side} 第 {number} 条已在第 {seen[side, number]} 行对照过")
                seen.setdefault((side, number), entry.line)
        errors += [SourceError(shown, entry.line, reason) for reason in reasons]
        if not reasons:
            overrides.append(Override(olds, news, status, note, entry.line, moves))
    return overrides, errors


def _moves(value, olds: tuple[int, ...], news: tuple[int, ...], old: Regulation, new: Regulation,
           reasons: list[str]) -> tuple[Move, ...]:
    """moves: [{old: 3, paragraph: 3, to: [[18, 4]], phrase: 可选, part: 可选}]: each names a paragraph of one of
    the row's old articles, the word-for-word part that moved (optional), (article, paragraph) of the new text,
    and (part, optional) the new articles of `to` that only partly stem from it."""
    if value is None:
        return ()
    example = "moves 应为列表，如 [{old: 3, paragraph: 3, to: [[18, 4]]}]"
    if not isinstance(value, list):
        reasons.append(example)
        return ()
    out = []
    for move in value:
        if not isinstance(move, dict) or set(move) - {"old", "paragraph", "to", "phrase", "part"}:
            reasons.append(example)
            continue
        number, paragraph, phrase = move.get("old"), move.get("paragraph"), move.get("phrase", "")
        if number not in olds:
            reasons.append(f"moves 的 old {number!r} 不在本行的 old 之中")
            continue
        paragraphs = old.article(number).paragraphs
        if not isinstance(paragraph, int) or not 1 <= paragraph <= len(paragraphs):
            reasons.append(f"moves: 旧条例第 {number} 条没有第 {paragraph!r} 款（共 {len(paragraphs)} 款）")
            continue
        if not isinstance(phrase, str) or phrase not in paragraphs[paragraph - 1].text:
            reasons.append(f"moves: “{phrase}”不在旧条例第 {number} 条第 {paragraph} 款中（须逐字引用）")
            continue
        targets = _targets(move.get("to"), news, new, reasons)
        part = move.get("part", [])
        if not isinstance(part, list) or not all(isinstance(a, int) and a in {t for t, _ in targets} for a in part):
            reasons.append(f"moves 的 part 应为 to 中新条文号的列表，如 [{targets[0][0] if targets else 31}]")
            continue
        if targets:
            out.append(Move(number, paragraph, targets, phrase, tuple(part)))
    return tuple(out)


def _targets(value, news: tuple[int, ...], new: Regulation, reasons: list[str]) -> tuple[tuple[int, int], ...]:
    if not isinstance(value, list) or not value or not all(
            isinstance(t, list) and len(t) == 2 and all(isinstance(n, int) for n in t) for t in value):
        reasons.append("moves 的 to 应为 [[条, 款], …] 列表，如 [[18, 4]]")
        return ()
    for article, paragraph in value:
        try:
            count = len(new.article(article).paragraphs)
        except KeyError:
            reasons.append(f"moves: 《{new.title}》没有第 {article} 条")
            return ()
        if not 1 <= paragraph <= count:
            reasons.append(f"moves: 新条例第 {article} 条没有第 {paragraph} 款（共 {count} 款）")
            return ()
        if article in news:
            reasons.append(f"moves: 新条例第 {article} 条已在本行对照，不必写作移动")
            return ()
    return tuple((article, paragraph) for article, paragraph in value)


def _side_problems(olds: tuple[int, ...], news: tuple[int, ...], status: str | None) -> list[str]:
    if not olds and not news:
        return ["至少要写 old 或 new"]
    if status == ADDED and (olds or not news):
        return ["新增只能写 new（新条例条文号），不能写 old"]
    if status == REMOVED and (news or not olds):
        return ["删除只能写 old（旧条例条文号），不能写 new"]
    if status in (KEPT, MODIFIED) and not (olds and news):
        return [f"{status}须同时写 old 和 new"]
    if status is None and not (olds and news):
        return ["只写一侧时须注明 status: 新增 或 删除"]
    return []


def load_overrides(path: str | Path, old: Regulation, new: Regulation) -> list[Override]:
    """The checked overrides; raise the first SourceError (file, line, reason) if any entry is wrong."""
    overrides, errors = check_overrides(path, old, new)
    if errors:
        raise errors[0]
    return overrides


def _numbers(value, regulation: Regulation, side: str, reasons: list[str]) -> tuple[int, ...]:
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    good = []
    for number in values:
        if isinstance(number, bool) or not isinstance(number, int):
            reasons.append(f"{side} 应为条文号或条文号列表，实际为 {number!r}")
            continue
        try:
            regulation.article(number)
        except KeyError:
            reasons.append(f"{side}: 《{regulation.title}》没有第 {number} 条"
                           f"（共 {len(regulation.articles)} 条）")
            continue
        good.append(number)
    return tuple(good)
