"""Search tokens for Chinese law text (DESIGN §8): the rules the browser's engine applies to documents and
queries alike, so that what a query finds never depends on how a segmenter happened to cut it.

A text gives, in this order:
- article references in every form (第三十五条, 三十五条, 第35条, 35条) → one token `§35`; with an item
  (第三十一条第六项) also `§31-6`. The reference is then removed, so its digits make no other token;
- numbers with their unit (15日, 5个工作日, 5人) → `15日`, `5个工作日` and the bare number `15`;
  the unit's characters stay in the Han text around them, so 工作日 alone still matches 5个工作日;
  a time limit or head count in Chinese numerals (三十日, 五人) also gives the digit token (30日, 5人);
- overlapping character bigrams of every Han run (the approach of Lucene's CJK analyzer and Elasticsearch's
  `cjk_bigram`); a one-character run is its own token;
- every vocabulary word of three or more characters inside a Han run (the vocabulary is what jieba, with
  search/userdict.txt, finds in the indexed texts: see `vocabulary`);
- Latin words and other numbers as they are.

The browser twin is `generator/search/engine.js` (`XF.searchEngine.tokenize`); tests check that the
two agree.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from ..errors import read_text
from ..texts.numerals import parse_chinese_number

CN_NUMBER = "[零〇一二两三四五六七八九十百]+"
NUMBER = rf"(?:[0-9]+|{CN_NUMBER})"
ARTICLE_REF_RE = re.compile(rf"第?({NUMBER})条(?:第({NUMBER})项)?")
# Longest units first: 5个工作日 is one token, not 5个 + 工作日.
UNITS = ["个工作日", "个月", "小时", "工作日", "日", "天", "人", "年", "月", "周", "次", "名", "个", "件", "项", "款"]
NUMBER_UNIT_RE = re.compile(r"([0-9]+)(" + "|".join(UNITS) + ")?")
# 三十日 / 五人 in Chinese numerals: the same token as 30日 / 5人, so either writing finds the other. Only
# time limits and head counts: 四个意识 or 五项原则 are names, not quantities.
QUANTITY_UNITS = ["个工作日", "个月", "小时", "工作日", "日", "天", "人", "年", "月", "周"]
CN_QUANTITY_RE = re.compile(rf"({CN_NUMBER})(" + "|".join(QUANTITY_UNITS) + ")")
HAN_RE = re.compile(r"[\u4e00-\u9fff]+")
LATIN_RE = re.compile(r"[a-z]+")
MIN_WORD = 3
MAX_WORD = 8


def normalize(text: str) -> str:
    """NFKC (full-width digits and letters become ASCII) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def to_number(text: str) -> int:
    """'35' or '三十五' → 35; raises ValueError for anything else."""
    return int(text) if text.isdigit() else parse_chinese_number(text)


def article_refs(text: str) -> tuple[list[str], str]:
    """Article-reference tokens in `text`, and the text with each reference replaced by a space."""
    tokens: list[str] = []

    def take(match: re.Match) -> str:
        try:
            article = to_number(match.group(1))
        except ValueError:
            return match.group(0)
        tokens.append(f"§{article}")
        if match.group(2):
            try:
                tokens.append(f"§{article}-{to_number(match.group(2))}")
            except ValueError:
                pass
        return " "

    return tokens, ARTICLE_REF_RE.sub(take, text)


def tokenize(text: str, words: frozenset[str] = frozenset()) -> list[str]:
    """Every token of `text` in the order described above, repeats kept (they are term frequencies)."""
    text = normalize(text)
    tokens, text = article_refs(text)
    for match in NUMBER_UNIT_RE.finditer(text):
        if match.group(2):
            tokens.append(match.group(1) + match.group(2))
        tokens.append(match.group(1))
    for match in CN_QUANTITY_RE.finditer(text):
        tokens.append(f"{parse_chinese_number(match.group(1))}{match.group(2)}")
    for run in HAN_RE.findall(text):
        if len(run) == 1:
            tokens.append(run)
        tokens += [run[i:i + 2] for i in range(len(run) - 1)]
        tokens += words_in(run, words)
    tokens += LATIN_RE.findall(text)
    return tokens


def words_in(run: str, words: frozenset[str]) -> list[str]:
    """Every vocabulary word (3–8 characters) that occurs in `run`, at every position where it occurs."""
    found = []
    for start in range(len(run)):
        for size in range(MIN_WORD, min(MAX_WORD, len(run) - start) + 1):
            if run[start:start + size] in words:
                found.append(run[start:start + size])
    return found


def vocabulary(texts: Iterable[str], userdict: Path | None = None) -> list[str]:
    """The words of 3–8 Han characters that jieba (with the user dictionary) cuts from `texts`, sorted.

    Raises ImportError when jieba is missing (it is a dependency of the project), SourceError when `userdict`
    is not a readable regular UTF-8 file."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # its start-up notes are not build output
    tokenizer = jieba.dt  # material/search has usually loaded it already (with the same user dictionary)
    if userdict:
        tokenizer.load_userdict(io.StringIO(read_text(userdict)))
    found = set()
    for text in texts:
        for word in tokenizer.cut(normalize(text)):
            if MIN_WORD <= len(word) <= MAX_WORD and HAN_RE.fullmatch(word):
                found.add(word)
    return sorted(found)
