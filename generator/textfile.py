"""Which encoding a user's text file is in, decided in one place for every reader of such files: lint's
question banks (CSV, JSON, text), grade's answer sheets (CSV), and the reason `errors.read_text` gives for a
source or note that is not UTF-8.

The encodings, in the order they are tried, each decoded strictly (a file is never guessed into garbled text):
- UTF-8, with or without the BOM Windows Notepad and Excel write ("utf-8-sig");
- UTF-16, only when the file starts with its BOM (Excel's "Unicode 文本" export);
- Big5 or BOM-less UTF-16, only when charset-normalizer (a dependency, see pyproject.toml) names it for the
  first MiB: the library is asked to choose among the Chinese encodings only, because on a short file its
  open guess is often a Thai or Western code page (a two-line GBK bank came back as cp874);
- GB18030: what Chinese office PCs save as "ANSI"/GBK. It is a superset of GBK and GB2312, so it also reads
  ┋ (问卷星's multiple-choice bar, in GBK too) and the rare characters GBK lacks (䶮, 𠀀), and its strict
  decoder refuses bytes no Chinese file holds.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from .errors import SourceError

HEAD = 1 << 20  # what charset-normalizer reads: enough for its guess, cheap on a 200 MB answer sheet
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode(data: bytes, shown: str) -> tuple[str, str]:
    """The text of a user's file and the Python codec it was read with: (text without BOM, encoding), the
    encoding one of "utf-8-sig", "utf-16", "big5", "utf_16", "gb18030" (see the module docstring for the
    order and why).

    Raises SourceError(shown, line, reason) when no encoding decodes `data` strictly: the line is where the
    encoding that got furthest stopped (the file's own encoding, most likely; None for a file that starts
    with a UTF-16 BOM), the reason in Chinese."""
    furthest = 0
    for encoding in _candidates(data[:HEAD]):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as error:
            furthest = max(furthest, error.start)
    raise _unknown(shown, data[:2], data.count(b"\n", 0, furthest) + 1)


def encoding_of_file(path: str | Path, shown: str) -> str:
    """`decode`'s choice for a file too large to hold in memory (grade's answer sheets): the whole file is
    decoded strictly chunk by chunk, nothing kept. Returns the encoding; raises SourceError as `decode`."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD)
    furthest = 1
    for encoding in _candidates(head):
        line = _first_bad_line(path, encoding)
        if line is None:
            return encoding
        furthest = max(furthest, line)
    raise _unknown(shown, head[:2], furthest)


def _candidates(head: bytes):
    """The encodings to try, in order; the library is asked only once UTF-8 has failed."""
    if head.startswith(_UTF16_BOMS):
        yield "utf-16"
        return
    yield "utf-8-sig"
    from charset_normalizer import from_bytes

    best = from_bytes(head, cp_isolation=["gb18030", "gbk", "big5", "utf_16"]).best()
    if best is not None and best.encoding in ("big5", "utf_16"):
        yield best.encoding
    yield "gb18030"


def _first_bad_line(path: str | Path, encoding: str) -> int | None:
    """The line where strict decoding fails, or None when the whole file decodes."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    line = 1
    try:
        with open(path, "rb") as handle:
            while data := handle.read(HEAD):
                decoder.decode(data)
                line += data.count(b"\n")
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        # error.object is this chunk after the few bytes of a character the decoder held back (never a "\n").
        return line + error.object.count(b"\n", 0, error.start)
    return None


def _unknown(shown: str, head: bytes, line: int | None) -> SourceError:
    if head.startswith(_UTF16_BOMS):
        return SourceError(shown, None, "文件开头标明是 UTF-16 编码，但内容不是完整有效的 UTF-16（可能被截断），"
                                        "请另存为 UTF-8 后再试")
    return SourceError(shown, line, "无法识别文件编码：这一行有 UTF-8 和 GBK/GB18030 都无法解码的字节"
                                    "（支持 UTF-8、UTF-16、GBK/GB18030），请另存为 UTF-8 后再试")
