"""generator.config (the plugin options) and what a site without the optional inputs contains."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.config import Inputs, inputs_from_options, project_inputs, read_inputs
from generator.errors import SourceError
from generator.markdown import front_matter
from generator.plugin import _prune_nav
from generator.site import is_generated_page, load_project, render_assets, render_pages

ROOT = Path(__file__).resolve().parent.parent


def test_repository_config_names_every_input():
    inputs = read_inputs(ROOT / "mkdocs.yml")
    assert inputs == Inputs(
        regulation=ROOT / "sources/regulation-2022.md",
        previous_regulation=ROOT / "sources/regulation-2005.md",
        notice=ROOT / "sources/county-notice-2022.txt",
        study_dir=ROOT / "study",
        quizzes_dir=ROOT / "quizzes",
    )


def test_paths_resolve_against_the_config_folder_not_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    inputs = read_inputs(ROOT / "examples/regulation-2005/mkdocs.yml")
    assert inputs.regulation == ROOT / "sources/regulation-2005.md"
    assert (inputs.previous_regulation, inputs.notice, inputs.study_dir, inputs.quizzes_dir) == (None,) * 4


def test_required_regulation_and_existing_paths(tmp_path):
    with pytest.raises(SourceError, match="缺少必填项 regulation"):
        inputs_from_options({"notice": "x.txt"}, tmp_path)
    (tmp_path / "quizzes").write_text("", encoding="utf-8")  # a file where a folder is expected
    with pytest.raises(SourceError, match="quizzes_dir 指向的文件夹不存在"):
        inputs_from_options({"regulation": str(ROOT / "sources/regulation-2022.md"), "quizzes_dir": "quizzes"},
                            tmp_path)


def test_config_without_the_plugin_is_refused(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - search\n  - offline:\n      enabled: !ENV [X, false]\n",
                      encoding="utf-8")
    with pytest.raises(SourceError, match="plugins 中没有 xinfang"):
        project_inputs(tmp_path)


def test_a_folder_with_neither_config_nor_sources_says_where_to_run(tmp_path):
    with pytest.raises(SourceError, match="请在项目根目录运行"):
        project_inputs(tmp_path)


def test_regulation_alone_gives_text_and_deadlines_and_no_links_to_absent_pages():
    project = load_project(Inputs(regulation=ROOT / "sources/regulation-2022.md"))
    generated = render_pages(project)
    assert sorted(generated) == sorted(["aids/deadlines.md", "regulation/index.md"] + [
        f"regulation/chapter-{n}.md" for n in range(1, 7)])
    assert render_assets(project, use_directory_urls=True) == {}
    for text in generated.values():
        assert "practice/" not in text and "guide/" not in text and "notice.md" not in text


def test_each_optional_input_adds_its_pages():
    base = {"regulation": ROOT / "sources/regulation-2022.md"}
    with_notice = render_pages(load_project(Inputs(**base, notice=ROOT / "sources/county-notice-2022.txt")))
    assert "notice.md" in with_notice and "aids/compare.md" not in with_notice
    with_previous = render_pages(load_project(Inputs(**base,
                                                     previous_regulation=ROOT / "sources/regulation-2005.md")))
    assert "aids/compare.md" in with_previous
    # Banks without the notice: questions citing the notice have nothing to be checked against.
    with pytest.raises(Exception, match="通知中没有"):
        load_project(Inputs(**base, quizzes_dir=ROOT / "quizzes"))


def test_nav_entries_for_pages_not_generated_are_dropped():
    nav = [{"首页": "index.md"}, {"县通知": "notice.md"},
           {"练习测验": ["practice/index.md", {"模拟考试": "exam.md"}]},
           {"条例全文": ["regulation/index.md", "regulation/chapter-1.md"]}, {"外链": "https://example.org/"}]
    generated = {"regulation/index.md", "regulation/chapter-1.md"}
    kept = _prune_nav(nav, lambda path: not is_generated_page(path) or path in generated)
    assert kept == [{"首页": "index.md"}, {"条例全文": ["regulation/index.md", "regulation/chapter-1.md"]},
                    {"外链": "https://example.org/"}]


@pytest.mark.parametrize("title", ["模拟考试: 第一期", "[测试] 模拟考试", "'期中'模拟考试", "*重要* 模拟考试",
                                   "<img src=x onerror=alert(21)>模拟考试", "a\nb: c", "#x {y}"])
def test_front_matter_values_cannot_open_yaml_or_html(title):
    lines = front_matter(title, quiz="exam", hide=["toc"])
    assert lines[0] == "---" and lines[-2:] == ["---", ""]
    meta = yaml.safe_load("\n".join(lines[1:-2]))
    assert meta["quiz"] == "exam" and meta["hide"] == ["toc"]
    assert "<" not in meta["title"] and ">" not in meta["title"]
    assert meta["title"].replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == title
