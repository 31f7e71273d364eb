"""预览的版面模型里正式公文的部分（GB/T 9704-2012 7.2、7.3.2、7.4）：版头、主送机关、版记排成的行。

高度与 Word 文件相同（``write/word/frame.py`` 写的固定行距段落，尺寸出自 :mod:`..write.word.frame_layout`）：
版头各段不对齐网格、按缇定高，加起来正好是整数个网格行（分隔线到标题的空白补足了零头），
所以标题和正文仍落在网格上；模型把每一段的高度记成千分之一网格行（:attr:`Line.extra`），累计取整，总和不差。

版记是浮动表格，固定在最后一页的版心底部（:func:`place_record`）：最后一页剩下的行放得下它时排在那一页的底部，
放不下时 LibreOffice 把它（连同它的锚段）移到新的一页。
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...render.document import Frame, Run
from ..style_profile import StyleProfile
from . import frame_layout as f
from . import geometry as g
from .layout import pt_to_twips
from .lines import break_lines
from .page_types import Line

ANCHOR_TWIPS = 20  # 版记的锚段：1 磅高（write/word/frame.py 的 record_xml 之后那一段）


@dataclass(frozen=True)
class Record:
    """版记：各行（抄送一行或几行，印发机关和印发日期一行），与它占的高度（千分之一网格行）。"""

    lines: tuple[Line, ...]
    height: int


def _heights(twips: list[int], pitch: int) -> list[int]:
    """各段的高度（缇）→ 千分之一网格行，累计取整（总和与总高度取整相同）。"""
    out, total, before = [], 0, 0
    for value in twips:
        total += value
        now = round(total * 1000 / pitch)
        out.append(now - before)
        before = now
    return out


def head_lines(frame: Frame, profile: StyleProfile) -> list[Line]:
    """版头各行（与 write/word/frame.py 的 head_xml 一一对应）：份号、密级、紧急程度，标志前的空白，
    发文机关标志，空二行，发文字号（上行文带签发人），分隔线（红线画在这一格的下边），到标题的空白。"""
    pitch = pt_to_twips(profile.line_pitch)
    size = f.mark_size(frame.marks, frame.mark_suffix, profile)
    parts: list[tuple[Line, int]] = [(Line("frame-line", (Run(text),)), pitch) for text in frame.head_lines]
    parts.append((Line("frame-space"), max(20, f.mark_spacer_twips(size, len(frame.head_lines), profile))))
    for index, mark in enumerate(frame.marks):
        suffix = frame.mark_suffix if index == 0 else ""
        parts.append((Line("frame-mark", (Run(mark),), cells=(mark, suffix) if frame.mark_suffix else (),
                           size=size), f.mark_line_twips(size)))
    parts.append((Line("frame-space"), 2 * pitch))
    parts += [(line, pitch) for line in _number_lines(frame)]
    border = f.SEPARATOR_EIGHTHS * 20 // 8
    parts.append((Line("frame-rule"), max(20, f.separator_spacer_twips(profile)) + border))
    number_lines = len(frame.signers[::2]) if frame.signers else 1
    parts.append((Line("frame-space"), max(20, f.title_spacer_twips(size, len(frame.head_lines), len(frame.marks),
                                                                     number_lines, profile))))
    extras = _heights([twips for _, twips in parts], pitch)
    return [Line(line.kind, line.runs, height=0, extra=extra, cells=line.cells, size=line.size, twips=twips)
            for (line, twips), extra in zip(parts, extras, strict=True)]


def _number_lines(frame: Frame) -> list[Line]:
    """发文字号一行；上行文：发文字号在左，“签发人：”和姓名在右（一行两个姓名，回行时与上一行第一个姓名对齐，
    发文字号与最后一行同行）。各格：发文字号（不在这一行时为空）、“签发人：”（只在第一行）、各个姓名（末行不足两个时补空，列仍对齐）。"""
    if not frame.signers:
        return [Line("frame-number", (Run(frame.number),))]
    per_line = 2 if len(frame.signers) > 1 else 1
    groups = [frame.signers[i:i + per_line] for i in range(0, len(frame.signers), per_line)]
    return [Line("frame-signers", cells=(frame.number if index == len(groups) - 1 else "",
                                         "签发人：" if index == 0 else "", *names, *[""] * (per_line - len(names))))
            for index, names in enumerate(groups)]


def recipient_lines(frame: Frame, profile: StyleProfile) -> list[Line]:
    """主送机关：标题下空一行，居左顶格，回行仍顶格，后加全角冒号。Word 文件里这一段的文字不加字距
    （write/word/frame.py 的 _run 写 ``w:spacing w:val="0"``），一行比正文少排一个字。"""
    text = f"{frame.recipient}："
    width = float(g.text_width_mm(profile)) / 25.4 * 72
    spans = break_lines(text, (width,), float(profile.sizes.body), 0.0)
    return [Line("recipient", (Run(text[a:b]),), last=n == len(spans) - 1) for n, (a, b) in enumerate(spans)]


def record(frame: Frame, profile: StyleProfile) -> Record:
    """版记的各行：4 号字、不加字距；抄送回行时悬挂三字（左空一字、右空一字）。高度：各行一个网格行，
    加上三条分隔线的宽度和锚段。"""
    pitch = pt_to_twips(profile.line_pitch)
    size = float(f.RECORD_PT)
    width = float(g.text_width_mm(profile)) / 25.4 * 72
    lines: list[Line] = []
    rows = 0
    if frame.copies_to:
        text = "抄送：" + "，".join(frame.copies_to) + "。"
        spans = break_lines(text, (width - 2 * size, width - 5 * size), size, 0.0)
        lines += [Line("record", (Run(text[a:b]),), first=n == 0, last=n == len(spans) - 1,
                       indent=Decimal(1 if n == 0 else 4)) for n, (a, b) in enumerate(spans)]
        rows += 1
    if frame.printer or frame.print_date:
        date = f"{frame.print_date}印发" if frame.print_date else ""
        lines.append(Line("record-printer", cells=(frame.printer, date)))
        rows += 1
    borders = 2 * f.THICK_EIGHTHS * 20 // 8 + (rows - 1) * f.THIN_EIGHTHS * 20 // 8
    twips = len(lines) * pitch + borders + ANCHOR_TWIPS
    return Record(tuple(lines), -(-twips * 1000 // pitch))
