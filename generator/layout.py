"""与版式有关的纯计算：字宽、标题回行、落款缩进、长度换算。不依赖 Word。"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

TWIPS_PER_PT = 20
MM_PER_INCH = Decimal("25.4")


def mm_to_twips(mm: Decimal) -> int:
    return int((mm / MM_PER_INCH * 1440).to_integral_value(ROUND_HALF_UP))


def pt_to_twips(pt: Decimal) -> int:
    return int((pt * TWIPS_PER_PT).to_integral_value(ROUND_HALF_UP))


def char_width(ch: str) -> Decimal:
    """以一个汉字宽为 1：全角字符 1，半角数字、字母和符号 0.5。"""
    return Decimal(1) if unicodedata.east_asian_width(ch) in ("W", "F", "A") else Decimal("0.5")


def text_width(text: str) -> Decimal:
    return sum((char_width(ch) for ch in text), Decimal(0))


AUTOSPACE = Decimal("0.25")


def set_width(text: str) -> Decimal:
    """排出来的宽度：字宽之和，加上汉字与数字、字母交界处的自动间距（Word 默认的
    “自动调整中文与西文、数字的间距”，LibreOffice 总是这样排），每处约四分之一字。"""
    wide = [char_width(ch) == 1 for ch in text]
    boundaries = sum(1 for a, b in pairwise(wide) if a != b)
    return text_width(text) + AUTOSPACE * boundaries


# ---------------------------------------------------------------- 标题回行


def title_line_limit(max_chars: int, text_width_mm: Decimal, title_pt: Decimal) -> int:
    """标题每行最多的字宽：不超过配置的字数，也不塞满版心（留一字余地，
    因为数字、字母的实际字宽因字体而异，塞满时可能挤出版心）。"""
    capacity = int(text_width_mm / MM_PER_INCH * 72 / title_pt)
    return max(1, min(max_chars, capacity - 1))

_BREAK_AFTER = "的和与及暨关于局委会院府厅办站队所心司部处科年度总结划"
_NO_LINE_START = "，。、；：？！）》”’"
# 回行时不能拆开的词（词意完整）
_KEEP_TOGETHER = ("委员会", "人民政府", "人民医院", "卫生健康", "卫生院", "办公室", "领导小组",
                  "上半年", "下半年", "年度", "工作", "总结", "计划", "报告", "情况", "中心",
                  "关于", "自治区", "自治州", "自治县")


def break_title(title: str, max_chars: int) -> list[str]:
    """长标题回行：每行不超过 ``max_chars`` 个字宽，排成梯形或菱形。

    GB/T 9704 要求标题回行时词意完整、排列对称，使用梯形或菱形，不能排成长方形或沙漏形。
    这里在所有可能的断点中挑选：各行宽度都不超限、相邻两行宽度不相等（不成长方形）、
    三行时中间最宽（菱形）或逐行变宽/变窄（梯形），并优先在“局、委、年度”等词后断开。
    """
    title = title.strip()
    if text_width(title) <= max_chars:
        return [title]
    best: tuple[Decimal, list[str]] | None = None
    needed = int((text_width(title) / max_chars).to_integral_value(rounding="ROUND_CEILING"))
    for lines in _candidates(title, max_lines=min(4, needed + 1)):
        widths = [text_width(line) for line in lines]
        if max(widths) > max_chars or not _good_shape(widths):
            continue
        score = _score(lines, widths)
        if best is None or score < best[0]:
            best = (score, lines)
    if best is None:  # 极端情况（如没有合适断点）：按宽度硬断，仍保证不超宽
        return _hard_break(title, max_chars)
    return best[1]


def _candidates(title: str, max_lines: int) -> list[list[str]]:
    inside = {start + offset for word in _KEEP_TOGETHER for start in _find_all(title, word)
              for offset in range(1, len(word))}
    cuts = [i for i in range(1, len(title)) if title[i] not in _NO_LINE_START
            and not (title[i - 1].isascii() and title[i].isascii()) and i not in inside]
    results: list[list[str]] = []

    def extend(start: int, lines: list[str]) -> None:
        if len(lines) >= max_lines:
            return
        for cut in cuts:
            if cut <= start:
                continue
            head = title[start:cut]
            rest = title[cut:]
            results.append([*lines, head, rest])
            extend(cut, [*lines, head])

    extend(0, [])
    return results


def _find_all(text: str, word: str) -> list[int]:
    starts: list[int] = []
    index = text.find(word)
    while index >= 0:
        starts.append(index)
        index = text.find(word, index + 1)
    return starts


def _good_shape(widths: list[Decimal]) -> bool:
    if any(a == b for a, b in pairwise(widths)):
        return False  # 相邻两行一样长：长方形
    increasing = all(a < b for a, b in pairwise(widths))
    decreasing = all(a > b for a, b in pairwise(widths))
    if increasing or decreasing:
        return True  # 梯形
    peak = widths.index(max(widths))
    return (0 < peak < len(widths) - 1
            and all(a < b for a, b in pairwise(widths[: peak + 1]))
            and all(a > b for a, b in pairwise(widths[peak:])))  # 菱形


def _score(lines: list[str], widths: list[Decimal]) -> Decimal:
    score = Decimal(len(lines)) * 100  # 行数越少越好
    score += max(widths) - min(widths)  # 长短适宜
    for line in lines[:-1]:
        if line[-1] not in _BREAK_AFTER:
            score += 20  # 不在词尾断开，词意可能被拆散
        if line[-1].isdigit() or line[-1].isascii():
            score += 40
    return score


def _hard_break(title: str, max_chars: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for ch in title:
        if text_width(current + ch) > max_chars:
            lines.append(current)
            current = ""
        current += ch
    lines.append(current)
    return lines


# ---------------------------------------------------------------- 落款


@dataclass(frozen=True)
class SignatureIndents:
    """署名与成文日期的右缩进（以字宽计）。"""

    signature: Decimal
    date: Decimal


def signature_indents(signature: str, date_text: str) -> SignatureIndents:
    """GB/T 9704 7.3.5.2（不加盖印章）：署名右空二字；日期首字比署名首字右移二字。

    日期比署名长时，日期右空二字，署名的右缩进相应加大，使日期首字仍比署名首字右移二字。
    """
    sig, date = set_width(signature), set_width(date_text)
    if date > sig:
        return SignatureIndents(signature=Decimal(4) + date - sig, date=Decimal(2))
    return SignatureIndents(signature=Decimal(2), date=sig - date)
