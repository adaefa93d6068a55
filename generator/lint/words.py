"""The word classes statements are compared by: negations, absolute words, modal verbs and their kinds, fillers,
qualifiers, quantities, connectives; and the names of bodies and the one-character contrasts the text draws
(复查/复核, 上级/下级, 书面/口头). Lists are kept in key form (一律 → 1律, see keys.py)."""

from __future__ import annotations

import re

from .keys import make_key

NEGATIONS = ("不得", "不予", "不再", "不能", "不必", "不要", "无需", "无须", "没有", "禁止", "严禁", "不", "未", "无", "非",
             "勿", "免")
ABSOLUTES = ("一律", "只有", "只能", "只", "仅", "所有", "全部", "任何", "无论", "均", "都", "一切", "总是",
             "完全", "绝对", "唯一", "凡是", "一概", "全都", "统统", "凡", "始终")
MODALS = ("不得", "禁止", "严禁", "应当", "必须", "可以", "方可", "应", "须", "要", "需", "可")
# 应当, 必须 and the notice's 要 all oblige: swapping one for another is a rewording, not a change.
MODAL_KINDS = {"不得": "禁止", "禁止": "禁止", "严禁": "禁止", "应当": "应当", "必须": "应当", "应": "应当",
               "须": "应当", "要": "应当", "需": "应当", "可以": "可以", "方可": "可以", "可": "可以"}
# Differences that never change what a provision says.
FILLERS = {"的", "之", "了", "和", "与", "及", "或", "或者", "以及", "等", "其", "所", "并", "是", "应", "规定",
           "条例", "本条例", "的是", "有关", "相关", "中", "对", "在", "由", "为", "上", "即", "予以"}
QUALIFIERS = ("一般", "原则上", "可以", "适当", "依法", "按照规定", "及时")
# A quantity (15日, 5个工作日, 5人, 30日): a digit run before a unit. 之一 → 之1 or 第4条 are not quantities.
QUANTITY_RE = re.compile(r"(?<![第\d])\d+(?:个工作日|个月|日|人|年|月|天|次|名|小时|周|倍|%|万|元)")
# Words a statement may add to a provision without changing it, and the words that compare a quantity.
INSERTED = {"要求", "应当", "应", "要", "必须", "须", "经"}
REGULATION_NAME_RE = re.compile(r"(?:信访工作条例|本条例|条例)(?:于|由|是|的)?|于")
COMPARATIVES = {"超过", "少于", "多于", "低于", "高于", "不足", "以上", "以下", "以内", "之前", "之后", "不少于",
                "不超过", "不多于", "至少", "最多"}
# Ways of saying an upper limit (不得超过5人 = 最多为5人 = 至多5人) and of saying "every".
UPPER_LIMITS = {"不得超过", "不超过", "最多为", "最多", "至多", "最长为", "最长不超过", "最多不超过", "不多于"}
UNIVERSALS = ("任何", "所有", "各级", "一切", "凡是")
ALTERNATIVES = ("或者", "以及", "和", "及", "或", "与")  # 建议、意见或者 left out of 提出建议、意见或者投诉请求
CONNECTIVES = {"并", "并且", "而", "且", "则", "就", "也", "还", "又", "以", "从而", "进而"}
RECEIVING = ("接到", "收到")


def _keyed(words):
    """Word lists in key form, as the statements are compared (一律 → 1律, see keys.py)."""
    converted = [make_key(word).chars for word in words]
    return type(words)(converted) if not isinstance(words, set) else set(converted)


NEGATIONS, ABSOLUTES, MODALS, QUALIFIERS = map(_keyed, (NEGATIONS, ABSOLUTES, MODALS, QUALIFIERS))
FILLERS = _keyed(FILLERS)


# The names of bodies end so: 国家信访局, 国务院办公厅, 信访工作联席会议, 纪检监察机关, 人民法院 ….
BODY_ENDINGS = ("局", "部", "厅", "办", "委", "院", "会", "会议", "机关", "单位", "部门", "政府", "党委", "法院",
                "组织", "机构", "委员会", "办公室", "中心", "所")


# A case's own bodies and places: 县人社局, 某镇政府, 甲机关.
INSTANCES = ("县", "市", "省", "镇", "乡", "区", "村", "某", "甲", "乙", "丙", "该", "本县", "本市")
# A provision's generic bodies, which a case may name: 原办理机关、单位, 有权处理的机关、单位, 其上级机关 ….
GENERIC = ("原办理", "有权处理", "有关", "其", "上一级", "上级", "下级", "本级", "同级", "相关", "各级", "所涉及")


def is_body(words: str) -> bool:
    """True for the name of a body: 国家信访局, 信访工作联席会议, 各级党委和政府信访部门 (by its ending)."""
    return len(words) >= 2 and words.endswith(BODY_ENDINGS)


# Words naming a level of bodies (本级或者上一级机关、单位).
LEVELS = ("本级", "上级", "上一级", "下级", "同级")
# One-character swaps worth reporting: pairs the text itself contrasts (复查/复核, 上级/下级, 书面/口头 …).
CONTRASTS = [set("查核"), set("上下本同"), set("书口"), set("县市省乡"), set("受办"), set("前后"), set("内外"),
             set("多少"), set("长短"), set("增减")]


def single_char_swap(t_gap: str, s_gap: str) -> bool:
    return len(t_gap) == 1 and any({t_gap, s_gap} <= pair for pair in CONTRASTS)
