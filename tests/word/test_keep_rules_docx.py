"""分页规矩只有一处（write/word/keep.py）：Word 文件里每一段实际带的“与下段同页”“段中不分页”（段落的直接格式
或它的样式，python-docx 读回），与预览的版面模型、落款页的预计所用的（``page_flow.flow`` 的各段）逐段相同。"""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from conftest import EXAMPLES, minimal_form
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from ruamel.yaml import YAML

from generator.api import build_report_from_data
from generator.write.style_profile import load_profile
from generator.write.word.body import squeeze_plan
from generator.write.word.page_flow import flow


def _forms() -> dict[str, dict[str, Any]]:
    yaml = YAML(typ="safe")
    forms = {path.stem: yaml.load(path.read_text(encoding="utf-8")) for path in EXAMPLES}
    long = "全面推进健康县城建设，持续改善群众就医体验，" * 6
    forms["结束语分成两段"] = minimal_form(结束语=long.rstrip("，") + "。")
    forms["特此报告"] = minimal_form(下一步工作计划=[{"标题": "加强队伍建设", "内容": long + "。"}], 结束语="特此报告。")
    forms["只有小标题的段落"] = minimal_form(下一步工作计划=[{"标题": "加强队伍建设", "要点": ["抓好培训。", "严格考核。"]}])
    return forms


def _effective(paragraph: Paragraph, name: str) -> bool:
    """段落的直接格式，没有时沿样式的继承链找。"""
    value = getattr(paragraph.paragraph_format, name)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, name)
        style = style.base_style
    return bool(value)


@pytest.mark.parametrize("name", list(_forms()))
def test_every_word_paragraph_has_the_models_keep_rules(name: str) -> None:
    profile = load_profile()
    report = build_report_from_data(_forms()[name])
    if report.document.frame is not None or squeeze_plan(report.document, profile) is not None:
        pytest.skip("不逐段对应：公文版头在 Word 文件里是多段、模型里是一段；收紧行距时跨页的段落在 Word 文件里分开写")
    document = docx.Document(io.BytesIO(report.docx(profile)))
    written: list[tuple[bool, bool] | None] = []  # None：表格
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            written.append(None)
        elif child.tag == qn("w:p"):
            if child.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None and not child.findall(qn("w:r")):
                continue  # 表格之后结束一节的极小空段落：不是版面上的段落
            paragraph = Paragraph(child, document)
            written.append((_effective(paragraph, "keep_with_next"), _effective(paragraph, "keep_together")))
    model = flow(report.document, profile)
    assert len(written) == len(model), (len(written), len(model))
    for number, (rule, para) in enumerate(zip(written, model, strict=True)):
        if rule is None:
            assert para.header is not None or para.lines[0].kind == "row", number
            continue
        assert rule == (para.keep_next, para.keep_lines), (number, para.lines[0].text if para.lines else "")
