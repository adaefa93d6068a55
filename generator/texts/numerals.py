"""Chinese numerals as used in article and chapter numbers (一 … 九十九, 一百零一 …)."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)


def parse_chinese_number(text: str) -> int:
    """'十七' -> 17, '三十一' -> 31, '一百零一' -> 101. Raises ValueError on anything else."""
    if not text or any(ch not in DIGITS and ch not in UNITS for ch in text):
        raise ValueError(f"不是中文数字：{text!r}")
    total, digit = 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * UNITS[ch]
            digit = None
    return total + (digit or 0)


def to_chinese_number(number: int) -> str:
    """17 -> '十七', 31 -> '三十一', 101 -> '一百零一' (the forms used in 第X条)."""
    if not 0 < number < 1000:
        raise ValueError(f"out of range: {number}")
    names = "零一二三四五六七八九"
    hundreds, rest = divmod(number, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += names[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else names[tens]) + "十"
    if ones:
        out += names[ones]
    return out
