"""The MkDocs plugin: the only module that imports mkdocs. It feeds the generated pages to MkDocs as virtual
files, serves the offline shim and our search worker, writes our search index in place of the theme's and
watches the inputs under `mkdocs serve`."""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from .config import ASSET_DEFAULTS, OPTION_TYPES, PLUGIN_NAME, check_options, find_asset, inputs_from_options
from .errors import SourceError, SourceErrors, read_bytes
from .search.index import build_index, render_index
from .site import SITE_CSS, SITE_JS, is_generated_page, load_project, render_assets, render_pages
from .theme import POLYFILL, THEME_BUNDLE, UNUSED_WITH_OUR_SEARCH, patch_bundle

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

SHIM_URL = "assets/vendor/iframe-worker/shim.js"
ASSETS = Path(__file__).parent / "assets"  # our JS and CSS, shipped with the package
SEARCH = Path(__file__).parent / "search"  # engine.js, worker.js, notes.js, search.css: our search engine
SEARCH_WORKER = "assets/search/worker.js"  # overrides/main.html points the theme's search at it
SEARCH_CSS = "assets/search/search.css"
COMPETITION = Path(__file__).parent / "competition"  # match.js, console.js, console.css: the console's browser code
SEARCH_NOTES = "assets/search/notes.js"  # the note above the results (no direct answer, typo searched by sound)
SEARCH_INDEX = "search/search_index.json"  # where the theme looks (material/offline turns it into .js)


class StudySiteConfig(Config):
    # Every option takes any value here: generator.config.check_options checks names and types and says what
    # is wrong in Chinese (MkDocs' own check would stop the build in English).
    enabled = opt.Type(object, default=True)
    # The inputs (generator.config documents them); paths are relative to mkdocs.yml.
    # Optional for MkDocs: a missing regulation is reported by generator.config, in Chinese.
    regulation = opt.Optional(opt.Type(object))
    previous_regulation = opt.Optional(opt.Type(object))
    notice = opt.Optional(opt.Type(object))
    study_dir = opt.Optional(opt.Type(object))
    quizzes_dir = opt.Optional(opt.Type(object))
    # Where `npm ci` puts the offline search shim; only needed when material/offline is on.
    iframe_worker_shim = opt.Type(object, default=ASSET_DEFAULTS["iframe_worker_shim"])
    # Where `npm ci` puts MiniSearch (inverted index + BM25), bundled into our search worker at build time.
    minisearch = opt.Type(object, default=ASSET_DEFAULTS["minisearch"])
    # Words the search engine should know as one (one per line, jieba's format: word [freq [tag]]).
    userdict = opt.Type(object, default=ASSET_DEFAULTS["userdict"])
    # Where `npm ci` puts the ResizeObserver polyfill the theme would otherwise fetch from unpkg.com.
    resize_observer_polyfill = opt.Type(object, default=ASSET_DEFAULTS["resize_observer_polyfill"])
    # How people ask: everyday words and question words → the text's words (generator/search/synonyms.py).
    synonyms = opt.Type(object, default=ASSET_DEFAULTS["synonyms"])


class StudySitePlugin(BasePlugin[StudySiteConfig]):
    def __init__(self):
        self.root = Path.cwd()
        self.inputs = None
        self.offline = False
        self.project = None
        self.files = None
        self.search = None  # the theme's search plugin, when the site has a search box
        self.options = {}  # the options as written in mkdocs.yml, checked in on_config
        self.userdict = None
        self.synonyms = None  # the search's dictionary of how people ask; none means no expansion
        self.shim = None

    def load_config(self, options, config_file_path=None):
        # Unknown names are kept from MkDocs (its warning is English) and reported by check_options.
        self.options = dict(options)
        known = {name: value for name, value in options.items() if name in OPTION_TYPES}
        return super().load_config(known, config_file_path)

    # Before material/offline's own on_config, so that it finds our local shim and adds no unpkg URL.
    @event_priority(100)
    def on_config(self, config):
        config_file = Path(config.config_file_path) if config.config_file_path else Path.cwd() / "mkdocs.yml"
        try:
            check_options(self.options, str(config_file))
        except SourceErrors as error:
            raise PluginError(f"配置有误，未生成网站：\n{error}") from None
        if not self.config.enabled:
            return
        if config.repo_url:
            raise PluginError(f"{config_file}: repo_url 会让主题在每一页向 GitHub/GitLab 请求仓库信息，"
                              "而本站不访问其他网站（离线也要能用）：请删去 repo_url，仓库地址可写在页面里")
        for name in ("extra_css", "extra_javascript"):
            remote = [str(item) for item in config[name] if "//" in str(item)]
            if remote:
                raise PluginError(f"{config_file}: {name} 中的 {remote[0]} 在另一个网站上，而本站不访问其他网站"
                                  "（离线也要能用）：请把文件放进 docs/ 并写相对路径")
        _escape_template_strings(config)
        self.root = config_file.parent.resolve()
        try:
            self.inputs = inputs_from_options(self.config, self.root, str(config_file))
            self.userdict = self._userdict(config, str(config_file))
            self.synonyms = find_asset(self.root, "synonyms", self.config.synonyms, str(config_file))
            if self.synonyms is None and "synonyms" in self.options:
                raise SourceError(str(config_file), None, f"插件 {PLUGIN_NAME} 的选项 synonyms 指向的文件不存在："
                                                          f"{self.root / self.config.synonyms}")
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
        for script in SITE_JS:
            if script not in [str(item) for item in config.extra_javascript]:
                config.extra_javascript.append(script)
        offline = config.plugins.get("material/offline")
        self.offline = bool(offline and offline.config.enabled)
        if self.offline:
            self.shim = self._asset("iframe_worker_shim", str(config_file))
            if self.shim is None:
                raise PluginError(f"离线打包需要 {self.root / self.config.iframe_worker_shim}（search 的 file:// "
                                  "支持）：请先运行 npm ci")
            config.extra["polyfills"] = [SHIM_URL]
        return config

    def _offline_theme(self, files, config) -> None:
        """The theme's bundle without its unpkg.com and repository-API URLs, the polyfill it would fetch, and
        without the theme's own search files when ours answers (generator.theme)."""
        polyfill = self._asset("resize_observer_polyfill", str(self.root / "mkdocs.yml"))
        if polyfill is None:
            raise PluginError(f"需要 {self.root / self.config.resize_observer_polyfill}（不支持 ResizeObserver 的"
                              "浏览器用它，而不是去 unpkg.com 下载）：请先运行 npm ci")
        bundles = [file for file in files if THEME_BUNDLE.fullmatch(file.src_uri)]
        if len(bundles) != 1:
            raise PluginError(f"找到 {len(bundles)} 个 mkdocs-material 的 bundle（应为 1 个）：请更新 generator/theme.py")
        try:
            bundles[0].content_string = patch_bundle(bundles[0].content_string)
        except ValueError as error:
            raise PluginError(str(error)) from None
        if self.search:
            for file in [file for file in files if UNUSED_WITH_OUR_SEARCH.fullmatch(file.src_uri)]:
                files.remove(file)
        files.append(File.generated(config, POLYFILL, content=read_bytes(polyfill)))

    def _asset(self, name: str, where: str) -> Path | None:
        try:
            return find_asset(self.root, name, getattr(self.config, name), where)
        except SourceError as error:
            raise PluginError(str(error)) from None

    def _userdict(self, config, where: str) -> Path | None:
        """The search's user dictionary: the `userdict` option, else material/search's jieba_dict_user
        (resolved against mkdocs.yml), else none. A configured one that is missing or a folder stops the
        build."""
        found = self._asset("userdict", where)
        if found is not None or "userdict" in self.options:
            if found is None:
                raise PluginError(f"{where}: 插件 {PLUGIN_NAME} 的选项 userdict 指向的文件不存在："
                                  f"{self.root / self.config.userdict}")
            return found
        search = config.plugins.get("material/search")
        theirs = search.config.get("jieba_dict_user") if search else None
        if not theirs:
            return None
        path = Path(theirs) if Path(theirs).is_absolute() else self.root / theirs
        if not path.is_file():
            raise PluginError(f"{where}: search 的 jieba_dict_user 指向的 {path} 不存在或不是文件")
        return path

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
        minisearch = self._asset("minisearch", str(self.root / "mkdocs.yml")) if self.search else None
        if self.search and minisearch is None:
            raise PluginError(f"搜索需要 {self.root / self.config.minisearch}：请先运行 npm ci")
        self._offline_theme(files, config)
        for asset in sorted(ASSETS.iterdir()):
            if asset.suffix in (".js", ".css"):
                generated[f"assets/{asset.name}"] = asset.read_bytes()
        for asset in sorted(COMPETITION.iterdir()):
            if asset.suffix in (".js", ".css"):
                generated[f"assets/competition/{asset.name}"] = asset.read_bytes()
        if self.offline:
            generated[SHIM_URL] = read_bytes(self.shim)
        if self.search:
            generated[SEARCH_WORKER] = b"\n".join(
                [read_bytes(minisearch), (SEARCH / "engine.js").read_bytes(),
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
        def url_for(path):
            file = self.files.get_file_from_path(path)
            return file.url if file else None

        try:
            index = build_index(self.project, url_for, separator, self.userdict, self.synonyms)
        except SourceError as error:
            raise PluginError(f"搜索词典有误：{error}") from None
        except SourceErrors as errors:
            raise PluginError("搜索词典有误：\n" + "\n".join(f"  {error}" for error in errors.errors)) from None
        target = Path(config.site_dir) / SEARCH_INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_index(index), encoding="utf-8")


# Plain-text settings the theme prints into every page, most of them without escaping (site_name in the
# header: `site_name: "<img src=x onerror=…>"` ran script on every page). As Markup they print escaped
# everywhere and are not escaped twice where the theme does escape (`| e`).
TEXT_SETTINGS = ("site_name", "site_description", "site_author", "copyright", "repo_name")


def _escape_template_strings(config) -> None:
    """Escape TEXT_SETTINGS and the menu titles of `nav` (both reach every page's header and menu)."""
    for name in TEXT_SETTINGS:
        value = config.get(name)
        if isinstance(value, str) and not isinstance(value, Markup):
            config[name] = escape(value)
    config.nav = _escape_nav(config.nav)


def _escape_nav(nav):
    if not isinstance(nav, list):
        return nav
    escaped = []
    for entry in nav:
        if isinstance(entry, dict):
            entry = {(escape(title) if isinstance(title, str) else title): _escape_nav(value)
                     for title, value in entry.items()}
        escaped.append(entry)
    return escaped


def _theme_search(config):
    """material/search when it is enabled (the site then has a search box for our engine), else None."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    return search if search is not None and search.config.get("enabled", True) else None


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
