"""命令行入口：``gen --help`` 不导入 click 和 gen 的其他部分，直接印出帮助（启动快）；
其余交给 :mod:`generator.cli.commands`。

印出的是随包发布的 ``help.txt``：它由 ``python -m generator.cli.help_text`` 按 click 的命令定义写出，
与 click 在 80 列终端上印出的逐字相同（tests/cli/test_help.py 检查它没有过期）。
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # 不导入 typing：它占 gen --help 启动时间的相当一部分
if TYPE_CHECKING:
    from typing import NoReturn

HELP_FILE = os.path.join(os.path.dirname(__file__), "help.txt")


def main() -> NoReturn:
    tolerant_streams()
    args = sys.argv[1:]
    if args in (["--help"], ["-h"]) and _columns() >= 80:  # 窄终端上 click 会折行，交给 click
        text = _shipped_help()
        if text is not None:
            sys.stdout.write(text)
            sys.stdout.flush()
            sys.exit(0)
    from .commands import main as cli_main

    cli_main()


def tolerant_streams() -> None:
    """任何控制台都能印：代码页 936（GBK）、ascii、重定向到文件时，编码不下的字（表情符号、生僻字）
    换成“?”，而不是抛出 UnicodeEncodeError。UTF-8 的流本来都编得下，不动它。"""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if reconfigure is None or encoding in ("utf8", "utf8sig"):
            continue
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):  # 已经关闭或不能改的流：保持原样
            continue


def stdout_is_utf8() -> bool:
    """标准输出按 UTF-8 编码（JSON 可以直接写汉字）；否则 JSON 要写成纯 ASCII（``\\uXXXX``）。"""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding in ("utf8", "utf8sig")


def _shipped_help() -> str | None:
    """``help.txt`` 的内容；文件不在或读不了（安装不完整）时为 None，帮助改由 click 印出。"""
    try:
        with open(HELP_FILE, encoding="utf-8") as file:
            return file.read()
    except (OSError, UnicodeDecodeError):
        return None


def _columns() -> int:
    """终端宽度，与 click 排帮助时用的 ``shutil.get_terminal_size().columns`` 相同（不导入 shutil）。"""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns
