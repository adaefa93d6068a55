"""The trainer's route after drawing a paper (issue 17 items 2, 3 and 5): the answer-entry template filled
and graded unchanged, the drawn paper as 问卷星 text import parsed back in the paper's order and its
export graded, the report a trainer reads, and `exam --pdf` refusing without CJK fonts."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.grading.results import ItemStats, _flags
from generator.grading.report import question_label

ROOT = Path(__file__).resolve().parent.parent
TYPE_TAGS = {"[单选题]": "single", "[多选题]": "multiple", "[判断题]": "judge", "[填空题]": "fill"}


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    out = tmp_path_factory.mktemp("route") / "papers"
    assert main(["--root", str(ROOT), "exam", "--count", "20", "--seed", "route", "--variants", "A,B",
                 "--out", str(out)]) == 0
    return out


def _key(papers: Path) -> dict:
    return json.loads((papers / "key.json").read_text(encoding="utf-8"))["variants"]


def _right(item: dict) -> str:
    if item["type"] == "fill":
        return "|".join(variants[0] for variants in item["answer"])
    return item["answer"]


def _grade(tmp_path: Path, papers: Path, answers: Path, *extra: str) -> dict[str, list[str]]:
    out = tmp_path / "results.csv"
    assert main(["grade", str(papers / "key.json"), str(answers), "--out", str(out),
                 "--report", str(tmp_path / "report.html"), *extra]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    return {row[rows[0].index("姓名")]: row for row in rows[1:]} | {"": rows[0]}


# ---- answers-template.xlsx / .csv -----------------------------------------------------------------------------

def test_template_has_the_header_text_cells_validation_frozen_header_and_40_rows(papers):
    from openpyxl import load_workbook

    count = len(_key(papers)["A"])
    header = ["姓名", "单位", "工号", "卷型", *map(str, range(1, count + 1))]
    sheet = load_workbook(papers / "answers-template.xlsx").active
    assert [cell.value for cell in sheet[1]] == header
    assert sheet.freeze_panes == "A2"
    assert all(sheet.cell(row=row, column=column).number_format == "@"
               for row in (2, 41) for column in (1, 3, len(header)))
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    assert rules["D2:D41"].formula1 == '"A,B"'
    types = {item["number"]: item for item in _key(papers)["A"]}
    letter = {n: sheet.cell(row=1, column=4 + n).column_letter for n in types}
    single = next(n for n, item in types.items() if item["type"] == "single")
    judge = next(n for n, item in types.items() if item["type"] == "judge")
    multiple = next(n for n, item in types.items() if item["type"] == "multiple")
    assert rules[f"{letter[single]}2:{letter[single]}41"].formula1.startswith('"A,B,C')
    assert rules[f"{letter[judge]}2:{letter[judge]}41"].formula1 == '"对,错"'
    assert rules[f"{letter[multiple]}2:{letter[multiple]}41"].type == "custom"
    rows = list(csv.reader(io.StringIO((papers / "answers-template.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == header and len(rows) == 41 and not any(any(row) for row in rows[1:])


def test_template_filled_for_40_people_grades_unchanged(papers, tmp_path):
    from openpyxl import load_workbook

    key = _key(papers)
    book = load_workbook(papers / "answers-template.xlsx")
    sheet = book.active
    for row in range(2, 42):
        variant = "AB"[row % 2]
        person = row - 1
        sheet.cell(row=row, column=1, value=f"学员{person:02d}")
        sheet.cell(row=row, column=2, value="信访局")
        sheet.cell(row=row, column=3, value="0012345" if person == 1 else "13800138000")
        sheet.cell(row=row, column=4, value=variant)
        for item in key[variant]:
            # The first `person // 2` questions right, the rest left blank.
            if item["number"] <= person // 2:
                sheet.cell(row=row, column=4 + item["number"], value=_right(item))
    book.save(tmp_path / "filled.xlsx")
    rows = _grade(tmp_path, papers, tmp_path / "filled.xlsx")
    assert len(rows) == 1 + 40
    for person in range(1, 41):
        variant = "AB"[(person + 1) % 2]
        expected = sum(item["points"] for item in key[variant] if item["number"] <= person // 2)
        assert float(rows[f"学员{person:02d}"][rows[""].index("总分")]) == pytest.approx(expected), person
    assert rows["学员01"][3] == '="0012345"' and rows["学员02"][3] == '="13800138000"'


def test_template_is_byte_identical_for_the_same_seed(papers, tmp_path):
    assert main(["--root", str(ROOT), "exam", "--count", "20", "--seed", "route", "--variants", "A,B",
                 "--out", str(tmp_path / "again")]) == 0
    for name in ("answers-template.xlsx", "answers-template.csv", "paper-A-wjx.txt"):
        assert (tmp_path / "again" / name).read_bytes() == (papers / name).read_bytes(), name


# ---- paper-A-wjx.txt ----------------------------------------------------------------------------------------

def parse_wjx(text: str) -> list[dict]:
    """问卷星 text import as its importer reads it: `N.title[type]`, then one option per line."""
    questions = []
    for block in text.strip().split("\n\n"):
        lines = block.split("\n")
        match = re.match(r"^(\d+)\.(.*)(\[[^\]]+\])$", lines[0])
        assert match, lines[0]
        questions.append({"number": int(match.group(1)), "title": match.group(2),
                          "type": TYPE_TAGS[match.group(3)], "options": lines[1:]})
    return questions


@pytest.mark.parametrize("variant", ["A", "B"])
def test_wjx_text_parses_back_to_the_papers_order_and_options(papers, variant):
    from generator.quiz.bank import load_bank

    stems = {q.id: q.stem for q in load_bank(ROOT / "quizzes").questions}
    questions = parse_wjx((papers / f"paper-{variant}-wjx.txt").read_text(encoding="utf-8"))
    assert [(q["title"], q["type"]) for q in questions[:3]] == [("姓名", "fill"), ("单位", "fill"), ("工号", "fill")]
    key = _key(papers)[variant]
    assert len(questions) == 3 + len(key)
    for question, item in zip(questions[3:], key, strict=True):
        assert question["type"] == item["type"]
        stem = stems[item["id"]].replace("____", "______").replace("[", "［").replace("]", "］")
        assert question["title"].replace("．", ".") == stem.replace("．", "."), item["number"]
        expected = item["options"] if item["type"] in ("single", "multiple") else (
            ["对", "错"] if item["type"] == "judge" else [])
        assert question["options"] == expected


@pytest.mark.parametrize("layout", ["text", "number"])
def test_a_wjx_style_export_of_the_paper_grades(papers, tmp_path, layout):
    key = _key(papers)["B"]
    questions = parse_wjx((papers / "paper-B-wjx.txt").read_text(encoding="utf-8"))
    header = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP",
              *(f"{q['number']}、{q['title']}" for q in questions), "总分"]

    def cell(item: dict, right: bool) -> str:
        question = next(q for q in questions[3:] if q["number"] == item["number"] + 3)
        if item["type"] == "fill":
            return "┋".join(v[0] for v in item["answer"]) if right else "不知道"
        if item["type"] == "judge":
            value = item["answer"] if right else ("错" if item["answer"] == "对" else "对")
            return value if layout == "text" else str(["对", "错"].index(value) + 1)
        letters = item["answer"] if right else ("B" if item["answer"] != "B" else "A")
        picked = [question["options"]["ABCDEFGH".index(letter)] for letter in letters]
        return "┋".join(picked) if layout == "text" else "┋".join(str("ABCDEFGH".index(x) + 1) for x in letters)

    rows = [header,
            ["1", "2026/5/6 10:00:01", "120秒", "微信", "N/A", "1.2.3.4", "张三", "信访局", "001",
             *(cell(item, True) for item in key), "0"],
            ["2", "2026/5/6 10:02:01", "99秒", "微信", "N/A", "1.2.3.5", "李四", "公安局", "002",
             *(cell(item, item["number"] % 2 == 0) for item in key), "0"]]
    path = tmp_path / "wjx.csv"
    with path.open("w", encoding="gbk", newline="") as handle:  # 问卷星 saves GBK for Excel
        csv.writer(handle).writerows(rows)
    graded = _grade(tmp_path, papers, path, "--variant", "B")
    total = graded[""].index("总分")
    assert float(graded["张三"][total]) == sum(item["points"] for item in key)
    assert float(graded["李四"][total]) == sum(item["points"] for item in key if item["number"] % 2 == 0)


# ---- the report ---------------------------------------------------------------------------------------------

def test_report_names_questions_explains_statistics_and_puts_weak_articles_first(papers, tmp_path):
    key = _key(papers)
    path = tmp_path / "answers.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["姓名", "单位", "卷型", *range(1, len(key["A"]) + 1)])
        for person in range(12):
            writer.writerow([f"学员{person}", "信访局", "A",
                             *(_right(item) if (item["number"] + person) % 3 else "" for item in key["A"])])
    _grade(tmp_path, papers, path)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    first = key["A"][0]
    from generator.quiz.bank import load_bank

    stem = next(q.stem for q in load_bank(ROOT / "quizzes").questions if q.id == first["id"])
    b_number = next(item["number"] for item in key["B"] if item["id"] == first["id"])
    label = f"A 卷第 1 题（B 卷第 {b_number} 题）：{stem[:18]}"
    assert label in html and first["articles"][0] in html
    assert first["id"] not in html.split('data-table="items"')[1]  # named by number and stem, not by id
    for words in ("区分度低于 0.30：这道题答对与否和总分关系不大，检查题干是否有歧义", "答对率 = 平均得分 ÷ 分值",
                  "0.7 以上较可靠", "标准差：分数的分散程度"):
        assert words in html
    assert html.index('data-table="articles"') < html.index("分数分布") < html.index('data-table="items"')


@pytest.mark.parametrize("value, shown, flag", [(0.297, "0.30", None), (0.294, "0.29", "区分度低"),
                                                (-0.004, "0.00", "区分度低"), (-0.006, "-0.01", "区分度为负")])
def test_flags_agree_with_the_figure_shown(value, shown, flag):
    from generator.grading.report import _stat

    stats = ItemStats("q", "single", {"A": 1}, 2, ["第十九条"], "第三章", facility=0.5, discrimination=value)
    assert _stat(value) == shown
    assert [f[:5] for f in _flags(stats)] == ([flag[:5]] if flag else [])


def test_question_label_without_a_stem_falls_back_to_the_id():
    stats = ItemStats("sc-two-bodies", "single", {"A": 3}, 2, ["第七条"], "第二章")
    assert question_label(stats) == "第 3 题：sc-two-bodies（第七条）"


# ---- exam --pdf without CJK fonts ---------------------------------------------------------------------------

def test_exam_pdf_without_cjk_fonts_refuses_with_install_instructions(tmp_path, monkeypatch, capsys):
    from generator.papers import printing

    monkeypatch.setattr(printing, "find_font", lambda pattern: None)
    out = tmp_path / "out"
    assert main(["--root", str(ROOT), "exam", "--count", "8", "--out", str(out), "--pdf"]) == 1
    err = capsys.readouterr().err
    assert "未找到 Noto CJK 中文字体" in err and "sudo apt-get install fonts-noto-cjk" in err
    assert not out.exists()
