"""Printing the site in Chromium (page.pdf, A4), as a trainer prints it (issue 17 item 1): page counts of the
exam review and the chapter handouts within their limits, no question split across pages, the compact key,
no web-only links or blank last page on chapter pages, 打印本条, and 时限速查 headings kept with their rows.

Measured before this print CSS (same bank): exam review 38 pages, chapter-3 handout 17 pages, with answers
29 pages, 时限速查 5 pages with 复核 stranded at a page foot; the limits below are what we promise."""

from __future__ import annotations

import json
import unicodedata

import pytest

pdfium = pytest.importorskip("pypdfium2")

EXAM_PAGES = 10  # 45 questions with answers and explanations
HANDOUT_PAGES = {"questions": 12, "answers": 26, "key": 14}  # chapter 3: 117 questions


def _squash(text: str) -> str:
    """Letters and digits only. NFKC: Chromium's PDF text layer may name a CJK glyph by its Kangxi radical
    (⼆ for 二, see papers/printing.py); punctuation: the text layer may reorder a closing quote and a
    parenthesis that CJK punctuation compression draws together."""
    return "".join(char for char in unicodedata.normalize("NFKC", text) if unicodedata.category(char)[0] in "LN")


def pdf_pages(page) -> list[str]:
    """The page's print as A4, one squashed text per PDF page."""
    document = pdfium.PdfDocument(page.pdf(format="A4", print_background=True))
    return [_squash(document[i].get_textpage().get_text_range()) for i in range(len(document))]


def _site_bank(built_site) -> dict:
    text = (built_site / "assets" / "quiz-bank.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("{"):text.rindex("}") + 1])


def _page_of(pages: list[str], fragment: str) -> int:
    found = [i for i, text in enumerate(pages) if fragment in text]
    assert found, fragment
    return found[0]


def assert_whole(pages: list[str], first: str, last: str, label) -> None:
    """The block that starts with `first` ends (`last`) on the same page."""
    start = _page_of(pages, first)
    assert last in pages[start], (label, start + 1, last)


def assert_no_blank_page(pages: list[str]) -> None:
    assert all(pages), [i + 1 for i, text in enumerate(pages) if not text]


@pytest.mark.browser
def test_exam_review_prints_45_questions_in_at_most_10_pages_none_split(page, site_url):
    page.goto(site_url + "/exam/")
    page.locator("button[data-action=start-exam]").click()
    page.locator("button[data-action=submit-exam]").first.click()
    page.locator("button[data-action=confirm-submit]").click()
    page.wait_for_selector("[data-score]")
    questions = page.locator(".xf-question")
    count = questions.count()
    assert count == 45
    blocks = questions.evaluate_all("""qs => qs.map(q => [
        q.querySelector('.xf-number').textContent + q.querySelector('.xf-stem').textContent.slice(0, 12),
        q.querySelector('.xf-explanation').textContent.slice(-10)])""")
    pages = pdf_pages(page)
    assert len(pages) <= EXAM_PAGES, len(pages)
    assert_no_blank_page(pages)
    text = "".join(pages)
    assert "交卷" not in text.replace("交卷后", "") and "下一题" not in text  # no buttons on paper
    for index, (first, last) in enumerate(blocks, start=1):
        assert_whole(pages, _squash(first), _squash(last), index)


@pytest.mark.browser
@pytest.mark.parametrize("mode, label", [("questions", "打印本章题目"), ("answers", "含答案：打印本章题目，每题后附答案和解析"),
                                         ("key", "附答案表：打印本章题目，末尾附答案表")])
def test_chapter_handout_page_counts_and_no_split_question(page, site_url, built_site, mode, label):
    bank = _site_bank(built_site)
    chapter = [q for q in bank["questions"] if q["scope"] == "chapter-3"]
    page.add_init_script("window.print = function () { window.__printed = (window.__printed || 0) + 1; };")
    page.goto(site_url + "/practice/chapter-3/")
    page.get_by_role("button", name=label, exact=True).click()
    assert page.evaluate("window.__printed") == 1
    items = page.locator(".xf-handout-item")
    assert items.count() == len(chapter)
    blocks = items.evaluate_all("""items => items.map(item => {
        const stem = item.querySelector('.xf-handout-stem').textContent;
        const last = item.lastElementChild.textContent;
        return [stem.slice(0, 14), last.slice(-8)];
    })""")
    pages = pdf_pages(page)
    assert len(pages) <= HANDOUT_PAGES[mode], (mode, len(pages))
    assert_no_blank_page(pages)
    for index, (first, last) in enumerate(blocks, start=1):
        assert_whole(pages, _squash(first), _squash(last), index)
    assert (page.locator(".xf-handout-answer").count() == len(chapter)) is (mode == "answers")
    key = page.locator(".xf-handout-key td[data-number]")
    if mode != "key":
        assert key.count() == 0
        return
    # The key: 题号 → 答案 for every question, the same answers the handout with answers prints.
    assert key.count() == len(chapter)
    expected = page.evaluate("""scope => window.XF_BANK.questions.filter(q => q.scope === scope)""", "chapter-3")
    by_type = {t: [q for q in expected if q["type"] == t] for t in ("single", "multiple", "judge", "fill")}
    ordered = [q for t in ("single", "multiple", "judge", "fill") for q in by_type[t]]
    answers = page.evaluate("qs => qs.map(q => window.XF.print.answerText(q))", ordered)
    assert key.all_inner_texts() == answers
    first_single = next(q for q in ordered if q["type"] == "single")
    assert answers[0] == "ABCDEFG"[first_single["options"].index(first_single["answer"])]
    assert "答案" in pages[-1] and answers[-1].replace("；", "") in pages[-1].replace("；", "")


@pytest.mark.browser
def test_chapter_page_prints_no_web_links_and_no_blank_page(page, site_url):
    page.goto(site_url + "/regulation/chapter-3/")
    assert page.locator(".xf-practice-link").count() > 0  # on screen they are there
    pages = pdf_pages(page)
    assert_no_blank_page(pages)
    text = "".join(pages)
    for word in ("本条相关题目", "本章导读", "本章练习", "打印本条"):
        assert word not in text, word
    assert "第十九条" in text


@pytest.mark.browser
def test_print_one_article(page, site_url):
    page.add_init_script("window.print = function () { window.__printed = (window.__printed || 0) + 1; };")
    page.goto(site_url + "/regulation/chapter-3/")
    articles = page.locator(".md-content__inner > h2[id^='article-']")
    buttons = page.locator("[data-action=print-article]")
    assert buttons.count() == articles.count() > 5
    page.locator("#article-19 [data-action=print-article]").click()
    assert page.evaluate("window.__printed") == 1
    pages = pdf_pages(page)
    assert len(pages) == 1
    assert "第十九条" in pages[0] and "信访人一般应当采用书面形式提出信访事项" in pages[0]
    assert "第二十条" not in pages[0] and "第十八条" not in pages[0]
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert len(pdf_pages(page)) > 1  # an ordinary print is the whole chapter again


@pytest.mark.browser
def test_deadlines_table_prints_in_portrait_with_headings_kept_with_their_rows(page, site_url):
    page.goto(site_url + "/aids/deadlines/")
    headings = page.locator(".md-content__inner > h2").all_inner_texts()
    assert "复核" in headings
    pages = pdf_pages(page)
    assert len(pages) <= 3
    assert_no_blank_page(pages)
    header = "数字类别适用事项原文条文"
    for heading in headings:
        # The heading and its table's header row (and so the first row, rows never split) share a page.
        assert any(_squash(heading) + header in text for text in pages), heading
    widths = page.evaluate("""() => { const t = document.querySelector('.xf-deadlines table');
        return [t.getBoundingClientRect().width, t.parentElement.closest('article, .md-content__inner')
        .getBoundingClientRect().width]; }""")
    assert widths[0] > 0
    page.emulate_media(media="print")
    size = page.locator(".xf-deadlines td").first.evaluate("td => parseFloat(getComputedStyle(td).fontSize)")
    assert size >= 11  # 9pt = 12px: legible on paper
