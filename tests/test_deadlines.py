"""时限速查: every number-with-unit in the text is listed, nothing else, each with its sentence and stage.

The reference is a scan written here, character by character, independent of generator.deadlines' regex."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.study.deadlines import find_time_limits, render_deadlines_page, scan
from generator.texts.regulation import Regulation, parse_regulation

ROOT = Path(__file__).resolve().parent.parent
# Units a reader of these texts meets after a number, longest first.
UNITS = ("个工作日", "个月", "小时", "日", "天", "人", "年")


def reference_scan(text: str) -> list[str]:
    """Every digit run in `text` with its unit: '15日', '5个工作日', '2022年5月1日'; '?N' if none."""
    tokens, index = [], 0
    while index < len(text):
        if not text[index].isdigit():
            index += 1
            continue
        end = index
        while end < len(text) and text[end].isdigit():
            end += 1
        rest = text[end:]
        date = _date_tail(rest)
        if date:
            tokens.append(text[index:end] + date)
            end += len(date)
        else:
            unit = next((u for u in UNITS if rest.startswith(u)), None)
            tokens.append(text[index:end] + unit if unit else "?" + text[index:end])
        index = end
    return tokens


def _date_tail(rest: str) -> str:
    # 年 + digits + 月 + digits + 日, read by hand.
    if not rest.startswith("年"):
        return ""
    position = 1
    for mark in ("月", "日"):
        start = position
        while position < len(rest) and rest[position].isdigit():
            position += 1
        if position == start or position >= len(rest) or rest[position] != mark:
            return ""
        position += 1
    return rest[:position]


def expected(regulation: Regulation) -> Counter:
    return Counter((article.number, token) for article in regulation.articles
                   for token in reference_scan(article.text))


def found(regulation: Regulation) -> Counter:
    return Counter((limit.article, limit.phrase if limit.unit == "日期" else f"{limit.number}{limit.unit}")
                   for limit in find_time_limits(regulation))


@pytest.fixture(scope="module")
def regulation() -> Regulation:
    return parse_regulation(ROOT / "sources/regulation-2022.md")


@pytest.fixture(scope="module")
def previous() -> Regulation:
    return parse_regulation(ROOT / "sources/regulation-2005.md")


@pytest.fixture(scope="module")
def titles() -> dict[int, str]:
    import yaml
    return yaml.safe_load((ROOT / "study/titles-2022.yml").read_text(encoding="utf-8"))


def test_reference_scan_reads_the_2022_numbers(regulation):
    tokens = Counter(token for _, token in expected(regulation).elements())
    assert tokens == Counter({"30日": 5, "15日": 3, "5个工作日": 1, "60日": 1, "5人": 1, "2022年5月1日": 1})
    assert not [token for token in tokens if token.startswith("?")], "a number without a known unit"


@pytest.mark.parametrize("which", ["regulation", "previous"])
def test_every_number_with_unit_is_found_and_nothing_else(which, request):
    regulation = request.getfixturevalue(which)
    assert found(regulation) == expected(regulation)


def test_phrases_sentences_and_qualifiers_come_from_the_text(regulation):
    for limit in find_time_limits(regulation):
        article = regulation.article(limit.article)
        assert limit.sentence in article.text
        assert limit.sentence[limit.offset:limit.offset + len(limit.phrase)] == limit.phrase
        assert limit.qualifier in limit.phrase
        assert limit.matter and limit.matter.replace("（", "").replace("）", "") != ""
    phrases = Counter(limit.phrase for limit in find_time_limits(regulation))
    assert phrases == Counter({"30日内": 4, "15日内": 3, "5个工作日内": 1, "60日内": 1,
                               "不得超过30日": 1, "不得超过5人": 1, "2022年5月1日": 1})


def test_stages_follow_the_procedure(regulation):
    stages = {(limit.article, limit.phrase): limit.stage for limit in find_time_limits(regulation)}
    assert stages[20, "不得超过5人"] == "走访"
    # 第二十二条's 15日 is for 转送/交办 (its items), not 告知; the 5 working days are for the objection.
    assert stages[22, "15日内"] == "转送/交办"
    assert stages[23, "15日内"] == "受理/告知"
    assert stages[23, "5个工作日内"] == "提出异议"
    assert stages[34, "60日内"] == stages[34, "不得超过30日"] == "办理"
    assert stages[35, "30日内"] == "复查"
    assert stages[36, "30日内"] == "复核"
    assert stages[50, "2022年5月1日"] == "施行"


def test_matter_names_what_the_limit_governs(regulation):
    matters = {(limit.article, limit.matter) for limit in find_time_limits(regulation)}
    assert (23, "党委和政府信访部门或者本系统上级机关、单位转送、交办的信访事项，不属于本机关、单位或者本系统"
                "职权范围的，提出异议（自收到之日起）") in matters
    assert (34, "本条例第三十一条第六项规定的信访事项，办结（自受理之日起）") in matters
    assert (34, "本条例第三十一条第六项规定的信访事项，情况复杂的，延长期限") in matters
    assert (20, "多人采用走访形式提出共同的信访事项的，代表人数") in matters
    # 第二十三条第二款 binds the bodies of its first paragraph, not the 信访部门 (issue 19).
    assert (23, "党委和政府信访部门以外的其他机关、单位：信访人直接提出的信访事项，不能当场告知的，"
                "书面告知信访人（自收到信访事项之日起）") in matters
    # 第二十二条's 15日 names who has it and what the items do (third audit); the 复核机关's 30日 carries
    # 第三十六条第二款's exclusion of hearing time, the 信访人's 30日 to request a 复核 does not.
    assert (22, "各级党委和政府信访部门：分别按照下列方式处理（转送、交办，见该款各项）") in matters
    assert (36, "提出复核意见（自收到复核请求之日起）；听证所需时间不计算在前款规定的期限内（第二款）") in matters
    assert (36, "信访人对复查意见不服的，向复查机关、单位的上一级机关、单位请求复核（自收到书面答复之日起）") in matters


def test_rows_name_the_paragraph(regulation, titles):
    places = [(limit.article, limit.phrase, limit.where) for limit in find_time_limits(regulation)]
    assert [(p, w) for a, p, w in places if a == 23] == [("15日内", "第二款"), ("15日内", "第三款"),
                                                         ("5个工作日内", "第三款")]
    # A one-paragraph article names no 款.
    assert all(w == "" for a, p, w in places if a in (34, 35, 50))
    page = render_deadlines_page(regulation, titles)
    assert f"[第二十三条第二款 {titles[23]}](../regulation/chapter-3.md#article-23) |" in page


def _topic_and_cases(paragraph: str, before: str) -> list[str]:
    """Read by hand: the paragraph's opening "对……事项" topic and every "……的" clause of the limit's sentence
    before the limit: the scope and the case the article gives the limit."""
    wanted = []
    if paragraph.startswith("对"):
        topic = re.split("[，；]|应当", paragraph, maxsplit=1)[0]
        if topic.endswith("事项"):
            wanted.append(topic[1:])
    sentence = re.split("[。；：]", before)[-1]
    cases = [clause for clause in sentence.split("，") if clause.endswith("的") and clause[1:] not in wanted]
    return wanted + cases[-1:]


@pytest.mark.parametrize("which", ["regulation", "previous"])
def test_every_row_keeps_the_scope_the_article_gives(which, request):
    # The kind: 第三十四条's 60日 listed as if it held for every 办结, dropping 第三十一条第六项.
    regulation = request.getfixturevalue(which)
    for limit in find_time_limits(regulation):
        article = regulation.article(limit.article)
        paragraph = next(line for line in article.text.splitlines() if limit.sentence in line)
        before = paragraph[:paragraph.index(limit.sentence) + limit.offset]
        for words in _topic_and_cases(paragraph, before):
            assert words in limit.matter, (limit.article, limit.phrase, words, limit.matter)


def test_dates_and_head_counts_are_their_own_kinds(regulation, titles):
    kinds = {(limit.article, limit.phrase): limit.kind for limit in find_time_limits(regulation)}
    assert kinds[50, "2022年5月1日"] == "日期"
    assert kinds[20, "不得超过5人"] == "人数"
    assert {kind for (number, _), kind in kinds.items() if number not in (20, 50)} == {"期限"}
    page = render_deadlines_page(regulation, titles)
    assert "| **2022年5月1日** | 日期 |" in page and "| **不得超过5人** | 人数 |" in page


def test_scan_is_generic(tmp_path):
    path = tmp_path / "tiny.md"
    path.write_text("---\ntitle: 小条例\n---\n\n## 第一章 总则\n\n"
                    "第一条　申请应当在3个月以内提出，答复期限不超过10日。\n"
                    "第二条　本条例自2030年1月2日起施行。\n", encoding="utf-8")
    limits = find_time_limits(parse_regulation(path))
    assert [(limit.phrase, limit.number, limit.unit, limit.qualifier) for limit in limits] == [
        ("3个月以内", 3, "个月", "以内"),
        ("不超过10日", 10, "日", "不超过"),
        ("2030年1月2日", 2030, "日期", ""),
    ]
    assert [limit.sentence for limit in limits][:2] == ["申请应当在3个月以内提出，答复期限不超过10日。"] * 2
    assert scan("两个或者两个以上机关") == []


def _unescape(markdown: str) -> str:
    text = re.sub(r"\\(.)", r"\1", markdown)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_page_lists_every_number_once_with_its_sentence_and_link(regulation, titles):
    page = render_deadlines_page(regulation, titles)
    rows = [line for line in page.splitlines() if line.startswith("| **")]
    listed = Counter()
    for row in rows:
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]]
        assert len(cells) == 5, row
        phrase = cells[0].strip("*")
        assert cells[1] in ("期限", "人数", "日期")
        link = re.search(r"\]\(\.\./regulation/chapter-(\d+)\.md#article-(\d+)\)$", cells[4])
        chapter, number = int(link.group(1)), int(link.group(2))
        article = regulation.article(number)
        assert article.chapter == chapter
        assert f"<mark>{phrase}</mark>" in cells[3]
        sentence = _unescape(cells[3].replace("<mark>", "").replace("</mark>", ""))
        assert sentence in article.text, sentence
        for token in reference_scan(phrase):
            listed[number, token] += 1
    assert listed == expected(regulation)
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert [h.split(" {")[0][3:] for h in headings] == ["走访", "转送/交办", "受理/告知", "提出异议", "办理", "复查", "复核", "施行"]


def test_aids_rank_below_the_articles_in_search(regulation, titles):
    # Short sections titled 复查 would otherwise push 第三十五条 out of the first search results.
    page = render_deadlines_page(regulation, titles)
    assert page.startswith("---\n")
    assert yaml.safe_load(page.split("---\n")[1]) == {"search": {"boost": 0.5}}


def test_page_renders_as_html(regulation, titles):
    markdown = pytest.importorskip("markdown")
    html = markdown.markdown(render_deadlines_page(regulation, titles),
                             extensions=["attr_list", "md_in_html", "tables"])
    assert html.count("<tr>") == len(find_time_limits(regulation)) + 8  # one header row per stage table
    assert html.count("<mark>") == len(find_time_limits(regulation))
    assert "{:" not in html and "](" not in html
