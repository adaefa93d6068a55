"""The one YAML reader: every YAML file the program reads (banks, notes, competition, flow, front matter,
mkdocs.yml, the banks `lint` checks) goes through `compose_text`, so each is read under the same limits.

A file is refused, with its line and a reason in Chinese (SourceError), when it
- uses a tag other than YAML's plain ones (`!!python/object/apply:…` and other language tags: nothing is ever
  constructed from a tag);
- nests lists and mappings more than MAX_DEPTH levels deep (3,000 levels used to end in RecursionError);
- expands aliases (`*name`) to more than MAX_ALIAS_NODES extra nodes (a 564-byte "billion laughs" file grew
  to 3 GB);
- repeats a key in one mapping, or uses a list or mapping as a key (`? [a, b]`);
- holds more than one document, or is not YAML at all (PyYAML's English is translated; the line is that of
  the fault, e.g. the key missing its colon, the `[` never closed).

Nodes keep their line numbers; a timestamp-like plain scalar stays text ("2022-05-01" is read as written).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent)

from .errors import SourceError, display_path, read_text

# libyaml's parser when PyYAML was built with it (the wheels are): banks and notes are read on every build.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 100  # our deepest file nests 6 levels
MAX_ALIAS_NODES = 100_000  # nodes that aliases may add to a file when expanded

BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
PLAIN_TAGS = {BOOL_TAG, INT_TAG, FLOAT_TAG, NULL_TAG, STR_TAG, SEQ_TAG, MAP_TAG}

_RESOLVER = yaml.resolver.Resolver()


def compose_text(text: str, shown: str, first_line: int = 1, local_tags: bool = False) -> yaml.Node | None:
    """The node tree of one YAML document, or None for an empty one.

    `shown` names the file in messages; `first_line` is the file line of the text's first line (front matter
    starts on line 2). `local_tags` lets `!ENV`-style tags through (MkDocs' own, in mkdocs.yml); their
    nodes keep the tag and construct to None. Raises SourceError(shown, line, reason in Chinese)."""
    def fail(line0: int, reason: str) -> SourceError:
        return SourceError(shown, line0 + first_line, reason)

    try:
        return _compose(yaml.parse(text, Loader=FAST_LOADER), fail, local_tags)
    except yaml.YAMLError as error:
        line0, reason = _explain(error, text)
        raise fail(line0, reason) from None


def compose_file(path: Path, errors: list[SourceError]) -> yaml.Node | None:
    """The file's node tree, or None (an empty file, or a problem appended to `errors`)."""
    try:
        return compose_text(read_text(path), display_path(path))
    except SourceError as error:  # not YAML, over a limit, missing, not a regular file, not UTF-8
        errors.append(error)
    return None


def load_yaml(path: str | Path, local_tags: bool = False) -> Any:
    """Read a YAML file whose mappings are YamlMaps (with line numbers); SourceError if it cannot be read."""
    path = Path(path)
    return load_text(read_text(path), display_path(path), local_tags=local_tags)


def load_text(text: str, shown: str, first_line: int = 1, local_tags: bool = False) -> Any:
    """`compose_text`, constructed: mappings are YamlMaps, lists lists, scalars str/int/float/bool/None."""
    node = compose_text(text, shown, first_line, local_tags)
    if node is None:
        return None
    try:
        return _LineConstructor(first_line).construct_document(node)
    except (yaml.YAMLError, ValueError, OverflowError) as error:
        mark = getattr(error, "problem_mark", None)
        raise SourceError(shown, mark.line + first_line if mark else None, "值无法按其标签读出") from None


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def construct(node: yaml.Node):
    """The Python value of a node composed here (ints, bools and lists as YAML means them)."""
    return _LineConstructor(1).construct_object(node, deep=True)


def scalar(node: yaml.Node) -> str | None:
    """The scalar as written (`15` stays "15", not 15), or None for a list, a mapping or null."""
    if isinstance(node, yaml.ScalarNode) and node.tag != NULL_TAG:
        return node.value
    return None


def shown(node: yaml.Node) -> str:
    """How a wrong value is quoted back to the author."""
    return node.value if isinstance(node, yaml.ScalarNode) else "列表或映射"


class YamlMap(dict):
    """A YAML mapping that remembers its line and each key's line, for messages that point at the input."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineConstructor(SafeConstructor):
    def __init__(self, first_line: int):
        super().__init__()
        self.first_line = first_line

    def construct_line_map(self, node: yaml.MappingNode) -> YamlMap:
        mapping = YamlMap(self.construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + self.first_line
        mapping.key_lines = {str(key.value): key.start_mark.line + self.first_line for key, _ in node.value}
        return mapping


_LineConstructor.add_constructor(MAP_TAG, _LineConstructor.construct_line_map)
_LineConstructor.add_multi_constructor("!", lambda constructor, suffix, node: None)


# ---------------------------------------------------------------- composing, without recursion


def _compose(events, fail, local_tags: bool) -> yaml.Node | None:
    root: yaml.Node | None = None
    documents = 0
    # Open collections; a mapping's dict holds its keys' lines.
    stack: list[tuple[yaml.Node, dict | None]] = []
    pending_key: list[yaml.Node | None] = []  # per open mapping: the key waiting for its value
    anchors: dict[str, tuple[yaml.Node, int]] = {}  # anchor → node and its expanded size (0 while open)
    sizes: list[int] = []  # per open collection: its expanded size so far
    open_anchors: list[str | None] = []
    extra = 0  # nodes added by aliases

    def add(node: yaml.Node, size: int, line0: int) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent, keys = stack[-1]
        sizes[-1] += size
        if keys is None:
            parent.value.append(node)
        elif pending_key[-1] is None:
            if not isinstance(node, yaml.ScalarNode):
                raise fail(line0, "映射的键应为文字，这里是一个列表或映射（“? [a, b]”这类复合键不受支持）")
            if node.value in keys:
                raise fail(line0, f"键“{node.value}”重复（同一层第 {keys[node.value] + 1} 行已有）")
            keys[node.value] = line0
            pending_key[-1] = node
        else:
            parent.value.append((pending_key[-1], node))
            pending_key[-1] = None

    def tag_of(event, kind, default: str) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            if kind is yaml.ScalarNode:
                resolved = _RESOLVER.resolve(kind, event.value, event.implicit)
                return STR_TAG if resolved == TIMESTAMP_TAG else resolved
            return default
        if tag in PLAIN_TAGS or (local_tags and tag.startswith("!") and not tag.startswith("!!")):
            return tag
        shown_tag = tag.replace("tag:yaml.org,2002:", "!!")
        raise fail(event.start_mark.line, f"不支持 YAML 标签 {shown_tag}：只能写文字、数字、真假、列表和映射"
                                          "（出于安全，不执行任何标签）")

    for event in events:
        line0 = event.start_mark.line if event.start_mark else 0
        if isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise fail(line0, "文件中有第二个 YAML 文档（“---”）：一个文件只能有一个文档")
        elif isinstance(event, ScalarEvent):
            node = yaml.ScalarNode(tag_of(event, yaml.ScalarNode, STR_TAG), event.value, event.start_mark,
                                   event.end_mark, style=event.style)
            if event.anchor is not None:
                anchors[event.anchor] = (node, 1)
            add(node, 1, line0)
        elif isinstance(event, (SequenceStartEvent, MappingStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise fail(line0, f"列表或映射嵌套超过 {MAX_DEPTH} 层：文件结构不正常（是否被生成工具写坏？）")
            mapping = isinstance(event, MappingStartEvent)
            kind, default = (yaml.MappingNode, MAP_TAG) if mapping else (yaml.SequenceNode, SEQ_TAG)
            node = kind(tag_of(event, kind, default), [], event.start_mark, None, flow_style=event.flow_style)
            if event.anchor is not None:
                anchors[event.anchor] = (node, 0)
            stack.append((node, {} if mapping else None))
            pending_key.append(None)
            sizes.append(1)
            open_anchors.append(event.anchor)
        elif isinstance(event, (SequenceEndEvent, MappingEndEvent)):
            node, _ = stack.pop()
            pending_key.pop()
            size = sizes.pop()
            anchor = open_anchors.pop()
            node.end_mark = event.end_mark
            if anchor is not None:
                anchors[anchor] = (node, size)
            add(node, size, node.start_mark.line)
        elif isinstance(event, AliasEvent):
            if event.anchor not in anchors:
                raise fail(line0, f"别名 *{event.anchor} 没有对应的锚点 &{event.anchor}")
            node, size = anchors[event.anchor]
            if size == 0:
                raise fail(line0, f"别名 *{event.anchor} 指向包含它自己的 &{event.anchor}（循环引用）")
            extra += size
            if extra > MAX_ALIAS_NODES:
                raise fail(line0, f"别名（*{event.anchor}）展开后超过 {MAX_ALIAS_NODES} 个节点："
                                  "文件像是“十亿笑声”式的炸弹，拒绝读取")
            add(node, size, line0)
    return root


# ---------------------------------------------------------------- PyYAML's errors, in Chinese

# (words in the parser's English, reason, whether the fault is where the construct began: an unclosed
# bracket or quote, a key without its colon, rather than where the parser noticed it)
_PROBLEMS = [
    ("maximum nesting depth", "方括号或花括号嵌套过深：文件结构不正常（是否被生成工具写坏？）", False),
    ("tab character", "缩进里有制表符（Tab）：YAML 只能用空格缩进", False),
    ("cannot start any token", "这里的字符不能开始一项内容（常见原因：用 Tab 缩进，或行首的 @、`、% 没有加引号）", False),
    ("mapping values are not allowed", "这里不能出现“键: 值”：值里的“: ”要加引号，或检查缩进", False),
    ("could not find expected ':'", "这一行缺少“键: 值”的冒号（冒号后要有空格）", True),
    ("did not find expected key", "缩进没有对齐，或一行多出了内容：同一层的“键: 值”和“- ”要左对齐", False),
    ("did not find expected '-' indicator", "列表项的缩进没有对齐：同一列表的“- ”要左对齐", False),
    ("did not find expected ',' or ']'", "方括号 [ 没有闭合：缺少“]”，或项之间缺少逗号", True),
    ("did not find expected ',' or '}'", "花括号 { 没有闭合：缺少“}”，或项之间缺少逗号", True),
    ("block sequence entries are not allowed", "这里不能开始“- ”列表项：检查缩进", False),
    ("unknown escape character", "双引号里有无法识别的反斜杠转义：反斜杠写成 \\\\，或改用单引号", False),
    ("did not find expected node content", "这里缺少内容（多余的逗号或括号？）", False),
    ("while scanning an anchor", "锚点 & 后缺少名称", False),
    ("while scanning an alias", "别名 * 后缺少名称", False),
    ("while scanning a tag", "标签 ! 的写法有误", False),
    ("found unexpected end of stream", "文件在引号或括号闭合之前就结束了", True),
    ("while scanning a quoted scalar", "引号没有闭合", True),
    ("while scanning a block scalar", "多行文字（| 或 >）的缩进有误", False),
    ("expected <document start>", "多出了内容：文件只能有一个 YAML 文档", False),
    ("control characters are not allowed", "文件里有不可见的控制字符：请删去它们", False),
]


def _explain(error: yaml.YAMLError, text: str) -> tuple[int, str]:
    """(0-based line of the fault, reason in Chinese) for any error PyYAML or libyaml raises."""
    if isinstance(error, yaml.reader.ReaderError):
        return text.count("\n", 0, error.position), "文件里有不可见的控制字符（YAML 不允许）：请删去它们"
    problem = getattr(error, "problem", None) or ""
    context = getattr(error, "context", None) or ""
    mark = getattr(error, "problem_mark", None)
    begun = getattr(error, "context_mark", None)
    for words, reason, at_start in _PROBLEMS:
        if words in problem or words in context:
            where = begun if at_start and begun is not None else mark
            return (where.line if where else 0), f"不是有效的 YAML：{reason}"
    return (mark.line if mark else 0), "不是有效的 YAML：这一行的写法无法识别"
