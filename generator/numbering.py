"""公文层次序号：生成“一、（一）1.（1）一是”，识别并去掉办事员手打的序号。"""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–99 的中文小写数字：1→一，10→十，12→十二，20→二十，35→三十五。"""
    if n <= 0 or n >= 100:
        raise ValueError(f"序号超出范围：{n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + ("" if ones == 0 else _DIGITS[ones])


def chinese_value(text: str) -> int:
    """中文小写数字的值：一→1，十→10，十二→12，二十→20；认不出时为 0。"""
    digits = {ch: i for i, ch in enumerate(_DIGITS)}
    if "十" not in text:
        return digits.get(text, 0) if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 0) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)


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


_CN = "[一二三四五六七八九十]+"
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
