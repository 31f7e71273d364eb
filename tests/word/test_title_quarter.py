"""季度工作总结的标题（issue 23）按词回行：“第X季度”不拆开，行政区划名称不拆开，各行是梯形或菱形
（规则与 tests/word/test_title_words.py 相同；这里取每 7 个名称中的一个，四个季度、两种单位都试）。"""

from __future__ import annotations

import pytest
from test_title_words import _problems

from generator.write.word.title_break import break_title, division_names

QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")


@pytest.mark.parametrize("template", ["{name}卫生健康委员会2024年{quarter}工作总结",
                                      "{name}人民政府办公室2024年{quarter}工作总结"])
def test_quarter_titles_break_between_words(template: str) -> None:
    names = division_names()
    longest = max(map(len, names))
    bad = []
    checked = broken = 0
    for name in sorted(names)[::7]:
        for quarter in QUARTERS:
            title = template.format(name=name, quarter=quarter)
            lines = break_title(title, 19)
            checked += 1
            broken += len(lines) > 1
            problems = _problems(title, lines, names | {quarter}, max(longest, len(quarter)))
            if problems:
                bad.append((title, lines, problems))
    assert not bad, f"{len(bad)} 个标题有问题，如：{bad[:5]}"
    assert broken > checked // 2  # 多数标题确实要回行，检验有意义


def test_example_quarter_title() -> None:
    assert break_title("贡觉县卫生健康委员会2024年第四季度工作总结", 19) == ["贡觉县卫生健康委员会", "2024年第四季度工作总结"]
