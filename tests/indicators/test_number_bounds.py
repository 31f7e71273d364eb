"""数值的指数范围：1e-999999、1e+999999 之类只得到带行号的中文说明，不会让计算溢出。"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import VALID_FORM
from pydantic import ValidationError

from generator.indicators.figures import FigureError
from generator.indicators.filters import as_decimal
from generator.indicators.model import Indicator, bounded

TABLE_FORM = VALID_FORM.replace("年度: 2024\n", "年度: 2024\n指标表: true\n")


@pytest.mark.parametrize(("field", "form", "line"), [
    ("上期", VALID_FORM, 8),
    ("目标", VALID_FORM, 8),
    ("目标", TABLE_FORM.replace("全年体检{{体检人数}}。", "全年开展体检。"), 9),  # 只进指标表，正文不引用
])
def test_tiny_number_is_a_located_error(field: str, form: str, line: int, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = form.replace("    上期: 7593\n", f"    {field}: 1e-999999\n")
    path = form_file(text)
    result = gen("report", str(path), "-f", "docx,md")
    assert result.code == 1
    assert result.err.replace(str(path), "F") == (
        f"F:{line}:9: 错误：“指标 第1项 {field}”：{field}（1E-999999）的小数超过了 10 位，"
        "请检查是否写错；很小的数请换一个单位（如用“‰”代替“%”）。\n"
        f"        {field}: 1e-999999\n"
        f"              ^\n")
    assert not path.with_suffix(".docx").exists()


@pytest.mark.parametrize("text", ["1e-999999", "1E-11", "0.00000000001", "-1e-99999999999999"])
def test_too_many_places(text: str) -> None:
    with pytest.raises(ValidationError, match="小数超过了 10 位"):
        Indicator.model_validate({"键": "甲", "名称": "甲", "本期": text})


@pytest.mark.parametrize("text", ["1e15", "1E+999999", "1e+99999999999999", "-1000000000000000"])
def test_too_large(text: str) -> None:
    with pytest.raises(ValidationError, match="大得不合常理"):
        Indicator.model_validate({"键": "甲", "名称": "甲", "本期": text, "允许负数": True})


@pytest.mark.parametrize(("text", "value"), [
    ("0.0000000001", Decimal("0.0000000001")), ("999999999999999", Decimal("999999999999999")),
    ("1.50000000000000000000", Decimal("1.5")), ("0e-999999", Decimal(0)), ("-0.0", Decimal(0)),
    ("12345.6789", Decimal("12345.6789")),
])
def test_ordinary_numbers_pass(text: str, value: Decimal) -> None:
    assert bounded(Decimal(text), "本期", text) == value


def test_template_numbers_are_bounded_too() -> None:
    with pytest.raises(FigureError, match="小数超过了 10 位"):
        as_decimal("1e-999999")
    assert as_decimal("2.5") == Decimal("2.5")
