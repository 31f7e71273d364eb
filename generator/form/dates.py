"""日期的几种写法：表单（校验阶段）和导入（从报告末尾认日期）共用同一套规则。

办事员常写 2026-01-09、2026.1.9、2026/1/9、2026年1月9日，也会混写（2026年1.9）；
数字可以是全角。这里只认“年 月 日”三段都在的写法，并检查这一天是否存在。
"""

from __future__ import annotations

import datetime as dt
import re

ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_CLERK_DATE = re.compile(r"^(\d{4})\s*(?:[-./]|年)\s*(\d{1,2})\s*(?:[-./]|月)\s*(\d{1,2})\s*日?$")


def clerk_date(text: str) -> tuple[int, int, int] | None:
    """“2026.1.9”“2026/1/9”“2026年1月9日”“2026-01-09” → (年, 月, 日)；认不出时返回 None。

    不检查这一天是否存在（由调用方决定怎样报告）。
    """
    match = _CLERK_DATE.match(text.strip())
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    return year, month, day


def iso_date(text: str) -> str | None:
    """认得出且这一天存在时返回 2026-01-09 形式，否则 None。中间的空白不影响。"""
    parts = clerk_date(re.sub(r"\s+", "", text))
    if parts is None:
        return None
    try:
        return dt.date(*parts).isoformat()
    except ValueError:
        return None


def usual_window(year: int, half_year: bool) -> tuple[dt.date, dt.date]:
    """一份总结通常的成文日期：从总结期末起，年度总结到次年 3 月底，半年总结到当年 9 月底。

    ``gen check``（GEN504）按它提醒日期是不是填错了年份；``gen init`` 按它给出建议的日期。"""
    if half_year:
        return dt.date(year, 6, 30), dt.date(year, 9, 30)
    return dt.date(year, 12, 31), dt.date(year + 1, 3, 31)


def cn_day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
