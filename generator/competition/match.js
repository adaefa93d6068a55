/*
 * 信访工作条例学习平台 · 知识竞赛的比赛记录（assets/console-match.js）
 *
 * The rules of a match, with no DOM: a match is {v, id, title, created, updated, seed, teams, base, tiebreak,
 * rounds, extra, log, cursor}; log entries are {t (ms), a (action), team?, value?}. derive(match) replays the
 * log up to the cursor into everything the screens show (phase, round, question, turn, scores, timer, the
 * CSV rows); allowed() says which action is possible, so the buttons and the replay agree. Rules: issue 9
 * and DESIGN §6 (必答, 抢答 with 抢答犯规 and 作废, 风险 stakes, 加赛 for a tie at the places in `tiebreak`).
 * Draws come from XF.random/XF.shuffled (core.js): one seed, one order, no question twice in a match.
 * ES5 only. Used by assets/console.js, as XF.match.
 */
(function (window) {
  "use strict";

  var XF = window.XF;
  if (!XF || !XF.random) return;
  var VERSION = 1;
  var TIMER = { "timer-run": 1, "timer-pause": 1 };
  var SCORING = { correct: 1, wrong: 1, "false-start": 1 };
  var ACTIONS = ["start", "next", "void", "correct", "wrong", "false-start", "reveal", "stake", "pass",
                 "timer-run", "timer-pause", "tiebreak"];
  var LABELS = {
    start: "比赛开始", next: "下一题", "void": "作废", correct: "答对", wrong: "答错", "false-start": "抢答犯规",
    reveal: "揭晓答案", stake: "选择分值", pass: "放弃", "timer-run": "开始计时", "timer-pause": "暂停计时",
    tiebreak: "开始加赛"
  };
  var orders = {};  // match id/seed/round → the round's pool in drawn order

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
    if (!own(orders, cache)) {
      var usable = [], i;
      for (i = 0; i < pool.length; i++) if (XF.bank.get(pool[i])) usable.push(pool[i]);
      orders[cache] = XF.shuffled(usable, XF.random(XF.hashString(String(match.seed) + "/" + key)));
    }
    return orders[cache];
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

  function score(S, team, points) {
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
        score(S, e.team, points);
        S.out[e.team] = true;
        S.marks[e.team] = e.a;
        if (right || kind === "必答" || kind === "风险" || everyoneOut(S)) {
          S.resolved = S.phase !== "tiebreak" || everyoneOut(S);
          if (S.resolved || kind !== "加赛") pauseAt(S, e.t);
        }
        break;
      case "false-start":
        points = score(S, e.team, -round.false_start);
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

  function count(value) {
    return typeof value === "number" && value >= 0 && Math.floor(value) === value;
  }

  // A round as newMatch copies it from the settings: whatever replay reads must be there, so an imported or
  // hand-edited file cannot stop the page halfway through a match.
  function validRound(r, extra) {
    var i;
    if (!r || typeof r !== "object" || typeof r.name !== "string" || !isArray(r.pool) || !(r.seconds > 0)) return false;
    if (extra ? r.kind !== "加赛" : ["必答", "抢答", "风险"].indexOf(r.kind) < 0) return false;
    if (r.per_team ? !(count(r.per_team) && r.per_team > 0) : !(count(r.questions) && r.questions > 0)) return false;
    if (r.kind === "风险") {
      if (!isArray(r.stakes) || !r.stakes.length) return false;
      for (i = 0; i < r.stakes.length; i++) if (!count(r.stakes[i])) return false;
      return true;
    }
    return count(r.points) && count(r.penalty) && (r.kind !== "抢答" || count(r.false_start));
  }

  /** Whether `m` is a match this version can replay (stored, received from the other window, or imported). */
  function validMatch(m) {
    var i, e;
    if (!m || typeof m !== "object" || m.v !== VERSION || typeof m.id !== "string") return false;
    if (!isArray(m.teams) || m.teams.length < 2 || m.teams.length > 12) return false;
    for (i = 0; i < m.teams.length; i++) if (typeof m.teams[i] !== "string" || !m.teams[i]) return false;
    if (!isArray(m.rounds) || !m.rounds.length || typeof m.base !== "number" || !isArray(m.log)) return false;
    for (i = 0; i < m.rounds.length; i++) if (!validRound(m.rounds[i], false)) return false;
    if (m.extra !== null && m.extra !== undefined && !validRound(m.extra, true)) return false;
    if (m.tiebreak !== undefined && !isArray(m.tiebreak)) return false;
    if (typeof m.cursor !== "number" || m.cursor < 0 || m.cursor > m.log.length) return false;
    for (i = 0; i < m.log.length; i++) {
      e = m.log[i];
      if (!e || typeof e.t !== "number" || ACTIONS.indexOf(e.a) < 0) return false;
    }
    return true;
  }

  /** A new match for `teams` on the page's settings (`config`); counts: round index → questions (per team). */
  function newMatch(config, teams, seed, counts) {
    var rounds = [], extra = null, i, round, copy, key;
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

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function stamp(t, compact) {
    var d = new Date(t);
    var date = d.getFullYear() + (compact ? "" : "-") + pad(d.getMonth() + 1) + (compact ? "" : "-") + pad(d.getDate());
    var time = pad(d.getHours()) + ":" + pad(d.getMinutes()) + (compact ? "" : ":" + pad(d.getSeconds()));
    return compact ? date + "-" + time.replace(":", "") : date + " " + time;
  }

  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    var quote = String.fromCharCode(34);  // spelled out: a quote inside a regex literal confuses simple scanners
    if (text.indexOf(quote) < 0 && !/[,\r\n]/.test(text)) return text;
    return quote + text.split(quote).join(quote + quote) + quote;
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

  XF.match = {
    VERSION: VERSION, LABELS: LABELS, derive: derive, allowed: allowed, ranking: ranking, canTiebreak: canTiebreak,
    currentRound: currentRound, slotsOf: slotsOf, remaining: remaining, validMatch: validMatch, newMatch: newMatch,
    undoTarget: undoTarget, redoTarget: redoTarget, csv: csv, stamp: stamp, roundLabel: roundLabel
  };
})(window);
