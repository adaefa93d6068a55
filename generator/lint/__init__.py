"""题库校对 (`python -m generator lint FILE`): check a question bank someone else wrote against the official text.

readers.py reads the bank (YAML, JSON, CSV, text); locate.py cuts the 2022 regulation, the county notice and
the 2005 regulation into passages; blanks.py and statement.py compare a question with a passage, numbers.py a
number with the one the text gives for the same matter, editions.py a statement about 2005 with that text,
grounding.py a case's options with the provisions the question cites (or the 款 and 项 its explanation cites),
changes.py a statement that is a cited provision with one word put for another; judge.py decides 一致 / 与原文不符 /
无法核对; report.py prints or writes the result.
"""

from __future__ import annotations

from pathlib import Path

from .judge import WRONG, Verdict, lint_questions
from .locate import load_corpus
from .readers import read_bank


def lint_file(path: str | Path, root: str | Path = ".") -> list[Verdict]:
    """One verdict per question of the bank at `path`, checked against the texts under `root`.

    Raises SourceError (file, line, reason) when the bank or a text cannot be read.
    """
    questions = read_bank(path)
    return lint_questions(questions, load_corpus(root))


def has_disagreement(verdicts: list[Verdict]) -> bool:
    return any(verdict.status == WRONG for verdict in verdicts)
