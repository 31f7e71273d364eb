"""红头文件（表单的“公文:”）写成的 .docx：全是可编辑的文字，openxml-audit 严格模式通过，python-docx 读得回来；
表单里“公文:”的各种写法（hypothesis 随机生成）都能生成 Word 和 Markdown。版面位置在 tests/pdf/test_frame_pdf.py 量。"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import minimal_form
from docx.oxml.ns import qn
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.api import build_report_from_data
from generator.errors import GenError
from generator.render.document import parse_document
from generator.write.markdown import to_markdown

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
UPWARD = {"份号": "000001", "密级": "机密", "保密期限": "1年", "紧急程度": "加急",
          "发文机关标志": ["贡觉县卫生健康委员会文件", "贡觉县财政局文件"], "发文字号": "贡卫健报〔2025〕4号",
          "签发人": ["扎西", "王建国", "李明"], "主送机关": "市卫生健康委员会", "抄送机关": ["县人民政府办公室", "县财政局"],
          "印发机关": "贡觉县卫生健康委员会办公室", "印发日期": "2025-01-08", "盖章": True}


def _audit(data: bytes) -> list[str]:
    from openxml_audit import OpenXmlValidator

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "红头.docx"
        path.write_bytes(data)
        result = OpenXmlValidator(strict=True).validate(path)
    errors = [f"{e.description}（{e.part_uri} {e.path}）" for e in result.errors]
    return errors if errors or result.is_valid else ["无效（没有列出错误）"]


def _document(data: bytes) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _texts(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(f"{{{W}}}t"))


def test_frame_is_editable_text_not_pictures() -> None:
    data = build_report_from_data(minimal_form(公文=UPWARD)).docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not [name for name in archive.namelist() if name.startswith("word/media/")], "不能有图片"
    root = _document(data)
    for tag in ("drawing", "pict", "object"):
        assert root.find(f".//w:{tag}", NS) is None, f"不能有 w:{tag}（图片、形状、文本框）"
    text = _texts(root)
    for piece in ("000001", "机密★1年", "加急", "贡觉县卫生健康委员会", "贡觉县财政局", "文件", "贡卫健报〔2025〕4号",
                  "签发人：", "扎西", "王建国", "李明", "市卫生健康委员会：", "抄送：县人民政府办公室，县财政局。",
                  "贡觉县卫生健康委员会办公室", "2025年1月8日印发"):
        assert piece in text, f"“{piece}”不是文档里的文字"
    red = [r for r in root.iter(f"{{{W}}}r") if r.find("w:rPr/w:color[@w:val='FF0000']", NS) is not None]
    assert "".join(_texts(r) for r in red) == "贡觉县卫生健康委员会文件贡觉县财政局", "只有发文机关标志是红字"
    assert _audit(data) == []


def test_python_docx_reads_the_frame_back() -> None:
    data = build_report_from_data(minimal_form(公文=UPWARD)).docx()
    word = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in word.paragraphs]
    title = paragraphs.index("贡觉县卫生健康委员会2024年度工作总结")
    assert paragraphs[:title][:3] == ["000001", "机密★1年", "加急"], "份号、密级、紧急程度在版心左上角，自上而下"
    assert "\t签发人：扎西\t王建国" in paragraphs[:title]
    assert "贡卫健报〔2025〕4号\t李明" in paragraphs[:title], "发文字号与最后一个签发人在同一行"
    assert paragraphs[title + 2] == "市卫生健康委员会：", "主送机关在标题下空一行"
    floating = [t for t in word.tables if t._tbl.tblPr.find(qn("w:tblpPr")) is not None]
    assert [[c.text for row in t.rows for c in row.cells] for t in floating] == [
        ["抄送：县人民政府办公室，县财政局。", "贡觉县卫生健康委员会办公室\t2025年1月8日印发"]]
    marks = [t for t in word.tables if t not in floating and "文件" in t.rows[0].cells[-1].text]
    assert [[c.text for c in row.cells] for row in marks[0].rows] == [
        ["贡觉县卫生健康委员会", "文件"], ["贡觉县财政局", "文件"]], "联合行文：“文件”二字纵向合并，只写一次"


def test_forms_without_the_frame_have_no_frame() -> None:
    report = build_report_from_data(minimal_form())
    assert report.document.frame is None
    root = _document(report.docx())
    assert root.find(".//w:tblpPr", NS) is None and root.find(".//w:color", NS) is None


_NAME = st.text(st.sampled_from(list("县卫健委局办公室文件人民政府") + list("&<>\"'*_#|[]`\\ ab1")), min_size=1, max_size=14)
_FRAMES = st.fixed_dictionaries({}, optional={
    "份号": st.integers(0, 999999), "密级": st.sampled_from(["绝密", "机密", "秘密"]),
    "保密期限": _NAME, "紧急程度": st.sampled_from(["特急", "加急"]),
    "发文机关标志": st.one_of(_NAME, st.lists(_NAME, min_size=1, max_size=3)),
    "发文字号": _NAME, "签发人": st.one_of(_NAME, st.lists(_NAME, max_size=5)), "主送机关": _NAME,
    "抄送机关": st.lists(_NAME, max_size=4), "印发机关": _NAME,
    "印发日期": st.dates().map(lambda d: d.isoformat()), "盖章": st.booleans()})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame=_FRAMES)
def test_any_frame_gives_valid_word_and_markdown(frame: dict[str, Any]) -> None:
    try:
        report = build_report_from_data(minimal_form(公文=frame))
    except GenError:
        assume(False)  # 表单本身写错（如 YAML 读不成原样的文字）：由表单校验的测试负责
        return
    shown = report.document.frame
    assert shown is not None
    data = report.docx()
    assert _audit(data) == []
    text = _texts(_document(data))
    for piece in (*shown.marks, shown.number, *shown.signers, shown.recipient, shown.printer):
        assert piece.strip() in text
    markdown = to_markdown(report.document)
    # 办事员的文字不会变成 Markdown 标记：去掉版记上的分隔线（---，中间结构里没有它），读回来的文字与原文相同
    assert "\n\n---\n\n" in markdown if shown.has_record else "\n---\n" not in markdown
    reparsed = "".join(block.text for block in parse_document(markdown.replace("\n\n---\n\n", "\n\n")).blocks)
    for piece in (*shown.marks, shown.number, *shown.signers, shown.recipient, *shown.copies_to, shown.printer):
        assert " ".join(piece.split()) in " ".join(reparsed.split())


@pytest.mark.parametrize("upward", [True, False])
def test_frame_passes_openxml_audit_strict(upward: bool) -> None:
    frame = UPWARD if upward else {k: v for k, v in UPWARD.items() if k not in ("签发人", "主送机关", "盖章")}
    assert _audit(build_report_from_data(minimal_form(公文=frame)).docx()) == []
