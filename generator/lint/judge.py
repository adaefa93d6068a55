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

from ..texts.numerals import to_chinese_number
from .blanks import Fit, fit, gap, is_strong, key_of, split_values
from .keys import BLANK, bigrams, make_key, mark_blanks
from .locate import Corpus, Passage
from .readers import LintQuestion, parse_source
from .statement import CHANGED, TEXT, Finding, judge_statement

OK, WRONG, UNKNOWN = "一致", "与原文不符", "无法核对"
STATUSES = (OK, WRONG, UNKNOWN)

# 根据《信访工作条例》第二十二条规定， / 《条例》规定， / 根据县通知：the citation, not the provision.
_LEAD = r"(?:第\d+条)?(?:第\d+款)?(?:第\d+项)?(?:的通知)?(?:的)?(?:相关|有关)?(?:规定|明确|指出|要求|提出|强调)?(?:中)?"
PREFIX_RES = [re.compile(r"^(?:根据|按照|依据|依照|对照|据)[^\ue000]{0,40}?(?:条例|通知)" + _LEAD),
              re.compile(r"^(?:信访工作条例|条例|县通知|通知)" + _LEAD)]
META_RE = re.compile(r"下列|以下|哪些|哪项|哪个|哪一|哪种|什么|选项")
STATEMENT_RE = re.compile(r"说法|表述|叙述|描述|理解|观点|做法")
NEGATIVE_RE = re.compile(r"不属于|不包括|不是|错误|不正确|不符合|不准确|除外|不应|不能|不得|不可以|不需要")


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
    stem, cited = _prepare(question)
    scope = _scope(question)
    if question.type == "judge":
        verdict = _judge(question, stem, corpus, scope)
    elif question.type == "fill":
        verdict = _fill(question, stem, corpus, scope)
    else:
        verdict = _choice(question, stem, corpus, scope)
    return verdict


# ---------- preparing a stem ----------

def _prepare(question: LintQuestion) -> tuple[str, list[int]]:
    """The stem's key without its citation prefix, and the articles that prefix names."""
    chars = make_key(mark_blanks(question.stem)).chars
    cited: list[int] = []
    for pattern in PREFIX_RES:
        match = pattern.match(chars)
        if match:
            cited = [int(n) for n in re.findall(r"第(\d+)条", match.group(0))]
            chars = chars[match.end():]
            break
    question.articles = list(dict.fromkeys([*question.articles, *cited]))
    return chars, cited


def _scope(question: LintQuestion) -> set[str] | None:
    scope = set()
    if "通知" in question.stem or question.notice:
        scope.add("notice")
    if "条例" in question.stem or question.articles:
        scope.add("regulation")
    return scope or None


def _in_scope(passage: Passage, scope: set[str] | None) -> bool:
    return not scope or ("notice" if passage.article is None else "regulation") in scope


def _ranked(key: str, corpus: Corpus, scope: set[str] | None, limit: int = 6) -> list[Passage]:
    ranked = [(score, p) for score, p in corpus.rank(key.replace(BLANK, ""), limit=limit * 3)
              if _in_scope(p, scope)]
    if not ranked or ranked[0][0] < 0.4:
        return []
    top = ranked[0][0]
    return [p for score, p in ranked if score >= top * 0.6][:limit]


def _quote(passage: Passage | None) -> str:
    return passage.text.strip() if passage else ""


def _unknown(question: LintQuestion, reason: str, passage: Passage | None = None) -> Verdict:
    return Verdict(question, UNKNOWN, passage.where if passage else "", reason, _quote(passage))


def _agree(question: LintQuestion, passage: Passage, reason: str = "") -> Verdict:
    return Verdict(question, OK, passage.where, reason, _quote(passage))


def _wrong(question: LintQuestion, passage: Passage, reason: str) -> Verdict:
    return Verdict(question, WRONG, passage.where, reason, _quote(passage))


def _check_citation(question: LintQuestion, places: list[Passage], verdict: Verdict) -> Verdict:
    """A question that reads exactly as the text in places none of which it cites has the wrong 出处."""
    if verdict.status != OK or not places or not (question.articles or question.notice):
        return verdict
    for place in places:
        if place.article is not None and place.article in question.articles:
            return verdict
        if place.notice and question.notice and (place.notice.startswith(question.notice)
                                                 or question.notice.startswith(place.notice)):
            return verdict
    names = [f"第{to_chinese_number(n)}条" for n in question.articles if 0 < n < 1000]
    if question.notice:
        names.append(f"通知{question.notice}")
    cited = "、".join(names)
    found = "、".join(dict.fromkeys(place.source for place in places))
    return _wrong(question, places[0], f"出处有误：题目注明{cited}，该内容见{found}")


# ---------- judge items ----------

def _judge(question: LintQuestion, stem: str, corpus: Corpus, scope: set[str] | None) -> Verdict:
    finding = judge_statement(stem, corpus, scope)
    if finding.decision == TEXT:
        if question.answer is True:
            places = [p for p in corpus.passages if stem.replace(BLANK, "") in p.key.chars]
            return _check_citation(question, places, _agree(question, finding.passage))
        if finding.strong:
            return _wrong(question, finding.passage, "题目与原文一字不差，应判为“正确”")
        return _unknown(question, "与原文基本一致但有省略，题目判为错误，无法确定", finding.passage)
    if finding.decision == CHANGED:
        change = "；".join(finding.changes)
        if question.answer is False:
            return _agree(question, finding.passage, change)
        if finding.strong:
            return _wrong(question, finding.passage, f"题目{change}，应判为“错误”")
        return _unknown(question, f"题目似乎{change}", finding.passage)
    return _unknown(question, "找不到与题目对应的原文" if finding.passage is None
                    else "题目不是原文的原话，无法判断", finding.passage)


# ---------- fill ----------

def _fill(question: LintQuestion, stem: str, corpus: Corpus, scope: set[str] | None) -> Verdict:
    segments = stem.split(BLANK)
    answers = [key_of(answer) for answer in question.answer]
    if len(segments) - 1 != len(answers):
        return _unknown(question, f"题干有 {len(segments) - 1} 个空，答案有 {len(answers)} 个")
    candidates = _ranked(stem, corpus, scope)
    if not candidates:
        return _unknown(question, "找不到与题目对应的原文")
    for passage in candidates:
        fits = [fit(segments[i], answers[i], segments[i + 1], passage) for i in range(len(answers))]
        if all(is_strong(found, segments[i], segments[i + 1]) for i, found in enumerate(fits)):
            places = [p for p in corpus.passages
                      if all(is_strong(fit(segments[i], answers[i], segments[i + 1], p), segments[i],
                                       segments[i + 1]) for i in range(len(answers)))]
            return _check_citation(question, places, _agree(question, passage))
    best = candidates[0]
    for index, answer in enumerate(answers):
        found = gap(segments[index], segments[index + 1], best)
        if found is None or found.anchored < 6 or not found.chars:
            continue
        if found.chars != answer and answer not in _variants(found.chars):
            if _elsewhere(segments[index], answer, segments[index + 1], corpus):
                break  # the answer reads as the text in another provision: the stem is ambiguous
            return _wrong(question, best, f"第{index + 1}空原文为“{found.words}”，答案写的是“{question.answer[index]}”")
    return _unknown(question, "填入答案后与原文对不上，也无法确定原文此处的用词", best)


def _variants(chars: str) -> set[str]:
    return {chars}


def _elsewhere(left: str, value: str, right: str, corpus: Corpus) -> bool:
    return any(is_strong(fit(left, value, right, p), left, right) for p in corpus.passages)


# ---------- choice ----------

def _choice(question: LintQuestion, stem: str, corpus: Corpus, scope: set[str] | None) -> Verdict:
    meta = META_RE.search(stem)
    if BLANK in stem and not meta:
        verdict = _choice_in_text(question, stem, corpus, scope)
        if verdict is not None:
            return verdict
    if STATEMENT_RE.search(stem) or _long_options(question):
        return _statements(question, stem, corpus, scope)
    return _enumeration(question, stem, corpus, scope)


def _long_options(question: LintQuestion) -> bool:
    return sum(len(key_of(option)) >= 14 for option in question.options) >= len(question.options) - 1


def _choice_in_text(question: LintQuestion, stem: str, corpus: Corpus, scope) -> Verdict | None:
    segments = stem.split(BLANK)
    blanks = len(segments) - 1
    candidates = _ranked(stem, corpus, scope)
    if not candidates:
        return None
    if question.type == "multiple":
        return _multiple_in_text(question, segments, candidates, corpus) if blanks == 1 else None
    fitting: dict[str, tuple[int, Passage]] = {}
    for option in question.options:
        values = [key_of(option)] if blanks == 1 else [key_of(v) for v in split_values(option, blanks) or []]
        if len(values) != blanks:
            continue
        for passage in candidates:
            fits = [fit(segments[i], values[i], segments[i + 1], passage) for i in range(blanks)]
            if all(is_strong(found, segments[i], segments[i + 1]) for i, found in enumerate(fits)):
                score = sum(found.score for found in fits)
                if score > fitting.get(option, (-1, None))[0]:
                    fitting[option] = (score, passage)
    keyed = question.answer
    if len(fitting) == 1:
        option, (_, passage) = next(iter(fitting.items()))
        if option == keyed:
            places = _places(question, option, segments, corpus)
            return _check_citation(question, places, _agree(question, passage))
        return _wrong(question, passage, f"按原文应选“{option}”，答案写的是“{keyed}”")
    if len(fitting) > 1:
        return _unknown(question, "不止一个选项能使原文成立：" + "、".join(fitting), fitting[keyed][1]
                        if keyed in fitting else None)
    if blanks == 1 and not META_RE.search(stem):
        found = gap(segments[0], segments[1], candidates[0])
        if found and found.anchored >= 6 and found.chars:
            return _unknown(question, f"原文此处为“{found.words}”，没有与之完全相同的选项", candidates[0])
    return None


def _places(question, option, segments, corpus) -> list[Passage]:
    values = [key_of(option)] if len(segments) == 2 else [key_of(v) for v in split_values(option, len(segments) - 1)]
    return [p for p in corpus.passages
            if all(is_strong(fit(segments[i], values[i], segments[i + 1], p), segments[i], segments[i + 1])
                   for i in range(len(values)))]


def _multiple_in_text(question, segments, candidates, corpus) -> Verdict | None:
    for passage in candidates:
        found = gap(segments[0], segments[1], passage)
        if found is None or found.anchored < 5 or len(found.chars) < 2:
            continue
        elements = _elements(found.words)
        return _decide_set(question, found.chars, elements, passage, positive=True)
    return None


# ---------- enumerations: 下列属于……的有 ----------

def _enumeration(question, stem, corpus, scope) -> Verdict:
    topic = re.sub(r"下列|以下|哪些|哪项|哪个|哪一|哪种|什么|选项|的是|的有|包括|属于|正确", "", stem.replace(BLANK, ""))
    candidates = _ranked(topic, corpus, scope, limit=3)
    if not candidates:
        return _unknown(question, "找不到题目所指的原文")
    passage = candidates[0]
    region = corpus.enumeration(passage)
    if not passage.lead:
        lead = next((p for p in corpus.passages if p.lead and corpus.passages.index(passage) in p.items), None)
        if lead is not None:
            region = corpus.enumeration(lead)
    region_text = "\n".join(p.text for p in region)
    elements = [element for p in region for element in _elements(re.sub(r"^[（(][一二三四五六七八九十]+[)）]", "", p.text))]
    negative = _meta_negative(stem, region_text)
    if negative is None:
        return _unknown(question, "题干的否定说法无法确定是原文还是题问", passage)
    return _decide_set(question, make_key(region_text).chars, elements, passage, positive=not negative)


def _meta_negative(stem: str, region_text: str) -> bool | None:
    """True when the stem asks for what the text does NOT say (不属于), False when positive, None if unsure."""
    region = make_key(region_text).chars
    for match in NEGATIVE_RE.finditer(stem):
        phrase = stem[match.start():match.end() + 2]
        if phrase in region or stem[max(0, match.start() - 2):match.end()] in region:
            continue
        return True
    return False


def _elements(words: str) -> list[str]:
    """An enumeration's elements as keys: split at 、，；。： and at 和/或者/以及/及."""
    parts = re.split(r"[、，,；;。：:（）()]|以及|或者|和|及|与", words)
    return [key for key in (key_of(part) for part in parts) if key]


def _classify_option(option: str, region: str, elements: list[str]) -> str:
    key = key_of(option)
    if not key:
        return "unsure"
    if key in elements:
        return "in"
    parts = [key_of(part) for part in re.split(r"[、，,；;]|以及|或者|和|及|与", option) if key_of(part)]
    if len(parts) > 1 and all(part in elements for part in parts):
        return "in"
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
    if not inside or (len(inside) + len(outside)) * 2 < len(kinds):
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
        findings[option] = judge_statement(key_of(option), corpus, scope)
    keyed = question.keyed()
    good, bad = (TEXT, CHANGED) if not negative else (CHANGED, TEXT)
    for option in sorted(keyed):
        finding = findings[option]
        if finding.decision == bad and finding.strong:
            why = "；".join(finding.changes) if finding.changes else "与原文一字不差"
            label = "错误" if bad == CHANGED else "正确"
            return _wrong(question, finding.passage, f"答案“{option}”是{label}的说法：{why}")
    for option in question.options:
        finding = findings[option]
        if option not in keyed and finding.decision == good and finding.strong:
            label = "正确" if good == TEXT else "错误"
            if question.type == "multiple" or all(findings[k].decision != good for k in keyed):
                return _wrong(question, finding.passage, f"“{option}”也是{label}的说法，答案却没有选")
    if all(findings[o].decision == good for o in keyed) and all(
            findings[o].decision == bad for o in question.options if o not in keyed):
        passage = next(f.passage for f in findings.values() if f.passage)
        return _agree(question, passage)
    first = next((f.passage for f in findings.values() if f.passage), None)
    return _unknown(question, "部分选项无法与原文逐字对应", first)
