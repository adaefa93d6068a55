"""Study aids as a reader uses them in Chromium: notice shorthand links and glossary search."""

from urllib.parse import urlparse

import pytest
from test_browser_search import search

pytestmark = pytest.mark.browser


def test_notice_shorthand_leads_to_the_article(page, site_url):
    page.goto(site_url + "/notice/")
    link = page.locator(".xf-notice a", has_text="六个不得").first
    assert link.inner_text() == "六个不得"
    link.click()
    page.wait_for_url(lambda url: urlparse(url).fragment == "article-26")
    assert urlparse(page.url).path.endswith("/regulation/chapter-3/")
    assert page.locator("h2#article-26").inner_text().startswith("第二十六条")


def test_search_finds_glossary_entry_and_article(page, site_url):
    page.goto(site_url + "/")
    titles = search(page, "枫桥经验")
    assert any(title.startswith("第十五条") for title in titles), titles
    assert "枫桥经验" in titles, titles  # the glossary term is its own heading, hence its own result
    locations = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any("/aids/glossary/" in href and "#term-" in href for href in locations), locations
