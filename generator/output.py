"""写出阶段：决定输出路径，原子地写文件（先写临时文件再改名），绝不覆盖输入。"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import Diagnostic, OutputError, UsageProblem
from .filekind import form_stem

FORMATS = ("docx", "md", "pdf")


def plan_outputs(form_path: Path, formats: Sequence[str], output: Path | str | None) -> dict[str, Path]:
    """每种格式写到哪里。``-o`` 的规则（README“命令一览”）：

    - 不给：与表单同名、放在表单所在的文件夹；
    - 已有的文件夹、末尾带 / 或 \\ 、或者没有扩展名（如“输出”）：当作文件夹，按表单文件名放进去；
    - 扩展名是 .docx、.md、.pdf：当作文件名，只能对应一种格式，且与这种格式一致；
    - 其余（如“2025.终稿”）：说不清是文件夹还是文件，请办事员写明白。
    """
    stem = form_stem(form_path)
    if output is None:
        targets = {fmt: form_path.with_name(f"{stem}.{fmt}") for fmt in formats}
    elif _is_folder(output):
        folder = Path(str(output).rstrip("/\\") or str(output))
        targets = {fmt: folder / f"{stem}.{fmt}" for fmt in formats}
    else:
        output = Path(output)
        if output.suffix.lower().lstrip(".") not in FORMATS and output.resolve() != form_path.resolve():
            raise UsageProblem(Diagnostic(
                f"-o “{output}”既不是已有的文件夹，扩展名“{output.suffix}”也不是 gen 能写的格式"
                "（.docx、.md、.pdf）。",
                hint=f"要放进文件夹，请在末尾加 /，写成 -o {output}/；要指定文件名，请写成 -o {output}.{formats[0]}"))
        if len(formats) > 1:
            raise UsageProblem(Diagnostic(
                f"同时生成 {'、'.join(formats)} 多种格式时，-o 要给一个文件夹，而不是文件“{output}”。",
                hint=f"写成 -o {output.with_suffix('')}/，各种格式的文件都放进这个文件夹"))
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


def _is_folder(output: Path | str) -> bool:
    text = str(output)
    return text.endswith(("/", "\\")) or Path(text).is_dir() or not Path(text).suffix


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
