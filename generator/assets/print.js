/* 打印本章题目：练习页上的两个按钮，把本章全部题目排成讲义打印（不含答案 / 含答案和解析）。
 * Classic ES5 script under window.XF; every piece of bank text goes in with textContent. Styles: print.css. */
(function () {
  "use strict";
  var XF = window.XF = window.XF || {};
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var TYPES = [["single", "单项选择题"], ["multiple", "多项选择题"], ["judge", "判断题"], ["fill", "填空题"]];
  var PRINTING = "xf-printing-handout";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function answerText(q) {
    var i, letters = "";
    if (q.type === "judge") return q.answer === true ? "正确" : "错误";
    if (q.type === "fill") {
      var blanks = [];
      for (i = 0; i < q.answer.length; i++) blanks.push(String(q.answer[i][0]));
      return blanks.join("；");
    }
    var right = q.type === "single" ? [q.answer] : q.answer;
    for (i = 0; i < q.options.length; i++) if (right.indexOf(q.options[i]) >= 0) letters += LETTERS.charAt(i);
    return letters;
  }

  /* The handout node for one scope: questions by type, options in the bank's (display) order. */
  function handout(bank, scope, withAnswers) {
    var root = el("div", "xf-handout"), number = 0, title = scope;
    root.setAttribute("data-answers", withAnswers ? "yes" : "no");
    for (var s = 0; s < bank.scopes.length; s++) if (bank.scopes[s].key === scope) title = bank.scopes[s].title;
    root.appendChild(el("h1", "", title + " 练习题" + (withAnswers ? "（含答案）" : "")));
    root.appendChild(el("p", "xf-handout-meta", "姓名：＿＿＿＿＿＿　单位：＿＿＿＿＿＿＿＿　得分：＿＿＿＿"));
    for (var t = 0; t < TYPES.length; t++) {
      var questions = [];
      for (var i = 0; i < bank.questions.length; i++) {
        var q = bank.questions[i];
        if (q.scope === scope && q.type === TYPES[t][0]) questions.push(q);
      }
      if (!questions.length) continue;
      var heading = el("h2", "", TYPES[t][1] + "（" + questions.length + " 题）");
      for (var k = 0; k < questions.length; k++) {
        number += 1;
        var item = itemNode(questions[k], number, withAnswers);
        // The heading goes inside the first question's block, so it can never end a page alone.
        if (k === 0) item.insertBefore(heading, item.firstChild);
        root.appendChild(item);
      }
    }
    return root;
  }

  function itemNode(q, number, withAnswers) {
    var item = el("div", "xf-handout-item");
    item.setAttribute("data-question-id", q.id);
    var stem = String(q.stem).split("____").join("＿＿＿＿");
    item.appendChild(el("p", "xf-handout-stem", number + ". " + stem + (q.type === "judge" ? "（　　）" : "")));
    if (q.options && q.options.length) {
      var list = el("ol", "xf-handout-options");
      for (var o = 0; o < q.options.length; o++) list.appendChild(el("li", "", LETTERS.charAt(o) + ". " + q.options[o]));
      item.appendChild(list);
    }
    if (withAnswers) {
      var answer = el("p", "xf-handout-answer");
      answer.appendChild(el("strong", "", "答案："));
      answer.appendChild(document.createTextNode(answerText(q)));
      item.appendChild(answer);
      if (q.explanation) item.appendChild(el("p", "xf-handout-explanation", "解析：" + q.explanation));
    }
    return item;
  }

  function printHandout(scope, withAnswers) {
    var old = document.querySelector("body > .xf-handout");
    if (old) old.parentNode.removeChild(old);
    document.body.appendChild(handout(window.XF_BANK, scope, withAnswers));
    document.documentElement.className += " " + PRINTING;
    window.print();
  }

  function init() {
    var bank = window.XF_BANK, container = document.querySelector('.xf-quiz[data-mode="practice"]');
    if (!bank || !container || !container.getAttribute("data-scope")) return;
    var scope = container.getAttribute("data-scope"), count = 0;
    for (var i = 0; i < bank.questions.length; i++) if (bank.questions[i].scope === scope) count += 1;
    if (!count || document.querySelector(".xf-print-actions")) return;
    var bar = el("p", "xf-print-actions");
    var plain = el("button", "md-button xf-button", "打印本章题目");
    var full = el("button", "md-button xf-button", "打印本章题目（含答案）");
    plain.type = full.type = "button";
    plain.setAttribute("data-print", "questions");
    full.setAttribute("data-print", "answers");
    plain.onclick = function () { printHandout(scope, false); };
    full.onclick = function () { printHandout(scope, true); };
    bar.appendChild(plain);
    bar.appendChild(document.createTextNode(" "));
    bar.appendChild(full);
    container.parentNode.insertBefore(bar, container);
  }

  // After printing, the page prints normally again (Ctrl+P prints what is on screen).
  window.addEventListener("afterprint", function () {
    document.documentElement.className = document.documentElement.className.replace(" " + PRINTING, "");
  });

  XF.print = { handout: handout, answerText: answerText };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
