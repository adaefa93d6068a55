"""Pure functions: study notes → Markdown pages (guides, glossary) and the notice's shorthand links.

Links go to .md files relative to the page they stand on, so MkDocs resolves them in both URL modes and
checks them under --strict (see pages.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..markdown import front_matter, text
from ..markdown import heading as md_heading
from ..texts.notice import Notice
from ..texts.pages import (
    article_heading,
    article_link,
    chapter_path,
    escape,
    notice_anchor,
    relative,
)
from ..texts.regulation import Article, Regulation
from .deadlines import find_time_limits
from .notes import StudyNotes

NOTICE_PAGE = "notice.md"
GLOSSARY_PAGE = "aids/glossary.md"
GUIDE_INDEX_PAGE = "guide/index.md"


def guide_path(chapter_number: int) -> str:
    return f"guide/chapter-{chapter_number}.md"


def practice_path(chapter_number: int) -> str:
    return f"practice/chapter-{chapter_number}.md"


def notice_link(key: str, from_path: str) -> str:
    target = relative(from_path, NOTICE_PAGE)
    anchor = notice_anchor(key)
    return f"{target}#{anchor}" if anchor else target


def term_anchor(term: str) -> str:
    return "term-" + re.sub(r"\s+", "", term)


def first_sentence(article: Article) -> str:
    """The article's opening up to its first 。; an opening that introduces items (…：) is kept whole and says
    how many items follow (……下列原则：（共5项）), so that it does not read as cut off."""
    lines = article.text.split("\n")
    opening = lines[0]
    end = opening.find("。")
    if end >= 0:
        return opening[:end + 1]
    if opening.endswith("："):
        items = 0
        for line in lines[1:]:
            if not line.startswith("（"):
                break
            items += 1
        if items:
            return f"{opening}（共{items}项）"
    return opening


def render_guide_page(chapter_number: int, notes: StudyNotes, regulation: Regulation, notice: Notice | None,
                      time_limits: list | None = None, practice: bool = True) -> str:
    """guide/chapter-N.md (章节导读): summary, key points, the chapter's articles, its time limits and
    numbers, what the county notice says about it (when there is a notice), and the way to practise (when
    `practice`, i.e. the site has question banks).

    `time_limits` are study.deadlines TimeLimits for the whole regulation (by default found in it).
    """
    page = guide_path(chapter_number)
    chapter = regulation.chapters[chapter_number - 1]
    guide = notes.guide(chapter_number)
    text_link = relative(page, chapter_path(chapter_number))
    practice_link = relative(page, practice_path(chapter_number))
    lines = [
        *front_matter(f"{chapter.label}导读：{chapter.title}"),
        md_heading(1, f"{chapter.heading} 导读"),
        "",
        text(guide.summary),
        "",
        f"[阅读{chapter.label}全文]({text_link})"
        + (f"　·　[做{chapter.label}练习]({practice_link})" if practice else ""),
        "{: .xf-guide-links }",
        "",
        "## 要点 {: #points }",
        "",
    ]
    for point in guide.points:
        links = "、".join(_article_ref(regulation, number, page) for number in point.articles)
        lines.append(f"1. {text(point.text)}（{links}）")
    lines += ["", "## 本章条文 {: #articles }", ""]
    for article in chapter.articles:
        heading = escape(article_heading(article, notes.titles))
        link = article_link(regulation, article.number, page)
        lines.append(f"- [{heading}]({link})：{escape(first_sentence(article))}")
    lines.append("")

    if time_limits is None:
        time_limits = find_time_limits(regulation)
    lines += ["## 本章的时限和数字 {: #numbers }", ""]
    in_chapter = [limit for limit in time_limits
                  if regulation.article(limit.article).chapter == chapter_number]
    for limit in in_chapter:
        # A sentence from an article's first line still carries its "第X条　" label.
        sentence = limit.sentence.removeprefix(regulation.article(limit.article).label + "\u3000")
        stage = f"（{escape(limit.stage)}）" if limit.stage else ""
        article = regulation.article(limit.article)
        reference = f"[{article.label}{limit.where}]({article_link(regulation, limit.article, page)})"
        lines.append(f"- **{escape(limit.phrase)}**{stage}：{escape(sentence)}（{reference}）")
    if not in_chapter:
        lines.append("本章没有规定期限、人数等数字。")
    lines.append("")

    phrases = [entry for entry in notes.shorthand
               if regulation.article(entry.articles[0]).chapter == chapter_number]
    if notice is None:
        phrases = []
    if (guide.notice and notice) or phrases:
        lines += ["## 县通知怎么说 {: #notice }", ""]
    for entry in guide.notice if notice else []:
        lines.append(f"- [通知{escape(entry.section)}]({notice_link(entry.section, page)})："
                     f"{text(entry.text)}")
    if guide.notice and notice:
        lines.append("")
    if phrases:
        lines += ["通知中指向本章的提法："
                  + "；".join(f"[{escape(entry.phrase)}]({notice_link(entry.section, page)})"
                             f"（{_article_ref(regulation, entry.articles[0], page)}）"
                             for entry in phrases) + "。", ""]

    if practice:
        lines += ["## 练一练 {: #practice }", "",
                  f"学完本章，可以到[{chapter.label}分章练习]({practice_link})检验一下。", ""]
    return "\n".join(lines)


def render_guide_index(notes: StudyNotes, regulation: Regulation) -> str:
    """guide/index.md: every chapter with its summary."""
    lines = ["# 章节导读", "",
             (f"《{escape(regulation.title)}》共 {len(regulation.chapters)} 章。每章导读包括内容提要、要点、"
              "逐条概览、时限和数字、县通知的解读以及分章练习入口。"), ""]
    for chapter in regulation.chapters:
        guide = notes.guide(chapter.number)
        first, last = chapter.articles[0], chapter.articles[-1]
        lines += [
            f"## [{escape(chapter.heading)}]({relative(GUIDE_INDEX_PAGE, guide_path(chapter.number))})",
            "",
            text(guide.summary),
            "",
            (f"{first.label}至{last.label}，共 {len(chapter.articles)} 条　·　"
             f"[条文]({relative(GUIDE_INDEX_PAGE, chapter_path(chapter.number))})"),
            "",
        ]
    return "\n".join(lines)


def render_glossary_page(notes: StudyNotes, regulation: Regulation) -> str:
    """aids/glossary.md (术语): each term its own heading, so search lists it as its own result.

    Ordered by the first article each term cites (pinyin order needs a dictionary the site does not ship),
    which follows the order of the regulation itself.
    """
    page = GLOSSARY_PAGE
    terms = sorted(notes.glossary, key=lambda term: term.articles[0])
    lines = [
        *front_matter("术语"),
        "# 术语",
        "",
        f"条例用语和县通知中的概称，共 {len(terms)} 个，按所对应的第一条条文排序。",
        "",
        "　".join(f"[{escape(term.term)}](#{term_anchor(term.term)})" for term in terms),
        "{: .xf-glossary-index }",
        "",
    ]
    for term in terms:
        lines += [f"## {escape(term.term)} {{: #{term_anchor(term.term)} }}", "", text(term.definition), ""]
        refs = ["条文：" + "、".join(_article_ref(regulation, number, page, notes.titles)
                                    for number in term.articles)]
        if term.notice:
            refs.append("县通知：" + "、".join(f"[{escape(key)}]({notice_link(key, page)})"
                                              for key in term.notice))
        lines += ["　".join(refs), "{: .xf-term-refs }", ""]
    return "\n".join(lines)


def link_shorthand(notes: StudyNotes, regulation: Regulation,
                   from_path: str = NOTICE_PAGE) -> Callable[[str], str]:
    """A `link_phrases` for pages.render_notice: escape a notice paragraph and link every shorthand phrase
    in it to the first article it stands for (the others are named in the link's title).

    The visible characters stay exactly the notice's own; longer phrases win where phrases overlap
    (具体履行七项职责 over a bare 七项职责). A wording listed in an entry's `not_in` (信访矛盾源头治理多元化解创新年)
    is matched like a longer phrase and left unlinked, so the shorter phrase inside it is not linked either.
    """
    entries = {entry.phrase: entry for entry in notes.shorthand}
    if not entries:
        return escape
    unlinked = {wording for entry in notes.shorthand for wording in entry.not_in} - set(entries)
    pattern = re.compile("|".join(re.escape(phrase)
                                  for phrase in sorted(set(entries) | unlinked, key=len, reverse=True)))

    def link(text: str) -> str:
        out, position = [], 0
        for match in pattern.finditer(text):
            if match.group() in unlinked:
                continue  # stays in the escaped run before the next link
            # escape() also escapes `!`, which right before `[` would make an image.
            out.append(escape(text[position:match.start()]))
            entry = entries[match.group()]
            target = article_link(regulation, entry.articles[0], from_path)
            title = _link_title(regulation, entry.articles, notes.titles, entry.note)
            out.append(f'[{escape(match.group())}]({target} "{title}"){{: .xf-shorthand }}')
            position = match.end()
        out.append(escape(text[position:]))
        return "".join(out)

    return link


def _article_ref(regulation: Regulation, number: int, from_path: str,
                 titles: dict[int, str] | None = None) -> str:
    article = regulation.article(number)
    text = escape(article_heading(article, titles)) if titles else article.label
    return f"[{text}]({article_link(regulation, number, from_path)})"


def _link_title(regulation: Regulation, numbers: list[int], titles: dict[int, str], note: str) -> str:
    named = "、".join(article_heading(regulation.article(number), titles) for number in numbers)
    title = f"{named}：{note}" if note else named
    # Inside a Markdown link title: no ASCII quotes or brackets, no HTML.
    return title.translate(str.maketrans({'"': "＂", "(": "（", ")": "）", "<": "＜", ">": "＞",
                                          "\\": "＼", "&": "＆", "\n": " "}))
