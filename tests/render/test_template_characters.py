"""模糊测试发现（scripts/fuzz.py 的“模板的公文”）：单位模板里 Word 放不进的控制字符让 gen report 内部出错
（ValueError）。模板.yaml 里引号中的 "\\a" 这类转义与表单一样在读入时带行列号拒绝；模板文件（.md.j2）输出的
控制字符在渲染后拒绝，指到模板文件的那一行。"""

from __future__ import annotations

from pathlib import Path

from conftest import VALID_FORM


def _folder(tmp_path: Path, spec: str, template: str | None = None) -> Path:
    folder = tmp_path / "模板" / "我局模板"
    folder.mkdir(parents=True)
    (folder / "模板.yaml").write_text(spec, encoding="utf-8")
    if template is not None:
        (folder / "年度工作总结.md.j2").write_text(template, encoding="utf-8")
    form = tmp_path / "表单.yaml"
    form.write_text("模板: 我局模板\n" + VALID_FORM + "公文:\n  发文字号: 〔2025〕3号\n", encoding="utf-8")
    return form


def test_control_character_in_the_template_frame_defaults_is_located(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = '名称: 我局模板\n适用类型: [年度工作总结]\n公文:\n  发文机关标志: "贡觉\\a县卫生健康委员会文件"\n  机关代字: 贡卫健发\n'
    form = _folder(tmp_path, spec)
    for command in (["report", str(form), "-f", "docx", "-o", str(tmp_path / "out"), "--force"], ["check", str(form)]):
        result = gen(*command)
        assert result.code == 1, result.err
        assert "内部出错" not in result.err
        spec_file = tmp_path / "模板" / "我局模板" / "模板.yaml"
        assert f"{spec_file}:4:11: 错误：“公文 发文机关标志”里有一个看不见的控制字符（U+0007，在第 3 个字处）" in result.err


def test_control_character_in_a_template_file_is_located(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    form = _folder(tmp_path, "名称: 我局模板\n适用类型: [年度工作总结]\n", "# 标题\n\n正文\x0b内容\n")
    result = gen("report", str(form), "-f", "docx", "-o", str(tmp_path / "out"), "--force")
    assert result.code == 1
    assert "内部出错" not in result.err
    template = tmp_path / "模板" / "我局模板" / "年度工作总结.md.j2"
    assert f"{template}:3: 错误：模板“我局模板”输出了一个看不见的控制字符（U+000B）" in result.err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
