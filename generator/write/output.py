"""写出阶段：决定输出路径；先检查全部目标都能写，再一起写（全部成功或全部不变）；
绝不覆盖输入，也不覆盖不是 gen 写的文件（见 :mod:`.ownership`）。

临时文件与目标在同一文件夹，名字是 ``.gen-tmp.<进程号>.<随机>.<文件名>``：一眼能认出来；
被强行结束的运行留下的临时文件，下一次在同一文件夹写文件时删掉。
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ..errors import Diagnostic, OutputError, UsageProblem
from ..read.filekind import form_stem
from .names import name_problem
from .ownership import Owner, mark, owner_state

FORMATS = ("docx", "md", "pdf")
TEMP_PREFIX = ".gen-tmp."
_TEMP = re.compile(rf"^{re.escape(TEMP_PREFIX)}(\d+)\.[0-9a-f]{{8}}\.")
_NAME_MAX = 255  # 常见文件系统一个文件名的字节数上限
_TEMP_EXTRA = 32  # 临时文件名在前面加的“.gen-tmp.<进程号>.<随机>.”
_STALE_SECONDS = 3600  # 进程号看不出来时（如别的电脑在共享文件夹里写），一小时前的临时文件算遗留


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
def preflight(targets: Iterable[Path], *, force: bool = False) -> None:
    """生成之前先看一遍：目标是文件夹、只读、不是 gen 写的（``force`` 时不管这一条）就立即说明，
    不白白生成（PDF 要几秒钟）。写的时候还会再查一次。"""
    for target in targets:
        target = target.absolute()
        _check_target(target)
        if not force and target.exists():
            _check_owner(target)


def write_generated(files: Mapping[Path, bytes], *, force: bool = False,
                    also: Mapping[Path, bytes] | None = None) -> list[Path]:
    """写出 gen 生成的报告：给内容加上记号，拒绝覆盖不是 gen 写的（或写后改过的）文件
    （``force`` 时例外），然后全部一起写。``also`` 是同时写的其他文件（如写回合计的市本级表单），
    原样写，与报告一起成功或一起不变。"""
    marked = {path.absolute(): mark(path.suffix, data) for path, data in files.items()}
    preflight(marked, force=force)
    extra = {path.absolute(): data for path, data in (also or {}).items()}
    return write_files({**marked, **extra})[:len(marked)]


def same_file(a: Path, b: Path) -> bool:
    """两个路径是不是同一个文件（相对、绝对、``..``、符号链接都认得出来）。"""
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return a.absolute() == b.absolute()


def refuse_inputs(targets: Iterable[Path], inputs: Mapping[Path, str]) -> None:
    """输出文件不能是任何一个输入（``inputs``：文件 → 它是什么，如“县级表单”），也不能两个输出是同一个文件。
    在生成任何东西之前调用：输入一旦被覆盖就找不回来了。"""
    seen: list[Path] = []
    for target in targets:
        for source, what in inputs.items():
            if same_file(target, source):
                raise UsageProblem(Diagnostic(
                    f"输出文件“{target}”就是{what}“{source}”，不能覆盖它（加了 --force 也不行）。"
                    "请用 -o 换一个输出文件名。"))
        for other in seen:
            if same_file(target, other):
                raise UsageProblem(Diagnostic(f"-o “{other}”和“{target}”是同一个文件，请给每个输出不同的文件名。"))
        seen.append(target)


def write_atomic(target: Path, data: bytes) -> Path:
    """写一个文件（先写临时文件再改名）：出错时不会留下写了一半的文件。"""
    return write_files({target: data})[0]


def write_files(files: Mapping[Path, bytes]) -> list[Path]:
    """全部写成或全部不变：先逐个检查、写好临时文件，再逐个改名；中途失败时把已经替换的
    文件恢复成原来的样子。"""
    targets = {path.absolute(): data for path, data in files.items()}
    for target in targets:
        _check_target(target)
    for folder in {target.parent for target in targets}:
        _make_folder(folder)
        remove_stale_temps(folder)
    staged: dict[Path, Path] = {}
    backups: dict[Path, Path] = {}
    try:
        for target, data in targets.items():
            staged[target] = _stage(target, data)
        for target in targets:
            if target.exists():
                backups[target] = _backup(target)
        _commit(staged, backups)
    finally:
        for leftover in [*staged.values(), *backups.values()]:
            with contextlib.suppress(OSError):
                leftover.unlink()
    return list(targets)


# ---------------------------------------------------------------- 检查


def _check_target(target: Path) -> None:
    problem = name_problem(target.name)
    if problem is not None:
        raise OutputError(Diagnostic(f"gen 不会写出“{target}”：{problem}"))
    size = len(os.fsencode(target.name))
    if size + _TEMP_EXTRA > _NAME_MAX:
        raise OutputError(Diagnostic(
            f"输出文件名太长了（{size} 字节，最多约 {_NAME_MAX - _TEMP_EXTRA} 字节，一个汉字占 3 字节）："
            f"“{target.name[:20]}……”。请用 -o 给一个短一些的文件名。"))
    try:
        info = target.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(Diagnostic(f"无法写入“{target}”：{_reason(exc)}。")) from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(Diagnostic(
            f"“{target}”是一个文件夹，不能把报告写成它。"
            f"请用 -o 指定别的文件名（如 -o 报告{target.suffix or '.docx'}），或把这个文件夹改名。"))
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(Diagnostic(
            f"“{target}”不是普通文件（可能是设备或管道），gen 不会写入它。请用 -o 指定别的文件名。"))
    if not info.st_mode & stat.S_IWUSR:
        raise OutputError(Diagnostic(
            f"“{target}”是只读文件，gen 不会替换它。如果确实要重新生成，请先在文件属性里去掉“只读”，"
            "或用 -o 写到别的文件名。"))


def _check_owner(target: Path) -> None:
    state = owner_state(target)
    if state is Owner.GEN:
        return
    other = Path(target.name).with_stem(f"{target.stem}-新")
    how = (f"请用 -o 另起一个文件名（如 -o {other}），或先把原来的文件改名；确定要覆盖它，请加 --force。")
    if state is Owner.EDITED:
        raise OutputError(Diagnostic(
            f"“{target}”是 gen 生成的，但之后在 Word、WPS 或编辑器里改过，覆盖会丢掉这些修改，gen 没有覆盖它。{how}"))
    raise OutputError(Diagnostic(
        f"“{target}”已经存在，而且不是 gen 生成的（可能是您原来的报告），gen 不会覆盖它。{how}"))


# ---------------------------------------------------------------- 写


def _make_folder(folder: Path) -> None:
    for part in (folder, *folder.parents):
        if part.exists():
            break
        problem = name_problem(part.name, kind="文件夹") if part.name else None  # 盘符、根目录没有名字
        if problem is not None:
            raise OutputError(Diagnostic(f"gen 不会建文件夹“{part}”：{problem}"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Diagnostic(f"无法创建文件夹“{folder}”：{_reason(exc)}。")) from None


def _temp_path(target: Path) -> Path:
    return target.with_name(f"{TEMP_PREFIX}{os.getpid()}.{secrets.token_hex(4)}.{target.name}")


def _stage(target: Path, data: bytes) -> Path:
    temp = _temp_path(target)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # 权限按 umask，与普通文件相同
    except PermissionError:
        raise OutputError(Diagnostic(
            f"没有权限在文件夹“{target.parent}”里写文件（文件夹是只读的，或您没有写入权限）。"
            "请用 -o 写到别的文件夹，例如桌面或“文档”。")) from None
    except OSError as exc:
        raise OutputError(Diagnostic(f"无法写入“{target}”：{_reason(exc)}。")) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise OutputError(Diagnostic(f"无法写入“{target}”：{_reason(exc)}。")) from None
    return temp


def _backup(target: Path) -> Path:
    backup = _temp_path(target)
    try:
        os.link(target, backup)  # 硬链接：不复制内容
    except OSError:
        try:
            shutil.copy2(target, backup)  # U 盘、共享文件夹不支持硬链接时复制一份
        except OSError as exc:
            raise OutputError(Diagnostic(
                f"无法写入“{target}”：替换前没能给原文件留一份备份（{_reason(exc)}），没有写任何文件。")) from None
    return backup


def _commit(staged: dict[Path, Path], backups: dict[Path, Path]) -> None:
    replaced: list[Path] = []
    for target, temp in staged.items():
        try:
            os.replace(temp, target)
        except OSError as exc:
            _roll_back(replaced, backups)
            raise OutputError(Diagnostic(_replace_failure(target, exc, written=bool(replaced)))) from None
        replaced.append(target)


def _roll_back(replaced: list[Path], backups: dict[Path, Path]) -> None:
    for target in reversed(replaced):
        with contextlib.suppress(OSError):
            if target in backups:
                os.replace(backups[target], target)
            else:
                target.unlink()


def _replace_failure(target: Path, exc: OSError, *, written: bool) -> str:
    undone = "已经写好的其他文件也已恢复原样。" if written else ""
    if isinstance(exc, PermissionError):
        if target.exists():
            return (f"无法写入“{target}”：文件可能正在 Word 或 WPS 中打开。请先关闭 {target.name} 后重试。{undone}")
        return (f"没有权限在文件夹“{target.parent}”里写文件（文件夹是只读的，或您没有写入权限）。"
                f"请用 -o 写到别的文件夹，例如桌面或“文档”。{undone}")
    return f"无法写入“{target}”：{_reason(exc)}。{undone}"


def remove_stale_temps(folder: Path) -> list[Path]:
    """删掉以前被强行结束的运行留下的临时文件：写它的进程已经不在，或已经放了一小时以上。"""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        found = _TEMP.match(entry.name)
        if not found or not entry.is_file(follow_symlinks=False):
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if age > _STALE_SECONDS or (age > 30 and not _alive(int(found.group(1)))):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _reason(exc: OSError) -> str:
    reasons = {
        errno.ENOSPC: "磁盘空间不足",
        errno.EACCES: "没有写入权限",
        errno.EROFS: "磁盘是只读的",
        errno.ENAMETOOLONG: "文件名太长",
        errno.ENOENT: "路径不存在",
        errno.EISDIR: "这是一个文件夹",
        errno.EDQUOT: "超出了磁盘配额",
    }
    return reasons.get(exc.errno or 0, exc.strerror or "未知原因")
