"""规模基准（不是测试）：事项从 10 个到 10,000 个，各阶段每个事项花多少时间。

每个事项的耗时大致不变，说明随规模线性增长；某一列随规模明显变大，就是那一步不是线性的。
另外列出几种恶意输入（长标题、一长串“{{”、长数字串、长汉字数字串）在检查规则上的耗时。

用法（在仓库根目录）：python benchmarks/scale.py [最大事项数，默认 10000]
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.api import check_file  # noqa: E402
from generator.checks import check_form, check_paragraphs  # noqa: E402
from generator.compute import compute  # noqa: E402
from generator.form.reading import load_form_file  # noqa: E402
from generator.form.validate import validate_form  # noqa: E402
from generator.importer import import_report  # noqa: E402
from generator.render.render import indicator_rows, render_document  # noqa: E402
from generator.write.markdown import to_markdown  # noqa: E402
from generator.write.style_profile import load_profile  # noqa: E402
from generator.write.word import build_docx  # noqa: E402
from generator.write.word.title_break import break_title  # noqa: E402

HEAD = """\
单位: 测试县卫生健康委员会
年度: 2024
日期: 2025-01-07
导语: 2024年，我委围绕目标任务扎实推进各项工作。现总结如下。
指标:
  - 键: 甲
    名称: 甲指标
    本期: 5
    上期: 4
    单位: 人
工作开展情况:
"""
TAIL = """\
存在的问题:
  - 专业人才短缺。
下一步工作计划:
  - 标题: 培养专业人才
    内容: 引进专业人才，解决人才短缺问题。
"""


def form_text(items: int) -> str:
    item = "  - 标题: 开展第{n}项工作\n    内容: 全年完成{{{{甲}}}}，较上年{{{{甲.同比}}}}，群众满意度第{n}次提升。\n"
    body = "".join(item.format(n=n) for n in range(1, items + 1))
    return HEAD + body + TAIL


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def stages(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    out["读入"], loaded = timed(lambda: load_form_file(path))
    out["校验"], (form, warnings) = timed(lambda: validate_form(loaded))
    out["计算"], computed = timed(lambda: compute(loaded, form, warnings))
    extra = {"indicator_rows": indicator_rows(computed.form, computed.figures)}
    out["渲染"], document = timed(lambda: render_document(computed.form, extra=extra))
    out["Word"], _ = timed(lambda: build_docx(document, computed.form, load_profile()))
    out["Markdown"], markdown = timed(lambda: to_markdown(document))
    out["检查"], _ = timed(lambda: check_form(loaded, computed.form))
    report = path.with_suffix(".md")
    report.write_text(markdown, encoding="utf-8")
    out["导入"], _ = timed(lambda: import_report(report))
    out["检查报告"], _ = timed(lambda: check_file(report))
    return out


def main() -> None:
    largest = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    sizes = [n for n in (10, 100, 1_000, 10_000, 100_000) if n <= largest]
    print("每个事项的耗时（微秒）；各列随规模大致不变 = 线性")
    header = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"表单{size}.yaml"
            path.write_text(form_text(size), encoding="utf-8")
            result = stages(path)
            if header is None:
                header = list(result)
                print(f"{'事项':>7} " + " ".join(f"{name:>8}" for name in header) + f" {'合计(秒)':>9}")
            per_item = [result[name] / size * 1e6 for name in header]
            print(f"{size:>7} " + " ".join(f"{value:>8.0f}" for value in per_item) + f" {sum(result.values()):>9.2f}")
    print()
    print("恶意输入（秒）")
    title = ("中共某某自治县委员会办公室关于某某自治县卫生健康委员会" * 8)[:200]
    for label, action in (
        ("200 字标题回行", lambda: break_title(title, 19)),
        ("60 KB 的“{{”", lambda: check_paragraphs(["{{" * 30_000], file=Path("r.txt"), year=2024)),
        ("60 KB 的数字", lambda: check_paragraphs(["1" * 60_000], file=Path("r.txt"), year=2024)),
        ("60 KB 的汉字数字", lambda: check_paragraphs(["一二" * 30_000], file=Path("r.txt"), year=2024)),
        ("数字后 30 KB 文字再比较", lambda: check_paragraphs(["1 " * 15_000 + "x" * 30_000 + "较去年5人增长3%"],
                                                       file=Path("r.txt"), year=2024)),
    ):
        elapsed, _ = timed(action)
        print(f"  {label:<24} {elapsed:.3f}")


if __name__ == "__main__":
    main()
