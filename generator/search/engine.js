/* The site's Chinese search engine (DESIGN §8). Runs in the search worker (assets/search/worker.js, built
 * by the plugin as MiniSearch + this file + worker.js) and, for tests, in a page. ES5, no dependencies
 * besides MiniSearch (npm, pinned), which provides the inverted index and BM25 scoring.
 *
 * Tokens are those of generator/search/tokens.py, rule for rule: article references → §N (§N-M with an
 * item), numbers with units and the bare number, Han bigrams, vocabulary words of 3–8 characters.
 *
 * Ranking, on top of MiniSearch's BM25 (field boosts: article number ≫ title > text > chapter):
 *   1. coverage: how many of the words the user typed appear whole in the document (a word that is an
 *      article reference counts for that article and for documents citing it);
 *   2. the article the query names by number comes before documents that only cite it;
 *   3. among documents with the same coverage, the law (articles, notice) before our study aids;
 *   4. BM25 score; aids that match no whole word get a lower weight.
 */
(function (root) {
  "use strict";

  var CN_DIGITS = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
    "八": 8, "九": 9 };
  var CN_UNITS = { "十": 10, "百": 100 };
  var NUMBER = "(?:[0-9]+|[零〇一二两三四五六七八九十百]+)";
  var ARTICLE_REF = "第?(" + NUMBER + ")条(?:第(" + NUMBER + ")项)?";
  var UNITS = ["个工作日", "个月", "小时", "工作日", "日", "天", "人", "年", "月", "周", "次", "名", "个", "件", "项",
    "款"];
  var NUMBER_UNIT = "([0-9]+)(" + UNITS.join("|") + ")?";
  var QUANTITY_UNITS = ["个工作日", "个月", "小时", "工作日", "日", "天", "人", "年", "月", "周"];
  var CN_QUANTITY = "([零〇一二两三四五六七八九十百]+)(" + QUANTITY_UNITS.join("|") + ")";
  var HAN = /[\u4e00-\u9fff]+/g;
  var LATIN = /[a-z]+/g;
  var MIN_WORD = 3;
  var MAX_WORD = 8;
  var LAW = { article: true, notice: true };
  var BOOST = { ref: 8, title: 3, text: 1, chapter: 0.5 };
  var AID_WEIGHT = 0.6; // an aid that matches no whole word is usually a paraphrase of an article
  var MAX_RESULTS = 100; // the theme renders ten at a time as the reader scrolls
  var SNIPPET_BEFORE = 18;
  var SNIPPET_LENGTH = 72;

  function normalize(text) {
    return (text.normalize ? text.normalize("NFKC") : text).toLowerCase();
  }

  function parseChinese(text) {
    var total = 0;
    var digit = -1;
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (CN_DIGITS.hasOwnProperty(ch)) {
        digit = CN_DIGITS[ch];
      } else {
        total += (digit < 0 ? 1 : digit) * CN_UNITS[ch];
        digit = -1;
      }
    }
    return total + (digit < 0 ? 0 : digit);
  }

  function toNumber(text) {
    return /^[0-9]+$/.test(text) ? parseInt(text, 10) : parseChinese(text);
  }

  /* {tokens: ["§31", "§31-6"], rest: text with each reference replaced by a space} */
  function articleRefs(text) {
    var tokens = [];
    var rest = text.replace(new RegExp(ARTICLE_REF, "g"), function (whole, article, item) {
      var number = toNumber(article);
      tokens.push("§" + number);
      if (item) {
        tokens.push("§" + number + "-" + toNumber(item));
      }
      return " ";
    });
    return { tokens: tokens, rest: rest };
  }

  function wordsIn(run, words) {
    var found = [];
    for (var start = 0; start < run.length; start++) {
      var longest = Math.min(MAX_WORD, run.length - start);
      for (var size = MIN_WORD; size <= longest; size++) {
        var piece = run.substr(start, size);
        if (words.hasOwnProperty(piece)) {
          found.push(piece);
        }
      }
    }
    return found;
  }

  /* Every token of `text`, repeats kept; `words` is {word: true} (the vocabulary). */
  function tokenize(text, words) {
    var refs = articleRefs(normalize(text));
    var tokens = refs.tokens;
    var rest = refs.rest;
    var match;
    var numberUnit = new RegExp(NUMBER_UNIT, "g");
    while ((match = numberUnit.exec(rest)) !== null) {
      if (match[2]) {
        tokens.push(match[1] + match[2]);
      }
      tokens.push(match[1]);
    }
    var quantity = new RegExp(CN_QUANTITY, "g");
    while ((match = quantity.exec(rest)) !== null) {
      tokens.push(String(parseChinese(match[1])) + match[2]);
    }
    var runs = rest.match(HAN) || [];
    for (var r = 0; r < runs.length; r++) {
      var run = runs[r];
      if (run.length === 1) {
        tokens.push(run);
      }
      for (var i = 0; i + 1 < run.length; i++) {
        tokens.push(run.substr(i, 2));
      }
      tokens = tokens.concat(wordsIn(run, words || {}));
    }
    return tokens.concat(rest.match(LATIN) || []);
  }

  function unique(list) {
    var seen = {};
    return list.filter(function (item) {
      if (seen.hasOwnProperty(item)) {
        return false;
      }
      seen[item] = true;
      return true;
    });
  }

  /* The engine for an index {config: {words: [...]}, docs: [...]} as written by generator/search/index.py. */
  function create(index) {
    var words = {};
    (index.config.words || []).forEach(function (word) { words[word] = true; });
    var docs = index.docs.map(function (doc, id) {
      var plain = normalize(doc.title + "\n" + doc.text);
      var cited = {};
      articleRefs(plain).tokens.forEach(function (token) { cited[token] = true; });
      return { id: id, source: doc, plain: plain, cited: cited };
    });
    var mini = new root.MiniSearch({
      fields: ["ref", "title", "text", "chapter"],
      tokenize: function (text, field) {
        return field === "ref" ? (text ? [text] : []) : tokenize(text, words);
      },
      processTerm: function (term) { return term; },
      searchOptions: { boost: BOOST, prefix: false, fuzzy: false, combineWith: "OR" }
    });
    mini.addAll(docs.map(function (doc) {
      var source = doc.source;
      return { id: doc.id, ref: source.number ? "§" + source.number : "", title: source.title,
        text: source.text, chapter: source.chapter || "" };
    }));
    return { mini: mini, docs: docs, words: words };
  }

  /* The words a user typed: split at spaces and punctuation, normalised. */
  function queryWords(query) {
    return unique(normalize(query).split(/[\s,.;:!?、。，；：！？“”"'（）()《》]+/).filter(Boolean));
  }

  /* For a word that names an article: its tokens (§N, §N-M); otherwise null. */
  function wordRefs(word) {
    var refs = articleRefs(word);
    return refs.tokens.length && !refs.rest.replace(/\s+/g, "") ? refs.tokens : null;
  }

  /* Documents holding every word as typed, scored by how often: for queries that make no index term. */
  function scan(engine, words) {
    var hits = [];
    engine.docs.forEach(function (doc) {
      var count = 0;
      var all = words.every(function (word) {
        var found = doc.plain.split(word).length - 1;
        count += found;
        return found > 0;
      });
      if (all) {
        hits.push({ id: doc.id, score: count, terms: words });
      }
    });
    return hits;
  }

  function rank(engine, query) {
    var words = queryWords(query);
    if (!words.length) {
      return [];
    }
    var hits = engine.mini.search(words.join(" "), {
      tokenize: function (text) { return unique(tokenize(text, engine.words)); }
    });
    if (!hits.length) {
      hits = scan(engine, words); // e.g. a single character, which no bigram holds
    }
    var ranked = hits.map(function (hit) {
      var doc = engine.docs[hit.id];
      var law = LAW.hasOwnProperty(doc.source.kind);
      var covered = 0;
      var named = false;
      words.forEach(function (word) {
        var refs = wordRefs(word);
        if (refs) {
          if (doc.source.kind === "article" && refs[0] === "§" + doc.source.number) {
            named = true;
            covered += 1;
          } else if (doc.cited[refs[refs.length - 1]]) {
            covered += 1;
          }
        } else if (doc.plain.indexOf(word) >= 0) {
          covered += 1;
        }
      });
      var weight = law || covered > 0 ? 1 : AID_WEIGHT;
      return { doc: doc, covered: covered, named: named, law: law, score: hit.score * weight,
        terms: hit.terms };
    }).sort(function (a, b) {
      return (b.covered - a.covered) || (b.named - a.named) || (a.covered > 0 ? b.law - a.law : 0) ||
        (b.score - a.score) || (a.doc.id - b.doc.id);
    });
    // Once an article or the notice has every word, documents with none of them whole are only bigram
    // noise. Not when only aids have them: the article an aid paraphrases may word it differently.
    if (ranked.length && ranked[0].covered === words.length && ranked[0].law) {
      ranked = ranked.filter(function (hit) { return hit.covered > 0; });
    }
    return ranked;
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* The phrase to mark and to carry in the result link: an article reference in its official form
   * (35条 → 第三十五条, 第31条第6项 → 第三十一条第六项). */
  function markWord(word) {
    var refs = wordRefs(word);
    if (!refs) {
      return word;
    }
    var parts = refs[refs.length - 1].substr(1).split("-");
    var label = "第" + chineseNumber(parseInt(parts[0], 10)) + "条";
    return parts.length > 1 ? label + "第" + chineseNumber(parseInt(parts[1], 10)) + "项" : label;
  }

  /* The result link: the item's own anchor when the query names an item of this very article. */
  function location(hit, words) {
    var base = hit.doc.source.location;
    if (!hit.named) {
      return base;
    }
    for (var i = 0; i < words.length; i++) {
      var refs = wordRefs(words[i]);
      if (refs && refs.length > 1 && refs[0] === "§" + hit.doc.source.number) {
        return base + "-" + refs[1].split("-")[1];
      }
    }
    return base;
  }

  function chineseNumber(number) {
    var names = "零一二三四五六七八九";
    var hundreds = Math.floor(number / 100);
    var rest = number % 100;
    var tens = Math.floor(rest / 10);
    var ones = rest % 10;
    var out = "";
    if (hundreds) {
      out += names.charAt(hundreds) + "百" + (rest && !tens ? "零" : "");
    }
    if (tens) {
      out += (tens === 1 && !hundreds ? "" : names.charAt(tens)) + "十";
    }
    return out + (ones ? names.charAt(ones) : "");
  }

  /* A window of the document's text around the first marked phrase, HTML-escaped, phrases in <mark>. */
  function snippet(doc, marks) {
    var text = doc.source.text.replace(/\s*\n\s*/g, " ");
    var plain = normalize(text);
    if (plain.length !== text.length) {
      text = plain; // positions must agree; NFKC changed the length (rare), so show the normalised text
    }
    var first = -1;
    marks.forEach(function (mark) {
      var at = plain.indexOf(mark);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    });
    var start = first > SNIPPET_BEFORE ? first - SNIPPET_BEFORE : 0;
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    var piece = text.substring(start, end).replace(/^\s+|\s+$/g, "");
    var html = escapeHtml(piece);
    if (marks.length) {
      var pattern = new RegExp("(" + marks.map(function (mark) { return escapeRegExp(escapeHtml(mark)); })
        .join("|") + ")", "g");
      html = html.replace(pattern, "<mark>$1</mark>");
    }
    return (start > 0 ? "…" : "") + html + (end < text.length ? "…" : "");
  }

  /* Results in the shape the theme's result list renders: one item (a list of one document) per hit. */
  function results(engine, query) {
    var words = queryWords(query);
    var phrases = words.map(markWord);
    var terms = {};
    phrases.forEach(function (phrase) { terms[phrase] = true; });
    return rank(engine, query).slice(0, MAX_RESULTS).map(function (hit) {
      var marks = phrases.filter(function (phrase) { return hit.doc.plain.indexOf(phrase) >= 0; });
      if (!marks.length) {
        marks = hit.terms.filter(function (term) { return term.length > 1 && term.charAt(0) !== "§"; });
      }
      marks.sort(function (a, b) { return b.length - a.length; });
      return [{
        location: location(hit, words),
        title: escapeHtml(hit.doc.source.title),
        text: "",
        score: hit.score,
        terms: terms,
        tags: [snippet(hit.doc, marks)]
      }];
    });
  }

  root.XF = root.XF || {};
  root.XF.searchEngine = {
    normalize: normalize,
    tokenize: tokenize,
    create: create,
    rank: rank,
    results: results
  };
})(typeof self !== "undefined" ? self : this);
