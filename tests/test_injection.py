"""Hostile or careless text in the configuration, the sources and the notes shows as written: it never
breaks a page's front matter, never runs as script and never turns into Markdown (issue 12).

The exam titles are the issue's own. Each is built into a copy of the project, served on 127.0.0.1 and opened
in Chromium.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import socketserver
import subprocess
import sys
import threading
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
# Issue 20: mkdocs.yml's own strings reach every page's header, menu and <title>.
SITE_NAME = "信访<img src=x onerror=alert(24)>学习"
NAV_TITLE = "竞赛</title><img src=x onerror=alert(25)>"


def copy_project(into: Path) -> Path:
    for name in ("docs", "overrides", "search", "sources", "study", "quizzes"):
        shutil.copytree(ROOT / name, into / name)
    for path in into.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.copy(ROOT / "mkdocs.yml", into / "mkdocs.yml")
    (into / "node_modules").symlink_to(ROOT / "node_modules")  # the search engine, installed by npm ci
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
            set_field(root / "mkdocs.yml", "site_name:", SITE_NAME)
            config = root / "mkdocs.yml"
            config.write_text(config.read_text(encoding="utf-8").replace(
                "  - 知识竞赛: competition.md", f"  - {json.dumps(NAV_TITLE, ensure_ascii=False)}: competition.md"),
                encoding="utf-8")
        built[title] = build(root)
    return built


@pytest.fixture(scope="module")
def served(sites, tmp_path_factory):
    """Every built site over http on 127.0.0.1: a function that gives a page's URL."""
    base = tmp_path_factory.getbasetemp()
    handler = functools.partial(_QuietHandler, directory=str(base))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        root = f"http://127.0.0.1:{server.server_address[1]}"
        yield lambda title, path: f"{root}/{sites[title].relative_to(base).as_posix()}/{path}"
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


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
def test_exam_titles_show_as_written_and_the_exam_runs(page, served, dialogs, title):
    page.goto(served(title, "exam/"))
    assert page.locator("article h1").inner_text() == title
    assert page.title().startswith(title)
    # The front matter held: the page is still a quiz page, so it loads the bank and the engine.
    page.locator("button[data-action=start-exam]").click()
    assert page.locator(".xf-question").count() > 0
    assert dialogs == []


@pytest.mark.browser
def test_a_chapter_heading_with_html_is_text_on_every_page(page, served, dialogs):
    page.goto(served(EVIL_TITLE, "regulation/chapter-1/"))
    assert page.locator("article h1").inner_text() == f"第一章 {CHAPTER_TITLE}"
    for path in ("", "regulation/", "guide/", "guide/chapter-1/", "aids/deadlines/", "aids/compare/",
                 "practice/", "practice/chapter-1/"):
        page.goto(served(EVIL_TITLE, path))
        assert page.locator("article img, nav img").count() == 0, path
    for path in ("regulation/", "guide/"):
        page.goto(served(EVIL_TITLE, path))
        assert f"第一章 {CHAPTER_TITLE}" in page.locator("article h2").all_inner_texts(), path
    assert dialogs == []


@pytest.mark.browser
def test_notes_are_text_not_markdown(page, served, dialogs):
    page.goto(served(EVIL_TITLE, "aids/glossary/"))
    article = page.locator("article")
    assert article.locator(".admonition, article b, #x").count() == 0
    text = article.inner_text()
    assert GLOSSARY_DEFINITION.replace("\n    ", "\n") in text

    page.goto(served(EVIL_TITLE, "guide/chapter-1/"))
    assert page.locator("article .admonition").count() == 0
    assert page.locator("#points + ol li").first.inner_text().startswith(GUIDE_POINT)

    page.goto(served(EVIL_TITLE, "aids/flow/"))
    note = page.locator(".xf-flow-note").first
    assert note.inner_text() == FLOW_NOTE
    assert note.locator("ul, ol, h1").count() == 0

    page.goto(served(EVIL_TITLE, "notice/"))
    titles = page.locator("a.xf-shorthand").evaluate_all("links => links.map(a => a.title)")
    # A link title cannot hold ASCII brackets: the page writes them full-width.
    shown = SHORTHAND_NOTE.translate(str.maketrans("<>()", "＜＞（）"))
    assert any(title.endswith(shown) for title in titles)
    assert dialogs == []


@pytest.mark.browser
def test_site_name_and_menu_titles_from_mkdocs_yml_are_text(page, served, dialogs):
    for path in ("", "regulation/chapter-1/", "exam/", "competition/"):
        page.goto(served(EVIL_TITLE, path))
        assert page.locator(".md-header__topic").first.inner_text() == SITE_NAME, path
        assert page.title().endswith(f" - {SITE_NAME}") or page.title() == SITE_NAME, path
        assert page.locator("img[src=x]").count() == 0, path
        assert NAV_TITLE in page.locator(".md-tabs").inner_text(), path
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
