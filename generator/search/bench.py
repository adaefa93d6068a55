"""`python -m generator bench --search`: how well the search box answers a set of real queries.

A query file (the held-out keyword set shared/search/dev-queries.json, the project's development set of
natural-language queries search/dev-natural.json) is a list of
{"query": "…", "accept": [23, "notice"], "kind": "question"}: the article numbers a user expects, or "notice"
for the county notice page; `"accept": []` when the regulation has no answer and the search should say so
(the note `data-search-note="no-direct-answer"`). `kind` (optional, "keyword" when absent) groups the report.
Each query is typed into the theme's search box in headless Chromium, over http and from the offline build over
file://; a result counts when its link points at an accepted article (#article-N or an item #article-N-M) or
at the notice page. The nearest articles listed under the no-answer note are not results (not
.md-search-result__link).
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..bundle import build_site
from ..localserver import serve_folder

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
# 第三十五条 / 三十五条 / 第35条 / 35条: the queries whose answer is one article by its number.
ARTICLE_NUMBER_RE = re.compile(r"^第?[0-9一二三四五六七八九十百]+条$")

# Types the query into the box the way the theme listens for it (keyup) and resolves when the result count
# line changes: the time a reader waits between the key and the list.
TIMED_QUERY_JS = """
query => new Promise(resolve => {
  const input = document.querySelector("input.md-search__input")
  const meta = document.querySelector(".md-search-result__meta")
  const before = meta.textContent
  const start = performance.now()
  const timeout = setTimeout(() => {
    observer.disconnect()
    resolve({ms: NaN, links: [], note: false})
  }, 15000)
  const observer = new MutationObserver(() => {
    if (meta.textContent === before) return
    const elapsed = performance.now() - start
    clearTimeout(timeout)
    observer.disconnect()
    setTimeout(() => resolve({
      ms: elapsed,
      links: [...document.querySelectorAll(".md-search-result__link")].map(a => a.href),
      note: document.querySelector('[data-search-note="no-direct-answer"]') !== null,
    }), 0)
  })
  observer.observe(meta, {childList: true, characterData: true, subtree: true})
  input.value = query
  input.dispatchEvent(new Event("input", {bubbles: true}))
  input.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}))
})
"""


@dataclass
class QueryResult:
    query: str
    accept: list
    rank: int | None  # 1-based rank of the first accepted result; None when none is listed
    latency_ms: float
    top: list[str]  # what the first results point at, for the misses report
    kind: str = "keyword"
    note: bool = False  # the page said 条例中没有找到直接相关的规定

    @property
    def answerable(self) -> bool:
        return bool(self.accept)


def load_queries(path: Path) -> list[dict]:
    """A query file: a JSON list of {"query": str, "accept": [int | "notice", …], "kind": str (optional)}.

    Raises ValueError (Chinese) naming the file and the entry when an entry has another shape."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    for number, entry in enumerate(entries, 1):
        accept = entry.get("accept") if isinstance(entry, dict) else None
        if not (isinstance(entry, dict) and isinstance(entry.get("query"), str) and isinstance(accept, list)
                and all(item == "notice" or isinstance(item, int) for item in accept)):
            raise ValueError(f"{path}：第 {number} 项应为 {{\"query\": 文字, \"accept\": [条号或 \"notice\"]}}")
        entry.setdefault("kind", "keyword")
    return entries


def result_target(href: str) -> str | int | None:
    """A result link → the article number it opens, "notice" for the notice page, None for anything else."""
    url = urlparse(href)
    match = re.fullmatch(r"article-(\d+)(?:-\d+)?", unquote(url.fragment))
    if match and "/regulation/" in url.path:
        return int(match.group(1))
    if re.search(r"/notice(/|\.html)?$", url.path):
        return "notice"
    return None


def _run_queries(page, queries: list[dict]) -> list[QueryResult]:
    box = page.locator("input.md-search__input")
    box.click()  # opens the dialog; over file:// the theme only starts the index then
    results = []
    for case in [{"query": "信访", "accept": []}] + queries:  # the first one waits for the index
        box.fill("")
        box.press("End")
        # The box is clear when the theme has emptied the list and said so (no note, no count).
        page.wait_for_function("document.querySelectorAll('.md-search-result__item').length === 0"
                               " && document.querySelector('.xf-search-note') === null"
                               " && !/[0-9]/.test(document.querySelector('.md-search-result__meta').textContent)"
                               " && document.querySelector('.md-search-result__meta').textContent"
                               " !== '没有找到符合条件的结果'")
        measured = page.evaluate(TIMED_QUERY_JS, case["query"])
        if measured["ms"] != measured["ms"]:  # NaN: no answer within 15 s
            raise RuntimeError(f"搜索“{case['query']}”15 秒内没有结果")
        targets = [result_target(href) for href in measured["links"]]
        rank = next((i + 1 for i, target in enumerate(targets) if target in case["accept"]), None)
        results.append(QueryResult(case["query"], case["accept"], rank, measured["ms"],
                                   [str(target) for target in targets[:3]], case.get("kind", "keyword"),
                                   measured["note"]))
    return results[1:]


def _measure(site: Path, offline_site: Path, queries: list[dict]) -> dict[str, list[QueryResult]]:
    from playwright.sync_api import sync_playwright

    measured = {}
    with serve_folder(site) as base:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for mode, url in (("http", base + "/"),
                              ("file://", (offline_site / "index.html").as_uri())):
                page = browser.new_page()
                page.set_default_timeout(20000)
                page.goto(url)
                measured[mode] = _run_queries(page, queries)
                page.close()
            browser.close()
    return measured


def summarize(results: list[QueryResult]) -> dict[str, float]:
    """recall@1, recall@5, MRR (over every listed result) of the answerable queries; latency median/max in ms
    over all; article-number queries at rank 1; unanswerable queries (accept []) and how many showed the
    no-answer note; answerable queries that wrongly showed it."""
    answerable = [r for r in results if r.answerable]
    count = len(answerable) or 1
    numbers = [r for r in answerable if ARTICLE_NUMBER_RE.match(r.query)]
    latencies = [r.latency_ms for r in results]
    unanswerable = [r for r in results if not r.answerable]
    return {
        "recall@1": sum(r.rank == 1 for r in answerable) / count,
        "recall@5": sum(r.rank is not None and r.rank <= 5 for r in answerable) / count,
        "mrr": sum(1 / r.rank for r in answerable if r.rank) / count,
        "median_ms": statistics.median(latencies),
        "max_ms": max(latencies),
        "numbers_at_1": sum(r.rank == 1 for r in numbers),
        "numbers": len(numbers),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "noted": sum(r.note for r in unanswerable),
        "false_notes": sum(r.note for r in answerable),
    }


def _figures_line(label: str, s: dict) -> str:
    line = f"{label}"
    if s["answerable"]:
        line += (f" recall@1 {s['recall@1']:.0%}，recall@5 {s['recall@5']:.0%}，MRR {s['mrr']:.3f}"
                 f"（{s['answerable']} 个有答案）")
        if s["numbers"]:
            line += f"，条号查询首位 {s['numbers_at_1']}/{s['numbers']}"
        if s["false_notes"]:
            line += f"，误报“没有直接规定” {s['false_notes']} 个"
    if s["unanswerable"]:
        line += f"{'，' if s['answerable'] else ' '}无答案查询显示提示 {s['noted']}/{s['unanswerable']}"
    return line


def run_search_bench(root: Path, queries_paths: list[Path]) -> list[str]:
    """Build both sites, run every query of every file over http and file://, return the report lines
    (Chinese): sizes, then per mode the figures of each file and of each kind of query, the slowest query,
    the misses and the unanswerable queries that did not show the note."""
    queries, lines = [], []
    for path in queries_paths:
        loaded = load_queries(path)
        for entry in loaded:
            entry["file"] = Path(path).name
        queries += loaded
        lines.append(f"查询集：{path}（{len(loaded)} 个查询）")
    with tempfile.TemporaryDirectory() as tmp:
        site, offline = Path(tmp) / "site", Path(tmp) / "offline"
        build_site(root, site)
        build_site(root, offline, offline=True)
        raw = (site / "search" / "search_index.json").read_bytes()
        lines.append(f"索引大小：{len(raw) / 1024:.1f} KiB，gzip 后 {len(gzip.compress(raw, 9)) / 1024:.1f} KiB")
        measured = _measure(site, offline, queries)
    files = list(dict.fromkeys(entry["file"] for entry in queries))
    for mode, results in measured.items():
        s = summarize(results)
        lines.append(f"[{mode}] 延迟中位数 {s['median_ms']:.1f} ms，最大 {s['max_ms']:.1f} ms")
        for name in files:
            chosen = [r for r, entry in zip(results, queries) if entry["file"] == name]
            lines.append(_figures_line(f"  {name}：", summarize(chosen)))
            for kind in dict.fromkeys(r.kind for r in chosen):
                lines.append(_figures_line(f"    {kind}：", summarize([r for r in chosen if r.kind == kind])))
    slowest = max(measured["http"], key=lambda r: r.latency_ms)
    lines.append(f"最慢的查询（http）：{slowest.query} {slowest.latency_ms:.1f} ms")
    misses = [r for r in measured["http"] if r.answerable and (r.rank is None or r.rank > 5)]
    if misses:
        lines.append("前 5 名未命中（http）：")
        lines += [f"  [{r.kind}] {r.query} 期望 {r.accept}，前 3 名 {r.top}"
                  + ("（显示了“没有直接规定”）" if r.note else "") for r in misses]
    silent = [r for r in measured["http"] if not r.answerable and not r.note]
    if silent:
        lines.append("无答案却未显示提示（http）：")
        lines += [f"  {r.query}，前 3 名 {r.top}" for r in silent]
    return lines
