"""YAML reading shared by the question bank and the study notes: nodes keep their line numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .errors import SourceError, display_path, read_text

# libyaml's loader when PyYAML was built with it (the wheels are): banks and notes are read on every build,
# and the pure-Python composer was a third of the plugin's time.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose_file(path: Path, errors: list[SourceError]) -> yaml.Node | None:
    """The file's node tree, or None (an empty file, or a problem appended to `errors`)."""
    shown = display_path(path)
    try:
        return yaml.compose(read_text(path), Loader=FAST_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        errors.append(SourceError(shown, mark.line + 1 if mark else None, f"不是有效的 YAML：{problem}"))
    except SourceError as error:  # missing, unreadable or not UTF-8
        errors.append(error)
    return None


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
NULL_TAG = "tag:yaml.org,2002:null"


def construct(node: yaml.Node):
    """The Python value of a node (ints, bools and lists as YAML means them)."""
    return SafeConstructor().construct_object(node, deep=True)


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


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> YamlMap:
    mapping = YamlMap(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)


def load_yaml(path: str | Path) -> Any:
    """Read a YAML file whose mappings are YamlMaps (with line numbers); SourceError if it is not YAML."""
    path = Path(path)
    try:
        return yaml.load(read_text(path), Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise SourceError(display_path(path), mark.line + 1 if mark else None,
                          f"不是有效的 YAML：{error}") from None
