"""工作计划、述职报告（issue 23）：哪些部分必填、哪些不能写随类型而定，错误带位置；标题、各部分的序号和名称。"""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import REPO, minimal_form
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import FormError
from generator.form.kinds import NOT_IN, ONLY_FOR, REQUIRED, SUMMARY_PARTS
from generator.pipeline import build_report, build_report_from_data
from generator.render.document import BlockKind

ITEMS = [{"标题": "示例工作", "内容": "内容。"}]


def plan(**changes: Any) -> dict[str, Any]:
    return minimal_form(**{"类型": "工作计划", "年度": 2025, "日期": "2025-01-10", "工作开展情况": None,
                           "存在的问题": None, **changes})


def debrief(**changes: Any) -> dict[str, Any]:
    return minimal_form(**{"类型": "述职报告", "述职人": "张明", "学习": "本人坚持学习。", "廉洁": "本人严守纪律。",
                           **changes})


def headings(markdown: str) -> list[str]:
    return re.findall(r"^## (.+)$", markdown, re.M)


def test_plan_title_and_parts() -> None:
    markdown = build_report_from_data(plan(总体要求="坚持以人民健康为中心。", 保障措施=ITEMS)).markdown()
    assert markdown.startswith("# 贡觉县卫生健康委员会2025年工作计划\n")
    assert headings(markdown) == ["一、总体要求", "二、主要任务", "三、保障措施"]
    assert "**（一）加强人才培养**。" in markdown and "**（一）示例工作**。" in markdown


def test_plan_without_optional_parts_is_numbered_from_one() -> None:
    report = build_report_from_data(plan())
    assert headings(report.markdown()) == ["一、主要任务"]
    assert report.warnings == []


def test_debrief_title_subtitle_parts_and_signature() -> None:
    report = build_report_from_data(debrief(职务="党组书记、主任"))
    blocks = report.document.blocks
    assert [b.kind for b in blocks[:2]] == [BlockKind.TITLE, BlockKind.SUBTITLE]
    assert blocks[0].text == "述职报告" and blocks[1].text == "贡觉县卫生健康委员会党组书记、主任　张明"
    assert headings(report.markdown()) == ["一、加强学习，提高政治素质", "二、履职尽责，推动工作落实",
                                           "三、严守纪律，廉洁自律", "四、存在的不足", "五、下一步打算"]
    assert report.document.of_kind(BlockKind.SIGNATURE)[0].text == "张明"
    assert report.document.of_kind(BlockKind.DATE)[0].text == "2025年1月7日"


def test_debrief_without_post_shows_unit_and_name() -> None:
    blocks = build_report_from_data(debrief()).document.blocks
    assert blocks[1].kind is BlockKind.SUBTITLE and blocks[1].text == "贡觉县卫生健康委员会　张明"


def test_debrief_other_sections_and_table_continue_the_numbering() -> None:
    data = debrief(其他章节=[{"标题": "获得荣誉", "内容": "获评先进个人。"}], 指标表="正文",
                   指标=[{"键": "人数", "名称": "体检人数", "本期": 10, "单位": "人"}])
    assert headings(build_report_from_data(data).markdown()) == [
        "一、加强学习，提高政治素质", "二、履职尽责，推动工作落实", "三、主要指标完成情况", "四、获得荣誉",
        "五、严守纪律，廉洁自律", "六、存在的不足", "七、下一步打算"]


def test_summary_without_kind_renders_as_before() -> None:
    """没有“类型”的表单（年度工作总结）：三部分，没有副标题（Word、Markdown 金样另外逐字节比较）。"""
    report = build_report_from_data(minimal_form())
    assert headings(report.markdown()) == ["一、工作开展情况", "二、存在的问题", "三、下一步工作计划"]
    assert not report.document.of_kind(BlockKind.SUBTITLE)


@pytest.mark.parametrize("data, key, message", [
    (plan(下一步工作计划=None), "类型", "类型是工作计划时要写“下一步工作计划”（每项一个“标题”），请补上。"),
    (plan(工作开展情况=ITEMS), "工作开展情况",
     "工作计划没有“工作开展情况”这一部分：主要任务写在“下一步工作计划”下面；要同时总结上一年的工作，"
     "把“类型”改为 工作总结和工作计划；或删掉“工作开展情况”。"),
    (plan(存在的问题=["人才短缺。"]), "存在的问题", "工作计划没有“存在的问题”这一部分"),
    (plan(基本情况="全县有医院3所。"), "基本情况", "工作计划没有“基本情况”这一部分：形势和目标写在“总体要求”里"),
    (debrief(述职人=None), "类型", "类型是述职报告时要写“述职人”（述职人的姓名，如 述职人: 张明），请补上。"),
    (debrief(述职人=" "), "类型", "类型是述职报告时要写“述职人”"),
    (debrief(学习=None), "类型", "类型是述职报告时要写“学习”（“一、加强学习，提高政治素质”的正文），请补上。"),
    (debrief(廉洁=None), "类型", "类型是述职报告时要写“廉洁”"),
    (debrief(存在的问题=None), "类型", "类型是述职报告时要写“存在的问题”（存在的不足，每条一项），请补上。"),
    (debrief(基本情况="任职三年。"), "基本情况", "述职报告没有“基本情况”这一部分：任职的基本情况写在“导语”里"),
    (minimal_form(述职人="张明"), "述职人", "只有述职报告才写“述职人”：请把“类型”改为 述职报告，或删掉“述职人”。"),
    (minimal_form(保障措施=ITEMS), "保障措施", "只有工作计划才写“保障措施”"),
    (minimal_form(类型="半年工作总结", 总体要求="要求。"), "总体要求", "只有工作计划才写“总体要求”"),
    (minimal_form(工作开展情况=None), None, "表单里缺少必填项“工作开展情况”，请补上。"),
    (minimal_form(存在的问题=[]), "存在的问题", "“存在的问题”至少要填写 1 项。"),
])
def test_part_errors_follow_the_kind_and_are_located(data: dict[str, Any], key: str | None, message: str) -> None:
    with pytest.raises(FormError) as caught:
        build_report_from_data(data)
    found = [d for d in caught.value.diagnostics if message in d.message]
    assert len(found) == 1, [d.message for d in caught.value.diagnostics]
    d = found[0]
    assert d.line is not None and d.column is not None
    if key is not None:
        assert d.source_line is not None and d.source_line.startswith(f"{key}:")


def test_all_part_errors_are_reported_at_once() -> None:
    """缺几个、多几个都一次报出，与别的校验错误（写错的日期）一起。"""
    data = debrief(学习=None, 廉洁=None, 保障措施=ITEMS, 日期="2025-13-01")
    with pytest.raises(FormError) as caught:
        build_report_from_data(data)
    messages = [d.message for d in caught.value.diagnostics]
    assert ("类型是述职报告时要写“学习”“廉洁”，请补上（学习：“一、加强学习，提高政治素质”的正文；"
            "廉洁：“三、严守纪律，廉洁自律”的正文）。") in messages
    assert sum("只有工作计划才写“保障措施”" in m for m in messages) == 1
    assert any("这一天不存在" in m for m in messages)


_KEYS = sorted({*SUMMARY_PARTS, *ONLY_FOR, "基本情况"})
_VALUES: dict[str, Any] = {"工作开展情况": ITEMS, "存在的问题": ["问题。"], "下一步工作计划": ITEMS, "保障措施": ITEMS,
                           "总体要求": "要求。", "学习": "学习。", "廉洁": "廉洁。", "述职人": "张明", "职务": "局长",
                           "基本情况": "情况。"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(["年度工作总结", "工作计划", "述职报告"]), keys=st.sets(st.sampled_from(_KEYS)))
def test_any_combination_of_parts(kind: str, keys: set[str]) -> None:
    """随便哪些部分写了、哪些没写：错误恰好是缺少的必填部分和这一类型没有的部分，每条都有行号；没有错误就能生成。"""
    data = {"单位": "某县卫生健康委员会", "年度": 2025, "类型": kind, "日期": "2025-01-10", "导语": "导语。",
            **{key: _VALUES[key] for key in keys}}
    required = REQUIRED.get(kind, SUMMARY_PARTS)
    missing = {key for key in required if key not in keys}
    extra = {key for key in keys if key in NOT_IN.get(kind, ()) or ONLY_FOR.get(key, kind) != kind}
    try:
        report = build_report_from_data(data)
    except FormError as exc:
        assert missing or extra
        named = {key for key in (*missing, *extra) for d in exc.diagnostics
                 if f"“{key}”" in d.message.split("，请补上")[0]}
        assert named == missing | extra
        assert all(d.line is not None for d in exc.diagnostics)
        return
    assert not missing and not extra
    assert report.markdown().startswith("# ")


def test_examples_of_the_new_kinds() -> None:
    plan_report = build_report(REPO / "examples" / "中阳县-2025-工作计划.yaml")
    assert plan_report.form.display_title == "中阳县卫生健康局2025年工作计划"
    debrief_report = build_report(REPO / "examples" / "张明-2024-述职报告.yaml")
    assert debrief_report.form.display_title == "述职报告"
    assert plan_report.warnings == [] and debrief_report.warnings == []
