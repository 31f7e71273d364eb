"""汇总表里各县的先后：逐个写出的按写的顺序，通配符、文件夹展开的按文件名的自然顺序（数字按大小、汉字按拼音）。"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_rollup import COUNTIES, DATA

from generator.rollup.order import natural_key, natural_sorted


def names(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_numbers_by_value_chinese_by_pinyin() -> None:
    given_order = ["霍州市.yaml", "安泽县.yaml", "10-甲县.yaml", "2-乙县.yaml", "县10.yaml", "县2.yaml",
                   "长治县.yaml", "Beta.yaml", "alpha.yaml"]
    assert names(natural_sorted([Path(n) for n in given_order])) == [
        "2-乙县.yaml", "10-甲县.yaml", "alpha.yaml", "安泽县.yaml", "Beta.yaml", "霍州市.yaml", "县2.yaml",
        "县10.yaml", "长治县.yaml"]  # 长治 zhang3 zhi4（多音字按词读）


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="甲乙丙丁长重行0123456789aB-_ .", min_size=1, max_size=12), max_size=12))
def test_order_does_not_depend_on_the_listing(files: list[str]) -> None:
    """同一批文件，不管操作系统按什么顺序列出来，排出的先后都一样（全序，不报错）。"""
    paths = [Path(f"{name}.yaml") for name in files]
    shuffled = paths[:]
    random.Random(len(files)).shuffle(shuffled)
    assert natural_sorted(paths) == natural_sorted(shuffled)
    keys = [natural_key(p.name) for p in natural_sorted(paths)]
    assert keys == sorted(keys)


def _md_header(md: Path) -> list[str]:
    first = next(line for line in md.read_text(encoding="utf-8").splitlines() if line.startswith("| "))
    return [cell.strip() for cell in first.strip("|").split("|")][2:7]


def test_given_files_keep_their_order_folder_and_glob_by_pinyin(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "县级"
    folder.mkdir()
    for county in COUNTIES:
        shutil.copyfile(DATA / f"{county}.yaml", folder / f"{county}.yaml")
    (folder / "说明.txt").write_text("不是表单", encoding="utf-8")
    by_pinyin = [f"{c}卫生健康委员会" for c in ("丙县", "丁县", "甲县", "戊县", "乙县")]
    for args in ([str(folder)], [str(folder / "*.yaml")]):
        md = tmp_path / "汇总.md"
        result = gen("rollup", *args, "-o", str(md), "--force")
        assert result.code == 0, result.err
        assert _md_header(md) == by_pinyin
    given_order = ["戊县", "甲县", "丁县", "乙县", "丙县"]
    md = tmp_path / "逐个.md"
    assert gen("rollup", *[str(folder / f"{c}.yaml") for c in given_order], "-o", str(md)).code == 0
    assert _md_header(md) == [f"{c}卫生健康委员会" for c in given_order]


def test_empty_folder_is_a_usage_problem(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "空").mkdir()
    result = gen("rollup", str(tmp_path / "空"), str(tmp_path / "空"), "-o", str(tmp_path / "x.md"))
    assert result.code == 2
    assert "里没有表单文件（.yaml、.yml）" in result.err
