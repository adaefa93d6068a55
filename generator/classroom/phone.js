/*
 * 课堂模式 · 学员手机页（classroom/phone.js），served by the classroom server with core.js (window.XF).
 *
 * join → wait → exam (one question per screen) → confirm 交卷 → done (score, review). Every answer goes to a
 * local queue first (localStorage, with the token), is sent at once and leaves the queue only when the server
 * acknowledges it; a failed send marks the page 未连接 and is retried, so a reload, a locked screen, a Wi-Fi
 * drop or a server restart loses nothing. The page never has the key: grading is the server's.
 * Hooks: [data-join=name|unit|staff], [data-action=join|prev|next|list|goto|submit-exam|confirm-submit|back],
 * [data-question-id], [data-option], input[data-blank], [data-score], [data-connection].
 */
(function (window, document) {
  "use strict";

  var XF = window.XF;
  var h = XF.h;
  var root = document.getElementById("xf-classroom");
  if (!root) return;
  var SESSION = root.getAttribute("data-session");
  var KEY = "xf.v1.classroom";
  var POLL_MS = 4000, RETRY_MS = 2000, TIMEOUT_MS = 8000;

  var state = {
    view: "loading", token: null, me: null, session: null, questions: [], answers: {}, queue: {}, seq: 0,
    index: 0, offset: 0, connection: "ok", sending: false, error: "", notice: "", review: null, score: null,
    total: null, submitting: false, retryTimer: null, autoSubmitted: false
  };

  // ------------------------------------------------------------------ storage

  function load() {
    var saved = XF.store.get(KEY);
    if (!saved || saved.session !== SESSION || typeof saved.token !== "string") return;
    state.token = saved.token;
    state.queue = XF.isPlainObject(saved.queue) ? saved.queue : {};
    state.seq = XF.isCount(saved.seq) ? saved.seq : 0;
    state.index = XF.isCount(saved.index) ? saved.index : 0;
  }

  function save() {
    XF.store.set(KEY, { session: SESSION, token: state.token, queue: state.queue, seq: state.seq, index: state.index });
  }

  // ------------------------------------------------------------------ HTTP (XMLHttpRequest: old WebViews)

  function request(method, url, body, done) {
    var xhr = new window.XMLHttpRequest();
    var finished = false;
    function finish(status, data) {
      if (finished) return;
      finished = true;
      done(status, data || {});
    }
    try {
      xhr.open(method, url, true);
      xhr.timeout = TIMEOUT_MS;
      xhr.setRequestHeader("Content-Type", "application/json");
      if (state.token) xhr.setRequestHeader("X-Token", state.token);
    } catch (e) {
      finish(0, null);
      return;
    }
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) return;
      var data = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch (e) {
        data = null;
      }
      finish(xhr.status, data);
    };
    xhr.ontimeout = xhr.onerror = function () { finish(0, null); };
    xhr.send(body === null ? null : JSON.stringify(body));
  }

  function clientNow() {
    return new Date().getTime() / 1000;
  }

  function applySession(session) {
    if (!session) return;
    state.session = session;
    state.offset = session.now - clientNow();
  }

  function remaining() {
    if (!state.session || !state.session.deadline) return null;
    return state.session.deadline - (clientNow() + state.offset);
  }

  // ------------------------------------------------------------------ server state

  function fetchFull() {
    request("GET", "/api/state?full=1", null, function (status, data) {
      if (status === 200) {
        applySession(data.session);
        state.me = data.me;
        state.questions = data.questions || [];
        state.answers = data.answers || {};
        var id;
        // What is still queued here is newer than what the server has.
        for (id in state.queue) {
          if (XF.own(state.queue, id)) state.answers[id] = state.queue[id].response;
        }
        state.seq = Math.max(state.seq, data.seq || 0);
        if (state.index >= state.questions.length) state.index = 0;
        setConnection("ok");
        route();
        flush();
      } else if (status === 401) {
        forget(data.message || "身份已失效，请重新加入。");
      } else {
        setConnection("offline");
        if (state.view === "loading") state.view = "offline";
        render();
        later(fetchFull, RETRY_MS);
      }
    });
  }

  function forget(message) {
    state.token = null;
    state.queue = {};
    state.seq = 0;
    state.index = 0;
    XF.store.remove(KEY);
    state.error = message;
    state.view = "join";
    render();
  }

  function route() {
    var status = state.session ? state.session.status : "waiting";
    if (state.me && state.me.submitted) {
      if (state.view !== "done") {
        state.view = "done";
        fetchReview();
      }
    } else if (status === "waiting") {
      state.view = "wait";
    } else if (status === "closed") {
      // 结束考试 or the deadline passed: hand in what the server has (and whatever is still queued).
      state.view = "closed";
      if (!state.submitting) {
        state.submitting = true;
        sendSubmit();
      }
    } else if (state.view !== "confirm" && state.view !== "list") {
      state.view = "exam";
    }
    render();
  }

  function poll() {
    if (!state.token || state.view === "join") return;
    request("GET", "/api/state", null, function (status, data) {
      if (status === 200) {
        var before = state.session ? state.session.status : null;
        var wasSubmitted = state.me && state.me.submitted;
        applySession(data.session);
        state.me = data.me;
        setConnection(hasQueue() ? state.connection : "ok");
        if (!state.questions.length && data.session.status !== "waiting") fetchFull();
        else if (before !== data.session.status || wasSubmitted !== data.me.submitted) {
          if (data.me.submitted && data.me.score !== undefined) state.score = data.me.score;
          route();
        } else if (state.view === "done" && !state.review) fetchReview();
        flush();
      } else if (status === 401) {
        forget(data.message || "身份已失效，请重新加入。");
      } else if (status === 0 || status >= 500) {
        setConnection("offline");
      }
    });
  }

  function later(fn, ms) {
    window.setTimeout(fn, ms);
  }

  // ------------------------------------------------------------------ answers: queue and acknowledgements

  function hasQueue() {
    for (var id in state.queue) {
      if (XF.own(state.queue, id)) return true;
    }
    return false;
  }

  function queued() {
    var n = 0;
    for (var id in state.queue) {
      if (XF.own(state.queue, id)) n += 1;
    }
    return n;
  }

  function oldestQueued() {
    var best = null, id;
    for (id in state.queue) {
      if (XF.own(state.queue, id) && (best === null || state.queue[id].seq < state.queue[best].seq)) best = id;
    }
    return best;
  }

  function give(id, response, quiet) {
    // A second tab on this phone counts on from the same storage: the answer given last must carry the highest
    // seq, or the server keeps the other tab's older choice while this tab shows 已保存.
    var saved = XF.store.get(KEY);
    if (saved && saved.session === SESSION && saved.token === state.token && XF.isCount(saved.seq)) {
      state.seq = Math.max(state.seq, saved.seq);
    }
    state.answers[id] = response;
    state.seq += 1;
    state.queue[id] = { response: response, seq: state.seq };
    save();
    if (!quiet) render();
    flush();
  }

  function flush() {
    if (state.sending || !state.token) return;
    var id = oldestQueued();
    if (id === null) {
      if (state.connection !== "offline") setConnection("ok");
      if (state.submitting) sendSubmit();
      return;
    }
    var entry = state.queue[id];
    state.sending = true;
    setConnection(state.connection === "offline" ? "offline" : "saving");
    request("POST", "/api/answer", { question: id, response: entry.response, seq: entry.seq }, function (status, data) {
      state.sending = false;
      if (status === 200) {
        if (state.queue[id] && state.queue[id].seq <= data.seq) delete state.queue[id];
        save();
        setConnection("ok");
        flush();
      } else if (status === 401) {
        forget(data.message || "身份已失效，请重新加入。");
      } else if (status >= 400 && status < 500 && status !== 429 && status !== 408) {
        // Can never be saved (exam closed, already submitted): say so and stop resending it.
        delete state.queue[id];
        save();
        state.notice = data.message || "有一个答案没有保存。";
        render();
        flush();
      } else {
        setConnection("offline");
        retry();
      }
    });
  }

  function retry() {
    if (state.retryTimer) return;
    state.retryTimer = window.setTimeout(function () {
      state.retryTimer = null;
      flush();
    }, RETRY_MS);
  }

  function setConnection(value) {
    state.connection = value;
    var node = document.querySelector("[data-connection]");
    if (node) fillConnection(node);
  }

  function fillConnection(node) {
    var n = queued();
    node.setAttribute("data-connection", state.connection);
    if (state.connection === "offline") node.textContent = "未连接：" + (n ? n + " 个答案先存在手机上，连上后自动补交" : "正在重试");
    else if (n) node.textContent = "正在保存……";
    else node.textContent = "已保存";
  }

  // ------------------------------------------------------------------ join and submit

  function join() {
    var name = valueOf("name"), unit = valueOf("unit"), staff = valueOf("staff");
    if (!name || !unit) {
      state.error = !name ? "请填写姓名。" : "请填写单位。";
      render();
      return;
    }
    state.error = "";
    state.busy = true;
    render();
    request("POST", "/api/join", { name: name, unit: unit, staff: staff }, function (status, data) {
      state.busy = false;
      if (status === 200) {
        state.token = data.token;
        state.queue = {};
        state.seq = 0;
        state.index = 0;
        save();
        state.view = "loading";
        fetchFull();
        return;
      }
      state.joinValues = { name: name, unit: unit, staff: staff };
      state.error = status === 0 ? "连不上考试服务器：请确认手机连的是培训教室的 Wi-Fi，然后再试。" : (data.message || "加入失败。");
      state.needStaff = data.error === "need-staff";
      render();
    });
  }

  function valueOf(name) {
    var input = document.querySelector('[data-join="' + name + '"]');
    return input ? input.value.replace(/^\s+|\s+$/g, "") : "";
  }

  function sendSubmit() {
    if (hasQueue()) {
      flush();
      return;
    }
    request("POST", "/api/submit", {}, function (status, data) {
      if (status === 200) {
        state.submitting = false;
        state.me = data.me;
        state.score = data.score;
        state.total = data.total;
        state.view = "done";
        render();
        fetchReview();
      } else if (status === 0 || status >= 500) {
        setConnection("offline");
        later(sendSubmit, RETRY_MS);
      } else {
        state.submitting = false;
        state.notice = data.message || "交卷失败。";
        render();
      }
    });
  }

  function fetchReview() {
    request("GET", "/api/review", null, function (status, data) {
      if (status === 200) {
        state.review = data.items;
        state.score = data.score;
        state.total = data.total;
        state.notice = "";
      } else if (data && data.error === "wait-close") {
        state.notice = data.message;
      }
      render();
    });
  }

  // ------------------------------------------------------------------ rendering

  function unanswered() {
    var list = [];
    for (var i = 0; i < state.questions.length; i++) {
      if (!XF.answered(state.questions[i], state.answers[state.questions[i].id])) list.push(state.questions[i].number);
    }
    return list;
  }

  function header() {
    var left = remaining();
    var answeredCount = state.questions.length - unanswered().length;
    var connection = h("span", { className: "xf-connection", "data-connection": state.connection });
    fillConnection(connection);
    return h("div", { className: "xf-bar" }, [
      h("span", { className: "xf-clock", "data-clock": "", text: left === null ? "" : "剩余 " + XF.clock(left) }),
      h("span", { className: "xf-progress", text: "已答 " + answeredCount + "/" + state.questions.length }),
      connection
    ]);
  }

  function joinView() {
    var values = state.joinValues || {};
    return h("form", { className: "xf-join", onsubmit: function (e) { e.preventDefault(); join(); } }, [
      h("p", { text: "请填写姓名和单位加入考试。" }),
      h("label", null, ["姓名", h("input", { "data-join": "name", autocomplete: "name", maxlength: 30, value: values.name || "" })]),
      h("label", null, ["单位", h("input", { "data-join": "unit", maxlength: 30, value: values.unit || "" })]),
      h("label", { className: state.needStaff ? "xf-need" : "" }, ["工号（选填）",
        h("input", { "data-join": "staff", maxlength: 30, value: values.staff || "" })]),
      state.error ? h("p", { className: "xf-error", role: "alert", text: state.error }) : null,
      h("button", { type: "submit", className: "xf-big", "data-action": "join", disabled: state.busy, text: state.busy ? "正在加入……" : "加入考试" })
    ]);
  }

  function questionView() {
    var q = state.questions[state.index];
    var response = state.answers[q.id];
    var body = [
      h("p", { className: "xf-qmeta", text: "第 " + q.number + " 题 / 共 " + state.questions.length + " 题 · " +
        XF.TYPE_NAMES[q.type] + " · " + XF.formatNumber(q.points) + " 分" }),
      h("p", { className: "xf-stem", text: q.stem })
    ];
    var i, chosen, options = [];
    if (q.type === "fill") {
      for (i = 0; i < q.blanks; i++) {
        body.push(h("label", { className: "xf-blank" }, ["第 " + (i + 1) + " 空",
          h("input", { "data-blank": i, type: "text", autocomplete: "off", maxlength: 100,
            value: XF.isArray(response) && typeof response[i] === "string" ? response[i] : "" })]));
      }
    } else {
      for (i = 0; i < q.options.length; i++) {
        chosen = q.type === "multiple" ? XF.isArray(response) && XF.indexOf(response, q.options[i]) >= 0 :
          q.type === "judge" ? response === (i === 0) : response === q.options[i];
        options.push(h("button", { type: "button", className: "xf-option" + (chosen ? " xf-chosen" : ""),
          "data-option": q.options[i], "aria-pressed": chosen ? "true" : "false" },
          [q.type === "judge" ? "" : String.fromCharCode(65 + i) + ". ", q.options[i]]));
      }
      body.push(h("div", { className: "xf-options" }, options));
      if (q.type === "multiple") body.push(h("p", { className: "xf-hint", text: "多选题：可选多项，再点一次取消。" }));
    }
    return h("section", { className: "xf-question", "data-question-id": q.id }, body);
  }

  function navView() {
    var last = state.index >= state.questions.length - 1;
    return h("div", { className: "xf-nav" }, [
      h("button", { type: "button", "data-action": "prev", disabled: state.index === 0, text: "上一题" }),
      h("button", { type: "button", "data-action": "list", text: "题目列表" }),
      last ? h("button", { type: "button", className: "xf-primary", "data-action": "submit-exam", text: "交卷" }) :
        h("button", { type: "button", className: "xf-primary", "data-action": "next", text: "下一题" })
    ]);
  }

  function listView() {
    var cells = [], i, q, done;
    for (i = 0; i < state.questions.length; i++) {
      q = state.questions[i];
      done = XF.answered(q, state.answers[q.id]);
      cells.push(h("button", { type: "button", className: "xf-cell" + (done ? " xf-done" : "") + (i === state.index ? " xf-current" : ""),
        "data-action": "goto", "data-index": i, "data-answered": done ? "true" : "false",
        "aria-label": "第 " + q.number + " 题" + (done ? "（已答）" : "（未答）"), text: String(q.number) }));
    }
    return h("section", { className: "xf-list" }, [
      h("p", { text: "点题号跳到该题。深色为已答，浅色为未答。" }),
      h("div", { className: "xf-grid" }, cells),
      h("div", { className: "xf-nav" }, [
        h("button", { type: "button", "data-action": "back", text: "返回答题" }),
        h("button", { type: "button", className: "xf-primary", "data-action": "submit-exam", text: "交卷" })
      ])
    ]);
  }

  function confirmView() {
    var missing = unanswered();
    return h("section", { className: "xf-confirm" }, [
      h("h2", { text: "确认交卷？" }),
      missing.length ? h("p", { className: "xf-error", text: "还有 " + missing.length + " 题未答：第 " + missing.join("、") + " 题。" }) :
        h("p", { text: "全部题目都已作答。" }),
      h("p", { text: "交卷后不能再修改答案。" }),
      hasQueue() ? h("p", { className: "xf-hint", text: "还有 " + queued() + " 个答案正在保存，保存后才会交卷。" }) : null,
      h("div", { className: "xf-nav" }, [
        h("button", { type: "button", "data-action": "back", text: "返回检查" }),
        h("button", { type: "button", className: "xf-primary", "data-action": "confirm-submit", disabled: state.submitting,
          text: state.submitting ? "正在交卷……" : "确认交卷" })
      ])
    ]);
  }

  function answerText(q, response) {
    if (response === null || response === undefined) return "未作答";
    if (q.type === "judge") return response ? "正确" : "错误";
    if (XF.isArray(response)) return response.join(q.type === "fill" ? "｜" : "、") || "未作答";
    return String(response);
  }

  function reviewView() {
    var items = [], i, q, right;
    for (i = 0; i < state.review.length; i++) {
      q = state.review[i];
      right = q.score >= q.points;
      var key = q.type === "fill" ? q.answer.map(function (variants) { return variants.join(" 或 "); }).join("｜") :
        XF.isArray(q.answer) ? q.answer.join("、") : String(q.answer);
      var sources = [];
      for (var j = 0; j < q.sources.length; j++) {
        sources.push(h("details", { className: "xf-source" }, [h("summary", { text: "查看原文：" + q.sources[j].label }),
          h("p", { text: q.sources[j].text })]));
      }
      items.push(h("li", { className: "xf-review-item", "data-question-id": q.id, "data-result": right ? "correct" : "wrong" }, [
        h("p", { className: "xf-qmeta", text: "第 " + q.number + " 题 · " + XF.TYPE_NAMES[q.type] + " · 得 " +
          XF.formatNumber(q.score) + "/" + XF.formatNumber(q.points) + " 分" + (right ? " ✓" : " ✗") }),
        h("p", { className: "xf-stem", text: q.stem }),
        h("p", null, ["你的答案：", answerText(q, q.response)]),
        h("p", { className: "xf-key" }, ["正确答案：", key]),
        h("p", { className: "xf-explain" }, ["解析：", q.explanation, q.articles.length ? "（" + q.articles.join("、") + "）" : ""])
      ].concat(sources)));
    }
    return h("ol", { className: "xf-review" }, items);
  }

  function doneView() {
    var children = [h("h2", { text: "已交卷" })];
    if (state.score !== null && state.score !== undefined) {
      children.push(h("p", { className: "xf-score" }, ["得分 ", h("b", { "data-score": state.score, text: XF.formatNumber(state.score) }),
        " / " + XF.formatNumber(state.total !== null ? state.total : state.session.total) + " 分"]));
    }
    if (state.notice) children.push(h("p", { className: "xf-hint", text: state.notice }));
    if (state.review) children.push(reviewView());
    return h("section", { className: "xf-done" }, children);
  }

  function render() {
    var children = [h("h1", { text: state.session ? state.session.title : document.title })];
    if (state.me) children.push(h("p", { className: "xf-who", text: state.me.name + " · " + state.me.unit + " · " + state.me.variant + " 卷" }));
    var view = state.view;
    if (view === "loading") children.push(h("p", { className: "xf-loading", text: "正在连接考试服务器……" }));
    else if (view === "offline") children.push(h("p", { className: "xf-error", "data-connection": "offline",
      text: "未连接：连不上考试服务器，正在重试。请确认手机连的是培训教室的 Wi-Fi。" }));
    else if (view === "join") children.push(joinView());
    else if (view === "wait") children.push(h("p", { className: "xf-wait", text: "已加入，等待主持人开始考试……" }));
    else if (view === "closed") children.push(h("p", { className: "xf-wait", text: "考试已结束，正在收卷……" }));
    else if (view === "done") children.push(doneView());
    else if (state.questions.length) {
      children.push(header());
      if (state.notice) children.push(h("p", { className: "xf-error", role: "alert", text: state.notice }));
      if (view === "list") children.push(listView());
      else if (view === "confirm") children.push(confirmView());
      else {
        children.push(questionView());
        children.push(navView());
      }
    }
    while (root.firstChild) root.removeChild(root.firstChild);
    for (var i = 0; i < children.length; i++) {
      if (children[i]) root.appendChild(children[i]);
    }
  }

  function tick() {
    var node = document.querySelector("[data-clock]");
    var left = remaining();
    if (node && left !== null) node.textContent = "剩余 " + XF.clock(left);
    // Time is up: whatever is queued goes first, then the paper is handed in (the server keeps the deadline).
    if (left !== null && left <= 0 && state.session.status === "open" && state.me && !state.me.submitted &&
        !state.autoSubmitted && state.view !== "join") {
      state.autoSubmitted = true;
      state.submitting = true;
      state.notice = "时间到，正在自动交卷……";
      render();
      sendSubmit();
    }
  }

  // ------------------------------------------------------------------ events

  function currentQuestion() {
    return state.questions[state.index];
  }

  function blanks() {
    var inputs = root.querySelectorAll("input[data-blank]"), values = [];
    for (var i = 0; i < inputs.length; i++) values.push(inputs[i].value);
    return values;
  }

  function pick(text) {
    var q = currentQuestion(), response = state.answers[q.id], list, at;
    if (q.type === "single") give(q.id, text);
    else if (q.type === "judge") give(q.id, text === XF.JUDGE_OPTIONS[0]);
    else if (q.type === "multiple") {
      list = XF.isArray(response) ? response.slice() : [];
      at = XF.indexOf(list, text);
      if (at >= 0) list.splice(at, 1);
      else list.push(text);
      // In the paper's option order, so the stored answer does not depend on tapping order.
      var ordered = [];
      for (var i = 0; i < q.options.length; i++) {
        if (XF.indexOf(list, q.options[i]) >= 0) ordered.push(q.options[i]);
      }
      give(q.id, ordered.length ? ordered : null);
    }
  }

  function go(index) {
    state.index = Math.max(0, Math.min(state.questions.length - 1, index));
    state.view = "exam";
    state.notice = state.notice && state.notice.indexOf("时间到") === 0 ? state.notice : "";
    save();
    render();
    window.scrollTo(0, 0);
  }

  root.addEventListener("click", function (event) {
    var target = event.target;
    while (target && target !== root && !target.getAttribute("data-action") && !target.hasAttribute("data-option")) target = target.parentNode;
    if (!target || target === root || target.disabled) return;
    if (target.hasAttribute("data-option")) {
      pick(target.getAttribute("data-option"));
      return;
    }
    var action = target.getAttribute("data-action");
    if (action === "join") return;  // the form's submit event joins
    if (action === "next") go(state.index + 1);
    else if (action === "prev") go(state.index - 1);
    else if (action === "goto") go(parseInt(target.getAttribute("data-index"), 10) || 0);
    else if (action === "list") { state.view = "list"; render(); }
    else if (action === "back") { state.view = "exam"; render(); }
    else if (action === "submit-exam") { state.view = "confirm"; render(); }
    else if (action === "confirm-submit") {
      state.submitting = true;
      render();
      sendSubmit();
    }
  }, false);

  var typing = null;
  root.addEventListener("input", function (event) {
    if (!event.target.hasAttribute("data-blank")) return;
    var q = currentQuestion();
    var values = blanks();
    state.answers[q.id] = values;
    window.clearTimeout(typing);
    typing = window.setTimeout(function () { give(q.id, values, true); }, 500);
  }, false);
  root.addEventListener("change", function (event) {
    if (!event.target.hasAttribute("data-blank")) return;
    window.clearTimeout(typing);
    give(currentQuestion().id, blanks(), true);
  }, false);

  // A phone coming back from a locked screen or a Wi-Fi drop catches up at once.
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { poll(); flush(); }
  }, false);
  window.addEventListener("online", function () { flush(); }, false);

  load();
  if (state.token) fetchFull();
  else {
    state.view = "join";
    render();
  }
  window.setInterval(poll, POLL_MS);
  window.setInterval(tick, 1000);
})(window, document);
