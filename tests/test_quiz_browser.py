"""Practice, exam and 错题本 as a learner uses them, in headless Chromium (assets/core.js and the mode scripts).

The main flows run on the real built site. Grading vectors, XSS and quota edge cases run on small
test-only pages under tmp_path that load generator/assets/*.js over file:// with a hand-made
window.XF_BANK.
"""

from __future__ import annotations

import json
import shutil
import time
import unicodedata
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "generator" / "assets"
VECTORS = Path(__file__).parent / "grading_vectors.json"
EVIL = "<img src=x onerror=alert(1)>"
KEYS = {name: f"xf.v1.{name}" for name in ("progress", "wrong", "exam", "practice")}
# progress and the 错题本 keep one key per question ("xf.v1.wrong/<id>"); older browsers hold one object.
RECORD_JS = """k => { const out = {}; let any = false; const legacy = localStorage.getItem(k);
    if (legacy !== null) { any = true; Object.assign(out, JSON.parse(legacy)); }
    for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key.startsWith(k + '/')) { any = true; out[key.slice(k.length + 1)] = JSON.parse(localStorage.getItem(key)); }
    }
    return any ? out : null; }"""


def stored_record(page, name: str):
    """The stored progress or 错题本 as one object {id: entry} (None when nothing is stored)."""
    return page.evaluate(RECORD_JS, KEYS[name])



# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def bank(built_site) -> dict:
    """The bank as the built site ships it (assets/quiz-bank.js)."""
    text = (built_site / "assets" / "quiz-bank.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("{"):text.rindex("}") + 1])


@pytest.fixture
def errors(page):
    """JavaScript errors and dialogs on the page; a test ends by asserting both are empty."""
    found = {"errors": [], "dialogs": []}
    page.on("pageerror", lambda error: found["errors"].append(str(error)))

    def on_dialog(dialog):
        found["dialogs"].append(dialog.message)
        dialog.dismiss()
    page.on("dialog", on_dialog)
    return found


# ---------------------------------------------------------------- acting like a learner


def css_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string (non-ASCII kept) is a valid CSS string


def card(page, qid: str | None = None):
    return page.locator(f".xf-question[data-question-id={css_string(qid)}]" if qid else ".xf-question").first


def current_id(page) -> str:
    return card(page).get_attribute("data-question-id")


def answer(page, q: dict, correct: bool):
    """Answer question `q` (bank data) right or wrong in its card, the way a person would."""
    box = card(page, q["id"])

    def option(text):
        return box.locator(f"button[data-option={css_string(text)}]")

    if q["type"] == "single":
        option(q["answer"] if correct else next(o for o in q["options"] if o != q["answer"])).click()
    elif q["type"] == "judge":
        option("正确" if q["answer"] == correct else "错误").click()
    elif q["type"] == "multiple":
        for text in (q["answer"] if correct else [next(o for o in q["options"] if o not in q["answer"])]):
            option(text).click()
        box.locator("button[data-action=submit]").click()
    else:
        for index, variants in enumerate(q["answer"]):
            box.locator(f"input[data-blank='{index}']").fill(variants[0] if correct else "不知道")
        box.locator("button[data-action=submit]").click()


def by_id(bank: dict) -> dict:
    return {q["id"]: q for q in bank["questions"]}


# The scripts each mode loads, in order, as overrides/main.html lists them (after the bank).
MODE_SCRIPTS = {
    "practice": ["core.js", "records.js", "view.js", "practice.js"],
    "review": ["core.js", "records.js", "view.js", "practice.js", "review.js", "backup.js"],
    "exam": ["core.js", "records.js", "view.js", "exam.js"],
    "overview": ["core.js", "records.js", "view.js", "home.js"],
    "progress": ["core.js", "records.js", "view.js", "home.js", "backup.js"],
}


def test_page(tmp_path: Path, bank: dict, mode: str, scope: str = "") -> str:
    """A test-only page that loads the real scripts of `mode` with `bank`, opened over file://."""
    for name in [*MODE_SCRIPTS[mode], "quiz.css"]:
        shutil.copy(ASSETS / name, tmp_path / name)
    bank_json = json.dumps(bank, ensure_ascii=False).replace("</", "<\\/")
    scope_attr = f' data-scope="{scope}"' if scope else ""
    scripts = "".join(f'<script src="{name}"></script>' for name in MODE_SCRIPTS[mode])
    page = tmp_path / f"{mode}.html"
    page.write_text(
        '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>t</title>'
        '<link rel="stylesheet" href="quiz.css"></head><body>'
        f'<div class="xf-quiz" data-mode="{mode}"{scope_attr}></div>'
        f'<script>window.XF_ROOT = "."; window.XF_BANK = {bank_json};</script>'
        f'{scripts}</body></html>', encoding="utf-8")
    return page.as_uri()


test_page.__test__ = False  # a helper, not a test


def q_data(qid, qtype, stem, options=(), answer=None, scope="chapter-1", articles=(1,), explanation="解析。"):
    return {"id": qid, "type": qtype, "stem": stem, "options": list(options), "answer": answer,
            "articles": list(articles), "notice": None, "explanation": explanation, "difficulty": 1,
            "scope": scope,
            "links": [{"label": f"第{n}条", "href": f"regulation/chapter-1/#article-{n}"} for n in articles]}


def small_bank(questions, quota=None, minutes=60) -> dict:
    return {
        "version": 1, "questions": questions,
        "scopes": [{"key": "chapter-1", "title": "第一章 总则", "count": len(questions),
                    "href": "chapter-1.html"}],
        "exam": {"title": "模拟考试", "minutes": minutes, "quota": quota or {"single": 1},
                 "points": {"single": 2, "multiple": 3, "judge": 1, "fill": 2}},
        "pages": {"home": "index.html", "practice": "practice.html", "exam": "exam.html",
                  "review": "review.html"},
    }


# ---------------------------------------------------------------- grading: the same vectors as Python


def test_grading_vectors_in_chromium(page, tmp_path):
    if not VECTORS.is_file():
        pytest.skip("tests/grading_vectors.json is not written yet")
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    page.goto(test_page(tmp_path, small_bank([]), "progress"))
    results = page.evaluate(
        "vs => vs.map(v => window.XF.grade(v.question, v.response, {partial: v.partial}))", vectors)
    wrong = [(v["name"], got, v["expected"]) for v, got in zip(vectors, results)
             if (got["correct"], got["score"]) != (v["expected"]["correct"], v["expected"]["score"])]
    assert wrong == []
    assert len(results) == len(vectors) > 0


def test_fallback_punctuation_list_matches_unicode_classes(page, tmp_path):
    """Old WebViews without \\p{…} strip punctuation from a fixed list; it must agree with \\p{P}\\p{S}."""
    blocks = [(0x20, 0x2ff), (0x2000, 0x2bff), (0x2e00, 0x2e7f), (0x3000, 0x30ff), (0x4e00, 0x4fff),
              (0xfe10, 0xfe6f), (0xff00, 0xffef)]
    # Characters Python's Unicode tables do not know yet (Chromium's are newer) are nobody's answer.
    known = [c for a, b in blocks for c in range(a, b + 1) if unicodedata.category(chr(c)) != "Cn"]
    page.goto(test_page(tmp_path, small_bank([]), "progress"))
    differ = page.evaluate("""codes => codes.filter(c => {
        const ch = String.fromCharCode(c);
        if (ch.normalize('NFKC') !== ch) return false;  // the fallback only folds width, not all of NFKC
        return XF.normalize(ch, true) !== XF.normalize(ch);
    }).map(c => c.toString(16))""", known)
    assert differ == []


def test_fill_days_and_blanks_in_any_order(page, tmp_path):
    """Issue 11: 15天 is 15日; `unordered: true` takes the blanks in any order, each answer once."""
    page.goto(test_page(tmp_path, small_bank([]), "progress"))
    grade = "([q, r]) => XF.grade(q, r).correct"
    days = {"type": "fill", "answer": [["15日"]]}
    assert page.evaluate(grade, [days, ["15天"]]) and page.evaluate(grade, [days, ["十五天"]]) is False
    assert page.evaluate(grade, [{"type": "fill", "answer": [["十五日"]]}, ["十五天"]])
    pair = {"type": "fill", "answer": [["书面"], ["口头"]]}
    assert page.evaluate(grade, [pair, ["口头", "书面"]]) is False
    pair["unordered"] = True
    assert page.evaluate(grade, [pair, ["口头", "书面"]]) and page.evaluate(grade, [pair, ["书面", "口头"]])
    assert page.evaluate(grade, [pair, ["书面", "书面"]]) is False


def test_unordered_fill_in_practice(page, tmp_path):
    q = q_data("f1", "fill", "信访人可以采用____或者____形式。", answer=[["书面"], ["口头"]])
    q["unordered"] = True
    page.goto(test_page(tmp_path, small_bank([q]), "practice", "chapter-1"))
    card(page).locator("input[data-blank='0']").fill("口头")
    card(page).locator("input[data-blank='1']").fill("书面")
    card(page).locator("button[data-action=submit]").click()
    assert card(page).get_attribute("data-result") == "correct"
    assert card(page).locator(".xf-blank-wrong").count() == 0
    assert "顺序不限" in card(page).locator(".xf-feedback").inner_text()


def test_fallback_width_folding(page, tmp_path):
    page.goto(test_page(tmp_path, small_bank([]), "progress"))
    typed = "柞信联发［２０２２］　３号。ＡＰＰ"
    assert page.evaluate("t => XF.normalize(t, true)", typed) == "柞信联发20223号app"


# ---------------------------------------------------------------- practice on the real site


def test_practice_right_and_wrong_with_explanation_and_article_link(page, site_url, bank, errors):
    page.goto(site_url + "/practice/chapter-3/")
    questions = by_id(bank)
    first = questions[current_id(page)]
    answer(page, first, correct=True)
    box = card(page, first["id"])
    assert box.get_attribute("data-result") == "correct"
    assert first["explanation"] in box.locator(".xf-explanation").inner_text()
    article = first["articles"][0]
    chapter = int(first["scope"].split("-")[1])
    source = box.locator(".xf-links a").first
    assert source.evaluate("a => a.href").endswith(f"regulation/chapter-{chapter}/#article-{article}")

    page.locator("button[data-action=next]").click()
    second = questions[current_id(page)]
    assert second["id"] != first["id"]
    answer(page, second, correct=False)
    box = card(page, second["id"])
    assert box.get_attribute("data-result") == "wrong"
    assert second["explanation"] in box.locator(".xf-explanation").inner_text()
    assert "正确答案" in box.inner_text()
    # The article link lands on the article.
    target = box.locator(".xf-links a").first.evaluate("a => a.href")
    page.goto(target)
    assert page.locator(f"#article-{second['articles'][0]}").count() == 1
    assert errors == {"errors": [], "dialogs": []}


def test_single_and_judge_grade_on_tap_multiple_needs_submit(page, site_url, bank):
    page.goto(site_url + "/practice/chapter-3/")
    questions = by_id(bank)
    seen = set()
    for _ in range(12):
        q = questions[current_id(page)]
        box = card(page, q["id"])
        if q["type"] in ("multiple", "fill") and q["type"] not in seen:
            assert box.locator("button[data-action=submit]").count() == 1
            box.locator("button[data-action=submit]").click()  # nothing chosen yet: a hint, no grading
            assert box.get_attribute("data-result") is None
            assert box.locator(".xf-hint").is_visible()
        if q["type"] in ("single", "judge"):
            assert box.locator("button[data-action=submit]").count() == 0
        seen.add(q["type"])
        answer(page, q, correct=True)
        assert card(page, q["id"]).get_attribute("data-result") == "correct"
        page.locator("button[data-action=next]").click()
    assert {"single", "multiple", "judge"} <= seen


def test_practice_shows_options_in_the_order_the_bank_gives(page, site_url, bank):
    """The build shuffles options once, seeded by id (quiz.shuffle); the page keeps that order, every time."""
    questions = by_id(bank)
    for _ in range(3):
        page.goto(site_url + "/practice/chapter-2/")
        page.evaluate("localStorage.clear()")
        for _ in range(4):
            q = questions[current_id(page)]
            shown = card(page).locator("button[data-option]").evaluate_all(
                "bs => bs.map(b => b.dataset.option)")
            assert shown == (["正确", "错误"] if q["type"] == "judge" else q["options"])
            page.locator("button[data-action=next]").click()


def test_exam_shuffles_options_per_paper_unless_the_order_matters(page, tmp_path):
    options = ["甲", "乙", "丙", "丁", "戊"]
    questions = [q_data(f"s{i}", "single", f"单选{i}", options, "甲") for i in range(6)]
    questions[0]["shuffle"] = False
    bank = small_bank(questions, {"single": 6})
    orders = {}
    for seed in (11, 12, 13):
        page.goto(test_page(tmp_path, bank, "exam") + f"#seed={seed}")
        page.evaluate("localStorage.clear()")
        page.reload()
        page.locator("button[data-action=start-exam]").click()
        for box in page.locator(".xf-question").all():
            qid = box.get_attribute("data-question-id")
            shown = box.locator("button[data-option]").evaluate_all("bs => bs.map(b => b.dataset.option)")
            assert sorted(shown) == sorted(options)
            orders.setdefault(qid, set()).add(tuple(shown))
    assert orders.pop("s0") == {tuple(options)}
    assert any(len(seen) > 1 or seen != {tuple(options)} for seen in orders.values())


def test_article_filter_from_the_url(page, site_url, bank):
    page.goto(site_url + "/practice/chapter-3/#article-19")
    expected = [q["id"] for q in bank["questions"] if 19 in q["articles"]]
    assert expected
    note = page.locator(".xf-filter")
    assert "第十九条" in note.inner_text() and f"{len(expected)} 道题" in note.inner_text()
    assert page.locator(".xf-qlink").count() == len(expected)
    assert current_id(page) == expected[0]
    # The question list stays open while answering, and closes after jumping to a question.
    page.locator(".xf-qlist summary").click()
    answer(page, by_id(bank)[expected[0]], correct=True)
    assert page.locator(".xf-qlist").evaluate("d => d.open")
    assert "xf-q-right" in page.locator(".xf-qlink[data-index='0']").get_attribute("class")
    if len(expected) > 1:
        page.locator(".xf-qlink[data-index='1']").click()
        assert current_id(page) == expected[1]
        assert not page.locator(".xf-qlist").evaluate("d => d.open")
    note.locator("a[data-action=show-all]").click()
    chapter3 = [q["id"] for q in bank["questions"] if q["scope"] == "chapter-3"]
    assert page.locator(".xf-qlink").count() == len(chapter3)
    assert page.locator(".xf-filter").count() == 0
    assert not page.url.endswith("#article-19")


def test_practice_position_survives_a_reload(page, site_url):
    page.goto(site_url + "/practice/chapter-4/")
    page.locator("button[data-action=next]").click()
    page.locator("button[data-action=next]").click()
    third = current_id(page)
    page.reload()
    assert current_id(page) == third
    assert "第 3 / " in page.locator(".xf-status").inner_text()


# ---------------------------------------------------------------- 错题本


def test_wrong_answer_goes_to_review_and_leaves_after_two_right_in_a_row(page, site_url, bank, errors):
    questions = by_id(bank)
    page.goto(site_url + "/review/")
    assert "错题本是空的" in page.locator(".xf-quiz").inner_text()

    page.goto(site_url + "/practice/chapter-5/")
    q = questions[current_id(page)]
    answer(page, q, correct=False)

    page.goto(site_url + "/review/")
    assert current_id(page) == q["id"]
    assert page.locator(".xf-remaining").get_attribute("data-remaining") == "1"
    answer(page, q, correct=True)
    assert card(page, q["id"]).get_attribute("data-result") == "correct"
    assert "再答对 1 次" in page.locator(".xf-streak").inner_text()
    assert page.locator(".xf-remaining").get_attribute("data-remaining") == "1"

    # One correct answer is not enough: it is still there after a reload; a wrong one resets the streak.
    page.reload()
    assert current_id(page) == q["id"]
    answer(page, q, correct=False)
    page.locator("button[data-action=next]").click()
    page.locator("button[data-action=restart]").click()
    answer(page, q, correct=True)
    page.locator("button[data-action=next]").click()
    page.locator("button[data-action=restart]").click()
    answer(page, q, correct=True)
    assert "移出错题本" in page.locator(".xf-streak").inner_text()
    assert page.locator(".xf-remaining").get_attribute("data-remaining") == "0"

    page.reload()
    assert page.locator(".xf-question").count() == 0
    assert "错题本是空的" in page.locator(".xf-quiz").inner_text()
    assert errors == {"errors": [], "dialogs": []}


def answer_one_right_one_wrong(page, site_url, bank):
    """Practise the first two questions of chapter 1: the first right, the second wrong."""
    questions = by_id(bank)
    page.goto(site_url + "/practice/chapter-1/")
    answer(page, questions[current_id(page)], correct=True)
    page.locator("button[data-action=next]").click()
    answer(page, questions[current_id(page)], correct=False)


def test_overview_shows_progress(page, site_url, bank):
    answer_one_right_one_wrong(page, site_url, bank)

    page.goto(site_url + "/practice/")
    row = page.locator(".xf-scope-list li[data-scope=chapter-1]")
    assert "已练 2 / " in row.inner_text() and "答对 1" in row.inner_text()
    assert page.locator(".xf-scope-list li").count() == 7
    assert row.locator("a").evaluate("a => a.href").endswith("/practice/chapter-1/")
    assert "错题本（1 题）" in page.locator(".xf-overview").inner_text()


def test_home_page_shows_progress(page, site_url, bank):
    page.goto(site_url + "/")
    assert "还没有练习记录" in page.locator(".xf-quiz").inner_text()
    answer_one_right_one_wrong(page, site_url, bank)

    page.goto(site_url + "/")
    home = page.locator(".xf-quiz[data-mode=progress]")
    assert "已练 2 / " in home.inner_text()
    assert home.locator("tr[data-scope=chapter-1]").get_attribute("data-seen") == "2"
    assert home.locator("tr[data-scope=chapter-1]").get_attribute("data-right") == "1"
    assert "错题本（1 题）" in home.inner_text()
    assert home.locator("a", has_text="继续练习").evaluate("a => a.href").endswith("/practice/chapter-1/")


# ---------------------------------------------------------------- exam


def exam_counts(page) -> dict:
    types = page.locator(".xf-question").evaluate_all("qs => qs.map(q => q.dataset.type)")
    return {t: types.count(t) for t in set(types)}


def test_exam_quota_reload_and_submit(page, site_url, bank, errors):
    questions = by_id(bank)
    page.goto(site_url + "/exam/")
    page.locator("button[data-action=start-exam]").click()
    quota = {t: n for t, n in bank["exam"]["quota"].items() if n}
    assert exam_counts(page) == quota

    ids = page.locator(".xf-question").evaluate_all("qs => qs.map(q => q.dataset.questionId)")
    assert len(set(ids)) == len(ids)
    by_type = {}
    for qid in ids:
        by_type.setdefault(questions[qid]["type"], []).append(questions[qid])
    right = [by_type["single"][0], by_type["judge"][0], by_type["multiple"][0]]
    fill = by_type["fill"][0]
    wrong = by_type["single"][1]
    for q in right:
        option_texts = q["answer"] if q["type"] == "multiple" else [
            q["answer"] if q["type"] == "single" else ("正确" if q["answer"] else "错误")]
        for text in option_texts:
            card(page, q["id"]).locator(f"button[data-option={css_string(text)}]").click()
    for index, variants in enumerate(fill["answer"]):
        card(page, fill["id"]).locator(f"input[data-blank='{index}']").fill(variants[0])
    answer(page, wrong, correct=False)
    assert page.locator(".xf-question[data-result]").count() == 0  # no feedback before 交卷
    assert page.locator(".xf-answered").inner_text().startswith(f"已答 {len(right) + 2} / ")

    before = int(page.locator(".xf-timer").get_attribute("data-remaining"))
    started = time.monotonic()
    time.sleep(2)
    page.reload()
    after = int(page.locator(".xf-timer").get_attribute("data-remaining"))
    elapsed = time.monotonic() - started
    assert abs(before - elapsed - after) <= 3
    assert after < bank["exam"]["minutes"] * 60
    assert page.locator(".xf-question").evaluate_all("qs => qs.map(q => q.dataset.questionId)") == ids
    for q in right:
        chosen = card(page, q["id"]).locator("button[aria-pressed=true]").evaluate_all(
            "bs => bs.map(b => b.dataset.option)")
        expected = q["answer"] if q["type"] == "multiple" else [
            q["answer"] if q["type"] == "single" else ("正确" if q["answer"] else "错误")]
        assert sorted(chosen) == sorted(expected)
    for index, variants in enumerate(fill["answer"]):
        assert card(page, fill["id"]).locator(f"input[data-blank='{index}']").input_value() == variants[0]

    page.locator(".xf-exam-bar button[data-action=submit-exam]").click()
    assert "未作答" in page.locator(".xf-confirm").inner_text()
    page.locator("button[data-action=confirm-submit]").click()
    score = page.locator("[data-score]")
    points = bank["exam"]["points"]
    expected = sum(points[q["type"]] for q in right + [fill])
    assert float(score.get_attribute("data-score")) == expected
    total = sum(points[t] * n for t, n in quota.items())
    assert float(score.get_attribute("data-total")) == total
    assert page.locator(".xf-breakdown tbody tr").count() >= 1

    # Review: every question with your answer, the right answer, explanation and links.
    assert page.locator(".xf-question").count() == len(ids)
    assert page.locator(".xf-question[data-result=correct]").count() == len(right) + 1
    review = card(page, wrong["id"])
    assert review.get_attribute("data-result") == "wrong"
    text = review.inner_text()
    assert "你的答案" in text and "正确答案" in text and wrong["explanation"] in text
    assert review.locator(".xf-links a").count() >= 1
    page.locator("input[data-action=wrong-only]").check()
    assert page.locator(".xf-question").count() == len(ids) - len(right) - 1

    # Submitted stays submitted after a reload; the wrong answer is in the 错题本, unanswered ones are not.
    page.reload()
    assert float(page.locator("[data-score]").get_attribute("data-score")) == expected
    wrong_book = stored_record(page, "wrong")
    assert list(wrong_book) == [wrong["id"]]

    page.locator("button[data-action=new-exam]").click()
    assert page.locator("button[data-action=start-exam]").is_visible()
    page.locator("button[data-action=start-exam]").click()
    assert page.locator("button[aria-pressed=true]").count() == 0
    assert errors == {"errors": [], "dialogs": []}


def test_exam_time_up_submits_itself(page, site_url):
    page.goto(site_url + "/exam/")
    page.locator("button[data-action=start-exam]").click()
    page.evaluate("""() => {
        const exam = JSON.parse(localStorage.getItem('xf.v1.exam'));
        exam.deadline = Date.now() - 1000;
        localStorage.setItem('xf.v1.exam', JSON.stringify(exam));
    }""")
    page.reload()
    assert page.locator("[data-score]").get_attribute("data-score") == "0"
    assert "时间到" in page.locator(".xf-note").first.inner_text()


def test_exam_seed_link_gives_the_same_paper(page, site_url):
    papers = []
    for _ in range(2):
        page.goto(site_url + "/exam/#seed=20240501")
        page.evaluate("localStorage.clear()")
        page.reload()
        assert "20240501" in page.locator(".xf-seed").inner_text()
        page.locator("button[data-action=start-exam]").click()
        papers.append(page.locator(".xf-question").evaluate_all(
            "qs => qs.map(q => q.dataset.questionId + ':' + [...q.querySelectorAll('[data-option]')]"
            ".map(b => b.dataset.option).join('|'))"))
    assert papers[0] == papers[1]


@pytest.mark.parametrize("quota", [{"single": 3, "multiple": 2, "judge": 2, "fill": 1},
                                   {"single": 9, "judge": 1}])
def test_exam_quota_on_a_small_bank(page, tmp_path, quota):
    questions = ([q_data(f"s{i}", "single", f"单选{i}", ["甲", "乙", "丙"], "甲") for i in range(5)]
                 + [q_data(f"m{i}", "multiple", f"多选{i}", ["甲", "乙", "丙"], ["甲", "乙"])
                    for i in range(4)]
                 + [q_data(f"j{i}", "judge", f"判断{i}", answer=True) for i in range(4)]
                 + [q_data(f"f{i}", "fill", f"填空{i}：____", answer=[["甲"]]) for i in range(3)])
    page.goto(test_page(tmp_path, small_bank(questions, quota), "exam"))
    page.locator("button[data-action=start-exam]").click()
    available = {"single": 5, "multiple": 4, "judge": 4, "fill": 3}
    assert exam_counts(page) == {t: min(n, available[t]) for t, n in quota.items()}


def test_abandoning_an_exam_asks_first(page, tmp_path):
    questions = [q_data(f"s{i}", "single", f"单选{i}", ["甲", "乙", "丙"], "甲") for i in range(3)]
    page.goto(test_page(tmp_path, small_bank(questions, {"single": 2}), "exam"))
    page.locator("button[data-action=start-exam]").click()
    card(page).locator("button[data-option='甲']").click()
    page.locator("a[data-action=abandon]").click()
    page.locator("button[data-action=cancel-abandon]").click()
    assert page.locator(".xf-question button[aria-pressed=true]").count() == 1
    page.locator("a[data-action=abandon]").click()
    page.locator(".xf-confirm button[data-action=new-exam]").click()
    assert page.locator(".xf-question").count() == 0
    assert page.evaluate("localStorage.getItem('xf.v1.exam')") is None
    page.locator("button[data-action=start-exam]").click()
    assert page.locator(".xf-question button[aria-pressed=true]").count() == 0


# ---------------------------------------------------------------- bank text is text


def evil_bank() -> dict:
    questions = [
        q_data("x-single", "single", f"题干{EVIL}", [EVIL, "乙", "丙"], EVIL, explanation=f"解析{EVIL}"),
        q_data("x-multiple", "multiple", f"多选{EVIL}", [EVIL, "<b>乙</b>", "丙"], [EVIL, "<b>乙</b>"],
               explanation=f"<script>alert(2)</script>{EVIL}"),
        q_data("x-fill", "fill", f"填空{EVIL}____", answer=[[EVIL]], explanation=EVIL),
        q_data("x-judge", "judge", f"判断{EVIL}", answer=False, explanation=EVIL),
    ]
    for q in questions:
        q["links"] = [{"label": EVIL, "href": "regulation/chapter-1/#article-1"}]
    bank = small_bank(questions, {"single": 1, "multiple": 1, "judge": 1, "fill": 1})
    bank["scopes"][0]["title"] = EVIL
    bank["exam"]["title"] = EVIL
    return bank


def assert_no_markup(page, errors):
    assert page.locator("img").count() == 0
    assert page.locator(".xf-quiz script, .xf-quiz b").count() == 0
    assert errors == {"errors": [], "dialogs": []}


def test_bank_text_is_never_html_in_practice(page, tmp_path, errors):
    bank = evil_bank()
    page.goto(test_page(tmp_path, bank, "practice", "chapter-1"))
    assert EVIL in card(page).locator(".xf-stem").inner_text()
    assert card(page).locator(f"button[data-option={css_string(EVIL)}]").count() == 1
    answer(page, bank["questions"][0], correct=False)
    feedback = card(page).locator(".xf-feedback").inner_text()
    assert f"解析{EVIL}" in feedback and f"正确答案：{EVIL}" in feedback
    for q in bank["questions"][1:]:
        page.locator("button[data-action=next]").click()
        answer(page, q, correct=q["type"] != "fill")
        assert EVIL in card(page).inner_text()
    assert_no_markup(page, errors)


def test_bank_text_is_never_html_in_exam_review_and_overview(page, tmp_path, errors):
    bank = evil_bank()
    page.goto(test_page(tmp_path, bank, "exam"))
    page.locator("button[data-action=start-exam]").click()
    answer(page, bank["questions"][0], correct=False)
    page.locator(".xf-exam-bar button[data-action=submit-exam]").click()
    page.locator("button[data-action=confirm-submit]").click()
    assert page.locator("[data-score]").count() == 1
    assert EVIL in page.locator(".xf-breakdown").inner_text()
    page.goto(test_page(tmp_path, bank, "review"))
    assert EVIL in card(page).inner_text()
    for mode in ("overview", "progress"):
        page.goto(test_page(tmp_path, bank, mode))
        assert EVIL in page.locator(".xf-quiz").inner_text()
    assert_no_markup(page, errors)


# ---------------------------------------------------------------- stored data that is broken or missing


BAD_VALUES = {
    "invalid JSON": "{\"oops",
    "wrong shape": {"progress": "[1, 2]", "wrong": '{"a": {"s": "x"}}', "exam": '{"v": 1, "ids": 3}',
                    "practice": '"text"'},
}


@pytest.mark.parametrize("kind", list(BAD_VALUES))
@pytest.mark.parametrize("key", list(KEYS))
def test_corrupted_storage_is_reset_with_a_note(page, site_url, bank, errors, key, kind):
    value = BAD_VALUES[kind] if isinstance(BAD_VALUES[kind], str) else BAD_VALUES[kind][key]
    page.goto(site_url + "/practice/chapter-2/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEYS[key], value])
    for path in ("/practice/chapter-2/", "/exam/", "/review/", "/practice/", "/"):
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEYS[key], value])
        page.goto(site_url + path)
        note = page.locator(".xf-note")
        assert note.count() == 1, path
        assert "已损坏，已重置" in note.inner_text()
        assert page.locator(".xf-view").count() == 1
    # The practice page still works, and the bad value is gone.
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEYS[key], value])
    page.goto(site_url + "/practice/chapter-2/")
    answer(page, by_id(bank)[current_id(page)], correct=True)
    assert card(page).get_attribute("data-result") == "correct"
    stored = page.evaluate("k => localStorage.getItem(k)", KEYS[key])
    assert stored != value
    page.locator(".xf-note button[data-action=dismiss]").click()
    assert page.locator(".xf-note").count() == 0
    assert errors == {"errors": [], "dialogs": []}


def test_private_mode_storage_that_refuses_writes(page, site_url, bank, errors):
    """Old iOS Safari private mode: localStorage exists but every setItem throws."""
    page.add_init_script("""Storage.prototype.setItem = function () {
        throw new DOMException('quota', 'QuotaExceededError'); };""")
    page.goto(site_url + "/practice/chapter-1/")
    assert "无痕模式" in page.locator(".xf-note").inner_text()
    q = by_id(bank)[current_id(page)]
    answer(page, q, correct=False)
    assert card(page, q["id"]).get_attribute("data-result") == "wrong"
    page.goto(site_url + "/exam/")
    page.locator("button[data-action=start-exam]").click()
    assert page.locator(".xf-question").count() > 0
    assert errors == {"errors": [], "dialogs": []}


def test_no_local_storage_at_all(page, tmp_path, errors):
    """Storage disabled outright: reading window.localStorage throws (a test page: Material's own inline
    scripts do not survive that)."""
    page.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get: function () { throw new DOMException('denied', 'SecurityError'); } });""")
    questions = [q_data("s1", "single", "单选", ["甲", "乙", "丙"], "甲"),
                 q_data("j1", "judge", "判断", answer=True)]
    page.goto(test_page(tmp_path, small_bank(questions), "practice", "chapter-1"))
    assert "无痕模式" in page.locator(".xf-note").inner_text()
    answer(page, questions[0], correct=False)
    assert card(page).get_attribute("data-result") == "wrong"
    page.locator("button[data-action=next]").click()
    answer(page, questions[1], correct=True)
    assert card(page).get_attribute("data-result") == "correct"
    assert errors == {"errors": [], "dialogs": []}


def test_progress_view_counts_seen_and_right(page, tmp_path):
    questions = [q_data(f"s{i}", "single", f"单选{i}", ["甲", "乙", "丙"], "甲") for i in range(4)]
    url = test_page(tmp_path, small_bank(questions), "progress")
    page.goto(url)
    assert "还没有练习记录" in page.locator(".xf-quiz").inner_text()
    page.evaluate("""() => {
        localStorage.setItem('xf.v1.progress', JSON.stringify({
            s0: {n: 2, c: 1, last: 1}, s1: {n: 1, c: 0, last: 0}, gone: {n: 5, c: 5, last: 1}}));
        localStorage.setItem('xf.v1.wrong', JSON.stringify({s1: {s: 0, t: 1, n: 1}}));
    }""")
    page.reload()
    text = page.locator(".xf-quiz").inner_text()
    assert "已练 2 / 4 题，答对 1 / 2 题，正确率 50%" in text  # an id no longer in the bank is ignored
    assert "错题本（1 题）" in text
    assert page.locator(".xf-note").count() == 0


def test_events_and_idempotent_init(page, tmp_path):
    questions = [q_data("s1", "single", "单选", ["甲", "乙", "丙"], "甲")]
    page.goto(test_page(tmp_path, small_bank(questions), "practice", "chapter-1"))
    page.evaluate("""() => {
        window.seen = [];
        document.querySelector('.xf-quiz').addEventListener('xf:answer', e => window.seen.push(e.detail));
        XF.quiz.init(document.querySelector('.xf-quiz'));  // a second init only re-renders
        XF.quiz.render();
    }""")
    assert page.locator(".xf-view").count() == 1
    card(page).locator("button[data-option='乙']").click()
    assert page.evaluate("window.seen") == [
        {"id": "s1", "correct": False, "score": 0, "mode": "practice", "leftReview": False}]


# ---------------------------------------------------------------- the offline bundle, opened from a folder


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    from conftest import build_site

    return build_site(tmp_path_factory.mktemp("offline") / "site", offline=True)


def test_quiz_works_from_file_urls_in_the_offline_build(page, offline_site, bank, errors):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    questions = by_id(bank)
    page.goto((offline_site / "practice" / "chapter-3.html").as_uri())
    q = questions[current_id(page)]
    answer(page, q, correct=False)
    link = card(page).locator(".xf-links a").first.evaluate("a => a.href")
    assert link.endswith(f"regulation/chapter-3.html#article-{q['articles'][0]}")
    assert link.startswith("file://")

    page.goto((offline_site / "practice" / "index.html").as_uri())
    hrefs = page.locator(".xf-scope-list a, .xf-overview .xf-actions a").evaluate_all(
        "as => as.map(a => a.href)")
    assert hrefs and all(href.endswith(".html") for href in hrefs)
    for href in hrefs:
        assert Path(href.removeprefix("file://")).is_file(), href
    page.locator(".xf-overview a", has_text="错题本").click()
    assert current_id(page) == q["id"]
    page.goto((offline_site / "exam.html").as_uri())
    page.locator("button[data-action=start-exam]").click()
    assert page.locator(".xf-question").count() == sum(bank["exam"]["quota"].values())
    assert [url for url in requests if not url.startswith("file://") and not url.startswith("data:")] == []
    assert errors == {"errors": [], "dialogs": []}


# ---------------------------------------------------------------- phones


def test_practice_fits_a_360px_phone(browser, site_url, bank):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + "/practice/chapter-3/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        for button in page.locator(".xf-option, .xf-nav button").all():
            box = button.bounding_box()
            assert box["height"] >= 39.5 and box["x"] >= 0 and box["x"] + box["width"] <= 360
        q = by_id(bank)[current_id(page)]
        if q["type"] in ("single", "judge"):
            card(page).locator("button[data-option]").first.tap()
            assert card(page).get_attribute("data-result") in ("correct", "wrong")
        page.goto(site_url + "/exam/")
        page.locator("button[data-action=start-exam]").tap()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.locator(".xf-exam-bar button[data-action=submit-exam]").tap()
        page.locator("button[data-action=confirm-submit]").tap()
        assert page.locator("[data-score]").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        table = page.locator(".xf-breakdown table").bounding_box()
        assert table["x"] >= 0 and table["x"] + table["width"] <= 360
    finally:
        context.close()
