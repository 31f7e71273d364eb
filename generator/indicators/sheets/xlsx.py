""".xlsx 指标表格的读取：先按 zip 目录查各部分的大小（解压之前），再用 openpyxl 只读模式逐行读。

读出的是 Excel 里看到的数：设了百分比格式的单元格（存 0.8864、显示 88.64%）读成 88.64；
默认读第一个**可见**的工作表（隐藏的表、图表工作表跳过）；有公式却没有保存计算结果的单元格
（别的程序生成、没在 Excel 里打开保存过）指到 工作表!单元格 报错，不当作空。
任何损坏都给一条指到文件的中文说明，不出现库的英文。
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

from ...errors import Diagnostic, FormError

# 各部分解压后的上限（字节）：5000 行的指标表远小于这些
PART_LIMITS = (("xl/worksheets/", 16_000_000), ("xl/sharedStrings", 16_000_000), ("xl/styles", 4_000_000))
OTHER_LIMIT = 8_000_000
TOTAL_LIMIT = 64_000_000
MAX_PARTS = 2000
MAX_COLUMNS = 200  # 只看前 200 列（表头只有十来列）
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')

_BROKEN = "这份 .xlsx 文件内部有损坏（{what}），gen 读不了。请用 Excel 或 WPS 打开它，另存为新的 .xlsx 文件后再试。"


def _fail(shown: str, message: str) -> FormError:
    return FormError(Diagnostic(message, file=Path(shown)))


def check_package(path: Path, shown: str) -> set[str]:
    """按 zip 目录检查大小（不解压）；返回含有公式的工作表部分的名字。"""
    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
            if len(infos) > MAX_PARTS:
                raise _fail(shown, _BROKEN.format(what=f"有 {len(infos)} 个部分，正常的表格只有几十个"))
            total = 0
            for info in infos:
                limit = next((n for prefix, n in PART_LIMITS if info.filename.startswith(prefix)), OTHER_LIMIT)
                total += info.file_size
                if info.file_size > limit or total > TOTAL_LIMIT:
                    raise _fail(shown, f"这份 .xlsx 文件里的“{info.filename}”解压后有 {_mb(info.file_size)}，"
                                       f"超过了 gen 读指标表格的上限（{_mb(limit)}）。指标表格只需要几百行："
                                       "常见的原因是整列、整行设了格式或有上百万个空行。请把指标复制到一个新的工作簿，"
                                       "另存为 .xlsx 后再试。")
            with_formulas = set()
            for info in infos:
                name = info.filename
                if name.startswith("xl/worksheets/") and name.endswith(".xml") and b"<f" in package.read(info):
                    with_formulas.add(name)
            return with_formulas
    except FormError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError):
        raise _fail(shown, "打不开：这不是正常的 .xlsx 文件（可能已损坏，或只是把扩展名改成了 .xlsx）。"
                           "请用 Excel 或 WPS 打开后重新保存为 .xlsx。") from None


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size < 1_000_000_000 else f"{size / 1_000_000_000:.1f} GB"


@dataclass
class Layout:
    """工作表里 Excel 显示和单元格内容不一致的地方：合并的单元格（只有左上角有值）、隐藏的行和列。"""

    merged: list[tuple[int, int, int, int, str]] = field(default_factory=list)  # 首行、首列、末行、末列、A2:A4
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[str] = field(default_factory=list)


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_TAG = re.compile(rb'<(?:\w+:)?(row|col)\b([^>]*)>')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_ATTR = re.compile(rb'\b(r|min|max)="(\d+)"')


def _layout(path: Path, part: str | None) -> Layout:
    """从工作表的 XML（大小已经查过）找合并单元格、隐藏的行列。"""
    from openpyxl.utils import column_index_from_string, get_column_letter

    layout = Layout()
    if not part:
        return layout
    with zipfile.ZipFile(path) as package:
        xml = package.read(part.lstrip("/"))
    for found in _MERGE.finditer(xml):
        first_col, first_row, last_col, last_row = (m.decode() for m in found.groups())
        layout.merged.append((int(first_row), column_index_from_string(first_col), int(last_row),
                              column_index_from_string(last_col), f"{first_col}{first_row}:{last_col}{last_row}"))
    for found in _TAG.finditer(xml):  # 属性的先后不一定：逐个取
        if not _HIDDEN.search(found.group(2)):
            continue
        attrs = {k.decode(): int(v) for k, v in _ATTR.findall(found.group(2))}
        if found.group(1) == b"row" and "r" in attrs:
            layout.hidden_rows.append(attrs["r"])
        elif found.group(1) == b"col" and "min" in attrs:
            high = min(attrs.get("max", attrs["min"]), MAX_COLUMNS)
            layout.hidden_columns += [get_column_letter(c) for c in range(attrs["min"], high + 1)]
    return layout


def read_xlsx(path: Path, shown: str, sheet: str | None) -> tuple[str, list[tuple[Any, ...]], Layout]:
    """读一个工作表：返回 (工作表名, 各行的值, 合并单元格和隐藏的行列)。"""
    from openpyxl import load_workbook

    with_formulas = check_package(path, shown)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl 的英文提示（如“Workbook contains no default style”）不给办事员看
        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception:  # 损坏的文件会以各种异常出现；都是“打不开”
            raise _fail(shown, _BROKEN.format(what="工作簿的结构不完整")) from None
        try:
            ws = _choose(book, shown, sheet)
            title = str(ws.title)
            label = f"{shown}:{title}"
            rows = list(_rows(ws, label))
            part = getattr(ws, "_worksheet_path", None)
            if part in with_formulas:
                _check_formulas(path, title, rows, label)
            return title, rows, _layout(path, part)
        except FormError:
            raise
        except Exception:  # 同上：单元格引用越界、共享字符串下标越界、数字写错……
            raise _fail(shown, _BROKEN.format(what=f"工作表“{ws.title}”的内容读不出来")) from None
        finally:
            book.close()


def _choose(book: Any, shown: str, sheet: str | None) -> Any:
    worksheets = list(book.worksheets)  # 不含图表工作表
    names = [str(ws.title) for ws in worksheets]
    if sheet is not None:
        for ws in worksheets:
            if ws.title == sheet:
                return ws
        if sheet in book.sheetnames:
            raise _fail(shown, f"“{sheet}”是图表工作表，没有单元格。请在表单里写存放指标的工作表，"
                               f"现有的工作表：{'、'.join(names) or '（没有）'}。")
        raise _fail(shown, f"没有名为“{sheet}”的工作表。现有的工作表：{'、'.join(names) or '（没有）'}。"
                           "请改正表单里的“工作表”。")
    visible = [ws for ws in worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if not visible:
        raise _fail(shown, "这个工作簿里没有可以读的工作表（都隐藏了、只有图表，或工作表的内容缺失）。"
                           "请在 Excel 里取消隐藏存放指标的表，"
                           "或在表单里写明 指标文件: {路径: 指标.xlsx, 工作表: 表名}。")
    return visible[0]


def _rows(ws: Any, label: str) -> Iterator[tuple[Any, ...]]:
    for row in ws.iter_rows(max_col=MAX_COLUMNS):
        yield tuple(_shown(cell, label) for cell in row)


def _shown(cell: Any, label: str) -> Any:
    value = cell.value
    if (isinstance(value, float) and value != value) or value in (float("inf"), float("-inf")):
        raise FormError(Diagnostic("这个单元格的数不是有限的数（INF 或 NaN），请改成实际的数字。",
                                   file=Path(f"{label}!{cell.coordinate}")))
    if isinstance(value, float):
        value = _as_excel_shows(value)
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool) and _is_percent(cell.number_format):
        return _plain(Decimal(value) * 100)  # 显示为 88.64% 的 0.8864 → 88.64（单位列写 %）
    return value


def _as_excel_shows(value: float) -> Decimal:
    """Excel 只用 15 位有效数字：0.57% 存成 0.005699999999999999，公式算出 0.30000000000000004，显示的是
    0.0057、0.3。按 15 位有效数字四舍五入，得到办事员在 Excel 里看到的数。"""
    with localcontext() as ctx:
        ctx.prec = 15
        ctx.rounding = ROUND_HALF_UP
        return _plain(+Decimal(repr(value)))


def _plain(value: Decimal) -> Decimal:
    """去掉末尾的 0，但不写成 1.57E+4 这种科学计数（文字列里的数要照原样）。"""
    return Decimal(format(value.normalize(), "f"))


def _is_percent(number_format: Any) -> bool:
    return isinstance(number_format, str) and "%" in _QUOTED.sub("", number_format)


def _check_formulas(path: Path, title: str, rows: list[tuple[Any, ...]], label: str) -> None:
    """有公式、没有保存结果（读出来是空）的单元格：指出来，不当作空。"""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=False)
    try:
        ws = book[title]
        missing = []
        for number, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), start=1):
            values = rows[number - 1] if number <= len(rows) else ()
            for index, cell in enumerate(row):
                if (isinstance(cell.value, str) and cell.value.startswith("=")
                        and (index >= len(values) or values[index] is None)):
                    missing.append(cell.coordinate)
    finally:
        book.close()
    if missing:
        shown = "、".join(missing[:5]) + ("等" if len(missing) > 5 else "")
        raise FormError(Diagnostic(
            f"{shown} 是公式，但文件里没有保存计算结果（这份表格可能是别的程序生成的，没在 Excel 里打开保存过），"
            "gen 不知道它显示的是什么。请用 Excel 或 WPS 打开它、保存一次再试，或把公式改成数字。",
            file=Path(f"{label}!{missing[0]}")))
