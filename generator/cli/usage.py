"""click 的中文外观：帮助里的标题和用法错误都换成中文。"""

from __future__ import annotations

import difflib
import re
from typing import Any

import click

from ..errors import display_width

_HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}


class ChineseHelpFormatter(click.HelpFormatter):
    """小节标题后用全角冒号：“选项：”。"""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")


class ChineseContext(click.Context):
    formatter_class = ChineseHelpFormatter


class _ChineseFormatting:
    context_class: type[click.Context] = ChineseContext

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        pieces = [p.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")
                  for p in pieces]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="用法：")

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        return None  # 参数在 format_options 里以中文标题“参数”列出（click 8.1 没有这个钩子）

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = self.get_params(ctx)  # type: ignore[attr-defined]
        arguments = [(p.human_readable_name, p.help or "") for p in params if isinstance(p, click.Argument)]
        if arguments:
            with formatter.section("参数"):
                write_dl(formatter, arguments)
        rows = []
        for param in params:
            record = None if isinstance(param, click.Argument) else param.get_help_record(ctx)
            if record is not None:
                rows.append((record[0], record[1].replace("[default: ", "[默认：")))
        if rows:
            with formatter.section("选项"):
                write_dl(formatter, rows)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option: click.Option | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option


class Argument(click.Argument):
    """带中文说明的位置参数（click 的参数本身没有 help）：在帮助的“参数”一节列出。"""

    def __init__(self, *args: Any, help: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = help


class ChineseCommand(_ChineseFormatting, click.Command):
    pass


class ChineseGroup(_ChineseFormatting, click.Group):

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        commands = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            commands.append((name, command.get_short_help_str(limit=60)))
        if commands:
            with formatter.section("命令"):
                write_dl(formatter, commands)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        return None  # 已在 format_options 里用中文标题列出


_TOKEN = re.compile(r"[A-Za-z0-9_.,/|:=+\\-]+|\\s+|.")


def write_dl(formatter: click.HelpFormatter, rows: list[tuple[str, str]], *, limit: int = 24) -> None:
    """两栏列表，按终端显示宽度（汉字占两列）对齐、折行；click 自带的按字符数算，汉字会错位。"""
    indent = formatter.current_indent
    first = min(max(display_width(term) for term, _ in rows), limit)
    text_width = max(20, (formatter.width or 80) - indent - first - 2)
    for term, text in rows:
        head = " " * indent + term
        lines = _wrap(text, text_width)
        if display_width(term) > first:
            formatter.write(head + "\n")
            head = " " * (indent + first)
        else:
            head += " " * (first - display_width(term))
        formatter.write(f"{head}  {lines[0]}".rstrip() + "\n")
        for line in lines[1:]:
            formatter.write(" " * (indent + first + 2) + line + "\n")


def _wrap(text: str, width: int) -> list[str]:
    lines = [""]
    for token in _TOKEN.findall(" ".join(text.split())):
        if lines[-1] and display_width(lines[-1] + token) > width:
            lines.append("" if token.isspace() else token)
        else:
            lines[-1] += token
    return [line.rstrip() for line in lines]


def translate_usage_error(exc: click.UsageError) -> str:
    """把 click 的英文用法错误翻译成中文，并附上查看帮助的方法。"""
    command = exc.ctx.command_path if exc.ctx is not None else "gen"
    tip = f"运行 {command} --help 查看用法。"
    message = _translate(exc)
    return f"用法错误：{message}\n{tip}"


def _translate(exc: click.UsageError) -> str:
    if isinstance(exc, click.NoSuchOption):
        guess = f"是不是 {'、'.join(exc.possibilities)}？" if exc.possibilities else ""
        return f"没有 {exc.option_name} 这个选项。{guess}"
    if isinstance(exc, click.MissingParameter):
        name = _param_name(exc.param)
        return f"缺少{name}。"
    if isinstance(exc, click.BadParameter):
        hint = exc.param_hint
        label = "/".join(hint) if isinstance(hint, (list, tuple)) else (hint or _param_name(exc.param))
        return f"{label} 的值不对：{exc.message}"
    if isinstance(exc, click.BadOptionUsage):
        return f"选项 {exc.option_name} 用法不对：{exc.message}"
    text = exc.message
    if text.startswith("No such command"):
        name = text.split("'")[1] if "'" in text else text
        commands = _commands(exc.ctx)
        close = difflib.get_close_matches(name.lower(), commands, n=1, cutoff=0.5)
        guess = f"是不是 {'、'.join(close)}？" if close else ""
        return f"没有“{name}”这个命令。{guess}可用的命令：{'、'.join(commands)}。"
    if text.startswith("Got unexpected extra argument"):
        return "多给了参数。文件名里有空格时请用英文引号把它括起来。"
    if text.startswith("Missing command"):
        return "请给出要执行的命令，如 gen report 表单.yaml。"
    return text


def _commands(ctx: click.Context | None) -> list[str]:
    """gen 的全部命令（按帮助里的顺序），取自命令组本身，新加的命令不会漏掉。"""
    group = ctx.command if ctx is not None else None
    if isinstance(group, click.Group):
        return [name for name, command in group.commands.items() if not command.hidden]
    return ["init", "report", "check", "import", "rollup", "edit", "schema", "doctor", "template"]


def _param_name(param: Any) -> str:
    if param is None:
        return "参数"
    if isinstance(param, click.Argument):
        return f"参数“{param.human_readable_name}”（文件名）"
    return f"选项 {'/'.join(param.opts)}"
