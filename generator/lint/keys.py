"""Comparison keys: the form in which a question and the official text are compared character by character.

A key drops what does not change a provision's meaning but often differs between a question and the text:
full-width vs half-width characters, spaces, punctuation, 《》 and quotation marks. Chinese numerals become
digits (十五日 → 15日, 二〇二二 → 2022) and 天 after a number becomes 日 (15天 = 15日, issue 11), on both sides,
so a question that writes 十五日 reads as the text's 15日. Every key character remembers where it came from,
so what the text says can be quoted back in its own words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..texts.numerals import DIGITS, UNITS, parse_chinese_number

# Where a question leaves a blank: kept in the key as this one character (private-use area, never in a text).
BLANK = "\ue000"
BLANK_RE = re.compile(r"[（(][\s\u3000_＿]*[）)]|[_＿]{2,}|【[\s\u3000]*】|\[[\s\u3000]*\]"
                      r"|(?:多少|几)(?=个工作日|日|天|人|章|条|项|年|个月)")
# Punctuation that ends a clause: a blank at the very start or end of a stem must meet one in the text.
CLAUSE_BREAKS = set("，。；：！？,.;:!?\n")
SENTENCE_STOPS = set("。！？!?\n")
LIST_BREAKS = set("、")
_NUMERAL = set(DIGITS) | set(UNITS)


@dataclass
class Key:
    """`chars` is the comparison form; `origin[i]` is the index in `source` that key character i came from;
    `breaks` holds the key positions a clause punctuation mark stood before (and `lists` the 、 ones)."""

    source: str
    chars: str
    origin: list[int]
    breaks: set[int] = field(default_factory=set)
    lists: set[int] = field(default_factory=set)
    stops: set[int] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.chars)

    def original(self, start: int, end: int) -> str:
        """The source text behind key positions [start, end), punctuation between them included."""
        start, end = max(0, start), min(end, len(self.chars))
        if start >= end:
            return ""
        first = self.origin[start]
        last = self.origin[end - 1]
        return self.source[first:last + 1]

    def tail(self, start: int) -> Key:
        """The key from key position `start` on (a stem without its 根据《条例》 prefix), same source."""
        shift = lambda positions: {p - start for p in positions if p >= start}  # noqa: E731
        return Key(self.source, self.chars[start:], self.origin[start:], shift(self.breaks),
                   shift(self.lists), shift(self.stops))

    def strip_blanks(self) -> Key:
        """Without blanks at the end (a judge item's answer bracket: ……信访事项。（　）)."""
        end = len(self.chars)
        while end and self.chars[end - 1] == BLANK:
            end -= 1
        return Key(self.source, self.chars[:end], self.origin[:end], self.breaks, self.lists, self.stops)

    def is_stop(self, position: int) -> bool:
        """True at the start or end of the text or where a sentence ended (。！？ or a new line)."""
        return position <= 0 or position >= len(self.chars) or position in self.stops

    def is_break(self, position: int) -> bool:
        """True at the start or end of the text or where a clause punctuation mark stood."""
        return position <= 0 or position >= len(self.chars) or position in self.breaks


def make_key(text: str) -> Key:
    """The comparison key of `text`; blanks already replaced by BLANK survive as that one character."""
    pairs: list[tuple[str, int]] = []
    for index, char in enumerate(str(text)):
        for norm in unicodedata.normalize("NFKC", char):
            pairs.append((norm, index))
    pairs = _numerals_to_digits(pairs)
    chars: list[str] = []
    origin: list[int] = []
    breaks: set[int] = set()
    lists: set[int] = set()
    stops: set[int] = set()
    for position, (char, index) in enumerate(pairs):
        if char == "天" and chars and chars[-1].isdigit():
            char = "日"
        if char == BLANK or char.isalnum():
            chars.append(char.lower())
            origin.append(index)
        elif char in CLAUSE_BREAKS:
            breaks.add(len(chars))
            if char in SENTENCE_STOPS:
                stops.add(len(chars))
        elif char in LIST_BREAKS:
            lists.add(len(chars))
    return Key(str(text), "".join(chars), origin, breaks, lists, stops)


def _numerals_to_digits(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    index = 0
    while index < len(pairs):
        if pairs[index][0] not in _NUMERAL:
            out.append(pairs[index])
            index += 1
            continue
        end = index
        while end < len(pairs) and pairs[end][0] in _NUMERAL:
            end += 1
        run = "".join(char for char, _ in pairs[index:end])
        digits = _run_to_digits(run)
        if digits is None:
            out.extend(pairs[index:end])
        else:
            out.extend((digit, pairs[index][1]) for digit in digits)
        index = end
    return out


def _run_to_digits(run: str) -> str | None:
    # 二〇二二 is read digit by digit; 二十二 by its units.
    if not any(char in UNITS for char in run):
        return "".join(str(DIGITS[char]) for char in run)
    try:
        return str(parse_chinese_number(run))
    except ValueError:
        return None


def mark_blanks(stem: str) -> str:
    """`stem` with every blank written as （ ）, （　）, ( ), ____ or ＿＿ replaced by BLANK; a question word
    before a unit (多少日内, 不得超过几人) is a blank too."""
    return BLANK_RE.sub(BLANK, stem)


def bigrams(chars: str) -> set[str]:
    """Character bigrams of a key string, blanks excluded."""
    return {chars[i:i + 2] for i in range(len(chars) - 1) if BLANK not in chars[i:i + 2]}
