"""预览的版面模型里正式公文的版头、版记，副标题，和横排表格的一节（issue 21）。

与 LibreOffice 的 PDF 逐页对照在 tests/edit/test_preview_pdf.py；这里钉住模型自己的性质：版头占的高度与 Word 文件里
版头各段的固定行距加起来相同、是整数个网格行（hypothesis 生成任意的版头）；版记排在最后一页，放不下时另起一页；
横版的一节每页行数按横版的版心；预览的 HTML 里有红色标志、分隔线、版记（CSS 类），不用 style 属性。
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

from conftest import EXAMPLES, minimal_form
from hypothesis import given, settings
from hypothesis import strategies as st
from variants import example_data, figures_form

from generator.api import build_report_from_data
from generator.edit.preview import document_html
from generator.render.document import Document, Frame
from generator.write.style_profile import load_profile
from generator.write.word.geometry import landscape
from generator.write.word.layout import pt_to_twips
from generator.write.word.page_flow import layout, section_lines
from generator.write.word.pagination import heights

PROFILE = load_profile()
RED_HEAD = next(p for p in EXAMPLES if p.stem.endswith("红头"))


def _document() -> Document:
    return build_report_from_data(example_data(RED_HEAD)).document


def _word_head_twips(docx: bytes) -> int:
    """Word 文件里标题之前各段（版头）的固定行距之和，加上红色分隔线的宽度（缇）。"""
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    title = re.search(r'<w:p><w:pPr><w:pStyle w:val="[^"]*"/>', xml)
    assert title is not None
    head = xml[:title.start()]
    border = sum(int(size) * 20 // 8 for size in re.findall(r'<w:bottom w:val="single" w:sz="(\d+)"', head))
    return sum(int(line) for line in re.findall(r'w:line="(\d+)" w:lineRule="exact"', head)) + border


def test_the_head_takes_the_height_the_word_file_gives_it_and_whole_grid_lines() -> None:
    document = _document()
    first = layout(document, PROFILE).pages[0]
    head = [line for line in first if line.kind.startswith("frame")]
    pitch = pt_to_twips(PROFILE.line_pitch)
    word = _word_head_twips(build_report_from_data(example_data(RED_HEAD)).docx(PROFILE))
    assert word % pitch == 0
    assert heights(head) == word // pitch * 1000
    assert sum(line.twips for line in head) == word
    assert head[1].kind == "frame-mark" and head[1].text == "贡觉县卫生健康委员会文件"
    # 主送机关紧接标题下的空行，顶格（不缩进）
    kinds = [line.kind for line in first if not line.kind.startswith("frame")]
    assert kinds[:4] == ["title", "title", "blank", "recipient"]
    assert not any(line.first for line in first if line.kind == "recipient")


FRAMES = st.builds(
    Frame,
    head_lines=st.lists(st.sampled_from(["000001", "机密★1年", "特急"]), max_size=3).map(tuple),
    marks=st.lists(st.sampled_from(["贡觉县卫生健康委员会", "中阳县卫生健康局", "霍山县人民政府办公室"]), min_size=1,
                   max_size=3).map(tuple),
    mark_suffix=st.sampled_from(["", "文件"]),
    number=st.sampled_from(["贡卫健报〔2025〕2号", ""]),
    signers=st.lists(st.sampled_from(["扎西", "张明", "欧阳建国"]), max_size=5).map(tuple),
    recipient=st.sampled_from(["", "市卫生健康委员会", "县人民政府各部门、各乡（镇）人民政府、县直各单位" * 2]),
    copies_to=st.lists(st.sampled_from(["县人民政府办公室", "县财政局", "县发展和改革委员会"]), max_size=6).map(tuple),
    printer=st.sampled_from(["", "贡觉县卫生健康委员会办公室"]),
    print_date=st.sampled_from(["", "2025年1月8日"]),
    sealed=st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(FRAMES)
def test_any_frame_keeps_the_body_on_the_grid_and_every_line(frame: Frame) -> None:
    """任意的版头：版头正好占整数个网格行（标题和正文仍在网格上），与 Word 文件的版头同高；每页不超过 22 行；
    版记在最后一页；正文一行不丢。"""
    base = _document()
    document = replace(base, frame=frame)
    pages = layout(document, PROFILE)
    head = [line for line in pages.pages[0] if line.kind.startswith("frame")]
    assert heights(head) % 1000 == 0
    pitch = pt_to_twips(PROFILE.line_pitch)
    assert heights(head) // 1000 == -(-sum(line.twips for line in head) // pitch)
    assert all(heights([line for line in page if not line.kind.startswith("record")]) <= 22 * 1000
               for page in pages.pages)
    record = [n for n, page in enumerate(pages.pages) if any(line.kind.startswith("record") for line in page)]
    assert record == ([len(pages.pages) - 1] if frame.has_record else [])
    assert pages.record == (record[0] if record else -1)
    shown = [line.text for page in pages.pages for line in page if line.kind in ("p", "h1", "signature", "date")]
    plain = [line.text for page in layout(replace(base, frame=None), PROFILE).pages for line in page
             if line.kind in ("p", "h1", "signature", "date")]
    assert shown == plain


def test_the_record_goes_to_a_new_page_when_the_last_page_is_full() -> None:
    document = _document()
    pages = layout(document, PROFILE)
    last = pages.pages[-1]
    assert last[-2].kind == "record" and last[-1].kind == "record-printer"
    assert last[-1].cells == ("贡觉县卫生健康委员会办公室", "2025年1月8日印发")
    body = heights([line for line in last if not line.kind.startswith("record")])
    assert body <= 22 * 1000 - 3000  # 两行版记、三条分隔线和锚段放得下
    # 把最后一页填满（与 test_preview_pdf 的“红头结束语21行”相同，PDF 上版记另起一页）：新的一页只有版记
    work = [{"标题": f"第{n}项工作", "内容": _text(5)} for n in range(1, 4)]
    crowded = build_report_from_data(minimal_form(工作开展情况=work, 结束语=_text(21),
                                                  公文=example_data(RED_HEAD)["公文"])).document
    full = layout(crowded, PROFILE)
    assert [line.kind for line in full.pages[-1]] == ["record", "record-printer"]
    assert full.pages[-2][-1].kind == "date"
    assert full.record == len(full.pages) - 1


def _text(lines: int) -> str:
    sentence = "全面推进健康县城建设，持续改善群众就医体验，"
    return (sentence * (lines * 28 // len(sentence) + 2))[: max(6, lines * 28 - 4)].rstrip("，") + "。"


def test_a_landscape_table_section_has_the_lines_of_the_landscape_page() -> None:
    wide = landscape(PROFILE)
    assert section_lines(PROFILE) == PROFILE.lines_per_page == 22
    assert section_lines(wide) == 15  # 156 毫米高的版心，28.95 磅一行
    for placement in (True, "正文"):
        pages = layout(build_report_from_data(figures_form(9, placement)).document, PROFILE)
        assert pages.wide, placement
        assert all(heights(pages.pages[n]) <= 15 * 1000 for n in pages.wide)
        assert all(line.cells for n in pages.wide for line in pages.pages[n] if line.kind == "row")
        assert max(pages.wide) < len(pages.pages) - 1 or placement is True  # 放在正文：表格之后回到竖版
    html = document_html(build_report_from_data(figures_form(9, "正文")).document)
    assert html.count('<div class="page wide"') == len(
        layout(build_report_from_data(figures_form(9, "正文")).document, PROFILE).wide)


def test_the_preview_html_shows_the_frame_with_css_classes_only() -> None:
    html = document_html(_document())
    assert 'class="ln frame-mark"' in html and "贡觉县卫生健康委员会文件" in html
    assert 'class="ln frame-rule"' in html
    assert ('<span class="number">贡卫健报〔2025〕2号</span><span class="signers"><span class="label">签发人：</span>'
            '<span class="name" data-css="width:2.00em">扎西</span></span>') in html
    assert '<div class="record">' in html and "2025年1月8日印发" in html
    assert " style=" not in html and "<img" not in html


def test_the_subtitle_is_centred_and_not_indented() -> None:
    document = build_report_from_data(example_data(next(p for p in EXAMPLES if "述职" in p.stem))).document
    first = layout(document, PROFILE).pages[0]
    kinds = [line.kind for line in first]
    at = kinds.index("subtitle")
    assert kinds[at - 1] == "title" and kinds[at + 1] == "blank"
    assert not first[at].first
    assert '<p class="subtitle"><span class="ln last">' in document_html(document)
