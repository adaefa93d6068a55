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
from dataclasses import replace

from ..texts.numerals import to_chinese_number
from . import changes, editions, presence
from .blanks import gap, group_blanks, key_of
from .choice import check_choice, without_unit
from .document import notice_field
from .starts import period_start
from .grounding import IN, classify, crossed_pair, expected_key, ground_choice
from .keys import BLANK, Key, make_key, mark_blanks
from .locate import Corpus
from .questions import LintQuestion, parse_provisions
from .statement import CHANGED, TEXT, judge_statement
from .verdicts import (
    OK,
    STATUSES,
    UNKNOWN,
    WRONG,
    Verdict,
    agree,
    check_citation,
    cites,
    group_fits,
    question_scope,
    ranked_passages,
    unknown,
    wrong,
)
from .which import item_count, which_article

__all__ = ["OK", "STATUSES", "UNKNOWN", "WRONG", "Verdict", "check_question", "lint_questions"]

# 根据《信访工作条例》第二十二条规定， / 《条例》规定， / 根据县通知：the citation, not the provision.
_LEAD = r"(?:第\d+条)?(?:第\d+款)?(?:第\d+项)?(?:的通知)?(?:的)?(?:相关|有关)?(?:规定|明确|指出|要求|提出|强调)?(?:中)?"
PREFIX_RES = [re.compile(r"^(?:根据|按照|依据|依照|对照|据)[^\ue000]{0,40}?(?:条例|通知)" + _LEAD),
              re.compile(r"^(?:信访工作条例|条例|县通知|通知)" + _LEAD),
              re.compile(r"^(?:根据|按照|依据|依照)?(?:本条例|条例)?第\d+条(?:第\d+款)?(?:第\d+项)?"
                         r"(?:的规定|规定|明确|指出|要求|提出|强调)?(?!的)")]


def lint_questions(questions: list[LintQuestion], corpus: Corpus) -> list[Verdict]:
    """One verdict per question, in order."""
    return [check_question(question, corpus) for question in questions]


def check_question(question: LintQuestion, corpus: Corpus) -> Verdict:
    """The verdict on one question (the verdict's question carries the articles its stem names)."""
    key, named = _prepare(question)
    question = replace(question, articles=list(dict.fromkeys([*question.articles, *named])))
    stem = key.chars
    scope = question_scope(question)
    which = (which_article(question, corpus) or item_count(question, stem, corpus) or notice_field(question, corpus)
             or presence.article_has(question, key.strip_blanks(), corpus) or presence.new_member(question, corpus)
             or presence.stated_quantity(question, key, corpus)
             or presence.in_force(question, key.strip_blanks(), corpus)
             or presence.quoted_as_text(question, corpus) or period_start(question, key.strip_blanks(), corpus))
    if which is not None:
        return which
    if editions.is_comparison(question.stem, question.type) and "通知" not in question.stem \
            and not question.notice:
        # The notice itself compares the texts (原国务院《信访条例》仅适用于行政机关): that is its own words.
        verdict = _two_editions(question, corpus)
    elif question.type == "judge":
        verdict = _judge(question, key.strip_blanks(), named, corpus, scope)
    elif question.type == "fill":
        verdict = _fill(question, stem, corpus, scope)
    else:
        verdict = check_choice(question, stem, corpus, scope)
    if verdict.status == UNKNOWN:
        verdict = presence.member_excluded(question, key.strip_blanks(), corpus) or verdict
    if verdict.status == UNKNOWN and not corpus.cited and (question.articles or question.notice):
        verdict = _by_citation(question, corpus, verdict)
    return verdict


def _by_citation(question: LintQuestion, corpus: Corpus, first: Verdict) -> Verdict:
    """A question the whole text leaves undecided, checked again among the provisions it cites only (a case,
    a paraphrase): what agrees there is 一致; anything else stays 无法核对 with the first reason, as words found
    only by way of the citation never fault a question."""
    cited = corpus.restricted(question.articles, question.notice)
    if not cited.passages:
        return first
    again = check_question(question, cited)
    if again.status == OK:
        again.reason = "；".join(part for part in (again.reason, "按题目所引条文核对") if part)
        return again
    quoted = cited.quoted(question.quotes)
    if quoted is not None and question.type in ("judge", "fill"):
        again = check_question(question, quoted)
        if again.status == OK:
            again.reason = "；".join(part for part in (again.reason, "按解析所引原文核对") if part)
            return again
    if question.type in ("single", "multiple"):
        grounded, place = ground_choice(question, question.stem, cited)
        if grounded:
            return agree(question, place, "答案是所引条文的原话，其余选项不是；按题目所引条文核对")
        narrow = _explained(question, corpus)
        # Among the whole articles another option was the one the stem speaks of (place without grounding),
        # or an option left unkeyed is the articles' words: the explanation's 款 and 项 cannot settle it (a
        # multiple choice whose explanation cites the provisions of some keyed options only).
        contested = place is not None or (question.type == "multiple" and any(
            classify(option, cited, question.stem)[0] == IN for option in question.options if option not in question.keyed()))
        if not contested:
            # The explanation's 款 and 项, and the clause it quotes as deciding the case (对属于本机关、单位职权范围的，
            # 应当告知……): the key must be their words and no other option; one of them singling out another
            # option contests it.
            keyed = question.keyed()
            readings = [(*expected_key(question, question.stem, narrower), why) for narrower, why in (
                (narrow, "答案是解析所引条款的原话，其余选项不是"), (quoted, "答案是解析所引原文的原话，其余选项不是"))
                if narrower is not None]
            found = [(place, why) for expected, place, why in readings if expected == keyed]
            if found and all(expected in (None, keyed) for expected, _, _ in readings):
                return agree(question, found[0][0], found[0][1] + "；按题目所引条文核对")
    if question.type == "judge" and question.answer is False:
        # 应当一律报请公安机关……: a sweeping word the cited provisions never use makes the statement false.
        key = make_key(question.stem).chars
        sweeping = [word for word in SWEEPING if make_key(word).chars in key
                    and not any(make_key(word).chars in passage.key.chars for passage in cited.passages)]
        if sweeping:
            return agree(question, cited.passages[0] if len(cited.passages) == 1 else corpus.whole(
                cited.passages[0]), f"题目用了所引条文没有的“{sweeping[0]}”；按题目所引条文核对")
        statement = _prepare(question)[0].strip_blanks().chars
        change = (changes.swapped_word(statement, cited) or changes.other_body(question.stem, cited)
                  or changes.dropped_condition(question.stem, cited) or changes.misattributed(statement, cited)
                  or changes.other_doer(question.stem, cited) or changes.crossed_provision(question.stem, cited)
                  or changes.skipped_step(question.stem, cited))
        if change is not None:
            return agree(question, change.passage, f"题目{change.describe()}；按题目所引条文核对", change.quote)
        # 对诉求无理的，应当做到帮扶救助到位: one case of 第二十七条's parallel run with another case's consequence.
        crossed = crossed_pair(DUTY_RE.sub("", statement), cited)
        if crossed is not None:
            return agree(question, crossed, "题目把原文并列的几种情形和各自的要求配错了；按题目所引条文核对")
    return first




def _explained(question: LintQuestion, corpus: Corpus) -> Corpus | None:
    """The 款 and 项 the explanation (or the stem) cites within the articles the question cites (a 款 or 项 of another
    article is a side remark), when they are fewer lines than those articles; None otherwise."""
    # 属于该条第（五）项……的是: a 款 or 项 the stem names (an article it names is the citation itself).
    named = [*question.provisions, *(w for w in parse_provisions(question.stem) if not w.endswith("条"))]
    wheres = [where for where in dict.fromkeys(named)
              if any(where.startswith(f"第{to_chinese_number(n)}条") for n in question.articles if 0 < n < 1000)]
    if not wheres:
        return None
    narrow = corpus.lines_named(wheres)
    whole = corpus.restricted(question.articles, question.notice)
    if not narrow.passages or len(narrow.passages) >= len(whole.passages):
        return None
    return narrow


# 对……的，应当做到……: the words that make a case and its consequence a duty (key characters).
DUTY_RE = re.compile(r"^对|应当做到|要做到|应当|做到")

# Words that make a rule sweeping; a false statement often adds one (一律, 所有……均, 无须).
SWEEPING = ("一律", "所有", "全部", "一概", "无论", "凡是", "统统", "一切", "无须", "无需", "不必", "不需要")



def _two_editions(question: LintQuestion, corpus: Corpus) -> Verdict:
    """A question about the 2005 regulation or comparing it with 2022 (editions.py): each sentence of the stem
    against the text it speaks of; the blank, if any, in the text its sentence speaks of."""
    older = corpus.older
    if older is None:
        return unknown(question, "题目涉及2005年《信访条例》，但找不到2005年条例原文（sources/regulation-2005.md）")
    stem = question.stem
    if question.type == "judge":
        stem = re.sub(r"[（(][\s\u3000]*[）)]\s*$", "", stem)  # the answer bracket of a judge item
    parts = editions.parts(stem)
    if question.type == "judge":
        check = editions.check_parts(parts, corpus, older)
        if check.result == editions.UNSURE or check.passage is None:
            return unknown(question, "题目涉及2005年《信访条例》，对照两部条例均无法逐字核对", check.passage)
        truth = check.result == editions.YES
        if check.weak and question.answer is True:
            return unknown(question, f"题目似乎有误：{check.reason}", check.passage)
        if truth == question.answer:
            return agree(question, check.passage, check.reason, check.quote)
        verdict = "正确" if truth else "错误"
        why = check.reason if check.reason and not truth else ""
        why = f"题目{why}，" if why.startswith("把") else f"{why}，" if why else ""
        return wrong(question, check.passage, f"{why}应判为“{verdict}”", check.quote)
    blanks = [part for part in parts if BLANK in mark_blanks(part.words)]
    if len(blanks) != 1 or blanks[0].edition not in ("old", "new"):
        return unknown(question, "题目比较2005年《信访条例》和《信访工作条例》，无法逐字核对")
    for part in parts:
        if part is blanks[0] or part.edition not in ("old", "new"):
            continue
        # A premise is faulted only for a number (2005年《信访条例》规定复查期限为60日): its other words are
        # often the trainer's summary of the old text.
        conflict = editions.premise_number(part, corpus, older)
        if conflict is not None:
            return wrong(question, conflict.passage,
                         f"题干中“{part.words.strip('；;。')}”与原文不符：{conflict.describe()}", conflict.quote)
    old = blanks[0].edition == "old"
    words = editions.MENTION_RE.sub("", blanks[0].words)
    part = replace(question, stem=words, articles=[] if old else question.articles)
    verdict = check_question(part, older if old else replace(corpus, older=None))
    verdict.question = question
    return verdict


def _prepare(question: LintQuestion) -> tuple[Key, list[int]]:
    """The stem's key without its citation prefix (根据《信访工作条例》第二十二条规定，), and the articles that
    prefix names."""
    key = make_key(mark_blanks(question.stem))
    for pattern in PREFIX_RES:
        match = pattern.match(key.chars)
        # 第31条第6项规定的信访事项 is the provision's own words, not a citation.
        if match and match.group(0) and not key.chars[match.end():].startswith(("的", "规定的")):
            named = [int(n) for n in re.findall(r"第(\d+)条", match.group(0))]
            return key.tail(match.end()), named
    return key, []



def _judge(question: LintQuestion, statement: Key, named: list[int], corpus: Corpus,
           scope: set[str] | None) -> Verdict:
    finding = judge_statement(statement, corpus, scope)
    passage, quote = finding.passage, finding.quote
    if finding.decision == TEXT and named and passage.article not in named:
        # 第十九条规定：任何组织和个人不得打击报复信访人 is the text, said of the wrong article.
        where = "、".join(f"第{to_chinese_number(n)}条" for n in named if 0 < n < 1000)
        if question.answer is False:
            return agree(question, passage, f"题目说是{where}，原文在{passage.source}", quote)
        return wrong(question, passage, f"题目说是{where}，该内容见{passage.source}，应判为“错误”", quote)
    if finding.decision == TEXT:
        if question.answer is True:
            places = [p for p in corpus.passages if statement.chars in p.key.chars]
            return check_citation(question, places, agree(question, passage, words=quote))
        if finding.strong:
            return wrong(question, passage, "题目与原文一字不差，应判为“正确”", quote)
        return unknown(question, "与原文基本一致但有省略，题目判为错误，无法确定", passage)
    if finding.decision == CHANGED:
        change = "；".join(finding.changes)
        if question.answer is False:
            return agree(question, passage, change, quote)
        if finding.strong and (not question.articles or cites(question, passage) or passage.article is None):
            return wrong(question, passage, f"题目{change}，应判为“错误”", quote)
        return unknown(question, f"题目似乎{change}", passage)
    return unknown(question, "找不到与题目对应的原文" if passage is None else "题目不是原文的原话，无法判断",
                   passage)


def _fill(question: LintQuestion, stem: str, corpus: Corpus, scope: set[str] | None) -> Verdict:
    segments = stem.split(BLANK)
    answers = [key_of(answer) for answer in question.answer]
    if len(answers) == 1 and len(segments) > 2:  # 答案：党委、政府 for two blanks
        parts = [key_of(part) for part in re.split(r"[、，,\s]+", question.answer[0]) if key_of(part)]
        answers = parts if len(parts) == len(segments) - 1 else answers
    if len(segments) - 1 == len(answers):
        answers = [without_unit(answer, segments[i + 1]) for i, answer in enumerate(answers)]
    if len(segments) - 1 != len(answers):
        return unknown(question, f"题干有 {len(segments) - 1} 个空，答案有 {len(answers)} 个")
    candidates = ranked_passages(stem, corpus, scope, question)
    if not candidates:
        return unknown(question, "找不到与题目对应的原文")
    groups = group_blanks(segments)
    least = 4 if corpus.cited else 6
    # 于2022年1月24日经（　）会议审议批准: the stem's 经 before a blank, which the text's 题注 does not write.
    plain = [segment[:-1] if segment.endswith("经") and index < len(segments) - 1 else segment
             for index, segment in enumerate(segments)]
    for passage in candidates:
        for grouping in (groups, group_blanks(plain)) if plain != segments else (groups,):
            if all(group_fits(group, answers, passage, least) for group in grouping):
                places = [p for p in corpus.passages if all(group_fits(g, answers, p) for g in grouping)]
                return check_citation(question, places, agree(question, passage))
    best = candidates[0]
    for left, members, right in groups:
        if group_fits((left, members, right), answers, best):
            continue
        found = gap(left, right, best)
        written = "".join(answers[i] for i in members)
        if found is None or found.anchored < 6 or not found.chars or sorted(found.chars) == sorted(written):
            continue
        if written in found.chars or found.chars in written:
            continue  # 联席会议 for 信访工作联席会议: short of the text, not a different answer
        if any(group_fits((left, members, right), answers, p) for p in corpus.passages):
            break  # the answer reads as the text in another provision: the stem is ambiguous
        shown = "、".join(question.answer[i] for i in members)
        where = "、".join(f"第{i + 1}空" for i in members)
        return wrong(question, best, f"{where}原文为“{found.words}”，答案写的是“{shown}”")
    return unknown(question, "填入答案后与原文对不上，也无法确定原文此处的用词", best)
