"""单位模板里的 reference.docx：只取样式的字体（按样式 id），GB/T 9704 的版面仍由 gen 决定，
参考文件与之矛盾的字号、行距给出点名样式的警告。"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Pt

from generator.errors import Severity, StyleError
from generator.pipeline import prepare_report
from generator.write.word.reference import read_reference

FORM = """\
单位: 贡觉县卫生健康委员会
年度: 2024
导语: 2024年，我委扎实推进各项工作。现总结如下。
工作开展情况:
  - 标题: 开展健康体检
    内容: 全年组织体检。
存在的问题:
  - 人才短缺。
下一步工作计划:
  - 标题: 加强人才培养
日期: 2025-01-07
"""


def reference_docx(path: Path) -> Path:
    """一份“本单位的 Word 参考文件”：正文方正仿宋_GBK 15 磅，标题方正小标宋_GBK，正文样式还规定了行距。"""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(15)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正仿宋_GBK")
    normal.paragraph_format.line_spacing = Pt(28)
    title = document.styles["Title"]
    title.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋_GBK")
    document.save(str(path))
    return path


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_reference_fonts_are_taken_and_geometry_is_not(tmp_path: Path) -> None:
    form = tmp_path / "表单.yaml"
    form.write_text(FORM, encoding="utf-8")
    _, plain = prepare_report(form, ("docx",))
    folder = tmp_path / "模板" / "参考模板"
    folder.mkdir(parents=True)
    (folder / "模板.yaml").write_text("名称: 参考模板\n适用类型: [年度工作总结]\n", encoding="utf-8")
    reference_docx(folder / "reference.docx")
    form.write_text(FORM + "模板: 参考模板\n", encoding="utf-8")
    report, styled = prepare_report(form, ("docx",))
    assert styled.profile.fonts.body == "方正仿宋_GBK" and styled.profile.fonts.title == "方正小标宋_GBK"
    assert styled.profile.sizes.body == plain.profile.sizes.body == 16  # 字号不采用
    assert styled.profile.margins == plain.profile.margins and styled.profile.line_pitch == plain.profile.line_pitch
    before, after = parts(plain.contents["docx"]), parts(styled.contents["docx"])
    # 正文、页脚（页边距、行格、页码都在这里）逐字节相同；样式表里只换了字体名
    assert after["word/document.xml"] == before["word/document.xml"]
    assert after["word/footer1.xml"] == before["word/footer1.xml"]
    swapped = before["word/styles.xml"].decode().replace("仿宋_GB2312", "方正仿宋_GBK") \
        .replace("方正小标宋简体", "方正小标宋_GBK")
    assert after["word/styles.xml"].decode() == swapped
    warnings = [d for d in report.warnings if d.severity is Severity.WARNING and d.file is not None
                and d.file.name == "reference.docx"]
    messages = [d.message for d in warnings]
    assert any("样式“Normal”规定字号 15 磅" in m and "16 磅" in m for m in messages), messages
    assert any("样式“Normal”（正文）规定了行距" in m for m in messages), messages


def test_a_broken_reference_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "reference.docx"
    bad.write_bytes(b"not a zip")
    try:
        read_reference(bad)
    except StyleError as exc:
        assert exc.diagnostics[0].file == bad and "读不出样式表" in exc.diagnostics[0].message
    else:
        raise AssertionError("应当报错")


def test_template_new_copies_the_reference_and_check_reports_it(tmp_path: Path, gen, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    source = reference_docx(tmp_path / "我局公文.docx")
    result = gen("template", "new", "我局模板", "--reference", str(source))
    assert result.code == 0, result.err
    assert (tmp_path / "模板" / "我局模板" / "reference.docx").read_bytes() == source.read_bytes()
    result = gen("template", "check", "我局模板")
    assert result.code == 0 and "检查通过" in result.out and "样式“Normal”规定字号 15 磅" in result.out
