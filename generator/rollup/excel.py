"""汇总表写成 .xlsx：数字格式、冻结表头、列宽合适；第二个工作表列出提示。"""

from __future__ import annotations

import io
from decimal import Decimal

from ..errors import display_width
from ..write.sheet_text import as_text
from .table import Table, cell_text


def to_xlsx(table: Table, notes: list[tuple[str, str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "汇总"
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append(table.header)
    as_text(sheet[1])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    for row, places in zip(table.rows, table.places, strict=True):
        sheet.append([_number(v) if isinstance(v, Decimal) else v for v in row])
        as_text(sheet[sheet.max_row])
        fmt = "0" if places == 0 else "0." + "0" * places
        for cell, value in zip(sheet[sheet.max_row], row, strict=True):
            cell.border = border
            if isinstance(value, Decimal) and isinstance(cell.value, float):
                cell.number_format = fmt
            elif isinstance(value, Decimal):
                cell.alignment = Alignment(horizontal="right")
            elif (cell.column or 0) > 2:
                cell.alignment = Alignment(horizontal="center")
    widths = [max(display_width(cell_text(v)) for v in column) for column in zip(table.header, *table.rows,
                                                                                       strict=True)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(60, width + 3)
    sheet.freeze_panes = "B2"
    notes_sheet = book.create_sheet("提示")
    notes_sheet.append(["位置", "提示"])
    for cell in notes_sheet[1]:
        cell.font = Font(bold=True)
    for where, message in notes:
        notes_sheet.append([where, message])
        as_text(notes_sheet[notes_sheet.max_row])
    notes_sheet.column_dimensions["A"].width = 40
    notes_sheet.column_dimensions["B"].width = 100
    notes_sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _number(value: Decimal) -> float | str:
    """Excel 的数是双精度浮点数（约 15 位有效数字）：存不准的数（如 99999999999999.99）写成文字，
    照原样显示，而不是悄悄变成 …98。"""
    number = float(value)
    return number if Decimal(repr(number)) == value else cell_text(value)
