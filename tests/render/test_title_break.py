"""标题回行的搜索：与逐一枚举全部断点组合的结果完全相同，长标题也不会卡住。"""

from __future__ import annotations

import random
from decimal import Decimal
from itertools import pairwise

import pytest

from generator.write.word.layout import text_width
from generator.write.word.title_break import (
    BREAK_AFTER,
    break_title,
    char_cuts,
    hard_break,
    word_cuts,
)

# ---------------------------------------------------------------- 参照：逐一枚举全部断点组合（指数级，只用于对照）

_POOR_LINE_START = ("委员会", "人民政府", "人民医院", "卫生院", "办公室", "领导小组")


def reference_break_title(title: str, max_chars: int) -> list[str]:
    title = title.strip()
    if text_width(title) <= max_chars:
        return [title]
    needed = int((text_width(title) / max_chars).to_integral_value(rounding="ROUND_CEILING"))
    max_lines = min(4, needed + 1)
    cuts = word_cuts(title)
    for candidate_cuts, half_rule in ((cuts, True), (cuts, False), (char_cuts(title), False)):
        best: tuple[Decimal, list[str]] | None = None
        for lines in _reference_candidates(title, candidate_cuts, max_lines):
            widths = [text_width(line) for line in lines]
            if max(widths) > max_chars or not _reference_good_shape(widths):
                continue
            if half_rule and 2 * min(widths) < max(widths):
                continue
            score = _reference_score(title, lines, widths)
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None:
            return best[1]
    return hard_break(title, max_chars)


def _reference_candidates(title: str, cuts: list[int], max_lines: int) -> list[list[str]]:
    results: list[list[str]] = []

    def extend(start: int, lines: list[str]) -> None:
        if len(lines) >= max_lines - 1:
            return
        for cut in cuts:
            if cut <= start:
                continue
            results.append([*lines, title[start:cut], title[cut:]])
            extend(cut, [*lines, title[start:cut]])

    extend(0, [])
    return results


def _reference_good_shape(widths: list[Decimal]) -> bool:
    peak = widths.index(max(widths))
    return (all(a <= b for a, b in pairwise(widths[: peak + 1]))
            and all(a >= b for a, b in pairwise(widths[peak:])))


def _reference_score(title: str, lines: list[str], widths: list[Decimal]) -> Decimal:
    score = Decimal(len(lines)) * 100
    score += max(widths) - min(widths)
    position = 0
    for line in lines[:-1]:
        position += len(line)
        if line[-1] not in BREAK_AFTER:
            score += 20
        if line[-1].isdigit() or line[-1].isascii():
            score += 40
        if any(title.startswith(word, position) for word in _POOR_LINE_START):
            score += 20
    return score


# ---------------------------------------------------------------- 对照

_PIECES = ["某某县", "卫生健康", "委员会", "局", "人民政府", "办公室", "关于", "2024", "年", "年度", "上半年",
           "工作", "总结", "和", "2025", "计划", "的", "报告", "情况", "中心", "自治县", "疾病预防控制",
           "，", "、", "（", "）", "A", "B", "x", "1", "与", "暨", "乡镇", "卫生院", "领导小组"]


def _random_titles(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    titles = []
    while len(titles) < count:
        title = ""
        target = rng.randint(6, 30)
        while len(title) < target:
            title += rng.choice(_PIECES)
        titles.append(title[:30])
    return titles


REAL_TITLES = [
    "中阳县卫生健康局2024年工作总结和2025年工作计划",
    "霍山县卫生健康委员会2021年上半年工作总结",
    "某某自治县人民政府办公室关于2024年度重点工作推进情况的报告",
    "贡觉县卫生健康委员会2024年度工作总结",
    "石泉县疾病预防控制中心2022年工作总结和2023年工作计划",
]


@pytest.mark.parametrize("title", REAL_TITLES)
@pytest.mark.parametrize("max_chars", [8, 12, 15, 19])
def test_same_result_as_full_enumeration_on_real_titles(title: str, max_chars: int) -> None:
    assert break_title(title, max_chars) == reference_break_title(title, max_chars)


def test_same_result_as_full_enumeration_on_random_titles() -> None:
    compared = 0
    for number, title in enumerate(_random_titles(300, seed=20261123)):
        max_chars = 5 + number % 15
        assert break_title(title, max_chars) == reference_break_title(title, max_chars), (title, max_chars)
        compared += len(title) > max_chars
    assert compared > 200  # 大多数标题确实要回行，对照有意义


def test_long_titles_finish_and_keep_every_character() -> None:
    # 原先：40 字 1 秒，100 字一分钟以上、0.9 GB；这里 200 字也只是一次普通调用
    title = ("中共某某自治县委员会办公室关于某某自治县卫生健康委员会" * 8)[:200]
    for max_chars in (19, 40, 60):
        lines = break_title(title, max_chars)
        assert "".join(lines) == title
        assert all(text_width(line) <= max_chars for line in lines)


def test_hard_break_never_makes_empty_lines() -> None:
    assert hard_break("甲乙丙丁戊", 2) == ["甲乙", "丙丁", "戊"]
