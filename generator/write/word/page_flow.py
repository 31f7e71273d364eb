"""预览的版面模型：把 Word 文件所用的同一份 :class:`Document` 排进 22 行 × 28 字的网格，分成一页页。

在服务器上（Python）排，不在浏览器里排：断行要用与 Word 文件完全相同的计算（标题回行 :func:`break_title`、
落款的位置 :func:`signature_starts`、表格的列宽和行高），这些都在 ``generator/write/word`` 里；
在 Python 里还能不开浏览器就与 LibreOffice 的 PDF 逐页对照（tests/edit/test_preview_pdf.py）。
浏览器只按排好的行显示（每行一个定高的格子），不再自己分页。

排法：

- 每一行占一个网格行（表格的行占整数个网格行，与 Word 文件的行高相同）；每页 ``每页行数`` 行；
- 断行见 :mod:`.lines`；
- 段落的“与下段同页”“段中不分页”都由 :mod:`.keep` 一处给出，``body.py`` 写进 Word 文件的也从那里取；
- 正式公文的版头、主送机关、版记见 :mod:`.frame_lines`；横排的表格另成一节（每页的行数不同，:func:`section_lines`）；
- 分页见 :mod:`.pagination`（:func:`paginate`），版记排在最后一页的底部（:func:`_place_record`）。
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ...render.document import Block, BlockKind, Document, Run
from ..style_profile import StyleProfile
from . import geometry as g
from .body import _wide_starts, squeeze_plan
from .closing import slice_runs, split_closing
from .frame_lines import Record, head_lines, recipient_lines, record
from .geometry import landscape
from .keep import BLANK_AFTER_TITLE, BLANK_BEFORE_CLOSING, CLOSING_TAIL, FRAME_RULES, keep_rules, kept_tails
from .layout import mm_to_twips, pt_to_twips, sealed_starts, signature_starts, title_line_limit
from .lines import Measure, break_lines
from .page_types import ORPHANS, WIDOWS, Line, Pages, Para
from .pagination import KEPT_PARAGRAPH_MOVES_WHOLE, heights, paginate
from .table_fit import TableFit, fit_table
from .table_layout import (
    BORDER_TWIPS,
    TEXT_COLUMNS,
    cell_line_twips,
    column_widths,
    line_count,
    row_height,
    wrap,
)
from .title_break import break_title

__all__ = ["KEPT_PARAGRAPH_MOVES_WHOLE", "ORPHANS", "WIDOWS", "Line", "Pages", "Para", "flow", "keep_rules", "layout",
           "paginate"]

TABLE_TAIL_ROWS = 2  # 表格最后两行不分在两页（倒数第二行“与下段同页”）

# ---------------------------------------------------------------- 各块排成行


@dataclass(frozen=True)
class _Metrics:
    body: float  # 正文字号（磅）
    spacing: float  # 字距（磅）
    title: float
    width: float  # 版心宽（磅）
    indent: float  # 首行缩进二字（磅）


def _metrics(profile: StyleProfile) -> _Metrics:
    measure = Measure.of(profile)
    return _Metrics(measure.size, measure.spacing, float(profile.sizes.title), measure.width, 2 * measure.char)


def _text_lines(kind: str, runs: tuple[Run, ...], m: _Metrics, *, indent: bool = True) -> list[Line]:
    text = "".join(run.text for run in runs)
    first = m.width - m.indent if indent else m.width
    spans = break_lines(text, (first, m.width), m.body, m.spacing)
    return [Line(kind, slice_runs(runs, a, b), first=indent and n == 0, last=n == len(spans) - 1)
            for n, (a, b) in enumerate(spans)]


def _title_lines(kind: str, text: str, profile: StyleProfile, m: _Metrics) -> list[Line]:
    limit = title_line_limit(profile.title_max_chars, g.text_width_mm(profile), profile.sizes.title)
    out: list[Line] = []
    for part in break_title(text, limit):
        spans = break_lines(part, (m.width,), m.title, 0.0)  # 一行仍放不下时（很窄的版心）再断
        out += [Line(kind, (Run(part[a:b]),)) for a, b in spans]
    return out


def _signature(signature: str, date: str, profile: StyleProfile, *, date_line: bool, sealed: bool) -> Line:
    char = g.char_twips(profile)
    line_chars = Decimal(mm_to_twips(g.text_width_mm(profile))) / char
    sig_start, date_start = (sealed_starts if sealed else signature_starts)(signature, date, line_chars)
    start = max(Decimal(0), date_start if date_line else sig_start)
    return Line("date" if date_line else "signature", (Run(date if date_line else signature),), indent=start)


def _table(block: Block, profile: StyleProfile, number: int, pages: Pages, fit: TableFit) -> Para:
    """表格：字号和页面方向按 :func:`fit_table`（与 Word 文件相同），横版时列宽按横版的版心。"""
    columns = max(len(row) for row in block.rows)
    size = fit.size
    pitch = pt_to_twips(profile.line_pitch)
    line = cell_line_twips(size, pitch)
    widths = column_widths(block.rows, mm_to_twips(g.text_width_mm(fit.profile(profile))), size)
    pages.sizes[number] = size
    pages.widths[number] = widths[:columns]
    flexible = [name.strip() in TEXT_COLUMNS for name in block.rows[0]] + [False] * columns
    rows: list[Line] = []
    for r, row in enumerate(block.rows):
        texts = tuple(row[c] if c < len(row) else "" for c in range(columns))
        lines = max(line_count(text, widths[c], size) for c, text in enumerate(texts))
        # 文字列在词与词之间换行，与 Word 文件写的显式换行相同（write/word/body.py 的 _table）
        texts = tuple("\n".join(wrap(text, widths[c], size))
                      if r and flexible[c] and line_count(text, widths[c], size) > 1 else text
                      for c, text in enumerate(texts))
        # 表格的下框线（0.5 磅）LibreOffice 算在行高之外：有表格的一页，表格之后的各行都往下错开这么多，
        # 最后一个行格放不下。每行都加（一页的表格行再多，加起来也不到一行，结果与只加一次相同）
        rows.append(Line("row", cells=texts, height=row_height(lines, line, pitch) // pitch, table=number,
                         header=r == 0, extra=-(-BORDER_TWIPS * 1000 // pitch)))
    head, *body = rows
    return Para(rows, header=head if body else None, orphans=2, widows=TABLE_TAIL_ROWS)


def section_lines(profile: StyleProfile) -> int:
    """一节每页的行数：版心高度里排得下几个网格行（Word 文件的 w:docGrid；横版的一节比竖版少）。"""
    height = mm_to_twips(profile.paper.height - profile.margins.top - profile.margins.bottom)
    return max(1, min(profile.lines_per_page, height // pt_to_twips(profile.line_pitch)))


def flow(document: Document, profile: StyleProfile, pages: Pages | None = None) -> list[Para]:
    """文档 → 一串段落（各自的行和分页规矩），与 Word 文件里的段落一一对应（含空行段落）。"""
    pages = pages if pages is not None else Pages()
    m = _metrics(profile)
    blocks = document.blocks
    frame = document.frame
    signature = next((b.text for b in blocks if b.kind is BlockKind.SIGNATURE), "")
    date = next((b.text for b in blocks if b.kind is BlockKind.DATE), "")
    sealed = frame is not None and frame.sealed
    out: list[Para] = []
    # 横排的表格另成一节（write/word/body.py 的 _wide_starts）：从哪一块起、到表格为止，每页的行数不同
    fits = {i: fit_table(b.rows, profile) for i, b in enumerate(blocks) if b.kind is BlockKind.TABLE and b.rows}
    wide_starts = _wide_starts(list(blocks), fits)
    wide_end = -1
    if frame is not None:
        keep_next, keep_lines = FRAME_RULES["head"]
        out.append(Para(head_lines(frame, profile), keep_next=keep_next, keep_lines=keep_lines))
    tails = kept_tails(list(blocks), profile)  # 落款前分成两段写出的段落（write/word/closing.py）
    measure = Measure.of(profile)
    squeeze = squeeze_plan(document, profile)  # 收紧行距的落款页（GB/T 9704 7.3.5）：这一页的行矮一些
    tight = 0
    for index, (block, (keep_next, keep_lines)) in enumerate(zip(blocks, keep_rules(blocks, profile), strict=True)):
        kind = block.kind
        section = 0
        if index in wide_starts:
            section, wide_end = section_lines(landscape(profile)), wide_starts[index]
        elif index == wide_end + 1 and wide_end >= 0:
            section, wide_end = section_lines(profile), -1
        start = len(out)
        parts = split_closing(block, measure, tails[index]) if index in tails else None
        if parts is not None:
            head = _text_lines("p", parts[0].runs, m)
            head[-1] = replace(head[-1], last=False)  # 分散对齐：末行也撑满
            out += [Para(head), Para(_text_lines("p", parts[1].runs, m, indent=False), keep_next=CLOSING_TAIL[0],
                                     keep_lines=CLOSING_TAIL[1])]
        if squeeze is not None and index == squeeze.block:
            tight = 1000 - squeeze.pitch * 1000 // pt_to_twips(profile.line_pitch)
        if parts is not None:
            pass  # 上面已分成两段
        elif kind in (BlockKind.TITLE, BlockKind.SUBTITLE):
            if kind is BlockKind.TITLE:
                out.append(Para(_title_lines("title", block.text, profile, m), keep_next=keep_next))
            else:  # 副标题：居中一行，不缩进
                out.append(Para(_text_lines("subtitle", block.runs, m, indent=False), keep_next=keep_next))
            # 标题下紧接副标题时，空行（和主送机关）在副标题下
            followed = index + 1 < len(blocks) and blocks[index + 1].kind is BlockKind.SUBTITLE
            if not (kind is BlockKind.TITLE and followed):
                out.append(Para([Line("blank")], keep_next=BLANK_AFTER_TITLE[0],
                                keep_lines=BLANK_AFTER_TITLE[1]))  # 标题（副标题）下空一行
                if frame is not None and frame.recipient:
                    keep_next, keep_lines = FRAME_RULES["recipient"]
                    out.append(Para(recipient_lines(frame, profile), keep_next=keep_next, keep_lines=keep_lines))
        elif kind is BlockKind.TABLE:
            if block.rows:
                out.append(_table(block, profile, len(pages.widths), pages, fits[index]))
        elif kind is BlockKind.ATTACHMENT:
            out.append(Para([Line("attachment", block.runs)], keep_next=keep_next, page_break=True))
            out.append(Para([Line("blank")], keep_next=keep_next))
        elif kind is BlockKind.ATTACHMENT_TITLE:
            out.append(Para(_title_lines("attachment-title", block.text, profile, m), keep_next=keep_next))
        elif kind in (BlockKind.SIGNATURE, BlockKind.DATE):
            if kind is BlockKind.SIGNATURE:
                for _ in range(2 if sealed else 1):  # 正文下空一行；加盖印章时再空一行给印章
                    out.append(Para([Line("blank")], keep_next=BLANK_BEFORE_CLOSING[0],
                                    keep_lines=BLANK_BEFORE_CLOSING[1]))
            out.append(Para([_signature(signature, date, profile, date_line=kind is BlockKind.DATE, sealed=sealed)],
                            keep_next=keep_next, keep_lines=keep_lines))
        else:
            if kind is BlockKind.ATTACHMENT_NOTE:
                out.append(Para([Line("blank")], keep_next=BLANK_BEFORE_CLOSING[0],
                                keep_lines=BLANK_BEFORE_CLOSING[1]))
            css = "h1" if kind is BlockKind.HEADING1 else "p"
            out.append(Para(_text_lines(css, block.runs, m), keep_next=keep_next, keep_lines=keep_lines))
        if tight:  # 收紧的页：从它的第一行（跨页的段落从页首那一行）起到日期
            skip = squeeze.line if squeeze is not None and index == squeeze.block else 0
            for para in out[start:]:
                para.lines = para.lines[:skip] + [replace(line, extra=line.extra - tight) for line in para.lines[skip:]]
                skip = max(0, skip - len(para.lines))
        if kind is BlockKind.DATE:
            tight = 0
        if section and len(out) > start:
            out[start].section = section
        for para in out[start:]:
            para.wide = wide_end >= 0
    for number, para in enumerate(out):
        para.lines = [replace(line, para=number) for line in para.lines]
        para.header = para.lines[0] if para.header is not None else None
    return out


def layout(document: Document, profile: StyleProfile) -> Pages:
    """整篇排版：每页的行；正式公文的版记排在最后一页的底部（:func:`_place_record`）。"""
    result = Pages()
    paras = flow(document, profile, result)
    result.pages = paginate(paras, profile.lines_per_page)
    result.wide = {number for number, page in enumerate(result.pages) if page and paras[page[0].para].wide}
    if document.frame is not None and document.frame.has_record:
        _place_record(result, record(document.frame, profile), profile.lines_per_page)
    return result


def _place_record(pages: Pages, found: Record, capacity: int) -> None:
    """版记（浮动表格，锚在文件最后一段之后）：最后一页剩下的高度放得下它和锚段时排在这一页的底部，
    放不下时 LibreOffice 把锚段连同版记移到新的一页（版记在那一页的底部，上面空着）。

    版记在双面印刷的最后一面、偶数页（GB/T 9704 7.5）：落在单数页上时，
    放得下的版记前分页（``record_break = "page"``），版记单独在下一页；
    是因为偶数页放不下才移到单数页的，那一页空白，版记再下一页，两页都不编页码（``"blank"``：另起一节）。"""
    last = pages.pages[-1] if pages.pages else []
    moved = heights(last) + found.height > capacity * 1000
    if moved:
        pages.pages.append([])
    if len(pages.pages) % 2:  # 版记在单数页
        if moved:
            pages.record_break = "blank"
            pages.unnumbered = {len(pages.pages) - 1, len(pages.pages)}
        else:
            pages.record_break = "page"
        pages.pages.append([])
    pages.record = len(pages.pages) - 1
    pages.pages[-1].extend(found.lines)
