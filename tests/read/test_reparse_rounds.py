"""模糊测试发现（scripts/fuzz.py，issue 备注）：读不进的表单每一轮只修一行、再把整份表单解析一遍，
一份 700 行、一百多处同样毛病的表单要解析 200 遍（gen check 单独就要 6 秒）。这里钉住两种情形：
问题一次报全，整份表单的 ruamel 解析次数不随问题个数增长。"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import VALID_FORM

import generator.read.loader as loader

ITEM = """\
  - 键: 甲{n}
    名称: 甲{n}指标
    本期: 5
    单位: 人
"""


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """记下 ruamel 解析整份表单的次数。"""
    count: list[int] = []
    original = loader._load

    def counted(*args: Any) -> Any:
        count.append(1)
        return original(*args)

    monkeypatch.setattr(loader, "_load", counted)
    return count


def test_control_character_before_a_reference_costs_no_extra_parse(gen, form_file, parses) -> None:  # type: ignore[no-untyped-def]
    # “键: \x85{{甲}}乙”：U+0085 换成空格后值以 {{ 开头，要先换再加引号，否则每一行都要再解析一遍
    items = "".join(ITEM.format(n=n).replace(f"键: 甲{n}", f"键: \x85{{{{甲}}}}{n}") for n in range(40))
    path = form_file(VALID_FORM.replace("指标:\n", "指标:\n" + items))
    result = gen("check", str(path))
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if "错误：" in line]
    control = [line for line in lines if "控制字符（U+0085）" in line]
    assert len(control) == 40
    assert [int(line.split(":")[1]) for line in control] == [5 + 4 * n for n in range(40)]
    assert not any("YAML 格式不对" in line or "读取问题太多" in line for line in lines), lines
    assert len(parses) <= 2


def test_all_duplicate_keys_are_reported_in_one_parse(gen, form_file, parses) -> None:  # type: ignore[no-untyped-def]
    repeated = "".join(f"    目标: {n}\n" for n in range(60))
    path = form_file(VALID_FORM.replace("    单位: 人\n", "    单位: 人\n" + repeated))
    result = gen("check", str(path))
    assert result.code == 1
    duplicates = [line for line in result.err.splitlines() if "键“目标”在同一层里出现了两次" in line]
    # 第一次出现的“目标”不报，后面 59 次各报一次，指向各自的行
    first = VALID_FORM.split("\n").index("    单位: 人") + 2
    assert [int(line.split(":")[1]) for line in duplicates] == list(range(first + 1, first + 60))
    assert "读取问题太多" not in result.err
    assert len(parses) <= 3


def test_missing_dash_is_still_explained_when_keys_repeat(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    # 一次报全重复的键后，“前面少了“- ””这条更具体的说明仍然在
    text = VALID_FORM.replace("  - 标题: 开展健康体检\n    内容: 全年体检{{体检人数}}。\n",
                              "  - 标题: 开展健康体检\n    内容: 全年体检{{体检人数}}。\n"
                              "    标题: 加强宣传\n    内容: 发放资料。\n")
    result = gen("check", str(form_file(text)))
    assert result.code == 1
    assert "这里像是新的一项，但前面少了“- ”，所以“标题”重复了" in result.err
