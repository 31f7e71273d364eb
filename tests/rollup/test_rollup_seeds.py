"""汇总测试用的五份县级表单（tests/data/rollup/）里的每个数都出自它注明的那份种子报告。

表单里每个“本期/上期/目标”行的注释写着种子编号（如 ``# 000：体检人数``）；这里到 ../shared/seeds/
里那份报告中找这个数（前后不能连着别的数字）。种子文件夹不在时跳过（CI=true 时失败）。
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import require_seeds
from test_rollup import COUNTIES, DATA

FIGURE = re.compile(r"^\s+(本期|上期|目标): (\S+)\s+#\s*(\d{3})：(.+)$")
NUMBER_FIELD = re.compile(r"^\s+(本期|上期|目标):")


def figures() -> list[tuple[str, int, str, str, str]]:
    """（县, 行号, 数, 种子编号, 说明）；没有注明出处的数直接让测试失败。"""
    found = []
    for county in COUNTIES:
        for number, line in enumerate((DATA / f"{county}.yaml").read_text(encoding="utf-8").splitlines(), 1):
            if NUMBER_FIELD.match(line):
                match = FIGURE.match(line)
                assert match, f"{county}.yaml:{number} 的数没有注明出自哪份种子：{line!r}"
                found.append((county, number, match[2], match[3], match[4]))
    return found


def test_every_figure_names_its_seed() -> None:
    """不需要 ../shared：每个数都注明了出处（五个县、每县七或八个数）。"""
    counted = figures()
    assert len(counted) == 5 * 8 - 1  # 体检人数有本期和上期；丁县没有培训人次
    assert {seed for *_, seed, _ in counted} == {"000", "001"}


def test_every_figure_appears_in_its_seed() -> None:
    seeds = require_seeds()
    texts: dict[str, str] = {}
    for county, line, value, seed, what in figures():
        if seed not in texts:
            [path] = sorted(seeds.glob(f"{seed}_*.txt"))
            texts[seed] = Path(path).read_text(encoding="utf-8")
        pattern = rf"(?<![\d.]){re.escape(value)}(?![\d]|\.\d)"
        assert re.search(pattern, texts[seed]), f"{county}.yaml:{line}：{value}（{what}）不在种子 {seed} 里"
