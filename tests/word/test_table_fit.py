"""指标表的字号和页面方向（write/word/table_fit）：竖版小四 → 竖版五号 → 横版（单独一节）；
横版那一节用转了 90 度的页码（footer3、footer4）；不用这项的文件逐字节不变（金样）。"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from conftest import minimal_form
from hypothesis import given, settings
from hypothesis import strategies as st
from variants import figures_form

from generator.api import build_report_from_data
from generator.write.style_profile import load_profile
from generator.write.word.geometry import landscape, text_width_mm
from generator.write.word.layout import mm_to_twips
from generator.write.word.table_fit import SMALLEST, fit_table
from generator.write.word.table_layout import floor_fits

HEADER = ("指标", "单位", "本期", "上期", "同比", "目标", "完成情况")
PROFILE = load_profile()
PORTRAIT = mm_to_twips(text_width_mm(PROFILE))
WIDE = mm_to_twips(text_width_mm(landscape(PROFILE)))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def rows_with(number: str) -> list[tuple[str, ...]]:
    return [HEADER, *[("家庭医生重点人群签约服务人数", "万元", number, number, "增长107.02%", number,
                       "超额完成102.88%")] * 3]


@pytest.mark.parametrize(("number", "size", "wide"), [
    ("12345", Decimal(12), False),           # 五位整数：小四、竖版
    ("1234567.12", SMALLEST, False),         # 七位带小数：竖版放不下六个字的指标列，改五号
    ("123456789.12", Decimal(12), True),     # 九位带小数：五号也放不下，横版、小四
])
def test_size_then_landscape(number: str, size: Decimal, wide: bool) -> None:
    fit = fit_table(rows_with(number), PROFILE)
    assert (fit.size, fit.wide) == (size, wide)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="家庭医生签约服务人数率", min_size=1, max_size=16),
                          st.integers(0, 10**12)), min_size=1, max_size=6))
def test_the_choice_is_the_first_that_keeps_the_floor(rows: list[tuple[str, int]]) -> None:
    table = [HEADER, *[(name, "人", str(n), str(n), "增长3%", str(n), "完成96.5%") for name, n in rows]]
    fit = fit_table(table, PROFILE)
    tried = [(s, False) for s in (Decimal(12), SMALLEST)] + [(s, True) for s in (Decimal(12), SMALLEST)]
    index = tried.index((fit.size, fit.wide))
    for size, wide in tried[:index]:  # 前面的排法都放不下下限
        assert not floor_fits(table, WIDE if wide else PORTRAIT, size)
    if not floor_fits(table, WIDE if fit.wide else PORTRAIT, fit.size):
        assert (fit.size, fit.wide) == (SMALLEST, True)  # 都放不下：横版、五号


@pytest.mark.parametrize("place", [True, "正文"])
def test_wide_table_is_its_own_landscape_section(place: object, tmp_path: Path) -> None:
    from openxml_audit import OpenXmlValidator

    data = build_report_from_data(figures_form(9, place, count=5)).docx()
    package = zipfile.ZipFile(io.BytesIO(data))
    assert {"word/footer3.xml", "word/footer4.xml"} <= set(package.namelist())
    assert b'vert="vert"' in package.read("word/footer3.xml")
    document = docx.Document(io.BytesIO(data))
    sections = document.sections
    assert [s.orientation.name for s in sections] == (["PORTRAIT", "LANDSCAPE"] if place is True
                                                      else ["PORTRAIT", "LANDSCAPE", "PORTRAIT"])
    wide = sections[1]
    assert (wide.page_width, wide.page_height) == (sections[0].page_height, sections[0].page_width)
    assert [document.tables[0].cell(0, c).text for c in range(7)] == list(HEADER)
    target = tmp_path / "横排表格.docx"
    target.write_bytes(data)
    audit = OpenXmlValidator(strict=True).validate(target)
    assert audit.is_valid, [e.description for e in audit.errors]


def test_reports_without_wide_tables_have_no_extra_footers() -> None:
    data = build_report_from_data(minimal_form(指标=[{"键": "a", "名称": "门诊人次", "本期": 5, "上期": 4}],
                                               指标表=True)).docx()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "word/footer3.xml" not in names and "word/footer2.xml" in names
