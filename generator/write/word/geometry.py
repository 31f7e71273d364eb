"""版面几何（不依赖任何 Word 库）：版心宽度、字宽、页脚距离、横版，以及样式名和样式 id。"""

from __future__ import annotations

from decimal import Decimal

from ..style_profile import StyleProfile
from .layout import mm_to_twips, pt_to_twips

STYLE_TITLE = "GB Title"
STYLE_BODY = "GB Body"
STYLE_HEADING1 = "GB Heading 1"
STYLE_SIGNATURE = "GB Signature"
STYLE_DATE = "GB Date"
STYLE_TABLE_TEXT = "GB Table Text"
STYLE_PAGE_NUMBER = "GB Page Number"
STYLE_ATTACHMENT_LABEL = "GB Attachment Label"
STYLE_ATTACHMENT_TITLE = "GB Attachment Title"
CHAR_HEADING2 = "GB Heading 2 Char"
CHAR_HEADING3 = "GB Heading 3 Char"


def style_id(name: str) -> str:
    """自定义样式的 id：样式名去掉空格（与 Word、python-docx 的规则相同）。"""
    return name.replace(" ", "")


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


def landscape(profile: StyleProfile) -> StyleProfile:
    """同一版式的横版：纸张宽高互换，页边距随纸张转 90 度——横排表格的表头朝订口
    （GB/T 9704 10.1），原来的左（订口）边距成为上边距、右成为下、下成为左、上成为右。
    页码仍在版心下边缘之下“页码距版心”处。"""
    paper, margins = profile.paper, profile.margins
    if paper.width > paper.height:
        return profile
    return profile.model_copy(update={
        "paper": paper.model_copy(update={"width": paper.height, "height": paper.width}),
        "margins": margins.model_copy(update={"top": margins.left, "bottom": margins.right,
                                              "left": margins.bottom, "right": margins.top}),
    })
