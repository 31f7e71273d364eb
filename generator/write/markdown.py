"""Markdown 输出（用于单位网站）：由 :class:`Document` 生成。

行内小标题加粗，但句号放在加粗之外：``**（一）标题**。正文``。
CommonMark 规定，结尾的 ``**`` 前面是标点、后面紧跟汉字时不算结束加粗，
写成 ``**（一）标题。**正文`` 在大多数网站上会显示出星号。
"""

from __future__ import annotations

from ..render.document import Block, BlockKind, Document, Run, escape_markdown


def to_markdown(doc: Document) -> str:
    parts: list[str] = []
    for block in doc.blocks:
        if block.kind is BlockKind.TITLE:
            parts.append(f"# {escape_markdown(block.text)}")
        elif block.kind is BlockKind.HEADING1:
            parts.append(f"## {escape_markdown(block.text)}")
        elif block.kind is BlockKind.TABLE:
            parts.append(_table(block))
        else:
            parts.append("".join(_run(run, first=i == 0) for i, run in enumerate(block.runs)))
    return "\n\n".join(parts) + "\n"


def _run(run: Run, *, first: bool) -> str:
    if not run.level:
        return escape_markdown(run.text, line_start=first)
    text = run.text
    tail = ""
    if text and text[-1] in "。：:":
        text, tail = text[:-1], text[-1]
    return f"**{escape_markdown(text, line_start=False)}**{escape_markdown(tail, line_start=False)}"


def _table(block: Block) -> str:
    if not block.rows:
        return ""
    header, *body = block.rows
    def cells(row: tuple[str, ...]) -> str:
        return "| " + " | ".join(escape_markdown(c, line_start=False) for c in row) + " |"

    lines = [cells(header), "|" + "|".join(" --- " for _ in header) + "|"]
    lines += [cells(row) for row in body]
    return "\n".join(lines)
