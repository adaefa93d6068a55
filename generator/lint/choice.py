"""Choice questions: a blank in a sentence of the text, an enumeration (下列属于……的有), or statements
(下列说法正确的是). The options the text decides are compared with the key; the rest make it 无法核对."""

from __future__ import annotations

import copy
import re

from .blanks import differs, gap, group_blanks, key_of, split_values, text_at_blank
from .keys import BLANK, bigrams, make_key
from .locate import Corpus, Passage
from .numbers import is_number
from .questions import LintQuestion
from .statement import CHANGED, TEXT, Finding, judge_statement
from .verdicts import (
    WRONG,
    Verdict,
    agree,
    check_citation,
    group_fits,
    group_score,
    ranked_passages,
    unknown,
    wrong,
)

# 以上都是 / 以上均正确 / 以上都不是 …: options about the other options.
ALL_ABOVE_RE = re.compile(r"(?:以上|上述)(?:选项)?(?:都|均|皆|全)(?:不)?(?:是|对|正确|不是|不对|不正确|符合)?"
                          r"|(?:全部|都)(?:正确|是|对)")
ALL_RE = re.compile(r"(?:以上|上述)(?:选项)?(?:都|均|皆|全)(?:是|对|正确|符合)?|(?:全部|都)(?:正确|是|对)")
META_RE = re.compile(r"下列|以下|哪些|哪项|哪个|哪一|哪种|什么|选项")
STATEMENT_RE = re.compile(r"说法|表述|叙述|描述|理解|观点|做法")
NEGATIVE_RE = re.compile(r"不属于|不包括|不是|错误|不正确|不符合|不准确|除外|不在")


def check_choice(question: LintQuestion, stem: str, corpus: Corpus, scope: set[str] | None) -> Verdict:
    """The verdict on a single or multiple choice question; `stem` is its key without the citation prefix."""
    catch_all = [option for option in question.options if ALL_ABOVE_RE.fullmatch(key_of(option))]
    if catch_all:
        return _all_above(question, stem, catch_all, corpus, scope)
    if BLANK in stem:
        verdict = _choice_in_text(question, stem, corpus, scope)
        if verdict is not None:
            return verdict
    if STATEMENT_RE.search(stem):
        return _statements(question, stem, corpus, scope)
    return _enumeration(question, stem, corpus, scope)


def _all_above(question, stem, catch_all, corpus, scope) -> Verdict:
    """以上都是 keyed: the other options must all be right, checked as a multiple choice keying them all.
    Any other use of 以上都是/以上都不是 is beyond a word-for-word check."""
    others = [option for option in question.options if option not in catch_all]
    keyed = question.keyed()
    all_right = ALL_RE.fullmatch(key_of(catch_all[0]))
    if question.type != "single" or keyed != set(catch_all[:1]) or not all_right or len(others) < 2:
        return unknown(question, f"含“{catch_all[0]}”选项，无法逐字核对")
    as_multiple = copy.copy(question)
    as_multiple.type, as_multiple.options, as_multiple.answer = "multiple", others, others
    verdict = check_choice(as_multiple, stem, corpus, scope)
    verdict.question = question
    if verdict.status == WRONG:
        verdict.reason = f"“{catch_all[0]}”不成立：{verdict.reason}"
    return verdict


def _option_values(option: str, segments: list[str]) -> list[str]:
    """The option as one value per blank, without a unit the stem already writes after the blank
    (（　）日内 with the option 30日 reads 30日内)."""
    blanks = len(segments) - 1
    values = [key_of(option)] if blanks == 1 else [key_of(v) for v in split_values(option, blanks) or []]
    return [without_unit(value, segments[index + 1]) for index, value in enumerate(values)]


def without_unit(value: str, after: str) -> str:
    unit = next((u for u in ("个工作日", "日", "人", "章", "条", "项", "年", "个月") if value.endswith(u)
                 and after.startswith(u) and len(value) > len(u)), "")
    return value[:len(value) - len(unit)]


def _choice_in_text(question: LintQuestion, stem: str, corpus: Corpus, scope) -> Verdict | None:
    segments = stem.split(BLANK)
    blanks = len(segments) - 1
    candidates = ranked_passages(stem, corpus, scope, question)
    if not candidates:
        return _short_stem(question, segments, corpus) if question.type == "single" else None
    if question.type == "multiple":
        return _multiple_in_text(question, segments, candidates) if blanks == 1 else None
    groups = group_blanks(segments)
    fitting: dict[str, tuple[int, float, Passage]] = {}
    stem_grams = bigrams(stem)
    for option in question.options:
        values = _option_values(option, segments)
        if len(values) != blanks:
            continue
        for passage in candidates:
            scores = [group_score(group, values, passage, 4 if corpus.cited else 6) for group in groups]
            if None not in scores and sum(scores) > fitting.get(option, (-1,))[0]:
                fitting[option] = (sum(scores), len(stem_grams & passage.grams) / len(stem_grams), passage)
    keyed = question.answer
    ranked = sorted(fitting.items(), key=lambda pair: (-pair[1][0], -pair[1][1]))
    if ranked:
        (option, (score, closeness, passage)), rest = ranked[0], ranked[1:]
        # The option read with the most context wins; one that fits only with less context (口头 in
        # 采用口头形式 against 一般应当采用书面形式) is a coincidence of wording, not a second answer.
        clear = not rest or rest[0][1][0] <= score - 2
        # With as much context, the option that fits the provision closest to the whole stem is the text's
        # (予以支持 fits （一）, 不予支持 fits （三）, the stem is （三）); enough to confirm a key, never to fault one.
        confirmed = clear or (rest[0][1][0] <= score and rest[0][1][1] <= closeness - 0.1)
        if confirmed and option == keyed:
            values = _option_values(option, segments)
            places = [p for p in corpus.passages if all(group_fits(g, values, p) for g in groups)]
            return check_citation(question, places, agree(question, passage))
        if clear and keyed not in fitting:
            return wrong(question, passage, f"按原文应选“{option}”，答案写的是“{keyed}”")
        return unknown(question, "不止一个选项能使原文成立：" + "、".join(fitting), passage)
    if blanks == 1:
        return _not_among_options(question, segments, candidates, corpus)
    return None


def _not_among_options(question: LintQuestion, segments: list[str], candidates: list[Passage],
                       corpus: Corpus) -> Verdict | None:
    """No option makes the stem read as the text. When the stem is a sentence of the text but for its blank
    (blanks.text_at_blank), a key that is not the text's words there is wrong, and the question is faulty
    when no option is; the text's words found less surely only make it 无法核对."""
    found = text_at_blank(segments[0], segments[1], corpus.passages)
    if found is None:
        found = gap(segments[0], segments[1], candidates[0])
        if found and found.anchored >= 6 and found.chars:
            return unknown(question, f"原文此处为“{found.words}”，没有与之完全相同的选项", candidates[0])
        return None
    values = {option: (_option_values(option, segments) or [""])[0] for option in question.options}
    keyed = [values[option] for option in question.keyed()]
    if question.type != "single" or not differs(keyed[0], found.chars):
        return unknown(question, f"原文此处为“{found.words}”，没有与之完全相同的选项", found.passage)
    whole = corpus.whole(found.passage).key.chars
    group = (segments[0], [0], segments[1])
    if (keyed[0] in whole and not is_number(found.chars)) or any(
            group_fits(group, keyed, p) for p in corpus.passages):
        # The key is the text's words elsewhere in the provision, or fits another one: the stem may join two.
        return unknown(question, f"原文此处为“{found.words}”，没有与之完全相同的选项", found.passage)
    close = [option for option, value in values.items() if value and not differs(value, found.chars)]
    if close:
        return unknown(question, f"原文此处为“{found.words}”，与选项“{close[0]}”相近", found.passage)
    return wrong(question, found.passage, f"原文为“{found.words}”，答案写的是“{question.answer}”；"
                                          "正确答案不在选项中，本题有误")


def _short_stem(question: LintQuestion, segments: list[str], corpus: Corpus) -> Verdict | None:
    """A stem too short to locate (《条例》共（　）章（　）条): the one option whose filled-in stem is in the text
    word for word decides, when that stem is long enough (6 characters) not to be a coincidence."""
    found = {}
    for option in question.options:
        values = _option_values(option, segments)
        if len(values) != len(segments) - 1:
            continue
        filled = segments[0] + "".join(value + after for value, after in zip(values, segments[1:]))
        places = corpus.containing(filled) if len(filled) >= 6 else []
        if places:
            found[option] = places
    if len(found) != 1:
        return None
    option, places = next(iter(found.items()))
    if option == question.answer:
        return agree(question, places[0])
    return wrong(question, places[0], f"按原文应选“{option}”，答案写的是“{question.answer}”")


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
        return unknown(question, "题干带有排除条件，无法逐字核对")
    topic = re.sub(r"下列|以下|哪些|哪项|哪个|哪一|哪种|什么|选项|情形中的|的是|的有|包括|属于|正确", "",
                   stem.replace(BLANK, ""))
    candidates = ranked_passages(topic, corpus, scope, question, limit=3)
    if not candidates:
        return unknown(question, "找不到题目所指的原文")
    passage = candidates[0]
    # A lead-in (……有下列情形之一的：) stands for its items; any other line for itself.
    region = corpus.enumeration(passage)
    region_text = "\n".join(p.text for p in region)
    elements = [e for p in region for e in _elements(re.sub(r"^[（(][一二三四五六七八九十]+[)）]", "", p.text))]
    negative = _meta_negative(stem, passage.text + region_text)
    others = [p for p in ranked_passages(topic, corpus, scope, question, limit=8) if p not in region]
    return _decide_set(question, make_key(region_text).chars, elements, passage, positive=not negative,
                       others=others)


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


def _decide_set(question, region: str, elements: list[str], passage: Passage, positive: bool,
                others: list[Passage] = ()) -> Verdict:
    """The options against the elements of one enumeration. `others`: passages nearly as close to the stem;
    a key outside the enumeration but in one of them means the stem may speak of that one (无法核对)."""
    kinds = {option: _classify_option(option, region, elements) for option in question.options}
    inside = {o for o, k in kinds.items() if k == "in"}
    outside = {o for o, k in kinds.items() if k == "out"}
    unsure = set(kinds) - inside - outside
    if not inside or (len(inside) + len(outside)) * 2 < len(kinds) or (
            question.type == "multiple" and positive and len(inside) < 2):
        return unknown(question, "选项与原文列举对不上，无法判断", passage)
    expected_in = inside if positive else outside
    expected_out = outside if positive else inside
    keyed = question.keyed()
    wrong_keyed = keyed & expected_out
    missed = expected_in - keyed
    if question.type == "single" and len(expected_in) > 1:
        return unknown(question, "不止一个选项符合原文：" + "、".join(sorted(expected_in)), passage)
    elsewhere = [p for p in others if any(_classify_option(o, p.key.chars, _elements(p.text)) != "out"
                                          for o in wrong_keyed)]
    if wrong_keyed and positive and elsewhere:
        return unknown(question, f"答案中的“{'、'.join(sorted(wrong_keyed))}”见于{elsewhere[0].where}，"
                                 "题目所指的原文不能确定", passage)
    if wrong_keyed:
        what = "不在原文列举之中" if positive else "在原文列举之中"
        return wrong(question, passage, f"答案中的“{'、'.join(sorted(wrong_keyed))}”{what}")
    if missed and question.type == "multiple" and positive and not keyed <= expected_in:
        # A keyed option that is no element here: the passage may not be the list the stem speaks of (the
        # notice's summary of 联席会议 and 信访部门 duties for 地方联席会议的职责 with no article named).
        return unknown(question, "答案中有选项不是此处原文列举的内容，题目所指的原文不能确定", passage)
    if missed and (question.type == "multiple" or not keyed & (expected_in | unsure)):
        # A single key that may be a listed element in other words (导入党员申诉等相应程序处理) is not faulted.
        what = "在原文列举之中" if positive else "不在原文列举之中"
        return wrong(question, passage, f"“{'、'.join(sorted(missed))}”{what}，答案却没有选")
    if unsure:
        return unknown(question, "选项“" + "、".join(sorted(unsure)) + "”无法与原文逐字对应", passage)
    return agree(question, passage)


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
            return wrong(question, finding.passage, f"答案“{option}”是{label}的说法：{why}", finding.quote)
    for option in question.options:
        finding = findings[option]
        if option not in keyed and finding.decision == good and finding.strong:
            label = "正确" if good == TEXT else "错误"
            if question.type == "multiple" or all(findings[k].decision != good for k in keyed):
                return wrong(question, finding.passage, f"“{option}”也是{label}的说法，答案却没有选",
                              finding.quote)
    if all(findings[o].decision == good for o in keyed) and all(
            findings[o].decision == bad for o in question.options if o not in keyed):
        passage = next(f.passage for f in findings.values() if f.passage)
        return agree(question, passage)
    first = next((f.passage for f in findings.values() if f.passage), None)
    return unknown(question, "部分选项无法与原文逐字对应", first)
