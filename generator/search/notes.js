/* What the search has to say above the theme's result list (issue 18): "条例中没有找到直接相关的规定"
 * with the nearest articles, or "已按“复查”搜索" when a typo was searched by its sound.
 *
 * The worker (engine.js `results`) cannot reach the page; it sends the note as a first result whose link
 * ends in #xf-search-note?kind=…&count=…&searched=…. This script, loaded on every page with a search box,
 * watches the theme's result list and, in the same task as the theme renders it (before the reader sees
 * it), removes that item, puts the note above the list (test hook: data-search-note="no-direct-answer" or
 * "corrected") and corrects the count line. With no direct answer, the results that follow are the nearest
 * articles: they move under the note as plain links, not .md-search-result__link, so they are not counted
 * as results. Text goes in as text. ES5, no dependencies. */
(function () {
  "use strict";

  var NOTE = "#xf-search-note";

  function parameters(href) {
    var found = {};
    var at = href.indexOf(NOTE + "?");
    if (at < 0) {
      return found;
    }
    href.substr(at + NOTE.length + 1).split("&").forEach(function (pair) {
      var parts = pair.split("=");
      try {
        found[parts[0]] = decodeURIComponent(parts[1] || "");
      } catch (error) {
        found[parts[0]] = "";
      }
    });
    return found;
  }

  function countLine(count) {
    if (count === 0) {
      return "没有找到符合条件的结果";
    }
    return count === 1 ? "找到 1 个符合条件的结果" : count + " 个符合条件的结果";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function itemOf(node) {
    while (node && !(node.classList && node.classList.contains("md-search-result__item"))) {
      node = node.parentNode;
    }
    return node;
  }

  /* The nearest articles, moved out of the result list into the note as plain links. */
  function nearestList(list) {
    var nearest = element("ol", "xf-search-nearest");
    var items = list.querySelectorAll(".md-search-result__item");
    for (var i = 0; i < items.length; i++) {
      var link = items[i].querySelector("a.md-search-result__link");
      var title = items[i].querySelector("h1, h2");
      var snippet = items[i].querySelector(".md-tag");
      if (link && title) {
        var entry = element("li", "xf-search-nearest__item");
        var anchor = element("a", "xf-search-nearest__link", title.textContent);
        anchor.href = link.href;
        entry.appendChild(anchor);
        if (snippet) {
          entry.appendChild(element("div", "xf-search-nearest__text", snippet.textContent));
        }
        nearest.appendChild(entry);
      }
      items[i].parentNode.removeChild(items[i]);
    }
    return nearest;
  }

  function update(list, meta) {
    var container = list.parentNode;
    var old = container.querySelectorAll(".xf-search-note");
    for (var i = 0; i < old.length; i++) {
      old[i].parentNode.removeChild(old[i]);
    }
    var link = list.querySelector("a.md-search-result__link[href*='" + NOTE + "']");
    if (!link) {
      return;
    }
    var said = parameters(link.getAttribute("href"));
    var item = itemOf(link);
    item.parentNode.removeChild(item);
    var note = element("div", "xf-search-note");
    note.setAttribute("data-search-note", said.kind === "no-direct-answer" ? "no-direct-answer" : "corrected");
    if (said.searched) {
      note.appendChild(element("p", "xf-search-note__searched", "已按“" + said.searched + "”搜索"));
    }
    if (said.kind === "no-direct-answer") {
      note.appendChild(element("p", "xf-search-note__head", "条例中没有找到直接相关的规定"));
      var nearest = nearestList(list);
      if (nearest.childNodes.length) {
        note.appendChild(element("p", "xf-search-note__hint", "最接近的条文（仅供参考）："));
        note.appendChild(nearest);
      }
      meta.textContent = countLine(0);
    } else {
      meta.textContent = countLine(parseInt(said.count, 10) || 0);
    }
    container.insertBefore(note, list);
  }

  // The theme searches on keyup only: text that arrives without a key (pasted, picked from a Chinese input
  // method's candidates, dictated) would sit in the box with "键入以开始搜索" until another key is pressed.
  // Such input gets the keyup the theme waits for (a repeated query is ignored by the theme).
  function keyupOnInput(box) {
    function poke() {
      var event;
      try {
        event = new KeyboardEvent("keyup", { bubbles: true });
      } catch (error) {
        event = document.createEvent("Event");
        event.initEvent("keyup", true, false);
      }
      box.dispatchEvent(event);
    }
    box.addEventListener("input", function (event) {
      if (!event.isComposing) {
        poke();
      }
    });
    box.addEventListener("compositionend", poke);
  }

  function start() {
    var box = document.querySelector(".md-search__input");
    if (box) {
      keyupOnInput(box);
    }
    var list = document.querySelector(".md-search-result__list");
    var meta = document.querySelector(".md-search-result__meta");
    if (!list || !meta || typeof MutationObserver === "undefined") {
      return;
    }
    // The theme rewrites the count line on every answer, the list only when there is something to list
    // (emptying an empty list is no change): watching both clears a note when the box is cleared.
    function watch() {
      observer.observe(list, { childList: true });
      observer.observe(meta, { childList: true, characterData: true, subtree: true });
    }
    var observer = new MutationObserver(function () {
      observer.disconnect();
      try {
        update(list, meta);
      } finally {
        watch();
      }
    });
    watch();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
