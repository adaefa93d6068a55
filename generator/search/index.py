"""Search-index tuning for Chinese (DESIGN §8).

mkdocs-material segments Han runs with jieba and joins the words with U+200B; in the browser it splits a query
into prefixes of words that exist in the index. Two gaps remain, and both are closed here on the index:

- digits are not Han, so `15日内` is indexed as `15` + `日内` and the query `15日内` finds nothing:
  a number and the unit after it (日, 个工作日, 人, 年, 月 …) are joined into one word;
- article numbers (第十五条) come out of jieba in pieces (第十 + 五条): they are joined again;
- a compound from the user dictionary (信访事项) hides its parts, so `事项` does not find it:
  compounds of three or more characters are indexed as their dictionary parts (信访 + 事项), which a query
  for the whole compound still finds, because the browser splits the query the same way.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

ZWSP = "\u200b"
UNIT_CHARS = "个工作日月年天人小时周内以上下章条项次"
# Page text may set a number apart with spaces (共 42 个); in the index it is one word all the same.
NUMBER_UNIT_RE = re.compile(rf"(\d+)((?:[\s{ZWSP}]*[{UNIT_CHARS}])+)")
# 第十五条 / 第三章 / 第六项 are one word each, whatever jieba made of them.
ORDINAL_RE = re.compile(rf"第[{ZWSP}零一二三四五六七八九十百]+[条章款项]")
HAN_WORD_RE = re.compile(rf"(?<=[{ZWSP}>])([\u4e00-\u9fff]{{3,}})(?=[{ZWSP}<])")


def tune_search_index(index_json: str) -> str:
    index = json.loads(index_json)
    for doc in index["docs"]:
        for key in ("title", "text"):
            if key in doc:
                doc[key] = tune_text(doc[key])
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def tune_text(text: str) -> str:
    text = HAN_WORD_RE.sub(lambda m: ZWSP.join(split_compound(m.group(1))), text)
    text = NUMBER_UNIT_RE.sub(lambda m: m.group(1) + re.sub(rf"[\s{ZWSP}]", "", m.group(2)), text)
    return ORDINAL_RE.sub(lambda m: m.group(0).replace(ZWSP, ""), text)


@lru_cache(maxsize=None)
def split_compound(word: str) -> tuple[str, ...]:
    """信访事项 → (信访, 事项); a word with no split into dictionary words of 2+ characters stays whole.

    Fewest parts wins; a single character is allowed only as a part of a longer split (信访人 → 信访 + 人)."""
    words = _dictionary()
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for end in range(1, len(word) + 1):
        for start in range(end):
            piece = word[start:end]
            if best[start] is None or piece == word:
                continue
            if len(piece) == 1 or words.get(piece, 0) > 0:
                candidate = best[start] + (piece,)
                if best[end] is None or _cost(candidate) < _cost(best[end]):
                    best[end] = candidate
    result = best[len(word)]
    if not result or all(len(piece) == 1 for piece in result) or sum(len(p) == 1 for p in result) > 1:
        return (word,)
    return result


def _cost(parts: tuple[str, ...]) -> tuple[int, int]:
    return (sum(len(p) == 1 for p in parts), len(parts))


def _dictionary() -> dict[str, int]:
    """jieba's word frequencies (user dictionary included); material/search has loaded them already."""
    import jieba

    jieba.dt.check_initialized()
    return jieba.dt.FREQ
