"""``gen-edit``：双击就打开浏览器里的编辑页面（Windows 上是不带控制台窗口的 gen-edit.exe）。

打开上次用过的文件夹，没有时打开“文档”文件夹；也可以把表单或文件夹拖到 gen-edit 上。
没有控制台窗口时，要说的话（网址、错误）写进用户配置文件夹里的“gen-edit.log”。
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from .. import api
from ..errors import GenError


def main() -> None:
    log = _log_file() if sys.stdout is None or sys.stderr is None else None
    if log is not None:  # pythonw 没有标准输出：uvicorn 和 print 都写进日志文件
        sys.stdout = sys.stderr = log
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else api.editor_start_folder()
    folder = target if target.is_dir() else target.parent
    try:
        if folder.is_dir():
            api.remember_folder(folder)
        api.serve_editor(target, open_browser=True, announce=lambda line: print(line, flush=True))
    except GenError as exc:
        print("\n".join(d.format() for d in exc.diagnostics), flush=True)
        raise SystemExit(exc.exit_code) from None
    except KeyboardInterrupt:
        pass


def _log_file() -> TextIO | None:
    try:
        folder = api.user_config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return (folder / "gen-edit.log").open("w", encoding="utf-8", errors="replace")
    except OSError:
        return None
