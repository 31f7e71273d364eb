"""常驻 LibreOffice 的转换进程（由 LibreOffice 自带的 Python 运行，不是 gen 的一部分，不导入 gen）。

用法：``LibreOffice 的 python lo_worker.py soffice程序 配置目录网址 管道名``

启动一个 ``soffice --headless --accept=pipe,name=管道名;urp;``，通过 UNO 连上它，然后一行一行读标准输入：
每行是 JSON ``{"in": ".docx 路径", "out": ".pdf 路径"}``，转换后在标准输出写一行 ``{"ok": true}`` 或
``{"ok": false, "error": "原因"}``。标准输入关闭时关掉 LibreOffice 并退出。
gen 这边见 :mod:`generator.write.resident`。
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
import time
from typing import Any

import uno  # type: ignore[import-not-found]  # LibreOffice 自带（Debian：python3-uno）
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _props(**values: Any) -> tuple[Any, ...]:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name = name
        prop.Value = value
        out.append(prop)
    return tuple(out)


def _connect(pipe: str, office: subprocess.Popen[bytes]) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 120
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except Exception:  # 还没启动好（NoConnectException）
            if office.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def main() -> None:
    soffice, profile, pipe = sys.argv[1:4]
    office = subprocess.Popen([soffice, "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
                               "--nologo", f"-env:UserInstallation={profile}", f"--accept=pipe,name={pipe};urp;"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop: Any = None
    try:
        desktop = _connect(pipe, office)
        print(json.dumps({"ok": True, "ready": True}), flush=True)
        for line in sys.stdin:
            request = json.loads(line)
            try:
                document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(request["in"]), "_blank", 0,
                                                        _props(Hidden=True, ReadOnly=True))
                try:
                    document.storeToURL(uno.systemPathToFileUrl(request["out"]),
                                        _props(FilterName="writer_pdf_Export"))
                finally:
                    document.close(True)
                print(json.dumps({"ok": True}), flush=True)
            except Exception as exc:  # 交给 gen 改用冷启动的转换
                print(json.dumps({"ok": False, "error": str(exc)}), flush=True)
    finally:
        if desktop is not None:
            with contextlib.suppress(Exception):
                desktop.terminate()
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait(timeout=10)
        # 临时的 LibreOffice 配置目录：gen 被强行结束（收不到关闭的通知）时也由这里删掉
        shutil.rmtree(uno.fileUrlToSystemPath(profile), ignore_errors=True)


if __name__ == "__main__":
    main()
