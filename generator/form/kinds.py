"""各类型的部分：哪些键必填、哪些键不能写，成文日期通常在什么时候，内置模板里各部分的名称。

工作总结（年度、半年、总结和计划、专项）都有“工作开展情况”“存在的问题”“下一步工作计划”三部分。
工作计划和述职报告沿用这几个键，换了名称（见 README“怎么填表”和 docs/templates.md）：

- 工作计划：一、总体要求（``总体要求``，可选）二、主要任务（``下一步工作计划``）三、保障措施（``保障措施``，可选）；
  没有“工作开展情况”“存在的问题”“基本情况”。``年度`` 是计划的年份。
- 述职报告：一、加强学习（``学习``）二、履职尽责（``工作开展情况``）三、廉洁自律（``廉洁``）
  四、存在的不足（``存在的问题``）五、下一步打算（``下一步工作计划``）；要写 ``述职人``，可写 ``职务``。
- 专项工作总结要写 ``主题``，季度工作总结要写 ``季度``（季度的写法和期末见 form/periods.py）。

这里只用类型的中文值（``ReportKind`` 在 models.py，它导入本模块）。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic_core import PydanticCustomError

from ..errors import brief
from .dates import usual_window
from .periods import QUARTER_HINT, parse_quarter, quarter_end, quarter_name, quarter_window

PLAN, DEBRIEF = "工作计划", "述职报告"
TOPIC, QUARTER, HALF_YEAR = "专项工作总结", "季度工作总结", "半年工作总结"
SUMMARY_PARTS = ("工作开展情况", "存在的问题", "下一步工作计划")

# 必填的部分（没写或写成空的都算缺）
REQUIRED: dict[str, tuple[str, ...]] = {
    PLAN: ("下一步工作计划",),
    DEBRIEF: ("述职人", "学习", "工作开展情况", "廉洁", "存在的问题", "下一步工作计划"),
}
# 这一类型没有的部分
NOT_IN: dict[str, tuple[str, ...]] = {
    PLAN: ("基本情况", "工作开展情况", "存在的问题"),
    DEBRIEF: ("基本情况",),
}
# 只有某一类型才有的键
ONLY_FOR: dict[str, str] = {"总体要求": PLAN, "保障措施": PLAN,
                            "述职人": DEBRIEF, "职务": DEBRIEF, "学习": DEBRIEF, "廉洁": DEBRIEF}

# 内置模板里各部分的名称（templates/report/工作计划.md.j2、述职报告.md.j2 与此相同；编辑页的标题也用它）
SECTION_NAMES: dict[str, dict[str, str]] = {
    PLAN: {"总体要求": "总体要求", "下一步工作计划": "主要任务", "保障措施": "保障措施"},
    DEBRIEF: {"学习": "加强学习，提高政治素质", "工作开展情况": "履职尽责，推动工作落实",
              "廉洁": "严守纪律，廉洁自律", "存在的问题": "存在的不足", "下一步工作计划": "下一步打算"},
}

_EXAMPLES = {
    "述职人": "述职人的姓名，如 述职人: 张明",
    "学习": "“一、加强学习，提高政治素质”的正文",
    "廉洁": "“三、严守纪律，廉洁自律”的正文",
    "工作开展情况": "履职尽责的各项工作，每项一个“标题”",
    "存在的问题": "存在的不足，每条一项",
    "下一步工作计划": "每项一个“标题”",
}
_NOT_IN_HINTS = {
    (PLAN, "工作开展情况"): "主要任务写在“下一步工作计划”下面；要同时总结上一年的工作，把“类型”改为 工作总结和工作计划",
    (PLAN, "存在的问题"): "要同时总结上一年的工作和问题，把“类型”改为 工作总结和工作计划",
    (PLAN, "基本情况"): "形势和目标写在“总体要求”里",
    (DEBRIEF, "基本情况"): "任职的基本情况写在“导语”里",
}


def _blank(value: Any) -> bool:
    """没写内容（写了空的列表：“至少要填写 1 项”）。"""
    return value is None or (isinstance(value, str) and not value.strip())


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list)) and not (value.strip() if isinstance(value, str)
                                                                      else value))


def kind_problems(kind: str, written: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """表单的部分与类型不符的地方：(键, “缺少”“空”或“多余”, 说明)。``written`` 是表单里写了的键（中文）和值。"""
    out: list[tuple[str, str, str]] = []
    required = REQUIRED.get(kind, SUMMARY_PARTS)
    # 缺少的必填部分合成一条（都指向“类型”一行，同一处只报一条）
    missing = [key for key in required if key not in written or (kind in REQUIRED and _blank(written[key]))]
    names = "".join(f"“{key}”" for key in missing)
    if missing and kind not in REQUIRED:  # 工作总结：与原来一样，是缺少必填项
        out.append((missing[0], "缺少", f"表单里缺少必填项{names}，请补上"))
    elif len(missing) == 1:
        out.append((missing[0], "缺少", f"类型是{kind}时要写{names}（{_EXAMPLES[missing[0]]}），请补上"))
    elif missing:
        hints = "；".join(f"{key}：{_EXAMPLES[key]}" for key in missing)
        out.append((missing[0], "缺少", f"类型是{kind}时要写{names}，请补上（{hints}）"))
    for key in required:
        if key not in missing and isinstance(written.get(key), list) and not written[key]:
            out.append((key, "空", f"“{key}”至少要填写 1 项"))
    for key in NOT_IN.get(kind, ()):
        if key in written and not _empty(written[key]):
            hint = _NOT_IN_HINTS.get((kind, key), "")
            out.append((key, "多余", f"{kind}没有“{key}”这一部分：{hint}；或删掉“{key}”"))
    for key, owner in ONLY_FOR.items():
        if owner != kind and key in written and not _empty(written[key]):
            out.append((key, "多余", f"只有{owner}才写“{key}”：请把“类型”改为 {owner}，或删掉“{key}”"))
    return out


def raise_kind_problems(kind: str, written: Mapping[str, Any]) -> None:
    """有不符的地方时抛出一个 ``kind_parts`` 错误（form/validate.py 把每一条分别带位置报出）。"""
    problems = kind_problems(kind, written)
    if problems:
        raise PydanticCustomError("kind_parts", "{first}", {"first": problems[0][2], "problems": problems})


def topic_value(value: str | None, kind: str | None) -> str | None:
    """“主题”只属于专项工作总结，专项工作总结必须写（``kind`` 为 None：类型写错了，由类型报告）。"""
    if kind == TOPIC and not (value and value.strip()):
        raise ValueError("类型是专项工作总结时要写“主题”，如 主题: 爱国卫生运动")
    if value and kind is not None and kind != TOPIC:
        raise ValueError("只有专项工作总结才写“主题”：请把“类型”改为 专项工作总结，或删掉“主题”")
    return value


def quarter_value(value: Any, kind: str | None) -> int | None:
    """“季度”的值（1 到 4，也认“第一季度”“Q1”……）；只属于季度工作总结，季度工作总结必须写。"""
    quarter = parse_quarter(value)
    if value is not None and quarter is None:
        shown = str(value).lower() if isinstance(value, bool) else brief(value)
        raise ValueError(f"现在填的是“{shown}”，{QUARTER_HINT}")
    if kind == QUARTER and quarter is None:
        raise ValueError(f"类型是季度工作总结时要写“季度”：{QUARTER_HINT}，如 季度: 1")
    if quarter is not None and kind is not None and kind != QUARTER:
        raise ValueError("只有季度工作总结才写“季度”：请把“类型”改为 季度工作总结，或删掉“季度”")
    return quarter


def raise_missing_key(kind: str, topic: str | None, quarter: int | None) -> None:
    """这一类型要的键（主题、季度）一个也没写时：``kind_needs_key`` 错误，form/validate.py 指到“类型”那一行。"""
    if kind == QUARTER and quarter is None:
        raise PydanticCustomError("kind_needs_key", "{message}", {
            "message": "表单里缺少“季度”：类型是季度工作总结时要写是哪个季度，如 季度: 1（即第一季度）"})
    if kind == TOPIC and topic is None:
        raise PydanticCustomError("kind_needs_key", "{message}", {
            "message": "表单里缺少“主题”：类型是专项工作总结时要写主题，如 主题: 爱国卫生运动"})


def period_end(kind: str, year: int, quarter: int | None = None) -> dt.date:
    """总结期末（GEN502）：季度的最后一天、6 月 30 日或 12 月 31 日。"""
    if kind == QUARTER and quarter:
        return quarter_end(year, quarter)
    return dt.date(year, 6, 30) if kind == HALF_YEAR else dt.date(year, 12, 31)


def period_name(kind: str, quarter: int | None = None) -> str:
    """GEN504 的说明里这一类型的名称：季度总结写出是哪个季度（“第一季度工作总结”）。"""
    return f"{quarter_name(quarter)}工作总结" if kind == QUARTER and quarter else kind


def date_window(kind: str, year: int, quarter: int | None = None) -> tuple[dt.date, dt.date]:
    """这一类型通常的成文日期（gen check 的 GEN502、GEN504；gen init 按它给出建议的日期）。

    总结从期末起：年度（以及总结和计划、专项）到次年 3 月底，半年到当年 9 月底，季度到下一个月的月底
    （第四季度到次年 1 月底）；工作计划在计划年度之前的 10 月到计划年度的 3 月底；述职报告在年末的 11 月到
    次年 3 月底。"""
    if kind == PLAN:
        return dt.date(year - 1, 10, 1), dt.date(year, 3, 31)
    if kind == DEBRIEF:
        return dt.date(year, 11, 1), dt.date(year + 1, 3, 31)
    if kind == QUARTER and quarter:
        return quarter_window(year, quarter)
    return usual_window(year, kind == HALF_YEAR)
