"""`python -m generator`: everything that is not the site itself. Each command is a thin wrapper."""

from __future__ import annotations

import argparse
import contextlib
import sys
import traceback
from pathlib import Path

from .config import CONFIG_FILE, DEFAULT_OPTIONS
from .errors import (SourceError, SourceErrors, check_writable, check_writable_folder, display_path,
                     os_reason, write_text)

# What makes a folder this project: exactly what config.project_inputs can read there (its MkDocs config,
# or the standard layout's regulation).
PROJECT_MARKERS = (CONFIG_FILE, DEFAULT_OPTIONS["regulation"])


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


# Kept outside the repository, beside it: the engine is tuned on it, never tested against it.
DEV_QUERIES = "../shared/search/dev-queries.json"
# The project's own development set of natural-language queries (issue 18): questions, everyday words, typos.
NATURAL_QUERIES = "search/dev-natural.json"


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
    """Measure build time against a bare baseline, index sizes, asset sizes and search latency;
    with --search, run the query set in headless Chromium (recall, MRR, latency over http and file://).

    With --grade: `exam` for 2 variants × 100 questions and `grade` on 10,000 synthetic people × 100 questions
    (wall time, peak memory). With --classroom: --phones simulated phones answer a classroom server on
    127.0.0.1 (sent / acknowledged / stored / lost answers, p50/p99 acknowledge latency, peak memory).

    Example: python -m generator bench --runs 3; python -m generator bench --search; … bench --grade
    """
    if args.classroom:
        from .classroom.bench import BenchError, run_classroom_bench

        try:
            lines = run_classroom_bench(Path(args.root), phones=args.phones, answers=args.answers)
        except BenchError as error:
            raise UsageError(str(error)) from None
    elif args.search:
        from .search.bench import run_search_bench

        if args.queries:
            queries = [Path(path) for path in args.queries]
            missing = [path for path in queries if not path.is_file()]
        else:
            defaults = [Path(args.root) / DEV_QUERIES, Path(args.root) / NATURAL_QUERIES]
            queries = [path for path in defaults if path.is_file()]
            missing = [] if queries else defaults
        if missing:
            raise UsageError(f"找不到查询集 {'、'.join(map(str, missing))}：用 --queries 指定")
        try:
            lines = run_search_bench(Path(args.root), queries)
        except ValueError as error:
            raise UsageError(str(error)) from None
    elif args.grade:
        from .grading.benchmark import run_grade_bench

        lines = run_grade_bench(args.root)
    else:
        from .bench import run_bench

        lines = run_bench(args.root, runs=args.runs)
    for line in lines:
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
    """Write the whole question bank in another format: json (question objects), gift (Moodle), wjx
    (问卷星 text import, answer key CSV beside it) or txt (common 题库 text format).

    Example: python -m generator export --format gift --out bank.gift.txt
    """
    from .exports.formats import export_bank

    if args.out != "-":
        refuse_overwriting("--out", args.out, {}, args.root)
        check_writable(args.out)
    project = _project_with_bank(args.root)
    files, notes = export_bank(project.bank, project.regulation, args.format)
    for note in notes:
        print(note, file=sys.stderr)
    if args.out == "-":
        sys.stdout.write(files.pop(""))
        if files:
            print(f"答案表等附带文件需用 --out 指定输出文件才会写出：{'、'.join(files)}", file=sys.stderr)
        return 0
    out = Path(args.out)
    written = []
    for suffix, text in files.items():
        path = out if not suffix else out.with_name(out.stem + suffix)
        write_text(path, text)
        written.append(str(path))
    count = len(project.bank.questions) - len(notes)
    print(f"已导出 {count} 道题到 {'、'.join(written)}。" + (f"跳过 {len(notes)} 道（见上）。" if notes else ""))
    return 0


def _project_with_bank(root: Path):
    from .site import load_project

    project = load_project(root)
    if project.bank is None:
        raise SourceError("mkdocs.yml", None, "未配置 quizzes_dir：没有题库")
    return project


def cmd_exam(args) -> int:
    """Draw a paper by the quotas in quizzes/exam.yml (or --count) and write, per variant, an A4 paper
    (paper-A.html …) and its 问卷星 text import (paper-A-wjx.txt), one answer sheet, the keys (key.json,
    key.csv) and the answer-entry template (answers-template.xlsx/.csv); --pdf also prints PDFs, and
    refuses before writing anything when the CJK fonts are missing (the PDF would show boxes).

    Example: python -m generator exam --count 50 --seed 2024 --variants A,B --out papers --pdf
    """
    from .papers.draw import PaperError, parse_variants
    from .papers.printing import NO_CJK_FONTS, PrintError, fonts_available, print_pdfs
    from .papers.write import write_exam

    if args.pdf and not fonts_available():
        print(NO_CJK_FONTS, file=sys.stderr)
        return 1
    out = check_writable_folder(args.out)  # before the draw, not after a second of work
    try:
        variants = parse_variants(args.variants)
        project = _project_with_bank(args.root)
        papers = write_exam(project.bank, project.regulation, out, seed=args.seed, variants=variants,
                            count=args.count, title=args.title)
    except PaperError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:
        print(f"无法写入 {args.out}：{os_reason(error)}", file=sys.stderr)
        return 1
    wjx = [f"paper-{variant}-wjx.txt" for variant in variants]
    print(f"已生成 {'、'.join(p.name for p in papers)}、answer-sheet.html、key.json、key.csv、{'、'.join(wjx)}"
          f"（问卷星文本导入）、answers-template.xlsx 和 answers-template.csv（作答录入模板）（{out}）。")
    if not fonts_available():
        print("注意：未找到 Noto CJK 字体（sudo apt-get install fonts-noto-cjk）或 fontTools，试卷改用系统字体；"
              "这样打印的 PDF 中复制出的文字可能含康熙部首（如“⼆”而不是“二”）。", file=sys.stderr)
    if args.pdf:
        try:
            pdfs = print_pdfs(papers + [out / "answer-sheet.html"])
        except PrintError as error:
            print(error, file=sys.stderr)
            return 1
        print(f"已打印 {'、'.join(p.name for p in pdfs)}。")
    return 0


def cmd_grade(args) -> int:
    """Score an answer sheet (CSV/XLSX, or a 问卷星 export in either layout) against key.json: ranking,
    question statistics, weakest articles; writes results.csv (UTF-8 BOM) and report.html. Rows are
    streamed, so a class of any size fits in memory.

    Example: python -m generator grade papers/key.json answers.xlsx --out results.csv --report report.html
    """
    from rich.console import Console

    from .grading.answers import load_key, read_table
    from .grading.report import print_summary, render_report, write_results_csv
    from .grading.results import grade_table

    _refuse_overwriting_inputs(args)
    check_writable(args.out)
    check_writable(args.report, "--report")
    key = load_key(Path(args.key))
    if args.variant is not None and args.variant.strip().upper() not in key.variants:
        raise UsageError(f"--variant {args.variant} 不在答案中（有 {'、'.join(key.variants)}）")
    table = read_table(Path(args.answers), key, variant=args.variant)
    for problem in table.problems:
        print(problem, file=sys.stderr)
    if table.problem_count > len(table.problems):
        print(f"{args.answers}: 另有 {table.problem_count - len(table.problems)} 行有问题，未逐一列出。", file=sys.stderr)
    if not len(table):
        print(f"{args.answers}: 没有可计分的作答行。", file=sys.stderr)
        return 1
    results = grade_table(key, table, partial=args.partial == "half")
    print_summary(results, Console(highlight=False))
    try:
        with open(args.out, "w", encoding="utf-8-sig", newline="") as handle:  # BOM: Excel then reads UTF-8
            write_results_csv(results, table.field_names, handle)
    except OSError as error:
        raise SourceError(display_path(args.out), None, f"无法写入 --out：{error.strerror or error}") from None
    write_text(args.report, render_report(results, key.title or "考试"), "--report")
    skipped = f"，跳过 {table.problem_count} 行（见上）" if table.problem_count else ""
    print(f"已计分 {len(table)} 人{skipped}；成绩表 {args.out}，分析报告 {args.report}。")
    return 0


def _refuse_overwriting_inputs(args) -> None:
    """--out and --report must name neither input file nor each other: grade would overwrite them."""
    inputs = {"答案文件": args.key, "作答文件": args.answers}
    refuse_overwriting("--out", args.out, inputs)
    refuse_overwriting("--report", args.report, inputs)
    if Path(args.out).resolve() == Path(args.report).resolve():
        raise UsageError("--out 和 --report 是同一个文件：请分别指定")


PROJECT_INPUTS = ("sources", "study", "quizzes")  # the folders the site is built from


def refuse_overwriting(option: str, out: str | Path, inputs: dict[str, str | Path], root: Path | None = None) -> None:
    """Raise UsageError when the output file `out` is one of the command's `inputs` ({what it is: path}) or lies in
    one of the project's input folders under `root` (PROJECT_INPUTS): writing would destroy that input."""
    target = Path(out).resolve()
    for name, path in inputs.items():
        if target == Path(path).resolve():
            raise UsageError(f"{option} {out} 就是{name}，写出会覆盖它：请换一个文件名")
    for folder in PROJECT_INPUTS if root is not None else ():
        base = (Path(root) / folder).resolve()
        if base in target.parents:
            raise UsageError(f"{option} {out} 在项目的 {folder}/ 文件夹中，写出会覆盖或混入生成网站用的文件：请换一个位置")


def cmd_classroom(args) -> int:
    """Serve the exam to phones on the room's Wi-Fi: prints 学员入口 (with a QR code) and 主持入口 URLs;
    answers are kept in --data (SQLite), so a restart resumes the sitting (--new draws a new paper).

    Example: python -m generator classroom --count 20 --seed 2024 --variants A,B --port 8000
    """
    from .classroom.server import ServeError, bind, prepare, serve
    from .papers.draw import PaperError, parse_variants

    try:
        variants = parse_variants(args.variants)
        sock = bind(args.host, args.port)  # a busy port is reported before any paper is drawn
        sitting = prepare(args.root, Path(args.data), seed=args.seed, variants=variants, count=args.count,
                          new=args.new)
        serve(sitting, sock, args.host)
    except (PaperError, ServeError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"服务器已停止。答案保存在 {args.data}，再次运行本命令即可继续这一场考试。")
    return 0


def cmd_lint(args) -> int:
    """题库校对：把别人编写的题库逐题对照条例和县通知原文，给出 一致、与原文不符（注明条文和原文）或
    无法核对；有题与原文不符时以状态 1 退出。支持本站 YAML/JSON、CSV（题型,题干,A,B,C,D,E,答案,出处）
    和常见文本题库（1. 题干 / A. 选项 / 答案：X）。

    Example: python -m generator lint 题库.txt --format csv --out 校对结果.csv
    """
    from .lint import has_disagreement, lint_file
    from .lint.report import print_report, render_csv, render_plain, summary

    if args.format == "csv" and args.out != "-":
        refuse_overwriting("--out", args.out, {"要校对的题库": args.file}, args.root)
        check_writable(args.out)
    verdicts = lint_file(args.file, args.root)
    shown = display_path(args.file)
    if args.format == "csv":
        text = render_csv(verdicts)
        if args.out == "-":
            sys.stdout.write(text)
        else:
            write_text(args.out, "\ufeff" + text)  # the BOM tells Excel the file is UTF-8
            print(f"已写出校对结果到 {args.out}。{summary(verdicts)}")
    elif args.format == "text":
        print(render_plain(verdicts, shown))
    else:
        print_report(verdicts, shown)
    return 1 if has_disagreement(verdicts) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="《信访工作条例》学习平台生成器")
    parser.add_argument("--root", metavar="目录", help="项目根目录（默认：当前目录或其上级中含 mkdocs.yml 的目录）")
    commands = parser.add_subparsers(dest="command", metavar="命令", required=True)

    def add(name, func, help_text):
        # The docstring's Example line is the help's example; the description itself is Chinese.
        example = (func.__doc__ or "").partition("Example:")[2].strip()
        description = f"{help_text}。示例：{example}" if example else help_text
        sub = commands.add_parser(name, help=help_text, description=description)
        sub.set_defaults(func=func)
        # --root after the command too (lint 题库.txt --root 项目): SUPPRESS keeps one given before it.
        sub.add_argument("--root", metavar="目录", default=argparse.SUPPRESS, help="项目根目录，同上")
        return sub

    check = add("check", cmd_check, "检查全部输入（条例、通知、笔记、题库）")
    check.add_argument("--strict", action="store_true", help="有警告（如空的题库文件）也以非零状态退出")
    bundle = add("bundle", cmd_bundle, "生成可离线使用的网站压缩包")
    bundle.add_argument("--out", metavar="文件", default="xinfang-site.zip", help="输出的 zip 文件")
    bench = add("bench", cmd_bench, "性能测量")
    bench.add_argument("--runs", type=positive_int, metavar="次数", default=3, help="每项构建重复次数（取中位数）")
    bench.add_argument("--grade", action="store_true", help="改为测量 exam 与 grade（1 万人 × 100 题）")
    bench.add_argument("--search", action="store_true", help="只测搜索：查询集的召回率、MRR 和延迟")
    bench.add_argument("--queries", action="append", metavar="文件", default=None,
                       help=f"搜索查询集，可给多次（默认 <根目录>/{DEV_QUERIES} 与 {NATURAL_QUERIES}，有哪个用哪个）")
    bench.add_argument("--classroom", action="store_true", help="只测课堂模式：模拟 --phones 部手机在本机答题")
    bench.add_argument("--phones", type=positive_int, metavar="部数", default=200, help="模拟手机数（默认 200，最多 1000）")
    bench.add_argument("--answers", type=positive_int, metavar="题数", default=50, help="每部手机答题数（默认 50）")
    room = add("classroom", cmd_classroom, "课堂模式：在本机启动考试服务器，学员用手机经教室 Wi-Fi 答题")
    room.add_argument("--host", default="0.0.0.0", help="监听地址（默认 0.0.0.0：本机所有网络）")
    room.add_argument("--port", type=positive_int, default=8000, help="端口（默认 8000）")
    room.add_argument("--data", default="classroom-data", help="数据文件夹（默认 classroom-data）")
    room.add_argument("--count", type=positive_int, metavar="题数", default=None, help="题数（默认按 quizzes/exam.yml）")
    room.add_argument("--seed", default="1", help="随机种子（同 exam）")
    room.add_argument("--variants", default="A,B", help="卷型，逗号分隔（默认 A,B，学员依次分到各卷型）")
    room.add_argument("--new", action="store_true", help="重新出卷开始新的一场（默认继续数据文件夹中的上一场）")
    export = add("export", cmd_export, "导出题库")
    export.add_argument("--format", choices=["json", "gift", "wjx", "txt"], default="json",
                        help="导出格式：json、gift（Moodle）、wjx（问卷星）、txt（通用题库文本）")
    export.add_argument("--out", metavar="文件", default="-", help="输出文件；- 表示标准输出（默认）")
    exam = add("exam", cmd_exam, "生成 A4 纸质试卷（多卷型）、答题卡和答案")
    exam.add_argument("--count", type=positive_int, metavar="题数", default=None, help="题数（默认按 quizzes/exam.yml 的 quota）")
    exam.add_argument("--seed", default="1", help="随机种子：同一种子生成完全相同的试卷")
    exam.add_argument("--variants", default="A,B", help="卷型，逗号分隔（默认 A,B）")
    exam.add_argument("--out", default="papers", help="输出文件夹（默认 papers）")
    exam.add_argument("--title", default=None, help="试卷标题（默认 exam.yml 的 title）")
    exam.add_argument("--pdf", action="store_true", help="同时用无头 Chromium 打印 PDF")
    grade = add("grade", cmd_grade, "按答案给作答表计分，输出排名、题目分析和报告")
    grade.set_defaults(needs_root=False)
    grade.add_argument("key", help="exam 生成的 key.json")
    grade.add_argument("answers", help="作答表：CSV 或 XLSX（表头 姓名,单位,卷型,1,2,…），或问卷星导出的结果")
    grade.add_argument("--out", default="results.csv", help="成绩表（CSV，UTF-8 带 BOM；默认 results.csv）")
    grade.add_argument("--report", default="report.html", help="分析报告（HTML，可离线打开；默认 report.html）")
    grade.add_argument("--variant", metavar="卷型", default=None,
                       help="作答表没有卷型列时按此卷型计分（问卷星每个卷型一份问卷时用，如 --variant A）")
    grade.add_argument("--partial", choices=["none", "half"], default="none",
                       help="多选题：none 全对才得分（默认）；half 少选得一半、错选不得分（同问卷星）")
    suggest = add("suggest", cmd_suggest, "从条文自动生成候选题（供审核）")
    suggest.add_argument("--regulation", metavar="文件", default="sources/regulation-2022.md", help="条例文件")
    suggest.add_argument("--out", metavar="文件", default="suggested.yml", help="输出文件；- 表示标准输出")
    suggest.add_argument("--seed", type=whole_number, metavar="整数", default=0, help="随机种子（干扰项抽取）")
    lint = add("lint", cmd_lint, "题库校对：逐题对照条例和县通知原文")
    lint.add_argument("file", help="题库文件：本站 YAML/JSON，CSV（题型,题干,A,B,C,D,E,答案,出处）或文本题库")
    lint.add_argument("--format", choices=["table", "text", "csv"], default="table",
                      help="table 终端表格（默认），text 纯文本，csv 电子表格（UTF-8 带 BOM）")
    lint.add_argument("--out", default="-", help="csv 的输出文件；- 表示标准输出（默认）")
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
        if getattr(args, "needs_root", True):  # grade reads only its two files: any folder will do
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
