"""``gen rollup`` 的主流程：读入 → 对齐 → 合计 → 按 -o 的扩展名写出（.xlsx、.md），可写回市本级表单。"""

from __future__ import annotations

import contextlib
import glob
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Diagnostic, UsageProblem
from ..form.reading import load_form_file
from ..write.locking import file_lock
from ..write.output import refuse_inputs, same_file, write_generated
from .collect import Progress, collect, read_counties, sheet_paths
from .consistent import check_consistent
from .excel import to_xlsx
from .order import natural_sorted
from .table import build_table, to_markdown
from .totals import totals
from .word import to_docx
from .writeback import Writeback, prepare_totals

SUFFIXES = (".xlsx", ".docx", ".md")
DEFAULT_OUTPUT = Path("指标汇总.xlsx")
TITLE = "主要指标汇总表"


@dataclass
class RollupResult:
    written: list[Path]
    warnings: list[Diagnostic]
    writeback: Writeback | None
    counties: int
    indicators: int


def expand(patterns: Sequence[str]) -> list[Path]:
    """展开 ``县级/*.yaml``（Windows 的命令行不替您展开）和文件夹（其中一层的 .yaml、.yml），去掉重复的文件。

    各县的先后：逐个写出的表单按写的顺序，通配符和文件夹展开的按文件名的自然顺序（见 :mod:`.order`）。"""
    found: dict[Path, None] = {}
    for pattern in patterns:
        if any(ch in pattern for ch in "*?["):
            matches = natural_sorted([Path(m) for m in glob.glob(pattern)])
            if not matches:
                raise UsageProblem(Diagnostic(f"“{pattern}”没有找到任何表单文件，请检查文件夹和文件名。"))
            found.update(dict.fromkeys(matches))
        elif Path(pattern).is_dir():
            forms = [p for p in Path(pattern).iterdir() if p.suffix.lower() in (".yaml", ".yml")
                     and not p.name.startswith(".") and p.is_file()]
            if not forms:
                raise UsageProblem(Diagnostic(f"文件夹“{pattern}”里没有表单文件（.yaml、.yml），请检查文件夹。"))
            found.update(dict.fromkeys(natural_sorted(forms)))
        else:
            found.update({Path(pattern): None})
    return list(found)


def forms_to_read(patterns: Sequence[str], city_form: Path | None = None) -> list[Path]:
    """要汇总的表单：展开通配符，去掉市本级表单本身。"""
    paths = expand(patterns)
    if city_form is not None:
        paths = [p for p in paths if not same_file(p, city_form)]  # 市本级表单不汇总进自己
    return paths


def rollup(paths: Sequence[Path], outputs: Sequence[Path], *, city_form: Path | None = None,
           force: bool = False, progress: Progress | None = None, partial: bool = False) -> RollupResult:
    """汇总 ``paths``（先用 :func:`forms_to_read` 展开命令行上的写法）；每读完一份调用 ``progress``。"""
    if len(paths) < 2:
        raise UsageProblem(Diagnostic("汇总至少要两份表单，如 gen rollup 县级/*.yaml -o 全市指标汇总.xlsx。"))
    targets = list(outputs) or [DEFAULT_OUTPUT]
    for target in targets:
        if target.suffix.lower() not in SUFFIXES:
            raise UsageProblem(Diagnostic(
                f"输出文件“{target}”的扩展名要是 {'、'.join(SUFFIXES)} 之一，汇总表按扩展名决定格式。"))
    inputs: dict[Path, str] = {path: "输入的县级表单" for path in paths}
    if city_form is not None:
        inputs[city_form] = "市本级表单（--form）"
    refuse_inputs(targets, inputs)  # 读之前先查一遍：读表单可能要一会儿，不白等
    counties = read_counties(paths, progress)
    city = load_form_file(city_form) if city_form is not None else None  # --form 读不进：什么也不写
    for county in counties:
        inputs.update({sheet: f"{county.name}的指标文件" for sheet in county.sheets})
    if city is not None and city_form is not None:
        inputs.update({sheet: "市本级表单的指标文件" for sheet in sheet_paths(city_form, city.data)})
    refuse_inputs(targets, inputs)
    skipped = check_consistent(counties, partial=partial)
    collected = collect(counties)
    if not collected.keys:
        raise UsageProblem(Diagnostic("这些表单里都没有填写“指标”，没有可以汇总的数字。"))
    result, notes = totals(collected, skipped)
    warnings = collected.warnings + notes
    table = build_table(collected, result)
    files: dict[Path, bytes] = {}
    for target in targets:
        if target.suffix.lower() == ".xlsx":
            files[target] = to_xlsx(table, [(d.location, d.message) for d in warnings])
        elif target.suffix.lower() == ".docx":
            latest = max(county.date for county in collected.counties)
            files[target] = to_docx(table, TITLE, "", latest)
        else:
            files[target] = to_markdown(table, TITLE, [d.message for d in warnings]).encode("utf-8")
    # 读市本级表单、写回合计在同一把锁里：gen edit 正开着它时，两边的保存不会互相吞掉（write/locking.py）
    with file_lock(city_form) if city_form is not None else contextlib.nullcontext():
        back, data = prepare_totals(city_form, result, force=force) if city_form is not None else (None, None)
        also = {city_form: data} if city_form is not None and data is not None else {}
        written = write_generated(files, force=force, also=also)  # 汇总表和写回的表单一起写：全部成功或全部不变
    return RollupResult(written, warnings, back, len(collected.counties), len(collected.keys))
