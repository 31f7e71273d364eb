"""测试共用的工具：仓库路径、示例、种子文件，以及在进程内运行 gen 命令。"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
SEEDS_DIR = REPO.parent / "shared" / "seeds"


def require_seeds() -> Path:
    """种子报告所在的文件夹（仓库旁的 ../shared/seeds）。

    不在时：本地跳过并说明原因；``CI=true`` 时失败（CI 必须带上种子，否则这些测试等于没跑）。
    """
    if not SEEDS_DIR.is_dir() or not any(SEEDS_DIR.glob("*.txt")):
        message = f"没有种子报告文件夹 {SEEDS_DIR}（只在开发工作区里有，全新克隆里没有）"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true：{message}。", pytrace=False)
        pytest.skip(message)
    return SEEDS_DIR


def seed(name: str) -> Path:
    """一份种子报告的路径；文件夹不在时按 :func:`require_seeds` 跳过或失败。"""
    return require_seeds() / name


def seed_params() -> list[object]:
    """给 ``pytest.mark.parametrize`` 用的全部种子；文件夹不在时是一个会跳过（CI 里失败）的占位参数。"""
    found = sorted(SEEDS_DIR.glob("*.txt")) if SEEDS_DIR.is_dir() else []
    if found:
        return [pytest.param(path, id=path.name[:3]) for path in found]
    return [pytest.param(None, id="没有种子")]

def minimal_form(**changes: Any) -> dict[str, Any]:
    """一份最小的合法表单（字典，中文键，交给 build_report_from_data）；关键字参数用中文键替换或增加，
    值为 None 的键删掉，如 ``minimal_form(指标表=True, 日期=None)``。"""
    data: dict[str, Any] = {
        "单位": "贡觉县卫生健康委员会", "年度": 2024, "日期": "2025-01-07", "导语": "导语。",
        "工作开展情况": [{"标题": "开展健康体检", "内容": "全年组织体检。"}],
        "存在的问题": ["人才短缺。"], "下一步工作计划": [{"标题": "加强人才培养"}]}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# 一份最小的合法表单（YAML 文字）；各测试在它的基础上改出错误
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
    from generator.cli.commands import run

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


@pytest.fixture(autouse=True, scope="session")
def _private_config_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """测试不碰本机用户的配置文件夹（gen edit 的锁文件、令牌都记在那里）；要用别的文件夹的测试自己再设。"""
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("用户配置"))
