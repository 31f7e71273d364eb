"""整批生成：gen report 给多份表单或文件夹（进度、汇总表、退出码、与单独运行逐字节相同）。"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, VALID_FORM
from office import require_tool

BAD_FORM = VALID_FORM.replace("年度: 2024", "年度: 二〇二四")


# 县级的几份工作总结（示例里后来加的工作计划、述职报告等不放进来：下面的输出逐行钉住）
COUNTY_EXAMPLES = [p for p in EXAMPLES
                   if p.stem in ("中阳县-2024", "贡觉县-2024", "贡觉县-2024第四季度", "霍山县-2021上半年",
                                 "霍山县-2024-爱国卫生运动")]


def county_folder(tmp_path: Path, examples: list[Path] = COUNTY_EXAMPLES) -> Path:
    """一个县级文件夹：几份示例表单、一份填错的表单，和几样不是表单的文件。"""
    folder = tmp_path / "县级"
    folder.mkdir()
    for example in examples:
        shutil.copy(example, folder / example.name)
    (folder / "坏.yaml").write_text(BAD_FORM, encoding="utf-8")
    (folder / "gen-form.schema.json").write_text("{}", encoding="utf-8")
    (folder / "去年的报告.docx").write_bytes(b"PK\x03\x04")
    (folder / "说明.md").write_text("# 说明\n\n各县表单放在这里。\n", encoding="utf-8")
    (folder / "照片.png").write_bytes(b"\x89PNG")
    (folder / "子文件夹").mkdir()
    return folder


def test_bad_form_among_good_ones(gen, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    county_folder(tmp_path)
    (tmp_path / "市本级.yaml").write_text(VALID_FORM, encoding="utf-8")
    result = gen("report", "县级", "市本级.yaml", "-f", "docx,md", "-o", "输出/", "-j", "1")
    assert result.code == 1
    out = tmp_path / "输出"
    names = ["中阳县-2024", "贡觉县-2024", "贡觉县-2024第四季度", "霍山县-2021上半年", "霍山县-2024-爱国卫生运动", "市本级"]
    assert result.out == "".join(f"{out / name}.docx\n{out / name}.md\n" for name in names)
    assert result.err == (
        "[1/7] 完成：县级/中阳县-2024.yaml\n"
        "县级/坏.yaml:2:5: 错误：“年度”：要写阿拉伯数字，如 2024。\n"
        "    年度: 二〇二四\n"
        "          ^\n"
        "[2/7] 失败：县级/坏.yaml\n"
        "[3/7] 完成：县级/贡觉县-2024.yaml\n"
        "[4/7] 完成：县级/贡觉县-2024第四季度.yaml\n"
        "[5/7] 完成：县级/霍山县-2021上半年.yaml\n"
        "[6/7] 完成：县级/霍山县-2024-爱国卫生运动.yaml\n"
        "[7/7] 完成：市本级.yaml\n"
        "共 7 份表单：成功 6 份，失败 1 份。\n"
        "  结果  表单          第一个错误\n"
        "  失败  县级/坏.yaml  县级/坏.yaml:2:5: “年度”：要写阿拉伯数字，如 2024。\n"
        "跳过 4 个不是表单的文件：县级/gen-form.schema.json、县级/去年的报告.docx、县级/照片.png、县级/说明.md\n")
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.{f}" for n in names for f in ("docx", "md"))


def test_outputs_are_byte_identical_to_single_runs(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = county_folder(tmp_path, EXAMPLES)  # 全部示例（各种类型）
    (folder / "坏.yaml").unlink()
    for jobs in ("1", "2"):
        result = gen("report", str(folder), "-f", "docx,md", "-o", str(tmp_path / f"批量{jobs}"), "-j", jobs)
        assert result.code == 0, result.err
    for example in EXAMPLES:
        single = tmp_path / "单独"
        result = gen("report", str(example), "-f", "docx,md", "-o", str(single))
        assert result.code == 0, result.err
        for suffix in (".docx", ".md"):
            name = example.with_suffix(suffix).name
            expected = (single / name).read_bytes()
            assert (tmp_path / "批量1" / name).read_bytes() == expected
            assert (tmp_path / "批量2" / name).read_bytes() == expected


def test_content_error_fails_that_form_only_and_force_writes_it(gen, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    wrong = VALID_FORM.replace("全年体检{{体检人数}}。", "确诊82人，较之去年47人，增长了57.31%。")
    (tmp_path / "a.yaml").write_text(wrong, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(VALID_FORM, encoding="utf-8")
    result = gen("report", "a.yaml", "b.yaml", "-f", "md")
    assert result.code == 1
    assert result.out == f"{tmp_path / 'b.md'}\n"
    assert not (tmp_path / "a.md").exists()
    assert result.err.endswith(
        "共 2 份表单：成功 1 份，失败 1 份。\n"
        "  结果  表单    第一个错误\n"
        "  失败  a.yaml  a.yaml:12:15: [GEN201] 本期82人、上期47人，实际增长74.47%，"
        "文中写的是“增长57.31%”。疑似用上期除以本期（47÷82）。\n"
        "内容检查发现错误的表单没有生成文件；改正后重新运行，确实要生成请加 --force。\n")
    forced = gen("report", "a.yaml", "b.yaml", "-f", "md", "--force")
    assert forced.code == 0, forced.err
    assert (tmp_path / "a.md").exists()
    assert forced.err.endswith("共 2 份表单：成功 2 份，失败 0 份。\n")


def test_output_file_name_with_several_forms_is_usage_error(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = county_folder(tmp_path)
    result = gen("report", str(folder), "-o", str(tmp_path / "总.docx"))
    assert result.code == 2
    assert result.err == (f"错误：一次生成多份表单时，-o 要给一个文件夹，而不是文件“{tmp_path / '总.docx'}”。\n"
                          f"    提示：写成 -o {tmp_path / '总'}/，各份表单的文件都放进这个文件夹\n")
    assert not (tmp_path / "总.docx").exists()


def test_folder_without_forms(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "空").mkdir()
    (tmp_path / "空" / "报告.docx").write_bytes(b"PK")
    result = gen("report", str(tmp_path / "空"))
    assert result.code == 2
    assert result.err == f"错误：在 {tmp_path / '空'} 里没有找到表单（.yaml），没有生成任何文件。\n"


def test_two_forms_with_the_same_output_name(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for county in ("甲", "乙"):
        (tmp_path / county).mkdir()
        (tmp_path / county / "表单.yaml").write_text(VALID_FORM, encoding="utf-8")
    result = gen("report", str(tmp_path / "甲"), str(tmp_path / "乙"), "-f", "md", "-o", str(tmp_path / "输出"), "-j", "2")
    assert result.code == 1
    target = tmp_path / "输出" / "表单.md"
    assert result.out == f"{target}\n"
    assert (f"{tmp_path / '乙' / '表单.yaml'}: 错误：输出文件“{target}”已经由“{tmp_path / '甲' / '表单.yaml'}”生成，"
            "两份表单不能写同一个文件。\n") in result.err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failed_form_leaves_a_shared_output_name_to_the_next(gen, tmp_path: Path, jobs: str) -> None:  # type: ignore[no-untyped-def]
    """目标重合的几份里，前面那份失败时后面那份照常写出（与逐份运行时一样）；目标不重合的由工作进程自己写。"""
    for county, text in (("甲", BAD_FORM), ("乙", VALID_FORM)):
        (tmp_path / county).mkdir()
        (tmp_path / county / "表单.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "丙.yaml").write_text(VALID_FORM, encoding="utf-8")
    result = gen("report", str(tmp_path / "甲"), str(tmp_path / "乙"), str(tmp_path / "丙.yaml"), "-f", "md",
                 "-o", str(tmp_path / "输出"), "-j", jobs)
    assert result.code == 1
    assert result.out == f"{tmp_path / '输出' / '表单.md'}\n{tmp_path / '输出' / '丙.md'}\n"
    assert "已经由" not in result.err


def test_forms_with_their_own_outputs_are_written_by_the_workers(tmp_path: Path) -> None:
    from generator.batch.core import _alone

    forms = [tmp_path / "甲" / "表单.yaml", tmp_path / "乙" / "表单.yaml", tmp_path / "丙.yaml"]
    assert _alone(forms, ["md"], f"{tmp_path}/输出/") == [False, False, True]
    assert _alone(forms, ["md"], None) == [True, True, True]
    assert _alone(forms, ["md", "pdf"], None) == [False, False, False]  # PDF 由主进程转换后写


def test_batch_refuses_to_overwrite_a_file_gen_did_not_write(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(VALID_FORM, encoding="utf-8")
    (tmp_path / "a.md").write_text("我自己写的\n", encoding="utf-8")
    result = gen("report", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "-f", "md")
    assert result.code == 1
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "我自己写的\n"
    assert (tmp_path / "b.md").exists()
    assert f"“{tmp_path / 'a.md'}”已经存在，而且不是 gen 生成的" in result.err


def test_api_runs_the_content_checks(tmp_path: Path) -> None:
    from generator.api import write_reports

    wrong = VALID_FORM.replace("全年体检{{体检人数}}。", "确诊82人，较之去年47人，增长了57.31%。")
    (tmp_path / "a.yaml").write_text(wrong, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(VALID_FORM, encoding="utf-8")
    seen: list[tuple[str, int, int]] = []
    result = write_reports([tmp_path], ["md"], jobs=1,
                           progress=lambda outcome, done, total: seen.append((outcome.form.name, done, total)))
    assert seen == [("a.yaml", 1, 2), ("b.yaml", 2, 2)]
    [failed] = result.failed
    assert failed.form == tmp_path / "a.yaml" and failed.content_error
    assert failed.first_error is not None and failed.first_error.line == 12
    assert [o.written for o in result.succeeded] == [[tmp_path / "b.md"]]


def test_pdfs_of_a_batch_use_one_libreoffice_call(gen, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import generator.write.pdf

    calls: list[list[str]] = []

    def fake(documents, outdir, *, env=None, soffice=None, done=None):  # type: ignore[no-untyped-def]
        calls.append([d.name for d in documents])
        outdir.mkdir(parents=True, exist_ok=True)
        pdfs = [outdir / f"{d.stem}.pdf" for d in documents]
        for pdf in pdfs:
            pdf.write_bytes(b"%PDF-1.4 fake\n%%EOF\n")
            if done is not None:
                done(pdf)
        return pdfs

    monkeypatch.setattr(generator.write.pdf, "find_soffice", lambda: Path("soffice"))
    monkeypatch.setattr(generator.write.pdf, "convert_files", fake)
    folder = county_folder(tmp_path, EXAMPLES)
    (folder / "坏.yaml").unlink()
    result = gen("report", str(folder), "-f", "pdf,docx", "-o", str(tmp_path / "输出"), "-j", "1")
    assert result.code == 0, result.err
    assert calls == [sorted(e.with_suffix(".docx").name for e in EXAMPLES)]
    assert sorted(p.name for p in (tmp_path / "输出").iterdir()) == sorted(
        e.with_suffix(s).name for e in EXAMPLES for s in (".docx", ".pdf"))


def test_real_pdf_batch(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    require_tool("soffice")
    folder = county_folder(tmp_path, EXAMPLES)
    (folder / "坏.yaml").unlink()
    result = gen("report", str(folder), "-f", "pdf", "-o", str(tmp_path / "输出"))
    assert result.code == 0, result.err
    for example in EXAMPLES:
        assert (tmp_path / "输出" / example.with_suffix(".pdf").name).read_bytes().startswith(b"%PDF")


def test_jobs_must_be_a_positive_number(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = gen("report", str(tmp_path), "-j", "0")
    assert result.code == 2
    assert result.err == ("用法错误：选项 -j/--jobs 的值不对：同时生成的份数要写 1 或更大的整数，如 -j 4；现在是“0”。\n"
                          "运行 gen report --help 查看用法。\n")


def test_progress_bar_on_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from rich.console import Console

    from generator.batch.run import run_batch
    from generator.cli.commands import print_diagnostics

    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(VALID_FORM, encoding="utf-8")
    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=100, highlight=False, soft_wrap=True)
    code = run_batch([tmp_path], ["md"], None, style=None, force=False, jobs=1, err=terminal, out=terminal,
                     print_diagnostics=print_diagnostics)
    assert code == 0
    drawn = screen.getvalue()
    assert "生成中" in drawn and "2/2" in drawn and "剩余" in drawn  # 进度条：份数、预计剩余时间
    assert "[1/2]" not in drawn  # 终端上不印逐行的纯文字
    assert drawn.endswith("共 2 份表单：成功 2 份，失败 0 份。\n")
    assert capsys.readouterr().out == f"{tmp_path / 'a.md'}\n{tmp_path / 'b.md'}\n"


def test_a_single_form_in_a_folder_gets_no_progress_lines(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.yaml").write_text(VALID_FORM, encoding="utf-8")
    result = gen("report", str(tmp_path), "-f", "md")
    assert result.code == 0
    assert result.err == "共 1 份表单：成功 1 份，失败 0 份。\n"


def test_pdf_batch_progress_advances_per_form(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """要转 PDF 时进度条不停在 0/N 再跳到 N/N：LibreOffice 每转出一份就往前走一格（issue 20）。"""
    import generator.write.pdf
    from generator.batch import write_reports

    events: list[tuple[str, int, int]] = []

    def fake(documents, outdir, *, env=None, soffice=None, done=None):  # type: ignore[no-untyped-def]
        outdir.mkdir(parents=True, exist_ok=True)
        pdfs = [outdir / f"{d.stem}.pdf" for d in documents]
        for pdf in pdfs:
            pdf.write_bytes(b"%PDF-1.4 fake\n%%EOF\n")
            done(pdf)
        return pdfs

    monkeypatch.setattr(generator.write.pdf, "find_soffice", lambda: Path("soffice"))
    monkeypatch.setattr(generator.write.pdf, "convert_files", fake)
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.yaml").write_text(VALID_FORM, encoding="utf-8")
    write_reports([tmp_path], ["pdf"], jobs=1,
                  progress=lambda outcome, done, total: events.append(("写出", done, total)),
                  step=lambda done, total: events.append(("转换", done, total)))
    assert events == [("转换", 1, 3), ("转换", 2, 3), ("转换", 3, 3), ("写出", 1, 3), ("写出", 2, 3), ("写出", 3, 3)]


def test_real_conversion_reports_each_pdf(tmp_path: Path) -> None:
    """真的 LibreOffice：转出的每份 PDF 都报告一次（进度用）。"""
    require_tool("soffice")
    from generator.pipeline import build_report
    from generator.write.pdf import convert_files

    sources = []
    for name in ("甲", "乙"):
        source = tmp_path / f"{name}.docx"
        source.write_bytes(build_report(EXAMPLES[0]).docx())
        sources.append(source)
    seen: list[str] = []
    pdfs = convert_files(sources, tmp_path / "out", done=lambda pdf: seen.append(pdf.name))
    assert sorted(seen) == ["乙.pdf", "甲.pdf"] and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


def test_paths_wait_until_the_bar_is_gone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """进度条画着时不往标准输出印路径（否则路径印在进度条那一行上）；收起后一起印出。"""
    import io

    from rich.console import Console

    from generator.batch.console import BatchConsole
    from generator.batch.results import FormOutcome

    terminal = Console(file=io.StringIO(), force_terminal=True, width=100)
    console = BatchConsole(terminal, terminal, lambda diagnostics: None, 2)
    with console.running():
        for index, name in enumerate(("a", "b"), 1):
            console(FormOutcome(tmp_path / f"{name}.yaml", written=[tmp_path / f"{name}.md"]), index, 2)
            assert capsys.readouterr().out == ""
    assert capsys.readouterr().out == f"{tmp_path / 'a.md'}\n{tmp_path / 'b.md'}\n"
