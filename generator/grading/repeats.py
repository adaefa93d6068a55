"""Rows sent twice: the same person, variant and answers on two lines of one sheet (a 问卷星 form submitted
again, a row pasted twice). The later copy is dropped so it is not scored, ranked or counted in the item
statistics twice.

The table keeps one 64-bit hash per row while reading (8 bytes a person); only rows whose hashes collide are
compared in full, so a million-row sheet needs no per-row Python objects.
"""

from __future__ import annotations

import itertools
from collections import defaultdict


def row_hash(variant: int, fields: str, codes: list[int]) -> int:
    """The hash of one row as AnswerTable stores it: variant index, joined identity texts, answer codes."""
    return hash((variant, fields, tuple(codes)))


def drop_repeated_rows(table) -> list[tuple[int, int]]:
    """Remove from `table` (an AnswerTable) each row identical to an earlier one and return
    [(line, earlier line)] in sheet order. Rows with an empty identity are kept: two anonymous people may
    give the same answers, and so may two people who share only a 单位."""
    hashes = table.row_hashes
    ordered = sorted(hashes)
    collided = {a for a, b in itertools.pairwise(ordered) if a == b}
    del ordered
    if not collided:
        return []
    groups: dict[int, list[int]] = defaultdict(list)
    for index, value in enumerate(hashes):
        if value in collided:
            groups[value].append(index)
    dropped: dict[int, int] = {}
    for indexes in groups.values():
        for position, index in enumerate(indexes):
            if not _named(table, index):
                continue
            earlier = next((other for other in indexes[:position]
                            if other not in dropped and _same(table, other, index)), None)
            if earlier is not None:
                dropped[index] = earlier
    if not dropped:
        return []
    pairs = sorted((table.lines[index], table.lines[earlier]) for index, earlier in dropped.items())
    _compact(table, sorted(dropped))
    return pairs


GROUP_WORDS = ("单位", "部门", "科室", "班级", "组别", "地区", "职务", "卷型")


def _named(table, index: int) -> bool:
    """True when row `index` names a person: a field other than a group (单位, 部门 …) has text."""
    fields = table.fields[index].split(table.separator)
    return any(text.strip() for name, text in zip(table.field_names, fields, strict=True)
               if not any(word in name for word in GROUP_WORDS))


def _same(table, first: int, second: int) -> bool:
    return (table.variants[first] == table.variants[second] and table.fields[first] == table.fields[second]
            and all(column[first] == column[second] for column in table.codes))


def _compact(table, dropped: list[int]) -> None:
    """Delete rows `dropped` (ascending) from every per-person column, copying the kept runs as slices."""
    bounds = [-1, *dropped, len(table.lines)]
    runs = [(start + 1, end) for start, end in itertools.pairwise(bounds) if end > start + 1]

    def kept(column):
        result = column[0:0]
        for start, end in runs:
            result += column[start:end]
        return result

    table.lines = kept(table.lines)
    table.variants = kept(table.variants)
    table.fields = kept(table.fields)
    table.row_hashes = kept(table.row_hashes)
    table.codes = [kept(column) for column in table.codes]
