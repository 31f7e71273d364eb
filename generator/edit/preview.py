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
from .pages import Line, Pages, layout

_TAGS = {"title": "h1", "h1": "h2", "attachment-title": "h1"}


def document_html(document: Document, profile: StyleProfile | None = None) -> str:
    """整篇预览：一页一个 ``<div class="page">``。"""
    profile = profile or load_profile()
    pages = layout(document, profile)
    style = _variables(profile)
    out = []
    for number, page in enumerate(pages.pages, start=1):
        body = "".join(_part(list(part), pages) for _, part in groupby(page, key=_group))
        side = "odd" if number % 2 else "even"
        out.append(f'<div class="page" data-css="{style}"><div class="page-body">{body}</div>'
                   f'<div class="page-number {side}">— {number} —</div></div>')
    return "\n".join(out)


def _variables(profile: StyleProfile) -> str:
    paper, margins, sizes = profile.paper, profile.margins, profile.sizes
    values = {"paper-w": f"{paper.width}mm", "paper-h": f"{paper.height}mm", "top": f"{margins.top}mm",
              "bottom": f"{margins.bottom}mm", "left": f"{margins.left}mm", "right": f"{margins.right}mm",
              "pitch": f"{profile.line_pitch}pt", "lines": str(profile.lines_per_page), "size": f"{sizes.body}pt",
              "spacing": f"{profile.char_spacing}pt", "title-size": f"{sizes.title}pt",
              "table-size": f"{sizes.table}pt", "number-size": f"{sizes.page_number}pt",
              "number-gap": f"{profile.page_number_gap}mm"}
    return ";".join(f"--{key}:{value}" for key, value in values.items())


def _group(line: Line) -> tuple[int, int]:
    """同一页上属于同一段（或同一表格）的行合成一组。"""
    return (line.table, -1) if line.table >= 0 else (-1, line.para)


def _part(lines: list[Line], pages: Pages) -> str:
    if lines[0].table >= 0:
        return _table(lines, pages.widths.get(lines[0].table, []))
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


def _table(rows: list[Line], widths: list[int]) -> str:
    total = sum(widths) or 1
    columns = "".join(f'<col data-css="width:{w / total * 100:.2f}%">' for w in widths)
    out = [f'<table class="indicators"><colgroup>{columns}</colgroup>']
    for row in rows:
        cell = "th" if row.header else "td"
        cells = "".join(f"<{cell}>{escape(text).replace(chr(10), '<br>')}</{cell}>" for text in row.cells)
        out.append(f'<tr data-css="height:calc({row.height} * var(--pitch))">{cells}</tr>')
    out.append("</table>")
    return "".join(out)
