"""成文日期的常见时间（issue 20）：年度总结从 12 月 31 日到次年 3 月底，半年总结从 6 月 30 日到 9 月底。"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import VALID_FORM

from generator.starter import starter_text


def dated(gen, form_file, year: str, date: str, kind: str | None = None):  # type: ignore[no-untyped-def]
    text = VALID_FORM.replace("年度: 2024", f"年度: {year}").replace("2025-01-07", date)
    text = text.replace("2024年，我委", "今年，我委")
    if kind:
        text = text.replace(f"年度: {year}", f"年度: {year}\n类型: {kind}")
    result = gen("check", "--format", "json", str(form_file(text)))
    return [(f["code"], f["line"], f["message"], f["fix"]) for f in json.loads(result.out)
            if f["code"] in ("GEN502", "GEN504")]


def test_annual_summary_dated_a_year_late(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    assert dated(gen, form_file, "2025", "2026-12-31") == [(
        "GEN504", 17,
        "成文日期 2026-12-31 晚于2025年年度工作总结通常的成文时间（2025年12月31日至2026年3月31日），请核对日期或年度。",
        "应为：2025年12月31日至2026年3月31日之间的日期，或改“年度”")]


def test_half_year_summary_dated_in_december(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    found = dated(gen, form_file, "2025", "2025-12-01", "半年工作总结")
    assert [(code, line) for code, line, _, _ in found] == [("GEN504", 18)]
    assert "（2025年6月30日至2025年9月30日）" in found[0][2]


@pytest.mark.parametrize("date", ["2025-12-31", "2026-01-15", "2026-03-31"])
def test_usual_dates_pass(gen, form_file, date: str) -> None:  # type: ignore[no-untyped-def]
    assert dated(gen, form_file, "2025", date) == []


@pytest.mark.parametrize("today,year,date", [
    (dt.date(2026, 12, 5), 2026, "2026-12-31"),   # 12 月写当年的总结：期末那天
    (dt.date(2026, 1, 20), 2025, "2026-01-20"),   # 1 月写上一年的：今天
    (dt.date(2026, 5, 10), 2025, "2026-03-31"),   # 5 月还写上一年的：通常时间的最后一天
])
def test_init_proposes_a_date_in_the_usual_window(today: dt.date, year: int, date: str, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = starter_text(today)
    assert f"年度: {year}\n" in text and f"日期: {date}\n" in text
    # 换好占位符后，建议的日期不引起日期的警告
    assert dated(gen, form_file, str(year), date) == []


@pytest.mark.parametrize("key,value,word,fix", [
    ("单位", "某旗卫生健康委员会卫生健康工作", "工作", "应为：某旗卫生健康委员会"),
    ("署名", "贡觉县卫生健康委员会2024年", "年", "应为：贡觉县卫生健康委员会"),
    ("署名", "贡觉县卫生健康委员会工作总结", "工作总结", "应为：贡觉县卫生健康委员会"),
])
def test_unit_or_signature_ending_in_a_non_organ_word(gen, form_file, key: str, value: str, word: str,
                                                      fix: str) -> None:  # type: ignore[no-untyped-def]
    text = VALID_FORM.replace("单位: 贡觉县卫生健康委员会", f"单位: {value}") if key == "单位" \
        else VALID_FORM + f"署名: {value}\n"
    found = [(f["code"], f["message"], f["fix"]) for f in json.loads(
        gen("check", "--format", "json", str(form_file(text))).out) if f["code"] == "GEN603"]
    assert found == [("GEN603", f"“{key}”填的是“{value}”，末尾的“{word}”不是机关名称的一部分，落款会印成这样。"
                      "请写单位全称，如 贡觉县卫生健康委员会。", fix)]


def test_organ_name_passes(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    found = json.loads(gen("check", "--format", "json", str(form_file(VALID_FORM))).out)
    assert [f for f in found if f["code"] == "GEN603"] == []
