"""word/document.xml：按 :class:`Document` 的顺序写出各个段落和表格，最后是节属性（页面、页码引用）。"""

from __future__ import annotations

from decimal import Decimal

from ...render.document import Block, BlockKind, Document
from ..style_profile import StyleProfile
from . import geometry as g
from .closing import KEPT_LINES, split_before_line, split_closing
from .frame import head_xml, recipient_xml, record_xml
from .keep import BLANK_BEFORE_CLOSING, CLOSING_TAIL, Rule, closing_index, keep_rules, lead_index
from .layout import mm_to_twips, pt_to_twips, sealed_starts, signature_starts, title_line_limit
from .lines import Measure
from .pages import Squeeze, plan
from .table_fit import TableFit, fit_table
from .table_layout import (
    CELL_MARGIN_TWIPS,
    CELL_PADDING_TWIPS,
    TEXT_COLUMNS,
    cell_line_twips,
    column_widths,
    line_count,
    row_height,
    wrap,
)
from .title_break import break_title
from .xml import XML_DECLARATION, R, W, paragraph, run

_TITLE = g.style_id(g.STYLE_TITLE)
_BODY = g.style_id(g.STYLE_BODY)
_HEADING1 = g.style_id(g.STYLE_HEADING1)
_SIGNATURE = g.style_id(g.STYLE_SIGNATURE)
_DATE = g.style_id(g.STYLE_DATE)
_LABEL = g.style_id(g.STYLE_ATTACHMENT_LABEL)
_ATTACHMENT_TITLE = g.style_id(g.STYLE_ATTACHMENT_TITLE)
_TABLE_TEXT = g.style_id(g.STYLE_TABLE_TEXT)
_CHAR = {2: g.style_id(g.CHAR_HEADING2), 3: g.style_id(g.CHAR_HEADING3)}


def document_xml(doc: Document, profile: StyleProfile, *, fit_tables: bool = True, record_break: str = "") -> bytes:
    """``fit_tables``：指标表按内容选字号和页面方向（:mod:`.table_fit`）；汇总表已经自己选好了（rollup.pages）。
    ``record_break``：版记怎样排到偶数页（版面模型 ``page_flow.layout`` 给出，见 :func:`_record`）。"""
    parts = [XML_DECLARATION, f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>']
    last = _content(parts, doc, profile, fit_tables, record_break)
    parts.append(_section(last, wide=last is not profile, blank=record_break == "blank"))
    parts.append("</w:body></w:document>")
    return "".join(parts).encode("utf-8")


def _wide_starts(blocks: list[Block], fits: dict[int, TableFit]) -> dict[int, int]:
    """横排的表格从哪一块起另成一节：附件连同“附件”二字和附件标题，正文里连同它的一级标题。"""
    starts: dict[int, int] = {}
    for index, fit in fits.items():
        if not fit.wide:
            continue
        start = index
        kinds = [blocks[i].kind for i in range(max(0, index - 2), index)]
        if kinds == [BlockKind.ATTACHMENT, BlockKind.ATTACHMENT_TITLE]:
            start = index - 2
        elif kinds[-1:] == [BlockKind.HEADING1]:
            start = index - 1
        starts[start] = index
    return starts


def _end_section(out: list[str], profile: StyleProfile, *, wide: bool) -> None:
    """在上一个段落里结束一节（w:sectPr 放在段落属性的最后）；上一个是表格时另加一个极小的空段落。"""
    section = _section(profile, wide=wide)
    if out and out[-1].startswith("<w:p>") and "</w:pPr>" in out[-1]:
        out[-1] = out[-1].replace("</w:pPr>", section + "</w:pPr>", 1)
    else:
        # 1 磅高、不对齐网格、段落标记 1 磅：表格排到页底时它也挤得下，不多出一页
        out.append('<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="20" '
                   f'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>{section}</w:pPr></w:p>')


def _content(out: list[str], doc: Document, profile: StyleProfile, fit_tables: bool = True,
             record_break: str = "") -> StyleProfile:
    """写出各块；返回最后一节的版式（横排的表格在最后时是横版）。"""
    blocks = doc.blocks
    fits = {i: fit_table(b.rows, profile) if fit_tables else TableFit(profile.sizes.table, False)
            for i, b in enumerate(blocks) if b.kind is BlockKind.TABLE and b.rows}
    wide_starts = _wide_starts(blocks, fits)
    current = profile
    first = len(out)  # out 里已有文档的开头：这之后才是写出的段落、表格
    signature = next((b.text for b in blocks if b.kind is BlockKind.SIGNATURE), "")
    date = next((b.text for b in blocks if b.kind is BlockKind.DATE), "")
    closing = closing_index(blocks)
    lead = lead_index(blocks, closing, profile)
    rules = keep_rules(blocks, profile)  # 各块的保持属性（keep.py，与预览、落款页的预计相同）
    squeeze = squeeze_plan(doc, profile)  # GB/T 9704 7.3.5 的调整
    faces = profile.fonts
    frame = doc.frame
    if frame is not None:
        out.append(head_xml(frame, profile))
    sealed = frame is not None and frame.sealed
    tight = ""  # 收紧行距的那一页：段落属性里加上较小的固定行距
    for index, block in enumerate(blocks):
        kind = block.kind
        split_line = None  # 这一块在收紧的页上从第几行起（None：这一块不收紧，或整块收紧）
        if squeeze is not None and index == squeeze.block:
            if squeeze.line:
                split_line = squeeze.line
            else:
                tight = _tight(squeeze.pitch)
        # 落款、附件说明前的空行：与下一段同页
        empty_kept = paragraph(_BODY, keep_next=BLANK_BEFORE_CLOSING[0], keep_lines=BLANK_BEFORE_CLOSING[1],
                               indent=tight)
        if index in wide_starts:  # 横排表格另成一节（GB/T 9704 第 8 条）：前一节在这里结束
            if len(out) > first:  # 文档从横排表格开始时没有前一节
                _end_section(out, current, wide=current is not profile)
            current = fits[wide_starts[index]].profile(profile)
        elif current is not profile and index - 1 in fits:  # 横排表格之后回到竖版
            _end_section(out, current, wide=True)
            current = profile
        if kind is BlockKind.TITLE:
            limit = title_line_limit(profile.title_max_chars, g.text_width_mm(profile), profile.sizes.title)
            lines = [("<w:r><w:br/></w:r>" if number else "") + run(line, font=faces.title)
                     for number, line in enumerate(break_title(block.text, limit))]
            out.append(paragraph(_TITLE, "".join(lines), indent=tight))
            if not (index + 1 < len(blocks) and blocks[index + 1].kind is BlockKind.SUBTITLE):
                out.append(paragraph(_BODY, indent=tight))  # 标题下空一行
                if frame is not None and frame.recipient:
                    out.append(recipient_xml(frame, profile))  # 主送机关（GB/T 9704 7.3.2）
        elif kind is BlockKind.SUBTITLE:
            # 紧接标题、居中的一行（楷体，与二级标题同一字体），下面空一行；直接格式：不缩进、居中
            out.append(paragraph(_BODY, run(block.text, char_style=_CHAR[2], font=faces.heading2),
                                 keep_next=rules[index][0], keep_lines=rules[index][1],
                                 indent='<w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/>'))
            out.append(paragraph(_BODY))
            if frame is not None and frame.recipient:
                out.append(recipient_xml(frame, profile))  # 主送机关（GB/T 9704 7.3.2）
        elif kind is BlockKind.HEADING1:
            out.append(paragraph(_HEADING1, run(block.text, font=faces.heading1), indent=tight))
        elif kind is BlockKind.PARAGRAPH:
            if index in (closing, lead):
                _closing(out, block, profile, KEPT_LINES if index == closing else 1, rules[index], tight=tight,
                         squeeze=(split_line, _tight(squeeze.pitch)) if split_line and squeeze else None)
            elif any(rules[index]):
                # 只有小标题、下面是子项的段落：与下一段（第一个子项）同页，不落在页脚
                out.append(_paragraph(block, profile, keep_next=rules[index][0], keep_lines=rules[index][1],
                                      extra=tight))
            elif split_line and squeeze and (parts := split_before_line(block, Measure.of(profile), split_line)):
                # 跨到收紧的页上的段落：在页首那一行分开，后一段收紧（前一段分散对齐，看不出分段）
                out.append(_paragraph(parts[0], profile, extra=_DISTRIBUTE))
                out.append(_paragraph(parts[1], profile, extra=_tight(squeeze.pitch) + _NO_INDENT))
            else:
                out.append(_paragraph(block, profile, extra=tight))
        elif kind is BlockKind.ATTACHMENT_NOTE:
            out.append(empty_kept)  # 正文下空一行
            out.append(_paragraph(block, profile, keep_next=rules[index][0], keep_lines=rules[index][1],
                                  extra=tight))
        elif kind is BlockKind.SIGNATURE:
            out.append(empty_kept)  # 正文（附件说明）下空一行
            if sealed:
                out.append(empty_kept)  # 加盖印章：再空一行给印章（印章顶端上距正文一行之内）
            out.append(_signature_line(signature, date, profile, rules[index], date_line=False, sealed=sealed,
                                       tight=tight))
        elif kind is BlockKind.DATE:
            out.append(_signature_line(signature, date, profile, rules[index], date_line=True, sealed=sealed,
                                       tight=tight))
            tight = ""
        elif kind is BlockKind.ATTACHMENT:
            # 附件另起一页（GB/T 9704 7.3.7）：第一行左上角“附件”，第二行空，第三行居中附件标题
            # 横排的附件另成一节，节本身就另起一页
            out.append(paragraph(_LABEL, run(block.text), page_break=index not in wide_starts))
            out.append(paragraph(_LABEL, keep_next=True))
        elif kind is BlockKind.ATTACHMENT_TITLE:
            out.append(paragraph(_ATTACHMENT_TITLE, run(block.text, font=faces.title)))
        elif kind is BlockKind.TABLE and index in fits:
            _table(out, block, profile, fits[index])
        if split_line and squeeze is not None:
            tight = _tight(squeeze.pitch)  # 之后的各块都在收紧的页上
    if frame is not None and frame.has_record:
        if record_break == "blank":  # 空白页和版记页另成一节，不编页码（7.5）
            _end_section(out, current, wide=current is not profile)
            out.append(_TINY_PARAGRAPH.format(""))  # 空白页上唯一的（1 磅高的）段落
            current = profile
        if record_break:  # 版记另起一页（偶数页）：段前分页的空段落（分页符的文字块 LibreOffice 在节首忽略）
            out.append(_TINY_PARAGRAPH.replace("<w:snapToGrid", "<w:pageBreakBefore/><w:snapToGrid", 1).format(""))
        out.append(record_xml(frame, profile))  # 版记：文件最后一页的版心底部（GB/T 9704 7.4）
    return current


# 1 磅高、不对齐网格的空段落：版记前分页、空白页用它，不多占一行
_TINY_PARAGRAPH = ('<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="20" '
                   'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr>{}</w:p>')


_DISTRIBUTE = '<w:jc w:val="distribute"/>'  # 分散对齐：末行也撑满
_NO_INDENT = '<w:ind w:firstLine="0" w:firstLineChars="0"/>'  # 接着上一段的最后一行，不缩进


def _tight(pitch: int) -> str:
    """收紧的行距（GB/T 9704 7.3.5）：固定值、不对齐网格，这一页多排一两行。"""
    return ('<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:beforeLines="0" w:afterLines="0" '
            f'w:line="{pitch}" w:lineRule="exact"/>')


def squeeze_plan(doc: Document, profile: StyleProfile) -> Squeeze | None:
    """哪一页收紧行距、从哪里起（:mod:`.pages`）；不需要时为 None。"""
    closing = closing_index(doc.blocks)
    return plan(doc, profile, Measure.of(profile), closing, lead_index(doc.blocks, closing, profile))


def _line_chars(profile: StyleProfile) -> Decimal:
    """版心宽度折合几个正文字（可以有小数）。"""
    return Decimal(mm_to_twips(g.text_width_mm(profile))) / g.char_twips(profile)


def _closing(out: list[str], block: Block, profile: StyleProfile, kept: int, rule: Rule, *, tight: str = "",
             squeeze: tuple[int, str] | None = None) -> None:
    """落款不单独成页（GB/T 9704 7.3.5）：正文最后 ``kept`` 行与落款同页。不超过 ``kept`` 行的段落整段
    “与下段同页”“段中不分页”；更长的在倒数第 ``kept`` 行前分成两段（:mod:`.closing`），只有后一段带保持属性。
    ``squeeze``：（前一段在上一页排了几行，收紧的行距）——前一段跨到收紧的页上，在页首那一行再分开。"""
    parts = split_closing(block, Measure.of(profile), kept)
    if parts is None:
        keep_next, keep_lines = rule
        out.append(_paragraph(block, profile, keep_next=keep_next, keep_lines=keep_lines, extra=tight))
        return
    head, tail = parts
    if squeeze is not None and (pieces := split_before_line(head, Measure.of(profile), squeeze[0])):
        out.append(_paragraph(pieces[0], profile, extra=_DISTRIBUTE))
        head, tight = pieces[1], squeeze[1]
        out.append(_paragraph(head, profile, extra=tight + _NO_INDENT + _DISTRIBUTE))
    else:
        out.append(_paragraph(head, profile, extra=tight + _DISTRIBUTE))  # 末行也撑满，看不出分段
    out.append(_paragraph(tail, profile, keep_next=CLOSING_TAIL[0], keep_lines=CLOSING_TAIL[1],
                          extra=tight + _NO_INDENT))


def _paragraph(block: Block, profile: StyleProfile, *, keep_next: bool = False, keep_lines: bool = False,
               extra: str = "") -> str:
    faces = profile.fonts
    runs = "".join(run(r.text, char_style=_CHAR[min(r.level, 3)] if r.level >= 2 else None,
                       font=faces.heading2 if r.level == 2 else faces.heading3 if r.level >= 3 else faces.body)
                   for r in block.runs)
    return paragraph(_BODY, runs, keep_next=keep_next, keep_lines=keep_lines, indent=extra)


def _signature_line(signature: str, date: str, profile: StyleProfile, rule: Rule, *, date_line: bool,
                    sealed: bool = False, tight: str = "") -> str:
    """署名、日期各一段，从版心左边定位（左缩进、左对齐）：日期首字正好比署名首字右移二字。
    署名一段“与下段同页”“段中不分页”，日期一段“段中不分页”：两段是一块，Word、WPS、LibreOffice 都不拆开。
    ``sealed``（加盖印章，7.3.5.1）：成文日期右空四字，署名以成文日期为准居中。"""
    char = g.char_twips(profile)
    line_chars = _line_chars(profile)
    sig_start, date_start = (sealed_starts if sealed else signature_starts)(signature, date, line_chars)
    left = max(0, int(((date_start if date_line else sig_start) * char).to_integral_value()))
    return paragraph(_DATE if date_line else _SIGNATURE, run(date if date_line else signature),
                     keep_next=rule[0], keep_lines=rule[1],
                     indent=f'{tight}<w:ind w:left="{left}" w:right="0" w:firstLine="0"/><w:jc w:val="left"/>')


_BORDERS = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
         'w:noVBand="1" w:val="04A0"/>')


def _table(out: list[str], block: Block, profile: StyleProfile, fit: TableFit) -> None:
    """主要指标完成情况表：列宽按内容定，行高取整数个行格，表头跨页重复，行不跨页。
    字号、页面方向见 :mod:`.table_fit`：字号比版式的小时，各格的文字块写明字号、段落写明行距。"""
    columns = max(len(row) for row in block.rows)
    size = fit.size
    pitch = pt_to_twips(profile.line_pitch)
    line = cell_line_twips(size, pitch)
    width = mm_to_twips(g.text_width_mm(fit.profile(profile)))
    half_points = int(size * 2)
    size_xml = (f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
                if size != profile.sizes.table else "")
    spacing = (f'<w:spacing w:line="{line}" w:lineRule="exact"/>'
               if line != cell_line_twips(profile.sizes.table, pitch) else "")
    margin, pad = CELL_MARGIN_TWIPS, CELL_PADDING_TWIPS
    out.append(
        f'<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="{width}"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="{pad}" w:type="dxa"/><w:left w:w="{margin}" w:type="dxa"/>'
        f'<w:bottom w:w="{pad}" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        f"{_LOOK}</w:tblPr>")
    widths = column_widths(block.rows, width, size)
    out.append("<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths[:columns]) + "</w:tblGrid>")
    cell_paragraph = f'<w:p><w:pPr><w:pStyle w:val="{_TABLE_TEXT}"/>{spacing}</w:pPr>'
    # 最后两行不分在两页（表尾不落单）：倒数第二行各格的段落“与下段同页”，Word、WPS 据此把两行排在一起
    kept_paragraph = f'<w:p><w:pPr><w:pStyle w:val="{_TABLE_TEXT}"/><w:keepNext/>{spacing}</w:pPr>'
    last = len(block.rows) - 1
    flexible = [name.strip() in TEXT_COLUMNS for name in block.rows[0]] + [False] * columns
    for r, row in enumerate(block.rows):
        texts = [row[c] if c < len(row) else "" for c in range(columns)]
        lines = max(line_count(text, widths[c], size) for c, text in enumerate(texts))
        header = "<w:tblHeader/>" if r == 0 else ""  # 表头在每页重复
        out.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{row_height(lines, line, pitch)}" '
                   f'w:hRule="atLeast"/>{header}</w:trPr>')
        for c, text in enumerate(texts):
            if r and flexible[c] and line_count(text, widths[c], size) > 1:
                text = "\n".join(wrap(text, widths[c], size))  # 在词与词之间显式换行
            out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{widths[c]}"/><w:vAlign w:val="center"/>'
                       f"</w:tcPr>{kept_paragraph if 1 <= r == last - 1 else cell_paragraph}"
                       f"{run(text, font=profile.fonts.table, size=size_xml)}</w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")


# 竖版报告里横排表格那一节的页脚（package.WIDE_FOOTERS：footer3、footer4）
WIDE_SECTION = b'<w:footerReference w:type="default" r:id="rId7"/>'


# 版记前有空白页时最后一节（空白页、版记页）的页脚：没有页码（package.BLANK_FOOTER：footer5）
BLANK_SECTION = b'<w:footerReference w:type="default" r:id="rId9"/>'


def _section(profile: StyleProfile, *, wide: bool = False, blank: bool = False) -> str:
    """节属性。``wide``：竖版报告里横排表格的一节，用横版页码的页脚；``blank``：不编页码的一节（空白页、版记页）。"""
    paper, margins = profile.paper, profile.margins
    # 横版要写明 w:orient：Word、WPS 按它决定打印方向；竖版不写
    orient = ' w:orient="landscape"' if paper.width > paper.height else ""
    default, even = ("rId9", "rId9") if blank else ("rId7", "rId8") if wide else ("rId5", "rId6")
    return (f'<w:sectPr><w:footerReference w:type="default" r:id="{default}"/>'
            f'<w:footerReference w:type="even" r:id="{even}"/>'
            f'<w:pgSz w:w="{mm_to_twips(paper.width)}" w:h="{mm_to_twips(paper.height)}"{orient}/>'
            f'<w:pgMar w:top="{mm_to_twips(margins.top)}" w:right="{mm_to_twips(margins.right)}" '
            f'w:bottom="{mm_to_twips(margins.bottom)}" w:left="{mm_to_twips(margins.left)}" '
            f'w:header="{mm_to_twips(Decimal(15))}" w:footer="{g.footer_distance_twips(profile)}" '
            f'w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="{pt_to_twips(profile.line_pitch)}"/>'
            "</w:sectPr>")
