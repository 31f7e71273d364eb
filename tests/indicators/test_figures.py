"""派生数字：种子报告里算错的四处、措辞的性质测试、完成率与金额换算、过滤器、引用与表格。

性质测试的参照值用 fractions.Fraction 精确计算、自己做“四舍五入”，与被测代码的 Decimal 实现互相独立。
"""

from __future__ import annotations

import io
import math
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from conftest import minimal_form
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from generator.api import build_report_from_data, render_markdown
from generator.errors import FormError, GenError
from generator.indicators.figures import (
    Figure,
    FigureError,
    change_wording,
    completion_wording,
    format_number,
    growth_wording,
    is_rate_unit,
    show,
    to_wan,
    to_yi,
    to_yuan_unit,
)
from generator.indicators.filters import FILTERS
from generator.indicators.model import Indicator


def indicator(**fields: Any) -> Indicator:
    data = {"键": "甲", "名称": "甲指标", "本期": 1}
    data.update(fields)
    return Indicator.model_validate(data)


def figure(**fields: Any) -> Figure:
    return Figure.from_indicator(indicator(**fields))


def reference(value: Fraction, places: int) -> str:
    """独立的参照：精确有理数按“四舍五入”（远离 0 的半进）到 places 位，去掉末尾的 0。"""
    n = math.floor(abs(value) * 10**places + Fraction(1, 2))
    whole, frac = divmod(n, 10**places)
    frac_text = str(frac).rjust(places, "0").rstrip("0") if places else ""
    sign = "-" if value < 0 and n else ""
    return f"{sign}{whole}" + (f".{frac_text}" if frac_text else "")


def fixed(value: Fraction, places: int) -> str:
    """参照值按“小数位”补足末尾的 0：gen 算出的百分数位数固定（5.00%、108.30%）。"""
    text = reference(value, places)
    if places == 0:
        return text
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(places, '0')}"


# ---------------------------------------------------------------- 种子报告里的四处错误


@pytest.mark.parametrize("current,previous,unit,expected", [
    ("82", "47", "人", "增长74.47%"),              # 原文写成 57.31%（47/82，上下颠倒）
    ("15719", "7593", "人", "增长107.02%"),        # 原文写成 48.3%
    ("969", "556", "人", "增长74.28%"),            # 原文写成 57.37%
    ("88.64", "72.62", "%", "提高16.02个百分点"),  # 原文写成“增长16.02%”
])
def test_seed_cases(current: str, previous: str, unit: str, expected: str) -> None:
    fig = figure(本期=current, 上期=previous, 单位=unit)
    assert fig.同比 == expected
    assert growth_wording(Decimal(current), Decimal(previous), unit=unit, places=2) == expected


def test_seed_cases_from_yaml_numbers() -> None:
    # 加载器给的是 int 与 Decimal
    assert figure(本期=82, 上期=47, 单位="人").同比 == "增长74.47%"
    assert figure(本期=Decimal("88.64"), 上期=Decimal("72.62"), 单位="%").同比 == "提高16.02个百分点"


# ---------------------------------------------------------------- 数值与增减


def test_values_shown_as_given() -> None:
    fig = figure(名称="城乡居民健康体检人数", 本期=15719, 上期=7593, 单位="人")
    assert (str(fig), fig.本期, fig.上期, fig.名称) == ("15719人", "15719人", "7593人", "城乡居民健康体检人数")
    assert str(figure(本期="88.64", 单位="%")) == "88.64%"
    assert str(figure(本期=567900, 单位="元")) == "567900元"
    assert figure(本期="2.50", 单位="万元").本期 == "2.5万元"
    assert str(figure(本期="1E+3", 单位="人")) == "1000人"      # 不用科学计数法
    assert str(figure(本期=123456789, 单位="元")) == "123456789元"  # 不加千位分隔符
    assert str(figure(本期="0.00", 单位="人")) == "0人"
    assert figure(本期=5, 目标=6, 单位="家").目标 == "6家"


def test_changes() -> None:
    assert figure(本期=15719, 上期=7593, 单位="人").增减 == "增加8126人"
    assert figure(本期=38, 上期=40, 单位="人").增减 == "减少2人"
    assert figure(本期=5, 上期=5, 单位="次").增减 == "持平"
    assert figure(本期="88.64", 上期="72.62", 单位="%").增减 == "提高16.02个百分点"
    assert figure(本期="3.2", 上期="3.7", 单位="‰").增减 == "下降0.5个千分点"      # 默认去掉末尾的 0
    assert figure(本期="3.2", 上期="3.7", 单位="‰", 小数位=2).同比 == "下降0.50个千分点"  # 写了小数位：固定
    assert figure(本期="3.2", 上期="3.7", 单位="‰", 小数位=1).同比 == "下降0.5个千分点"
    assert figure(本期="12.5", 上期="10", 单位="万元").增减 == "增加2.5万元"
    # 增减也按小数位四舍五入；舍入后为 0 即“持平”，不写“增加0万元”
    assert figure(本期="1.004", 上期=1, 单位="万元").增减 == "持平"
    assert figure(本期="1.005", 上期=1, 单位="万元").增减 == "增加0.01万元"


def test_growth_wording_edges() -> None:
    assert growth_wording(Decimal(150), Decimal(100), unit="人") == "增长50%"          # 默认：去掉末尾的 0
    assert growth_wording(Decimal(150), Decimal(100), unit="人", fixed=True) == "增长50.00%"  # 小数位：固定
    assert growth_wording(Decimal(105), Decimal(100), unit="人", places=1, fixed=True) == "增长5.0%"
    assert growth_wording(Decimal(150), Decimal(100), unit="人", places=0) == "增长50%"
    assert growth_wording(Decimal("145.1"), Decimal(100), unit="人") == "增长45.1%"
    assert growth_wording(Decimal(31), Decimal(32), unit="人") == "下降3.13%"
    assert growth_wording(Decimal(100), Decimal(200), unit="人") == "下降50%"
    assert growth_wording(Decimal(100001), Decimal(100000), unit="人") == "持平"        # 0.001% 舍成 0
    assert growth_wording(Decimal(100005), Decimal(100000), unit="人") == "增长0.01%"  # 0.005 半进
    assert growth_wording(Decimal(100004), Decimal(100000), unit="人", places=3) == "增长0.004%"
    assert growth_wording(Decimal("72.63"), Decimal("72.62"), unit="%") == "提高0.01个百分点"
    assert growth_wording(Decimal("72.624"), Decimal("72.62"), unit="%") == "持平"
    assert growth_wording(Decimal("72.625"), Decimal("72.62"), unit="%") == "提高0.01个百分点"
    # 上期为负（允许负数时）：按 |上期| 计算，动词跟随数据的方向
    assert growth_wording(Decimal(-50), Decimal(-100), unit="万元") == "增长50%"
    assert growth_wording(Decimal(-150), Decimal(-100), unit="万元") == "下降50%"


def test_half_up_not_bankers_and_no_float_artefacts() -> None:
    assert format_number(Decimal("2.345"), 2) == "2.35"
    assert format_number(Decimal("2.5"), 0) == "3"
    assert format_number(Decimal("-2.5"), 0) == "-3"
    assert format_number(Decimal("0.125"), 2) == "0.13"
    assert format_number(Decimal("16.0199999"), 2) == "16.02"
    assert format_number(Decimal("-0.004"), 2) == "0"
    assert format_number(Decimal("1E+30"), 6) == "1" + "0" * 30
    assert show(Decimal("-0.00")) == "0"
    assert is_rate_unit("%") and is_rate_unit("‰") and is_rate_unit("％")
    assert not is_rate_unit("人") and not is_rate_unit("元") and not is_rate_unit("")


# ---------------------------------------------------------------- 完成率


def test_completion() -> None:
    assert completion_wording(Decimal("96.5"), Decimal(100)) == "完成年度目标任务的96.5%"
    assert completion_wording(Decimal(1083), Decimal(1000)) == "超额完成年度目标任务（完成率108.3%）"
    assert completion_wording(Decimal(1083), Decimal(1000), fixed=True) == "超额完成年度目标任务（完成率108.30%）"
    assert completion_wording(Decimal(2500), Decimal(2500)) == "完成年度目标任务的100%"
    assert completion_wording(Decimal(2500), Decimal(2500), fixed=True) == "完成年度目标任务的100.00%"
    assert completion_wording(Decimal(2500), Decimal(2500), places=0) == "完成年度目标任务的100%"
    # 舍入后正好 100 的不算“超额”
    assert completion_wording(Decimal("100.004"), Decimal(100)) == "完成年度目标任务的100%"
    assert completion_wording(Decimal("100.005"), Decimal(100)) == "超额完成年度目标任务（完成率100.01%）"
    assert completion_wording(Decimal(0), Decimal(10)) == "完成年度目标任务的0%"
    fig = figure(本期=15719, 目标=16000, 单位="人")
    assert fig.完成率 == "完成年度目标任务的98.24%"
    assert figure(本期=15719, 目标=16000, 单位="人", 小数位=1).完成率 == "完成年度目标任务的98.2%"
    # 率与目标率比较差值（个百分点），不算完成率
    rate = figure(本期="88.64", 目标=90, 单位="%")
    assert (rate.完成率, rate.目标) == ("低于目标1.36个百分点", "90%")


def test_completion_errors_name_the_key() -> None:
    with pytest.raises(FigureError, match="指标“甲”没有填写“目标”"):
        _ = figure(本期=3).完成率
    with pytest.raises(FigureError, match="指标“甲”的目标是 0，无法计算完成率"):
        _ = figure(本期=3, 目标=0).完成率
    with pytest.raises(FigureError, match="目标是负数"):
        _ = figure(本期=-3, 目标=-5, 允许负数=True).完成率


# ---------------------------------------------------------------- 万元 / 亿元


def test_money_units() -> None:
    assert figure(本期=567900, 单位="元").万元 == "56.79万元"
    assert figure(本期=345000000, 单位="元").亿元 == "3.45亿元"
    assert figure(本期=34500, 单位="万元").亿元 == "3.45亿元"
    assert figure(本期=345678901, 单位="元").亿元 == "3.46亿元"     # 不写成“3亿4568万”
    assert figure(本期="3.45", 单位="亿元").万元 == "34500万元"
    assert figure(本期=567900, 单位="元", 小数位=0).万元 == "57万元"
    assert to_wan(Decimal(100000)) == "10万元"
    assert to_yi(Decimal(12345), "万元") == "1.23亿元"
    assert to_yuan_unit(Decimal(-567900), "元", "万元") == "-56.79万元"


def test_money_unit_errors() -> None:
    with pytest.raises(FigureError, match="指标“甲”的单位是“人”，不是金额（元、万元、亿元），不能换算成万元"):
        _ = figure(本期=1, 单位="人").万元
    with pytest.raises(FigureError, match="不是金额"):
        _ = figure(本期=50, 单位="%").亿元
    with pytest.raises(FigureError, match=re.escape("不足 0.01亿元")):   # 不写“0亿元”
        _ = figure(本期=12345, 单位="元").亿元


# ---------------------------------------------------------------- 缺数据与除以 0


def test_missing_previous_or_zero_is_a_clear_error() -> None:
    with pytest.raises(FigureError, match="指标“甲”没有填写“上期”，无法引用。请在指标里补上“上期”。"):
        _ = figure(本期=3).同比
    with pytest.raises(FigureError, match="没有填写“上期”"):
        _ = figure(本期=3).增减
    with pytest.raises(FigureError, match="没有填写“上期”"):
        _ = figure(本期=3).上期
    with pytest.raises(FigureError) as excinfo:
        _ = figure(本期=3, 上期=0, 单位="人").同比
    assert excinfo.value.diagnostics[0].message == (
        "指标“甲”的上期数是 0，无法计算同比增长率。请改用“{{甲.增减}}”表述变化。")
    assert isinstance(excinfo.value, GenError)
    assert figure(本期=3, 上期=0, 单位="人").增减 == "增加3人"
    assert figure(本期="3.5", 上期=0, 单位="%").同比 == "提高3.5个百分点"   # 率：差值，不除


# ---------------------------------------------------------------- 表述与 context()


def test_sentence_template() -> None:
    fig = figure(本期=15719, 上期=7593, 单位="人", 表述="共计体检{{本期}}，较去年{{上期}}{{同比}}")
    assert fig.表述 == "共计体检15719人，较去年7593人增长107.02%"
    # 只计算被引用的项：没有上期也能用只引用本期的表述
    assert figure(本期=3, 单位="家", 表述="新建{{本期}}").表述 == "新建3家"
    with pytest.raises(FigureError, match="没有填写“上期”"):
        _ = figure(本期=3, 表述="{{同比}}").表述
    with pytest.raises(FigureError, match="“表述”写法不对"):
        _ = figure(本期=3, 表述="{{环比}}").表述
    with pytest.raises(FigureError, match="没有填写“表述”"):
        _ = figure(本期=3).表述


def test_context_is_lazy() -> None:
    ctx = figure(名称="新建村卫生室", 本期=3, 单位="家").context()
    assert ctx["本期"] == "3家" and ctx["名称"] == "新建村卫生室"
    with pytest.raises(FigureError, match="没有填写“上期”"):
        _ = ctx["同比"]
    with pytest.raises(KeyError):
        _ = ctx["环比"]
    assert list(ctx) == ["名称", "本期", "上期", "目标", "增减", "同比", "完成率", "万元", "亿元"]
    assert len(ctx) == 9 and "同比" in ctx
    assert ctx.subset(["本期"]) == {"本期": "3家"}
    full = figure(本期=15719, 上期=7593, 目标=16000, 单位="人").context()
    assert full.subset(["同比", "增减", "完成率", "目标"]) == {
        "同比": "增长107.02%", "增减": "增加8126人", "完成率": "完成年度目标任务的98.24%", "目标": "16000人"}


# ---------------------------------------------------------------- 模板过滤器


def render(template: str, **values: Any) -> str:
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    env.filters.update(FILTERS)
    return env.from_string(template).render(**values)


def test_filters_on_figures_and_numbers() -> None:
    fig = figure(本期=15719, 上期=7593, 目标=16000, 单位="人")
    assert render("{{ x|同比 }}，{{ x|增减 }}，{{ x|完成率 }}", x=fig) == (
        "增长107.02%，增加8126人，完成年度目标任务的98.24%")
    assert render("{{ x.同比 }}{{ x }}", x=fig) == "增长107.02%15719人"
    assert render('{{ 82|同比(47, unit="人") }}') == "增长74.47%"
    assert render('{{ a|同比(b, unit="%") }}', a=Decimal("88.64"), b=Decimal("72.62")) == "提高16.02个百分点"
    assert render('{{ "969"|同比("556") }}') == "增长74.28%"
    assert render('{{ 38|增减(40, unit="人") }}') == "减少2人"
    assert render("{{ 1083|完成率(1000, places=1) }}") == "超额完成年度目标任务（完成率108.3%）"
    assert render("{{ 567900|万元 }} {{ 345000000|亿元 }} {{ 34500|亿元('万元') }}") == "56.79万元 3.45亿元 3.45亿元"
    assert render("{{ m|万元 }}", m=figure(本期=567900, 单位="元")) == "56.79万元"
    # float 经 str 转换：2.345 不会因二进制误差变成 2.34
    assert render("{{ 2.345|数字 }} {{ 2.5|数字(0) }} {{ x|数字(1) }}", x=Decimal("16.05")) == "2.35 3 16.1"


def test_filters_reject_bad_input() -> None:
    with pytest.raises(FigureError, match="要给出上期"):
        render("{{ 82|同比 }}")
    with pytest.raises(FigureError, match="不用再给上期"):
        render("{{ x|同比(47) }}", x=figure(本期=82, 上期=47))
    with pytest.raises(FigureError, match="要是数字"):
        render("{{ true|数字 }}")
    with pytest.raises(FigureError, match="要是数字"):
        render('{{ "xx"|同比(47) }}')
    with pytest.raises(FigureError, match="上期数是 0"):
        render("{{ 5|同比(0) }}")


# ---------------------------------------------------------------- 性质测试

# 任意精度的十进制数：整数 n × 10^-d
def decimals(low: int, high: int, max_places: int = 4) -> st.SearchStrategy[Decimal]:
    return st.builds(lambda n, d: Decimal(n).scaleb(-d),
                     st.integers(min_value=low, max_value=high), st.integers(min_value=0, max_value=max_places))


amounts = decimals(0, 10**12)
nonzero = decimals(1, 10**12)
signed = decimals(-(10**12), 10**12)
rates = decimals(0, 10_000, 2)          # 0 ~ 100（两位小数）
places_st = st.integers(min_value=0, max_value=6)

GROWTH_RE = re.compile(r"(增长|下降)(0|[1-9]\d*)(\.\d+)?%|持平")
POINTS_RE = re.compile(r"(提高|下降)(0|[1-9]\d*)(\.\d+)?个(百分点|千分点)|持平")


def assert_clean(text: str) -> None:
    """没有负号、inf、nan、千位分隔符、科学计数法。浮点误差由“与精确参照逐位相等”排除。"""
    lowered = text.lower()
    for bad in ("-", "inf", "nan", ",", "，", "e+", "e-"):
        assert bad not in lowered, (bad, text)


@given(amounts, nonzero, places_st)
def test_growth_matches_exact_reference(current: Decimal, previous: Decimal, places: int) -> None:
    text = growth_wording(current, previous, unit="人", places=places, fixed=True)
    loose = growth_wording(current, previous, unit="人", places=places)
    exact = (Fraction(current) - Fraction(previous)) / abs(Fraction(previous)) * 100
    expected = reference(exact, places)
    assert GROWTH_RE.fullmatch(text), text
    assert_clean(text)
    if expected in ("0", "-0"):
        assert text == loose == "持平"
    else:
        verb = "增长" if current > previous else "下降"
        assert text == f"{verb}{fixed(exact, places).lstrip('-')}%"
        assert loose == f"{verb}{expected.lstrip('-')}%"   # 默认：同一个数，去掉末尾的 0


@given(st.integers(min_value=-(10**6), max_value=10**6).map(lambda n: 2 * n + 1), places_st)
def test_growth_exact_halves_round_up(odd: int, places: int) -> None:
    # 上期 2×10^(places+2)，本期比它多 odd：增长率正好落在第 places 位后的“5”上
    previous = Decimal(2 * 10 ** (places + 2))
    current = previous + odd
    if current < 0:
        return
    text = growth_wording(current, previous, unit="人", places=places, fixed=True)
    exact = Fraction(odd, 2 * 10**places)
    assert text == f"{'增长' if odd > 0 else '下降'}{fixed(abs(exact), places)}%"
    # 半进：绝对值总是往大里进，比截断多出最后一位的 1
    truncated = Fraction(math.floor(abs(exact) * 10**places), 10**places)
    assert Fraction(reference(abs(exact), places)) == truncated + Fraction(1, 10**places)


@given(signed, signed.filter(lambda d: d != 0), places_st)
def test_growth_verb_agrees_with_sign(current: Decimal, previous: Decimal, places: int) -> None:
    text = growth_wording(current, previous, unit="万元", places=places)
    exact = (Fraction(current) - Fraction(previous)) / abs(Fraction(previous)) * 100
    if reference(exact, places).lstrip("-") == "0":
        assert text == "持平"
    elif current > previous:
        assert text.startswith("增长")
    else:
        assert text.startswith("下降")
    assert_clean(text)


@given(rates, rates, st.sampled_from(["%", "％", "‰"]), places_st)
def test_rates_only_get_points(current: Decimal, previous: Decimal, unit: str, places: int) -> None:
    text = growth_wording(current, previous, unit=unit, places=places, fixed=True)
    assert POINTS_RE.fullmatch(text), text
    assert not text.endswith("%") and "增长" not in text
    assert change_wording(current, previous, unit=unit, places=places, fixed=True) == text
    expected = reference(Fraction(current) - Fraction(previous), places)
    if expected.lstrip("-") == "0":
        assert text == "持平"
    else:
        points = "个千分点" if unit == "‰" else "个百分点"
        verb = "提高" if current > previous else "下降"
        assert text == f"{verb}{fixed(Fraction(current) - Fraction(previous), places).lstrip('-')}{points}"


@given(signed, signed, places_st)
def test_change_matches_reference(current: Decimal, previous: Decimal, places: int) -> None:
    text = change_wording(current, previous, unit="人", places=places)
    expected = reference(Fraction(current) - Fraction(previous), places)
    if expected.lstrip("-") == "0":
        assert text == "持平"
    else:
        assert text == f"{'增加' if current > previous else '减少'}{expected.lstrip('-')}人"
    assert "-" not in text


@given(amounts, nonzero, places_st)
def test_completion_matches_reference(current: Decimal, target: Decimal, places: int) -> None:
    text = completion_wording(current, target, places=places, fixed=True)
    loose = completion_wording(current, target, places=places)
    expected = fixed(Fraction(current) / Fraction(target) * 100, places)
    dropped = reference(Fraction(current) / Fraction(target) * 100, places)
    if Fraction(expected) > 100:
        assert text == f"超额完成年度目标任务（完成率{expected}%）"
        assert loose == f"超额完成年度目标任务（完成率{dropped}%）"
    else:
        assert text == f"完成年度目标任务的{expected}%"
        assert loose == f"完成年度目标任务的{dropped}%"
    assert not re.search(r"\.\d*0%", loose)   # 默认没有末尾的 0
    assert_clean(text)


@given(signed, places_st)
def test_format_number_matches_reference(value: Decimal, places: int) -> None:
    text = format_number(value, places)
    assert text == reference(Fraction(value), places)
    assert text != "-0" and "E" not in text and "," not in text
    if "." in text:
        assert not text.endswith("0")


@given(decimals(1, 10**12, 2), st.sampled_from(["元", "万元"]), st.integers(min_value=0, max_value=4))
def test_money_matches_reference(value: Decimal, unit: str, places: int) -> None:
    factor = {"元": 1, "万元": 10_000}[unit]
    for target, divisor in (("万元", 10_000), ("亿元", 100_000_000)):
        expected = reference(Fraction(value) * factor / divisor, places)
        try:
            text = to_yuan_unit(value, unit, target, places=places)
        except FigureError:
            assert expected == "0"   # 只在换算后舍成 0 时才报错
            continue
        assert text == f"{expected}{target}"
        assert "万" not in text[:-2] and "亿" not in text[:-2]


@given(amounts)
def test_zero_previous_never_divides(current: Decimal) -> None:
    with pytest.raises(FigureError):
        growth_wording(current, Decimal(0), unit="人")
    with pytest.raises(FigureError):
        completion_wording(current, Decimal(0))
    assert change_wording(current, Decimal(0), unit="人") in ("持平", f"增加{format_number(current, 2)}人")


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=10**9),
       st.sampled_from(["人", "例", "次", "剂次", "家", "个", "元"]))
def test_figure_strings_are_clean(current: int, previous: int, unit: str) -> None:
    fig = figure(本期=current, 上期=previous, 目标=previous, 单位=unit)
    assert str(fig) == f"{current}{unit}" and fig.上期 == f"{previous}{unit}"
    for text in (fig.同比, fig.增减, fig.完成率):
        assert_clean(text)


# ---------------------------------------------------------------- 在表单里


def form(text: str, **indicator_fields: Any) -> dict[str, Any]:
    ind = {"键": "体检人数", "名称": "城乡居民健康体检人数", "本期": 15719, "上期": 7593, "单位": "人"}
    ind.update(indicator_fields)
    return minimal_form(导语="总述。", 指标=[ind], 工作开展情况=[{"标题": "体检", "内容": text}])


def test_references_render_in_markdown_and_docx() -> None:
    report = build_report_from_data(form("全年体检{{体检人数}}，比上年{{体检人数.上期}}{{体检人数.同比}}。"))
    sentence = "全年体检15719人，比上年7593人增长107.02%。"
    assert sentence in report.markdown()

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
    data["指标表"] = "正文"
    markdown = render_markdown(data)
    assert "## 二、主要指标完成情况" in markdown
    assert "| 指标 | 单位 | 本期 | 上期 | 同比 | 目标 | 完成情况 |" in markdown
    # 表格里“完成情况”用简短写法，与正文的“完成年度目标任务的98.24%”是同一个数
    assert "| 城乡居民健康体检人数 | 人 | 15719 | 7593 | 增长107.02% | 16000 | 完成98.24% |" in markdown
    assert "## 三、存在的问题" in markdown


# ---------------------------------------------------------------- 率与目标、越低越好


def test_rate_against_target_is_in_points_not_a_completion_ratio() -> None:
    assert figure(本期="99.2", 目标=99, 单位="%").完成率 == "高于目标0.2个百分点"
    assert figure(本期="99.2", 目标=99, 单位="%", 小数位=2).完成率 == "高于目标0.20个百分点"
    assert figure(本期=93, 目标=90, 单位="%").完成率 == "高于目标3个百分点"
    assert figure(本期="99.2", 目标=99, 单位="%", 小数位=1).完成率 == "高于目标0.2个百分点"
    assert figure(本期="88.64", 目标=90, 单位="%").完成率 == "低于目标1.36个百分点"
    assert figure(本期=95, 目标="95.00", 单位="%").完成率 == "达到年度目标"
    assert figure(本期="2.1", 目标=3, 单位="‰", 小数位=1).完成率 == "低于目标0.9个千分点"
    for text in (figure(本期="99.2", 目标=99, 单位="%").完成率, figure(本期=80, 目标=90, 单位="‰").完成率):
        assert "完成率" not in text and "超额" not in text


def test_lower_is_better_flips_the_wording() -> None:
    death = dict(名称="孕产妇死亡率", 单位="‰", 越低越好=True, 小数位=1)
    assert figure(本期="3.2", 上期="3.7", 目标=4, **death).完成率 == "低于目标0.8个千分点，完成年度控制目标"
    assert figure(本期="4.5", 上期="3.7", 目标=4, **death).完成率 == "高于目标0.5个千分点，未完成年度控制目标"
    assert figure(本期=4, 目标=4, **death).完成率 == "达到年度控制目标"
    assert figure(本期="4.5", 上期="3.7", **death).同比 == "上升0.8个千分点"   # 不写“提高”
    assert figure(本期="3.2", 上期="3.7", **death).同比 == "下降0.5个千分点"
    cases = dict(名称="新发病例", 单位="例", 越低越好=True)
    assert figure(本期=30, 上期=40, 目标=35, **cases).完成率 == "控制在年度目标以内"
    assert figure(本期=47, 上期=40, 目标=35, **cases).完成率 == "超出年度目标12例"
    assert figure(本期=50, 上期=40, **cases).同比 == "上升25%"
    assert figure(本期=30, 上期=40, **cases).同比 == "下降25%"


def test_lower_is_better_in_a_form() -> None:
    report = build_report_from_data({
        "单位": "某县卫健委", "年度": 2024, "日期": "2025-01-07", "导语": "现总结如下。",
        "指标": [{"键": "死亡率", "名称": "婴儿死亡率", "本期": "3.2", "上期": "3.7", "目标": 5, "单位": "‰",
                  "小数位": 1, "越低越好": True}],
        "工作开展情况": [{"标题": "妇幼健康", "内容": "婴儿死亡率{{死亡率}}，比上年{{死亡率.同比}}，{{死亡率.完成率}}。"}],
        "存在的问题": ["无。"], "下一步工作计划": [{"标题": "乙"}]})
    assert "婴儿死亡率3.2‰，比上年下降0.5个千分点，低于目标1.8个千分点，完成年度控制目标。" in report.markdown()


def test_decimal_places_rule_is_the_same_in_text_and_table() -> None:
    """默认最多 2 位、去掉末尾的 0（下降5%、增长74.47%）；写了小数位的指标固定位数；正文与表格一致。"""
    from generator.render.render import indicator_rows

    data = {
        "单位": "某局", "年度": 2024, "日期": "2025-01-07", "导语": "现总结如下。", "指标表": True,
        "指标": [{"键": "甲", "名称": "甲", "本期": 38, "上期": 40, "单位": "人"},
                 {"键": "乙", "名称": "乙", "本期": 82, "上期": 47, "单位": "人"},
                 {"键": "丙", "名称": "丙", "本期": 1083, "目标": 1000, "单位": "人", "小数位": 2}],
        "工作开展情况": [{"标题": "甲", "内容": "{{甲.同比}}，{{乙.同比}}，{{丙.完成率}}。"}],
        "存在的问题": ["无。"], "下一步工作计划": [{"标题": "乙"}]}
    report = build_report_from_data(data)
    assert "下降5%，增长74.47%，超额完成年度目标任务（完成率108.30%）。" in report.markdown()
    rows = indicator_rows(report.form, report.figures)
    assert [row[4] for row in rows[:2]] == ["下降5%", "增长74.47%"]
    assert rows[2][6] == "超额完成108.30%"   # 表格里的简短写法，同样固定两位


def test_form_level_places_fixes_every_indicator_without_its_own() -> None:
    """表单顶层写一次“小数位: 1”（公报体）：没写小数位的指标都固定一位，指标自己写的优先。"""
    from generator.render.render import indicator_rows

    data = {
        "单位": "某局", "年度": 2024, "日期": "2025-01-07", "导语": "现总结如下。", "指标表": True, "小数位": 1,
        "指标": [{"键": "甲", "名称": "甲", "本期": 105, "上期": 100, "单位": "人"},
                 {"键": "乙", "名称": "乙", "本期": "72.6", "上期": "70.4", "单位": "%", "小数位": 2}],
        "工作开展情况": [{"标题": "甲", "内容": "{{甲.同比}}，{{乙.同比}}。"}],
        "存在的问题": ["无。"], "下一步工作计划": [{"标题": "乙"}]}
    report = build_report_from_data(data)
    assert "增长5.0%，提高2.20个百分点。" in report.markdown()
    assert [row[4] for row in indicator_rows(report.form, report.figures)] == ["增长5.0%", "提高2.20个百分点"]
    with pytest.raises(FormError):
        build_report_from_data({**data, "小数位": 7})


def test_completion_cell_is_short_and_the_same_number() -> None:
    """表格“完成情况”一格：与正文同一个数，去掉“年度目标任务”这类套话，窄列里不排成四行。"""
    assert figure(本期="96.5", 目标=100, 单位="人").completion_cell() == "完成96.5%"
    assert figure(本期=1083, 目标=1000, 单位="人").completion_cell() == "超额完成108.3%"
    assert figure(本期=1083, 目标=1000, 单位="人", 小数位=2).completion_cell() == "超额完成108.30%"
    assert figure(本期="99.2", 目标=99, 单位="%").completion_cell() == "高于目标0.2个百分点"
    assert figure(本期=95, 目标=95, 单位="%").completion_cell() == "达到目标"
    death = dict(单位="‰", 越低越好=True, 小数位=1)
    assert figure(本期="3.2", 目标=4, **death).completion_cell() == "低于目标0.8个千分点"
    cases = dict(单位="例", 越低越好=True)
    assert figure(本期=30, 目标=35, **cases).completion_cell() == "控制在目标以内"
    assert figure(本期=47, 目标=35, **cases).completion_cell() == "超出目标12例"
