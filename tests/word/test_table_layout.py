"""表格版式的纯计算（不需要 Word）：列宽、回行估计、行高对齐行格。"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.write.word.table_layout import (
    BORDER_TWIPS,
    CELL_MARGIN_TWIPS,
    CELL_PADDING_TWIPS,
    cell_line_twips,
    column_widths,
    line_count,
    one_line_twips,
    row_height,
    tokens,
)

HEADER = ("指标", "单位", "本期", "上期", "同比", "目标", "完成情况")
TOTAL = 8845  # 156 毫米版心，缇
SMALL4 = Decimal(12)
PITCH = 579


def _check(rows: list[tuple[str, ...]], widths: list[int]) -> None:
    assert sum(widths) == TOTAL
    for c, name in enumerate(HEADER):
        if len(name) == 2:
            assert line_count(name, widths[c], SMALL4) == 1, f"表头“{name}”回行"
        if name in ("单位", "本期", "上期", "目标"):
            for row in rows[1:]:
                assert line_count(row[c], widths[c], SMALL4) == 1, f"{name}“{row[c]}”回行"


def test_example_like_table() -> None:
    rows = [HEADER,
            ("城乡居民健康体检人数", "人", "15719", "7593", "增长107.02%", "—", "—"),
            ("常规疫苗接种率", "%", "88.64", "72.62", "提高16.02个百分点", "90", "完成年度目标任务的98.49%"),
            ("寿星老人补贴资金", "元", "567900", "—", "—", "—", "—")]
    widths = column_widths(rows, TOTAL, SMALL4)
    _check(rows, widths)
    # 以前所有列按同一比例缩放、不计单元格边距：752 缇的列放不下 30 磅宽的数字
    assert widths[2] - 2 * CELL_MARGIN_TWIPS >= 20 * 3 * 12, "“567900”要 3 个字宽以上"
    assert all(line_count(row[c], widths[c], SMALL4) <= 2 for row in rows for c in (0, 4, 6))


def test_number_is_one_token_and_punctuation_sticks_to_it() -> None:
    assert tokens("增长107.02%") == ["增长", "107.02%"]
    assert tokens("（完成率100.07%）") == ["（完成率", "100.07%）"]


def test_text_columns_wrap_between_words() -> None:
    """文字列只在词与词之间回行：不出现“白内障手术人 / 数”“常规疫苗接种 / 率”“家庭 / 医 / 生”。"""
    assert tokens("白内障手术人数") == ["白内障", "手术", "人数"]
    assert tokens("常规疫苗接种率") == ["常规", "疫苗", "接种率"]
    assert tokens("家庭医生重点人群签约服务人数") == ["家庭", "医生", "重点", "人群", "签约", "服务", "人数"]
    assert tokens("提高16.02个百分点") == ["提高", "16.02个", "百分点"]


@pytest.mark.parametrize(("digits", "floor"), [(5, 6), (7, 4), (9, 2)])
def test_name_column_floor_with_large_figures(digits: int, floor: int) -> None:
    """数字很大时“指标”列仍有六个字宽（以前只剩两个字宽：“家庭/医生/重点/人群/签约/服务/人数”）。
    三列七位、九位数在 156 毫米版心、小四字里放不下六个字的指标列：数字不回行优先，指标列得到剩下的全部宽度
    （七位数四个多字、九位数两个多字）。报告的指标表这时改用五号字或横版（table_fit，见 test_table_fit.py）。"""
    number = "1234567890"[:digits]
    rows = [HEADER, *[("家庭医生重点人群签约服务人数", "人", number, number, "增长107.02%", number,
                       "超额完成102.88%")] * 3]
    widths = column_widths(rows, TOTAL, SMALL4)
    _check(rows, widths)
    room = widths[0] - 2 * CELL_MARGIN_TWIPS
    assert room >= floor * 12 * 20, f"指标列只有 {room / 240:.1f} 个字宽"
    for c in (2, 3, 5, 4, 6):
        assert all(line_count(t, widths[c], SMALL4) <= (1 if c < 4 else 2) for t in (rows[1][c],)), "数字不回行"


def test_widths_grow_with_content() -> None:
    assert one_line_twips("1234567890", SMALL4) > one_line_twips("12345", SMALL4) > 2 * CELL_MARGIN_TWIPS


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(
    st.text(alphabet="城乡居民健康体检人数疫苗接种率“”（）", min_size=1, max_size=30),
    st.sampled_from(["人", "人次", "%", "元", "万元", "‰"]),
    st.decimals(min_value=0, max_value=99999999, places=2).map(str),
    st.integers(min_value=0, max_value=99999999).map(str),
    st.sampled_from(["—", "增长107.02%", "下降5%", "提高16.02个百分点", "持平"]),
    st.integers(min_value=0, max_value=99999999).map(str),
    st.sampled_from(["—", "完成年度目标任务的98.49%", "超额完成年度目标任务（完成率100.07%）"]),
), min_size=1, max_size=40))
def test_numbers_and_headers_never_wrap(body: list[tuple[str, ...]]) -> None:
    rows = [HEADER, *body]
    _check(rows, column_widths(rows, TOTAL, SMALL4))


def test_absurd_input_still_returns_full_width() -> None:
    """极长的名称或数字：不崩溃、总宽不变（数字太长时才不得不回行）。"""
    for row in (("测" * 20000, "人", "1", "2", "—", "3", "—"), ("名称", "人", "1" * 400, "2", "—", "3", "—")):
        assert sum(column_widths([HEADER, row], TOTAL, SMALL4)) == TOTAL


def test_rows_are_whole_grid_lines() -> None:
    line = cell_line_twips(SMALL4, PITCH)
    assert 2 * line + BORDER_TWIPS <= PITCH, "小四两行字加框线放得进一个行格"
    assert line >= 12 * 20 * 1.15
    # 单元格上下各留 CELL_PADDING_TWIPS：一行字一个行格；两行字不再贴着表格线挤进一格，占两格
    assert row_height(1, line, PITCH) == PITCH
    assert line + 2 * CELL_PADDING_TWIPS + BORDER_TWIPS <= PITCH
    assert row_height(2, line, PITCH) == 2 * PITCH and row_height(3, line, PITCH) == 2 * PITCH
    assert cell_line_twips(Decimal(14), PITCH) == PITCH - BORDER_TWIPS, "四号字每格一行"
