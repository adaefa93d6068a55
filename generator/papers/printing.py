"""What printed papers need beyond HTML: fonts whose PDF text layer holds real characters, and headless
Chromium to print PDFs.

Why subset fonts: Noto CJK (and most CJK fonts) map a Kangxi radical and the ideograph it looks like to one
glyph (U+2F06 ⼆ and U+4E8C 二). Chromium's PDF writer keeps one code point per glyph, the first in the
font's cmap, so text copied out of the PDF reads "第⼆⼗⼆条" with radicals, which search and screen
readers do not match. Checked on Chromium 156 with Noto Sans/Serif CJK SC, with and without lang="zh-CN".
A subset holding only the characters of the paper has no radical left to pick, and it travels with the
HTML, so a trainer's own browser prints the same typeface.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

# (CSS family, fontconfig pattern, file name in DIR/fonts/).
FONTS = (("XF Serif", "Noto Serif CJK SC:style=Regular", "xf-serif.otf", "normal"),
         ("XF Sans", "Noto Sans CJK SC:style=Bold", "xf-sans-bold.otf", "bold"))
FALLBACK_SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif'
FALLBACK_SANS = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
NO_CHROMIUM = ("未找到 Chromium，无法生成 PDF。HTML 试卷已生成，可用浏览器打开后“打印 → 另存为 PDF”；"
               "或安装后重试：sudo apt-get install chromium（并 pip install playwright）。")


NO_CJK_FONTS = ("未找到 Noto CJK 中文字体（或 fontTools），打印出的 PDF 会把汉字显示成方框，已停止，未写出任何文件。"
                "请先安装字体后重试：Debian/Ubuntu 运行 sudo apt-get install fonts-noto-cjk，"
                "CentOS/麒麟等运行 sudo yum install google-noto-sans-cjk-ttc-fonts google-noto-serif-cjk-ttc-fonts；"
                "或不加 --pdf，用浏览器打开 HTML 试卷打印。")


class PrintError(Exception):
    """A PDF could not be printed; the message is for the user, in Chinese."""


@dataclass
class FontFile:
    family: str
    name: str  # file name under fonts/
    weight: str
    data: bytes


def find_font(pattern: str) -> tuple[str, int] | None:
    """(file, index in a .ttc) for a fontconfig pattern, or None without fontconfig or a Noto CJK match."""
    if not shutil.which("fc-match"):
        return None
    result = subprocess.run(["fc-match", "-f", "%{file}\n%{index}\n%{family}", pattern],
                            capture_output=True, text=True, check=False)
    lines = result.stdout.split("\n")
    if result.returncode != 0 or len(lines) < 3 or "CJK" not in lines[2]:
        return None
    return lines[0], int(lines[1] or 0)


def subset_fonts(text: str) -> list[FontFile]:
    """Subsets of the Noto CJK fonts holding the characters of `text` (plus ASCII), deterministic bytes.
    An empty list when the fonts or fontTools are missing (the page then names system fonts)."""
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError:
        return []
    wanted = "".join(sorted(set(text) | set(map(chr, range(0x20, 0x7F)))))
    wanted = "".join(char for char in wanted if not 0x2E80 <= ord(char) <= 0x2FDF)
    fonts = []
    for family, pattern, name, weight in FONTS:
        found = find_font(pattern)
        if found is None:
            return []
        options = subset.Options()
        options.layout_features = []  # horizontal text only; keeps subsetting fast
        options.hinting = False
        options.name_IDs = ["*"]
        # A fixed head.modified keeps the file byte-identical between runs.
        font = TTFont(found[0], fontNumber=found[1], recalcTimestamp=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=wanted)
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
        fonts.append(FontFile(family, name, weight, buffer.getvalue()))
    return fonts


def fonts_available() -> bool:
    """True when the Noto CJK fonts and fontTools are there to make the subsets (see the module note)."""
    try:
        import fontTools.subset  # noqa: F401
    except ImportError:
        return False
    return all(find_font(pattern) for _, pattern, _, _ in FONTS)


def font_css(fonts: list[FontFile]) -> str:
    """@font-face rules for the subsets and the --serif/--sans custom properties the paper CSS uses."""
    if not fonts:
        return f":root {{ --serif: {FALLBACK_SERIF}; --sans: {FALLBACK_SANS}; }}\n"
    rules = [f'@font-face {{ font-family: "{font.family}"; src: url("fonts/{font.name}") format("opentype"); '
             f"font-weight: {font.weight}; }}" for font in fonts]
    rules.append(f':root {{ --serif: "XF Serif", {FALLBACK_SERIF}; --sans: "XF Sans", {FALLBACK_SANS}; }}')
    return "\n".join(rules) + "\n"


def chromium_path() -> str | None:
    """XF_CHROMIUM if set (tests point it at a missing file), else the first installed Chromium."""
    override = os.environ.get("XF_CHROMIUM")
    if override is not None:
        return override if Path(override).is_file() else None
    return next((path for path in CHROMIUM_CANDIDATES if Path(path).is_file()), None)


def print_pdfs(pages: list[Path]) -> list[Path]:
    """Print each HTML file to a PDF beside it (A4, page size and margins from its CSS); PrintError when
    Chromium or Playwright is missing. Creation dates are zeroed so the same paper gives the same bytes."""
    executable = chromium_path()
    if executable is None:
        raise PrintError(NO_CHROMIUM)
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        raise PrintError(NO_CHROMIUM) from error
    # In a thread of its own: Playwright's sync API refuses to run where an asyncio loop is running
    # (a notebook, or a test session that already drives a browser).
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_print_all, executable, pages, sync_playwright, Error).result()


def _print_all(executable: str, pages: list[Path], sync_playwright, Error) -> list[Path]:
    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
            try:
                page = browser.new_page()
                for html in pages:
                    page.goto(html.resolve().as_uri())
                    page.wait_for_function("document.fonts.status === 'loaded'")
                    data = page.pdf(prefer_css_page_size=True, print_background=True)
                    pdf = html.with_suffix(".pdf")
                    pdf.write_bytes(_without_dates(data))
                    written.append(pdf)
            finally:
                browser.close()
    except Error as error:
        raise PrintError(f"Chromium 打印 PDF 失败：{error.message.splitlines()[0]}") from error
    return written


def _without_dates(pdf: bytes) -> bytes:
    # Same length replacement keeps the cross-reference offsets valid.
    return re.sub(rb"\((D:\d{14}[^)]*)\)", lambda m: b"(D:" + b"0" * (len(m.group(1)) - 2) + b")", pdf)
