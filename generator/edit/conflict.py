"""保存时发现表单在别处被改过：告诉页面是什么时候改的、哪几行不一样。

页面据此弹出对话框，让办事员选“重新载入”“保留这里的内容（覆盖）”或“取消”；服务器从不悄悄覆盖
（见 ``app.save``：只有带着这次告诉页面的版本号再保存，才会写入）。
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import Any

MAX_CHANGES = 20  # 最多列出这么多处不同，其余只说还有几处
MAX_LINES = 6  # 每处最多列出这么多行
MAX_CHARS = 120  # 每行最多显示这么多个字
# 去掉相同的开头和结尾后，中间超过这么多行就不用 difflib（它的时间不止线性增长）：行数相同时逐行对位比较，
# 不同时整段算一处
MAX_COMPARED = 1000


def modified_at(path: Path) -> str:
    """文件最后修改的时间（本机时间），如 2026-11-23 16:05:13。"""
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return "时间不详"
    return dt.datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M:%S")


def differences(disk: str, page: str) -> dict[str, Any]:
    """磁盘上的文字与页面上的文字哪几行不同：每处给出磁盘上的行号和两边的行。"""
    old, new = disk.splitlines(), page.splitlines()
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    old_mid, new_mid = old[head:len(old) - tail], new[head:len(new) - tail]
    if not old_mid and not new_mid:
        return {"changes": [], "more": 0}
    if max(len(old_mid), len(new_mid)) > MAX_COMPARED:
        blocks = _by_position(old_mid, new_mid, head)
    else:
        matcher = difflib.SequenceMatcher(None, old_mid, new_mid, autojunk=True)
        blocks = [(head + i1, head + i2, head + j1, head + j2)
                  for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    changes = [{"line": i1 + 1, "page_line": j1 + 1, "disk": _shorten(old[i1:i2]), "page": _shorten(new[j1:j2])}
               for i1, i2, j1, j2 in blocks[:MAX_CHANGES]]
    return {"changes": changes, "more": len(blocks) - len(changes)}


def _by_position(old: list[str], new: list[str], head: int) -> list[tuple[int, int, int, int]]:
    """中间很长时：行数相同就逐行对位比较（只改了字、没有增删行的常见情形），否则整段算一处。"""
    if len(old) != len(new):
        return [(head, head + len(old), head, head + len(new))]
    blocks: list[tuple[int, int, int, int]] = []
    for n, (a, b) in enumerate(zip(old, new, strict=True)):
        if a == b:
            continue
        if blocks and blocks[-1][1] == head + n:
            start = blocks[-1][0]
            blocks[-1] = (start, head + n + 1, start, head + n + 1)
        else:
            blocks.append((head + n, head + n + 1, head + n, head + n + 1))
    return blocks


def _shorten(lines: list[str]) -> list[str]:
    shown = [line if len(line) <= MAX_CHARS else line[:MAX_CHARS] + "……" for line in lines[:MAX_LINES]]
    if len(lines) > MAX_LINES:
        shown.append(f"……（还有 {len(lines) - MAX_LINES} 行）")
    return shown
