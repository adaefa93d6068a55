/*
 * 信访工作条例学习平台 · 学习进度（assets/home.js）
 *
 * The home page's 我的学习进度 (mode "progress") and the practice overview (mode "overview"): how much of
 * each chapter is done, the 错题本 and a running exam. Reads only XF.summary() (assets/quiz-summary.js on
 * the home page, so it never loads the whole bank). Needs core.js, records.js, view.js.
 */
(function (window, document, XF) {
  "use strict";

  var h = XF.h, Q = XF.quiz, R = XF.records;

  function scopes() {
    var summary = XF.summary();
    return summary ? summary.scopes : [];
  }

  function allIds() {
    var list = scopes(), ids = [];
    for (var i = 0; i < list.length; i++) ids = ids.concat(list[i].ids);
    return ids;
  }

  function scopeHref(scope) {
    return Q.href(scope.href || "");
  }

  function scopeTable() {
    var list = scopes();
    var table = h("table", {}, [
      h("thead", {}, [h("tr", {}, [h("th", { scope: "col", text: "范围" }), h("th", { scope: "col", text: "题数" }),
        h("th", { scope: "col", text: "已练" }), h("th", { scope: "col", text: "答对" }), h("th", { scope: "col", text: "正确率" })])])
    ]);
    var body = h("tbody");
    for (var i = 0; i < list.length; i++) {
      var scope = list[i], s = R.stats(scope.ids);
      body.appendChild(h("tr", { "data-scope": scope.key, "data-seen": String(s.seen), "data-right": String(s.right) }, [
        h("td", {}, [scope.href !== null ? XF.link(scopeHref(scope), scope.title) : scope.title]),
        h("td", { text: String(s.total) }),
        h("td", { text: String(s.seen) }),
        h("td", { text: String(s.right) }),
        h("td", { text: XF.percent(s.right, s.seen) })
      ]));
    }
    table.appendChild(body);
    return h("div", { className: "md-typeset__table xf-table xf-scopes" }, [table]);
  }

  function otherLinks(actions) {
    actions.appendChild(XF.link(Q.pageHref("review"), "错题本（" + Q.wrongIds().length + " 题）", "md-button xf-button"));
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(XF.link(Q.pageHref("exam"), Q.examLinkText(), "md-button xf-button"));
    return actions;
  }

  function overviewView() {
    var wrap = h("div", { className: "xf-overview" }), list = scopes(), all = R.stats(allIds());
    wrap.appendChild(h("p", { className: "xf-status", text: "已练 " + all.seen + " / " + all.total + " 题，答对 " + all.right + " / " + all.seen + " 题。" }));
    var items = h("ul", { className: "xf-scope-list" });
    for (var i = 0; i < list.length; i++) {
      var scope = list[i], s = R.stats(scope.ids);
      items.appendChild(h("li", { "data-scope": scope.key }, [
        h("a", { className: "xf-scope", href: scopeHref(scope) }, [
          h("span", { className: "xf-scope-title", text: scope.title }),
          h("span", { className: "xf-scope-count", text: "已练 " + s.seen + " / " + s.total + " 题，答对 " + s.right + " / " + s.seen + " 题" }),
          Q.progressBar(s.seen, s.total, scope.title + "进度")
        ])
      ]));
    }
    wrap.appendChild(items);
    wrap.appendChild(otherLinks(h("p", { className: "xf-actions" })));
    return wrap;
  }

  // Where to go on: the chapter practised last, else the first one not finished.
  function continueScope() {
    var list = scopes(), last = R.practice.last, i;
    if (typeof last === "string") {
      for (i = 0; i < list.length; i++) {
        if (list[i].key === last) return list[i];
      }
    }
    for (i = 0; i < list.length; i++) {
      var s = R.stats(list[i].ids);
      if (s.total && s.seen < s.total) return list[i];
    }
    return list[0] || null;
  }

  function progressView() {
    var wrap = h("div", { className: "xf-progress" }), all = R.stats(allIds());
    if (!all.seen) {
      wrap.appendChild(h("p", { text: "还没有练习记录（记录只保存在本机浏览器中）。题库共 " + all.total + " 题，从第一章开始吧。" }));
    } else {
      wrap.appendChild(h("p", { className: "xf-status", text: "已练 " + all.seen + " / " + all.total + " 题，答对 " + all.right + " / " + all.seen +
        " 题，正确率 " + XF.percent(all.right, all.seen) + "。" }));
      wrap.appendChild(Q.progressBar(all.seen, all.total, "总进度"));
      wrap.appendChild(scopeTable());
    }
    var next = continueScope(), actions = h("p", { className: "xf-actions" });
    if (next && next.href !== null) {
      actions.appendChild(XF.link(scopeHref(next), (all.seen ? "继续练习：" : "开始练习：") + next.title, "md-button md-button--primary xf-button"));
      actions.appendChild(document.createTextNode(" "));
    }
    wrap.appendChild(otherLinks(actions));
    returnCard(all.seen ? next : null);
    return wrap;
  }

  // A returning learner's 继续练习 / 错题本 at the top of the home page, under its title: on a phone the
  // progress section sits a screen or more further down.
  function returnCard(next) {
    var old = document.getElementById("xf-return"), title = document.querySelector(".md-content__inner h1");
    if (old && old.parentNode) old.parentNode.removeChild(old);
    if (!next || !title || !title.parentNode) return;
    var actions = h("p", { className: "xf-actions" });
    if (next.href !== null) {
      actions.appendChild(XF.link(scopeHref(next), "继续练习：" + next.title, "md-button md-button--primary xf-button"));
      actions.appendChild(document.createTextNode(" "));
    }
    actions.appendChild(XF.link(Q.pageHref("review"), "错题本（" + Q.wrongIds().length + " 题）", "md-button xf-button"));
    title.parentNode.insertBefore(h("section", { id: "xf-return", className: "xf-return", "aria-label": "继续学习" }, [
      h("p", { className: "xf-return-lead", text: "欢迎回来：接着上次的进度练习，或先复习错题。" }), actions
    ]), title.nextSibling);
  }

  Q.register("overview", { needsBank: false, view: overviewView });
  Q.register("progress", { needsBank: false, view: progressView });
})(window, document, window.XF);
