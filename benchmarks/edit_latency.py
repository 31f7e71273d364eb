"""gen edit 的响应基准（不是测试）：停下打字后，从发出请求到拿到检查结果和预览要多久。

在本机真正启动编辑服务（uvicorn，127.0.0.1 的空闲端口），对每个示例表单发 N 次 ``/api/check``
（每次改动一个字，像办事员在打字），报告经过 HTTP 的中位数和最大值，以及其中流水线本身（读取、校验、
计算、检查、渲染预览）的中位数。页面的防抖是 300 毫秒，这里的数字加上它就是办事员等待的时间。

用法（在仓库根目录）：python benchmarks/edit_latency.py [每个示例的次数，默认 30]
"""

from __future__ import annotations

import socket
import statistics
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx2 as httpx  # noqa: E402  (test 依赖)
import uvicorn  # noqa: E402

from generator.edit.analyze import analyze  # noqa: E402
from generator.edit.app import create_app  # noqa: E402


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    examples = sorted((REPO / "examples").glob("*.yaml"))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    port = sock.getsockname()[1]
    app = create_app(REPO / "examples", token="bench", port=port)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    base = f"http://127.0.0.1:{port}"
    headers = {"X-Gen-Token": "bench", "Origin": base}
    print(f"{'表单':<22}{'大小':>8}{'HTTP 中位数':>12}{'HTTP 最大':>10}{'流水线中位数':>12}")
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        for path in examples:
            text = path.read_text(encoding="utf-8")
            http: list[float] = []
            pipeline: list[float] = []
            for n in range(runs):
                edited = text.replace("现将", "现将" + "的" * (n % 2), 1)  # 每次都不一样
                start = time.perf_counter()
                response = client.post("/api/check", json={"name": path.name, "text": edited})
                http.append(time.perf_counter() - start)
                assert response.status_code == 200 and response.json()["preview"], response.text[:200]
                start = time.perf_counter()
                analyze(edited, path)
                pipeline.append(time.perf_counter() - start)
            print(f"{path.name:<22}{len(text.encode()) // 1024:>6}KB{statistics.median(http) * 1000:>10.1f}ms"
                  f"{max(http) * 1000:>8.1f}ms{statistics.median(pipeline) * 1000:>10.1f}ms")
    server.should_exit = True
    thread.join(timeout=5)


if __name__ == "__main__":
    main()
