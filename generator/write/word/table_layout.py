"""表格的版式计算：列宽按内容定，数字和两字表头不回行；行高对齐正文的行格。不依赖 Word。

宽度模型与标题、落款相同（:func:`layout.set_width`：汉字 1，半角 0.5，汉字与数字交界
加四分之一字；半角符号按西文字体的实际字宽），再加上单元格左右边距（各 108 缇，Word 表格的
默认值）和一点余量。内部以千分之一字宽（整数）计算，整张表的计算与单元格字数成线性关系。
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

from .layout import TWIPS_PER_PT, char_width

CELL_MARGIN_TWIPS = 108  # 单元格左右边距，各 108 缇（0.19 厘米）
BORDER_TWIPS = 10  # 表格线 0.5 磅：LibreOffice 把下框线算进行高，文字要给它留出位置
SLACK = 300  # 余量（千分之一字宽）：两种软件的字距、字体度量略有出入
AUTOSPACE = 250  # 汉字与数字、字母交界处的自动间距

# 表格里的半角字符按实际字宽计（千分之一字宽），取 Word 的 Times New Roman 与 LibreOffice
# 替代字体（Noto Serif CJK 的西文部分）中较宽的：数字 0.56，小数点 0.33，% 0.92，大写字母 0.72
_LATIN = {".": 330, ",": 330, "%": 920, "-": 360, "/": 330, ":": 330, " ": 250, "m": 860, "w": 760}
_HALF = 560
_UPPER = 720

# 允许在其中回行的文字列；其余列（单位、数字）按最长的内容定宽，不回行
TEXT_COLUMNS = frozenset({"指标", "同比", "完成情况"})

# 不能拆开的一段：连续的半角字符（数字、字母、%），后面可以带不能居行首的标点
_TOKEN = re.compile(r"[\x21-\x7e\u2030]+[，。、；：？！）》”’]*|.[，。、；：？！）》”’]*", re.S)
_NO_LINE_START = "，。、；：？！）》”’%‰"
_NO_LINE_END = "（《“‘"
# “指标”列至少这么宽（字）：名称回行时每行至少一个词、六个字，不排成“家庭/医生/重点/人群”
NAME_FLOOR_CHARS = 6
# 单元格上下的留白（缇）：两行字不贴着表格线
CELL_PADDING_TWIPS = 57


def tokens(text: str) -> list[str]:
    """回行时不能拆开的片段：一个词（jieba 分词，见 :mod:`.title_break`）连同其后不能居行首的标点
    和单个汉字（“接种率”的“率”），或一整串半角字符（数字、百分数）。文字列只在词与词之间回行，
    不出现“白内障手术人 / 数”。"""
    from .title_break import words

    out: list[str] = []
    for word in words(text.strip()):
        # 单个汉字（率、数、个）跟着前一个词，不独占行首
        single = len(word) == 1 and char_width(word) == 1 and word not in _NO_LINE_END
        if out and (word[0] in _NO_LINE_START or out[-1][-1] in _NO_LINE_END or single
                    or (out[-1][-1].isascii() and word[0].isascii() and not word[0].isspace())):
            out[-1] += word
        else:
            out.append(word)
    return out


def _char(ch: str) -> int:
    if char_width(ch) == 1:
        return 1000
    return _LATIN.get(ch, _UPPER if "A" <= ch <= "Z" else _HALF)


def width_milli(text: str) -> int:
    """一段文字排成一行的宽度，千分之一字宽：各字宽度之和，加汉字与半角字符交界的自动间距。"""
    total = sum(_char(ch) for ch in text)
    wide = [char_width(ch) == 1 for ch in text]
    return total + AUTOSPACE * sum(1 for a, b in pairwise(wide) if a != b)


@lru_cache(maxsize=65536)
def _pieces(text: str) -> tuple[tuple[int, bool], ...]:
    """各不可拆片段的宽度，以及它是否以半角字符开头（前面可能有自动间距）。"""
    return tuple((width_milli(t), char_width(t[0]) != 1) for t in tokens(text))


def _to_twips(milli: int, size_pt: Decimal) -> int:
    return math.ceil(Decimal(milli) * size_pt * TWIPS_PER_PT / 1000) + 2 * CELL_MARGIN_TWIPS


def _room(width: int, size_pt: Decimal) -> int:
    """宽 ``width`` 缇的单元格里能排多宽的字（千分之一字宽）。"""
    return int(Decimal(width - 2 * CELL_MARGIN_TWIPS) * 1000 / (size_pt * TWIPS_PER_PT)) - SLACK // 2


def one_line_twips(text: str, size_pt: Decimal) -> int:
    """把 ``text`` 排成一行所需的单元格宽度（缇），含左右边距和余量。"""
    return _to_twips(width_milli(text.strip()) + SLACK, size_pt)


def _min_twips(text: str, size_pt: Decimal) -> int:
    """文字列至少要多宽：最长的不可拆片段放得下。"""
    return _to_twips(max((w for w, _ in _pieces(text)), default=0) + SLACK, size_pt)


def _lines(pieces: tuple[tuple[int, bool], ...], room: int) -> int:
    lines, used = 1, 0
    for width, half in pieces:
        need = width + (AUTOSPACE if used and half else 0)
        if used and used + need > room:
            lines, used, need = lines + 1, 0, width
        used += need
        while room > 0 and used > room:  # 比一行还宽的词：排版软件只好在字与字之间断开，多占几行
            lines, used = lines + 1, used - room
    return lines


def wrap(text: str, width: int, size_pt: Decimal) -> list[str]:
    """按词把 ``text`` 分成宽 ``width`` 缇的单元格里的各行（与 :func:`line_count` 同样装行）。

    写成显式换行（w:br）：排版软件自己回行时中文可以在任意两字之间断开（“白内障手术人 / 数”），
    显式换行让 Word、WPS、LibreOffice 都在词与词之间换行。"""
    room = _room(width, size_pt)
    lines: list[str] = []
    current, used = "", 0
    for piece, (piece_width, half) in zip(tokens(text), _pieces(text), strict=True):
        need = piece_width + (AUTOSPACE if used and half else 0)
        if current and used + need > room:
            lines.append(current)
            current, used, need = "", 0, piece_width
        current += piece
        used += need
    lines.append(current)
    return lines


def line_count(text: str, width: int, size_pt: Decimal) -> int:
    """宽 ``width`` 缇的单元格里 ``text`` 排几行（按不可拆片段逐个装行，估计偏多不偏少）。"""
    return _lines(_pieces(text), _room(width, size_pt))


def _measure(rows: Sequence[Sequence[str]], size_pt: Decimal
             ) -> tuple[list[str], list[bool], list[list[str]], list[int], list[int]]:
    """表头、哪些是文字列、各列的不同文字、各列排成一行的宽度、各列的最小宽度（缇）。"""
    columns = max(len(row) for row in rows)
    header = list(rows[0]) + [""] * (columns - len(rows[0]))
    flexible = [name.strip() in TEXT_COLUMNS for name in header]
    if not any(flexible):
        flexible = [True] * columns
    texts = [sorted({row[c] for row in rows[1:] if c < len(row)}) for c in range(columns)]
    fit = [max([one_line_twips(header[c], size_pt)] + [one_line_twips(t, size_pt) for t in texts[c]])
           for c in range(columns)]
    # 文字列的表头：两个字的（指标、同比）排成一行，更长的（完成情况）可以两字一行
    least = [max([one_line_twips(header[c].strip()[:2], size_pt)]
                 + [_min_twips(t, size_pt) for t in texts[c]])
             if flexible[c] else fit[c] for c in range(columns)]
    return header, flexible, texts, fit, least


def _name_floor(header: list[str], fit: list[int], least: list[int], size_pt: Decimal) -> list[int]:
    """“指标”列的下限：最长的词，至少六个字（名称本身更短时取一行的宽度）。汇总表另有自己的下限（rollup）。"""
    floor = _to_twips(NAME_FLOOR_CHARS * 1000 + SLACK, size_pt)
    return [max(least[c], min(fit[c], floor)) if header[c].strip() == "指标" else least[c]
            for c in range(len(header))]


def floor_fits(rows: Sequence[Sequence[str]], total: int, size_pt: Decimal) -> bool:
    """宽 ``total`` 缇时，数字、两字表头排成一行，“指标”列也有它的下限（最长的词，至少六个字）。"""
    if not rows:
        return True
    header, _, _, fit, least = _measure(rows, size_pt)
    return sum(_name_floor(header, fit, least, size_pt)) <= total


def minimum_width(rows: Sequence[Sequence[str]], size_pt: Decimal) -> int:
    """整张表至少要多宽（缇）才能让数字和两字表头都不回行：各列最小宽度之和。"""
    return sum(_measure(rows, size_pt)[4]) if rows else 0


def column_minimums(rows: Sequence[Sequence[str]], size_pt: Decimal, text_chars: int = 0) -> list[int]:
    """各列的最小宽度（缇）：数字和两字表头不回行；文字列（指标、同比）另外至少留 ``text_chars`` 个字宽
    （整段排成一行用不了这么宽时取一行的宽度），名称才不致一字一行。各列互不影响，可以分开相加。"""
    if not rows:
        return []
    _, flexible, _, fit, least = _measure(rows, size_pt)
    floor = _to_twips(text_chars * 1000 + SLACK, size_pt)
    return [min(fit[c], max(least[c], floor)) if flexible[c] else least[c] for c in range(len(fit))]


def column_widths(rows: Sequence[Sequence[str]], total: int, size_pt: Decimal) -> list[int]:
    """各列宽度（缇），总和等于 ``total``。

    第一行是表头。非文字列（单位、本期、上期、目标）取最长内容排成一行的宽度，表头也排成一行。
    文字列（指标、同比、完成情况）找最小的行数 L，使每个单元格都能排进 L 行，各取所需的最小宽度；
    剩下的宽度先让能排成一行的文字列排成一行，再按比例分给其余文字列。
    连最窄的排法都放不下时（数字长得离谱），见 :func:`_overfull`。
    """
    if not rows:
        return []
    header, flexible, texts, fit, least = _measure(rows, size_pt)
    columns = len(header)
    if sum(least) > total:
        return _overfull(header, flexible, fit, least, total, size_pt)
    named = _name_floor(header, fit, least, size_pt)
    # “指标”列的下限：放得下就全给，放不下时给到其余各列的最小宽度以外剩下的全部
    least = [min(named[c], total - sum(least) + least[c]) if named[c] > least[c] else least[c]
             for c in range(columns)]

    def trial(lines: int) -> list[int]:
        return [_width_for_lines(texts[c], lines, least[c], fit[c], size_pt) if flexible[c]
                else fit[c] for c in range(columns)]

    # 行数越多，所需宽度越小：二分查找放得下的最小行数
    low, high = 1, max(line_count(t, least[c], size_pt) for c in range(columns) for t in texts[c] or [""])
    while low < high:
        middle = (low + high) // 2
        if sum(trial(middle)) <= total:
            high = middle
        else:
            low = middle + 1
    widths = trial(low)
    spare = total - sum(widths)
    # 剩下的宽度先让差得最少的文字列排成一行（少一处回行），再按比例分给仍要回行的文字列
    for c in sorted((c for c in range(columns) if flexible[c]), key=lambda c: fit[c] - widths[c]):
        if 0 < fit[c] - widths[c] <= spare:
            spare -= fit[c] - widths[c]
            widths[c] = fit[c]
    wrapped = [flexible[c] and widths[c] < fit[c] for c in range(columns)]
    weights = [widths[c] if (wrapped[c] if any(wrapped) else flexible[c]) else 0 for c in range(columns)]
    widths = [w + spare * weights[c] // sum(weights) for c, w in enumerate(widths)]
    widths[max(c for c in range(columns) if flexible[c])] += total - sum(widths)
    return widths


def _overfull(header: list[str], flexible: list[bool], fit: list[int], least: list[int], total: int,
              size_pt: Decimal) -> list[int]:
    """连最窄的排法都放不下（数字极长）：数字列和两字表头保持一行，文字列按比例分剩下的宽度，
    文字列里过长的数字可能回行；连这也放不下，才所有列一起按比例缩小。"""
    columns = len(fit)
    floor = [one_line_twips(header[c].strip()[:2], size_pt) if flexible[c] else fit[c]
             for c in range(columns)]
    # 先保数字不回行：其他文字列（同比、完成情况）取最长的不可拆片段，“指标”列得到剩下的全部宽度
    names = [c for c in range(columns) if header[c].strip() == "指标"]
    # 文字列先多留一字（不超过排成一行的宽度）：正好卡在最长片段上时，LibreOffice 的字宽略大就会把数字拆开
    for extra in ((_to_twips(1000, size_pt) - 2 * CELL_MARGIN_TWIPS), 0):
        if len(names) != 1:
            break
        others = [min(fit[c], least[c] + extra) if flexible[c] else fit[c] for c in range(columns)]
        left = total - sum(others) + others[names[0]]
        if left >= floor[names[0]]:
            others[names[0]] = left
            return others
    if sum(floor) > total:
        return _scaled(least, total)
    spare = total - sum(floor)
    want = [least[c] - floor[c] for c in range(columns)]
    widths = [floor[c] + spare * want[c] // max(1, sum(want)) for c in range(columns)]
    widths[max(c for c in range(columns) if flexible[c])] += total - sum(widths)
    return widths


def _width_for_lines(texts: list[str], lines: int, low: int, high: int, size_pt: Decimal) -> int:
    """让这一列每个单元格都不超过 ``lines`` 行的最小宽度（在 ``low`` 与 ``high`` 之间二分查找）。"""
    def fits(width: int) -> bool:
        room = _room(width, size_pt)
        return all(_lines(_pieces(t), room) <= lines for t in texts)

    if fits(low):
        return low
    while high - low > 10:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle
    return high


def _scaled(widths: list[int], total: int) -> list[int]:
    result = [w * total // sum(widths) for w in widths]
    result[-1] += total - sum(result)
    return result


def row_height(lines: int, line_twips: int, pitch_twips: int) -> int:
    """表格行高：装得下 ``lines`` 行字、上下留白和一条框线的最小整数个行格，使表格之后的正文仍落在网格上。"""
    need = lines * line_twips + 2 * CELL_PADDING_TWIPS + BORDER_TWIPS
    return max(1, math.ceil(need / pitch_twips)) * pitch_twips


def cell_line_twips(size_pt: Decimal, pitch_twips: int) -> int:
    """单元格文字的行距：一个行格（扣掉框线）等分成几行，每行不小于字号的 1.15 倍，向下取整。

    三号 28.95 磅的行格、小四字：每格两行，行距 14.2 磅。两行字加框线正好一格（不是 580 缇）。
    """
    room = pitch_twips - BORDER_TWIPS
    per_pitch = max(1, int(Decimal(room) / (size_pt * TWIPS_PER_PT * Decimal("1.15"))))
    return room // per_pitch
