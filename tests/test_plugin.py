"""The MkDocs integration: a bad input stops `mkdocs build` with the file, line, question id and reason."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_project(tmp_path: Path) -> Path:
    for name in ("docs", "overrides", "search", "sources", "study", "quizzes"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for path in tmp_path.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return tmp_path


def build(root: Path):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "site")],
                          cwd=root, capture_output=True, text=True,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))


def test_a_wrong_answer_in_the_bank_stops_the_build(tmp_path):
    root = copy_project(tmp_path)
    bank = root / "quizzes" / "chapter-6.yml"
    lines = bank.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("answer: 2022年5月1日"))
    lines[index] = lines[index].replace("2022年5月1日", "2022年6月1日")
    bank.write_text("\n".join(lines) + "\n", encoding="utf-8")
    question_id = next(line.split("id:")[1].strip() for line in reversed(lines[:index]) if "- id:" in line)

    result = build(root)
    assert result.returncode != 0
    assert f"quizzes/chapter-6.yml:{index + 1}: {question_id}: 答案“2022年6月1日”不在选项中" in result.stdout + result.stderr
    assert not (root / "site" / "index.html").exists()


def test_a_misquoted_note_stops_the_build(tmp_path):
    root = copy_project(tmp_path)
    glossary = root / "study" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("definition:", "definition: “信访人可以不讲理由”。", 1), encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "study/glossary.yml:" in result.stdout + result.stderr
    assert "引文“信访人可以不讲理由”不在所引文本" in result.stdout + result.stderr
