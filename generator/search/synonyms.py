"""The search box's dictionary of how people ask (search/synonyms.yml, issue 18): everyday words mapped to the
regulation's own words, question words mapped to what they ask for or dropped, and the words too common in
the text to rank on.

The file, reviewed like the question bank (every mapping names the articles that motivate it):

    synonyms:                          # an everyday word → the text's words (expanded at a lower weight)
      - ask: [信访局, 信访办]
        means: [信访部门]
        articles: [14, 22]
    questions:                         # question words → what they ask for (lower weight still)
      - ask: [多久, 多长时间]
        means: [期限, 日内]
        articles: [22, 34]
    fillers: [请问, 怎么办, 吗, 呢]    # dropped from a query
    common: [信访, 条例, 信访人]        # matched, but weigh little

`read_dictionary` checks that every cited article exists and every `means` term occurs in one of the cited
articles (so a mapping can never point at words the law does not use); errors are SourceErrors with the
file's line, in Chinese.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError, SourceErrors, display_path
from ..yamlfile import YamlMap, load_yaml
from .tokens import normalize

SECTIONS = ("synonyms", "questions", "fillers", "common")


@dataclass
class Mapping:
    ask: list[str]  # what people type: 信访局
    means: list[str]  # the text's words: 信访部门 (empty for a question word that is only dropped)
    articles: list[int]
    line: int = 0


@dataclass
class Dictionary:
    synonyms: list[Mapping] = field(default_factory=list)
    questions: list[Mapping] = field(default_factory=list)
    fillers: list[str] = field(default_factory=list)
    common: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """The compact shape the browser engine reads: [[ask…], [means…]] pairs and plain word lists."""
        return {
            "synonyms": [[m.ask, m.means] for m in self.synonyms],
            "questions": [[m.ask, m.means] for m in self.questions],
            "fillers": self.fillers,
            "common": self.common,
        }


def read_dictionary(path: Path, articles: dict[int, str]) -> Dictionary:
    """The dictionary in `path`, checked against `articles` ({number: title + text}).

    Raises SourceError for a file that is missing or not YAML, SourceErrors listing every bad entry
    (file:line and the reason, in Chinese)."""
    shown = display_path(path)
    data = load_yaml(path)
    if not isinstance(data, YamlMap):
        raise SourceError(shown, None, f"应为映射，含 {', '.join(SECTIONS)} 几节")
    errors: list[SourceError] = []
    for key in data:
        if key not in SECTIONS:
            errors.append(SourceError(shown, data.line_of(key), f"未知的一节“{key}”（可用：{'、'.join(SECTIONS)}）"))
    texts = {number: normalize(text) for number, text in articles.items()}
    dictionary = Dictionary(
        synonyms=_mappings(data, "synonyms", texts, shown, errors, needs_means=True),
        questions=_mappings(data, "questions", texts, shown, errors, needs_means=False),
        fillers=_words(data, "fillers", shown, errors),
        common=_words(data, "common", shown, errors),
    )
    seen: dict[str, int] = {}
    for mapping in dictionary.synonyms + dictionary.questions:
        for word in mapping.ask:
            if word in seen:
                errors.append(SourceError(shown, mapping.line, f"“{word}”已在第 {seen[word]} 行定义过"))
            seen[word] = mapping.line
    if errors:
        raise SourceErrors(errors)
    return dictionary


def _words(data: YamlMap, key: str, shown: str, errors: list[SourceError]) -> list[str]:
    words = data.get(key) or []
    if not isinstance(words, list) or not all(isinstance(word, str) and word.strip() for word in words):
        errors.append(SourceError(shown, data.line_of(key), f"“{key}”应为词语的列表"))
        return []
    return [normalize(word.strip()) for word in words]


def _mappings(data: YamlMap, key: str, texts: dict[int, str], shown: str, errors: list[SourceError],
              needs_means: bool) -> list[Mapping]:
    entries = data.get(key) or []
    if not isinstance(entries, list):
        errors.append(SourceError(shown, data.line_of(key), f"“{key}”应为列表"))
        return []
    mappings = []
    for entry in entries:
        line = entry.line if isinstance(entry, YamlMap) else data.line_of(key)
        if not isinstance(entry, YamlMap):
            errors.append(SourceError(shown, line, "每一条应为映射：ask、means、articles"))
            continue
        problems = []
        ask, means, cited = entry.get("ask"), entry.get("means") or [], entry.get("articles")
        ask = [ask] if isinstance(ask, str) else ask
        means = [means] if isinstance(means, str) else means
        if not (isinstance(ask, list) and ask and all(isinstance(word, str) and word.strip() for word in ask)):
            problems.append("ask 应为一个或几个说法")
        if not (isinstance(means, list) and all(isinstance(word, str) and word.strip() for word in means)) \
                or (needs_means and not means):
            problems.append("means 应为条文中的一个或几个词")
        if not (isinstance(cited, list) and cited and all(isinstance(n, int) and not isinstance(n, bool)
                                                         for n in cited)):
            problems.append("articles 应为条号的列表，如 [14, 22]")
        if problems:
            errors += [SourceError(shown, line, problem) for problem in problems]
            continue
        missing = [n for n in cited if n not in texts]
        if missing:
            errors.append(SourceError(shown, line, f"条例没有第 {'、'.join(map(str, missing))} 条"))
            continue
        means = [normalize(word.strip()) for word in means]
        for word in means:
            if not any(word in texts[n] for n in cited):
                where = "、".join(f"第 {n} 条" for n in cited)
                errors.append(SourceError(shown, line, f"“{word}”不在所引的{where}中"))
        mappings.append(Mapping([normalize(word.strip()) for word in ask], means, cited, line))
    return mappings
