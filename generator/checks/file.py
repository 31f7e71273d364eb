"""``gen check`` 的实现：检查表单或写好的报告。不导入渲染和写出（模板、Markdown 解析、python-docx）。"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

from ..compute import compute
from ..errors import Diagnostic
from ..form.reading import load_form_file
from ..form.unfilled import require_filled
from ..form.validate import validate_form
from ..gcpause import paused_gc
from ..read.filekind import Kind, detect, form_notice

__all__ = ["check_file"]


def check_file(path: Path, *, ignore: Sequence[str] = ()) -> list[Diagnostic]:
    """检查表单（校验 + 内容检查）或写好的报告（经导入器读入，按段检查）。

    表单格式错误时抛出 :class:`FormError`；内容问题作为诊断返回（含严重程度）。
    """
    with paused_gc():
        return _check_file(path, ignore=ignore)


def _check_file(path: Path, *, ignore: Sequence[str]) -> list[Diagnostic]:
    from . import check_form, check_paragraphs

    if detect(path) is Kind.FORM:
        notice = form_notice(path)
        loaded = load_form_file(path)  # 循环回收已由 check_file 暂停（见 gcpause）
        require_filled(loaded)
        computed = compute(loaded, *validate_form(loaded))  # 代入前的表单不再留着（大表单上几十 MB）
        return ([notice] if notice else []) + computed.warnings + check_form(
            loaded, computed.form, ignore=ignore)
    from ..importer import import_report

    result = import_report(path)
    year = result.form.get("年度")
    lines = result.source.lines
    if lines is not None:  # 文本文件：原文序号就是行号 - 1
        pieces = [[(offset, index + 1, skip) for offset, index, skip in origin] for origin in result.origins]
    else:  # Word：第几段，不计空段落（办事员在 Word 里数得出来的段落）
        numbers = list(itertools.accumulate(1 if p.strip() else 0 for p in result.source.paragraphs))
        pieces = [[(offset, max(1, numbers[index]), skip) for offset, index, skip in origin]
                  for origin in result.origins]
    return result.source.notices + check_paragraphs(
        result.paragraphs, file=path, year=year if isinstance(year, int) else None, ignore=ignore,
        pieces=pieces, lines=lines)
