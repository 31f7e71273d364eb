"""Word 包的完整性与兼容性：OOXML 验证器零错误；东亚标点提示、字体表、页码字体、首行缩进字符数。

验证器是 openxml-audit（纯 Python，按 ECMA-376 架构和语义规则检查，--policy strict）。
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES
from lxml import etree
from variants import build, variants

from generator.api import build_report
from generator.write.style_profile import load_profile
from generator.write.word.fonts import font_info, used_fonts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
CJK_FONTS = ("仿宋_GB2312", "楷体_GB2312", "方正小标宋简体", "黑体", "宋体")


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module")
def documents() -> dict[str, bytes]:
    """三个示例原样生成，再加每个示例（三种类型）× 指标表作附件 / 放正文 / 不要。"""
    profile = load_profile()
    out = {example.stem: build_report(example).docx(profile) for example in EXAMPLES}
    out.update({name: build(data).docx(profile) for name, data in variants().items()})
    return out


def _parts(data: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name.endswith((".xml", ".rels"))}


def test_every_document_passes_the_ooxml_validator(documents: dict[str, bytes], tmp_path: Path) -> None:
    """openxml-audit --policy strict：零错误（以前缺 fontTable 和 theme 关系，每个文件 2 个错误）。"""
    from openxml_audit import OpenXmlValidator

    validator = OpenXmlValidator(strict=True)
    assert len(documents) >= 12
    for name, data in documents.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(data)
        result = validator.validate(path)
        errors = [f"{e.description}（{e.part_uri} {e.path}）" for e in result.errors]
        assert result.is_valid and errors == [], f"{name}：{errors}"


def test_validator_catches_a_missing_font_table(documents: dict[str, bytes], tmp_path: Path) -> None:
    """验证器确实在检查：去掉字体表的关系，就报错。"""
    from openxml_audit import OpenXmlValidator

    source = zipfile.ZipFile(io.BytesIO(next(iter(documents.values()))))
    broken = tmp_path / "缺字体表.docx"
    with zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b'Target="fontTable.xml"', b'Target="fontTable2.xml"')
            target.writestr(info, data)
    assert not OpenXmlValidator(strict=True).validate(broken).is_valid


def test_east_asian_hint_on_every_style_and_run(documents: dict[str, bytes]) -> None:
    """“”‘’—… 在 Word 里按中文字体排（全角）：每个带字体的样式和每段文字都有 w:hint="eastAsia"。"""
    for name, data in documents.items():
        parts = _parts(data)
        styles = parts["word/styles.xml"]
        for fonts in styles.iter(_q("rFonts")):
            assert fonts.get(_q("hint")) == "eastAsia", f"{name}：样式里的 rFonts 没有 eastAsia 提示"
        runs = 0
        for part_name, part in parts.items():
            if not part_name.startswith("word/") or part_name.endswith(".rels"):
                continue
            for run in part.iter(_q("r")):
                if not "".join(t.text or "" for t in run.iter(_q("t"))):
                    continue
                fonts = run.find("w:rPr/w:rFonts", NS)
                assert fonts is not None and fonts.get(_q("hint")) == "eastAsia", (
                    f"{name} {part_name}：文字“{''.join(t.text or '' for t in run.iter(_q('t')))}”没有 eastAsia 提示")
                runs += 1
        assert runs > 20


def test_font_table_declares_every_font_with_fallbacks(documents: dict[str, bytes]) -> None:
    """字体表：用到的每种字体都有 panose1、charset、family；GB 字体给出 Windows 自带的替代字体。"""
    profile = load_profile()
    expected_alt = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}
    for name, data in documents.items():
        parts = _parts(data)
        table = parts["word/fontTable.xml"]
        fonts = {f.get(_q("name")): f for f in table.iterfind("w:font", NS)}
        used = {f.get(_q(attr)) for p in ("word/styles.xml", "word/document.xml")
                for f in parts[p].iter(_q("rFonts")) for attr in ("eastAsia", "ascii") if f.get(_q(attr))}
        assert used <= set(fonts), f"{name}：字体表缺少 {used - set(fonts)}"
        assert set(fonts) == set(used_fonts(profile))
        for font, element in fonts.items():
            values = {child.tag.split("}")[1]: child.get(_q("val")) for child in element}
            assert values["panose1"] and len(values["panose1"]) == 20, font
            assert values["family"] in ("auto", "roman", "swiss", "modern", "script", "decorative")
            if font in CJK_FONTS:
                assert values["charset"] == "86", f"{font} 应为 GB2312 字符集（86）"
            if font in expected_alt:
                assert values["altName"] == expected_alt[font], font
        # 关系与内容类型
        rels = parts["word/_rels/document.xml.rels"]
        targets = {rel.get("Target"): rel.get("Type") for rel in rels}
        assert targets["fontTable.xml"].endswith("/fontTable")
        assert targets["theme/theme1.xml"].endswith("/theme")


def test_unknown_fonts_get_a_plausible_fallback() -> None:
    assert font_info("方正仿宋_GBK").alt == "仿宋"
    assert font_info("方正楷体_GBK").alt == "楷体"
    assert font_info("方正黑体_GBK").alt == "黑体"
    assert font_info("方正小标宋_GBK").alt == "宋体"
    assert font_info("方正仿宋_GBK").charset == "86"
    assert font_info("Arial").charset == "00" and font_info("Arial").alt is None


def test_page_number_digits_in_song_and_indents_in_characters(documents: dict[str, bytes]) -> None:
    for name, data in documents.items():
        parts = _parts(data)
        styles = parts["word/styles.xml"]
        page = styles.find("w:style[@w:styleId='GBPageNumber']/w:rPr", NS)
        fonts = page.find("w:rFonts", NS)
        assert {fonts.get(_q(a)) for a in ("ascii", "hAnsi", "eastAsia")} == {"宋体"}, "页码数字用宋体"
        assert page.find("w:sz", NS).get(_q("val")) == "28", "页码四号"
        for style_id in ("GBBody", "GBHeading1"):
            ind = styles.find(f"w:style[@w:styleId='{style_id}']/w:pPr/w:ind", NS)
            assert ind.get(_q("firstLineChars")) == "200", f"{name} {style_id}：首行缩进应写成 2 字符"
            assert ind.get(_q("firstLine")) == "630"


def test_closing_block_is_kept_together_in_the_xml(documents: dict[str, bytes]) -> None:
    """正文最后一段、（附件说明、）署名都与下一段同页；其他正文段落照常分页。"""
    for name, data in documents.items():
        body = _parts(data)["word/document.xml"].find("w:body", NS)
        paragraphs = list(body.iterfind("w:p", NS))
        styles = [p.find("w:pPr/w:pStyle", NS) for p in paragraphs]
        ids = [s.get(_q("val")) if s is not None else "" for s in styles]
        signature = ids.index("GBSignature")

        def keeps(p: Any) -> bool:
            return p.find("w:pPr/w:keepNext", NS) is not None

        closing = max(i for i in range(signature) if ids[i] == "GBBody"
                      and "".join(t.text or "" for t in paragraphs[i].iter(_q("t")))
                      and not "".join(t.text or "" for t in paragraphs[i].iter(_q("t"))).startswith("附件："))
        assert all(keeps(p) for p in paragraphs[closing:signature + 1]), name
        assert paragraphs[signature].find("w:pPr/w:keepLines", NS) is not None
        # 之前的正文段落照常分页；只有小标题、下面是子项的段落除外（与第一个子项同页）
        def heading_only(p: Any) -> bool:
            runs = [r for r in p.iterfind("w:r", NS) if "".join(t.text or "" for t in r.iter(_q("t")))]
            return len(runs) >= 1 and all(r.find("w:rPr/w:rStyle", NS) is not None for r in runs)

        def continuation(p: Any) -> bool:  # 最后一段只有一行时，前一段分出来的最后一行（首行不缩进）
            ind = p.find("w:pPr/w:ind", NS)
            return ind is not None and ind.get(_q("firstLineChars")) == "0"

        assert not any(keeps(p) and not heading_only(p) and not (i == closing - 1 and continuation(p))
                       for i, p in enumerate(paragraphs[:closing]) if ids[i] == "GBBody"), name


@pytest.mark.parametrize("value", ["仿宋_GB2312", 'a"b', "a'b", "a'\"b", "x&y<z>", "t\tn\nr\r", ""])
def test_attribute_quoting_matches_the_standard_library(value: str) -> None:
    from xml.sax.saxutils import quoteattr as standard

    from generator.write.word.fonts import quoteattr

    assert quoteattr(value) == standard(value)
