"""汇总表写成 .docx：用报告的 Word 写出器，按 GB/T 9704 的附件版式排表（左上角“附件”，第三行居中表名）；
县多时横排、缩小表格字号或拆成几张续表（见 pages）。"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..form.models import Form
from ..render.document import Block, BlockKind, Document, Run
from ..write.style_profile import load_profile
from ..write.word import build_docx
from .pages import plan
from .table import Table, cell_text

CONTINUED = "续表"


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
    # 表格要排进 A4 的版心（竖版、横版、小一号字或拆成几张，见 pages.plan）：不排“上期合计”
    # （同比已经写明变化），合计一栏的长说明换成短的，数字列才不致被挤得回行
    rows = (tuple(header[c] for c in keep),
            *[tuple("无法汇总" if str(row[c]).startswith("无法汇总（") else cell_text(row[c], places) for c in keep)
              for row, places in zip(table.rows, table.places, strict=True)])
    layout = plan(rows, load_profile())
    blocks = [Block(BlockKind.ATTACHMENT, (Run("附件"),)), Block(BlockKind.ATTACHMENT_TITLE, (Run(title),))]
    for number, part in enumerate(layout.parts):
        if number:  # 拆开的表：另起一页，左上角“续表”，表头照样有“指标”“单位”
            blocks.append(Block(BlockKind.ATTACHMENT, (Run(CONTINUED),)))
        blocks.append(Block(BlockKind.TABLE, rows=part))
    # 文件属性（作者、日期）只用到单位和日期：不为它们编一份完整的表单
    properties: dict[str, Any] = {"unit": unit, "date": date}
    form = Form.model_construct(**properties)
    return build_docx(Document(blocks), form, layout.profile, fit_tables=False)  # 字号、方向已由 plan 选好
