"""报告里的指标表排在哪种页面、用多大的字：数字不回行，“指标”列不窄于它的下限（最长的词，至少六个字）。

依次试：竖版、版式的表格字号（小四）→ 竖版、小一号直到五号 → 横版（这张表单独成节，GB/T 9704 第 8 条
“横排表格”）、版式的字号 → 横版、五号。都排不下时（数字长得离谱）用横版、五号，由列宽计算按比例压缩。
比五号再小，打印出来就难认了；数字也不悄悄改成“万”“亿”。
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..style_profile import StyleProfile
from .geometry import landscape, text_width_mm
from .layout import mm_to_twips
from .table_layout import floor_fits

SMALLEST = Decimal("10.5")  # 五号
STEPS = (Decimal(14), Decimal(12), SMALLEST)  # 四号、小四、五号


@dataclass(frozen=True)
class TableFit:
    size: Decimal  # 表格字号（磅）
    wide: bool  # 排在横版的一节里

    def profile(self, profile: StyleProfile) -> StyleProfile:
        """这张表所在页面的版式（横版时纸张、页边距转 90 度）。"""
        return landscape(profile) if self.wide else profile


def sizes_for(profile: StyleProfile) -> list[Decimal]:
    """要试的表格字号：版式里的，和比它小、不小于五号的。"""
    size = profile.sizes.table
    return [size, *[s for s in STEPS if s < size and s >= SMALLEST]]


def fit_table(rows: Sequence[Sequence[str]], profile: StyleProfile) -> TableFit:
    sizes = sizes_for(profile)
    for wide in (False, True):
        width = mm_to_twips(text_width_mm(landscape(profile) if wide else profile))
        for size in sizes:
            if floor_fits(rows, width, size):
                return TableFit(size, wide)
    return TableFit(sizes[-1], True)
