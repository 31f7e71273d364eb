"""派生数字：种子报告里算错的四处、措辞的性质测试、指标校验、引用与表格。"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from generator.api import build_report_from_data, render_markdown
from generator.errors import FormError
from generator.figures import (
    Figure,
    FigureError,
    change_wording,
    completion_wording,
    format_number,
    growth_wording,
    to_yuan_unit,
)
from generator.indicators import Indicator


def indicator(**fields: Any) -> Indicator:
    data = {"键": "甲", "名称": "甲指标", "本期": 1}
    data.update(fields)
    return Indicator.model_validate(data)


# ---------------------------------------------------------------- 种子 000 里的四处错误


@pytest.mark.parametrize("current,previous,unit,expected", [
    ("82", "47", "人", "增长74.47%"),          # 原文写成 57.31%（47/82）
    ("15719", "7593", "人", "增长107.02%"),    # 原文写成 48.3%
    ("969", "556", "人", "增长74.28%"),        # 原文写成 57.37%
    ("88.64", "72.62", "%", "提高16.02个百分点"),  # 原文写成“增长16.02%”
])
def test_seed_000_cases(current: str, previous: str, unit: str, expected: str) -> None:
    fig = Figure.from_indicator(indicator(本期=current, 上期=previous, 单位=unit))
    assert fig.同比 == expected


def test_values_and_changes() -> None:
    fig = Figure.from_indicator(indicator(本期=15719, 上期=7593, 单位="人"))
    assert (str(fig), fig.本期, fig.上期, fig.增减) == ("15719人", "15719人", "7593人", "增加8126人")
    assert Figure.from_indicator(indicator(本期=38, 上期=40, 单位="人")).增减 == "减少2人"
    assert Figure.from_indicator(indicator(本期="88.64", 上期="72.62", 单位="%")).增减 == "提高16.02个百分点"
    assert Figure.from_indicator(indicator(本期="2.50", 单位="万元")).本期 == "2.5万元"
    assert Figure.from_indicator(indicator(本期=5, 上期=5, 单位="次")).同比 == "持平"


def test_completion() -> None:
    assert completion_wording(Decimal("96.5"), Decimal(100)) == "完成年度目标任务的96.5%"
    assert completion_wording(Decimal(1083), Decimal(1000)) == "超额完成年度目标任务（完成率108.3%）"
    assert completion_wording(Decimal(2500), Decimal(2500)) == "完成年度目标任务的100%"
    rate = Figure.from_indicator(indicator(本期="88.64", 目标=90, 单位="%"))
    assert rate.完成率 == "完成年度目标任务的98.49%"
    assert rate.目标 == "90%"


def test_money_units() -> None:
    assert Figure.from_indicator(indicator(本期=567900, 单位="元")).万元 == "56.79万元"
    assert Figure.from_indicator(indicator(本期=345000000, 单位="元")).亿元 == "3.45亿元"
    assert Figure.from_indicator(indicator(本期=34500, 单位="万元")).亿元 == "3.45亿元"
    with pytest.raises(FigureError, match="不是金额"):
        to_yuan_unit(Decimal(1), "人", "万元", key="甲")


def test_missing_previous_or_zero_is_a_clear_error() -> None:
    with pytest.raises(FigureError, match="没有填写“上期”"):
        _ = Figure.from_indicator(indicator(本期=3)).同比
    with pytest.raises(FigureError, match="上期数是 0，无法计算同比增长率"):
        _ = Figure.from_indicator(indicator(本期=3, 上期=0)).同比
    assert Figure.from_indicator(indicator(本期=3, 上期=0, 单位="人")).增减 == "增加3人"
    with pytest.raises(FigureError, match="没有填写“目标”"):
        _ = Figure.from_indicator(indicator(本期=3)).完成率


def test_sentence_template() -> None:
    fig = Figure.from_indicator(indicator(本期=15719, 上期=7593, 单位="人",
                                          表述="共计体检{{本期}}，较去年{{上期}}{{同比}}"))
    assert fig.表述 == "共计体检15719人，较去年7593人增长107.02%"


# ---------------------------------------------------------------- 性质测试

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=2,
                      allow_nan=False, allow_infinity=False)
rates = st.decimals(min_value=Decimal(0), max_value=Decimal(100), places=2,
                    allow_nan=False, allow_infinity=False)


def reference_rate(current: Decimal, previous: Decimal, places: int) -> Decimal:
    return ((current - previous) / previous * 100).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


@given(amounts, amounts, st.integers(min_value=0, max_value=4))
def test_growth_verb_agrees_with_data(current: Decimal, previous: Decimal, places: int) -> None:
    text = growth_wording(current, previous, unit="人", places=places)
    expected = reference_rate(current, previous, places)
    if expected == 0:
        assert text == "持平"
    else:
        verb = "增长" if expected > 0 else "下降"
        assert text == f"{verb}{format_number(abs(expected), places)}%"
        assert (current > previous) == (verb == "增长")
    assert "-" not in text and "inf" not in text.lower() and "nan" not in text.lower()
    assert "," not in text and "E" not in text


@given(rates, rates)
def test_rates_never_get_percent_growth(current: Decimal, previous: Decimal) -> None:
    text = growth_wording(current, previous, unit="%", places=2)
    assert text == "持平" or text.endswith("个百分点")
    assert not re.search(r"(增长|下降)[\d.]+%$", text)
    if text != "持平":
        number = Decimal(re.sub(r"[^\d.]", "", text))
        assert number == abs(current - previous).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert text.startswith("提高") == (current > previous)


@given(st.decimals(min_value=Decimal("-1e6"), max_value=Decimal("1e6"), allow_nan=False,
                   allow_infinity=False), st.integers(min_value=0, max_value=6))
def test_format_number_is_half_up_and_clean(value: Decimal, places: int) -> None:
    text = format_number(value, places)
    reference = value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    assert Decimal(text) == reference
    assert text != "-0"
    if "." in text:
        assert not text.endswith("0")
    assert "E" not in text and "," not in text


def test_half_up_not_bankers_and_no_float_artefacts() -> None:
    assert format_number(Decimal("2.345"), 2) == "2.35"
    assert format_number(Decimal("2.5"), 0) == "3"
    assert format_number(Decimal("16.0199999"), 2) == "16.02"
    assert growth_wording(Decimal("88.64"), Decimal("72.62"), unit="%") == "提高16.02个百分点"
    assert growth_wording(Decimal(150), Decimal(100), unit="人") == "增长50%"


@given(amounts)
def test_zero_previous_never_divides(current: Decimal) -> None:
    with pytest.raises(FigureError):
        growth_wording(current, Decimal(0), unit="人")
    assert change_wording(current, Decimal(0), unit="人").startswith("增加")


# ---------------------------------------------------------------- 指标校验


@pytest.mark.parametrize("fields,message", [
    ({"本期": 105, "单位": "%"}, "本期 105% 超过了 100%。如果确实如此，请在这个指标里加上“允许超过100: true”"),
    ({"本期": 1200, "单位": "‰"}, "超过了 1000‰"),
    ({"本期": -3, "单位": "人"}, "本期是负数（-3）"),
    ({"本期": "xx"}, "还没有填写数字（现在是“xx”），请填上实际数值"),
    ({"本期": "××"}, "还没有填写数字"),
    ({"本期": "八十二"}, "要填数字，现在填的是“八十二”"),
    ({"本期": "88.64%"}, "百分号写在“单位”里"),
    ({"本期": True}, "不能填 true/false"),
    ({"键": "体检 人数"}, "不能作为键"),
    ({"键": "体检.同比"}, "不能作为键"),
])
def test_indicator_validation(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        indicator(**fields)
    assert message in str(excinfo.value)


def test_indicator_flags_allow_unusual_values() -> None:
    assert indicator(本期=105, 单位="%", 允许超过100=True).current == Decimal(105)
    assert indicator(本期=-3, 允许负数=True).current == Decimal(-3)


# ---------------------------------------------------------------- 在表单里


def form(text: str, **indicator_fields: Any) -> dict[str, Any]:
    ind = {"键": "体检人数", "名称": "城乡居民健康体检人数", "本期": 15719, "上期": 7593, "单位": "人"}
    ind.update(indicator_fields)
    return {
        "单位": "贡觉县卫生健康委员会", "年度": 2024, "导语": "总述。", "指标": [ind],
        "工作开展情况": [{"标题": "体检", "内容": text}],
        "存在的问题": ["问题"], "下一步工作计划": [{"标题": "计划"}], "日期": "2025-01-07",
    }


def test_references_render_in_markdown_and_docx() -> None:
    report = build_report_from_data(form("全年体检{{体检人数}}，比上年{{体检人数.上期}}{{体检人数.同比}}。"))
    sentence = "全年体检15719人，比上年7593人增长107.02%。"
    assert sentence in report.markdown()
    import io

    import docx

    word = docx.Document(io.BytesIO(report.docx()))
    assert any(sentence in p.text for p in word.paragraphs)


def test_referencing_missing_previous_is_located_error() -> None:
    with pytest.raises(FormError) as excinfo:
        render_markdown(form("增长{{体检人数.同比}}。", 上期=None))
    diagnostic = excinfo.value.diagnostics[0]
    assert diagnostic.message == "指标“体检人数”没有填写“上期”，无法引用。请在指标里补上“上期”。"
    assert diagnostic.line is not None and "体检人数.同比" in (diagnostic.source_line or "")


def test_unknown_attribute_lists_the_available_ones() -> None:
    with pytest.raises(FormError) as excinfo:
        render_markdown(form("{{体检人数.环比}}"))
    message = excinfo.value.diagnostics[0].message
    assert message.startswith("指标“体检人数”没有“环比”这一项。可以用：")
    for name in ("同比", "增减", "完成率", "上期", "万元", "表述"):
        assert name in message


def test_indicator_table_section() -> None:
    data = form("体检{{体检人数}}。", 目标=16000)
    data["指标表"] = True
    markdown = render_markdown(data)
    assert "## 二、主要指标完成情况" in markdown
    assert "| 指标 | 单位 | 本期 | 上期 | 同比 | 目标 | 完成情况 |" in markdown
    assert "| 城乡居民健康体检人数 | 人 | 15719 | 7593 | 增长107.02% | 16000 | 完成年度目标任务的98.24% |" in markdown
    assert "## 三、存在的问题" in markdown
