"""`python -m generator bench --grade`: wall time and peak memory of `grade` on a synthetic class, and wall
time of `exam`. Each command runs in its own process, and peak memory is that process's own maximum RSS
(os.wait4; interpreter and imports included), as a trainer's machine would see it. grade runs on the same
answers as CSV and as XLSX.
"""

from __future__ import annotations

import csv
import json
import os
import random
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


def measure(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one child process, from its own rusage (os.wait4):
    RUSAGE_CHILDREN would give the largest of every child so far, so a grade after a bigger exam would
    report the exam's memory. The child's peak starts at this process's own (Linux keeps the high-water
    mark across fork and exec), so keep the measuring process small. CPU time is given too because on a shared machine wall time measures the
    neighbours. RuntimeError with the child's output when it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            err.seek(0)
            out.seek(0)
            raise RuntimeError((err.read() or out.read()).decode("utf-8", "replace").strip())
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _run(args: list[str], cwd: Path) -> tuple[float, float, float]:
    """measure() of `python -m generator ARGS`."""
    return measure([sys.executable, "-m", "generator", *args], cwd)


def synthetic_xlsx(csv_path: Path, xlsx_path: Path) -> None:
    """The same answers as an XLSX laid out as Excel saves one (shared strings and a <dimension>; openpyxl's
    write-only mode writes inline strings and no dimension, which read several times slower)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "作答"
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    book.save(xlsx_path)


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
    # In a child: building the workbook takes a few hundred MB, and Linux carries a process's peak RSS
    # into the children it starts (fork/exec keep the high-water mark), so the grade runs below would
    # report this process's peak instead of their own.
    measure([sys.executable, "-c", "import sys; from pathlib import Path; from generator.grading.benchmark import "
             "synthetic_xlsx; synthetic_xlsx(Path(sys.argv[1]), Path(sys.argv[2]))", str(answers),
             str(work / "answers.xlsx")], root)
    for kind, path in (("CSV", answers), ("XLSX", work / "answers.xlsx")):
        size = path.stat().st_size / 1024 / 1024
        try:
            wall, cpu, peak = _run(["grade", str(work / "papers" / "key.json"), str(path),
                                    "--out", str(work / "results.csv"), "--report", str(work / "report.html")], work)
        except RuntimeError as error:
            lines.append(f"grade {kind}：失败（{error}）")
            continue
        verdict = "达标" if wall < TARGET_SECONDS and peak < TARGET_MB else "未达标"
        lines.append(f"grade {kind}（{size:.1f} MB）：{rows} 人 × {questions} 题，{wall:.2f} s（CPU {cpu:.2f} s），"
                     f"grade 进程峰值内存 {peak:.0f} MB（目标 < {TARGET_SECONDS:g} s、< {TARGET_MB} MB：{verdict}）")
    lines.append(f"临时文件：{work}")
    return lines
