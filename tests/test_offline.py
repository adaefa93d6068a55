"""Offline means offline (issue 20): no built page, script or stylesheet refers to another host except as a
link a person clicks, and the file:// bundle in a browser without ResizeObserver (older WebViews) makes no
request outside its folder and still searches.
"""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import build_site
from test_browser_search import record_requests, search

ROOT = Path(__file__).resolve().parent.parent
URL = re.compile(r"https?://[^\s\"'`<>)]*")
# In CSS: comments, and data: URIs (an inline SVG names its XML namespace, which is never requested).
CSS_NOT_REQUESTS = re.compile(r"/\*.*?\*/|url\(\s*([\"']?)data:.*?\1\s*\)", re.S)


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("offline-scan") / "site", offline=True)


def script_urls(files: list[Path]) -> dict[str, list[str]]:
    """URLs in the string and template literals of each script (tests/js_urls.js, acorn's tokenizer)."""
    if not files:
        return {}
    result = subprocess.run(["node", str(ROOT / "tests/js_urls.js"), *map(str, files)], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return {name: urls for name, urls in json.loads(result.stdout).items() if urls}


class _PageReferences(HTMLParser):
    """URLs a page makes the browser load: every attribute but a link's href and XML namespaces, and the
    text of inline scripts and styles. Visible text is not a reference."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.inline: str | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and not (tag == "a" and name == "href") and not name.startswith("xmlns"):
                self.urls += URL.findall(value)
        self.inline = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag):
        self.inline = None

    def handle_data(self, data):
        if self.inline == "script":
            self.urls += URL.findall(data)
        elif self.inline == "style":
            self.urls += URL.findall(CSS_NOT_REQUESTS.sub("", data))


def external_references(site: Path) -> dict[str, list[str]]:
    found = script_urls(sorted(site.rglob("*.js")))
    for path in sorted(site.rglob("*.css")):
        urls = URL.findall(CSS_NOT_REQUESTS.sub("", path.read_text(encoding="utf-8")))
        if urls:
            found[str(path)] = urls
    for path in sorted(site.rglob("*.html")):
        parser = _PageReferences()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.urls:
            found[str(path)] = parser.urls
    return {str(Path(name).relative_to(site)): urls for name, urls in found.items()}


def test_the_scan_finds_what_the_theme_would_fetch(tmp_path):
    """The scanner itself: the theme's own bundle (before the build rewrites it), a stylesheet import and a
    page's script tag are found; a licence comment, a namespace and a link are not."""
    import material

    bundle = next(Path(material.__file__).parent.glob("templates/assets/javascripts/bundle.*.min.js"))
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets/bundle.js").write_bytes(bundle.read_bytes())
    css = ("/* https://fontawesome.com */ @import url(https://fonts.example/x.css);"
           " .i{background:url(\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>\")}")
    (site / "assets/a.css").write_text(css, encoding="utf-8")
    html = ('<svg xmlns="http://www.w3.org/2000/svg"></svg><a href="https://x.org/">x</a>'
            '<script src="https://cdn.example/y.js"></script><p>https://（本站地址）/exam/</p>')
    (site / "index.html").write_text(html, encoding="utf-8")
    found = external_references(site)
    assert "https://unpkg.com/resize-observer-polyfill" in found["assets/bundle.js"]
    assert found["assets/a.css"] == ["https://fonts.example/x.css"]
    assert found["index.html"] == ["https://cdn.example/y.js"]


@pytest.mark.parametrize("kind", ["http", "offline"])
def test_built_sites_refer_to_no_other_host(request, kind):
    site = request.getfixturevalue("built_site" if kind == "http" else "offline_site")
    assert external_references(site) == {}
    assert (site / "assets/vendor/resize-observer-polyfill.js").is_file()
    # The theme's lunr search is not shipped: ours answers.
    assert not (site / "assets/javascripts/lunr").exists()


@pytest.mark.browser
def test_bundle_without_resize_observer_stays_in_its_folder_and_searches(browser, offline_site):
    context = browser.new_context()
    context.add_init_script("delete window.ResizeObserver;")
    page = context.new_page()
    page.set_default_timeout(15000)
    requests = record_requests(page)
    page.goto((offline_site / "index.html").as_uri())
    titles = search(page, "复查")
    assert any(title.startswith("第三十五条") for title in titles[:5]), titles
    page.goto((offline_site / "regulation/chapter-3.html").as_uri())
    assert search(page, "代表人数")[0].startswith("第二十条")
    inside = offline_site.as_uri()
    outside = [url for url in requests if not url.startswith(inside) and not url.startswith("data:")]
    assert outside == []
    # The theme did need the polyfill, and got the copy in the bundle.
    assert any(url.endswith("/assets/vendor/resize-observer-polyfill.js") for url in requests)
    assert page.evaluate("typeof window.ResizeObserver") == "function"
    context.close()
