"""专项工作总结：要写“主题”，标题自动生成为“单位 + 年度 + 主题 + 工作总结”；别的类型不写主题。"""

from __future__ import annotations

import re

import pytest
from conftest import REPO, minimal_form

from generator.errors import FormError
from generator.pipeline import build_report, build_report_from_data


def test_title_and_sections() -> None:
    markdown = build_report_from_data(minimal_form(类型="专项工作总结", 主题="安全生产")).markdown()
    assert markdown.startswith("# 贡觉县卫生健康委员会2024年安全生产工作总结\n")
    assert re.findall(r"^## (.+)$", markdown, re.M) == ["一、工作开展情况", "二、存在的问题", "三、下一步工作计划"]


@pytest.mark.parametrize("changes, message, line", [
    ({"类型": "专项工作总结"}, "表单里缺少“主题”：类型是专项工作总结时要写主题，如 主题: 爱国卫生运动", None),
    ({"类型": "专项工作总结", "主题": " "}, "类型是专项工作总结时要写“主题”", None),
    ({"主题": "安全生产"}, "只有专项工作总结才写“主题”", None),
    ({"类型": "专项工作总结", "主题": "安全\n生产"}, "只能写一行", None),
])
def test_topic_errors_are_located(changes: dict[str, str], message: str, line: int | None) -> None:
    with pytest.raises(FormError) as caught:
        build_report_from_data(minimal_form(**changes))
    d = caught.value.diagnostics[0]
    assert message in d.message
    assert d.line is not None and (line is None or d.line == line)
    if "主题" in changes:
        assert d.source_line is not None and d.source_line.startswith("主题:")
    else:  # 缺少主题：指到“类型”那一行
        assert d.source_line == "类型: 专项工作总结" and d.column == 5


def test_example_is_a_topic_summary() -> None:
    report = build_report(REPO / "examples" / "霍山县-2024-爱国卫生运动.yaml")
    assert report.form.display_title == "霍山县卫生健康委员会2024年爱国卫生运动工作总结"
    assert report.warnings == []
