"""编辑页面的预览也用表单选的单位模板；模板要求的部分没填时，在页面上指出那一行。"""

from __future__ import annotations

from pathlib import Path

from bureau_case import NAME, build_case

from generator.edit.analyze import analyze


def test_preview_uses_the_bureau_template(tmp_path: Path) -> None:
    form = build_case(tmp_path)
    result = analyze(form.read_text(encoding="utf-8"), form)
    assert "四、意见建议" in result.preview and "主要工作及成效" in result.preview
    headings = result.outline["tree"]["headings"]
    assert headings["工作开展情况"] == "主要工作及成效" and headings["下一步工作计划"] == "2025年工作思路"


def test_missing_part_is_shown_at_its_line(tmp_path: Path) -> None:
    form = build_case(tmp_path)
    text = form.read_text(encoding="utf-8")
    text = text[: text.index("增加部分:")]
    result = analyze(text, form)
    line = text[: text.index(f"模板: {NAME}")].count("\n") + 1
    assert any(d.line == line and "要求填写“意见建议”" in d.message for d in result.diagnostics)
