"""The search index built from the project model: its tokens, its documents, its size."""

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.search.documents import collect_documents
from generator.search.index import build_index, render_index
from generator.search.tokens import tokenize, vocabulary
from generator.site import load_project

ROOT = Path(__file__).resolve().parent.parent


def dir_url(path: str) -> str:
    """The URL MkDocs gives a page with use_directory_urls (index.md → its folder)."""
    return "" if path == "index.md" else path.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


@pytest.mark.parametrize("form", ["第三十五条", "三十五条", "第35条", "35条", "第３５条"])
def test_every_form_of_an_article_number_is_one_token(form):
    assert tokenize(form) == ["§35"]


def test_article_and_item_reference():
    assert tokenize("依照本条例第三十一条第六项的规定") [:2] == ["§31", "§31-6"]
    # The reference's own characters make no bigrams that would match other numbers.
    assert "三十" not in tokenize("第三十一条")


def test_number_with_unit_gives_the_whole_and_its_parts():
    tokens = tokenize("应当自收到之日起5个工作日内提出异议")
    assert {"5个工作日", "5", "工作", "作日", "日内"} <= set(tokens)
    assert {"5人", "5", "人数"} <= set(tokenize("代表人数不得超过5人"))
    assert {"15日", "15"} <= set(tokenize("１５日内"))  # full-width digits are the same number
    assert "30日" in tokenize("三十日内")  # and a time limit in Chinese numerals
    assert "4个" not in tokenize("四个意识")  # but not a name that starts with a numeral


def test_bigrams_keep_the_last_character_of_a_word():
    assert tokenize("代表人数") == ["代表", "表人", "人数"]
    assert tokenize("会") == ["会"]


def test_vocabulary_words_are_added_where_they_occur():
    words = frozenset({"信访事项", "联席会议"})
    tokens = tokenize("信访工作联席会议协调信访事项", words)
    assert tokens.count("联席会议") == 1 and tokens.count("信访事项") == 1


def test_vocabulary_comes_from_jieba_and_the_user_dictionary(tmp_path):
    userdict = tmp_path / "userdict.txt"
    userdict.write_text("诉访分离 50 n\n", encoding="utf-8")
    words = vocabulary(["推进诉访分离工作", "信访工作联席会议"], userdict)
    assert "诉访分离" in words
    assert all(3 <= len(word) <= 8 for word in words)


def test_one_document_per_article_notice_section_term_and_guide(project):
    docs = collect_documents(project, dir_url)
    kinds = [doc.kind for doc in docs]
    assert kinds.count("article") == len(project.regulation.articles)
    assert kinds.count("term") == len(project.notes.glossary)
    assert kinds.count("guide") == len(project.notes.guides)
    assert kinds.count("notice") == len(project.notice.all_sections()) + 2  # plus head and tail
    article = next(doc for doc in docs if doc.number == 35)
    assert article.location == "regulation/chapter-4/#article-35"
    assert article.title == f"第三十五条 {project.titles[35]}"
    assert "复查" in article.text
    item = next(doc for doc in docs if doc.number == 31)
    assert "（六）" in item.text  # items are part of their article
    assert not any(doc.location.startswith(("practice/", "exam", "review")) for doc in docs)


def test_index_file_shape_and_size(project):
    index = build_index(project, dir_url, r"[\s]+", ROOT / "search" / "userdict.txt")
    text = render_index(index)
    assert json.loads(text)["config"]["separator"] == r"[\s]+"
    assert "信访事项" in index["config"]["words"]
    assert len(gzip.compress(text.encode("utf-8"))) < 60 * 1024  # the budget for the index


def test_build_without_minisearch_says_to_run_npm_ci(tmp_path):
    for name in ("docs", "overrides", "search", "sources", "study", "quizzes"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")  # and no node_modules
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode != 0
    assert "node_modules/minisearch" in result.stdout + result.stderr
    assert "请先运行 npm ci" in result.stdout + result.stderr


def test_bench_reads_result_links_as_a_reader_would():
    from generator.search.bench import result_target

    assert result_target("http://127.0.0.1:1/regulation/chapter-4/?h=x#article-35") == 35
    assert result_target("file:///tmp/s/regulation/chapter-4.html#article-31-6") == 31
    assert result_target("http://127.0.0.1:1/notice/#notice-%E4%BA%8C-%E5%9B%9B") == "notice"
    assert result_target("http://127.0.0.1:1/aids/glossary/#term-%E5%A4%8D%E6%9F%A5") is None


def test_bench_figures():
    from generator.search.bench import QueryResult, summarize

    results = [QueryResult("第36条", [36], 1, 4.0, []), QueryResult("口头", [19], 3, 8.0, []),
               QueryResult("上访", [17], None, 2.0, []), QueryResult("24条", [24], 2, 6.0, [])]
    figures = summarize(results)
    assert figures["recall@1"] == 0.25 and figures["recall@5"] == 0.75
    assert figures["mrr"] == pytest.approx((1 + 1 / 3 + 1 / 2) / 4)
    assert (figures["median_ms"], figures["max_ms"]) == (5.0, 8.0)
    assert (figures["numbers_at_1"], figures["numbers"]) == (1, 2)


def test_bench_without_the_query_file_says_where_it_looked(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), "bench", "--search"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2  # a usage error, like every misused option of the CLI
    assert "找不到查询集" in result.stderr and "--queries" in result.stderr
