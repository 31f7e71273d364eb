"""渲染：三种类型的章节名、编号、要点、子项、问题的写法、转义，以及中间结构。"""

from __future__ import annotations

import re
from typing import Any

import pytest
from markdown_it import MarkdownIt

from generator.api import build_report_from_data, render_markdown
from generator.form.numbering import chinese_number, split_typed_number
from generator.render.document import BlockKind, escape_markdown, parse_document


def base(**changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "单位": "贡觉县卫生健康委员会",
        "年度": 2024,
        "导语": "2024年，我委扎实推进各项工作。",
        "工作开展情况": [{"标题": "强化理论武装", "内容": "全年集中学习25次。"}],
        "存在的问题": ["人才短缺"],
        "下一步工作计划": [{"标题": "加强人才培养"}],
        "日期": "2025-01-07",
    }
    form.update(changes)
    return form


def headings(markdown: str) -> list[str]:
    return re.findall(r"^## (.+)$", markdown, flags=re.M)


@pytest.mark.parametrize("kind,title,sections", [
    ("年度工作总结", "贡觉县卫生健康委员会2024年度工作总结",
     ["一、工作开展情况", "二、存在的问题", "三、下一步工作计划"]),
    ("半年工作总结", "贡觉县卫生健康委员会2024年上半年工作总结",
     ["一、上半年工作开展情况", "二、存在的问题", "三、下半年工作计划"]),
    ("工作总结和工作计划", "贡觉县卫生健康委员会2024年工作总结和2025年工作计划",
     ["一、2024年工作开展情况", "二、存在的问题", "三、2025年工作计划"]),
])
def test_kind_decides_title_and_sections(kind: str, title: str, sections: list[str]) -> None:
    markdown = render_markdown(base(类型=kind))
    assert markdown.splitlines()[0] == f"# {title}"
    assert headings(markdown) == sections


def test_explicit_title_wins() -> None:
    assert render_markdown(base(标题="关于2024年卫生健康工作的总结")).startswith(
        "# 关于2024年卫生健康工作的总结\n")


def test_overview_and_extra_sections_renumber() -> None:
    markdown = render_markdown(base(基本情况="全县共有医疗机构150家。",
                                    其他章节=[{"标题": "获得荣誉。", "内容": "获评先进单位。"}]))
    assert headings(markdown) == ["一、基本情况", "二、工作开展情况", "三、获得荣誉", "四、存在的问题",
                                  "五、下一步工作计划"]


def test_items_points_and_children_are_numbered() -> None:
    work = [
        {"标题": "第一项", "内容": "总述。", "要点": ["甲", "乙；", "丙。"]},
        {"标题": "第二项。", "子项": [
            {"标题": "子一", "内容": "说明。", "子项": [{"标题": "孙一", "内容": "细节。"}]},
            {"标题": "子二"},
        ]},
    ]
    markdown = render_markdown(base(工作开展情况=work))
    assert "**（一）第一项**。总述。一是甲；二是乙；三是丙。" in markdown
    assert "**（二）第二项**。\n" in markdown
    assert "**1.子一**。说明。" in markdown
    assert "**（1）孙一**。细节。" in markdown
    assert "**2.子二**。" in markdown


def test_multi_paragraph_content() -> None:
    markdown = render_markdown(base(工作开展情况=[{"标题": "甲", "内容": "第一段。\n\n第二段。"}]))
    assert "**（一）甲**。第一段。\n\n第二段。\n" in markdown


def test_yaml_folding_spaces_between_chinese_are_removed() -> None:
    markdown = render_markdown(base(导语="坚持人民至上， 围绕中心工作 推进 Health China 建设。"))
    assert "坚持人民至上，围绕中心工作推进 Health China 建设。" in markdown


def test_plain_problems_become_one_paragraph() -> None:
    markdown = render_markdown(base(存在的问题=["人才短缺。", "群众健康意识淡薄；", "医共体推进缓慢"]))
    assert "一是人才短缺；二是群众健康意识淡薄；三是医共体推进缓慢。" in markdown


def test_problems_with_solutions_get_run_in_headings() -> None:
    markdown = render_markdown(base(存在的问题=[
        {"内容": "人才短缺。高学历人才不足。", "解决思路": "加强人才引进"},
        "设备使用率不高",
    ]))
    assert "**（一）人才短缺**。高学历人才不足。解决思路：加强人才引进。" in markdown
    assert "**（二）设备使用率不高**。" in markdown


def test_signature_and_date() -> None:
    report = build_report_from_data(base(署名="贡觉县卫健委", 结束语="特此报告。"))
    kinds = [b.kind for b in report.document.blocks]
    assert kinds[-2:] == [BlockKind.SIGNATURE, BlockKind.DATE]
    assert report.document.blocks[-1].text == "2025年1月7日"
    assert report.document.blocks[-2].text == "贡觉县卫健委"
    assert report.markdown().endswith("特此报告。\n\n贡觉县卫健委\n\n2025年1月7日\n")


def test_signature_defaults_to_unit() -> None:
    report = build_report_from_data(base())
    assert report.document.of_kind(BlockKind.SIGNATURE)[0].text == "贡觉县卫生健康委员会"


def test_run_in_heading_levels_in_document() -> None:
    report = build_report_from_data(base(工作开展情况=[
        {"标题": "甲", "内容": "正文", "子项": [{"标题": "乙", "子项": [{"标题": "丙"}]}]}]))
    paragraphs = report.document.of_kind(BlockKind.PARAGRAPH)
    leads = [(p.runs[0].text, p.runs[0].level) for p in paragraphs if p.heading_run]
    assert leads[:3] == [("（一）甲。", 2), ("1.乙。", 3), ("（1）丙。", 4)]
    assert paragraphs[1].runs[1].text == "正文。"  # 缺少的句号自动补上


SPECIAL = "1. 第一 *强调* _下划线_ #号 [链接](x) <b>标签</b> `代码` | 竖线 {.署名} \\ & &amp; ~~删~~ !"


def test_clerk_text_is_never_interpreted_as_markup() -> None:
    report = build_report_from_data(base(导语=SPECIAL, 工作开展情况=[{"标题": "# 不是标题", "内容": SPECIAL}]))
    paragraphs = report.document.of_kind(BlockKind.PARAGRAPH)
    assert paragraphs[0].text == SPECIAL
    assert paragraphs[1].text == "（一）# 不是标题。" + SPECIAL
    # 网站用的 Markdown 也要显示出原文
    html = MarkdownIt("commonmark").render(report.markdown())
    assert "<em>" not in html and "<a " not in html and "<b>" not in html and "<ol" not in html


def test_escape_round_trip_through_parser() -> None:
    for text in [SPECIAL, "- 不是列表", "+加号", "2024.年", "==", "12) 括号"]:
        doc = parse_document(escape_markdown(text) + "\n")
        assert doc.blocks[0].text == text


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in (1, 9, 10, 11, 19, 20, 21, 99)] == [
        "一", "九", "十", "十一", "十九", "二十", "二十一", "九十九"]
    markdown = render_markdown(base(工作开展情况=[{"标题": f"第{i}项工作"} for i in range(1, 13)]))
    assert "**（十二）第12项工作**。" in markdown
    assert "**（十）第10项工作**。" in markdown


@pytest.mark.parametrize("typed,rest", [
    ("一是加强培训", ("一是", "加强培训")),
    ("（一）加强培训", ("（一）", "加强培训")),
    ("(一)加强培训", ("(一)", "加强培训")),
    ("（一）、加强培训", ("（一）、", "加强培训")),
    ("一、加强培训", ("一、", "加强培训")),
    ("1.加强培训", ("1.", "加强培训")),
    ("1、加强培训", ("1、", "加强培训")),
    ("（1）加强培训", ("（1）", "加强培训")),
    ("①加强培训", ("①", "加强培训")),
    ("第一，加强培训", ("第一，", "加强培训")),
    ("2024年加强培训", ("", "2024年加强培训")),
    ("1.5万人参加培训", ("", "1.5万人参加培训")),
    ("第一批试点", ("", "第一批试点")),
    ("一是", ("", "一是")),
])
def test_typed_numbers_are_recognised(typed: str, rest: tuple[str, str]) -> None:
    assert split_typed_number(typed) == rest


def test_line_breaks_in_run_in_text_cannot_make_markup() -> None:
    """模糊测试发现：“解决思路”里的换行加“- 标题”曾被当成 Markdown 列表，渲染失败且没有位置。
    办事员文字里的换行一律接成一行，文字原样留在同一段里（汉字之间的半角冒号改成全角）。"""
    report = build_report_from_data(base(存在的问题=[
        {"内容": "人才短缺。", "解决思路": "引进人才\n\n  - 标题: 甲\n\n# 乙\n1. 丙 and\nEnglish"}]))
    problems = [b for b in report.document.blocks if "人才短缺" in b.text]
    assert len(problems) == 1
    assert problems[0].text.endswith("解决思路：引进人才- 标题：甲# 乙1. 丙 and English。")
    assert escape_markdown("甲\n乙") == "甲乙"
