"""gen init：空白表单在没填完之前不算填好；Schema 复制到表单旁边，用相对路径引用。"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator.resources import schemas_dir
from generator.starter import starter_text, write_starter_form

# 空白表单里每一处“请补写”都被 gen check 报告：行号、列号、原文
UNFILLED = [
    (13, 5, "单位: 请补写单位全称"),
    (29, 3, "  请补写开头一段，如：2024年，我局在县委、县政府的领导下，围绕年初确定的目标任务，"),
    (60, 9, "  - 标题: 请补写第一项工作的标题"),
    (61, 9, "    内容: 请补写这项工作的做法和成效。"),
    (62, 9, "  - 标题: 请补写第二项工作的标题"),
    (64, 9, "      - 请补写第一条要点"),
    (65, 9, "      - 请补写第二条要点"),
    (79, 5, "  - 请补写存在的问题。"),
    (83, 9, "  - 标题: 请补写下一步工作的标题"),
    (84, 9, "    内容: 请补写具体措施。"),
]


def test_unfilled_form_does_not_pass_check(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target, notices = write_starter_form(tmp_path / "教育局-2024.yaml", today=dt.date(2025, 1, 5))
    assert notices == []
    result = gen("check", str(target))
    assert result.code == 1
    assert result.out == f"{target}：10 个错误，0 个警告，0 条提示。\n"
    expected = ""
    for line, column, source in UNFILLED:
        caret = " " * (len(source[: column - 1]) + sum(1 for ch in source[: column - 1] if ord(ch) > 0x2E80))
        expected += (f"{target}:{line}:{column}: 错误：[GEN101] “请补写”：这里还没有填写，请填上实际内容。\n"
                     f"    {source}\n    {caret}^\n")
    assert result.err == expected
    made = gen("report", str(target))
    assert made.code == 1
    assert not target.with_suffix(".docx").exists()


def test_year_and_date_follow_the_day_of_init() -> None:
    assert "年度: 2024\n" in starter_text(dt.date(2025, 1, 5)) and "日期: 2025-01-05\n" in starter_text(dt.date(2025, 1, 5))
    autumn = starter_text(dt.date(2025, 11, 20))
    assert "年度: 2025\n" in autumn and "日期: 2025-12-31\n" in autumn
    assert "{" + "年度}" not in autumn and "{" + "日期}" not in autumn


def test_schema_is_copied_beside_the_form_and_referenced_relatively(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "表单" / "教育局.yaml"
    result = gen("init", str(target))
    assert result.code == 0, result.err
    assert result.out == (f"{target}\n已生成空白表单。请用记事本、WPS 或 VS Code 打开，把“请补写……”换成本单位的内容，"
                          f"然后运行：gen check {target}\n")
    assert target.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=./gen-form.schema.json"
    copy = target.parent / "gen-form.schema.json"
    assert copy.read_bytes() == (schemas_dir() / "gen-form.schema.json").read_bytes()
    again = gen("init", str(target.parent / "第二份.yaml"))  # 相同的副本：照常，不提示
    assert (again.code, again.err) == (0, "")


def test_different_schema_beside_the_form_is_not_overwritten(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "gen-form.schema.json"
    copy.write_text("{}", encoding="utf-8")
    result = gen("init", str(tmp_path / "表单.yaml"))
    assert result.code == 0
    assert copy.read_text(encoding="utf-8") == "{}"
    assert result.err == (f"{copy}: 提示：文件夹里已有一份不同的 gen-form.schema.json（可能是旧版 gen 生成的），"
                          f"没有覆盖它。编辑器提示以它为准；要换成新版，运行：gen schema -o {copy}\n")


def test_commented_examples_work_when_uncommented(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """说明里的指标示例（含率：单位: "%"）去掉“# ”后可用；填好后 check 通过。"""
    text = starter_text(dt.date(2025, 1, 5))
    block = re.search(r"^# 指标:\n(?:#   .*\n)+", text, re.M)
    assert block is not None
    text = text.replace(block.group(0), re.sub(r"^# ", "", block.group(0), flags=re.M))
    text = text.replace("# 结束语:", "结束语:")
    filled = {"请补写单位全称": "某某县教育局", "请补写开头一段，如：": "", "请补写第一项工作的标题": "抓好教师培训",
              "请补写这项工作的做法和成效。": "全年培训{{培训人次}}，比上年{{培训人次.同比}}；巩固率{{巩固率}}，"
                                          "{{巩固率.完成率}}。",
              "请补写第二项工作的标题": "改善办学条件", "请补写第一条要点": "新建校舍2栋", "请补写第二条要点": "更新课桌椅",
              "请补写存在的问题。": "师资力量不足。", "请补写下一步工作的标题": "加强师资队伍建设",
              "请补写具体措施。": "补充教师，加强师资培训。"}
    for old, new in filled.items():
        text = text.replace(old, new)
    path = tmp_path / "填好.yaml"
    path.write_text(text, encoding="utf-8")
    checked = gen("check", str(path))
    assert (checked.code, checked.err) == (0, "")
    made = gen("report", str(path), "-f", "md")
    assert made.code == 0, made.err
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    assert "全年培训1250人次，比上年增长25%；巩固率99.2%，高于目标0.2个百分点。" in markdown


def test_schema_copy_failure_does_not_fail_init(gen, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import generator.starter
    from generator.errors import Diagnostic, OutputError

    def refuse(target: Path, data: bytes) -> Path:
        raise OutputError(Diagnostic(f"无法写入“{target}”：没有写入权限。"))

    monkeypatch.setattr(generator.starter, "write_atomic", refuse)
    target = tmp_path / "表单.yaml"
    result = gen("init", str(target))
    copy = tmp_path / "gen-form.schema.json"
    assert result.code == 0 and target.exists() and not copy.exists()
    assert result.err == (f"{copy}: 提示：没能把 gen-form.schema.json 复制到表单旁边（无法写入“{copy}”：没有写入权限）。"
                          "表单照常可以填写，只是编辑器里没有键的提示。\n")
