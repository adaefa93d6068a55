"""The roles a case gives its bodies, in the regulation's own terms: the body whose 信访处理意见 the petitioner
contests is the 原办理机关、单位 (第三十五条), the one that made the 复查意见 the 复查机关、单位 (第三十六条), the one
that made the 复核意见 the 复核机关、单位. An option naming the case's body (县自然资源局的上一级机关、单位) is read
with the role (原办理机关、单位的上一级机关、单位), as the text says it."""

from __future__ import annotations

import re

# 县自然资源局, 市人社局, 省自然资源厅: a body of a case, where a name can begin (after punctuation, 不服, 向, 由).
BODY = (r"(?:(?<![\u4e00-\u9fa5])|(?<=不服)|(?<=向)|(?<=由))[县市省区镇乡][\u4e00-\u9fa5]{1,8}?"
        r"(?:局|委员会|委|厅|中心|政府|办)")
ROLE_PATTERNS = (
    (re.compile(rf"不服({BODY})(?:出具|作出|提出)?的(?:信访)?处理意见"), "原办理机关、单位"),
    (re.compile(rf"({BODY})(?:出具|作出|提出)(?:了)?(?:的)?(?:信访)?处理意见"), "原办理机关、单位"),
    (re.compile(rf"({BODY})(?:作出|提出)(?:了)?(?:的)?复查意见"), "复查机关、单位"),
    (re.compile(rf"({BODY})(?:作出|提出)(?:了)?(?:的)?复核意见"), "复核机关、单位"),
)


def case_roles(stem: str) -> dict[str, str]:
    """{body named in the case: its role in the regulation's words}; a body given two roles is left out."""
    found: dict[str, set[str]] = {}
    for pattern, role in ROLE_PATTERNS:
        for match in pattern.finditer(stem):
            found.setdefault(match.group(1), set()).add(role)
    return {body: next(iter(roles)) for body, roles in found.items() if len(roles) == 1}


def with_roles(option: str, stem: str) -> str:
    """`option` with each body the stem gives a role named by that role (longest names first)."""
    for body, role in sorted(case_roles(stem).items(), key=lambda pair: -len(pair[0])):
        option = option.replace(body, role)
    return option
