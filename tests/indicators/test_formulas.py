"""派生指标（公式）：计算结果与 Fraction 手算一致；每种公式错误的中文消息、行列和退出码都钉死。"""

from __future__ import annotations

import contextlib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import VALID_FORM
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.api import build_report
from generator.indicators.formulas import (
    DivideByZero,
    FormulaSyntaxError,
    TooLarge,
    evaluate,
    evaluation_order,
    names,
    parse,
)

COUNTS = """\
  - 键: 实种剂次
    名称: 实际接种剂次
    本期: 1981
    上期: 1800
    目标: 2100
    单位: 剂次
  - 键: 应种剂次
    名称: 应种剂次
    本期: "2,235"
    上期: 2000
    目标: 2200
    单位: 剂次
  - 键: 达标人数
    名称: 血压控制达标人数
    本期: ５１７
    上期: 480
    单位: 人
  - 键: 管理人数
    名称: 高血压规范管理人数
    本期: 613
    上期: 590
    单位: 人
"""

CHAIN = COUNTS + """\
  - 键: 接种率
    名称: 适龄儿童疫苗接种率
    公式: 实种剂次 / 应种剂次 * 100
    单位: "%"
  - 键: 控制率
    名称: 高血压控制率
    公式: （达标人数 ÷ 管理人数）× 100
    单位: "%"
    小数位: 1
  - 键: 综合比
    名称: 接种率与控制率之比
    公式: 接种率 / 控制率 * 100 - 100 ＋ 0.5
    小数位: 3
    允许负数: true
  - 键: 人均剂次
    名称: 每名管理对象对应剂次
    公式: -(-实种剂次) / (达标人数 + 管理人数)
    小数位: 4
"""


def half_up(value: Fraction, places: int) -> Decimal:
    """手算的四舍五入（与 Decimal 的 ROUND_HALF_UP 无关的另一种实现）。"""
    scaled = abs(value) * 10 ** places
    whole = scaled.numerator // scaled.denominator
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(whole if value >= 0 else -whole).scaleb(-places)


def form_with(indicators: str, body: str = "全年接种率{{接种率}}。") -> str:
    start = VALID_FORM.index("指标:")
    end = VALID_FORM.index("工作开展情况:")
    return (VALID_FORM[:start] + "指标:\n" + indicators + VALID_FORM[end:]).replace("全年体检{{体检人数}}。", body)


def test_formula_chain_matches_fractions(form_file) -> None:  # type: ignore[no-untyped-def]
    report = build_report(form_file(form_with(CHAIN, "接种率{{接种率}}，{{接种率.同比}}，{{接种率.完成率}}。")))
    got = {ind.key: ind for ind in report.form.indicators}
    rate = {"本期": Fraction(1981, 2235) * 100, "上期": Fraction(1800, 2000) * 100}
    control = {"本期": Fraction(517, 613) * 100, "上期": Fraction(480, 590) * 100}
    ratio = {f: rate[f] / control[f] * 100 - 100 + Fraction(1, 2) for f in rate}  # 用未舍入的率
    per_dose = {"本期": Fraction(1981, 517 + 613), "上期": Fraction(1800, 480 + 590)}
    assert got["接种率"].current == half_up(rate["本期"], 2) == Decimal("88.64")
    assert got["接种率"].previous == half_up(rate["上期"], 2) == Decimal("90.00")
    assert got["接种率"].target == half_up(Fraction(2100, 2200) * 100, 2) == Decimal("95.45")
    assert got["控制率"].current == half_up(control["本期"], 1) == Decimal("84.3")
    assert got["控制率"].previous == half_up(control["上期"], 1) == Decimal("81.4")
    assert got["控制率"].target is None  # 输入没有目标：派生指标也没有，不是错误
    assert got["综合比"].current == half_up(ratio["本期"], 3) == Decimal("5.594")
    assert got["综合比"].previous == half_up(ratio["上期"], 3) == Decimal("11.125")
    assert got["人均剂次"].current == half_up(per_dose["本期"], 4) == Decimal("1.7531")
    assert got["人均剂次"].previous == half_up(per_dose["上期"], 4) == Decimal("1.6822")
    assert "接种率88.64%，下降1.36个百分点，低于目标6.81个百分点。" in report.markdown()
    assert report.warnings == []


def test_missing_previous_is_absent_until_referenced(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = form_with(CHAIN, "控制率{{控制率}}，目标{{控制率.目标}}。")
    path = form_file(text)
    result = gen("check", str(path))
    line = text.splitlines().index("    内容: 控制率{{控制率}}，目标{{控制率.目标}}。") + 1
    assert result.code == 1
    assert result.err.replace(str(path), "F") == (
        f"F:{line}:12: 错误：指标“控制率”没有填写“目标”，无法引用。请在指标里补上“目标”。\n"
        "        内容: 控制率{{控制率}}，目标{{控制率.目标}}。\n"
        "                    ^\n")


def test_typed_value_that_disagrees_is_a_hint(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    agreeing = CHAIN.replace("    公式: 实种剂次 / 应种剂次 * 100\n", "    公式: 实种剂次 / 应种剂次 * 100\n    本期: 88.6\n")
    path = form_file(form_with(agreeing))
    assert gen("check", str(path)).err == ""  # 88.6 是 88.6398… 正确的一位小数
    text = CHAIN.replace("    公式: 实种剂次 / 应种剂次 * 100\n", "    公式: 实种剂次 / 应种剂次 * 100\n    本期: 88.46\n")
    path = form_file(form_with(text))
    result = gen("check", str(path))
    assert result.code == 0
    assert result.err.replace(str(path), "F") == (
        "F:30:9: 提示：指标“接种率”填写的本期 88.46 与公式算出的 88.64 不一致，已按公式使用 88.64。"
        "要用填写的数，请删掉“公式”；否则删掉填写的本期。\n"
        "        本期: 88.46\n"
        "              ^\n")
    assert build_report(path).form.indicators[4].current == Decimal("88.64")


RATE = """\
  - 键: 接种率
    名称: 适龄儿童疫苗接种率
    公式: {formula}
    单位: "%"
"""

ERRORS = {
    "不存在的键": (
        "实种剂数 / 应种剂次 * 100",
        "F:29:9: 错误：指标“接种率”的公式引用了不存在的指标“实种剂数”。是不是“实种剂次”？"
        "已有的指标键：实种剂次、应种剂次、达标人数、管理人数、接种率。\n"
        "        公式: 实种剂数 / 应种剂次 * 100\n"
        "              ^\n"),
    "不认识的符号": (
        "实种剂次 / 应种剂次 * 100%",
        "F:29:26: 错误：指标“接种率”的公式里不能有“%”：只能写指标的键、数字、+ - × ÷ 和括号。\n"
        "        公式: 实种剂次 / 应种剂次 * 100%\n"
        "                                       ^\n"),
    "括号不配对": (
        "(实种剂次 / 应种剂次 * 100",
        "F:29:9: 错误：指标“接种率”的公式写得不对：左括号“(”没有配对的右括号。\n"
        "        公式: (实种剂次 / 应种剂次 * 100\n"
        "              ^\n"),
    "多余的右括号": (
        "实种剂次 / 应种剂次) * 100",
        "F:29:20: 错误：指标“接种率”的公式写得不对：右括号“)”多了一个。\n"
        "        公式: 实种剂次 / 应种剂次) * 100\n"
        "                                 ^\n"),
    "缺少运算符": (
        "实种剂次 应种剂次",
        "F:29:14: 错误：指标“接种率”的公式写得不对：“应种剂次”前面缺少运算符。\n"
        "        公式: 实种剂次 应种剂次\n"
        "                       ^\n"),
    "末尾缺数": (
        "实种剂次 / ",
        "F:29:15: 错误：指标“接种率”的公式写得不对：末尾缺少一个键或数字。\n"
        "        公式: 实种剂次 / \n"
        "                        ^\n"),
    "连写运算符": (
        "实种剂次 / * 应种剂次",
        "F:29:16: 错误：指标“接种率”的公式写得不对：“*”前面缺少一个键或数字。\n"
        "        公式: 实种剂次 / * 应种剂次\n"
        "                         ^\n"),
    "除以零": (
        "实种剂次 / (应种剂次 - 2235)",
        "F:29:9: 错误：指标“接种率”的公式算本期时除以 0（除数是 0），请检查填写的数字。\n"
        "        公式: 实种剂次 / (应种剂次 - 2235)\n"
        "              ^\n"),
    "除以值为零的键": (
        "实种剂次 / 零",
        "F:29:9: 错误：指标“接种率”的公式算本期时除以 0（“零”的本期是 0），请检查填写的数字。\n"
        "        公式: 实种剂次 / 零\n"
        "              ^\n"),
    "自己引用自己": (
        "接种率 * 1",
        "F:29:9: 错误：指标“接种率”的公式循环引用：接种率 → 接种率。公式最终要由填写了数字的指标算出，"
        "请去掉其中一个公式。\n"
        "        公式: 接种率 * 1\n"
        "              ^\n"),
    "太大": (
        "实种剂次 * 实种剂次 * 实种剂次 * 实种剂次 * 实种剂次",
        "F:29:9: 错误：指标“接种率”的公式算出的本期大得不合常理（超过千万亿），请检查公式和填写的数字。\n"
        "        公式: 实种剂次 * 实种剂次 * 实种剂次 * 实种剂次 * 实种剂次\n"
        "              ^\n"),
    "嵌套太深": (
        "(" * 25 + "1" + ")" * 25,
        "F:29:30: 错误：指标“接种率”的公式的括号嵌套太深（超过 20 层），请拆成几个指标。\n"
        "        公式: " + "(" * 25 + "1" + ")" * 25 + "\n"
        "              " + " " * 21 + "^\n"),
    "不是文字": (
        "[实种剂次]",
        "F:29:9: 错误：“指标 第5项 公式”这里应该是一段文字，现在填的是别的（如列表或“键: 值”）。\n"
        "        公式: [实种剂次]\n"
        "              ^\n"),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_formula_error_is_pinned(name: str, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    formula, expected = ERRORS[name]
    counts = COUNTS
    if name == "除以值为零的键":
        counts += "  - 键: 零\n    名称: 零\n    本期: 0\n"
        expected = expected.replace("F:29:", "F:32:").replace("管理人数、接种率", "管理人数、零、接种率")
    path = form_file(form_with(counts + RATE.format(formula=formula)))
    result = gen("check", str(path))
    assert "Traceback" not in result.err
    assert result.code == 1
    assert result.out == ""
    assert result.err.replace(str(path), "F") == expected


def test_zero_previous_divisor_is_a_warning(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = COUNTS.replace("    上期: 2000\n", "    上期: 0\n") + RATE.format(formula="实种剂次 / 应种剂次 * 100")
    path = form_file(form_with(text))
    result = gen("check", str(path))
    assert result.code == 0
    assert result.err.replace(str(path), "F").splitlines()[0] == (
        "F:29:9: 警告：指标“接种率”的公式算上期时除以 0（“应种剂次”的上期是 0），这个指标没有上期数。")
    assert build_report(path).form.indicators[4].previous is None


def test_cycle_through_two_indicators(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = COUNTS + """\
  - 键: 甲
    名称: 甲
    公式: 乙 + 1
  - 键: 乙
    名称: 乙
    公式: 甲 + 1
  - 键: 丙
    名称: 丙
    公式: 甲 * 2
"""
    path = form_file(form_with(text))
    result = gen("check", str(path))
    assert result.code == 1
    assert result.err.replace(str(path), "F") == (
        "F:29:9: 错误：指标“甲”的公式循环引用：甲 → 乙 → 甲。公式最终要由填写了数字的指标算出，请去掉其中一个公式。\n"
        "        公式: 乙 + 1\n"
        "              ^\n"
        # 同一次运行里也报出正文引用的指标不存在（issue 20：一次报全）
        "F:38:11: 错误：引用了不存在的指标“接种率”。已有的指标键：实种剂次、应种剂次、达标人数、管理人数、甲、乙、丙。\n"
        "        内容: 全年接种率{{接种率}}。\n"
        "                  ^\n")


def test_parser_accepts_only_the_small_grammar() -> None:
    for bad in ("a ** b", "a // b", "__import__('os')", "a.b", "a, b", "1e5", "a = 1", "", "   "):
        with pytest.raises(FormulaSyntaxError):
            parse(bad)
    parse("（甲＋乙－丙）×２÷ 3.5")
    with pytest.raises(FormulaSyntaxError, match="太长"):
        parse("甲+" * 200 + "甲")


def test_long_chain_has_no_recursion_limit() -> None:
    trees = {f"k{i}": parse(f"k{i + 1} + 1") for i in range(5000)}
    order, cycles = evaluation_order(trees)
    assert cycles == [] and order[0] == "k4999" and order[-1] == "k0"


def test_a_form_without_formulas_is_untouched(form_file) -> None:  # type: ignore[no-untyped-def]
    path: Path = form_file()
    assert build_report(path).form.indicators[0].formula is None


ALPHABET = "甲乙丙1209.+-*/()（）×÷－＋ %x_"


@settings(max_examples=300, derandomize=True, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=60))
def test_any_formula_text_parses_or_is_a_chinese_error(text: str) -> None:
    """任何文字：要么得到语法树并能求值（或除以 0、太大），要么是带位置的中文说明。"""
    try:
        tree = parse(text)
    except FormulaSyntaxError as exc:
        assert 0 <= exc.offset <= len(text) and exc.message.startswith("公式")
        return
    values = {name.key: Decimal("1e14") for name in names(tree)}
    with contextlib.suppress(DivideByZero, TooLarge):
        evaluate(tree, values)
