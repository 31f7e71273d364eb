"""``gen edit``：在浏览器里填表单，边填边检查、边看版面。

服务只绑定 127.0.0.1 的一个端口，网址的 # 后面带访问令牌（浏览器不会把 # 后面的部分发给任何服务器）；
见 :mod:`.guard`。同一个表单或文件夹再次打开时沿用上次的令牌和端口，原来打开的页面能接着用（:mod:`.session`）。
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

from ..errors import Diagnostic, FormError, UsageProblem

__all__ = ["serve"]


def _bind(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if os.name != "nt":  # Windows 的 SO_REUSEADDR 允许抢占别人正在用的端口，不能设
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError:
        sock.close()
        raise UsageProblem(Diagnostic(
            f"端口 {port} 已被占用或不能使用。请换一个端口（如 --port {port + 1}），或不写 --port，"
            "由 gen 自己找一个空闲端口。")) from None
    sock.listen(64)
    return sock


def check_target(target: Path) -> Path:
    """要打开的表单或文件夹必须存在；表单要以 .yaml 结尾。"""
    if target.is_dir():
        return target
    if not target.exists():
        raise FormError(Diagnostic(
            f"找不到“{target}”。请检查文件名；要新建表单，先运行 gen init {target}，"
            "或用 gen edit 打开表单所在的文件夹，在页面上新建。"))
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise UsageProblem(Diagnostic(f"“{target}”不是表单（.yaml）。gen edit 只能打开表单或文件夹。"))
    return target


def _bind_remembered(port: int, remembered: int) -> socket.socket:
    """不指定端口时先试上次的端口（原来打开的页面在那里）；被占用就另找一个空闲端口。"""
    if port or not remembered:
        return _bind(port)
    try:
        return _bind(remembered)
    except UsageProblem:
        return _bind(0)


def serve(target: Path, *, port: int = 0, open_browser: bool = True, new_token: bool = False,
          announce: Callable[[str], None] = print) -> None:
    """启动编辑服务，直到 Ctrl+C。``new_token``：换一个新的访问令牌（原来打开的页面不能再用）。"""
    import uvicorn

    from ..write.resident import keep_warm
    from .app import create_app
    from .session import Remembered, recall, remember

    target = check_target(target)
    last = recall(target, rotate=new_token)
    sock = _bind_remembered(port, last.port)
    actual = sock.getsockname()[1]
    token = last.token
    remember(target, Remembered(token, actual))
    url = f"http://127.0.0.1:{actual}/#token={token}"
    if not port and last.port and last.port != actual:
        announce(f"上次用的端口 {last.port} 已被占用，这次换用端口 {actual}："
                 "原来打开的页面请关掉，用下面的网址重新打开。")
    app = create_app(target, token=token, port=actual)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    announce(f"编辑页面：{url}")
    announce("请用浏览器打开上面的网址（只有这台电脑能访问）。按 Ctrl+C 停止。")
    if open_browser:
        threading.Timer(0.5, lambda: webbrowser.open(url)).start()
    try:
        with keep_warm():  # 第二次起“生成 PDF”用常驻的 LibreOffice（generator/write/resident.py）
            server.run(sockets=[sock])
    finally:
        with contextlib.suppress(OSError):
            sock.close()
    announce("编辑页面已停止。")
