// For tests/test_offline.py: print, as JSON, every http(s):// URL in the code of the JavaScript files named on
// the command line (string and template literals), leaving comments out: a URL in a licence banner is never
// requested, a URL in a string may be.
"use strict";
var fs = require("fs");
var acorn = require("acorn");

var URL_RE = /https?:\/\/[^\s"'`<>)]*/g;
var found = {};
process.argv.slice(2).forEach(function (file) {
  var urls = [];
  var tokens = acorn.tokenizer(fs.readFileSync(file, "utf8"), { ecmaVersion: "latest", allowHashBang: true });
  for (var token = tokens.getToken(); token.type !== acorn.tokTypes.eof; token = tokens.getToken()) {
    if ((token.type === acorn.tokTypes.string || token.type === acorn.tokTypes.template) &&
        typeof token.value === "string") {
      urls = urls.concat(token.value.match(URL_RE) || []);
    }
  }
  found[file] = urls;
});
process.stdout.write(JSON.stringify(found));
