"""新旧对照: alignment, overrides from compare.yml, and a page on which every article appears exactly once."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.errors import SourceError
from generator.study.compare import (
    ADDED,
    KEPT,
    MODIFIED,
    REMOVED,
    align,
    check_overrides,
    load_overrides,
)
from generator.study.compare_page import render_compare_page
from generator.texts.regulation import Regulation, parse_regulation

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def old() -> Regulation:
    return parse_regulation(ROOT / "sources/regulation-2005.md")


@pytest.fixture(scope="module")
def new() -> Regulation:
    return parse_regulation(ROOT / "sources/regulation-2022.md")


@pytest.fixture(scope="module")
def comparison(old, new):
    return align(old, new, load_overrides(ROOT / "study/compare.yml", old, new))


@pytest.fixture(scope="module")
def page(comparison) -> str:
    titles = [yaml.safe_load((ROOT / f"study/titles-{year}.yml").read_text(encoding="utf-8"))
              for year in (2005, 2022)]
    return render_compare_page(comparison, *titles)


def pair_of(comparison, *, old: int | None = None, new: int | None = None):
    return next(p for p in comparison.pairs
                if (old is None or old in p.old) and (new is None or new in p.new))


def test_review_article_aligns_automatically(old, new):
    automatic = align(old, new)
    assert pair_of(automatic, old=34).new == (35,)
    assert pair_of(automatic, old=35).new == (36,)
    assert pair_of(automatic, old=33).new == (34,)


def test_review_article_aligns_in_the_site(comparison):
    pair = pair_of(comparison, old=34)
    assert (pair.old, pair.new, pair.status) == ((34,), (35,), KEPT)


def test_party_leadership_articles_are_new_or_changed(comparison):
    assert pair_of(comparison, new=7).status in (ADDED, MODIFIED)
    assert pair_of(comparison, new=11).status in (ADDED, MODIFIED)


def test_every_article_is_in_exactly_one_pair(comparison, old, new):
    assert sorted(n for p in comparison.pairs for n in p.old) == [a.number for a in old.articles]
    assert sorted(n for p in comparison.pairs for n in p.new) == [a.number for a in new.articles]
    for pair in comparison.pairs:
        assert pair.status == (ADDED if not pair.old else REMOVED if not pair.new else pair.status)


def test_every_article_appears_exactly_once_on_the_page(page, old, new):
    assert Counter(int(n) for n in re.findall(r'data-old="(\d+)"', page)) == Counter(
        a.number for a in old.articles)
    assert Counter(int(n) for n in re.findall(r'data-new="(\d+)"', page)) == Counter(
        a.number for a in new.articles)
    labels = Counter(re.findall(r"\*\*(\d{4} 第[一二三四五六七八九十]+条)", page))
    assert set(labels.values()) == {1} and len(labels) == len(old.articles) + len(new.articles)


def test_summary_counts_and_new_list(comparison, page):
    counts = comparison.counts()
    assert sum(counts.values()) == len(comparison.pairs)
    for status in (KEPT, MODIFIED, ADDED, REMOVED):
        assert re.search(rf"^\| {status} \| {counts[status]} \|", page, re.MULTILINE)
    added_section = page.split("## 2022 年新增了什么")[1].split("## 逐条对照")[0]
    listed = sorted(int(n) for n in re.findall(r"\(#compare-new-(\d+)\)", added_section))
    assert listed == sorted(n for p in comparison.pairs if p.status == ADDED for n in p.new)
    assert page.index("2022 年新增了什么") < page.index('data-new="1"')


def _strip(html: str, tag: str) -> str:
    """The text with `tag` elements removed entirely and the other tags unwrapped."""
    html = re.sub(rf"<{tag}>.*?</{tag}>", "", html)
    return re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_character_diff_keeps_both_texts(page, old, new):
    for side, regulation, other in (("old", old, "ins"), ("new", new, "del")):
        for number, marked in re.findall(rf'data-{side}="(\d+)" markdown>\n\n.*?\n.*?\n\n'
                                         r'<p class="xf-compare-text">(.*?)</p>', page):
            assert other not in marked
            text = re.sub(r"<[^>]+>", "", marked.replace("<br>", "\n"))
            assert text == regulation.article(int(number)).text
    row = page.split('data-old="34"')[1].split('data-new="35"')[1]
    assert "<ins>机关、单位</ins>" in row


def _regulation(tmp_path: Path, name: str, articles: list[str]) -> Regulation:
    numerals = "一二三四五六七八九"
    body = "\n".join(f"第{numerals[i]}条\u3000{text}" for i, text in enumerate(articles))
    path = tmp_path / name
    front = f"---\ntitle: {name}\nissued: 2000-01-01\n---\n\n"
    path.write_text(f"{front}## 第一章 总则\n\n{body}\n", encoding="utf-8")
    return parse_regulation(path)


def test_statuses_and_escaping_on_a_tiny_pair(tmp_path):
    before = _regulation(tmp_path, "old.md", ["信访人应当如实反映情况，不得捏造事实。",
                                              "机关应当公布通信地址和接待时间。",
                                              "本条例自二〇〇〇年施行，原办法同时废止。"])
    after = _regulation(tmp_path, "new.md", ["信访人应当如实反映情况，不得捏造事实。",
                                             "机关、单位应当公布网络信访渠道、通信地址和接待时间<a>。",
                                             "党委统一领导信访工作格局。"])
    comparison = align(before, after)
    assert [(p.old, p.new, p.status) for p in comparison.pairs] == [
        ((1,), (1,), KEPT), ((2,), (2,), MODIFIED), ((), (3,), ADDED), ((3,), (), REMOVED)]
    page = render_compare_page(comparison, {}, {})
    assert "&lt;a&gt;" in page and "<a>" not in page


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "compare.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_overrides_apply(tmp_path, old, new):
    path = _write(tmp_path, "- {old: 34, new: 36, note: 故意改对}\n- {new: 35, status: 新增}\n"
                            "- {old: [47, 48], new: 47, status: 基本沿用}\n- {old: 49, status: 删除}\n")
    comparison = align(old, new, load_overrides(path, old, new))
    pair = pair_of(comparison, old=34)
    assert (pair.new, pair.confirmed, pair.note) == ((36,), True, "故意改对")
    assert pair_of(comparison, new=35).status == ADDED and pair_of(comparison, new=35).old == ()
    assert pair_of(comparison, old=48).new == (47,) and pair_of(comparison, old=48).status == KEPT
    assert pair_of(comparison, old=49).status == REMOVED
    assert pair_of(comparison, old=35).new != (36,)
    assert "故意改对" in render_compare_page(comparison, {}, {})


def test_bad_overrides_are_reported_with_line(tmp_path, old, new):
    path = _write(tmp_path, """\
- {old: 34, new: 35}
- {old: 99, new: 35}
- {new: 7}
- {old: 1, new: 1, status: 沿用}
- {old: 2, status: 新增}
- {old: 3, new: 6, colour: red}
- {old: 14, moves: [{old: 14, paragraph: 2, to: [[31, 1]], part: [20]}], status: 删除}
""")
    overrides, errors = check_overrides(path, old, new)
    assert [o.old for o in overrides] == [(34,)]
    assert [(e.line, e.reason) for e in errors] == [
        (2, "old: 《信访条例》没有第 99 条（共 51 条）"),
        (2, "new 第 35 条已在第 1 行对照过"),
        (3, "只写一侧时须注明 status: 新增 或 删除"),
        (4, "status 应为 基本沿用/修改/新增/删除 之一，实际为 '沿用'"),
        (5, "新增只能写 new（新条例条文号），不能写 old"),
        (6, "不认识的键“colour”（允许：old、new、status、note、moves）"),
        (7, "moves 的 part 应为 to 中新条文号的列表，如 [31]"),
    ]
    with pytest.raises(SourceError) as error:
        load_overrides(path, old, new)
    assert error.value.path.endswith("compare.yml") and error.value.line == 2


def test_page_renders_as_html(page):
    markdown = pytest.importorskip("markdown")
    html = markdown.markdown(page, extensions=["attr_list", "md_in_html", "tables"])
    assert "{:" not in html and "](" not in html and "markdown=" not in html
    assert "<script" not in html


@pytest.mark.browser
def test_columns_sit_side_by_side_on_a_desk_and_stack_on_a_phone(browser, site_url):
    for width, side_by_side in ((1280, True), (390, False)):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{site_url}/aids/compare/")
        old_box = page.locator("#compare-old-34").bounding_box()
        new_box = page.locator("#compare-new-35").bounding_box()
        if side_by_side:
            assert new_box["x"] >= old_box["x"] + old_box["width"] and abs(new_box["y"] - old_box["y"]) < 2
        else:
            assert new_box["y"] >= old_box["y"] + old_box["height"]
        context.close()


# Issue 11: the rows and moves that an audit found wrong, and the kinds of mistake they stand for. -----------

def _paragraphs(article) -> list[str]:
    texts = [block.text for block in article.paragraphs]
    texts[0] = texts[0][len(article.label) + 1:]
    return texts


def _covered(part: str, whole: str, run: int = 4) -> float:
    """Share of `part` (normalised) found in `whole` in runs of `run` characters or more."""
    from difflib import SequenceMatcher

    from generator.study.compare import normalise
    a, b = normalise(part), normalise(whole)
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks if block.size >= run) / len(a)


def test_known_predecessors_are_paired(comparison):
    # 2005 第五条第二款 (各负其责、齐抓共管的信访工作格局) is the predecessor of 2022 第七条.
    assert 5 in pair_of(comparison, new=7).old
    # 2005 第十五、四十九条 became 2022 第二条: a change (企业事业单位 → 国有企事业单位), not 删除 + 新增.
    row = pair_of(comparison, new=2)
    assert (row.old, row.status) == ((15, 49), MODIFIED)
    assert "国有企事业单位" in row.note
    assert pair_of(comparison, old=14).status == REMOVED
    note = pair_of(comparison, old=14).note
    assert "第三十一条" in note and "第二十条第二款" in note


def test_known_moved_paragraphs_are_shown(comparison, page, old):
    moves = {(m.old, m.paragraph): m.to for m in comparison.moves}
    assert moves[3, 3] == ((18, 4),)
    assert moves[8, 2] == ((39, 2),)
    # 2005 第五条第三款 (政府负责人听取汇报) is not the root of 2022 第九条第二款 (党委常委会): 第九条 is 新增.
    assert set(moves[5, 3]) == {(18, 2)}
    assert moves[21, 2] == ((23, 3),)  # 15日内决定是否受理并书面告知 → 告知接收情况 (issue 19)
    # 2005 第二十一条 has two 款: the line between （三） and （四） belongs to item （三） ("按照前款第（二）项至第（四）项").
    assert len(old.article(21).paragraphs) == 2
    old_21 = page.split('id="compare-old-21"')[1].split("</div>")[0]
    assert "第二款移至" in old_21 and "第三款移至" not in old_21
    assert moves[16, 1] == ((20, 1),)
    assert set(moves[14, 2]) == {(31, 1), (20, 2)}
    old_side = page.split('id="compare-old-3"')[1].split("</div>")[0]
    assert "第三款移至" in old_side and "#compare-new-18" in old_side
    new_side = page.split('id="compare-new-18"')[1].split("</div>")[0]
    assert "第四款来自" in new_side and "#compare-old-3" in new_side
    # One-paragraph articles name no 款: 2005 第十六条, 2022 第三十一条.
    old_16 = page.split('id="compare-old-16"')[1].split("</div>")[0]
    assert "“信访人采用走访形式" in old_16 and "第一款“" not in old_16
    assert "第三十一条第一款" not in page and "第十六条第一款" not in page
    new_9 = page.split('id="compare-new-9"')[1].split("</div>")[0]
    assert "来自" not in new_9
    # Only 阅批重要来信、接待重要来访 of 2005 第五条第三款 went to 第十八条第二款 (听取汇报 did not), and only
    # items （一）（二）（四） of 2022 第三十一条 stem from 2005 第十四条第二款: both are shown as partial.
    assert "第二款来自" in new_side and "第五条第三款](#compare-old-5)的部分内容" in new_side
    old_5 = page.split('id="compare-old-5"')[1].split("</div>")[0]
    assert "第三款“各级人民政府" in old_5 and "听取信访工作汇报”移至" not in old_5
    new_31 = page.split('id="compare-new-31"')[1].split("</div>")[0]
    assert "本条部分内容来自" in new_31 and "#compare-old-14" in new_31
    new_20 = page.split('id="compare-new-20"')[1].split("</div>")[0]
    assert "第二款来自" in new_20 and "第二款部分内容来自" not in new_20


def test_every_move_is_borne_out_by_the_text(comparison, old, new):
    # A declared move must share real wording with each place it went to.
    for move in comparison.moves:
        text = move.phrase or _paragraphs(old.article(move.old))[move.paragraph - 1]
        for article, paragraph in move.to:
            target = _paragraphs(new.article(article))[paragraph - 1]
            if paragraph == 1 and new.article(article).items:
                target = new.article(article).text
            assert _covered(text, target, run=2) >= 0.2, (move, article, paragraph)


def test_no_new_article_has_an_undeclared_predecessor(comparison, old, new):
    # The kind: a 2022 article marked 新增 although 2005 says the same thing (2022 第七条 and 2005 第五条's
    # 齐抓共管的信访工作格局). Wording shared by unrelated articles runs to 8 characters at most (信访事项的处理,
    # 听取信访工作汇报); a shared run of 9 or more means a predecessor, to be paired or declared as a move.
    from difflib import SequenceMatcher

    from generator.study.compare import normalise
    declared = {article for move in comparison.moves for article, _ in move.to}
    for pair in comparison.pairs:
        if pair.status != ADDED or pair.new[0] in declared:
            continue
        text = normalise(new.article(pair.new[0]).text)
        for previous in old.articles:
            blocks = SequenceMatcher(None, normalise(previous.text), text, autojunk=False).get_matching_blocks()
            longest = max(blocks, key=lambda block: block.size)
            assert longest.size < 9, (pair.new[0], previous.number, text[longest.b:longest.b + longest.size])


def test_no_verbatim_sentence_moves_unannounced(comparison, old, new):
    # The kind: a 2005 sentence kept word for word in a 2022 article of another row, with no move shown.
    from generator.study.compare import normalise
    declared = {(m.old, article) for m in comparison.moves for article, _ in m.to}
    for pair in comparison.pairs:
        for number in pair.old:
            for paragraph in _paragraphs(old.article(number)):
                for sentence in re.split("[。；]", paragraph):
                    if len(normalise(sentence)) < 14:  # shorter ones are boilerplate (构成犯罪的，依法追究刑事责任)
                        continue
                    for article in new.articles:
                        if article.number in pair.new or (number, article.number) in declared:
                            continue
                        assert normalise(sentence) not in normalise(article.text), (number, article.number)


def test_status_follows_the_content_not_only_the_wording(comparison):
    # Issue 19: 2005 第二十条 → 2022 第二十六条 adds 毁坏财物, so it is 修改; a 新增 article with old roots
    # says where the roots are.
    rows = {(pair.old, pair.new): pair for pair in comparison.pairs}
    assert rows[(20,), (26,)].status == "修改" and "毁坏财物" in rows[(20,), (26,)].note
    for number in (9, 13, 27, 38):
        pair = rows[(), (number,)]
        assert pair.status == "新增" and "旧条例" in pair.note, number
    kept = [pair for pair in comparison.pairs if pair.status == "基本沿用"]
    # 基本沿用 only where the text changed no more than the bodies' names and article numbers.
    assert {(pair.old, pair.new) for pair in kept} <= {((34,), (35,)), ((35,), (36,)), ((50,), (48,))}
