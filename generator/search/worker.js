/* The search worker behind the theme's search box: it speaks the theme's worker protocol (the theme posts
 * {type: 0 SETUP, data: {config, docs}} once and {type: 2 QUERY, data: "…"} per keystroke; it waits for
 * {type: 1 READY} and {type: 3 RESULT, data: {items: [...]}}) and answers with XF.searchEngine.
 * The theme loads it as a Web Worker over http and through the iframe-worker shim over file://; both give
 * this script the globals addEventListener and postMessage. ES5. */
(function (root) {
  "use strict";

  var SETUP = 0;
  var READY = 1;
  var QUERY = 2;
  var RESULT = 3;
  var engine = null;

  addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      engine = root.XF.searchEngine.create(message.data);
      postMessage({ type: READY });
    } else if (message.type === QUERY) {
      var items = [];
      try {
        items = engine ? root.XF.searchEngine.results(engine, String(message.data)) : [];
      } catch (error) {
        console.warn("搜索出错：", error);
      }
      postMessage({ type: RESULT, data: { items: items } });
    }
  });
})(typeof self !== "undefined" ? self : this);
