"""quizzes/competition.yml: the settings the console runs on, and the errors that stop the build."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator.competition.config import load_competition
from generator.competition.page import render_competition_page
from generator.errors import SourceErrors
from generator.quiz.bank import load_bank
from generator.quiz.model import question_chapter
from generator.texts.regulation import parse_regulation

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "quizzes" / "competition.yml"


@pytest.fixture(scope="module")
def bank():
    return load_bank(ROOT / "quizzes")


@pytest.fixture(scope="module")
def chapters(bank):
    regulation = parse_regulation(ROOT / "sources/regulation-2022.md")
    return {q.id: question_chapter(q, regulation) for q in bank.questions}


def load(tmp_path, text, bank, chapters):
    path = tmp_path / "competition.yml"
    path.write_text(text, encoding="utf-8")
    return load_competition(path, bank.questions, chapters)


def problems(tmp_path, text, bank, chapters) -> list[str]:
    with pytest.raises(SourceErrors) as caught:
        load(tmp_path, text, bank, chapters)
    return [f"{e.line}: {e.reason}" for e in caught.value.errors]


MINIMAL = """\
rounds:
  - name: 抢答题
    kind: 抢答
    questions: 3
"""


def test_shipped_settings_follow_the_rules_of_the_issue(bank, chapters):
    competition = load_competition(SHIPPED, bank.questions, chapters)
    assert (competition.min_teams, competition.max_teams, competition.base) == (2, 12, 100)
    assert [r.kind for r in competition.rounds] == ["必答", "抢答", "风险", "选题", "加赛"]
    required, buzzer, risk, board, _ = competition.rounds
    assert board.tiles == len(board.tile_points) == 12 and board.per_team == 1
    assert len(competition.buzzers) == 12 and len(set(competition.buzzers)) == 12
    assert (required.per_team, required.points, required.penalty, required.seconds) == (2, 10, 0, 30)
    assert (buzzer.points, buzzer.penalty, buzzer.false_start) == (10, 10, 10)
    assert (risk.stakes, risk.seconds) == ((10, 20, 30), 60)
    assert competition.tiebreak == [1]
    by_id = {q.id: q for q in bank.questions}
    for round_ in competition.rounds:
        assert round_.ids, round_.name
        assert all(by_id[qid].type in round_.pool.types for qid in round_.ids)
    assert all(by_id[qid].difficulty in (2, 3) for qid in risk.ids)


def test_defaults_fill_what_a_round_leaves_out(tmp_path, bank, chapters):
    competition = load(tmp_path, MINIMAL, bank, chapters)
    (round_,) = competition.rounds
    assert (round_.points, round_.penalty, round_.false_start, round_.seconds) == (10, 10, 10, 20)
    assert competition.base == 100
    assert len(round_.ids) == len(bank.questions)  # no pool: the whole bank


def test_pool_filters_by_type_difficulty_and_chapter(tmp_path, bank, chapters):
    text = MINIMAL + "    pool: {types: [judge], difficulty: [1], chapters: [3, notice]}\n"
    (round_,) = load(tmp_path, text, bank, chapters).rounds
    expected = [q.id for q in bank.questions if q.type == "judge" and q.difficulty == 1
                and chapters[q.id] in ("chapter-3", "notice")]
    assert round_.ids == expected and len(expected) >= 3


def test_pool_too_small_names_file_round_and_reason(tmp_path, bank, chapters):
    text = ("rounds:\n  - name: 必答题\n    kind: 必答\n    per_team: 3\n"
            "    pool: {types: [fill], difficulty: [3]}\n")
    count = sum(1 for q in bank.questions if q.type == "fill" and q.difficulty == 3)
    assert problems(tmp_path, text, bank, chapters) == [
        f"5: 第1轮（必答题）: 题库中符合条件的题只有 {count} 道，本轮最多要用 36 道（12 队 × 每队 3 题）"]


def test_unknown_kind_and_bad_scores_are_reported_with_their_lines(tmp_path, bank, chapters):
    text = ("base: -5\n"
            "tiebreak: []\n"
            "rounds:\n"
            "  - name: 快问快答\n    kind: 快答\n"
            "  - name: 风险题\n    kind: 风险\n    stakes: [10, 十]\n"
            "  - name: 抢答题\n    kind: 抢答\n    points: 0\n    seconds: 20s\n    stakes: [10]\n")
    assert problems(tmp_path, text, bank, chapters) == [
        "1: base（起始分） 应为不超过 1000 的非负整数，实际为“-5”",
        "5: 第1轮（快问快答）: 未知的轮次类型“快答”（允许：必答、抢答、风险、选题、加赛）",
        "8: 第2轮（风险题）: stakes 的每一项 应为不超过 1000 的正整数，实际为“十”",
        ("13: 第3轮（抢答题）: 抢答轮没有设置“stakes”（允许：name、kind、pool、questions、points、penalty、"
         "false_start、seconds）"),
        "11: 第3轮（抢答题）: points 应为不超过 1000 的正整数，实际为“0”",
        "12: 第3轮（抢答题）: seconds（秒） 应为不超过 3600 的正整数，实际为“20s”",
    ]


def test_teams_and_tiebreak_are_checked(tmp_path, bank, chapters):
    text = ("teams: {min: 1, max: 4, names: [甲, 甲]}\n" + MINIMAL)
    found = problems(tmp_path, text, bank, chapters)
    assert "1: 队伍数应在 2–12 之间且 min ≤ max，实际为 1–4" in found
    assert "1: teams.names 中有重复的队名" in found
    assert "1: tiebreak 要求并列时加赛，但 rounds 中没有 kind: 加赛 的一轮" not in found  # not while others fail
    only_tie = problems(tmp_path, "tiebreak: [1]\n" + MINIMAL, bank, chapters)
    assert only_tie == ["1: tiebreak 要求并列时加赛，但 rounds 中没有 kind: 加赛 的一轮"]


def test_page_carries_the_settings_as_json_and_escapes_the_title(tmp_path, bank, chapters):
    text = "title: '<b>竞赛</b> [一] & 二'\ntiebreak: []\n" + MINIMAL
    page = render_competition_page(load(tmp_path, text, bank, chapters))
    assert 'quiz: "console"' in page
    assert "# &lt;b&gt;竞赛&lt;/b&gt; \\[一\\] &amp; 二" in page
    attr = re.search(r'data-config="([^"]*)"', page).group(1)
    data = json.loads(html.unescape(attr))
    assert data["title"] == "<b>竞赛</b> [一] & 二"
    assert data["rounds"][0]["questions"] == 3 and len(data["rounds"][0]["pool"]) == len(bank.questions)


def test_check_summarises_the_settings_and_stops_on_a_bad_round(tmp_path):
    from test_cli import copy_inputs, run

    shipped = run("check")
    assert shipped.returncode == 0
    (line,) = [line for line in shipped.stdout.splitlines() if line.startswith("quizzes/competition.yml: ")]
    assert re.fullmatch(r"quizzes/competition.yml: 2–12 队，起始 100 分；必答题（必答，可抽 \d+ 题）、"
                        r"抢答题（抢答，可抽 \d+ 题）、风险题（风险，可抽 \d+ 题）、选题（选题，可抽 \d+ 题）、"
                        r"加赛题（加赛，可抽 \d+ 题）", line)
    root = copy_inputs(tmp_path)
    path = root / "quizzes" / "competition.yml"
    path.chmod(0o644)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: 抢答", "kind: 快答").replace("stakes: [10, 20, 30]", "stakes: [10, -20]"),
                    encoding="utf-8")
    result = run("check", cwd=root)
    assert result.returncode == 1
    problems = [line.strip() for line in result.stderr.splitlines() if "competition.yml" in line]
    assert problems == [
        "quizzes/competition.yml:27: 第2轮（抢答题）: 未知的轮次类型“快答”（允许：必答、抢答、风险、选题、加赛）",
        "quizzes/competition.yml:39: 第3轮（风险题）: stakes 的每一项 应为不超过 1000 的正整数，实际为“-20”",
    ]


def test_no_settings_file_means_no_competition_page(tmp_path, bank):
    from generator.site import load_competition_for

    regulation = parse_regulation(ROOT / "sources/regulation-2022.md")
    assert load_competition_for(tmp_path, bank, regulation) is None
    (tmp_path / "competition.yml").write_text(MINIMAL, encoding="utf-8")
    assert [r.kind for r in load_competition_for(tmp_path, bank, regulation).rounds] == ["抢答"]


def test_duplicate_keys_and_yaml_syntax_errors_are_reported_in_chinese_at_their_line(tmp_path, bank, chapters):
    """competition.yml goes through the shared YAML reader: one Chinese reason at the line of the fault."""
    duplicated = "title: 甲\nbase: 100\nrounds:\n  - name: 抢答题\n    kind: 抢答\n    points: 10\n    points: 20\n"
    (reason,) = problems(tmp_path, duplicated, bank, chapters)
    assert reason.startswith("7: ") and "“points”重复" in reason and "第 6 行" in reason
    (reason,) = problems(tmp_path, "title: 甲\ntitle: 乙\n" + MINIMAL, bank, chapters)
    assert reason.startswith("2: ") and "“title”重复" in reason and "第 1 行" in reason
    cases = {"title: 甲\nbase\n": ("2: ", "冒号"), "teams:\n  names: [甲, 乙\n": ("2: ", "方括号"),
             'title: "甲\n': ("1: ", "引号"), "teams:\n\tmin: 2\n": ("2: ", "Tab")}
    for broken, (line, words) in cases.items():
        (reason,) = problems(tmp_path, broken + MINIMAL, bank, chapters)
        assert reason.startswith(line + "不是有效的 YAML：") and words in reason, (broken, reason)
        assert not re.search(r"[A-Za-z]{4,}", reason.replace("YAML", "").replace("Tab", "")), reason


def test_buzzer_keys_and_the_tile_round_are_checked(tmp_path, bank, chapters):
    text = ("teams:\n  buzzers: [a, R, a]\nrounds:\n  - name: 选题\n    kind: 选题\n    tiles: 4\n"
            "    per_team: 3\n    points: [10, 20]\n")
    found = problems(tmp_path, text, bank, chapters)
    assert any(p.startswith("2: teams.buzzers 中的“R”不能作抢答键") for p in found), found
    assert "2: teams.buzzers 中有重复的按键" in found
    assert "8: 第1轮（选题）: points 有 2 项，应与 tiles（4）相同，每块题板一项" in found
    assert "6: 第1轮（选题）: 题板只有 4 题，不够 2 队每队选 3 题" in found
    good = load(tmp_path, "teams:\n  buzzers: [f1, s]\n" + MINIMAL.replace("抢答题", "选题").replace(
        "kind: 抢答\n    questions: 3", "kind: 选题\n    tiles: 6\n    points: 20"), bank, chapters)
    assert good.buzzers[:2] == ["F1", "S"] and "A" in good.buzzers  # the rest keep their defaults
    assert (good.rounds[0].tiles, good.rounds[0].points, good.rounds[0].tile_points) == (6, 20, ())


@pytest.mark.parametrize("name", ["match.js", "console.js"])
def test_console_js_is_es5_and_inserts_no_html(name):
    """The console's browser code (generator/competition/) follows the same rules as the quiz engine's."""
    from test_quiz_pages import _code_only

    code = _code_only((ROOT / "generator" / "competition" / name).read_text(encoding="utf-8"))
    forbidden = {"arrow function": r"=>", "template literal": r"`", "let/const": r"\b(?:let|const)\s",
                 "spread": r"\.\.\.", "for-of": r"\bfor\s*\([^)]*\bof\b", "includes": r"\.includes\(",
                 "Object.assign": r"Object\.assign", "optional chaining": r"\?\.(?!\d)", "nullish": r"\?\?"}
    assert {what: re.findall(pattern, code) for what, pattern in forbidden.items() if re.findall(pattern, code)} == {}
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "fetch(", "XMLHttpRequest"):
        assert sink not in code, sink


def test_the_host_keys_refused_as_buzzers_are_the_consoles_own_keys():
    from generator.competition.config import HOST_LETTERS

    source = (ROOT / "generator" / "competition" / "match.js").read_text(encoding="utf-8")
    assert re.search(r'var HOST_LETTERS = "([A-Z]+)"', source).group(1) == HOST_LETTERS
