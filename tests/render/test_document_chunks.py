"""模板输出的 Markdown 按空行分块解析：结果与整篇一次解析相同，出错时的行号也相同。"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, VALID_FORM, minimal_form

from generator.api import build_report_from_data
from generator.compute import compute
from generator.errors import RenderError
from generator.form.reading import parse_form as parse_yaml
from generator.form.validate import validate_form
from generator.read.source import SourceText
from generator.render import document
from generator.render.render import indicator_rows, render_markdown_source

FORMS = [VALID_FORM, VALID_FORM.replace("日期:", "指标表: 正文\n日期:")] + [p.read_text(encoding="utf-8") for p in EXAMPLES]
IDS = ["valid", "table"] + [p.stem for p in EXAMPLES]


def _markdown(text: str) -> str:
    loaded = parse_yaml(SourceText(Path("f.yaml"), text, "utf-8"))
    computed = compute(loaded, *validate_form(loaded))
    return render_markdown_source(computed.form, extra={
        "indicator_rows": indicator_rows(computed.form, computed.figures)})


@pytest.mark.parametrize("text", FORMS, ids=IDS)
@pytest.mark.parametrize("size", [1, 2, 7])
def test_chunks_give_the_same_document(text: str, size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    markdown = _markdown(text)
    whole = document.parse_document(markdown)  # 这些文档都不到 2000 段：一块
    monkeypatch.setattr(document, "CHUNK_BLOCKS", size)
    assert len(list(document._chunks(markdown))) > 1
    assert "".join(chunk for _, chunk in document._chunks(markdown)) == markdown
    assert document.parse_document(markdown) == whole
    assert whole.blocks
    if "指标表" in text:
        assert any(block.kind is document.BlockKind.TABLE and len(block.rows) > 1 for block in whole.blocks)


@pytest.mark.parametrize("size", [1, 2, 2000])
def test_error_line_counts_from_the_start_of_the_whole_text(size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document, "CHUNK_BLOCKS", size)
    markdown = "# 标题\n\n正文一。\n\n正文二，\n接着一行。\n\n\n- 列表\n"
    with pytest.raises(RenderError) as caught:
        document.parse_document(markdown)
    assert caught.value.diagnostics[0].message == (
        "模板输出了无法识别的结构：bullet_list_open（第 9 行）。这是模板的问题，请联系维护人员。")


def test_report_markdown_unchanged_with_small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    data = minimal_form(工作开展情况=[{"标题": f"事项{i}", "内容": "开展工作。"} for i in range(30)])
    whole = build_report_from_data(data).markdown()
    monkeypatch.setattr(document, "CHUNK_BLOCKS", 3)
    assert build_report_from_data(data).markdown() == whole
