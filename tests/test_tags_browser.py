"""Practice by tag (情景, 新旧对照 …) on the built site, in headless Chromium: the tag bar, #tag-… and 显示全部."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def bank(built_site) -> dict:
    text = (built_site / "assets" / "quiz-bank.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("{"):text.rindex("}") + 1])


def test_tag_bar_lists_every_used_tag_with_its_count(page, site_url, bank):
    page.goto(site_url + "/practice/chapter-3/")
    links = page.locator(".xf-tags a")
    listed = {link.get_attribute("data-tag"): link.inner_text() for link in links.all()}
    used = {tag["key"]: tag["count"] for tag in bank["tags"] if tag["count"]}
    assert set(listed) == set(used) and "情景" in listed
    for key, count in used.items():
        assert listed[key] == f"{key} {count}"


def test_tag_tooltips_speak_to_learners_in_chinese(page, site_url, bank):
    # A tag's tooltip is what a learner reads on hovering it: no file names of the maintainers' inputs.
    page.goto(site_url + "/practice/chapter-3/")
    titles = [link.get_attribute("title") or "" for link in page.locator(".xf-tags a").all()]
    assert titles and all(titles)
    assert [title for title in titles if re.search(r"[A-Za-z]", title)] == []


def test_tag_filter_shows_only_that_tag_across_chapters_and_show_all_restores(page, site_url, bank):
    page.goto(site_url + "/practice/chapter-3/")
    page.locator(".xf-tags a[data-tag='情景']").click()
    tagged = [q["id"] for q in bank["questions"] if "情景" in q.get("tags", [])]
    note = page.locator(".xf-filter")
    assert f"只显示标签为“情景”的 {len(tagged)} 道题" in note.inner_text()
    assert page.locator(".xf-qlink").count() == len(tagged)
    assert page.locator("[data-question-id]").first.get_attribute("data-question-id") == tagged[0]
    assert page.locator(".xf-tags").count() == 0
    note.locator("a[data-action=show-all]").click()
    chapter3 = [q["id"] for q in bank["questions"] if q["scope"] == "chapter-3"]
    assert page.locator(".xf-qlink").count() == len(chapter3)
    assert page.locator(".xf-filter").count() == 0


def test_tag_filter_from_the_url(page, site_url, bank):
    page.goto(site_url + "/practice/chapter-1/#tag-" + quote("新旧对照"))
    tagged = [q["id"] for q in bank["questions"] if "新旧对照" in q.get("tags", [])]
    assert len(tagged) >= 25
    assert page.locator(".xf-qlink").count() == len(tagged)
    assert page.locator("[data-question-id]").first.get_attribute("data-question-id") == tagged[0]
