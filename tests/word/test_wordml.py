"""Word 输出（generator.write.word）：金样、独立读取、OOXML 验证。

有意修改 Word 输出后更新金样：``python scripts/update_goldens.py``，再用 ``git diff tests/golden/word``
检查差异后提交（只检查：``--check``；说明见 tests/golden/word/README.md）。

- 金样：每个示例 × 指标表放法、× 自定义版式（横版、怪字体名、字号字距、负字距），以及汇总表，
  document.xml、styles.xml、页脚、fontTable.xml 的缩进 XML 与 tests/golden/word/ 相同；
- 随机文档：另一个程序（python-docx）读回的段落文字、表格单元格文字与 Document 里的完全一样；
- 每个金样用例和一部分随机文档都通过 openxml-audit（strict）。
"""

from __future__ import annotations

import difflib
import hashlib
import io
import tempfile
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import EXAMPLES
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from word_cases import (
    DOCUMENT_PART,
    GOLDEN_WORD,
    PROFILE_DIR,
    PROFILE_FILE,
    PROFILE_PARTS,
    cases,
    parts_of,
    stored_files,
)

from generator.api import build_report
from generator.form.models import Form
from generator.render.document import Block, BlockKind, Document, Frame, Run
from generator.write.style_profile import load_profile
from generator.write.word import build_docx
from generator.write.word.geometry import landscape

CASES = cases()


def _golden_paths(name: str) -> dict[str, str]:
    """用例的部件 → 金样文件（相对 tests/golden/word）。"""
    profile = CASES[name].profile_name
    return {DOCUMENT_PART: f"{name}/document.xml",
            **{part: f"{PROFILE_DIR}/{profile}/{Path(part).name}" for part in PROFILE_PARTS}}


@pytest.mark.parametrize("name", list(CASES))
def test_parts_match_golden_xml(name: str) -> None:
    parts = parts_of(CASES[name].docx())
    stored = (GOLDEN_WORD / name / PROFILE_FILE).read_text(encoding="utf-8").strip()
    assert stored == CASES[name].profile_name, f"{name}/{PROFILE_FILE}"
    problems = []
    for part, path in _golden_paths(name).items():
        golden = GOLDEN_WORD / path
        expected = golden.read_text(encoding="utf-8") if golden.exists() else ""
        if parts[part] != expected:
            diff = difflib.unified_diff(expected.splitlines(), parts[part].splitlines(),
                                        f"金样 {path}", f"现在的 {part}", lineterm="")
            problems.append("\n".join(list(diff)[:60]))
    assert not problems, ("与金样不同（有意修改时运行 python scripts/update_goldens.py 并检查 git diff）：\n"
                          + "\n\n".join(problems))


def test_golden_folder_has_no_stale_files() -> None:
    expected = {path for name in CASES for path in _golden_paths(name).values()}
    expected |= {f"{name}/{PROFILE_FILE}" for name in CASES}
    assert set(stored_files()) == expected


def test_cases_cover_examples_placements_profiles_and_rollups() -> None:
    stems = [example.stem for example in EXAMPLES]
    assert len(stems) == 8
    for stem in stems:
        for label in ("附件", "正文", "无表", "横版", "怪字体名", "字号字距", "负字距"):
            assert f"{stem}-{label}" in CASES
    assert {"汇总表-横版", "汇总表-9县", "汇总表-15县", "汇总表-30县"} <= set(CASES)
    assert len(CASES) == 8 * 7 + 4


def test_pretty_printing_keeps_text_exactly() -> None:
    """缩进只加在元素之间：首尾空格、全角空格、特殊字符都原样留在 w:t 里。"""
    texts = [" 前后空格 ", "\u3000全角", "a & <b> \"c\" 'd'", "x\xa0"]
    doc = Document([Block(BlockKind.PARAGRAPH, tuple(Run(t) for t in texts))])
    xml = parts_of(build_docx(doc, _FORM, load_profile()))[DOCUMENT_PART]
    assert '<w:t xml:space="preserve"> 前后空格 </w:t>' in xml
    assert '<w:t xml:space="preserve">\u3000全角</w:t>' in xml
    assert "<w:t>a &amp; &lt;b&gt; \"c\" 'd'</w:t>" in xml
    assert '<w:t xml:space="preserve">x\xa0</w:t>' in xml


# ---------------------------------------------------------------- 随机文档：python-docx 读回的文字

# 中文、西文、XML 特殊字符、制表符、换行、回车、首尾空白（含全角空格）
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
_FORM = build_report(EXAMPLES[0]).form
_TITLE = object()  # 标题段落：按文字块比较（见 _expected_paragraphs）


def _read(text: str) -> str:
    """读回时的样子：制表符写成 w:tab、读回 \\t；换行和回车都写成 w:br、读回 \\n。"""
    return text.replace("\r", "\n")


def _expected_paragraphs(doc: Document) -> list[object]:
    """Document 的各块在 Word 正文里成为哪些段落（表格不在其中，单独比较）：

    - 标题：一段，文字是去掉首尾空白（str.strip）的标题；回行处是只含一个 w:br 的文字块，
      所以 python-docx 读到的文字块依次是“第一行、\\n、第二行……”；标题下一个空段（紧接着是副标题时没有）；
    - 副标题：一段原文，再一个空段；
    - 一级标题、正文、附件标题：一段，原文；
    - 附件说明：一个空段，再一段原文；
    - 署名：一个空段，再一段；日期：一段。署名、日期两段写的都是文档里第一个署名、第一个日期的文字；
    - 附件：一段原文（另起一页），再一个空段。
    """
    signature = next((b.text for b in doc.blocks if b.kind is BlockKind.SIGNATURE), "")
    date = next((b.text for b in doc.blocks if b.kind is BlockKind.DATE), "")
    frame = doc.frame
    out: list[object] = _frame_head(frame) if frame is not None else []
    recipient = [f"{frame.recipient}："] if frame is not None and frame.recipient else []
    for index, block in enumerate(doc.blocks):
        kind, text = block.kind, _read(block.text)
        if kind is BlockKind.TITLE:
            out.append((_TITLE, _read(block.text.strip())))
            if not (index + 1 < len(doc.blocks) and doc.blocks[index + 1].kind is BlockKind.SUBTITLE):
                out += ["", *recipient]
        elif kind is BlockKind.SUBTITLE:
            out += [text, "", *recipient]
        elif kind is BlockKind.SIGNATURE and frame is not None and frame.sealed:
            out += ["", "", _read(signature)]  # 加盖印章：正文下空二行
        elif kind in (BlockKind.HEADING1, BlockKind.PARAGRAPH, BlockKind.ATTACHMENT_TITLE):
            out.append(text)
        elif kind is BlockKind.ATTACHMENT_NOTE:
            out += ["", text]
        elif kind is BlockKind.SIGNATURE:
            out += ["", _read(signature)]
        elif kind is BlockKind.DATE:
            out.append(_read(date))
        elif kind is BlockKind.ATTACHMENT:
            out += [text, ""]
    if frame is not None and frame.has_record:
        out.append("")  # 版记（浮动表格）的锚段
    return out


def _frame_head(frame: Frame) -> list[object]:
    """红头文件标题之前的段落：份号、密级、紧急程度，空段，标志（联合行文带“文件”时在表格里），空二行，
    发文字号（上行文：制表位隔开的“签发人：”和姓名，一行两个），分隔线所在的空段，空二行。"""
    out: list[object] = [*frame.head_lines, ""]
    if not frame.mark_suffix:
        out += list(frame.marks)
    out.append("")
    if not frame.signers:
        out.append(frame.number)
    groups = [frame.signers[i:i + 2] for i in range(0, len(frame.signers), 2)] if len(frame.signers) > 1 \
        else [frame.signers] if frame.signers else []
    for index, names in enumerate(groups):
        line = frame.number if index == len(groups) - 1 else ""
        for column, name in enumerate(names):
            line += ("\t签发人：" if index == 0 and column == 0 else "\t") + name
        out.append(line)
    return [*out, "", ""]


def _expected_tables(doc: Document) -> list[list[list[str]]]:
    """每个有行的表格：短行在右边补空单元格，补到最宽的一行。"""
    frame = doc.frame
    tables = [[[mark, frame.mark_suffix] for mark in frame.marks]] if frame and frame.mark_suffix else []
    for block in doc.of_kind(BlockKind.TABLE):
        if block.rows:
            columns = max(len(row) for row in block.rows)
            tables.append([[_read(row[c]) if c < len(row) else "" for c in range(columns)] for row in block.rows])
    if frame is not None and frame.has_record:  # 版记：抄送一行，印发机关和印发日期一行（制表位隔开）
        copies = [["抄送：" + "，".join(frame.copies_to) + "。"]] if frame.copies_to else []
        printed = frame.printer + (f"\t{frame.print_date}印发" if frame.print_date else "")
        tables.append(copies + ([[printed]] if frame.printer or frame.print_date else []))
    return tables


def _section_closer(paragraph: Any, previous: Any = None) -> bool:
    """gen 加的 1 磅空段落，不是文档的内容：横排表格之后结束横版一节的（write/word/body._end_section），
    版记排到偶数页时版记前段前分页的、空白页上的（节首，前一段结束上一节）。"""
    ppr = paragraph._p.pPr
    if paragraph.text or ppr is None or ppr.spacing is None or ppr.spacing.get(qn("w:line")) != "20":
        return False
    before = previous._p.pPr if previous is not None else None
    return (ppr.sectPr is not None or ppr.find(qn("w:pageBreakBefore")) is not None
            or (before is not None and before.sectPr is not None))


def _joined(paragraphs: list[Any]) -> list[tuple[Any, str]]:
    """读到的段落和文字；gen 在行末分成两段写出的段落（分散对齐的段 + 首行不缩进、接着排的段，
    见 write/word/closing.py）接回一段，与 Document 的一块对应。"""
    out: list[tuple[Any, str]] = []
    joining = False
    for paragraph in paragraphs:
        ind = paragraph._p.pPr.find(qn("w:ind")) if paragraph._p.pPr is not None else None
        if joining and ind is not None and ind.get(qn("w:firstLineChars")) == "0":
            out[-1] = (out[-1][0], out[-1][1] + paragraph.text)
        else:
            out.append((paragraph, paragraph.text))
        joining = paragraph.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.DISTRIBUTE
    return out


def _check_read_back(data: bytes, doc: Document) -> None:
    read = docx.Document(io.BytesIO(data))
    expected = _expected_paragraphs(doc)
    every = read.paragraphs
    paragraphs = _joined([p for n, p in enumerate(every) if not _section_closer(p, every[n - 1] if n else None)])
    assert len(paragraphs) == len(expected)
    for (paragraph, joined), want in zip(paragraphs, expected, strict=True):
        if isinstance(want, tuple):
            runs = [r.text for r in paragraph.runs]
            # 回行处是只含 w:br 的文字块；跟在西文后面的中文引号单独成块（见 xml.run）
            assert "".join(r for r in runs if r != "\n") == want[1], (runs, want[1])
        else:
            assert joined == want
    # 文字列回行处是显式换行（在词与词之间，见 table_layout.wrap）：比较时不计换行
    assert [[[cell.text.replace("\n", "") for cell in row.cells] for row in table.rows] for table in read.tables] == \
        [[[cell.replace("\n", "") for cell in row] for row in table] for table in _expected_tables(doc)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=_BLOCKS, unit=_TEXT.filter(lambda t: t.strip()), landscape_page=st.booleans())
def test_python_docx_reads_back_the_text_of_random_documents(blocks: list[Block], unit: str,
                                                             landscape_page: bool) -> None:
    form: Form = _FORM.model_copy(update={"unit": unit})
    profile = landscape(load_profile()) if landscape_page else load_profile()
    doc = Document(blocks)
    _check_read_back(build_docx(doc, form, profile), doc)


_LINE = _TEXT.filter(lambda t: not any(c in t for c in "\t\r\n"))  # 版头、版记的各项都是一行（表单模型保证）
_FRAMES = st.builds(
    Frame, head_lines=st.lists(_LINE, max_size=3).map(tuple), marks=st.lists(_LINE, min_size=1, max_size=3).map(tuple),
    mark_suffix=st.sampled_from(["", "文件"]), number=_LINE, signers=st.lists(_LINE, max_size=5).map(tuple),
    recipient=_LINE, copies_to=st.lists(_LINE, max_size=4).map(tuple), printer=_LINE, print_date=_LINE,
    sealed=st.booleans())


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=_BLOCKS, frame=_FRAMES)
def test_python_docx_reads_back_random_frames(blocks: list[Block], frame: Frame) -> None:
    """红头文件的版头、主送机关、版记（随机文字，含 XML 特殊字符、全角空格、表情符号）也原样读回，并通过严格校验。"""
    doc = Document([Block(BlockKind.TITLE, (Run("标题"),)), *blocks], frame)
    data = build_docx(doc, _FORM, load_profile())
    _check_read_back(data, doc)
    assert _audit(data) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_python_docx_reads_back_the_examples(example: Path) -> None:
    report = build_report(example)
    _check_read_back(report.docx(), report.document)


def test_read_back_sees_breaks_tabs_and_tables() -> None:
    """读回确实在比较：制表符、换行、回车、标题回行、表格补齐都看得到。"""
    long_title = "某某县卫生健康委员会关于二〇二四年度卫生健康工作情况的总结报告"
    doc = Document([Block(BlockKind.TITLE, (Run(f" {long_title}\u3000"),)),
                    Block(BlockKind.PARAGRAPH, (Run("甲\t乙\n丙\r丁"), Run(" 戊 ", 2))),
                    Block(BlockKind.TABLE, rows=(("指标", "单位", "本期"), ("人次",)))])
    read = docx.Document(io.BytesIO(build_docx(doc, _FORM, load_profile())))
    title_runs = [r.text for r in read.paragraphs[0].runs]
    assert len(title_runs) >= 3 and title_runs[1] == "\n" and "".join(title_runs[0::2]) == long_title
    assert [p.text for p in read.paragraphs[1:]] == ["", "甲\t乙\n丙\n丁 戊 "]
    assert [[c.text for c in row.cells] for row in read.tables[0].rows] == [["指标", "单位", "本期"], ["人次", "", ""]]
    _check_read_back(build_docx(doc, _FORM, load_profile()), doc)


# ---------------------------------------------------------------- openxml-audit（strict）


def _audit(data: bytes) -> list[str]:
    from openxml_audit import OpenXmlValidator

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "文档.docx"
        path.write_bytes(data)
        result = OpenXmlValidator(strict=True).validate(path)
    errors = [f"{e.description}（{e.part_uri} {e.path}）" for e in result.errors]
    return errors if errors or result.is_valid else ["无效（没有列出错误）"]


@pytest.mark.parametrize("name", list(CASES))
def test_every_golden_case_passes_openxml_audit_strict(name: str) -> None:
    assert _audit(CASES[name].docx()) == []


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=_BLOCKS, landscape_page=st.booleans())
def test_random_documents_pass_openxml_audit_strict(blocks: list[Block], landscape_page: bool) -> None:
    profile = landscape(load_profile()) if landscape_page else load_profile()
    assert _audit(build_docx(Document(blocks), _FORM, profile)) == []


# ---------------------------------------------------------------- 其他


def test_control_characters_are_refused_like_lxml() -> None:
    doc = Document([Block(BlockKind.PARAGRAPH, (Run("a\x01b"),))])
    with pytest.raises(ValueError, match="XML compatible"):
        build_docx(doc, _FORM, load_profile())


# 示例的 .docx 的 SHA-256：Word 输出的任何变化都要有意为之（改了就更新这里和金样，并说明为什么）
GOLDEN = {
    "中阳县-2024.yaml": "1074b9e9abe67639466392fa0921776da8b8c34be943d548628a3a9a24e05810",
    "贡觉县-2024-报告-红头.yaml": "9fef12713be1f662f833650bbefec1a05edc5aae0d911cb82a7ebe4a9665a897",
    "贡觉县-2024.yaml": "909c8704d41efe8a99584dc6c575444fc4451418b69f747758429ee73f032a0e",
    "贡觉县-2024第四季度.yaml": "cd5a8561e9e084cc9a1a09861fb55a7e34023f5a30307172e17e9d3b46c2448a",
    "霍山县-2021上半年.yaml": "e39ce645d8a9240c3006ab932689d8cddc9d7d99c104b63d74ea641eb923afe2",
    "霍山县-2024-爱国卫生运动.yaml": "706878eba661c67b858b765f8330f1b20dcfb515e1ab3aa3ae29cd27f082798f",
    "中阳县-2025-工作计划.yaml": "39d2455e809ae65ce122376216e5c43a62fbb9097ba53314b7bac8194177d795",
    "张明-2024-述职报告.yaml": "a62f10b9534dcbd6198f60f7a604edebb25febc39d5406b8c7c8f53be194be78",
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
        return str(re.findall(r"gen:sha256:[0-9a-f]{64}", core)[0])

    remarked = mark(".docx", out.getvalue())
    assert remarked != out.getvalue()
    assert mark_of(remarked) == mark_of(first) != mark_of(second)
