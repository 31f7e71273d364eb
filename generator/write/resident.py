"""常驻的 LibreOffice：``gen edit`` 一次会话里，第二次起“生成 PDF”不再冷启动 LibreOffice。

由 LibreOffice 的 Python（Windows、macOS 的安装包自带；Debian、统信、麒麟上是 python3-uno 包）运行
:mod:`generator.write.lo_worker`：它起一个 ``soffice --accept=pipe,…`` 常驻，经 UNO 转换（与 unoserver 的做法相同，
不另装东西）。第一次要 PDF 时才启动；找不到能 ``import uno`` 的 Python、启动失败、转换出错或超时，
都退回原来的冷启动转换（:func:`generator.write.pdf.convert_files`），结果一样，只是慢。
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import secrets
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

START_SECONDS = 120  # 启动 LibreOffice 并连上
CONVERT_SECONDS = 120  # 一次转换
_WORKER = Path(__file__).with_name("lo_worker.py")


def uno_python(soffice: Path) -> Path | None:
    """能 ``import uno`` 的 Python：LibreOffice 自带的，或装了 python3-uno 的系统 Python。"""
    program = soffice.resolve().parent
    candidates = [program / "python.exe", program / "python", program.parent / "Resources" / "python",
                  Path("/usr/bin/python3"), shutil.which("python3")]
    for candidate in candidates:
        if candidate is None or not Path(candidate).is_file():
            continue
        try:
            probe = subprocess.run([str(candidate), "-c", "import uno"], capture_output=True, timeout=30, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.returncode == 0:
            return Path(candidate)
    return None


class Resident:
    """一个常驻的 LibreOffice（经 lo_worker.py）。线程安全：转换一个接一个地做。"""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._env: dict[str, str] | None = None
        self._profile: str | None = None
        self.broken = False  # 出过错：这次会话不再用常驻的，一律冷启动

    def convert(self, source: Path, target: Path, *, soffice: Path, env: dict[str, str]) -> bool:
        """把 ``source``（.docx）转成 ``target``（.pdf）；做不到时返回 False（调用方改用冷启动）。"""
        with self._lock:
            if self.broken or (self._env is not None and env != self._env):
                return False
            try:
                if self._process is None:
                    self._start(soffice, env)
                answer = self._ask({"in": str(source), "out": str(target)}, CONVERT_SECONDS)
            except (OSError, ValueError, RuntimeError, queue.Empty):
                self.broken = True
                self._stop()
                return False
            return bool(answer.get("ok")) and target.is_file() and target.stat().st_size > 0

    def _start(self, soffice: Path, env: dict[str, str]) -> None:
        python = uno_python(soffice)
        if python is None:
            raise RuntimeError("没有能 import uno 的 Python")
        self._profile = tempfile.mkdtemp(prefix="gen-lo-resident-")
        pipe = f"gen-{os.getpid()}-{secrets.token_hex(6)}"
        self._env = env
        self._process = subprocess.Popen(
            [str(python), str(_WORKER), str(soffice), Path(self._profile).as_uri(), pipe],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
            env={key: value for key, value in env.items() if key not in ("PYTHONPATH", "PYTHONHOME")})
        stdout = self._process.stdout
        assert stdout is not None
        threading.Thread(target=self._read, args=(stdout,), daemon=True).start()
        if not self._next(START_SECONDS).get("ready"):
            raise RuntimeError("LibreOffice 没有启动")

    def _read(self, stdout: object) -> None:
        for line in stdout:  # type: ignore[attr-defined]
            self._lines.put(line)
        self._lines.put(None)

    def _next(self, timeout: float) -> dict[str, object]:
        line = self._lines.get(timeout=timeout)
        if line is None:
            raise RuntimeError("常驻的 LibreOffice 退出了")
        answer = json.loads(line)
        if not isinstance(answer, dict):
            raise ValueError(line)
        return answer

    def _ask(self, request: dict[str, str], timeout: float) -> dict[str, object]:
        assert self._process is not None and self._process.stdin is not None
        self._process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        self._process.stdin.flush()
        return self._next(timeout)

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            with contextlib.suppress(OSError):
                if process.stdin is not None:
                    process.stdin.close()  # lo_worker 据此关掉 LibreOffice
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        if self._profile is not None:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None

    def close(self) -> None:
        with self._lock:
            self._stop()


_current: Resident | None = None


def current() -> Resident | None:
    """正在用的常驻 LibreOffice（只在 :func:`keep_warm` 里面有）。"""
    return _current


@contextlib.contextmanager
def keep_warm() -> Iterator[Resident]:
    """在这段时间里转换 PDF 时用一个常驻的 LibreOffice（第一次要 PDF 时启动），结束时关掉它。"""
    global _current
    resident = Resident()
    previous, _current = _current, resident
    try:
        yield resident
    finally:
        _current = previous
        resident.close()
