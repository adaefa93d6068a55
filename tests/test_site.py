"""The real site, built by `mkdocs build --strict` into a temporary folder, read back as a reader sees it."""

import re
from pathlib import Path

import pytest
from htmltext import sections_by_heading, squash, text_of_class

from generator.texts.notice import parse_notice
from generator.texts.regulation import parse_regulation

ROOT = Path(__file__).resolve().parent.parent
REGULATION = parse_regulation(ROOT / "sources/regulation-2022.md")


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("article", REGULATION.articles, ids=lambda a: a.anchor)
def test_every_article_is_quoted_exactly(built_site, article):
    sections = sections_by_heading(_page(built_site, f"regulation/chapter-{article.chapter}"))
    heading, body = sections[article.anchor]
    assert heading.startswith(article.label)
    assert body == squash("".join(article.source_lines()))


def test_items_have_anchors(built_site):
    html = _page(built_site, "regulation/chapter-4")
    assert re.search(r'<p [^>]*id="article-31-6"[^>]*>（六）不属于以上情形的', html)


def test_cross_references_link_to_anchors(built_site):
    html = _page(built_site, "regulation/chapter-4")
    assert re.search(r'<a [^>]*href="\./#article-31-6"[^>]*>第三十一条第六项</a>', html)
    chapter5 = _page(built_site, "regulation/chapter-5")
    assert re.search(r'<a [^>]*href="\.\./chapter-3/#article-20"[^>]*>第二十条</a>', chapter5)
    assert re.search(r'<a [^>]*href="\.\./chapter-3/#article-26"[^>]*>第二十六条</a>', chapter5)


def test_cited_articles_list_who_cites_them(built_site):
    html = _page(built_site, "regulation/chapter-4")
    meta = re.search(r'<p class="xf-article-meta">本条被(.*?)引用。', html).group(1)
    assert "#article-34" in meta and "#article-36" in meta


def test_table_of_contents_lists_every_article(built_site):
    html = _page(built_site, "regulation")
    for article in REGULATION.articles:
        assert f'chapter-{article.chapter}/#{article.anchor}"' in html


def test_notice_body_is_complete(built_site):
    notice = parse_notice(ROOT / "sources/county-notice-2022.txt")
    shown = text_of_class(_page(built_site, "notice"), "xf-notice")
    assert shown == squash(notice.body_text().replace("\n", ""))


def test_pages_are_chinese_and_use_no_remote_fonts(built_site):
    html = _page(built_site, "regulation/chapter-1")
    assert '<html lang="zh"' in html
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_no_page_references_another_host(built_site):
    pattern = re.compile(r'(?:src|href)="(?:https?:)?//', re.I)
    offenders = [str(path.relative_to(built_site)) for path in built_site.rglob("*.html")
                 if pattern.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
