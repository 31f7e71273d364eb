"""gen import 留给办事员补写的空位：值正好是“请补写”的地方。

导入器找不到的内容（成文日期、没有标题时的单位和年度、原文缺少的部分、只有序号没有文字的小标题）
一律写成 ``请补写``，使导入的表单总能读入；生成或检查表单时，校验之前先把这些空位
带行号一次报全，说清楚要补写什么，而不是给出“日期格式不对”“至少要填写 1 项”这类难懂的话。
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import Diagnostic, FormError
from ..read.loader import LoadedForm
from ..read.located import locate, strings_where

PLACEHOLDER = "请补写"

# 各处要补写什么（按键路径的第一个键；其余键用通用说法）
_WHAT = {
    "日期": "成文日期，格式如 2025-01-07",
    "单位": "单位全称，如 贡觉县卫生健康委员会",
    "年度": "总结的年份，如 2024",
    "导语": "开头的导语（一两句概括全年工作）",
    "工作开展情况": "这一部分的内容",
    "存在的问题": "这一部分的内容",
    "下一步工作计划": "这一部分的内容",
}


def _is_placeholder(text: str) -> bool:
    return text.strip() == PLACEHOLDER


def _places(value: Any) -> Iterator[tuple[str | int, ...]]:
    for path, _ in strings_where(value, _is_placeholder):  # 不用递归：嵌套再深也不会栈溢出
        yield path


def _label(path: tuple[str | int, ...]) -> str:
    parts: list[str] = []
    for part in path:
        parts.append(f"第{part + 1}项" if isinstance(part, int) else str(part))
    return " ".join(parts)


def unfilled(loaded: LoadedForm) -> list[Diagnostic]:
    """表单里所有“请补写”的空位，每处一条带行列的错误。"""
    out: list[Diagnostic] = []
    for path in _places(loaded.data):
        line, column, _ = locate(loaded.data, path)
        first = str(path[0]) if path else ""
        what = _WHAT.get(first, "这里的文字") if len(path) <= 2 else "这里的文字"
        out.append(loaded.source.diagnostic(
            f"“{_label(path)}”还没有填写：这是 gen import 在原文里没有找到、留给你补写的地方。"
            f"请把“{PLACEHOLDER}”换成{what}。", line, column))
    return out


def require_filled(loaded: LoadedForm) -> None:
    """有空位时抛出 :class:`FormError`（全部空位一次报全）。"""
    problems = unfilled(loaded)
    if problems:
        raise FormError(problems)
