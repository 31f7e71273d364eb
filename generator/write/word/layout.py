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
    得分最低者胜出，同分时取断点靠前者。

    搜索按断点的字典序深度优先进行，剪掉不可能更好的分支（某行超宽、剩下的字排不下、
    形状已经不成梯形或菱形、已有的得分下限不低于目前最好的），所以结果与逐一枚举全部组合相同，
    但耗时只随标题长度多项式增长（200 字的标题也只要几毫秒）。
    """
    title = title.strip()
    if text_width(title) <= max_chars:
        return [title]
    needed = int((text_width(title) / max_chars).to_integral_value(rounding="ROUND_CEILING"))
    found = _best_break(title, max_chars, max_lines=min(4, needed + 1))
    if found is None:  # 极端情况（如没有合适断点）：按宽度硬断，仍保证不超宽
        return _hard_break(title, max_chars)
    return found


def _cut_points(title: str) -> list[int]:
    inside = {start + offset for word in _KEEP_TOGETHER for start in _find_all(title, word)
              for offset in range(1, len(word))}
    return [i for i in range(1, len(title)) if title[i] not in _NO_LINE_START
            and not (title[i - 1].isascii() and title[i].isascii()) and i not in inside]


def _best_break(title: str, max_chars: int, max_lines: int) -> list[str] | None:
    """分支定界：宽度以半个字为单位（整数），得分也放大一倍，比较结果与 ``_score`` 相同。
    候选最多 ``max_lines + 1`` 行（与原先的逐一枚举一致）。"""
    halves = [int(char_width(ch) * 2) for ch in title]
    prefix = [0]
    for half in halves:
        prefix.append(prefix[-1] + half)
    total = prefix[-1]
    limit = 2 * max_chars
    cuts = _cut_points(title)
    # 在 cut 处断开时，上一行末字带来的扣分（放大一倍）
    penalty = {cut: 40 * (title[cut - 1] not in _BREAK_AFTER)
               + 80 * (title[cut - 1].isdigit() or title[cut - 1].isascii()) for cut in cuts}
    best_score: int | None = None
    best_cuts: list[int] = []

    def extend(first: int, start: int, widths: list[int], chosen: list[int], pen: int) -> None:
        nonlocal best_score, best_cuts
        lines = len(widths)
        if lines >= max_lines:
            return
        for index in range(first, len(cuts)):
            cut = cuts[index]
            head = prefix[cut] - prefix[start]
            if head > limit:
                break  # 断点再往后，这一行只会更宽
            rest = total - prefix[cut]
            if rest > limit * (max_lines - lines):
                continue  # 剩下的字用尽行数也排不下
            if widths and (head == widths[-1] or (head > widths[-1] and _falling(widths))):
                continue  # 已成长方形或沙漏形，往后怎么断都不行
            row = [*widths, head]
            head_pen = pen + penalty[cut]
            bound = 200 * (lines + 2) + head_pen + max(row) - min(row)
            if best_score is not None and bound >= best_score:
                continue  # 这里和往下的候选都不会比已有的好
            if rest <= limit and _good_shape_int([*row, rest]):
                score = bound + max(max(row), rest) - max(row) + min(row) - min(min(row), rest)
                if best_score is None or score < best_score:
                    best_score, best_cuts = score, [*chosen, cut]
            extend(index + 1, cut, row, [*chosen, cut], head_pen)

    extend(0, 0, [], [], 0)
    if best_score is None:
        return None
    bounds = [0, *best_cuts, len(title)]
    return [title[a:b] for a, b in pairwise(bounds)]


def _falling(widths: list[int]) -> bool:
    """最后两行在变窄（已过了最宽的一行）。"""
    return len(widths) >= 2 and widths[-1] < widths[-2]


def _good_shape_int(widths: list[int]) -> bool:
    """先逐行变宽、再逐行变窄（任一段可以没有），相邻两行不等宽：梯形或菱形。"""
    index = 1
    while index < len(widths) and widths[index] > widths[index - 1]:
        index += 1
    while index < len(widths) and widths[index] < widths[index - 1]:
        index += 1
    return index == len(widths)


def _find_all(text: str, word: str) -> list[int]:
    starts: list[int] = []
    index = text.find(word)
    while index >= 0:
        starts.append(index)
        index = text.find(word, index + 1)
    return starts


def _hard_break(title: str, max_chars: int) -> list[str]:
    lines: list[str] = []
    current, width = "", Decimal(0)
    for ch in title:
        if current and width + char_width(ch) > max_chars:
            lines.append(current)
            current, width = "", Decimal(0)
        current += ch
        width += char_width(ch)
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
