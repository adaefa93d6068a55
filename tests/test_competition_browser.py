"""The competition console (/competition/, assets/console.js) as a host runs a match, in headless Chromium.

Scores are checked against the rules' arithmetic with the numbers read from quizzes/competition.yml, never
against what the page printed before.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from generator.competition.config import load_competition
from generator.quiz.bank import load_bank
from generator.quiz.model import question_chapter
from generator.texts.regulation import parse_regulation

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
TEAMS = ["甲队", "乙队", "丙队"]


@pytest.fixture(scope="module")
def rules():
    """The shipped settings, by round kind."""
    bank = load_bank(ROOT / "quizzes")
    regulation = parse_regulation(ROOT / "sources/regulation-2022.md")
    chapters = {q.id: question_chapter(q, regulation) for q in bank.questions}
    competition = load_competition(ROOT / "quizzes" / "competition.yml", bank.questions, chapters)
    return competition, {r.kind: r for r in competition.rounds}


@pytest.fixture(scope="module")
def bank():
    return {q.id: q for q in load_bank(ROOT / "quizzes").questions}


@pytest.fixture
def errors(page):
    found = []
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def url_of(site_url: str) -> str:
    return f"{site_url}/competition/"


def button(page, action: str, team: str | None = None, value: int | None = None):
    selector = f'[data-action="{action}"]'
    if team is not None:
        selector += f'[data-team="{team}"]'
    if value is not None:
        selector += f'[data-value="{value}"]'
    return page.locator(selector)


def click(page, action: str, team: str | None = None, value: int | None = None):
    button(page, action, team, value).click()


def scores(page) -> dict[str, int]:
    return {node.get_attribute("data-team"): int(node.get_attribute("data-score"))
            for node in page.locator("[data-team][data-score]").all()}


def shown_id(page) -> str:
    return page.locator("[data-question-id]").get_attribute("data-question-id")


def setup(page, teams=TEAMS, seed="2024", counts: dict[int, int] | None = None, screen: str = "single",
          title: str | None = None):
    page.locator('[data-setup="teams"]').fill("\n".join(teams))
    page.locator('[data-setup="seed"]').fill(seed)
    page.locator('[data-setup="screen"]').select_option(screen)
    if title is not None:
        page.locator('[data-setup="title"]').fill(title)
    for index, count in (counts or {}).items():
        page.locator(f'[data-setup="count"][data-round="{index}"]').fill(str(count))
    click(page, "start-match")


def read_csv(page, download_action="export-csv", **attrs) -> tuple[str, list[list[str]]]:
    with page.expect_download() as info:
        selector = f'[data-action="{download_action}"]' + "".join(f'[data-{k}="{v}"]' for k, v in attrs.items())
        page.locator(selector).first.click()
    raw = Path(info.value.path()).read_bytes()
    text = raw.decode("utf-8")
    return text, list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def split_csv(rows: list[list[str]]) -> tuple[list[str], list[list[str]], list[list[str]]]:
    """(header, one row per host action, the ranking rows after the blank line)."""
    blank = rows.index([])
    return rows[0], rows[1:blank], rows[blank + 1:]


def test_scripted_match_scores_follow_the_rules(page, site_url, rules, bank, errors):
    competition, by_kind = rules
    base, required, buzzer, risk = competition.base, by_kind["必答"], by_kind["抢答"], by_kind["风险"]
    board = by_kind["选题"]
    assert 30 in risk.stakes and 20 in risk.stakes
    a, b, c = TEAMS
    expected = {team: base for team in TEAMS}
    log = []  # (round, question id, team, action, points, score after) for every scoring action

    def score(round_name, qid, team, action, points, undone=False):
        log.append((round_name, qid, team, action, str(points), str(expected[team] + points)))
        if not undone:
            expected[team] += points

    page.goto(url_of(site_url))
    setup(page, counts={0: 1, 1: 3})  # 必答 one question per team, 抢答 three questions
    assert scores(page) == expected
    click(page, "next")  # the 必答 round's title card → its first question

    # 必答: each team in turn; correct +points, wrong −penalty.
    for team, right in ((a, True), (b, False), (c, True)):
        qid = shown_id(page)
        assert button(page, "correct", next(t for t in TEAMS if t != team)).is_disabled()  # not their turn
        click(page, "correct" if right else "wrong", team)
        score(required.name, qid, team, "答对" if right else "答错",
              required.points if right else -required.penalty)
        assert scores(page) == expected
        click(page, "next")
    click(page, "next")  # 抢答 title card

    # 抢答: a false start, then a correct answer.
    first = shown_id(page)
    click(page, "false-start", b)
    score(buzzer.name, first, b, "抢答犯规", -buzzer.false_start)
    click(page, "correct", a)
    score(buzzer.name, first, a, "答对", buzzer.points)
    click(page, "next")

    # A reload in the middle of 抢答 shows the same question, timer and scores.
    second = shown_id(page)
    assert second != first
    click(page, "timer")
    page.reload()
    assert shown_id(page) == second and scores(page) == expected
    assert "暂停" in page.locator('[data-action="timer"]').inner_text()
    click(page, "wrong", c)
    score(buzzer.name, second, c, "答错", -buzzer.penalty)
    click(page, "void")  # nobody else answers: void, next question (the button does not ask; the keys do)
    third = shown_id(page)
    assert third not in (first, second)
    click(page, "correct", c)
    score(buzzer.name, third, c, "答对", buzzer.points, undone=True)
    assert scores(page)[c] == expected[c] + buzzer.points

    # Two undos (the correct answer, the void) and a redo (the void again): back on the third question.
    click(page, "undo")
    click(page, "undo")
    assert shown_id(page) == second and scores(page) == expected
    click(page, "redo")
    assert shown_id(page) == third and scores(page) == expected
    assert button(page, "redo").is_enabled()  # the undone correct answer could still be redone…
    click(page, "correct", b)
    score(buzzer.name, third, b, "答对", buzzer.points)
    assert button(page, "redo").is_disabled()  # …until a new action replaces it
    click(page, "next")
    click(page, "next")  # 风险 title card → 甲 picks a value

    # 风险: 甲 stakes 30 and misses; the tab is closed and opened again in between.
    click(page, "stake", a, 30)
    risky = shown_id(page)
    context = page.context
    page.close()
    page = context.new_page()
    page.goto(url_of(site_url))
    assert shown_id(page) == risky and scores(page) == expected
    click(page, "wrong", a)
    score(risk.name, risky, a, "答错", -30)
    click(page, "next")
    click(page, "pass", b)
    assert "乙队 放弃" in page.locator(".xf-stage-turn").inner_text()
    click(page, "next")
    click(page, "stake", c, 20)
    last = shown_id(page)
    click(page, "correct", c)
    score(risk.name, last, c, "答对", 20)
    click(page, "next")

    # 选题: each team picks a numbered tile; the tile's points from competition.yml.
    click(page, "next")
    for team, tile, right in ((a, 11, True), (b, 0, False), (c, 4, True)):
        assert page.locator(f'.xf-stage [data-tile="{tile + 1}"]').count() == 1
        click(page, "pick", value=tile)
        qid = shown_id(page)
        click(page, "correct" if right else "wrong", team)
        score(board.name, qid, team, "答对" if right else "答错",
              board.tile_points[tile] if right else -board.penalty)
        click(page, "next")
        if team != c:
            assert "xf-taken" in page.locator(f'.xf-stage [data-tile="{tile + 1}"]').get_attribute("class")

    assert scores(page) == expected == {
        a: base + required.points + buzzer.points - 30 + board.tile_points[11],
        b: base - required.penalty - buzzer.false_start + buzzer.points - board.penalty,
        c: base + required.points - buzzer.penalty + 20 + board.tile_points[4]}
    ranking = [row.locator("td").all_inner_texts() for row in page.locator(".xf-ranking tr").all()]
    ordered = sorted(TEAMS, key=lambda team: -expected[team])
    assert [row[1] for row in ranking] == ordered
    assert page.locator(".xf-stage-turn").inner_text() == ""  # not "各队抢答" on the final screen
    assert page.locator(".xf-podium-1").inner_text().endswith(ordered[0])

    # The CSV: BOM, the columns, a row per host action (undo and redo too), then the final ranking.
    text, rows = read_csv(page)
    assert text.startswith("\ufeff")
    head, body, final = split_csv(rows)
    assert head == ["时间", "轮次", "题序", "题号", "题目", "队伍", "操作", "标准答案", "分值", "操作后得分"]
    scoring = [(row[1], row[3], row[5], row[6], row[8], row[9]) for row in body if row[6] in ("答对", "答错", "抢答犯规")]
    assert scoring == log
    for row in body:
        if row[6] in ("答对", "答错"):
            assert row[4] == bank[row[3]].stem and row[7]  # the question's text and the answer shown
    undos = [row for row in body if row[6].startswith("撤销")]
    assert [(row[5], row[6], row[8], row[9]) for row in undos] == [
        (c, "撤销：答对（丙队）", str(-buzzer.points), str(expected[c] - 20 - board.tile_points[4])),
        ("", "撤销：作废", "", "")]
    assert [row[6] for row in body if row[6].startswith("重做")] == ["重做：作废"]
    actions = [row[6] for row in body]
    assert actions.count("作废") == 1 and "放弃" in actions and "选择 30 分" in actions and "选择第 12 号题" in actions
    assert all(row[0][:2] == "20" and len(row[0]) == 19 for row in body)
    assert final[0][:3] == ["最终排名", "队伍", "得分"]
    assert [(row[1], int(row[2])) for row in final[1:]] == [(team, expected[team]) for team in ordered]
    assert errors == []


def play_to_final(page, outcomes: dict[str, tuple[bool, bool]], buzz_winner: str | None = None):
    """From a fresh setup (必答 1 each, 抢答 1, 风险 1, 选题 1): outcomes team → (必答 right, 选题 right
    on tile 1); 抢答 won by `buzz_winner` or voided; every 风险 passed."""
    teams = list(outcomes)
    click(page, "next")
    for team in teams:
        click(page, "correct" if outcomes[team][0] else "wrong", team)
        click(page, "next")
    click(page, "next")
    if buzz_winner:
        click(page, "correct", buzz_winner)
    else:
        click(page, "void")
    if buzz_winner:
        click(page, "next")
    click(page, "next")
    for team in teams:
        click(page, "pass", team)
        click(page, "next")
    click(page, "next")
    for index, team in enumerate(teams):
        click(page, "pick", value=index)
        click(page, "correct" if outcomes[team][1] else "wrong", team)
        click(page, "next")


def places(page) -> dict[str, str]:
    return {row.locator("td").nth(1).inner_text(): row.locator("td").first.inner_text()
            for row in page.locator(".xf-ranking tr").all()}


def test_tie_for_first_offers_sudden_death_and_places_are_shared(page, site_url, rules, errors):
    competition, by_kind = rules
    extra, required = by_kind["加赛"], by_kind["必答"]
    page.goto(url_of(site_url))
    setup(page, teams=["东", "西", "南"], counts={0: 1, 1: 1, 2: 1, 3: 1})
    play_to_final(page, {"东": (True, False), "西": (True, False), "南": (False, False)})
    tied = competition.base + required.points
    assert scores(page) == {"东": tied, "西": tied, "南": competition.base - required.penalty}
    shown = [row.locator("td").first.inner_text() for row in page.locator(".xf-ranking tr").all()]
    assert shown == ["第 1 名", "第 1 名", "第 3 名"]
    assert "第 1 名并列：东、西" in page.locator(".xf-tie").inner_text()

    click(page, "tiebreak")
    assert button(page, "correct", "南").is_disabled()  # only the tied teams answer
    click(page, "wrong", "东")
    click(page, "correct", "西")
    click(page, "next")
    # 加赛 points decide the tie; they are shown apart and never change the match score.
    assert scores(page) == {"东": tied, "西": tied, "南": competition.base - required.penalty}
    assert page.locator('.xf-scoreboard [data-team="西"]').get_attribute("data-tiebreak") == str(extra.points)
    assert places(page) == {"西": "第 1 名", "东": "第 2 名", "南": "第 3 名"}
    assert page.locator(".xf-tie").count() == 0 and button(page, "tiebreak").count() == 0
    # The record files each action under its question: 开始加赛 under the 加赛 question it opens, and the
    # 下一题 after a 风险 pass under the question passed, not the next team's.
    _, rows = read_csv(page)
    _, body, _ = split_csv(rows)
    start = next(row for row in body if row[6] == "开始加赛")
    assert (start[1], start[2]) == (extra.name, "加赛第 1 题") and start[3]
    for index, row in enumerate(body):
        if row[6] == "放弃":
            assert body[index + 1][6] == "下一题" and body[index + 1][1:4] == row[1:4]
    assert errors == []


def test_tiebreak_decides_only_the_tied_place_and_keeps_a_clear_first(page, site_url, rules, errors):
    """Issue 16: tiebreak [1, 2, 3], 甲 120, 乙 110, 丙 100, 丁 100 → 加赛 between 丙 and 丁 only; 甲 stays first."""
    competition, by_kind = rules
    required, buzzer = by_kind["必答"], by_kind["抢答"]
    assert (competition.base, required.points, buzzer.points, required.penalty) == (100, 10, 10, 0)
    teams = ["甲", "乙", "丙", "丁"]
    page.goto(url_of(site_url))
    setup(page, teams=teams, counts={0: 1, 1: 1, 2: 1, 3: 1})
    page.evaluate("""() => { const m = JSON.parse(localStorage.getItem('xf.v1.competition'));
        m.tiebreak = [1, 2, 3]; localStorage.setItem('xf.v1.competition', JSON.stringify(m)); }""")
    page.reload()
    play_to_final(page, {"甲": (True, False), "乙": (True, False), "丙": (False, False), "丁": (False, False)},
                  buzz_winner="甲")
    assert scores(page) == {"甲": 120, "乙": 110, "丙": 100, "丁": 100}
    assert "第 3 名并列：丙、丁" in page.locator(".xf-tie").inner_text()
    click(page, "tiebreak")
    for team in ("甲", "乙"):
        assert button(page, "correct", team).is_disabled() and button(page, "wrong", team).is_disabled()
    click(page, "correct", "丙")
    click(page, "correct", "丁")  # still tied: sudden death goes on between the same two
    click(page, "next")
    assert scores(page) == {"甲": 120, "乙": 110, "丙": 100, "丁": 100}
    click(page, "correct", "丙")
    click(page, "wrong", "丁")
    click(page, "next")
    assert places(page) == {"甲": "第 1 名", "乙": "第 2 名", "丙": "第 3 名", "丁": "第 4 名"}
    assert page.locator(".xf-tie").count() == 0
    assert errors == []


def test_host_and_stage_windows_stay_in_sync(page, site_url, errors):
    page.goto(url_of(site_url))
    setup(page, teams=["红队", "蓝队"], screen="dual")
    with page.expect_popup() as popup:
        click(page, "open-stage")
    stage = popup.value
    stage.wait_for_selector("[data-team][data-score]")
    assert stage.url.endswith("#stage")
    assert stage.locator('[data-action="correct"]').count() == 0  # the projector shows no controls
    click(page, "next")
    qid = shown_id(page)
    stage.wait_for_selector(f'[data-question-id="{qid}"]')
    # The host sees the answer in advance; the stage only after 揭晓.
    assert page.locator(".xf-stage-answer").count() == 1 and stage.locator(".xf-stage-answer").count() == 0
    click(page, "correct", "红队")
    stage.wait_for_selector('[data-team="红队"][data-score="110"]')
    click(page, "reveal")
    stage.wait_for_selector(".xf-stage-answer")
    click(page, "undo")
    stage.wait_for_selector(".xf-stage-answer", state="detached")
    # Keys pressed on the stage window (a presentation clicker) drive the match too.
    stage.keyboard.press("PageUp")
    page.wait_for_selector('[data-team="红队"][data-score="100"]')
    stage.wait_for_selector('[data-team="红队"][data-score="100"]')
    assert errors == []


def test_countdown_follows_the_clock_not_the_ticks(page, site_url, rules, errors):
    _, by_kind = rules
    assert by_kind["必答"].seconds == 30
    start = 1_800_000_000_000
    page.clock.install(time=start)
    page.goto(url_of(site_url))
    setup(page)
    click(page, "next")
    countdown = page.locator("[data-countdown]")
    assert countdown.get_attribute("data-remaining") == "30"
    page.clock.pause_at(start + 3_600_000)  # from here on the page's time moves only when the test moves it
    page.keyboard.press(" ")
    page.clock.fast_forward(20000)
    page.clock.run_for(300)
    assert countdown.get_attribute("data-remaining") == "10"
    assert "00:10" in countdown.inner_text()
    page.keyboard.press(" ")  # pause: the clock moves on, the countdown does not
    page.clock.fast_forward(15000)
    page.clock.run_for(300)
    assert countdown.get_attribute("data-remaining") == "10"
    page.reload()
    assert page.locator("[data-countdown]").get_attribute("data-remaining") == "10"
    page.keyboard.press(" ")
    page.clock.fast_forward(6000)
    page.clock.run_for(300)
    page.clock.fast_forward(5000)
    page.clock.run_for(300)
    assert page.locator("[data-countdown]").get_attribute("data-remaining") == "0"
    assert errors == []


def test_beeps_at_five_seconds_and_zero(page, site_url, errors):
    page.clock.install()
    page.goto(url_of(site_url))
    setup(page)
    click(page, "next")
    page.evaluate("""() => { window.beeps = [];
        document.addEventListener('xf:beep', e => window.beeps.push(e.detail.long)); }""")
    click(page, "timer")
    for _ in range(32):
        page.clock.run_for(1000)
    assert page.evaluate("window.beeps") == [False, True]
    assert errors == []


def test_no_question_repeats_across_100_draws_and_the_seed_repeats_the_draw(page, site_url, errors):
    page.goto(url_of(site_url))

    def play(seed):
        setup(page, seed=seed, counts={0: 1, 1: 100})
        click(page, "next")
        seen = []
        for team in TEAMS:
            seen.append(shown_id(page))
            click(page, "correct", team)
            click(page, "next")
        click(page, "next")
        for _ in range(100):
            seen.append(shown_id(page))
            page.keyboard.press("n")  # unanswered 抢答: asks once…
            page.keyboard.press("n")  # …then voids it and moves on
        return seen

    first = play("100")
    assert len(first) == 103 and len(set(first)) == 103
    click(page, "new-match")
    click(page, "confirm-new")
    assert play("100") == first
    click(page, "new-match")
    click(page, "confirm-new")
    assert play("101")[:10] != first[:10]
    assert errors == []


def export_json(page, path: Path) -> dict:
    with page.expect_download() as info:
        click(page, "export-json")
    info.value.save_as(path)
    return json.loads(path.read_text(encoding="utf-8"))


def test_json_export_continues_on_a_laptop_whose_clock_is_10_minutes_behind(page, browser, site_url, tmp_path,
                                                                            errors):
    start = 1_800_000_000_000
    page.clock.install(time=start)
    page.goto(url_of(site_url))
    setup(page)
    click(page, "next")
    click(page, "correct", TEAMS[0])
    click(page, "next")
    qid, before = shown_id(page), scores(page)
    page.clock.pause_at(start + 60_000)
    page.keyboard.press(" ")  # the 30 s countdown runs…
    page.clock.fast_forward(5000)
    page.clock.run_for(300)
    assert page.locator("[data-countdown]").get_attribute("data-remaining") == "25"
    saved = export_json(page, tmp_path / "match.json")  # …and is exported with 25 s left
    assert saved["running"] is True and 24_000 <= saved["remaining"] <= 25_000
    assert saved["orders"]["r0"][1] == qid  # the drawn questions travel with the match

    other = browser.new_context(viewport={"width": 1280, "height": 800})
    laptop = other.new_page()
    laptop.clock.install(time=start + 65_000 - 600_000)  # the other laptop's clock is 10 minutes behind
    laptop.goto(url_of(site_url))
    laptop.clock.pause_at(start + 70_000 - 600_000)
    laptop.locator('[data-setup="import"]').set_input_files(str(tmp_path / "match.json"))
    laptop.wait_for_selector("[data-question-id]")
    assert shown_id(laptop) == qid and scores(laptop) == before
    countdown = laptop.locator("[data-countdown]")
    assert countdown.get_attribute("data-remaining") == "25"
    laptop.clock.fast_forward(3000)
    laptop.clock.run_for(300)
    assert countdown.get_attribute("data-remaining") == "22"  # still running, on this laptop's clock
    # The rest of the match draws the same questions as it would have on the first laptop.
    laptop.keyboard.press(" ")
    click(laptop, "correct", TEAMS[1])
    click(laptop, "next")
    assert shown_id(laptop) == saved["orders"]["r0"][2]
    for _ in range(4):  # next, 乙's answer, next (with the timer steps), 甲's answer
        click(laptop, "undo")
    assert scores(laptop) == {team: 100 for team in TEAMS}
    other.close()
    assert errors == []


def test_tampered_imports_are_refused_and_the_stored_matches_stay(page, site_url, tmp_path, errors):
    page.goto(url_of(site_url))
    setup(page)
    click(page, "next")
    click(page, "correct", TEAMS[0])
    good = export_json(page, tmp_path / "good.json")
    click(page, "new-match")
    click(page, "confirm-new")  # the match goes to the archive; setup shows
    stored = page.evaluate("() => [localStorage.getItem('xf.v1.competition'), "
                           "localStorage.getItem('xf.v1.competition.archive')]")
    assert stored[0] is None and good["id"] in json.loads(stored[1])

    def tampered(change):
        data = json.loads(json.dumps(good))
        change(data)
        return data

    cases = [
        (tampered(lambda m: m.update(cursor=1.5)), "cursor（当前进度）应为 0–"),
        (tampered(lambda m: m.update(base=-5)), "base（起始分）应为非负整数，实际为 -5"),
        (tampered(lambda m: m["teams"].__setitem__(1, m["teams"][0])), f"队名“{TEAMS[0]}”重复"),
        (tampered(lambda m: m["rounds"][0].update(kind="快答")), "第 1 轮（必答题）的 kind 应为"),
        (tampered(lambda m: m["log"][2].update(team=99)), "log 第 3 条的队伍编号应为 0–2 的整数"),
        (tampered(lambda m: m["orders"]["r1"].__setitem__(0, "no-such-question")),
         "本机题库缺少这场比赛抽到的题：no-such-question"),
        (tampered(lambda m: m.update(remaining=-1)), "remaining（剩余时间）应为"),
        # Without a round's drawn list the round would draw other questions from this build, silently.
        (tampered(lambda m: m["orders"].__setitem__("r0", [])), "orders.r0（第 1 轮抽到的题）应有 6 道题，实际为 0 道"),
        (tampered(lambda m: m["orders"].pop("r1")), "orders.r1（第 2 轮抽到的题）应有"),
        (tampered(lambda m: m.update(created=1e20)), "created / updated 应为毫秒数"),
    ]
    for number, (data, reason) in enumerate(cases):
        path = tmp_path / f"bad{number}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        page.locator('[data-setup="import"]').set_input_files(str(path))
        error = page.locator(".xf-console-error")
        error.wait_for()
        assert reason in error.inner_text(), (reason, error.inner_text())
        assert "当前和以前的比赛都没有改动" in error.inner_text()
        assert page.locator('[data-setup="teams"]').count() == 1
        now = page.evaluate("() => [localStorage.getItem('xf.v1.competition'), "
                            "localStorage.getItem('xf.v1.competition.archive')]")
        assert now == stored, reason
    (tmp_path / "broken.json").write_text('{"v": 1, "teams": [', encoding="utf-8")
    page.locator('[data-setup="import"]').set_input_files(str(tmp_path / "broken.json"))
    page.wait_for_function("document.querySelector('.xf-console-error').textContent.includes('不是 JSON')")
    # The untouched file still imports, and the archived match is still there.
    page.locator('[data-setup="import"]').set_input_files(str(tmp_path / "good.json"))
    page.wait_for_selector("[data-question-id]")
    assert scores(page)[TEAMS[0]] == 110
    assert good["id"] in json.loads(page.evaluate("() => localStorage.getItem('xf.v1.competition.archive')"))
    assert errors == []


def test_new_match_asks_first_and_keeps_the_previous_one(page, site_url, errors):
    page.goto(url_of(site_url))
    setup(page)
    click(page, "next")
    click(page, "correct", TEAMS[0])
    click(page, "new-match")
    page.keyboard.press("u")  # keys do not act on the match behind the question
    page.keyboard.press("n")
    assert page.locator(".xf-console-confirm").count() == 1 and scores(page)[TEAMS[0]] == 110
    click(page, "cancel-new")
    assert scores(page)[TEAMS[0]] == 110
    click(page, "new-match")
    click(page, "confirm-new")
    assert page.locator('[data-setup="teams"]').count() == 1
    _, rows = read_csv(page, "previous-csv")
    _, body, final = split_csv(rows)
    assert [[row[5], row[6], row[8], row[9]] for row in body if row[8]] == [[TEAMS[0], "答对", "10", "110"]]
    assert final[1][:3] == ["第 1 名", TEAMS[0], "110"]
    # Every earlier match is kept: a second one joins the list; each can be downloaded or deleted (asked once).
    setup(page, teams=["红", "蓝"])
    click(page, "new-match")
    click(page, "confirm-new")
    listed = page.locator(".xf-archive > li")
    assert listed.count() == 2
    assert "红、蓝" in listed.first.inner_text() and "甲队、乙队、丙队" in listed.nth(1).inner_text()
    older = listed.nth(1).get_attribute("data-match")
    _, rows = read_csv(page, "archive-csv", match=older)
    assert [row[5] for row in split_csv(rows)[1] if row[8]] == [TEAMS[0]]
    page.locator(f'[data-action="archive-delete"][data-match="{older}"]').click()
    assert page.locator(".xf-archive > li").count() == 2
    page.locator(f'[data-action="archive-delete-confirm"][data-match="{older}"]').click()
    assert page.locator(".xf-archive > li").count() == 1
    page.reload()
    assert page.locator(".xf-archive > li").count() == 1 and "红、蓝" in page.locator(".xf-archive").inner_text()
    assert errors == []


def test_a_match_older_than_12_hours_asks_resume_or_new(page, site_url, errors):
    page.goto(url_of(site_url))
    setup(page)
    click(page, "next")
    qid = shown_id(page)
    page.evaluate("""() => { const m = JSON.parse(localStorage.getItem('xf.v1.competition'));
        m.updated -= 13 * 3600 * 1000; localStorage.setItem('xf.v1.competition', JSON.stringify(m)); }""")
    page.reload()
    assert page.locator("[data-question-id]").count() == 0
    assert "小时" in page.locator(".xf-console-stale").inner_text()
    click(page, "resume")
    assert shown_id(page) == qid
    page.evaluate("""() => localStorage.setItem('xf.v1.competition', '{"v":1,"teams":["甲"]}')""")
    page.reload()
    assert page.locator('[data-setup="teams"]').count() == 1
    assert "已损坏" in page.locator(".xf-console-error").inner_text()
    page.evaluate("""() => localStorage.setItem('xf.v1.competition', '{"v":1,"broken":')""")
    page.reload()
    assert page.locator('[data-setup="teams"]').count() == 1  # not JSON at all: a fresh setup, no exception
    assert errors == []


def test_keyboard_shortcuts_and_help(page, site_url, errors):
    page.goto(url_of(site_url))
    setup(page)
    page.keyboard.press("n")
    page.keyboard.press("?")
    help_text = page.locator(".xf-console-help").inner_text()
    for shown in ("Shift+U", "PageDown", "Shift+1", "放弃", "开始加赛", "抢答犯规", "按住 H"):
        assert shown in help_text, shown
    assert [cell.inner_text() for cell in page.locator(".xf-buzzer-key").all()] == ["A", "B", "C"]
    click(page, "buzzer-sheet")  # the printable sheet for setting up the 抢答器
    sheet = page.locator(".xf-buzzer-sheet")
    assert "抢答器按键表" in sheet.inner_text() and button(page, "print-sheet").count() == 1
    assert [row.locator("td").all_inner_texts() for row in sheet.locator("tbody tr").all()] == [
        [TEAMS[0], "A"], [TEAMS[1], "B"], [TEAMS[2], "C"]]
    page.keyboard.press("Escape")
    assert page.locator(".xf-buzzer-sheet").count() == 0
    page.keyboard.press("+")  # 必答: + scores the team whose turn it is
    assert scores(page)[TEAMS[0]] == 110
    page.keyboard.press("u")
    assert scores(page)[TEAMS[0]] == 100
    page.keyboard.press("Shift+U")
    assert scores(page)[TEAMS[0]] == 110
    assert page.locator(".md-search__input:focus").count() == 0 and page.url.endswith("/competition/")
    assert errors == []


def test_help_fits_a_1024x768_single_screen_with_12_teams_and_scrolls_by_keys(page, site_url, errors):
    """The whole of `?` (every key, the 12 buzzer keys, 打印抢答键表, 关闭) shows without a mouse."""
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(url_of(site_url))
    setup(page, teams=[f"第{n}队" for n in range(1, 13)], screen="single")
    page.keyboard.press("n")
    page.keyboard.press("?")
    box = page.locator(".xf-console-help")
    assert page.locator(".xf-buzzer-key").count() == 12
    size = box.evaluate("e => [e.scrollHeight, e.clientHeight]")
    assert size[0] <= size[1] + 1, size
    for selector in (".xf-keys tr:last-child", '.xf-console-help [data-action="buzzer-sheet"]',
                     '.xf-console-help [data-action="help"]', ".xf-buzzers tbody tr:last-child"):
        rect = page.locator(selector).bounding_box()
        assert rect["y"] >= 0 and rect["y"] + rect["height"] <= 768 and rect["x"] + rect["width"] <= 1024, selector
    # PageDown with the help open scrolls it; it does not move to the next question.
    qid = shown_id(page)
    page.keyboard.press("PageDown")
    assert shown_id(page) == qid and page.locator(".xf-console-confirm").count() == 0
    assert errors == []


def test_twelve_long_team_names_leave_room_for_the_question_at_1024x768(page, site_url, errors):
    """The scoreboard shrinks (to a fifth of the stage, type no smaller than 12 px); before, 12 long names took the whole stage
    and the question had 15 px left (hidden) in single-screen mode."""
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(url_of(site_url))
    setup(page, teams=[f"城关镇营盘镇代表队第{n}队柞水县信访" for n in range(1, 13)], screen="single")
    page.keyboard.press("n")
    page.wait_for_selector(".xf-stage-stem")
    sizes = page.evaluate("""() => {
        const stage = document.querySelector('.xf-stage'), main = document.querySelector('.xf-stage-main');
        const board = document.querySelector('.xf-scoreboard').getBoundingClientRect();
        const last = [...document.querySelectorAll('.xf-scoreboard li')].pop().getBoundingClientRect();
        return {stage: stage.clientHeight, main: main.clientHeight, board: board.height,
                lastBottom: last.bottom, stageBottom: stage.getBoundingClientRect().bottom}; }""")
    assert sizes["board"] <= sizes["stage"] * 0.25, sizes  # a fifth, or its 12 px floor
    assert sizes["main"] >= sizes["stage"] * 0.3, sizes
    assert sizes["lastBottom"] <= sizes["stageBottom"] + 1, sizes  # every team's score still shows
    assert errors == []


def test_dual_host_window_at_1280x720_shows_the_score_buttons_and_the_answer_without_scrolling(page, site_url, errors):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(url_of(site_url))
    setup(page, teams=["甲队", "乙队", "丙队", "丁队"], screen="dual")
    page.keyboard.press("n")
    page.wait_for_selector(".xf-stage-answer")  # 双屏: the host's preview shows the answer
    page.evaluate("window.scrollTo(0, 0)")
    for selector in ('[data-action="correct"][data-team="甲队"]', '[data-action="wrong"][data-team="丁队"]',
                     '.xf-host-bar [data-action="reveal"]', '.xf-host-bar [data-action="next"]'):
        box = page.locator(selector).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 720, selector
    clipped = page.evaluate("""() => { const main = document.querySelector('.xf-stage-main').getBoundingClientRect();
        return document.querySelector('.xf-stage-answer').getBoundingClientRect().bottom - main.bottom; }""")
    assert clipped <= 1
    assert errors == []


def test_theme_keys_leave_the_url_and_focus_on_both_windows(page, site_url, errors):
    page.goto(url_of(site_url))
    setup(page, screen="dual")
    with page.expect_popup() as popup:
        click(page, "open-stage")
    stage = popup.value
    stage.wait_for_selector("[data-team][data-score]")
    click(page, "next")
    qid = shown_id(page)
    stage.wait_for_selector(f'[data-question-id="{qid}"]')
    for window in (page, stage):
        url = window.url
        focused = window.evaluate("() => document.activeElement === document.querySelector('.xf-console')")
        assert focused  # the console keeps the keyboard after a render
        for key in (".", ",", "p", "s", "/", "P", "S"):
            window.keyboard.press(key)
            assert window.url == url, key
            assert window.evaluate("() => document.activeElement === document.querySelector('.xf-console')"), key
            assert window.locator(".md-search__input:focus").count() == 0
        assert shown_id(window) == qid
    assert errors == []


def test_a_whole_match_keyboard_only_with_buzzers(page, site_url, rules, errors):
    competition, by_kind = rules
    assert competition.buzzers[:4] == ["A", "B", "C", "D"] and competition.tiebreak == [1]
    board = by_kind["选题"]
    teams = ["甲", "乙", "丙", "丁"]
    page.set_viewport_size({"width": 1024, "height": 768})  # a mirrored county-hall projector
    page.goto(url_of(site_url))
    page.locator('[data-setup="teams"]').fill("\n".join(teams))
    page.locator('[data-setup="title"]').fill("县信访局知识竞赛")
    for index, count in {0: 1, 1: 2, 2: 1, 3: 1}.items():
        page.locator(f'[data-setup="count"][data-round="{index}"]').fill(str(count))
    page.locator('[data-action="start-match"]').focus()
    page.keyboard.press("Enter")
    page.evaluate("() => { window.buzzes = []; document.addEventListener('xf:buzz', e => window.buzzes.push(e.detail.team)); }")
    assert page.locator(".xf-stage-match").inner_text() == "县信访局知识竞赛"
    keys = page.keyboard.press

    def board_of():
        return scores(page)

    keys("n")  # 必答 title card → first question
    for key in ("+", "n", "+", "n", "-", "n", "-", "n"):
        keys(key)
    assert board_of() == {"甲": 110, "乙": 110, "丙": 100, "丁": 100}
    keys("N")  # 抢答 title card → question 1 (capital: Caps Lock makes no difference)
    first = shown_id(page)
    keys("c")  # 丙 presses before the go: 抢答犯规, for the host to confirm
    assert "丙 在示意前按了抢答器" in page.locator(".xf-foul-note").inner_text()
    keys("f")
    assert board_of()["丙"] == 100 - by_kind["抢答"].false_start
    page.evaluate("() => window.dispatchEvent(new KeyboardEvent('keydown', {key: ' ', repeat: true}))")
    assert "开始抢答" in page.locator('[data-action="timer"]').inner_text()  # a repeated (held) key does nothing
    keys(" ")  # go
    keys("b")  # 乙 first
    floor = page.locator("[data-floor]")
    assert floor.count() == 1 and floor.get_attribute("data-team") == "乙"
    assert "乙 抢答" in page.locator(".xf-floor-banner").inner_text()
    keys("a")  # 甲 too late: locked out
    assert floor.get_attribute("data-team") == "乙"
    keys("n")  # an open question: N asks once, Esc cancels
    assert page.locator(".xf-console-confirm").count() == 1
    keys("Escape")
    assert page.locator(".xf-console-confirm").count() == 0 and shown_id(page) == first
    keys("+")
    assert board_of()["乙"] == 120
    keys("n")
    keys("d")  # 丁 before the go …
    keys("x")  # … the host cancels it
    keys(" ")
    keys("a")
    assert floor.get_attribute("data-team") == "甲"
    keys("-")  # 甲 wrong: the floor is free again
    assert page.locator("[data-floor]").count() == 0
    keys("d")
    keys("+")
    assert board_of() == {"甲": 100, "乙": 120, "丙": 90, "丁": 110}
    assert page.evaluate("window.buzzes") == [1, 0, 3]
    keys("u")  # undo and redo by key
    assert board_of()["丁"] == 100
    keys("Shift+U")
    assert board_of()["丁"] == 110
    keys("n")  # 风险 title card
    keys("n")
    keys("1")  # 甲 stakes the first value
    keys("+")
    keys("n")
    keys("q")  # 乙 passes
    keys("n")
    keys("3")
    keys("-")
    keys("n")
    keys("q")
    keys("n")
    stakes = by_kind["风险"].stakes
    assert board_of() == {"甲": 100 + stakes[0], "乙": 120, "丙": 90 - stakes[2], "丁": 110}
    keys("n")  # 选题 title card → the board
    for tile, key in ((1, "+"), (12, "-"), (5, "-"), (2, "-")):
        for digit in str(tile):
            keys(digit)
        keys("Enter")
        assert f"第 {tile} 号" in page.locator(".xf-stage-progress").inner_text()
        keys(key)
        keys("n")
        if tile != 2:
            assert page.locator(f'[data-action="pick"][data-value="{tile - 1}"]').is_disabled()
    # 甲 takes tile 1 (10 points) and ties 乙 for first: 加赛 between the two, by keys too.
    assert board.tile_points[0] == 10
    assert board_of() == {"甲": 110 + stakes[0], "乙": 120, "丙": 90 - stakes[2], "丁": 110}
    assert stakes[0] == 10 and "第 1 名并列：甲、乙" in page.locator(".xf-tie").inner_text()
    keys("t")
    keys("1")  # pick 甲
    keys("+")
    keys("3")  # 丙 is not in the 加赛: nothing happens
    keys("+")
    assert board_of()["丙"] == 90 - stakes[2]
    keys("2")  # pick 乙
    keys("-")
    keys("n")
    assert page.locator(".xf-ranking").count() == 1 and page.locator(".xf-tie").count() == 0
    assert page.locator(".xf-podium-1").inner_text().endswith("甲")
    assert board_of() == {"甲": 120, "乙": 120, "丙": 90 - stakes[2], "丁": 110}  # 加赛 points apart
    # All of it on a 1024×768 single screen: nothing needed scrolling.
    assert page.evaluate("document.scrollingElement.scrollHeight <= innerHeight")
    text = page.evaluate("() => XF.match.csv(JSON.parse(localStorage.getItem('xf.v1.competition')))")
    body = [row for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if len(row) == 10]
    actions = [(row[5], row[6]) for row in body]
    assert ("丙", "抢答（主持人示意前按键）") in actions and ("丙", "抢答犯规") in actions
    assert ("丁", "取消抢答犯规") in actions or ("", "取消抢答犯规") in actions
    assert [team for team, action in actions if action == "抢到答题权"] == ["乙", "甲", "丁"]
    assert any(action.startswith("撤销：答对（丁）") for _, action in actions)
    assert page.url.endswith("/competition/")
    assert errors == []


def test_team_names_that_look_like_formulas_are_neutralised_in_the_csv(page, site_url, errors):
    teams = ["=1+1", "+SUM(A1)", "@cmd", "-2"]
    page.goto(url_of(site_url))
    setup(page, teams=teams, counts={0: 1, 1: 1})
    click(page, "next")
    click(page, "correct", "=1+1")
    click(page, "next")
    for team in teams[1:]:
        click(page, "wrong", team)
        click(page, "next")
    click(page, "next")  # 抢答
    click(page, "false-start", "@cmd")
    _, rows = read_csv(page)
    cells = [cell for row in rows for cell in row]
    assert "'=1+1" in cells and "'+SUM(A1)" in cells and "'@cmd" in cells and "'-2" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r")]
    assert "-10" in cells  # numbers stay numbers: a penalty is still −10
    assert errors == []


def test_setup_refuses_counts_larger_than_the_pool(page, site_url, rules, errors):
    competition, by_kind = rules
    page.goto(url_of(site_url))
    buzzer = competition.rounds.index(by_kind["抢答"])
    setup(page, counts={buzzer: len(by_kind["抢答"].ids) + 1})
    assert "题数应为 1–" in page.locator(".xf-console-error").inner_text()
    assert page.locator("[data-question-id]").count() == 0
    # Pools overlap: each round fits alone, together they do not (the 必答 round takes questions first).
    required = competition.rounds.index(by_kind["必答"])
    per_team = len(by_kind["必答"].ids) // 3
    setup(page, counts={required: per_team, buzzer: len(by_kind["抢答"].ids)})
    assert "请减少题数" in page.locator(".xf-console-error").inner_text()
    assert page.locator("[data-question-id]").count() == 0
    assert errors == []


def test_opening_the_stage_window_in_single_screen_mode_reveals_nothing(page, site_url, errors):
    page.goto(url_of(site_url))
    setup(page, teams=["红队", "蓝队"])  # 单屏（镜像）is the default
    click(page, "next")
    with page.expect_popup() as popup:
        click(page, "open-stage")
    stage = popup.value
    stage.wait_for_selector("[data-question-id]")
    for window in (page, stage):
        assert window.locator(".xf-stage-answer, [data-right]").count() == 0
    assert page.locator(".xf-hidden-note").count() == 1
    click(page, "reveal")
    stage.wait_for_selector(".xf-stage-answer")
    assert page.locator(".xf-stage-answer").count() == 1
    assert errors == []


def test_teams_10_to_12_have_keys_and_a_pick_does_not_outlive_its_question(page, site_url, errors):
    teams = [f"队{n}" for n in range(1, 13)]
    page.goto(url_of(site_url))
    setup(page, teams=teams, counts={0: 1})
    page.keyboard.press("n")
    for key, team in (("0", "队10"), ("Shift+1", "队11"), ("Shift+2", "队12"), ("9", "队9")):
        page.keyboard.press(key)
        assert page.locator(".xf-chip.xf-picked").get_attribute("data-chip") == team, key
    page.keyboard.press("+")  # 必答: + scores the team whose turn it is, not the picked one
    assert scores(page)["队1"] == 110 and scores(page)["队9"] == 100
    page.keyboard.press("U")  # Caps Lock on: still undo
    assert scores(page)["队1"] == 100
    page.keyboard.press("+")
    page.keyboard.press("n")
    assert page.locator(".xf-chip.xf-picked").count() == 0  # the pick ended with its question
    assert errors == []


def test_the_one_earlier_match_kept_before_is_moved_into_the_list(page, site_url, errors):
    """Before issue 16 one earlier match was kept under xf.v1.competition.previous, without a record."""
    page.goto(url_of(site_url))
    setup(page)
    click(page, "next")
    click(page, "correct", TEAMS[0])
    page.evaluate("""() => { const m = JSON.parse(localStorage.getItem('xf.v1.competition'));
        delete m.record; delete m.orders; delete m.screen; m.id = 'old-match';
        localStorage.setItem('xf.v1.competition.previous', JSON.stringify(m));
        localStorage.removeItem('xf.v1.competition'); }""")
    page.reload()
    assert page.locator('.xf-archive > li[data-match="old-match"]').count() == 1
    assert page.evaluate("() => localStorage.getItem('xf.v1.competition.previous')") is None
    _, rows = read_csv(page, "archive-csv", match="old-match")
    _, body, final = split_csv(rows)
    assert [(row[5], row[6], row[8], row[9]) for row in body if row[8]] == [(TEAMS[0], "答对", "10", "110")]
    assert final[1][:3] == ["第 1 名", TEAMS[0], "110"]
    assert errors == []


def test_the_setup_fits_a_phone(page, site_url, errors):
    # A host setting up on a 390 px phone: no field wider than the screen (投影方式 was 392 px).
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url_of(site_url))
    page.wait_for_selector('[data-setup="screen"]')
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator('[data-setup="screen"]').bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert errors == []
