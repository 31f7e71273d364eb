"""scripts/fuzz.py 找到的表单问题（--mode all --seed 26 及以后各轮），每个一条回归测试。"""

from __future__ import annotations


def test_form_that_is_one_folded_text_with_a_reference_is_refused_in_chinese(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    # 整份表单是一段“>”文字、里面有 {{甲}}：查引用时取最外层的键出错（IndexError，gen 内部出错）
    path = form_file(">\n  {{甲}}是文字\n")
    result = gen("check", str(path))
    assert result.code == 1
    assert "内部出错" not in result.err
    assert result.err.startswith(f"{path}:1:1: 错误：表单的最外层应该是若干“键: 值”")
    result = gen("report", str(path), "-o", str(path.with_suffix(".md")))
    assert result.code == 1 and "内部出错" not in result.err and ":1:1: 错误：" in result.err
