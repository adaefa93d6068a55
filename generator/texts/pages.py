"""Pure functions: model → Markdown pages. Links are written to .md files so MkDocs resolves them for both the
served site (clean URLs) and the offline bundle (.html files), and checks them under --strict."""

from __future__ import annotations

import re

from ..markdown import escape, front_matter, heading
from .crossrefs import CrossReference, cited_by
from .notice import Notice, NoticeSection
from .regulation import Article, Item, Regulation

# Parts of the notice that render_notice gives no heading, and so no anchor: links go to the page itself.
NOTICE_PARTS_WITHOUT_ANCHOR = {"文头", "导语", "结语", "落款"}


def notice_anchor(key: str) -> str | None:
    """The anchor of a notice section on notice.md: "二（四）" → "notice-二-四"; None for 文头/导语/结语/落款."""
    if key in NOTICE_PARTS_WITHOUT_ANCHOR:
        return None
    return "notice-" + key.replace("（", "-").replace("）", "")


def chapter_path(chapter_number: int) -> str:
    return f"regulation/chapter-{chapter_number}.md"


def article_link(regulation: Regulation, number: int, from_path: str, anchor: str | None = None) -> str:
    """Relative Markdown link target from page `from_path` to an article (or one of its items)."""
    target = chapter_path(regulation.article(number).chapter)
    return f"{relative(from_path, target)}#{anchor or f'article-{number}'}"


def relative(from_path: str, to_path: str) -> str:
    from_parts = from_path.split("/")[:-1]
    to_parts = to_path.split("/")
    common = 0
    while common < min(len(from_parts), len(to_parts) - 1) and from_parts[common] == to_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:])


def article_heading(article: Article, titles: dict[int, str]) -> str:
    title = titles.get(article.number)
    return f"{article.label} {title}" if title else article.label


def render_regulation_index(regulation: Regulation, titles: dict[int, str]) -> str:
    lines = [
        heading(1, f"《{regulation.title}》全文"),
        "",
        escape(_meta_line(regulation)),
        "",
    ]
    for chapter in regulation.chapters:
        link = relative("regulation/index.md", chapter_path(chapter.number))
        first, last = chapter.articles[0], chapter.articles[-1]
        lines += [f"## [{escape(chapter.heading)}]({link})", "",
                  f"{first.label}至{last.label}，共 {len(chapter.articles)} 条。", ""]
        for article in chapter.articles:
            lines.append(f"- [{escape(article_heading(article, titles))}]({link}#{article.anchor}){{: .xf-index-link }}")
        lines.append("")
    return "\n".join(lines)


def _meta_line(regulation: Regulation) -> str:
    meta = regulation.meta
    parts = []
    if meta.get("issuer"):
        parts.append(f"{meta['issuer']}发布")
    if meta.get("approved"):
        parts.append(_chinese_date(meta["approved"]) + regulation.meta_notes.get("approved", "审议批准"))
    if meta.get("issued"):
        parts.append(f"{_chinese_date(meta['issued'])}印发")
    if meta.get("effective"):
        parts.append(f"{_chinese_date(meta['effective'])}起施行")
    parts.append(f"共 {len(regulation.chapters)} 章 {len(regulation.articles)} 条")
    return "，".join(parts) + "。"


def _chinese_date(value) -> str:
    text = str(value)
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not match:
        return text
    year, month, day = match.groups()
    return f"{year}年{int(month)}月{int(day)}日"


def render_chapter(regulation: Regulation, chapter_number: int, titles: dict[int, str],
                   references: list[CrossReference], extras: dict[int, list[str]] | None = None,
                   intro: list[str] | None = None) -> str:
    """One chapter: every article as an `## 第X条 短标题` section with anchor article-N, items anchored
    article-N-K, cross-references linked, and a note of the articles that cite this one.

    `extras` maps an article number to extra Markdown lines (study links) placed in the article's meta block;
    `intro` is Markdown placed under the chapter heading.
    """
    chapter = regulation.chapters[chapter_number - 1]
    page = chapter_path(chapter_number)
    citing = cited_by(references)
    # The law itself ranks above the study pages that quote it (guides, aids) in search results.
    lines = [*front_matter(search={"boost": 2}), heading(1, chapter.heading), "", *(intro or []), ""]
    for article in chapter.articles:
        lines += [f"## {escape(article_heading(article, titles))} {{: #{article.anchor} }}", ""]
        for block in article.blocks:
            text = _link_references(regulation, block.text, article.number, references, page)
            if block is article.blocks[0]:
                label = article.label
                text = f"**{label}**" + text[len(label):]
            lines.append(text)
            if isinstance(block, Item):
                lines.append(f"{{: #{block.anchor} .xf-item }}")
            lines.append("")
        meta = []
        if citing.get(article.number):
            links = "、".join(f"[{regulation.article(n).label}]({article_link(regulation, n, page)})"
                             for n in citing[article.number])
            meta.append(f"本条被{links}引用。")
        meta += (extras or {}).get(article.number, [])
        if meta:
            lines += [" ".join(meta), "{: .xf-article-meta }", ""]
    return "\n".join(lines)


def _link_references(regulation: Regulation, line: str, article_number: int,
                     references: list[CrossReference], page: str) -> str:
    """Escape a source line and turn its cross-references into links."""
    in_line = sorted((r for r in references if r.source == article_number and r.line == line),
                     key=lambda r: r.start)
    out, position = [], 0
    for reference in in_line:
        out.append(escape(line[position:reference.start]))
        anchor = f"article-{reference.target}-{reference.item}" if reference.item else None
        target = article_link(regulation, reference.target, page, anchor)
        out.append(f"[{escape(reference.text)}]({target}){{: .xf-xref }}")
        position = reference.start + len(reference.text)
    out.append(escape(line[position:]))
    return "".join(out)


def render_notice(notice: Notice, link_phrases=None) -> str:
    """The county notice laid out like the official document.

    `link_phrases(text) -> markdown` may turn shorthand phrases into article links; by default text is escaped.
    """
    render = link_phrases or escape
    lines = [
        *front_matter("县通知：" + notice.title),
        '<div class="xf-notice" markdown>',
        "",
        f"{escape(notice.header)}",
        "{: .xf-notice-header }",
        "",
        f"{escape(notice.number)}",
        "{: .xf-notice-number }",
        "",
        heading(1, notice.title, ".xf-notice-title"),
        "",
        f"{escape(notice.addressees)}",
        "{: .xf-notice-to }",
        "",
    ]
    for paragraph in notice.preamble:
        lines += [render(paragraph), "", ]
    for section in notice.sections:
        lines += _render_notice_section(section, render)
    for paragraph in notice.closing:
        lines += [render(paragraph), ""]
    lines += [
        f"{escape(notice.signature)}<br>{escape(notice.date)}",
        "{: .xf-notice-signature }",
        "",
        f"{escape(notice.print_issuer)}　　{escape(notice.print_date)}印发",
        "{: .xf-notice-print }",
        "",
        "</div>",
        "",
    ]
    return "\n".join(lines)


def _render_notice_section(section: NoticeSection, render) -> list[str]:
    lines = [f"## {escape(section.label + section.title)} {{: #{notice_anchor(section.key)} }}", ""]
    for paragraph in section.paragraphs:
        lines += [render(paragraph), ""]
    for sub in section.subsections:
        body = render(sub.paragraphs[0]) if sub.paragraphs else ""
        lines += [f"**{escape(sub.label + sub.title)}**{body}",
                  f"{{: #{notice_anchor(sub.key)} .xf-notice-sub }}", ""]
        for paragraph in sub.paragraphs[1:]:
            lines += [render(paragraph), ""]
    for paragraph in section.closing:
        lines += [render(paragraph), ""]
    return lines
