"""The competition console (/competition/, assets/console.js) as a host runs a match, in headless Chromium.

Scores are checked against the rules' arithmetic with the numbers read from quizzes/competition.yml, never
against what the page printed before.
"""

from __future__ import annotations

import csv
import io
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


def setup(page, teams=TEAMS, seed="2024", counts: dict[int, int] | None = None):
    page.locator('[data-setup="teams"]').fill("\n".join(teams))
    page.locator('[data-setup="seed"]').fill(seed)
    for index, count in (counts or {}).items():
        page.locator(f'[data-setup="count"][data-round="{index}"]').fill(str(count))
    click(page, "start-match")


def read_csv(page, download_action="export-csv") -> tuple[str, list[list[str]]]:
    with page.expect_download() as info:
        click(page, download_action)
    raw = Path(info.value.path()).read_bytes()
    text = raw.decode("utf-8")
    return text, list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_scripted_match_scores_follow_the_rules(page, site_url, rules, errors):
    competition, by_kind = rules
    base, required, buzzer, risk = competition.base, by_kind["必答"], by_kind["抢答"], by_kind["风险"]
    assert 30 in risk.stakes and 20 in risk.stakes
    a, b, c = TEAMS
    expected = {team: base for team in TEAMS}
    log = []  # (round, question id, team, action, points, score after) for every scoring action

    def score(round_name, qid, team, action, points):
        expected[team] += points
        log.append((round_name, qid, team, action, str(points), str(expected[team])))

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
    assert page.locator('[data-action="timer"]').inner_text() == "暂停计时"
    click(page, "wrong", c)
    score(buzzer.name, second, c, "答错", -buzzer.penalty)
    click(page, "void")  # nobody else answers: void, next question
    third = shown_id(page)
    assert third not in (first, second)
    click(page, "correct", c)
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
    click(page, "next")
    click(page, "stake", c, 20)
    last = shown_id(page)
    click(page, "correct", c)
    score(risk.name, last, c, "答对", 20)
    click(page, "next")

    assert scores(page) == expected == {a: base + required.points + buzzer.points - 30,
                                        b: base - required.penalty - buzzer.false_start + buzzer.points,
                                        c: base + required.points - buzzer.penalty + 20}
    ranking = [row.locator("td").all_inner_texts() for row in page.locator(".xf-ranking tr").all()]
    ordered = sorted(TEAMS, key=lambda team: -expected[team])
    assert [row[1] for row in ranking] == ordered

    # The CSV log: BOM, the columns, one row per scoring action with the score after it.
    text, rows = read_csv(page)
    assert text.startswith("\ufeff")
    assert rows[0] == ["时间", "轮次", "题号", "队伍", "操作", "分值", "操作后得分"]
    scoring = [tuple(row[1:]) for row in rows[1:] if row[5]]
    assert scoring == log
    actions = [row[4] for row in rows[1:]]
    assert actions.count("作废") == 1 and "放弃" in actions and "选择 30 分" in actions
    assert all(row[0][:2] == "20" and len(row[0]) == 19 for row in rows[1:])
    assert errors == []


def test_tie_for_first_offers_sudden_death_and_places_are_shared(page, site_url, rules, errors):
    competition, by_kind = rules
    extra, required = by_kind["加赛"], by_kind["必答"]
    page.goto(url_of(site_url))
    setup(page, teams=["东", "西", "南"], counts={0: 1, 1: 1, 2: 1})
    click(page, "next")
    for team in ("东", "西", "南"):
        click(page, "correct" if team != "南" else "wrong", team)
        click(page, "next")
    click(page, "next")
    click(page, "void")  # 抢答: nobody answers
    click(page, "next")
    for team in ("东", "西", "南"):
        click(page, "pass", team)
        click(page, "next")
    tied = competition.base + required.points
    assert scores(page) == {"东": tied, "西": tied, "南": competition.base - required.penalty}
    places = [row.locator("td").first.inner_text() for row in page.locator(".xf-ranking tr").all()]
    assert places == ["第 1 名", "第 1 名", "第 3 名"]
    assert "第 1 名并列：东、西" in page.locator(".xf-tie").inner_text()

    click(page, "tiebreak")
    assert button(page, "correct", "南").is_disabled()  # only the tied teams answer
    click(page, "wrong", "东")
    click(page, "correct", "西")
    click(page, "next")
    assert scores(page)["西"] == tied + extra.points and scores(page)["东"] == tied - extra.penalty
    places = {row.locator("td").nth(1).inner_text(): row.locator("td").first.inner_text()
              for row in page.locator(".xf-ranking tr").all()}
    assert places["西"] == "第 1 名" and places["东"] == "第 2 名"
    assert page.locator(".xf-tie").count() == 0 and button(page, "tiebreak").count() == 0
    assert errors == []


def test_host_and_stage_windows_stay_in_sync(page, site_url, errors):
    page.goto(url_of(site_url))
    setup(page, teams=["红队", "蓝队"])
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
            page.keyboard.press("n")  # unanswered 抢答: void and next
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


def test_json_export_continues_the_match_on_another_laptop(page, browser, site_url, tmp_path, errors):
    page.goto(url_of(site_url))
    setup(page)
    click(page, "next")
    click(page, "correct", TEAMS[0])
    click(page, "next")
    qid, before = shown_id(page), scores(page)
    with page.expect_download() as info:
        click(page, "export-json")
    saved = tmp_path / "match.json"
    info.value.save_as(saved)
    other = browser.new_context(viewport={"width": 1280, "height": 800})
    laptop = other.new_page()
    laptop.goto(url_of(site_url))
    laptop.locator('[data-setup="import"]').set_input_files(str(saved))
    laptop.wait_for_selector("[data-question-id]")
    assert shown_id(laptop) == qid and scores(laptop) == before
    click(laptop, "undo")
    click(laptop, "undo")
    assert scores(laptop) == {team: 100 for team in TEAMS}
    other.close()
    assert errors == []


def test_new_match_asks_first_and_keeps_the_previous_one(page, site_url, errors):
    page.goto(url_of(site_url))
    setup(page)
    click(page, "next")
    click(page, "correct", TEAMS[0])
    click(page, "new-match")
    click(page, "cancel-new")
    assert scores(page)[TEAMS[0]] == 110
    click(page, "new-match")
    click(page, "confirm-new")
    assert page.locator('[data-setup="teams"]').count() == 1
    _, rows = read_csv(page, "previous-csv")
    assert [row[3:7] for row in rows[1:] if row[5]] == [[TEAMS[0], "答对", "10", "110"]]
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
    assert "Shift+U" in page.locator(".xf-console-help").inner_text()
    page.keyboard.press("?")
    page.keyboard.press("+")  # 必答: + scores the team whose turn it is
    assert scores(page)[TEAMS[0]] == 110
    page.keyboard.press("u")
    assert scores(page)[TEAMS[0]] == 100
    page.keyboard.press("Shift+U")
    assert scores(page)[TEAMS[0]] == 110
    assert page.locator(".md-search__input:focus").count() == 0 and page.url.endswith("/competition/")
    assert errors == []
