"""季度工作总结的成文日期（issue 23）：期末是季度的最后一天（GEN502），通常的成文时间从季度末到下一个月的
月底（GEN504），第四季度到次年 1 月 31 日；“季度: 第一季度”这样的写法不被当作正文检查。"""

from __future__ import annotations

import json

import pytest
from conftest import VALID_FORM


def quarter_form(quarter: str, date: str, year: str = "2025") -> str:
    text = VALID_FORM.replace("年度: 2024", f"年度: {year}\n类型: 季度工作总结\n季度: {quarter}")
    return text.replace("2025-01-07", date).replace("2024年，我委", "本季度，我委")


def findings(gen, form_file, text: str) -> list[tuple[str, int, str, str | None]]:  # type: ignore[no-untyped-def]
    result = gen("check", "--format", "json", str(form_file(text)))
    return [(f["code"], f["line"], f["message"], f["fix"]) for f in json.loads(result.out)]


@pytest.mark.parametrize("quarter, date", [
    ("1", "2025-03-31"), ("1", "2025-04-15"), ("第一季度", "2025-04-30"), ("2", "2025-07-05"),
    ("三季度", "2025-10-31"), ("4", "2025-12-31"), ("第四季度", "2026-01-20"), ("Q4", "2026-01-31"),
])
def test_usual_dates_pass(gen, form_file, quarter: str, date: str) -> None:  # type: ignore[no-untyped-def]
    assert findings(gen, form_file, quarter_form(quarter, date)) == []


def test_dated_before_the_quarter_ends(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    assert findings(gen, form_file, quarter_form("1", "2025-03-20")) == [(
        "GEN502", 19, "成文日期 2025-03-20 早于总结期末（2025-03-31），请核对日期或年度。", None)]


def test_first_quarter_dated_in_june(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    assert findings(gen, form_file, quarter_form("第一季度", "2025-06-01")) == [(
        "GEN504", 19,
        "成文日期 2025-06-01 晚于2025年第一季度工作总结通常的成文时间（2025年3月31日至2025年4月30日），请核对日期或年度。",
        "应为：2025年3月31日至2025年4月30日之间的日期，或改“年度”")]


def test_fourth_quarter_window_crosses_the_year(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    found = findings(gen, form_file, quarter_form("4", "2026-02-01"))
    assert [(code, line) for code, line, _, _ in found] == [("GEN504", 19)]
    assert "晚于2025年第四季度工作总结通常的成文时间（2025年12月31日至2026年1月31日）" in found[0][2]


def test_annual_window_is_unchanged(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    """同一个日期：年度总结照旧在通常的时间里，季度总结已经晚了。"""
    text = VALID_FORM.replace("年度: 2024", "年度: 2025").replace("2025-01-07", "2026-03-01")
    text = text.replace("2024年，我委", "今年，我委")
    assert findings(gen, form_file, text) == []
    assert [code for code, *_ in findings(gen, form_file, quarter_form("4", "2026-03-01"))] == ["GEN504"]


def test_title_names_another_quarter(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = quarter_form("1", "2025-04-10").replace("季度: 1\n", "季度: 1\n标题: 贡觉县卫生健康委员会2025年第二季度工作总结\n")
    assert findings(gen, form_file, text) == [(
        "GEN505", 5, "标题里写的是第二季度，而“季度”填的是1（第一季度）。", "应为：标题里写第一季度，或把“季度”改为 2")]


@pytest.mark.parametrize("title", ["贡觉县卫生健康委员会2025年第一季度工作总结", "贡觉县卫健委2025年一季度工作情况",
                                   "2025年第 1 季度工作总结"])
def test_title_matching_the_quarter_passes(gen, form_file, title: str) -> None:  # type: ignore[no-untyped-def]
    text = quarter_form("第一季度", "2025-04-10").replace("季度: 第一季度\n", f"季度: 第一季度\n标题: {title}\n")
    assert findings(gen, form_file, text) == []


def test_annual_form_with_a_quarter_title(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = VALID_FORM.replace("年度: 2024\n", "年度: 2024\n标题: 贡觉县卫生健康委员会2024年第四季度工作总结\n")
    assert findings(gen, form_file, text) == [(
        "GEN506", 3, "标题里写的是第四季度，而“类型”是年度工作总结：期末、成文时间和各部分的名称都按年度工作总结处理。",
        "应为：类型: 季度工作总结 和 季度: 4，或改标题")]


@pytest.mark.parametrize("title", ["贡觉县卫生健康委员会2024年前三季度工作总结", "贡觉县卫生健康委员会2024年度工作总结",
                                   "贡觉县卫生健康委员会2024年工作总结暨2025年第一季度工作打算"])
def test_annual_titles_without_a_single_quarter_pass(gen, form_file, title: str) -> None:  # type: ignore[no-untyped-def]
    assert findings(gen, form_file, VALID_FORM.replace("年度: 2024\n", f"年度: 2024\n标题: {title}\n")) == []
