"""正式公文的版头、版记的尺寸（GB/T 9704-2012 7.2、7.4），纯计算，不依赖 Word。

标准给定的距离写在这里（毫米），随标准，不随单位的版式配置改变：
- 7.2.4 发文机关标志“上边缘至版心上边缘为 35mm”（2012 版对上行文、下行文相同；1999 版的 25mm、80mm 已废止）；
- 7.2.7 “发文字号之下 4mm 处居中印一条与版心等宽的红色分隔线”；
- 7.4.1 版记分隔线与版心等宽，首条和末条用粗线（推荐 0.35mm），中间用细线（推荐 0.25mm），
  末条分隔线与公文最后一面的版心下边缘重合；
- 7.4.2、7.4.3 抄送机关、印发机关和印发日期“一般用 4 号仿宋体字”，左右各空一字。
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from ..style_profile import StyleProfile
from . import geometry as g
from .layout import mm_to_twips, pt_to_twips, set_width

MARK_TOP_MM = Decimal(35)  # 7.2.4
SEPARATOR_GAP_MM = Decimal(4)  # 7.2.7
RED = "FF0000"  # 7.2.4、7.2.7：红色
MARK_MAX_PT = Decimal(42)  # 发文机关标志最大字号（标准只说“醒目、美观、庄重”）：较长的名称缩小到排得下
RECORD_PT = Decimal(14)  # 7.4.2、7.4.3：4 号字
THICK_EIGHTHS = 8  # 粗线 1 磅 = 0.353mm（w:sz 以 1/8 磅计；推荐 0.35mm）
THIN_EIGHTHS = 6  # 细线 0.75 磅 = 0.265mm（推荐 0.25mm；Word 的单线只有 1/4 磅的级差）
SEPARATOR_EIGHTHS = 8  # 版头的红色分隔线：标准未给粗细，与版记的粗线相同

# 在 LibreOffice 里量出（tests/pdf/test_frame_pdf.py 钉住）：固定行距的一行里，汉字的上边缘离行顶多远、
# 下边缘离行底多远（以字号计）。LibreOffice 把固定行距多出的行高放在字的上方；Word 下未量过。
MARK_LINE_RATIO = Decimal("1.25")  # 发文机关标志的行高 = 字号 × 1.25
MARK_INK_TOP = Decimal("0.157")  # 标志行顶 → 字的上边缘，以字号计
NUMBER_INK_BOTTOM = Decimal("0.28")  # 发文字号一行（正文行距）的行底 → 字的下边缘，以字号计


def mark_size(marks: tuple[str, ...], suffix: str, profile: StyleProfile) -> Decimal:
    """发文机关标志的字号（磅）：最长一行（联合行文加上右侧的“文件”和一字间隔）排满版心时的字号，不超过上限。"""
    names, rest = mark_columns(marks, suffix)
    chars = names + rest
    width_pt = g.text_width_mm(profile) / Decimal("25.4") * 72
    fit = (width_pt / max(chars, Decimal(1)) * 2).to_integral_value(ROUND_FLOOR) / 2  # 取到半磅
    return min(MARK_MAX_PT, fit)


def mark_columns(marks: tuple[str, ...], suffix: str) -> tuple[Decimal, Decimal]:
    """标志各列的宽度（以标志的字宽计）：机关名称一列留四分之一字的余地（排满时 LibreOffice 会把末字挤到
    下一行、被固定行高切掉）；联合行文的“文件”一列另加一字间隔。"""
    longest = max((set_width(mark) for mark in marks), default=Decimal(1)) + Decimal("0.25")
    return longest, Decimal(len(suffix) + 1) if suffix else Decimal(0)


def mark_line_twips(size: Decimal) -> int:
    return pt_to_twips(size * MARK_LINE_RATIO)


def mark_spacer_twips(size: Decimal, lines_above: int, profile: StyleProfile) -> int:
    """版心顶到第一行标志之间的空白（缇）：减去上面的份号、密级、紧急程度各行，再减去行顶到字顶的距离。"""
    above = lines_above * pt_to_twips(profile.line_pitch)
    return max(20, mm_to_twips(MARK_TOP_MM) - above - pt_to_twips(size * MARK_INK_TOP))


def separator_spacer_twips(profile: StyleProfile) -> int:
    """发文字号一行之后到红色分隔线的空白（缇）：分隔线上边缘在发文字号的字下边缘之下 4mm。"""
    return max(20, mm_to_twips(SEPARATOR_GAP_MM) - pt_to_twips(profile.sizes.body * NUMBER_INK_BOTTOM))



def title_spacer_twips(size: Decimal, lines_above: int, marks: int, number_lines: int, profile: StyleProfile) -> int:
    """红色分隔线到标题之间的空白（缇）：空二行，再加上使整个版头占整数个行格的零头（不足一行）。
    版头各段的高度都是固定的：份号等各行、标志前的空白、标志各行、空二行、发文字号各行、分隔线前的空白和线宽。"""
    pitch = pt_to_twips(profile.line_pitch)
    used = (mark_spacer_twips(size, lines_above, profile) + lines_above * pitch + marks * mark_line_twips(size)
            + 2 * pitch + number_lines * pitch + separator_spacer_twips(profile) + SEPARATOR_EIGHTHS * 20 // 8)
    return 2 * pitch + (-used) % pitch
