"""Word 输出：把 :class:`Document` 按版式配置写成 .docx 字节。

从随包发布的底稿 ``templates/docx/base.docx`` 出发（不用 python-docx 自带模板），
样式、页面、页码全部由 :class:`StyleProfile` 决定；输出逐字节可重复。
XML 元素一律按 OOXML 架构规定的顺序插入（Word 对顺序很挑剔）。
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .document import Block, BlockKind, Document
from .layout import (
    break_title,
    mm_to_twips,
    pt_to_twips,
    signature_indents,
    text_width,
    title_line_limit,
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

# OOXML 架构（ECMA-376 第 1 部分）规定的子元素顺序，只列本模块会写到的元素
_ORDER: dict[str, tuple[str, ...]] = {
    "w:pPr": ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
              "w:autoSpaceDN", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:jc",
              "w:outlineLvl", "w:rPr"),
    "w:rPr": ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:color", "w:spacing",
              "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:u", "w:lang"),
    "w:tblPr": ("w:tblStyle", "w:tblW", "w:jc", "w:tblInd", "w:tblBorders", "w:tblLayout",
                "w:tblCellMar", "w:tblLook"),
    "w:trPr": ("w:cantSplit", "w:trHeight", "w:tblHeader"),
    "w:tcPr": ("w:tcW", "w:gridSpan", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar",
               "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"),
    "w:settings": ("w:zoom", "w:defaultTabStop", "w:evenAndOddHeaders", "w:characterSpacingControl",
                   "w:compat", "w:rsids", "w:themeFontLang"),
}


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


# ---------------------------------------------------------------- XML 小工具

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _child(parent: Any, tag: str, **attrs: str) -> Any:
    """取得（没有就按架构顺序插入）``parent`` 的子元素 ``tag``，并设置属性。"""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        order = _ORDER.get(parent.tag.replace(f"{{{_W}}}", "w:"), ())
        rank = order.index(tag) if tag in order else len(order)
        later = [c for c in parent if _rank(order, c) > rank]
        if later:
            later[0].addprevious(element)
        else:
            parent.append(element)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _rank(order: tuple[str, ...], element: Any) -> int:
    tag = str(element.tag).replace(f"{{{_W}}}", "w:")
    return order.index(tag) if tag in order else len(order)


def _ppr(element: Any) -> Any:
    """段落或段落样式的 w:pPr（没有就建）。"""
    return element.get_or_add_pPr()


# ---------------------------------------------------------------- 页面


def text_width_mm(profile: StyleProfile) -> Decimal:
    """版心宽度，毫米。"""
    return profile.paper.width - profile.margins.left - profile.margins.right


def char_twips(profile: StyleProfile) -> int:
    """一个正文字（含字距）的宽度，缇。"""
    return pt_to_twips(profile.sizes.body + profile.char_spacing)


def footer_distance_twips(profile: StyleProfile) -> int:
    """页脚距页面下边缘的距离，使页码一字线位于版心下边缘之下 ``页码距版心`` 毫米处。

    页码行为固定行距（等于页码字号），一字线在行的垂直正中。
    """
    line_centre = mm_to_twips(profile.margins.bottom - profile.page_number_gap)
    return max(0, line_centre - pt_to_twips(profile.sizes.page_number / 2))


def _page_setup(word: Any, profile: StyleProfile) -> None:
    sect_pr = word.sections[0]._sectPr
    _child(sect_pr, "w:pgSz", w=str(mm_to_twips(profile.paper.width)),
           h=str(mm_to_twips(profile.paper.height)))
    _child(sect_pr, "w:pgMar", top=str(mm_to_twips(profile.margins.top)),
           right=str(mm_to_twips(profile.margins.right)),
           bottom=str(mm_to_twips(profile.margins.bottom)),
           left=str(mm_to_twips(profile.margins.left)),
           header=str(mm_to_twips(Decimal(15))), footer=str(footer_distance_twips(profile)),
           gutter="0")
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(pt_to_twips(profile.line_pitch)))
    sect_pr.append(grid)  # sectPr 里 docGrid 排在 pgSz、pgMar 等之后
    settings = word.settings.element
    _child(settings, "w:evenAndOddHeaders")
    _child(settings, "w:characterSpacingControl", val="doNotCompress")


# ---------------------------------------------------------------- 样式


def _fonts(rpr: Any, east_asia: str, latin: str) -> None:
    fonts = _child(rpr, "w:rFonts")
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    _child(rpr, "w:rFonts", ascii=latin, hAnsi=latin, cs=latin, eastAsia=east_asia)


def _run_props(rpr: Any, font: str, latin: str, size: Decimal, spacing: Decimal) -> None:
    _fonts(rpr, font, latin)
    half_points = str(int(size * 2))
    _child(rpr, "w:b", val="0")
    _child(rpr, "w:bCs", val="0")
    _child(rpr, "w:spacing", val=str(pt_to_twips(spacing)))
    _child(rpr, "w:sz", val=half_points)
    _child(rpr, "w:szCs", val=half_points)
    _child(rpr, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")


def _para_props(ppr: Any, *, align: str, line: int, first_line: int = 0, right: int = 0,
                keep_next: bool = False, outline: int | None = None) -> None:
    if keep_next:
        _child(ppr, "w:keepNext")
    _child(ppr, "w:widowControl", val="0")
    _child(ppr, "w:spacing", before="0", after="0", beforeLines="0", afterLines="0",
           line=str(line), lineRule="exact")
    _child(ppr, "w:ind", left="0", right=str(right), firstLine=str(first_line))
    _child(ppr, "w:jc", val=align)
    if outline is not None:
        _child(ppr, "w:outlineLvl", val=str(outline))


def _paragraph_style(word: Any, name: str) -> Any:
    style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = word.styles["Normal"]
    style.quick_style = True
    return style


def _define_styles(word: Any, profile: StyleProfile) -> None:
    fonts, sizes, latin = profile.fonts, profile.sizes, profile.fonts.latin
    spacing = profile.char_spacing
    line = pt_to_twips(profile.line_pitch)
    indent2 = 2 * char_twips(profile)
    defaults = word.styles.element.find(qn("w:docDefaults"))
    _fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), fonts.body, latin)
    normal = word.styles["Normal"]
    _run_props(normal.element.get_or_add_rPr(), fonts.body, latin, sizes.body, spacing)
    _para_props(_ppr(normal.element), align="both", line=line)
    # 标点溢出边界：Word 里为“允许”（Word 的默认），LibreOffice 把这个属性反过来读
    # （writerfilter：悬挂 = overflowPunct 为 0），于是排成不悬挂、每行严格 28 格——
    # LibreOffice 的悬挂模式会在 PDF 里丢掉行末的“：”等标点，必须避开。
    _child(_ppr(normal.element), "w:overflowPunct", val="1")

    body = _paragraph_style(word, STYLE_BODY)
    _para_props(_ppr(body.element), align="both", line=line, first_line=indent2)

    title = _paragraph_style(word, STYLE_TITLE)
    _run_props(title.element.get_or_add_rPr(), fonts.title, latin, sizes.title, Decimal(0))
    _para_props(_ppr(title.element), align="center", line=line, keep_next=True)
    # 二号字的行高超过一个网格行；不对齐网格，LibreOffice 才和 Word 一样每行只占一行
    _child(_ppr(title.element), "w:snapToGrid", val="0")

    heading = _paragraph_style(word, STYLE_HEADING1)
    _run_props(heading.element.get_or_add_rPr(), fonts.heading1, latin, sizes.body, spacing)
    _para_props(_ppr(heading.element), align="both", line=line, first_line=indent2,
                keep_next=True, outline=0)

    for name in (STYLE_SIGNATURE, STYLE_DATE):
        style = _paragraph_style(word, name)
        _para_props(_ppr(style.element), align="right", line=line)

    table_text = _paragraph_style(word, STYLE_TABLE_TEXT)
    _run_props(table_text.element.get_or_add_rPr(), fonts.table, latin, sizes.table, Decimal(0))
    # 表格行高等于正文行距（atLeast），单元格文字行距为其一半：一两行字的表格行正好占一格，
    # 表格后面的正文仍落在 22 行的网格上
    _para_props(_ppr(table_text.element), align="center", line=pt_to_twips(profile.line_pitch / 2))
    _child(_ppr(table_text.element), "w:snapToGrid", val="0")

    page = _paragraph_style(word, STYLE_PAGE_NUMBER)
    _run_props(page.element.get_or_add_rPr(), fonts.page_number, latin, sizes.page_number,
               Decimal(0))
    _para_props(_ppr(page.element), align="right", line=pt_to_twips(sizes.page_number))
    _child(_ppr(page.element), "w:snapToGrid", val="0")

    for name, font in ((CHAR_HEADING2, fonts.heading2), (CHAR_HEADING3, fonts.heading3)):
        char = word.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        rpr = char.element.get_or_add_rPr()
        _fonts(rpr, font, latin)
        _child(rpr, "w:b", val="0")


# ---------------------------------------------------------------- 页码


def _footers(word: Any, profile: StyleProfile) -> None:
    """页码“— 1 —”：单页居右空一字，双页居左空一字。"""
    section = word.sections[0]
    one_char = str(pt_to_twips(profile.sizes.page_number))
    for footer, align, indent in (
        (section.footer, "right", {"left": "0", "right": one_char}),
        (section.even_page_footer, "left", {"left": one_char, "right": "0"}),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = word.styles[STYLE_PAGE_NUMBER]
        ppr = paragraph._p.get_or_add_pPr()
        _child(ppr, "w:ind", firstLine="0", **indent)
        _child(ppr, "w:jc", val=align)
        paragraph.add_run("\u2014 ")
        _page_field(paragraph)
        paragraph.add_run(" \u2014")


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
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.TITLE:
            paragraph = word.add_paragraph(style=STYLE_TITLE)
            limit = title_line_limit(profile.title_max_chars, text_width_mm(profile), profile.sizes.title)
            for number, line in enumerate(break_title(block.text, limit)):
                if number:
                    paragraph.add_run().add_break()
                paragraph.add_run(line)
            word.add_paragraph(style=STYLE_BODY)  # 标题下空一行
        elif block.kind is BlockKind.HEADING1:
            word.add_paragraph(block.text, style=STYLE_HEADING1)
        elif block.kind is BlockKind.PARAGRAPH:
            _paragraph(word, block)
        elif block.kind is BlockKind.SIGNATURE:
            word.add_paragraph(style=STYLE_BODY)  # 正文下空一行
            date = next((b.text for b in blocks[index + 1:] if b.kind is BlockKind.DATE), "")
            _signature_line(word, block.text, date, profile, date_line=False)
        elif block.kind is BlockKind.DATE:
            signature = next((b.text for b in reversed(blocks[:index])
                              if b.kind is BlockKind.SIGNATURE), "")
            _signature_line(word, signature, block.text, profile, date_line=True)
        elif block.kind is BlockKind.TABLE:
            _table(word, block, profile)


def _paragraph(word: Any, block: Block) -> None:
    paragraph = word.add_paragraph(style=STYLE_BODY)
    for run in block.runs:
        added = paragraph.add_run(run.text)
        if run.level == 2:
            added.style = CHAR_HEADING2
        elif run.level >= 3:
            added.style = CHAR_HEADING3


def _signature_line(word: Any, signature: str, date: str, profile: StyleProfile, *,
                    date_line: bool) -> None:
    indents = signature_indents(signature, date)
    chars = indents.date if date_line else indents.signature
    style = STYLE_DATE if date_line else STYLE_SIGNATURE
    paragraph = word.add_paragraph(date if date_line else signature, style=style)
    right = int((chars * char_twips(profile)).to_integral_value())
    _child(paragraph._p.get_or_add_pPr(), "w:ind", left="0", right=str(right), firstLine="0")


def _table(word: Any, block: Block, profile: StyleProfile) -> None:
    if not block.rows:
        return
    columns = max(len(row) for row in block.rows)
    table = word.add_table(rows=len(block.rows), cols=columns)
    tbl_pr = table._tbl.tblPr
    width = mm_to_twips(text_width_mm(profile))
    _child(tbl_pr, "w:tblW", w=str(width), type="dxa")
    _child(tbl_pr, "w:jc", val="center")
    borders = _child(tbl_pr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _child(borders, f"w:{edge}", val="single", sz="4", space="0", color="000000")
    _child(tbl_pr, "w:tblLayout", type="fixed")
    widths = _column_widths(block.rows, columns, width)
    for grid_col, column in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=False):
        grid_col.set(qn("w:w"), str(column))
    for r, row in enumerate(block.rows):
        tr_pr = table.rows[r]._tr.get_or_add_trPr()
        _child(tr_pr, "w:cantSplit")
        _child(tr_pr, "w:trHeight", val=str(pt_to_twips(profile.line_pitch)), hRule="atLeast")
        if r == 0:
            _child(tr_pr, "w:tblHeader")  # 表头在每页重复
        for c, cell in enumerate(table.rows[r].cells):
            tc_pr = cell._tc.get_or_add_tcPr()
            _child(tc_pr, "w:tcW", w=str(widths[c]), type="dxa")
            _child(tc_pr, "w:vAlign", val="center")
            paragraph = cell.paragraphs[0]
            paragraph.style = word.styles[STYLE_TABLE_TEXT]
            paragraph.add_run(row[c] if c < len(row) else "")


def _column_widths(rows: tuple[tuple[str, ...], ...], columns: int, total: int) -> list[int]:
    """按各列最长内容分配列宽（缇），总宽等于版心宽；最宽的列最多占一半。"""
    need = [max((text_width(row[c]) for row in rows if c < len(row)), default=Decimal(1)) + 1
            for c in range(columns)]
    cap = sum(need, Decimal(0)) / 2
    need = [min(n, cap) for n in need]
    widths = [int(total * n / sum(need, Decimal(0))) for n in need]
    widths[-1] += total - sum(widths)
    return widths


# ---------------------------------------------------------------- 文件属性与可重复输出


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
