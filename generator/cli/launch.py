"""命令行入口：``gen --help`` 不导入 click 和 gen 的其他部分，直接印出帮助（启动快）；其余交给 :mod:`generator.cli.commands`。

HELP 与 click 印出的帮助逐字相同（tests/test_help.py 比较两者；改了命令或说明后运行
``python -m generator.cli.launch --regenerate`` 更新这里）。
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # 不导入 typing：它占 gen --help 启动时间的相当一部分
if TYPE_CHECKING:
    from typing import NoReturn

HELP = """\
用法：gen [选项] 命令 [参数]...

  gen：把填好的表单（.yaml）生成符合 GB/T 9704-2012 的工作总结（Word、Markdown）。

  常用：
    gen init 贡觉县-2024.yaml       生成一份带说明的空白表单
    gen report 贡觉县-2024.yaml     生成 贡觉县-2024.docx
    gen report 表单.yaml -f docx,md  同时生成 Word 和 Markdown
    gen check 表单.yaml             只检查表单，不生成文件
    gen import 去年的总结.docx      把去年的报告转成表单

选项：
  -V, --version  显示版本号并退出。
  --debug        出错时显示完整的程序调用栈（给维护人员排查问题用）。
  -h, --help     显示本帮助并退出。

命令：
  check   检查表单（.yaml）或写好的报告（.docx、.md、.txt），不生成任何文件。
  edit    在浏览器里填写表单：边填边检查、看 A4 预览、保存和生成。
  import  把已有的报告（.docx、.md、.txt）转成表单，方便在去年的基础上修改。
  init    生成一份带中文说明的空白表单，已有文件不会被覆盖。
  report  根据表单生成工作总结（Word、Markdown 或 PDF）。
  rollup  把各县表单的指标汇总成一张表（各县并列，算出合计和同比）。
  schema  输出表单的 JSON Schema（供 VS Code 等编辑器提示和校验）。
"""


def main() -> NoReturn:
    args = sys.argv[1:]
    if args in (["--help"], ["-h"]) and _columns() >= 80:  # 窄终端上 click 会折行，交给 click
        sys.stdout.write(HELP)
        sys.stdout.flush()
        sys.exit(0)
    from .commands import main as cli_main

    cli_main()


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


def click_help() -> str:
    """click 按命令定义、在 80 列（及更宽）的终端上印出的 ``gen --help``。"""
    import io
    from contextlib import redirect_stdout

    from .commands import run

    buffer = io.StringIO()
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "80"
    try:
        with redirect_stdout(buffer):
            run(["--help"])
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    return buffer.getvalue()


def _regenerate() -> None:
    from pathlib import Path

    path = Path(__file__)
    source = path.read_text(encoding="utf-8")
    start = source.index('HELP = """\\\n') + len('HELP = """\\\n')
    end = source.index('"""', start)
    path.write_text(source[:start] + click_help().replace("\\", "\\\\") + source[end:], encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--regenerate"]:
    _regenerate()
