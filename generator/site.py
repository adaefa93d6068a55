"""The whole project as one model, and the generated pages built from it. No MkDocs imports here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import pages
from .crossrefs import CrossReference, find_references
from .notice import Notice, parse_notice
from .regulation import Regulation, parse_regulation

REGULATION = "sources/regulation-2022.md"
PREVIOUS_REGULATION = "sources/regulation-2005.md"
NOTICE = "sources/county-notice-2022.txt"


@dataclass
class Project:
    root: Path
    regulation: Regulation
    previous: Regulation
    notice: Notice
    references: list[CrossReference]
    titles: dict[int, str] = field(default_factory=dict)


def load_project(root: str | Path = ".") -> Project:
    """Read and validate every input under `root`; raise SourceError on the first bad one."""
    root = Path(root)
    regulation = parse_regulation(root / REGULATION)
    return Project(
        root=root,
        regulation=regulation,
        previous=parse_regulation(root / PREVIOUS_REGULATION),
        notice=parse_notice(root / NOTICE),
        references=find_references(regulation),
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
