"""WCAG 2.1 AA in headless Chromium (issue 20 item 4): axe-core over every page type and quiz state, and
tap targets on a phone.

axe-core comes from npm (package.json, devDependencies: used by these tests only) and is injected from
node_modules; nothing of it reaches the site.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_quiz_browser import answer, bank, by_id, current_id  # noqa: F401

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"

# Every page type the site has (one of each kind of generated page, and the hand-written ones).
PAGES = ["/", "/regulation/", "/regulation/chapter-3/", "/guide/", "/guide/chapter-2/", "/notice/",
         "/aids/deadlines/", "/aids/flow/", "/aids/compare/", "/aids/glossary/", "/practice/",
         "/practice/chapter-1/", "/exam/", "/review/", "/competition/", "/about/", "/no-such-page/"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now: "rule: target" strings."""
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci`")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        const out = [];
        for (const v of result.violations) {
            if (v.impact !== 'serious' && v.impact !== 'critical') continue;
            for (const node of v.nodes) out.push(v.id + ': ' + node.target.join(' '));
        }
        return out; }""")
    return found


@pytest.fixture(scope="module", params=["desktop", "phone"])
def context(request, browser):
    options = PHONE if request.param == "phone" else {"viewport": {"width": 1280, "height": 800}}
    context = browser.new_context(**options)
    yield context
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_has_no_serious_axe_violations(context, site_url, path):
    page = context.new_page()
    try:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        assert serious_violations(page) == []
    finally:
        page.close()


def test_quiz_states_have_no_serious_axe_violations(context, site_url, bank):
    questions = by_id(bank)
    page = context.new_page()
    found = {}
    try:
        page.goto(site_url + "/practice/chapter-2/")
        q = questions[current_id(page)]
        answer(page, q, correct=False)
        found["practice answered"] = serious_violations(page)
        page.goto(site_url + "/review/")
        found["review with a question"] = serious_violations(page)
        page.goto(site_url + "/")
        found["home with records"] = serious_violations(page)
        page.goto(site_url + "/exam/")
        page.locator("button[data-action=start-exam]").click()
        found["exam running"] = serious_violations(page)
        page.locator(".xf-exam-bar button[data-action=submit-exam]").click()
        found["exam confirm"] = serious_violations(page)
        page.locator("button[data-action=confirm-submit]").click()
        found["exam result"] = serious_violations(page)
        page.goto(site_url + "/regulation/chapter-2/")
        page.keyboard.press("/")  # the theme's search dialog
        page.locator(".md-search__input").fill("信访")
        page.wait_for_selector(".md-search-result__item")
        found["search open"] = serious_violations(page)
    finally:
        page.close()
    assert {state: v for state, v in found.items() if v} == {}
