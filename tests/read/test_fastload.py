"""快路（libyaml）与慢路（ruamel）逐项比对：数据、类型、每个键和值的行列、续行号都必须相同。"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, VALID_FORM
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.read.fastload import FastMap, FastSeq, MapPositions, _Unusual, fast_load, pack
from generator.read.loader import MAX_DEPTH, _load
from generator.read.source import SourceText

_SAME_KIND = {FastMap: CommentedMap, FastSeq: CommentedSeq}


def _positions(node: Any) -> list[tuple[Any, ...]]:
    """容器自身和每个键、值或每一项的行列，按 locate 读它们的方式读出。"""
    own: list[tuple[Any, ...]] = [(node.lc.line, node.lc.col)]
    if isinstance(node, dict):
        return own + [(key, node.lc.key(key), node.lc.value(key)) for key in node]
    return own + [(index, node.lc.item(index)) for index in range(len(node))]


def _difference(fast: Any, slow: Any, path: tuple[Any, ...] = ()) -> str | None:
    if _SAME_KIND.get(type(fast), type(fast)) is not type(slow):
        return f"{path}: {type(fast).__name__} {fast!r} ≠ {type(slow).__name__} {slow!r}"
    if isinstance(fast, (FastMap, FastSeq)):
        if _positions(fast) != _positions(slow):
            return f"{path}: 位置 {_positions(fast)} ≠ {_positions(slow)}"
        if isinstance(fast, FastMap):
            if list(fast) != list(slow):
                return f"{path}: 键 {list(fast)} ≠ {list(slow)}"
            pairs = [(key, fast[key], slow[key]) for key in fast]
        else:
            if len(fast) != len(slow):
                return f"{path}: 长度"
            pairs = [(index, a, b) for index, (a, b) in enumerate(zip(fast, slow, strict=True))]
        for key, a, b in pairs:
            found = _difference(a, b, (*path, key))
            if found:
                return found
        return None
    return None if fast == slow else f"{path}: {fast!r} ≠ {slow!r}"


def _compare(text: str) -> str:
    """"same"：两条路结果相同；"fallback"：快路不处理；其他：差异说明。"""
    fast = fast_load(text, MAX_DEPTH)
    if fast is None:
        return "fallback"
    data, scan = _load(SourceText(Path("f.yaml"), text, "utf-8"), text)
    if scan.error is not None or scan.plain_error is not None or scan.problems:
        return f"快路读通了，慢路报错：{scan.error or scan.plain_error or scan.problems[0].message}"
    found = _difference(fast[0], data)
    if found:
        return found
    return "same" if fast[1] == scan.continued else f"续行 {sorted(fast[1] ^ scan.continued)}"


SAMPLES = [
    "单位: x\n年度: 2024\n空值:\n下一个: 1\n最后:\n",
    "列表:\n  -\n  - 甲\n  - \n映射:\n  键:\n    - 1\n",
    "导语: |\n  第一行\n\n  第二行\n内容: >-\n  折行\n  接着\n\n  分段\n单: '引号''里'\n双: \"转义\\n换行\"\n",
    "数: [1, -2, +3, 0, -0, 010, 1.50, .5, 1e3, -1.5e-3, .inf, .nan, true, False, null, ~, 2025-01-07, 2025-1-7]\n",
    "流: {甲: 1, 乙: [a, b], 丙: {丁: null}}\n# 注释\n长: 第一行\n  第二行\n\n  第三段\n",
    "- 标题: 甲\n  要点:\n    - 一\n    - 二\n- 标题: 乙\n  子项:\n  - 标题: 丙\n",
    "# 只有注释\n",
    "流: {乙: 1}\n列: [甲: 1, 乙, ]\n空:\n  # 注释\n下: |+\n  保留\n\n折: >2\n    缩进\n",
    "甲: null\n乙: Null\n丁: True\n戊: yes\n己: on\n庚: 1:20\n辛: ! 1\n...\n",
    "键: 值 # 行尾注释\n\"引号键\": 1\n'单引号键': 2\n3: 数字键\n",
    "年度: " + "9" * 5000 + "\n本期: -" + "1" * 31 + "\n上期: " + "2" * 30 + "\n",  # 超长整数保留原文
]


@pytest.mark.parametrize("text", SAMPLES + [VALID_FORM] + [p.read_text(encoding="utf-8") for p in EXAMPLES])
def test_fast_path_builds_what_ruamel_builds(text: str) -> None:
    assert _compare(text) == "same"


@pytest.mark.parametrize("text", [
    "甲: &a 1\n乙: *a\n", "甲: !!str 1\n", "甲:\t1\n", "甲: 1\u2028乙\n", "甲: 1\n甲: 2\n", "? [a]\n: 1\n",
    "甲: 1\n---\n乙: 2\n", "%YAML 1.2\n---\n甲: 1\n", "甲: 0x1F\n", "甲: 1_000\n", "<<: {a: 1}\n",
    "甲: [\n", "甲: \"未结束\n", "流: {甲: , 乙: 1}\n", "单位: %\n", "单位: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
])
def test_unusual_forms_take_the_ruamel_path(text: str) -> None:
    assert fast_load(text, MAX_DEPTH) is None


def test_mutants_agree_or_fall_back() -> None:
    """固定种子的变异：快路读通的，慢路必须读通且结果完全相同。"""
    rng = random.Random(20261123)
    bases = [VALID_FORM] + [p.read_text(encoding="utf-8") for p in EXAMPLES]
    pieces = [*":：-# \n\"'[]{}*&!%@|>,?0123456789.",
              "\u3000", "年", "- ", "  ", "\n\n", "true", "null", "~", "1e3", ".5", "k: v\n", "|\n", ">-\n", "  - x\n"]
    outcomes: dict[str, int] = {}
    for _ in range(300):
        text = rng.choice(bases)
        for _ in range(rng.randint(1, 5)):
            pos = rng.randrange(len(text))
            cut = rng.choice([0, 0, 1, 3])
            text = text[:pos] + rng.choice(pieces) + text[pos + cut:]
        result = _compare(text)
        key = result if result in ("same", "fallback") else "差异"
        outcomes[key] = outcomes.get(key, 0) + 1
        assert result in ("same", "fallback"), (result, text)
    assert outcomes.get("same", 0) > 50  # 变异不能全都落到慢路，否则这个测试什么也没比


def _generated(rng: random.Random) -> str:
    """随机生成结构合法的 YAML：块和花括号/方括号写法混用，空值、文本块、多行文字、注释。"""
    scalars = ["甲", "乙 丙", "1", "0", "-3", "1.5", "true", "null", "~", "'引号'", '"双\\n引"', "2025-01-07",
               "{{键}}", "x:y", "a b"]

    def flow(depth: int) -> str:
        if depth > 2 or rng.random() < 0.4:
            return rng.choice(scalars)
        if rng.random() < 0.5:
            return "[" + ", ".join(flow(depth + 1) for _ in range(rng.randint(0, 3))) + "]"
        return "{" + ", ".join(f"键{i}: {flow(depth + 1)}" for i in range(rng.randint(0, 3))) + "}"

    def value(indent: int, head: str, depth: int) -> list[str]:
        pad, roll = " " * (indent + 2), rng.random()
        if depth < 3 and roll < 0.3:
            return [head, *block(indent + 2, depth + 1)]
        choices = [[f"{head} |", f"{pad}第一行", "", f"{pad}第二行"], [f"{head} >-", f"{pad}折", f"{pad}行"],
                   [head], [f"{head} 多行", f"{pad}接着"], [f"{head} {flow(0)}"],
                   [f"{head} {rng.choice(scalars)}  # 注释"], [f"{head} {rng.choice(scalars)}"]]
        return rng.choice(choices)

    def block(indent: int, depth: int) -> list[str]:
        lines: list[str] = []
        mapping = rng.random() < 0.5
        for i in range(rng.randint(1, 3)):
            lines += value(indent, " " * indent + (f"键{i}:" if mapping else "-"), depth)
        return lines

    return "\n".join(block(0, 0)) + "\n"


def test_generated_documents_agree() -> None:
    rng = random.Random(11)
    results = [_compare(_generated(rng)) for _ in range(300)]
    assert {r for r in results if r not in ("same", "fallback")} == set()
    assert results.count("same") > 200


def test_repeated_keys_share_one_string_and_positions_are_compact() -> None:
    """几万个事项的“标题”“内容”共用一个字符串；每个键的四个行列合成一个整数（大表单省几十 MB）。"""
    text = "列表:\n" + "".join(f"  - 标题: 事项{i}\n    内容: 开展工作。\n" for i in range(3))
    built = fast_load(text, MAX_DEPTH)
    assert built is not None
    items = built[0]["列表"]
    assert len({id(key) for item in items for key in item}) == 2
    assert all(type(pos) is int for item in items for pos in item.lc.data.values())
    assert [(item.lc.key("内容"), item.lc.value("内容")) for item in items] == [
        ((2, 4), (2, 8)), ((4, 4), (4, 8)), ((6, 4), (6, 8))]


@pytest.mark.parametrize("numbers", [(0, 0, 0, 0), (1, 2, 3, 4), (2**32 - 1, 7, 2**32 - 1, 2**31), (5, 2**32 - 1, 6, 0)])
def test_packed_positions_come_back_unchanged(numbers: tuple[int, int, int, int]) -> None:
    positions = MapPositions(0, 0)
    positions.data["键"] = pack(*numbers)
    assert (*positions.key("键"), *positions.value("键")) == numbers


def test_positions_too_large_to_pack_take_the_ruamel_path() -> None:
    with pytest.raises(_Unusual):
        pack(2**32, 0, 0, 0)
