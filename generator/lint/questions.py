"""The questions a lint reads, whatever the file format, and the letter/word answers of CSV and text banks."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import SourceError
from ..texts.numerals import NUMERAL_CHARS, parse_chinese_number, to_chinese_number

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
    # The 款 and 项 the explanation cites (Passage.where: 第三十一条第（二）项), when the file gives one.
    provisions: list[str] = field(default_factory=list)
    # The explanation's quotations (“……”): the words of the cited text it says decide the question.
    quotes: list[str] = field(default_factory=list)

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
    judge_options = all(plain(text).lower() in TRUE_WORDS | FALSE_WORDS for text in options.values())
    if options and not judge_options and len(word) == 1 and word.upper() in LETTERS:
        return None  # 答案：F with options A–D is a letter without an option, not 错 (f = false)
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


PROVISION_RE = re.compile(rf"第[（(]?([{NUMERAL_CHARS}]+)[）)]?(条|款|项)")
# 2005年《信访条例》第二十一条, 原条例第十六条: the old text, not a provision of the 2022 regulation.
OLD_MENTION_RE = re.compile(r"(?:2005|二〇〇五|原《?信访条例|《信访条例》|原条例|旧条例)[^。；]{0,12}$")


def parse_provisions(text: str) -> list[str]:
    """The 2022 provisions an explanation cites, as Passage.where names: '第二十二条第一款第一项规定……；第二款规定'
    → ['第二十二条第（一）项', '第二十二条第二款']; an article named alone stands for its whole text
    ('第四十八条'). A 款 or 项 without its article belongs to the article named last; articles of the 2005
    regulation and the text's own cross-references (inside “”) are left out."""
    found: list[str] = []
    article = None
    matches = list(PROVISION_RE.finditer(text or ""))
    for index, match in enumerate(matches):
        try:
            number = parse_chinese_number(match.group(1))
        except ValueError:
            continue
        kind = match.group(2)
        before = text[:match.start()]
        if before.count("“") > before.count("”"):
            continue  # 本条例第二十条 inside a quotation is the text's own cross-reference
        if kind == "条":
            article = None if OLD_MENTION_RE.search(text[:match.start()]) else f"第{to_chinese_number(number)}条"
            following = matches[index + 1] if index + 1 < len(matches) else None
            if article and not (following and following.start() == match.end() and following.group(2) != "条"):
                found.append(article)
            continue
        if article is None:
            continue
        if kind == "款":
            following = matches[index + 1] if index + 1 < len(matches) else None
            if following and following.start() == match.end() and following.group(2) == "项":
                continue  # 第一款第一项: the 项 names the line
            found.append(f"{article}第{to_chinese_number(number)}款")
        else:
            found.append(f"{article}第（{to_chinese_number(number)}）项")
    return list(dict.fromkeys(found))
