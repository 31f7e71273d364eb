"""整批生成的结果：每份表单的结局（写出的文件或失败的原因）和整批的汇总。"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Diagnostic, Severity

__all__ = ["BatchResult", "FormOutcome", "Prepared", "Progress"]


@dataclass
class FormOutcome:
    """一份表单的结果：写出的文件，或者没有生成的原因（``diagnostics`` 里的错误）。"""

    form: Path
    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: bool = False
    content_error: bool = False  # 内容检查发现错误（加 --force 仍可生成）

    @property
    def first_error(self) -> Diagnostic | None:
        return next((d for d in self.diagnostics if d.severity is Severity.ERROR), None)


@dataclass
class BatchResult:
    """整批的结果：按给出的顺序排列的各份表单，以及跳过的不是表单的文件。"""

    outcomes: list[FormOutcome]
    skipped: list[Path]

    @property
    def failed(self) -> list[FormOutcome]:
        return [o for o in self.outcomes if o.failed]

    @property
    def succeeded(self) -> list[FormOutcome]:
        return [o for o in self.outcomes if not o.failed]


Progress = Callable[[FormOutcome, int, int], None]
"""每份表单生成完（或失败）时调用：``progress(结果, 已完成份数, 总份数)``。"""


@dataclass
class Prepared:
    """工作进程交回的东西：能写的内容，或者失败的诊断。"""

    form: Path
    diagnostics: list[Diagnostic]
    files: dict[str, tuple[Path, bytes]] = field(default_factory=dict)  # 格式 → (目标, 内容)
    word: bytes | None = None  # 要转 PDF 的 Word 原稿
    fonts: tuple[str, ...] = ()
    failed: bool = False
    content_error: bool = False
    written: list[Path] = field(default_factory=list)
    stored: bool = False  # 工作进程已经写了盘（或写盘失败），主进程不再写
