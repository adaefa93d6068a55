"""Blanks in a sentence of the text: which value makes the stem read exactly as the text; what the text has.

A stem such as 信访人一般应当采用（　）形式提出信访事项 is cut at its blanks. A value fits a blank when the words
just before the blank, the value and the words just after it occur together in the provision; a blank at the
very start or end of a stem must meet a clause break there. The longer the context that matches, the surer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .keys import Key, make_key
from .locate import Passage
from .numbers import is_number

CONTEXT = 8  # key characters of context tried on each side of a blank
MIN_CONTEXT = 2
GAP_MAX = 60


@dataclass
class Fit:
    passage: Passage
    left: int  # context characters matched before the blank
    right: int  # and after it

    @property
    def score(self) -> int:
        return self.left + self.right


def fit(left: str, value: str, right: str, passage: Passage) -> Fit | None:
    """The longest context around `value` that occurs in `passage`, or None when the value does not fit.

    A side whose context does not match may still count when the text has a clause break there (the stem
    went on with another clause of the same sentence): that side then scores 0 and `open_side` says so."""
    text = passage.key
    if not value:
        return None
    best: Fit | None = None
    for kl in [*range(min(len(left), CONTEXT), _least(left) - 1, -1), *([0] if left else [])]:
        for kr in [*range(min(len(right), CONTEXT), _least(right) - 1, -1), *([0] if right else [])]:
            if best and kl + kr <= best.score:
                break
            needle = left[len(left) - kl:] + value + right[:kr]
            if _occurs(needle, text, kl == 0, kr == 0, kl, len(value)):
                best = Fit(passage, kl, kr)
                break
    return best


def _least(side: str) -> int:
    return min(MIN_CONTEXT, len(side))


def _occurs(needle: str, text: Key, start_break: bool, end_break: bool, kl: int, size: int) -> bool:
    position = text.chars.find(needle)
    while position >= 0:
        ok = True
        if start_break and not text.is_break(position):
            ok = False
        if end_break and not text.is_break(position + kl + size):
            ok = False
        if ok:
            return True
        position = text.chars.find(needle, position + 1)
    return False


def is_strong(found: Fit | None, left: str, right: str, least: int = 6) -> bool:
    """Enough context matched that the fit is no coincidence: both sides up to 2 characters and `least` (6)
    in all, or one side 5 characters with a clause break on the other. Among the few provisions a question
    cites, 4 in all is enough (应当____或者 in 应当采纳或者部分采纳)."""
    if found is None:
        return False
    need_left, need_right = min(2, len(left)), min(2, len(right))
    enough = min(least, len(left) + len(right))
    if found.left >= need_left and found.right >= need_right and found.score >= enough:
        return True
    return (found.right == 0 and found.left >= min(5, len(left)) and len(left) > 0) or (
        found.left == 0 and found.right >= min(5, len(right)) and len(right) > 0)


@dataclass
class Gap:
    passage: Passage
    start: int  # key positions of what the text has where the stem has its blank
    end: int
    anchored: int  # context characters that located it

    @property
    def chars(self) -> str:
        return self.passage.key.chars[self.start:self.end]

    @property
    def words(self) -> str:
        """The text's own words for the gap (punctuation inside kept)."""
        return self.passage.key.original(self.start, self.end)


def gap(left: str, right: str, passage: Passage, sentence: bool = False) -> Gap | None:
    """What `passage` has between the stem's context around a blank, found by the longest context on each side
    (at least 3 characters, or the start/end of a clause when the stem starts/ends at the blank; of the
    sentence when `sentence`, as for an enumeration). A gap never runs across the end of a sentence."""
    text = passage.key
    chars = text.chars
    best: Gap | None = None
    for kl in range(min(len(left), CONTEXT), min(3, len(left)) - 1, -1):
        anchor = left[len(left) - kl:]
        starts = _positions(chars, anchor) if kl else [None]
        for position in starts:
            begin = position + kl if position is not None else None
            for kr in range(min(len(right), CONTEXT), min(3, len(right)) - 1, -1):
                after = right[:kr]
                end = _after(chars, after, begin, text) if kr else None
                if begin is None and end is not None:
                    begin = _clause_start(text, end, sentence)
                if end is None and kr == 0 and begin is not None:
                    end = _clause_end(text, begin, sentence)
                if begin is None or end is None or end < begin or end - begin > GAP_MAX:
                    continue
                inside = text.is_stop if sentence else text.is_break
                if any(inside(p) for p in range(begin + 1, end)):
                    continue
                if best is None or (kl + kr, begin - end) > (best.anchored, best.start - best.end):
                    best = Gap(passage, begin, end, kl + kr)
                break
    return best


def _positions(chars: str, anchor: str) -> list[int]:
    found, position = [], chars.find(anchor)
    while position >= 0:
        found.append(position)
        position = chars.find(anchor, position + 1)
    return found


def _after(chars: str, anchor: str, begin: int | None, text: Key) -> int | None:
    position = chars.find(anchor, begin or 0)
    return position if position >= 0 else None


def _clause_start(text: Key, end: int, sentence: bool) -> int:
    stop = text.is_stop if sentence else text.is_break
    position = end
    while position > 0 and not stop(position):
        position -= 1
    return position


def _clause_end(text: Key, begin: int, sentence: bool) -> int:
    stop = text.is_stop if sentence else text.is_break
    position = begin
    while position < len(text.chars) and not (position > begin and stop(position)):
        position += 1
    return position


def group_blanks(segments: list[str]) -> list[tuple[str, list[int], str]]:
    """Blanks with nothing between them (____、____, punctuation is not in a key) form one group:
    (context before, blank indexes, context after)."""
    groups: list[tuple[str, list[int], str]] = []
    index = 0
    while index < len(segments) - 1:
        members = [index]
        while members[-1] + 1 < len(segments) - 1 and segments[members[-1] + 1] == "":
            members.append(members[-1] + 1)
        groups.append((segments[index], members, segments[members[-1] + 1]))
        index = members[-1] + 1
    return groups


def split_values(option: str, count: int) -> list[str] | None:
    """An option for a stem with several blanks (15日；5个工作日) cut into one value per blank, or None."""
    for pattern in (r"[；;/｜|]", r"[，,]", r"[、]", r"\s+"):
        parts = [part for part in re.split(pattern, option.strip()) if part.strip()]
        if len(parts) == count:
            return parts
    return None


def key_of(text: str) -> str:
    return make_key(text).chars


# How much of a stem, its blank filled with the text's words, must read as one line of the text before the
# text's words are taken as what the blank asks for.
READS_AS_TEXT = 0.9


def text_at_blank(left: str, right: str, passages: list[Passage]) -> Gap | None:
    """What the text has at the blank of a stem that is a sentence of the text but for the blank, or None.

    Only when the stem, filled with the text's words, reads as one line of the text (READS_AS_TEXT of its
    characters, in order) and the gap is anchored on both sides (3 characters each, or 5 on one side when the
    stem starts or ends at the blank): a case, a reordered sentence or a stem joining two provisions is not
    read so. Nor is a stem of fewer than LEAST_STEM characters, or one that reads so in two places with two
    different words at the blank (有关机关、单位（　）)."""
    if len(left) + len(right) < LEAST_STEM:
        return None
    found_in = [found for found in (_reads_as_text(left, right, passage) for passage in passages) if found]
    if len({found.chars for found in found_in}) != 1:
        return None
    return found_in[0]


LEAST_STEM = 8


def _reads_as_text(left: str, right: str, passage: Passage) -> Gap | None:
    """The gap in `passage` when the stem, filled with it, reads as that line (see text_at_blank)."""
    found = gap(left, right, passage)
    if found is None or not found.chars:
        return None
    chars = passage.key.chars
    before = _common_suffix(left, chars[:found.start])
    after = _common_prefix(right, chars[found.end:])
    anchored = (before >= min(3, len(left)) and after >= min(3, len(right))
                and (left or after >= 5) and (right or before >= 5))
    if not anchored:
        return None
    filled = left + found.chars + right
    matcher = SequenceMatcher(None, chars, filled, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 2)
    return found if matched >= READS_AS_TEXT * len(filled) else None


def differs(value: str, text: str) -> bool:
    """True when a key value is not the text's words at a blank, nor a part of them or they of it, nor the
    same characters in another order (联席会议 for 信访工作联席会议 is short of the text, not another answer)."""
    if is_number(value) and is_number(text):
        return value != text  # 5 is not part of 15
    return bool(value and text) and value not in text and text not in value and sorted(value) != sorted(text)


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[len(a) - 1 - n] == b[len(b) - 1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n
