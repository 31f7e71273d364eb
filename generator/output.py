"""写出阶段：决定输出路径，原子地写文件（先写临时文件再改名），绝不覆盖输入。"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import Diagnostic, OutputError, UsageProblem

FORMATS = ("docx", "md", "pdf")


def plan_outputs(form_path: Path, formats: Sequence[str], output: Path | None) -> dict[str, Path]:
    """每种格式写到哪里。``output`` 是已有的文件夹、或没有扩展名（视为要新建的文件夹）时，
    按表单文件名放进去；是带扩展名的文件时只能对应一种格式。"""
    stem = form_path.stem
    if output is None:
        targets = {fmt: form_path.with_suffix(f".{fmt}") for fmt in formats}
    elif output.is_dir() or not output.suffix:
        targets = {fmt: output / f"{stem}.{fmt}" for fmt in formats}
    else:
        if len(formats) > 1:
            raise UsageProblem(Diagnostic(
                f"同时生成 {'、'.join(formats)} 多种格式时，-o 要给一个文件夹，而不是文件“{output}”。"))
        targets = {formats[0]: output}
    resolved_input = form_path.resolve()
    for fmt, target in targets.items():
        if target.resolve() == resolved_input:
            raise UsageProblem(Diagnostic(
                f"输出文件“{target}”就是表单本身，不能覆盖。请换一个输出文件名。"))
        if target.suffix.lower() != f".{fmt}":
            raise UsageProblem(Diagnostic(
                f"输出文件“{target}”的扩展名应为 .{fmt}，与 -f 指定的格式一致。"))
    return targets


def write_atomic(target: Path, data: bytes) -> Path:
    """先写到同一文件夹的临时文件，再改名替换：出错时不会留下写了一半的文件。"""
    target = target.absolute()
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Diagnostic(f"无法创建文件夹“{folder}”：{_reason(exc)}。")) from None
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=folder)
        os.chmod(tmp_name, 0o666 & ~_umask())  # mkstemp 建的是 0600：改成普通文件的权限
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
        tmp_name = None
    except PermissionError:
        raise OutputError(Diagnostic(
            f"无法写入“{target}”：文件可能正在 Word 或 WPS 中打开。请先关闭 {target.name} 后重试。"
        )) from None
    except OSError as exc:
        raise OutputError(Diagnostic(f"无法写入“{target}”：{_reason(exc)}。")) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return target


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _reason(exc: OSError) -> str:
    import errno

    reasons = {
        errno.ENOSPC: "磁盘空间不足",
        errno.EACCES: "没有写入权限",
        errno.EROFS: "磁盘是只读的",
        errno.ENAMETOOLONG: "文件名太长",
        errno.ENOENT: "路径不存在",
    }
    return reasons.get(exc.errno or 0, exc.strerror or "未知原因")
