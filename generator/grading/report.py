"""What `grade` writes: results.csv (UTF-8 with BOM, for Excel), report.html (offline, inline SVG charts)
and the tables printed in the terminal (rich).

Written for a trainer: questions are named by their number on the paper, the first words of the stem and
the article; every statistic has one plain-Chinese line saying what it means and what to do; figures are
shown with 2 decimals and flags are decided on that shown value (results.shown).
"""

from __future__ import annotations

import functools
import io
import re
from html import escape

from .. import csvsafe
from .answers import plain_text
from .results import EASY, HARD, LOW_DISCRIMINATION, TYPE_LABELS, ItemStats, Results, shown

TERMINAL_PEOPLE = 30  # more people than this: the terminal shows the top of the ranking only
REPORT_PEOPLE = 1000  # the report's ranking stops here; results.csv has everyone
STEM_WORDS = 18  # characters of the stem that name a question
# Digit strings Excel would mangle: a leading 0 (工号 0012345) or 11 digits and more (手机号, 身份证号),
# which Excel shows as 1.38E+10.
_EXCEL_TEXT = re.compile(r"^(0\d+|\d{11,})$")

EXPLAIN = {
    "答对率": f"答对率 = 平均得分 ÷ 分值。高于 {EASY:.2f}：几乎人人会，可换难一些的题；低于 {HARD:.2f}："
              "多数人不会，这部分要重讲，也请核对答案是否有误。",
    "区分度": f"区分度 = 本题得分与其余各题总分的相关系数（−1 到 1）。区分度低于 {LOW_DISCRIMINATION:.2f}：这道题答对与否和总分关系不大，"
              "检查题干是否有歧义；为负：总分高的人反而答错，先核对答案和出处。",
    "区分效率": "区分效率 = 区分度占本题可能达到的最大值的比例，越接近 1 越好；很低说明这道题没能把学得好和学得差的人分开。",
    "信度": "信度（KR-20，题目有部分得分时为 Cronbach α）：全卷是否一致地测出掌握程度。0.7 以上较可靠；"
            "低于 0.5 时分数受偶然因素影响大，名次不宜作为唯一依据，可增加题量或替换区分度低的题。",
    "标准差": "标准差：分数的分散程度。很小说明大家分数接近，试卷没能拉开差距；很大说明掌握程度差别大，可分层培训。",
    "薄弱条文": "按条文汇总各题的答对率，最低的在前：这些条文是下次培训的重点。",
}


@functools.lru_cache(maxsize=4096)  # results.csv formats the same few scores a million times
def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _stat(value: float | None) -> str:
    """A statistic as shown (always 2 decimals: 0.30, not 0.3), the value its flags were decided on."""
    value = shown(value)
    return "—" if value is None else f"{value:.2f}"


def question_label(item: ItemStats) -> str:
    """第 3 题（B 卷第 7 题）：信访人一般应当采用……（第十九条） — how a trainer finds the question."""
    numbers = list(item.numbers.items())
    first = f"第 {numbers[0][1]} 题" if len(numbers) == 1 else f"{numbers[0][0]} 卷第 {numbers[0][1]} 题"
    others = "、".join(f"{variant} 卷第 {number} 题" for variant, number in numbers[1:])
    stem = item.stem.replace("____", "＿＿").replace("\n", " ").strip()
    words = (stem[:STEM_WORDS] + "……" if len(stem) > STEM_WORDS else stem) if stem else item.id
    where = "、".join(item.articles)
    return f"{first}{f'（{others}）' if others else ''}：{words}" + (f"（{where}）" if where else "")


def results_csv(results: Results, field_names: list[str]) -> str:
    """One row per person by rank: 名次, identity columns, 卷型, 总分, subtotal per type, then the points
    on each question (by the number on the first variant). Write it with encoding "utf-8-sig"."""
    buffer = io.StringIO()
    write_results_csv(results, field_names, buffer)
    return buffer.getvalue()


def write_results_csv(results: Results, field_names: list[str], handle) -> None:
    """results_csv written row by row to an open text file (newline=""), for classes of any size. Text
    from the candidates is neutralised (csvsafe); 工号 0012345 and 11-digit phone numbers stay text."""
    types = [t for t in TYPE_LABELS if any(item.type == t for item in results.items)]
    first_variant = next(iter(results.items[0].numbers)) if results.items else "A"
    writer = csvsafe.writer(handle, lineterminator="\r\n")
    writer.writerow(["名次", *field_names, "卷型", "总分", *(f"{TYPE_LABELS[t]}得分" for t in types),
                     *(f"第{item.numbers[first_variant]}题（{item.id}）" for item in results.items)])
    for person in results.people:
        fields = person.response.fields
        cells = [fields.get(name, "") for name in field_names]
        raw = frozenset(index + 1 for index, cell in enumerate(cells) if _EXCEL_TEXT.match(cell))
        writer.writerow([person.rank, *(f'="{cell}"' if index + 1 in raw else cell for index, cell in enumerate(cells)),
                         person.response.variant, _fmt(person.score),
                         *(_fmt(person.subtotals.get(t, 0.0)) for t in types),
                         *map(_fmt, person.item_scores)], raw=raw)


def print_summary(results: Results, console) -> None:
    """Ranking, test statistics with what they mean, flagged questions and the weakest articles, as rich
    tables. Names and units are shown as plain text (rich markup in them is not interpreted)."""
    from rich.table import Table
    from rich.text import Text

    from ..terminal import print_paragraph

    test = results.test
    console.print(Text(f"共 {test.count} 人，满分 {_fmt(test.max_score)}，平均分 {_fmt(test.mean)}，标准差 {_fmt(test.sd)}，"
                       f"{test.alpha_name} = {_stat(test.alpha)}"))
    print_paragraph(console, EXPLAIN["信度"])
    weak = Table(title="下次培训重点")
    for column in ("条文", "题数", "答对率"):
        weak.add_column(column)
    for spot in results.articles[:10]:
        weak.add_row(Text(spot.label), str(spot.questions), _stat(spot.facility))
    console.print(weak)
    print_paragraph(console, EXPLAIN["薄弱条文"])
    ranking = Table(title="成绩排名")
    for column in ("名次", "姓名", "单位", "卷型", "总分"):
        ranking.add_column(column, justify="right" if column in ("名次", "总分") else "left")
    for person in results.people[:TERMINAL_PEOPLE]:
        fields = person.response.fields
        ranking.add_row(str(person.rank), Text(plain_text(fields.get("姓名", ""))),
                        Text(plain_text(fields.get("单位", ""))), Text(person.response.variant), _fmt(person.score))
    console.print(ranking)
    if len(results.people) > TERMINAL_PEOPLE:
        console.print(Text(f"（仅列前 {TERMINAL_PEOPLE} 名，完整名单见 results.csv）"))
    flagged = [item for item in results.items if item.flags]
    if flagged:
        table = Table(title="需关注的题目")
        for column in ("题目", "答对率", "区分度", "提示"):
            table.add_column(column)
        for item in flagged:
            table.add_row(Text(question_label(item)), _stat(item.facility), _stat(item.discrimination),
                          Text("；".join(item.flags)))
        console.print(table)
        for name in ("答对率", "区分度"):
            print_paragraph(console, EXPLAIN[name])


def _numbers(numbers: dict[str, int]) -> str:
    return " ".join(f"{variant}{number}" for variant, number in numbers.items())


def _explain(name: str) -> str:
    return f'<p class="explain">{escape(EXPLAIN[name])}</p>'


def render_report(results: Results, title: str) -> str:
    """report.html: summary, the weakest articles, score histogram and facility-by-chapter chart (inline
    SVG), question statistics with flags, and the ranking (the first REPORT_PEOPLE). No script, no
    external file. One explaining line under each statistic."""
    test = results.test
    people = results.people
    shown_people = people[:REPORT_PEOPLE]
    more = (f'<p class="note">仅列前 {REPORT_PEOPLE} 名，完整名单见 results.csv。</p>'
            if len(people) > REPORT_PEOPLE else "")
    parts = [
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">',
        f"<title>{escape(title)} 成绩分析</title>\n<style>{_CSS}</style>\n</head>\n<body>",
        f"<h1>{escape(title)} 成绩分析</h1>",
        f'<p class="summary">共 <b data-count>{test.count}</b> 人；满分 {_fmt(test.max_score)}；平均分 '
        f"<b>{_fmt(test.mean)}</b>；标准差 {_fmt(test.sd)}；{test.alpha_name} = {_stat(test.alpha)}</p>",
        _explain("标准差"), _explain("信度"),
        '<h2 id="weak-articles">下次培训重点：答对率最低的条文</h2>', _explain("薄弱条文"),
        _table(["条文", "题数", "答对率"], [[s.label, s.questions, _stat(s.facility)] for s in results.articles],
               attrs='class="weak" data-table="articles"'),
        "<h2>分数分布</h2>", _histogram(results),
        "<h2>各章答对率</h2>", _bars(results.chapters),
        _table(["章", "题数", "答对率"], [[s.label, s.questions, _stat(s.facility)] for s in results.chapters]),
        "<h2>题目分析</h2>", _explain("答对率"), _explain("区分度"), _explain("区分效率"),
        _table(["题目", "题型", "答对率", "区分度", "区分效率", "选项分布", "提示"],
               [[question_label(i), TYPE_LABELS[i.type], _stat(i.facility), _stat(i.discrimination),
                 _stat(i.efficiency), _shares_text(i), "；".join(i.flags)]
                for i in results.items], flagged=[bool(i.flags) for i in results.items],
               attrs='data-table="items"'),
        "<h2>成绩排名</h2>", more,
        _table(["名次", "姓名", "单位", "卷型", "总分"],
               [[p.rank, plain_text(p.response.fields.get("姓名", "")), plain_text(p.response.fields.get("单位", "")),
                 p.response.variant, _fmt(p.score)] for p in shown_people]),
        "</body>\n</html>\n",
    ]
    return "\n".join(parts)


def _shares_text(item: ItemStats) -> str:
    """选项分布: each option's share, the right ones marked （正确） so a trainer sees which choice was right."""
    return "；".join(f"{label}{'（正确）' if label in item.correct else ''} {share:.0%}"
                    for label, share in item.shares.items())


def _table(header: list[str], rows: list[list], flagged: list[bool] | None = None, attrs: str = "") -> str:
    lines = [f"<table {attrs}>" if attrs else "<table>", "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr>"]
    for index, row in enumerate(rows):
        mark = ' class="flagged"' if flagged and flagged[index] else ""
        lines.append(f"<tr{mark}>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def _histogram(results: Results, bins: int = 10) -> str:
    top = results.test.max_score or 1
    counts = [0] * bins
    scores = getattr(results.people, "totals", None)
    for score in (scores if scores is not None else (person.score for person in results.people)):
        counts[min(int(score / top * bins), bins - 1)] += 1
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
.explain { color: #444; font-size: 0.9em; margin: 0.2em 0 0.6em; }
@media print { h2 { break-after: avoid; } tr, svg { break-inside: avoid; } }
"""
