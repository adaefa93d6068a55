"""信访事项办理流程: the data file is checked against the text; the page is plain HTML/CSS fit for a phone."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from generator.errors import SourceError
from generator.study.flow import check_flow, load_flow, render_flow_page
from generator.texts.regulation import Regulation, parse_regulation

ROOT = Path(__file__).resolve().parent.parent
FLOW = ROOT / "study/flow.yml"


@pytest.fixture(scope="module")
def regulation() -> Regulation:
    return parse_regulation(ROOT / "sources/regulation-2022.md")


@pytest.fixture(scope="module")
def titles() -> dict[int, str]:
    return yaml.safe_load((ROOT / "study/titles-2022.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def flow(regulation):
    return load_flow(FLOW, regulation)


def test_steps_run_from_submission_to_final(flow):
    assert [step.title for step in flow.steps] == [
        "提出", "登记", "转送、交办、告知", "办理（分类处理）", "信访处理意见书", "复查", "复核", "不再受理"]


def test_deadlines_come_from_checked_quotations(flow, regulation):
    limits = {step.id: step.limits for step in flow.steps}
    assert limits["route"] == ["15日内", "5个工作日内"]
    # 第二十三条第二款's main rule comes before its 15日 fallback.
    route = next(step for step in flow.steps if step.id == "route")
    assert any("能够当场告知的，应当当场书面告知" in quote.phrase for quote in route.quotes)
    assert "当场书面告知" in route.note
    assert limits["opinion"] == ["60日内", "不得超过30日"]
    assert limits["review"] == limits["reconsider"] == ["30日内"]
    for step in flow.steps:
        for quote in step.quotes + tuple(q for b in step.branches for q in b.quotes):
            assert quote.phrase in regulation.article(quote.article).text
    # No number is typed into a note: every digit on the page stands in a quotation.
    for step in flow.steps:
        assert not re.search(r"\d", step.note + "".join(b.note for b in step.branches))


def test_complaint_branch_has_the_six_routes_of_article_31(flow, regulation):
    handle = next(step for step in flow.steps if step.id == "handle")
    assert [b.title for b in handle.branches] == ["建议意见类", "检举控告类", "申诉求决类"]
    routes = handle.branches[2].routes
    assert [(r.article, r.item) for r in routes] == [(31, n) for n in range(1, 7)]
    assert len(regulation.article(31).items) == 6


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "flow.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_article_is_reported_with_file_and_line(tmp_path, regulation):
    path = _write(tmp_path, "steps:\n  - id: a\n    title: 甲\n    articles: [22, 99]\n")
    with pytest.raises(SourceError) as error:
        load_flow(path, regulation)
    assert error.value.path.endswith("flow.yml")
    assert error.value.line == 4
    assert "没有第 99 条" in error.value.reason


def test_phrase_not_in_article_is_reported(tmp_path, regulation):
    path = _write(tmp_path, "steps:\n  - id: a\n    title: 甲\n    quotes:\n"
                            "      - {article: 22, phrase: 在15日内分别按照下列方式处理}\n"
                            "      - {article: 34, phrase: 应当自受理之日起90日内办结}\n")
    with pytest.raises(SourceError) as error:
        load_flow(path, regulation)
    assert error.value.line == 6
    assert error.value.reason == "“应当自受理之日起90日内办结”不在第三十四条原文中（须逐字引用）"


def test_every_problem_is_collected(tmp_path, regulation):
    path = _write(tmp_path, "\n".join([  # noqa: FLY002 -- one line per YAML line, with its number
        "steps:",
        "  - id: a",
        "    title: 甲",
        "    note: 在30日内办结",                       # 4: a hand-typed deadline
        "    colour: red",                             # 5: unknown key
        "    branches:",
        "      - title: 乙",
        "        routes:",
        "          - {article: 31, item: 9, label: 丙}",  # 9: no such item
        "  - id: a",                                   # 10: duplicate id
        "    title: 丁",
        "",
    ]))
    _, errors = check_flow(path, regulation)
    assert [e.line for e in errors] == [4, 5, 9, 10]
    assert "含时限“30日内”：时限请写进 quotes" in errors[0].reason
    assert "不认识的键“colour”" in errors[1].reason
    assert "第三十一条没有第 9 项" in errors[2].reason
    assert "步骤 id“a”重复" in errors[3].reason


def test_page_is_html_with_article_links_and_no_script(flow, regulation, titles):
    page = render_flow_page(flow, regulation, titles)
    assert "<script" not in page
    assert re.findall(r'class="(xf-[\w-]+)', page) and all(
        c.startswith("xf-flow") for c in re.findall(r'class="(xf-[\w-]+)', page))
    link = r"\]\(\.\./regulation/chapter-(\d+)\.md#article-(\d+)(?:-(\d+))?\)"
    for chapter, number, item in re.findall(link, page):
        article = regulation.article(int(number))
        assert article.chapter == int(chapter)
        if item:
            assert int(item) in [i.number for i in article.items]
    for step in flow.steps:
        assert f"#flow-{step.id}" in page
    markdown = pytest.importorskip("markdown")
    html = markdown.markdown(page, extensions=["attr_list", "md_in_html", "tables"])
    assert "{:" not in html and "](" not in html and "markdown=" not in html
    assert html.count('class="xf-flow-step"') == len(flow.steps)
    assert html.count("<mark>") == sum(len(q.limits) for s in flow.steps for q in s.quotes)


@pytest.mark.browser
@pytest.mark.parametrize("name", ["flow", "deadlines", "compare"])
def test_aids_pages_fit_a_phone_without_sideways_scrolling(name, browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}/aids/{name}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Material wraps wide tables in a scrolling box; none of ours may need it.
    scrolling = page.evaluate("""Array.from(document.querySelectorAll('.md-content *'))
        .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
        .map(e => e.className)""")
    assert scrolling == []
    assert page.locator("script:not([src])").evaluate_all(
        "els => els.filter(e => e.closest('.md-content')).length") == 0
    context.close()


@pytest.mark.browser
def test_flow_steps_stack_vertically_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}/aids/flow/")
    boxes = page.locator(".xf-flow-step").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.bottom]; })")
    assert len(boxes) == 8
    assert all(later[1] >= earlier[2] for earlier, later in pairwise(boxes))
    assert len({round(box[0]) for box in boxes}) == 1
    selected = page.evaluate("""() => { const r = document.createRange();
        r.selectNodeContents(document.querySelector('.xf-flow-note')); getSelection().addRange(r);
        return getSelection().toString(); }""")
    assert "信访人" in selected
    # Kept for a person to look at: tests leave it in test-artifacts/ (not committed).
    artifacts = Path(__file__).resolve().parent.parent / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    page.screenshot(path=str(artifacts / "flow-390px.png"), full_page=True)
    context.close()


def test_a_file_that_is_not_yaml_is_reported(tmp_path, regulation):
    path = _write(tmp_path, "steps:\n  - id: a\n    title: [甲\n")
    with pytest.raises(SourceError) as error:
        check_flow(path, regulation)
    # The line of the `[` never closed, not the end of the file where the parser noticed it.
    assert error.value.line == 3 and error.value.reason == "不是有效的 YAML：方括号 [ 没有闭合：缺少“]”，或项之间缺少逗号"


# Issue 11: the flow's words may abridge the law but never widen or reassign what it says. ------------------

def _notes(flow):
    """(title, note, articles) for every step and branch."""
    for step in flow.steps:
        yield step.title, step.note, step.articles
        for branch in step.branches:
            yield branch.title, branch.note, branch.articles


def _cited(regulation, articles) -> str:
    return "\n".join(regulation.article(number).text for number in articles)


def test_note_conditions_quote_the_articles_conjunctions(flow, regulation):
    # The kind: 第二十四条's "受理有争议且没有共同的上一级" retold as "或者". Each 或者/且 in a note must stand
    # between the same words as in a cited article (two characters either side).
    for title, note, articles in _notes(flow):
        text = _cited(regulation, articles)
        for match in re.finditer("或者|且", note):
            window = note[max(0, match.start() - 2):match.end() + 2]
            assert window in text, (title, window)


def test_branch_titles_are_the_articles_words(flow, regulation):
    # The kind: "越级重复提出" for 第十九条, which speaks of submitting again to the accepting body's superior.
    for step in flow.steps:
        for branch in step.branches:
            assert branch.title in _cited(regulation, branch.articles), branch.title


def test_duty_clauses_keep_their_actor(flow, regulation):
    # The kind: 回避 (第二十八条) is the duty of the 工作人员, but the note let it read as the 机关's. A note
    # clause "……的，应当……" that quotes an article must quote it from the start of the article's clause,
    # so the one who bears the duty is never cut off.
    for title, note, articles in _notes(flow):
        text = _cited(regulation, articles)
        for clause in re.split("[；。]", note):
            if "的，应当" not in clause or clause not in text:
                continue
            before = text[:text.index(clause)]
            assert before == "" or before[-1] in "，；。\n", (title, clause)


def test_head_counts_and_dates_are_not_time_limits(flow, regulation, titles):
    submit = next(step for step in flow.steps if step.id == "submit")
    assert submit.limits == []
    assert submit.numbers("人数") == ["不得超过5人"]
    page = render_flow_page(flow, regulation, titles)
    for line in page.splitlines():
        if line.startswith("时限："):
            assert "人" not in re.sub(r"<[^>]+>", "", line).removeprefix("时限：")
    assert '人数：<span class="xf-flow-badge">不得超过5人</span>' in page
