"""The search index file the site ships (search/search_index.json, and search_index.js offline).

It keeps the theme's outer shape, {"config": …, "docs": […]}, because the theme's own script fetches it,
hands `config` and `docs` to the search worker (ours: assets/search/worker.js) and reads
`config.separator` to mark the searched phrase on the page a result opens. What is inside is ours:
- config.words: the vocabulary of 3–8 character words (tokens.vocabulary) the engine looks for;
- config.dictionary: how people ask (search/synonyms.yml, checked against the articles: synonyms.py);
- config.pinyin: the toneless readings for typo tolerance (pinyin.py);
- docs: one entry per SearchDoc, with its kind, location, title, text and, for articles, number and chapter.
The browser builds its inverted index from this at start-up (a few milliseconds for ~150 documents), which
keeps the file small: the text is shipped once, for searching and for the snippets alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .documents import SearchDoc, collect_documents
from .pinyin import pinyin_table
from .synonyms import Dictionary, read_dictionary
from .tokens import vocabulary


def build_index(project, url_for: Callable[[str], str], separator: str, userdict: Path | None,
                synonyms: Path | None = None) -> dict:
    """The index as a dict ready for JSON; `separator` is the theme's highlight separator (a regex);
    `synonyms` the dictionary file (search/synonyms.yml), none when it is None or absent.

    Raises SourceError / SourceErrors (file:line, Chinese) for a dictionary that fails its checks."""
    docs = collect_documents(project, url_for)
    texts = [f"{doc.title}\n{doc.text}" for doc in docs]
    words = vocabulary(texts, userdict)
    dictionary = load_dictionary(project, synonyms)
    return {
        "config": {"lang": ["zh"], "separator": separator, "pipeline": [], "words": words,
                   "dictionary": dictionary.to_json(), "pinyin": pinyin_table(texts)},
        "docs": [_doc_json(doc) for doc in docs],
    }


def load_dictionary(project, path: Path | None) -> Dictionary:
    """The search dictionary checked against the project's articles; empty when there is no file."""
    if path is None or not path.is_file():
        return Dictionary()
    return read_dictionary(path, {article.number: article.text for article in project.regulation.articles})


def _doc_json(doc: SearchDoc) -> dict:
    entry = {"kind": doc.kind, "location": doc.location, "title": doc.title, "text": doc.text}
    if doc.number:
        entry["number"] = doc.number
        entry["chapter"] = doc.chapter
    return entry


def render_index(index: dict) -> str:
    """Compact JSON, Chinese kept as is (smaller than \\u escapes, before and after gzip)."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
