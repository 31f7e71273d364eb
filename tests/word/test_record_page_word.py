"""版记排到偶数页（GB/T 9704-2012 7.5）写成的 Word 结构：只用 Word、WPS 都认的节（w:sectPr，下一页起）、
段前分页和页脚引用；openxml-audit 严格模式通过。页面上的位置和页码在 tests/pdf/test_record_page_pdf.py 量。"""

from __future__ import annotations

import copy
import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, minimal_form
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from variants import example_data

from generator.api import build_report_from_data
from generator.write.style_profile import load_profile
from generator.write.word.page_flow import layout

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W}
SENTENCE = "全面推进健康县城建设，持续改善群众就医体验，"


def _form(works: int, lines: int) -> dict[str, Any]:
    frame = example_data(next(p for p in EXAMPLES if p.stem.endswith("红头")))["公文"]
    body = (SENTENCE * (lines * 28 // len(SENTENCE) + 2))[: max(6, lines * 28 - 4)].rstrip("，") + "。"
    text = (SENTENCE * 8)[:136].rstrip("，") + "。"
    items = [{"标题": f"第{n}项工作", "内容": text} for n in range(1, works + 1)]
    return minimal_form(工作开展情况=items, 结束语=body, 公文=copy.deepcopy(frame))


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _audit(data: bytes) -> list[str]:
    from openxml_audit import OpenXmlValidator

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "版记页.docx"
        path.write_bytes(data)
        result = OpenXmlValidator(strict=True).validate(path)
    errors = [f"{e.description}（{e.part_uri} {e.path}）" for e in result.errors]
    return errors if errors or result.is_valid else ["无效（没有列出错误）"]


def _footers(section: Any) -> dict[str, str]:
    return {ref.get(f"{{{W}}}type"): ref.get(f"{{{R}}}id") for ref in section.findall("w:footerReference", NS)}


def test_blank_page_and_record_page_are_a_last_section_without_page_numbers() -> None:
    data = build_report_from_data(_form(3, 1)).docx()  # 第 2 页放不下版记：第 3 页空白，版记在第 4 页
    parts = _parts(data)
    root = etree.fromstring(parts["word/document.xml"])
    sections = root.findall(".//w:sectPr", NS)
    assert len(sections) == 2, "空白页和版记页应另成一节"
    assert _footers(sections[0]) == {"default": "rId5", "even": "rId6"}, "前一节照常编页码"
    assert _footers(sections[1]) == {"default": "rId9", "even": "rId9"}
    assert b"PAGE" not in parts["word/footer5.xml"], "最后一节的页脚不能有页码域"
    assert b"PAGE" in parts["word/footer1.xml"]
    rels = parts["word/_rels/document.xml.rels"].decode()
    assert 'Id="rId9"' in rels and 'Target="footer5.xml"' in rels
    assert "/word/footer5.xml" in parts["[Content_Types].xml"].decode()
    body = root.find("w:body", NS)
    children = list(body)
    table = next(n for n, child in enumerate(children) if child.find("w:tblPr/w:tblpPr", NS) is not None)
    assert children[table - 1].find("w:pPr/w:pageBreakBefore", NS) is not None, "版记前应段前分页"
    assert children[table - 2].find("w:pPr/w:sectPr", NS) is None and children[table - 3].find("w:pPr/w:sectPr", NS) \
        is not None, "空白页上的空段落应在新一节的开头"
    assert _audit(data) == []


def test_record_that_fits_on_an_odd_page_moves_to_the_next_page_without_a_new_section() -> None:
    data = build_report_from_data(_form(3, 10)).docx()  # 落款在第 3 页，版记放得下：版记前分页，在第 4 页
    parts = _parts(data)
    root = etree.fromstring(parts["word/document.xml"])
    assert len(root.findall(".//w:sectPr", NS)) == 1
    assert "word/footer5.xml" not in parts
    children = list(root.find("w:body", NS))
    table = next(n for n, child in enumerate(children) if child.find("w:tblPr/w:tblpPr", NS) is not None)
    assert children[table - 1].find("w:pPr/w:pageBreakBefore", NS) is not None
    assert _audit(data) == []


@pytest.mark.parametrize(("works", "lines"), [(3, 22), (4, 15)])
def test_record_already_on_an_even_page_is_left_alone(works: int, lines: int) -> None:
    root = etree.fromstring(_parts(build_report_from_data(_form(works, lines)).docx())["word/document.xml"])
    assert root.find(".//w:pageBreakBefore", NS) is None
    assert len(root.findall(".//w:sectPr", NS)) == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(works=st.integers(1, 10), lines=st.integers(1, 30))
def test_page_model_always_puts_the_record_on_an_even_last_page(works: int, lines: int) -> None:
    """任意的正文长短：模型里版记总在最后一页、偶数页；不编页码的只有 7.5 的空白页（空的）和版记页。"""
    pages = layout(build_report_from_data(_form(works, lines)).document, load_profile())
    count = len(pages.pages)
    assert pages.record == count - 1 and count % 2 == 0
    assert pages.unnumbered in (set(), {count - 2, count - 1})
    assert (pages.record_break == "blank") == bool(pages.unnumbered)
    if pages.unnumbered:
        assert pages.pages[count - 2] == []
    if pages.record_break:  # 版记单独在最后一页
        assert all(line.kind.startswith("record") for line in pages.pages[-1])
