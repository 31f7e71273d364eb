"""click 的中文外观：帮助里的标题和用法错误都换成中文。"""

from __future__ import annotations

from typing import Any

import click

_HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}


class _ChineseFormatting:
    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        pieces = [p.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")
                  for p in pieces]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            record = param.get_help_record(ctx)
            if record is not None:
                rows.append((record[0], record[1].replace("[default: ", "[默认：")))
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)


    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option: click.Option | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option


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
                formatter.write_dl(commands)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        return None  # 已在 format_options 里用中文标题列出


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
        return f"没有“{name}”这个命令。可用的命令：init、report、check、schema、import。"
    if text.startswith("Got unexpected extra argument"):
        return "多给了参数。文件名里有空格时请用英文引号把它括起来。"
    if text.startswith("Missing command"):
        return "请给出要执行的命令，如 gen report 表单.yaml。"
    return text


def _param_name(param: Any) -> str:
    if param is None:
        return "参数"
    if isinstance(param, click.Argument):
        return f"参数 {param.human_readable_name}（文件名）"
    return f"选项 {'/'.join(param.opts)}"
