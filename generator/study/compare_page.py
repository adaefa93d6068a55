"""The 新旧对照 page (aids/compare.md): a Comparison from study.compare rendered side by side, with
character-level <del>/<ins> marks and the paragraphs that moved between articles."""

from __future__ import annotations

import html
import unicodedata
from difflib import SequenceMatcher

from ..markdown import front_matter, text
from ..texts.numerals import to_chinese_number
from ..texts.pages import article_heading, article_link, escape
from ..texts.regulation import Regulation
from . import AIDS_SEARCH
from .compare import (
    ADDED,
    ATTACH_MIN,
    COVER_RUN,
    KEPT_MIN,
    MIN_EQUAL_RUN,
    PAGE,
    PAIR_MIN,
    SLUGS,
    STATUSES,
    Comparison,
    Pair,
)


def render_compare_page(comparison: Comparison, old_titles: dict[int, str], new_titles: dict[int, str],
                        page: str = PAGE) -> str:
    """The 新旧对照 page: summary counts, the list of new 2022 articles, then every row side by side with
    character-level <del>/<ins> marks; every article of both texts appears in exactly one row."""
    old, new = comparison.old, comparison.new
    counts = comparison.counts()
    old_year, new_year = _year(old), _year(new)
    lines = [
        *front_matter(search=AIDS_SEARCH),
        "# 新旧对照",
        "",
        (f"每组对照先列 {old_year} 年《{escape(old.title)}》（{len(old.articles)} 条，宽屏在左栏），后列 {new_year} 年"
         f"《{escape(new.title)}》（{len(new.articles)} 条，宽屏在右栏，手机上在下方）。条文按文字相似度自动对应，并经人工确认和改对；"
         "<del>删去的文字</del>、<ins>新增的文字</ins>按字标出。"),
        "",
        "## 概览 {: #compare-summary }",
        "",
        '<div class="xf-compare-summary" markdown>',
        "",
        f"| 类别 | 对照组 | {old_year} 条数 | {new_year} 条数 |",
        "| --- | --- | --- | --- |",
    ]
    for status in STATUSES:
        rows = [p for p in comparison.pairs if p.status == status]
        lines.append(f"| {status} | {counts[status]} | {sum(len(p.old) for p in rows)} "
                     f"| {sum(len(p.new) for p in rows)} |")
    lines += [
        f"| 合计 | {len(comparison.pairs)} | {len(old.articles)} | {len(new.articles)} |",
        "",
        "</div>",
        "",
        (f"相似度 = 两段文字（去掉标点和空白）中按顺序对得上的字数 × 2 ÷ 两段的总字数：≥ {KEPT_MIN:.0%} "
         f"记为基本沿用，其余为修改（人工确认的对应按内容改判的，在说明中写明，如旧第二十条增加“毁坏财物”记为修改）；自动对应要求相似度 ≥ {PAIR_MIN:.0%}，或一条有 {ATTACH_MIN:.0%} "
         f"以上的文字（连续 {COVER_RUN} 字以上的片段）见于另一条（一条拆为多条、多条并为一条）。"),
        "{: .xf-compare-method }",
        "",
    ]
    lines += _render_added(comparison, new_titles, new_year)
    lines += ["## 逐条对照 {: #compare-rows }", ""]
    chapter = None
    for pair in comparison.pairs:
        if pair.new:
            number = new.article(pair.new[0]).chapter
            if number != chapter:
                chapter = number
                heading = new.chapters[number - 1].heading
                lines += [f"### {new_year} {escape(heading)} {{: #compare-chapter-{number} }}", ""]
        elif chapter != 0:
            chapter = 0
            lines += [f"## {old_year} 年条文未整条沿用 {{: #compare-removed }}", ""]
        lines += _render_pair(pair, comparison, old_titles, new_titles, page)
    return "\n".join(lines)


def _year(regulation: Regulation) -> str:
    return str(regulation.meta.get("issued", ""))[:4]


def _render_added(comparison: Comparison, titles: dict[int, str], year: str) -> list[str]:
    added = [n for pair in comparison.pairs if pair.status == ADDED for n in pair.new]
    lines = [f"## {year} 年新增了什么 {{: #compare-added }}", ""]
    if not added:
        return lines + ["没有新增条文。", ""]
    lines += [f"{year} 年条例中，以下 {len(added)} 条在旧条例里找不到对应条文：", ""]
    by_chapter: dict[int, list[int]] = {}
    for number in added:
        by_chapter.setdefault(comparison.new.article(number).chapter, []).append(number)
    for chapter, numbers in by_chapter.items():
        links = "、".join(f"[{escape(article_heading(comparison.new.article(n), titles))}](#compare-new-{n})"
                         for n in numbers)
        lines.append(f"- {escape(comparison.new.chapters[chapter - 1].heading)}：{links}")
    return lines + [""]


def _render_pair(pair: Pair, comparison: Comparison, old_titles: dict[int, str], new_titles: dict[int, str],
                 page: str) -> list[str]:
    old, new = comparison.old, comparison.new
    old_marked, new_marked = _diff([old.article(n).text for n in pair.old],
                                   [new.article(n).text for n in pair.new])
    head = f'<span class="xf-compare-badge">{pair.status}</span>'
    if pair.old and pair.new:
        head += f" 相似度 {pair.ratio:.0%}"
    if pair.confirmed:
        head += "，人工确认"
    if pair.note:
        head += f"。{text(pair.note)}"
    lines = [f'<div class="xf-compare-row xf-compare-{SLUGS[pair.status]}" markdown>', "",
             head, "{: .xf-compare-head }", "", '<div class="xf-compare-old" markdown>', ""]
    if not pair.old:
        lines += [f'<p class="xf-compare-none">{_year(old)} 年条例无对应条文</p>', ""]
    for number, marked in zip(pair.old, old_marked, strict=True):
        label = f"{_year(old)} {article_heading(old.article(number), old_titles)}"
        lines += [f'<div class="xf-compare-article" id="compare-old-{number}" data-old="{number}" markdown>',
                  "",
                  f"**{escape(label)}**", "{: .xf-compare-label }", "",
                  f'<p class="xf-compare-text">{marked}</p>', "", *_moved_out(pair, number, old, new), "</div>", ""]
    lines += ["</div>", '<div class="xf-compare-new" markdown>', ""]
    if not pair.new:
        lines += [f'<p class="xf-compare-none">{_year(new)} 年条例未沿用</p>', ""]
    for number, marked in zip(pair.new, new_marked, strict=True):
        label = f"{_year(new)} {article_heading(new.article(number), new_titles)}"
        link = article_link(new, number, page)
        lines += [f'<div class="xf-compare-article" id="compare-new-{number}" data-new="{number}" markdown>',
                  "",
                  f"[**{escape(label)}**]({link})", "{: .xf-compare-label }", "",
                  f'<p class="xf-compare-text">{marked}</p>', "", *_moved_in(comparison, number),
                  "</div>", ""]
    lines += ["</div>", "</div>", ""]
    return lines


def _paragraph_name(regulation: Regulation, number: int, paragraph: int) -> str:
    """"第二款", or "" when the article has a single paragraph (a one-paragraph article has no 款 to name)."""
    if len(regulation.article(number).paragraphs) <= 1:
        return ""
    return f"第{to_chinese_number(paragraph)}款"


def _paragraph_label(regulation: Regulation, number: int, paragraph: int) -> str:
    return f"第{to_chinese_number(number)}条" + _paragraph_name(regulation, number, paragraph)


def _moved_out(pair: Pair, number: int, old: Regulation, new: Regulation) -> list[str]:
    """Lines under an old article: where each of its moved paragraphs (or sentences) now stands."""
    lines = []
    for move in pair.moves:
        if move.old != number:
            continue
        what = (_paragraph_name(old, number, move.paragraph) or ("" if move.phrase else "本条")) \
            + (f"“{escape(move.phrase)}”" if move.phrase else "")
        places = "、".join(f"[{_year(new)} {_paragraph_label(new, a, p)}](#compare-new-{a})" for a, p in move.to)
        lines += [f"{what}移至 {places}", "{: .xf-compare-moved }", ""]
    return lines


def _moved_in(comparison: Comparison, number: int) -> list[str]:
    """Lines under a new article: which of its paragraphs came from an old article of another row."""
    lines = []
    for move in comparison.moves:
        for article, paragraph in move.to:
            if article == number:
                source = f"[{_year(comparison.old)} {_paragraph_label(comparison.old, move.old, move.paragraph)}]" \
                         f"(#compare-old-{move.old})"
                part = "的部分内容" if move.phrase else ""
                here = (_paragraph_name(comparison.new, number, paragraph) or "本条") \
                    + ("部分内容" if number in move.part else "")
                lines += [f"{here}来自 {source}{part}", "{: .xf-compare-moved }", ""]
    return lines


def _diff(old_texts: list[str], new_texts: list[str]) -> tuple[list[str], list[str]]:
    """Each article's text as HTML, changed characters wrapped in <del> (old side) or <ins> (new side).

    A row's articles are compared as one text per side, so wording that moved between two merged articles
    still counts as kept. Characters are compared width-folded: 2005's (一) equals 2022's （一）."""
    old_text, new_text = "\n".join(old_texts), "\n".join(new_texts)
    # A row with one side empty (新增/删除) says so in its badge; marking every character would only shout.
    old_changed = [bool(new_texts)] * len(old_text)
    new_changed = [bool(old_texts)] * len(new_text)
    old_keys = [unicodedata.normalize("NFKC", ch) for ch in old_text]
    new_keys = [unicodedata.normalize("NFKC", ch) for ch in new_text]
    opcodes = SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        inner = 0 < index < len(opcodes) - 1
        if tag == "equal" and not (inner and i2 - i1 <= MIN_EQUAL_RUN):
            old_changed[i1:i2] = [False] * (i2 - i1)
            new_changed[j1:j2] = [False] * (j2 - j1)
    return _split(old_texts, old_changed, "del"), _split(new_texts, new_changed, "ins")


def _split(texts: list[str], changed: list[bool], tag: str) -> list[str]:
    out, start = [], 0
    for part in texts:
        out.append(_mark(part, changed[start:start + len(part)], tag))
        start += len(part) + 1  # the joining newline
    return out


def _mark(text: str, changed: list[bool], tag: str) -> str:
    out, index = [], 0
    while index < len(text):
        end = index
        while end < len(text) and changed[end] == changed[index]:
            end += 1
        chunk = html.escape(text[index:end], quote=False).replace("\n", "<br>")
        out.append(f"<{tag}>{chunk}</{tag}>" if changed[index] else chunk)
        index = end
    return "".join(out)
