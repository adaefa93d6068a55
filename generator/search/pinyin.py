"""Toneless pinyin for the search engine's typo tolerance (issue 18): an IME typo is a character with the same
sound (受里 for 受理), so a query word that matches nothing is compared by sound with the index's words.

pypinyin gives the readings at build time; the browser gets them compactly, with nothing else to load:
- the 3,755 common characters (GB 2312 level 1, which the standard orders by pinyin) are not shipped as
  text: the browser decodes them from their GB codes (TextDecoder "gbk", B0A1–D7F9, row by row), and the
  index ships each one's main reading as runs over that order: `syllables` (the readings, in order of first
  use) and `runs` ([syllable index, count, …]);
- `extra`: the other readings the indexed texts actually use (pypinyin reads each run of text with its
  phrase dictionary: 重 is chong in 重复 but zhong in 重大), and the readings of text characters outside level 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

HAN_RE = re.compile(r"[\u4e00-\u9fff]+")
LEVEL1_ROWS = range(0xB0, 0xD8)  # GB 2312 rows 16–55
CELLS = range(0xA1, 0xFF)
LAST_OF_ROW_55 = 0xF9  # row 55 ends at D7F9


def level1_characters() -> list[str]:
    """GB 2312 level 1 in code order (what the browser decodes from the same bytes)."""
    chars = []
    for row in LEVEL1_ROWS:
        for cell in CELLS:
            if row == 0xD7 and cell > LAST_OF_ROW_55:
                break
            chars.append(bytes([row, cell]).decode("gb2312"))
    return chars


def readings(char: str) -> list[str]:
    """Toneless readings of one character, main reading first ("行" → ["xing", "hang", …]); [] for none."""
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors=lambda _: [[]])
    return [reading for reading in dict.fromkeys(found[0] if found else []) if reading.isalpha()]


def pinyin_table(texts: Iterable[str]) -> dict:
    """{"syllables": [...], "runs": [index, count, …], "extra": {char: "reading reading"}} for the browser.

    Raises ImportError when pypinyin is missing (a dependency of the project, used at build time only)."""
    from pypinyin import Style, lazy_pinyin

    syllables: dict[str, int] = {}
    runs: list[int] = []
    level1 = level1_characters()
    mains = _mains(level1)
    for main in mains:
        index = syllables.setdefault(main, len(syllables))
        if runs and runs[-2] == index:
            runs[-1] += 1
        else:
            runs += [index, 1]
    main_of = dict(zip(level1, mains))
    extra: dict[str, list[str]] = {}
    for text in texts:
        for run in HAN_RE.findall(text):
            for char, reading in zip(run, lazy_pinyin(run, style=Style.NORMAL, errors=lambda _: [""] * len(_))):
                if reading.isalpha() and reading != main_of.get(char) and reading not in extra.get(char, []):
                    extra.setdefault(char, []).append(reading)
    return {"syllables": list(syllables), "runs": runs,
            "extra": {char: " ".join(found) for char, found in sorted(extra.items())}}


def _mains(chars: list[str]) -> list[str]:
    return [(readings(char) or [""])[0] for char in chars]
