"""基准共用：在本机一个空闲端口上起 gen edit（令牌 bench），再开一个 1366×768 的无头 Chromium。

``keystroke_preview.py`` 和 ``preview_pages.py`` 都从这里起，量的是同一个编辑器、同一个浏览器。
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from generator.edit.app import create_app


def start(folder: Path) -> tuple[uvicorn.Server, int, webdriver.Chrome]:
    """gen edit 在 ``folder`` 上运行（返回服务、端口），浏览器的用户资料放在 ``folder/profile``。"""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(folder, token="bench", port=port), log_level="warning",
                                           lifespan="off"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.01)
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,768",
                 f"--user-data-dir={folder / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or ""), options=options)
    return server, port, driver
