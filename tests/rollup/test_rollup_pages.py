"""pages.plan：汇总表怎样排进 A4（竖版 → 横版 → 小一号字 → 拆成几张），不用 Word，只用宽度模型。"""

from __future__ import annotations

from decimal import Decimal

from generator.rollup.pages import HEAD, TEXT_CHARS, plan
from generator.write.style_profile import load_profile
from generator.write.word.table_layout import column_minimums

PORTRAIT, LANDSCAPE = 8844, 12756  # 版心宽（缇）


def table(counties: list[str], total: str = "123456") -> tuple[tuple[str, ...], ...]:
    """一行指标：每个县一个数（``counties`` 是各县的数），再加合计、同比。"""
    header = ("指标", "单位", *[f"第{i}县" for i in range(len(counties))], "合计", "同比")
    return header, ("城乡居民健康体检人数", "人", *counties, total, "增长65.83%")


def check_parts(rows: tuple[tuple[str, ...], ...], result_parts: list[tuple[tuple[str, ...], ...]],
                size: Decimal, width: int) -> None:
    """每张表都排得下；县按顺序各出现一次；“合计”“同比”只在最后一张。"""
    seen: list[str] = []
    for number, part in enumerate(result_parts):
        assert part[0][:HEAD] == ("指标", "单位")
        last = number == len(result_parts) - 1
        assert (part[0][-2:] == ("合计", "同比")) == last
        seen += list(part[0][HEAD:len(part[0]) - (2 if last else 0)])
        assert sum(column_minimums(part, size, TEXT_CHARS)) <= width, f"第 {number + 1} 张排不下"
    assert seen == list(rows[0][HEAD:-2])


def test_portrait_landscape_smaller_font_then_split() -> None:
    profile = load_profile()
    assert profile.sizes.table == Decimal(12)
    few = plan(table(["15719"] * 3), profile)
    assert (few.profile.paper.width, few.size, len(few.parts)) == (210, Decimal(12), 1)
    more = plan(table(["15719"] * 5), profile)
    assert (more.profile.paper.width, more.size, len(more.parts)) == (297, Decimal(12), 1)
    smaller = plan(table(["15719"] * 8), profile)  # “指标”列至少六个字：八个县横版小四排不下
    assert (smaller.profile.paper.width, smaller.size, len(smaller.parts)) == (297, Decimal("10.5"), 1)
    assert smaller.profile.sizes.body == profile.sizes.body  # 只改表格的字号
    rows = table(["15719"] * 40)
    split = plan(rows, profile)
    assert split.profile.paper.width == 297 and len(split.parts) > 1
    check_parts(rows, split.parts, split.size, LANDSCAPE)
    sizes = [len(part[0]) - HEAD for part in split.parts]
    sizes[-1] -= 2
    assert max(sizes) - min(sizes) <= 1  # 各张的县数相差不超过一个


def test_a_larger_table_font_steps_down_to_wuhao_and_no_further() -> None:
    profile = load_profile()
    big = profile.model_copy(update={"sizes": profile.sizes.model_copy(update={"table": Decimal(14)})})
    assert plan(table(["15719"] * 5), big).size == Decimal(14)
    assert plan(table(["15719"] * 6), big).size == Decimal(12)  # 横版四号排不下，小四排得下
    assert plan(table(["15719"] * 8), big).size == Decimal("10.5")
    # 拆成两张时四号也是两张：取大的字号
    assert (plan(table(["15719"] * 9), big).size, len(plan(table(["15719"] * 9), big).parts)) == (Decimal(14), 2)
    assert plan(table(["15719"] * 200), big).size >= Decimal("10.5")


def test_counties_of_very_different_widths_are_packed_from_the_right() -> None:
    """县数均分排不下（一个县的数特别长）：从最后一个县往前装，每张仍排得下。"""
    profile = load_profile()
    numbers = ["1"] * 20 + ["123456789012345678901234"] * 3 + ["1"] * 20
    rows = table(numbers)
    result = plan(rows, profile)
    check_parts(rows, result.parts, result.size, LANDSCAPE)
    counts = [len(part[0]) - HEAD for part in result.parts]
    counts[-1] -= 2
    assert max(counts) - min(counts) > 1  # 不是均分


def test_a_county_too_wide_even_alone_gets_a_table_of_its_own() -> None:
    """一个县的数长得离谱、单独一张也排不下：一县一张（五号），由列宽计算按比例压缩，不报错。"""
    rows = table(["1" * 200, "15719"])
    result = plan(rows, load_profile())
    assert result.size == Decimal("10.5")
    assert [part[0][HEAD:] for part in result.parts] == [("第0县",), ("第1县", "合计", "同比")]
