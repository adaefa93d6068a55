"""Read a regulation in the project's layout into a model: Regulation → Chapter → Article → Paragraph → Item.

The layout (see sources/README.md): YAML front matter, `## 第X章 名称` headings, one paragraph per line, an
article's first paragraph starting `第X条` + U+3000, enumerated items on their own lines starting `（一）` or `(一)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError, display_path, read_text
from ..yamlfile import YamlMap, load_text
from .numerals import NUMERAL_CHARS, parse_chinese_number, to_chinese_number

FRONT_MATTER_KEYS = {
    "title", "issuer", "number", "approved", "adopted", "issued", "effective", "repealed_by",
    "chapters", "articles",
}

CHAPTER_RE = re.compile(rf"^##\s+第([{NUMERAL_CHARS}]+)章\s+(\S.*)$")
ARTICLE_RE = re.compile(rf"^第([{NUMERAL_CHARS}]+)条\u3000(.*)$")
# 2022 uses full-width brackets, 2005 half-width ones: both are items.
# How the last line of a regulation ends: a full stop, possibly inside a closing quotation mark.
SENTENCE_END = ("。", "。”", "！", "？")
ITEM_RE = re.compile(rf"^[（(]([{NUMERAL_CHARS}]+)[）)](.*)$")


@dataclass
class Item:
    number: int
    text: str  # the whole line, label included: "（六）不属于以上情形的……"
    line: int
    article: int = 0

    @property
    def label(self) -> str:
        return f"（{to_chinese_number(self.number)}）"

    @property
    def anchor(self) -> str:
        return f"article-{self.article}-{self.number}"


@dataclass
class Paragraph:
    text: str  # the whole line; the first paragraph of an article keeps its "第X条　" prefix
    line: int
    # A line between two items of one list continues the item before it and is no 款 of its own: 2005 第二十一条's
    # line between （三） and （四）, whose last paragraph says "按照前款第（二）项至第（四）项" (so it is 第二款).
    in_item: bool = False


@dataclass
class Article:
    number: int
    chapter: int
    line: int
    blocks: list[Paragraph | Item] = field(default_factory=list)  # in source order

    @property
    def label(self) -> str:
        return f"第{to_chinese_number(self.number)}条"

    @property
    def anchor(self) -> str:
        return f"article-{self.number}"

    @property
    def paragraphs(self) -> list[Paragraph]:
        """The article's 款, in order (a line inside a list counts with its item, see Paragraph.in_item)."""
        return [block for block in self.blocks if isinstance(block, Paragraph) and not block.in_item]

    @property
    def items(self) -> list[Item]:
        return [block for block in self.blocks if isinstance(block, Item)]

    def source_lines(self) -> list[str]:
        """The article's lines exactly as in the source, in order."""
        return [block.text for block in self.blocks]

    @property
    def text(self) -> str:
        """The article's wording without the leading 第X条 label, lines joined by newlines."""
        lines = self.source_lines()
        lines[0] = lines[0][len(self.label) + 1:]
        return "\n".join(lines)


@dataclass
class Chapter:
    number: int
    title: str
    line: int
    articles: list[Article] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"第{to_chinese_number(self.number)}章"

    @property
    def heading(self) -> str:
        return f"{self.label} {self.title}"


@dataclass
class Regulation:
    path: str
    meta: dict
    chapters: list[Chapter]
    # The front matter's end-of-line comments by key: approved → "中共中央政治局会议审议批准".
    meta_notes: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    @property
    def articles(self) -> list[Article]:
        return [article for chapter in self.chapters for article in chapter.articles]

    def article(self, number: int) -> Article:
        for article in self.articles:
            if article.number == number:
                return article
        raise KeyError(number)

    def chapter_of(self, article_number: int) -> Chapter:
        return self.chapters[self.article(article_number).chapter - 1]


def parse_regulation(path: str | Path) -> Regulation:
    """Read one regulation file; raise SourceError (file, line, reason) on the first malformed line."""
    path = Path(path)
    shown = display_path(path)
    lines = read_text(path).splitlines()
    meta, body_start = _read_front_matter(lines, shown)

    chapters: list[Chapter] = []
    article: Article | None = None
    for index in range(body_start, len(lines)):
        line_no = index + 1
        line = lines[index].rstrip()
        if not line.strip():
            continue

        def fail(reason: str, line_no: int = line_no) -> SourceError:
            return SourceError(shown, line_no, reason)

        if line.startswith("#"):
            match = CHAPTER_RE.match(line)
            if not match:
                raise fail(f"标题应为“## 第X章 名称”，实际为“{line}”")
            number = _number(match.group(1), fail)
            if number != len(chapters) + 1:
                raise fail(f"章序号不连续：应为第{to_chinese_number(len(chapters) + 1)}章，"
                           f"实际为第{match.group(1)}章")
            chapters.append(Chapter(number, match.group(2).strip(), line_no))
            article = None
            continue

        article_match = ARTICLE_RE.match(line)
        if article_match:
            if not chapters:
                raise fail(f"{line[:8]}… 出现在任何章标题之前：缺少“## 第X章”标题")
            number = _number(article_match.group(1), fail)
            expected = (article.number if article else _last_article_number(chapters)) + 1
            if number != expected:
                raise fail(f"条序号不连续：应为第{to_chinese_number(expected)}条，"
                           f"实际为第{article_match.group(1)}条")
            article = Article(number, chapters[-1].number, line_no, [Paragraph(line, line_no)])
            chapters[-1].articles.append(article)
            continue

        if article is None:
            if ITEM_RE.match(line):
                raise fail(f"项“{line[:12]}…”不在任何条之内")
            raise fail(f"正文“{line[:12]}…”不在任何条之内（条应以“第X条”加全角空格开头）")

        item_match = ITEM_RE.match(line)
        if item_match:
            item_number = _number(item_match.group(1), fail)
            # A list may be interrupted by a paragraph that belongs to its previous item (2005 第二十一条),
            # so numbering runs on across the article; （一） starts a new list.
            previous = article.items[-1].number if article.items else 0
            if item_number not in (1, previous + 1):
                raise fail(f"{article.label}的项序号不连续：应为（{to_chinese_number(previous + 1)}），"
                           f"实际为{line[:4]}")
            if item_number > 1 and len(article.blocks) >= 2 and isinstance(article.blocks[-1], Paragraph) \
                    and isinstance(article.blocks[-2], Item):
                article.blocks[-1].in_item = True
            article.blocks.append(Item(item_number, line, line_no, article.number))
        else:
            article.blocks.append(Paragraph(line, line_no))

    regulation = Regulation(shown, meta, chapters, _front_matter_notes(lines[:body_start]))
    _check_counts(regulation, lines, shown)
    _check_item_anchors(regulation)
    return regulation


def _front_matter_notes(lines: list[str]) -> dict[str, str]:
    """`key: value  # note` lines of the front matter → {key: note}; the notes say what a bare date means."""
    notes = {}
    for line in lines:
        match = re.match(r"^(\w+):[^#]*#\s*(\S.*)$", line)
        if match:
            notes[match.group(1)] = match.group(2).strip()
    return notes


def _read_front_matter(lines: list[str], shown: str) -> tuple[dict, int]:
    if not lines or lines[0].strip() != "---":
        raise SourceError(shown, 1, "文件应以 YAML 前置元数据（---）开头")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise SourceError(shown, 1, "前置元数据没有结束标记 ---") from None
    meta = load_text("\n".join(lines[1:end]), shown, first_line=2) or {}
    if not isinstance(meta, YamlMap):
        raise SourceError(shown, 2, "前置元数据应为“键: 值”形式")
    for key in meta:
        if key not in FRONT_MATTER_KEYS:
            allowed = "、".join(sorted(FRONT_MATTER_KEYS))
            raise SourceError(shown, meta.line_of(key), f"未知的前置元数据键“{key}”（允许：{allowed}）")
    return dict(meta), end + 1


def _number(text: str, fail) -> int:
    try:
        return parse_chinese_number(text)
    except ValueError as error:
        raise fail(str(error)) from None


def _last_article_number(chapters: list[Chapter]) -> int:
    for chapter in reversed(chapters):
        if chapter.articles:
            return chapter.articles[-1].number
    return 0


def _check_counts(regulation: Regulation, lines: list[str], shown: str) -> None:
    declared = {"chapters": len(regulation.chapters), "articles": len(regulation.articles)}
    for key, found in declared.items():
        expected = regulation.meta.get(key)
        if expected is not None and expected != found:
            what = "章" if key == "chapters" else "条"
            cut = "，文件可能不完整（被截断）" if isinstance(expected, int) and found < expected else ""
            raise SourceError(shown, len(lines), f"前置元数据声明 {key}: {expected}，实际读到 {found} {what}{cut}")
    articles = regulation.articles
    if articles:
        # Every article of a regulation ends with a full sentence; a copy cut inside the last article does not,
        # and the counts above cannot see it.
        last = articles[-1].blocks[-1]
        if not last.text.endswith(SENTENCE_END):
            raise SourceError(shown, last.line, f"文件在{articles[-1].label}中间结束：最后一行"
                                                f"“…{last.text[-12:]}”没有以句号结尾，文件可能被截断")
    for chapter in regulation.chapters:
        if not chapter.articles:
            raise SourceError(shown, chapter.line, f"{chapter.heading} 没有任何条文")


def _check_item_anchors(regulation: Regulation) -> None:
    for article in regulation.articles:
        anchors = [item.anchor for item in article.items]
        if len(anchors) != len(set(anchors)):
            # Two item lists in one article would need 款-level anchors; no text in our layout has one yet.
            raise SourceError(regulation.path, article.line, f"{article.label}有两组项，无法为项生成唯一锚点")
