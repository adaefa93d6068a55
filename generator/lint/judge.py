"""Decide each question: 一致, 与原文不符 (with the provision and what it requires) or 无法核对. Never a guess.

- A blank in a sentence of the text (single, multiple, fill): the option(s) that make the stem read exactly as
  the text (see blanks.py); for a multiple choice, the options found in the enumeration the blank stands for.
- A judge item, or an option that is a statement (下列说法正确的是): the text, or a change of it (statement.py).
- 下列属于……的是 without a blank in a sentence: which options are items of the enumeration the stem locates.
A question is 与原文不符 only when the text decides it; whenever the decision rests on anything less it is
无法核对, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import permutations

from ..texts.numerals import to_chinese_number
from .blanks import fit, gap, group_blanks, is_strong, key_of, split_values
from .keys import BLANK, Key, bigrams, make_key, mark_blanks
from .locate import Corpus, Passage
from .readers import LintQuestion
from .statement import CHANGED, TEXT, Finding, judge_statement

OK, WRONG, UNKNOWN = "一致", "与原文不符", "无法核对"
STATUSES = (OK, WRONG, UNKNOWN)

# 根据《信访工作条例》第二十二条规定， / 《条例》规定， / 根据县通知：the citation, not the provision.
_LEAD = r"(?:第\d+条)?(?:第\d+款)?(?:第\d+项)?(?:的通知)?(?:的)?(?:相关|有关)?(?:规定|明确|指出|要求|提出|强调)?(?:中)?"
PREFIX_RES = [re.compile(r"^(?:根据|按照|依据|依照|对照|据)[^\ue000]{0,40}?(?:条例|通知)" + _LEAD),
              re.compile(r"^(?:信访工作条例|条例|县通知|通知)" + _LEAD),
              re.compile(r"^(?:根据|按照|依据|依照)?(?:本条例|条例)?第\d+条(?:第\d+款)?(?:第\d+项)?"
                         r"(?:的规定|规定|明确|指出|要求|提出|强调)?(?!的)")]
META_RE = re.compile(r"下列|以下|哪些|哪项|哪个|哪一|哪种|什么|选项")
STATEMENT_RE = re.compile(r"说法|表述|叙述|描述|理解|观点|做法")
NEGATIVE_RE = re.compile(r"不属于|不包括|不是|错误|不正确|不符合|不准确|除外|不在")


@dataclass
class Verdict:
    question: LintQuestion
    status: str
    where: str = ""  # the provision: 第二十二条第一款, 通知二（四）
    reason: str = ""
    text: str = ""  # the provision's words


def lint_questions(questions: list[LintQuestion], corpus: Corpus) -> list[Verdict]:
    """One verdict per question, in order."""
    return [check_question(question, corpus) for question in questions]


def check_question(question: LintQuestion, corpus: Corpus) -> Verdict:
    key = _prepare(question)
    stem = key.chars
    scope = _scope(question)
    if question.type == "judge":
        verdict = _judge(question, key.strip_blanks(), corpus, scope)
    elif question.type == "fill":
        verdict = _fill(question, stem, corpus, scope)
    else:
        verdict = _choice(question, stem, corpus, scope)
    return verdict


# ---------- preparing a stem ----------

def _prepare(question: LintQuestion) -> Key:
    """The stem's key without its citation prefix; the articles that prefix names join the question's."""
    key = make_key(mark_blanks(question.stem))
    for pattern in PREFIX_RES:
        match = pattern.match(key.chars)
        # 第31条第6项规定的信访事项 is the provision's own words, not a citation.
        if match and match.group(0) and not key.chars[match.end():].startswith(("的", "规定的")):
            cited = [int(n) for n in re.findall(r"第(\d+)条", match.group(0))]
            question.articles = list(dict.fromkeys([*question.articles, *cited]))
            return key.tail(match.end())
    return key


def _scope(question: LintQuestion) -> set[str] | None:
    scope = set()
    if "通知" in question.stem or question.notice:
        scope.add("notice")
    if "条例" in question.stem or question.articles:
        scope.add("regulation")
    return scope or None


def _in_scope(passage: Passage, scope: set[str] | None) -> bool:
    return not scope or ("notice" if passage.article is None else "regulation") in scope


def _ranked(key: str, corpus: Corpus, scope: set[str] | None, question: LintQuestion | None = None,
            limit: int = 6) -> list[Passage]:
    """Passages about `key`, best first; a passage the question cites gets a small bonus (a tie-breaker
    between parallel provisions such as 复查 and 复核, never enough to outweigh the words)."""
    ranked = []
    for score, passage in corpus.rank(key.replace(BLANK, ""), limit=limit * 4):
        if not _in_scope(passage, scope):
            continue
        if question is not None and _cites(question, passage):
            score += 0.1
        ranked.append((score, passage))
    ranked.sort(key=lambda pair: -pair[0])
    if not ranked or ranked[0][0] < 0.4:
        return []
    top = ranked[0][0]
    return [p for score, p in ranked if score >= top * 0.6][:limit]


def _cites(question: LintQuestion, place: Passage) -> bool:
    if place.article is not None:
        return place.article in question.articles
    return bool(place.notice and question.notice and (place.notice.startswith(question.notice)
                                                       or question.notice.startswith(place.notice)))


def _quote(passage: Passage | None) -> str:
    return passage.text.strip() if passage else ""


def _unknown(question: LintQuestion, reason: str, passage: Passage | None = None) -> Verdict:
    return Verdict(question, UNKNOWN, passage.where if passage else "", reason, _quote(passage))


def _agree(question: LintQuestion, passage: Passage, reason: str = "", quote: str = "") -> Verdict:
    return Verdict(question, OK, _where(passage, quote), reason, quote or _quote(passage))


def _wrong(question: LintQuestion, passage: Passage, reason: str, quote: str = "") -> Verdict:
    return Verdict(question, WRONG, _where(passage, quote), reason, quote or _quote(passage))


def _where(passage: Passage, quote: str) -> str:
    """第二十三条第二款 rather than 第二十三条 when the quoted sentence lies within one line of the article."""
    if quote and "\n" in passage.text:
        for line, where in zip(passage.text.split("\n"), passage.lines):
            if quote.strip() in line:
                return where
    return passage.where


def _check_citation(question: LintQuestion, places: list[Passage], verdict: Verdict) -> Verdict:
    """A question that reads exactly as the text in places none of which it cites has the wrong 出处."""
    if verdict.status != OK or not places or not (question.articles or question.notice):
        return verdict
    if any(_cites(question, place) for place in places):
        return verdict
    names = [f"第{to_chinese_number(n)}条" for n in question.articles if 0 < n < 1000]
    if question.notice:
        names.append(f"通知{question.notice}")
    cited = "、".join(names)
    found = "、".join(dict.fromkeys(place.source for place in places))
    return _wrong(question, places[0], f"出处有误：题目注明{cited}，该内容见{found}")


# ---------- judge items ----------

def _judge(question: LintQuestion, statement: Key, corpus: Corpus, scope: set[str] | None) -> Verdict:
    finding = judge_statement(statement, corpus, scope)
    passage, quote = finding.passage, finding.quote
    if finding.decision == TEXT:
        if question.answer is True:
            places = [p for p in corpus.passages if statement.chars in p.key.chars]
            return _check_citation(question, places, _agree(question, passage, quote=quote))
        if finding.strong:
            return _wrong(question, passage, "题目与原文一字不差，应判为“正确”", quote)
        return _unknown(question, "与原文基本一致但有省略，题目判为错误，无法确定", passage)
    if finding.decision == CHANGED:
        change = "；".join(finding.changes)
        if question.answer is False:
            return _agree(question, passage, change, quote)
        if finding.strong and (not question.articles or _cites(question, passage) or passage.article is None):
            return _wrong(question, passage, f"题目{change}，应判为“错误”", quote)
        return _unknown(question, f"题目似乎{change}", passage)
    return _unknown(question, "找不到与题目对应的原文" if passage is None else "题目不是原文的原话，无法判断",
                    passage)


# ---------- fill ----------

def _fill(question: LintQuestion, stem: str, corpus: Corpus, scope: set[str] | None) -> Verdict:
    segments = stem.split(BLANK)
    answers = [key_of(answer) for answer in question.answer]
    if len(segments) - 1 != len(answers):
        return _unknown(question, f"题干有 {len(segments) - 1} 个空，答案有 {len(answers)} 个")
    candidates = _ranked(stem, corpus, scope, question)
    if not candidates:
        return _unknown(question, "找不到与题目对应的原文")
    groups = group_blanks(segments)
    for passage in candidates:
        if all(_group_fits(group, answers, passage) for group in groups):
            places = [p for p in corpus.passages if all(_group_fits(g, answers, p) for g in groups)]
            return _check_citation(question, places, _agree(question, passage))
    best = candidates[0]
    for left, members, right in groups:
        if _group_fits((left, members, right), answers, best):
            continue
        found = gap(left, right, best)
        written = "".join(answers[i] for i in members)
        if found is None or found.anchored < 6 or not found.chars or sorted(found.chars) == sorted(written):
            continue
        if any(_group_fits((left, members, right), answers, p) for p in corpus.passages):
            break  # the answer reads as the text in another provision: the stem is ambiguous
        shown = "、".join(question.answer[i] for i in members)
        where = "、".join(f"第{i + 1}空" for i in members)
        return _wrong(question, best, f"{where}原文为“{found.words}”，答案写的是“{shown}”")
    return _unknown(question, "填入答案后与原文对不上，也无法确定原文此处的用词", best)


def _group_fits(group: tuple[str, list[int], str], values: list[str], passage: Passage) -> bool:
    """The values of a group of adjacent blanks, in any order (a bank may mark them unordered), fit."""
    return _group_score(group, values, passage) is not None


def _group_score(group: tuple[str, list[int], str], values: list[str], passage: Passage) -> int | None:
    """How much context matched around the group's values (best order), or None when they do not fit."""
    left, members, right = group
    orders = permutations(members) if len(members) <= 4 else [members]
    scores = []
    for order in orders:
        found = fit(left, "".join(values[i] for i in order), right, passage)
        if is_strong(found, left, right):
            scores.append(found.score)
    return max(scores) if scores else None


# ---------- choice ----------

def _choice(question: LintQuestion, stem: str, corpus: Corpus, scope: set[str] | None) -> Verdict:
    if BLANK in stem:
        verdict = _choice_in_text(question, stem, corpus, scope)
        if verdict is not None:
            return verdict
    if STATEMENT_RE.search(stem):
        return _statements(question, stem, corpus, scope)
    return _enumeration(question, stem, corpus, scope)


def _option_values(option: str, segments: list[str]) -> list[str]:
    """The option as one value per blank, without a unit the stem already writes after the blank
    (（　）日内 with the option 30日 reads 30日内)."""
    blanks = len(segments) - 1
    values = [key_of(option)] if blanks == 1 else [key_of(v) for v in split_values(option, blanks) or []]
    trimmed = []
    for index, value in enumerate(values):
        after = segments[index + 1]
        unit = next((u for u in ("个工作日", "日", "人", "章", "条", "项", "年", "个月") if value.endswith(u)
                     and after.startswith(u) and len(value) > len(u)), "")
        trimmed.append(value[:len(value) - len(unit)])
    return trimmed


def _choice_in_text(question: LintQuestion, stem: str, corpus: Corpus, scope) -> Verdict | None:
    segments = stem.split(BLANK)
    blanks = len(segments) - 1
    candidates = _ranked(stem, corpus, scope, question)
    if not candidates:
        return None
    if question.type == "multiple":
        return _multiple_in_text(question, segments, candidates) if blanks == 1 else None
    groups = group_blanks(segments)
    fitting: dict[str, tuple[int, Passage]] = {}
    for option in question.options:
        values = _option_values(option, segments)
        if len(values) != blanks:
            continue
        for passage in candidates:
            scores = [_group_score(group, values, passage) for group in groups]
            if None not in scores and sum(scores) > fitting.get(option, (-1, None))[0]:
                fitting[option] = (sum(scores), passage)
    keyed = question.answer
    ranked = sorted(fitting.items(), key=lambda pair: -pair[1][0])
    if ranked:
        (option, (score, passage)), rest = ranked[0], ranked[1:]
        # The option read with the most context wins; one that fits only with less context (口头 in
        # 采用口头形式 against 一般应当采用书面形式) is a coincidence of wording, not a second answer.
        clear = not rest or rest[0][1][0] <= score - 2
        if clear and option == keyed:
            values = _option_values(option, segments)
            places = [p for p in corpus.passages if all(_group_fits(g, values, p) for g in groups)]
            return _check_citation(question, places, _agree(question, passage))
        if clear and keyed not in fitting:
            return _wrong(question, passage, f"按原文应选“{option}”，答案写的是“{keyed}”")
        return _unknown(question, "不止一个选项能使原文成立：" + "、".join(fitting), passage)
    if blanks == 1:
        found = gap(segments[0], segments[1], candidates[0])
        if found and found.anchored >= 6 and found.chars:
            return _unknown(question, f"原文此处为“{found.words}”，没有与之完全相同的选项", candidates[0])
    return None


def _multiple_in_text(question, segments, candidates) -> Verdict | None:
    """The blank stands for an enumeration: the right options are the ones the text lists there."""
    best = None
    for passage in candidates:
        found = gap(segments[0], segments[1], passage, sentence=True)
        if found is None or found.anchored < 5 or len(found.chars) < 2:
            continue
        elements = _elements(found.words)
        inside = sum(_classify_option(o, found.chars, elements) == "in" for o in question.options)
        if best is None or inside > best[0]:
            best = (inside, found, elements)
    if best is None:
        return None
    _, found, elements = best
    return _decide_set(question, found.chars, elements, found.passage, positive=True)


# ---------- enumerations: 下列属于……的有 ----------

def _enumeration(question, stem, corpus, scope) -> Verdict:
    if re.search(r"而非|而不是|不含|以外", stem):
        return _unknown(question, "题干带有排除条件，无法逐字核对")
    topic = re.sub(r"下列|以下|哪些|哪项|哪个|哪一|哪种|什么|选项|情形中的|的是|的有|包括|属于|正确", "",
                   stem.replace(BLANK, ""))
    candidates = _ranked(topic, corpus, scope, question, limit=3)
    if not candidates:
        return _unknown(question, "找不到题目所指的原文")
    passage = candidates[0]
    # A lead-in (……有下列情形之一的：) stands for its items; any other line for itself.
    region = corpus.enumeration(passage)
    region_text = "\n".join(p.text for p in region)
    elements = [e for p in region for e in _elements(re.sub(r"^[（(][一二三四五六七八九十]+[)）]", "", p.text))]
    negative = _meta_negative(stem, passage.text + region_text)
    return _decide_set(question, make_key(region_text).chars, elements, passage, positive=not negative)


def _meta_negative(stem: str, region_text: str) -> bool:
    """True when the stem asks for what the text does NOT say (不属于), False when positive, None if unsure."""
    region = make_key(region_text).chars
    for match in NEGATIVE_RE.finditer(stem):
        phrase = stem[match.start():match.end() + 2]
        if phrase in region or stem[max(0, match.start() - 2):match.end()] in region:
            continue
        return True
    return False


def _elements(words: str) -> list[str]:
    """An enumeration's elements as keys: split at 、，；。： and at 和/或者/以及/及; a leading 是/并/对 is
    also dropped (是党和政府了解民情…的一项重要工作 lists 党和政府了解民情…)."""
    parts = re.split(r"[、，,；;。：:（）()]|以及|或者|和|及|与", words)
    keys = [key for key in (key_of(part) for part in parts) if key]
    return keys + [key[1:] for key in keys if key[0] in "是并对" and len(key) > 2]


def _classify_option(option: str, region: str, elements: list[str]) -> str:
    key = key_of(option)
    if not key:
        return "unsure"
    if key in elements:
        return "in"
    parts = [key_of(part) for part in re.split(r"[、，,；;]|以及|或者|和|及|与", option) if key_of(part)]
    if len(parts) > 1 and all(part in elements for part in parts):
        return "in"
    if len(key) >= 4 and any(element.startswith(key) or element.endswith(key) for element in elements):
        return "in"  # 领导本地区信访工作 of 地方党委领导本地区信访工作: the element without its subject
    if key in region:
        return "unsure"  # in the text, but not as a whole element
    grams = bigrams(key)
    best = max((_dice(grams, bigrams(element)) for element in elements), default=0.0)
    coverage = len(grams & bigrams(region)) / len(grams) if grams else 1.0
    if best < 0.5 and coverage < 0.7:
        return "out"
    return "unsure"


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _decide_set(question, region: str, elements: list[str], passage: Passage, positive: bool) -> Verdict:
    kinds = {option: _classify_option(option, region, elements) for option in question.options}
    inside = {o for o, k in kinds.items() if k == "in"}
    outside = {o for o, k in kinds.items() if k == "out"}
    unsure = set(kinds) - inside - outside
    if not inside or (len(inside) + len(outside)) * 2 < len(kinds) or (
            question.type == "multiple" and positive and len(inside) < 2):
        return _unknown(question, "选项与原文列举对不上，无法判断", passage)
    expected_in = inside if positive else outside
    expected_out = outside if positive else inside
    keyed = question.keyed()
    wrong_keyed = keyed & expected_out
    missed = expected_in - keyed
    if question.type == "single" and len(expected_in) > 1:
        return _unknown(question, "不止一个选项符合原文：" + "、".join(sorted(expected_in)), passage)
    if wrong_keyed:
        what = "不在原文列举之中" if positive else "在原文列举之中"
        return _wrong(question, passage, f"答案中的“{'、'.join(sorted(wrong_keyed))}”{what}")
    if missed and (question.type == "multiple" or not keyed & expected_in):
        what = "在原文列举之中" if positive else "不在原文列举之中"
        return _wrong(question, passage, f"“{'、'.join(sorted(missed))}”{what}，答案却没有选")
    if unsure:
        return _unknown(question, "选项“" + "、".join(sorted(unsure)) + "”无法与原文逐字对应", passage)
    return _agree(question, passage)


# ---------- options that are statements: 下列说法正确的是 ----------

def _statements(question, stem, corpus, scope) -> Verdict:
    negative = bool(NEGATIVE_RE.search(stem.split("说法")[-1] if "说法" in stem else stem[-12:]))
    findings: dict[str, Finding] = {}
    for option in question.options:
        findings[option] = judge_statement(make_key(option), corpus, scope)
    keyed = question.keyed()
    good, bad = (TEXT, CHANGED) if not negative else (CHANGED, TEXT)
    for option in sorted(keyed):
        finding = findings[option]
        if finding.decision == bad and finding.strong:
            why = "；".join(finding.changes) if finding.changes else "与原文一字不差"
            label = "错误" if bad == CHANGED else "正确"
            return _wrong(question, finding.passage, f"答案“{option}”是{label}的说法：{why}", finding.quote)
    for option in question.options:
        finding = findings[option]
        if option not in keyed and finding.decision == good and finding.strong:
            label = "正确" if good == TEXT else "错误"
            if question.type == "multiple" or all(findings[k].decision != good for k in keyed):
                return _wrong(question, finding.passage, f"“{option}”也是{label}的说法，答案却没有选",
                              finding.quote)
    if all(findings[o].decision == good for o in keyed) and all(
            findings[o].decision == bad for o in question.options if o not in keyed):
        passage = next(f.passage for f in findings.values() if f.passage)
        return _agree(question, passage)
    first = next((f.passage for f in findings.values() if f.passage), None)
    return _unknown(question, "部分选项无法与原文逐字对应", first)
