"""generator/quiz/pages.py (the quiz pages, the bank script) and the shape of assets/*.js; no browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.quiz.model import Bank, ExamConfig, Question
from generator.quiz.pages import (
    practice_page,
    questions_per_article,
    render_bank_script,
    render_quiz_pages,
    render_summary_script,
)
from generator.texts import pages
from generator.texts.notice import parse_notice
from generator.texts.regulation import parse_regulation

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "generator" / "assets"
REGULATION = parse_regulation(ROOT / "sources/regulation-2022.md")
NOTICE = parse_notice(ROOT / "sources/county-notice-2022.txt")


def question(qid, qtype="single", articles=(19,), notice=None, **fields) -> Question:
    base = {
        "single": dict(stem=f"{qid}：信访人一般应当采用（　）形式提出信访事项。",
                       options=["书面", "口头", "电话"], answer="书面"),
        "multiple": dict(stem=f"{qid}：可以采用（　）等形式。",
                         options=["信息网络", "书信", "传真", "非法聚集"], answer=["信息网络", "书信"]),
        "judge": dict(stem=f"{qid}：判断。", options=[], answer=True),
        "fill": dict(stem=f"{qid}：应当在____日内处理。", options=[], answer=[["15", "十五"]]),
    }[qtype]
    base.update(fields)
    return Question(id=qid, type=qtype, stem=base["stem"], options=base["options"], answer=base["answer"],
                    articles=list(articles), notice=notice, explanation=f"{qid} 的解析。", difficulty=1,
                    path="quizzes/test.yml", line=1)


def small_bank() -> Bank:
    return Bank(
        questions=[
            question("c1-a1", articles=[1]),
            question("c3-a19", articles=[19]),
            question("c3-a17-a26", "multiple", articles=[17, 26]),
            question("c4-a31", "judge", articles=[31]),
            question("c3-a22-fill", "fill", articles=[22]),
            question("n-2-4", notice="二（四）", articles=[]),
            question("n-both", "judge", articles=[5], notice="导语"),
        ],
        exam=ExamConfig(title="模拟考试", minutes=30,
                        quota={"single": 2, "multiple": 1, "judge": 1, "fill": 1},
                        points={"single": 2, "multiple": 3, "judge": 1, "fill": 2.5}),
    )


def bank_data(script: str) -> dict:
    match = re.fullmatch(r"/\*.*?\*/\nwindow\.XF_BANK = (.*);\n", script, re.S)
    assert match, script[:200]
    return json.loads(match.group(1))


def test_summary_script_lists_each_scope_with_its_question_ids():
    script = render_summary_script(small_bank(), REGULATION, use_directory_urls=False)
    match = re.fullmatch(r"/\*.*?\*/\nwindow\.XF_SUMMARY = (.*);\n", script, re.S)
    assert match, script[:200]
    data = json.loads(match.group(1))
    scopes = {scope["key"]: scope for scope in data["scopes"]}
    assert list(scopes) == [f"chapter-{n}" for n in range(1, 7)] + ["notice"]
    assert scopes["chapter-3"]["ids"] == ["c3-a19", "c3-a17-a26", "c3-a22-fill"]
    assert scopes["notice"]["ids"] == ["n-2-4"] and scopes["chapter-2"]["ids"] == []
    assert scopes["chapter-3"]["href"] == "practice/chapter-3.html"
    assert data["pages"]["review"] == "review.html" and data["exam"] == {"minutes": 30}
    # Everything a progress view needs, none of the question text.
    assert "信访人一般应当" not in script


def test_bank_script_carries_every_question_with_scope_and_links():
    data = bank_data(render_bank_script(small_bank(), REGULATION))
    assert data["version"] == 1
    by_id = {q["id"]: q for q in data["questions"]}
    assert list(by_id) == [q.id for q in small_bank().questions]
    q = by_id["c3-a17-a26"]
    assert q["scope"] == "chapter-3"
    assert q["answer"] == ["信息网络", "书信"]
    assert q["links"] == [{"label": "第十七条", "href": "regulation/chapter-3/#article-17"},
                          {"label": "第二十六条", "href": "regulation/chapter-3/#article-26"}]
    assert set(q) == {"id", "type", "stem", "options", "answer", "articles", "notice", "explanation",
                      "difficulty", "shuffle", "scope", "links", "tags"}
    assert by_id["c4-a31"]["answer"] is True
    assert by_id["c3-a22-fill"]["answer"] == [["15", "十五"]]
    assert by_id["n-2-4"]["scope"] == "notice"
    assert by_id["n-2-4"]["links"] == [{"label": "县通知·二（四）", "href": "notice/#notice-二-四"}]
    # A question citing both: scope from the article, links to both; 导语 has no anchor of its own.
    assert by_id["n-both"]["scope"] == "chapter-1"
    assert by_id["n-both"]["links"][1] == {"label": "县通知·导语", "href": "notice/"}


def test_bank_script_scopes_exam_and_pages():
    data = bank_data(render_bank_script(small_bank(), REGULATION))
    assert [s["key"] for s in data["scopes"]] == [f"chapter-{n}" for n in range(1, 7)] + ["notice"]
    assert data["scopes"][0] == {"key": "chapter-1", "title": "第一章 总则", "count": 2,
                                 "href": "practice/chapter-1/"}
    assert {s["key"]: s["count"] for s in data["scopes"]}["chapter-3"] == 3
    assert data["scopes"][-1] == {"key": "notice", "title": "县通知", "count": 1, "href": "practice/notice/"}
    assert data["exam"] == {"title": "模拟考试", "minutes": 30,
                            "quota": {"single": 2, "multiple": 1, "judge": 1, "fill": 1},
                            "points": {"single": 2, "multiple": 3, "judge": 1, "fill": 2.5}}
    assert data["pages"] == {"home": "", "practice": "practice/", "exam": "exam/", "review": "review/"}


def test_bank_script_carries_tags_unordered_and_the_front_matter_link():
    # Practice pages filter by tag (data hook for quiz.js): every documented tag with its count, and each
    # question's tags; `unordered` only where set; a front-matter citation links the regulation's index.
    bank = small_bank()
    bank.questions[0].tags = ["情景", "数字"]
    bank.questions[4].unordered = True
    bank.questions[0].front_matter = True
    data = bank_data(render_bank_script(bank, REGULATION))
    by_id = {q["id"]: q for q in data["questions"]}
    assert by_id["c1-a1"]["tags"] == ["情景", "数字"] and by_id["c3-a19"]["tags"] == []
    assert by_id["c3-a22-fill"]["unordered"] is True and "unordered" not in by_id["c3-a19"]
    assert by_id["c1-a1"]["links"][-1] == {"label": "条例题注（发布、批准、施行）", "href": "regulation/"}
    tags = {tag["key"]: tag for tag in data["tags"]}
    assert list(tags) == ["情景", "新旧对照", "数字", "通知", "制定"]
    assert tags["情景"]["count"] == 1 and tags["新旧对照"]["count"] == 0 and tags["情景"]["title"]


def test_bank_script_uses_html_urls_for_the_offline_bundle():
    data = bank_data(render_bank_script(small_bank(), REGULATION, use_directory_urls=False))
    by_id = {q["id"]: q for q in data["questions"]}
    assert by_id["c3-a19"]["links"][0]["href"] == "regulation/chapter-3.html#article-19"
    assert by_id["n-2-4"]["links"][0]["href"] == "notice.html#notice-二-四"
    assert data["scopes"][2]["href"] == "practice/chapter-3.html"
    assert data["pages"] == {"home": "index.html", "practice": "practice/index.html", "exam": "exam.html",
                             "review": "review.html"}


def test_bank_script_is_data_not_markup():
    evil = "<img src=x onerror=alert(1)></script>\u2028“引号”\\"
    bank = small_bank()
    bank.questions[0].stem = evil
    bank.questions[0].explanation = evil
    script = render_bank_script(bank, REGULATION)
    assert "\u2028" not in script and "\\u2028" in script  # a raw U+2028 ends a string in pre-ES2019 engines
    assert bank_data(script)["questions"][0]["stem"] == evil


def test_notice_anchors_match_the_notice_page():
    html = pages.render_notice(NOTICE)
    for key in NOTICE.section_keys():
        anchor = pages.notice_anchor(key)
        if anchor is None:
            assert key in ("文头", "导语", "结语", "落款")
        else:
            assert f"#{anchor} " in html, key


def test_quiz_pages_and_their_containers():
    result = render_quiz_pages(small_bank(), REGULATION)
    expected = {"practice/index.md": ("overview", None), "exam.md": ("exam", None),
                "review.md": ("review", None)}
    expected.update({f"practice/chapter-{n}.md": ("practice", f"chapter-{n}") for n in range(1, 7)})
    expected["practice/notice.md"] = ("practice", "notice")
    assert set(result) == set(expected)
    for path, (mode, scope) in expected.items():
        text = result[path]
        front = text.split("---\n")[1]
        assert f'quiz: "{mode}"\n' in front, path
        container = re.search(r'<div class="xf-quiz" data-mode="([a-z]+)"(?: data-scope="([a-z0-9-]+)")?',
                              text)
        assert container and container.groups() == (mode, scope), path
        assert "<noscript>" in text and "JavaScript" in text
    assert practice_page("chapter-3") == "practice/chapter-3.md"


def test_practice_page_text():
    result = render_quiz_pages(small_bank(), REGULATION)
    chapter3 = result["practice/chapter-3.md"]
    assert "# 第三章 信访事项的提出和受理 · 练习" in chapter3
    assert "共 3 题：单选 1、多选 1、填空 1。" in chapter3
    assert "(../regulation/chapter-3.md)" in chapter3
    assert "[阅读原文](../notice.md)" in result["practice/notice.md"]
    assert "本部分暂无题目。" in result["practice/chapter-6.md"]


def test_practice_pages_hold_the_article_anchors_chapter_pages_link_to():
    result = render_quiz_pages(small_bank(), REGULATION)
    for chapter in REGULATION.chapters:
        text = result[f"practice/chapter-{chapter.number}.md"]
        ids = re.findall(r'<span id="(article-\d+)"></span>', text)
        assert ids == [article.anchor for article in chapter.articles]
        assert '<div class="xf-anchors" hidden>' in text
    assert "xf-anchors" not in result["practice/notice.md"]


def test_overview_lists_every_scope_without_javascript():
    overview = render_quiz_pages(small_bank(), REGULATION)["practice/index.md"]
    assert "- [第一章 总则](chapter-1.md)（2 题）" in overview
    assert "- [县通知](notice.md)（1 题）" in overview
    assert 'data-mode="overview" markdown>' in overview


def test_exam_page_states_the_paper():
    exam = render_quiz_pages(small_bank(), REGULATION)["exam.md"]
    # quota asks for 2 single questions; the bank has 2 (c1-a1, c3-a19) plus n-2-4: 3 available.
    assert ("单选题 2 题（每题 2 分）、多选题 1 题（每题 3 分）、"
            "判断题 1 题（每题 1 分）、填空题 1 题（每题 2.5 分）") in exam
    assert "共 5 题，满分 10.5 分，限时 30 分钟" in exam


def test_questions_per_article_counts_each_question_once_per_article():
    counts = questions_per_article(small_bank())
    assert counts[19] == 1 and counts[17] == 1 and counts[26] == 1 and counts[5] == 1
    assert counts[2] == 0


# ---------------------------------------------------------------- the scripts and quiz.css


def _code_only(source: str) -> str:
    """A script without comments and string literals (its regex literals contain no quotes)."""
    out, i, n = [], 0, len(source)
    while i < n:
        two = source[i:i + 2]
        if two == "//":
            i = source.find("\n", i)
            i = n if i < 0 else i
        elif two == "/*":
            i = source.index("*/", i) + 2
        elif source[i] in "\"'":
            quote, i = source[i], i + 1
            while source[i] != quote:
                i += 2 if source[i] == "\\" else 1
            i += 1
            out.append('""')
        else:
            out.append(source[i])
            i += 1
    return "".join(out)


# The quiz engine's scripts (console.js and print.js have tests of their own).
SCRIPTS = ["core.js", "records.js", "view.js", "practice.js", "review.js", "exam.js", "home.js", "backup.js"]


@pytest.mark.parametrize("name", SCRIPTS)
def test_quiz_js_is_es5(name):
    code = _code_only((ASSETS / name).read_text(encoding="utf-8"))
    forbidden = {
        "arrow function": r"=>", "template literal": r"`", "let/const": r"\b(?:let|const)\s",
        "class": r"\bclass\s+[A-Za-z]", "optional chaining": r"\?\.(?!\d)", "spread": r"\.\.\.",
        "nullish": r"\?\?", "for-of": r"\bfor\s*\([^)]*\bof\b", "async": r"\basync\s+function|\bawait\s",
        "includes": r"\.includes\(", "Object.assign": r"Object\.assign",
    }
    found = {name: re.findall(pattern, code) for name, pattern in forbidden.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}


@pytest.mark.parametrize("name", SCRIPTS)
def test_quiz_js_never_inserts_html(name):
    source = (ASSETS / name).read_text(encoding="utf-8")
    code = _code_only(source)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in code, sink
    assert "fetch(" not in code and "XMLHttpRequest" not in code  # no network


def test_quiz_css_uses_material_variables_and_no_remote_urls():
    css = (ASSETS / "quiz.css").read_text(encoding="utf-8")
    assert "var(--md-primary-fg-color)" in css and "var(--md-default-bg-color)" in css
    assert "url(" not in css and "@import" not in css


@pytest.mark.parametrize("name", [*SCRIPTS, "quiz.css"])
def test_assets_are_small(name):
    assert (ASSETS / name).stat().st_size < 80_000


def test_article_links_carry_short_titles():
    data = bank_data(render_bank_script(small_bank(), REGULATION, titles={n: f"标题{n}" for n in range(1, 51)}))
    for question in data["questions"]:
        for link, number in zip(question["links"], question["articles"]):
            assert link["label"] == f"{REGULATION.article(number).label} 标题{number}"
