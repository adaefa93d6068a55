from pathlib import Path

import pytest

from generator.errors import SourceError
from generator.texts.numerals import parse_chinese_number, to_chinese_number
from generator.texts.regulation import parse_regulation

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def regulation():
    return parse_regulation(ROOT / "sources/regulation-2022.md")


def test_2022_has_6_chapters_and_50_articles(regulation):
    assert [len(c.articles) for c in regulation.chapters] == [6, 10, 10, 11, 10, 3]
    assert [a.number for a in regulation.articles] == list(range(1, 51))
    assert regulation.chapters[2].heading == "第三章 信访事项的提出和受理"
    assert regulation.meta["title"] == "信访工作条例"


def test_2022_item_counts(regulation):
    counts = {a.number: len(a.items) for a in regulation.articles if a.items}
    assert counts == {5: 5, 8: 3, 11: 7, 14: 7, 22: 3, 26: 6, 31: 6, 32: 3, 41: 4, 42: 4, 44: 3, 45: 4, 46: 7}


def test_article_model(regulation):
    article = regulation.article(17)
    assert article.label == "第十七条"
    assert article.anchor == "article-17"
    assert article.chapter == 3
    assert len(article.paragraphs) == 2
    assert article.text.startswith("公民、法人或者其他组织可以采用信息网络")
    item = regulation.article(31).items[5]
    assert (item.number, item.anchor, item.label) == (6, "article-31-6", "（六）")
    assert item.text.startswith("（六）不属于以上情形的")


def test_reads_2005_without_special_case():
    old = parse_regulation(ROOT / "sources/regulation-2005.md")
    assert len(old.chapters) == 7
    assert len(old.articles) == 51
    # 第二十一条: a paragraph inside the item list, then （四） continues the numbering.
    assert [item.number for item in old.article(21).items] == [1, 2, 3, 4]
    assert old.article(6).items[0].text.startswith("(一)")


def test_chinese_numerals_round_trip():
    for number in range(1, 200):
        assert parse_chinese_number(to_chinese_number(number)) == number
    assert to_chinese_number(17) == "十七"
    assert to_chinese_number(31) == "三十一"
    assert to_chinese_number(101) == "一百零一"


HEAD = "---\ntitle: 测试条例\nchapters: 1\narticles: 2\n---\n\n"


def _write(tmp_path, text):
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path, text) -> SourceError:
    with pytest.raises(SourceError) as caught:
        parse_regulation(_write(tmp_path, text))
    return caught.value


def test_article_out_of_sequence(tmp_path):
    error = _error(tmp_path, HEAD + "## 第一章 总则\n\n第一条　甲。\n第三条　乙。\n")
    assert error.line == 10
    assert str(error).endswith("bad.md:10: 条序号不连续：应为第二条，实际为第三条")


def test_item_outside_article(tmp_path):
    error = _error(tmp_path, HEAD + "## 第一章 总则\n\n（一）甲；\n第一条　乙。\n")
    assert error.line == 9
    assert "项“（一）甲；…”不在任何条之内" in str(error)


def test_missing_chapter_heading(tmp_path):
    error = _error(tmp_path, HEAD + "第一条　甲。\n第二条　乙。\n")
    assert error.line == 7
    assert "缺少“## 第X章”标题" in str(error)


def test_unknown_front_matter_key(tmp_path):
    error = _error(tmp_path, "---\ntitle: 测试条例\nauthor: 某人\n---\n\n## 第一章 总则\n\n第一条　甲。\n")
    assert error.line == 3
    assert "未知的前置元数据键“author”" in str(error)


def test_chapter_out_of_sequence(tmp_path):
    error = _error(tmp_path, HEAD + "## 第一章 总则\n\n第一条　甲。\n\n## 第三章 附则\n\n第二条　乙。\n")
    assert "章序号不连续：应为第二章，实际为第三章" in str(error)


def test_item_numbering_gap(tmp_path):
    error = _error(tmp_path, HEAD + "## 第一章 总则\n\n第一条　甲：\n（一）子；\n（三）丑。\n第二条　乙。\n")
    assert error.line == 11
    assert "第一条的项序号不连续：应为（二）" in str(error)


def test_declared_counts_must_match(tmp_path):
    error = _error(tmp_path, HEAD + "## 第一章 总则\n\n第一条　甲。\n")
    assert "前置元数据声明 articles: 2，实际读到 1 条" in str(error)
