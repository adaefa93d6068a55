"""The reading and checking helpers every study-note file shares: one YAML file with its errors, and the
texts a note may cite (2022 articles, notice sections), with quotations checked against them."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import SourceError, display_path
from ..texts.grounding import normalise, quotations
from ..texts.notice import Notice
from ..texts.numerals import to_chinese_number
from ..texts.regulation import Regulation
from ..yamlfile import compose_file, construct, line_of

# A quotation may leave words out with “……”; each kept piece must then be found, in order.
ELLIPSIS = "……"


def article_label(number: int) -> str:
    try:
        return f"第{to_chinese_number(number)}条"
    except ValueError:
        return f"第{number}条"


def chapter_label(number: int) -> str:
    try:
        return f"第{to_chinese_number(number)}章"
    except ValueError:
        return f"第{number}章"


class CitableTexts:
    """What notes may cite: the 2022 articles and the notice sections."""

    def __init__(self, regulation: Regulation, notice: Notice | None):
        self.regulation = regulation
        self.notice = notice
        self.articles = {article.number: article.text for article in regulation.articles}
        keys = notice.section_keys() if notice else []
        self.sections = {key: notice.section_text(key) for key in keys}
        self.notice_text = notice.body_text() if notice else ""


class NoteFile:
    """One YAML file being read: its shown path and the errors found in it."""

    def __init__(self, path: Path, errors: list[SourceError]):
        self.path = path
        self.shown = display_path(path)
        self.errors = errors

    def load(self) -> yaml.Node | None:
        if not self.path.is_file():
            self.errors.append(SourceError(self.shown, None, "文件不存在"))
            return None
        return compose_file(self.path, self.errors)

    def error(self, node_or_line, entry: str, reason: str) -> None:
        line = node_or_line if isinstance(node_or_line, int | None) else line_of(node_or_line)
        self.errors.append(SourceError(self.shown, line, f"{entry}：{reason}"))

    def fields(self, node: yaml.Node, entry: str, allowed: set[str], required: set[str]) -> dict | None:
        """A mapping's fields as {name: value node}; reports unknown and missing fields."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, entry, f"应为“键: 值”形式的条目，允许的字段：{listed(allowed)}")
            return None
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            name = key_node.value
            if name not in allowed:  # a repeated field is refused when the file is read (yamlfile)
                self.error(key_node, entry, f"未知字段“{name}”（允许：{listed(allowed)}）")
            else:
                found[name] = value_node
        missing = required - found.keys()
        if missing:
            self.error(node, entry, f"缺少字段：{listed(missing)}")
            return None
        return found

    def text(self, node: yaml.Node, entry: str, name: str) -> str | None:
        value = value_of(node)
        if not isinstance(value, str) or not value.strip():
            self.error(node, entry, f"{name}应为非空文字")
            return None
        return value.strip()

    def numbers(self, node: yaml.Node, entry: str, name: str) -> list[int] | None:
        value = value_of(node)
        if (not isinstance(value, list) or not value
                or not all(isinstance(n, int) and not isinstance(n, bool) for n in value)):
            self.error(node, entry, f"{name}应为条号列表，如 [17]")
            return None
        return value

    def sequence(self, node: yaml.Node | None, what: str) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, what, "文件应为条目列表（每条以“- ”开头）")
            return []
        return node.value


def peek(node: yaml.Node, name: str):
    """The value of field `name` of a mapping node, before the entry is checked: it names the entry."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == name and isinstance(value_node, yaml.ScalarNode):
                return value_of(value_node)
    return None


def value_of(node: yaml.Node):
    return construct(node)


def listed(names) -> str:
    return "、".join(sorted(names))


def found(quotation: str, text: str) -> bool:
    """Is `quotation` in `text`, allowing “……” gaps? Compared after normalising width and spaces."""
    haystack, position = normalise(text), 0
    for piece in (normalise(part) for part in quotation.split(ELLIPSIS)):
        if not piece:
            continue
        position = haystack.find(piece, position)
        if position < 0:
            return False
        position += len(piece)
    return True


def check_quotations(file: NoteFile, node: yaml.Node, entry: str, text: str,
                      sources: dict[str, str]) -> None:
    """Every quotation in `text` must be found in one of `sources` (label → text)."""
    for quotation in quotations(text):
        if not any(found(quotation, source) for source in sources.values()):
            where = "、".join(sources) or "（无）"
            file.error(node, entry, f"引文“{quotation}”不在所引文本（{where}）中")


def check_articles(file: NoteFile, node: yaml.Node, entry: str, numbers: list[int],
                    texts: CitableTexts) -> dict[str, str]:
    """Report cited articles that do not exist; return label → text of those that do."""
    sources = {}
    for number in numbers:
        if number in texts.articles:
            sources[article_label(number)] = texts.articles[number]
        else:
            file.error(node, entry, f"所引{article_label(number)}不存在"
                                    f"（条例共 {len(texts.articles)} 条）")
    return sources


def check_section(file: NoteFile, node: yaml.Node, entry: str, key: str, texts: CitableTexts) -> dict[str, str]:
    if key in texts.sections:
        return {f"通知{key}": texts.sections[key]}
    file.error(node, entry, f"通知没有“{key}”这一部分（可用：{'、'.join(texts.sections)}）")
    return {}
