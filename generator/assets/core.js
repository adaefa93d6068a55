/*
 * 信访工作条例学习平台 · 共用核心（assets/core.js）
 *
 * window.XF: what every page script shares (practice, exam, 错题本, home progress, the competition console):
 * DOM builder, grading (the rules of generator/quiz/grading.py), browser storage that merges on every
 * write, bank access, seeded random numbers, notes and events. Load it before any mode file.
 *
 * API: XF.h(tag, attrs, children) · XF.grade(question, response, {partial}) · XF.answered · XF.normalize ·
 * XF.bank.questions() / get(id) / data() · XF.summary() · XF.random(seed) · XF.shuffled(list, rand) ·
 * XF.hashString(text) · XF.store.mode() ("ok" | "full" | "blocked") / available() / read(key, validEntry) /
 * update(key, validEntry, change) / readEntries(key, validEntry) / updateEntry(key, id, validEntry, change) /
 * get / set / remove / onChange(key, callback) · XF.clock(seconds) · XF.emit(name, detail) ·
 * XF.note(text, action).
 *
 * - ES5 classic script (no modules: those fail over file://; no let/const/arrows: old WeChat WebViews).
 * - Bank text is only ever inserted with textContent / text nodes, never as HTML.
 * - Nothing here throws on bad stored data or blocked storage: it reports and carries on.
 */
(function (window, document) {
  "use strict";

  var XF = window.XF = window.XF || {};

  XF.KEYS = { progress: "xf.v1.progress", wrong: "xf.v1.wrong", exam: "xf.v1.exam", practice: "xf.v1.practice" };
  XF.KEY_NAMES = { progress: "练习记录", wrong: "错题本", exam: "考试记录", practice: "练习位置" };
  XF.TYPES = ["single", "multiple", "judge", "fill"];
  XF.TYPE_NAMES = { single: "单选题", multiple: "多选题", judge: "判断题", fill: "填空题" };
  XF.JUDGE_OPTIONS = ["正确", "错误"];
  XF.BLANK = "____";

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

  function isCount(value) {
    return isNumber(value) && value >= 0 && Math.floor(value) === value;
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

  XF.own = own;
  XF.get = get;
  XF.isArray = isArray;
  XF.isPlainObject = isPlainObject;
  XF.isNumber = isNumber;
  XF.isCount = isCount;
  XF.indexOf = indexOf;
  XF.now = now;

  XF.chineseNumber = function (n) {
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
  };

  /** One decimal at most: 10.5, 12. */
  XF.formatNumber = function (value) {
    return String(Math.round(value * 10) / 10);
  };

  XF.percent = function (part, whole) {
    return whole ? Math.round(part * 100 / whole) + "%" : "—";
  };

  /** Seconds → "mm:ss", or "h:mm:ss" from one hour on; negative counts as 0. */
  XF.clock = function (seconds) {
    seconds = Math.max(0, Math.ceil(isNumber(seconds) ? seconds : 0));
    var hours = Math.floor(seconds / 3600), minutes = Math.floor(seconds % 3600 / 60), rest = seconds % 60;
    var tail = (minutes < 10 ? "0" : "") + minutes + ":" + (rest < 10 ? "0" : "") + rest;
    return hours ? hours + ":" + tail : tail;
  };

  // ------------------------------------------------------------------ DOM

  /**
   * h(tag, attrs, children) → Element. attrs: `class` (or `className`), `text` (textContent), `value`
   * (the property), `onclick`/`on…` (event listeners); any other key is set with setAttribute (true → "",
   * false/null/undefined → left out). children: Nodes or strings (inserted as text), null/undefined/false
   * skipped. The only way anything reaches the page.
   */
  XF.h = function (tag, attrs, children) {
    var node = document.createElement(tag);
    var key, value, i;
    if (attrs) {
      for (key in attrs) {
        if (!own(attrs, key)) continue;
        value = attrs[key];
        if (value === null || value === undefined || value === false) continue;
        if (key === "text") node.textContent = String(value);
        else if (key === "class" || key === "className") node.className = value;
        else if (key === "value") node.value = value;
        else if (key.slice(0, 2) === "on" && typeof value === "function") node.addEventListener(key.slice(2), value, false);
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
  };

  XF.link = function (href, text, className) {
    return XF.h("a", { href: href, className: className, text: text });
  };

  /** A Material-styled button wired through data-action (and data-key, for keeping focus across renders). */
  XF.button = function (text, action, attrs) {
    var all = { type: "button", className: "md-button xf-button", "data-action": action, "data-key": "action:" + action, text: text };
    var key;
    if (attrs) {
      for (key in attrs) {
        if (own(attrs, key)) all[key] = attrs[key];
      }
    }
    return XF.h("button", all);
  };

  /** Dispatch a bubbling CustomEvent `name` on `target` (default: document). */
  XF.emit = function (name, detail, target) {
    var event;
    try {
      event = new window.CustomEvent(name, { bubbles: true, detail: detail });
    } catch (e) {
      // Android 4.x WebViews: CustomEvent is not a constructor.
      event = document.createEvent("CustomEvent");
      event.initCustomEvent(name, true, false, detail);
    }
    (target || document).dispatchEvent(event);
  };

  // ------------------------------------------------------------------ notes

  // Visible notes (blocked storage, repaired records, time up). A page view that renders them itself sets
  // XF.onNotes (called after every change); otherwise they show in a box of their own at the top of the page.
  XF.notes = [];
  XF.onNotes = null;

  // What a note's button does, by note text: "export" → 导出记录 (XF.records.download).
  XF.noteActions = {};

  XF.note = function (text, action) {
    if (indexOf(XF.notes, text) < 0) XF.notes.push(text);
    if (action) XF.noteActions[text] = action;
    notesChanged();
  };

  XF.dismissNote = function (index) {
    if (index >= 0 && index < XF.notes.length) XF.notes.splice(index, 1);
    notesChanged();
  };

  /** The notes as a .xf-notes box, each with a 知道了 button (data-action=dismiss). */
  XF.notesView = function () {
    var box = XF.h("div", { className: "xf-notes" });
    for (var i = 0; i < XF.notes.length; i++) {
      var action = get(XF.noteActions, XF.notes[i]);
      box.appendChild(XF.h("p", { className: "xf-note", role: "status" }, [
        XF.h("span", { text: XF.notes[i] }), " ",
        action === "export" ? XF.h("button", { type: "button", className: "md-button xf-button xf-note-action",
          "data-action": "note-export", text: "导出记录", onclick: exportClicked }) : null, action ? " " : null,
        XF.h("button", { type: "button", className: "xf-dismiss", "data-action": "dismiss", "data-index": String(i),
          "aria-label": "关闭提示", text: "知道了", onclick: dismissClicked })
      ]));
    }
    return box;
  };

  function exportClicked() {
    if (XF.records && XF.records.download) XF.records.download();
  }

  function dismissClicked(event) {
    XF.dismissNote(parseInt(event.currentTarget.getAttribute("data-index"), 10));
  }

  var ownBox = null;

  function notesChanged() {
    if (typeof XF.onNotes === "function") {
      XF.onNotes();
      return;
    }
    var host = document.querySelector(".md-content__inner") || document.body;
    if (!host) return;
    var box = XF.notesView();
    if (ownBox && ownBox.parentNode) ownBox.parentNode.replaceChild(box, ownBox);
    else host.insertBefore(box, host.firstChild);
    ownBox = box;
  }

  // ------------------------------------------------------------------ random numbers

  // Math.imul for engines without it (iOS 6, Android 4.3).
  function multiply(a, b) {
    var ah = (a >>> 16) & 0xffff, al = a & 0xffff, bh = (b >>> 16) & 0xffff, bl = b & 0xffff;
    return ((al * bl) + (((ah * bl + al * bh) << 16) >>> 0) | 0);
  }

  /** random(seed) → function returning floats in [0, 1); mulberry32, so one seed gives one paper everywhere. */
  XF.random = function (seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul ? Math.imul(t ^ (t >>> 15), t | 1) : multiply(t ^ (t >>> 15), t | 1);
      t ^= t + (Math.imul ? Math.imul(t ^ (t >>> 7), t | 61) : multiply(t ^ (t >>> 7), t | 61));
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  };

  /** FNV-1a of a string → uint32. */
  XF.hashString = function (text) {
    var hash = 2166136261;
    text = String(text);
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = multiply(hash, 16777619);
    }
    return hash >>> 0;
  };

  /** A shuffled copy of `list` (Fisher–Yates with `rand`). */
  XF.shuffled = function (list, rand) {
    var copy = list.slice(), i, j, swap;
    for (i = copy.length - 1; i > 0; i--) {
      j = Math.floor(rand() * (i + 1));
      swap = copy[i];
      copy[i] = copy[j];
      copy[j] = swap;
    }
    return copy;
  };

  // ------------------------------------------------------------------ bank

  var bankCache = { source: null, questions: [], byId: {} };

  function validQuestion(q) {
    return isPlainObject(q) && typeof q.id === "string" && indexOf(XF.TYPES, q.type) >= 0 &&
      typeof q.stem === "string" && (q.options === undefined || isArray(q.options));
  }

  // window.XF_BANK (assets/quiz-bank.js) checked once: malformed and duplicate questions are left out.
  function loadBank() {
    var bank = window.XF_BANK;
    if (bankCache.source === bank) return bankCache;
    bankCache = { source: bank, questions: [], byId: {} };
    if (!isPlainObject(bank) || !isArray(bank.questions)) return bankCache;
    for (var i = 0; i < bank.questions.length; i++) {
      var q = bank.questions[i];
      if (validQuestion(q) && !own(bankCache.byId, q.id)) {
        if (!isArray(q.options)) q.options = [];
        if (!isArray(q.links)) q.links = [];
        if (!isArray(q.articles)) q.articles = [];
        bankCache.questions.push(q);
        bankCache.byId[q.id] = q;
      }
    }
    return bankCache;
  }

  XF.bank = {
    /** Whether window.XF_BANK is loaded. */
    loaded: function () {
      return isPlainObject(window.XF_BANK) && isArray(window.XF_BANK.questions);
    },
    /** The bank's questions (well-formed ones, first of each id), in the bank's order. */
    questions: function () {
      return loadBank().questions;
    },
    /** The question with this id, or null. */
    get: function (id) {
      var found = get(loadBank().byId, id);
      return found || null;
    },
    /** The whole window.XF_BANK object ({version, questions, scopes, exam, pages}), or null. */
    data: function () {
      return isPlainObject(window.XF_BANK) ? window.XF_BANK : null;
    }
  };

  /**
   * XF.summary() → {scopes: [{key, title, count, href, ids}], total, ids: {id: true}, pages, exam: {minutes}}
   * or null: what the home page needs, from window.XF_SUMMARY (assets/quiz-summary.js, a few KB) or, where
   * only the bank is loaded, derived from it.
   */
  XF.summary = function () {
    var source = window.XF_SUMMARY, scopes = [], ids = {}, total = 0, i, j;
    if (!isPlainObject(source) || !isArray(source.scopes)) {
      var bank = XF.bank.data();
      if (!bank) return null;
      var questions = XF.bank.questions(), byScope = {};
      for (i = 0; i < questions.length; i++) {
        if (!own(byScope, questions[i].scope)) byScope[questions[i].scope] = [];
        byScope[questions[i].scope].push(questions[i].id);
      }
      var listed = isArray(bank.scopes) ? bank.scopes : [];
      source = { scopes: [], pages: bank.pages, exam: bank.exam };
      for (i = 0; i < listed.length; i++) {
        if (!listed[i] || typeof listed[i].key !== "string") continue;
        source.scopes.push({ key: listed[i].key, title: listed[i].title, href: listed[i].href,
          ids: get(byScope, listed[i].key) || [] });
      }
    }
    for (i = 0; i < source.scopes.length; i++) {
      var scope = source.scopes[i];
      if (!isPlainObject(scope) || typeof scope.key !== "string" || !isArray(scope.ids)) continue;
      var kept = [];
      for (j = 0; j < scope.ids.length; j++) {
        if (typeof scope.ids[j] === "string" && !own(ids, scope.ids[j])) {
          ids[scope.ids[j]] = true;
          kept.push(scope.ids[j]);
        }
      }
      total += kept.length;
      scopes.push({ key: scope.key, title: String(scope.title), href: typeof scope.href === "string" ? scope.href : null,
        ids: kept, count: kept.length });
    }
    return { scopes: scopes, ids: ids, total: total, pages: isPlainObject(source.pages) ? source.pages : {},
      exam: isPlainObject(source.exam) ? source.exam : {} };
  };

  // ------------------------------------------------------------------ storage

  // mode: "ok" (localStorage reads and writes), "full" (reads work, the origin's quota is used up: new
  // values that do not fit live in this page's memory, on top of what is stored) or "blocked" (no
  // localStorage at all: memory only). `memory` holds the values (null: removed) that could not be written.
  var storageState = { checked: false, mode: "ok", memory: {}, failures: 0 };
  var ENTRY = "/";   // a record's entries live in keys of their own: "xf.v1.wrong/<question id>"

  function quotaError(e) {
    return !!e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
      e.code === 22 || e.code === 1014);
  }

  function probe() {
    var storage;
    try {
      storage = window.localStorage;
      // overrides/main.html swaps a throwing localStorage for an in-memory stand-in before the theme runs:
      // it works, but keeps nothing, and the learner must be told so.
      if (window.XF_VOLATILE_STORAGE === true || !storage) return "blocked";
      if (typeof window.Storage === "function" && !(storage instanceof window.Storage)) return "blocked";
    } catch (e) {
      return "blocked";
    }
    try {
      storage.setItem("xf.v1.probe", "1");
      storage.removeItem("xf.v1.probe");
      return "ok";
    } catch (e) {
      // A quota error with something stored is a full origin (another site's data, or ours); with nothing
      // stored it is a browser that gives this site no room at all (old Safari private mode).
      try {
        return quotaError(e) && storage.length > 0 ? "full" : "blocked";
      } catch (e2) {
        return "blocked";
      }
    }
  }

  function mode() {
    if (!storageState.checked) {
      storageState.checked = true;
      storageState.mode = probe();
    }
    return storageState.mode;
  }

  function readRaw(key) {
    if (own(storageState.memory, key)) return storageState.memory[key];
    if (mode() === "blocked") return null;
    try {
      return window.localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  // Every key stored (and kept in memory) that starts with `prefix`.
  function keysWith(prefix) {
    var found = {}, list = [], key, i;
    if (mode() !== "blocked") {
      try {
        var storage = window.localStorage;
        for (i = 0; i < storage.length; i++) {
          key = storage.key(i);
          if (typeof key === "string" && key.slice(0, prefix.length) === prefix) found[key] = true;
        }
      } catch (e) {
        // unreadable: memory only
      }
    }
    for (key in storageState.memory) {
      if (own(storageState.memory, key) && key.slice(0, prefix.length) === prefix) found[key] = true;
    }
    for (key in found) {
      if (own(found, key)) list.push(key);
    }
    return list;
  }

  /** The note shown when the origin's storage is full, with a 导出记录 button (XF.records.download). */
  XF.FULL_NOTE = "本机存储已满，新的记录暂存在本页，离开或刷新后不会保留。请先导出记录保存到文件，再清理浏览器的网站数据。";
  XF.BLOCKED_NOTE = "浏览器不允许本站在本机保存记录（可能处于无痕模式或禁用了网站数据），记录只保存在当前页面，离开后不会保留。";

  // Writes a string (null: remove). When storage refuses (full, blocked), the value lives on in this
  // page's memory so the session still works, and the learner is told once. Returns whether it was stored.
  function writeRaw(key, text) {
    if (mode() !== "blocked") {
      try {
        if (text === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, text);
        delete storageState.memory[key];
        return true;
      } catch (e) {
        if (quotaError(e)) {
          storageState.mode = "full";
          XF.note(XF.FULL_NOTE, "export");
        } else {
          // Refused for another reason: reads still work, so what is stored stays in view.
          storageState.mode = "full";
          XF.note("无法写入本机存储，新的记录暂存在本页，离开或刷新后不会保留。请先导出记录保存到文件。", "export");
        }
      }
    }
    storageState.failures += 1;
    storageState.memory[key] = text;
    return false;
  }

  function parse(text) {
    if (text === null || text === undefined) return null;
    try {
      return JSON.parse(text);
    } catch (e) {
      return undefined;  // corrupt, as opposed to absent (null)
    }
  }

  function validOne(validEntry, key, value) {
    try {
      return !validEntry || !!validEntry(key, value);
    } catch (e) {
      return false;  // a throwing check counts as a failed one
    }
  }

  // Only the entries that pass `validEntry`.
  function cleanEntries(value, validEntry) {
    var kept = {}, dropped = 0, key;
    for (key in value) {
      if (!own(value, key)) continue;
      if (validOne(validEntry, key, value[key])) kept[key] = value[key];
      else dropped += 1;
    }
    return { value: kept, dropped: dropped };
  }

  function stringify(value) {
    try {
      var text = JSON.stringify(value);
      return text === undefined ? null : text;
    } catch (e) {
      return undefined;
    }
  }

  XF.store = {
    /** "ok", "full" (reads work, writes may not) or "blocked" (nothing stored); probed once per page. */
    mode: mode,

    /** Whether localStorage accepts writes (probed once per page; false once a write has failed). */
    available: function () {
      return mode() === "ok";
    },

    /** How many writes so far could not be stored (they last for this page only). */
    failures: function () {
      return storageState.failures;
    },

    /** The stored JSON value of `key`; null when absent, corrupt or unreadable. Never throws. */
    get: function (key) {
      var value = parse(readRaw(key));
      return value === undefined ? null : value;
    },

    /** Store any JSON value; false when it could not be persisted (it then lasts for this page only). */
    set: function (key, value) {
      var text = stringify(value);
      return text === undefined ? false : writeRaw(key, text);
    },

    remove: function (key) {
      return writeRaw(key, null);
    },

    /**
     * The stored object of `key` → {value, dropped, corrupt}. value: the object ({} when absent); with
     * `validEntry(k, v)`, only its valid entries, `dropped` counting the others. A value that is not a JSON
     * object is corrupt: value {}, dropped 1, corrupt true. Whatever was dropped is removed from storage
     * too, so the repair happens once.
     */
    read: function (key, validEntry) {
      var raw = readRaw(key), value = parse(raw);
      if (raw === null) return { value: {}, dropped: 0, corrupt: false };
      if (!isPlainObject(value)) {
        writeRaw(key, null);
        return { value: {}, dropped: 1, corrupt: true };
      }
      var clean = cleanEntries(value, validEntry);
      if (clean.dropped) XF.store.set(key, clean.value);
      return { value: clean.value, dropped: clean.dropped, corrupt: false };
    },

    /**
     * Read-merge-write of a whole object under one key: reads `key` fresh (as read()), calls
     * change(current), which mutates it or returns the new object, and writes that back. For small
     * settings only; records that two tabs write at once use entries (readEntries / updateEntry).
     */
    update: function (key, validEntry, change) {
      var current = XF.store.read(key, validEntry).value;
      var result = change(current);
      if (result === undefined) result = current;
      XF.store.set(key, result);
      return result;
    },

    /**
     * A record kept as one key per entry ("<key>/<id>") → {value: {id: entry}, dropped, corrupt}. Entries
     * of the older layout (one JSON object under `key` itself) are read too and moved to their own keys
     * (an entry key wins over the old object); unparsable or invalid entries are dropped and removed.
     */
    readEntries: function (key, validEntry) {
      var legacy = XF.store.read(key, validEntry), value = {}, dropped = legacy.dropped, keys = keysWith(key + ENTRY);
      var i, id, entry;
      for (i = 0; i < keys.length; i++) {
        id = keys[i].slice(key.length + ENTRY.length);
        entry = parse(readRaw(keys[i]));
        if (entry === null) continue;
        if (entry !== undefined && id && validOne(validEntry, id, entry)) {
          value[id] = entry;
        } else {
          dropped += 1;
          writeRaw(keys[i], null);
        }
      }
      var moved = true;
      for (id in legacy.value) {
        if (!own(legacy.value, id) || own(value, id)) continue;
        value[id] = legacy.value[id];
        if (!XF.store.set(key + ENTRY + id, legacy.value[id])) moved = false;
      }
      if (readRaw(key) !== null && moved) writeRaw(key, null);
      return { value: value, dropped: dropped, corrupt: legacy.corrupt };
    },

    /**
     * Read-merge-write of one entry: change(entry as stored now, or null) returns the new entry, or null
     * to remove it. Only that entry's key is written, so two tabs writing different entries at the same
     * moment both keep theirs. → {value: the new entry or null, saved: whether it reached storage}.
     */
    updateEntry: function (key, id, validEntry, change) {
      var entryKey = key + ENTRY + id, entry = parse(readRaw(entryKey)), saved;
      if (entry === null || entry === undefined || !validOne(validEntry, id, entry)) {
        // Not moved yet from the older layout?
        var legacy = parse(readRaw(key));
        entry = isPlainObject(legacy) && own(legacy, id) && validOne(validEntry, id, legacy[id]) ? legacy[id] : null;
      }
      var next = change(entry);
      if (next === undefined) next = entry;
      if (next === null) {
        saved = writeRaw(entryKey, null);
        var old = parse(readRaw(key));
        if (isPlainObject(old) && own(old, id)) {
          delete old[id];
          XF.store.set(key, old);
        }
      } else {
        saved = XF.store.set(entryKey, next);
      }
      return { value: next, saved: saved };
    },

    /** Remove `key` and all its entry keys. */
    removeEntries: function (key) {
      var keys = keysWith(key + ENTRY);
      for (var i = 0; i < keys.length; i++) writeRaw(keys[i], null);
      return writeRaw(key, null);
    },

    /** The entry keys ("<key>/…") stored now. */
    entryKeys: function (key) {
      return keysWith(key + ENTRY);
    },

    /**
     * callback() once another tab has changed `key` or one of its entries (or cleared storage); bursts of
     * changes (an exam submitted in another tab writes dozens of entries) give one call.
     */
    onChange: function (key, callback) {
      var pending = null;
      window.addEventListener("storage", function (event) {
        var changed = event.key;
        if (changed !== null && changed !== key && String(changed).slice(0, key.length + 1) !== key + ENTRY) return;
        if (pending) return;
        pending = window.setTimeout(function () {
          pending = null;
          callback();
        }, 30);
      }, false);
    }
  };

  // ------------------------------------------------------------------ grading (generator/quiz/grading.py)

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

  // A count of days written with 天 is the count the law writes with 日 (15天 = 15日, 十五天 = 十五日).
  var DAYS = /([0-9零〇一二两三四五六七八九十百]+)天/g;

  /**
   * NFKC, drop whitespace, punctuation and symbols, lower-case, a number of 天 written as 日: how a typed
   * blank is compared (generator/quiz/grading.py normalise_fill).
   */
  XF.normalize = function (text, fallback) {
    var value = String(text);
    value = !fallback && typeof value.normalize === "function" ? value.normalize("NFKC") : foldWidth(value);
    return value.replace(stripPattern(fallback), "").toLowerCase().replace(DAYS, "$1日");
  };

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

  // Whether one typed blank matches one of its accepted variants.
  function blankMatches(variants, typed) {
    if (typeof typed !== "string" || !isArray(variants)) return false;
    var value = XF.normalize(typed);
    if (value === "") return false;
    for (var j = 0; j < variants.length; j++) {
      if (XF.normalize(variants[j]) === value) return true;
    }
    return false;
  }

  // Whether the blanks from `i` on can each take a different unused answer (`used`: answer index → true).
  function matchUnordered(answer, response, i, used) {
    if (i === response.length) return true;
    for (var j = 0; j < answer.length; j++) {
      if (used[j] || !blankMatches(answer[j], response[i])) continue;
      used[j] = true;
      if (matchUnordered(answer, response, i + 1, used)) return true;
      used[j] = false;
    }
    return false;
  }

  // unordered: blanks joined by 或者/和 (书面 … 口头) may come in any order, each answer used once.
  function gradeFill(answer, response, unordered) {
    if (!isArray(answer) || !answer.length || !isArray(response) || response.length !== answer.length) {
      return result(false, 0);
    }
    if (unordered) return matchUnordered(answer, response, 0, {}) ? result(true, 1) : result(false, 0);
    for (var i = 0; i < answer.length; i++) {
      if (!blankMatches(answer[i], response[i])) return result(false, 0);
    }
    return result(true, 1);
  }

  /**
   * grade(question, response, {partial}) → {correct, score 0..1}; the rules of generator/quiz/grading.py.
   * Responses: single → option text; multiple → array of option texts; judge → true/false; fill → array
   * of strings, one per blank. `partial` (any true value, e.g. "half"): 少选 scores 0.5 on multiple.
   */
  XF.grade = function (question, response, options) {
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
        return gradeFill(answer, response, !!question.unordered);
    }
    return result(false, 0);
  };

  /** Whether one blank (index `i`) of a fill response is right on its own (for marking blanks). */
  XF.blankRight = function (question, response, i) {
    var answer = isArray(question.answer) ? question.answer : [];
    return isArray(response) && blankMatches(answer[i], response[i]);
  };

  /** Whether `response` counts as an answer at all (a blank fill or an empty choice does not). */
  XF.answered = function (question, response) {
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
  };
})(window, document);
