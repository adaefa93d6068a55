"""Printed papers (papers.draw, papers.write, papers.printing): the same questions per variant in another order, keys that
match what is printed, byte-identical output, and PDFs whose text is real characters with no question split
across pages."""

from __future__ import annotations

import csv
import io
import json
import re
import struct
import zlib
from pathlib import Path

import pytest

from generator.cli import main
from generator.quiz.bank import load_bank
from generator.quiz.model import ExamConfig
from generator.papers.draw import PaperError, paper_quota, parse_variants
from generator.papers.write import write_exam
from generator.texts.regulation import parse_regulation

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
KANGXI = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")


@pytest.fixture(scope="module")
def bank():
    return load_bank(ROOT / "quizzes")


@pytest.fixture(scope="module")
def regulation():
    return parse_regulation(ROOT / "sources" / "regulation-2022.md")


@pytest.fixture(scope="module")
def small_papers(bank, regulation, tmp_path_factory):
    out = tmp_path_factory.mktemp("papers")
    write_exam(bank, regulation, out, seed="7", variants=["A", "B"], count=12)
    return out


def test_quota_scales_to_count_and_refuses_too_many():
    exam = ExamConfig("t", 60, {"single": 20, "multiple": 10, "judge": 10, "fill": 5}, {})
    many = {"single": 200, "multiple": 200, "judge": 200, "fill": 200}
    assert paper_quota(exam, many, None) == {"single": 20, "multiple": 10, "judge": 10, "fill": 5}
    scaled = paper_quota(exam, many, 50)
    assert sum(scaled.values()) == 50 and scaled["single"] == 22
    assert sum(paper_quota(exam, many, 100).values()) == 100
    with pytest.raises(PaperError, match="要抽 10 道判断题，题库只有 3 道"):
        paper_quota(exam, dict(many, judge=3), None)


@pytest.mark.parametrize("text", ["", "A,A", "A,b2", "AB"])
def test_bad_variants_are_refused_in_chinese(text):
    with pytest.raises(PaperError, match="--variants 应为不重复的大写字母"):
        parse_variants(text)


def test_variants_share_questions_in_another_order(small_papers, bank):
    key = json.loads((small_papers / "key.json").read_text(encoding="utf-8"))
    a, b = key["variants"]["A"], key["variants"]["B"]
    assert len(a) == 12 and sorted(i["id"] for i in a) == sorted(i["id"] for i in b)
    assert [i["id"] for i in a] != [i["id"] for i in b]
    assert [i["type"] for i in a] == [i["type"] for i in b]  # sections in the same order
    by_id = {q.id: q for q in bank.questions}
    options_differ = 0
    for variant in (a, b):
        for item in variant:
            question = by_id[item["id"]]
            if question.type == "single":
                assert item["options"]["ABCDEFG".index(item["answer"])] == question.answer
            elif question.type == "multiple":
                picked = sorted(item["options"]["ABCDEFG".index(c)] for c in item["answer"])
                assert picked == sorted(question.answer)
            elif question.type == "judge":
                assert item["answer"] == ("对" if question.answer else "错")
    for item_a in a:
        item_b = next(i for i in b if i["id"] == item_a["id"])
        options_differ += item_a["options"] != item_b["options"]
    assert options_differ > 0


def test_printed_paper_matches_its_key(small_papers):
    key = json.loads((small_papers / "key.json").read_text(encoding="utf-8"))
    html = (small_papers / "paper-B.html").read_text(encoding="utf-8")
    for item in key["variants"]["B"]:
        block = re.search(rf'<div class="question" data-question-id="{item["id"]}" data-number="{item["number"]}">'
                          r"(.*?)</div>", html, re.DOTALL)
        assert block, item["id"]
        printed = re.findall(r"<li>([A-Z])\. (.*?)</li>", block.group(1))
        assert [text for _, text in printed] == item["options"]
    assert "卷型 <span class=\"variant\" data-variant=\"B\">B</span>" in html
    for label in ("姓名", "单位", "得分"):
        assert f"<th>{label}</th>" in html
    assert re.search(r"一、单项选择题（共 \d+ 题，每题 2 分，共 \d+ 分）", html)
    rows = list(csv.reader(io.StringIO((small_papers / "key.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["卷型", "题号", "题目ID", "题型", "答案", "分值"] and len(rows) == 1 + 24
    assert (small_papers / "key.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    sheet = (small_papers / "answer-sheet.html").read_text(encoding="utf-8")
    assert sheet.count('class="sheet-row"') == 12


def test_same_seed_gives_byte_identical_files(small_papers, bank, regulation, tmp_path):
    write_exam(bank, regulation, tmp_path, seed="7", variants=["A", "B"], count=12)
    names = sorted(p.relative_to(small_papers) for p in small_papers.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert "fonts/xf-serif.otf" in {str(n) for n in names}
    for name in names:
        assert (small_papers / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_missing_chromium_is_said_clearly(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XF_CHROMIUM", str(tmp_path / "no-chromium"))
    code = main(["exam", "--count", "8", "--seed", "1", "--out", str(tmp_path / "out"), "--pdf"])
    err = capsys.readouterr().err
    assert code == 1 and "未找到 Chromium，无法生成 PDF。HTML 试卷已生成" in err
    assert (tmp_path / "out" / "paper-A.html").is_file()


def _write_png(path: Path, bitmap) -> None:
    """RGB PNG from a pypdfium2 bitmap (no Pillow needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    buffer, step = bytes(bitmap.buffer), bitmap.n_channels
    rows = []
    for y in range(bitmap.height):
        line = buffer[y * bitmap.stride:y * bitmap.stride + bitmap.width * step]
        if step == 4:
            line = b"".join(line[i:i + 3] for i in range(0, len(line), 4))
        rows.append(b"\x00" + line)
    header = struct.pack(">IIBBBBB", bitmap.width, bitmap.height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.browser
def test_pdf_text_pages_and_page_one_png(tmp_path, capsys):
    pdfium = pytest.importorskip("pypdfium2")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium is not installed")
    out = tmp_path / "papers"
    assert main(["exam", "--count", "50", "--seed", "S", "--variants", "A,B", "--out", str(out), "--pdf"]) == 0
    assert "已打印 paper-A.pdf、paper-B.pdf、answer-sheet.pdf" in capsys.readouterr().out
    document = pdfium.PdfDocument(str(out / "paper-A.pdf"))
    pages = [_squash(document[i].get_textpage().get_text_range()) for i in range(len(document))]
    text = "".join(pages)
    assert "二" in text and "人" in text and not KANGXI.search(text), KANGXI.findall(text)[:5]
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页共{len(pages)}页" in page
    key = json.loads((out / "key.json").read_text(encoding="utf-8"))["variants"]["A"]

    def page_of(fragment: str) -> int:
        found = [i for i, page in enumerate(pages) if fragment in page]
        assert found, fragment
        return found[0]

    from generator.quiz.bank import load_bank
    stems = {q.id: q.stem.replace("____", "") for q in load_bank(ROOT / "quizzes").questions}
    previous_type = None
    for item in key:
        start = page_of(f"{item['number']}." + _squash(stems[item["id"]])[:10])
        # The question's last line (its last option, or its stem's end) is on the page where it starts.
        end = _squash(item["options"][-1]) if item["options"] else _squash(stems[item["id"]])[-6:]
        assert end in pages[start], (item["number"], start)
        if item["type"] != previous_type:  # a section heading sits on the page of its first question
            heading = {"single": "单项选择题", "multiple": "多项选择题", "judge": "判断题", "fill": "填空题"}
            assert heading[item["type"]] in pages[start]
            previous_type = item["type"]
    ARTIFACTS.mkdir(exist_ok=True)
    _write_png(ARTIFACTS / "paper-A-page1.png", document[0].render(scale=1.5, rev_byteorder=True))
    assert (ARTIFACTS / "paper-A-page1.png").stat().st_size > 10_000
    again = tmp_path / "again"
    assert main(["exam", "--count", "50", "--seed", "S", "--variants", "A,B", "--out", str(again), "--pdf"]) == 0
    assert (again / "paper-A.pdf").read_bytes() == (out / "paper-A.pdf").read_bytes()


# ---- the site's own print (assets/print.css, assets/print.js) -------------------------------------------

def _site_bank(built_site) -> dict:
    text = (built_site / "assets" / "quiz-bank.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("{"):text.rindex("}") + 1])


@pytest.mark.browser
def test_exam_prints_whole_with_answers_after_submitting(page, site_url, built_site):
    bank = _site_bank(built_site)
    total = sum(bank["exam"]["quota"].values())
    page.goto(site_url + "/exam/")
    page.locator("button[data-action=start-exam]").click()
    page.locator("button[data-action=submit-exam]").first.click()
    page.locator("button[data-action=confirm-submit]").click()
    page.wait_for_selector("[data-score]")
    page.emulate_media(media="print")
    questions = page.locator(".xf-question")
    assert questions.count() == total
    assert page.locator(".xf-question .xf-explanation:visible").count() == total
    assert not page.locator(".xf-actions").is_visible() and not page.locator(".xf-filter-toggle").is_visible()
    assert questions.first.evaluate("q => getComputedStyle(q).breakInside") == "avoid"


@pytest.mark.browser
@pytest.mark.parametrize("with_answers", [False, True])
def test_practice_page_prints_the_chapter_as_a_handout(page, site_url, built_site, with_answers):
    bank = _site_bank(built_site)
    chapter = [q for q in bank["questions"] if q["scope"] == "chapter-3"]
    page.add_init_script("window.print = function () { window.__printed = (window.__printed || 0) + 1; };")
    page.goto(site_url + "/practice/chapter-3/")
    label = "含答案：打印本章题目，每题后附答案和解析" if with_answers else "打印本章题目"
    page.get_by_role("button", name=label, exact=True).click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert not page.locator(".xf-quiz").is_visible() and not page.locator(".md-header").is_visible()
    items = page.locator(".xf-handout-item")
    assert items.count() == len(chapter)
    assert page.locator(".xf-handout h2").first.evaluate("h => h.parentElement.className") == "xf-handout-item"
    assert items.first.evaluate("q => getComputedStyle(q).breakInside") == "avoid"
    assert (page.locator(".xf-handout-answer").count() == len(chapter)) is with_answers
    by_id = {q["id"]: q for q in chapter}
    for index in range(items.count()):
        item = items.nth(index)
        q = by_id[item.get_attribute("data-question-id")]
        options = [text[3:] for text in item.locator("li").all_inner_texts()]
        assert options == q["options"]
        if with_answers and q["type"] == "single":
            letter = item.locator(".xf-handout-answer").inner_text().removeprefix("答案：")
            assert options["ABCDEFG".index(letter)] == q["answer"]
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".xf-quiz").is_visible()  # an ordinary print shows the page again
