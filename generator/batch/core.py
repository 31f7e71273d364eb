"""一次生成多份表单：``gen report 县级/ 市本级.yaml -f docx,pdf -o 输出/``。

每份表单走与单独运行完全相同的步骤（:func:`generator.pipeline.prepare_report`：读取、校验、内容检查、
检查输出目标、在内存里生成），所以写出的文件逐字节相同。几份表单在工作进程里同时生成
（默认与 CPU 核数相同；``jobs=1`` 在本进程里逐份生成），PDF 最后由一次 LibreOffice 调用全部转换，
然后逐份写盘（每份仍是全部写成或全部不变）。一份表单出错不影响其他表单。
输出目标不与其他表单重合的表单（通常是全部）由工作进程自己写盘，不把文件内容传回主进程；
目标重合的几份把内容传回，由主进程按给出的顺序决定谁写（前面的那份）。
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path

from ..errors import ContentError, Diagnostic, GenError, UsageProblem
from ..pipeline import prepare_report
from ..write.output import _is_folder
from .inputs import collect
from .results import BatchResult, FormOutcome, Prepared, Progress

__all__ = ["default_jobs", "write_reports"]


def _prepare(form: Path, formats: Sequence[str], output: Path | str | None, style: Path | None,
             force: bool, write: bool = False) -> Prepared:
    """在工作进程里生成一份表单；``write`` 时（目标不与其他表单重合）顺便写盘，只交回写了哪些文件。
    不转 PDF（由主进程一次转换全部）。任何错误都变成这份表单的失败，不影响其他表单。"""
    try:
        _, prepared = prepare_report(form, formats, output, style=style, force=force)
    except ContentError as exc:
        return Prepared(form, exc.diagnostics, failed=True, content_error=True)
    except GenError as exc:
        return Prepared(form, exc.diagnostics, failed=True)
    except Exception as exc:  # 程序自身的缺陷：这份表单失败，其他照常
        return Prepared(form, [Diagnostic(
            f"gen 内部出错（{type(exc).__name__}）。请把表单和这条信息发给维护人员。", file=form)], failed=True)
    files = {fmt: (target, prepared.contents[fmt]) for fmt, target in prepared.targets.items() if fmt != "pdf"}
    if "pdf" in prepared.targets:
        from ..write.pdf import profile_fonts

        files["pdf"] = (prepared.targets["pdf"], b"")
        return Prepared(form, prepared.warnings, files, prepared.word, tuple(profile_fonts(prepared.profile)))
    item = Prepared(form, prepared.warnings, files)
    if write:
        _write(item, force)
        item.files = {fmt: (target, b"") for fmt, (target, _) in files.items()}  # 内容不必再传回主进程
        item.stored = True
    return item


def default_jobs() -> int:
    return os.cpu_count() or 1


def write_reports(paths: Sequence[Path], formats: Sequence[str] = ("docx",), output: Path | str | None = None,
                  *, style: Path | None = None, force: bool = False, jobs: int | None = None,
                  progress: Progress | None = None, step: Callable[[int, int], None] | None = None) -> BatchResult:
    """生成多份表单（``paths`` 里可以有文件夹：取其中的表单，其他文件跳过）。

    ``output`` 不给时各自写在表单旁边；给的话必须是文件夹。``jobs`` 是同时生成的份数（默认 CPU 核数）。
    ``step(已完成, 总数)``：要转 PDF 时，每转出一份就调用一次（全部转完才写盘、才有 ``progress``）。
    一份失败不影响其他；结果里逐份说明。命令用法不对（如 ``-o`` 给了文件名）时抛出 :class:`UsageProblem`。
    """
    forms, skipped = collect(paths)
    if output is not None and len(forms) > 1 and not _is_folder(output):
        raise UsageProblem(Diagnostic(
            f"一次生成多份表单时，-o 要给一个文件夹，而不是文件“{output}”。",
            hint=f"写成 -o {Path(str(output)).with_suffix('')}/，各份表单的文件都放进这个文件夹"))
    if "pdf" in formats and forms:
        from ..write.pdf import find_soffice

        find_soffice()  # 没有 LibreOffice 时立即说明
    total = len(forms)
    prepared: dict[int, Prepared] = {}
    done = 0
    waiting_pdf = "pdf" in formats
    for index, item in _run(forms, formats, output, style, force, jobs):
        prepared[index] = item
        if not (waiting_pdf and not item.failed):  # 要转 PDF 的等转换完再写
            if not item.stored:
                _write(item, force)
            done += 1
            if progress:
                progress(_outcome(item), done, total)
    if waiting_pdf:
        from .pdfs import convert_all

        pending = [prepared[i] for i in sorted(prepared) if not prepared[i].failed]
        converted = done

        def one_more(_: Prepared) -> None:
            nonlocal converted
            converted += 1
            if step is not None:
                step(converted, total)

        convert_all(pending, one_more)
        for item in pending:
            _write(item, force)
            done += 1
            if progress:
                progress(_outcome(item), done, total)
    return BatchResult([_outcome(prepared[i]) for i in range(total)], skipped)


def _run(forms: Sequence[Path], formats: Sequence[str], output: Path | str | None, style: Path | None,
         force: bool, jobs: int | None) -> Iterator[tuple[int, Prepared]]:
    """逐份生成，按给出的顺序交回 (序号, 结果)；目标相同的表单只有第一份写出。"""
    owners: dict[Path, Path] = {}
    alone = _alone(forms, formats, output)
    workers = max(1, min(jobs or default_jobs(), len(forms)))
    if workers == 1:
        for index, form in enumerate(forms):
            yield index, _dedupe(_prepare(form, formats, output, style, force, alone[index]), owners)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupt) as pool:
        futures: dict[Future[Prepared], int] = {
            pool.submit(_prepare, form, formats, output, style, force, alone[index]): index
            for index, form in enumerate(forms)}
        try:
            yield from _in_order(forms, futures, owners)
        except BaseException:  # Ctrl+C 等：没开始的不再生成，已写出的文件都是完整的
            for future in futures:
                future.cancel()
            raise


def _alone(forms: Sequence[Path], formats: Sequence[str], output: Path | str | None) -> list[bool]:
    """各份表单的输出目标是否不与任何其他表单重合（重合的由主进程按顺序决定谁写）。
    PDF 要等一次转换完由主进程写，也不算。"""
    from ..write.output import plan_outputs

    if "pdf" in formats:
        return [False] * len(forms)
    planned: list[list[Path]] = []
    for form in forms:
        try:
            planned.append([target.absolute() for target in plan_outputs(form, formats, output).values()])
        except GenError:
            planned.append([])  # 生成时同样出错，这份表单失败
    count: dict[Path, int] = {}
    for targets in planned:
        for target in targets:
            count[target] = count.get(target, 0) + 1
    return [all(count[target] == 1 for target in targets) for targets in planned]


def _ignore_interrupt() -> None:
    """工作进程不理会 Ctrl+C（由主进程收尾），免得每个工作进程各印一段调用栈。"""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _in_order(forms: Sequence[Path], futures: dict[Future[Prepared], int],
              owners: dict[Path, Path]) -> Iterator[tuple[int, Prepared]]:
    # 同一个目标：按给出的顺序，前面的表单得到它
    results: dict[int, Prepared] = {}
    next_index = 0
    for future in as_completed(futures):
        index = futures[future]
        try:
            results[index] = future.result()
        except Exception as exc:  # 工作进程意外退出（如内存不够）
            results[index] = Prepared(forms[index], [Diagnostic(
                f"生成这份表单的工作进程意外退出（{type(exc).__name__}）。请用 -j 1 单独重试这份表单。",
                file=forms[index])], failed=True)
        while next_index in results:
            yield next_index, _dedupe(results.pop(next_index), owners)
            next_index += 1


def _dedupe(item: Prepared, owners: dict[Path, Path]) -> Prepared:
    """两份表单要写同一个文件（如不同文件夹里的同名表单写进同一个 -o 文件夹）：后一份失败。"""
    if item.failed:
        return item
    for target, _ in item.files.values():
        key = target.absolute()
        if key in owners:
            item.failed = True
            item.diagnostics = [*item.diagnostics, Diagnostic(
                f"输出文件“{target}”已经由“{owners[key]}”生成，两份表单不能写同一个文件。",
                file=item.form, hint="请把其中一份表单改名，或分两次运行、用 -o 写到不同的文件夹")]
            return item
    for target, _ in item.files.values():
        owners[target.absolute()] = item.form
    return item


def _write(item: Prepared, force: bool) -> None:
    if item.failed:
        return
    from ..write.output import write_generated

    try:
        item.written = write_generated({target: data for target, data in item.files.values()}, force=force)
    except GenError as exc:
        item.failed = True
        item.diagnostics = [*item.diagnostics, *exc.diagnostics]


def _outcome(item: Prepared) -> FormOutcome:
    return FormOutcome(item.form, list(item.written), list(item.diagnostics),
                       item.failed, item.content_error)
