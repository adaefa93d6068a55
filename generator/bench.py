"""`python -m generator bench`: figures for the closing note, measured on this machine in one run.

- full build wall time (median of N) vs. a bare baseline: the same pages pre-written as plain Markdown and
  built by MkDocs without our plugin;
- search index size, raw and gzipped; size of our own JS/CSS;
- search latency in headless Chromium over http for 10 queries (median, max).

`--search` measures search quality instead: see generator.search.bench.
"""

from __future__ import annotations

import gzip
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from .bundle import build_site
from .localserver import serve_folder
from .site import SITE_CSS, SITE_JS, load_project, render_assets, render_pages
from .yamlfile import load_yaml

QUERIES = ["复查", "复核", "信访事项", "15日内", "5个工作日", "枫桥经验", "听证", "联席会议", "信访人", "诉访分离"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def _timed_build(root: Path, runs: int) -> tuple[float, Path]:
    times = []
    site = Path(tempfile.mkdtemp()) / "site"
    for _ in range(runs):
        start = time.perf_counter()
        build_site(root, site)
        times.append(time.perf_counter() - start)
    return statistics.median(times), site


def _bare_project(root: Path, into: Path) -> Path:
    """A copy of the project whose generated pages are plain files and whose config has no plugin of ours."""
    shutil.copytree(root / "docs", into / "docs")
    shutil.copytree(root / "overrides", into / "overrides")
    shutil.copytree(root / "search", into / "search")
    project = load_project(root)
    generated = {**render_pages(project), **render_assets(project, use_directory_urls=True)}
    for asset in (root / "generator" / "assets").iterdir():
        generated[f"assets/{asset.name}"] = asset.read_bytes()
    for path, content in generated.items():
        target = into / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    # Plain dicts for safe_dump; MkDocs' !ENV tags read as null (the offline switch is dropped below).
    config = json.loads(json.dumps(load_yaml(root / "mkdocs.yml", local_tags=True)))
    config["plugins"] = [p for p in config["plugins"] if p != "xinfang" and "xinfang" not in p]
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "offline" in p)]
    config["extra_css"] = [*config.get("extra_css", []), *SITE_CSS]  # the plugin adds these to real builds
    config["extra_javascript"] = [*config.get("extra_javascript", []), *SITE_JS]
    (into / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return into


def _search_latency(site: Path) -> list[float]:
    from playwright.sync_api import sync_playwright

    with serve_folder(site) as base:
        url = base + "/"
        timings = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)
            box = page.locator("input.md-search__input")
            box.fill("预热")
            box.press("End")
            page.wait_for_selector(".md-search-result__meta")
            for query in QUERIES:
                box.fill("")
                box.press("End")
                page.wait_for_timeout(100)
                page.evaluate("window.__meta = document.querySelector('.md-search-result__meta').textContent")
                start = time.perf_counter()
                box.fill(query)
                box.press("End")
                page.wait_for_function(
                    "document.querySelector('.md-search-result__meta').textContent !== window.__meta"
                    " && document.querySelectorAll('.md-search-result__item').length > 0")
                timings.append((time.perf_counter() - start) * 1000)
            browser.close()
        server.shutdown()
    return timings


def _size(paths) -> int:
    return sum(path.stat().st_size for path in paths if path.is_file())


def run_bench(root: Path, runs: int = 3) -> list[str]:
    root = root.resolve()
    lines = [f"构建次数：每项 {runs} 次，取中位数"]
    full, site = _timed_build(root, runs)
    with tempfile.TemporaryDirectory() as tmp:
        bare_root = _bare_project(root, Path(tmp))
        bare, _ = _timed_build(bare_root, runs)
    lines.append(f"完整构建：{full:.2f} s；裸 MkDocs 基线（同样页面预先写成 Markdown）：{bare:.2f} s；"
                 f"比值 {full / bare:.2f}×")
    index = site / "search" / "search_index.json"
    raw = index.read_bytes()
    entries = raw.count(b'"location"')
    lines.append(f"搜索索引：{len(raw) / 1024:.0f} KiB，gzip 后 {len(gzip.compress(raw)) / 1024:.0f} KiB，"
                 f"{entries} 个条目")
    ours = [*(root / "generator" / "assets").glob("*.js"), *(root / "generator" / "assets").glob("*.css"),
            *(root / "docs" / "assets").glob("*.css"), *(root / "generator" / "search").glob("*.js"),
            *(root / "generator" / "search").glob("*.css"), site / "assets" / "quiz-bank.js"]
    parts = "，".join(f"{p.name} {p.stat().st_size / 1024:.1f}" for p in ours if p.is_file())
    lines.append(f"自有 JS/CSS：共 {_size(ours) / 1024:.1f} KiB（{parts}；quiz-bank.js 是生成的题库数据）")
    try:
        timings = _search_latency(site)
    except Exception as error:  # the figures above stay useful without a browser
        lines.append(f"搜索延迟：未测（{error}）")
    else:
        lines.append(f"搜索延迟（Chromium，http，{len(timings)} 个查询）：中位数 {statistics.median(timings):.0f} ms，"
                     f"最大 {max(timings):.0f} ms")
    shutil.rmtree(site.parent, ignore_errors=True)
    return lines
