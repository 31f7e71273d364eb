"""标题按词回行：全国每个县级及以上行政区划名称放进标题里，回成 1–3 行时都不拆开，
各行排成梯形或菱形（允许等宽），最短的一行不短于最长一行的一半。示例和测试里的标题也一样。"""

from __future__ import annotations

import time
from decimal import Decimal
from itertools import pairwise

import pytest
from conftest import EXAMPLES

from generator.api import build_report
from generator.write.word.layout import text_width
from generator.write.word.title_break import break_title, division_names

TEMPLATES = (
    "{name}卫生健康委员会2024年度工作总结",
    "{name}人民政府办公室2024年上半年工作总结",
    "内蒙古自治区巴彦淖尔市{name}卫生健康局关于深化紧密型县域医共体建设的工作总结",
    "{name}教育局2024年工作总结和2025年工作计划",
)
OTHER_TITLES = (
    "中阳县卫生健康局2024年工作总结和2025年工作计划",
    "霍山县卫生健康委员会2021年上半年工作总结",
    "中共某某县委员会办公室关于某某县卫生健康局2024年度工作总结和2025年工作计划的报告",
    "某某自治县人民政府办公室关于2024年度重点工作推进情况的报告",
    "内蒙古自治区巴彦淖尔市乌拉特中旗卫生健康委员会关于深化紧密型县域医共体建设2024年工作总结",
    "石泉县疾病预防控制中心2022年工作总结和2023年工作计划",
)


def _names_in(title: str, names: frozenset[str], longest: int) -> list[tuple[int, int]]:
    return [(start, start + length) for start in range(len(title))
            for length in range(2, min(longest, len(title) - start) + 1) if title[start:start + length] in names]


def _problems(title: str, lines: list[str], names: frozenset[str], longest: int) -> list[str]:
    problems = []
    if "".join(lines) != title:
        problems.append("丢了字")
    # 1–3 行；只有排满两行还多出大半行、又有不能拆的长名称时才用第四行（如“双江拉祜族佤族布朗族傣族自治县”）
    if not (1 <= len(lines) <= 3 or (len(lines) == 4 and text_width(title) > Decimal("2.5") * 19)):
        problems.append(f"{len(lines)} 行")
    cuts = set()
    position = 0
    for line in lines[:-1]:
        position += len(line)
        cuts.add(position)
    for start, end in _names_in(title, names, longest):
        if any(start < cut < end for cut in cuts):
            problems.append(f"拆开了“{title[start:end]}”")
    widths = [text_width(line) for line in lines]
    peak = widths.index(max(widths))
    if not (all(a <= b for a, b in pairwise(widths[: peak + 1])) and all(a >= b for a, b in pairwise(widths[peak:]))):
        problems.append(f"不是梯形或菱形：{widths}")
    if 2 * min(widths) < max(widths):
        problems.append(f"有一行不到最长一行的一半：{widths}")
    if max(widths) > 19:
        problems.append("超宽")
    return problems


def test_every_division_name_stays_whole_in_titles() -> None:
    names = division_names()
    assert len(names) > 3000
    assert {"乌拉特中旗", "巴彦淖尔市", "内蒙古自治区", "霍山县", "贡觉县", "锡林郭勒盟"} <= names
    longest = max(map(len, names))
    bad: list[tuple[str, list[str], list[str]]] = []
    checked = broken = 0
    started = time.perf_counter()
    for name in sorted(names):
        for template in TEMPLATES:
            title = template.format(name=name)
            lines = break_title(title, 19)
            checked += 1
            broken += len(lines) > 1
            problems = _problems(title, lines, names, longest)
            if problems:
                bad.append((title, lines, problems))
    seconds = time.perf_counter() - started
    assert not bad, f"{len(bad)} 个标题有问题，如：{bad[:5]}"
    assert broken > checked // 2  # 多数标题确实要回行，检验有意义
    assert seconds / checked < 0.01, f"每个标题 {seconds / checked * 1000:.1f} 毫秒"


@pytest.mark.parametrize("title", OTHER_TITLES)
def test_test_titles_break_between_words(title: str) -> None:
    names = division_names()
    lines = break_title(title, 19)
    assert _problems(title, lines, names, max(map(len, names))) == [], lines


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_titles_break_between_words(example) -> None:  # type: ignore[no-untyped-def]
    names = division_names()
    title = build_report(example).form.display_title
    lines = break_title(title, 19)
    assert _problems(title, lines, names, max(map(len, names))) == [], lines


def test_issue_titles() -> None:
    assert break_title("内蒙古自治区巴彦淖尔市乌拉特中旗卫生健康委员会关于深化紧密型县域医共体建设2024年工作总结", 19) == [
        "内蒙古自治区巴彦淖尔市", "乌拉特中旗卫生健康委员会关于", "深化紧密型县域医共体建设2024年工作总结"]
    assert break_title("霍山县卫生健康委员会2021年上半年工作总结", 19) == ["霍山县卫生健康委员会", "2021年上半年工作总结"]
    assert text_width("霍山县卫生健康委员会") == text_width("2021年上半年工作总结") == Decimal(10)
