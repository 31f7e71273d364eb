"""gen 写出的 .xlsx 里，文字单元格永远是文字：以 = + - @（或制表符、回车）开头的单位、指标名称
不会变成公式（如 =HYPERLINK(...)、DDE 的 =cmd|...），Excel、WPS 打开时照原样显示；
XML 里不允许的控制字符换成 U+FFFD（openpyxl 遇到它们会出错）。"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(cells: Iterable[Any]) -> None:
    """把一行（或几个）单元格里的字符串固定为文字类型。"""
    for cell in cells:
        value = cell.value
        if not isinstance(value, str):
            continue
        clean = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        if clean != value:
            cell.value = clean
        cell.data_type = "s"  # openpyxl 见到 = 开头就当公式；固定成字符串，写出时没有 <f>
        if clean.startswith(_FORMULA_START):
            cell.quotePrefix = True  # Excel 里编辑这个单元格后回车，也仍是文字
