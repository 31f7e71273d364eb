"""``gen rollup``：把各县的表单汇总成全市的指标表（.xlsx、.md），可写回市本级表单。"""

from .collect import Collected, County, collect, read_counties
from .totals import NO_FORMULA, Total, totals

__all__ = ["NO_FORMULA", "Collected", "County", "Total", "collect", "read_counties", "totals"]
