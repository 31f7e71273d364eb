"""读指标表格（.xlsx、.csv）：按第一行的中文表头找列，逐行给出单元格的值和位置。

只读数据，不做校验（校验在 :mod:`.merge` 里用表单同一套数字解析）。位置写成
``指标.xlsx:2024!C5``（工作表名!单元格），.csv 写成 ``指标.csv:C5``。
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import Diagnostic, FormError, Severity

COLUMNS = ("键", "名称", "本期", "上期", "目标", "单位", "小数位", "公式", "越低越好", "说明")
# 表头的别名：办事员的表格里常见的写法
ALIASES = {"指标": "名称", "指标名称": "名称", "本年": "本期", "本期数": "本期", "今年": "本期", "上年": "上期",
           "上期数": "上期", "去年": "上期", "目标值": "目标", "年度目标": "目标", "计量单位": "单位", "备注": "说明"}
IGNORED = ("序号", "编号")
MAX_ROWS = 5000
_TOTAL_NAMES = ("合计", "总计", "小计")


@dataclass
class Cell:
    value: Any
    where: str  # 指标.xlsx:2024!C5


@dataclass
class Row:
    number: int  # 表格里的行号（从 1 开始）
    cells: dict[str, Cell]  # 表头里的每一列；空单元格的值是 None
    where: str  # 这一行第一个单元格的位置


@dataclass
class Sheet:
    label: str  # 指标.xlsx:2024（或 指标.csv）
    rows: list[Row]
    notes: list[Diagnostic] = field(default_factory=list)


def column_letter(index: int) -> str:
    """第几列（从 1 开始）→ A、B、…、Z、AA。"""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_sheet(path: Path, shown: str, sheet: str | None) -> Sheet:
    """读表格。打不开、没有那个工作表、表头不对时抛出 :class:`FormError`（位置是表格本身）。"""
    suffix = path.suffix.lower()
    if suffix == ".xls" or suffix == ".et":
        raise FormError(Diagnostic("这是旧的 Excel 97-2003 格式（.xls），gen 读不了。请在 Excel 或 WPS 里打开它，"
                                   "“另存为”Excel 工作簿（.xlsx），再把表单里的文件名改成 .xlsx。", file=Path(shown)))
    if suffix == ".csv":
        return _table(_csv_rows(path, shown), shown, shown)
    if suffix not in (".xlsx", ".xlsm"):
        raise FormError(Diagnostic("这不是表格文件：指标文件要用 .xlsx 或 .csv。", file=Path(shown)))
    return _xlsx(path, shown, sheet)


def _csv_rows(path: Path, shown: str) -> Iterator[tuple[Any, ...]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 能解码任何字节序列
        raise FormError(Diagnostic("编码认不出来，请用 Excel 另存为“CSV UTF-8”。", file=Path(shown)))
    try:
        yield from (tuple(row) for row in csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise FormError(Diagnostic(f"不是正常的 CSV 文件（{exc}），请用 Excel 另存为“CSV UTF-8”。",
                                   file=Path(shown))) from None


def _xlsx(path: Path, shown: str, sheet: str | None) -> Sheet:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FormError(Diagnostic(f"打不开（{type(exc).__name__}），不是正常的 .xlsx 文件。"
                                   "请用 Excel 或 WPS 打开后重新保存为 .xlsx。", file=Path(shown))) from None
    try:
        names = book.sheetnames
        if sheet is None:
            ws = book[names[0]]
        elif sheet in names:
            ws = book[sheet]
        else:
            raise FormError(Diagnostic(f"没有名为“{sheet}”的工作表。现有的工作表：{'、'.join(names)}。"
                                       "请改正表单里的“工作表”。", file=Path(shown)))
        label = f"{shown}:{ws.title}"
        return _table(ws.iter_rows(values_only=True), label, f"{label}!")
    finally:
        book.close()


def _table(rows: Iterator[tuple[Any, ...]], label: str, prefix: str) -> Sheet:
    """第一行非空的行是表头；其后每个非空行是一个指标。末尾的“合计”行不读。"""
    if not prefix.endswith("!"):
        prefix += ":"
    header: dict[int, str] | None = None
    out: list[Row] = []
    notes: list[Diagnostic] = []
    for number, values in enumerate(rows, start=1):
        if not any(_filled(v) for v in values):
            continue
        if header is None:
            header = _header(values, number, prefix, notes)
            continue
        if len(out) >= MAX_ROWS:
            raise FormError(Diagnostic(f"指标超过了 {MAX_ROWS} 行，请只保留总结里要用的指标。", file=Path(label)))
        cells = {name: Cell(values[i] if i < len(values) and _filled(values[i]) else None,
                            f"{prefix}{column_letter(i + 1)}{number}") for i, name in header.items()}
        out.append(Row(number, cells, f"{prefix}A{number}"))
    if header is None:
        raise FormError(Diagnostic("表格是空的：第一行要写表头（键、名称、本期、上期、单位……），下面每行一个指标。"
                                   "可以运行 gen init --指标表格 指标.xlsx 生成一份样表。", file=Path(label)))
    while out and _is_total(out[-1]):
        out.pop()
    return Sheet(label, out, notes)


def _header(values: tuple[Any, ...], number: int, prefix: str, notes: list[Diagnostic]) -> dict[int, str]:
    header: dict[int, str] = {}
    for i, value in enumerate(values):
        if not _filled(value):
            continue
        text = "".join(str(value).split()).strip("*＊")
        name = ALIASES.get(text, text)
        if name in IGNORED:
            continue
        where = f"{prefix}{column_letter(i + 1)}{number}"
        if name not in COLUMNS:
            notes.append(Diagnostic(f"表头“{text}”不是指标的项，这一列没有读入。可以用的表头：{'、'.join(COLUMNS)}。",
                                    severity=Severity.WARNING, file=Path(where)))
            continue
        if name in header.values():
            raise FormError(Diagnostic(f"表头“{name}”出现了两次，请删掉其中一列。", file=Path(where)))
        header[i] = name
    missing = [name for name in ("键", "名称") if name not in header.values()]
    if missing:
        raise FormError(Diagnostic(
            f"表头里没有“{'”“'.join(missing)}”：第一行要写 键、名称、本期、上期、单位 等列名。",
            file=Path(f"{prefix}A{number}")))
    return header


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _is_total(row: Row) -> bool:
    for name in ("键", "名称"):
        cell = row.cells.get(name)
        if cell is not None and isinstance(cell.value, str) and "".join(cell.value.split()) in _TOTAL_NAMES:
            return True
    return False
