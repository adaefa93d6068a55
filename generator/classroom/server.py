"""`python -m generator classroom`: draw the paper (or resume the last sitting in the data folder), open the
store, print the trainee and host URLs with a terminal QR code, and serve the app with uvicorn.

One process, one worker: the store's single writer thread and the in-memory rate limits assume it.
"""

from __future__ import annotations

import errno
import io
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import os_reason
from .store import Session, Store, open_store

STATUS_NAMES = {"waiting": "等待开始", "open": "进行中", "closed": "已结束"}


class ServeError(Exception):
    """Cannot serve (port busy, address not on this machine, data folder unusable); message in Chinese."""


@dataclass
class Sitting:
    store: Store
    session: Session
    resumed: bool


def prepare(
    root: Path, data: Path, *, seed: str, variants: list[str], count: int | None, new: bool
) -> Sitting:
    """The store in `data` and its sitting: the last one unless `new` (or there is none), else a paper drawn
    from the project at `root` like `exam` does. PaperError / SourceError / ServeError."""
    from ..site import load_project
    from .paper import draw_classroom_paper

    if data.exists() and not data.is_dir():
        raise ServeError(f"无法使用数据文件夹 {data}：这是一个文件，不是文件夹；请换一个 --data 文件夹")
    try:
        store = open_store(data)
    except OSError as error:
        raise ServeError(f"无法使用数据文件夹 {data}：{os_reason(error)}") from None
    except Exception:  # noqa: BLE001 - sqlite3.DatabaseError for a file that is not a database
        raise ServeError(
            f"数据文件夹 {data} 中的考试数据库无法打开（不是考试数据库，或已损坏）：请换一个 --data 文件夹"
        ) from None
    latest = store.latest_session()
    if latest is not None and not new:
        return Sitting(store, latest, True)
    project = load_project(root)
    if project.bank is None:
        raise ServeError("未配置题库（quizzes_dir）：无法出卷")
    paper = draw_classroom_paper(project.bank, project.regulation, seed=seed, variants=variants, count=count)
    return Sitting(store, store.create_session(paper), False)


def lan_address() -> str:
    """This laptop's address on the room's network: the source address the system would use to reach a
    private address. A UDP "connect" only picks a route; no packet is sent. 127.0.0.1 when there is none."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or ServeError in Chinese (port busy, address not on this machine)."""
    if not 0 < port < 65536:
        raise ServeError(f"端口应在 1 到 65535 之间（实际为 {port}）")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say they are TCP; without it
    # every keep-alive response waits 40 ms for the phone's delayed ACK (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise ServeError(
                f"端口 {port} 已被占用（可能已经开着一个考试服务器）：请关闭它，或用 --port 换一个端口，"
                f"如 --port {port + 1}"
            ) from None
        if error.errno in (errno.EACCES, errno.EPERM):
            raise ServeError(f"没有权限使用端口 {port}：请用 1024 以上的端口，如 --port 8000") from None
        raise ServeError(
            f"无法在 {host}:{port} 上启动服务器：{error.strerror or error}（--host 应为本机地址或 0.0.0.0）"
        ) from None
    sock.set_inheritable(True)
    return sock


def terminal_qr(url: str) -> str:
    """The URL as a QR code drawn with block characters (segno), for the terminal."""
    import segno

    buffer = io.StringIO()
    segno.make(url, error="m").terminal(out=buffer, compact=True, border=2)
    return buffer.getvalue()


def svg_qr(url: str) -> str:
    """The URL as an SVG QR code (segno) for the dashboard."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=8, border=2, dark="#000", light="#fff")
    return buffer.getvalue().decode("utf-8")


def serve(sitting: Sitting, sock: socket.socket, host: str, out=None) -> None:
    """Print the two entries and the QR code, and serve on `sock` (from bind) until Ctrl+C."""
    import uvicorn

    from .app import Classroom, create_app

    out = out or sys.stdout
    port = sock.getsockname()[1]
    address = lan_address() if host in ("0.0.0.0", "::", "") else host
    join_url = f"http://{address}:{port}/"
    host_url = f"{join_url}host?token={sitting.session.host_token}"
    app = create_app(Classroom(sitting.store, sitting.session.id, join_url, svg_qr(join_url)))
    session = sitting.session
    what = "继续上次的考试" if sitting.resumed else "新的考试"
    status = STATUS_NAMES[session.status()]
    again = "；要重新出卷请加 --new" if sitting.resumed else ""
    print(f"{what}：{session.title}（{session.id}，状态：{status}）{again}", file=out)
    try:
        print(terminal_qr(join_url), file=out)
    except UnicodeEncodeError:  # a console that cannot show block characters: the URL is enough
        pass
    print(f"学员入口：{join_url}", file=out)
    print(f"主持入口：{host_url}", file=out)
    if address == "127.0.0.1" and host in ("0.0.0.0", "::", ""):
        print(
            "注意：没有找到本机的局域网地址（未连 Wi-Fi？）。请先连上教室 Wi-Fi 或打开电脑热点，再重新启动。",
            file=out,
        )
    if sitting.resumed and session.status() == "closed":
        # The QR code pushes the status line off screen: say it where the trainer looks.
        print(
            "注意：这一场考试已经结束，学员不能再加入。要给新的一班考试，请按 Ctrl+C 停止，加 --new 重新启动。",
            file=out,
        )
    print("按 Ctrl+C 停止服务器（答案已随时保存，重新启动即可继续）。", file=out, flush=True)
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        timeout_keep_alive=30,
        limit_concurrency=4000,
        backlog=2048,
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        sitting.store.close()
