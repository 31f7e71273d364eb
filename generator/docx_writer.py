"""Word 输出（经 python-docx 的旧写出器）：只留作 tests/test_wordml.py 的对照，gen 自己用 :mod:`generator.wordml`，
两者写出的字节必须相同。

从随包发布的底稿 ``templates/docx/base.docx`` 出发（不用 python-docx 自带模板），
样式、页面、页码全部由 :class:`StyleProfile` 决定；输出逐字节可重复。
分工：``docx_styles``（页面、样式、页码）、``docx_table``（表格）、``docx_parts``（字体表、zip），
本模块按顺序写出各个段落。
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import docx

from .document import Block, BlockKind, Document
from .docx_parts import deterministic_zip, write_font_table
from .docx_styles import define_styles, footers, page_setup
from .docx_table import write_table
from .docx_xml import add_paragraph, add_run, child, east_asian_run, style_id
from .layout import break_title, signature_indents, title_line_limit
from .models import Form
from .resources import templates_dir
from .style_profile import StyleProfile
from .wordml.geometry import (
    CHAR_HEADING2,
    CHAR_HEADING3,
    STYLE_ATTACHMENT_LABEL,
    STYLE_ATTACHMENT_TITLE,
    STYLE_BODY,
    STYLE_DATE,
    STYLE_HEADING1,
    STYLE_SIGNATURE,
    STYLE_TITLE,
    char_twips,
    text_width_mm,
)


def build_docx(doc: Document, form: Form, profile: StyleProfile) -> bytes:
    """生成 .docx 文件内容。同样的输入总是得到同样的字节。"""
    word = docx.Document(str(templates_dir() / "docx" / "base.docx"))
    page_setup(word, profile)
    define_styles(word, profile)
    footers(word, profile)
    write_font_table(word, profile)
    _content(word, doc, profile)
    _core_properties(word, form, doc.title)
    buffer = io.BytesIO()
    word.save(buffer)
    return deterministic_zip(buffer.getvalue())


# ---------------------------------------------------------------- 正文


def _content(word: Any, doc: Document, profile: StyleProfile) -> None:
    blocks = doc.blocks
    signature = next((b.text for b in blocks if b.kind is BlockKind.SIGNATURE), "")
    date = next((b.text for b in blocks if b.kind is BlockKind.DATE), "")
    closing = _closing_index(blocks)
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.TITLE:
            paragraph = add_paragraph(word, STYLE_TITLE)
            limit = title_line_limit(profile.title_max_chars, text_width_mm(profile),
                                     profile.sizes.title)
            for number, line in enumerate(break_title(block.text, limit)):
                if number:
                    add_run(paragraph).add_break()
                east_asian_run(add_run(paragraph, line))
            add_paragraph(word, STYLE_BODY)  # 标题下空一行
        elif block.kind is BlockKind.HEADING1:
            east_asian_run(add_run(add_paragraph(word, STYLE_HEADING1), block.text))
        elif block.kind is BlockKind.PARAGRAPH:
            paragraph = _paragraph(word, block)
            if index == closing:
                _keep(paragraph, with_next=True, short=2 * profile.chars_per_line)
        elif block.kind is BlockKind.ATTACHMENT_NOTE:
            _keep(add_paragraph(word, STYLE_BODY), with_next=True)  # 正文下空一行
            _keep(_paragraph(word, block), with_next=True)
        elif block.kind is BlockKind.SIGNATURE:
            _keep(add_paragraph(word, STYLE_BODY), with_next=True)  # 正文（附件说明）下空一行
            _keep(_signature_line(word, signature, date, profile, date_line=False), with_next=True)
        elif block.kind is BlockKind.DATE:
            _keep(_signature_line(word, signature, date, profile, date_line=True), with_next=False)
        elif block.kind is BlockKind.ATTACHMENT:
            _attachment_label(word, block)
        elif block.kind is BlockKind.ATTACHMENT_TITLE:
            paragraph = add_paragraph(word, STYLE_ATTACHMENT_TITLE)
            east_asian_run(add_run(paragraph, block.text))
        elif block.kind is BlockKind.TABLE:
            write_table(word, block, profile)


def _closing_index(blocks: list[Block]) -> int:
    """落款之前的最后一段正文：它与附件说明、署名、日期排在同一页。"""
    end = next((i for i, b in enumerate(blocks)
                if b.kind in (BlockKind.ATTACHMENT_NOTE, BlockKind.SIGNATURE)), len(blocks))
    return next((i for i in range(end - 1, -1, -1) if blocks[i].kind is BlockKind.PARAGRAPH), -1)


def _keep(paragraph: Any, *, with_next: bool, short: int = 0) -> Any:
    """落款不单独成页（GB/T 9704 7.3.5）：正文最后一段、空行、附件说明、署名与下一段同页，
    各段不在中间分页。正文最后一段超过 ``short`` 字（两行）时允许在段中分页，
    只让它的末几行随落款走，不把一大段整个搬到下一页。"""
    pr = paragraph._p.get_or_add_pPr()
    if with_next:
        child(pr, "w:keepNext")
    if not short or len(paragraph.text) <= short:
        child(pr, "w:keepLines")
    return paragraph


def _paragraph(word: Any, block: Block) -> Any:
    paragraph = add_paragraph(word, STYLE_BODY)
    for run in block.runs:
        added = east_asian_run(add_run(paragraph, run.text))
        if run.level == 2:
            added._r.style = style_id(word, CHAR_HEADING2, character=True)
        elif run.level >= 3:
            added._r.style = style_id(word, CHAR_HEADING3, character=True)
    return paragraph


def _signature_line(word: Any, signature: str, date: str, profile: StyleProfile, *,
                    date_line: bool) -> Any:
    indents = signature_indents(signature, date)
    chars = indents.date if date_line else indents.signature
    style = STYLE_DATE if date_line else STYLE_SIGNATURE
    paragraph = add_paragraph(word, style)
    east_asian_run(add_run(paragraph, date if date_line else signature))
    right = int((chars * char_twips(profile)).to_integral_value())
    child(paragraph._p.get_or_add_pPr(), "w:ind", left="0", right=str(right), firstLine="0")
    return paragraph


def _attachment_label(word: Any, block: Block) -> None:
    """附件另起一页（GB/T 9704 7.3.7）：第一行左上角“附件”，第二行空，第三行居中附件标题。"""
    paragraph = add_paragraph(word, STYLE_ATTACHMENT_LABEL)
    child(paragraph._p.get_or_add_pPr(), "w:pageBreakBefore")
    east_asian_run(add_run(paragraph, block.text))
    child(add_paragraph(word, STYLE_ATTACHMENT_LABEL)._p.get_or_add_pPr(), "w:keepNext")


# ---------------------------------------------------------------- 文件属性


def _core_properties(word: Any, form: Form, title: str) -> None:
    moment = dt.datetime(form.date.year, form.date.month, form.date.day)
    props = word.core_properties
    props.title = title[:255]  # 文档属性最多 255 个字（python-docx 超过会抛出 ValueError）
    props.author = form.unit[:255]
    props.last_modified_by = form.unit[:255]
    props.created = moment
    props.modified = moment
    props.revision = 1
    props.language = "zh-CN"
    props.subject = form.kind.value
