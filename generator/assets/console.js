/*
 * 信访工作条例学习平台 · 知识竞赛主持台（assets/console.js）
 *
 * Renders into <div class="xf-console" data-config="…"> on /competition/ (settings: quizzes/competition.yml,
 * checked by generator/competition/config.py). Runs on the shared quiz core (assets/core.js: XF.h, XF.bank,
 * XF.random, XF.shuffled, XF.hashString, XF.store, XF.clock, XF.emit, XF.grade).
 *
 * - A match is a log of actions; everything on screen is derived by replaying the log (derive()), so undo and
 *   redo are a cursor into the log, and a refresh, a closed tab or a second window shows exactly the same
 *   question, timer, scores and turn. The log is saved after every action under KEY.
 * - The countdown is a deadline (Date.now() based), never counted ticks: a background tab or a sleeping
 *   laptop does not slow it.
 * - The host window and the stage window (#stage, for the projector) sync through BroadcastChannel and, where
 *   that does not reach (file://), the storage event.
 * - Bank text is inserted as text only. ES5 only; no network.
 */
(function (window, document) {
  "use strict";

  var XF = window.XF;
  if (!XF || !XF.h || !XF.store) return;  // core.js did not load: the page keeps its <noscript>-style text


  var h = XF.h;
  var KEY = "xf.v1.competition";
  var PREVIOUS_KEY = "xf.v1.competition.previous";
  var CHANNEL = "xf.v1.competition";
  var VERSION = 1;
  var STALE_MS = 12 * 3600 * 1000;   // issue 9: a match older than 12 hours asks resume or new
  var WARN_MS = 5000;                 // short beep at 5 s
  var TIMER = { "timer-run": 1, "timer-pause": 1 };
  var SCORING = { correct: 1, wrong: 1, "false-start": 1 };
  var ACTIONS = ["start", "next", "void", "correct", "wrong", "false-start", "reveal", "stake", "pass",
                 "timer-run", "timer-pause", "tiebreak"];
  var LABELS = {
    start: "比赛开始", next: "下一题", "void": "作废", correct: "答对", wrong: "答错", "false-start": "抢答犯规",
    reveal: "揭晓答案", stake: "选择分值", pass: "放弃", "timer-run": "开始计时", "timer-pause": "暂停计时",
    tiebreak: "开始加赛"
  };
  var LETTERS = "ABCDEFGHIJ";
  var TYPE_NAMES = { single: "单选题", multiple: "多选题", judge: "判断题", fill: "填空题" };

  var state = {
    root: null, config: null, match: null, view: null, stage: false, dual: false, picked: -1,
    help: false, confirmNew: false, stale: false, error: "", orders: {}, channel: null, stageWindow: null,
    timerId: null, lastRemaining: null, audio: null, draft: null, bound: false
  };

  // ---------------------------------------------------------------- the match and its log

  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  function isArray(value) { return Object.prototype.toString.call(value) === "[object Array]"; }

  function currentRound(S) {
    return S.phase === "tiebreak" ? S.match.extra : S.match.rounds[S.round];
  }

  function slotsOf(match, round) {
    return round.per_team ? round.per_team * match.teams.length : round.questions;
  }

  function idleTimer(seconds) {
    return { seconds: seconds, running: false, deadline: 0, remaining: seconds * 1000 };
  }

  function remaining(timer, now) {
    return timer.running ? Math.max(0, timer.deadline - now) : timer.remaining;
  }

  // The draw: each round's pool in a seeded order; a question already shown in this match is skipped, so the
  // same seed gives the same questions in the same order and nothing repeats.
  function order(match, key, pool) {
    var cache = match.id + "/" + match.seed + "/" + key;
    if (!own(state.orders, cache)) {
      var usable = [], i;
      for (i = 0; i < pool.length; i++) if (XF.bank.get(pool[i])) usable.push(pool[i]);
      state.orders[cache] = XF.shuffled(usable, XF.random(XF.hashString(String(match.seed) + "/" + key)));
    }
    return state.orders[cache];
  }

  function draw(S, key, round) {
    var ids = order(S.match, key, round.pool), at = S.pointers[key] || 0;
    while (at < ids.length && S.used[ids[at]]) at++;
    S.pointers[key] = at + 1;
    S.qid = at < ids.length ? ids[at] : "";
    if (S.qid) S.used[S.qid] = true;
    else S.resolved = true;  // the pool ran dry: nothing to answer, the host moves on
    S.timer = idleTimer(round.seconds);
  }

  function poolLeft(S, key, round) {
    var ids = order(S.match, key, round.pool), at;
    for (at = S.pointers[key] || 0; at < ids.length; at++) if (!S.used[ids[at]]) return true;
    return false;
  }

  function resetQuestion(S) {
    S.qid = ""; S.revealed = false; S.resolved = false; S.out = {}; S.marks = {}; S.stake = 0;
    S.passed = false; S.timer = idleTimer(0);
  }

  function enterSlot(S, slot) {
    var round = S.match.rounds[S.round];
    resetQuestion(S);
    S.slot = slot;
    S.turn = round.per_team ? slot % S.match.teams.length : -1;
    if (round.kind === "风险") {
      S.phase = "stake";
    } else {
      S.phase = "question";
      draw(S, "r" + S.round, round);
    }
  }

  /** Teams by score, highest first; equal scores share a place (1, 1, 3). */
  function ranking(scores) {
    var list = [], i, j;
    for (i = 0; i < scores.length; i++) list.push({ team: i, score: scores[i], place: 1 });
    list.sort(function (a, b) { return b.score - a.score || a.team - b.team; });
    for (i = 0; i < list.length; i++) {
      for (j = 0; j < list.length; j++) if (list[j].score > list[i].score) list[i].place++;
    }
    return list;
  }

  // The first place named in `tiebreak` that two or more teams share, or null.
  function findTie(S) {
    var rows = ranking(S.scores), places = S.match.tiebreak || [], i, j, group;
    if (!S.match.extra) return null;
    for (i = 0; i < places.length; i++) {
      group = [];
      for (j = 0; j < rows.length; j++) {
        if (rows[j].place <= places[i] && places[i] < rows[j].place + countAt(rows, rows[j].place)) group.push(rows[j].team);
      }
      if (group.length > 1) return { place: rows[indexOfTeam(rows, group[0])].place, teams: group.sort() };
    }
    return null;
  }

  function countAt(rows, place) {
    var n = 0, i;
    for (i = 0; i < rows.length; i++) if (rows[i].place === place) n++;
    return n;
  }

  function indexOfTeam(rows, team) {
    for (var i = 0; i < rows.length; i++) if (rows[i].team === team) return i;
    return -1;
  }

  function canTiebreak(S) {
    var extra = S.match.extra;
    return !!(S.tie && extra && S.extraUsed < extra.questions && poolLeft(S, "extra", extra));
  }

  function startTiebreak(S) {
    resetQuestion(S);
    S.phase = "tiebreak";
    S.group = S.tie.teams;
    S.turn = -1;
    S.extraUsed++;
    draw(S, "extra", S.match.extra);
  }

  function advance(S) {
    var round;
    if (S.phase === "intro") return enterSlot(S, 0);
    if (S.phase === "tiebreak") {
      S.tie = findTie(S);
      if (canTiebreak(S)) return startTiebreak(S);  // sudden death goes on until the tie is broken
      resetQuestion(S);
      S.phase = "final";
      return;
    }
    round = S.match.rounds[S.round];
    if (S.slot + 1 < slotsOf(S.match, round)) return enterSlot(S, S.slot + 1);
    resetQuestion(S);
    if (S.round + 1 < S.match.rounds.length) {
      S.round++;
      S.slot = 0;
      S.turn = -1;
      S.phase = "intro";
      return;
    }
    S.phase = "final";
    S.turn = -1;
    S.tie = findTie(S);
  }

  function everyoneOut(S) {
    var teams = S.phase === "tiebreak" ? S.group : null, i;
    for (i = 0; i < S.match.teams.length; i++) {
      if ((!teams || teams.indexOf(i) >= 0) && !S.out[i]) return false;
    }
    return true;
  }

  function validTeam(S, team) {
    return typeof team === "number" && team >= 0 && team < S.match.teams.length && team === Math.floor(team);
  }

  /** Whether action `a` (for `team`, with `value`) is possible in derived state S: the buttons and replay agree. */
  function allowed(S, a, team, value) {
    var round = S.phase === "final" ? null : currentRound(S), kind = round ? round.kind : "";
    var asking = (S.phase === "question" || S.phase === "tiebreak") && !!S.qid && !S.resolved;
    switch (a) {
      case "start": return S.count === 0;
      case "reveal": return !!S.qid && !S.revealed;
      case "timer-run": return asking && !S.timer.running;
      case "timer-pause": return asking && S.timer.running;
      case "correct": case "wrong":
        if (!asking || !validTeam(S, team) || S.out[team]) return false;
        if (S.phase === "tiebreak") return S.group.indexOf(team) >= 0;
        return kind === "抢答" || team === S.turn;
      case "false-start": return asking && kind === "抢答" && S.phase === "question" && validTeam(S, team) && !S.out[team];
      case "stake": return S.phase === "stake" && round.stakes.indexOf(value) >= 0;
      case "pass": return S.phase === "stake";
      case "void": return asking && kind === "抢答" && S.phase === "question";
      case "next": return S.phase === "intro" || S.phase === "tiebreak" || (S.phase === "question" && S.resolved);
      case "tiebreak": return S.phase === "final" && canTiebreak(S);
    }
    return false;
  }

  function pauseAt(S, t) {
    if (S.timer.running) {
      S.timer.remaining = Math.max(0, S.timer.deadline - t);
      S.timer.running = false;
    }
  }

  function score(S, team, points, t) {
    S.scores[team] += points;
    return points;
  }

  // One log entry applied to the derived state; returns the points it moved (0 for none).
  function apply(S, e) {
    var round = S.phase === "final" ? null : currentRound(S), kind = round ? round.kind : "", points = 0;
    switch (e.a) {
      case "reveal": S.revealed = true; break;
      case "timer-run":
        if (S.timer.remaining <= 0) S.timer.remaining = S.timer.seconds * 1000;  // time was up: run again
        S.timer.deadline = e.t + S.timer.remaining;
        S.timer.running = true;
        break;
      case "timer-pause": pauseAt(S, e.t); break;
      case "correct": case "wrong":
        var right = e.a === "correct";
        if (kind === "风险") points = right ? S.stake : -S.stake;
        else points = right ? round.points : -round.penalty;
        score(S, e.team, points, e.t);
        S.out[e.team] = true;
        S.marks[e.team] = e.a;
        if (right || kind === "必答" || kind === "风险" || everyoneOut(S)) {
          S.resolved = S.phase !== "tiebreak" || everyoneOut(S);
          if (S.resolved || kind !== "加赛") pauseAt(S, e.t);
        }
        break;
      case "false-start":
        points = score(S, e.team, -round.false_start, e.t);
        S.out[e.team] = true;
        S.marks[e.team] = e.a;
        if (everyoneOut(S)) { S.resolved = true; pauseAt(S, e.t); }
        break;
      case "stake":
        S.stake = e.value;
        S.phase = "question";
        draw(S, "r" + S.round, round);
        break;
      case "pass": S.passed = true; S.resolved = true; S.phase = "question"; break;
      case "void": case "next": advance(S); break;
      case "tiebreak": startTiebreak(S); break;
    }
    return points;
  }

  function roundLabel(S) {
    if (S.phase === "final") return "最终排名";
    var round = currentRound(S);
    return round ? round.name : "";
  }

  /** The state after the first `upto` entries of match.log (default: the cursor), with one CSV row per entry. */
  function derive(match, upto) {
    var S = {
      match: match, scores: [], phase: "intro", round: 0, slot: 0, turn: -1, qid: "", revealed: false,
      resolved: false, out: {}, marks: {}, stake: 0, passed: false, timer: idleTimer(0), used: {},
      pointers: {}, rows: [], group: [], tie: null, extraUsed: 0, count: 0
    };
    var end = upto === undefined ? match.cursor : upto, i, e, row, points;
    for (i = 0; i < match.teams.length; i++) S.scores.push(match.base);
    for (i = 0; i < end; i++) {
      e = match.log[i];
      if (!allowed(S, e.a, e.team, e.value)) continue;  // a corrupt or out-of-turn entry changes nothing
      row = { t: e.t, round: roundLabel(S), qid: S.qid, team: validTeam(S, e.team) ? e.team : -1, action: e.a,
              value: e.value };
      points = apply(S, e);
      S.count++;
      if (!row.qid) row.qid = S.qid;
      row.points = SCORING[e.a] ? points : null;
      row.score = row.team >= 0 ? S.scores[row.team] : null;
      S.rows.push(row);
    }
    return S;
  }

  function validMatch(m) {
    var i, e;
    if (!m || typeof m !== "object" || m.v !== VERSION || typeof m.id !== "string") return false;
    if (!isArray(m.teams) || m.teams.length < 2 || m.teams.length > 12) return false;
    for (i = 0; i < m.teams.length; i++) if (typeof m.teams[i] !== "string" || !m.teams[i]) return false;
    if (!isArray(m.rounds) || !m.rounds.length || typeof m.base !== "number" || !isArray(m.log)) return false;
    for (i = 0; i < m.rounds.length; i++) if (!m.rounds[i] || !isArray(m.rounds[i].pool)) return false;
    if (typeof m.cursor !== "number" || m.cursor < 0 || m.cursor > m.log.length) return false;
    for (i = 0; i < m.log.length; i++) {
      e = m.log[i];
      if (!e || typeof e.t !== "number" || ACTIONS.indexOf(e.a) < 0) return false;
    }
    return true;
  }

  function newMatch(teams, seed, counts) {
    var config = state.config, rounds = [], extra = null, i, round, copy, key;
    for (i = 0; i < config.rounds.length; i++) {
      round = config.rounds[i];
      copy = {};
      for (key in round) if (own(round, key)) copy[key] = round[key];
      if (round.kind === "加赛") { extra = copy; continue; }
      if (counts && counts[i]) copy[round.per_team ? "per_team" : "questions"] = counts[i];
      rounds.push(copy);
    }
    var now = Date.now();
    return {
      v: VERSION, id: "m" + now.toString(36), title: config.title, created: now, updated: now, seed: seed,
      teams: teams, base: config.base, tiebreak: config.tiebreak || [], rounds: rounds, extra: extra,
      log: [{ t: now, a: "start" }], cursor: 1
    };
  }

  // ---------------------------------------------------------------- acting, undo, redo, saving, syncing

  function save() {
    XF.store.set(KEY, state.match);  // when storage refuses, core.js keeps it for this page and says so
    if (state.channel) {
      try { state.channel.postMessage({ match: state.match }); } catch (e) { /* the storage event still syncs */ }
    }
  }

  function act(a, team, value) {
    var match = state.match, S = derive(match), entry;
    if (!allowed(S, a, team, value)) return false;
    entry = { t: Date.now(), a: a };
    if (team !== undefined && team !== null && team >= 0) entry.team = team;
    if (value !== undefined) entry.value = value;
    match.log = match.log.slice(0, match.cursor);  // a new action drops what was undone
    match.log.push(entry);
    match.cursor = match.log.length;
    match.updated = entry.t;
    save();
    XF.emit("xf:competition-action", { action: a, team: team, value: value });
    render();
    return true;
  }

  // A step is an action with the timer starts and pauses that follow it: undo never stops at a bare pause.
  function undoTarget(match) {
    var at = match.cursor;
    while (at > 1 && TIMER[match.log[at - 1].a]) at--;
    return at > 1 ? at - 1 : -1;
  }

  function redoTarget(match) {
    var at = match.cursor;
    if (at >= match.log.length) return -1;
    at++;
    while (at < match.log.length && TIMER[match.log[at].a]) at++;
    return at;
  }

  function moveCursor(target) {
    if (target < 0) return false;
    state.match.cursor = target;
    state.match.updated = Date.now();
    save();
    render();
    return true;
  }

  function adopt(match) {
    if (!validMatch(match)) return;
    if (state.match && match.id === state.match.id && match.updated === state.match.updated &&
        match.cursor === state.match.cursor && match.log.length === state.match.log.length) return;
    state.match = match;
    state.stale = false;
    state.confirmNew = false;
    render();
  }

  function reloadFromStore() {
    var stored = XF.store.get(KEY);
    if (stored === null) {
      if (state.match) { state.match = null; render(); }
      return;
    }
    adopt(stored);
  }

  // ---------------------------------------------------------------- exports

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function stamp(t, compact) {
    var d = new Date(t);
    var date = d.getFullYear() + (compact ? "" : "-") + pad(d.getMonth() + 1) + (compact ? "" : "-") + pad(d.getDate());
    var time = pad(d.getHours()) + ":" + pad(d.getMinutes()) + (compact ? "" : ":" + pad(d.getSeconds()));
    return compact ? date + "-" + time.replace(":", "") : date + " " + time;
  }

  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function actionLabel(row) {
    if (row.action === "stake") return "选择 " + row.value + " 分";
    return LABELS[row.action];
  }

  /** The log as CSV (UTF-8 with BOM, so Excel opens it): 时间, 轮次, 题号, 队伍, 操作, 分值, 操作后得分. */
  function csv(match) {
    var S = derive(match), lines = ["时间,轮次,题号,队伍,操作,分值,操作后得分"], i, row;
    for (i = 0; i < S.rows.length; i++) {
      row = S.rows[i];
      lines.push([stamp(row.t), row.round, row.qid, row.team >= 0 ? match.teams[row.team] : "", actionLabel(row),
                  row.points === null ? "" : row.points, row.score === null ? "" : row.score].map(csvCell).join(","));
    }
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  function download(name, text, type) {
    var blob = new window.Blob([text], { type: type }), url = window.URL.createObjectURL(blob);
    var link = h("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { window.URL.revokeObjectURL(url); }, 1000);
  }

  function exportCsv(match) {
    download("知识竞赛记录-" + stamp(match.created, true) + ".csv", csv(match), "text/csv;charset=utf-8");
  }

  function exportJson(match) {
    download("知识竞赛存档-" + stamp(match.created, true) + ".json", JSON.stringify(match), "application/json");
  }

  function importFile(file) {
    var reader = new window.FileReader();
    reader.onload = function () {
      var match = null;
      try { match = JSON.parse(String(reader.result).replace(/^\ufeff/, "")); } catch (e) { match = null; }
      if (!validMatch(match)) {
        state.error = "导入失败：这不是本主持台导出的比赛存档（JSON）。";
        render();
        return;
      }
      if (state.match) XF.store.set(PREVIOUS_KEY, state.match);
      state.match = match;
      state.error = "";
      state.stale = false;
      save();
      render();
    };
    reader.readAsText(file, "utf-8");
  }

  // ---------------------------------------------------------------- views

  function teamName(index) { return state.match.teams[index]; }

  function button(text, action, attrs, enabled) {
    var all = { type: "button", "class": "md-button xf-console-button", "data-action": action, text: text };
    for (var key in attrs || {}) if (own(attrs, key)) all[key] = attrs[key];
    if (enabled === false) all.disabled = true;
    return h("button", all);
  }

  function judgeText(value) { return value ? "正确" : "错误"; }

  function answerText(q) {
    var parts = [], i;
    if (q.type === "judge") return judgeText(q.answer);
    if (q.type === "fill") {
      for (i = 0; i < q.answer.length; i++) parts.push(q.answer[i].join("／"));
      return parts.join("；");
    }
    var answers = isArray(q.answer) ? q.answer : [q.answer];
    for (i = 0; i < q.options.length; i++) {
      if (answers.indexOf(q.options[i]) >= 0) parts.push(LETTERS.charAt(i) + ". " + q.options[i]);
    }
    return parts.join("　");
  }

  // Which options are right, by the shared grading rules (a single option is right if grading it alone is).
  function rightOption(q, text) {
    if (q.type === "multiple") return isArray(q.answer) && q.answer.indexOf(text) >= 0;
    return XF.grade(q, text).correct;
  }

  function questionCard(q, showAnswer, className) {
    var items = [], options = q.type === "judge" ? [true, false] : (q.options || []), i, right, text;
    for (i = 0; i < options.length; i++) {
      text = q.type === "judge" ? judgeText(options[i]) : options[i];
      right = showAnswer && (q.type === "judge" ? q.answer === options[i] : rightOption(q, options[i]));
      items.push(h("li", { "class": right ? "xf-right" : null },
                   [h("span", { "class": "xf-stage-letter", text: q.type === "judge" ? (options[i] ? "√" : "×") : LETTERS.charAt(i) }),
                    h("span", { text: text })]));
    }
    var answer = null;
    if (showAnswer) {
      var links = [];
      for (i = 0; i < (q.links || []).length; i++) links.push(q.links[i].label);
      answer = h("div", { "class": "xf-stage-answer" }, [
        h("p", { "class": "xf-answer-line" }, [h("strong", { text: "答案：" }), answerText(q)]),
        h("p", { "class": "xf-stage-explanation" }, [h("strong", { text: "解析：" }), q.explanation]),
        links.length ? h("p", { "class": "xf-source" }, [h("strong", { text: "依据：" }), links.join("；")]) : null
      ]);
    }
    return h("section", { "class": "xf-stage-question " + (className || ""), "data-question-id": q.id }, [
      h("p", { "class": "xf-stage-type", text: TYPE_NAMES[q.type] || "" }),
      h("p", { "class": "xf-stage-stem", text: q.stem }),
      items.length ? h("ol", { "class": "xf-stage-options" + (items.length > 2 && longest(options) < 14 ? " xf-two-columns" : "") }, items) : null,
      answer
    ]);
  }

  function longest(options) {
    var most = 0;
    for (var i = 0; i < options.length; i++) most = Math.max(most, String(options[i]).length);
    return most;
  }

  function turnText(S) {
    var round = currentRound(S), names = [], i;
    if (S.phase === "tiebreak") {
      for (i = 0; i < S.group.length; i++) names.push(teamName(S.group[i]));
      return "加赛：" + names.join("、");
    }
    if (!round || S.phase === "intro") return "";
    if (S.turn >= 0) return teamName(S.turn) + (S.phase === "stake" ? " 选择分值" : " 作答");
    return "各队抢答";
  }

  function progressText(S) {
    if (S.phase === "tiebreak") return "加赛第 " + S.extraUsed + " 题";
    if (S.phase !== "question" && S.phase !== "stake") return "";
    return "第 " + (S.slot + 1) + " / " + slotsOf(S.match, currentRound(S)) + " 题";
  }

  function scoreboard(S) {
    var rows = ranking(S.scores), items = [], i, row;
    for (i = 0; i < rows.length; i++) {
      row = rows[i];
      items.push(h("li", { "class": "xf-board-team" + (row.team === S.turn ? " xf-turn" : "") + (S.out[row.team] ? " xf-out" : ""),
                           "data-team": teamName(row.team), "data-score": row.score }, [
        h("span", { "class": "xf-board-name", text: teamName(row.team) }),
        h("span", { "class": "xf-board-score", text: String(row.score) })
      ]));
    }
    return h("ol", { "class": "xf-scoreboard", "aria-label": "计分板" }, items);
  }

  function rulesText(round) {
    if (round.kind === "必答") return "每队轮流答 " + round.per_team + " 题；答对 +" + round.points + (round.penalty ? "，答错 −" + round.penalty : "，答错不扣分") + "；限时 " + round.seconds + " 秒";
    if (round.kind === "抢答") return "主持人示意后抢答；答对 +" + round.points + "，答错 −" + round.penalty + "，抢答犯规 −" + round.false_start + "；限时 " + round.seconds + " 秒";
    if (round.kind === "风险") return "每队先选 " + round.stakes.join("、") + " 分或放弃，再看题；答对加、答错扣所选分值；限时 " + round.seconds + " 秒";
    return "并列的队伍同答一题，直到分出名次";
  }

  function finalView(S) {
    var rows = ranking(S.scores), items = [], i, names = [];
    for (i = 0; i < rows.length; i++) {
      items.push(h("tr", { "class": rows[i].place === 1 ? "xf-first" : null }, [
        h("td", { "class": "xf-place", text: "第 " + rows[i].place + " 名" }),
        h("td", { text: teamName(rows[i].team) }),
        h("td", { "class": "xf-final-score", text: String(rows[i].score) })
      ]));
    }
    if (S.tie) for (i = 0; i < S.tie.teams.length; i++) names.push(teamName(S.tie.teams[i]));
    return h("div", { "class": "xf-final" }, [
      h("p", { "class": "xf-stage-title", text: "最终排名" }),
      h("table", { "class": "xf-ranking" }, [h("tbody", null, items)]),
      S.tie ? h("p", { "class": "xf-tie", text: "第 " + S.tie.place + " 名并列：" + names.join("、") +
                        (canTiebreak(S) ? "，进行加赛" : "（加赛题已用完，名次并列）") }) : null
    ]);
  }

  /** The projector's view; `preview` shows the answer before 揭晓 (host window in two-window mode). */
  function stageView(S, preview) {
    var round = S.phase === "final" ? null : currentRound(S), main, q = S.qid ? XF.bank.get(S.qid) : null, i;
    if (S.phase === "final") {
      main = finalView(S);
    } else if (S.phase === "intro") {
      main = h("div", { "class": "xf-intro" }, [h("p", { "class": "xf-stage-title", text: round.name }),
                                               h("p", { "class": "xf-stage-rules", text: rulesText(round) })]);
    } else if (S.phase === "stake") {
      var stakes = [];
      for (i = 0; i < round.stakes.length; i++) stakes.push(h("li", { text: round.stakes[i] + " 分" }));
      main = h("div", { "class": "xf-intro" }, [h("p", { "class": "xf-stage-title", text: teamName(S.turn) + " 请选择分值" }),
                                               h("ol", { "class": "xf-stakes" }, stakes),
                                               h("p", { "class": "xf-stage-rules", text: "也可以放弃本题" })]);
    } else if (S.passed) {
      main = h("div", { "class": "xf-intro" }, [h("p", { "class": "xf-stage-title", text: teamName(S.turn) + " 放弃本题" })]);
    } else if (!q) {
      main = h("div", { "class": "xf-intro" }, [h("p", { "class": "xf-stage-title", text: "本轮题目已用完" })]);
    } else {
      main = questionCard(q, preview || S.revealed, preview ? "xf-preview" : "");
    }
    var asking = S.phase === "question" || S.phase === "tiebreak";
    var header = h("header", { "class": "xf-stage-header" }, [
      h("span", { "class": "xf-stage-round", text: roundLabel(S) }),
      h("span", { "class": "xf-stage-progress", text: progressText(S) + (S.stake && asking ? "　押 " + S.stake + " 分" : "") }),
      h("span", { "class": "xf-stage-turn", text: turnText(S) }),
      asking && q ? h("span", { "class": "xf-countdown", "data-countdown": "" }) : null
    ]);
    return h("div", { "class": "xf-stage" + (preview ? " xf-stage-preview" : "") }, [
      header, h("div", { "class": "xf-stage-main" }, [main]), scoreboard(S)]);
  }

  function teamRow(S, i) {
    var round = S.phase === "final" ? null : currentRound(S), name = teamName(i);
    var attrs = { "data-team": name }, mark = S.marks[i];
    return h("tr", { "class": (i === state.picked ? "xf-picked " : "") + (i === S.turn ? "xf-turn" : "") }, [
      h("td", { "class": "xf-key", text: i < 9 ? String(i + 1) : "" }),
      h("td", { "class": "xf-team-name", text: name }),
      h("td", { "class": "xf-team-score", text: String(S.scores[i]) }),
      h("td", { "class": "xf-team-actions" }, [
        button("答对", "correct", attrs, allowed(S, "correct", i)),
        button("答错", "wrong", attrs, allowed(S, "wrong", i)),
        round && round.kind === "抢答" && S.phase === "question" ? button("抢答犯规", "false-start", attrs, allowed(S, "false-start", i)) : null,
        mark ? h("span", { "class": "xf-team-mark xf-team-mark-" + mark, text: LABELS[mark] }) : null
      ])
    ]);
  }

  function controls(S) {
    var round = S.phase === "final" ? null : currentRound(S), rows = [], i, bar, stakes = null;
    for (i = 0; i < S.match.teams.length; i++) rows.push(teamRow(S, i));
    var running = S.timer.running, buzzer = round && round.kind === "抢答";
    bar = h("div", { "class": "xf-host-bar" }, [
      button(running ? "暂停计时" : (buzzer ? "开始抢答" : "开始计时"), "timer", null,
             allowed(S, running ? "timer-pause" : "timer-run")),
      button("揭晓", "reveal", null, allowed(S, "reveal")),
      buzzer && S.phase === "question" ? button("作废", "void", null, allowed(S, "void")) : null,
      button(S.phase === "intro" ? "开始本轮" : "下一题", "next", null, allowed(S, "next")),
      S.phase === "final" && canTiebreak(S) ? button("开始加赛", "tiebreak", null, true) : null,
      button("撤销", "undo", null, undoTarget(S.match) >= 0),
      button("重做", "redo", null, redoTarget(S.match) >= 0)
    ]);
    if (S.phase === "stake") {
      var picks = [h("span", { text: teamName(S.turn) + " 选择：" })];
      for (i = 0; i < round.stakes.length; i++) {
        picks.push(button(round.stakes[i] + " 分", "stake", { "data-value": round.stakes[i], "data-team": teamName(S.turn) }, true));
      }
      picks.push(button("放弃", "pass", { "data-team": teamName(S.turn) }, true));
      stakes = h("div", { "class": "xf-host-stakes" }, picks);
    }
    return h("div", { "class": "xf-host-controls" }, [
      bar, stakes,
      h("table", { "class": "xf-teams" }, [h("tbody", null, rows)])
    ]);
  }

  function tools() {
    return h("div", { "class": "xf-host-tools" }, [
      button("打开大屏窗口", "open-stage"),
      button(state.dual ? "切换为单窗口" : "切换为双窗口", "layout"),
      button("导出 CSV 记录", "export-csv"),
      button("导出 JSON 存档", "export-json"),
      button("新比赛", "new-match"),
      button("快捷键 ?", "help")
    ]);
  }

  var SHORTCUTS = [["空格", "开始 / 暂停计时（抢答轮：示意开始抢答）"], ["R", "揭晓答案"], ["N 或 PageDown", "下一题"],
                   ["U 或 PageUp", "撤销"], ["Shift+U", "重做"], ["1–9", "选中队伍"], ["+ / −", "选中的队伍答对 / 答错"],
                   ["F", "选中的队伍抢答犯规"], ["?", "显示 / 隐藏本帮助"]];

  function helpView() {
    var rows = [];
    for (var i = 0; i < SHORTCUTS.length; i++) {
      rows.push(h("tr", null, [h("th", { text: SHORTCUTS[i][0] }), h("td", { text: SHORTCUTS[i][1] })]));
    }
    return h("div", { "class": "xf-console-help", role: "dialog", "aria-label": "快捷键" }, [
      h("table", null, [h("tbody", null, rows)]), button("关闭", "help")]);
  }

  function confirmView() {
    return h("div", { "class": "xf-console-confirm", role: "alertdialog" }, [
      h("p", { text: "结束当前比赛，开始新比赛？当前比赛的记录会保留，可以在设置页下载。" }),
      button("确定开始新比赛", "confirm-new"), button("取消", "cancel-new")]);
  }

  function matchView() {
    var S = derive(state.match), dual = state.dual;
    return h("div", { "class": "xf-console-host " + (dual ? "xf-dual" : "xf-single") }, [
      state.error ? h("p", { "class": "xf-console-error", role: "alert", text: state.error }) : null,
      state.confirmNew ? confirmView() : null,
      state.help ? helpView() : null,
      stageView(S, dual),
      controls(S),
      tools()
    ]);
  }

  function setupView() {
    var config = state.config, draft = state.draft, rounds = [], i, round, previous = XF.store.get(PREVIOUS_KEY);
    for (i = 0; i < config.rounds.length; i++) {
      round = config.rounds[i];
      rounds.push(h("li", null, [
        h("strong", { text: round.name }), "（" + round.kind + "）",
        round.kind === "加赛" ? "并列时自动提供，最多 " + round.questions + " 题" : h("label", null, [
          round.per_team ? "每队题数 " : "题数 ",
          h("input", { type: "number", min: 1, max: round.pool.length, "data-setup": "count", "data-round": i,
                       value: draft.counts[i] || (round.per_team || round.questions) })]),
        h("span", { "class": "xf-pool", text: "　可抽 " + round.pool.length + " 题；" + rulesText(round) })
      ]));
    }
    return h("div", { "class": "xf-console-setup" }, [
      h("h2", { text: "比赛设置" }),
      state.error ? h("p", { "class": "xf-console-error", role: "alert", text: state.error }) : null,
      h("label", { "class": "xf-field" }, ["参赛队伍（每行一队，" + config.minTeams + "–" + config.maxTeams + " 队）",
        h("textarea", { "data-setup": "teams", rows: 6, text: draft.teams })]),
      h("label", { "class": "xf-field" }, ["抽题种子（同一种子抽到同样的题）",
        h("input", { type: "text", "data-setup": "seed", value: draft.seed })]),
      h("p", { text: "各轮（起始 " + config.base + " 分）：" }),
      h("ol", { "class": "xf-setup-rounds" }, rounds),
      button("开始比赛", "start-match"),
      h("p", { "class": "xf-setup-import" }, ["或导入另一台电脑导出的比赛存档继续比：",
        h("input", { type: "file", accept: ".json,application/json", "data-setup": "import" })]),
      validMatch(previous) ? h("p", { "class": "xf-previous" }, [
        "上一场比赛（" + stamp(previous.created) + "，" + previous.teams.join("、") + "）：",
        button("下载 CSV 记录", "previous-csv"), button("下载 JSON 存档", "previous-json")]) : null
    ]);
  }

  function staleView() {
    var match = state.match, hours = Math.floor((Date.now() - match.updated) / 3600000);
    return h("div", { "class": "xf-console-stale" }, [
      h("p", { text: "上次的比赛（" + stamp(match.created) + " 开始，" + match.teams.join("、") + "）已经停了 " + hours +
                     " 小时。接着比，还是开始新比赛？" }),
      button("继续这场比赛", "resume"),
      button("开始新比赛", "confirm-new")
    ]);
  }

  function stageWindowView() {
    if (!state.match) {
      return h("div", { "class": "xf-stage" }, [h("div", { "class": "xf-stage-main" }, [
        h("div", { "class": "xf-intro" }, [h("p", { "class": "xf-stage-title", text: state.config.title }),
                                          h("p", { "class": "xf-stage-rules", text: "等待主持人开始比赛……" })])])]);
    }
    return stageView(derive(state.match), false);
  }

  function render() {
    var root = state.root, view;
    if (!root) return;
    if (state.stage) view = stageWindowView();
    else if (!state.match) view = setupView();
    else if (state.stale) view = staleView();
    else view = matchView();
    running(!!state.match && !state.stale);
    while (root.firstChild) root.removeChild(root.firstChild);
    root.appendChild(view);
    state.view = view;
    tick();
    fit();
    XF.emit("xf:render", { stage: state.stage });
  }

  function running(on) {
    var html = document.documentElement, has = /(^|\s)xf-console-running(\s|$)/.test(html.className);
    if (on && !has) html.className += " xf-console-running";
    if (!on && has) html.className = html.className.replace(/(^|\s)xf-console-running(?=\s|$)/g, "");
  }

  // Shrink the question until it fits the stage without scrolling (the stem never below 40 px: CSS).
  function fit() {
    var main = state.root && state.root.querySelector(".xf-stage-main"), scale = 1;
    if (!main) return;
    main.style.setProperty("--xf-fit", "1");
    while (main.scrollHeight > main.clientHeight + 1 && scale > 0.4) {
      scale -= 0.05;
      main.style.setProperty("--xf-fit", String(scale));
    }
  }

  // ---------------------------------------------------------------- countdown and sound

  function beep(long) {
    var Context = window.AudioContext || window.webkitAudioContext, audio, osc, gain, t;
    XF.emit("xf:beep", { long: long });
    if (!Context) return;
    try {
      audio = state.audio || (state.audio = new Context());
      osc = audio.createOscillator();
      gain = audio.createGain();
      osc.frequency.value = long ? 660 : 880;
      gain.gain.value = 0.25;
      osc.connect(gain);
      gain.connect(audio.destination);
      t = audio.currentTime;
      osc.start(t);
      osc.stop(t + (long ? 1.2 : 0.15));
    } catch (e) { /* no sound device: the countdown still shows */ }
  }

  function tick() {
    if (!state.match || !state.root) return;
    var S = derive(state.match), now = Date.now(), left = remaining(S.timer, now), nodes, i, seconds;
    var key = S.count + "/" + S.qid;
    nodes = state.root.querySelectorAll("[data-countdown]");
    seconds = Math.ceil(left / 1000);
    for (i = 0; i < nodes.length; i++) {
      nodes[i].textContent = (S.timer.running || S.resolved || left === S.timer.seconds * 1000 ? "" : "暂停 ") + XF.clock(seconds);
      nodes[i].setAttribute("data-remaining", String(seconds));
      nodes[i].className = "xf-countdown" + (seconds <= 5 && S.timer.running ? " xf-warn" : "") + (left <= 0 ? " xf-timeup" : "");
    }
    // Sound comes from the host window only: a stage window opened by script may not play audio, and the
    // projector usually shares the laptop's speakers anyway.
    if (!state.stage && S.timer.running && state.lastKey === key && state.lastRemaining !== null) {
      if (state.lastRemaining > WARN_MS && left <= WARN_MS && left > 0) beep(false);
      if (state.lastRemaining > 0 && left <= 0) beep(true);
    }
    state.lastKey = key;
    state.lastRemaining = S.timer.running ? left : null;
  }

  // ---------------------------------------------------------------- input

  function teamIndex(node) {
    var name = node.getAttribute("data-team");
    return name === null ? -1 : state.match.teams.indexOf(name);
  }

  function startMatch() {
    var draft = state.draft, config = state.config, lines = draft.teams.split(/\r?\n/), teams = [], counts = {}, i, n, round;
    for (i = 0; i < lines.length; i++) {
      n = lines[i].replace(/^\s+|\s+$/g, "");
      if (n) teams.push(n);
    }
    state.error = "";
    if (teams.length < config.minTeams || teams.length > config.maxTeams) {
      state.error = "参赛队伍应为 " + config.minTeams + "–" + config.maxTeams + " 队，现在是 " + teams.length + " 队。";
    }
    for (i = 0; i < teams.length && !state.error; i++) {
      if (teams.indexOf(teams[i]) !== i) state.error = "队名“" + teams[i] + "”重复了。";
    }
    for (i = 0; i < config.rounds.length && !state.error; i++) {
      round = config.rounds[i];
      if (round.kind === "加赛" || draft.counts[i] === undefined) continue;
      n = Number(draft.counts[i]);
      var most = round.per_team ? Math.floor(round.pool.length / teams.length) : round.pool.length;
      if (!(n >= 1 && n <= most && Math.floor(n) === n)) state.error = round.name + "的题数应为 1–" + most + " 的整数。";
      counts[i] = n;
    }
    if (state.error) return render();
    var seed = draft.seed.replace(/^\s+|\s+$/g, "") || String(Math.floor(Math.random() * 1e6));
    state.match = newMatch(teams, seed, counts);
    state.picked = -1;
    save();
    render();
  }

  function newDraft() {
    return { teams: state.config.names.join("\n"), seed: String(100000 + Math.floor(Math.random() * 900000)), counts: {} };
  }

  function openStage() {
    var url = window.location.href.split("#")[0] + "#stage";
    state.stageWindow = window.open(url, "xf-stage", "popup,width=1280,height=720");
    if (!state.stageWindow) {
      state.error = "浏览器拦截了弹出窗口：请允许本页弹出窗口，或在地址后加 #stage 另开一个窗口。";
    } else {
      state.error = "";
      setDual(true);
    }
    render();
  }

  function setDual(dual) {
    state.dual = dual;
    try { window.sessionStorage.setItem(KEY + ".layout", dual ? "dual" : "single"); } catch (e) { /* per tab only */ }
  }

  function perform(action, team, value) {
    var S;
    if (!state.match) return;
    switch (action) {
      case "undo": return moveCursor(undoTarget(state.match));
      case "redo": return moveCursor(redoTarget(state.match));
      case "timer":
        S = derive(state.match);
        return act(S.timer.running ? "timer-pause" : "timer-run");
      default: return act(action, team, value);
    }
  }

  function onClick(event) {
    var node = event.target, action, previous;
    while (node && node !== state.root && !(node.getAttribute && node.getAttribute("data-action"))) node = node.parentNode;
    if (!node || node === state.root || node.disabled) return;
    action = node.getAttribute("data-action");
    wakeAudio();
    switch (action) {
      case "start-match": return startMatch();
      case "help": state.help = !state.help; return render();
      case "new-match": state.confirmNew = true; return render();
      case "cancel-new": state.confirmNew = false; return render();
      case "confirm-new":
        if (state.match) XF.store.set(PREVIOUS_KEY, state.match);
        XF.store.remove(KEY);
        if (state.channel) try { state.channel.postMessage({ match: null }); } catch (e) { /* storage event */ }
        state.match = null; state.confirmNew = false; state.stale = false; state.draft = newDraft(); state.error = "";
        return render();
      case "resume": state.stale = false; return render();
      case "open-stage": return openStage();
      case "layout": setDual(!state.dual); return render();
      case "export-csv": return exportCsv(state.match);
      case "export-json": return exportJson(state.match);
      case "previous-csv": case "previous-json":
        previous = XF.store.get(PREVIOUS_KEY);
        if (validMatch(previous)) (action === "previous-csv" ? exportCsv : exportJson)(previous);
        return;
    }
    perform(action, node.hasAttribute("data-team") ? teamIndex(node) : undefined,
            node.hasAttribute("data-value") ? Number(node.getAttribute("data-value")) : undefined);
  }

  function onInput(event) {
    var node = event.target, kind = node.getAttribute && node.getAttribute("data-setup");
    if (!kind || !state.draft) return;
    if (kind === "teams") state.draft.teams = node.value;
    else if (kind === "seed") state.draft.seed = node.value;
    else if (kind === "count") state.draft.counts[node.getAttribute("data-round")] = node.value;
    else if (kind === "import" && node.files && node.files[0]) importFile(node.files[0]);
  }

  // Runs on window in the capture phase, before mkdocs-material's own keys (n/p move between pages, f/s search).
  function onKeydown(event) {
    var target = event.target, tag = target && target.tagName, key = event.key, S, team, handled = true;
    if (!state.root || !document.body.contains(state.root) || !state.match || state.stale) return;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || event.ctrlKey || event.metaKey || event.altKey) return;
    S = derive(state.match);
    team = state.picked >= 0 ? state.picked : S.turn;
    if (key === " " || key === "Spacebar") perform("timer");
    else if (key === "r" || key === "R") perform("reveal");
    else if (key === "n" || key === "N" || key === "PageDown") perform(S.phase === "question" && !S.resolved ? "void" : "next");
    else if (key === "U" && event.shiftKey) perform("redo");
    else if (key === "u" || key === "PageUp") perform("undo");
    else if (/^[1-9]$/.test(key)) { state.picked = Number(key) - 1 < state.match.teams.length ? Number(key) - 1 : -1; render(); }
    else if (key === "+" || key === "=") perform("correct", team);
    else if (key === "-" || key === "_" || key === "−") perform("wrong", team);
    else if (key === "f" || key === "F") perform("false-start", team);
    else if (key === "?") { state.help = !state.help; render(); }
    else if (key === "Escape" && (state.help || state.confirmNew)) { state.help = false; state.confirmNew = false; render(); }
    else handled = false;
    if (handled) {
      event.preventDefault();
      event.stopImmediatePropagation();
      wakeAudio();
    }
  }

  // Browsers start an AudioContext only from a user gesture: create it on the host's first click or key.
  function wakeAudio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (state.stage || !Context) return;
    try {
      if (!state.audio) state.audio = new Context();
      if (state.audio.state === "suspended") state.audio.resume();
    } catch (e) { /* no sound */ }
  }

  // ---------------------------------------------------------------- start

  function readConfig(root) {
    try {
      var config = JSON.parse(root.getAttribute("data-config"));
      return config && isArray(config.rounds) ? config : null;
    } catch (e) {
      return null;
    }
  }

  function init(root) {
    if (root.getAttribute("data-ready") === "1") return;
    state.root = root;
    state.config = readConfig(root);
    if (!state.config) {
      root.appendChild(h("p", { "class": "xf-console-error", text: "竞赛设置缺失或已损坏，请重新生成网站。" }));
      return;
    }
    root.setAttribute("data-ready", "1");
    state.stage = window.location.hash === "#stage";
    if (state.stage) document.documentElement.className += " xf-stage-window";
    try { state.dual = window.sessionStorage.getItem(KEY + ".layout") === "dual"; } catch (e) { state.dual = false; }
    state.draft = newDraft();
    var stored = XF.store.get(KEY);
    if (stored !== null && !validMatch(stored)) {
      XF.store.remove(KEY);
      state.error = "本地保存的比赛记录已损坏，已清除。";
    } else if (stored) {
      state.match = stored;
      state.stale = !state.stage && Date.now() - stored.updated > STALE_MS;
    }
    root.addEventListener("click", onClick, false);
    root.addEventListener("input", onInput, false);
    root.addEventListener("change", onInput, false);
    window.addEventListener("keydown", onKeydown, true);
    XF.store.onChange(KEY, reloadFromStore);
    if (window.BroadcastChannel) {
      try {
        state.channel = new window.BroadcastChannel(CHANNEL);
        state.channel.onmessage = function (event) {
          var data = event.data || {};
          if (data.match === null) { if (state.match) { state.match = null; render(); } }
          else adopt(data.match);
        };
      } catch (e) { state.channel = null; }
    }
    window.addEventListener("resize", fit, false);
    state.timerId = window.setInterval(tick, 200);
    render();
  }

  function boot() {
    var root = document.querySelector(".xf-console[data-config]");
    if (root) init(root);
  }

  XF.competition = { derive: derive, ranking: ranking, csv: csv, validMatch: validMatch, key: KEY, render: render };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot, false);
  else boot();
})(window, document);
