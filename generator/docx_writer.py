"""Word 输出：把 :class:`Document` 按版式配置写成 .docx 字节。

从随包发布的底稿 ``templates/docx/base.docx`` 出发（不用 python-docx 自带模板），
样式、页面、页码全部由 :class:`StyleProfile` 决定；输出逐字节可重复。
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Twips

from .document import Block, BlockKind, Document
from .layout import (
    break_title,
    mm_to_twips,
    pt_to_twips,
    signature_indents,
)
from .models import Form
from .resources import templates_dir
from .style_profile import StyleProfile

STYLE_TITLE = "GB Title"
STYLE_BODY = "GB Body"
STYLE_HEADING1 = "GB Heading 1"
STYLE_SIGNATURE = "GB Signature"
STYLE_DATE = "GB Date"
STYLE_TABLE_TEXT = "GB Table Text"
STYLE_PAGE_NUMBER = "GB Page Number"
CHAR_HEADING2 = "GB Heading 2 Char"
CHAR_HEADING3 = "GB Heading 3 Char"

def build_docx(doc: Document, form: Form, profile: StyleProfile) -> bytes:
    """生成 .docx 文件内容。同样的输入总是得到同样的字节。"""
    word = docx.Document(str(templates_dir() / "docx" / "base.docx"))
    _page_setup(word, profile)
    _define_styles(word, profile)
    _footers(word, profile)
    _content(word, doc, profile)
    _core_properties(word, form, doc.title)
    buffer = io.BytesIO()
    word.save(buffer)
    return _deterministic_zip(buffer.getvalue())


# ---------------------------------------------------------------- 页面


def char_twips(profile: StyleProfile) -> int:
    """一个正文字（含字距）的宽度，缇。"""
    return pt_to_twips(profile.sizes.body + profile.char_spacing)


def _page_setup(word: Any, profile: StyleProfile) -> None:
    section = word.sections[0]
    section.page_width = Twips(mm_to_twips(profile.paper.width))
    section.page_height = Twips(mm_to_twips(profile.paper.height))
    section.top_margin = Twips(mm_to_twips(profile.margins.top))
    section.bottom_margin = Twips(mm_to_twips(profile.margins.bottom))
    section.left_margin = Twips(mm_to_twips(profile.margins.left))
    section.right_margin = Twips(mm_to_twips(profile.margins.right))
    section.gutter = Emu(0)
    section.header_distance = Twips(mm_to_twips(Decimal(15)))
    footer_mm = profile.margins.bottom - profile.page_number_gap
    footer_twips = mm_to_twips(footer_mm) - pt_to_twips(profile.sizes.page_number)
    section.footer_distance = Twips(max(0, footer_twips))
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(pt_to_twips(profile.line_pitch)))
    sect_pr.append(grid)
    settings = word.settings.element
    if settings.find(qn("w:evenAndOddHeaders")) is None:
        even = OxmlElement("w:evenAndOddHeaders")
        settings.insert(0, even)


# ---------------------------------------------------------------- 样式


def _fonts(rpr: Any, east_asia: str, latin: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _set_child(parent: Any, tag: str, **attrs: str) -> Any:
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _run_props(style: Any, font: str, latin: str, size: Decimal, spacing: Decimal,
               bold: bool = False) -> None:
    rpr = style.element.get_or_add_rPr()
    _fonts(rpr, font, latin)
    half_points = str(int(size * 2))
    _set_child(rpr, "w:b", val="1" if bold else "0")
    _set_child(rpr, "w:spacing", val=str(pt_to_twips(spacing)))
    _set_child(rpr, "w:sz", val=half_points)
    _set_child(rpr, "w:szCs", val=half_points)
    _set_child(rpr, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")


def _para_props(style: Any, profile: StyleProfile, *, align: str, first_line: int = 0,
                left: int = 0, right: int = 0, keep_next: bool = False,
                outline: int | None = None) -> None:
    ppr = style.element.get_or_add_pPr()
    if keep_next:
        _set_child(ppr, "w:keepNext")
    _set_child(ppr, "w:widowControl", val="0")
    _set_child(ppr, "w:spacing", before="0", after="0", beforeLines="0", afterLines="0",
               line=str(pt_to_twips(profile.line_pitch)), lineRule="exact")
    _set_child(ppr, "w:ind", left=str(left), right=str(right), firstLine=str(first_line))
    _set_child(ppr, "w:jc", val=align)
    if outline is not None:
        _set_child(ppr, "w:outlineLvl", val=str(outline))


def _paragraph_style(word: Any, name: str) -> Any:
    styles = word.styles
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    return style


def _define_styles(word: Any, profile: StyleProfile) -> None:
    fonts, sizes, latin = profile.fonts, profile.sizes, profile.fonts.latin
    spacing = profile.char_spacing
    indent2 = 2 * char_twips(profile)
    normal = word.styles["Normal"]
    _run_props(normal, fonts.body, latin, sizes.body, spacing)
    _para_props(normal, profile, align="both")

    body = _paragraph_style(word, STYLE_BODY)
    _para_props(body, profile, align="both", first_line=indent2)

    title = _paragraph_style(word, STYLE_TITLE)
    _run_props(title, fonts.title, latin, sizes.title, Decimal(0))
    _para_props(title, profile, align="center", keep_next=True)

    heading = _paragraph_style(word, STYLE_HEADING1)
    _run_props(heading, fonts.heading1, latin, sizes.body, spacing)
    _para_props(heading, profile, align="both", first_line=indent2, keep_next=True, outline=0)

    for name in (STYLE_SIGNATURE, STYLE_DATE):
        style = _paragraph_style(word, name)
        _para_props(style, profile, align="right")

    table_text = _paragraph_style(word, STYLE_TABLE_TEXT)
    _run_props(table_text, fonts.table, latin, sizes.table, Decimal(0))
    _para_props(table_text, profile, align="center")
    ppr = table_text.element.get_or_add_pPr()
    _set_child(ppr, "w:spacing", line=str(pt_to_twips(sizes.table * Decimal("1.5"))),
               lineRule="exact")

    page = _paragraph_style(word, STYLE_PAGE_NUMBER)
    _run_props(page, fonts.page_number, latin, sizes.page_number, Decimal(0))
    _para_props(page, profile, align="right")
    _set_child(page.element.get_or_add_pPr(), "w:spacing",
               line=str(pt_to_twips(sizes.page_number)), lineRule="exact")

    styles = word.styles
    for name, font in ((CHAR_HEADING2, fonts.heading2), (CHAR_HEADING3, fonts.heading3)):
        char = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        rpr = char.element.get_or_add_rPr()
        _fonts(rpr, font, latin)
        _set_child(rpr, "w:b", val="0")


# ---------------------------------------------------------------- 页码


def _footers(word: Any, profile: StyleProfile) -> None:
    """页码“— 1 —”：单页居右空一字，双页居左空一字。"""
    section = word.sections[0]
    one_char = pt_to_twips(profile.sizes.page_number)
    for footer, align, indent in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = word.styles[STYLE_PAGE_NUMBER]
        paragraph.alignment = align
        ppr = paragraph._p.get_or_add_pPr()
        _set_child(ppr, "w:ind", **{indent: str(one_char), "firstLine": "0"})
        paragraph.add_run("— ")
        _page_field(paragraph)
        paragraph.add_run(" —")


def _page_field(paragraph: Any) -> None:
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        run = paragraph.add_run()
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


# ---------------------------------------------------------------- 正文


def _content(word: Any, doc: Document, profile: StyleProfile) -> None:
    body = word  # python-docx 的 Document 对象
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.TITLE:
            paragraph = body.add_paragraph(style=STYLE_TITLE)
            for number, line in enumerate(break_title(block.text, profile.title_max_chars)):
                run = paragraph.add_run(line)
                if number:
                    run._r.addprevious(_line_break())
            body.add_paragraph(style=STYLE_BODY)  # 标题下空一行
        elif block.kind is BlockKind.HEADING1:
            body.add_paragraph(block.text, style=STYLE_HEADING1)
        elif block.kind is BlockKind.PARAGRAPH:
            _paragraph(body, block)
        elif block.kind is BlockKind.SIGNATURE:
            body.add_paragraph(style=STYLE_BODY)  # 正文下空一行
            date = next((b.text for b in blocks[index + 1:] if b.kind is BlockKind.DATE), "")
            _signature_line(body, block.text, date, profile, date_line=False)
        elif block.kind is BlockKind.DATE:
            signature = next((b.text for b in reversed(blocks[:index])
                              if b.kind is BlockKind.SIGNATURE), "")
            _signature_line(body, signature, block.text, profile, date_line=True)
        elif block.kind is BlockKind.TABLE:
            _table(body, block)


def _line_break() -> Any:
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br"))
    return run


def _paragraph(body: Any, block: Block) -> None:
    paragraph = body.add_paragraph(style=STYLE_BODY)
    for run in block.runs:
        added = paragraph.add_run(run.text)
        if run.level == 2:
            added.style = CHAR_HEADING2
        elif run.level >= 3:
            added.style = CHAR_HEADING3


def _signature_line(body: Any, signature: str, date: str, profile: StyleProfile, *,
                    date_line: bool) -> None:
    indents = signature_indents(signature, date)
    chars = indents.date if date_line else indents.signature
    style = STYLE_DATE if date_line else STYLE_SIGNATURE
    paragraph = body.add_paragraph(date if date_line else signature,
                                   style=style)
    ppr = paragraph._p.get_or_add_pPr()
    right = int((chars * char_twips(profile)).to_integral_value())
    _set_child(ppr, "w:ind", right=str(right), firstLine="0")


def _table(body: Any, block: Block) -> None:
    if not block.rows:
        return
    table = body.add_table(rows=len(block.rows), cols=len(block.rows[0]))
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.append(borders)
    _set_child(tbl_pr, "w:jc", val="center")
    for r, row in enumerate(block.rows):
        cells = table.rows[r].cells
        if r == 0:
            tr_pr = table.rows[r]._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            tr_pr.append(header)
        for c, text in enumerate(row):
            paragraph = cells[c].paragraphs[0]
            paragraph.style = body.styles[STYLE_TABLE_TEXT]
            paragraph.add_run(text)


# ---------------------------------------------------------------- 文件属性与可重复输出


def _core_properties(word: Any, form: Form, title: str) -> None:
    moment = dt.datetime(form.date.year, form.date.month, form.date.day)
    props = word.core_properties
    props.title = title
    props.author = form.unit
    props.last_modified_by = form.unit
    props.created = moment
    props.modified = moment
    props.revision = 1
    props.language = "zh-CN"
    props.subject = form.kind.value


_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _deterministic_zip(data: bytes) -> bytes:
    """python-docx 用当前时间写 zip 条目；这里统一成固定时间，顺序不变。"""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
