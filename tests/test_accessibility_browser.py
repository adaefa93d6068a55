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


# Interactive elements in the page's content (and the quiz) smaller than 44 × 44 CSS px, as
# "text (w×h)". Links inside running text are exempt (WCAG 2.5.5's inline exception): a link whose
# paragraph, list item or cell has other text around it.
SMALL_TARGETS = """() => {
    const out = [];
    const inline = el => {
        if (el.tagName !== 'A') return false;
        const block = el.closest('p, li, td, dd, blockquote, h1, h2, h3, h4');
        return !!block && block.textContent.trim().length > el.textContent.trim().length + 2;
    };
    for (const el of document.querySelectorAll(
            '.md-content a[href], .md-content button, .md-content summary, .md-content input, .md-content label.md-button, .md-content select')) {
        const box = el.getBoundingClientRect(), style = getComputedStyle(el);
        if (!box.width || !box.height || style.visibility === 'hidden' || el.closest('.xf-sr, .xf-anchors')) continue;
        if (el.type === 'file') continue;  // hidden behind its label button
        if (inline(el) && !el.closest('.xf-quiz') || el.closest('.md-typeset .headerlink') || el.classList.contains('headerlink')) continue;
        const target = el.type === 'checkbox' && el.closest('label') ? el.closest('label').getBoundingClientRect() : box;
        if (target.height < 43.5 || target.width < 43.5)
            out.push((el.textContent.trim() || el.getAttribute('aria-label') || el.tagName).slice(0, 20) + ' (' +
                Math.round(target.width) + '×' + Math.round(target.height) + ')');
    }
    return out; }"""


def tap_states(page, url):
    """Visit the phone states the tap-target check covers, yielding a label at each."""
    page.goto(url + "/regulation/chapter-3/")
    yield "regulation chapter"
    page.goto(url + "/practice/chapter-1/")
    page.locator("summary[data-action=toggle-list]").click()
    yield "practice with the list open"
    page.goto(url + "/practice/")
    yield "practice overview"
    page.goto(url + "/exam/")
    page.locator("button[data-action=start-exam]").click()
    yield "exam running"
    page.locator(".xf-exam-bar button[data-action=submit-exam]").click()
    page.locator("button[data-action=confirm-submit]").click()
    yield "exam result"
    page.goto(url + "/review/")
    yield "review"
    page.goto(url + "/")
    yield "home"


def test_tap_targets_on_a_phone_are_at_least_44_px(browser, site_url):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        small = {}
        for label in tap_states(page, site_url):
            found = page.evaluate(SMALL_TARGETS)
            if found:
                small[label] = found
        assert small == {}
    finally:
        context.close()
