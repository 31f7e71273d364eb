"""预览版面模型的性质（hypothesis 生成任意文字和段落）：断行不丢字、不超宽、守避头尾；分页不丢行、
每页不超过 22 行、“与下段同页”的短段落不落在页末。"""

from __future__ import annotations

import io

import docx
from conftest import minimal_form
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.api import build_report_from_data
from generator.render.document import Block, BlockKind, Document, Run
from generator.write.style_profile import load_profile
from generator.write.word.keep import keep_rules
from generator.write.word.lines import NO_LINE_END, NO_LINE_START, break_lines, line_width
from generator.write.word.page_flow import layout
from generator.write.word.page_types import Line, Para
from generator.write.word.pagination import paginate

WIDTH = 442.2  # 156 毫米
SIZE, SPACING = 16.0, -0.25
CHARS = st.sampled_from(list("工作开展情况全面推进健康县城建设一二三") + list("，。、；：？！）》”“（《") +
                        list("0123456789.%ABCabc +-—/"))
TEXT = st.text(CHARS, max_size=400)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_lines_cover_the_text_fit_the_width_and_respect_the_punctuation_rules(text: str) -> None:
    spans = break_lines(text, (WIDTH - 31.5, WIDTH), SIZE, SPACING)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(b > a for a, b in spans) or text == ""
    assert all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))
    for number, (a, b) in enumerate(spans):
        room = WIDTH - 31.5 if number == 0 else WIDTH
        width = line_width(text[a:b], SIZE, SPACING)
        one_piece = all(not ch.isspace() for ch in text[a:b]) and not any(
            "\u4e00" <= ch <= "\u9fff" for ch in text[a:b])
        assert width <= room + 0.01 or one_piece or b - a == 1, (number, text[a:b], width)
        if number:
            # 行首不是不能居行首的标点，行末不是不能居行末的标点，除非前一行只剩这一串标点（无处可断）
            previous = text[spans[number - 1][0]:spans[number - 1][1]]
            assert text[a] not in NO_LINE_START or all(ch in NO_LINE_START | NO_LINE_END for ch in previous) \
                or line_width(text[spans[number - 1][0]:b], SIZE, SPACING) > room
            assert previous[-1] not in NO_LINE_END or line_width(text[spans[number - 1][0]:b], SIZE,
                                                                             SPACING) > room


def test_a_full_line_of_chinese_holds_28_characters_and_punctuation_never_starts_a_line() -> None:
    text = "全面推进健康县城建设持续改善群众就医体验全面推进健康县城。"  # 第 29 个字是句号
    assert len(text) == 29
    spans = break_lines(text, (WIDTH,), SIZE, SPACING)
    assert [text[a:b] for a, b in spans] == [text[:27], text[27:]]  # 句号带着前一个字移到下一行
    assert [text[a:b] for a, b in break_lines(text[:28], (WIDTH,), SIZE, SPACING)] == [text[:28]]


def test_numbers_and_percentages_are_not_split() -> None:
    text = "全面推进健康县城建设持续改善群众就医体验全面推进健康增长107.02%。"
    lines = [text[a:b] for a, b in break_lines(text, (WIDTH,), SIZE, SPACING)]
    assert lines == ["全面推进健康县城建设持续改善群众就医体验全面推进健康增长", "107.02%。"]


PARA = st.builds(
    lambda lines, keep_next, keep_lines, page_break: Para([Line("p", (Run("字"),)) for _ in range(lines)],
                                                          keep_next=keep_next, keep_lines=keep_lines,
                                                          page_break=page_break),
    st.integers(1, 30), st.booleans(), st.booleans(), st.booleans())


@settings(max_examples=300, deadline=None)
@given(st.lists(PARA, min_size=1, max_size=25))
def test_pagination_keeps_every_line_in_order_and_no_page_overflows(paras: list[Para]) -> None:
    stamped = [Para([Line("p", (Run(f"{n}-{k}"),)) for k in range(len(p.lines))], keep_next=p.keep_next,
                    keep_lines=p.keep_lines, page_break=p.page_break) for n, p in enumerate(paras)]
    pages = paginate(stamped, 22)
    assert [line.text for page in pages for line in page] == [line.text for p in stamped for line in p.lines]
    assert all(1 <= len(page) <= 22 for page in pages)
    firsts = {p.lines[0].text for p in stamped if p.page_break}
    starts = {page[0].text for page in pages}
    assert firsts <= starts | {stamped[0].lines[0].text}  # 段前分页的段落总在页首
    for n, para in enumerate(stamped[:-1]):
        nxt = stamped[n + 1]
        if para.keep_lines and not para.keep_next and len(para.lines) <= 22 and not nxt.page_break:
            where = {page_number for page_number, page in enumerate(pages) for line in page if line in para.lines}
            assert len(where) == 1  # 段中不分页：整段在同一页


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([BlockKind.HEADING1, BlockKind.PARAGRAPH]), TEXT), max_size=30))
def test_any_document_lays_out(blocks: list[tuple[BlockKind, str]]) -> None:
    document = Document([Block(BlockKind.TITLE, (Run("贡觉县卫生健康委员会2024年度工作总结"),)),
                         *(Block(kind, (Run(text),)) for kind, text in blocks),
                         Block(BlockKind.SIGNATURE, (Run("贡觉县卫生健康委员会"),)),
                         Block(BlockKind.DATE, (Run("2025年1月7日"),))])
    pages = layout(document, load_profile())
    text = "".join(line.text for page in pages.pages for line in page)
    assert text.replace(" ", "") == "".join(b.text for b in document.blocks).replace(" ", "")
    # 每页不高过 22 行（收紧行距的落款页每行矮一些，见 write/word/pages.py：高度按千分之一行算）
    assert all(sum(line.height * 1000 + line.extra for line in page) <= 22000 for page in pages.pages)
    kinds = [line.kind for page in pages.pages for line in page]
    assert kinds[-2:] == ["signature", "date"]  # 落款在最后（LibreOffice 放弃很长的“与下段同页”时两行可能分在两页）


def _docx_rules(data: dict[str, object], text: str) -> tuple[bool, bool]:
    """Word 文件里正文为 ``text`` 的那一段的（与下段同页, 段中不分页）。"""
    document = docx.Document(io.BytesIO(build_report_from_data(data).docx()))
    [found] = [p for p in document.paragraphs if p.text == text]
    return bool(found.paragraph_format.keep_with_next), bool(found.paragraph_format.keep_together)


def test_paragraphs_kept_with_the_signature_have_the_word_files_rules() -> None:
    """随落款走、不分成两段的段落：预览的保持属性与写进 Word 文件的相同——两行、半角字符多（63 个字符）的结束语，
    和一行的结束语前面只有一行的段落（两处原先都与 Word 文件不同）。"""
    profile = load_profile()
    closing = "，".join(f"第{n}项" for n in range(2101, 2110)) + "。"
    lead = "全县卫生健康工作稳步推进。"
    forms = {closing: minimal_form(结束语=closing),
             lead: minimal_form(下一步工作计划=[{"标题": "加强队伍建设", "内容": lead}], 结束语="特此报告。")}
    for text, data in forms.items():
        blocks = build_report_from_data(data).document.blocks
        [index] = [i for i, b in enumerate(blocks) if b.text.endswith(text)]
        written = _docx_rules(data, blocks[index].text)
        assert written == (True, True)
        assert keep_rules(blocks, profile)[index] == written
