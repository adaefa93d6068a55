"""The documents the search box finds, taken from the project model (not from the built HTML).

One document per article, per notice section and subsection (plus the notice's head and tail), per glossary
term and per chapter guide. Practice pages, questions and the other aids are left out on purpose: a learner
searching the law wants the law, and quiz text would crowd it out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..study.pages import GLOSSARY_PAGE, NOTICE_PAGE, guide_path, term_anchor
from ..texts.notice import Notice, NoticeSection
from ..texts.pages import chapter_path, notice_anchor

LAW = ("article", "notice")  # the official texts; "term" and "guide" are our study aids


@dataclass
class SearchDoc:
    kind: str  # "article" | "notice" | "term" | "guide"
    location: str  # site-relative URL, anchor included: regulation/chapter-4/#article-35
    title: str  # what the result list shows: 第三十五条 复查
    text: str  # the searchable and quotable body, lines joined with \n
    number: int = 0  # the article number (articles only)
    chapter: str = ""  # 第四章 信访事项的办理 (articles only)


def collect_documents(project, url_for: Callable[[str], str | None]) -> list[SearchDoc]:
    """Every search document of `project` (a generator.site.Project), law first, in reading order.

    `url_for("regulation/chapter-4.md")` gives that page's site-relative URL (it depends on
    use_directory_urls, so the plugin supplies it), or None when the site has no such page; the notice and
    the study notes are optional inputs, and without them their documents are left out."""
    docs = article_documents(project, url_for)
    notice_page = url_for(NOTICE_PAGE)
    if project.notice and notice_page is not None:
        docs += notice_documents(project.notice, notice_page)
    glossary = url_for(GLOSSARY_PAGE)
    if project.notes and glossary is not None:
        docs += [SearchDoc("term", f"{glossary}#{term_anchor(term.term)}", term.term, term.definition)
                 for term in project.notes.glossary]
    if project.notes:
        docs += guide_documents(project, url_for)
    return docs


def article_documents(project, url_for) -> list[SearchDoc]:
    docs = []
    for chapter in project.regulation.chapters:
        page = url_for(chapter_path(chapter.number))
        for article in chapter.articles:
            title = f"{article.label} {project.titles.get(article.number, '')}".strip()
            docs.append(SearchDoc("article", f"{page}#{article.anchor}", title, article.text,
                                  article.number, chapter.heading))
    return docs


def notice_documents(notice: Notice, page: str) -> list[SearchDoc]:
    """The head (文头 + 导语), each numbered section (its own paragraphs), each subsection, the tail."""
    docs = [SearchDoc("notice", page, f"县通知：{notice.title}",
                      "\n".join([notice.header, notice.number, notice.addressees, *notice.preamble]))]
    for section in notice.sections:
        docs.append(_notice_section(section, page, [*section.paragraphs, *section.closing]))
        docs += [_notice_section(sub, page, sub.paragraphs) for sub in section.subsections]
    docs.append(SearchDoc("notice", page, "县通知：结语和落款",
                          "\n".join([*notice.closing, notice.signature, notice.date])))
    return docs


def _notice_section(section: NoticeSection, page: str, paragraphs: list[str]) -> SearchDoc:
    title = f"县通知{section.key}：{section.title}"
    return SearchDoc("notice", f"{page}#{notice_anchor(section.key)}", title, "\n".join(paragraphs))


def guide_documents(project, url_for) -> list[SearchDoc]:
    docs = []
    for guide in project.notes.guides:
        chapter = project.regulation.chapters[guide.chapter - 1]
        page = url_for(guide_path(guide.chapter))
        if page is None:
            continue
        lines = [guide.summary, *(point.text for point in guide.points),
                 *(entry.text for entry in guide.notice)]
        docs.append(SearchDoc("guide", page,
                              f"{chapter.label}导读：{chapter.title}", "\n".join(lines)))
    return docs
