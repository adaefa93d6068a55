"""Search, navigation and offline use, as a reader does it in headless Chromium."""

import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.bundle import make_bundle

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


def search(page, query: str) -> list[str]:
    """Type a query the way a person does and return the result titles in order (U+200B stripped)."""
    box = page.locator("input.md-search__input")
    box.click()
    # Clear first, so that the results read below cannot be those of an earlier query.
    box.fill("")
    box.press("End")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length === 0")
    box.fill(query)
    box.press("End")  # Material reads the box on keyup
    page.wait_for_function(
        "document.querySelectorAll('.md-search-result__item').length > 0")
    titles = page.locator(".md-search-result__item h1, .md-search-result__item h2").all_text_contents()
    return [title.replace("\u200b", "").strip() for title in titles]


def lands_on(path_end: str, fragment: str):
    """A URL predicate that ignores the ?h= highlight query Material adds to result links."""
    return lambda url: urlparse(url).path.endswith(path_end) and urlparse(url).fragment == fragment


def record_requests(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_search_fuxi_finds_article_35_first(page, site_url):
    requests = record_requests(page)
    page.goto(site_url + "/")
    titles = search(page, "复查")
    assert any(title.startswith("第三十五条") for title in titles[:5]), titles
    assert {urlparse(url).hostname for url in requests} == {"127.0.0.1"}


def test_search_number_next_to_chinese(page, site_url):
    page.goto(site_url + "/")
    titles = search(page, "15日内")
    assert any(title.startswith(("第二十二条", "第二十三条")) for title in titles[:5]), titles
    titles = search(page, "5个工作日")
    assert any(title.startswith("第二十三条") for title in titles[:5]), titles


def test_search_word_inside_longer_word(page, site_url):
    page.goto(site_url + "/")
    titles = search(page, "事项")
    # 第二十二条 speaks only of 信访事项, never of 事项 alone.
    assert any(title.startswith("第二十二条") for title in titles), titles


def test_clicking_a_result_lands_on_the_article(page, site_url):
    page.goto(site_url + "/")
    search(page, "复查")
    page.locator(".md-search-result__item a[href*='#article-35']").first.click()
    page.wait_for_url(lands_on("/regulation/chapter-4/", "article-35"))
    heading = page.locator("h2#article-35")
    assert heading.inner_text().startswith("第三十五条")
    assert heading.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight }")


def test_cross_reference_jumps_to_item(page, site_url):
    requests = record_requests(page)
    page.goto(site_url + "/regulation/chapter-4/")
    page.locator("#article-34 ~ p a.xf-xref").first.click()
    page.wait_for_url("**/regulation/chapter-4/#article-31-6")
    item = page.locator("#article-31-6")
    assert item.inner_text().startswith("（六）")
    assert item.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight }")
    assert {urlparse(url).hostname for url in requests} == {"127.0.0.1"}


def test_bundle_works_from_a_folder(browser, tmp_path):
    archive, count = make_bundle(ROOT, tmp_path / "xinfang-site.zip")
    assert count > 20
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(tmp_path / "usb")
    folder = tmp_path / "usb" / "xinfang-site"
    assert "unpkg.com" not in (folder / "index.html").read_text(encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    requests = record_requests(page)
    page.goto(folder.joinpath("index.html").as_uri())
    titles = search(page, "复查")
    assert any(title.startswith("第三十五条") for title in titles[:5]), titles
    page.locator(".md-search-result__item a[href*='#article-35']").first.click()
    page.wait_for_url(lands_on("/regulation/chapter-4.html", "article-35"))
    outside = [url for url in requests if not url.startswith(folder.as_uri()) and not url.startswith("data:")]
    assert outside == []
    context.close()
