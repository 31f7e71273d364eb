"""单位模板用到不存在的名字时，说明里不夹 Jinja 的英文（'title' is undefined、has no attribute）。"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VALID_FORM


@pytest.mark.parametrize(("body", "line", "said"), [
    ("# {{ title }}\n", 1, "（没有“title”）"),
    ("# 标题\n\n{{ form.nothing }}\n", 3, "（没有“nothing”这一项）"),
])
def test_undefined_names_in_a_unit_template_are_explained_in_chinese(gen, tmp_path: Path, body: str, line: int,  # type: ignore[no-untyped-def]
                                                                       said: str) -> None:
    folder = tmp_path / "模板" / "我局模板"
    folder.mkdir(parents=True)
    (folder / "模板.yaml").write_text("名称: 我局模板\n适用类型: [年度工作总结]\n", encoding="utf-8")
    (folder / "年度工作总结.md.j2").write_text(body, encoding="utf-8")
    form = tmp_path / "表单.yaml"
    form.write_text("模板: 我局模板\n" + VALID_FORM, encoding="utf-8")
    result = gen("report", str(form), "-f", "md", "-o", str(tmp_path / "out.md"))
    assert result.code == 1
    assert f"年度工作总结.md.j2:{line}: 错误：模板“我局模板”出错：模板用到了不存在的对象或属性{said}" in result.err
    message = result.err.split("错误：", 1)[1]  # 临时文件夹的名字里有测试名，只看消息本身
    assert "undefined" not in message and "attribute" not in message
