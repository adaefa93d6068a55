/* Printing (loaded on every page; styles in print.css):
 * - 打印本章题目 on a practice page: the chapter's questions as a handout, without answers, with the answer
 *   and explanation after each question, or with a compact key (题号 → 答案 table) at the end;
 * - 打印本条 beside each article heading of a chapter page: prints that article alone.
 * Classic ES5 script under window.XF; every piece of bank text goes in with textContent. */
(function () {
  "use strict";
  var XF = window.XF = window.XF || {};
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var TYPES = [["single", "单项选择题"], ["multiple", "多项选择题"], ["judge", "判断题"], ["fill", "填空题"]];
  var PRINTING = "xf-printing-handout", PRINTING_ARTICLE = "xf-printing-article", KEY_COLUMNS = 10;

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

  /* The handout node for one scope: questions by type, options in the bank's (display) order. `answers`:
     false (questions only), true (answer and explanation after each question) or "key" (a 题号 → 答案
     table at the end). */
  function handout(bank, scope, answers) {
    var root = el("div", "xf-handout"), number = 0, title = scope, keyed = [];
    var withAnswers = answers === true;
    root.setAttribute("data-answers", answers === "key" ? "key" : withAnswers ? "yes" : "no");
    for (var s = 0; s < bank.scopes.length; s++) if (bank.scopes[s].key === scope) title = bank.scopes[s].title;
    root.appendChild(el("h1", "", title + " 练习题" + (withAnswers ? "（含答案）" : answers === "key" ? "（附答案表）" : "")));
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
        keyed.push(answerText(questions[k]));
        // The heading goes inside the first question's block, so it can never end a page alone.
        if (k === 0) item.insertBefore(heading, item.firstChild);
        root.appendChild(item);
      }
    }
    if (answers === "key") root.appendChild(keyTable(keyed));
    return root;
  }

  /* 答案表: rows of KEY_COLUMNS questions, the numbers over their answers. */
  function keyTable(keyed) {
    var box = el("section", "xf-handout-key"), table = el("table");
    box.appendChild(el("h2", "", "答案"));
    for (var start = 0; start < keyed.length; start += KEY_COLUMNS) {
      var numbers = el("tr"), answers = el("tr");
      for (var i = start; i < start + KEY_COLUMNS; i++) {
        numbers.appendChild(el("th", "", i < keyed.length ? String(i + 1) : ""));
        var cell = el("td", "", i < keyed.length ? keyed[i] : "");
        if (i < keyed.length) cell.setAttribute("data-number", String(i + 1));
        answers.appendChild(cell);
      }
      table.appendChild(numbers);
      table.appendChild(answers);
    }
    box.appendChild(table);
    return box;
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

  function printHandout(scope, answers) {
    var old = document.querySelector("body > .xf-handout");
    if (old) old.parentNode.removeChild(old);
    document.body.appendChild(handout(window.XF_BANK, scope, answers));
    document.documentElement.className += " " + PRINTING;
    window.print();
  }

  /* 打印本条: the article is its heading and everything up to the next article heading. */
  function articleParts(heading) {
    var parts = [heading], node = heading.nextElementSibling;
    while (node && !(node.tagName === "H2" && /^article-/.test(node.id)) && node.tagName !== "H1") {
      parts.push(node);
      node = node.nextElementSibling;
    }
    return parts;
  }

  function printArticle(heading) {
    var parts = articleParts(heading);
    for (var i = 0; i < parts.length; i++) parts[i].className += " xf-print-target";
    document.documentElement.className += " " + PRINTING_ARTICLE;
    window.print();
  }

  function initArticles() {
    var headings = document.querySelectorAll(".md-content__inner > h2[id^='article-']");
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].querySelector(".xf-print-article")) continue;
      var button = el("button", "xf-print-article", "打印本条");
      button.type = "button";
      button.setAttribute("data-action", "print-article");
      // The accessible name starts with the visible words (WCAG 2.5.3, axe label-content-name-mismatch).
      button.setAttribute("aria-label", "打印本条：" + headings[i].textContent.replace("¶", "").trim());
      button.onclick = (function (heading) { return function () { printArticle(heading); }; })(headings[i]);
      var link = headings[i].querySelector(".headerlink");
      headings[i].insertBefore(button, link);
    }
  }

  function initHandout() {
    var bank = window.XF_BANK, container = document.querySelector('.xf-quiz[data-mode="practice"]');
    if (!bank || !container || !container.getAttribute("data-scope")) return;
    var scope = container.getAttribute("data-scope"), count = 0;
    for (var i = 0; i < bank.questions.length; i++) if (bank.questions[i].scope === scope) count += 1;
    if (!count || document.querySelector(".xf-print-actions")) return;
    var bar = el("p", "xf-print-actions");
    // Short visible labels keep the bar one line on a phone; the accessible names say the whole action.
    var plain = el("button", "md-button xf-button", "打印本章题目");
    var full = el("button", "md-button xf-button", "含答案");
    var keyed = el("button", "md-button xf-button", "附答案表");
    plain.type = full.type = keyed.type = "button";
    full.setAttribute("aria-label", "含答案：打印本章题目，每题后附答案和解析");
    keyed.setAttribute("aria-label", "附答案表：打印本章题目，末尾附答案表");
    full.title = "打印本章题目，每题后附答案和解析";
    keyed.title = "打印本章题目，末尾附“题号 → 答案”表";
    plain.setAttribute("data-print", "questions");
    full.setAttribute("data-print", "answers");
    keyed.setAttribute("data-print", "key");
    plain.onclick = function () { printHandout(scope, false); };
    full.onclick = function () { printHandout(scope, true); };
    keyed.onclick = function () { printHandout(scope, "key"); };
    bar.appendChild(plain);
    bar.appendChild(document.createTextNode(" "));
    bar.appendChild(full);
    bar.appendChild(document.createTextNode(" "));
    bar.appendChild(keyed);
    container.parentNode.insertBefore(bar, container);
  }

  function init() {
    initHandout();
    initArticles();
  }

  // After printing, the page prints normally again (Ctrl+P prints what is on screen).
  window.addEventListener("afterprint", function () {
    var root = document.documentElement;
    root.className = root.className.replace(" " + PRINTING, "").replace(" " + PRINTING_ARTICLE, "");
    var targets = document.querySelectorAll(".xf-print-target");
    for (var i = 0; i < targets.length; i++) targets[i].className = targets[i].className.replace(" xf-print-target", "");
  });

  XF.print = { handout: handout, answerText: answerText, article: printArticle };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
