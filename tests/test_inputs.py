"""Inputs that used to crash or hang the build and the CLI (issue 20): each stops with the file, the line
where known, and a reason in Chinese, from `python -m generator` and from `mkdocs build` alike, never a
traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import bundle

ROOT = Path(__file__).resolve().parent.parent
DEEP = "方括号或花括号嵌套过深：文件结构不正常（是否被生成工具写坏？）"
NESTED = "列表或映射嵌套超过 100 层：文件结构不正常（是否被生成工具写坏？）"


def billion_laughs() -> str:
    """Nine levels of nine aliases each (9⁹ ≈ 387 million strings once expanded), in under 600 bytes."""
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for previous, name in zip("abcdefgh", "bcdefghi"):
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    return text


PYTHON_TAG = '- id: x\n  type: judge\n  stem: !!python/object/apply:os.system ["touch {marker}"]\n'


def run(*args, cwd: Path = ROOT, timeout: float = 60):
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True,
                            text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                            timeout=timeout)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def problems(result) -> list[str]:
    return [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]


@pytest.fixture
def project(tmp_path) -> Path:
    """A writable copy of the project that builds (node_modules linked from this checkout)."""
    for name in ("docs", "overrides", "search", "sources", "study", "quizzes"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for path in tmp_path.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return tmp_path


def set_option(root: Path, line: str) -> None:
    """Replace the xinfang plugin's regulation line of mkdocs.yml by `line` (one or more option lines)."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    old = "      regulation: sources/regulation-2022.md\n"
    assert old in text
    config.write_text(text.replace(old, line), encoding="utf-8")


def build_output(root: Path) -> str:
    """MkDocs' output of a build that must fail."""
    with pytest.raises(bundle.BundleError) as failed:
        bundle.build_site(root, root / "site")
    output = str(failed.value)
    assert "Traceback" not in output, output
    assert not (root / "site" / "index.html").exists()
    return output


# ---------------------------------------------------------------- the cases, each for check and for the build

def _deep_competition(root):
    deep = "teams: " + "[" * 3000 + "]" * 3000 + "\n"
    (root / "quizzes/competition.yml").write_text(deep, encoding="utf-8")
    return f"quizzes/competition.yml:1: 不是有效的 YAML：{DEEP}"


def _deep_flow(root):
    (root / "study/flow.yml").write_text("steps:\n" + "- " * 3000 + "x\n", encoding="utf-8")
    return f"study/flow.yml:2: {NESTED}"


def _symlink_loop(root):
    (root / "quizzes/loop.yml").symlink_to("loop.yml")
    return "quizzes/loop.yml: 符号链接循环（链接最终指回自己）：应为普通文件"


def _dev_zero(root):
    set_option(root, "      regulation: /dev/zero\n")
    return "/dev/zero: 应为普通文件，实际是字符设备（如 /dev/zero）"


def _fifo(root):
    os.mkfifo(root / "sources/fifo.md")
    set_option(root, "      regulation: sources/fifo.md\n")
    return "sources/fifo.md: 应为普通文件，实际是命名管道（FIFO）"


def _python_tag(root):
    marker = root / "executed"
    (root / "quizzes/chapter-7.yml").write_text(PYTHON_TAG.format(marker=marker), encoding="utf-8")
    return ("quizzes/chapter-7.yml:3: 不支持 YAML 标签 !!python/object/apply:os.system：只能写文字、数字、真假、"
            "列表和映射（出于安全，不执行任何标签）")


def _laughs(root):
    (root / "quizzes/chapter-7.yml").write_text(billion_laughs(), encoding="utf-8")
    return "quizzes/chapter-7.yml:6: 别名（*e）展开后超过 100000 个节点：文件像是“十亿笑声”式的炸弹，拒绝读取"


def _duplicate_key(root):
    path = root / "quizzes/competition.yml"
    text = path.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line[:1] not in ("", " ", "#"))
    path.write_text(text + first + "\n", encoding="utf-8")
    key = first.split(":")[0]
    return (f"quizzes/competition.yml:{text.count(chr(10)) + 1}: 键“{key}”重复"
            f"（同一层第 {text.splitlines().index(first) + 1} 行已有）")


CASES = {"deep competition.yml": _deep_competition, "deep flow.yml": _deep_flow,
         "symlink loop": _symlink_loop, "regulation /dev/zero": _dev_zero, "regulation FIFO": _fifo,
         "python tag": _python_tag, "billion laughs": _laughs, "duplicate key": _duplicate_key}


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_stops_with_the_reason(project, case):
    expected = CASES[case](project)
    start = time.monotonic()
    result = run("check", cwd=project, timeout=30)
    assert result.returncode == 1
    assert expected in problems(result)
    assert time.monotonic() - start < 20
    assert not (project / "executed").exists()


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_build_stops_with_the_reason(project, case):
    expected = CASES[case](project)
    assert expected in build_output(project)
    assert not (project / "executed").exists()


# ---------------------------------------------------------------- lint reads other people's files


@pytest.mark.parametrize("name, content, message", [
    ("laughs.yml", billion_laughs(), "laughs.yml:6: 别名（*e）展开后超过 100000 个节点"),
    ("tag.yml", PYTHON_TAG, "tag.yml:3: 不支持 YAML 标签 !!python/object/apply:os.system"),
    ("brackets.yml", "[" * 100_000, f"brackets.yml:1: 不是有效的 YAML：{DEEP}"),
    ("deep.yml", "- " * 3000 + "x\n", f"deep.yml:1: {NESTED}"),
    ("key.yml", "- id: a\n  ? [a, b]\n  : 1\n", "key.yml:2: 映射的键应为文字，这里是一个列表或映射（“? [a, b]”这类复合键不受支持）"),
    ("tab.yml", "- id: a\n  type: judge\n\tstem: x\n", "tab.yml:3: 不是有效的 YAML：缩进里有制表符（Tab）：YAML 只能用空格缩进"),
    ("colon.yml", "- id: a\n  type judge\n  stem: x\n", "colon.yml:2: 不是有效的 YAML：这一行缺少“键: 值”的冒号"),
    ("open.yml", "- id: a\n  options: [甲, 乙\n  stem: x\n", "open.yml:2: 不是有效的 YAML：方括号 [ 没有闭合"),
    ("quote.yml", '- id: a\n  stem: "未闭合\n  answer: x\n', "quote.yml:2: 不是有效的 YAML：文件在引号或括号闭合之前就结束了"),
    ("deep.json", "[" + "[" * 100_000, "deep.json:1: JSON 的方括号或花括号嵌套过深：文件结构不正常"),
    ("big.csv", '题型,题干,A,B,答案\n单选,"题\n' + "x" * 200_000 + "\n",
     "big.csv:2: 有一个单元格超过 131072 个字符：多半是这一行的引号（\"）没有闭合"),
])
def test_lint_refuses_hostile_files_quickly(tmp_path, name, content, message):
    content = content.replace("{marker}", str(tmp_path / "executed"))
    (tmp_path / name).write_text(content, encoding="utf-8")
    start = time.monotonic()
    result = run("lint", str(tmp_path / name), timeout=30)
    assert time.monotonic() - start < 10
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tmp_path}/{message}"), result.stderr
    assert not re.search(r"\b(found|expected|while|could not|not allowed|field limit)\b", result.stderr)
    assert "ScalarNode" not in result.stderr and "unicode string" not in result.stderr
    assert not (tmp_path / "executed").exists()


def test_lint_refuses_devices_and_fifos(tmp_path):
    os.mkfifo(tmp_path / "bank.csv")
    result = run("lint", str(tmp_path / "bank.csv"), timeout=30)
    assert result.returncode == 1
    assert result.stderr == f"{tmp_path}/bank.csv: 应为普通文件，实际是命名管道（FIFO）\n"
    assert run("lint", "/dev/zero", timeout=30).stderr == "/dev/zero: 应为普通文件，实际是字符设备（如 /dev/zero）\n"


# ---------------------------------------------------------------- the plugin's options


def test_a_wrong_option_type_and_an_unknown_option_are_named_in_chinese(project):
    set_option(project, "      regulation: 5\n      colour: red\n")
    type_error = ("插件 xinfang 的选项 regulation 应为路径文字（如 sources/regulation-2022.md），实际为“5”（数字）")
    unknown = "插件 xinfang 没有选项“colour”（可用的选项："
    output = build_output(project)
    assert type_error in output and unknown in output
    assert "Expected type" not in output and "Unrecognised" not in output
    result = run("check", cwd=project)
    assert result.returncode == 1
    assert f"mkdocs.yml: {type_error}" in result.stderr and f"mkdocs.yml: {unknown}" in result.stderr


@pytest.mark.parametrize("option, message", [
    ("minisearch: ../../../etc/passwd", "插件 xinfang 的选项 minisearch 指向项目之外的 /etc/passwd："
                                        "只能是项目文件夹或其 node_modules 中的文件"),
    ("userdict: nowhere.txt", "插件 xinfang 的选项 userdict 指向的文件不存在："),
    ("userdict: study", "插件 xinfang 的选项 userdict 指向的 study 不是普通文件"),
    ("resize_observer_polyfill: /etc/passwd", "插件 xinfang 的选项 resize_observer_polyfill 指向项目之外的 /etc/passwd"),
])
def test_asset_paths_stay_in_the_project_and_exist(project, option, message):
    set_option(project, f"      regulation: sources/regulation-2022.md\n      {option}\n")
    output = build_output(project)
    assert message in output
    assert "root:" not in output


@pytest.mark.parametrize("setting, message", [
    ("repo_url: https://github.com/x/y", "repo_url 会让主题在每一页向 GitHub/GitLab 请求仓库信息"),
    ("extra_javascript: [https://cdn.example/x.js]", "extra_javascript 中的 https://cdn.example/x.js 在另一个网站上"),
    ("extra_css: [//cdn.example/x.css]", "extra_css 中的 //cdn.example/x.css 在另一个网站上"),
])
def test_settings_that_would_reach_another_host_are_refused(project, setting, message):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(f"{text}{setting}\n", encoding="utf-8")
    assert message in build_output(project)


# ---------------------------------------------------------------- where the commands write


def test_exam_out_onto_a_file_or_an_unwritable_folder_is_refused_before_any_work(tmp_path):
    existing = tmp_path / "papers.html"
    existing.write_text("keep", encoding="utf-8")
    onto_file = run("exam", "--count", "5", "--out", str(existing))
    assert onto_file.returncode == 1
    assert onto_file.stderr == f"{existing}: --out 应为文件夹（文件都写在里面），这是一个已有的文件\n"
    assert existing.read_text(encoding="utf-8") == "keep"
    under_file = run("exam", "--count", "5", "--out", str(existing / "sub"))
    assert under_file.stderr == f"{existing / 'sub'}: --out 的上级 {existing} 是文件，不是文件夹\n"
    if os.geteuid() == 0:
        locked = Path("/sys/xinfang-papers")
    else:
        (tmp_path / "locked").mkdir(mode=0o555)
        locked = tmp_path / "locked" / "papers"
    refused = run("exam", "--count", "5", "--out", str(locked))
    assert refused.stderr == f"{locked}: 无法写入 --out：没有权限\n"
    assert not locked.exists()
