"""Find the provision a question is about: the official text cut into passages, searched by character bigrams.

A passage is one line of the text: a paragraph (款) or an item (项) of an article of the 2022 regulation, or a
paragraph of the county notice. Article-level passages (all of an article's lines) serve statements that run
from an article's lead-in into one of its items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..texts.notice import Notice, parse_notice
from ..texts.numerals import to_chinese_number
from ..texts.regulation import Regulation, parse_regulation
from .keys import Key, bigrams, make_key

REGULATION = "sources/regulation-2022.md"
NOTICE = "sources/county-notice-2022.txt"
OLD_REGULATION = "sources/regulation-2005.md"
OLD_EDITION = "2005年《信访条例》"
CASE_LEAD = "有下列情形之一的"  # 第四十三至四十六条: the items are the cases the lead-in's consequence follows
ITEM_LABEL_RE = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
QUOTE_LEAST = 4  # key characters: a shorter quotation (“书面”) is a word, not the clause that decides
HEADNOTE = 0  # the article number of the 题注 lines: who issued the regulation, when, in force when


@dataclass
class Passage:
    article: int | None  # None for the notice
    notice: str | None  # the notice section key, "二（四）" or "导语"
    where: str  # 第二十二条第一款, 第二十六条第（三）项, 通知二（四）
    text: str
    key: Key
    grams: set[str]
    lead: bool = False  # an article line that introduces items (ends with ：)
    items: tuple[int, ...] = ()  # for a lead line: indexes of its items in Corpus.passages
    lines: tuple[str, ...] = ()  # for a whole article: where each of its lines is (第二十三条第二款 …)
    edition: str = ""  # "" for the 2022 regulation and the notice; OLD_EDITION for the 2005 regulation

    @property
    def source(self) -> str:
        """How a report names the provision: 第二十二条, 2005年《信访条例》第二十二条, 题注 or 通知二（四）."""
        if self.article == HEADNOTE:
            return f"{self.edition}题注"
        if self.article is not None:
            return f"{self.edition}第{to_chinese_number(self.article)}条"
        return f"通知{self.notice}"

    def where_of(self, words: str) -> str:
        """第二十三条第二款 rather than 第二十三条 when `words` lie within one line of this whole article."""
        if words and "\n" in self.text:
            for line, where in zip(self.text.split("\n"), self.lines):
                if words.strip() in line:
                    return where
        return self.where


@dataclass
class Corpus:
    passages: list[Passage]
    articles: dict[int, Passage]  # article number → the whole article as one passage
    older: Corpus | None = None  # the 2005 regulation, for statements about it (None when absent)
    cited: bool = False  # only the provisions a question cites: a weaker match still locates the provision
    every: list[Passage] | None = None  # a restricted corpus: all the lines (Passage.items index them)

    def least_share(self, share: float) -> float:
        """The least share of a question's words a passage must have to be what it is about: `share` in the
        whole text, a third of it among the provisions the question cites."""
        return share / 3 if self.cited else share

    def restricted(self, articles: list[int], notice: str | None) -> Corpus:
        """Only the cited articles (and notice section): the corpus a question's citation points to. The 题注
        (who issued the regulation, when, in force when) goes with the last article, 施行日期, which banks cite
        for it."""
        last = max((n for n in self.articles if n != HEADNOTE), default=None)
        if last is not None and last in articles and HEADNOTE in self.articles:
            articles = [*articles, HEADNOTE]

        def cited(passage: Passage) -> bool:
            if passage.article is not None:
                return passage.article in articles
            return bool(notice and passage.notice and (passage.notice.startswith(notice)
                                                       or notice.startswith(passage.notice)))

        return Corpus([p for p in self.passages if cited(p)],
                      {n: p for n, p in self.articles.items() if n in articles}, None, True,
                      self.every if self.every is not None else self.passages)

    def lines_named(self, wheres: list[str]) -> Corpus:
        """Only the lines named (Passage.where: 第三十一条第（二）项, 第二十条第三款, or 第四十八条 for all of an
        article's lines; a lead-in 款 with its items): the corpus an explanation's citation of 款 and 项 points to."""
        def named(passage: Passage) -> bool:
            return passage.where in wheres or (passage.article is not None and passage.source in wheres)

        every = self.every if self.every is not None else self.passages
        chosen = {id(p) for p in self.passages if named(p)}
        for passage in [p for p in self.passages if named(p) and p.lead]:  # a lead-in 款 with its items
            chosen.update(id(every[index]) for index in passage.items)
        lines = [p for p in self.passages if id(p) in chosen]
        return Corpus(lines, self._articles_of(lines), None, True, every)

    def quoted(self, quotes: list[str]) -> Corpus | None:
        """Only the words of the text an explanation quotes (“……” verbatim in one of this corpus's lines, at
        least QUOTE_LEAST key characters), each as a passage named after its line: the clause that decides a
        case, finer than the 款 or 项 it stands in. None when no quotation is such words."""
        fragments = []
        for quote in dict.fromkeys(quotes):
            chars = make_key(quote).chars
            if len(chars) < QUOTE_LEAST:
                continue
            line = next((p for p in self.passages if chars in p.key.chars), None)
            if line is not None:
                fragment = _passage(line.article, line.notice, line.where, quote)
                fragment.edition = line.edition
                fragments.append(fragment)
        if not fragments:
            return None
        return Corpus(fragments, self._articles_of(fragments), None, True, fragments)

    def _articles_of(self, lines: list[Passage]) -> dict[int, Passage]:
        """Article number → that article as only the given lines (or quoted words) of it, for Corpus.whole."""
        wholes = {}
        for number in dict.fromkeys(p.article for p in lines if p.article is not None):
            own = [p for p in lines if p.article == number]
            whole = _passage(number, None, self.articles[number].where, "\n".join(p.text for p in own))
            whole.lines, whole.edition = tuple(p.where for p in own), own[0].edition
            wholes[number] = whole
        return wholes

    def rank(self, key: str, limit: int = 6) -> list[tuple[float, Passage]]:
        """Passages by the share of the query's bigrams they contain (best first), at most `limit`."""
        grams = bigrams(key)
        if not grams:
            return []
        scored = [(len(grams & passage.grams) / len(grams), passage) for passage in self.passages]
        scored = [pair for pair in scored if pair[0] > 0]
        scored.sort(key=lambda pair: (-pair[0], len(pair[1].key)))
        return scored[:limit]

    def whole(self, passage: Passage) -> Passage:
        """The article a line belongs to, or the line itself for the notice."""
        if passage.article is not None:
            return self.articles[passage.article]
        return passage

    def enumeration(self, passage: Passage) -> list[Passage]:
        """A lead-in line with its items, or the line alone."""
        if passage.lead:
            lines = self.every if self.every is not None else self.passages
            return [lines[index] for index in passage.items]
        return [passage]

    def item_sentences(self, article: int) -> list[Passage]:
        """Each item of the article's lead-in lines read into its lead-in, as a statement of it would say it:
        负有受理信访事项职责的机关、单位有下列情形之一的，由其上级机关、单位责令改正……：（一）对收到的信访事项不按照
        规定登记 → 负有受理信访事项职责的机关、单位对收到的信访事项不按照规定登记的，由其上级机关、单位责令改正……
        (lead-ins with 有下列情形之一的 only: the others' items are no case of a consequence). Named after the item."""
        lines = self.every if self.every is not None else self.passages
        out = []
        for lead in (p for p in self.passages if p.article == article and p.lead):
            head = lead.text.rstrip().rstrip("：:")
            for index in lead.items:
                item = lines[index]
                words = ITEM_LABEL_RE.sub("", item.text.strip()).rstrip("；;。")
                if CASE_LEAD not in head:
                    continue
                text = head.replace(CASE_LEAD, words + "的", 1)
                sentence = _passage(article, None, item.where, text)
                sentence.edition = item.edition
                out.append(sentence)
        return out

    def containing(self, key: str) -> list[Passage]:
        """Every line whose key contains `key` verbatim."""
        return [passage for passage in self.passages if key in passage.key.chars]


def in_scope(passage: Passage, scope: set[str] | None) -> bool:
    """True when `passage` belongs to one of the texts in `scope` ("regulation", "notice"; None: any)."""
    return not scope or ("notice" if passage.article is None else "regulation") in scope


def load_corpus(root: str | Path = ".") -> Corpus:
    """The 2022 regulation and the county notice under `root` as passages, with the 2005 regulation as
    `older` when its file is there; SourceError if one is malformed."""
    root = Path(root)
    corpus = build_corpus(parse_regulation(root / REGULATION), parse_notice(root / NOTICE))
    if (root / OLD_REGULATION).is_file():
        corpus.older = build_corpus(parse_regulation(root / OLD_REGULATION), None, OLD_EDITION)
    return corpus


def build_corpus(regulation: Regulation, notice: Notice | None, edition: str = "") -> Corpus:
    """Passages of `regulation` (named with `edition` before the article: 2005年《信访条例》第二十条) and of
    `notice` (None: none)."""
    passages: list[Passage] = []
    articles: dict[int, Passage] = {}
    for article in regulation.articles:
        label = f"{edition}第{to_chinese_number(article.number)}条"
        lines = article.text.split("\n")
        paragraph = 0
        lead_index = None
        for block, line in zip(article.blocks, lines):
            if hasattr(block, "number"):  # an Item
                where = f"{label}第{block.label}项"
                passages.append(_passage(article.number, None, where, line))
                if lead_index is not None:
                    passages[lead_index].items += (len(passages) - 1,)
            else:
                paragraph += 1
                where = f"{label}第{to_chinese_number(paragraph)}款"
                passages.append(_passage(article.number, None, where, line))
                lead_index = len(passages) - 1 if line.rstrip().endswith("：") else None
                passages[-1].lead = lead_index is not None
        articles[article.number] = _passage(article.number, None, label, "\n".join(lines))
        articles[article.number].lines = tuple(p.where for p in passages[-len(lines):])
    note = headnote(regulation)
    for line in note:
        passages.append(_passage(HEADNOTE, None, f"{edition}题注", line))
    articles[HEADNOTE] = _passage(HEADNOTE, None, f"{edition}题注", "\n".join(note))
    articles[HEADNOTE].lines = tuple(f"{edition}题注" for _ in note)
    for passage in [*passages, *articles.values()]:
        passage.edition = edition
    for key in notice.section_keys() if notice else []:  # 文头 and 落款 too: who issued it, when, to whom
        section = _notice_lines(notice, key)
        for line in section:
            if line.strip():
                passages.append(_passage(None, key, f"通知{key}", line))
    return Corpus(passages, articles)


def headnote(regulation: Regulation) -> list[str]:
    """The 题注 as sentences a question can be checked against (the front matter of sources/, with the
    meaning a date's comment gives it): 中共中央、国务院发布, 2022年1月24日中共中央政治局会议审议批准,
    2022年2月25日印发, 2022年5月1日起施行, 共6章50条."""
    meta, notes = regulation.meta, regulation.meta_notes
    lines = [f"{meta['issuer']}发布"] if meta.get("issuer") else []
    for key, default in (("approved", "审议批准"), ("adopted", "通过"), ("issued", "印发"),
                         ("effective", "起施行")):
        value = str(meta.get(key) or "")[:10].split("-")
        if len(value) == 3 and all(part.isdigit() for part in value):
            lines.append(f"{value[0]}年{int(value[1])}月{int(value[2])}日{notes.get(key, default)}")
    lines.append(f"共{len(regulation.chapters)}章{len(regulation.articles)}条")
    return lines


def _notice_lines(notice: Notice, key: str) -> list[str]:
    if key in ("导语", "结语", "文头", "落款"):
        return notice.section_text(key).split("\n")
    for section in notice.all_sections():
        if section.key == key:
            return [section.label + section.title, *section.paragraphs, *section.closing]
    return []


def _passage(article: int | None, notice: str | None, where: str, text: str) -> Passage:
    key = make_key(text)
    return Passage(article, notice, where, text, key, bigrams(key.chars))
