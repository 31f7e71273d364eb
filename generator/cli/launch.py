"""命令行入口：``gen --help`` 不导入 click 和 gen 的其他部分，直接印出帮助（启动快）；
其余交给 :mod:`generator.cli.commands`。

印出的是随包发布的 ``help.txt``：它由 ``python -m generator.cli.help_text`` 按 click 的命令定义写出，
与 click 在 80 列终端上印出的逐字相同（tests/cli/test_help.py 检查它没有过期）。
"""

from __future__ import annotations

import os
import sys

from .streams import tolerant_streams

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
    if args in (["--version"], ["-V"]):  # 同样不导入 click：只读版本号
        from .. import package_version

        sys.stdout.write(f"gen {package_version()}\n")
        sys.stdout.flush()
        sys.exit(0)
    from .commands import main as cli_main

    cli_main()


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
