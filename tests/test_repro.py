"""../shared/repro/ 里的每个复现文件：要么得到正确的结果，要么是带文件和行号的中文错误。

共享文件夹不在时：本地跳过并说明原因；CI=true 时判为失败。
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

REPRO = REPO.parent / "shared" / "repro"

# 复现文件 → [(命令, 期望)]；期望 "ok" 表示退出码 0，"error" 表示带位置的中文错误（退出码 1）
CASES: dict[str, list[tuple[str, str]]] = {
    "01_hundred_items.yaml": [("report", "ok"), ("check", "ok")],
    "02_point_99.yaml": [("report", "error"), ("check", "error")],
    "03_report_level2_99.txt": [("check", "error")],
    "04_deep_nesting.yaml": [("report", "error")],
    "05_surrogate_in_number.yaml": [("report", "error")],
    "06_tiny_previous_overflow.yaml": [("report", "error")],
    "06b_tiny_target_table.yaml": [("report", "error")],
    "07_bom_bad_utf8.yaml": [("report", "error"), ("check", "error")],
    "07b_bom_bad_utf8.txt": [("check", "error"), ("import", "error")],
    "08_vmerge_first_row.docx": [("import", "ok"), ("check", "error")],
    "08b_gridspan_text.docx": [("import", "ok"), ("check", "error")],
    "09_long_title_hang.yaml": [("report", "ok")],
    "10_style_dev_zero.yaml": [("report", "error")],
    "11_gridspan_huge_hang.docx": [("import", "ok"), ("check", "error")],
    "12_braces_quadratic.txt": [("check", "error")],  # 没有配对的“{{”
    "14_one_bad_byte.yaml": [("report", "error")],
    "15_vertical_tab.yaml": [("report", "error")],
    "15b_uffff.yaml": [("report", "error")],
    "16_multiline_unit.yaml": [("report", "error")],
    "17_surrogate_in_text.yaml": [("report", "error")],
    "18_raw_template_in_indicator_name.yaml": [("report", "error"), ("check", "error")],
    "19_raw_block_leaks_braces.yaml": [("report", "error"), ("check", "error")],
    "21_table_cell_two_paragraphs.docx": [("import", "ok")],
    "22_long_paragraph_fullwidth_indent.txt": [("import", "ok")],
    "23_empty_item_title.txt": [("import", "ok")],
}


@pytest.fixture
def repro() -> Path:
    if not REPRO.is_dir():
        message = f"没有找到复现文件夹 {REPRO}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true：{message}。", pytrace=False)
        pytest.skip(message)
    return REPRO


def _clean(result, name: str, expect: str) -> None:  # type: ignore[no-untyped-def]
    text = result.err + result.out
    assert "内部出错" not in text and "Traceback" not in text, text
    if expect == "ok":
        assert result.code == 0, text
        return
    assert result.code == 1, text
    errors = [line for line in result.err.splitlines() if "错误：" in line]
    assert errors, text
    for line in errors:
        assert re.match(rf"^\S*{re.escape(name)}(:\d+:\d+| 第\d+段): 错误：", line), line  # 文件:行:列，Word 报告是“第N段”
        assert re.search(r"[\u4e00-\u9fff]", line.split("错误：", 1)[1])


@pytest.mark.parametrize(("name", "command", "expect"),
                         [(name, command, expect) for name, runs in CASES.items() for command, expect in runs],
                         ids=[f"{name}-{command}" for name, runs in CASES.items() for command, _ in runs])
def test_reproducer(name: str, command: str, expect: str, repro: Path, gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / name
    shutil.copy(repro / name, source)
    (tmp_path / "base_valid.yaml").write_bytes((repro / "base_valid.yaml").read_bytes())
    if command == "report":
        result = gen("report", str(source), "-f", "docx,md")
    elif command == "check":
        result = gen("check", str(source))
    else:
        form = tmp_path / "f.yaml"
        result = gen("import", str(source), "-o", str(form))
        _clean(result, name, expect)
        if result.code == 0:
            checked = gen("check", str(form))
            errors = [line for line in checked.err.splitlines() if "错误：" in line]
            # 导入写出的表单一定读得进；错误只能是留给办事员补写的空位或原文自己的内容问题
            assert all("还没有填写" in line or "[GEN" in line for line in errors), checked.err
        return
    _clean(result, name, expect)
    if command == "report" and expect == "error":
        assert not source.with_suffix(".docx").exists()


def test_many_items(repro: Path, gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    subprocess.run([sys.executable, str(repro / "13_many_items_make.py"), "8000", str(tmp_path)], check=True)
    _clean(gen("check", str(tmp_path / "13_many_items_8000.yaml")), "13_many_items_8000.yaml", "ok")


def test_partial_output(repro: Path, gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 20_partial_output.sh 做的事：.md 的位置是个文件夹，写不成；.docx 也不能写
    form = tmp_path / "form.yaml"
    form.write_bytes((repro / "base_valid.yaml").read_bytes())
    (tmp_path / "form.md").mkdir()
    result = gen("report", str(form), "-f", "docx,md")
    assert result.code == 1
    assert "是一个文件夹" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form.md", "form.yaml"]


def test_every_reproducer_is_listed(repro: Path) -> None:
    # sheets/：指标文件、公式和汇总的复现用例（issue 22），各有 run.sh，由 tests/rollup/test_repro_sheets.py 运行
    listed = set(CASES) | {"13_many_items_make.py", "20_partial_output.sh", "README.txt", "base_valid.yaml", "sheets"}
    assert sorted(p.name for p in repro.iterdir() if p.name not in listed) == []
