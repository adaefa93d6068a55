"""The classroom's routes (Starlette). Handlers are thin: check the token → read and validate the input →
call the store (in a worker thread: its writes wait for a commit) → answer JSON or a page.

Phone routes carry the participant's token in the X-Token header; host routes the host token in X-Host-Token
(or ?token= for the pages and downloads a browser opens directly). Every refusal is a 4xx JSON body
{"error": code, "message": 中文} and changes nothing: input is checked before the store is touched, and the
store checks its own rules inside the write.
"""

from __future__ import annotations

import json
import secrets
import time
import traceback
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..grading.answers import Response as SheetResponse
from ..grading.report import render_report, results_csv
from ..grading.results import analyse, item_order, score_people
from . import pages
from .paper import grading_key, phone_questions, review_items, valid_response
from .store import Participant, Refused, Store

MAX_BODY = 4096  # bytes: the longest answer (a fill of several blanks) is a few hundred
MAX_FIELD = 30  # characters of 姓名 / 单位 / 工号
EXTEND_SECONDS = 300
ERROR_LOG = "classroom-errors.log"  # in the data folder
FIELD_NAMES = ["姓名", "单位", "工号"]
LOOPBACK = ("127.0.0.1", "::1")
STATIC = {
    "core.js": ("generator.assets", "core.js", "text/javascript"),
    "phone.js": (__package__, "phone.js", "text/javascript"),
    "host.js": (__package__, "host.js", "text/javascript"),
    "classroom.css": (__package__, "classroom.css", "text/css"),
}
NO_STORE = {"Cache-Control": "no-store"}
# Pages only talk to this server: nothing else can load, even if a bank text held markup.
SECURITY = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class Rejected(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


@dataclass
class Bucket:
    tokens: float
    at: float


@dataclass
class RateLimit:
    """A token bucket per key (a participant's token, or a client address): `burst` requests at once, then
    `rate` per second."""

    rate: float
    burst: float
    buckets: dict = field(default_factory=dict)

    def check(self, key: str) -> None:
        now = time.monotonic()
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = self.buckets[key] = Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        if bucket.tokens < 1:
            raise Rejected(429, "too-many", "请求过于频繁，请稍等几秒再试。", {"Retry-After": "2"})
        bucket.tokens -= 1


@dataclass
class Classroom:
    """What the routes need: the store, the sitting, the trainee URL and its QR code (SVG)."""

    store: Store
    session_id: str
    join_url: str
    qr_svg: str = ""
    # A phone resends its whole queue after a Wi-Fi drop (one question at a time): 50 at once must pass.
    phone_limit: RateLimit = field(default_factory=lambda: RateLimit(rate=10, burst=60))
    # Joins per client address; the laptop itself (127.0.0.1) is the trainer's and is not limited.
    join_limit: RateLimit = field(default_factory=lambda: RateLimit(rate=0.5, burst=10))


def create_app(classroom: Classroom) -> Starlette:
    """The Starlette app for one sitting."""
    store, session_id = classroom.store, classroom.session_id

    def handler(func):
        async def endpoint(request: Request):
            try:
                return await func(request)
            except Rejected as error:
                return _error(error.status, error.code, error.message, error.headers)
            except Refused as error:
                return _error(error.status, error.code, error.message)
            except Exception:  # noqa: BLE001 - a bug must not print a traceback on the trainer's screen
                log = store.path.parent / ERROR_LOG
                with open(log, "a", encoding="utf-8") as handle:
                    handle.write(
                        f"{time.strftime('%Y-%m-%d %H:%M:%S')} {request.method} {request.url.path}\n"
                    )
                    handle.write(traceback.format_exc() + "\n")
                return _error(
                    500, "internal", f"服务器内部错误（程序缺陷，详情已写入 {log.name}），请稍后重试。"
                )

        return endpoint

    def me(request: Request) -> Participant:
        token = request.headers.get("x-token", "")
        person = store.participant(token) if token else None
        if person is None or person.session != session_id:
            raise Rejected(401, "bad-token", "身份已失效，请重新加入考试。")
        classroom.phone_limit.check(token)
        return person

    def host(request: Request) -> None:
        given = request.headers.get("x-host-token") or request.query_params.get("token") or ""
        if not secrets.compare_digest(given.encode(), store.session(session_id).host_token.encode()):
            raise Rejected(403, "bad-host-token", "主持口令不对：请使用启动时显示的“主持入口”完整网址。")

    def paper_items(person: Participant) -> list[dict]:
        return store.paper(session_id)["variants"][person.variant]

    # ------------------------------------------------------------------ pages and files

    async def phone_page(request: Request):
        session = store.session(session_id)
        return HTMLResponse(pages.phone_page(session.id, session.title), headers={**SECURITY, **NO_STORE})

    async def host_page(request: Request):
        try:
            host(request)
        except Rejected as error:
            return HTMLResponse(pages.message_page("无法打开主持台", error.message), 403, headers=SECURITY)
        session = store.session(session_id)
        return HTMLResponse(
            pages.host_page(session.id, session.title, classroom.join_url), headers={**SECURITY, **NO_STORE}
        )

    async def static(request: Request):
        entry = STATIC.get(request.path_params["name"])
        if entry is None:
            return _error(404, "not-found", "没有这个文件。")
        package, name, media = entry
        text = resources.files(package).joinpath(name).read_text("utf-8")
        return Response(text, media_type=media + "; charset=utf-8", headers={"Cache-Control": "no-cache"})

    async def qr(request: Request):
        return Response(classroom.qr_svg, media_type="image/svg+xml")

    async def not_found(request: Request, exc):
        if "text/html" in request.headers.get("accept", ""):  # a mistyped address in a phone's browser
            text = f"没有这个地址。学员请打开 {classroom.join_url} 加入考试。"
            return HTMLResponse(pages.message_page("没有这个页面", text), 404, headers=SECURITY)
        return _error(404, "not-found", "没有这个地址。")

    # ------------------------------------------------------------------ phone

    async def join(request: Request):
        client = request.client.host if request.client else ""
        if client not in LOOPBACK:
            classroom.join_limit.check(client)
        data = await _read_json(request)
        name, unit, staff = (
            _text(data, key, required)
            for key, required in (("name", "姓名"), ("unit", "单位"), ("staff", None))
        )
        person = await run_in_threadpool(store.join, session_id, name, unit, staff)
        return _json({"token": person.token, **_me(person)})

    async def state(request: Request):
        person = me(request)
        session = store.session(session_id)
        body = {"session": _session_view(session, store.paper(session_id)), "me": _me(person)}
        if request.query_params.get("full"):
            saved = await run_in_threadpool(store.answers_of, person.id)
            # Not even the questions before 开始考试: nobody reads ahead in the waiting room.
            waiting = body["session"]["status"] == "waiting"
            body["questions"] = [] if waiting else phone_questions(paper_items(person))
            body["answers"] = {q: entry["response"] for q, entry in saved.items()}
            body["seq"] = max((entry["seq"] for entry in saved.values()), default=0)
        if person.submitted_at is not None:
            body["me"]["score"] = _score(person)[0]
        return _json(body)

    async def answer(request: Request):
        person = me(request)
        data = await _read_json(request)
        question, seq = data.get("question"), data.get("seq")
        items = {item["id"]: item for item in paper_items(person)}
        if not isinstance(question, str) or question not in items:
            raise Rejected(404, "unknown-question", "这道题不在你的试卷上。")
        if "response" not in data or not valid_response(items[question], data["response"]):
            raise Rejected(400, "bad-response", "答案的格式不对（选项不在本题中，或填空数不符）。")
        if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq < 2**53:
            raise Rejected(400, "bad-seq", "缺少答案的序号（seq，非负整数）。")
        ack = await run_in_threadpool(store.save_answer, person.id, question, data["response"], seq)
        return _json({"ok": True, **ack})

    async def submit(request: Request):
        person = me(request)
        await _read_json(request, optional=True)
        person = await run_in_threadpool(store.submit, person.id)
        score, total = _score(person)
        return _json({"ok": True, "score": score, "total": total, "me": _me(person)})

    async def review(request: Request):
        person = me(request)
        session = store.session(session_id)
        if person.submitted_at is None:
            raise Rejected(403, "not-submitted", "交卷以后才能查看答案和解析。")
        if session.review == "close" and session.status() != "closed":
            raise Rejected(403, "wait-close", "主持人结束考试以后，才能查看答案和解析。")
        saved = await run_in_threadpool(store.answers_of, person.id)
        answers = {q: entry["response"] for q, entry in saved.items()}
        key = grading_key(store.paper(session_id))
        result = score_people(key, [_sheet_response(person, key, answers)])[0]
        scores = {item.id: points for item, points in zip(item_order(key), result.item_scores, strict=True)}
        return _json(
            {
                "score": result.score,
                "total": store.paper(session_id)["total"],
                "items": review_items(paper_items(person), answers, scores),
            }
        )

    def _score(person: Participant) -> tuple[float, float]:
        key = grading_key(store.paper(session_id))
        answers = {q: entry["response"] for q, entry in store.answers_of(person.id).items()}
        return score_people(key, [_sheet_response(person, key, answers)])[0].score, store.paper(session_id)[
            "total"
        ]

    # ------------------------------------------------------------------ host

    async def dashboard(request: Request):
        host(request)
        return _json(await run_in_threadpool(_dashboard))

    def _dashboard() -> dict:
        session = store.session(session_id)
        paper = store.paper(session_id)
        key = grading_key(paper)
        people = store.participants(session_id)
        answers = store.answers(session_id)
        results = _results(key, people, answers)
        scored = {person.response.line: person for person in results.people}
        first = next(iter(paper["variants"]))
        return {
            "session": _session_view(session, paper),
            "join_url": classroom.join_url,
            "questions": len(paper["variants"][first]),
            "numbered_by": first if len(paper["variants"]) > 1 else None,  # items[].number is this variant's
            "joined": len(people),
            "submitted": sum(p.submitted_at is not None for p in people),
            "participants": [
                {
                    "id": p.id,
                    "name": p.name,
                    "unit": p.unit,
                    "staff": p.staff,
                    "variant": p.variant,
                    "answered": len(answers.get(p.id, {})),
                    "submitted": p.submitted_at is not None,
                    "rejoin": p.rejoin,
                    "score": scored[p.id].score if p.id in scored else None,
                    "rank": scored[p.id].rank if p.id in scored else None,
                }
                for p in people
            ],
            "ranking": [
                {
                    "rank": r.rank,
                    "name": r.response.fields["姓名"],
                    "unit": r.response.fields["单位"],
                    "score": r.score,
                }
                for r in results.people
            ],
            "items": [
                {
                    "number": stats.numbers.get(first),
                    "id": stats.id,
                    "type": stats.type,
                    "articles": stats.articles,
                    "facility": stats.facility,
                }
                for stats in results.items
            ],
            "weak": [
                {"label": spot.label, "questions": spot.questions, "facility": spot.facility}
                for spot in results.articles[:10]
            ],
        }

    def _results(key, people: list[Participant], answers: dict):
        """grading's analysis over everyone who has submitted; once the exam is over (结束考试 or the
        deadline passed), over everyone who joined, with the answers they saved."""
        over = store.session(session_id).status() == "closed"
        responses = [
            _sheet_response(p, key, answers.get(p.id, {}))
            for p in people
            if over or p.submitted_at is not None
        ]
        return analyse(key, score_people(key, responses))

    async def control(request: Request):
        host(request)
        action = request.path_params["action"]
        data = await _read_json(request, optional=True)
        if action == "open":
            await run_in_threadpool(store.open_exam, session_id)
        elif action == "extend":
            await run_in_threadpool(store.extend, session_id, EXTEND_SECONDS)
        elif action == "close":
            await run_in_threadpool(store.close_exam, session_id)
        elif action == "rejoin":
            pid = data.get("participant")
            if not any(person.id == pid and pid is not True for person in store.participants(session_id)):
                raise Rejected(404, "unknown-participant", "没有这位学员。")
            await run_in_threadpool(store.allow_rejoin, pid)
        elif action == "review":
            if data.get("review") not in ("submit", "close"):
                raise Rejected(
                    400, "bad-review", "review 应为 submit（交卷后看解析）或 close（结束考试后看解析）。"
                )
            await run_in_threadpool(store.set_review, session_id, data["review"])
        else:
            raise Rejected(404, "not-found", "没有这个操作。")
        return _json(
            {"ok": True, "session": _session_view(store.session(session_id), store.paper(session_id))}
        )

    async def download(request: Request):
        host(request)
        name = request.path_params["name"]
        if name not in ("results.csv", "report.html"):
            raise Rejected(404, "not-found", "没有这个文件：可下载 results.csv 和 report.html。")
        key = grading_key(store.paper(session_id))
        results = await run_in_threadpool(
            lambda: _results(key, store.participants(session_id), store.answers(session_id))
        )
        if name == "results.csv":
            # The bytes `grade` writes: BOM + results_csv (grade's --out), so Excel reads UTF-8.
            return Response(
                ("\ufeff" + results_csv(results, FIELD_NAMES)).encode("utf-8"),
                media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": "attachment; filename=results.csv", **NO_STORE},
            )
        return HTMLResponse(render_report(results, key.title or "考试"), headers=NO_STORE)

    routes = [
        Route("/", phone_page),
        Route("/host", host_page),
        Route("/static/{name}", static),
        Route("/qr.svg", qr),
        Route("/api/join", handler(join), methods=["POST"]),
        Route("/api/state", handler(state)),
        Route("/api/answer", handler(answer), methods=["POST"]),
        Route("/api/submit", handler(submit), methods=["POST"]),
        Route("/api/review", handler(review)),
        Route("/api/host/dashboard", handler(dashboard)),
        Route("/api/host/{action}", handler(control), methods=["POST"]),
        Route("/host/{name:str}", handler(download)),
    ]
    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: _method_not_allowed})
    app.state.classroom = classroom
    return app


async def _method_not_allowed(request: Request, exc):
    return _error(405, "method", "请求方法不对。")


def _error(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status, headers={**NO_STORE, **(headers or {})})


def _json(data: dict) -> JSONResponse:
    return JSONResponse(data, headers=NO_STORE)


async def _read_json(request: Request, optional: bool = False) -> dict:
    """The body as a JSON object, at most MAX_BODY bytes; Rejected 413/400 otherwise. An empty body is {}
    when `optional`."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise Rejected(413, "too-large", f"请求内容过大（上限 {MAX_BODY} 字节）。")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise Rejected(413, "too-large", f"请求内容过大（上限 {MAX_BODY} 字节）。")
    if not body.strip() and optional:
        return {}
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: [[[[…]]]] nested too deep
        raise Rejected(400, "bad-json", "请求内容不是有效的 JSON。") from None
    if not isinstance(data, dict):
        raise Rejected(400, "bad-json", "请求内容应为 JSON 对象。")
    try:  # "\ud800" is valid JSON but no text: SQLite (UTF-8) could not store it
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise Rejected(400, "bad-json", "请求内容含有无效的字符。") from None
    return data


def _text(data: dict, key: str, required: str | None) -> str:
    """A 姓名/单位/工号 field as shown everywhere: control and invisible format characters (NUL, ESC, zero-width
    space, right-to-left override …) removed, so they cannot reach results.csv or turn 王五 into 五王 on the
    projector, and 张\u200b三 is the same person as 张三; runs of white space made one space."""
    value = data.get(key, "")
    if not isinstance(value, str):
        raise Rejected(400, "bad-field", f"{required or '工号'}应为文字。")
    value = "".join(ch for ch in value if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf"))
    value = " ".join(value.split())
    if required and not value:
        raise Rejected(400, "missing-field", f"请填写{required}。")
    if len(value) > MAX_FIELD:
        raise Rejected(400, "long-field", f"{required or '工号'}太长（最多 {MAX_FIELD} 个字）。")
    return value


def _me(person: Participant) -> dict:
    return {
        "name": person.name,
        "unit": person.unit,
        "staff": person.staff,
        "variant": person.variant,
        "submitted": person.submitted_at is not None,
    }


def _session_view(session, paper: dict) -> dict:
    return {
        "id": session.id,
        "title": session.title,
        "status": session.status(),
        "ended": session.state == "closed",
        "deadline": session.deadline,
        "now": time.time(),
        "minutes": session.minutes,
        "review": session.review,
        "total": paper["total"],
    }


def _sheet_response(person: Participant, key, answers: dict) -> SheetResponse:
    """A trainee's answers as a grading Response (the row `grade` would read), line = participant id."""
    fields = {"姓名": person.name, "单位": person.unit, "工号": person.staff}
    return SheetResponse(
        person.id, fields, person.variant, [answers.get(item.id) for item in key.variants[person.variant]]
    )
