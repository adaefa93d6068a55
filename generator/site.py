"""The whole project as one model, and the generated pages built from it. No MkDocs imports here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .competition.config import Competition, load_competition
from .competition.page import PAGE as COMPETITION_PAGE
from .competition.page import render_competition_page
from .errors import SourceError, SourceErrors
from .quiz.bank import load_bank
from .quiz.model import Bank, question_chapter
from .quiz.pages import questions_per_article, render_bank_script, render_quiz_pages
from .quiz.summary import bank_summary
from .quiz.validate import validate_bank
from .study import pages as study_pages
from .study.compare import align, check_overrides, load_overrides, render_compare_page
from .study.deadlines import render_deadlines_page
from .study.flow import check_flow, render_flow_page
from .study.notes import StudyNotes, load_study
from .texts import pages
from .texts.crossrefs import CrossReference, find_references
from .texts.notice import Notice, parse_notice
from .texts.regulation import Regulation, parse_regulation

REGULATION = "sources/regulation-2022.md"
PREVIOUS_REGULATION = "sources/regulation-2005.md"
NOTICE = "sources/county-notice-2022.txt"
STUDY = "study"
FLOW = "study/flow.yml"
COMPARE = "study/compare.yml"
QUIZZES = "quizzes"
COMPETITION = "quizzes/competition.yml"


@dataclass
class Project:
    root: Path
    regulation: Regulation
    previous: Regulation
    notice: Notice
    references: list[CrossReference]
    notes: StudyNotes
    bank: Bank
    competition: Competition | None = None

    @property
    def titles(self) -> dict[int, str]:
        return self.notes.titles


def load_project(root: str | Path = ".") -> Project:
    """Read and validate every input under `root`; raise SourceErrors listing the problems."""
    root = Path(root)
    regulation = parse_regulation(root / REGULATION)
    previous = parse_regulation(root / PREVIOUS_REGULATION)
    notice = parse_notice(root / NOTICE)
    notes = load_study(root / STUDY, regulation, previous, notice)
    bank = load_bank(root / QUIZZES)
    problems = validate_bank(bank, regulation, notice)
    if problems:
        raise SourceErrors(problems)
    competition = load_competition_for(root, bank, regulation)
    return Project(root, regulation, previous, notice, find_references(regulation), notes, bank, competition)


def load_competition_for(root: Path, bank: Bank, regulation: Regulation) -> Competition:
    """quizzes/competition.yml with each round's pool resolved against the (valid) bank."""
    chapters = {question.id: question_chapter(question, regulation) for question in bank.questions}
    return load_competition(root / COMPETITION, bank.questions, chapters)


def watched_paths(root: str | Path = ".") -> list[Path]:
    """Folders whose changes should rebuild the site under `mkdocs serve`."""
    root = Path(root)
    return [root / folder for folder in ("sources", STUDY, QUIZZES) if (root / folder).exists()]


def render_pages(project: Project) -> dict[str, str]:
    """Path under docs/ → Markdown, for every generated page."""
    regulation, notes, titles = project.regulation, project.notes, project.titles
    result = {"regulation/index.md": pages.render_regulation_index(regulation, titles)}
    per_article = questions_per_article(project.bank)
    for chapter in regulation.chapters:
        page = pages.chapter_path(chapter.number)
        guide = pages.relative(page, study_pages.guide_path(chapter.number))
        practice = pages.relative(page, study_pages.practice_path(chapter.number))
        intro = [f"[本章导读]({guide}) · [本章练习]({practice})", "{: .xf-chapter-links }"]
        extras = {article.number: [f"[本条相关题目 {per_article[article.number]} 道]"
                                   f"({practice}#{article.anchor}){{: .xf-practice-link }}"]
                  for article in chapter.articles if per_article[article.number]}
        result[page] = pages.render_chapter(regulation, chapter.number, titles, project.references,
                                            extras, intro)
        result[study_pages.guide_path(chapter.number)] = study_pages.render_guide_page(
            chapter.number, notes, regulation, project.notice)
    result["guide/index.md"] = study_pages.render_guide_index(notes, regulation)
    result["notice.md"] = pages.render_notice(project.notice, study_pages.link_shorthand(notes, regulation))
    result["aids/glossary.md"] = study_pages.render_glossary_page(notes, regulation)
    result["aids/deadlines.md"] = render_deadlines_page(regulation, titles)
    flow, problems = check_flow(project.root / FLOW, regulation)
    if problems:
        raise SourceErrors(problems)
    result["aids/flow.md"] = render_flow_page(flow, regulation, titles)
    overrides = load_overrides(project.root / COMPARE, project.previous, regulation)
    comparison = align(project.previous, regulation, overrides)
    result["aids/compare.md"] = render_compare_page(comparison, notes.previous_titles, titles)
    result.update(render_quiz_pages(project.bank, regulation))
    if project.competition:
        result[COMPETITION_PAGE] = render_competition_page(project.competition)
    return result


def render_assets(project: Project, use_directory_urls: bool) -> dict[str, str]:
    """Generated non-page files: the bank the quiz engine reads (its links depend on the URL style)."""
    return {"assets/quiz-bank.js": render_bank_script(project.bank, project.regulation, use_directory_urls,
                                                      project.titles)}


def check_project(root: str | Path = ".") -> tuple[list[str], list[SourceError]]:
    """Read every input on its own so that one bad file does not hide problems in another.

    Returns one summary line per input that read cleanly, and every problem found."""
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

    regulation = attempt(lambda: parse_regulation(root / REGULATION))
    previous = attempt(lambda: parse_regulation(root / PREVIOUS_REGULATION))
    for path, read in ((REGULATION, regulation), (PREVIOUS_REGULATION, previous)):
        if read:
            items = sum(len(article.items) for article in read.articles)
            lines.append(f"{path}: 《{read.title}》{len(read.chapters)} 章 {len(read.articles)} 条 {items} 项，"
                         f"条文间引用 {len(find_references(read))} 处")
    notice = attempt(lambda: parse_notice(root / NOTICE))
    if notice:
        lines.append(_notice_summary(notice))
    if not (regulation and previous and notice):
        return lines, errors  # notes and questions are checked against the texts

    notes = attempt(lambda: load_study(root / STUDY, regulation, previous, notice))
    if notes:
        lines.append(f"{STUDY}/: 短标题 {len(notes.titles)}+{len(notes.previous_titles)} 条，"
                     f"导读 {len(notes.guides)} 章 {sum(len(g.points) for g in notes.guides)} 个要点，"
                     f"术语 {len(notes.glossary)} 个，通知简称 {len(notes.shorthand)} 个")
    flow_read = attempt(lambda: check_flow(root / FLOW, regulation))  # raises only on a non-YAML file
    if flow_read:
        flow, problems = flow_read
        errors.extend(problems)
        if not problems:
            lines.append(f"{FLOW}: 流程 {len(flow.steps)} 步")
    compare_read = attempt(lambda: check_overrides(root / COMPARE, previous, regulation))
    if compare_read:
        overrides, problems = compare_read
        errors.extend(problems)
        if not problems:
            counts = Counter(pair.status for pair in align(previous, regulation, overrides).pairs)
            lines.append(f"{COMPARE}: 人工确认 {len(overrides)} 处；新旧对照 "
                         + "、".join(f"{status} {count}" for status, count in counts.items()))
    bank = attempt(lambda: load_bank(root / QUIZZES))
    if bank:
        problems = validate_bank(bank, regulation, notice)
        errors.extend(problems)
        if not problems:
            lines.extend(bank_summary(bank, regulation))
            competition = attempt(lambda: load_competition_for(root, bank, regulation))
            if competition:
                lines.append(_competition_summary(competition))
    return lines, errors


def _competition_summary(competition: Competition) -> str:
    rounds = "、".join(f"{r.name}（{r.kind}，可抽 {len(r.ids)} 题）" for r in competition.rounds)
    return (f"{COMPETITION}: {competition.min_teams}–{competition.max_teams} 队，起始 {competition.base} 分；"
            f"{rounds}")


def _notice_summary(notice: Notice) -> str:
    names = {"rejoined": "接续分页断行", "bracket": "括号改全角", "bar": "删除多余“|”", "space": "删除多余空格"}
    kinds = Counter(repair.kind for repair in notice.repairs)
    repaired = "，".join(f"{names[kind]} {count}" for kind, count in kinds.items())
    subsections = sum(len(section.subsections) for section in notice.sections)
    return (f"{NOTICE}: {notice.number}，{len(notice.sections)} 部分 {subsections} 小节；"
            f"已修复：{repaired}")
