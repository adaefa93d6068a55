"""Study notes: loading and checking them (study.py) and the pages made from them (study_pages.py).

The real notes under study/ are loaded against the real sources; each refusal is shown on a tiny fixture
regulation, notice and set of notes under tests/fixtures/study/.
"""

import posixpath
import re
import shutil
from pathlib import Path

import pytest

from generator.errors import SourceErrors
from generator.study.notefile import ELLIPSIS
from generator.study.notes import load_study
from generator.study.pages import (
    first_sentence,
    guide_path,
    link_shorthand,
    render_glossary_page,
    render_guide_index,
    render_guide_page,
)
from generator.texts import pages
from generator.texts.crossrefs import find_references
from generator.texts.grounding import appears_in, quotations
from generator.texts.notice import parse_notice
from generator.texts.regulation import parse_regulation

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "study"
LINK_RE = re.compile(r"\]\(([^)\s]+)(?: \"[^\"]*\")?\)")
ANCHOR_RE = re.compile(r"\{: #([^\s}]+)")
SHORTHAND_LINK_RE = re.compile(r"\[([^\]]*)\]\(([^)\s]+) \"[^\"]*\"\)\{: \.xf-shorthand \}")


@pytest.fixture(scope="module")
def regulation():
    return parse_regulation(ROOT / "sources/regulation-2022.md")


@pytest.fixture(scope="module")
def previous():
    return parse_regulation(ROOT / "sources/regulation-2005.md")


@pytest.fixture(scope="module")
def notice():
    return parse_notice(ROOT / "sources/county-notice-2022.txt")


@pytest.fixture(scope="module")
def notes(regulation, previous, notice):
    return load_study(ROOT / "study", regulation, previous, notice)


# --- the real notes -------------------------------------------------------------------------------

def test_real_notes_load(notes):
    assert (len(notes.titles), len(notes.previous_titles), len(notes.guides)) == (50, 51, 6)
    assert len(notes.glossary) >= 32
    assert len(notes.shorthand) >= 25


def test_every_article_has_one_distinct_short_title(notes, regulation, previous):
    assert set(notes.titles) == {article.number for article in regulation.articles}
    assert set(notes.previous_titles) == {article.number for article in previous.articles}
    for titles in (notes.titles, notes.previous_titles):
        assert len(set(titles.values())) == len(titles)
    assert notes.titles[17] == "信访形式与信访人"


def test_every_note_cites_existing_articles_and_sections(notes, regulation, notice):
    numbers = {article.number for article in regulation.articles}
    keys = set(notice.section_keys())
    assert [guide.chapter for guide in notes.guides] == [1, 2, 3, 4, 5, 6]
    for guide in notes.guides:
        for point in guide.points:
            assert set(point.articles) <= numbers, point.text
        assert {entry.section for entry in guide.notice} <= keys
    for term in notes.glossary:
        assert term.articles and set(term.articles) <= numbers, term.term
        assert set(term.notice) <= keys, term.term
    for entry in notes.shorthand:
        assert set(entry.articles) <= numbers, entry.phrase
        assert entry.section in keys and entry.phrase in notice.section_text(entry.section)


def _quoted_in(quotation: str, texts: list[str]) -> bool:
    pieces = [piece for piece in quotation.split(ELLIPSIS) if piece]
    return any(all(appears_in(piece, text) for piece in pieces) for text in texts)


def test_every_quotation_is_found_in_what_it_cites(notes, regulation, notice):
    checked = 0

    def check(text, sources):
        nonlocal checked
        for quotation in quotations(text):
            assert _quoted_in(quotation, sources), f"“{quotation}” in {text}"
            checked += 1

    def articles(numbers):
        return [regulation.article(number).text for number in numbers]

    for guide in notes.guides:
        check(guide.summary, articles(a.number for a in regulation.chapters[guide.chapter - 1].articles))
        for point in guide.points:
            check(point.text, articles(point.articles))
        for entry in guide.notice:
            check(entry.text, [notice.section_text(entry.section)])
    for term in notes.glossary:
        check(term.definition, articles(term.articles) + [notice.section_text(k) for k in term.notice])
    for entry in notes.shorthand:
        check(entry.note, articles(entry.articles))
    assert checked > 150


REQUIRED_TERMS = [
    "信访人", "信访事项", "建议意见类事项", "检举控告类事项", "申诉求决类事项", "诉访分离",
    "属地管理、分级负责",
    "谁主管、谁负责", "党政同责、一岗双责", "枫桥经验", "两代表一委员", "联合接访", "信访督查专员",
    "信访处理意见书", "复查", "复核", "听证", "三项建议", "六个不得", "五位一体", "信访工作联席会议",
    "信访部门", "网上信访", "信访信息系统", "涉法涉诉信访事项", "人民建议征集制度", "信访情况年度报告",
    "约谈、通报、挂牌督办", "司法救助", "多元化解", "大口进入、分类处理", "三个重要",
]


def test_glossary_has_the_required_terms(notes):
    terms = {term.term: term for term in notes.glossary}
    assert [term for term in REQUIRED_TERMS if term not in terms] == []
    # Terms that come from the notice cite both the articles and the notice section.
    for name in ["三项建议", "六个不得", "五位一体", "大口进入、分类处理", "三个重要"]:
        assert terms[name].articles and terms[name].notice, name


@pytest.mark.parametrize("phrase, article", [
    ("三个重要", 3), ("主要原则", 5), ("五位一体", 7), ("具体履行七项职责", 11), ("等七项职责", 14),
    ("大口进入、分类处理", 22), ("六种情形", 31), ("三项建议", 40), ("六个不得", 26), ("网上信访", 18),
    ("诉访分离", 28), ("多元化解", 37), ("调解和解", 33), ("信访督查", 38), ("健全信访情况报告制度", 41),
    ("巡视巡察", 41), ("党委统一领导", 7), ("政府组织落实", 7), ("信访工作联席会议协调", 7),
    ("信访部门推动", 7), ("各方齐抓共管", 7),
    # issue 19: the notice's second 统筹协调… is about 地方联席会议, its 捏造歪曲事实… about handling.
    ("负责全国信访工作的统筹协调、整体推进、督促落实", 11), ("负责本地区信访工作的统筹协调、整体推进、督促落实", 13),
    ("捏造歪曲事实、诬告陷害他人", 47),
])
def test_shorthand_links_the_notice_phrases(notes, phrase, article):
    entries = {entry.phrase: entry for entry in notes.shorthand}
    assert entries[phrase].articles[0] == article


# --- refusals, on the fixture texts ---------------------------------------------------------------

@pytest.fixture(scope="module")
def fixture_texts():
    return (parse_regulation(FIXTURES / "regulation.md"), parse_regulation(FIXTURES / "previous.md"),
            parse_notice(FIXTURES / "notice.txt"))


def test_fixture_notes_load(fixture_texts):
    notes = load_study(FIXTURES / "good", *fixture_texts)
    assert notes.titles == {1: "立法目的", 2: "工作原则", 3: "办理期限", 4: "施行日期"}
    assert [(point.articles, point.line) for point in notes.guides[1].points] == [([3, 4], 12)]
    assert [entry.phrase for entry in notes.shorthand] == ["六个不得", "三个重要"]


ALLOWED_KEYS = "文头、导语、一、一（一）、二、二（一）、结语、落款"
REFUSALS = {
    "missing-article.guides.yml": [
        (5, "第一章导读·要点1：所引第九条不存在（条例共 4 条）"),
        (10, "第二章导读·要点1：所引第五十条不存在（条例共 4 条）"),
    ],
    "unknown-section.guides.yml": [
        (7, f"第一章导读·通知1：通知没有“五（一）”这一部分（可用：{ALLOWED_KEYS}）"),
    ],
    "quotation-not-in-article.guides.yml": [
        (2, "第一章导读·summary：引文“坚持党的全面领导”不在所引文本（第一条、第二条）中"),
        (4, "第一章导读·要点1：引文“坚持实事求是”不在所引文本（第一条）中"),
        (9, "第二章导读·要点1：引文“应当自受理之日起……30日内办结”不在所引文本（第三条）中"),
    ],
    "quotation-not-in-section.guides.yml": [
        (8, "第一章导读·通知1：引文“三个重要”不在所引文本（通知二（一））中"),
    ],
    "coverage.guides.yml": [
        (6, "第一章导读：本章的导读重复（每章只能有一篇）"),
        (11, "第三章导读：chapter 应为 1 至 2 的章号，实际为“3”"),
        (None, "第二章导读：缺少：每章都要有一篇导读"),
    ],
    "unknown-field.guides.yml": [
        (6, "第一章导读·要点1：未知字段“article”（允许：articles、text）"),
        (9, "第二章导读：未知字段“summery”（允许：chapter、notice、points、summary）"),
    ],
    "shorthand-not-in-notice.shorthand.yml": [
        (4, "简称“七项职责”：通知原文中没有这几个字（须逐字摘自通知）"),
        (9, "简称“三个重要”：通知二（一）中没有“三个重要”"),
        (13, "简称“要牢记”：not_in中的“六个不得”应比“要牢记”长并包含它"),
        (13, "简称“要牢记”：not_in中的“要牢记到底”不在通知原文中（须逐字摘自通知）"),
    ],
    "shorthand-entries.shorthand.yml": [
        (2, "简称“六个不得”：所引第七条不存在（条例共 4 条）"),
        (8, "简称“三个重要”：引文“为了做好测验”不在所引文本（第一条）中"),
        (9, "简称“六个不得”：简称重复"),
        (12, "简称“三个重要”：简称重复"),
        (15, "简称“三个重要”：未知字段“source”（允许：articles、not_in、note、phrase、section）"),
    ],
    "title-missing.titles-2022.yml": [
        (None, "第四条：缺少短标题（《测试条例》每条都要有）"),
    ],
    "title-missing.titles-2005.yml": [
        (None, "第一条：缺少短标题（《旧测试条例》每条都要有）"),
    ],
    "title-no-article.titles-2022.yml": [
        (5, "第五条：《测试条例》没有这一条（共 4 条）"),
    ],
    "title-duplicate.titles-2022.yml": [
        (4, "第四条：短标题“施行日期”与第三条重复"),
    ],
    "title-duplicate-key.titles-2022.yml": [
        (5, "键“2”重复（同一层第 2 行已有）"),
    ],
    "glossary-entries.glossary.yml": [
        (2, "术语“办理期限”：引文“应当自受理之日起30日内办结”不在所引文本（第三条）中"),
        (6, "术语“三个重要”：所引第八条不存在（条例共 4 条）"),
        (7, f"术语“三个重要”：通知没有“一（二）”这一部分（可用：{ALLOWED_KEYS}）"),
        (8, "术语“办理期限”：术语重复"),
        (11, "术语“复查”：缺少字段：definition"),
        (12, "术语“复查”：未知字段“defintion”（允许：articles、definition、notice、term）"),
    ],
    "yaml-syntax.glossary.yml": [
        (3, "不是有效的 YAML：方括号 [ 没有闭合：缺少“]”，或项之间缺少逗号"),
    ],
}


def test_every_bad_fixture_is_listed():
    assert sorted(path.name for path in (FIXTURES / "bad").iterdir()) == sorted(REFUSALS)


@pytest.mark.parametrize("bad", sorted(REFUSALS))
def test_refusals_name_file_line_entry_and_reason(tmp_path, fixture_texts, bad):
    """Each bad file replaces its namesake in a copy of the good notes; every error is reported at once."""
    folder = tmp_path / "study"
    shutil.copytree(FIXTURES / "good", folder)
    target = bad.split(".", 1)[1]
    shutil.copy(FIXTURES / "bad" / bad, folder / target)
    with pytest.raises(SourceErrors) as raised:
        load_study(folder, *fixture_texts)
    errors = raised.value.errors
    assert {Path(error.path).name for error in errors} == {target}
    assert [(error.line, error.reason) for error in errors] == REFUSALS[bad]
    first = errors[0]
    where = f"{first.path}:{first.line}" if first.line else first.path
    assert str(first) == f"{where}: {first.reason}"


def test_missing_file_is_refused(tmp_path, fixture_texts):
    folder = tmp_path / "study"
    shutil.copytree(FIXTURES / "good", folder)
    (folder / "shorthand.yml").unlink()
    with pytest.raises(SourceErrors) as raised:
        load_study(folder, *fixture_texts)
    [error] = raised.value.errors
    assert (Path(error.path).name, error.line, error.reason) == ("shorthand.yml", None, "文件不存在")


# --- pages ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def study_pages(notes, regulation, notice):
    result = {guide_path(n): render_guide_page(n, notes, regulation, notice) for n in range(1, 7)}
    result["guide/index.md"] = render_guide_index(notes, regulation)
    result["aids/glossary.md"] = render_glossary_page(notes, regulation)
    return result


@pytest.fixture(scope="module")
def anchors(notes, regulation, notice):
    """Every page a study page may link to → the anchors it defines (practice pages arrive later)."""
    references = find_references(regulation)
    result = {pages.chapter_path(chapter.number): set(ANCHOR_RE.findall(
        pages.render_chapter(regulation, chapter.number, notes.titles, references)))
        for chapter in regulation.chapters}
    result["notice.md"] = set(ANCHOR_RE.findall(pages.render_notice(notice)))
    result["aids/glossary.md"] = set(ANCHOR_RE.findall(render_glossary_page(notes, regulation)))
    for number in range(1, 7):
        result[guide_path(number)] = set()
        result[f"practice/chapter-{number}.md"] = set()
    return result


def test_every_link_on_study_pages_resolves(study_pages, anchors):
    checked = 0
    for page, markdown in study_pages.items():
        for target in LINK_RE.findall(markdown):
            path, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
            assert resolved in anchors, f"{page}: {target}"
            assert not anchor or anchor in anchors[resolved], f"{page}: {target}"
            checked += 1
    assert checked > 350


def test_guide_page(study_pages, notes, regulation):
    page = study_pages["guide/chapter-3.md"]
    assert page.startswith('---\ntitle: "第三章导读：信访事项的提出和受理"\n---\n')
    assert notes.guide(3).summary in page
    for article in regulation.chapters[2].articles:
        title = notes.titles[article.number]
        assert f"[{article.label} {title}](../regulation/chapter-3.md#{article.anchor})" in page
    assert ("[第十七条 信访形式与信访人](../regulation/chapter-3.md#article-17)：公民、法人或者其他组织"
            "可以采用信息网络、书信、电话、传真、走访等形式，向各级机关、单位反映情况，"
            "提出建议、意见或者投诉请求，有关机关、单位应当依规依法处理。") in page
    assert "## 县通知怎么说 {: #notice }" in page and "[通知二（四）](../notice.md#notice-二-四)" in page
    assert "](../practice/chapter-3.md)" in page
    # Each key point links the articles it cites.
    assert ("（[第十九条](../regulation/chapter-3.md#article-19)、"
            "[第二十条](../regulation/chapter-3.md#article-20)）") in page


def test_guide_page_lists_the_chapters_time_limits(notes, regulation, notice):
    page = render_guide_page(4, notes, regulation, notice)
    section = page.split("## 本章的时限和数字 {: #numbers }", 1)[1].split("\n## ", 1)[0]
    assert "**60日内**" in section and "#article-34)" in section
    assert "**不得超过30日**" in section
    assert "第三十四条　" not in section  # the sentence, without the article's own label
    assert "#article-22)" not in section  # chapter 3's limits stay on chapter 3's page


def test_guide_page_without_time_limits(notes, regulation, notice):
    page = render_guide_page(1, notes, regulation, notice, time_limits=[])
    assert "## 本章的时限和数字 {: #numbers }\n\n本章没有规定期限、人数等数字。" in page


def test_guide_index_lists_every_chapter(study_pages, notes, regulation):
    page = study_pages["guide/index.md"]
    for chapter in regulation.chapters:
        assert f"## [{chapter.heading}](chapter-{chapter.number}.md)" in page
        assert notes.guide(chapter.number).summary in page


def test_glossary_terms_are_headings_in_article_order(study_pages, notes):
    page = study_pages["aids/glossary.md"]
    headings = re.findall(r"^## (.+) \{: #term-", page, re.MULTILINE)
    assert sorted(headings) == sorted(term.term for term in notes.glossary)
    first_articles = [next(t for t in notes.glossary if t.term == h).articles[0] for h in headings]
    assert first_articles == sorted(first_articles)
    assert "## 信访人 {: #term-信访人 }" in page
    assert "[第十七条 信访形式与信访人](../regulation/chapter-3.md#article-17)" in page
    assert "县通知：[二（五）](../notice.md#notice-二-五)" in page


def test_first_sentence(regulation):
    assert first_sentence(regulation.article(19)) == \
        "信访人一般应当采用书面形式提出信访事项，并载明其姓名（名称）、住址和请求、事实、理由。"
    # An opening that introduces items says how many follow, so the guide's entry does not read as cut off.
    assert first_sentence(regulation.article(5)) == "信访工作应当遵循下列原则：（共5项）"
    assert first_sentence(regulation.article(26)).endswith("不得有下列行为：（共6项）")


def test_notice_anchor():
    assert pages.notice_anchor("二（四）") == "notice-二-四"
    assert pages.notice_anchor("三") == "notice-三"
    assert pages.notice_anchor("落款") is None


# --- shorthand links on the notice ----------------------------------------------------------------

def _visible(markdown: str) -> str:
    return SHORTHAND_LINK_RE.sub(r"\1", markdown)


def test_shorthand_links_keep_the_notice_text(notes, regulation, notice):
    plain = pages.render_notice(notice)
    linked = pages.render_notice(notice, link_shorthand(notes, regulation))
    assert linked != plain
    assert _visible(linked) == plain


def test_shorthand_links_point_at_their_articles(notes, regulation, notice):
    linked = pages.render_notice(notice, link_shorthand(notes, regulation))
    links = SHORTHAND_LINK_RE.findall(linked)
    assert ("六个不得", "regulation/chapter-3.md#article-26") in links
    assert ("具体履行七项职责", "regulation/chapter-2.md#article-11") in links
    assert ("等七项职责", "regulation/chapter-2.md#article-14") in links
    # Every phrase stands in a paragraph the notice page passes through link_phrases.
    assert {text for text, _ in links} == {entry.phrase for entry in notes.shorthand}
    for text, target in links:
        chapter, anchor = re.fullmatch(r"regulation/chapter-(\d+)\.md#article-(\d+)", target).groups()
        assert regulation.article(int(anchor)).chapter == int(chapter)


def test_shorthand_link_title_names_every_article(notes, regulation):
    link = link_shorthand(notes, regulation)
    markdown = link("对信访人违反“六个不得”的行为")
    assert markdown.startswith("对信访人违反“[六个不得](regulation/chapter-3.md#article-26 "
                               "\"第二十六条 信访人禁止行为、第四十七条 信访人违法责任：")
    assert _visible(markdown) == "对信访人违反“六个不得”的行为"


def test_shorthand_on_fixture_escapes_and_avoids_images(fixture_texts):
    regulation, previous, notice = fixture_texts
    notes = load_study(FIXTURES / "good", regulation, previous, notice)
    link = link_shorthand(notes, regulation)
    assert link("注意!六个不得*") == ('注意\\![六个不得](regulation/chapter-2.md#article-3 '
                                   '"第三条 办理期限：测试用。"){: .xf-shorthand }\\*')
    assert link("没有简称") == pages.escape("没有简称")
    # not_in: the phrase inside a listed longer wording stays plain; elsewhere in the sentence it is linked.
    markdown = link("落实六个不得要求，六个不得要牢记")
    assert markdown.startswith("落实六个不得要求，[六个不得](") and markdown.count("xf-shorthand") == 1


def test_campaign_name_is_not_linked_as_shorthand(notes, regulation, notice):
    # 四（三）'s 信访矛盾源头治理多元化解创新年 is an activity's name, not 第三十七条's 多元化解.
    linked = pages.render_notice(notice, link_shorthand(notes, regulation))
    assert "信访矛盾源头治理多元化解创新年" in linked
    assert "[多元化解](" in linked  # 一（三）、二（四）、二（六） keep their links


# Issue 11: a chapter guide may abridge an article but must keep who is held to it and what it covers. -----

def _point_articles(notes, regulation):
    for guide in notes.guides:
        for point in guide.points:
            yield point, [regulation.article(number) for number in point.articles]


def test_guide_points_name_who_is_punished_and_keep_the_criminal_clause(notes, regulation):
    # The kind: 第四十二条 retold as "对直接责任人员严肃处理", dropping 直接负责的主管人员 and 构成犯罪的.
    for point, articles in _point_articles(notes, regulation):
        if "严肃处理" not in point.text:
            continue
        for article in articles:
            for phrase in ("直接负责的主管人员和其他直接责任人员", "构成犯罪的，依法追究刑事责任"):
                if phrase in article.text:
                    assert phrase in point.text, (article.label, phrase, point.text)


def test_guide_points_name_who_orders_correction(notes, regulation):
    # The kind: 第四十三条 says 由其上级机关责令改正, the guide said 上级机关、单位 for it too.
    for point, articles in _point_articles(notes, regulation):
        if "责令改正" not in point.text:
            continue
        for article in articles:
            for phrase in re.findall(r"由其[^，；。]*?责令改正", article.text):
                assert phrase in point.text, (article.label, phrase, point.text)


def test_guide_points_keep_the_scope_of_what_they_quote(notes, regulation):
    # The kind: the 60日 of 第三十四条 quoted without "第三十一条第六项". A quotation from a paragraph that opens
    # with "对……事项" (deadlines.paragraph_scope) carries that scope into the point.
    from generator.study.deadlines import paragraph_scope
    for point, articles in _point_articles(notes, regulation):
        for quote in quotations(point.text):
            for article in articles:
                for paragraph in article.text.splitlines():
                    if quote not in paragraph or not paragraph_scope(paragraph):
                        continue
                    core = re.sub(r"^本条例|(规定)?的信访事项$", "", paragraph_scope(paragraph))
                    assert core in point.text, (article.label, core, point.text)


# --- issue 19: what an independent read of the aids found -------------------------------------------

def _guide_text(notes, chapter: int) -> str:
    return " ".join(point.text for point in notes.guide(chapter).points)


def test_guides_keep_the_conditions_the_articles_give(notes):
    three, four, five = (_guide_text(notes, n) for n in (3, 4, 5))
    assert "上级机关、单位不予受理" in three  # 第十九条第三款
    assert "应当按照法律法规规定的程序向有关政法部门提出" in three  # 第二十条第二款
    assert "报请本级党委和政府决定" in three  # 第二十二条第一款第一项: 重大、紧急
    assert "信访部门以外的其他机关、单位" in three  # whom 第二十三条第二款 binds
    assert "听证所需时间不计算在前款规定的期限内" in four  # 第三十六条第二款
    assert "视情节轻重" in five  # 第三十九条第三款
    assert "对属于其职权范围的信访事项不予受理" in five  # 第四十四条第二项


def test_guide_time_limits_name_stage_and_paragraph(notes, regulation, notice):
    page = render_guide_page(3, notes, regulation, notice)
    section = page.split("## 本章的时限和数字 {: #numbers }", 1)[1].split("\n## ", 1)[0]
    assert "**15日内**（转送/交办）" in section  # 第二十二条: its items are 转送/交办, no 告知
    assert "**5个工作日内**（提出异议）" in section
    assert "（[第二十三条第二款](../regulation/chapter-3.md#article-23)）" in section
    assert section.count("[第二十三条第三款]") == 2


def test_glossary_marks_what_the_regulation_does_not_define(notes):
    terms = {term.term: term.definition for term in notes.glossary}
    for name in ("属地管理、分级负责", "谁主管、谁负责", "枫桥经验"):
        assert "条例未作定义" in terms[name], name


def test_short_titles_say_what_the_articles_say(notes):
    assert notes.titles[1] == "制定目的"
    assert "告知" in notes.titles[23] and "异议" in notes.titles[23]
    assert notes.titles[46] == "违规违纪违法责任"


def test_flow_step_three_has_every_branch_of_articles_22_and_23(regulation):
    from generator.study.flow import load_flow
    flow = load_flow(ROOT / "study/flow.yml", regulation)
    route = next(step for step in flow.steps if step.id == "route")
    for words in ("报请本级党委和政府决定", "告知信访人接收情况以及处理途径和程序", "转送、交办并告知去向",
                  "告知信访人向有权处理的机关、单位提出"):
        assert words in route.note, words
    handle = next(step for step in flow.steps if step.id == "handle")
    suggestion = next(branch for branch in handle.branches if "建议" in branch.title)
    assert "应当采纳或者部分采纳，并予以回复" in suggestion.note


def test_handwritten_page_tables_keep_every_cell():
    # A bare | inside a cell (多余的“|”) cut the row short: every row of a table has as many cells as its header.
    tables, current = [], []
    rows = [row for page in sorted((ROOT / "docs").glob("*.md"))
            for row in page.read_text(encoding="utf-8").splitlines() + [""]]
    for row in rows:
        if row.startswith("|"):
            current.append(len(re.split(r"(?<!\\)\|", row)))
        elif current:
            tables.append(current)
            current = []
    assert tables and all(len(set(table)) == 1 for table in tables), tables
