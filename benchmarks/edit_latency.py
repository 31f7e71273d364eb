"""gen edit 的响应基准（不是测试）：停下打字后，从发出请求到拿到检查结果和预览要多久。

在本机真正启动编辑服务（uvicorn，127.0.0.1 的空闲端口），对每个示例表单发 N 次 ``/api/check``
（每次改动一个字，像办事员在打字），报告经过 HTTP 的中位数和最大值，以及其中流水线本身（读取、校验、
计算、检查、渲染预览）的中位数。页面的防抖是 300 毫秒，这里的数字加上它就是办事员等待的时间。

另有一份 200 个事项的表单（由第一个示例的第一项复制而成），以及“生成 PDF”（/api/generate）和“打印预览”
（/api/print-preview，排成 PDF 再把每页画成 PNG）：
与 gen edit 一样在 keep_warm 里运行服务，第一次启动常驻的 LibreOffice，之后的是“热”的；另测不用常驻时的冷启动。

用法（在仓库根目录）：python benchmarks/edit_latency.py [每个示例的次数，默认 30] [PDF 次数，默认 3]
"""

from __future__ import annotations

import hashlib
import re
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx2 as httpx  # noqa: E402  (test 依赖)
import uvicorn  # noqa: E402

from generator.edit.analyze import analyze  # noqa: E402
from generator.edit.app import create_app  # noqa: E402
from generator.write.resident import keep_warm  # noqa: E402


def _many_items(text: str, count: int) -> str:
    """把“工作开展情况”的第一项复制成 ``count`` 项（标题各不相同）。"""
    start = text.index("工作开展情况:\n") + len("工作开展情况:\n")
    match = re.compile(r"^  - 标题: .*\n(?:^    .*\n|^\n)*", re.M).match(text, start)
    assert match, "示例的“工作开展情况”不是每项“  - 标题:”开头"
    first = match.group(0)
    copies = "".join(first.replace("标题: ", f"标题: 第{n}项", 1) for n in range(count))
    return text[:start] + copies + text[match.end():]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    pdf_runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    folder = Path(tempfile.mkdtemp(prefix="gen-edit-bench-"))
    examples = []
    for path in sorted((REPO / "examples").glob("*.yaml")):
        examples.append(folder / path.name)
        examples[-1].write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    big = folder / "200项.yaml"
    big.write_text(_many_items(examples[0].read_text(encoding="utf-8"), 200), encoding="utf-8")
    examples.append(big)
    for extra in (REPO / "examples").iterdir():  # 指标文件等
        if extra.suffix != ".yaml" and extra.is_file():
            (folder / extra.name).write_bytes(extra.read_bytes())
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    port = sock.getsockname()[1]
    app = create_app(folder, token="bench", port=port)
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
                edited = text.replace("。", "。" + "的" * (n % 2), 1)  # 每次都不一样
                start = time.perf_counter()
                response = client.post("/api/check", json={"name": path.name, "text": edited})
                http.append(time.perf_counter() - start)
                assert response.status_code == 200 and response.json()["preview"], response.text[:200]
                start = time.perf_counter()
                analyze(edited, path)
                pipeline.append(time.perf_counter() - start)
            print(f"{path.name:<22}{len(text.encode()) // 1024:>6}KB{statistics.median(http) * 1000:>10.1f}ms"
                  f"{max(http) * 1000:>8.1f}ms{statistics.median(pipeline) * 1000:>10.1f}ms")
        if pdf_runs:
            target = examples[0]

            def generate() -> float:
                digest = hashlib.sha256(target.read_bytes()).hexdigest()
                start = time.perf_counter()
                response = client.post("/api/generate", json={"name": target.name, "format": "pdf", "hash": digest},
                                       timeout=300)
                assert response.status_code == 200, response.text[:300]
                return time.perf_counter() - start

            def preview() -> float:  # 打印预览：排成 PDF 再把每页画成 PNG（不写文件）
                digest = hashlib.sha256(target.read_bytes()).hexdigest()
                start = time.perf_counter()
                response = client.post("/api/print-preview", json={"name": target.name, "hash": digest},
                                       timeout=300)
                assert response.status_code == 200 and response.json()["pages"], response.text[:300]
                return time.perf_counter() - start

            def line(what: str, cold: list[float], first: float, warm: list[float]) -> str:
                return (f"{what}（{target.name}）：冷启动中位数 {statistics.median(cold):.2f} s"
                        f"（{'、'.join(f'{t:.2f}' for t in cold)}）；常驻：第一次 {first:.2f} s，"
                        f"之后中位数 {statistics.median(warm):.2f} s（{'、'.join(f'{t:.2f}' for t in warm)}）")

            cold = [generate() for _ in range(pdf_runs)]
            cold_preview = [preview() for _ in range(pdf_runs)]
            with keep_warm():
                first = generate()
                warm = [generate() for _ in range(pdf_runs)]
                warm_preview = [preview() for _ in range(pdf_runs)]
            print(line("生成 PDF", cold, first, warm))
            print(line("打印预览", cold_preview, warm[0], warm_preview).replace(f"第一次 {warm[0]:.2f} s，", ""))
    server.should_exit = True
    thread.join(timeout=5)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
