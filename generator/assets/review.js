/*
 * 信访工作条例学习平台 · 错题本（assets/review.js）
 *
 * The questions answered wrong in practice or the exam, oldest first, practised one at a time like a
 * chapter (XF.session from practice.js); two right answers in a row take a question out.
 * Needs core.js, records.js, view.js, practice.js.
 */
(function (window, document, XF) {
  "use strict";

  var h = XF.h, own = XF.own, Q = XF.quiz, state = Q.state, S = XF.session;

  function startReview() {
    state.session = S.create(Q.wrongIds());
  }

  function emptyReview() {
    return h("div", { className: "xf-empty" }, [
      h("p", { text: "错题本是空的。在分章练习或模拟考试中答错的题会自动收进这里，连续答对两次后移出。" }),
      h("p", {}, [XF.link(Q.pageHref("practice"), "去分章练习", "md-button md-button--primary xf-button"), " ",
        XF.link(Q.pageHref("exam"), "做一套模拟考试", "md-button xf-button")])
    ]);
  }

  var hooks = {
    inReview: true,
    header: function (wrap) {
      var remaining = Q.wrongIds().length;
      wrap.appendChild(h("p", { className: "xf-remaining", "data-remaining": String(remaining) },
        [remaining ? "错题本中还有 " + remaining + " 题。连续答对两次即移出。" : "错题本中已没有题目。"]));
      if (!state.session.ids.length) {
        wrap.appendChild(emptyReview());
        return true;
      }
      return false;
    },
    finished: function (box, actions) {
      if (Q.wrongIds().length) actions.appendChild(XF.button("再练一轮", "restart", { className: "md-button md-button--primary xf-button" }));
      else box.appendChild(emptyReview());
    }
  };

  var actions = {};
  for (var name in S.actions) {
    if (own(S.actions, name)) actions[name] = S.actions[name];
  }
  actions.restart = function () {
    startReview();
    Q.render();
  };

  Q.register("review", {
    questions: true,
    start: startReview,
    view: function () {
      return S.view(hooks);
    },
    actions: actions,
    input: S.input,
    keydown: S.keydown,
    documentKeydown: S.documentKeydown,
    changed: function (name) {
      // Another tab emptied or filled the 错题本: a round not yet started follows it.
      if (name === "wrong" && state.session && !state.session.index && !hasAnswers()) startReview();
    }
  });

  function hasAnswers() {
    for (var id in state.session.answers) {
      if (own(state.session.answers, id)) return true;
    }
    return false;
  }
})(window, document, window.XF);
