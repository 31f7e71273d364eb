"""测试共用的工具：仓库路径、示例、种子文件，以及在进程内运行 gen 命令。"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
SEEDS_DIR = REPO.parent / "shared" / "seeds"

# 一份最小的合法表单；各测试在它的基础上改出错误
VALID_FORM = """\
单位: 贡觉县卫生健康委员会
年度: 2024
导语: 2024年，我委扎实推进各项工作。现总结如下。
指标:
  - 键: 体检人数
    名称: 城乡居民健康体检人数
    本期: 15719
    上期: 7593
    单位: 人
工作开展情况:
  - 标题: 开展健康体检
    内容: 全年体检{{体检人数}}。
存在的问题:
  - 人才短缺。
下一步工作计划:
  - 标题: 加强人才培养
日期: 2025-01-07
"""


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def gen(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """在进程内运行 gen，返回退出码和输出（与命令行入口 main 走同一条路径）。"""
    from generator.cli import run

    def call(*args: str) -> Result:
        capsys.readouterr()
        code = run(list(args), debug="--debug" in args)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return call


@pytest.fixture
def form_file(tmp_path: Path):  # type: ignore[no-untyped-def]
    """把表单文字写进临时文件，返回路径。"""

    def write(text: str = VALID_FORM, name: str = "表单.yaml", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write
