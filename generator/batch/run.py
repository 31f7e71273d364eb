"""``gen report`` 给了多份表单或文件夹时：生成、显示进度、印汇总，返回退出码。"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, UsageProblem
from .console import BatchConsole, no_forms_message, summary_lines
from .core import write_reports
from .inputs import collect


def run_batch(forms: Sequence[Path], formats: Sequence[str], output: str | None, *, style: Path | None,
              force: bool, jobs: int | None, err: Any, out: Any,
              print_diagnostics: Callable[[Sequence[Diagnostic]], None]) -> int:
    """整批生成；有一份失败就返回 1。"""
    found, _ = collect(forms)
    if not found:
        raise UsageProblem(Diagnostic(no_forms_message(forms)))
    console = BatchConsole(err, out, print_diagnostics, len(found))
    with console.running():
        result = write_reports(forms, formats, output, style=style, force=force, jobs=jobs, progress=console,
                               step=console.step)
    for line in summary_lines(result):
        err.print(line, markup=False)
    return 1 if result.failed else 0
