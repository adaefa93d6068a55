"""`python -m generator`: everything that is not the site itself. Each command is a thin wrapper."""

from __future__ import annotations

import argparse
import contextlib
import sys
import traceback
from pathlib import Path

from .errors import SourceError, SourceErrors, check_writable, display_path, write_text

# What makes a folder this project: its MkDocs config, or the folders the generator reads.
PROJECT_MARKERS = ("mkdocs.yml", "sources/regulation-2022.md")


class UsageError(Exception):
    """A command used wrongly (an option's value, a folder that is not a project): printed, exit 2."""


# argparse's own words (its messages go through gettext): all interface text is Chinese, the CLI's too.
ARGPARSE_CHINESE = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的值 %(value)r（应为%(type)s）",
    "expected one argument": "需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
}


@contextlib.contextmanager
def _chinese_argparse():
    original = argparse._
    argparse._ = lambda text: ARGPARSE_CHINESE.get(text, original(text))
    try:
        yield
    finally:
        argparse._ = original


def positive_int(text: str) -> int:
    """An option's value that must be a whole number of at least 1 (argparse type)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，实际为“{text}”")
    return value


def whole_number(text: str) -> int:
    """An option's value that must be a whole number (argparse type)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为整数，实际为“{text}”") from None


def cmd_check(args) -> int:
    """Read and validate every input; one summary line per file; exit 1 listing every problem.

    Example: python -m generator check
    """
    from .site import check_project

    warnings: list[SourceError] = []
    lines, errors = check_project(args.root, warnings=warnings)
    for line in lines:
        print(line)
    if warnings:
        print(f"\n{len(warnings)} 个警告：", file=sys.stderr)
        for warning in warnings:
            print(f"  {warning}", file=sys.stderr)
    if errors:
        print(f"\n发现 {len(errors)} 个问题：", file=sys.stderr)
        for error in errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    if warnings and args.strict:
        print("--strict：有警告，视为未通过。", file=sys.stderr)
        return 1
    print("全部输入检查通过。" + ("（有警告，见上）" if warnings else ""))
    return 0


def cmd_bundle(args) -> int:
    """Build the offline site and zip it; the unzipped folder works from file:// (search included).

    Example: python -m generator bundle --out xinfang-site.zip
    """
    from .bundle import BundleError, make_bundle

    check_writable(args.out)  # before a build of a minute, not after
    try:
        out, count = make_bundle(args.root, Path(args.out))
    except BundleError as error:
        print(error, file=sys.stderr)
        return 1
    size = out.stat().st_size / 1024 / 1024
    print(f"已生成 {out}（{count} 个文件，{size:.1f} MB）。解压后打开 xinfang-site/index.html 即可离线使用。")
    return 0


def cmd_bench(args) -> int:
    """Measure build time against a bare baseline, index sizes, asset sizes and search latency.

    Example: python -m generator bench --runs 3
    """
    from .bench import run_bench

    for line in run_bench(args.root, runs=args.runs):
        print(line)
    return 0


def cmd_suggest(args) -> int:
    """Derive candidate questions from a regulation and write them as YAML for an author to review.

    Example: python -m generator suggest --regulation sources/regulation-2005.md --out suggested.yml
    """
    from .quiz.suggest import read_terms, suggest_questions, to_yaml
    from .texts.regulation import parse_regulation

    if args.out != "-":
        check_writable(args.out)
    regulation = parse_regulation(Path(args.regulation))
    terms = read_terms(args.root / "search" / "userdict.txt")
    questions = suggest_questions(regulation, terms, seed=args.seed)
    text = to_yaml(questions, args.regulation)
    if args.out == "-":
        print(text)
    else:
        write_text(args.out, text)
        print(f"已写出 {len(questions)} 道候选题到 {args.out}（未经审核，不会发布）。")
    return 0


def cmd_export(args) -> int:
    """Write the whole question bank in another format (json: a list of question objects).

    Example: python -m generator export --format json --out bank.json
    """
    from .quiz.exports import export_json
    from .site import load_project

    if args.out != "-":
        check_writable(args.out)
    project = load_project(args.root)
    if project.bank is None:
        raise SourceError("mkdocs.yml", None, "未配置 quizzes_dir：没有题库可导出")
    text = export_json(project.bank, project.regulation)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        write_text(args.out, text)
        print(f"已导出 {len(project.bank.questions)} 道题到 {args.out}。")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="《信访工作条例》学习平台生成器")
    parser.add_argument("--root", metavar="目录", help="项目根目录（默认：当前目录或其上级中含 mkdocs.yml 的目录）")
    commands = parser.add_subparsers(dest="command", metavar="命令", required=True)

    def add(name, func, help_text):
        # The docstring's Example line is the help's example; the description itself is Chinese.
        example = func.__doc__.split("Example:", 1)[1].strip()
        sub = commands.add_parser(name, help=help_text, description=f"{help_text}。示例：{example}")
        sub.set_defaults(func=func)
        return sub

    check = add("check", cmd_check, "检查全部输入（条例、通知、笔记、题库）")
    check.add_argument("--strict", action="store_true", help="有警告（如空的题库文件）也以非零状态退出")
    bundle = add("bundle", cmd_bundle, "生成可离线使用的网站压缩包")
    bundle.add_argument("--out", metavar="文件", default="xinfang-site.zip", help="输出的 zip 文件")
    bench = add("bench", cmd_bench, "性能测量")
    bench.add_argument("--runs", type=positive_int, metavar="次数", default=3, help="每项构建重复次数（取中位数）")
    export = add("export", cmd_export, "导出题库")
    export.add_argument("--format", choices=["json"], metavar="格式", default="json", help="导出格式（json）")
    export.add_argument("--out", metavar="文件", default="-", help="输出文件；- 表示标准输出（默认）")
    suggest = add("suggest", cmd_suggest, "从条文自动生成候选题（供审核）")
    suggest.add_argument("--regulation", metavar="文件", default="sources/regulation-2022.md", help="条例文件")
    suggest.add_argument("--out", metavar="文件", default="suggested.yml", help="输出文件；- 表示标准输出")
    suggest.add_argument("--seed", type=whole_number, metavar="整数", default=0, help="随机种子（干扰项抽取）")
    return parser


def find_root(given: str | None) -> Path:
    """The project folder: `--root` when given (it must be a folder), else the working directory or the
    nearest folder above it that holds mkdocs.yml, so that commands also work from a subfolder.

    Raises UsageError saying what was looked for and where.
    """
    if given is not None:
        root = Path(given)
        if not root.exists():
            raise UsageError(f"--root 指向的目录不存在：{given}")
        if not root.is_dir():
            raise UsageError(f"--root 应为项目目录，{given} 是一个文件")
        return root
    here = Path.cwd()
    for folder in (here, *here.parents):
        if any((folder / marker).is_file() for marker in PROJECT_MARKERS):
            return folder if folder != here else Path(".")
    raise UsageError(f"当前目录 {here} 及其上级目录都不是本项目（找不到 mkdocs.yml 或 {PROJECT_MARKERS[1]}）："
                     "请在项目目录中运行，或用 --root 指定项目目录")


def main(argv: list[str] | None = None) -> int:
    with _chinese_argparse():
        args = build_parser().parse_args(argv)
    try:
        args.root = find_root(args.root)
        return args.func(args)
    except UsageError as error:
        print(f"python -m generator {args.command}：{error}", file=sys.stderr)
        return 2
    except (SourceError, SourceErrors) as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - the last resort: a bug must still not greet a user with a traceback
        log = Path.cwd() / "generator-error.log"
        try:
            log.write_text(traceback.format_exc(), encoding="utf-8")
            where = f"详细信息已写入 {display_path(log)}"
        except OSError:
            where = "详细信息：\n" + traceback.format_exc()
        print(f"python -m generator {args.command}：程序内部错误（这是本程序的缺陷，不是输入的问题）。"
              f"{where}，请连同它报告给维护者。", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
