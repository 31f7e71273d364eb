"""正式公文的“公文:”一组（issue 25）：gen check 的 GEN801–GEN810，每条指向表单里那一项的行列并给出改法。"""

from __future__ import annotations

import json

import pytest
from conftest import VALID_FORM
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checks.frame_rules import NUMBER, parse_number

GOOD_FRAME = """\
公文:
  发文机关标志: 贡觉县卫生健康委员会文件
  发文字号: 贡卫健发〔2025〕3号
  签发人: 张三
  主送机关: 昌都市卫生健康委员会
  抄送机关: [贡觉县人民政府办公室]
  印发机关: 贡觉县卫生健康委员会办公室
  印发日期: 2025-01-08
"""


def findings(gen, form_file, frame: str, extra: str = ""):  # type: ignore[no-untyped-def]
    result = gen("check", "--format", "json", str(form_file(VALID_FORM + extra + frame)))
    return [(f["code"], f["severity"], f["line"], f["column"], f["message"], f["fix"])
            for f in json.loads(result.out) if str(f["code"]).startswith("GEN8")]


def frame_line(key: str, frame: str = GOOD_FRAME) -> int:
    """“公文:”一组里某一项在表单里的行号（VALID_FORM 之后）。"""
    base = VALID_FORM.count("\n")
    for number, line in enumerate(frame.splitlines(), base + 1):
        if line.strip().startswith(key + ":"):
            return number
    raise AssertionError(key)


def test_a_correct_frame_has_no_findings(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    assert findings(gen, form_file, GOOD_FRAME) == []


def test_no_frame_no_frame_checks(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    assert findings(gen, form_file, "") == []


@pytest.mark.parametrize("written,why,fixed", [
    ("贡卫健发[2025]3号", "六角括号", "贡卫健发〔2025〕3号"),
    ("贡卫健发(2025)3号", "六角括号", "贡卫健发〔2025〕3号"),
    ("贡卫健发【2025】3号", "六角括号", "贡卫健发〔2025〕3号"),
    ("贡卫健发（2025）3号", "六角括号", "贡卫健发〔2025〕3号"),
    ("贡卫健发〔2025〕03号", "不编虚位", "贡卫健发〔2025〕3号"),
    ("贡卫健发〔2025〕第3号", "不加“第”", "贡卫健发〔2025〕3号"),
    ("贡卫健发〔25〕3号", "4 位", "贡卫健发〔2025〕3号"),
    ("贡卫健发〔2025〕3", "“号”字", "贡卫健发〔2025〕3号"),
])
def test_number_format(gen, form_file, written: str, why: str, fixed: str) -> None:  # type: ignore[no-untyped-def]
    frame = GOOD_FRAME.replace("贡卫健发〔2025〕3号", written)
    found = findings(gen, form_file, frame)
    assert [(code, severity, line, column) for code, severity, line, column, _, _ in found] == [
        ("GEN801", "错误", frame_line("发文字号"), 9)]
    assert why in found[0][4] and written in found[0][4]
    assert found[0][5] == f"应为：{fixed}"


def test_number_without_organ_code(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    found = findings(gen, form_file, GOOD_FRAME.replace("贡卫健发〔2025〕3号", "〔2025〕3号"))
    assert [f[0] for f in found] == ["GEN801"]
    assert "机关代字" in found[0][4] and "如 某卫健发〔2025〕3号" in found[0][5]


def test_unreadable_number(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    found = findings(gen, form_file, GOOD_FRAME.replace("贡卫健发〔2025〕3号", "三号文"))
    assert [f[0] for f in found] == ["GEN801"] and "认不出来" in found[0][4]


def test_number_year_against_date(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    found = findings(gen, form_file, GOOD_FRAME.replace("〔2025〕", "〔2024〕"))
    assert [(f[0], f[1], f[2]) for f in found] == [("GEN802", "错误", frame_line("发文字号"))]
    assert "2024" in found[0][4] and "2025年1月7日" in found[0][4]
    assert found[0][5] == "应为：贡卫健发〔2025〕3号，或改“日期”"


def test_upward_without_main_recipient(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    frame = GOOD_FRAME.replace("  主送机关: 昌都市卫生健康委员会\n", "")
    found = findings(gen, form_file, frame)
    assert [(f[0], f[1], f[2]) for f in found] == [("GEN803", "错误", frame_line("签发人", frame))]
    assert "主送机关" in found[0][5]
    # 没写签发人（下行文、平行文）可以不写主送机关
    assert findings(gen, form_file, frame.replace("  签发人: 张三\n", "")) == []


def test_print_date_before_and_long_after(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    before = findings(gen, form_file, GOOD_FRAME.replace("2025-01-08", "2025-01-06"))
    assert [(f[0], f[1], f[2]) for f in before] == [("GEN804", "错误", frame_line("印发日期"))]
    assert before[0][5] == "应为：2025-01-07 或之后的日期，或改“日期”"
    late = findings(gen, form_file, GOOD_FRAME.replace("2025-01-08", "2025-03-01"))
    assert [(f[0], f[1]) for f in late] == [("GEN805", "警告")] and "53天" in late[0][4]
    assert findings(gen, form_file, GOOD_FRAME.replace("2025-01-08", "2025-01-07")) == []


def test_secrecy_term_without_secrecy(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    found = findings(gen, form_file, GOOD_FRAME + "  保密期限: 1年\n")
    assert [(f[0], f[2]) for f in found] == [("GEN806", VALID_FORM.count("\n") + GOOD_FRAME.count("\n") + 1)]
    assert findings(gen, form_file, GOOD_FRAME + "  密级: 秘密\n  保密期限: 1年\n") == []


@pytest.mark.parametrize("written,fix", [("'00012'", "应为：000012"), ("'A00001'", "应为：000001"),
                                         ("'0000001'", "份号写 6 位阿拉伯数字，如 000001")])
def test_copy_number_six_digits(gen, form_file, written: str, fix: str) -> None:  # type: ignore[no-untyped-def]
    found = findings(gen, form_file, GOOD_FRAME + f"  份号: {written}\n  密级: 秘密\n")
    assert [(f[0], f[5]) for f in found] == [("GEN807", fix)]
    # 写成数字时 YAML 去掉了前面的 0：按 6 位补回，不报
    assert findings(gen, form_file, GOOD_FRAME + "  份号: 000012\n  密级: 秘密\n") == []


def test_organ_mark_not_ending_in_wenjian(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    frame = GOOD_FRAME.replace("发文机关标志: 贡觉县卫生健康委员会文件", "发文机关标志: [贡觉县卫生健康委员会文件, 贡觉县财政局]")
    found = findings(gen, form_file, frame)
    assert [(f[0], f[1], f[5]) for f in found] == [("GEN808", "警告", "应为：贡觉县财政局文件（确实不加“文件”的可以忽略这一条）")]


def test_copies_include_main_recipient(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    frame = GOOD_FRAME.replace("[贡觉县人民政府办公室]", "[贡觉县人民政府办公室, 昌都市卫生健康委员会]")
    found = findings(gen, form_file, frame)
    assert [(f[0], f[1], f[2]) for f in found] == [("GEN809", "警告", frame_line("抄送机关"))]


@pytest.mark.parametrize("drop,missing", [("印发机关", "印发机关"), ("印发日期", "印发日期")])
def test_imprint_needs_printer_and_date(gen, form_file, drop: str, missing: str) -> None:  # type: ignore[no-untyped-def]
    frame = "".join(line + "\n" for line in GOOD_FRAME.splitlines() if not line.strip().startswith(drop))
    found = findings(gen, form_file, frame)
    assert [(f[0], f[1], f[2]) for f in found] == [("GEN810", "错误", frame_line("抄送机关", frame))]
    assert f"还缺“{missing}”" in found[0][4]


def test_frame_findings_can_be_ignored(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    frame = GOOD_FRAME.replace("〔2025〕3号", "[2025]3号")
    assert findings(gen, form_file, frame, "检查:\n  忽略: [GEN801]\n") == []


def test_report_refuses_a_wrong_number(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(VALID_FORM + GOOD_FRAME.replace("〔2025〕", "〔2024〕"))
    result = gen("report", "--format", "md", str(path))
    assert result.code == 1 and "GEN802" in result.err and "Traceback" not in result.err


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_parse_number_never_crashes(text: str) -> None:
    parts = parse_number(text)
    if parts is not None and not parts.problems:
        assert NUMBER.match(text.strip())


def test_init_skeleton_frame_example_passes_the_checks(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    """gen init 的空白表单末尾注释着一段“公文:”：去掉注释就是一段没有问题的正式公文设置。"""
    import datetime as dt

    from generator.starter import starter_text

    text = starter_text(dt.date(2025, 1, 7))
    lines = text.splitlines()
    start = lines.index("# 公文:")
    assert "# 正式公文（可选）" in "\n".join(lines[start - 4: start])
    block = "".join(line[2:] + "\n" for line in lines[start:] if line.startswith("# "))
    assert "发文字号: 某教发〔2025〕1号" in block and "印发日期: 2025-01-07" in block
    assert findings(gen, form_file, block) == []


def test_readme_example_output_is_what_gen_check_prints(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    """README“正式公文（红头）”里的例子：表单和 gen check 的输出与真的运行结果相同。"""
    import re

    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 正式公文（红头）", 1)[1].split("\n## ", 1)[0]
    frame = re.search(r"```yaml\n(公文:\n.*?)```", section, re.S)
    shown = re.search(r"```text\n(.*?)```", section, re.S)
    assert frame and shown
    path = form_file(VALID_FORM + frame.group(1).replace("贡卫健发〔2025〕3号", "贡卫健发[2024]第03号"))
    result = gen("check", str(path))
    assert result.code == 1
    printed = (result.out + result.err).replace(str(path), "表单.yaml")
    for line in shown.group(1).splitlines():
        assert line in printed
