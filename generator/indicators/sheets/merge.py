"""表单里的 ``指标文件: 指标.xlsx``：把表格里的指标并入表单的“指标”。

每一行先用表单同一个指标模型（同一套数字解析：文字格式的数字、``1,234``、全角数字）校验，
出错时指到单元格（``指标.xlsx:2024!C5``）；通过的行追加到表单的“指标”后面。
表单里已经写了的键在表格里又出现，是错误，两处都指出来。
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ...errors import Collector, Diagnostic, FormError
from ...read.located import locate
from ...read.source import SourceText
from ..model import Indicator
from .read import Row, read_sheet

_TEXT = ("键", "名称", "单位", "公式", "说明")
_NUMBERS = ("本期", "上期", "目标")
_YES = ("是", "true", "1", "√", "✓", "yes", "y", "对")
_MISSING = {"本期": "本期不能空着，要填一个数字；由其他指标算出的，在“公式”列写公式。",
            "名称": "名称不能为空，请填写指标全称，如 城乡居民健康体检人数。"}
_NO = ("否", "false", "0", "×", "no", "n", "")


def sheet_spec(value: Any) -> tuple[str, str | None] | str:
    """``指标文件`` 的值 → (路径, 工作表)；写法不对时返回说明。"""
    if isinstance(value, str) and value.strip():
        return value.strip(), None
    if isinstance(value, dict):
        path, sheet = value.get("路径"), value.get("工作表")
        if (isinstance(path, str) and path.strip() and not isinstance(sheet, bool)
                and (sheet is None or isinstance(sheet, (str, int)))):
            return path.strip(), None if sheet is None else str(sheet).strip()
    return "要写成文件名（如 指标文件: 指标.xlsx），或 {路径: 指标.xlsx, 工作表: 2024}"


@dataclass
class Origins:
    """从表格读入的指标在表格里的位置（键 → 项 → 单元格），以及因为填错没有读入的键。"""

    cells: dict[str, dict[str, str]] = field(default_factory=dict)
    rejected: set[str] = field(default_factory=set)


def merge_indicator_file(source: SourceText, data: Any, out: Collector) -> Origins:
    """读入 ``data["指标文件"]`` 指定的表格，把其中的指标追加到 ``data["指标"]``。"""

    origins = Origins()
    if not isinstance(data, dict) or data.get("指标文件") is None:
        return origins
    line, column, _ = locate(data, ("指标文件",))
    spec = sheet_spec(data["指标文件"])
    if isinstance(spec, str):
        return origins  # 写法不对：校验阶段按模型报告
    written, sheet_name = spec
    base = source.path.parent if source.path is not None else Path(".")
    path = base / written
    if not path.is_file():
        out.add(source.diagnostic(f"找不到指标文件“{written}”（在表单所在的文件夹 {base} 里找的）。"
                                  "请检查文件名，或把表格放到表单旁边。", line, column))
        return origins
    try:
        sheet = read_sheet(path, str(path), sheet_name)
    except FormError as exc:
        out.extend(exc.diagnostics)
        return origins
    out.extend(sheet.notes)
    items = data.get("指标")
    if items is None:
        items = data["指标"] = []
    if not isinstance(items, list):
        return origins
    known: dict[str, str] = {}
    for i, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("键"), str):
            item_line, _, _ = locate(data, ("指标", i, "键"))
            known.setdefault(item["键"].strip(), f"{source.path or '表单'}:{item_line}")
    for row in sheet.rows:
        indicator = _indicator(row, out)
        if indicator is None:
            written_key = row.cells["键"].value if "键" in row.cells else None
            if isinstance(written_key, str) and written_key.strip():
                origins.rejected.add(written_key.strip())
            continue
        key = indicator["键"]
        where = row.cells["键"].where
        if key in known:
            out.add(Diagnostic(f"指标的键“{key}”在 {known[key]} 已经有了，表格里又有一个。同一个指标只能写在一处，"
                               "请删掉其中一个。", file=Path(where)))
            continue
        known[key] = where
        items.append(indicator)
        origins.cells[key] = {name: cell.where for name, cell in row.cells.items()}
    return origins


def _indicator(row: Row, out: Collector) -> dict[str, Any] | None:
    """一行 → 指标的“键: 值”（数字已读成 Decimal）；有错时报告并返回 None。"""
    raw: dict[str, Any] = {}
    problems: list[Diagnostic] = []
    for name, cell in row.cells.items():
        value = cell.value
        if value is None:
            continue
        if name in _TEXT:
            raw[name] = _text(value)
        elif name == "小数位":
            whole = isinstance(value, (float, Decimal)) and value == int(value)
            raw[name] = int(value) if whole else _int_text(value)
        elif name == "越低越好":
            flag = str(value).strip().lower() if not isinstance(value, bool) else str(value).lower()
            if flag in _YES or flag in _NO:
                raw[name] = flag in _YES
            else:
                problems.append(Diagnostic(f"越低越好填“是”或“否”，现在填的是“{value}”。", file=Path(cell.where)))
        else:
            raw[name] = value
    if "键" not in raw:
        title = raw.get("名称")
        what = f"（{title}）" if title else ""
        out.add(Diagnostic(f"这一行{what}没有填“键”：每个指标要有一个简称，正文里用 {{{{键}}}} 引用。",
                           file=Path(row.where)))
        return None
    formula_only = "公式" in raw and "本期" not in raw
    try:
        model = Indicator.model_validate({**raw, "本期": 0} if formula_only else raw)
    except ValidationError as exc:
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else ""
            found = row.cells.get(field)
            problems.append(Diagnostic(_message(field, error), file=Path(found.where if found else row.where)))
    if problems:
        out.extend(problems)
        return None
    for name in _NUMBERS:
        if name in raw:
            raw[name] = getattr(model, {"本期": "current", "上期": "previous", "目标": "target"}[name])
    if formula_only:
        raw.pop("本期", None)
    return raw


def _text(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")  # 不写成 1E-9
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) else value


def _int_text(value: Any) -> Any:
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value


def _message(field: str, error: Any) -> str:
    message = str(error.get("msg", ""))
    if error.get("type") == "value_error":
        text = message.removeprefix("Value error, ")
        return text if text.endswith("。") else f"{text}。"
    if error.get("type") == "missing":
        return _MISSING.get(field, f"“{field}”不能空着。")
    if field == "小数位":
        return f"小数位要填 0 到 6 的整数，现在填的是“{error.get('input')}”。"
    return f"“{field}”填得不对（{error.get('input')}）。"
