"""版式的纯计算：长度换算、标题回行的形状、落款缩进。"""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.write.word.layout import (
    mm_to_twips,
    pt_to_twips,
    set_width,
    signature_indents,
    signature_starts,
    text_width,
    title_line_limit,
)
from generator.write.word.title_break import break_title


def test_units() -> None:
    assert (mm_to_twips(Decimal(210)), mm_to_twips(Decimal(297))) == (11906, 16838)
    assert [mm_to_twips(Decimal(m)) for m in (37, 28, 26, 35)] == [2098, 1587, 1474, 1984]
    assert pt_to_twips(Decimal("28.95")) == 579
    assert pt_to_twips(Decimal("-0.25")) == -5


def test_widths() -> None:
    assert text_width("工作总结") == 4
    assert text_width("2025年1月7日") == 6
    assert set_width("2025年1月7日") == Decimal("7.25")  # 五处汉字与数字交界
    assert set_width("贡觉县卫生健康委员会") == 10


def test_title_line_limit_leaves_room() -> None:
    # 156 毫米版心排 22 磅字：满打满算 20 字，留一字余地
    assert title_line_limit(20, Decimal(156), Decimal(22)) == 19
    assert title_line_limit(15, Decimal(156), Decimal(22)) == 15


def _shape_ok(widths: list[Decimal]) -> bool:
    """梯形或菱形（GB/T 9704 7.3.1）：先不减、后不增，等宽的相邻两行也可以；不成沙漏形。
    最短的一行不短于最长一行的一半（长短适宜）。"""
    peak = widths.index(max(widths))
    rising = all(a <= b for a, b in pairwise(widths[: peak + 1]))
    falling = all(a >= b for a, b in pairwise(widths[peak:]))
    return rising and falling and 2 * min(widths) >= max(widths)


@pytest.mark.parametrize("title", [
    "中阳县卫生健康局2024年工作总结和2025年工作计划",
    "霍山县卫生健康委员会2021年上半年工作总结",
    "中共某某县委员会办公室关于某某县卫生健康局2024年度工作总结和2025年工作计划的报告",
    "某某自治县人民政府办公室关于2024年度重点工作推进情况的报告",
])
def test_long_titles_break_into_trapezoid_or_diamond(title: str) -> None:
    lines = break_title(title, 19)
    assert "".join(lines) == title
    assert len(lines) > 1
    widths = [text_width(line) for line in lines]
    assert max(widths) <= 19
    assert _shape_ok(widths), lines
    for line in lines[1:]:
        assert line[0] not in "，。、；：？！）》”’", "标点不能出现在行首"


def test_27_character_title() -> None:
    title = "中阳县卫生健康局2024年工作总结和2025年工作计划"
    assert len(title) == 27
    assert break_title(title, 19) == ["中阳县卫生健康局2024年", "工作总结和2025年工作计划"]


def test_words_are_kept_whole() -> None:
    lines = break_title("霍山县卫生健康委员会2021年上半年工作总结", 19)
    assert lines == ["霍山县卫生健康委员会", "2021年上半年工作总结"]  # 等宽的两行可以（原先被拒，断成“2021年 / 上半年”）
    assert not any(line.endswith("委") for line in lines), "不能把“委员会”拆开"
    assert all("2021" in line or "202" not in line for line in lines), "数字不能拆开"


def test_short_title_is_one_line() -> None:
    assert break_title("贡觉县卫生健康委员会2024年度工作总结", 19) == ["贡觉县卫生健康委员会2024年度工作总结"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="县局委会卫生健康工作总结计划年度和关于的报告办公室人民政府2024", min_size=1, max_size=40))
def test_any_title_fits_and_keeps_text(title: str) -> None:
    lines = break_title(title, 19)
    assert "".join(lines) == title.strip()
    assert all(text_width(line) <= 19 for line in lines)


def test_signature_longer_than_date() -> None:
    indents = signature_indents("贡觉县卫生健康委员会", "2025年1月7日")
    assert indents.signature == 2
    # 日期首字比署名首字右移二字
    assert indents.signature + set_width("贡觉县卫生健康委员会") - (indents.date + set_width("2025年1月7日")) == 2


def test_date_longer_than_signature() -> None:
    indents = signature_indents("某某局", "2025年12月17日")
    assert indents.date == 2
    assert indents.signature + set_width("某某局") - (indents.date + set_width("2025年12月17日")) == 2


def test_date_that_would_reach_into_the_right_margin_moves_the_signature() -> None:
    """七八个字的署名配“2025年1月7日”（7.25 字）：日期右移二字后只剩 0.75 字右空（原先如此），
    改为日期右空二字、署名相应左移，日期首字仍比署名首字右移二字。"""
    signature, date = "某某县卫生健康局", "2025年1月7日"
    indents = signature_indents(signature, date)
    assert indents.date == 2
    assert indents.signature + set_width(signature) - (indents.date + set_width(date)) == 2
    sig_start, date_start = signature_starts(signature, date, Decimal(28))
    assert date_start - sig_start == 2 and date_start + set_width(date) == 26
