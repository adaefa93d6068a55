"""The classroom's storage: the ONLY module that speaks SQL (DESIGN §9).

SQLite in WAL mode, one file `classroom.sqlite3` in the data folder. Tables: session (one exam sitting),
paper (the drawn paper per variant, as JSON, so a restarted server serves the same paper), participant,
answer (one row per session × participant × question, upserted) and event (join, open, extend, close,
submit, rejoin: what happened when).

One writer: a dedicated thread fed by a queue (STYLE: Datasette's model). It takes every write waiting in the
queue, runs them in one transaction (each in its own savepoint, so one refused write does not undo another)
and commits with synchronous=FULL before any caller is answered: an answer is on disk before it is
acknowledged, and a burst of 200 phones costs one fsync, not 200. Reads use a connection per thread (WAL lets
them run beside the writer); participants and sessions are also kept in memory, updated after each commit.

The rules that must hold at the moment of writing (no answer after 交卷 or after the deadline, no join after
结束考试, one identity per person) are checked inside the write, so they cannot race. Everything the caller
gets back is plain data (dataclasses, dicts, JSON values).

The interface is narrow on purpose (open_store, create_session, join, save_answer, submit, open_exam,
extend, close, answers, participants …): a server database (PostgreSQL, for a county-wide online contest)
could replace SQLite behind it later without touching the routes. Not built now (DESIGN §10).
"""

from __future__ import annotations

import json
import queue
import secrets
import sqlite3
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path

DB_NAME = "classroom.sqlite3"
# An answer given just before the deadline may still be on its way (or in a phone's queue after a short
# Wi-Fi drop): it is accepted this many seconds after the deadline, never later.
GRACE_SECONDS = 10
MAX_BATCH = 256
MAX_PARTICIPANTS = 2000  # a sitting is one room; more is a mistake (or a script joining in a loop)

SCHEMA = """
CREATE TABLE IF NOT EXISTS session (
  id TEXT PRIMARY KEY, created REAL NOT NULL, title TEXT NOT NULL, host_token TEXT NOT NULL,
  minutes INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'waiting', opened_at REAL, deadline REAL,
  closed_at REAL, review TEXT NOT NULL DEFAULT 'submit');
CREATE TABLE IF NOT EXISTS paper (
  session TEXT NOT NULL REFERENCES session(id), variant TEXT NOT NULL, paper TEXT NOT NULL,
  PRIMARY KEY (session, variant));
CREATE TABLE IF NOT EXISTS participant (
  id INTEGER PRIMARY KEY AUTOINCREMENT, session TEXT NOT NULL REFERENCES session(id),
  token TEXT NOT NULL UNIQUE, name TEXT NOT NULL, unit TEXT NOT NULL, staff TEXT NOT NULL DEFAULT '',
  variant TEXT NOT NULL, joined_at REAL NOT NULL, submitted_at REAL, rejoin INTEGER NOT NULL DEFAULT 0,
  UNIQUE (session, name, unit, staff));
CREATE TABLE IF NOT EXISTS answer (
  session TEXT NOT NULL, participant INTEGER NOT NULL REFERENCES participant(id), question TEXT NOT NULL,
  response TEXT NOT NULL, seq INTEGER NOT NULL, saved_at REAL NOT NULL,
  PRIMARY KEY (session, participant, question));
CREATE TABLE IF NOT EXISTS event (
  id INTEGER PRIMARY KEY AUTOINCREMENT, session TEXT NOT NULL, at REAL NOT NULL, kind TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}');
"""


class Refused(Exception):
    """A write the rules do not allow; nothing was changed. `status` is the HTTP status a route answers
    with, `message` the Chinese sentence for the person, `code` a stable word for page scripts."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True)
class Session:
    id: str
    created: float
    title: str
    host_token: str
    minutes: int
    state: str  # "waiting" | "open" | "closed" as the host set it; see status()
    opened_at: float | None
    deadline: float | None  # epoch seconds
    closed_at: float | None
    review: str  # "submit": a trainee sees the key after 交卷; "close": only after 结束考试

    def status(self, now: float | None = None) -> str:
        """waiting | open | closed, where an open exam past its deadline (and the grace) counts as closed."""
        now = time.time() if now is None else now
        if self.state == "open" and self.deadline is not None and now > self.deadline + GRACE_SECONDS:
            return "closed"
        return self.state


@dataclass(frozen=True)
class Participant:
    id: int
    session: str
    token: str
    name: str
    unit: str
    staff: str  # 工号, "" when not given
    variant: str
    joined_at: float
    submitted_at: float | None
    rejoin: bool  # the host allowed this person to join again from another device


class Store:
    """Open with open_store(folder). Thread-safe; every write method blocks until its commit (call it
    from a worker thread in an async server) and raises Refused when the rules forbid it."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()
        self._lock = threading.Lock()  # guards the in-memory caches below
        self._sessions: dict[str, Session] = {}
        self._papers: dict[str, dict] = {}
        self._by_token: dict[str, Participant] = {}
        self._by_id: dict[int, Participant] = {}
        self._queue: queue.Queue = queue.Queue()
        writer = self._connect()
        writer.executescript(SCHEMA)
        self._load(writer)
        self._thread = threading.Thread(
            target=self._write_loop, args=(writer,), name="classroom-writer", daemon=True
        )
        self._thread.start()

    # ------------------------------------------------------------------ connections and the writer

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("PRAGMA foreign_keys=ON")
        return connection

    def _reader(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._local.connection = self._connect()
        return connection

    def _load(self, db: sqlite3.Connection) -> None:
        for row in db.execute("SELECT * FROM session"):
            self._sessions[row[0]] = _session(row)
        for session, variant, text in db.execute("SELECT session, variant, paper FROM paper"):
            self._papers.setdefault(session, {})[variant] = json.loads(text)
        for row in db.execute("SELECT * FROM participant"):
            self._remember(_participant(row))

    def _remember(self, participant: Participant) -> None:
        with self._lock:
            self._by_token[participant.token] = participant
            self._by_id[participant.id] = participant

    def _write(self, operation, *args):
        """Run operation(db, after, *args) on the writer thread, inside a transaction; return its result
        once committed. `after(fn)` registers a cache update, run when the operation has succeeded."""
        future: Future = Future()
        self._queue.put((operation, args, future))
        return future.result()

    def _write_loop(self, db: sqlite3.Connection) -> None:
        while True:
            batch = [self._queue.get()]
            if batch[0] is None:
                break
            while len(batch) < MAX_BATCH:
                try:
                    job = self._queue.get_nowait()
                except queue.Empty:
                    break
                if job is None:
                    self._queue.put(None)
                    break
                batch.append(job)
            self._run_batch(db, batch)
        db.close()

    def _run_batch(self, db: sqlite3.Connection, batch: list) -> None:
        outcomes = []
        try:
            db.execute("BEGIN IMMEDIATE")
            for operation, args, _future in batch:
                pending: list = []
                db.execute("SAVEPOINT op")
                try:
                    outcomes.append((True, operation(db, pending.append, *args)))
                    db.execute("RELEASE op")
                    # At once, so the next write of the batch checks its rules against this one.
                    for after in pending:
                        after()
                except Exception as error:  # noqa: BLE001 - handed to the caller, not swallowed
                    db.execute("ROLLBACK TO op")
                    db.execute("RELEASE op")
                    outcomes.append((False, error))
            db.execute("COMMIT")
        except sqlite3.Error as error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            with self._lock:  # the caches may hold what was just rolled back
                self._sessions.clear(), self._papers.clear(), self._by_token.clear(), self._by_id.clear()
            self._load(db)
            for _operation, _args, future in batch:
                future.set_exception(error)
            return
        for (ok, value), (_operation, _args, future) in zip(outcomes, batch, strict=True):
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

    def close(self) -> None:
        """Stop the writer after the writes already queued; the store cannot be used afterwards."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    # ------------------------------------------------------------------ sessions

    def create_session(self, paper: dict, now: float | None = None) -> Session:
        """A new sitting for `paper` (classroom.paper.draw_classroom_paper's shape) in state waiting, with a
        fresh host token."""
        now = time.time() if now is None else now
        session = Session(
            secrets.token_hex(4),
            now,
            paper["title"],
            secrets.token_urlsafe(16),
            int(paper["minutes"]),
            "waiting",
            None,
            None,
            None,
            "submit",
        )

        def operation(db, after):
            db.execute(
                "INSERT INTO session (id, created, title, host_token, minutes) VALUES (?, ?, ?, ?, ?)",
                (session.id, now, session.title, session.host_token, session.minutes),
            )
            for variant, items in paper["variants"].items():
                db.execute(
                    "INSERT INTO paper VALUES (?, ?, ?)",
                    (
                        session.id,
                        variant,
                        json.dumps({**paper, "variants": None, "items": items}, ensure_ascii=False),
                    ),
                )
            _event(db, session.id, now, "create", {"seed": paper.get("seed")})

            def remember():
                with self._lock:
                    self._sessions[session.id] = session
                    self._papers[session.id] = {
                        variant: {**paper, "variants": None, "items": items}
                        for variant, items in paper["variants"].items()
                    }

            after(remember)
            return session

        return self._write(operation)

    def latest_session(self) -> Session | None:
        """The most recently created sitting (to resume after a restart), None in a new data folder."""
        with self._lock:
            return max(self._sessions.values(), key=lambda s: s.created, default=None)

    def session(self, session_id: str) -> Session:
        with self._lock:
            return self._sessions[session_id]

    def paper(self, session_id: str) -> dict:
        """{"title", "minutes", "seed", "total", "variants": {variant: [item, …]}} as it was created."""
        with self._lock:
            stored = self._papers[session_id]
        first = next(iter(stored.values()))
        return {**first, "variants": {variant: data["items"] for variant, data in stored.items()}}

    def open_exam(self, session_id: str, now: float | None = None) -> Session:
        """开始考试: the deadline is now + the paper's minutes. Opening an open exam changes nothing."""
        now = time.time() if now is None else now

        def operation(db, after):
            session = self._sessions[session_id]
            status = session.status(now)
            if status == "open":
                return session
            if status == "closed":
                raise Refused(409, "closed", "考试已经结束，不能再开始")
            new = replace(session, state="open", opened_at=now, deadline=now + session.minutes * 60)
            return self._save_session(db, after, new, now, "open", {"deadline": new.deadline})

        return self._write(operation)

    def extend(self, session_id: str, seconds: int, now: float | None = None) -> Session:
        """延长: the deadline moves `seconds` later; refused unless the exam is open."""
        now = time.time() if now is None else now

        def operation(db, after):
            session = self._sessions[session_id]
            if session.status(now) != "open":
                raise Refused(409, "not-open", "考试不在进行中，无法延长")
            new = replace(session, deadline=session.deadline + seconds)
            return self._save_session(db, after, new, now, "extend", {"seconds": seconds})

        return self._write(operation)

    def close_exam(self, session_id: str, now: float | None = None) -> Session:
        """结束考试: no more answers or joins; everyone who has not submitted is submitted now (收卷)."""
        now = time.time() if now is None else now

        def operation(db, after):
            session = self._sessions[session_id]
            if session.state == "closed":
                return session
            new = replace(session, state="closed", closed_at=now)
            db.execute(
                "UPDATE participant SET submitted_at = ? WHERE session = ? AND submitted_at IS NULL",
                (now, session_id),
            )
            ids = [
                row[0] for row in db.execute("SELECT id FROM participant WHERE session = ?", (session_id,))
            ]

            def submit_all():
                for pid in ids:
                    person = self._by_id[pid]
                    if person.submitted_at is None:
                        self._remember(replace(person, submitted_at=now))

            after(submit_all)
            return self._save_session(db, after, new, now, "close", {})

        return self._write(operation)

    def set_review(self, session_id: str, review: str) -> Session:
        """When trainees see the key: "submit" (after their own 交卷) or "close" (after 结束考试)."""
        if review not in ("submit", "close"):
            raise ValueError(review)

        def operation(db, after):
            new = replace(self._sessions[session_id], review=review)
            return self._save_session(db, after, new, time.time(), "review", {"review": review})

        return self._write(operation)

    def _save_session(self, db, after, new: Session, now: float, kind: str, detail: dict) -> Session:
        db.execute(
            "UPDATE session SET state = ?, opened_at = ?, deadline = ?, closed_at = ?, review = ? "
            "WHERE id = ?",
            (new.state, new.opened_at, new.deadline, new.closed_at, new.review, new.id),
        )
        _event(db, new.id, now, kind, detail)

        def remember():
            with self._lock:
                self._sessions[new.id] = new

        after(remember)
        return new

    # ------------------------------------------------------------------ participants

    def join(
        self, session_id: str, name: str, unit: str, staff: str = "", now: float | None = None
    ) -> Participant:
        """A trainee joins (姓名, 单位, 工号 optional) and gets a token and a variant (in turn A, B, A …).

        Refused: after 结束考试 (403 closed); the same 姓名+单位+工号 again unless the host allowed a re-join
        (409 joined; with the permission the same participant comes back, the permission is used up); the
        same 姓名 and 单位 as someone else without a 工号 (409 need-staff: the message asks for one; with a 工号
        that differs from everyone's of that 姓名 and 单位 the newcomer joins, even if the first one gave none —
        otherwise a second 张伟 in the same 单位 could never join)."""
        now = time.time() if now is None else now

        def operation(db, after):
            session = self._sessions[session_id]
            if session.status(now) == "closed":
                raise Refused(403, "closed", "考试已经结束，不能再加入。")
            rows = db.execute(
                "SELECT * FROM participant WHERE session = ? AND name = ? AND unit = ?",
                (session_id, name, unit),
            ).fetchall()
            for row in rows:
                person = _participant(row)
                if person.staff == staff:
                    if not person.rejoin:
                        raise Refused(
                            409,
                            "joined",
                            f"“{name}”（{unit}）已经加入本场考试。如果换了手机或浏览器，"
                            "请主持人在主持台点“允许重新加入”，然后再加入。",
                        )
                    db.execute("UPDATE participant SET rejoin = 0 WHERE id = ?", (person.id,))
                    _event(db, session_id, now, "rejoin", {"participant": person.id})
                    again = replace(person, rejoin=False)
                    after(lambda: self._remember(again))
                    return again
                if not staff:  # a newcomer who gives a 工号 of their own is another person: let them in
                    raise Refused(
                        409,
                        "need-staff",
                        f"{unit}已有一位“{name}”加入考试。如果是另一个人，请填写工号以便"
                        "区分；如果是本人换了手机，请主持人允许重新加入。",
                    )
            variants = sorted(self._papers[session_id])
            count = db.execute(
                "SELECT count(*) FROM participant WHERE session = ?", (session_id,)
            ).fetchone()[0]
            if count >= MAX_PARTICIPANTS:
                raise Refused(403, "full", f"本场考试已有 {MAX_PARTICIPANTS} 人，不能再加入。")
            token = secrets.token_urlsafe(18)
            cursor = db.execute(
                "INSERT INTO participant (session, token, name, unit, staff, variant, joined_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (session_id, token, name, unit, staff, variants[count % len(variants)], now),
            )
            person = Participant(
                cursor.lastrowid,
                session_id,
                token,
                name,
                unit,
                staff,
                variants[count % len(variants)],
                now,
                None,
                False,
            )
            _event(db, session_id, now, "join", {"participant": person.id})
            after(lambda: self._remember(person))
            return person

        return self._write(operation)

    def allow_rejoin(self, participant_id: int) -> Participant:
        """The host lets this trainee join again by name (another phone); 404 for an unknown id."""

        def operation(db, after):
            person = self._by_id.get(participant_id)
            if person is None:
                raise Refused(404, "unknown-participant", "没有这位学员")
            db.execute("UPDATE participant SET rejoin = 1 WHERE id = ?", (participant_id,))
            _event(db, person.session, time.time(), "allow-rejoin", {"participant": participant_id})
            allowed = replace(person, rejoin=True)
            after(lambda: self._remember(allowed))
            return allowed

        return self._write(operation)

    def participant(self, token: str) -> Participant | None:
        """The participant holding `token`, None for an unknown one."""
        with self._lock:
            return self._by_token.get(token)

    def participants(self, session_id: str) -> list[Participant]:
        """Everyone who joined the sitting, in joining order."""
        with self._lock:
            people = [p for p in self._by_id.values() if p.session == session_id]
        return sorted(people, key=lambda p: p.id)

    def submit(self, participant_id: int, now: float | None = None) -> Participant:
        """交卷. Submitting twice is harmless (the first time counts); refused before the exam opens."""
        now = time.time() if now is None else now

        def operation(db, after):
            person = self._by_id[participant_id]
            if person.submitted_at is not None:
                return person
            if self._sessions[person.session].state == "waiting":
                raise Refused(409, "waiting", "考试尚未开始，不能交卷。")
            db.execute("UPDATE participant SET submitted_at = ? WHERE id = ?", (now, participant_id))
            _event(db, person.session, now, "submit", {"participant": participant_id})
            done = replace(person, submitted_at=now)
            after(lambda: self._remember(done))
            return done

        return self._write(operation)

    # ------------------------------------------------------------------ answers

    def save_answer(
        self, participant_id: int, question: str, response, seq: int, now: float | None = None
    ) -> dict:
        """Upsert one answer (any JSON value; None clears it) and return the acknowledgement
        {"question", "seq", "saved_at"} once committed. `seq` orders one trainee's answers: an older seq
        arriving after a newer one (a resent request) is acknowledged but changes nothing.

        Refused (409): before 开始考试 (waiting), after 交卷 (submitted), after 结束考试 or the deadline plus
        GRACE_SECONDS (closed). The caller checks that `question` is on the trainee's paper."""
        now = time.time() if now is None else now
        text = json.dumps(response, ensure_ascii=False)

        def operation(db, after):
            person = self._by_id[participant_id]
            status = self._sessions[person.session].status(now)
            if person.submitted_at is not None:
                raise Refused(409, "submitted", "已经交卷，答案不能再修改。")
            if status == "waiting":
                raise Refused(409, "waiting", "考试尚未开始。")
            if status == "closed":
                raise Refused(409, "closed", "考试已经结束，这个答案没有保存。")
            db.execute(
                "INSERT INTO answer VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (session, participant, question) DO UPDATE SET response = excluded.response, "
                "seq = excluded.seq, saved_at = excluded.saved_at WHERE excluded.seq >= answer.seq",
                (person.session, participant_id, question, text, seq, now),
            )
            return {"question": question, "seq": seq, "saved_at": now}

        return self._write(operation)

    def answers_of(self, participant_id: int) -> dict[str, dict]:
        """{question: {"response", "seq"}} of one trainee, as stored."""
        rows = self._reader().execute(
            "SELECT question, response, seq FROM answer WHERE participant = ?", (participant_id,)
        )
        return {question: {"response": json.loads(text), "seq": seq} for question, text, seq in rows}

    def answers(self, session_id: str) -> dict[int, dict[str, object]]:
        """{participant id: {question: response}} for the whole sitting (responses that are None left out)."""
        result: dict[int, dict[str, object]] = {}
        rows = self._reader().execute(
            "SELECT participant, question, response FROM answer WHERE session = ? AND response != 'null'",
            (session_id,),
        )
        for participant, question, text in rows:
            result.setdefault(participant, {})[question] = json.loads(text)
        return result

    def answer_count(self, session_id: str) -> int:
        """Stored answer rows of the sitting (the bench compares them with the acknowledgements)."""
        return (
            self._reader()
            .execute("SELECT count(*) FROM answer WHERE session = ?", (session_id,))
            .fetchone()[0]
        )

    def events(self, session_id: str) -> list[dict]:
        """The sitting's events, oldest first: {"at", "kind", "detail"}."""
        rows = self._reader().execute(
            "SELECT at, kind, detail FROM event WHERE session = ? ORDER BY id", (session_id,)
        )
        return [{"at": at, "kind": kind, "detail": json.loads(detail)} for at, kind, detail in rows]


def open_store(folder: Path) -> Store:
    """The store in `folder` (created if missing); OSError/sqlite3.Error when it cannot be opened."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return Store(folder / DB_NAME)


def _event(db, session_id: str, at: float, kind: str, detail: dict) -> None:
    db.execute(
        "INSERT INTO event (session, at, kind, detail) VALUES (?, ?, ?, ?)",
        (session_id, at, kind, json.dumps(detail, ensure_ascii=False)),
    )


def _session(row) -> Session:
    return Session(*row)


def _participant(row) -> Participant:
    return Participant(*row[:9], bool(row[9]))
