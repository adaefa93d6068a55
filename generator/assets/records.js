/*
 * 信访工作条例学习平台 · 学习记录（assets/records.js）
 *
 * XF.records: the learner's records in localStorage, checked entry by entry when read. Every answer is
 * written as a read-merge-write of its own key, so two tabs answering at the same moment never erase each
 * other's entries (a whole-object write from a tab whose copy is a moment old would). Needs core.js.
 *
 *   xf.v1.progress/<id>: {n: attempts, c: correct attempts, last: 1|0}
 *   xf.v1.wrong/<id>:    {s: correct answers in a row since, t: added (ms), n: times wrong}   (错题本)
 *   xf.v1.practice:      {last: scope, pos: {scope: index}}
 *   xf.v1.exam:          {v: 1, seed, ids, answers: {id: response} (filled at 交卷), started, deadline,
 *                         submitted, finished?, timeout?, unsaved?: [ids not stored in the 错题本]}
 *   xf.v1.exam/<started>/<id>: one answer of the running exam
 *   xf.v1.exam-time:     {started, elapsed (ms)}: the most exam time any tab has seen pass
 * Older browsers' records (xf.v1.progress and xf.v1.wrong as one object each) are read and moved to
 * entry keys on first load.
 */
(function (window, XF) {
  "use strict";

  var KEYS = XF.KEYS, own = XF.own, get = XF.get, isArray = XF.isArray, isPlainObject = XF.isPlainObject;
  var isNumber = XF.isNumber, isCount = XF.isCount, indexOf = XF.indexOf;
  // 错题本: a question leaves after this many correct answers in a row (DESIGN §3).
  var STREAK_TO_LEAVE = 2;
  // The longest exam a stored state may claim, when the bank's own length is unknown (a corrupted or
  // edited deadline such as 1e300 must not leave an exam open for ever).
  var MAX_EXAM_MINUTES = 600;

  var TIME_KEY = "xf.v1.exam-time";

  var R = XF.records = {
    STREAK_TO_LEAVE: STREAK_TO_LEAVE,
    progress: {},
    wrong: {},
    practice: { pos: {} },
    exam: null,
    examMinutes: 0    // the bank's exam length, set by the page; 0 = unknown
  };

  // ------------------------------------------------------------------ what a valid entry is

  R.validProgressEntry = function (id, entry) {
    return isPlainObject(entry) && isCount(entry.n) && isCount(entry.c) && entry.c <= entry.n &&
      (entry.last === 0 || entry.last === 1);
  };

  R.validWrongEntry = function (id, entry) {
    return isPlainObject(entry) && isCount(entry.s) && isNumber(entry.t) && isCount(entry.n);
  };

  R.validPracticeEntry = function (key, value) {
    if (key === "last") return typeof value === "string";
    if (key === "pos") {
      if (!isPlainObject(value)) return false;
      for (var scope in value) {
        if (own(value, scope) && !isCount(value[scope])) return false;
      }
    }
    return true;
  };

  function validResponseShape(response) {
    if (response === null || typeof response === "string" || typeof response === "boolean") return true;
    if (!isArray(response)) return false;
    for (var i = 0; i < response.length; i++) {
      if (typeof response[i] !== "string") return false;
    }
    return true;
  }

  // A response of the right kind for its question (when the bank is loaded): an option of a single, options
  // of a multiple, true/false for a judge, strings for a fill.
  R.validResponse = function (q, response) {
    if (!validResponseShape(response)) return false;
    if (!q || response === null) return true;
    if (q.type === "judge") return typeof response === "boolean";
    if (q.type === "single") return typeof response === "string" && indexOf(q.options, response) >= 0;
    if (q.type === "multiple") {
      if (!isArray(response)) return false;
      for (var i = 0; i < response.length; i++) {
        if (indexOf(q.options, response[i]) < 0) return false;
      }
      return true;
    }
    return isArray(response);
  };

  function note(text) {
    XF.note(text);
  }

  function keyNote(name, read) {
    if (read.corrupt) note("本地保存的" + XF.KEY_NAMES[name] + "已损坏，已重置。");
    else if (read.dropped) {
      note("本地保存的" + XF.KEY_NAMES[name] + "中有 " + read.dropped + " 条记录已损坏，已重置，其余 " +
        objectSize(read.value) + " 条保留。");
    }
  }

  function objectSize(object) {
    var n = 0;
    for (var key in object) {
      if (own(object, key)) n += 1;
    }
    return n;
  }

  // ------------------------------------------------------------------ the stored exam

  /**
   * checkExam(value, quiet) → a usable exam state or null. Repairs what can be repaired (duplicate ids,
   * a deadline past the exam's length, answers of the wrong type, a start in the future) and says so
   * unless `quiet`; a value without a seed, ids or times is discarded with a note.
   */
  R.checkExam = function (value, quiet) {
    var say = quiet ? function () {} : note;
    if (value === null || value === undefined) return null;
    if (!isPlainObject(value) || value.v !== 1 || !isCount(value.seed) || !isArray(value.ids) ||
        !isNumber(value.started) || !isNumber(value.deadline) || typeof value.submitted !== "boolean") {
      say("本地保存的考试记录已损坏，已重置。");
      return null;
    }
    var exam = {}, key, repaired = [], i;
    for (key in value) {
      if (own(value, key)) exam[key] = value[key];
    }
    var ids = [];
    for (i = 0; i < value.ids.length; i++) {
      if (typeof value.ids[i] === "string" && indexOf(ids, value.ids[i]) < 0) ids.push(value.ids[i]);
    }
    if (ids.length !== value.ids.length) repaired.push("重复或无效的题目");
    if (!ids.length) {
      say("本地保存的考试记录已损坏，已重置。");
      return null;
    }
    exam.ids = ids;
    // A start "in the future" is a clock set back since: the time used is kept (R.examElapsed), never given back.
    var longest = (R.examMinutes > 0 ? R.examMinutes : MAX_EXAM_MINUTES) * 60000;
    if (exam.deadline > exam.started + longest) {
      exam.deadline = exam.started + longest;
      repaired.push("截止时间");
    }
    if (exam.unsaved !== undefined && !isArray(exam.unsaved)) delete exam.unsaved;
    if (exam.finished !== undefined && (!isNumber(exam.finished) || exam.finished < exam.started)) {
      exam.finished = exam.submitted ? exam.deadline : undefined;
      repaired.push("交卷时间");
    }
    var answers = {}, bad = 0;
    if (isPlainObject(value.answers)) {
      for (key in value.answers) {
        if (!own(value.answers, key)) continue;
        if (indexOf(ids, key) >= 0 && R.validResponse(XF.bank.get(key), value.answers[key])) answers[key] = value.answers[key];
        else bad += 1;
      }
    } else if (value.answers !== undefined) {
      bad += 1;
    }
    if (bad) repaired.push(bad + " 个无效的答案");
    exam.answers = answers;
    if (repaired.length) say("本地保存的考试记录有误（" + repaired.join("、") + "），已修正。");
    return exam;
  };

  // ------------------------------------------------------------------ reading

  /** Read all four records fresh into XF.records (notes for anything dropped or repaired). */
  R.load = function () {
    var read = XF.store.readEntries(KEYS.progress, R.validProgressEntry);
    keyNote("progress", read);
    R.progress = read.value;
    read = XF.store.readEntries(KEYS.wrong, R.validWrongEntry);
    keyNote("wrong", read);
    R.wrong = read.value;
    read = XF.store.read(KEYS.practice, R.validPracticeEntry);
    keyNote("practice", read);
    R.practice = read.value;
    if (!isPlainObject(R.practice.pos)) R.practice.pos = {};
    R.reloadExam(false);
    // Reads the stored time now, so a damaged one is noted before the first render, not inside it.
    if (R.exam && !R.exam.submitted) R.examElapsed();
  };

  /**
   * Re-read the exam state, with the answers of a running exam from their own keys; a repaired state is
   * written back so the repair happens once, and answer keys of other exams are removed.
   */
  R.reloadExam = function (quiet) {
    var raw = XF.store.get(KEYS.exam);
    var stored = raw === null ? readCorrupt(KEYS.exam) : raw;
    var exam = R.checkExam(stored, quiet);
    if (stored !== null && exam === null) XF.store.remove(KEYS.exam);
    else if (exam && JSON.stringify(exam) !== JSON.stringify(stored)) XF.store.set(KEYS.exam, exam);
    if (exam && !exam.submitted) readAnswers(exam);
    clearAnswerKeys(exam && !exam.submitted ? answerPrefix(exam) : null);
    R.exam = exam;
    return exam;
  };

  function answerPrefix(exam) {
    return KEYS.exam + "/" + exam.started + "/";
  }

  // The running exam's answers stored one per key (tabs answering at once), over those in the state.
  function readAnswers(exam) {
    var prefix = answerPrefix(exam), keys = XF.store.entryKeys(KEYS.exam);
    for (var i = 0; i < keys.length; i++) {
      if (keys[i].slice(0, prefix.length) !== prefix) continue;
      var id = keys[i].slice(prefix.length), value = XF.store.get(keys[i]);
      if (value !== null && indexOf(exam.ids, id) >= 0 && R.validResponse(XF.bank.get(id), value)) exam.answers[id] = value;
    }
  }

  // Remove answer keys that are not under `keep` (the running exam's prefix); only while storage works,
  // so that nothing is removed that lives on in storage alone.
  function clearAnswerKeys(keep) {
    if (!XF.store.available()) return;
    var keys = XF.store.entryKeys(KEYS.exam);
    for (var i = 0; i < keys.length; i++) {
      if (!keep || keys[i].slice(0, keep.length) !== keep) XF.store.remove(keys[i]);
    }
  }

  // store.get() gives null for both "absent" and "not JSON"; tell them apart for the note.
  function readCorrupt(key) {
    var read = XF.store.read(key);
    return read.corrupt ? "corrupt" : null;
  }

  /** Call `callback(name)` after another tab changes one of the records (they are re-read first). */
  R.onChange = function (callback) {
    XF.store.onChange(KEYS.progress, function () { R.progress = XF.store.readEntries(KEYS.progress, R.validProgressEntry).value; callback("progress"); });
    XF.store.onChange(KEYS.wrong, function () { R.wrong = XF.store.readEntries(KEYS.wrong, R.validWrongEntry).value; callback("wrong"); });
    XF.store.onChange(KEYS.practice, function () {
      R.practice = XF.store.read(KEYS.practice, R.validPracticeEntry).value;
      if (!isPlainObject(R.practice.pos)) R.practice.pos = {};
      callback("practice");
    });
    XF.store.onChange(KEYS.exam, function () { R.reloadExam(true); callback("exam"); });
  };

  // ------------------------------------------------------------------ writing (read, apply, write)

  /**
   * One graded answer, from any mode: progress, and the 错题本 (a wrong answer enters or resets the
   * streak; STREAK_TO_LEAVE correct answers in a row take it out). Returns whether it left the 错题本;
   * R.lastSaved tells whether both entries reached storage (false: they live in this page only).
   */
  R.record = function (id, correct) {
    var left = false;
    var progress = XF.store.updateEntry(KEYS.progress, id, R.validProgressEntry, function (entry) {
      entry = entry || { n: 0, c: 0, last: 0 };
      entry.n += 1;
      if (correct) entry.c += 1;
      entry.last = correct ? 1 : 0;
      return entry;
    });
    R.progress[id] = progress.value;
    var wrong = XF.store.updateEntry(KEYS.wrong, id, R.validWrongEntry, function (entry) {
      if (!correct) return { s: 0, t: entry ? entry.t : XF.now(), n: (entry ? entry.n : 0) + 1 };
      if (!entry) return null;
      entry.s += 1;
      if (entry.s < STREAK_TO_LEAVE) return entry;
      left = true;
      return null;
    });
    if (wrong.value) R.wrong[id] = wrong.value;
    else delete R.wrong[id];
    R.lastSaved = progress.saved && wrong.saved;
    R.lastWrongSaved = wrong.saved;
    return left;
  };

  /** Put `id` into the 错题本 again (after a failed write); → whether it reached storage. */
  R.addWrong = function (id) {
    var wrong = XF.store.updateEntry(KEYS.wrong, id, R.validWrongEntry, function (entry) {
      return entry ? entry : { s: 0, t: XF.now(), n: 1 };
    });
    R.wrong[id] = wrong.value;
    return wrong.saved;
  };

  /** Remember where practice of `scope` stands. */
  R.savePosition = function (scope, index) {
    R.practice = XF.store.update(KEYS.practice, R.validPracticeEntry, function (practice) {
      if (!isPlainObject(practice.pos)) practice.pos = {};
      practice.pos[scope] = index;
      practice.last = scope;
    });
  };

  /**
   * change(exam) on the exam as stored now (null when there is none): returns the new state, or null to
   * remove it. XF.records.exam is the result.
   */
  R.updateExam = function (change) {
    var current = R.checkExam(XF.store.get(KEYS.exam), true);
    if (current && !current.submitted) readAnswers(current);
    var next = change(current);
    if (next === undefined) next = current;
    var saved = next === null ? XF.store.remove(KEYS.exam) : XF.store.set(KEYS.exam, next);
    if (!next || next.submitted) {
      XF.store.remove(TIME_KEY);
      if (saved) clearAnswerKeys(null);  // folded into the stored state
    }
    R.exam = next;
    return next;
  };

  /**
   * One answer of the running exam, in a key of its own (two tabs of one exam both keep theirs). False
   * when the stored exam is no longer this one or was submitted (another tab).
   */
  R.saveExamAnswer = function (id, value) {
    var mine = R.exam, current = R.checkExam(XF.store.get(KEYS.exam), true);
    if (!mine || !current || current.started !== mine.started || current.seed !== mine.seed || current.submitted) return false;
    mine.answers[id] = value;
    XF.store.set(answerPrefix(mine) + id, value);
    R.saveElapsed();
    return true;
  };

  // ------------------------------------------------------------------ exam time

  // Time used is measured with the page's monotonic clock (performance.now) from where this page found it:
  // the most of (time the stored high-water mark says, wall-clock time since the start). A clock set back
  // never gives time back, during the exam or after a reload; sleep (a stopped monotonic clock) still counts
  // through the wall clock.
  var anchor = { started: null, elapsed: 0, at: 0 };

  function monotonic() {
    var perf = window.performance;
    return perf && typeof perf.now === "function" ? perf.now() : XF.now();
  }

  var timeNoted = false;

  function storedElapsed(exam) {
    var read = XF.store.read(TIME_KEY), time = read.value;
    var broken = read.corrupt || (time.started === exam.started && !(isNumber(time.elapsed) && time.elapsed >= 0));
    if (broken) {
      // A damaged time record is dropped like any other; the time used is then counted from the exam's start.
      if (!read.corrupt) XF.store.remove(TIME_KEY);
      if (!timeNoted) note("本地保存的考试计时已损坏，已按考试开始时间重新计算。");
      timeNoted = true;
      return 0;
    }
    return time.started === exam.started && time.elapsed > 0 ? time.elapsed : 0;
  }

  /** Milliseconds of the running exam used so far (0 without one). */
  R.examElapsed = function () {
    var exam = R.exam;
    if (!exam) return 0;
    if (anchor.started !== exam.started) {
      anchor = { started: exam.started, elapsed: Math.max(0, storedElapsed(exam), XF.now() - exam.started), at: monotonic() };
    }
    var elapsed = anchor.elapsed + Math.max(0, monotonic() - anchor.at);
    var wall = XF.now() - exam.started;
    if (wall > elapsed) {
      anchor = { started: exam.started, elapsed: wall, at: monotonic() };
      elapsed = wall;
    }
    return elapsed;
  };

  /** Store the time used so far as a high-water mark (another tab or a reload starts from it). */
  R.saveElapsed = function () {
    var exam = R.exam;
    if (!exam || exam.submitted) return;
    var elapsed = Math.round(Math.max(R.examElapsed(), storedElapsed(exam)));
    XF.store.set(TIME_KEY, { started: exam.started, elapsed: elapsed });
  };

  /** The running exam's end on this page's clock: started + time used (for finished). */
  R.examNow = function () {
    return R.exam ? R.exam.started + R.examElapsed() : XF.now();
  };

  // ------------------------------------------------------------------ export, import, clear

  var EXPORT_FORMAT = "xf-study-records";

  /** {format, version, exported (ISO time), progress, wrong, practice}: what 导出学习记录 saves. */
  R.exportData = function () {
    R.load();
    return { format: EXPORT_FORMAT, version: 1, exported: new Date().toISOString(),
      progress: R.progress, wrong: R.wrong, practice: R.practice };
  };

  function today() {
    var date = new Date(), month = date.getMonth() + 1, day = date.getDate();
    return date.getFullYear() + (month < 10 ? "0" : "") + month + (day < 10 ? "0" : "") + day;
  }

  /**
   * 导出记录: download exportData() as 信访条例学习记录-YYYYMMDD.json (what is stored and what lives in
   * this page only). → {ok: true, progress, wrong} (counts) or {ok: false, message} in Chinese.
   */
  R.download = function () {
    var data = R.exportData(), text = JSON.stringify(data, null, 1), document = window.document;
    try {
      var blob = new window.Blob([text], { type: "application/json" });
      var url = window.URL.createObjectURL(blob);
      var link = XF.h("a", { href: url, download: "信访条例学习记录-" + today() + ".json", style: "display:none" });
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      window.setTimeout(function () { window.URL.revokeObjectURL(url); }, 10000);
    } catch (e) {
      return { ok: false, message: "导出失败：这个浏览器不支持下载文件，请换用系统浏览器（如在微信中，点右上角“…”选择“在浏览器打开”）。" };
    }
    return { ok: true, progress: objectSize(data.progress), wrong: objectSize(data.wrong) };
  };

  // Keep the record with more attempts; on a tie, this device's.
  function mergeProgress(mine, theirs) {
    return !mine || theirs.n > mine.n ? theirs : mine;
  }

  // In both: the earlier date it entered, the larger count of mistakes, this device's streak.
  function mergeWrong(mine, theirs) {
    if (!mine) return theirs;
    return { s: mine.s, t: Math.min(mine.t, theirs.t), n: Math.max(mine.n, theirs.n) };
  }

  // Entry by entry into storage; `known(id)`: a question of this site's bank (others are left out).
  function mergeInto(key, valid, incoming, merge, known) {
    var clean = {}, dropped = 0, unknown = 0, saved = 0, unsaved = 0, id;
    if (isPlainObject(incoming)) {
      for (id in incoming) {
        if (!own(incoming, id)) continue;
        if (!valid(id, incoming[id])) dropped += 1;
        else if (!known(id)) unknown += 1;
        else clean[id] = incoming[id];
      }
    } else if (incoming !== undefined) {
      dropped += 1;
    }
    for (id in clean) {
      if (!own(clean, id)) continue;
      var one = XF.store.updateEntry(key, id, valid, function (current) {
        return merge(current, clean[id]);
      });
      if (one.saved) saved += 1;
      else unsaved += 1;
    }
    return { count: objectSize(clean), saved: saved, unsaved: unsaved, dropped: dropped, unknown: unknown };
  }

  /**
   * 导入学习记录: merge the text of an exported file into what is stored (nothing stored is lost).
   * Records of questions not in this site's bank are left out. Returns {ok: true, progress, wrong,
   * dropped, unknown, unsaved} (counts; unsaved: entries storage refused, which last for this page only)
   * or {ok: false, message} in Chinese.
   */
  R.importText = function (text) {
    var data;
    try {
      data = JSON.parse(String(text).replace(/^\uFEFF/, ""));
    } catch (e) {
      return { ok: false, message: "导入失败：这个文件不是有效的 JSON 文件。请选择本站“导出学习记录”保存的 .json 文件。" };
    }
    if (!isPlainObject(data) || data.format !== EXPORT_FORMAT) {
      return { ok: false, message: "导入失败：这个文件不是本站导出的学习记录。请选择“导出学习记录”保存的 .json 文件。" };
    }
    if (data.version !== 1) {
      return { ok: false, message: "导入失败：这个学习记录文件的版本（" + String(data.version) + "）本站不认识，请用新版网站导出的文件。" };
    }
    var summary = XF.summary();
    var known = function (id) { return !summary || own(summary.ids, id); };
    var progress = mergeInto(KEYS.progress, R.validProgressEntry, data.progress, mergeProgress, known);
    var wrong = mergeInto(KEYS.wrong, R.validWrongEntry, data.wrong, mergeWrong, known);
    var position = isPlainObject(data.practice) ? data.practice : {};
    XF.store.update(KEYS.practice, R.validPracticeEntry, function (current) {
      if (!isPlainObject(current.pos)) current.pos = {};
      var pos = isPlainObject(position.pos) ? position.pos : {};
      for (var scope in pos) {
        if (own(pos, scope) && isCount(pos[scope]) && !own(current.pos, scope)) current.pos[scope] = pos[scope];
      }
      if (typeof current.last !== "string" && typeof position.last === "string") current.last = position.last;
    });
    R.load();
    return { ok: true, progress: progress.saved, wrong: wrong.saved, dropped: progress.dropped + wrong.dropped,
      unknown: progress.unknown + wrong.unknown, unsaved: progress.unsaved + wrong.unsaved };
  };

  /** 清除本机记录: remove all the records (and their entry keys) from this browser. */
  R.clear = function () {
    for (var name in KEYS) {
      if (own(KEYS, name)) XF.store.removeEntries(KEYS[name]);
    }
    XF.store.remove(TIME_KEY);
    R.load();
  };

  // ------------------------------------------------------------------ views of the records

  /** {total, seen, right} over these question ids (right: last answer right). */
  R.stats = function (ids) {
    var seen = 0, right = 0;
    for (var i = 0; i < ids.length; i++) {
      var entry = get(R.progress, ids[i]);
      if (entry && entry.n) {
        seen += 1;
        right += entry.last;
      }
    }
    return { total: ids.length, seen: seen, right: right };
  };

  /** Ids in the 错题本 that `known(id)` accepts (questions still in the bank), oldest first. */
  R.wrongIds = function (known) {
    var ids = [], id;
    for (id in R.wrong) {
      if (own(R.wrong, id) && known(id)) ids.push(id);
    }
    ids.sort(function (a, b) { return R.wrong[a].t - R.wrong[b].t; });
    return ids;
  };

  /** Seconds left in the stored exam (0 without one). */
  R.remainingSeconds = function () {
    return R.exam ? (R.exam.deadline - R.examNow()) / 1000 : 0;
  };
})(window, window.XF);
