/*
 * 信访工作条例学习平台 · 学习记录（assets/records.js）
 *
 * XF.records: the learner's records in localStorage (xf.v1.progress, xf.v1.wrong, xf.v1.practice,
 * xf.v1.exam), checked entry by entry when read and changed only through read-merge-write, so that two
 * tabs never erase each other's answers. Needs core.js.
 *
 *   progress: id → {n: attempts, c: correct attempts, last: 1|0}
 *   wrong:    id → {s: correct answers in a row since, t: added (ms), n: times wrong}   (错题本)
 *   practice: {last: scope, pos: {scope: index}}
 *   exam:     {v: 1, seed, ids, answers: {id: response}, started, deadline, submitted, finished?, timeout?}
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
    var time = XF.now();
    if (exam.started > time + 60000) {
      exam.started = time;
      repaired.push("开始时间");
    }
    var longest = (R.examMinutes > 0 ? R.examMinutes : MAX_EXAM_MINUTES) * 60000;
    if (exam.deadline > exam.started + longest) {
      exam.deadline = exam.started + longest;
      repaired.push("截止时间");
    }
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
    var read = XF.store.read(KEYS.progress, R.validProgressEntry);
    keyNote("progress", read);
    R.progress = read.value;
    read = XF.store.read(KEYS.wrong, R.validWrongEntry);
    keyNote("wrong", read);
    R.wrong = read.value;
    read = XF.store.read(KEYS.practice, R.validPracticeEntry);
    keyNote("practice", read);
    R.practice = read.value;
    if (!isPlainObject(R.practice.pos)) R.practice.pos = {};
    R.reloadExam(false);
  };

  /** Re-read the exam state; a repaired one is written back so the repair happens once. */
  R.reloadExam = function (quiet) {
    var raw = XF.store.get(KEYS.exam);
    var stored = raw === null ? readCorrupt(KEYS.exam) : raw;
    R.exam = R.checkExam(stored, quiet);
    if (stored !== null && R.exam === null) XF.store.remove(KEYS.exam);
    else if (R.exam && JSON.stringify(R.exam) !== JSON.stringify(stored)) XF.store.set(KEYS.exam, R.exam);
    return R.exam;
  };

  // store.get() gives null for both "absent" and "not JSON"; tell them apart for the note.
  function readCorrupt(key) {
    var read = XF.store.read(key);
    return read.corrupt ? "corrupt" : null;
  }

  /** Call `callback(name)` after another tab changes one of the records (they are re-read first). */
  R.onChange = function (callback) {
    XF.store.onChange(KEYS.progress, function () { R.progress = XF.store.read(KEYS.progress, R.validProgressEntry).value; callback("progress"); });
    XF.store.onChange(KEYS.wrong, function () { R.wrong = XF.store.read(KEYS.wrong, R.validWrongEntry).value; callback("wrong"); });
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
   * streak; STREAK_TO_LEAVE correct answers in a row take it out). Returns whether it left the 错题本.
   */
  R.record = function (id, correct) {
    var left = false;
    R.progress = XF.store.update(KEYS.progress, R.validProgressEntry, function (progress) {
      var entry = get(progress, id) || { n: 0, c: 0, last: 0 };
      entry.n += 1;
      if (correct) entry.c += 1;
      entry.last = correct ? 1 : 0;
      progress[id] = entry;
    });
    var before = get(XF.store.read(KEYS.wrong, R.validWrongEntry).value, id);
    if (!correct || before) {
      R.wrong = XF.store.update(KEYS.wrong, R.validWrongEntry, function (wrong) {
        var entry = get(wrong, id);
        if (!correct) {
          wrong[id] = { s: 0, t: entry ? entry.t : XF.now(), n: (entry ? entry.n : 0) + 1 };
        } else if (entry) {
          entry.s += 1;
          if (entry.s >= STREAK_TO_LEAVE) {
            delete wrong[id];
            left = true;
          }
        }
      });
    }
    return left;
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
    var next = change(current);
    if (next === undefined) next = current;
    if (next === null) XF.store.remove(KEYS.exam);
    else XF.store.set(KEYS.exam, next);
    R.exam = next;
    return next;
  };

  // ------------------------------------------------------------------ export, import, clear

  var EXPORT_FORMAT = "xf-study-records";

  /** {format, version, exported (ISO time), progress, wrong, practice}: what 导出学习记录 saves. */
  R.exportData = function () {
    R.load();
    return { format: EXPORT_FORMAT, version: 1, exported: new Date().toISOString(),
      progress: R.progress, wrong: R.wrong, practice: R.practice };
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

  function mergeInto(key, valid, incoming, merge) {
    var clean = {}, dropped = 0, added = 0, id;
    if (isPlainObject(incoming)) {
      for (id in incoming) {
        if (!own(incoming, id)) continue;
        if (valid(id, incoming[id])) clean[id] = incoming[id];
        else dropped += 1;
      }
    } else if (incoming !== undefined) {
      dropped += 1;
    }
    var value = XF.store.update(key, valid, function (current) {
      for (id in clean) {
        if (!own(clean, id)) continue;
        if (!own(current, id)) added += 1;
        current[id] = merge(get(current, id), clean[id]);
      }
    });
    return { value: value, count: objectSize(clean), added: added, dropped: dropped };
  }

  /**
   * 导入学习记录: merge the text of an exported file into what is stored (nothing stored is lost).
   * Returns {ok: true, progress, wrong, dropped} (counts) or {ok: false, message} in Chinese.
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
    var progress = mergeInto(KEYS.progress, R.validProgressEntry, data.progress, mergeProgress);
    var wrong = mergeInto(KEYS.wrong, R.validWrongEntry, data.wrong, mergeWrong);
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
    return { ok: true, progress: progress.count, wrong: wrong.count, dropped: progress.dropped + wrong.dropped };
  };

  /** 清除本机记录: remove all four records from this browser. */
  R.clear = function () {
    for (var name in KEYS) {
      if (own(KEYS, name)) XF.store.remove(KEYS[name]);
    }
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
    return R.exam ? (R.exam.deadline - XF.now()) / 1000 : 0;
  };
})(window, window.XF);
