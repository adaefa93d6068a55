/*
 * 信访工作条例学习平台 · 知识竞赛主持台（generator/competition/console.js → assets/competition/console.js）
 *
 * Renders into <div class="xf-console" data-config="…"> on /competition/ (settings: quizzes/competition.yml,
 * checked by generator/competition/config.py): setup, the stage view, the host's controls, buzzers, sound,
 * windows, keys, the dispute record and exports. Runs on the shared quiz core (assets/core.js: XF.h, XF.bank,
 * XF.store, XF.clock, XF.emit, XF.grade) and the match rules (match.js: XF.match).
 *
 * - A match is a log of actions; everything on screen is derived by replaying the log (XF.match.derive), so
 *   undo and redo are a cursor into the log, and a refresh, a closed tab or a second window shows exactly the
 *   same question, timer, scores and turn. The log is saved after every action under KEY; every host action
 *   (undo and redo too) also adds a row to match.record, the CSV that settles disputes.
 * - Screens (issue 16): 双屏 (the host window previews answers, the stage window #stage goes to the projector)
 *   or 单屏 (a mirrored projector: the host window is the stage, answers hidden until 揭晓, a compact bar).
 * - The console owns the keyboard on /competition/: the theme's shortcuts never see a key, focus stays on the
 *   console after every render; buzzers (抢答器) are keys too.
 * - The countdown is a deadline (Date.now() based), never counted ticks; an export carries the remaining
 *   time, so another laptop's clock does not matter.
 * - Bank text is inserted as text only. ES5 only; no network.
 */
(function (window, document) {
  "use strict";

  var XF = window.XF;
  if (!XF || !XF.h || !XF.store || !XF.match) return;  // core.js or match.js did not load

  var h = XF.h, M = XF.match;
  var derive = M.derive, allowed = M.allowed, ranking = M.ranking, canTiebreak = M.canTiebreak;
  var currentRound = M.currentRound, slotsOf = M.slotsOf, remaining = M.remaining, validMatch = M.validMatch;
  var undoTarget = M.undoTarget, redoTarget = M.redoTarget, stamp = M.stamp, LABELS = M.LABELS;
  var KEY = "xf.v1.competition";
  var ARCHIVE_KEY = "xf.v1.competition.archive";     // id → an earlier match (issue 16: all of them are kept)
  var PREVIOUS_KEY = "xf.v1.competition.previous";   // the one earlier match kept before issue 16: moved into the archive
  var CHANNEL = "xf.v1.competition";
  var STALE_MS = 12 * 3600 * 1000;   // issue 9: a match older than 12 hours asks resume or new
  var WARN_MS = 5000;                 // short beep at 5 s
  var LETTERS = "ABCDEFGHIJ";
  var TYPE_NAMES = { single: "单选题", multiple: "多选题", judge: "判断题", fill: "填空题" };
  var ROUND_NUMBERS = "一二三四五六七八九十";
  // The host's keys (letters are case-insensitive); buzzer keys in competition.yml may not use these.
  var HOST_LETTERS = M.HOST_LETTERS;
  var DEFAULT_BUZZERS = ["A", "B", "C", "D", "G", "I", "J", "K", "L", "M", "W", "Z"];

  var state = {
    root: null, config: null, match: null, view: null, stage: false, picked: -1, pickedFor: "",
    help: false, sheet: false, confirmNew: false, confirm: null, deleting: "", stale: false, error: "", notice: "",
    channel: null, stageWindow: null, timerId: null, lastRemaining: null, audio: null, draft: null, lastKey: "",
    peek: false, tiles: "", floorKey: ""
  };

  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  function isArray(value) { return Object.prototype.toString.call(value) === "[object Array]"; }

  function buzzersOf(match) {
    var keys = [], configured = match.buzzers || state.config.buzzers || [], i;
    for (i = 0; i < match.teams.length; i++) keys.push(configured[i] || DEFAULT_BUZZERS[i]);
    return keys;
  }

  function single() { return !state.match || state.match.screen !== "dual"; }

  // ---------------------------------------------------------------- acting, undo, redo, saving, syncing

  function save() {
    XF.store.set(KEY, state.match);  // when storage refuses, core.js keeps it for this page and says so
    if (state.channel) {
      try { state.channel.postMessage({ match: state.match }); } catch (e) { /* the storage event still syncs */ }
    }
  }

  function record(row) {
    if (!isArray(state.match.record)) state.match.record = [];
    state.match.record.push(row);
  }

  function act(a, team, value) {
    var match = state.match, S = derive(match), entry, after;
    if (!allowed(S, a, team, value)) return false;
    entry = { t: Date.now(), a: a };
    if (team !== undefined && team !== null && team >= 0) entry.team = team;
    if (value !== undefined) entry.value = value;
    match.log = match.log.slice(0, match.cursor);  // a new action drops what was undone
    match.log.push(entry);
    match.cursor = match.log.length;
    match.updated = entry.t;
    after = derive(match);
    record(M.recordRow(match, after.rows[after.rows.length - 1]));
    state.confirm = null;
    state.error = "";
    state.notice = "";
    save();
    XF.emit("xf:competition-action", { action: a, team: team, value: value });
    render();
    return true;
  }

  function moveCursor(kind, target) {
    var match = state.match, before, now = Date.now();
    if (target < 0) return false;
    before = derive(match);
    match.cursor = target;
    match.updated = now;
    record(M.moveRow(match, kind, now, before, derive(match)));
    state.confirm = null;
    state.error = "";
    state.notice = "";
    save();
    render();
    return true;
  }

  function adopt(match) {
    if (!validMatch(match)) return;
    if (state.match && match.id === state.match.id && match.updated === state.match.updated &&
        match.cursor === state.match.cursor && match.log.length === state.match.log.length &&
        (match.record || []).length === (state.match.record || []).length) return;
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

  // ---------------------------------------------------------------- earlier matches

  function archived() {
    return XF.store.read(ARCHIVE_KEY, function (id, match) { return validMatch(match) && match.id === id; }).value;
  }

  function archive(match) {
    if (!validMatch(match)) return;
    XF.store.update(ARCHIVE_KEY, function (id, m) { return validMatch(m) && m.id === id; }, function (all) {
      all[match.id] = match;
    });
  }

  function archivedList() {
    var all = archived(), list = [], id;
    for (id in all) if (own(all, id)) list.push(all[id]);
    list.sort(function (a, b) { return b.created - a.created; });
    return list;
  }

  // ---------------------------------------------------------------- exports and import

  function download(name, text, type) {
    var blob = new window.Blob([text], { type: type }), url = window.URL.createObjectURL(blob);
    var link = h("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { window.URL.revokeObjectURL(url); }, 1000);
  }

  function exportCsv(match) {
    download("知识竞赛记录-" + stamp(match.created, true) + ".csv", M.csv(match), "text/csv;charset=utf-8");
  }

  // The file carries the drawn questions (orders) and the countdown as time left, never as a deadline.
  function exportJson(match) {
    var copy = JSON.parse(JSON.stringify(match)), S = derive(match), now = Date.now();
    copy.exported = now;
    copy.remaining = Math.round(remaining(S.timer, now));
    copy.running = S.timer.running;
    download("知识竞赛存档-" + stamp(match.created, true) + ".json", JSON.stringify(copy), "application/json");
  }

  /**
   * A match read from an exported file, ready to continue here, or {error: Chinese reason}. The log's
   * times are moved onto this laptop's clock so that a running countdown has exactly the time it had left.
   */
  function importedMatch(text) {
    var match, reason, missing, S, shift, last, i, left;
    try { match = JSON.parse(String(text).replace(/^\ufeff/, "")); } catch (e) { return { error: "文件不是 JSON，不是本主持台导出的比赛存档" }; }
    reason = M.problem(match);
    if (reason) return { error: reason };
    left = match.remaining;
    if (left !== undefined && !(typeof left === "number" && left >= 0 && left <= 3600000 && Math.floor(left) === left)) {
      return { error: "remaining（剩余时间）应为 0–3600000 的毫秒整数，实际为 " + String(left) };
    }
    if (match.running !== undefined && typeof match.running !== "boolean") return { error: "running 应为 true 或 false" };
    missing = M.missingQuestions(match);
    if (missing.length) return { error: "本机题库缺少这场比赛抽到的题：" + missing.join("、") + "（请用同一版本的网站）" };
    S = derive(match);
    last = match.log[match.log.length - 1].t;
    if (S.timer.running && left !== undefined) shift = Date.now() + left - S.timer.deadline;
    else shift = Date.now() - last;
    for (i = 0; i < match.log.length; i++) match.log[i].t += shift;
    match.updated = Date.now();
    delete match.exported; delete match.remaining; delete match.running;
    return { match: match };
  }

  function importFile(file) {
    var reader = new window.FileReader();
    reader.onload = function () {
      var result = importedMatch(reader.result);
      if (result.error) {
        state.error = "导入失败：" + result.error + "。当前和以前的比赛都没有改动。";
        render();
        return;
      }
      if (state.match) archive(state.match);
      state.match = result.match;
      state.error = "";
      state.notice = "已导入比赛存档，接着比。";
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

  // Which options are right, by the shared grading rules (a single option is right if grading it alone is).
  function rightOption(q, text) {
    if (q.type === "multiple") return isArray(q.answer) && q.answer.indexOf(text) >= 0;
    return XF.grade(q, text).correct;
  }

  function questionCard(q, showAnswer, className) {
    var items = [], options = q.type === "judge" ? [true, false] : (q.options || []), i, right, text;
    for (i = 0; i < options.length; i++) {
      text = q.type === "judge" ? M.judgeText(options[i]) : options[i];
      right = showAnswer && (q.type === "judge" ? q.answer === options[i] : rightOption(q, options[i]));
      items.push(h("li", { "class": right ? "xf-right" : null, "data-right": right ? "" : null }, [
        h("span", { "class": "xf-stage-letter", text: q.type === "judge" ? (options[i] ? "√" : "×") : LETTERS.charAt(i) }),
        h("span", { "class": "xf-option-text", text: text }),
        right ? h("span", { "class": "xf-check", "aria-label": "正确答案", text: "✓" }) : null]));
    }
    var answer = null;
    if (showAnswer) {
      var links = [];
      for (i = 0; i < (q.links || []).length; i++) links.push(q.links[i].label);
      answer = h("div", { "class": "xf-stage-answer" }, [
        h("p", { "class": "xf-answer-line" }, [h("strong", { text: "✓ 答案：" }), M.answerText(q)]),
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
    var round = S.phase === "final" ? null : currentRound(S), names = [], i;
    if (S.phase === "tiebreak") {
      for (i = 0; i < S.group.length; i++) names.push(teamName(S.group[i]));
      return "加赛：" + names.join("、");
    }
    if (!round || S.phase === "intro") return "";
    if (S.turn >= 0) {
      if (S.phase === "stake") return teamName(S.turn) + " 选择分值";
      if (S.phase === "board") return teamName(S.turn) + " 选题";
      if (S.passed) return teamName(S.turn) + " 放弃";
      return teamName(S.turn) + " 作答";
    }
    if (S.floor >= 0) return teamName(S.floor) + " 抢到答题权";
    if (S.resolved) return "";
    return S.armed ? "请抢答" : "等待主持人示意抢答";
  }

  function scoreboard(S) {
    var rows = ranking(S.scores, S.extraScores), items = [], i, row, tied = S.phase === "tiebreak" || S.phase === "final";
    for (i = 0; i < rows.length; i++) {
      row = rows[i];
      items.push(h("li", { "class": "xf-board-team" + (row.team === S.turn ? " xf-turn" : "") + (S.out[row.team] ? " xf-out" : "") +
                                    (row.team === S.floor ? " xf-floor" : ""),
                           "data-team": teamName(row.team), "data-score": row.score,
                           "data-floor": row.team === S.floor ? "" : null, "data-tiebreak": row.extra || null }, [
        h("span", { "class": "xf-board-name", text: teamName(row.team) }),
        h("span", { "class": "xf-board-score", text: String(row.score) }),
        tied && row.extra ? h("span", { "class": "xf-board-extra", text: "加赛 " + (row.extra > 0 ? "+" : "") + row.extra }) : null
      ]));
    }
    return h("ol", { "class": "xf-scoreboard", "aria-label": "计分板" }, items);
  }

  function rulesText(round) {
    if (round.kind === "必答") return "每队轮流答 " + round.per_team + " 题；答对 +" + round.points + (round.penalty ? "，答错 −" + round.penalty : "，答错不扣分") + "；限时 " + round.seconds + " 秒";
    if (round.kind === "抢答") return "主持人示意后抢答；答对 +" + round.points + "，答错 −" + round.penalty + "，抢答犯规 −" + round.false_start + "；限时 " + round.seconds + " 秒";
    if (round.kind === "风险") return "每队先选 " + round.stakes.join("、") + " 分或放弃，再看题；答对加、答错扣所选分值；限时 " + round.seconds + " 秒";
    if (round.kind === "选题") {
      var points = isArray(round.points) ? round.points : [round.points], low = Math.min.apply(null, points), high = Math.max.apply(null, points);
      return "各队轮流从 " + round.tiles + " 道题中选题，每队 " + round.per_team + " 题；答对得该题分值（" + (low === high ? low : low + "–" + high) + " 分）" +
             (round.penalty ? "，答错 −" + round.penalty : "") + "；限时 " + round.seconds + " 秒";
    }
    return "并列的队伍同答一题，直到分出名次";
  }

  function podium(S) {
    var rows = ranking(S.scores, S.extraScores), steps = [], i, byPlace = {}, place;
    for (i = 0; i < rows.length; i++) {
      if (rows[i].place > 3) continue;
      (byPlace[rows[i].place] = byPlace[rows[i].place] || []).push(teamName(rows[i].team));
    }
    for (place = 1; place <= 3; place++) {
      if (!byPlace[place]) continue;
      steps.push(h("li", { "class": "xf-podium-" + place, "data-place": place }, [
        h("span", { "class": "xf-podium-place", text: "第" + ROUND_NUMBERS.charAt(place - 1) + "名" }),
        h("span", { "class": "xf-podium-name", text: byPlace[place].join("、") })]));
    }
    return h("ol", { "class": "xf-podium" }, steps);
  }

  function finalView(S) {
    var rows = ranking(S.scores, S.extraScores), items = [], i, names = [];
    for (i = 0; i < rows.length; i++) {
      items.push(h("tr", { "class": rows[i].place === 1 ? "xf-first" : null }, [
        h("td", { "class": "xf-place", text: "第 " + rows[i].place + " 名" }),
        h("td", { text: teamName(rows[i].team) }),
        h("td", { "class": "xf-final-score", text: String(rows[i].score) + (rows[i].extra ? "（加赛 " + (rows[i].extra > 0 ? "+" : "") + rows[i].extra + "）" : "") })
      ]));
    }
    if (S.tie) for (i = 0; i < S.tie.teams.length; i++) names.push(teamName(S.tie.teams[i]));
    return h("div", { "class": "xf-final" }, [
      h("p", { "class": "xf-stage-title", text: "最终排名" }),
      S.tie ? null : podium(S),
      h("table", { "class": "xf-ranking" }, [h("tbody", null, items)]),
      S.tie ? h("p", { "class": "xf-tie", text: "第 " + S.tie.place + " 名并列：" + names.join("、") +
                        (canTiebreak(S) ? "，进行加赛" : "（加赛题已用完，名次并列）") }) : null
    ]);
  }

  function boardView(S, round, host) {
    var tiles = [], i, points, taken;
    for (i = 0; i < S.board.length; i++) {
      points = M.tilePoints(round, i);
      taken = !!S.taken[i];
      tiles.push(h(host ? "button" : "li", {
        type: host ? "button" : null, "class": (host ? "md-button xf-console-button " : "") + "xf-tile" + (taken ? " xf-taken" : ""),
        "data-action": host ? "pick" : null, "data-value": host ? i : null, disabled: host && taken ? true : null,
        "data-tile": i + 1 }, [h("span", { "class": "xf-tile-number", text: String(i + 1) }),
                               h("span", { "class": "xf-tile-points", text: taken ? "已选" : points + " 分" })]));
    }
    return h(host ? "div" : "ol", { "class": "xf-board" }, tiles);
  }

  function roundTitle(S) {
    var index = S.round, round = currentRound(S);
    return "第" + (ROUND_NUMBERS.charAt(index) || String(index + 1)) + "轮　" + round.name;
  }

  /** The projector's view; `preview` shows the answer before 揭晓 (host window in 双屏 mode). */
  function stageView(S, preview) {
    var round = S.phase === "final" ? null : currentRound(S), main, q = S.qid ? XF.bank.get(S.qid) : null, i;
    if (S.phase === "final") {
      main = finalView(S);
    } else if (S.phase === "intro") {
      main = h("div", { "class": "xf-intro xf-round-intro" }, [h("p", { "class": "xf-stage-title", text: roundTitle(S) }),
                                                             h("p", { "class": "xf-stage-rules", text: rulesText(round) })]);
    } else if (S.phase === "stake") {
      var stakes = [];
      for (i = 0; i < round.stakes.length; i++) stakes.push(h("li", { text: round.stakes[i] + " 分" }));
      main = h("div", { "class": "xf-intro" }, [h("p", { "class": "xf-stage-title", text: teamName(S.turn) + " 请选择分值" }),
                                               h("ol", { "class": "xf-stakes" }, stakes),
                                               h("p", { "class": "xf-stage-rules", text: "也可以放弃本题" })]);
    } else if (S.phase === "board") {
      main = h("div", { "class": "xf-intro xf-board-view" }, [h("p", { "class": "xf-board-title", text: teamName(S.turn) + " 请选题" }),
                                                             boardView(S, round, false)]);
    } else if (S.passed) {
      main = h("div", { "class": "xf-intro" }, [h("p", { "class": "xf-stage-title", text: teamName(S.turn) + " 放弃本题" })]);
    } else if (!q) {
      main = h("div", { "class": "xf-intro" }, [h("p", { "class": "xf-stage-title", text: "本轮题目已用完" })]);
    } else {
      main = questionCard(q, preview || S.revealed, preview ? "xf-preview" : "");
    }
    var asking = S.phase === "question" || S.phase === "tiebreak";
    var extra = S.stake && asking ? "　押 " + S.stake + " 分" : (S.tile >= 0 && asking ? "　第 " + (S.tile + 1) + " 号 " + M.tilePoints(round, S.tile) + " 分" : "");
    var header = h("header", { "class": "xf-stage-header" }, [
      h("span", { "class": "xf-stage-match", text: state.match.title || state.config.title }),
      h("span", { "class": "xf-stage-round", text: M.roundLabel(S) }),
      h("span", { "class": "xf-stage-progress", text: M.progressText(S) + extra }),
      h("span", { "class": "xf-stage-turn", text: S.phase === "final" ? "" : turnText(S) }),
      asking && q ? h("span", { "class": "xf-countdown", "data-countdown": "" }) : null
    ]);
    var floor = S.floor >= 0 && asking ? h("p", { "class": "xf-floor-banner", role: "status", text: teamName(S.floor) + " 抢答！" }) : null;
    return h("div", { "class": "xf-stage" + (preview ? " xf-stage-preview" : "") }, [
      header, floor, h("div", { "class": "xf-stage-main" }, [main]), scoreboard(S)]);
  }

  function teamKey(i) {
    if (i < 9) return String(i + 1);
    return i === 9 ? "0" : "Shift+" + (i - 9);
  }

  function teamChip(S, i) {
    var round = S.phase === "final" ? null : currentRound(S), name = teamName(i), attrs = { "data-team": name }, mark = S.marks[i];
    var buzz = round && round.kind === "抢答" && S.phase === "question";
    return h("div", { "class": "xf-chip" + (i === state.picked ? " xf-picked" : "") + (i === S.turn ? " xf-turn" : "") +
                                (i === S.floor ? " xf-floor" : "") + (i === S.foul ? " xf-foul" : ""), "data-chip": name }, [
      h("span", { "class": "xf-key", text: teamKey(i) }),
      h("span", { "class": "xf-team-name", text: name }),
      h("span", { "class": "xf-team-score", text: String(S.scores[i]) }),
      button("答对", "correct", attrs, allowed(S, "correct", i)),
      button("答错", "wrong", attrs, allowed(S, "wrong", i)),
      buzz ? button("犯规", "false-start", attrs, allowed(S, "false-start", i)) : null,
      mark ? h("span", { "class": "xf-team-mark xf-team-mark-" + mark, text: LABELS[mark] }) : null
    ]);
  }

  function hiddenAnswer(S) {
    var q = S.qid ? XF.bank.get(S.qid) : null;
    if (!q || S.revealed || !single()) return null;
    if (state.peek) return h("span", { "class": "xf-peek", text: "答案：" + M.answerText(q) });
    return h("span", { "class": "xf-hidden-note", text: "答案已隐藏（按住 H 查看）" });
  }

  function controls(S) {
    var round = S.phase === "final" ? null : currentRound(S), chips = [], i, extra = [];
    for (i = 0; i < S.match.teams.length; i++) chips.push(teamChip(S, i));
    var running = S.timer.running, buzzer = round && round.kind === "抢答" && S.phase === "question";
    if (S.phase === "stake") {
      extra.push(h("span", { text: teamName(S.turn) + "：" }));
      for (i = 0; i < round.stakes.length; i++) {
        extra.push(button((i + 1) + "｜" + round.stakes[i] + " 分", "stake", { "data-value": round.stakes[i], "data-team": teamName(S.turn) }, true));
      }
      extra.push(button("Q｜放弃", "pass", { "data-team": teamName(S.turn) }, true));
    }
    if (S.phase === "board") {
      extra.push(h("span", { text: teamName(S.turn) + " 选题（输入号码后回车）" + (state.tiles ? "：" + state.tiles : "") + "　" }));
      extra.push(boardView(S, round, true));
    }
    if (buzzer && S.foul >= 0) {
      extra.push(h("span", { "class": "xf-foul-note", role: "alert", text: teamName(S.foul) + " 在示意前按了抢答器：" }));
      extra.push(button("F｜确认抢答犯规", "false-start", { "data-team": teamName(S.foul) }, true));
      extra.push(button("X｜取消", "foul-cancel", null, true));
    }
    var bar = h("div", { "class": "xf-host-bar" }, [
      button(running ? "空格｜暂停" : (buzzer ? "空格｜开始抢答" : "空格｜计时"), "timer", null,
             allowed(S, running ? "timer-pause" : "timer-run")),
      button("R｜揭晓", "reveal", null, allowed(S, "reveal")),
      buzzer ? button("V｜作废", "void", null, allowed(S, "void")) : null,
      button(S.phase === "intro" ? "N｜开始本轮" : "N｜下一题", "next", null, allowed(S, "next")),
      S.phase === "final" && canTiebreak(S) ? button("T｜开始加赛", "tiebreak", null, true) : null,
      button("U｜撤销", "undo", null, undoTarget(S.match) >= 0),
      button("Shift+U｜重做", "redo", null, redoTarget(S.match) >= 0),
      hiddenAnswer(S)
    ]);
    return h("div", { "class": "xf-host-controls" }, [
      bar,
      extra.length ? h("div", { "class": "xf-host-extra" }, extra) : null,
      h("div", { "class": "xf-chips" }, chips)
    ]);
  }

  function tools() {
    return h("div", { "class": "xf-host-tools" }, [
      button("打开大屏窗口", "open-stage"),
      button(single() ? "单屏（镜像）→ 双屏" : "双屏（扩展）→ 单屏", "layout"),
      button("E｜导出 CSV", "export-csv"),
      button("导出 JSON 存档", "export-json"),
      button("新比赛", "new-match"),
      button("?｜快捷键", "help")
    ]);
  }

  function shortcuts() {
    var list = [["空格", "开始 / 暂停计时；抢答轮：示意开始抢答（之后第一个按抢答器的队获得答题权）"],
                ["R", "揭晓答案"], ["N 或 PageDown", "下一题 / 开始本轮（题目未完时会先问一次）"],
                ["V", "作废本题（抢答轮，先问一次）"], ["U 或 PageUp", "撤销"], ["Shift+U 或 Y", "重做"],
                ["1–9、0、Shift+1、Shift+2", "选中第 1–12 队（加赛和无抢答器时用）"],
                ["+ / −", "答对 / 答错（抢到答题权的队，或轮到的队，或选中的队）"],
                ["F", "抢答犯规（示意前按抢答器的队，或选中的队）"], ["X", "取消抢答犯规"],
                ["1、2、3…", "风险题：选择第 1、2、3… 个分值"], ["Q", "风险题：放弃"],
                ["数字 + 回车", "选题轮：选择该号题"], ["T", "开始加赛"], ["按住 H", "单屏模式：偷看答案（只在控制条显示）"],
                ["E", "导出 CSV 记录"], ["Esc", "关闭帮助 / 取消确认"], ["?", "显示 / 隐藏本帮助"]];
    return list;
  }

  function buzzerTable(teams, keys) {
    var rows = [];
    for (var i = 0; i < teams.length; i++) {
      rows.push(h("tr", null, [h("td", { text: teams[i] }), h("td", { "class": "xf-buzzer-key", text: keys[i] })]));
    }
    return h("table", { "class": "xf-buzzers" }, [h("thead", null, [h("tr", null, [h("th", { text: "队伍" }), h("th", { text: "抢答器按键" })])]),
                                                 h("tbody", null, rows)]);
  }

  function helpView() {
    var rows = [], list = shortcuts(), i, teams = state.match ? state.match.teams : draftTeams();
    for (i = 0; i < list.length; i++) rows.push(h("tr", null, [h("th", { text: list[i][0] }), h("td", { text: list[i][1] })]));
    // Two columns (keys, buzzers) so that the whole help fits a 1024×768 single screen.
    return h("div", { "class": "xf-console-help", role: "dialog", "aria-label": "快捷键" }, [
      h("table", { "class": "xf-keys" }, [h("tbody", null, rows)]),
      h("div", { "class": "xf-help-buzzers" }, [
        h("p", { text: "抢答器（抢答轮；在示意前按下记为抢答犯规，由主持人确认或取消）：" }),
        buzzerTable(teams, state.match ? buzzersOf(state.match) : draftBuzzers(teams)),
        button("打印抢答键表", "buzzer-sheet"), button("关闭", "help")])]);
  }

  function sheetView() {
    var teams = state.match ? state.match.teams : draftTeams();
    return h("div", { "class": "xf-buzzer-sheet" }, [
      h("h2", { text: (state.match ? state.match.title : state.config.title) + "　抢答器按键表" }),
      h("p", { text: "把每队的抢答器设为下表中的按键（字母不分大小写）。主持人按空格示意后，第一个按下的队获得答题权；示意前按下记为抢答犯规。" }),
      buzzerTable(teams, state.match ? buzzersOf(state.match) : draftBuzzers(teams)),
      h("p", { "class": "xf-sheet-buttons" }, [button("打印", "print-sheet"), button("关闭", "close-sheet")])]);
  }

  function confirmView() {
    return h("div", { "class": "xf-console-confirm", role: "alertdialog" }, [
      h("p", { text: "结束当前比赛，开始新比赛？当前比赛的记录会保留，可以在设置页下载。" }),
      button("确定开始新比赛", "confirm-new"), button("取消", "cancel-new")]);
  }

  function pendingView() {
    var c = state.confirm;
    return h("div", { "class": "xf-console-confirm", role: "alertdialog" }, [
      h("p", { text: c.text + "　再按一次 " + c.label + " 确认，Esc 取消。" }),
      button("确认", "confirm-key"), button("取消", "cancel-key")]);
  }

  function matchView() {
    var S = derive(state.match);
    if (state.sheet) return sheetView();
    return h("div", { "class": "xf-console-host " + (single() ? "xf-single" : "xf-dual") }, [
      state.error ? h("p", { "class": "xf-console-error", role: "alert", text: state.error }) : null,
      state.notice ? h("p", { "class": "xf-console-notice", role: "status", text: state.notice }) : null,
      state.confirmNew ? confirmView() : null,
      state.confirm ? pendingView() : null,
      state.help ? helpView() : null,
      stageView(S, !single()),
      h("div", { "class": "xf-host-panel" }, [controls(S), tools()])
    ]);
  }

  function draftTeams() {
    var lines = (state.draft ? state.draft.teams : "").split(/\r?\n/), teams = [], i, n;
    for (i = 0; i < lines.length; i++) {
      n = lines[i].replace(/^\s+|\s+$/g, "");
      if (n) teams.push(n);
    }
    return teams;
  }

  function draftBuzzers(teams) {
    var keys = [], configured = state.config.buzzers || [];
    for (var i = 0; i < teams.length; i++) keys.push(configured[i] || DEFAULT_BUZZERS[i]);
    return keys;
  }

  function archiveView() {
    var list = archivedList(), items = [], i, m;
    if (!list.length) return null;
    for (i = 0; i < list.length; i++) {
      m = list[i];
      items.push(h("li", { "data-match": m.id }, [
        (m.title || "知识竞赛") + "（" + stamp(m.created) + "，" + m.teams.join("、") + "）",
        button("下载 CSV 记录", "archive-csv", { "data-match": m.id }),
        button("下载 JSON 存档", "archive-json", { "data-match": m.id }),
        state.deleting === m.id ? button("确认删除", "archive-delete-confirm", { "data-match": m.id })
                                : button("删除", "archive-delete", { "data-match": m.id })]));
    }
    return h("div", { "class": "xf-previous" }, [
      h("p", { text: "以前的比赛（保存在本机浏览器中）：" }),
      h("p", null, [button("下载上一场的 CSV 记录", "previous-csv"), button("下载上一场的 JSON 存档", "previous-json")]),
      h("ol", { "class": "xf-archive" }, items)]);
  }

  function setupView() {
    var config = state.config, draft = state.draft, rounds = [], i, round;
    for (i = 0; i < config.rounds.length; i++) {
      round = config.rounds[i];
      rounds.push(h("li", null, [
        h("strong", { text: round.name }), "（" + round.kind + "）",
        round.kind === "加赛" ? "并列时自动提供，最多 " + round.questions + " 题" : h("label", null, [
          round.per_team ? (round.kind === "选题" ? "每队选题数 " : "每队题数 ") : "题数 ",
          h("input", { type: "number", min: 1, max: round.pool.length, "data-setup": "count", "data-round": i,
                       value: draft.counts[i] || (round.per_team || round.questions) })]),
        h("span", { "class": "xf-pool", text: "　可抽 " + round.pool.length + " 题；" + rulesText(round) })
      ]));
    }
    var screen = h("select", { "data-setup": "screen" }, [
      h("option", { value: "single", text: "单屏（镜像）：揭晓前不显示答案" }),
      h("option", { value: "dual", text: "双屏（扩展）：主持窗口可提前看答案" })]);
    screen.value = draft.screen;
    return h("div", { "class": "xf-console-setup" }, [
      h("h2", { text: "比赛设置" }),
      state.error ? h("p", { "class": "xf-console-error", role: "alert", text: state.error }) : null,
      h("label", { "class": "xf-field" }, ["比赛名称（显示在大屏上）",
        h("input", { type: "text", "data-setup": "title", value: draft.title })]),
      h("label", { "class": "xf-field" }, ["投影方式", screen,
        h("span", { "class": "xf-pool", text: "单屏：投影和主持人看同一画面；双屏：大屏窗口放到投影上，主持窗口在笔记本屏幕上。" })]),
      h("label", { "class": "xf-field" }, ["参赛队伍（每行一队，" + config.minTeams + "–" + config.maxTeams + " 队）",
        h("textarea", { "data-setup": "teams", rows: 6, text: draft.teams })]),
      h("label", { "class": "xf-field" }, ["抽题种子（同一种子抽到同样的题）",
        h("input", { type: "text", "data-setup": "seed", value: draft.seed })]),
      h("p", { text: "各轮（起始 " + config.base + " 分）：" }),
      h("ol", { "class": "xf-setup-rounds" }, rounds),
      button("开始比赛", "start-match"), button("抢答器按键表", "buzzer-sheet"), button("快捷键 ?", "help"),
      state.help ? helpView() : null,
      h("p", { "class": "xf-setup-import" }, ["或导入另一台电脑导出的比赛存档继续比：",
        h("input", { type: "file", accept: ".json,application/json", "data-setup": "import", "aria-label": "导入比赛存档（.json 文件）" })]),
      archiveView()
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

  function fullscreenButton() {
    return button("全屏", "fullscreen", { "class": "md-button xf-console-button xf-fullscreen", title: "全屏（Esc 退出）" });
  }

  function stageWindowView() {
    if (!state.match) {
      return h("div", { "class": "xf-stage" }, [fullscreenButton(), h("div", { "class": "xf-stage-main" }, [
        h("div", { "class": "xf-intro" }, [h("p", { "class": "xf-stage-title", text: state.config.title }),
                                          h("p", { "class": "xf-stage-rules", text: "等待主持人开始比赛……" })])])]);
    }
    var view = stageView(derive(state.match), false);
    view.insertBefore(fullscreenButton(), view.firstChild);
    return view;
  }

  function render() {
    var root = state.root, view, active = document.activeElement, S, mine;
    if (!root) return;
    mine = !active || active === document.body || active === document.documentElement || root.contains(active);
    if (state.match) {
      S = derive(state.match);
      var question = S.phase + "/" + S.round + "/" + S.slot + "/" + S.qid + "/" + S.extraUsed;
      if (question !== state.pickedFor) { state.picked = -1; state.pickedFor = question; state.tiles = ""; state.peek = false; }
      floorSound(S);
    }
    if (state.stage) view = stageWindowView();
    else if (state.sheet && !state.match) view = sheetView();
    else if (!state.match) view = setupView();
    else if (state.stale) view = staleView();
    else view = matchView();
    running(!!state.match && !state.stale, !state.stage && single() && !state.sheet);
    while (root.firstChild) root.removeChild(root.firstChild);
    root.appendChild(view);
    state.view = view;
    // The console keeps the keyboard: rebuilding the view would otherwise drop focus to <body>.
    if (mine && (!state.match || !root.querySelector("input:focus, textarea:focus, select:focus"))) {
      try { root.focus({ preventScroll: true }); } catch (e) { root.focus(); }
    }
    tick();
    fit();
    XF.emit("xf:render", { stage: state.stage });
  }

  function setClass(name, on) {
    var html = document.documentElement, pattern = new RegExp("(^|\\s)" + name + "(?=\\s|$)", "g");
    var has = pattern.test(html.className);
    if (on && !has) html.className += " " + name;
    if (!on && has) html.className = html.className.replace(pattern, "");
  }

  function running(on, singleScreen) {
    setClass("xf-console-running", on);
    setClass("xf-console-single", on && singleScreen);
  }

  // Shrink the question until it fits the stage without scrolling: first the type scale, then (very long
  // questions, a small screen) the floors under it; never cut.
  function fit() {
    var main = state.root && state.root.querySelector(".xf-stage-main"), scale = 1, floor = 1, board, share = 1;
    if (!main) return;
    // Many teams with long names: the scoreboard shrinks (to at most a fifth of the stage) before the question does.
    board = main.parentNode.querySelector(".xf-scoreboard");
    if (board) {
      board.style.setProperty("--xf-board", "1");
      while (board.offsetHeight > main.parentNode.clientHeight * 0.2 && share > 0.35) {
        share -= 0.05;
        board.style.setProperty("--xf-board", String(share));
      }
    }
    main.style.setProperty("--xf-fit", "1");
    main.style.setProperty("--xf-floor", "1");
    while (main.scrollHeight > main.clientHeight + 1 && scale > 0.35) {
      scale -= 0.05;
      main.style.setProperty("--xf-fit", String(scale));
    }
    while (main.scrollHeight > main.clientHeight + 1 && floor > 0.25) {
      floor -= 0.05;
      main.style.setProperty("--xf-floor", String(floor));
    }
  }

  // ---------------------------------------------------------------- countdown and sound

  function tone(frequency, start, length) {
    var audio = state.audio, osc = audio.createOscillator(), gain = audio.createGain();
    osc.frequency.value = frequency;
    gain.gain.value = 0.25;
    osc.connect(gain);
    gain.connect(audio.destination);
    osc.start(audio.currentTime + start);
    osc.stop(audio.currentTime + start + length);
  }

  function sound(kind) {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try {
      if (!state.audio) state.audio = new Context();
      if (kind === "floor") { tone(1320, 0, 0.12); tone(1760, 0.14, 0.12); tone(1320, 0.28, 0.3); }  // 抢答: three rising tones
      else tone(kind === "long" ? 660 : 880, 0, kind === "long" ? 1.2 : 0.15);
    } catch (e) { /* no sound device: the screen still shows it */ }
  }

  function beep(long) {
    XF.emit("xf:beep", { long: long });
    sound(long ? "long" : "short");
  }

  // A distinct sound when a team wins the floor (host window only, once per press).
  function floorSound(S) {
    var key = S.floor >= 0 ? state.match.id + "/" + S.count + "/" + S.floor : "";
    if (key && key !== state.floorKey && !state.stage && state.floorKey !== null) {
      XF.emit("xf:buzz", { team: S.floor });
      sound("floor");
    }
    state.floorKey = key;
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
    var draft = state.draft, config = state.config, teams = draftTeams(), counts = {}, i, n, round, result, most;
    state.error = "";
    if (teams.length < config.minTeams || teams.length > config.maxTeams) {
      state.error = "参赛队伍应为 " + config.minTeams + "–" + config.maxTeams + " 队，现在是 " + teams.length + " 队。";
    }
    for (i = 0; i < teams.length && !state.error; i++) {
      if (teams.indexOf(teams[i]) !== i) state.error = "队名“" + teams[i] + "”重复了。";
    }
    if (!state.error && !draft.title.replace(/\s+/g, "")) state.error = "请填写比赛名称。";
    for (i = 0; i < config.rounds.length && !state.error; i++) {
      round = config.rounds[i];
      if (round.kind === "加赛" || draft.counts[i] === undefined) continue;
      n = Number(draft.counts[i]);
      most = round.kind === "选题" ? Math.floor(round.tiles / teams.length)
        : (round.per_team ? Math.floor(round.pool.length / teams.length) : round.pool.length);
      if (!(n >= 1 && n <= most && Math.floor(n) === n)) {
        state.error = round.name + "的" + (round.per_team ? "每队题数" : "题数") + "应为 1–" + most + " 的整数" +
                      (round.kind === "选题" ? "（题板共 " + round.tiles + " 题）" : "（题库中可抽 " + round.pool.length + " 题）") + "。";
      }
      counts[i] = n;
    }
    if (state.error) return render();
    var seed = draft.seed.replace(/^\s+|\s+$/g, "") || String(Math.floor(Math.random() * 1e6));
    result = M.newMatch(config, teams, seed, counts, { title: draft.title.replace(/^\s+|\s+$/g, ""), screen: draft.screen });
    if (result.short) {
      state.error = result.short[0].name + "需要 " + result.short[0].need + " 道题，但除去前面各轮抽走的题，题库中只剩 " +
                    result.short[0].have + " 道：请减少题数。";
      return render();
    }
    state.match = result.match;
    state.picked = -1;
    state.help = false;
    save();
    render();
  }

  function newDraft() {
    return { teams: state.config.names.join("\n"), seed: String(100000 + Math.floor(Math.random() * 900000)), counts: {},
             title: state.config.title, screen: "single" };
  }

  function openStage() {
    var url = window.location.href.split("#")[0] + "#stage";
    state.stageWindow = window.open(url, "xf-stage", "popup,width=1280,height=720");
    state.error = state.stageWindow ? "" : "浏览器拦截了弹出窗口：请允许本页弹出窗口，或在地址后加 #stage 另开一个窗口。";
    render();
  }

  function setScreen(screen) {
    state.match.screen = screen;
    state.match.updated = Date.now();
    save();
    render();
  }

  function fullscreen() {
    var element = document.documentElement;
    try {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (element.requestFullscreen) element.requestFullscreen();
      else if (element.webkitRequestFullscreen) element.webkitRequestFullscreen();
    } catch (e) { /* F11 still works */ }
  }

  // The sheet is the whole view while it shows; print.css and the theme's print styles drop the page around it.
  function printSheet() {
    window.print();
  }

  function perform(action, team, value) {
    var S;
    if (!state.match) return false;
    switch (action) {
      case "undo": return moveCursor("undo", undoTarget(state.match));
      case "redo": return moveCursor("redo", redoTarget(state.match));
      case "timer":
        S = derive(state.match);
        return act(S.timer.running ? "timer-pause" : "timer-run");
      default: return act(action, team, value);
    }
  }

  function archivedMatch(node) {
    var all = archived(), id = node.getAttribute("data-match");
    return own(all, id) ? all[id] : null;
  }

  function onClick(event) {
    var node = event.target, action, match;
    while (node && node !== state.root && !(node.getAttribute && node.getAttribute("data-action"))) node = node.parentNode;
    if (!node || node === state.root || node.disabled) return;
    action = node.getAttribute("data-action");
    wakeAudio();
    if (state.stage) { if (action === "fullscreen") fullscreen(); return; }
    state.notice = "";
    switch (action) {
      case "start-match": return startMatch();
      case "help": state.help = !state.help; return render();
      case "buzzer-sheet": state.sheet = true; state.help = false; return render();
      case "close-sheet": state.sheet = false; return render();
      case "print-sheet": return printSheet();
      case "new-match": state.confirmNew = true; return render();
      case "cancel-new": state.confirmNew = false; return render();
      case "confirm-new":
        if (state.match) archive(state.match);
        XF.store.remove(KEY);
        if (state.channel) try { state.channel.postMessage({ match: null }); } catch (e) { /* storage event */ }
        state.match = null; state.confirmNew = false; state.stale = false; state.draft = newDraft(); state.error = "";
        return render();
      case "resume": state.stale = false; return render();
      case "open-stage": return openStage();
      case "layout": return setScreen(single() ? "dual" : "single");
      case "fullscreen": return fullscreen();
      case "export-csv": return exportCsv(state.match);
      case "export-json": return exportJson(state.match);
      case "previous-csv": case "previous-json":
        match = archivedList()[0];
        if (match) (action === "previous-csv" ? exportCsv : exportJson)(match);
        return;
      case "archive-csv": case "archive-json":
        match = archivedMatch(node);
        if (match) (action === "archive-csv" ? exportCsv : exportJson)(match);
        return;
      case "archive-delete": state.deleting = node.getAttribute("data-match"); return render();
      case "archive-delete-confirm":
        XF.store.update(ARCHIVE_KEY, null, function (all) { delete all[node.getAttribute("data-match")]; });
        state.deleting = "";
        return render();
      case "confirm-key": return confirmed();
      case "cancel-key": state.confirm = null; return render();
    }
    perform(action, node.hasAttribute("data-team") ? teamIndex(node) : undefined,
            node.hasAttribute("data-value") ? Number(node.getAttribute("data-value")) : undefined);
  }

  function onInput(event) {
    var node = event.target, kind = node.getAttribute && node.getAttribute("data-setup");
    if (!kind || !state.draft) return;
    if (kind === "teams") state.draft.teams = node.value;
    else if (kind === "seed") state.draft.seed = node.value;
    else if (kind === "title") state.draft.title = node.value;
    else if (kind === "screen") state.draft.screen = node.value === "dual" ? "dual" : "single";
    else if (kind === "count") state.draft.counts[node.getAttribute("data-round")] = node.value;
    else if (kind === "import" && node.files && node.files[0]) importFile(node.files[0]);
  }

  // A destructive key on an open question asks once: the same key again (or 确认) does it.
  function ask(action, key, label, text) {
    if (state.confirm && state.confirm.key === key) return confirmed();
    state.confirm = { action: action, key: key, label: label, text: text };
    render();
    return true;
  }

  function confirmed() {
    var c = state.confirm;
    state.confirm = null;
    if (!c) return render();
    return perform(c.action) || render();
  }

  function buzzerTeam(event, S) {
    var round = S.phase === "question" ? currentRound(S) : null, keys, name, i;
    if (!round || round.kind !== "抢答") return -1;
    name = event.key.length === 1 ? event.key.toUpperCase() : event.key;
    keys = buzzersOf(state.match);
    for (i = 0; i < keys.length; i++) if (keys[i] === name) return i;
    return -1;
  }

  // Team keys: 1–9, 0 = 10th, Shift+1 / Shift+2 = 11th / 12th (by the physical key: Shift+1 types "!").
  function teamFromKey(event) {
    var code = event.code || "", digit = /^(Digit|Numpad)([0-9])$/.exec(code), n;
    n = digit ? Number(digit[2]) : (/^[0-9]$/.test(event.key) ? Number(event.key) : -1);
    if (n < 0) return -1;
    if (event.shiftKey) return n >= 1 && n <= 2 ? 9 + n : -1;
    return n === 0 ? 9 : n - 1;
  }

  function digitOf(event) {
    var digit = /^(Digit|Numpad)([0-9])$/.exec(event.code || "");
    if (digit) return Number(digit[2]);
    return /^[0-9]$/.test(event.key) ? Number(event.key) : -1;
  }

  function hostKey(event) {
    var key = event.key, upper = key.length === 1 ? key.toUpperCase() : key, S = derive(state.match), team, n;
    var round = S.phase === "final" ? null : currentRound(S);
    var open = (S.phase === "question" || S.phase === "tiebreak") && !!S.qid && !S.resolved;
    if (upper === "?" || (upper === "/" && event.shiftKey)) { state.help = !state.help; render(); return true; }
    if (state.help && scrollHelp(key)) return true;
    if (key === "Escape") {
      state.help = false; state.confirmNew = false; state.confirm = null; state.sheet = false; state.tiles = "";
      render();
      return true;
    }
    // While 开始新比赛？ asks, keys do not act on the match behind it (Enter presses the focused button).
    if (state.confirmNew) return key !== "Enter" && key !== " ";
    if (state.confirm && upper !== state.confirm.key) { state.confirm = null; render(); }
    team = buzzerTeam(event, S);
    if (team >= 0) { if (allowed(S, "buzz", team)) act("buzz", team); return true; }
    if (S.phase === "stake" && (n = digitOf(event)) >= 1 && !event.shiftKey) {
      if (n <= round.stakes.length) perform("stake", S.turn, round.stakes[n - 1]);
      return true;
    }
    if (S.phase === "board" && (n = digitOf(event)) >= 0 && !event.shiftKey) {
      state.tiles = (state.tiles + n).slice(-3);
      render();
      return true;
    }
    if (S.phase === "board" && key === "Enter") {
      n = Number(state.tiles) - 1;
      state.tiles = "";
      if (!perform("pick", S.turn, n)) render();
      return true;
    }
    if (S.phase === "board" && key === "Backspace") { state.tiles = state.tiles.slice(0, -1); render(); return true; }
    if ((team = teamFromKey(event)) >= 0) {
      state.picked = team < state.match.teams.length && team !== state.picked ? team : -1;
      render();
      return true;
    }
    if (key === " " || key === "Spacebar") return perform("timer") || true;
    if (upper === "R") return perform("reveal") || true;
    if (upper === "N" || key === "PageDown") {
      if (allowed(S, "next")) return perform("next");
      if (allowed(S, "void")) return ask("void", upper === "N" ? "N" : "PageDown", upper === "N" ? "N" : "PageDown", "本题还没有人答对，作废本题并进入下一题？");
      if (open) { state.notice = "本题还没有判分：先按 + 或 −（或 U 撤销）。"; render(); }
      return true;
    }
    if (upper === "V") return allowed(S, "void") ? ask("void", "V", "V", "作废本题并进入下一题？") : true;
    if (upper === "U" && event.shiftKey) return perform("redo") || true;
    if (upper === "Y") return perform("redo") || true;
    if (upper === "U" || key === "PageUp") return perform("undo") || true;
    if (key === "+" || key === "=" || key === "Add") return perform("correct", scoringTeam(S)) || true;
    if (key === "-" || key === "_" || key === "−" || key === "Subtract") return perform("wrong", scoringTeam(S)) || true;
    if (upper === "F") return perform("false-start", S.foul >= 0 ? S.foul : state.picked) || true;
    if (upper === "X") return perform("foul-cancel") || true;
    if (upper === "Q") return (S.phase === "stake" && perform("pass", S.turn)) || true;
    if (upper === "T") return perform("tiebreak") || true;
    if (upper === "E") { exportCsv(state.match); return true; }
    if (upper === "H") {
      if (!state.peek && single()) { state.peek = true; render(); }
      return true;
    }
    return false;
  }

  // With the help open, the arrow and page keys scroll it (PageDown would otherwise move to the next question).
  function scrollHelp(key) {
    var box = state.root.querySelector(".xf-console-help"), step;
    step = { ArrowDown: 40, ArrowUp: -40, PageDown: 300, PageUp: -300, End: 1e6, Home: -1e6 }[key];
    if (!box || !step) return false;
    box.scrollTop += step;
    return true;
  }

  // Who + and − score: the team holding the floor, else the team whose turn it is, else the picked team.
  function scoringTeam(S) {
    if (S.phase === "tiebreak") return state.picked;
    if (S.floor >= 0) return S.floor;
    if (S.turn >= 0) return S.turn;
    return state.picked;
  }

  // Runs on window in the capture phase, before mkdocs-material's own keys (. , n p move between pages, f s /
  // search): on /competition/ the console owns every key that is not typed into a field.
  function onKeydown(event) {
    var target = event.target, tag = target && target.tagName, handled = false;
    if (!state.root || !document.body.contains(state.root)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
    event.stopImmediatePropagation();
    // A held key repeats: a held space would start and stop the clock, a held buzzer press twice.
    if (event.repeat && state.match) { event.preventDefault(); return; }
    if (state.match && !state.stale) handled = hostKey(event);
    else if (event.key === "?") { state.help = !state.help; render(); handled = true; }
    else if (event.key === "Escape") { state.help = false; state.sheet = false; render(); handled = true; }
    // "/" and "'" open the browser's quick find in some browsers; a space on the setup screen still presses a button.
    if (handled || event.key === "/" || event.key === "'") event.preventDefault();
    if (handled) wakeAudio();
  }

  function onKeyup(event) {
    if (!state.root || !(event.key === "h" || event.key === "H")) return;
    event.stopImmediatePropagation();
    if (state.peek) { state.peek = false; render(); }
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

  // The single earlier match kept before issue 16 joins the archive.
  function migratePrevious() {
    var previous = XF.store.get(PREVIOUS_KEY);
    if (previous === null) return;
    archive(previous);
    XF.store.remove(PREVIOUS_KEY);
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
    root.setAttribute("tabindex", "-1");
    state.stage = window.location.hash === "#stage";
    if (state.stage) document.documentElement.className += " xf-stage-window";
    state.draft = newDraft();
    if (!state.stage) migratePrevious();
    var stored = XF.store.get(KEY);
    if (stored !== null && !validMatch(stored)) {
      if (!state.stage) XF.store.remove(KEY);
      state.error = "本地保存的比赛记录已损坏，已清除。";
    } else if (stored) {
      state.match = stored;
      state.stale = !state.stage && Date.now() - stored.updated > STALE_MS;
    }
    state.floorKey = null;  // no floor sound for a floor already held when the page opens
    root.addEventListener("click", onClick, false);
    root.addEventListener("input", onInput, false);
    root.addEventListener("change", onInput, false);
    window.addEventListener("keydown", onKeydown, true);
    window.addEventListener("keyup", onKeyup, true);
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
    state.floorKey = "";
  }

  function boot() {
    var root = document.querySelector(".xf-console[data-config]");
    if (root) init(root);
  }

  XF.competition = { key: KEY, archiveKey: ARCHIVE_KEY, render: render, hostLetters: HOST_LETTERS };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot, false);
  else boot();
})(window, document);
