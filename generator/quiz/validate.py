"""Grounding: every citation of a question exists, and what it quotes or asks for is in the cited text."""

from __future__ import annotations

from ..errors import SourceError
from ..texts.grounding import appears_in, numbers, quotations
from ..texts.notice import Notice
from ..texts.numerals import to_chinese_number
from ..texts.regulation import Regulation
from .model import Bank, Question


def validate_bank(bank: Bank, regulation: Regulation, notice: Notice | None) -> list[SourceError]:
    """Grounding: every citation exists, and what a question quotes or asks for is in the cited text."""
    errors: list[SourceError] = []
    for question in bank.questions:
        errors += _validate_question(question, regulation, notice)
    return errors


def _validate_question(question: Question, regulation: Regulation, notice: Notice | None) -> list[SourceError]:
    errors: list[SourceError] = []

    def fail(name: str, reason: str) -> None:
        errors.append(SourceError(question.path, question.line_of(name), f"{question.id}: {reason}"))

    total = len(regulation.articles)
    for number in question.articles:
        if not _has_article(regulation, number):
            fail("articles", f"第{_chinese(number)}条不存在（条例共{to_chinese_number(total)}条）")
    if question.notice is not None and notice is None:
        fail("notice", f"引用了通知“{question.notice}”，但网站配置中没有通知（mkdocs.yml 的 notice）：通知中没有可核对的原文")
    elif question.notice is not None and question.notice not in notice.section_keys():
        fail("notice", f"通知中没有“{question.notice}”部分（可用：{'、'.join(notice.section_keys())}）")
    if errors:
        return errors  # without a valid citation there is no text to check against

    cited = cited_text(question, regulation, notice)
    for problem in _grounding_problems(question, cited):
        fail(*problem)
    return errors


def cited_text(question: Question, regulation: Regulation, notice: Notice) -> str:
    """The text a question is grounded in: its articles' wording, then its notice section."""
    parts = [regulation.article(number).text for number in question.articles]
    if question.notice is not None:
        parts.append(notice.section_text(question.notice))
    if question.front_matter:
        parts.append(front_matter_text(regulation))
    return "\n".join(parts)


def front_matter_text(regulation: Regulation) -> str:
    """The regulation's front matter as sentences a question can be checked against, one per line:
    "中共中央、国务院发布", "2022年1月24日中共中央政治局会议审议批准", "2022年2月25日印发", "2022年5月1日起施行".
    A date's meaning comes from its comment in the source (meta_notes) when it has one."""
    meta, notes = regulation.meta, regulation.meta_notes
    lines = [f"{meta['issuer']}发布"] if meta.get("issuer") else []
    for key, default in (("approved", "审议批准"), ("adopted", "通过"), ("issued", "印发"),
                         ("effective", "起施行")):
        if meta.get(key):
            lines.append(_chinese_date(meta[key]) + notes.get(key, default))
    return "\n".join(lines)


def _chinese_date(value) -> str:
    year, month, day = str(value)[:10].split("-")
    return f"{year}年{int(month)}月{int(day)}日"


def _grounding_problems(question: Question, cited: str) -> list[tuple[str, str]]:
    problems = []
    if question.type == "fill":
        for index, variants in enumerate(question.answer, start=1):
            if not appears_in(variants[0], cited):
                problems.append(("answer", f"第{index}空的答案“{variants[0]}”在所引原文中找不到"))
    digit_sources = {"judge": ("stem", question.stem), "single": ("answer", question.answer)}
    if question.type in digit_sources:
        name, text = digit_sources[question.type]
        cited_numbers = set(numbers(cited))
        for number in dict.fromkeys(numbers(text)):
            if number not in cited_numbers:
                where = "题干" if name == "stem" else "答案"
                problems.append((name, f"{where}中的数字“{number}”在所引原文中找不到"))
    for name in ("stem", "explanation"):
        for quote in quotations(getattr(question, name)):
            if not appears_in(quote, cited):
                where = "题干" if name == "stem" else "解析"
                problems.append((name, f"{where}引号内的“{quote}”不是所引原文的原话"))
    return problems


def _has_article(regulation: Regulation, number: int) -> bool:
    try:
        regulation.article(number)
    except KeyError:
        return False
    return True


def _chinese(number: int) -> str:
    return to_chinese_number(number) if 0 < number < 1000 else str(number)
