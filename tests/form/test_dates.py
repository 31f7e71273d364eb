"""表单的“日期”和 gen import 认报告末尾的日期用同一套规则（generator.form.dates）。"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import minimal_form

from generator.form.dates import clerk_date, iso_date
from generator.form.models import Form
from generator.importer.structure import parse_date

BASE = minimal_form(单位="某县卫生健康局", 年度=2025, 日期=None)


@pytest.mark.parametrize(("written", "expected"), [
    ("2026-01-09", "2026-01-09"),
    ("2026-1-9", "2026-01-09"),
    ("2026.1.9", "2026-01-09"),
    ("2026/01/09", "2026-01-09"),
    ("2026年1月9日", "2026-01-09"),
    ("2026 年 1 月 9 日", "2026-01-09"),
    ("2026年1月9", "2026-01-09"),        # 漏了“日”
    ("2026年1.9", "2026-01-09"),         # 混写
    ("２０２６年１月９日", "2026-01-09"),  # 全角数字
    ("2026年2月30日", None),              # 不存在的一天
    ("2026年13月1日", None),
    ("2026年1月", None),
    ("二〇二六年一月九日", None),          # 汉字数字：两边都不认，由办事员改写
    ("1月9日", None),
])
def test_form_and_import_agree(written: str, expected: str | None) -> None:
    assert iso_date(written) == expected
    assert parse_date(written) == expected
    data = dict(BASE, 日期=written)
    if expected is None:
        with pytest.raises(ValueError):
            Form.model_validate(data)
    else:
        assert Form.model_validate(data).date == dt.date.fromisoformat(expected)


def test_clerk_date_does_not_check_the_day() -> None:
    assert clerk_date("2026年2月30日") == (2026, 2, 30)
    assert clerk_date("明年") is None
