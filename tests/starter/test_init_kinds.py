"""gen init --类型（issue 23）：季度工作总结写好“季度”（刚结束的季度）和落在通常成文时间里的日期，
专项工作总结写好待补写的“主题”；填好占位符后 gen check 没有日期的警告。"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import VALID_FORM

from generator.form.models import ReportKind
from generator.starter import starter_text
from generator.starter.kinds import finished_quarter


@pytest.mark.parametrize("today, year, quarter, date", [
    (dt.date(2026, 4, 8), 2026, 1, "2026-04-08"),     # 4 月写第一季度：今天
    (dt.date(2026, 6, 20), 2026, 1, "2026-04-30"),    # 6 月还没到季度末：刚结束的是第一季度，日期取通常时间的最后一天
    (dt.date(2026, 7, 1), 2026, 2, "2026-07-01"),
    (dt.date(2026, 10, 31), 2026, 3, "2026-10-31"),
    (dt.date(2026, 1, 9), 2025, 4, "2026-01-09"),     # 1 月写上一年的第四季度
    (dt.date(2026, 3, 31), 2025, 4, "2026-01-31"),
])
def test_quarter_starter(today: dt.date, year: int, quarter: int, date: str, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    assert finished_quarter(today) == (year, quarter)
    text = starter_text(today, kind=ReportKind.QUARTER)
    assert f"年度: {year}\n" in text and "\n类型: 季度工作总结\n" in text and f"\n季度: {quarter}\n" in text
    assert f"日期: {date}\n" in text
    # 换好占位符后（同样的类型、季度、日期），不引起日期的警告
    filled = VALID_FORM.replace("年度: 2024", f"年度: {year}\n类型: 季度工作总结\n季度: {quarter}")
    filled = filled.replace("2025-01-07", date).replace("2024年，我委", "本季度，我委")
    result = gen("check", "--format", "json", str(form_file(filled)))
    assert json.loads(result.out) == []


def test_topic_starter_asks_for_the_topic(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "专项.yaml"
    assert gen("init", str(target), "--类型", "专项").code == 0
    text = target.read_text(encoding="utf-8")
    assert "\n类型: 专项工作总结\n" in text and "\n主题: 请补写主题，如 爱国卫生运动\n" in text
    result = gen("check", str(target))
    assert result.code == 1
    assert f"{target}:{text[:text.index('主题: 请补写')].count(chr(10)) + 1}:5: 错误：[GEN101]" in result.err


def test_quarter_starter_from_the_command_line(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "季度.yaml"
    result = gen("init", str(target), "--类型", "季度工作总结")
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    assert "\n类型: 季度工作总结\n" in text and "\n季度: " in text
    # 没填的只有“请补写”：季度、类型、日期都对
    assert "GEN101" in gen("check", str(target)).err
    assert "“季度”" not in gen("check", str(target)).err


def test_unknown_kind_is_a_chinese_usage_error(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = gen("init", str(tmp_path / "x.yaml"), "--类型", "九月")
    assert result.code == 2
    assert "--类型 的值不对：要写内置的类型：年度工作总结、半年工作总结、工作总结和工作计划、专项工作总结、季度工作总结" in result.err
    assert "现在是“九月”" in result.err and "Traceback" not in result.err
    assert not (tmp_path / "x.yaml").exists()


def test_default_starter_is_unchanged_by_the_option() -> None:
    today = dt.date(2026, 1, 20)
    assert starter_text(today) == starter_text(today, kind=ReportKind.ANNUAL)
