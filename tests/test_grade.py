"""Grading answer sheets (grading.answers, grading.results, grading.report and `python -m generator grade`):
both 问卷星 layouts, GBK and XLSX, bad rows by line, ranks with ties, and statistics checked against their
textbook formulas."""

from __future__ import annotations

import csv
import io
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.grading.answers import load_key, read_answers
from generator.grading.report import render_report
from generator.grading.results import analyse, score_people

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "answers"
KEY = FIXTURES / "key.json"


def graded(name: str, partial: bool = False):
    key = load_key(KEY)
    sheet = read_answers(FIXTURES / name, key)
    return sheet, analyse(key, score_people(key, sheet.responses, partial))


def scores(results) -> dict[str, tuple[int, float]]:
    return {p.response.fields["姓名"]: (p.rank, p.score) for p in results.people}


def test_plain_csv_scores_ranks_and_bad_rows():
    sheet, results = graded("plain.csv")
    # 张三 and 吴十 answer everything right (吴十 with lower case, spaces, F, 十五 and a full-width bar).
    assert scores(results) == {"张三": (1, 10), "吴十": (1, 10), "李四": (3, 8), "王五": (4, 2), "赵六": (5, 0)}
    assert [str(p) for p in sheet.problems] == [
        f"{'tests/fixtures/answers/plain.csv'}:6: 卷型“C”不在答案中（有 A、B），本行未计分",
        "tests/fixtures/answers/plain.csv:7: 有 10 个单元格，比表头多出作答，本行未计分",
        "tests/fixtures/answers/plain.csv:8: 第 1 题（第 5 列）“E”无法识别：应为 A–D 的字母，本行未计分",
    ]
    li = next(p for p in results.people if p.response.fields["姓名"] == "李四")
    assert li.subtotals == {"single": 2, "multiple": 3, "judge": 1, "fill": 2}


def test_partial_half_is_wjx_shao_xuan_de_yi_ban():
    _, results = graded("plain.csv", partial=True)
    # 王五 picked A and B of ABC (3 points): half of 3; 赵六's wrong picks still score 0.
    assert scores(results)["王五"] == (4, 2 + 1.5)
    assert scores(results)["赵六"] == (5, 0)


def test_both_wjx_layouts_read_the_same_answers():
    text_sheet, by_text = graded("wjx-text.csv")
    number_sheet, by_number = graded("wjx-number.csv")
    assert (text_sheet.layout, number_sheet.layout) == ("wjx-text", "wjx-number")
    assert scores(by_text) == scores(by_number) == {"张三": (1, 10), "李四": (2, 4), "王五": (3, 1)}
    assert text_sheet.field_names == ["姓名", "单位"]
    assert not text_sheet.problems and not number_sheet.problems


def test_a_number_layout_cell_with_a_part_that_is_no_option_number_is_refused():
    """Reviewer: 1┋x was read as option 1, the x silently dropped."""
    from generator.grading.answers import parse_cell

    key = load_key(KEY)
    multiple = next(item for item in key.variants["A"] if item.type == "multiple")
    assert parse_cell("1┋3", multiple, "wjx-number") == [multiple.options[0], multiple.options[2]]
    with pytest.raises(ValueError, match="选项序号应在 1 到"):
        parse_cell("1┋x", multiple, "wjx-number")

def test_gbk_csv_is_detected():
    _, results = graded("plain-gbk.csv")
    assert scores(results) == {"张三": (1, 10), "李四": (2, 9)}


def test_xlsx_with_text_ids(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "工号", "单位", "卷型", 1, 2, 3, 4, 5])
    sheet.append(["张三", "0012345", "信访局", "A", "B", "A", "ABC", "错", "15|书面"])
    sheet.append(["李四", "0012346", "信访局", "B", "B", "C", "BCD", "×", None])
    sheet.append(["王五", "0012347", "信访局", "A", "B", "A", "ABC", "错", 15])  # one blank given: wrong
    book.save(tmp_path / "answers.xlsx")
    out, report = tmp_path / "results.csv", tmp_path / "report.html"
    assert main(["grade", str(KEY), str(tmp_path / "answers.xlsx"), "--out", str(out), "--report", str(report)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:6] == ["名次", "姓名", "工号", "单位", "卷型", "总分"]
    # Ties share rank 2 and keep the sheet's order.
    assert [row[:6] for row in rows[1:]] == [["1", "张三", '="0012345"', "信访局", "A", "10"],
                                             ["2", "李四", '="0012346"', "信访局", "B", "8"],
                                             ["2", "王五", '="0012347"', "信访局", "A", "8"]]


@pytest.mark.parametrize("partial", [False, True])
def test_statistics_follow_their_formulas(partial):
    _, results = graded("plain.csv", partial)
    people = results.people
    items = {item.id: item for item in results.items}
    totals = [p.score for p in people]
    for index, item in enumerate(results.items):
        x = [p.item_scores[index] for p in people]
        rest = [t - s for t, s in zip(totals, x)]
        assert item.facility == pytest.approx(statistics.mean(x) / item.points)
        assert item.discrimination == pytest.approx(statistics.correlation(x, rest))
    assert items["s1"].facility == pytest.approx(4 / 5)
    assert items["m1"].shares["信息网络"] == pytest.approx(4 / 5)  # all but 赵六 (B: abc = 非法聚集、传真、书信)
    k = len(results.items)
    item_var = sum(statistics.pvariance([p.item_scores[i] for p in people]) for i in range(k))
    assert results.test.alpha == pytest.approx(k / (k - 1) * (1 - item_var / statistics.pvariance(totals)))
    assert results.test.alpha_name == ("Cronbach α" if partial else "KR-20")  # 王五's half marks
    assert results.test.mean == pytest.approx(6.3 if partial else 6) and results.test.sd == pytest.approx(statistics.stdev(totals))
    assert results.articles[0].label == "第二十二条"  # s2 (0.4) and f1 (0.6): the class's weakest


def test_flags_for_easy_hard_and_negative_items(tmp_path):
    # s1 right for everyone (too easy), s2 right only for the weakest (negative discrimination).
    text = "姓名,卷型,1,2,3,4,5\n" + "\n".join([
        "甲,A,B,B,ABC,错,15|书面", "乙,A,B,B,ABC,错,15|书面", "丙,A,B,B,ABC,错,15|口头",
        "丁,A,B,B,AB,对,15|口头", "戊,A,B,A,AB,对,1|1"])
    (tmp_path / "a.csv").write_text(text, encoding="utf-8")
    key = load_key(KEY)
    results = analyse(key, score_people(key, read_answers(tmp_path / "a.csv", key).responses))
    items = {item.id: item for item in results.items}
    assert items["s1"].facility == 1 and "过易" in items["s1"].flags and items["s1"].discrimination is None
    assert items["s2"].discrimination < 0
    assert "区分度为负：答案可能有误或题意含糊，请核对第二十二条" in items["s2"].flags
    html = render_report(results, "测试卷")
    assert "区分度为负" in html and '<tr class="flagged">' in html


def test_report_marks_the_right_option_in_the_option_shares():
    """Review 3: the 选项分布 column gave each option's share without saying which one was right."""
    _, results = graded("plain.csv")
    html = render_report(results, "测试卷")
    assert "书面（正确）" in html and "口头（正确）" not in html  # s1: B = 书面
    assert "信息网络（正确）" in html and "传真（正确）" in html and "非法聚集（正确）" not in html  # m1: ABC
    assert "错（正确）" in html and "对（正确）" not in html  # j1: 错
    assert "答对（正确）" not in html  # a fill question's 答对/答错 need no mark


def test_report_is_offline_with_charts(tmp_path):
    _, results = graded("plain.csv")
    html = render_report(results, "测试卷")
    assert "<svg" in html and 'aria-label="分数分布直方图"' in html and 'aria-label="各章答对率"' in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html) and "<script" not in html
    assert sum(int(n) for n in re.findall(r'data-count="(\d+)"', html)) == len(results.people)
    assert "第三章 信访事项的提出和受理" in html


@pytest.mark.parametrize("content, message", [
    (b"", "作答文件是空的"),
    (b"\n\n", "作答文件是空的"),
    ("姓名,单位,得分\n张三,信访局,90\n".encode(), "表头应为“姓名,单位,卷型,1,2,…,N”"),
    ("姓名,卷型,1,3\n".encode(), "题号列应为 1 到 2 依次排列"),
    ("姓名,卷型,1,2\n张三,A,B,A\n".encode(), "作答表只有 2 道题的列，答案有 5 道"),
])
def test_bad_files_are_one_clear_error(tmp_path, capsys, content, message):
    path = tmp_path / "answers.csv"
    path.write_bytes(content)
    assert main(["grade", str(KEY), str(path), "--out", str(tmp_path / "r.csv"),
                 "--report", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_bad_xlsx_and_key_are_one_clear_error(tmp_path, capsys):
    fake = tmp_path / "answers.xlsx"
    fake.write_bytes(b"not a zip")
    assert main(["grade", str(KEY), str(fake)]) == 1
    assert "无法读取 Excel 文件" in capsys.readouterr().err
    assert main(["grade", str(tmp_path / "missing.json"), str(FIXTURES / "plain.csv")]) == 1
    assert "找不到答案文件" in capsys.readouterr().err
    (tmp_path / "key.json").write_text("{}", encoding="utf-8")
    assert main(["grade", str(tmp_path / "key.json"), str(FIXTURES / "plain.csv")]) == 1
    assert "不是 python -m generator exam 生成的答案文件" in capsys.readouterr().err


def test_terminal_table(tmp_path, capsys):
    assert main(["grade", str(KEY), str(FIXTURES / "plain.csv"), "--out", str(tmp_path / "r.csv"),
                 "--report", str(tmp_path / "r.html")]) == 0
    out = capsys.readouterr().out
    assert "成绩排名" in out and "张三" in out and "下次培训重点" in out
    assert "已计分 5 人，跳过 3 行（见上）" in out
    assert math.isfinite(float(re.search(r"平均分 ([\d.]+)", out).group(1)))


@pytest.mark.parametrize("columns", [60, 80])
def test_explanations_fill_their_lines_in_a_narrow_terminal(tmp_path, columns):
    """Reviewer: rich broke the 信度 explanation at the spaces around 0.7 and 0.5, leaving lines half empty."""
    from rich.cells import cell_len

    result = subprocess.run([sys.executable, "-m", "generator", "grade", str(KEY), str(FIXTURES / "plain.csv"),
                             "--out", str(tmp_path / "r.csv"), "--report", str(tmp_path / "r.html")],
                            capture_output=True, text=True, cwd=tmp_path, check=False,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "COLUMNS": str(columns)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("  信度"))
    end = next(i for i in range(start, len(lines)) if lines[i].endswith("题。"))
    paragraph = lines[start:end + 1]
    assert len(paragraph) >= 2
    assert all(line.startswith("  ") and cell_len(line) <= columns for line in paragraph)
    assert all(cell_len(line) >= columns - 3 for line in paragraph[:-1]), paragraph
    assert not any(line.strip()[0] in "，。、；：）" for line in paragraph), paragraph  # 避头
    assert "".join(line.strip() for line in paragraph).replace(" ", "") == (
        "信度（KR-20，题目有部分得分时为Cronbachα）：全卷是否一致地测出掌握程度。0.7以上较可靠；低于0.5时分数受偶然因素"
        "影响大，名次不宜作为唯一依据，可增加题量或替换区分度低的题。")

def test_no_wrapped_line_starts_with_closing_punctuation_at_any_width():
    """Reviewer: at 46 columns a line began with ）： (two closing marks together)."""
    from rich.cells import cell_len

    from generator.grading.report import EXPLAIN
    from generator.terminal import NO_LINE_END, NO_LINE_START, wrap

    for text in [*EXPLAIN.values(), "甲乙丙丁。”）下一句（注）"]:
        for width in range(12, 131):
            lines = wrap(text, width)
            assert "".join(lines).replace(" ", "") == text.replace(" ", ""), (width, lines)
            assert all(cell_len(line) <= width for line in lines), (width, lines)
            assert not any(line[0] in NO_LINE_START or line[-1] in NO_LINE_END for line in lines), (width, lines)

def test_benchmark_class_is_gradable(tmp_path):
    """The synthetic class of `bench --grade`: every row reads, and abler people score higher."""
    import json

    from generator.grading.benchmark import synthetic_answers

    synthetic_answers(json.loads(KEY.read_text(encoding="utf-8")), 300, tmp_path / "a.csv")
    key = load_key(KEY)
    sheet = read_answers(tmp_path / "a.csv", key)
    assert len(sheet.responses) == 300 and not sheet.problems
    results = analyse(key, score_people(key, sheet.responses))
    assert 0 < results.test.mean < 10 and results.test.alpha is not None
    assert all(item.discrimination is not None and item.discrimination > 0 for item in results.items)


def test_grade_runs_outside_the_project(tmp_path):
    """A trainer grades in any folder: grade needs only the key and the answers."""
    shutil.copy(KEY, tmp_path / "key.json")
    shutil.copy(FIXTURES / "plain.csv", tmp_path / "answers.csv")
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-m", "generator", "grade", "key.json", "answers.csv"], cwd=tmp_path,
                            capture_output=True, text=True, check=False,
                            env={**os.environ, "PYTHONPATH": str(root)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "results.csv").is_file() and (tmp_path / "report.html").is_file()


def test_unordered_fill_blanks_count_in_either_order(tmp_path):
    """A bank question with `unordered: true` keeps that rule through key.json: 信访部门 and 信访人 typed in
    the other order score, as on the site; an ordered fill typed swapped does not."""
    import json

    blanks = [["甲"], ["乙"]]
    item = {"type": "fill", "answer": blanks, "options": [], "points": 2, "articles": ["第一条"],
            "chapter": "第一章 总则"}
    key = {"version": 1, "title": "t", "variants": {"A": [
        dict(item, number=1, id="free", unordered=True), dict(item, number=2, id="fixed")]}}
    (tmp_path / "key.json").write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "answers.csv").write_text("姓名,单位,卷型,1,2\n张三,甲镇,A,乙|甲,乙|甲\n", encoding="utf-8")
    loaded = load_key(tmp_path / "key.json")
    people = score_people(loaded, read_answers(tmp_path / "answers.csv", loaded).responses)
    assert people[0].score == 2
