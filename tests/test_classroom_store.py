"""classroom/store.py: answers upserted and durable, the rules checked inside the write, nothing changed by a
refused write, a reopened store resumes the sitting."""

from __future__ import annotations

import threading

import pytest

from generator.classroom.store import GRACE_SECONDS, Refused, open_store


def item(number, qid, qtype="single", points=2.0):
    return {
        "number": number,
        "id": qid,
        "type": qtype,
        "answer": "A",
        "options": ["甲", "乙", "丙"],
        "points": points,
        "articles": ["第一条"],
        "chapter": "第一章 总则",
        "stem": "题干",
        "blanks": 0,
        "explanation": "解析",
        "unordered": False,
        "sources": [],
    }


PAPER = {
    "title": "测验",
    "minutes": 10,
    "seed": "1",
    "total": 4.0,
    "variants": {"A": [item(1, "q1"), item(2, "q2")], "B": [item(1, "q2"), item(2, "q1")]},
}


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path)
    yield store
    store.close()


def test_answers_are_upserted_per_question_and_an_older_resend_changes_nothing(store):
    session = store.create_session(PAPER)
    person = store.join(session.id, "王五", "县信访局")
    store.open_exam(session.id)
    store.save_answer(person.id, "q1", "甲", 1)
    store.save_answer(person.id, "q1", "乙", 3)
    ack = store.save_answer(person.id, "q1", "丙", 2)  # a resent older answer arriving late
    assert ack["seq"] == 2
    assert store.answers_of(person.id) == {"q1": {"response": "乙", "seq": 3}}
    assert store.answer_count(session.id) == 1


def test_a_reopened_store_has_every_acknowledged_answer_and_the_same_sitting(tmp_path):
    store = open_store(tmp_path)
    session = store.create_session(PAPER)
    people = [store.join(session.id, f"学员{i}", "单位") for i in range(4)]
    store.open_exam(session.id)
    for person in people:
        store.save_answer(person.id, "q2", ["甲"], 1)
    store.close()
    again = open_store(tmp_path)
    try:
        assert again.latest_session() == store.session(session.id)
        assert [p.token for p in again.participants(session.id)] == [p.token for p in people]
        assert again.participant(people[2].token).variant == "A"  # A, B, A, B in joining order
        assert again.participant(people[1].token).variant == "B"
        assert again.answers(session.id) == {p.id: {"q2": ["甲"]} for p in people}
        assert again.paper(session.id)["variants"] == PAPER["variants"]
    finally:
        again.close()


def test_refused_writes_change_nothing(store):
    session = store.create_session(PAPER)
    person = store.join(session.id, "王五", "县信访局")
    with pytest.raises(Refused) as refused:
        store.save_answer(person.id, "q1", "甲", 1)
    assert refused.value.code == "waiting"
    store.open_exam(session.id, now=1000.0)
    store.save_answer(person.id, "q1", "甲", 1, now=1001.0)
    deadline = 1000.0 + PAPER["minutes"] * 60
    store.save_answer(person.id, "q2", "甲", 2, now=deadline + GRACE_SECONDS - 1)  # within the grace
    with pytest.raises(Refused) as refused:
        store.save_answer(person.id, "q1", "丙", 3, now=deadline + GRACE_SECONDS + 1)
    assert refused.value.code == "closed" and "没有保存" in refused.value.message
    store.submit(person.id, now=deadline)
    with pytest.raises(Refused) as refused:
        store.save_answer(person.id, "q1", "乙", 4, now=1002.0)
    assert refused.value.code == "submitted"
    assert store.answers(session.id) == {person.id: {"q1": "甲", "q2": "甲"}}
    assert [e["kind"] for e in store.events(session.id)] == ["create", "join", "open", "submit"]


def test_join_rules_duplicate_names_rejoin_and_late_join(store):
    session = store.create_session(PAPER)
    first = store.join(session.id, "李明", "县信访局")
    with pytest.raises(Refused) as refused:
        store.join(session.id, "李明", "县信访局")
    assert refused.value.code == "joined" and "允许重新加入" in refused.value.message
    other_unit = store.join(session.id, "李明", "镇信访办")
    assert other_unit.id != first.id
    # A second 李明 in 县信访局 is asked for a 工号, and with one (the first gave none) can join.
    second = store.join(session.id, "李明", "县信访局", "0012")
    assert second.id not in (first.id, other_unit.id) and second.staff == "0012"
    with pytest.raises(Refused) as refused:
        store.join(session.id, "李明", "镇信访办", "")
    assert refused.value.code == "joined"
    store.join(session.id, "王芳", "县信访局", "0001")
    with pytest.raises(Refused) as refused:
        store.join(session.id, "王芳", "县信访局")
    assert refused.value.code == "need-staff" and "工号" in refused.value.message
    store.allow_rejoin(first.id)
    again = store.join(session.id, "李明", "县信访局")
    assert (again.id, again.token) == (first.id, first.token)
    with pytest.raises(Refused):  # the permission is used up
        store.join(session.id, "李明", "县信访局")
    store.open_exam(session.id)
    store.close_exam(session.id)
    with pytest.raises(Refused) as refused:
        store.join(session.id, "张三", "县信访局")
    assert refused.value.status == 403 and "已经结束" in refused.value.message
    assert len(store.participants(session.id)) == 4
    assert all(p.submitted_at is not None for p in store.participants(session.id))  # 收卷 at close


def test_concurrent_writers_all_land(store):
    session = store.create_session(PAPER)
    people = [store.join(session.id, f"学员{i}", "单位") for i in range(20)]
    store.open_exam(session.id)
    errors = []

    def answer(person):
        try:
            for seq in range(1, 21):
                store.save_answer(person.id, "q1" if seq % 2 else "q2", str(seq), seq)
        except Exception as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=answer, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert store.answers(session.id) == {p.id: {"q1": "19", "q2": "20"} for p in people}


def test_extend_and_status(store):
    session = store.create_session(PAPER)
    with pytest.raises(Refused):
        store.extend(session.id, 300)
    opened = store.open_exam(session.id, now=0.0)
    assert opened.status(now=600.0) == "open" and opened.status(now=600.0 + GRACE_SECONDS + 1) == "closed"
    assert store.extend(session.id, 300, now=10.0).deadline == 900.0
