"""The whole project as one model, and the generated pages built from it. No MkDocs imports here.

Which pages exist follows from which inputs are configured (generator.config.Inputs): the regulation gives
its text, table of contents and 时限速查; a previous regulation adds 新旧对照; the notice adds /notice/;
study notes add the guides, the glossary and the flow; question banks add practice, exam and 错题本.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .competition.config import COMPETITION_FILE, Competition, load_competition
from .competition.page import PAGE as COMPETITION_PAGE
from .competition.page import render_competition_page
from .config import Inputs, project_inputs
from .errors import SourceError, SourceErrors, display_path
from .quiz.audit import bank_report
from .quiz.bank import load_bank
from .quiz.model import Bank, question_chapter
from .quiz.pages import (
    SUMMARY_SCRIPT,
    questions_per_article,
    render_bank_script,
    render_quiz_pages,
    render_summary_script,
)
from .quiz.summary import bank_summary
from .quiz.validate import validate_bank
from .study import pages as study_pages
from .study.compare import align, check_overrides
from .study.compare_page import render_compare_page
from .study.deadlines import render_deadlines_page
from .study.flow import check_flow, render_flow_page
from .study.notes import StudyNotes, load_study
from .texts import pages
from .texts.crossrefs import CrossReference, find_references
from .texts.notice import Notice, parse_notice
from .texts.regulation import Regulation, parse_regulation

FLOW = "flow.yml"
COMPARE = "compare.yml"
# Pages this generator may write; a nav entry pointing at one that this configuration does not generate is
# dropped, so that a site without, say, question banks has no dangling menu entries.
GENERATED_PREFIXES = ("regulation/", "guide/", "aids/", "practice/")
GENERATED_PAGES = ("notice.md", "exam.md", "review.md", "competition.md")
# Styles every generated page needs (article layout, aids, printing), shipped in generator/assets; quiz
# styles load only on quiz pages (overrides/main.html).
SITE_CSS = ("assets/site.css", "assets/aids.css", "assets/print.css")
# Scripts every page needs: print.js adds 打印本条 to chapter pages and 打印本章题目 to practice pages.
SITE_JS = ("assets/print.js",)


@dataclass
class Project:
    inputs: Inputs
    regulation: Regulation
    previous: Regulation | None
    notice: Notice | None
    references: list[CrossReference]
    notes: StudyNotes | None
    bank: Bank | None
    competition: Competition | None = None

    @property
    def titles(self) -> dict[int, str]:
        return self.notes.titles if self.notes else {}

    @property
    def previous_titles(self) -> dict[int, str]:
        return self.notes.previous_titles if self.notes else {}


def load_project(inputs: Inputs | str | Path = ".") -> Project:
    """Read and validate every configured input; raise SourceErrors listing the problems.

    `inputs` may be a project root holding mkdocs.yml (the CLI's --root)."""
    if not isinstance(inputs, Inputs):
        inputs = project_inputs(inputs)
    regulation = parse_regulation(inputs.regulation)
    previous = parse_regulation(inputs.previous_regulation) if inputs.previous_regulation else None
    notice = parse_notice(inputs.notice) if inputs.notice else None
    notes = load_study(inputs.study_dir, regulation, previous, notice) if inputs.study_dir else None
    bank = None
    if inputs.quizzes_dir:
        bank = load_bank(inputs.quizzes_dir)
        problems = validate_bank(bank, regulation, notice)
        if problems:
            raise SourceErrors(problems)
    competition = load_competition_for(inputs.quizzes_dir, bank, regulation) if bank else None
    return Project(inputs, regulation, previous, notice, find_references(regulation), notes, bank,
                   competition)


def load_competition_for(quizzes: Path, bank: Bank, regulation: Regulation) -> Competition | None:
    """The competition settings in the banks' folder (None when there are none), with each round's pool
    resolved against the (valid) bank; SourceErrors when they are wrong."""
    path = quizzes / COMPETITION_FILE
    if not path.is_file():
        return None
    chapters = {question.id: question_chapter(question, regulation) for question in bank.questions}
    return load_competition(path, bank.questions, chapters)


def is_generated_page(path: str) -> bool:
    """True for docs paths this generator owns (whether or not this configuration generates them)."""
    return path.startswith(GENERATED_PREFIXES) or path in GENERATED_PAGES


def render_pages(project: Project) -> dict[str, str]:
    """Path under docs/ → Markdown, for every generated page of the configured inputs."""
    result = {"regulation/index.md": pages.render_regulation_index(project.regulation, project.titles)}
    result.update(_chapter_pages(project))
    result["aids/deadlines.md"] = render_deadlines_page(project.regulation, project.titles)
    if project.notice:
        link_phrases = study_pages.link_shorthand(project.notes, project.regulation) if project.notes else None
        result["notice.md"] = pages.render_notice(project.notice, link_phrases)
    if project.notes:
        result.update(_study_pages(project))
    if project.previous:
        overrides = []
        if project.inputs.study_dir:
            overrides, problems = check_overrides(project.inputs.study_dir / COMPARE, project.previous,
                                                  project.regulation)
            if problems:
                raise SourceErrors(problems)
        comparison = align(project.previous, project.regulation, overrides)
        result["aids/compare.md"] = render_compare_page(comparison, project.previous_titles, project.titles)
    if project.bank:
        result.update(render_quiz_pages(project.bank, project.regulation, has_notice=bool(project.notice)))
    if project.competition:
        result[COMPETITION_PAGE] = render_competition_page(project.competition)
    return result


def _chapter_pages(project: Project) -> dict[str, str]:
    regulation, titles = project.regulation, project.titles
    per_article = questions_per_article(project.bank) if project.bank else Counter()
    result = {}
    for chapter in regulation.chapters:
        page = pages.chapter_path(chapter.number)
        practice = pages.relative(page, study_pages.practice_path(chapter.number))
        links = []
        if project.notes:
            links.append(f"[本章导读]({pages.relative(page, study_pages.guide_path(chapter.number))})")
        if project.bank:
            links.append(f"[本章练习]({practice})")
        intro = [" · ".join(links), "{: .xf-chapter-links }"] if links else []
        extras = {article.number: [f"[本条相关题目 {per_article[article.number]} 道]"
                                   f"({practice}#{article.anchor}){{: .xf-practice-link }}"]
                  for article in chapter.articles if per_article[article.number]}
        result[page] = pages.render_chapter(regulation, chapter.number, titles, project.references,
                                            extras, intro)
    return result


def _study_pages(project: Project) -> dict[str, str]:
    regulation, notes = project.regulation, project.notes
    result = {}
    for chapter in regulation.chapters:
        result[study_pages.guide_path(chapter.number)] = study_pages.render_guide_page(
            chapter.number, notes, regulation, project.notice, practice=bool(project.bank))
    result["guide/index.md"] = study_pages.render_guide_index(notes, regulation)
    result["aids/glossary.md"] = study_pages.render_glossary_page(notes, regulation)
    flow, problems = check_flow(project.inputs.study_dir / FLOW, regulation)
    if problems:
        raise SourceErrors(problems)
    result["aids/flow.md"] = render_flow_page(flow, regulation, project.titles)
    return result


def render_assets(project: Project, use_directory_urls: bool) -> dict[str, str]:
    """Generated non-page files: the bank the quiz pages read, and the small summary the home page reads
    (their links depend on the URL style)."""
    if not project.bank:
        return {}
    return {"assets/quiz-bank.js": render_bank_script(project.bank, project.regulation, use_directory_urls,
                                                      project.titles),
            SUMMARY_SCRIPT: render_summary_script(project.bank, project.regulation, use_directory_urls)}


def check_project(inputs: Inputs | str | Path = ".", warnings: list[SourceError] | None = None
                  ) -> tuple[list[str], list[SourceError]]:
    """Read every input on its own so that one bad file does not hide problems in another.

    `inputs` may be a project root holding mkdocs.yml. Returns one summary line per input that read
    cleanly, and every problem found; what is suspicious but not wrong (an empty bank file) is appended to
    `warnings` when a list is given."""
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

    if not isinstance(inputs, Inputs):
        inputs = attempt(lambda: project_inputs(inputs))
        if inputs is None:
            return lines, errors
    regulation = attempt(lambda: parse_regulation(inputs.regulation))
    previous = attempt(lambda: parse_regulation(inputs.previous_regulation)) if inputs.previous_regulation \
        else None
    for path, read in ((inputs.regulation, regulation), (inputs.previous_regulation, previous)):
        if read:
            items = sum(len(article.items) for article in read.articles)
            lines.append(f"{display_path(path)}: 《{read.title}》{len(read.chapters)} 章 {len(read.articles)} 条 "
                         f"{items} 项，条文间引用 {len(find_references(read))} 处")
    notice = attempt(lambda: parse_notice(inputs.notice)) if inputs.notice else None
    if notice:
        lines.append(_notice_summary(notice, inputs.notice))
    texts_read = regulation and (previous or not inputs.previous_regulation) and (notice or not inputs.notice)
    if not texts_read:
        # Notes and questions are checked against the texts: against a broken text every citation would fail.
        unchecked = [f"{display_path(folder)}/" for folder in (inputs.study_dir, inputs.quizzes_dir) if folder]
        if unchecked:
            lines.append(f"{' 和 '.join(unchecked)} 未检查：它们要与条例和通知核对，请先改正条例或通知的问题。")
        return lines, errors

    if inputs.study_dir:
        lines += _check_study(inputs, regulation, previous, notice, attempt, errors)
    if inputs.quizzes_dir:
        bank = attempt(lambda: load_bank(inputs.quizzes_dir))
        if bank:
            if warnings is not None:
                warnings.extend(bank.warnings)
            problems = validate_bank(bank, regulation, notice)
            if not problems:
                # What the 题库 checker finds contradicted by the texts (a flipped judge item) stops the bank too.
                from .lint import disagreements
                problems = disagreements(bank.questions, regulation, notice, previous)
            errors.extend(problems)
            if not problems:
                lines.extend(bank_summary(bank, regulation))
                report, report_warnings = bank_report(bank)
                lines.extend(report + report_warnings)
                competition = attempt(lambda: load_competition_for(inputs.quizzes_dir, bank, regulation))
                if competition:
                    lines.append(_competition_summary(competition, inputs.quizzes_dir / COMPETITION_FILE))
    return lines, errors


def _competition_summary(competition: Competition, path: Path) -> str:
    rounds = "、".join(f"{r.name}（{r.kind}，可抽 {len(r.ids)} 题）" for r in competition.rounds)
    return (f"{display_path(path)}: {competition.min_teams}–{competition.max_teams} 队，"
            f"起始 {competition.base} 分；{rounds}")


def _check_study(inputs: Inputs, regulation, previous, notice, attempt, errors) -> list[str]:
    lines = []
    study = inputs.study_dir
    notes = attempt(lambda: load_study(study, regulation, previous, notice))
    if notes:
        lines.append(f"{display_path(study)}/: 短标题 {len(notes.titles)}+{len(notes.previous_titles)} 条，"
                     f"导读 {len(notes.guides)} 章 {sum(len(g.points) for g in notes.guides)} 个要点，"
                     f"术语 {len(notes.glossary)} 个，通知简称 {len(notes.shorthand)} 个")
    flow_read = attempt(lambda: check_flow(study / FLOW, regulation))  # raises only on a non-YAML file
    if flow_read:
        flow, problems = flow_read
        errors.extend(problems)
        if not problems:
            lines.append(f"{display_path(study / FLOW)}: 流程 {len(flow.steps)} 步")
    if previous:
        compare_read = attempt(lambda: check_overrides(study / COMPARE, previous, regulation))
        if compare_read:
            overrides, problems = compare_read
            errors.extend(problems)
            if not problems:
                counts = Counter(pair.status for pair in align(previous, regulation, overrides).pairs)
                lines.append(f"{display_path(study / COMPARE)}: 人工确认 {len(overrides)} 处；新旧对照 "
                             + "、".join(f"{status} {count}" for status, count in counts.items()))
    return lines


def _notice_summary(notice: Notice, path: Path) -> str:
    names = {"rejoined": "接续分页断行", "bracket": "括号改全角", "bar": "删除多余“|”", "space": "删除多余空格"}
    kinds = Counter(repair.kind for repair in notice.repairs)
    repaired = "，".join(f"{names[kind]} {count}" for kind, count in kinds.items())
    subsections = sum(len(section.subsections) for section in notice.sections)
    return (f"{display_path(path)}: {notice.number}，{len(notice.sections)} 部分 {subsections} 小节；"
            f"已修复：{repaired}")
