"""正文的断行：一段文字按版心宽度分成几行，与 LibreOffice 转出的 PDF 在同一个字处换行（纯计算，不依赖 Word）。

gen 只有这一个断行模型：落款前的段落据此在行末分成两段（:mod:`.closing`），分页预计据此数行数（:mod:`.pages`），
编辑页的预览（``page_flow.py``、``frame_lines.py``）据此画出每一行。

字宽（磅）：汉字和中文标点是一个字号，加字距（三号 16 − 0.25）；半角字母、数字、符号取 PDF 用的免费字体
（Times New Roman 缺失时 fontconfig 替换成 Noto Serif CJK SC）的字宽表 :data:`LATIN`（千分之一字号）。
汉字与字母、数字紧挨着的地方 LibreOffice 自动加一点间距（“亚洲文字与西文间距”；标点两边不加），
量得每处 :data:`AUTOSPACE_EM` 个字号。破折号“—”按西文字形排（0.89 个字宽），与两边的数字连成一串（“2—3岁”）。

断点（避头尾，与 LibreOffice 的中文规则相同；benchmarks/preview_pages.py 逐行对照）：

- 每个汉字前后都能断；一串连续的半角字符（数字、字母、“107.02%”“1+4+7”）不拆开，后面的空格处可以断，
  空格留在前一行的行末、不算宽度；
- 不能居行首的标点（，。、；：？！）》”’ 等）跟着前一个字：放不下时连前一个字一起移到下一行（不悬挂）；
- 不能居行末的标点（（《“‘ 等）跟着后一个字。
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ..style_profile import StyleProfile
from . import geometry as g

NO_LINE_START = frozenset("，。、；：？！）》〉」』】〕〗”’％‰℃·…—!%),.:;?]}")
NO_LINE_END = frozenset("（《〈「『【〔〖“‘([{")
AUTOSPACE_EM = 0.21875  # 汉字与西文交界的自动间距（字号的倍数）：三号字 3.5 磅（70 缇），由 PDF 的字位和断行量得

# Noto Serif CJK SC Regular 的半角字宽（千分之一字号），从字体文件的 hmtx 表读出（Pillow getlength）
_WIDTHS = (
    " 256 !308 \"376 #574 $550 %923 &779 '196 (364 )364 *478 +580 ,327 -346 .327 /352 0557 1471 2558 3557 4555 "
    "5558 6558 7549 8558 9562 :327 ;327 <580 =580 >580 ?432 @912 A718 B670 C691 D770 E652 F629 G741 H853 I405 "
    "J402 K731 L625 M975 N796 O767 P641 Q767 R715 S567 T659 U797 V714 W1053 X700 Y687 Z605 [344 \\352 ]344 "
    "^580 _563 `435 a557 b638 c538 d629 e546 f388 g566 h663 i332 j311 k607 l334 m974 n661 o596 p638 q607 r462 "
    "s473 t367 u653 v548 w838 x564 y552 z498 {374 |316 }374 ~580 \u2014890")
# 半角空格：字体里是 256，LibreOffice 断行时按约 0.28 个字号算（“召开 5 次”这类夹在汉字间的数字，
# 在专门排的 168 个试验段落和两份真实报告的 265 行上量得；256 时两边都有空格的数字处处早断一个字）
LATIN: dict[str, int] = {item[0]: int(item[1:]) for item in _WIDTHS.split(" ") if item} | {" ": 281}


def wide(ch: str) -> bool:
    """按中文字体排、占一个字宽的字符：汉字、全角标点、中文引号、省略号。"""
    return _char(ch)[0]


@lru_cache(maxsize=65536)
def _char(ch: str) -> tuple[bool, int]:
    """（是否占一个字宽, 文种）。文种 1 = 汉字（不含标点），2 = 半角字母、数字，0 = 其他（标点、符号、空格）：
    自动间距只加在 1 与 2 紧挨着的地方。"""
    is_wide = ch not in LATIN and unicodedata.east_asian_width(ch) in ("W", "F", "A")
    if is_wide:
        return True, 0 if unicodedata.category(ch).startswith("P") else 1
    return False, 2 if ch.isascii() and ch.isalnum() else 0


def advance(ch: str, size: float, spacing: float) -> float:
    """一个字占的宽度（磅），含字距。"""
    if _char(ch)[0]:
        return size + spacing
    return LATIN.get(ch, 560) * size / 1000 + spacing


def _units(text: str) -> list[int]:
    """不能再拆的片段的起点：一个汉字，或一串半角字符；避头尾的标点并进前后的片段。"""
    starts: list[int] = []
    glue_next = False
    index, length = 0, len(text)
    while index < length:
        ch = text[index]
        end = index + 1
        if ch == " ":
            while end < length and text[end] == " ":
                end += 1
            if starts:  # 空格留在前一行的行末（不占宽度），不放到下一行的行首
                index = end
                continue
        elif not _char(ch)[0]:
            while end < length and text[end] != " " and not _char(text[end])[0]:
                end += 1
        if not starts or not (glue_next or ch in NO_LINE_START):
            starts.append(index)
        glue_next = text[end - 1] in NO_LINE_END
        index = end
    return starts


def _cumulative(text: str, size: float, spacing: float) -> tuple[list[float], list[float]]:
    """(cum, gap)：cum[i] 是前 i 个字的宽度（含字距和其间的自动间距），gap[i] 是第 i 个字与前一个字之间的自动间距。
    从 s 到 e（不含）排成一行的宽度 = cum[e] − cum[s] − gap[s]。"""
    autospace = round(AUTOSPACE_EM * size * 20) / 20  # LibreOffice 以缇（1/20 磅）计：每个字宽取整到缇
    full = size + spacing
    cum = [0.0]
    gap = [0.0] * (len(text) + 1)
    total = 0.0
    previous = 0
    for index, ch in enumerate(text):
        is_wide, kind = _char(ch)
        if kind and previous and kind != previous:
            gap[index] = autospace
            total += autospace
        total += full if is_wide else round(LATIN.get(ch, 560) * size / 50) / 20 + spacing
        cum.append(total)
        previous = kind
    return cum, gap


def _fits(width: float, room: float) -> bool:
    """一行排得下：以缇计，宽度严格小于可用宽度（与版心正好一样宽时 LibreOffice 也断开，量得）。"""
    return round(width * 20) < round(room * 20)


def break_lines(text: str, widths: Sequence[float], size: float, spacing: float) -> list[tuple[int, int]]:
    """把 ``text`` 分成行，返回各行的 (起, 止)。``widths``：第一行、第二行……可用的宽度（磅），
    最后一个用于其余各行（首行缩进二字时第一行窄一些）。"""
    if not text:
        return [(0, 0)]
    cum, gap = _cumulative(text, size, spacing)
    starts = _units(text)
    starts.append(len(text))
    lines: list[tuple[int, int]] = []
    start = 0
    room = widths[0]
    for unit, end in pairwise(starts):
        inked = end
        while inked > unit and text[inked - 1] == " ":
            inked -= 1  # 行末的空格不算宽度（LibreOffice 让它悬在版心外）
        if _fits(cum[inked] - cum[start] - gap[start], room):
            continue
        if unit > start:  # 这一片段放不下：在它前面断开
            lines.append((start, unit))
            start = unit
            room = widths[min(len(lines), len(widths) - 1)]
        while not _fits(cum[inked] - cum[start] - gap[start], room) and inked - start > 1:
            # 一个片段比整行还宽（很长的网址、数字串）：按字硬断
            cut = start + 1
            while cut < end and _fits(cum[cut + 1] - cum[start] - gap[start], room):
                cut += 1
            lines.append((start, cut))
            start = cut
            room = widths[min(len(lines), len(widths) - 1)]
    lines.append((start, len(text)))
    return lines


def line_width(text: str, size: float, spacing: float) -> float:
    """一行文字排出来的宽度（磅），含字距和自动间距。"""
    cum, _ = _cumulative(text, size, spacing)
    return cum[-1]


@dataclass(frozen=True)
class Measure:
    """正文一行的量法：版心宽 ``width``、字号 ``size``、字距 ``spacing``（磅）。"""

    width: float
    size: float
    spacing: float

    @classmethod
    def of(cls, profile: StyleProfile) -> Measure:
        """版式的正文：三号字、版心宽度。"""
        return cls(float(g.text_width_mm(profile)) / 25.4 * 72, float(profile.sizes.body), float(profile.char_spacing))

    @property
    def char(self) -> float:
        """一个汉字（含字距）的宽度（磅）。"""
        return self.size + self.spacing


def line_starts(text: str, measure: Measure, first_indent: int = 2) -> list[int]:
    """正文段落每一行第一个字在 ``text`` 里的位置（第一行是 0）；首行缩进 ``first_indent`` 个字。"""
    first = measure.width - first_indent * measure.char
    return [start for start, _ in break_lines(text, (first, measure.width), measure.size, measure.spacing)]
