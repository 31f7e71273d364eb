"""scripts/fuzz_sheets.py 的固定预算版本（CI 里十几秒）：指标表格、公式、汇总的随机输入，
公式结果和汇总合计由 fractions.Fraction 独立算出对照；应当拒绝的必须拒绝、不写文件；没有崩溃、英文、公式单元格。
长时间的版本：python scripts/fuzz.py --mode sheets -n 20000。"""

from __future__ import annotations

import contextlib
import io
import random
import sys
from pathlib import Path

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import fuzz_sheets


def _run(args: list[str]) -> tuple[int, str]:
    from generator.cli.commands import run

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = run(args)
    return code, err.getvalue()


@pytest.mark.parametrize("kind", ["sheet", "formula", "rollup"])
def test_fixed_budget(kind: str, tmp_path: Path) -> None:
    make = {"sheet": fuzz_sheets.sheet_case, "formula": fuzz_sheets.formula_case, "rollup": fuzz_sheets.rollup_case}
    rng = random.Random(22)
    problems = []
    outcomes = {"ok": 0, "error": 0}
    for number in range(40):
        folder = tmp_path / str(number)
        folder.mkdir()
        files, expect = make[kind](rng)
        found = fuzz_sheets.run_sheet_case(kind, files, expect, folder, _run)
        problems += [(number, category, detail) for category, detail in found]
        outcomes["ok" if (folder / "out.md").exists() or (folder / "全市.md").exists() else "error"] += 1
    assert problems == []
    assert outcomes["ok"] >= 5 and outcomes["error"] >= 3, outcomes  # 两种结果都要真的出现，判断才有意义


def test_oracle_catches_a_wrong_total(tmp_path: Path) -> None:
    """判断本身会报警：把汇总表里的合计改掉一位，oracle 要发现。"""
    rng = random.Random(5)
    while True:
        files, expect = fuzz_sheets.rollup_case(rng)
        if expect["fault"] == "none":
            break

    def tampered(args: list[str]) -> tuple[int, str]:
        code, err = _run(args)
        md = Path(args[args.index("-o") + 1])
        if code == 0:
            lines = md.read_text(encoding="utf-8").splitlines()
            row = [i for i, line in enumerate(lines) if line.startswith("| ")][1]  # 表头之后的第一行
            cells = lines[row].split("|")
            cells[-4] = " 1234567 "  # 合计一栏
            lines[row] = "|".join(cells)
            md.write_text("\n".join(lines), encoding="utf-8")
        return code, err

    found = fuzz_sheets.run_sheet_case("rollup", files, expect, tmp_path, tampered)
    assert any(category == "合计错" for category, _ in found), found
