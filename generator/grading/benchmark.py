"""`python -m generator bench --grade`: wall time and peak memory of `grade` on a synthetic class, and wall
time of `exam`. Each command runs in its own process, so peak memory is that process's maximum RSS
(interpreter and imports included), as a trainer's machine would see it.
"""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS, TARGET_MB = 5.0, 300


def synthetic_answers(key: dict, rows: int, path: Path, seed: int = 0) -> None:
    """`rows` people answering the key's questions: each has an ability, a question its difficulty, so the
    statistics have something to find; a few leave answers blank."""
    rand = random.Random(seed)
    variants = list(key["variants"])
    count = len(key["variants"][variants[0]])
    hardness = [rand.uniform(-1.5, 1.5) for _ in range(count)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["姓名", "工号", "单位", "卷型", *range(1, count + 1)])
        for index in range(rows):
            variant = rand.choice(variants)
            ability = rand.gauss(0, 1)
            cells = []
            for item, hard in zip(key["variants"][variant], hardness, strict=True):
                right = rand.random() < 1 / (1 + 2.718 ** (hard - ability))
                cells.append("" if rand.random() < 0.02 else _answer(item, right, rand))
            writer.writerow([f"学员{index:05d}", f"{index:07d}", f"单位{index % 40}", variant, *cells])


def _answer(item: dict, right: bool, rand: random.Random) -> str:
    letters = "ABCDEFGH"[:len(item["options"])]
    if item["type"] == "single":
        return item["answer"] if right else rand.choice([c for c in letters if c != item["answer"]])
    if item["type"] == "multiple":
        return item["answer"] if right else item["answer"][:-1]
    if item["type"] == "judge":
        return item["answer"] if right else ("错" if item["answer"] == "对" else "对")
    return "|".join(variants[0] for variants in item["answer"]) if right else "不知道"


def _run(args: list[str], cwd: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of `python -m generator ARGS` in a child process. CPU time
    is given too because on a shared machine wall time measures the neighbours."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                            check=False)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip() or result.stdout.strip())
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, usage.ru_utime + usage.ru_stime - cpu_before, max(usage.ru_maxrss, before) / 1024


def run_grade_bench(root: Path, rows: int = 10_000, questions: int = 100) -> list[str]:
    """Lines for the closing note: exam (2 variants × `questions`, without and with PDF), then grade on
    `rows` synthetic people."""
    root = Path(root).resolve()
    work = Path(tempfile.mkdtemp(prefix="xf-bench-"))
    lines = [f"负载：{' '.join(f'{x:.1f}' for x in os.getloadavg())}（1/5/15 分钟平均），{os.cpu_count()} 核"]
    try:
        wall, cpu, _ = _run(["--root", str(root), "exam", "--count", str(questions), "--seed", "bench",
                             "--variants", "A,B", "--out", str(work / "papers")], root)
    except RuntimeError as error:
        return [*lines, f"exam：失败（{error}）"]
    lines.append(f"exam：2 卷 × {questions} 题，{wall:.2f} s（CPU {cpu:.2f} s；含读题库、字体子集化）")
    try:
        wall, cpu, _ = _run(["--root", str(root), "exam", "--count", str(questions), "--seed", "bench",
                             "--variants", "A,B", "--out", str(work / "papers-pdf"), "--pdf"], root)
        lines.append(f"exam --pdf：{wall:.2f} s（CPU {cpu:.2f} s；含 Chromium 打印 3 个 PDF）")
    except RuntimeError as error:
        lines.append(f"exam --pdf：未测（{error}）")
    key = json.loads((work / "papers" / "key.json").read_text(encoding="utf-8"))
    answers = work / "answers.csv"
    synthetic_answers(key, rows, answers)
    try:
        wall, cpu, peak = _run(["grade", str(work / "papers" / "key.json"), str(answers),
                                "--out", str(work / "results.csv"), "--report", str(work / "report.html")], work)
    except RuntimeError as error:
        return [*lines, f"grade：失败（{error}）"]
    verdict = "达标" if wall < TARGET_SECONDS and peak < TARGET_MB else "未达标"
    lines.append(f"grade：{rows} 人 × {questions} 题，{wall:.2f} s（CPU {cpu:.2f} s），峰值内存 {peak:.0f} MB"
                 f"（目标 < {TARGET_SECONDS:g} s、< {TARGET_MB} MB：{verdict}）")
    lines.append(f"临时文件：{work}")
    return lines
