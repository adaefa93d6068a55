"""Read and validate the curated study notes under study/: short titles, chapter guides, glossary, shorthand.

Every note is checked against the text it cites: the article (2022 or 2005) or notice section must exist, and
anything in “…” / 「…」 must be found in it, so a reader can trust a quotation without opening the article.
All problems are collected and raised together as SourceErrors, each naming file, line and entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import SourceError, SourceErrors
from ..texts.notice import Notice
from ..texts.regulation import Regulation
from ..yamlfile import line_of
from .notefile import (
    CitableTexts,
    NoteFile,
    article_label,
    chapter_label,
    check_articles,
    check_quotations,
    check_section,
    peek,
    value_of,
)

TITLES = "titles-2022.yml"
PREVIOUS_TITLES = "titles-2005.yml"
GUIDES = "guides.yml"
GLOSSARY = "glossary.yml"
SHORTHAND = "shorthand.yml"

GUIDE_FIELDS = {"chapter", "summary", "points", "notice"}
POINT_FIELDS = {"text", "articles"}
GUIDE_NOTICE_FIELDS = {"section", "text"}
TERM_FIELDS = {"term", "definition", "articles", "notice"}
SHORTHAND_FIELDS = {"phrase", "articles", "section", "note", "not_in"}

# Characters a glossary term may not contain: Markdown/HTML/attr_list syntax (the term is a heading and an anchor).
TERM_REFUSED = set("<>{}[]#&\"'`|*_\\!")


@dataclass
class Point:
    text: str
    articles: list[int]
    line: int


@dataclass
class GuideNotice:
    section: str  # notice section key, e.g. "二（四）"
    text: str
    line: int


@dataclass
class Guide:
    chapter: int
    summary: str
    points: list[Point]
    notice: list[GuideNotice]
    line: int


@dataclass
class Term:
    term: str
    definition: str
    articles: list[int]
    notice: list[str]  # notice section keys
    line: int


@dataclass
class Shorthand:
    phrase: str  # verbatim in the notice
    articles: list[int]
    section: str  # where it first appears in the notice
    note: str
    line: int
    # Longer notice wordings that contain the phrase but do not mean it (a campaign name such as
    # 信访矛盾源头治理多元化解创新年): the phrase is not linked inside them.
    not_in: tuple[str, ...] = ()


@dataclass
class StudyNotes:
    titles: dict[int, str]  # 2022 article number → short title
    previous_titles: dict[int, str]  # 2005 article number → short title
    guides: list[Guide] = field(default_factory=list)
    glossary: list[Term] = field(default_factory=list)
    shorthand: list[Shorthand] = field(default_factory=list)

    def guide(self, chapter: int) -> Guide:
        for guide in self.guides:
            if guide.chapter == chapter:
                return guide
        raise KeyError(chapter)


def load_study(folder: str | Path, regulation: Regulation, previous_regulation: Regulation | None,
               notice: Notice | None) -> StudyNotes:
    """Read study/*.yml and check every note against the texts; raise SourceErrors listing every problem.

    Without a previous regulation its short titles are not read; without a notice the shorthand file is not
    read, and a note citing a notice section is an error."""
    folder = Path(folder)
    errors: list[SourceError] = []
    texts = CitableTexts(regulation, notice)
    titles = _read_titles(folder / TITLES, regulation, errors)
    previous_titles = (_read_titles(folder / PREVIOUS_TITLES, previous_regulation, errors)
                       if previous_regulation else {})
    guides = _read_guides(folder / GUIDES, texts, errors)
    glossary = _read_glossary(folder / GLOSSARY, texts, errors)
    shorthand = _read_shorthand(folder / SHORTHAND, texts, errors) if notice else []
    if errors:
        # In file order, and by line within a file, so an author can work down each file.
        files = list(dict.fromkeys(error.path for error in errors))
        errors.sort(key=lambda e: (files.index(e.path), e.line is None, e.line or 0))
        raise SourceErrors(errors)
    return StudyNotes(titles, previous_titles, guides, glossary, shorthand)


def _read_titles(path: Path, regulation: Regulation, errors: list[SourceError]) -> dict[int, str]:
    file = NoteFile(path, errors)
    root = file.load()
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        file.error(root, "短标题", "文件应为“条号: 短标题”形式的映射")
        return {}
    existing = {article.number for article in regulation.articles}
    titles: dict[int, str] = {}
    seen: dict[str, int] = {}
    reported: set[int] = set()  # present but refused: not also "missing"
    for key_node, value_node in root.value:
        number = value_of(key_node)
        if not isinstance(number, int) or isinstance(number, bool):
            file.error(key_node, f"“{key_node.value}”", "键应为阿拉伯数字条号，如 17")
            continue
        entry = article_label(number)
        if number not in existing:
            file.error(key_node, entry, f"《{regulation.title}》没有这一条（共 {len(existing)} 条）")
            continue
        if number in titles or number in reported:
            file.error(key_node, entry, "短标题重复给出")
            continue
        title = file.text(value_node, entry, "短标题")
        if title is None:
            reported.add(number)
            continue
        if title in seen:
            file.error(value_node, entry, f"短标题“{title}”与{article_label(seen[title])}重复")
            reported.add(number)
            continue
        seen[title] = number
        titles[number] = title
    for number in sorted(existing - titles.keys() - reported):
        file.error(None, article_label(number), f"缺少短标题（《{regulation.title}》每条都要有）")
    return dict(sorted(titles.items()))


def _read_guides(path: Path, texts: CitableTexts, errors: list[SourceError]) -> list[Guide]:
    file = NoteFile(path, errors)
    chapters = {chapter.number: chapter for chapter in texts.regulation.chapters}
    guides: list[Guide] = []
    attempted: set[int] = set()  # chapters with a guide, even a refused one
    root = file.load()
    for index, node in enumerate(file.sequence(root, "导读"), 1):
        number = peek(node, "chapter")
        known = isinstance(number, int) and not isinstance(number, bool)
        entry = f"{chapter_label(number)}导读" if known and number > 0 else f"导读{index}"
        fields = file.fields(node, entry, GUIDE_FIELDS, {"chapter", "summary", "points"})
        if fields is None:
            continue
        if not known or number not in chapters:
            file.error(fields["chapter"], entry,
                       f"chapter 应为 1 至 {len(chapters)} 的章号，实际为“{fields['chapter'].value}”")
            continue
        if number in attempted:
            file.error(node, entry, "本章的导读重复（每章只能有一篇）")
            continue
        attempted.add(number)
        chapter_sources = {article.label: article.text for article in chapters[number].articles}
        summary = file.text(fields["summary"], entry, "summary")
        if summary:
            check_quotations(file, fields["summary"], f"{entry}·summary", summary, chapter_sources)
        points = []
        for index, point_node in enumerate(file.sequence(fields["points"], f"{entry}·points"), 1):
            point = _read_point(file, point_node, f"{entry}·要点{index}", texts)
            if point:
                points.append(point)
        if not fields["points"].value:
            file.error(fields["points"], entry, "points 至少要有一条")
        notes = []
        for index, note_node in enumerate(file.sequence(fields.get("notice"), f"{entry}·notice"), 1):
            note = _read_guide_notice(file, note_node, f"{entry}·通知{index}", texts)
            if note:
                notes.append(note)
        guides.append(Guide(number, summary or "", points, notes, line_of(node)))
    if isinstance(root, yaml.SequenceNode):
        for number in sorted(chapters.keys() - attempted):
            file.error(None, f"{chapter_label(number)}导读", "缺少：每章都要有一篇导读")
    return sorted(guides, key=lambda guide: guide.chapter)


def _read_point(file: NoteFile, node: yaml.Node, entry: str, texts: CitableTexts) -> Point | None:
    fields = file.fields(node, entry, POINT_FIELDS, POINT_FIELDS)
    if fields is None:
        return None
    text = file.text(fields["text"], entry, "text")
    numbers = file.numbers(fields["articles"], entry, "articles")
    if text is None or numbers is None:
        return None
    sources = check_articles(file, fields["articles"], entry, numbers, texts)
    if len(sources) == len(numbers):
        check_quotations(file, fields["text"], entry, text, sources)
    return Point(text, numbers, line_of(node))


def _read_guide_notice(file: NoteFile, node: yaml.Node, entry: str, texts: CitableTexts) -> GuideNotice | None:
    fields = file.fields(node, entry, GUIDE_NOTICE_FIELDS, GUIDE_NOTICE_FIELDS)
    if fields is None:
        return None
    key = file.text(fields["section"], entry, "section")
    text = file.text(fields["text"], entry, "text")
    if key is None or text is None:
        return None
    sources = check_section(file, fields["section"], entry, key, texts)
    if sources:
        check_quotations(file, fields["text"], entry, text, sources)
    return GuideNotice(key, text, line_of(node))


def _read_glossary(path: Path, texts: CitableTexts, errors: list[SourceError]) -> list[Term]:
    file = NoteFile(path, errors)
    terms: list[Term] = []
    for index, node in enumerate(file.sequence(file.load(), "术语"), 1):
        name = peek(node, "term")
        entry = f"术语“{name}”" if isinstance(name, str) and name.strip() else f"术语{index}"
        fields = file.fields(node, entry, TERM_FIELDS, {"term", "definition", "articles"})
        if fields is None:
            continue
        name = file.text(fields["term"], entry, "term")
        if name is None:
            continue
        refused = sorted({char for char in name if char in TERM_REFUSED})
        if refused:
            # A term is also its heading's anchor and a search result title: markup characters break both.
            file.error(fields["term"], entry, f"术语不能含有符号 {' '.join(refused)}（术语同时是标题和页面锚点）")
            continue
        if any(term.term == name for term in terms):
            file.error(fields["term"], entry, "术语重复")
            continue
        definition = file.text(fields["definition"], entry, "definition")
        numbers = file.numbers(fields["articles"], entry, "articles")
        keys = value_of(fields["notice"]) if "notice" in fields else []
        if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
            file.error(fields["notice"], entry, "notice 应为通知部分的列表，如 [\"二（四）\"]")
            keys = None
        if definition is None or numbers is None or keys is None:
            continue
        sources = check_articles(file, fields["articles"], entry, numbers, texts)
        complete = len(sources) == len(numbers)
        for key in keys:
            found = check_section(file, fields["notice"], entry, key, texts)
            complete = complete and bool(found)
            sources.update(found)
        if complete:
            check_quotations(file, fields["definition"], entry, definition, sources)
        terms.append(Term(name, definition, numbers, keys, line_of(node)))
    return terms


def _read_shorthand(path: Path, texts: CitableTexts, errors: list[SourceError]) -> list[Shorthand]:
    file = NoteFile(path, errors)
    entries: list[Shorthand] = []
    for index, node in enumerate(file.sequence(file.load(), "简称"), 1):
        phrase = peek(node, "phrase")
        entry = f"简称“{phrase}”" if isinstance(phrase, str) and phrase.strip() else f"简称{index}"
        fields = file.fields(node, entry, SHORTHAND_FIELDS, {"phrase", "articles", "section"})
        if fields is None:
            continue
        phrase = file.text(fields["phrase"], entry, "phrase")
        if phrase is None:
            continue
        if any(item.phrase == phrase for item in entries):
            file.error(fields["phrase"], entry, "简称重复")
            continue
        numbers = file.numbers(fields["articles"], entry, "articles")
        key = file.text(fields["section"], entry, "section")
        note = file.text(fields["note"], entry, "note") if "note" in fields else ""
        if numbers is None or key is None or note is None:
            continue
        # Exact, not normalised: the notice page links the phrase where it stands, character for character.
        if phrase not in texts.notice_text:
            file.error(fields["phrase"], entry, "通知原文中没有这几个字（须逐字摘自通知）")
        elif key in texts.sections and phrase not in texts.sections[key]:
            file.error(fields["section"], entry, f"通知{key}中没有“{phrase}”")
        sources = check_articles(file, fields["articles"], entry, numbers, texts)
        check_section(file, fields["section"], entry, key, texts)
        if note and len(sources) == len(numbers):
            check_quotations(file, fields["note"], entry, note, sources)
        not_in = _not_in(file, fields.get("not_in"), entry, phrase, texts)
        entries.append(Shorthand(phrase, numbers, key, note, line_of(node), not_in))
    return entries


def _not_in(file: NoteFile, node, entry: str, phrase: str, texts: CitableTexts) -> tuple[str, ...]:
    """not_in: [longer notice wording, …]: each must contain the phrase and stand verbatim in the notice.
    Errors go to `file`; the wordings that pass are returned."""
    if node is None:
        return ()
    value = value_of(node)
    if not isinstance(value, list) or not value or not all(isinstance(item, str) for item in value):
        file.error(node, entry, "not_in应为通知原文中包含该简称的较长说法的列表，如 [信访矛盾源头治理多元化解创新年]")
        return ()
    kept = []
    for wording in value:
        if phrase not in wording or wording == phrase:
            file.error(node, entry, f"not_in中的“{wording}”应比“{phrase}”长并包含它")
        elif wording not in texts.notice_text:
            file.error(node, entry, f"not_in中的“{wording}”不在通知原文中（须逐字摘自通知）")
        else:
            kept.append(wording)
    return tuple(kept)
