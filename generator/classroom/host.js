/*
 * 课堂模式 · 主持台（classroom/host.js）: the trainer's dashboard for the projector, on core.js (window.XF).
 *
 * Polls /api/host/dashboard every 2 s (host token from the page URL, sent as X-Host-Token) and redraws: join
 * QR and URL, joined / submitted counts, 开始考试 / 延长 5 分钟 / 结束考试, per-trainee progress, the ranking
 * (names can be masked as 王**), facility per question and the weakest articles, downloads.
 * Hooks: [data-action=open-exam|extend-exam|close-exam|rejoin|mask], [data-participant] with data-answered
 * and data-score, [data-rank], [data-facility].
 */
(function (window, document) {
  "use strict";

  var XF = window.XF;
  var h = XF.h;
  var root = document.getElementById("xf-host");
  if (!root) return;
  var MASK_KEY = "xf.v1.classroom-host";
  var match = /[?&]token=([^&#]+)/.exec(window.location.search);
  var TOKEN = match ? decodeURIComponent(match[1]) : "";
  var state = { data: null, error: "", offset: 0, mask: !!(XF.store.get(MASK_KEY) || {}).mask, busy: false };

  function request(method, url, body, done) {
    var xhr = new window.XMLHttpRequest();
    xhr.open(method, url, true);
    xhr.timeout = 8000;
    xhr.setRequestHeader("Content-Type", "application/json");
    xhr.setRequestHeader("X-Host-Token", TOKEN);
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) return;
      var data = {};
      try {
        data = JSON.parse(xhr.responseText) || {};
      } catch (e) {
        data = {};
      }
      done(xhr.status, data);
    };
    xhr.send(body ? JSON.stringify(body) : null);
  }

  function refresh() {
    request("GET", "/api/host/dashboard", null, function (status, data) {
      if (status === 200) {
        state.data = data;
        state.offset = data.session.now - new Date().getTime() / 1000;
        state.error = "";
      } else {
        state.error = status === 0 ? "与考试服务器的连接中断，正在重试……" : (data.message || "读取失败");
      }
      render();
    });
  }

  function act(action, body) {
    state.busy = true;
    request("POST", "/api/host/" + action, body || {}, function (status, data) {
      state.busy = false;
      if (status !== 200) state.error = data.message || "操作失败";
      refresh();
    });
  }

  function masked(name) {
    if (!state.mask || !name) return name;
    var stars = "";
    for (var i = 1; i < name.length; i++) stars += "*";
    return name.charAt(0) + stars;
  }

  function fmt(value) {
    return value === null || value === undefined ? "—" : XF.formatNumber(Math.round(value * 100) / 100);
  }

  function percent(value) {
    return value === null || value === undefined ? "—" : Math.round(value * 100) + "%";
  }

  function remaining() {
    var s = state.data.session;
    return s.deadline ? s.deadline - (new Date().getTime() / 1000 + state.offset) : null;
  }

  var STATUS = { waiting: "等待开始", open: "考试进行中", closed: "考试已结束" };

  function controls(d) {
    var s = d.session, status = s.status;
    return h("div", { className: "xf-controls" }, [
      h("span", { className: "xf-status", "data-status": status, text: STATUS[status] }),
      status === "open" ? h("span", { className: "xf-clock", "data-clock": "", text: "剩余 " + XF.clock(remaining()) }) : null,
      h("button", { type: "button", className: "xf-primary", "data-action": "open-exam", disabled: status !== "waiting" || state.busy, text: "开始考试" }),
      h("button", { type: "button", "data-action": "extend-exam", disabled: status !== "open" || state.busy, text: "延长 5 分钟" }),
      h("button", { type: "button", "data-action": "close-exam", disabled: s.ended || status === "waiting" || state.busy, text: "结束考试" }),
      h("label", { className: "xf-toggle" }, [h("input", { type: "checkbox", "data-action": "mask", checked: state.mask }), "排名隐去名字（王**）"]),
      h("label", { className: "xf-toggle" }, [h("input", { type: "checkbox", "data-action": "review-after-close", checked: s.review === "close" }),
        "结束考试后才让学员看答案和解析"])
    ]);
  }

  function joinBox(d) {
    return h("section", { className: "xf-joinbox" }, [
      h("img", { src: "/qr.svg", alt: "扫码加入考试", className: "xf-qr" }),
      h("div", null, [
        h("p", { text: "手机连上本教室的 Wi-Fi，扫码或在浏览器输入：" }),
        h("p", { className: "xf-url", "data-join-url": "", text: d.join_url }),
        h("p", { className: "xf-counts" }, [
          "已加入 ", h("b", { "data-joined": d.joined, text: String(d.joined) }), " 人 · 已交卷 ",
          h("b", { "data-submitted": d.submitted, text: String(d.submitted) }), " 人 · 共 " + d.questions + " 题，满分 " + fmt(d.session.total)
        ])
      ])
    ]);
  }

  function participantsTable(d) {
    var rows = [h("tr", null, [h("th", { text: "姓名" }), h("th", { text: "单位" }), h("th", { text: "卷型" }),
      h("th", { text: "进度" }), h("th", { text: "状态" }), h("th", { text: "得分" }), h("th", { text: "" })])];
    for (var i = 0; i < d.participants.length; i++) {
      var p = d.participants[i];
      rows.push(h("tr", { "data-participant": p.name, "data-answered": p.answered, "data-score": p.score === null ? null : p.score,
        "data-submitted": p.submitted ? "true" : "false" }, [
        h("td", { text: masked(p.name) }), h("td", { text: p.unit + (p.staff ? "（" + p.staff + "）" : "") }), h("td", { text: p.variant }),
        h("td", null, [h("progress", { max: d.questions, value: p.answered }), " " + p.answered + "/" + d.questions]),
        h("td", { text: p.submitted ? "已交卷" : (d.session.status === "waiting" ? "等待开始" : "答题中") }),
        h("td", { text: fmt(p.score) }),
        h("td", null, [p.rejoin ? h("span", { className: "xf-hint", text: "可重新加入" }) :
          h("button", { type: "button", className: "xf-small", "data-action": "rejoin", "data-id": p.id, text: "允许重新加入" })])
      ]));
    }
    return h("section", { className: "xf-people" }, [h("h2", { text: "学员进度" }),
      d.participants.length ? h("table", null, rows) : h("p", { text: "还没有学员加入。" })]);
  }

  function ranking(d) {
    var items = [];
    for (var i = 0; i < d.ranking.length && i < 50; i++) {
      var r = d.ranking[i];
      items.push(h("li", { "data-rank": r.rank }, [h("span", { className: "xf-rankno", text: "第 " + r.rank + " 名" }),
        h("span", { className: "xf-rankname", text: masked(r.name) }), h("span", { className: "xf-unit", text: r.unit }),
        h("b", { text: fmt(r.score) + " 分" })]));
    }
    return h("section", { className: "xf-ranking" }, [h("h2", { text: "实时排名（已交卷）" }),
      items.length ? h("ol", null, items) : h("p", { text: "交卷后显示。" })]);
  }

  function facility(d) {
    // With A/B papers the numbers are one paper's: say which, or 第 3 题 means two questions.
    var numbered = d.numbered_by ? "题号（" + d.numbered_by + " 卷）" : "题号";
    var rows = [h("tr", null, [h("th", { text: numbered }), h("th", { text: "题型" }), h("th", { text: "出处" }), h("th", { text: "答对率" })])];
    for (var i = 0; i < d.items.length; i++) {
      var item = d.items[i];
      var bar = h("span", { className: "xf-bar-fill" });
      bar.style.width = item.facility === null ? "0" : Math.round(item.facility * 100) + "%";
      rows.push(h("tr", { "data-facility": item.facility === null ? null : item.facility, "data-question-id": item.id }, [
        h("td", { text: String(item.number) }), h("td", { text: XF.TYPE_NAMES[item.type] }), h("td", { text: item.articles.join("、") }),
        h("td", null, [h("span", { className: "xf-bar-track" }, [bar]), " " + percent(item.facility)])]));
    }
    var weak = [];
    for (i = 0; i < d.weak.length; i++) {
      weak.push(h("li", { text: d.weak[i].label + "：答对率 " + percent(d.weak[i].facility) + "（" + d.weak[i].questions + " 题）" }));
    }
    return h("section", { className: "xf-stats" }, [
      h("h2", { text: "下次培训重点：答对率最低的条文" }),
      weak.length ? h("ol", null, weak) : h("p", { text: "有人交卷后显示。" }),
      h("h2", { text: "各题答对率（已交卷者）" }), h("table", null, rows)]);
  }

  function downloads() {
    var q = "?token=" + encodeURIComponent(TOKEN);
    return h("p", { className: "xf-downloads" }, ["下载：",
      h("a", { href: "/host/results.csv" + q, "data-download": "results.csv", text: "成绩表 results.csv" }), " · ",
      h("a", { href: "/host/report.html" + q, "data-download": "report.html", target: "_blank", text: "分析报告 report.html" }),
      "（与 python -m generator grade 的输出相同；以已交卷者计，结束考试后含全部学员）"]);
  }

  function render() {
    var d = state.data;
    var children = [h("h1", { text: (d ? d.session.title : "课堂考试") + " · 主持台" })];
    if (state.error) children.push(h("p", { className: "xf-error", role: "alert", text: state.error }));
    if (d) {
      children.push(controls(d), joinBox(d), h("div", { className: "xf-columns" }, [participantsTable(d), ranking(d)]),
        facility(d), downloads());
    }
    while (root.firstChild) root.removeChild(root.firstChild);
    for (var i = 0; i < children.length; i++) root.appendChild(children[i]);
  }

  root.addEventListener("click", function (event) {
    var target = event.target;
    while (target && target !== root && !target.getAttribute("data-action")) target = target.parentNode;
    if (!target || target === root || target.disabled) return;
    var action = target.getAttribute("data-action");
    if (action === "open-exam") act("open");
    else if (action === "extend-exam") act("extend");
    // One click, no dialog: tools drive this hook, and 收卷 keeps every saved answer.
    else if (action === "close-exam") act("close");
    else if (action === "rejoin") act("rejoin", { participant: parseInt(target.getAttribute("data-id"), 10) });
    else if (action === "mask") {
      state.mask = target.checked;
      XF.store.set(MASK_KEY, { mask: state.mask });
      render();
    } else if (action === "review-after-close") act("review", { review: target.checked ? "close" : "submit" });
  }, false);

  window.setInterval(function () {
    var node = document.querySelector("[data-clock]");
    if (node && state.data && state.data.session.status === "open") node.textContent = "剩余 " + XF.clock(remaining());
  }, 1000);
  window.setInterval(refresh, 2000);
  refresh();
})(window, document);
