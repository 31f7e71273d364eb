"""汇总表写成 .docx：用报告的 Word 写出器，按 GB/T 9704 的附件版式排一张表（左上角“附件”，第三行居中表名）。"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..document import Block, BlockKind, Document, Run
from ..layout import mm_to_twips
from ..models import Form
from ..style_profile import StyleProfile, load_profile
from ..table_layout import minimum_width
from ..wordml import build_docx
from ..wordml.geometry import landscape, text_width_mm
from .table import Table, cell_text
from .totals import NO_FORMULA


def short_names(names: list[str]) -> list[str]:
    """去掉各县名称共同的后缀（“甲县卫生健康委员会”“乙县卫生健康委员会” → “甲县”“乙县”），表头才排得下。"""
    if len(names) < 2:
        return names
    common = 0
    while all(len(n) > common + 1 for n in names) and len({n[len(n) - common - 1] for n in names}) == 1:
        common += 1
    while common and names[0][len(names[0]) - common] in "县区市旗":  # 留下“县”“区”：“甲县”而不是“甲”
        common -= 1
    return [n[: len(n) - common] for n in names] if common else names


def to_docx(table: Table, title: str, unit: str, date: dt.date) -> bytes:
    counties = len(table.header) - 5  # 指标、单位 在前，合计、上期合计、同比 在后
    keep = [c for c in range(len(table.header)) if table.header[c] != "上期合计"]
    header = [*table.header[:2], *short_names(table.header[2:2 + counties]), *table.header[2 + counties:]]
    # 表格排在 A4 竖版的版心里：不排“上期合计”（同比已经写明变化），合计一栏的长说明换成短的，
    # 数字列才不致被挤得回行
    rows = (tuple(header[c] for c in keep),
            *[tuple("无法汇总" if row[c] == NO_FORMULA else cell_text(row[c]) for c in keep) for row in table.rows])
    doc = Document([
        Block(BlockKind.ATTACHMENT, (Run("附件"),)),
        Block(BlockKind.ATTACHMENT_TITLE, (Run(title),)),
        Block(BlockKind.TABLE, rows=rows),
    ])
    # 文件属性（作者、日期）只用到单位和日期：不为它们编一份完整的表单
    properties: dict[str, Any] = {"unit": unit, "date": date}
    form = Form.model_construct(**properties)
    return build_docx(doc, form, page_for(rows, load_profile()))


def page_for(rows: tuple[tuple[str, ...], ...], profile: StyleProfile) -> StyleProfile:
    """竖版的版心排不下（县多时，数字或两字表头要回行）就改用横版，表格按横版的版心排。
    横版也排不下时仍用横版，由表格的列宽计算按比例压缩（见 table_layout._overfull）。"""
    if minimum_width(rows, profile.sizes.table) <= mm_to_twips(text_width_mm(profile)):
        return profile
    return landscape(profile)
