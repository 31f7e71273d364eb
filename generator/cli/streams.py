"""标准输出、标准错误在任何控制台上都能印（代码页 936、ascii、重定向到文件）。

只导入 sys 和 codecs（Python 启动时已经导入）：``gen --help`` 的快路也用它。
"""

from __future__ import annotations

import codecs
import sys


def _is_utf8(stream: object) -> bool:
    """这个流按 UTF-8 编码（cp65001、utf_8、UTF8 都算）。"""
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def tolerant_streams() -> None:
    """任何控制台都能印：代码页 936（GBK）、ascii、重定向到文件时，编码不下的字（表情符号、生僻字）
    换成“?”，而不是抛出 UnicodeEncodeError。UTF-8 的流本来都编得下，不动它。"""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or _is_utf8(stream):  # pythonw 没有标准输出（None），也不动
            continue
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):  # 已经关闭或不能改的流：保持原样
            continue


def stdout_is_utf8() -> bool:
    """标准输出按 UTF-8 编码（JSON 可以直接写汉字）；否则 JSON 要写成纯 ASCII（``\\uXXXX``）。"""
    return _is_utf8(sys.stdout)
