"""Bad input and misuse of the commands: one test per class, each asserting the message and the exit code.

No case may end in a Python traceback: every run here also asserts that stderr has none.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REGULATION = "sources/regulation-2022.md"
NOTICE = "sources/county-notice-2022.txt"


def run(*args, cwd=ROOT):
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True,
                            text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def project(tmp_path) -> Path:
    """A writable copy of the inputs (sources/ ships read-only)."""
    for folder in ("sources", "study", "quizzes", "search"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for path in tmp_path.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return tmp_path


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def problems(result) -> list[str]:
    return [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]


# ---------------------------------------------------------------- encodings


def test_a_source_in_gb18030_names_the_file_the_line_and_the_encoding(project):
    path = project / REGULATION
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    result = run("check", cwd=project)
    assert result.returncode == 1
    # Line 2 is the first with Chinese (the title in the front matter).
    assert problems(result) == [f"{REGULATION}:2: 文件应为 UTF-8 编码，检测到的编码像是 GB18030："
                                "请用编辑器“另存为 UTF-8”后再试"]


def test_a_note_file_in_gbk_names_the_file_and_the_encoding(project):
    path = project / "study/glossary.yml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    result = run("check", cwd=project)
    assert result.returncode == 1
    [problem] = problems(result)
    assert problem.startswith("study/glossary.yml:") and "应为 UTF-8 编码，检测到的编码像是 GB" in problem


def test_a_file_cut_in_the_middle_of_a_character_says_so(project):
    path = project / NOTICE
    data = path.read_bytes()
    cut = data.rstrip(b"\n")[:-2]  # the last line ends …印发: cut inside 发
    path.write_bytes(cut)
    result = run("check", cwd=project)
    assert result.returncode == 1
    lines = cut.count(b"\n") + 1
    assert problems(result) == [f"{NOTICE}:{lines}: 文件在一个字符的中间结束（最后一个 UTF-8 字符不完整），"
                                "可能是复制或下载时被截断；应为完整的 UTF-8 文件"]


def test_a_bom_at_the_start_of_the_regulation_and_the_notice_is_accepted(project):
    for name in (REGULATION, NOTICE):
        path = project / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = run("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"{REGULATION}: 《信访工作条例》6 章 50 条 62 项，条文间引用 4 处"


def test_a_missing_source_file_is_named(project):
    (project / NOTICE).unlink()
    result = run("check", cwd=project)
    assert result.returncode == 1
    assert problems(result) == [f"{NOTICE}: 文件不存在"]


# ---------------------------------------------------------------- the texts' structure


def test_a_notice_missing_its_second_heading_is_one_error_on_the_notice(project):
    edit(project / NOTICE, "二、全面理解准确把握《条例》的主要内容\n", "")
    result = run("check", cwd=project)
    assert result.returncode == 1
    assert problems(result) == [f"{NOTICE}:30: 通知的小标题序号不连续：“一、”之下应为“（四）”，实际为“（一）”："
                                "“（一）”重复或顺序颠倒（是否漏了一级标题“二、”？）"]
    assert "study/ 和 quizzes/ 未检查：它们要与条例和通知核对，请先改正条例或通知的问题。" in result.stdout


def test_a_notice_with_a_duplicated_section_is_refused(project):
    edit(project / NOTICE, "四、切实加强组织领导", "三、切实加强组织领导")
    result = run("check", cwd=project)
    assert result.returncode == 1
    assert problems(result) == [f"{NOTICE}:69: 通知的一级标题序号不连续：应为“四、”，实际为“三、”：“三、”重复或顺序颠倒"]


def test_a_notice_with_sections_out_of_order_is_refused(project):
    edit(project / NOTICE, "二、全面理解", "三、全面理解")
    result = run("check", cwd=project)
    assert result.returncode == 1
    assert problems(result) == [f"{NOTICE}:27: 通知的一级标题序号不连续：应为“二、”，实际为“三、”：缺少“二、”"]


def test_a_regulation_cut_inside_its_last_article_is_refused(project):
    path = project / REGULATION
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.rindex("自2022年5月1日起施行")], encoding="utf-8")
    result = run("check", cwd=project)
    assert result.returncode == 1
    [problem] = problems(result)
    assert problem.startswith(f"{REGULATION}:{text.count(chr(10))}: 文件在第五十条中间结束：最后一行“…")
    assert problem.endswith("”没有以句号结尾，文件可能被截断")


def test_a_regulation_cut_before_its_last_article_compares_with_the_front_matter(project):
    path = project / REGULATION
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("第五十条")], encoding="utf-8")
    result = run("check", cwd=project)
    assert result.returncode == 1
    [problem] = problems(result)
    assert problem.endswith("前置元数据声明 articles: 50，实际读到 49 条，文件可能不完整（被截断）")


# ---------------------------------------------------------------- the banks


@pytest.mark.parametrize("content", ["", "# 第七章的题以后再写\n", "[]\n"])
def test_an_empty_bank_file_warns_and_fails_under_strict(project, content):
    (project / "quizzes/chapter-7.yml").write_text(content, encoding="utf-8")
    result = run("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "1 个警告：" in result.stderr
    assert problems(result) == ["quizzes/chapter-7.yml: 题库文件中没有题目（空文件、只有注释或 []），网站上不会出现它的题"]
    assert result.stdout.splitlines()[-1] == "全部输入检查通过。（有警告，见上）"
    strict = run("check", "--strict", cwd=project)
    assert strict.returncode == 1
    assert "--strict：有警告，视为未通过。" in strict.stderr


def test_a_yaml_extension_bank_is_read(project):
    def total(result):
        assert result.returncode == 0, result.stderr
        return next(line for line in result.stdout.splitlines() if line.startswith("合计: "))

    before = total(run("check", cwd=project))
    (project / "quizzes/chapter-6.yml").rename(project / "quizzes/chapter-6.yaml")
    assert total(run("check", cwd=project)) == before


def test_an_exam_settings_file_named_yaml_is_refused(project):
    (project / "quizzes/exam.yml").rename(project / "quizzes/exam.yaml")
    result = run("check", cwd=project)
    assert result.returncode == 1
    assert "quizzes/exam.yaml: 设置文件应命名为 exam.yml（扩展名 .yml），否则不会被读取" in problems(result)


def test_a_judge_answer_yes_is_refused(project):
    path = project / "quizzes/chapter-3.yml"
    edit(path, "  answer: false\n  articles: [17]", "  answer: yes\n  articles: [17]")
    line = path.read_text(encoding="utf-8").splitlines().index("  answer: yes") + 1
    result = run("check", cwd=project)
    assert result.returncode == 1
    assert problems(result) == [f"quizzes/chapter-3.yml:{line}: c3-a17-who: 判断题的答案应为 true 或 false，"
                                "实际为“yes”"]


def test_a_fill_answer_of_only_punctuation_is_refused(project):
    path = project / "quizzes/chapter-3.yml"
    edit(path, "answer: [[依规依法, 依法依规]]", "answer: [[依规依法, 依法依规, 。]]")
    line = path.read_text(encoding="utf-8").splitlines().index("  answer: [[依规依法, 依法依规, 。]]") + 1
    result = run("check", cwd=project)
    assert result.returncode == 1
    assert problems(result) == [f"quizzes/chapter-3.yml:{line}: c3-a17-handle: 填空题答案“。”只有标点或空白，"
                                "无法作答：应为条文中的字词或数字"]


def test_a_phrase_in_ascii_quotes_is_grounded_like_chinese_quotes(project):
    path = project / "quizzes/chapter-3.yml"
    edit(path, "第十七条第一款规定，“有关机关、单位应当依规依法处理”。",
         '第十七条第一款规定，"有关机关、单位应当从快处理"。')
    result = run("check", cwd=project)
    assert result.returncode == 1
    [problem] = problems(result)
    assert problem.startswith("quizzes/chapter-3.yml:") and "有关机关、单位应当从快处理" in problem


# ---------------------------------------------------------------- where the commands run and write


def test_check_from_another_folder_says_where_it_looked(tmp_path):
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (f"python -m generator check：当前目录 {tmp_path} 及其上级目录都不是本项目"
                             f"（找不到 mkdocs.yml 或 {REGULATION}）：请在项目目录中运行，或用 --root 指定项目目录\n")


def test_export_from_another_folder_says_where_it_looked(tmp_path):
    result = run("export", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("python -m generator export：当前目录 ")


def test_check_from_a_subfolder_finds_the_project(project):
    result = run("check", cwd=project / "quizzes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "全部输入检查通过。"


def test_root_must_be_an_existing_folder(tmp_path):
    missing = run("--root", str(tmp_path / "nowhere"), "check")
    assert missing.returncode == 2
    assert missing.stderr == f"python -m generator check：--root 指向的目录不存在：{tmp_path / 'nowhere'}\n"
    file = tmp_path / "mkdocs.yml"
    file.write_text("site_name: x\n", encoding="utf-8")
    onto_file = run("--root", str(file), "check")
    assert onto_file.returncode == 2
    assert onto_file.stderr == f"python -m generator check：--root 应为项目目录，{file} 是一个文件\n"


def _read_only_target(tmp_path: Path) -> Path:
    """A path no file can be written to, for this user: root ignores permission bits, not sysfs."""
    if os.geteuid() == 0:
        return Path("/sys/xinfang-export.json")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    return folder / "bank.json"


@pytest.mark.parametrize("command", [["export", "--format", "json"], ["suggest"]])
def test_out_into_a_missing_folder_onto_a_folder_or_read_only_is_refused(tmp_path, command):
    missing = run(*command, "--out", str(tmp_path / "nowhere/out.txt"))
    assert missing.returncode == 1
    assert missing.stderr == f"{tmp_path / 'nowhere/out.txt'}: --out 所在的文件夹 {tmp_path / 'nowhere'} 不存在：请先创建它\n"
    folder = run(*command, "--out", str(tmp_path))
    assert folder.returncode == 1
    assert folder.stderr == f"{tmp_path}: --out 应为文件名，这是一个已有的文件夹\n"
    target = _read_only_target(tmp_path)
    locked = run(*command, "--out", str(target))
    assert locked.returncode == 1
    assert locked.stderr == f"{target}: 无法写入 --out：没有权限\n"
    assert not target.exists()


def test_bundle_checks_its_out_before_building(tmp_path):
    # No docs/ in this root: had bundle built first, the message would be MkDocs' failure instead.
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    result = run("--root", str(tmp_path), "bundle", "--out", str(tmp_path / "nowhere/site.zip"))
    assert result.returncode == 1
    assert result.stderr == (f"{tmp_path / 'nowhere/site.zip'}: --out 所在的文件夹 {tmp_path / 'nowhere'} "
                             "不存在：请先创建它\n")


def test_bench_refuses_zero_runs():
    result = run("bench", "--runs", "0")
    assert result.returncode == 2
    assert result.stderr.startswith("用法：python -m generator bench [-h] [--root 目录] [--runs 次数]")
    assert result.stderr.splitlines()[-1] == "python -m generator bench：错误：参数 --runs：应为正整数，实际为“0”"


@pytest.mark.parametrize("args, message", [
    ([], "python -m generator：错误：缺少参数：命令"),
    (["chek"], "python -m generator：错误：参数 命令：无效的选择 'chek'（可选：'check', 'bundle', 'bench', 'classroom', "
               "'export', 'exam', 'grade', 'suggest', 'lint'）"),
    (["export", "--format", "xml"], "python -m generator export：错误：参数 --format：无效的选择 'xml'"
                                    "（可选：'json', 'gift', 'wjx', 'txt'）"),
    (["check", "extra"], "python -m generator：错误：无法识别的参数：extra"),
])
def test_misused_commands_are_told_in_chinese(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == message
    assert result.stderr.startswith("用法：python -m generator")


@pytest.mark.parametrize("command", [[], ["check"], ["export"]])
def test_help_is_chinese(command):
    help_text = run(*command, "--help").stdout
    assert help_text.startswith("用法：python -m generator")
    assert "显示本帮助并退出" in help_text
    for english in ("usage", "options", "positional arguments", "show this help"):
        assert english not in help_text


def test_an_unexpected_failure_is_reported_without_a_traceback(tmp_path, monkeypatch, capsys):
    from generator import cli

    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "cmd_check", broken)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert cli.main(["check"]) == 70
    err = capsys.readouterr().err
    assert err == ("python -m generator check：程序内部错误（这是本程序的缺陷，不是输入的问题）。"
                   "详细信息已写入 generator-error.log，请连同它报告给维护者。\n")
    assert "RuntimeError: boom" in (tmp_path / "generator-error.log").read_text(encoding="utf-8")
