"""写出 ``gen --help`` 快路印的 ``generator/cli/help.txt``：取 click 按命令定义在 80 列终端上印出的帮助。

改了命令、参数或说明之后运行::

    python -m generator.cli.help_text

tests/cli/test_help.py 比较这个文件与 click 现在印出的帮助，过期时失败并给出上面的命令。
"""

from __future__ import annotations

import io
import os
from contextlib import redirect_stdout

from .launch import HELP_FILE

WRITE_COMMAND = "python -m generator.cli.help_text"


def click_help() -> str:
    """click 按命令定义、在 80 列（及更宽）的终端上印出的 ``gen --help``。"""
    from .commands import run

    buffer = io.StringIO()
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "80"
    try:
        with redirect_stdout(buffer):
            code = run(["--help"])
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    if code != 0:
        raise RuntimeError(f"gen --help 的退出码是 {code}")
    return buffer.getvalue()


def write(path: str = HELP_FILE) -> bool:
    """把 :func:`click_help` 写到 ``path``（换行一律为 \\n）；内容有变化时返回 True。"""
    text = click_help()
    try:
        with open(path, encoding="utf-8", newline="") as file:
            if file.read() == text:
                return False
    except FileNotFoundError:
        pass
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)
    return True


if __name__ == "__main__":
    changed = write()
    print(f"{'已更新' if changed else '无变化'}：{os.path.relpath(HELP_FILE)}")
