"""中文序号：任意个数都能编号（一百、一百零一……），也都能识别、去掉和检查。"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VALID_FORM

from generator.checks import check_paragraphs
from generator.form.numbering import chinese_number, chinese_value, split_typed_number


@pytest.mark.parametrize(("n", "text"), [
    (1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (99, "九十九"), (100, "一百"), (101, "一百零一"),
    (110, "一百一十"), (111, "一百一十一"), (120, "一百二十"), (999, "九百九十九"), (1000, "一千"),
    (1001, "一千零一"), (1010, "一千零一十"), (1100, "一千一百"), (10000, "一万"), (10001, "一万零一"),
    (10010, "一万零一十"), (10100, "一万零一百"), (11000, "一万一千"), (100000, "十万"),
    (110000, "十一万"), (1000000, "一百万"), (100000000, "一亿"), (100010000, "一亿零一万"),
])
def test_chinese_number(n: int, text: str) -> None:
    assert chinese_number(n) == text
    assert chinese_value(text) == n


def test_every_number_round_trips() -> None:
    spelled = [chinese_number(n) for n in range(1, 30001)]
    assert len(set(spelled)) == len(spelled)
    assert [chinese_value(text) for text in spelled] == list(range(1, 30001))


@pytest.mark.parametrize("text", ["", "百", "二二", "十十", "一百一", "零", "一零", "甲", "一千零零一", "万"])
def test_irregular_numerals_are_not_numbers(text: str) -> None:
    assert chinese_value(text) == 0


def test_variants_clerks_type() -> None:
    assert chinese_value("一十二") == 12
    assert chinese_value("一百〇一") == 101


def test_zero_and_negative_are_refused() -> None:
    with pytest.raises(ValueError, match="序号必须是正整数"):
        chinese_number(0)


@pytest.mark.parametrize(("typed", "number", "rest"), [
    ("九十九是加强防控", "九十九是", "加强防控"),
    ("一百是加强防控", "一百是", "加强防控"),
    ("（一百零一）加强防控", "（一百零一）", "加强防控"),
    ("一百二十、加强防控", "一百二十、", "加强防控"),
    ("百姓满意", "", "百姓满意"),
])
def test_typed_numbers_of_any_size_are_split(typed: str, number: str, rest: str) -> None:
    assert split_typed_number(typed) == (number, rest)


def _items(count: int, key: str = "工作开展情况") -> str:
    items = "".join(f"  - 标题: 开展第{n}项工作\n" for n in range(1, count + 1))
    start = VALID_FORM.index(f"{key}:")
    end = VALID_FORM.index("存在的问题:")
    return VALID_FORM[:start] + f"{key}:\n" + items + VALID_FORM[end:]


def test_hundred_and_more_items_are_numbered(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    form = _items(120).replace("体检{{体检人数}}", "x")
    form = form.replace("导语: 2024年，我委扎实推进各项工作。", "导语: 2024年，我委全年体检{{体检人数}}。")
    path = form_file(form)
    result = gen("report", str(path), "-f", "md")
    assert result.code == 0, result.err
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    assert "**（九十九）开展第99项工作**。" in markdown
    assert "**（一百）开展第100项工作**。" in markdown
    assert "**（一百二十）开展第120项工作**。" in markdown


def test_hundred_and_more_points(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    points = "".join(f"      - 做好第{n}件事\n" for n in range(1, 102))
    path = form_file(VALID_FORM.replace("    内容: 全年体检{{体检人数}}。\n",
                                        "    内容: 全年体检{{体检人数}}。\n    要点:\n" + points))
    result = gen("report", str(path), "-f", "md")
    assert result.code == 0, result.err
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    assert "九十九是做好第99件事；一百是做好第100件事；一百零一是做好第101件事。" in markdown


def test_point_99_in_text_is_checked(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(VALID_FORM.replace("全年体检{{体检人数}}。", "九十九是加强防控；五是开展宣传。"))
    result = gen("check", str(path))
    assert result.code == 1
    assert result.err.replace(str(path), "F") == (
        "F:12:9: 错误：[GEN301] “九十九是”跳号了：前面没有“一是”，这里应该是第1点。\n"
        "        内容: 九十九是加强防控；五是开展宣传。\n"
        "              ^\n"
        "    提示：应为：一是\n"
        "F:12:18: 错误：[GEN301] “五是”重复了：前面是第99点，这里应该是第100点。\n"
        "        内容: 九十九是加强防控；五是开展宣传。\n"
        "                                ^\n"
        "    提示：应为：一百是\n")


def test_report_numbering_past_ninety_nine() -> None:
    paragraphs = ["某局2024年工作总结", "一、工作开展情况"]
    paragraphs += [f"（{chinese_number(n)}）做好第{n}项工作。" for n in range(1, 103)]
    paragraphs += ["二、存在的问题", "人手不足。", "三、下一步工作计划", "（一）补充人手。"]
    assert check_paragraphs(paragraphs, file=Path("r.txt"), year=2024) == []
    skipped = paragraphs[:101] + paragraphs[102:]  # 没有（一百）
    messages = [d.message for d in check_paragraphs(skipped, file=Path("r.txt"), year=2024)]
    assert messages == ["二级序号“（一百零一）”不连续：这里应该是（一百）。"]


def test_new_level1_restarts_level2_after_ninety_nine(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.txt"
    path.write_text("某局2024年工作总结\n一、工作开展情况\n（九十九）加强防控。\n（一）加强管理。\n",
                    encoding="utf-8")
    result = gen("check", str(path))
    assert result.code == 1
    assert "二级序号“（九十九）”不连续：这里应该是（一）。" in result.err
    assert "二级序号“（一）”不连续：这里应该是（一百）。" in result.err
    assert "内部出错" not in result.err


def test_hundred_and_more_one_line_problems() -> None:
    from generator.api import render_markdown

    form = {"单位": "测试县卫生健康委员会", "年度": 2024, "导语": "导语。", "日期": "2025-01-07",
            "工作开展情况": [{"标题": "加强防控"}], "存在的问题": [f"问题{n}。" for n in range(1, 121)],
            "下一步工作计划": [{"标题": "培养人才"}]}
    markdown = render_markdown(form)
    assert "九十九是问题99；一百是问题100；一百零一是问题101；" in markdown
    assert "一百二十是问题120。" in markdown


def test_line_100_is_printed_as_a_number(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    # rich 默认把“:100:”换成表情符号 💯：第 100 行的错误曾显示成“表单.yaml💯9”
    lines = VALID_FORM.splitlines()
    padding = ["# 说明"] * (100 - 1 - lines.index("    内容: 全年体检{{体检人数}}。"))
    form = "\n".join(padding + lines).replace("全年体检{{体检人数}}。", "全年体检{{体检人次}}。") + "\n"
    path = form_file(form)
    result = gen("check", str(path))
    assert result.code == 1
    assert result.err.startswith(f"{path}:100:15: 错误：引用了不存在的指标“体检人次”。")
    assert "💯" not in result.err
