/*
 * 信访工作条例学习平台 · 知识竞赛主持台（assets/console.js）
 *
 * Renders into <div class="xf-console" data-config="…"> on /competition/ (settings: quizzes/competition.yml,
 * checked by generator/competition/config.py): setup, the stage view, the host's controls, sound, windows,
 * keys, exports. Runs on the shared quiz core (assets/core.js: XF.h, XF.bank, XF.store, XF.clock, XF.emit,
 * XF.grade) and the match rules (assets/console-match.js: XF.match).
 *
 * - A match is a log of actions; everything on screen is derived by replaying the log (XF.match.derive), so undo and
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
  if (!XF || !XF.h || !XF.store || !XF.match) return;  // core.js or console-match.js did not load

  var h = XF.h, M = XF.match;
  var derive = M.derive, allowed = M.allowed, ranking = M.ranking, canTiebreak = M.canTiebreak;
  var currentRound = M.currentRound, slotsOf = M.slotsOf, remaining = M.remaining, validMatch = M.validMatch;
  var undoTarget = M.undoTarget, redoTarget = M.redoTarget, csv = M.csv, stamp = M.stamp, LABELS = M.LABELS;
  var roundLabel = M.roundLabel;
  var KEY = "xf.v1.competition";
  var PREVIOUS_KEY = "xf.v1.competition.previous";
  var CHANNEL = "xf.v1.competition";
  var STALE_MS = 12 * 3600 * 1000;   // issue 9: a match older than 12 hours asks resume or new
  var WARN_MS = 5000;                 // short beep at 5 s
  var LETTERS = "ABCDEFGHIJ";
  var TYPE_NAMES = { single: "单选题", multiple: "多选题", judge: "判断题", fill: "填空题" };

  var state = {
    root: null, config: null, match: null, view: null, stage: false, dual: false, picked: -1,
    help: false, confirmNew: false, stale: false, error: "", channel: null, stageWindow: null,
    timerId: null, lastRemaining: null, audio: null, draft: null, lastKey: ""
  };

  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  function isArray(value) { return Object.prototype.toString.call(value) === "[object Array]"; }

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
        h("input", { type: "file", accept: ".json,application/json", "data-setup": "import", "aria-label": "导入比赛存档（.json 文件）" })]),
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
    state.match = M.newMatch(state.config, teams, seed, counts);
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

  XF.competition = { key: KEY, render: render };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot, false);
  else boot();
})(window, document);
