"""正文段落在行格上怎样回行（纯计算，不依赖 Word）：落款前最后一段据此在行末分成两段。

排法与 LibreOffice 对 gen 样式的排法相同（在渲染的页面上量过，见 ``tests/pdf/test_page_ends_pdf.py``）：

- 汉字、全角标点占 1 格，半角数字、字母、符号占 :data:`NARROW` 格，汉字与数字、字母交界处另加
  0.25 格（:data:`.layout.AUTOSPACE`，标点两侧不加）；
- 每行的格数是版心宽度折合的字数（默认版式约 28.08，可以有小数），首行缩进二字；
- 连在一起的半角字符（数字、英文词）不拆开；
- 避头尾：句末标点、后引号、后括号等不排在行首，前引号、前括号不排在行末——标点不悬挂，
  把前一个字一起移到下一行（gen 的样式让 LibreOffice 不悬挂标点，见 ``styles.py``）。
"""

from __future__ import annotations

from decimal import Decimal

from .layout import AUTOSPACE, char_width

# 不排在行首、行末的字符（GB/T 15834 标点符号用法；LibreOffice 中文的“避头尾”字符表取同样的字）
NOT_AT_LINE_START = frozenset("!%),.:;?]}¢°·’”、。〃〆〕〗〞﹚﹜！＂％＇），．：；？］｝～…—》」』】〉")
NOT_AT_LINE_END = frozenset("$(£¥·‘“〈《「『【〔〖〝﹙﹛＄（［｛￡￥")


NARROW = Decimal("0.53")  # 半角字符的宽度（量出的：Times New Roman 的数字比半个汉字略宽）


def _width(ch: str) -> Decimal:
    return Decimal(1) if char_width(ch) == 1 else NARROW


def _narrow(ch: str) -> bool:
    return char_width(ch) < 1


def _spaced(a: str, b: str) -> bool:
    """汉字与数字、字母相邻：两者之间有自动间距（标点两侧没有）。"""
    return (_ideograph(a) and _latin(b)) or (_latin(a) and _ideograph(b))


def _ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def glued(text: str, i: int) -> bool:
    """第 ``i`` 个字与前一个字之间不能断行（标点避头尾；连在一起的数字、英文词）。"""
    before, after = text[i - 1], text[i]
    if after in NOT_AT_LINE_START or before in NOT_AT_LINE_END:
        return True
    return _narrow(before) and _narrow(after) and not before.isspace() and not after.isspace()


def line_starts(text: str, line_chars: Decimal, first_indent: int = 2) -> list[int]:
    """每一行第一个字在 ``text`` 里的位置（第一行是 0）。``line_chars``：版心宽度折合几个字（可以有小数）。"""
    starts = [0]
    used, capacity = Decimal(0), line_chars - first_indent
    for i, ch in enumerate(text):
        width = _width(ch)
        if i > starts[-1] and _spaced(text[i - 1], ch):
            width += AUTOSPACE
        if used + width <= capacity or i == starts[-1]:
            used += width
            continue
        cut = i  # 这个字排不下：在它前面断行；不能断的地方往前找
        while cut > starts[-1] + 1 and glued(text, cut):
            cut -= 1
        if cut == starts[-1] + 1 and glued(text, cut):
            cut = i  # 整行都连在一起：只好在这里断
        starts.append(cut)
        capacity = line_chars
        used = sum((_width(c) for c in text[cut:i + 1]), Decimal(0))
        used += AUTOSPACE * sum(1 for a, b in zip(text[cut:i], text[cut + 1:i + 1], strict=True)
                                if _spaced(a, b))
    return starts
