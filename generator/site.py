"""The whole project as one model, and the generated pages built from it. No MkDocs imports here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import pages
from .bank import Bank, bank_summary, load_bank, validate_bank
from .crossrefs import CrossReference, find_references
from .errors import SourceError, SourceErrors
from .notice import Notice, parse_notice
from .regulation import Regulation, parse_regulation

REGULATION = "sources/regulation-2022.md"
PREVIOUS_REGULATION = "sources/regulation-2005.md"
NOTICE = "sources/county-notice-2022.txt"
QUIZZES = "quizzes"


@dataclass
class Project:
    root: Path
    regulation: Regulation
    previous: Regulation
    notice: Notice
    references: list[CrossReference]
    bank: Bank
    titles: dict[int, str] = field(default_factory=dict)


def load_project(root: str | Path = ".") -> Project:
    """Read and validate every input under `root`; raise SourceError/SourceErrors on bad input."""
    root = Path(root)
    regulation = parse_regulation(root / REGULATION)
    notice = parse_notice(root / NOTICE)
    bank = load_bank(root / QUIZZES)
    problems = validate_bank(bank, regulation, notice)
    if problems:
        raise SourceErrors(problems)
    return Project(
        root=root,
        regulation=regulation,
        previous=parse_regulation(root / PREVIOUS_REGULATION),
        notice=notice,
        references=find_references(regulation),
        bank=bank,
    )


def watched_paths(root: str | Path = ".") -> list[Path]:
    """Folders whose changes should rebuild the site under `mkdocs serve`."""
    root = Path(root)
    return [path for path in (root / "sources", root / "study", root / "quizzes") if path.exists()]


def render_pages(project: Project) -> dict[str, str]:
    """Path under docs/ → Markdown, for every generated page."""
    regulation = project.regulation
    result = {"regulation/index.md": pages.render_regulation_index(regulation, project.titles)}
    for chapter in regulation.chapters:
        result[pages.chapter_path(chapter.number)] = pages.render_chapter(
            regulation, chapter.number, project.titles, project.references)
    result["notice.md"] = pages.render_notice(project.notice)
    return result


def check_project(root: str | Path = ".") -> tuple[list[str], list[SourceError]]:
    """Read every input on its own so that one bad file does not hide problems in another.

    Returns one summary line per file that read cleanly, and every problem found."""
    root = Path(root)
    lines: list[str] = []
    errors: list[SourceError] = []

    def attempt(read):
        try:
            return read()
        except SourceError as error:
            errors.append(error)
        except SourceErrors as many:
            errors.extend(many.errors)
        return None

    for path in (REGULATION, PREVIOUS_REGULATION):
        regulation = attempt(lambda: parse_regulation(root / path))
        if regulation:
            references = find_references(regulation)
            items = sum(len(article.items) for article in regulation.articles)
            lines.append(f"{path}: 《{regulation.title}》{len(regulation.chapters)} 章 "
                         f"{len(regulation.articles)} 条 {items} 项，条文间引用 {len(references)} 处")
    notice = attempt(lambda: parse_notice(root / NOTICE))
    if notice:
        kinds = {}
        for repair in notice.repairs:
            kinds[repair.kind] = kinds.get(repair.kind, 0) + 1
        names = {"rejoined": "接续分页断行", "bracket": "括号改全角", "bar": "删除多余“|”", "space": "删除多余空格"}
        repaired = "，".join(f"{names[k]} {n}" for k, n in kinds.items())
        subsections = sum(len(s.subsections) for s in notice.sections)
        lines.append(f"{NOTICE}: {notice.number}，{len(notice.sections)} 部分 {subsections} 小节；"
                     f"已修复：{repaired}")
    regulation = attempt(lambda: parse_regulation(root / REGULATION))
    bank = attempt(lambda: load_bank(root / QUIZZES))
    if bank and regulation and notice:
        problems = validate_bank(bank, regulation, notice)
        errors.extend(problems)
        if not problems:
            lines.extend(bank_summary(bank, regulation))
    return lines, errors
