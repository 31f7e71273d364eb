"""两个 gen edit 进程打开同一份表单，同时保存（同一个版本号）：只有一个写入，另一个得到“已在别处被修改”。

两个真正的 ``python -m generator edit`` 进程（同一个配置文件夹：第二个沿用令牌，上次的端口被占用就换一个），
两个线程在同一个栅栏后分别向两个进程发出保存，重复 100 对。锁是 generator/write/locking.py 的跨进程文件锁。
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import VALID_FORM

from generator.write.locking import file_lock

PAIRS = 100
ROOT = Path(__file__).resolve().parents[2]


def _start(form: Path, config: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen([sys.executable, "-m", "generator", "edit", str(form), "--no-browser"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
                               cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "300",
                                              "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(config)})
    assert process.stdout is not None
    seen = []
    for line in process.stdout:  # 第二个进程先说“上次用的端口已被占用”，再给网址
        seen.append(line)
        found = re.search(r"http://127\.0\.0\.1:(\d+)/#token=([\w-]+)", line)
        if found:
            return process, found.group(0)
        if len(seen) > 5:
            break
    process.kill()
    raise AssertionError("gen edit 没有给出网址：" + "".join(seen))


@pytest.fixture
def two_editors(tmp_path: Path) -> Iterator[tuple[list[str], Path]]:
    form = tmp_path / "表单.yaml"
    form.write_text(VALID_FORM, encoding="utf-8")
    config = tmp_path / "配置"
    started: list[tuple[subprocess.Popen[str], str]] = []
    try:
        for _ in range(2):
            started.append(_start(form, config))
        yield [url for _, url in started], form
    finally:
        for process, _ in started:
            process.terminate()
            process.wait(timeout=10)


def _save(url: str, text: str, base: str) -> int:
    origin, token = url.split("/#token=")
    request = urllib.request.Request(
        f"{origin}/api/save", method="POST",
        data=json.dumps({"name": "表单.yaml", "text": text, "hash": base}).encode("utf-8"),
        headers={"Content-Type": "application/json", "X-Gen-Token": token, "Origin": origin})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_two_editor_processes_never_both_save(two_editors: tuple[list[str], Path]) -> None:
    urls, form = two_editors
    assert urls[0].split("#")[1] == urls[1].split("#")[1]  # 同一个令牌（记在同一个配置文件夹里）
    assert urls[0] != urls[1]  # 两个进程，两个端口
    for n in range(PAIRS):
        base = hashlib.sha256(form.read_bytes()).hexdigest()
        texts = [VALID_FORM.replace("人才短缺", f"人才短缺（{side}{n}）") for side in ("甲", "乙")]
        codes = [0, 0]
        barrier = threading.Barrier(2)

        def one(side: int, barrier: threading.Barrier, texts: list[str], codes: list[int], base: str) -> None:
            barrier.wait()
            codes[side] = _save(urls[side], texts[side], base)

        threads = [threading.Thread(target=one, args=(side, barrier, texts, codes, base)) for side in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(codes) == [200, 409], (n, codes)
        assert form.read_text(encoding="utf-8") == texts[codes.index(200)], n


def test_a_save_waits_for_another_process_holding_the_lock(two_editors: tuple[list[str], Path],
                                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """这个进程（测试本身）拿着锁时，gen edit 进程的保存要等它放开；放开之前文件不变，之后按版本比较。"""
    urls, form = two_editors
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "配置"))  # 与两个 gen edit 同一个锁文件夹
    base = hashlib.sha256(form.read_bytes()).hexdigest()
    codes: list[int] = []
    with file_lock(form):
        thread = threading.Thread(target=lambda: codes.append(_save(urls[0], VALID_FORM + "# 甲\n", base)))
        thread.start()
        thread.join(timeout=1.5)
        assert thread.is_alive() and not codes  # 还在等锁
        form.write_text(VALID_FORM + "# 别的 gen 命令写的\n", encoding="utf-8")  # 拿着锁的一方先写入
    thread.join(timeout=30)
    assert codes == [409]  # 版本号已经不对：不覆盖
    assert form.read_text(encoding="utf-8") == VALID_FORM + "# 别的 gen 命令写的\n"


def test_a_lock_held_too_long_by_another_process_is_a_chinese_refusal(tmp_path: Path) -> None:
    """另一个进程一直拿着锁：等 ``wait`` 秒后放弃，说明是谁、怎么办（页面把它当文件问题显示，不算表单的错误）。"""
    from generator.errors import OutputError

    form = tmp_path / "表单.yaml"
    form.write_text(VALID_FORM, encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path\n"
         "from generator.write.locking import file_lock\n"
         "with file_lock(Path(sys.argv[1])):\n    print('locked', flush=True)\n    time.sleep(30)\n", str(form)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(OutputError) as busy, file_lock(form, wait=0.5):
            pass
        assert busy.value.diagnostics[0].message == \
            "“表单.yaml”正由另一个窗口或程序保存，等了 0.5 秒还没有完成。请稍等片刻再保存一次。"
    finally:
        holder.kill()
        holder.wait(timeout=10)
    with file_lock(form, wait=5):  # 那个进程没了（被强行结束），锁由系统放开
        pass
