"""`python -m generator bench --classroom --phones N`: N simulated phones against a real classroom server.

The server is `python -m generator classroom` in a subprocess on 127.0.0.1 with a fresh data folder (never
another host); the phones are asyncio tasks sharing one aiohttp client session (a third of httpx's CPU per
request here, which matters when client and server share two cores). Each phone joins, waits for the host
to open the exam, answers every question of its paper after a random pause (0.5–3.5 s, ten times faster
than a real class), resending an answer until it is acknowledged as a real phone does, and submits.
Afterwards the server is stopped and its store is read back: an answer acknowledged but not stored as
acknowledged is **lost**.
Bounded: at most MAX_PHONES phones and TIME_LIMIT seconds; the server is always stopped.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

MAX_PHONES = 1000
TIME_LIMIT = 600  # seconds for the whole run
# Seconds between two answers of one phone: 2 s on average, ten times faster than a class answers.
PAUSE = (0.5, 3.5)
ATTEMPTS = 10  # sends of one answer before the phone gives up (a real phone never does)


class BenchError(Exception):
    """The bench could not run (server did not start, too many phones); message in Chinese."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    root: Path, data: Path, port: int, count: int, extra: list[str] | None = None
) -> tuple[subprocess.Popen, str, str]:
    """`python -m generator classroom` on 127.0.0.1:port → (process, trainee URL, host URL). BenchError when
    it does not print its URLs within 60 s."""
    command = [
        sys.executable,
        "-m",
        "generator",
        "--root",
        str(root),
        "classroom",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--data",
        str(data),
        "--count",
        str(count),
        "--seed",
        "bench",
        *(extra or []),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    urls: dict[str, str] = {}
    output: list[str] = []

    def read():
        for line in process.stdout:
            output.append(line)
            found = re.match(r"^(学员入口|主持入口)：(\S+)", line)
            if found:
                urls[found.group(1)] = found.group(2)

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + 60
    while len(urls) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    if len(urls) < 2:
        process.kill()
        raise BenchError("考试服务器没有启动：\n" + "".join(output[-20:]))
    return process, urls["学员入口"], urls["主持入口"]


def peak_memory_mb(pid: int) -> float | None:
    """The process's peak resident memory (VmHWM, Linux), MB; None elsewhere."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time the process has used so far (Linux /proc), seconds; None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def random_response(question: dict, rand: random.Random):
    options = question["options"]
    if question["type"] == "single":
        return rand.choice(options)
    if question["type"] == "multiple":
        return rand.sample(options, rand.randint(1, len(options)))
    if question["type"] == "judge":
        return rand.random() < 0.5
    return [rand.choice(["15日", "书面", "信访人", "三十日"]) for _ in range(question["blanks"])]


async def _phones(base: str, host_url: str, phones: int, answers: int, pause: tuple[float, float]) -> dict:
    import aiohttp

    host_token = host_url.split("token=", 1)[1]
    stats = {"sent": 0, "acked": 0, "failed": 0, "latencies": [], "acks": {}, "joined": 0, "submitted": 0}
    connector = aiohttp.TCPConnector(limit=phones + 10)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(base, connector=connector, timeout=timeout) as client:
        gate = asyncio.Semaphore(50)

        async def post(path: str, headers: dict, body: dict) -> tuple[int, dict]:
            async with client.post(path, headers=headers, json=body) as reply:
                return reply.status, await reply.json(content_type=None)

        async def join(index: int) -> str:
            async with gate:
                status, data = await post("/api/join", {}, {"name": f"学员{index:04d}", "unit": "压测单位"})
            if status != 200:
                raise BenchError(f"加入失败（{status}）：{data.get('message')}")
            stats["joined"] += 1
            return data["token"]

        start = time.perf_counter()
        tokens = await asyncio.gather(*(join(i) for i in range(phones)))
        stats["join_seconds"] = time.perf_counter() - start
        status, data = await post("/api/host/open", {"X-Host-Token": host_token}, {})
        if status != 200:
            raise BenchError(f"无法开始考试（{status}）：{data.get('message')}")

        async def phone(index: int, token: str) -> None:
            rand = random.Random(index)
            headers = {"X-Token": token}
            await asyncio.sleep(rand.uniform(0, pause[1]))  # phones do not start in step
            async with client.get("/api/state?full=1", headers=headers) as reply:
                paper = await reply.json()
            for seq, question in enumerate(paper["questions"][:answers], start=1):
                await asyncio.sleep(rand.uniform(*pause))
                response = random_response(question, rand)
                body = {"question": question["id"], "response": response, "seq": seq}
                for _attempt in range(ATTEMPTS):
                    stats["sent"] += 1
                    sent = time.perf_counter()
                    try:
                        status, _data = await post("/api/answer", headers, body)
                    except (aiohttp.ClientError, asyncio.TimeoutError):
                        status = 0
                    if status == 200:
                        stats["latencies"].append(time.perf_counter() - sent)
                        stats["acked"] += 1
                        stats["acks"][(token, question["id"])] = response
                        break
                    stats["failed"] += 1
                    await asyncio.sleep(1)
            if (await post("/api/submit", headers, {}))[0] == 200:
                stats["submitted"] += 1

        start = time.perf_counter()
        await asyncio.gather(*(phone(i, token) for i, token in enumerate(tokens)))
        stats["answer_seconds"] = time.perf_counter() - start
    return stats


def run_classroom_bench(
    root: Path, phones: int, answers: int = 50, pause: tuple[float, float] = PAUSE
) -> list[str]:
    """Run the bench; the report's lines (Chinese). BenchError when the server does not start."""
    from .store import open_store

    if phones > MAX_PHONES:
        raise BenchError(f"--phones 最多 {MAX_PHONES}（实际 {phones}）")
    data = Path(tempfile.mkdtemp(prefix="classroom-bench-"))
    process, base, host_url = start_server(root, data, free_port(), answers)
    try:
        client_start, server_start = time.process_time(), cpu_seconds(process.pid)
        stats = asyncio.run(asyncio.wait_for(_phones(base, host_url, phones, answers, pause), TIME_LIMIT))
        memory, server_cpu = peak_memory_mb(process.pid), cpu_seconds(process.pid)
        client_cpu = time.process_time() - client_start
        if server_cpu is not None and server_start is not None:
            server_cpu -= server_start
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
    store = open_store(data)
    try:
        session = store.latest_session()
        stored_rows = store.answer_count(session.id)
        ids = {person.token: person.id for person in store.participants(session.id)}
        stored = store.answers(session.id)
        lost = sum(
            1
            for (token, question), response in stats["acks"].items()
            if stored.get(ids.get(token), {}).get(question, None) != response
        )
    finally:
        store.close()
    latencies = sorted(stats["latencies"])
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return [
        f"课堂模式压测：{phones} 部手机 × {answers} 题，每题间隔 {pause[0]}–{pause[1]} 秒（随机），"
        f"服务器为 python -m generator classroom 单进程，127.0.0.1",
        f"加入 {stats['joined']} 部，用时 {stats['join_seconds']:.1f} 秒；交卷 {stats['submitted']} 部；"
        f"答题阶段 {stats['answer_seconds']:.1f} 秒",
        f"答案：发送 {stats['sent']} 次，确认 {stats['acked']}，入库 {stored_rows}，丢失 {lost}"
        f"（未确认而重发 {stats['failed']} 次）",
        f"确认延迟：p50 {cuts[49] * 1000:.1f} ms，p99 {cuts[98] * 1000:.1f} ms，最大 {latencies[-1] * 1000:.1f} ms"
        if latencies
        else "确认延迟：无",
        f"服务器峰值内存：{memory:.0f} MB" if memory is not None else "服务器峰值内存：未知（仅 Linux 可测）",
        (
            f"CPU：服务器 {server_cpu:.1f} 秒（每个答案 {server_cpu / max(stats['acked'], 1) * 1000:.2f} ms），"
            if server_cpu is not None
            else "CPU：服务器未知，"
        )
        + f"模拟手机的客户端 {client_cpu:.1f} 秒；结束时系统负载 {load:.1f}（{os.cpu_count()} 核）"
        if load is not None
        else f"模拟手机的客户端 CPU {client_cpu:.1f} 秒",
    ]
