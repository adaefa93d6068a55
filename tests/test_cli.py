import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def copy_inputs(tmp_path: Path) -> Path:
    for folder in ("sources", "study", "quizzes"):
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_check_passes_on_shipped_inputs():
    result = run("check")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "sources/regulation-2022.md: 《信访工作条例》6 章 50 条 62 项，条文间引用 4 处"
    assert lines[1] == "sources/regulation-2005.md: 《信访条例》7 章 51 条 42 项，条文间引用 11 处"
    assert lines[2].startswith("sources/county-notice-2022.txt: 柞信联发〔2022〕3号，4 部分 15 小节；已修复：")
    assert "接续分页断行 11" in lines[2]
    assert lines[-1] == "全部输入检查通过。"


def test_check_fails_clearly_on_a_broken_copy(tmp_path):
    root = copy_inputs(tmp_path)
    path = root / "sources" / "regulation-2022.md"
    path.chmod(0o644)
    path.write_text(path.read_text(encoding="utf-8").replace("第三十五条　", "第三十九条　"), encoding="utf-8")
    notice = root / "sources" / "county-notice-2022.txt"
    notice.chmod(0o644)
    notice.write_text(notice.read_text(encoding="utf-8").replace("2022年5月7日印发", "2022年5月7日"),
                      encoding="utf-8")
    result = run("check", cwd=root)
    assert result.returncode == 1
    assert "sources/regulation-2022.md:130: 条序号不连续：应为第三十五条，实际为第三十九条" in result.stderr
    assert "sources/county-notice-2022.txt:89: 最后一行应为印发日期（……印发），实际为“2022年5月7日”" in result.stderr
    assert "发现 2 个问题" in result.stderr


def test_check_stops_a_judge_item_whose_key_the_text_contradicts(tmp_path):
    # Schema-valid and cited, but the statement swaps 协调 and 推动 and is keyed 正确: `lint` knew, `check`
    # (and so the site) let it through.
    root = copy_inputs(tmp_path)
    bank = root / "quizzes" / "chapter-2.yml"
    lines = bank.read_text(encoding="utf-8").splitlines()
    start = lines.index("- id: c2-a7-swapped-roles")
    answer = next(i for i in range(start, len(lines)) if lines[i].strip() == "answer: false")
    lines[answer] = lines[answer].replace("false", "true")
    bank.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("check", cwd=root)
    assert result.returncode == 1
    problem = next(line.strip() for line in result.stderr.splitlines() if "c2-a7-swapped-roles" in line)
    assert problem.startswith(f"quizzes/chapter-2.yml:{answer + 1}: c2-a7-swapped-roles: 与原文不符（第七条）")
    assert "协调" in problem and "推动" in problem and "错误" in problem
    assert "发现 1 个问题" in result.stderr


def test_bundle_of_a_misconfigured_project_says_why_in_chinese_only(tmp_path):
    for name in ("mkdocs.yml", "docs", "overrides", "search", "sources", "study", "quizzes"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "regulation: sources/regulation-2022.md", "regulation: 5"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), "bundle", "--out",
                             str(tmp_path / "out.zip")], cwd=ROOT, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1 and not (tmp_path / "out.zip").exists()
    assert result.stderr.startswith("网站生成失败：")
    assert "插件 xinfang 的选项 regulation 应为路径文字" in result.stderr
    assert "Aborted" not in result.stderr and "mkdocs build" not in result.stderr


def test_every_command_is_documented():
    result = run("--help")
    for command in ("check", "bundle", "bench"):
        assert command in result.stdout
        sub = run(command, "--help")
        assert sub.returncode == 0 and "示例：python -m generator " + command in sub.stdout


def test_export_json_has_every_question_with_the_contract_fields(tmp_path):
    out = tmp_path / "bank.json"
    result = run("export", "--format", "json", "--out", str(out))
    assert result.returncode == 0, result.stderr
    import json

    records = json.loads(out.read_text(encoding="utf-8"))
    assert result.stdout == f"已导出 {len(records)} 道题到 {out}。\n"
    assert len(records) >= 300
    contract = ["id", "type", "stem", "options", "answer", "articles", "notice", "explanation", "difficulty"]
    # The contract's fields first, in order; the bank schema's optional fields (shuffle, tags, unordered) after.
    assert all(list(record)[:len(contract)] == contract for record in records)
    assert {key for record in records for key in list(record)[len(contract):]} <= {"shuffle", "tags", "unordered"}
    judge = next(record for record in records if record["type"] == "judge")
    assert judge["answer"] in (True, False)
    fill = next(record for record in records if record["type"] == "fill")
    assert all(isinstance(blank, list) for blank in fill["answer"])


def test_check_lists_every_problem_in_the_compare_file(tmp_path):
    root = copy_inputs(tmp_path)
    compare = root / "study" / "compare.yml"
    compare.chmod(0o644)
    compare.write_text("- {old: 99, new: 35}\n- {old: 34, new: 35, status: 差不多}\n", encoding="utf-8")
    result = run("check", cwd=root)
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if line.strip().startswith("study/compare.yml")]
    assert [line.strip() for line in problems] == [
        "study/compare.yml:1: old: 《信访条例》没有第 99 条（共 51 条）",
        "study/compare.yml:2: status 应为 基本沿用/修改/新增/删除 之一，实际为 '差不多'",
        "study/compare.yml:2: new 第 35 条已在第 1 行对照过",
    ]
