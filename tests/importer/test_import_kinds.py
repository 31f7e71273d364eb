"""gen import 从标题认类型（issue 23）：季度工作总结（季度）、专项工作总结（主题）；年度、半年、
“工作总结和工作计划”的标题不被误认成专项。规则在 generator/importer/kinds.py。"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, require_seeds, seed_params
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.api import build_report, build_report_from_data
from generator.importer import import_report
from generator.importer.structure import classify, title_kind

ANNUAL, HALF, PLAN, TOPIC, QUARTER = "年度工作总结", "半年工作总结", "工作总结和工作计划", "专项工作总结", "季度工作总结"

# 标题 → (类型, 主题, 季度)。包括种子报告里的写法和网上常见的各种标题
TITLES = [
    ("贡觉县卫生健康委员会 2024 年度工作总结", ANNUAL, "", None),
    ("中阳县卫生健康局2024年工作总结与2025年工作计划", PLAN, "", None),
    ("2022年县卫健委年工作总结和工作计划【完整版】", PLAN, "", None),
    ("县卫健委2021年工作总结和2022年工作计划", PLAN, "", None),
    ("某局2024年工作总结和2025年工作计划", PLAN, "", None),
    ("2024年度工作总结", ANNUAL, "", None),
    ("2024年工作总结", ANNUAL, "", None),
    ("某某县教育局2024年度工作总结", ANNUAL, "", None),
    ("某某县教育局2024年工作总结", ANNUAL, "", None),
    ("某某县教育局2024年全年工作总结", ANNUAL, "", None),
    ("某某县教育局2024年工作情况总结", ANNUAL, "", None),
    ("某某县教育局2024年各项工作总结", ANNUAL, "", None),
    ("某某县教育局2024年教育工作总结", ANNUAL, "", None),
    ("某旗卫生健康委员会2022年卫生健康工作总结", ANNUAL, "", None),
    ("2022年某旗卫生健康委员会卫生健康工作总结", ANNUAL, "", None),
    ("县卫健委2021年卫生健康工作总结", ANNUAL, "", None),
    ("某县卫生健康局2024年卫生健康事业工作总结", ANNUAL, "", None),
    ("某县市场监督管理局2024年市场监管工作总结", ANNUAL, "", None),
    ("石泉县教育局2023年上半年工作总结", HALF, "", None),
    ("某局2024年半年工作总结", HALF, "", None),
    ("某局2024年前三季度工作总结", ANNUAL, "", None),
    ("某局2024年三、四季度工作总结", ANNUAL, "", None),
    ("某局2024年1-10月工作总结", ANNUAL, "", None),
    ("霍山县卫生健康委员会2024年爱国卫生运动工作总结", TOPIC, "爱国卫生运动", None),
    ("2024年霍山县卫生健康委员会爱国卫生运动工作总结", TOPIC, "爱国卫生运动", None),
    ("县卫健委2024年爱国卫生工作总结", TOPIC, "爱国卫生", None),
    ("某某县教育局2024年度安全生产工作总结", TOPIC, "安全生产", None),
    ("某某县教育局2024年党风廉政建设工作总结", TOPIC, "党风廉政建设", None),
    ("某某县教育局2024年教育信息化工作总结", ANNUAL, "", None),  # 以单位的业务开头：宁可当年度（标题照原样保留）
    ("贡觉县卫生健康委员会2024年第四季度工作总结", QUARTER, "", 4),
    ("某局2024年第一季度工作总结", QUARTER, "", 1),
    ("某局2024年一季度工作总结", QUARTER, "", 1),
    ("某局2024年第2季度工作总结", QUARTER, "", 2),
    ("2024年第三季度某局工作总结", QUARTER, "", 3),
    ("某局2024年第一季度工作总结及第二季度工作计划", QUARTER, "", 1),
    ("某局2024年工作总结暨2025年第一季度工作计划", PLAN, "", None),
]


@pytest.mark.parametrize("title, kind, subject, quarter", TITLES, ids=[t[0] for t in TITLES])
def test_title_kind(title: str, kind: str, subject: str, quarter: int | None) -> None:
    got_kind, _, got_subject, got_quarter = title_kind(title)
    assert (got_kind, got_subject, got_quarter) == (kind, subject, quarter)


@pytest.mark.parametrize("report", seed_params())
def test_seed_reports_are_not_read_as_topic_or_quarter(report: Path | None) -> None:
    if report is None:  # 全新克隆里没有 ../shared：本地跳过，CI=true 时失败
        require_seeds()
        return
    kind = import_report(report).form.get("类型", ANNUAL)
    assert kind in (ANNUAL, PLAN)


@pytest.mark.parametrize("name", ["贡觉县-2024第四季度", "霍山县-2024-爱国卫生运动"])
@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_round_trip_keeps_kind_topic_quarter_and_headings(name: str, suffix: str, tmp_path: Path) -> None:
    """生成 → 导入 → 再生成：类型、主题、季度相同，标题和各部分的一级标题相同，表单里不必写“标题”。"""
    report = build_report(REPO / "examples" / f"{name}.yaml")
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(report.docx() if suffix == ".docx" else report.markdown().encode("utf-8"))
    imported = import_report(path).form
    keys = ("单位", "年度", "类型", "主题", "季度")
    original = {"单位": report.form.unit, "年度": report.form.year, "类型": report.form.kind.value,
                "主题": report.form.topic, "季度": report.form.quarter}
    assert {key: imported.get(key) for key in keys} == original
    assert "标题" not in imported
    again = build_report_from_data(imported)
    assert again.form.display_title == report.form.display_title

    def headings(markdown: str) -> list[str]:
        return [line for line in markdown.splitlines() if line.startswith("#")]

    assert headings(again.markdown()) == headings(report.markdown())


UNITS = st.sampled_from(["", "某某县教育局", "贡觉县卫生健康委员会", "县卫健委", "中阳县卫生健康局", "某旗卫生健康委员会",
                         "某县市场监督管理局", "霍山县人民政府办公室"])
YEARS = st.integers(2000, 2099)
SPACE = st.sampled_from(["", " ", "  ", "\u3000"])
ANNUAL_ENDS = st.sampled_from(["年度工作总结", "年工作总结", "年全年工作总结", "年工作情况总结", "年度工作总结报告",
                               "年各项工作总结", "年工作总结和{next}年工作计划", "年工作总结与{next}年工作计划",
                               "年工作总结及{next}年工作打算", "年上半年工作总结", "年半年工作总结", "年前三季度工作总结",
                               "年工作总结暨{next}年第一季度工作计划"])


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(UNITS, YEARS, SPACE, ANNUAL_ENDS, st.booleans())
def test_annual_titles_are_never_read_as_topic(unit: str, year: int, space: str, end: str, year_first: bool) -> None:
    rest = end.format(next=year + 1)
    title = f"{year}{space}{rest[0]}{unit}{rest[1:]}" if year_first else f"{unit}{space}{year}{space}{rest}"
    kind, _, subject, quarter = title_kind(title)
    assert kind != TOPIC and not subject and quarter is None, title


OWN_FIELDS = st.sampled_from([("贡觉县卫生健康委员会", "卫生健康"), ("县卫健委", "卫生健康"), ("某某县教育局", "教育"),
                               ("某县市场监督管理局", "市场监管"), ("中阳县卫生健康局", "卫生健康事业"),
                               ("某旗卫生健康委员会", "卫生健康系统")])


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(OWN_FIELDS, YEARS, SPACE, st.sampled_from(["年", "年度"]), st.sampled_from(["工作总结", "总结"]))
def test_own_field_is_not_a_topic(pair: tuple[str, str], year: int, space: str, after: str, end: str) -> None:
    """单位自己的业务（卫健委的“卫生健康工作”）：年度工作总结，不是专项。"""
    unit, field = pair
    kind, _, subject, _ = title_kind(f"{unit}{space}{year}{after}{field}{end}")
    assert (kind, subject) == (ANNUAL, "")


QUARTERS = st.sampled_from([("第一季度", 1), ("一季度", 1), ("第二季度", 2), ("第2季度", 2), ("三季度", 3),
                            ("第四季度", 4), ("4季度", 4)])


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(UNITS, YEARS, SPACE, QUARTERS, st.sampled_from(["工作总结", "工作总结及下季度工作计划", "工作情况总结"]))
def test_quarter_titles(unit: str, year: int, space: str, written: tuple[str, int], end: str) -> None:
    kind, _, subject, quarter = title_kind(f"{unit}{space}{year}年{space}{written[0]}{end}")
    assert (kind, subject, quarter) == (QUARTER, "", written[1])


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.text(alphabet=st.sampled_from(list("2024年度第一二三四季度上半前工作总结计划和与及某局委县卫生健康爱国运动 \u3000、-")),
               max_size=40) | st.text(max_size=40))
def test_any_title_never_crashes(title: str) -> None:
    kind, topic, subject, quarter = title_kind(title)
    assert kind in (ANNUAL, HALF, PLAN, TOPIC, QUARTER, "工作计划", "述职报告")  # 后两个见 test_import_plan_and_debrief.py
    assert not subject or subject in topic  # 主题取自话题
    assert (kind == TOPIC) == bool(subject) and (quarter is not None) == (kind == QUARTER)
    assert quarter in (None, 1, 2, 3, 4)
    assert subject == "" or "工作总结" not in subject


@pytest.mark.parametrize("heading, part", [
    ("一季度工作完成情况", "工作开展情况"), ("第一季度工作开展情况", "工作开展情况"), ("第一季度主要工作", "工作开展情况"),
    ("第二季度工作计划", "下一步工作计划"), ("下一季度工作打算", "下一步工作计划"), ("2025年第一季度工作计划", "下一步工作计划"),
])
def test_quarter_section_headings(heading: str, part: str) -> None:
    assert classify(heading) == part


def test_quarter_report_text_is_imported(tmp_path: Path) -> None:
    """网站上常见的季度总结写法：“一季度”、各部分叫“完成情况”“下一季度工作打算”。标题与自动生成的不同，原样保留。"""
    report = tmp_path / "一季度.txt"
    report.write_text("\n\n".join([
        "某某县卫生健康局2024年一季度工作总结",
        "一季度，我局围绕年度目标扎实推进各项工作。现将有关情况报告如下。",
        "一、一季度工作完成情况", "（一）开展健康体检。组织体检3200人。", "（二）推进项目建设。两个项目开工。",
        "二、存在的问题", "人才短缺。",
        "三、下一季度工作打算", "（一）继续开展体检。扩大覆盖面。",
        "某某县卫生健康局", "2024年4月8日"]) + "\n", encoding="utf-8")
    form = import_report(report).form
    assert (form["类型"], form["季度"], form["年度"], form["日期"]) == (QUARTER, 1, 2024, "2024-04-08")
    assert form["标题"] == "某某县卫生健康局2024年一季度工作总结" and "主题" not in form
    assert [item["标题"] for item in form["工作开展情况"]] == ["开展健康体检", "推进项目建设"]
    assert [item["标题"] for item in form["下一步工作计划"]] == ["继续开展体检"]
    again = build_report_from_data(form)
    assert again.warnings == [] and again.form.quarter_name == "第一季度"
