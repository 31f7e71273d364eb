"""GB/T 9704 7.3.5 的调整：落款差一两行排不下时，收紧那一页的行距，正文不移页。

gen 按行格预计整份文件怎样分页：各段占几行（断行 :mod:`.lines`）、保持属性（:mod:`.keep`，与写进 Word 文件的相同），
用预览的同一个分页模型（:mod:`.pagination`，与 LibreOffice 的 PDF 对照过）分页。预计随落款移页的那条链
（正文最后两行、空行、附件说明、署名、日期）只差 1–:data:`MAX_EXTRA` 行就能排在上一页时，从那一页的第一行到日期
都改成较小的固定行距（不对齐网格），这一页就多排下这几行。落款之前有表格、含换行的段落，或有公文的版头、
主送机关、印章、版记时不预计（返回 None）。
"""

from __future__ import annotations

from dataclasses import dataclass

from ...render.document import Block, BlockKind, Document
from ..style_profile import StyleProfile
from . import geometry as g
from .closing import KEPT_LINES, split_closing
from .keep import BLANK_AFTER_TITLE, BLANK_BEFORE_CLOSING, CLOSING_TAIL, keep_rules
from .layout import pt_to_twips, title_line_limit
from .lines import Measure, line_starts
from .page_types import Line, Para
from .pagination import paginate as page_model
from .title_break import break_title

MAX_EXTRA = 2  # 最多多排几行：22 行的页排 24 行，行距从 28.95 磅收到约 26.5 磅


@dataclass(frozen=True)
class Unit:
    """一个写出的段落（或一块的一部分）在行格上占几行。``part``：head/tail 是分成两段的前、后一段。"""

    block: int
    part: str
    lines: int
    keep_next: bool = False
    keep_lines: bool = False


@dataclass(frozen=True)
class Squeeze:
    """第 ``page`` 页（从 0 数）收紧：从第 ``block`` 块的 ``part`` 部分起（这一部分在上一页已排了 ``line`` 行时，
    从那一行起分段）到日期，行距都改成 ``pitch`` 缇。"""

    page: int
    block: int
    part: str
    line: int
    pitch: int


def units(blocks: list[Block], profile: StyleProfile, measure: Measure, closing: int,
          lead: int) -> list[Unit] | None:
    """落款之前（含）写出的各段；有表格、含换行或制表符的段落时返回 None。"""
    out: list[Unit] = []
    rules = keep_rules(blocks, profile)  # 与 Word 文件里的保持属性相同（keep.py）
    for index, block in enumerate(blocks):
        kind = block.kind
        rule = rules[index]
        if kind is BlockKind.TITLE:
            limit = title_line_limit(profile.title_max_chars, g.text_width_mm(profile), profile.sizes.title)
            out += [Unit(index, "", len(break_title(block.text, limit)), *rule),
                    Unit(index, "blank", 1, *BLANK_AFTER_TITLE)]
        elif kind is BlockKind.HEADING1:
            out.append(Unit(index, "", 1, *rule))
        elif kind is BlockKind.PARAGRAPH:
            if "\n" in block.text or "\t" in block.text:
                return None
            parts = split_closing(block, measure, KEPT_LINES if index == closing else 1) \
                if index in (closing, lead) else None
            if parts is not None:
                out += [Unit(index, "head", len(line_starts(parts[0].text, measure))),
                        Unit(index, "tail", len(line_starts(parts[1].text, measure, 0)), *CLOSING_TAIL)]
            else:
                out.append(Unit(index, "", len(line_starts(block.text, measure)), *rule))
        elif kind in (BlockKind.ATTACHMENT_NOTE, BlockKind.SIGNATURE):
            lines = len(line_starts(block.text, measure)) if kind is BlockKind.ATTACHMENT_NOTE else 1
            out += [Unit(index, "blank", 1, *BLANK_BEFORE_CLOSING), Unit(index, "", lines, *rule)]
        elif kind is BlockKind.DATE:
            return [*out, Unit(index, "", 1, *rule)]
        else:  # 表格、述职报告标题下的一行等：不预计
            return None
    return None


def paginate(units: list[Unit], per_page: int) -> list[tuple[int, int]]:
    """每段第一行排在第几页（从 0 数）的第几行（从 0 数）：用预览的同一个分页模型（:func:`.pagination.paginate`，
    与 LibreOffice 的 PDF 对照过），每一段是 ``lines`` 个网格行。"""
    paras = [Para([Line("p", para=number)] * unit.lines, keep_next=unit.keep_next, keep_lines=unit.keep_lines)
             for number, unit in enumerate(units)]
    first: dict[int, tuple[int, int]] = {}
    for page, lines in enumerate(page_model(paras, per_page)):
        for row, line in enumerate(lines):
            first.setdefault(line.para, (page, row))
    return [first[number] for number in range(len(units))]


def plan(doc: Document, profile: StyleProfile, measure: Measure, closing: int, lead: int) -> Squeeze | None:
    """落款差 1–:data:`MAX_EXTRA` 行排不下时的调整；不需要或预计不了时返回 None。"""
    if doc.frame is not None:  # 版头、主送机关、印章、版记占的行不在这个预计里：不收紧
        return None
    found = units(doc.blocks, profile, measure, closing, lead)
    if found is None:
        return None
    per_page = profile.lines_per_page
    pos = paginate(found, per_page)
    start = len(found) - 1  # 随落款走的链从哪一段起
    while start > 0 and found[start - 1].keep_next:
        start -= 1
    if start == 0 or pos[start][1] != 0:
        return None
    page, y = pos[start - 1]
    rest = found[start - 1].lines - (per_page - y)
    end_page, end_line = (page, y + found[start - 1].lines) if rest <= 0 else \
        (page + 1 + (rest - 1) // per_page, (rest - 1) % per_page + 1)
    extra = sum(unit.lines for unit in found[start:]) - (per_page - end_line)
    if pos[start][0] != end_page + 1 or not 1 <= extra <= MAX_EXTRA:
        return None
    first = next(i for i, unit in enumerate(found) if _last_page(pos[i], unit.lines, per_page) >= end_page)
    first_page, first_line = pos[first]
    before = 0 if first_page == end_page else (per_page - first_line) + per_page * (end_page - first_page - 1)
    pitch = pt_to_twips(profile.line_pitch) * per_page // (per_page + extra)
    return Squeeze(end_page, found[first].block, found[first].part, before, pitch)


def _last_page(where: tuple[int, int], lines: int, per_page: int) -> int:
    page, y = where
    return page + (y + lines - 1) // per_page
