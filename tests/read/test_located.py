"""一遍带出行列（generator.read.located）与逐一调用 locate 的结果相同；大表单上的位置也准确。"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, VALID_FORM

from generator.compute import compute
from generator.form.reading import parse_form as parse_yaml
from generator.form.validate import validate_form
from generator.read.fastload import FastMap
from generator.read.loader import _load
from generator.read.located import iter_located_strings, iter_strings, locate, strings_where
from generator.read.source import SourceText


def _one_by_one(value: Any, data: Any) -> list[tuple[Any, ...]]:
    return [(path, text, *locate(data, path)[:2]) for path, text in iter_strings(value)]


def _loaded(text: str) -> Any:
    return parse_yaml(SourceText(Path("f.yaml"), text, "utf-8"))


FORMS = [VALID_FORM] + [p.read_text(encoding="utf-8") for p in EXAMPLES]


@pytest.mark.parametrize("text", FORMS, ids=["valid"] + [p.stem for p in EXAMPLES])
def test_located_strings_match_locate_on_the_exported_form(text: str) -> None:
    loaded = _loaded(text)
    assert isinstance(loaded.data, FastMap)  # 快路
    form, warnings = validate_form(loaded)
    plain = compute(loaded, form, warnings).form.model_dump(by_alias=True, exclude_none=True)
    expected = _one_by_one(plain, loaded.data)
    assert list(iter_located_strings(plain, loaded.data)) == expected
    assert any(line not in (None, 1) for _, _, line, _ in expected)


@pytest.mark.parametrize("text", FORMS, ids=["valid"] + [p.stem for p in EXAMPLES])
def test_located_strings_match_locate_on_ruamel_data(text: str) -> None:
    data, _ = _load(SourceText(Path("f.yaml"), text, "utf-8"), text)  # 慢路：ruamel 的 CommentedMap
    assert list(iter_located_strings(data, data)) == _one_by_one(data, data)


def test_parts_missing_from_the_yaml_fall_back_like_locate() -> None:
    loaded = _loaded(VALID_FORM)
    data = loaded.data
    data["工作开展情况"][0]["新键"] = "后来加上的"  # 有值、没有位置
    data["补上的"] = {"甲": ["一", {"乙": "二"}]}  # 普通 dict/list，没有 lc
    value = {**data, "默认": {"丙": ["三"]}, "工作开展情况": [*data["工作开展情况"], {"标题": "多出的一项"}]}
    found = list(iter_located_strings(value, data))
    assert found == _one_by_one(value, data)
    assert ("默认", "丙", 0) in [path for path, *_ in found]


def _large_form(count: int, last: str) -> str:
    items = "".join(f"      - 标题: 事项{i}\n        内容: 开展工作。\n" for i in range(count - 1))
    items += f"      - 标题: 事项{count - 1}\n        内容: {last}\n"
    return VALID_FORM.replace("    内容: 全年体检{{体检人数}}。\n",
                              "    内容: 全年体检{{体检人数}}。\n    子项:\n" + items)


def test_findings_in_the_last_of_2000_items_point_at_its_line(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = _large_form(2000, "共开展X次培训。")
    path = form_file(text)
    line = text.splitlines().index("        内容: 共开展X次培训。") + 1  # 文件里最后一个“内容”
    assert line > 4000
    result = gen("check", str(path))
    assert result.code == 1
    assert result.err.replace(str(path), "F") == (
        f"F:{line}:16: 错误：[GEN101] “X”像是没填的占位符，请填上实际内容。\n"
        "            内容: 共开展X次培训。\n"
        + " " * 24 + "^\n")
    assert result.out == f"{path}：1 个错误，0 个警告，0 条提示。\n"


def test_reference_error_in_the_last_of_2000_items_points_at_its_line(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = _large_form(2000, "全年体检{{体检人]}。")
    path = form_file(text)
    line = text.splitlines().index("        内容: 全年体检{{体检人]}。") + 1
    result = gen("check", str(path))
    assert result.code == 1
    assert result.err.replace(str(path), "F") == (
        f"F:{line}:17: 错误：引用的写法不对（大括号没有成对）。引用要写成 {{{{键}}}} 或 {{{{键.同比}}}}，"
        "两边各两个半角大括号。\n"
        "            内容: 全年体检{{体检人]}。\n"
        + " " * 26 + "^\n")


@pytest.mark.parametrize("keep", ["。", "{", "请补写", "人"])
def test_strings_where_keeps_the_order_of_iter_strings(keep: str) -> None:
    data = _loaded(FORMS[-1] + "补: [甲, {乙: [丙请补写, 丁]}, 请补写]\n").data
    selected = list(strings_where(data, lambda text: keep in text))
    assert selected == [(path, text) for path, text in iter_strings(data) if keep in text]
    assert selected
