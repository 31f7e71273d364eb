"""公文层次序号：生成“一、（一）1.（1）一是”，识别并去掉办事员手打的序号。"""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"


_UNITS = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
_BIG = ((10**8, "亿"), (10**4, "万"))

# 一个中文小写数字（序号）：一、十二、一百零一、一千零一十、一万……
# 各处识别序号的正则都用它，不要再写 [一二三……十]+（那样到九十九就断了）。
# 前面的否定后视保证只从一串数字的开头试配：否则在一长串汉字数字上逐个起点回溯，是平方级的。
CN_NUMERAL = "(?<![零〇一二三四五六七八九十百千万亿])[一二三四五六七八九十][零〇一二三四五六七八九十百千万亿]*"


def chinese_number(n: int) -> str:
    """任意正整数的中文小写数字：1→一，10→十，12→十二，100→一百，101→一百零一，110→一百一十，
    1001→一千零一，10000→一万，10010→一万零一十。"""
    if n <= 0:
        raise ValueError(f"序号必须是正整数：{n}")
    return _spell(n, leading=True)


def _spell(n: int, *, leading: bool) -> str:
    for value, name in _BIG:
        if n >= value:
            high, low = divmod(n, value)
            head = _spell(high, leading=leading) + name
            if low == 0:
                return head
            return head + ("零" if low < value // 10 else "") + _spell(low, leading=False)
    parts: list[str] = []
    zero = False
    for value, name in _UNITS:
        digit = n // value % 10
        if digit == 0:
            zero = zero or bool(parts)
            continue
        if zero:
            parts.append("零")
            zero = False
        if name == "十" and digit == 1 and leading and not parts:
            parts.append("十")  # 十二，而不是一十二（前面有百、千时写“一百一十”）
        else:
            parts.append(_DIGITS[digit] + name)
    return "".join(parts)


_DIGIT_VALUES = {ch: i for i, ch in enumerate(_DIGITS)} | {"〇": 0}


def chinese_value(text: str) -> int:
    """中文小写数字的值：一→1，十二→12，一百零一→101，一万零一十→10010；认不出（或写法不规范，
    如“二二”“百”）时为 0。也认“一十二”“一百〇一”这类写法。"""
    if not text or len(text) > 40:
        return 0
    yi = wan = section = 0
    digit: int | None = None
    for ch in text:
        if ch in _DIGIT_VALUES:
            if digit is not None and digit != 0:
                return 0  # 两个数字连写（二二）
            digit = _DIGIT_VALUES[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            section += (1 if digit is None and ch == "十" else digit or 0) * unit
            digit = None
        elif ch == "万":
            wan += (section + (digit or 0)) * 10**4
            section, digit = 0, None
        elif ch == "亿":
            yi += (wan + section + (digit or 0)) * 10**8
            wan, section, digit = 0, 0, None
        else:
            return 0
    value = yi + wan + section + (digit or 0)
    if value <= 0:
        return 0
    canonical = chinese_number(value)
    variants = {canonical, canonical.replace("零", "〇")}
    if canonical.startswith("十"):
        variants |= {"一" + v for v in variants}
    return value if text in variants else 0


def level1(n: int) -> str:
    """一级标题序号：一、"""
    return f"{chinese_number(n)}、"


def level2(n: int) -> str:
    """二级标题序号：（一）——全角括号。"""
    return f"（{chinese_number(n)}）"


def level3(n: int) -> str:
    """三级标题序号：1."""
    return f"{n}."


def level4(n: int) -> str:
    """四级标题序号：（1）"""
    return f"（{n}）"


def ordinal_point(n: int) -> str:
    """并列要点：一是、二是……"""
    return f"{chinese_number(n)}是"


_CN = CN_NUMERAL
_PREFIX = re.compile(
    rf"""^\s*(?:
        {_CN}是[，,：:]?                      # 一是
      | 第{_CN}[，,、：:]                     # 第一，
      | [（(]\s*{_CN}\s*[）)][、.．，,]?       # （一） (一) （一）、
      | {_CN}\s*[、.．]                       # 一、 一.
      | [（(]\s*\d{{1,2}}\s*[）)][、.．]?      # （1） (1)
      | \d{{1,2}}\s*[、.．](?!\d)              # 1. 1、 1．
      | [①②③④⑤⑥⑦⑧⑨⑩]
    )\s*""",
    re.VERBOSE,
)


def split_typed_number(text: str) -> tuple[str, str]:
    """把文字开头手打的序号分出来：返回 (序号, 去掉序号后的文字)。没有序号时序号为空。"""
    match = _PREFIX.match(text)
    if not match or match.end() >= len(text.rstrip()):
        return "", text
    return match.group(0).strip(), text[match.end():].lstrip()


_END_PUNCT = "。；;，,、：:.！!？? \u3000"


def strip_end_punctuation(text: str) -> str:
    """去掉结尾的句号、分号等（标题和要点的结尾标点由生成器统一加）。"""
    return text.rstrip(_END_PUNCT)


def end_with_period(text: str) -> str:
    """确保以句号（或问号、叹号、引号后的句号）结尾。"""
    body = text.rstrip(" \u3000；;，,、：:")
    if not body:
        return body
    if body[-1] in "。！？!?":
        return body
    if body[-1] in "”’）)》" and len(body) > 1 and body[-2] in "。！？":
        return body
    if body[-1] == ".":
        body = body[:-1]
    return body + "。"


def join_points(points: list[str]) -> str:
    """要点合成一段：“一是……；二是……；三是……。”"""
    parts = [f"{ordinal_point(i)}{strip_end_punctuation(p)}" for i, p in enumerate(points, 1)]
    return "；".join(parts) + "。" if parts else ""
