"""No English left where a user meets an error or a first command: the 404 page (over http and file://), the
新旧对照 method note, and the README's one command that installs and serves the site."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def header_colour(page) -> str:
    return page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")


@pytest.mark.browser
def test_the_404_page_is_chinese_over_http(page, site_url):
    page.goto(site_url + "/404.html")
    assert page.locator("article h1").inner_text() == "页面不存在（404）"
    assert page.title() == "页面不存在 - 信访工作条例学习平台"
    assert "Not found" not in page.locator("body").inner_text()
    assert header_colour(page) not in ("", "rgba(0, 0, 0, 0)")  # the theme's stylesheet is applied
    page.locator("a[data-xf-home]").click()
    page.wait_for_url(site_url + "/")


@pytest.mark.browser
def test_the_404_page_is_styled_and_its_links_work_over_file(page, built_site):
    page.goto((built_site / "404.html").as_uri())
    assert page.locator("article h1").inner_text() == "页面不存在（404）"
    # The theme writes /assets/… for error pages: over file:// those are rewritten next to the page.
    assert header_colour(page) not in ("", "rgba(0, 0, 0, 0)")
    page.locator("a[data-xf-home]").click()
    page.wait_for_url((built_site / "index.html").as_uri())


def test_the_compare_page_explains_similarity_in_chinese(built_site):
    html = (built_site / "aids/compare/index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "difflib" not in text
    assert "相似度 = 两段文字（去掉标点和空白）中按顺序对得上的字数 × 2 ÷ 两段的总字数" in text


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_scripts_serve_serves_the_site_without_the_english_banner(tmp_path):
    port = _free_port()
    # As a user's shell has it: without the variable that scripts/test itself exports.
    env = {key: value for key, value in os.environ.items() if key != "NO_MKDOCS_2_WARNING"}
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen(["bash", str(ROOT / "scripts/serve"), "-a", f"127.0.0.1:{port}"], cwd=tmp_path,
                                  stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while "Serving on" not in log.read_text(encoding="utf-8"):
            assert server.poll() is None, log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as response:
            assert response.status == 200
            assert "信访工作条例学习平台" in response.read().decode("utf-8")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    output = log.read_text(encoding="utf-8")
    assert "end of life" not in output and "Material for MkDocs" not in output


def test_the_guide_for_learners_and_trainers_and_the_maintainers_page_are_apart(built_site):
    html = (built_site / "about/index.html").read_text(encoding="utf-8")
    for anchor, heading in [("guide", "使用指南"), ("search", "查找条文和术语"), ("practice", "分章练习"),
                            ("review", "错题本"), ("exam", "模拟考试"), ("print", "打印"),
                            ("console", "知识竞赛主持台"), ("records", "学习记录保存在哪里")]:
        assert re.search(rf'<h[23] id="{anchor}">{heading}</h[23]>', html), anchor
    assert "/exam/#seed=20240501" in html
    article = html[html.index("<article"):html.index("</article>")]
    # No storage jargon and no maintainers' YAML in the learners' guide; it links to the maintainers' page.
    for word in ("localStorage", "quizzes/", ".yml", "添加或修改题目"):
        assert word not in article, word
    assert 'href="../maintain/"' in article
    maintain = (built_site / "maintain/index.html").read_text(encoding="utf-8")
    body = maintain[maintain.index("<article"):]
    assert re.search(r'<h1 id="maintain">维护说明</h1>', body)
    assert body.index('id="maintain"') < body.index("添加或修改题目")


def test_scripts_serve_on_a_busy_port_says_so_in_chinese(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        address = f"127.0.0.1:{busy.getsockname()[1]}"
        result = subprocess.run(["bash", str(ROOT / "scripts/serve"), "-a", address], cwd=tmp_path,
                                capture_output=True, text=True, timeout=600)
    assert result.returncode == 1
    assert result.stderr.strip().endswith(f"无法在 {address} 上预览网站：端口已被占用（或地址无效）。"
                                          "请换一个端口，例如 scripts/serve -a 127.0.0.1:8001")
    assert "Traceback" not in result.stdout + result.stderr
