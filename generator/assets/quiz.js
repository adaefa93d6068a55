/*
 * 信访工作条例学习平台 · 练习与考试引擎（assets/quiz.js）
 *
 * Renders into the page's <div class="xf-quiz" data-mode="…"> from window.XF_BANK (assets/quiz-bank.js).
 * Modes: overview (/practice/), practice (/practice/chapter-N/), exam (/exam/), review (/review/, 错题本),
 * progress (home page).
 *
 * - One module, one `state` object; every view is rebuilt from it by render(), so calling render() twice
 *   is harmless. Handlers are bound once on the container and wired through data-action attributes.
 * - Bank text is only ever inserted with textContent / createTextNode, never as HTML.
 * - ES5 syntax only (var, function, no arrows or template literals): WeChat's browser on older Android and
 *   iOS runs this file as is. No network, no framework; works over file:// too.
 * - Reports through CustomEvents on the container: xf:render, xf:answer, xf:exam-start, xf:exam-submit.
 * - Stored under versioned localStorage keys; a value that is not valid JSON or has the wrong shape is
 *   discarded with a visible note, never an exception.
 */
(function (window, document) {
  "use strict";

  var KEYS = { progress: "xf.v1.progress", wrong: "xf.v1.wrong", exam: "xf.v1.exam", practice: "xf.v1.practice" };
  var KEY_NAMES = { progress: "练习记录", wrong: "错题本", exam: "考试记录", practice: "练习位置" };
  var TYPES = ["single", "multiple", "judge", "fill"];
  var TYPE_NAMES = { single: "单选题", multiple: "多选题", judge: "判断题", fill: "填空题" };
  var LEVELS = { 1: "基础", 2: "提高", 3: "挑战" };
  var SECTION_NUMBERS = ["一", "二", "三", "四", "五", "六"];
  var JUDGE_OPTIONS = ["正确", "错误"];
  var BLANK = "____";
  var LETTERS = "ABCDEFGHIJ";
  // 错题本: a question leaves after this many correct answers in a row (DESIGN §3).
  var STREAK_TO_LEAVE = 2;
  var WARN_SECONDS = 300;

  var state = {
    root: null,          // the .xf-quiz container
    view: null,          // its current rendered child
    mode: "",
    scope: "",
    bank: null,
    byId: {},
    base: "",            // window.XF_ROOT: relative path from this page to the site root
    storageOk: true,
    memory: {},          // stand-in for localStorage when it is unavailable
    notes: [],           // visible notes (corrupt data, no storage)
    progress: {},        // id → {n: attempts, c: correct attempts, last: 1|0}
    wrong: {},           // id → {s: correct answers in a row since, t: added (ms), n: times wrong}
    practice: {},        // {last: scope, pos: {scope: index}}
    exam: null,          // {v, seed, ids, answers, deadline, started, submitted, finished, timeout}
    session: null,       // practice/review: {ids, index, answers, drafts, order, article, done}
    confirmSubmit: "",   // "" or where the 交卷 confirmation shows: "top" | "bottom"
    wrongOnly: false,
    confirmAbandon: false,
    pendingSeed: 0,      // exam seed from the link (#seed=N), used by the next 开始考试
    timer: null,
    bound: false,
    globalBound: false
  };

  // ------------------------------------------------------------------ small helpers

  function own(object, key) {
    return object !== null && typeof object === "object" && Object.prototype.hasOwnProperty.call(object, key);
  }

  function get(object, key) {
    return own(object, key) ? object[key] : undefined;
  }

  function isArray(value) {
    return Object.prototype.toString.call(value) === "[object Array]";
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !isArray(value);
  }

  function isNumber(value) {
    return typeof value === "number" && isFinite(value);
  }

  function indexOf(list, item) {
    for (var i = 0; i < list.length; i++) {
      if (list[i] === item) return i;
    }
    return -1;
  }

  function now() {
    return new Date().getTime();
  }

  function chineseNumber(n) {
    var names = "零一二三四五六七八九";
    if (!(n > 0 && n < 1000)) return String(n);
    var hundreds = Math.floor(n / 100), tens = Math.floor(n % 100 / 10), ones = n % 10, out = "";
    if (hundreds) {
      out += names.charAt(hundreds) + "百";
      if (n % 100 && !tens) out += "零";
    }
    if (tens) out += (tens === 1 && !hundreds ? "" : names.charAt(tens)) + "十";
    if (ones) out += names.charAt(ones);
    return out;
  }

  function formatNumber(value) {
    var rounded = Math.round(value * 10) / 10;
    return String(rounded);
  }

  function percent(part, whole) {
    return whole ? Math.round(part * 100 / whole) + "%" : "—";
  }

  function clock(seconds) {
    seconds = Math.max(0, Math.ceil(seconds));
    var minutes = Math.floor(seconds / 60), rest = seconds % 60;
    return (minutes < 10 ? "0" : "") + minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  // Element builder: attributes are set as attributes (or textContent for `text`), children are nodes or
  // strings (inserted as text nodes). This is the only way anything reaches the page.
  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    var key, value, i;
    if (attrs) {
      for (key in attrs) {
        if (!own(attrs, key)) continue;
        value = attrs[key];
        if (value === null || value === undefined || value === false) continue;
        if (key === "text") node.textContent = String(value);
        else if (key === "className") node.className = value;
        else if (key === "value") node.value = value;
        else node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    if (children) {
      for (i = 0; i < children.length; i++) {
        if (children[i] === null || children[i] === undefined || children[i] === false) continue;
        node.appendChild(typeof children[i] === "object" ? children[i] : document.createTextNode(String(children[i])));
      }
    }
    return node;
  }

  function link(href, text, className) {
    return h("a", { href: href, className: className, text: text });
  }

  function button(text, action, attrs) {
    var all = { type: "button", className: "md-button xf-button", "data-action": action, "data-key": "action:" + action, text: text };
    var key;
    if (attrs) {
      for (key in attrs) {
        if (own(attrs, key)) all[key] = attrs[key];
      }
    }
    return h("button", all);
  }

  function emit(name, detail) {
    var event;
    if (!state.root) return;
    try {
      event = new window.CustomEvent(name, { bubbles: true, detail: detail });
    } catch (e) {
      // Android 4.x WebViews: CustomEvent is not a constructor.
      event = document.createEvent("CustomEvent");
      event.initCustomEvent(name, true, false, detail);
    }
    state.root.dispatchEvent(event);
  }

  // Site-root-relative href from the bank → href from this page.
  function href(path) {
    var base = state.base;
    if (!base) return path || "./";
    return base.replace(/\/+$/, "") + "/" + path;
  }

  function pageHref(name) {
    var pages = state.bank && state.bank.pages;
    var path = pages && typeof pages[name] === "string" ? pages[name] : (name === "home" ? "" : name + "/");
    return href(path);
  }

  // ------------------------------------------------------------------ random numbers

  // mulberry32: small seeded generator so that one seed gives one paper on every device.
  function random(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul ? Math.imul(t ^ (t >>> 15), t | 1) : multiply(t ^ (t >>> 15), t | 1);
      t ^= t + (Math.imul ? Math.imul(t ^ (t >>> 7), t | 61) : multiply(t ^ (t >>> 7), t | 61));
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // Math.imul for engines without it (iOS 6, Android 4.3).
  function multiply(a, b) {
    var ah = (a >>> 16) & 0xffff, al = a & 0xffff, bh = (b >>> 16) & 0xffff, bl = b & 0xffff;
    return ((al * bl) + (((ah * bl + al * bh) << 16) >>> 0) | 0);
  }

  function hashString(text) {
    var hash = 2166136261;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = multiply(hash, 16777619);
    }
    return hash >>> 0;
  }

  function shuffled(list, rand) {
    var copy = list.slice(), i, j, swap;
    for (i = copy.length - 1; i > 0; i--) {
      j = Math.floor(rand() * (i + 1));
      swap = copy[i];
      copy[i] = copy[j];
      copy[j] = swap;
    }
    return copy;
  }

  // ------------------------------------------------------------------ grading (same rules as generator/grading.py)

  // Python's str.isspace() set, and the punctuation/symbol classes P* and S* of Unicode.
  var SPACE_CLASS = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  // Engines without \p{…} (before Chrome 64 / iOS 11.3) use this list instead: the P* and S* characters of
  // the blocks Chinese answers use (Latin, general punctuation, symbols, CJK punctuation, full-width forms),
  // generated from Python's unicodedata; tests/test_quiz_browser.py checks it against \p{P}\p{S}.
  var FALLBACK_PUNCTUATION =
    "\\x21-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7e\\xa1-\\xa9\\xab\\xac\\xae-\\xb1\\xb4\\xb6-\\xb8" +
    "\\xbb\\xbf\\xd7\\xf7\\u02c2-\\u02c5\\u02d2-\\u02df\\u02e5-\\u02eb\\u02ed\\u02ef-\\u02ff" +
    "\\u2010-\\u2027\\u2030-\\u205e\\u207a-\\u207e\\u208a-\\u208e\\u20a0-\\u20c0\\u2100\\u2101" +
    "\\u2103-\\u2106\\u2108\\u2109\\u2114\\u2116-\\u2118\\u211e-\\u2123\\u2125\\u2127\\u2129\\u212e" +
    "\\u213a\\u213b\\u2140-\\u2144\\u214a-\\u214d\\u214f\\u218a\\u218b\\u2190-\\u2426\\u2440-\\u244a" +
    "\\u249c-\\u24e9\\u2500-\\u2775\\u2794-\\u2b73\\u2b76-\\u2b95\\u2b97-\\u2bff\\u2e00-\\u2e2e" +
    "\\u2e30-\\u2e5d\\u3001-\\u3004\\u3008-\\u3020\\u3030\\u3036\\u3037\\u303d-\\u303f\\u309b\\u309c" +
    "\\u30a0\\u30fb\\ufe10-\\ufe19\\ufe30-\\ufe52\\ufe54-\\ufe66\\ufe68-\\ufe6b\\uff01-\\uff0f" +
    "\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65\\uffe0-\\uffe6\\uffe8-\\uffee";
  var stripPatterns = {};

  function stripPattern(fallback) {
    var key = fallback ? "fallback" : "unicode";
    if (!stripPatterns[key]) {
      if (!fallback) {
        try {
          // Built from a string: a \p{…} regex literal is a syntax error that would stop old engines
          // from running this file at all.
          stripPatterns[key] = new RegExp("[" + SPACE_CLASS + "\\p{P}\\p{S}]", "gu");
        } catch (e) {
          stripPatterns[key] = stripPattern(true);
        }
      } else {
        stripPatterns[key] = new RegExp("[" + SPACE_CLASS + FALLBACK_PUNCTUATION + "]", "g");
      }
    }
    return stripPatterns[key];
  }

  // Full-width ASCII → half-width: the part of NFKC that matters for typed answers, for engines without
  // String.prototype.normalize.
  function foldWidth(text) {
    return text.replace(/[\uff01-\uff5e\u3000]/g, function (c) {
      return c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    });
  }

  // NFKC, drop whitespace, punctuation and symbols, lower-case: how a typed blank is compared.
  function normalize(text, fallback) {
    var value = String(text);
    value = !fallback && typeof value.normalize === "function" ? value.normalize("NFKC") : foldWidth(value);
    return value.replace(stripPattern(fallback), "").toLowerCase();
  }

  function result(correct, score) {
    return { correct: correct, score: score };
  }

  function gradeMultiple(answer, response, partial) {
    if (!isArray(answer) || !isArray(response)) return result(false, 0);
    var picked = [], i;
    for (i = 0; i < response.length; i++) {
      if (typeof response[i] !== "string") return result(false, 0);
      if (indexOf(picked, response[i]) < 0) picked.push(response[i]);
    }
    if (!picked.length) return result(false, 0);
    for (i = 0; i < picked.length; i++) {
      if (indexOf(answer, picked[i]) < 0) return result(false, 0);  // 错选不得分
    }
    for (i = 0; i < answer.length; i++) {
      if (indexOf(picked, answer[i]) < 0) return result(false, partial ? 0.5 : 0);  // 少选得一半
    }
    return result(true, 1);
  }

  function gradeFill(answer, response) {
    if (!isArray(answer) || !answer.length || !isArray(response) || response.length !== answer.length) {
      return result(false, 0);
    }
    for (var i = 0; i < answer.length; i++) {
      var typed = response[i];
      if (typeof typed !== "string" || !isArray(answer[i])) return result(false, 0);
      var value = normalize(typed), right = false;
      if (value === "") return result(false, 0);
      for (var j = 0; j < answer[i].length; j++) {
        if (normalize(answer[i][j]) === value) right = true;
      }
      if (!right) return result(false, 0);
    }
    return result(true, 1);
  }

  /**
   * grade(question, response, {partial}) → {correct, score}; the rules of generator/grading.py.
   * single: option text; multiple: list of option texts; judge: true/false; fill: list of strings.
   */
  function grade(question, response, options) {
    var partial = !!(options && options.partial);
    if (!question || typeof question !== "object") return result(false, 0);
    var answer = question.answer;
    if (response === null || response === undefined) return result(false, 0);
    switch (question.type) {
      case "single":
        return typeof response === "string" && response === answer ? result(true, 1) : result(false, 0);
      case "judge":
        return typeof response === "boolean" && response === answer ? result(true, 1) : result(false, 0);
      case "multiple":
        return gradeMultiple(answer, response, partial);
      case "fill":
        return gradeFill(answer, response);
    }
    return result(false, 0);
  }

  function answered(question, response) {
    if (response === null || response === undefined) return false;
    if (question.type === "multiple") return isArray(response) && response.length > 0;
    if (question.type === "fill") {
      if (!isArray(response)) return false;
      for (var i = 0; i < response.length; i++) {
        if (typeof response[i] === "string" && response[i].replace(/\s+/g, "") !== "") return true;
      }
      return false;
    }
    return true;
  }

  // ------------------------------------------------------------------ storage

  function addNote(text) {
    if (indexOf(state.notes, text) < 0) state.notes.push(text);
  }

  function storageWorks() {
    try {
      var storage = window.localStorage, probe = "xf.v1.probe";
      storage.setItem(probe, "1");
      storage.removeItem(probe);
      return true;
    } catch (e) {
      return false;
    }
  }

  function load(name, valid, empty) {
    var key = KEYS[name], raw = null, value;
    if (!state.storageOk) return own(state.memory, key) ? state.memory[key] : empty();
    try {
      raw = window.localStorage.getItem(key);
    } catch (e) {
      return empty();
    }
    if (raw === null || raw === undefined) return empty();
    try {
      value = JSON.parse(raw);
    } catch (e) {
      value = undefined;
    }
    var ok = false;
    try {
      ok = value !== undefined && valid(value);
    } catch (e) {
      ok = false;
    }
    if (!ok) {
      try {
        window.localStorage.removeItem(key);
      } catch (e) { /* nothing more to do */ }
      addNote("本地保存的" + KEY_NAMES[name] + "已损坏，已重置。");
      return empty();
    }
    return value;
  }

  function save(name) {
    var key = KEYS[name], value = state[name];
    if (state.storageOk) {
      try {
        if (value === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, JSON.stringify(value));
        return;
      } catch (e) {
        state.storageOk = false;
        addNote("无法写入本地存储（空间已满或被浏览器禁止），记录只保存在当前页面，离开后不会保留。");
      }
    }
    state.memory[key] = value;
  }

  function eachValue(object, check) {
    if (!isPlainObject(object)) return false;
    for (var key in object) {
      if (own(object, key) && !check(object[key], key)) return false;
    }
    return true;
  }

  function count(value) {
    return isNumber(value) && value >= 0 && Math.floor(value) === value;
  }

  function validProgress(value) {
    return eachValue(value, function (entry) {
      return isPlainObject(entry) && count(entry.n) && count(entry.c) && entry.c <= entry.n &&
        (entry.last === 0 || entry.last === 1);
    });
  }

  function validWrong(value) {
    return eachValue(value, function (entry) {
      return isPlainObject(entry) && count(entry.s) && isNumber(entry.t) && count(entry.n);
    });
  }

  function validPractice(value) {
    return isPlainObject(value) && (value.last === undefined || typeof value.last === "string") &&
      (value.pos === undefined || eachValue(value.pos, count));
  }

  function validResponse(response) {
    if (response === null || typeof response === "string" || typeof response === "boolean") return true;
    if (!isArray(response)) return false;
    for (var i = 0; i < response.length; i++) {
      if (typeof response[i] !== "string") return false;
    }
    return true;
  }

  function validExam(value) {
    if (!isPlainObject(value) || value.v !== 1 || !count(value.seed) || !isArray(value.ids) ||
        !isNumber(value.deadline) || !isNumber(value.started) || typeof value.submitted !== "boolean" ||
        !eachValue(value.answers, validResponse)) {
      return false;
    }
    for (var i = 0; i < value.ids.length; i++) {
      if (typeof value.ids[i] !== "string") return false;
    }
    return true;
  }

  function emptyObject() {
    return {};
  }

  function emptyNull() {
    return null;
  }

  function loadAll() {
    state.storageOk = storageWorks();
    if (!state.storageOk) {
      addNote("浏览器不允许本地保存（可能处于无痕模式），练习记录只保存在当前页面，离开后不会保留。");
    }
    state.progress = load("progress", validProgress, emptyObject);
    state.wrong = load("wrong", validWrong, emptyObject);
    state.practice = load("practice", validPractice, emptyObject);
    state.exam = load("exam", validExam, emptyNull);
    if (!isPlainObject(state.practice.pos)) state.practice.pos = {};
  }

  // One graded answer, from any mode: progress, 错题本 (a wrong answer enters or resets the streak; correct
  // answers in a row take it out), and an event for other code.
  function record(question, graded, mode) {
    var id = question.id;
    var entry = get(state.progress, id) || { n: 0, c: 0, last: 0 };
    entry.n += 1;
    if (graded.correct) entry.c += 1;
    entry.last = graded.correct ? 1 : 0;
    state.progress[id] = entry;
    save("progress");

    var wrong = get(state.wrong, id), left = false;
    if (!graded.correct) {
      state.wrong[id] = { s: 0, t: wrong ? wrong.t : now(), n: (wrong ? wrong.n : 0) + 1 };
      save("wrong");
    } else if (wrong) {
      wrong.s += 1;
      if (wrong.s >= STREAK_TO_LEAVE) {
        delete state.wrong[id];
        left = true;
      }
      save("wrong");
    }
    emit("xf:answer", { id: id, correct: graded.correct, score: graded.score, mode: mode, leftReview: left });
    return left;
  }

  // ------------------------------------------------------------------ bank

  function validQuestion(q) {
    return isPlainObject(q) && typeof q.id === "string" && indexOf(TYPES, q.type) >= 0 &&
      typeof q.stem === "string" && (q.options === undefined || isArray(q.options));
  }

  function loadBank() {
    var bank = window.XF_BANK, questions = [], i;
    state.byId = {};
    if (!isPlainObject(bank) || !isArray(bank.questions)) return null;
    for (i = 0; i < bank.questions.length; i++) {
      var q = bank.questions[i];
      if (validQuestion(q) && !own(state.byId, q.id)) {
        if (!isArray(q.options)) q.options = [];
        if (!isArray(q.links)) q.links = [];
        if (!isArray(q.articles)) q.articles = [];
        questions.push(q);
        state.byId[q.id] = q;
      }
    }
    return {
      questions: questions,
      scopes: isArray(bank.scopes) ? bank.scopes : [],
      exam: isPlainObject(bank.exam) ? bank.exam : { title: "模拟考试", minutes: 60, quota: {}, points: {} },
      pages: isPlainObject(bank.pages) ? bank.pages : {}
    };
  }

  function question(id) {
    return get(state.byId, id);
  }

  function scopeQuestions(scope) {
    var list = [], questions = state.bank.questions;
    for (var i = 0; i < questions.length; i++) {
      if (!scope || questions[i].scope === scope) list.push(questions[i]);
    }
    return list;
  }

  function scopeInfo(key) {
    var scopes = state.bank.scopes;
    for (var i = 0; i < scopes.length; i++) {
      if (scopes[i] && scopes[i].key === key) return scopes[i];
    }
    return { key: key, title: key, count: scopeQuestions(key).length, href: "practice/" + key + "/" };
  }

  function stats(questions) {
    var seen = 0, right = 0;
    for (var i = 0; i < questions.length; i++) {
      var entry = get(state.progress, questions[i].id);
      if (entry && entry.n) {
        seen += 1;
        right += entry.last;
      }
    }
    return { total: questions.length, seen: seen, right: right };
  }

  function wrongIds() {
    var ids = [], id;
    for (id in state.wrong) {
      if (own(state.wrong, id) && question(id)) ids.push(id);
    }
    ids.sort(function (a, b) { return state.wrong[a].t - state.wrong[b].t; });
    return ids;
  }

  // ------------------------------------------------------------------ formatting answers

  function judgeText(value) {
    return value === true ? JUDGE_OPTIONS[0] : value === false ? JUDGE_OPTIONS[1] : "";
  }

  function formatResponse(q, response) {
    if (!answered(q, response)) return "未作答";
    if (q.type === "judge") return judgeText(response);
    if (q.type === "multiple") return ordered(q, response).join("、");
    if (q.type === "fill") {
      var parts = [];
      for (var i = 0; i < blankCount(q); i++) {
        parts.push((blankCount(q) > 1 ? "第" + (i + 1) + "空：" : "") + (response[i] ? response[i] : "（空）"));
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
      return parts.join("；");
    }
    return String(q.answer);
  }

  // Option texts in the bank's order (A/B/C… letters on screen follow the shuffled order, so texts are shown).
  function ordered(q, texts) {
    var out = [];
    if (!isArray(texts)) return out;
    for (var i = 0; i < q.options.length; i++) {
      if (indexOf(texts, q.options[i]) >= 0) out.push(q.options[i]);
    }
    return out;
  }

  function blankCount(q) {
    return Math.max(1, q.stem.split(BLANK).length - 1);
  }

  // ------------------------------------------------------------------ one question

  /*
   * o: {number, order (option texts as shown), response, graded (null until graded), locked, submit (show a
   *     提交 button), feedback (show answer and explanation), showResponse, hint, extra (node for the feedback)}
   */
  function questionView(q, o) {
    var attrs = { className: "xf-question", "data-question-id": q.id, "data-type": q.type };
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
        button("提交", "submit", { "data-key": "submit:" + q.id, className: "md-button md-button--primary xf-button" })
      ]));
    }
    if (o.hint) card.appendChild(h("p", { className: "xf-hint", role: "alert", text: o.hint }));
    if (o.graded && o.feedback) card.appendChild(feedbackView(q, o));
    return card;
  }

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

  function optionList(q, o) {
    var texts = q.type === "judge" ? JUDGE_OPTIONS : o.order;
    var multiple = q.type === "multiple";
    // Toggle buttons (aria-pressed) rather than radio/checkbox roles, which promise arrow-key navigation.
    var list = h("div", { className: "xf-options", role: "group", "aria-label": multiple ? "选项（可多选）" : "选项" });
    for (var i = 0; i < texts.length; i++) {
      var text = texts[i];
      var selected = selectedIn(q, o.response, text);
      var className = "xf-option" + (selected ? " xf-selected" : "");
      var mark = null;
      if (o.graded && o.feedback) {
        if (isAnswer(q, text)) {
          className += " xf-is-answer";
          mark = h("span", { className: "xf-mark" }, [h("span", { "aria-hidden": "true", text: "✓" }), h("span", { className: "xf-sr", text: "正确答案" })]);
        } else if (selected) {
          className += " xf-is-wrong";
          mark = h("span", { className: "xf-mark" }, [h("span", { "aria-hidden": "true", text: "✗" }), h("span", { className: "xf-sr", text: "你的错误选择" })]);
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
        mark
      ]));
    }
    return list;
  }

  function fillStem(q, o) {
    var parts = q.stem.split(BLANK);
    var stem = h("p", { className: "xf-stem" });
    var response = isArray(o.response) ? o.response : [];
    var answer = isArray(q.answer) ? q.answer : [];
    for (var i = 0; i < parts.length; i++) {
      if (parts[i]) stem.appendChild(document.createTextNode(parts[i]));
      if (i === parts.length - 1) break;
      var className = "xf-blank";
      if (o.graded && o.feedback && isArray(answer[i])) {
        className += grade({ type: "fill", answer: [answer[i]] }, [response[i] || ""]).correct ? " xf-blank-right" : " xf-blank-wrong";
      }
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

  function feedbackView(q, o) {
    var graded = o.graded, verdict;
    if (graded.correct) verdict = "回答正确";
    else if (graded.score > 0) verdict = "部分正确（少选）";
    else if (!answered(q, o.response)) verdict = "未作答";
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
        links.appendChild(link(href(item.href), String(item.label || item.href), "xf-source"));
      }
      box.appendChild(links);
    }
    if (o.extra) box.appendChild(o.extra);
    return box;
  }

  // ------------------------------------------------------------------ practice and review

  function newSession(ids) {
    return { ids: ids, index: 0, answers: {}, drafts: {}, order: {}, hints: {}, article: 0, left: {}, listOpen: false };
  }

  function articleFromHash() {
    var match = /^#article-(\d+)$/.exec(window.location.hash || "");
    return match ? parseInt(match[1], 10) : 0;
  }

  // #article-19 shows every question citing that article, whichever page it is opened on: the chapter
  // pages link "本条相关题目 N 道" here, and a question citing 第十七条 and 第二十六条 belongs to both.
  function startPractice() {
    var article = articleFromHash(), ids = [], i;
    var all = article ? state.bank.questions : scopeQuestions(state.scope);
    for (i = 0; i < all.length; i++) {
      if (!article || indexOf(all[i].articles, article) >= 0) ids.push(all[i].id);
    }
    var previous = state.session;
    state.session = newSession(ids);
    state.session.article = article;
    if (previous) {
      // Answers given before a filter change stay answered.
      state.session.answers = previous.answers;
      state.session.drafts = previous.drafts;
      state.session.order = previous.order;
    }
    var position = get(state.practice.pos, state.scope);
    if (!article && count(position) && position < ids.length) state.session.index = position;
  }

  function startReview() {
    state.session = newSession(wrongIds());
  }

  function optionOrder(q) {
    var session = state.session;
    if (!own(session.order, q.id)) session.order[q.id] = shuffled(q.options, Math.random);
    return session.order[q.id];
  }

  function currentQuestion() {
    var session = state.session;
    return session && session.index < session.ids.length ? question(session.ids[session.index]) : null;
  }

  function draft(q) {
    var session = state.session;
    if (!own(session.drafts, q.id)) session.drafts[q.id] = q.type === "multiple" || q.type === "fill" ? [] : null;
    return session.drafts[q.id];
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

  function practiceView() {
    var session = state.session, wrap = h("div", { className: "xf-practice" });
    var reviewing = state.mode === "review";
    if (reviewing) {
      var remaining = wrongIds().length;
      wrap.appendChild(h("p", { className: "xf-remaining", "data-remaining": String(remaining) },
        [remaining ? "错题本中还有 " + remaining + " 题。连续答对两次即移出。" : "错题本中已没有题目。"]));
      if (!session.ids.length) {
        wrap.appendChild(emptyReview());
        return wrap;
      }
    }
    if (session.article) {
      var filter = h("p", { className: "xf-filter", role: "status" }, [
        session.ids.length
          ? "只显示与第" + chineseNumber(session.article) + "条相关的 " + session.ids.length + " 道题。"
          : "本部分没有与第" + chineseNumber(session.article) + "条相关的题目。",
        " ",
        h("a", { href: "#", "data-action": "show-all", "data-key": "action:show-all", text: "显示全部" })
      ]);
      wrap.appendChild(filter);
    }
    if (!session.ids.length) {
      if (!session.article) wrap.appendChild(h("p", { className: "xf-empty", text: "本部分暂无题目。" }));
      return wrap;
    }
    var total = session.ids.length, tally = sessionStats();
    var position = Math.min(session.index + 1, total);
    wrap.appendChild(h("div", { className: "xf-status" }, [
      h("span", { text: "第 " + position + " / " + total + " 题" }),
      h("span", { text: "本次已答 " + tally.done + " 题，答对 " + tally.right + " 题" })
    ]));
    wrap.appendChild(progressBar(tally.done, total, "本次进度"));
    wrap.appendChild(questionIndex());

    var q = currentQuestion();
    if (!q) {
      wrap.appendChild(finishedView(tally));
    } else {
      var answer = get(session.answers, q.id);
      var extra = answer ? streakNote(q, answer.graded) : null;
      wrap.appendChild(questionView(q, {
        number: session.index + 1,
        order: optionOrder(q),
        response: answer ? answer.response : draft(q),
        graded: answer ? answer.graded : null,
        submit: q.type === "multiple" || q.type === "fill",
        feedback: true,
        hint: get(session.hints, q.id),
        extra: extra
      }));
    }
    wrap.appendChild(h("div", { className: "xf-nav" }, [
      button("上一题", "prev", { disabled: session.index === 0 }),
      q ? button(session.index === total - 1 ? "完成" : "下一题", "next",
        { className: "md-button " + (get(session.answers, q.id) ? "md-button--primary " : "") + "xf-button" }) : null
    ]));
    return wrap;
  }

  // Where the answered question stands in the 错题本.
  function streakNote(q, graded) {
    var entry = get(state.wrong, q.id), text = "";
    if (own(state.session.left, q.id)) text = "已连续答对两次，移出错题本。";
    else if (!graded.correct) text = state.mode === "review" ? "仍在错题本中。" : "已收入错题本。";
    else if (entry) text = "再答对 " + (STREAK_TO_LEAVE - entry.s) + " 次即可移出错题本。";
    return text ? h("p", { className: "xf-streak", text: text }) : null;
  }

  function progressBar(value, max, label) {
    var width = max ? Math.round(value * 100 / max) : 0;
    return h("div", {
      className: "xf-bar", role: "progressbar", "aria-label": label, "aria-valuemin": "0",
      "aria-valuemax": String(max), "aria-valuenow": String(value)
    }, [h("span", { style: "width:" + width + "%" })]);
  }

  function questionIndex() {
    var session = state.session;
    var list = h("div", { className: "xf-qlist-items" });
    for (var i = 0; i < session.ids.length; i++) {
      var id = session.ids[i], answer = get(session.answers, id), label = "第 " + (i + 1) + " 题";
      var className = "xf-qlink";
      var entry = get(state.progress, id);
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

  function finishedView(tally) {
    var reviewing = state.mode === "review";
    var box = h("div", { className: "xf-finished", role: "status" }, [
      h("p", { className: "xf-verdict", text: (reviewing ? "本轮错题练完了。" : "本部分题目已做完。") +
        "本次答对 " + tally.right + " / " + tally.done + " 题。" })
    ]);
    var actions = h("p", { className: "xf-actions" });
    if (reviewing) {
      if (wrongIds().length) actions.appendChild(button("再练一轮", "restart", { className: "md-button md-button--primary xf-button" }));
      else box.appendChild(emptyReview());
    } else {
      actions.appendChild(button("从头再练", "restart", { className: "md-button md-button--primary xf-button" }));
      if (wrongIds().length) actions.appendChild(link(pageHref("review"), "去错题本（" + wrongIds().length + " 题）", "md-button xf-button"));
    }
    actions.appendChild(link(pageHref("practice"), "全部章节", "md-button xf-button"));
    box.appendChild(actions);
    return box;
  }

  function emptyReview() {
    return h("div", { className: "xf-empty" }, [
      h("p", { text: "错题本是空的。在分章练习或模拟考试中答错的题会自动收进这里，连续答对两次后移出。" }),
      h("p", {}, [link(pageHref("practice"), "去分章练习", "md-button md-button--primary xf-button"), " ",
        link(pageHref("exam"), "做一套模拟考试", "md-button xf-button")])
    ]);
  }

  function submitPractice() {
    var q = currentQuestion(), session = state.session;
    if (!q || own(session.answers, q.id)) return;
    var response = draft(q);
    if (q.type === "fill") {
      response = response.slice();
      while (response.length < blankCount(q)) response.push("");
    }
    if (!answered(q, response)) {
      session.hints[q.id] = q.type === "fill" ? "请先填写答案。" : "请先选择答案。";
      render();
      return;
    }
    delete session.hints[q.id];
    var graded = grade(q, response, { partial: false });
    session.answers[q.id] = { response: response, graded: graded };
    if (record(q, graded, state.mode)) session.left[q.id] = true;
    render();
    focus("action:next");
  }

  function choose(text) {
    var q = currentQuestion();
    if (!q || own(state.session.answers, q.id)) return;
    var drafts = state.session.drafts;
    if (q.type === "multiple") {
      var picked = draft(q).slice(), at = indexOf(picked, text);
      if (at >= 0) picked.splice(at, 1);
      else picked.push(text);
      drafts[q.id] = picked;
      delete state.session.hints[q.id];
      render();
    } else {
      // Single choice and 判断 are graded on the tap: one touch per question on a phone.
      drafts[q.id] = q.type === "judge" ? text === JUDGE_OPTIONS[0] : text;
      submitPractice();
    }
  }

  function move(index) {
    var session = state.session;
    if (!session) return;
    var last = session.ids.length;
    index = Math.max(0, Math.min(index, last));
    if (index === session.index) return;
    session.index = index;
    if (state.mode === "practice" && !session.article) {
      state.practice.pos[state.scope] = index < last ? index : 0;
      state.practice.last = state.scope;
      save("practice");
    }
    render();
    scrollToView();
  }

  // After 下一题 at the bottom of a long question on a phone, bring the new one's top into sight, below
  // Material's fixed header.
  function scrollToView() {
    var header = document.querySelector(".md-header");
    var offset = header ? header.offsetHeight + 8 : 8;
    var top = state.view.getBoundingClientRect().top;
    if (top < offset) window.scrollTo(0, (window.pageYOffset || 0) + top - offset);
  }

  // ------------------------------------------------------------------ exam

  function examConfig() {
    var exam = state.bank.exam;
    return {
      title: typeof exam.title === "string" && exam.title ? exam.title : "模拟考试",
      minutes: isNumber(exam.minutes) && exam.minutes > 0 ? exam.minutes : 60,
      quota: isPlainObject(exam.quota) ? exam.quota : {},
      points: isPlainObject(exam.points) ? exam.points : {},
      partial: exam.partial === true
    };
  }

  // The paper for a seed: per type in quota order, a seeded shuffle of that type's questions.
  function drawPaper(seed) {
    var config = examConfig(), rand = random(seed), ids = [];
    for (var t = 0; t < TYPES.length; t++) {
      var type = TYPES[t], wanted = config.quota[type];
      if (!count(wanted) || !wanted) continue;
      var pool = [], questions = state.bank.questions;
      for (var i = 0; i < questions.length; i++) {
        if (questions[i].type === type) pool.push(questions[i].id);
      }
      // A bank with fewer questions of a type than the quota gives all it has (the start screen counts them).
      ids = ids.concat(shuffled(pool, rand).slice(0, wanted));
    }
    return ids;
  }

  function examOrder(q) {
    return shuffled(q.options, random((state.exam.seed ^ hashString(q.id)) >>> 0));
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
    var exam = state.exam;
    if (!exam) return;
    for (var i = 0; i < exam.ids.length; i++) {
      if (!question(exam.ids[i])) {
        state.exam = null;
        save("exam");
        addNote("题库已更新，之前的模拟考试无法继续，请重新组卷。");
        return;
      }
    }
  }

  function startExam() {
    if (state.exam && !state.exam.submitted) return;
    var seed = state.pendingSeed || newSeed();
    var paper = drawPaper(seed), config = examConfig(), started = now();
    state.exam = {
      v: 1, seed: seed, ids: paper, answers: {}, started: started,
      deadline: started + config.minutes * 60000, submitted: false
    };
    state.pendingSeed = 0;
    state.confirmSubmit = "";
    state.wrongOnly = false;
    save("exam");
    emit("xf:exam-start", { seed: seed, count: paper.length });
    render();
    startTimer();
    focus("action:submit-exam");
  }

  function examResults() {
    var exam = state.exam, config = examConfig(), rows = [], total = 0, score = 0, right = 0, byScope = {}, order = [];
    for (var i = 0; i < exam.ids.length; i++) {
      var q = question(exam.ids[i]);
      var response = own(exam.answers, q.id) ? exam.answers[q.id] : null;
      var graded = grade(q, response, { partial: config.partial });
      var points = isNumber(config.points[q.type]) ? config.points[q.type] : 1;
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
    var exam = state.exam;
    if (!exam || exam.submitted) return;
    exam.submitted = true;
    exam.finished = now();
    exam.timeout = !!timeout;
    save("exam");
    stopTimer();
    state.confirmSubmit = "";
    var results = examResults();
    for (var i = 0; i < results.rows.length; i++) {
      var row = results.rows[i];
      // Unanswered questions count as wrong in the score but are not "answered wrong": they stay out of
      // progress and the 错题本 (running out of time should not flood it).
      if (answered(row.q, row.response)) record(row.q, row.graded, "exam");
    }
    emit("xf:exam-submit", { score: results.score, total: results.total, seed: exam.seed });
    render();
    focus("score");
    scrollToView();
  }

  function remainingSeconds() {
    return state.exam ? (state.exam.deadline - now()) / 1000 : 0;
  }

  function startTimer() {
    stopTimer();
    if (!state.exam || state.exam.submitted) return;
    state.timer = window.setInterval(tick, 1000);
    tick();
  }

  function stopTimer() {
    if (state.timer) window.clearInterval(state.timer);
    state.timer = null;
  }

  function tick() {
    if (!state.exam || state.exam.submitted) return stopTimer();
    var left = remainingSeconds();
    if (left <= 0) {
      addNote("考试时间到，已自动交卷。");
      submitExam(true);
      return;
    }
    var timer = state.root && state.root.querySelector(".xf-timer");
    if (timer) {
      timer.textContent = "剩余 " + clock(left);
      timer.setAttribute("data-remaining", String(Math.ceil(left)));
      timer.className = "xf-timer" + (left <= WARN_SECONDS ? " xf-timer-warn" : "");
    }
  }

  function answeredCount() {
    var exam = state.exam, done = 0;
    for (var i = 0; i < exam.ids.length; i++) {
      var q = question(exam.ids[i]);
      if (own(exam.answers, q.id) && answered(q, exam.answers[q.id])) done += 1;
    }
    return done;
  }

  function updateExamStatus() {
    var status = state.root && state.root.querySelector(".xf-answered");
    if (status) status.textContent = "已答 " + answeredCount() + " / " + state.exam.ids.length;
  }

  function paperSummary(config) {
    var parts = [], countAll = 0, total = 0;
    for (var t = 0; t < TYPES.length; t++) {
      var type = TYPES[t], wanted = config.quota[type];
      if (!count(wanted) || !wanted) continue;
      var available = 0;
      for (var i = 0; i < state.bank.questions.length; i++) {
        if (state.bank.questions[i].type === type) available += 1;
      }
      wanted = Math.min(wanted, available);
      var points = isNumber(config.points[type]) ? config.points[type] : 1;
      parts.push(TYPE_NAMES[type] + " " + wanted + " 题（每题 " + formatNumber(points) + " 分）");
      countAll += wanted;
      total += wanted * points;
    }
    return { text: parts.join("、"), count: countAll, total: total };
  }

  function examView() {
    var exam = state.exam;
    if (!exam) return examStartView();
    if (exam.submitted) return examResultView();
    return examPaperView();
  }

  function examStartView() {
    var config = examConfig(), summary = paperSummary(config);
    var seed = state.pendingSeed;
    var box = h("div", { className: "xf-exam-start" }, [
      h("p", { className: "xf-lead", text: "共 " + summary.count + " 题：" + summary.text + "，满分 " +
        formatNumber(summary.total) + " 分，限时 " + config.minutes + " 分钟。" }),
      h("p", { text: "开始后计时不会暂停；作答随时保存在本机，刷新页面或断网都不会丢失，时间到自动交卷。" }),
      seed ? h("p", { className: "xf-seed", text: "试卷编号 " + seed + "（由链接指定：同一编号的链接得到同一套题）" }) : null,
      h("p", { className: "xf-actions" }, [
        button("开始考试", "start-exam", { className: "md-button md-button--primary xf-button" })
      ])
    ]);
    return box;
  }

  function examPaperView() {
    var exam = state.exam, config = examConfig();
    var wrap = h("div", { className: "xf-exam" });
    var left = remainingSeconds();
    wrap.appendChild(h("div", { className: "xf-exam-bar" }, [
      h("span", {
        className: "xf-timer" + (left <= WARN_SECONDS ? " xf-timer-warn" : ""), role: "timer",
        "aria-label": "剩余时间", "data-remaining": String(Math.max(0, Math.ceil(left))), text: "剩余 " + clock(left)
      }),
      h("span", { className: "xf-answered", text: "已答 " + answeredCount() + " / " + exam.ids.length }),
      button("交卷", "submit-exam", { className: "md-button md-button--primary xf-button" })
    ]));
    if (state.confirmSubmit === "top") wrap.appendChild(confirmView());

    var type = "", section = null, sectionIndex = 0;
    for (var i = 0; i < exam.ids.length; i++) {
      var q = question(exam.ids[i]);
      if (q.type !== type) {
        type = q.type;
        var points = isNumber(config.points[type]) ? config.points[type] : 1;
        var sectionCount = 0;
        for (var j = i; j < exam.ids.length && question(exam.ids[j]).type === type; j++) sectionCount += 1;
        section = h("section", { className: "xf-section" }, [
          h("h2", { text: SECTION_NUMBERS[sectionIndex] + "、" + TYPE_NAMES[type] + "（共 " + sectionCount +
            " 题，每题 " + formatNumber(points) + " 分）" })
        ]);
        sectionIndex += 1;
        wrap.appendChild(section);
      }
      section.appendChild(questionView(q, {
        number: i + 1,
        order: examOrder(q),
        response: own(exam.answers, q.id) ? exam.answers[q.id] : null,
        graded: null,
        feedback: false
      }));
    }
    wrap.appendChild(h("p", { className: "xf-actions" }, [
      button("交卷", "submit-exam", { className: "md-button md-button--primary xf-button", "data-key": "action:submit-exam-bottom" })
    ]));
    if (state.confirmSubmit === "bottom") wrap.appendChild(confirmView());
    if (state.confirmAbandon) {
      wrap.appendChild(h("div", { className: "xf-confirm", role: "alert" }, [
        h("p", { text: "放弃后本次作答不计分、不保存。确定放弃吗？" }),
        h("p", { className: "xf-actions" }, [
          button("放弃并重新组卷", "new-exam"),
          button("继续作答", "cancel-abandon", { className: "md-button md-button--primary xf-button" })
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
    var missing = state.exam.ids.length - answeredCount();
    return h("div", { className: "xf-confirm", role: "alert" }, [
      h("p", { text: missing ? "还有 " + missing + " 题未作答，未作答的题不得分。确定交卷吗？" : "确定交卷吗？" }),
      h("p", { className: "xf-actions" }, [
        button("确定交卷", "confirm-submit", { className: "md-button md-button--primary xf-button" }),
        button("继续作答", "cancel-submit")
      ])
    ]);
  }

  function examResultView() {
    var exam = state.exam, results = examResults(), wrap = h("div", { className: "xf-exam-result" });
    var scoreText = formatNumber(results.score);
    wrap.appendChild(h("p", {
      className: "xf-score", "data-score": scoreText, "data-total": formatNumber(results.total),
      tabindex: "-1", "data-key": "score"
    }, [
      h("span", { className: "xf-score-label", text: "得分 " }),
      h("strong", { className: "xf-score-value", text: scoreText }),
      h("span", { text: " / " + formatNumber(results.total) + " 分" })
    ]));
    var minutes = Math.max(0, Math.round(((exam.finished || exam.deadline) - exam.started) / 60000));
    wrap.appendChild(h("p", { className: "xf-score-detail", text: "答对 " + results.right + " / " + results.rows.length +
      " 题，用时 " + minutes + " 分钟" + (exam.timeout ? "（时间到自动交卷）" : "") + "。试卷编号 " + exam.seed + "。" }));

    // No class on the table itself: Material styles only `table:not([class])`.
    var table = h("table", {}, [
      h("caption", { text: "分章得分" }),
      h("thead", {}, [h("tr", {}, [h("th", { scope: "col", text: "章节" }), h("th", { scope: "col", text: "题数" }),
        h("th", { scope: "col", text: "答对" }), h("th", { scope: "col", text: "得分" })])])
    ]);
    var body = h("tbody"), keys = [], listed = {}, i;
    // Scopes in the bank's order (第一章 … 县通知), then any the paper has that the list lacks.
    for (i = 0; i < state.bank.scopes.length; i++) keys.push(state.bank.scopes[i] && state.bank.scopes[i].key);
    keys = keys.concat(results.order);
    for (i = 0; i < keys.length; i++) {
      var key = keys[i], row = get(results.byScope, key);
      if (!row || own(listed, key)) continue;
      listed[key] = true;
      body.appendChild(h("tr", { "data-scope": key }, [
        h("td", { text: scopeInfo(key).title }), h("td", { text: String(row.count) }), h("td", { text: String(row.right) }),
        h("td", { text: formatNumber(row.score) + " / " + formatNumber(row.total) })
      ]));
    }
    table.appendChild(body);
    wrap.appendChild(h("div", { className: "md-typeset__table xf-table xf-breakdown" }, [table]));

    wrap.appendChild(h("p", { className: "xf-actions" }, [
      button("重新组卷", "new-exam", { className: "md-button md-button--primary xf-button" }),
      wrongIds().length ? link(pageHref("review"), "去错题本（" + wrongIds().length + " 题）", "md-button xf-button") : null
    ]));

    wrap.appendChild(h("h2", { text: "逐题回顾" }));
    wrap.appendChild(h("p", { className: "xf-filter-toggle" }, [
      h("label", {}, [
        h("input", { type: "checkbox", "data-action": "wrong-only", "data-key": "action:wrong-only", checked: state.wrongOnly }),
        " 只看做错的题"
      ])
    ]));
    var shown = 0;
    for (var r = 0; r < results.rows.length; r++) {
      var item = results.rows[r];
      if (state.wrongOnly && item.graded.correct) continue;
      shown += 1;
      wrap.appendChild(questionView(item.q, {
        number: r + 1, order: examOrder(item.q), response: item.response, graded: item.graded,
        locked: true, feedback: true, showResponse: true
      }));
    }
    if (!shown) wrap.appendChild(h("p", { className: "xf-empty", text: "全部答对，没有做错的题。" }));
    return wrap;
  }

  function chooseExam(qid, text) {
    var exam = state.exam, q = question(qid);
    if (!exam || exam.submitted || !q || indexOf(exam.ids, qid) < 0) return;
    var response = own(exam.answers, qid) ? exam.answers[qid] : null;
    if (q.type === "multiple") {
      var picked = isArray(response) ? response.slice() : [], at = indexOf(picked, text);
      if (at >= 0) picked.splice(at, 1);
      else picked.push(text);
      exam.answers[qid] = picked;
    } else if (q.type === "judge") {
      exam.answers[qid] = text === JUDGE_OPTIONS[0];
    } else {
      exam.answers[qid] = text;
    }
    save("exam");
    render();
  }

  // ------------------------------------------------------------------ overview and home page

  function scopeTable(withLinks) {
    var scopes = state.bank.scopes;
    var table = h("table", {}, [
      h("thead", {}, [h("tr", {}, [h("th", { scope: "col", text: "范围" }), h("th", { scope: "col", text: "题数" }),
        h("th", { scope: "col", text: "已练" }), h("th", { scope: "col", text: "答对" }), h("th", { scope: "col", text: "正确率" })])])
    ]);
    var body = h("tbody");
    for (var i = 0; i < scopes.length; i++) {
      var scope = scopes[i];
      if (!scope || typeof scope.key !== "string") continue;
      var s = stats(scopeQuestions(scope.key));
      body.appendChild(h("tr", { "data-scope": scope.key, "data-seen": String(s.seen), "data-right": String(s.right) }, [
        h("td", {}, [withLinks && typeof scope.href === "string" ? link(href(scope.href), String(scope.title)) : String(scope.title)]),
        h("td", { text: String(s.total) }),
        h("td", { text: String(s.seen) }),
        h("td", { text: String(s.right) }),
        h("td", { text: percent(s.right, s.seen) })
      ]));
    }
    table.appendChild(body);
    return h("div", { className: "md-typeset__table xf-table xf-scopes" }, [table]);
  }

  function overviewView() {
    var wrap = h("div", { className: "xf-overview" }), scopes = state.bank.scopes;
    var all = stats(state.bank.questions);
    wrap.appendChild(h("p", { className: "xf-status", text: "已练 " + all.seen + " / " + all.total + " 题，答对 " + all.right + " 题。" }));
    var list = h("ul", { className: "xf-scope-list" });
    for (var i = 0; i < scopes.length; i++) {
      var scope = scopes[i];
      if (!scope || typeof scope.key !== "string") continue;
      var s = stats(scopeQuestions(scope.key));
      list.appendChild(h("li", { "data-scope": scope.key }, [
        h("a", { className: "xf-scope", href: href(String(scope.href || "")) }, [
          h("span", { className: "xf-scope-title", text: String(scope.title) }),
          h("span", { className: "xf-scope-count", text: "已练 " + s.seen + " / " + s.total + " 题 · 答对 " + s.right }),
          progressBar(s.seen, s.total, String(scope.title) + "进度")
        ])
      ]));
    }
    wrap.appendChild(list);
    wrap.appendChild(h("p", { className: "xf-actions" }, [
      link(pageHref("review"), "错题本（" + wrongIds().length + " 题）", "md-button xf-button"), " ",
      link(pageHref("exam"), examLinkText(), "md-button xf-button")
    ]));
    return wrap;
  }

  function examLinkText() {
    var exam = state.exam;
    if (exam && !exam.submitted && remainingSeconds() > 0) return "继续模拟考试（剩余 " + Math.ceil(remainingSeconds() / 60) + " 分钟）";
    return "模拟考试";
  }

  function continueScope() {
    var scopes = state.bank.scopes, last = state.practice.last;
    if (typeof last === "string") {
      for (var i = 0; i < scopes.length; i++) {
        if (scopes[i] && scopes[i].key === last) return scopes[i];
      }
    }
    for (var j = 0; j < scopes.length; j++) {
      var s = stats(scopeQuestions(scopes[j].key));
      if (s.total && s.seen < s.total) return scopes[j];
    }
    return scopes[0] || null;
  }

  function progressView() {
    var wrap = h("div", { className: "xf-progress" });
    var all = stats(state.bank.questions);
    wrap.appendChild(h("h2", { text: "我的学习进度" }));
    if (!all.seen) {
      wrap.appendChild(h("p", { text: "还没有练习记录（记录只保存在本机浏览器中）。题库共 " + all.total + " 题，从第一章开始吧。" }));
    } else {
      wrap.appendChild(h("p", { className: "xf-status", text: "已练 " + all.seen + " / " + all.total + " 题，答对 " + all.right +
        " 题，正确率 " + percent(all.right, all.seen) + "。" }));
      wrap.appendChild(progressBar(all.seen, all.total, "总进度"));
      wrap.appendChild(scopeTable(true));
    }
    var next = continueScope(), actions = h("p", { className: "xf-actions" });
    if (next && typeof next.href === "string") {
      actions.appendChild(link(href(next.href), (all.seen ? "继续练习：" : "开始练习：") + next.title, "md-button md-button--primary xf-button"));
      actions.appendChild(document.createTextNode(" "));
    }
    actions.appendChild(link(pageHref("review"), "错题本（" + wrongIds().length + " 题）", "md-button xf-button"));
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(link(pageHref("exam"), examLinkText(), "md-button xf-button"));
    wrap.appendChild(actions);
    return wrap;
  }

  // ------------------------------------------------------------------ rendering

  var VIEWS = { overview: overviewView, practice: practiceView, review: practiceView, exam: examView, progress: progressView };

  function notesView() {
    var box = h("div", { className: "xf-notes" });
    for (var i = 0; i < state.notes.length; i++) {
      box.appendChild(h("p", { className: "xf-note", role: "status" }, [
        h("span", { text: state.notes[i] }), " ",
        h("button", { type: "button", className: "xf-dismiss", "data-action": "dismiss", "data-index": String(i),
          "aria-label": "关闭提示", text: "知道了" })
      ]));
    }
    return box;
  }

  function activeKey() {
    var active = document.activeElement;
    return active && state.root && state.root.contains(active) ? active.getAttribute("data-key") : null;
  }

  function focus(key, scroll) {
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
  }

  /** Rebuild the view from `state`; harmless to call any number of times. */
  function render() {
    if (!state.root) return;
    var key = activeKey();
    var view = h("div", { className: "xf-view" });
    view.appendChild(notesView());
    if (!state.bank) {
      view.appendChild(h("p", { className: "xf-note", role: "alert", text: "题库没有加载成功，请刷新页面重试。" }));
    } else if (VIEWS[state.mode]) {
      view.appendChild(VIEWS[state.mode]());
    } else {
      view.appendChild(h("p", { className: "xf-note", role: "alert", text: "未知的页面类型：" + state.mode }));
    }
    // Swap in one step so the page height never collapses and the scroll position stays put.
    if (state.view && state.view.parentNode === state.root) {
      state.root.replaceChild(view, state.view);
    } else {
      while (state.root.firstChild) state.root.removeChild(state.root.firstChild);
      state.root.appendChild(view);
    }
    state.view = view;
    focus(key);
    emit("xf:render", { mode: state.mode });
  }

  // ------------------------------------------------------------------ events (bound once)

  function actionTarget(node) {
    while (node && node !== state.root && node.nodeType === 1) {
      if (node.getAttribute("data-action")) return node;
      node = node.parentNode;
    }
    return null;
  }

  function questionOf(node) {
    while (node && node !== state.root && node.nodeType === 1) {
      var id = node.getAttribute("data-question-id");
      if (id) return id;
      node = node.parentNode;
    }
    return null;
  }

  function onClick(event) {
    var target = actionTarget(event.target);
    if (!target || target.disabled) return;
    var action = target.getAttribute("data-action");
    if (target.tagName === "A" || action === "wrong-only") {
      if (action !== "wrong-only") event.preventDefault();
    }
    var exam = state.mode === "exam";
    switch (action) {
      case "choose":
        if (exam) chooseExam(questionOf(target), target.getAttribute("data-option"));
        else choose(target.getAttribute("data-option"));
        break;
      case "submit":
        submitPractice();
        break;
      case "prev":
        move(state.session.index - 1);
        break;
      case "next":
        move(state.session.index + 1);
        break;
      case "goto":
        state.session.listOpen = false;  // jumped: show the question, not the list
        move(parseInt(target.getAttribute("data-index"), 10));
        break;
      case "toggle-list":
        // The click comes before the browser toggles <details>; remember the state it is going to.
        state.session.listOpen = !target.parentNode.open;
        break;
      case "restart":
        if (state.mode === "review") startReview();
        else {
          state.session.answers = {};
          state.session.drafts = {};
          state.session.order = {};
          state.session.index = 0;
        }
        render();
        break;
      case "show-all":
        if (window.history && window.history.replaceState) {
          window.history.replaceState(null, "", window.location.pathname + window.location.search);
        } else {
          window.location.hash = "";
        }
        startPractice();
        render();
        break;
      case "start-exam":
        startExam();
        break;
      case "submit-exam":
        if (answeredCount() < state.exam.ids.length) {
          state.confirmSubmit = target.getAttribute("data-key") === "action:submit-exam-bottom" ? "bottom" : "top";
          render();
          focus("action:confirm-submit", true);
        } else {
          submitExam(false);
        }
        break;
      case "confirm-submit":
        submitExam(false);
        break;
      case "cancel-submit":
        state.confirmSubmit = "";
        render();
        break;
      case "abandon":
        state.confirmAbandon = true;
        render();
        focus("action:cancel-abandon", true);
        break;
      case "cancel-abandon":
        state.confirmAbandon = false;
        render();
        break;
      case "new-exam":
        stopTimer();
        state.confirmAbandon = false;
        state.exam = null;
        state.pendingSeed = 0;
        save("exam");
        render();
        focus("action:start-exam");
        break;
      case "wrong-only":
        state.wrongOnly = !!target.checked;
        render();
        break;
      case "dismiss":
        state.notes.splice(parseInt(target.getAttribute("data-index"), 10), 1);
        render();
        break;
    }
  }

  function onInput(event) {
    var target = event.target, blank = target && target.getAttribute && target.getAttribute("data-blank");
    if (blank === null || blank === undefined) return;
    var id = questionOf(target), q = question(id), index = parseInt(blank, 10);
    if (!q) return;
    if (state.mode === "exam") {
      var exam = state.exam;
      if (!exam || exam.submitted) return;
      var response = isArray(exam.answers[id]) ? exam.answers[id].slice() : [];
      while (response.length < blankCount(q)) response.push("");
      response[index] = target.value;
      exam.answers[id] = response;
      save("exam");
      updateExamStatus();
    } else if (state.session) {
      var typed = draft(q).slice();
      while (typed.length < blankCount(q)) typed.push("");
      typed[index] = target.value;
      state.session.drafts[id] = typed;
    }
  }

  function onKeydown(event) {
    var target = event.target;
    if ((event.key === "Enter" || event.keyCode === 13) && target.getAttribute && target.getAttribute("data-blank") !== null &&
        state.mode !== "exam") {
      event.preventDefault();
      submitPractice();
    }
  }

  // Trainers at a projector: ← / → move between questions.
  function onDocumentKeydown(event) {
    if (!state.root || !state.session || (state.mode !== "practice" && state.mode !== "review")) return;
    var target = event.target, tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key || "";
    if (key === "ArrowRight" || key === "Right" || event.keyCode === 39) move(state.session.index + 1);
    else if (key === "ArrowLeft" || key === "Left" || event.keyCode === 37) move(state.session.index - 1);
  }

  function onHashChange() {
    if (state.mode === "practice") {
      startPractice();
      render();
    } else if (state.mode === "exam" && !state.exam) {
      state.pendingSeed = seedFromHash();
      render();
    }
  }

  // The exam in another tab of the same browser: keep this tab's copy in step instead of overwriting it.
  function onStorage(event) {
    if (!state.root || event.key !== KEYS.exam || state.mode !== "exam") return;
    state.exam = load("exam", validExam, emptyNull);
    checkStoredExam();
    render();
    startTimer();
  }

  // ------------------------------------------------------------------ start

  /** Render the quiz into `root` (a .xf-quiz element); calling it again for the same root only re-renders. */
  function init(root) {
    if (!root || root.nodeType !== 1) return;
    if (state.root === root && state.bound) {
      render();
      return;
    }
    stopTimer();
    state.root = root;
    state.view = null;
    state.notes = [];
    state.mode = root.getAttribute("data-mode") || "";
    state.scope = root.getAttribute("data-scope") || "";
    state.base = typeof window.XF_ROOT === "string" ? window.XF_ROOT : "";
    state.session = null;
    state.confirmSubmit = "";
    state.confirmAbandon = false;
    state.wrongOnly = false;
    state.pendingSeed = 0;
    state.bank = loadBank();
    loadAll();
    if (state.bank) {
      checkStoredExam();
      if (state.mode === "practice") startPractice();
      else if (state.mode === "review") startReview();
      else if (state.mode === "exam" && !state.exam) state.pendingSeed = seedFromHash();
    }
    root.addEventListener("click", onClick, false);
    root.addEventListener("input", onInput, false);
    root.addEventListener("keydown", onKeydown, false);
    state.bound = true;
    if (!state.globalBound) {
      document.addEventListener("keydown", onDocumentKeydown, false);
      window.addEventListener("hashchange", onHashChange, false);
      window.addEventListener("storage", onStorage, false);
      state.globalBound = true;
    }
    root.className += root.className.indexOf("xf-ready") < 0 ? " xf-ready" : "";
    render();
    if (state.bank && state.mode === "exam" && state.exam && !state.exam.submitted) startTimer();
  }

  function boot() {
    var root = document.querySelector(".xf-quiz[data-mode]");
    if (root) init(root);
  }

  window.XFQuiz = {
    version: 1,
    keys: KEYS,
    grade: grade,
    normalize: normalize,
    init: init,
    render: render
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot, false);
  else boot();
  // mkdocs-material's instant navigation swaps pages without reloading scripts; init() is idempotent.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(boot);
})(window, document);
