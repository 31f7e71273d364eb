"""与版式有关的纯计算：字宽、落款缩进、长度换算。不依赖 Word。标题回行见 :mod:`.title_break`。"""

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

# ---------------------------------------------------------------- 落款


@dataclass(frozen=True)
class SignatureIndents:
    """署名与成文日期的右缩进（以字宽计）。"""

    signature: Decimal
    date: Decimal


def signature_indents(signature: str, date_text: str) -> SignatureIndents:
    """GB/T 9704 7.3.5.2（不加盖印章）：署名右空二字；日期首字比署名首字右移二字。

    日期比署名长（右移二字后伸进右空的二字，如七八个字的署名配“2025年1月7日”）时，日期右空二字，
    署名的右缩进相应加大，使日期首字仍比署名首字右移二字。
    """
    sig, date = set_width(signature), set_width(date_text)
    if date + 2 > sig:  # 日期右移二字后会伸进右空的二字里：日期右空二字，署名跟着左移
        return SignatureIndents(signature=Decimal(4) + date - sig, date=Decimal(2))
    return SignatureIndents(signature=Decimal(2), date=sig - date)


def signature_starts(signature: str, date_text: str, line_chars: Decimal) -> tuple[Decimal, Decimal]:
    """署名和成文日期的首字离版心左边几个字（与 :func:`signature_indents` 同一排法，从左边量）。

    从左边定位，“日期首字比署名首字右移二字”就与字宽的估计无关，在任何软件里都正好二字；
    只有“右空二字”取决于字宽的估计（汉字与数字交界的自动间距）。"""
    indents = signature_indents(signature, date_text)
    start = line_chars - indents.signature - set_width(signature)
    return start, start + 2


def sealed_starts(signature: str, date_text: str, line_chars: Decimal) -> tuple[Decimal, Decimal]:
    """GB/T 9704 7.3.5.1（加盖印章）：成文日期右空四字；发文机关署名以成文日期为准居中。
    返回署名和成文日期的首字离版心左边几个字。"""
    date_start = line_chars - 4 - set_width(date_text)
    return date_start + (set_width(date_text) - set_width(signature)) / 2, date_start
