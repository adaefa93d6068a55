"""The classroom's HTML: page shells the scripts fill in (phone.js, host.js on the shared core.js), and a
plain message page. Everything a person reads inside them is built by the scripts with textContent."""

from __future__ import annotations

from html import escape


def _document(title: str, body: str, scripts: list[str]) -> str:
    tags = "".join(f'<script src="/static/{name}"></script>' for name in ["core.js", *scripts])
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        '<link rel="stylesheet" href="/static/classroom.css">\n<link rel="icon" href="data:,">\n'
        f"</head>\n<body>\n{body}\n{tags}\n</body>\n</html>\n"
    )


def phone_page(session_id: str, title: str) -> str:
    """The trainee's page: join, answer one question per screen, submit, review (phone.js)."""
    body = (
        f'<main id="xf-classroom" class="xf-phone" data-session="{escape(session_id)}">'
        f'<h1>{escape(title)}</h1><p class="xf-loading">正在连接考试服务器……</p>'
        "<noscript>请允许浏览器运行脚本后再打开本页。</noscript></main>"
    )
    return _document(f"{title} · 课堂考试", body, ["phone.js"])


def host_page(session_id: str, title: str, join_url: str) -> str:
    """The trainer's dashboard for the projector (host.js)."""
    body = (
        f'<main id="xf-host" class="xf-host" data-session="{escape(session_id)}" '
        f'data-join-url="{escape(join_url)}"><h1>{escape(title)} · 主持台</h1>'
        '<p class="xf-loading">正在读取考试状态……</p></main>'
    )
    return _document(f"{title} · 主持台", body, ["host.js"])


def message_page(heading: str, text: str) -> str:
    """A page that only says something (a wrong host token)."""
    return _document(
        heading, f'<main class="xf-message"><h1>{escape(heading)}</h1><p>{escape(text)}</p></main>', []
    )
