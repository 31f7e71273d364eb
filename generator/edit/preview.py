"""预览：把 :class:`~generator.render.document.Document` 按 :mod:`.pages` 排好的页写成 HTML。

与 Word 文件出自同一份结构，文字、序号和代入的数字完全相同；分页、每行在哪个字处换行由服务器排定
（与 LibreOffice 转出的 PDF 相同，见 :mod:`.pages`），浏览器只按行显示：每行一个定高、两端对齐的格子
（``static/editor.css``），不再自己断行、分页。尺寸（纸张、页边距、行距、字号、字距）取自版式配置，
写在每页的 CSS 变量里。

页面的内容安全策略不许 HTML 里的 style 属性，尺寸写在 ``data-css`` 里（“属性:值;属性:值”），
由 ``static/preview.js`` 逐条设置（CSSOM 不受这条策略限制）。
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from itertools import groupby

from ..render.document import Document
from ..write.style_profile import StyleProfile, load_profile
from ..write.word.geometry import landscape
from ..write.word.layout import set_width
from ..write.word.page_flow import layout, section_lines
from ..write.word.page_types import Line, Pages

_TAGS = {"title": "h1", "h1": "h2", "attachment-title": "h1"}


def document_html(document: Document, profile: StyleProfile | None = None) -> str:
    """整篇预览：一页一个 ``<div class="page">``；横排表格的页是横版（``page wide``，页码转 90 度）。"""
    profile = profile or load_profile()
    pages = layout(document, profile)
    style, wide_style = _variables(profile), _variables(landscape(profile))
    out = []
    for number, page in enumerate(pages.pages, start=1):
        body = "".join(_part(list(part), pages) for _, part in groupby(page, key=_group))
        side = "odd" if number % 2 else "even"
        wide = number - 1 in pages.wide
        out.append(f'<div class="page{" wide" if wide else ""}" data-css="{wide_style if wide else style}">'
                   f'<div class="page-body">{body}</div>'
                   + ("" if number - 1 in pages.unnumbered else  # 版记前的空白页和版记页不编页码（7.5）
                      f'<div class="page-number {side}">— {number} —</div>') + "</div>")
    return "\n".join(out)


def _variables(profile: StyleProfile) -> str:
    paper, margins, sizes = profile.paper, profile.margins, profile.sizes
    values = {"paper-w": f"{paper.width}mm", "paper-h": f"{paper.height}mm", "top": f"{margins.top}mm",
              "bottom": f"{margins.bottom}mm", "left": f"{margins.left}mm", "right": f"{margins.right}mm",
              "pitch": f"{profile.line_pitch}pt", "lines": str(section_lines(profile)), "size": f"{sizes.body}pt",
              "spacing": f"{profile.char_spacing}pt", "title-size": f"{sizes.title}pt",
              "table-size": f"{sizes.table}pt", "number-size": f"{sizes.page_number}pt",
              "number-gap": f"{profile.page_number_gap}mm"}
    return ";".join(f"--{key}:{value}" for key, value in values.items())


def _group(line: Line) -> tuple[int, int]:
    """同一页上属于同一段（或同一表格）的行合成一组；版头是一组，版记是一组。"""
    if line.kind.startswith("record"):
        return (-2, -2)
    return (line.table, -1) if line.table >= 0 else (-1, line.para)


def _part(lines: list[Line], pages: Pages) -> str:
    if lines[0].table >= 0:
        return _table(lines, pages.widths.get(lines[0].table, []), pages.sizes.get(lines[0].table))
    if lines[0].kind.startswith("frame"):
        names = [name for line in lines if line.kind == "frame-signers" for name in line.cells[2:]]
        slot = max((set_width(name) for name in names), default=Decimal(0))
        return f'<div class="frame-head">{"".join(_frame_line(line, slot) for line in lines)}</div>'
    if lines[0].kind.startswith("record"):
        return _record(lines)
    kind = lines[0].kind
    tag = _TAGS.get(kind, "p")
    # 收紧行距的落款页（GB/T 9704 7.3.5）：行框的高度跟着行距变小
    tight = f' data-css="line-height:calc({(1000 + lines[0].extra) / 1000:.3f} * var(--pitch))"' \
        if lines[0].extra < 0 else ""
    return f'<{tag} class="{kind}"{tight}>{"".join(_line(line) for line in lines)}</{tag}>'


def _line(line: Line) -> str:
    classes = ["ln"] + (["first"] if line.first else []) + (["last"] if line.last else [])
    runs = "".join(f'<span class="run{run.level}">{escape(run.text)}</span>' if run.level else escape(run.text)
                   for run in line.runs)
    css = [f"padding-left:calc({line.indent:.3f} * var(--char))"] if line.indent > Decimal(0) else []
    if line.extra < 0:  # 收紧行距的落款页（GB/T 9704 7.3.5）：这一行矮一些
        css += [f"height:calc({(1000 + line.extra) / 1000:.3f} * var(--pitch))",
                f"line-height:calc({(1000 + line.extra) / 1000:.3f} * var(--pitch))"]
    style = f' data-css="{";".join(css)}"' if css else ""
    return f'<span class="{" ".join(classes)}"{style}>{runs}</span>'


def _frame_line(line: Line, slot: Decimal) -> str:
    """版头的一行：定高（缇 → 磅，与 Word 文件的固定行距相同）；发文机关标志红色、按它的字号；
    发文字号和签发人一左一右，姓名各占 ``slot`` 个字宽（最长的姓名），其间空一字（与 Word 文件的制表位相同）；
    分隔线是这一格的红色下边框。"""
    css = f"height:{line.twips / 20}pt;line-height:{line.twips / 20}pt"
    if line.size is not None:
        css += f";font-size:{line.size}pt"
    if line.kind == "frame-signers":
        number, label, *names = line.cells
        cells = "".join(f'<span class="name" data-css="width:{slot:.2f}em">{escape(name)}</span>' for name in names)
        content = (f'<span class="number">{escape(number)}</span><span class="signers">'
                   f'<span class="label{"" if label else " blank"}">签发人：</span>{cells}</span>')
    elif line.kind == "frame-mark" and line.cells:
        content = f'{escape(line.cells[0])}<span class="suffix">{escape(line.cells[1])}</span>'
    else:
        content = escape(line.text)
    return f'<span class="ln {line.kind}" data-css="{css}">{content}</span>'


def _record(lines: list[Line]) -> str:
    """版记：版心底部，粗线、细线分开抄送机关和印发机关、印发日期（4 号字）。"""
    copies = [line for line in lines if line.kind == "record"]
    rows = []
    if copies:
        rows.append('<div class="record-row">' + "".join(
            f'<span class="ln{" first" if line.first else ""}">{escape(line.text)}</span>' for line in copies)
            + "</div>")
    for line in lines:
        if line.kind == "record-printer":
            printer, date = line.cells
            rows.append(f'<div class="record-row"><span class="ln"><span class="printer">{escape(printer)}</span>'
                        f'<span class="printed">{escape(date)}</span></span></div>')
    return f'<div class="record">{"".join(rows)}</div>'


def _table(rows: list[Line], widths: list[int], size: Decimal | None = None) -> str:
    total = sum(widths) or 1
    columns = "".join(f'<col data-css="width:{w / total * 100:.2f}%">' for w in widths)
    font = f' data-css="font-size:{size}pt"' if size is not None else ""
    out = [f'<table class="indicators"{font}><colgroup>{columns}</colgroup>']
    for row in rows:
        cell = "th" if row.header else "td"
        cells = "".join(f"<{cell}>{escape(text).replace(chr(10), '<br>')}</{cell}>" for text in row.cells)
        out.append(f'<tr data-css="height:calc({row.height} * var(--pitch))">{cells}</tr>')
    out.append("</table>")
    return "".join(out)
