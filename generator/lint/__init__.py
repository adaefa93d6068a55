"""题库校对 (`python -m generator lint FILE`): check a question bank someone else wrote against the official text.

readers.py reads the bank (YAML, JSON, CSV, text); locate.py cuts the 2022 regulation, the county notice and
the 2005 regulation into passages; blanks.py and statement.py compare a question with a passage, numbers.py a
number with the one the text gives for the same matter, editions.py a statement about 2005 with that text,
grounding.py a case's options with the provisions the question cites (or the 款 and 项 its explanation cites),
changes.py a statement that is a cited provision with one word put for another (or another doer, another 款's
consequence, a skipped step), presence.py what an article has or lists, starts.py when a period starts, document.py
the notice's 文号 and 发文机关; words.py holds the word classes they compare by; judge.py decides 一致 / 与原文不符 /
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


def disagreements(questions, regulation, notice, previous=None) -> list:
    """The site's own questions (quiz.model.Question) that lint finds 与原文不符, as SourceErrors
    (file, the answer's line, "id: 与原文不符（条文）：reason") for `check`: a key the texts contradict — a
    flipped judge item, a fill that is not the text's word — must not reach the site (DESIGN: a wrong
    answer is worse than no question). `regulation`, `notice` (or None) and `previous` (the 2005
    regulation, or None) are the parsed texts the bank was validated against."""
    from ..errors import SourceError
    from .locate import OLD_EDITION, build_corpus
    from .questions import LintQuestion

    corpus = build_corpus(regulation, notice)
    if previous is not None:
        corpus.older = build_corpus(previous, None, OLD_EDITION)
    found = []
    for question in questions:
        answer = question.answer
        if question.type == "fill":
            answer = [str(blank[0]) if isinstance(blank, list) and blank else str(blank) for blank in answer]
        linted = LintQuestion(question.id, question.path, question.line_of("answer"), question.type, question.stem,
                              list(question.options), answer, list(question.articles), question.notice)
        verdict = lint_questions([linted], corpus)[0]
        if verdict.status == WRONG:
            where = f"（{verdict.where}）" if verdict.where else ""
            found.append(SourceError(question.path, linted.line, f"{question.id}: 与原文不符{where}：{verdict.reason}"))
    return found
