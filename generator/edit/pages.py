"""预览的版面模型：把 Word 文件所用的同一份 :class:`Document` 排进 22 行 × 28 字的网格，分成一页页。

在服务器上（Python）排，不在浏览器里排：断行要用与 Word 文件完全相同的计算（标题回行 :func:`break_title`、
落款的位置 :func:`signature_starts`、表格的列宽和行高），这些都在 ``generator/write/word`` 里；
在 Python 里还能不开浏览器就与 LibreOffice 的 PDF 逐页对照（tests/edit/test_preview_pdf.py）。
浏览器只按排好的行显示（每行一个定高的格子），不再自己分页。

排法：

- 每一行占一个网格行（表格的行占整数个网格行，与 Word 文件的行高相同）；每页 ``每页行数`` 行；
- 断行见 :mod:`.lines`；
- 段落的“与下段同页”“段中不分页”都由 :func:`keep_rules` 一处给出，与 ``write/word/body.py`` 写进 Word 文件的相同；
- 分页见 :func:`paginate`：“与下段同页”的一串段落连同下一段的开头放不下时一起移到下一页；
  可以拆开的段落按行拆（Word 文件关掉了孤行控制：:data:`ORPHANS`、:data:`WIDOWS` 为 1）；
  LibreOffice 对可以拆开的“与下段同页”段落的做法（整段移页、放弃太长的一串）见 :data:`KEPT_PARAGRAPH_MOVES_WHOLE`
  和 :func:`_chain_given_up`。
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..render.document import Block, BlockKind, Document, Run
from ..write.style_profile import StyleProfile
from ..write.word import geometry as g
from ..write.word.body import kept_tails, squeeze_plan
from ..write.word.closing import split_closing
from ..write.word.layout import mm_to_twips, pt_to_twips, signature_starts, title_line_limit
from ..write.word.table_layout import (
    BORDER_TWIPS,
    TEXT_COLUMNS,
    cell_line_twips,
    column_widths,
    line_count,
    row_height,
    wrap,
)
from ..write.word.title_break import break_title
from .lines import break_lines

ORPHANS = 1  # 段落留在页末的最少行数（Word 文件：w:widowControl 为 0，即不控制）
WIDOWS = 1  # 段落移到下一页的最少行数
TABLE_TAIL_ROWS = 2  # 表格最后两行不分在两页（倒数第二行“与下段同页”）
# LibreOffice：“与下段同页”、可以段中分页的段落，与下一段的开头放不下时，只要整段连同下一段的开头能放进下一页，
# 就整段移过去（Word 只移最后几行）。PDF 上量得（落款前的长段落）；改成 Word 的做法时设为 False
KEPT_PARAGRAPH_MOVES_WHOLE = True


@dataclass(frozen=True)
class Line:
    """版面上的一行（或表格的一行）。"""

    kind: str  # CSS 类：title h1 p signature date attachment attachment-title blank row
    runs: tuple[Run, ...] = ()
    height: int = 1  # 占几个网格行
    extra: int = 0  # 另外多占的高度（千分之一行）：表格的下框线，LibreOffice 把它算在行高之外
    first: bool = False  # 段落的第一行（首行缩进二字）
    last: bool = True  # 段落的最后一行（不两端对齐）
    indent: Decimal = Decimal(0)  # 左边空几个字（落款）
    cells: tuple[str, ...] = ()  # 表格的一行
    table: int = -1  # 属于第几个表格（同一页里连续的行合成一个表格）
    header: bool = False  # 表头（每页重复）
    para: int = -1  # 属于第几段（:func:`flow` 的顺序）

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs) if self.runs else "".join(self.cells)


@dataclass
class Para:
    """一段（或一个表格）：各行，以及分页时的规矩。"""

    lines: list[Line]
    keep_next: bool = False  # 与下段同页
    keep_lines: bool = False  # 段中不分页
    page_break: bool = False  # 段前分页
    header: Line | None = None  # 表格：在每个续页顶上重复的表头
    orphans: int = ORPHANS
    widows: int = WIDOWS


@dataclass
class Pages:
    pages: list[list[Line]] = field(default_factory=list)
    widths: dict[int, list[int]] = field(default_factory=dict)  # 各表格的列宽（缇）


# ---------------------------------------------------------------- 分页规矩（与 write/word/body.py 相同）


def keep_rules(blocks: Sequence[Block], profile: StyleProfile) -> list[tuple[bool, bool]]:
    """每一块的（与下段同页, 段中不分页）。改分页规矩时改这里（和 write/word/body.py 里写进 Word 文件的）：

    - 标题、一级标题、附件说明、署名、“附件”二字和附件标题：与下段同页；
    - 只有行内小标题、正文在子项里的段落：与下段同页、段中不分页；
    - 落款之前的最后一段正文：与下段同页、段中不分页；预计超过两行的，:func:`flow` 像 Word 文件一样
      分成两段（``write/word/closing.py``，前一段不带保持属性，后两行一段带）；它只有一行时，前一段的最后一行
      也这样分出来；落款差一两行排不下时那一页的行矮一些（``write/word/pages.py``，GB/T 9704 7.3.5）；
    - 附件说明、署名、日期：段中不分页。
    """
    closing = _closing_index(blocks)
    short = 2 * profile.chars_per_line
    rules: list[tuple[bool, bool]] = []
    for index, block in enumerate(blocks):
        kind = block.kind
        if kind is BlockKind.PARAGRAPH and index == closing:
            rules.append((True, not short or len(block.text) <= short))
        elif kind is BlockKind.PARAGRAPH:
            heading_only = len(block.runs) == 1 and block.runs[0].level >= 2
            rules.append((heading_only, heading_only))
        elif kind in (BlockKind.ATTACHMENT_NOTE, BlockKind.SIGNATURE):
            rules.append((True, True))
        elif kind is BlockKind.DATE:
            rules.append((False, True))
        elif kind in (BlockKind.TITLE, BlockKind.HEADING1, BlockKind.ATTACHMENT, BlockKind.ATTACHMENT_TITLE):
            rules.append((True, False))
        else:
            rules.append((False, False))
    return rules


def _closing_index(blocks: Sequence[Block]) -> int:
    end = next((i for i, b in enumerate(blocks) if b.kind in (BlockKind.ATTACHMENT_NOTE, BlockKind.SIGNATURE)),
               len(blocks))
    return next((i for i in range(end - 1, -1, -1) if blocks[i].kind is BlockKind.PARAGRAPH), -1)


# ---------------------------------------------------------------- 各块排成行


@dataclass(frozen=True)
class _Metrics:
    body: float  # 正文字号（磅）
    spacing: float  # 字距（磅）
    title: float
    width: float  # 版心宽（磅）
    indent: float  # 首行缩进二字（磅）


def _metrics(profile: StyleProfile) -> _Metrics:
    body = float(profile.sizes.body)
    spacing = float(profile.char_spacing)
    width = float(g.text_width_mm(profile)) / 25.4 * 72
    return _Metrics(body, spacing, float(profile.sizes.title), width, 2 * (body + spacing))


def _split_runs(runs: tuple[Run, ...], start: int, end: int) -> tuple[Run, ...]:
    out: list[Run] = []
    position = 0
    for run in runs:
        a, b = max(start, position), min(end, position + len(run.text))
        if a < b:
            out.append(Run(run.text[a - position:b - position], run.level))
        position += len(run.text)
    return tuple(out)


def _text_lines(kind: str, runs: tuple[Run, ...], m: _Metrics, *, indent: bool = True) -> list[Line]:
    text = "".join(run.text for run in runs)
    first = m.width - m.indent if indent else m.width
    spans = break_lines(text, (first, m.width), m.body, m.spacing)
    return [Line(kind, _split_runs(runs, a, b), first=n == 0, last=n == len(spans) - 1)
            for n, (a, b) in enumerate(spans)]


def _title_lines(kind: str, text: str, profile: StyleProfile, m: _Metrics) -> list[Line]:
    limit = title_line_limit(profile.title_max_chars, g.text_width_mm(profile), profile.sizes.title)
    out: list[Line] = []
    for part in break_title(text, limit):
        spans = break_lines(part, (m.width,), m.title, 0.0)  # 一行仍放不下时（很窄的版心）再断
        out += [Line(kind, (Run(part[a:b]),)) for a, b in spans]
    return out


def _signature(signature: str, date: str, profile: StyleProfile, *, date_line: bool) -> Line:
    char = g.char_twips(profile)
    line_chars = Decimal(mm_to_twips(g.text_width_mm(profile))) / char
    sig_start, date_start = signature_starts(signature, date, line_chars)
    start = max(Decimal(0), date_start if date_line else sig_start)
    return Line("date" if date_line else "signature", (Run(date if date_line else signature),), indent=start)


def _table(block: Block, profile: StyleProfile, number: int, pages: Pages) -> Para:
    columns = max(len(row) for row in block.rows)
    size = profile.sizes.table
    pitch = pt_to_twips(profile.line_pitch)
    line = cell_line_twips(size, pitch)
    widths = column_widths(block.rows, mm_to_twips(g.text_width_mm(profile)), size)
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


def flow(document: Document, profile: StyleProfile, pages: Pages | None = None) -> list[Para]:
    """文档 → 一串段落（各自的行和分页规矩），与 Word 文件里的段落一一对应（含空行段落）。"""
    pages = pages if pages is not None else Pages()
    m = _metrics(profile)
    blocks = document.blocks
    signature = next((b.text for b in blocks if b.kind is BlockKind.SIGNATURE), "")
    date = next((b.text for b in blocks if b.kind is BlockKind.DATE), "")
    out: list[Para] = []
    tails = kept_tails(list(blocks), profile)  # 落款前分成两段写出的段落（write/word/closing.py）
    chars = Decimal(mm_to_twips(g.text_width_mm(profile))) / g.char_twips(profile)
    squeeze = squeeze_plan(document, profile)  # 收紧行距的落款页（GB/T 9704 7.3.5）：这一页的行矮一些
    tight = 0
    for index, (block, (keep_next, keep_lines)) in enumerate(zip(blocks, keep_rules(blocks, profile), strict=True)):
        kind = block.kind
        start = len(out)
        parts = split_closing(block, chars, tails[index]) if index in tails else None
        if parts is not None:
            head = _text_lines("p", parts[0].runs, m)
            head[-1] = replace(head[-1], last=False)  # 分散对齐：末行也撑满
            out += [Para(head), Para(_text_lines("p", parts[1].runs, m, indent=False), keep_next=True,
                                     keep_lines=True)]
        if squeeze is not None and index == squeeze.block:
            tight = 1000 - squeeze.pitch * 1000 // pt_to_twips(profile.line_pitch)
        if parts is not None:
            pass  # 上面已分成两段
        elif kind is BlockKind.TITLE:
            out.append(Para(_title_lines("title", block.text, profile, m), keep_next=keep_next))
            out.append(Para([Line("blank")]))  # 标题下空一行
        elif kind is BlockKind.TABLE:
            if block.rows:
                out.append(_table(block, profile, len(pages.widths), pages))
        elif kind is BlockKind.ATTACHMENT:
            out.append(Para([Line("attachment", block.runs)], keep_next=True, page_break=True))
            out.append(Para([Line("blank")], keep_next=keep_next))
        elif kind is BlockKind.ATTACHMENT_TITLE:
            out.append(Para(_title_lines("attachment-title", block.text, profile, m), keep_next=keep_next))
        elif kind in (BlockKind.SIGNATURE, BlockKind.DATE):
            if kind is BlockKind.SIGNATURE:
                out.append(Para([Line("blank")], keep_next=True, keep_lines=True))  # 正文下空一行
            out.append(Para([_signature(signature, date, profile, date_line=kind is BlockKind.DATE)],
                            keep_next=keep_next, keep_lines=keep_lines))
        else:
            if kind is BlockKind.ATTACHMENT_NOTE:
                out.append(Para([Line("blank")], keep_next=True, keep_lines=True))
            css = "h1" if kind is BlockKind.HEADING1 else "p"
            out.append(Para(_text_lines(css, block.runs, m), keep_next=keep_next, keep_lines=keep_lines))
        if tight:  # 收紧的页：从它的第一行（跨页的段落从页首那一行）起到日期
            skip = squeeze.line if squeeze is not None and index == squeeze.block else 0
            for para in out[start:]:
                para.lines = para.lines[:skip] + [replace(line, extra=line.extra - tight) for line in para.lines[skip:]]
                skip = max(0, skip - len(para.lines))
        if kind is BlockKind.DATE:
            tight = 0
    for number, para in enumerate(out):
        para.lines = [replace(line, para=number) for line in para.lines]
        para.header = para.lines[0] if para.header is not None else None
    return out


# ---------------------------------------------------------------- 分页


def _heights(lines: Sequence[Line]) -> int:
    """几行的高度，千分之一网格行。"""
    return sum(line.height * 1000 + line.extra for line in lines)


def _head(paras: Sequence[Para], index: int) -> int:
    """第 ``index`` 段开头必须与前一段（与下段同页的）排在同一页的网格行数：段中不分页的整段，
    否则开头 ``orphans`` 行；整段带上且这一段也“与下段同页”时，再加下一段的开头。"""
    total = 0
    while index < len(paras):
        para = paras[index]
        whole = para.keep_lines or len(para.lines) <= para.orphans
        total += _heights(para.lines if whole else para.lines[:para.orphans])
        if not (whole and para.keep_next):
            break
        index += 1
    return total


def _chain_given_up(paras: Sequence[Para], index: int, first_page: dict[int, int], page: int,
                    capacity: int) -> bool:
    """第 ``index`` 段在一串“与下段同页”的段落中间，而 LibreOffice 已放弃这一串：串首的段落从前一页拆过来，
    或整串（串首各段整段、最后一段的开头）比一页还长。这时不再为它移页（量得：长结束语之后署名、日期可以分在两页）。"""
    if not KEPT_PARAGRAPH_MOVES_WHOLE or index == 0 or not paras[index - 1].keep_next:
        return False
    start = index - 1
    while start > 0 and paras[start - 1].keep_next:
        start -= 1
    if first_page.get(start) != page:
        return True
    end, total = start, 0
    while end < len(paras) and paras[end].keep_next:
        total += _heights(paras[end].lines)
        end += 1
    return total + (_head(paras, end) if end < len(paras) else 0) > capacity


def paginate(paras: Sequence[Para], capacity: int) -> list[list[Line]]:
    """把段落排进每页 ``capacity`` 个网格行的页面。一串“与下段同页”的段落比一页还长时不再强求。"""
    capacity *= 1000  # 以千分之一行计
    pages: list[list[Line]] = [[]]
    used = 0

    def new_page(header: Line | None) -> None:
        nonlocal used
        pages.append([header] if header is not None else [])
        used = _heights([header]) if header is not None else 0

    first_page: dict[int, int] = {}  # 各段第一行所在的页
    for index, para in enumerate(paras):
        if para.page_break and pages[-1]:
            new_page(None)
        head = _head(paras, index)
        given_up = _chain_given_up(paras, index, first_page, len(pages) - 1, capacity)
        if used and used + head > capacity >= head and not given_up:
            new_page(None)
        after = _head(paras, index + 1) if para.keep_next and not given_up else 0
        first_page[index] = len(pages) - 1
        rest = list(para.lines)
        started = False  # 这一段已有几行排在前面的页上（表格续页要重复表头）
        while rest:
            carry = para.header if started else None
            free = capacity - used
            total = _heights(rest)
            if total <= free and total + after <= free:
                pages[-1].extend(rest)
                used += total
                break
            if total <= free:
                # 这一段放得下，下一段的开头放不下：把这一段的最后几行（不分页时整段）带到下一页
                whole = para.keep_lines or (KEPT_PARAGRAPH_MOVES_WHOLE and not started and para.header is None)
                keep = len(rest) if whole else max(para.widows, 1)
                if keep >= len(rest) - (0 if started else para.orphans) + 1 or whole:
                    if used and _heights(rest) + after <= capacity:
                        new_page(carry)
                        continue
                    pages[-1].extend(rest)
                    used += total
                    break
                if _heights(rest[-keep:]) + after > capacity:  # 带过去也放不下：不强求
                    pages[-1].extend(rest)
                    used += total
                    break
                pages[-1].extend(rest[:-keep])
                started = True
                rest = rest[-keep:]
                new_page(para.header)
                continue
            if used and ((para.keep_lines and total <= capacity) or (
                    KEPT_PARAGRAPH_MOVES_WHOLE and para.keep_next and not started and para.header is None)):
                new_page(carry)
                continue
            fit = 0
            while fit < len(rest) and _heights(rest[:fit + 1]) <= free:
                fit += 1
            fit = min(fit, len(rest) - para.widows)
            if fit < (1 if started else para.orphans):
                if used and used > (_heights([carry]) if carry else 0):
                    new_page(carry)
                    continue
                fit = max(fit, 1)
            pages[-1].extend(rest[:fit])
            started = True
            rest = rest[fit:]
            new_page(para.header)
    return [page for page in pages if page]


def layout(document: Document, profile: StyleProfile) -> Pages:
    """整篇排版：每页的行。"""
    result = Pages()
    paras = flow(document, profile, result)
    result.pages = paginate(paras, profile.lines_per_page)
    return result
