"""The quiz pages and the bank they run on: practice by chapter, mock exam, 错题本 and the overview.

Pure functions, no MkDocs imports. The pages are thin Markdown shells around `<div class="xf-quiz">`
containers; the scripts in assets/ (core.js and one per mode) render into them from `window.XF_BANK`,
which `render_bank_script` emits as assets/quiz-bank.js (the home page reads the smaller
`render_summary_script`). Bank text reaches the page only as JSON data, never as HTML.
"""

from __future__ import annotations

import json
from collections import Counter

from ..markdown import escape, front_matter
from ..texts import pages
from ..texts.regulation import Regulation
from .model import TAGS, Bank, Question, question_chapter
from .shuffle import option_order

BANK_SCRIPT = "assets/quiz-bank.js"
BANK_VERSION = 1
NOTICE_SCOPE = "notice"
NOTICE_TITLE = "县通知"
TYPE_ORDER = ("single", "multiple", "judge", "fill")
TYPE_NAMES = {"single": "单选题", "multiple": "多选题", "judge": "判断题", "fill": "填空题"}
NOSCRIPT = ('<noscript><p class="xf-noscript">本页的练习需要浏览器启用 JavaScript。'
            '如在微信中打开，请点右上角“…”选择“在浏览器打开”。</p></noscript>')


def practice_page(scope: str) -> str:
    """Docs path of a scope's practice page: "chapter-3" → "practice/chapter-3.md"."""
    return f"practice/{scope}.md"


def questions_per_article(bank: Bank) -> Counter:
    """Article number → questions citing it (what a chapter page's "本条相关题目 N 道" link counts)."""
    return Counter(number for question in bank.questions for number in set(question.articles))


def render_bank_script(bank: Bank, regulation: Regulation, use_directory_urls: bool = True,
                       titles: dict[int, str] | None = None) -> str:
    """assets/quiz-bank.js: `window.XF_BANK = {…};` with every question, its scope and its source links.

    Hrefs are relative to the site root (the scripts prefix them with the page's base_url), in the URL form
    MkDocs uses for this build: "regulation/chapter-3/#article-19" or, for the offline bundle,
    "regulation/chapter-3.html#article-19". Article links read "第十九条 短标题" when `titles` are given.
    """
    def url(path: str) -> str:
        return _url(path, use_directory_urls)

    counts = Counter(question_chapter(question, regulation) for question in bank.questions)
    keys = [f"chapter-{chapter.number}" for chapter in regulation.chapters]
    scopes = [{"key": key, "title": chapter.heading, "count": counts[key], "href": url(practice_page(key))}
              for key, chapter in zip(keys, regulation.chapters)]
    if counts[NOTICE_SCOPE]:  # questions citing the notice exist only when the site has the notice
        scopes.append({"key": NOTICE_SCOPE, "title": NOTICE_TITLE, "count": counts[NOTICE_SCOPE],
                       "href": url(practice_page(NOTICE_SCOPE))})
    data = {
        "version": BANK_VERSION,
        "questions": [_question_data(question, regulation, url, titles or {})
                      for question in bank.questions],
        "scopes": scopes,
        # Practice filters by tag (情景, 新旧对照 …): every documented tag with its meaning and question count.
        "tags": [{"key": tag, "title": meaning, "count": sum(tag in q.tags for q in bank.questions)}
                 for tag, meaning in TAGS.items()],
        "exam": {"title": bank.exam.title, "minutes": bank.exam.minutes,
                 "quota": dict(bank.exam.quota), "points": dict(bank.exam.points)},
        # Where the scripts link between the quiz pages (the home page is "").
        "pages": {"home": url("index.md"), "practice": url("practice/index.md"), "exam": url("exam.md"),
                  "review": url("review.md")},
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # U+2028/U+2029 are legal in JSON but end a string literal in JavaScript before ES2019 (old WebViews).
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"/* 题库：由 generator/quiz/pages.py 生成，请勿手改。 */\nwindow.XF_BANK = {text};\n"


def _question_data(question: Question, regulation: Regulation, url, titles: dict[int, str]) -> dict:
    links = []
    for number in question.articles:
        article = regulation.article(number)
        links.append({"label": pages.article_heading(article, titles),
                      "href": f"{url(pages.chapter_path(article.chapter))}#{article.anchor}"})
    if question.notice is not None:
        anchor = pages.notice_anchor(question.notice)
        links.append({"label": f"县通知·{question.notice}",
                      "href": url("notice.md") + (f"#{anchor}" if anchor else "")})
    if question.front_matter:
        links.append({"label": "条例题注（发布、批准、施行）", "href": url("regulation/index.md")})
    data = {
        "id": question.id, "type": question.type, "stem": question.stem,
        # Options in display order (quiz.shuffle); `shuffle: false` tells the page to keep that order too.
        "options": option_order(question), "shuffle": question.shuffle,
        "answer": question.answer, "articles": list(question.articles), "notice": question.notice,
        "explanation": question.explanation, "difficulty": question.difficulty,
        "scope": question_chapter(question, regulation), "links": links, "tags": list(question.tags),
    }
    if question.unordered:
        data["unordered"] = True  # grading: the blanks may be given in any order
    return data


def _url(path: str, use_directory_urls: bool) -> str:
    """A docs path as MkDocs publishes it, relative to the site root."""
    stem = path[:-len(".md")]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[:-len("index")]
    return stem + "/"


def render_quiz_pages(bank: Bank, regulation: Regulation, has_notice: bool = True) -> dict[str, str]:
    """Docs path → Markdown for the overview, one practice page per scope, the exam and the 错题本.

    The notice's practice page exists only when the site has the notice (`has_notice`)."""
    by_scope: dict[str, list[Question]] = {}
    for question in bank.questions:
        by_scope.setdefault(question_chapter(question, regulation), []).append(question)
    scopes = [(f"chapter-{chapter.number}", chapter.heading, chapter.label,
               pages.chapter_path(chapter.number)) for chapter in regulation.chapters]
    if has_notice:
        scopes.append((NOTICE_SCOPE, NOTICE_TITLE, NOTICE_TITLE, "notice.md"))
    anchors = {f"chapter-{chapter.number}": [article.anchor for article in chapter.articles]
               for chapter in regulation.chapters}

    result = {"practice/index.md": _render_overview(scopes, by_scope)}
    for key, heading, label, source in scopes:
        result[practice_page(key)] = _render_practice(key, heading, label, source, by_scope.get(key, []),
                                                      anchors.get(key, []))
    result["exam.md"] = _render_exam(bank)
    result["review.md"] = _render_review()
    return result


def _front_matter(title: str, mode: str) -> list[str]:
    # toc hidden: the pages have no headings of their own, and the width goes to the question.
    return front_matter(title, quiz=mode, hide=["toc"])


def _container(mode: str, scope: str | None = None, body: list[str] | None = None) -> list[str]:
    scope_attr = f' data-scope="{scope}"' if scope else ""
    if body:
        # Static fallback content (links) for browsers without JavaScript; the script replaces it.
        return [f'<div class="xf-quiz" data-mode="{mode}"{scope_attr} markdown>', "", *body, "",
                NOSCRIPT, "", "</div>", ""]
    return [f'<div class="xf-quiz" data-mode="{mode}"{scope_attr}>', NOSCRIPT, "</div>", ""]


def _type_counts(questions: list[Question]) -> str:
    counts = Counter(question.type for question in questions)
    return "、".join(f"{TYPE_NAMES[qtype][:-1]} {counts[qtype]}" for qtype in TYPE_ORDER if counts[qtype])


def _render_overview(scopes, by_scope) -> str:
    items = [f"- [{escape(heading)}]({key}.md)（{len(by_scope.get(key, []))} 题）"
             for key, heading, _, _ in scopes]
    total = sum(len(questions) for questions in by_scope.values())
    lines = _front_matter("分章练习", "overview") + [
        "# 分章练习",
        "",
        f"题库共 {total} 题，按章节分组。每题作答后立即判分，给出解析和条文链接；"
        "答错的题自动收进[错题本](../review.md)，也可以做一套[模拟考试](../exam.md)。"
        "练习记录只保存在本机浏览器中。",
        "",
    ]
    return "\n".join(lines + _container("overview", body=items))


def _render_practice(key, heading, label, source, questions, anchors) -> str:
    counts = f"共 {len(questions)} 题：{_type_counts(questions)}。" if questions else "本部分暂无题目。"
    lines = _front_matter(f"{label}练习", "practice") + [
        f"# {escape(heading)} · 练习",
        "",
        f"{counts}[阅读原文](../{source}) · [全部章节](index.md) · [错题本](../review.md)",
        "",
    ]
    if anchors:
        # Targets of the chapter pages' "本条相关题目" links (#article-19), so MkDocs can check them; practice.js
        # reads the hash and filters. Hidden, so the browser has nothing to scroll to.
        targets = "".join(f'<span id="{anchor}"></span>' for anchor in anchors)
        lines += [f'<div class="xf-anchors" hidden>{targets}</div>', ""]
    return "\n".join(lines + _container("practice", key))


def _render_exam(bank: Bank) -> str:
    exam = bank.exam
    available = Counter(question.type for question in bank.questions)
    parts, count, total = [], 0, 0.0
    for qtype in TYPE_ORDER:
        wanted = min(exam.quota.get(qtype, 0), available[qtype])
        if wanted:
            points = exam.points.get(qtype, 0)
            parts.append(f"{TYPE_NAMES[qtype]} {wanted} 题（每题 {_number(points)} 分）")
            count += wanted
            total += wanted * points
    title = exam.title or "模拟考试"
    lines = _front_matter(title, "exam") + [
        f"# {escape(title)}",
        "",
        f"从题库 {len(bank.questions)} 题中按题型随机抽题：{'、'.join(parts)}，共 {count} 题，"
        f"满分 {_number(total)} 分，限时 {exam.minutes} 分钟。多选题须选全且不选错才得分。"
        "作答随时保存在本机，刷新或断网不会丢失；交卷后逐题给出答案、解析和条文链接。",
        "",
    ]
    return "\n".join(lines + _container("exam"))


def _render_review() -> str:
    lines = _front_matter("错题本", "review") + [
        "# 错题本",
        "",
        "在分章练习和模拟考试中答错的题都收在这里。再练一遍：一道题连续答对两次，就移出错题本。"
        "错题本只保存在本机浏览器中。",
        "",
    ]
    return "\n".join(lines + _container("review"))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


SUMMARY_SCRIPT = "assets/quiz-summary.js"


def render_summary_script(bank: Bank, regulation: Regulation, use_directory_urls: bool = True) -> str:
    """assets/quiz-summary.js: `window.XF_SUMMARY = {…};`, what the home page's progress needs and no more.

    {"version", "scopes": [{"key", "title", "href", "ids": [question id, …]}], "pages": {home, practice,
    exam, review}, "exam": {"minutes"}}: a few KB instead of the whole bank (hrefs as in render_bank_script).
    """
    def url(path: str) -> str:
        return _url(path, use_directory_urls)

    ids: dict[str, list[str]] = {}
    for question in bank.questions:
        ids.setdefault(question_chapter(question, regulation), []).append(question.id)
    scopes = [(f"chapter-{chapter.number}", chapter.heading) for chapter in regulation.chapters]
    if ids.get(NOTICE_SCOPE):  # as in render_bank_script: the notice scope only when the site has the notice
        scopes.append((NOTICE_SCOPE, NOTICE_TITLE))
    data = {
        "version": BANK_VERSION,
        "scopes": [{"key": key, "title": title, "href": url(practice_page(key)), "ids": ids.get(key, [])}
                   for key, title in scopes],
        "pages": {"home": url("index.md"), "practice": url("practice/index.md"), "exam": url("exam.md"),
                  "review": url("review.md")},
        "exam": {"minutes": bank.exam.minutes},
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"/* 学习进度用的题库摘要：由 generator/quiz/pages.py 生成，请勿手改。 */\nwindow.XF_SUMMARY = {text};\n"
