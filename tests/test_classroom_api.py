"""The classroom's routes through Starlette's test client: what phones and the host get, what bad requests
get (a clear Chinese 4xx, nothing changed), and that scores, results.csv and report.html are `grade`'s."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from pathlib import Path

import pytest
import yaml

from generator.classroom.app import MAX_BODY, Classroom, RateLimit, create_app
from generator.classroom.paper import draw_classroom_paper
from generator.classroom.store import open_store
from generator.cli import main
from generator.site import load_project

with warnings.catch_warnings():  # Starlette 1.x asks for httpx2 in its test client; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
POINTS = yaml.safe_load((ROOT / "quizzes" / "exam.yml").read_text(encoding="utf-8"))["points"]


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


@pytest.fixture
def room(project, tmp_path):
    store = open_store(tmp_path / "data")
    paper = draw_classroom_paper(project.bank, project.regulation, seed="7", variants=["A", "B"], count=20)
    session = store.create_session(paper)
    client = TestClient(create_app(Classroom(store, session.id, "http://127.0.0.1:8000/", "<svg/>")))
    client.store, client.session, client.host = store, session, {"X-Host-Token": session.host_token}
    yield client
    store.close()


def join(client, name, unit="县信访局", staff=""):
    reply = client.post("/api/join", json={"name": name, "unit": unit, "staff": staff})
    assert reply.status_code == 200, reply.text
    return {"X-Token": reply.json()["token"]}


def right_answer(project, qid):
    """The bank's answer in the shape a phone sends (independent of the server's key)."""
    question = next(q for q in project.bank.questions if q.id == qid)
    if question.type == "fill":
        return [variants[0] for variants in question.answer]
    return question.answer


def wrong_answer(project, question):
    right = right_answer(project, question["id"])
    if question["type"] == "judge":
        return not right
    if question["type"] == "fill":
        return ["不对"] * question["blanks"]
    if question["type"] == "multiple" and all(option in right for option in question["options"]):
        return list(right)[:-1]  # every option is right: leaving one out is wrong (all or nothing)
    wrong = next(option for option in question["options"] if option not in right)
    return wrong if question["type"] == "single" else [wrong]


def snapshot(client):
    store, sid = client.store, client.session.id
    return (
        store.answers(sid),
        [(p.id, p.submitted_at, p.rejoin) for p in store.participants(sid)],
        store.session(sid),
        len(store.events(sid)),
    )


def test_phone_gets_the_paper_without_answers_or_explanations(room, project):
    me = join(room, "王五")
    assert room.get("/api/state?full=1", headers=me).json()["questions"] == []  # not before 开始考试
    room.post("/api/host/open", headers=room.host)
    state = room.get("/api/state?full=1", headers=me).json()
    assert len(state["questions"]) == 20 and state["me"]["variant"] == "A"
    text = json.dumps(state, ensure_ascii=False)
    for question in state["questions"]:
        assert set(question) == {"number", "id", "type", "stem", "options", "blanks", "points"}
        bank = next(q for q in project.bank.questions if q.id == question["id"])
        assert bank.explanation not in text
        if bank.type == "fill":
            assert all(variant not in question["stem"] for variants in bank.answer for variant in variants)
    second = join(room, "赵六")
    assert room.get("/api/state", headers=second).json()["me"]["variant"] == "B"


def test_answers_are_acknowledged_stored_and_resume(room):
    me = join(room, "王五")
    assert room.post("/api/host/open", headers=room.host).status_code == 200
    question = room.get("/api/state?full=1", headers=me).json()["questions"][0]
    reply = room.post(
        "/api/answer",
        headers=me,
        json={"question": question["id"], "response": question["options"][0], "seq": 5},
    )
    assert reply.status_code == 200 and reply.json()["ok"] is True and reply.json()["seq"] == 5
    again = room.post(
        "/api/answer",
        headers=me,
        json={"question": question["id"], "response": question["options"][0], "seq": 5},
    )
    assert again.status_code == 200  # a resend is harmless
    state = room.get("/api/state?full=1", headers=me).json()
    assert state["answers"] == {question["id"]: question["options"][0]} and state["seq"] == 5


@pytest.mark.parametrize(
    "case",
    [
        "wrong token",
        "oversized body",
        "unknown question",
        "malformed json",
        "json nested too deep",
        "lone surrogate",
        "not an option",
        "closed exam",
        "host token",
        "no seq",
    ],
)
def test_bad_requests_get_a_clear_4xx_and_change_nothing(room, case):
    me = join(room, "王五")
    room.post("/api/host/open", headers=room.host)
    question = room.get("/api/state?full=1", headers=me).json()["questions"][0]
    good = {"question": question["id"], "response": question["options"][0], "seq": 1}
    if case == "closed exam":
        room.post("/api/host/close", headers=room.host)
    before = snapshot(room)
    if case == "wrong token":
        reply = room.post("/api/answer", headers={"X-Token": "nope"}, json=good)
    elif case == "oversized body":
        reply = room.post("/api/answer", headers=me, json={**good, "pad": "字" * MAX_BODY})
    elif case == "unknown question":
        reply = room.post("/api/answer", headers=me, json={**good, "question": "no-such-question"})
    elif case == "malformed json":
        reply = room.post(
            "/api/answer", headers={**me, "Content-Type": "application/json"}, content=b'{"question": '
        )
    elif case == "json nested too deep":  # 2,000 brackets fit in MAX_BODY and exceed Python's recursion limit
        reply = room.post("/api/answer", headers=me, content=b"[" * 2000 + b"]" * 2000)
    elif case == "lone surrogate":  # valid JSON, not storable text, in a fill blank (any text is allowed there)
        questions = room.get("/api/state?full=1", headers=me).json()["questions"]
        fill = next(q for q in questions if q["type"] == "fill")
        body = json.dumps({"question": fill["id"], "response": ["\ud800"] * fill["blanks"], "seq": 1}).encode()
        reply = room.post("/api/answer", headers={**me, "Content-Type": "application/json"}, content=body)
    elif case == "not an option":
        reply = room.post("/api/answer", headers=me, json={**good, "response": "不在选项中"})
    elif case == "closed exam":
        reply = room.post("/api/answer", headers=me, json=good)
    elif case == "host token":
        reply = room.post("/api/host/close", headers={"X-Host-Token": "guess"})
    else:
        reply = room.post("/api/answer", headers=me, json={"question": question["id"], "response": None})
    expected = {
        "wrong token": 401,
        "oversized body": 413,
        "unknown question": 404,
        "malformed json": 400,
        "json nested too deep": 400,
        "lone surrogate": 400,
        "not an option": 400,
        "closed exam": 409,
        "host token": 403,
        "no seq": 400,
    }[case]
    assert reply.status_code == expected
    body = reply.json()
    assert body["error"] and any("\u4e00" <= char <= "\u9fff" for char in body["message"])
    assert snapshot(room) == before


def test_rate_limit_answers_429_in_chinese(room):
    room.app.state.classroom.phone_limit = RateLimit(rate=0.1, burst=5)
    me = join(room, "王五")
    codes = [room.get("/api/state", headers=me).status_code for _ in range(8)]
    assert codes[:5] == [200] * 5 and codes[5:] == [429] * 3
    reply = room.get("/api/state", headers=me)
    assert reply.status_code == 429 and "频繁" in reply.json()["message"]


def test_join_rules_through_the_api(room):
    join(room, "李明")
    reply = room.post("/api/join", json={"name": "李明", "unit": "县信访局"})
    assert reply.status_code == 409 and "允许重新加入" in reply.json()["message"]
    join(room, "王芳", staff="0001")
    reply = room.post("/api/join", json={"name": "王芳", "unit": "县信访局"})
    assert reply.status_code == 409 and reply.json()["error"] == "need-staff"
    # 工号 is the way two people of one name and 单位 are told apart, even when the first gave none
    assert room.post("/api/join", json={"name": "李明", "unit": "县信访局", "staff": "007"}).status_code == 200
    assert room.post("/api/join", json={"name": "", "unit": "x"}).json()["message"] == "请填写姓名。"
    person = room.store.participants(room.session.id)[0]
    assert person.name == "李明" and not person.staff
    assert (
        room.post("/api/host/rejoin", headers=room.host, json={"participant": person.id}).status_code == 200
    )
    assert room.post("/api/join", json={"name": "李明", "unit": "县信访局"}).json()["token"] == person.token
    room.post("/api/host/open", headers=room.host)
    room.post("/api/host/close", headers=room.host)
    reply = room.post("/api/join", json={"name": "张三", "unit": "县信访局"})
    assert reply.status_code == 403 and "不能再加入" in reply.json()["message"]


def test_invisible_and_control_characters_are_removed_from_names(room):
    """NUL/ESC would reach results.csv; U+202E shows 王五 as 五王 on the projector; U+200B makes a second 张三."""
    reply = room.post("/api/join", json={"name": "\u202e王五\x00\x1b[31m", "unit": "县\u200b信访局"})
    assert reply.status_code == 200 and (reply.json()["name"], reply.json()["unit"]) == ("王五[31m", "县信访局")
    join(room, "张三")
    reply = room.post("/api/join", json={"name": "张\u200b三", "unit": "县信访局"})
    assert reply.status_code == 409 and reply.json()["error"] == "joined"
    assert room.post("/api/join", json={"name": "\u200b\u200d", "unit": "x"}).json()["message"] == "请填写姓名。"
    assert [p.name for p in room.store.participants(room.session.id)] == ["王五[31m", "张三"]


def test_review_only_after_submit_and_if_the_host_chooses_after_close(room, project):
    me = join(room, "王五")
    room.post("/api/host/open", headers=room.host)
    assert room.get("/api/review", headers=me).status_code == 403
    room.post("/api/host/review", headers=room.host, json={"review": "close"})
    submitted = room.post("/api/submit", headers=me).json()
    assert submitted["score"] == 0 and submitted["total"] == room.store.paper(room.session.id)["total"]
    reply = room.get("/api/review", headers=me)
    assert reply.status_code == 403 and "结束考试" in reply.json()["message"]
    room.post("/api/host/close", headers=room.host)
    items = room.get("/api/review", headers=me).json()["items"]
    first = next(item for item in items if item["articles"][0].startswith("第"))
    bank = next(q for q in project.bank.questions if q.id == first["id"])
    assert first["explanation"] == bank.explanation and first["response"] is None and first["sources"]


def test_scores_results_csv_and_report_are_grades(room, project, tmp_path):
    """Three trainees answer; the dashboard's scores equal exam.yml's points arithmetic, and results.csv is
    byte for byte what `grade` writes from the same answers typed into an answer sheet."""
    room.post("/api/host/open", headers=room.host)
    expected, sheet_rows, plans = {}, [], {"王五": 20, "赵六": 11, "孙七": 3}
    for name, right_count in plans.items():
        me = join(room, name)
        state = room.get("/api/state?full=1", headers=me).json()
        score = 0.0
        for index, question in enumerate(state["questions"]):
            response = (
                right_answer(project, question["id"])
                if index < right_count
                else wrong_answer(project, question)
            )
            if index < right_count:
                score += POINTS[question["type"]]
            reply = room.post(
                "/api/answer",
                headers=me,
                json={"question": question["id"], "response": response, "seq": index + 1},
            )
            assert reply.status_code == 200, reply.text
        expected[name] = score
        assert room.post("/api/submit", headers=me).json()["score"] == score
        sheet_rows.append((name, state))
    board = room.get("/api/host/dashboard", headers=room.host).json()
    assert {p["name"]: p["score"] for p in board["participants"]} == expected
    assert [r["name"] for r in board["ranking"]] == ["王五", "赵六", "孙七"]
    assert board["submitted"] == 3 and all(p["answered"] == 20 for p in board["participants"])
    assert board["numbered_by"] == "A" and [item["number"] for item in board["items"]] == list(range(1, 21))

    # The same answers as a plain answer sheet, graded by `python -m generator grade`.
    paper = room.store.paper(room.session.id)
    key_fields = ("number", "id", "type", "stem", "answer", "options", "points", "articles", "chapter")
    key = {
        "version": 1,
        "title": paper["title"],
        "seed": paper["seed"],
        "total": paper["total"],
        "variants": {
            v: [dict({f: item[f] for f in key_fields}, **({"unordered": True} if item.get("unordered") else {}))
                for item in items] for v, items in paper["variants"].items()
        },
    }
    (tmp_path / "key.json").write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    answers = room.store.answers(room.session.id)
    people = {p.name: p for p in room.store.participants(room.session.id)}
    with open(tmp_path / "answers.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["姓名", "单位", "工号", "卷型", *range(1, 21)])
        for name, _state in sheet_rows:
            person = people[name]
            cells = []
            for item in paper["variants"][person.variant]:
                cells.append(_cell(item, answers.get(person.id, {}).get(item["id"])))
            writer.writerow([name, person.unit, person.staff, person.variant, *cells])
    assert (
        main(
            [
                "grade",
                str(tmp_path / "key.json"),
                str(tmp_path / "answers.csv"),
                "--out",
                str(tmp_path / "results.csv"),
                "--report",
                str(tmp_path / "report.html"),
            ]
        )
        == 0
    )
    served = room.get("/host/results.csv", params={"token": room.session.host_token})
    assert served.status_code == 200
    assert served.content == (tmp_path / "results.csv").read_bytes()
    report = room.get("/host/report.html", params={"token": room.session.host_token}).text
    assert report == (tmp_path / "report.html").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(served.content.decode("utf-8-sig"))))
    assert [(row[1], float(row[5])) for row in rows[1:]] == [
        (n, expected[n]) for n in ("王五", "赵六", "孙七")
    ]
    assert room.get("/host/results.csv").status_code == 403
    assert room.get("/host/key.json", params={"token": room.session.host_token}).status_code == 404


def _cell(item, response):
    letters = "ABCDEFGH"
    if response is None:
        return ""
    if item["type"] == "judge":
        return "对" if response else "错"
    if item["type"] == "fill":
        return "|".join(response)
    chosen = response if isinstance(response, list) else [response]
    return "".join(letters[item["options"].index(text)] for text in chosen)


def test_pages_are_chinese_and_the_host_page_needs_the_token(room):
    phone = room.get("/")
    assert phone.status_code == 200 and 'lang="zh-CN"' in phone.text and "/static/phone.js" in phone.text
    assert "default-src 'self'" in phone.headers["content-security-policy"]
    refused = room.get("/host?token=wrong")
    assert refused.status_code == 403 and "主持口令不对" in refused.text
    assert room.get(f"/host?token={room.session.host_token}").status_code == 200
    assert room.get("/static/core.js").text.startswith("/*")
    missing = room.get("/nothing-here")
    assert missing.status_code == 404 and missing.json()["message"] == "没有这个地址。"
    typed = room.get("/exam", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert typed.status_code == 404 and typed.headers["content-type"].startswith("text/html")
    assert 'lang="zh-CN"' in typed.text and "没有这个地址" in typed.text and "http://127.0.0.1:8000/" in typed.text


@pytest.mark.parametrize("name", ["phone.js", "host.js"])
def test_classroom_scripts_are_es5_and_insert_text_only(name):
    from test_quiz_pages import _code_only

    code = _code_only((ROOT / "generator" / "classroom" / name).read_text(encoding="utf-8"))
    forbidden = {
        "arrow function": r"=>",
        "template literal": r"`",
        "let/const": r"\b(?:let|const)\s",
        "class": r"\bclass\s+[A-Za-z]",
        "spread": r"\.\.\.",
        "for-of": r"\bfor\s*\([^)]*\bof\b",
        "async": r"\basync\s+function|\bawait\s",
        "fetch": r"\bfetch\(",
        "includes": r"\.includes\(",
    }
    assert {rule: hits for rule, pattern in forbidden.items() if (hits := re.findall(pattern, code))} == {}
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in code, sink


def test_after_the_deadline_answers_are_refused_and_everyone_is_in_the_results(room, project):
    import time

    from generator.classroom.store import GRACE_SECONDS

    me = join(room, "王五")
    started = time.time() - room.session.minutes * 60 - GRACE_SECONDS - 1
    room.store.open_exam(room.session.id, now=started)
    question = room.get("/api/state?full=1", headers=me).json()["questions"][0]
    reply = room.post(
        "/api/answer", headers=me, json={"question": question["id"], "response": None, "seq": 1}
    )
    assert reply.status_code == 409 and reply.json()["message"] == "考试已经结束，这个答案没有保存。"
    board = room.get("/api/host/dashboard", headers=room.host).json()
    assert board["session"]["status"] == "closed" and board["session"]["ended"] is False
    assert [r["name"] for r in board["ranking"]] == ["王五"]  # not handed in, still collected
    assert room.post("/api/host/close", headers=room.host).json()["session"]["ended"] is True


def test_a_bug_answers_in_chinese_and_is_logged_not_printed(room, monkeypatch):
    me = join(room, "王五")

    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(room.store, "answers_of", broken)
    room.post("/api/host/open", headers=room.host)
    reply = room.get("/api/state?full=1", headers=me)
    assert reply.status_code == 500 and "服务器内部错误" in reply.json()["message"]
    assert "RuntimeError: boom" in (room.store.path.parent / "classroom-errors.log").read_text(
        encoding="utf-8"
    )
