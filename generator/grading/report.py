"""What `grade` writes: results.csv (UTF-8 with BOM, for Excel), report.html (offline, inline SVG charts)
and the tables printed in the terminal (rich)."""

from __future__ import annotations

import csv
import functools
import io
import re
from html import escape

from .results import TYPE_LABELS, Results

TERMINAL_PEOPLE = 30  # more people than this: the terminal shows the top of the ranking only
# Digit strings Excel would mangle: a leading 0 (工号 0012345) or too long for a number (身份证号).
_EXCEL_TEXT = re.compile(r"^(0\d+|\d{12,})$")


@functools.lru_cache(maxsize=4096)  # results.csv formats the same few scores a million times
def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def results_csv(results: Results, field_names: list[str]) -> str:
    """One row per person by rank: 名次, identity columns, 卷型, 总分, subtotal per type, then the points
    on each question (by the number on the first variant). Write it with encoding "utf-8-sig"."""
    types = [t for t in TYPE_LABELS if any(item.type == t for item in results.items)]
    first_variant = next(iter(results.items[0].numbers)) if results.items else "A"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["名次", *field_names, "卷型", "总分", *(f"{TYPE_LABELS[t]}得分" for t in types),
                     *(f"第{item.numbers[first_variant]}题（{item.id}）" for item in results.items)])
    for person in results.people:
        fields = [_excel_text(person.response.fields.get(name, "")) for name in field_names]
        writer.writerow([person.rank, *fields, person.response.variant, _fmt(person.score),
                         *(_fmt(person.subtotals.get(t, 0.0)) for t in types),
                         *map(_fmt, person.item_scores)])
    return buffer.getvalue()


def _excel_text(value: str) -> str:
    # ="0012345" is how a CSV tells Excel "this is text"; other programs show the digits after =.
    return f'="{value}"' if _EXCEL_TEXT.match(value) else value


def print_summary(results: Results, console) -> None:
    """Ranking, test statistics, flagged questions and the weakest articles, as rich tables."""
    from rich.table import Table

    test = results.test
    console.print(f"共 {test.count} 人，满分 {_fmt(test.max_score)}，平均分 {_fmt(test.mean)}，标准差 {_fmt(test.sd)}，"
                  f"{test.alpha_name} = {_fmt(test.alpha)}")
    ranking = Table(title="成绩排名")
    for column in ("名次", "姓名", "单位", "卷型", "总分"):
        ranking.add_column(column, justify="right" if column in ("名次", "总分") else "left")
    for person in results.people[:TERMINAL_PEOPLE]:
        fields = person.response.fields
        ranking.add_row(str(person.rank), fields.get("姓名", ""), fields.get("单位", ""), person.response.variant,
                        _fmt(person.score))
    console.print(ranking)
    if len(results.people) > TERMINAL_PEOPLE:
        console.print(f"（仅列前 {TERMINAL_PEOPLE} 名，完整名单见 results.csv）")
    flagged = [item for item in results.items if item.flags]
    if flagged:
        table = Table(title="需关注的题目")
        for column in ("题号", "题目ID", "答对率", "区分度", "提示"):
            table.add_column(column)
        for item in flagged:
            table.add_row(_numbers(item.numbers), item.id, _fmt(item.facility), _fmt(item.discrimination),
                          "；".join(item.flags))
        console.print(table)
    weak = Table(title="下次培训重点", caption="答对率最低的条文在前")
    for column in ("条文", "题数", "答对率"):
        weak.add_column(column)
    for spot in results.articles[:10]:
        weak.add_row(spot.label, str(spot.questions), _fmt(spot.facility))
    console.print(weak)


def _numbers(numbers: dict[str, int]) -> str:
    return " ".join(f"{variant}{number}" for variant, number in numbers.items())


def render_report(results: Results, title: str) -> str:
    """report.html: summary, score histogram and facility-by-chapter chart (inline SVG), question
    statistics with flags, weakness tables and the ranking. No script, no external file."""
    test = results.test
    parts = [
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">',
        f"<title>{escape(title)} 成绩分析</title>\n<style>{_CSS}</style>\n</head>\n<body>",
        f"<h1>{escape(title)} 成绩分析</h1>",
        f'<p class="summary">共 <b data-count>{test.count}</b> 人；满分 {_fmt(test.max_score)}；平均分 '
        f"<b>{_fmt(test.mean)}</b>；标准差 {_fmt(test.sd)}；{test.alpha_name} = {_fmt(test.alpha)}</p>",
        "<h2>分数分布</h2>", _histogram(results),
        "<h2>各章答对率</h2>", _bars(results.chapters),
        "<h2>下次培训重点：答对率最低的条文</h2>",
        _table(["条文", "题数", "答对率"], [[s.label, s.questions, _fmt(s.facility)] for s in results.articles]),
        "<h2>各章答对率（由低到高）</h2>",
        _table(["章", "题数", "答对率"], [[s.label, s.questions, _fmt(s.facility)] for s in results.chapters]),
        "<h2>题目分析</h2>",
        '<p class="note">答对率 = 平均得分 ÷ 分值；区分度 = 本题得分与其余题总分的相关系数（Moodle 的区分度指数）；'
        "区分效率 = 区分度占本题可达最大值的比例。答对率高于 0.9 或低于 0.2、区分度低于 0.3 或为负的题目已标出。</p>",
        _table(["题号", "题目ID", "题型", "出处", "答对率", "区分度", "区分效率", "选项分布", "提示"],
               [[_numbers(i.numbers), i.id, TYPE_LABELS[i.type], "、".join(i.articles), _fmt(i.facility),
                 _fmt(i.discrimination), _fmt(i.efficiency),
                 "；".join(f"{label} {share:.0%}" for label, share in i.shares.items()), "；".join(i.flags)]
                for i in results.items], flagged=[bool(i.flags) for i in results.items]),
        "<h2>成绩排名</h2>",
        _table(["名次", "姓名", "单位", "卷型", "总分"],
               [[p.rank, p.response.fields.get("姓名", ""), p.response.fields.get("单位", ""), p.response.variant,
                 _fmt(p.score)] for p in results.people]),
        "</body>\n</html>\n",
    ]
    return "\n".join(parts)


def _table(header: list[str], rows: list[list], flagged: list[bool] | None = None) -> str:
    lines = ["<table>", "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr>"]
    for index, row in enumerate(rows):
        mark = ' class="flagged"' if flagged and flagged[index] else ""
        lines.append(f"<tr{mark}>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def _histogram(results: Results, bins: int = 10) -> str:
    top = results.test.max_score or 1
    counts = [0] * bins
    for person in results.people:
        counts[min(int(person.score / top * bins), bins - 1)] += 1
    width, height, pad = 600, 220, 30
    peak = max(counts) or 1
    bar = (width - 2 * pad) / bins
    shapes = []
    for index, count in enumerate(counts):
        h = (height - 2 * pad) * count / peak
        x, y = pad + index * bar, height - pad - h
        low = top * index / bins
        shapes.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar - 4:.1f}" height="{h:.1f}" data-count="{count}">'
                      f"<title>{_fmt(low)}–{_fmt(low + top / bins)} 分：{count} 人</title></rect>")
        shapes.append(f'<text x="{x + bar / 2 - 2:.1f}" y="{height - pad + 14}" text-anchor="middle">{_fmt(low, 0)}</text>')
        if count:
            shapes.append(f'<text x="{x + bar / 2 - 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{count}</text>')
    return (f'<svg class="chart histogram" viewBox="0 0 {width} {height}" role="img" aria-label="分数分布直方图">'
            + "".join(shapes) + "</svg>")


def _bars(spots) -> str:
    width, row, label_width = 600, 26, 260
    height = row * len(spots) + 10
    shapes = []
    for index, spot in enumerate(spots):
        y = 5 + index * row
        w = (width - label_width - 50) * spot.facility
        shapes.append(f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end">{escape(spot.label)}</text>')
        shapes.append(f'<rect x="{label_width}" y="{y + 3}" width="{w:.1f}" height="{row - 8}">'
                      f"<title>{escape(spot.label)}：{_fmt(spot.facility)}</title></rect>")
        shapes.append(f'<text x="{label_width + w + 6:.1f}" y="{y + 16}">{spot.facility:.0%}</text>')
    return (f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="img" aria-label="各章答对率">'
            + "".join(shapes) + "</svg>")


_CSS = """
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em auto;
       max-width: 1100px; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
tr.flagged td { background: #fff4e0; }
.chart { width: 100%; max-width: 640px; display: block; font-size: 12px; }
.chart rect { fill: #3f6fb5; }
.note { color: #555; font-size: 0.9em; }
@media print { h2 { break-after: avoid; } tr, svg { break-inside: avoid; } }
"""
