"""中文之间的半角标点改成全角：， ； ： ？ ！ （ ）。

网页上复制来的文字常带半角的 ``, ; : ? ! ( )``。公文里夹在汉字之间的标点一律是全角（GB/T 15834）。
只动“挨着汉字”的标点，下面这些原样不动：

- 数字里的：1,234、3.5、10:30（两边都是数字或字母）；
- 英文里的：Hello, world、WHO(世界卫生组织) 里括号外面挨着英文的一边照样改（括号里有汉字就成对改）；
- 网址：http://www.gov.cn/a,b（冒号、逗号两边都不是汉字）；
- 段首的序号：(1)、(a)（括号里只有数字或字母、又在段首的，是列表序号，不改）；
- 字符实体“&amp;”的分号。

改的时候把标点前后多余的空格一并去掉（“中国, 北京” → “中国，北京”）。线性时间：每个字符只看一次。

成对的半角引号 ``"…"``、``'…'`` 里面或紧挨着外面有汉字时，改成中文引号“…”‘…’（:func:`curly_quotes`）；
英文里的（"OK"、don't）、两个字母之间的撇号不动。
:func:`half_width_marks` 给检查用：找出这些标点在文字里的位置，不改文字。
"""

from __future__ import annotations

import re
from collections.abc import Iterator

FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}

# 汉字与中文标点（含全角符号、中文引号、省略号、破折号）
_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’…—]")
_SPACES = " \t\u00a0"
# 一对半角括号（不嵌套）
_PAIR = re.compile(r"\(([^()\n]{0,200})\)")
# 字符实体“&amp;”“&#38;”的结尾分号（紧挨着分号）
_ENTITY = re.compile(r"&#?[0-9A-Za-z]{1,10}$")
# 段首的列表序号：(1) (12) (a) (iv)
_MARKER = re.compile(r"[0-9A-Za-z]{1,4}")


def _is_cjk(char: str) -> bool:
    return bool(char) and _CJK.match(char) is not None


def _neighbour(text: str, index: int, step: int) -> str:
    """``index`` 往前（step=-1）或往后（step=1）第一个不是空格的字符；没有时为空串。"""
    index += step
    while 0 <= index < len(text) and text[index] in _SPACES:
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _marks(text: str, before: str = "", after: str = "") -> Iterator[int]:
    """要改成全角的半角标点的位置（升序）。``before``/``after``：这段文字前后紧挨着的文字（跨文字块时用）。"""
    if not any(ch in text for ch in FULL):
        return
    padded = before[-1:] + text + after[:1]
    shift = len(before[-1:])
    pairs: dict[int, int] = {}
    for match in _PAIR.finditer(padded):
        left, right = match.start(), match.end() - 1
        inside = match.group(1)
        # 括号外面只看紧挨着的字：英文里“world (test) 测试”的括号与汉字隔着空格，不改
        outer_before = padded[left - 1] if left else ""
        outer_after = padded[right + 1] if right + 1 < len(padded) else ""
        at_start = left == shift and not before.strip()
        if at_start and _MARKER.fullmatch(inside):
            pairs[left] = pairs[right] = 0  # 段首序号：两边都不改
            continue
        change = any(_is_cjk(ch) for ch in inside) or _is_cjk(outer_before) or _is_cjk(outer_after)
        pairs[left] = pairs[right] = 1 if change else 0
    for index in range(shift, shift + len(text)):
        char = padded[index]
        if char not in FULL:
            continue
        if index in pairs:
            if pairs[index]:
                yield index - shift
            continue
        prev, nxt = _neighbour(padded, index, -1), _neighbour(padded, index, 1)
        if char in "()":
            if _is_cjk(prev) and _is_cjk(nxt):  # 落单的括号：两边都是汉字才改
                yield index - shift
            continue
        if char == ";" and _ENTITY.search(padded, max(0, index - 12), index):
            continue  # “&amp;”这类写法的分号：是字符实体的一部分，原样保留
        if _is_cjk(prev) or _is_cjk(nxt):
            yield index - shift


QUOTES = "\"'"
_OPEN_CLOSE = {'"': ("“", "”"), "'": ("‘", "’")}


def _quote_pairs(text: str, char: str) -> Iterator[tuple[int, int]]:
    """``text`` 里成对的半角引号 ``char`` 的位置（从左往右两两配对，不跨行；字母之间的撇号不算）。"""
    positions = [i for i, ch in enumerate(text) if ch == char
                 and not (char == "'" and 0 < i < len(text) - 1 and text[i - 1].isascii()
                          and text[i - 1].isalpha() and text[i + 1].isascii() and text[i + 1].isalpha())]
    start: int | None = None
    for index in positions:
        if start is not None and "\n" in text[start:index]:
            start = None
        if start is None:
            start = index
        else:
            yield start, index
            start = None


def _chinese(char: str) -> bool:
    """汉字或中文标点，引号除外（引号本身不决定别的引号改不改：改过一遍再改，结果不变）。"""
    return char not in "“”‘’" and _is_cjk(char)


def curly_quotes(text: str, before: str = "", after: str = "") -> str:
    """成对的半角引号改成中文引号：引号里有汉字，或引号外面紧挨着汉字（“落实"1+4+7"部署”）。

    英文里的引号（He said "OK".）、单独一个的引号原样不动。``before``/``after`` 同 :func:`full_width`。"""
    if '"' not in text and "'" not in text:
        return text
    chars = list(text)
    for char in QUOTES:
        for left, right in _quote_pairs(text, char):
            outer_before = text[left - 1] if left else before[-1:]
            outer_after = text[right + 1] if right + 1 < len(text) else after[:1]
            if (any(_chinese(ch) for ch in text[left + 1:right])
                    or _chinese(outer_before) or _chinese(outer_after)):
                chars[left], chars[right] = _OPEN_CLOSE[char]
    return "".join(chars)


def half_width_marks(text: str) -> list[int]:
    """文字里夹在汉字之间、应当用全角的半角标点的位置。"""
    return list(_marks(text))


def full_width(text: str, before: str = "", after: str = "") -> str:
    """把夹在汉字之间的半角标点改成全角，去掉它们前后的空格；成对的半角引号改成中文引号。"""
    text = curly_quotes(text, before, after)
    positions = list(_marks(text, before, after))
    if not positions:
        return text
    out: list[str] = []
    last = 0
    for index in positions:
        out.append(text[last:index].rstrip(_SPACES))
        out.append(FULL[text[index]])
        last = index + 1
        while last < len(text) and text[last] in _SPACES:
            last += 1
    out.append(text[last:])
    return "".join(out)

