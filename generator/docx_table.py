"""Word 表格（主要指标完成情况表）：列宽按内容定，行高取整数个行格，表头跨页重复，行不跨页。"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

from .document import Block
from .docx_xml import add_run, child, east_asian_run
from .layout import mm_to_twips, pt_to_twips
from .style_profile import StyleProfile
from .table_layout import CELL_MARGIN_TWIPS, cell_line_twips, column_widths, line_count, row_height
from .wordml.geometry import STYLE_TABLE_TEXT, text_width_mm


def write_table(word: Any, block: Block, profile: StyleProfile) -> None:
    if not block.rows:
        return
    columns = max(len(row) for row in block.rows)
    size = profile.sizes.table
    pitch = pt_to_twips(profile.line_pitch)
    line = cell_line_twips(size, pitch)
    table = word.add_table(rows=len(block.rows), cols=columns)
    tbl_pr = table._tbl.tblPr
    width = mm_to_twips(text_width_mm(profile))
    child(tbl_pr, "w:tblW", w=str(width), type="dxa")
    child(tbl_pr, "w:jc", val="center")
    borders = child(tbl_pr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        child(borders, f"w:{edge}", val="single", sz="4", space="0", color="000000")
    child(tbl_pr, "w:tblLayout", type="fixed")
    margins = child(tbl_pr, "w:tblCellMar")
    for side, value in (("top", 0), ("left", CELL_MARGIN_TWIPS), ("bottom", 0),
                        ("right", CELL_MARGIN_TWIPS)):
        child(margins, f"w:{side}", w=str(value), type="dxa")
    widths = column_widths(block.rows, width, size)
    for grid_col, column in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=False):
        grid_col.set(qn("w:w"), str(column))
    style_id = word.styles[STYLE_TABLE_TEXT].style_id
    for r, (row, cells) in enumerate(zip(block.rows, table.rows, strict=True)):
        texts = [row[c] if c < len(row) else "" for c in range(columns)]
        lines = max(line_count(text, widths[c], size) for c, text in enumerate(texts))
        tr_pr = cells._tr.get_or_add_trPr()
        child(tr_pr, "w:cantSplit")  # 一行不拆到两页
        child(tr_pr, "w:trHeight", val=str(row_height(lines, line, pitch)), hRule="atLeast")
        if r == 0:
            child(tr_pr, "w:tblHeader")  # 表头在每页重复
        for c, cell in enumerate(cells.cells):
            tc_pr = cell._tc.get_or_add_tcPr()
            child(tc_pr, "w:tcW", w=str(widths[c]), type="dxa")
            child(tc_pr, "w:vAlign", val="center")
            paragraph = cell.paragraphs[0]
            child(paragraph._p.get_or_add_pPr(), "w:pStyle", val=style_id)
            east_asian_run(add_run(paragraph, texts[c]))
