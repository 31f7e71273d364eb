"""Markdown 输出（用于单位网站）：由 :class:`Document` 生成。

行内小标题加粗，但句号放在加粗之外：``**（一）标题**。正文``。
CommonMark 规定，结尾的 ``**`` 前面是标点、后面紧跟汉字时不算结束加粗，
写成 ``**（一）标题。**正文`` 在大多数网站上会显示出星号。
"""

from __future__ import annotations

from ..render.document import Block, BlockKind, Document, Frame, Run, escape_markdown


def to_markdown(doc: Document) -> str:
    parts: list[str] = []
    frame = doc.frame
    if frame is not None:
        parts += _head(frame)
    for block in doc.blocks:
        if block.kind is BlockKind.TITLE:
            parts.append(f"# {escape_markdown(block.text)}")
            if frame is not None and frame.recipient:
                parts.append(escape_markdown(f"{frame.recipient}："))  # 主送机关：标题下一行，顶格
        elif block.kind is BlockKind.HEADING1:
            parts.append(f"## {escape_markdown(block.text)}")
        elif block.kind is BlockKind.TABLE:
            parts.append(_table(block))
        else:
            parts.append("".join(_run(run, first=i == 0) for i, run in enumerate(block.runs)))
    if frame is not None and frame.has_record:
        parts += _record(frame)
    return "\n\n".join(parts) + "\n"


_GAP = "\u3000\u3000"


def _head(frame: Frame) -> list[str]:
    """版头写成几行普通文字：份号、密级、紧急程度，发文机关标志，发文字号（和签发人）。"""
    lines = list(frame.head_lines)
    lines.append("\u3000".join((*frame.marks, frame.mark_suffix) if frame.mark_suffix else frame.marks))
    number = frame.number
    if frame.signers:
        number = (number + _GAP if number else "") + "签发人：" + "\u3000".join(frame.signers)
    if number:
        lines.append(number)
    return [escape_markdown(line) for line in lines]


def _record(frame: Frame) -> list[str]:
    """版记：分隔线下的抄送机关一行、印发机关和印发日期一行。"""
    lines = ["---"]
    if frame.copies_to:
        lines.append(escape_markdown("抄送：" + "，".join(frame.copies_to) + "。"))
    printed = _GAP.join(part for part in (frame.printer, f"{frame.print_date}印发" if frame.print_date else "")
                        if part)
    if printed:
        lines.append(escape_markdown(printed))
    return lines


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
