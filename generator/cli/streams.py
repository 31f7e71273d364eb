"""标准输出、标准错误在任何控制台上都能印（代码页 936、ascii、重定向到文件）。

只导入 sys：``gen --help`` 的快路也用它。
"""

from __future__ import annotations

import sys


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
