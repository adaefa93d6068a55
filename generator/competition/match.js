/*
 * 信访工作条例学习平台 · 知识竞赛的比赛规则和记录（generator/competition/match.js → assets/competition/match.js）
 *
 * The rules of a match, with no DOM. A match is {v, id, title, created, updated, seed, teams, buzzers, screen,
 * base, tiebreak, rounds, extra, orders, log, cursor, record}; log entries are {t (ms), a (action), team?,
 * value?}. derive(match) replays the log up to the cursor into everything the screens show (phase, round,
 * question, turn, floor, scores, 加赛 points, timer, CSV rows); allowed() says which action is possible, so
 * the buttons, the keys and the replay agree. Rules: issue 9, issue 16 and DESIGN §6 (必答, 抢答 with buzzers,
 * 抢答犯规 and 作废, 风险 stakes, 选题 tiles, 加赛 for a tie at the places in `tiebreak`, decided in order).
 * `orders` are the drawn question ids of each round, fixed when the match starts (XF.random/XF.shuffled of
 * core.js, one seed): an exported match continues with exactly these questions on another build.
 * `record` is the dispute record: one CSV row per host action (undo and redo included), written as it
 * happens. ES5 only. Used by console.js, as XF.match.
 */
(function (window) {
  "use strict";

  var XF = window.XF;
  if (!XF || !XF.random) return;
  var VERSION = 1;
  var TIMER = { "timer-run": 1, "timer-pause": 1 };
  var SCORING = { correct: 1, wrong: 1, "false-start": 1 };
  var ACTIONS = ["start", "next", "void", "correct", "wrong", "false-start", "reveal", "stake", "pass",
                 "timer-run", "timer-pause", "tiebreak", "buzz", "foul-cancel", "pick"];
  var KINDS = ["必答", "抢答", "风险", "选题"];
  var LABELS = {
    start: "比赛开始", next: "下一题", "void": "作废", correct: "答对", wrong: "答错", "false-start": "抢答犯规",
    reveal: "揭晓答案", stake: "选择分值", pass: "放弃", "timer-run": "开始计时", "timer-pause": "暂停计时",
    tiebreak: "开始加赛", buzz: "抢答", "foul-cancel": "取消抢答犯规", pick: "选题", undo: "撤销", redo: "重做"
  };
  var LETTERS = "ABCDEFGHIJ";
  var HOST_LETTERS = "RNVUYFXQTHE";  // console.js's own keys; config.py refuses them as buzzer keys too
  var CSV_HEAD = ["时间", "轮次", "题序", "题号", "题目", "队伍", "操作", "标准答案", "分值", "操作后得分"];
  var orders = {};  // match id/seed/round → the round's pool in drawn order (matches without `orders`)

  // ---------------------------------------------------------------- the match and its log

  function own(o, k) { return o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k); }

  function isArray(value) { return Object.prototype.toString.call(value) === "[object Array]"; }

  function currentRound(S) {
    return S.phase === "tiebreak" ? S.match.extra : S.match.rounds[S.round];
  }

  function slotsOf(match, round) {
    return round.per_team ? round.per_team * match.teams.length : round.questions;
  }

  /** How many questions a round draws: its slots, or its whole board (选题), or its 加赛 questions. */
  function drawsOf(match, round) {
    return round.kind === "选题" ? round.tiles : slotsOf(match, round);
  }

  function tilePoints(round, tile) {
    return isArray(round.points) ? round.points[tile] : round.points;
  }

  function idleTimer(seconds) {
    return { seconds: seconds, running: false, deadline: 0, remaining: seconds * 1000 };
  }

  function remaining(timer, now) {
    return timer.running ? Math.max(0, timer.deadline - now) : timer.remaining;
  }

  // A round's pool in a seeded order (only questions this build has).
  function shuffledPool(seed, key, pool) {
    var usable = [], i;
    for (i = 0; i < pool.length; i++) if (XF.bank.get(pool[i])) usable.push(pool[i]);
    return XF.shuffled(usable, XF.random(XF.hashString(String(seed) + "/" + key)));
  }

  function order(match, key, pool) {
    if (match.orders && isArray(match.orders[key])) return match.orders[key];
    var cache = match.id + "/" + match.seed + "/" + key;
    if (!own(orders, cache)) orders[cache] = shuffledPool(match.seed, key, pool);
    return orders[cache];
  }

  /**
   * The questions each round will draw, fixed at the start: {orders: {r0: [ids], …, extra: [ids]}, short:
   * [{round, name, need, have}]} — `short` lists rounds whose pool (after the earlier rounds' questions)
   * cannot give what the counts ask for. No question appears twice in a match.
   */
  function plan(seed, rounds, extra, teams) {
    var used = {}, out = {}, short = [], i, list, all = rounds.concat(extra ? [extra] : []);
    for (i = 0; i < all.length; i++) {
      var round = all[i], key = i < rounds.length ? "r" + i : "extra", ids = shuffledPool(seed, key, round.pool);
      var need = round.kind === "加赛" ? round.questions
        : (round.kind === "选题" ? round.tiles : (round.per_team ? round.per_team * teams : round.questions));
      list = [];
      for (var j = 0; j < ids.length && list.length < need; j++) {
        if (!used[ids[j]]) { used[ids[j]] = true; list.push(ids[j]); }
      }
      if (list.length < need && round.kind !== "加赛") short.push({ round: i, name: round.name, need: need, have: list.length });
      out[key] = list;
    }
    return { orders: out, short: short };
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
    S.passed = false; S.timer = idleTimer(0); S.floor = -1; S.armed = false; S.foul = -1; S.tile = -1;
  }

  // The 选题 board: the round's first `tiles` questions, numbered 1…N in drawn order.
  function setBoard(S, round) {
    var ids = order(S.match, "r" + S.round, round.pool), i;
    S.board = [];
    S.taken = {};
    for (i = 0; i < ids.length && S.board.length < round.tiles; i++) {
      if (!S.used[ids[i]]) { S.board.push(ids[i]); S.used[ids[i]] = true; }
    }
  }

  function enterSlot(S, slot) {
    var round = S.match.rounds[S.round];
    resetQuestion(S);
    S.slot = slot;
    S.turn = round.per_team ? slot % S.match.teams.length : -1;
    if (round.kind === "风险") {
      S.phase = "stake";
    } else if (round.kind === "选题") {
      if (slot === 0) setBoard(S, round);
      S.phase = "board";
    } else {
      S.phase = "question";
      draw(S, "r" + S.round, round);
    }
  }

  /**
   * Teams by score, highest first; equal scores share a place (1, 1, 3). `extra` (加赛 points, optional)
   * orders only teams with equal scores: 加赛 decides a tie, it never moves a team past a higher score.
   */
  function ranking(scores, extra) {
    var list = [], i, j;
    extra = extra || [];
    for (i = 0; i < scores.length; i++) list.push({ team: i, score: scores[i], extra: extra[i] || 0, place: 1 });
    list.sort(function (a, b) { return b.score - a.score || b.extra - a.extra || a.team - b.team; });
    for (i = 0; i < list.length; i++) {
      for (j = 0; j < list.length; j++) {
        if (list[j].score > list[i].score || (list[j].score === list[i].score && list[j].extra > list[i].extra)) list[i].place++;
      }
    }
    return list;
  }

  // The first place named in `tiebreak` (in order: 1st before 2nd…) that two or more teams share, or null.
  function findTie(S) {
    var rows = ranking(S.scores, S.extraScores), places = (S.match.tiebreak || []).slice(), i, j, group, row;
    if (!S.match.extra) return null;
    places.sort(function (a, b) { return a - b; });
    for (i = 0; i < places.length; i++) {
      row = rows[places[i] - 1];
      if (!row) continue;
      group = [];
      for (j = 0; j < rows.length; j++) if (rows[j].place === row.place) group.push(rows[j].team);
      if (group.length > 1) return { place: row.place, teams: group.sort(function (a, b) { return a - b; }) };
    }
    return null;
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
    var buzzing = asking && kind === "抢答" && S.phase === "question";
    switch (a) {
      case "start": return S.count === 0;
      case "reveal": return !!S.qid && !S.revealed;
      case "timer-run": return asking && !S.timer.running && S.foul < 0;
      case "timer-pause": return asking && S.timer.running;
      case "correct": case "wrong":
        if (!asking || !validTeam(S, team) || S.out[team]) return false;
        if (S.phase === "tiebreak") return S.group.indexOf(team) >= 0;
        if (kind === "抢答") return S.floor < 0 || S.floor === team;
        return team === S.turn;
      case "false-start": return buzzing && validTeam(S, team) && !S.out[team] && (S.foul < 0 || S.foul === team);
      case "buzz": return buzzing && validTeam(S, team) && !S.out[team] && S.floor < 0 && S.foul < 0;
      case "foul-cancel": return buzzing && S.foul >= 0;
      case "stake": return S.phase === "stake" && round.stakes.indexOf(value) >= 0;
      case "pass": return S.phase === "stake";
      case "pick": return S.phase === "board" && typeof value === "number" && value >= 0 &&
                          value < S.board.length && value === Math.floor(value) && !S.taken[value];
      case "void": return buzzing;
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
    if (S.phase === "tiebreak") S.extraScores[team] += points;  // 加赛 points only order the tied teams
    else S.scores[team] += points;
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
        if (kind === "抢答" && S.phase === "question") S.armed = true;  // the host's go: buzzers count from now
        break;
      case "timer-pause": pauseAt(S, e.t); break;
      case "buzz":
        if (S.armed) S.floor = e.team;  // first press after go wins the floor; the others are locked out
        else S.foul = e.team;           // a press before go: 抢答犯规, for the host to confirm or cancel
        break;
      case "foul-cancel": S.foul = -1; break;
      case "correct": case "wrong":
        var right = e.a === "correct";
        if (kind === "风险") points = right ? S.stake : -S.stake;
        else if (kind === "选题") points = right ? tilePoints(round, S.tile) : -(round.penalty || 0);
        else points = right ? round.points : -round.penalty;
        score(S, e.team, points);
        S.out[e.team] = true;
        S.marks[e.team] = e.a;
        if (S.floor === e.team) S.floor = -1;  // a wrong answer gives the floor back to the others
        if (right || kind === "必答" || kind === "风险" || kind === "选题" || everyoneOut(S)) {
          S.resolved = S.phase !== "tiebreak" || everyoneOut(S);  // in 加赛 every tied team answers
          if (S.resolved) pauseAt(S, e.t);
        }
        break;
      case "false-start":
        points = score(S, e.team, -round.false_start);
        S.out[e.team] = true;
        S.marks[e.team] = e.a;
        if (S.foul === e.team) S.foul = -1;
        if (everyoneOut(S)) { S.resolved = true; pauseAt(S, e.t); }
        break;
      case "stake":
        S.stake = e.value;
        S.phase = "question";
        draw(S, "r" + S.round, round);
        break;
      case "pick":
        S.tile = e.value;
        S.taken[e.value] = true;
        S.phase = "question";
        S.qid = S.board[e.value];
        S.timer = idleTimer(round.seconds);
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

  /** "第 3 / 10 题", "加赛第 1 题", "" (title card, final). */
  function progressText(S) {
    if (S.phase === "tiebreak") return "加赛第 " + S.extraUsed + " 题";
    if (S.phase !== "question" && S.phase !== "stake" && S.phase !== "board") return "";
    return "第 " + (S.slot + 1) + " / " + slotsOf(S.match, currentRound(S)) + " 题";
  }

  /** The state after the first `upto` entries of match.log (default: the cursor), with one row per entry. */
  function derive(match, upto) {
    var S = {
      match: match, scores: [], extraScores: [], phase: "intro", round: 0, slot: 0, turn: -1, qid: "",
      revealed: false, resolved: false, out: {}, marks: {}, stake: 0, passed: false, timer: idleTimer(0),
      used: {}, pointers: {}, rows: [], group: [], tie: null, extraUsed: 0, count: 0, floor: -1, armed: false,
      foul: -1, board: [], taken: {}, tile: -1
    };
    var end = upto === undefined ? match.cursor : upto, i, e, row, points;
    for (i = 0; i < match.teams.length; i++) { S.scores.push(match.base); S.extraScores.push(0); }
    for (i = 0; i < end; i++) {
      e = match.log[i];
      if (!allowed(S, e.a, e.team, e.value)) continue;  // a corrupt or out-of-turn entry changes nothing
      row = { t: e.t, round: roundLabel(S), num: progressText(S), qid: S.qid, team: validTeam(S, e.team) ? e.team : -1,
              action: e.a, value: e.value, foul: e.a === "buzz" && !S.armed };
      points = apply(S, e);
      S.count++;
      // An action that opens a question (start of a round, a stake, a pick, 开始加赛) is filed under it; one
      // that leaves no question (下一题 after 放弃) stays under the question it closed.
      if (!row.qid && S.qid) { row.qid = S.qid; row.num = progressText(S); row.round = roundLabel(S); }
      row.points = SCORING[e.a] ? points : null;
      row.score = row.team >= 0 ? S.scores[row.team] : null;
      row.extra = row.team >= 0 && S.phase === "tiebreak" ? S.extraScores[row.team] : null;
      S.rows.push(row);
    }
    return S;
  }

  // ---------------------------------------------------------------- checking a match (import, storage, the other window)

  function isInt(value) {
    return typeof value === "number" && isFinite(value) && Math.floor(value) === value;
  }

  function count(value) { return isInt(value) && value >= 0; }

  // A time a Date can show (ms since 1970, within ±8.64e15): larger ones print as NaN in names and the list.
  function validTime(value) { return typeof value === "number" && isFinite(value) && Math.abs(value) <= 8.64e15; }

  function shownValue(value) {
    var text;
    try { text = JSON.stringify(value); } catch (e) { text = String(value); }
    return text === undefined ? String(value) : (text.length > 40 ? text.slice(0, 40) + "…" : text);
  }

  // Why round `r` cannot be replayed, or "" (whatever replay reads must be there and sensible).
  function roundProblem(r, label, extra) {
    var i, points;
    if (!r || typeof r !== "object" || isArray(r)) return label + "应为一轮的设置（对象）";
    if (typeof r.name !== "string" || !r.name) return label + "缺少轮次名称 name";
    label = label + "（" + r.name + "）";
    if (extra ? r.kind !== "加赛" : KINDS.indexOf(r.kind) < 0) {
      return label + "的 kind 应为" + (extra ? "“加赛”" : "“" + KINDS.join("”“") + "”之一") + "，实际为 " + shownValue(r.kind);
    }
    if (!isArray(r.pool)) return label + "缺少题目范围 pool（题号列表）";
    for (i = 0; i < r.pool.length; i++) if (typeof r.pool[i] !== "string") return label + "的 pool 第 " + (i + 1) + " 项不是题号";
    if (!(isInt(r.seconds) && r.seconds > 0 && r.seconds <= 3600)) return label + "的 seconds 应为 1–3600 的整数，实际为 " + shownValue(r.seconds);
    if (r.per_team !== undefined ? !(isInt(r.per_team) && r.per_team > 0 && r.per_team <= 100)
                                 : !(isInt(r.questions) && r.questions > 0 && r.questions <= 500)) {
      return label + "的题数（per_team 或 questions）应为正整数";
    }
    if (r.kind === "风险") {
      if (!isArray(r.stakes) || !r.stakes.length) return label + "缺少分值 stakes";
      for (i = 0; i < r.stakes.length; i++) if (!(count(r.stakes[i]) && r.stakes[i] > 0)) return label + "的 stakes 应为正整数，实际为 " + shownValue(r.stakes[i]);
      return "";
    }
    if (r.kind === "选题") {
      if (!(isInt(r.tiles) && r.tiles > 0 && r.tiles <= 100)) return label + "的 tiles（题板题数）应为正整数";
      if (r.per_team === undefined) return label + "应有 per_team（每队选几题）";
      points = isArray(r.points) ? r.points : [r.points];
      if (isArray(r.points) && r.points.length !== r.tiles) return label + "的 points 应有 " + r.tiles + " 项（每块题板一项）";
      for (i = 0; i < points.length; i++) if (!count(points[i])) return label + "的 points 应为非负整数，实际为 " + shownValue(points[i]);
      return count(r.penalty || 0) ? "" : label + "的 penalty 应为非负整数";
    }
    if (!count(r.points)) return label + "的 points 应为非负整数，实际为 " + shownValue(r.points);
    if (!count(r.penalty)) return label + "的 penalty 应为非负整数，实际为 " + shownValue(r.penalty);
    if (r.kind === "抢答" && !count(r.false_start)) return label + "的 false_start 应为非负整数，实际为 " + shownValue(r.false_start);
    return "";
  }

  /**
   * Why `m` is not a match this version can replay (stored, from the other window, or imported), as a
   * Chinese sentence naming the field; "" when it is fine. Checks types, integers, ranges, unique team
   * names and round kinds, field by field.
   */
  function problem(m) {
    var i, e, reason, seen = {}, key;
    if (!m || typeof m !== "object" || isArray(m)) return "文件内容不是比赛存档（应为 JSON 对象）";
    if (m.v !== VERSION) return "存档版本 v 应为 " + VERSION + "，实际为 " + shownValue(m.v);
    if (typeof m.id !== "string" || !m.id) return "缺少比赛编号 id";
    if (!isArray(m.teams) || m.teams.length < 2 || m.teams.length > 12) return "teams 应为 2–12 个队名";
    for (i = 0; i < m.teams.length; i++) {
      if (typeof m.teams[i] !== "string" || !m.teams[i].replace(/\s+/g, "")) return "teams 第 " + (i + 1) + " 项应为非空队名";
      if (own(seen, "n" + m.teams[i])) return "队名“" + m.teams[i] + "”重复";
      seen["n" + m.teams[i]] = true;
    }
    if (m.title !== undefined && typeof m.title !== "string") return "title 应为文字";
    if (!(count(m.base) && m.base <= 100000)) return "base（起始分）应为非负整数，实际为 " + shownValue(m.base);
    if (m.buzzers !== undefined) {
      if (!isArray(m.buzzers) || m.buzzers.length !== m.teams.length) return "buzzers 应为每队一个抢答键";
      seen = {};
      for (i = 0; i < m.buzzers.length; i++) {
        if (typeof m.buzzers[i] !== "string" || !/^([A-Z]|F([1-9]|1[0-2]))$/.test(m.buzzers[i])) return "buzzers 第 " + (i + 1) + " 项应为 A–Z 或 F1–F12，实际为 " + shownValue(m.buzzers[i]);
        if (HOST_LETTERS.indexOf(m.buzzers[i]) >= 0) return "抢答键“" + m.buzzers[i] + "”是主持人用的键";
        if (own(seen, m.buzzers[i])) return "抢答键“" + m.buzzers[i] + "”重复";
        seen[m.buzzers[i]] = true;
      }
    }
    if (m.screen !== undefined && m.screen !== "dual" && m.screen !== "single") return "screen 应为 dual 或 single";
    if (!isArray(m.rounds) || !m.rounds.length) return "rounds 应为至少一轮的列表";
    for (i = 0; i < m.rounds.length; i++) if ((reason = roundProblem(m.rounds[i], "第 " + (i + 1) + " 轮", false))) return reason;
    if (m.extra !== null && m.extra !== undefined && (reason = roundProblem(m.extra, "加赛轮", true))) return reason;
    if (m.tiebreak !== undefined) {
      if (!isArray(m.tiebreak)) return "tiebreak 应为名次列表";
      for (i = 0; i < m.tiebreak.length; i++) if (!(isInt(m.tiebreak[i]) && m.tiebreak[i] >= 1 && m.tiebreak[i] <= m.teams.length)) return "tiebreak 的名次应为 1–" + m.teams.length + " 的整数，实际为 " + shownValue(m.tiebreak[i]);
    }
    if (m.orders !== undefined) {
      if (!m.orders || typeof m.orders !== "object" || isArray(m.orders)) return "orders（抽到的题）应为对象";
      for (key in m.orders) {
        if (!own(m.orders, key)) continue;
        if (!/^(r\d+|extra)$/.test(key) || !isArray(m.orders[key])) return "orders 中的“" + key + "”不是某一轮的题号列表";
        for (i = 0; i < m.orders[key].length; i++) if (typeof m.orders[key][i] !== "string") return "orders." + key + " 第 " + (i + 1) + " 项不是题号";
      }
      // Without its list a round would draw afresh from this build's bank: other questions, silently.
      for (i = 0; i < m.rounds.length; i++) {
        key = "r" + i;
        if (!isArray(m.orders[key]) || m.orders[key].length < drawsOf(m, m.rounds[i])) {
          return "orders." + key + "（第 " + (i + 1) + " 轮抽到的题）应有 " + drawsOf(m, m.rounds[i]) + " 道题，实际为 " +
                 (isArray(m.orders[key]) ? m.orders[key].length : 0) + " 道";
        }
      }
      if (m.extra && !isArray(m.orders.extra)) return "orders 缺少加赛题列表 extra";
    }
    if (!isArray(m.log) || !m.log.length) return "log（操作记录）应为非空列表";
    for (i = 0; i < m.log.length; i++) {
      e = m.log[i];
      if (!e || typeof e !== "object" || isArray(e)) return "log 第 " + (i + 1) + " 条不是一条操作";
      if (!(validTime(e.t) && e.t >= 0)) return "log 第 " + (i + 1) + " 条的时间 t 应为毫秒数，实际为 " + shownValue(e.t);
      if (ACTIONS.indexOf(e.a) < 0) return "log 第 " + (i + 1) + " 条的操作“" + shownValue(e.a) + "”未知";
      if (e.team !== undefined && !(isInt(e.team) && e.team >= 0 && e.team < m.teams.length)) return "log 第 " + (i + 1) + " 条的队伍编号应为 0–" + (m.teams.length - 1) + " 的整数，实际为 " + shownValue(e.team);
      if (e.value !== undefined && !count(e.value)) return "log 第 " + (i + 1) + " 条的 value 应为非负整数，实际为 " + shownValue(e.value);
    }
    if (!(isInt(m.cursor) && m.cursor >= 0 && m.cursor <= m.log.length)) return "cursor（当前进度）应为 0–" + m.log.length + " 的整数，实际为 " + shownValue(m.cursor);
    if (!validTime(m.created) || !validTime(m.updated)) return "created / updated 应为毫秒数（时间）";
    if (m.record !== undefined) {
      if (!isArray(m.record)) return "record（比赛记录）应为列表";
      for (i = 0; i < m.record.length; i++) {
        if (!isArray(m.record[i]) || m.record[i].length !== CSV_HEAD.length) return "record 第 " + (i + 1) + " 行应有 " + CSV_HEAD.length + " 项";
        for (var j = 0; j < m.record[i].length; j++) {
          var cell = m.record[i][j];
          if (cell !== null && typeof cell !== "string" && !(typeof cell === "number" && isFinite(cell))) return "record 第 " + (i + 1) + " 行第 " + (j + 1) + " 项应为文字或数字";
        }
      }
    }
    return "";
  }

  function validMatch(m) { return problem(m) === ""; }

  /** Question ids the match has drawn (or will draw) that this build's bank lacks, in order. */
  function missingQuestions(m) {
    var missing = [], key, i, ids;
    if (!m.orders) return missing;
    for (key in m.orders) {
      if (!own(m.orders, key)) continue;
      ids = m.orders[key];
      for (i = 0; i < ids.length; i++) if (!XF.bank.get(ids[i]) && missing.indexOf(ids[i]) < 0) missing.push(ids[i]);
    }
    return missing;
  }

  /**
   * A new match for `teams` on the page's settings (`config`); counts: round index → questions (per team);
   * options: {title, screen, buzzers}. Returns {match} or {short: [{round, name, need, have}]} when a round's
   * pool cannot give the questions asked for.
   */
  function newMatch(config, teams, seed, counts, options) {
    var rounds = [], extra = null, i, round, copy, key, planned, buzzers = [];
    options = options || {};
    for (i = 0; i < config.rounds.length; i++) {
      round = config.rounds[i];
      copy = {};
      for (key in round) if (own(round, key)) copy[key] = round[key];
      if (round.kind === "加赛") { extra = copy; continue; }
      if (counts && counts[i]) copy[round.per_team ? "per_team" : "questions"] = counts[i];
      rounds.push(copy);
    }
    planned = plan(seed, rounds, extra, teams.length);
    if (planned.short.length) return { short: planned.short };
    for (i = 0; i < teams.length; i++) buzzers.push((config.buzzers || [])[i] || "");
    var now = Date.now(), match = {
      v: VERSION, id: "m" + now.toString(36) + Math.floor(Math.random() * 1296).toString(36), created: now,
      updated: now, title: options.title || config.title, seed: seed, teams: teams, base: config.base,
      tiebreak: config.tiebreak || [], rounds: rounds, extra: extra, orders: planned.orders,
      screen: options.screen === "dual" ? "dual" : "single", log: [{ t: now, a: "start" }], cursor: 1, record: []
    };
    if (buzzers.join("") && validBuzzers(buzzers)) match.buzzers = buzzers;
    match.record.push(recordRow(match, derive(match).rows[0]));
    return { match: match };
  }

  function validBuzzers(list) {
    var seen = {};
    for (var i = 0; i < list.length; i++) {
      if (!/^([A-Z]|F([1-9]|1[0-2]))$/.test(list[i]) || HOST_LETTERS.indexOf(list[i]) >= 0 || own(seen, list[i])) return false;
      seen[list[i]] = true;
    }
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

  // ---------------------------------------------------------------- the record (CSV)

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function stamp(t, compact) {
    var d = new Date(t);
    var date = d.getFullYear() + (compact ? "" : "-") + pad(d.getMonth() + 1) + (compact ? "" : "-") + pad(d.getDate());
    var time = pad(d.getHours()) + ":" + pad(d.getMinutes()) + (compact ? "" : ":" + pad(d.getSeconds()));
    return compact ? date + "-" + time.replace(":", "") : date + " " + time;
  }

  function judgeText(value) { return value ? "正确" : "错误"; }

  /** The answer as the stage shows it on 揭晓: "B. 文字", "正确", "答案一；答案二". */
  function answerText(q) {
    var parts = [], i;
    if (!q) return "";
    if (q.type === "judge") return judgeText(q.answer);
    if (q.type === "fill") {
      for (i = 0; i < q.answer.length; i++) parts.push(q.answer[i].join("／"));
      return parts.join("；");
    }
    var answers = isArray(q.answer) ? q.answer : [q.answer];
    for (i = 0; i < (q.options || []).length; i++) {
      if (answers.indexOf(q.options[i]) >= 0) parts.push(LETTERS.charAt(i) + ". " + q.options[i]);
    }
    return parts.join("　");
  }

  function actionLabel(match, row) {
    if (row.action === "stake") return "选择 " + row.value + " 分";
    if (row.action === "pick") return "选择第 " + (row.value + 1) + " 号题";
    if (row.action === "buzz") return row.foul ? "抢答（主持人示意前按键）" : "抢到答题权";
    if (row.action === "timer-run" && row.round && currentRoundKind(match, row) === "抢答") return "开始抢答 / 计时";
    return LABELS[row.action];
  }

  function currentRoundKind(match, row) {
    for (var i = 0; i < match.rounds.length; i++) if (match.rounds[i].name === row.round) return match.rounds[i].kind;
    return "";
  }

  function scoreText(row) {
    if (row.score === null) return null;
    return row.extra === null ? row.score : row.score + "（加赛 " + (row.extra > 0 ? "+" : "") + row.extra + "）";
  }

  /** One dispute-record row for a derived log row: the cells of CSV_HEAD. */
  function recordRow(match, row) {
    var q = row.qid ? XF.bank.get(row.qid) : null;
    return [row.t, row.round, row.num, row.qid || "", q ? q.stem : "", row.team >= 0 ? match.teams[row.team] : "",
            actionLabel(match, row), q && (row.action === "reveal" || SCORING[row.action]) ? answerText(q) : "",
            row.points, scoreText(row)];
  }

  /**
   * The record row for an undo or redo at time `t`: what it took back (or did again), with the points moved
   * and the scores after. `before`/`after`: derived states around the cursor move.
   */
  function moveRow(match, kind, t, before, after) {
    var longer = before.rows.length > after.rows.length ? before : after;
    var shorter = longer === before ? after : before;
    var rows = longer.rows.slice(shorter.rows.length), names = [], teams = [], points = 0, scored = false, i;
    for (i = 0; i < rows.length; i++) {
      names.push(actionLabel(match, rows[i]) + (rows[i].team >= 0 ? "（" + match.teams[rows[i].team] + "）" : ""));
      if (rows[i].team >= 0 && teams.indexOf(rows[i].team) < 0) teams.push(rows[i].team);
      if (rows[i].points !== null) { scored = true; points += rows[i].points; }
    }
    var sign = kind === "undo" ? -1 : 1, last = rows[rows.length - 1] || {}, q = last.qid ? XF.bank.get(last.qid) : null;
    var one = teams.length === 1 ? teams[0] : -1, teamNames = [];
    for (i = 0; i < teams.length; i++) teamNames.push(match.teams[teams[i]]);
    return [t, last.round || "", last.num || "", last.qid || "", q ? q.stem : "", teamNames.join("、"),
            LABELS[kind] + "：" + names.join("；"), "", scored && one >= 0 ? sign * points : null,
            one >= 0 ? scoreText({ score: after.scores[one], extra: after.phase === "tiebreak" || after.extraScores[one] ? after.extraScores[one] : null }) : null];
  }

  // OWASP CSV injection: a text cell starting with = + - @ tab or CR is prefixed with ' so no spreadsheet runs
  // it as a formula; numbers stay numbers.
  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    var quote = String.fromCharCode(34);  // spelled out: a quote inside a regex literal confuses simple scanners
    if (typeof value !== "number" && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
    if (text.indexOf(quote) < 0 && !/[,\r\n]/.test(text)) return text;
    return quote + text.split(quote).join(quote + quote) + quote;
  }

  /**
   * The match as CSV (UTF-8 with BOM, so Excel opens it): one row per host action (CSV_HEAD), undo and redo
   * included, then the final ranking (名次, 队伍, 得分, 加赛).
   */
  function csv(match) {
    var S = derive(match), lines = [CSV_HEAD.join(",")], i, cells, record = match.record, rows, place;
    if (!isArray(record) || !record.length) {  // a match saved before the record existed: its replay
      record = [];
      for (i = 0; i < S.rows.length; i++) record.push(recordRow(match, S.rows[i]));
    }
    for (i = 0; i < record.length; i++) {
      cells = record[i].slice();
      cells[0] = typeof cells[0] === "number" ? stamp(cells[0]) : cells[0];
      lines.push(cells.map(csvCell).join(","));
    }
    lines.push("");
    lines.push([S.phase === "final" ? "最终排名" : "当前排名", "队伍", "得分", "加赛得分"].join(","));
    rows = ranking(S.scores, S.extraScores);
    for (i = 0; i < rows.length; i++) {
      place = "第 " + rows[i].place + " 名";
      lines.push([place, match.teams[rows[i].team], rows[i].score, rows[i].extra].map(csvCell).join(","));
    }
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  XF.match = {
    VERSION: VERSION, LABELS: LABELS, HOST_LETTERS: HOST_LETTERS, CSV_HEAD: CSV_HEAD, derive: derive, allowed: allowed, ranking: ranking,
    canTiebreak: canTiebreak, currentRound: currentRound, slotsOf: slotsOf, drawsOf: drawsOf, tilePoints: tilePoints,
    remaining: remaining, validMatch: validMatch, problem: problem, missingQuestions: missingQuestions,
    newMatch: newMatch, plan: plan, undoTarget: undoTarget, redoTarget: redoTarget, csv: csv, stamp: stamp,
    roundLabel: roundLabel, progressText: progressText, answerText: answerText, judgeText: judgeText,
    recordRow: recordRow, moveRow: moveRow, csvCell: csvCell, validBuzzers: validBuzzers
  };
})(window);
