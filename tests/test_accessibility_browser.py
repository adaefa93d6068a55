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
         "/practice/chapter-1/", "/exam/", "/review/", "/competition/", "/about/", "/maintain/", "/404.html"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now: "rule: target" strings."""
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci`")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        // A dialog still fading in (the theme's search opens with a 250 ms opacity transition) would
        // be judged at part opacity: wait for every finite CSS transition and animation to end first.
        await Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map(a => a.finished.catch(() => null)));
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
        box = page.locator("input.md-search__input")
        box.fill("信访")
        box.press("End")  # the theme reads the box on keyup
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
    # Pages whose links stand alone on a line (lists of articles, a 时限速查 row's article, a 办理流程 branch,
    # a 新旧对照 article heading, 返回首页): each is a tap target of its own.
    for path in ("regulation/", "guide/", "aids/deadlines/", "aids/flow/", "aids/compare/", "404.html"):
        page.goto(url + "/" + path)
        yield path


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


# ---------------------------------------------------------------- keyboard, phone and laptop use


def focused_question(page) -> str | None:
    return page.evaluate("() => { const q = document.activeElement && document.activeElement.closest('.xf-question');"
                         " return q ? q.dataset.questionId : null; }")


def test_focus_moves_to_the_question_shown_after_next_and_the_arrow_keys(page, site_url, bank):
    page.goto(site_url + "/practice/chapter-2/")
    first = current_id(page)
    answer(page, by_id(bank)[first], correct=True)
    page.locator("button[data-action=next]").click()
    second = current_id(page)
    assert second != first and focused_question(page) == second
    page.keyboard.press("ArrowRight")
    third = current_id(page)
    assert third != second and focused_question(page) == third
    page.keyboard.press("ArrowLeft")
    assert current_id(page) == second and focused_question(page) == second
    assert page.evaluate("document.activeElement !== document.body")


def test_a_returning_learner_sees_continue_and_the_review_at_the_top_of_the_phone_home(browser, site_url, bank):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(site_url + "/")
        assert page.locator("#xf-return").count() == 0  # nothing to return to yet
        page.goto(site_url + "/practice/chapter-4/")
        answer(page, by_id(bank)[current_id(page)], correct=False)
        page.goto(site_url + "/")
        card = page.locator("#xf-return")
        continue_link = card.locator("a", has_text="继续练习")
        review_link = card.locator("a", has_text="错题本（1 题）")
        for link in (continue_link, review_link):
            box = link.bounding_box()
            assert box["y"] + box["height"] <= 844 and box["height"] >= 44
        assert continue_link.get_attribute("href").endswith("practice/chapter-4/")
    finally:
        context.close()


@pytest.mark.parametrize("scope", ["chapter-1", "chapter-3", "chapter-4", "chapter-6", "notice"])
def test_the_first_practice_question_fits_a_laptop_screen(page, site_url, scope):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + f"/practice/{scope}/")
    card = page.locator(".xf-question").first
    box = card.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800, box
    if card.get_attribute("data-type") in ("multiple", "fill"):
        submit = card.locator("button[data-action=submit]").bounding_box()
        assert submit["y"] + submit["height"] <= 800


# ---------------------------------------------------------------- wording on phones


def test_phone_wording_404_compare_deadlines_and_glossary(browser, site_url):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(site_url + "/404.html")  # what the web server shows for a missing page
        text = page.locator("body").inner_text()
        assert "手机上点左上角的菜单按钮" in text
        page.goto(site_url + "/aids/compare/")
        intro = page.locator(".md-content h1 + p").inner_text()
        assert "手机上在下方" in intro
        page.goto(site_url + "/aids/deadlines/")
        row = page.locator(".xf-deadlines tbody tr").first
        label = "(e, n) => getComputedStyle(e.children[n], '::before').content"
        assert row.evaluate(label, 1) == '"类别："' and row.evaluate(label, 2) == '"适用："'
        page.goto(site_url + "/aids/glossary/")
        broken = page.locator(".xf-glossary-index a").evaluate_all(
            "links => links.filter(a => a.getClientRects().length > 1).map(a => a.textContent)")
        assert broken == []
    finally:
        context.close()
