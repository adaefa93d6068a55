/*
 * 信访工作条例学习平台 · 导出、导入、清除学习记录（assets/backup.js）
 *
 * Under the 错题本 and the home page's progress: 导出学习记录 saves the records as a .json file, 导入学习记录
 * merges such a file into this browser's records (from a phone to a PC, say), 清除本机记录 (asked twice)
 * empties a shared office PC. Needs core.js, records.js, view.js.
 */
(function (window, document, XF) {
  "use strict";

  var h = XF.h, Q = XF.quiz, R = XF.records;

  var local = {
    confirmClear: false,
    message: "",      // the result of the last export, import or clear
    failed: false
  };

  function say(text, failed) {
    local.message = text;
    local.failed = !!failed;
    Q.render();
  }

  function exportRecords() {
    var done = R.download();
    if (!done.ok) say(done.message, true);
    else say("已导出练习记录 " + done.progress + " 题、错题本 " + done.wrong + " 题。在另一台设备上用“导入学习记录”选择这个文件即可合并。");
  }

  function importFile(event) {
    var input = event.currentTarget, file = input.files && input.files[0];
    if (!file) return;
    if (!window.FileReader) {
      say("导入失败：这个浏览器不能读取文件，请换用系统浏览器。", true);
      return;
    }
    var reader = new window.FileReader();
    reader.onload = function () {
      var result = R.importText(reader.result);
      if (!result.ok) {
        say(result.message, true);
        return;
      }
      local.message = (result.unsaved ? "本机存储已满，只保存了" : "已导入") + "练习记录 " + result.progress + " 题、错题本 " + result.wrong +
        " 题，并与本机记录合并（本机已有的记录都保留）。" +
        (result.unknown ? "文件中有 " + result.unknown + " 条记录不是本站题库的题目，已忽略。" : "") +
        (result.dropped ? "文件中有 " + result.dropped + " 条记录无效，已忽略。" : "") +
        (result.unsaved ? "另有 " + result.unsaved + " 条因本机存储已满没能保存，只在本页有效，离开后不会保留。" : "");
      local.failed = result.unsaved > 0;
      Q.restart();
    };
    reader.onerror = function () {
      say("导入失败：无法读取这个文件。", true);
    };
    reader.readAsText(file);
    input.value = "";
  }

  function panel() {
    var box = h("section", { className: "xf-backup", "aria-label": "学习记录" }, [
      h("p", { className: "xf-backup-lead", text: "学习记录只保存在这台设备的浏览器中。换设备时先导出，再在新设备上导入；公用电脑用完请清除。" })
    ]);
    var actions = h("p", { className: "xf-actions" }, [
      XF.button("导出学习记录", "export-records"),
      h("label", { className: "md-button xf-button xf-file" }, [
        "导入学习记录",
        h("input", { type: "file", accept: ".json,application/json", className: "xf-sr", "data-action": "import-records",
          "aria-label": "导入学习记录（选择导出的 .json 文件）", onchange: importFile })
      ]),
      XF.button("清除本机记录", "clear-records")
    ]);
    box.appendChild(actions);
    if (local.confirmClear) {
      box.appendChild(h("div", { className: "xf-confirm", role: "alert" }, [
        h("p", { text: "确定清除这台设备上的全部学习记录（练习记录、错题本、练习位置和模拟考试）吗？清除后不能恢复，需要的话请先导出。" }),
        h("p", { className: "xf-actions" }, [
          XF.button("确定清除", "confirm-clear", { className: "md-button md-button--primary xf-button" }),
          XF.button("取消", "cancel-clear")
        ])
      ]));
    }
    if (local.message) {
      box.appendChild(h("p", { className: "xf-backup-message" + (local.failed ? " xf-hint" : ""),
        role: local.failed ? "alert" : "status", text: local.message }));
    }
    return box;
  }

  Q.extras.push(panel);
  Q.actions["export-records"] = exportRecords;
  Q.actions["clear-records"] = function () {
    local.confirmClear = true;
    Q.render();
    Q.focus("action:cancel-clear", true);
  };
  Q.actions["cancel-clear"] = function () {
    local.confirmClear = false;
    Q.render();
  };
  Q.actions["confirm-clear"] = function () {
    local.confirmClear = false;
    R.clear();
    local.message = "已清除本机的学习记录。";
    local.failed = false;
    Q.restart();
  };
})(window, document, window.XF);
