"""一个文件一把跨进程的锁：读、比较、替换在锁里做，两个程序（两个 gen edit，或 gen edit 和别的 gen 命令）
改同一个文件时不会互相吞掉修改。

用 filelock（Windows 上是 msvcrt.locking，其他系统是 fcntl.flock：都是操作系统的锁，进程退出或崩溃时
由系统释放，不会留下“永远锁着”的文件）。锁文件不放在表单旁边（办事员的文件夹里不多出文件），
放在用户配置文件夹的 ``locks/`` 里（按表单的绝对路径取 SHA-256 命名）；同一个用户的所有进程看到的是同一个锁文件。
配置文件夹建不了时退回到系统的临时文件夹。同一进程里的线程另有一把 ``threading.Lock``（先取它，再取文件锁）。

记事本、Word 之类不认这把锁；它们在比较之后、改名之前写入的极短窗口由下一次保存的版本比较发现。
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from ..errors import Diagnostic, OutputError

__all__ = ["WAIT_SECONDS", "file_lock", "lock_name"]

WAIT_SECONDS = 10.0  # 等另一个程序放开锁最多这么久（正常一次保存只要几毫秒）

_threads: dict[Path, threading.Lock] = {}
_threads_guard = threading.Lock()


def _folder() -> Path:
    from ..resources import user_config_dir

    for folder in (user_config_dir() / "locks", Path(tempfile.gettempdir()) / f"gen-locks-{_user()}"):
        with contextlib.suppress(OSError):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if os.access(folder, os.W_OK):
                return folder
    raise OutputError(Diagnostic(
        "gen 找不到可以放锁文件的文件夹（用户配置文件夹和临时文件夹都不能写）。请检查这两个文件夹的权限后再保存。"))


def _user() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid is not None else os.environ.get("USERNAME", "user")


def lock_name(target: Path) -> str:
    """``target`` 的锁文件名：绝对路径的 SHA-256 的前 32 位。"""
    digest = hashlib.sha256(str(target.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{digest}.lock"


@contextlib.contextmanager
def file_lock(target: Path, *, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """锁住 ``target``（本进程的线程之间和进程之间）；``wait`` 秒内等不到时是 :class:`OutputError`。"""
    from filelock import FileLock, Timeout

    key = target.resolve()
    with _threads_guard:
        thread_lock = _threads.setdefault(key, threading.Lock())
    if not thread_lock.acquire(timeout=wait):
        raise _busy(target, wait)
    try:
        lock = FileLock(str(_folder() / lock_name(target)), timeout=wait)
        try:
            lock.acquire()
        except Timeout:
            raise _busy(target, wait) from None
        try:
            yield
        finally:
            lock.release()
    finally:
        thread_lock.release()


def _busy(target: Path, wait: float) -> OutputError:
    return OutputError(Diagnostic(
        f"“{target.name}”正由另一个窗口或程序保存，等了 {wait:g} 秒还没有完成。请稍等片刻再保存一次。"))
