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

from .errors import SourceError, SourceErrors
from .search.index import build_index, render_index
from .site import load_project, render_assets, render_pages, watched_paths

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

SHIM_URL = "assets/vendor/iframe-worker/shim.js"
ASSETS = Path(__file__).parent / "assets"  # quiz.js, quiz.css: ours, shipped with the package
SEARCH = Path(__file__).parent / "search"  # engine.js, worker.js, search.css: our search engine
SEARCH_WORKER = "assets/search/worker.js"  # overrides/main.html points the theme's search at it
SEARCH_CSS = "assets/search/search.css"
SEARCH_INDEX = "search/search_index.json"  # where the theme looks (material/offline turns it into .js)


class StudySiteConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Where `npm ci` puts the offline search shim; only needed when material/offline is on.
    iframe_worker_shim = opt.Type(str, default="node_modules/iframe-worker/shim/index.js")
    # Where `npm ci` puts MiniSearch (inverted index + BM25), bundled into our search worker at build time.
    minisearch = opt.Type(str, default="node_modules/minisearch/dist/umd/index.js")
    # Words the search engine should know as one (one per line, jieba's format: word [freq [tag]]).
    userdict = opt.Type(str, default="search/userdict.txt")


class StudySitePlugin(BasePlugin[StudySiteConfig]):
    def __init__(self):
        self.root = Path.cwd()
        self.offline = False
        self.project = None
        self.files = None

    # Before material/offline's own on_config, so that it finds our local shim and adds no unpkg URL.
    @event_priority(100)
    def on_config(self, config):
        if not self.config.enabled:
            return
        self.root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
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
            project = self.project = load_project(self.root)
            generated = render_pages(project)
            generated.update(render_assets(project, config.use_directory_urls))
        except (SourceError, SourceErrors) as error:
            raise PluginError(f"输入有误，未生成网站：\n{error}") from None
        minisearch = self.root / self.config.minisearch
        if not minisearch.is_file():
            raise PluginError(f"搜索需要 {minisearch}：请先运行 npm ci")
        for asset in sorted(ASSETS.iterdir()):
            if asset.suffix in (".js", ".css"):
                generated[f"assets/{asset.name}"] = asset.read_bytes()
        if self.offline:
            generated[SHIM_URL] = (self.root / self.config.iframe_worker_shim).read_bytes()
        generated[SEARCH_WORKER] = b"\n".join(
            [minisearch.read_bytes(), (SEARCH / "engine.js").read_bytes(),
             (SEARCH / "worker.js").read_bytes()])
        generated[SEARCH_CSS] = (SEARCH / "search.css").read_bytes()
        for path, content in generated.items():
            if files.get_file_from_path(path):
                raise PluginError(f"docs/{path} 与生成的文件同名：请删除手写文件或改名")
            files.append(File.generated(config, path, content=content))
        log.info("生成页面和资源 %d 个", len(generated))
        self.files = files
        return files

    def on_serve(self, server, *, config, builder):
        if self.config.enabled:
            for path in watched_paths(self.root):
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
        if not self.config.enabled or self.project is None:
            return
        search = config.plugins.get("material/search") or config.plugins.get("search")
        separator = search.config.separator if search and search.config.separator else r"[\s\-]+"
        files = self.files
        index = build_index(self.project, lambda path: files.get_file_from_path(path).url, separator,
                            self.root / self.config.userdict)
        target = Path(config.site_dir) / SEARCH_INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_index(index), encoding="utf-8")
