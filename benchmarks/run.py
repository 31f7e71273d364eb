"""速度基准（不是测试）：自己生成输入，逐项与对照组并排运行，打印中位数和比值。

对照组：只用 python-docx 写同样内容的脚本（benchmarks/bare_docx.py）、pandoc（有参考文档；没装时跳过这一行）、
逐份运行 gen report 的 shell 循环、逐份生成 PDF、``python -c pass``。规模一项复用 benchmarks/scale.py 的表单。

用法（在仓库根目录、装好 gen 的环境里）：
    python benchmarks/run.py                 # 全部（200 份、20 个 PDF、10,000 个事项；几分钟）
    python benchmarks/run.py --quick         # 少量输入，先看看能不能跑
结果是一张 Markdown 表格，可以直接贴进 benchmarks/results.md。
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bare_docx import write as bare_write  # noqa: E402
from scale import form_text  # noqa: E402

EXAMPLE = REPO / "examples" / "贡觉县-2024.yaml"
GEN = [sys.executable, "-m", "generator"]
BARE = [sys.executable, str(REPO / "benchmarks" / "bare_docx.py")]


def run(command: Sequence[str], **kwargs: Any) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)


def seconds(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def medians(a: Callable[[], Any], b: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """两边交替运行（机器忙闲对两边一样），各取中位数。"""
    a(), b()  # 预热：磁盘缓存、.pyc
    times_a, times_b = [], []
    for _ in range(repeat):
        times_a.append(seconds(a))
        times_b.append(seconds(b))
    return statistics.median(times_a), statistics.median(times_b)


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str, str]] = []

    def add(self, measure: str, ours: float, theirs: float, target: str, met: bool | None,
            *, ratio: float | None = None, unit: str = "s") -> None:
        ratio = ours / theirs if ratio is None else ratio
        verdict = "—" if met is None else ("达到" if met else "未达到")
        self.rows.append((measure, f"{ours:.3f} {unit}", f"{theirs:.3f} {unit}", f"{ratio:.2f}×", target, verdict))
        print(f"  {measure}: {ours:.3f} / {theirs:.3f} = {ratio:.2f}×  目标 {target}  {verdict}", file=sys.stderr)

    def skip(self, measure: str, reason: str) -> None:
        self.rows.append((measure, "—", "—", "—", "—", f"跳过（{reason}）"))
        print(f"  {measure}: 跳过（{reason}）", file=sys.stderr)

    def markdown(self) -> str:
        head = "| 测量 | gen | 对照 | 比值 | 目标 | 结果 |\n|---|---|---|---|---|---|\n"
        return head + "".join("| " + " | ".join(row) + " |\n" for row in self.rows)


def peak_memory_mb(command: Sequence[str]) -> float:
    """在一个新的子进程里运行命令，返回它的峰值内存（MB）。"""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
             "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True).stdout
    return int(out) / 1024 if sys.platform != "darwin" else int(out) / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="少量输入（试运行）")
    args = parser.parse_args()
    copies, pdfs, largest, repeat = (20, 4, 1_000, 3) if args.quick else (200, 20, 10_000, 7)
    # 量的是安装好的 gen：pip 安装时把模块编译成 .pyc（python-docx 也是这样装的）；
    # 源码树在 PYTHONDONTWRITEBYTECODE=1 下没有 .pyc，每次启动都要重新编译全部模块（约多 70 ms）
    compileall.compile_dir(str(REPO / "generator"), quiet=1)
    table = Table()
    from generator.api import write_report

    with tempfile.TemporaryDirectory(prefix="gen-bench-") as tmp_name:
        tmp = Path(tmp_name)
        out = tmp / "out"
        run([*GEN, "report", str(EXAMPLE), "-f", "md", "-o", f"{tmp}/"])
        markdown_file = tmp / f"{EXAMPLE.stem}.md"
        markdown = markdown_file.read_text(encoding="utf-8")

        # 1. 一份典型报告，整个进程
        ours, theirs = medians(
            lambda: run([*GEN, "report", str(EXAMPLE), "-f", "docx", "-o", f"{out}/"]),
            lambda: run([*BARE, str(markdown_file), str(tmp / "bare.docx")]), repeat)
        table.add("gen report -f docx（整个进程）÷ python-docx 脚本", ours, theirs, "≤ 1.4×", ours / theirs <= 1.4)

        # 2. 启动
        ours, theirs = medians(lambda: run([*GEN, "--help"]), lambda: run([sys.executable, "-c", "pass"]),
                               repeat * 2)
        table.add("gen --help ÷ python -c pass", ours, theirs, "≤ 4×", ours / theirs <= 4)

        # 3. 进程内，一份典型报告
        ours, theirs = medians(lambda: write_report(EXAMPLE, ["docx"], f"{out}/", force=True),
                               lambda: bare_write(markdown, tmp / "bare.docx"), repeat * 3)
        table.add("进程内一份报告 ÷ 进程内 python-docx", ours, theirs, "≤ 0.5×", ours / theirs <= 0.5)

        # 4. 规模：每个事项的耗时
        per_item: dict[int, float] = {}
        for size in (10, 100, 1_000, 10_000):
            if size > largest:
                continue
            form = tmp / f"规模{size}.yaml"
            form.write_text(form_text(size), encoding="utf-8")
            times = [seconds(lambda form=form: write_report(form, ["docx"], f"{out}/", force=True))
                     for _ in range(3 if size <= 1_000 else 1)]
            per_item[size] = min(times) / size
            print(f"  {size} 个事项：{min(times):.2f} s，每个 {per_item[size] * 1e3:.2f} ms", file=sys.stderr)
        form = tmp / f"规模{largest}.yaml"
        memory = peak_memory_mb([*GEN, "report", str(form), "-f", "docx,md", "-o", f"{out}/", "--force"])
        ratio = per_item[largest] / per_item[100]
        table.add(f"每个事项的耗时：{largest} 个 ÷ 100 个（峰值内存 {memory:.0f} MB）", per_item[largest] * 1e3,
                  per_item[100] * 1e3, "≤ 1.3×，< 300 MB", ratio <= 1.3 and memory < 300, unit="ms")

        # 5、6. 200 份改了名的表单：shell 循环、pandoc 循环、整批
        forms = tmp / "各县"
        forms.mkdir()
        for n in range(copies):
            shutil.copy(EXAMPLE, forms / f"第{n:03d}县-2024.yaml")
        loop = seconds(lambda: [run([*GEN, "report", str(f), "-f", "docx", "-o", f"{tmp}/循环/"])
                                for f in sorted(forms.glob("*.yaml"))])
        batch = seconds(lambda: run([*GEN, "report", str(forms), "-f", "docx", "-o", f"{tmp}/整批/"]))
        table.add(f"{copies} 份表单：逐份运行 gen report ÷ 整批", loop, batch, "≥ 5×", loop / batch >= 5)
        pandoc = shutil.which("pandoc")
        if pandoc is None:
            table.skip(f"{copies} 份：pandoc 逐份 ÷ 整批", "没有安装 pandoc")
        else:
            reference = REPO / "templates" / "docx" / "base.docx"
            sources = tmp / "md"
            sources.mkdir()
            for n in range(copies):
                (sources / f"第{n:03d}县-2024.md").write_text(markdown, encoding="utf-8")
            loop = seconds(lambda: [run([pandoc, str(f), "-o", str(f.with_suffix(".docx")),
                                         f"--reference-doc={reference}"]) for f in sorted(sources.glob("*.md"))])
            table.add(f"{copies} 份：pandoc 逐份 ÷ 整批", loop, batch, "≥ 1.5×", loop / batch >= 1.5)

        # 7. PDF
        if shutil.which("soffice") is None:
            table.skip(f"{pdfs} 个 PDF：逐份 ÷ 整批", "没有安装 LibreOffice")
        else:
            few = tmp / "PDF"
            few.mkdir()
            for f in sorted(forms.glob("*.yaml"))[:pdfs]:
                shutil.copy(f, few / f.name)
            loop = seconds(lambda: [run([*GEN, "report", str(f), "-f", "pdf", "-o", f"{tmp}/PDF循环/"])
                                    for f in sorted(few.glob("*.yaml"))])
            batch = seconds(lambda: run([*GEN, "report", str(few), "-f", "pdf", "-o", f"{tmp}/PDF整批/"]))
            table.add(f"{pdfs} 个 PDF：逐份 gen report -f pdf ÷ 整批", loop, batch, "≥ 4×", loop / batch >= 4)

        # 8. gen check 印出 10,000 条
        noisy = tmp / "一万条.yaml"
        # 100 个事项、每项 100 处全角数字：量的是印出一万条，不是读一万个事项
        noisy.write_text(form_text(100).replace("群众满意度", "培训" + "１次、" * 100 + "群众满意度"), encoding="utf-8")
        def check_noisy() -> None:
            with (tmp / "check.txt").open("w") as sink:
                subprocess.run([*GEN, "check", str(noisy)], stdout=sink, stderr=sink, check=False)

        ours = statistics.median(seconds(check_noisy) for _ in range(3))
        found = (tmp / "check.txt").read_text(encoding="utf-8").count("[GEN")
        baseline = statistics.median(seconds(lambda: run([sys.executable, "-c", "pass"])) for _ in range(5))
        table.add(f"gen check 印出 {found:,} 条（对照：python -c pass）", ours, baseline, "< 0.3 s", ours < 0.3)

        # 9. 1 MB 的报告
        big = tmp / "1MB报告.md"
        body = markdown.split("\n", 1)[1]
        big.write_text(markdown + body * (1_000_000 // len(body.encode("utf-8"))), encoding="utf-8")
        check_big = statistics.median(seconds(lambda: subprocess.run(
            [*GEN, "check", str(big)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False))
            for _ in range(3))
        import_big = statistics.median(seconds(lambda: run([*GEN, "import", str(big), "-o", str(tmp / "导入.yaml"),
                                                            "--force"])) for _ in range(3))
        table.add("1 MB 的报告：gen check ÷ gen import", check_big, import_big, "—", None)

    print(f"运行于 {dt.datetime.now():%Y-%m-%d %H:%M}；{platform.system()} {platform.machine()}，"
          f"nproc={os.cpu_count()}，Python {platform.python_version()}"
          f"{'；--quick' if args.quick else ''}\n")
    print(table.markdown())


if __name__ == "__main__":
    main()
