"""gen import 认出正式公文（红头）的版头、主送机关和版记，填进“公文:”（issue 25）。

测试用的 .docx 用 python-docx 照 GB/T 9704-2012 排：红色大字的发文机关标志、“〔〕”的发文字号（上行文右边
“签发人：”）、红色分隔线、标题下一行以“：”结尾的主送机关、末尾的版记（“抄送：……。”和“……印发”）。"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.form.reading import parse_form
from generator.importer import import_report
from generator.importer.frame import find_frame
from generator.pipeline import validated
from generator.read.loader import decode_source

UNIT = "贡觉县卫生健康委员会"
BODY = [
    f"{UNIT}2024年工作总结",
    "2024年，我委在县委、县政府的坚强领导下，扎实推进各项工作。现将有关情况总结如下。",
    "一、工作开展情况",
    "（一）开展健康体检。全年组织城乡居民健康体检15719人。",
    "二、存在的问题",
    "一是专业技术人才短缺；二是基层设备老化。",
    "三、下一步工作计划",
    "（一）加强人才培养。引进专业技术人员10名。",
    UNIT,
    "2025年1月7日",
]
FRAME: dict[str, Any] = {
    "份号": "000012", "密级": "秘密", "保密期限": "1年", "紧急程度": "特急",
    "发文机关标志": ["贡觉县卫生健康委员会文件", "贡觉县财政局文件"],
    "发文字号": "贡卫健发〔2025〕3号", "签发人": ["张三", "李四"],
    "主送机关": "昌都市卫生健康委员会",
    "抄送机关": ["贡觉县人民政府办公室", "昌都市财政局"],
    "印发机关": "贡觉县卫生健康委员会办公室", "印发日期": "2025-01-08",
}


def _red_line(paragraph: Any) -> None:
    """段落下边框：红色分隔线。"""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "1"), ("w:color", "FF0000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def red_head_docx(path: Path, frame: dict[str, Any], *, imprint_table: bool = False, mark_table: bool = False) -> Path:
    document = Document()
    for key in ("份号",):
        if key in frame:
            document.add_paragraph(frame[key])
    if "密级" in frame:
        document.add_paragraph(frame["密级"] + ("★" + frame["保密期限"] if "保密期限" in frame else ""))
    if "紧急程度" in frame:
        document.add_paragraph(frame["紧急程度"])
    if mark_table:  # 联合行文：左列机关名称，右列合并的“文件”
        marks = frame["发文机关标志"]
        table = document.add_table(rows=len(marks), cols=2)
        for row, mark in zip(table.rows, marks, strict=True):
            row.cells[0].text = mark.removesuffix("文件")
        merged = table.cell(0, 1).merge(table.cell(len(marks) - 1, 1))
        merged.text = "文件"
    for mark in [] if mark_table else frame.get("发文机关标志", [f"{UNIT}文件"]):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(mark)
        run.font.size, run.font.color.rgb = Pt(36), RGBColor(0xFF, 0, 0)
    signers = frame.get("签发人", [])
    if len(signers) > 1:  # 几位签发人：上面几行只有姓名，发文字号和最后一行对齐
        document.add_paragraph("签发人：" + "\u3000".join(signers[:-1]))
        number = document.add_paragraph(frame["发文字号"] + "\t" + signers[-1])
    elif signers:
        number = document.add_paragraph(frame["发文字号"] + "\t签发人：" + signers[0])
    else:
        number = document.add_paragraph(frame["发文字号"])
    _red_line(number)
    document.add_paragraph(BODY[0]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if "主送机关" in frame:
        document.add_paragraph(frame["主送机关"] + "：")
    for text in BODY[1:-2]:
        document.add_paragraph(text)
    document.add_paragraph()  # 正文下空一行
    if frame.get("盖章"):
        document.add_paragraph()  # 再空一行给印章
    for text in BODY[-2:]:
        document.add_paragraph(text)
    lines = []
    if frame.get("抄送机关"):
        lines.append("抄送：" + "，".join(frame["抄送机关"]) + "。")
    if "印发机关" in frame:
        year, month, day = (int(part) for part in frame["印发日期"].split("-"))
        lines.append(f"{frame['印发机关']}\t{year}年{month}月{day}日印发")
    if imprint_table:
        table = document.add_table(rows=len(lines), cols=1)
        for row, text in zip(table.rows, lines, strict=True):
            row.cells[0].text = text
    else:
        for text in lines:
            document.add_paragraph(text)
    document.save(str(path))
    return path


def plain_docx(path: Path) -> Path:
    document = Document()
    for text in BODY:
        document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.mark.parametrize("imprint_table", [False, True])
def test_red_head_docx_fills_the_frame_keys(tmp_path: Path, imprint_table: bool) -> None:
    result = import_report(red_head_docx(tmp_path / "红头.docx", FRAME, imprint_table=imprint_table))
    assert result.form["公文"] == FRAME
    assert result.source.tables == []  # 版记的表格不再作为注释放进表单
    plain = import_report(plain_docx(tmp_path / "无红头.docx"))
    assert {key: value for key, value in result.form.items() if key != "公文"} == plain.form
    assert any("版头、主送机关、版记" in note for note in result.notes)


def test_imported_form_is_valid_and_keeps_the_frame(tmp_path: Path) -> None:
    result = import_report(red_head_docx(tmp_path / "红头.docx", FRAME))
    loaded = parse_form(decode_source(result.yaml().encode("utf-8"), tmp_path / "表单.yaml"))
    form, _ = validated(loaded)
    assert form.frame is not None
    assert form.frame.model_dump(by_alias=True, exclude_defaults=True, mode="json") == FRAME


def test_downward_document_without_signers_with_the_default_mark(tmp_path: Path) -> None:
    frame = {"发文字号": "贡卫健发〔2025〕3号", "主送机关": "各乡（镇）卫生院、县直各医疗卫生单位",
             "印发机关": "贡觉县卫生健康委员会办公室", "印发日期": "2025-01-08"}
    result = import_report(red_head_docx(tmp_path / "下行文.docx", frame))
    # 红头上印的是默认的“单位文件”：也写进表单（与不写时一样，办事员看得到）
    assert result.form["公文"] == {"发文机关标志": f"{UNIT}文件", **frame}  # 一个名字：写成文字


def test_text_file_with_a_frame(tmp_path: Path) -> None:
    lines = ["贡觉县卫生健康委员会文件", "", "贡卫健发〔2025〕3号", "", *BODY[:1], "昌都市卫生健康委员会：", *BODY[1:],
             "", "抄送：贡觉县人民政府办公室。", "贡觉县卫生健康委员会办公室      2025年1月8日印发"]
    path = tmp_path / "红头.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_report(path)
    assert result.form["公文"] == {"发文机关标志": f"{UNIT}文件", "发文字号": "贡卫健发〔2025〕3号",
                                 "主送机关": "昌都市卫生健康委员会",
                                 "抄送机关": "贡觉县人民政府办公室", "印发机关": "贡觉县卫生健康委员会办公室",
                                 "印发日期": "2025-01-08"}
    assert result.form["单位"] == UNIT and result.form["日期"] == "2025-01-07"


@pytest.mark.parametrize("first", [
    "关于印发〔2025〕3号文件的通知",  # 正文里提到文号：不是版头
    "2024年，我委按照市卫健委〔2024〕12号文件要求，扎实推进各项工作。",
])
def test_numbers_inside_prose_are_not_a_frame(tmp_path: Path, first: str) -> None:
    path = tmp_path / "正文.txt"
    path.write_text("\n".join([BODY[0], first, *BODY[1:]]) + "\n", encoding="utf-8")
    assert "公文" not in import_report(path).form


def test_unit_line_with_colon_is_not_taken_without_a_head() -> None:
    found = find_frame([BODY[0], "昌都市卫生健康委员会：", *BODY[1:]])
    assert found.keys == {}


@given(st.lists(st.text(max_size=60), max_size=30))
@settings(max_examples=300, deadline=None)
def test_random_text_never_yields_a_number(paragraphs: list[str]) -> None:
    found = find_frame(paragraphs)
    assert "发文字号" not in found.keys
    assert found.used <= set(range(len(paragraphs)))


_PIECES = st.sampled_from(["贡卫健发〔2025〕3号", "2025年1月7日", "贡觉县财政局", "文件", "签发人：张三", "000001", "秘密★1年", "特急", "抄送：县政府。",
                           "办公室  2025年1月8日印发", "贡觉县卫生健康委员会文件", "市卫健委：", "一、工作", "",
                           "办公室 2025年2月30日印发", "〔2025〕3号", "x〔2025〕03号"])


@given(st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=25),
       st.lists(st.lists(st.lists(st.one_of(_PIECES, st.text(max_size=10)), max_size=3), max_size=3), max_size=2),
       st.booleans())
@settings(max_examples=300, deadline=None)
def test_frame_recogniser_never_crashes(paragraphs: list[str], tables: list[list[list[str]]], word: bool) -> None:
    found = find_frame(paragraphs, tables, word=word)
    assert set(found.places.values()) <= set(range(len(paragraphs)))
    assert found.tables <= set(range(len(tables)))
    number = found.keys.get("发文字号")
    assert number is None or number in paragraphs[min(found.used)] or any(number in p for p in paragraphs)
    if "印发日期" in found.keys:
        assert found.keys["印发日期"] != "2025-02-30"


def test_markdown_frame_as_gen_writes_it(tmp_path: Path) -> None:
    """gen 的 Markdown 输出（wt-frame-word 的写法）：联合行文的机关名称排在一行、“文件”只写一次，
    发文字号和“签发人：”在同一行，版记上面一行 ---。"""
    lines = ["000012", "秘密★1年", "特急", "贡觉县卫生健康委员会\u3000贡觉县财政局\u3000文件",
             "贡卫健发〔2025〕3号\u3000\u3000签发人：张三\u3000李四", f"# {BODY[0]}", "昌都市卫生健康委员会：",
             *BODY[1:], "---", "抄送：贡觉县人民政府办公室，昌都市财政局。",
             "贡觉县卫生健康委员会办公室\u3000\u30002025年1月8日印发"]
    path = tmp_path / "红头.md"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    result = import_report(path)
    assert result.form["公文"] == FRAME
    assert "---" not in result.paragraphs


def test_joint_marks_in_a_table_and_seal_space(tmp_path: Path) -> None:
    """Word 里联合行文的发文机关标志常排成表格（“文件”二字合并单元格）；落款上面空两行是给印章留的位置。"""
    frame = {**FRAME, "盖章": True}
    result = import_report(red_head_docx(tmp_path / "联合.docx", frame, mark_table=True, imprint_table=True))
    assert result.form["公文"] == frame
    assert list(result.form["公文"]) == list(frame)  # 键的顺序与表单相同
    assert result.source.tables == []


def test_blank_lines_before_signature_without_a_head_are_not_a_seal(tmp_path: Path) -> None:
    document = Document()
    for text in BODY[:-2]:
        document.add_paragraph(text)
    for _ in range(3):
        document.add_paragraph()
    for text in BODY[-2:]:
        document.add_paragraph(text)
    document.save(str(tmp_path / "无红头.docx"))
    assert "公文" not in import_report(tmp_path / "无红头.docx").form


@pytest.mark.parametrize("written", ["贡卫健发[2025]3号", "贡卫健发【2025】第03号", "贡卫健发（2025）3号"])
def test_badly_typed_number_is_kept_as_written_for_gen_check(tmp_path: Path, written: str, gen) -> None:  # type: ignore[no-untyped-def]
    """旧文件里打错括号的发文字号照原样读进表单，gen check 对着表单指出改法（GEN801）。"""
    frame = {"发文机关标志": [f"{UNIT}文件"], "发文字号": written, "主送机关": "昌都市卫生健康委员会"}
    result = import_report(red_head_docx(tmp_path / "旧.docx", frame))
    assert result.form["公文"] == {**frame, "发文机关标志": f"{UNIT}文件"}
    form = tmp_path / "旧-表单.yaml"
    form.write_text(result.yaml().replace("请补写", ""), encoding="utf-8")
    checked = gen("check", str(form))
    assert "GEN801" in checked.out + checked.err and "应为：贡卫健发〔2025〕3号" in checked.out + checked.err


def test_gen_check_on_a_red_head_report_checks_the_frame(tmp_path: Path, gen) -> None:  # type: ignore[no-untyped-def]
    """gen check 一份写好的红头文件：版头、版记同样按 GEN801–GEN810 检查，Word 按“第N段”、文本按行定位。"""
    import json

    frame = {**FRAME, "发文字号": "贡卫健发[2024]3号", "印发日期": "2025-01-05"}
    found = json.loads(gen("check", "--format", "json", str(red_head_docx(tmp_path / "红头.docx", frame))).out)
    framed = {f["code"]: f for f in found if f["code"].startswith("GEN8")}
    assert set(framed) == {"GEN801", "GEN802", "GEN804"}
    assert framed["GEN801"]["paragraph"] == 7  # 份号、密级、紧急程度、两行标志、“签发人：张三”之后的第 7 段
    assert framed["GEN801"]["fix"] == "应为：贡卫健发〔2025〕3号"
    assert "早于成文日期2025年1月7日" in framed["GEN804"]["message"]
    # 生成得正确的红头文件：版头、版记没有问题，正文的检查照常（发文字号那几段不当作正文检查）
    clean = json.loads(gen("check", "--format", "json", str(red_head_docx(tmp_path / "好.docx", FRAME))).out)
    plain = json.loads(gen("check", "--format", "json", str(plain_docx(tmp_path / "无红头.docx"))).out)
    assert [f["code"] for f in clean] == [f["code"] for f in plain]


@pytest.mark.parametrize("title,unit,year,kind", [
    ("贡觉县卫生健康委员会关于2024年度工作情况的报告", "贡觉县卫生健康委员会", 2024, "年度工作总结"),
    ("某县卫生健康局关于2024年上半年工作情况的报告", "某县卫生健康局", 2024, "半年工作总结"),
])
def test_report_style_title_of_a_formal_document(tmp_path: Path, title: str, unit: str, year: int, kind: str) -> None:
    """报上级的红头文件，标题常写成“某局关于2024年度工作情况的报告”：单位在“关于”之前，标题原样保留。"""
    path = tmp_path / "报告.txt"
    path.write_text("\n".join([title, *BODY[1:]]) + "\n", encoding="utf-8")
    form = import_report(path).form
    assert (form["单位"], form["年度"], form.get("类型", "年度工作总结"), form["标题"]) == (unit, year, kind, title)


@pytest.mark.parametrize("line", ["现将有关情况报告如下：", "关于2024年工作的报告"])
def test_sentences_mentioning_a_report_are_not_titles(line: str) -> None:
    from generator.importer.structure import _is_title

    assert not _is_title(line)
