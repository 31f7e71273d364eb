"""读取阶段：编码、坏字节、看不见的字符、行号的算法、嵌套深度、非普通文件、段落和办事员的写法。"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import VALID_FORM
from test_form_errors import check, first_error

from generator.form.reading import load_form_file
from generator.read.source import SourceText
from generator.render.render import split_paragraphs


def test_one_bad_byte_names_line_and_byte(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    raw = VALID_FORM.encode("utf-8").replace("人才短缺".encode(), "人才".encode() + b"\xe7\x9f")
    path.write_bytes(raw)
    result = check(gen, path)
    assert result.code == 1
    assert first_error(result.err, path) == (
        "F:14:7: 错误：这里有一个无法识别的字节（0xE7）：这个文件既不是有效的 UTF-8 编码，也不是 GBK 编码，"
        "多半是复制粘贴时混进了乱码。请在记事本或 WPS 里删掉这一行里的乱码字符重新输入，然后另存为 UTF-8 编码。\n"
        "      - 人才\ufffd。\n"
        "            ^\n")


@pytest.mark.parametrize(("command", "name"), [("check", "表单.yaml"), ("report", "表单.yaml"),
                                             ("import", "稿.txt"), ("check", "稿.txt")])
def test_bom_then_bad_byte(command: str, name: str, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(name=name)
    path.write_bytes(b"\xef\xbb\xbf" + "单位: ".encode() + b"\xff" + "测试\n".encode())
    result = gen(command, str(path))
    assert "Traceback" not in result.err and "内部出错" not in result.err
    assert result.code == 1
    assert first_error(result.err, path) == (
        "F:1:5: 错误：这里有一个无法识别的字节（0xFF）：这个文件既不是有效的 UTF-8 编码，也不是 GBK 编码，"
        "多半是复制粘贴时混进了乱码。请在记事本或 WPS 里删掉这一行里的乱码字符重新输入，然后另存为 UTF-8 编码。\n"
        "    单位: \ufffd测试\n"
        "          ^\n")


def test_gbk_form_with_a_bad_byte_is_located(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    raw = VALID_FORM.encode("gbk").replace("人才短缺".encode("gbk"), "人才".encode("gbk") + b"\xff")
    path.write_bytes(raw)
    result = check(gen, path)
    assert result.code == 1
    assert result.err.startswith(f"{path}:14:7: 错误：这里有一个无法识别的字节（0xFF）")


@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\ufffe", "\uffff"])
def test_invisible_characters_are_located(char: str, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(VALID_FORM.replace("2024年，我委", f"2024年{char}，我委"))
    result = check(gen, path)
    assert result.code == 1
    kind = "无效字符" if ord(char) >= 0xD800 else "控制字符"
    assert first_error(result.err, path).split("\n")[0] == (
        f"F:3:10: 错误：这里有一个看不见的{kind}（U+{ord(char):04X}），Word 文件无法保存它。"
        "请删掉这几个字重新输入，或从记事本里复制纯文字粘贴。")


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\ufeff"])
def test_lines_are_counted_like_yaml(char: str, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    """这些字符 YAML 不当换行（str.splitlines 会）：后面的错误行号不能错位。"""
    path = form_file(VALID_FORM.replace("我委扎实", f"我委{char}扎实").replace("2025-01-07", "2025-02-30"))
    result = check(gen, path)
    assert result.code == 1
    assert first_error(result.err, path) == (
        "F:17:5: 错误：“日期”：2025-02-30 这一天不存在（2月没有30日）。\n"
        "    日期: 2025-02-30\n"
        "          ^\n")


def test_source_text_line_index() -> None:
    source = SourceText(Path("x.yaml"), "甲: 1\n乙\x0b丙: 2\n\n丁: 3\n", "utf-8")
    assert source.lines == ["甲: 1", "乙\x0b丙: 2", "", "丁: 3"]
    assert [source.position(i) for i in (0, 4, 5, 7, 12, 13)] == [(1, 1), (1, 5), (2, 1), (2, 3), (3, 1),
                                                                   (4, 1)]
    assert source.line(4) == "丁: 3"
    assert source.line(5) is None


@pytest.mark.parametrize(("value", "column"), [('"\\ud800"', 9), ('"12\\x0b3"', 9)])
def test_escaped_characters_in_numbers(value: str, column: int, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(VALID_FORM.replace("本期: 15719", f"本期: {value}"))
    result = check(gen, path)
    assert result.code == 1
    code = "D800" if "ud800" in value else "000B"
    kind = "无效字符" if code == "D800" else "控制字符"
    offset = 1 if code == "D800" else 3
    assert first_error(result.err, path) == (
        f"F:7:{column}: 错误：“指标 第1项 本期”里有一个看不见的{kind}（U+{code}，在第 {offset} 个字处），"
        "Word 文件无法保存它。请删掉这段文字重新输入，或从记事本里复制纯文字粘贴。\n"
        f"        本期: {value}\n"
        "              ^\n")


def test_escaped_surrogate_in_text_gives_one_message(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(VALID_FORM.replace("单位: 贡觉县卫生健康委员会", '单位: "贡觉\\ud800县"'))
    result = check(gen, path)
    assert result.code == 1
    assert first_error(result.err, path) == (
        "F:1:5: 错误：“单位”里有一个看不见的无效字符（U+D800，在第 3 个字处），Word 文件无法保存它。"
        "请删掉这段文字重新输入，或从记事本里复制纯文字粘贴。\n"
        '    单位: "贡觉\\ud800县"\n'
        "          ^\n")


@pytest.mark.parametrize("text", ["单位: " + "[" * 3000, "单位: " + "{a: " * 3000, "- " * 3000 + "x"])
def test_deep_nesting_is_rejected_early(text: str, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(text + "\n")
    result = check(gen, path)
    assert result.code == 1
    lines = first_error(result.err, path).split("\n")
    assert lines[0].endswith("错误：这里的列表或“键: 值”嵌套超过了 40 层，表单用不到这么深。"
                             "请检查是不是多写了“[”“{”或“- ”。")
    assert lines[0].startswith("F:1:")
    assert len(lines[1]) < 100  # 很长的行只显示出错处前后一段
    assert lines[1].index("…") == 4 and lines[2].index("^") == 4 + 1 + 40


def test_non_regular_files_are_refused(gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fifo = tmp_path / "管道.yaml"
    os.mkfifo(fifo)
    result = check(gen, fifo)
    assert result.code == 1
    assert result.err == (f"{fifo}: 错误：{fifo} 不是普通文件（可能是设备或管道），不能作为表单读取。"
                          "请选一个保存在磁盘上的文件。\n")
    path = form_file(VALID_FORM + f"样式: {fifo}\n")
    result = gen("report", str(path), "-f", "md")
    assert result.code == 1
    assert f"{fifo} 不是普通文件（可能是设备或管道），不能作为版式配置读取。" in result.err


# ---------------------------------------------------------------- 办事员的写法


def _markdown(gen, form_file, text: str) -> str:  # type: ignore[no-untyped-def]
    path = form_file(text)
    result = gen("report", str(path), "-f", "md")
    assert result.code == 0, result.err
    return path.with_suffix(".md").read_text(encoding="utf-8")


@pytest.mark.parametrize("intro", [
    "导语: >-\n  第一段第一行\n  接着写。\n\n  第二段。\n",
    "导语: >\n  第一段第一行\n  接着写。\n\n  第二段。\n",
    "导语: 第一段第一行\n  接着写。\n\n  第二段。\n",
    "导语: |\n  第一段第一行\n  接着写。\n\n  第二段。\n",
    "导语: |-\n  第一段第一行\n  接着写。\n\n\n  第二段。\n",
])
def test_one_blank_line_starts_a_paragraph(intro: str, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    """README：“空一行表示分段”——无论用 >-、>、| 还是不加符号。"""
    text = VALID_FORM.replace("导语: 2024年，我委扎实推进各项工作。现总结如下。\n", intro)
    markdown = _markdown(gen, form_file, text)
    assert "\n\n第一段第一行接着写。\n\n第二段。\n\n" in markdown


def test_percent_unit_needs_no_quotes(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = VALID_FORM.replace("工作开展情况:", "  - 键: 接种率\n    名称: 接种率\n    本期: 96.5\n"
                              "    单位: %   # 百分比\n工作开展情况:").replace("。\n存在", "，接种率{{接种率}}。\n存在")
    assert "接种率96.5%。" in _markdown(gen, form_file, text)


def test_percent_inside_a_text_block_is_kept(form_file) -> None:  # type: ignore[no-untyped-def]
    text = VALID_FORM.replace("    单位: 人", "    单位: %\n    说明: |\n      单位: %\n")
    loaded = load_form_file(form_file(text))
    assert loaded.data["指标"][0]["说明"] == "单位: %\n"
    assert loaded.data["指标"][0]["单位"] == "%"


@pytest.mark.parametrize("year", ["2024年", "2024 年", "2024年度"])
def test_year_with_nian(year: str, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(VALID_FORM.replace("年度: 2024", f"年度: {year}"))
    result = check(gen, path)
    assert result.code == 0, result.err
    assert result.err == ""


@pytest.mark.parametrize("written", ["2026.1.9", "2026/1/9", "2026年1月9日", "2026/01/09"])
def test_dates_clerks_write(written: str, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    # 年度 2025：2026 年 1 月的日期在通常的成文时间里（不然另有 GEN504 的警告）
    path = form_file(VALID_FORM.replace("2025-01-07", written).replace("年度: 2024", "年度: 2025"))
    result = gen("report", str(path), "-f", "md")
    assert result.code == 0
    assert first_error(result.err, path) == (
        f"F:17:5: 提示：日期“{written}”可以识别，但表单里的标准写法是 2026-01-09，建议改成“日期: 2026-01-09”。\n"
        f"    日期: {written}\n"
        "          ^\n")
    assert "\n2026年1月9日\n" in path.with_suffix(".md").read_text(encoding="utf-8")


def test_impossible_date_in_clerk_form(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(VALID_FORM.replace("2025-01-07", "2025年2月30日"))
    result = check(gen, path)
    assert result.code == 1
    assert first_error(result.err, path).split("\n")[0] == (
        "F:17:5: 错误：“日期”：2025年2月30日 这一天不存在（2月没有30日）。")


def test_continuation_with_colon_is_not_a_key(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    """多行文字的续行里出现“时间:2024年”是正常的文字，不能当成没空格的键（生成时汉字之间的冒号改成全角）。"""
    text = VALID_FORM.replace("    内容: 全年体检{{体检人数}}。",
                              "    内容: 全年体检{{体检人数}}，\n      时间:2024年全年。")
    assert "全年体检15719人，时间：2024年全年。" in _markdown(gen, form_file, text)


@pytest.mark.parametrize(("line", "expected"), [
    ("    内容: {{体检人数}}是全年体检人数。", "**（一）开展健康体检**。15719人是全年体检人数。"),
    ("    内容: {{体检人数}}", "**（一）开展健康体检**。15719人。"),
    ("    内容: {{体检人数}}，覆盖全县。  # 注释", "**（一）开展健康体检**。15719人，覆盖全县。"),
])
def test_value_may_start_with_a_reference(line: str, expected: str, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = VALID_FORM.replace("    内容: 全年体检{{体检人数}}。", line)
    assert expected in _markdown(gen, form_file, text).split("\n")


def test_reference_at_the_start_of_a_continuation_line_is_text(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = VALID_FORM.replace("    内容: 全年体检{{体检人数}}。", "    内容: 全年体检\n      {{体检人数}}，比上年增长。")
    assert "**（一）开展健康体检**。全年体检15719人，比上年增长。" in _markdown(gen, form_file, text).split("\n")


@pytest.mark.parametrize(("text", "expected"), [
    ("全年体检\n15719人，共 3 次", "全年体检15719人，共3次"),
    ("2024 年 3 月，增长 5.2% 。", "2024年3月，增长5.2%。"),
    ("使用 Word 和 WPS 编辑", "使用 Word 和 WPS 编辑"),
])
def test_fold_spaces_between_chinese_and_digits_are_removed(text: str, expected: str) -> None:
    assert split_paragraphs(text) == [expected]


def test_reference_at_line_start_inside_a_text_block_is_kept(form_file) -> None:  # type: ignore[no-untyped-def]
    text = VALID_FORM.replace("    内容: 全年体检{{体检人数}}。", "    内容: |\n      - {{体检人数}}是人数")
    loaded = load_form_file(form_file(text))
    assert loaded.data["工作开展情况"][0]["内容"] == "- {{体检人数}}是人数\n"


def test_continuation_with_colon_before_a_later_error(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = VALID_FORM.replace("    内容: 全年体检{{体检人数}}。",
                              "    内容: 全年体检{{体检人数}}，\n      时间:2024年全年。").replace("年度: 2024", "年度：2024")
    path = form_file(text)
    result = check(gen, path)
    assert result.code == 1
    assert [line.split("：")[0] for line in first_error(result.err, path).split("\n") if line.startswith("F:")] == [
        "F:2:3: 错误"]


def test_continuation_may_start_with_fullwidth_spaces(form_file) -> None:  # type: ignore[no-untyped-def]
    """gen import 折行时，续行可能以全角空格开头：这是文字，不是缩进。"""
    text = VALID_FORM.replace("各项工作。现总结如下。", "各项工作。\n  \u3000\u3000现总结如下。")
    loaded = load_form_file(form_file(text))
    assert loaded.data["导语"] == "2024年，我委扎实推进各项工作。 \u3000\u3000现总结如下。"


@pytest.mark.parametrize("slow", [False, True])
def test_huge_integer_is_a_located_error(form_file, gen, slow: bool) -> None:  # type: ignore[no-untyped-def]
    """几千位的整数（int() 会抛 ValueError）：快路和 ruamel 慢路都给出带行号的中文错误。"""
    text = VALID_FORM.replace("年度: 2024", "年度: " + "9" * 5000)
    if slow:  # Tab 在注释里：快路不处理，交给 ruamel
        text = "#\t注释\n" + text
    path = form_file(text)
    result = gen("check", str(path))
    assert result.code == 1, result.err
    line = 3 if slow else 2
    assert result.err.startswith(f"{path}:{line}:5: 错误：“年度”的数字太长了（几十位以上），请填一个实际的数字。"), result.err
    assert "内部出错" not in result.err
