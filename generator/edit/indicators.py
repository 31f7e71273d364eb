"""指标表格的编辑：改一格、加一行、删一行、上移下移。

直接改原文的那一行（位置取自 ruamel 的行列号），别的行、注释、引号一个字都不动；
文字值的写法（要不要加引号，如 ``单位: "%"``）交给 ruamel 决定，数字原样写入（不经过浮点数）。
"""

from __future__ import annotations

import re
from typing import Any

from ..form.unfilled import EDITOR_PLACEHOLDER
from .fields import _dump, _flow, _lines, _load, _next_key_line, _span_end, one_line, replace_value
from .guard import Refused

# 表单里一个指标能写的全部键（与 generator.indicators.model.Indicator 的别名相同，测试里核对）
COLUMNS = ("键", "名称", "本期", "上期", "目标", "单位", "小数位", "公式", "越低越好", "表述", "说明",
           "允许负数", "允许超过100")
_NUMBERS = ("本期", "上期", "目标")
SWITCHES = ("越低越好", "允许负数", "允许超过100")  # 勾选框：勾上写 true，不勾就删去这一行（默认 false）
_REQUIRED = ("键", "名称", "本期")
_NUMBER = re.compile(r"^-?\d{1,15}(\.\d{1,10})?$")
ACTIONS = ("set", "add", "delete", "up", "down")


def _lc(node: Any) -> Any:
    """ruamel 的节点带行列号（``.lc``）；类型检查看不到。"""
    return node.lc


def table_rows(data: Any) -> list[dict[str, str]]:
    """表格里显示的各行（表单里写了的各列，开关写成 true/false）。"""
    found = data.get("指标") if hasattr(data, "get") else None
    if not isinstance(found, list):
        return []
    return [{column: _shown(item[column]) for column in COLUMNS if item.get(column) is not None}
            if isinstance(item, dict) else {} for item in found]


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def indicator_file(data: Any) -> str | None:
    """“指标文件”写的是什么（页面上只读显示）：文件名，指定了工作表时加上工作表。"""
    spec: Any = data.get("指标文件") if hasattr(data, "get") else None
    if isinstance(spec, str):
        return spec
    if hasattr(spec, "get") and spec.get("路径") is not None:
        sheet = spec.get("工作表")
        return f"{spec.get('路径')}（工作表 {sheet}）" if sheet is not None else str(spec.get("路径"))
    return None


def computed_columns(form: Any, rows: list[list[str]]) -> dict[str, dict[str, str]]:
    """每个指标算出的同比、完成率。``rows`` 是 :func:`generator.render.render.indicator_rows` 的结果，
    即文档里“主要指标完成情况表”的各行，所以文字一字不差。"""
    return {ind.key: {"同比": row[4], "完成率": row[6]} for ind, row in zip(form.indicators, rows, strict=True)}


def sheet_rows(form: Any, written: list[dict[str, str]]) -> list[dict[str, str]]:
    """来自“指标文件”（表格）的指标：表单里没有写、校验后才有的那些（页面上只读）。"""
    from ..render.render import plain_number

    keys = {row.get("键") for row in written}
    rows = []
    for ind in form.indicators:
        if ind.key in keys:
            continue
        row = {"键": ind.key, "名称": ind.name, "本期": plain_number(ind.current), "单位": ind.unit}
        if ind.previous is not None:
            row["上期"] = plain_number(ind.previous)
        if ind.target is not None:
            row["目标"] = plain_number(ind.target)
        rows.append(row)
    return rows


def _value_text(column: str, value: str) -> str:
    if column in _NUMBERS:
        if not _NUMBER.match(value):
            raise Refused(400, f"“{column}”只写数字，如 1250 或 99.2。")
        return value
    if column == "小数位":
        if not re.fullmatch(r"[0-6]", value):
            raise Refused(400, "“小数位”填 0 到 6 的整数，如 2。")
        return value
    if column in SWITCHES:
        return "true"
    return _dump({column: value}, "").split(":", 1)[1].strip()


def edit_indicator(text: str, index: object, column: object, value: object, action: object) -> str:
    """``action``：set（改一格）、add（末尾加一行）、delete（删一行）、up / down（上移、下移一行）。

    开关列（越低越好等）的值是 "true" 或 "false"：false 即删去那一行（表单的默认值）。"""
    if action not in ACTIONS:
        raise Refused(400, f"不认识的操作。可用的操作有 {'、'.join(ACTIONS)}。")
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
        start, end = _span(data, lines, items, index)
        return "".join(lines[:start] + lines[end:])
    if action in ("up", "down"):
        return _move(data, lines, items, index, 1 if action == "down" else -1)
    if column not in COLUMNS or not isinstance(value, str):
        raise Refused(400, f"只能在表格里编辑这几列：{'、'.join(COLUMNS)}。")
    value = value.strip()
    if column in SWITCHES:
        if value not in ("true", "false"):
            raise Refused(400, f"“{column}”只能是 true 或 false。")
        value = "" if value == "false" else value
    if column in item:
        if not value:
            if column in _REQUIRED and not (column == "本期" and item.get("公式")):
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


def _span(data: Any, lines: list[str], items: Any, index: int) -> tuple[int, int]:
    """第 ``index`` 个指标占的行：从“- 键:”那行起，不含末尾的空行和顶格的注释。"""
    start = int(_lc(items).item(index)[0])
    following = int(_lc(items).item(index + 1)[0]) if index + 1 < len(items) else \
        _next_key_line(data, "指标", len(lines))
    return start, _span_end(lines, start, following, int(_lc(items).item(index)[1]) - 2)


def _move(data: Any, lines: list[str], items: Any, index: int, step: int) -> str:
    other = index + step
    if not 0 <= other < len(items):
        raise Refused(400, "已经是第一个或最后一个指标，不能再移动。")
    if _flow(items[other]):
        raise Refused(422, "这一项指标写在一行里（花括号或方括号）。请在“源文件”里改成每个键一行的写法。")
    (a_start, a_end), (b_start, b_end) = sorted((_span(data, lines, items, index), _span(data, lines, items, other)))
    return "".join(lines[:a_start] + lines[b_start:b_end] + lines[a_end:b_start] + lines[a_start:a_end]
                   + lines[b_end:])


def _add(data: Any, lines: list[str], items: Any) -> str:
    # 名称和本期都写成空位（不写 0）：没填过的一行过不了检查，不会以 0 印进指标表
    row = f"- 键: 新指标\n{{pad}}  名称: {EDITOR_PLACEHOLDER}\n{{pad}}  本期: {EDITOR_PLACEHOLDER}\n"
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
