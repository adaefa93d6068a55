"""Read the county notice (柞信联发〔2022〕3号) from its raw text, repairing the extraction defects in code.

The raw file is text pulled from a printed document (see sources/README.md): paragraphs are cut at page ends,
subsection brackets are sometimes half-width (`(三) `), a stray `|` stands before one heading, and the sender/date
block appears twice (signature, then the 印发 line). None of that is edited in the file; it is repaired here,
and every repair is recorded so `check` can report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError, display_path, read_text
from .numerals import NUMERAL_CHARS, parse_chinese_number, to_chinese_number

SECTION_RE = re.compile(rf"^([{NUMERAL_CHARS}]+)、(.+)$")
# `|(三)制定…`, `(三) 要深刻…`, `（一）要深刻…`: the bar, the half-width brackets and the space are artefacts.
SUBSECTION_RE = re.compile(rf"^(\|?)([（(])([{NUMERAL_CHARS}]+)([)）])(\s*)(.*)$")
NUMBER_RE = re.compile(r"^\S+〔\d{4}〕\d+号$")
DATE_RE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
PRINT_RE = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日)印发$")
# A paragraph that ends in none of these was cut at a page end and goes on in the next line.
PARAGRAPH_END = "。：；！？"


@dataclass
class Repair:
    line: int
    kind: str  # "rejoined" | "bracket" | "bar" | "space"
    detail: str


@dataclass
class NoticeSection:
    key: str  # "二" or "二（四）": the citation key used by question banks and notes
    label: str  # "二、" or "（四）"
    title: str  # section heading, or the subsection's lead sentence
    line: int
    paragraphs: list[str] = field(default_factory=list)  # before any subsection
    subsections: list[NoticeSection] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)  # after the subsections (二's 全县各镇办… paragraph)

    def text(self) -> str:
        parts = [self.label + self.title, *self.paragraphs]
        parts += [sub.text() for sub in self.subsections]
        parts += self.closing
        return "\n".join(parts)


@dataclass
class Notice:
    path: str
    header: str  # 文头: 柞水县信访工作联席会议文件
    number: str  # 文号: 柞信联发〔2022〕3号
    title: str
    addressees: str  # 主送
    preamble: list[str]  # 导语
    sections: list[NoticeSection]
    closing: list[str]  # 结语
    signature: str  # 落款
    date: str
    print_issuer: str  # the print line: 柞水县信访工作联席会议 … 2022年5月7日印发
    print_date: str
    repairs: list[Repair]

    def all_sections(self) -> list[NoticeSection]:
        return [s for section in self.sections for s in (section, *section.subsections)]

    def section_keys(self) -> list[str]:
        return ["文头", "导语", *[s.key for s in self.all_sections()], "结语", "落款"]

    def section_text(self, key: str) -> str:
        """The text a citation such as "二（四）", "导语" or "落款" stands for."""
        special = {
            "文头": "\n".join([self.header, self.number, self.title, self.addressees]),
            "导语": "\n".join(self.preamble),
            "结语": "\n".join(self.closing),
            "落款": "\n".join([self.signature, self.date, self.print_issuer, self.print_date + "印发"]),
        }
        if key in special:
            return special[key]
        for section in self.all_sections():
            if section.key == key:
                return section.text()
        raise KeyError(key)

    def body_text(self) -> str:
        """Every part of the notice, repaired, in reading order."""
        return "\n".join(self.section_text(key) for key in ["文头", "导语"]) + "\n" + "\n".join(
            [s.text() for s in self.sections] + self.closing
            + [self.section_text("落款")])


def parse_notice(path: str | Path) -> Notice:
    """Read the raw notice; raise SourceError (file, line, reason) if its layout is not recognised."""
    path = Path(path)
    shown = display_path(path)
    raw = [(i + 1, line.strip()) for i, line in enumerate(read_text(path).splitlines())]
    lines = [(no, text) for no, text in raw if text]
    if len(lines) < 9:
        raise SourceError(shown, None, "通知内容过短，无法识别文头、正文和落款")
    repairs: list[Repair] = []

    (header_line, header), (number_line, number), (title_line, title), (to_line, addressees) = lines[:4]
    if not header.endswith("文件"):
        raise SourceError(shown, header_line, f"第一行应为文头（……文件），实际为“{header}”")
    if not NUMBER_RE.match(number):
        raise SourceError(shown, number_line, f"第二行应为文号（如 柞信联发〔2022〕3号），实际为“{number}”")
    if not addressees.endswith("："):
        raise SourceError(shown, to_line, f"主送机关应以“：”结尾，实际为“{addressees}”")
    clean_title = re.sub(r"\s+", "", title)
    if clean_title != title:
        repairs.append(Repair(title_line, "space", "删除标题中的折行空格"))

    (sign_line, signature), (date_line, date), (issuer_line, issuer), (print_line, printed) = lines[-4:]
    print_match = PRINT_RE.match(printed)
    if not print_match:
        raise SourceError(shown, print_line, f"最后一行应为印发日期（……印发），实际为“{printed}”")
    if not DATE_RE.match(date):
        raise SourceError(shown, date_line, f"落款日期应为“2022年5月7日”形式，实际为“{date}”")
    if signature != issuer:
        raise SourceError(shown, issuer_line, f"印发机关“{issuer}”与落款“{signature}”不一致")

    body = _rejoin_page_breaks(lines[4:-4], repairs)
    preamble, sections, closing = _read_sections(body, shown, repairs)
    return Notice(shown, header, number, clean_title, addressees, preamble, sections, closing,
                  signature, date, issuer, print_match.group(1), repairs)


def _is_heading(text: str) -> bool:
    return bool(SECTION_RE.match(text)) and not text.endswith(tuple(PARAGRAPH_END))


def _rejoin_page_breaks(lines: list[tuple[int, str]], repairs: list[Repair]) -> list[tuple[int, str]]:
    joined: list[tuple[int, str]] = []
    for no, text in lines:
        previous = joined[-1][1] if joined else ""
        if previous and not _is_heading(previous) and not previous.endswith(tuple(PARAGRAPH_END)):
            repairs.append(Repair(no, "rejoined", f"接续上一页：“{previous[-6:]}”+“{text[:6]}”"))
            joined[-1] = (joined[-1][0], previous + text)
        else:
            joined.append((no, text))
    return joined


def _read_sections(body, shown, repairs):
    preamble: list[str] = []
    sections: list[NoticeSection] = []
    for no, text in body:
        section_match = SECTION_RE.match(text) if _is_heading(text) else None
        sub_match = SUBSECTION_RE.match(text)
        if section_match:
            label = section_match.group(1)
            _check_sequence(shown, no, label, len(sections) + 1, "{}、")
            sections.append(NoticeSection(label, label + "、", section_match.group(2), no))
        elif sub_match:
            if not sections:
                raise SourceError(shown, no, f"小标题“{text[:10]}…”出现在任何一级标题（一、…）之前")
            bar, open_, numeral, close, space, rest = sub_match.groups()
            if bar:
                repairs.append(Repair(no, "bar", "删除小标题前多余的“|”"))
            if (open_, close) != ("（", "）"):
                repairs.append(Repair(no, "bracket", f"“{open_}{numeral}{close}”改为全角括号"))
            if space:
                repairs.append(Repair(no, "space", "删除小标题括号后的空格"))
            lead, sep, after = rest.partition("。")
            parent = sections[-1]
            _check_sequence(shown, no, numeral, len(parent.subsections) + 1, "（{}）", parent.label,
                            len(sections) + 1)
            sub = NoticeSection(f"{parent.key}（{numeral}）", f"（{numeral}）", lead + sep, no)
            if after:
                sub.paragraphs.append(after)
            parent.subsections.append(sub)
        elif not sections:
            preamble.append(text)
        elif sections[-1].subsections:
            sections[-1].closing.append(text)
        else:
            sections[-1].paragraphs.append(text)
    if not sections:
        raise SourceError(shown, body[0][0] if body else None, "正文中没有“一、…”形式的一级标题")
    # The last paragraph after the last section's subsections is the notice's own closing (结语),
    # not part of that section: 二's closing paragraph shows a section may have one of its own.
    closing = sections[-1].closing[-1:]
    sections[-1].closing = sections[-1].closing[:-1]
    return preamble, sections, closing


def _check_sequence(shown: str, line: int, numeral: str, expected: int, form: str, parent: str = "",
                    next_section: int = 0) -> None:
    """Headings are numbered 一、二、三… and （一）（二）… without gaps: a missing, repeated or misplaced
    heading would file every later paragraph under the wrong section, and every citation of it would fail.

    `form` is "{}、" for sections, "（{}）" for subsections (then `parent` is their section's label)."""
    try:
        found = parse_chinese_number(numeral)
    except ValueError:
        found = 0
    if found == expected:
        return
    wanted, actual = form.format(to_chinese_number(expected)), form.format(numeral)
    what = f"小标题序号不连续：“{parent}”之下" if parent else "一级标题序号不连续："
    problem = f"“{actual}”重复或顺序颠倒" if found and found < expected else f"缺少“{wanted}”"
    if parent and found == 1 and next_section:
        problem += f"（是否漏了一级标题“{to_chinese_number(next_section)}、”？）"
    raise SourceError(shown, line, f"通知的{what}应为“{wanted}”，实际为“{actual}”：{problem}")
