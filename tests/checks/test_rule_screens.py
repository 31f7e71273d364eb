"""逐段规则前面的快速筛查（没有数字、没有占位符记号就跳过）不能漏掉任何一个会配上的写法。"""

from __future__ import annotations

import random

from generator.checks import rules

ALPHABET = list("xX×＊*【】（）()〔〕 0123456789０１２３４５６７８９.,%％‰是一二三四五六七八九十年率为亿万次例人共其中完成比去年增长")
ALPHABET += ["待补充", "请补写", "TODO", "FIXME", "个百分点", "{{", "}}", "2025年", "完成率", "较上年"]


def _texts(count: int) -> list[str]:
    chance = random.Random(10)
    return ["".join(chance.choice(ALPHABET) for _ in range(chance.randint(1, 12))) for _ in range(count)]


def test_placeholder_screen_misses_nothing() -> None:
    matched = 0
    for text in _texts(20000):
        if any(pattern.search(text) for pattern, _ in rules._PLACEHOLDERS):
            matched += 1
            assert rules._PLACEHOLDER_SIGN.search(text), text
    assert matched > 100


def test_digit_rules_need_a_digit() -> None:
    digit_rules = [rules._GROWTH, rules._FROM_TO, rules._RATE_THEN_GROWTH, rules._COMPLETION, rules._PART,
                   rules._RATE_NO_UNIT, rules._FULLWIDTH, rules._THOUSANDS, rules._MIXED, rules._YEAR]
    matched = 0
    for text in _texts(20000):
        if any(pattern.search(text) for pattern in digit_rules):
            matched += 1
            assert rules._DIGIT.search(text), text
    assert matched > 100


def test_screened_rules_give_the_same_hits() -> None:
    for text in _texts(5000):
        screened = list(rules.text_rules(text, 2024))
        full = [*rules.placeholders(text), *rules.growth_arithmetic(text), *rules.rate_growth(text),
                *rules.completion_arithmetic(text), *rules.part_of_total(text), *rules.bracket_style(text),
                *rules.number_style(text), *rules.late_years(text, 2024)]
        assert screened == full, text
