"""每个示例表单都能生成两种格式；Markdown 里有标题、三个编号部分和每个事项的编号。"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES
from docx.oxml.ns import qn
from ruamel.yaml import YAML

from generator.api import build_report, write_report
from generator.form.kinds import DEBRIEF, PLAN
from generator.form.models import Form, ReportKind
from generator.form.numbering import level1, level2, level3
from generator.indicators.figures import FigureError

KINDS = {kind.value for kind in ReportKind}  # 每个类型都有示例


def _parts(form: Form) -> int:
    """这份表单的一级标题有几个（不算其他章节、正文里的指标表、基本情况）。"""
    if form.kind.value == PLAN:
        return 1 + bool(form.requirements) + bool(form.safeguards)
    return 5 if form.kind.value == DEBRIEF else 3


def test_examples_cover_the_form() -> None:
    assert len(EXAMPLES) >= 3
    yaml = YAML(typ="safe")
    forms = [yaml.load(p.read_text(encoding="utf-8")) for p in EXAMPLES]
    assert {f.get("类型", "年度工作总结") for f in forms} == KINDS
    text = "\n".join(p.read_text(encoding="utf-8") for p in EXAMPLES)
    for key in ("指标:", "要点:", "子项:", "其他章节:", "解决思路:", "基本情况:", "结束语:"):
        assert key in text, f"示例里没有用到 {key}"
    for form in forms:  # 工作计划说的是要做的事，没有本期的数
        assert form.get("指标") or form.get("类型") == PLAN, "每个示例都要有指标"
    assert re.search(r"\{\{[^}]+\.同比\}\}", text), "示例要引用派生数字"


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_renders_both_formats(example: Path, tmp_path: Path) -> None:
    report, written = write_report(example, ("docx", "md"), tmp_path)
    assert [p.name for p in written] == [f"{example.stem}.docx", f"{example.stem}.md"]
    assert report.warnings == []
    markdown = written[1].read_text(encoding="utf-8")
    form = report.form

    if form.frame is None:
        assert markdown.startswith(f"# {form.display_title}\n")
    else:  # 红头文件：版头（发文机关标志、发文字号……）在标题之前，标题后是主送机关
        head, _, rest = markdown.partition(f"\n# {form.display_title}\n")
        assert form.frame.marks(form.unit)[0] in head and rest, "版头应在标题之前"
        assert rest.lstrip().startswith(f"{form.frame.main_recipient}："), "标题下一行是主送机关"
    sections = re.findall(r"^## (.+)$", markdown, flags=re.M)
    table = form.table_place == "正文"  # 作为附件时不是一级标题
    assert len(sections) == _parts(form) + bool(form.overview) + len(form.other_sections) + table
    assert [s[:2] for s in sections] == [level1(i) for i in range(1, len(sections) + 1)]
    assert any(s.endswith("存在的问题") for s in sections) or form.kind.value in (PLAN, DEBRIEF)
    for index, item in enumerate(form.work, 1):
        assert f"**{level2(index)}{item.title.rstrip('。')}**。" in markdown
        for child_index, child in enumerate(item.children, 1):
            assert f"**{level3(child_index)}{child.title.rstrip('。')}**。" in markdown
    for index, item in enumerate(form.plans, 1):
        assert f"**{level2(index)}{item.title.rstrip('。')}**。" in markdown
    assert "{{" not in markdown and "}}" not in markdown

    word = docx.Document(io.BytesIO(written[0].read_bytes()))
    texts = [p.text for p in word.paragraphs]
    if form.frame is not None:  # 版头的段落在标题之前；最后是版记（浮动表格）的空锚段，版记另起一页时还有分页的空段
        texts = texts[[t.replace("\n", "") for t in texts].index(form.display_title):]
        while texts and not texts[-1]:
            texts.pop()
    assert texts[0].replace("\n", "") == form.display_title
    date = f"{form.date.year}年{form.date.month}月{form.date.day}日"
    assert texts[-1] == date or texts[texts.index(date) + 1:] == ["附件", "", "主要指标完成情况表"]
    body = "".join(texts)
    for item in form.work + form.plans:
        assert item.title.rstrip("。") in body


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_docx_and_markdown_come_from_the_same_structure(example: Path) -> None:
    report = build_report(example)
    word = docx.Document(io.BytesIO(report.docx()))
    tables = word.tables
    record = [t for t in tables if t._tbl.tblPr.find(qn("w:tblpPr")) is not None]  # 版记：浮动表格
    cells = lambda tables: "".join(c.text for t in tables for row in t.rows for c in row.cells)  # noqa: E731
    word_paragraphs = "".join(p.text for p in word.paragraphs) + cells(record)
    word_cells = cells([t for t in tables if all(t._tbl is not r._tbl for r in record)])
    markdown = report.markdown()
    md_tables = "".join(re.findall(r"^\|(.*)\|$", markdown, flags=re.M))
    md_text = re.sub(r"^\|.*\|$", "", markdown, flags=re.M)
    clean = lambda text: re.sub(r"[#*\\\s|]|---", "", text)  # noqa: E731
    assert clean(word_paragraphs) == clean(md_text)
    assert clean(word_cells) == clean(md_tables)
    assert len(tables) - len(record) == bool(report.form.table_place)
    assert bool(record) == (report.form.frame is not None)


_DERIVED = re.compile(r"(?:增长|下降|提高|上升|高于目标|低于目标|完成率|目标任务的)\d+\.\d*0(?:%|个百分点|个千分点)")


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_no_machine_zeros_in_derived_figures(example: Path) -> None:
    """算出的数没有末尾的 0（增长50%，不是 增长50.00%），除非指标写了“小数位”要求固定位数。"""
    report = build_report(example)
    asked = set()  # 写了小数位的指标算出的措辞：允许末尾的 0
    for ind in report.form.indicators:
        figure = report.figures[ind.key]
        derived = []
        for name in ("同比", "增减", "完成率"):
            try:
                derived.append(str(getattr(figure, name)))
            except FigureError:  # 没有上期或目标的指标
                continue
        if figure.fixed:
            asked.update(derived)
        else:
            assert not any(re.search(r"\.\d*0(?:%|个)", text) for text in derived), (ind.key, derived)
    word = docx.Document(io.BytesIO(report.docx()))
    texts = [report.markdown(), *(p.text for p in word.paragraphs),
             *(c.text for t in word.tables for row in t.rows for c in row.cells)]
    found = [hit for text in texts for hit in _DERIVED.findall(text)]
    assert not [hit for hit in found if not any(hit in text for text in asked)], found
