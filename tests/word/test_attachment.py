"""指标表作为附件（GB/T 9704 7.3.4、7.3.7）：`指标表: true` 的默认排法；`指标表: 正文` 保留正文里的一节。"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, VALID_FORM, minimal_form
from lxml import etree
from variants import build, example_data

from generator.render.document import BlockKind

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
GONGJUE = next(e for e in EXAMPLES if e.stem == "贡觉县-2024")


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


def _text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(_q("t")))


def _form(value: Any) -> dict[str, Any]:
    data = example_data(GONGJUE)
    data["指标表"] = value
    return data


def _body(data: bytes) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml")).find("w:body", NS)


def test_true_puts_the_table_in_an_attachment_after_the_signature() -> None:
    report = build(_form(True))
    kinds = [b.kind for b in report.document.blocks]
    assert kinds[-6:] == [BlockKind.ATTACHMENT_NOTE, BlockKind.SIGNATURE, BlockKind.DATE,
                          BlockKind.ATTACHMENT, BlockKind.ATTACHMENT_TITLE, BlockKind.TABLE]
    headings = [b.text for b in report.document.of_kind(BlockKind.HEADING1)]
    assert headings == ["一、工作开展情况", "二、获得荣誉", "三、存在的问题", "四、下一步工作计划"]

    body = _body(report.docx())
    children = list(body)
    paragraphs = [c for c in children if c.tag == _q("p")]
    texts = [_text(p) for p in paragraphs]
    note = texts.index("附件：主要指标完成情况表")
    assert texts[note - 1] == "" and texts[note + 1] == "", "附件说明在正文下空一行，落款在附件说明下空一行"
    assert texts[note + 2] == "贡觉县卫生健康委员会" and texts[note + 3] == "2025年1月7日"
    ind = paragraphs[note].find("w:pPr/w:pStyle", NS).get(_q("val"))
    assert ind == "GBBody", "附件说明左空二字（正文首行缩进）"
    label = paragraphs[note + 4]
    assert _text(label) == "附件"
    assert label.find("w:pPr/w:pageBreakBefore", NS) is not None, "附件另起一页"
    assert label.find("w:pPr/w:pStyle", NS).get(_q("val")) == "GBAttachmentLabel"
    assert texts[note + 5] == "" and texts[note + 6] == "主要指标完成情况表", "附件标题在第三行"
    assert paragraphs[note + 6].find("w:pPr/w:pStyle", NS).get(_q("val")) == "GBAttachmentTitle"
    tables = [i for i, c in enumerate(children) if c.tag == _q("tbl")]
    assert tables == [children.index(paragraphs[note + 6]) + 1], "表格紧接附件标题，正文里没有表格"


def test_attachment_styles_follow_the_standard() -> None:
    with zipfile.ZipFile(io.BytesIO(build(_form(True)).docx())) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    label = styles.find("w:style[@w:styleId='GBAttachmentLabel']", NS)
    assert label.find("w:rPr/w:rFonts", NS).get(_q("eastAsia")) == "黑体"
    assert label.find("w:rPr/w:sz", NS).get(_q("val")) == "32", "三号"
    assert label.find("w:pPr/w:jc", NS).get(_q("val")) == "left"
    assert label.find("w:pPr/w:ind", NS).get(_q("firstLine")) == "0", "顶格（左上角）"
    title = styles.find("w:style[@w:styleId='GBAttachmentTitle']", NS)
    assert title.find("w:pPr/w:jc", NS).get(_q("val")) == "center"


def test_body_keeps_the_in_body_section() -> None:
    report = build(_form("正文"))
    headings = [b.text for b in report.document.of_kind(BlockKind.HEADING1)]
    assert headings == ["一、工作开展情况", "二、主要指标完成情况", "三、获得荣誉", "四、存在的问题",
                        "五、下一步工作计划"]
    assert not report.document.of_kind(BlockKind.ATTACHMENT)
    assert report.document.blocks[-1].kind is BlockKind.DATE
    assert "附件" not in report.markdown()


@pytest.mark.parametrize("value", [False, None])
def test_no_table(value: Any) -> None:
    report = build(_form(value))
    assert not report.document.of_kind(BlockKind.TABLE)
    assert "附件" not in report.markdown()


def test_markdown_has_the_same_order() -> None:
    markdown = build(_form("附件")).markdown()
    tail = markdown[markdown.index("附件：主要指标完成情况表"):]
    assert re.match(r"附件：主要指标完成情况表\n\n贡觉县卫生健康委员会\n\n2025年1月7日\n\n附件\n\n"
                    r"主要指标完成情况表\n\n\| 指标 \| 单位 \| 本期 \| 上期 \| 同比 \| 目标 \| 完成情况 \|\n", tail)
    assert "## 三、存在的问题" in markdown and "## 四、下一步工作计划" in markdown


def test_three_part_numbering_is_unchanged_by_the_attachment() -> None:
    """年度总结只有三部分时：存在的问题仍是二、，计划仍是三、。"""
    data = example_data(GONGJUE)
    data.pop("其他章节", None)
    data["指标表"] = True
    headings = [b.text for b in build(data).document.of_kind(BlockKind.HEADING1)]
    assert headings == ["一、工作开展情况", "二、存在的问题", "三、下一步工作计划"]


def test_wrong_value_is_explained(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path: Path = form_file(VALID_FORM.replace("年度: 2024", "年度: 2024\n指标表: 表格"))
    result = gen("check", str(path))
    assert result.code == 1
    assert result.err.replace(str(path), "F") == (
        "F:3:6: 错误：“指标表”：现在填的是“表格”，只能填 true、附件、正文 或 false"
        "（true 和 附件：表格作为附件排在落款之后；正文：在工作开展情况之后加一节；false：不加表格）。\n"
        "    指标表: 表格\n"
        "            ^\n")


def test_true_without_indicators_adds_nothing() -> None:
    data = minimal_form(指标表=True, 导语="2024年，我委扎实推进各项工作。现总结如下。")
    report = build(data)
    assert not report.document.of_kind(BlockKind.TABLE)
    assert not report.document.of_kind(BlockKind.ATTACHMENT_NOTE)
    assert "附件" not in report.markdown()
