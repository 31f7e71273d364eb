"""直接写出的 .docx（generator.write.word）与原来经 python-docx 写出的（generator.docx_writer）逐字节相同：
每个示例的每种放法、自定义版式（怪字体名、字号、字距、横版）、汇总表，以及几百份随机文档。"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES
from generator.docx_writer import build_docx as legacy_build_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from variants import variants

from generator.api import build_report, build_report_from_data
from generator.form.models import Form
from generator.render.document import Block, BlockKind, Document, Run
from generator.write.style_profile import StyleProfile, load_profile
from generator.write.word import build_docx
from generator.write.word.geometry import landscape

VARIANTS = variants()


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_example_and_table_placement_is_byte_identical(name: str) -> None:
    report = build_report_from_data(VARIANTS[name])
    profile = load_profile()
    assert build_docx(report.document, report.form, profile) == legacy_build_docx(report.document, report.form,
                                                                                   profile)


def _profiles() -> dict[str, StyleProfile]:
    base = load_profile()
    odd_fonts = base.fonts.model_copy(update={
        "title": 'A&B "标题" <x>', "body": "方正仿宋_GBK", "heading1": "黑体 ' 引号", "heading2": "楷体",
        "heading3": "Some Latin Font", "page_number": "宋体&", "table": "华文中宋", "latin": "Arial & <Co>"})
    sizes = base.sizes.model_copy(update={"title": Decimal("21.5"), "body": Decimal("15.75"),
                                          "page_number": Decimal("10.5"), "table": Decimal("9")})
    return {
        "默认": base,
        "横版": landscape(base),
        "怪字体名": base.model_copy(update={"fonts": odd_fonts}),
        "字号字距": base.model_copy(update={"sizes": sizes, "char_spacing": Decimal("0.75"),
                                        "line_pitch": Decimal("25.5"), "chars_per_line": 5}),
        "负字距": base.model_copy(update={"char_spacing": Decimal("-2"), "page_number_gap": Decimal(0)}),
    }


@pytest.mark.parametrize("name", list(_profiles()))
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_custom_profiles_are_byte_identical(name: str, example: Path) -> None:
    report = build_report(example)
    profile = _profiles()[name]
    assert build_docx(report.document, report.form, profile) == legacy_build_docx(report.document, report.form,
                                                                                   profile)


def test_rollup_table_in_landscape_is_byte_identical() -> None:
    header = ("指标", "单位", *(f"第{n}县" for n in range(12)), "合计", "同比")
    rows = (header, *[("门诊人次", "人次", *(str(10_000 + n * r) for n in range(12)), "123456", "增长3.00%")
                      for r in range(8)])
    doc = Document([Block(BlockKind.ATTACHMENT, (Run("附件"),)),
                    Block(BlockKind.ATTACHMENT_TITLE, (Run("2024年卫生健康主要指标汇总表"),)),
                    Block(BlockKind.TABLE, rows=rows)])
    form = build_report(EXAMPLES[0]).form
    profile = landscape(load_profile())
    assert build_docx(doc, form, profile) == legacy_build_docx(doc, form, profile)


@pytest.mark.parametrize("counties", [9, 15, 30])
def test_rollup_tables_with_small_font_and_continuations_are_byte_identical(counties: int) -> None:
    """县多时汇总表改五号字、拆成几张“续表”（rollup/pages.py）：两种写法仍逐字节相同。"""
    from generator.rollup.pages import plan

    header = ("指标", "单位", *(f"第{n}县" for n in range(counties)), "合计", "同比")
    rows = (header, *[("门诊人次", "人次", *(str(100_000 + n * r) for n in range(counties)), "1234567", "增长3.00%")
                      for r in range(8)])
    layout = plan(rows, load_profile())
    blocks = [Block(BlockKind.ATTACHMENT, (Run("附件"),))]
    for number, part in enumerate(layout.parts):
        if number:
            blocks.append(Block(BlockKind.ATTACHMENT, (Run("续表"),)))
        blocks.append(Block(BlockKind.TABLE, rows=part))
    assert len(layout.parts) > 1 or counties == 9
    form = build_report(EXAMPLES[0]).form
    doc = Document(blocks)
    assert build_docx(doc, form, layout.profile) == legacy_build_docx(doc, form, layout.profile)


# 随机文档：中文、西文、XML 特殊字符、制表符、换行、回车、首尾空白（含全角空格）
_TEXT = st.text(st.sampled_from(list("县卫健委工作总结，。“”—…（一）1.") + list("ab Z&<>\"'") +
                                ["\t", "\n", "\r", " ", "\u3000", "\xa0", "😀"]), max_size=40)
_RUNS = st.lists(st.builds(Run, _TEXT, st.sampled_from([0, 0, 2, 3, 4])), min_size=0, max_size=4).map(tuple)
_KINDS = [k for k in BlockKind if k is not BlockKind.TABLE]


@st.composite
def _table(draw: st.DrawFn) -> Block:
    columns = draw(st.integers(1, 6))
    cell = st.text(st.sampled_from([*list("指标单位本期上期同比0123456789.%人次—"), "&", "<", " "]), max_size=12)
    rows = draw(st.lists(st.lists(cell, min_size=columns, max_size=columns).map(tuple), min_size=1, max_size=5))
    return Block(BlockKind.TABLE, rows=tuple(rows))


_BLOCKS = st.lists(st.one_of(st.builds(Block, st.sampled_from(_KINDS), _RUNS), _table()), max_size=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=_BLOCKS, unit=_TEXT.filter(lambda t: t.strip()), landscape_page=st.booleans())
def test_random_documents_are_byte_identical(blocks: list[Block], unit: str, landscape_page: bool) -> None:
    form: Form = _FORM.model_copy(update={"unit": unit})
    profile = landscape(load_profile()) if landscape_page else load_profile()
    doc = Document(blocks)
    assert build_docx(doc, form, profile) == legacy_build_docx(doc, form, profile)


_FORM = build_report(EXAMPLES[0]).form


def test_control_characters_are_refused_like_lxml() -> None:
    doc = Document([Block(BlockKind.PARAGRAPH, (Run("a\x01b"),))])
    with pytest.raises(ValueError, match="XML compatible"):
        build_docx(doc, _FORM, load_profile())
    with pytest.raises(ValueError, match="XML compatible"):
        legacy_build_docx(doc, _FORM, load_profile())


# 示例的 .docx 的 SHA-256：Word 输出的任何变化都要有意为之（改了就更新这里，并说明为什么）
GOLDEN = {
    "中阳县-2024.yaml": "ac491e83f26449d84c75f27ea6c50377ed646f9779e05c1978de450b58467f1e",
    "贡觉县-2024.yaml": "69b1a16273c70d2220fc8a818c622c29cc85033dfc2ff783a6d0766227c7ae56",
    "霍山县-2021上半年.yaml": "4e923cc2ef394f9ceeec9e6bdb1f38e51fc4af68ac00ed63601eaaba3662e75b",
}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_match_golden_hashes(example: Path) -> None:
    assert hashlib.sha256(build_report(example).docx()).hexdigest() == GOLDEN[example.name]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_marked_output_is_what_marking_afterwards_gives(example: Path) -> None:
    from generator.write import ownership
    from generator.write.ownership import mark

    report = build_report(example)
    marked = report.docx(marked=True)
    assert marked != report.docx()
    assert mark(".docx", report.docx()) == marked
    assert mark(".docx", marked) is marked  # 已经带记号：原样写出，不重新打包
    ownership._CURRENT.clear()  # 不是本进程刚生成的：解开验证记号，仍然原样写出
    assert mark(".docx", marked) is marked


def test_a_stale_mark_is_replaced() -> None:
    import io
    import re
    import zipfile

    from generator.write.ownership import mark

    first, second = (build_report(example).docx(marked=True) for example in EXAMPLES[:2])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(first)) as a, \
            zipfile.ZipFile(io.BytesIO(second)) as b, zipfile.ZipFile(out, "w") as mixed:
        for info in a.infolist():  # 第一份的正文，第二份的 core.xml（记号对不上）
            mixed.writestr(info, (b if info.filename == "docProps/core.xml" else a).read(info.filename))
    def mark_of(data: bytes) -> str:
        core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
        return re.findall(r"gen:sha256:[0-9a-f]{64}", core)[0]

    remarked = mark(".docx", out.getvalue())
    assert remarked != out.getvalue()
    assert mark_of(remarked) == mark_of(first) != mark_of(second)
