import re
from pathlib import Path

import pytest

from generator.errors import SourceError
from generator.texts.notice import parse_notice

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "sources/county-notice-2022.txt"


@pytest.fixture(scope="module")
def notice():
    return parse_notice(RAW)


def test_document_parts(notice):
    assert notice.header == "柞水县信访工作联席会议文件"
    assert notice.number == "柞信联发〔2022〕3号"
    assert notice.title == "关于认真学习宣传贯彻落实《信访工作条例》的通知"
    assert notice.addressees.startswith("各镇党委、政府，乾佑街道党工委、办事处")
    assert (notice.signature, notice.date) == ("柞水县信访工作联席会议", "2022年5月7日")
    assert (notice.print_issuer, notice.print_date) == ("柞水县信访工作联席会议", "2022年5月7日")
    assert notice.closing == ["在学习宣传贯彻落实《条例》中的重要情况、经验做法，请及时报告县信联办。"]


def test_sections_and_subsections(notice):
    assert [s.key for s in notice.sections] == ["一", "二", "三", "四"]
    assert [len(s.subsections) for s in notice.sections] == [3, 6, 3, 3]
    assert notice.sections[2].subsections[2].label == "（三）"
    assert notice.sections[2].subsections[2].title == "制定完善配套措施。"
    # 二 ends with its own summing-up paragraph after （六）.
    assert notice.sections[1].closing[0].startswith("全县各镇办、各部门要全面理解")


def test_page_breaks_are_rejoined(notice):
    body = notice.body_text()
    for joined in ["4月14日，中央信访工作联席会议召开会议", "必须坚持以党的创新理论武装头脑",
                   "坚持底线思维、法治思维", "及时妥善处理信访事项等职责", "纳入干部教育培训总体规划和年度计划"]:
        assert joined in body
    assert sum(r.kind == "rejoined" for r in notice.repairs) == 11
    assert "|" not in body


def _characters(text: str) -> str:
    """What must survive: everything but whitespace and the artefacts the reader repairs."""
    text = re.sub(r"\s+", "", text).replace("|", "")
    return re.sub(r"\(([一二三四五六七八九十]+)\)", r"（\1）", text)


def test_no_character_lost_or_added(notice):
    raw = RAW.read_text(encoding="utf-8")
    assert sorted(_characters(notice.body_text())) == sorted(_characters(raw))
    assert _characters(notice.body_text()) == _characters(raw)


def test_citation_keys(notice):
    assert notice.section_keys()[:3] == ["文头", "导语", "一"]
    assert "二（四）" in notice.section_keys()
    assert "大口进入、分类处理" in notice.section_text("二（四）")
    assert "柞信联发〔2022〕3号" in notice.section_text("文头")
    assert "2022年5月7日印发" in notice.section_text("落款")
    with pytest.raises(KeyError):
        notice.section_text("五")


def test_unrecognised_layout_names_the_line(tmp_path):
    broken = tmp_path / "notice.txt"
    lines = RAW.read_text(encoding="utf-8").splitlines()
    lines[4] = "柞信联发2022第3号"
    broken.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        parse_notice(broken)
    assert caught.value.line == 5
    assert "第二行应为文号" in str(caught.value)
