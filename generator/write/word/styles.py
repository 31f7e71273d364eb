"""样式表（word/styles.xml）和页码页脚（word/footer1.xml、footer2.xml）：全部由 :class:`StyleProfile` 决定。

在随包底稿 ``templates/docx/base.docx`` 的样式表上加 GB/T 9704 的段落样式和字符样式；
元素和属性的顺序与底稿、OOXML 架构一致（Word 对顺序很挑剔）。
"""

from __future__ import annotations

from decimal import Decimal

from ..style_profile import StyleProfile
from . import geometry as g
from .layout import pt_to_twips
from .page_number import rotated_page_number
from .table_layout import cell_line_twips
from .xml import EAST_ASIAN, XML_DECLARATION, R, W, attr

_LANG = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
# 底稿自带、不随版式变化的两个默认样式
_BUILT_IN = (
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
    '</w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>')


def _fonts(east_asia: str, latin: str) -> str:
    """中西文字体。``w:hint="eastAsia"``：引号、破折号、省略号按中文字体排（全角）。"""
    return (f"<w:rFonts w:ascii={attr(latin)} w:hAnsi={attr(latin)} w:cs={attr(latin)} "
            f'w:eastAsia={attr(east_asia)} w:hint="eastAsia"/>')


def _run_props(font: str, latin: str, size: Decimal, spacing: Decimal) -> str:
    half_points = int(size * 2)
    return (f'<w:rPr>{_fonts(font, latin)}<w:b w:val="0"/><w:bCs w:val="0"/>'
            f'<w:spacing w:val="{pt_to_twips(spacing)}"/><w:sz w:val="{half_points}"/>'
            f'<w:szCs w:val="{half_points}"/>{_LANG}</w:rPr>')


def _para_props(*, align: str, line: int, first_line: int = 0, right: int = 0, keep_next: bool = False,
                outline: int | None = None, snap: bool = True, overflow: bool = False) -> str:
    indent = ' w:firstLineChars="200"' if first_line else ""  # Word、WPS 显示“2 字符”
    return ("<w:pPr>" + ("<w:keepNext/>" if keep_next else "") + '<w:widowControl w:val="0"/>'
            + ('<w:overflowPunct w:val="1"/>' if overflow else "")
            + ("" if snap else '<w:snapToGrid w:val="0"/>')
            + f'<w:spacing w:before="0" w:after="0" w:beforeLines="0" w:afterLines="0" w:line="{line}" '
            f'w:lineRule="exact"/><w:ind w:left="0" w:right="{right}" w:firstLine="{first_line}"{indent}/>'
            f'<w:jc w:val="{align}"/>'
            + ("" if outline is None else f'<w:outlineLvl w:val="{outline}"/>') + "</w:pPr>")


def _paragraph_style(name: str, ppr: str, rpr: str = "") -> str:
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId={attr(g.style_id(name))}>'
            f'<w:name w:val={attr(name)}/><w:basedOn w:val="Normal"/><w:qFormat/>{ppr}{rpr}</w:style>')


def styles_xml(profile: StyleProfile) -> bytes:
    faces, sizes, latin = profile.fonts, profile.sizes, profile.fonts.latin
    spacing = profile.char_spacing
    line = pt_to_twips(profile.line_pitch)
    indent2 = 2 * g.char_twips(profile)
    zero = Decimal(0)
    parts = [
        XML_DECLARATION, f'<w:styles xmlns:w="{W}" xmlns:r="{R}">',
        f"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii={attr(latin)} w:hAnsi={attr(latin)} "
        f'w:eastAsia={attr(faces.body)} w:cs={attr(latin)} w:hint="eastAsia"/><w:kern w:val="2"/>'
        f'<w:sz w:val="32"/><w:szCs w:val="32"/>{_LANG}</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
        '<w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>',
        # 标点溢出边界：Word 里为“允许”（Word 的默认），LibreOffice 把这个属性反过来读
        # （writerfilter：悬挂 = overflowPunct 为 0），于是排成不悬挂、每行严格 28 格——
        # LibreOffice 的悬挂模式会在 PDF 里丢掉行末的“：”等标点，必须避开。
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        + _para_props(align="both", line=line, overflow=True)
        + _run_props(faces.body, latin, sizes.body, spacing) + "</w:style>",
        _BUILT_IN,
        _paragraph_style(g.STYLE_BODY, _para_props(align="both", line=line, first_line=indent2)),
        # 二号字的行高超过一个网格行；不对齐网格，LibreOffice 才和 Word 一样每行只占一行
        _paragraph_style(g.STYLE_TITLE, _para_props(align="center", line=line, keep_next=True, snap=False),
                         _run_props(faces.title, latin, sizes.title, zero)),
        _paragraph_style(g.STYLE_HEADING1, _para_props(align="both", line=line, first_line=indent2,
                                                       keep_next=True, outline=0),
                         _run_props(faces.heading1, latin, sizes.body, spacing)),
        _paragraph_style(g.STYLE_SIGNATURE, _para_props(align="right", line=line)),
        _paragraph_style(g.STYLE_DATE, _para_props(align="right", line=line)),
        # 附件页：“附件”二字黑体三号顶格；附件标题与文件标题同字体字号，居中
        _paragraph_style(g.STYLE_ATTACHMENT_LABEL, _para_props(align="left", line=line, keep_next=True),
                         _run_props(faces.heading1, latin, sizes.body, spacing)),
        _paragraph_style(g.STYLE_ATTACHMENT_TITLE,
                         _para_props(align="center", line=line, keep_next=True, snap=False),
                         _run_props(faces.title, latin, sizes.title, zero)),
        # 单元格文字行距把一个行格等分（小四：两行一格）；行高取整数个行格，表格后面的正文仍落在网格上
        _paragraph_style(g.STYLE_TABLE_TEXT,
                         _para_props(align="center", line=cell_line_twips(sizes.table, line), snap=False),
                         _run_props(faces.table, latin, sizes.table, zero)),
        # 页码的数字和一字线都用页码字体（宋体），不用西文字体：GB/T 9704 7.5 要求四号半角宋体数字
        _paragraph_style(g.STYLE_PAGE_NUMBER,
                         _para_props(align="right", line=pt_to_twips(sizes.page_number), snap=False),
                         _run_props(faces.page_number, faces.page_number, sizes.page_number, zero)),
    ]
    for name, font in ((g.CHAR_HEADING2, faces.heading2), (g.CHAR_HEADING3, faces.heading3)):
        parts.append(f'<w:style w:type="character" w:customStyle="1" w:styleId={attr(g.style_id(name))}>'
                     f'<w:name w:val={attr(name)}/><w:rPr>{_fonts(font, latin)}<w:b w:val="0"/></w:rPr></w:style>')
    parts.append("</w:styles>")
    return "".join(parts).encode("utf-8")


# ---------------------------------------------------------------- 页码

_FOOTER_NAMESPACES = (
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:mo="http://schemas.microsoft.com/office/mac/office/2008/main" '
    'xmlns:mv="urn:schemas-microsoft-com:mac:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    f'xmlns:r="{R}" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word" '
    f'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w="{W}" '
    'xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="w14 wp14"')
_PAGE_FIELD = (
    f'<w:r><w:rPr>{EAST_ASIAN}</w:rPr><w:t xml:space="preserve">\u2014 </w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    f'<w:r><w:rPr>{EAST_ASIAN}</w:rPr><w:t>1</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    f'<w:r><w:rPr>{EAST_ASIAN}</w:rPr><w:t xml:space="preserve"> \u2014</w:t></w:r>')


def blank_footer_xml(profile: StyleProfile) -> bytes:
    """没有页码的页脚（一个空段落）：版记前的空白页和版记页（GB/T 9704 7.5）。"""
    style = g.style_id(g.STYLE_PAGE_NUMBER)
    return (f'{XML_DECLARATION}<w:ftr {_FOOTER_NAMESPACES}><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr></w:p>'
            "</w:ftr>").encode()


def footers_xml(profile: StyleProfile) -> tuple[bytes, bytes]:
    """页码“— 1 —”：单页（footer1）居右空一字，双页（footer2）居左空一字。
    横版（纸张宽大于高）：横排表格页的页码，见 :mod:`.page_number`。"""
    one_char = pt_to_twips(profile.sizes.page_number)
    style = g.style_id(g.STYLE_PAGE_NUMBER)
    out = []
    if profile.paper.width > profile.paper.height:
        for odd in (True, False):
            box = rotated_page_number(profile, _PAGE_FIELD, odd=odd, shape_id=1 if odd else 2)
            out.append((f"{XML_DECLARATION}<w:ftr {_FOOTER_NAMESPACES}><w:p><w:pPr><w:pStyle w:val=\"{style}\"/>"
                        f"</w:pPr>{box}</w:p></w:ftr>").encode())
        return out[0], out[1]
    for align, left, right in (("right", 0, one_char), ("left", one_char, 0)):
        out.append((f"{XML_DECLARATION}<w:ftr {_FOOTER_NAMESPACES}><w:p><w:pPr><w:pStyle w:val=\"{style}\"/>"
                    f'<w:ind w:firstLine="0" w:left="{left}" w:right="{right}"/><w:jc w:val="{align}"/></w:pPr>'
                    f"{_PAGE_FIELD}</w:p></w:ftr>").encode())
    return out[0], out[1]
