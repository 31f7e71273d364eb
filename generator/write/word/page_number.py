"""横排表格页的页码（GB/T 9704 第 8 条）：页码仍在竖着拿这张纸时的页脚处，表头朝订口（单页）或切口（双页）。

横版页面（宽 297、高 210 毫米）是竖版的纸顺时针转了 90 度来读：竖版的左边（单页的订口、双页的切口）成了上边，
表头在上；竖版的下边（页脚）成了左边。所以页码排在横版页面的左边距里，文字顺时针转 90 度（从上往下读），
一字线中心离版心左边缘“页码距版心”毫米；单页的页码在下端（竖版的右下角），双页的在上端（竖版的左下角），
都离版心一字。

打印时横版页逆时针转 90 度落到竖着的纸上：横版页的上边（表头）到了纸的左边，左边距里的页码到了纸的下边，
顺时针转过的文字正好摆正——与竖版页的页码同一处、同一方向。

机制：页脚里一个相对页面定位、不绕排的文本框（DrawingML ``wps:wsp``，``bodyPr vert="vert"``：文字顺时针转
90 度），里面是页码域。Word 2010 起、WPS 和 LibreOffice 都按这个位置和方向排；文本框与页脚的距离无关。
"""

from __future__ import annotations

from decimal import Decimal

from ..style_profile import StyleProfile
from . import geometry as g
from .layout import pt_to_twips

EMU_PER_MM = 36000
EMU_PER_PT = 12700
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WPS_URI = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _emu_mm(mm: Decimal) -> int:
    return int(mm * EMU_PER_MM)


def rotated_page_number(profile: StyleProfile, field: str, *, odd: bool, shape_id: int) -> str:
    """横版页脚里的页码文本框（一个 w:r）。``profile`` 是横版的版式（纸张宽大于高、页边距已随纸转过）。"""
    paper, margins = profile.paper, profile.margins
    size = profile.sizes.page_number
    box_width = int(size * 2 * EMU_PER_PT)  # 文本框的宽：页码一行的高度，留足余量
    centre = _emu_mm(margins.left - profile.page_number_gap)
    x = max(0, centre - box_width // 2)
    y = _emu_mm(margins.top)
    length = _emu_mm(paper.height - margins.top - margins.bottom)  # 与版心一样长
    one_char = pt_to_twips(size)
    # 竖排的文本框里“左”是上端、“右”是下端：单页靠下（竖版的右），双页靠上（竖版的左），都空一字
    align, left, right = ("right", 0, one_char) if odd else ("left", one_char, 0)
    style = g.style_id(g.STYLE_PAGE_NUMBER)
    content = (f'<w:txbxContent><w:p><w:pPr><w:pStyle w:val="{style}"/>'
               f'<w:ind w:firstLine="0" w:left="{left}" w:right="{right}"/><w:jc w:val="{align}"/></w:pPr>'
               f"{field}</w:p></w:txbxContent>")
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{251659264 + shape_id}" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{box_width}" cy="{length}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{shape_id}" name="页码{shape_id}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_WPS_URI}"><wps:wsp><wps:cNvSpPr txBox="1"/>'
        f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{box_width}" cy="{length}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f"<wps:txbx>{content}</wps:txbx>"
        '<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr" '
        'anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
        "</w:drawing></mc:Choice></mc:AlternateContent></w:r>")
