"""表格的版式计算：列宽按内容定，数字和两字表头不回行；行高对齐正文的行格。不依赖 Word。

宽度模型与标题、落款相同（:func:`layout.set_width`：汉字 1，半角 0.5，汉字与数字交界
加四分之一字），再加上单元格左右边距（各 108 缇，Word 表格的默认值）和一点余量。
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import Decimal

from .layout import TWIPS_PER_PT, char_width, set_width

CELL_MARGIN_TWIPS = 108  # 单元格左右边距，各 108 缇（0.19 厘米）
SLACK_EM = Decimal("0.5")  # 余量：西文字体里“%”等符号比半个字宽，两种软件的字距也有出入

# 允许在其中回行的文字列；其余列（单位、数字）按最长的内容定宽，不回行
TEXT_COLUMNS = frozenset({"指标", "同比", "完成情况"})

# 不能拆开的一段：连续的半角字符（数字、字母、%），后面可以带不能居行首的标点
_TOKEN = re.compile(r"[\x21-\x7e\u2030]+[，。、；：？！）》”’]*|.[，。、；：？！）》”’]*", re.S)


def tokens(text: str) -> list[str]:
    """回行时不能拆开的片段：汉字（连同其后不能居行首的标点）或一整串半角字符。"""
    return _TOKEN.findall(text.strip())


def _em_twips(em: Decimal, size_pt: Decimal) -> int:
    return math.ceil(em * size_pt * TWIPS_PER_PT)


def one_line_twips(text: str, size_pt: Decimal) -> int:
    """把 ``text`` 排成一行所需的单元格宽度（缇），含左右边距和余量。"""
    return _em_twips(set_width(text.strip()) + SLACK_EM, size_pt) + 2 * CELL_MARGIN_TWIPS


def _min_twips(text: str, size_pt: Decimal) -> int:
    """文字列至少要多宽：最长的不可拆片段放得下。"""
    widest = max((set_width(t) for t in tokens(text)), default=Decimal(0))
    return _em_twips(widest + SLACK_EM, size_pt) + 2 * CELL_MARGIN_TWIPS


def column_widths(rows: Sequence[Sequence[str]], total: int, size_pt: Decimal) -> list[int]:
    """各列宽度（缇），总和等于 ``total``。

    第一行是表头。非文字列（单位、本期、上期、目标）取最长内容排成一行的宽度；表头一律排成一行。
    文字列（指标、同比、完成情况）找最小的行数 L，使每个单元格都能排进 L 行，各取所需的最小宽度，
    剩下的宽度按比例分给文字列。连最窄的排法都放不下时（数字长得离谱），才按比例缩小，
    这时数字难免回行。
    """
    if not rows:
        return []
    columns = max(len(row) for row in rows)
    header = list(rows[0]) + [""] * (columns - len(rows[0]))
    flexible = [name.strip() in TEXT_COLUMNS for name in header]
    if not any(flexible):
        flexible = [True] * columns
    texts = [sorted({row[c] for row in rows[1:] if c < len(row)}) for c in range(columns)]
    fit = [max([one_line_twips(header[c], size_pt)] + [one_line_twips(t, size_pt) for t in texts[c]])
           for c in range(columns)]
    least = [max([one_line_twips(header[c], size_pt)] + [_min_twips(t, size_pt) for t in texts[c]])
             if flexible[c] else fit[c] for c in range(columns)]
    if sum(least) >= total:
        return _scaled(least, total)
    widths = least
    lines = 1
    while True:
        trial = [_width_for_lines(texts[c], lines, least[c], fit[c], size_pt) if flexible[c]
                 else fit[c] for c in range(columns)]
        if sum(trial) <= total:
            widths = trial
            break
        if trial == least:
            break
        lines += 1
    spare = total - sum(widths)
    weights = [widths[c] if flexible[c] else 0 for c in range(columns)]
    share = sum(weights)
    widths = [w + spare * weights[c] // share for c, w in enumerate(widths)]
    last = max(c for c in range(columns) if flexible[c])
    widths[last] += total - sum(widths)
    return widths


def _width_for_lines(texts: list[str], lines: int, low: int, high: int, size_pt: Decimal) -> int:
    """让这一列每个单元格都不超过 ``lines`` 行的最小宽度（在 ``low`` 与 ``high`` 之间二分查找）。"""
    if all(line_count(t, low, size_pt) <= lines for t in texts):
        return low
    while high - low > 10:
        middle = (low + high) // 2
        if all(line_count(t, middle, size_pt) <= lines for t in texts):
            high = middle
        else:
            low = middle
    return high


def _scaled(widths: list[int], total: int) -> list[int]:
    result = [w * total // sum(widths) for w in widths]
    result[-1] += total - sum(result)
    return result


def line_count(text: str, width: int, size_pt: Decimal) -> int:
    """宽 ``width`` 缇的单元格里 ``text`` 排几行（按不可拆片段逐个装行，估计偏多不偏少）。"""
    room = Decimal(width - 2 * CELL_MARGIN_TWIPS) / (size_pt * TWIPS_PER_PT) - SLACK_EM / 2
    lines, used = 1, Decimal(0)
    for token in tokens(text):
        need = set_width(token) + (Decimal("0.25") if used and _boundary(text, token) else 0)
        if used and used + need > room:
            lines, used = lines + 1, Decimal(0)
            need = set_width(token)
        used += need
    return lines


def _boundary(text: str, token: str) -> bool:
    """片段开头与前文之间可能有汉字与数字交界的自动间距：片段以半角字符开头时按有算。"""
    return bool(token) and char_width(token[0]) != 1


def row_height(lines: int, line_twips: int, pitch_twips: int) -> int:
    """表格行高：装得下 ``lines`` 行字的最小整数个行格，使表格之后的正文仍落在网格上。"""
    return max(1, math.ceil(lines * line_twips / pitch_twips)) * pitch_twips


def cell_line_twips(size_pt: Decimal, pitch_twips: int) -> int:
    """单元格文字的行距：把一个行格等分成几行（每行不小于字号的 1.2 倍），向下取整。"""
    per_pitch = max(1, int(Decimal(pitch_twips) / (size_pt * TWIPS_PER_PT * Decimal("1.2"))))
    return pitch_twips // per_pitch
