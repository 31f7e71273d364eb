"""季度工作总结的“季度”：写法、名称、期末和通常的成文时间。

表单（校验）、检查（GEN502/GEN504）、导入（从标题认季度）、gen edit（一级标题的名称）共用这里的规则。
办事员会写 ``1``、``"1"``、``第一季度``、``一季度``、``第1季度``、``Q1``；都认作 1。
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

QUARTER_NAMES = ("一", "二", "三", "四")
QUARTER_HINT = "写 1 到 4 的数字，或 第一季度、第二季度、第三季度、第四季度"
_QUARTER_TEXT = re.compile(r"^(?:第\s*)?([1-4１-４一二三四])\s*(?:季度?)?$|^[Qq]\s*([1-4])$")
_FULL_WIDTH = str.maketrans("１２３４", "1234")
# 标题里的一个季度：“第一季度”“一季度”“第1季度”；“前三季度”“三、四季度”跨了几个季度，不算
QUARTER_IN_TITLE = re.compile(r"(?<![前后头一二三四1-4１-４、，,和及至到\-—～~])第?([一二三四1-4１-４])季度")
_SPAN = re.compile(r"前[一二三两1-3]季度|[一二三1-3][、，,和及至到\-—～~]第?[二三四2-4]季度")


def parse_quarter(value: Any) -> int | None:
    """表单里“季度”的值 → 1 到 4；认不出（或超出 1 到 4）时返回 None。"""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= 4 else None
    if not isinstance(value, str):
        return None
    match = _QUARTER_TEXT.match(re.sub(r"\s+", "", value))
    if match is None:
        return None
    mark = (match.group(1) or match.group(2)).translate(_FULL_WIDTH)
    return QUARTER_NAMES.index(mark) + 1 if mark in QUARTER_NAMES else int(mark)


def title_quarter(compact: str) -> int | None:
    """标题里的季度（“第一季度”“一季度”“第1季度”）；“前三季度”“三、四季度”这样跨几个季度的为 None。

    只看“总结”之前：“第一季度工作总结和第二季度工作计划”总结的是第一季度，
    “2024年工作总结暨2025年第一季度工作计划”不是季度总结。"""
    summary = compact.find("总结")
    if summary >= 0:
        compact = compact[:summary]
    if _SPAN.search(compact):
        return None
    first = QUARTER_IN_TITLE.search(compact)
    return parse_quarter(first.group(1)) if first else None


def quarter_name(quarter: int) -> str:
    """3 → “第三季度”。"""
    return f"第{QUARTER_NAMES[quarter - 1]}季度"


def next_quarter_name(year: int, quarter: int) -> str:
    """下一个季度的名称：第一至第三季度 → “第二季度”……；第四季度 → “2025年第一季度”（跨年写上年份）。"""
    if quarter == 4:
        return f"{year + 1}年{quarter_name(1)}"
    return quarter_name(quarter + 1)


def quarter_headings(year: int, quarter: int) -> tuple[str, str]:
    """季度工作总结两串事项的一级标题（templates/report/季度工作总结.md.j2 用同样的写法）。"""
    return f"{quarter_name(quarter)}工作开展情况", f"{next_quarter_name(year, quarter)}工作计划"


def quarter_end(year: int, quarter: int) -> dt.date:
    """季度的最后一天：第一季度 → 3 月 31 日。"""
    month = quarter * 3
    return dt.date(year, month, 30 if month in (6, 9) else 31)


def quarter_window(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """季度总结通常的成文日期：从季度末到下一个月的月底（第四季度到次年 1 月 31 日）。"""
    end = quarter_end(year, quarter)
    following = end + dt.timedelta(days=1)
    last = (following.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return end, last


def quarter_schema(schema: dict[str, Any]) -> None:
    """JSON Schema：季度可以写 1 到 4，也可以写“第一季度”“一季度”“第1季度”“Q1”。"""
    schema.pop("anyOf", None)
    schema["anyOf"] = [{"type": "integer", "minimum": 1, "maximum": 4},
                       {"type": "string", "pattern": r"^\s*(第?\s*[1-4１-４一二三四]\s*(季度?)?|[Qq]\s*[1-4])\s*$"}]
