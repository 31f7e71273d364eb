"""两个几乎同时的保存（同一个版本号）：只有一个写入，另一个得到“已在别处被修改”，文件里正好是赢的那一份。

对着真正的 uvicorn 服务（与 gen edit 相同的配置），两个线程在同一个栅栏后同时发出保存，重复 100 对。
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import VALID_FORM

from generator.edit.app import create_app

PAIRS = 100


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    import uvicorn

    form = tmp_path / "表单.yaml"
    form.write_text(VALID_FORM, encoding="utf-8")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(form, token="abc", port=port), log_level="warning",
                                           access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    try:
        yield f"http://127.0.0.1:{port}", form
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def _save(base_url: str, text: str, base: str) -> int:
    request = urllib.request.Request(
        f"{base_url}/api/save", method="POST",
        data=json.dumps({"name": "表单.yaml", "text": text, "hash": base}).encode("utf-8"),
        headers={"Content-Type": "application/json", "X-Gen-Token": "abc", "Origin": base_url})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_two_simultaneous_saves_never_both_succeed(running: tuple[str, Path]) -> None:
    base_url, form = running
    both = 0
    for n in range(PAIRS):
        base = hashlib.sha256(form.read_bytes()).hexdigest()
        texts = [VALID_FORM.replace("人才短缺", f"人才短缺（{side}{n}）") for side in ("甲", "乙")]
        codes: list[int] = [0, 0]
        barrier = threading.Barrier(2)

        def one(side: int, barrier: threading.Barrier, texts: list[str], codes: list[int], base: str) -> None:
            barrier.wait()
            codes[side] = _save(base_url, texts[side], base)

        threads = [threading.Thread(target=one, args=(side, barrier, texts, codes, base)) for side in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(codes) == [200, 409], (n, codes)
        both += codes == [200, 200]
        winner = texts[codes.index(200)]
        assert form.read_text(encoding="utf-8") == winner, n
    assert both == 0
