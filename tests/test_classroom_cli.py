"""`python -m generator classroom` and `bench --classroom` from the command line: the two entry lines, Chinese
errors for a busy port and bad arguments, and the bench end to end with a handful of phones."""

from __future__ import annotations

import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.classroom.bench import free_port, run_classroom_bench, start_server
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_the_command_prints_both_entries_and_serves_the_phone_page(tmp_path):
    import httpx

    process, base, host_url = start_server(ROOT, tmp_path / "data", free_port(), 10)
    try:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/")
        assert host_url.startswith(f"{base}host?token=") and len(host_url.split("token=")[1]) >= 20
        page = httpx.get(base)
        assert page.status_code == 200 and "正在连接考试服务器" in page.text
        assert httpx.get(host_url).status_code == 200
    finally:
        process.kill()
        process.wait(10)
    assert (tmp_path / "data" / "classroom.sqlite3").is_file()


def test_a_busy_port_is_one_chinese_line(tmp_path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code = main(
            [
                "--root",
                str(ROOT),
                "classroom",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--data",
                str(tmp_path / "data"),
            ]
        )
    assert code == 1
    assert capsys.readouterr().err == (
        f"端口 {port} 已被占用（可能已经开着一个考试服务器）：请关闭它，或用 --port 换一个端口，"
        f"如 --port {port + 1}\n"
    )
    assert not (tmp_path / "data").exists()  # nothing drawn, nothing written


def test_bad_arguments_are_chinese(tmp_path, capsys):
    assert main(["--root", str(ROOT), "classroom", "--variants", "a,a", "--data", str(tmp_path)]) == 1
    assert "--variants 应为不重复的大写字母" in capsys.readouterr().err
    assert main(["--root", str(ROOT), "classroom", "--port", "70000", "--data", str(tmp_path)]) == 1
    assert capsys.readouterr().err == "端口应在 1 到 65535 之间（实际为 70000）\n"
    assert main(["--root", str(ROOT), "bench", "--classroom", "--phones", "5000"]) == 2
    assert "--phones 最多 1000" in capsys.readouterr().err


def test_bench_runs_end_to_end_with_a_handful_of_phones():
    # In a thread of its own: the bench runs its own event loop, and Playwright's sync API may already run
    # one in this thread when the browser tests went first.
    with ThreadPoolExecutor(1) as pool:
        lines = pool.submit(run_classroom_bench, ROOT, phones=3, answers=5, pause=(0.01, 0.05)).result(120)
    text = "\n".join(lines)
    assert "加入 3 部" in text and "交卷 3 部" in text
    assert "发送 15 次，确认 15，入库 15，丢失 0" in text
    assert "p99" in text and "服务器峰值内存：" in text


def test_an_unusable_data_folder_is_one_chinese_line(tmp_path, capsys):
    """A file where the folder should be, and a folder holding something that is not the exam database."""
    a_file = tmp_path / "名单.txt"
    a_file.write_text("x", encoding="utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "classroom.sqlite3").write_text("这不是数据库" * 100, encoding="utf-8")
    for data, reason in ((a_file, "这是一个文件，不是文件夹"), (broken, "不是考试数据库，或已损坏")):
        code = main(["--root", str(ROOT), "classroom", "--host", "127.0.0.1", "--data", str(data)])
        err = capsys.readouterr().err
        assert code == 1 and reason in err and "--data" in err
        words = err.replace("--data", "").replace(str(data), "")
        assert not any("a" <= char.lower() <= "z" for char in words)


def test_restarting_on_an_ended_sitting_says_so_under_the_entries(tmp_path):
    """The next class runs the same command: the trainer is told, next to the URLs, that trainees cannot join
    and that --new starts a new sitting."""
    import subprocess
    import sys
    import threading

    from generator.classroom.paper import draw_classroom_paper
    from generator.classroom.store import open_store
    from generator.site import load_project

    project = load_project(ROOT)
    store = open_store(tmp_path / "data")
    paper = draw_classroom_paper(project.bank, project.regulation, seed="7", variants=["A"], count=5)
    session = store.create_session(paper)
    store.open_exam(session.id)
    store.close_exam(session.id)
    store.close()
    command = [sys.executable, "-m", "generator", "--root", str(ROOT), "classroom", "--host", "127.0.0.1"]
    command += ["--port", str(free_port()), "--data", str(tmp_path / "data")]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8"
    )
    timer = threading.Timer(60, process.kill)
    timer.start()
    lines = []
    try:
        for line in process.stdout:
            lines.append(line)
            if line.startswith("按 Ctrl+C") or len(lines) > 100:
                break
    finally:
        timer.cancel()
        process.kill()
        process.wait(10)
    text = "".join(lines)
    entry = text.index("主持入口：")
    assert "这一场考试已经结束，学员不能再加入" in text[entry:] and "--new" in text[entry:]
