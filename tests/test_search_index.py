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


# Issue 18: the index with its dictionary and pinyin table stays within 1.3 × the 25.7 KiB (gzip -9) it had
# before them, as `bench --search` measured it.
INDEX_BUDGET = 1.3 * 25.7 * 1024


def test_index_file_shape_and_size(project):
    index = build_index(project, dir_url, r"[\s]+", ROOT / "search" / "userdict.txt",
                        ROOT / "search" / "synonyms.yml")
    text = render_index(index)
    assert json.loads(text)["config"]["separator"] == r"[\s]+"
    assert "信访事项" in index["config"]["words"]
    assert ["信访部门"] in [pair[1] for pair in index["config"]["dictionary"]["synonyms"]]
    assert len(gzip.compress(text.encode("utf-8"), 9)) <= INDEX_BUDGET


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


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "synonyms.yml"
    path.write_text(text, encoding="utf-8")
    return path


ARTICLES = {14: "各级党委和政府信访部门是开展信访工作的专门机构，履行下列职责：（一）受理、转送、交办信访事项",
            35: "信访人对信访处理意见不服的，可以自收到书面答复之日起30日内请求……复查。"}


def test_dictionary_reads_and_normalizes(tmp_path):
    from generator.search.synonyms import read_dictionary

    path = write(tmp_path, "synonyms:\n  - ask: [信访局, 信访办]\n    means: [信访部门]\n    articles: [14]\n"
                           "questions:\n  - ask: 多久\n    means: [３０日内]\n    articles: [35]\n"
                           "fillers: [请问, 吗]\ncommon: [信访]\n")
    dictionary = read_dictionary(path, ARTICLES)
    assert dictionary.to_json() == {"synonyms": [[["信访局", "信访办"], ["信访部门"]]],
                                    "questions": [[["多久"], ["30日内"]]],  # full-width digits as typed
                                    "fillers": ["请问", "吗"], "common": ["信访"]}


@pytest.mark.parametrize("entry, line, reason", [
    ("  - ask: [转办]\n    means: [转送]\n    articles: [99]\n", 3, "条例没有第 99 条"),
    ("  - ask: [转办]\n    means: [移送]\n    articles: [14]\n", 3, "“移送”不在所引的第 14 条中"),
    ("  - ask: [转办]\n    means: [复查]\n    articles: [14]\n", 3, "“复查”不在所引的第 14 条中"),
    ("  - ask: [转办]\n    articles: [14]\n", 3, "means 应为条文中的一个或几个词"),
    ("  - ask: [转办]\n    means: [转送]\n", 3, "articles 应为条号的列表"),
    ("  - 转办\n", 2, "每一条应为映射"),  # a bare word has no line of its own: the section's
])
def test_dictionary_errors_name_the_line_and_the_reason(tmp_path, entry, line, reason):
    from generator.errors import SourceErrors
    from generator.search.synonyms import read_dictionary

    path = write(tmp_path, "# 词典\nsynonyms:\n" + entry)
    with pytest.raises(SourceErrors) as raised:
        read_dictionary(path, ARTICLES)
    [error] = raised.value.errors
    assert (error.line, error.path.endswith("synonyms.yml")) == (line, True)
    assert error.reason.startswith(reason), error.reason


def test_dictionary_rejects_unknown_sections_and_repeated_words(tmp_path):
    from generator.errors import SourceErrors
    from generator.search.synonyms import read_dictionary

    path = write(tmp_path, "synonym:\n  - ask: [转办]\nsynonyms:\n  - ask: [转办]\n    means: [转送]\n    articles: [14]\n"
                           "  - ask: [转办]\n    means: [交办]\n    articles: [14]\n")
    with pytest.raises(SourceErrors) as raised:
        read_dictionary(path, ARTICLES)
    reasons = [(error.line, error.reason) for error in raised.value.errors]
    assert reasons[0] == (1, "未知的一节“synonym”（可用：synonyms、questions、fillers、common）")
    assert reasons[1] == (7, "“转办”已在第 4 行定义过")


def test_the_projects_dictionary_is_grounded(project):
    """Every entry of search/synonyms.yml cites articles and each of its terms is in one of them."""
    from generator.search.synonyms import read_dictionary

    dictionary = read_dictionary(ROOT / "search" / "synonyms.yml",
                                 {article.number: article.text for article in project.regulation.articles})
    assert len(dictionary.synonyms) >= 36  # several dozen, as the issue asks
    assert {"信访局", "转办", "信访件", "不作为", "拖着不办", "找领导"} <= {w for m in dictionary.synonyms for w in m.ask}
    assert any("多久" in m.ask and "期限" in m.means for m in dictionary.questions)
    assert {"信访", "条例", "信访人"} <= set(dictionary.common)


def test_build_stops_on_a_bad_dictionary_with_its_line(tmp_path):
    for name in ("docs", "overrides", "search", "sources", "study", "quizzes"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    dictionary = tmp_path / "search" / "synonyms.yml"
    lines = dictionary.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "means: [信访部门]")
    lines[at] = lines[at].replace("信访部门", "信访大厅")
    dictionary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode != 0
    assert f"search/synonyms.yml:{at}: “信访大厅”不在所引的" in result.stdout + result.stderr


def test_pinyin_table_reads_homophones():
    """The browser rebuilds {character: readings} from the runs over GB 2312 level 1; done here the same way."""
    from generator.search.pinyin import level1_characters, pinyin_table

    table = pinyin_table(["对重大信访事项应当及时协调处理"])
    chars = level1_characters()
    assert len(chars) == 3755 and chars[0] == "啊" and chars[-1] == "座"
    assert sum(table["runs"][1::2]) == len(chars)
    sounds, at = {}, 0
    for index, count in zip(table["runs"][::2], table["runs"][1::2]):
        for char in chars[at:at + count]:
            sounds[char] = [table["syllables"][index]]
        at += count
    for char, more in table["extra"].items():
        sounds.setdefault(char, []).extend(more.split())
    assert sounds["里"] == sounds["理"] == ["li"]  # 受里 is a typo of 受理
    assert sounds["副"] == sounds["复"] == ["fu"]
    assert "tiao" in sounds["调"]  # 协调 reads tiao in the text, though diao comes first in the standard


def test_bench_query_files_accept_no_answer_and_kinds(tmp_path):
    from generator.search.bench import load_queries

    path = tmp_path / "q.json"
    path.write_text('[{"query": "离婚", "accept": []}, {"query": "副查", "accept": [35], "kind": "typo"}]',
                    encoding="utf-8")
    assert [entry["kind"] for entry in load_queries(path)] == ["keyword", "typo"]
    path.write_text('[{"query": "复查", "accept": "35"}]', encoding="utf-8")
    with pytest.raises(ValueError, match="第 1 项"):
        load_queries(path)


def test_bench_counts_the_no_answer_note():
    from generator.search.bench import QueryResult, summarize

    results = [QueryResult("离婚", [], None, 3.0, [], "none", note=True),
               QueryResult("工资", [], None, 3.0, ["14"], "none", note=False),
               QueryResult("副查", [35], 1, 5.0, ["35"], "typo"),
               QueryResult("上访", [17], None, 4.0, [], "colloquial", note=True)]
    figures = summarize(results)
    assert (figures["noted"], figures["unanswerable"]) == (1, 2)
    assert figures["recall@1"] == 0.5 and figures["false_notes"] == 1  # unanswerable ones are not in recall


def test_the_development_set_has_every_kind():
    from generator.search.bench import load_queries

    queries = load_queries(ROOT / "search" / "dev-natural.json")
    kinds = {entry["kind"] for entry in queries}
    assert len(queries) >= 100
    assert kinds == {"question", "colloquial", "typo", "number", "concept", "none"}
    assert all(entry["accept"] == [] for entry in queries if entry["kind"] == "none")
    assert all(1 <= n <= 50 for entry in queries for n in entry["accept"] if n != "notice")


@pytest.mark.browser
def test_bench_search_runs_to_the_end(tmp_path, browser):
    """`python -m generator bench --search` builds, measures over http and file:// and reports (no crash)."""
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps([{"query": "第35条", "accept": [35]},
                                   {"query": "副查", "accept": [35], "kind": "typo"},
                                   {"query": "驾驶证年审", "accept": [], "kind": "none"}], ensure_ascii=False),
                       encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "bench", "--search", "--queries", str(queries)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert any(line.startswith("索引大小：") for line in lines)
    for mode in ("http", "file://"):
        at = lines.index(next(line for line in lines if line.startswith(f"[{mode}]")))
        assert "recall@1 100%" in lines[at + 1] and "无答案查询显示提示 1/1" in lines[at + 1], lines[at:at + 4]
        assert lines[at + 2].strip().startswith("keyword：") and "条号查询首位 1/1" in lines[at + 2]
        assert lines[at + 3].strip().startswith("typo：") and "recall@1 100%" in lines[at + 3]
