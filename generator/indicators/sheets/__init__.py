"""指标表格：表单里的 ``指标文件: 指标.xlsx``（读入并合并）和 ``gen init --指标表格``（写样表）。"""

from .merge import merge_indicator_file, sheet_spec
from .read import COLUMNS, read_sheet

__all__ = ["COLUMNS", "merge_indicator_file", "read_sheet", "sheet_spec"]
