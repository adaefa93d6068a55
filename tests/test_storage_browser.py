"""Learners' records in headless Chromium: two tabs, damaged entries, a tampered exam, export/import/clear.

Issue 12's "nothing lost" items, tested as a learner meets them on the real built site (and on small
test-only pages from test_quiz_browser for the exam's edge cases).
"""

from __future__ import annotations

import json

import pytest
from test_quiz_browser import (  # noqa: F401
    KEYS,
    answer,
    bank,
    by_id,
    card,
    current_id,
    errors,
    q_data,
    small_bank,
    stored_record,
    test_page,
)

pytestmark = pytest.mark.browser


def stored(page, name: str):
    if name in ("progress", "wrong"):
        return stored_record(page, name)
    text = page.evaluate("k => localStorage.getItem(k)", KEYS[name])
    return None if text is None else json.loads(text)


def first_of_type(page, bank, qtype: str) -> dict:
    questions = by_id(bank)
    for qid in page.locator(".xf-question").evaluate_all("qs => qs.map(q => q.dataset.questionId)"):
        if questions[qid]["type"] == qtype:
            return questions[qid]
    raise AssertionError(f"no {qtype} question on the paper")


# ---------------------------------------------------------------- two tabs


def test_two_tabs_interleaving_practice_and_an_exam_lose_nothing(browser, site_url, bank):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        one, two = context.new_page(), context.new_page()
        questions = by_id(bank)
        # Both tabs open before either answers: each holds the records as they were then.
        one.goto(site_url + "/practice/chapter-1/")
        two.goto(site_url + "/practice/chapter-2/")
        a1 = questions[current_id(one)]
        answer(one, a1, correct=False)
        b1 = questions[current_id(two)]
        answer(two, b1, correct=False)
        one.locator("button[data-action=next]").click()
        a2 = questions[current_id(one)]
        answer(one, a2, correct=True)

        two.goto(site_url + "/exam/")
        two.locator("button[data-action=start-exam]").click()
        e1 = first_of_type(two, bank, "single")
        answer(two, e1, correct=False)
        one.locator("button[data-action=next]").click()
        a3 = questions[current_id(one)]
        answer(one, a3, correct=False)
        two.locator(".xf-exam-bar button[data-action=submit-exam]").click()
        two.locator("button[data-action=confirm-submit]").click()
        assert two.locator("[data-score]").count() == 1

        progress, wrong = stored(one, "progress"), stored(one, "wrong")
        assert {a1["id"], a2["id"], a3["id"], b1["id"], e1["id"]} <= set(progress)
        assert {a1["id"], a3["id"], b1["id"], e1["id"]} <= set(wrong)
        assert progress[a2["id"]]["last"] == 1
        # The practice position of tab one survived the exam written by tab two.
        assert stored(one, "practice")["pos"]["chapter-1"] == 2
        assert stored(one, "exam")["submitted"] is True

        # A view refreshes when the other tab writes: tab one's home page follows tab two's practice.
        one.goto(site_url + "/")
        row = one.locator(".xf-quiz tr[data-scope=chapter-2]")
        seen = int(row.get_attribute("data-seen"))
        two.goto(site_url + "/practice/chapter-2/")
        two.locator("button[data-action=next]").click()
        answer(two, questions[current_id(two)], correct=True)
        one.wait_for_function(
            "n => document.querySelector('.xf-quiz tr[data-scope=chapter-2]').dataset.seen > n", arg=seen)
    finally:
        context.close()


def test_the_exam_follows_another_tab(browser, site_url, bank):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        one, two = context.new_page(), context.new_page()
        one.goto(site_url + "/exam/")
        two.goto(site_url + "/exam/")
        one.locator("button[data-action=start-exam]").click()
        ids = one.locator(".xf-question").evaluate_all("qs => qs.map(q => q.dataset.questionId)")
        two.wait_for_selector(".xf-question")
        assert two.locator(".xf-question").evaluate_all("qs => qs.map(q => q.dataset.questionId)") == ids
        q = first_of_type(one, bank, "judge")
        answer(one, q, correct=True)
        two.wait_for_selector(f".xf-question[data-question-id='{q['id']}'] button[aria-pressed=true]")
    finally:
        context.close()


# ---------------------------------------------------------------- damaged entries


def test_one_bad_entry_drops_only_that_entry(page, site_url, bank, errors):
    ids = [q["id"] for q in bank["questions"] if q["scope"] == "chapter-1"][:3]
    page.goto(site_url + "/review/")
    page.evaluate("""([ids]) => {
        const progress = {}, wrong = {};
        progress[ids[0]] = {n: 2, c: 1, last: 0};
        progress[ids[1]] = {n: 1, c: 1, last: 1};
        progress[ids[2]] = {n: 'x', c: 0, last: 0};
        wrong[ids[0]] = {s: 0, t: 1, n: 1};
        wrong[ids[2]] = {s: 'bad'};
        localStorage.setItem('xf.v1.progress', JSON.stringify(progress));
        localStorage.setItem('xf.v1.wrong', JSON.stringify(wrong));
    }""", [ids])
    page.reload()
    notes = page.locator(".xf-note").all_inner_texts()
    assert any("练习记录中有 1 条记录已损坏" in text and "其余 2 条保留" in text for text in notes), notes
    assert any("错题本中有 1 条记录已损坏" in text and "其余 1 条保留" in text for text in notes), notes
    # The good entries are still there (and the 错题本 still holds its good one); the bad ones are gone.
    assert set(stored(page, "progress")) == {ids[0], ids[1]}
    assert list(stored(page, "wrong")) == [ids[0]]
    assert current_id(page) == ids[0]
    assert page.locator(".xf-remaining").get_attribute("data-remaining") == "1"
    assert errors == {"errors": [], "dialogs": []}


# ---------------------------------------------------------------- the stored exam


def exam_bank(minutes=60):
    questions = [q_data(f"s{i}", "single", f"单选{i}", ["甲", "乙", "丙"], "甲") for i in range(4)]
    questions += [q_data(f"m{i}", "multiple", f"多选{i}", ["甲", "乙", "丙"], ["甲", "乙"]) for i in range(2)]
    return small_bank(questions, {"single": 3, "multiple": 2}, minutes=minutes)


def test_tampered_exam_state_is_repaired_with_a_note(page, tmp_path, errors):
    page.goto(test_page(tmp_path, exam_bank(), "exam"))
    page.locator("button[data-action=start-exam]").click()
    ids = page.locator(".xf-question").evaluate_all("qs => qs.map(q => q.dataset.questionId)")
    single = next(i for i in ids if i.startswith("s"))
    multiple = next(i for i in ids if i.startswith("m"))
    page.evaluate("""([single, multiple]) => {
        const exam = JSON.parse(localStorage.getItem('xf.v1.exam'));
        exam.ids = exam.ids.concat(exam.ids.slice(0, 2));      // duplicate ids
        exam.deadline = 1e300;                                  // never ends
        exam.answers[single] = ['甲'];                          // a list for a single choice
        exam.answers[multiple] = true;                          // a boolean for a multiple choice
        exam.answers['not-on-the-paper'] = '甲';
        localStorage.setItem('xf.v1.exam', JSON.stringify(exam));
    }""", [single, multiple])
    page.reload()
    note = page.locator(".xf-note").inner_text()
    assert "考试记录有误" in note and "已修正" in note
    assert "3 个无效的答案" in note
    assert page.locator(".xf-question").evaluate_all("qs => qs.map(q => q.dataset.questionId)") == ids
    assert int(page.locator(".xf-timer").get_attribute("data-remaining")) <= 60 * 60
    assert page.locator(".xf-answered").inner_text().startswith("已答 0 / 5")
    exam = stored(page, "exam")
    assert exam["ids"] == ids and exam["answers"] == {} and exam["deadline"] <= exam["started"] + 3600_000
    # Still a working exam.
    card(page, single).locator("button[data-option='甲']").click()
    page.locator(".xf-exam-bar button[data-action=submit-exam]").click()
    page.locator("button[data-action=confirm-submit]").click()
    assert page.locator("[data-score]").get_attribute("data-score") == "2"
    assert errors == {"errors": [], "dialogs": []}


def test_exam_state_without_its_paper_is_discarded_with_a_note(page, tmp_path, errors):
    page.goto(test_page(tmp_path, exam_bank(), "exam"))
    page.evaluate("""() => localStorage.setItem('xf.v1.exam', JSON.stringify(
        {v: 1, seed: 3, ids: [], answers: {}, started: Date.now(), deadline: Date.now() + 1000,
         submitted: false}))""")
    page.reload()
    assert "考试记录已损坏，已重置" in page.locator(".xf-note").inner_text()
    assert page.locator("button[data-action=start-exam]").is_visible()
    assert stored(page, "exam") is None
    assert errors == {"errors": [], "dialogs": []}


def test_time_used_after_a_time_out_never_exceeds_the_exam_length(page, tmp_path):
    page.goto(test_page(tmp_path, exam_bank(minutes=60), "exam"))
    page.locator("button[data-action=start-exam]").click()
    # The learner started two hours ago and reopens the page only now.
    page.evaluate("""() => {
        const exam = JSON.parse(localStorage.getItem('xf.v1.exam'));
        exam.started = Date.now() - 120 * 60000;
        exam.deadline = exam.started + 60 * 60000;
        localStorage.setItem('xf.v1.exam', JSON.stringify(exam));
    }""")
    page.reload()
    detail = page.locator(".xf-score-detail")
    assert "时间到自动交卷" in detail.inner_text()
    assert "用时 60 分钟" in detail.inner_text()
    page.reload()
    assert "用时 60 分钟" in page.locator(".xf-score-detail").inner_text()


def test_submit_with_every_question_answered_still_asks(page, tmp_path):
    page.goto(test_page(tmp_path, exam_bank(), "exam"))
    page.locator("button[data-action=start-exam]").click()
    for box in page.locator(".xf-question").all():
        box.locator("button[data-option='甲']").click()
    assert page.locator(".xf-answered").inner_text().startswith("已答 5 / 5")
    page.locator(".xf-exam-bar button[data-action=submit-exam]").click()
    assert page.locator("[data-score]").count() == 0
    assert "确定交卷吗" in page.locator(".xf-confirm").inner_text()
    page.locator("button[data-action=cancel-submit]").click()
    assert page.locator(".xf-confirm").count() == 0 and page.locator("[data-score]").count() == 0
    page.locator("button[data-action=submit-exam]").last.click()
    page.locator("button[data-action=confirm-submit]").click()
    assert page.locator("[data-score]").count() == 1


# ---------------------------------------------------------------- export, import, clear


def test_export_clear_and_import_records(page, site_url, bank, tmp_path, errors):
    questions = by_id(bank)
    page.goto(site_url + "/practice/chapter-5/")
    first = questions[current_id(page)]
    answer(page, first, correct=False)

    page.goto(site_url + "/review/")
    with page.expect_download() as download_info:
        page.locator("button[data-action=export-records]").click()
    saved = tmp_path / "records.json"
    download_info.value.save_as(saved)
    assert download_info.value.suggested_filename.endswith(".json")
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert first["id"] in data["progress"] and first["id"] in data["wrong"]
    assert "已导出" in page.locator(".xf-backup-message").inner_text()

    # 清除本机记录 asks first; 取消 keeps everything.
    page.locator("button[data-action=clear-records]").click()
    assert "不能恢复" in page.locator(".xf-backup .xf-confirm").inner_text()
    page.locator("button[data-action=cancel-clear]").click()
    assert stored(page, "wrong") is not None and current_id(page) == first["id"]
    page.locator("button[data-action=clear-records]").click()
    page.locator("button[data-action=confirm-clear]").click()
    assert all(stored(page, name) is None for name in KEYS)
    assert "错题本是空的" in page.locator(".xf-quiz").inner_text()

    # Another wrong answer on this device, then the import: both are there (merged, not replaced).
    page.goto(site_url + "/practice/chapter-6/")
    second = questions[current_id(page)]
    answer(page, second, correct=False)
    page.goto(site_url + "/review/")
    page.locator("input[data-action=import-records]").set_input_files(str(saved))
    page.wait_for_selector(".xf-backup-message")
    assert "已导入" in page.locator(".xf-backup-message").inner_text()
    assert set(stored(page, "wrong")) == {first["id"], second["id"]}
    assert page.locator(".xf-remaining").get_attribute("data-remaining") == "2"

    # A file that is not an export: a clear message in Chinese, nothing changed.
    for name, content in (("notes.txt", "不是 JSON"), ("other.json", json.dumps({"progress": {}}))):
        bad = tmp_path / name
        bad.write_text(content, encoding="utf-8")
        page.locator("input[data-action=import-records]").set_input_files(str(bad))
        page.wait_for_function(
            "document.querySelector('.xf-backup-message').textContent.indexOf('导入失败') >= 0")
        assert "导出学习记录" in page.locator(".xf-backup-message").inner_text()
        assert set(stored(page, "wrong")) == {first["id"], second["id"]}
    assert errors == {"errors": [], "dialogs": []}


def test_home_page_has_the_record_tools_and_stays_light(page, site_url, bank, errors):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    answer_ids = [q["id"] for q in bank["questions"] if q["scope"] == "chapter-2"][:1]
    page.goto(site_url + "/")
    page.evaluate(
        "id => localStorage.setItem('xf.v1.progress', JSON.stringify({[id]: {n: 1, c: 1, last: 1}}))",
        answer_ids[0])
    requests.clear()
    page.reload()
    assert page.locator(".xf-quiz tr[data-scope=chapter-2]").get_attribute("data-seen") == "1"
    assert not any(url.endswith("quiz-bank.js") for url in requests)
    assert any(url.endswith("quiz-summary.js") for url in requests)
    # 我的学习进度 once: the page's heading; the view adds none of its own.
    assert page.locator(".md-content h2", has_text="我的学习进度").count() == 1
    assert page.locator(".xf-quiz h2").count() == 0
    for action in ("export-records", "import-records", "clear-records"):
        assert page.locator(f"[data-action={action}]").count() == 1
    assert errors == {"errors": [], "dialogs": []}


def test_summary_is_small(built_site):
    summary = (built_site / "assets" / "quiz-summary.js").stat().st_size
    assert summary < 20_000 < (built_site / "assets" / "quiz-bank.js").stat().st_size


# ---------------------------------------------------------------- phone and projector


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_phone_back_to_top_never_covers_the_exam_bar(phone, site_url):
    phone.goto(site_url + "/exam/")
    phone.locator("button[data-action=start-exam]").tap()
    phone.mouse.wheel(0, 4000)
    phone.wait_for_timeout(300)
    phone.mouse.wheel(0, -300)  # scrolling back up is what makes the theme show its button
    phone.wait_for_timeout(600)
    bar = phone.locator(".xf-exam-bar").bounding_box()
    top = phone.locator(".md-top")
    if top.count() and top.is_visible():
        button = top.bounding_box()
        assert button["y"] >= bar["y"] + bar["height"] or button["y"] + button["height"] <= bar["y"]
    assert phone.locator(".xf-exam-bar button[data-action=submit-exam]").is_visible()


def test_phone_question_card_starts_near_the_top(phone, site_url):
    phone.goto(site_url + "/practice/chapter-3/")
    assert card(phone).bounding_box()["y"] < 844 * 0.35  # was 390 px (46 %) before the compact header


def test_phone_feedback_is_scrolled_into_view(phone, site_url, bank):
    questions = by_id(bank)
    phone.goto(site_url + "/practice/chapter-3/")
    q = questions[current_id(phone)]
    answer(phone, q, correct=False)
    header = phone.locator(".md-header").bounding_box()
    verdict = card(phone).locator(".xf-verdict").bounding_box()
    nav = phone.locator(".xf-nav").bounding_box()
    assert phone.evaluate("window.scrollY") > 0
    assert verdict["y"] >= header["y"] + header["height"]
    assert nav["y"] + nav["height"] <= 844


def test_projector_type_scales_with_the_viewport(browser, site_url):
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    try:
        page = context.new_page()
        page.goto(site_url + "/practice/chapter-3/")
        size = "e => parseFloat(getComputedStyle(e).fontSize)"
        stem = page.locator(".xf-stem").first.evaluate(size)
        option = page.locator(".xf-option").first.evaluate(size)
        assert stem >= 20 and option >= 16.5
    finally:
        context.close()


def test_blocked_storage_on_the_real_site_says_so_and_the_quiz_works(browser, site_url, bank):
    """Storage blocked: the page's guard stands in for it; the quiz works and says it keeps nothing."""
    context = browser.new_context()
    context.add_init_script("""for (const name of ["localStorage", "sessionStorage"]) {
        Object.defineProperty(window, name, {configurable: true, get() {
            throw new DOMException("The operation is insecure.", "SecurityError") }}) }""")
    try:
        page = context.new_page()
        found = []
        page.on("pageerror", lambda error: found.append(str(error)))
        page.goto(site_url + "/practice/chapter-1/")
        assert "无痕模式" in page.locator(".xf-note").inner_text()
        q = by_id(bank)[current_id(page)]
        answer(page, q, correct=True)
        assert card(page, q["id"]).get_attribute("data-result") == "correct"
        page.goto(site_url + "/")
        assert "无痕模式" in page.locator(".xf-note").inner_text()
        assert found == []
    finally:
        context.close()


# ---------------------------------------------------------------- issue 20: answers at the same moment

# Runs `steps` in the page at the shared time `at` (ms since the epoch): each step clicks the element with
# that data-option / data-action inside the question card, or types into a blank first.
AT_THE_SAME_TIME = """([at, qid, steps]) => { window.__done = false;
    setTimeout(() => {
        window.__start = Date.now();
        for (const step of steps) {  // each click renders the view anew: find the card again
            const box = [...document.querySelectorAll('.xf-question')].find(b => b.dataset.questionId === qid);
            if (step.blank !== undefined) {
                const input = box.querySelector(`input[data-blank='${step.blank}']`);
                input.value = step.text;
                input.dispatchEvent(new Event('input', {bubbles: true}));
            } else {
                const button = [...box.querySelectorAll('button')].find(
                    b => (step.option !== undefined && b.dataset.option === step.option) || b.dataset.action === step.action);
                button.click();
            }
        }
        window.__done = Date.now();
    }, Math.max(0, at - Date.now())); }"""


def wrong_steps(q: dict, submit: bool = True) -> list:
    """The clicks that answer `q` wrong (submit: press 提交 for multiple and fill, as practice needs)."""
    if q["type"] == "single":
        return [{"option": next(o for o in q["options"] if o != q["answer"])}]
    if q["type"] == "judge":
        return [{"option": "错误" if q["answer"] else "正确"}]
    if q["type"] == "multiple":
        steps = [{"option": next(o for o in q["options"] if o not in q["answer"])}]
    else:
        steps = [{"blank": i, "text": "不知道"} for i in range(len(q["answer"]))]
    return steps + ([{"action": "submit"}] if submit else [])


def run_together(pages, plans):
    """Start every page's plan at one shared moment, 300 ms from now; → the times each started."""
    at = pages[0].evaluate("Date.now()") + 300
    for page, (qid, steps) in zip(pages, plans):
        page.evaluate(AT_THE_SAME_TIME, [at, qid, steps])
    for page in pages:
        page.wait_for_function("window.__done")
    return [page.evaluate("window.__start") for page in pages]


def test_two_tabs_answering_in_the_same_millisecond_lose_nothing(browser, site_url, bank):
    questions = by_id(bank)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        one, two = context.new_page(), context.new_page()
        one.goto(site_url + "/practice/chapter-3/")
        two.goto(site_url + "/practice/chapter-4/")
        given, spreads = set(), []
        for _ in range(20):
            plans = []
            for page in (one, two):
                q = questions[current_id(page)]
                given.add(q["id"])
                plans.append((q["id"], wrong_steps(q)))
            done = run_together([one, two], plans)
            spreads.append(abs(done[0] - done[1]))
            for page in (one, two):
                page.locator("button[data-action=next]").click()
        assert len(given) == 40
        print("start spreads (ms):", spreads)
        assert sorted(spreads)[10] <= 1  # most rounds really started within one millisecond
        one.wait_for_timeout(300)
        for page in (one, two):
            assert given <= set(stored(page, "progress")) and given <= set(stored(page, "wrong"))
        one.goto(site_url + "/review/")
        assert one.locator(".xf-remaining").get_attribute("data-remaining") == "40"
    finally:
        context.close()


def test_one_exam_in_two_tabs_keeps_every_answer(browser, site_url, bank):
    questions = by_id(bank)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        one, two = context.new_page(), context.new_page()
        one.goto(site_url + "/exam/")
        one.locator("button[data-action=start-exam]").click()
        two.goto(site_url + "/exam/")
        ids = one.locator(".xf-question").evaluate_all("qs => qs.map(q => q.dataset.questionId)")
        choice = [i for i in ids if questions[i]["type"] in ("single", "judge")][:20]
        assert len(choice) == 20
        for a, b in zip(choice[0::2], choice[1::2]):
            run_together([one, two], [(a, wrong_steps(questions[a], False)),
                                      (b, wrong_steps(questions[b], False))])
        one.wait_for_timeout(300)
        one.reload()
        assert one.locator(".xf-answered").inner_text().startswith("已答 20 /")
        assert two.locator(".xf-answered").inner_text().startswith("已答 20 /")
        one.locator(".xf-exam-bar button[data-action=submit-exam]").click()
        one.locator("button[data-action=confirm-submit]").click()
        assert set(choice) <= set(stored(one, "wrong"))
        assert set(choice) <= set(stored(one, "exam")["answers"])
    finally:
        context.close()


# ---------------------------------------------------------------- issue 20: full, refused, clock, import

FILL_STORAGE = """() => { let size = 1 << 20, n = 0;
    while (size >= 16) {
        try { localStorage.setItem('other-site-data-' + n, 'x'.repeat(size)); n += 1; }
        catch (e) { size = size >> 1; }
    }
    return n; }"""


def test_full_storage_still_shows_the_records_and_offers_an_export(page, site_url, bank, tmp_path, errors):
    questions = by_id(bank)
    page.goto(site_url + "/practice/chapter-2/")
    first = questions[current_id(page)]
    answer(page, first, correct=False)
    assert page.evaluate(FILL_STORAGE) > 0   # another site's data fills the origin's quota

    page.goto(site_url + "/review/")
    note = page.locator(".xf-note").first
    assert "本机存储已满，新的记录暂存在本页" in note.inner_text()
    assert "无痕" not in note.inner_text()
    assert page.locator(".xf-remaining").get_attribute("data-remaining") == "1"
    page.goto(site_url + "/")
    assert "错题本（1 题）" in page.locator(".xf-quiz").inner_text()

    page.goto(site_url + "/practice/chapter-6/")
    second = questions[current_id(page)]
    answer(page, second, correct=False)
    with page.expect_download() as download_info:
        page.locator(".xf-note button[data-action=note-export]").click()
    saved = tmp_path / "full.json"
    download_info.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert {first["id"], second["id"]} <= set(data["wrong"])
    assert errors == {"errors": [], "dialogs": []}


REFUSE_WRONG = """(() => { const real = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
        if (String(key).startsWith('xf.v1.wrong') && !window.__roomAgain)
            throw new DOMException('quota', 'QuotaExceededError');
        return real.call(this, key, value); }; })();"""


def test_exam_wrong_answers_that_cannot_be_stored_are_named(page, tmp_path, errors):
    questions = [q_data(f"s{i}", "single", f"单选{i}", ["甲", "乙", "丙"], "甲") for i in range(4)]
    page.add_init_script(REFUSE_WRONG)
    page.goto(test_page(tmp_path, small_bank(questions, {"single": 4}), "exam"))
    page.locator("button[data-action=start-exam]").click()
    for box in page.locator(".xf-question").all():
        box.locator("button[data-option='乙']").click()
    page.locator(".xf-exam-bar button[data-action=submit-exam]").click()
    page.locator("button[data-action=confirm-submit]").click()
    unsaved = page.locator(".xf-unsaved")
    assert unsaved.get_attribute("data-unsaved") == "4"
    assert "4 道错题没能存入错题本" in unsaved.inner_text()
    assert stored(page, "wrong") is None
    page.reload()  # still named after a reload: the exam state keeps them
    assert page.locator(".xf-unsaved").get_attribute("data-unsaved") == "4"
    page.evaluate("window.__roomAgain = true")
    page.locator("button[data-action=retry-wrong]").click()
    assert page.locator(".xf-unsaved").count() == 0
    assert set(stored(page, "wrong")) == {f"s{i}" for i in range(4)}
    assert errors == {"errors": [], "dialogs": []}


# Date (not performance.now) follows a clock the test can set back: sessionStorage['clock-offset'] ms.
SHIFTED_CLOCK = """(() => { const Real = Date;
    const offset = () => Number(sessionStorage.getItem('clock-offset') || 0);
    class Shifted extends Real {
        constructor(...args) { if (args.length) super(...args); else super(Real.now() + offset()); }
        static now() { return Real.now() + offset(); } }
    window.Date = Shifted; })();"""


def test_exam_clock_set_back_gives_no_time_back(page, tmp_path):
    questions = [q_data(f"s{i}", "single", f"单选{i}", ["甲", "乙", "丙"], "甲") for i in range(3)]
    page.add_init_script(SHIFTED_CLOCK)
    page.goto(test_page(tmp_path, small_bank(questions, {"single": 3}, minutes=60), "exam"))
    page.locator("button[data-action=start-exam]").click()
    page.wait_for_timeout(2200)
    remaining = lambda: int(page.locator(".xf-timer").get_attribute("data-remaining"))  # noqa: E731
    before = remaining()
    assert 3590 <= before <= 3599
    page.evaluate("sessionStorage.setItem('clock-offset', String(-86400000))")  # one day back
    page.wait_for_timeout(1500)
    during = remaining()
    assert during < before and "24:" not in page.locator(".xf-timer").inner_text()
    page.reload()
    page.wait_for_timeout(1200)
    assert remaining() <= during
    page.locator(".xf-question").first.locator("button[data-option='甲']").click()
    page.locator(".xf-exam-bar button[data-action=submit-exam]").click()
    page.locator("button[data-action=confirm-submit]").click()
    assert "用时 0 分钟" in page.locator(".xf-score-detail").inner_text()


@pytest.mark.parametrize("damage", ["'{not json'", "JSON.stringify({started: JSON.parse(localStorage.getItem("
                                    "'xf.v1.exam')).started, elapsed: 'lots'})"])
def test_a_damaged_exam_time_record_is_dropped_with_a_note_and_time_counts_from_the_start(page, tmp_path, damage):
    questions = [q_data(f"s{i}", "single", f"单选{i}", ["甲", "乙", "丙"], "甲") for i in range(3)]
    page.goto(test_page(tmp_path, small_bank(questions, {"single": 3}, minutes=60), "exam"))
    page.locator("button[data-action=start-exam]").click()
    # The learner started ten minutes ago; the stored time-used mark is then damaged.
    page.evaluate("""() => {
        const exam = JSON.parse(localStorage.getItem('xf.v1.exam'));
        exam.started = Date.now() - 10 * 60000;
        exam.deadline = exam.started + 60 * 60000;
        localStorage.setItem('xf.v1.exam', JSON.stringify(exam));
    }""")
    # Damaged while no exam page is open, so no save on leaving the page can mend it first.
    url = page.url
    (tmp_path / "blank.html").write_text("<!doctype html><title>空白</title>", encoding="utf-8")
    page.goto((tmp_path / "blank.html").as_uri())
    page.evaluate(f"localStorage.setItem('xf.v1.exam-time', {damage})")
    page.goto(url)
    assert "考试计时已损坏，已按考试开始时间重新计算" in page.locator(".xf-note").inner_text()
    assert int(page.locator(".xf-timer").get_attribute("data-remaining")) <= 50 * 60
    page.wait_for_timeout(1200)  # the next save writes a sound record
    time = json.loads(page.evaluate("localStorage.getItem('xf.v1.exam-time')"))
    assert isinstance(time["elapsed"], int) and time["elapsed"] >= 10 * 60000


def export_file(path, progress: dict, wrong: dict):
    path.write_text(json.dumps({"format": "xf-study-records", "version": 1, "exported": "2026-01-01T00:00:00Z",
                                "progress": progress, "wrong": wrong, "practice": {}}), encoding="utf-8")
    return path


def test_a_huge_import_keeps_the_bank_questions_and_says_so(page, site_url, bank, tmp_path, errors):
    real = [q["id"] for q in bank["questions"]][:30]
    progress = {f"made-up-{i}": {"n": 1, "c": 0, "last": 0} for i in range(80_000)}
    progress.update({qid: {"n": 2, "c": 1, "last": 1} for qid in real})
    page.goto(site_url + "/review/")
    page.locator("input[data-action=import-records]").set_input_files(
        str(export_file(tmp_path / "huge.json", progress, {real[0]: {"s": 0, "t": 1, "n": 1}})))
    message = page.locator(".xf-backup-message")
    message.wait_for()
    assert "已导入练习记录 30 题、错题本 1 题" in message.inner_text()
    assert "80000 条记录不是本站题库的题目" in message.inner_text()
    assert set(stored(page, "progress")) == set(real)
    assert errors == {"errors": [], "dialogs": []}


# The origin has room for `__room` more progress entries, then reports its quota used up.
LIMITED_ROOM = """(() => { const real = Storage.prototype.setItem; window.__room = 10;
    Storage.prototype.setItem = function (key, value) {
        if (String(key).startsWith('xf.v1.progress/') && window.__room-- <= 0)
            throw new DOMException('quota', 'QuotaExceededError');
        return real.call(this, key, value); }; })();"""


def test_an_import_storage_cannot_hold_reports_what_was_kept(page, site_url, bank, tmp_path, errors):
    real = [q["id"] for q in bank["questions"]][:30]
    page.add_init_script(LIMITED_ROOM)
    page.goto(site_url + "/review/")
    page.locator("input[data-action=import-records]").set_input_files(
        str(export_file(tmp_path / "big.json", {qid: {"n": 1, "c": 1, "last": 1} for qid in real}, {})))
    message = page.locator(".xf-backup-message")
    message.wait_for()
    text = message.inner_text()
    assert "本机存储已满，只保存了练习记录 10 题" in text and "另有 20 条" in text
    assert "已导入" not in text
    assert len(stored(page, "progress")) == 10
    assert errors == {"errors": [], "dialogs": []}


def test_records_of_the_older_layout_are_moved_to_one_key_per_question(page, site_url, bank, errors):
    ids = [q["id"] for q in bank["questions"] if q["scope"] == "chapter-1"][:2]
    page.goto(site_url + "/review/")
    page.evaluate("""(ids) => {
        localStorage.setItem('xf.v1.progress', JSON.stringify({[ids[0]]: {n: 3, c: 1, last: 0}, [ids[1]]: {n: 1, c: 1, last: 1}}));
        localStorage.setItem('xf.v1.wrong', JSON.stringify({[ids[0]]: {s: 1, t: 5, n: 2}}));
    }""", ids)
    page.reload()
    assert page.locator(".xf-remaining").get_attribute("data-remaining") == "1"
    keys = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('xf.v1.')).sort()")
    assert keys == sorted([f"xf.v1.progress/{ids[0]}", f"xf.v1.progress/{ids[1]}", f"xf.v1.wrong/{ids[0]}"])
    assert stored(page, "progress")[ids[0]] == {"n": 3, "c": 1, "last": 0}
    assert stored(page, "wrong")[ids[0]] == {"s": 1, "t": 5, "n": 2}
    assert errors == {"errors": [], "dialogs": []}
