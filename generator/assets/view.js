/*
 * 信访工作条例学习平台 · 练习页面的共用部分（assets/view.js）
 *
 * XF.quiz: the shell every learner page shares. It finds the page's <div class="xf-quiz" data-mode="…">,
 * starts the mode registered for it (practice.js, review.js, exam.js, home.js add themselves to
 * XF.modes), and rebuilds the view from state on every change, so calling render() twice is harmless.
 * Handlers are bound once on the container and wired through data-action attributes; a mode supplies
 * {start, view, actions, input, keydown, hashchange, changed}. Also the question card all modes show.
 * Reports through CustomEvents on the container: xf:render, xf:answer, xf:exam-start, xf:exam-submit.
 * Needs core.js and records.js.
 */
(function (window, document, XF) {
  "use strict";

  var h = XF.h, own = XF.own, get = XF.get, isArray = XF.isArray, indexOf = XF.indexOf;
  var TYPE_NAMES = XF.TYPE_NAMES, JUDGE_OPTIONS = XF.JUDGE_OPTIONS;
  var LEVELS = { 1: "基础", 2: "提高", 3: "挑战" };
  var LETTERS = "ABCDEFGHIJ";

  XF.modes = XF.modes || {};

  var state = {
    root: null,          // the .xf-quiz container
    view: null,          // its current rendered child
    mode: "",
    scope: "",
    base: "",            // window.XF_ROOT: relative path from this page to the site root
    bound: false,
    globalBound: false
  };

  var Q = XF.quiz = {
    state: state,
    extras: [],   // functions → a node shown under the mode's view (backup.js: 导出/导入/清除)
    actions: {}   // data-action handlers any mode's page may use (the extras' buttons)
  };

  function mode() {
    return get(XF.modes, state.mode) || null;
  }

  // ------------------------------------------------------------------ links

  /** Site-root-relative href (from the bank) → href from this page. */
  Q.href = function (path) {
    var base = state.base;
    if (!base) return path || "./";
    return base.replace(/\/+$/, "") + "/" + path;
  };

  /** Link to one of the quiz pages: home, practice, exam, review. */
  Q.pageHref = function (name) {
    var summary = XF.summary(), pages = summary ? summary.pages : {};
    var path = typeof pages[name] === "string" ? pages[name] : (name === "home" ? "" : name + "/");
    return Q.href(path);
  };

  Q.emit = function (name, detail) {
    if (state.root) XF.emit(name, detail, state.root);
  };

  // ------------------------------------------------------------------ the records, as the learner sees them

  /** Ids in the 错题本 that are still in the bank (or, on the home page, in the summary). */
  Q.wrongIds = function () {
    var summary = XF.summary();
    return XF.records.wrongIds(function (id) { return !!(summary && own(summary.ids, id)); });
  };

  /** Record one graded answer and tell other code about it; returns whether it left the 错题本. */
  Q.record = function (q, graded, how) {
    var left = XF.records.record(q.id, graded.correct);
    Q.emit("xf:answer", { id: q.id, correct: graded.correct, score: graded.score, mode: how, leftReview: left });
    return left;
  };

  Q.progressBar = function (value, max, label) {
    var width = max ? Math.round(value * 100 / max) : 0;
    return h("div", {
      className: "xf-bar", role: "progressbar", "aria-label": label, "aria-valuemin": "0",
      "aria-valuemax": String(max), "aria-valuenow": String(value)
    }, [h("span", { style: "width:" + width + "%" })]);
  };

  Q.examLinkText = function () {
    var exam = XF.records.exam, left = XF.records.remainingSeconds();
    if (exam && !exam.submitted && left > 0) return "继续模拟考试（剩余 " + Math.ceil(left / 60) + " 分钟）";
    return "模拟考试";
  };

  // ------------------------------------------------------------------ formatting answers

  function judgeText(value) {
    return value === true ? JUDGE_OPTIONS[0] : value === false ? JUDGE_OPTIONS[1] : "";
  }

  Q.blankCount = function (q) {
    return Math.max(1, q.stem.split(XF.BLANK).length - 1);
  };

  // Option texts in the bank's order (A/B/C… letters on screen may follow another order, so texts are shown).
  function ordered(q, texts) {
    var out = [];
    if (!isArray(texts)) return out;
    for (var i = 0; i < q.options.length; i++) {
      if (indexOf(texts, q.options[i]) >= 0) out.push(q.options[i]);
    }
    return out;
  }

  function formatResponse(q, response) {
    if (!XF.answered(q, response)) return "未作答";
    if (q.type === "judge") return judgeText(response);
    if (q.type === "multiple") return ordered(q, response).join("、");
    if (q.type === "fill") {
      var parts = [], blanks = Q.blankCount(q);
      for (var i = 0; i < blanks; i++) {
        parts.push((blanks > 1 ? "第" + (i + 1) + "空：" : "") + (response[i] ? response[i] : "（空）"));
      }
      return parts.join("；");
    }
    return String(response);
  }

  function formatAnswer(q) {
    if (q.type === "judge") return judgeText(q.answer);
    if (q.type === "multiple") return ordered(q, q.answer).join("、");
    if (q.type === "fill") {
      var parts = [], answer = isArray(q.answer) ? q.answer : [];
      for (var i = 0; i < answer.length; i++) {
        var variants = isArray(answer[i]) ? answer[i] : [];
        var text = variants.length ? String(variants[0]) : "";
        if (variants.length > 1) text += "（也可答：" + variants.slice(1).join("、") + "）";
        parts.push((answer.length > 1 ? "第" + (i + 1) + "空：" : "") + text);
      }
      return parts.join("；") + (q.unordered === true && answer.length > 1 ? "（各空顺序不限）" : "");
    }
    return String(q.answer);
  }

  // ------------------------------------------------------------------ one question

  /*
   * o: {number, order (option texts as shown), response, graded (null until graded), locked, submit (show a
   *     提交 button), feedback (show answer and explanation), showResponse, hint, extra (node for the feedback)}
   */
  Q.questionView = function (q, o) {
    // Focusable (tabindex -1) so that 下一题 / ← / → can move focus to the question they show.
    var attrs = { className: "xf-question", "data-question-id": q.id, "data-type": q.type, tabindex: "-1",
      "data-key": "question:" + q.id, role: "group", "aria-label": o.number ? "第 " + o.number + " 题" : "题目" };
    if (o.graded) {
      attrs["data-result"] = o.graded.correct ? "correct" : "wrong";
      attrs.className += o.graded.correct ? " xf-correct" : " xf-wrong";
    }
    var meta = [TYPE_NAMES[q.type]];
    if (LEVELS[q.difficulty]) meta.push(LEVELS[q.difficulty]);
    var card = h("div", attrs, [
      h("p", { className: "xf-meta" }, [
        o.number ? h("span", { className: "xf-number", text: "第 " + o.number + " 题" }) : null,
        h("span", { text: meta.join(" · ") })
      ])
    ]);
    if (q.type === "fill") {
      card.appendChild(fillStem(q, o));
    } else {
      card.appendChild(h("p", { className: "xf-stem", text: q.stem }));
      card.appendChild(optionList(q, o));
    }
    if (o.submit && !o.locked && !o.graded) {
      card.appendChild(h("div", { className: "xf-actions" }, [
        XF.button("提交", "submit", { "data-key": "submit:" + q.id, className: "md-button md-button--primary xf-button" })
      ]));
    }
    if (o.hint) card.appendChild(h("p", { className: "xf-hint", role: "alert", text: o.hint }));
    if (o.graded && o.feedback) card.appendChild(feedbackView(q, o));
    return card;
  };

  function selectedIn(q, response, text) {
    if (q.type === "judge") return response === (text === JUDGE_OPTIONS[0]);
    if (q.type === "multiple") return isArray(response) && indexOf(response, text) >= 0;
    return response === text;
  }

  function isAnswer(q, text) {
    if (q.type === "judge") return q.answer === (text === JUDGE_OPTIONS[0]);
    if (q.type === "multiple") return isArray(q.answer) && indexOf(q.answer, text) >= 0;
    return q.answer === text;
  }

  function mark(symbol, label) {
    return h("span", { className: "xf-mark" }, [h("span", { "aria-hidden": "true", text: symbol }), h("span", { className: "xf-sr", text: label })]);
  }

  function optionList(q, o) {
    var texts = q.type === "judge" ? JUDGE_OPTIONS : o.order;
    var multiple = q.type === "multiple";
    // Toggle buttons (aria-pressed) rather than radio/checkbox roles, which promise arrow-key navigation.
    var list = h("div", { className: "xf-options", role: "group", "aria-label": multiple ? "选项（可多选）" : "选项" });
    for (var i = 0; i < texts.length; i++) {
      var text = texts[i];
      var selected = selectedIn(q, o.response, text);
      var className = "xf-option" + (selected ? " xf-selected" : "");
      var marked = null;
      if (o.graded && o.feedback) {
        if (isAnswer(q, text)) {
          className += " xf-is-answer";
          marked = mark("✓", "正确答案");
        } else if (selected) {
          className += " xf-is-wrong";
          marked = mark("✗", "你的错误选择");
        }
      }
      list.appendChild(h("button", {
        type: "button",
        className: className,
        "aria-pressed": selected ? "true" : "false",
        "data-action": "choose",
        "data-option": text,
        "data-key": "option:" + q.id + ":" + i,
        disabled: !!(o.locked || o.graded)
      }, [
        q.type === "judge" ? null : h("span", { className: "xf-letter", "aria-hidden": "true", text: LETTERS.charAt(i) }),
        h("span", { className: "xf-option-text", text: text }),
        marked
      ]));
    }
    return list;
  }

  function fillStem(q, o) {
    var parts = q.stem.split(XF.BLANK);
    var stem = h("p", { className: "xf-stem" });
    var response = isArray(o.response) ? o.response : [];
    for (var i = 0; i < parts.length; i++) {
      if (parts[i]) stem.appendChild(document.createTextNode(parts[i]));
      if (i === parts.length - 1) break;
      var className = "xf-blank";
      if (o.graded && o.feedback) className += blankRight(q, response, i) ? " xf-blank-right" : " xf-blank-wrong";
      stem.appendChild(h("input", {
        type: "text",
        className: className,
        "data-blank": String(i),
        "data-key": "blank:" + q.id + ":" + i,
        "aria-label": "第 " + (i + 1) + " 空",
        autocomplete: "off",
        autocapitalize: "off",
        autocorrect: "off",
        spellcheck: "false",
        enterkeyhint: "done",
        size: 8,
        value: typeof response[i] === "string" ? response[i] : "",
        disabled: !!(o.locked || o.graded)
      }));
    }
    return stem;
  }

  // With `unordered` a blank is right when the whole answer is right, or it matches some blank's answer.
  function blankRight(q, response, i) {
    if (XF.blankRight(q, response, i)) return true;
    if (q.unordered !== true || !isArray(q.answer)) return false;
    for (var j = 0; j < q.answer.length; j++) {
      if (XF.blankRight({ answer: [q.answer[j]] }, [response[i]], 0)) return true;
    }
    return false;
  }

  function feedbackView(q, o) {
    var graded = o.graded, verdict;
    if (graded.correct) verdict = "回答正确";
    else if (graded.score > 0) verdict = "部分正确（少选）";
    else if (!XF.answered(q, o.response)) verdict = "未作答";
    else verdict = "回答错误";
    var box = h("div", { className: "xf-feedback", role: "status" }, [
      h("p", { className: "xf-verdict", text: verdict })
    ]);
    if (!graded.correct || o.showResponse) {
      box.appendChild(h("p", {}, [h("strong", { text: "你的答案：" }), formatResponse(q, o.response)]));
    }
    box.appendChild(h("p", {}, [h("strong", { text: "正确答案：" }), formatAnswer(q)]));
    if (q.explanation) {
      box.appendChild(h("p", { className: "xf-explanation" }, [h("strong", { text: "解析：" }), String(q.explanation)]));
    }
    if (q.links.length) {
      var links = h("p", { className: "xf-links" }, [h("strong", { text: "出处：" })]);
      for (var i = 0; i < q.links.length; i++) {
        var item = q.links[i];
        if (!item || typeof item.href !== "string") continue;
        if (i) links.appendChild(document.createTextNode("、"));
        links.appendChild(XF.link(Q.href(item.href), String(item.label || item.href), "xf-source"));
      }
      box.appendChild(links);
    }
    if (o.extra) box.appendChild(o.extra);
    return box;
  }

  // ------------------------------------------------------------------ rendering

  function activeKey() {
    var active = document.activeElement;
    return active && state.root && state.root.contains(active) ? active.getAttribute("data-key") : null;
  }

  /** Focus the element with this data-key in the view (scrolling to it only when `scroll`). */
  Q.focus = function (key, scroll) {
    if (!key || !state.view) return;
    var nodes = state.view.querySelectorAll("[data-key]");
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i].getAttribute("data-key") === key && !nodes[i].disabled) {
        try {
          nodes[i].focus({ preventScroll: !scroll });
        } catch (e) {
          nodes[i].focus();
        }
        return;
      }
    }
  };

  // The overview and home progress need only the summary; every other mode needs the bank.
  function hasData(current) {
    return current.needsBank === false ? XF.summary() !== null : XF.bank.loaded();
  }

  /** Rebuild the view from state; harmless to call any number of times. */
  Q.render = function () {
    if (!state.root) return;
    var key = activeKey(), current = mode();
    var view = h("div", { className: "xf-view" });
    view.appendChild(XF.notesView());
    if (!current) {
      view.appendChild(h("p", { className: "xf-note", role: "alert", text: "未知的页面类型：" + state.mode }));
    } else if (!hasData(current)) {
      view.appendChild(h("p", { className: "xf-note", role: "alert", text: "题库没有加载成功，请刷新页面重试。" }));
    } else {
      view.appendChild(current.view());
      for (var i = 0; i < Q.extras.length; i++) view.appendChild(Q.extras[i]());
    }
    // Swap in one step so the page height never collapses and the scroll position stays put.
    if (state.view && state.view.parentNode === state.root) {
      state.root.replaceChild(view, state.view);
    } else {
      while (state.root.firstChild) state.root.removeChild(state.root.firstChild);
      state.root.appendChild(view);
    }
    state.view = view;
    Q.focus(key);
    Q.emit("xf:render", { mode: state.mode });
  };

  /** Bring `node` (default: the whole view) into sight below Material's fixed header, if its top is above. */
  Q.scrollToView = function (node) {
    var header = document.querySelector(".md-header");
    var offset = header ? header.offsetHeight + 8 : 8;
    var target = node || state.view;
    if (!target) return;
    var top = target.getBoundingClientRect().top;
    if (top < offset) window.scrollTo(0, (window.pageYOffset || 0) + top - offset);
  };

  /**
   * After grading on a small screen: scroll just enough that the verdict, explanation and the 下一题 row
   * (`.xf-nav`) are in sight, never pushing the verdict under the fixed header.
   */
  Q.revealFeedback = function () {
    var feedback = state.view && state.view.querySelector(".xf-feedback");
    var nav = state.view && state.view.querySelector(".xf-nav");
    if (!feedback) return;
    var header = document.querySelector(".md-header");
    var offset = header ? header.offsetHeight + 8 : 8;
    var height = window.innerHeight || document.documentElement.clientHeight;
    var bottom = (nav || feedback).getBoundingClientRect().bottom + 8;
    var room = feedback.getBoundingClientRect().top - offset;
    var by = Math.min(bottom - height, room);
    if (by > 0) window.scrollTo(0, (window.pageYOffset || 0) + by);
  };

  // ------------------------------------------------------------------ events (bound once)

  function actionTarget(node) {
    while (node && node !== state.root && node.nodeType === 1) {
      if (node.getAttribute("data-action")) return node;
      node = node.parentNode;
    }
    return null;
  }

  /** The data-question-id of the card holding `node`, or null. */
  Q.questionOf = function (node) {
    while (node && node !== state.root && node.nodeType === 1) {
      var id = node.getAttribute("data-question-id");
      if (id) return id;
      node = node.parentNode;
    }
    return null;
  };

  function onClick(event) {
    var target = actionTarget(event.target), current = mode();
    if (!target || target.disabled || !current) return;
    var action = target.getAttribute("data-action");
    if (target.tagName === "A") event.preventDefault();
    var handler = (current.actions && get(current.actions, action)) || get(Q.actions, action);
    if (handler) handler(target, event);
  }

  function delegate(name) {
    return function (event) {
      var current = mode();
      if (current && current[name]) current[name](event);
    };
  }

  function onStorageChange(name) {
    var current = mode();
    if (!state.root || !current) return;
    if (current.changed) current.changed(name);
    Q.render();
  }

  /** Start the mode again from the stored records (after an import or 清除) and render. */
  Q.restart = function () {
    var current = mode();
    XF.records.load();
    if (current && current.start && hasData(current)) current.start();
    Q.render();
  };

  // ------------------------------------------------------------------ start

  /** Render the quiz into `root` (a .xf-quiz element); calling it again for the same root only re-renders. */
  Q.init = function (root) {
    if (!root || root.nodeType !== 1) return;
    if (state.root === root && state.bound) {
      Q.render();
      return;
    }
    var previous = mode();
    if (previous && previous.stop) previous.stop();
    state.root = root;
    state.view = null;
    state.mode = root.getAttribute("data-mode") || "";
    state.scope = root.getAttribute("data-scope") || "";
    state.base = typeof window.XF_ROOT === "string" ? window.XF_ROOT : "";
    XF.notes.length = 0;
    XF.onNotes = function () {
      if (state.view) Q.render();
    };
    // Full: what is stored is still read and shown; new records wait in this page until exported.
    if (XF.store.mode() === "full") XF.note(XF.FULL_NOTE, "export");
    else if (XF.store.mode() === "blocked") XF.note(XF.BLOCKED_NOTE);
    var current = mode();
    var summary = XF.summary();
    XF.records.examMinutes = summary && XF.isNumber(summary.exam.minutes) ? summary.exam.minutes : 0;
    XF.records.load();
    if (current && current.start && hasData(current)) current.start();
    root.addEventListener("click", onClick, false);
    root.addEventListener("input", delegate("input"), false);
    root.addEventListener("keydown", delegate("keydown"), false);
    state.bound = true;
    if (!state.globalBound) {
      document.addEventListener("keydown", delegate("documentKeydown"), false);
      window.addEventListener("hashchange", delegate("hashchange"), false);
      XF.records.onChange(onStorageChange);
      state.globalBound = true;
    }
    root.className += root.className.indexOf("xf-ready") < 0 ? " xf-ready" : "";
    // For quiz.css: a compact page header on phones where a question is the point of the page, no
    // 回到页面顶部 over the exam bar.
    if (document.body) document.body.className += (current && current.questions ? " xf-question-page" : "") + " xf-mode-" + state.mode;
    Q.render();
    if (current && current.started) current.started();
  };

  // Starts once the page's mode has registered (its script comes after this one).
  function boot() {
    var root = document.querySelector(".xf-quiz[data-mode]");
    if (root && own(XF.modes, root.getAttribute("data-mode") || "")) Q.init(root);
  }

  /** A mode file adds itself: XF.quiz.register("practice", {start, view, actions, …}). */
  Q.register = function (name, definition) {
    XF.modes[name] = definition;
    if (document.readyState !== "loading") boot();
  };

  // The name the engine had before the split (bookmarklets and older tests call it).
  window.XFQuiz = { version: 2, keys: XF.KEYS, grade: XF.grade, normalize: XF.normalize, init: Q.init, render: Q.render };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot, false);
  // mkdocs-material's instant navigation swaps pages without reloading scripts; init() is idempotent.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(boot);
})(window, document, window.XF);
