"""课堂模式 as a class uses it: a real server (python -m generator classroom, uvicorn, 127.0.0.1) and real
Chromium with three phones (390×844) and the host dashboard. The phones join, answer, one reloads mid-exam,
the server is killed with SIGKILL and restarted on the same data folder, the phones resume and submit; the
scores on the phones, the dashboard and results.csv all equal exam.yml's points arithmetic. No phone sees an
answer or explanation before submitting, and no page requests another host."""

from __future__ import annotations

import csv
import io
import json
import signal
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError

from generator.classroom.bench import free_port, start_server
from generator.classroom.store import open_store
from generator.site import load_project

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
POINTS = yaml.safe_load((ROOT / "quizzes" / "exam.yml").read_text(encoding="utf-8"))["points"]
# name, unit, how many questions (from the first) are answered right, how many are left unanswered at the end
PHONES = [("王五", "县信访局", 20, 0), ("赵六", "城关镇", 12, 0), ("孙七", "县信访局", 6, 2)]
BEFORE_KILL = 8


def right_response(question):
    return question.answer


def click_option(page, text):
    options = page.locator("[data-option]")
    for index in range(options.count()):
        if options.nth(index).get_attribute("data-option") == text:
            options.nth(index).click()
            return
    raise AssertionError(f"no option {text!r}")


def answer_current(page, bank, right: bool) -> tuple[str, float]:
    """Answer the question on screen (right or wrong); returns its id and the points a right answer earns."""
    qid = page.locator("[data-question-id]").get_attribute("data-question-id")
    question = bank[qid]
    if question.type == "single":
        click_option(
            page, question.answer if right else next(o for o in question.options if o != question.answer)
        )
    elif question.type == "multiple":
        wrong = [o for o in question.options if o not in question.answer][:1] or question.answer[:-1]
        for text in question.answer if right else wrong:  # all options right: one left out is wrong
            click_option(page, text)
    elif question.type == "judge":
        click_option(page, "正确" if question.answer == right else "错误")
    else:
        inputs = page.locator("input[data-blank]")
        for index in range(inputs.count()):
            inputs.nth(index).fill(question.answer[index][0] if right else "不对")
        inputs.last.evaluate("input => input.blur()")  # the change event saves it, as leaving the field does
    return qid, POINTS[question.type] if right else 0.0


def test_three_phones_take_a_20_question_exam_through_a_server_crash(browser, tmp_path):
    project = load_project(ROOT)
    bank = {question.id: question for question in project.bank.questions}
    data, port = tmp_path / "data", free_port()
    process, base, host_url = start_server(ROOT, data, port, 20)
    seen_urls: list[str] = []
    contexts = []
    try:
        host_context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(host_context)
        host_context.on("request", lambda request: seen_urls.append(request.url))
        host = host_context.new_page()
        host.set_default_timeout(15000)
        host.goto(host_url)
        host.locator('[data-action="open-exam"]').wait_for()
        assert host.locator(".xf-url").inner_text() == base

        phones = []
        for name, unit, right, skip in PHONES:
            context = browser.new_context(
                viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
            )
            contexts.append(context)
            context.on("request", lambda request: seen_urls.append(request.url))
            bodies: list[str] = []

            context.route("**/api/**", _recorder(bodies))
            page = context.new_page()
            page.set_default_timeout(15000)
            page.goto(base)
            page.locator('[data-join="name"]').fill(name)
            page.locator('[data-join="unit"]').fill(unit)
            page.locator('[data-action="join"]').click()
            page.get_by_text("等待主持人开始考试").wait_for()
            phones.append(
                {
                    "page": page,
                    "name": name,
                    "right": right,
                    "skip": skip,
                    "bodies": bodies,
                    "score": 0.0,
                    "answered": 0,
                }
            )

        host.locator("[data-participant]").nth(2).wait_for()
        assert host.locator("[data-joined]").inner_text() == "3"
        host.locator('[data-action="open-exam"]').click()

        def answer_until(phone, count):
            page = phone["page"]
            page.locator("[data-question-id]").wait_for()
            while phone["answered"] < count:
                _qid, points = answer_current(page, bank, phone["answered"] < phone["right"])
                phone["score"] += points
                phone["answered"] += 1
                if phone["answered"] < 20:
                    page.locator('[data-action="next"]').click()

        # A reload mid-exam resumes on the same question with every answer.
        first = phones[0]
        answer_until(first, 4)
        first["page"].reload()
        first["page"].locator("[data-question-id]").wait_for()
        assert "第 5 题" in first["page"].locator(".xf-qmeta").inner_text()
        assert "已答 4/20" in first["page"].locator(".xf-progress").inner_text()

        for phone in phones:
            answer_until(phone, BEFORE_KILL)
        for phone in phones:
            phone["page"].locator('[data-connection="ok"]').wait_for()
        ARTIFACTS.mkdir(exist_ok=True)
        phones[1]["page"].screenshot(path=str(ARTIFACTS / "classroom-phone.png"))

        # SIGKILL: no chance to flush anything. Every acknowledged answer must already be on disk.
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        store = open_store(data)
        session = store.latest_session()
        stored = store.answers(session.id)
        assert sorted(len(answers) for answers in stored.values()) == [BEFORE_KILL] * 3
        store.close()

        # While the server is down, each phone answers one more: it waits in the phone's queue.
        for phone in phones:
            answer_until(phone, BEFORE_KILL + 1)
            phone["page"].locator('[data-connection="offline"]').wait_for()
        assert "未连接" in phones[0]["page"].locator("[data-connection]").inner_text()

        process, base_again, _host = start_server(ROOT, data, port, 20)
        assert base_again == base
        for phone in phones:
            phone["page"].locator('[data-connection="ok"]').wait_for(timeout=20000)
        phones[1]["page"].reload()  # a phone that reloads after the restart resumes too
        phones[1]["page"].locator("[data-question-id]").wait_for()
        assert "已答 9/20" in phones[1]["page"].locator(".xf-progress").inner_text()
        for name, *_rest in PHONES:
            row = host.locator(f'[data-participant="{name}"][data-answered="{BEFORE_KILL + 1}"]')
            row.wait_for(timeout=20000)

        for phone in phones:
            page = phone["page"]
            answer_until(phone, 20 - phone["skip"])
            page.locator('[data-action="list"]').click()
            page.locator('[data-action="submit-exam"]').click()
            confirm = page.locator(".xf-confirm")
            if phone["skip"]:
                assert "还有 2 题未答：第 19、20 题" in confirm.inner_text()
            else:
                assert "全部题目都已作答" in confirm.inner_text()
            # Nothing the phone received so far holds an answer or an explanation.
            received = "\n".join(phone["bodies"])
            assert phone["bodies"] and '"explanation"' not in received and '"answer"' not in received
            assert not any(bank[qid].explanation in received for qid in _paper_ids(received))
            page.locator('[data-action="confirm-submit"]').click()
            score = page.locator("[data-score]")
            score.wait_for()
            assert float(score.get_attribute("data-score")) == phone["score"]

        review = phones[2]["page"]
        review.locator(".xf-review-item").nth(19).wait_for()
        assert review.locator('.xf-review-item[data-result="correct"]').count() == 6
        assert "解析：" in review.locator(".xf-review-item").first.inner_text()
        review.screenshot(path=str(ARTIFACTS / "classroom-phone-review.png"), full_page=False)

        expected = {phone["name"]: phone["score"] for phone in phones}
        assert expected == {"王五": 41.0, "赵六": _points(bank, phones, 1), "孙七": _points(bank, phones, 2)}
        for name, score in expected.items():
            host.locator(f'[data-participant="{name}"][data-score="{score:g}"]').wait_for()
        ranking = host.locator(".xf-ranking li")
        assert [ranking.nth(i).locator(".xf-rankname").inner_text() for i in range(3)] == [
            "王五",
            "赵六",
            "孙七",
        ]
        host.locator('[data-action="close-exam"]').click()
        host.locator('[data-status="closed"]').wait_for()
        host.screenshot(path=str(ARTIFACTS / "classroom-host.png"), full_page=True)

        token = host_url.split("token=", 1)[1]
        sheet = host.request.get(f"{base}host/results.csv?token={token}")
        rows = list(csv.DictReader(io.StringIO(sheet.body().decode("utf-8-sig"))))
        assert {row["姓名"]: float(row["总分"]) for row in rows} == expected
        report = host.request.get(f"{base}host/report.html?token={token}").text()
        assert "<b data-count>3</b>" in report and all(name in report for name in expected)
        facility = host.locator("[data-facility]")
        assert facility.count() == 20
    finally:
        for context in contexts:
            context.close()
        process.kill()
        process.wait(10)
    assert seen_urls and all(url.startswith(base) or url.startswith("data:") for url in seen_urls), [
        url for url in seen_urls if not url.startswith(base)
    ]


def _recorder(bodies: list[str]):
    """A route handler that lets the request through and keeps the response's text."""

    def record(route, _request):
        try:
            response = route.fetch()
        except PlaywrightError:  # the server is down: the phone sees what it would see on the Wi-Fi
            route.abort("connectionrefused")
            return
        bodies.append(response.text())
        route.fulfill(response=response)

    return record


def _paper_ids(received: str) -> list[str]:
    ids = []
    for text in received.split("\n"):
        try:
            data = json.loads(text)
        except ValueError:
            continue
        ids += [question["id"] for question in data.get("questions", [])]
    assert ids, "the phone never received its paper"
    return ids


def _points(bank, phones, index) -> float:
    """exam.yml's points for the questions the phone answered right, read off the phone's own paper order."""
    received = "\n".join(phones[index]["bodies"])
    questions = next(
        json.loads(t)["questions"]
        for t in received.split("\n")
        if '"questions"' in t and json.loads(t)["questions"]
    )
    return float(sum(POINTS[bank[q["id"]].type] for q in questions[: phones[index]["right"]]))


def joined_phone(context, base: str, name: str):
    """A phone page of `context` that has joined as `name` of 县信访局 and waits for the exam to open."""
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(base)
    page.locator('[data-join="name"]').fill(name)
    page.locator('[data-join="unit"]').fill("县信访局")
    page.locator('[data-action="join"]').click()
    page.get_by_text("等待主持人开始考试").wait_for()
    return page


def open_exam(base: str, host_url: str) -> None:
    """What the host's 开始考试 does, through the host API with the token of `host_url`."""
    import httpx

    token = host_url.split("token=", 1)[1]
    assert httpx.post(f"{base}api/host/open", headers={"X-Host-Token": token}).status_code == 200


def test_a_wifi_drop_keeps_answers_on_the_phone_until_they_are_acknowledged(browser, tmp_path):
    data = tmp_path / "data"
    process, base, host_url = start_server(ROOT, data, free_port(), 5)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = joined_phone(context, base, "周八")
        open_exam(base, host_url)
        page.locator("[data-option]").first.click(timeout=20000)  # the poll brings the paper within 4 s
        page.locator('[data-connection="ok"]').wait_for()
        context.set_offline(True)
        page.locator('[data-action="next"]').click()
        page.locator("[data-option]").first.click()
        page.locator('[data-connection="offline"]').wait_for()
        assert "1 个答案先存在手机上" in page.locator("[data-connection]").inner_text()
        context.set_offline(False)
        page.locator('[data-connection="ok"]').wait_for()
        assert page.locator("[data-connection]").inner_text() == "已保存"
    finally:
        context.close()
        process.kill()
        process.wait(10)
    store = open_store(data)
    try:
        assert [len(answers) for answers in store.answers(store.latest_session().id).values()] == [2]
    finally:
        store.close()


def test_the_dashboard_fits_a_1024_projector_with_long_names_and_units(browser, tmp_path):
    """At 1024×768 (a mirrored projector) 状态 and 允许重新加入 stay on one line and inside the table's
    box, and a ranking row's 名次, 姓名, 单位 and 分数 never overlap, even with a 30-character 姓名."""
    import httpx

    process, base, host_url = start_server(ROOT, tmp_path / "data", free_port(), 5)
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    try:
        token = host_url.split("token=", 1)[1]
        people = [("王建国", "柞水县人民政府信访局"), ("欧阳明辉", "柞水县公安局城关派出所"), ("长" * 30, "县信访局" * 7)]
        phones = [
            httpx.post(f"{base}api/join", json={"name": name, "unit": unit}).json()["token"]
            for name, unit in people
        ]
        assert httpx.post(f"{base}api/host/open", headers={"X-Host-Token": token}).status_code == 200
        for phone in phones:
            assert httpx.post(f"{base}api/submit", headers={"X-Token": phone}).status_code == 200
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto(host_url)
        page.locator("[data-rank]").nth(2).wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 1024
        # A and B papers number the questions differently: the facility table says whose numbers it shows
        assert page.get_by_role("columnheader", name="题号（A 卷）", exact=True).count() == 1
        table = page.locator(".xf-people").bounding_box()
        for button in page.locator('[data-action="rejoin"]').all():
            box = button.bounding_box()
            assert box["height"] < 40, "允许重新加入 wraps"
            assert box["x"] + box["width"] <= table["x"] + table["width"], "允许重新加入 is cut off"
        for cell in page.get_by_role("cell", name="已交卷", exact=True).all():
            assert cell.bounding_box()["width"] > 2.5 * 18, "已交卷 is broken into single characters"
        for row in page.locator("[data-rank]").all():
            boxes = [child.bounding_box() for child in row.locator(":scope > *").all()]
            for left, right in zip(boxes, boxes[1:]):
                assert left["x"] + left["width"] <= right["x"] + 0.5, "ranking columns overlap"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "classroom-host-1024.png"))
    finally:
        context.close()
        process.kill()
        process.wait(10)


def test_the_answer_given_last_wins_when_one_phone_answers_in_two_tabs(browser, tmp_path):
    """Tab 1 changes its mind three times, then tab 2 (opened before) picks another option: the server keeps
    tab 2's choice, the one the trainee gave last and sees as 已保存."""
    data = tmp_path / "data"
    process, base, host_url = start_server(ROOT, data, free_port(), 5)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        first = joined_phone(context, base, "吴九")
        open_exam(base, host_url)
        first.locator("[data-option]").first.wait_for(timeout=20000)
        second = context.new_page()
        second.set_default_timeout(15000)
        second.goto(base)
        options = second.locator("[data-option]")
        options.first.wait_for()
        for index in (0, 1, 0):
            first.locator("[data-option]").nth(index).click()
            first.locator('[data-connection="ok"]').wait_for()
        last = options.nth(1).get_attribute("data-option")
        options.nth(1).click()
        second.locator('[data-connection="ok"]').wait_for()
        second.wait_for_timeout(300)
    finally:
        context.close()
        process.kill()
        process.wait(10)
    store = open_store(data)
    try:
        (answers,) = store.answers(store.latest_session().id).values()
        assert len(answers) == 1
        (response,) = answers.values()
        assert response == last or response == [last]
    finally:
        store.close()
