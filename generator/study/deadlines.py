"""时限速查: every number-with-unit in a regulation (periods, head counts, dates), found in the text itself.

Nothing here is typed by hand: the numbers, their wording and the sentences come from the regulation; only the
grouping into procedural stages is a small keyword table (STAGE_RULES).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ..markdown import front_matter
from ..texts.pages import article_heading, article_link, escape
from ..texts.numerals import to_chinese_number
from ..texts.regulation import Paragraph, Regulation
from . import AIDS_SEARCH

# Official texts write quantities in Arabic digits (15日, 5个工作日, 5人, 2022年5月1日); Chinese numerals
# there are ordinals or counts of things (第三十一条, 两个以上机关), not limits, so only digits are scanned.
_DATE = r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日"
_PREFIX = r"(?P<prefix>不得超过|不超过|不得少于|不少于|超过|至少)?"
_QUANTITY = r"(?P<number>\d+)(?P<unit>个工作日|个月|日|天|周|年|小时|人|名|件|次)"
_SUFFIX = r"(?P<suffix>以内|以上|以下|之内|内|前|后)?"
LIMIT_RE = re.compile(rf"{_DATE}|{_PREFIX}{_QUANTITY}{_SUFFIX}")
DATE_UNIT = "日期"
# What a number is: a period (15日内), a head count (不得超过5人) or a date (2022年5月1日). Only periods are 时限;
# the flow's 时限 badges and the page's kind column keep the three apart.
KIND_PERIOD, KIND_COUNT, KIND_DATE = "期限", "人数", "日期"
_COUNT_UNITS = ("人", "名")
# A sentence ends at 。；？！ or at the colon that introduces a list of items; a clause also ends at a comma.
_SENTENCE_END = "。；？！："
_CLAUSE_END = "，" + _SENTENCE_END
# Words that open a clause but say nothing about what the limit governs.
_CONNECTIVES = ("但", "并且", "并", "且", "可以", "应当", "在", "起")


@dataclass(frozen=True)
class StageRule:
    name: str
    slug: str
    keywords: tuple[str, ...]  # any of them in the sentence puts the limit in this stage


# Checked in order, first hit wins: 复核 before 复查 because a request for 复核 is made "对复查意见不服的";
# dates (施行/废止) first because 施行 sentences mention nothing else.
STAGE_RULES: tuple[StageRule, ...] = (
    StageRule("施行", "effective", ("施行", "废止")),
    StageRule("复核", "reconsider", ("复核",)),
    StageRule("复查", "review", ("复查",)),
    StageRule("走访", "visit", ("走访", "代表人数")),
    StageRule("办理", "handle", ("办结", "延长", "办理期限")),
    StageRule("督办", "supervise", ("督办", "改进建议", "反馈情况")),
    # 异议 before 告知/转送: the 5-working-day sentence names 转送、交办 but governs the objection (第二十三条第三款).
    StageRule("提出异议", "objection", ("异议",)),
    StageRule("受理/告知", "accept", ("告知", "受理")),
    # 第二十二条: 信访部门 register (no time limit: “应当予以登记，并区分情况，在15日内分别按照下列方式处理”) and,
    # within 15日, 转送/交办 (its items), which is no 告知. The stage is named for what the 15日 governs.
    StageRule("转送/交办", "forward", ("登记", "转送", "交办")),
)
OTHER_STAGE = StageRule("其他", "other", ())
# Where each stage sits in the procedure; the page lists stages in this order.
STAGE_ORDER = ("走访", "转送/交办", "受理/告知", "提出异议", "办理", "复查", "复核", "督办", "施行", "其他")
# An article whose first paragraph names who acts (“……机关、单位收到……”) and a later paragraph that takes up
# the same matters (its 对……事项 stands in the first paragraph) but says only 有关机关、单位: that paragraph's
# rows name the subject (第二十三条第二款: 信访部门以外的其他机关、单位).
_SUBJECT_RE = re.compile(r"^(.{2,40}?(?:机关、单位|信访部门))收到")


@dataclass(frozen=True)
class TimeLimit:
    number: int  # the quantity; for a date, its year
    unit: str  # 日 / 个工作日 / 人 … or 日期
    phrase: str  # the words as they stand: "15日内", "不得超过30日", "2022年5月1日"
    qualifier: str  # 内 / 不得超过 / … ("" when the text has none, as for a date)
    sentence: str  # the sentence (up to 。；：) it stands in, exactly as in the source
    offset: int  # where `phrase` starts in `sentence`
    article: int
    stage: str
    matter: str  # what the limit governs, with the scope and condition the text gives it (see _matter)
    line: int  # source line
    paragraph: int = 1  # the 款 it stands in (an item counts with the paragraph that introduces it)
    paragraphs: int = 1  # how many 款 the article has: a one-paragraph article names no 款

    @property
    def where(self) -> str:
        """"第二款" when the article has several paragraphs, else ""."""
        return f"第{to_chinese_number(self.paragraph)}款" if self.paragraphs > 1 else ""

    @property
    def kind(self) -> str:
        return kind_of(self.unit)


@dataclass(frozen=True)
class PhraseMatch:
    """One number-with-unit inside a piece of text."""

    phrase: str
    start: int
    number: int
    unit: str
    qualifier: str

    @property
    def kind(self) -> str:
        return kind_of(self.unit)


def kind_of(unit: str) -> str:
    """期限 for a period, 人数 for a head count, 日期 for a date: only a 期限 is a time limit."""
    if unit == DATE_UNIT:
        return KIND_DATE
    return KIND_COUNT if unit in _COUNT_UNITS else KIND_PERIOD


def scan(text: str) -> list[PhraseMatch]:
    """Every number-with-unit in `text`, in order: the building block for regulations and quoted phrases."""
    found = []
    for match in LIMIT_RE.finditer(text):
        if match.group("year"):
            found.append(PhraseMatch(match.group(0), match.start(), int(match.group("year")), DATE_UNIT, ""))
            continue
        qualifier = "".join(part for part in (match.group("prefix"), match.group("suffix")) if part)
        found.append(PhraseMatch(match.group(0), match.start(), int(match.group("number")),
                                 match.group("unit"), qualifier))
    return found


def find_time_limits(regulation: Regulation) -> list[TimeLimit]:
    """Every number-with-unit in the regulation's articles, in text order, with its sentence and stage."""
    limits = []
    for article in regulation.articles:
        paragraphs, paragraph, subject, first = len(article.paragraphs), 0, "", ""
        start, excluded = len(limits), {}
        for block in article.blocks:
            # The first paragraph starts with the 第X条 label and an ideographic space: no sentence.
            text = block.text[len(article.label) + 1:] if block is article.blocks[0] else block.text
            if isinstance(block, Paragraph) and not block.in_item:
                paragraph += 1
                if paragraph == 1:
                    found = _SUBJECT_RE.match(text)
                    subject, first = (found.group(1) if found else ""), text
            scope = paragraph_scope(text)
            for sentence in _sentences(text):
                if _EXCLUDED in sentence:
                    excluded[paragraph - 1] = f"{sentence.rstrip('。；')}（第{to_chinese_number(paragraph)}款）"
                for match in scan(sentence):
                    matter = _matter(sentence, match, scope)
                    if paragraph > 1 and subject and scope and scope in first and subject not in sentence:
                        matter = f"{subject}：{matter}"
                    elif subject and sentence.startswith(subject) and subject not in matter:
                        matter = f"{subject}：{matter}"  # 第二十二条: who has the 15日 to 转送、交办
                    if matter.endswith("下列方式处理") and stage_of(sentence).name == "转送/交办":
                        matter += "（转送、交办，见该款各项）"
                    limits.append(TimeLimit(
                        number=match.number, unit=match.unit, phrase=match.phrase,
                        qualifier=match.qualifier, sentence=sentence, offset=match.start,
                        article=article.number, stage=stage_of(sentence).name,
                        matter=matter, line=block.line, paragraph=max(paragraph, 1), paragraphs=paragraphs))
        # 第三十六条第二款: 听证所需时间不计算在前款规定的期限内 qualifies the body's 30日 in the first paragraph
        # (the hearing is the 复核机关's), not the 信访人's 30日 to request.
        limits[start:] = [replace(limit, matter=f"{limit.matter}；{excluded[limit.paragraph]}")
                          if limit.paragraph in excluded and limit.kind == KIND_PERIOD
                          and not limit.sentence.startswith("信访人") else limit for limit in limits[start:]]
    return limits


_EXCLUDED = "不计算在前款规定的期限内"


def stage_of(sentence: str) -> StageRule:
    """The procedural stage a sentence belongs to, by the first matching rule in STAGE_RULES."""
    for rule in STAGE_RULES:
        if any(keyword in sentence for keyword in rule.keywords):
            return rule
    return OTHER_STAGE


def _sentences(line: str) -> list[str]:
    out, start = [], 0
    for index, char in enumerate(line):
        if char in _SENTENCE_END:
            out.append(line[start:index + 1])
            start = index + 1
    if start < len(line):
        out.append(line[start:])
    return out


def paragraph_scope(text: str) -> str:
    """The matters a paragraph is about when it opens with “对……事项，”: every limit in the paragraph applies
    only to them (第三十四条: 对本条例第三十一条第六项规定的信访事项 … 60日内 …；… 不得超过30日). "" if none."""
    match = re.match(r"对([^，；。：]+?事项)[，；]", text)
    if match:
        return match.group(1)
    match = re.match(r"对([^，；。：]+?事项)(?=应当|可以)", text)  # 对X事项应当…: no comma after the topic
    return match.group(1) if match else ""


def _condition(sentence: str, clause_start: int, scope: str) -> str:
    """The nearest "……的" clause before the limit's clause in its sentence (不能当场告知的、情况复杂的): the case
    the limit applies to. "" when the sentence names none."""
    clauses = re.split(f"[{_CLAUSE_END}]", sentence[:clause_start])
    for clause in reversed(clauses):
        if clause.endswith("的") and not (scope and scope in clause):
            return clause
    return ""


def _matter(sentence: str, match: PhraseMatch, scope: str = "") -> str:
    """What the limit governs: the clause's words after the phrase (…内提出异议), or before it when the phrase
    caps something (代表人数不得超过5人), plus the starting point 自…起 when the clause names one; led by the
    paragraph's scope (第三十一条第六项规定的信访事项) and the case it applies to (情况复杂的), so a row never
    claims more than the article gives."""
    clause_start = max(sentence.rfind(mark, 0, match.start) for mark in _CLAUSE_END) + 1
    end = match.start + len(match.phrase)
    clause_end = min((i for i in (sentence.find(mark, end) for mark in _CLAUSE_END) if i >= 0),
                     default=len(sentence))
    before, after = sentence[clause_start:match.start], sentence[end:clause_end]
    origin = re.search(r"自(.+?)起$", before)
    if origin:
        before = before[:origin.start()]
    subject = _strip_connectives(after) or _strip_connectives(before)
    if origin and subject:
        subject = f"{subject}（{origin.group(0)}）"
    lead = [part for part in (scope, _condition(sentence, clause_start, scope)) if part]
    return "，".join([*lead, subject]) if lead else subject


def _strip_connectives(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for word in _CONNECTIVES:
            if text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word):], True
    return text


def render_deadlines_page(regulation: Regulation, titles: dict[int, str],
                          page: str = "aids/deadlines.md") -> str:
    """The 时限速查 page: a summary of the numbers by kind, then a table per stage
    (数字 | 类别 | 适用事项 | 原文 | 条文); 类别 keeps periods (期限) apart from head counts and dates."""
    limits = find_time_limits(regulation)
    lines = [
        *front_matter(search=AIDS_SEARCH),
        "# 时限速查",
        "",
        (f"本页由程序逐句扫描《{escape(regulation.title)}》原文生成，列出条文中出现的每一个带单位的数字"
         f"（期限、人数、日期），共 {len(limits)} 处；“原文”一栏是数字所在的分句（到“；”或“。”为止），高亮处即该数字。"),
        "",
        _summary_line(limits),
        "",
    ]
    for stage in STAGE_ORDER:
        rows = [limit for limit in limits if limit.stage == stage]
        if not rows:
            continue
        slug = next((rule.slug for rule in STAGE_RULES if rule.name == stage), OTHER_STAGE.slug)
        lines += [f"## {escape(stage)} {{: #deadline-{slug} }}", "",
                  '<div class="xf-deadlines" markdown>', "",
                  "| 数字 | 类别 | 适用事项 | 原文 | 条文 |", "| --- | --- | --- | --- | --- |"]
        for limit in rows:
            article = regulation.article(limit.article)
            link = article_link(regulation, limit.article, page)
            heading = article_heading(article, titles).replace(article.label, article.label + limit.where, 1)
            lines.append(f"| **{escape(limit.phrase)}** | {limit.kind} | {escape(limit.matter)} | {_highlight(limit)} "
                         f"| [{escape(heading)}]({link}) |")
        lines += ["", "</div>", ""]
    return "\n".join(lines)


def _summary_line(limits: list[TimeLimit]) -> str:
    if not limits:
        return "条文中没有带单位的数字。"
    groups = []
    for kind in (KIND_PERIOD, KIND_COUNT, KIND_DATE):
        counts = Counter(limit.phrase for limit in limits if limit.kind == kind)
        if counts:
            parts = [escape(phrase) + (f" ×{count}" if count > 1 else "") for phrase, count in counts.items()]
            groups.append(f"{kind}：" + "、".join(parts))
    return "出现的数字——" + "；".join(groups) + "。"


def _highlight(limit: TimeLimit) -> str:
    end = limit.offset + len(limit.phrase)
    sentence = limit.sentence
    return (escape(sentence[:limit.offset]) + "<mark>" + escape(limit.phrase) + "</mark>"
            + escape(sentence[end:]))
