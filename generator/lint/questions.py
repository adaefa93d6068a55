"""The questions a lint reads, whatever the file format, and the letter/word answers of CSV and text banks."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import SourceError
from ..texts.numerals import NUMERAL_CHARS, parse_chinese_number

TYPE_WORDS = {"single": ("单选", "单项选择"), "multiple": ("多选", "多项选择", "不定项"),
              "judge": ("判断", "是非"), "fill": ("填空",)}
TYPES = tuple(TYPE_WORDS)
TRUE_WORDS = {"对", "正确", "√", "✓", "✔", "t", "true", "是", "y", "yes", "right"}
FALSE_WORDS = {"错", "错误", "×", "✗", "✘", "x", "f", "false", "否", "n", "no", "wrong"}
LETTERS = "ABCDEFGH"
ARTICLE_RE = re.compile(rf"第([{NUMERAL_CHARS}\d]+)条")
NOTICE_RE = re.compile(rf"通知\s*([{NUMERAL_CHARS}]+(?:[（(][{NUMERAL_CHARS}]+[）)])?)")


@dataclass
class LintQuestion:
    label: str  # how the report names it: the id, or the number the file gave it
    path: str
    line: int
    type: str  # single | multiple | judge | fill
    stem: str
    options: list[str]
    answer: object  # single: str; multiple: list[str]; judge: bool; fill: list[str], one per blank
    articles: list[int] = field(default_factory=list)  # the citation the file gives, if any
    notice: str | None = None

    def keyed(self) -> set[str]:
        """The option texts the file marks as right (choice questions)."""
        if self.type == "single":
            return {self.answer}
        if self.type == "multiple":
            return set(self.answer)
        return set()


def plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).strip("\ufeff")


def type_of(text: str) -> str | None:
    text = plain(text)
    for qtype, words in TYPE_WORDS.items():
        if any(word in text for word in words):
            return qtype
    return None


def from_letters(label: str, shown: str, line: int, qtype: str | None, stem: str, options: dict[str, str],
                  answer: str, source: str = "") -> LintQuestion:
    """A question whose options are lettered and whose answer is given as letters (CSV and text banks)."""

    def fail(reason: str) -> SourceError:
        return SourceError(shown, line, f"{label}: {reason}")

    if not stem.strip():
        raise fail("缺少题干")
    written = plain(answer)
    if not written:
        raise fail("缺少答案")
    judge = _judge_value(written, options)
    if qtype == "judge" and judge is None and not options and written.upper() in ("A", "B"):
        judge = written.upper() == "A"  # a 判断题 section keyed A/B without options: A 正确, B 错误
    if qtype is None:
        if options and judge is None:
            qtype = "multiple" if len(_letters(written)) > 1 else "single"
        else:
            qtype = "judge" if judge is not None else "fill"
    articles, notice = parse_source(source)
    if qtype == "judge":
        if judge is None:
            raise fail(f"判断题的答案应为 对/错、正确/错误 或 √/×，实际为“{answer}”")
        return LintQuestion(label, shown, line, qtype, stem, [], judge, articles, notice)
    if qtype == "fill":
        blanks = [part.strip() for part in re.split(r"[；;|｜]", answer) if part.strip()]
        return LintQuestion(label, shown, line, qtype, stem, [], blanks, articles, notice)
    if len(options) < 2:
        raise fail("选择题至少应有两个选项（A、B 列）")
    letters = _letters(written)
    if not letters:
        raise fail(f"答案“{answer}”应为选项字母，如 A 或 ABD")
    unknown = [letter for letter in letters if letter not in options]
    if unknown:
        raise fail(f"答案中的 {'、'.join(unknown)} 没有对应的选项")
    texts = list(options.values())
    chosen = [options[letter] for letter in letters]
    if qtype == "single":
        if len(chosen) != 1:
            raise fail(f"单选题只能有一个答案，实际为“{answer}”")
        return LintQuestion(label, shown, line, qtype, stem, texts, chosen[0], articles, notice)
    return LintQuestion(label, shown, line, qtype, stem, texts, chosen, articles, notice)


def _letters(written: str) -> str:
    """'A、B、C' → 'ABC'; characters that are not option letters are left for the caller to reject."""
    cleaned = re.sub(r"[、,，;；\s()（）【】\[\]]", "", written).upper()
    return "".join(dict.fromkeys(cleaned)) if all(ch in LETTERS for ch in cleaned) else ""


def _judge_value(written: str, options: dict[str, str]) -> bool | None:
    word = written.lower()
    if word.upper() in options and len(word) == 1:  # A/B judges whose options read 正确/错误
        word = plain(options[word.upper()]).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def parse_source(text: str) -> tuple[list[int], str | None]:
    """'第二十二条、第23条' → [22, 23]; '通知二（四）' → notice key '二（四）'."""
    articles = []
    for number in ARTICLE_RE.findall(text or ""):
        try:
            articles.append(int(number) if number.isdigit() else parse_chinese_number(number))
        except ValueError:
            continue
    match = NOTICE_RE.search(text or "")
    notice = match.group(1).replace("(", "（").replace(")", "）") if match else None
    return articles, notice
