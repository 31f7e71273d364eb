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
