"""信访事项办理流程: steps and branches from study/flow.yml, checked against the regulation, drawn in HTML.

The data file holds the order of the steps, their article numbers and quotations; every deadline on the page
is found by deadlines.scan inside a quotation that the build has checked word for word against its article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SourceError, display_path
from ..markdown import front_matter, text
from ..texts.pages import article_heading, article_link, escape
from ..texts.regulation import Regulation
from ..yamlfile import YamlMap, load_yaml
from . import AIDS_SEARCH
from .deadlines import KIND_COUNT, KIND_DATE, KIND_PERIOD, PhraseMatch, scan

PAGE = "aids/flow.md"


@dataclass(frozen=True)
class Quote:
    article: int
    phrase: str  # checked to stand word for word in the article
    limits: tuple[PhraseMatch, ...]  # the deadlines inside the phrase


@dataclass(frozen=True)
class Route:
    article: int
    item: int
    label: str


@dataclass(frozen=True)
class Branch:
    title: str
    note: str
    articles: tuple[int, ...]
    quotes: tuple[Quote, ...]
    routes: tuple[Route, ...]


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    note: str
    articles: tuple[int, ...]
    quotes: tuple[Quote, ...]
    branches: tuple[Branch, ...]

    @property
    def limits(self) -> list[str]:
        """The periods (时限) quoted in this step, without repeats, in order; head counts and dates are not
        时限 (see numbers)."""
        return self.numbers(KIND_PERIOD)

    def numbers(self, kind: str) -> list[str]:
        """The quoted number phrases of one kind (期限 / 人数 / 日期), without repeats, in order."""
        phrases = [m.phrase for quote in self.quotes for m in quote.limits if m.kind == kind]
        return list(dict.fromkeys(phrases))


@dataclass(frozen=True)
class Flow:
    path: str
    steps: tuple[Step, ...]


_STEP_KEYS = {"id", "title", "note", "articles", "quotes", "branches"}
_BRANCH_KEYS = {"title", "note", "articles", "quotes", "routes"}
_ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")


def check_flow(path: str | Path, regulation: Regulation) -> tuple[Flow, list[SourceError]]:
    """Read the flow file and check it against the regulation; every problem is returned, none is raised
    (except a file that is not YAML at all)."""
    reader = _Reader(display_path(path), regulation)
    data = load_yaml(path)
    steps: list[Step] = []
    if not isinstance(data, YamlMap) or not isinstance(data.get("steps"), list) or not data["steps"]:
        reader.fail(getattr(data, "line", 1), "文件应为“steps:”加步骤列表")
    else:
        reader.keys(data, {"steps"}, "顶层")
        seen: set[str] = set()
        for node in data["steps"]:
            step = reader.step(node)
            if step and step.id in seen:
                reader.fail(node.line_of("id"), f"步骤 id“{step.id}”重复")
            elif step:
                seen.add(step.id)
                steps.append(step)
    return Flow(reader.path, tuple(steps)), sorted(reader.errors, key=lambda error: error.line or 0)


def load_flow(path: str | Path, regulation: Regulation) -> Flow:
    """The checked flow; raise the first SourceError (file, line, reason) if the file has any problem."""
    flow, errors = check_flow(path, regulation)
    if errors:
        raise errors[0]
    return flow


class _Reader:
    """Turns YAML nodes into the model, collecting a SourceError for everything that does not fit."""

    def __init__(self, path: str, regulation: Regulation):
        self.path = path
        self.regulation = regulation
        self.errors: list[SourceError] = []

    def fail(self, line: int, reason: str) -> None:
        self.errors.append(SourceError(self.path, line, reason))

    def keys(self, node: YamlMap, allowed: set[str], what: str) -> None:
        for key in node:
            if key not in allowed:
                self.fail(node.line_of(key), f"{what}不认识的键“{key}”（允许：{'、'.join(sorted(allowed))}）")

    def text(self, node: YamlMap, key: str, what: str, required: bool = False) -> str:
        value = node.get(key, "")
        if required and not value:
            self.fail(node.line, f"{what}缺少 {key}")
        elif not isinstance(value, str):
            self.fail(node.line_of(key), f"{what}的 {key} 应为文字，实际为 {value!r}")
            return ""
        elif scan(value):
            # Numbers typed by hand drift from the law; they must come from a checked quotation.
            self.fail(node.line_of(key),
                      f"{what}的 {key} 含时限“{scan(value)[0].phrase}”：时限请写进 quotes 引用原文")
        return value

    def article(self, node: YamlMap, key: str, value: Any) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(node.line_of(key), f"条文号应为整数，实际为 {value!r}")
            return None
        try:
            self.regulation.article(value)
        except KeyError:
            self.fail(node.line_of(key), f"《{self.regulation.title}》没有第 {value} 条"
                                         f"（共 {len(self.regulation.articles)} 条）")
            return None
        return value

    def articles(self, node: YamlMap) -> tuple[int, ...]:
        values = node.get("articles", [])
        if not isinstance(values, list):
            self.fail(node.line_of("articles"), "articles 应为条文号列表，如 [22, 23]")
            return ()
        return tuple(n for n in (self.article(node, "articles", v) for v in values) if n is not None)

    def quotes(self, node: YamlMap) -> tuple[Quote, ...]:
        out = []
        for quote in self._list(node, "quotes"):
            self.keys(quote, {"article", "phrase"}, "quotes 条目")
            number = self.article(quote, "article", quote.get("article"))
            phrase = quote.get("phrase")
            if not isinstance(phrase, str) or not phrase:
                self.fail(quote.line, "quotes 条目缺少 phrase（条文原话）")
            elif number is not None:
                article = self.regulation.article(number)
                if phrase not in article.text:
                    self.fail(quote.line_of("phrase"), f"“{phrase}”不在{article.label}原文中（须逐字引用）")
                else:
                    out.append(Quote(number, phrase, tuple(scan(phrase))))
        return tuple(out)

    def routes(self, node: YamlMap) -> tuple[Route, ...]:
        out = []
        for route in self._list(node, "routes"):
            self.keys(route, {"article", "item", "label"}, "routes 条目")
            number = self.article(route, "article", route.get("article"))
            label = self.text(route, "label", "routes 条目", required=True)
            item = route.get("item")
            if number is None:
                continue
            article = self.regulation.article(number)
            if item not in [i.number for i in article.items]:
                self.fail(route.line_of("item"), f"{article.label}没有第 {item!r} 项"
                                                 f"（共 {len(article.items)} 项）")
            elif label:
                out.append(Route(number, item, label))
        return tuple(out)

    def branch(self, node: YamlMap) -> Branch:
        self.keys(node, _BRANCH_KEYS, "分支")
        title = self.text(node, "title", "分支", required=True)
        return Branch(title, self.text(node, "note", "分支"), self.articles(node), self.quotes(node),
                      self.routes(node))

    def step(self, node: Any) -> Step | None:
        if not isinstance(node, YamlMap):
            self.fail(1, f"steps 的每一项应为键值对，实际为 {node!r}")
            return None
        self.keys(node, _STEP_KEYS, "步骤")
        step_id = node.get("id")
        if not isinstance(step_id, str) or not _ID_RE.match(step_id):
            self.fail(node.line_of("id"), f"步骤 id 应为小写英文短名（用作锚点），实际为 {step_id!r}")
            return None
        what = f"步骤“{step_id}”"
        branches = tuple(self.branch(branch) for branch in self._list(node, "branches"))
        return Step(step_id, self.text(node, "title", what, required=True), self.text(node, "note", what),
                    self.articles(node), self.quotes(node), branches)

    def _list(self, node: YamlMap, key: str) -> list[YamlMap]:
        values = node.get(key, [])
        if not isinstance(values, list):
            self.fail(node.line_of(key), f"{key} 应为列表")
            return []
        good = [v for v in values if isinstance(v, YamlMap)]
        if len(good) != len(values):
            self.fail(node.line_of(key), f"{key} 的每一项应为键值对")
        return good


def render_flow_page(flow: Flow, regulation: Regulation, titles: dict[int, str], page: str = PAGE) -> str:
    """The flow page: an overview line of the steps, then one card per step (note, quoted deadlines,
    branches, article links), stacked vertically with CSS connectors; plain HTML/CSS, no script."""
    overview = " → ".join(f"[{escape(step.title)}](#flow-{step.id})" for step in flow.steps)
    lines = [
        *front_matter(search=AIDS_SEARCH),
        "# 信访事项办理流程",
        "",
        (f"依据《{escape(regulation.title)}》第三章、第四章整理。时限标签取自所引条文原话，"
         "每条引文在生成网站时都与条文逐字核对；点条文号可读全文。"),
        "",
        overview,
        "{: .xf-flow-overview }",
        "",
        '<div class="xf-flow" markdown>',
        "",
    ]
    for number, step in enumerate(flow.steps, 1):
        lines += _render_step(number, step, regulation, titles, page)
    lines += ["</div>", ""]
    return "\n".join(lines)


def _render_step(number: int, step: Step, regulation: Regulation, titles: dict[int, str],
                 page: str) -> list[str]:
    lines = [
        '<div class="xf-flow-step" markdown>',
        "",
        (f'## <span class="xf-flow-num">{number}</span> {escape(step.title)} '
         f'{{: #flow-{step.id} .xf-flow-title }}'),
        "",
    ]
    for label, kind in (("时限", KIND_PERIOD), ("人数", KIND_COUNT), ("日期", KIND_DATE)):
        if step.numbers(kind):
            badges = " ".join(f'<span class="xf-flow-badge">{escape(p)}</span>' for p in step.numbers(kind))
            lines += [f"{label}：{badges}", "{: .xf-flow-badges }", ""]
    if step.note:
        lines += [text(step.note), "{: .xf-flow-note }", ""]
    lines += _render_quotes(step.quotes, regulation, page)
    if step.branches:
        lines += ['<div class="xf-flow-branches" markdown>', ""]
        for branch in step.branches:
            lines += _render_branch(branch, regulation, titles, page)
        lines += ["</div>", ""]
    lines += _render_articles(step.articles, regulation, titles, page)
    lines += ["</div>", ""]
    return lines


def _render_branch(branch: Branch, regulation: Regulation, titles: dict[int, str], page: str) -> list[str]:
    lines = ['<div class="xf-flow-branch" markdown>', "",
             f"**{escape(branch.title)}**", "{: .xf-flow-branch-title }", ""]
    if branch.note:
        lines += [text(branch.note), ""]
    if branch.routes:
        for index, route in enumerate(branch.routes, 1):
            link = article_link(regulation, route.article, page, f"article-{route.article}-{route.item}")
            lines.append(f"{index}. [{escape(route.label)}]({link})")
        lines.append("")
    lines += _render_quotes(branch.quotes, regulation, page)
    lines += _render_articles(branch.articles, regulation, titles, page)
    lines += ["</div>", ""]
    return lines


def _render_quotes(quotes: tuple[Quote, ...], regulation: Regulation, page: str) -> list[str]:
    lines = []
    for quote in quotes:
        text, position = [], 0
        for limit in quote.limits:
            text.append(escape(quote.phrase[position:limit.start]))
            text.append(f'<mark>{escape(limit.phrase)}</mark>')
            position = limit.start + len(limit.phrase)
        text.append(escape(quote.phrase[position:]))
        label = regulation.article(quote.article).label
        css = ".xf-flow-quote .xf-flow-limit" if quote.limits else ".xf-flow-quote"
        lines += [f"“{''.join(text)}”（[{label}]({article_link(regulation, quote.article, page)})）",
                  f"{{: {css} }}", ""]
    return lines


def _render_articles(numbers: tuple[int, ...], regulation: Regulation, titles: dict[int, str],
                     page: str) -> list[str]:
    if not numbers:
        return []
    links = "　".join(f"[{escape(article_heading(regulation.article(n), titles))}]"
                     f"({article_link(regulation, n, page)})" for n in numbers)
    return [f"条文：{links}", "{: .xf-flow-articles }", ""]
