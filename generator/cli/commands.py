"""命令行：click 外壳，只做参数解析、调用 :mod:`generator.api`、把结果和错误印成中文。"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from .. import __version__, api
from ..errors import ContentError, Diagnostic, GenError, Severity
from . import template_cmds
from .streams import stdout_is_utf8, tolerant_streams
from .usage import Argument, ChineseCommand, ChineseGroup, translate_usage_error

OK, INVALID, USAGE = 0, 1, 2


class _LazyConsole:
    """rich 的 Console 要到第一次印东西时才导入（导入 rich 占命令行启动时间的三分之一）。"""

    def __init__(self, *, stderr: bool) -> None:
        self._stderr = stderr
        self._console: Any = None

    def real(self) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self._stderr, highlight=False, soft_wrap=True,
                                    emoji=False)  # “:100:”不能变成表情符号
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real(), name)


_err: Any = _LazyConsole(stderr=True)
_out: Any = _LazyConsole(stderr=False)

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


_separators: list[str | None] = [None]  # 这次命令行上的路径用“/”还是“\\”（见 api.separator_style）


def shown(path: object) -> str:
    """印给用户看的路径：保留用户自己写的分隔符（Windows 上写 D:/总结/表单.yaml 的，不印成 D:\\总结\\表单.yaml）。"""
    return api.with_separators(str(path), _separators[0]) if _separators[0] else str(path)


def _formatted(diagnostic: Diagnostic) -> str:
    text = diagnostic.format()
    if diagnostic.file is not None and _separators[0]:
        text = text.replace(str(diagnostic.file), shown(diagnostic.file), 1)
    return text


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    if not diagnostics:
        return
    if not _colour_stderr():
        # 不是终端（重定向到文件、给其他程序读）：没有颜色，一次写出；上万条时比逐条经过 rich 快得多
        click.echo("".join(_formatted(d) + "\n" for d in diagnostics), err=True, nl=False)
        return
    for diagnostic in diagnostics:
        text = _formatted(diagnostic)
        head, _, rest = text.partition("\n")
        _err.print(head, style=_COLOURS[diagnostic.severity], markup=False)
        if rest:
            _err.print(rest, markup=False)


def _colour_stderr() -> bool:
    """标准错误是终端（或设置了 FORCE_COLOR）时才经过 rich 上色。"""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@click.group(cls=ChineseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", message="gen %(version)s",
                      help="显示版本号并退出。")
@click.option("--debug", is_flag=True, help="出错时显示完整的程序调用栈（给维护人员排查问题用）。")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """gen：把填好的表单（.yaml）生成符合 GB/T 9704-2012 的工作总结（Word、Markdown）。

    \b
    常用：
      gen init 贡觉县-2024.yaml       生成一份带说明的空白表单
      gen report 贡觉县-2024.yaml     生成 贡觉县-2024.docx
      gen report 表单.yaml -f docx,md  同时生成 Word 和 Markdown
      gen check 表单.yaml             只检查表单，不生成文件
      gen import 去年的总结.docx      把去年的报告转成表单
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _jobs(value: str | None) -> int | None:
    if value is None:
        return None
    if not value.strip().isdigit() or int(value) < 1:
        raise click.BadParameter(f"同时生成的份数要写 1 或更大的整数，如 -j 4；现在是“{value}”。")
    return int(value)


@cli.command(cls=ChineseCommand)
@click.argument("forms", cls=Argument, metavar="表单", nargs=-1, required=True,
                type=click.Path(path_type=Path),
                help="填好的表单文件（.yaml），如 贡觉县-2025.yaml；可以给多份，或给文件夹（生成其中全部表单）。")
@click.option("-f", "--format", "fmt", multiple=True, metavar="格式",
              help="输出格式：docx、md、pdf（需要 LibreOffice）。多种格式用逗号隔开（-f docx,md）"
                   "或写多次（-f docx -f md）。不写时按 -o 的扩展名，否则为 docx。")
@click.option("-o", "--output", metavar="文件或文件夹", type=click.Path(),
              help="输出到哪里。已有的文件夹、末尾带 / 或没有扩展名的名字当作文件夹；"
                   "以 .docx、.md、.pdf 结尾的当作文件名（只生成一种格式时）。默认与表单同名、放在同一文件夹。")
@click.option("--style", metavar="版式.yaml", type=click.Path(path_type=Path, dir_okay=False),
              help="版式配置文件（YAML），默认使用 GB/T 9704-2012。")
@click.option("--force", is_flag=True,
              help="内容检查发现错误时仍然生成文件；同名文件不是 gen 生成的（或生成后改过）时也覆盖它。")
@click.option("-j", "--jobs", metavar="份数", callback=lambda _c, _p, v: _jobs(v),
              help="一次生成多份表单时，同时生成几份。默认与 CPU 核数相同；1 表示逐份生成。")
@click.option("--template", metavar="模板", help="改用这套单位模板（模板名或模板文件夹的路径），不用表单里写的“模板”。")
def report(forms: tuple[Path, ...], fmt: tuple[str, ...], output: str | None, style: Path | None,
           force: bool, jobs: int | None, template: str | None) -> int | None:
    """根据表单生成工作总结（Word、Markdown 或 PDF）。"""
    try:
        formats = api.output_formats(fmt, output)
    except api.OptionProblem as exc:
        raise click.BadParameter(str(exc), param_hint="-f/--format") from None
    if len(forms) > 1 or forms[0].is_dir():
        if template is not None:
            raise click.BadParameter("一次生成多份表单时不能用 --template，请在各表单里写“模板”。",
                                     param_hint="--template")
        return api.run_batch(forms, formats, output, style=style, force=force, jobs=jobs,
                             err=_err.real(), out=_out.real(), print_diagnostics=print_diagnostics)
    try:
        result, written = api.write_report(forms[0], formats, output, style=style, force=force, template=template)
    except ContentError as exc:
        print_diagnostics(exc.diagnostics)
        _err.print("内容检查发现错误，没有生成文件。改正后重新运行；确实要生成，请加 --force。", markup=False)
        raise SystemExit(1) from None
    print_diagnostics(result.warnings)
    for path in written:
        click.echo(shown(path))  # 不经过 rich：只印路径时不必导入它
    return None


@cli.command(cls=ChineseCommand, short_help="检查表单或写好的报告（.docx、.md、.txt），不生成文件。")
@click.argument("file", cls=Argument, metavar="文件", type=click.Path(path_type=Path, dir_okay=False),
                help="要检查的表单（.yaml），或写好的报告（.docx、.md、.txt）。")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              metavar="text|json", help="结果的格式：text 给人看（默认），json 给其他程序用。")
@click.option("--strict", is_flag=True, help="有警告也算不通过（退出码 1）。")
@click.option("--ignore", default="", metavar="代码", help="不做的检查项代码，逗号隔开，如 GEN405,GEN602。")
def check(file: Path, output_format: str, strict: bool, ignore: str) -> int:
    """检查表单（.yaml）或写好的报告（.docx、.md、.txt），不生成任何文件。

    \b
    一次列出全部问题，每条带行、列和改法：
    表单的写法（冒号、缩进、引号、Tab、少了“- ”）和必填项；
    没换掉的“请补写”和 xx、X、***；算错的同比、完成率和部分与总数；
    序号跳号、半角括号；数字写法；超出年度的年份；
    成文日期早于期末或晚于通常的成文时间；单位、署名不像机关名称；
    缺少的部分；重复的句子。代码（GEN101……）见 README“报送前检查”。
    """
    codes = [c.strip().upper() for c in ignore.replace("，", ",").split(",") if c.strip()]
    try:
        findings = api.check_file(file, ignore=codes)
    except GenError as exc:
        if output_format != "json":
            raise
        # 表单读不进来、找不到文件、给错了文件：同样输出 JSON（一组“错误”），退出码不变
        click.echo(api.findings_json(exc.diagnostics, ascii_only=not stdout_is_utf8()))
        return exc.exit_code
    failed = api.has_errors(findings, strict=strict)
    if output_format == "json":
        click.echo(api.findings_json(findings, ascii_only=not stdout_is_utf8()))
        return 1 if failed else 0
    print_diagnostics(findings)
    # 只统计检查项（带代码的）；编码提示之类不算
    counts = {severity: sum(1 for d in findings if d.severity is severity and d.code) for severity in Severity}
    if not counts[Severity.ERROR] and not counts[Severity.WARNING]:
        ok = "表单填写正确。" if api.is_form(file) else "没有发现问题。"
        hints = f"另有 {counts[Severity.INFO]} 条提示。" if counts[Severity.INFO] else ""
        click.echo(f"{file}：{ok}{hints}")
    else:
        click.echo(f"{file}：{counts[Severity.ERROR]} 个错误，{counts[Severity.WARNING]} 个警告，"
                   f"{counts[Severity.INFO]} 条提示。")
    return 1 if failed else 0


@cli.command(cls=ChineseCommand)
@click.argument("form", cls=Argument, metavar="[表单]", required=False, default="工作总结.yaml",
                type=click.Path(path_type=Path, dir_okay=False),
                help="要生成的表单文件名（.yaml），不写时为 工作总结.yaml。")
@click.option("--指标表格", "sheet", metavar="指标.xlsx", type=click.Path(path_type=Path, dir_okay=False),
              help="改为生成一份空的指标表格（.xlsx：表头、每列的填写提示和一行示例），"
                   "填好后在表单里写 指标文件: 指标.xlsx。")
@click.option("--template", metavar="模板",
              help="按这套单位模板生成：表单里写上“模板”，并列出模板增加的部分（名字或文件夹路径）。")
@click.option("--类型", "--kind", "kind", metavar="类型",
              help="按这一类型生成：年度工作总结（默认）、半年工作总结、工作总结和工作计划、专项工作总结（写好“主题”）、"
                   "季度工作总结（写好“季度”，默认刚结束的季度）、工作计划、述职报告（它们的空白表单有自己的部分）。")
def init(form: Path, sheet: Path | None, template: str | None, kind: str | None) -> None:
    """生成一份带中文说明的空白表单，已有文件不会被覆盖。"""
    if sheet is not None:
        _out.print(str(api.write_sheet_template(sheet)), markup=False)
        _out.print(f"已生成指标表格。每行填一个指标，然后在表单里写：指标文件: {sheet.name}", markup=False)
        return
    try:
        path, notices = api.write_starter_form(form, template=template, kind=kind)
    except api.OptionProblem as exc:
        raise click.BadParameter(str(exc), param_hint="--类型") from None
    print_diagnostics(notices)
    _out.print(shown(path), markup=False)
    _out.print("已生成空白表单。请用记事本、WPS 或 VS Code 打开，把“请补写……”换成本单位的内容，"
               f"然后运行：gen check {form}", markup=False)


@cli.command(cls=ChineseCommand)
@click.argument("forms", cls=Argument, metavar="表单…", nargs=-1, required=True,
                help="各县（区）的表单，可以写 县级/*.yaml 或文件夹 县级。逐个写出的按写的顺序排，"
                     "通配符和文件夹按文件名排（数字按大小，汉字按拼音）。")
@click.option("-o", "--output", "outputs", metavar="汇总表", multiple=True, type=click.Path(path_type=Path),
              help="写出的汇总表，格式按扩展名：.xlsx、.docx（Word 附件）或 .md；可以写几次。默认 指标汇总.xlsx。")
@click.option("--form", "city_form", metavar="市本级.yaml", type=click.Path(path_type=Path, dir_okay=False),
              help="把合计写进这份表单的“指标”（本期、上期），注释和顺序保持不变。")
@click.option("--force", is_flag=True, help="覆盖不是 gen 写的汇总表；--form 表单里已填的数与合计不同时也换成合计。")
@click.option("--跳过不一致", "--allow-partial", "partial", is_flag=True,
              help="某个指标各县的单位或公式不同（或有的县直接填了率）时不拒绝：这个指标的合计写“无法汇总”，"
                   "提示里写明原因，其余指标照常合计。同一份表单给了两次、年度不同等仍然拒绝。")
def rollup(forms: tuple[str, ...], outputs: tuple[Path, ...], city_form: Path | None, force: bool,
           partial: bool) -> None:
    """把各县表单的指标汇总成一张表（各县并列，算出合计和同比）。"""
    paths = api.rollup_inputs(forms, city_form)
    # 进度条与批量生成共用：不止一份、标准错误是终端时画进度条，否则每读完一份印一行
    console = api.progress_console(_err.real(), _out.real(), print_diagnostics, len(paths), label="读入中",
                                   states=("已读入", "有错误"))
    # 有表单读不进时不汇总：由 run 先列出各份的错误，再印与整批生成相同的汇总表（GenError.closing_lines）
    with console.running():
        result = api.rollup(paths, outputs, city_form=city_form, force=force, partial=partial,
                            progress=lambda path, done, total, failed: console.advance(
                                path, done, total, failed=failed))
    print_diagnostics(result.warnings)
    for path in result.written:
        _out.print(shown(path), markup=False)
    _out.print(f"已汇总 {result.counties} 份表单的 {result.indicators} 个指标，"
               f"{len(result.warnings)} 条提示。", markup=False)
    if result.writeback is not None:
        back = result.writeback
        print_diagnostics(back.differences)
        done = f"写入了 {len(back.changed)} 项" if back.changed else "没有需要写入的数"
        kept = f"，{len(back.differences)} 项与已填的数不同，没有改动" if back.differences else ""
        _out.print(f"{back.path}：{done}{kept}。", markup=False)


@cli.command("import", cls=ChineseCommand)
@click.argument("report_file", cls=Argument, metavar="报告", type=click.Path(path_type=Path, dir_okay=False),
                help="写好的报告：Word 文件（.docx），或网页上复制下来的文字（.md、.txt）。")
@click.option("-o", "--output", metavar="表单.yaml", type=click.Path(path_type=Path, dir_okay=False),
              help="写出的表单文件。默认是报告名加“-表单.yaml”，如 石泉县-2023-表单.yaml。")
@click.option("--force", is_flag=True, help="表单文件已存在时覆盖它。")
def import_(report_file: Path, output: Path | None, force: bool) -> None:
    """把已有的报告（.docx、.md、.txt）转成表单，方便在去年的基础上修改。"""
    result = api.import_report(report_file)
    target = output or api.default_form_path(report_file)
    written = api.write_form(result.yaml(), target, force=force)
    print_diagnostics(result.source.notices)
    for line in result.summary_lines():
        _err.print(line, markup=False)
    _out.print(shown(written), markup=False)


@cli.command(cls=ChineseCommand)
@click.option("-o", "--output", metavar="文件", type=click.Path(path_type=Path, dir_okay=False),
              help="把 JSON Schema 写到这个文件；不指定则打印出来。")
def schema(output: Path | None) -> None:
    """输出表单的 JSON Schema（供 VS Code 等编辑器提示和校验）。"""
    if output is None:
        click.echo(api.schema_text(ascii_only=not stdout_is_utf8()), nl=False)
    else:
        _out.print(str(api.write_schema(output)), markup=False)



@cli.command(cls=ChineseCommand)
@click.argument("target", cls=Argument, metavar="[表单或文件夹]", required=False, default=".",
                type=click.Path(path_type=Path),
                help="要编辑的表单（.yaml），或表单所在的文件夹（可以在页面上新建表单）。不写时为当前文件夹。")
@click.option("--port", type=int, default=0, metavar="端口",
              help="使用的端口（1–65535）。不写时沿用上次的端口，被占用就另找一个空闲端口。")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器，只显示网址。")
@click.option("--new-token", is_flag=True,
              help="换一个新的访问令牌，原来打开的页面随之失效。")
def edit(target: Path, port: int, no_browser: bool, new_token: bool) -> None:
    """在浏览器里填写表单：边填边检查、看 A4 预览、保存和生成。"""
    if not 0 <= port <= 65535:
        raise click.BadParameter("端口应在 1 到 65535 之间；不写 --port 时自动找一个空闲端口。", param_hint="--port")
    api.serve_editor(target, port=port, open_browser=not no_browser, new_token=new_token,
                     announce=lambda line: _out.print(line, markup=False, soft_wrap=True))

@cli.command(cls=ChineseCommand)
def doctor() -> int:
    """看这台电脑能用 gen 做什么（字体、PDF、浏览器），缺什么、怎么补。"""
    lines, can_report = api.doctor_report(__version__)
    click.echo("\n".join(lines))
    return OK if can_report else INVALID


cli.add_command(template_cmds.template)


def _echo_json_error(message: str) -> None:
    click.echo(api.findings_json([Diagnostic(message)], ascii_only=not stdout_is_utf8()))


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """命令行入口：所有异常在这里翻译成中文和退出码，只有 --debug 才显示调用栈。"""
    tolerant_streams()
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    code = run(args, debug=debug)
    sys.exit(code)


def run(args: list[str], *, debug: bool = False) -> int:
    # 只有 Windows 上 pathlib 会把“/”换成“\\”；别处路径原样印出，不必看
    _separators[0] = api.separator_style([a for a in args if not a.startswith("-")]) if os.sep == "\\" else None
    try:
        result = cli.main(args=args, prog_name="gen", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except SystemExit as exc:
        return int(exc.code or 0)
    except click.exceptions.Abort:
        _err.print("已取消。", markup=False)
        return INVALID
    except click.UsageError as exc:
        if api.wants_json(args):
            _echo_json_error(translate_usage_error(exc))
        else:
            _err.print(translate_usage_error(exc), style="red", markup=False)
        return USAGE
    except GenError as exc:
        print_diagnostics(exc.diagnostics)
        for line in exc.closing_lines():
            _err.print(line, markup=False)
        if debug:
            _err.print(traceback.format_exc(), markup=False)
        return exc.exit_code
    except KeyboardInterrupt:
        _err.print("已中断。", markup=False)
        return 130
    except Exception as exc:  # 程序自身的缺陷：给办事员一句话，给维护人员 --debug
        message = (f"gen 内部出错（{type(exc).__name__}）。请把表单和这条信息发给维护人员，"
                   "加上 --debug 参数运行可以看到详细信息。")
        if debug:
            _err.print(traceback.format_exc(), markup=False)
        elif api.wants_json(args):
            _echo_json_error(message)
        else:
            _err.print(message, style="red", markup=False)
        return INVALID
    return result if isinstance(result, int) else OK

