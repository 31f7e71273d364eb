"""给错了文件、给错了命令：gen report / check / import 认出文件种类并说该运行哪条命令；
-f 可写多次；-o 的文件夹和文件规则；gen check --format json 总是输出 JSON。"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, VALID_FORM

from generator.read.filekind import Kind, detect, form_stem


def _report_files(tmp_path: Path) -> tuple[Path, Path]:
    from generator.api import build_report

    report = build_report(EXAMPLES[0])
    docx, md = tmp_path / "报告.docx", tmp_path / "网站稿.md"
    docx.write_bytes(report.docx())
    md.write_text(report.markdown(), encoding="utf-8")
    return docx, md


def test_report_on_a_docx_report_says_what_to_run(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    docx, _ = _report_files(tmp_path)
    before = docx.read_bytes()
    result = gen("report", str(docx))
    assert result.code == 2
    assert result.out == ""
    assert result.err == (
        f"{docx}: 错误：“报告.docx”是写好的报告（Word 文件），不是表单，gen report 不能用它。\n"
        f"    提示：检查这份报告，运行：gen check {docx}；把它转成表单再改写，运行：gen import {docx}\n")
    assert docx.read_bytes() == before


def test_report_on_a_markdown_report_says_what_to_run(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, md = _report_files(tmp_path)
    result = gen("report", str(md))
    assert result.code == 2
    assert result.err == (
        f"{md}: 错误：“网站稿.md”是写好的报告（文字稿），不是表单，gen report 不能用它。\n"
        f"    提示：检查这份报告，运行：gen check {md}；把它转成表单再改写，运行：gen import {md}\n")


def test_import_on_a_form_says_what_to_run(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    result = gen("import", str(path))
    assert result.code == 2
    assert result.err == (
        f"{path}: 错误：“表单.yaml”是表单，不是写好的报告，不需要导入。\n"
        f"    提示：检查表单，运行：gen check {path}；生成工作总结，运行：gen report {path}\n")
    assert sorted(p.name for p in path.parent.iterdir()) == ["表单.yaml"]


def test_report_on_old_word_file(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "去年.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    result = gen("report", str(path))
    assert result.code == 2
    assert result.err == (
        f"{path}: 错误：“去年.doc”是旧版 Word 或 WPS 文件，gen 读不了。\n"
        f"    提示：请在 WPS 或 Word 里“另存为”.docx，再运行：gen check 或 gen import {tmp_path / '去年.docx'}\n")


NOTEPAD_NOTICE = ("{path}: 提示：“表单.yaml.txt”的内容是表单，已按表单处理。扩展名是 .txt（记事本另存时常会加上 .txt），"
                  "建议改名为“表单.yaml”。\n")


def test_form_saved_by_notepad_is_a_form_for_report_and_check(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(name="表单.yaml.txt")
    checked = gen("check", str(path))
    assert checked.code == 0
    assert checked.err == NOTEPAD_NOTICE.format(path=path)
    assert checked.out == f"{path}：表单填写正确。\n"
    made = gen("report", str(path), "-f", "md")
    assert made.code == 0, made.err
    assert made.err == NOTEPAD_NOTICE.format(path=path)
    assert made.out == f"{path.parent / '表单.md'}\n"  # 不是“表单.yaml.md”
    imported = gen("import", str(path))
    assert imported.code == 2
    assert imported.err.startswith(f"{path}: 错误：“表单.yaml.txt”是表单，不是写好的报告，不需要导入。\n")


def test_a_txt_whose_content_is_a_form(form_file) -> None:  # type: ignore[no-untyped-def]
    assert detect(form_file(name="表单.txt")) is Kind.FORM
    assert detect(form_file("一、工作开展情况\n单位：县教育局\n全年培训12次。\n", name="稿.txt")) is Kind.REPORT
    assert detect(form_file(VALID_FORM, name="表单.md", encoding="gbk")) is Kind.FORM
    web_header = "标题：某县教育局2024年工作总结\n单位：某县教育局\n日期：2025-01-10\n一、工作开展情况\n"
    assert detect(form_file(web_header, name="网页.txt")) is Kind.REPORT
    assert form_stem(Path("a/表单.yaml.txt")) == "表单" and form_stem(Path("x.txt")) == "x"


def test_repeated_format_option_is_a_union(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    result = gen("report", str(path), "-f", "docx", "-f", "md", "-f", "docx")
    assert result.code == 0, result.err
    assert result.out == f"{path.with_suffix('.docx')}\n{path.with_suffix('.md')}\n"
    assert path.with_suffix(".docx").read_bytes()[:2] == b"PK"
    assert path.with_suffix(".md").read_text(encoding="utf-8").startswith("# ")


def test_format_follows_output_suffix_when_not_given(gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "网站稿.md"
    result = gen("report", str(form_file()), "-o", str(target))
    assert result.code == 0, result.err
    assert result.out == f"{target}\n"
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_output_with_unknown_suffix_is_explained(gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "2025.终稿"
    result = gen("report", str(form_file()), "-o", str(target))
    assert result.code == 2
    assert result.err == (
        f"错误：-o “{target}”既不是已有的文件夹，扩展名“.终稿”也不是 gen 能写的格式（.docx、.md、.pdf）。\n"
        f"    提示：要放进文件夹，请在末尾加 /，写成 -o {target}/；要指定文件名，请写成 -o {target}.docx\n")
    assert not target.exists()


@pytest.mark.parametrize("how", ["trailing-slash", "existing-folder", "no-suffix"])
def test_output_folder_rule(how: str, gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / ("输出" if how == "no-suffix" else "2025.终稿")
    if how == "existing-folder":
        folder.mkdir()
    argument = f"{folder}/" if how == "trailing-slash" else str(folder)
    result = gen("report", str(form_file()), "-f", "md,docx", "-o", argument)
    assert result.code == 0, result.err
    assert result.out == f"{folder / '表单.md'}\n{folder / '表单.docx'}\n"


def test_check_json_on_broken_form_is_json(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(VALID_FORM.replace("年度: 2024", "年度: 二〇二四"))
    result = gen("check", "--format", "json", str(path))
    assert result.code == 1
    assert result.err == ""
    findings = json.loads(result.out)
    assert findings == [{"severity": "错误", "code": None, "file": str(path), "line": 2, "column": 5,
                         "paragraph": None, "message": findings[0]["message"], "fix": None}]
    assert "阿拉伯数字" in findings[0]["message"]


def test_check_json_on_missing_file_and_wrong_kind(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "没有.yaml"
    result = gen("check", "--format", "json", str(missing))
    assert result.code == 1 and result.err == ""
    assert json.loads(result.out) == [{
        "severity": "错误", "code": None, "file": str(missing), "line": None, "column": None,
        "paragraph": None, "message": f"找不到表单文件：{missing}。请检查文件名和所在文件夹。", "fix": None}]
    old = tmp_path / "旧.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    result = gen("check", "--format", "json", str(old))
    assert result.code == 2 and result.err == ""
    assert json.loads(result.out) == [{
        "severity": "错误", "code": None, "file": str(old), "line": None, "column": None,
        "paragraph": None, "message": "“旧.doc”是旧版 Word 或 WPS 文件，gen 读不了。",
        "fix": f"请在 WPS 或 Word 里“另存为”.docx，再运行：gen check 或 gen import {tmp_path / '旧.docx'}"}]


def test_check_json_on_usage_errors_is_json(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = gen("check", "--format", "json")
    assert result.code == 2 and result.err == ""
    assert json.loads(result.out) == [{
        "severity": "错误", "code": None, "file": None, "line": None, "column": None, "paragraph": None,
        "message": "用法错误：缺少参数“文件”（文件名）。\n运行 gen check --help 查看用法。", "fix": None}]
    result = gen("check", "--format=json", "--strikt", str(tmp_path / "a.yaml"))
    assert result.code == 2 and result.err == ""
    assert json.loads(result.out)[0]["message"].startswith("用法错误：没有 --strikt 这个选项。是不是 --strict？")


def test_check_json_on_an_internal_error_is_json(gen, form_file, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import generator.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(generator.pipeline, "check_file", broken)
    result = gen("check", "--format", "json", str(form_file()))
    assert result.code == 1 and result.err == ""
    assert json.loads(result.out)[0]["message"].startswith("gen 内部出错（RuntimeError）。")


@pytest.mark.parametrize("typed,guess", [("reprot", "report"), ("rolup", "rollup"), ("edt", "edit"), ("chek", "check")])
def test_mistyped_command_suggests_the_closest(gen, typed: str, guess: str) -> None:  # type: ignore[no-untyped-def]
    result = gen(typed)
    assert result.code == 2
    assert result.err == (f"用法错误：没有“{typed}”这个命令。是不是 {guess}？"
                          "可用的命令：report、check、init、rollup、import、schema、edit、doctor、template。\n运行 gen --help 查看用法。\n")
