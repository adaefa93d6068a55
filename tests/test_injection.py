"""Hostile or careless text in the configuration, the sources and the notes shows as written: it never
breaks a page's front matter, never runs as script and never turns into Markdown (issue 12).

The exam titles are the issue's own. Each is built into a copy of the project (without the search plugin,
which these pages do not need, to keep the builds short) and opened in Chromium over file://.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import bundle

ROOT = Path(__file__).resolve().parent.parent
EXAM_TITLES = ["模拟考试: 第一期", "[测试] 模拟考试", "'期中'模拟考试", "*重要* 模拟考试",
               "<img src=x onerror=alert(21)>模拟考试"]
EVIL_TITLE = EXAM_TITLES[-1]
CHAPTER_TITLE = "总则<img src=x onerror=alert(22)>"
SHORTHAND_NOTE = "<script>alert(23)</script>第三条的三个定位"
# Markdown that must stay text in notes: an admonition, a list, a heading, HTML and an attribute list.
GLOSSARY_DEFINITION = ('!!! danger "反映情况，提出建议、意见或者投诉请求的公民、法人或者其他组织，称信访人"\n'
                       "    - 列表项 <b>粗</b> {: #x }")
GUIDE_POINT = "!!! note 制定条例是“为了坚持和加强党对信访工作的全面领导，做好新时代信访工作，保持党和政府同人民群众的密切联系”。"
FLOW_NOTE = "- 信访人可以采用信息网络、书信等形式\n1. 一般应当书面提出\n# 不是标题"


def copy_project(into: Path) -> Path:
    for name in ("docs", "overrides", "search", "sources", "study", "quizzes"):
        shutil.copytree(ROOT / name, into / name)
    for path in into.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = config.index("  - search:"), config.index("  - offline:")
    (into / "mkdocs.yml").write_text(config[:start] + config[end:], encoding="utf-8")
    return into


def set_field(path: Path, prefix: str, value: str) -> None:
    """Replace the first line starting with `prefix` ("  definition:") by `prefix` + value as a YAML string."""
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(prefix))
    lines[index] = f"{prefix} {json.dumps(value, ensure_ascii=False)}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(root: Path) -> Path:
    site = root / "site"
    bundle.build_site(root, site)
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """Exam title → built site. The last one also has an HTML chapter heading and Markdown in every kind of
    note."""
    built = {}
    for index, title in enumerate(EXAM_TITLES):
        root = copy_project(tmp_path_factory.mktemp(f"title{index}"))
        set_field(root / "quizzes/exam.yml", "title:", title)
        if title == EVIL_TITLE:
            regulation = root / "sources/regulation-2022.md"
            text = regulation.read_text(encoding="utf-8")
            regulation.write_text(text.replace("## 第一章 总则", f"## 第一章 {CHAPTER_TITLE}"), encoding="utf-8")
            set_field(root / "study/glossary.yml", "  definition:", GLOSSARY_DEFINITION)
            set_field(root / "study/guides.yml", "    - text:", GUIDE_POINT)
            set_field(root / "study/flow.yml", "    note:", FLOW_NOTE)
            set_field(root / "study/shorthand.yml", "  note:", SHORTHAND_NOTE)
        built[title] = build(root)
    return built


@pytest.fixture
def dialogs(page) -> list[str]:
    found: list[str] = []

    def on_dialog(dialog):
        found.append(dialog.message)
        dialog.dismiss()
    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: found.append(f"error: {error}"))
    return found


@pytest.mark.browser
@pytest.mark.parametrize("title", EXAM_TITLES)
def test_exam_titles_show_as_written_and_the_exam_runs(page, sites, dialogs, title):
    page.goto((sites[title] / "exam/index.html").as_uri())
    assert page.locator("article h1").inner_text() == title
    assert page.title().startswith(title)
    # The front matter held: the page is still a quiz page, so it loads the bank and the engine.
    page.locator("button[data-action=start-exam]").click()
    assert page.locator(".xf-question").count() > 0
    assert dialogs == []


@pytest.mark.browser
def test_a_chapter_heading_with_html_is_text_on_every_page(page, sites, dialogs):
    site = sites[EVIL_TITLE]
    page.goto((site / "regulation/chapter-1/index.html").as_uri())
    assert page.locator("article h1").inner_text() == f"第一章 {CHAPTER_TITLE}"
    for path in ("index.html", "regulation/index.html", "guide/index.html", "guide/chapter-1/index.html",
                 "aids/deadlines/index.html", "aids/compare/index.html", "practice/index.html",
                 "practice/chapter-1/index.html"):
        page.goto((site / path).as_uri())
        assert page.locator("article img, nav img").count() == 0, path
    for path in ("regulation/index.html", "guide/index.html"):
        page.goto((site / path).as_uri())
        assert f"第一章 {CHAPTER_TITLE}" in page.locator("article h2").all_inner_texts(), path
    assert dialogs == []


@pytest.mark.browser
def test_notes_are_text_not_markdown(page, sites, dialogs):
    site = sites[EVIL_TITLE]
    page.goto((site / "aids/glossary/index.html").as_uri())
    article = page.locator("article")
    assert article.locator(".admonition, article b, #x").count() == 0
    text = article.inner_text()
    assert GLOSSARY_DEFINITION.replace("\n    ", "\n") in text

    page.goto((site / "guide/chapter-1/index.html").as_uri())
    assert page.locator("article .admonition").count() == 0
    assert page.locator("#points + ol li").first.inner_text().startswith(GUIDE_POINT)

    page.goto((site / "aids/flow/index.html").as_uri())
    note = page.locator(".xf-flow-note").first
    assert note.inner_text() == FLOW_NOTE
    assert note.locator("ul, ol, h1").count() == 0

    page.goto((site / "notice/index.html").as_uri())
    titles = page.locator("a.xf-shorthand").evaluate_all("links => links.map(a => a.title)")
    # A link title cannot hold ASCII brackets: the page writes them full-width.
    shown = SHORTHAND_NOTE.translate(str.maketrans("<>()", "＜＞（）"))
    assert any(title.endswith(shown) for title in titles)
    assert dialogs == []


def run_check(root: Path):
    result = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=root, capture_output=True,
                            text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert "Traceback" not in result.stderr
    return result


@pytest.mark.parametrize("term", ["信访<人>", "信访{人", "信访人}"])
def test_a_glossary_term_with_markup_characters_is_refused_with_file_and_line(tmp_path, term):
    root = copy_project(tmp_path)
    set_field(root / "study/glossary.yml", "- term:", term)
    result = run_check(root)
    assert result.returncode == 1
    refused = " ".join(sorted(char for char in set(term) if char in "<>{}"))
    assert f"  study/glossary.yml:2: 术语“{term}”：术语不能含有符号 {refused}（术语同时是标题和页面锚点）\n" \
        in result.stderr
