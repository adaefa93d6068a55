"""YAML reading shared by the question bank and the study notes: nodes keep their line numbers."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import SourceError, display_path

# libyaml's loader when PyYAML was built with it (the wheels are): banks and notes are read on every build,
# and the pure-Python composer was a third of the plugin's time.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose_file(path: Path, errors: list[SourceError]) -> yaml.Node | None:
    """The file's node tree, or None (an empty file, or a problem appended to `errors`)."""
    shown = display_path(path)
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        errors.append(SourceError(shown, mark.line + 1 if mark else None, f"不是有效的 YAML：{problem}"))
    except UnicodeDecodeError:
        errors.append(SourceError(shown, None, "文件应为 UTF-8 编码"))
    return None


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1
