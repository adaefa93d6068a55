"""Where the project's inputs are: the `xinfang` plugin options of mkdocs.yml, resolved against its folder.

The option names are a contract (tools and tests rely on them):

    plugins:
      - xinfang:
          regulation: sources/regulation-2022.md            # required
          previous_regulation: sources/regulation-2005.md   # optional: 新旧对照
          notice: sources/county-notice-2022.txt            # optional: 县通知 page and notice questions
          study_dir: study                                  # optional: short titles, guides, glossary, aids
          quizzes_dir: quizzes                              # optional: practice, exam, 错题本, competition

The MkDocs plugin passes its typed options to `inputs_from_options`; the CLI reads the same mkdocs.yml
with `read_inputs`, so both see one configuration.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError, SourceErrors, display_path, read_text
from .yamlfile import load_text

PLUGIN_NAME = "xinfang"
REQUIRED = ("regulation",)
OPTIONAL = ("previous_regulation", "notice", "study_dir", "quizzes_dir")
CONFIG_FILE = "mkdocs.yml"
# Third-party and word-list files the build copies into the site or its index, relative to mkdocs.yml:
# `npm ci` puts the node_modules ones in place; the user dictionary holds words the search should know as one.
ASSET_DEFAULTS = {
    "iframe_worker_shim": "node_modules/iframe-worker/shim/index.js",
    "minisearch": "node_modules/minisearch/dist/umd/index.js",
    "userdict": "search/userdict.txt",
    "synonyms": "search/synonyms.yml",
    "resize_observer_polyfill": "node_modules/resize-observer-polyfill/dist/ResizeObserver.js",
}
WORD_LISTS = ("userdict", "synonyms")  # the project's own files: never looked for above it
OPTION_TYPES = {"enabled": bool, **{name: str for name in REQUIRED + OPTIONAL + tuple(ASSET_DEFAULTS)}}


@dataclass(frozen=True)
class Inputs:
    """Absolute paths of the inputs; None where an optional input is not configured."""

    regulation: Path
    previous_regulation: Path | None = None
    notice: Path | None = None
    study_dir: Path | None = None
    quizzes_dir: Path | None = None

    def watched(self) -> list[Path]:
        """Files and folders whose changes should rebuild the site under `mkdocs serve`."""
        paths = [self.regulation, self.previous_regulation, self.notice, self.study_dir, self.quizzes_dir]
        return [path for path in paths if path is not None and path.exists()]


def inputs_from_options(options: Mapping[str, object], base: Path, where: str = CONFIG_FILE) -> Inputs:
    """Resolve the plugin options against `base` (the folder of mkdocs.yml); raise SourceError naming
    `where` when the required regulation is not configured or a configured folder does not exist."""
    values: dict[str, Path | None] = {}
    for name in REQUIRED + OPTIONAL:
        value = options.get(name)
        if value in (None, ""):
            if name in REQUIRED:
                raise SourceError(where, None, f"插件 {PLUGIN_NAME} 缺少必填项 {name}（条例文件的路径）")
            values[name] = None
            continue
        if not isinstance(value, str):
            raise SourceError(where, None, f"插件 {PLUGIN_NAME} 的 {name} 应为路径文字，实际为“{value}”")
        try:
            path = (base / value).resolve()
        except RuntimeError:  # Python < 3.13
            raise SourceError(where, None, f"{name} 指向符号链接循环：{value}") from None
        # A missing file is reported by its reader ("…: 文件不存在"); a folder has no reader of its own.
        if name.endswith("_dir") and not path.is_dir():
            raise SourceError(where, None, f"{name} 指向的文件夹不存在：{display_path(path)}")
        values[name] = path
    return Inputs(**values)


def check_options(options: Mapping[str, object], where: str = CONFIG_FILE) -> None:
    """Raise SourceErrors naming every unknown `xinfang` option and every option of the wrong type (paths are
    text, `enabled` is true/false), so that a typo never ends in MkDocs' English or a silent default."""
    errors = []
    for name, value in options.items():
        expected = OPTION_TYPES.get(name)
        if expected is None:
            known = "、".join(OPTION_TYPES)
            errors.append(SourceError(where, None, f"插件 {PLUGIN_NAME} 没有选项“{name}”（可用的选项：{known}）"))
        elif value is not None and not (isinstance(value, expected) and
                                        (expected is bool or not isinstance(value, bool))):
            wanted = "true 或 false" if expected is bool else "路径文字（如 sources/regulation-2022.md）"
            errors.append(SourceError(where, None, f"插件 {PLUGIN_NAME} 的选项 {name} 应为{wanted}，"
                                                   f"实际为“{value}”（{_kind(value)}）"))
    if errors:
        raise SourceErrors(errors)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, int | float):
        return "数字"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return "文字" if isinstance(value, str) else "空值"


def find_asset(root: Path, name: str, value: str, where: str = CONFIG_FILE) -> Path | None:
    """The file that option `name` (= `value`, relative to `root`, the folder of mkdocs.yml) names:
    `root/value`, or, except for the word lists (WORD_LISTS), as Node looks for node_modules, the first `ancestor/value`
    (a site in a subfolder such as examples/regulation-2005 uses the project's `npm ci`); None when there is
    none.

    The file is copied into the site, so it must lie inside the project or a node_modules folder: SourceError
    when the path leads anywhere else (`../../../etc/passwd`) or is not a regular file."""
    # Only third-party files are looked for above the project, as Node does: a word list is the project's own.
    folders = (root, *root.parents) if name not in WORD_LISTS else (root,)
    for folder in folders:
        candidate = Path(os.path.normpath(folder / value))
        if not (candidate.exists() or candidate.is_symlink()):
            continue
        inside = _within(candidate, root) or any(_within(candidate, top / "node_modules")
                                                 for top in (root, *root.parents))
        real = candidate.resolve()
        if not inside or not (_within(real, root.resolve()) or "node_modules" in real.parts):
            raise SourceError(where, None, f"插件 {PLUGIN_NAME} 的选项 {name} 指向项目之外的 {candidate}："
                                           "只能是项目文件夹或其 node_modules 中的文件")
        if not candidate.is_file():
            raise SourceError(where, None, f"插件 {PLUGIN_NAME} 的选项 {name} 指向的 {display_path(candidate)} "
                                           "不是普通文件")
        return candidate
    return None


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def read_inputs(config_file: Path) -> Inputs:
    """The inputs configured in `config_file` (a mkdocs.yml); SourceError if it cannot be read or has no
    `xinfang` plugin entry."""
    shown = display_path(config_file)
    if not config_file.exists():
        raise SourceError(shown, None, "找不到 MkDocs 配置文件：请在项目根目录运行，或用 --root 指定")
    # MkDocs' own tags (!ENV, !relative) pass; their values do not matter here.
    config = load_text(read_text(config_file), shown, local_tags=True) or {}
    plugins = config.get("plugins") if isinstance(config, dict) else None
    for entry in plugins or []:
        if entry == PLUGIN_NAME:
            return inputs_from_options({}, config_file.parent, shown)
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            options = entry[PLUGIN_NAME] or {}
            if not isinstance(options, dict):
                raise SourceError(shown, None, f"插件 {PLUGIN_NAME} 的设置应为“选项: 值”映射")
            check_options(options, shown)
            return inputs_from_options(options, config_file.parent, shown)
    raise SourceError(shown, None, f"plugins 中没有 {PLUGIN_NAME}：这不是本项目的配置文件")


# The repository's own layout, used for a folder that has the inputs but no mkdocs.yml.
DEFAULT_OPTIONS = {
    "regulation": "sources/regulation-2022.md",
    "previous_regulation": "sources/regulation-2005.md",
    "notice": "sources/county-notice-2022.txt",
    "study_dir": "study",
    "quizzes_dir": "quizzes",
}


def project_inputs(root: str | Path = ".") -> Inputs:
    """The inputs of the project in `root` (the CLI's --root): its mkdocs.yml, or, when it has none, the
    standard layout of DEFAULT_OPTIONS."""
    root = Path(root)
    if (root / CONFIG_FILE).is_file():
        return read_inputs(root / CONFIG_FILE)
    if not (root / DEFAULT_OPTIONS["regulation"]).is_file():
        raise SourceError(display_path(root / CONFIG_FILE), None,
                          "找不到 MkDocs 配置文件，也没有 sources/regulation-2022.md：请在项目根目录运行，"
                          "或用 --root 指定项目根目录")
    return inputs_from_options(DEFAULT_OPTIONS, root.resolve(), display_path(root / CONFIG_FILE))
