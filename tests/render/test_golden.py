"""金样：每个示例的 Markdown 全文钉死（派生数字、编号、措辞都在里面）。

有意修改输出时运行：GEN_UPDATE_GOLDEN=1 python -m pytest tests/render/test_golden.py，再检查差异后提交。
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO

from generator.api import build_report

GOLDEN = REPO / "tests" / "golden"


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_markdown_matches_golden(example: Path) -> None:
    markdown = build_report(example).markdown()
    golden = GOLDEN / f"{example.stem}.md"
    if os.environ.get("GEN_UPDATE_GOLDEN") == "1":
        golden.write_text(markdown, encoding="utf-8")
    assert golden.exists(), f"缺少金样 {golden.name}：用 GEN_UPDATE_GOLDEN=1 生成后检查"
    assert markdown == golden.read_text(encoding="utf-8")


def test_golden_shows_derived_figures() -> None:
    text = (GOLDEN / "贡觉县-2024.md").read_text(encoding="utf-8")
    for phrase in ("比上年47人增长74.47%", "比上年7593人增长107.02%", "比上年增长74.28%",
                   "比上年提高16.02个百分点", "567900元（合56.79万元）", "较上年减少2人",
                   "低于目标1.36个百分点", "| 下降5% |"):
        assert phrase in text
