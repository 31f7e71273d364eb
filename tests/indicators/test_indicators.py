"""指标的表单校验：数值的读入、占位符、率与负数的合理性、键与表述；所有提示都是中文。"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from generator.api import build_report_from_data
from generator.errors import FormError
from generator.indicators.model import Indicator, is_rate, parse_number


def indicator(**fields: Any) -> Indicator:
    data: dict[str, Any] = {"键": "甲", "名称": "甲指标", "本期": 1}
    data.update(fields)
    return Indicator.model_validate(data)


def messages(**fields: Any) -> list[str]:
    """校验失败时 pydantic 各条错误的消息（去掉“Value error, ”前缀）。"""
    with pytest.raises(ValidationError) as excinfo:
        indicator(**fields)
    return [str(e["msg"]).removeprefix("Value error, ") for e in excinfo.value.errors()]


def only_message(**fields: Any) -> str:
    found = messages(**fields)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- 数值的读入


@pytest.mark.parametrize("raw,expected", [
    (15719, Decimal(15719)),                      # YAML 整数
    (Decimal("88.64"), Decimal("88.64")),         # YAML 小数（加载器给 Decimal）
    ("88.64", Decimal("88.64")),
    (" 82 ", Decimal(82)),
    ("15,719", Decimal(15719)),                   # 分组正确的千位分隔符可以去掉
    ("1,234,567.5", Decimal("1234567.5")),
    ("８２", Decimal(82)),                         # 全角数字
    (88.64, Decimal("88.64")),                    # float 经 str 转换，没有二进制误差
    (0.1, Decimal("0.1")),
    ("2.50", Decimal("2.50")),
])
def test_numbers_are_read_exactly(raw: Any, expected: Decimal) -> None:
    value = indicator(本期=raw).current
    assert value == expected and isinstance(value, Decimal)
    assert str(value) == str(expected)          # 连小数位也不变


def test_float_goes_through_str() -> None:
    assert indicator(本期=88.64).current.as_tuple() == Decimal("88.64").as_tuple()
    current = indicator(本期=72.62, 单位="%").current
    assert current == Decimal("72.62") and current != Decimal.from_float(72.62)   # 不是 72.6199999999999…


@pytest.mark.parametrize("label", ["本期", "上期", "目标"])
@pytest.mark.parametrize("raw", ["xx", "XX", "××", "XX.XX", "xx%", "x,xxx", "○○", "某某"])
def test_placeholders_say_fill_in_a_number(label: str, raw: str) -> None:
    fields: dict[str, Any] = {label: raw}
    assert only_message(**fields) == f"{label}必须是数字，现在还是占位符“{raw}”，请填上实际数值"


@pytest.mark.parametrize("raw,message", [
    ("八十二", "本期要填数字，现在填的是“八十二”"),
    ("88.64%", "本期只写数字，百分号写在“单位”里（单位: %）"),
    ("82人", "本期只写数字，“人”请写在“单位”里"),
    ("1,2", "本期要填数字，现在填的是“1,2”"),        # 不是千位分组，不能悄悄读成 12
    ("", "本期不能空着，要填一个数字"),
    (None, "本期不能空着，要填一个数字"),
    (True, "本期要填数字，不能填 true/false"),
    (False, "本期要填数字，不能填 true/false"),
    ([1, 2], "本期要填一个数字，现在填的是一组内容（列表或“键: 值”）"),
    (Decimal("NaN"), "本期要填一个普通的数字（现在是“NaN”）"),
    (float("inf"), "本期要填一个普通的数字（现在是“inf”）"),
    ("Infinity", "本期要填一个普通的数字（现在是“Infinity”）"),
])
def test_bad_numbers(raw: Any, message: str) -> None:
    assert only_message(本期=raw) == message


def test_bad_previous_and_target_name_themselves() -> None:
    assert only_message(上期=True) == "上期要填数字，不能填 true/false"
    assert only_message(目标="九十") == "目标要填数字，现在填的是“九十”"
    assert indicator(上期=None, 目标=None).previous is None   # 上期、目标可以不填


def test_absurdly_large_numbers_are_rejected() -> None:
    assert "大得不合常理" in only_message(本期="1e30")
    assert indicator(本期="999999999999999", 单位="元").current == Decimal("999999999999999")


def test_precision_and_sentence() -> None:
    assert indicator().precision == 2
    assert indicator(小数位=1).precision == 1
    assert only_message(小数位=True) == "小数位要填 0 到 6 的整数，不能填 true/false"
    ind = indicator(表述="共计体检{{本期}}，较去年{{上期}}{{同比}}")
    assert ind.sentence == "共计体检{{本期}}，较去年{{上期}}{{同比}}"
    assert only_message(表述="   ") == "表述不能是空的；不需要固定表述时，删掉“表述”这一行"
    assert indicator().sentence is None


# ---------------------------------------------------------------- 率与负数


def test_rate_over_100_rejected_with_chinese_message() -> None:
    assert only_message(本期=105, 单位="%") == (
        "本期 105% 超过了 100%。如果确实如此，请在这个指标里加上“允许超过100: true”")
    assert "上期 100.5% 超过了 100%" in only_message(本期=90, 上期="100.5", 单位="%")
    assert "目标 120％ 超过了 100％" in only_message(本期=90, 目标=120, 单位="％")
    assert "本期 1200‰ 超过了 1000‰" in only_message(本期=1200, 单位="‰")


def test_rate_limits_are_inclusive_and_flag_allows_more() -> None:
    assert indicator(本期=100, 单位="%").current == 100
    assert indicator(本期=1000, 单位="‰").current == 1000
    assert indicator(本期=150, 单位="人").current == 150            # 不是率，不受限制
    assert indicator(本期=105, 单位="%", 允许超过100=True).current == Decimal(105)
    assert indicator(本期=1200, 上期=1100, 单位="‰", 允许超过100=True).previous == Decimal(1100)


@pytest.mark.parametrize("label", ["本期", "上期", "目标"])
def test_negative_rejected_unless_allowed(label: str) -> None:
    fields: dict[str, Any] = {label: -3, "单位": "万元"}
    assert only_message(**fields) == f"{label}是负数（-3）。如果确实为负，请在这个指标里加上“允许负数: true”"
    assert indicator(允许负数=True, **fields).model_dump()[{"本期": "current", "上期": "previous",
                                                           "目标": "target"}[label]] == Decimal(-3)


def test_negative_with_full_width_minus_and_flags_are_independent() -> None:
    assert indicator(本期="－3", 允许负数=True).current == Decimal(-3)
    assert "超过了 100%" in only_message(本期=105, 单位="%", 允许负数=True)
    assert "负数" in only_message(本期=-1, 单位="%", 允许超过100=True)


def test_is_rate() -> None:
    assert is_rate("%") and is_rate("％") and is_rate("‰") and is_rate(" % ")
    assert not is_rate("人") and not is_rate("个百分点") and not is_rate("")


# ---------------------------------------------------------------- 键与名称


@pytest.mark.parametrize("key", ["体检人数", "HPV疫苗接种", "_甲", "指标1", "x"])
def test_good_keys(key: str) -> None:
    assert indicator(键=key).key == key


@pytest.mark.parametrize("key,message", [
    ("体检 人数", "“体检 人数”不能作为键：键里只能有汉字、字母、数字和下划线，不能有空格、点或标点，也不能以数字开头"),
    ("体检.同比", "“体检.同比”不能作为键"),
    ("1号", "“1号”不能作为键"),
    ("体检-人数", "“体检-人数”不能作为键"),
    ("体检人数（人）", "不能作为键"),
    ("", "键不能为空，请填一个简称，如 体检人数"),
    ("true", "“true”是模板里的保留字，不能作为键，请换一个（如用汉字简称）"),
    ("None", "是模板里的保留字"),
    ("not", "是模板里的保留字"),
    ("甲" * 31, "太长了（31 个字），最多 30 个字"),
    (12, "键要写成一个词，如 体检人数"),
])
def test_bad_keys(key: Any, message: str) -> None:
    assert message in only_message(键=key)


def test_name_required_in_chinese() -> None:
    assert only_message(名称="  ") == "名称不能为空，请填写指标全称，如 城乡居民健康体检人数"


BAD_INPUTS: list[dict[str, Any]] = [
    {"本期": "xx"}, {"本期": None}, {"本期": Decimal("NaN")}, {"本期": [1]}, {"本期": True},
    {"上期": "××"}, {"目标": "abc"}, {"小数位": True}, {"表述": " "}, {"键": ""}, {"键": "a b"},
    {"键": "甲" * 40}, {"名称": ""}, {"本期": 101, "单位": "%"}, {"本期": -1},
]


@pytest.mark.parametrize("fields", BAD_INPUTS)
def test_every_message_is_chinese(fields: dict[str, Any]) -> None:
    for message in messages(**fields):
        assert re.search(r"[\u4e00-\u9fff]", message), message
        assert "should" not in message and "Input" not in message, message


# ---------------------------------------------------------------- 性质：合法数值原样保留


@given(st.decimals(min_value=Decimal(0), max_value=Decimal("1e12"), places=4,
                   allow_nan=False, allow_infinity=False))
def test_valid_numbers_round_trip(value: Decimal) -> None:
    for raw in (value, str(value)):
        assert indicator(本期=raw, 上期=raw, 单位="元").current == value


@given(st.text(alphabet="xX×某○_.,", min_size=1, max_size=6).filter(lambda t: re.search(r"[xX×某○_]", t)),
       st.sampled_from(["", "%", "‰"]))
def test_any_placeholder_is_called_a_placeholder(body: str, percent: str) -> None:
    raw = body + percent
    with pytest.raises(ValueError, match="必须是数字，现在还是占位符"):
        parse_number(raw, "本期")


# ---------------------------------------------------------------- 在表单里：带位置的中文诊断


def test_placeholder_in_form_is_located() -> None:
    data = {
        "单位": "贡觉县卫生健康委员会", "年度": 2024, "导语": "总述。",
        "指标": [{"键": "体检人数", "名称": "城乡居民健康体检人数", "本期": "xx", "单位": "人"}],
        "工作开展情况": [{"标题": "体检", "内容": "体检{{体检人数}}。"}],
        "存在的问题": ["问题"], "下一步工作计划": [{"标题": "计划"}], "日期": "2025-01-07",
    }
    with pytest.raises(FormError) as excinfo:
        build_report_from_data(data)
    diagnostic = excinfo.value.diagnostics[0]
    assert "本期必须是数字，现在还是占位符“xx”，请填上实际数值" in diagnostic.message
    assert diagnostic.line is not None and "本期" in (diagnostic.source_line or "")
