"""gen edit 的指标表格：表单里指标的每一项都能在表格里改（只改那一行），上移下移，
旁边只读显示与文档同出一处的同比、完成率，以及“指标文件”里的指标。"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import VALID_FORM
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_edit_server import ORIGIN, client

from generator.edit.fields import _load
from generator.edit.guard import Refused
from generator.edit.indicators import COLUMNS, edit_indicator
from generator.indicators.model import Indicator

TWO = VALID_FORM.replace("    单位: 人\n", """\
    单位: 人
  # 第二个指标的说明
  - 键: 门诊人次
    名称: 门诊诊疗人次
    本期: 1200
    上期: 1000
    目标: 1500
""")


def edit(form: Path, text: str, **body: object) -> tuple[int, dict[str, object]]:
    response = client(form).post("/api/indicator", json={"text": text, **body}, headers=ORIGIN)
    return response.status_code, response.json()


def test_table_has_every_key_an_indicator_can_have() -> None:
    aliases = {field.alias for field in Indicator.model_fields.values()}
    assert set(COLUMNS) == aliases and len(COLUMNS) == len(aliases)


@pytest.mark.parametrize(("column", "value", "old", "new"), [
    ("小数位", "1", "    单位: 人\n", "    单位: 人\n    小数位: 1\n"),
    ("公式", "门诊人次 / 10", "    单位: 人\n", "    单位: 人\n    公式: 门诊人次 / 10\n"),
    ("表述", "{{本期}}，{{同比}}", "    单位: 人\n", "    单位: 人\n    表述: '{{本期}}，{{同比}}'\n"),
    ("说明", "卫健局统计", "    单位: 人\n", "    单位: 人\n    说明: 卫健局统计\n"),
    ("越低越好", "true", "    单位: 人\n", "    单位: 人\n    越低越好: true\n"),
    ("允许负数", "true", "    单位: 人\n", "    单位: 人\n    允许负数: true\n"),
    ("允许超过100", "false", "", ""),
])
def test_every_column_is_written_on_its_own_line(form_file, column: str, value: str, old: str, new: str) -> None:
    assert edit(form_file(), VALID_FORM, action="set", index=0, column=column, value=value) \
        == (200, {"text": VALID_FORM.replace(old, new)})


def test_unticking_a_switch_removes_its_line(form_file) -> None:
    text = VALID_FORM.replace("    单位: 人\n", "    单位: 人\n    越低越好: true  # 死亡率\n")
    assert edit(form_file(), text, action="set", index=0, column="越低越好", value="false") \
        == (200, {"text": VALID_FORM})


def test_formula_indicator_may_leave_the_current_value_empty(form_file) -> None:
    text = TWO.replace("    目标: 1500\n", "    目标: 1500\n    公式: 体检人数 / 10\n")
    status, body = edit(form_file(), text, action="set", index=1, column="本期", value="")
    assert (status, body) == (200, {"text": text.replace("    本期: 1200\n", "")})


@pytest.mark.parametrize(("body", "message"), [
    ({"column": "小数位", "value": "7"}, "“小数位”填 0 到 6 的整数，如 2。"),
    ({"column": "小数位", "value": "二"}, "“小数位”填 0 到 6 的整数，如 2。"),
    ({"column": "越低越好", "value": "是"}, "“越低越好”只能是 true 或 false。"),
    ({"column": "本期", "value": ""}, "“本期”是必填的，不能清空。"),
    ({"column": "颜色", "value": "红"}, "只能在表格里编辑这几列：键、名称、本期、上期、目标、单位、小数位、公式、越低越好、表述、说明、"
                                     "允许负数、允许超过100。"),
])
def test_bad_cells_are_refused(form_file, body: dict[str, object], message: str) -> None:
    assert edit(form_file(), VALID_FORM, action="set", index=0, **body) == (400, {"error": message})


def test_rows_move_up_and_down_with_their_lines(form_file) -> None:
    first = "  - 键: 体检人数\n    名称: 城乡居民健康体检人数\n    本期: 15719\n    上期: 7593\n    单位: 人\n"
    second = "  - 键: 门诊人次\n    名称: 门诊诊疗人次\n    本期: 1200\n    上期: 1000\n    目标: 1500\n"
    swapped = TWO.replace(first + "  # 第二个指标的说明\n" + second, second + "  # 第二个指标的说明\n" + first)
    assert edit(form_file(), TWO, action="down", index=0) == (200, {"text": swapped})
    assert edit(form_file(), TWO, action="up", index=1) == (200, {"text": swapped})
    assert edit(form_file(), TWO, action="up", index=0) == (400, {"error": "已经是第一个或最后一个指标，不能再移动。"})
    assert edit(form_file(), TWO, action="down", index=1) == (400, {"error": "已经是第一个或最后一个指标，不能再移动。"})


def test_check_shows_every_column_and_the_documents_computed_wording(form_file) -> None:
    text = TWO.replace("    单位: 人\n", "    单位: 人\n    越低越好: false\n    小数位: 1\n").replace(
        "指标:\n", "指标表: 附件\n指标:\n")
    result = client(form_file()).post("/api/check", json={"name": "表单.yaml", "text": text}, headers=ORIGIN).json()
    outline = result["outline"]
    assert outline["indicators"] == [
        {"键": "体检人数", "名称": "城乡居民健康体检人数", "本期": "15719", "上期": "7593", "单位": "人",
         "小数位": "1", "越低越好": "false"},
        {"键": "门诊人次", "名称": "门诊诊疗人次", "本期": "1200", "上期": "1000", "目标": "1500"}]
    assert outline["computed"] == {"体检人数": {"同比": "增长107.0%", "完成率": "—"},
                                   "门诊人次": {"同比": "增长20%", "完成率": "完成80%"}}
    # 与文档附件里“主要指标完成情况表”的同一格一字不差
    assert "<td>增长107.0%</td>" in result["preview"] and "<td>完成80%</td>" in result["preview"]
    assert outline["indicator_file"] is None and outline["sheet_indicators"] == []
    assert result["attributes"] == ["名称", "本期", "上期", "目标", "增减", "同比", "完成率", "万元", "亿元", "表述"]
    assert result["sentence_names"] == ["名称", "本期", "上期", "目标", "增减", "同比", "完成率", "万元", "亿元"]


def test_indicators_from_the_indicator_file_are_shown_read_only(form_file, tmp_path: Path) -> None:
    (tmp_path / "指标.csv").write_text("键,名称,本期,上期,目标,单位\n实种剂次,实际接种剂次,1981,1800,2000,剂次\n",
                                      encoding="utf-8")
    text = VALID_FORM.replace("指标:\n", "指标文件: 指标.csv\n指标:\n")
    result = client(form_file(text)).post("/api/check", json={"name": "表单.yaml", "text": text},
                                          headers=ORIGIN).json()
    outline = result["outline"]
    assert outline["indicator_file"] == "指标.csv"
    assert outline["sheet_indicators"] == [{"键": "实种剂次", "名称": "实际接种剂次", "本期": "1981", "单位": "剂次",
                                            "上期": "1800", "目标": "2000"}]
    assert outline["computed"]["实种剂次"] == {"同比": "增长10.06%", "完成率": "完成99.05%"}
    assert [row["键"] for row in outline["indicators"]] == ["体检人数"]
    assert result["keys"] == ["体检人数", "实种剂次"]  # {{ 自动补全也提供表格里的指标
    sheet = VALID_FORM.replace("指标:\n", "指标文件: {路径: 指标.xlsx, 工作表: 2024}\n指标:\n")
    found = client(form_file(sheet)).post("/api/check", json={"name": "表单.yaml", "text": sheet},
                                          headers=ORIGIN).json()
    assert found["outline"]["indicator_file"] == "指标.xlsx（工作表 2024）"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(action=st.sampled_from(["set", "add", "delete", "up", "down", "move", None]),
       index=st.one_of(st.integers(-1, 3), st.booleans(), st.none(), st.text(max_size=2)),
       column=st.one_of(st.sampled_from(COLUMNS), st.text(max_size=3), st.none()),
       value=st.one_of(st.text(max_size=12), st.sampled_from(["true", "false", "3", "-1.5", "{{本期}}", "a\nb", "'", "#"]),
                       st.integers(), st.none()))
def test_random_edits_give_readable_yaml_or_a_chinese_refusal(action: object, index: object, column: object,
                                                              value: object) -> None:
    """任何请求：要么得到仍能读进来的表单（其余部分不变），要么得到一句中文的拒绝，从不抛别的异常。"""
    try:
        text = edit_indicator(TWO, index, column, value, action)
    except Refused as refused:
        assert refused.status in (400, 422) and re.search(r"[\u4e00-\u9fff]", refused.message)
        return
    data = _load(text)
    assert list(data) == list(_load(TWO))
    assert text.split("工作开展情况:")[1] == TWO.split("工作开展情况:")[1]
