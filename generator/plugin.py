"""The MkDocs plugin: the only module that imports mkdocs. It feeds the generated pages to MkDocs as virtual
files, serves the offline shim and our search worker, writes our search index in place of the theme's and
watches the inputs under `mkdocs serve`."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from .config import inputs_from_options
from .errors import SourceError, SourceErrors
from .search.index import build_index, render_index
from .site import SITE_CSS, is_generated_page, load_project, render_assets, render_pages

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

SHIM_URL = "assets/vendor/iframe-worker/shim.js"
ASSETS = Path(__file__).parent / "assets"  # our JS and CSS, shipped with the package
SEARCH = Path(__file__).parent / "search"  # engine.js, worker.js, notes.js, search.css: our search engine
SEARCH_WORKER = "assets/search/worker.js"  # overrides/main.html points the theme's search at it
SEARCH_CSS = "assets/search/search.css"
SEARCH_NOTES = "assets/search/notes.js"  # the note above the results (no direct answer, typo searched by sound)
SEARCH_INDEX = "search/search_index.json"  # where the theme looks (material/offline turns it into .js)


class StudySiteConfig(Config):
    enabled = opt.Type(bool, default=True)
    # The inputs (generator.config documents them); paths are relative to mkdocs.yml.
    regulation = opt.Type(str)
    previous_regulation = opt.Optional(opt.Type(str))
    notice = opt.Optional(opt.Type(str))
    study_dir = opt.Optional(opt.Type(str))
    quizzes_dir = opt.Optional(opt.Type(str))
    # Where `npm ci` puts the offline search shim; only needed when material/offline is on.
    iframe_worker_shim = opt.Type(str, default="node_modules/iframe-worker/shim/index.js")
    # Where `npm ci` puts MiniSearch (inverted index + BM25), bundled into our search worker at build time.
    minisearch = opt.Type(str, default="node_modules/minisearch/dist/umd/index.js")
    # Words the search engine should know as one (one per line, jieba's format: word [freq [tag]]).
    userdict = opt.Type(str, default="search/userdict.txt")
    # How people ask: everyday words and question words → the text's words (generator/search/synonyms.py).
    synonyms = opt.Type(str, default="search/synonyms.yml")


class StudySitePlugin(BasePlugin[StudySiteConfig]):
    def __init__(self):
        self.root = Path.cwd()
        self.inputs = None
        self.offline = False
        self.project = None
        self.files = None
        self.search = None  # the theme's search plugin, when the site has a search box

    # Before material/offline's own on_config, so that it finds our local shim and adds no unpkg URL.
    @event_priority(100)
    def on_config(self, config):
        if not self.config.enabled:
            return
        config_file = Path(config.config_file_path) if config.config_file_path else Path.cwd() / "mkdocs.yml"
        self.root = config_file.parent.resolve()
        try:
            self.inputs = inputs_from_options(self.config, self.root, str(config_file))
        except SourceError as error:
            raise PluginError(str(error)) from None
        # material/search opens its jieba user dictionary relative to the working folder; resolve it against
        # mkdocs.yml so that `mkdocs build -f path/to/mkdocs.yml` works from anywhere.
        search = config.plugins.get("material/search")
        user_dict = search.config.get("jieba_dict_user") if search else None
        if user_dict and not Path(user_dict).is_absolute():
            search.config["jieba_dict_user"] = str(self.root / user_dict)
        for stylesheet in SITE_CSS:
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        offline = config.plugins.get("material/offline")
        self.offline = bool(offline and offline.config.enabled)
        if self.offline:
            shim = self.root / self.config.iframe_worker_shim
            if not shim.is_file():
                raise PluginError(f"离线打包需要 {shim}（search 的 file:// 支持）：请先运行 npm ci")
            config.extra["polyfills"] = [SHIM_URL]
        return config

    def on_files(self, files, *, config):
        if not self.config.enabled:
            return files
        try:
            project = self.project = load_project(self.inputs)
            generated = render_pages(project)
            generated.update(render_assets(project, config.use_directory_urls))
        except (SourceError, SourceErrors) as error:
            raise PluginError(f"输入有误，未生成网站：\n{error}") from None
        self.search = _theme_search(config)
        minisearch = _find_upwards(self.root, self.config.minisearch) if self.search else None
        if self.search and minisearch is None:
            raise PluginError(f"搜索需要 {self.root / self.config.minisearch}：请先运行 npm ci")
        for asset in sorted(ASSETS.iterdir()):
            if asset.suffix in (".js", ".css"):
                generated[f"assets/{asset.name}"] = asset.read_bytes()
        if self.offline:
            generated[SHIM_URL] = (self.root / self.config.iframe_worker_shim).read_bytes()
        if self.search:
            generated[SEARCH_WORKER] = b"\n".join(
                [minisearch.read_bytes(), (SEARCH / "engine.js").read_bytes(),
                 (SEARCH / "worker.js").read_bytes()])
            generated[SEARCH_CSS] = (SEARCH / "search.css").read_bytes()
            generated[SEARCH_NOTES] = (SEARCH / "notes.js").read_bytes()
        for path, content in generated.items():
            if files.get_file_from_path(path):
                raise PluginError(f"docs/{path} 与生成的文件同名：请删除手写文件或改名")
            files.append(File.generated(config, path, content=content))
        log.info("生成页面和资源 %d 个", len(generated))
        self.files = files
        # Menu entries for pages this configuration does not generate (e.g. no question banks) are dropped.
        config.nav = _prune_nav(config.nav, lambda path: not is_generated_page(path) or path in generated)
        return files

    def on_serve(self, server, *, config, builder):
        if self.config.enabled:
            for path in self.inputs.watched():
                server.watch(str(path))
        return server

    # Before material/search reads the page: our index replaces the theme's, so the theme need not cut
    # every page with jieba only to have its file overwritten (`search.exclude` is its documented switch).
    @event_priority(50)
    def on_page_context(self, context, *, page, config, nav):
        if self.config.enabled:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return context

    # After material/search has written its index (default priority), which ours replaces, and before
    # material/offline copies the file into search_index.js (priority -100).
    @event_priority(-50)
    def on_post_build(self, *, config):
        if not self.config.enabled or self.project is None or self.search is None:
            return
        search = self.search
        separator = search.config.separator or r"[\s\-]+"
        userdict = self.root / self.config.userdict
        if not userdict.is_file() and search.config.get("jieba_dict_user"):
            userdict = Path(search.config["jieba_dict_user"])  # resolved against mkdocs.yml in on_config

        def url_for(path):
            file = self.files.get_file_from_path(path)
            return file.url if file else None

        try:
            index = build_index(self.project, url_for, separator, userdict, self.root / self.config.synonyms)
        except SourceError as error:
            raise PluginError(f"搜索词典有误：{error}") from None
        except SourceErrors as errors:
            raise PluginError("搜索词典有误：\n" + "\n".join(f"  {error}" for error in errors.errors)) from None
        target = Path(config.site_dir) / SEARCH_INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_index(index), encoding="utf-8")


def _theme_search(config):
    """material/search when it is enabled (the site then has a search box for our engine), else None."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    return search if search is not None and search.config.get("enabled", True) else None


def _find_upwards(root: Path, relative: str) -> Path | None:
    """`root/relative`, or the first `parent/relative` above it, as Node looks for node_modules (so that a
    site in a subfolder, like examples/regulation-2005, uses the project's `npm ci`); None if none exists."""
    for folder in (root, *root.parents):
        if (folder / relative).is_file():
            return folder / relative
    return None


def _prune_nav(nav, keep):
    """config.nav without the page entries `keep(path)` rejects, and without sections left empty."""
    if nav is None:
        return None
    pruned = []
    for entry in nav:
        title, value = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        if isinstance(value, list):
            value = _prune_nav(value, keep)
            if not value:
                continue
        elif isinstance(value, str) and "://" not in value and not keep(value):
            continue
        pruned.append({title: value} if title is not None else value)
    return pruned
