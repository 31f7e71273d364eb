"""Word XML 小工具：按 OOXML 架构规定的顺序取得或插入子元素（Word 对顺序很挑剔）。"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# OOXML 架构（ECMA-376 第 1 部分）规定的子元素顺序，只列 gen 会写到的元素
ORDER: dict[str, tuple[str, ...]] = {
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


def child(parent: Any, tag: str, **attrs: str) -> Any:
    """取得（没有就按架构顺序插入）``parent`` 的子元素 ``tag``，并设置属性。"""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        order = ORDER.get(parent.tag.replace(f"{{{W}}}", "w:"), ())
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
    tag = str(element.tag).replace(f"{{{W}}}", "w:")
    return order.index(tag) if tag in order else len(order)


def ppr(element: Any) -> Any:
    """段落或段落样式的 w:pPr（没有就建）。"""
    return element.get_or_add_pPr()


def east_asian_run(run: Any) -> Any:
    """文字的 rFonts 标上 w:hint="eastAsia"：Word 才把“”‘’—…排成中文全角标点
    （否则按 MS-OI29500 2.1.88 用西文字体排，成了半角）。"""
    rpr = run._r.get_or_add_rPr()
    child(rpr, "w:rFonts", hint="eastAsia")
    return run


def style_id(word: Any, name: str, *, character: bool = False) -> str | None:
    """样式名对应的样式 id（每份文档只查一次）：python-docx 按名字设样式时每段都要在样式表里
    查一遍。结果与 ``paragraph.style = 名字`` 相同（默认样式得到 None）。"""
    part = word.part
    ids: dict[tuple[str, bool], str | None] | None = getattr(part, "_gen_style_ids", None)
    if ids is None:
        ids = part._gen_style_ids = {}
    key = (name, character)
    if key not in ids:
        from docx.enum.style import WD_STYLE_TYPE

        kind = WD_STYLE_TYPE.CHARACTER if character else WD_STYLE_TYPE.PARAGRAPH
        ids[key] = part.get_style_id(name, kind)
    return ids[key]


def add_paragraph(word: Any, style: str) -> Any:
    """同 ``word.add_paragraph(style=样式名)``，但样式 id 只查一次，并且不用每段都在正文里找一遍 w:sectPr。

    python-docx 每加一段都从头扫描 w:body 的全部子元素找 w:sectPr（几万段就是平方级）；
    w:sectPr 总是 w:body 的最后一个子元素，新段落直接放在它前面。"""
    body = word.element.body
    try:
        last = body[-1]  # lxml 从末尾取，不扫描
    except IndexError:
        last = None
    if last is None or last.tag != qn("w:sectPr"):
        paragraph = word.add_paragraph()
    else:
        from docx.text.paragraph import Paragraph

        p = OxmlElement("w:p")
        last.addprevious(p)
        paragraph = Paragraph(p, word._body)
    paragraph._p.style = style_id(word, style)
    return paragraph


def add_run(paragraph: Any, text: str = "") -> Any:
    """同 ``paragraph.add_run(text)``：没有制表符和换行的文字直接写成一个 w:t（python-docx 逐字处理）。"""
    if not text or "\t" in text or "\n" in text or "\r" in text:
        return paragraph.add_run(text)
    from docx.text.run import Run

    r = paragraph._p.add_r()
    r.add_t(text)
    return Run(r, paragraph)
