"""Word 的页面、样式和页码（经 python-docx 的旧写出器，只留作 tests/test_wordml.py 的对照；
gen 自己用 :mod:`generator.wordml.styles`）。"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .docx_xml import child, east_asian_run, ppr
from .layout import mm_to_twips, pt_to_twips
from .style_profile import StyleProfile
from .table_layout import cell_line_twips
from .wordml.geometry import (
    CHAR_HEADING2,
    CHAR_HEADING3,
    STYLE_ATTACHMENT_LABEL,
    STYLE_ATTACHMENT_TITLE,
    STYLE_BODY,
    STYLE_DATE,
    STYLE_HEADING1,
    STYLE_PAGE_NUMBER,
    STYLE_SIGNATURE,
    STYLE_TABLE_TEXT,
    STYLE_TITLE,
    char_twips,
    footer_distance_twips,
)


def page_setup(word: Any, profile: StyleProfile) -> None:
    sect_pr = word.sections[0]._sectPr
    # 横版要写明 w:orient：Word、WPS 按它决定打印方向；竖版不写（与原来的输出逐字节相同）
    orient = {"orient": "landscape"} if profile.paper.width > profile.paper.height else {}
    child(sect_pr, "w:pgSz", w=str(mm_to_twips(profile.paper.width)),
          h=str(mm_to_twips(profile.paper.height)), **orient)
    child(sect_pr, "w:pgMar", top=str(mm_to_twips(profile.margins.top)),
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
    child(settings, "w:evenAndOddHeaders")
    child(settings, "w:characterSpacingControl", val="doNotCompress")


# ---------------------------------------------------------------- 样式


def fonts(rpr: Any, east_asia: str, latin: str) -> None:
    """中西文字体。``w:hint="eastAsia"``：引号、破折号、省略号按中文字体排（全角）。"""
    element = child(rpr, "w:rFonts")
    for attr in list(element.attrib):
        if attr.endswith("Theme"):
            del element.attrib[attr]
    child(rpr, "w:rFonts", ascii=latin, hAnsi=latin, cs=latin, eastAsia=east_asia, hint="eastAsia")


def _run_props(rpr: Any, font: str, latin: str, size: Decimal, spacing: Decimal) -> None:
    fonts(rpr, font, latin)
    half_points = str(int(size * 2))
    child(rpr, "w:b", val="0")
    child(rpr, "w:bCs", val="0")
    child(rpr, "w:spacing", val=str(pt_to_twips(spacing)))
    child(rpr, "w:sz", val=half_points)
    child(rpr, "w:szCs", val=half_points)
    child(rpr, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")


def _para_props(element: Any, *, align: str, line: int, first_line: int = 0, right: int = 0,
                keep_next: bool = False, outline: int | None = None) -> None:
    if keep_next:
        child(element, "w:keepNext")
    child(element, "w:widowControl", val="0")
    child(element, "w:spacing", before="0", after="0", beforeLines="0", afterLines="0",
          line=str(line), lineRule="exact")
    indent = {"firstLineChars": "200"} if first_line else {}  # Word、WPS 显示“2 字符”
    child(element, "w:ind", left="0", right=str(right), firstLine=str(first_line), **indent)
    child(element, "w:jc", val=align)
    if outline is not None:
        child(element, "w:outlineLvl", val=str(outline))


def _paragraph_style(word: Any, name: str) -> Any:
    style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = word.styles["Normal"]
    style.quick_style = True
    return style


def define_styles(word: Any, profile: StyleProfile) -> None:
    faces, sizes, latin = profile.fonts, profile.sizes, profile.fonts.latin
    spacing = profile.char_spacing
    line = pt_to_twips(profile.line_pitch)
    indent2 = 2 * char_twips(profile)
    defaults = word.styles.element.find(qn("w:docDefaults"))
    fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), faces.body, latin)
    normal = word.styles["Normal"]
    _run_props(normal.element.get_or_add_rPr(), faces.body, latin, sizes.body, spacing)
    _para_props(ppr(normal.element), align="both", line=line)
    # 标点溢出边界：Word 里为“允许”（Word 的默认），LibreOffice 把这个属性反过来读
    # （writerfilter：悬挂 = overflowPunct 为 0），于是排成不悬挂、每行严格 28 格——
    # LibreOffice 的悬挂模式会在 PDF 里丢掉行末的“：”等标点，必须避开。
    child(ppr(normal.element), "w:overflowPunct", val="1")

    body = _paragraph_style(word, STYLE_BODY)
    _para_props(ppr(body.element), align="both", line=line, first_line=indent2)

    title = _paragraph_style(word, STYLE_TITLE)
    _run_props(title.element.get_or_add_rPr(), faces.title, latin, sizes.title, Decimal(0))
    _para_props(ppr(title.element), align="center", line=line, keep_next=True)
    # 二号字的行高超过一个网格行；不对齐网格，LibreOffice 才和 Word 一样每行只占一行
    child(ppr(title.element), "w:snapToGrid", val="0")

    heading = _paragraph_style(word, STYLE_HEADING1)
    _run_props(heading.element.get_or_add_rPr(), faces.heading1, latin, sizes.body, spacing)
    _para_props(ppr(heading.element), align="both", line=line, first_line=indent2,
                keep_next=True, outline=0)

    for name in (STYLE_SIGNATURE, STYLE_DATE):
        style = _paragraph_style(word, name)
        _para_props(ppr(style.element), align="right", line=line)

    # 附件页：“附件”二字黑体三号顶格；附件标题与文件标题同字体字号，居中
    label = _paragraph_style(word, STYLE_ATTACHMENT_LABEL)
    _run_props(label.element.get_or_add_rPr(), faces.heading1, latin, sizes.body, spacing)
    _para_props(ppr(label.element), align="left", line=line, keep_next=True)
    attachment_title = _paragraph_style(word, STYLE_ATTACHMENT_TITLE)
    _run_props(attachment_title.element.get_or_add_rPr(), faces.title, latin, sizes.title,
               Decimal(0))
    _para_props(ppr(attachment_title.element), align="center", line=line, keep_next=True)
    child(ppr(attachment_title.element), "w:snapToGrid", val="0")

    table_text = _paragraph_style(word, STYLE_TABLE_TEXT)
    _run_props(table_text.element.get_or_add_rPr(), faces.table, latin, sizes.table, Decimal(0))
    # 单元格文字行距把一个行格等分（小四：两行一格）；行高取整数个行格（见 docx_table），
    # 表格后面的正文仍落在 22 行的网格上
    _para_props(ppr(table_text.element), align="center", line=cell_line_twips(sizes.table, line))
    child(ppr(table_text.element), "w:snapToGrid", val="0")

    page = _paragraph_style(word, STYLE_PAGE_NUMBER)
    # 页码的数字和一字线都用页码字体（宋体），不用西文字体：GB/T 9704 7.5 要求四号半角宋体数字
    _run_props(page.element.get_or_add_rPr(), faces.page_number, faces.page_number,
               sizes.page_number, Decimal(0))
    _para_props(ppr(page.element), align="right", line=pt_to_twips(sizes.page_number))
    child(ppr(page.element), "w:snapToGrid", val="0")

    for name, font in ((CHAR_HEADING2, faces.heading2), (CHAR_HEADING3, faces.heading3)):
        char = word.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        rpr = char.element.get_or_add_rPr()
        fonts(rpr, font, latin)
        child(rpr, "w:b", val="0")


# ---------------------------------------------------------------- 页码


def footers(word: Any, profile: StyleProfile) -> None:
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
        element = paragraph._p.get_or_add_pPr()
        child(element, "w:ind", firstLine="0", **indent)
        child(element, "w:jc", val=align)
        east_asian_run(paragraph.add_run("\u2014 "))
        _page_field(paragraph)
        east_asian_run(paragraph.add_run(" \u2014"))


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
            east_asian_run(run).text = text
