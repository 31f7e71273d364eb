"""指标表格的编辑：改一格、加一行、删一行。

直接改原文的那一行（位置取自 ruamel 的行列号），别的行、注释、引号一个字都不动；
文字值的写法（要不要加引号，如 ``单位: "%"``）交给 ruamel 决定，数字原样写入（不经过浮点数）。
"""

from __future__ import annotations

import re
from typing import Any

from .fields import _dump, _flow, _lines, _load, _next_key_line, _span_end, one_line, replace_value
from .guard import Refused

COLUMNS = ("键", "名称", "本期", "上期", "目标", "单位")
_NUMBERS = ("本期", "上期", "目标")
_NUMBER = re.compile(r"^-?\d{1,15}(\.\d{1,10})?$")


def _lc(node: Any) -> Any:
    """ruamel 的节点带行列号（``.lc``）；类型检查看不到。"""
    return node.lc


def table_rows(data: Any) -> list[dict[str, str]]:
    """表格里显示的各行（只列出能在表格里编辑的几列）。"""
    found = data.get("指标") if hasattr(data, "get") else None
    if not isinstance(found, list):
        return []
    return [{column: str(item[column]) for column in COLUMNS if item.get(column) is not None}
            if isinstance(item, dict) else {} for item in found]


def _value_text(column: str, value: str) -> str:
    if column in _NUMBERS:
        if not _NUMBER.match(value):
            raise Refused(400, f"“{column}”只写数字，如 1250 或 99.2。")
        return value
    return _dump({column: value}, "").split(":", 1)[1].strip()


def edit_indicator(text: str, index: object, column: object, value: object, action: object) -> str:
    """``action``：set（改一格）、add（末尾加一行）、delete（删一行）。"""
    if action not in ("set", "add", "delete"):
        raise Refused(400, "不认识的操作。可用的操作有 set、add、delete。")
    data = _load(text)
    lines = _lines(text)
    items: Any = data.get("指标")
    if action == "add":
        return _add(data, lines, items)
    if not isinstance(items, list) or not isinstance(index, int) or isinstance(index, bool) \
            or not 0 <= index < len(items) or not isinstance(items[index], dict):
        raise Refused(400, "指标的序号不对。")
    item: Any = items[index]
    start = int(_lc(items).item(index)[0])
    if start <= int(data.lc.key("指标")[0]) or _flow(item) or _flow(items):
        raise Refused(422, "这一项指标写在一行里（花括号或方括号）。请在“源文件”里改成每个键一行的写法。")
    if action == "delete":
        following = int(_lc(items).item(index + 1)[0]) if index + 1 < len(items) else \
            _next_key_line(data, "指标", len(lines))
        end = _span_end(lines, start, following, int(_lc(items).item(index)[1]) - 2)
        return "".join(lines[:start] + lines[end:])
    if column not in COLUMNS or not isinstance(value, str):
        raise Refused(400, f"只能在表格里编辑这几列：{'、'.join(COLUMNS)}。")
    value = value.strip()
    if column in item:
        if not value:
            if column in ("键", "名称", "本期"):
                raise Refused(400, f"“{column}”是必填的，不能清空。")
            line = one_line(lines, item, column)
            return "".join(lines[:line] + lines[line + 1:])
        return "".join(replace_value(lines, item, column, _value_text(column, value)))
    if not value:
        return text
    last = max(int(item.lc.key(k)[0]) for k in item)
    indent = " " * int(item.lc.key(next(iter(item)))[1])
    if last == start:  # “- 键: x” 这一行本身：后面的键与“键”对齐
        indent = " " * int(_lc(items).item(index)[1])
    return "".join(lines[:last + 1]) + f"{indent}{column}: {_value_text(column, value)}\n" + "".join(lines[last + 1:])


def _add(data: Any, lines: list[str], items: Any) -> str:
    row = "- 键: 新指标\n{pad}  名称: 请补写指标名称\n{pad}  本期: 0\n"
    if items is None:
        before = [k for k in ("导语", "基本情况", "指标表") if k in data]
        at = 0
        if before:
            at = _span_end(lines, int(data.lc.key(before[-1])[0]), _next_key_line(data, before[-1], len(lines)), 0)
        return "".join(lines[:at]) + "指标:\n  " + row.format(pad="  ") + "".join(lines[at:])
    if not isinstance(items, list) or not items or int(_lc(items).item(0)[0]) <= int(data.lc.key("指标")[0]):
        raise Refused(422, "“指标”应是一串指标（每项以“- 键:”开头）。请先在“源文件”里改正。")
    pad = " " * (int(_lc(items).item(0)[1]) - 2)
    last = len(items) - 1
    end = _span_end(lines, int(_lc(items).item(last)[0]), _next_key_line(data, "指标", len(lines)), len(pad))
    return "".join(lines[:end]) + pad + row.format(pad=pad) + "".join(lines[end:])
