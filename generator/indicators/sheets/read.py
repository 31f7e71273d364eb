"""读指标表格（.xlsx、.csv）：按第一行的中文表头找列，逐行给出单元格的值和位置。

只读数据，不做校验（校验在 :mod:`.merge` 里用表单同一套数字解析）。位置写成
``指标.xlsx:2024!C5``（工作表名!单元格），.csv 写成 ``指标.csv:C5``。
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import Diagnostic, FormError, Severity
from .xlsx import Layout, read_xlsx

COLUMNS = ("键", "名称", "本期", "上期", "目标", "单位", "小数位", "公式", "越低越好", "说明")
# 表头的别名：办事员的表格里常见的写法
ALIASES = {"指标": "名称", "指标名称": "名称", "本年": "本期", "本期数": "本期", "今年": "本期", "上年": "上期",
           "上期数": "上期", "去年": "上期", "目标值": "目标", "年度目标": "目标", "计量单位": "单位", "备注": "说明"}
IGNORED = ("序号", "编号")
MAX_ROWS = 5000
CSV_LIMIT = 16_000_000  # 字节：5000 行的指标表远小于它
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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
    try:
        size = path.stat().st_size
        if size > CSV_LIMIT:
            raise FormError(Diagnostic(
                f"这个 CSV 文件有 {size / 1_000_000:.0f} MB，"
                f"超过了 gen 读指标表格的上限（{CSV_LIMIT // 1_000_000} MB）。"
                "指标表格只需要几百行：请只保留总结里要用的指标。", file=Path(shown)))
        with path.open("rb") as handle:
            data = handle.read(CSV_LIMIT + 1)
    except OSError:
        raise FormError(Diagnostic("读不出这个文件（可能正被别的程序占用，或没有权限）。", file=Path(shown))) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 能解码任何字节序列
        raise FormError(Diagnostic("编码认不出来，请用 Excel 另存为“CSV UTF-8”。", file=Path(shown)))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        yield from (tuple(row) for row in reader)
    except csv.Error as exc:
        why = ("有一个单元格超过了 13 万字（常见的原因是少了一个引号，后面的内容全并进了一格）"
               if "field larger" in str(exc) else "引号或换行不成对")
        raise FormError(Diagnostic(f"不是正常的 CSV 文件：第 {reader.line_num} 行附近{why}。"
                                   "请用 Excel 打开检查后另存为“CSV UTF-8”。",
                                   file=Path(f"{shown}:{reader.line_num}"))) from None


def _xlsx(path: Path, shown: str, sheet: str | None) -> Sheet:
    title, rows, layout = read_xlsx(path, shown, sheet)
    label = f"{shown}:{title}"
    return _table(iter(rows), label, f"{label}!", layout)


def _table(rows: Iterator[tuple[Any, ...]], label: str, prefix: str, layout: Layout | None = None) -> Sheet:
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
        for cell in cells.values():
            if isinstance(cell.value, str) and _CONTROL.search(cell.value):
                code = ord(_CONTROL.search(cell.value).group())  # type: ignore[union-attr]
                raise FormError(Diagnostic(
                    f"这个单元格里有看不见的控制字符（编码 {code:#04x}），报告和汇总表里不能有它。"
                    "请在 Excel 里重新输入这个单元格的文字。", file=Path(cell.where)))
        out.append(Row(number, cells, f"{prefix}A{number}"))
    if header is None:
        raise FormError(Diagnostic("表格是空的：第一行要写表头（键、名称、本期、上期、单位……），下面每行一个指标。"
                                   "可以运行 gen init --指标表格 指标.xlsx 生成一份样表。", file=Path(label)))
    while out and _is_total(out[-1]):
        out.pop()
    if layout is not None and out:
        _check_layout(layout, out[0].number, {column_letter(i + 1) for i in header}, prefix, notes)
    return Sheet(label, out, notes)


def _check_layout(layout: Layout, first: int, used: set[str], prefix: str, notes: list[Diagnostic]) -> None:
    """合并单元格只有左上角有值：合并了指标行的单元格，哪几行用这个值说不清，报错；隐藏的行、列照读，提示一句。"""
    for top, _left, bottom, _right, ref in layout.merged:
        if bottom >= first and bottom > top:
            raise FormError(Diagnostic(
                f"{ref} 是合并的单元格（跨了几行）：合并后只有第一行有值，其余几行在 gen 看来是空的。"
                "请在 Excel 里取消合并，并在每一行都填上。", file=Path(f"{prefix}{ref.partition(':')[0]}")))
    rows = [r for r in layout.hidden_rows if r >= first]
    if rows:
        shown = "、".join(map(str, rows[:10])) + ("等" if len(rows) > 10 else "")
        notes.append(Diagnostic(f"第 {shown} 行在 Excel 里是隐藏的，gen 照样读入了。不要的指标请删掉这一行。",
                                severity=Severity.WARNING, file=Path(f"{prefix}A{rows[0]}")))
    columns = [c for c in layout.hidden_columns if c in used]
    if columns:
        notes.append(Diagnostic(f"{'、'.join(columns)} 列在 Excel 里是隐藏的，gen 照样读入了。",
                                severity=Severity.WARNING, file=Path(f"{prefix}{columns[0]}1")))


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
