"""保存表单：比较版本和替换文件是同一步（每个文件一把跨进程的锁），两个几乎同时的保存只有一个写入。

页面保存时带着它打开（或上次保存）时的版本号（内容的 SHA-256）。锁住这个文件后再读磁盘、比较、写入：
版本号不同就不写，把磁盘上的内容和不同之处交给页面弹出对话框（:mod:`.conflict`）。
锁是 :func:`generator.write.locking.file_lock`（filelock，操作系统的文件锁）：同一个 gen edit 的线程之间、
两个 gen edit 进程之间都有效。记事本、Word 不认这把锁，它们在比较之后、改名之前写入的极短窗口
由下一次保存的版本比较发现。
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GenError
from ..read.source import decode_source, read_limited
from ..write.locking import file_lock
from .analyze import content_hash
from .conflict import differences, modified_at
from .guard import Refused


def read_form(path: Path) -> tuple[bytes, str]:
    """表单的字节和文字；读不了时是给页面看的 :class:`Refused`。"""
    try:
        raw = read_limited(path, what="表单")
        if not raw.strip():  # 空文件也能打开来填写
            return raw, raw.decode("utf-8", "replace").strip()
        return raw, decode_source(raw, path).text
    except GenError as exc:
        raise Refused(404 if not path.exists() else 422, exc.diagnostics[0].message) from None


@dataclass
class Saver:
    """比较并写入；锁见 :func:`generator.write.locking.file_lock`（按解析后的绝对路径，跨进程）。"""

    def save(self, path: Path, text: str, base: object) -> tuple[int, dict[str, Any]]:
        """版本号相同才写入：(200, 新版本号) 或 (409, 磁盘上的内容、修改时间和不同之处)。"""
        try:
            with file_lock(path):
                return self._compare_and_write(path, text, base)
        except GenError as exc:  # 等不到锁：不是表单的错误，页面照“文件问题”显示
            return 409, {"error": exc.diagnostics[0].message, "file_problem": True}

    def _compare_and_write(self, path: Path, text: str, base: object) -> tuple[int, dict[str, Any]]:
        from ..write.output import write_atomic

        raw, current = read_form(path)
        if base != content_hash(raw):  # 页面据此弹出对话框；要覆盖，须带着这里给出的版本号再保存一次
            changed = modified_at(path)
            return 409, {"error": f"表单已在别处被修改（{changed}）", "hash": content_hash(raw), "text": current,
                         "modified": changed, **differences(current, text)}
        if b"\r\n" in raw and "\r\n" not in text:  # 保持原来的换行方式（Windows 记事本写的 CRLF）
            text = text.replace("\n", "\r\n")
        out = text.encode("utf-8")
        if not path.stat().st_mode & stat.S_IWUSR:  # 只读的表单：说保存的事，不说生成（写盘那一层的说法是给生成用的）
            return 409, {"error": f"“{path.name}”是只读文件，保存不了。请在文件属性里去掉“只读”后再保存；"
                                  "在那之前，这里的修改暂存在这个浏览器里，不会丢。", "file_problem": True}
        try:
            write_atomic(path, out)
        except GenError as exc:
            return 409, {"error": exc.diagnostics[0].message, "file_problem": True}
        return 200, {"name": path.name, "hash": content_hash(out)}
