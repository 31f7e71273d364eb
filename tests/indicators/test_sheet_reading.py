"""指标表格读出的是 Excel 里看到的：百分比格式、第一个可见的工作表、没有缓存值的公式；读之前先查大小；
每种损坏都是指明文件（和单元格）的中文消息，没有库的英文。"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import VALID_FORM
from openpyxl import Workbook

ENGLISH = re.compile(r"Traceback|Error|Exception|Warning|openpyxl|should|field larger|BadZip|Workbook")


def form_with_sheet(folder: Path, name: str = "指标.xlsx", body: str = "全年体检{{体检}}，比上年{{体检.同比}}。") -> Path:
    path = folder / "表单.yaml"
    text = VALID_FORM.replace("指标:\n  - 键: 体检人数\n    名称: 城乡居民健康体检人数\n    本期: 15719\n    上期: 7593\n"
                              "    单位: 人\n", f"指标文件: {name}\n")
    path.write_text(text.replace("全年体检{{体检人数}}。", body), encoding="utf-8")
    return path


def book(rows: list[list[Any]], *, hidden_first: bool = False) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    if hidden_first:
        sheet.title = "旧表"
        sheet.append(["键", "名称", "本期", "上期", "单位"])
        sheet.append(["体检", "隐藏表", 1, 1, "人"])
        sheet.sheet_state = "hidden"
        sheet = workbook.create_sheet("指标")
    else:
        sheet.title = "指标"
    for row in [["键", "名称", "本期", "上期", "单位"], *rows]:
        sheet.append(row)
    return workbook


def clean(result: Any) -> str:
    text = str(result.err) + str(result.out)
    assert "内部出错" not in text and ENGLISH.search(text) is None, text
    return text


def test_percent_format_is_read_as_shown(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workbook = book([["体检", "体检率", 0.8864, 0.7262, "%"]])
    for cell in ("C2", "D2"):
        workbook["指标"][cell].number_format = "0.00%"  # Excel 显示 88.64%、72.62%
    workbook.save(tmp_path / "指标.xlsx")
    out = tmp_path / "out.md"
    result = gen("report", str(form_with_sheet(tmp_path)), "-f", "md", "-o", str(out))
    assert result.code == 0, clean(result)
    assert "全年体检88.64%，比上年提高16.02个百分点。" in out.read_text(encoding="utf-8")


def test_first_visible_sheet_is_read(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book([["体检", "健康体检人数", 15719, 7593, "人"]], hidden_first=True).save(tmp_path / "指标.xlsx")
    out = tmp_path / "out.md"
    assert gen("report", str(form_with_sheet(tmp_path)), "-f", "md", "-o", str(out)).code == 0
    assert "全年体检15719人，比上年增长107.02%。" in out.read_text(encoding="utf-8")


def test_formula_without_cached_value_is_located(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workbook = book([["体检", "健康体检人数", 15719, "=C2/2", "人"]])  # openpyxl 不算公式：没有缓存值
    workbook.save(tmp_path / "指标.xlsx")
    result = gen("check", str(form_with_sheet(tmp_path)))
    assert result.code == 1
    assert f"{tmp_path / '指标.xlsx'}:指标!D2: 错误：D2 是公式，但文件里没有保存计算结果" in clean(result)


@pytest.mark.parametrize("damage", ["truncated", "bad_number", "shared_string", "no_cell_styles", "not_zip"])
def test_damaged_xlsx_is_a_chinese_message(damage: str, gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    book([["体检", "健康体检人数", 15719, 7593, "人"]]).save(buffer)
    parts = {n: zipfile.ZipFile(buffer).read(n) for n in zipfile.ZipFile(buffer).namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    if damage == "truncated":
        parts[sheet] = parts[sheet][: len(parts[sheet]) // 2]
    elif damage == "bad_number":
        parts[sheet] = parts[sheet].replace(b"<v>15719</v>", b"<v>abc</v>")
    elif damage == "shared_string":
        parts[sheet] = parts[sheet].replace(b't="n"><v>15719</v>', b't="s"><v>99999</v>')
    elif damage == "no_cell_styles":
        parts["xl/styles.xml"] = re.sub(rb"<cellStyles .*?</cellStyles>", b"", parts["xl/styles.xml"])
    target = tmp_path / "指标.xlsx"
    if damage == "not_zip":
        target.write_bytes(b"PK\x03\x04 not really a zip")
    else:
        with zipfile.ZipFile(target, "w") as package:
            for name, data in parts.items():
                package.writestr(name, data)
    result = gen("check", str(form_with_sheet(tmp_path)))
    text = clean(result)
    if damage == "no_cell_styles":  # 能读：只是不能在标准错误上印 openpyxl 的英文警告
        assert result.code == 0 and "UserWarning" not in text
        return
    assert result.code == 1
    assert f"{target}: 错误：" in text


def test_parts_are_measured_before_parsing(gen, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from generator.indicators.sheets import xlsx

    monkeypatch.setattr(xlsx, "PART_LIMITS", (("xl/worksheets/", 100), ("xl/sharedStrings", 100), ("xl/styles", 100)))
    book([["体检", "健康体检人数", 15719, 7593, "人"]]).save(tmp_path / "指标.xlsx")
    result = gen("check", str(form_with_sheet(tmp_path)))
    assert result.code == 1
    assert re.search(r"这份 \.xlsx 文件里的“xl/(worksheets/sheet1|styles)\.xml”解压后有 0\.0 MB，超过了 gen 读指标表格的上限",
                     clean(result))


def test_csv_size_cap(gen, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from generator.indicators.sheets import read

    monkeypatch.setattr(read, "CSV_LIMIT", 1_000_000)
    (tmp_path / "指标.csv").write_text("键,名称,本期\n" + "体检,体检,1\n" * 200_000, encoding="utf-8")  # 3.2 MB
    result = gen("check", str(form_with_sheet(tmp_path, "指标.csv")))
    assert result.code == 1
    assert f"{tmp_path / '指标.csv'}: 错误：这个 CSV 文件有 3 MB，超过了 gen 读指标表格的上限（1 MB）" in clean(result)


@pytest.mark.parametrize(("content", "where", "message"), [
    ("键,名称,本期\n体检,体\x0b检,1\n", "B2", "这个单元格里有看不见的控制字符（编码 0x0b）"),
    ('键,名称,本期\n体检,"' + "x" * 140_000 + "\n", "2", "有一个单元格超过了 13 万字"),
])
def test_csv_problems_are_located(content: str, where: str, message: str, gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "指标.csv").write_text(content, encoding="utf-8")
    result = gen("check", str(form_with_sheet(tmp_path, "指标.csv")))
    assert result.code == 1
    assert f"{tmp_path / '指标.csv'}:{where}: 错误：" in clean(result) and message in result.err


@pytest.mark.parametrize("blank", ["", " ''", " null", " ~"])
def test_blank_formula_is_an_error_at_its_line(blank: str, gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    form = tmp_path / "表单.yaml"
    form.write_text(VALID_FORM.replace("    单位: 人\n", f"    单位: 人\n  - 键: 率\n    名称: 率\n    公式:{blank}\n", 1),
                    encoding="utf-8")
    result = gen("check", str(form))
    line = VALID_FORM.splitlines().index("    单位: 人") + 4
    assert result.code == 1
    assert f"{form}:{line}:5: 错误：指标“率”的“公式:”后面是空的" in clean(result)


def test_duplicate_key_points_at_the_second_one(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    form = tmp_path / "表单.yaml"
    extra = "  - 键: 体检人数\n    名称: 又一个\n    本期: 1\n"
    form.write_text(VALID_FORM.replace("    单位: 人\n", "    单位: 人\n" + extra, 1), encoding="utf-8")
    line = VALID_FORM.splitlines().index("    单位: 人") + 2
    result = gen("check", str(form))
    assert f"{form}:{line}:" in clean(result) and "指标的键“体检人数”重复了" in result.err


def test_sheet_in_a_folder_named_x_is_not_a_placeholder(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "x").mkdir()
    book([["体检", "健康体检人数", 15719, 7593, "人"]]).save(tmp_path / "x" / "指标.xlsx")
    result = gen("check", str(form_with_sheet(tmp_path, "x/指标.xlsx")))
    assert result.code == 0, clean(result)


def test_merged_cells_over_indicator_rows_are_refused(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workbook = book([["体检", "健康体检人数", 15719, 7593, "人"], ["签约", "签约人数", 100, 90, None]])
    workbook["指标"].merge_cells("E2:E3")  # 单位“人”合并了两行：第 3 行在 gen 看来没有单位
    workbook.save(tmp_path / "指标.xlsx")
    result = gen("check", str(form_with_sheet(tmp_path)))
    assert result.code == 1
    assert f"{tmp_path / '指标.xlsx'}:指标!E2: 错误：E2:E3 是合并的单元格（跨了几行）" in clean(result)


def test_hidden_rows_and_columns_are_read_and_mentioned(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workbook = book([["体检", "健康体检人数", 15719, 7593, "人"], ["签约", "签约人数", 100, 90, "人"]])
    sheet = workbook["指标"]
    sheet.row_dimensions[3].hidden = True
    sheet.column_dimensions["D"].hidden = True
    workbook.save(tmp_path / "指标.xlsx")
    out = tmp_path / "out.md"
    result = gen("report", str(form_with_sheet(tmp_path, body="签约{{签约}}，上年{{签约.上期}}。")), "-f", "md",
                 "-o", str(out))
    assert result.code == 0, clean(result)
    assert "签约100人，上年90人。" in out.read_text(encoding="utf-8")
    assert f"{tmp_path / '指标.xlsx'}:指标!A3: 警告：第 3 行在 Excel 里是隐藏的，gen 照样读入了" in result.err
    assert "D 列在 Excel 里是隐藏的，gen 照样读入了" in result.err
