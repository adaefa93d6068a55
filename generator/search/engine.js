/* The site's Chinese search engine (DESIGN §8). Runs in the search worker (assets/search/worker.js, built
 * by the plugin as MiniSearch + this file + worker.js) and, for tests, in a page. ES5, no dependencies
 * besides MiniSearch (npm, pinned), which provides the inverted index and BM25 scoring.
 *
 * Tokens are those of generator/search/tokens.py, rule for rule: article references → §N (§N-M with an
 * item), numbers with units and the bare number, Han bigrams, vocabulary words of 3–8 characters.
 *
 * A query is read as units (queryUnits): article references; numbers typed loosely (60天 → 60日, 五个人 →
 * 5人, 两个月 → 2个月 or 60日); for each Han run, the run as typed when an article has it, else its pieces
 * (segment: the dictionary's entries, vocabulary words, the texts' character pairs). The dictionary
 * (config.dictionary, search/synonyms.yml) drops fillers (请问, 吗, 怎么办), maps question words to what they
 * ask for (多久 → 期限, 日内) and everyday words to the text's (信访局 → 信访部门); characters that make no
 * word of the texts are taken by their toneless pinyin (受里 → 受理, config.pinyin), else they are content
 * the texts lack.
 *
 * Ranking (rank): coverage, the share of the query's units a document holds, each weighted by its rarity
 * and its kind (see WEIGHT and the factors below), blended with MiniSearch's BM25 (field boosts: article
 * number ≫ title > text > chapter); the article a query names by number first; articles before the notice,
 * the notice before study aids, for the same words. Below FLOOR the query has no direct answer: the worker
 * says so (notes.js shows it) with the nearest articles. A single character lists every document holding
 * it, articles first.
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
  var BOOST = { ref: 8, title: 3, text: 1, chapter: 0.5 };
  // How a document matched a unit of the query: as typed, by the text's word for an everyday one, by the
  // word a homophone typo stands for.
  var WEIGHT = { literal: 1, synonym: 0.8, typo: 0.9 };
  var QUESTION_FACTOR = 0.5; // 多久 → 期限: what a question word asks for counts half
  var COMMON_FACTOR = 0.25; // 信访, 条例, 信访人 …: in most documents, they must not carry a ranking
  var PARTICLES = "的吗呢吧啊呀嘛"; // fillers that never start a word of the law in a query
  var COUNT_WORD = /^[一二两三四五六七八九十几]+[个项条种类]$/; // 四个到位: the count names the list, not its content
  var LOOSE_FACTOR = 0.8; // characters that form no word of the texts (路费报销): content the law lacks
  var SINGLE_FACTOR = 0.3; // a character left over between words (后, 最, 派) is rarely what is asked
  var BLEND = 0.12; // how much BM25 (relative to the best) and the kind of document move a ranking
  var FLOOR = 0.55; // below this share of the query's content: 条例中没有找到直接相关的规定
  var RELATIVE = 0.5; // the list keeps documents with at least this share of the best one's coverage
  var NEAREST = 3; // articles shown under the no-answer note
  var KIND_RANK = { article: 0, notice: 1 }; // then study aids (2)
  // A study aid paraphrases several articles and so holds more of a question's words than the one article
  // that answers it; the notice restates articles. Their coverage counts for less.
  var KIND_WEIGHT = [1, 0.9, 0.75];
  var NOTE = "#xf-search-note"; // the location of the note item (see results)
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

  /* The engine for an index {config: {words, dictionary, pinyin}, docs: [...]} as written by
   * generator/search/index.py. */
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
    // The corpus's character pairs and characters: with the vocabulary, the pieces a query is cut into.
    var bigrams = {};
    var chars = {};
    docs.forEach(function (doc) {
      (doc.plain.match(HAN) || []).forEach(function (run) {
        for (var i = 0; i < run.length; i++) {
          chars[run.charAt(i)] = true;
          if (i + 1 < run.length) {
            bigrams[run.substr(i, 2)] = true;
          }
        }
      });
    });
    var dictionary = index.config.dictionary || {};
    var keys = {}; // what people type → {kind: "filler" | "question" | "synonym", means: [the text's words]}
    (dictionary.fillers || []).forEach(function (word) { keys[word] = { kind: "filler", means: [] }; });
    [["question", dictionary.questions], ["synonym", dictionary.synonyms]].forEach(function (section) {
      (section[1] || []).forEach(function (pair) {
        pair[0].forEach(function (word) { keys[word] = { kind: section[0], means: pair[1] }; });
      });
    });
    var common = {};
    (dictionary.common || []).forEach(function (word) { common[word] = true; });
    var engine = { mini: mini, docs: docs, words: words, bigrams: bigrams, chars: chars, keys: keys,
      common: common, pinyin: index.config.pinyin || null, sounds: null, byLength: {}, counts: {} };
    sounds(engine); // at start-up, not on the keystroke of the first typo
    return engine;
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

  /* How many documents hold `text` (memoised per engine). */
  function count(engine, text) {
    if (!engine.counts.hasOwnProperty(text)) {
      engine.counts[text] = engine.docs.filter(function (doc) { return doc.plain.indexOf(text) >= 0; }).length;
    }
    return engine.counts[text];
  }

  /* ---- typo tolerance: characters compared by toneless pinyin (generator/search/pinyin.py) ---- */

  /* {character: [readings]} from the index's table: GB 2312 level 1 decoded from its codes, main readings
   * as runs over that order, then the other readings of the texts' characters. null when the browser has
   * no GBK decoder (typo tolerance is then off). */
  function sounds(engine) {
    if (engine.sounds !== null || !engine.pinyin) {
      return engine.sounds;
    }
    engine.sounds = false;
    var table = engine.pinyin;
    var bytes = [];
    for (var row = 0xb0; row <= 0xd7; row++) {
      for (var cell = 0xa1; cell <= (row === 0xd7 ? 0xf9 : 0xfe); cell++) {
        bytes.push(row, cell);
      }
    }
    var level1;
    try {
      level1 = new TextDecoder("gbk").decode(new Uint8Array(bytes));
    } catch (error) {
      return engine.sounds;
    }
    var found = {};
    var at = 0;
    for (var r = 0; r + 1 < table.runs.length; r += 2) {
      for (var n = 0; n < table.runs[r + 1]; n++) {
        found[level1.charAt(at++)] = [table.syllables[table.runs[r]]];
      }
    }
    Object.keys(table.extra || {}).forEach(function (ch) {
      found[ch] = (found[ch] || []).concat(table.extra[ch].split(" "));
    });
    engine.sounds = found;
    return found;
  }

  function soundsAlike(table, a, b) {
    var first = table[a];
    var second = table[b];
    if (!first || !second) {
      return false;
    }
    for (var i = 0; i < first.length; i++) {
      if (second.indexOf(first[i]) >= 0) {
        return true;
      }
    }
    return false;
  }

  /* The index word that sounds like `typed` (same length, at least one character the same, every other
   * character a homophone), the one in most documents; null when none. */
  function soundAlike(engine, typed) {
    var table = sounds(engine);
    var size = typed.length;
    if (!table || size < 2) {
      return null;
    }
    if (!engine.byLength[size]) {
      engine.byLength[size] = Object.keys(size === 2 ? engine.bigrams : engine.words).filter(function (word) {
        return word.length === size;
      });
    }
    var best = null;
    var bestCount = 0;
    engine.byLength[size].forEach(function (word) {
      var same = 0;
      for (var i = 0; i < size; i++) {
        var a = typed.charAt(i);
        var b = word.charAt(i);
        if (a === b) {
          same += 1;
        } else if (!soundsAlike(table, a, b)) {
          return;
        }
      }
      if (same > 0 && same < size) {
        var found = same * 1000 + count(engine, word); // most characters as typed, then most documents
        if (found > bestCount) {
          best = word;
          bestCount = found;
        }
      }
    });
    return best;
  }

  function alikeWord(engine, typed, group) {
    return typed.length > 2 || typed.length === group ? soundAlike(engine, typed) : null;
  }

  function hasAlike(engine, loose) {
    for (var at = 0; at + 1 < loose.length; at++) {
      for (var size = 2; at + size <= loose.length; size++) {
        if (alikeWord(engine, loose.substr(at, size), loose.length)) {
          return true;
        }
      }
    }
    return false;
  }

  /* ---- from a query to its units: what must be found, each with its alternatives and weight ---- */

  var LOOSE_NUMBER = /([0-9]+|[零〇一二两三四五六七八九十百]+)(个工作日|个月|个人|工作日|小时|日|天|人|名|年|周)|([0-9]+)/g;

  function literal(text) {
    return { alts: [[text, WEIGHT.literal]], factor: 1, shown: text };
  }

  /* 60天 → 60日 (or 60个工作日, weighing less), 五个人 → 5人, 两个月 → 2个月 or 60日; a bare 15 → 15. */
  function numberUnit(number, unit, bare) {
    if (bare) {
      return { alts: [[bare, WEIGHT.literal, new RegExp("(^|[^0-9])" + bare + "(?![0-9])")]], factor: 1,
        shown: bare };
    }
    var value = toNumber(number);
    if (unit === "天" || unit === "日") {
      return { alts: [[value + "日", WEIGHT.literal], [value + "个工作日", WEIGHT.synonym]], factor: 1,
        shown: value + "日" };
    }
    if (unit === "工作日" || unit === "个工作日") {
      return { alts: [[value + "个工作日", WEIGHT.literal], [value + "日", WEIGHT.synonym]], factor: 1,
        shown: value + "个工作日" };
    }
    if (unit === "个人" || unit === "人" || unit === "名") {
      return literal(value + "人");
    }
    if (unit === "个月") {
      return { alts: [[value + "个月", WEIGHT.literal], [value * 30 + "日", WEIGHT.synonym]], factor: 1,
        shown: value + "个月" };
    }
    return literal(value + unit);
  }

  /* A dictionary entry as typed: a question word asks for its terms at a lower weight; an everyday word
   * finds itself (where the texts use it) and the text's words. */
  function keyUnit(engine, piece) {
    var key = engine.keys[piece];
    if (key.kind === "question") {
      return { alts: key.means.map(function (word) { return [word, WEIGHT.literal]; }), factor: QUESTION_FACTOR,
        shown: piece, intent: true };
    }
    var alts = count(engine, piece) ? [[piece, WEIGHT.literal]] : [];
    return { alts: alts.concat(key.means.map(function (word) { return [word, WEIGHT.synonym]; })), factor: 1,
      shown: piece };
  }

  /* The piece scores of the segmentation: dictionary entries first, then longer index words. */
  function pieceScore(engine, piece) {
    var size = piece.length;
    if (PARTICLES.indexOf(piece) >= 0 && engine.keys.hasOwnProperty(piece)) {
      return 3.5; // 的主要 is 的 + 主要, not 的主 + 要
    }
    if (engine.keys.hasOwnProperty(piece)) {
      return size * size + 1;
    }
    if (size === 1) {
      return 1;
    }
    if (size === 2) {
      // Ties (几|个代|表 or 几|个|代表) go to the pair more documents use.
      return engine.bigrams.hasOwnProperty(piece) ? 4 + 0.1 * Math.log(1 + count(engine, piece)) : 0;
    }
    return engine.words.hasOwnProperty(piece) ? size * size : 0;
  }

  /* A Han run that is no dictionary entry and not in the texts as typed, cut into the pieces that score
   * most (dictionary entries, vocabulary words, the texts' character pairs, single characters). */
  function segment(engine, run) {
    var best = [0];
    var back = [];
    for (var end = 1; end <= run.length; end++) {
      best[end] = -1;
      for (var size = 1; size <= Math.min(MAX_WORD, end); size++) {
        var score = pieceScore(engine, run.substr(end - size, size));
        if (score > 0 && best[end - size] + score > best[end]) {
          best[end] = best[end - size] + score;
          back[end] = size;
        }
      }
    }
    var pieces = [];
    for (var at = run.length; at > 0; at -= back[at]) {
      pieces.unshift(run.substr(at - back[at], back[at]));
    }
    return pieces;
  }

  /* Single characters left between pieces: as typed when the texts have them, else by sound; a group of
   * characters that is neither is content the texts lack (one unit that matches nothing). */
  function looseUnits(engine, loose, out) {
    if (loose.length > 1 && count(engine, loose)) {
      out.units.push(literal(loose));
      return;
    }
    if (loose.length > 1 && !hasAlike(engine, loose)) {
      var unknown = literal(loose);
      unknown.factor = LOOSE_FACTOR;
      out.units.push(unknown);
      return;
    }
    var at = 0;
    while (at < loose.length) {
      var size = Math.min(MAX_WORD, loose.length - at);
      var fixed = null;
      // A pair inside a longer group (员考试报名 → 时报) is too weak a guess; a longer word is not.
      while (size >= 2 && !(fixed = alikeWord(engine, loose.substr(at, size), loose.length))) {
        size -= 1;
      }
      if (fixed) {
        out.units.push(typoUnit(fixed, loose.substr(at, size), out));
        at += size;
      } else {
        var single = literal(loose.charAt(at));
        single.factor = SINGLE_FACTOR;
        out.units.push(single);
        at += 1;
      }
    }
  }

  function inArticles(engine, text) {
    return engine.docs.some(function (doc) {
      return doc.source.kind === "article" && doc.plain.indexOf(text) >= 0;
    });
  }

  function typoUnit(fixed, typed, out) {
    out.corrections.push(fixed);
    return { alts: [[fixed, WEIGHT.typo]], factor: 1, shown: fixed, typed: typed };
  }

  function pieceUnit(engine, piece) {
    if (engine.keys.hasOwnProperty(piece)) {
      return engine.keys[piece].kind === "filler" ? null : keyUnit(engine, piece);
    }
    var unit = literal(piece);
    if (COUNT_WORD.test(piece)) {
      unit.factor = SINGLE_FACTOR;
    }
    return unit;
  }

  /* One Han run of the query: a dictionary entry; the run as typed when an article has it; a word that
   * sounds like it; else its pieces (segment), with the characters left between them taken by sound
   * together with a neighbouring piece where that makes a word of the texts (复合意见 → 复核意见). */
  function runUnits(engine, run, out) {
    if (engine.keys.hasOwnProperty(run)) {
      var unit = pieceUnit(engine, run);
      if (unit) {
        out.units.push(unit);
      }
      return;
    }
    if (inArticles(engine, run) || (run.length <= 2 && count(engine, run))) {
      out.units.push(literal(run));
      return;
    }
    var fixed = run.length > 2 && !count(engine, run) ? soundAlike(engine, run) : null;
    if (fixed) {
      out.units.push(typoUnit(fixed, run, out));
      return;
    }
    var pieces = segment(engine, run);
    var at = 0;
    while (at < pieces.length) {
      var end = at;
      while (end < pieces.length && pieces[end].length === 1 && !engine.keys.hasOwnProperty(pieces[end])) {
        end += 1;
      }
      if (end === at) {
        var one = pieceUnit(engine, pieces[at]);
        if (one) {
          out.units.push(one);
        }
        at += 1;
        continue;
      }
      var loose = pieces.slice(at, end).join("");
      var next = end < pieces.length && !engine.keys.hasOwnProperty(pieces[end]) ? pieces[end] : "";
      var previous = at > 0 && !engine.keys.hasOwnProperty(pieces[at - 1]) ? pieces[at - 1] : "";
      var joined = next ? soundAlike(engine, loose + next) : null;
      if (joined) {
        out.units.push(typoUnit(joined, loose + next, out));
        at = end + 1;
        continue;
      }
      joined = previous ? soundAlike(engine, previous + loose) : null;
      if (joined) {
        out.units.pop();
        out.units.push(typoUnit(joined, previous + loose, out));
      } else {
        looseUnits(engine, loose, out);
      }
      at = end;
    }
  }

  /* {units, corrections}: what the query asks for. A unit is {alts: [[text, weight, regexp?]], factor,
   * shown} or, for an article reference, {refs: ["§31", "§31-6"], word}. */
  function queryUnits(engine, query) {
    var out = { units: [], corrections: [] };
    queryWords(query).forEach(function (word) {
      var refs = wordRefs(word);
      if (refs) {
        out.units.push({ refs: refs, word: word, factor: 1 });
        return;
      }
      var rest = word.replace(new RegExp(ARTICLE_REF, "g"), function (whole) {
        out.units.push({ refs: articleRefs(whole).tokens, word: whole, factor: 1 });
        return " ";
      });
      rest = rest.replace(LOOSE_NUMBER, function (whole, number, unit, bare) {
        out.units.push(numberUnit(number, unit, bare));
        return " ";
      });
      (rest.match(HAN) || []).forEach(function (run) { runUnits(engine, run, out); });
      (rest.match(LATIN) || []).forEach(function (latin) { out.units.push(literal(latin)); });
    });
    if (!out.units.length) {
      // Only question words and fillers: search them as typed rather than answer nothing.
      queryWords(query).forEach(function (word) { out.units.push(literal(word)); });
    }
    out.units.forEach(function (unit) {
      if (unit.alts && engine.common.hasOwnProperty(unit.shown)) {
        unit.factor *= COMMON_FACTOR;
      }
    });
    return out;
  }

  /* How well `doc` answers `unit`: the weight of its best alternative found (0 for none); article
   * references count for the article named and for documents citing it. */
  function matchUnit(unit, doc) {
    if (unit.refs) {
      if (doc.source.kind === "article" && unit.refs[0] === "§" + doc.source.number) {
        return 1;
      }
      return doc.cited[unit.refs[unit.refs.length - 1]] ? 1 : 0;
    }
    var best = 0;
    unit.alts.forEach(function (alt) {
      if (alt[1] > best && (alt[2] ? alt[2].test(doc.plain) : doc.plain.indexOf(alt[0]) >= 0)) {
        best = alt[1];
      }
    });
    return best;
  }

  /* Every article holding the one character typed (the law first, most occurrences first). */
  function rankCharacter(engine, char) {
    var hits = [];
    engine.docs.forEach(function (doc) {
      var found = doc.plain.split(char).length - 1;
      if (found) {
        hits.push({ doc: doc, coverage: 1, named: false, score: found, units: [literal(char)] });
      }
    });
    return hits.sort(function (a, b) {
      return (kindRank(a.doc) - kindRank(b.doc)) || (b.score - a.score) || (a.doc.id - b.doc.id);
    });
  }

  function kindRank(doc) {
    return KIND_RANK.hasOwnProperty(doc.source.kind) ? KIND_RANK[doc.source.kind] : 2;
  }

  /* {hits: [{doc, coverage, named, score}], none: bool, nearest: [...], corrections: [...]}.
   *
   * coverage: the share of the query's content a document holds, each unit weighted by its rarity in the
   * documents (ln((N + 1) / (df + 0.5)), a unit found nowhere as much as the rarest), its factor (question
   * words and the commonest words count less) and how it matched (as typed 1, the text's word for an
   * everyday one 0.8). Order: coverage; the article the query names by number; articles, then the notice,
   * then study aids; BM25 (MiniSearch, with field boosts). Documents below half the best coverage are left
   * out; when even the best is below FLOOR the query has no direct answer and `nearest` holds the closest
   * articles. */
  function rank(engine, query) {
    var compact = normalize(query).replace(/\s+/g, "");
    if (/^[\u4e00-\u9fff]$/.test(compact)) {
      return { hits: rankCharacter(engine, compact), none: false, nearest: [], corrections: [] };
    }
    var parsed = queryUnits(engine, query);
    var units = parsed.units;
    if (!units.length) {
      return { hits: [], none: false, nearest: [], corrections: [] };
    }
    var total = engine.docs.length;
    var matrix = engine.docs.map(function (doc) {
      return units.map(function (unit) { return matchUnit(unit, doc); });
    });
    var weights = units.map(function (unit, u) {
      var df = 0;
      var top = 0;
      matrix.forEach(function (row) {
        if (row[u] > 0) {
          df += 1;
          top = Math.max(top, row[u]);
        }
      });
      unit.top = top || 1;
      unit.weight = unit.factor * Math.log((total + 1) / (df + 0.5));
      return unit.weight;
    });
    var whole = 0;
    weights.forEach(function (weight, u) { whole += weight * units[u].top; });
    var search = [];
    units.forEach(function (unit) {
      if (unit.refs) {
        search.push(unit.word);
      } else {
        unit.alts.forEach(function (alt) { search.push(alt[0]); });
      }
    });
    var bm25 = {};
    engine.mini.search(search.join(" "), {
      tokenize: function (text) { return unique(tokenize(text, engine.words)); }
    }).forEach(function (hit) { bm25[hit.id] = hit.score; });
    var topScore = 0;
    Object.keys(bm25).forEach(function (id) { topScore = Math.max(topScore, bm25[id]); });
    var scored = engine.docs.map(function (doc) {
      var row = matrix[doc.id];
      var got = 0;
      var named = false;
      row.forEach(function (value, u) {
        got += weights[u] * value;
        if (value && units[u].refs && doc.source.kind === "article" &&
            units[u].refs[0] === "§" + doc.source.number) {
          named = true;
        }
      });
      var coverage = whole > 0 ? got / whole : 0;
      var score = bm25[doc.id] || 0;
      return { doc: doc, coverage: coverage, named: named, score: score, units: units,
        key: coverage * KIND_WEIGHT[kindRank(doc)] + BLEND * ((topScore ? score / topScore : 0) - kindRank(doc)) };
    }).sort(function (a, b) {
      return (b.named - a.named) || (b.key - a.key) || (a.doc.id - b.doc.id);
    });
    var best = 0;
    scored.forEach(function (hit) { best = Math.max(best, hit.coverage); });
    var hits = scored.filter(function (hit) { return hit.coverage > 0 && hit.coverage >= RELATIVE * best; });
    if (best >= FLOOR) {
      return { hits: hits, none: false, nearest: [], corrections: parsed.corrections };
    }
    var nearest = scored.filter(function (hit) { return hit.doc.source.kind === "article" && hit.coverage > 0; });
    if (!nearest.length) {
      nearest = scored.filter(function (hit) { return hit.doc.source.kind === "article" && hit.score > 0; })
        .sort(function (a, b) { return b.score - a.score; });
    }
    // A word searched by its sound that still finds no answer was no typo: say nothing about it.
    return { hits: [], none: true, nearest: nearest.slice(0, NEAREST), corrections: [] };
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

  /* The phrases a unit marks in a document's snippet (and on the page a result opens). */
  function unitPhrases(unit) {
    return unit.refs ? [markWord(unit.word)] : unit.alts.map(function (alt) { return alt[0]; });
  }

  /* Results in the shape the theme's result list renders: one item (a list of one document) per hit.
   * When the search has something to say, a first item points at NOTE with it in its query string
   * (kind=no-direct-answer or corrected, searched=the words searched instead of typos, count=the results
   * that follow); assets/search/notes.js turns it into the note above the list. With no direct answer, the
   * items that follow are the nearest articles, which notes.js lists under the note, not as results. */
  function results(engine, query) {
    var ranked = rank(engine, query);
    var shown = ranked.none ? ranked.nearest : ranked.hits.slice(0, MAX_RESULTS);
    var terms = {};
    var items = [];
    if (shown.length) {
      shown[0].units.forEach(function (unit) {
        unitPhrases(unit).forEach(function (phrase) { terms[phrase] = true; });
      });
    }
    if (ranked.none || ranked.corrections.length) {
      var params = ["kind=" + (ranked.none ? "no-direct-answer" : "corrected"), "count=" + shown.length];
      if (ranked.corrections.length) {
        params.push("searched=" + encodeURIComponent(unique(ranked.corrections).join("、")));
      }
      items.push([{ location: NOTE + "?" + params.join("&"), title: "", text: "", score: 0, terms: {},
        tags: [] }]);
    }
    var words = queryWords(query);
    return items.concat(shown.map(function (hit) {
      var marks = [];
      hit.units.forEach(function (unit) {
        unitPhrases(unit).forEach(function (phrase) {
          if (hit.doc.plain.indexOf(phrase) >= 0 && marks.indexOf(phrase) < 0) {
            marks.push(phrase);
          }
        });
      });
      marks.sort(function (a, b) { return b.length - a.length; });
      return [{
        location: location(hit, words),
        title: escapeHtml(hit.doc.source.title),
        text: "",
        score: hit.score,
        terms: terms,
        tags: [snippet(hit.doc, marks)]
      }];
    }));
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
