/*
 * 信访工作条例学习平台 · 分章练习（assets/practice.js）
 *
 * One question at a time, graded on the tap (单选/判断) or on 提交 (多选/填空), with the explanation and
 * the article links. /practice/chapter-N/ practises one scope; #article-19 shows every question citing
 * that article. XF.session is the one-question-at-a-time machinery the 错题本 (review.js) reuses.
 * Needs core.js, records.js, view.js.
 */
(function (window, document, XF) {
  "use strict";

  var h = XF.h, own = XF.own, get = XF.get, indexOf = XF.indexOf, Q = XF.quiz, state = Q.state;

  var S = XF.session = {};

  S.create = function (ids) {
    return { ids: ids, index: 0, answers: {}, drafts: {}, hints: {}, article: 0, left: {}, listOpen: false };
  };

  function articleFromHash() {
    var match = /^#article-(\d+)$/.exec(window.location.hash || "");
    return match ? parseInt(match[1], 10) : 0;
  }

  // #tag-情景 shows every question carrying that bank tag (XF_BANK.tags lists them), whichever page it is
  // opened on, as #article-19 does for an article.
  function tagFromHash() {
    var match = /^#tag-(.+)$/.exec(window.location.hash || "");
    if (!match) return "";
    try {
      return decodeURIComponent(match[1]);
    } catch (error) {
      return "";
    }
  }

  function hasTag(q, tag) {
    return XF.isArray(q.tags) && indexOf(q.tags, tag) >= 0;
  }

  function scopeIds(scope) {
    var ids = [], questions = XF.bank.questions();
    for (var i = 0; i < questions.length; i++) {
      if (!scope || questions[i].scope === scope) ids.push(questions[i].id);
    }
    return ids;
  }

  // #article-19 shows every question citing that article, whichever page it is opened on: the chapter
  // pages link "本条相关题目 N 道" here, and a question citing 第十七条 and 第二十六条 belongs to both.
  function startPractice() {
    var article = articleFromHash(), tag = article ? "" : tagFromHash(), ids = [], questions = XF.bank.questions(), i;
    for (i = 0; i < questions.length; i++) {
      var q = questions[i];
      if (tag ? hasTag(q, tag) : article ? indexOf(q.articles, article) >= 0 : (!state.scope || q.scope === state.scope)) {
        ids.push(q.id);
      }
    }
    var previous = state.session;
    state.session = S.create(ids);
    state.session.article = article;
    state.session.tag = tag;
    if (previous) {
      // Answers given before a filter change stay answered.
      state.session.answers = previous.answers;
      state.session.drafts = previous.drafts;
    }
    var position = get(XF.records.practice.pos, state.scope);
    if (!article && !tag && XF.isCount(position) && position < ids.length) state.session.index = position;
  }

  // The order the bank gives: the build already shuffled it (seeded by id, so it is the same on every
  // device and in print), or kept it where the order matters (`shuffle: false`).
  function optionOrder(q) {
    return q.options;
  }

  S.current = function () {
    var session = state.session;
    return session && session.index < session.ids.length ? XF.bank.get(session.ids[session.index]) : null;
  };

  function draft(q) {
    var session = state.session;
    if (!own(session.drafts, q.id)) session.drafts[q.id] = q.type === "multiple" || q.type === "fill" ? [] : null;
    return session.drafts[q.id];
  }

  // Links to #tag-… for every tag the bank uses: 情景, 新旧对照 … with their question counts.
  function tagBar() {
    var data = XF.bank.data(), tags = data && XF.isArray(data.tags) ? data.tags : [];
    var bar = h("p", { className: "xf-tags" }, ["按标签练习（全部章节）："]);
    for (var i = 0; i < tags.length; i++) {
      if (!tags[i] || typeof tags[i].key !== "string" || !tags[i].count) continue;
      bar.appendChild(h("a", { href: "#tag-" + encodeURIComponent(tags[i].key), title: tags[i].title,
                               "data-tag": tags[i].key, text: tags[i].key + " " + tags[i].count }));
      bar.appendChild(document.createTextNode(" "));
    }
    return bar;
  }

  function sessionStats() {
    var session = state.session, done = 0, right = 0;
    for (var i = 0; i < session.ids.length; i++) {
      var answer = get(session.answers, session.ids[i]);
      if (answer) {
        done += 1;
        if (answer.graded.correct) right += 1;
      }
    }
    return { done: done, right: right };
  }

  /**
   * The session view. hooks: {header(wrap) → true when there is nothing more to show, finished(box,
   * actions) adds the end-of-round actions, inReview (wording of the 错题本 notes)}.
   */
  S.view = function (hooks) {
    var session = state.session, wrap = h("div", { className: "xf-practice" });
    if (hooks.header && hooks.header(wrap)) return wrap;
    if (session.article) {
      wrap.appendChild(h("p", { className: "xf-filter", role: "status" }, [
        session.ids.length
          ? "只显示与第" + XF.chineseNumber(session.article) + "条相关的 " + session.ids.length + " 道题。"
          : "本部分没有与第" + XF.chineseNumber(session.article) + "条相关的题目。",
        " ",
        h("a", { href: "#", "data-action": "show-all", "data-key": "action:show-all", text: "显示全部" })
      ]));
    }
    if (session.tag) {
      wrap.appendChild(h("p", { className: "xf-filter", role: "status" }, [
        "只显示标签为“" + session.tag + "”的 " + session.ids.length + " 道题。",
        " ",
        h("a", { href: "#", "data-action": "show-all", "data-key": "action:show-all", text: "显示全部" })
      ]));
    } else if (!session.article && state.mode === "practice") {
      wrap.appendChild(tagBar());
    }
    if (!session.ids.length) {
      if (!session.article && !session.tag) wrap.appendChild(h("p", { className: "xf-empty", text: "本部分暂无题目。" }));
      return wrap;
    }
    var total = session.ids.length, tally = sessionStats();
    var position = Math.min(session.index + 1, total);
    wrap.appendChild(h("div", { className: "xf-status" }, [
      h("span", { text: "第 " + position + " / " + total + " 题" }),
      h("span", { text: "本次答对 " + tally.right + " / " + tally.done + " 题" })
    ]));
    wrap.appendChild(Q.progressBar(tally.done, total, "本次进度"));
    wrap.appendChild(questionIndex());

    var q = S.current();
    if (!q) {
      wrap.appendChild(finishedView(tally, hooks));
    } else {
      var answer = get(session.answers, q.id);
      wrap.appendChild(Q.questionView(q, {
        number: session.index + 1,
        order: optionOrder(q),
        response: answer ? answer.response : draft(q),
        graded: answer ? answer.graded : null,
        submit: q.type === "multiple" || q.type === "fill",
        feedback: true,
        hint: get(session.hints, q.id),
        extra: answer ? streakNote(q, answer.graded, hooks.inReview) : null
      }));
    }
    wrap.appendChild(h("div", { className: "xf-nav" }, [
      XF.button("上一题", "prev", { disabled: session.index === 0 }),
      q ? XF.button(session.index === total - 1 ? "完成" : "下一题", "next",
        { className: "md-button " + (get(session.answers, q.id) ? "md-button--primary " : "") + "xf-button" }) : null
    ]));
    return wrap;
  };

  // Where the answered question stands in the 错题本.
  function streakNote(q, graded, inReview) {
    var entry = get(XF.records.wrong, q.id), text = "";
    if (own(state.session.left, q.id)) text = "已连续答对两次，移出错题本。";
    else if (!graded.correct) text = inReview ? "仍在错题本中。" : "已收入错题本。";
    else if (entry) text = "再答对 " + (XF.records.STREAK_TO_LEAVE - entry.s) + " 次即可移出错题本。";
    return text ? h("p", { className: "xf-streak", text: text }) : null;
  }

  function questionIndex() {
    var session = state.session;
    var list = h("div", { className: "xf-qlist-items" });
    for (var i = 0; i < session.ids.length; i++) {
      var id = session.ids[i], answer = get(session.answers, id), label = "第 " + (i + 1) + " 题";
      var className = "xf-qlink";
      var entry = get(XF.records.progress, id);
      if (answer) {
        className += answer.graded.correct ? " xf-q-right" : " xf-q-wrong";
        label += answer.graded.correct ? "（本次答对）" : "（本次答错）";
      } else if (entry && entry.n) {
        className += entry.last ? " xf-q-was-right" : " xf-q-was-wrong";
        label += entry.last ? "（上次答对）" : "（上次答错）";
      }
      if (i === session.index) className += " xf-q-current";
      list.appendChild(h("button", {
        type: "button", className: className, "data-action": "goto", "data-index": String(i),
        "data-key": "goto:" + i, "aria-label": label, "aria-current": i === session.index ? "true" : null,
        text: String(i + 1)
      }));
    }
    return h("details", { className: "xf-qlist", open: !!session.listOpen }, [
      h("summary", { "data-action": "toggle-list", "data-key": "action:toggle-list", text: "题目列表" }), list
    ]);
  }

  function finishedView(tally, hooks) {
    var box = h("div", { className: "xf-finished", role: "status", tabindex: "-1", "data-key": "finished" }, [
      h("p", { className: "xf-verdict", text: (hooks.inReview ? "本轮错题练完了。" : "本部分题目已做完。") +
        "本次答对 " + tally.right + " / " + tally.done + " 题。" })
    ]);
    var actions = h("p", { className: "xf-actions" });
    hooks.finished(box, actions);
    actions.appendChild(XF.link(Q.pageHref("practice"), "全部章节", "md-button xf-button"));
    box.appendChild(actions);
    return box;
  }

  function submit() {
    var q = S.current(), session = state.session;
    if (!q || own(session.answers, q.id)) return;
    var response = draft(q);
    if (q.type === "fill") {
      response = response.slice();
      while (response.length < Q.blankCount(q)) response.push("");
    }
    if (!XF.answered(q, response)) {
      session.hints[q.id] = q.type === "fill" ? "请先填写答案。" : "请先选择答案。";
      Q.render();
      return;
    }
    delete session.hints[q.id];
    var graded = XF.grade(q, response, { partial: false });
    session.answers[q.id] = { response: response, graded: graded };
    if (Q.record(q, graded, state.mode)) session.left[q.id] = true;
    // The home page's 继续练习 goes back to the chapter answered in last.
    if (state.mode === "practice" && !session.article && !session.tag) XF.records.savePosition(state.scope, session.index);
    Q.render();
    Q.focus("action:next");
    Q.revealFeedback();
  }

  function choose(text) {
    var q = S.current();
    if (!q || own(state.session.answers, q.id)) return;
    var drafts = state.session.drafts;
    if (q.type === "multiple") {
      var picked = draft(q).slice(), at = indexOf(picked, text);
      if (at >= 0) picked.splice(at, 1);
      else picked.push(text);
      drafts[q.id] = picked;
      delete state.session.hints[q.id];
      Q.render();
    } else {
      // Single choice and 判断 are graded on the tap: one touch per question on a phone.
      drafts[q.id] = q.type === "judge" ? text === XF.JUDGE_OPTIONS[0] : text;
      submit();
    }
  }

  function move(index) {
    var session = state.session;
    if (!session) return;
    var last = session.ids.length;
    index = Math.max(0, Math.min(index, last));
    if (index === session.index) return;
    session.index = index;
    if (state.mode === "practice" && !session.article && !session.tag) XF.records.savePosition(state.scope, index < last ? index : 0);
    Q.render();
    // Keyboard and screen-reader users land on the question now shown (or the end of the round).
    var q = S.current();
    if (q) Q.focus("question:" + q.id);
    else Q.focus("finished");
    Q.scrollToView();
  }

  /** The actions both practice and the 错题本 handle; `restart` differs and is added by each. */
  S.actions = {
    choose: function (target) {
      choose(target.getAttribute("data-option"));
    },
    submit: submit,
    prev: function () {
      move(state.session.index - 1);
    },
    next: function () {
      move(state.session.index + 1);
    },
    "goto": function (target) {
      state.session.listOpen = false;  // jumped: show the question, not the list
      move(parseInt(target.getAttribute("data-index"), 10));
    },
    "toggle-list": function (target) {
      // The click comes before the browser toggles <details>; remember the state it is going to.
      state.session.listOpen = !target.parentNode.open;
    }
  };

  S.input = function (event) {
    var target = event.target, blank = target && target.getAttribute && target.getAttribute("data-blank");
    if (blank === null || blank === undefined || !state.session) return;
    var q = XF.bank.get(Q.questionOf(target));
    if (!q) return;
    var typed = draft(q).slice();
    while (typed.length < Q.blankCount(q)) typed.push("");
    typed[parseInt(blank, 10)] = target.value;
    state.session.drafts[q.id] = typed;
  };

  S.keydown = function (event) {
    var target = event.target;
    if ((event.key === "Enter" || event.keyCode === 13) && target.getAttribute && target.getAttribute("data-blank") !== null) {
      event.preventDefault();
      submit();
    }
  };

  // Trainers at a projector: ← / → move between questions.
  S.documentKeydown = function (event) {
    if (!state.root || !state.session) return;
    var target = event.target, tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key || "";
    if (key === "ArrowRight" || key === "Right" || event.keyCode === 39) move(state.session.index + 1);
    else if (key === "ArrowLeft" || key === "Left" || event.keyCode === 37) move(state.session.index - 1);
  };

  var practiceHooks = {
    inReview: false,
    finished: function (box, actions) {
      var wrong = Q.wrongIds().length;
      actions.appendChild(XF.button("从头再练", "restart", { className: "md-button md-button--primary xf-button" }));
      if (wrong) actions.appendChild(XF.link(Q.pageHref("review"), "去错题本（" + wrong + " 题）", "md-button xf-button"));
    }
  };

  var actions = {};
  for (var name in S.actions) {
    if (own(S.actions, name)) actions[name] = S.actions[name];
  }
  actions.restart = function () {
    state.session.answers = {};
    state.session.drafts = {};
    state.session.index = 0;
    Q.render();
  };
  actions["show-all"] = function () {
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    } else {
      window.location.hash = "";
    }
    startPractice();
    Q.render();
  };

  Q.register("practice", {
    questions: true,
    start: function () {
      state.session = null;
      startPractice();
    },
    view: function () {
      return S.view(practiceHooks);
    },
    actions: actions,
    input: S.input,
    keydown: S.keydown,
    documentKeydown: S.documentKeydown,
    hashchange: function () {
      startPractice();
      Q.render();
    }
  });
})(window, document, window.XF);
