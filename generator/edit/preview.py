"""预览：把 :class:`~generator.render.document.Document` 写成 HTML。

与 Word 文件出自同一份结构，文字、序号和代入的数字完全相同；版式（A4、仿宋、每页 22 行 × 28 字）
由 ``static/editor.css`` 近似，分页由 ``static/preview.js`` 按行高排。
"""

from __future__ import annotations

from html import escape

from ..render.document import Block, BlockKind, Document

_CLASSES = {
    BlockKind.TITLE: "title", BlockKind.SUBTITLE: "subtitle", BlockKind.HEADING1: "h1", BlockKind.PARAGRAPH: "p",
    BlockKind.SIGNATURE: "signature", BlockKind.DATE: "date", BlockKind.ATTACHMENT_NOTE: "attachment-note",
    BlockKind.ATTACHMENT: "attachment", BlockKind.ATTACHMENT_TITLE: "attachment-title",
}


def document_html(document: Document) -> str:
    return "\n".join(_block(block) for block in document.blocks)


def _block(block: Block) -> str:
    if block.kind is BlockKind.TABLE:
        return _table(block)
    runs = "".join(f'<span class="run{run.level}">{escape(run.text)}</span>' if run.level else escape(run.text)
                   for run in block.runs)
    tag = "h1" if block.kind is BlockKind.TITLE else "h2" if block.kind is BlockKind.HEADING1 else "p"
    return f'<{tag} class="{_CLASSES[block.kind]}">{runs}</{tag}>'


def _table(block: Block) -> str:
    if not block.rows:
        return ""
    head, *body = block.rows
    cells = "".join(f"<th>{escape(cell)}</th>" for cell in head)
    rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in body)
    return f'<table class="indicators"><thead><tr>{cells}</tr></thead><tbody>{rows}</tbody></table>'
