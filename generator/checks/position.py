"""写好的报告里一处问题的位置：文本文件给真实的行号、列号，Word 文件给“第N段”。

导入器（:mod:`generator.importer.cleanup`）清理时记下每个段落来自原文哪几行（被分页打断后接上的
段落来自好几行）；这里把段落里的字符位置换回原文的位置。列号在原文行里找出问题文字来定，
所以去掉的 Markdown 符号（##、**）、行首的全角空格都不会让列号错位。
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Piece = tuple[int, int, int]  # (在段落里的起点, 原文的行号或段号（从 1 起）, 这块前面原文行里还有几个字)
WINDOW = 20  # 原文行太长时，只显示问题前后这么多个字
LONG_LINE = 60
SEARCH = 40  # 在预计列号前后多少个字里找问题文字


@dataclass(frozen=True)
class Place:
    line: int | None  # 文本文件：行号
    column: int | None
    paragraph: int | None  # Word 文件：第几段（不计空段落）
    source_line: str
    caret: int


def piece_at(pieces: Sequence[Piece], offset: int) -> Piece:
    """段落里 ``offset`` 处的字来自哪一块原文。"""
    found = pieces[0]
    for piece in pieces:
        if piece[0] <= offset:
            found = piece
    return found


def number_at(pieces: Sequence[Piece], offset: int) -> int:
    return piece_at(pieces, offset)[1]


def place(text: str, start: int, end: int, pieces: Sequence[Piece], lines: Sequence[str] | None) -> Place:
    """``text[start:end]`` 在原文里的位置。``lines`` 是文本文件的原文行；Word 文件为 None。"""
    begin, number, skip = piece_at(pieces, start)
    following = [p[0] for p in pieces if p[0] > begin]
    piece_end = following[0] if following else len(text)
    fragment = text[start: min(end, piece_end)]
    if lines is None or not 1 <= number <= len(lines):
        return _paragraph_place(text[begin:piece_end], start - begin, len(fragment), number)
    raw = lines[number - 1]
    column = _column(raw, fragment, skip + start - begin)
    shown, caret = _window(raw, column, len(fragment))
    return Place(number, column, None, shown, caret)


def _column(raw: str, fragment: str, offset: int) -> int:
    """问题文字在原文行里的列号（从 1 起）：有几处相同的文字时取离预计位置最近的一处。"""
    expected = len(raw) - len(raw.lstrip()) + offset
    if not fragment:
        return min(expected, len(raw)) + 1
    # 只在预计位置附近找（去掉的标记、行首空白最多差几十个字）：长行里有很多处问题时也是线性的
    low, high = max(0, expected - SEARCH), expected + len(fragment) + SEARCH
    candidates: list[int] = []
    at = raw.find(fragment, low, high)
    while at >= 0:
        candidates.append(at)
        at = raw.find(fragment, at + 1, high)
    if not candidates:
        return min(expected, len(raw)) + 1
    return min(candidates, key=lambda c: abs(c - expected)) + 1


def _window(raw: str, column: int, length: int) -> tuple[str, int]:
    """原文行较短时整行显示；太长时显示问题前后各一段，插入符跟着移动。"""
    raw = raw.rstrip("\r\n")
    if len(raw) <= LONG_LINE:
        return raw, column
    start = max(0, column - 1 - WINDOW)
    stop = min(len(raw), column - 1 + length + WINDOW)
    prefix = "…" if start > 0 else ""
    suffix = "…" if stop < len(raw) else ""
    return f"{prefix}{raw[start:stop]}{suffix}", len(prefix) + column - start


def _paragraph_place(paragraph: str, offset: int, length: int, number: int) -> Place:
    start = max(0, offset - 10)
    label = f"第{number}段：…"
    snippet = paragraph[start: offset + length + 10]
    return Place(None, None, number, f"{label}{snippet}…", len(label) + offset - start + 1)
