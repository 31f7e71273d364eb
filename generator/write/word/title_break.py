"""标题回行（GB/T 9704 7.3.1）：词意完整、排列对称、长短适宜，排成梯形或菱形。

只在词与词之间断开：用 jieba 分词（小词典，见 templates/dict/README.md），全国县级及以上行政区划名称
（``行政区划.txt``）和“委员会、办公室、人民政府”这类单位用词作为整词，名称里任何时候都不断开；
“局、县、旗、镇、乡”这类单字后缀不放在行首（不写“卫生健康 / 局”）；“2024年”的数字和“年”不拆开。

在所有断点组合里挑得分最低的：每多一行扣 100，各行宽度之差越大扣得越多，行末不是“局、委、年度”
这类自然停顿的字扣 20，行末是数字或字母再扣 40；各行宽度先不减、后不增（梯形或菱形，允许等宽），
最短的一行不短于最长一行的一半。都排不成时依次放宽：先去掉“一半”的限制，再允许在词中间断开，
最后按宽度硬断（仍保证不超宽）。

搜索按断点的字典序深度优先进行，剪掉不可能更好的分支，结果与逐一枚举全部组合相同
（tests/render/test_title_break.py 对照），200 字的标题也只要几毫秒。分词器第一次用到时才载入（约 0.1 秒）。
"""

from __future__ import annotations

import functools
import logging
import sys
from decimal import Decimal
from itertools import pairwise
from typing import Any

from ...resources import templates_dir
from .layout import char_width, text_width

BREAK_AFTER = "的和与及暨关于局委会院府厅办站队所心司部处科年度总结划"
NO_LINE_START = "，。、；：？！）》”’"
NO_LINE_END = "（《“‘"
# 单位用词：整词，不拆开；放在行首时扣分（“霍山县卫生健康 / 委员会”读着别扭）
UNIT_WORDS = ("委员会", "人民政府", "人民医院", "卫生健康", "卫生院", "办公室", "领导小组", "自治区", "自治州",
              "自治县", "自治旗", "苏木", "上半年", "下半年", "年度", "工作", "总结", "计划", "报告", "情况", "中心",
              "关于", "医共体", "医联体")
_POOR_LINE_START = ("委员会", "人民政府", "人民医院", "卫生院", "办公室", "领导小组")
# 单字后缀：不单独放在行首（“卫生健康 / 局”“乌拉特中 / 旗”）
SUFFIXES = frozenset("省市州盟县旗区镇乡村局委办厅处科站所院队")
_DATE_UNITS = frozenset("年月日度")
_WORD_FREQ = 10**7  # 比词典里任何词都高：行政区划和单位用词总是整词


@functools.lru_cache(maxsize=1)
def division_names() -> frozenset[str]:
    """全国县级及以上行政区划名称（templates/dict/行政区划.txt）。"""
    path = templates_dir() / "dict" / "行政区划.txt"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def _import_jieba() -> Any:
    """导入 jieba，但不让它导入 pkg_resources：jieba._compat 只用它找自带的资源文件，导入一次要 0.3 秒
    （占 jieba 导入时间的三分之二，还会在新版 setuptools 上打印弃用警告）；导入失败时它改用文件路径，结果相同。"""
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # 让 import pkg_resources 抛 ImportError
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    return jieba


@functools.lru_cache(maxsize=1)
def _tokenizer() -> Any:
    jieba = _import_jieba()
    jieba.setLogLevel(logging.ERROR)  # 不在办事员的屏幕上打印“Building prefix dict…”
    tokenizer = jieba.Tokenizer(dictionary=str(templates_dir() / "dict" / "标题词典.txt"))
    for word in (*division_names(), *UNIT_WORDS):
        tokenizer.add_word(word, freq=_WORD_FREQ)
    return tokenizer


def words(title: str) -> list[str]:
    """标题分成的词（jieba，带行政区划和单位用词）。"""
    return [str(word) for word in _tokenizer().lcut(title, HMM=True)]


def _protected(title: str) -> set[int]:
    """行政区划名称内部的位置（不能在这些位置前断开）。线性：每个位置只试名称的各种长度。"""
    names = division_names()
    longest = max(map(len, names))
    inside: set[int] = set()
    for start in range(len(title)):
        for length in range(2, min(longest, len(title) - start) + 1):
            if title[start:start + length] in names:
                inside.update(range(start + 1, start + length))
    return inside


def word_cuts(title: str) -> list[int]:
    """可以断开的位置：词与词之间，且不在名称里、不把后缀或标点放到行首、不把“2024年”拆开。"""
    inside = _protected(title)
    cuts: list[int] = []
    position = 0
    tokens = words(title)
    for index, token in enumerate(tokens[:-1]):
        position += len(token)
        following = tokens[index + 1]
        if position in inside or title[position] in NO_LINE_START or title[position - 1] in NO_LINE_END:
            continue
        if len(following) == 1 and following in SUFFIXES:
            continue
        if title[position - 1].isdigit() and title[position] in _DATE_UNITS:
            continue
        if title[position - 1].isascii() and title[position].isascii():
            continue
        cuts.append(position)
    return cuts


def char_cuts(title: str) -> list[int]:
    """放宽后的断点：任何两个字之间（标点不放行首，西文词和名称不拆开）。"""
    inside = _protected(title)
    return [i for i in range(1, len(title)) if title[i] not in NO_LINE_START and title[i - 1] not in NO_LINE_END
            and not (title[i - 1].isascii() and title[i].isascii()) and i not in inside]


def break_title(title: str, max_chars: int) -> list[str]:
    """长标题回行：每行不超过 ``max_chars`` 个字宽，只在词与词之间断开，排成梯形或菱形。"""
    title = title.strip()
    if text_width(title) <= max_chars:
        return [title]
    needed = int((text_width(title) / max_chars).to_integral_value(rounding="ROUND_CEILING"))
    max_lines = min(4, needed + 1)
    cuts = word_cuts(title)
    for candidate_cuts, half_rule in ((cuts, True), (cuts, False), (char_cuts(title), False)):
        found = best_break(title, max_chars, max_lines, candidate_cuts, half_rule=half_rule)
        if found is not None:
            return found
    return hard_break(title, max_chars)


def _penalty(title: str, cut: int) -> int:
    """在 cut 处断开的扣分（半字为单位，放大一倍）。"""
    last = title[cut - 1]
    pen = 40 * (last not in BREAK_AFTER) + 80 * (last.isdigit() or last.isascii())
    return pen + 40 * any(title.startswith(word, cut) for word in _POOR_LINE_START)


def best_break(title: str, max_chars: int, max_lines: int, cuts: list[int], *,
               half_rule: bool = True) -> list[str] | None:
    """分支定界：宽度以半个字为单位（整数）。得分 = 200×行数 + 断点扣分 + (最宽 − 最窄)。"""
    halves = [int(char_width(ch) * 2) for ch in title]
    prefix = [0]
    for half in halves:
        prefix.append(prefix[-1] + half)
    total = prefix[-1]
    limit = 2 * max_chars
    penalty = {cut: _penalty(title, cut) for cut in cuts}
    best_score: int | None = None
    best_cuts: list[int] = []

    def extend(first: int, start: int, widths: list[int], chosen: list[int], pen: int) -> None:
        nonlocal best_score, best_cuts
        lines = len(widths)
        if lines + 2 > max_lines:
            return  # 这一行加上剩下的一行已超过行数上限
        falling = _falling(widths)
        for index in range(first, len(cuts)):
            cut = cuts[index]
            head = prefix[cut] - prefix[start]
            if head > limit or (falling and head > widths[-1]):
                break  # 断点再往后，这一行只会更宽
            rest = total - prefix[cut]
            if rest > limit * (max_lines - lines - 1):
                continue  # 剩下的字用尽行数也排不下
            row = [*widths, head]
            if half_rule and 2 * min(row) < max(row):
                continue  # 已有一行不到最宽一行的一半，再加行也补不回来（往后断这一行更宽，还有可能）
            head_pen = pen + penalty[cut]
            bound = 200 * (lines + 2) + head_pen + max(row) - min(row)
            if best_score is not None and bound >= best_score:
                continue
            final = [*row, rest]
            if rest <= limit and _good_shape(final) and (not half_rule or 2 * min(final) >= max(final)):
                score = 200 * len(final) + head_pen + max(final) - min(final)
                if best_score is None or score < best_score:
                    best_score, best_cuts = score, [*chosen, cut]
            extend(index + 1, cut, row, [*chosen, cut], head_pen)

    extend(0, 0, [], [], 0)
    if best_score is None:
        return None
    bounds = [0, *best_cuts, len(title)]
    return [title[a:b] for a, b in pairwise(bounds)]


def _falling(widths: list[int]) -> bool:
    """已经变窄过（过了最宽的一行）：往后的行不能再变宽。"""
    return any(b < a for a, b in pairwise(widths))


def _good_shape(widths: list[int]) -> bool:
    """先不减、后不增：梯形、菱形（等宽的相邻两行也可以），不成沙漏形。"""
    index = 1
    while index < len(widths) and widths[index] >= widths[index - 1]:
        index += 1
    while index < len(widths) and widths[index] <= widths[index - 1]:
        index += 1
    return index == len(widths)


def hard_break(title: str, max_chars: int) -> list[str]:
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
