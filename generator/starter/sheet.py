"""``gen init --指标表格 指标.xlsx``：一份空的指标样表（表头、每列的输入提示、一行示例）。"""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import Diagnostic, OutputError
from ..indicators.sheets.read import column_letter
from ..write.output import write_atomic
from ..write.sheet_text import as_text

# 列名、输入提示、列宽、示例
TEMPLATE_COLUMNS: tuple[tuple[str, str, int, str | int | None], ...] = (
    ("键", "正文里引用时用的简称，如 体检人数（正文写 {{体检人数}}），只能有汉字、字母、数字和下划线。", 14,
     "体检人数"),
    ("名称", "指标全称，如 城乡居民健康体检人数。", 28, "城乡居民健康体检人数"),
    ("本期", "本年度的数，只写数字（单位写在“单位”列）。由公式算出的指标留空。", 12, 15719),
    ("上期", "上年度的数，只写数字；没有可以留空。", 12, 7593),
    ("目标", "年度目标值，只写数字；没有可以留空。", 12, None),
    ("单位", "如 人、剂次、元、万元、%、‰。", 8, "人"),
    ("小数位", "算出的增长率等固定保留几位小数（0 到 6，末尾的 0 也保留）；不填时最多 2 位、不写末尾的 0。", 8, None),
    ("公式", "由其他指标算出时写公式，如 实种剂次 / 应种剂次 * 100；这时本期、上期、目标留空。", 30, None),
    ("越低越好", "死亡率、发病率这类越低越好的指标填“是”，其余留空。", 10, None),
)


_NUMBER_COLUMNS = ("本期", "上期", "目标")


def template_bytes() -> bytes:
    """样表的 .xlsx 内容。"""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "指标"
    header_font = Font(name="黑体", bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, (name, prompt, width, example) in enumerate(TEMPLATE_COLUMNS, start=1):
        letter = column_letter(index)
        cell = sheet.cell(row=1, column=index, value=name)
        cell.font, cell.fill = header_font, fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.column_dimensions[letter].width = width
        as_text([cell, sheet.cell(row=2, column=index, value=example)])
        number = name in _NUMBER_COLUMNS
        check = DataValidation(type="decimal" if number else None, operator="between" if number else None,
                               formula1="-999999999999999" if number else None,
                               formula2="999999999999999" if number else None,
                               allow_blank=True, showInputMessage=True, showErrorMessage=number,
                               promptTitle=name, prompt=prompt[:255],
                               errorTitle="只写数字", error="这里只写数字，单位写在“单位”列。")
        check.add(f"{letter}2:{letter}1000")
        sheet.add_data_validation(check)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_template(target: Path) -> Path:
    """写出样表；已有同名文件时不覆盖。"""
    if target.suffix.lower() != ".xlsx":
        raise OutputError(Diagnostic(
            f"指标样表要存成 .xlsx 文件，如 gen init --指标表格 指标.xlsx（现在是“{target}”）。"))
    if target.exists():
        raise OutputError(Diagnostic(f"“{target}”已经存在，没有覆盖它。要重新生成样表，请换一个文件名。"))
    return write_atomic(target, template_bytes())
