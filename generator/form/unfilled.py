"""留给办事员补写的空位：值正好是“请补写”（gen import 留下的）或“请补写（新添）”（编辑页面上新添的）的地方。

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
# gen edit 页面上新添一项（事项、计划、问题、指标）时写的空位，包括没有填过的数字（指标的本期）：
# 与 gen import 的空位分开，检查时说清楚是谁留下的
EDITOR_PLACEHOLDER = "请补写（新添）"

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
_INDICATOR_WHAT = {"名称": "指标的全称，如 全年体检人数", "本期": "本期的数值（只写数字，如 1250）",
                   "上期": "上期的数值（只写数字）", "目标": "目标值（只写数字）", "键": "正文里引用时用的简称"}


def _is_placeholder(text: str) -> bool:
    return text.strip() in (PLACEHOLDER, EDITOR_PLACEHOLDER)


def _places(value: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for path, text in strings_where(value, _is_placeholder):  # 不用递归：嵌套再深也不会栈溢出
        yield path, text.strip()


def _label(path: tuple[str | int, ...]) -> str:
    parts: list[str] = []
    for part in path:
        parts.append(f"第{part + 1}项" if isinstance(part, int) else str(part))
    return " ".join(parts)


def unfilled(loaded: LoadedForm) -> list[Diagnostic]:
    """表单里所有“请补写”的空位，每处一条带行列的错误。"""
    out: list[Diagnostic] = []
    for path, text in _places(loaded.data):
        line, column, _ = locate(loaded.data, path)
        first = str(path[0]) if path else ""
        what = _WHAT.get(first, "这里的文字") if len(path) <= 2 else "这里的文字"
        if first == "指标" and len(path) == 3:
            what = _INDICATOR_WHAT.get(str(path[2]), what)
        who = ("在编辑页面上新添时留下的空位" if text == EDITOR_PLACEHOLDER
               else " gen import 在原文里没有找到、留给你补写的地方")
        out.append(loaded.source.diagnostic(
            f"“{_label(path)}”还没有填写：这是{who}。请把“{text}”换成{what}。", line, column))
    return out


def require_filled(loaded: LoadedForm) -> None:
    """有空位时抛出 :class:`FormError`（全部空位一次报全）。"""
    problems = unfilled(loaded)
    if problems:
        raise FormError(problems)
