"""正式公文的版头、主送机关、版记（GB/T 9704-2012 7.2、7.3.2、7.4）写成 WordprocessingML。

全部是可以编辑的文字（段落、表格），不用图片、文本框或形状；位置靠三种软件都照办的机制：
- 竖直位置：固定行距（``w:lineRule="exact"``）的段落和不对齐网格（``w:snapToGrid w:val="0"``）的空段，
  高度按 :mod:`.frame_layout` 算好；
- 红色分隔线：空段的下边框（``w:pBdr/w:bottom``），段落不缩进，边框与版心等宽；
- 上行文的发文字号和签发人：同一段里的左对齐制表位（位置从版心左边量，Word、WPS、LibreOffice 都如此）；
- 联合行文的“文件”二字：无边框表格，右列纵向合并、上下居中；
- 版记：浮动表格（``w:tblpPr``）固定在页面上，下边框（末条分隔线）与版心下边缘重合；
  它跟在文件最后一段之后，落在文件的最后一页。
"""

from __future__ import annotations

from decimal import Decimal

from ...render.document import Frame
from ..style_profile import StyleProfile
from . import frame_layout as f
from . import geometry as g
from .layout import mm_to_twips, pt_to_twips, set_width
from .xml import attr, run_content


def _run(value: str, font: str, size: Decimal, *, latin: str | None = None, color: str = "") -> str:
    half = int(size * 2)
    latin_font = latin or font
    props = (f"<w:rFonts w:ascii={attr(latin_font)} w:hAnsi={attr(latin_font)} w:eastAsia={attr(font)} "
             f'w:hint="eastAsia"/>' + (f'<w:color w:val="{color}"/>' if color else "")
             + f'<w:spacing w:val="0"/><w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    return f"<w:r><w:rPr>{props}</w:rPr>{run_content(value)}</w:r>"


def _paragraph(content: str, line: int, *, jc: str = "left", left: int = 0, right: int = 0, hanging: int = 0,
               tabs: tuple[tuple[str, int], ...] = (), border: str = "", keep_next: bool = True,
               snap: bool = False) -> str:
    """不用样式里的缩进、固定行距的段落；``snap`` 为假时不对齐网格（版头按毫米定位）。"""
    tab_xml = ("<w:tabs>" + "".join(f'<w:tab w:val="{kind}" w:pos="{pos}"/>' for kind, pos in tabs)
               + "</w:tabs>") if tabs else ""
    first = f'w:hanging="{hanging}" w:hangingChars="0"' if hanging else 'w:firstLine="0" w:firstLineChars="0"'
    mark = '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>' if not content else ""
    return (f"<w:p><w:pPr>{'<w:keepNext/>' if keep_next else ''}{border}{tab_xml}"
            + ("" if snap else '<w:snapToGrid w:val="0"/>')
            + f'<w:spacing w:before="0" w:after="0" w:beforeLines="0" w:afterLines="0" w:line="{line}" '
            f'w:lineRule="exact"/><w:ind w:left="{left}" w:right="{right}" {first}/>'
            f'<w:jc w:val="{jc}"/>{mark}</w:pPr>{content}</w:p>')


def _spacer(height: int, border: str = "") -> str:
    return _paragraph("", max(height, 20), border=border)


def head_xml(frame: Frame, profile: StyleProfile) -> str:
    """版头：份号、密级、紧急程度，发文机关标志，发文字号（上行文加签发人），红色分隔线，再空二行到标题。"""
    faces, pitch = profile.fonts, pt_to_twips(profile.line_pitch)
    body = profile.sizes.body
    out = [_paragraph(_run(line, faces.heading1, body), pitch) for line in frame.head_lines]
    size = f.mark_size(frame.marks, frame.mark_suffix, profile)
    out.append(_spacer(f.mark_spacer_twips(size, len(frame.head_lines), profile)))
    out.append(_marks(frame, size, profile))
    out.append(_spacer(2 * pitch))  # 7.2.5：发文字号在发文机关标志下空二行
    out.extend(_number_lines(frame, profile))
    line = (f'<w:pBdr><w:bottom w:val="single" w:sz="{f.SEPARATOR_EIGHTHS}" w:space="0" '
            f'w:color="{f.RED}"/></w:pBdr>')
    out.append(_spacer(f.separator_spacer_twips(profile), border=line))
    # 7.3.1：标题在红色分隔线下空二行；再补上不足一行的零头，使版头正好占整数个行格，标题之后的正文仍落在行格上
    lines = len(frame.signers[::2]) if frame.signers else 1
    out.append(_spacer(f.title_spacer_twips(size, len(frame.head_lines), len(frame.marks), lines, profile)))
    return "".join(out)


def _marks(frame: Frame, size: Decimal, profile: StyleProfile) -> str:
    faces = profile.fonts
    line = f.mark_line_twips(size)
    if not frame.mark_suffix:
        return "".join(_paragraph(_run(mark, faces.title, size, color=f.RED), line, jc="center")
                       for mark in frame.marks)
    # 联合行文：机关名称各占一行、两端对齐；“文件”二字在右侧，以各机关名称为准上下居中（7.2.4）
    char = pt_to_twips(size)
    name_chars, suffix_chars = f.mark_columns(frame.marks, frame.mark_suffix)
    names, suffix = int(name_chars * char), int(suffix_chars * char)
    rows = []
    for index, mark in enumerate(frame.marks):
        merge = '<w:vMerge w:val="restart"/>' if index == 0 else "<w:vMerge/>"
        suffix_text = _run(frame.mark_suffix, faces.title, size, color=f.RED) if index == 0 else ""
        rows.append(
            f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{line}" w:hRule="exact"/><w:jc w:val="center"/>'
            f'</w:trPr><w:tc><w:tcPr><w:tcW w:w="{names}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            + _paragraph(_run(mark, faces.title, size, color=f.RED), line, jc="distribute")
            + f'</w:tc><w:tc><w:tcPr><w:tcW w:w="{suffix}" w:type="dxa"/>{merge}<w:vAlign w:val="center"/>'
            f'</w:tcPr>{_paragraph(suffix_text, line, jc="right")}</w:tc></w:tr>')
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{names + suffix}" w:type="dxa"/><w:jc w:val="center"/>'
            '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/>'
            '<w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="{names}"/>'
            f'<w:gridCol w:w="{suffix}"/></w:tblGrid>{"".join(rows)}</w:tbl>')


def _number_lines(frame: Frame, profile: StyleProfile) -> list[str]:
    """下行文：发文字号居中。上行文：发文字号居左空一字，签发人居右空一字，一行两个姓名，
    回行时与上一行第一个姓名对齐，发文字号与最后一个签发人在同一行（7.2.5、7.2.6）。"""
    faces, size = profile.fonts, profile.sizes.body
    pitch = pt_to_twips(profile.line_pitch)
    if not frame.signers:
        return [_paragraph(_run(frame.number, faces.body, size, latin=faces.latin), pitch, jc="center")]
    char = pt_to_twips(size)  # 签发人一行按字号排，不加正文的字距
    right_edge = mm_to_twips(g.text_width_mm(profile)) - char
    slot = max(set_width(name) for name in frame.signers)
    per_line = 2 if len(frame.signers) > 1 else 1
    first = right_edge - int((per_line * slot + (per_line - 1)) * char)
    label = first - 4 * char  # “签发人：”四个字宽
    starts = [first + int(i * (slot + 1) * char) for i in range(per_line)]
    groups = [frame.signers[i:i + per_line] for i in range(0, len(frame.signers), per_line)]
    lines = []
    for index, names in enumerate(groups):
        last = index == len(groups) - 1
        parts = [_run(frame.number, faces.body, size, latin=faces.latin)] if last and frame.number else []
        tabs: list[tuple[str, int]] = []
        for column, name in enumerate(names):
            if index == 0 and column == 0:  # 第一行：“签发人：”紧接第一个姓名
                parts.append(_run("\t签发人：", faces.body, size))
                tabs.append(("left", label))
            else:
                parts.append(_run("\t", faces.body, size))
                tabs.append(("left", starts[column]))
            parts.append(_run(name, faces.heading2, size))
        lines.append(_paragraph("".join(parts), pitch, left=char if last else 0, tabs=tuple(tabs)))
    return lines


def recipient_xml(frame: Frame, profile: StyleProfile) -> str:
    """主送机关：标题下空一行，居左顶格，回行仍顶格，后加全角冒号（7.3.2）。"""
    return _paragraph(_run(f"{frame.recipient}：", profile.fonts.body, profile.sizes.body),
                      pt_to_twips(profile.line_pitch), jc="both", snap=True)  # 与正文一样落在行格上


def record_xml(frame: Frame, profile: StyleProfile) -> str:
    """版记（7.4）：浮动表格，首条、末条分隔线是粗线，中间是细线，末条与版心下边缘重合。"""
    faces, size = profile.fonts, f.RECORD_PT
    char = pt_to_twips(size)
    pitch = pt_to_twips(profile.line_pitch)
    width = mm_to_twips(g.text_width_mm(profile))
    paragraphs = []
    if frame.copies_to:
        # “抄送：”后回行时与冒号后的首字对齐：悬挂缩进三个字
        paragraphs.append(_paragraph(_run("抄送：" + "，".join(frame.copies_to) + "。", faces.body, size),
                                     pitch, left=4 * char, right=char, hanging=3 * char, keep_next=False))
    if frame.printer or frame.print_date:
        date = _run(f"\t{frame.print_date}印发", faces.body, size, latin=faces.latin) if frame.print_date else ""
        paragraphs.append(_paragraph(_run(frame.printer, faces.body, size) + date, pitch, left=char, right=char,
                                     tabs=(("right", width - char),), keep_next=False))
    thick = f'w:val="single" w:sz="{f.THICK_EIGHTHS}" w:space="0" w:color="000000"'
    thin = f'w:val="single" w:sz="{f.THIN_EIGHTHS}" w:space="0" w:color="000000"'
    rows = "".join(
        f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{pitch}" w:hRule="atLeast"/></w:trPr><w:tc><w:tcPr>'
        f'<w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{p}</w:tc></w:tr>'
        for p in paragraphs)
    return (f'<w:tbl><w:tblPr><w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" '
            f'w:bottomFromText="0" w:vertAnchor="margin" w:horzAnchor="page" '
            f'w:tblpX="{mm_to_twips(profile.margins.left)}" w:tblpYSpec="bottom"/>'
            f'<w:tblOverlap w:val="never"/><w:tblW w:w="{width}" w:type="dxa"/>'
            f'<w:tblBorders><w:top {thick}/><w:left w:val="nil"/><w:bottom {thick}/><w:right w:val="nil"/>'
            f'<w:insideH {thin}/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>'
            f"{rows}</w:tbl>" + _paragraph("", 20, keep_next=False))  # 浮动表格的锚段（LibreOffice 要它）
