"""The one error type for bad input: it always says which file, which line, and why.

Also the two places where the program touches a file a person named: `read_text` (every source, note and bank
is read through it, so an encoding problem or a missing file reads the same everywhere) and `check_writable`
(every `--out`, checked before any work is done).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

BOM = "\ufeff"


@dataclass(frozen=True)
class SourceError(Exception):
    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


class SourceErrors(Exception):
    """Several SourceErrors collected before stopping, so an author can fix them all at once."""

    def __init__(self, errors: list[SourceError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


MAX_LISTED = 20  # problems named one by one before the rest are only counted


def collect(results: list, errors: list[SourceError], build, *args) -> None:
    """Append build(*args) to `results`, or the SourceError it raises to `errors`, so that every faulty
    record of a file is named in one run (see raise_collected)."""
    try:
        results.append(build(*args))
    except SourceError as error:
        errors.append(error)


def raise_collected(errors: list[SourceError]) -> None:
    """Stop with every problem found: nothing when `errors` is empty, the SourceError itself when there is
    one, else SourceErrors with the first MAX_LISTED and a count of the rest."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        listed = errors[:MAX_LISTED]
        if len(errors) > MAX_LISTED:
            listed.append(SourceError(errors[0].path, None, f"另有 {len(errors) - MAX_LISTED} 处问题未逐一列出"))
        raise SourceErrors(listed)


def display_path(path: str | Path) -> str:
    """Paths relative to the working directory read better in messages."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except RuntimeError:  # a symlink loop (Python < 3.13): name the link itself
        try:
            return str(path.absolute().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(path)
    except (ValueError, OSError):
        return str(path)


MAX_BYTES = 32 * 1024 * 1024  # the largest input we read; ours are under 200 KB, the law's text 40 KB

_FILE_KINDS = [(stat.S_ISCHR, "字符设备（如 /dev/zero）"), (stat.S_ISBLK, "块设备"), (stat.S_ISFIFO, "命名管道（FIFO）"),
               (stat.S_ISSOCK, "套接字"), (stat.S_ISDIR, "文件夹")]


def read_bytes(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    Raises SourceError(path, None, reason) when the path is missing, a folder, a device (/dev/zero), a FIFO
    (which would block the read forever), a symlink loop, unreadable, or larger than `limit`. The file is
    opened without blocking and checked on the open descriptor, so nothing is read before it is known to
    be a regular file."""
    shown = display_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise SourceError(shown, None, "文件不存在") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise SourceError(shown, None, "符号链接循环（链接最终指回自己）：应为普通文件") from None
        raise SourceError(shown, None, f"无法读取：{os_reason(error)}") from None
    mode = os.fstat(fd).st_mode  # before fdopen, which refuses a folder with IsADirectoryError
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise SourceError(shown, None, "应为文件，实际是一个文件夹")
        kind = next((name for test, name in _FILE_KINDS if test(mode)), "特殊文件")
        raise SourceError(shown, None, f"应为普通文件，实际是{kind}")
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise SourceError(shown, None, f"无法读取：{os_reason(error)}") from None
    if len(data) > limit:
        raise SourceError(shown, None, f"文件太大（超过 {limit // (1024 * 1024)} MB）：不像是本项目的输入文件")
    return data


def read_text(path: str | Path) -> str:
    """The file's text, decoded as UTF-8 with a leading BOM dropped (Windows Notepad writes one).

    Raises SourceError(path, line, reason) when the file is not a readable regular file of bounded size
    (see read_bytes) or is not UTF-8: the reason names the encoding textfile.decode reads it in (GBK/GB18030
    files are common in Chinese offices) or says that the file ends in the middle of a character (a cut copy).
    """
    data = read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(display_path(path), data.count(b"\n", 0, error.start) + 1,
                          _decode_reason(data, error)) from None
    return text.removeprefix(BOM)


def _decode_reason(data: bytes, error: UnicodeDecodeError) -> str:
    if error.end >= len(data) and error.reason == "unexpected end of data":
        return "文件在一个字符的中间结束（最后一个 UTF-8 字符不完整），可能是复制或下载时被截断；应为完整的 UTF-8 文件"
    from .textfile import decode  # textfile raises SourceError: imported here, not at the top

    try:
        _text, detected = decode(data, "")
    except SourceError:
        return f"文件应为 UTF-8 编码，第 {error.start + 1} 个字节起不是有效的 UTF-8"
    # Python's codec names (gb18030, big5, utf-16) upper case, as people write them.
    return f"文件应为 UTF-8 编码，检测到的编码像是 {detected.replace('_', '-').upper()}：请用编辑器“另存为 UTF-8”后再试"


def os_reason(error: OSError) -> str:
    """An OSError in words a user reads (the system's own strerror is English)."""
    reasons = {
        errno.ENOENT: "文件或目录不存在",
        errno.EACCES: "没有权限",
        errno.EPERM: "没有权限",
        errno.EROFS: "只读文件系统",
        errno.EISDIR: "这是一个文件夹",
        errno.ENOTDIR: "路径中的某一级不是文件夹",
        errno.ENOSPC: "磁盘空间不足",
        errno.EEXIST: "已存在",
        errno.ELOOP: "符号链接循环",
    }
    if error.errno in reasons:
        return reasons[error.errno]
    return f"系统拒绝（{errno.errorcode.get(error.errno, error.errno)}）"


def check_writable(path: str | Path, option: str = "--out") -> Path:
    """Make sure a file can be written at `path` before any work is done; returns the path.

    Raises SourceError(path, None, reason) when the path is a folder, its folder is missing, or the file
    cannot be created or changed (permissions, read-only file system). Leaves no file behind.
    """
    path = Path(path)
    shown = display_path(path)
    if path.is_dir():
        raise SourceError(shown, None, f"{option} 应为文件名，这是一个已有的文件夹")
    parent = path.parent
    if not parent.exists():
        raise SourceError(shown, None, f"{option} 所在的文件夹 {display_path(parent)} 不存在：请先创建它")
    if not parent.is_dir():
        raise SourceError(shown, None, f"{option} 所在的 {display_path(parent)} 不是文件夹")
    existed = path.exists()
    try:
        # Append mode changes nothing in an existing file; a new one is removed again at once.
        with open(path, "ab"):
            pass
    except OSError as error:
        raise SourceError(shown, None, f"无法写入 {option}：{os_reason(error)}") from None
    if not existed:
        os.unlink(path)
    return path


def check_writable_folder(path: str | Path, option: str = "--out") -> Path:
    """Make sure files can be written into the folder `path` (created later, with missing parents) before
    any work is done; returns the path.

    Raises SourceError(path, None, reason) when `path` or one of its parents is an existing file, or the
    folder (or the nearest existing parent) cannot be written. Leaves nothing behind."""
    path = Path(path)
    shown = display_path(path)
    if path.exists() and not path.is_dir():
        raise SourceError(shown, None, f"{option} 应为文件夹（文件都写在里面），这是一个已有的文件")
    existing = path
    while not existing.exists():
        if existing.is_symlink():
            raise SourceError(shown, None, f"无法写入 {option}：{display_path(existing)} 是断开的符号链接")
        existing = existing.parent
    if not existing.is_dir():
        raise SourceError(shown, None, f"{option} 的上级 {display_path(existing)} 是文件，不是文件夹")
    try:
        probe = tempfile.mkdtemp(prefix=".xinfang-probe-", dir=existing)
    except OSError as error:
        raise SourceError(shown, None, f"无法写入 {option}：{os_reason(error)}") from None
    os.rmdir(probe)
    return path


def write_text(path: str | Path, text: str, option: str = "--out") -> None:
    """Write `text` as UTF-8; SourceError(path, None, reason) instead of an OSError."""
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as error:
        raise SourceError(display_path(path), None, f"无法写入 {option}：{os_reason(error)}") from None


def csv_reason(error) -> str:
    """A csv.Error in Chinese (its text is English); the caller gives the line where the row began."""
    import csv

    if "field larger than field limit" in str(error):
        return (f"有一个单元格超过 {csv.field_size_limit()} 个字符：多半是这一行的引号（\"）没有闭合，"
                "把后面的内容都读进了同一格")
    return "不是有效的 CSV 文件：这一行的引号或分隔符有误"
