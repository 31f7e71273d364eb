"""汇总表在 Word 里怎样排下：数字和两字表头始终排在一行里，不为塞下而挤得回行。

依次试：A4 竖版（版式的表格字号，小四）→ A4 横版 → 横版上把表格字号缩小（小四 → 五号，仍是仿宋，
只改表格，正文、标题不变）→ 仍排不下时按县把表拆成几张（每张都有“指标”“单位”两列，最后一张带
“合计”“同比”），后面几张标“续表”。字号按量出的宽度（table_layout 的宽度模型）选；拆表时取张数最少的
字号里最大的一个。整个计算与单元格数成线性关系。
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..write.style_profile import StyleProfile
from ..write.word.geometry import landscape, text_width_mm
from ..write.word.layout import mm_to_twips
from ..write.word.table_layout import column_minimums

# 表格可用的字号（磅）：四号、小四、五号。比五号再小，打印出来就难认了
TABLE_SIZES = (Decimal(14), Decimal(12), Decimal("10.5"))
# 指标名称一列的下限与报告的指标表相同：最长的词、至少六个字宽（名称更短时取一行的宽度）；
# 再窄，十几个字的名称要排四五行
TEXT_CHARS = 6
HEAD, TAIL = 2, 2  # 各县之前的“指标”“单位”，之后的“合计”“同比”

Rows = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Plan:
    profile: StyleProfile  # 纸张方向、表格字号
    parts: list[Rows]  # 一张或几张表（第二张起是“续表”）

    @property
    def size(self) -> Decimal:
        return self.profile.sizes.table


def sizes_for(profile: StyleProfile) -> list[Decimal]:
    """要试的表格字号：版式里的，和比它小、不小于五号的。"""
    return [profile.sizes.table, *[s for s in TABLE_SIZES if s < profile.sizes.table]]


def plan(rows: Rows, profile: StyleProfile) -> Plan:
    """``rows`` 的第一行是表头：指标、单位、各县……、合计、同比。"""
    if _fits(column_minimums(rows, profile.sizes.table, TEXT_CHARS), _width(profile)):
        return Plan(profile, [rows])
    wide = landscape(profile)
    width = _width(wide)
    counties = len(rows[0]) - HEAD - TAIL
    best: tuple[int, Decimal, list[list[int]]] | None = None
    for size in sizes_for(profile):
        minimums = column_minimums(rows, size, TEXT_CHARS)
        if _fits(minimums, width):
            return Plan(_with_size(wide, size), [rows])
        groups = _split(minimums, counties, width)
        if groups is not None and (best is None or len(groups) < best[0]):
            best = (len(groups), size, groups)
    if best is None:  # 一个县一张表都排不下（数字长得离谱）：一县一张，由列宽计算按比例压缩
        size = sizes_for(profile)[-1]
        best = (counties, size, [[c] for c in range(counties)])
    _, size, groups = best
    return Plan(_with_size(wide, size), [_columns(rows, group, last=i == len(groups) - 1)
                                         for i, group in enumerate(groups)])


def _width(profile: StyleProfile) -> int:
    return mm_to_twips(text_width_mm(profile))


def _fits(minimums: Sequence[int], width: int) -> bool:
    return sum(minimums) <= width


def _with_size(profile: StyleProfile, size: Decimal) -> StyleProfile:
    if size == profile.sizes.table:
        return profile
    return profile.model_copy(update={"sizes": profile.sizes.model_copy(update={"table": size})})


def _split(minimums: list[int], counties: int, width: int) -> list[list[int]] | None:
    """把各县（第 0…counties-1 个）分成最少的几组，每组连同“指标”“单位”排得下，最后一组还要带上
    “合计”“同比”；各组的县数尽量相同。排不下（连一个县都放不下）时为 None。"""
    head = sum(minimums[:HEAD])
    tail = sum(minimums[HEAD + counties:])
    county = minimums[HEAD:HEAD + counties]
    if not county or head + max(county) > width or head + county[-1] + tail > width:
        return None
    least = _greedy_count(county, width - head)
    for count in (least, least + 1, least + 2):  # 各组县数相同（相差一个）：通常这就排得下
        groups = _even(counties, count)
        if all(head + sum(county[c] for c in g) + (tail if i == count - 1 else 0) <= width
               for i, g in enumerate(groups)):
            return groups
    return _from_right(county, width - head, tail)


def _greedy_count(widths: list[int], room: int) -> int:
    """从左往右尽量多装，至少要几组（不算“合计”“同比”：这是张数的下限）。"""
    count, used = 1, 0
    for w in widths:
        if used and used + w > room:
            count, used = count + 1, 0
        used += w
    return count


def _from_right(widths: list[int], room: int, tail: int) -> list[list[int]]:
    """各县宽窄相差很多时：从最后一个县往前尽量多装，最后一组先留出“合计”“同比”的宽度。"""
    groups: list[list[int]] = [[]]
    used = tail
    for c in range(len(widths) - 1, -1, -1):
        if groups[-1] and used + widths[c] > room:
            groups.append([])
            used = 0
        groups[-1].append(c)
        used += widths[c]
    return [group[::-1] for group in reversed(groups)]


def _even(counties: int, count: int) -> list[list[int]]:
    """``counties`` 个县按顺序分成 ``count`` 组，前面的组多一个（最后一组还要放合计、同比）。"""
    size, extra = divmod(counties, count)
    groups, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        groups.append(list(range(start, end)))
        start = end
    return groups


def _columns(rows: Rows, group: list[int], *, last: bool) -> tuple[tuple[str, ...], ...]:
    width = len(rows[0])
    keep = [*range(HEAD), *[HEAD + c for c in group], *(range(width - TAIL, width) if last else ())]
    return tuple(tuple(row[c] for c in keep) for row in rows)
