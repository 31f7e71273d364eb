"""季度工作总结（issue 23）：要写“季度”（1 到 4 或 第一季度……），标题自动生成为“单位+年度+第X季度工作总结”，
一级标题是“第X季度工作开展情况”“下一季度工作计划”（第四季度的下一季度是次年第一季度）；别的类型不写季度。"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from conftest import REPO, minimal_form
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import FormError
from generator.form.periods import parse_quarter, quarter_end, quarter_window
from generator.pipeline import build_report, build_report_from_data

QUARTER_FORM = {"类型": "季度工作总结", "季度": 1, "日期": "2024-04-08"}


def headings(markdown: str) -> list[str]:
    return re.findall(r"^## (.+)$", markdown, re.M)


@pytest.mark.parametrize("written, quarter", [
    (1, 1), ("1", 1), ("第一季度", 1), ("一季度", 1), ("第1季度", 1), (" 第 二 季度 ", 2), ("Q3", 3), ("q3", 3),
    ("４", 4), ("第四季", 4), ("四", 4),
])
def test_quarter_written_in_the_usual_ways(written: Any, quarter: int) -> None:
    report = build_report_from_data(minimal_form(**{**QUARTER_FORM, "季度": written, "日期": "2025-01-10"}))
    assert report.form.quarter == quarter
    name = "一二三四"[quarter - 1]
    assert report.markdown().startswith(f"# 贡觉县卫生健康委员会2024年第{name}季度工作总结\n")


@pytest.mark.parametrize("quarter, work, plans", [
    (1, "一、第一季度工作开展情况", "三、第二季度工作计划"),
    (2, "一、第二季度工作开展情况", "三、第三季度工作计划"),
    (3, "一、第三季度工作开展情况", "三、第四季度工作计划"),
    (4, "一、第四季度工作开展情况", "三、2025年第一季度工作计划"),
])
def test_headings_follow_the_quarter(quarter: int, work: str, plans: str) -> None:
    markdown = build_report_from_data(minimal_form(**{**QUARTER_FORM, "季度": quarter})).markdown()
    assert headings(markdown) == [work, "二、存在的问题", plans]


def test_other_kinds_render_as_before() -> None:
    """没有“季度”的表单：标题和各部分与原来相同（逐字节的比较在金样里）。"""
    markdown = build_report_from_data(minimal_form()).markdown()
    assert markdown.startswith("# 贡觉县卫生健康委员会2024年度工作总结\n")
    assert headings(markdown) == ["一、工作开展情况", "二、存在的问题", "三、下一步工作计划"]


@pytest.mark.parametrize("changes, message, line", [
    ({"类型": "季度工作总结"}, "表单里缺少“季度”：类型是季度工作总结时要写是哪个季度，如 季度: 1（即第一季度）", None),
    ({"类型": "季度工作总结", "季度": 5},
     "“季度”：现在填的是“5”，写 1 到 4 的数字，或 第一季度、第二季度、第三季度、第四季度", None),
    ({"类型": "季度工作总结", "季度": "第五季度"}, "现在填的是“第五季度”，写 1 到 4 的数字", None),
    ({"类型": "季度工作总结", "季度": True}, "现在填的是“true”，写 1 到 4 的数字", None),
    ({"类型": "季度工作总结", "季度": 0}, "现在填的是“0”", None),
    ({"类型": "季度工作总结", "季度": "前三季度"}, "现在填的是“前三季度”", None),
    ({"季度": 2}, "只有季度工作总结才写“季度”：请把“类型”改为 季度工作总结，或删掉“季度”", None),
    ({"类型": "专项工作总结", "主题": "安全生产", "季度": "第一季度"}, "只有季度工作总结才写“季度”", None),
])
def test_quarter_errors_are_located(changes: dict[str, Any], message: str, line: int | None) -> None:
    with pytest.raises(FormError) as caught:
        build_report_from_data(minimal_form(**changes))
    d = caught.value.diagnostics[0]
    assert message in d.message
    assert d.line is not None and (line is None or d.line == line)
    if "季度" in changes:
        assert d.source_line is not None and d.source_line.startswith("季度:")
    else:  # 缺少季度：指到“类型”那一行
        assert d.source_line == "类型: 季度工作总结" and d.column == 5


def test_example_is_a_fourth_quarter_summary() -> None:
    report = build_report(REPO / "examples" / "贡觉县-2024第四季度.yaml")
    assert report.form.display_title == "贡觉县卫生健康委员会2024年第四季度工作总结"
    assert report.warnings == []
    assert headings(report.markdown()) == ["一、第四季度工作开展情况", "二、存在的问题", "三、2025年第一季度工作计划"]


@pytest.mark.parametrize("quarter, end, last", [
    (1, dt.date(2025, 3, 31), dt.date(2025, 4, 30)), (2, dt.date(2025, 6, 30), dt.date(2025, 7, 31)),
    (3, dt.date(2025, 9, 30), dt.date(2025, 10, 31)), (4, dt.date(2025, 12, 31), dt.date(2026, 1, 31)),
])
def test_quarter_end_and_window(quarter: int, end: dt.date, last: dt.date) -> None:
    assert quarter_end(2025, quarter) == end
    assert quarter_window(2025, quarter) == (end, last)


def _schema_pattern() -> re.Pattern[str]:
    schema = json.loads((REPO / "schemas" / "gen-form.schema.json").read_text(encoding="utf-8"))
    choices = schema["properties"]["季度"]["anyOf"]
    assert {"type": "integer", "minimum": 1, "maximum": 4} in choices
    return re.compile(next(c["pattern"] for c in choices if c.get("type") == "string"))


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(st.one_of(st.text(alphabet="第一二三四五前季度Qq1234５６０ 　季", max_size=8), st.text(max_size=6)))
def test_schema_never_accepts_what_the_form_rejects(text: str) -> None:
    """VS Code 按 Schema 提示的写法 gen 一定认；gen 认不出的不会被 Schema 放过（parse_quarter 从不出错）。"""
    if _schema_pattern().search(text):
        assert parse_quarter(text) in (1, 2, 3, 4), text
    assert parse_quarter(text) in (None, 1, 2, 3, 4)


QUARTER_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-5, 9), st.floats(allow_nan=True),
                           st.sampled_from(["第一季度", "一季度", "Q4", "第五季度", "前三季度", "", " ", "{{甲}}"]),
                           st.text(max_size=10), st.lists(st.integers(1, 4), max_size=2))


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(["季度工作总结", "年度工作总结", "专项工作总结", "半年工作总结", "季度", ""]), QUARTER_VALUES,
       st.one_of(st.none(), st.text(max_size=8)))
def test_kind_quarter_and_topic_render_or_fail_cleanly(kind: str, quarter: Any, topic: str | None) -> None:
    """任意的类型、季度、主题组合：要么生成，要么是带行号的中文错误（与 tests/test_fuzz.py 的约定相同）。"""
    data = minimal_form(类型=kind, 主题=topic, 日期="2025-01-10")
    if quarter is not None:
        data["季度"] = quarter
    try:
        report = build_report_from_data(data)
    except FormError as exc:
        for diagnostic in exc.diagnostics:
            assert diagnostic.line is not None, diagnostic.format()
            assert re.search(r"[\u4e00-\u9fff]", diagnostic.message), diagnostic.message
        return
    assert report.form.kind.value == "季度工作总结" or report.form.quarter is None
    title = report.markdown().splitlines()[0]
    assert "{{" not in title and (report.form.quarter is None or f"{report.form.quarter_name}工作总结" in title)
