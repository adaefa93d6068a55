"""The /competition/ page: a Markdown shell whose container carries the settings as JSON for console.js."""

from __future__ import annotations

import html
import json

from ..markdown import escape, front_matter
from .config import Competition

PAGE = "competition.md"
CONFIG_VERSION = 1
NOSCRIPT = ('<noscript><p class="xf-noscript">竞赛主持台需要浏览器启用 JavaScript。</p></noscript>')


def competition_data(competition: Competition) -> dict:
    """The settings as console.js reads them: rounds with their pools as question ids, in bank order."""
    rounds = []
    for round_ in competition.rounds:
        entry = {"name": round_.name, "kind": round_.kind, "seconds": round_.seconds,
                 "pool": list(round_.ids)}
        if round_.kind == "风险":
            entry["stakes"] = list(round_.stakes)
        elif round_.kind == "选题":
            entry.update(points=list(round_.tile_points) or round_.points, penalty=round_.penalty, tiles=round_.tiles)
        else:
            entry.update(points=round_.points, penalty=round_.penalty)
        if round_.kind == "抢答":
            entry["false_start"] = round_.false_start
        entry["per_team" if round_.per_team else "questions"] = round_.per_team or round_.questions
        rounds.append(entry)
    return {"version": CONFIG_VERSION, "title": competition.title, "minTeams": competition.min_teams,
            "maxTeams": competition.max_teams, "names": list(competition.names),
            "buzzers": list(competition.buzzers), "base": competition.base,
            "tiebreak": list(competition.tiebreak), "rounds": rounds}


def render_competition_page(competition: Competition) -> str:
    """competition.md: the console's container, with the settings in its data-config attribute.

    The JSON sits in an HTML-escaped attribute, not in a <script>, so no title or team name can end the
    element, and the search index does not pick it up as page text."""
    data = json.dumps(competition_data(competition), ensure_ascii=False, separators=(",", ":"))
    rules = "；".join(_rule(round_) for round_ in competition.rounds)
    summary = (f"竞赛主持台：每队起始 {competition.base} 分。{escape(rules)}。"
               "比赛记录每一步都保存在本机浏览器中，刷新或关闭页面后可以接着比；可以撤销、重做，"
               "导出 CSV 记录和 JSON 存档。按 ? 查看快捷键。")
    lines = front_matter("知识竞赛", quiz="console", hide=["toc", "navigation"]) + [
        f"# {escape(competition.title)}",
        "",
        summary,
        "",
        f'<div class="xf-console" data-config="{html.escape(data, quote=True)}">',
        NOSCRIPT,
        "</div>",
        "",
    ]
    return "\n".join(lines)


def _rule(round_) -> str:
    if round_.kind == "必答":
        return (f"{round_.name}每队轮流答 {round_.per_team} 题，答对 +{round_.points}"
                + (f"、答错 −{round_.penalty}" if round_.penalty else "") + f"，限时 {round_.seconds} 秒")
    if round_.kind == "抢答":
        return (f"{round_.name}共 {round_.questions} 题，答对 +{round_.points}、答错 −{round_.penalty}、"
                f"抢答犯规 −{round_.false_start}，限时 {round_.seconds} 秒")
    if round_.kind == "选题":
        points = "/".join(str(p) for p in sorted(set(round_.tile_points))) if round_.tile_points else str(round_.points)
        return (f"{round_.name}各队轮流从 {round_.tiles} 道题中选题，每队 {round_.per_team} 题，答对得该题分值"
                f"（{points} 分），限时 {round_.seconds} 秒")
    if round_.kind == "风险":
        stakes = "/".join(str(s) for s in round_.stakes)
        return (f"{round_.name}每队 {round_.per_team} 题，先选 {stakes} 分或放弃，答对加、答错扣所选分值，"
                f"限时 {round_.seconds} 秒")
    return f"并列时{round_.name}，并列的队伍答同一题，直到分出名次（最多 {round_.questions} 题）"
