"""gen init --类型：空白表单按类型写好“类型”和这一类型要的键（季度、主题），年度和日期落在通常的成文时间里
（form/kinds.py 的 date_window，与 gen check 的 GEN502、GEN504 同一个）。工作计划、述职报告有自己的空白表单。"""

from __future__ import annotations

import datetime as dt

from ..form.kinds import date_window
from ..form.models import ReportKind
from ..form.periods import QUARTER_HINT, quarter_name

_ANNUAL_LINE = "\n类型: 年度工作总结\n"


def finished_quarter(today: dt.date) -> tuple[int, int]:
    """刚结束的季度（季度总结多在季度末之后写）：4 月 → 当年第一季度，1 月 → 上一年第四季度。"""
    quarter = (today.month - 1) // 3
    return (today.year, quarter) if quarter else (today.year - 1, 4)


def kind_period(kind: ReportKind, today: dt.date, year: int) -> tuple[int, dt.date, int | None]:
    """(年度, 建议的日期, 季度)：日期落在 gen check（GEN502、GEN504）认为通常的成文时间里。

    ``year`` 是总结的年度（下半年写当年的，上半年写上一年的）；季度总结写刚结束的季度，工作计划写下一年的。"""
    quarter = None
    if kind is ReportKind.QUARTER:
        year, quarter = finished_quarter(today)
    elif kind is ReportKind.PLAN:
        year += 1  # 下半年写明年的计划，年初写当年的
    start, end = date_window(kind.value, year, quarter)
    return year, min(max(today, start), end), quarter


def kind_lines(body: str, kind: ReportKind, year: int, quarter: int | None) -> str:
    """把空白表单的“类型: 年度工作总结”换成这一类型，并在后面加上它要的键。"""
    lines = f"\n类型: {kind.value}\n"
    if kind is ReportKind.QUARTER and quarter:
        lines += (f"\n# 哪个季度（必填）：{QUARTER_HINT}。"
                  f"标题自动生成为“某某县教育局{year}年{quarter_name(quarter)}工作总结”\n季度: {quarter}\n")
    elif kind is ReportKind.TOPIC:
        lines += ("\n# 专项工作总结的主题（必填），标题自动生成为“单位+年度+主题+工作总结”\n"
                  "主题: 请补写主题，如 爱国卫生运动\n")
    return body.replace(_ANNUAL_LINE, lines, 1)
