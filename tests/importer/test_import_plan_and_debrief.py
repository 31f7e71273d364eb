"""导入工作计划、述职报告（issue 23）：标题认出类型，各部分归入表单的键；生成 → 导入 → 同样的键（随机的
述职人、职务、单位和各部分文字，hypothesis）。"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from conftest import minimal_form
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.importer import import_report
from generator.importer.structure import parse_subtitle, title_parts
from generator.pipeline import build_report_from_data

_CJK = st.text(alphabet="张王李赵刘陈杨黄周吴明华建国红军丽娟伟强敏静", min_size=2, max_size=4)
_UNITS = st.sampled_from(["贡觉县卫生健康委员会", "中阳县卫生健康局", "某镇卫生院", "某县疾病预防控制中心",
                          "某县教育局", "某县委组织部"])
_POSTS = st.sampled_from(["", "主任", "党组书记、主任", "局长", "副局长", "院长", "党委书记", "部长", "副主任"])
_SENTENCE = st.text(alphabet="本人坚持学习履职推进工作落实廉洁自律严守纪律，", min_size=4, max_size=40).map(
    lambda t: t.strip("，") + "。" if t.strip("，") else "本人坚持学习。")


def test_titles_give_the_kind() -> None:
    assert title_parts("中阳县卫生健康局2025年工作计划")[:3] == ("中阳县卫生健康局", 2025, "工作计划")
    assert title_parts("述职报告")[2:3] == ("述职报告",)
    assert title_parts("2024年度述职报告")[1:3] == (2024, "述职报告")
    assert title_parts("中阳县卫生健康局2024年工作总结和2025年工作计划")[2] == "工作总结和工作计划"


def test_subtitle_splits_unit_post_and_name() -> None:
    assert parse_subtitle("某县卫生健康局局长　张三") == ("某县卫生健康局", "局长", "张三")
    assert parse_subtitle("某县卫生健康委员会党委书记 王五") == ("某县卫生健康委员会", "党委书记", "王五")
    assert parse_subtitle("贡觉县卫生健康委员会　张明") == ("贡觉县卫生健康委员会", "", "张明")
    assert parse_subtitle("本人在县委、县政府的领导下认真履行岗位职责。") is None


def _round_trip(data: dict[str, Any], tmp_path: Path, suffix: str) -> dict[str, Any]:
    report = build_report_from_data(data)
    path = tmp_path / f"报告{suffix}"
    path.write_bytes(report.docx() if suffix == ".docx" else report.markdown().encode("utf-8"))
    return import_report(path).form


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(unit=_UNITS, post=_POSTS, name=_CJK, study=_SENTENCE, integrity=_SENTENCE, suffix=st.sampled_from([".docx", ".md"]))
def test_debrief_round_trip(unit: str, post: str, name: str, study: str, integrity: str, suffix: str,
                            tmp_path: Path) -> None:
    data = minimal_form(类型="述职报告", 单位=unit, 述职人=name, 职务=post or None, 学习=study, 廉洁=integrity,
                        导语="2024年，本人认真履行岗位职责。")
    form = _round_trip(data, tmp_path, suffix)
    assert (form["单位"], form.get("职务", ""), form["述职人"]) == (unit, post, name)
    assert (form["类型"], form["年度"], form["日期"]) == ("述职报告", 2024, "2025-01-07")
    assert (form["学习"], form["廉洁"]) == (study, integrity)
    assert [i["标题"] for i in form["工作开展情况"]] == ["开展健康体检"]
    assert [p if isinstance(p, str) else p["内容"] for p in form["存在的问题"]] == ["人才短缺。"]
    assert [i["标题"] for i in form["下一步工作计划"]] == ["加强人才培养"]
    assert "署名" not in form and "基本情况" not in form


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(unit=_UNITS, requirements=st.one_of(st.none(), _SENTENCE), safeguards=st.booleans(),
       suffix=st.sampled_from([".docx", ".md"]))
def test_plan_round_trip(unit: str, requirements: str | None, safeguards: bool, suffix: str, tmp_path: Path) -> None:
    data = minimal_form(类型="工作计划", 单位=unit, 年度=2025, 日期="2025-01-10", 工作开展情况=None, 存在的问题=None,
                        总体要求=requirements,
                        保障措施=[{"标题": "加强组织领导", "内容": "明确责任。"}] if safeguards else None)
    form = _round_trip(data, tmp_path, suffix)
    assert (form["单位"], form["年度"], form["类型"]) == (unit, 2025, "工作计划")
    assert form.get("总体要求") == requirements
    assert [i["标题"] for i in form["下一步工作计划"]] == ["加强人才培养"]
    assert [i["标题"] for i in form.get("保障措施", [])] == (["加强组织领导"] if safeguards else [])
    assert "工作开展情况" not in form and "存在的问题" not in form


def test_imported_plan_form_has_no_summary_parts(tmp_path: Path) -> None:
    """写出的表单里没有“工作开展情况”“存在的问题”（工作计划没有这两部分），gen check 通过。"""
    from generator.importer.emit import emit_yaml

    form = _round_trip(minimal_form(类型="工作计划", 年度=2025, 日期="2025-01-10", 工作开展情况=None,
                                    存在的问题=None), tmp_path, ".md")
    text = emit_yaml(form, source="报告.md", notes=[], tables=[])
    assert "工作开展情况" not in text and "存在的问题" not in text and "类型: 工作计划" in text
    assert io.StringIO(text).read().count("请补写") == 0
