/*
 * 信访工作条例学习平台 · 模拟考试（assets/exam.js）
 *
 * A paper drawn per type from a seed (#seed=N gives everyone the same paper), timed, saved on every
 * answer, submitted by 交卷 (always confirmed) or when time is up; then the score, the score per chapter
 * and every question with its answer, explanation and links. Wrong answers enter the 错题本.
 * Needs core.js, records.js, view.js.
 */
(function (window, document, XF) {
  "use strict";

  var h = XF.h, own = XF.own, get = XF.get, isArray = XF.isArray, isNumber = XF.isNumber;
  var isPlainObject = XF.isPlainObject, indexOf = XF.indexOf, formatNumber = XF.formatNumber;
  var Q = XF.quiz, state = Q.state, R = XF.records;
  var TYPES = XF.TYPES, TYPE_NAMES = XF.TYPE_NAMES;
  var SECTION_NUMBERS = ["一", "二", "三", "四", "五", "六"];
  var WARN_SECONDS = 300;

  var local = {
    confirmSubmit: "",   // "" or where the 交卷 confirmation shows: "top" | "bottom"
    confirmAbandon: false,
    wrongOnly: false,
    pendingSeed: 0,      // exam seed from the link (#seed=N), used by the next 开始考试
    timer: null
  };

  function config() {
    var bank = XF.bank.data(), exam = bank && isPlainObject(bank.exam) ? bank.exam : {};
    return {
      title: typeof exam.title === "string" && exam.title ? exam.title : "模拟考试",
      minutes: isNumber(exam.minutes) && exam.minutes > 0 ? exam.minutes : 60,
      quota: isPlainObject(exam.quota) ? exam.quota : {},
      points: isPlainObject(exam.points) ? exam.points : {},
      partial: exam.partial === true
    };
  }

  function pointsOf(type, settings) {
    return isNumber(settings.points[type]) ? settings.points[type] : 1;
  }

  function pool(type) {
    var ids = [], questions = XF.bank.questions();
    for (var i = 0; i < questions.length; i++) {
      if (questions[i].type === type) ids.push(questions[i].id);
    }
    return ids;
  }

  // The paper for a seed: per type in quota order, a seeded shuffle of that type's questions.
  function drawPaper(seed) {
    var settings = config(), rand = XF.random(seed), ids = [];
    for (var t = 0; t < TYPES.length; t++) {
      var wanted = settings.quota[TYPES[t]];
      if (!XF.isCount(wanted) || !wanted) continue;
      // A bank with fewer questions of a type than the quota gives all it has (the start screen counts them).
      ids = ids.concat(XF.shuffled(pool(TYPES[t]), rand).slice(0, wanted));
    }
    return ids;
  }

  // Each paper shuffles the options again, seeded by paper and question, unless the order matters
  // (`shuffle: false`, e.g. 以上都对 last).
  function examOrder(q) {
    if (q.shuffle === false) return q.options;
    return XF.shuffled(q.options, XF.random((R.exam.seed ^ XF.hashString(q.id)) >>> 0));
  }

  function seedFromHash() {
    var match = /^#seed=(\d{1,9})$/.exec(window.location.hash || "");
    return match ? parseInt(match[1], 10) : 0;
  }

  function newSeed() {
    return 1 + Math.floor(Math.random() * 999999);
  }

  // A stored exam whose questions are no longer in the bank (the bank was rebuilt) cannot be shown.
  function checkStoredExam() {
    var exam = R.exam;
    if (!exam) return;
    for (var i = 0; i < exam.ids.length; i++) {
      if (!XF.bank.get(exam.ids[i])) {
        R.updateExam(function () { return null; });
        XF.note("题库已更新，之前的模拟考试无法继续，请重新组卷。");
        return;
      }
    }
  }

  function sameExam(a, b) {
    return !!(a && b && a.seed === b.seed && a.started === b.started);
  }

  function startExam() {
    if (R.exam && !R.exam.submitted) return;
    var seed = local.pendingSeed || newSeed(), paper = drawPaper(seed), started = XF.now();
    var fresh = {
      v: 1, seed: seed, ids: paper, answers: {}, started: started,
      deadline: started + config().minutes * 60000, submitted: false
    };
    R.updateExam(function (current) {
      // Another tab started one meanwhile: take that one rather than replace it.
      return current && !current.submitted ? current : fresh;
    });
    local.pendingSeed = 0;
    local.confirmSubmit = "";
    local.wrongOnly = false;
    Q.emit("xf:exam-start", { seed: R.exam.seed, count: R.exam.ids.length });
    Q.render();
    startTimer();
    Q.focus("action:submit-exam");
  }

  /** Set one answer of the running exam (its own key: another tab's answers stay). */
  function saveAnswer(qid, value) {
    if (!R.saveExamAnswer(qid, value)) R.reloadExam(true);  // another tab submitted or replaced it
  }

  function examResults() {
    var exam = R.exam, settings = config(), rows = [], total = 0, score = 0, right = 0, byScope = {}, order = [];
    for (var i = 0; i < exam.ids.length; i++) {
      var q = XF.bank.get(exam.ids[i]);
      var response = own(exam.answers, q.id) ? exam.answers[q.id] : null;
      var graded = XF.grade(q, response, { partial: settings.partial });
      var points = pointsOf(q.type, settings);
      total += points;
      score += points * graded.score;
      if (graded.correct) right += 1;
      if (!own(byScope, q.scope)) {
        byScope[q.scope] = { count: 0, right: 0, score: 0, total: 0 };
        order.push(q.scope);
      }
      var row = byScope[q.scope];
      row.count += 1;
      row.right += graded.correct ? 1 : 0;
      row.score += points * graded.score;
      row.total += points;
      rows.push({ q: q, response: response, graded: graded });
    }
    return { rows: rows, total: total, score: score, right: right, byScope: byScope, order: order };
  }

  function submitExam(timeout) {
    var mine = R.exam, submitted = false;
    if (!mine || mine.submitted) return;
    R.updateExam(function (current) {
      if (!sameExam(current, mine) || current.submitted) return current;
      current.submitted = true;
      // After a time-out the exam ended at its deadline, however much later the page was reopened.
      current.finished = Math.min(R.examNow(), current.deadline);
      current.timeout = !!timeout;
      submitted = true;
      return current;
    });
    stopTimer();
    local.confirmSubmit = "";
    if (!submitted) {
      Q.render();  // another tab submitted or replaced it: show what it did
      return;
    }
    var results = examResults(), unsaved = [];
    for (var i = 0; i < results.rows.length; i++) {
      var row = results.rows[i];
      // Unanswered questions count as wrong in the score but are not "answered wrong": they stay out of
      // progress and the 错题本 (running out of time should not flood it).
      if (!XF.answered(row.q, row.response)) continue;
      Q.record(row.q, row.graded, "exam");
      if (!row.graded.correct && !R.lastWrongSaved) unsaved.push(row.q.id);
    }
    // The page says which wrong answers did not reach the 错题本, and the state keeps them for a retry.
    if (unsaved.length) R.updateExam(function (current) {
      if (sameExam(current, mine)) current.unsaved = unsaved;
      return current;
    });
    Q.emit("xf:exam-submit", { score: results.score, total: results.total, seed: R.exam.seed });
    Q.render();
    Q.focus("score");
    Q.scrollToView();
  }

  function startTimer() {
    stopTimer();
    if (!R.exam || R.exam.submitted) return;
    local.timer = window.setInterval(tick, 1000);
    tick();
  }

  function stopTimer() {
    if (local.timer) window.clearInterval(local.timer);
    local.timer = null;
  }

  function tick() {
    if (!R.exam || R.exam.submitted) return stopTimer();
    R.saveElapsed();
    var left = R.remainingSeconds();
    if (left <= 0) {
      XF.note("考试时间到，已自动交卷。");
      submitExam(true);
      return;
    }
    var timer = state.root && state.root.querySelector(".xf-timer");
    if (timer) {
      timer.textContent = "剩余 " + XF.clock(left);
      timer.setAttribute("data-remaining", String(Math.ceil(left)));
      timer.className = "xf-timer" + (left <= WARN_SECONDS ? " xf-timer-warn" : "");
    }
  }

  function answeredCount() {
    var exam = R.exam, done = 0;
    for (var i = 0; i < exam.ids.length; i++) {
      var q = XF.bank.get(exam.ids[i]);
      if (own(exam.answers, q.id) && XF.answered(q, exam.answers[q.id])) done += 1;
    }
    return done;
  }

  function updateExamStatus() {
    var status = state.root && state.root.querySelector(".xf-answered");
    if (status) status.textContent = "已答 " + answeredCount() + " / " + R.exam.ids.length;
  }

  function paperSummary(settings) {
    var parts = [], countAll = 0, total = 0;
    for (var t = 0; t < TYPES.length; t++) {
      var type = TYPES[t], wanted = settings.quota[type];
      if (!XF.isCount(wanted) || !wanted) continue;
      wanted = Math.min(wanted, pool(type).length);
      var points = pointsOf(type, settings);
      parts.push(TYPE_NAMES[type] + " " + wanted + " 题（每题 " + formatNumber(points) + " 分）");
      countAll += wanted;
      total += wanted * points;
    }
    return { text: parts.join("、"), count: countAll, total: total };
  }

  function examView() {
    var exam = R.exam;
    if (!exam) return examStartView();
    if (exam.submitted) return examResultView();
    return examPaperView();
  }

  function examStartView() {
    var settings = config(), summary = paperSummary(settings), seed = local.pendingSeed;
    return h("div", { className: "xf-exam-start" }, [
      h("p", { className: "xf-lead", text: "共 " + summary.count + " 题：" + summary.text + "，满分 " +
        formatNumber(summary.total) + " 分，限时 " + settings.minutes + " 分钟。" }),
      h("p", { text: "开始后计时不会暂停；作答随时保存在本机，刷新页面或断网都不会丢失，时间到自动交卷。" }),
      seed ? h("p", { className: "xf-seed", text: "试卷编号 " + seed + "（由链接指定：同一编号的链接得到同一套题）" }) : null,
      h("p", { className: "xf-actions" }, [
        XF.button("开始考试", "start-exam", { className: "md-button md-button--primary xf-button" })
      ])
    ]);
  }

  function examPaperView() {
    var exam = R.exam, settings = config(), wrap = h("div", { className: "xf-exam" });
    var left = R.remainingSeconds();
    wrap.appendChild(h("div", { className: "xf-exam-bar" }, [
      h("span", {
        className: "xf-timer" + (left <= WARN_SECONDS ? " xf-timer-warn" : ""), role: "timer",
        "aria-label": "剩余时间", "data-remaining": String(Math.max(0, Math.ceil(left))), text: "剩余 " + XF.clock(left)
      }),
      h("span", { className: "xf-answered", text: "已答 " + answeredCount() + " / " + exam.ids.length }),
      XF.button("交卷", "submit-exam", { className: "md-button md-button--primary xf-button" })
    ]));
    if (local.confirmSubmit === "top") wrap.appendChild(confirmView());

    var type = "", section = null, sectionIndex = 0;
    for (var i = 0; i < exam.ids.length; i++) {
      var q = XF.bank.get(exam.ids[i]);
      if (q.type !== type) {
        type = q.type;
        var sectionCount = 0;
        for (var j = i; j < exam.ids.length && XF.bank.get(exam.ids[j]).type === type; j++) sectionCount += 1;
        section = h("section", { className: "xf-section" }, [
          h("h2", { text: SECTION_NUMBERS[sectionIndex] + "、" + TYPE_NAMES[type] + "（共 " + sectionCount +
            " 题，每题 " + formatNumber(pointsOf(type, settings)) + " 分）" })
        ]);
        sectionIndex += 1;
        wrap.appendChild(section);
      }
      section.appendChild(Q.questionView(q, {
        number: i + 1,
        order: examOrder(q),
        response: own(exam.answers, q.id) ? exam.answers[q.id] : null,
        graded: null,
        feedback: false
      }));
    }
    wrap.appendChild(h("p", { className: "xf-actions" }, [
      XF.button("交卷", "submit-exam", { className: "md-button md-button--primary xf-button", "data-key": "action:submit-exam-bottom" })
    ]));
    if (local.confirmSubmit === "bottom") wrap.appendChild(confirmView());
    if (local.confirmAbandon) {
      wrap.appendChild(h("div", { className: "xf-confirm", role: "alert" }, [
        h("p", { text: "放弃后本次作答不计分、不保存。确定放弃吗？" }),
        h("p", { className: "xf-actions" }, [
          XF.button("放弃并重新组卷", "new-exam"),
          XF.button("继续作答", "cancel-abandon", { className: "md-button md-button--primary xf-button" })
        ])
      ]));
    } else {
      wrap.appendChild(h("p", { className: "xf-abandon" }, [
        h("a", { href: "#", "data-action": "abandon", "data-key": "action:abandon", text: "放弃本次考试，重新组卷" })
      ]));
    }
    return wrap;
  }

  function confirmView() {
    var missing = R.exam.ids.length - answeredCount();
    return h("div", { className: "xf-confirm", role: "alert" }, [
      h("p", { text: missing ? "还有 " + missing + " 题未作答，未作答的题不得分。确定交卷吗？" : "确定交卷吗？" }),
      h("p", { className: "xf-actions" }, [
        XF.button("确定交卷", "confirm-submit", { className: "md-button md-button--primary xf-button" }),
        XF.button("继续作答", "cancel-submit")
      ])
    ]);
  }

  // Minutes from start to 交卷, never more than the exam's length (a time-out ends at the deadline).
  function minutesUsed(exam) {
    var end = Math.min(isNumber(exam.finished) ? exam.finished : exam.deadline, exam.deadline);
    return Math.max(0, Math.round((end - exam.started) / 60000));
  }

  function examResultView() {
    var exam = R.exam, results = examResults(), wrap = h("div", { className: "xf-exam-result" });
    var scoreText = formatNumber(results.score);
    wrap.appendChild(h("p", {
      className: "xf-score", "data-score": scoreText, "data-total": formatNumber(results.total),
      tabindex: "-1", "data-key": "score"
    }, [
      h("span", { className: "xf-score-label", text: "得分 " }),
      h("strong", { className: "xf-score-value", text: scoreText }),
      h("span", { text: " / " + formatNumber(results.total) + " 分" })
    ]));
    wrap.appendChild(h("p", { className: "xf-score-detail", "data-minutes": String(minutesUsed(exam)),
      text: "答对 " + results.right + " / " + results.rows.length + " 题，用时 " + minutesUsed(exam) + " 分钟" +
        (exam.timeout ? "（时间到自动交卷）" : "") + "。试卷编号 " + exam.seed + "。" }));
    wrap.appendChild(breakdown(results));
    var unsaved = isArray(exam.unsaved) ? exam.unsaved : [];
    if (unsaved.length) {
      wrap.appendChild(h("div", { className: "xf-confirm xf-unsaved", role: "alert", "data-unsaved": String(unsaved.length) }, [
        h("p", { text: "本次考试有 " + unsaved.length + " 道错题没能存入错题本：本机存储已满或不可用，它们只在本页显示，离开后不会保留。" +
          "请先导出记录或清理浏览器的网站数据，再点“重新存入错题本”。" }),
        h("p", { className: "xf-actions" }, [
          XF.button("重新存入错题本", "retry-wrong", { className: "md-button md-button--primary xf-button" }),
          XF.button("导出记录", "export-records")
        ])
      ]));
    }
    var wrong = Q.wrongIds().length;
    wrap.appendChild(h("p", { className: "xf-actions" }, [
      XF.button("重新组卷", "new-exam", { className: "md-button md-button--primary xf-button" }),
      wrong ? XF.link(Q.pageHref("review"), "去错题本（" + wrong + " 题）", "md-button xf-button") : null
    ]));

    wrap.appendChild(h("h2", { text: "逐题回顾" }));
    wrap.appendChild(h("p", { className: "xf-filter-toggle" }, [
      h("label", {}, [
        h("input", { type: "checkbox", "data-action": "wrong-only", "data-key": "action:wrong-only", checked: local.wrongOnly }),
        " 只看做错的题"
      ])
    ]));
    var shown = 0;
    for (var r = 0; r < results.rows.length; r++) {
      var item = results.rows[r];
      if (local.wrongOnly && item.graded.correct) continue;
      shown += 1;
      wrap.appendChild(Q.questionView(item.q, {
        number: r + 1, order: examOrder(item.q), response: item.response, graded: item.graded,
        locked: true, feedback: true, showResponse: true
      }));
    }
    if (!shown) wrap.appendChild(h("p", { className: "xf-empty", text: "全部答对，没有做错的题。" }));
    return wrap;
  }

  function scopeTitle(key) {
    var bank = XF.bank.data(), scopes = isArray(bank.scopes) ? bank.scopes : [];
    for (var i = 0; i < scopes.length; i++) {
      if (scopes[i] && scopes[i].key === key) return String(scopes[i].title);
    }
    return key;
  }

  function breakdown(results) {
    // No class on the table itself: Material styles only `table:not([class])`.
    var table = h("table", {}, [
      h("caption", { text: "分章得分" }),
      h("thead", {}, [h("tr", {}, [h("th", { scope: "col", text: "章节" }), h("th", { scope: "col", text: "题数" }),
        h("th", { scope: "col", text: "答对" }), h("th", { scope: "col", text: "得分" })])])
    ]);
    var body = h("tbody"), keys = [], listed = {}, i, bank = XF.bank.data();
    var scopes = isArray(bank.scopes) ? bank.scopes : [];
    // Scopes in the bank's order (第一章 … 县通知), then any the paper has that the list lacks.
    for (i = 0; i < scopes.length; i++) keys.push(scopes[i] && scopes[i].key);
    keys = keys.concat(results.order);
    for (i = 0; i < keys.length; i++) {
      var key = keys[i], row = get(results.byScope, key);
      if (!row || own(listed, key)) continue;
      listed[key] = true;
      body.appendChild(h("tr", { "data-scope": key }, [
        h("td", { text: scopeTitle(key) }), h("td", { text: String(row.count) }), h("td", { text: String(row.right) }),
        h("td", { text: formatNumber(row.score) + " / " + formatNumber(row.total) })
      ]));
    }
    table.appendChild(body);
    return h("div", { className: "md-typeset__table xf-table xf-breakdown" }, [table]);
  }

  function chooseExam(qid, text) {
    var exam = R.exam, q = XF.bank.get(qid);
    if (!exam || exam.submitted || !q || indexOf(exam.ids, qid) < 0) return;
    var response = own(exam.answers, qid) ? exam.answers[qid] : null, value;
    if (q.type === "multiple") {
      value = isArray(response) ? response.slice() : [];
      var at = indexOf(value, text);
      if (at >= 0) value.splice(at, 1);
      else value.push(text);
    } else if (q.type === "judge") {
      value = text === XF.JUDGE_OPTIONS[0];
    } else {
      value = text;
    }
    saveAnswer(qid, value);
    Q.render();
  }

  function newExam() {
    stopTimer();
    local.confirmAbandon = false;
    local.pendingSeed = 0;
    R.updateExam(function () { return null; });
    Q.render();
    Q.focus("action:start-exam");
  }

  var actions = {
    choose: function (target) {
      chooseExam(Q.questionOf(target), target.getAttribute("data-option"));
    },
    "start-exam": startExam,
    // 交卷 always asks, even with every question answered: one stray tap must not end an exam.
    "submit-exam": function (target) {
      local.confirmSubmit = target.getAttribute("data-key") === "action:submit-exam-bottom" ? "bottom" : "top";
      Q.render();
      Q.focus("action:confirm-submit", true);
    },
    "confirm-submit": function () {
      submitExam(false);
    },
    "cancel-submit": function () {
      local.confirmSubmit = "";
      Q.render();
    },
    abandon: function () {
      local.confirmAbandon = true;
      Q.render();
      Q.focus("action:cancel-abandon", true);
    },
    "cancel-abandon": function () {
      local.confirmAbandon = false;
      Q.render();
    },
    "new-exam": newExam,
    "export-records": function () {
      var done = R.download();
      if (!done.ok) XF.note(done.message);
    },
    "retry-wrong": function () {
      var exam = R.exam, left = [];
      if (!exam || !isArray(exam.unsaved)) return;
      for (var i = 0; i < exam.unsaved.length; i++) {
        if (!R.addWrong(exam.unsaved[i])) left.push(exam.unsaved[i]);
      }
      R.updateExam(function (current) {
        if (sameExam(current, exam)) {
          if (left.length) current.unsaved = left;
          else delete current.unsaved;
        }
        return current;
      });
      Q.render();
    },
    "wrong-only": function (target) {
      local.wrongOnly = !!target.checked;
      Q.render();
    }
  };

  function onInput(event) {
    var target = event.target, blank = target && target.getAttribute && target.getAttribute("data-blank");
    if (blank === null || blank === undefined) return;
    var id = Q.questionOf(target), q = XF.bank.get(id), exam = R.exam;
    if (!q || !exam || exam.submitted) return;
    var response = isArray(exam.answers[id]) ? exam.answers[id].slice() : [];
    while (response.length < Q.blankCount(q)) response.push("");
    response[parseInt(blank, 10)] = target.value;
    saveAnswer(id, response);
    updateExamStatus();
  }

  Q.register("exam", {
    questions: true,
    start: function () {
      R.examMinutes = config().minutes;
      checkStoredExam();
      local.confirmSubmit = "";
      local.confirmAbandon = false;
      local.wrongOnly = false;
      local.pendingSeed = R.exam ? 0 : seedFromHash();
    },
    started: function () {
      if (R.exam && !R.exam.submitted) startTimer();
    },
    stop: stopTimer,
    view: examView,
    actions: actions,
    input: onInput,
    hashchange: function () {
      if (!R.exam) {
        local.pendingSeed = seedFromHash();
        Q.render();
      }
    },
    // The exam in another tab of the same browser: keep this tab's copy in step instead of overwriting it.
    changed: function (name) {
      if (name !== "exam") return;
      checkStoredExam();
      if (R.exam && !R.exam.submitted) startTimer();
      else stopTimer();
    }
  });
})(window, document, window.XF);
