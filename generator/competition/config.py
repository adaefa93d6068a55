"""Read and check the competition settings (quizzes/competition.yml): teams, base score, rounds and pools.

The rules are those of issue 9 / DESIGN §6 and issue 16: 必答 (each team in turn, points, no penalty by
default), 抢答 (points, an equal penalty, a penalty for a false start; buzzer keys per team), 风险 (the team
stakes 10/20/30), 选题 (teams in turn pick a numbered tile from a board, points per tile), 加赛 (sudden death
for the teams tied at a place in `tiebreak`). Syntax errors and duplicate keys are reported in Chinese at
their line before anything is read. Every problem is reported as SourceError(file, line, "第N轮（名称）: reason") and the
build stops; a pool that cannot feed its round at the largest allowed number of teams is such a problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


from ..errors import SourceError, SourceErrors, display_path
from ..quiz.model import DIFFICULTIES, TYPE_NAMES, TYPES, Question
from ..yamlfile import YamlMap, load_yaml

COMPETITION_FILE = "competition.yml"  # in the banks' folder; quiz.model.NOT_BANKS leaves it out of the banks
KINDS = ("必答", "抢答", "风险", "选题", "加赛")
TOP_KEYS = ("title", "teams", "base", "tiebreak", "rounds")
TEAM_KEYS = ("min", "max", "names", "buzzers")
POOL_KEYS = ("types", "difficulty", "chapters")
NOTICE_SCOPE = "notice"
# Which settings each kind of round takes, and their defaults (issue 9's rules).
DEFAULTS: dict[str, dict[str, object]] = {
    "必答": {"per_team": 2, "points": 10, "penalty": 0, "seconds": 30},
    "抢答": {"questions": 10, "points": 10, "penalty": 10, "false_start": 10, "seconds": 20},
    "风险": {"per_team": 1, "stakes": [10, 20, 30], "seconds": 60},
    "选题": {"per_team": 1, "tiles": 12, "points": 10, "penalty": 0, "seconds": 45},
    "加赛": {"questions": 5, "points": 10, "penalty": 0, "seconds": 30},
}
TEAM_LIMITS = (2, 12)
# Buzzers (抢答器) send keys; the console's own keys (console.js HOST_LETTERS) are not allowed as buzzer keys.
HOST_LETTERS = "RNVUYFXQTHE"
DEFAULT_BUZZERS = ("A", "B", "C", "D", "G", "I", "J", "K", "L", "M", "W", "Z")
BUZZER_KEYS = tuple(c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in HOST_LETTERS) + tuple(f"F{n}" for n in range(1, 13))
MAX_SECONDS = 3600
MAX_POINTS = 1000


@dataclass
class Pool:
    """Which questions a round draws from; an empty tuple means "any"."""

    types: tuple[str, ...] = ()
    difficulty: tuple[int, ...] = ()
    chapters: tuple[str, ...] = ()  # "chapter-3" or "notice", as quiz.model.question_chapter names them

    def admits(self, question: Question, chapter: str) -> bool:
        return ((not self.types or question.type in self.types)
                and (not self.difficulty or question.difficulty in self.difficulty)
                and (not self.chapters or chapter in self.chapters))


@dataclass
class Round:
    name: str
    kind: str  # one of KINDS
    line: int
    seconds: int
    points: int = 0
    tile_points: tuple[int, ...] = ()  # 选题: the points of each tile, when they differ
    tiles: int = 0  # 选题: questions on the board
    penalty: int = 0
    false_start: int = 0
    stakes: tuple[int, ...] = ()
    per_team: int = 0  # 必答, 风险: questions (turns) per team
    questions: int = 0  # 抢答, 加赛: questions in the round
    pool: Pool = field(default_factory=Pool)
    ids: list[str] = field(default_factory=list)  # the pool, resolved against the bank, in bank order

    def needed(self, teams: int) -> int:
        """Most questions this round can use with `teams` teams (a 风险 pass uses none; 选题 draws its board)."""
        if self.kind == "选题":
            return self.tiles
        return self.per_team * teams if self.per_team else self.questions


@dataclass
class Competition:
    title: str
    min_teams: int
    max_teams: int
    names: list[str]
    buzzers: list[str]  # the buzzer key of team 1, 2, …: "A"…"Z" (not the host's keys) or "F1"…"F12"
    base: int
    tiebreak: list[int]  # places (1 = first) where a tie in the final ranking offers 加赛
    rounds: list[Round]


def load_competition(path: str | Path, questions: list[Question], chapters: dict[str, str]) -> Competition:
    """Read `path` and resolve each round's pool against `questions`.

    `chapters` maps question id → "chapter-N" | "notice" (quiz.model.question_chapter). Raises SourceErrors
    listing every problem: unknown keys or round kinds, bad scores or seconds, a pool too small."""
    path = Path(path)
    shown = display_path(path)
    if not path.is_file():
        raise SourceErrors([SourceError(shown, None, "缺少知识竞赛设置文件")])
    try:  # syntax errors and repeated keys, in Chinese at their line (yamlfile)
        data = load_yaml(path)
    except SourceError as error:
        raise SourceErrors([error]) from None
    reader = _Reader(shown, questions, chapters)
    competition = reader.read(data)
    if reader.errors:
        raise SourceErrors(reader.errors)
    return competition


class _Reader:
    def __init__(self, path: str, questions: list[Question], chapters: dict[str, str]):
        self.path, self.questions, self.chapters = path, questions, chapters
        self.errors: list[SourceError] = []

    def fail(self, line: int | None, reason: str) -> None:
        self.errors.append(SourceError(self.path, line, reason))

    def read(self, data) -> Competition:
        competition = Competition("知识竞赛", TEAM_LIMITS[0], TEAM_LIMITS[1], [], list(DEFAULT_BUZZERS), 100, [1], [])
        if not isinstance(data, YamlMap):
            self.fail(1, f"竞赛设置应为“键: 值”映射（{'、'.join(TOP_KEYS)}）")
            return competition
        for key in data:
            if key not in TOP_KEYS:
                self.fail(data.line_of(key), f"未知的竞赛设置“{key}”（允许：{'、'.join(TOP_KEYS)}）")
        if "title" in data:
            title = data["title"]
            if not isinstance(title, str) or not title.strip():
                self.fail(data.line_of("title"), "title 应为非空文字")
            else:
                competition.title = title.strip()
        self._teams(data, competition)
        if "base" in data:
            competition.base = self._number(data["base"], data.line_of("base"), "base（起始分）", "", zero=True)
        if "rounds" not in data:
            self.fail(data.line, "竞赛设置缺少 rounds（各轮的列表）")
        elif not isinstance(data["rounds"], list) or not data["rounds"]:
            self.fail(data.line_of("rounds"), "rounds 应为各轮的列表，每轮以“- name:”开头")
        else:
            for index, item in enumerate(data["rounds"], start=1):
                round_ = self._round(index, item, data.line_of("rounds"), competition.max_teams)
                if round_ is not None:
                    competition.rounds.append(round_)
        self._tiebreak(data, competition)
        self._check_rounds(data, competition)
        return competition

    def _number(self, value, line: int, name: str, label: str, zero: bool = False,
                most: int = MAX_POINTS) -> int:
        """A whole number in [0 or 1, most]; booleans (yes/no) are not numbers."""
        low = 0 if zero else 1
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= most:
            kind = "非负整数" if zero else "正整数"
            self.fail(line, f"{label}{name} 应为不超过 {most} 的{kind}，实际为“{value}”")
            return low
        return value

    def _teams(self, data: YamlMap, competition: Competition) -> None:
        teams = data.get("teams")
        if teams is None:
            return
        line = data.line_of("teams")
        if not isinstance(teams, YamlMap):
            self.fail(line, "teams 应为映射，如 {min: 2, max: 12, names: [第一队, 第二队]}")
            return
        for key in teams:
            if key not in TEAM_KEYS:
                self.fail(teams.line_of(key), f"teams 中的未知设置“{key}”（允许：{'、'.join(TEAM_KEYS)}）")
        low, high = TEAM_LIMITS
        for key in ("min", "max"):
            if key in teams:
                count = self._number(teams[key], teams.line_of(key), f"teams.{key}", "", most=high)
                setattr(competition, f"{key}_teams", count)
        if competition.min_teams < low or competition.min_teams > competition.max_teams:
            self.fail(teams.line, f"队伍数应在 {low}–{high} 之间且 min ≤ max，"
                                  f"实际为 {competition.min_teams}–{competition.max_teams}")
        self._buzzers(teams, competition)
        names = teams.get("names", [])
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            self.fail(teams.line_of("names"), "teams.names 应为队名列表，每项为非空文字")
            return
        names = [name.strip() for name in names]
        if len(set(names)) != len(names):
            self.fail(teams.line_of("names"), "teams.names 中有重复的队名")
        if names and not competition.min_teams <= len(names) <= competition.max_teams:
            self.fail(teams.line_of("names"), f"teams.names 有 {len(names)} 个队名，"
                                              f"应在 {competition.min_teams}–{competition.max_teams} 之间")
        competition.names = names

    def _buzzers(self, teams: YamlMap, competition: Competition) -> None:
        if "buzzers" not in teams:
            return
        value, line = teams["buzzers"], teams.line_of("buzzers")
        if not isinstance(value, list) or not value or len(value) > TEAM_LIMITS[1]:
            self.fail(line, f"teams.buzzers 应为每队一个抢答器按键的列表（最多 {TEAM_LIMITS[1]} 个），如 [A, B, C, D]")
            return
        keys = [str(key).strip().upper() if isinstance(key, str) else key for key in value]
        for key in keys:
            if key not in BUZZER_KEYS:
                self.fail(line, f"teams.buzzers 中的“{key}”不能作抢答键：可用字母 A–Z（主持人键 "
                                f"{'、'.join(HOST_LETTERS)} 除外）或 F1–F12")
        if len(set(map(str, keys))) != len(keys):
            self.fail(line, "teams.buzzers 中有重复的按键")
        competition.buzzers = [str(k) for k in keys] + [k for k in DEFAULT_BUZZERS if k not in keys][:max(0, TEAM_LIMITS[1] - len(keys))]

    def _round(self, index: int, item, list_line: int, max_teams: int) -> Round | None:
        if not isinstance(item, YamlMap):
            self.fail(list_line, f"第{index}轮: 每轮应为“键: 值”映射，以“- name:”开头")
            return None
        name = item.get("name")
        label = f"第{index}轮（{name}）: " if isinstance(name, str) and name.strip() else f"第{index}轮: "
        before = len(self.errors)
        if not isinstance(name, str) or not name.strip():
            self.fail(item.line_of("name"), f"{label}缺少轮次名称 name")
        kind = item.get("kind")
        if kind not in KINDS:
            self.fail(item.line_of("kind"), f"{label}未知的轮次类型“{kind}”（允许：{'、'.join(KINDS)}）")
            return None
        allowed = ("name", "kind", "pool", *DEFAULTS[kind])
        for key in item:
            if key not in allowed:
                self.fail(item.line_of(key), f"{label}{kind}轮没有设置“{key}”（允许：{'、'.join(allowed)}）")
        values = {**DEFAULTS[kind], **{k: v for k, v in item.items() if k in DEFAULTS[kind]}}
        round_ = Round(str(name).strip(), kind, item.line, 0)
        for key, value in values.items():
            line = item.line_of(key)
            if key == "stakes":
                round_.stakes = self._stakes(value, line, label)
            elif key == "seconds":
                round_.seconds = self._number(value, line, "seconds（秒）", label, most=MAX_SECONDS)
            elif key in ("per_team", "questions", "tiles"):
                setattr(round_, key, self._number(value, line, key, label, most=100))
            elif key == "points" and kind == "选题" and isinstance(value, list):
                round_.tile_points = tuple(self._number(v, line, "points 的每一项", label, zero=True) for v in value)
            else:
                setattr(round_, key, self._number(value, line, key, label, zero=key != "points"))
        round_.pool = self._pool(item, label)
        if kind == "选题":
            self._board(round_, item, label, max_teams)
        if len(self.errors) > before:
            return None
        round_.ids = [q.id for q in self.questions if round_.pool.admits(q, self.chapters.get(q.id, ""))]
        needed = round_.needed(max_teams)
        if len(round_.ids) < needed:
            how = f"{max_teams} 队 × 每队 {round_.per_team} 题" if round_.per_team else f"共 {round_.questions} 题"
            self.fail(item.line_of("pool"), f"{label}题库中符合条件的题只有 {len(round_.ids)} 道，"
                                            f"本轮最多要用 {needed} 道（{how}）")
            return None
        return round_

    def _board(self, round_: Round, item: YamlMap, label: str, max_teams: int) -> None:
        """选题: one points value per tile (or one for all), and enough tiles for every team's picks."""
        if round_.tile_points and len(round_.tile_points) != round_.tiles:
            self.fail(item.line_of("points"), f"{label}points 有 {len(round_.tile_points)} 项，"
                                              f"应与 tiles（{round_.tiles}）相同，每块题板一项")
        if round_.per_team * TEAM_LIMITS[0] > round_.tiles:
            self.fail(item.line_of("tiles"), f"{label}题板只有 {round_.tiles} 题，不够 {TEAM_LIMITS[0]} 队"
                                             f"每队选 {round_.per_team} 题")

    def _stakes(self, value, line: int, label: str) -> tuple[int, ...]:
        if not isinstance(value, list) or not value:
            self.fail(line, f"{label}stakes 应为分值列表，如 [10, 20, 30]")
            return ()
        stakes = tuple(self._number(v, line, "stakes 的每一项", label) for v in value)
        if len(set(stakes)) != len(stakes):
            self.fail(line, f"{label}stakes 中有重复的分值")
        return stakes

    def _pool(self, item: YamlMap, label: str) -> Pool:
        pool = item.get("pool")
        if pool is None:
            return Pool()
        line = item.line_of("pool")
        if not isinstance(pool, YamlMap):
            self.fail(line, f"{label}pool 应为映射，如 {{types: [single, judge], difficulty: [1, 2]}}")
            return Pool()
        for key in pool:
            if key not in POOL_KEYS:
                self.fail(pool.line_of(key), f"{label}pool 中的未知条件“{key}”（允许：{'、'.join(POOL_KEYS)}）")
        types = self._choices(pool, "types", TYPES, label, "题型")
        difficulty = self._choices(pool, "difficulty", DIFFICULTIES, label, "难度")
        known = sorted(set(self.chapters.values()))
        chapters = tuple(f"chapter-{c}" if isinstance(c, int) and not isinstance(c, bool) else c
                         for c in self._list(pool, "chapters", label))
        for chapter in chapters:
            if chapter not in known:
                shown = chapter.removeprefix("chapter-") if isinstance(chapter, str) else chapter
                self.fail(pool.line_of("chapters"), f"{label}pool.chapters 中的“{shown}”不是题库里的章节"
                                                    f"（允许：章号 1、2…，或 {NOTICE_SCOPE}）")
        return Pool(types, difficulty, chapters)

    def _list(self, pool: YamlMap, key: str, label: str) -> list:
        value = pool.get(key, [])
        if not isinstance(value, list):
            self.fail(pool.line_of(key), f"{label}pool.{key} 应为列表")
            return []
        return value

    def _choices(self, pool: YamlMap, key: str, allowed: tuple, label: str, what: str) -> tuple:
        values = self._list(pool, key, label)
        for value in values:
            if value not in allowed or isinstance(value, bool):
                names = "、".join(f"{a}（{TYPE_NAMES[a]}）" if a in TYPE_NAMES else str(a) for a in allowed)
                self.fail(pool.line_of(key), f"{label}pool.{key} 中的未知{what}“{value}”（允许：{names}）")
        return tuple(values)

    def _tiebreak(self, data: YamlMap, competition: Competition) -> None:
        if "tiebreak" not in data:  # default: a tie for first place, when there is a 加赛 round to break it
            competition.tiebreak = [1] if any(r.kind == "加赛" for r in competition.rounds) else []
            return
        value, line = data["tiebreak"], data.line_of("tiebreak")
        if not isinstance(value, list):
            self.fail(line, "tiebreak 应为名次列表，如 [1] 或 [1, 2, 3]；不加赛写 []")
            return
        competition.tiebreak = sorted({self._number(v, line, "tiebreak 的每一项", "", most=competition.max_teams)
                                       for v in value})
        if competition.tiebreak and not self.errors and not any(r.kind == "加赛" for r in competition.rounds):
            self.fail(line, "tiebreak 要求并列时加赛，但 rounds 中没有 kind: 加赛 的一轮")

    def _check_rounds(self, data: YamlMap, competition: Competition) -> None:
        if self.errors or not competition.rounds:
            return
        playing = [r for r in competition.rounds if r.kind != "加赛"]
        line = data.line_of("rounds")
        if not playing:
            self.fail(line, "rounds 中至少要有一轮必答、抢答或风险")
        if sum(r.kind == "加赛" for r in competition.rounds) > 1:
            self.fail(line, "rounds 中最多只能有一轮加赛")
        # Pools may overlap, and no question repeats within a match: the rounds together must fit the bank.
        needed = sum(r.needed(competition.max_teams) for r in competition.rounds)
        available = len({qid for r in competition.rounds for qid in r.ids})
        if available < needed:
            self.fail(line, f"各轮合计最多要用 {needed} 道题（按 {competition.max_teams} 队计），"
                            f"符合各轮条件的题只有 {available} 道")
