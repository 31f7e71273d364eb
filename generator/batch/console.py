"""整批生成时在终端上显示的东西：进度条（份数和预计剩余时间）、每份的提示、最后的汇总表。

写出的文件路径印到标准输出（与单独运行相同，一行一个）；其余都印到标准错误。标准错误不是终端
（重定向到文件、在脚本里运行）时不画进度条，每份完成时印一行纯文字。
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import Diagnostic, display_width

if TYPE_CHECKING:
    from .results import BatchResult, FormOutcome


class BatchConsole:
    """把 :func:`generator.batch.write_reports` 的进度回调印出来。

    ``gen rollup`` 读入各县表单时也用它（:meth:`advance`），只是进度条的字样和每份的状态不同。
    """

    def __init__(self, err: Any, out: Any, print_diagnostics: Callable[[Sequence[Diagnostic]], None],
                 total: int, *, label: str = "生成中", states: tuple[str, str] = ("完成", "失败")) -> None:
        self.err = err
        self.out = out
        self.print_diagnostics = print_diagnostics
        self.total = total
        self.label = label
        self.states = states  # 成功、失败时每行纯文字里的状态
        self._bar: Any = None
        self._task: Any = None
        self._paths: list[Path] = []  # 进度条画着时写出的文件：进度条收起之后再印，免得印在进度条那一行上

    @contextmanager
    def running(self) -> Iterator[BatchConsole]:
        if self.total > 1 and self.err.is_terminal:
            from rich import progress as rp

            self._bar = rp.Progress(rp.TextColumn(self.label), rp.BarColumn(), rp.MofNCompleteColumn(),
                                    rp.TextColumn("已用"), rp.TimeElapsedColumn(), rp.TextColumn("剩余"),
                                    rp.TimeRemainingColumn(), console=self.err, transient=True)
            try:
                with self._bar:
                    self._task = self._bar.add_task("生成", total=self.total)
                    yield self
            finally:
                self._bar = None
                for path in self._paths:
                    click.echo(str(path))
                self._paths = []
        else:
            yield self

    def __call__(self, outcome: FormOutcome, done: int, total: int) -> None:
        self.print_diagnostics(outcome.diagnostics)
        if self._bar is not None:
            self._paths += outcome.written
        else:
            for path in outcome.written:
                click.echo(str(path))
        self.advance(outcome.form, done, total, failed=outcome.failed)

    def step(self, done: int, total: int) -> None:
        """一份转完了 PDF（还没写盘）：进度条往前走一格；不是终端时不印（写完时每份印一行）。"""
        if self._bar is not None:
            self._bar.update(self._task, completed=done)

    def advance(self, form: Path, done: int, total: int, *, failed: bool) -> None:
        """又处理完一份：终端上推进进度条，否则（不止一份时）印一行“[2/5] 完成：表单”。"""
        if self._bar is not None:
            self._bar.update(self._task, completed=max(done, self._bar.tasks[0].completed))
        elif total > 1:
            self.err.print(f"[{done}/{total}] {self.states[failed]}：{form}", markup=False)


def summary_lines(result: BatchResult) -> list[str]:
    """最后的汇总：成功、失败各几份，每份失败的第一个错误（文件:行），跳过的文件。"""
    failed = result.failed
    lines = [f"共 {len(result.outcomes)} 份表单：成功 {len(result.succeeded)} 份，失败 {len(failed)} 份。"]
    if failed:
        rows = [("失败", str(o.form), _reason(o)) for o in failed]
        width = max(display_width(form) for _, form, _ in rows)
        lines.append(f"  结果  {_pad('表单', width)}  第一个错误")
        lines += [f"  {state}  {_pad(form, width)}  {reason}" for state, form, reason in rows]
        if any(o.content_error for o in failed):
            lines.append("内容检查发现错误的表单没有生成文件；改正后重新运行，确实要生成请加 --force。")
    if result.skipped:
        names = "、".join(str(p) for p in result.skipped)
        lines.append(f"跳过 {len(result.skipped)} 个不是表单的文件：{names}")
    return lines


def _reason(outcome: FormOutcome) -> str:
    first = outcome.first_error
    if first is None:
        return "没有生成文件"
    message = ("[" + first.code + "] " if first.code else "") + first.message.partition("\n")[0]
    return f"{first.location}: {message}" if first.location else message


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def no_forms_message(paths: Sequence[Path]) -> str:
    return f"在 {'、'.join(str(p) for p in paths)} 里没有找到表单（.yaml），没有生成任何文件。"
