"""gen import 面对损坏或古怪的输入：不崩溃、不卡住，写出的表单 gen 一定读得进，
唯一的问题是留给办事员的“请补写”。"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from generator.api import check_file
from generator.errors import FormError, ImportFailure
from generator.form.reading import load_form_file
from generator.importer import emit_yaml, import_report
from generator.read.loader import MAX_FORM_BYTES

BODY = ["测试县卫生局2024年工作总结", "2024年，我局扎实推进各项工作。", "一、工作开展情况", "（一）加强防控。开展工作。",
        "二、存在的问题", "人才短缺。", "三、下一步工作计划", "（一）培养人才。解决人才短缺。",
        "测试县卫生局", "2025年1月7日"]


def word_file(path: Path, paragraphs: list[str], *, cells: list[list[str]] | None = None,
              patch: tuple[str, str] | None = None) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if cells is not None:
        table = document.add_table(rows=len(cells), cols=len(cells[0]))
        for r, row in enumerate(cells):
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                parts = text.split("\n")
                cell.text = parts[0]
                for part in parts[1:]:
                    cell.add_paragraph(part)
    buffer = io.BytesIO()
    document.save(buffer)
    if patch is None:
        path.write_bytes(buffer.getvalue())
        return path
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert patch[0] in text
                data = text.replace(patch[0], patch[1], 1).encode("utf-8")
            target.writestr(item, data)
    return path


def only_unfilled(form: Path) -> list[str]:
    """表单能读入；返回 gen check 的错误消息（应当只有“请补写”）。"""
    load_form_file(form)
    try:
        findings = check_file(form)
    except FormError as exc:
        findings = list(exc.diagnostics)
    return [d.message for d in findings if d.severity.value == "错误"]


@pytest.mark.parametrize(("name", "patch"), [
    ("续合并在第一行", ("<w:tcPr>", '<w:tcPr><w:vMerge w:val="continue"/>')),
    ("gridSpan 是文字", ("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="abc"/>')),
    ("gridSpan 上亿", ("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="99999999"/>')),
])
def test_malformed_word_tables(name: str, patch: tuple[str, str], gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = word_file(tmp_path / f"{name}.docx", BODY, cells=[["指标", "数值"], ["体检率", "88%"]], patch=patch)
    result = gen("import", str(path))
    assert result.code == 0, result.err
    form = tmp_path / f"{name}-表单.yaml"
    assert "#   指标 | 数值\n#   体检率 | 88%\n" in form.read_text(encoding="utf-8")
    assert only_unfilled(form) == []
    checked = gen("check", str(path))
    assert checked.code == 0, checked.err


def test_cell_with_two_paragraphs_stays_one_comment_line(tmp_path: Path) -> None:
    path = word_file(tmp_path / "表格.docx", BODY, cells=[["指标\n第二段", "88%"]])
    text = import_report(path).yaml()
    assert "#   指标 第二段 | 88%\n" in text


def test_comments_never_break_lines() -> None:
    text = emit_yaml({"单位": "甲", "年度": 2024, "日期": "2025-01-07"}, source="a\nb\x0bc\u2028d.docx",
                     notes=["一\r二"], tables=[[["x\ny", "\x1c"]]])
    for line in text.splitlines():
        assert line.startswith("#") or not line.startswith(" #")
    assert "# 由 gen import 从“a b c d.docx”导入" in text
    assert "# 注意：一 二\n" in text
    assert "#   x y |\n" in text


def test_long_paragraph_with_fullwidth_spaces_is_not_folded(tmp_path: Path) -> None:
    sentence = "县卫健局在县委、县政府的正确领导下，紧紧围绕各项重点工作任务，各项工作稳步推进。 　　"
    paragraph = sentence * 120  # 约 5,000 字，超过 ruamel 默认折行宽度
    report = tmp_path / "长段落.txt"
    report.write_text("\n".join([BODY[0], paragraph, *BODY[1:]]), encoding="utf-8")
    form = tmp_path / "长段落-表单.yaml"
    form.write_text(import_report(report).yaml(), encoding="utf-8")
    assert only_unfilled(form) == []


def test_lone_number_takes_the_next_paragraph_as_title(tmp_path: Path) -> None:
    report = tmp_path / "序号单独一行.txt"
    report.write_text("测试县卫生局2024年工作总结\n\n导语。\n\n一、工作开展情况\n\n（一）\n\n开展工作。取得成效。\n\n"
                      "二、存在的问题\n\n人才短缺。\n\n三、下一步工作计划\n\n（一）培养人才。解决人才短缺。\n\n"
                      "测试县卫生局\n\n2025年1月7日\n", encoding="utf-8")
    result = import_report(report)
    assert result.form["工作开展情况"] == [{"标题": "开展工作", "内容": "取得成效。"}]


def test_lone_number_at_the_end_is_left_for_the_clerk(tmp_path: Path) -> None:
    report = tmp_path / "只有序号.txt"
    report.write_text("测试县卫生局2024年工作总结\n导语。\n一、工作开展情况\n（一）加强防控。开展工作。\n（二）\n"
                      "二、存在的问题\n人才短缺。\n三、下一步工作计划\n（一）培养人才。\n测试县卫生局\n2025年1月7日\n",
                      encoding="utf-8")
    form = tmp_path / "只有序号-表单.yaml"
    form.write_text(import_report(report).yaml(), encoding="utf-8")
    assert only_unfilled(form) == [
        "“工作开展情况 第2项 标题”还没有填写：这是 gen import 在原文里没有找到、留给你补写的地方。"
        "请把“请补写”换成这里的文字。"]


def test_no_title_leaves_unit_and_year_for_the_clerk(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "无标题.txt"
    report.write_text("一、工作开展情况\n（一）加强防控。开展工作。\n二、存在的问题\n人才短缺。\n", encoding="utf-8")
    assert gen("import", str(report)).code == 0
    form = tmp_path / "无标题-表单.yaml"
    text = form.read_text(encoding="utf-8")
    assert [line.split("#")[0].strip() for line in text.splitlines()[2:4]] == ["单位: 请补写", "年度: 请补写"]
    result = gen("check", str(form))
    assert result.code == 1
    lines = [line for line in result.err.replace(str(form), "F").splitlines() if line.startswith("F:")]
    assert [line.split("还没有填写")[0] for line in lines] == [
        "F:3:5: 错误：“单位”", "F:4:5: 错误：“年度”", "F:5:5: 错误：“日期”", "F:6:5: 错误：“导语”",
        "F:13:5: 错误：“下一步工作计划 第1项”"]
    assert "请把“请补写”换成单位全称，如 贡觉县卫生健康委员会。" in result.err


def test_control_characters_in_report_text_are_dropped(tmp_path: Path) -> None:
    body = [*BODY]
    body[3] = "（一）加强\x01防控。开展\x7f工作\ufffe。"
    path = tmp_path / "控制字符.txt"
    path.write_text("\n".join(body), encoding="utf-8")
    form = tmp_path / "控制字符-表单.yaml"
    form.write_text(import_report(path).yaml(), encoding="utf-8")
    assert only_unfilled(form) == []
    assert "加强 防控" in form.read_text(encoding="utf-8")


def test_form_over_the_size_cap_is_refused_with_a_reason(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "巨大.txt"
    paragraph = "开展工作，取得成效。" * 200
    items = "\n".join(f"（{n}）{paragraph}" for n in range(1, 1000))
    report.write_text(f"{BODY[0]}\n一、工作开展情况\n{items}\n", encoding="utf-8")
    assert report.stat().st_size > MAX_FORM_BYTES
    result = gen("import", str(report))
    assert result.code == 1
    assert "超过了表单的上限 5 MB，gen 读不了" in result.err
    assert not (tmp_path / "巨大-表单.yaml").exists()


def test_big_tables_are_dropped_before_refusing(tmp_path: Path) -> None:
    rows = [["很长的单元格" * 50, "x"] for _ in range(20)]
    with pytest.raises(ImportFailure):
        emit_yaml({"单位": "甲", "年度": 2024, "日期": "2025-01-07", "导语": "导语" * 3000},
                  source="a.docx", notes=[], tables=[rows], limit=10_000)
    text = emit_yaml({"单位": "甲", "年度": 2024, "日期": "2025-01-07"}, source="a.docx", notes=[],
                     tables=[rows], limit=10_000)
    assert "原文有 1 个表格，内容太多，没有放进注释" in text
    assert len(text.encode("utf-8")) < 10_000


def test_braces_in_the_report_do_not_become_template_syntax(tmp_path: Path) -> None:
    report = tmp_path / "大括号.txt"
    body = [*BODY]
    body[3] = "（一）加强防控。全年体检{{体检人数}}人，{% raw %}，}}，{#。"
    report.write_text("\n".join(body), encoding="utf-8")
    form = tmp_path / "大括号-表单.yaml"
    form.write_text(import_report(report).yaml(), encoding="utf-8")
    assert "全年体检｛｛体检人数｝｝人，｛% raw %｝，｝｝，｛#。" in form.read_text(encoding="utf-8")
    assert only_unfilled(form) == []


def test_word_file_that_unpacks_to_megabytes_is_refused_at_once(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """模糊测试发现：几十 KB 的 .docx 解压出 15 MB 的正文，导入要十几秒。先看压缩包目录，超过上限就说明原因。"""
    filler = "<w:p><w:r><w:t>某某</w:t></w:r></w:p>" * 250000  # 约 9 MB，压缩后很小
    path = word_file(tmp_path / "大文件.docx", ["测试县卫生局2024年工作总结"], patch=("<w:sectPr", filler + "<w:sectPr"))
    assert path.stat().st_size < 1024 * 1024
    for command in ("check", "import"):
        result = gen(command, str(path))
        assert result.code == 1
        assert result.err.startswith(f"{path}: 错误：大文件.docx 解压后太大（正文 9."), result.err
        assert "不像一份工作总结" in result.err
