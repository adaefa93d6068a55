"""Choice questions whose stem is no sentence of the text (a case, a paraphrase), checked among the provisions
the question cites: is the key the cited text's own words, and is every other option not?

An option is *in* the cited text when its words stand there (whole, or every part of it: 姓名、住址; or
without the case's own subject: 赵某的姓名 → 姓名), *changed* when it is a provision with a number, a negation,
a modal verb or a body changed (statement.py, numbers.py), *out* when most of its words are not there at
all, and unsure otherwise. Only a clean split confirms a question; it never faults one (the case may call
for words the cited text does not have), so anything else is left to the caller as 无法核对.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from . import changes
from .blanks import key_of
from .keys import bigrams, make_key
from .locate import Corpus, Passage
from .numbers import number_conflict
from .questions import LintQuestion
from .roles import with_roles
from .statement import CHANGED, TEXT, judge_statement

IN, CHANGED_OPTION, OUT, UNSURE = "in", "changed", "out", "unsure"
PARTS_RE = re.compile(r"[、，,；;]|以及|或者|并且|和|及|并")
# 赵某的姓名, 市自然资源局的上一级机关、单位: the case's own subject before 的.
SUBJECT_RE = re.compile(r"^(?:[^的]{0,6}某|[县市省镇乡区村甲乙丙该][^的]{0,8})的")
# The last clause of a stem asks for what is not so: 不属于, 错误的是 ….
NEGATIVE_RE = re.compile(r"不属于|不包括|不是|错误|不正确|不符合|不准确|除外|不在")
OUT_SHARE = 0.7


def classify(option: str, cited: Corpus, stem: str = "") -> tuple[str, Passage | None]:
    """IN / CHANGED_OPTION / OUT / UNSURE for one option among the cited provisions, with the line that
    decided it (None for OUT and UNSURE); `stem`, when given, names the level of the case's bodies."""
    key = key_of(option)
    if len(key) < 2:
        return UNSURE, None
    pairing = _pairing(option, cited)
    if pairing is not None:
        return pairing
    for words in _readings(option, stem):
        place = _place(words, cited)
        if place is not None:
            return IN, place
    place = _elided(key, cited)
    if place is not None:
        return IN, place
    statement = make_key(option)
    conflict = number_conflict(statement, cited)
    if conflict is not None:
        return CHANGED_OPTION, conflict.passage
    if len(key) >= 6:
        finding = judge_statement(statement, cited)
        if finding.decision == CHANGED and finding.strong:
            return CHANGED_OPTION, finding.passage
        if finding.decision == TEXT:
            return IN, finding.passage
    place = _list_changed(option, cited)
    if place is not None:
        return CHANGED_OPTION, place
    grams = bigrams(key)
    have = set().union(*(p.grams for p in cited.passages)) if cited.passages else set()
    if grams and len(grams & have) / len(grams) < OUT_SHARE:
        return OUT, None
    place = _swapped(option, cited, stem)
    if place is not None:
        return CHANGED_OPTION, place
    if len(key) >= 8:  # a statement: 可以采纳 where the text has 应当采纳, 由A负责 where it has 由B
        change = changes.swapped_word(key, cited) or changes.other_body(option, cited) or changes.skipped_step(option, cited)
        if change is not None:
            return CHANGED_OPTION, change.passage
    return _by_clauses(option, cited, stem)


def _by_clauses(option: str, cited: Corpus, stem: str) -> tuple[str, Passage | None]:
    """An option of several clauses (2022年1月24日审议批准，2022年2月25日印发，……) the text has apart: IN when every
    clause is, CHANGED_OPTION when one is a changed provision; UNSURE otherwise."""
    clauses = [clause for clause in re.split(r"[，,；;]", option) if key_of(clause)]
    if len(clauses) < 2 or any(len(key_of(clause)) < 4 for clause in clauses):
        return UNSURE, None
    kinds = [classify(clause, cited, stem) for clause in clauses]
    changed = next((place for kind, place in kinds if kind == CHANGED_OPTION), None)
    if changed is not None:
        return CHANGED_OPTION, changed
    if all(kind == IN for kind, _ in kinds):
        return IN, kinds[0][1]
    return UNSURE, None


PAIR_RE = re.compile(r"\s*(?:——|—|－－|--)\s*")


def _pairing(option: str, cited: Corpus) -> tuple[str, Passage | None] | None:
    """An option that pairs two things, 信访部门——推动: IN when the text says them together (信访部门推动),
    CHANGED_OPTION when a line has both but each with something else (信访工作联席会议协调、信访部门推动 for
    信访工作联席会议——推动); None for an option that pairs nothing or whose halves the text lacks."""
    halves = [key_of(half) for half in PAIR_RE.split(option)]
    if len(halves) != 2:
        crossed = crossed_pair(key_of(option), cited)
        return (CHANGED_OPTION, crossed) if crossed is not None else None
    if not all(len(half) >= 2 for half in halves):
        return None
    first, second = halves
    for passage in cited.passages:
        if first + second in passage.key.chars:
            return IN, passage
    for passage in cited.passages:
        if first in passage.key.chars and second in passage.key.chars:
            return CHANGED_OPTION, passage
    return None


def crossed_pair(key: str, cited: Corpus) -> Passage | None:
    """The line where a case is joined to the consequence of another case of a parallel run, 生活困难的解决问题到位
    where the text says 诉求合理的解决问题到位、……生活困难的帮扶救助到位 (第二十七条): `key`'s X的 begins and its 的Y
    ends a member (or clause) of one line, each with something else. None otherwise."""
    cut = key.find("的")
    while 2 <= cut < len(key) - 2:
        case, consequence = key[:cut + 1], key[cut + 1:]
        for passage in cited.passages:
            text = passage.key
            at, to = text.chars.find(case), text.chars.find("的" + consequence)
            if at < 0 or to < 0 or case + consequence in text.chars:
                continue
            def edge(position: int) -> bool:
                return text.is_break(position) or position in text.lists

            ends = to + 1 + len(consequence)
            if edge(at) and edge(ends) and any(edge(p) for p in range(to, max(0, to - 12), -1)):
                return passage
        cut = key.find("的", cut + 1)
    return None


LIST_LEAST = 3  # members: a shorter run of 、 is a phrase, not the text's list


def _list_changed(option: str, cited: Corpus) -> Passage | None:
    """The line holding a list of the text of which the option, a list of LIST_LEAST or more members, says at
    least two members word for word and at least one that line does not have (党委统一领导、政府组织落实、
    信访部门协调…… where 第七条 has 信访工作联席会议协调、信访部门推动): a member changed, added or swapped."""
    members = [key_of(part) for part in option.split("、") if key_of(part)]
    if len(members) < LIST_LEAST:
        return None
    for passage in cited.passages:
        found = [member for member in members if member in passage.key.chars]
        if len(found) >= 2 and len(found) < len(members):
            return passage
    return None


def _swapped(option: str, cited: Corpus, stem: str) -> Passage | None:
    """The line that has the option with one of changes.SWAPS undone, when the option itself is not there."""
    for said, text in changes.SWAPS:
        start = option.find(said)
        while start >= 0:
            other = option[:start] + text + option[start + len(said):]
            for words in _readings(other, stem):
                place = _place(words, cited)
                if place is not None:
                    return place
            start = option.find(said, start + 1)
    return None


def _elided(key: str, cited: Corpus) -> Passage | None:
    """The line that has the option with other members of its list left out (政策性信访突出问题 in
    政策性、群体性信访突出问题; 通报本级…办公室 in 通报相关主管部门和本级…办公室): the option in two pieces,
    in order, with what lies between them starting or ending at a list mark or 和/及/或者."""
    for cut in range(2, len(key) - 1):
        head, tail = key[:cut], key[cut:]
        for passage in cited.passages:
            text = passage.key
            start = text.chars.find(head)
            while start >= 0:
                gap_start = start + len(head)
                gap_end = text.chars.find(tail, gap_start + 1)
                if 0 < gap_end - gap_start <= 20 and not any(text.is_break(p)
                                                           for p in range(gap_start + 1, gap_end)):
                    between = text.chars[gap_start:gap_end]
                    if gap_start in text.lists or gap_end in text.lists or between.startswith(
                            ("和", "及", "或者")) or between.endswith(("和", "及", "或者")):
                        return passage
                start = text.chars.find(head, start + 1)
    return None


# The petitioner of a case as the text names him: 引导王某向…… is the text's 引导其向……, 告知群众向…… its
# 告知信访人向…….
PERSON_RE = re.compile(r"[^县市省镇乡区村\W\d]某某?(?![局委厅办所站院中公部机单村镇乡])")
PETITIONER_WORDS = ("群众", "当事人", "写信人", "来访人", "来访群众", "反映人")


LEVELS = "省市县区乡镇"


def own_level(option: str, stem: str) -> str:
    """The option with the party committee and government of the case's own level named as the text names
    them (县委和县政府 → 本级党委和政府), when the stem speaks of bodies of that one level only (县委信访局, 县水利局;
    a stem naming 县 and 市, or none, leaves the option as it is)."""
    levels = {level for level in LEVELS if level in stem}
    if levels in ({"乡", "镇"},):
        levels = {"乡"}
    if len(levels) != 1:
        return option
    level = next(iter(levels))
    names = "|".join(f"{level}{name}" for name in ("级党委和政府", "委和{0}政府", "委、{0}政府", "委{0}政府",
                                                   "党委和{0}政府", "委和政府", "党委和政府"))
    return re.sub(names.replace("{0}", level), "本级党委和政府", option)


def _readings(option: str, stem: str = "") -> list[list[str]]:
    """The ways an option may stand in the text, each a list of keys that must all be there: whole, cut at
    its list marks, without a subject of the case (赵某的), and with the case's petitioner named as the text
    names him (王某 → 其, 群众 → 信访人)."""
    role = with_roles(option, stem)
    # A body the case gives a role is read as that role only: 县自然资源局的上一级机关、单位 is no 上一级机关、单位.
    readings = _plain_readings(option) if role == option else []
    renamed = PERSON_RE.sub("其", own_level(role, stem))
    for word in PETITIONER_WORDS:
        renamed = renamed.replace(word, "信访人")
    if renamed != option:
        readings += _plain_readings(renamed)
    if renamed.startswith("其") and len(renamed) > 3:
        readings += _plain_readings(renamed[1:])  # 吴某可以……请求复查: the petitioner, the text's subject, said first
    return readings


# 适用于情况复杂的信访事项 (key characters): the rule the stem names applies under a condition of the text.
APPLIES_RE = re.compile(r"^适用于(.{2,12}的)(?:信访事项|事项|情形)$")


def _plain_readings(option: str) -> list[list[str]]:
    whole = key_of(option)
    readings = [[whole]]
    condition = APPLIES_RE.match(whole)
    if condition:
        readings.append([condition.group(1)])  # 适用于情况复杂的信访事项: the text's condition 情况复杂的，……
    if whole.startswith(("均", "都")) and len(whole) > 3:
        readings.append([whole[1:]])  # 均不再受理: the case's several bodies, each doing what the text says
    parts = [key_of(part) for part in PARTS_RE.split(option) if key_of(part)]
    if len(parts) > 1 and all(len(part) >= 2 for part in parts):
        readings.append(parts)
    subject = SUBJECT_RE.match(option)
    if subject:
        rest = option[subject.end():]
        if len(key_of(rest)) >= 2:
            readings.append([key_of(rest)])
            rest_parts = [key_of(part) for part in PARTS_RE.split(rest) if key_of(part)]
            if len(rest_parts) > 1 and all(len(part) >= 2 for part in rest_parts):
                readings.append(rest_parts)
    return readings


def _place(words: list[str], cited: Corpus) -> Passage | None:
    """The first cited line that holds the first of `words`, when every one of them is in the cited text."""
    places = []
    for word in words:
        place = next((p for p in cited.passages if word in p.key.chars), None)
        if place is None:
            return None
        places.append(place)
    return places[0]


def ground_choice(question: LintQuestion, stem: str, cited: Corpus) -> tuple[bool, Passage | None]:
    """(True, the line of the key) when the key is the cited text's words and no other option is; a
    negative stem (不属于……的是) the other way round. (False, None) otherwise."""
    expected, place = expected_key(question, stem, cited)
    if expected is None or expected != question.keyed():
        return False, None if expected is None else place
    return True, place


def expected_key(question: LintQuestion, stem: str, cited: Corpus) -> tuple[set[str] | None, Passage | None]:
    """The options the cited text makes right (its words, no other option's; for a negative stem the others),
    with the line that shows it; (None, None) when the text does not single them out. For a single choice whose
    options are several of them, the one the stem's words stand next to (associated); its line is returned
    even when that one is not the key."""
    if not cited.passages or question.type not in ("single", "multiple"):
        return None, None
    last = re.split(r"[，。；：,]", stem.rstrip("，。；：,"))[-1]
    negative = bool(NEGATIVE_RE.search(last))
    kinds = {option: classify(option, cited, stem) for option in question.options}
    keyed = question.keyed()
    inside = {option for option, (kind, _) in kinds.items() if kind == IN}
    if question.type == "single" and not negative and len(inside) > 1 and keyed <= inside:
        whole = [o for o in inside if all(key_of(other) in key_of(o) for other in inside)]
        if len(whole) == 1:
            # 国务院 and 中共中央、国务院: the others are pieces of one option, the text's whole words.
            return set(whole), kinds[whole[0]][1]
        # Several options are the text's words: the one the stem's words stand next to in the text.
        chosen, place = associated(stem, inside, cited)
        return ({chosen}, place) if chosen is not None else (None, None)
    if any(kind == UNSURE for kind, _ in kinds.values()):
        return None, None
    expected = (set(question.options) - inside) if negative else inside
    if question.type == "multiple" and not negative and keyed < inside:
        expected = _lines_spoken_of(stem, inside, kinds)
    if not expected or (question.type == "single" and len(expected) != 1):
        return None, None
    place = next((kinds[o][1] for o in sorted(expected) if kinds[o][1] is not None), None)
    if place is None:
        place = next((p for _, p in kinds.values() if p is not None), None)
    return (expected, place) if place is not None else (None, None)


SPOKEN_OF, NOT_SPOKEN_OF = 6, 4


def _lines_spoken_of(stem: str, inside: set[str], kinds: dict) -> set[str]:
    """Of a multiple choice's options that all stand in the cited text, those on the lines whose words the stem
    repeats (SPOKEN_OF characters in a row: 向社会公布 of 各级机关、单位应当向社会公布……), when every other one
    stands on a line the stem does not speak of (fewer than NOT_SPOKEN_OF in a row); else all of them."""
    stem_key = make_key(stem).chars
    runs = {}
    for option in inside:
        line = kinds[option][1]
        if line is not None and id(line) not in runs:
            match = SequenceMatcher(None, stem_key, line.key.chars, autojunk=False).find_longest_match(
                0, len(stem_key), 0, len(line.key.chars))
            runs[id(line)] = match.size
    spoken = {o for o in inside if kinds[o][1] is not None and runs[id(kinds[o][1])] >= SPOKEN_OF}
    rest = inside - spoken
    if spoken and all(kinds[o][1] is not None and runs[id(kinds[o][1])] < NOT_SPOKEN_OF for o in rest):
        return spoken
    return inside


# Characters of the text next to an option, within its own list element, that the stem must repeat for the
# option to be the one the stem speaks of (信访部门 before 推动 for 信访部门发挥（　）作用).
NEIGHBOUR = 8
LEAST_ASSOCIATION = 2
# Words every provision has: a stem's 应当（　） does not point to the item whose option follows 应当
# (（二）……应当作出解释说明 is not the case of a stem about a request that is well founded).
FUNCTION_WORDS = {"应当", "可以", "不得", "予以", "依法", "及时", "或者", "以及", "并且", "有关", "进行", "按照",
                  "依照", "对于", "其他", "相关", "并", "由", "的"}


def associated(stem: str, options: set[str], cited: Corpus) -> tuple[str | None, Passage | None]:
    """Among options that all stand in the cited text, the one whose neighbours there the stem repeats,
    when it is clearly that one (runs of 2 characters or more on either side, at least 2 more than any other
    option's); (None, None) otherwise."""
    stem_key = make_key(stem).chars
    negated = re.compile(r"[不未非没无]$")
    scores: dict[str, tuple[int, Passage | None]] = {}
    for option in options:
        # The option as the text has it (甲、乙两机关共同的上一级机关 is the text's 共同的上一级机关).
        word = next((reading[0] for reading in _readings(option, stem) if len(reading) == 1
                     and any(reading[0] in p.key.chars for p in cited.passages)), key_of(option))
        best: tuple[int, Passage | None] = (0, None)
        for passage in cited.passages:
            key = passage.key
            position = key.chars.find(word)
            while position >= 0:
                end = position + len(word)
                left = _element(key, position, -1)
                right = _element(key, end, 1)
                runs = (_repeated(left, stem_key, negated, reverse=True), _repeated(right, stem_key, negated))
                words = (left[:runs[0]][::-1], right[:runs[1]])
                run = sum(size for size, said in zip(runs, words)
                          if size >= LEAST_ASSOCIATION and said not in FUNCTION_WORDS)
                if run > best[0]:
                    best = (run, passage)
                position = key.chars.find(word, position + 1)
        scores[option] = best
    ranked = sorted(scores.items(), key=lambda pair: -pair[1][0])
    (option, (score, passage)), rest = ranked[0], ranked[1:]
    if score < LEAST_ASSOCIATION or any(other[0] > score - LEAST_ASSOCIATION for _, other in rest):
        return _by_lead_in(stem_key, options, cited)
    return option, passage


LEAD_SHARE = 0.6


def _by_lead_in(stem: str, options: set[str], cited: Corpus) -> tuple[str | None, Passage | None]:
    """The option that is the subject of a lead-in (……履行下列职责：) one of whose items the stem states
    (领导组织信访工作责任制落实、督导考核等工作的是（　）), when exactly one option is so."""
    option_grams = set().union(*(bigrams(key_of(option)) for option in options))
    wanted = bigrams(stem) - option_grams
    if len(wanted) < 4:
        return None, None
    lines = cited.every if cited.every is not None else cited.passages
    found = []
    for option in options:
        word = key_of(option)
        for passage in cited.passages:
            if not passage.lead or word not in passage.key.chars:
                continue
            items = [lines[index] for index in passage.items]
            if any(len(wanted & item.grams) / len(wanted) >= LEAD_SHARE for item in items):
                found.append((option, passage))
                break
    if len(found) != 1:
        return None, None
    return found[0]


def _element(key, start: int, step: int) -> str:
    """Up to NEIGHBOUR characters from `start` leftward (step -1) or rightward (1), within the list element
    and clause: the words that belong with the option."""
    chars, out, position = key.chars, [], start
    while len(out) < NEIGHBOUR:
        if step < 0:
            if position <= 0 or key.is_break(position) or position in key.lists:
                break
            position -= 1
            out.append(chars[position])
        else:
            if position in key.lists and chars[position - 2:position + 2] == "机关单位":
                position += 2  # 上一级机关、单位决定……: 机关、单位 is one term of the text, not two members
                continue
            if position >= len(chars) or key.is_break(position) or position in key.lists:
                break
            out.append(chars[position])
            position += 1
    return "".join(out)


def _repeated(neighbour: str, stem: str, negated, reverse: bool = False) -> int:
    """The longest run of `neighbour` next to the option (its start; for a left neighbour, given reversed,
    its end) that the stem has, unless the stem negates it (不构成犯罪 does not repeat 构成犯罪)."""
    for size in range(len(neighbour), 0, -1):
        run = neighbour[:size][::-1] if reverse else neighbour[:size]
        position = stem.find(run)
        while position >= 0:
            if not negated.search(stem[:position]):
                return size
            position = stem.find(run, position + 1)
    return 0
